//! `tally.toml` (or `.tally.toml`): which rules run, at what severity, on which files, with
//! which extra data.
//!
//! A file's configuration is the nearest `tally.toml` or `.tally.toml` in its folder or a
//! folder above it, stopping at the repository root (a folder holding `.git`); `--config FILE`
//! replaces the search. Every problem in a config file or a user data file is a [`Problem`]
//! that points at the bytes at fault, and the run stops with exit code 2.
//!
//! ```toml
//! select = ["count-list", "duplicate-item"]  # default: every rule
//! ignore = ["duplicate-item"]
//! rules = ["house-rules"]                    # user data folders, relative to this file
//! include = ["*.md", "drafts/**/*.txt"]      # files a folder walk picks up
//! exclude = ["archive/**"]
//! as-of = "2024-06-30"
//! fail-on = "warning"                        # error | warning | info | never
//! styles = ["un-style"]
//!
//! [rule.count-list]
//! severity = "error"                         # error | warning | info | off
//! ```

use crate::finding::Severity;
use crate::knowledge::{DataError, Knowledge};
use crate::rules;
use globset::{Glob, GlobSet, GlobSetBuilder};
use miette::{Diagnostic, LabeledSpan, NamedSource, SourceCode};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use toml::Spanned;

/// The file names searched for, in order of preference within one folder.
pub const FILE_NAMES: &[&str] = &["tally.toml", ".tally.toml"];

/// Style sets that `styles = [...]` may name. The sets themselves come with the house-style
/// issue; until then a known name is accepted and stored, an unknown one is an error.
pub const KNOWN_STYLES: &[&str] = &["un-style"];

/// A problem in a config or data file, with the span at fault: rendered by miette.
#[derive(Debug, Clone)]
pub struct Problem {
    pub message: String,
    pub span: Option<Range<usize>>,
    pub label: &'static str,
    pub help: Option<String>,
    /// The file's name and text.
    named: Arc<NamedSource<String>>,
}

impl Problem {
    pub fn new(
        file: impl Into<String>,
        text: impl Into<String>,
        message: impl Into<String>,
        span: Option<Range<usize>>,
    ) -> Problem {
        let named = Arc::new(NamedSource::new(file.into(), text.into()));
        Problem {
            message: message.into(),
            span,
            label: "here",
            help: None,
            named,
        }
    }

    /// The file the problem is in, as shown.
    pub fn file(&self) -> &str {
        self.named.name()
    }

    /// A problem with no file contents to show (a file that cannot be read).
    pub fn bare(file: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem::new(file, String::new(), message, None)
    }

    fn label(mut self, label: &'static str) -> Problem {
        self.label = label;
        self
    }

    fn help(mut self, help: impl Into<String>) -> Problem {
        self.help = Some(help.into());
        self
    }

    fn from_data(e: DataError, shown: &str) -> Problem {
        Problem::new(shown, e.source_text, e.message, e.span)
    }

    /// The problem as miette draws it, for stderr.
    pub fn render(&self, color: bool) -> String {
        let theme = if color {
            miette::GraphicalTheme::unicode()
        } else {
            miette::GraphicalTheme::unicode_nocolor()
        };
        let handler = miette::GraphicalReportHandler::new_themed(theme)
            .with_width(100)
            .with_links(false);
        let mut out = String::new();
        if handler.render_report(&mut out, self).is_err() || self.span.is_none() {
            out = format!("tally: {}: {}\n", self.file(), self.message);
            if let Some(h) = &self.help {
                out.push_str(&format!("  help: {h}\n"));
            }
        }
        out
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Problem {}

impl Diagnostic for Problem {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new("tally::config"))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn std::fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.span.as_ref().map(|_| &*self.named as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.span.clone()?;
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(Some(self.label.to_string()), span),
        )))
    }
}

/// `fail-on`: the lowest severity that makes a run exit with 1 (the config key and the
/// `--fail-on` flag alike).
#[derive(Copy, Clone, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    pub fn parse(s: &str) -> Option<FailOn> {
        Some(match s {
            "error" => FailOn::Error,
            "warning" => FailOn::Warning,
            "info" => FailOn::Info,
            "never" => FailOn::Never,
            _ => return None,
        })
    }

    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    select: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    #[serde(default)]
    rules: Vec<Spanned<String>>,
    include: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    as_of: Option<Spanned<String>>,
    fail_on: Option<Spanned<String>>,
    #[serde(default)]
    styles: Vec<Spanned<String>>,
    #[serde(default)]
    rule: BTreeMap<Spanned<String>, RawRule>,
}

