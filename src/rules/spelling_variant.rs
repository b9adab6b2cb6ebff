use super::names::times;
use super::names::{inside, is_lower, quoted};
use super::{Context, Rule};
use crate::declare_rule;
use crate::finding::{Edit, Finding, Fix};
use crate::knowledge::SuffixFamily;
use crate::text::fold;
use foldhash::{HashMap, HashMapExt, HashSet};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;

declare_rule! {
    /// ## What it does
    /// Reports spellings that mix two conventions in one document: "mobilization" in a
    /// draft that otherwise writes "recognise", "organisations" and "emphasised";
    /// "programme" beside "program"; "judgement" beside "judgment"; "per cent" beside
    /// "percent". The finding points at each use of the less frequent convention and
    /// suggests the other.
    ///
    /// The families are data in `rules/variants.toml`: word pairs, and the -ise/-ize family
    /// (-isation/-ization included) made by a suffix rule with an exceptions list, because
    /// words such as "expertise", "raise", "comprise", "advertise", "exercise", "size" and
    /// "seize" have one spelling only. Capitalised words inside a sentence are proper names
    /// ("World Health Organization") and do not count, nor do quotations.
    ///
    /// ## Why is this bad?
    /// A document follows one house style. Mixed spellings show where text was pasted in
    /// from elsewhere and will be corrected by an editor.
    ///
    /// ## Example
    /// ```markdown
    /// 1. The States recognised the need to prioritise resource mobilization and organised
    ///    regional meetings.
    /// ```
    /// fires on "mobilization". A document that writes "expertise", "exercise" and
    /// "organize" stays quiet.
    ///
    /// ## Fix
    /// Use the spelling the document uses more often; tally offers the replacement but
    /// never applies it by itself. When both conventions are used equally often, nothing is
    /// reported.
    pub struct SpellingVariant {
        id: "spelling-variant",
        severity: Info,
        summary: "spelling conventions mixed in one document (-ise/-ize, programme/program)",
        fixable: true,
    }
}

struct Use {
    unit: usize,
    range: Range<usize>,
    side: bool,
    /// The same word in the other convention.
    other: String,
}

/// The stems of words that take one spelling only.
fn exception_stems(f: &SuffixFamily) -> HashSet<String> {
    let a = format!("{}e", f.a);
    let b = format!("{}e", f.b);
    f.exceptions
        .iter()
        .filter_map(|e| {
            let e = fold(e);
            e.strip_suffix(&a)
                .or_else(|| e.strip_suffix(&b))
                .map(str::to_string)
        })
        .collect()
}

/// (side, the tail on that side, the same ending in the other spelling).
type Tail = (bool, String, String);

/// A suffix family made ready for reading words: its exception stems, and its endings
/// joined to each spelling, longest ending first, built once per draft rather than per word.
#[derive(Debug, Clone)]
struct Suffixes {
    family: SuffixFamily,
    stems: HashSet<String>,
    /// Each ending with its two tails. A word that does not end with the ending ends with neither tail, so
    /// most words are turned away by a look at their last byte.
    endings: Vec<(String, [Tail; 2])>,
}

impl Suffixes {
    fn new(f: &SuffixFamily) -> Suffixes {
        let mut endings: Vec<&String> = f.endings.iter().collect();
        endings.sort_by_key(|e| std::cmp::Reverse(e.len()));
        let endings = endings
            .into_iter()
            .map(|e| {
                let tails =
                    [(false, &f.a, &f.b), (true, &f.b, &f.a)].map(|(side, infix, other)| {
                        (side, format!("{infix}{e}"), format!("{other}{e}"))
                    });
                (e.clone(), tails)
            })
            .collect();
        Suffixes {
            family: f.clone(),
            stems: exception_stems(f),
            endings,
        }
    }

    /// A word of this family: (side, the word in the other spelling).
    fn variant(&self, word: &str) -> Option<(bool, String)> {
        let f = &self.family;
        let stems = &self.stems;
        for (ending, tails) in &self.endings {
            if !ends_with(word, ending) {
                continue;
            }
            for (side, tail, other) in tails {
                if !ends_with(word, tail) {
                    continue;
                }
                // The tail starts a character, as its first byte is no continuation byte.
                let stem = &word[..word.len() - tail.len()];
                if stem.chars().count() < f.min_stem || stems.contains(stem) {
                    return None;
                }
                if f.prefixes.iter().any(|p| {
                    stem.strip_prefix(p.as_str())
                        .is_some_and(|rest| stems.contains(rest))
                }) {
                    return None;
                }
                if stems
                    .iter()
                    .any(|s| s.len() >= 4 && stem.ends_with(s.as_str()))
                {
                    return None;
                }
                return Some((*side, format!("{stem}{other}")));
            }
        }
        None
    }
}

