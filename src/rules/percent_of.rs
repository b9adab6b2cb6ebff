use super::{Context, Rule};
use crate::decimal::{Dec, End, Interval};
use crate::declare_rule;
use crate::extract::partitions::{has_word, start_of};
use crate::extract::quantities::{describe, hedge_before};
use crate::extract::{Cover, Document, Partition, QUnit, Quantity};
use crate::finding::{Finding, Severity};
use crate::knowledge::{HedgeKind, Knowledge, Proportion};
use crate::text::{fold, is_word_char};
use std::ops::Range;

declare_rule! {
    /// ## What it does
    /// Checks a percentage or a proportion word against the count and the whole it refers
    /// to: "Of the 46 reviews launched, 29 (58 per cent) ..." is 63 per cent, not 58.
    ///
    /// The count and the whole come from the sentence: "N of the M", "Of the M ..., N",
    /// "M ..., of which N", "P per cent of the M ..., or N", "P per cent of all Parties"
    /// (the whole being the last number of Parties the draft stated), or a partition of the
    /// paragraph ("63 ... 37 ... the remaining 61 ..., i.e. almost 40 per cent", so 161).
    /// "Of these, N" and "N of them" take the whole stated in the sentence before ("44 States
    /// Parties. Of these, 31 submitted a report, a reporting rate of 70 per cent"), when it is
    /// the only count there or counts the same thing. A sentence that restates a whole
    /// breakdown ("In other words, 59 per cent of respondents ...") must give, for each
    /// percentage tied to the whole, the share of one part or of several together.
    /// Proportion words are read as ranges: "the majority" is more than half, "a quarter"
    /// about 25 per cent, "more than a third" above 33.3 per cent
    /// (`rules/quantities.toml`). A stated percentage stands for its rounding interval, read
    /// through its hedge ("almost 40 per cent" is a little under 40). Whether a partition
    /// adds up to its stated whole is total-parts' to say.
    ///
    /// ## Why is this bad?
    /// Readers recompute shares. A percentage that does not follow from the figures next to it
    /// means one of them was changed without the others.
    ///
    /// ## Example
    /// ```markdown
    /// Of the 46 reviews launched, 29 (58 per cent) experienced delays.
    /// Handguns accounted for the majority of seizures (42 percent).
    /// ```
    /// both fire. These stay quiet:
    /// ```markdown
    /// Of the 39 storekeepers trained, 18 (46 percent) were women.
    /// The remaining 22, nearly 40 per cent of the 57 Parties, have not reported.
    /// ```
    ///
    /// ## Fix
    /// Correct the percentage, the count or the whole; the help gives the share the figures
    /// imply.
    pub struct PercentOf {
        id: "percent-of",
        severity: Warning,
        summary: "a percentage or proportion that does not follow from its count and whole",
    }
}

/// The whole a count is a share of.
#[derive(Clone)]
enum Whole {
    Stated(usize),
    /// The sum of a partition: value and the parts' indices.
    Sum(Dec, Vec<usize>),
}

/// Openings of a sentence that restates the figures of the sentence before.
const RESTATE: &[&str] = &[
    "in other words",
    "that is,",
    "put another way",
    "put differently",
    "expressed as a percentage",
    "in percentage terms",
    "in relative terms",
];

/// Words that make a percentage a change rather than a share.
const CHANGE: &[&str] = &[
    "increase", "decrease", "rise", "fall", "growth", "compared", "than", "from", "up", "down",
    "change", "points", "over",
];

struct Prop<'k> {
    p: &'k Proportion,
    range: Range<usize>,
    hedge: Option<(HedgeKind, Range<usize>)>,
}

impl Rule for PercentOf {
    fn meta(&self) -> &'static super::Meta {
        &Self::META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let qs = &doc.quantities;
        let mut i = 0;
        while i < qs.len() {
            let mut j = i;
            while j < qs.len() && qs[j].sentence == qs[i].sentence && qs[j].unit == qs[i].unit {
                j += 1;
            }
            self.sentence(doc, cx.kb, i..j, out);
            i = j;
        }
    }
}

fn is_count(q: &Quantity) -> bool {
    q.kind == QUnit::Count && q.hedge.is_none() && q.value.s == 0 && !q.value.is_negative()
}

fn words(g: &str) -> usize {
    g.split_whitespace().count()
}

