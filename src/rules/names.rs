//! What the name rules share: words with offsets, quotations, titles, and the near-miss
//! matcher for State names.

use super::near_index::{content_key, for_each_key, Input, NearIndex, MIN_SINGLE, MIN_SLOT_SLIP};
use crate::extract::{Document, Mention};
use crate::knowledge::{Form, Knowledge};
use crate::markdown::{Block, BlockKind};
use crate::text::fold;
pub use crate::text::{words, Word};
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::ops::Range;

/// A unit's words and their folded forms: several rules read every word of every unit, so
/// they are read and folded once per draft ([`super::Context::words`]). The folded words
/// share one buffer: a draft has thousands of words, and a string each cost more to make
/// and to free than reading them.
pub struct UnitWords {
    pub words: Vec<Word>,
    folded: String,
    /// Where each folded word is in `folded`.
    spans: Vec<(u32, u32)>,
}

impl UnitWords {
    pub fn read(text: &str) -> UnitWords {
        let words = words(text, 0..text.len());
        if text.is_ascii() {
            // Folding ASCII keeps every offset: the whole text is folded at once, and each
            // word's fold is where the word is.
            let spans = words
                .iter()
                .map(|w| (w.range.start as u32, w.range.end as u32))
                .collect();
            return UnitWords {
                words,
                folded: text.to_ascii_lowercase(),
                spans,
            };
        }
        let mut folded = String::with_capacity(text.len());
        let mut spans = Vec::with_capacity(words.len());
        for w in &words {
            let word = &text[w.range.clone()];
            let at = folded.len();
            if word.is_ascii() {
                folded.push_str(word);
                folded[at..].make_ascii_lowercase();
            } else {
                folded.push_str(&fold(word));
            }
            spans.push((at as u32, folded.len() as u32));
        }
        UnitWords {
            words,
            folded,
            spans,
        }
    }

    /// Every word's folded form.
    pub fn folded(&self) -> Folds<'_> {
        Folds {
            text: &self.folded,
            spans: &self.spans,
        }
    }

    /// The words from text offset `from` on (a unit's body, after its label). A label always
    /// ends in a space, so no word is cut at `from`.
    pub fn from(&self, from: usize) -> (&[Word], Folds<'_>) {
        let i = self.words.partition_point(|w| w.range.start < from);
        debug_assert!(i == 0 || self.words[i - 1].range.end <= from);
        (&self.words[i..], self.folded().slice(i..self.words.len()))
    }
}

/// Folded words (see [`UnitWords`]): `folds[i]` is word `i`.
#[derive(Clone, Copy)]
pub struct Folds<'a> {
    text: &'a str,
    spans: &'a [(u32, u32)],
}

impl<'a> Folds<'a> {
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, i: usize) -> &'a str {
        let (from, to) = self.spans[i];
        &self.text[from as usize..to as usize]
    }

    /// Words `r` of these.
    pub fn slice(&self, r: Range<usize>) -> Folds<'a> {
        Folds {
            text: self.text,
            spans: &self.spans[r],
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &'a str> + 'a {
        let this = *self;
        (0..this.len()).map(move |i| this.get(i))
    }

    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(str::to_string).collect()
    }

    pub fn join(&self, sep: &str) -> String {
        let mut out = String::new();
        for (k, w) in self.iter().enumerate() {
            if k > 0 {
                out.push_str(sep);
            }
            out.push_str(w);
        }
        out
    }

    /// True when these are the words `other`.
    pub fn equals(&self, other: &[String]) -> bool {
        self.len() == other.len() && self.iter().zip(other).all(|(a, b)| a == b)
    }
}

impl std::ops::Index<usize> for Folds<'_> {
    type Output = str;

    fn index(&self, i: usize) -> &str {
        self.get(i)
    }
}

pub fn is_capitalised(w: &str) -> bool {
    // Asked of nearly every word: an ASCII first letter needs no decoding.
    match w.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => w.chars().next().is_some_and(char::is_uppercase),
    }
}

pub fn is_lower(w: &str) -> bool {
    if w.is_ascii() {
        !w.bytes().any(|b| b.is_ascii_uppercase())
    } else {
        w.chars().all(|c| !c.is_uppercase())
    }
}

/// A capital after the first letter ("NIGERIA", "McDonald").
fn inner_capital(w: &str) -> bool {
    if w.is_ascii() {
        w.bytes().skip(1).any(|b| b.is_ascii_uppercase())
    } else {
        w.chars().skip(1).any(char::is_uppercase)
    }
}

