//! The command line: `tally check`, `tally rules`, `tally explain`.

use crate::config::{self, Config, FailOn, Problem, Resolver};
use crate::engine::{self, FileReport, Job, Settings};
use crate::finding::Severity;
use crate::fix;
use crate::knowledge::Knowledge;
use crate::report::{self, Tally};
use crate::rules;
use crate::source::Source;
use crate::walk::{self, Entry};
use clap::{Parser, Subcommand, ValueEnum};
use std::collections::HashMap;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

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
    /// List every rule: id, default severity, fixable or not, summary; user rules and style
    /// sets with the file or set they come from.
    Rules(RuleSource),
    /// Print a rule's documentation.
    Explain {
        /// The rule id, e.g. count-list.
        rule: String,
        #[command(flatten)]
        source: RuleSource,
    },
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Files and directories to check; `-` reads standard input.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Exit with 1 when a finding at or above this severity is reported [default: the
    /// config's fail-on, else warning].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Judge renamed States as of this date (YYYY-MM-DD) when a draft carries no date.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<String>,
    /// Turn on a check that is off by default (e.g. membership); may be repeated.
    #[arg(long, value_name = "RULE")]
    pub enable: Vec<String>,
    /// Use this config file for every draft instead of searching for tally.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// A folder of user data files (gazetteers, counted nouns, ...) added to every config's.
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
    /// The name to report and to find the config from when checking standard input (`-`).
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<PathBuf>,
    /// Apply safe fixes to the files, then report what remains.
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,
    /// Print safe fixes as a unified diff without writing; exit 1 when there is one.
    #[arg(long)]
    pub diff: bool,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Findings drawn with their source lines (miette).
    Human,
    /// One line per finding: path:line:col: severity [rule] message.
    Concise,
    /// The JSON contract (version 1).
    Json,
    /// SARIF 2.1.0.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
}

/// Where user rules come from for `tally rules` and `tally explain`: the config found from
/// the current folder, or the one named.
#[derive(clap::Args, Debug)]
pub struct RuleSource {
    /// Use this config instead of searching for tally.toml from the current folder.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// A folder of user rules and data files (may be repeated).
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
}

impl RuleSource {
    /// The pattern rules the config and folders switch on.
    fn knowledge(&self) -> Result<std::sync::Arc<Knowledge>, config::Problem> {
        let mut resolver = Resolver::new(self.config.as_deref(), &self.rules)?;
        let cfg = resolver.for_dir(std::path::Path::new("."))?;
        resolver.knowledge(&cfg)
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
        Command::Rules(source) => match source.knowledge() {
            Ok(kb) => {
                print_rules(&kb);
                0
            }
            Err(p) => problem(&p),
        },
        Command::Explain { rule, source } => match source.knowledge() {
            Ok(kb) => explain(&rule, &kb),
            Err(p) => problem(&p),
        },
    }
}

fn problem(p: &Problem) -> i32 {
    eprint!("{}", p.render(std::io::stderr().is_terminal()));
    2
}

/// A file to check and what its config says about failing.
struct Planned {
    job: Job,
    threshold: Option<Severity>,
}

