//! Accuracy you can see: precision and recall on annotated drafts, and a mutation harness.
//!
//! `cargo run --release --example eval` prints both tables; `tests/eval_floors.rs` holds
//! the floors. Rules are measured only once they are registered (`rules::by_id`), so the
//! numbers grow as rules land, with no change here.
//!
//! The mutation harness starts from the corpus drafts as they are: whatever tally reports on
//! a draft before the edit is the baseline, and only findings that the edit adds count. Each
//! kind of mutation injects one known error at a place chosen with a fixed seed and is
//! detected when a new finding of its rule starts within one line of the edit (or of the
//! claim it breaks). New warnings and errors anywhere else are false findings. Targets come
//! from tally's own counts and lists where those exist, and from plain regular expressions
//! on the text for quantities and dates, checked arithmetically, so that the harness does
//! not depend on how the rules under test read them.

use crate::engine::{run_rules, Settings};
use crate::expect::{self, Expectations};
use crate::extract::lists::Intro;
use crate::extract::numbers::{spell, Written};
use crate::extract::Document;
use crate::finding::{Finding, Severity};
use crate::knowledge::{EntityKind, Form, Knowledge};
use crate::markdown::BlockKind;
use crate::source::Source;
use regex::Regex;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;

/// An annotated draft.
pub struct Draft {
    pub name: String,
    pub text: String,
    pub exp: Expectations,
}

/// Every `NAME.md` with a `NAME.expected.toml` beside it in `dir`, sorted by name.
pub fn load_dir(dir: &Path) -> Result<Vec<Draft>, String> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for md in paths {
        let sidecar = md.with_extension("expected.toml");
        let Ok(toml) = std::fs::read_to_string(&sidecar) else {
            continue;
        };
        let exp = expect::parse(&toml).map_err(|e| format!("{}: {e}", sidecar.display()))?;
        let text = read_text(&md)?;
        let name = md.file_name().unwrap().to_string_lossy().into_owned();
        out.push(Draft { name, text, exp });
    }
    Ok(out)
}

/// The seed folder: one draft and an `expected.toml`. `None` when the folder is absent.
pub fn load_seed(dir: &Path) -> Result<Option<Vec<Draft>>, String> {
    let sidecar = dir.join("expected.toml");
    let Ok(toml) = std::fs::read_to_string(&sidecar) else {
        return Ok(None);
    };
    let exp = expect::parse(&toml).map_err(|e| format!("{}: {e}", sidecar.display()))?;
    let mut drafts: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "txt" || e == "md"))
        .collect();
    drafts.sort();
    match drafts.as_slice() {
        [one] => Ok(Some(vec![Draft {
            name: one.file_name().unwrap().to_string_lossy().into_owned(),
            text: read_text(one)?,
            exp,
        }])),
        _ => Err(format!(
            "{}: expected one draft beside expected.toml, found {}",
            dir.display(),
            drafts.len()
        )),
    }
}

fn read_text(p: &Path) -> Result<String, String> {
    let bytes = std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()))?;
    Source::decode(p.display().to_string(), bytes)
        .map(|s| s.text)
        .map_err(|e| format!("{}: {e}", p.display()))
}

/// The seed folder beside the project (`../shared/seed`), or beside the folder of
/// worktrees that hold it.
pub fn find_seed(root: &Path) -> Option<std::path::PathBuf> {
    ["../shared/seed", "../../shared/seed"]
        .iter()
        .map(|p| root.join(p))
        .find(|p| p.join("expected.toml").is_file())
}

/// The seed the evaluation and the floors use.
pub const DEFAULT_SEED: u64 = 0x7a11_e7a1;

pub fn implemented(rule: &str) -> bool {
    crate::rules::by_id(rule).is_some()
}

/// A draft read and checked once.
struct Checked {
    doc: Document,
    findings: Vec<Finding>,
}

fn check(name: &str, text: &str, kb: &Knowledge) -> Checked {
    let doc = Document::build(Source::from_string(name, text.to_string()), kb);
    let findings = run_rules(&doc, kb, &Settings::default());
    Checked { doc, findings }
}

// ---------------------------------------------------------------------------------------
// The annotated drafts
// ---------------------------------------------------------------------------------------

#[derive(Debug, Default, Clone, Copy)]
pub struct RuleRow {
    pub expected: usize,
    pub found: usize,
    pub missed: usize,
    pub false_findings: usize,
}

#[derive(Debug, Default)]
pub struct CorpusEval {
    pub drafts: usize,
    /// Implemented rules.
    pub rows: BTreeMap<String, RuleRow>,
    /// Rules the annotations name that are not implemented: how many expectations wait.
    pub not_implemented: BTreeMap<String, usize>,
    /// Failed expectations and unexpected findings, "draft: what".
    pub problems: Vec<String>,
}

impl CorpusEval {
    /// Warnings and errors no expectation explains, plus findings on quiet lines.
    pub fn false_findings(&self) -> usize {
        self.rows.values().map(|r| r.false_findings).sum()
    }
}

