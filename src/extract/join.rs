//! Paragraphs that a page break cut in two, joined back for extraction.
//!
//! Word and PDF conversions leave a page break as a blank line, a `---` rule, the page's
//! footnotes or its running header in the middle of a paragraph. A block is read as the first
//! half of such a paragraph when it is prose that stops mid-sentence and the next prose block
//! plainly continues it: it starts in lower case, it completes a name the first half began
//! ("... Sri" / "Lanka"), or the first half ends on a word no sentence ends on ("the goal of
//! the" / "NMAP is ..."). A numbered paragraph followed, across page furniture only, by an
//! unnumbered paragraph wedged before the next numbered one is read the same way.
//! Headings, table cells, titles set in bold and short list items never count.

use crate::knowledge::Knowledge;
use crate::markdown::{Block, BlockKind, Markdown, Seg};
use std::ops::Range;

/// Why a block was read as continuing the one before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitKind {
    /// The second half starts in lower case.
    LowerCase,
    /// A known name runs across the break ("Sri" / "Lanka").
    CompletesName(String),
    /// The first half ends on a word no sentence ends on ("of the").
    Dangling(String),
    /// A numbered paragraph goes on, unnumbered, after a page break.
    AfterPageBreak,
}

/// Where one block was found to continue in the next.
#[derive(Debug, Clone)]
pub struct Split {
    /// Index of the block that ends mid-sentence.
    pub first: usize,
    /// Index of the block that continues it.
    pub second: usize,
    /// Source range of the break, from the end of the first half to the start of the second.
    pub gap: Range<usize>,
    pub kind: SplitKind,
}

pub struct Joined {
    pub units: Vec<Block>,
    pub unit_blocks: Vec<Vec<usize>>,
    pub splits: Vec<Split>,
}

/// Words a sentence does not end on: a block that stops on one stops mid-sentence.
const DANGLING: &[&str] = &[
    "the",
    "a",
    "an",
    "of",
    "and",
    "or",
    "nor",
    "to",
    "in",
    "for",
    "with",
    "by",
    "on",
    "at",
    "from",
    "that",
    "which",
    "whose",
    "its",
    "their",
    "his",
    "her",
    "our",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "has",
    "have",
    "had",
    "as",
    "between",
    "among",
    "under",
    "into",
    "than",
    "this",
    "these",
    "those",
    "but",
    "whether",
    "if",
    "because",
    "both",
    "either",
    "neither",
    "each",
    "every",
    "per",
    "via",
    "upon",
    "within",
    "without",
    "towards",
    "toward",
    "through",
    "about",
    "against",
    "during",
    "including",
    "whereas",
    "while",
    "where",
    "who",
    "whom",
    "such",
    "not",
    "will",
    "shall",
    "would",
    "should",
    "could",
    "can",
    "may",
    "must",
];

/// How far ahead of a first half to look for its continuation, past page furniture.
const LOOKAHEAD: usize = 6;
/// Fewer words than this is a title, a caption or a short list item, not a cut paragraph.
const MIN_WORDS: usize = 8;

/// `src` is the whole source text: block spans index into it.
pub fn join_split_paragraphs(md: &Markdown, src: &str, kb: &Knowledge) -> Joined {
    let cx = Cx { md, src };
    let mut splits = Vec::new();
    let blocks = &md.blocks;
    let mut i = 0;
    while i < blocks.len() {
        if let Some((j, kind)) = continuation(&cx, i, kb) {
            splits.push(Split {
                first: i,
                second: j,
                gap: blocks[i].span.end..blocks[j].span.start,
                kind,
            });
            i = j;
        } else {
            i += 1;
        }
    }

    // Units in block order: a split's second half (and any chain after it) folds into the
    // unit of its first half; the furniture between stays a unit of its own.
    let mut next_of = vec![usize::MAX; blocks.len()];
    let mut is_second = vec![false; blocks.len()];
    for s in &splits {
        next_of[s.first] = s.second;
        is_second[s.second] = true;
    }
    let mut units = Vec::with_capacity(blocks.len());
    let mut unit_blocks = Vec::with_capacity(blocks.len());
    for b in 0..blocks.len() {
        if is_second[b] {
            continue;
        }
        let mut unit = blocks[b].clone();
        let mut members = vec![b];
        let mut cur = b;
        while next_of[cur] != usize::MAX {
            cur = next_of[cur];
            append(&mut unit, &blocks[cur]);
            members.push(cur);
        }
        units.push(unit);
        unit_blocks.push(members);
    }
    Joined {
        units,
        unit_blocks,
        splits,
    }
}

