use super::names::times;
use super::names::{is_capitalised, mention_key, words};
use super::{Context, Rule};
use crate::declare_rule;
use crate::finding::{Edit, Finding, Fix};
use crate::knowledge::Knowledge;
use crate::text::fold;
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::ops::Range;

declare_rule! {
    /// ## What it does
    /// Reports one entity written two ways in one document:
    ///
    /// - a near-miss of a State's name: "the State Palestine" for "the State of Palestine",
    ///   "Bosnia Herzegovina", "Cote d Ivoire", "Guinea Bissau" (a function word or a mark
    ///   missing or changed), or a one-letter slip: "Nieria", "Grece", "Republic of Modova",
    ///   "Trinidad and Tbago" (a letter dropped, added, changed or two swapped, inside a word
    ///   of five letters or more that is no name of its own; demonyms such as "German" and
    ///   "South African", other States such as "Niger" beside "Nigeria", and the words listed
    ///   in `not_slips` in `rules/names.toml` are not slips);
    /// - a body, treaty, plan, programme or fund named in a shorter or slightly different form
    ///   than the one the document uses more often: "Committee on the Enhancement of
    ///   Cooperation" beside "Committee on the Enhancement of Cooperation and Assistance"
    ///   (a truncation), "Subcommittee on Prevention of Forced Labour" beside "Subcommittee on
    ///   the Prevention of Forced Labour" (a function word), or a one-letter slip in one word.
    ///
    /// The finding points at the less frequent form and labels the usual one. Short forms
    /// ("the Committee", "the Convention", an acronym after its definition) are not compared,
    /// and different entities are not variants: "Sudan" and "South Sudan", "Congo" and
    /// "Democratic Republic of the Congo", "Committee on Cooperative Compliance" and
    /// "Committee on the Enhancement of Cooperation and Assistance".
    ///
    /// ## Why is this bad?
    /// A reader cannot tell whether two forms name one body or two, and a State's name
    /// written wrongly is an error in an official document.
    ///
    /// ## Example
    /// ```markdown
    /// 1. The Committee on Accessible Public Services and Transport met twice.
    ///
    /// 2. The Committee on Accessible Public Services and Transport adopted its report.
    ///
    /// 3. The Committee on Accessible Public Services visited Bosnia Herzegovina.
    /// ```
    /// fires twice (a truncated name; a near-miss of "Bosnia and Herzegovina"). This stays
    /// quiet: "The Committee met in South Sudan and in the Sudan."
    ///
    /// ## Fix
    /// Write the name the way the document usually does (or, for a State, the way the
    /// gazetteer has it). The suggested replacement is never applied automatically: a
    /// shorter name may, rarely, be another body.
    pub struct NameVariant {
        id: "name-variant",
        severity: Warning,
        summary: "one entity written two ways: a near-miss of a name used elsewhere",
        fixable: true,
    }
}

impl Rule for NameVariant {
    fn meta(&self) -> &'static super::Meta {
        &Self::META
    }

    fn prepare(&self, kb: &Knowledge) {
        super::names::near_index(kb);
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        self.states(cx, out);
        self.bodies(cx, out);
    }
}

/// Longest name compared, in content words.
const MAX_NAME_WORDS: usize = 16;

/// A capitalised proper-name run: "Committee on the Enhancement of Cooperation".
#[derive(Debug, Clone)]
pub struct Run {
    pub unit: usize,
    pub range: Range<usize>,
    /// Folded words, function words included.
    pub words: Vec<String>,
    /// Which of `words` are function words.
    pub function: Vec<bool>,
    /// True when the run opened a sentence and lost its first word.
    pub trimmed: bool,
}

impl Run {
    pub fn form(&self) -> String {
        self.words.join(" ")
    }
    pub fn content(&self) -> Vec<&str> {
        self.words
            .iter()
            .zip(&self.function)
            .filter(|(_, f)| !**f)
            .map(|(w, _)| w.as_str())
            .collect()
    }
}

/// What may stand between two words of one name: spaces, or an inner hyphen or apostrophe.
fn name_gap(gap: &str) -> bool {
    gap.chars()
        .all(|c| c.is_whitespace() || matches!(c, '\'' | '’' | '-' | '‐' | '‑'))
}