pub fn evaluate(drafts: &[Draft], kb: &Knowledge) -> CorpusEval {
    let mut ev = CorpusEval {
        drafts: drafts.len(),
        ..Default::default()
    };
    for r in crate::rules::all() {
        ev.rows.insert(r.meta().id.to_string(), RuleRow::default());
    }
    for d in drafts {
        let c = check(&d.name, &d.text, kb);
        let out = expect::compare(&d.exp, &c.doc.source, &c.findings, &implemented);
        for (rule, [e, f, m, x]) in out.per_rule {
            let row = ev.rows.entry(rule).or_default();
            row.expected += e;
            row.found += f;
            row.missed += m;
            row.false_findings += x;
        }
        for e in d.exp.expect.iter().filter(|e| !implemented(&e.rule)) {
            *ev.not_implemented.entry(e.rule.clone()).or_default() += 1;
        }
        for q in &d.exp.quiet {
            for r in q.rules.iter().filter(|r| !implemented(r)) {
                ev.not_implemented.entry(r.clone()).or_default();
            }
        }
        for p in out.failed.iter().chain(&out.unexpected) {
            ev.problems.push(format!("{}: {p}", d.name));
        }
    }
    ev
}

fn pct(num: usize, den: usize) -> String {
    if den == 0 {
        "-".to_string()
    } else {
        format!("{:.1}%", 100.0 * num as f64 / den as f64)
    }
}

/// The per-rule table, in a stable plain-text layout.
pub fn corpus_table(title: &str, ev: &CorpusEval) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{title}: {} drafts", ev.drafts);
    let _ = writeln!(
        s,
        "{:<18} {:>8} {:>6} {:>6} {:>6} {:>9} {:>7}",
        "rule", "expected", "found", "missed", "false", "precision", "recall"
    );
    let mut total = RuleRow::default();
    for (rule, r) in &ev.rows {
        let _ = writeln!(
            s,
            "{:<18} {:>8} {:>6} {:>6} {:>6} {:>9} {:>7}",
            rule,
            r.expected,
            r.found,
            r.missed,
            r.false_findings,
            pct(r.found, r.found + r.false_findings),
            pct(r.found, r.expected)
        );
        total.expected += r.expected;
        total.found += r.found;
        total.missed += r.missed;
        total.false_findings += r.false_findings;
    }
    let _ = writeln!(
        s,
        "{:<18} {:>8} {:>6} {:>6} {:>6} {:>9} {:>7}",
        "all implemented",
        total.expected,
        total.found,
        total.missed,
        total.false_findings,
        pct(total.found, total.found + total.false_findings),
        pct(total.found, total.expected)
    );
    for (rule, n) in &ev.not_implemented {
        let _ = writeln!(s, "{rule:<18} {n:>8}  not implemented");
    }
    s
}

// ---------------------------------------------------------------------------------------
// Mutations
// ---------------------------------------------------------------------------------------

/// splitmix64: tiny, fast and good enough to pick places; the same seed gives the same run.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

/// One injected error: source edits, and the places (original offsets) where the rule is
/// expected to report it.
#[derive(Debug, Clone)]
pub struct Mutation {
    pub edits: Vec<(Range<usize>, String)>,
    pub anchors: Vec<usize>,
    pub what: String,
}

type Generator = fn(&Checked, &Knowledge, &mut Rng) -> Vec<Mutation>;

/// A kind of injected error and the rule that must catch it.
pub struct Kind {
    pub id: &'static str,
    pub rule: &'static str,
    /// Other rules the error rightly sets off (a duplicated item also breaks its count):
    /// their new findings are neither hits nor false.
    pub also: &'static [&'static str],
    /// Minimum recall once the rule is implemented.
    pub floor: f64,
    generate: Generator,
}

pub const KINDS: &[Kind] = &[
    Kind {
        id: "count-word",
        rule: "count-list",
        also: &[],
        floor: 0.9,
        generate: gen_count_word,
    },
    Kind {
        id: "list-drop",
        rule: "count-list",
        also: &[],
        floor: 0.9,
        generate: gen_list_drop,
    },
    Kind {
        id: "list-add",
        rule: "count-list",
        also: &[],
        floor: 0.9,
        generate: gen_list_add,
    },
    Kind {
        id: "list-duplicate",
        rule: "duplicate-item",
        also: &["count-list", "total-parts"],
        floor: 0.8,
        generate: gen_list_duplicate,
    },
    Kind {
        id: "total-part",
        rule: "total-parts",
        // A part or total that a later percentage is computed from breaks that too.
        also: &["percent-of"],
        floor: 0.9,
        generate: gen_total_part,
    },
    Kind {
        id: "total-sum",
        rule: "total-parts",
        // A part or total that a later percentage is computed from breaks that too.
        also: &["percent-of"],
        floor: 0.9,
        generate: gen_total_sum,
    },
    Kind {
        id: "percent",
        rule: "percent-of",
        also: &[],
        floor: 0.8,
        generate: gen_percent,
    },
    Kind {
        id: "state-near-miss",
        rule: "name-variant",
        also: &["canonical-name"],
        floor: 0.8,
        generate: gen_near_miss,
    },
    Kind {
        id: "paragraph-skip",
        rule: "numbering",
        also: &["cross-ref", "split-paragraph"],
        floor: 0.8,
        generate: gen_paragraph_skip,
    },
    Kind {
        id: "impossible-date",
        rule: "date",
        also: &[],
        floor: 0.8,
        generate: gen_impossible_date,
    },
];

