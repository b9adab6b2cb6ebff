//! Inline suppression in HTML comments, so that the rendered draft is untouched:
//!
//! - `<!-- tally-disable-next-line count-list -->`: the next non-blank line;
//! - `<!-- tally-disable-line count-list -->`: the comment's own line;
//! - `<!-- tally-disable count-list -->` ... `<!-- tally-enable count-list -->`: a region
//!   (to the end of the file when never enabled again);
//! - `<!-- tally-disable-file -->`: the whole file.
//!
//! Each takes rule ids (spaces or commas between them) or none, which means every rule. A
//! directive that suppresses nothing, names an unknown rule or enables what was never
//! disabled is an `unused-suppression` finding (info).

use crate::finding::{Finding, Severity};
use crate::markdown::Comment;
use crate::rules;
use crate::source::Source;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

pub const UNUSED: &str = "unused-suppression";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    NextLine,
    Line,
    Disable,
    Enable,
    File,
}

#[derive(Debug)]
struct Directive {
    kind: Kind,
    /// Rule ids; empty means every rule.
    ids: Vec<String>,
    span: Range<usize>,
    text: String,
    used: bool,
}

/// A region where some rules are off: `ids` empty means all, minus `except`.
struct Region {
    start: usize,
    end: usize,
    ids: Vec<String>,
    except: Vec<String>,
    directive: usize,
}

impl Region {
    fn covers(&self, rule: &str) -> bool {
        (self.ids.is_empty() || self.ids.iter().any(|i| i == rule))
            && !self.except.iter().any(|i| i == rule)
    }
}

