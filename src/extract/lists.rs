//! Lists of names: "Angola, Croatia and Peru", "– Oman, Sri Lanka and the State of Palestine –",
//! "(Chile, Peru and Ecuador)", "including Iraq, Syria and Colombia".
//!
//! Gazetteer first: a known name is an item before anything is split on commas and "and",
//! so "Saint Kitts and Nevis and Sudan" is two items. Items no gazetteer knows are kept as
//! noun phrases and marked unknown.

use super::Mention;
use crate::knowledge::Knowledge;
use crate::markdown::Block;
use crate::text::{fold, fold_first, folds_to};
use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Range in the unit's text, a leading "the" included.
    pub range: Range<usize>,
    pub span: Range<usize>,
    /// (gazetteer, entity) for a known name.
    pub entity: Option<(usize, usize)>,
    /// What makes two items the same: the entity, or the folded phrase.
    pub key: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intro {
    Dash,
    Colon,
    Paren,
    /// "namely", "i.e.": a closed list.
    Closed,
    /// "including", "such as": an open list.
    Open,
    /// A run of known names with no introducer.
    None,
    /// Markdown bullets after a sentence ending with a colon.
    Bullets,
}

#[derive(Debug, Clone)]
pub struct List {
    pub unit: usize,
    pub sentence: usize,
    pub items: Vec<Item>,
    /// Text range from the first item to the last.
    pub range: Range<usize>,
    pub span: Range<usize>,
    pub open: bool,
    pub intro: Intro,
    /// Text offset of the introducer, or of the first item when there is none.
    pub intro_at: usize,
    /// The list went on past what could be read as items (a phrase too long to be one), so
    /// its length is not known.
    pub uncertain: bool,
}

impl List {
    pub fn fill_spans(&mut self, unit: &Block) {
        for it in &mut self.items {
            it.span = unit.span_of(it.range.clone());
        }
        self.span = unit.span_of(self.range.clone());
    }

    pub fn known(&self) -> usize {
        self.items.iter().filter(|i| i.entity.is_some()).count()
    }
}

/// Words that start a clause, not a list item.
const CLAUSE_WORDS: &[&str] = &[
    "which",
    "who",
    "whose",
    "whom",
    "that",
    "while",
    "whilst",
    "whereas",
    "although",
    "though",
    "but",
    "has",
    "have",
    "had",
    "is",
    "are",
    "was",
    "were",
    "will",
    "would",
    "can",
    "could",
    "should",
    "may",
    "might",
    "must",
    "did",
    "does",
    "do",
    "as",
    "so",
    "then",
    "since",
    "because",
    "if",
    "when",
    "where",
    "thus",
    "hence",
    "with",
    "without",
    "in",
    "on",
    "at",
    "by",
    "for",
    "from",
    "to",
    "of",
    "all",
    "each",
    "both",
    "respectively",
    "however",
    "also",
    "not",
    "being",
    "been",
    "having",
    "it",
    "they",
    "their",
    "its",
    "these",
    "those",
    "this",
];

/// The longest phrase an unknown item may be, in words.
const MAX_ITEM_WORDS: usize = 10;

struct Cursor<'a> {
    s: &'a str,
    start: usize,
    end: usize,
    /// Where phrases end, built the first time a phrase runs long (see `phrase_end`).
    ends: std::cell::OnceCell<PhraseEnds>,
    markers: &'a Markers,
}

/// Every place in a sentence where `phrase_end` can stop, by bracket depth. A phrase from `p`
/// ends at the first such place at or after `p` with as many brackets open before it as
/// before `p` (a closing bracket that would take the count below that is one of the places).
struct PhraseEnds {
    opens: Vec<usize>,
    closes: Vec<usize>,
    by_depth: std::collections::HashMap<isize, Vec<usize>>,
}

