use super::scan;
use super::{Context, Rule};
use crate::declare_rule;
use crate::extract::Document;
use crate::finding::{Finding, Severity};
use crate::markdown::BlockKind;
use std::ops::Range;

declare_rule! {
    /// ## What it does
    /// Checks the draft's numbering: numbered paragraphs (1., 2., ...), lettered and roman
    /// sub-paragraphs ((a), (b), ...; (i), (ii), ...), section numbers (I., II., ..., in
    /// headings or bold title lines), subsection letters (A., B., ...), annexes (Annex I,
    /// Annex II) and table and figure captions (Table 1, Table 2). A number that skips, repeats
    /// or runs backwards is reported.
    ///
    /// The number checked is the one written in the source, not the one a Markdown renderer
    /// would show. A sequence restarts where the document says it does: paragraph numbers in a
    /// new annex, sub-paragraph letters after each numbered paragraph, subsection letters in
    /// each section. A numbered list that starts again at 1 inside the text (a list of
    /// recommendations) is read as a list of its own, and the outer numbering picks up after
    /// it. A paragraph that goes on after a footnote or a page break keeps its place.
    ///
    /// ## Why is this bad?
    /// Paragraph numbers are how readers, other documents and the draft itself refer to a
    /// passage. A skipped or repeated number usually means a paragraph was deleted, moved or
    /// pasted twice, and every reference after it may now point at the wrong text.
    ///
    /// ## Example
    /// ```markdown
    /// 7. The Committee met twice.
    ///
    /// 9. The evaluation was completed.
    /// ```
    /// fires (paragraph 8 is missing). This stays quiet:
    /// ```markdown
    /// 15. The secretariat will report at the next meeting.
    ///
    /// ## Annex
    ///
    /// 1. Decision 2022/1 approved the workplan.
    /// ```
    ///
    /// ## Fix
    /// Find out what happened to the missing or repeated paragraph and renumber by hand, then
    /// check the cross-references. tally never renumbers anything.
    pub struct Numbering {
        id: "numbering",
        severity: Warning,
        summary: "numbered paragraphs, sub-paragraphs, sections, annexes or tables that skip, repeat or run backwards",
    }
}

/// What a number numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Paragraph,
    Letter,
    Roman,
    ParenNumber,
    Section,
    Subsection,
    Annex,
    Table,
    Figure,
}

impl Kind {
    fn noun(self) -> &'static str {
        match self {
            Kind::Paragraph => "paragraph",
            Kind::Letter | Kind::Roman | Kind::ParenNumber => "sub-paragraph",
            Kind::Section => "section",
            Kind::Subsection => "subsection",
            Kind::Annex => "annex",
            Kind::Table => "table",
            Kind::Figure => "figure",
        }
    }

    const ALL: [Kind; 9] = [
        Kind::Paragraph,
        Kind::Letter,
        Kind::Roman,
        Kind::ParenNumber,
        Kind::Section,
        Kind::Subsection,
        Kind::Annex,
        Kind::Table,
        Kind::Figure,
    ];

    fn index(self) -> usize {
        Kind::ALL.iter().position(|k| *k == self).unwrap_or(0)
    }

    /// The sequences that start afresh after a number of this kind.
    fn resets(self) -> &'static [Kind] {
        match self {
            Kind::Paragraph => &[Kind::Letter, Kind::Roman, Kind::ParenNumber],
            Kind::Letter => &[Kind::Roman],
            Kind::Section => &[
                Kind::Subsection,
                Kind::Letter,
                Kind::Roman,
                Kind::ParenNumber,
            ],
            Kind::Subsection => &[Kind::Letter, Kind::Roman, Kind::ParenNumber],
            Kind::Annex => &[
                Kind::Paragraph,
                Kind::Letter,
                Kind::Roman,
                Kind::ParenNumber,
                Kind::Section,
                Kind::Subsection,
                Kind::Table,
                Kind::Figure,
            ],
            _ => &[],
        }
    }

    /// Sequences whose first item is (a) or (i) when they start under a parent.
    fn starts_under_parent(self) -> bool {
        matches!(self, Kind::Letter | Kind::Roman)
    }
}

