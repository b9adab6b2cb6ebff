//! The scaling check: every shape in `benches/inputs.rs` at 1x, 4x and 16x, parse alone and
//! tally end to end (`engine::check_source`), best of a few runs. Prints a Markdown table.
//!
//! `cargo run --release --example scaling [SHAPE...]`

#[path = "../benches/inputs.rs"]
mod inputs;

use std::time::{Duration, Instant};
use tally::engine::{check_source, Settings};
use tally::knowledge::Knowledge;
use tally::source::Source;

fn best<F: FnMut()>(runs: usize, mut f: F) -> Duration {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap()
}

fn main() {
    let only: Vec<String> = std::env::args().skip(1).collect();
    let kb = Knowledge::builtin();
    let settings = Settings::default();
    println!("| shape | scale | bytes | parse alone | end to end | e2e MB/s | e2e/parse | time ratio vs 1x |");
    println!("|---|---|---|---|---|---|---|---|");
    for (name, unit, gen) in inputs::SHAPES {
        if !only.is_empty() && !only.iter().any(|o| o == name) {
            continue;
        }
        let mut base = None;
        for k in [1usize, 4, 16] {
            let text = gen(k);
            let runs = if k == 16 { 3 } else { 5 };
            let parse = best(runs, || {
                std::hint::black_box(inputs::parse_alone(&text));
            });
            let e2e = best(runs, || {
                let r = check_source(Source::from_string("x.md", text.clone()), &kb, &settings);
                std::hint::black_box(r.findings.len());
            });
            let base_t = *base.get_or_insert(e2e.as_secs_f64());
            let mb = text.len() as f64 / 1e6;
            println!(
                "| {name} ({unit}) | {k}x | {} | {:.1} ms | {:.1} ms | {:.1} | {:.1}x | {:.2} (size {k}) |",
                text.len(),
                parse.as_secs_f64() * 1e3,
                e2e.as_secs_f64() * 1e3,
                mb / e2e.as_secs_f64(),
                e2e.as_secs_f64() / parse.as_secs_f64(),
                e2e.as_secs_f64() / base_t,
            );
        }
    }
}