/// `[rule.ID]`. No built-in rule takes options yet, so `severity` is the only key; a rule
/// that grows options adds them here, and any other key stays an error.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    severity: Option<Spanned<String>>,
}

/// Include or exclude globs, relative to the config's folder. A pattern without `/` matches
/// a file name anywhere below (as in `.gitignore`); one with `/` matches the relative path.
#[derive(Debug, Clone)]
pub struct Globs {
    names: GlobSet,
    paths: GlobSet,
}

impl Globs {
    fn build(
        patterns: &[Spanned<String>],
        file: &str,
        text: &str,
    ) -> Result<Option<Globs>, Problem> {
        if patterns.is_empty() {
            return Ok(None);
        }
        let mut names = GlobSetBuilder::new();
        let mut paths = GlobSetBuilder::new();
        for p in patterns {
            let pat = p.get_ref().trim_start_matches("./");
            let glob = globset::GlobBuilder::new(pat)
                .literal_separator(true)
                .build()
                .map_err(|e| {
                    Problem::new(
                        file,
                        text,
                        format!("bad glob: {}", e.kind()),
                        Some(p.span()),
                    )
                    .label("this glob")
                })?;
            if pat.contains('/') {
                paths.add(glob);
            } else {
                names.add(glob);
            }
        }
        let set = |b: GlobSetBuilder| b.build().unwrap_or_else(|_| GlobSet::empty());
        Ok(Some(Globs {
            names: set(names),
            paths: set(paths),
        }))
    }

    fn from_patterns(patterns: &[&str]) -> Globs {
        let mut names = GlobSetBuilder::new();
        for p in patterns {
            if let Ok(g) = Glob::new(p) {
                names.add(g);
            }
        }
        Globs {
            names: names.build().unwrap_or_else(|_| GlobSet::empty()),
            paths: GlobSet::empty(),
        }
    }

    pub fn is_match(&self, relative: &Path) -> bool {
        let name_hit = relative
            .file_name()
            .is_some_and(|n| self.names.is_match(Path::new(n)));
        name_hit || self.paths.is_match(relative)
    }
}

/// A resolved configuration: the defaults when no file was found.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file it came from, if any.
    pub path: Option<PathBuf>,
    /// The folder globs and rule folders are relative to.
    pub dir: PathBuf,
    /// Rules switched off by `select`, `ignore` or `severity = "off"`.
    pub disabled: HashSet<&'static str>,
    /// `select`: the only rules that run, user and style rules included.
    pub select: Option<HashSet<&'static str>>,
    /// Severity overrides by rule id.
    pub severity: HashMap<&'static str, Severity>,
    /// User rule folders, absolute.
    pub rule_dirs: Vec<PathBuf>,
    pub include: Option<Globs>,
    pub exclude: Option<Globs>,
    pub as_of: Option<String>,
    pub fail_on: Option<FailOn>,
    pub styles: Vec<String>,
}

impl Config {
    pub fn defaults(dir: PathBuf) -> Config {
        Config {
            path: None,
            dir,
            disabled: HashSet::new(),
            select: None,
            severity: HashMap::new(),
            rule_dirs: Vec::new(),
            include: None,
            exclude: None,
            as_of: None,
            fail_on: None,
            styles: Vec::new(),
        }
    }

    /// Reads and checks a config file.
    pub fn load(path: &Path) -> Result<Config, Problem> {
        let shown = shown_path(path);
        let text = std::fs::read_to_string(path)
            .map_err(|e| Problem::bare(&shown, crate::engine::io_reason(&e)))?;
        let dir = path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        Config::parse(&shown, &text, dir, Some(path.to_path_buf()))
    }