#[derive(Debug, Clone, Default)]
pub struct KindRow {
    pub kind: &'static str,
    pub rule: &'static str,
    pub implemented: bool,
    pub floor: f64,
    /// Distinct mutations available in the corpus.
    pub targets: usize,
    pub injected: usize,
    pub detected: usize,
    /// New warnings and errors that are not the injected error.
    pub false_findings: usize,
    /// "draft line N: what" for injected errors that were not detected.
    pub missed: Vec<String>,
    /// "draft line N: rule: message" for false findings.
    pub false_samples: Vec<String>,
}

impl KindRow {
    pub fn recall(&self) -> f64 {
        if self.injected == 0 {
            0.0
        } else {
            self.detected as f64 / self.injected as f64
        }
    }

    /// Whether the kind meets its floor; kinds whose rule is not implemented are not judged.
    pub fn meets_floor(&self) -> bool {
        !self.implemented || (self.injected > 0 && self.recall() >= self.floor)
    }
}

#[derive(Debug, Default)]
pub struct MutationEval {
    pub seed: u64,
    pub per_kind: usize,
    pub rows: Vec<KindRow>,
}

fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A finding's identity across an edit: its rule and where it starts (shifted past the
/// edit). Not its message or severity: a slip that makes a list item unknown changes the
/// wording of a count-list finding that was already there, and that is not a new finding.
type Key = (&'static str, usize);

/// Injects `per_kind` errors of every kind whose rule is implemented, each into a fresh copy
/// of one corpus draft. Each kind draws from its own stream, so adding a kind or a rule does
/// not move the others' samples.
pub fn mutate(drafts: &[Draft], kb: &Knowledge, per_kind: usize, seed: u64) -> MutationEval {
    let checked: Vec<Checked> = drafts.iter().map(|d| check(&d.name, &d.text, kb)).collect();
    let mut ev = MutationEval {
        seed,
        per_kind,
        rows: Vec::new(),
    };
    for kind in KINDS {
        let mut rng = Rng::new(seed ^ fnv(kind.id));
        let mut pool: Vec<(usize, Mutation)> = Vec::new();
        for (i, c) in checked.iter().enumerate() {
            for m in (kind.generate)(c, kb, &mut rng) {
                pool.push((i, m));
            }
        }
        let mut row = KindRow {
            kind: kind.id,
            rule: kind.rule,
            implemented: implemented(kind.rule),
            floor: kind.floor,
            targets: pool.len(),
            ..Default::default()
        };
        if row.implemented && !pool.is_empty() {
            // Without replacement while the pool lasts, so a small pool is covered evenly.
            let mut order: Vec<usize> = Vec::new();
            while order.len() < per_kind {
                let mut idx: Vec<usize> = (0..pool.len()).collect();
                for i in (1..idx.len()).rev() {
                    idx.swap(i, rng.below(i + 1));
                }
                order.extend(idx);
            }
            order.truncate(per_kind);
            for &pi in &order {
                let (di, m) = &pool[pi];
                run_one(kind, &drafts[*di].name, &checked[*di], m, kb, &mut row);
            }
        }
        ev.rows.push(row);
    }
    ev
}

/// Every mutation of one kind the corpus offers, each with its line as edited: for reading
/// what the harness does (`eval --show KIND`).
pub fn show_targets(drafts: &[Draft], kb: &Knowledge, kind: &str, seed: u64) -> Vec<String> {
    let Some(kind) = KINDS.iter().find(|k| k.id == kind) else {
        return vec![format!("no mutation kind {kind:?}")];
    };
    let mut rng = Rng::new(seed ^ fnv(kind.id));
    let mut out = Vec::new();
    for d in drafts {
        let c = check(&d.name, &d.text, kb);
        for m in (kind.generate)(&c, kb, &mut rng) {
            let (new_text, shift) = apply(&c.doc.source.text, &m);
            let at = shift(m.edits[0].0.start).min(new_text.len());
            let lr = line_range(&new_text, &(at..at));
            let line = new_text[..at].matches('\n').count() + 1;
            out.push(format!(
                "{} line {line}: {}\n    {}",
                d.name,
                m.what,
                new_text[lr].trim_end()
            ));
        }
    }
    out
}

/// The mutated text, and a map from original offsets to offsets in it.
fn apply<'m>(text: &str, m: &'m Mutation) -> (String, impl Fn(usize) -> usize + 'm) {
    let mut edits = m.edits.clone();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0.start));
    let mut new_text = text.to_string();
    for (r, s) in &edits {
        new_text.replace_range(r.clone(), s);
    }
    let shift = move |off: usize| -> usize {
        let mut out = off as isize;
        for (r, s) in &m.edits {
            if r.end <= off && !(r.is_empty() && r.start == off) {
                out += s.len() as isize - r.len() as isize;
            } else if r.start < off {
                return (r.start as isize + (out - off as isize)) as usize;
            }
        }
        out as usize
    };
    (new_text, shift)
}

