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

/// `w` in ASCII lower case in a buffer, when it is short enough to be a number word: this
/// runs at every word of every sentence, so the word is lowered once and matched whole.
fn lowered(w: &str) -> Option<([u8; LONGEST], usize)> {
    let n = w.len();
    if n > LONGEST {
        return None;
    }
    let mut buf = [0u8; LONGEST];
    for (d, s) in buf.iter_mut().zip(w.as_bytes()) {
        *d = s.to_ascii_lowercase();
    }
    Some((buf, n))
}

fn unit(w: &str) -> Option<u64> {
    let (buf, n) = lowered(w)?;
    Some(match &buf[..n] {
        b"zero" => 0,
        b"one" => 1,
        b"two" => 2,
        b"three" => 3,
        b"four" => 4,
        b"five" => 5,
        b"six" => 6,
        b"seven" => 7,
        b"eight" => 8,
        b"nine" => 9,
        b"ten" => 10,
        b"eleven" => 11,
        b"twelve" => 12,
        b"thirteen" => 13,
        b"fourteen" => 14,
        b"fifteen" => 15,
        b"sixteen" => 16,
        b"seventeen" => 17,
        b"eighteen" => 18,
        b"nineteen" => 19,
        _ => return None,
    })
}

fn ten(w: &str) -> Option<u64> {
    let (buf, n) = lowered(w)?;
    Some(match &buf[..n] {
        b"twenty" => 20,
        b"thirty" => 30,
        b"forty" => 40,
        b"fifty" => 50,
        b"sixty" => 60,
        b"seventy" => 70,
        b"eighty" => 80,
        b"ninety" => 90,
        _ => return None,
    })
}

/// "sixty-one" or "sixty" or "seven": a number below 100 in one word token.
fn small(w: &str) -> Option<u64> {
    // Every number word starts with one of these letters; most words are turned away here,
    // before the search for a hyphen.
    let first = w.as_bytes().first()?.to_ascii_lowercase();
    if !matches!(first, b'z' | b'o' | b't' | b'f' | b's' | b'e' | b'n') {
        return None;
    }
    if let Some((a, b)) = w.split_once(['-', '‑']) {
        let t = ten(a)?;
        let u = unit(b).filter(|&u| (1..=9).contains(&u))?;
        return Some(t + u);
    }
    unit(w).or_else(|| ten(w))
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