impl PhraseEnds {
    fn new(cur: &Cursor) -> PhraseEnds {
        let s = cur.s;
        let mut e = PhraseEnds {
            opens: Vec::new(),
            closes: Vec::new(),
            by_depth: std::collections::HashMap::new(),
        };
        let mut depth = 0isize;
        for (off, c) in s[cur.start..cur.end].char_indices() {
            let i = cur.start + off;
            let stop = match c {
                '(' => {
                    e.opens.push(i);
                    depth += 1;
                    continue;
                }
                ')' => {
                    e.by_depth.entry(depth).or_default().push(i);
                    e.closes.push(i);
                    depth -= 1;
                    continue;
                }
                ',' | ';' | ':' | '!' | '?' => true,
                '.' => !s[i + 1..]
                    .chars()
                    .next()
                    .is_some_and(|n| n.is_alphanumeric()),
                _ => false,
            };
            let stop = stop
                || (is_dash_char(c) && is_dash(s, i).is_some())
                || (c.is_whitespace() && conj(cur, cur.skip_ws(i)).is_some());
            if stop {
                e.by_depth.entry(depth).or_default().push(i);
            }
        }
        e
    }

    fn end_from(&self, p: usize, end: usize) -> usize {
        let before = |v: &[usize]| v.partition_point(|&i| i < p) as isize;
        let depth = before(&self.opens) - before(&self.closes);
        self.by_depth
            .get(&depth)
            .and_then(|v| v.get(v.partition_point(|&i| i < p)))
            .copied()
            .unwrap_or(end)
    }
}

/// How far `phrase_end` scans before it uses the sentence's index of phrase ends: phrases
/// are short, but a sentence with many list introducers and no punctuation would otherwise
/// be scanned to its end once per introducer.
const PHRASE_SCAN: usize = 512;

impl Cursor<'_> {
    fn skip_ws(&self, mut p: usize) -> usize {
        while p < self.end {
            let c = self.s[p..].chars().next().unwrap_or('x');
            if c.is_whitespace() {
                p += c.len_utf8();
            } else {
                break;
            }
        }
        p
    }

    /// The word (letters, inner hyphens and apostrophes) at `p`.
    fn word(&self, p: usize) -> &str {
        let rest = &self.s[p.min(self.end)..self.end];
        let len = rest
            .char_indices()
            .find(|&(_, c)| !(c.is_alphanumeric() || c == '-' || c == '\'' || c == '’'))
            .map_or(rest.len(), |(i, _)| i);
        &rest[..len]
    }

    /// True when `phrase` (folded, words) stands at `p` followed by a word boundary.
    fn phrase_at(&self, p: usize, phrase: &str) -> Option<usize> {
        let rest = &self.s[p.min(self.end)..self.end];
        let n = phrase.len();
        let head = rest.get(..n)?;
        if !folds_to(head, phrase) {
            return None;
        }
        let after = rest[n..].chars().next();
        let last = phrase.chars().last();
        let needs_boundary = last.is_some_and(|c| c.is_alphanumeric());
        if needs_boundary && after.is_some_and(|c| c.is_alphanumeric()) {
            return None;
        }
        Some(p + n)
    }
}

/// The characters `is_dash` accepts: a cheap test before it, at every character.
fn is_dash_char(c: char) -> bool {
    matches!(c, '-' | '–' | '—')
}

fn is_dash(s: &str, p: usize) -> Option<usize> {
    // A spaced hyphen, en dash or em dash: " - ", " – ", " — ".
    let c = s[p..].chars().next()?;
    if !is_dash_char(c) {
        return None;
    }
    let before = s[..p].chars().next_back();
    let after = s[p + c.len_utf8()..].chars().next();
    let spaced = before.is_some_and(char::is_whitespace) && after.is_some_and(char::is_whitespace);
    // An em dash is a dash even unspaced, as many styles write it.
    if spaced || c == '—' {
        Some(p + c.len_utf8())
    } else {
        None
    }
}