fn check(args: CheckArgs) -> i32 {
    let started = Instant::now();
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
    // Never dropped: freeing the rule data piece by piece just before the process exits
    // would cost more time than checking a short draft.
    let mut resolver =
        std::mem::ManuallyDrop::new(match Resolver::new(args.config.as_deref(), &args.rules) {
            Ok(r) => r,
            Err(p) => return problem(&p),
        });
    resolver.prepare_rules = true;
    let stdin = args.paths.iter().any(|p| p.as_os_str() == "-");
    if stdin && args.paths.len() > 1 {
        eprintln!("tally: `-` (standard input) cannot be mixed with other paths");
        return 2;
    }
    if stdin && args.fix {
        eprintln!("tally: --fix cannot rewrite standard input; use --diff");
        return 2;
    }

    let mut first_problem: Option<Problem> = None;
    let mut settings_of: HashMap<usize, Arc<Settings>> = HashMap::new();
    let mut settings_for = |cfg: &Arc<Config>| -> Arc<Settings> {
        settings_of
            .entry(Arc::as_ptr(cfg) as usize)
            .or_insert_with(|| {
                Arc::new(Settings {
                    as_of: args.as_of.clone().or_else(|| cfg.as_of.clone()),
                    disabled: cfg.disabled.clone(),
                    select: cfg.select.clone(),
                    severity: cfg.severity.clone(),
                    enable: args.enable.clone(),
                })
            })
            .clone()
    };
    let threshold_for = |cfg: &Config| {
        args.fail_on
            .or(cfg.fail_on)
            .unwrap_or(config::FailOn::Warning)
            .threshold()
    };

    let mut reports: Vec<FileReport> = Vec::new();
    let mut thresholds: Vec<Option<Severity>> = Vec::new();
    let mut planned: Vec<Planned> = Vec::new();
    if stdin {
        let name = args
            .stdin_filename
            .clone()
            .unwrap_or_else(|| PathBuf::from("<stdin>"));
        let cfg = match &args.stdin_filename {
            Some(n) => resolver.for_file(n),
            None => resolver.for_dir(&config::absolute(Path::new("."))),
        };
        let cfg = match cfg {
            Ok(c) => c,
            Err(p) => return problem(&p),
        };
        let kb = match resolver.knowledge(&cfg) {
            Ok(k) => k,
            Err(p) => return problem(&p),
        };
        let mut bytes = Vec::new();
        if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
            eprintln!("tally: cannot read standard input: {e}");
            return 2;
        }
        let shown = name.to_string_lossy().into_owned();
        let settings = settings_for(&cfg);
        let report = match Source::decode(shown.clone(), bytes) {
            Ok(src) => engine::check_source(src, &kb, &settings),
            Err(e) => FileReport {
                path: shown.clone(),
                source: None,
                findings: Vec::new(),
                error: Some(e.to_string()),
            },
        };
        reports.push(report);
        thresholds.push(threshold_for(&cfg));
        planned.push(Planned {
            job: Job {
                path: name,
                display: shown,
                kb,
                settings,
            },
            threshold: threshold_for(&cfg),
        });
    } else {
        let entries = walk::collect_with(&args.paths, &mut |p: &Path| match resolver.for_file(p) {
            Ok(c) => c.walks(p),
            Err(e) => {
                first_problem.get_or_insert(e);
                false
            }
        });
        if let Some(p) = first_problem.take() {
            return problem(&p);
        }
        for e in entries {
            match e {
                Entry::File(p, shown) => {
                    let cfg = match resolver.for_file(&p) {
                        Ok(c) => c,
                        Err(pr) => return problem(&pr),
                    };
                    if cfg.excludes(&p) {
                        continue;
                    }
                    let kb = match resolver.knowledge(&cfg) {
                        Ok(k) => k,
                        Err(pr) => return problem(&pr),
                    };
                    planned.push(Planned {
                        job: Job {
                            path: p,
                            display: shown,
                            kb,
                            settings: settings_for(&cfg),
                        },
                        threshold: threshold_for(&cfg),
                    });
                }
                Entry::Error(path, error) => {
                    reports.push(FileReport {
                        path,
                        source: None,
                        findings: Vec::new(),
                        error: Some(error),
                    });
                    thresholds.push(None);
                }
            }
        }
        let jobs: Vec<Job> = planned
            .iter()
            .map(|p| Job {
                path: p.job.path.clone(),
                display: p.job.display.clone(),
                kb: p.job.kb.clone(),
                settings: p.job.settings.clone(),
            })
            .collect();
        // Error entries come first in `reports`; the checked files follow in job order, so
        // `planned[i]` belongs to the i-th of the last `planned.len()` reports.
        reports.extend(with_progress(&jobs));
        thresholds.extend(planned.iter().map(|p| p.threshold));
    }
    for note in &resolver.notes {
        eprintln!("tally: warning: {note}");
    }

    // Fixes: `planned` lines up with the checked reports, which are the last ones.
    let first_checked = reports.len() - planned.len();
    let mut diffs = String::new();
    let mut fixed_total = 0;
    let mut fixed_files = 0;
    if args.fix || args.diff {
        for (i, plan) in planned.iter().enumerate() {
            let r = &mut reports[first_checked + i];
            let Some(src) = &r.source else { continue };
            let original = src.text.clone();
            let bom_len = src.bom_len;
            let mut text = original.clone();
            let mut findings = r.findings.clone();
            let mut fixed = 0;
            // A fix can uncover another: go round a few times, as ruff does.
            for _ in 0..8 {
                let (edits, n) = fix::safe_edits(&text, bom_len, &findings);
                if n == 0 {
                    break;
                }
                text = fix::apply(&text, &edits);
                fixed += n;
                findings = engine::check_source(
                    Source::from_string(r.path.clone(), text.clone()),
                    &plan.job.kb,
                    &plan.job.settings,
                )
                .findings;
            }
            if fixed == 0 {
                continue;
            }
            if args.diff {
                diffs.push_str(&fix::diff(&r.path, &original, &text));
            } else if let Err(e) = fix::write_atomic(&plan.job.path, text.as_bytes()) {
                r.error = Some(format!("cannot write the fixes: {e}"));
                continue;
            } else {
                r.findings = findings;
                r.source = Some(Source::from_string(r.path.clone(), text));
            }
            fixed_total += fixed;
            fixed_files += 1;
        }
    }

    let mut order: Vec<usize> = (0..reports.len()).collect();
    order.sort_by(|&a, &b| reports[a].path.cmp(&reports[b].path));
    let hit = order.iter().any(|&i| {
        thresholds[i].is_some_and(|t| reports[i].findings.iter().any(|f| f.severity >= t))
    });
    let mut slots: Vec<Option<FileReport>> = reports.into_iter().map(Some).collect();
    let reports: Vec<FileReport> = order.iter().filter_map(|&i| slots[i].take()).collect();

    let mut failed_files = 0;
    for r in &reports {
        if let Some(e) = &r.error {
            eprintln!("tally: {}: {e}", r.path);
            failed_files += 1;
        }
    }
    let stdout = std::io::stdout();
    let stderr_tty = std::io::stderr().is_terminal();
    let tally = Tally::of(&reports);
    let out = if args.diff {
        diffs.clone()
    } else {
        match args.format {
            Format::Json => report::json::render(&reports),
            Format::Concise => report::concise::render(&reports),
            Format::Sarif => report::sarif::render(&reports),
            Format::Github => report::github::render(&reports),
            Format::Human => {
                let color = report::human::use_color(stdout.is_terminal());
                let mut s = report::human::render(&reports, color);
                if !stderr_tty {
                    s.push_str(&report::summary(reports.len(), tally));
                    s.push('\n');
                }
                s
            }
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
    if args.fix && fixed_total > 0 {
        eprintln!(
            "tally: fixed {fixed_total} finding{} in {fixed_files} file{}",
            if fixed_total == 1 { "" } else { "s" },
            if fixed_files == 1 { "" } else { "s" }
        );
    }
    if stderr_tty {
        eprintln!(
            "{} in {:.2}s",
            report::summary(reports.len(), tally),
            started.elapsed().as_secs_f64()
        );
    }
    if failed_files > 0 {
        return 2;
    }
    if args.diff {
        return i32::from(!diffs.is_empty());
    }
    i32::from(hit)
}

/// Checks the jobs; on a terminal, a run that takes over a second shows its progress on
/// stderr, erased when done.
fn with_progress(jobs: &[Job]) -> Vec<FileReport> {
    let done = AtomicUsize::new(0);
    let finished = AtomicBool::new(false);
    if !std::io::stderr().is_terminal() || jobs.len() < 2 {
        return engine::check_jobs(jobs, &done);
    }
    std::thread::scope(|s| {
        s.spawn(|| {
            let start = Instant::now();
            let mut shown = false;
            let mut last = usize::MAX;
            while !finished.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(50));
                let n = done.load(Ordering::Relaxed);
                if start.elapsed() < Duration::from_secs(1) || n == last {
                    continue;
                }
                last = n;
                let width = 30;
                let filled = n * width / jobs.len().max(1);
                eprint!(
                    "\r[{}{}] {n}/{} files",
                    "#".repeat(filled),
                    "-".repeat(width - filled),
                    jobs.len()
                );
                shown = true;
            }
            if shown {
                eprint!("\r\x1b[2K");
            }
        });
        let reports = engine::check_jobs(jobs, &done);
        finished.store(true, Ordering::Relaxed);
        reports
    })
}

