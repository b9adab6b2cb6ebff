use super::numbering::{outline, roman_value, Kind, Mark};
use super::{Context, Rule};
use crate::declare_rule;
use crate::finding::{Finding, Severity};
use crate::knowledge::Knowledge;
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::OnceLock;

declare_rule! {
    /// ## What it does
    /// Checks the draft's references to itself: "paragraph 18 above", "paragraphs 16 to 19",
    /// "para. 7", "section II", "annex III", "table 2", "footnote 3". A reference to a number
    /// the document does not have is a warning; "above" pointing at a paragraph further down,
    /// or "below" at one further up, is reported as information.
    ///
    /// References to other documents are not cross-references and stay quiet: "paragraph 5
    /// of resolution 74/61", "article 5 of the Convention", "annex I to decision 3/2",
    /// "resolution 74/61, paragraph 5". A kind of reference is only checked when the document
    /// numbers that kind at all (numbered paragraphs, section headings, annex headings,
    /// table captions, footnotes).
    ///
    /// Footnotes are checked too: a Markdown footnote reference (`[^3]`) without a
    /// definition, a definition that nothing refers to, and the same for `*`-style notes (a
    /// `\*` after a title with a `\* ...` note below it).
    ///
    /// ## Why is this bad?
    /// Paragraphs move and get deleted while a draft is edited; the references to them are
    /// rarely updated. A reader who follows "paragraph 31 above" in a fifteen-paragraph report
    /// finds nothing, and a note without its marker is read by no one.
    ///
    /// ## Example
    /// ```markdown
    /// 13. The balance has been committed, as described in paragraph 31 above.
    /// ```
    /// fires when the report has no paragraph 31. These stay quiet:
    /// ```markdown
    /// 7. As noted in paragraph 5 of decision 2021/4, the Board ...
    /// 8. Under article 5 of the Convention ...
    /// ```
    ///
    /// ## Fix
    /// Point the reference at the paragraph it means (tally cannot know which), add the
    /// missing footnote or marker, or delete the stale one.
    pub struct CrossRef {
        id: "cross-ref",
        severity: Warning,
        summary: "a reference to a paragraph, section, annex, table or footnote that is not there",
    }
}

fn reference_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let one = r"(?:[0-9]+|[IVXLC]+)(?:\s?\([a-z]{1,4}\))?";
        let sep = r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or|to)\s|[-–])\s*";
        Regex::new(&format!(
            r"(?-u:\b)(?P<k>(?i:paragraphs?|paras?\.?|sections?|chapters?|annex(?:es)?|tables?|figures?|footnotes?))\s+(?P<refs>{one}(?:{sep}{one})*)(?-u:\b)(?:\)?\s+(?P<dir>above|below))?"
        ))
        .expect("reference pattern")
    })
}

fn one_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?P<n>[0-9]+|[IVXLC]+)(?:\s?\([a-z]{1,4}\))?|(?P<to>\sto\s|[-–])")
            .expect("reference item pattern")
    })
}

/// "of the present report" and the like: a reference to this document after all.
fn self_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^\s*(?:of|to|in)\s+(?:the\s+)?(?:present|this)\s+(?:report|note|document|draft|paper|review)(?-u:\b)")
            .expect("self pattern")
    })
}

/// "resolution 74/61, paragraph 5", "A/74/123, para. 12": a place in another document.
fn other_before_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i:resolution|decision|document|article|rule|regulation|recommendation|convention|protocol|agreement)\s+[0-9A-Za-z_./-]+\s*,\s*$|[A-Z]{1,10}/[0-9A-Za-z_./-]+\s*,\s*$")
            .expect("other-document pattern")
    })
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Target {
    Paragraph,
    Section,
    Annex,
    Table,
    Figure,
    Footnote,
}

impl Target {
    fn of(keyword: &str) -> Option<Target> {
        let k = keyword.to_lowercase();
        Some(if k.starts_with("para") {
            Target::Paragraph
        } else if k.starts_with("section") || k.starts_with("chapter") {
            Target::Section
        } else if k.starts_with("annex") {
            Target::Annex
        } else if k.starts_with("table") {
            Target::Table
        } else if k.starts_with("figure") {
            Target::Figure
        } else if k.starts_with("footnote") {
            Target::Footnote
        } else {
            return None;
        })
    }

    fn noun(self) -> &'static str {
        match self {
            Target::Paragraph => "paragraph",
            Target::Section => "section",
            Target::Annex => "annex",
            Target::Table => "table",
            Target::Figure => "figure",
            Target::Footnote => "footnote",
        }
    }
}

/// What the document numbers, and where.
struct Targets {
    at: HashMap<(Target, u64), Vec<Range<usize>>>,
    present: HashSet<Target>,
    /// The smallest and largest paragraph numbers of the body and of the annexes.
    ranges: HashMap<Target, String>,
    roman: HashSet<Target>,
}