/// Every capitalised run of a unit: capitalised words, joined by function words where a
/// capitalised word follows. A run that opens a sentence loses its first word unless that
/// word is a designator ("Since the Third Review Conference" is "Third Review Conference").
pub fn runs(cx: &Context, u: usize) -> Vec<Run> {
    let (doc, kb) = (cx.doc, cx.kb);
    let function = &kb.keys.function_words;
    let designators = &kb.keys.designators;
    let text = doc.units[u].text.as_str();
    let starts = cx.sentence_starts(u);
    let (ws, folded) = cx.words(u).from(doc.units[u].body_start);
    let mut out = Vec::new();
    let mut i = 0;
    let word = |k: usize| &text[ws[k].range.clone()];
    let function_word = |k: usize| function.contains(&folded[k]);
    let is_fn = |k: usize| function_word(k) && !is_capitalised(word(k)) || word(k) == "&";
    let is_cap = |k: usize| {
        let w = word(k);
        is_capitalised(w) && !w.chars().any(|c| c.is_ascii_digit())
    };
    while i < ws.len() {
        if !is_cap(i) || function_word(i) {
            i += 1;
            continue;
        }
        // Extend: capitalised words, or function words followed (eventually) by one.
        let mut end = i;
        let mut j = i + 1;
        while j < ws.len() && name_gap(&text[ws[j - 1].range.end..ws[j].range.start]) {
            if is_cap(j) && !function_word(j) {
                end = j;
                j += 1;
            } else if is_fn(j) {
                // "and" joins only to a capitalised word: "and the Committee" starts anew.
                let fj = &folded[j];
                let next_proper = j + 1 < ws.len() && is_cap(j + 1) && !is_fn(j + 1);
                if (fj == "and" || fj == "&") && !next_proper {
                    break;
                }
                j += 1;
            } else {
                break;
            }
        }
        let mut first = i;
        if starts.contains(&ws[i].range.start) && end > i && !designators.contains(&folded[i]) {
            first = i + 1;
            while first <= end && is_fn(first) {
                first += 1;
            }
            // "The" is a function word only in lower case: skip a capitalised one too.
            while first <= end && function_word(first) {
                first += 1;
            }
        }
        if first <= end {
            out.push(Run {
                unit: u,
                range: ws[first].range.start..ws[end].range.end,
                words: folded.slice(first..end + 1).to_vec(),
                function: (first..=end).map(is_fn).collect(),
                trimmed: first > i,
            });
        }
        i = end + 1;
    }
    out
}

/// One-letter slips: same length and one letter changed, or one letter added or dropped.
fn one_edit(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a == b {
        return false;
    }
    let (s, l) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    match l.len() - s.len() {
        0 => a.iter().zip(&b).filter(|(x, y)| x != y).count() == 1,
        1 => {
            let p = s.iter().zip(l.iter()).take_while(|(x, y)| x == y).count();
            s[p..] == l[p + 1..]
        }
        _ => false,
    }
}

/// Differences that are not slips: a plural, or the -ise/-ize house style (spelling-variant).
fn style_difference(a: &str, b: &str) -> bool {
    let plural = a.strip_suffix('s') == Some(b) || b.strip_suffix('s') == Some(a);
    let sz = a.len() == b.len()
        && a.chars()
            .zip(b.chars())
            .all(|(x, y)| x == y || matches!((x, y), ('s', 'z') | ('z', 's')));
    plural || sz
}

struct Group<'a> {
    runs: Vec<&'a Run>,
}

impl NameVariant {
    fn states(&self, cx: &Context, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let misses = cx.near_misses();
        if misses.is_empty() {
            return;
        }
        let mut by_key: HashMap<(usize, String), Vec<&crate::extract::Mention>> = HashMap::new();
        for m in doc.mentions.iter().filter(|m| m.gazetteer == 0) {
            by_key
                .entry((m.entity, mention_key(doc, cx.kb, m)))
                .or_default()
                .push(m);
        }
        for n in misses {
            let said = &doc.units[n.unit].text[n.range.clone()];
            let proper = by_key.get(&(n.entity, n.key.clone()));
            let mut f = Finding::new(
                self.meta().id,
                self.meta().severity,
                n.span.clone(),
                format!("\"{said}\" is a near-miss of the name \"{}\"", n.form),
            )
            .label(n.span.clone(), "not a known name");
            let replacement = match proper.and_then(|v| v.first()) {
                Some(m) => {
                    let times = proper.map_or(0, Vec::len);
                    let good = &doc.units[m.unit].text[m.range.clone()];
                    f = f.label(
                        m.span.clone(),
                        format!("written \"{good}\" here{}", times_note(times)),
                    );
                    good.to_string()
                }
                None => n.form.clone(),
            };
            out.push(f.help(format!("write \"{replacement}\"")).fix(Fix {
                edits: vec![Edit {
                    span: n.span.clone(),
                    replacement,
                }],
                safe: false,
            }));
        }
    }

