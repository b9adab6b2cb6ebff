#!/usr/bin/env python3
"""Writes fixtures/{total-parts,percent-of,table-total}/*.md and their sidecars from the cases
below, so that each case's line number in the sidecar is computed, not counted by hand."""
import os

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures")


def write(folder, name, title, cases):
    lines = [f"# {title}", ""]
    toml = [f"# Cases for {name}.md: [[expect]] must fire, [[quiet]] must stay quiet.", ""]
    for kind, rule, sev, text, why in cases:
        block = text.strip("\n").split("\n")
        # The case's line: the last line of a table (its total row) or the paragraph.
        at = len(lines) + (len(block) if "|" in block[0] and kind != "quiet-row" else 1)
        if isinstance(kind, tuple):
            kind, offset = kind
            at = len(lines) + offset
        lines.extend(block)
        lines.append("")
        if kind == "fire":
            toml += ["[[expect]]", f'rule = "{rule}"', f"line = {at}", f'severity = "{sev}"', f'why = "{why}"', ""]
        else:
            rules = rule if isinstance(rule, list) else [rule]
            toml += ["[[quiet]]", f"line = {at}", "rules = [" + ", ".join(f'"{r}"' for r in rules) + "]", f'why = "{why}"', ""]
    d = os.path.join(ROOT, folder)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name + ".md"), "w") as f:
        f.write("\n".join(lines))
    with open(os.path.join(d, name + ".expected.toml"), "w") as f:
        f.write("\n".join(toml))


