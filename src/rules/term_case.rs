use super::names::{inside, is_capitalised, is_lower, is_title, quoted, words};
use super::scan;
use super::{Context, Rule};
use crate::declare_rule;
use crate::finding::{Edit, Finding, Fix};
use foldhash::{HashSet, HashSetExt};
use std::collections::BTreeMap;
use std::ops::Range;

declare_rule! {
    /// ## What it does
    /// Reports a multi-word term, or a reference such as "Article 9", written with different
    /// capitalisation in the running text of one document: "Individualised Approach" four
    /// times and "individualised approach" once; "Article 9" six times and "article 9"
    /// twice. The finding points at each use of the less frequent form.
    ///
    /// Only running text counts: a word capitalised because it opens a sentence, headings and
    /// title lines, and quotations are left out. A term is a capitalised run of its own
    /// ("National Focal Point"), not a piece of a longer name.
    ///
    /// ## Why is this bad?
    /// Capitals mark a defined term or a proper name. Mixing the two forms leaves the reader
    /// unsure whether the lower-case use means the same thing.
    ///
    /// ## Example
    /// ```markdown
    /// 1. The Committee set up a National Focal Point network; each National Focal Point reports.
    ///
    /// 2. In three States the national focal point was not designated.
    /// ```
    /// fires on "national focal point". Two spellings used once each stay quiet (there is no
    /// usual form to follow), as does "Article 9" at the start of a sentence.
    ///
    /// ## Fix
    /// Write the term as the document usually does. The replacement is offered, not applied.
    pub struct TermCase {
        id: "term-case",
        severity: Info,
        summary: "the same term or article reference capitalised two ways",
        fixable: true,
    }
}

/// "Article 9", "articles 5.1": the word and the number of each reference to an article in
/// `t`, as the regex `(?-u:\b)([Aa]rticles?)\s+([0-9]+(?:\.[0-9]+)*)(?-u:\b)` found them
/// (kept in the tests).
fn articles(t: &str) -> impl Iterator<Item = (Range<usize>, Range<usize>)> + '_ {
    let b = t.as_bytes();
    let digits = move |i: usize| i + b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    // Every reference has "rticle" in it and few other words do: look for that first.
    let rticle = memchr::memmem::Finder::new(b"rticle");
    let mut s = 0;
    std::iter::from_fn(move || {
        while let Some(p) = b.get(s + 1..).and_then(|r| rticle.find(r)) {
            let at = s + p;
            s = at + 1;
            if !matches!(b[at], b'A' | b'a') || !scan::at_boundary(b, at) {
                continue;
            }
            // Whitespace must follow the word, so "articles" and "article" cannot both do.
            let word = if b.get(at + 7) == Some(&b's') && scan::one_ws(t, at + 8).is_some() {
                at + 8
            } else if scan::one_ws(t, at + 7).is_some() {
                at + 7
            } else {
                continue;
            };
            let n = scan::skip_ws(t, word);
            let mut end = digits(n);
            if end == n {
                continue;
            }
            // The number ends at a boundary: if "5.1" runs into "5.1a", the regex gives back
            // the last ".1" (a shorter run of digits would leave a digit next); with no
            // ".1" to give back there is no match.
            let mut before_last = None;
            while b.get(end) == Some(&b'.') && b.get(end + 1).is_some_and(u8::is_ascii_digit) {
                before_last = Some(end);
                end = digits(end + 1);
            }
            if !scan::at_boundary(b, end) {
                let Some(e) = before_last else { continue };
                end = e;
            }
            s = end;
            return Some((at..word, n..end));
        }
        None
    })
}

/// One use of a term: where, and whether it was capitalised.
struct Use {
    unit: usize,
    range: Range<usize>,
    capital: bool,
}