/// `str::ends_with`, with its first and last bytes compared in line before the rest: the
/// endings are a few bytes, most words differ at one of those two, and `ends_with` called
/// `memcmp` for every ending.
fn ends_with(word: &str, end: &str) -> bool {
    let (w, e) = (word.as_bytes(), end.as_bytes());
    let Some(at) = w.len().checked_sub(e.len()) else {
        return false;
    };
    match (e.first(), e.last()) {
        (Some(f), Some(l)) => w[at] == *f && w[w.len() - 1] == *l && w[at..] == *e,
        _ => true,
    }
}

fn match_case(model: &str, word: &str) -> String {
    if model.chars().next().is_some_and(char::is_uppercase) {
        let mut cs = word.chars();
        cs.next()
            .map(|f| f.to_uppercase().chain(cs).collect())
            .unwrap_or_default()
    } else {
        word.to_string()
    }
}

/// A pair form: (family, side, the first form of the other side).
type Pair = (String, bool, String);

/// The variants made ready for reading words, once per rule data (see
/// `Knowledge::spelling_tables`).
#[derive(Debug, Clone)]
pub struct Tables {
    suffixes: Vec<Suffixes>,
    /// The pair forms (folded words) by first word, longest first: a word is looked up
    /// once, not once for each length a form may have. Forms are distinct, so at most one
    /// of each length can stand at a word, and the longest that does is the one the
    /// lengths in turn found.
    by_first: HashMap<String, Vec<(Vec<String>, Pair)>>,
    /// The bytes the forms' first words start with: a word starting otherwise is not
    /// looked up at all.
    pair_firsts: [u64; 4],
    /// Each family's two labels, for messages.
    labels: HashMap<String, [String; 2]>,
}

impl Tables {
    fn new(v: &crate::knowledge::Variants) -> Tables {
        let suffixes: Vec<Suffixes> = v.suffix.iter().map(Suffixes::new).collect();
        // Folded words to their pair; a later form replaces an earlier one.
        let mut pairs: HashMap<Vec<String>, Pair> = HashMap::new();
        for p in &v.pair {
            for (side, forms, others) in [(false, &p.a, &p.b), (true, &p.b, &p.a)] {
                for (i, f) in forms.iter().enumerate() {
                    let other = others
                        .get(i)
                        .or(others.first())
                        .cloned()
                        .unwrap_or_default();
                    let key: Vec<String> = f.split_whitespace().map(fold).collect();
                    pairs.insert(key, (p.family.clone(), side, other));
                }
            }
        }
        let mut by_first: HashMap<String, Vec<(Vec<String>, Pair)>> = HashMap::new();
        for (key, pair) in pairs {
            if let Some(first) = key.first() {
                by_first.entry(first.clone()).or_default().push((key, pair));
            }
        }
        for forms in by_first.values_mut() {
            forms.sort_by_key(|(key, _)| std::cmp::Reverse(key.len()));
        }
        let mut pair_firsts = [0u64; 4];
        for first in by_first.keys() {
            let b = first.as_bytes().first().copied().unwrap_or(0);
            pair_firsts[b as usize / 64] |= 1 << (b % 64);
        }
        let mut labels: HashMap<String, [String; 2]> = HashMap::new();
        for f in &v.suffix {
            labels.insert(f.family.clone(), [f.a_label.clone(), f.b_label.clone()]);
        }
        for p in &v.pair {
            labels.insert(
                p.family.clone(),
                [
                    format!("\"{}\"", p.a.first().cloned().unwrap_or_default()),
                    format!("\"{}\"", p.b.first().cloned().unwrap_or_default()),
                ],
            );
        }
        Tables {
            suffixes,
            by_first,
            pair_firsts,
            labels,
        }
    }
}