/// 100 * n / m rounded to `d` decimals.
fn share(n: Dec, m: Dec, d: u32) -> Option<Dec> {
    // n/m * 100 * 10^d, rounded half up, with both at a common scale.
    let s = n.s.max(m.s);
    let nn = n.shift(s as i32)?.m;
    let mm = m.shift(s as i32)?.m;
    if mm == 0 {
        return None;
    }
    let num = nn.checked_mul(100)?.checked_mul(10i128.checked_pow(d)?)?;
    let q = (num.checked_mul(2)?.checked_add(mm)?) / (mm.checked_mul(2)?);
    Some(Dec { m: q, s: d })
}

/// Whether `iv` (per cent) admits 100 * n / m.
fn admits(iv: Interval, n: Dec, m: Dec) -> Option<bool> {
    let scaled = iv.scale(m)?;
    Some(scaled.contains(n.checked_mul(Dec::int(100))?))
}

fn prop_interval(pr: &Prop) -> Option<Interval> {
    let p = pr.p;
    let d = |s: &str| Dec::parse(s);
    let exact = d(&p.exact)?;
    let exact_lo = p.exact_lo.as_deref().map_or(Some(exact), d)?;
    let end = |v: Dec, closed: bool| Some(End { v, closed });
    Some(match pr.hedge.as_ref().map(|h| h.0) {
        None | Some(HedgeKind::Approximate) => Interval {
            lo: end(d(&p.lo)?, !p.lo_open),
            hi: end(d(&p.hi)?, !p.hi_open),
        },
        Some(HedgeKind::Above) => Interval {
            lo: end(exact_lo, false),
            hi: end(Dec::int(100), true),
        },
        Some(HedgeKind::AtLeast) => Interval {
            lo: end(exact_lo, true),
            hi: end(Dec::int(100), true),
        },
        Some(HedgeKind::LessThan) => Interval {
            lo: end(Dec::ZERO, true),
            hi: end(exact, false),
        },
        Some(HedgeKind::AtMost) => Interval {
            lo: end(Dec::ZERO, true),
            hi: end(exact, true),
        },
        Some(HedgeKind::Below) => Interval {
            lo: end(exact_lo.checked_sub(Dec::int(10))?, true),
            hi: end(exact, true),
        },
    })
}

/// The proportion words in `range` of `s`, with their hedges.
fn proportions<'k>(s: &str, range: Range<usize>, floor: usize, kb: &'k Knowledge) -> Vec<Prop<'k>> {
    let folded = fold(&s[range.clone()]);
    if folded.len() != range.len() {
        return Vec::new(); // offsets would not map; proportion words are ASCII
    }
    let mut out: Vec<Prop> = Vec::new();
    for (i, finder) in &kb.keys.proportions {
        let p = &kb.quantities.proportion[*i];
        for at in finder.find_iter(folded.as_bytes()) {
            let a = range.start + at;
            let b = a + finder.needle().len();
            if s[..a].chars().next_back().is_some_and(is_word_char)
                || s[b..].chars().next().is_some_and(is_word_char)
            {
                continue;
            }
            if out.iter().any(|o| o.range.start <= a && b <= o.range.end) {
                continue;
            }
            out.retain(|o| !(a <= o.range.start && o.range.end <= b));
            out.push(Prop {
                p,
                range: a..b,
                hedge: hedge_before(s, floor, a, kb),
            });
        }
    }
    out.sort_by_key(|p| p.range.start);
    out
}

