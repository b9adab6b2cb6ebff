//! Partitions: a stated whole and the parts a draft breaks it into, in the same sentence or
//! across two ("... received 150 replies. Of these, 88 ..., 41 ... and the remaining 21
//! ..."), and shares of a whole named by anaphora ("14 of them"). Both total-parts and
//! percent-of read them, so that a breakdown is read the same way by every rule.

use super::{Document, QUnit, Quantity};
use crate::text::fold;
use std::ops::Range;

/// How the parts relate to the whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cover {
    /// The parts are the whole breakdown: they must add up to it.
    All,
    /// The parts may be a selection ("including", "of which" with two parts): they must only
    /// not exceed it.
    Some,
    /// Each part is a share of the whole, but the figures around them leave unclear whether
    /// they are all of its breakdown: no claim about their sum.
    Shares,
}

#[derive(Debug, Clone)]
pub struct Partition {
    /// The whole (a quantity index).
    pub total: usize,
    /// The parts (quantity indices), in order. A share named by anaphora ("14 of them") is a
    /// partition with one part.
    pub parts: Vec<usize>,
    pub cover: Cover,
    /// The unit and sentence of the parts.
    pub unit: usize,
    pub sentence: usize,
    /// Text range the parts occupy (the bracket, or from the first part to the sentence end).
    pub range: Range<usize>,
    /// The whole was named by "of these", "of them" or the like, or stated with "Of the M":
    /// the parts may count it with another noun ("150 replies. Of these, 88 States").
    pub explicit: bool,
}

const EXHAUSTIVE: &[&str] = &[
    ":",
    "comprising",
    "broken down as",
    "consisting of",
    "namely",
    "made up of",
];
const PARTIAL: &[&str] = &[
    "of which",
    "of whom",
    "including",
    "among them",
    "among which",
];
/// Markers that name a selection whatever follows them.
const SELECTION: &[&str] = &["including", "among them", "among which"];
/// Words inside a breakdown that make one part a subset of another.
const NESTED: &[&str] = &["including", "among them", "in particular", "notably"];
/// Words after a part that make it a share of the part before it ("9 ..., 3 of them").
const OF_THEM: &[&str] = &["of them", "of these", "of those", "of which", "of whom"];
/// How a sentence opens when its figures are shares of a whole stated in the sentence before.
const ANAPHORA_HEADS: &[&str] = &["of these,", "of them,", "of those,"];
/// How a sentence opens when its first figure is the whole: "Of the 57 Parties, 21 ...".
const WHOLE_HEADS: &[&str] = &[
    "of the",
    "of",
    "of these",
    "of those",
    "of all",
    "of all the",
];

/// Where a figure's phrase starts, its hedge included.
/// The text from `a` to `b`, empty when they are out of order: a figure's hedge may reach
/// back over the figure before it ("2016–2 EUR 2"), and a gap between them is then nothing.
fn between(s: &str, a: usize, b: usize) -> &str {
    s.get(a..b).unwrap_or("")
}

pub fn start_of(q: &Quantity) -> usize {
    q.hedge.as_ref().map_or(q.range.start, |h| h.1.start)
}

/// Whether folded `s` ends with `w` at a word boundary.
fn ends_word(s: &str, w: &str) -> bool {
    s.strip_suffix(w)
        .is_some_and(|b| !b.ends_with(|c: char| c.is_alphanumeric()))
}

fn starts_word(s: &str, w: &str) -> bool {
    s.strip_prefix(w)
        .is_some_and(|a| !a.starts_with(|c: char| c.is_alphanumeric()))
}

/// Whether folded `s` holds `w` as whole words.
pub fn has_word(s: &str, w: &str) -> bool {
    s.match_indices(w).any(|(p, _)| {
        !s[..p].ends_with(|c: char| c.is_alphanumeric())
            && !s[p + w.len()..].starts_with(|c: char| c.is_alphanumeric())
    })
}

/// A whole number of things, written without a hedge or with one.
fn is_count(q: &Quantity) -> bool {
    q.kind == QUnit::Count && q.value.s == 0 && !q.value.is_negative()
}

/// How far around a figure its connecting words are looked for: a bounded window keeps the
/// work linear in a long sentence full of figures.
const WINDOW: usize = 48;

