//! A file's bytes decoded as UTF-8, with a line index.
//!
//! Every offset anywhere in tally is a byte offset into the original file, BOM included, so
//! that editors, SARIF viewers and `--fix` all agree on what a span means.

use std::fmt;

/// A decoded file.
#[derive(Debug, Clone)]
pub struct Source {
    /// The name shown in reports (the path as given, or `--stdin-filename`).
    pub path: String,
    /// The whole file, BOM included.
    pub text: String,
    /// Length of the byte order mark, 0 or 3: Markdown parsing starts after it.
    pub bom_len: usize,
    line_starts: Vec<usize>,
}

/// Why a file's bytes are not a draft tally can read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    Utf16,
    Binary { offset: usize },
    NotUtf8 { offset: usize, line: usize },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Utf16 => write!(f, "file is UTF-16 encoded (byte order mark found); save it as UTF-8"),
            DecodeError::Binary { offset } => {
                write!(f, "file looks binary (NUL byte at offset {offset}); not a Markdown draft")
            }
            DecodeError::NotUtf8 { offset, line } => write!(
                f,
                "file is not valid UTF-8 (invalid byte at offset {offset}, line {line}); save it as UTF-8"
            ),
        }
    }
}

impl Source {
    /// Decodes bytes, refusing UTF-16, binary data and invalid UTF-8 with a precise reason.
    pub fn decode(path: impl Into<String>, bytes: Vec<u8>) -> Result<Source, DecodeError> {
        if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
            return Err(DecodeError::Utf16);
        }
        if let Some(offset) = memchr_nul(&bytes) {
            return Err(DecodeError::Binary { offset });
        }
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let offset = e.utf8_error().valid_up_to();
                let bytes = e.into_bytes();
                let line = 1 + line_breaks(&bytes[..offset]).count();
                return Err(DecodeError::NotUtf8 { offset, line });
            }
        };
        Ok(Source::from_string(path, text))
    }

    /// Wraps text that is already a `String`.
    pub fn from_string(path: impl Into<String>, text: String) -> Source {
        let bom_len = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
        let mut line_starts = vec![0];
        line_starts.extend(line_breaks(text.as_bytes()));
        Source {
            path: path.into(),
            text,
            bom_len,
            line_starts,
        }
    }

    /// The text after the BOM, which is what the Markdown parser sees.
    pub fn body(&self) -> &str {
        &self.text[self.bom_len..]
    }

    /// 1-based line and 1-based column in characters of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let mut start = self.line_starts[line];
        if line == 0 {
            start = start.max(self.bom_len.min(offset));
        }
        let col = self.text[start..floor_char_boundary(&self.text, offset)]
            .chars()
            .count();
        (line + 1, col + 1)
    }

    /// Byte offset where a 1-based line starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(self.text.len())
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}

/// Where each line after the first starts. A line ends at LF, CRLF or a lone CR, as in
/// CommonMark, so that a file saved with old Mac line endings is numbered as an editor
/// shows it.
pub fn line_breaks(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    // memchr skips the text between line ends many bytes at a time: every file is read
    // whole here, before anything else.
    memchr::memchr2_iter(b'\n', b'\r', bytes).filter_map(|i| {
        let ends = bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n');
        ends.then_some(i + 1)
    })
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    memchr::memchr(0, bytes)
}

/// The smallest char boundary at or above `i`.
pub fn ceil_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The largest char boundary at or below `i`.
pub fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_end_at_lf_crlf_and_lone_cr() {
        let s = Source::from_string("a.md", "one\rtwo\r\nthree\nfour".to_string());
        let at = |w: &str| s.line_col(s.text.find(w).unwrap());
        assert_eq!(at("one"), (1, 1));
        assert_eq!(at("two"), (2, 1));
        assert_eq!(at("three"), (3, 1));
        assert_eq!(at("four"), (4, 1));
        assert_eq!(s.line_count(), 4);
        assert_eq!(s.line_start(3), s.text.find("three").unwrap());
    }

    #[test]
    fn columns_count_characters_and_skip_the_bom() {
        let s = Source::from_string("a.md", "\u{FEFF}Côte d’Ivoire\nab".to_string());
        assert_eq!(s.bom_len, 3);
        assert_eq!(s.line_col(3), (1, 1));
        let pos = s.text.find("d’").unwrap();
        assert_eq!(s.line_col(pos), (1, 6));
        let b = s.text.find("ab").unwrap();
        assert_eq!(s.line_col(b + 1), (2, 2));
    }

    #[test]
    fn bad_bytes_are_reasons_not_panics() {
        assert_eq!(
            Source::decode("x", vec![0xFF, 0xFE, 0x41, 0]).unwrap_err(),
            DecodeError::Utf16
        );
        assert!(matches!(
            Source::decode("x", b"ab\0c".to_vec()),
            Err(DecodeError::Binary { offset: 2 })
        ));
        assert_eq!(
            Source::decode("x", b"ok\nbad \xE9 here".to_vec()).unwrap_err(),
            DecodeError::NotUtf8 { offset: 7, line: 2 }
        );
    }
}