impl Targets {
    fn build(marks: &[Mark], footnotes: &[(String, Range<usize>)]) -> Targets {
        let mut t = Targets {
            at: HashMap::new(),
            present: HashSet::new(),
            ranges: HashMap::new(),
            roman: HashSet::new(),
        };
        let mut paragraphs = 0;
        let mut body = (u64::MAX, 0);
        let mut annex = (u64::MAX, 0);
        for m in marks.iter().filter(|m| !m.nested && m.value > 0) {
            let target = match m.kind {
                Kind::Paragraph => {
                    paragraphs += 1;
                    let r = if m.in_annex { &mut annex } else { &mut body };
                    *r = (r.0.min(m.value), r.1.max(m.value));
                    Target::Paragraph
                }
                Kind::Section => {
                    t.roman.insert(Target::Section);
                    Target::Section
                }
                Kind::Annex => Target::Annex,
                Kind::Table => Target::Table,
                Kind::Figure => Target::Figure,
                _ => continue,
            };
            t.present.insert(target);
            t.at.entry((target, m.value))
                .or_default()
                .push(m.span.clone());
        }
        // A handful of numbered lines is a list, not a document numbered by paragraph.
        if paragraphs < 3 {
            t.present.remove(&Target::Paragraph);
        }
        let mut desc = String::new();
        if body.1 > 0 {
            desc = format!("its paragraphs run {} to {}", body.0, body.1);
        }
        if annex.1 > 0 {
            desc.push_str(&format!(" (annex {} to {})", annex.0, annex.1));
        }
        t.ranges.insert(Target::Paragraph, desc);
        let numeric: Vec<u64> = footnotes
            .iter()
            .filter_map(|(l, _)| l.parse().ok())
            .collect();
        if !footnotes.is_empty() && numeric.len() == footnotes.len() {
            t.present.insert(Target::Footnote);
            for (n, (_, r)) in numeric.iter().zip(footnotes) {
                t.at.entry((Target::Footnote, *n))
                    .or_default()
                    .push(r.clone());
            }
        }
        t
    }
}

impl Rule for CrossRef {
    fn meta(&self) -> &'static super::Meta {
        &Self::META
    }

    fn prepare(&self, _kb: &Knowledge) {
        reference_re();
        one_re();
        self_re();
        other_before_re();
        footnote_ref_re();
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let md = &doc.markdown;
        let marks = outline(doc);
        let targets = Targets::build(&marks, &md.footnote_defs);
        for unit in &doc.units {
            let text = unit.text.as_str();
            for c in reference_re().captures_iter(text) {
                let whole = c.get(0).expect("match");
                let Some(target) = c.name("k").and_then(|k| Target::of(k.as_str())) else {
                    continue;
                };
                if !targets.present.contains(&target) {
                    continue;
                }
                let after = &text[whole.end()..];
                let is_self = self_re().is_match(after);
                let after_t = after.trim_start();
                if !is_self
                    && (after_t.starts_with("of ")
                        || after_t.starts_with("to ")
                        || after_t.starts_with("of\u{a0}"))
                {
                    continue;
                }
                let before_start =
                    crate::source::floor_char_boundary(text, whole.start().saturating_sub(60));
                if other_before_re().is_match(&text[before_start..whole.start()]) {
                    continue;
                }
                let refs = c.name("refs").expect("group");
                let dir = c.name("dir").map(|d| d.as_str());
                let here = unit.span_of(whole.range());
                let mut numbers: Vec<(u64, Range<usize>)> = Vec::new();
                for n in one_re().captures_iter(refs.as_str()) {
                    let Some(m) = n.name("n") else { continue };
                    let s = m.as_str();
                    let v = if s.chars().all(|ch| ch.is_ascii_digit()) {
                        if targets.roman.contains(&target) {
                            None // "section 2" in a document of sections I, II, ...
                        } else {
                            s.parse().ok()
                        }
                    } else if target == Target::Section || target == Target::Annex {
                        roman_value(s)
                    } else {
                        None
                    };
                    let Some(v) = v else { continue };
                    let r = refs.start() + m.start()..refs.start() + m.end();
                    numbers.push((v, r));
                }
                for (v, r) in numbers {
                    let span = unit.span_of(r.clone());
                    let written = &text[whole.range()];
                    let num = &text[r.clone()];
                    match targets.at.get(&(target, v)) {
                        None => {
                            let noun = target.noun();
                            let extra = match targets.ranges.get(&target) {
                                Some(d) if target == Target::Paragraph && !d.is_empty() => {
                                    format!(": {d}")
                                }
                                _ => String::new(),
                            };
                            out.push(
                                Finding::new(
                                    self.meta().id,
                                    Severity::Warning,
                                    span,
                                    format!("\"{written}\" points at nothing: the document has no {noun} {num}{extra}"),
                                )
                                .label(here.clone(), "this reference")
                                .help(format!("point the reference at the {noun} it means, or delete it; if it refers to another document, name that document (\"{noun} {num} of ...\")")),
                            );
                        }
                        Some(places) => {
                            let Some(dir) = dir else { continue };
                            let inside = |p: &Range<usize>| {
                                unit.span.start <= p.start && p.start < unit.span.end
                            };
                            if places.iter().any(inside) {
                                continue;
                            }
                            let wrong = match dir {
                                "above" => places.iter().all(|p| p.start > here.start),
                                _ => places.iter().all(|p| p.start < here.start),
                            };
                            if wrong {
                                let actual = if dir == "above" { "below" } else { "above" };
                                let p = places[0].clone();
                                out.push(
                                    Finding::new(
                                        self.meta().id,
                                        Severity::Info,
                                        span,
                                        format!(
                                            "\"{written}\": {} {num} is {actual}, not {dir}",
                                            target.noun()
                                        ),
                                    )
                                    .label(p, format!("{} {num} is here", target.noun()))
                                    .help(format!("write \"{actual}\"")),
                                );
                            }
                        }
                    }
                }
            }
        }
        footnotes(self.meta().id, cx, out);
    }
}