/// Finds the lists in one sentence. `mentions` are the sentence's, sorted by position;
/// `markers` are the knowledge's list markers made ready ([`Markers::new`]).
pub fn find(
    s: &str,
    sentence: Range<usize>,
    mentions: &[&Mention],
    markers: &Markers,
) -> Vec<List> {
    let cur = Cursor {
        s,
        start: sentence.start,
        end: sentence.end,
        ends: std::cell::OnceCell::new(),
        markers,
    };

    // Introducers, in order. The scan goes a byte at a time through ASCII, which is nearly
    // all of the text, and decodes a char only where one starts with a byte above it.
    let mut intros: Vec<(usize, usize, Intro)> = Vec::new(); // (at, after, kind)
    let b = s.as_bytes();
    let mut p = sentence.start;
    let mut after_alnum = s[..p]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric);
    while p < sentence.end {
        // Inside a word nothing starts: its letters and digits are passed over at once.
        if after_alnum {
            while p < sentence.end && b[p].is_ascii_alphanumeric() {
                p += 1;
            }
            if p == sentence.end {
                break;
            }
        }
        let (c, len) = match b[p] {
            x if x < 0x80 => (x as char, 1),
            _ => {
                let c = s[p..].chars().next().unwrap_or(' ');
                (c, c.len_utf8())
            }
        };
        let at_word_start = !after_alnum && c.is_alphabetic();
        if c == ':' {
            intros.push((p, p + 1, Intro::Colon));
        } else if c == '(' {
            intros.push((p, p + 1, Intro::Paren));
        } else if let Some(after) = is_dash_char(c).then(|| is_dash(s, p)).flatten() {
            intros.push((p, after, Intro::Dash));
        } else if at_word_start {
            if let Some(after) = markers.open.longest(&cur, p) {
                intros.push((p, after, Intro::Open));
            } else if let Some(after) = markers.closed.longest(&cur, p) {
                intros.push((p, after, Intro::Closed));
            }
        }
        after_alnum = if len == 1 {
            c.is_ascii_alphanumeric()
        } else {
            c.is_alphanumeric()
        };
        p += len;
    }

    let mut lists: Vec<List> = Vec::new();
    let mut covered_until = sentence.start;
    for &(at, after, kind) in &intros {
        if at < covered_until {
            continue;
        }
        let mut start = cur.skip_ws(after);
        let mut open = kind == Intro::Open;
        // "– including Chile and Peru –", "(e.g. Chile)": a marker right after the dash or
        // bracket says what kind of list follows.
        if let Some(a) = markers.open.longest(&cur, start) {
            open = true;
            start = cur.skip_ws(a);
        } else if let Some(a) = markers.closed.longest(&cur, start) {
            start = cur.skip_ws(a);
        }
        // A comma after the marker: "namely, Chile and Peru".
        if s[start..].starts_with(',') && start > after {
            start = cur.skip_ws(start + 1);
        }
        let Some(mut list) = parse_items(&cur, start, mentions, true) else {
            continue;
        };
        list.open |= open;
        list.intro = kind;
        list.intro_at = at;
        covered_until = list.range.end;
        // The dash or bracket that closes this list introduces nothing.
        let close = cur.skip_ws(list.range.end);
        if is_dash(s, close).is_some() || s[close..].starts_with(')') {
            covered_until = close + 1;
        }
        lists.push(list);
    }

    // Runs of known names with no introducer: "Ecuador and Peru, the two States that ...".
    // The introduced lists are in order and disjoint, and each run ends before the next
    // mention it does not cover: only the introduced list starting last at or before a
    // mention, and the latest run, can cover it.
    let introduced = lists.len();
    for m in mentions {
        let start = the_before(s, m.range.start, sentence.start);
        let x = m.range.start;
        let covers = |l: &List| l.range.start <= x && x < l.range.end.max(l.range.start + 1);
        let k = lists[..introduced].partition_point(|l| l.range.start <= x);
        if (k > 0 && covers(&lists[k - 1])) || lists[introduced..].last().is_some_and(covers) {
            continue;
        }
        if let Some(mut list) = parse_items(&cur, start, mentions, false) {
            if list.items.len() >= 2 {
                list.intro = Intro::None;
                list.intro_at = list.range.start;
                lists.push(list);
            }
        }
    }
    lists.sort_by_key(|l| l.range.start);
    lists
}