fn parse_directive(c: &Comment) -> Option<Result<Directive, String>> {
    let text = c.text.trim();
    let rest = text.strip_prefix("tally-")?;
    let (word, args) = match rest.find(|ch: char| ch.is_whitespace()) {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let kind = match word {
        "disable-next-line" => Kind::NextLine,
        "disable-line" => Kind::Line,
        "disable" => Kind::Disable,
        "enable" => Kind::Enable,
        "disable-file" => Kind::File,
        _ => {
            return Some(Err(format!(
                "\"tally-{word}\" is not a tally directive: use tally-disable-next-line, tally-disable-line, tally-disable, tally-enable or tally-disable-file"
            )))
        }
    };
    let ids = args
        .split(|ch: char| ch.is_whitespace() || ch == ',')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    Some(Ok(Directive {
        kind,
        ids,
        span: c.span.clone(),
        text: text.to_string(),
        used: false,
    }))
}

/// Removes suppressed findings and adds `unused-suppression` findings (when `report_unused`).
/// `enabled` says whether a rule runs at all: a directive about rules that do not run is not
/// reported as unused, since it could not have suppressed anything.
pub fn apply(
    source: &Source,
    comments: &[Comment],
    findings: &mut Vec<Finding>,
    enabled: &dyn Fn(&str) -> bool,
    report_unused: bool,
) {
    let mut directives = Vec::new();
    let mut unused = Vec::new();
    for c in comments {
        match parse_directive(c) {
            None => {}
            Some(Ok(d)) => directives.push(d),
            Some(Err(msg)) => unused.push(
                Finding::new(UNUSED, Severity::Info, c.span.clone(), msg)
                    .label(c.span.clone(), "not understood"),
            ),
        }
    }
    if directives.is_empty() && unused.is_empty() {
        return;
    }
    let text = &source.text;
    let line_of = |o: usize| source.line_col(o).0;
    // Lines a next-line or same-line directive applies to: line -> directives.
    let mut by_line: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut regions: Vec<Region> = Vec::new();
    let mut open: Vec<Region> = Vec::new();
    let mut stray_enables = Vec::new();
    for (i, d) in directives.iter().enumerate() {
        match d.kind {
            Kind::Line => by_line.entry(line_of(d.span.start)).or_default().push(i),
            Kind::NextLine => {
                let mut line = line_of(d.span.end.saturating_sub(1)) + 1;
                // Skip blank lines: the directive is about the next line with text.
                loop {
                    let start = source.line_start(line);
                    if start >= text.len() {
                        break;
                    }
                    let end = text[start..].find('\n').map_or(text.len(), |e| start + e);
                    if !text[start..end].trim().is_empty() {
                        break;
                    }
                    line += 1;
                }
                by_line.entry(line).or_default().push(i);
            }
            Kind::File => regions.push(Region {
                start: 0,
                end: usize::MAX,
                ids: d.ids.clone(),
                except: Vec::new(),
                directive: i,
            }),
            Kind::Disable => open.push(Region {
                start: d.span.end,
                end: usize::MAX,
                ids: d.ids.clone(),
                except: Vec::new(),
                directive: i,
            }),
            Kind::Enable => {
                let mut matched = false;
                let mut still_open = Vec::new();
                for mut r in open.drain(..) {
                    let touches = d.ids.is_empty() || d.ids.iter().any(|id| r.covers(id));
                    if !touches {
                        still_open.push(r);
                        continue;
                    }
                    matched = true;
                    let rest_ids: Vec<String> = r
                        .ids
                        .iter()
                        .filter(|id| !d.ids.contains(id))
                        .cloned()
                        .collect();
                    let reopen = if d.ids.is_empty() {
                        None
                    } else if r.ids.is_empty() {
                        let mut except = r.except.clone();
                        except.extend(d.ids.iter().cloned());
                        Some((Vec::new(), except))
                    } else if !rest_ids.is_empty() {
                        Some((rest_ids, r.except.clone()))
                    } else {
                        None
                    };
                    r.end = d.span.start;
                    if let Some((ids, except)) = reopen {
                        still_open.push(Region {
                            start: d.span.end,
                            end: usize::MAX,
                            ids,
                            except,
                            directive: r.directive,
                        });
                    }
                    regions.push(r);
                }
                open = still_open;
                if matched {
                    // An enable is bookkeeping: it is "used" when it closes something.
                    stray_enables.push((i, true));
                } else {
                    stray_enables.push((i, false));
                }
            }
        }
    }
    regions.extend(open);

    // Few directives per file, so checking each finding against each region stays linear
    // in practice; next-line directives go through the hash map.
    findings.retain(|f| {
        let mut suppressed = false;
        if let Some(ds) = by_line.get(&line_of(f.span.start)) {
            for &i in ds {
                let d = &mut directives[i];
                if d.ids.is_empty() || d.ids.iter().any(|id| id == f.rule) {
                    d.used = true;
                    suppressed = true;
                }
            }
        }
        for r in &regions {
            if r.start <= f.span.start && f.span.start < r.end && r.covers(f.rule) {
                directives[r.directive].used = true;
                suppressed = true;
            }
        }
        !suppressed
    });
    for (i, matched) in stray_enables {
        directives[i].used = matched;
    }

    if !report_unused {
        return;
    }
    let known: HashSet<&str> = rules::all().iter().map(|r| r.meta().id).collect();
    for d in &directives {
        if let Some(bad) = d.ids.iter().find(|id| !known.contains(id.as_str())) {
            unused.push(
                Finding::new(
                    UNUSED,
                    Severity::Info,
                    d.span.clone(),
                    format!("\"{}\" names no rule {bad:?}", d.text),
                )
                .label(d.span.clone(), "unknown rule id")
                .help(format!(
                    "the nearest rules are: {}",
                    crate::config::nearest_rules(bad)
                )),
            );
            continue;
        }
        if d.used {
            continue;
        }
        if d.kind == Kind::Enable {
            unused.push(
                Finding::new(
                    UNUSED,
                    Severity::Info,
                    d.span.clone(),
                    format!("\"{}\" enables nothing that was disabled", d.text),
                )
                .label(d.span.clone(), "no matching tally-disable above")
                .help("remove the comment"),
            );
            continue;
        }
        if !d.ids.is_empty() && !d.ids.iter().any(|id| enabled(id)) {
            continue;
        }
        unused.push(
            Finding::new(
                UNUSED,
                Severity::Info,
                d.span.clone(),
                format!("\"{}\" suppresses nothing", d.text),
            )
            .label(d.span.clone(), "no finding here to suppress")
            .help("remove the comment, or check the rule id and its place"),
        );
    }
    findings.extend(unused);
}
