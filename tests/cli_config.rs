//! Config files end to end: discovery from nested folders, every key, errors that point at
//! the config's bytes (exit 2), user rule folders.

mod common;
use common::*;

fn concise(dir: &std::path::Path, args: &[&str]) -> Run {
    let mut a = vec!["check", "--format", "concise"];
    a.extend_from_slice(args);
    tally(dir, &a)
}

#[test]
fn found_from_a_nested_folder_up_to_the_repository_root() {
    let d = repo();
    write(d.path(), "tally.toml", "ignore = [\"count-list\"]\n");
    write(d.path(), "a/b/c/draft.md", BAD);
    let r = concise(d.path(), &["a/b/c/draft.md"]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{}", r.stderr);
    let r = concise(&d.path().join("a/b"), &["."]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{}", r.stderr);
    // The nearest config wins.
    write(d.path(), "a/b/.tally.toml", "select = [\"count-list\"]\n");
    let r = concise(d.path(), &["a/b/c/draft.md"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
}

#[test]
fn search_stops_at_the_repository_root() {
    let outer = tempfile::tempdir().unwrap();
    write(outer.path(), "tally.toml", "ignore = [\"count-list\"]\n");
    std::fs::create_dir_all(outer.path().join("repo/.git")).unwrap();
    write(outer.path(), "repo/draft.md", BAD);
    assert_eq!(concise(outer.path(), &["repo/draft.md"]).code, 1);
}

#[test]
fn explicit_config_flag() {
    let d = repo();
    write(d.path(), "draft.md", BAD);
    write(d.path(), "conf/quiet.toml", "ignore = [\"count-list\"]\n");
    assert_eq!(
        concise(d.path(), &["draft.md", "--config", "conf/quiet.toml"]).code,
        0
    );
    let r = concise(d.path(), &["draft.md", "--config", "conf/none.toml"]);
    assert_eq!(r.code, 2);
}

#[test]
fn severity_and_fail_on() {
    let d = repo();
    write(d.path(), "draft.md", BAD);
    write(
        d.path(),
        "tally.toml",
        "[rule.count-list]\nseverity = \"warning\"\n",
    );
    let r = concise(d.path(), &["draft.md"]);
    assert!(r.stdout.contains(": warning [count-list]"), "{}", r.stdout);
    assert_eq!(r.code, 1);
    write(
        d.path(),
        "tally.toml",
        "fail-on = \"error\"\n[rule.count-list]\nseverity = \"warning\"\n",
    );
    assert_eq!(concise(d.path(), &["draft.md"]).code, 0);
    // The command line wins over the config.
    assert_eq!(
        concise(d.path(), &["draft.md", "--fail-on", "warning"]).code,
        1
    );
    write(
        d.path(),
        "tally.toml",
        "[rule.count-list]\nseverity = \"off\"\n",
    );
    assert_eq!(concise(d.path(), &["draft.md"]).stdout, "");
    write(d.path(), "tally.toml", "select = [\"duplicate-item\"]\n");
    assert_eq!(concise(d.path(), &["draft.md"]).stdout, "");
}

#[test]
fn include_and_exclude() {
    let d = repo();
    write(d.path(), "new/a.md", BAD);
    write(d.path(), "old/b.md", BAD);
    write(d.path(), "notes/c.txt", BAD);
    write(d.path(), "tally.toml", "exclude = [\"old/**\"]\n");
    let r = concise(d.path(), &["."]);
    assert!(
        r.stdout.contains("new/a.md") && !r.stdout.contains("old/b.md"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("c.txt"));
    // A file named on the command line is still subject to exclude (pre-commit names files).
    assert_eq!(concise(d.path(), &["old/b.md"]).stdout, "");
    write(
        d.path(),
        "tally.toml",
        "include = [\"*.md\", \"notes/*.txt\"]\n",
    );
    let r = concise(d.path(), &["."]);
    assert!(
        r.stdout.contains("notes/c.txt") && r.stdout.contains("old/b.md"),
        "{}",
        r.stdout
    );
}

#[test]
fn as_of_and_styles_are_read() {
    let d = repo();
    write(d.path(), "draft.md", GOOD);
    write(
        d.path(),
        "tally.toml",
        "as-of = \"2024-06-30\"\nstyles = [\"un-style\"]\n",
    );
    assert_eq!(concise(d.path(), &["draft.md"]).code, 0);
}

fn config_error(text: &str, expect: &[&str]) {
    let d = repo();
    write(d.path(), "draft.md", GOOD);
    write(d.path(), "tally.toml", text);
    let r = concise(d.path(), &["draft.md"]);
    assert_eq!(r.code, 2, "{text}");
    assert_eq!(r.stdout, "");
    for e in expect {
        assert!(r.stderr.contains(e), "{text}: {e:?} not in\n{}", r.stderr);
    }
}

#[test]
fn problems_point_at_the_config_line() {
    config_error(
        "select = [\"count-list\"]\ncolour = \"red\"\n",
        &[
            "tally.toml",
            "unknown field `colour`",
            "2 │ colour = \"red\"",
        ],
    );
    config_error(
        "[rule.count-list]\nseverity = \"loud\"\n",
        &[
            "bad severity \"loud\"",
            "2 │ severity = \"loud\"",
            "expected error, warning, info or off",
        ],
    );
    config_error(
        "ignore = [\"count-lists\"]\n",
        &["no rule \"count-lists\"", "the nearest are: count-list"],
    );
    config_error("[rule.count-list]\nlimit = 3\n", &["unknown field `limit`"]);
    config_error(
        "as-of = \"30 June 2024\"\n",
        &["bad date", "expected YYYY-MM-DD"],
    );
    config_error("fail-on = \"sometimes\"\n", &["bad fail-on"]);
    config_error(
        "styles = [\"house\"]\n",
        &["no style set \"house\"", "un-style"],
    );
    config_error("exclude = [\"a/[b\"]\n", &["bad glob"]);
    config_error("rules = [\"nowhere\"]\n", &["does not exist"]);
    config_error("select = \"count-list\"\n", &["invalid type"]);
    config_error("select = [\n", &["tally.toml"]);
}

const EXTRA_NOUN: &str =
    "[[noun]]\nforms = [\"member economies\", \"member economy\"]\ngazetteer = \"states\"\n";
const ECONOMIES: &str = "# Review\n\nTwo member economies – Chile, Peru and Ecuador – took part.\n";

#[test]
fn user_rule_folders_from_config_and_flag() {
    let d = repo();
    write(d.path(), "draft.md", ECONOMIES);
    write(d.path(), "house/count-nouns.toml", EXTRA_NOUN);
    assert_eq!(concise(d.path(), &["draft.md"]).stdout, "");
    let r = concise(d.path(), &["draft.md", "--rules", "house"]);
    assert!(
        r.stdout.contains("[count-list]"),
        "{}{}",
        r.stdout,
        r.stderr
    );
    write(d.path(), "tally.toml", "rules = [\"house\"]\n");
    let r = concise(d.path(), &["draft.md"]);
    assert!(
        r.stdout.contains("[count-list]"),
        "{}{}",
        r.stdout,
        r.stderr
    );
}

#[test]
fn a_broken_user_data_file_is_an_error_naming_it() {
    let d = repo();
    write(d.path(), "draft.md", GOOD);
    write(
        d.path(),
        "house/count-nouns.toml",
        "[[noun]]\nforms = [\"member economies\"]\nplural = true\n",
    );
    let r = concise(d.path(), &["draft.md", "--rules", "house"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("house/count-nouns.toml"), "{}", r.stderr);
    assert!(r.stderr.contains("3 │ plural = true"), "{}", r.stderr);
    write(d.path(), "house/count-nouns.toml", "[[noun]\n");
    assert_eq!(concise(d.path(), &["draft.md", "--rules", "house"]).code, 2);
    assert_eq!(
        concise(d.path(), &["draft.md", "--rules", "absent"]).code,
        2
    );
}
