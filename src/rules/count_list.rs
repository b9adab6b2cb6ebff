use super::{Context, Rule};
use crate::declare_rule;
use crate::extract::numbers::spell;
use crate::finding::{Finding, Severity};
use crate::knowledge::HedgeKind;

declare_rule! {
    /// ## What it does
    /// Checks that a count and the list of what it counts agree: "seven States Parties have
    /// participated – Angola, Croatia, Ecuador, Serbia, Somalia, Sri Lanka, Sudan, Tajikistan
    /// and Zimbabwe" says seven and names nine.
    ///
    /// A count is a number bound to a counted noun (States Parties, countries, donors,
    /// committees, ...; `rules/count-nouns.toml`). Its list is the one introduced after it in the
    /// same sentence (by a dash, a colon, "namely" or a bracket), a list of names right before
    /// it ("Ecuador and Peru, the two States that ..."), or a bullet list right after a
    /// paragraph that ends with the count and a colon. Known names are read whole, so "Saint
    /// Kitts and Nevis" and "Bolivia (Plurinational State of)" are one item each.
    ///
    /// ## Why is this bad?
    /// Readers check the count against the names. A mismatch means a name was dropped or added
    /// in an edit, or the count was never updated; either way the draft contradicts itself.
    ///
    /// ## Example
    /// ```markdown
    /// Three States Parties – Chile, Peru, Ecuador and Bolivia (Plurinational State of) – reported.
    /// ```
    /// fires (three, but four names). These stay quiet:
    /// ```markdown
    /// Three States Parties – Chile, Saint Kitts and Nevis and Peru – reported.
    /// A number of States, including Chile, Peru, Ecuador and Brazil, reported.
    /// Several States, such as Chile, Peru and Ecuador, reported.
    /// ```
    /// An open list ("including", "such as", "for example") may name fewer than its count,
    /// never more. A hedged count ("up to 10", "more than five") is read as a range.
    ///
    /// ## Fix
    /// Correct the count or the list; tally cannot know which side is wrong, so it never
    /// changes either. When some items are not known names of the kind counted, the finding is
    /// a warning and says which items it could not read.
    pub struct CountList {
        id: "count-list",
        severity: Error,
        summary: "a count that differs from the number of items in its list",
    }
}

impl Rule for CountList {
    fn meta(&self) -> &'static super::Meta {
        &Self::META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        for c in &doc.counts {
            let Some(li) = c.list else { continue };
            let list = &doc.lists[li];
            let n = list.items.len() as u64;
            let said = &doc.source.text[c.span.clone()];
            let (low, high) = match c.hedge.as_ref().map(|h| h.0) {
                None => (c.value, c.value),
                Some(HedgeKind::Approximate) => continue,
                Some(HedgeKind::Below) | Some(HedgeKind::LessThan) => {
                    (0, c.value.saturating_sub(1))
                }
                Some(HedgeKind::Above) => (c.value + 1, u64::MAX),
                Some(HedgeKind::AtLeast) => (c.value, u64::MAX),
                Some(HedgeKind::AtMost) => (0, c.value),
            };
            // An open list names some of the group: only more names than the count is wrong.
            let wrong = if list.open {
                n > high
            } else {
                n < low || n > high
            };
            if !wrong {
                continue;
            }
            let states = cx.kb.count_nouns[c.noun].gazetteer.is_some();
            let unknown: Vec<&str> = list
                .items
                .iter()
                .filter(|i| i.entity.is_none())
                .map(|i| &doc.source.text[i.span.clone()])
                .collect();
            let severity = if states && !unknown.is_empty() {
                Severity::Warning
            } else {
                Severity::Error
            };
            let noun = &doc.source.text[c.noun_span.clone()];
            let word = if states { "names" } else { "items" };
            let n_words = spell(n, c.written());
            let said_full = match &c.hedge {
                Some((_, r)) => format!("{} {said}", &doc.units[c.unit].text[r.clone()]),
                None => said.to_string(),
            };
            let mut message = if list.open {
                format!("\"{said_full} {noun}\" but the list that follows names {n_words}, more than the count")
            } else {
                format!("\"{said_full} {noun}\" but {n_words} {word} are listed")
            };
            if severity == Severity::Warning {
                message.push_str(&format!(
                    " ({} of them not a known State: {})",
                    unknown.len(),
                    unknown
                        .iter()
                        .map(|u| format!("\"{u}\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            let names: Vec<&str> = list
                .items
                .iter()
                .map(|i| &doc.source.text[i.span.clone()])
                .collect();
            let list_label = format!("{n_words} {word}: {}", names.join(", "));
            let help = if list.open {
                format!("an open list names some of the group: did you mean {n_words} or more {noun}, or is a name in the list by mistake?")
            } else if c.hedge.is_some() {
                format!("the list names {n_words}: correct the count or the list")
            } else {
                format!("did you mean {n_words}? If the count is right, the list is missing or repeats a name")
            };
            out.push(
                Finding::new(self.meta().id, severity, c.span.clone(), message)
                    .label(c.span.clone(), format!("says {said}"))
                    .label(list.span.clone(), list_label)
                    .help(help),
            );
        }
    }
}