fn run_one(
    kind: &Kind,
    name: &str,
    base: &Checked,
    m: &Mutation,
    kb: &Knowledge,
    row: &mut KindRow,
) {
    let (new_text, shift) = apply(&base.doc.source.text, m);
    let mutated = check(name, &new_text, kb);
    let lines: Vec<usize> = m
        .anchors
        .iter()
        .map(|&a| mutated.doc.source.line_col(shift(a).min(new_text.len())).0)
        .collect();
    let mut baseline: HashMap<Key, usize> = HashMap::new();
    for f in &base.findings {
        *baseline.entry((f.rule, shift(f.span.start))).or_default() += 1;
    }
    let mut hit = false;
    for f in &mutated.findings {
        let k: Key = (f.rule, f.span.start);
        if let Some(n) = baseline.get_mut(&k) {
            if *n > 0 {
                *n -= 1;
                continue;
            }
        }
        let line = mutated.doc.source.line_col(f.span.start).0;
        let near = lines.iter().any(|&l| l.abs_diff(line) <= 1);
        if f.rule == kind.rule && near {
            hit = true;
        } else if f.severity >= Severity::Warning && !kind.also.contains(&f.rule) {
            row.false_findings += 1;
            row.false_samples.push(format!(
                "{name} line {line}: {}: {} (after {})",
                f.rule, f.message, m.what
            ));
        }
    }
    row.injected += 1;
    if hit {
        row.detected += 1;
    } else {
        let line = lines.first().copied().unwrap_or(0);
        row.missed.push(format!("{name} line {line}: {}", m.what));
    }
}

pub fn mutation_table(ev: &MutationEval) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "mutations: seed {:#x}, {} per kind",
        ev.seed, ev.per_kind
    );
    let _ = writeln!(
        s,
        "{:<16} {:<15} {:>7} {:>8} {:>8} {:>7} {:>6} {:>6}  status",
        "kind", "rule", "targets", "injected", "detected", "recall", "false", "floor"
    );
    for r in &ev.rows {
        if !r.implemented {
            let _ = writeln!(
                s,
                "{:<16} {:<15} {:>7} {:>8} {:>8} {:>7} {:>6} {:>5.0}%  rule not implemented",
                r.kind,
                r.rule,
                r.targets,
                "-",
                "-",
                "-",
                "-",
                r.floor * 100.0
            );
            continue;
        }
        let status = if r.injected == 0 {
            "FAIL (no targets)"
        } else if r.meets_floor() {
            "ok"
        } else {
            "FAIL"
        };
        let _ = writeln!(
            s,
            "{:<16} {:<15} {:>7} {:>8} {:>8} {:>7} {:>6} {:>5.0}%  {status}",
            r.kind,
            r.rule,
            r.targets,
            r.injected,
            r.detected,
            pct(r.detected, r.injected),
            r.false_findings,
            r.floor * 100.0
        );
    }
    s
}

// ---------------------------------------------------------------------------------------
// Generators. Each lists every mutation of its kind it can make in one draft.
// ---------------------------------------------------------------------------------------

/// Counts bound to a closed list that agrees with them: the claims count-list reads.
fn agreeing_counts(
    c: &Checked,
) -> impl Iterator<Item = (&crate::extract::Count, &crate::extract::List)> {
    c.doc.counts.iter().filter_map(|n| {
        let l = &c.doc.lists[n.list?];
        let ok = !l.open && n.hedge.is_none() && !n.partitive && l.items.len() as u64 == n.value;
        ok.then_some((n, l))
    })
}

fn capitalise_like(word: String, like: &str) -> String {
    if like.chars().next().is_some_and(|c| c.is_uppercase()) {
        let mut ch = word.chars();
        match ch.next() {
            Some(f) => f.to_uppercase().collect::<String>() + ch.as_str(),
            None => word,
        }
    } else {
        word
    }
}

fn gen_count_word(c: &Checked, _: &Knowledge, _: &mut Rng) -> Vec<Mutation> {
    let text = &c.doc.source.text;
    let mut out = Vec::new();
    for (n, _) in agreeing_counts(c) {
        let said = &text[n.span.clone()];
        for new in [n.value + 1, n.value.saturating_sub(1)] {
            // "one States Parties" would not read as a count: keep the noun plural.
            if new < 2 || new == n.value {
                continue;
            }
            let word = match n.written() {
                Written::Digits => new.to_string(),
                Written::Words => capitalise_like(spell(new, Written::Words), said),
            };
            out.push(Mutation {
                edits: vec![(n.span.clone(), word.clone())],
                anchors: vec![n.span.start],
                what: format!("count \"{said}\" -> \"{word}\""),
            });
        }
    }
    out
}

fn line_range(text: &str, r: &Range<usize>) -> Range<usize> {
    let start = text[..r.start].rfind('\n').map_or(0, |p| p + 1);
    let end = text[r.end..]
        .find('\n')
        .map_or(text.len(), |p| r.end + p + 1);
    start..end
}

fn gen_list_drop(c: &Checked, _: &Knowledge, _: &mut Rng) -> Vec<Mutation> {
    let text = &c.doc.source.text;
    let mut out = Vec::new();
    for (n, l) in agreeing_counts(c) {
        let it = &l.items;
        let bullets = l.intro == Intro::Bullets;
        if it.len() < if bullets { 2 } else { 3 } {
            continue;
        }
        let last = it.len() - 1;
        for i in 0..it.len() {
            let name = &text[it[i].span.clone()];
            let edit = if bullets {
                (line_range(text, &it[i].span), String::new())
            } else if i + 1 < last {
                (it[i].span.start..it[i + 1].span.start, String::new())
            } else if i + 1 == last {
                (it[i - 1].span.end..it[i].span.end, String::new())
            } else {
                // Dropping the last name: the one before it takes the final "and".
                let sep = &text[it[i - 1].span.end..it[i].span.start];
                let prev = &text[it[i - 1].span.clone()];
                (it[i - 2].span.end..it[i].span.end, format!("{sep}{prev}"))
            };
            out.push(Mutation {
                edits: vec![edit],
                anchors: vec![n.span.start, it[i].span.start],
                what: format!("dropped \"{name}\" from a list of {}", it.len()),
            });
        }
    }
    out
}