/// Two characters or more.
fn two_chars(w: &str) -> bool {
    w.chars().nth(1).is_some()
}

/// Text ranges of a unit that are quotations: between “ and ”, or between straight double
/// quotes taken in pairs. A whole block quote is a quotation too.
pub fn quoted(unit: &Block) -> Vec<Range<usize>> {
    let t = &unit.text;
    if unit.quote_depth > 0 {
        return std::iter::once(0..t.len()).collect();
    }
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut straight: Option<usize> = None;
    // Only '"' and the curly quotes (whose UTF-8 starts with 0xE2) matter: jump between them.
    let b = t.as_bytes();
    let mut i = 0;
    while let Some(k) = memchr::memchr2(b'"', 0xE2, &b[i..]) {
        let at = i + k;
        i = at + 1;
        if b[at] == b'"' {
            match straight.take() {
                Some(o) => out.push(o..at + 1),
                None => straight = Some(at),
            }
        } else if b[at..].starts_with("“".as_bytes()) {
            open = Some(at);
        } else if b[at..].starts_with("”".as_bytes()) {
            if let Some(o) = open.take() {
                out.push(o..at + "”".len());
            }
        }
    }
    out
}

pub fn inside(ranges: &[Range<usize>], r: &Range<usize>) -> bool {
    ranges.iter().any(|q| q.start <= r.start && r.end <= q.end)
}

/// A heading, or a title written as a paragraph of its own (a masthead line in bold with
/// no closing full stop): capitalisation there follows title style, not the term.
pub fn is_title(unit: &Block) -> bool {
    if matches!(unit.kind, BlockKind::Heading(_)) {
        return true;
    }
    if unit.kind != BlockKind::Paragraph || unit.label.is_some() || unit.item.is_some() {
        return false;
    }
    let t = unit.text.trim_end();
    !t.ends_with(['.', ':', ';', '?', '!', ')', '”', '"']) && t.len() < 300
}

/// Text offsets where the unit's sentences start, for "not at a sentence start" tests.
pub fn sentence_starts(doc: &Document, unit: usize) -> HashSet<usize> {
    // Sentences are stored in unit order: find this unit's by binary search, not a scan.
    let from = doc.sentences.partition_point(|s| s.unit < unit);
    let to = doc.sentences.partition_point(|s| s.unit <= unit);
    let mut out: HashSet<usize> = doc.sentences[from..to]
        .iter()
        .map(|s| s.range.start)
        .collect();
    out.insert(doc.units[unit].body_start);
    // A sentence may open with a bracket, a quote or a list letter: the first word counts.
    let text = &doc.units[unit].text;
    let extra: Vec<usize> = out
        .iter()
        .filter_map(|&s| {
            let rest = text.get(s..)?;
            let skip = rest.find(|c: char| c.is_alphanumeric())?;
            Some(s + skip)
        })
        .collect();
    out.extend(extra);
    out
}

/// A State name written with a function word or a mark missing or changed: "State
/// Palestine", "Bosnia Herzegovina", "Cote d Ivoire", "Guinea Bissau".
#[derive(Debug, Clone)]
pub struct NearMiss {
    pub unit: usize,
    pub range: Range<usize>,
    pub span: Range<usize>,
    pub entity: usize,
    /// The gazetteer form it misses (without a leading "the").
    pub form: String,
    pub key: String,
}

/// The index over the gazetteer's names, built once per rule data (it is the same for every
/// draft, and building it costs more than reading a review-sized draft).
pub fn near_index(kb: &Knowledge) -> &NearIndex {
    kb.near_index.get_or_init(|| build_near_index(kb))
}

/// What the index is built from: `kb`'s gazetteers and word lists.
pub fn near_index_input(kb: &Knowledge) -> Input<'_> {
    let mut input = Input::default();
    for g in &kb.gazetteers {
        for e in &g.entities {
            input.all_forms.push(&e.name);
            input.all_forms.extend(e.formal.as_deref());
            input.all_forms.extend(e.aliases.iter().map(String::as_str));
            input
                .all_forms
                .extend(e.former.iter().map(|f| f.name.as_str()));
        }
    }
    for (i, e) in kb.states().entities.iter().enumerate() {
        let forms = std::iter::once(&e.name)
            .chain(e.formal.iter())
            .chain(e.aliases.iter());
        input
            .state_forms
            .extend(forms.map(|f| (i as u32, f.as_str())));
    }
    input.function_words = kb.names.function_words.iter().map(String::as_str).collect();
    input.not_slips = kb.names.not_slips.iter().map(String::as_str).collect();
    input
}