/// YYYY-MM-DD with a real month and day.
pub fn valid_date(s: &str) -> bool {
    s.len() == 10 && crate::extract::draft_date::parse_iso(s).is_some()
}

fn print_rules(kb: &Knowledge) {
    println!("{:<26} {:<8} {:<9} SUMMARY", "RULE", "SEVERITY", "FIXABLE");
    for r in rules::all() {
        let m = r.meta();
        println!(
            "{:<26} {:<8} {:<9} {}",
            m.id,
            m.severity.as_str(),
            if m.fixable { "fixable" } else { "-" },
            m.summary
        );
    }
    let mut listed = std::collections::HashSet::new();
    for p in &kb.patterns {
        listed.insert(p.id);
        println!(
            "{:<26} {:<8} {:<9} {} (from {})",
            p.id,
            p.severity.as_str(),
            if p.fixable() { "fixable" } else { "-" },
            p.summary,
            p.origin
        );
    }
    // Style sets that the config does not switch on, so that users can find them.
    for (set, _) in crate::knowledge::STYLES {
        let Ok(k) = Knowledge::load_with_styles(&[], &[set.to_string()]) else {
            continue;
        };
        for p in k.patterns.iter().filter(|p| !listed.contains(p.id)) {
            println!(
                "{:<26} {:<8} {:<9} {} (style set {set}, off: styles = [\"{set}\"])",
                p.id,
                p.severity.as_str(),
                if p.fixable() { "fixable" } else { "-" },
                p.summary
            );
        }
    }
}