/// Appends the second half of a split paragraph: one space for the break, then its text,
/// with its segments moved along so that every offset still maps to its own source bytes.
fn append(unit: &mut Block, second: &Block) {
    let gap = unit.span.end..second.span.start.max(unit.span.end);
    unit.segs.push(Seg {
        text_start: unit.text.len(),
        src_start: gap.start,
        src_end: gap.end,
        exact: false,
    });
    unit.text.push(' ');
    let base = unit.text.len();
    for s in &second.segs {
        unit.segs.push(Seg {
            text_start: s.text_start + base,
            ..*s
        });
    }
    unit.text.push_str(&second.text);
    unit.span.end = unit.span.end.max(second.span.end);
}

/// The block that continues block `i`, if any, and why.
fn continuation(cx: &Cx, i: usize, kb: &Knowledge) -> Option<(usize, SplitKind)> {
    let md = cx.md;
    let blocks = &md.blocks;
    let first = &blocks[i];
    if !can_be_first(cx, first) {
        return None;
    }
    // Skip page furniture to the next real block.
    let mut j = i + 1;
    let mut furniture = false;
    while j < blocks.len() && j <= i + LOOKAHEAD && is_furniture(cx, first, &blocks[j]) {
        furniture = true;
        j += 1;
    }
    let second = blocks.get(j)?;
    if !can_be_second(cx, first, second) {
        return None;
    }
    let gap = first.span.end..second.span.start;
    furniture |= !in_gap(&md.breaks, |r| r.clone(), &gap).is_empty()
        || !in_gap(&md.footnote_defs, |d| d.1.clone(), &gap).is_empty();
    if !gap_is_clean(cx, i, j) {
        return None;
    }
    let head = second.text.trim_start();
    let starts_lower = head.chars().next().is_some_and(|c| c.is_lowercase());
    if ends_closed(&first.text) {
        // Only the wedged unnumbered paragraph after a page break reads as a continuation.
        let numbered = first
            .label
            .as_deref()
            .is_some_and(|l| l.chars().all(|c| c.is_ascii_digit()) || l.starts_with('('));
        let next_labelled = blocks[j + 1..]
            .iter()
            .find(|b| !is_furniture(cx, first, b))
            .is_some_and(|b| b.label.is_some());
        if furniture
            && numbered
            && next_labelled
            && !starts_lower
            && second.item.is_none()
            && at_least_words(&second.text, MIN_WORDS)
        {
            return Some((j, SplitKind::AfterPageBreak));
        }
        return None;
    }
    if starts_lower {
        return Some((j, SplitKind::LowerCase));
    }
    if let Some(name) = name_across(&first.text, &second.text, kb) {
        return Some((j, SplitKind::CompletesName(name)));
    }
    let last = last_word(&first.text)?;
    if DANGLING.contains(&last.to_lowercase().as_str())
        && head
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    {
        return Some((j, SplitKind::Dangling(last.to_string())));
    }
    None
}

/// The items of a list in source order whose span lies inside `gap`, found by binary search
/// so that looking at every paragraph's gap stays linear overall.
fn in_gap<'a, T>(items: &'a [T], span: impl Fn(&T) -> Range<usize>, gap: &Range<usize>) -> &'a [T] {
    let from = items.partition_point(|t| span(t).start < gap.start);
    let to = items.partition_point(|t| span(t).start < gap.end);
    let to = to.max(from);
    let mut end = from;
    while end < to && span(&items[end]).end <= gap.end {
        end += 1;
    }
    &items[from..end]
}

