use super::{Context, Rule};
use crate::decimal::{Dec, Interval};
use crate::declare_rule;
use crate::extract::quantities::{describe, year_ranges};
use crate::extract::{Cover, Document, Partition, Quantity};
use crate::finding::{Finding, Severity};
use crate::knowledge::HedgeKind;
use std::collections::BTreeSet;

declare_rule! {
    /// ## What it does
    /// Checks that a stated total agrees with the parts the same sentence breaks it into:
    /// "approximately USD1.9 billion (430.7 million (2014), 376.5 million (2015), 482.9
    /// million (2016), 673.2 million (2017))" adds up to 1,963.3 million, which is not 1.9
    /// billion to the precision the writer chose.
    ///
    /// A stated figure is a rounded figure: "1.9 billion" stands for 1.85 to 1.95 billion,
    /// "approximately 60" for anything the writer could have rounded to 60, "over 1.9
    /// billion" for anything above it. The parts (in brackets after the total, or after "of
    /// which", "comprising", "broken down as", "namely" or a colon) are added as intervals too,
    /// and the rule fires only when the two intervals cannot meet.
    ///
    /// Breakdowns written across sentences are read too: "Of these" or "Of them" opening a
    /// sentence takes the whole stated in the sentence before ("The Panel examined 37
    /// requests. Of these, 22 ..., 9 ... and 6 remain pending"), and "Of the 57 Parties, 21
    /// ..., 14 ... and the remaining 22" states its whole first. The parts are the figures that
    /// open a clause ("all three reports" inside a clause is not a part). A breakdown closed by
    /// "the remaining", "the other", "the rest" or "remain", or with three parts or more, is
    /// the whole breakdown and must add up; parts introduced by "including", or two parts after
    /// "of which" with nothing closing them, may be a selection: they must only not exceed the
    /// total. Where one part is a subset of another ("21 were upheld, including 9 ...") or the
    /// whole is unclear ("85 prosecutors and 60 judges. Of these, ..."), nothing is read.
    /// When the total covers a range of years ("2014-2017") and each part is tagged with a
    /// year, a missing or extra year is reported on its own.
    ///
    /// ## Why is this bad?
    /// A reader adds the parts. A total that does not match them means a part was changed
    /// without the total, or the other way round.
    ///
    /// ## Example
    /// ```markdown
    /// The fund received a total of EUR 14.6 million (EUR 3.2 million in 2018, EUR 3.9
    /// million in 2019, EUR 4.1 million in 2020 and EUR 4.4 million in 2021).
    /// ```
    /// fires (the parts add up to 15.6 million). These stay quiet:
    /// ```markdown
    /// The fund received approximately EUR 12 million (EUR 3.1 million, EUR 2.9 million,
    /// EUR 2.7 million and EUR 3.1 million respectively).
    /// Donors gave over USD 1.2 billion (USD 402.5 million in 2017, USD 415.8 million in 2018
    /// and USD 441.3 million in 2019).
    /// ```
    /// Figures in different currencies or units are never added together. This fires too:
    /// ```markdown
    /// The Committee registered 52 complaints. Of these, 21 were upheld, 18 were rejected and
    /// 11 were withdrawn.
    /// ```
    ///
    /// ## Fix
    /// Correct the total or the part that is wrong; the help says what the parts round to at
    /// the precision of the total. The finding is an error when the total is stated without a
    /// hedge and a warning when it is hedged ("approximately", "over").
    pub struct TotalParts {
        id: "total-parts",
        severity: Error,
        summary: "a total that does not match the sum of its parts",
    }
}

impl Rule for TotalParts {
    fn meta(&self) -> &'static super::Meta {
        &Self::META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let sums = |g: &&Partition| g.parts.len() >= 2 && g.cover != Cover::Shares;
        for g in cx.doc.partitions.iter().filter(sums) {
            self.check_group(cx.doc, g, out);
        }
    }
}

/// The exact sum of the parts as written, in base units.
fn exact_sum(parts: &[&Quantity]) -> Option<Dec> {
    parts
        .iter()
        .try_fold(Dec::ZERO, |acc, p| acc.checked_add(p.base()?))
}