    fn bodies(&self, cx: &Context, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let designators = &cx.kb.keys.designators;
        let all: Vec<&Run> = (0..doc.units.len()).flat_map(|u| cx.runs(u)).collect();
        // Only names of bodies, treaties, plans: two content words, one of them a designator,
        // and no State in them ("Committee of Sudan" and "... of South Sudan" are two).
        let state_words: HashSet<String> = doc
            .mentions
            .iter()
            .filter(|m| m.gazetteer == 0)
            .flat_map(|m| {
                let t = &doc.units[m.unit].text;
                words(t, m.range.clone())
                    .into_iter()
                    .map(|w| fold(&t[w.range]))
                    .collect::<Vec<_>>()
            })
            .collect();
        let named: Vec<&Run> = all
            .into_iter()
            .filter(|r| {
                let c = r.content();
                // A "name" longer than this is a title-case passage, not a name.
                (2..=MAX_NAME_WORDS).contains(&c.len())
                    && c.iter().any(|w| designators.contains(*w))
                    && !c.iter().any(|w| state_words.contains(*w))
            })
            .collect();
        let mut forms: HashMap<String, Group> = HashMap::new();
        let mut order: Vec<String> = Vec::new();
        for r in &named {
            let k = r.form();
            forms
                .entry(k.clone())
                .or_insert_with(|| {
                    order.push(k.clone());
                    Group { runs: Vec::new() }
                })
                .runs
                .push(r);
        }
        let count = |k: &str| forms.get(k).map_or(0, |g| g.runs.len());
        let mut reported: HashSet<String> = HashSet::new();

        // Truncations: "X" beside "X and Y", Y without a designator.
        let mut extended: HashMap<String, Vec<&str>> = HashMap::new();
        for k in &order {
            let r = forms[k].runs[0];
            for (p, w) in r.words.iter().enumerate() {
                if (w == "and" || w == "&") && p > 0 && !r.function[p - 1] {
                    let tail = &r.words[p + 1..];
                    if tail.iter().any(|t| designators.contains(t)) {
                        continue;
                    }
                    extended
                        .entry(r.words[..p].join(" "))
                        .or_default()
                        .push(k.as_str());
                }
            }
        }
        for k in &order {
            let Some(longer) = extended.get(k) else {
                continue;
            };
            // "Ministry of Health" beside "Ministry of Health and Social Affairs" may be two
            // ministries; a truncated name of three content words or more is one body.
            if forms[k].runs[0].content().len() < 3 {
                continue;
            }
            let best = longer.iter().max_by_key(|l| count(l)).copied();
            let Some(best) = best else { continue };
            if count(k) >= count(best) {
                continue;
            }
            reported.insert(k.clone());
            self.report(
                cx,
                &forms[k].runs,
                &forms[best].runs,
                "a shortened form of",
                out,
            );
        }

        // Same content words, other function words; or one word with a one-letter slip.
        let mut by_content: HashMap<String, Vec<&str>> = HashMap::new();
        let mut by_slot: HashMap<String, Vec<(&str, String)>> = HashMap::new();
        for k in &order {
            let r = forms[k].runs[0];
            by_content
                .entry(r.content().join(" "))
                .or_default()
                .push(k.as_str());
            for (p, w) in r.words.iter().enumerate() {
                if r.function[p] || w.chars().count() < 6 {
                    continue;
                }
                let mut slot = r.words.clone();
                slot[p] = "*".to_string();
                by_slot
                    .entry(slot.join(" "))
                    .or_default()
                    .push((k.as_str(), w.clone()));
            }
        }
        for k in &order {
            if reported.contains(k) {
                continue;
            }
            let r = forms[k].runs[0];
            let mut rivals: Vec<(&str, &str)> = Vec::new();
            if let Some(v) = by_content.get(&r.content().join(" ")) {
                rivals.extend(
                    v.iter()
                        .filter(|o| **o != k)
                        .map(|o| (*o, "another form of")),
                );
            }
            for (p, w) in r.words.iter().enumerate() {
                if r.function[p] || w.chars().count() < 6 {
                    continue;
                }
                let mut slot = r.words.clone();
                slot[p] = "*".to_string();
                if let Some(v) = by_slot.get(&slot.join(" ")) {
                    rivals.extend(
                        v.iter()
                            .filter(|(o, ow)| {
                                *o != k && one_edit(w, ow) && !style_difference(w, ow)
                            })
                            .map(|(o, _)| (*o, "a misspelling of")),
                    );
                }
            }
            let Some((best, why)) = rivals.into_iter().max_by_key(|(o, _)| count(o)) else {
                continue;
            };
            if count(k) >= count(best) {
                continue;
            }
            reported.insert(k.clone());
            self.report(cx, &forms[k].runs, &forms[best].runs, why, out);
        }
    }

    fn report(
        &self,
        cx: &Context,
        minority: &[&Run],
        majority: &[&Run],
        why: &str,
        out: &mut Vec<Finding>,
    ) {
        let doc = cx.doc;
        let good_run = majority[0];
        let good_unit = &doc.units[good_run.unit];
        let good = &good_unit.text[good_run.range.clone()];
        let good_span = good_unit.span_of(good_run.range.clone());
        for r in minority {
            let unit = &doc.units[r.unit];
            let said = &unit.text[r.range.clone()];
            let span = unit.span_of(r.range.clone());
            out.push(
                Finding::new(
                    self.meta().id,
                    self.meta().severity,
                    span.clone(),
                    format!("\"{said}\" looks like {why} \"{good}\""),
                )
                .label(
                    span.clone(),
                    format!("written this way {}", times(minority.len())),
                )
                .label(
                    good_span.clone(),
                    format!("the usual form, {}", times(majority.len())),
                )
                .help(format!(
                    "if they are one body, write \"{good}\" each time (or define a short form)"
                ))
                .fix(Fix {
                    edits: vec![Edit {
                        span,
                        replacement: good.to_string(),
                    }],
                    safe: false,
                }),
            );
        }
    }
}

fn times_note(n: usize) -> String {
    if n > 1 {
        format!(" ({} in all)", times(n))
    } else {
        String::new()
    }
}