impl Rule for SpellingVariant {
    fn meta(&self) -> &'static super::Meta {
        &Self::META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let Tables {
            suffixes,
            by_first,
            pair_firsts,
            labels,
        } = cx
            .kb
            .spelling_tables
            .get_or_init(|| Tables::new(&cx.kb.variants));
        let mut uses: BTreeMap<String, Vec<Use>> = BTreeMap::new();
        for (u, unit) in doc.units.iter().enumerate() {
            let text = unit.text.as_str();
            // Quotations are read only in a unit where a word of some family is found.
            let mut q: Option<Vec<Range<usize>>> = None;
            let starts = cx.sentence_starts(u);
            // Each word folded once: the pair tables are looked up by slices of these.
            let (ws, folded_words) = cx.words(u).from(unit.body_start);
            // A word counts in lower case, or capitalised where it opens a sentence, and
            // outside quotations.
            let lower_or_opening = |i: usize| {
                let w = &text[ws[i].range.clone()];
                is_lower(w)
                    || (starts.contains(&ws[i].range.start)
                        && w.chars().skip(1).all(|c| !c.is_uppercase()))
            };
            let mut i = 0;
            while i < ws.len() {
                // Whether the word counts (its case, quotations) is asked only of a word some
                // family has: most words are no variant of anything, and fail cheaper tests.
                let folded = &folded_words[i];
                let first = folded.as_bytes().first().copied().unwrap_or(0);
                // (family, side, words taken, the other spelling before its case is matched)
                let mut found: Option<(&str, bool, usize, Cow<str>)> = None;
                let pairs_here = (pair_firsts[first as usize / 64] >> (first % 64)) & 1 != 0;
                for (key, (fam, side, other)) in pairs_here
                    .then(|| by_first.get(folded))
                    .flatten()
                    .into_iter()
                    .flatten()
                {
                    let n = key.len();
                    if i + n > ws.len() {
                        continue;
                    }
                    let win = &ws[i..i + n];
                    if !win
                        .windows(2)
                        .all(|p| text[p[0].range.end..p[1].range.start] == *" ")
                    {
                        continue;
                    }
                    if folded_words.slice(i..i + n).equals(key) {
                        found = Some((fam.as_str(), *side, n, Cow::Borrowed(other.as_str())));
                        break;
                    }
                }
                if found.is_none() {
                    for f in suffixes {
                        if let Some((side, other)) = f.variant(folded) {
                            found = Some((f.family.family.as_str(), side, 1, Cow::Owned(other)));
                            break;
                        }
                    }
                }
                let Some((fam, side, consumed, other)) = found else {
                    i += 1;
                    continue;
                };
                if !lower_or_opening(i)
                    || inside(q.get_or_insert_with(|| quoted(unit)), &ws[i].range)
                {
                    i += 1;
                    continue;
                }
                let w = &text[ws[i].range.clone()];
                let range = ws[i].range.start..ws[i + consumed - 1].range.end;
                uses.entry(fam.to_string()).or_default().push(Use {
                    unit: u,
                    range,
                    side,
                    other: match_case(w, &other),
                });
                i += consumed;
            }
        }
        for (fam, v) in &uses {
            let b = v.iter().filter(|x| x.side).count();
            let a = v.len() - b;
            if a == 0 || b == 0 || a == b {
                continue;
            }
            let major_side = b > a;
            let (nmaj, _) = if major_side { (b, a) } else { (a, b) };
            let Some(major) = v.iter().find(|x| x.side == major_side) else {
                continue;
            };
            let lab = labels.get(fam).cloned().unwrap_or_default();
            let major_label = &lab[usize::from(major_side)];
            let munit = &doc.units[major.unit];
            let example = &munit.text[major.range.clone()];
            let mspan = munit.span_of(major.range.clone());
            for x in v.iter().filter(|x| x.side != major_side) {
                let unit = &doc.units[x.unit];
                let said = &unit.text[x.range.clone()];
                let span = unit.span_of(x.range.clone());
                out.push(
                    Finding::new(
                        self.meta().id,
                        self.meta().severity,
                        span.clone(),
                        if major_label.trim_matches('"') == fold(example) {
                            format!("\"{said}\": this document otherwise writes {major_label} ({})", times(nmaj))
                        } else {
                            format!(
                                "\"{said}\": this document otherwise writes {major_label} ({}, e.g. \"{example}\")",
                                times(nmaj)
                            )
                        },
                    )
                    .label(span.clone(), format!("{fam}: the less frequent spelling"))
                    .label(mspan.clone(), format!("{major_label}, the usual spelling ({})", times(nmaj)))
                    .help(format!("write \"{}\"", x.other))
                    .fix(Fix {
                        edits: vec![Edit {
                            span,
                            replacement: x.other.clone(),
                        }],
                        safe: false,
                    }),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::Knowledge;

    /// `Suffixes::variant` as it was before the endings were grouped: every tail in turn.
    fn variant_by_tails(s: &Suffixes, word: &str) -> Option<(bool, String)> {
        let f = &s.family;
        for (_, tails) in &s.endings {
            for (side, tail, other) in tails {
                let Some(stem) = word.strip_suffix(tail.as_str()) else {
                    continue;
                };
                if stem.chars().count() < f.min_stem
                    || s.stems.contains(stem)
                    || f.prefixes.iter().any(|p| {
                        stem.strip_prefix(p.as_str())
                            .is_some_and(|rest| s.stems.contains(rest))
                    })
                    || s.stems
                        .iter()
                        .any(|x| x.len() >= 4 && stem.ends_with(x.as_str()))
                {
                    return None;
                }
                return Some((*side, format!("{stem}{other}")));
            }
        }
        None
    }

    /// Grouping the tails by ending reads every word as trying each tail did.
    #[test]
    fn endings_read_as_every_tail() {
        let kb = Knowledge::builtin();
        let stems = [
            "organ", "real", "mobil", "pr", "exerc", "rev", "critic", "é", "",
        ];
        for family in &kb.variants.suffix {
            let s = Suffixes::new(family);
            let mut words: Vec<String> = family.exceptions.iter().map(|e| fold(e)).collect();
            for stem in stems {
                for e in family
                    .endings
                    .iter()
                    .map(String::as_str)
                    .chain(["", "s", "x"])
                {
                    for infix in [family.a.as_str(), family.b.as_str(), "", "i"] {
                        words.push(format!("{stem}{infix}{e}"));
                    }
                }
            }
            for w in &words {
                assert_eq!(s.variant(w), variant_by_tails(&s, w), "{w:?}");
            }
        }
    }
}