fn footnote_ref_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"\[\^([^\]\s]+)\]").expect("footnote pattern"))
}

/// Footnote references without definitions, definitions nothing refers to, and the same for
/// `*` notes.
fn footnotes(id: &'static str, cx: &Context, out: &mut Vec<Finding>) {
    let doc = cx.doc;
    let md = &doc.markdown;
    let src = &doc.source.text;
    let defined: HashSet<&str> = md.footnote_defs.iter().map(|(l, _)| l.as_str()).collect();
    let referenced: HashSet<&str> = md.footnote_refs.iter().map(|r| r.label.as_str()).collect();
    // pulldown-cmark leaves a reference to an undefined footnote as plain text.
    for unit in &doc.units {
        for c in footnote_ref_re().captures_iter(&unit.text) {
            let label = c.get(1).map_or("", |m| m.as_str());
            if defined.contains(label) {
                continue;
            }
            let span = unit.span_of(c.get(0).expect("match").range());
            out.push(
                Finding::new(
                    id,
                    Severity::Warning,
                    span,
                    format!("footnote reference [^{label}] has no definition"),
                )
                .help(format!(
                    "add the footnote (\"[^{label}]: ...\") or remove the reference"
                )),
            );
        }
    }
    for (label, r) in &md.footnote_defs {
        if referenced.contains(label.as_str()) {
            continue;
        }
        let line_end = src[r.clone()].find('\n').map_or(r.end, |e| r.start + e);
        out.push(
            Finding::new(
                id,
                Severity::Warning,
                r.start..line_end,
                format!("footnote [^{label}] is defined but nothing refers to it"),
            )
            .help(format!(
                "put the reference [^{label}] where the note belongs, or delete the note"
            )),
        );
    }

    // `*` notes: a marker is a run of stars right after a word or a closing mark; a note is a
    // paragraph that starts with one.
    let mut markers: HashMap<usize, Vec<Range<usize>>> = HashMap::new();
    let mut notes: HashMap<usize, Vec<Range<usize>>> = HashMap::new();
    for unit in &doc.units {
        let t = unit.text.as_str();
        let lead = t.len() - t.trim_start().len();
        let stars_at = |i: usize| t[i..].chars().take_while(|c| *c == '*').count();
        let n = stars_at(lead);
        if n > 0 && t[lead + n..].starts_with(char::is_whitespace) {
            notes
                .entry(n)
                .or_default()
                .push(unit.span_of(lead..lead + n));
        }
        let mut i = lead + n;
        while let Some(p) = t[i..].find('*') {
            let at = i + p;
            let n = stars_at(at);
            let before = t[..at].chars().next_back();
            let after = t[at + n..].chars().next();
            if before.is_some_and(|c| !c.is_whitespace())
                && !after.is_some_and(|c| c.is_alphanumeric())
            {
                markers.entry(n).or_default().push(unit.span_of(at..at + n));
            }
            i = at + n;
        }
    }
    for (n, spans) in &markers {
        if notes.contains_key(n) {
            continue;
        }
        let stars = "*".repeat(*n);
        for s in spans {
            out.push(
                Finding::new(
                    id,
                    Severity::Warning,
                    s.clone(),
                    format!(
                        "the note marker {stars} has no note: no paragraph starts with {stars}"
                    ),
                )
                .help("add the note the marker points to, or remove the marker"),
            );
        }
    }
    for (n, spans) in &notes {
        if markers.contains_key(n) {
            continue;
        }
        let stars = "*".repeat(*n);
        for s in spans {
            out.push(
                Finding::new(
                    id,
                    Severity::Warning,
                    s.clone(),
                    format!("this {stars} note has no marker: no {stars} in the text points to it"),
                )
                .help(
                    "put the marker after the title or word the note explains, or delete the note",
                ),
            );
        }
    }
}
