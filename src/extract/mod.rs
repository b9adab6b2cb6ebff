//! Claims: the typed facts a draft states, each with the spans it came from.
//!
//! Extraction runs once per document, in one pass over its prose units, and every rule reads
//! the result. A *unit* is a prose block, or two blocks joined where a page break cut a
//! paragraph in two, so that what a sentence says is read whole.

pub mod counts;
pub mod dates;
pub mod draft_date;
pub mod join;
pub mod lists;
pub mod numbers;
pub mod partitions;
pub mod quantities;

use crate::knowledge::{Form, Knowledge};
use crate::markdown::{self, Block, Markdown};
use crate::source::Source;
use crate::text::{self, Folded};
use std::ops::Range;

pub use counts::Count;
pub use lists::{Item, List};
pub use partitions::{Cover, Partition};
pub use quantities::{QUnit, Quantity};

#[derive(Debug, Clone)]
pub struct Sentence {
    pub unit: usize,
    /// Range in the unit's text.
    pub range: Range<usize>,
}

/// A known entity named in the text.
#[derive(Debug, Clone)]
pub struct Mention {
    pub unit: usize,
    pub sentence: usize,
    /// Range in the unit's text.
    pub range: Range<usize>,
    /// Source byte range.
    pub span: Range<usize>,
    pub gazetteer: usize,
    pub entity: usize,
    pub form: Form,
}

/// A draft read into claims.
#[derive(Debug)]
pub struct Document {
    pub source: Source,
    pub markdown: Markdown,
    /// Prose units: the blocks, with split paragraphs joined.
    pub units: Vec<Block>,
    /// For each unit, the indices of the Markdown blocks it was made from.
    pub unit_blocks: Vec<Vec<usize>>,
    pub splits: Vec<join::Split>,
    pub sentences: Vec<Sentence>,
    pub mentions: Vec<Mention>,
    pub lists: Vec<List>,
    pub counts: Vec<Count>,
    pub quantities: Vec<Quantity>,
    /// Wholes and the parts or shares the draft breaks them into (`partitions`).
    pub partitions: Vec<Partition>,
    /// The draft's own date, from its front matter or masthead (`draft_date`).
    pub date: Option<draft_date::Ymd>,
}

impl Document {
    pub fn build(source: Source, kb: &Knowledge) -> Document {
        let markdown = markdown::parse(source.body(), source.bom_len);
        let joined = join::join_split_paragraphs(&markdown, &source.text, kb);
        let date = draft_date::find(&markdown);
        let mut doc = Document {
            source,
            markdown,
            units: joined.units,
            unit_blocks: joined.unit_blocks,
            splits: joined.splits,
            sentences: Vec::new(),
            mentions: Vec::new(),
            lists: Vec::new(),
            counts: Vec::new(),
            quantities: Vec::new(),
            partitions: Vec::new(),
            date,
        };
        let markers = lists::Markers::of(kb);
        for u in 0..doc.units.len() {
            doc.extract_unit(u, kb, markers);
        }
        counts::bullet_lists(&mut doc);
        doc.partitions = partitions::find(&doc);
        doc
    }

