use super::{Context, Rule};
use crate::declare_rule;
use crate::extract::join::SplitKind;
use crate::finding::{Finding, Severity};
use crate::markdown::Block;
use std::ops::Range;

declare_rule! {
    /// ## What it does
    /// Finds paragraphs that a page break cut in two: a paragraph that stops mid-sentence
    /// ("... The goal of the", "... economic support", "... Sri") and a next block that plainly
    /// continues it (it starts in lower case, it completes the name, "Lanka and ...", or it
    /// follows only a footnote, a `---` rule or a running header). A numbered paragraph
    /// followed, across a page's footnotes, by an unnumbered paragraph before the next
    /// numbered one is reported too, as information, since that first half ends with a full
    /// stop and may be a paragraph of its own that lost its number.
    ///
    /// For every other rule the two halves are one paragraph: counts, lists and names in them
    /// are read whole ("Sri" + "Lanka" is Sri Lanka).
    ///
    /// ## Why is this bad?
    /// The break is left over from a Word or PDF conversion. Published as it is, the
    /// paragraph reads as two, one of them without a number, and a name or a sentence is cut.
    ///
    /// ## Example
    /// ```markdown
    /// 12. The States Parties continue to recognise the need for economic support
    ///
    /// services, in line with donor priorities.
    /// ```
    /// fires. These stay quiet: a heading, a table, a short list item without a full stop.
    /// ```markdown
    /// - Bosnia and Herzegovina
    /// - Saint Lucia
    /// ```
    ///
    /// ## Fix
    /// Remove the break (and move any footnote it carried to the end of the paragraph) so
    /// that the paragraph reads whole.
    pub struct SplitParagraph {
        id: "split-paragraph",
        severity: Warning,
        summary: "a paragraph cut in two by a page break",
    }
}

/// The last `n` words of a text, as a text range.
fn tail_words(t: &str, n: usize) -> Range<usize> {
    let end = t.trim_end().len();
    let mut start = end;
    let mut seen = 0;
    for (i, c) in t[..end].char_indices().rev() {
        if c.is_whitespace() {
            seen += 1;
            if seen == n {
                break;
            }
        }
        start = i;
    }
    start..end
}

/// The first `n` words of a text, as a text range.
fn head_words(t: &str, n: usize) -> Range<usize> {
    let start = t.len() - t.trim_start().len();
    let mut end = t.len();
    let mut seen = 0;
    for (i, c) in t[start..].char_indices() {
        if c.is_whitespace() {
            seen += 1;
            if seen == n {
                end = start + i;
                break;
            }
        }
    }
    start..end
}

fn name_of(b: &Block) -> String {
    match b.label.as_deref() {
        Some(l) if l.starts_with('(') => format!("sub-paragraph {l}"),
        Some(l) if l.chars().all(|c| c.is_ascii_digit()) => format!("paragraph {l}"),
        _ => "this paragraph".to_string(),
    }
}

impl Rule for SplitParagraph {
    fn meta(&self) -> &'static super::Meta {
        &Self::META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let src = &doc.source;
        for s in &doc.splits {
            let first = &doc.markdown.blocks[s.first];
            let second = &doc.markdown.blocks[s.second];
            let last = first.span_of(tail_words(&first.text, 1));
            let tail = first.span_of(tail_words(&first.text, 4));
            let head = second.span_of(head_words(&second.text, 4));
            let at = src.line_col(head.start).0;
            let what = name_of(first);
            let tail_s = &src.text[tail.clone()];
            let head_s = &src.text[head.clone()];
            let message = match &s.kind {
                SplitKind::LowerCase | SplitKind::Dangling(_) => format!(
                    "{what} is cut in two: \"... {tail_s}\" goes on at line {at} with \"{head_s} ...\""
                ),
                SplitKind::CompletesName(name) => format!(
                    "{what} is cut in two inside the name \"{name}\": \"... {tail_s}\" / \"{head_s} ...\""
                ),
                SplitKind::AfterPageBreak => format!(
                    "{what} goes on after a page break: the unnumbered paragraph at line {at} (\"{head_s} ...\") continues it"
                ),
            };
            let help = match &s.kind {
                SplitKind::AfterPageBreak => "remove the page break and move the footnote after the paragraph, or number the paragraph if it stands alone",
                _ => "remove the page break so that the paragraph reads whole",
            };
            // A first half that ends with a full stop may be a paragraph of its own that lost
            // its number: likely a split, but less certain than a cut sentence.
            let severity = match s.kind {
                SplitKind::AfterPageBreak => Severity::Info,
                _ => Severity::Warning,
            };
            out.push(
                Finding::new(self.meta().id, severity, last, message)
                    .label(tail, "stops here")
                    .label(head, "continues here")
                    .help(help),
            );
        }
    }
}
