//! The command line: `tally check`, `tally rules`, `tally explain`.

use crate::config::{self, Config, FailOn, Problem, Resolver};
use crate::engine::{self, FileReport, Job, Settings};
use crate::finding::Severity;
use crate::fix;
use crate::knowledge::Knowledge;
use crate::ordered;
use crate::report::{self, Tally};
use crate::rules;
use crate::source::Source;
use crate::walk::{self, Entry};
use clap::{Parser, Subcommand, ValueEnum};
use std::collections::HashMap;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
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
    if std::env::args_os().nth(1).is_some_and(|a| a == "check") {
        crate::knowledge::prefetch_builtin_states();
    }
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
    let mut resolver = match Resolver::new(args.config.as_deref(), &args.rules) {
        Ok(r) => r,
        Err(p) => return problem(&p),
    };
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

    let items = match plan(&args, stdin, resolver) {
        Ok(items) => items,
        Err(code) => return code,
    };

    // The order of the output is known before checking: by path (stably, so the same path
    // given twice keeps its walk order). Diffs alone keep the walk order, as they always have.
    let mut sorted: Vec<usize> = (0..items.len()).collect();
    sorted.sort_by(|&a, &b| items[a].display().cmp(items[b].display()));
    let order: Vec<usize> = if args.diff {
        (0..items.len()).collect()
    } else {
        sorted.clone()
    };
    let stdout = std::io::stdout();
    let stdout_tty = stdout.is_terminal();
    let stderr_tty = std::io::stderr().is_terminal();
    let format = match args.format {
        Format::Human => report::Format::Human {
            color: report::human::use_color(stdout_tty),
        },
        Format::Concise => report::Format::Concise,
        Format::Json => report::Format::Json,
        Format::Sarif => report::Format::Sarif,
        Format::Github => report::Format::Github,
    };
    let opts = Options {
        format,
        fix: args.fix,
        diff: args.diff,
    };
    let files = items.iter().filter(|i| matches!(i, Item::File(_))).count();
    let progress = (stderr_tty && files >= 2).then(|| Progress::new(files));

    let mut assembler = report::Assembler::new(format, items.len());
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut write_ok = true;
    if !args.diff {
        write_ok = out.write_all(assembler.head().as_bytes()).is_ok();
    }
    let mut tally = Tally::default();
    let mut hit = false;
    let mut any_diff = false;
    let mut failed_files = 0;
    let mut fixed_total = 0;
    let mut fixed_files = 0;
    // With --diff the errors are printed after the run, in path order like every other error.
    let mut late_errors: Vec<(usize, String)> = Vec::new();
    let rank: Vec<usize> = if args.diff {
        let mut rank = vec![0; items.len()];
        for (r, &i) in sorted.iter().enumerate() {
            rank[i] = r;
        }
        rank
    } else {
        Vec::new()
    };
    // A file named twice (or reached through a link) is fixed once: each later occurrence
    // waits until the one before it is written, then reads the fixed text, whatever the
    // threads.
    let mut earlier: Vec<Option<usize>> = vec![None; order.len()];
    if args.fix {
        let mut last: HashMap<PathBuf, usize> = HashMap::new();
        for (k, &i) in order.iter().enumerate() {
            if let Item::File(p) = &items[i] {
                if let Ok(real) = std::fs::canonicalize(&p.job.path) {
                    earlier[k] = last.insert(real, k);
                }
            }
        }
    }
    let gate = Gate::new(order.len());
    let threads = engine::threads();
    std::thread::scope(|scope| {
        if let Some(p) = &progress {
            scope.spawn(|| p.show());
        }
        // Stops the bar however the run ends, a panic included, so the scope can close.
        let _stop = progress.as_ref().map(Progress::stopper);
        ordered::run(
            order.len(),
            threads,
            threads * engine::WINDOW_PER_THREAD,
            |k| {
                let _open = args.fix.then(|| gate.opens(k));
                if let Some(j) = earlier[k] {
                    gate.wait(j);
                }
                let item = &items[order[k]];
                let outcome = process(item, &opts);
                if let (Some(p), Item::File(_)) = (&progress, item) {
                    p.done.fetch_add(1, Ordering::Relaxed);
                }
                outcome
            },
            |k, o| {
                let item = &items[order[k]];
                tally.add(&o.tally);
                hit |= o.hit;
                if o.fixed > 0 {
                    fixed_total += o.fixed;
                    fixed_files += 1;
                }
                if let Some(e) = &o.error {
                    failed_files += 1;
                    let line = format!("tally: {}: {e}", item.display());
                    if args.diff {
                        late_errors.push((rank[order[k]], line));
                    } else {
                        // Flushed first, so that a terminal shows them where they belong.
                        write_ok &= out.flush().is_ok();
                        let _bar = progress.as_ref().map(Progress::hide);
                        eprintln!("{line}");
                    }
                }
                any_diff |= args.diff && !o.fragment.is_empty();
                if write_ok {
                    let sep = assembler.separator(&o.fragment);
                    write_ok = if stdout_tty {
                        // Nothing may draw the progress bar into these lines.
                        let _bar = progress.as_ref().map(Progress::hide);
                        out.write_all(sep.as_bytes())
                            .and_then(|_| out.write_all(o.fragment.as_bytes()))
                            .and_then(|_| out.flush())
                            .is_ok()
                    } else {
                        out.write_all(sep.as_bytes())
                            .and_then(|_| out.write_all(o.fragment.as_bytes()))
                            .is_ok()
                    };
                }
                // A broken pipe ends the run, unless files are being fixed: every file
                // still gets its fixes.
                write_ok || args.fix
            },
        );
    });
    if !args.diff && write_ok {
        let mut end = assembler.tail();
        if matches!(args.format, Format::Human) && !stderr_tty {
            end.push_str(&report::summary(items.len(), tally));
            end.push('\n');
        }
        write_ok = out.write_all(end.as_bytes()).is_ok();
    }
    if !(write_ok && out.flush().is_ok()) {
        return 2;
    }
    drop(out);
    late_errors.sort();
    for (_, line) in &late_errors {
        eprintln!("{line}");
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
            report::summary(items.len(), tally),
            started.elapsed().as_secs_f64()
        );
    }
    if failed_files > 0 {
        return 2;
    }
    if args.diff {
        return i32::from(any_diff);
    }
    i32::from(hit)
}

