//! Sentences, words and a folded copy of the text for matching, all with offsets kept.

use std::ops::Range;

/// Text folded for matching (lower case, ’ to ', “” to ", dashes to -, common diacritics
/// dropped) with a map from every folded byte back to the original offset.
#[derive(Debug, Clone)]
pub struct Folded {
    pub text: String,
    map: Vec<u32>,
    orig_len: usize,
}

impl Folded {
    pub fn new(s: &str) -> Folded {
        let mut text = String::with_capacity(s.len());
        let mut map = Vec::with_capacity(s.len() + 1);
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            // ASCII runs fold byte for byte, and each folded byte maps to its own offset.
            let run = ascii_run(b, i);
            if run > i {
                push_ascii_folded(&s[i..run], &mut text);
                map.extend(i as u32..run as u32);
                i = run;
                continue;
            }
            let c = s[i..].chars().next().unwrap_or(' ');
            let before = text.len();
            fold_char(c, &mut text);
            map.extend(std::iter::repeat_n(i as u32, text.len() - before));
            i += c.len_utf8();
        }
        map.push(s.len() as u32);
        Folded {
            text,
            map,
            orig_len: s.len(),
        }
    }

    /// Original offset of a folded offset.
    pub fn orig(&self, i: usize) -> usize {
        if i >= self.text.len() {
            self.orig_len
        } else {
            self.map[i] as usize
        }
    }

    /// Original range of a folded range: from the start of the first char to the start of
    /// the char after the last.
    pub fn orig_range(&self, r: Range<usize>) -> Range<usize> {
        self.orig(r.start)..self.orig(r.end)
    }
}

/// Folds one character for matching; writes one or more characters, or none.
pub fn fold_char(c: char, out: &mut String) {
    match fold_one(c) {
        Ok(f) => out.push(f),
        Err(lower) => out.extend(lower),
    }
}

/// True when `fold(s) == folded`, without building the folded copy: the extractors ask this
/// at every word, so it must not allocate.
pub fn folds_to(s: &str, folded: &str) -> bool {
    let mut want = folded.chars();
    for c in s.chars() {
        match fold_one(c) {
            Ok(f) => {
                if want.next() != Some(f) {
                    return false;
                }
            }
            Err(lower) => {
                for f in lower {
                    if want.next() != Some(f) {
                        return false;
                    }
                }
            }
        }
    }
    want.next().is_none()
}

/// The first character of a character's folded form.
pub fn fold_first(c: char) -> char {
    match fold_one(c) {
        Ok(f) => f,
        Err(mut lower) => lower.next().unwrap_or(c),
    }
}

/// One character folded: a single character, or the characters of its lower case.
fn fold_one(c: char) -> Result<char, std::char::ToLowercase> {
    if c.is_ascii() && c != '`' {
        return Ok(c.to_ascii_lowercase());
    }
    let f = match c {
        '’' | '‘' | '`' | 'ʼ' | '′' => '\'',
        '“' | '”' | '„' | '″' => '"',
        '‐' | '‑' | '‒' | '–' | '—' | '−' => '-',
        '\u{a0}' | '\u{2009}' | '\u{202f}' => ' ',
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        _ => return Err(c.to_lowercase()),
    };
    Ok(f)
}

/// Folds a whole string (for dictionary keys).
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        let out = s.to_ascii_lowercase();
        return if has_backquote(s) {
            out.replace('`', "'")
        } else {
            out
        };
    }
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// Folds `s` onto the end of `out`, as `fold` would.
pub fn fold_into(s: &str, out: &mut String) {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let run = ascii_run(b, i);
        if run > i {
            push_ascii_folded(&s[i..run], out);
            i = run;
            continue;
        }
        let c = s[i..].chars().next().unwrap_or(' ');
        fold_char(c, out);
        i += c.len_utf8();
    }
}

/// The end of the run of ASCII bytes that starts at `i`.
fn ascii_run(b: &[u8], i: usize) -> usize {
    b[i..]
        .iter()
        .position(|&x| !x.is_ascii())
        .map_or(b.len(), |p| i + p)
}

