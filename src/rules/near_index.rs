//! The index name-variant finds slips in State names with ("Nieria", "Republic of Modova").
//!
//! It depends only on the gazetteers' names and two word lists, and building it cost more
//! than checking a review-sized draft, at every start. So `build.rs` builds it from the
//! built-in data, and a run whose data gives the same input (the same fingerprint) takes
//! that one; any other data (a user's gazetteer, an added function word) builds its own.
//!
//! This file is compiled into `build.rs` as well as into tally: it may use only `std`,
//! `foldhash` and `crate::text`.

use std::borrow::Cow;
use std::collections::HashSet;
use std::hash::{BuildHasher, Hasher};

/// What the index is built from, in the order the knowledge holds it.
#[derive(Debug, Default)]
pub struct Input<'a> {
    /// Every form (name, formal name, aliases, former names) of every entity of every
    /// gazetteer: a word of any of them is a name of its own, never a slip.
    pub all_forms: Vec<&'a str>,
    /// The States' names, formal names and aliases, with the State (its index).
    pub state_forms: Vec<(u32, &'a str)>,
    pub function_words: Vec<&'a str>,
    pub not_slips: Vec<&'a str>,
}

fn hasher(seed: u64) -> foldhash::fast::FixedState {
    foldhash::fast::FixedState::with_seed(seed)
}

impl Input<'_> {
    /// A hash of the whole input. Computed with the same hash function as the index, so
    /// that an index built where the function gives other values (another platform) is
    /// never taken for this one.
    pub fn fingerprint(&self) -> u64 {
        fn put(h: &mut impl Hasher, s: &str) {
            h.write(s.as_bytes());
            h.write_u8(0xff);
        }
        let mut h = hasher(0xf1b9_e7a3).build_hasher();
        for f in &self.all_forms {
            put(&mut h, f);
        }
        h.write_u8(1);
        for &(e, f) in &self.state_forms {
            h.write_u32(e);
            put(&mut h, f);
        }
        h.write_u8(2);
        for w in &self.function_words {
            put(&mut h, w);
        }
        h.write_u8(3);
        for w in &self.not_slips {
            put(&mut h, w);
        }
        // The hash functions' own values: where they differ, so does the index.
        h.write_u64(word_hash("probe") ^ slot_hash("probe"));
        for_each_key("probe", |k| h.write_u64(k));
        h.finish()
    }
}

/// A piece of `NearIndex::text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

/// A State's name as the index holds it: the State, the form as written, its content key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Name {
    pub entity: u32,
    pub form: Span,
    pub key: Span,
}

/// Fewest letters of a one-word name (and of its slip) read as a slip: shorter names are a
/// letter away from too many words.
pub const MIN_SINGLE: usize = 5;
/// Fewest letters of a word of a many-word name read as a slip, and of the slip itself. A
/// name of two content words, where the one other word may be as common as "Republic",
/// needs `MIN_SINGLE` letters in the slipped word ("Republic of Mari El" is no "Republic of
/// Mali").
pub const MIN_SLOT: usize = 4;
pub const MIN_SLOT_SLIP: usize = 3;

/// The index. Its tables are sorted arrays of hashes, each with what it leads to: they are
/// as quick to search as hash maps, and can be written out by `build.rs` as constants.
/// Every string lives in `text`; a hash found is checked against its string where a
/// collision would change an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NearIndex {
    pub fingerprint: u64,
    pub text: Cow<'static, str>,
    /// Content key (words joined by spaces, see `content_key`) to its name (an index into
    /// `names`), the first name with that key.
    pub keys: Cow<'static, [(u64, u32)]>,
    /// A name's first content word to the number of content words of the names that start
    /// with it, longest first.
    pub first: Cow<'static, [(u64, u32)]>,
    pub function: Cow<'static, [(u64, Span)]>,
    /// Every folded word of every form of every gazetteer entity.
    pub known: Cow<'static, [(u64, Span)]>,
    pub not_slips: Cow<'static, [(u64, Span)]>,
    /// A name of two content words or more with one word replaced by "*" (the hash of that
    /// key), to the slot it may be (an index into `slot_at`): a slip in that one word.
    pub slots: Cow<'static, [(u64, u32)]>,
    /// (name, position of the word) of each slot, in the order they were found.
    pub slot_at: Cow<'static, [(u32, u32)]>,
    /// The names of two content words or more.
    pub names: Cow<'static, [Name]>,
    /// The lengths of the keys in `slots`, longest first.
    pub slot_lens: Cow<'static, [u32]>,
    /// One-word names (`MIN_SINGLE` letters or more): the hash of each name and of each
    /// name with one letter deleted, with the name (index into `singles`) it comes from:
    /// the symmetric-delete index. Two strings with one hash only bring a name to compare.
    pub deletes: Cow<'static, [(u64, u32)]>,
    /// The one-word names; a `Name`'s key is its folded word.
    pub singles: Cow<'static, [Name]>,
}

