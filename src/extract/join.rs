//! Paragraphs that a page break cut in two, joined back for extraction.

use crate::knowledge::Knowledge;
use crate::markdown::{Block, Markdown};
use std::ops::Range;

/// Where one block was found to continue in the next.
#[derive(Debug, Clone)]
pub struct Split {
    /// Index of the block that ends mid-sentence.
    pub first: usize,
    /// Index of the block that continues it.
    pub second: usize,
    /// Source range of the break, from the end of the first half to the start of the second.
    pub gap: Range<usize>,
}

pub struct Joined {
    pub units: Vec<Block>,
    pub unit_blocks: Vec<Vec<usize>>,
    pub splits: Vec<Split>,
}

/// Every block is its own unit until split detection lands.
pub fn join_split_paragraphs(md: &Markdown, _kb: &Knowledge) -> Joined {
    Joined {
        units: md.blocks.clone(),
        unit_blocks: (0..md.blocks.len()).map(|i| vec![i]).collect(),
        splits: Vec::new(),
    }
}
