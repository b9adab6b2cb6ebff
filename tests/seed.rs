//! The acceptance test on the real draft this project was created from:
//! `../shared/seed/expected.toml`, for every rule that is implemented.

use std::path::Path;
use tally::engine::{check_source, Settings};
use tally::expect;
use tally::knowledge::Knowledge;
use tally::source::Source;

#[test]
fn seed_expectations_hold_for_implemented_rules() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seed");
    let draft = dir.join("000_60147257d591a6c5.txt");
    let Ok(bytes) = std::fs::read(&draft) else {
        eprintln!(
            "SKIPPED: {} is absent, so the seed acceptance test cannot run",
            draft.display()
        );
        return;
    };
    let exp = expect::parse(&std::fs::read_to_string(dir.join("expected.toml")).unwrap()).unwrap();
    let src = Source::decode("seed", bytes).unwrap();
    let report = check_source(src, &Knowledge::builtin(), &Settings::default());
    let implemented = |r: &str| tally::rules::by_id(r).is_some();
    let outcome = expect::compare(
        &exp,
        report.source.as_ref().unwrap(),
        &report.findings,
        &implemented,
    );
    for h in &outcome.held {
        eprintln!("ok {h}");
    }
    assert!(
        outcome.failed.is_empty(),
        "seed expectations failed:\n{}",
        outcome.failed.join("\n")
    );
    assert!(
        outcome.unexpected.is_empty(),
        "unexpected findings on the seed:\n{}",
        outcome.unexpected.join("\n")
    );
}