/// One number in the draft's outline.
#[derive(Debug, Clone)]
pub struct Mark {
    pub kind: Kind,
    pub value: u64,
    /// Source span of the number as written.
    pub span: Range<usize>,
    pub block: usize,
    /// True for numbers after the first annex heading.
    pub in_annex: bool,
    /// A numbered list nested inside another list item.
    pub nested: bool,
}

pub fn roman_value(s: &str) -> Option<u64> {
    if s.is_empty() || s.len() > 8 {
        return None;
    }
    let mut total = 0u64;
    let mut prev = 0u64;
    for c in s.chars().rev() {
        let v = match c.to_ascii_lowercase() {
            'i' => 1,
            'v' => 5,
            'x' => 10,
            'l' => 50,
            'c' => 100,
            'd' => 500,
            'm' => 1000,
            _ => return None,
        };
        if v < prev {
            total = total.checked_sub(v)?;
        } else {
            total += v;
            prev = v;
        }
    }
    // Only canonical numerals: "iiii" or "vx" are not numbers.
    (roman(total, s.chars().all(|c| c.is_lowercase())) == s).then_some(total)
}

pub fn roman(mut n: u64, lower: bool) -> String {
    const T: [(u64, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in T {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    if lower {
        s.to_lowercase()
    } else {
        s
    }
}

fn letter_value(s: &str) -> Option<u64> {
    let mut cs = s.chars();
    let c = cs.next()?;
    (cs.next().is_none() && c.is_ascii_alphabetic())
        .then(|| (c.to_ascii_lowercase() as u8 - b'a' + 1) as u64)
}

/// Shows a value the way its kind writes it.
pub fn show(kind: Kind, v: u64) -> String {
    match kind {
        Kind::Letter => format!("({})", (b'a' + (v.clamp(1, 26) - 1) as u8) as char),
        Kind::Roman => format!("({})", roman(v, true)),
        Kind::ParenNumber => format!("({v})"),
        Kind::Section => roman(v, false),
        Kind::Subsection => ((b'A' + (v.clamp(1, 26) - 1) as u8) as char).to_string(),
        _ => v.to_string(),
    }
}

/// A letter that is also a roman numeral ("(i)", "(v)", "C.") is read as a letter when it
/// continues a letter sequence and the next label does not continue it as a numeral.
fn letter_or_roman(
    s: &str,
    letter_prev: Option<u64>,
    roman_prev: Option<u64>,
    next: Option<&str>,
) -> Option<(bool, u64)> {
    let l = letter_value(s);
    let r = roman_value(s);
    match (l, r) {
        (Some(l), Some(r)) => {
            let continues_letters = letter_prev == Some(l - 1);
            let next_roman = next.and_then(roman_value) == Some(r + 1);
            if continues_letters && !next_roman {
                Some((true, l))
            } else if roman_prev.is_some() || r == 1 {
                Some((false, r))
            } else {
                Some((true, l))
            }
        }
        (Some(l), None) => Some((true, l)),
        (None, Some(r)) => Some((false, r)),
        (None, None) => None,
    }
}

/// A caption such as "Table 3:" or "Annex II" at the start of `t`, read as the regex
/// `^(?i:(?P<k>annex|table|figure))(?:\s+(?P<n>[IVXLC]+|[0-9]+|[A-Z]))?(?:$|[\s.:–—-])`
/// did: the keyword's end and the number. The regex is kept in the tests.
fn caption(t: &str) -> Option<(usize, Option<Range<usize>>)> {
    let b = t.as_bytes();
    let k = ["annex", "table", "figure"]
        .into_iter()
        .find_map(|w| scan::word_ci(t, 0, w))?;
    let ends = |i: usize| {
        t[i..]
            .chars()
            .next()
            .is_none_or(|c| c.is_whitespace() || matches!(c, '.' | ':' | '–' | '—' | '-'))
    };
    let w = scan::skip_ws(t, k);
    if w > k {
        // A shorter run of numerals or digits would leave one of them next, which cannot
        // end a caption; a single capital is a numeral's shortest run over again.
        let roman = |c: &u8| matches!(c, b'I' | b'V' | b'X' | b'L' | b'C');
        let n = match b.get(w) {
            Some(c) if roman(c) => w + b[w..].iter().take_while(|c| roman(c)).count(),
            Some(c) if c.is_ascii_digit() => {
                w + b[w..].iter().take_while(|c| c.is_ascii_digit()).count()
            }
            Some(c) if c.is_ascii_uppercase() => w + 1,
            _ => w,
        };
        if n > w && ends(n) {
            return Some((k, Some(w..n)));
        }
    }
    ends(k).then_some((k, None))
}

/// The number of a heading such as "II. Title" at the start of `t`, read as the regex
/// `^(?P<n>[IVXLC]+|[A-Z])\.\s+\S` did (kept in the tests).
fn heading_number(t: &str) -> Option<Range<usize>> {
    let b = t.as_bytes();
    let roman = |c: &u8| matches!(c, b'I' | b'V' | b'X' | b'L' | b'C');
    let n = match b.first() {
        Some(c) if roman(c) => b.iter().take_while(|c| roman(c)).count(),
        Some(c) if c.is_ascii_uppercase() => 1,
        _ => return None,
    };
    if b.get(n) != Some(&b'.') {
        return None;
    }
    let w = scan::skip_ws(t, n + 1);
    (w > n + 1 && w < t.len()).then_some(0..n)
}

/// A title line: a heading, or a short paragraph set in bold or italics.
fn is_title(doc: &Document, b: usize) -> bool {
    let block = &doc.markdown.blocks[b];
    match block.kind {
        BlockKind::Heading(_) => true,
        BlockKind::Paragraph if block.item.is_none() => {
            let src = doc.source.text.get(block.span.clone()).unwrap_or("").trim();
            block.text.split_whitespace().count() <= 15
                && (src.starts_with("**") || src.starts_with("__") || src.starts_with('*'))
        }
        _ => false,
    }
}

/// The written number of an ordered list item, read from the source: CommonMark renumbers
/// a list from its first item, so "14." after "14." would come out as 15.
fn written_number(src: &str, at: usize) -> Option<(u64, Range<usize>)> {
    let rest = src.get(at..)?;
    let lead = rest.len() - rest.trim_start().len();
    let digits: String = rest[lead..]
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    let v = digits.parse().ok()?;
    Some((v, at + lead..at + lead + digits.len()))
}

/// The draft's outline: every number that numbers something, in document order.
pub fn outline(doc: &Document) -> Vec<Mark> {
    let blocks = &doc.markdown.blocks;
    let src = doc.source.text.as_str();
    let mut o = Builder {
        out: Vec::new(),
        prev: [None; 9],
        in_annex: false,
    };
    let mut open_items: Vec<Range<usize>> = Vec::new();
    // The paren labels in order, for the letter-or-numeral lookahead.
    let paren: Vec<(usize, &str)> = blocks
        .iter()
        .enumerate()
        .filter_map(|(i, b)| {
            let l = b.label.as_deref()?;
            let inner = l.strip_prefix('(')?.strip_suffix(')')?;
            Some((i, inner))
        })
        .collect();
    let mut paren_at = 0;
    for (bi, b) in blocks.iter().enumerate() {
        if matches!(b.kind, BlockKind::TableCell { .. }) {
            continue;
        }
        if let Some(item) = b.item.as_ref().filter(|i| i.first_block) {
            while open_items
                .last()
                .is_some_and(|r| r.end <= item.item_span.start)
            {
                open_items.pop();
            }
            let nested = !open_items.is_empty();
            open_items.push(item.item_span.clone());
            if item.number.is_some() {
                if let Some((v, span)) = written_number(src, item.item_span.start) {
                    o.push(bi, Kind::Paragraph, v, span, nested);
                }
                continue;
            }
        }
        let text = b.text.trim_start();
        let lead = b.text.len() - text.len();
        if is_title(doc, bi) {
            if let Some((k_end, n)) = caption(text) {
                let k = text[..k_end].to_lowercase();
                let kind = match k.as_str() {
                    "annex" => Kind::Annex,
                    "table" => Kind::Table,
                    _ => Kind::Figure,
                };
                if kind == Kind::Annex {
                    o.in_annex = true;
                }
                let (value, span) = match n {
                    Some(n) => {
                        let s = &text[n.clone()];
                        let v = s
                            .parse::<u64>()
                            .ok()
                            .or_else(|| roman_value(s).filter(|_| s.len() > 1 || "IVX".contains(s)))
                            .or_else(|| letter_value(s));
                        (v, b.span_of(lead + n.start..lead + n.end))
                    }
                    None => (None, b.span_of(lead..lead + k_end)),
                };
                match value {
                    Some(v) => o.push(bi, kind, v, span, false),
                    // An unnumbered "Annex" still starts the annex's own numbering.
                    None if kind == Kind::Annex => o.push(bi, kind, 0, span, false),
                    None => {}
                }
                continue;
            }
            if let Some(n) = heading_number(text) {
                let next = blocks[bi + 1..]
                    .iter()
                    .take(200)
                    .filter(|nb| matches!(nb.kind, BlockKind::Heading(_)) || nb.label.is_some())
                    .find_map(|nb| {
                        let t = nb.text.trim_start();
                        heading_number(t).map(|n| &t[n])
                    });
                if let Some((is_letter, v)) = letter_or_roman(
                    &text[n.clone()],
                    o.prev[Kind::Subsection.index()],
                    o.prev[Kind::Section.index()],
                    next,
                ) {
                    let kind = if is_letter {
                        Kind::Subsection
                    } else {
                        Kind::Section
                    };
                    o.push(bi, kind, v, b.span_of(lead + n.start..lead + n.end), false);
                }
                continue;
            }
        }
        if !matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem) {
            continue;
        }
        let Some(inner) = b
            .label
            .as_deref()
            .and_then(|l| l.strip_prefix('('))
            .and_then(|l| l.strip_suffix(')'))
        else {
            continue;
        };
        while paren_at < paren.len() && paren[paren_at].0 <= bi {
            paren_at += 1;
        }
        let next = paren.get(paren_at).map(|p| p.1);
        let span = b.label_span.clone().unwrap_or(b.span.start..b.span.start);
        if let Ok(v) = inner.parse::<u64>() {
            o.push(bi, Kind::ParenNumber, v, span, false);
        } else if let Some((is_letter, v)) = letter_or_roman(
            inner,
            o.prev[Kind::Letter.index()],
            o.prev[Kind::Roman.index()],
            next,
        ) {
            let kind = if is_letter { Kind::Letter } else { Kind::Roman };
            o.push(bi, kind, v, span, false);
        }
    }
    o.out
}

struct Builder {
    out: Vec<Mark>,
    /// The last number of each kind, for telling "(i)" the letter from "(i)" the numeral.
    prev: [Option<u64>; 9],
    in_annex: bool,
}

impl Builder {
    fn push(&mut self, block: usize, kind: Kind, value: u64, span: Range<usize>, nested: bool) {
        // No draft numbers anything in the millions; such a "number" is a code or a year.
        if value > 1_000_000 {
            return;
        }
        if !nested {
            self.prev[kind.index()] = Some(value);
            for k in kind.resets() {
                self.prev[k.index()] = None;
            }
        }
        self.out.push(Mark {
            kind,
            value,
            span,
            block,
            in_annex: self.in_annex,
            nested,
        });
    }
}

fn article(noun: &str) -> &'static str {
    if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

#[derive(Default, Clone)]
struct Seq {
    prev: Option<(u64, usize)>,
    /// The outer number when a list restarted at 1 inside the sequence.
    outer: Option<(u64, usize)>,
    /// Reset by its parent (a numbered paragraph for letters): it should start at 1.
    under_parent: bool,
}

impl Rule for Numbering {
    fn meta(&self) -> &'static super::Meta {
        &Self::META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let marks = outline(doc);
        let mut seqs: Vec<Seq> = vec![Seq::default(); Kind::ALL.len()];
        for (mi, m) in marks.iter().enumerate() {
            if m.nested {
                continue;
            }
            let seq = &mut seqs[m.kind.index()];
            let n = m.value;
            let noun = m.kind.noun();
            // Annexes are numbered I, II or 1, 2 or A, B: show them as the draft does.
            let written = doc.source.text.get(m.span.clone()).unwrap_or("");
            let show = |kind: Kind, v: u64| -> String {
                if kind != Kind::Annex || written.chars().all(|c| c.is_ascii_digit()) {
                    show(kind, v)
                } else if roman_value(written) == Some(m.value) {
                    roman(v, false)
                } else {
                    ((b'A' + (v.clamp(1, 26) - 1) as u8) as char).to_string()
                }
            };
            let shown = show(m.kind, n);
            let problem = match seq.prev {
                // An unnumbered "Annex" numbers nothing but starts the annex's own numbering.
                _ if n == 0 => None,
                None => {
                    if seq.under_parent && m.kind.starts_under_parent() && n != 1 {
                        let first = show(m.kind, 1);
                        Some((
                            format!("{noun}s start at {shown}: {first} is missing"),
                            None,
                            format!("start the sequence at {first}, or check whether {} {noun} was deleted", article(noun)),
                        ))
                    } else {
                        None
                    }
                }
                Some((p, _)) if n == p + 1 => None,
                Some((p, _)) if n == 1 && m.kind == Kind::Paragraph => {
                    // A list of its own inside the text, or a new part numbered afresh.
                    seq.outer = Some((p, mi));
                    None
                }
                Some(_) if seq.outer.is_some_and(|(o, _)| n == o + 1) => {
                    seq.outer = None;
                    None
                }
                Some((p, pi)) => {
                    let prev_shown = show(m.kind, p);
                    let prev_span = marks[pi].span.clone();
                    if n == p {
                        let want = show(m.kind, p + 1);
                        Some((
                            format!("{noun} number {shown} is repeated: the previous {noun} is also {prev_shown}"),
                            Some((prev_span, format!("{prev_shown} here"))),
                            format!("did you mean {want}? Check the references to the {noun}s after it"),
                        ))
                    } else if n > p + 1 {
                        let missing = if n == p + 2 {
                            format!("{} is missing", show(m.kind, p + 1))
                        } else {
                            format!(
                                "{} to {} are missing",
                                show(m.kind, p + 1),
                                show(m.kind, n - 1)
                            )
                        };
                        Some((
                            format!("{noun} numbers jump from {prev_shown} to {shown}: {missing}"),
                            Some((prev_span, format!("previous: {prev_shown}"))),
                            format!("check whether {} {noun} was deleted or merged, then renumber by hand and check the references", article(noun)),
                        ))
                    } else {
                        Some((
                            format!("{noun} {shown} comes after {noun} {prev_shown}: the numbers run backwards"),
                            Some((prev_span, format!("{prev_shown} here"))),
                            format!("check the order of the {noun}s"),
                        ))
                    }
                }
            };
            seq.prev = Some((n, mi));
            seq.under_parent = false;
            for k in m.kind.resets() {
                seqs[k.index()] = Seq {
                    under_parent: true,
                    ..Seq::default()
                };
            }
            if let Some((message, label, help)) = problem {
                let mut f =
                    Finding::new(self.meta().id, Severity::Warning, m.span.clone(), message)
                        .help(help);
                if let Some((span, text)) = label {
                    f = f.label(span, text);
                }
                out.push(f);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::scan::{boundaries, Texts};
    use regex::Regex;

    /// The regexes the matchers replaced, kept to check that they read the same.
    fn caption_re() -> Regex {
        Regex::new(
            r"^(?i:(?P<k>annex|table|figure))(?:\s+(?P<n>[IVXLC]+|[0-9]+|[A-Z]))?(?:$|[\s.:–—-])",
        )
        .unwrap()
    }

    fn heading_re() -> Regex {
        Regex::new(r"^(?P<n>[IVXLC]+|[A-Z])\.\s+\S").unwrap()
    }

    const BETWEEN: [&str; 22] = [
        " ", " ", "", "", "  ", "\u{a0}", "\u{2003}", "\n", ".", ". ", ".  ", ".\u{a0}", ":", ": ",
        "–", "—", "-", " - ", "_", ",", "(", ")",
    ];

    /// Captions read as the regex did, at every start of the generated texts.
    #[test]
    fn captions_read_as_the_regex_did() {
        const WORDS: [&str; 31] = [
            "Annex", "annex", "ANNEX", "Annexes", "Table", "table", "TaBLE", "Tables", "Figure",
            "figure", "FIGURE", "Fig", "I", "II", "IV", "XIV", "IVa", "IIx", "3", "12", "3a", "A",
            "B", "Z", "AB", "x", "é", "IV.", "A.", "1.", "Title",
        ];
        let re = caption_re();
        let mut texts = Texts::new(0xcab7);
        let (mut found, mut numbered) = (0, 0);
        for n in 0..60_000 {
            let mut text = String::new();
            if n % 2 == 0 {
                // A keyword and a number, then anything.
                text.push_str(texts.pick(&WORDS[..12]));
                text.push_str(texts.pick(&[" ", "  ", "\u{a0}", "\n", ""]));
                text.push_str(texts.pick(&WORDS[12..]));
                text.push_str(texts.pick(&BETWEEN));
            }
            text.push_str(&texts.text(&WORDS, &BETWEEN, 5));
            for i in boundaries(&text) {
                let t = &text[i..];
                let want = re
                    .captures(t)
                    .map(|c| (c.name("k").unwrap().range(), c.name("n").map(|n| n.range())));
                let got = caption(t).map(|(k, n)| (0..k, n));
                assert_eq!(got, want, "{t:?}");
                found += usize::from(got.is_some());
                numbered += usize::from(got.is_some_and(|(_, n)| n.is_some()));
            }
        }
        assert!(found > 30_000 && numbered > 10_000, "{found} {numbered}");
    }

    /// Heading numbers read as the regex did, at every start of the generated texts.
    #[test]
    fn heading_numbers_read_as_the_regex_did() {
        const WORDS: [&str; 18] = [
            "I", "II", "IV", "XIV", "LC", "IVa", "A", "B", "Z", "AB", "x", "a", "é", "Title", "3",
            "I.", "A.", "",
        ];
        let re = heading_re();
        let mut texts = Texts::new(0x4ead);
        let mut found = 0;
        for _ in 0..60_000 {
            let text = texts.text(&WORDS, &BETWEEN, 5);
            for i in boundaries(&text) {
                let t = &text[i..];
                let want = re.captures(t).map(|c| c.name("n").unwrap().range());
                let got = heading_number(t);
                assert_eq!(got, want, "{t:?}");
                found += usize::from(got.is_some());
            }
        }
        assert!(found > 10_000, "{found}");
    }

    #[test]
    fn captions_and_headings_by_example() {
        assert_eq!(caption("Table 3: Funds"), Some((5, Some(6..7))));
        assert_eq!(caption("ANNEX II"), Some((5, Some(6..8))));
        assert_eq!(caption("Table 3a"), Some((5, None)));
        assert_eq!(caption("Tables 3"), None);
        assert_eq!(heading_number("II. Title"), Some(0..2));
        assert_eq!(heading_number("B.\u{a0}Title"), Some(0..1));
        assert_eq!(heading_number("II.Title"), None);
        assert_eq!(heading_number("IIa. Title"), None);
    }

    #[test]
    fn roman_numerals_round_trip() {
        assert_eq!(roman_value("iv"), Some(4));
        assert_eq!(roman_value("XIV"), Some(14));
        assert_eq!(roman_value("iiii"), None);
        assert_eq!(roman(23, false), "XXIII");
    }

    #[test]
    fn i_after_h_is_a_letter() {
        assert_eq!(
            letter_or_roman("i", Some(8), None, Some("j")),
            Some((true, 9))
        );
        assert_eq!(
            letter_or_roman("i", None, None, Some("ii")),
            Some((false, 1))
        );
        assert_eq!(
            letter_or_roman("i", Some(8), None, Some("ii")),
            Some((false, 1))
        );
        assert_eq!(letter_or_roman("v", None, Some(4), None), Some((false, 5)));
        assert_eq!(letter_or_roman("c", Some(2), None, None), Some((true, 3)));
    }
}