/// Moves back over a "the " right before a name.
fn the_before(s: &str, p: usize, floor: usize) -> usize {
    // `get`: four bytes back may fall inside a multi-byte character such as a dash.
    let the = p >= floor + 4
        && s.get(p - 4..p)
            .is_some_and(|w| w.eq_ignore_ascii_case("the "));
    if the {
        let before = s[..p - 4].chars().next_back();
        if !before.is_some_and(|c| c.is_alphanumeric()) {
            return p - 4;
        }
    }
    p
}

/// The list markers of the knowledge, each set made ready to be tried at every word.
#[derive(Debug, Clone)]
pub struct Markers {
    open: Phrases,
    closed: Phrases,
    tails: Phrases,
    conj: Phrases,
}

impl Markers {
    /// The knowledge's markers, made ready once.
    pub fn of(kb: &Knowledge) -> &Markers {
        kb.list_markers.get_or_init(|| Markers::new(kb))
    }

    pub fn new(kb: &Knowledge) -> Markers {
        Markers {
            open: Phrases::new(&kb.keys.open),
            closed: Phrases::new(&kb.keys.closed),
            tails: Phrases::new(&kb.keys.open_tail),
            conj: Phrases::new(&CONJUNCTIONS),
        }
    }
}

const CONJUNCTIONS: [&str; 4] = ["and", "or", "as well as", "and/or"];

/// A set of folded phrases: `longest` gives what `longest_phrase` over them gives. The
/// ASCII phrases (in practice all of them) are kept by first byte and compared byte for
/// byte: a text that folds to an ASCII phrase of the same length in bytes is that phrase's
/// length of ASCII, since every other character is two bytes or more and folds to at most
/// one ASCII character. The others are tried as `phrase_at` has it.
#[derive(Debug, Clone)]
struct Phrases {
    /// ASCII phrases by first byte, each with whether a word boundary must follow it.
    by_first: [Vec<(Box<[u8]>, bool)>; 128],
    /// Empty or non-ASCII phrases.
    other: Vec<String>,
    /// For each folded ASCII first byte, the folded second bytes an ASCII phrase can have
    /// after it (all of them under a one-byte phrase): most words are turned away by one
    /// look here, before any phrase is compared.
    pairs: [u128; 128],
}

/// An ASCII byte folded as `text::fold` folds it; other bytes are left as they are.
fn fold_byte(b: u8) -> u8 {
    if b == b'`' {
        b'\''
    } else {
        b.to_ascii_lowercase()
    }
}

impl Phrases {
    fn new<S: AsRef<str>>(phrases: &[S]) -> Phrases {
        let mut set = Phrases {
            by_first: std::array::from_fn(|_| Vec::new()),
            other: Vec::new(),
            pairs: [0; 128],
        };
        for w in phrases.iter().map(AsRef::as_ref) {
            match w.as_bytes().first() {
                Some(&f) if w.is_ascii() => {
                    let boundary = w.as_bytes().last().is_some_and(u8::is_ascii_alphanumeric);
                    let second = w.as_bytes().get(1).copied();
                    set.pairs[f as usize] |= second.map_or(u128::MAX, |b| 1 << b);
                    set.by_first[f as usize].push((w.as_bytes().into(), boundary));
                }
                _ => set.other.push(w.to_string()),
            }
        }
        set
    }

    /// The end of the longest phrase at `p` followed by a word boundary where it ends in a
    /// letter or digit.
    #[inline]
    fn longest(&self, cur: &Cursor, p: usize) -> Option<usize> {
        let b = cur.s.as_bytes();
        let (b0, b1) = (b.get(p).copied(), b.get(p + 1).copied());
        if let (Some(b0), Some(b1)) = (b0, b1) {
            let (f0, f1) = (fold_byte(b0), fold_byte(b1));
            if p + 1 < cur.end
                && f0 < 128
                && f1 < 128
                && self.other.is_empty()
                && self.pairs[f0 as usize] & (1 << f1) == 0
            {
                return None;
            }
        }
        self.longest_here(cur, p)
    }