    /// Parses config text; `dir` is the folder relative paths start from.
    pub fn parse(
        shown: &str,
        text: &str,
        dir: PathBuf,
        path: Option<PathBuf>,
    ) -> Result<Config, Problem> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            Problem::new(shown, text, e.message().trim().to_string(), e.span())
                .help("the keys are select, ignore, rules, include, exclude, as-of, fail-on, styles and [rule.ID] tables with severity; see the README")
        })?;
        let problem = |msg: String, span: Range<usize>| Problem::new(shown, text, msg, Some(span));
        // Ids of pattern rules (a user's folders, a style set) are known only once their files
        // are read, after the config: with such rules in play, any kebab-case id is taken.
        let pattern_rules = !raw.rules.is_empty() || !raw.styles.is_empty();
        let rule_id = |s: &Spanned<String>| -> Result<&'static str, Problem> {
            let id = s.get_ref();
            if let Some(r) = rules::by_id(id) {
                return Ok(r.meta().id);
            }
            let kebab = !id.is_empty()
                && id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if pattern_rules && kebab {
                return Ok(Box::leak(id.clone().into_boxed_str()));
            }
            Err(problem(format!("no rule {id:?}"), s.span())
                .label("unknown rule id")
                .help(format!("the nearest are: {}", nearest_rules(id))))
        };
        let mut cfg = Config::defaults(dir.clone());
        cfg.path = path;
        if let Some(select) = &raw.select {
            let mut keep = HashSet::new();
            for s in select {
                keep.insert(rule_id(s)?);
            }
            for r in rules::all() {
                if !keep.contains(r.meta().id) {
                    cfg.disabled.insert(r.meta().id);
                }
            }
            cfg.select = Some(keep);
        }
        for s in &raw.ignore {
            cfg.disabled.insert(rule_id(s)?);
        }
        for (id, table) in &raw.rule {
            let id = rule_id(id)?;
            if let Some(sev) = &table.severity {
                match sev.get_ref().as_str() {
                    "off" => {
                        cfg.disabled.insert(id);
                    }
                    s => match Severity::parse(s) {
                        Some(v) => {
                            cfg.severity.insert(id, v);
                        }
                        None => {
                            return Err(problem(format!("bad severity {s:?}"), sev.span())
                                .label("expected error, warning, info or off"))
                        }
                    },
                }
            }
        }
        for r in &raw.rules {
            let d = dir.join(r.get_ref());
            if !d.is_dir() {
                return Err(problem(
                    format!("rule folder {} does not exist", d.display()),
                    r.span(),
                )
                .label("not a folder")
                .help("rule folders are relative to the config file"));
            }
            cfg.rule_dirs.push(d);
        }
        cfg.include = Globs::build(raw.include.as_deref().unwrap_or(&[]), shown, text)?;
        if raw.include.as_ref().is_some_and(|v| v.is_empty()) {
            return Err(problem(
                "include is empty: no file would be checked".to_string(),
                0..0,
            ));
        }
        cfg.exclude = Globs::build(&raw.exclude, shown, text)?;
        if let Some(d) = &raw.as_of {
            if !crate::cli::valid_date(d.get_ref()) {
                return Err(problem(format!("bad date {:?}", d.get_ref()), d.span())
                    .label("expected YYYY-MM-DD"));
            }
            cfg.as_of = Some(d.get_ref().clone());
        }
        if let Some(f) = &raw.fail_on {
            cfg.fail_on = Some(FailOn::parse(f.get_ref()).ok_or_else(|| {
                problem(format!("bad fail-on {:?}", f.get_ref()), f.span())
                    .label("expected error, warning, info or never")
            })?);
        }
        for s in &raw.styles {
            if !KNOWN_STYLES.contains(&s.get_ref().as_str()) {
                return Err(problem(format!("no style set {:?}", s.get_ref()), s.span())
                    .label("unknown style set")
                    .help(format!("known style sets: {}", KNOWN_STYLES.join(", "))));
            }
            cfg.styles.push(s.get_ref().clone());
        }
        Ok(cfg)
    }

    /// Whether a file found by walking a folder is checked: it matches `include` (default
    /// `*.md`, `*.markdown`) and not `exclude`.
    pub fn walks(&self, file: &Path) -> bool {
        let rel = self.relative(file);
        let included = match &self.include {
            Some(g) => g.is_match(&rel),
            None => default_include().is_match(&rel),
        };
        included && !self.excludes(file)
    }

    /// Whether `exclude` drops a file, even one named on the command line.
    pub fn excludes(&self, file: &Path) -> bool {
        self.exclude
            .as_ref()
            .is_some_and(|g| g.is_match(&self.relative(file)))
    }

    fn relative(&self, file: &Path) -> PathBuf {
        let abs = absolute(file);
        abs.strip_prefix(absolute(&self.dir))
            .map(Path::to_path_buf)
            .unwrap_or(abs)
    }
}

