//! Snapshots of the messages of total-parts, percent-of and table-total on their fixtures.

use std::path::Path;
use tally::engine::{check_source, Settings};
use tally::knowledge::Knowledge;
use tally::source::Source;

fn render(rel: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let bytes = std::fs::read(root.join(rel)).expect("fixture");
    let src = Source::decode(rel.to_string(), bytes).expect("utf-8");
    let mut report = check_source(src, &Knowledge::builtin(), &Settings::default());
    // Only the figure rules: the others have snapshots of their own.
    report
        .findings
        .retain(|f| ["total-parts", "percent-of", "table-total", "count-list"].contains(&f.rule));
    tally::report::human::render(&[report], false)
}

#[test]
fn total_parts_messages() {
    insta::assert_snapshot!(render("total-parts/totals.md"));
}

#[test]
fn percent_of_messages() {
    insta::assert_snapshot!(render("percent-of/shares.md"));
}

#[test]
fn table_total_messages() {
    insta::assert_snapshot!(render("table-total/tables.md"));
}
