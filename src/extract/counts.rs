//! Counts: a number bound to a counted noun ("seven States Parties", "12 donors", "both
//! States") and, where one belongs to it, the list of what it counts.

use super::lists::{Intro, Item, List};
use super::numbers::{Number, Written};
use super::Document;
use crate::knowledge::{HedgeKind, Knowledge};
use crate::text::{fold, folds_to, TokKind, Token};
use std::ops::Range;

#[derive(Debug, Clone)]
pub struct Count {
    pub unit: usize,
    pub sentence: usize,
    pub number: Number,
    pub value: u64,
    pub hedge: Option<(HedgeKind, Range<usize>)>,
    /// Index into `Knowledge::count_nouns`.
    pub noun: usize,
    pub noun_range: Range<usize>,
    /// Source span of the number.
    pub span: Range<usize>,
    pub noun_span: Range<usize>,
    /// "two of the seven States": the seven is a whole the sentence takes part of.
    pub partitive: bool,
    /// Index into `Document::lists`.
    pub list: Option<usize>,
}

impl Count {
    pub fn written(&self) -> Written {
        self.number.written
    }
}

/// Words that may stand between a number and its noun: "three more States", "five
/// mine-affected States Parties". Anything in this list may not.
const NOT_MODIFIERS: &[&str] = &[
    "of", "the", "a", "an", "in", "on", "at", "to", "for", "by", "with", "from", "and", "or",
    "have", "has", "had", "were", "was", "are", "is", "be", "been", "that", "which", "who", "per",
    "cent", "percent", "years", "year", "months", "month", "weeks", "week", "days", "day", "times",
    "hours", "million", "billion", "thousand", "hundred", "these", "those", "their", "its", "our",
    "out", "than", "as", "not", "will", "would", "did", "do",
];

/// Finds the counts in one sentence, bound to nothing yet. `toks` are the sentence's tokens
/// and `numbers` its numbers as [`numbers::all`](super::numbers::all) reads them, each with
/// the index of its first token in `toks`.
pub fn find(
    s: &str,
    sentence: Range<usize>,
    toks: &[Token],
    numbers: impl IntoIterator<Item = (usize, Number)>,
    kb: &Knowledge,
) -> Vec<Count> {
    let mut out = Vec::new();
    for (i, n) in numbers {
        let after = i + n.tokens;
        let Some(value) = n.int else {
            continue;
        };
        let text = &s[n.range.clone()];
        let year_like =
            n.written == Written::Digits && text.len() == 4 && (1900..=2100).contains(&value);
        if year_like || toks.get(after).is_some_and(|t| &s[t.range.clone()] == "%") {
            continue;
        }
        if let Some((noun, noun_range)) = noun_after(s, toks, after, kb) {
            let partitive = is_partitive(s, toks, i);
            out.push(Count {
                unit: 0,
                sentence: 0,
                hedge: super::quantities::hedge_before(s, sentence.start, n.range.start, kb),
                number: n,
                value,
                noun,
                noun_range,
                span: 0..0,
                noun_span: 0..0,
                partitive,
                list: None,
            });
        }
    }
    out
}

fn noun_after(s: &str, toks: &[Token], at: usize, kb: &Knowledge) -> Option<(usize, Range<usize>)> {
    for skip in 0..=2 {
        let start = at + skip;
        if skip > 0 {
            let t = toks.get(start - 1)?;
            if t.kind != TokKind::Word
                || NOT_MODIFIERS.contains(&fold(&s[t.range.clone()]).as_str())
            {
                return None;
            }
        }
        // Every form is tried here: fold the first word once and compare it whole.
        let first = toks
            .get(start)
            .filter(|t| t.kind == TokKind::Word)
            .map(|t| fold(&s[t.range.clone()]));
        for f in &kb.noun_forms {
            let n = f.words.len();
            if start + n > toks.len() {
                continue;
            }
            let fits = match f.words.split_first() {
                None => true,
                Some((w0, rest)) => {
                    first.as_ref() == Some(w0)
                        && toks[start + 1..start + n].iter().zip(rest).all(|(t, w)| {
                            t.kind == TokKind::Word && folds_to(&s[t.range.clone()], w)
                        })
                }
            };
            if fits {
                return Some((
                    f.noun,
                    toks[start].range.start..toks[start + n - 1].range.end,
                ));
            }
        }
    }
    None
}

/// "two of the seven States", "out of 12 States": the count is a whole the sentence takes a
/// part of, so a list after it names the part. A bare "of" ("a total of 21 States", "the
/// zones of three States") is not partitive.
fn is_partitive(s: &str, toks: &[Token], i: usize) -> bool {
    let w = |k: usize| toks.get(k).map(|t| fold(&s[t.range.clone()]));
    if i >= 2 && w(i - 1).as_deref() == Some("the") && w(i - 2).as_deref() == Some("of") {
        return true;
    }
    i >= 2 && w(i - 1).as_deref() == Some("of") && w(i - 2).as_deref() == Some("out")
}