/// What a check run will do, in walk order: the walk's errors first, then each file (or
/// standard input) with its rule data and settings. Err: the exit code of a problem already
/// reported.
fn plan(args: &CheckArgs, stdin: bool, mut resolver: Resolver) -> Result<Vec<Item>, i32> {
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
                    rule_threads: 1,
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

    // Walk errors first, then the files in walk order: the order the output is sorted from.
    let mut items: Vec<Item> = Vec::new();
    let mut planned: Vec<Item> = Vec::new();
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
            Err(p) => return Err(problem(&p)),
        };
        let kb = match resolver.knowledge(&cfg) {
            Ok(k) => k,
            Err(p) => return Err(problem(&p)),
        };
        let mut bytes = Vec::new();
        if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
            eprintln!("tally: cannot read standard input: {e}");
            return Err(2);
        }
        let shown = name.to_string_lossy().into_owned();
        planned.push(Item::Stdin(
            Planned {
                job: Job {
                    path: name,
                    display: shown,
                    kb,
                    settings: settings_for(&cfg),
                },
                threshold: threshold_for(&cfg),
            },
            Mutex::new(Some(bytes)),
        ));
    } else {
        let entries = walk::collect_with(&args.paths, &mut |p: &Path| match resolver.for_file(p) {
            Ok(c) => c.walks(p),
            Err(e) => {
                first_problem.get_or_insert(e);
                false
            }
        });
        if let Some(p) = first_problem.take() {
            return Err(problem(&p));
        }
        for e in entries {
            match e {
                Entry::File(p, shown) => {
                    let cfg = match resolver.for_file(&p) {
                        Ok(c) => c,
                        Err(pr) => return Err(problem(&pr)),
                    };
                    if cfg.excludes(&p) {
                        continue;
                    }
                    let kb = match resolver.knowledge(&cfg) {
                        Ok(k) => k,
                        Err(pr) => return Err(problem(&pr)),
                    };
                    planned.push(Item::File(Planned {
                        job: Job {
                            path: p,
                            display: shown,
                            kb,
                            settings: settings_for(&cfg),
                        },
                        threshold: threshold_for(&cfg),
                    }));
                }
                Entry::Error(path, error) => items.push(Item::Failed(path, error)),
            }
        }
    }
    // One draft (a hook's usual run) leaves the other cores idle: its rules share them.
    if let [Item::File(plan) | Item::Stdin(plan, _)] = planned.as_mut_slice() {
        Arc::make_mut(&mut plan.job.settings).rule_threads = engine::threads();
    }
    items.extend(planned);
    for note in &resolver.notes {
        eprintln!("tally: warning: {note}");
    }
    Ok(items)
}

/// What a run checks, each with its place in the output.
enum Item {
    /// A file found by the walk or named on the command line.
    File(Planned),
    /// Standard input, read before the run; taken by the worker that checks it.
    Stdin(Planned, Mutex<Option<Vec<u8>>>),
    /// A path the walk could not use, and why.
    Failed(String, String),
}

impl Item {
    fn display(&self) -> &str {
        match self {
            Item::File(p) | Item::Stdin(p, _) => &p.job.display,
            Item::Failed(path, _) => path,
        }
    }
}

struct Options {
    format: report::Format,
    fix: bool,
    diff: bool,
}

/// What one file gives the writer once its source is dropped: its piece of the output and
/// what the summary and the exit code need.
#[derive(Default)]
struct Outcome {
    /// The file's output fragment, or its diff with --diff.
    fragment: String,
    tally: Tally,
    error: Option<String>,
    /// A finding at or above the file's fail-on threshold.
    hit: bool,
    /// Findings fixed (or shown as a diff).
    fixed: usize,
}

