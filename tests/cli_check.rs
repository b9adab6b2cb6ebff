//! `tally check` end to end: exit codes, every output format, standard input; `tally rules`
//! and `tally explain`.

mod common;
use common::*;

#[test]
fn exit_codes() {
    let d = repo();
    write(d.path(), "good.md", GOOD);
    write(d.path(), "bad.md", BAD);
    assert_eq!(tally(d.path(), &["check", "good.md"]).code, 0);
    assert_eq!(tally(d.path(), &["check", "bad.md"]).code, 1);
    assert_eq!(tally(d.path(), &["check", "."]).code, 1);
    assert_eq!(
        tally(d.path(), &["check", "bad.md", "--fail-on", "never"]).code,
        0
    );
    assert_eq!(
        tally(d.path(), &["check", "bad.md", "--fail-on", "error"]).code,
        1
    );
    let missing = tally(d.path(), &["check", "missing.md"]);
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.contains("missing.md: no such file"),
        "{}",
        missing.stderr
    );
    std::fs::write(d.path().join("latin1.md"), b"Caf\xe9\n").unwrap();
    let bad_bytes = tally(d.path(), &["check", "latin1.md"]);
    assert_eq!(bad_bytes.code, 2);
    assert!(bad_bytes.stderr.contains("not valid UTF-8"));
    assert_eq!(
        tally(d.path(), &["check", "bad.md", "--as-of", "2024-13-01"]).code,
        2
    );
    assert_eq!(tally(d.path(), &["check", "--format", "xml"]).code, 2);
}

#[test]
fn concise_format() {
    let d = repo();
    write(d.path(), "bad.md", BAD);
    let r = tally(d.path(), &["check", "bad.md", "--format", "concise"]);
    assert_eq!(
        r.stdout,
        "bad.md:3:1: error [count-list] \"Three States Parties\" but four names are listed\n"
    );
    assert_eq!(r.code, 1);
}

#[test]
fn json_format_keeps_its_contract() {
    let d = repo();
    write(d.path(), "bad.md", BAD);
    let r = tally(d.path(), &["check", "bad.md", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("stdout is only JSON");
    assert_eq!(v["version"], 1);
    assert_eq!(v["files"], 1);
    let f = &v["findings"][0];
    let keys: Vec<&str> = f.as_object().unwrap().keys().map(|k| k.as_str()).collect();
    for k in [
        "path",
        "rule",
        "severity",
        "line",
        "column",
        "end_line",
        "end_column",
        "start",
        "end",
        "message",
        "labels",
    ] {
        assert!(keys.contains(&k), "missing {k}");
    }
    assert_eq!(f["rule"], "count-list");
    assert_eq!(f["line"], 3);
}

#[test]
fn github_format() {
    let d = repo();
    write(d.path(), "bad.md", BAD);
    let r = tally(d.path(), &["check", "bad.md", "--format", "github"]);
    let line = r.stdout.lines().next().unwrap();
    assert!(
        line.starts_with("::error file=bad.md,line=3,col=1,endLine=3,endColumn=6,title=tally count-list::\"Three States Parties\" but four names are listed%0Ahelp: "),
        "{line}"
    );
    assert_eq!(r.stdout.lines().count(), 1);
}

#[test]
fn sarif_format() {
    let d = repo();
    write(d.path(), "bad.md", BAD);
    let r = tally(d.path(), &["check", "bad.md", "--format", "sarif"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "tally");
    let res = &run["results"][0];
    assert_eq!(res["ruleId"], "count-list");
    assert_eq!(res["level"], "error");
    let idx = res["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(run["tool"]["driver"]["rules"][idx]["id"], "count-list");
    let region = &res["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 3);
    assert_eq!(
        res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "bad.md"
    );
}

#[test]
fn human_format_and_summary() {
    let d = repo();
    write(d.path(), "bad.md", BAD);
    let r = tally(d.path(), &["check", "bad.md"]);
    assert!(r.stdout.contains("count-list"), "{}", r.stdout);
    assert!(r.stdout.contains("says Three"), "{}", r.stdout);
    // Not on a terminal: the summary closes stdout, without a time so output is stable.
    assert!(r
        .stdout
        .ends_with("1 file checked: 1 error, 0 warnings, 0 info\n"));
    assert!(r.stderr.is_empty(), "{}", r.stderr);
}

#[test]
fn machine_formats_keep_stdout_clean_when_clean() {
    let d = repo();
    write(d.path(), "good.md", GOOD);
    for f in ["concise", "github"] {
        let r = tally(d.path(), &["check", "good.md", "--format", f]);
        assert_eq!(r.stdout, "", "{f}");
        assert_eq!(r.code, 0);
    }
}

#[test]
fn stdin_with_and_without_a_name() {
    let d = repo();
    let r = tally_with(
        d.path(),
        &["check", "-", "--format", "concise"],
        Some(BAD),
        &[],
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.starts_with("<stdin>:3:1: error [count-list]"),
        "{}",
        r.stdout
    );
    // The name is shown and its folder's config applies.
    write(d.path(), "sub/tally.toml", "ignore = [\"count-list\"]\n");
    let r = tally_with(
        d.path(),
        &[
            "check",
            "-",
            "--stdin-filename",
            "sub/draft.md",
            "--format",
            "concise",
        ],
        Some(BAD),
        &[],
    );
    assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{}", r.stderr);
    let r = tally_with(
        d.path(),
        &[
            "check",
            "-",
            "--stdin-filename",
            "other/draft.md",
            "--format",
            "concise",
        ],
        Some(BAD),
        &[],
    );
    assert!(r.stdout.starts_with("other/draft.md:3:1:"), "{}", r.stdout);
    let r = tally_with(d.path(), &["check", "-", "--fix"], Some(BAD), &[]);
    assert_eq!(r.code, 2);
}

#[test]
fn rules_lists_every_rule() {
    let d = repo();
    let r = tally(d.path(), &["rules"]);
    assert_eq!(r.code, 0);
    for rule in tally::rules::all() {
        let m = rule.meta();
        let line = r
            .stdout
            .lines()
            .find(|l| l.split_whitespace().next() == Some(m.id))
            .unwrap_or_else(|| panic!("{} not listed", m.id));
        assert!(line.contains(m.severity.as_str()) && line.contains(m.summary));
    }
    assert!(r.stdout.contains("unused-suppression"));
}

#[test]
fn explain_prints_the_documentation() {
    let d = repo();
    let r = tally(d.path(), &["explain", "count-list"]);
    assert_eq!(r.code, 0);
    for part in [
        "# count-list",
        "## What it does",
        "## Why is this bad?",
        "## Example",
        "## Fix",
    ] {
        assert!(r.stdout.contains(part), "{part}");
    }
    let r = tally(d.path(), &["explain", "count-lst"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("count-list"), "{}", r.stderr);
}