fn explain(id: &str, kb: &Knowledge) -> i32 {
    if let Some(r) = rules::by_id(id) {
        let m = r.meta();
        println!(
            "# {}\n\nDefault severity: {}. {}\n",
            m.id,
            m.severity.as_str(),
            m.summary
        );
        println!("{}", rules::doc_text(m));
        return 0;
    }
    // A user rule, or a rule of a style set whether or not it is switched on.
    let styled: Vec<Knowledge> = crate::knowledge::STYLES
        .iter()
        .filter_map(|(set, _)| Knowledge::load_with_styles(&[], &[set.to_string()]).ok())
        .collect();
    let patterns: Vec<&crate::patterns::PatternRule> = kb
        .patterns
        .iter()
        .chain(styled.iter().flat_map(|k| k.patterns.iter()))
        .collect();
    if let Some(p) = patterns.iter().find(|p| p.id == id) {
        println!(
            "# {}\n\nDefault severity: {}. {} (from {})\n",
            p.id,
            p.severity.as_str(),
            p.summary,
            p.origin
        );
        if p.doc.is_empty() {
            println!("{}", p.message);
        } else {
            println!("{}", p.doc.trim_end());
        }
        return 0;
    }
    let mut near: Vec<(usize, &str)> = rules::all()
        .iter()
        .map(|r| r.meta().id)
        .chain(patterns.iter().map(|p| p.id))
        .map(|n| (edit_distance(id, n), n))
        .collect();
    near.sort();
    let names: Vec<&str> = near.iter().take(3).map(|(_, n)| *n).collect();
    eprintln!(
        "tally: no rule {id:?}; the nearest are: {}",
        names.join(", ")
    );
    2
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
