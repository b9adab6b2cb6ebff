//! Rendering findings: human (miette), concise, json, sarif, github.

pub mod concise;
pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

use crate::finding::Severity;

/// Counts by severity, for summaries.
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Tally {
    pub fn of(reports: &[crate::engine::FileReport]) -> Tally {
        let mut t = Tally::default();
        for f in reports.iter().flat_map(|r| &r.findings) {
            match f.severity {
                Severity::Error => t.errors += 1,
                Severity::Warning => t.warnings += 1,
                Severity::Info => t.infos += 1,
            }
        }
        t
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