    fn extract_unit(&mut self, u: usize, kb: &Knowledge, markers: &lists::Markers) {
        let unit = &self.units[u];
        let text = unit.text.as_str();
        let folded = Folded::new(text);
        let body = unit.body_start..text.len();
        let first_sentence = self.sentences.len();
        for r in text::sentences(text, body.clone()) {
            self.sentences.push(Sentence { unit: u, range: r });
        }
        let first_mention = self.mentions.len();
        for (gi, g) in kb.gazetteers.iter().enumerate() {
            for hit in g.find_folded(text, &folded) {
                self.mentions.push(Mention {
                    unit: u,
                    sentence: usize::MAX,
                    span: unit.span_of(hit.range.clone()),
                    range: hit.range,
                    gazetteer: gi,
                    entity: hit.entity,
                    form: hit.form,
                });
            }
        }
        // Sorted by position, each mention finds its sentence by binary search.
        self.mentions[first_mention..].sort_by_key(|m| m.range.start);
        let unit_sentences = &self.sentences[first_sentence..];
        for m in &mut self.mentions[first_mention..] {
            let i = unit_sentences.partition_point(|s| s.range.end < m.range.end);
            if let Some(s) = unit_sentences.get(i) {
                if s.range.start <= m.range.start {
                    m.sentence = first_sentence + i;
                }
            }
        }
        // Each sentence's mentions, bucketed in one pass rather than filtered per sentence.
        let mut by_sentence: Vec<Vec<&Mention>> =
            vec![Vec::new(); self.sentences.len() - first_sentence];
        for m in &self.mentions[first_mention..] {
            if let Some(b) = m
                .sentence
                .checked_sub(first_sentence)
                .and_then(|i| by_sentence.get_mut(i))
            {
                b.push(m);
            }
        }
        // The body's tokens and numbers, read once for counts and quantities both. Sentences
        // are separated by white space and (but the last) end in punctuation, so a sentence's
        // tokens are a slice of these, and no number read runs from one sentence into the next.
        let toks = text::tokens(text, body.clone());
        let nums = numbers::all(text, &toks);
        let (mut tok_at, mut num_at) = (0, 0);
        for si in first_sentence..self.sentences.len() {
            let range = self.sentences[si].range.clone();
            let mentions = &by_sentence[si - first_sentence];
            let lists = lists::find(text, range.clone(), mentions, markers);
            let list_base = self.lists.len();
            for mut l in lists {
                l.unit = u;
                l.sentence = si;
                l.fill_spans(unit);
                self.lists.push(l);
            }
            let tok_from = tok_at + toks[tok_at..].partition_point(|t| t.range.start < range.start);
            let tok_to = tok_from + toks[tok_from..].partition_point(|t| t.range.start < range.end);
            let num_from = num_at + nums[num_at..].partition_point(|(i, _)| *i < tok_from);
            let num_to = num_from + nums[num_from..].partition_point(|(i, _)| *i < tok_to);
            (tok_at, num_at) = (tok_to, num_to);
            let sentence_nums = nums[num_from..num_to]
                .iter()
                .map(|(i, n)| (i - tok_from, n.clone()));
            let mut counts = counts::find(text, range, &toks[tok_from..tok_to], sentence_nums, kb);
            for c in &mut counts {
                c.unit = u;
                c.sentence = si;
                c.span = unit.span_of(c.number.range.clone());
                c.noun_span = unit.span_of(c.noun_range.clone());
            }
            counts::bind_sentence(&mut counts, text, &self.lists[list_base..], list_base, kb);
            self.counts.extend(counts);
        }
        let unit_sentences: Vec<(usize, Range<usize>)> = (first_sentence..self.sentences.len())
            .map(|si| (si, self.sentences[si].range.clone()))
            .collect();
        for mut q in quantities::find(text, &toks, &nums, &unit_sentences, kb) {
            q.unit = u;
            q.span = unit.span_of(q.range.clone());
            let from = q.hedge.as_ref().map_or(q.range.start, |h| h.1.start);
            q.full_span = unit.span_of(from..q.range.end);
            self.quantities.push(q);
        }
    }

    /// The unit a source offset falls in.
    pub fn unit_at(&self, offset: usize) -> Option<usize> {
        self.units
            .iter()
            .position(|u| u.span.start <= offset && offset < u.span.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `extract_unit` relies on to read a body's tokens and numbers once: each
    /// sentence's tokens are the body's tokens within it, and its numbers are the body's
    /// numbers within it, read alike.
    #[test]
    fn sentences_slice_the_body_reading() {
        const PIECES: &[&str] = &[
            "seven",
            "twenty",
            "three",
            "hundred",
            "and",
            "a",
            "dozen",
            "both",
            "Sixty-one",
            "12",
            "1,963.3",
            "1.",
            "(2014)",
            " ",
            " ",
            "  ",
            "\n",
            ". ",
            "? ",
            "! ",
            ".” ",
            ".) ",
            "e.g. ",
            "Mr. ",
            "’",
            "-",
            "–",
            ",",
            "States",
            "é",
            "\u{a0}",
        ];
        let mut rng = crate::eval::Rng::new(0x9E37_79B9_7F4A_7C15);
        let mut next = || rng.next_u64();
        for _ in 0..3000 {
            let mut s = String::new();
            for _ in 0..next() % 30 {
                s.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
            }
            let toks = text::tokens(&s, 0..s.len());
            let nums = numbers::all(&s, &toks);
            for r in text::sentences(&s, 0..s.len()) {
                let own = text::tokens(&s, r.clone());
                let from = toks.partition_point(|t| t.range.start < r.start);
                let to = toks.partition_point(|t| t.range.start < r.end);
                assert_eq!(own, toks[from..to], "{s:?} {r:?}");
                let own_nums = numbers::all(&s, &own);
                let sliced: Vec<_> = nums
                    .iter()
                    .filter(|(i, _)| (from..to).contains(i))
                    .map(|(i, n)| (i - from, n.clone()))
                    .collect();
                assert_eq!(own_nums, sliced, "{s:?} {r:?}");
            }
        }
    }
}