/// True when `s` has `n` words or more: counted only that far, since every prose block is
/// asked and most are far longer.
fn at_least_words(s: &str, n: usize) -> bool {
    n == 0 || s.split_whitespace().nth(n - 1).is_some()
}

fn is_prose_kind(b: &Block) -> bool {
    matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem)
}

/// A paragraph set wholly in bold or italics is a title line, not running prose.
fn is_title(md_src: Option<&str>) -> bool {
    let Some(s) = md_src else { return false };
    let s = s.trim();
    ["**", "__", "*", "_"]
        .iter()
        .any(|m| s.starts_with(m) && s.ends_with(m) && s.len() > 2 * m.len())
}

struct Cx<'a> {
    md: &'a Markdown,
    src: &'a str,
}

fn source_of<'a>(cx: &Cx<'a>, b: &Block) -> Option<&'a str> {
    cx.src.get(b.span.clone())
}

fn can_be_first(cx: &Cx, b: &Block) -> bool {
    is_prose_kind(b) && at_least_words(&b.text, MIN_WORDS) && !is_title(source_of(cx, b))
}

fn can_be_second(cx: &Cx, first: &Block, b: &Block) -> bool {
    b.kind == BlockKind::Paragraph
        && b.label.is_none()
        && b.item.as_ref().is_none_or(|it| !it.first_block)
        && b.footnote == first.footnote
        && b.quote_depth == first.quote_depth
        && !is_title(source_of(cx, b))
}

/// Footnotes, `*` notes and running headers or footers that a page break leaves between the
/// halves of a paragraph.
fn is_furniture(cx: &Cx, first: &Block, b: &Block) -> bool {
    if b.footnote.is_some() && first.footnote.is_none() {
        return true;
    }
    if !matches!(b.kind, BlockKind::Paragraph) || b.item.is_some() || b.label.is_some() {
        return false;
    }
    let t = b.text.trim();
    if t.starts_with('*') || t.starts_with('†') {
        return true;
    }
    page_line(t) && !is_title(source_of(cx, b))
}

/// A running header or footer: a page number, a job number or a document symbol.
fn page_line(t: &str) -> bool {
    if t.split_whitespace().count() > 4 {
        return false;
    }
    let lower = t.to_lowercase();
    let digits_only = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if digits_only(t) {
        return true;
    }
    let stripped = t.trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    if digits_only(stripped) {
        return true;
    }
    if let Some(rest) = lower
        .strip_prefix("page ")
        .or_else(|| lower.strip_prefix("p. "))
    {
        return rest.split_whitespace().next().is_some_and(digits_only);
    }
    if t.starts_with("GE.") && t[3..].starts_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    // A document symbol alone on its line: "A/CONF.2019/3", "APLC/CONF/2019/WP.7".
    t.split_whitespace().count() == 1
        && t.contains('/')
        && t.starts_with(|c: char| c.is_ascii_uppercase())
        && !t.contains(|c: char| c.is_lowercase())
}

/// Between the halves there must be nothing but white space, furniture, rules, footnote
/// definitions and comments: a table, code or a heading means a real paragraph break.
fn gap_is_clean(cx: &Cx, i: usize, j: usize) -> bool {
    let (md, src) = (cx.md, cx.src);
    let blocks = &md.blocks;
    let (first, second) = (&blocks[i], &blocks[j]);
    let gap = first.span.end..second.span.start;
    let mut covered: Vec<Range<usize>> = blocks[i + 1..j].iter().map(|b| b.span.clone()).collect();
    covered.extend(in_gap(&md.breaks, |r| r.clone(), &gap).iter().cloned());
    covered.extend(
        in_gap(&md.footnote_defs, |d| d.1.clone(), &gap)
            .iter()
            .map(|(_, r)| r.clone()),
    );
    covered.extend(
        in_gap(&md.comments, |c| c.span.clone(), &gap)
            .iter()
            .map(|c| c.span.clone()),
    );
    covered.sort_by_key(|r| r.start);
    let mut at = gap.start;
    for r in covered.iter().chain(std::iter::once(&(gap.end..gap.end))) {
        if r.start > at {
            let Some(piece) = src.get(at..r.start) else {
                return false;
            };
            // Markdown's own container markers (a list item's indent, a quote's `>`) are
            // white space here.
            if !piece.chars().all(|c| c.is_whitespace() || c == '>') {
                return false;
            }
        }
        at = at.max(r.end);
    }
    true
}

