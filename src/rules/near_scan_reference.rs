//! The near-miss scan as it was before its cheap rejections and memos (see
//! `names::state_near_misses`), kept to check that the fast one finds the same.

use super::{joins, may_slip, near_index, one_slip, plural, single_slip, Folds, NearMiss, Word};
use crate::extract::Mention;
use crate::rules::near_index::{NearIndex, MIN_SINGLE, MIN_SLOT_SLIP};
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

/// A run of capitalised words from word `i` whose content words are a name's: a function
/// word or a mark missing or changed.
fn exact_near_miss(
    idx: &NearIndex,
    text: &str,
    ws: &[Word],
    folded: Folds,
    i: usize,
) -> Option<(usize, usize, String, String)> {
    let f = &folded[i];
    for n in idx.key_lens(if f == "st" { "saint" } else { f }) {
        let mut content = Vec::with_capacity(n);
        let mut j = i;
        while j < ws.len() {
            if j > i && !joins(&text[ws[j - 1].range.end..ws[j].range.start]) {
                break;
            }
            let wj = &text[ws[j].range.clone()];
            let fj = &folded[j];
            if fj.chars().count() >= 2 && !idx.is_function(fj) {
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

/// A run of capitalised words from word `i` with one slip in a name of many words: all the
/// content words of the name but one the same, that one a letter away. The longest name
/// wins; two names that fit equally well are left alone.
fn slipped_name(
    idx: &NearIndex,
    text: &str,
    ws: &[Word],
    folded: Folds,
    i: usize,
) -> Option<(usize, usize, String, String)> {
    let max = *idx.slot_lens.first()? as usize;
    // A slot needs two words: most capitalised words stand alone.
    if i + 1 >= ws.len() || !joins(&text[ws[i].range.end..ws[i + 1].range.start]) {
        return None;
    }
    // The content words from i on, with the word index of each.
    let mut content: Vec<(&str, usize)> = Vec::with_capacity(max);
    let mut j = i;
    while j < ws.len() && content.len() < max {
        if j > i && !joins(&text[ws[j - 1].range.end..ws[j].range.start]) {
            break;
        }
        let wj = &text[ws[j].range.clone()];
        let fj = &folded[j];
        if fj.chars().count() >= 2 && !idx.is_function(fj) {
            if !is_capitalised(wj) {
                break;
            }
            content.push((if fj == "st" { "saint" } else { fj }, j));
        }
        j += 1;
    }
    let mut key = String::new();
    for n in idx.slot_lens.iter().map(|&n| n as usize) {
        if n > content.len() {
            continue;
        }
        let run = &content[..n];
        let mut found: Option<(usize, usize, String, String)> = None;
        let mut ambiguous = false;
        for p in 0..n {
            // The slot key first: most runs are no name at all, and the key says so with one
            // lookup, before the word's own tests.
            key.clear();
            for (q, (w, _)) in run.iter().enumerate() {
                if q > 0 {
                    key.push(' ');
                }
                key.push_str(if q == p { "*" } else { w });
            }
            let mut cands = idx.slots_for(&key).peekable();
            if cands.peek().is_none() {
                continue;
            }
            let said: Vec<char> = run[p].0.chars().collect();
            if said.len() < MIN_SLOT_SLIP || !may_slip(idx, run[p].0) {
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
                        found = Some((run[n - 1].1, *entity, form, name_key.to_string()))
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
    idx: &NearIndex,
    text: &str,
    ws: &[Word],
    folded: Folds<'a>,
    i: usize,
    starts: &HashSet<usize>,
    seen: &mut HashMap<&'a str, Option<usize>>,
) -> Option<(usize, String, String)> {
    let w = &text[ws[i].range.clone()];
    let f = folded.get(i);
    // What depends on the word alone is worked out once per draft: the same word recurs
    // through it ("Committee", "Convention"), and most have no slip.
    let found = *seen.entry(f).or_insert_with(|| {
        if f.chars().count() < MIN_SINGLE || !may_slip(idx, f) {
            None
        } else {
            single_slip(idx, f)
        }
    });
    found?;
    if w.chars().skip(1).any(char::is_uppercase) {
        return None;
    }
    let spaced = |a: &Word, b: &Word| {
        text[a.range.end..b.range.start]
            .chars()
            .all(char::is_whitespace)
    };
    let proper = |k: usize| {
        let t = &text[ws[k].range.clone()];
        is_capitalised(t) && !idx.is_function(&folded[k])
    };
    if i > 0
        && spaced(&ws[i - 1], &ws[i])
        && proper(i - 1)
        && !starts.contains(&ws[i - 1].range.start)
    {
        return None;
    }
    if i + 1 < ws.len() && spaced(&ws[i], &ws[i + 1]) && proper(i + 1) {
        return None;
    }
    let name = idx.singles[found?];
    let (form, key) = (idx.str(name.form), idx.str(name.key));
    Some((name.entity as usize, form.to_string(), key.to_string()))
}

/// Every near-miss of a State name in the document, in order: a function word or a mark
/// missing or changed ("State Palestine"), or a one-letter slip ("Nieria", "Republic of
/// Modova").
pub fn state_near_misses(cx: &crate::rules::Context) -> Vec<NearMiss> {
    let (doc, kb) = (cx.doc, cx.kb);
    let mut out = Vec::new();
    let mut mentions_by_unit: HashMap<usize, Vec<&Mention>> = HashMap::new();
    for m in &doc.mentions {
        if m.gazetteer == 0 {
            mentions_by_unit.entry(m.unit).or_default().push(m);
        }
    }
    // A word the document also writes in lower case is a common word, not a name.
    let mut lower: HashSet<&str> = HashSet::new();
    for (u, unit) in doc.units.iter().enumerate() {
        let uw = cx.words(u);
        for (w, f) in uw.words.iter().zip(uw.folded().iter()) {
            if is_lower(&unit.text[w.range.clone()]) {
                lower.insert(f);
            }
        }
    }
    // The index last: the draft's words above are read while another thread may still be
    // building it.
    let idx = near_index(kb);
    let mut seen: HashMap<&str, Option<usize>> = HashMap::new();
    for (u, unit) in doc.units.iter().enumerate() {
        let text = unit.text.as_str();
        let uw = cx.words(u);
        let (ws, folded) = (&uw.words, uw.folded());
        let mentions = mentions_by_unit.get(&u).map(Vec::as_slice).unwrap_or(&[]);
        let mut i = 0;
        while i < ws.len() {
            let w = &text[ws[i].range.clone()];
            let f = &folded[i];
            if !is_capitalised(w) || idx.is_function(f) {
                i += 1;
                continue;
            }
            let mut matched = exact_near_miss(idx, text, ws, folded, i);
            if matched.is_none() {
                matched = slipped_name(idx, text, ws, folded, i);
            }
            if matched.is_none() && !lower.contains(f) {
                let st = cx.sentence_starts(u);
                matched = slipped_word(idx, text, ws, folded, i, st, &mut seen)
                    .map(|(e, form, key)| (i, e, form, key));
            }
            let Some((j, entity, form, key)) = matched else {
                i += 1;
                continue;
            };
            let range = ws[i].range.start..ws[j].range.end;
            // A form the gazetteer knows but did not match here (all-capitals rules) is no slip.
            let known = kb.states().lookup(&text[range.clone()]).is_some();
            // Mentions are sorted and do not overlap: only the last one starting at or before
            // the run can hold it (a binary search keeps a long paragraph linear).
            let inside = mentions
                .partition_point(|m| m.range.start <= range.start)
                .checked_sub(1)
                .is_some_and(|k| range.end <= mentions[k].range.end);
            if !inside && !known {
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
    out
}

fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn is_lower(w: &str) -> bool {
    w.chars().all(|c| !c.is_uppercase())
}
