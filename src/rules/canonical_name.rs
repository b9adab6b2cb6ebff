use super::names::words;
use super::{Context, Rule};
use crate::declare_rule;
use crate::extract::draft_date::{self, parse_iso};
use crate::finding::{Edit, Finding, Fix};
use crate::knowledge::Form;
use crate::markdown::BlockKind;
use crate::text::{fold, folds_to};
use foldhash::{HashMap, HashMapExt};

declare_rule! {
    /// ## What it does
    /// Reports a State written in a form other than its United Nations short name: "Syria"
    /// for "Syrian Arab Republic", "Laos", "Russia", "Vietnam", "Ivory Coast", "Czech
    /// Republic". A renamed State's former name ("Swaziland", "Turkey") is reported only
    /// when the draft is dated on or after the change, so a 2019 draft that says "Turkey" is
    /// right. The draft's date is the first full date in its front matter or masthead, else
    /// `--as-of YYYY-MM-DD`, else today.
    ///
    /// The formal name ("the Republic of Türkiye") is always fine, and so is the short name
    /// with its article ("the Niger"). Aliases, former names and their dates are data in
    /// `rules/gazetteer/states.toml`; places where an alias means something else ("Micronesia"
    /// beside "Melanesia") are in `rules/names.toml`.
    ///
    /// ## Why is this bad?
    /// United Nations documents name States by their short names. A common name in a draft is
    /// a style slip an editor will correct, and a former name is out of date.
    ///
    /// ## Example
    /// ```markdown
    /// 28 April 2023
    ///
    /// 1. Funding went to Iraq, Syria and Colombia; Turkey hosted the meeting.
    /// ```
    /// fires twice ("Syria", and "Turkey" in a 2023 draft). This stays quiet:
    /// ```markdown
    /// 15 October 2019
    ///
    /// 1. Funding went to Iraq, the Syrian Arab Republic and Colombia; Turkey hosted it.
    /// ```
    ///
    /// ## Fix
    /// Replace the name with the short name. The fix is marked safe only when the name
    /// belongs to one State and no article precedes it.
    pub struct CanonicalName {
        id: "canonical-name",
        severity: Info,
        summary: "a State not written with its United Nations short name",
        fixable: true,
    }
}