impl Rule for TermCase {
    fn meta(&self) -> &'static super::Meta {
        &Self::META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let function = &cx.kb.keys.function_words;
        // Key (folded words) to uses, in document order.
        let mut uses: BTreeMap<String, Vec<Use>> = BTreeMap::new();
        let mut lengths: HashSet<usize> = HashSet::new();
        let mut skip: Vec<(Vec<Range<usize>>, bool)> = Vec::new();
        for (u, unit) in doc.units.iter().enumerate() {
            let q = quoted(unit);
            let starts = cx.sentence_starts(u);
            let title = is_title(unit);
            if !title {
                // Capitalised terms: runs of capitalised words with no function word, that
                // stand alone (not inside a longer name) and do not open a sentence.
                for r in cx.runs(u) {
                    let n = r.words.len();
                    if !(2..=5).contains(&n) || r.function.iter().any(|f| *f) || r.trimmed {
                        continue;
                    }
                    let t = &unit.text[r.range.clone()];
                    if starts.contains(&r.range.start) || inside(&q, &r.range) {
                        continue;
                    }
                    let ws = words(&unit.text, r.range.clone());
                    if !ws
                        .iter()
                        .all(|w| is_capitalised(&unit.text[w.range.clone()]))
                        || t.chars().filter(|c| c.is_uppercase()).count() > n
                    {
                        continue; // acronyms and mixed forms are not title-case terms
                    }
                    lengths.insert(n);
                    uses.entry(r.words.join(" ")).or_default().push(Use {
                        unit: u,
                        range: r.range.clone(),
                        capital: true,
                    });
                }
                for (word, num) in articles(&unit.text) {
                    let range = word.start..num.end;
                    if starts.contains(&range.start) || inside(&q, &range) {
                        continue;
                    }
                    let key = format!("article {}", &unit.text[num]);
                    uses.entry(key).or_default().push(Use {
                        unit: u,
                        range,
                        capital: is_capitalised(&unit.text[word]),
                    });
                }
            }
            skip.push((q, title));
        }
        // Lower-case uses of the capitalised terms.
        let keys: HashSet<String> = uses
            .iter()
            .filter(|(k, _)| !k.starts_with("article "))
            .map(|(k, _)| k.clone())
            .collect();
        let mut max_len: Vec<usize> = lengths.into_iter().collect();
        max_len.sort_unstable();
        // Only a word that opens some term can open a lower-case use of it. Their lengths, as
        // bits, turn most words away before a lookup.
        let firsts: HashSet<&str> = keys.iter().filter_map(|k| k.split(' ').next()).collect();
        let first_lengths = firsts.iter().fold(0u64, |m, f| m | 1 << f.len().min(63));
        // Per word: 0 not asked yet, 1 not a lower-case content word, 2 one. Asked only of
        // the words a term could start at and of those after them.
        let mut lower: Vec<u8> = Vec::new();
        for (u, unit) in doc.units.iter().enumerate() {
            let (q, title) = &skip[u];
            if *title || firsts.is_empty() {
                continue;
            }
            let text = unit.text.as_str();
            let (ws, folded) = cx.words(u).from(unit.body_start);
            lower.clear();
            lower.resize(ws.len(), 0);
            let mut lower_at = |k: usize| {
                if lower[k] == 0 {
                    let f = folded.get(k);
                    let l = is_lower(&text[ws[k].range.clone()]) && !function.contains(f);
                    lower[k] = 1 + u8::from(l);
                }
                lower[k] == 2
            };
            for i in 0..ws.len() {
                let f = folded.get(i);
                if first_lengths & 1 << f.len().min(63) == 0 || !firsts.contains(f) || !lower_at(i)
                {
                    continue;
                }
                for &n in &max_len {
                    if i + n > ws.len() {
                        break;
                    }
                    let win = &ws[i..i + n];
                    let gaps_ok = win
                        .windows(2)
                        .all(|p| text[p[0].range.end..p[1].range.start] == *" ");
                    if !gaps_ok || !(i..i + n).all(&mut lower_at) {
                        continue;
                    }
                    let key = folded.slice(i..i + n).join(" ");
                    let range = win[0].range.start..win[n - 1].range.end;
                    if keys.contains(&key) && !inside(q, &range) {
                        if let Some(v) = uses.get_mut(&key) {
                            v.push(Use {
                                unit: u,
                                range,
                                capital: false,
                            });
                        }
                    }
                }
            }
        }
        for v in uses.values_mut() {
            v.sort_by_key(|x| (x.unit, x.range.start));
            let caps = v.iter().filter(|x| x.capital).count();
            let lows = v.len() - caps;
            if caps == 0 || lows == 0 || caps == lows || caps.max(lows) < 2 {
                continue;
            }
            let major_capital = caps > lows;
            let Some(major) = v.iter().find(|x| x.capital == major_capital) else {
                continue;
            };
            let munit = &doc.units[major.unit];
            let good = &munit.text[major.range.clone()];
            let good_span = munit.span_of(major.range.clone());
            let (nmaj, nmin) = if major_capital {
                (caps, lows)
            } else {
                (lows, caps)
            };
            for x in v.iter().filter(|x| x.capital != major_capital) {
                let unit = &doc.units[x.unit];
                let said = &unit.text[x.range.clone()];
                let span = unit.span_of(x.range.clone());
                let replacement = recase(said, good);
                out.push(
                    Finding::new(
                        self.meta().id,
                        self.meta().severity,
                        span.clone(),
                        format!(
                            "\"{said}\" is written \"{replacement}\" elsewhere in this document"
                        ),
                    )
                    .label(
                        span.clone(),
                        format!("written like this {}", count_word(nmin)),
                    )
                    .label(
                        good_span.clone(),
                        format!("the usual form, {}", count_word(nmaj)),
                    )
                    .help(format!(
                        "write \"{replacement}\", as in the rest of the document"
                    ))
                    .fix(Fix {
                        edits: vec![Edit {
                            span,
                            replacement: replacement.clone(),
                        }],
                        safe: false,
                    }),
                );
            }
        }
    }
}

