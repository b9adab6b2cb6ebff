//! Annotated drafts: a `NAME.expected.toml` beside a draft lists the findings a careful
//! editor would make (`[[expect]]`) and the traps where tally must stay quiet (`[[quiet]]`).
//! The fixture tests, the seed acceptance test and the evaluation all read them here.

use crate::finding::{Finding, Severity};
use crate::source::Source;
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
pub struct Expectations {
    #[serde(default)]
    pub expect: Vec<Expect>,
    #[serde(default)]
    pub quiet: Vec<Quiet>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Expect {
    pub rule: String,
    pub line: usize,
    pub severity: Severity,
    #[serde(default)]
    pub why: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Quiet {
    pub line: usize,
    pub rules: Vec<String>,
    #[serde(default)]
    pub why: String,
}

/// How a run measured up to its expectations.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Expectations of implemented rules that held.
    pub held: Vec<String>,
    /// Expectations of implemented rules that failed: missing findings, broken quiet lines.
    pub failed: Vec<String>,
    /// Warnings and errors of implemented rules that no expectation explains.
    pub unexpected: Vec<String>,
    /// Per rule: (expected, found, missed, false findings). A false finding is a warning or
    /// error no expectation explains, or any finding on a line annotated quiet for its rule.
    pub per_rule: std::collections::BTreeMap<String, [usize; 4]>,
}

impl Outcome {
    pub fn ok(&self) -> bool {
        self.failed.is_empty() && self.unexpected.is_empty()
    }
}

pub fn parse(text: &str) -> Result<Expectations, String> {
    toml::from_str(text).map_err(|e| e.to_string())
}

/// Compares findings with expectations. Only rules for which `implemented` is true are
/// judged, so the expectations can be written before the rule lands. An expectation holds
/// when a finding of its rule, at or above its severity, starts within one line of it (as
/// `seed-check` does).
pub fn compare(
    exp: &Expectations,
    source: &Source,
    findings: &[Finding],
    implemented: &dyn Fn(&str) -> bool,
) -> Outcome {
    let mut out = Outcome::default();
    let line = |f: &Finding| source.line_col(f.span.start).0;
    let mut explained = vec![false; findings.len()];
    // A finding on a quiet line is false whatever its severity.
    let mut on_quiet = vec![false; findings.len()];
    for e in exp.expect.iter().filter(|e| implemented(&e.rule)) {
        let stat = out.per_rule.entry(e.rule.clone()).or_default();
        stat[0] += 1;
        let hits: Vec<usize> = findings
            .iter()
            .enumerate()
            .filter(|(_, f)| {
                f.rule == e.rule && line(f).abs_diff(e.line) <= 1 && f.severity >= e.severity
            })
            .map(|(i, _)| i)
            .collect();
        for &h in &hits {
            explained[h] = true;
        }
        let desc = format!(
            "expect {} line {} {}: {}",
            e.rule,
            e.line,
            e.severity.as_str(),
            e.why
        );
        if hits.is_empty() {
            stat[2] += 1;
            out.failed.push(format!("MISSING {desc}"));
        } else {
            stat[1] += 1;
            out.held.push(desc);
        }
    }
    for q in &exp.quiet {
        let bad: Vec<&Finding> = findings
            .iter()
            .enumerate()
            .filter(|(_, f)| q.rules.iter().any(|r| r == f.rule) && line(f) == q.line)
            .map(|(i, f)| {
                on_quiet[i] = true;
                f
            })
            .collect();
        let desc = format!("quiet line {} {}: {}", q.line, q.rules.join(", "), q.why);
        if bad.is_empty() {
            out.held.push(desc);
        } else {
            for f in bad {
                out.failed
                    .push(format!("BROKEN {desc} -- {}: {}", f.rule, f.message));
            }
        }
    }
    for (i, f) in findings.iter().enumerate() {
        if !implemented(f.rule) {
            continue;
        }
        if on_quiet[i] {
            out.per_rule.entry(f.rule.to_string()).or_default()[3] += 1;
        }
        if explained[i] {
            continue;
        }
        // Info findings on lines the author did not annotate are allowed; warnings and
        // errors are not.
        if f.severity >= Severity::Warning {
            if !on_quiet[i] {
                out.per_rule.entry(f.rule.to_string()).or_default()[3] += 1;
            }
            out.unexpected.push(format!(
                "unexpected {} line {} {}: {}",
                f.rule,
                line(f),
                f.severity.as_str(),
                f.message
            ));
        }
    }
    out
}