include!(concat!(env!("OUT_DIR"), "/near_index.rs"));

fn build_near_index(kb: &Knowledge) -> NearIndex {
    let input = near_index_input(kb);
    if input.fingerprint() == BUILTIN_NEAR_INDEX.fingerprint {
        BUILTIN_NEAR_INDEX.clone()
    } else {
        NearIndex::build(&input)
    }
}

/// Is `said` one slip away from `name`: a letter dropped, added or changed, or two letters
/// swapped? The first letter must stand (a capital changed is another word), and with
/// `keep_last` the last one too: "German", "Swede", "Kenyan" and "South African" differ from
/// a name at the end, and are words of their own.
pub fn one_slip(said: &[char], name: &[char], keep_last: bool) -> bool {
    let n = name.len();
    if said == name || n < 2 {
        return false;
    }
    let p = said.iter().zip(name).take_while(|(a, b)| a == b).count();
    if said.len() == n {
        let diffs: Vec<usize> = (0..n).filter(|&k| said[k] != name[k]).collect();
        let (lo, hi) = match diffs.as_slice() {
            [k] => (*k, *k),
            [k, l] if *l == k + 1 && said[*k] == name[*l] && said[*l] == name[*k] => (*k, *l),
            _ => return false,
        };
        lo >= 1 && (!keep_last || hi + 2 <= n)
    } else if said.len() + 1 == n {
        // name[k] dropped, for k anywhere in the run of equal letters ending at p.
        if said[p..] != name[p + 1..] {
            return false;
        }
        let mut lo = p;
        while lo > 0 && name[lo - 1] == name[p] {
            lo -= 1;
        }
        let hi = if keep_last { p.min(n - 2) } else { p };
        lo.max(1) <= hi
    } else if said.len() == n + 1 {
        // said[k] added before name[k], for k anywhere in the run of equal letters ending
        // at p.
        if said[p + 1..] != name[p..] {
            return false;
        }
        let mut lo = p;
        while lo > 0 && said[lo - 1] == said[p] {
            lo -= 1;
        }
        let hi = if keep_last { p.min(n - 1) } else { p };
        lo.max(1) <= hi
    } else {
        false
    }
}

/// One word the plural of the other: "the Republics of Armenia and Azerbaijan" names two.
fn plural(a: &[char], b: &[char]) -> bool {
    let (s, l) = if a.len() < b.len() { (a, b) } else { (b, a) };
    l.len() == s.len() + 1 && l[..s.len()] == *s && l[s.len()] == 's'
}

/// What may stand between the words of one name.
fn joins(gap: &str) -> bool {
    gap.chars()
        .all(|c| c.is_whitespace() || matches!(c, '\'' | '’' | '-' | '‐' | '‑' | '–' | '&' | '.'))
}

/// A word that may be a slip: unknown to the gazetteer and not a word of its own.
fn may_slip(idx: &NearIndex, f: &str) -> bool {
    !idx.is_known(f) && !idx.is_not_slip(f) && !idx.is_function(f)
}

/// A unit as the near-miss scan reads it, with what it asks of a word more than once kept.
struct Unit<'a, 'i> {
    idx: &'i NearIndex,
    /// The longest function word, in bytes: a longer word is none, without a lookup.
    function_len: usize,
    text: &'a str,
    ws: &'a [Word],
    folded: Folds<'a>,
    /// Per word: 0 not asked yet, 1 not a word of the gazetteer's forms, 2 one.
    known: &'i mut Vec<u8>,
}

impl Unit<'_, '_> {
    fn is_function(&self, f: &str) -> bool {
        f.len() <= self.function_len && self.idx.is_function(f)
    }

    /// Is word `i` a word of some form of the gazetteers (`NearIndex::is_known`)? Every
    /// content word of a State's name is one, or "saint" (read from "St"): a run with other
    /// words in it is no name, and a word that is one is no slip.
    fn known(&mut self, i: usize) -> bool {
        if self.known[i] == 0 {
            self.known[i] = 1 + u8::from(self.idx.is_known(self.folded.get(i)));
        }
        self.known[i] == 2
    }

