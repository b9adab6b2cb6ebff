//! Quantities: stated figures with their unit, scale, hedge and tags, each read as the
//! interval it stands for ("approximately USD1.9 billion" is [1.85, 1.95) billion US dollars).

use super::numbers::{Number, Written};
use crate::decimal::{Dec, Interval};
use crate::knowledge::{HedgeKind, Knowledge};
use crate::text::{fold, is_word_char, tokens, TokKind, Token};
use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum QUnit {
    /// A number of things (perhaps with a noun: "563 tons", "23 communications").
    Count,
    /// An amount of money in a currency (ISO code).
    Currency(String),
    Percent,
}

#[derive(Debug, Clone)]
pub struct Quantity {
    pub unit: usize,
    pub sentence: usize,
    /// The phrase in the unit's text, currency and scale included, hedge excluded.
    pub range: Range<usize>,
    /// The number as written.
    pub number: Range<usize>,
    /// Source span of `range`.
    pub span: Range<usize>,
    /// Source span of the hedge and the phrase together.
    pub full_span: Range<usize>,
    /// The value as written, before scaling.
    pub value: Dec,
    pub written: Written,
    pub kind: QUnit,
    /// The currency was carried over from an earlier figure ("430.7 million").
    pub currency_inferred: bool,
    /// Power of ten of the scale word ("million": 6).
    pub scale: u32,
    /// The scale word as written ("million", "bn").
    pub scale_word: Option<String>,
    pub hedge: Option<(HedgeKind, Range<usize>)>,
    /// For counts, the folded word that follows the figure ("tons", "states").
    pub noun: Option<String>,
    /// A year tag: "(2014)" or "in 2014" right after the figure.
    pub year: Option<u16>,
    /// What the figure stands for, in base units (value times 10^scale), hedge applied.
    pub interval: Interval,
}

impl Quantity {
    /// The figure in base units, as written.
    pub fn base(&self) -> Option<Dec> {
        self.value.shift(self.scale as i32)
    }

    /// Same kind of thing: same unit and, for money, the same currency.
    pub fn same_unit(&self, o: &Quantity) -> bool {
        if self.kind != o.kind {
            return false;
        }
        match (&self.noun, &o.noun) {
            (Some(a), Some(b)) => a == b || a.trim_end_matches('s') == b.trim_end_matches('s'),
            _ => true,
        }
    }
}

/// A year range stated in text: "2014-2017", "2014–2017", "from 2014 to 2017", "between
/// 2014 and 2017", "2014 to 2017".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearRange {
    pub from: u16,
    pub to: u16,
    pub range: Range<usize>,
}

fn year_of(s: &str) -> Option<u16> {
    if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
        let y: u16 = s.parse().ok()?;
        (1900..=2100).contains(&y).then_some(y)
    } else {
        None
    }
}

/// The year ranges in `range` of `s`.
pub fn year_ranges(s: &str, range: Range<usize>) -> Vec<YearRange> {
    let toks = tokens(s, range);
    let w = |i: usize| toks.get(i).map(|t| &s[t.range.clone()]);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let Some(a) = w(i).and_then(year_of) else {
            i += 1;
            continue;
        };
        let joiner = w(i + 1).unwrap_or("");
        let dash = matches!(joiner, "-" | "–" | "—" | "‑");
        let word = joiner.eq_ignore_ascii_case("to") || joiner.eq_ignore_ascii_case("and");
        if dash || word {
            if let Some(b) = w(i + 2).and_then(year_of) {
                let ok_word = !word
                    || joiner.eq_ignore_ascii_case("to")
                    || (i > 0 && w(i - 1).is_some_and(|p| p.eq_ignore_ascii_case("between")));
                if b > a && b - a < 50 && ok_word {
                    out.push(YearRange {
                        from: a,
                        to: b,
                        range: toks[i].range.start..toks[i + 2].range.end,
                    });
                    i += 3;
                    continue;
                }
            }
        }
        i += 1;
    }
    out
}