impl PercentOf {
    fn sentence(&self, doc: &Document, kb: &Knowledge, idx: Range<usize>, out: &mut Vec<Finding>) {
        let qs = &doc.quantities;
        let first = &qs[idx.start];
        let u = first.unit;
        let unit = &doc.units[u];
        let s = unit.text.as_str();
        let sent = doc.sentences[first.sentence].range.clone();
        let start_of = |q: &Quantity| q.hedge.as_ref().map_or(q.range.start, |h| h.1.start);
        let gap = |a: usize, b: usize| -> String {
            if a <= b {
                fold(&s[a..b])
            } else {
                String::new()
            }
        };
        // What follows or precedes a figure is read in a bounded window, so that a sentence
        // of many figures stays linear.
        let ahead = |a: usize| crate::source::floor_char_boundary(s, (a + 160).min(sent.end));
        let behind =
            |b: usize| crate::source::ceil_char_boundary(s, b.saturating_sub(60)).max(sent.start);
        let v: Vec<usize> = idx.clone().collect();
        let props = proportions(s, sent.clone(), sent.start, kb);
        // (n, whole) pairs.
        let mut pairs: Vec<(usize, Whole)> = Vec::new();
        let mut stated_whole: Option<usize> = None;
        for w in v.windows(2) {
            let (a, b) = (&qs[w[0]], &qs[w[1]]);
            if !is_count(a) || !is_count(b) {
                continue;
            }
            let g = gap(a.range.end, start_of(b));
            let g = g.trim();
            if g == "of the" || g == "of" {
                pairs.push((w[0], Whole::Stated(w[1])));
            } else if (g.ends_with(", of which") || g.ends_with(", of whom")) && words(g) <= 8 {
                pairs.push((w[1], Whole::Stated(w[0])));
            }
        }
        // "Of the M ..., N"
        let head = fold(&s[sent.start..start_of(first)]);
        if (head == "of the " || head == "of ") && is_count(first) {
            stated_whole = Some(idx.start);
            if let Some(&n) = v.get(1) {
                let g = gap(first.range.end, start_of(&qs[n]));
                if g.contains(',') && !g.contains(';') && is_count(&qs[n]) {
                    pairs.push((n, Whole::Stated(idx.start)));
                }
            }
        }
        // The shares the partitions of this sentence name: "Of these, 31 ...", "14 of them",
        // "Of the 57 Parties, 21 ..., 14 ... and the remaining 22".
        let si = first.sentence;
        let from = doc.partitions.partition_point(|g| g.sentence < si);
        for g in doc.partitions[from..]
            .iter()
            .take_while(|g| g.sentence == si)
        {
            if !is_count(&qs[g.total]) {
                continue;
            }
            for &n in &g.parts {
                if is_count(&qs[n]) && !pairs.iter().any(|(k, _)| *k == n) {
                    pairs.push((n, Whole::Stated(g.total)));
                }
            }
        }
        // "the remaining N" closing a partition of the paragraph with no stated whole.
        for &n in &v {
            let q = &qs[n];
            if !is_count(q)
                || stated_whole.is_some()
                || !fold(&s[behind(start_of(q))..start_of(q)])
                    .trim_end()
                    .ends_with("remaining")
            {
                continue;
            }
            if let Some(noun) = &q.noun {
                // Earlier counts of the same noun in the paragraph.
                // Walk back within the paragraph only, so the work stays linear.
                let mut parts: Vec<usize> = (0..n)
                    .rev()
                    .take_while(|&k| qs[k].unit == u)
                    .filter(|&k| qs[k].kind == QUnit::Count)
                    .collect();
                parts.reverse();
                if parts.len() >= 2
                    && parts.len() <= 6
                    && parts
                        .iter()
                        .all(|&k| is_count(&qs[k]) && qs[k].noun.as_ref() == Some(noun))
                {
                    let mut all = parts.clone();
                    all.push(n);
                    let sum = all
                        .iter()
                        .try_fold(Dec::ZERO, |acc, &k| acc.checked_add(qs[k].value));
                    if let Some(sum) = sum {
                        pairs.push((n, Whole::Sum(sum, all)));
                    }
                }
            }
        }
        // "P per cent of the M ..., or N" and "N ..., or P per cent of all Parties".
        for (k, &pi) in v.iter().enumerate() {
            let p = &qs[pi];
            if p.kind != QUnit::Percent {
                continue;
            }
            let after = fold(&s[p.range.end..ahead(p.range.end)]);
            if let (Some(&mi), Some(&ni)) = (v.get(k + 1), v.get(k + 2)) {
                let g1 = gap(p.range.end, start_of(&qs[mi]));
                let g2 = gap(qs[mi].range.end, start_of(&qs[ni]));
                if (g1.trim() == "of the" || g1.trim() == "of")
                    && is_count(&qs[mi])
                    && is_count(&qs[ni])
                    && (g2.contains(", or ") || g2.contains(", i.e."))
                    && words(&g2) <= 8
                {
                    self.judge(doc, ni, &Whole::Stated(mi), Some(pi), None, out);
                    continue;
                }
            }
            if let Some(rest) = after.trim_start().strip_prefix("of all ") {
                let noun: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
                let before: Vec<usize> = v[..k].to_vec();
                if let [ni] = before.as_slice() {
                    if !is_count(&qs[*ni]) || pairs.iter().any(|(n, _)| n == ni) {
                        continue;
                    }
                    let whole = qs[..*ni].iter().rposition(|q| {
                        q.unit < u && is_count(q) && q.noun.as_deref() == Some(noun.as_str())
                    });
                    if let Some(mi) = whole {
                        self.judge(doc, *ni, &Whole::Stated(mi), Some(pi), None, out);
                    }
                }
            }
        }
        // Each pair with the percentage or proportion word that follows its count.
        for (n, whole) in &pairs {
            let nq = &qs[*n];
            let wholes: Vec<usize> = match whole {
                Whole::Stated(m) => vec![*m],
                Whole::Sum(_, parts) => parts.clone(),
            };
            // A hedged count inside the clause ("with more than one neighbour") is not the
            // next claim: the percentage after it can still be this count's.
            let next = v.iter().copied().find(|&k| {
                k > *n
                    && !wholes.contains(&k)
                    && !(qs[k].kind == QUnit::Count && qs[k].hedge.is_some())
            });
            let limit = next.map_or(sent.end, |k| start_of(&qs[k]));
            // A proportion word right after the count: "13, or a quarter,".
            let prop = props.iter().find(|pr| {
                pr.range.start >= nq.range.end
                    && pr.range.end <= limit
                    && words(&gap(nq.range.end, pr.range.start)) <= 3
            });
            if let Some(pr) = prop {
                self.judge(doc, *n, whole, None, Some(pr), out);
                continue;
            }
            let Some(pi) = next.filter(|&k| qs[k].kind == QUnit::Percent) else {
                continue;
            };
            let p = &qs[pi];
            let g = gap(nq.range.end, start_of(p));
            if words(&g) > 15 || g.contains(';') {
                continue;
            }
            // "P per cent of <something>" must be of the same whole.
            let after = fold(&s[p.range.end..ahead(p.range.end)]);
            let after = after.trim_start();
            if let Some(rest) = after.strip_prefix("of ") {
                let rest = rest.strip_prefix("the ").unwrap_or(rest);
                let rest = rest.strip_prefix("all ").unwrap_or(rest);
                let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
                let whole_noun = match whole {
                    Whole::Stated(m) => qs[*m].noun.clone(),
                    Whole::Sum(..) => nq.noun.clone(),
                };
                let same = whole_noun.as_deref().is_some_and(|w| {
                    w == word || w.trim_end_matches('s') == word.trim_end_matches('s')
                });
                if !(same || matches!(word.as_str(), "total" | "them" | "these" | "those")) {
                    continue;
                }
            }
            self.judge(doc, *n, whole, Some(pi), None, out);
        }
        // A proportion word with its own figure: "the majority of funding (65%)", "more than
        // a third of the area (122 of 348 hectares)".
        for pr in &props {
            let Some(&k) = v.iter().find(|&&k| qs[k].range.start >= pr.range.end) else {
                continue;
            };
            let g = gap(pr.range.end, start_of(&qs[k]));
            let Some(open) = g.find('(') else { continue };
            if words(&g[..open]) > 6 || g[open + 1..].trim() != "" {
                continue;
            }
            let q = &qs[k];
            if q.kind == QUnit::Percent {
                if let Some(iv) = prop_interval(pr) {
                    if !iv.meets(q.interval) {
                        self.proportion_vs_percent(doc, u, pr, k, out);
                    }
                }
            } else if let Some((n, whole)) = pairs.iter().find(|(n, _)| *n == k) {
                self.judge(doc, *n, whole, None, Some(pr), out);
            }
        }
        // "In other words, 59 per cent of respondents ...": the percentages restate the whole
        // breakdown of the sentence before.
        let head = fold(&s[sent.start..start_of(first)]);
        let restates = RESTATE.iter().any(|m| head.trim_start().starts_with(m));
        if restates && si > 0 && doc.sentences[si - 1].unit == u {
            let from = doc.partitions.partition_point(|g| g.sentence < si - 1);
            let g = doc.partitions[from..]
                .iter()
                .take_while(|g| g.sentence == si - 1)
                .find(|g| {
                    g.cover == Cover::All
                        && (2..=6).contains(&g.parts.len())
                        && is_count(&qs[g.total])
                        && g.parts.iter().all(|&k| is_count(&qs[k]))
                });
            if let Some(g) = g {
                self.restated(doc, g, &v, sent, out);
            }
        }
    }

