//! Numbers as drafts write them: "1,963.3", "12", "seven", "Sixty-one", "twenty three",
//! "one hundred and five", "a single", "both", "a dozen".

use crate::text::{TokKind, Token};
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    Digits,
    Words,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    /// Text range of the whole number phrase.
    pub range: Range<usize>,
    pub written: Written,
    /// The value when it is a whole number.
    pub int: Option<u64>,
    /// How many tokens the phrase used.
    pub tokens: usize,
}

const UNITS: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: &[&str] = &[
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// The longest number word ("seventeen").
const LONGEST: usize = 9;

/// A word of at most `LONGEST` bytes in ASCII lower case, packed with its length into an
/// integer: number words are compared as integers, where comparing strings called `memcmp`
/// once for each form.
const fn key(w: &[u8]) -> u128 {
    let mut buf = [0u8; 16];
    let mut i = 0;
    while i < w.len() {
        buf[i] = w[i].to_ascii_lowercase();
        i += 1;
    }
    buf[15] = w.len() as u8;
    u128::from_le_bytes(buf)
}

/// The keys of `words`; the empty ones (TENS' first two) get one no word has.
const fn keys<const N: usize>(words: &[&str]) -> [u128; N] {
    let mut out = [u128::MAX; N];
    let mut i = 0;
    while i < N {
        if !words[i].is_empty() {
            out[i] = key(words[i].as_bytes());
        }
        i += 1;
    }
    out
}

const UNIT_KEYS: [u128; 20] = keys(UNITS);
const TEN_KEYS: [u128; 10] = keys(TENS);

/// `w`'s key, when it is short enough to be a number word at all.
fn word_key(w: &str) -> Option<u128> {
    (!w.is_empty() && w.len() <= LONGEST).then(|| key(w.as_bytes()))
}

fn unit_of(k: u128) -> Option<u64> {
    UNIT_KEYS.iter().position(|&u| u == k).map(|p| p as u64)
}

fn ten_of(k: u128) -> Option<u64> {
    TEN_KEYS.iter().position(|&t| t == k).map(|p| p as u64 * 10)
}

fn unit(w: &str) -> Option<u64> {
    word_key(w).and_then(unit_of)
}

/// "sixty-one" or "sixty" or "seven": a number below 100 in one word token.
fn small(w: &str) -> Option<u64> {
    // Every number word starts with one of these letters; most words are turned away here,
    // before the search for a hyphen.
    let first = w.as_bytes().first()?.to_ascii_lowercase();
    if !matches!(first, b'z' | b'o' | b't' | b'f' | b's' | b'e' | b'n') {
        return None;
    }
    // The first hyphen, plain or non-breaking, as `split_once(['-', '‑'])` finds it, by
    // bytes: the char searcher cost more than all the rest of the reading.
    let hyphen = w.bytes().enumerate().find_map(|(i, c)| match c {
        b'-' => Some((i, 1)),
        0xE2 if w[i..].starts_with('‑') => Some((i, '‑'.len_utf8())),
        _ => None,
    });
    if let Some((at, len)) = hyphen {
        let (a, b) = (&w[..at], &w[at + len..]);
        let t = word_key(a).and_then(ten_of)?;
        let u = unit(b).filter(|&u| (1..=9).contains(&u))?;
        return Some(t + u);
    }
    let k = word_key(w)?;
    unit_of(k).or_else(|| ten_of(k))
}

/// Reads a number starting at token `i`, if there is one.
pub fn number_at(s: &str, toks: &[Token], i: usize) -> Option<Number> {
    let t = toks.get(i)?;
    let w = &s[t.range.clone()];
    if t.kind == TokKind::Number {
        // The digits without their commas, as `u64` would parse them (none on overflow),
        // read in place rather than copied out at every figure.
        let int = if w.contains('.') {
            None
        } else {
            w.bytes().filter(|&b| b != b',').try_fold(0u64, |v, b| {
                v.checked_mul(10)?.checked_add(u64::from(b - b'0'))
            })
        };
        // "1,96" is not a thousands separator; keep it a number but not a whole one.
        let grouped_ok = !w.contains(',')
            || w.split('.').next().is_some_and(|ip| {
                ip.split(',').skip(1).all(|g| g.len() == 3)
                    && ip
                        .split(',')
                        .next()
                        .is_some_and(|g| (1..=3).contains(&g.len()))
            });
        return Some(Number {
            range: t.range.clone(),
            written: Written::Digits,
            int: if grouped_ok { int } else { None },
            tokens: 1,
        });
    }
    if t.kind != TokKind::Word {
        return None;
    }
    // Every word read below starts with one of these letters ("both", "a", "an", and the
    // number words): the other words, most of a text, are turned away on their first byte.
    let first = w.as_bytes().first().map(u8::to_ascii_lowercase);
    if !matches!(
        first,
        Some(b'b' | b'a' | b'z' | b'o' | b't' | b'f' | b's' | b'e' | b'n')
    ) {
        return None;
    }
    let word = |k: usize| {
        toks.get(k)
            .filter(|t| t.kind == TokKind::Word)
            .map(|t| &s[t.range.clone()])
    };
    let is = |w: &str, x: &str| w.eq_ignore_ascii_case(x);
    if is(w, "both") {
        return Some(words(t.range.clone(), 2, 1));
    }
    if is(w, "a") || is(w, "an") {
        let next = word(i + 1)?;
        return if is(next, "single") {
            Some(words(t.range.start..toks[i + 1].range.end, 1, 2))
        } else if is(next, "dozen") {
            Some(words(t.range.start..toks[i + 1].range.end, 12, 2))
        } else {
            None
        };
    }
    if is(w, "dozen") {
        return None;
    }
    // General case: [small] [hundred [and] [small]]
    let mut value = small(w)?;
    let mut end = i + 1;
    if word(end).is_some_and(|n| n.eq_ignore_ascii_case("hundred")) && value < 10 && value > 0 {
        value *= 100;
        end += 1;
        let mut k = end;
        if word(k).is_some_and(|n| n.eq_ignore_ascii_case("and")) {
            k += 1;
        }
        if let Some(rest) = word(k).and_then(small).filter(|&r| (1..100).contains(&r)) {
            // "twenty three" after hundred: handled by small + following unit below
            value += rest;
            end = k + 1;
            if rest >= 20 && rest % 10 == 0 {
                if let Some(u) = word(end).and_then(unit).filter(|u| (1..=9).contains(u)) {
                    value += u;
                    end += 1;
                }
            }
        }
    } else if value >= 20 && value % 10 == 0 {
        // "twenty three", spaced.
        if let Some(u) = word(end).and_then(unit).filter(|u| (1..=9).contains(u)) {
            value += u;
            end += 1;
        }
    }
    Some(words(
        t.range.start..toks[end - 1].range.end,
        value,
        end - i,
    ))
}

/// Every number in `toks`, read from the first token on as `number_at` reads them (a number
/// read passes over its tokens), each with the index of its first token. Counts and
/// quantities both read a unit's numbers, and take them from one reading.
pub fn all(s: &str, toks: &[Token]) -> Vec<(usize, Number)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match number_at(s, toks, i) {
            Some(n) => {
                let next = i + n.tokens;
                out.push((i, n));
                i = next;
            }
            None => i += 1,
        }
    }
    out
}