    fn joined(&self, j: usize) -> bool {
        joins(&self.text[self.ws[j - 1].range.end..self.ws[j].range.start])
    }
}

/// A run of capitalised words from word `i` whose content words are a name's: a function
/// word or a mark missing or changed.
fn exact_near_miss(s: &mut Unit, i: usize) -> Option<(usize, usize, String, String)> {
    let idx = s.idx;
    let f = s.folded.get(i);
    let first = if f == "st" { "saint" } else { f };
    // A name's first content word is a word of its form, or "saint": the lookup below would
    // find nothing for another.
    if first != "saint" && !s.known(i) {
        return None;
    }
    for n in idx.key_lens(first) {
        let mut content = Vec::with_capacity(n);
        let mut j = i;
        while j < s.ws.len() {
            if j > i && !s.joined(j) {
                break;
            }
            let wj = &s.text[s.ws[j].range.clone()];
            let fj = s.folded.get(j);
            if two_chars(fj) && !s.is_function(fj) {
                if !is_capitalised(wj) {
                    break;
                }
                content.push(if fj == "st" { "saint" } else { fj });
                if content.len() == n {
                    let key = content.join(" ");
                    if let Some(name) = idx.name_with_key(&key) {
                        let form = idx.str(name.form).to_string();
                        return Some((j, name.entity as usize, form, key));
                    }
                    break;
                }
            }
            j += 1;
        }
    }
    None
}

/// A content word of a run: its folded form ("st" read as "saint"), its word index, and
/// whether it is a word of the gazetteer's forms (`known`) and may be a word of a State's
/// name (`name`: known, or "saint").
struct Content<'a> {
    word: &'a str,
    at: usize,
    known: bool,
    name: bool,
}

/// A run of capitalised words from word `i` with one slip in a name of many words: all the
/// content words of the name but one the same, that one a letter away. The longest name
/// wins; two names that fit equally well are left alone.
fn slipped_name(s: &mut Unit, i: usize) -> Option<(usize, usize, String, String)> {
    let idx = s.idx;
    let max = *idx.slot_lens.first()? as usize;
    let fewest = *idx.slot_lens.last()? as usize;
    // A slot needs two words: most capitalised words stand alone.
    if i + 1 >= s.ws.len() || !s.joined(i + 1) {
        return None;
    }
    // The content words from i on, with the word index of each.
    let mut content: Vec<Content> = Vec::with_capacity(max);
    let mut j = i;
    while j < s.ws.len() && content.len() < max {
        if j > i && !s.joined(j) {
            break;
        }
        let wj = &s.text[s.ws[j].range.clone()];
        let fj = s.folded.get(j);
        if two_chars(fj) && !s.is_function(fj) {
            if !is_capitalised(wj) {
                break;
            }
            let (word, known) = if fj == "st" {
                ("saint", idx.is_known("saint"))
            } else {
                (fj, s.known(j))
            };
            content.push(Content {
                word,
                at: j,
                known,
                name: known || word == "saint",
            });
        }
        j += 1;
    }
    if content.len() < fewest {
        return None;
    }
    let mut key = String::new();
    for n in idx.slot_lens.iter().map(|&n| n as usize) {
        if n > content.len() {
            continue;
        }
        let run = &content[..n];
        // A slot key holds every word of the run but the slot's as the name has it: with a
        // word of no name beside the slot there is nothing to look up, and a known word in
        // the slot is no slip (`may_slip`).
        let strangers = run.iter().filter(|c| !c.name).count();
        let mut found: Option<(usize, usize, String, String)> = None;
        let mut ambiguous = false;
        for p in 0..n {
            if run[p].known || strangers > usize::from(!run[p].name) {
                continue;
            }
            // The slot key first: most runs are no name at all, and the key says so with one
            // lookup, before the word's own tests.
            key.clear();
            for (q, c) in run.iter().enumerate() {
                if q > 0 {
                    key.push(' ');
                }
                key.push_str(if q == p { "*" } else { c.word });
            }
            let mut cands = idx.slots_for(&key).peekable();
            if cands.peek().is_none() {
                continue;
            }
            let said: Vec<char> = run[p].word.chars().collect();
            if said.len() < MIN_SLOT_SLIP || !may_slip(idx, run[p].word) {
                continue;
            }
            for (name, q) in cands {
                let (entity, name_key) = (&(name.entity as usize), idx.str(name.key));
                let word: Vec<char> = name_key.split(' ').nth(q).unwrap_or("").chars().collect();
                // The name's last word: its last letter stays (a demonym adds one: "South
                // African").
                let last = q + 1 == name_key.split(' ').count();
                if !one_slip(&said, &word, last)
                    || (n == 2 && word.len() < MIN_SINGLE)
                    || plural(&said, &word)
                {
                    continue;
                }
                match &found {
                    Some((_, e, _, _)) if e != entity => ambiguous = true,
                    Some(_) => {}
                    None => {
                        let form = idx.str(name.form).to_string();
                        found = Some((run[n - 1].at, *entity, form, name_key.to_string()))
                    }
                }
            }
        }
        if ambiguous {
            return None;
        }
        if found.is_some() {
            return found;
        }
    }
    None
}