fn default_include() -> &'static Globs {
    static G: std::sync::OnceLock<Globs> = std::sync::OnceLock::new();
    G.get_or_init(|| Globs::from_patterns(&["*.md", "*.markdown", "*.MD", "*.Markdown"]))
}

/// Up to three rule ids close to `id`, for "did you mean".
pub fn nearest_rules(id: &str) -> String {
    let mut near: Vec<(usize, &str)> = rules::all()
        .iter()
        .map(|r| (crate::cli::edit_distance(id, r.meta().id), r.meta().id))
        .collect();
    near.sort();
    near.iter()
        .take(3)
        .map(|(_, n)| *n)
        .collect::<Vec<_>>()
        .join(", ")
}

/// A path as shown in messages: relative to the current folder when it is below it.
pub fn shown_path(p: &Path) -> String {
    std::env::current_dir()
        .ok()
        .and_then(|d| p.strip_prefix(d).ok().map(|r| r.display().to_string()))
        .unwrap_or_else(|| p.display().to_string())
}

pub fn absolute(p: &Path) -> PathBuf {
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(p))
            .unwrap_or_else(|_| p.to_path_buf())
    }
}

/// The nearest config file for something in `dir`: this folder, then its parents, up to and
/// including the first folder that holds `.git`.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    let dir = absolute(dir);
    for d in dir.ancestors() {
        for name in FILE_NAMES {
            let f = d.join(name);
            if f.is_file() {
                return Some(f);
            }
        }
        if d.join(".git").exists() {
            return None;
        }
    }
    None
}

/// Finds, loads and caches configs and the knowledge each one needs.
pub struct Resolver {
    /// `--config FILE`: used for every file.
    fixed: Option<Arc<Config>>,
    /// `--rules DIR`: added to every config's rule folders.
    extra_rules: Vec<PathBuf>,
    by_dir: HashMap<PathBuf, Arc<Config>>,
    by_file: HashMap<PathBuf, Arc<Config>>,
    knowledge: HashMap<(Vec<PathBuf>, Vec<String>), Arc<Knowledge>>,
    /// Notes for stderr (data files tally does not read).
    pub notes: Vec<String>,
    /// Prepare the rules of each knowledge loaded on a thread of their own (see
    /// [`crate::rules::prepare`]): set when drafts will be checked, not for `tally rules`.
    pub prepare_rules: bool,
}

impl Resolver {
    pub fn new(config: Option<&Path>, extra_rules: &[PathBuf]) -> Result<Resolver, Problem> {
        for d in extra_rules {
            if !d.is_dir() {
                return Err(Problem::bare(
                    d.display().to_string(),
                    "--rules: no such folder",
                ));
            }
        }
        let fixed = match config {
            Some(p) => Some(Arc::new(Config::load(p)?)),
            None => None,
        };
        Ok(Resolver {
            fixed,
            extra_rules: extra_rules.to_vec(),
            by_dir: HashMap::new(),
            by_file: HashMap::new(),
            knowledge: HashMap::new(),
            notes: Vec::new(),
            prepare_rules: false,
        })
    }

    /// The config for a file (or, for standard input, its `--stdin-filename`).
    pub fn for_file(&mut self, file: &Path) -> Result<Arc<Config>, Problem> {
        if let Some(c) = &self.fixed {
            return Ok(c.clone());
        }
        let dir = absolute(file)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        self.for_dir(&dir)
    }

    pub fn for_dir(&mut self, dir: &Path) -> Result<Arc<Config>, Problem> {
        if let Some(c) = &self.fixed {
            return Ok(c.clone());
        }
        if let Some(c) = self.by_dir.get(dir) {
            return Ok(c.clone());
        }
        let cfg = match discover(dir) {
            Some(f) => match self.by_file.get(&f) {
                Some(c) => c.clone(),
                None => {
                    let c = Arc::new(Config::load(&f)?);
                    self.by_file.insert(f, c.clone());
                    c
                }
            },
            None => Arc::new(Config::defaults(dir.to_path_buf())),
        };
        self.by_dir.insert(dir.to_path_buf(), cfg.clone());
        Ok(cfg)
    }

