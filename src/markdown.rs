//! Markdown to prose blocks, each with its plain text and an exact map back to source bytes.
//!
//! Only prose is kept: code, HTML and link targets are not text an editor wrote as claims.
//! HTML comments are collected on the side because they carry tally's suppression directives.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// Stands in the plain text for an inline code span: not prose, but not nothing either, so
/// that words on both sides of it are not glued together.
pub const CODE_PLACEHOLDER: char = '\u{FFFC}';

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading(u8),
    /// The text of a tight list item, which CommonMark does not wrap in a paragraph.
    ListItem,
    TableCell {
        table: usize,
        row: usize,
        col: usize,
        header: bool,
    },
}

/// Where a block sits inside a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemCtx {
    /// Identifies the list among the document's lists.
    pub list: usize,
    /// The item's number in an ordered list (the list's start plus its index).
    pub number: Option<u64>,
    pub index: usize,
    /// Source range of the whole item.
    pub item_span: Range<usize>,
    /// True for the first block of the item, the one that carries its number.
    pub first_block: bool,
}

/// A piece of the plain text and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seg {
    pub text_start: usize,
    pub src_start: usize,
    pub src_end: usize,
    /// True when the text is the source slice byte for byte, so offsets map one to one.
    pub exact: bool,
}

#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
    pub segs: Vec<Seg>,
    /// Source range of the block.
    pub span: Range<usize>,
    pub item: Option<ItemCtx>,
    pub footnote: Option<String>,
    pub quote_depth: usize,
    /// The paragraph's own label: "18" for a numbered paragraph, "(a)" or "(iv)" for a
    /// lettered or roman sub-paragraph, "II" for a section heading.
    pub label: Option<String>,
    pub label_span: Option<Range<usize>>,
    /// Where the prose starts in `text`, after the label.
    pub body_start: usize,
}

impl Block {
    /// Source offset of a text offset.
    pub fn src(&self, t: usize) -> usize {
        if self.segs.is_empty() {
            return self.span.start;
        }
        let i = self.segs.partition_point(|s| s.text_start <= t).max(1) - 1;
        let s = self.segs[i];
        if s.exact {
            (s.src_start + (t - s.text_start)).min(s.src_end)
        } else {
            s.src_start
        }
    }

    /// Source offset just after the text before `t`.
    pub fn src_end(&self, t: usize) -> usize {
        if t == 0 || self.segs.is_empty() {
            return self.src(t);
        }
        let i = self.segs.partition_point(|s| s.text_start < t).max(1) - 1;
        let s = self.segs[i];
        if s.exact {
            (s.src_start + (t - s.text_start)).min(s.src_end)
        } else {
            s.src_end
        }
    }

    /// Source range of a text range.
    pub fn span_of(&self, r: Range<usize>) -> Range<usize> {
        let start = self.src(r.start);
        let end = self.src_end(r.end).max(start);
        start..end
    }

    /// The prose after the paragraph's label.
    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    fn push(&mut self, text: &str, src: Range<usize>, exact: bool) {
        if text.is_empty() {
            return;
        }
        self.segs.push(Seg {
            text_start: self.text.len(),
            src_start: src.start,
            src_end: src.end,
            exact,
        });
        self.text.push_str(text);
    }
}

/// An HTML comment: `<!-- ... -->`, with its inner text trimmed.
#[derive(Debug, Clone)]
pub struct Comment {
    pub span: Range<usize>,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct FootnoteRef {
    pub label: String,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, Default)]
pub struct Markdown {
    pub blocks: Vec<Block>,
    pub comments: Vec<Comment>,
    pub footnote_refs: Vec<FootnoteRef>,
    /// Footnote definitions: label and source span.
    pub footnote_defs: Vec<(String, Range<usize>)>,
    /// Thematic breaks (`---`).
    pub breaks: Vec<Range<usize>>,
    /// YAML or TOML front matter, verbatim, with its span.
    pub front_matter: Option<(String, Range<usize>)>,
}