    fn longest_here(&self, cur: &Cursor, p: usize) -> Option<usize> {
        let from = p.min(cur.end);
        let rest = &cur.s.as_bytes()[from..cur.end];
        let mut best = None;
        if let Some(&b0) = rest.first().filter(|b| b.is_ascii()) {
            for (w, boundary) in &self.by_first[fold_byte(b0) as usize] {
                let n = w.len();
                let fits = rest.len() >= n
                    && rest[..n]
                        .iter()
                        .zip(w.iter())
                        .all(|(&a, &b)| fold_byte(a) == b);
                if !fits {
                    continue;
                }
                let after = cur.s[from + n..cur.end].chars().next();
                if *boundary && after.is_some_and(char::is_alphanumeric) {
                    continue;
                }
                best = best.max(Some(p + n));
            }
        }
        if !self.other.is_empty() {
            best = best.max(longest_phrase(cur, p, &self.other));
        }
        best
    }
}

fn longest_phrase<S: AsRef<str>>(cur: &Cursor, p: usize, phrases: &[S]) -> Option<usize> {
    let here = cur
        .s
        .get(p.min(cur.end)..cur.end)
        .and_then(|r| r.chars().next())
        .map(fold_first);
    phrases
        .iter()
        .map(AsRef::as_ref)
        .filter(|w| match w.chars().next() {
            None => true,
            Some(f) => here == Some(f),
        })
        .filter_map(|w| cur.phrase_at(p, w))
        .max()
}

/// Parses "A, B and C" from `p`. Known names come first; unknown phrases are items only when
/// `allow_unknown` (the list was introduced by a dash, colon, bracket or marker).
fn parse_items(cur: &Cursor, p: usize, mentions: &[&Mention], allow_unknown: bool) -> Option<List> {
    let s = cur.s;
    let tails = &cur.markers.tails;
    let mut items: Vec<Item> = Vec::new();
    let mut p = cur.skip_ws(p);
    let mut last = false;
    let mut open = false;
    let mut uncertain = false;
    while let Some((item, end)) = parse_item(cur, p, mentions, allow_unknown) {
        items.push(item);
        p = end;
        if last {
            break;
        }
        // Separator: ",", ", and", "and", "or", "as well as".
        let q = cur.skip_ws(p);
        let mut next = None;
        if s[q..cur.end].starts_with(',') || s[q..cur.end].starts_with(';') {
            let r = cur.skip_ws(q + 1);
            if let Some(t) = tails.longest(cur, r) {
                open = true;
                p = t;
                break;
            }
            if let Some(a) = conj(cur, r) {
                last = true;
                next = Some(cur.skip_ws(a));
            } else {
                next = Some(r);
            }
        } else if let Some(a) = conj(cur, q) {
            if let Some(t) = tails.longest(cur, q) {
                open = true;
                p = t;
                break;
            }
            last = true;
            next = Some(cur.skip_ws(a));
        } else if let Some(t) = tails.longest(cur, q) {
            open = true;
            p = t;
            break;
        }
        match next {
            Some(n) => {
                // The separator counts only if an item follows it.
                if parse_item(cur, n, mentions, allow_unknown).is_none() {
                    uncertain = allow_unknown && too_long(cur, n);
                    break;
                }
                p = n;
            }
            None => break,
        }
    }
    let first = items.first()?;
    let range = first.range.start..items.last().map_or(p, |i| i.range.end);
    Some(List {
        unit: 0,
        sentence: 0,
        range: range.clone(),
        span: range,
        items,
        open,
        intro: Intro::None,
        intro_at: 0,
        uncertain,
    })
}

/// True when what follows a separator is a phrase too long to be an item, not a clause that
/// ends the list ("..., which met in May").
fn too_long(cur: &Cursor, p: usize) -> bool {
    let p = cur.skip_ws(p);
    let first = cur.word(p);
    if first.is_empty() || CLAUSE_WORDS.contains(&first.to_lowercase().as_str()) {
        return false;
    }
    cur.s[p..phrase_end(cur, p)].split_whitespace().count() > MAX_ITEM_WORDS
}

fn conj(cur: &Cursor, p: usize) -> Option<usize> {
    cur.markers.conj.longest(cur, p)
}

