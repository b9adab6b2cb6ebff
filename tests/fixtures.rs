//! Every fixture draft under `fixtures/` with a `NAME.expected.toml` beside it: each
//! `[[expect]]` of an implemented rule is found, each `[[quiet]]` line stays quiet, and no
//! other warning or error appears.

use std::path::{Path, PathBuf};
use tally::engine::{check_source, Settings};
use tally::expect;
use tally::knowledge::Knowledge;
use tally::source::Source;

/// Fixture folders judged by their own tests, with rule data the default run does not load
/// (a style set, a user rules folder).
const SELF_JUDGED: &[&str] = &["patterns", "un-style"];

fn drafts(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("fixtures dir")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            if !p
                .file_name()
                .is_some_and(|n| SELF_JUDGED.iter().any(|s| n == *s))
            {
                drafts(&p, out);
            }
        } else if p.extension().is_some_and(|e| e == "md") {
            out.push(p);
        }
    }
}

pub fn implemented(rule: &str) -> bool {
    tally::rules::by_id(rule).is_some()
}

#[test]
fn fixture_expectations_hold() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut files = Vec::new();
    drafts(&root, &mut files);
    let kb = Knowledge::builtin();
    let mut failures = Vec::new();
    let mut checked = 0;
    let mut held = 0;
    for md in &files {
        let sidecar = md.with_extension("expected.toml");
        let Ok(text) = std::fs::read_to_string(&sidecar) else {
            continue;
        };
        let exp = expect::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", sidecar.display()));
        let name = md.strip_prefix(&root).unwrap().display().to_string();
        let src = Source::decode(name.clone(), std::fs::read(md).unwrap()).unwrap();
        let report = check_source(src, &kb, &Settings::default());
        let outcome = expect::compare(
            &exp,
            report.source.as_ref().unwrap(),
            &report.findings,
            &implemented,
        );
        checked += 1;
        held += outcome.held.len();
        for f in outcome.failed.iter().chain(&outcome.unexpected) {
            failures.push(format!("{name}: {f}"));
        }
    }
    assert!(
        checked > 0,
        "no annotated fixtures found under {}",
        root.display()
    );
    assert!(
        failures.is_empty(),
        "{} of the expectations in {checked} fixture files failed ({held} held):\n{}",
        failures.len(),
        failures.join("\n")
    );
}
