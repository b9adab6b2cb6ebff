//! House style as data: rules a user writes in TOML, with no build.
//!
//! A file in a rules folder that is not one of tally's data files (gazetteers, counted nouns,
//! list markers, hedges, variants) is a pattern rule: one file, one rule, of one kind:
//!
//! - `existence`: report any of a list of words or regexes ("in order to", "utilize");
//! - `substitution`: report a word or phrase with its preferred replacement, with a safe fix
//!   when the replacement is a plain string;
//! - `consistency`: sets of forms that must not be mixed in one document; the minority form
//!   is reported with the majority as the suggestion;
//! - `count-noun` and `entity`: data that extends the built-in counted nouns and gazetteers.
//!
//! Regexes use the `regex` crate, so matching is linear in the size of the draft.

use crate::extract::Document;
use crate::finding::{Edit, Finding, Fix, Severity};
use crate::knowledge::{CountNoun, DataError, Entity};
use crate::markdown::BlockKind;
use regex::{Regex, RegexBuilder};
use serde::Deserialize;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Existence,
    Substitution,
    Consistency,
    CountNoun,
    Entity,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    Prose,
    Headings,
    TableCells,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Swap {
    /// A literal word or phrase, or with `regex = true` a regular expression.
    find: String,
    /// The replacement; with a regex, `$1`-style groups may be used (then the fix is unsafe).
    replace: String,
    #[serde(default)]
    regex: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct FormSet {
    /// Regexes (word boundaries added), one per form: ["programme", "program"].
    forms: Vec<String>,
    /// Optional names for the forms, shown in messages ("-ise", "-ize").
    #[serde(default)]
    names: Vec<String>,
}

/// The TOML of a pattern rule file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    kind: Kind,
    id: Option<String>,
    message: Option<String>,
    #[serde(default)]
    severity: Option<String>,
    #[serde(default)]
    scope: Option<Vec<Scope>>,
    #[serde(default = "yes")]
    ignore_case: bool,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    doc: Option<String>,
    // existence
    #[serde(default)]
    words: Vec<String>,
    #[serde(default)]
    patterns: Vec<String>,
    // substitution
    #[serde(default)]
    swap: Vec<Swap>,
    // consistency
    #[serde(default)]
    set: Vec<FormSet>,
    // filters
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    skip_after: Vec<String>,
    #[serde(default)]
    skip_before: Vec<String>,
    #[serde(default)]
    skip_at_sentence_start: bool,
    #[serde(default)]
    only_at_sentence_start: bool,
    // count-noun and entity data
    #[serde(default)]
    noun: Vec<CountNoun>,
    #[serde(default)]
    entity: Vec<Entity>,
    #[serde(default)]
    gazetteer: Option<String>,
}

fn yes() -> bool {
    true
}

/// One compiled matcher: a regex and, for substitutions, what replaces its matches.
#[derive(Debug, Clone)]
struct Matcher {
    re: Regex,
    replace: Option<String>,
    /// True when the replacement is a plain string, which makes the fix safe.
    plain: bool,
}

/// A compiled pattern rule.
#[derive(Debug, Clone)]
pub struct PatternRule {
    pub id: &'static str,
    pub kind: Kind,
    pub message: String,
    pub severity: Severity,
    pub summary: String,
    pub doc: String,
    /// The file the rule came from, for `tally rules`.
    pub origin: String,
    scope: Vec<Scope>,
    matchers: Vec<Matcher>,
    /// Consistency sets: per set, one regex per form, and the forms' names.
    sets: Vec<(Vec<Regex>, Vec<String>)>,
    exclude: Vec<String>,
    skip_after: Vec<String>,
    skip_before: Vec<String>,
    skip_at_sentence_start: bool,
    only_at_sentence_start: bool,
}

/// What a rule file contributes.
pub enum Loaded {
    Rule(Box<PatternRule>),
    CountNouns(Vec<CountNoun>),
    Entities(String, Vec<Entity>),
}

fn error(file: &str, text: &str, message: String, span: Option<Range<usize>>) -> DataError {
    DataError {
        file: file.to_string(),
        message,
        span,
        source_text: text.to_string(),
    }
}

/// The span of `key = ...` in a TOML text, so that errors about a value point at its line.
fn key_span(text: &str, key: &str, value: &str) -> Option<Range<usize>> {
    if !value.is_empty() {
        if let Some(p) = text.find(value) {
            return Some(p..p + value.len());
        }
    }
    text.match_indices(key)
        .find(|(p, _)| text[..*p].ends_with('\n') || *p == 0)
        .map(|(p, _)| p..p + key.len())
}