struct OpenItem {
    list: usize,
    number: Option<u64>,
    index: usize,
    span: Range<usize>,
    blocks: usize,
}

struct OpenList {
    id: usize,
    next: Option<u64>,
    count: usize,
}

/// Parses a document body. `base` is added to every offset (the BOM's length).
pub fn parse(body: &str, base: usize) -> Markdown {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_FOOTNOTES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    opts.insert(Options::ENABLE_YAML_STYLE_METADATA_BLOCKS);
    opts.insert(Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS);

    let mut md = Markdown::default();
    let mut cur: Option<Block> = None;
    let mut lists: Vec<OpenList> = Vec::new();
    let mut items: Vec<OpenItem> = Vec::new();
    let mut list_ids = 0usize;
    let mut footnote: Option<String> = None;
    let mut quote_depth = 0usize;
    let mut skip_depth = 0usize; // inside code blocks, images, metadata
    let mut in_metadata = false;
    let mut table = (0usize, 0usize, 0usize, false); // table id, row, col, in head
    let mut tables = 0usize;

    let new_block = |kind: BlockKind,
                     start: usize,
                     items: &mut Vec<OpenItem>,
                     footnote: &Option<String>,
                     quote_depth: usize|
     -> Block {
        let item = items.last_mut().map(|it| {
            it.blocks += 1;
            ItemCtx {
                list: it.list,
                number: it.number,
                index: it.index,
                item_span: it.span.clone(),
                first_block: it.blocks == 1,
            }
        });
        Block {
            kind,
            text: String::new(),
            segs: Vec::new(),
            span: start..start,
            item,
            footnote: footnote.clone(),
            quote_depth,
            label: None,
            label_span: None,
            body_start: 0,
        }
    };

    for (event, range) in Parser::new_ext(body, opts).into_offset_iter() {
        let range = range.start + base..range.end + base;
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph | Tag::Heading { .. } | Tag::TableCell => {
                    if let Some(b) = cur.take() {
                        finish(&mut md, b);
                    }
                    let kind = match tag {
                        Tag::Heading { level, .. } => BlockKind::Heading(level as u8),
                        Tag::TableCell => {
                            let k = BlockKind::TableCell {
                                table: table.0,
                                row: table.1,
                                col: table.2,
                                header: table.3,
                            };
                            table.2 += 1;
                            k
                        }
                        _ => BlockKind::Paragraph,
                    };
                    let mut b = new_block(kind, range.start, &mut items, &footnote, quote_depth);
                    b.span = range.clone();
                    cur = Some(b);
                }
                Tag::List(start) => {
                    if let Some(b) = cur.take() {
                        finish(&mut md, b);
                    }
                    lists.push(OpenList {
                        id: list_ids,
                        next: start,
                        count: 0,
                    });
                    list_ids += 1;
                }
                Tag::Item => {
                    if let Some(b) = cur.take() {
                        finish(&mut md, b);
                    }
                    let (list, number, index) = match lists.last_mut() {
                        Some(l) => {
                            let n = l.next;
                            l.next = l.next.map(|n| n + 1);
                            l.count += 1;
                            (l.id, n, l.count - 1)
                        }
                        None => (usize::MAX, None, 0),
                    };
                    items.push(OpenItem {
                        list,
                        number,
                        index,
                        span: range.clone(),
                        blocks: 0,
                    });
                }
                Tag::FootnoteDefinition(label) => {
                    if let Some(b) = cur.take() {
                        finish(&mut md, b);
                    }
                    md.footnote_defs.push((label.to_string(), range.clone()));
                    footnote = Some(label.to_string());
                }
                Tag::BlockQuote(_) => {
                    if let Some(b) = cur.take() {
                        finish(&mut md, b);
                    }
                    quote_depth += 1;
                }
                Tag::Table(_) => {
                    table = (tables, 0, 0, false);
                    tables += 1;
                }
                Tag::TableHead => {
                    table.3 = true;
                    table.2 = 0;
                }
                Tag::TableRow => {
                    table.2 = 0;
                }
                Tag::CodeBlock(_) | Tag::Image { .. } => {
                    if matches!(tag, Tag::CodeBlock(_)) {
                        if let Some(b) = cur.take() {
                            finish(&mut md, b);
                        }
                    }
                    skip_depth += 1;
                }
                Tag::MetadataBlock(_) => {
                    in_metadata = true;
                    md.front_matter = Some((String::new(), range.clone()));
                }
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell => {
                    if let Some(b) = cur.take() {
                        finish(&mut md, b);
                    }
                }
                TagEnd::Item => {
                    if let Some(b) = cur.take() {
                        finish(&mut md, b);
                    }
                    items.pop();
                }
                TagEnd::List(_) => {
                    lists.pop();
                }
                TagEnd::FootnoteDefinition => {
                    if let Some(b) = cur.take() {
                        finish(&mut md, b);
                    }
                    footnote = None;
                }
                TagEnd::BlockQuote(_) => {
                    if let Some(b) = cur.take() {
                        finish(&mut md, b);
                    }
                    quote_depth = quote_depth.saturating_sub(1);
                }
                TagEnd::TableHead => {
                    table.3 = false;
                    table.1 += 1;
                }
                TagEnd::TableRow => {
                    table.1 += 1;
                }
                TagEnd::CodeBlock | TagEnd::Image => {
                    skip_depth = skip_depth.saturating_sub(1);
                }
                TagEnd::MetadataBlock(_) => in_metadata = false,
                _ => {}
            },
            Event::Text(text) => {
                if in_metadata {
                    if let Some((fm, _)) = md.front_matter.as_mut() {
                        fm.push_str(&text);
                    }
                    continue;
                }
                if skip_depth > 0 {
                    continue;
                }
                if cur.is_none() {
                    // Text straight inside a list item: a tight list.
                    if items.is_empty() {
                        continue;
                    }
                    let mut b = new_block(
                        BlockKind::ListItem,
                        range.start,
                        &mut items,
                        &footnote,
                        quote_depth,
                    );
                    b.span = range.start..range.end;
                    cur = Some(b);
                }
                let b = cur.as_mut().expect("block opened above");
                let exact = body.get(range.start - base..range.end - base) == Some(&*text);
                b.push(&text, range.clone(), exact);
                b.span.end = b.span.end.max(range.end);
            }
            Event::Code(_) => {
                if let Some(b) = cur.as_mut() {
                    let mut buf = [0u8; 4];
                    b.push(CODE_PLACEHOLDER.encode_utf8(&mut buf), range.clone(), false);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(b) = cur.as_mut() {
                    b.push(" ", range.clone(), false);
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                collect_comments(&html, range.clone(), body, base, &mut md.comments);
            }
            Event::FootnoteReference(label) => md.footnote_refs.push(FootnoteRef {
                label: label.to_string(),
                span: range.clone(),
            }),
            Event::Rule => md.breaks.push(range.clone()),
            _ => {}
        }
    }
    if let Some(b) = cur.take() {
        finish(&mut md, b);
    }
    md
}

