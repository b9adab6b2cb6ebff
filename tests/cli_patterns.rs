//! Issue 9 end to end: a user drops one TOML file in the rules folder their config names, and
//! the next run has the rule; the un-style set is switched on by name; a bad rule file stops
//! the run with its path and line.

mod common;
use common::*;

const DRAFT: &str = "# Review\n\n1. In order to utilize the funds, the Board met.\n\n2. Spending rose by 12 percent.\n";

#[test]
fn a_rule_dropped_in_the_rules_folder_runs_with_no_build() {
    let d = repo();
    write(d.path(), "tally.toml", "rules = [\"house\"]\n");
    std::fs::create_dir_all(d.path().join("house")).unwrap();
    write(d.path(), "drafts/report.md", DRAFT);
    let before = tally(d.path(), &["check", "drafts", "--format", "concise"]);
    assert_eq!(
        (before.code, before.stdout.as_str()),
        (0, ""),
        "{}",
        before.stderr
    );

    write(
        d.path(),
        "house/in-order-to.toml",
        "id = \"house-in-order-to\"\nkind = \"existence\"\nseverity = \"warning\"\nmessage = \"say \\\"to\\\", not \\\"{match}\\\"\"\nwords = [\"in order to\"]\n",
    );
    let after = tally(d.path(), &["check", "drafts", "--format", "concise"]);
    assert_eq!(after.code, 1, "{}", after.stderr);
    assert_eq!(
        after.stdout,
        "drafts/report.md:3:4: warning [house-in-order-to] say \"to\", not \"In order to\"\n"
    );
    let rules = tally(d.path(), &["rules"]);
    assert!(
        rules
            .stdout
            .lines()
            .any(|l| l.starts_with("house-in-order-to") && l.contains("house/in-order-to.toml")),
        "{}",
        rules.stdout
    );
    // The user's rule can be switched off like a built-in one.
    write(
        d.path(),
        "tally.toml",
        "rules = [\"house\"]\nignore = [\"house-in-order-to\"]\n",
    );
    let off = tally(d.path(), &["check", "drafts", "--format", "concise"]);
    assert_eq!((off.code, off.stdout.as_str()), (0, ""), "{}", off.stderr);
}

#[test]
fn the_un_style_set_is_switched_on_by_name() {
    let d = repo();
    write(d.path(), "report.md", DRAFT);
    let plain = tally(
        d.path(),
        &["check", ".", "--format", "concise", "--fail-on", "info"],
    );
    assert_eq!(plain.stdout, "");
    write(d.path(), "tally.toml", "styles = [\"un-style\"]\n");
    let styled = tally(
        d.path(),
        &["check", ".", "--format", "concise", "--fail-on", "info"],
    );
    assert_eq!(styled.code, 1);
    assert!(
        styled
            .stdout
            .contains("info [un-per-cent] write \"per cent\" in running text, not \"percent\""),
        "{}",
        styled.stdout
    );
    // Every un-style finding is info, so the default fail level is untouched.
    let default = tally(d.path(), &["check", ".", "--format", "concise"]);
    assert_eq!(default.code, 0, "{}", default.stdout);
    let explain = tally(d.path(), &["explain", "un-ize-spelling"]);
    assert!(
        explain.stdout.contains("## Why is this bad?"),
        "{}",
        explain.stdout
    );
}

#[test]
fn a_bad_rule_file_names_its_path_and_line() {
    for (body, what) in [
        ("id = \"x-y\"\nkind = \"existence\"\nmessage = \"m\"\nwords = [\"a\"]\ncolour = \"red\"\n", "unknown field `colour`"),
        ("id = \"x-y\"\nkind = \"existence\"\nmessage = \"m\"\npatterns = ['(unclosed']\n", "invalid regex"),
        ("id = \"x-y\"\nkind = \"substitution\"\n[[swap]]\nfind = \"a\"\nreplace = \"b\"\n", "needs a `message`"),
    ] {
        let d = repo();
        write(d.path(), "tally.toml", "rules = [\"house\"]\n");
        write(d.path(), "house/bad.toml", body);
        write(d.path(), "report.md", DRAFT);
        let r = tally(d.path(), &["check", "report.md"]);
        assert_eq!(r.code, 2, "{body}: {}", r.stderr);
        assert!(r.stderr.contains("house/bad.toml"), "{}", r.stderr);
        assert!(r.stderr.contains(what), "{what}: {}", r.stderr);
    }
}