/// True when the text ends a sentence or a clause that introduces what follows.
pub fn ends_closed(text: &str) -> bool {
    let t = text.trim_end().trim_end_matches(|c: char| {
        matches!(c, '"' | '\'' | '’' | '”' | ')' | ']' | '*' | '†') || c.is_ascii_digit()
    });
    // A trailing footnote number ("... in 2019.3") is stripped above; put the stop back if
    // the digits were the whole tail.
    let t = if t.is_empty() { text.trim_end() } else { t };
    t.ends_with(['.', '!', '?', ':', ';', '…'])
}

fn last_word(text: &str) -> Option<&str> {
    let t = text.trim_end();
    let start = t
        .rfind(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .map_or(0, |p| p + t[p..].chars().next().map_or(1, |c| c.len_utf8()));
    let w = &t[start..];
    (!w.is_empty()).then_some(w)
}

/// A known name that starts in the first half and ends in the second.
fn name_across(first: &str, second: &str, kb: &Knowledge) -> Option<String> {
    let tail_start = crate::source::floor_char_boundary(first, first.len().saturating_sub(80));
    let tail = first[tail_start..].trim_end();
    let head_end = crate::source::floor_char_boundary(second, second.len().min(80));
    let head = second[..head_end].trim_start();
    let probe = format!("{tail} {head}");
    let junction = tail.len();
    for g in &kb.gazetteers {
        for hit in g.find(&probe) {
            if hit.range.start < junction && hit.range.end > junction + 1 {
                return Some(probe[hit.range].to_string());
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::parse;

    fn joined(s: &str) -> Joined {
        let md = parse(s, 0);
        join_split_paragraphs(&md, s, &Knowledge::builtin())
    }

    #[test]
    fn a_name_cut_by_a_page_break_is_read_whole() {
        let s = "(a) Two States Parties acceded to the Convention this year, namely Sri\n\nLanka and Chile, and both reported.\n";
        let j = joined(s);
        assert_eq!(j.splits.len(), 1);
        assert!(matches!(&j.splits[0].kind, SplitKind::CompletesName(n) if n == "Sri Lanka"));
        let u = &j.units[0];
        let t = u.text.find("Sri Lanka").expect("joined with one space");
        assert_eq!(&s[u.span_of(t..t + 3)], "Sri");
        assert_eq!(&s[u.span_of(t + 4..t + 9)], "Lanka");
        let hits = Knowledge::builtin().states().find(&u.text);
        assert!(hits.iter().any(|h| &u.text[h.range.clone()] == "Sri Lanka"));
    }

    #[test]
    fn lower_case_and_dangling_words_continue() {
        let j = joined("The Committee met four times and considered a paper on national support\n\nservices, in line with its mandate.\n\nThe Committee adopted a paper on the goal of the\n\nPlatform is to help.\n");
        assert_eq!(j.splits.len(), 2);
        assert_eq!(j.splits[0].kind, SplitKind::LowerCase);
        assert!(matches!(j.splits[1].kind, SplitKind::Dangling(_)));
        assert_eq!(j.units.len(), 2);
    }

    #[test]
    fn short_items_headings_and_titles_do_not() {
        let j = joined("- Bosnia and Herzegovina\n- Chile\n\n## The goal of the\n\nwork is here.\n\n**A bold title line that has more than eight words of the**\n\nlower case text follows here.\n");
        assert!(j.splits.is_empty());
    }

    #[test]
    fn numbered_paragraph_after_a_footnote_and_rule() {
        let s = "3. The States Parties have continued to express support for the work.\n\n---\n\n\\* Issued late.\n\nAt the meeting, it was agreed that each State Party would report on its work.\n\n4. Next paragraph here.\n";
        let j = joined(s);
        assert_eq!(j.splits.len(), 1);
        assert_eq!(j.splits[0].kind, SplitKind::AfterPageBreak);
    }
}
