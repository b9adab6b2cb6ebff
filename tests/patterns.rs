//! Pattern rules from TOML: the un-style set, a user's rules folder, and the errors a bad rule
//! file gives.

use std::path::{Path, PathBuf};
use tally::engine::{check_source, Settings};
use tally::expect;
use tally::knowledge::Knowledge;
use tally::source::Source;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

fn judge(kb: &Knowledge, md: &Path) {
    let exp = expect::parse(&std::fs::read_to_string(md.with_extension("expected.toml")).unwrap())
        .unwrap();
    let src = Source::decode(md.display().to_string(), std::fs::read(md).unwrap()).unwrap();
    let report = check_source(src, kb, &Settings::default());
    let implemented =
        |r: &str| tally::rules::by_id(r).is_some() || kb.patterns.iter().any(|p| p.id == r);
    let out = expect::compare(
        &exp,
        report.source.as_ref().unwrap(),
        &report.findings,
        &implemented,
    );
    assert!(
        out.ok(),
        "{}:\n{}\nall findings:\n{}",
        md.display(),
        out.failed
            .iter()
            .chain(&out.unexpected)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n"),
        report
            .findings
            .iter()
            .map(|f| format!(
                "{} {:?} {}",
                f.rule,
                report.source.as_ref().unwrap().line_col(f.span.start),
                f.message
            ))
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(
        out.held.len() >= exp.expect.len(),
        "every expectation was judged"
    );
}

fn user_folder(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| (p.display().to_string(), std::fs::read_to_string(p).unwrap()))
        .collect()
}

#[test]
fn un_style_set_on_a_draft() {
    let kb = Knowledge::load_with_styles(&[], &["un-style".to_string()]).unwrap();
    assert_eq!(kb.patterns.len(), 7);
    assert!(kb
        .patterns
        .iter()
        .all(|p| p.severity == tally::finding::Severity::Info));
    judge(&kb, &fixtures().join("un-style/annual_report_draft.md"));
}

#[test]
fn un_style_is_off_by_default() {
    assert!(Knowledge::builtin().patterns.is_empty());
    let err = Knowledge::load_with_styles(&[], &["chicago".to_string()]).unwrap_err();
    assert!(
        err.message.contains("unknown style set \"chicago\""),
        "{}",
        err.message
    );
}

#[test]
fn a_users_rules_folder_adds_rules_nouns_and_entities() {
    let extra = user_folder(&fixtures().join("patterns/house-rules"));
    let kb = Knowledge::load(&extra).unwrap();
    let ids: Vec<&str> = kb.patterns.iter().map(|p| p.id).collect();
    assert_eq!(
        ids,
        vec!["house-in-order-to", "house-per-cent", "house-grey"]
    );
    assert!(kb
        .gazetteer("bodies")
        .is_some_and(|g| g.entities[0].name == "Regional Water Board"));
    judge(&kb, &fixtures().join("patterns/house_style.md"));
}

#[test]
fn substitution_fix_is_safe_only_for_plain_strings() {
    let kb = Knowledge::load_with_styles(&[], &["un-style".to_string()]).unwrap();
    let text = "1. The share rose to 40 percent.\n\n2. The organisation grew.\n";
    let r = check_source(
        Source::from_string("x.md", text.to_string()),
        &kb,
        &Settings::default(),
    );
    let percent = r.findings.iter().find(|f| f.rule == "un-per-cent").unwrap();
    let fix = percent.fix.as_ref().unwrap();
    assert!(fix.safe);
    assert_eq!(&text[fix.edits[0].span.clone()], "percent");
    assert_eq!(fix.edits[0].replacement, "per cent");
    let ize = r
        .findings
        .iter()
        .find(|f| f.rule == "un-ize-spelling")
        .unwrap();
    assert_eq!(
        ize.fix.as_ref().unwrap().edits[0].replacement,
        "organization"
    );
    assert!(!ize.fix.as_ref().unwrap().safe);
}

fn load_err(text: &str) -> tally::knowledge::DataError {
    Knowledge::load(&[("rules/bad.toml".to_string(), text.to_string())]).unwrap_err()
}

fn line_of(e: &tally::knowledge::DataError) -> usize {
    let span = e.span.clone().expect("a span");
    e.source_text[..span.start].matches('\n').count() + 1
}

#[test]
fn bad_rule_files_point_at_the_line() {
    let e = load_err(
        "id = \"x\"\nkind = \"existence\"\nmessage = \"m\"\nwords = [\"a\"]\ncolour = \"red\"\n",
    );
    assert!(
        e.message.contains("unknown field `colour`"),
        "{}",
        e.message
    );
    assert_eq!(line_of(&e), 5);
    assert_eq!(e.file, "rules/bad.toml");

    let e =
        load_err("id = \"x\"\nkind = \"existence\"\nmessage = \"m\"\npatterns = ['(unclosed']\n");
    assert!(e.message.contains("invalid regex"), "{}", e.message);
    assert_eq!(line_of(&e), 4);

    let e = load_err("id = \"x\"\nkind = \"existence\"\nwords = [\"a\"]\n");
    assert!(e.message.contains("needs a `message`"), "{}", e.message);
    assert_eq!(line_of(&e), 1);

    let e = load_err("id = \"x\"\nkind = \"existence\"\nmessage = \"m\"\nseverity = \"fatal\"\nwords = [\"a\"]\n");
    assert!(
        e.message.contains("not one of error, warning, info"),
        "{}",
        e.message
    );
    assert_eq!(line_of(&e), 4);

    let e = load_err("id = \"x\"\nkind = \"shout\"\nmessage = \"m\"\n");
    assert!(
        e.message.contains("unknown variant `shout`"),
        "{}",
        e.message
    );
    assert_eq!(line_of(&e), 2);

    let e =
        load_err("id = \"count-list\"\nkind = \"existence\"\nmessage = \"m\"\nwords = [\"a\"]\n");
    assert!(e.message.contains("built-in rule"), "{}", e.message);
}