fn parse_item(
    cur: &Cursor,
    p: usize,
    mentions: &[&Mention],
    allow_unknown: bool,
) -> Option<(Item, usize)> {
    let s = cur.s;
    let p = cur.skip_ws(p);
    if p >= cur.end {
        return None;
    }
    let mut q = p;
    if cur.phrase_at(p, "the").is_some() {
        q = cur.skip_ws(p + 3);
    }
    let at = mentions.partition_point(|m| m.range.start < q);
    if let Some(m) = mentions.get(at).filter(|m| m.range.start == q) {
        let end = m.range.end;
        // In an introduced list a known name may carry words after it: "Iraq (two
        // dialogues)". Its identity is still the name.
        let item_end = if allow_unknown {
            phrase_end(cur, end).max(end)
        } else {
            end
        };
        return Some((
            Item {
                range: p..end,
                span: p..end,
                entity: Some((m.gazetteer, m.entity)),
                key: format!("{}:{}", m.gazetteer, m.entity),
            },
            item_end,
        ));
    }
    if !allow_unknown {
        return None;
    }
    let first = cur.word(p);
    if first.is_empty() || CLAUSE_WORDS.contains(&first.to_lowercase().as_str()) {
        return None;
    }
    let end = phrase_end(cur, p);
    let phrase = s[p..end].trim_end();
    let end = p + phrase.len();
    // `nth`, not `count`: the phrase may run to the end of a very long sentence.
    if phrase.is_empty() || phrase.split_whitespace().nth(MAX_ITEM_WORDS).is_some() {
        return None;
    }
    // A phrase with a known name inside ("the Government of Chile") is that name.
    let from = mentions.partition_point(|m| m.range.start < p);
    let to = mentions.partition_point(|m| m.range.start < end);
    let inner: Vec<&&Mention> = mentions[from..to]
        .iter()
        .filter(|m| m.range.end <= end)
        .collect();
    let entity = if inner.len() == 1 {
        Some((inner[0].gazetteer, inner[0].entity))
    } else {
        None
    };
    let key = match entity {
        Some((g, e)) => format!("{g}:{e}"),
        None => {
            let f = fold(phrase);
            f.strip_prefix("the ").unwrap_or(&f).to_string()
        }
    };
    Some((
        Item {
            range: p..end,
            span: p..end,
            entity,
            key,
        },
        end,
    ))
}

