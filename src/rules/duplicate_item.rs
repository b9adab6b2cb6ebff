use super::{Context, Rule};
use crate::declare_rule;
use crate::finding::Finding;
use std::collections::HashMap;

declare_rule! {
    /// ## What it does
    /// Reports an item named twice in one list: "Chad, Mali, Niger and Mali". Known names are
    /// compared as entities, so "Viet Nam" and "Vietnam", or "Côte d’Ivoire" and "Côte
    /// d'Ivoire", are the same item.
    ///
    /// ## Why is this bad?
    /// A repeated name is usually a slip for another name, and it makes the list's length
    /// disagree with what it seems to count.
    ///
    /// ## Example
    /// ```markdown
    /// Dialogues were held in Chile, Peru, Ecuador and Peru.
    /// ```
    /// fires; "Sudan and South Sudan", or "Niger and Nigeria", are different States and stay
    /// quiet, as does the same State in two different lists.
    ///
    /// ## Fix
    /// Remove the repeated item or replace it with the name that was meant.
    pub struct DuplicateItem {
        id: "duplicate-item",
        severity: Warning,
        summary: "the same item twice in one list",
    }
}

impl Rule for DuplicateItem {
    fn meta(&self) -> &'static super::Meta {
        &Self::META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let text = &cx.doc.source.text;
        for list in &cx.doc.lists {
            let mut seen: HashMap<&str, usize> = HashMap::new();
            for (i, item) in list.items.iter().enumerate() {
                if let Some(&first) = seen.get(item.key.as_str()) {
                    let f = &list.items[first];
                    out.push(
                        Finding::new(
                            self.meta().id,
                            self.meta().severity,
                            item.span.clone(),
                            format!("\"{}\" is already in this list", &text[item.span.clone()]),
                        )
                        .label(item.span.clone(), "named again here")
                        .label(f.span.clone(), "first named here")
                        .help(
                            "remove the repeated item, or replace it with the name that was meant",
                        ),
                    );
                } else {
                    seen.insert(item.key.as_str(), i);
                }
            }
        }
    }
}
