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
])

PO = "percent-of"
write("percent-of", "shares", "Shares of a whole", [
    ("fire", PO, "warning", "1. Of the 52 States Parties, 31 (65 per cent) submitted a report.", "31 of 52 is 59.6 per cent"),
    ("fire", PO, "warning", "2. The Convention has 120 States Parties, of which 45 (42 percent) have adopted legislation.", "45 of 120 is 37.5 per cent"),
    ("fire", PO, "warning", "3. Only 14 of the 60 national focal points, or 30 per cent, attended the workshop.", "14 of 60 is 23.3 per cent"),
    ("fire", PO, "warning", "4. A majority of the respondents (44 per cent) favoured a longer reporting cycle.", "44 per cent is not a majority"),
    ("fire", PO, "warning", "5. Of the 40 reviews completed, 10, or a third, found serious gaps.", "10 of 40 is a quarter, not a third"),
    ("fire", PO, "warning", "6. Of the 48 Parties, 20 reported in full, 15 reported in part and the remaining 11 did not report.", "20 + 15 + 11 = 46, not 48"),
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