/// The hash of a word or a key in the index's word tables.
pub fn word_hash(w: &str) -> u64 {
    hasher(0x6b65_7973).hash_one(w)
}

/// The hash a slot key is found by (see `NearIndex::slots`).
pub fn slot_hash(key: &str) -> u64 {
    hasher(0x5107).hash_one(key)
}

/// The hashes of the word and of the word with each one letter deleted, in that order.
pub fn for_each_key(w: &str, mut f: impl FnMut(u64)) {
    let hasher = hasher(0x7a11_7a11);
    f(hasher.hash_one(w));
    let mut d = String::with_capacity(w.len());
    for (k, c) in w.char_indices() {
        d.clear();
        d.push_str(&w[..k]);
        d.push_str(&w[k + c.len_utf8()..]);
        f(hasher.hash_one(d.as_str()));
    }
}

/// True when `key` (content words, one of them "*") is name key `name` with its word `p`
/// replaced by "*".
fn is_slot_of(key: &str, name: &str, p: usize) -> bool {
    let (mut a, mut b) = (key.split(' '), name.split(' '));
    let mut q = 0;
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x == if q == p { "*" } else { y } => {}
            _ => return false,
        }
        q += 1;
    }
}

/// The entries of a sorted table whose hash is `h`.
fn equal<T>(table: &[(u64, T)], h: u64) -> &[(u64, T)] {
    let at = table.partition_point(|&(k, _)| k < h);
    let n = table[at..].iter().take_while(|&&(k, _)| k == h).count();
    &table[at..at + n]
}

/// The content words of a name, folded: function words and single letters dropped, "St"
/// read as "Saint".
pub fn content_key<'a>(
    words: impl Iterator<Item = &'a str>,
    is_function: impl Fn(&str) -> bool,
) -> Vec<String> {
    words
        .map(crate::text::fold)
        .filter(|w| w.chars().count() >= 2 && !is_function(w))
        .map(|w| if w == "st" { "saint".to_string() } else { w })
        .collect()
}

impl NearIndex {
    pub fn str(&self, s: Span) -> &str {
        &self.text[s.start as usize..s.end as usize]
    }

    fn in_set(&self, set: &[(u64, Span)], w: &str) -> bool {
        equal(set, word_hash(w))
            .iter()
            .any(|&(_, s)| self.str(s) == w)
    }

    pub fn is_function(&self, w: &str) -> bool {
        self.in_set(&self.function, w)
    }

    pub fn is_known(&self, w: &str) -> bool {
        self.in_set(&self.known, w)
    }

    pub fn is_not_slip(&self, w: &str) -> bool {
        self.in_set(&self.not_slips, w)
    }

