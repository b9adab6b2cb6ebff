//! What the name rules share: words with offsets, quotations, titles, and the near-miss
//! matcher for State names.

use crate::extract::{Document, Mention};
use crate::knowledge::{Form, Knowledge};
use crate::markdown::{Block, BlockKind};
use crate::text::fold;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// A word of a unit's text: letters and digits, split at apostrophes and hyphens.
#[derive(Debug, Clone)]
pub struct Word {
    pub range: Range<usize>,
}

/// The words of `s[range]`.
pub fn words(s: &str, range: Range<usize>) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in s[range.clone()].char_indices() {
        let i = i + range.start;
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(st) = start.take() {
            out.push(Word { range: st..i });
        }
    }
    if let Some(st) = start {
        out.push(Word {
            range: st..range.end,
        });
    }
    out
}

pub fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

pub fn is_lower(w: &str) -> bool {
    w.chars().all(|c| !c.is_uppercase())
}

/// Text ranges of a unit that are quotations: between “ and ”, or between straight double
/// quotes taken in pairs. A whole block quote is a quotation too.
pub fn quoted(unit: &Block) -> Vec<Range<usize>> {
    let t = &unit.text;
    if unit.quote_depth > 0 {
        return std::iter::once(0..t.len()).collect();
    }
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut straight: Option<usize> = None;
    for (i, c) in t.char_indices() {
        match c {
            '“' => open = Some(i),
            '”' => {
                if let Some(o) = open.take() {
                    out.push(o..i + c.len_utf8());
                }
            }
            '"' => match straight.take() {
                Some(o) => out.push(o..i + 1),
                None => straight = Some(i),
            },
            _ => {}
        }
    }
    out
}

pub fn inside(ranges: &[Range<usize>], r: &Range<usize>) -> bool {
    ranges.iter().any(|q| q.start <= r.start && r.end <= q.end)
}

/// A heading, or a title written as a paragraph of its own (a masthead line in bold with
/// no closing full stop): capitalisation there follows title style, not the term.
pub fn is_title(unit: &Block) -> bool {
    if matches!(unit.kind, BlockKind::Heading(_)) {
        return true;
    }
    if unit.kind != BlockKind::Paragraph || unit.label.is_some() || unit.item.is_some() {
        return false;
    }
    let t = unit.text.trim_end();
    !t.ends_with(['.', ':', ';', '?', '!', ')', '”', '"']) && t.len() < 300
}

/// Text offsets where the unit's sentences start, for "not at a sentence start" tests.
pub fn sentence_starts(doc: &Document, unit: usize) -> HashSet<usize> {
    // Sentences are stored in unit order: find this unit's by binary search, not a scan.
    let from = doc.sentences.partition_point(|s| s.unit < unit);
    let to = doc.sentences.partition_point(|s| s.unit <= unit);
    let mut out: HashSet<usize> = doc.sentences[from..to]
        .iter()
        .map(|s| s.range.start)
        .collect();
    out.insert(doc.units[unit].body_start);
    // A sentence may open with a bracket, a quote or a list letter: the first word counts.
    let text = &doc.units[unit].text;
    let extra: Vec<usize> = out
        .iter()
        .filter_map(|&s| {
            let rest = text.get(s..)?;
            let skip = rest.find(|c: char| c.is_alphanumeric())?;
            Some(s + skip)
        })
        .collect();
    out.extend(extra);
    out
}

/// A State name written with a function word or a mark missing or changed: "State
/// Palestine", "Bosnia Herzegovina", "Cote d Ivoire", "Guinea Bissau".
#[derive(Debug, Clone)]
pub struct NearMiss {
    pub unit: usize,
    pub range: Range<usize>,
    pub span: Range<usize>,
    pub entity: usize,
    /// The gazetteer form it misses (without a leading "the").
    pub form: String,
    pub key: String,
}

/// The content words of a name, folded: function words and single letters dropped, "St"
/// read as "Saint".
fn content_key<'a>(
    words: impl Iterator<Item = &'a str>,
    function: &HashSet<String>,
) -> Vec<String> {
    words
        .map(fold)
        .filter(|w| w.chars().count() >= 2 && !function.contains(w))
        .map(|w| if w == "st" { "saint".to_string() } else { w })
        .collect()
}

struct NearIndex {
    /// Content key (words joined by spaces) to (entity, form).
    keys: HashMap<String, (usize, String)>,
    /// First content word to the key lengths that start with it.
    first: HashMap<String, Vec<usize>>,
    function: HashSet<String>,
}