/// Word `i` as a slip in a one-word name ("Nieria", "Grece"), or None. The word stands alone:
/// a capitalised word right before or after it makes it part of another name ("Angela
/// Merkel", "Granada Television").
fn slipped_word<'a>(
    s: &mut Unit<'a, '_>,
    i: usize,
    starts: impl FnOnce() -> &'a HashSet<usize>,
    seen: &mut HashMap<&'a str, Option<usize>>,
) -> Option<(usize, String, String)> {
    let (text, ws, idx) = (s.text, s.ws, s.idx);
    let w = &text[ws[i].range.clone()];
    let f = s.folded.get(i);
    // The word's cheap tests before the lookups: most capitalised words are short, or stand
    // beside another.
    if f.len() < MIN_SINGLE || inner_capital(w) {
        return None;
    }
    let spaced = |a: &Word, b: &Word| {
        text[a.range.end..b.range.start]
            .chars()
            .all(char::is_whitespace)
    };
    let proper = |k: usize| {
        let t = &text[ws[k].range.clone()];
        is_capitalised(t) && !s.is_function(s.folded.get(k))
    };
    if i > 0
        && spaced(&ws[i - 1], &ws[i])
        && proper(i - 1)
        && !starts().contains(&ws[i - 1].range.start)
    {
        return None;
    }
    if i + 1 < ws.len() && spaced(&ws[i], &ws[i + 1]) && proper(i + 1) {
        return None;
    }
    // What depends on the word alone is worked out once per draft: the same word recurs
    // through it, and most have no slip.
    let found = match seen.get(f) {
        Some(&found) => found,
        None => {
            let found = if f.chars().count() < MIN_SINGLE
                || s.known(i)
                || idx.is_not_slip(f)
                || s.is_function(f)
            {
                None
            } else {
                single_slip(idx, f)
            };
            seen.insert(f, found);
            found
        }
    };
    let name = idx.singles[found?];
    let (form, key) = (idx.str(name.form), idx.str(name.key));
    Some((name.entity as usize, form.to_string(), key.to_string()))
}

/// The one-word name that folded word `f` is one slip away from, if exactly one State has
/// such a name.
fn single_slip(idx: &NearIndex, f: &str) -> Option<usize> {
    let said: Vec<char> = f.chars().collect();
    let mut found: Option<usize> = None;
    let mut ambiguous = false;
    for_each_key(f, |h| {
        for c in idx.singles_with(h) {
            let (entity, name) = (idx.singles[c].entity, idx.str(idx.singles[c].key));
            if ambiguous
                || found == Some(c)
                || !one_slip(&said, &name.chars().collect::<Vec<_>>(), true)
            {
                continue;
            }
            match found {
                Some(o) if idx.singles[o].entity != entity => ambiguous = true,
                Some(_) => {}
                None => found = Some(c),
            }
        }
    });
    if ambiguous {
        None
    } else {
        found
    }
}

