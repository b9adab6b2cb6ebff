//! The JSON contract other tools rely on:
//! `{"version":1,"files":N,"findings":[{"path","rule","severity","line","column","end_line",
//! "end_column","start","end","message","labels":[{"line","column","start","end","text"}]}]}`,
//! findings sorted by path then position.

use crate::engine::FileReport;
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
    let mut findings = Vec::new();
    for r in reports {
        let Some(src) = &r.source else { continue };
        for f in &r.findings {
            let (line, column) = src.line_col(f.span.start);
            let (end_line, end_column) = src.line_col(f.span.end);
            findings.push(JsonFinding {
                path: &r.path,
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
            });
        }
    }
    let out = Output {
        version: 1,
        files: reports.len(),
        findings,
    };
    let mut s = serde_json::to_string_pretty(&out).expect("findings serialise");
    s.push('\n');
    s
}