/// `said` with the capitalisation of `model`, word by word ("articles 5" after "Article 9"
/// gives "Articles 5").
fn recase(said: &str, model: &str) -> String {
    let upper = model.chars().next().is_some_and(char::is_uppercase);
    let model_words: Vec<&str> = model.split(' ').collect();
    said.split(' ')
        .enumerate()
        .map(|(i, w)| {
            let cap = model_words
                .get(i)
                .map_or(upper, |m| m.chars().next().is_some_and(char::is_uppercase));
            let mut cs = w.chars();
            match cs.next() {
                Some(f) if cap => f.to_uppercase().chain(cs).collect(),
                Some(f) => f.to_lowercase().chain(cs).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn count_word(n: usize) -> String {
    match n {
        1 => "once".to_string(),
        2 => "twice".to_string(),
        n => format!("{n} times"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::scan::Texts;
    use regex::Regex;

    /// The regex the matcher replaced, kept to check that it reads the same.
    fn article_re() -> Regex {
        Regex::new(r"(?-u:\b)([Aa]rticles?)\s+([0-9]+(?:\.[0-9]+)*)(?-u:\b)").unwrap()
    }

    /// References to articles come out the same, with the same parts, as the regex's.
    #[test]
    fn articles_read_as_the_regex_did() {
        const WORDS: [&str; 24] = [
            "Article",
            "article",
            "Articles",
            "articles",
            "ARTICLE",
            "Articlesx",
            "xarticle",
            "articlé",
            "5",
            "12",
            "5.1",
            "5.1.2",
            "5.",
            "5.1a",
            "12a",
            "1_",
            "0.5.",
            "_",
            "é",
            "x",
            "a",
            "A",
            ".",
            "Article\u{a0}9",
        ];
        const BETWEEN: [&str; 12] = [
            " ", " ", " ", "", "", "  ", "\u{a0}", "\u{2003}", "\n", ".", ", ", "-",
        ];
        let re = article_re();
        let mut texts = Texts::new(0xa271);
        let (mut found, mut dotted) = (0, 0);
        for n in 0..60_000 {
            let mut text = String::new();
            if n % 2 == 0 {
                // A word and a number, then anything.
                text.push_str(texts.pick(&WORDS[..8]));
                text.push_str(texts.pick(&BETWEEN[..9]));
                text.push_str(texts.pick(&WORDS[8..18]));
            }
            text.push_str(&texts.text(&WORDS, &BETWEEN, 8));
            let want: Vec<(Range<usize>, Range<usize>)> = re
                .captures_iter(&text)
                .map(|c| (c.get(1).unwrap().range(), c.get(2).unwrap().range()))
                .collect();
            let got: Vec<_> = articles(&text).collect();
            assert_eq!(got, want, "{text:?}");
            found += got.len();
            dotted += got
                .iter()
                .filter(|(_, n)| text[n.clone()].contains('.'))
                .count();
        }
        assert!(found > 20_000 && dotted > 5_000, "{found} {dotted}");
    }

    #[test]
    fn articles_by_example() {
        let read = |t: &str| -> Vec<String> {
            articles(t)
                .map(|(w, n)| format!("{} {}", &t[w], &t[n]))
                .collect()
        };
        assert_eq!(
            read("under article 5.1 and Articles 7"),
            ["article 5.1", "Articles 7"]
        );
        // The number gives back its last part to end at a boundary.
        assert_eq!(read("article 5.1.2a"), ["article 5.1"]);
        assert!(read("article 12a, xarticle 3, article5").is_empty());
    }
}