TP = "total-parts"
write("total-parts", "totals", "Totals and their parts", [
    ("fire", TP, "error", "1. The Trust Fund received a total of EUR 8.4 million (EUR 2.1 million in 2019, EUR 2.6 million in 2020 and EUR 2.9 million in 2021).", "2.1 + 2.6 + 2.9 = 7.6 million, not 8.4"),
    ("fire", TP, "warning", "2. Contributions amounted to approximately USD 5.2 billion over 2018–2020 (USD 1.9 billion in 2018, USD 1.8 billion in 2019 and USD 1.9 billion in 2020).", "1.9 + 1.8 + 1.9 = 5.6 billion, outside 5.15-5.25 even with the hedge"),
    ("fire", TP, "error", "3. The programme disbursed $12.5m (8.1 million to field projects and 5.2 million to training).", "8.1 + 5.2 = 13.3 million, not 12.5; the bare figures carry the dollar"),
    ("fire", TP, "error", "4. The Committee received 41 requests: 17 from Africa, 12 from Asia and 9 from Latin America.", "17 + 12 + 9 = 38, not 41"),
    ("fire", TP, "error", "5. A total of 1,250 tons of ordnance was destroyed (420 tons in 2019, 515 tons in 2020 and 365 tons in 2021).", "420 + 515 + 365 = 1,300 tons"),
    ("fire", TP, "warning", "6. From 2016 to 2019 the Fund received EUR 11.3 million (EUR 3.0 million in 2016, EUR 4.1 million in 2017 and EUR 4.2 million in 2019).", "the sum holds but 2018 has no figure"),
    ("fire", TP, "error", "7. Pledges reached CHF 3.5 million (CHF 1.2 million from Norway, CHF 0.9 million from Switzerland and CHF 1.1 million from Japan).", "1.2 + 0.9 + 1.1 = 3.2 million"),
    ("fire", TP, "error", "8. The Facility spent USD 4.0 million on surveys, including USD 2.5 million for technical survey and USD 1.9 million for non-technical survey.", "'including' parts may be partial, but 4.4 million is more than 4.0"),
    ("fire", TP, "warning", "9. Over the period, donors gave more than USD 900 million (USD 310.2 million in 2019, USD 280.5 million in 2020 and USD 295.0 million in 2021).", "885.7 million is not more than 900 million"),
    ("quiet", TP, "", "10. The Fund received approximately USD 47 million (USD 15.2 million in 2019, USD 16.1 million in 2020 and USD 15.9 million in 2021).", "47.2 million is approximately 47"),
    ("quiet", TP, "", "11. Assistance exceeded USD 1.9 billion over 2016–2019 (USD 402.1 million in 2016, USD 512.4 million in 2017, USD 498.3 million in 2018 and USD 550.5 million in 2019).", "1,963.3 million exceeds 1.9 billion; every year of the period has a figure"),
    ("quiet", TP, "", "12. The two funds received EUR 9.0 million (USD 4.2 million from the first and EUR 3.1 million from the second).", "mixed currencies are never added"),
    ("quiet", TP, "", "13. The teams cleared 412 hectares (35 minefields in the north and 28 in the south).", "hectares and minefields are different units"),
    ("quiet", TP, "", "14. The Fund spent USD 6.0 million in 2021, including USD 2.2 million on victim assistance and USD 1.4 million on risk education.", "'including' parts are a selection: 3.6 is less than 6.0"),
    ("quiet", TP, "", "15. The Subcommittee registered 31 communications, of which 12 were declared admissible and 7 were discontinued.", "'of which' parts are a selection: 19 of 31"),
    ("quiet", TP, "", "16. The Panel examined 26 cases during the year: 14 in Africa, 8 in Asia and 4 in Europe.", "14 + 8 + 4 = 26"),
    ("quiet", TP, "", "17. Affected States reported national contributions of some EUR 20 million (EUR 6.4 million, EUR 7.1 million and EUR 6.9 million respectively).", "20.4 million is 'some 20 million'"),
    ("quiet", TP, "", "18. The Fund disbursed USD 12.6 million between 2019 and 2021 (USD 4.0 million in 2019, USD 4.3 million in 2020 and USD 4.3 million in 2021).", "4.0 + 4.3 + 4.3 = 12.6 and each year has a figure"),
    ("quiet", TP, "", "19. Women made up 46 per cent of participants (41 per cent in 2020 and 51 per cent in 2021).", "percentages of different years do not add up to a total"),
    ("quiet", TP, "", "20. Of the USD 30 million pledged, USD 12.5 million (USD 7.5 million from Norway and USD 5.0 million from Canada) was received.", "the bracket breaks down the 12.5 million received, not the 30 million pledged"),
    ("quiet", TP, "", "21. The Partnership received CHF 7.3 million (CHF 2.44 million, CHF 2.43 million and CHF 2.41 million respectively).", "7.28 million rounds to 7.3"),
    ("fire", TP, "error", "22. The Review Group received 45 requests for technical assistance in 2021. Of these, 19 concerned legislative drafting, 14 concerned institution-building and 9 remain under assessment.", "'Of these' is the 45 requests of the sentence before: 19 + 14 + 9 = 42"),
    ("fire", TP, "error", "23. The Committee registered 52 complaints during the period, of which 21 were upheld, 18 were rejected and 11 were withdrawn.", "three parts after 'of which' are the whole breakdown: 21 + 18 + 11 = 50"),
    ("fire", TP, "error", "24. The Secretariat received 30 nominations, of which 17 were accepted and the remaining 11 were returned for revision.", "'the remaining' closes the breakdown: 17 + 11 = 28"),
    ("fire", TP, "error", "25. Of the 36 field offices, 15 completed the audit, 12 started it and the remaining 6 have not yet begun.", "15 + 12 + 6 = 33, not 36"),
    ("fire", TP, "error", "26. The questionnaire went to all members and 120 replies were received. Of these, 64 Member States reported full compliance, 31 reported partial compliance, and the remaining 21 did not answer the question.", "the parts count States, the whole replies, but 'Of these' ties them: 64 + 31 + 21 = 116"),
    ("fire", TP, "error", "27. In 2022 the Network counted 40 member institutions. Of them, 18 are universities, 13 are research institutes, and the other 7 are government laboratories.", "'Of them' with 'the other': 18 + 13 + 7 = 38"),
    ("quiet", TP, "", "28. The Review Group received 45 requests for technical assistance in 2021. Of these, 19 concerned legislative drafting, 17 concerned institution-building and 9 remain under assessment.", "19 + 17 + 9 = 45"),
    ("quiet", TP, "", "29. The Committee registered 52 complaints during the period, of which 21 were upheld, including 9 on procedural grounds, 20 were rejected and 11 were withdrawn.", "the 9 are among the 21 upheld: 21 + 20 + 11 = 52, nothing to add twice"),
    ("quiet", TP, "", "30. In 2021 the Office trained 85 prosecutors and 60 judges. Of these, 70 came from the capital, 45 from the provinces and the remaining 30 from abroad.", "'these' are the 145 trained together; neither figure alone is the whole"),
    ("quiet", TP, "", "31. Of the 40 States, 22 submitted 3 reports each, 10 submitted one and the remaining 8 submitted none.", "22 + 10 + 8 = 40; the 3 and the 'one' count reports inside a clause"),
    ("quiet", TP, "", "32. The Panel examined 37 cases. Of these, 12 concerned cultural objects.", "a single share is not a breakdown"),
    ("quiet", TP, "", "33. The Secretariat received 30 nominations, of which 17 were accepted and 11 were returned for revision.", "two parts after 'of which' with nothing closing them may be a selection: 28 of 30"),
    ("fire", TP, "error", "34. The Mission visited 28 places of detention. Of those, 11 were police stations, 9 were prisons and the rest, 6, were immigration centres.", "'Of those' with 'the rest': 11 + 9 + 6 = 26"),
    ("fire", TP, "error", "35. The Registry logged 64 submissions, of which 30 came from States, 21 from civil society and 10 from academic institutions.", "three parts after 'of which': 30 + 21 + 10 = 61"),
    ("quiet", TP, "", "36. The Committee has 30 members. Of these, 12 attended in 2019, 15 in 2020 and 20 in 2021.", "attendance over three years is a series, not a breakdown of the 30"),
    ("quiet", TP, "", "37. Of the 30 experts on the roster, 12 are women, 18 are men and 5 are under 30 years of age.", "age is another dimension: with a stray figure among the parts, three parts are not read as the whole breakdown"),
    ("quiet", TP, "", "38. The Committee adopted 12 views. Of these, 7 found a violation, 3 found no violation and 2 were discontinued, while 4 views adopted in 2020 remain unpublished.", "7 + 3 + 2 = 12; the 4 views of 2020 are another group"),
    ("quiet", TP, "", "39. A total of 120 officials were trained. Of them, 70 were men and 50 were women, and 30 of the women were prosecutors.", "the 30 are among the 50 women: nothing to add"),
])

