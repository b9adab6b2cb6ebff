use super::numbering::{outline, roman_value, Kind, Mark};
use super::scan;
use super::{Context, Rule};
use crate::declare_rule;
use crate::finding::{Finding, Severity};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

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

/// One reference as `reference_re` (in the tests) reads it: "paragraphs 3 to 5 above".
struct Reference {
    whole: Range<usize>,
    /// "paragraphs".
    keyword: Range<usize>,
    /// "3 to 5": the numbers with what joins them.
    refs: Range<usize>,
    /// "above" or "below".
    dir: Option<Range<usize>>,
}

/// The words that name a part of the draft, each with its endings in the order the regex
/// tried them (`paragraphs?|paras?\.?|sections?|...`).
const KEYWORDS: [(&str, &[&str]); 8] = [
    ("paragraph", &["s", ""]),
    ("para", &["s.", "s", ".", ""]),
    ("section", &["s", ""]),
    ("chapter", &["s", ""]),
    ("annex", &["es", ""]),
    ("table", &["s", ""]),
    ("figure", &["s", ""]),
    ("footnote", &["s", ""]),
];

/// The references in `t`, leftmost first and without overlaps, as `captures_iter` gave them.
///
/// The regex's choices come down to very few here: whitespace must follow the keyword and
/// an item must start with a digit or a numeral, so every run of whitespace is taken whole;
/// what separates two items is fixed by its first character that is not whitespace. What
/// is left is whether an item's "(a)" is kept and where the list stops, which the regex
/// decides by the `(?-u:\b)` after the last item: that is worked out below item by item.
fn references(t: &str) -> impl Iterator<Item = Reference> + '_ {
    let b = t.as_bytes();
    let mut s = 0;
    std::iter::from_fn(move || {
        while s < b.len() {
            let at = s;
            // A keyword starts with an ASCII letter at the start of a word, or with a long s
            // (`(?i:s)`, not a word byte) right after a word byte; nothing else in a word can
            // start one, so words are stepped over whole.
            let starts = if scan::is_word_byte(b[at]) {
                s += b[at..]
                    .iter()
                    .take_while(|c| scan::is_word_byte(**c))
                    .count();
                // Most words are not keywords, as their first two letters tell.
                let two = [b[at] | 0x20, b.get(at + 1).map_or(0, |c| c | 0x20)];
                matches!(&two, b"pa" | b"se" | b"ch" | b"an" | b"ta" | b"fi" | b"fo")
                    && (at == 0 || !scan::is_word_byte(b[at - 1]))
            } else {
                s += 1;
                b[at] == 0xc5 && t[at..].starts_with('ſ') && scan::at_boundary(b, at)
            };
            if starts {
                if let Some(r) = reference_at(t, at) {
                    s = r.whole.end;
                    return Some(r);
                }
            }
        }
        None
    })
}

fn reference_at(t: &str, at: usize) -> Option<Reference> {
    let b = t.as_bytes();
    // Only one of a keyword's forms can be followed by whitespace: each longer form goes on
    // where a shorter one stops.
    let kw_end = KEYWORDS.iter().find_map(|(stem, endings)| {
        let stem_end = scan::word_ci(t, at, stem)?;
        endings.iter().find_map(|e| {
            let end = scan::word_ci(t, stem_end, e)?;
            scan::one_ws(t, end).map(|_| end)
        })
    })?;
    let first = scan::skip_ws(t, kw_end);
    // The regex takes the longest list first and gives items back until `(?-u:\b)` holds
    // after the last one kept, giving back an item's "(a)" before the item itself (a number
    // then "(" or a space is a boundary). An item followed by another always ends at a
    // boundary or has an "(a)" to give back, so if the last item cannot end the list, the
    // one before it does.
    let mut prev: Option<usize> = None;
    let mut at_item = first;
    let refs_end = loop {
        let (end, bare) = item(t, at_item)?;
        let stop = if scan::at_boundary(b, end) {
            Some(end)
        } else {
            bare
        };
        match separator(t, end).filter(|&n| item(t, n).is_some()) {
            Some(next) => {
                prev = stop;
                at_item = next;
            }
            None => break stop.or(prev)?,
        }
    };
    let refs = first..refs_end;
    // `(?:\)?\s+(?P<dir>above|below))?`
    let mut d = refs_end;
    if b.get(d) == Some(&b')') {
        d += 1;
    }
    let w = scan::skip_ws(t, d);
    let dir = (w > d)
        .then(|| {
            ["above", "below"]
                .into_iter()
                .find(|x| t[w..].starts_with(x))
        })
        .flatten()
        .map(|x| w..w + x.len());
    Some(Reference {
        whole: at..dir.as_ref().map_or(refs_end, |d| d.end),
        keyword: at..kw_end,
        refs,
        dir,
    })
}