fn build_regex(pattern: &str, ignore_case: bool) -> Result<Regex, regex::Error> {
    RegexBuilder::new(pattern)
        .case_insensitive(ignore_case)
        .size_limit(1 << 22)
        .build()
}

/// Regex for a literal word or phrase, at word boundaries where it starts or ends with a
/// word character.
fn literal(word: &str) -> String {
    let mut p = regex::escape(word);
    if word.chars().next().is_some_and(char::is_alphanumeric) {
        p.insert_str(0, r"\b");
    }
    if word.chars().last().is_some_and(char::is_alphanumeric) {
        p.push_str(r"\b");
    }
    p
}

/// Parses one pattern rule file. `builtin_ids` are refused as ids, so that a user rule cannot
/// shadow a built-in one by accident.
pub fn load(file: &str, text: &str, builtin_ids: &[&str]) -> Result<Loaded, DataError> {
    let f: RuleFile = crate::knowledge::parse_toml(file, text)?;
    match f.kind {
        Kind::CountNoun => {
            if f.noun.is_empty() {
                return Err(error(
                    file,
                    text,
                    "a count-noun file needs at least one [[noun]]".into(),
                    key_span(text, "kind", ""),
                ));
            }
            return Ok(Loaded::CountNouns(f.noun));
        }
        Kind::Entity => {
            if f.entity.is_empty() {
                return Err(error(
                    file,
                    text,
                    "an entity file needs at least one [[entity]]".into(),
                    key_span(text, "kind", ""),
                ));
            }
            return Ok(Loaded::Entities(
                f.gazetteer.unwrap_or_else(|| "bodies".into()),
                f.entity,
            ));
        }
        _ => {}
    }
    let id = f.id.clone().ok_or_else(|| {
        error(
            file,
            text,
            "a pattern rule needs an `id`".into(),
            Some(0..0),
        )
    })?;
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(error(
            file,
            text,
            format!("rule id {id:?} must be kebab-case (a-z, 0-9, -)"),
            key_span(text, "id", &id),
        ));
    }
    if builtin_ids.contains(&id.as_str()) {
        return Err(error(
            file,
            text,
            format!("rule id {id:?} is a built-in rule's id"),
            key_span(text, "id", &id),
        ));
    }
    let message = f.message.clone().ok_or_else(|| {
        error(
            file,
            text,
            "a pattern rule needs a `message`".into(),
            key_span(text, "id", &id),
        )
    })?;
    let severity = match f.severity.as_deref() {
        None => Severity::Warning,
        Some(s) => Severity::parse(s).ok_or_else(|| {
            error(
                file,
                text,
                format!("severity {s:?} is not one of error, warning, info"),
                key_span(text, "severity", s),
            )
        })?,
    };
    let bad_regex = |p: &str, e: regex::Error| {
        error(
            file,
            text,
            format!("invalid regex {p:?}: {e}"),
            key_span(text, "", p),
        )
    };
    let mut matchers = Vec::new();
    let mut sets = Vec::new();
    match f.kind {
        Kind::Existence => {
            if f.words.is_empty() && f.patterns.is_empty() {
                return Err(error(
                    file,
                    text,
                    "an existence rule needs `words` or `patterns`".into(),
                    key_span(text, "kind", ""),
                ));
            }
            if !f.words.is_empty() {
                let alt: Vec<String> = f.words.iter().map(|w| literal(w)).collect();
                let p = format!("(?:{})", alt.join("|"));
                let re = build_regex(&p, f.ignore_case).map_err(|e| bad_regex(&p, e))?;
                matchers.push(Matcher {
                    re,
                    replace: None,
                    plain: false,
                });
            }
            for p in &f.patterns {
                let re = build_regex(p, f.ignore_case).map_err(|e| bad_regex(p, e))?;
                matchers.push(Matcher {
                    re,
                    replace: None,
                    plain: false,
                });
            }
        }
        Kind::Substitution => {
            if f.swap.is_empty() {
                return Err(error(
                    file,
                    text,
                    "a substitution rule needs at least one [[swap]]".into(),
                    key_span(text, "kind", ""),
                ));
            }
            for s in &f.swap {
                let p = if s.regex {
                    s.find.clone()
                } else {
                    literal(&s.find)
                };
                let re = build_regex(&p, f.ignore_case).map_err(|e| bad_regex(&s.find, e))?;
                matchers.push(Matcher {
                    re,
                    replace: Some(s.replace.clone()),
                    plain: !s.regex || !s.replace.contains('$'),
                });
            }
        }
        Kind::Consistency => {
            if f.set.is_empty() || f.set.iter().any(|s| s.forms.len() < 2) {
                return Err(error(
                    file,
                    text,
                    "a consistency rule needs [[set]] entries with two or more `forms`".into(),
                    key_span(text, "kind", ""),
                ));
            }
            for s in &f.set {
                let mut res = Vec::new();
                for form in &s.forms {
                    let p = format!(r"\b(?:{form})\b");
                    res.push(build_regex(&p, f.ignore_case).map_err(|e| bad_regex(form, e))?);
                }
                let names = if s.names.len() == s.forms.len() {
                    s.names.clone()
                } else {
                    Vec::new()
                };
                sets.push((res, names));
            }
        }
        Kind::CountNoun | Kind::Entity => unreachable!("returned above"),
    }
    let summary = f.summary.clone().unwrap_or_else(|| {
        message
            .replace("{match}", "…")
            .replace("{replacement}", "…")
            .replace("{majority}", "…")
    });
    Ok(Loaded::Rule(Box::new(PatternRule {
        // Rule ids are 'static across tally; a user rule's id lives as long as the run.
        id: Box::leak(id.into_boxed_str()),
        kind: f.kind,
        message,
        severity,
        summary,
        doc: f.doc.clone().unwrap_or_default(),
        origin: file.to_string(),
        scope: f
            .scope
            .clone()
            .unwrap_or_else(|| vec![Scope::Prose, Scope::Headings, Scope::TableCells]),
        matchers,
        sets,
        exclude: f.exclude.iter().map(|w| w.to_lowercase()).collect(),
        skip_after: f.skip_after.iter().map(|w| w.to_lowercase()).collect(),
        skip_before: f.skip_before.iter().map(|w| w.to_lowercase()).collect(),
        skip_at_sentence_start: f.skip_at_sentence_start,
        only_at_sentence_start: f.only_at_sentence_start,
    })))
}