/// Words that follow a figure without being what it counts.
const NOT_NOUNS: &[&str] = &[
    "of",
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "to",
    "for",
    "by",
    "with",
    "from",
    "and",
    "or",
    "have",
    "has",
    "had",
    "were",
    "was",
    "are",
    "is",
    "be",
    "been",
    "that",
    "which",
    "who",
    "per",
    "than",
    "as",
    "not",
    "will",
    "would",
    "did",
    "do",
    "more",
    "fewer",
    "less",
    "percent",
    "cent",
    "respectively",
    "out",
    "during",
    "over",
    "each",
    "this",
    "these",
    "those",
    "it",
    "they",
    "remain",
    "remained",
    "received",
    "reported",
    "submitted",
    "between",
];

/// Reads a prefix form that ends exactly at `end` in `s` (white space allowed between).
fn currency_before<'k>(
    s: &str,
    floor: usize,
    end: usize,
    kb: &'k Knowledge,
) -> Option<(&'k str, usize)> {
    let pre = &s[floor..end];
    let trimmed = pre.trim_end_matches([' ', '\u{a0}']);
    // At most one space between a code and its figure.
    if pre.len() - trimmed.len() > 2 {
        return None;
    }
    let mut best: Option<(&str, usize, usize)> = None;
    for c in &kb.quantities.currency {
        for f in &c.before {
            if trimmed.ends_with(f.as_str()) {
                let start = floor + trimmed.len() - f.len();
                let boundary = !s[..start].chars().next_back().is_some_and(is_word_char);
                let spaced = pre.len() > trimmed.len();
                // "$ 5" is rare but "USD 5" common; a bare symbol must touch its figure
                // unless it is a code.
                let letters = f.chars().any(|c| c.is_alphabetic());
                if boundary && (!spaced || letters) && best.is_none_or(|b| f.len() > b.2) {
                    best = Some((c.code.as_str(), start, f.len()));
                }
            }
        }
    }
    best.map(|(c, st, _)| (c, st))
}

/// Matches one of `forms` at `at` (after optional spaces), case-insensitively unless
/// `exact`, at a word boundary; returns (form index, end).
fn word_after(
    s: &str,
    at: usize,
    forms: &[String],
    exact: bool,
    spaces: bool,
) -> Option<(usize, usize)> {
    let rest = &s[at..];
    let t = if spaces {
        rest.trim_start_matches([' ', '\u{a0}'])
    } else {
        rest
    };
    let start = at + rest.len() - t.len();
    let mut best: Option<(usize, usize)> = None;
    for (k, f) in forms.iter().enumerate() {
        let hit = if exact {
            t.starts_with(f.as_str())
        } else {
            t.len() >= f.len()
                && t.is_char_boundary(f.len())
                && t[..f.len()].eq_ignore_ascii_case(f)
        };
        if !hit {
            continue;
        }
        let end = start + f.len();
        let wordy = f.chars().last().is_some_and(is_word_char);
        if wordy && s[end..].chars().next().is_some_and(is_word_char) {
            continue;
        }
        if best.is_none_or(|(_, e)| end > e) {
            best = Some((k, end));
        }
    }
    best
}

pub fn hedge_before(
    s: &str,
    floor: usize,
    at: usize,
    kb: &Knowledge,
) -> Option<(HedgeKind, Range<usize>)> {
    // Hedges are a few words long: read the last 40 bytes only, so that a sentence of many
    // figures stays linear.
    let floor = crate::source::floor_char_boundary(s, at.saturating_sub(40)).max(floor);
    let before = s[floor..at].trim_end();
    let folded = fold(before);
    if folded.len() != before.len() {
        // Folding changed lengths (non-ASCII text just before): only the ASCII tail is read.
        let tail_start = before
            .char_indices()
            .rev()
            .find(|(_, c)| !c.is_ascii())
            .map_or(0, |(i, c)| i + c.len_utf8());
        return hedge_before(s, floor + tail_start, at, kb);
    }
    let mut best: Option<(HedgeKind, usize)> = None;
    // The hedge words folded at load, in file order: the first of the longest wins.
    for (kind, w) in &kb.keys.hedges {
        if folded.ends_with(w.as_str()) {
            let start = folded.len() - w.len();
            let boundary = !folded[..start]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
            if boundary && best.is_none_or(|(_, b)| w.len() > b) {
                best = Some((*kind, w.len()));
            }
        }
    }
    best.map(|(k, len)| {
        let end = floor + before.len();
        (k, end - len..end)
    })
}