/// Where an unknown phrase ends: at punctuation that separates items, a spaced dash, or a
/// conjunction.
fn phrase_end(cur: &Cursor, p: usize) -> usize {
    let s = cur.s;
    let mut i = p;
    let mut depth = 0usize;
    while i < cur.end {
        if i >= p + PHRASE_SCAN {
            return cur
                .ends
                .get_or_init(|| PhraseEnds::new(cur))
                .end_from(p, cur.end);
        }
        let c = s[i..].chars().next().unwrap_or(' ');
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            ')' => return i,
            ',' | ';' | ':' | '!' | '?' if depth == 0 => return i,
            '.' if depth == 0 => {
                // A full stop inside "e.g." or a decimal does not end the phrase.
                let next = s[i + 1..].chars().next();
                if !next.is_some_and(|n| n.is_alphanumeric()) {
                    return i;
                }
            }
            _ => {}
        }
        if depth == 0 && is_dash_char(c) && is_dash(s, i).is_some() {
            return i;
        }
        if depth == 0 && c.is_whitespace() {
            let w = cur.skip_ws(i);
            if conj(cur, w).is_some() {
                return i;
            }
        }
        i += c.len_utf8();
    }
    cur.end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn markers() -> Markers {
        Markers::new(&Knowledge::builtin())
    }

    /// The index of phrase ends agrees with the scan from every position.
    #[test]
    fn phrase_ends_index_matches_the_scan() {
        let sentences = [
            "Chile (two dialogues), Peru and Ecuador – including Iraq (a (b) c) d) e",
            "x ( y ) ) z, w. e.g. q; r: s ! t ? u – v — w - x and/or y as well as z or a",
            "((( Chile ) Peru )) Côte d’Ivoire (– and) , end.",
            "including Chile with many more words here including Peru with words",
            ") leading close, (open never closed and more",
        ];
        let markers = markers();
        for text in sentences {
            for start in [0, 3] {
                let cur = Cursor {
                    s: text,
                    start,
                    end: text.len(),
                    ends: std::cell::OnceCell::new(),
                    markers: &markers,
                };
                let index = PhraseEnds::new(&cur);
                for (p, _) in text.char_indices().filter(|&(p, _)| p >= start) {
                    assert_eq!(
                        index.end_from(p, cur.end),
                        phrase_end(&cur, p),
                        "from {p} in {text:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn phrase_ends_index_matches_the_scan_on_generated_text() {
        const PIECES: &[&str] = &[
            "(",
            ")",
            ",",
            ".",
            ";",
            ":",
            "!",
            "?",
            "a",
            " ",
            "  ",
            "and",
            "or",
            "as well as",
            "and/or",
            "–",
            " – ",
            " - ",
            "—",
            "e.g.",
            "1.5",
            "é",
            "’",
            "Chile",
            "\u{a0}",
            "\n",
        ];
        let markers = markers();
        let mut rng = crate::eval::Rng::new(0x9E37_79B9_7F4A_7C15);
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..rng.below(40) {
                text.push_str(PIECES[rng.below(PIECES.len())]);
            }
            let cur = Cursor {
                s: &text,
                start: 0,
                end: text.len(),
                ends: std::cell::OnceCell::new(),
                markers: &markers,
            };
            let index = PhraseEnds::new(&cur);
            for (p, _) in text.char_indices() {
                assert_eq!(
                    index.end_from(p, cur.end),
                    phrase_end(&cur, p),
                    "from {p} in {text:?}"
                );
            }
        }
    }

    /// Phrase sets match as `longest_phrase` over them did, ASCII or not, at every place in
    /// texts made of the pieces phrases are made of.
    #[test]
    fn phrase_sets_match_as_longest_phrase() {
        let kb = Knowledge::builtin();
        let markers = markers();
        let odd = ["", "é", "côte", "Like", "`x", "'x", "e.g.", "é.g", "a"];
        let sets: Vec<Vec<String>> = vec![
            kb.keys.open.clone(),
            kb.keys.closed.clone(),
            kb.keys.open_tail.clone(),
            CONJUNCTIONS.iter().map(|w| w.to_string()).collect(),
            odd.iter().map(|w| w.to_string()).collect(),
            odd[1..].iter().map(|w| w.to_string()).collect(),
        ];
        let ready: Vec<Phrases> = sets.iter().map(|v| Phrases::new(v)).collect();
        const PIECES: &[&str] = &[
            "including",
            "Including",
            "INCLUDING",
            "e.g.",
            "E.G",
            "e.g",
            "é",
            "É",
            "côte",
            "Côte",
            "such as",
            "such  as",
            "and",
            "or",
            "and/or",
            "as well as",
            "etc.",
            "etc",
            "`",
            "'",
            "’",
            "x",
            "1",
            " ",
            "\u{a0}",
            "-",
            "like",
            "likely",
            "i.e.",
            "namely",
            "K",
            "İ",
        ];
        let mut rng = crate::eval::Rng::new(0x2545_F491_4F6C_DD1D);
        let mut next = || rng.next_u64();
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..next() % 8 {
                text.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
            }
            let end = text.len().saturating_sub((next() % 3) as usize);
            let end = (0..=end)
                .rev()
                .find(|&e| text.is_char_boundary(e))
                .unwrap_or(0);
            let cur = Cursor {
                s: &text,
                start: 0,
                end,
                ends: std::cell::OnceCell::new(),
                markers: &markers,
            };
            for (set, phrases) in sets.iter().zip(&ready) {
                for (p, _) in text.char_indices().chain([(text.len(), ' ')]) {
                    assert_eq!(
                        phrases.longest(&cur, p),
                        longest_phrase(&cur, p, set),
                        "{set:?} at {p} in {text:?}"
                    );
                }
            }
        }
    }
}