/// Binds each count of one sentence to the list that belongs to it, if one clearly does.
/// `lists` are the sentence's lists, whose indices in the document start at `base`.
pub fn bind_sentence(counts: &mut [Count], s: &str, lists: &[List], base: usize, kb: &Knowledge) {
    let mut taken = vec![false; lists.len()];
    // The lists by where they are introduced and where they end, so that each count looks
    // only at the few lists near it: a sentence can hold thousands of counts and lists.
    let mut by_intro: Vec<(usize, usize)> = lists
        .iter()
        .enumerate()
        .map(|(i, l)| (l.intro_at, i))
        .collect();
    by_intro.sort_unstable();
    let mut by_end: Vec<(usize, usize)> = lists
        .iter()
        .enumerate()
        .map(|(i, l)| (l.range.end, i))
        .collect();
    by_end.sort_unstable();
    let between = |v: &[(usize, usize)], lo: usize, hi: usize| -> Vec<usize> {
        let from = v.partition_point(|&(at, _)| at < lo);
        let to = v.partition_point(|&(at, _)| at < hi);
        let mut ix: Vec<usize> = v[from..to.max(from)].iter().map(|&(_, i)| i).collect();
        ix.sort_unstable();
        ix
    };
    for k in 0..counts.len() {
        let next_count = counts
            .get(k + 1)
            .map_or(usize::MAX, |c| c.number.range.start);
        let c = &counts[k];
        if c.partitive {
            continue;
        }
        let states = kb.count_nouns[c.noun].gazetteer.is_some();
        let fits = |l: &List| -> bool {
            if l.uncertain {
                return false;
            }
            if states {
                let known = l.known();
                known >= 1 && known * 2 >= l.items.len()
            } else {
                l.intro != Intro::None
            }
        };
        // A list introduced after the count, before the next count: the first such list in
        // order, among those whose introducer falls in that stretch.
        let near = between(&by_intro, c.noun_range.end, next_count);
        let after = near.into_iter().map(|i| (i, &lists[i])).find(|(i, l)| {
            !taken[*i]
                && l.intro_at >= c.noun_range.end
                && l.intro_at < next_count
                && match l.intro {
                    Intro::None => apposition(&s[c.noun_range.end..l.range.start]),
                    Intro::Open => s[c.noun_range.end..l.intro_at].split_whitespace().count() <= 2,
                    _ => true,
                }
        });
        let chosen = match after {
            Some((i, l)) if fits(l) => Some(i),
            Some(_) => None,
            None => {
                // The list right before the count: "Ecuador and Peru, the two States that".
                let start = c.hedge.as_ref().map_or(c.number.range.start, |h| h.1.start);
                // The last such list in order, among those that end close enough before the
                // count for `bridge` to accept what lies between.
                between(&by_end, bridge_floor(s, start), start.saturating_add(1))
                    .into_iter()
                    .rev()
                    .find(|&i| {
                        let l = &lists[i];
                        !taken[i]
                            && l.range.end <= start
                            && bridge(&s[l.range.end..start])
                            && fits(l)
                    })
            }
        };
        if let Some(i) = chosen {
            taken[i] = true;
            counts[k].list = Some(base + i);
        }
    }
}

/// Text between a count's noun and a list of known names that follows it directly: ", ".
fn apposition(between: &str) -> bool {
    let t = between.trim();
    t == "," || t.is_empty()
}

fn bridge_trim(c: char) -> bool {
    c.is_whitespace() || matches!(c, ',' | '–' | '—' | '-' | '(')
}

/// The longest word `bridge` accepts, in characters ("the other").
const BRIDGE_LONGEST: usize = 9;

/// The earliest offset a list may end at for `bridge` to accept the text from there to `at`:
/// back over the spaces and punctuation before `at`, `BRIDGE_LONGEST` characters (folding
/// never shortens text), and the spaces and punctuation before those. Any earlier end leaves
/// a longer word between.
fn bridge_floor(s: &str, at: usize) -> usize {
    let back_over_trim = |p: usize| {
        s[..p]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| bridge_trim(c))
            .last()
            .map_or(p, |(i, _)| i)
    };
    let mut p = back_over_trim(at);
    for _ in 0..BRIDGE_LONGEST {
        match s[..p].chars().next_back() {
            Some(c) => p -= c.len_utf8(),
            None => break,
        }
    }
    back_over_trim(p)
}

