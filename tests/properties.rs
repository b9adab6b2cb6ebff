//! Properties over generated input: number words round-trip, every span lies inside the file
//! on character boundaries, and findings do not depend on the order of files or the number
//! of threads.

use proptest::prelude::*;
use std::path::PathBuf;
use tally::engine::{check_paths, check_source, FileReport, Settings};
use tally::extract::numbers::{number_at, spell, Written};
use tally::knowledge::Knowledge;
use tally::source::Source;
use tally::text::tokens;

fn read_at(s: &str, at: usize) -> Option<(u64, usize)> {
    let toks = tokens(s, 0..s.len());
    let i = toks.iter().position(|t| t.range.start == at)?;
    let n = number_at(s, &toks, i)?;
    Some((n.int?, n.range.end))
}

fn grouped(n: u64) -> String {
    let d = n.to_string();
    let mut out = String::new();
    for (i, c) in d.chars().enumerate() {
        if i > 0 && (d.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// A number spelled the way tally writes it reads back as the same value, whole, in
    /// words (any case) or digits, inside a sentence.
    #[test]
    fn number_words_round_trip(n in 0u64..1000, upper in any::<bool>(), before in "[A-Z][a-z]{0,8}", noun in "(States|donors|countries|States Parties)") {
        let mut w = spell(n, Written::Words);
        if upper {
            w = w[..1].to_uppercase() + &w[1..];
        }
        let s = format!("{before} {w} {noun} reported.");
        let at = before.len() + 1;
        prop_assert_eq!(read_at(&s, at), Some((n, at + w.len())), "{}", s);
    }

    #[test]
    fn digits_round_trip(n in 0u64..1_000_000_000_000, commas in any::<bool>()) {
        let w = spell(n, Written::Digits);
        prop_assert_eq!(&w, &n.to_string());
        let w = if commas { grouped(n) } else { w };
        let s = format!("In all {w} States.");
        prop_assert_eq!(read_at(&s, 7), Some((n, 7 + w.len())), "{}", s);
    }
}

/// Pieces that Markdown-ish drafts are made of, tally's triggers among them, and the
/// characters that break naive byte arithmetic.
const PIECES: &[&str] = &[
    "Three",
    "seven",
    "twenty three",
    "one hundred and five",
    "a dozen",
    "both",
    "12",
    "1,963.3",
    " States Parties",
    " States",
    " countries",
    " donors",
    " – ",
    " — ",
    " - ",
    ", ",
    " and ",
    " or ",
    ": ",
    "; ",
    ". ",
    "(",
    ")",
    " including ",
    " such as ",
    " namely ",
    " about ",
    "more than ",
    "up to ",
    "Chile",
    "Peru",
    "Ecuador",
    "Saint Kitts and Nevis",
    "Bolivia (Plurinational State of)",
    "Côte d’Ivoire",
    "Côte d'Ivoire",
    "Türkiye",
    "Turkey",
    "Viet Nam",
    "the ",
    "The ",
    "é",
    "’",
    "“",
    "”",
    "\u{a0}",
    "\u{feff}",
    "😀",
    "İ",
    "ß",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\t",
    "- ",
    "1. ",
    "(a) ",
    "II. ",
    "> ",
    "# ",
    "## ",
    "| a | b |\n|---|---|\n| ",
    " | ",
    "[^1]",
    "[^1]: ",
    "<!-- tally -->",
    "`code`",
    "**",
    "_",
    "*",
    "\\",
    "&amp;",
    "[",
    "](x)",
    "---\n",
    "```\n",
];

fn draft() -> impl Strategy<Value = String> {
    prop::collection::vec(0..PIECES.len(), 0..120)
        .prop_map(|ix| ix.into_iter().map(|i| PIECES[i]).collect())
}

fn kb() -> &'static Knowledge {
    static KB: std::sync::OnceLock<Knowledge> = std::sync::OnceLock::new();
    KB.get_or_init(Knowledge::builtin)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    /// Every finding's span and every label's span lies in the file, on char boundaries.
    #[test]
    fn spans_lie_within_the_file(text in draft()) {
        let r = check_source(Source::from_string("p.md", text.clone()), kb(), &Settings::default());
        for f in &r.findings {
            for s in std::iter::once(&f.span).chain(f.labels.iter().map(|l| &l.span)) {
                prop_assert!(s.start <= s.end && s.end <= text.len(), "{} {:?} in {:?}", f.rule, s, text);
                prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
                    "{} {:?} not on char boundaries in {:?}", f.rule, s, text);
            }
        }
    }
}

/// What a report says, comparable.
fn summary(reports: &[FileReport]) -> Vec<String> {
    reports
        .iter()
        .map(|r| format!("{} {:?} {:?}", r.path, r.error, r.findings))
        .collect()
}

fn in_pool<T: Send>(threads: usize, f: impl FnOnce() -> T + Send) -> T {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("pool")
        .install(f)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// The same files give the same reports, in the same order, whatever order they are
    /// given in and however many threads check them.
    #[test]
    fn findings_do_not_depend_on_order_or_threads(
        drafts in prop::collection::vec(draft(), 1..12),
        seed in any::<u64>(),
    ) {
        let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("order_{seed:x}"));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let mut paths: Vec<(PathBuf, String)> = Vec::new();
        for (i, d) in drafts.iter().enumerate() {
            let p = dir.join(format!("d{i:02}.md"));
            std::fs::write(&p, d).unwrap();
            paths.push((p, format!("d{i:02}.md")));
        }
        // A missing file too: errors must sort with the rest.
        paths.push((dir.join("gone.md"), "gone.md".to_string()));
        let settings = Settings::default();
        let one = in_pool(1, || check_paths(&paths, kb(), &settings));
        let mut shuffled = paths.clone();
        // A deterministic shuffle from the seed.
        let mut x = seed | 1;
        for i in (1..shuffled.len()).rev() {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            shuffled.swap(i, (x % (i as u64 + 1)) as usize);
        }
        let two = in_pool(2, || check_paths(&shuffled, kb(), &settings));
        let reversed: Vec<_> = paths.iter().rev().cloned().collect();
        let two_rev = in_pool(2, || check_paths(&reversed, kb(), &settings));
        prop_assert_eq!(summary(&one), summary(&two));
        prop_assert_eq!(summary(&one), summary(&two_rev));
        let _ = std::fs::remove_dir_all(&dir);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// One draft's rules shared between threads (as for a single file) find what they find
    /// on one thread, in the same order.
    #[test]
    fn findings_do_not_depend_on_the_rule_threads(text in draft()) {
        let on = |threads: usize| {
            let settings = Settings { rule_threads: threads, ..Settings::default() };
            let r = check_source(Source::from_string("p.md", text.clone()), kb(), &settings);
            format!("{:?}", r.findings)
        };
        let one = on(1);
        prop_assert_eq!(&on(2), &one);
        prop_assert_eq!(&on(4), &one);
    }
}