/// Every quantity in a unit's text, in order. `toks` are the tokens of the unit's body and
/// `numbers` its numbers as [`numbers::all`](super::numbers::all) reads them; `sentences`
/// are the unit's sentence ranges with their document indices.
pub fn find(
    s: &str,
    toks: &[Token],
    numbers: &[(usize, Number)],
    sentences: &[(usize, Range<usize>)],
    kb: &Knowledge,
) -> Vec<Quantity> {
    let q = &kb.quantities;
    let mut out: Vec<Quantity> = Vec::new();
    let lower = |i: usize| toks.get(i).map(|t| s[t.range.clone()].to_lowercase());
    for (here, n) in numbers {
        let (here, next) = (*here, here + n.tokens);
        let num_text = &s[n.range.clone()];
        let value = match n.written {
            Written::Digits => {
                if n.int.is_none() && !num_text.contains('.') {
                    continue; // badly grouped digits
                }
                let Some(v) = Dec::parse(num_text) else {
                    continue;
                };
                v
            }
            Written::Words => match n.int {
                Some(v) => Dec::int(v as i128),
                None => continue,
            },
        };
        // The sentences are in order and disjoint: the first that ends at or after the
        // figure is the only one that can hold it (a scan here was quadratic in a paragraph).
        let at = sentences.partition_point(|(_, r)| r.end < n.range.end);
        let (si, srange) = match sentences
            .get(at)
            .filter(|(_, r)| r.start <= n.range.start && n.range.end <= r.end)
        {
            Some((si, r)) => (*si, r.clone()),
            None => continue,
        };
        // References and dates name things; they are not figures.
        if here > 0 {
            let prev = lower(here - 1).unwrap_or_default();
            if q.reference.iter().any(|r| r == &prev) || q.months.iter().any(|m| m == &prev) {
                continue;
            }
            if matches!(prev.as_str(), "/" | "." | "§" | "^" | "#")
                && toks[here - 1].range.end == n.range.start
            {
                continue;
            }
        }
        let mut month_after = false;
        for t in toks.iter().skip(next).take(3) {
            let w = &s[t.range.clone()];
            match t.kind {
                TokKind::Word => {
                    month_after = q.months.iter().any(|m| m.eq_ignore_ascii_case(w));
                    break;
                }
                TokKind::Number => {}
                TokKind::Punct if matches!(w, "-" | "–" | "—") => {}
                TokKind::Punct => break,
            }
        }
        if month_after {
            continue;
        }
        if s[n.range.end..].starts_with('/')
            || s[n.range.end..].starts_with(['s', 'S'])
                && n.written == Written::Digits
                && s[n.range.end + 1..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphabetic())
        {
            continue; // "2021/4", "the 1990s"
        }
        if n.written == Written::Digits
            && s[n.range.end..].get(..2).is_some_and(|x| {
                ["st", "nd", "rd", "th"].contains(&x.to_ascii_lowercase().as_str())
            })
        {
            continue; // an ordinal
        }
        let cur = currency_before(s, srange.start, n.range.start, kb);
        let mut end = n.range.end;
        // Percent.
        if word_after(s, end, &q.not_percent, false, true).is_some() {
            continue;
        }
        let mut kind = QUnit::Count;
        let mut scale = 0;
        let mut scale_word = None;
        if let Some((_, e)) = word_after(s, end, &q.percent, false, true) {
            kind = QUnit::Percent;
            end = e;
        } else {
            // Scale.
            let mut best: Option<(u32, usize)> = None;
            for sc in &q.scale {
                if let Some((_, e)) = word_after(s, end, &sc.words, false, true) {
                    if best.is_none_or(|b| e > b.1) {
                        best = Some((sc.power, e));
                    }
                }
                if cur.is_some() {
                    if let Some((_, e)) = word_after(s, end, &sc.short, true, true) {
                        if best.is_none_or(|b| e > b.1) {
                            best = Some((sc.power, e));
                        }
                    }
                }
            }
            if let Some((p, e)) = best {
                scale = p;
                scale_word = Some(s[end..e].trim().to_string());
                end = e;
            }
            if let Some((c, _)) = cur {
                kind = QUnit::Currency(c.to_string());
            } else {
                let mut found = None;
                for c in &q.currency {
                    if let Some((_, e)) = word_after(s, end, &c.after, false, true) {
                        if found.as_ref().is_none_or(|(_, b)| e > *b) {
                            found = Some((c.code.clone(), e));
                        }
                    }
                }
                if let Some((c, e)) = found {
                    kind = QUnit::Currency(c);
                    end = e;
                }
            }
        }
        if n.written == Written::Digits
            && kind == QUnit::Count
            && scale == 0
            && year_of(num_text).is_some()
        {
            continue; // a year
        }
        let start = cur.map_or(n.range.start, |(_, st)| st);
        let hedge = hedge_before(s, srange.start, start, kb);
        let mut currency_inferred = false;
        let mut noun = None;
        if kind == QUnit::Count {
            let rest = s[end..].trim_start();
            let w: String = rest
                .chars()
                .take_while(|c| c.is_alphabetic() || *c == '-')
                .collect();
            let w = w.to_lowercase();
            if !w.is_empty() && !NOT_NOUNS.contains(&w.as_str()) {
                noun = Some(w);
            }
            if scale >= 6 && noun.is_none() {
                if let Some(prev) = out
                    .iter()
                    .rev()
                    .find(|p| matches!(p.kind, QUnit::Currency(_)) && !p.currency_inferred)
                {
                    kind = prev.kind.clone();
                    currency_inferred = true;
                }
            }
        }
        // Year tag: "(2014)" or "in 2014" right after.
        let rest = &s[end..srange.end];
        let trimmed = rest.trim_start();
        let year = if let Some(r) = trimmed.strip_prefix('(') {
            r.get(..5)
                .filter(|x| x.ends_with(')'))
                .and_then(|x| year_of(&x[..4]))
        } else if let Some(r) = trimmed.strip_prefix("in ") {
            r.get(..4)
                .and_then(year_of)
                .filter(|_| !r[4..].starts_with(|c: char| c.is_ascii_digit()))
        } else {
            None
        };
        let step = match (&kind, n.written) {
            (_, Written::Words) => Dec::ZERO,
            (QUnit::Count, _) if scale == 0 && value.s == 0 => Dec::ZERO,
            _ => value.ulp(),
        };
        let coarse = if n.written == Written::Words && kind == QUnit::Count {
            Dec::int(1)
        } else {
            value.coarse_ulp()
        };
        let Some(interval) = Interval::stated(value, step, coarse, hedge.as_ref().map(|h| h.0))
            .and_then(|iv| iv.shift(scale as i32))
        else {
            continue;
        };
        out.push(Quantity {
            unit: 0,
            sentence: si,
            range: start..end,
            number: n.range.clone(),
            span: 0..0,
            full_span: 0..0,
            value,
            written: n.written,
            kind,
            currency_inferred,
            scale,
            scale_word,
            hedge,
            noun,
            year,
            interval,
        });
    }
    out
}

