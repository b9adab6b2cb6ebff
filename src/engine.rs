//! Linting files: read, decode, extract, run the rules, sort.

use crate::extract::Document;
use crate::finding::{Finding, Severity};
use crate::knowledge::Knowledge;
use crate::ordered;
use crate::rules::{self, Context};
use crate::source::Source;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Settings for checking a file: from its config and the command line.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// `--as-of`: the date to judge renamed States against when a draft carries none.
    pub as_of: Option<String>,
    /// Rules that are off by default and asked for by id (`--enable`).
    pub enable: Vec<String>,
    /// Rules that do not run (config `select`, `ignore`, `severity = "off"`).
    pub disabled: HashSet<&'static str>,
    /// `select`: when set, the only rules that run.
    pub select: Option<HashSet<&'static str>>,
    /// Severity overrides by rule id.
    pub severity: HashMap<&'static str, Severity>,
    /// Threads the built-in rules of one file share (0 or 1: the file's own thread). Worth
    /// more than one only when there are fewer files than cores, as for one draft in a hook.
    pub rule_threads: usize,
}

impl Settings {
    pub fn enabled(&self, rule: &str) -> bool {
        !self.disabled.contains(rule) && self.select.as_ref().is_none_or(|s| s.contains(rule))
    }
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
    let cx = Context::new(doc, kb, settings.as_of.as_deref());
    let on: Vec<&dyn rules::Rule> = rules::all()
        .iter()
        .copied()
        .filter(|rule| {
            let m = rule.meta();
            (m.default_enabled || settings.enable.iter().any(|e| e == m.id))
                && settings.enabled(m.id)
        })
        .collect();
    let mut findings = run_builtin(&cx, &on, settings.rule_threads);
    for rule in &kb.patterns {
        if settings.enabled(rule.id) {
            rule.check(doc, &mut findings);
        }
    }
    for f in &mut findings {
        if let Some(&s) = settings.severity.get(f.rule) {
            f.severity = s;
        }
    }
    let unused = crate::suppress::UNUSED;
    crate::suppress::apply(
        &doc.source,
        &doc.markdown.comments,
        &mut findings,
        &|id| settings.enabled(id),
        settings.enabled(unused),
    );
    if let Some(&s) = settings.severity.get(unused) {
        for f in findings.iter_mut().filter(|f| f.rule == unused) {
            f.severity = s;
        }
    }
    sort_findings(&mut findings);
    findings
}

/// The rules that cost most on a review-sized draft, most first (name-variant about half
/// of all the rules' time, then spelling and term-case): with several threads they are taken
/// first, so that the cheap ones fill in around them rather than wait behind them.
const COSTLY_FIRST: &[&str] = &["name-variant", "spelling-variant", "term-case"];

/// The built-in rules' findings, in rule order. With more than one thread, each thread takes
/// the next rule not yet taken, so one costly rule does not hold the others up.
fn run_builtin(cx: &Context, on: &[&dyn rules::Rule], threads: usize) -> Vec<Finding> {
    let mut findings = Vec::new();
    if threads < 2 || on.len() < 2 {
        for rule in on {
            rule.check(cx, &mut findings);
        }
        return findings;
    }
    let mut order: Vec<usize> = (0..on.len()).collect();
    order.sort_by_key(|&i| {
        let id = on[i].meta().id;
        COSTLY_FIRST
            .iter()
            .position(|&c| c == id)
            .unwrap_or(usize::MAX)
    });
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let mut done: Vec<(usize, Vec<Finding>)> = Vec::new();
        loop {
            let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(&i) = order.get(k) else {
                return done;
            };
            let rule = on[i];
            let mut out = Vec::new();
            rule.check(cx, &mut out);
            done.push((i, out));
        }
    };
    let mut done = std::thread::scope(|scope| {
        let others: Vec<_> = (1..threads.min(on.len()))
            .map(|_| scope.spawn(work))
            .collect();
        let mut done = work();
        for h in others {
            match h.join() {
                Ok(d) => done.extend(d),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        done
    });
    done.sort_by_key(|(i, _)| *i);
    findings.extend(done.into_iter().flat_map(|(_, f)| f));
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

/// How many files are checked at once: inside a rayon pool, that pool's size; otherwise
/// `RAYON_NUM_THREADS` when it is a positive number, as rayon reads it, else one per core.
pub fn threads() -> usize {
    if rayon::current_thread_index().is_some() {
        return rayon::current_num_threads();
    }
    std::env::var("RAYON_NUM_THREADS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// Results a thread may run ahead of the file being written: enough to keep every thread
/// busy past a slow file, few enough that memory does not grow with the corpus.
pub const WINDOW_PER_THREAD: usize = 64;

/// Checks many files in parallel; reports come back sorted by path.
pub fn check_paths(
    paths: &[(PathBuf, String)],
    kb: &Knowledge,
    settings: &Settings,
) -> Vec<FileReport> {
    let mut order: Vec<&(PathBuf, String)> = paths.iter().collect();
    order.sort_by(|a, b| a.1.cmp(&b.1));
    let threads = threads();
    let mut reports = Vec::with_capacity(order.len());
    ordered::run(
        order.len(),
        threads,
        threads * WINDOW_PER_THREAD,
        |i| check_path(&order[i].0, order[i].1.clone(), kb, settings),
        |_, r| {
            reports.push(r);
            true
        },
    );
    reports
}

/// One file to check, with the knowledge and settings of its config.
pub struct Job {
    pub path: PathBuf,
    pub display: String,
    pub kb: Arc<Knowledge>,
    pub settings: Arc<Settings>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rules taken first on several threads are rules, so that a renamed one is not
    /// silently taken in its turn.
    #[test]
    fn the_costly_rules_are_rules() {
        for id in COSTLY_FIRST {
            assert!(rules::by_id(id).is_some(), "{id}");
        }
    }

    /// Rules shared between threads give the findings they give on one, in the same order.
    #[test]
    fn rules_on_several_threads_find_the_same() {
        let kb = Knowledge::builtin();
        let files = markdown_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"));
        assert!(files.len() > 40, "{} fixtures", files.len());
        let mut found = 0;
        for path in files {
            let run = |threads: usize| {
                let settings = Settings {
                    rule_threads: threads,
                    ..Settings::default()
                };
                let r = check_path(&path, path.display().to_string(), &kb, &settings);
                format!("{:?}", r.findings)
            };
            let one = run(1);
            assert_eq!(run(2), one, "{}", path.display());
            assert_eq!(run(5), one, "{}", path.display());
            found += one.matches("Finding {").count();
        }
        assert!(found > 100, "{found} findings");
    }

    fn markdown_files(dir: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(markdown_files(&p));
            } else if p.extension().is_some_and(|x| x == "md") {
                out.push(p);
            }
        }
        out
    }
}