impl TotalParts {
    fn check_group(&self, doc: &Document, g: &Partition, out: &mut Vec<Finding>) {
        let qs = &doc.quantities;
        let t = &qs[g.total];
        let parts: Vec<&Quantity> = g.parts.iter().map(|&p| &qs[p]).collect();
        let s = doc.units[t.unit].text.as_str();
        let text = |q: &Quantity| &s[q.number.clone()];
        let Some(sum_iv) = parts
            .iter()
            .try_fold(Interval::point(Dec::ZERO), |acc, p| acc.plus(p.interval))
        else {
            return;
        };
        let Some(sum) = exact_sum(&parts) else { return };
        let span_parts = parts[0].span.start..parts[parts.len() - 1].span.end;
        let hedged = t.hedge.is_some();
        let severity = if hedged {
            Severity::Warning
        } else {
            Severity::Error
        };
        // The parts in their own scale when they share one.
        let pscale = parts[0].scale;
        let same_scale = parts.iter().all(|p| p.scale == pscale);
        let (shown_scale, shown_word) = if same_scale {
            (pscale, parts[0].scale_word.clone())
        } else {
            (0, None)
        };
        let decimals = parts
            .iter()
            .map(|p| p.value.s + if same_scale { 0 } else { p.scale })
            .max()
            .unwrap_or(0);
        let sum_shown = sum
            .shift(-(shown_scale as i32))
            .map_or("?".into(), |d| d.display_with(decimals));
        let with_word = |v: String| match &shown_word {
            Some(w) => format!("{v} {w}"),
            None => v,
        };
        let arithmetic = if same_scale {
            parts
                .iter()
                .map(|p| text(p))
                .collect::<Vec<_>>()
                .join(" + ")
        } else {
            parts
                .iter()
                .map(|p| s[p.range.clone()].to_string())
                .collect::<Vec<_>>()
                .join(" + ")
        };
        let hedge_text = t
            .hedge
            .as_ref()
            .map_or(String::new(), |h| format!("{} ", &s[h.1.clone()]));
        let stated_plain = match &t.scale_word {
            Some(w) => format!("{} {w}", text(t)),
            None => text(t).to_string(),
        };
        let range = describe(&t.interval, t.scale, t.scale_word.as_deref(), false);
        // The interval is shown only where it says more than the words do.
        let stated = if range == stated_plain
            || range == format!("{hedge_text}{stated_plain}")
            || t.hedge
                .as_ref()
                .is_some_and(|h| h.0 != HedgeKind::Approximate)
        {
            format!("{hedge_text}{stated_plain}")
        } else {
            format!("{hedge_text}{stated_plain} ({range})")
        };
        let wrong = match g.cover {
            Cover::All => !sum_iv.meets(t.interval),
            Cover::Some => sum_iv.above(t.interval),
            Cover::Shares => false,
        };
        if wrong {
            let message = format!(
                "{arithmetic} = {}; stated {stated}",
                with_word(sum_shown.clone())
            );
            let rounds = sum
                .shift(-(t.scale as i32))
                .map(|d| d.round_to(t.value.s).display_with(t.value.s));
            let help = match (t.hedge.as_ref().map(|h| h.0), g.cover) {
                (_, Cover::Some) => format!(
                    "the parts listed add up to {}, more than the total: correct the total or one of the parts",
                    with_word(sum_shown.clone())
                ),
                // An exact count needs no rounding.
                (None, _) if rounds.as_deref() == Some(sum_shown.as_str()) => format!(
                    "the parts add up to {}: correct the total or one of the parts",
                    with_word(sum_shown.clone())
                ),
                (None | Some(HedgeKind::Approximate), _) => format!(
                    "the parts add up to {}, which rounds to {}{}: correct the total or one of the parts",
                    with_word(sum_shown.clone()),
                    rounds.unwrap_or_default(),
                    t.scale_word.as_ref().map_or(String::new(), |w| format!(" {w}"))
                ),
                _ => format!(
                    "the parts add up to {}, which is not {hedge_text}{stated_plain}: correct the total or one of the parts",
                    with_word(sum_shown.clone())
                ),
            };
            out.push(
                Finding::new(self.meta().id, severity, t.full_span.clone(), message)
                    .label(
                        t.full_span.clone(),
                        format!("stated {hedge_text}{stated_plain}"),
                    )
                    .label(
                        span_parts.clone(),
                        format!("parts add up to {}", with_word(sum_shown.clone())),
                    )
                    .help(help),
            );
        }
        // Years: a total for 2014-2017 over parts tagged with years.
        if parts.iter().all(|p| p.year.is_some()) {
            let sent = doc.sentences[t.sentence].range.clone();
            let ranges: Vec<_> = year_ranges(s, sent)
                .into_iter()
                .filter(|r| r.range.end <= g.range.start || r.range.start >= g.range.end)
                .collect();
            if let [r] = ranges.as_slice() {
                let want: BTreeSet<u16> = (r.from..=r.to).collect();
                let mut have = BTreeSet::new();
                let mut twice = BTreeSet::new();
                for p in &parts {
                    let y = p.year.unwrap_or_default();
                    if !have.insert(y) {
                        twice.insert(y);
                    }
                }
                let missing: Vec<String> = want.difference(&have).map(u16::to_string).collect();
                let extra: Vec<String> = have.difference(&want).map(u16::to_string).collect();
                let twice: Vec<String> = twice.iter().map(u16::to_string).collect();
                if !missing.is_empty() || !extra.is_empty() || !twice.is_empty() {
                    let period = &s[r.range.clone()];
                    let mut what = Vec::new();
                    if !missing.is_empty() {
                        what.push(format!("no figure for {}", missing.join(", ")));
                    }
                    if !extra.is_empty() {
                        what.push(format!(
                            "a figure for {}, outside the period",
                            extra.join(", ")
                        ));
                    }
                    if !twice.is_empty() {
                        what.push(format!("two figures for {}", twice.join(", ")));
                    }
                    let unit = doc.units[t.unit].clone();
                    out.push(
                        Finding::new(
                            self.meta().id,
                            Severity::Warning,
                            t.full_span.clone(),
                            format!("the total covers {period} but its parts give {}", what.join(" and ")),
                        )
                        .label(unit.span_of(r.range.clone()), format!("period {period}"))
                        .label(span_parts, format!("{} yearly figures", parts.len()))
                        .help("check that the period and the yearly figures match; a year may have been dropped or added in an edit"),
                    );
                }
            }
        }
    }
}