    /// The numbers of content words of the names whose first content word is `w`, longest
    /// first; none when no name starts with it.
    pub fn key_lens(&self, w: &str) -> impl Iterator<Item = usize> + '_ {
        equal(&self.first, word_hash(w))
            .iter()
            .map(|&(_, n)| n as usize)
    }

    /// The name whose content key is `key`.
    pub fn name_with_key(&self, key: &str) -> Option<&Name> {
        equal(&self.keys, word_hash(key))
            .iter()
            .map(|&(_, n)| &self.names[n as usize])
            .find(|n| self.str(n.key) == key)
    }

    /// The names a slot key (content words, one of them "*") may be, each with the
    /// position of its "*" word: a slip in that one word.
    pub fn slots_for<'a>(&'a self, key: &'a str) -> impl Iterator<Item = (&'a Name, usize)> {
        equal(&self.slots, slot_hash(key))
            .iter()
            .map(|&(_, s)| self.slot_at[s as usize])
            .map(|(name, q)| (&self.names[name as usize], q as usize))
            .filter(move |&(name, q)| is_slot_of(key, self.str(name.key), q))
    }

    /// The one-word names (indices into `singles`) that delete hash `h` (see
    /// `for_each_key`) may come from.
    pub fn singles_with(&self, h: u64) -> impl Iterator<Item = usize> + '_ {
        equal(&self.deletes, h).iter().map(|&(_, c)| c as usize)
    }

    /// The index of `input`, built.
    pub fn build(input: &Input) -> NearIndex {
        let mut text = Text::default();
        let fold = |w: &&str| crate::text::fold(w);
        let function_set: HashSet<String> = input.function_words.iter().map(fold).collect();
        let mut function = text.set(input.function_words.iter().map(fold));
        let mut not_slips = text.set(input.not_slips.iter().map(fold));
        let mut known = text.set(input.all_forms.iter().flat_map(|f| {
            f.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(crate::text::fold)
        }));
        let mut keys: Vec<(u64, u32)> = Vec::new();
        let mut key_seen: HashSet<String> = HashSet::new();
        let mut first: Vec<(u64, u32)> = Vec::new();
        let mut first_seen: HashSet<(String, usize)> = HashSet::new();
        let mut slots: Vec<(u64, u32)> = Vec::new();
        let mut slot_at: Vec<(u32, u32)> = Vec::new();
        let mut names: Vec<Name> = Vec::new();
        let mut slot_lens: Vec<u32> = Vec::new();
        let mut deletes: Vec<(u64, u32)> = Vec::new();
        let mut singles: Vec<Name> = Vec::new();
        let mut single_words: HashSet<String> = HashSet::new();
        for &(entity, f) in &input.state_forms {
            let f = f.strip_prefix("the ").unwrap_or(f);
            let ws = crate::text::words(f, 0..f.len());
            let key = content_key(ws.iter().map(|w| &f[w.range.clone()]), |w| {
                function_set.contains(w)
            });
            if key.len() == 1
                && key[0].chars().count() >= MIN_SINGLE
                && single_words.insert(key[0].clone())
            {
                let n = singles.len() as u32;
                for_each_key(&key[0], |h| deletes.push((h, n)));
                let (form, key) = (text.put(f), text.put(&key[0]));
                singles.push(Name { entity, form, key });
            }
            if key.len() < 2 {
                continue;
            }
            let joined = key.join(" ");
            let name = names.len() as u32;
            let mut k = String::with_capacity(joined.len());
            for p in 0..key.len() {
                if key[p].chars().count() < MIN_SLOT {
                    continue;
                }
                k.clear();
                for (q, w) in key.iter().enumerate() {
                    if q > 0 {
                        k.push(' ');
                    }
                    k.push_str(if q == p { "*" } else { w });
                }
                slots.push((slot_hash(&k), slot_at.len() as u32));
                slot_at.push((name, p as u32));
                if !slot_lens.contains(&(key.len() as u32)) {
                    slot_lens.push(key.len() as u32);
                }
            }
            if first_seen.insert((key[0].clone(), key.len())) {
                first.push((word_hash(&key[0]), key.len() as u32));
            }
            if key_seen.insert(joined.clone()) {
                keys.push((word_hash(&joined), name));
            }
            let (form, key) = (text.put(f), text.put(&joined));
            names.push(Name { entity, form, key });
        }
        deletes.sort_unstable();
        deletes.dedup();
        slots.sort_unstable();
        keys.sort_unstable();
        // Longest first among the lengths of one word.
        first.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        slot_lens.sort_by(|a, b| b.cmp(a));
        for set in [&mut function, &mut known, &mut not_slips] {
            set.sort_unstable();
        }
        NearIndex {
            fingerprint: input.fingerprint(),
            text: Cow::Owned(text.0),
            keys: keys.into(),
            first: first.into(),
            function: function.into(),
            known: known.into(),
            not_slips: not_slips.into(),
            slots: slots.into(),
            slot_at: slot_at.into(),
            names: names.into(),
            slot_lens: slot_lens.into(),
            deletes: deletes.into(),
            singles: singles.into(),
        }
    }
}

/// The index's strings while it is built.
#[derive(Default)]
struct Text(String);

impl Text {
    fn put(&mut self, s: &str) -> Span {
        let start = self.0.len() as u32;
        self.0.push_str(s);
        Span {
            start,
            end: self.0.len() as u32,
        }
    }

    /// A word table of `words`, each once, unsorted.
    fn set(&mut self, words: impl Iterator<Item = String>) -> Vec<(u64, Span)> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for w in words {
            if !seen.contains(&w) {
                out.push((word_hash(&w), self.put(&w)));
                seen.insert(w);
            }
        }
        out
    }
}
