//! `--fix` and `--diff` end to end, with the fixes real rules offer: canonical-name's
//! ("Vietnam" to "Viet Nam", one unambiguous replacement) and the un-style set's ("percent" to
//! "per cent"), switched on by a `tally.toml` in the scratch repository.

mod common;
use common::*;
use std::path::Path;

const DRAFT: &str = "# Review\n\nDialogues with Vietnam and Chile.\n\nVietnam reported in 2024.\n";

#[test]
fn diff_prints_without_writing() {
    let d = repo();
    write(d.path(), "draft.md", DRAFT);
    let env: [(&str, &str); 0] = [];
    let r = tally_with(d.path(), &["check", "draft.md", "--diff"], None, &env);
    assert_eq!(r.code, 1, "a diff means there is something to fix");
    assert_eq!(
        r.stdout,
        "--- a/draft.md\n+++ b/draft.md\n@@ -1,5 +1,5 @@\n # Review\n \n-Dialogues with Vietnam and Chile.\n+Dialogues with Viet Nam and Chile.\n \n-Vietnam reported in 2024.\n+Viet Nam reported in 2024.\n"
    );
    assert_eq!(
        std::fs::read_to_string(d.path().join("draft.md")).unwrap(),
        DRAFT
    );
    // Once fixed, there is nothing left to show.
    let r = tally_with(d.path(), &["check", "draft.md", "--fix"], None, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = tally_with(d.path(), &["check", "draft.md", "--diff"], None, &[]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""));
}

#[cfg(unix)]
#[test]
fn fix_writes_atomically_and_keeps_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let d = repo();
    write(d.path(), "draft.md", DRAFT);
    let path = d.path().join("draft.md");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    let env: [(&str, &str); 0] = [];
    let r = tally_with(
        d.path(),
        &["check", "draft.md", "--fix", "--format", "concise"],
        None,
        &env,
    );
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (0, ""),
        "nothing remains: {}",
        r.stderr
    );
    assert!(
        r.stderr.contains("fixed 2 findings in 1 file"),
        "{}",
        r.stderr
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        DRAFT.replace("Vietnam", "Viet Nam")
    );
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    let names: Vec<String> = std::fs::read_dir(d.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| !n.starts_with(".tally-fix-")),
        "{names:?}"
    );
    // Re-running finds none of the fixed findings.
    let r = tally_with(
        d.path(),
        &["check", "draft.md", "--format", "concise"],
        None,
        &env,
    );
    assert_eq!((r.code, r.stdout.as_str()), (0, ""));
}

fn copy_tree(from: &Path, to: &Path, files: &mut Vec<String>) {
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let dest = to.join(p.file_name().unwrap());
        if p.is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
            copy_tree(&p, &dest, files);
        } else if p.extension().is_some_and(|x| x == "md") {
            std::fs::copy(&p, &dest).unwrap();
            files.push(dest.to_string_lossy().into_owned());
        }
    }
}

/// On every fixture, as written, with CRLF line endings and with a BOM: `--fix` changes the
/// spans of the safe fixes the library offers and no other byte.
#[test]
fn fix_changes_no_byte_outside_the_fixed_spans_on_every_fixture() {
    use tally::engine::{check_source, Settings};
    use tally::knowledge::Knowledge;
    let kb = Knowledge::load_with_styles(&[], &["un-style".to_string()]).unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    type Variant = fn(&str) -> String;
    let variants: [(&str, Variant); 3] = [
        ("as written", |s| s.to_string()),
        ("crlf", |s| s.replace('\n', "\r\n")),
        ("bom", |s| format!("\u{FEFF}{s}")),
    ];
    for (name, variant) in variants {
        let d = repo();
        write(d.path(), "tally.toml", "styles = [\"un-style\"]\n");
        let mut files = Vec::new();
        copy_tree(&fixtures, d.path(), &mut files);
        assert!(files.len() > 10);
        let mut before = Vec::new();
        let mut fixed_files = 0;
        for f in &files {
            let text = variant(&std::fs::read_to_string(f).unwrap());
            std::fs::write(f, &text).unwrap();
            // What the library says the safe fixes are, applied on their own.
            let src = tally::source::Source::from_string(f.clone(), text.clone());
            let bom = src.bom_len;
            let report = check_source(src, &kb, &Settings::default());
            let (edits, _) = tally::fix::safe_edits(&text, bom, &report.findings);
            let expected = tally::fix::apply(&text, &edits);
            fixed_files += usize::from(expected != text);
            before.push((text, expected));
        }
        assert!(
            fixed_files >= 5,
            "{name}: the fixtures offer real safe fixes ({fixed_files} files)"
        );
        let r = tally_with(
            d.path(),
            &[
                "check",
                ".",
                "--fix",
                "--format",
                "concise",
                "--fail-on",
                "never",
            ],
            None,
            &[],
        );
        assert_ne!(r.code, 2, "{name}: {}", r.stderr);
        for (f, (_, expected)) in files.iter().zip(&before) {
            let new = std::fs::read_to_string(f).unwrap();
            assert_eq!(&new, expected, "{name}: {f}");
        }
    }
}