PO = "percent-of"
write("percent-of", "shares", "Shares of a whole", [
    ("fire", PO, "warning", "1. Of the 52 States Parties, 31 (65 per cent) submitted a report.", "31 of 52 is 59.6 per cent"),
    ("fire", PO, "warning", "2. The Convention has 120 States Parties, of which 45 (42 percent) have adopted legislation.", "45 of 120 is 37.5 per cent"),
    ("fire", PO, "warning", "3. Only 14 of the 60 national focal points, or 30 per cent, attended the workshop.", "14 of 60 is 23.3 per cent"),
    ("fire", PO, "warning", "4. A majority of the respondents (44 per cent) favoured a longer reporting cycle.", "44 per cent is not a majority"),
    ("fire", PO, "warning", "5. Of the 40 reviews completed, 10, or a third, found serious gaps.", "10 of 40 is a quarter, not a third"),
    ("fire", TP, "error", "6. Of the 48 Parties, 20 reported in full, 15 reported in part and the remaining 11 did not report.", "20 + 15 + 11 = 46, not 48: a partition sum is total-parts' to report"),
    ("fire", PO, "warning", "7. In the survey, 24 per cent of the 75 States that replied, or 24 States, reported shortages.", "24 of 75 is 32 per cent"),
    ("fire", PO, "warning", "8. Nearly half of the projects (11 of 36) were delayed.", "11 of 36 is 30.6 per cent, not nearly half"),
    ("fire", PO, "warning", "9. Two thirds of the trained deminers (58 percent) were women.", "58 per cent is not two thirds"),
    ("quiet", PO, "", "10. Of the 52 States Parties, 34 (65 per cent) submitted a report.", "34 of 52 is 65.4 per cent"),
    ("quiet", PO, "", "11. The Convention has 120 States Parties, of which 45 (37.5 percent) have adopted legislation.", "45 of 120 is 37.5 per cent"),
    ("quiet", PO, "", "12. Only 18 of the 60 national focal points, or 30 per cent, attended the workshop.", "18 of 60 is 30 per cent"),
    ("quiet", PO, "", "13. The majority of funding (65%) went to five States.", "65 per cent is a majority"),
    ("quiet", PO, "", "14. Of the 40 reviews completed, 10, or a quarter, found serious gaps.", "10 of 40 is a quarter"),
    ("quiet", PO, "", "15. Of the 48 Parties, 20 reported in full, 17 reported in part and the remaining 11 did not report.", "20 + 17 + 11 = 48"),
    (("quiet", 1), PO, "", "16. At the end of the period 58 Parties had reported in full and 32 Parties had reported in part. The remaining 57 Parties, almost 40 per cent of Parties, had not reported.", "58 + 32 + 57 = 147 and 57 of 147 is 38.8 per cent, almost 40"),
    ("quiet", PO, "", "17. Of the 64 States Parties, 40 have adopted a code of conduct, and 25 per cent of all public procurement officials have received training.", "the 25 per cent is of a different group"),
    ("quiet", PO, "", "18. Approximately 60 per cent of the Parties, 39 of 64, have adopted a plan.", "39 of 64 is 60.9 per cent, approximately 60"),
    ("quiet", PO, "", "19. More than a third of the area cleared (131 of 350 hectares) was in the border districts.", "131 of 350 is 37.4 per cent, more than a third"),
    ("quiet", PO, "", "20. Administrative costs were 6.2 per cent of expenditure, below the ceiling of 8 per cent.", "no count and no whole are stated"),
    ("quiet", PO, "", "21. The reporting rate rose from 48 of 80 Parties to 58 of 80, an increase of 12 percentage points.", "percentage points are not a share"),
    ("fire", PO, "warning", "22. The Convention had 60 States Parties at the end of 2021. Of these, 42 submitted an annual report, a reporting rate of 75 per cent.", "'Of these' is the 60 Parties: 42 of 60 is 70 per cent"),
    ("fire", PO, "warning", "23. Eighteen States joined the Network. During the year, 12 of them, or 75 per cent, hosted a training course.", "'of them' is the 18 States: 12 of 18 is 66.7 per cent"),
    ("fire", PO, "warning", "24. Overall, 9 of the 30 Parties that border more than one lake (40 per cent) have a joint commission.", "9 of 30 is 30 per cent; 'more than one lake' sits inside the clause"),
    ("fire", PO, "warning", "25. The Committee received 80 replies. Of these, 44 reported no shortage, 24 reported occasional shortages, and the remaining 12 reported lasting shortages. In other words, 60 per cent of respondents reported no shortage and 15 per cent reported lasting shortages.", "44 of 80 is 55 per cent, and no part or sum of parts gives 60"),
    ("quiet", PO, "", "26. The Convention had 60 States Parties at the end of 2021. Of these, 42 submitted an annual report, a reporting rate of 70 per cent.", "42 of 60 is 70 per cent"),
    ("quiet", PO, "", "27. Eighteen States joined the Network. During the year, 12 of them, or 67 per cent, hosted a training course.", "12 of 18 is 66.7 per cent"),
    ("quiet", PO, "", "28. Overall, 9 of the 30 Parties that border more than one lake (30 per cent) have a joint commission.", "9 of 30 is 30 per cent"),
    ("quiet", PO, "", "29. The Committee received 80 replies. Of these, 44 reported no shortage, 24 reported occasional shortages, and the remaining 12 reported lasting shortages. In other words, 55 per cent of respondents reported no shortage and 45 per cent reported some shortage.", "44 of 80 is 55 per cent; 24 + 12 = 36 of 80 is 45 per cent"),
    ("quiet", PO, "", "30. The Committee received 80 replies. Of these, 44 reported no shortage, 24 reported occasional shortages, and the remaining 12 reported lasting shortages. Some 35 per cent of respondents also reported staff turnover.", "a percentage of another question, not a restatement of the breakdown"),
    ("quiet", PO, "", "31. The Committee received 80 replies. Of these, 44 reported no shortage, 24 reported occasional shortages, and the remaining 12 reported lasting shortages. In other words, 55 per cent of respondents reported no shortage, while 35 per cent of national budgets went to procurement.", "the 35 per cent is of budgets, not of the replies"),
    ("quiet", PO, "", "32. The Office trained 85 prosecutors and 60 judges in 2021. Of these, 29, or 20 per cent, were women.", "'these' are the 145 trained together (20 per cent); neither figure alone is the whole"),
    ("fire", PO, "warning", "33. The Network had 25 member laboratories in 2022. Of those, 15 (75 per cent) were accredited.", "15 of 25 is 60 per cent"),
    ("quiet", PO, "", "34. The Commission heard 30 witnesses in 13 countries, and 12 of them were women (40 per cent).", "'them' may be the witnesses (40 per cent) or the countries: no clear whole"),
    ("quiet", PO, "", "35. The Committee received 150 replies. Of these, 88 reported full availability, 41 reported short interruptions and the remaining 21 reported longer interruptions. In other words, 59 per cent of respondents reported full availability, an increase of 5 per cent over 2019.", "88 of 150 is 58.7 per cent; the 5 per cent is a change, not a share"),
])