/// The text of the sentence just before `at`, a few words.
fn before<'s>(s: &'s str, sent: &Range<usize>, at: usize) -> &'s str {
    let mut from = sent.start.max(at.saturating_sub(WINDOW)).min(at);
    while !s.is_char_boundary(from) {
        from += 1;
    }
    &s[from..at]
}

/// The text of the sentence just after `at`, a few words.
fn after<'s>(s: &'s str, sent: &Range<usize>, at: usize) -> &'s str {
    let mut to = sent.end.min(at + WINDOW).max(at);
    while !s.is_char_boundary(to) {
        to -= 1;
    }
    &s[at..to]
}

/// Whether the figure opens a clause of a breakdown ("..., 14 have", "and the remaining
/// 22", ": 17 from"), rather than sitting inside one ("submitted all three reports").
fn opens_clause(s: &str, sent: &Range<usize>, q: &Quantity) -> bool {
    let before = fold(before(s, sent, start_of(q)));
    let b = before.trim_end();
    b.ends_with(',')
        || b.ends_with(':')
        || ["and", "remaining", "other", "which", "whom"]
            .iter()
            .any(|w| ends_word(b, w))
}

/// Whether the last part closes the breakdown: "the remaining 21", "the other 8", "and 6
/// remain pending".
fn closes(s: &str, sent: &Range<usize>, q: &Quantity) -> bool {
    let before = fold(before(s, sent, start_of(q)));
    let b = before.trim_end();
    let after = fold(after(s, sent, q.range.end));
    let a = after.trim_start();
    ["remaining", "the other", "the rest"]
        .iter()
        .any(|w| ends_word(b, w))
        || [
            "remain",
            "remains",
            "remained",
            "were still",
            "are still",
            "still",
        ]
        .iter()
        .any(|w| starts_word(a, w))
}

/// A breakdown is whole when it is closed ("the remaining") or has three parts or more and
/// no other figure among them (`stray`: "5 are under 30 years of age" may be another
/// dimension).
fn cover_of(s: &str, sent: &Range<usize>, qs: &[Quantity], parts: &[usize], stray: bool) -> Cover {
    let closed = parts.last().is_some_and(|&p| closes(s, sent, &qs[p]));
    match (closed, stray) {
        (true, _) => Cover::All,
        (false, false) if parts.len() >= 3 => Cover::All,
        (false, false) => Cover::Some,
        (false, true) => Cover::Shares,
    }
}

/// The whole that "of these" or "of them" at the head of sentence `si` names: a count of
/// the sentence before it, in the same unit: the only count there, or the nearest when it
/// counts the same thing as the first share (`here`); none when that is not clear.
fn antecedent(doc: &Document, si: usize, here: usize) -> Option<usize> {
    let u = doc.sentences[si].unit;
    let prev = si.checked_sub(1)?;
    if doc.sentences[prev].unit != u {
        return None;
    }
    let qs = &doc.quantities;
    let first = &qs[here];
    // Quantities are in document order: the sentence before ends just before `here`.
    let cands: Vec<usize> = (0..here)
        .rev()
        .take_while(|&k| qs[k].unit == u && qs[k].sentence >= prev)
        .filter(|&k| qs[k].sentence == prev)
        .filter(|&k| is_count(&qs[k]) && qs[k].year.is_none())
        .collect();
    // The nearest count when it counts the same thing, or the only one. "85 prosecutors and
    // 60 judges. Of these, ..." may mean both together: stay quiet.
    let same_noun = |k: usize| {
        matches!((&qs[k].noun, &first.noun), (Some(a), Some(b))
            if a == b || a.trim_end_matches('s') == b.trim_end_matches('s'))
    };
    match cands.as_slice() {
        [k] => Some(*k),
        [k, ..] if same_noun(*k) => Some(*k),
        _ => None,
    }
    .filter(|&k| qs[k].value >= first.value)
}

/// Every partition of the document, sentence by sentence.
pub fn find(doc: &Document) -> Vec<Partition> {
    let qs = &doc.quantities;
    let mut out = Vec::new();
    let mut i = 0;
    while i < qs.len() {
        let mut j = i;
        while j < qs.len() && qs[j].sentence == qs[i].sentence && qs[j].unit == qs[i].unit {
            j += 1;
        }
        sentence(doc, i..j, &mut out);
        i = j;
    }
    out
}