fn near_index(kb: &Knowledge) -> NearIndex {
    let function: HashSet<String> = kb.names.function_words.iter().map(|w| fold(w)).collect();
    let mut keys = HashMap::new();
    let mut first: HashMap<String, Vec<usize>> = HashMap::new();
    let g = kb.states();
    for (i, e) in g.entities.iter().enumerate() {
        let forms = std::iter::once(&e.name)
            .chain(e.formal.iter())
            .chain(e.aliases.iter());
        for f in forms {
            let f = f.strip_prefix("the ").unwrap_or(f);
            let ws = words(f, 0..f.len());
            let key = content_key(ws.iter().map(|w| &f[w.range.clone()]), &function);
            if key.len() < 2 {
                continue;
            }
            let lens = first.entry(key[0].clone()).or_default();
            if !lens.contains(&key.len()) {
                lens.push(key.len());
            }
            keys.entry(key.join(" ")).or_insert((i, f.to_string()));
        }
    }
    for lens in first.values_mut() {
        lens.sort_by(|a, b| b.cmp(a));
    }
    NearIndex {
        keys,
        first,
        function,
    }
}

/// What may stand between the words of one name.
fn joins(gap: &str) -> bool {
    gap.chars()
        .all(|c| c.is_whitespace() || matches!(c, '\'' | '’' | '-' | '‐' | '‑' | '–' | '&' | '.'))
}

/// Every near-miss of a State name in the document, in order.
pub fn state_near_misses(doc: &Document, kb: &Knowledge) -> Vec<NearMiss> {
    let idx = near_index(kb);
    let mut out = Vec::new();
    let mut mentions_by_unit: HashMap<usize, Vec<&Mention>> = HashMap::new();
    for m in &doc.mentions {
        if m.gazetteer == 0 {
            mentions_by_unit.entry(m.unit).or_default().push(m);
        }
    }
    for (u, unit) in doc.units.iter().enumerate() {
        let text = unit.text.as_str();
        let ws = words(text, 0..text.len());
        let mentions = mentions_by_unit.get(&u).map(Vec::as_slice).unwrap_or(&[]);
        let mut i = 0;
        while i < ws.len() {
            let w = &text[ws[i].range.clone()];
            let f = fold(w);
            let lens = match idx.first.get(if f == "st" { "saint" } else { f.as_str() }) {
                Some(l) if is_capitalised(w) && !idx.function.contains(&f) => l,
                _ => {
                    i += 1;
                    continue;
                }
            };
            let mut matched = None;
            'len: for &n in lens {
                let mut content = Vec::with_capacity(n);
                let mut j = i;
                while j < ws.len() {
                    if j > i && !joins(&text[ws[j - 1].range.end..ws[j].range.start]) {
                        break;
                    }
                    let wj = &text[ws[j].range.clone()];
                    let fj = fold(wj);
                    if fj.chars().count() >= 2 && !idx.function.contains(&fj) {
                        if !is_capitalised(wj) {
                            break;
                        }
                        content.push(if fj == "st" { "saint".to_string() } else { fj });
                        if content.len() == n {
                            let key = content.join(" ");
                            if let Some((e, form)) = idx.keys.get(&key) {
                                matched = Some((j, *e, form.clone(), key));
                                break 'len;
                            }
                            break;
                        }
                    }
                    j += 1;
                }
            }
            let Some((j, entity, form, key)) = matched else {
                i += 1;
                continue;
            };
            let range = ws[i].range.start..ws[j].range.end;
            let covered = mentions
                .iter()
                .any(|m| m.range.start <= range.start && range.end <= m.range.end);
            // A form the gazetteer knows but did not match here (all-capitals rules) is no slip.
            let known = kb.states().lookup(&text[range.clone()]).is_some();
            if !covered && !known {
                out.push(NearMiss {
                    unit: u,
                    span: unit.span_of(range.clone()),
                    range,
                    entity,
                    form,
                    key,
                });
            }
            i = j + 1;
        }
    }
    out
}

/// True when a mention of the State is the form the near-miss misses: same content key.
pub fn mention_key(doc: &Document, kb: &Knowledge, m: &Mention) -> String {
    let function: HashSet<String> = kb.names.function_words.iter().map(|w| fold(w)).collect();
    let t = &doc.units[m.unit].text;
    let ws = words(t, m.range.clone());
    content_key(ws.iter().map(|w| &t[w.range.clone()]), &function).join(" ")
}

/// Is the form a name the State may be written as without a finding?
pub fn is_proper_form(form: &Form) -> bool {
    matches!(form, Form::Name | Form::Formal)
}