fn bullet_prefix() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| Regex::new(r"^\s*(?:[-*+]|\d+[.)])\s+$").unwrap())
}

/// Where to insert one more item into a list, and the text that goes with `name`.
fn insertion(
    text: &str,
    l: &crate::extract::List,
    name: &str,
    rng: &mut Rng,
) -> Option<(usize, String)> {
    let it = &l.items;
    if l.intro == Intro::Bullets {
        let i = rng.below(it.len().saturating_sub(1).max(1));
        let lr = line_range(text, &it[i].span);
        let prefix = &text[lr.start..it[i].span.start];
        let suffix = text[it[i].span.end..lr.end].trim_end_matches('\n');
        if !bullet_prefix().is_match(prefix)
            || suffix.len() > 5
            || suffix
                .chars()
                .any(|c| c.is_alphanumeric() && !"and".contains(c))
        {
            return None;
        }
        return Some((lr.start, format!("{prefix}{name}{suffix}\n")));
    }
    if it.len() >= 3 {
        let i = 1 + rng.below(it.len() - 2);
        let sep = &text[it[0].span.end..it[1].span.start];
        if sep != ", " && sep != "; " {
            return None;
        }
        Some((it[i].span.start, format!("{name}{sep}")))
    } else {
        Some((it[0].span.start, format!("{name}, ")))
    }
}

fn gen_list_add(c: &Checked, kb: &Knowledge, rng: &mut Rng) -> Vec<Mutation> {
    let text = &c.doc.source.text;
    let states = kb.states();
    let members: Vec<usize> = (0..states.entities.len())
        .filter(|&e| states.entities[e].kind == EntityKind::Member)
        .collect();
    let mut out = Vec::new();
    for (n, l) in agreeing_counts(c) {
        let used: Vec<usize> = c
            .doc
            .mentions
            .iter()
            .filter(|m| m.unit == l.unit && m.gazetteer == 0)
            .map(|m| m.entity)
            .collect();
        for _ in 0..l.items.len() {
            let e = members[rng.below(members.len())];
            let name = &states.entities[e].name;
            if used.contains(&e) || states.lookup(name).is_none_or(|h| h.entity != e) {
                continue;
            }
            let Some((at, ins)) = insertion(text, l, name, rng) else {
                continue;
            };
            out.push(Mutation {
                edits: vec![(at..at, ins)],
                anchors: vec![n.span.start, at],
                what: format!("added \"{name}\" to a list of {}", l.items.len()),
            });
        }
    }
    out
}

fn gen_list_duplicate(c: &Checked, _: &Knowledge, rng: &mut Rng) -> Vec<Mutation> {
    let text = &c.doc.source.text;
    let mut out = Vec::new();
    for l in &c.doc.lists {
        let it = &l.items;
        let mut keys: Vec<&str> = it.iter().map(|i| i.key.as_str()).collect();
        keys.sort_unstable();
        keys.dedup();
        if it.len() < 2 || keys.len() != it.len() || it.iter().any(|i| i.entity.is_none()) {
            continue;
        }
        for j in 0..it.len() {
            let name = &text[it[j].span.clone()];
            let Some((at, ins)) = insertion(text, l, name, rng) else {
                continue;
            };
            out.push(Mutation {
                edits: vec![(at..at, ins)],
                anchors: vec![at, it[j].span.start],
                what: format!("repeated \"{name}\" in a list of {}", it.len()),
            });
        }
    }
    out
}

/// A figure written with digits in a prose unit.
#[derive(Debug, Clone)]
struct Figure {
    /// Source span of the digits.
    span: Range<usize>,
    /// Text range in the unit.
    range: Range<usize>,
    value: f64,
    decimals: usize,
    commas: bool,
    currency: Option<String>,
    scale: f64,
    sentence: usize,
    percent: bool,
}

fn figure_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(
            r"(?x)
            (?:(USD|EUR|CHF|GBP|US\$|\$|€|£)\s?)?
            \b(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\b
            (\s?(?:%|per\ cent|percent)\b|\s?%)?
            (?:\s(million|billion|thousand)\b)?",
        )
        .unwrap()
    })
}

use crate::extract::dates::MONTHS;