fn words(range: Range<usize>, value: u64, tokens: usize) -> Number {
    Number {
        range,
        written: Written::Words,
        int: Some(value),
        tokens,
    }
}

/// Writes a count the way the draft wrote its own: in words when it used words and the
/// number is small, in digits otherwise.
pub fn spell(n: u64, like: Written) -> String {
    if like == Written::Digits || n >= 1000 {
        return n.to_string();
    }
    let below_100 = |n: u64| -> String {
        if n < 20 {
            UNITS[n as usize].to_string()
        } else if n.is_multiple_of(10) {
            TENS[(n / 10) as usize].to_string()
        } else {
            format!("{}-{}", TENS[(n / 10) as usize], UNITS[(n % 10) as usize])
        }
    };
    if n < 100 {
        below_100(n)
    } else if n.is_multiple_of(100) {
        format!("{} hundred", UNITS[(n / 100) as usize])
    } else {
        format!(
            "{} hundred and {}",
            UNITS[(n / 100) as usize],
            below_100(n % 100)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens;

    fn read(s: &str) -> Option<u64> {
        let t = tokens(s, 0..s.len());
        let n = number_at(s, &t, 0)?;
        assert_eq!(n.tokens, t.len(), "whole phrase read in {s:?}");
        n.int
    }

    #[test]
    fn number_words() {
        assert_eq!(read("seven"), Some(7));
        assert_eq!(read("Sixty-one"), Some(61));
        assert_eq!(read("twenty three"), Some(23));
        assert_eq!(read("one hundred and five"), Some(105));
        assert_eq!(read("nine hundred and ninety-nine"), Some(999));
        assert_eq!(read("two hundred"), Some(200));
        assert_eq!(read("a single"), Some(1));
        assert_eq!(read("both"), Some(2));
        assert_eq!(read("a dozen"), Some(12));
        assert_eq!(read("1,963"), Some(1963));
        assert_eq!(read("12"), Some(12));
    }

    /// The word tables read as comparing each form case-insensitively did.
    #[test]
    fn number_words_in_any_case_and_nothing_else() {
        for (i, u) in UNITS.iter().enumerate() {
            for w in [
                u.to_string(),
                u.to_uppercase(),
                format!("{}{}", &u[..1].to_uppercase(), &u[1..]),
            ] {
                assert_eq!(small(&w), Some(i as u64), "{w}");
                assert_eq!(small(&format!("{w}s")), None, "{w}s");
            }
        }
        for (i, t) in TENS.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
            assert_eq!(small(t), Some(i as u64 * 10));
            assert_eq!(small(&format!("{t}-Five")), Some(i as u64 * 10 + 5));
            assert_eq!(small(&format!("{t}‑nine")), Some(i as u64 * 10 + 9));
            assert_eq!(small(&format!("{t}-ten")), None);
            assert_eq!(small(&format!("{t}–one")), None, "an en dash is no hyphen");
        }
        for w in [
            "",
            "-",
            "‑",
            "the",
            "tenth",
            "zeros",
            "ninety-",
            "-one",
            "sévén",
            "seventeens",
        ] {
            assert_eq!(small(w), None, "{w}");
        }
    }

    #[test]
    fn vague_words_are_not_numbers() {
        for s in ["several", "some", "many", "a number"] {
            let t = tokens(s, 0..s.len());
            assert!(number_at(s, &t, 0).is_none(), "{s}");
        }
    }

    #[test]
    fn spelling_round_trips() {
        for n in 0..1000 {
            let s = spell(n, Written::Words);
            assert_eq!(read(&s), Some(n), "{s}");
        }
    }
}
