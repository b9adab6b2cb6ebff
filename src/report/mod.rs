//! Rendering findings: human (miette), concise, json, sarif, github.

pub mod concise;
pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

use crate::engine::FileReport;
use crate::finding::{Finding, Severity};
use crate::source::Source;
use serde::Serialize;

/// An output format, rendered file by file: a head, each file's fragment in order, a tail.
/// A run writes each fragment as soon as the file is checked (and every file before it), so
/// it never holds more than a few files' sources; [`render`] puts the same pieces together
/// for a whole set of reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human { color: bool },
    Concise,
    Json,
    Sarif,
    Github,
}

impl Format {
    /// One file's part of the output. For JSON and SARIF, the file's findings as array
    /// elements, each starting on a new line and separated by commas; [`Assembler`] joins
    /// the fragments of consecutive files.
    pub fn fragment(self, path: &str, src: &Source, findings: &[Finding]) -> String {
        self.fragment_on(path, src, findings, 1)
    }

    /// [`Format::fragment`], on up to `threads` threads where a format's findings take long
    /// to render (the human one).
    pub fn fragment_on(
        self,
        path: &str,
        src: &Source,
        findings: &[Finding],
        threads: usize,
    ) -> String {
        match self {
            Format::Human { color } => human::fragment(path, src, findings, color, threads),
            Format::Concise => concise::fragment(path, src, findings),
            Format::Json => json::fragment(path, src, findings),
            Format::Sarif => sarif::fragment(path, src, findings),
            Format::Github => github::fragment(path, src, findings),
        }
    }
}

/// Puts a document together from its pieces: the head, the fragments, the tail, with the
/// commas between the array elements of consecutive files.
pub struct Assembler {
    format: Format,
    envelope: Option<Envelope>,
    any: bool,
}

impl Assembler {
    /// `files`: how many files the run reports on, for the JSON contract's `files`.
    pub fn new(format: Format, files: usize) -> Assembler {
        let envelope = match format {
            Format::Json => Some(json::envelope(files)),
            Format::Sarif => Some(sarif::envelope()),
            _ => None,
        };
        Assembler {
            format,
            envelope,
            any: false,
        }
    }

    pub fn head(&self) -> &str {
        self.envelope.as_ref().map_or("", |e| &e.head)
    }

    /// What to write before a file's fragment: a comma between two files' array elements.
    pub fn separator(&mut self, fragment: &str) -> &'static str {
        if fragment.is_empty() {
            return "";
        }
        let joined = self.any && self.envelope.is_some();
        self.any = true;
        if joined {
            ","
        } else {
            ""
        }
    }

    pub fn tail(&self) -> String {
        match &self.envelope {
            Some(e) if self.any => format!("\n{}]{}", " ".repeat(e.indent - 2), e.tail),
            Some(e) => format!("]{}", e.tail),
            None => String::new(),
        }
    }

    pub fn format(&self) -> Format {
        self.format
    }
}

/// A JSON document whose last array is written element by element: `head` ends with the
/// array's `[`, `tail` follows its `]`; elements sit at `indent` spaces. Cut from serde_json's
/// pretty printing of the document with that array empty, so the pieces put together are
/// byte for byte what printing the whole document gives.
struct Envelope {
    head: String,
    tail: String,
    indent: usize,
}

impl Envelope {
    fn of<T: Serialize>(doc: &T) -> Envelope {
        let mut s = serde_json::to_string_pretty(doc).expect("serialises");
        s.push('\n');
        let at = s
            .rfind("[]")
            .expect("the document ends with its empty array");
        let line = s[..at].rfind('\n').map_or(0, |i| i + 1);
        let key_indent = s[line..].len() - s[line..].trim_start_matches(' ').len();
        Envelope {
            head: s[..=at].to_string(),
            tail: s[at + 2..].to_string(),
            indent: key_indent + 2,
        }
    }
}

/// One array element as it appears pretty-printed at `indent` spaces, with the line break
/// before it. JSON strings hold no raw line breaks, so indenting every line is exact.
fn element<T: Serialize>(value: &T, indent: usize, out: &mut String) {
    let s = serde_json::to_string_pretty(value).expect("serialises");
    let pad = " ".repeat(indent);
    if !out.is_empty() {
        out.push(',');
    }
    for line in s.split('\n') {
        out.push('\n');
        out.push_str(&pad);
        out.push_str(line);
    }
}

/// The whole output for these reports (in their order), without the human summary line.
pub fn render(format: Format, reports: &[FileReport]) -> String {
    let mut a = Assembler::new(format, reports.len());
    let mut out = a.head().to_string();
    for r in reports {
        let Some(src) = &r.source else { continue };
        let fragment = format.fragment(&r.path, src, &r.findings);
        out.push_str(a.separator(&fragment));
        out.push_str(&fragment);
    }
    out.push_str(&a.tail());
    out
}

/// Counts by severity, for summaries.
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Tally {
    pub fn of(reports: &[FileReport]) -> Tally {
        let mut t = Tally::default();
        for r in reports {
            t.add(&Tally::of_findings(&r.findings));
        }
        t
    }

    pub fn of_findings(findings: &[Finding]) -> Tally {
        let mut t = Tally::default();
        for f in findings {
            match f.severity {
                Severity::Error => t.errors += 1,
                Severity::Warning => t.warnings += 1,
                Severity::Info => t.infos += 1,
            }
        }
        t
    }

    pub fn add(&mut self, other: &Tally) {
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.infos += other.infos;
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "2 files checked: 1 error, 3 warnings, 0 info".
pub fn summary(files: usize, t: Tally) -> String {
    format!(
        "{} checked: {}, {}, {} info",
        plural(files, "file", "files"),
        plural(t.errors, "error", "errors"),
        plural(t.warnings, "warning", "warnings"),
        t.infos
    )
}