/// The figures of each prose unit, leaving out years, dates, ranges and numbered
/// references ("article 7"), which are not quantities.
fn figures(c: &Checked) -> Vec<Vec<Figure>> {
    let text = &c.doc.source.text;
    let mut out = Vec::new();
    for (u, unit) in c.doc.units.iter().enumerate() {
        let mut figs = Vec::new();
        if !matches!(unit.kind, BlockKind::Paragraph | BlockKind::ListItem) {
            out.push(figs);
            continue;
        }
        let t = &unit.text;
        let sents: Vec<&Range<usize>> = c
            .doc
            .sentences
            .iter()
            .filter(|s| s.unit == u)
            .map(|s| &s.range)
            .collect();
        for cap in figure_re().captures_iter(&t[unit.body_start..]) {
            let whole = cap.get(0).unwrap();
            let off = unit.body_start;
            let int = cap.get(2).unwrap();
            let digits = off + int.start()..off + cap.get(3).map_or(int.end(), |d| d.end());
            let before = &t[..off + whole.start()];
            let after = &t[off + whole.end()..];
            let raw = &t[digits.clone()];
            let value: f64 = raw.replace(',', "").parse().unwrap_or(f64::NAN);
            let currency = cap.get(1).map(|m| m.as_str().to_string());
            let year = currency.is_none() && raw.len() == 4 && (1900.0..=2100.0).contains(&value);
            let prev_word = before
                .trim_end()
                .rsplit(' ')
                .next()
                .unwrap_or("")
                .to_lowercase();
            let reference = [
                "article",
                "articles",
                "paragraph",
                "paragraphs",
                "decision",
                "item",
                "resolution",
                "section",
                "annex",
                "rule",
                "chapter",
                "footnote",
                "table",
                "figure",
                "no.",
            ]
            .contains(&prev_word.as_str());
            let date = MONTHS
                .iter()
                .any(|m| after.trim_start().starts_with(m) || before.trim_end().ends_with(m));
            let range_like = before.ends_with(['–', '-', '/'])
                || after.starts_with(['–', '-', '/'])
                || after.starts_with(" to ")
                    && after[4..].starts_with(|c: char| c.is_ascii_digit());
            if value.is_nan() || year || reference || date || range_like {
                continue;
            }
            let span = unit.span_of(digits.clone());
            // A footnote reference "[^3]" reads as its label.
            let footnote = text[..span.start].ends_with("[^");
            if footnote || text.get(span.clone()) != Some(raw) {
                continue;
            }
            let sentence = sents
                .iter()
                .position(|s| s.start <= digits.start && digits.end <= s.end)
                .unwrap_or(usize::MAX);
            figs.push(Figure {
                span,
                range: digits,
                value,
                decimals: cap.get(3).map_or(0, |d| d.len()),
                commas: raw.contains(','),
                currency,
                scale: match cap.get(5).map(|m| m.as_str()) {
                    Some("thousand") => 1e3,
                    Some("million") => 1e6,
                    Some("billion") => 1e9,
                    _ => 1.0,
                },
                sentence,
                percent: cap.get(4).is_some(),
            });
        }
        out.push(figs);
    }
    out
}

fn format_like(v: f64, f: &Figure) -> String {
    let s = format!("{:.*}", f.decimals, v);
    if !f.commas {
        return s;
    }
    let (int, frac) = s
        .split_once('.')
        .map_or((s.as_str(), None), |(a, b)| (a, Some(b)));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    match frac {
        Some(fr) => format!("{grouped}.{fr}"),
        None => grouped,
    }
}

const APPROX: &[&str] = &[
    "approximately",
    "about",
    "around",
    "some",
    "roughly",
    "almost",
    "nearly",
    "close to",
];
const BOUNDS: &[&str] = &[
    "over",
    "more than",
    "exceeded",
    "exceeding",
    "at least",
    "up to",
    "less than",
    "fewer than",
    "under",
    "below",
    "at most",
    "above",
    "nearly",
    "almost",
    "only",
];

/// The hedge word right before a figure: `Some(true)` approximate, `Some(false)` a bound.
fn hedge(unit_text: &str, f: &Figure) -> Option<bool> {
    let mut start = f.range.start;
    // Step back over a currency code.
    let before = unit_text[..start].trim_end();
    if let Some(cur) = ["USD", "EUR", "CHF", "GBP", "US$", "$", "€", "£"]
        .iter()
        .find(|c| before.ends_with(*c))
    {
        start = before.len() - cur.len();
    }
    let before = unit_text[..start].trim_end().to_lowercase();
    if BOUNDS.iter().any(|h| before.ends_with(h)) {
        return Some(false);
    }
    APPROX.iter().any(|h| before.ends_with(h)).then_some(true)
}

fn ulp(f: &Figure) -> f64 {
    10f64.powi(-(f.decimals as i32))
}

/// Stated totals with the parts that follow them: a figure, then every figure of the next
/// sentence that holds figures (its own or the one after), in the same unit and currency,
/// whose sum is the total within rounding. The sum is checked here, so a pair of unrelated
/// figures is not taken for a total.
fn totals(c: &Checked) -> Vec<(usize, Figure, Vec<Figure>, bool)> {
    let mut out = Vec::new();
    for (u, figs) in figures(c).into_iter().enumerate() {
        let figs: Vec<Figure> = figs.into_iter().filter(|f| !f.percent).collect();
        for t in 0..figs.len() {
            let total = &figs[t];
            let Some(next) = figs.get(t + 1) else {
                continue;
            };
            if next.sentence != total.sentence && next.sentence != total.sentence.wrapping_add(1) {
                continue;
            }
            let parts: Vec<Figure> = figs[t + 1..]
                .iter()
                .filter(|f| f.sentence == next.sentence)
                .cloned()
                .collect();
            if parts.len() < 2 || parts.iter().any(|p| p.currency != total.currency) {
                continue;
            }
            let h = hedge(&c.doc.units[u].text, total);
            if h == Some(false) {
                continue;
            }
            let sum: f64 = parts.iter().map(|p| p.value * p.scale).sum();
            let tv = total.value * total.scale;
            let tol = if h == Some(true) {
                0.05 * tv
            } else {
                0.5 * ulp(total) * total.scale
                    + parts.iter().map(|p| 0.5 * ulp(p) * p.scale).sum::<f64>()
            };
            if (sum - tv).abs() <= tol + 1e-9 * tv.max(1.0) {
                out.push((u, total.clone(), parts, h == Some(true)));
            }
        }
    }
    out
}