impl Rule for CanonicalName {
    fn meta(&self) -> &'static super::Meta {
        &Self::META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let g = cx.kb.states();
        let judged = draft_date::judging_date(doc.date, cx.as_of);
        let dated_by = if doc.date.is_some() {
            "the draft is dated"
        } else if cx.as_of.and_then(parse_iso).is_some() {
            "the draft is judged as of"
        } else {
            "today is"
        };
        // Whether a folded form names one State only (its fix is safe), worked out for the
        // forms that reach a finding, once each: folding every form of every State into a
        // map cost more than the rest of the rule on a review-sized draft.
        let mut one_owner: HashMap<String, bool> = HashMap::new();
        let mut names_one_state = |folded: &str| {
            if let Some(&one) = one_owner.get(folded) {
                return one;
            }
            let owns = |e: &&crate::knowledge::Entity| {
                std::iter::once(&e.name)
                    .chain(&e.formal)
                    .chain(&e.aliases)
                    .chain(e.former.iter().map(|f| &f.name))
                    .any(|f| folds_to(f.strip_prefix("the ").unwrap_or(f), folded))
            };
            let one = g.entities.iter().filter(owns).take(2).count() == 1;
            one_owner.insert(folded.to_string(), one);
            one
        };
        let near: Vec<(usize, std::ops::Range<usize>)> = cx
            .near_misses()
            .iter()
            .map(|n| (n.unit, n.range.clone()))
            .collect();
        for m in doc.mentions.iter().filter(|m| m.gazetteer == 0) {
            let e = &g.entities[m.entity];
            let unit = &doc.units[m.unit];
            let said = &unit.text[m.range.clone()];
            let folded = fold(said);
            let since = match &m.form {
                Form::Name | Form::Formal => continue,
                Form::Alias => None,
                Form::Former(until) => match parse_iso(until) {
                    Some(d) if judged >= d => Some(d),
                    _ => continue,
                },
            };
            if since.is_none() {
                // Diacritics or an article are no reason to write to the editor.
                let bare = |s: &str| fold(s.strip_prefix("the ").unwrap_or(s));
                if folded == bare(&e.name) || e.formal.as_deref().is_some_and(|f| folded == bare(f))
                {
                    continue;
                }
                if self.other_meaning(cx, m.unit, m.sentence, &m.range, said) {
                    continue;
                }
            }
            if near
                .iter()
                .any(|(u, r)| *u == m.unit && r.start <= m.range.start && m.range.end <= r.end)
            {
                continue; // name-variant reports "State Palestine"
            }
            let before = unit.text[..m.range.start].trim_end();
            let with_article = before
                .rsplit(|c: char| !c.is_alphabetic())
                .next()
                .is_some_and(|w| w.eq_ignore_ascii_case("the"));
            let unique = names_one_state(&folded);
            let name = e.name.as_str();
            let (message, label, help) = match since {
                None => (
                    format!("\"{said}\": the United Nations short name is \"{name}\""),
                    format!("a common name for {name}"),
                    format!("write \"{name}\", the short name used in United Nations documents"),
                ),
                Some(d) => (
                    format!(
                        "\"{said}\": the United Nations short name has been \"{name}\" since {}",
                        draft_date::display(d)
                    ),
                    "former name".to_string(),
                    format!(
                        "{dated_by} {}, after the change: write \"{name}\"",
                        draft_date::display(judged)
                    ),
                ),
            };
            out.push(
                Finding::new(
                    self.meta().id,
                    self.meta().severity,
                    m.span.clone(),
                    message,
                )
                .label(m.span.clone(), label)
                .help(help)
                .fix(Fix {
                    edits: vec![Edit {
                        span: m.span.clone(),
                        replacement: name.to_string(),
                    }],
                    safe: unique && !with_article,
                }),
            );
        }
    }
}

impl CanonicalName {
    /// An alias used for something other than the State, or inside a fixed term.
    fn other_meaning(
        &self,
        cx: &Context,
        unit: usize,
        sentence: usize,
        range: &std::ops::Range<usize>,
        said: &str,
    ) -> bool {
        let text = &cx.doc.units[unit].text;
        let folded = fold(said);
        for c in cx
            .kb
            .names
            .alias_context
            .iter()
            .filter(|c| fold(&c.alias) == folded)
        {
            // The first word after the name, from the unit's words (reading the rest of the
            // paragraph into words for each name was quadratic in a long paragraph).
            let ws = &cx.words(unit).words;
            let next = ws
                .get(ws.partition_point(|w| w.range.end <= range.end))
                .map(|w| &text[w.range.start.max(range.end)..w.range.end]);
            if next.is_some_and(|n| c.followed_by.iter().any(|f| f == n)) {
                return true;
            }
            let srange = cx
                .doc
                .sentences
                .get(sentence)
                .map_or(0..text.len(), |s| s.range.clone());
            let has = |t: &str, r: std::ops::Range<usize>| {
                words(t, r).iter().any(|w| {
                    c.sentence_has
                        .iter()
                        .any(|h| h.as_str() == &t[w.range.clone()])
                })
            };
            if has(text, srange) {
                return true;
            }
            // In a table, the other cells are the context: a column of subregions.
            if let BlockKind::TableCell { table, .. } = cx.doc.units[unit].kind {
                let same_table = cx.doc.units.iter().filter(
                    |b| matches!(b.kind, BlockKind::TableCell { table: t, .. } if t == table),
                );
                if same_table
                    .into_iter()
                    .any(|b| has(&b.text, 0..b.text.len()))
                {
                    return true;
                }
            }
        }
        false
    }
}