/// Every near-miss of a State name in the document, in order: a function word or a mark
/// missing or changed ("State Palestine"), or a one-letter slip ("Nieria", "Republic of
/// Modova").
pub fn state_near_misses(cx: &super::Context) -> Vec<NearMiss> {
    let (doc, kb) = (cx.doc, cx.kb);
    let mut out = Vec::new();
    let mut mentions_by_unit: HashMap<usize, Vec<&Mention>> = HashMap::new();
    for m in &doc.mentions {
        if m.gazetteer == 0 {
            mentions_by_unit.entry(m.unit).or_default().push(m);
        }
    }
    // The draft's words before the index: they are read while another thread may still be
    // building it.
    if !doc.units.is_empty() {
        cx.words(0);
    }
    let idx = near_index(kb);
    let function_len = idx
        .function
        .iter()
        .map(|&(_, s)| (s.end - s.start) as usize)
        .max()
        .unwrap_or(0);
    let mut seen: HashMap<&str, Option<usize>> = HashMap::new();
    // The one-word slips, by their index in `out`, with their folded word: a word the
    // document also writes in lower case is a common word, not a name. Which words it writes
    // in lower case is asked at the end, of these few words only.
    let mut single: Vec<(usize, &str)> = Vec::new();
    let mut known = Vec::new();
    for (u, unit) in doc.units.iter().enumerate() {
        let text = unit.text.as_str();
        let uw = cx.words(u);
        let (ws, folded) = (uw.words.as_slice(), uw.folded());
        let mentions = mentions_by_unit.get(&u).map(Vec::as_slice).unwrap_or(&[]);
        known.clear();
        known.resize(ws.len(), 0);
        let mut s = Unit {
            idx,
            function_len,
            text,
            ws,
            folded,
            known: &mut known,
        };
        let mut i = 0;
        while i < ws.len() {
            let w = &text[ws[i].range.clone()];
            let f = folded.get(i);
            if !is_capitalised(w) || s.is_function(f) {
                i += 1;
                continue;
            }
            let mut matched = exact_near_miss(&mut s, i);
            if matched.is_none() {
                matched = slipped_name(&mut s, i);
            }
            let mut one_word = false;
            if matched.is_none() {
                matched = slipped_word(&mut s, i, || cx.sentence_starts(u), &mut seen)
                    .map(|(e, form, key)| (i, e, form, key));
                one_word = matched.is_some();
            }
            let Some((j, entity, form, key)) = matched else {
                i += 1;
                continue;
            };
            let range = ws[i].range.start..ws[j].range.end;
            // A form the gazetteer knows but did not match here (all-capitals rules) is no slip.
            let is_form = kb.states().lookup(&text[range.clone()]).is_some();
            // Mentions are sorted and do not overlap: only the last one starting at or before
            // the run can hold it (a binary search keeps a long paragraph linear).
            let inside = mentions
                .partition_point(|m| m.range.start <= range.start)
                .checked_sub(1)
                .is_some_and(|k| range.end <= mentions[k].range.end);
            if !inside && !is_form {
                if one_word {
                    single.push((out.len(), f));
                }
                out.push(NearMiss {
                    unit: u,
                    span: unit.span_of(range.clone()),
                    range,
                    entity,
                    form,
                    key,
                });
            }
            i = j + 1;
        }
    }
    if !single.is_empty() {
        let lower = written_lower(cx, single.iter().map(|&(_, f)| f));
        let dropped: HashSet<usize> = single
            .iter()
            .filter(|(_, f)| lower.contains(f))
            .map(|&(k, _)| k)
            .collect();
        let mut k = 0;
        out.retain(|_| {
            k += 1;
            !dropped.contains(&(k - 1))
        });
    }
    out
}

/// Which of the folded words `asked` the document writes in lower case somewhere.
fn written_lower<'c>(
    cx: &'c super::Context,
    asked: impl Iterator<Item = &'c str>,
) -> HashSet<&'c str> {
    let asked: HashSet<&str> = asked.collect();
    // The lengths asked about, as bits: most words have another length, and need no lookup.
    let lengths = asked.iter().fold(0u64, |m, f| m | 1 << f.len().min(63));
    let mut out = HashSet::new();
    for (u, unit) in cx.doc.units.iter().enumerate() {
        let uw = cx.words(u);
        for (w, f) in uw.words.iter().zip(uw.folded().iter()) {
            if lengths & 1 << f.len().min(63) != 0
                && is_lower(&unit.text[w.range.clone()])
                && asked.contains(f)
            {
                out.insert(f);
            }
        }
    }
    out
}

/// True when a mention of the State is the form the near-miss misses: same content key.
pub fn mention_key(doc: &Document, kb: &Knowledge, m: &Mention) -> String {
    let function = &kb.keys.function_words;
    let t = &doc.units[m.unit].text;
    let ws = words(t, m.range.clone());
    content_key(ws.iter().map(|w| &t[w.range.clone()]), |w| {
        function.contains(w)
    })
    .join(" ")
}