/// A change to `f` that no rounding explains: several units of the last digit when the
/// total is exact, and more than the rounding of the total and all its parts together
/// ("38.5" over four parts to one decimal may be off by 0.25), a quarter of the total when
/// it is hedged.
fn changed(
    f: &Figure,
    total: &Figure,
    parts: &[Figure],
    hedged: bool,
    k: usize,
    up: bool,
) -> Option<f64> {
    let d = if hedged {
        let d = 0.25 * total.value * total.scale / f.scale;
        (d / ulp(f)).ceil() * ulp(f)
    } else {
        let d = (k as f64) * (ulp(f) * f.scale).max(ulp(total) * total.scale) / f.scale;
        let tol = 0.5 * ulp(total) * total.scale
            + parts.iter().map(|p| 0.5 * ulp(p) * p.scale).sum::<f64>();
        let beyond = ((tol / f.scale / ulp(f) + 1e-9).floor() + 1.0) * ulp(f);
        d.max(beyond)
    };
    let v = if up { f.value + d } else { f.value - d };
    (v > 0.0).then_some(v)
}

fn gen_total_part(c: &Checked, _: &Knowledge, rng: &mut Rng) -> Vec<Mutation> {
    let mut out = Vec::new();
    for (_, total, parts, hedged) in totals(c) {
        for p in &parts {
            let k = 2 + rng.below(4);
            for up in [true, false] {
                let Some(v) = changed(p, &total, &parts, hedged, k, up) else {
                    continue;
                };
                let new = format_like(v, p);
                out.push(Mutation {
                    edits: vec![(p.span.clone(), new.clone())],
                    anchors: vec![p.span.start, total.span.start],
                    what: format!(
                        "part {} -> {new} of total {}",
                        &c.doc.source.text[p.span.clone()],
                        &c.doc.source.text[total.span.clone()]
                    ),
                });
            }
        }
    }
    out
}

fn gen_total_sum(c: &Checked, _: &Knowledge, rng: &mut Rng) -> Vec<Mutation> {
    let mut out = Vec::new();
    for (_, total, parts, hedged) in totals(c) {
        for k in [2 + rng.below(4), 2 + rng.below(4)] {
            for up in [true, false] {
                let Some(v) = changed(&total, &total, &parts, hedged, k, up) else {
                    continue;
                };
                let new = format_like(v, &total);
                out.push(Mutation {
                    edits: vec![(total.span.clone(), new.clone())],
                    anchors: vec![total.span.start, parts[0].span.start],
                    what: format!(
                        "total {} -> {new} ({} parts)",
                        &c.doc.source.text[total.span.clone()],
                        parts.len()
                    ),
                });
            }
        }
    }
    out
}

/// Percentages stated without a hedge that two whole numbers nearby (the same sentence or
/// the two before it) give: "31 of the 44 ..., 70 per cent".
fn gen_percent(c: &Checked, _: &Knowledge, rng: &mut Rng) -> Vec<Mutation> {
    let mut out = Vec::new();
    for (u, figs) in figures(c).into_iter().enumerate() {
        let unit_text = &c.doc.units[u].text;
        for p in figs.iter().filter(|f| f.percent) {
            if hedge(unit_text, p).is_some() {
                continue;
            }
            let near: Vec<f64> = figs
                .iter()
                .filter(|f| {
                    !f.percent
                        && f.decimals == 0
                        && f.currency.is_none()
                        && f.scale == 1.0
                        && f.sentence <= p.sentence
                        && f.sentence + 2 >= p.sentence
                })
                .map(|f| f.value)
                .collect();
            let gives = |pv: f64| {
                near.iter().any(|&n| {
                    near.iter()
                        .any(|&m| n < m && (100.0 * n / m - pv).abs() <= 0.5 * ulp(p) + 1e-9)
                })
            };
            if !gives(p.value) {
                continue;
            }
            for up in [true, false] {
                let k = 3 + rng.below(10);
                let v = if up {
                    p.value + k as f64
                } else {
                    p.value - k as f64
                };
                if v <= 0.0 || v >= 100.0 || gives(v) {
                    continue;
                }
                let new = format_like(v, p);
                out.push(Mutation {
                    edits: vec![(p.span.clone(), new.clone())],
                    anchors: vec![p.span.start],
                    what: format!("percentage {} -> {new}", &c.doc.source.text[p.span.clone()]),
                });
            }
        }
    }
    out
}

