//! Pieces for the hand-written matchers that stand in for regexes in cross-ref, numbering and
//! term-case. Compiling those eight regexes cost 9.3 M instructions, a sixth of checking a
//! whole review-sized draft, and it was paid by every process. Each matcher keeps the
//! regex it replaced in its tests and is checked against it on generated texts.
//!
//! The regexes were written with the `regex` crate's semantics, so these helpers follow
//! them: `\s` is Unicode White_Space (what `char::is_whitespace` tests, checked below),
//! `(?-u:\b)` is a boundary between ASCII word bytes and anything else, and `(?i:...)`
//! uses Unicode simple case folding, under which the only non-ASCII partners of ASCII
//! letters are the long s (ſ) for `s` and the Kelvin sign (K) for `k`.

/// A byte `(?-u:\w)` matches.
pub fn is_word_byte(b: u8) -> bool {
    WORD[b as usize]
}

/// The bytes `(?-u:\w)` matches, as a table: the matchers step over every word of a text.
static WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = b.is_ascii_alphanumeric() || b == b'_';
        i += 1;
    }
    t
};

/// `(?-u:\b)` at `i`.
pub fn at_boundary(t: &[u8], i: usize) -> bool {
    let before = i > 0 && is_word_byte(t[i - 1]);
    let after = i < t.len() && is_word_byte(t[i]);
    before != after
}

/// The end of the run of whitespace (`\s*`) that starts at `i`.
pub fn skip_ws(t: &str, i: usize) -> usize {
    t[i..]
        .char_indices()
        .find(|(_, c)| !c.is_whitespace())
        .map_or(t.len(), |(j, _)| i + j)
}

/// The end of one whitespace character (`\s`) at `i`.
pub fn one_ws(t: &str, i: usize) -> Option<usize> {
    t[i..]
        .chars()
        .next()
        .filter(|c| c.is_whitespace())
        .map(|c| i + c.len_utf8())
}

/// The characters `(?i:x)` matches besides the ASCII letter's two cases.
fn fold_partner(lower: u8) -> Option<&'static str> {
    match lower {
        b's' => Some("ſ"),
        b'k' => Some("\u{212a}"),
        _ => None,
    }
}

/// Where `(?i:word)` ends if it matches at `i`; `word` is lower-case ASCII.
pub fn word_ci(t: &str, i: usize, word: &str) -> Option<usize> {
    let b = t.as_bytes();
    let mut j = i;
    for &w in word.as_bytes() {
        if b.get(j).is_some_and(|c| c.to_ascii_lowercase() == w) {
            j += 1;
        } else if let Some(p) = fold_partner(w).filter(|p| t[j..].starts_with(*p)) {
            j += p.len();
        } else {
            return None;
        }
    }
    Some(j)
}

/// Whether `t` ends with `(?i:word)`; `word` is lower-case ASCII.
pub fn ends_with_ci(t: &str, word: &str) -> bool {
    let b = t.as_bytes();
    let mut j = t.len();
    for &w in word.as_bytes().iter().rev() {
        if j > 0 && b[j - 1].to_ascii_lowercase() == w {
            j -= 1;
        } else if let Some(p) = fold_partner(w).filter(|p| t[..j].ends_with(*p)) {
            j -= p.len();
        } else {
            return false;
        }
    }
    true
}

/// Random texts made of given pieces, for checking a matcher against its regex.
#[cfg(test)]
pub struct Texts(crate::eval::Rng);

#[cfg(test)]
impl Texts {
    pub fn new(seed: u64) -> Texts {
        Texts(crate::eval::Rng::new(seed))
    }

    pub fn next(&mut self) -> u64 {
        self.0.next_u64()
    }

    pub fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[(self.next() % from.len() as u64) as usize]
    }

    /// One to `most` words with something between each two, sometimes something before.
    pub fn text(&mut self, words: &[&str], between: &[&str], most: u64) -> String {
        let n = 1 + self.next() % most;
        let mut text = String::new();
        for i in 0..n {
            if i > 0 || self.next().is_multiple_of(4) {
                text.push_str(self.pick(between));
            }
            text.push_str(self.pick(words));
        }
        text
    }
}

/// The character boundaries of `t`, its end included.
#[cfg(test)]
pub fn boundaries(t: &str) -> impl Iterator<Item = usize> + '_ {
    t.char_indices().map(|(i, _)| i).chain([t.len()])
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    /// The helpers' reading of `\s` and `(?i:x)` is the regex crate's, for every character.
    #[test]
    fn classes_are_the_regex_crates() {
        let all: String = (0..=0x10ffff).filter_map(char::from_u32).collect();
        let matched = |pattern: &str| -> Vec<char> {
            let re = Regex::new(pattern).unwrap();
            re.find_iter(&all)
                .flat_map(|m| m.as_str().chars())
                .collect()
        };
        let ws: Vec<char> = all.chars().filter(|c| c.is_whitespace()).collect();
        assert_eq!(matched(r"\s"), ws);
        for c in ws.iter().chain(['x', 'é', '\u{2028}'].iter()) {
            let s = c.to_string();
            assert_eq!(one_ws(&s, 0).is_some(), c.is_whitespace(), "{c:?}");
        }
        for l in b'a'..=b'z' {
            let word = (l as char).to_string();
            let mut want: Vec<char> = vec![l.to_ascii_uppercase() as char, l as char];
            want.extend(fold_partner(l).iter().flat_map(|p| p.chars()));
            want.sort();
            assert_eq!(matched(&format!("(?i:{word})")), want, "{word}");
            // The helpers take those and nothing else (the ASCII letters and the partners
            // are all the characters they compare).
            for c in want.iter().chain(['ſ', '\u{212a}', 'é', '1'].iter()) {
                let s = c.to_string();
                let yes = want.contains(c);
                assert_eq!(word_ci(&s, 0, &word) == Some(s.len()), yes, "{c:?} {word}");
                assert_eq!(ends_with_ci(&s, &word), yes, "{c:?} {word}");
            }
            for c in (b'!'..=b'~').map(char::from) {
                let s = c.to_string();
                let yes = want.contains(&c);
                assert_eq!(word_ci(&s, 0, &word).is_some(), yes, "{c:?} {word}");
                assert_eq!(ends_with_ci(&s, &word), yes, "{c:?} {word}");
            }
        }
    }

    #[test]
    fn words_without_regard_to_case() {
        assert_eq!(word_ci("Paragraph 5", 0, "paragraph"), Some(9));
        assert_eq!(word_ci("xſections", 1, "sections"), Some(10));
        assert_eq!(word_ci("para", 0, "paragraph"), None);
        assert!(ends_with_ci("see ReſOLUTION", "resolution"));
        assert!(!ends_with_ci("lution", "resolution"));
        assert!(at_boundary(b"a b", 1) && !at_boundary(b"ab", 1) && at_boundary(b"a", 0));
        assert_eq!(skip_ws("a \u{a0}\u{2003}b", 1), 7);
    }
}
