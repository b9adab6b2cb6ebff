//! Throughput: pulldown-cmark's parse alone (the floor) against tally end to end
//! (`engine::check_source`), on a review-sized draft, a synthetic 10 MB draft, and each
//! stress shape at 1x, 4x and 16x.
//!
//! `cargo bench --bench throughput` (add a filter such as `review` to run one group).
//!
//! divan rather than criterion: it builds in a fraction of the time on two cores (no plotting
//! or statistics stack, a dozen crates against criterion's sixty-odd), and its bytes counter
//! prints throughput next to each time.

#[path = "inputs.rs"]
mod inputs;

use divan::counter::BytesCount;
use divan::Bencher;
use std::sync::LazyLock;
use tally::engine::{check_source, Settings};
use tally::knowledge::Knowledge;
use tally::source::Source;

fn main() {
    divan::main();
}

static KB: LazyLock<Knowledge> = LazyLock::new(Knowledge::builtin);
static REVIEW: LazyLock<String> = LazyLock::new(inputs::review);
static TEN_MB: LazyLock<String> = LazyLock::new(|| inputs::drafts(10 * 1024 * 1024));

fn parse(b: Bencher, text: &str) {
    b.counter(BytesCount::of_str(text))
        .bench(|| inputs::parse_alone(divan::black_box(text)));
}

fn end_to_end(b: Bencher, text: &str) {
    let settings = Settings::default();
    b.counter(BytesCount::of_str(text))
        .with_inputs(|| Source::from_string("draft.md", text.to_string()))
        .bench_values(|src| check_source(src, &KB, &settings));
}

#[divan::bench_group(max_time = 3)]
mod review {
    use super::*;

    #[divan::bench]
    fn parse_alone(b: Bencher) {
        parse(b, &REVIEW);
    }

    #[divan::bench]
    fn tally_end_to_end(b: Bencher) {
        end_to_end(b, &REVIEW);
    }

    /// Loading the built-in rule data, which every process pays once.
    #[divan::bench]
    fn load_rules() -> Knowledge {
        Knowledge::builtin()
    }
}

#[divan::bench_group(sample_count = 10, sample_size = 1)]
mod ten_mb {
    use super::*;

    #[divan::bench]
    fn parse_alone(b: Bencher) {
        parse(b, &TEN_MB);
    }

    #[divan::bench]
    fn tally_end_to_end(b: Bencher) {
        end_to_end(b, &TEN_MB);
    }
}

/// Each shape at 1x, 4x and 16x: time should grow with the size (see examples/scaling.rs
/// for the ratios as a table).
#[divan::bench_group(sample_count = 5, sample_size = 1)]
mod scaling {
    use super::*;

    const SCALES: &[usize] = &[1, 4, 16];

    fn shape(name: &str, k: usize) -> String {
        let (_, _, gen) = inputs::SHAPES
            .iter()
            .find(|s| s.0 == name)
            .expect("a known shape");
        gen(k)
    }

    #[divan::bench(args = SCALES)]
    fn paragraph(b: Bencher, k: usize) {
        end_to_end(b, &shape("paragraph", k));
    }

    #[divan::bench(args = SCALES)]
    fn bullets(b: Bencher, k: usize) {
        end_to_end(b, &shape("bullets", k));
    }

    #[divan::bench(args = SCALES)]
    fn inline_list(b: Bencher, k: usize) {
        end_to_end(b, &shape("inline-list", k));
    }

    #[divan::bench(args = SCALES)]
    fn clauses(b: Bencher, k: usize) {
        end_to_end(b, &shape("clauses", k));
    }

    #[divan::bench(args = SCALES)]
    fn introducers(b: Bencher, k: usize) {
        end_to_end(b, &shape("introducers", k));
    }

    #[divan::bench(args = SCALES)]
    fn quotes(b: Bencher, k: usize) {
        end_to_end(b, &shape("quotes", k));
    }

    #[divan::bench(args = SCALES)]
    fn numbers(b: Bencher, k: usize) {
        end_to_end(b, &shape("numbers", k));
    }

    #[divan::bench(args = SCALES)]
    fn drafts(b: Bencher, k: usize) {
        end_to_end(b, &shape("drafts", k));
    }
}