    /// The knowledge a config needs: the built-in data plus its rule folders and `--rules`.
    pub fn knowledge(&mut self, cfg: &Config) -> Result<Arc<Knowledge>, Problem> {
        let mut dirs = cfg.rule_dirs.clone();
        dirs.extend(self.extra_rules.iter().cloned());
        let key = (dirs.clone(), cfg.styles.clone());
        if let Some(k) = self.knowledge.get(&key) {
            return Ok(k.clone());
        }
        let kb = if dirs.is_empty() && cfg.styles.is_empty() {
            Knowledge::builtin()
        } else {
            let mut extra = Vec::new();
            let mut shown = Vec::new();
            for d in &dirs {
                for (rel, path) in data_files(d) {
                    let text = std::fs::read_to_string(&path).map_err(|e| {
                        Problem::bare(path.display().to_string(), crate::engine::io_reason(&e))
                    })?;
                    // A file that is not one of tally's data files is a pattern rule.
                    shown.push((rel.clone(), shown_path(&path)));
                    extra.push((rel, text));
                }
            }
            let mut kb = Knowledge::load_with_styles(&extra, &cfg.styles).map_err(|e| {
                let file = shown
                    .iter()
                    .find(|(rel, _)| *rel == e.file)
                    .map(|(_, p)| p.clone())
                    .unwrap_or_else(|| e.file.clone());
                Problem::from_data(e, &file)
            })?;
            // A user rule names the file it came from as the user sees it.
            for p in &mut kb.patterns {
                if let Some((_, shown)) = shown.iter().find(|(rel, _)| *rel == p.origin) {
                    p.origin = shown.clone();
                }
            }
            kb
        };
        let kb = Arc::new(kb);
        self.knowledge.insert(key, kb.clone());
        // Never freed: the rule data lives until the process exits, and freeing it piece by
        // piece just before that cost more time than checking a short draft.
        std::mem::forget(kb.clone());
        // With no rule folder, what the rules prepare is ready-made (the near-miss index
        // comes from the build), and a thread to fetch it cost more than it saved.
        if self.prepare_rules && !dirs.is_empty() {
            // The first draft's reading overlaps with this; a check that gets there first
            // waits for what it needs rather than building it twice.
            let kb = kb.clone();
            std::thread::spawn(move || crate::rules::prepare(&kb));
        }
        Ok(kb)
    }
}

/// Every `*.toml` below a rule folder, with its path relative to the folder ('/'-separated),
/// sorted so that loading order is stable.
fn data_files(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "toml") {
                if let Ok(rel) = p.strip_prefix(dir) {
                    let rel = rel
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy().into_owned())
                        .collect::<Vec<_>>()
                        .join("/");
                    out.push((rel, p));
                }
            }
        }
    }
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Problem> {
        Config::parse("tally.toml", text, PathBuf::from("."), None)
    }

    #[test]
    fn reads_every_key() {
        let c = parse(
            "select = [\"count-list\"]\nas-of = \"2024-06-30\"\nfail-on = \"error\"\nstyles = [\"un-style\"]\nexclude = [\"old/**\"]\n[rule.count-list]\nseverity = \"error\"\n",
        )
        .unwrap();
        assert!(c.disabled.contains("duplicate-item"));
        assert!(!c.disabled.contains("count-list"));
        assert_eq!(c.severity.get("count-list"), Some(&Severity::Error));
        assert_eq!(c.as_of.as_deref(), Some("2024-06-30"));
        assert_eq!(c.fail_on, Some(FailOn::Error));
        assert!(c.excludes(Path::new("old/a.md")));
        assert!(!c.excludes(Path::new("new/a.md")));
    }

    #[test]
    fn problems_point_at_the_bytes() {
        let text = "select = [\"count-lst\"]\n";
        let e = parse(text).unwrap_err();
        assert_eq!(&text[e.span.clone().unwrap()], "\"count-lst\"");
        assert!(e.help.unwrap().contains("count-list"));
        let text = "colour = 1\n";
        let e = parse(text).unwrap_err();
        assert!(e.message.contains("unknown field"), "{}", e.message);
        assert_eq!(&text[e.span.unwrap()], "colour");
        let text = "[rule.count-list]\nseverity = \"loud\"\n";
        let e = parse(text).unwrap_err();
        assert_eq!(&text[e.span.unwrap()], "\"loud\"");
        let text = "styles = [\"house\"]\n";
        assert!(parse(text).is_err());
        let text = "as-of = \"2024-02-30\"\n";
        assert!(parse(text).is_err());
    }
}
