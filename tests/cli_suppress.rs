//! Inline suppression comments end to end, and `unused-suppression`.

mod common;
use common::*;

const LINE: &str =
    "Three States Parties – Chile, Peru, Ecuador and Bolivia (Plurinational State of) – reported.";
const FINE: &str = "Three States Parties – Chile, Peru and Ecuador – reported.";

fn run(draft: &str) -> Run {
    let d = repo();
    write(d.path(), "draft.md", draft);
    tally(d.path(), &["check", "draft.md", "--format", "concise"])
}

fn lines(r: &Run) -> Vec<String> {
    r.stdout.lines().map(str::to_string).collect()
}

#[test]
fn next_line_with_an_id_without_ids_and_after_a_blank_line() {
    for comment in [
        "<!-- tally-disable-next-line count-list -->",
        "<!-- tally-disable-next-line -->",
        "<!-- tally-disable-next-line duplicate-item, count-list -->",
    ] {
        let r = run(&format!("# R\n\n{comment}\n{LINE}\n"));
        assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{comment}");
        let r = run(&format!("# R\n\n{comment}\n\n{LINE}\n"));
        assert_eq!(
            (r.code, r.stdout.as_str()),
            (0, ""),
            "{comment} + blank line"
        );
    }
    // Only the next line.
    let r = run(&format!(
        "# R\n\n<!-- tally-disable-next-line -->\n{LINE}\n\n{LINE}\n"
    ));
    assert_eq!(lines(&r).len(), 1);
    assert!(
        r.stdout.starts_with("draft.md:6:1: error [count-list]"),
        "{}",
        r.stdout
    );
}

#[test]
fn same_line() {
    let r = run(&format!(
        "# R\n\n{LINE} <!-- tally-disable-line count-list -->\n"
    ));
    assert_eq!((r.code, r.stdout.as_str()), (0, ""));
}

#[test]
fn another_rule_does_not_suppress_and_is_reported_unused() {
    let r = run(&format!(
        "# R\n\n<!-- tally-disable-next-line duplicate-item -->\n{LINE}\n"
    ));
    assert_eq!(r.code, 1);
    assert_eq!(
        lines(&r),
        [
            "draft.md:3:1: info [unused-suppression] \"tally-disable-next-line duplicate-item\" suppresses nothing",
            "draft.md:4:1: error [count-list] \"Three States Parties\" but four names are listed",
        ]
    );
}

#[test]
fn disable_enable_region() {
    let draft = format!(
        "# R\n\n<!-- tally-disable count-list -->\n\n{LINE}\n\n{LINE}\n\n<!-- tally-enable count-list -->\n\n{LINE}\n"
    );
    let r = run(&draft);
    assert_eq!(lines(&r).len(), 1, "{}", r.stdout);
    assert!(r.stdout.starts_with("draft.md:11:1: error [count-list]"));
    // Disabling every rule, then enabling one of them again.
    let draft = format!(
        "# R\n\n<!-- tally-disable -->\n\n{LINE}\n\n<!-- tally-enable count-list -->\n\n{LINE}\n"
    );
    let r = run(&draft);
    assert!(
        r.stdout.starts_with("draft.md:9:1: error [count-list]"),
        "{}",
        r.stdout
    );
    assert_eq!(lines(&r).len(), 1, "{}", r.stdout);
    // Never enabled again: to the end of the file.
    let r = run(&format!(
        "# R\n\n<!-- tally-disable -->\n\n{LINE}\n\n{LINE}\n"
    ));
    assert_eq!((r.code, r.stdout.as_str()), (0, ""));
}

#[test]
fn whole_file() {
    for c in [
        "<!-- tally-disable-file -->",
        "<!-- tally-disable-file count-list -->",
    ] {
        let r = run(&format!("{c}\n# R\n\n{LINE}\n\n{LINE}\n"));
        assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{c}");
    }
}

#[test]
fn unused_unknown_and_stray_directives_are_info() {
    let r = run(&format!(
        "# R\n\n<!-- tally-disable-next-line count-list -->\n{FINE}\n"
    ));
    assert_eq!(r.code, 0, "info does not fail the run");
    assert_eq!(
        lines(&r),
        ["draft.md:3:1: info [unused-suppression] \"tally-disable-next-line count-list\" suppresses nothing"]
    );
    let r = run(&format!(
        "# R\n\n<!-- tally-disable-next-line count-lst -->\n{LINE}\n"
    ));
    assert!(r.stdout.contains("[unused-suppression] \"tally-disable-next-line count-lst\" names no rule \"count-lst\""), "{}", r.stdout);
    let r = run(&format!("# R\n\n<!-- tally-enable -->\n{FINE}\n"));
    assert!(
        r.stdout.contains("enables nothing that was disabled"),
        "{}",
        r.stdout
    );
    let r = run(&format!(
        "# R\n\n<!-- tally-disable-everything -->\n{FINE}\n"
    ));
    assert!(
        r.stdout.contains("is not a tally directive"),
        "{}",
        r.stdout
    );
    let r = run(&format!("# R\n\n<!-- tally-disable-file -->\n{FINE}\n"));
    assert!(
        r.stdout
            .contains("\"tally-disable-file\" suppresses nothing"),
        "{}",
        r.stdout
    );
    // Ordinary comments are not directives.
    let r = run(&format!("# R\n\n<!-- TODO: check the tally -->\n{FINE}\n"));
    assert_eq!(r.stdout, "");
}

#[test]
fn directives_about_switched_off_rules_are_not_unused() {
    let d = repo();
    write(d.path(), "tally.toml", "ignore = [\"count-list\"]\n");
    write(
        d.path(),
        "draft.md",
        &format!("# R\n\n<!-- tally-disable-next-line count-list -->\n{FINE}\n"),
    );
    let r = tally(d.path(), &["check", "draft.md", "--format", "concise"]);
    assert_eq!(r.stdout, "");
    // And unused-suppression itself can be switched off.
    write(
        d.path(),
        "tally.toml",
        "ignore = [\"unused-suppression\"]\n",
    );
    let r = tally(d.path(), &["check", "draft.md", "--format", "concise"]);
    assert_eq!(r.stdout, "");
}