impl PatternRule {
    /// True when the rule offers a replacement (a substitution).
    pub fn fixable(&self) -> bool {
        self.kind == Kind::Substitution
    }

    fn in_scope(&self, kind: &BlockKind) -> bool {
        let s = match kind {
            BlockKind::Heading(_) => Scope::Headings,
            BlockKind::TableCell { .. } => Scope::TableCells,
            _ => Scope::Prose,
        };
        self.scope.contains(&s)
    }

    /// Matches in a unit's text that pass the rule's filters: (text range, matcher index).
    fn matches<'a>(
        &'a self,
        doc: &'a Document,
        u: usize,
        re: &'a Regex,
    ) -> impl Iterator<Item = Range<usize>> + 'a {
        let unit = &doc.units[u];
        let text = unit.text.as_str();
        let starts = sentence_starts(doc, u);
        re.captures_iter(&text[unit.body_start..])
            .filter_map(move |caps| {
                let m = caps.name("m").or_else(|| caps.get(0))?;
                let r = unit.body_start + m.start()..unit.body_start + m.end();
                if r.is_empty() || text[r.clone()].contains(crate::markdown::CODE_PLACEHOLDER) {
                    return None;
                }
                let matched = text[r.clone()].to_lowercase();
                if self.exclude.contains(&matched) {
                    return None;
                }
                let at_start = starts.binary_search(&r.start).is_ok();
                if (self.skip_at_sentence_start && at_start)
                    || (self.only_at_sentence_start && !at_start)
                {
                    return None;
                }
                if !self.skip_after.is_empty() {
                    let prev = word_before(text, r.start).to_lowercase();
                    if self.skip_after.contains(&prev) {
                        return None;
                    }
                }
                if !self.skip_before.is_empty() {
                    let next = word_after(text, r.end).to_lowercase();
                    if self.skip_before.contains(&next) {
                        return None;
                    }
                }
                Some(r)
            })
    }

    pub fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        let src = &doc.source.text;
        match self.kind {
            Kind::Existence | Kind::Substitution => {
                for u in 0..doc.units.len() {
                    let unit = &doc.units[u];
                    if !self.in_scope(&unit.kind) {
                        continue;
                    }
                    for m in &self.matchers {
                        for r in self.matches(doc, u, &m.re) {
                            let span = unit.span_of(r.clone());
                            let found = &unit.text[r.clone()];
                            let mut f =
                                Finding::new(self.id, self.severity, span.clone(), String::new());
                            let mut message = self.message.replace("{match}", found);
                            if let Some(rep) = &m.replace {
                                let replacement = if m.plain {
                                    match_case(found, rep)
                                } else {
                                    m.re.replace(found, rep.as_str()).into_owned()
                                };
                                message = message.replace("{replacement}", replacement.trim());
                                // The fix is safe only when the replacement is a plain string
                                // and the source bytes are the text that matched (no markup
                                // inside the span).
                                let exact = src.get(span.clone()) == Some(found);
                                f = f.help(format!("write \"{replacement}\"")).fix(Fix {
                                    edits: vec![Edit {
                                        span: span.clone(),
                                        replacement,
                                    }],
                                    safe: m.plain && exact,
                                });
                            }
                            f.message = message;
                            out.push(f.label(span, "here"));
                        }
                    }
                }
            }
            Kind::Consistency => {
                for (forms, names) in &self.sets {
                    // Every occurrence of each form, in document order.
                    let mut seen: Vec<Vec<(Range<usize>, String)>> = vec![Vec::new(); forms.len()];
                    for u in 0..doc.units.len() {
                        let unit = &doc.units[u];
                        if !self.in_scope(&unit.kind) {
                            continue;
                        }
                        for (i, re) in forms.iter().enumerate() {
                            for r in self.matches(doc, u, re) {
                                seen[i].push((unit.span_of(r.clone()), unit.text[r].to_string()));
                            }
                        }
                    }
                    let used: Vec<usize> =
                        (0..forms.len()).filter(|&i| !seen[i].is_empty()).collect();
                    if used.len() < 2 {
                        continue;
                    }
                    // The majority form; on a tie, the one used first.
                    let major = *used
                        .iter()
                        .max_by_key(|&&i| (seen[i].len(), std::cmp::Reverse(seen[i][0].0.start)))
                        .expect("two forms used");
                    let major_name = names
                        .get(major)
                        .cloned()
                        .unwrap_or_else(|| seen[major][0].1.clone());
                    for &i in used.iter().filter(|&&i| i != major) {
                        for (span, found) in &seen[i] {
                            let message = self
                                .message
                                .replace("{match}", found)
                                .replace("{majority}", &major_name);
                            out.push(
                                Finding::new(self.id, self.severity, span.clone(), message)
                                    .label(
                                        span.clone(),
                                        format!(
                                            "{} of {} uses",
                                            seen[i].len(),
                                            seen[i].len() + seen[major].len()
                                        ),
                                    )
                                    .label(
                                        seen[major][0].0.clone(),
                                        format!(
                                            "the draft mostly writes \"{}\" ({} times)",
                                            seen[major][0].1,
                                            seen[major].len()
                                        ),
                                    )
                                    .help(format!("use one form throughout: \"{major_name}\"")),
                            );
                        }
                    }
                }
            }
            Kind::CountNoun | Kind::Entity => {}
        }
    }
}