    /// Percentages restating a breakdown: each must be the share of one part or of several
    /// together. Only those tied to the whole ("of respondents", "of them", the whole's own
    /// noun, or coordinated with one that is) are read.
    fn restated(
        &self,
        doc: &Document,
        g: &Partition,
        v: &[usize],
        sent: Range<usize>,
        out: &mut Vec<Finding>,
    ) {
        let qs = &doc.quantities;
        let t = &qs[g.total];
        let m = t.value;
        let s = doc.units[qs[v[0]].unit].text.as_str();
        let ahead = |a: usize| crate::source::floor_char_boundary(s, (a + 160).min(sent.end));
        let nouns: Vec<&str> = std::iter::once(t)
            .chain(g.parts.iter().map(|&k| &qs[k]))
            .filter_map(|q| q.noun.as_deref())
            .collect();
        let tied_to_whole = |w: &str| {
            matches!(
                w,
                "respondents" | "them" | "these" | "those" | "total" | "replies"
            ) || nouns
                .iter()
                .any(|n| *n == w || n.trim_end_matches('s') == w.trim_end_matches('s'))
        };
        let values: Vec<Dec> = g.parts.iter().map(|&k| qs[k].value).collect();
        // The percentage before, when it was tied to the whole.
        let mut tied: Option<usize> = None;
        for &pi in v {
            let p = &qs[pi];
            if p.kind != QUnit::Percent {
                continue;
            }
            let after = fold(&s[p.range.end..ahead(p.range.end)]);
            if let Some(rest) = after.trim_start().strip_prefix("of ") {
                let rest = rest.strip_prefix("the ").unwrap_or(rest);
                let rest = rest.strip_prefix("all ").unwrap_or(rest);
                let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
                tied = tied_to_whole(&word).then_some(pi);
            } else if let Some(prev) = tied {
                // "59 per cent of respondents ... and 14 per cent ...": coordinated with a
                // tied one, and not a change ("an increase of 5 per cent").
                let gap = fold(&s[qs[prev].range.end..start_of(p)]);
                let coordinated = has_word(&gap, "and")
                    && !CHANGE.iter().any(|w| has_word(&gap, w))
                    && !["by", "of", "to", "from", "than"]
                        .iter()
                        .any(|w| gap.trim_end().ends_with(&format!(" {w}")));
                tied = coordinated.then_some(pi);
            }
            if tied != Some(pi) {
                continue;
            }
            // Any part, or several together ("41 + 21 reported interruptions").
            let fits = (1u32..1 << values.len()).any(|mask| {
                let sum = (0..values.len())
                    .filter(|b| mask & (1 << b) != 0)
                    .try_fold(Dec::ZERO, |acc, b| acc.checked_add(values[b]));
                sum.is_some_and(|sum| admits(p.interval, sum, m) != Some(false))
            });
            if fits {
                continue;
            }
            let shares: Vec<String> = g
                .parts
                .iter()
                .filter_map(|&k| {
                    let d = p.value.s.max(1);
                    share(qs[k].value, m, d)
                        .map(|sh| format!("{} is {}", qs[k].value, sh.display_with(d)))
                })
                .collect();
            let said = &s[p.range.clone()];
            let hedge = p
                .hedge
                .as_ref()
                .map_or(String::new(), |h| format!("{} ", &s[h.1.clone()]));
            let first = &qs[g.parts[0]];
            let last = &qs[*g.parts.last().unwrap_or(&g.parts[0])];
            out.push(
                Finding::new(
                    self.meta().id,
                    Severity::Warning,
                    p.full_span.clone(),
                    format!(
                        "{hedge}{said} of {m} matches no part of the breakdown it restates: {} per cent of {m}",
                        shares.join(", ")
                    ),
                )
                .label(p.full_span.clone(), format!("stated {hedge}{said}"))
                .label(t.span.clone(), format!("whole: {m}"))
                .label(first.span.start..last.span.end, "the parts")
                .help("correct the percentage, or the part it comes from"),
            );
        }
    }

