//! Snapshots of the messages of the name rules (canonical-name, name-variant, term-case,
//! spelling-variant, membership) on their fixtures: what an editor reads.

use std::path::Path;
use tally::engine::{check_source, FileReport, Settings};
use tally::knowledge::Knowledge;
use tally::source::Source;

const RULES: &[&str] = &[
    "canonical-name",
    "name-variant",
    "term-case",
    "spelling-variant",
    "membership",
];

fn render(report: &FileReport) -> String {
    let src = report.source.as_ref().expect("decoded");
    let mut out = String::new();
    for f in report.findings.iter().filter(|f| RULES.contains(&f.rule)) {
        let (line, col) = src.line_col(f.span.start);
        out.push_str(&format!(
            "{line}:{col} {} {}: {}\n",
            f.rule,
            f.severity.as_str(),
            f.message
        ));
        for l in &f.labels {
            let (ll, lc) = src.line_col(l.span.start);
            out.push_str(&format!(
                "  label {ll}:{lc} {:?}: {}\n",
                &src.text[l.span.clone()],
                l.text
            ));
        }
        if let Some(h) = &f.help {
            out.push_str(&format!("  help: {h}\n"));
        }
        if let Some(fix) = &f.fix {
            for e in &fix.edits {
                out.push_str(&format!(
                    "  fix{}: {:?} -> {:?}\n",
                    if fix.safe { " (safe)" } else { "" },
                    &src.text[e.span.clone()],
                    e.replacement
                ));
            }
        }
    }
    out
}

fn check(path: &str, settings: &Settings) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let bytes = std::fs::read(root.join(path)).expect("fixture");
    let src = Source::decode(path.to_string(), bytes).expect("utf-8");
    render(&check_source(src, &Knowledge::builtin(), settings))
}

macro_rules! snap {
    ($name:ident, $path:literal) => {
        #[test]
        fn $name() {
            insta::assert_snapshot!(check($path, &Settings::default()));
        }
    };
}

snap!(canonical_aliases_2023, "canonical-name/aliases_2023.md");
snap!(canonical_dated_2019, "canonical-name/dated_2019.md");
snap!(canonical_more_aliases, "canonical-name/more_aliases.md");
snap!(name_variant_states, "name-variant/states.md");
snap!(name_variant_bodies, "name-variant/bodies.md");
snap!(name_variant_slips, "name-variant/slips.md");
snap!(term_case_terms, "term-case/terms.md");
snap!(term_case_more_terms, "term-case/more_terms.md");
snap!(spelling_ise, "spelling-variant/ise.md");
snap!(spelling_ize, "spelling-variant/ize.md");
snap!(spelling_pairs, "spelling-variant/pairs.md");

const MEMBERSHIP_DRAFT: &str =
    "**Meeting of the States Parties to the Anti-Personnel Mine Ban Convention**

3 December 2024

1. Three States Parties – Chile, India and Peru – reported on stockpile destruction.

2. Observers from India and Nepal attended the meeting.
";

#[test]
fn membership_is_off_by_default() {
    let src = Source::decode("m.md", MEMBERSHIP_DRAFT.as_bytes().to_vec()).unwrap();
    let report = check_source(src, &Knowledge::builtin(), &Settings::default());
    assert!(report.findings.iter().all(|f| f.rule != "membership"));
}

#[test]
fn membership_when_enabled() {
    let src = Source::decode("m.md", MEMBERSHIP_DRAFT.as_bytes().to_vec()).unwrap();
    let settings = Settings {
        enable: vec!["membership".to_string()],
        ..Settings::default()
    };
    let report = check_source(src, &Knowledge::builtin(), &settings);
    insta::assert_snapshot!(render(&report));
}

#[test]
fn as_of_decides_for_an_undated_draft() {
    let draft = "1. Delegates from Turkey attended.\n";
    let run = |as_of: &str| {
        let src = Source::decode("t.md", draft.as_bytes().to_vec()).unwrap();
        let settings = Settings {
            as_of: Some(as_of.to_string()),
            ..Settings::default()
        };
        check_source(src, &Knowledge::builtin(), &settings)
            .findings
            .iter()
            .filter(|f| f.rule == "canonical-name")
            .count()
    };
    assert_eq!(run("2021-05-01"), 0);
    assert_eq!(run("2022-06-02"), 1);
}
