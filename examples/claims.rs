//! Prints the claims tally reads from a draft: counts with their lists, lists, mentions.
//! `cargo run --example claims -- FILE`: for checking what the extractors see.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: claims FILE");
        std::process::exit(2);
    };
    let bytes = std::fs::read(&path).unwrap_or_else(|e| {
        eprintln!("claims: {path}: {e}");
        std::process::exit(2)
    });
    let source = tally::source::Source::decode(path.clone(), bytes).unwrap_or_else(|e| {
        eprintln!("claims: {path}: {e}");
        std::process::exit(2)
    });
    let kb = tally::knowledge::Knowledge::builtin();
    let doc = tally::extract::Document::build(source, &kb);
    let text = &doc.source.text;
    for c in &doc.counts {
        let (line, _) = doc.source.line_col(c.span.start);
        let list = c.list.map(|l| {
            let l = &doc.lists[l];
            let items: Vec<&str> = l.items.iter().map(|i| &text[i.span.clone()]).collect();
            format!(
                "{:?}{} [{}]",
                l.intro,
                if l.open { " open" } else { "" },
                items.join(" | ")
            )
        });
        println!(
            "count  line {line}: {} {} hedge={:?} partitive={} list={}",
            &text[c.span.clone()],
            &text[c.noun_span.clone()],
            c.hedge.as_ref().map(|h| h.0),
            c.partitive,
            list.unwrap_or_else(|| "-".into())
        );
    }
    for l in &doc.lists {
        let (line, _) = doc.source.line_col(l.span.start);
        let items: Vec<&str> = l.items.iter().map(|i| &text[i.span.clone()]).collect();
        println!(
            "list   line {line}: {:?}{} [{}]",
            l.intro,
            if l.open { " open" } else { "" },
            items.join(" | ")
        );
    }
}
