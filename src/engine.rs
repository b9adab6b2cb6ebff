//! Linting files: read, decode, extract, run the rules, sort.

use crate::extract::Document;
use crate::finding::Finding;
use crate::knowledge::Knowledge;
use crate::rules::{self, Context};
use crate::source::Source;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Settings that apply to a whole run.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// `--as-of`: the date to judge renamed States against when a draft carries none.
    pub as_of: Option<String>,
    /// Rules that are off by default and asked for by id (`--enable`).
    pub enable: Vec<String>,
}

/// What checking one file produced.
#[derive(Debug)]
pub struct FileReport {
    pub path: String,
    pub source: Option<Source>,
    pub findings: Vec<Finding>,
    /// A file that could not be read or decoded: the reason, for stderr and exit code 2.
    pub error: Option<String>,
}

/// Runs every rule on one decoded source.
pub fn check_source(source: Source, kb: &Knowledge, settings: &Settings) -> FileReport {
    let doc = Document::build(source, kb);
    let findings = run_rules(&doc, kb, settings);
    FileReport {
        path: doc.source.path.clone(),
        source: Some(doc.source),
        findings,
        error: None,
    }
}

pub fn run_rules(doc: &Document, kb: &Knowledge, settings: &Settings) -> Vec<Finding> {
    let cx = Context {
        doc,
        kb,
        as_of: settings.as_of.as_deref(),
    };
    let mut findings = Vec::new();
    for rule in rules::all() {
        let m = rule.meta();
        if !m.default_enabled && !settings.enable.iter().any(|e| e == m.id) {
            continue;
        }
        rule.check(&cx, &mut findings);
    }
    for rule in &kb.patterns {
        rule.check(doc, &mut findings);
    }
    sort_findings(&mut findings);
    findings
}

/// Sorted by position, then rule, so that every run prints the same thing.
pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (a.span.start, a.span.end, a.rule, &a.message).cmp(&(
            b.span.start,
            b.span.end,
            b.rule,
            &b.message,
        ))
    });
}

/// Reads and checks one file; a file that cannot be read is a report with an error.
pub fn check_path(path: &Path, display: String, kb: &Knowledge, settings: &Settings) -> FileReport {
    let failed = |error: String| FileReport {
        path: display.clone(),
        source: None,
        findings: Vec::new(),
        error: Some(error),
    };
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => return failed("is a directory, not a file".to_string()),
        Ok(_) => {}
        Err(e) => return failed(io_reason(&e)),
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return failed(io_reason(&e)),
    };
    match Source::decode(display.clone(), bytes) {
        Ok(source) => check_source(source, kb, settings),
        Err(e) => failed(e.to_string()),
    }
}

pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// Checks many files in parallel; reports come back sorted by path.
pub fn check_paths(
    paths: &[(PathBuf, String)],
    kb: &Knowledge,
    settings: &Settings,
) -> Vec<FileReport> {
    let mut reports: Vec<FileReport> = paths
        .par_iter()
        .map(|(p, d)| check_path(p, d.clone(), kb, settings))
        .collect();
    reports.sort_by(|a, b| a.path.cmp(&b.path));
    reports
}
