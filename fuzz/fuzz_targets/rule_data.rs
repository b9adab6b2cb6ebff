//! The rule-data parser: a user's rule file under any of the names tally reads, merged with
//! the built-in data. An error must be a `DataError`, never a panic, and data that loads must
//! work: a draft checked with it runs to the end.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tally::engine::{check_source, Settings};
use tally::knowledge::Knowledge;
use tally::source::Source;

const NAMES: &[&str] = &[
    "gazetteer/user.toml",
    "states.toml",
    "count-nouns.toml",
    "lists.toml",
    "hedges.toml",
    "other.toml",
];

const DRAFT: &str = "Three States Parties – Chile, Peru, Ecuador and Bolivia (Plurinational \
State of) – reported, including about 12 donors: Chile, Peru and Chile.\n\n\
The following two countries reported:\n\n- Chile\n- Peru\n- Utopia\n";

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let name = NAMES[pick as usize % NAMES.len()];
    match Knowledge::load(&[(name.to_string(), text.to_string())]) {
        Ok(kb) => {
            let source = Source::from_string("draft.md", format!("{DRAFT}\n{text}\n"));
            let _ = check_source(source, &kb, &Settings::default());
        }
        Err(e) => {
            assert_eq!(e.file, name);
            if let Some(span) = &e.span {
                assert!(
                    span.end <= e.source_text.len(),
                    "error span outside the file"
                );
            }
        }
    }
});
