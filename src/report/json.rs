//! The JSON contract other tools rely on:
//! `{"version":1,"files":N,"findings":[{"path","rule","severity","line","column","end_line",
//! "end_column","start","end","message","labels":[{"line","column","start","end","text"}]}]}`,
//! findings sorted by path then position.

use crate::engine::FileReport;
use crate::finding::Finding;
use crate::source::Source;
use serde::Serialize;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    files: usize,
    findings: Vec<JsonFinding<'a>>,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    path: &'a str,
    rule: &'a str,
    severity: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    start: usize,
    end: usize,
    message: &'a str,
    labels: Vec<JsonLabel<'a>>,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    line: usize,
    column: usize,
    start: usize,
    end: usize,
    text: &'a str,
}

pub fn render(reports: &[FileReport]) -> String {
    super::render(super::Format::Json, reports)
}

/// Where the findings array's elements sit in the pretty-printed document.
const INDENT: usize = 4;

/// The document around the findings: `{"version":1,"files":N,"findings":[` ... `]}`.
pub(super) fn envelope(files: usize) -> super::Envelope {
    let e = super::Envelope::of(&Output {
        version: 1,
        files,
        findings: Vec::new(),
    });
    debug_assert_eq!(e.indent, INDENT);
    e
}

/// One file's findings as elements of the findings array.
pub fn fragment(path: &str, src: &Source, findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        super::element(&finding(path, src, f), INDENT, &mut out);
    }
    out
}

fn finding<'a>(path: &'a str, src: &Source, f: &'a Finding) -> JsonFinding<'a> {
    let (line, column) = src.line_col(f.span.start);
    let (end_line, end_column) = src.line_col(f.span.end);
    JsonFinding {
        path,
        rule: f.rule,
        severity: f.severity.as_str(),
        line,
        column,
        end_line,
        end_column,
        start: f.span.start,
        end: f.span.end,
        message: &f.message,
        labels: f
            .labels
            .iter()
            .map(|l| {
                let (line, column) = src.line_col(l.span.start);
                JsonLabel {
                    line,
                    column,
                    start: l.span.start,
                    end: l.span.end,
                    text: &l.text,
                }
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{check_source, Settings};
    use crate::knowledge::Knowledge;

    /// The pieces put together are what printing the whole document at once gives.
    #[test]
    fn pieces_make_the_whole_document() {
        let kb = Knowledge::builtin();
        let texts = [
            "# A\n\nThree States Parties - Chile and Peru - reported.\n",
            "# B\n\nNothing to see.\n",
            "# C\n\nTwo States - Chile, Peru and Ecuador - met. Viet Nam and Vietnam \"quoted\".\n",
        ];
        let reports: Vec<FileReport> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                check_source(
                    Source::from_string(format!("d{i}.md"), t.to_string()),
                    &kb,
                    &Settings::default(),
                )
            })
            .collect();
        assert!(reports.iter().map(|r| r.findings.len()).sum::<usize>() >= 2);
        for set in [&reports[..], &reports[1..2], &[]] {
            let whole = Output {
                version: 1,
                files: set.len(),
                findings: set
                    .iter()
                    .flat_map(|r| {
                        let src = r.source.as_ref().unwrap();
                        r.findings.iter().map(|f| finding(&r.path, src, f))
                    })
                    .collect(),
            };
            let mut expected = serde_json::to_string_pretty(&whole).unwrap();
            expected.push('\n');
            assert_eq!(render(set), expected);
        }
    }
}