/// Is the form a name the State may be written as without a finding?
pub fn is_proper_form(form: &Form) -> bool {
    matches!(form, Form::Name | Form::Formal)
}

/// "once", "twice", "3 times", for messages that count uses.
pub fn times(n: usize) -> String {
    match n {
        1 => "once".to_string(),
        2 => "twice".to_string(),
        n => format!("{n} times"),
    }
}

#[cfg(test)]
#[path = "near_scan_reference.rs"]
mod reference;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::scan::Texts;

    /// Names, their slips and their neighbours, for the generated drafts below.
    const NAME_WORDS: &[&str] = &[
        "Nieria",
        "Nigeria",
        "NIGERIA",
        "nieria",
        "Grece",
        "Greece",
        "grece",
        "Modova",
        "Moldova",
        "Republic",
        "republic",
        "Republics",
        "of",
        "the",
        "The",
        "and",
        "State",
        "Palestine",
        "Bosnia",
        "Herzegovina",
        "Cote",
        "Côte",
        "d",
        "d’Ivoire",
        "Ivoire",
        "Türkiye",
        "Turkiye",
        "Angela",
        "Merkel",
        "Granada",
        "Television",
        "Committee",
        "Guinea",
        "Bissau",
        "Saint",
        "St",
        "Sant",
        "Lucia",
        "Kitts",
        "Kits",
        "Nevis",
        "Trinidad",
        "Tbago",
        "Tobago",
        "Democratic",
        "Democratc",
        "Congo",
        "Cong",
        "United",
        "Kingdom",
        "Kingdon",
        "Korea",
        "Korae",
        "People’s",
        "Lao",
        "Repulic",
        "Iran",
        "Iram",
        "Sudan",
        "South",
        "Sudn",
        "German",
        "Swedes",
        "Marshall",
        "Marshal",
        "Islands",
        "Island",
        "Holy",
        "See",
        "Sea",
        "Viet",
        "Nam",
        "Mam",
        "Niger",
        "McDonald",
        "1990",
    ];
    const NAME_GAPS: &[&str] = &[
        " ", " ", " ", " ", " ", ", ", ". ", "; ", " – ", "-", "’", "'", " (", ") ", "\n", " “",
        "” ", "\"", "  ", "\n\n", "\n\n# ", "\n\n- ", ": ", " & ", ".",
    ];

    /// The scan with its cheap rejections and memos finds what it found without them.
    #[test]
    fn near_misses_as_the_plain_scan_found_them() {
        let kb = Knowledge::builtin();
        let mut texts = Texts::new(0x5ca7);
        let mut found = 0;
        for n in 0..1500 {
            let mut text = String::new();
            if n % 3 == 0 {
                text.push_str("1. ");
            }
            text.push_str(&texts.text(NAME_WORDS, NAME_GAPS, 80));
            text.push('\n');
            let doc = crate::extract::Document::build(
                crate::source::Source::from_string("g.md", text.clone()),
                &kb,
            );
            let want = format!(
                "{:?}",
                reference::state_near_misses(&super::super::Context::new(&doc, &kb, None))
            );
            let got = state_near_misses(&super::super::Context::new(&doc, &kb, None));
            assert_eq!(format!("{got:?}"), want, "{text:?}");
            found += got.len();
        }
        assert!(found > 1000, "{found}");
    }

    /// The scan passes over a word that is no word of any form: every content word of a
    /// State's name must be one, or "saint" (read from "St").
    #[test]
    fn every_word_of_a_name_is_known() {
        let kb = Knowledge::builtin();
        let idx = near_index(&kb);
        let names = idx.names.iter().chain(idx.singles.iter());
        for name in names {
            for w in idx.str(name.key).split(' ') {
                assert!(w == "saint" || idx.is_known(w), "{w}");
            }
        }
    }

    /// A unit's folded words are each word folded, whether the unit is ASCII or not.
    #[test]
    fn unit_words_fold_each_word() {
        let mut texts = Texts::new(0xf01d);
        let pieces = [
            "Abc",
            "x1",
            "DEF",
            "Côte",
            "d’Ivoire",
            "ÉTATS",
            "İ",
            "é",
            "ǅ",
            "ﬁ",
        ];
        let gaps = [" ", "’", "-", "`", ", ", "\u{a0}"];
        for _ in 0..2000 {
            let ascii = texts.next().is_multiple_of(2);
            let text = texts.text(&pieces[..if ascii { 3 } else { 10 }], &gaps, 12);
            let uw = UnitWords::read(&text);
            let want: Vec<String> = uw
                .words
                .iter()
                .map(|w| fold(&text[w.range.clone()]))
                .collect();
            assert_eq!(uw.folded().to_vec(), want, "{text:?}");
        }
    }

    #[test]
    fn quotations_curly_and_straight() {
        let doc = crate::extract::Document::build(
            crate::source::Source::from_string(
                "q.md",
                "The “Ottawa” process – “so-called” – and the \"Oslo\" one, “open.\n".into(),
            ),
            &Knowledge::builtin(),
        );
        let unit = &doc.units[0];
        let got: Vec<&str> = quoted(unit).iter().map(|r| &unit.text[r.clone()]).collect();
        assert_eq!(got, ["“Ottawa”", "“so-called”", "\"Oslo\""]);
    }

    #[test]
    fn the_built_in_index_is_the_one_the_built_in_data_gives() {
        let kb = Knowledge::builtin();
        let input = near_index_input(&kb);
        // Otherwise build.rs read the data files differently from `Knowledge::builtin`, and
        // every run builds its own index.
        assert_eq!(input.fingerprint(), BUILTIN_NEAR_INDEX.fingerprint);
        assert_eq!(NearIndex::build(&input), BUILTIN_NEAR_INDEX);
        assert!(matches!(
            near_index(&kb).deletes,
            std::borrow::Cow::Borrowed(_)
        ));
        assert!(single_slip(near_index(&kb), "nieria").is_some());
    }

    #[test]
    fn other_data_builds_its_own_index() {
        let extra = |name: &str, text: &str| (name.to_string(), text.to_string());
        let state = "[[entity]]\nid = \"XFR\"\nname = \"Freedonia\"\nkind = \"member\"\n";
        let kb = Knowledge::load(&[extra("gazetteer/more.toml", state)]).unwrap();
        let idx = near_index(&kb);
        assert_ne!(idx.fingerprint, BUILTIN_NEAR_INDEX.fingerprint);
        assert_eq!(*idx, NearIndex::build(&near_index_input(&kb)));
        let found = single_slip(idx, "fredonia").expect("a slip of the added State");
        assert_eq!(idx.str(idx.singles[found].form), "Freedonia");
        let names = "not_slips = [\"Fredonia\"]\nfunction_words = [\"upon\"]\n";
        let kb = Knowledge::load(&[
            extra("gazetteer/more.toml", state),
            extra("more/names.toml", names),
        ])
        .unwrap();
        let idx = near_index(&kb);
        assert!(idx.is_not_slip("fredonia") && idx.is_function("upon"));
        assert!(!may_slip(idx, "fredonia"));
    }

    fn slip(said: &str, name: &str, keep_last: bool) -> bool {
        let a: Vec<char> = said.chars().collect();
        let b: Vec<char> = name.chars().collect();
        one_slip(&a, &b, keep_last)
    }

    #[test]
    fn slips_inside_the_word() {
        assert!(slip("nieria", "nigeria", true)); // dropped
        assert!(slip("grece", "greece", true)); // dropped from a double letter
        assert!(slip("nigerria", "nigeria", true)); // added
        assert!(slip("nigeraa", "nigeria", true)); // changed
        assert!(slip("gahna", "ghana", true)); // swapped
        assert!(slip("principle", "principe", true));
    }

    #[test]
    fn no_slip_at_the_edges_or_further_away() {
        assert!(!slip("german", "germany", true)); // last letter dropped: a demonym
        assert!(!slip("kenyan", "kenya", true)); // last letter added
        assert!(!slip("swedes", "sweden", true)); // last letter changed
        assert!(!slip("zambia", "gambia", true)); // first letter changed
        assert!(!slip("olivia", "bolivia", true)); // first letter dropped
        assert!(!slip("niger", "nigeria", true)); // two letters
        assert!(!slip("nigeria", "nigeria", true));
        // Inside a longer name the last letter of a word may slip.
        assert!(slip("marshal", "marshall", false));
    }

    #[test]
    fn plurals_are_not_slips() {
        let a: Vec<char> = "republics".chars().collect();
        let b: Vec<char> = "republic".chars().collect();
        assert!(plural(&a, &b) && plural(&b, &a));
        let c: Vec<char> = "republik".chars().collect();
        assert!(!plural(&c, &b));
    }
}
