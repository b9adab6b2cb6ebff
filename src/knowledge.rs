//! Domain knowledge as data: the TOML files in `rules/`, embedded at build time.
//!
//! Gazetteers, counted nouns, list markers, hedges. A user's rules folder adds to them (see
//! `Knowledge::load`): the same file name in a user folder is read after the built-in one.

use crate::text::{fold, Folded};
use serde::Deserialize;
use std::collections::HashMap;
use std::ops::Range;

/// A built-in data file as build.rs wrote it: the TOML in `rules/` turned into JSON.
macro_rules! builtin_json {
    ($path:literal) => {
        include_str!(concat!(env!("OUT_DIR"), "/rules/", $path, ".json"))
    };
}

/// The built-in data files: (name, contents as JSON). The name is the TOML file's in
/// `rules/`, the one a user's file of the same name adds to.
pub const BUILTIN: &[(&str, &str)] = &[
    ("gazetteer/states.toml", builtin_json!("gazetteer/states")),
    ("count-nouns.toml", builtin_json!("count-nouns")),
    ("lists.toml", builtin_json!("lists")),
    ("hedges.toml", builtin_json!("hedges")),
    ("quantities.toml", builtin_json!("quantities")),
    ("variants.toml", builtin_json!("variants")),
    ("names.toml", builtin_json!("names")),
    (
        "membership/mine-ban-convention.toml",
        builtin_json!("membership/mine-ban-convention"),
    ),
];

/// Style sets shipped with tally, off until a config names them (`styles = ["un-style"]`).
pub const STYLES: &[(&str, &[(&str, &str)])] = &[(
    "un-style",
    &[
        (
            "styles/un-style/numbers-in-words.toml",
            include_str!("../rules/styles/un-style/numbers-in-words.toml"),
        ),
        (
            "styles/un-style/numbers-in-figures.toml",
            include_str!("../rules/styles/un-style/numbers-in-figures.toml"),
        ),
        (
            "styles/un-style/sentence-start-figure.toml",
            include_str!("../rules/styles/un-style/sentence-start-figure.toml"),
        ),
        (
            "styles/un-style/per-cent.toml",
            include_str!("../rules/styles/un-style/per-cent.toml"),
        ),
        (
            "styles/un-style/ize-spelling.toml",
            include_str!("../rules/styles/un-style/ize-spelling.toml"),
        ),
        (
            "styles/un-style/programme-judgement.toml",
            include_str!("../rules/styles/un-style/programme-judgement.toml"),
        ),
        (
            "styles/un-style/acronym-stops.toml",
            include_str!("../rules/styles/un-style/acronym-stops.toml"),
        ),
    ],
)];

/// A data file that could not be read, with the span of the problem for miette.
#[derive(Debug, Clone)]
pub struct DataError {
    pub file: String,
    pub message: String,
    pub span: Option<Range<usize>>,
    pub source_text: String,
}

impl std::fmt::Display for DataError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

/// The built-in States, read apart from the other files (see `Knowledge::load_with_styles`).
const BUILTIN_STATES: (&str, &str) = BUILTIN[0];

include!(concat!(env!("OUT_DIR"), "/states.rs"));

/// The built-in States (`STATES`, the data of `BUILTIN_STATES`), as entities.
fn builtin_state_entities() -> Vec<Entity> {
    let owned = |s: &str| s.to_string();
    STATES
        .iter()
        .map(|&(id, name, formal, kind, aliases, former)| Entity {
            id: owned(id),
            name: owned(name),
            formal: formal.map(owned),
            kind,
            aliases: aliases.iter().copied().map(owned).collect(),
            former: former
                .iter()
                .map(|&(name, until)| Former {
                    name: owned(name),
                    until: owned(until),
                })
                .collect(),
        })
        .collect()
}

/// The built-in States, with their matcher.
fn builtin_states() -> Result<Gazetteer, DataError> {
    Ok(Gazetteer::new("states", builtin_state_entities()))
}

type StatesThread = std::thread::JoinHandle<Result<Gazetteer, DataError>>;

/// The built-in States being read ahead (see `prefetch_builtin_states`).
static PREFETCHED_STATES: std::sync::Mutex<Option<StatesThread>> = std::sync::Mutex::new(None);

/// Starts reading the built-in States on a thread of their own, so that they are ready
/// sooner: every run that checks drafts needs them, and the arguments and configs are read
/// meanwhile. The next `Knowledge::load_with_styles` takes them.
pub fn prefetch_builtin_states() {
    let mut slot = PREFETCHED_STATES
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if slot.is_none() {
        *slot = Some(std::thread::spawn(builtin_states));
    }
}