TT = "table-total"
def table(label, rows):
    out = [f"| {' | '.join(label)} |", "|" + "---|" * len(label)]
    for r in rows:
        out.append(f"| {' | '.join(r)} |")
    return "\n".join(out)

write("table-total", "tables", "Tables with totals", [
    ("fire", TT, "error", table(["Region", "Reports"], [["Africa", "12"], ["Asia-Pacific", "9"], ["Europe", "17"], ["Total", "40"]]), "12 + 9 + 17 = 38, not 40"),
    ("fire", TT, "error", table(["Country", "2022", "2023", "Total"], [["Chad", "14", "16", "30"], ["Mali", "21", "19", "41"], ["Total", "35", "35", "71"]]), "row Mali 21 + 19 = 40, not 41, and the Total column 30 + 41 = 71 holds but 35 + 35 = 70"),
    ("fire", TT, "error", table(["Area", "Budget"], [["Survey", "4.35"], ["Clearance", "6.10"], ["Education", "1.25"], ["Total", "11.90"]]), "4.35 + 6.10 + 1.25 = 11.70"),
    ("fire", TT, "error", table(["Source", "Amount"], [["Regular budget", "310"], ["In-kind", "–"], ["Voluntary", "145"], ["Total", "465"]]), "310 + 145 = 455 with the dash skipped"),
    ("fire", "count-list", "error", table(["States not party"], [["Bhutan"], ["Nepal"], ["Tonga"], ["Tuvalu"], ["5 States not party"]]), "'5 States not party' under four names"),
    ("fire", TT, "error", table(["Item", "Hours"], [["Training", "120"], ["Field visits", "85"], ["Sum", "215"]]), "120 + 85 = 205"),
    ("quiet", TT, "", table(["Region", "Reports"], [["Africa", "12"], ["Asia-Pacific", "9"], ["Europe", "17"], ["Total", "38"]]), "12 + 9 + 17 = 38"),
    ("quiet", TT, "", table(["Line", "Budget"], [["Staff", "3.33"], ["Travel", "3.33"], ["Meetings", "3.34"], ["Total", "10.0"]]), "10.00 is 10.0"),
    ("quiet", TT, "", table(["Site", "2022", "2023"], [["North", "40", "n/a"], ["South", "", "25"], ["East", "15", "10"], ["Total", "55", "35"]]), "blank and n/a cells are skipped"),
    ("quiet", TT, "", table(["Donor", "Amount", "Share (%)"], [["Norway", "45", "33.3"], ["Japan", "45", "33.3"], ["Canada", "45", "33.3"], ["Total", "135", "100"]]), "shares are not added; 45 x 3 = 135"),
    ("quiet", TT, "", table(["Country", "2022", "2023", "Total"], [["Chad", "14", "16", "30"], ["Mali", "21", "19", "40"], ["Total", "35", "35", "70"]]), "every row and column adds up"),
    ("quiet", TT, "", table(["Region", "Sites"], [["Coastal", "7"], ["Inland", "5"], ["All regions", "12"]]), "7 + 5 = 12"),
])
