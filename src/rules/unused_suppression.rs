use super::{Context, Rule};
use crate::declare_rule;
use crate::finding::Finding;

declare_rule! {
    /// ## What it does
    /// Reports a tally suppression comment that suppresses nothing: a
    /// `<!-- tally-disable-next-line RULE -->` above a line where RULE finds nothing, a
    /// `tally-disable` region or `tally-disable-file` that no finding falls in, a directive
    /// that names no rule, or a `tally-enable` with no `tally-disable` before it.
    ///
    /// ## Why is this bad?
    /// A stale suppression hides the next real problem on that line, and a misspelt rule id
    /// suppresses nothing while looking as if it did.
    ///
    /// ## Example
    /// ```markdown
    /// <!-- tally-disable-next-line count-list -->
    /// Three States Parties reported: Chile, Peru and Ecuador.
    /// ```
    /// fires (the count matches the list, so there is nothing to suppress); the same comment
    /// above "Three States Parties reported: Chile and Peru." stays quiet, because it
    /// suppresses a count-list finding.
    ///
    /// ## Fix
    /// Remove the comment, or correct the rule id. Directives about rules switched off in the
    /// configuration are not reported.
    pub struct UnusedSuppression {
        id: "unused-suppression",
        severity: Info,
        summary: "a tally-disable comment that suppresses nothing",
    }
}

impl Rule for UnusedSuppression {
    fn meta(&self) -> &'static super::Meta {
        &Self::META
    }

    /// The engine reports unused suppressions after every other rule has run, since only
    /// then is it known what each directive suppressed.
    fn check(&self, _cx: &Context, _out: &mut Vec<Finding>) {}
}