/// What a rule file does to the States: entities of a gazetteer file replace the built-in
/// ones with their id or are added; an entity pattern rule's are added.
enum StateOp {
    Upsert(Vec<Entity>),
    Add(Vec<Entity>),
}

/// The States after the rule files' operations, in file order.
fn replay(mut states: Vec<Entity>, ops: Vec<StateOp>) -> Vec<Entity> {
    let mut ids: HashMap<String, usize> = HashMap::new();
    for (i, e) in states.iter().enumerate() {
        ids.entry(e.id.clone()).or_insert(i);
    }
    for op in ops {
        match op {
            // A user's entity with a known id replaces the built-in one.
            StateOp::Upsert(es) => {
                for e in es {
                    match ids.get(&e.id) {
                        Some(&i) => states[i] = e,
                        None => {
                            ids.insert(e.id.clone(), states.len());
                            states.push(e);
                        }
                    }
                }
            }
            StateOp::Add(es) => {
                for e in es {
                    ids.entry(e.id.clone()).or_insert(states.len());
                    states.push(e);
                }
            }
        }
    }
    states
}

/// A built-in data file (JSON, see `BUILTIN`). Its TOML was checked when tally was built;
/// a shape the loader does not expect is still reported, without a span.
fn parse_builtin<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T, DataError> {
    serde_json::from_str(text).map_err(|e| DataError {
        file: file.to_string(),
        message: format!("built-in data: {e}"),
        span: None,
        source_text: String::new(),
    })
}

fn parse_data<T: serde::de::DeserializeOwned>(
    file: &str,
    text: &str,
    builtin: bool,
) -> Result<T, DataError> {
    if builtin {
        parse_builtin(file, text)
    } else {
        parse_toml(file, text)
    }
}

