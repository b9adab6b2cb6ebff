//! The rules: one file each, each a pure function from a document's claims to findings.
//!
//! A rule's doc comment is its user documentation: `tally explain RULE` prints it.

use crate::extract::Document;
use crate::finding::{Finding, Severity};
use crate::knowledge::Knowledge;
use std::sync::OnceLock;

pub mod canonical_name;
pub mod count_list;
pub mod cross_ref;
pub mod date;
pub mod duplicate_item;
pub mod membership;
pub mod name_variant;
pub mod names;
pub mod near_index;
pub mod numbering;
pub mod percent_of;
mod scan;
pub mod spelling_variant;
pub mod split_paragraph;
pub mod table_total;
pub mod term_case;
pub mod total_parts;
pub mod unused_suppression;

/// What a rule says about itself.
#[derive(Debug)]
pub struct Meta {
    pub id: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
    /// The rule's documentation (its doc comment), Markdown.
    pub doc: &'static str,
    pub fixable: bool,
    /// False for a check that runs only when asked for (`--enable RULE`).
    pub default_enabled: bool,
}

/// What a rule may read.
pub struct Context<'a> {
    pub doc: &'a Document,
    pub kb: &'a Knowledge,
    /// The date the draft is judged at (YYYY-MM-DD): its own date, `--as-of`, or today.
    pub as_of: Option<&'a str>,
    /// Readings several rules need, made once per draft on first use.
    near_misses: OnceLock<Vec<names::NearMiss>>,
    runs: OnceLock<Vec<Vec<name_variant::Run>>>,
    words: OnceLock<Vec<names::UnitWords>>,
    sentence_starts: OnceLock<Vec<foldhash::HashSet<usize>>>,
}

impl<'a> Context<'a> {
    pub fn new(doc: &'a Document, kb: &'a Knowledge, as_of: Option<&'a str>) -> Context<'a> {
        Context {
            doc,
            kb,
            as_of,
            near_misses: OnceLock::new(),
            runs: OnceLock::new(),
            words: OnceLock::new(),
            sentence_starts: OnceLock::new(),
        }
    }

    /// Where unit `u`'s sentences start (see [`names::sentence_starts`]).
    pub fn sentence_starts(&self, u: usize) -> &foldhash::HashSet<usize> {
        let all = self.sentence_starts.get_or_init(|| {
            (0..self.doc.units.len())
                .map(|u| names::sentence_starts(self.doc, u))
                .collect()
        });
        &all[u]
    }

    /// The words of unit `u`, with their folded forms.
    pub fn words(&self, u: usize) -> &names::UnitWords {
        let all = self.words.get_or_init(|| {
            self.doc
                .units
                .iter()
                .map(|unit| names::UnitWords::read(&unit.text))
                .collect()
        });
        &all[u]
    }

    /// Near-misses of State names (name-variant reports them, canonical-name steps aside).
    pub fn near_misses(&self) -> &[names::NearMiss] {
        self.near_misses
            .get_or_init(|| names::state_near_misses(self))
    }

    /// The capitalised runs of unit `u` (name-variant's bodies, term-case's terms).
    pub fn runs(&self, u: usize) -> &[name_variant::Run] {
        let all = self.runs.get_or_init(|| {
            (0..self.doc.units.len())
                .map(|u| name_variant::runs(self, u))
                .collect()
        });
        &all[u]
    }
}

pub trait Rule: Sync {
    fn meta(&self) -> &'static Meta;
    fn check(&self, cx: &Context, out: &mut Vec<Finding>);
    /// Builds what the rule would otherwise build on its first draft (an index such as
    /// name-variant's), so that it can be done on a spare core while the first draft is read.
    fn prepare(&self, _kb: &Knowledge) {}
}

/// Prepares every rule (see [`Rule::prepare`]); the results are shared by later checks.
pub fn prepare(kb: &Knowledge) {
    // Last rule first: the draft's own check runs the rules in order, so it builds the early
    // rules' needs itself while this builds the late ones, and neither waits for the other.
    for rule in all().iter().rev() {
        rule.prepare(kb);
    }
}

/// Declares a rule struct whose doc comment becomes its `Meta::doc`.
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident {
            id: $id:literal,
            severity: $sev:ident,
            summary: $summary:literal
            $(, fixable: $fix:literal)?
            $(, default_enabled: $on:literal)? $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        pub struct $name;

        impl $name {
            pub const META: $crate::rules::Meta = $crate::rules::Meta {
                id: $id,
                severity: $crate::finding::Severity::$sev,
                summary: $summary,
                doc: concat!($($doc, "\n"),*),
                fixable: false $(|| $fix)?,
                default_enabled: true $(&& $on)?,
            };
        }
    };
}

/// Every built-in rule, in the order `tally rules` lists them.
pub fn all() -> &'static [&'static dyn Rule] {
    &[
        &count_list::CountList,
        &duplicate_item::DuplicateItem,
        &total_parts::TotalParts,
        &percent_of::PercentOf,
        &table_total::TableTotal,
        &split_paragraph::SplitParagraph,
        &numbering::Numbering,
        &cross_ref::CrossRef,
        &date::Date,
        &name_variant::NameVariant,
        &canonical_name::CanonicalName,
        &term_case::TermCase,
        &spelling_variant::SpellingVariant,
        &membership::Membership,
        &unused_suppression::UnusedSuppression,
    ]
}

pub fn by_id(id: &str) -> Option<&'static dyn Rule> {
    all().iter().copied().find(|r| r.meta().id == id)
}

/// A rule's documentation with the one leading space of each doc-comment line removed.
pub fn doc_text(meta: &Meta) -> String {
    meta.doc
        .lines()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
}
