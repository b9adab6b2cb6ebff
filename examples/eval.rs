//! Precision and recall of every implemented rule on the annotated corpus and the seed, and
//! recall of the mutation harness per kind of injected error.
//!
//! ```text
//! cargo run --release --example eval [-- --per-kind N] [--seed N] [--no-mutate] [--verbose] [--show KIND]
//! ```

use std::path::Path;
use std::process::ExitCode;
use tally::eval;
use tally::knowledge::Knowledge;

fn main() -> ExitCode {
    let mut per_kind = 40;
    let mut seed = eval::DEFAULT_SEED;
    let mut mutate = true;
    let mut verbose = false;
    let mut show: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let num = |v: Option<String>| -> Option<u64> {
            let v = v?;
            match v.strip_prefix("0x") {
                Some(h) => u64::from_str_radix(h, 16).ok(),
                None => v.parse().ok(),
            }
        };
        match a.as_str() {
            "--per-kind" => match num(args.next()) {
                Some(n) => per_kind = n as usize,
                None => return usage("--per-kind takes a number"),
            },
            "--seed" => match num(args.next()) {
                Some(n) => seed = n,
                None => return usage("--seed takes a number"),
            },
            "--no-mutate" => mutate = false,
            "--show" => show = args.next(),
            "--verbose" | "-v" => verbose = true,
            _ => return usage(&format!("unknown argument {a:?}")),
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let kb = Knowledge::builtin();
    let corpus = match eval::load_dir(&root.join("fixtures/corpus")) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    if let Some(kind) = show {
        for t in eval::show_targets(&corpus, &kb, &kind, seed) {
            println!("{t}");
        }
        return ExitCode::SUCCESS;
    }
    let ev = eval::evaluate(&corpus, &kb);
    print!("{}", eval::corpus_table("corpus", &ev));
    if verbose {
        for p in &ev.problems {
            println!("  {p}");
        }
    }
    println!();
    match eval::find_seed(root) {
        None => println!("seed: skipped, ../shared/seed is absent\n"),
        Some(dir) => match eval::load_seed(&dir) {
            Ok(Some(seed_drafts)) => {
                let sv = eval::evaluate(&seed_drafts, &kb);
                print!("{}", eval::corpus_table("seed", &sv));
                if verbose {
                    for p in &sv.problems {
                        println!("  {p}");
                    }
                }
                println!();
            }
            Ok(None) => println!("seed: skipped, {} has no expected.toml\n", dir.display()),
            Err(e) => println!("seed: skipped, {e}\n"),
        },
    }
    let mut ok = ev.problems.is_empty();
    if mutate {
        let mv = eval::mutate(&corpus, &kb, per_kind, seed);
        print!("{}", eval::mutation_table(&mv));
        for r in &mv.rows {
            ok &= r.meets_floor();
            if verbose {
                for m in r.missed.iter().take(10) {
                    println!("  missed {}: {m}", r.kind);
                }
                for f in r.false_samples.iter().take(10) {
                    println!("  false {}: {f}", r.kind);
                }
            }
        }
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn usage(msg: &str) -> ExitCode {
    eprintln!("error: {msg}\nusage: eval [--per-kind N] [--seed N] [--no-mutate] [--verbose] [--show KIND]");
    ExitCode::from(2)
}