/// The interval's ends in the figure's scale, for messages: "1.85-1.95 billion".
pub fn describe(
    iv: &crate::decimal::Interval,
    scale: u32,
    word: Option<&str>,
    percent: bool,
) -> String {
    let sh = |d: Dec| {
        d.shift(-(scale as i32))
            .map_or("?".to_string(), |v| v.to_string())
    };
    let suffix = match (percent, word) {
        (true, _) => " per cent".to_string(),
        (false, Some(w)) => format!(" {w}"),
        (false, None) => String::new(),
    };
    match (iv.lo, iv.hi) {
        (Some(l), Some(h)) if l.v == h.v => format!("{}{suffix}", sh(l.v)),
        (Some(l), Some(h)) if percent && h.v == Dec::int(100) && l.v.m != 0 => format!(
            "{} {}{suffix}",
            if l.closed { "at least" } else { "more than" },
            sh(l.v)
        ),
        (Some(l), Some(h)) if l.v.m == 0 => format!(
            "{} {}{suffix}",
            if h.closed { "at most" } else { "less than" },
            sh(h.v)
        ),
        (Some(l), Some(h)) => format!("{}-{}{suffix}", sh(l.v), sh(h.v)),
        (Some(l), None) => format!(
            "{} {}{suffix}",
            if l.closed { "at least" } else { "more than" },
            sh(l.v)
        ),
        (None, Some(h)) => format!(
            "{} {}{suffix}",
            if h.closed { "at most" } else { "less than" },
            sh(h.v)
        ),
        (None, None) => "any value".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::numbers;

    fn read(s: &str) -> Vec<Quantity> {
        let kb = Knowledge::builtin();
        let toks = tokens(s, 0..s.len());
        find(s, &toks, &numbers::all(s, &toks), &[(0, 0..s.len())], &kb)
    }

    fn one(s: &str) -> Quantity {
        let q = read(s);
        assert_eq!(q.len(), 1, "{s}: {q:#?}");
        q.into_iter().next().unwrap()
    }

    #[test]
    fn currencies_and_scales() {
        for (s, code, v, sc) in [
            ("at USD1.9 billion in all", "USD", "1.9", 9),
            ("US$ 1.9 billion", "USD", "1.9", 9),
            ("some $1.9bn", "USD", "1.9", 9),
            ("1.9 billion US dollars", "USD", "1.9", 9),
            ("EUR 20 million", "EUR", "20", 6),
            ("€20m was paid", "EUR", "20", 6),
            ("CHF 3.5 million", "CHF", "3.5", 6),
        ] {
            let q = one(s);
            assert_eq!(q.kind, QUnit::Currency(code.into()), "{s}");
            assert_eq!(q.value, Dec::parse(v).unwrap(), "{s}");
            assert_eq!(q.scale, sc, "{s}");
        }
    }

    #[test]
    fn bare_figures_take_the_currency_before_them() {
        let q = read(
            "funding at approximately USD1.9 billion (430.7 million (2014), 376.5 million (2015))",
        );
        assert_eq!(q.len(), 3);
        assert!(q[1].currency_inferred);
        assert_eq!(q[1].kind, QUnit::Currency("USD".into()));
        assert_eq!(q[1].year, Some(2014));
        assert_eq!(q[0].hedge.as_ref().unwrap().0, HedgeKind::Approximate);
        let iv = q[0].interval;
        assert!(iv.contains(Dec::parse("1,850,000,000").unwrap()));
        assert!(!iv.contains(Dec::parse("1,963,300,000").unwrap()));
    }

    #[test]
    fn per_cent() {
        for s in ["40 percent", "40 per cent", "40%", "forty per cent"] {
            let q = one(s);
            assert_eq!(q.kind, QUnit::Percent, "{s}");
            assert_eq!(q.value, Dec::int(40));
        }
        let q = one("0.5 per cent");
        assert!(q.interval.contains(Dec::parse("0.54").unwrap()));
        assert!(read("a rise of 3 percentage points").is_empty());
    }

    #[test]
    fn years_dates_and_references_are_not_quantities() {
        assert!(
            read("In 2014 and on 30 September 2020, under article 9 and decision 2021/4")
                .is_empty()
        );
        let y = year_ranges(
            "from 2014-2017, 2014–2017, from 2014 to 2017, between 2014 and 2017, 2014 and 2015",
            0..80,
        );
        assert_eq!(y.len(), 4);
    }
}