/// The partitions whose parts are in one sentence (`idx`: its quantities).
fn sentence(doc: &Document, idx: Range<usize>, out: &mut Vec<Partition>) {
    let qs = &doc.quantities;
    let first = &qs[idx.start];
    let (u, si) = (first.unit, first.sentence);
    let s = doc.units[u].text.as_str();
    let sent = doc.sentences[si].range.clone();
    let mut found: Vec<Partition> = Vec::new();
    let mut used = vec![false; idx.len()];
    let at = |q: usize| q - idx.start;
    let group = |total, parts: Vec<usize>, cover, range, explicit| Partition {
        total,
        parts,
        cover,
        unit: u,
        sentence: si,
        range,
        explicit,
    };

    // Bracketed parts: "USD 1.9 billion (430.7 million (2014), 376.5 million (2015))".
    let mut depth = 0usize;
    let mut open = 0;
    for (k, c) in s[sent.clone()].char_indices() {
        let pos = sent.start + k;
        match c {
            '(' => {
                if depth == 0 {
                    open = pos;
                }
                depth += 1;
            }
            ')' if depth > 0 => {
                depth -= 1;
                if depth > 0 {
                    continue;
                }
                let inside: Vec<usize> = idx
                    .clone()
                    .filter(|&q| qs[q].range.start > open && qs[q].range.end <= pos)
                    .collect();
                if inside.len() < 2 {
                    continue;
                }
                let lead = fold(between(s, open + 1, start_of(&qs[inside[0]])).trim());
                let cover = match lead.as_str() {
                    "" => Cover::All,
                    "including" | "of which" | "among them" => Cover::Some,
                    _ => continue,
                };
                // The total: the nearest figure before the bracket of the same kind.
                let Some(total) = idx
                    .clone()
                    .rev()
                    .filter(|&q| qs[q].range.end <= open)
                    .find(|&q| qs[q].same_unit(&qs[inside[0]]))
                else {
                    continue;
                };
                for &p in &inside {
                    used[at(p)] = true;
                }
                used[at(total)] = true;
                found.push(group(total, inside, cover, open..pos + 1, false));
            }
            _ => {}
        }
    }

    // The parts of this sentence, after `from`: figures that open a clause, percentages (a
    // share stated beside a part) left out, up to a semicolon.
    let clause_parts = |from: usize| -> (Vec<usize>, bool) {
        let mut parts = Vec::new();
        let mut stray = false;
        let mut prev_end = qs[from].range.start;
        for (k, q) in qs.iter().enumerate().take(idx.end).skip(from) {
            if s[prev_end.min(start_of(q))..start_of(q)].contains(';') {
                break;
            }
            prev_end = prev_end.max(q.range.end);
            if q.kind == QUnit::Percent {
                continue;
            }
            if opens_clause(s, &sent, q) {
                parts.push(k);
            } else {
                stray = true;
            }
        }
        (parts, stray)
    };
    let nested = |parts: &[usize]| -> bool {
        let (Some(&a), Some(&b)) = (parts.first(), parts.last()) else {
            return false;
        };
        let region = fold(&s[qs[a].range.end..sent.end.max(qs[b].range.end)]);
        NESTED.iter().any(|w| has_word(&region, w))
            || parts.iter().any(|&p| {
                let after = fold(after(s, &sent, qs[p].range.end));
                let after = after.trim_start();
                OF_THEM.iter().any(|w| starts_word(after, w))
                    || ["of the", "of all"].iter().any(|w| starts_word(after, w))
            })
    };
    // "12 attended in 2019, 15 in 2020 and 20 in 2021" is a series over years, not a
    // breakdown of one whole.
    let series = |parts: &[usize]| -> bool {
        let Some(&a) = parts.first() else {
            return false;
        };
        let mut years: Vec<&str> = s[qs[a].range.start..sent.end.max(qs[a].range.start)]
            .split(|c: char| !c.is_ascii_digit())
            .filter(|w| w.len() == 4 && ("1900".."2101").contains(w))
            .collect();
        years.sort_unstable();
        years.dedup();
        years.len() >= 2
    };

    // "Of these, 22 ..., 9 ... and 6 remain pending": the whole is in the sentence before.
    let head = fold(between(s, sent.start, start_of(first)));
    let head = head.trim_end();
    if ANAPHORA_HEADS.contains(&head) && is_count(first) && first.hedge.is_none() {
        if let Some(total) = antecedent(doc, si, idx.start) {
            let (parts, stray) = clause_parts(idx.start);
            if parts.first() == Some(&idx.start) && !nested(&parts) && !series(&parts) {
                let cover = cover_of(s, &sent, qs, &parts, stray);
                for &p in &parts {
                    used[at(p)] = true;
                }
                let range = first.range.start..sent.end;
                found.push(group(total, parts, cover, range, true));
            }
        }
    }
    // "Of the 57 Parties, 21 ..., 14 ... and the remaining 22 ...": the first figure is the
    // whole.
    if WHOLE_HEADS.contains(&head) && is_count(first) && !used[0] {
        if let Some(&next) = (idx.start + 1..idx.end)
            .find(|&k| qs[k].kind != QUnit::Percent)
            .as_ref()
        {
            let between = fold(between(s, first.range.end, start_of(&qs[next])));
            if between.contains(',') && !between.contains(';') {
                let (parts, stray) = clause_parts(next);
                if parts.first() == Some(&next) && !nested(&parts) && !series(&parts) {
                    let cover = cover_of(s, &sent, qs, &parts, stray);
                    for &p in &parts {
                        used[at(p)] = true;
                    }
                    used[0] = true;
                    let range = qs[next].range.start..sent.end;
                    found.push(group(idx.start, parts, cover, range, true));
                }
            }
        }
    }

    // Parts after a marker: "23 communications, of which 9 ..., 6 ... and 8 ...".
    for t in idx.clone() {
        if used[at(t)] || !matches!(qs[t].kind, QUnit::Count | QUnit::Currency(_)) {
            continue;
        }
        let Some(next) = (t + 1..idx.end).next() else {
            break;
        };
        let gap = fold(between(s, qs[t].range.end, start_of(&qs[next])));
        if gap.split_whitespace().count() > 8 || gap.contains(['(', ')', ';']) {
            continue;
        }
        let has = |m: &&str| {
            gap.match_indices(*m).any(|(p, _)| {
                m.starts_with(|c: char| !c.is_alphanumeric())
                    || (!gap[..p].ends_with(char::is_alphanumeric)
                        && !gap[p + m.len()..].starts_with(char::is_alphanumeric))
            })
        };
        let mut cover = if EXHAUSTIVE.iter().any(has) {
            Cover::All
        } else if PARTIAL.iter().any(has) {
            Cover::Some
        } else {
            continue;
        };
        let all: Vec<usize> = (next..idx.end)
            .filter(|&k| qs[k].kind != QUnit::Percent)
            .collect();
        // A part that is a subset of another ("21 were upheld, including 9 ...") would be
        // added twice: no flat reading of the figures.
        if all.iter().any(|&p| used[at(p)]) {
            continue;
        }
        if nested(&all) {
            break;
        }
        // "of which" over a closed or three-part breakdown reads as the whole of it, when
        // every part opens its clause and none is a subset of another.
        let (clauses, stray) = clause_parts(next);
        if cover == Cover::Some
            && !SELECTION.iter().any(has)
            && !stray
            && clauses == all
            && !series(&all)
        {
            cover = cover_of(s, &sent, qs, &all, false);
        }
        for &p in &all {
            used[at(p)] = true;
        }
        // "of which" names the total: the word after a part is a verb ("30 came from"), not
        // another unit.
        let explicit = ["of which", "of whom"].iter().any(has);
        found.push(group(
            t,
            all,
            cover,
            qs[next].range.start..sent.end,
            explicit,
        ));
        break;
    }

    // "14 of them", "seven of which": one share of the figure before it, or of the whole the
    // sentence before states.
    for k in idx.clone() {
        let q = &qs[k];
        if used[at(k)] || !is_count(q) || q.hedge.is_some() {
            continue;
        }
        let after = fold(after(s, &sent, q.range.end));
        let after = after.trim_start();
        let them = OF_THEM[..3].iter().any(|w| starts_word(after, w));
        let which = OF_THEM[3..].iter().any(|w| starts_word(after, w));
        if !them && !which {
            continue;
        }
        // As for "Of these": the only count before it, or the nearest when it counts the
        // same thing ("30 witnesses in 13 countries, and 12 of them" is unclear).
        let before: Vec<usize> = (idx.start..k)
            .rev()
            .filter(|&b| is_count(&qs[b]) && qs[b].year.is_none())
            .collect();
        let total = match before.as_slice() {
            [b] => Some(*b),
            [b, ..] if q.noun.is_some() && q.same_unit(&qs[*b]) => Some(*b),
            [_, ..] => None,
            [] if them && k == idx.start => antecedent(doc, si, k),
            [] => None,
        };
        let Some(total) = total.filter(|&t| qs[t].value >= q.value) else {
            continue;
        };
        found.push(group(total, vec![k], Cover::Some, q.range.clone(), true));
    }

    found.retain(|g| {
        let t = &qs[g.total];
        matches!(t.kind, QUnit::Count | QUnit::Currency(_))
            && !g.parts.is_empty()
            && g.parts.iter().all(|&p| {
                let q = &qs[p];
                let unit = if g.explicit {
                    q.kind == t.kind
                } else {
                    q.same_unit(t)
                };
                // Scales too far apart for the part to be a share of the total as read.
                unit && q.hedge.is_none() && q.scale <= t.scale + 3
            })
            // A total tagged with one year is not the sum of other years' figures.
            && !(t.year.is_some() && g.parts.iter().any(|&p| qs[p].year.is_some()))
    });
    out.extend(found);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::Knowledge;
    use crate::source::Source;

    fn read(text: &str) -> Vec<(String, Vec<String>, Cover)> {
        let kb = Knowledge::builtin();
        let doc = Document::build(Source::from_string("t.md", text.to_string()), &kb);
        let s = |q: usize| {
            let q = &doc.quantities[q];
            doc.units[q.unit].text[q.number.clone()].to_string()
        };
        doc.partitions
            .iter()
            .map(|p| (s(p.total), p.parts.iter().map(|&q| s(q)).collect(), p.cover))
            .collect()
    }

    #[test]
    fn of_these_reads_the_whole_of_the_sentence_before() {
        let p = read(
            "The Panel examined 37 requests during the period. Of these, 22 were granted, 9 were settled and 6 remain pending.\n",
        );
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].0, "37");
        assert_eq!(p[0].1, ["22", "9", "6"]);
        assert_eq!(p[0].2, Cover::All);
    }

    #[test]
    fn of_which_with_three_parts_or_a_remainder_is_whole() {
        let p = read("The Committee received 23 communications, of which 9 were declared admissible, 6 were found inadmissible and 8 remain under consideration.\n");
        assert_eq!(p[0].2, Cover::All, "{p:?}");
        let p = read("The Committee registered 31 communications, of which 12 were declared admissible and 7 were discontinued.\n");
        assert_eq!(p[0].2, Cover::Some, "{p:?}");
        let p = read("The Committee registered 31 communications, of which 12 were declared admissible, including 3 from women, and 7 were discontinued.\n");
        assert!(p.iter().all(|g| g.2 == Cover::Some), "{p:?}");
    }

    #[test]
    fn of_the_whole_with_clause_parts() {
        let p = read("Of the 57 Parties, 21 have submitted all three reports, 14 have submitted one or two of them, and the remaining 22 have not reported.\n");
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].1, ["21", "14", "22"]);
        assert_eq!(p[0].2, Cover::All);
    }

    #[test]
    fn no_breakdown_over_years_nested_parts_or_stray_figures() {
        let p = read("The Committee has 30 members. Of these, 12 attended in 2019, 15 in 2020 and 20 in 2021.\n");
        assert!(p.iter().all(|g| g.1.len() < 2), "{p:?}");
        let p = read("A total of 120 officials were trained. Of them, 70 were men and 50 were women, and 30 of the women were prosecutors.\n");
        assert!(p.iter().all(|g| g.1.len() < 2), "{p:?}");
        let p =
            read("Of the 30 experts, 12 are women, 18 are men and 5 are under 30 years of age.\n");
        assert_eq!(p[0].2, Cover::Shares, "{p:?}");
    }

    #[test]
    fn of_them_is_a_share() {
        let p =
            read("Twenty-two States take part. During the year, 14 of them hosted an activity.\n");
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].0, "Twenty-two");
        // Two figures before and different nouns: no clear whole.
        let p = read("The Fund held 30 meetings and trained 40 officials. Of these, 12 women were promoted.\n");
        assert!(p.is_empty(), "{p:?}");
        let p =
            read("The Commission heard 30 witnesses in 13 countries, and 12 of them were women.\n");
        assert!(p.is_empty(), "{p:?}");
        let p = read("The Commission heard 30 witnesses, and 12 of them were women.\n");
        assert_eq!(p[0].0, "30", "{p:?}");
    }
}
