//! The whole pipeline: bytes in, findings out, every output format rendered.
//!
//! Beyond "no panic", it checks what every consumer of the output relies on: each span,
//! primary and labelled, lies within the file and on character boundaries, and the JSON
//! output parses.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use tally::engine::{check_source, FileReport, Settings};
use tally::knowledge::Knowledge;
use tally::report::{human, json};
use tally::source::Source;

static KB: OnceLock<Knowledge> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let kb = KB.get_or_init(Knowledge::builtin);
    let report = match Source::decode("fuzz.md", data.to_vec()) {
        Ok(source) => check_source(source, kb, &Settings::default()),
        Err(e) => FileReport {
            path: "fuzz.md".to_string(),
            source: None,
            findings: Vec::new(),
            error: Some(e.to_string()),
        },
    };
    if let Some(src) = &report.source {
        let text = &src.text;
        for f in &report.findings {
            let spans = std::iter::once(&f.span).chain(f.labels.iter().map(|l| &l.span));
            for s in spans {
                assert!(
                    s.start <= s.end && s.end <= text.len(),
                    "{} span {s:?} outside the file",
                    f.rule
                );
                assert!(
                    text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
                    "{} span {s:?} not on char boundaries",
                    f.rule
                );
            }
        }
    }
    let reports = [report];
    let _ = human::render(&reports, false);
    let _ = human::render(&reports, true);
    let out = json::render(&reports);
    serde_json::from_str::<serde_json::Value>(&out).expect("JSON output parses");
});
