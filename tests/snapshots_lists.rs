//! Snapshots of the rendered output (human and JSON) for the count-list and duplicate-item
//! fixtures: the exact words and spans an editor sees.

use std::path::Path;
use tally::engine::{check_source, FileReport, Settings};
use tally::knowledge::Knowledge;
use tally::source::Source;

fn reports(dir: &str) -> Vec<FileReport> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let kb = Knowledge::builtin();
    let mut files: Vec<_> = std::fs::read_dir(root.join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            let name = format!("{dir}/{}", p.file_name().unwrap().to_string_lossy());
            let mut r = check_source(
                Source::decode(name, std::fs::read(p).unwrap()).unwrap(),
                &kb,
                &Settings::default(),
            );
            // Only this directory's rules: other rules have their own snapshots.
            r.findings
                .retain(|f| f.rule == "count-list" || f.rule == "duplicate-item");
            r
        })
        .collect()
}

#[test]
fn count_list_human() {
    insta::assert_snapshot!(tally::report::human::render(&reports("count-list"), false));
}

#[test]
fn count_list_json() {
    insta::assert_snapshot!(tally::report::json::render(&reports("count-list")));
}

#[test]
fn duplicate_item_human() {
    insta::assert_snapshot!(tally::report::human::render(
        &reports("duplicate-item"),
        false
    ));
}