    fn whole_value(&self, doc: &Document, whole: &Whole) -> Option<(Dec, String, Range<usize>)> {
        let qs = &doc.quantities;
        Some(match whole {
            Whole::Stated(m) => {
                let q = &qs[*m];
                (q.value, q.value.to_string(), q.span.clone())
            }
            Whole::Sum(sum, parts) => {
                let terms: Vec<String> = parts.iter().map(|&k| qs[k].value.to_string()).collect();
                (
                    *sum,
                    format!("{} = {}", terms.join(" + "), sum),
                    qs[parts[0]].span.start..qs[*parts.last()?].span.end,
                )
            }
        })
    }

    fn judge(
        &self,
        doc: &Document,
        n: usize,
        whole: &Whole,
        p: Option<usize>,
        prop: Option<&Prop>,
        out: &mut Vec<Finding>,
    ) {
        let qs = &doc.quantities;
        let nq = &qs[n];
        let Some((m, m_text, m_span)) = self.whole_value(doc, whole) else {
            return;
        };
        if m.m == 0 || nq.value > m {
            return;
        }
        let s = &doc.units[nq.unit].text;
        if let Some(pi) = p {
            let pq = &qs[pi];
            if admits(pq.interval, nq.value, m) != Some(false) {
                return;
            }
            let d = pq.value.s.max(1);
            let Some(actual) = share(nq.value, m, d) else {
                return;
            };
            let hedge = pq
                .hedge
                .as_ref()
                .map_or(String::new(), |h| format!("{} ", &s[h.1.clone()]));
            let said = &s[pq.range.clone()];
            let message = format!(
                "{} of {m_text} is {} per cent; stated {hedge}{said} ({})",
                nq.value,
                actual.display_with(d),
                describe(&pq.interval, 0, None, true)
            );
            let rounded = share(nq.value, m, pq.value.s)
                .map(|r| r.to_string())
                .unwrap_or_default();
            out.push(
                Finding::new(self.meta().id, Severity::Warning, pq.full_span.clone(), message)
                    .label(pq.full_span.clone(), format!("stated {hedge}{said}"))
                    .label(nq.span.clone(), format!("{} counted", nq.value))
                    .label(m_span, format!("of {m_text}"))
                    .help(format!(
                        "{} of {} is {rounded} per cent when rounded as written: correct the percentage, the count or the whole",
                        nq.value, m
                    )),
            );
        } else if let Some(pr) = prop {
            let Some(iv) = prop_interval(pr) else { return };
            if admits(iv, nq.value, m) != Some(false) {
                return;
            }
            let Some(actual) = share(nq.value, m, 1) else {
                return;
            };
            let from = pr.hedge.as_ref().map_or(pr.range.start, |h| h.1.start);
            let said = &s[from..pr.range.end];
            let span = doc.units[nq.unit].span_of(from..pr.range.end);
            out.push(
                Finding::new(
                    self.meta().id,
                    Severity::Warning,
                    span.clone(),
                    format!(
                        "\"{said}\" but {} of {m_text} is {} per cent ({} would fit)",
                        nq.value,
                        actual.display_with(1),
                        describe(&iv, 0, None, true)
                    ),
                )
                .label(span, format!("says {said}"))
                .label(nq.span.clone(), format!("{} counted", nq.value))
                .label(m_span, format!("of {m_text}"))
                .help("correct the proportion word or the figures"),
            );
        }
    }

    fn proportion_vs_percent(
        &self,
        doc: &Document,
        u: usize,
        pr: &Prop,
        k: usize,
        out: &mut Vec<Finding>,
    ) {
        let q = &doc.quantities[k];
        let s = &doc.units[u].text;
        let from = pr.hedge.as_ref().map_or(pr.range.start, |h| h.1.start);
        let said = &s[from..pr.range.end];
        let span = doc.units[u].span_of(from..pr.range.end);
        let Some(iv) = prop_interval(pr) else { return };
        let pct = &s[q.range.clone()];
        out.push(
            Finding::new(
                self.meta().id,
                Severity::Warning,
                span.clone(),
                format!(
                    "\"{said}\" but the figure given is {pct}; \"{said}\" means {}",
                    describe(&iv, 0, None, true)
                ),
            )
            .label(span, format!("says {said}"))
            .label(q.full_span.clone(), pct.to_string())
            .help("correct the proportion word or the percentage"),
        );
    }
}