/// Appends an ASCII run folded: lower case, and a backquote as an apostrophe (as `fold_one`
/// has it), a whole run at a time since nearly all text is ASCII.
fn push_ascii_folded(run: &str, out: &mut String) {
    let from = out.len();
    out.push_str(run);
    out[from..].make_ascii_lowercase();
    if has_backquote(run) {
        let folded = out[from..].replace('`', "'");
        out.truncate(from);
        out.push_str(&folded);
    }
}

/// No early exit, so that the loop vectorises: the strings are short and a backquote rare.
fn has_backquote(s: &str) -> bool {
    s.bytes().fold(false, |seen, b| seen | (b == b'`'))
}

pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// True when `r` in `s` does not start or end inside a word.
pub fn at_word_boundary(s: &str, r: &Range<usize>) -> bool {
    let before = s[..r.start].chars().next_back();
    let after = s[r.end..].chars().next();
    !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Number,
    Punct,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: TokKind,
    pub range: Range<usize>,
}

/// Words (letters with inner apostrophes and hyphens), numbers (digits with inner , and .),
/// and single punctuation characters. White space is dropped.
pub fn tokens(s: &str, range: Range<usize>) -> Vec<Token> {
    // Prose runs about six bytes a token; reserving that many saves the regrowing.
    let mut out = Vec::with_capacity((range.end - range.start) / 6 + 1);
    let b = s.as_bytes();
    let end = range.end;
    let mut i = range.start;
    while i < end {
        // Nearly all text is ASCII: its bytes are classified without decoding a char.
        let (c, len) = match b[i] {
            x if x < 0x80 => (x as char, 1),
            _ => {
                let c = s[i..].chars().next().unwrap_or(' ');
                (c, c.len_utf8())
            }
        };
        if c.is_whitespace() {
            i += len;
            continue;
        }
        if c.is_ascii_digit() {
            let mut j = i + 1;
            while j < end {
                if b[j].is_ascii_digit() {
                    j += 1;
                } else if (b[j] == b',' || b[j] == b'.') && j + 1 < end && b[j + 1].is_ascii_digit()
                {
                    j += 2;
                } else {
                    break;
                }
            }
            out.push(Token {
                kind: TokKind::Number,
                range: i..j,
            });
            i = j;
            continue;
        }
        if c.is_alphabetic() {
            let mut j = i + len;
            while j < end {
                if b[j].is_ascii_alphabetic() {
                    j += 1;
                    continue;
                }
                let d = s[j..].chars().next().unwrap_or(' ');
                if d.is_alphabetic() {
                    j += d.len_utf8();
                } else if matches!(d, '\'' | '’' | '-' | '‑') {
                    let after = s[j + d.len_utf8()..end].chars().next();
                    if after.is_some_and(|a| a.is_alphabetic()) {
                        j += d.len_utf8();
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            out.push(Token {
                kind: TokKind::Word,
                range: i..j,
            });
            i = j;
            continue;
        }
        out.push(Token {
            kind: TokKind::Punct,
            range: i..i + len,
        });
        i += len;
    }
    out
}

/// Words that end with a full stop without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "eg", "ie", "mr", "mrs", "ms", "dr", "no", "nos", "para", "paras", "art", "arts",
    "vol", "p", "pp", "st", "cf", "al", "rev", "add", "corr", "approx", "incl", "fig", "figs",
    "op", "cit", "ibid", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "prof", "gen", "inc", "ltd", "co", "vs", "viz", "resp", "u.s", "u.n",
];

/// Splits prose into sentences (text ranges, trimmed). A full stop, question or exclamation
/// mark ends a sentence when white space and an upper-case letter, digit or opening mark
/// follow, unless it closes an abbreviation or an initial.
pub fn sentences(s: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = range.start;
    let bytes = s.as_bytes();
    let mut i = range.start;
    while i < range.end {
        let c = bytes[i];
        if matches!(c, b'.' | b'!' | b'?') {
            let mut j = i + 1;
            // Closing quotes and brackets belong to the sentence that ends.
            while j < range.end {
                let d = s[j..].chars().next().unwrap_or(' ');
                if matches!(d, '"' | '\'' | '’' | '”' | ')' | ']') {
                    j += d.len_utf8();
                } else {
                    break;
                }
            }
            let ws_end = {
                let mut k = j;
                while k < range.end && s[k..].starts_with(char::is_whitespace) {
                    k += s[k..].chars().next().map_or(1, |c| c.len_utf8());
                }
                k
            };
            let at_end = ws_end >= range.end;
            let next = s[ws_end..range.end].chars().next();
            let opens = next.is_some_and(|n| {
                n.is_uppercase()
                    || n.is_ascii_digit()
                    || matches!(n, '"' | '“' | '(' | '\'' | '‘' | '[')
            });
            if at_end || (ws_end > j && opens && !(c == b'.' && is_abbreviation(s, start, i))) {
                push_trimmed(s, start..j, &mut out);
                start = ws_end;
                i = ws_end;
                continue;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    if start < range.end {
        push_trimmed(s, start..range.end, &mut out);
    }
    out
}

fn is_abbreviation(s: &str, sentence_start: usize, dot: usize) -> bool {
    // After the space, whatever its width: a no-break space is two bytes.
    let word_start = s[sentence_start..dot]
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || c == '(')
        .map_or(sentence_start, |(p, c)| sentence_start + p + c.len_utf8());
    let word = &s[word_start..dot];
    if word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase()) {
        return true; // an initial
    }
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

fn push_trimmed(s: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let t = &s[r.clone()];
    let lead = t.len() - t.trim_start().len();
    let trail = t.len() - t.trim_end().len();
    if lead + trail < t.len() {
        out.push(r.start + lead..r.end - trail);
    }
}

/// A word of a unit's text: letters and digits, split at apostrophes and hyphens.
#[derive(Debug, Clone)]
pub struct Word {
    pub range: Range<usize>,
}

/// The words of `s[range]`.
pub fn words(s: &str, range: Range<usize>) -> Vec<Word> {
    // Byte by byte over ASCII, where a letter or digit is one byte: most drafts are mostly
    // ASCII, and this is read for every unit.
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(range.len() / 6);
    let mut start: Option<usize> = None;
    let mut i = range.start;
    while i < range.end {
        let (word, len) = if b[i].is_ascii() {
            (b[i].is_ascii_alphanumeric(), 1)
        } else {
            let c = s[i..].chars().next().unwrap_or(' ');
            (c.is_alphanumeric(), c.len_utf8())
        };
        if word {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(st) = start.take() {
            out.push(Word { range: st..i });
        }
        i += len;
    }
    if let Some(st) = start {
        out.push(Word {
            range: st..range.end,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_a_map_to_the_original() {
        let s = "Côte d’Ivoire";
        let f = Folded::new(s);
        assert_eq!(f.text, "cote d'ivoire");
        let i = f.text.find("ivoire").unwrap();
        assert_eq!(&s[f.orig_range(i..i + 6)], "Ivoire");
    }

    /// The ASCII fast paths agree with folding one character at a time.
    #[test]
    fn fast_folding_matches_char_by_char() {
        const PIECES: &[&str] = &[
            "A",
            "b",
            "Z",
            "`",
            "'",
            " ",
            "Côte",
            "d’Ivoire",
            "İ",
            "ẞ",
            "–",
            "\u{a0}",
            "É",
            "x1",
            "ǅ",
            "Σ",
            "\n",
            ".",
            "ﬁ",
        ];
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..2000 {
            let mut s = String::new();
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            for _ in 0..x % 24 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                s.push_str(PIECES[(x % PIECES.len() as u64) as usize]);
            }
            let mut text = String::new();
            let mut map = Vec::new();
            for (i, c) in s.char_indices() {
                let before = text.len();
                fold_char(c, &mut text);
                map.extend(std::iter::repeat_n(i, text.len() - before));
            }
            assert_eq!(fold(&s), text, "{s:?}");
            let f = Folded::new(&s);
            assert_eq!(f.text, text, "{s:?}");
            for (k, &m) in map.iter().enumerate() {
                assert_eq!(f.orig(k), m, "{s:?} at {k}");
            }
            assert_eq!(f.orig(text.len()), s.len());
        }
    }

    /// `tokens` as it was before its ASCII fast path: a char at a time.
    fn tokens_by_char(s: &str, range: Range<usize>) -> Vec<Token> {
        let mut out = Vec::new();
        let b = s.as_bytes();
        let mut i = range.start;
        while i < range.end {
            let c = s[i..].chars().next().unwrap_or(' ');
            let len = c.len_utf8();
            if c.is_whitespace() {
                i += len;
                continue;
            }
            let (kind, j) = if c.is_ascii_digit() {
                let mut j = i + 1;
                while j < range.end {
                    if b[j].is_ascii_digit() {
                        j += 1;
                    } else if (b[j] == b',' || b[j] == b'.')
                        && j + 1 < range.end
                        && b[j + 1].is_ascii_digit()
                    {
                        j += 2;
                    } else {
                        break;
                    }
                }
                (TokKind::Number, j)
            } else if c.is_alphabetic() {
                let mut j = i + len;
                while j < range.end {
                    let d = s[j..].chars().next().unwrap_or(' ');
                    let inner = matches!(d, '\'' | '’' | '-' | '‑')
                        && s[j + d.len_utf8()..range.end]
                            .chars()
                            .next()
                            .is_some_and(char::is_alphabetic);
                    if d.is_alphabetic() || inner {
                        j += d.len_utf8();
                    } else {
                        break;
                    }
                }
                (TokKind::Word, j)
            } else {
                (TokKind::Punct, i + len)
            };
            out.push(Token { kind, range: i..j });
            i = j;
        }
        out
    }

    /// The ASCII fast path of `tokens` reads as the char-at-a-time loop did, on texts made
    /// of the pieces that decide where tokens end, cut at every range.
    #[test]
    fn tokens_read_as_char_by_char() {
        const PIECES: &[&str] = &[
            "a", "Z", "é", "Ω", "1", "23", ",", ".", "'", "’", "-", "‑", " ", "\u{a0}", "\u{b}",
            "\n", "–", "(", "%", "ﬁ", "x1", "٣",
        ];
        let mut rng = crate::eval::Rng::new(0x2545_F491_4F6C_DD1D);
        let mut next = || rng.next_u64();
        for _ in 0..3000 {
            let mut s = String::new();
            for _ in 0..next() % 16 {
                s.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
            }
            let bounds: Vec<usize> = (0..=s.len()).filter(|&i| s.is_char_boundary(i)).collect();
            let from = bounds[(next() % bounds.len() as u64) as usize];
            let to = bounds[(next() % bounds.len() as u64) as usize].max(from);
            assert_eq!(
                tokens(&s, from..to),
                tokens_by_char(&s, from..to),
                "{s:?} {from}..{to}"
            );
        }
    }

    #[test]
    fn sentences_skip_abbreviations_and_decimals() {
        let s =
            "It grew by 1.5 per cent, i.e. a lot. Next one (e.g. Chile) here. Article 1.1 holds";
        let r: Vec<&str> = sentences(s, 0..s.len())
            .into_iter()
            .map(|r| &s[r])
            .collect();
        assert_eq!(
            r,
            vec![
                "It grew by 1.5 per cent, i.e. a lot.",
                "Next one (e.g. Chile) here.",
                "Article 1.1 holds"
            ]
        );
    }

    #[test]
    fn tokens_keep_hyphenated_words_whole() {
        let s = "sixty-one States, 1,963.3 million";
        let t: Vec<&str> = tokens(s, 0..s.len())
            .iter()
            .map(|t| &s[t.range.clone()])
            .collect();
        assert_eq!(t, vec!["sixty-one", "States", ",", "1,963.3", "million"]);
    }
}
