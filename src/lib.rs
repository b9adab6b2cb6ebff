//! tally: a consistency linter for fact-heavy Markdown drafts.
//!
//! bytes → [`source`] → [`markdown`] blocks → [`text`] sentences → [`extract`] claims →
//! [`rules`] → [`finding`]s → [`report`].

pub mod cli;
pub mod config;
pub mod decimal;
pub mod engine;
pub mod eval;
pub mod expect;
pub mod extract;
pub mod finding;
pub mod fix;
pub mod knowledge;
pub mod markdown;
pub mod ordered;
pub mod patterns;
pub mod report;
pub mod rules;
pub mod source;
pub mod suppress;
pub mod text;
pub mod walk;