/// One item at `i`, `(?:[0-9]+|[IVXLC]+)(?:\s?\([a-z]{1,4}\))?`: where it ends, and where
/// its number alone ends when it has an "(a)" after it.
fn item(t: &str, i: usize) -> Option<(usize, Option<usize>)> {
    let b = t.as_bytes();
    let run = run_end(b, i)?;
    // A shorter run would leave a digit or numeral next, where nothing can follow.
    let p = scan::one_ws(t, run).unwrap_or(run);
    if b.get(p) == Some(&b'(') {
        let letters = b[p + 1..]
            .iter()
            .take_while(|c| c.is_ascii_lowercase())
            .count();
        if (1..=4).contains(&letters) && b.get(p + 1 + letters) == Some(&b')') {
            return Some((p + letters + 2, Some(run)));
        }
    }
    Some((run, None))
}

/// The end of the run of digits, or of numerals, at `i`.
fn run_end(b: &[u8], i: usize) -> Option<usize> {
    let roman = |c: &u8| matches!(c, b'I' | b'V' | b'X' | b'L' | b'C');
    let class: fn(&u8) -> bool = match b.get(i) {
        Some(c) if c.is_ascii_digit() => |c| c.is_ascii_digit(),
        Some(c) if roman(c) => roman,
        _ => return None,
    };
    Some(i + b[i..].iter().take_while(|c| class(c)).count())
}

/// Where the next item would start after a separator at `i`:
/// `\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or|to)\s|[-–])\s*`.
fn separator(t: &str, i: usize) -> Option<usize> {
    let a = scan::skip_ws(t, i);
    let rest = &t[a..];
    let after = if rest.starts_with(',') {
        let c = scan::skip_ws(t, a + 1);
        // "and" or "or" is only taken with whitespace after it; neither can start an item,
        // so whether it is taken decides nothing else.
        ["and", "or"]
            .into_iter()
            .find_map(|w| {
                t[c..]
                    .starts_with(w)
                    .then(|| scan::one_ws(t, c + w.len()))
                    .flatten()
            })
            .unwrap_or(c)
    } else if rest.starts_with('-') {
        a + 1
    } else if rest.starts_with('–') {
        a + '–'.len_utf8()
    } else if a > i {
        // The last whitespace before the word is the `\s` in front of it.
        ["and", "or", "to"].into_iter().find_map(|w| {
            t[a..]
                .starts_with(w)
                .then(|| scan::one_ws(t, a + w.len()))
                .flatten()
        })?
    } else {
        return None;
    };
    Some(scan::skip_ws(t, after))
}

/// The numbers of a reference's list, as `(?P<n>[0-9]+|[IVXLC]+)` in `one_re` (in the tests)
/// found them: the runs of digits and the runs of numerals, wherever they are.
fn numbers(refs: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let b = refs.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() {
            if let Some(end) = run_end(b, i) {
                let r = i..end;
                i = end;
                return Some(r);
            }
            i += 1;
        }
        None
    })
}

/// "of the present report" and the like after a reference: a reference to this document
/// after all. `^\s*(?:of|to|in)\s+(?:the\s+)?(?:present|this)\s+(?:report|...)(?-u:\b)`.
fn names_this_document(after: &str) -> bool {
    let word = |i: usize, words: &[&str]| {
        words
            .iter()
            .find(|w| after[i..].starts_with(**w))
            .map(|w| i + w.len())
    };
    // Each word is followed by whitespace or a boundary, so each run of whitespace is taken
    // whole and "the" is taken whenever it is there ("this" cannot start "the").
    let spaced = |i: usize| Some(scan::skip_ws(after, i)).filter(|&j| j > i);
    let Some(i) = word(scan::skip_ws(after, 0), &["of", "to", "in"]) else {
        return false;
    };
    let Some(mut i) = spaced(i) else { return false };
    if let Some(j) = word(i, &["the"]).and_then(spaced) {
        i = j;
    }
    let Some(i) = word(i, &["present", "this"]).and_then(spaced) else {
        return false;
    };
    let nouns = ["report", "note", "document", "draft", "paper", "review"];
    word(i, &nouns).is_some_and(|e| scan::at_boundary(after.as_bytes(), e))
}

