//! The command line: `tally check`, `tally rules`, `tally explain`.

use crate::engine::{self, FileReport, Settings};
use crate::finding::Severity;
use crate::knowledge::Knowledge;
use crate::report::{self, Tally};
use crate::rules;
use crate::walk::{self, Entry};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "tally",
    version,
    about = "Checks fact-heavy Markdown drafts for internal consistency: counts against lists, totals against parts, names against names."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check drafts: files (any extension) and directories (their *.md and *.markdown files).
    Check(CheckArgs),
    /// List every rule: id, default severity, fixable or not, summary.
    Rules,
    /// Print a rule's documentation.
    Explain {
        /// The rule id, e.g. count-list.
        rule: String,
    },
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Files and directories to check.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Exit with 1 when a finding at or above this severity is reported.
    #[arg(long, value_enum, default_value_t = FailOn::Warning)]
    pub fail_on: FailOn,
    /// Judge renamed States as of this date (YYYY-MM-DD) when a draft carries no date.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<String>,
    /// Turn on a check that is off by default (e.g. membership); may be repeated.
    #[arg(long, value_name = "RULE")]
    pub enable: Vec<String>,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

/// Runs the command line and returns the exit code: 0 clean, 1 findings at or above the
/// fail level, 2 usage or input errors.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    match cli.command {
        Command::Check(args) => check(args),
        Command::Rules => {
            print_rules();
            0
        }
        Command::Explain { rule } => explain(&rule),
    }
}

fn check(args: CheckArgs) -> i32 {
    if let Some(d) = &args.as_of {
        if !valid_date(d) {
            eprintln!("tally: --as-of {d:?} is not a date of the form YYYY-MM-DD");
            return 2;
        }
    }
    for id in &args.enable {
        if rules::by_id(id).is_none() {
            eprintln!("tally: --enable {id:?}: no such rule");
            return 2;
        }
    }
    let kb = Knowledge::builtin();
    let settings = Settings {
        as_of: args.as_of.clone(),
        enable: args.enable.clone(),
    };
    let mut files = Vec::new();
    let mut reports: Vec<FileReport> = Vec::new();
    for e in walk::collect(&args.paths) {
        match e {
            Entry::File(p, shown) => files.push((p, shown)),
            Entry::Error(path, error) => reports.push(FileReport {
                path,
                source: None,
                findings: Vec::new(),
                error: Some(error),
            }),
        }
    }
    reports.extend(engine::check_paths(&files, &kb, &settings));
    reports.sort_by(|a, b| a.path.cmp(&b.path));

    let mut failed_files = 0;
    for r in &reports {
        if let Some(e) = &r.error {
            eprintln!("tally: {}: {e}", r.path);
            failed_files += 1;
        }
    }
    let stdout = std::io::stdout();
    let out = match args.format {
        Format::Json => report::json::render(&reports),
        Format::Human => {
            let color = report::human::use_color(stdout.is_terminal());
            let mut s = report::human::render(&reports, color);
            s.push_str(&report::summary(reports.len(), Tally::of(&reports)));
            s.push('\n');
            s
        }
    };
    let mut lock = stdout.lock();
    if lock
        .write_all(out.as_bytes())
        .and_then(|_| lock.flush())
        .is_err()
    {
        return 2;
    }
    if failed_files > 0 {
        return 2;
    }
    let hit = args.fail_on.threshold().is_some_and(|t| {
        reports
            .iter()
            .flat_map(|r| &r.findings)
            .any(|f| f.severity >= t)
    });
    i32::from(hit)
}

/// YYYY-MM-DD with a real month and day.
pub fn valid_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    if parts.len() != 3 || parts[0].len() != 4 || parts[1].len() != 2 || parts[2].len() != 2 {
        return false;
    }
    let (Ok(y), Ok(m), Ok(d)) = (
        parts[0].parse::<u32>(),
        parts[1].parse::<u32>(),
        parts[2].parse::<u32>(),
    ) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    (1..=12).contains(&m) && d >= 1 && d <= days[(m - 1) as usize]
}

fn print_rules() {
    for r in rules::all() {
        let m = r.meta();
        println!(
            "{:<18} {:<8} {:<9} {}",
            m.id,
            m.severity.as_str(),
            if m.fixable { "fixable" } else { "-" },
            m.summary
        );
    }
}

fn explain(id: &str) -> i32 {
    match rules::by_id(id) {
        Some(r) => {
            let m = r.meta();
            println!(
                "# {}\n\nDefault severity: {}. {}\n",
                m.id,
                m.severity.as_str(),
                m.summary
            );
            println!("{}", rules::doc_text(m));
            0
        }
        None => {
            let mut near: Vec<(usize, &str)> = rules::all()
                .iter()
                .map(|r| (edit_distance(id, r.meta().id), r.meta().id))
                .collect();
            near.sort();
            let names: Vec<&str> = near.iter().take(3).map(|(_, n)| *n).collect();
            eprintln!(
                "tally: no rule {id:?}; the nearest are: {}",
                names.join(", ")
            );
            2
        }
    }
}

/// Levenshtein distance, for "did you mean" suggestions on short ids.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}
