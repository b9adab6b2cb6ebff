//! Runs tally with style sets on: `cargo run --example style -- STYLE FILE`, printing every
//! finding as `line:col rule message` (until the config's `styles` key reaches the CLI).

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [style, path] = &args[..] else {
        eprintln!("usage: style STYLE FILE");
        std::process::exit(2);
    };
    let kb = tally::knowledge::Knowledge::load_with_styles(&[], std::slice::from_ref(style))
        .unwrap_or_else(|e| {
            eprintln!("style: {e}");
            std::process::exit(2)
        });
    let src = tally::source::Source::decode(path.clone(), std::fs::read(path).expect("readable"))
        .expect("UTF-8");
    let r = tally::engine::check_source(src, &kb, &Default::default());
    let s = r.source.as_ref().expect("decoded");
    for f in &r.findings {
        let (l, c) = s.line_col(f.span.start);
        println!("{l}:{c} {} {} {}", f.severity.as_str(), f.rule, f.message);
    }
}
