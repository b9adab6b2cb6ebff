use super::{Context, Rule};
use crate::declare_rule;
use crate::finding::Finding;
use crate::text::fold;
use std::collections::HashSet;

declare_rule! {
    /// ## What it does
    /// Off by default (`tally check --enable membership`). Reports a State named in a list
    /// introduced as "States Parties" that is not a State Party to the treaty the draft is
    /// about. The treaties and their States Parties are TOML files in `rules/membership/`
    /// (`treaty`, `titles`, `as_of`, `parties`); a set applies to a draft that names one of
    /// its `titles`, or to every draft when it has none. tally ships one example set, the
    /// Anti-Personnel Mine Ban Convention; a user rules folder adds others or replaces it.
    ///
    /// ## Why is this bad?
    /// A list of States Parties that names a State that has not joined is a factual error,
    /// often a slip for a neighbouring name in the list.
    ///
    /// ## Example
    /// ```markdown
    /// 4. Under the Anti-Personnel Mine Ban Convention, three States Parties – Chile,
    ///    India and Peru – reported.
    /// ```
    /// fires on "India" with the example set. "Chile, Peru and Ecuador" stays quiet, as does
    /// any list not introduced as States Parties.
    ///
    /// ## Fix
    /// Correct the list, or update the set in `rules/membership/` if the State has joined
    /// since its `as_of` date.
    pub struct Membership {
        id: "membership",
        severity: Warning,
        summary: "a State listed as a State Party that is not in the treaty's configured set (off by default)",
        default_enabled: false,
    }
}

fn collapse(s: &str) -> String {
    fold(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Rule for Membership {
    fn meta(&self) -> &'static super::Meta {
        &Self::META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        if cx.kb.membership.is_empty() {
            return;
        }
        let whole = collapse(
            &doc.units
                .iter()
                .map(|u| u.text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        );
        let g = cx.kb.states();
        for set in &cx.kb.membership {
            let applies =
                set.titles.is_empty() || set.titles.iter().any(|t| whole.contains(&collapse(t)));
            if !applies {
                continue;
            }
            let parties: HashSet<usize> = set
                .parties
                .iter()
                .filter_map(|p| g.lookup(p).map(|h| h.entity))
                .collect();
            for (li, list) in doc.lists.iter().enumerate() {
                let unit = &doc.units[list.unit];
                let sentence_start = doc
                    .sentences
                    .get(list.sentence)
                    .map_or(0, |s| s.range.start)
                    .min(list.range.start);
                let intro = fold(&unit.text[sentence_start..list.range.start]);
                let counted = doc.counts.iter().any(|c| {
                    c.list == Some(li) && {
                        let n = fold(&doc.source.text[c.noun_span.clone()]);
                        n.contains("parties") || n.contains("party")
                    }
                });
                if !(counted || intro.contains("states parties") || intro.contains("state party")) {
                    continue;
                }
                for item in &list.items {
                    let Some((0, e)) = item.entity else { continue };
                    if parties.contains(&e) {
                        continue;
                    }
                    let said = &doc.source.text[item.span.clone()];
                    let as_of = set
                        .as_of
                        .as_deref()
                        .map(|d| format!(" as of {d}"))
                        .unwrap_or_default();
                    out.push(
                        Finding::new(
                            self.meta().id,
                            self.meta().severity,
                            item.span.clone(),
                            format!(
                                "\"{said}\" is listed as a State Party, but it is not a State Party to the {}{as_of}",
                                set.treaty
                            ),
                        )
                        .label(item.span.clone(), "not in the configured set")
                        .label(list.span.clone(), "a list of States Parties")
                        .help(format!(
                            "correct the list, or add {} to the set in rules/membership/ if it has joined",
                            g.entities[e].name
                        )),
                    );
                }
            }
        }
    }
}