/// Text offsets where the unit's sentences start.
fn sentence_starts(doc: &Document, u: usize) -> Vec<usize> {
    let from = doc.sentences.partition_point(|s| s.unit < u);
    let to = doc.sentences.partition_point(|s| s.unit <= u);
    doc.sentences[from..to]
        .iter()
        .map(|s| s.range.start)
        .collect()
}

fn word_before(text: &str, at: usize) -> &str {
    let t = text[..at].trim_end();
    let start = t
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.' || c == '$' || c == '€' || c == '£'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    t[start..].trim_end_matches('.')
}

fn word_after(text: &str, at: usize) -> &str {
    let t = text[at..].trim_start();
    let end = t
        .char_indices()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '%'))
        .map_or(t.len(), |(i, _)| i);
    let w = &t[..end];
    if w.is_empty() {
        t.get(..1).filter(|c| *c == "%").unwrap_or("")
    } else {
        w
    }
}

/// Gives the replacement the capital the found text starts with ("Percent" → "Per cent").
fn match_case(found: &str, replacement: &str) -> String {
    let upper = found.chars().next().is_some_and(char::is_uppercase);
    let mut chars = replacement.chars();
    match chars.next() {
        Some(c) if upper => c.to_uppercase().chain(chars).collect(),
        _ => replacement.to_string(),
    }
}
