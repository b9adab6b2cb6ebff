//! Inputs for the benchmarks and the scaling check, built from the fixture drafts so that
//! nothing large is committed. Shared by `benches/throughput.rs` and `examples/scaling.rs`.

#![allow(dead_code)]

use std::path::Path;

/// Every fixture draft, sorted by path: (name, text).
pub fn fixtures() -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<(String, String)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .expect("fixtures dir")
            .map(|e| e.expect("entry").path())
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|e| e == "md") {
                let text = std::fs::read_to_string(&p).expect("fixture is UTF-8");
                out.push((p.display().to_string(), text));
            }
        }
    }
    let mut out = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"),
        &mut out,
    );
    out
}

/// A review-sized draft: the largest fixture draft.
pub fn review() -> String {
    fixtures()
        .into_iter()
        .map(|(_, t)| t)
        .max_by_key(String::len)
        .expect("a fixture")
}

/// The fixture drafts one after another, repeated until `bytes` long.
pub fn drafts(bytes: usize) -> String {
    let all: String = fixtures()
        .into_iter()
        .map(|(_, t)| t + "\n")
        .collect::<String>();
    repeat_to(&all, bytes)
}

fn repeat_to(unit: &str, bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + unit.len());
    while s.len() < bytes {
        s.push_str(unit);
    }
    s
}

/// The prose paragraphs of the fixtures (no headings, lists or tables), each on one line.
fn prose() -> Vec<String> {
    let mut out = Vec::new();
    for (_, t) in fixtures() {
        for para in t.split("\n\n") {
            let p = para.trim();
            if p.len() < 80 || p.starts_with(['#', '-', '*', '|', '>', '<', '[']) {
                continue;
            }
            // Drop a paragraph number ("14. ") so that joined paragraphs stay one paragraph.
            let p = match p.split_once(". ") {
                Some((n, rest)) if n.chars().all(|c| c.is_ascii_digit()) => rest,
                _ => p,
            };
            out.push(p.replace('\n', " "));
        }
    }
    out
}

/// One paragraph of `bytes` bytes: every prose sentence of the fixtures, over and over.
pub fn paragraph(bytes: usize) -> String {
    let mut unit = prose().join(" ");
    unit.push(' ');
    let mut s = repeat_to(&unit, bytes);
    s.push('\n');
    s
}

/// The names of the built-in gazetteer, in its order.
fn state_names() -> Vec<String> {
    let kb = tally::knowledge::Knowledge::builtin();
    kb.states()
        .entities
        .iter()
        .map(|e| e.name.clone())
        .collect()
}

/// A count followed by a bullet list of `n` States (names repeat past the gazetteer's size).
pub fn state_bullets(n: usize) -> String {
    let names = state_names();
    let mut s = format!("# Participation\n\nThe following {n} States Parties reported:\n\n");
    for i in 0..n {
        s.push_str("- ");
        s.push_str(&names[i % names.len()]);
        s.push('\n');
    }
    s
}

/// One sentence with a count and an inline list of `n` States.
pub fn state_sentence(n: usize) -> String {
    let names = state_names();
    let mut s = format!("In the period, {n} States Parties – ");
    for i in 0..n {
        if i > 0 {
            s.push_str(if i + 1 == n { " and " } else { ", " });
        }
        s.push_str(&names[i % names.len()]);
    }
    s.push_str(" – reported.\n");
    s
}

/// One sentence of `n` clauses, each with two counts and a list: counts against lists, all
/// in one sentence (once cubic: every count compared what lay between it and every list).
pub fn clauses(n: usize) -> String {
    let clause = "Seven States Parties – Chile, Peru and Côte d’Ivoire – and about 12 donors met in the region, including ";
    let mut s = clause.repeat(n);
    s.push_str("others.\n");
    s
}

/// One sentence of `n` list introducers and no punctuation, half before known names and half
/// before unknown words (once quadratic: each introducer scanned to the end of the sentence).
pub fn introducers(n: usize) -> String {
    let mut s = String::from("Some States took part ");
    for i in 0..n {
        s.push_str(if i % 2 == 0 {
            "including Chile with many more words here "
        } else {
            "including Xanadu with many more words here "
        });
    }
    s.push_str("too.\n");
    s
}

/// `n` nested block quotes around one sentence.
pub fn nested_quotes(n: usize) -> String {
    format!(
        "{} Three States Parties – Chile, Peru, Ecuador and Bolivia (Plurinational State of) – reported.\n",
        ">".repeat(n)
    )
}

/// A draft of `n` numbers, written every way drafts write them, in numbered paragraphs of
/// ten sentences.
pub fn numbers(n: usize) -> String {
    const WORDS: &[&str] = &["seven", "twelve", "sixty-one", "twenty three", "a dozen"];
    let mut s = String::from("# Figures\n\n");
    let mut written = 0;
    let mut para = 1;
    while written < n {
        s.push_str(&format!("{para}. "));
        for k in 0..10 {
            let i = written + k;
            s.push_str(&format!(
                "In {}, {} States Parties reported {} cases, or {}.{} per cent of the {} donors' total of USD {},{:03}.{} million. ",
                2000 + i % 25,
                WORDS[i % WORDS.len()],
                i,
                i % 100,
                i % 10,
                i % 50 + 2,
                i % 1000 + 1,
                i % 1000,
                i % 10,
            ));
        }
        // Ten sentences of eight numbers each.
        written += 80;
        para += 1;
        s.push_str("\n\n");
    }
    s
}

/// pulldown-cmark alone with the options tally uses, every event consumed: the floor.
pub fn parse_alone(text: &str) -> usize {
    use pulldown_cmark::{Options, Parser};
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_FOOTNOTES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    opts.insert(Options::ENABLE_YAML_STYLE_METADATA_BLOCKS);
    opts.insert(Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS);
    Parser::new_ext(text, opts)
        .into_offset_iter()
        .map(|(_, r)| r.end)
        .fold(0, usize::wrapping_add)
}

/// The shapes the scaling check runs at 1x, 4x and 16x: (name, what 1x is, generator).
pub type Shape = (&'static str, &'static str, fn(usize) -> String);

pub const SHAPES: &[Shape] = &[
    ("drafts", "640 KB of fixture drafts", |k| {
        drafts(k * 640 * 1024)
    }),
    ("paragraph", "one 320 KB paragraph", |k| {
        paragraph(k * 320 * 1024)
    }),
    ("bullets", "1,250 bulleted States", |k| {
        state_bullets(k * 1250)
    }),
    ("inline-list", "1,250 States in one sentence", |k| {
        state_sentence(k * 1250)
    }),
    ("clauses", "one sentence of 1,000 clauses", |k| {
        clauses(k * 1000)
    }),
    ("introducers", "one sentence of 4,000 introducers", |k| {
        introducers(k * 4000)
    }),
    ("quotes", "625 nested block quotes", |k| {
        nested_quotes(k * 625)
    }),
    ("numbers", "6,250 numbers", |k| numbers(k * 6250)),
];