fn gen_near_miss(c: &Checked, kb: &Knowledge, _: &mut Rng) -> Vec<Mutation> {
    let text = &c.doc.source.text;
    let mut seen: HashMap<usize, usize> = HashMap::new();
    for m in c.doc.mentions.iter().filter(|m| m.gazetteer == 0) {
        *seen.entry(m.entity).or_default() += 1;
    }
    let mut out = Vec::new();
    for m in &c.doc.mentions {
        if m.gazetteer != 0 || m.form != Form::Name || seen[&m.entity] < 2 {
            continue;
        }
        let name = &text[m.span.clone()];
        let mut variants: Vec<String> = Vec::new();
        for word in [" of ", " and "] {
            if let Some(p) = name.find(word) {
                variants.push(format!("{}{}", &name[..p], &name[p + word.len() - 1..]));
            }
        }
        let letters: Vec<(usize, char)> = name.char_indices().collect();
        if letters.len() >= 5 {
            for w in letters.windows(3) {
                let (i, ch) = w[1];
                if ch.is_ascii_lowercase() && w[0].1.is_alphabetic() {
                    variants.push(format!("{}{}", &name[..i], &name[i + 1..]));
                }
            }
        }
        variants.dedup();
        for v in variants {
            if kb.gazetteers.iter().any(|g| !g.find(&v).is_empty()) {
                continue;
            }
            out.push(Mutation {
                edits: vec![(m.span.clone(), v.clone())],
                anchors: vec![m.span.start],
                what: format!("\"{name}\" -> \"{v}\""),
            });
        }
    }
    out
}

fn gen_paragraph_skip(c: &Checked, _: &Knowledge, _: &mut Rng) -> Vec<Mutation> {
    static R: OnceLock<Regex> = OnceLock::new();
    let re = R.get_or_init(|| Regex::new(r"(?m)^(\d{1,3})\.[ \t]").unwrap());
    let text = &c.doc.source.text;
    let nums: Vec<(Range<usize>, u64)> = re
        .captures_iter(text)
        .map(|cap| {
            let m = cap.get(1).unwrap();
            (m.range(), m.as_str().parse().unwrap())
        })
        .collect();
    let mut out = Vec::new();
    let mut run_start = 0;
    for i in 0..=nums.len() {
        let breaks = i == nums.len() || (i > 0 && nums[i].1 != nums[i - 1].1 + 1);
        if !breaks {
            continue;
        }
        // nums[run_start..i] is one run of consecutive numbers.
        for k in run_start + 1..i {
            out.push(Mutation {
                edits: nums[k..i]
                    .iter()
                    .map(|(r, n)| (r.clone(), (n + 1).to_string()))
                    .collect(),
                anchors: vec![nums[k].0.start],
                what: format!(
                    "paragraph {} renumbered {} (and on)",
                    nums[k].1,
                    nums[k].1 + 1
                ),
            });
        }
        run_start = i;
    }
    out
}

fn valid_date(day: u32, month: &str, year: u32) -> bool {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    let days = match month {
        "February" if leap => 29,
        "February" => 28,
        "April" | "June" | "September" | "November" => 30,
        _ => 31,
    };
    (1..=days).contains(&day)
}

fn gen_impossible_date(c: &Checked, _: &Knowledge, _: &mut Rng) -> Vec<Mutation> {
    static R: OnceLock<Regex> = OnceLock::new();
    let re = R.get_or_init(|| {
        let m = MONTHS.join("|");
        Regex::new(&format!(
            r"\b(?:(\d{{1,2}}) ({m})|({m}) (\d{{1,2}}),) (\d{{4}})\b"
        ))
        .unwrap()
    });
    const IMPOSSIBLE: &[(u32, &str)] = &[
        (31, "April"),
        (31, "June"),
        (31, "September"),
        (31, "November"),
        (30, "February"),
    ];
    let text = &c.doc.source.text;
    let mut out = Vec::new();
    for cap in re.captures_iter(text) {
        let whole = cap.get(0).unwrap();
        let before = text[..whole.start()].trim_end();
        if before.ends_with(['–', '-']) || before.ends_with(" to") {
            continue;
        }
        let year = &cap[5];
        let day_first = cap.get(1).is_some();
        let (day, month) = if day_first {
            (&cap[1], &cap[2])
        } else {
            (&cap[4], &cap[3])
        };
        // A date that is already impossible is the draft's own error, not a clean target.
        if !valid_date(day.parse().unwrap_or(0), month, year.parse().unwrap_or(0)) {
            continue;
        }
        for (d, m) in IMPOSSIBLE {
            let new = if day_first {
                format!("{d} {m} {year}")
            } else {
                format!("{m} {d}, {year}")
            };
            out.push(Mutation {
                edits: vec![(whole.range(), new.clone())],
                anchors: vec![whole.start()],
                what: format!("date \"{}\" -> \"{new}\"", whole.as_str()),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rng_is_deterministic() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        for _ in 0..10 {
            assert_eq!(a.next_u64(), b.next_u64());
        }
        assert!((0..100).all(|_| a.below(3) < 3));
    }

    #[test]
    fn figures_keep_their_style() {
        let f = Figure {
            span: 0..0,
            range: 0..0,
            value: 0.0,
            decimals: 1,
            commas: true,
            currency: None,
            scale: 1.0,
            sentence: 0,
            percent: false,
        };
        assert_eq!(format_like(1963.34, &f), "1,963.3");
        assert_eq!(format_like(963.3, &f), "963.3");
    }
}