/// Checks one item, applies or diffs its safe fixes, and renders it; runs on a worker.
fn process(item: &Item, opts: &Options) -> Outcome {
    let (report, plan) = match item {
        Item::Failed(_, error) => {
            return Outcome {
                error: Some(error.clone()),
                ..Outcome::default()
            }
        }
        Item::File(plan) => {
            let j = &plan.job;
            let report = engine::check_path(&j.path, j.display.clone(), &j.kb, &j.settings);
            (report, plan)
        }
        Item::Stdin(plan, bytes) => {
            let bytes = bytes
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .take()
                .unwrap_or_default();
            let j = &plan.job;
            let report = match Source::decode(j.display.clone(), bytes) {
                Ok(src) => engine::check_source(src, &j.kb, &j.settings),
                Err(e) => FileReport {
                    path: j.display.clone(),
                    source: None,
                    findings: Vec::new(),
                    error: Some(e.to_string()),
                },
            };
            (report, plan)
        }
    };
    finish(report, plan, opts)
}

fn finish(mut r: FileReport, plan: &Planned, opts: &Options) -> Outcome {
    let mut fragment = String::new();
    let mut fixed = 0;
    if let (true, Some(src)) = (opts.fix || opts.diff, &r.source) {
        let bom_len = src.bom_len;
        let mut text = src.text.clone();
        let mut findings = r.findings.clone();
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
        if fixed > 0 {
            if opts.diff {
                fragment = fix::diff(&r.path, &src.text, &text);
            } else if let Err(e) = fix::write_atomic(&plan.job.path, text.as_bytes()) {
                r.error = Some(format!("cannot write the fixes: {e}"));
                fixed = 0;
            } else {
                r.findings = findings;
                r.source = Some(Source::from_string(r.path.clone(), text));
            }
        }
    }
    if let (false, Some(src)) = (opts.diff, &r.source) {
        let threads = plan.job.settings.rule_threads;
        fragment = opts.format.fragment_on(&r.path, src, &r.findings, threads);
    }
    Outcome {
        fragment,
        tally: Tally::of_findings(&r.findings),
        error: r.error,
        hit: plan
            .threshold
            .is_some_and(|t| r.findings.iter().any(|f| f.severity >= t)),
        fixed,
    }
}

/// Which items are done: for an item that must wait for an earlier one. Items are taken in
/// order, so the earlier one is already under way and waiting cannot deadlock.
struct Gate {
    done: Mutex<Vec<bool>>,
    changed: std::sync::Condvar,
}

/// Marks its item done when dropped, also when the worker unwinds, so no one waits forever.
struct Opens<'a>(&'a Gate, usize);

impl Drop for Opens<'_> {
    fn drop(&mut self) {
        self.0.lock()[self.1] = true;
        self.0.changed.notify_all();
    }
}

impl Gate {
    fn new(n: usize) -> Gate {
        Gate {
            done: Mutex::new(vec![false; n]),
            changed: std::sync::Condvar::new(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<bool>> {
        self.done
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn opens(&self, k: usize) -> Opens<'_> {
        Opens(self, k)
    }

    fn wait(&self, k: usize) {
        let mut done = self.lock();
        while !done[k] {
            done = self
                .changed
                .wait(done)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
    }
}

/// A progress bar on stderr (a terminal) for runs that take over a second, erased when
/// done. Lines written to the terminal meanwhile take the bar away first ([`Progress::hide`]);
/// it comes back on the next tick.
struct Progress {
    total: usize,
    done: AtomicUsize,
    finished: AtomicBool,
    /// Whether the bar is on the screen; held while other output is written.
    drawn: Mutex<bool>,
}

impl Progress {
    fn new(total: usize) -> Progress {
        Progress {
            total,
            done: AtomicUsize::new(0),
            finished: AtomicBool::new(false),
            drawn: Mutex::new(false),
        }
    }

    /// Ends [`Progress::show`] when dropped.
    fn stopper(&self) -> impl Drop + '_ {
        struct Stop<'a>(&'a AtomicBool);
        impl Drop for Stop<'_> {
            fn drop(&mut self) {
                self.0.store(true, Ordering::Relaxed);
            }
        }
        Stop(&self.finished)
    }

    /// Erases the bar and keeps it away while the guard lives.
    fn hide(&self) -> std::sync::MutexGuard<'_, bool> {
        let mut drawn = self
            .drawn
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if *drawn {
            eprint!("\r\x1b[2K");
            *drawn = false;
        }
        drawn
    }

    fn show(&self) {
        let start = Instant::now();
        let mut last = usize::MAX;
        while !self.finished.load(Ordering::Relaxed) {
            std::thread::sleep(Duration::from_millis(50));
            let n = self.done.load(Ordering::Relaxed);
            if start.elapsed() < Duration::from_secs(1) {
                continue;
            }
            let mut drawn = self
                .drawn
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if n == last && *drawn {
                continue;
            }
            last = n;
            let width = 30;
            let filled = n * width / self.total.max(1);
            eprint!(
                "\r[{}{}] {n}/{} files",
                "#".repeat(filled),
                "-".repeat(width - filled),
                self.total
            );
            *drawn = true;
        }
        drop(self.hide());
    }
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