pub fn parse_toml<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T, DataError> {
    toml::from_str(text).map_err(|e| DataError {
        file: file.to_string(),
        message: e.message().to_string(),
        span: e.span(),
        source_text: text.to_string(),
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Member,
    Observer,
    Territory,
    /// Bodies, funds, programmes a user adds.
    Organization,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Former {
    pub name: String,
    /// The date the current name took effect (YYYY-MM-DD).
    pub until: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub formal: Option<String>,
    pub kind: EntityKind,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub former: Vec<Former>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GazetteerFile {
    entity: Vec<Entity>,
}

/// How a surface form relates to its entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Form {
    /// The canonical (UN short) name.
    Name,
    Formal,
    Alias,
    /// A former name, with the date the current name took effect.
    Former(String),
}

/// Known names, matched gazetteer-first with word boundaries on folded text.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    pub name: String,
    pub entities: Vec<Entity>,
    /// Pattern index to (entity, form, exact case): an all-capitals form such as "UK" or
    /// "CAR" matches only in capitals, or it would find "car" and "uk".
    patterns: Vec<(usize, Form, bool)>,
    matcher: NameMatcher,
}

/// The folded forms, found where a word starts: the word is looked up, and the forms that
/// begin with it are tried longest first. Building it is a hash per form, where an automaton
/// over every letter of every form cost more than checking a short draft; a name can only
/// count where a word starts anyway (see `Gazetteer::find`). The forms share one string and
/// the candidates one array, as a thousand small allocations cost more than the rest.
#[derive(Debug, Clone)]
struct NameMatcher {
    /// The folded forms, one after the other; form `k` is `text[ends[k - 1]..ends[k]]`.
    text: String,
    ends: Vec<u32>,
    /// The hash of a first word (a form's first run of letters and digits) to the range of
    /// `cands` holding the forms that start with it, longest first, in pattern order among
    /// equals.
    by_first: HashMap<u64, (u32, u32), std::hash::BuildHasherDefault<Prehashed>>,
    cands: Vec<u32>,
    /// Forms that start with no letter or digit: tried wherever a word could start.
    odd: Vec<u32>,
}

/// The hasher of a map whose keys are hashes already: a word is hashed once, not twice.
#[derive(Debug, Default, Clone, Copy)]
struct Prehashed(u64);

impl std::hash::Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// The hash a form's first word is looked up by.
fn first_word_hash(w: &str) -> u64 {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::with_seed(0x6669_7273).hash_one(w)
}

/// The end of the run of letters and digits at `i`.
fn word_end(s: &str, mut i: usize) -> usize {
    let b = s.as_bytes();
    while i < b.len() {
        let (word, len) = char_at(s, i);
        if !word {
            break;
        }
        i += len;
    }
    i
}

/// Whether the character at `i` is a letter or digit, and its length: ASCII without decoding.
fn char_at(s: &str, i: usize) -> (bool, usize) {
    let b = s.as_bytes()[i];
    if b.is_ascii() {
        (b.is_ascii_alphanumeric(), 1)
    } else {
        let c = s[i..].chars().next().unwrap_or(' ');
        (crate::text::is_word_char(c), c.len_utf8())
    }
}

impl NameMatcher {
    fn new(text: String, ends: Vec<u32>) -> NameMatcher {
        let mut m = NameMatcher {
            text,
            ends,
            by_first: HashMap::default(),
            cands: Vec::new(),
            odd: Vec::new(),
        };
        // (first word's hash, form) of every form that starts with a word, grouped by hash
        // with the longest forms first, in pattern order among equals.
        let mut firsts: Vec<(u64, std::cmp::Reverse<u32>, u32)> = Vec::with_capacity(m.ends.len());
        for k in 0..m.ends.len() as u32 {
            let key = m.key(k);
            match word_end(key, 0) {
                0 => m.odd.push(k),
                end => firsts.push((
                    first_word_hash(&key[..end]),
                    std::cmp::Reverse(key.len() as u32),
                    k,
                )),
            }
        }
        firsts.sort_unstable();
        m.cands = firsts.iter().map(|&(_, _, k)| k).collect();
        m.by_first.reserve(firsts.len());
        for (i, &(h, _, _)) in firsts.iter().enumerate() {
            m.by_first
                .entry(h)
                .and_modify(|r| r.1 += 1)
                .or_insert((i as u32, i as u32 + 1));
        }
        let mut odd = std::mem::take(&mut m.odd);
        odd.sort_by_key(|&k| std::cmp::Reverse(m.key(k).len()));
        m.odd = odd;
        m
    }

    /// Folded form `k`.
    fn key(&self, k: u32) -> &str {
        let start = if k == 0 { 0 } else { self.ends[k as usize - 1] };
        &self.text[start as usize..self.ends[k as usize] as usize]
    }

    /// The forms whose first word is `w`, longest first. A form of another first word with
    /// the same hash may come too: `longest_at` finds the text does not start with it.
    fn starting_with(&self, w: &str) -> &[u32] {
        match self.by_first.get(&first_word_hash(w)) {
            Some(&(from, to)) => &self.cands[from as usize..to as usize],
            None => &[],
        }
    }

    /// The longest form starting at `i`, if any.
    fn longest_at(&self, t: &str, i: usize, cands: &[u32]) -> Option<(usize, u32)> {
        cands.iter().find_map(|&k| {
            let key = self.key(k);
            t[i..].starts_with(key).then_some((i + key.len(), k))
        })
    }

    /// Leftmost-longest, non-overlapping matches starting where a word starts in `t`: once
    /// a form matches, the search goes on after it, whether or not the caller keeps it.
    fn for_each(&self, t: &str, mut f: impl FnMut(usize, usize, usize)) {
        let mut i = 0;
        let mut prev_word = false;
        while i < t.len() {
            let (word, len) = char_at(t, i);
            let mut found = None;
            if word && !prev_word {
                let end = word_end(t, i);
                // A form whose first word only shares the hash ends its first word elsewhere.
                let n = end - i;
                found = self.starting_with(&t[i..end]).iter().find_map(|&k| {
                    let key = self.key(k);
                    (t[i..].starts_with(key) && word_end(key, 0) == n).then_some((i + key.len(), k))
                });
                if found.is_none() {
                    // The rest of the word can start no form.
                    i = end;
                    prev_word = true;
                    continue;
                }
            } else if !word && !self.odd.is_empty() {
                found = self.longest_at(t, i, &self.odd);
            }
            if let Some((end, k)) = found {
                f(i, end, k as usize);
                prev_word = t[..end]
                    .chars()
                    .next_back()
                    .is_some_and(crate::text::is_word_char);
                i = end;
                continue;
            }
            prev_word = word;
            i += len;
        }
    }
}

/// A gazetteer hit in some text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub range: Range<usize>,
    pub entity: usize,
    pub form: Form,
}

impl Gazetteer {
    pub fn new(name: &str, entities: Vec<Entity>) -> Gazetteer {
        let mut text = String::new();
        let mut ends = Vec::new();
        let mut patterns = Vec::new();
        let mut push = |s: &str, e: usize, f: Form| {
            let s = s.strip_prefix("the ").unwrap_or(s);
            let from = text.len();
            crate::text::fold_into(s, &mut text);
            if text[from..].trim().is_empty() {
                text.truncate(from);
            } else {
                let caps = s.chars().all(|c| c.is_ascii_uppercase());
                ends.push(text.len() as u32);
                patterns.push((e, f, caps));
            }
        };
        for (i, e) in entities.iter().enumerate() {
            push(&e.name, i, Form::Name);
            if let Some(f) = &e.formal {
                push(f, i, Form::Formal);
            }
            for a in &e.aliases {
                push(a, i, Form::Alias);
            }
            for f in &e.former {
                push(&f.name, i, Form::Former(f.until.clone()));
            }
        }
        Gazetteer {
            name: name.to_string(),
            entities,
            patterns,
            matcher: NameMatcher::new(text, ends),
        }
    }

    /// Every known name in `s`, leftmost-longest, at word boundaries, starting with a
    /// capital letter (a lower-case "turkey" or "chad" is a word, not a State).
    pub fn find(&self, s: &str) -> Vec<Hit> {
        let folded = Folded::new(s);
        self.find_folded(s, &folded)
    }

    pub fn find_folded(&self, s: &str, folded: &Folded) -> Vec<Hit> {
        let mut out = Vec::new();
        self.matcher.for_each(&folded.text, |start, end, pattern| {
            let r = folded.orig_range(start..end);
            if !crate::text::at_word_boundary(s, &r) {
                return;
            }
            let first = s[r.clone()].chars().next();
            if !first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) {
                return;
            }
            let (entity, form, caps) = self.patterns[pattern].clone();
            if caps && !s[r.clone()].chars().all(|c| c.is_uppercase()) {
                return;
            }
            if caps && s[r.end..].starts_with('$') {
                return; // "US$" is a currency
            }
            out.push(Hit {
                range: r,
                entity,
                form,
            });
        });
        out
    }

    /// The entity whose folded name or alias is exactly `s`.
    pub fn lookup(&self, s: &str) -> Option<Hit> {
        let hits = self.find(s);
        hits.into_iter()
            .find(|h| h.range.start == 0 && h.range.end == s.len())
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountNoun {
    pub forms: Vec<String>,
    #[serde(default)]
    pub gazetteer: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CountNounFile {
    noun: Vec<CountNoun>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListMarkers {
    #[serde(default)]
    pub open: Vec<String>,
    #[serde(default)]
    pub open_tail: Vec<String>,
    #[serde(default)]
    pub closed: Vec<String>,
    #[serde(default)]
    pub vague: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HedgeKind {
    Approximate,
    Below,
    Above,
    AtLeast,
    AtMost,
    LessThan,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hedge {
    pub kind: HedgeKind,
    pub words: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HedgeFile {
    hedge: Vec<Hedge>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Currency {
    pub code: String,
    #[serde(default)]
    pub before: Vec<String>,
    #[serde(default)]
    pub after: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    pub power: u32,
    #[serde(default)]
    pub words: Vec<String>,
    /// Forms read only after a figure with a currency ("$1.9bn", "€20m").
    #[serde(default)]
    pub short: Vec<String>,
}

/// A share stated in words ("the majority", "a third"), in per cent.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Proportion {
    pub words: Vec<String>,
    pub lo: String,
    #[serde(default)]
    pub lo_open: bool,
    pub hi: String,
    #[serde(default)]
    pub hi_open: bool,
    /// The value a hedge refers to ("more than a third").
    pub exact: String,
    /// The lower reading of `exact` where it is not a finite decimal (a third).
    #[serde(default)]
    pub exact_lo: Option<String>,
}

/// Units and scales of stated figures (`rules/quantities.toml`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuantityWords {
    #[serde(default)]
    pub percent: Vec<String>,
    #[serde(default)]
    pub not_percent: Vec<String>,
    #[serde(default)]
    pub reference: Vec<String>,
    #[serde(default)]
    pub months: Vec<String>,
    #[serde(default)]
    pub currency: Vec<Currency>,
    #[serde(default)]
    pub scale: Vec<Scale>,
    #[serde(default)]
    pub proportion: Vec<Proportion>,
}

/// A counted noun form, ready to match.
#[derive(Debug, Clone)]
pub struct NounForm {
    /// Folded words of the form.
    pub words: Vec<String>,
    pub noun: usize,
}

/// List markers and hedge words folded once at load: the extractors compare them at every
/// word of every sentence.
#[derive(Debug, Clone, Default)]
pub struct Keys {
    pub open: Vec<String>,
    pub open_tail: Vec<String>,
    pub closed: Vec<String>,
    /// Every hedge word folded, with its kind, in file order.
    pub hedges: Vec<(HedgeKind, String)>,
    /// The longest folded hedge word, in characters.
    pub longest_hedge: usize,
    /// The name rules' function words and designators, folded (they are asked at every word).
    pub function_words: foldhash::HashSet<String>,
    pub designators: foldhash::HashSet<String>,
    /// Every proportion word folded, with its proportion (an index into
    /// `quantities.proportion`), in file order, each with a searcher built once.
    pub proportions: Vec<(usize, memchr::memmem::Finder<'static>)>,
}

impl Keys {
    fn new(
        lists: &ListMarkers,
        hedges: &[Hedge],
        names: &NameData,
        quantities: &QuantityWords,
    ) -> Keys {
        let folded = |v: &[String]| v.iter().map(|w| fold(w)).collect();
        let hedges: Vec<(HedgeKind, String)> = hedges
            .iter()
            .flat_map(|h| h.words.iter().map(|w| (h.kind, fold(w))))
            .collect();
        Keys {
            open: folded(&lists.open),
            open_tail: folded(&lists.open_tail),
            closed: folded(&lists.closed),
            longest_hedge: hedges
                .iter()
                .map(|(_, w)| w.chars().count())
                .max()
                .unwrap_or(0),
            hedges,
            function_words: names.function_words.iter().map(|w| fold(w)).collect(),
            designators: names.designators.iter().map(|w| fold(w)).collect(),
            proportions: quantities
                .proportion
                .iter()
                .enumerate()
                .flat_map(|(i, p)| {
                    p.words
                        .iter()
                        .map(move |w| (i, memchr::memmem::Finder::new(&fold(w)).into_owned()))
                })
                .collect(),
        }
    }
}

/// Everything the extractors and rules know.
#[derive(Debug, Clone)]
pub struct Knowledge {
    /// The State near-miss index of the name rules, built on first use.
    pub near_index: std::sync::OnceLock<crate::rules::near_index::NearIndex>,
    /// The list markers made ready for reading, and the spelling rule's tables, built on
    /// first use: the same for every draft, and once per draft they cost more than reading
    /// a short one.
    pub list_markers: std::sync::OnceLock<crate::extract::lists::Markers>,
    pub spelling_tables: std::sync::OnceLock<crate::rules::spelling_variant::Tables>,
    pub gazetteers: Vec<Gazetteer>,
    pub count_nouns: Vec<CountNoun>,
    /// All noun forms, longest (in words) first.
    pub noun_forms: Vec<NounForm>,
    pub lists: ListMarkers,
    pub hedges: Vec<Hedge>,
    pub quantities: QuantityWords,
    /// Pattern rules from users' rule folders and enabled style sets.
    pub patterns: Vec<crate::patterns::PatternRule>,
    pub variants: Variants,
    pub names: NameData,
    pub membership: Vec<MembershipSet>,
    pub keys: Keys,
}

impl Knowledge {
    /// The built-in data only.
    pub fn builtin() -> Knowledge {
        Knowledge::load(&[]).expect("built-in rule data is valid (tested)")
    }

    /// The built-in data plus extra files (name, contents), read after the built-in ones:
    /// entities and counted nouns are added, list markers and hedges extended.
    pub fn load(extra: &[(String, String)]) -> Result<Knowledge, DataError> {
        Knowledge::load_with_styles(extra, &[])
    }

    /// Like `load`, with the named built-in style sets switched on.
    pub fn load_with_styles(
        extra: &[(String, String)],
        styles: &[String],
    ) -> Result<Knowledge, DataError> {
        let mut style_files: Vec<(&str, &str)> = Vec::new();
        for name in styles {
            let Some((_, files)) = STYLES.iter().find(|(n, _)| n == name) else {
                let known: Vec<&str> = STYLES.iter().map(|(n, _)| *n).collect();
                return Err(DataError {
                    file: "config".into(),
                    message: format!(
                        "unknown style set {name:?}; tally ships: {}",
                        known.join(", ")
                    ),
                    span: None,
                    source_text: String::new(),
                });
            };
            style_files.extend(files.iter().copied());
        }
        let builtin_ids: Vec<&str> = crate::rules::all().iter().map(|r| r.meta().id).collect();
        let mut patterns: Vec<crate::patterns::PatternRule> = Vec::new();
        let mut others: Vec<(String, Vec<Entity>)> = Vec::new();
        // What the other files do to the States, in order, replayed on the built-in ones.
        let mut state_ops: Vec<StateOp> = Vec::new();
        let mut count_nouns = Vec::new();
        let mut lists = ListMarkers::default();
        let mut hedges = Vec::new();
        let mut quantities = QuantityWords::default();
        let mut variants = Variants::default();
        let mut names = NameData::default();
        let mut membership: Vec<MembershipSet> = Vec::new();
        // The built-in States are parsed and their matcher built on a thread of their own,
        // most of loading the rule data, while the other files are read here; a check run
        // starts that thread first thing (`prefetch_builtin_states`).
        let prefetched = PREFETCHED_STATES
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take();
        let (builtin_states, read) = std::thread::scope(|scope| {
            let states = match prefetched {
                Some(handle) => Err(handle),
                None => Ok(scope.spawn(builtin_states)),
            };
            let read = (|| -> Result<(), DataError> {
                let files = BUILTIN
                    .iter()
                    .filter(|(n, _)| *n != BUILTIN_STATES.0)
                    .map(|&(n, t)| (n, t, true))
                    .chain(style_files.iter().map(|&(n, t)| (n, t, false)))
                    .chain(extra.iter().map(|(n, t)| (n.as_str(), t.as_str(), false)));
                for (name, text, builtin) in files {
                    let base = name.rsplit('/').next().unwrap_or(name).to_string();
                    if name.starts_with("gazetteer/") || base == "states.toml" {
                        let g: GazetteerFile = parse_data(name, text, builtin)?;
                        state_ops.push(StateOp::Upsert(g.entity));
                    } else if base == "count-nouns.toml" {
                        let f: CountNounFile = parse_data(name, text, builtin)?;
                        count_nouns.extend(f.noun);
                    } else if base == "lists.toml" {
                        let f: ListMarkers = parse_data(name, text, builtin)?;
                        lists.open.extend(f.open);
                        lists.open_tail.extend(f.open_tail);
                        lists.closed.extend(f.closed);
                        lists.vague.extend(f.vague);
                    } else if base == "hedges.toml" {
                        let f: HedgeFile = parse_data(name, text, builtin)?;
                        hedges.extend(f.hedge);
                    } else if base == "quantities.toml" {
                        let f: QuantityWords = parse_data(name, text, builtin)?;
                        let q = &mut quantities;
                        q.percent.extend(f.percent);
                        q.not_percent.extend(f.not_percent);
                        q.reference.extend(f.reference);
                        q.months.extend(f.months);
                        q.currency.extend(f.currency);
                        q.scale.extend(f.scale);
                        q.proportion.extend(f.proportion);
                    } else if base == "variants.toml" {
                        let f: Variants = parse_data(name, text, builtin)?;
                        variants.extend(f);
                    } else if base == "names.toml" {
                        let f: NameData = parse_data(name, text, builtin)?;
                        names.extend(f);
                    } else if name.starts_with("membership/") {
                        let f: MembershipSet = parse_data(name, text, builtin)?;
                        // A user's set for the same treaty replaces the built-in one.
                        membership.retain(|m| m.treaty != f.treaty);
                        membership.push(f);
                    } else {
                        use crate::patterns::Loaded;
                        match crate::patterns::load(name, text, &builtin_ids)? {
                            Loaded::Rule(r) => {
                                if patterns.iter().any(|p| p.id == r.id) {
                                    return Err(DataError {
                                        file: name.to_string(),
                                        message: format!(
                                            "rule id {:?} is already defined by {}",
                                            r.id,
                                            patterns
                                                .iter()
                                                .find(|p| p.id == r.id)
                                                .map_or("", |p| p.origin.as_str())
                                        ),
                                        span: None,
                                        source_text: text.to_string(),
                                    });
                                }
                                patterns.push(*r);
                            }
                            Loaded::CountNouns(n) => count_nouns.extend(n),
                            Loaded::Entities(g, e) if g == "states" => {
                                state_ops.push(StateOp::Add(e))
                            }
                            Loaded::Entities(g, e) => {
                                match others.iter_mut().find(|(n, _)| *n == g) {
                                    Some((_, list)) => list.extend(e),
                                    None => others.push((g, e)),
                                }
                            }
                        }
                    }
                }
                Ok(())
            })();
            let states = match states {
                Ok(scoped) => scoped.join(),
                Err(handle) => handle.join(),
            };
            (states.expect("the States thread does not panic"), read)
        });
        read?;
        let builtin_states = builtin_states?;
        let states = if state_ops.is_empty() {
            builtin_states
        } else {
            Gazetteer::new("states", replay(builtin_states.entities, state_ops))
        };
        let mut noun_forms: Vec<NounForm> = count_nouns
            .iter()
            .enumerate()
            .flat_map(|(i, n)| {
                n.forms.iter().map(move |f| NounForm {
                    words: fold(f).split_whitespace().map(str::to_string).collect(),
                    noun: i,
                })
            })
            .collect();
        noun_forms.sort_by_key(|f| std::cmp::Reverse(f.words.len()));
        let mut gazetteers = vec![states];
        gazetteers.extend(others.into_iter().map(|(n, e)| Gazetteer::new(&n, e)));
        Ok(Knowledge {
            near_index: std::sync::OnceLock::new(),
            list_markers: std::sync::OnceLock::new(),
            spelling_tables: std::sync::OnceLock::new(),
            gazetteers,
            keys: Keys::new(&lists, &hedges, &names, &quantities),
            count_nouns,
            noun_forms,
            lists,
            hedges,
            quantities,
            patterns,
            variants,
            names,
            membership,
        })
    }

    pub fn gazetteer(&self, name: &str) -> Option<&Gazetteer> {
        self.gazetteers.iter().find(|g| g.name == name)
    }

    pub fn states(&self) -> &Gazetteer {
        &self.gazetteers[0]
    }
}

/// Spelling variants a draft should not mix (`rules/variants.toml`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variants {
    #[serde(default)]
    pub pair: Vec<VariantPair>,
    #[serde(default)]
    pub suffix: Vec<SuffixFamily>,
}

impl Variants {
    fn extend(&mut self, other: Variants) {
        for p in other.pair {
            self.pair.retain(|o| o.family != p.family);
            self.pair.push(p);
        }
        for f in other.suffix {
            self.suffix.retain(|o| o.family != f.family);
            self.suffix.push(f);
        }
    }
}

/// Two lists of word forms, one per side ("programme", "programmes" / "program", "programs").
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VariantPair {
    pub family: String,
    pub a: Vec<String>,
    pub b: Vec<String>,
}

/// A family made by a suffix rule: STEM + a + ENDING against STEM + b + ENDING.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SuffixFamily {
    pub family: String,
    pub a: String,
    pub b: String,
    pub a_label: String,
    pub b_label: String,
    pub endings: Vec<String>,
    #[serde(default)]
    pub min_stem: usize,
    #[serde(default)]
    pub exceptions: Vec<String>,
    #[serde(default)]
    pub prefixes: Vec<String>,
}

/// Data for the name rules (`rules/names.toml`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NameData {
    #[serde(default)]
    pub designators: Vec<String>,
    #[serde(default)]
    pub function_words: Vec<String>,
    #[serde(default)]
    pub alias_context: Vec<AliasContext>,
    /// Capitalised words one letter away from a State's name that are words of their own
    /// (demonyms, given names, places, common words): never read as a slip in the name.
    #[serde(default)]
    pub not_slips: Vec<String>,
}

impl NameData {
    fn extend(&mut self, other: NameData) {
        self.designators.extend(other.designators);
        self.function_words.extend(other.function_words);
        self.alias_context.extend(other.alias_context);
        self.not_slips.extend(other.not_slips);
    }
}

/// Where a State's alias is not a name of the State, or part of a fixed term.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AliasContext {
    pub alias: String,
    #[serde(default)]
    pub sentence_has: Vec<String>,
    #[serde(default)]
    pub followed_by: Vec<String>,
    #[serde(default)]
    pub why: String,
}

/// A treaty's States Parties, for the `membership` check (`rules/membership/*.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MembershipSet {
    pub treaty: String,
    /// The set applies to a draft that names one of these; with none it applies to every
    /// draft.
    #[serde(default)]
    pub titles: Vec<String>,
    #[serde(default)]
    pub as_of: Option<String>,
    pub parties: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// build.rs writes the States as a table; it must hold what serde reads from the file.
    #[test]
    fn the_built_in_states_table_is_the_data_file() {
        let g: GazetteerFile = parse_builtin(BUILTIN_STATES.0, BUILTIN_STATES.1).unwrap();
        assert!(g.entity.len() > 190);
        assert!(g.entity.iter().any(|e| !e.former.is_empty()));
        assert_eq!(builtin_state_entities(), g.entity);
    }

    /// The word-start matcher finds what an Aho-Corasick automaton (leftmost-longest over
    /// every position, as tally used before) finds, on texts made of the States' names in
    /// every case, glued to other words and marks.
    #[test]
    fn names_are_found_as_an_automaton_finds_them() {
        let g = Knowledge::builtin().states().clone();
        let keys: Vec<&str> = (0..g.matcher.ends.len() as u32)
            .map(|k| g.matcher.key(k))
            .collect();
        let ac = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(&keys)
            .unwrap();
        let forms: Vec<&str> = g
            .entities
            .iter()
            .flat_map(|e| {
                std::iter::once(e.name.as_str())
                    .chain(e.formal.as_deref())
                    .chain(e.aliases.iter().map(String::as_str))
                    .chain(e.former.iter().map(|f| f.name.as_str()))
            })
            .collect();
        const GLUE: &[&str] = &[
            " ", " ", " and ", ", ", "-", "–", "’s ", "'", " the ", " of ", "x", "2", "(", ") ",
            ". ", "\u{a0}", "é", "İ", "/", "",
        ];
        let mut rng = crate::eval::Rng::new(7);
        let (mut found, mut hidden) = (0, 0);
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..1 + rng.below(5) {
                text.push_str(GLUE[rng.below(GLUE.len())]);
                let f = forms[rng.below(forms.len())];
                match rng.below(6) {
                    0 => text.push_str(&f.to_lowercase()),
                    1 => text.push_str(&f.to_uppercase()),
                    // Part of a name: its first or last words.
                    2 => text.push_str(f.split(' ').next().unwrap_or(f)),
                    3 => text.push_str(f.rsplit(' ').next().unwrap_or(f)),
                    _ => text.push_str(f),
                }
            }
            let folded = Folded::new(&text);
            let t = folded.text.as_str();
            let word_at = |i: usize| t[i..].chars().next().is_some_and(crate::text::is_word_char);
            let starts_word = |i: usize| {
                word_at(i)
                    && !t[..i]
                        .chars()
                        .next_back()
                        .is_some_and(crate::text::is_word_char)
            };
            // The automaton also matches inside a word. Such a match never counts, but when
            // it runs on over the start of the next word it hides what starts there, which
            // the new matcher finds: texts with one are counted, not compared.
            if ac.find_iter(t).any(|m| {
                !starts_word(m.start())
                    && (m.start() + 1..m.end()).any(|i| t.is_char_boundary(i) && starts_word(i))
            }) {
                hidden += 1;
                continue;
            }
            // What `find_folded` kept of the automaton's matches.
            let want: Vec<Hit> = ac
                .find_iter(&folded.text)
                .filter_map(|m| {
                    let r = folded.orig_range(m.start()..m.end());
                    let first = text[r.clone()].chars().next();
                    let (entity, form, caps) = g.patterns[m.pattern().as_usize()].clone();
                    let keep = crate::text::at_word_boundary(&text, &r)
                        && first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                        && (!caps || text[r.clone()].chars().all(|c| c.is_uppercase()))
                        && (!caps || !text[r.end..].starts_with('$'));
                    keep.then_some(Hit {
                        range: r,
                        entity,
                        form,
                    })
                })
                .collect();
            let got = g.find_folded(&text, &folded);
            assert_eq!(got, want, "{text:?}");
            found += got.len();
        }
        assert!(
            found > 20_000 && hidden < 4_000,
            "{found} found, {hidden} hidden"
        );
    }

    #[test]
    fn the_states_read_apart_are_the_gazetteer_file() {
        assert_eq!(BUILTIN_STATES.0, "gazetteer/states.toml");
        let kb = Knowledge::builtin();
        assert!(kb.states().entities.len() > 190);
    }

    /// A user's State replaces the built-in one with its id; a new one is added; both reach
    /// the matcher, whether the States were read on their own thread or not.
    #[test]
    fn user_states_replace_and_add() {
        let user = r#"
[[entity]]
id = "NOR"
name = "Norway"
kind = "member"
aliases = ["Kingdom of the Fjords"]

[[entity]]
id = "XNL"
name = "Neverland"
kind = "territory"
"#;
        let kb = Knowledge::load(&[("gazetteer/extra.toml".to_string(), user.to_string())])
            .expect("valid");
        let g = kb.states();
        let nor: Vec<&Entity> = g.entities.iter().filter(|e| e.id == "NOR").collect();
        assert_eq!(nor.len(), 1);
        assert_eq!(nor[0].aliases, vec!["Kingdom of the Fjords".to_string()]);
        assert!(g.lookup("Neverland").is_some());
        assert!(g.lookup("Kingdom of the Fjords").is_some());
        assert_eq!(
            g.entities.len(),
            Knowledge::builtin().states().entities.len() + 1
        );
    }

    #[test]
    fn builtin_data_loads() {
        let k = Knowledge::builtin();
        assert!(k.states().entities.len() >= 195);
        assert!(!k.noun_forms.is_empty());
        assert!(!k.variants.suffix.is_empty());
        assert!(!k.names.designators.is_empty());
        let set = &k.membership[0];
        assert_eq!(set.parties.len(), 164);
        for p in &set.parties {
            assert!(k.states().lookup(p).is_some(), "{p} is not a known State");
        }
    }

    #[test]
    fn names_match_gazetteer_first_and_whole() {
        let k = Knowledge::builtin();
        let g = k.states();
        let s = "South Sudan, Nigeria, Papua New Guinea, Saint Kitts and Nevis and Côte d’Ivoire";
        let names: Vec<&str> = g
            .find(s)
            .iter()
            .map(|h| g.entities[h.entity].name.as_str())
            .collect();
        assert_eq!(
            names,
            vec![
                "South Sudan",
                "Nigeria",
                "Papua New Guinea",
                "Saint Kitts and Nevis",
                "Côte d'Ivoire"
            ]
        );
        assert!(g.find("the Omani coast and a turkey").is_empty());
        let h = g.find("Cote d'Ivoire and Bolivia (Plurinational State of)");
        assert_eq!(h.len(), 2);
        assert_eq!(h[1].form, Form::Name);
    }
}