/// Text between a list and the count after it: ", the", "– these", ", both", "(all".
fn bridge(between: &str) -> bool {
    let t = between.trim_matches(bridge_trim);
    let t = t.trim();
    t.is_empty()
        || ["the", "these", "those", "all", "all the", "the other"].contains(&fold(t).as_str())
}

/// Lists written as Markdown bullets right after a paragraph that ends with a colon ("The
/// following States Parties reported:" then "- Chile" ...). A count in that paragraph's last
/// sentence, bound to nothing else, counts them.
pub fn bullet_lists(doc: &mut Document) {
    for u in 0..doc.units.len() {
        let unit = &doc.units[u];
        if !unit.text.trim_end().ends_with(':') {
            continue;
        }
        let Some(&last_block) = doc.unit_blocks[u].last() else {
            continue;
        };
        let Some(next) = doc.markdown.blocks.get(last_block + 1) else {
            continue;
        };
        let Some(ctx) = next.item.as_ref().filter(|i| i.index == 0 && i.first_block) else {
            continue;
        };
        if unit.item.as_ref().is_some_and(|i| i.list == ctx.list) {
            continue;
        }
        let list_id = ctx.list;
        let mut items = Vec::new();
        let mut item_end = 0;
        for (v, blocks) in doc.unit_blocks.iter().enumerate().skip(u + 1) {
            let Some(&b) = blocks.first() else { continue };
            let block = &doc.markdown.blocks[b];
            match &block.item {
                Some(i) if i.list == list_id => {
                    if !i.first_block {
                        continue;
                    }
                    item_end = i.item_span.end;
                }
                // Nested lists and continuation paragraphs belong to the item above.
                _ if block.span.start < item_end => continue,
                _ => break,
            }
            if let Some(it) = bullet_item(doc, v) {
                items.push(it);
            }
        }
        if items.is_empty() {
            continue;
        }
        let range = items[0].range.clone();
        let span = items[0].span.start..items.last().map_or(0, |i| i.span.end);
        // Sentences and counts are in document order: find this unit's by binary search, so
        // that many colon paragraphs stay linear.
        let last_sentence = doc
            .sentences
            .partition_point(|s| s.unit <= u)
            .checked_sub(1)
            .filter(|&i| doc.sentences[i].unit == u);
        doc.lists.push(List {
            unit: u + 1,
            sentence: usize::MAX,
            items,
            range,
            span,
            open: false,
            intro: Intro::Bullets,
            intro_at: 0,
            uncertain: false,
        });
        let li = doc.lists.len() - 1;
        // The count of the colon's sentence, if it has exactly one and it is free.
        let Some(si) = last_sentence else { continue };
        let from = doc.counts.partition_point(|c| c.unit < u);
        let to = doc.counts.partition_point(|c| c.unit <= u);
        let in_sentence: Vec<usize> = (from..to)
            .filter(|&c| doc.counts[c].sentence == si)
            .collect();
        if let [c] = in_sentence[..] {
            let count = &doc.counts[c];
            if count.list.is_none() && !count.partitive {
                doc.counts[c].list = Some(li);
            }
        }
    }
}

/// The item a bullet names: the known name it starts with, or its text up to the first
/// punctuation.
fn bullet_item(doc: &Document, u: usize) -> Option<Item> {
    let unit = &doc.units[u];
    let text = &unit.text;
    let start = unit.body_start
        + (text[unit.body_start..].len() - text[unit.body_start..].trim_start().len());
    let name_start = if text
        .get(start..start + 4)
        .is_some_and(|w| w.eq_ignore_ascii_case("the "))
    {
        start + 4
    } else {
        start
    };
    // Mentions are sorted by unit, then position.
    let at = doc
        .mentions
        .partition_point(|m| (m.unit, m.range.start) < (u, name_start));
    if let Some(m) = doc
        .mentions
        .get(at)
        .filter(|m| m.unit == u && m.range.start == name_start)
    {
        let r = start..m.range.end;
        return Some(Item {
            span: unit.span_of(r.clone()),
            range: r,
            entity: Some((m.gazetteer, m.entity)),
            key: format!("{}:{}", m.gazetteer, m.entity),
        });
    }
    let end = text[start..]
        .find([',', ';', ':', '.', '(', '–', '—'])
        .map_or(text.len(), |p| start + p);
    let phrase = text[start..end].trim_end();
    if phrase.is_empty() || phrase.split_whitespace().count() > 10 {
        return None;
    }
    let r = start..start + phrase.len();
    let f = fold(phrase);
    Some(Item {
        span: unit.span_of(r.clone()),
        range: r,
        entity: None,
        key: f.strip_prefix("the ").unwrap_or(&f).to_string(),
    })
}