fn collect_comments(
    html: &str,
    range: Range<usize>,
    body: &str,
    base: usize,
    out: &mut Vec<Comment>,
) {
    // An HTML block event covers one line; find the comments in the source slice itself so
    // that spans are exact.
    let src = body
        .get(range.start - base..range.end - base)
        .unwrap_or(html);
    let mut from = 0;
    while let Some(open) = src[from..].find("<!--") {
        let start = from + open;
        let Some(close) = src[start + 4..].find("-->") else {
            break;
        };
        let end = start + 4 + close + 3;
        out.push(Comment {
            span: range.start + start..range.start + end,
            text: src[start + 4..end - 3].trim().to_string(),
        });
        from = end;
    }
}

fn finish(md: &mut Markdown, mut b: Block) {
    if b.text.trim().is_empty() {
        return;
    }
    find_label(&mut b);
    md.blocks.push(b);
}

/// A numbered paragraph keeps its list number as its label; a paragraph that opens with
/// "(a)", "(iv)" or a section number "II." takes that.
fn find_label(b: &mut Block) {
    if let Some(item) = &b.item {
        if item.first_block {
            if let Some(n) = item.number {
                b.label = Some(n.to_string());
                let s = item.item_span.start;
                b.label_span = Some(s..s + n.to_string().len());
            }
        }
    }
    if b.label.is_some() {
        return;
    }
    let text = &b.text;
    let lead = text.len() - text.trim_start().len();
    let t = &text[lead..];
    if let Some(rest) = t.strip_prefix('(') {
        if let Some(close) = rest.find(')') {
            let inner = &rest[..close];
            if (1..=5).contains(&inner.len())
                && (inner.chars().all(|c| c.is_ascii_lowercase())
                    || inner.chars().all(|c| c.is_ascii_digit()))
                && rest[close + 1..].starts_with(' ')
            {
                let end = lead + close + 2;
                b.label = Some(format!("({inner})"));
                b.label_span = Some(b.span_of(lead..end));
                b.body_start = end + 1;
                return;
            }
        }
    }
    // Section numbers: "I. Cooperation", "IV. Measures".
    let roman: String = t.chars().take_while(|c| "IVXLC".contains(*c)).collect();
    if !roman.is_empty() && t[roman.len()..].starts_with(". ") {
        b.label = Some(roman.clone());
        b.label_span = Some(b.span_of(lead..lead + roman.len()));
        b.body_start = lead + roman.len() + 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(s: &str) -> Vec<Block> {
        parse(s, 0).blocks
    }

    #[test]
    fn numbered_paragraphs_keep_their_numbers() {
        let b = blocks("18. At the close *of* it.\n\n19. Next.\n\n(a) Three States.\n");
        assert_eq!(b[0].label.as_deref(), Some("18"));
        assert_eq!(b[0].text, "At the close of it.");
        assert_eq!(b[1].label.as_deref(), Some("19"));
        assert_eq!(b[2].label.as_deref(), Some("(a)"));
        assert_eq!(b[2].body(), "Three States.");
    }

    #[test]
    fn text_offsets_map_back_to_source_bytes() {
        let src = "Some **bold** text and a [link](http://x.org) here.\n";
        let b = &blocks(src)[0];
        let t = b.text.find("link").unwrap();
        let r = b.span_of(t..t + 4);
        assert_eq!(&src[r], "link");
        let t = b.text.find("here").unwrap();
        assert_eq!(&src[b.span_of(t..t + 4)], "here");
    }

    #[test]
    fn code_and_html_are_not_prose_but_comments_are_kept() {
        let md = parse(
            "<!-- tally-disable count-list -->\n\nText `code` more.\n\n```\nseven States\n```\n",
            0,
        );
        assert_eq!(md.comments[0].text, "tally-disable count-list");
        assert_eq!(md.blocks.len(), 1);
        assert!(md.blocks[0].text.contains(CODE_PLACEHOLDER));
    }

    #[test]
    fn soft_breaks_become_spaces() {
        let b = &blocks("one\ntwo\n")[0];
        assert_eq!(b.text, "one two");
    }

    #[test]
    fn tight_list_items_are_blocks() {
        let b = blocks("Intro:\n\n- Chile\n- Peru\n");
        assert_eq!(b.len(), 3);
        assert_eq!(b[1].kind, BlockKind::ListItem);
        assert_eq!(
            b[1].item.as_ref().unwrap().list,
            b[2].item.as_ref().unwrap().list
        );
    }
}