/// "resolution 74/61, " or "A/74/123, " just before a reference: a place in another
/// document. The regex (`other_before_re` in the tests) is anchored at the end, so this reads
/// backwards: `(?i:resolution|...)\s+TOKEN\s*,\s*$` or `[A-Z]{1,10}/TOKEN\s*,\s*$`, where a
/// TOKEN is `[0-9A-Za-z_./-]+`.
fn names_another_document(before: &str) -> bool {
    let b = before.as_bytes();
    let trimmed = before.trim_end();
    let Some(body) = trimmed.strip_suffix(',') else {
        return false;
    };
    let token_end = body.trim_end().len();
    let is_token = |c: &u8| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'/' | b'-');
    let token_start = token_end
        - b[..token_end]
            .iter()
            .rev()
            .take_while(|c| is_token(c))
            .count();
    if token_start == token_end {
        return false;
    }
    // "A/74/123": letters and a slash anywhere in the token, with something after them.
    let code =
        (token_start + 1..token_end - 1).any(|i| b[i] == b'/' && b[i - 1].is_ascii_uppercase());
    if code {
        return true;
    }
    // The token stops at a character that is not a letter, so a keyword can only end the
    // head where whitespace came between them, as `\s+` wants.
    let head = before[..token_start].trim_end();
    [
        "resolution",
        "decision",
        "document",
        "article",
        "rule",
        "regulation",
        "recommendation",
        "convention",
        "protocol",
        "agreement",
    ]
    .iter()
    .any(|w| scan::ends_with_ci(head, w))
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

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let md = &doc.markdown;
        let marks = outline(doc);
        let targets = Targets::build(&marks, &md.footnote_defs);
        for unit in &doc.units {
            let text = unit.text.as_str();
            for c in references(text) {
                let Some(target) = Target::of(&text[c.keyword.clone()]) else {
                    continue;
                };
                if !targets.present.contains(&target) {
                    continue;
                }
                let after = &text[c.whole.end..];
                let is_self = names_this_document(after);
                let after_t = after.trim_start();
                if !is_self
                    && (after_t.starts_with("of ")
                        || after_t.starts_with("to ")
                        || after_t.starts_with("of\u{a0}"))
                {
                    continue;
                }
                let before_start =
                    crate::source::floor_char_boundary(text, c.whole.start.saturating_sub(60));
                if names_another_document(&text[before_start..c.whole.start]) {
                    continue;
                }
                let dir = c.dir.map(|d| &text[d]);
                let here = unit.span_of(c.whole.clone());
                let mut numbers_at: Vec<(u64, Range<usize>)> = Vec::new();
                for m in numbers(&text[c.refs.clone()]) {
                    let s = &text[c.refs.start + m.start..c.refs.start + m.end];
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
                    let r = c.refs.start + m.start..c.refs.start + m.end;
                    numbers_at.push((v, r));
                }
                for (v, r) in numbers_at {
                    let span = unit.span_of(r.clone());
                    let written = &text[c.whole.clone()];
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

/// Footnote references written as text, `\[\^([^\]\s]+)\]`: the whole `[^3]` and its label.
fn footnote_refs(t: &str) -> impl Iterator<Item = (Range<usize>, Range<usize>)> + '_ {
    let b = t.as_bytes();
    let mut s = 0;
    std::iter::from_fn(move || {
        while let Some(p) = memchr::memchr(b'[', &b[s..]) {
            let at = s + p;
            if b.get(at + 1) != Some(&b'^') {
                s = at + 1;
                continue;
            }
            let label_end = t[at + 2..]
                .char_indices()
                .find(|(_, c)| *c == ']' || c.is_whitespace())
                .map_or(t.len(), |(j, _)| at + 2 + j);
            if label_end > at + 2 && b.get(label_end) == Some(&b']') {
                s = label_end + 1;
                return Some((at..label_end + 1, at + 2..label_end));
            }
            // A "[^" inside the failed label would stop where it did: skip them all.
            s = label_end.max(at + 1);
        }
        None
    })
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
        for (whole, label) in footnote_refs(&unit.text) {
            let label = &unit.text[label];
            if defined.contains(label) {
                continue;
            }
            let span = unit.span_of(whole);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::scan::{boundaries, Texts};
    use regex::Regex;

    /// The regexes the matchers replaced, kept to check that they read the same.
    fn reference_re() -> Regex {
        let one = r"(?:[0-9]+|[IVXLC]+)(?:\s?\([a-z]{1,4}\))?";
        let sep = r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or|to)\s|[-–])\s*";
        Regex::new(&format!(
            r"(?-u:\b)(?P<k>(?i:paragraphs?|paras?\.?|sections?|chapters?|annex(?:es)?|tables?|figures?|footnotes?))\s+(?P<refs>{one}(?:{sep}{one})*)(?-u:\b)(?:\)?\s+(?P<dir>above|below))?"
        ))
        .unwrap()
    }

    fn one_re() -> Regex {
        Regex::new(r"(?P<n>[0-9]+|[IVXLC]+)(?:\s?\([a-z]{1,4}\))?|(?P<to>\sto\s|[-–])").unwrap()
    }

    fn self_re() -> Regex {
        Regex::new(r"^\s*(?:of|to|in)\s+(?:the\s+)?(?:present|this)\s+(?:report|note|document|draft|paper|review)(?-u:\b)").unwrap()
    }

    fn other_before_re() -> Regex {
        Regex::new(r"(?i:resolution|decision|document|article|rule|regulation|recommendation|convention|protocol|agreement)\s+[0-9A-Za-z_./-]+\s*,\s*$|[A-Z]{1,10}/[0-9A-Za-z_./-]+\s*,\s*$").unwrap()
    }

    fn footnote_ref_re() -> Regex {
        Regex::new(r"\[\^([^\]\s]+)\]").unwrap()
    }

    /// A reference as (whole, keyword, refs, dir).
    type Read = (
        Range<usize>,
        Range<usize>,
        Range<usize>,
        Option<Range<usize>>,
    );

    /// What comes between the words of the generated texts: every separator a list of
    /// references can have, and the spaces, brackets and dashes around them.
    const BETWEEN: [&str; 36] = [
        " ",
        " ",
        " ",
        "",
        "",
        "  ",
        "\u{a0}",
        "\u{2003}",
        "\n",
        "\t",
        ",",
        ", ",
        ", ",
        " ,",
        " , ",
        ",\u{a0}",
        "-",
        " - ",
        "–",
        " – ",
        "—",
        " and ",
        " or ",
        " to ",
        "\u{a0}to ",
        ", and ",
        ",and ",
        ", or ",
        " and\u{a0}",
        " (",
        "(",
        ")",
        ") ",
        ".",
        ". ",
        "/",
    ];

    /// References come out the same, with the same parts, as the regex's, and so do the
    /// numbers `one_re` found in each list.
    #[test]
    fn references_read_as_the_regex_did() {
        const WORDS: [&str; 66] = [
            "paragraph",
            "paragraphs",
            "Paragraph",
            "PARAGRAPHS",
            "para",
            "para.",
            "paras.",
            "Para.",
            "paras",
            "parag",
            "section",
            "Sections",
            "SECTION",
            "chapter",
            "Chapters",
            "annex",
            "Annex",
            "annexes",
            "ANNEXES",
            "annexe",
            "table",
            "Tables",
            "figure",
            "Figures",
            "footnote",
            "footnotes",
            "ſections",
            "paragraphſ",
            "ſection",
            "1",
            "3",
            "5",
            "12",
            "31",
            "2019",
            "I",
            "II",
            "IV",
            "XIV",
            "LC",
            "V",
            "(a)",
            "(b)",
            "(iv)",
            "(abcd)",
            "(abcde)",
            "(A)",
            "(",
            ")",
            "a)",
            "and",
            "or",
            "to",
            "above",
            "below",
            "aboveground",
            "of",
            "the",
            "x",
            "_",
            "é",
            "5a",
            "IVa",
            "Ia",
            "5_",
            "12.3",
        ];
        const NUMBERS: [&str; 14] = [
            "1", "3", "5", "12", "31", "2019", "I", "II", "IV", "XIV", "LC", "5a", "IVa", "x",
        ];
        const SUFFIXES: [&str; 10] = [
            "(a)",
            "(b)",
            " (iv)",
            "(abcd)",
            "(abcde)",
            "(A)",
            "  (a)",
            "\u{a0}(c)",
            "(",
            "a)",
        ];
        const TAILS: [&str; 16] = [
            "",
            "",
            " above",
            " below",
            ") below",
            ")  above",
            "\u{a0}above",
            "above",
            ")",
            ") ",
            "a",
            "_",
            ".",
            " of",
            " to the",
            "é",
        ];
        let reference = reference_re();
        let one = one_re();
        let mut texts = Texts::new(0x5eed_c0de);
        let (mut found, mut lists, mut directed, mut lettered) = (0, 0, 0, 0);
        for n in 0..60_000 {
            // Every other text is put together as references are, with a piece of another
            // kind here and there; the rest are words at random.
            let text = if n % 2 == 0 {
                let mut t = String::new();
                for _ in 0..1 + texts.next() % 3 {
                    t.push_str(texts.pick(&["", " ", "x", "_", "é", "(", ", "]));
                    t.push_str(texts.pick(&WORDS[..29]));
                    t.push_str(texts.pick(&[" ", " ", "", "\u{a0}", "  ", "\n"]));
                    for k in 0..1 + texts.next() % 4 {
                        if k > 0 {
                            t.push_str(texts.pick(&BETWEEN));
                        }
                        t.push_str(texts.pick(&NUMBERS));
                        if texts.next().is_multiple_of(3) {
                            t.push_str(texts.pick(&SUFFIXES));
                        }
                    }
                    t.push_str(texts.pick(&TAILS));
                }
                t
            } else {
                texts.text(&WORDS, &BETWEEN, 10)
            };
            let want: Vec<Read> = reference
                .captures_iter(&text)
                .map(|c| {
                    (
                        c.get(0).unwrap().range(),
                        c.name("k").unwrap().range(),
                        c.name("refs").unwrap().range(),
                        c.name("dir").map(|d| d.range()),
                    )
                })
                .collect();
            let got: Vec<Read> = references(&text)
                .map(|r| (r.whole, r.keyword, r.refs, r.dir))
                .collect();
            assert_eq!(got, want, "{text:?}");
            for (_, _, refs, dir) in &got {
                let refs = &text[refs.clone()];
                let want: Vec<Range<usize>> = one
                    .captures_iter(refs)
                    .filter_map(|c| c.name("n").map(|n| n.range()))
                    .collect();
                let got: Vec<Range<usize>> = numbers(refs).collect();
                assert_eq!(got, want, "{refs:?} in {text:?}");
                lists += usize::from(got.len() > 1);
                lettered += usize::from(refs.contains('('));
                directed += usize::from(dir.is_some());
            }
            // And anywhere else.
            let want: Vec<Range<usize>> = one
                .captures_iter(&text)
                .filter_map(|c| c.name("n").map(|n| n.range()))
                .collect();
            assert_eq!(numbers(&text).collect::<Vec<_>>(), want, "{text:?}");
            found += got.len();
        }
        // The pieces do make references of every kind, often.
        assert!(
            found > 20_000 && lists > 3_000 && directed > 1_000 && lettered > 1_000,
            "{found} {lists} {directed} {lettered}"
        );
    }

    /// "of the present report" after a reference, and "resolution 74/61, " before one, read
    /// as the regexes did, at every start and every end of the texts.
    #[test]
    fn this_and_other_documents_read_as_the_regexes_did() {
        const WORDS: [&str; 50] = [
            "of",
            "to",
            "in",
            "Of",
            "the",
            "The",
            "present",
            "presents",
            "this",
            "report",
            "reports",
            "note",
            "document",
            "draft",
            "paper",
            "review",
            "reviewer",
            "resolution",
            "Resolution",
            "RESOLUTION",
            "reſolution",
            "decision",
            "deciſion",
            "article",
            "rule",
            "rules",
            "regulation",
            "recommendation",
            "convention",
            "protocol",
            "agreement",
            "74/61",
            "A/74/123",
            "A/",
            "/5",
            "a/5",
            "ABCDEFGHIJKL/5",
            "E/CN.4/2",
            "x_y",
            "e.g.",
            "5",
            "IV",
            "-",
            "_",
            "é",
            "x",
            ",",
            ".",
            "A",
            "/",
        ];
        let this = self_re();
        let other = other_before_re();
        let mut texts = Texts::new(0xd0c5);
        let (mut selves, mut others) = (0, 0);
        let spaces = [" ", " ", "", "\u{a0}", "  ", "\n", ","];
        for n in 0..20_000 {
            let mut text = String::new();
            if n % 2 == 0 {
                // As they are written, with a piece of another kind here and there.
                for part in [
                    &spaces[..],
                    &["of", "to", "in", "on", "x"],
                    &spaces,
                    &["the ", "the\u{a0} ", "", "", "the", "thee "],
                    &["present", "this", "these", "presentX"],
                    &spaces,
                    &WORDS[9..17],
                    &["", ".", "s", "_", " x", "é", "5"],
                ] {
                    text.push_str(texts.pick(part));
                }
            }
            text.push_str(&texts.text(&WORDS, &BETWEEN, 6));
            text.push_str(texts.pick(&[",", ", ", " ,", " , \u{a0}", "", " "]));
            for i in boundaries(&text) {
                let (head, tail) = (&text[..i], &text[i..]);
                let want = this.is_match(tail);
                assert_eq!(names_this_document(tail), want, "{tail:?}");
                selves += usize::from(want);
                for s in [head, tail] {
                    let want = other.is_match(s);
                    assert_eq!(names_another_document(s), want, "{s:?}");
                    others += usize::from(want);
                }
            }
        }
        assert!(selves > 500 && others > 10_000, "{selves} {others}");
    }

    #[test]
    fn footnote_references_read_as_the_regex_did() {
        const WORDS: [&str; 16] = [
            "[^1]",
            "[^12]",
            "[^",
            "]",
            "^",
            "[",
            "1",
            "note",
            "a",
            "é",
            "[^[^2]",
            "[^ 3]",
            "[^]",
            "[^x\u{a0}]",
            "[[^4]]",
            "^]",
        ];
        let re = footnote_ref_re();
        let mut texts = Texts::new(0xf007);
        let mut found = 0;
        for _ in 0..60_000 {
            let text = texts.text(&WORDS, &["", "", " ", "\n", "\u{a0}", "x"], 8);
            let want: Vec<(Range<usize>, Range<usize>)> = re
                .captures_iter(&text)
                .map(|c| (c.get(0).unwrap().range(), c.get(1).unwrap().range()))
                .collect();
            let got: Vec<_> = footnote_refs(&text).collect();
            assert_eq!(got, want, "{text:?}");
            found += got.len();
        }
        assert!(found > 30_000, "{found}");
    }

    #[test]
    fn references_by_example() {
        let read = |t: &str| -> Vec<String> {
            references(t)
                .map(|r| {
                    let nums: Vec<&str> = numbers(&t[r.refs.clone()])
                        .map(|n| &t[r.refs.start + n.start..r.refs.start + n.end])
                        .collect();
                    format!(
                        "{}|{}|{}",
                        &t[r.keyword],
                        nums.join(","),
                        r.dir.map_or("", |d| &t[d])
                    )
                })
                .collect()
        };
        assert_eq!(
            read("see paragraphs 3 to 5 above."),
            ["paragraphs|3,5|above"]
        );
        assert_eq!(
            read("para. 12(b) and annexes II and IV"),
            ["para.|12|", "annexes|II,IV|"]
        );
        // The "(a)" is left out when a word follows it: the list must end at a boundary.
        assert_eq!(read("paragraph 5(a)x"), ["paragraph|5|"]);
        assert_eq!(read("paragraph 5 (a) below"), ["paragraph|5|"]);
        assert_eq!(read("paragraph 5(a)) below"), ["paragraph|5|"]);
        assert_eq!(read("paragraph 5) below"), ["paragraph|5|below"]);
        // The last item cannot end the list, so the one before it does.
        assert_eq!(read("tables 1, 2, 3a"), ["tables|1,2|"]);
        assert_eq!(read("table 3a, paragraph 4"), ["paragraph|4|"]);
        assert!(names_this_document(" of the present report."));
        assert!(!names_this_document(" of the present reports"));
        assert!(names_another_document("in resolution 74/61, "));
        assert!(names_another_document("see A/74/123,"));
        assert!(!names_another_document("see a/74/123,"));
    }
}
