//! replylint finds the phrases in customer-service replies that drive customers away
//! (jargon, robotic openers, deflection, policy-hiding, arguing) and says why and what to
//! write instead, in many languages.
//!
//! # Overview
//!
//! * [`Analyzer`] analyses replies; [`Analyzer::new`] has every built-in language,
//!   [`Analyzer::builder`] configures languages, extra lexicons, a company-jargon glossary,
//!   disabled rules and a minimum severity.
//! * [`Report`] is what one reply gets: [`Finding`]s in text order, counts per [`Category`]
//!   and a 0–100 [`score`].
//! * [`Conversation`]s of [`Turn`]s go through [`Analyzer::analyze_conversation`]: every agent
//!   turn is analysed, customer turns are read for complaint signals
//!   ([`Analyzer::complaints`]), and a [`ConversationReport`] adds what one reply cannot show
//!   (no empathy after a complaint, no follow-up at the end, slow responses, canned
//!   sentences). [`Scorecard::by_agent`] sums many of them up per agent (see
//!   `docs/conversations.md`).
//! * [`Lexicon`] is one language's rules, parsed from TOML (see `docs/lexicon-format.md`).
//!
//! The pipeline is `normalize` → `matcher` → `filter` → `report`: the text is normalised once
//! (NFC, lowercase, plain quotes, folded whitespace and script-specific foldings) with a map
//! back to the original; one pass finds every pattern of every active language, as a leftmost-longest
//! Aho-Corasick automaton over them would; matches off word boundaries or out of position are dropped; spans are
//! mapped back to the original text in bytes, code points and UTF-16 units.
//!
//! # Example
//!
//! ```
//! use replylint::{Analyzer, Category};
//!
//! let reply = "Dear valued customer, as I already said, that's not my department.";
//! let report = Analyzer::new().analyze(reply);
//! for finding in report.findings() {
//!     println!("{}: {:?} — {}", finding.rule_id(), finding.text(), finding.suggestion());
//!     assert_eq!(&reply[finding.span().range()], finding.text());
//! }
//! assert_eq!(report.count(Category::RoboticOpener), 1);
//! assert_eq!(report.count(Category::Argumentative), 1);
//! assert_eq!(report.count(Category::Deflection), 1);
//! ```
//!
//! # Crate features
//!
//! * `parallel` (default): [`Analyzer::analyze_batch`] uses every core (rayon).
//! * `precomputed` (default): `build.rs` builds the automaton and the opener templates of the
//!   default analyzer (every built-in language, default options) and embeds them, so a
//!   process's first [`Analyzer::new()`] reads them instead of building them, which was most
//!   of its cost; the binary grows by a few megabytes (`docs/performance.md` measures both).
//!   Any other configuration builds its own, as without the feature.
//! * `all-languages` (default): every built-in lexicon. Each language is also a feature of
//!   its own (`lang-en`, `lang-ru`, `lang-fa`, …) so a size-sensitive build, such as a
//!   browser extension, can keep only what it needs.
#![deny(missing_docs)]

mod absence;
mod analyzer;
mod assemble;
mod category;
mod char_classes;
mod commitments;
mod context;
mod conversation;
mod error;
mod filter;
mod grouped;
mod heuristics;
mod language;
pub mod lexicon;
mod matcher;
pub mod normalize;
mod openers;
pub mod pattern;
mod report;
mod scorecard;
mod search;
mod sentences;
mod snapshot;
mod swar;
#[cfg(test)]
mod testing;

pub use analyzer::{
    builtin_lexicons, core_rules, Analyzer, AnalyzerBuilder, ExampleFailure, GlossaryEntry,
    MAX_GLOSSARY_TERM_CHARS,
};
pub use category::{Category, Severity};
pub use commitments::Commitment;
pub use conversation::{
    conversation_rules, parse_time, Conversation, ConversationFinding, ConversationOptions,
    ConversationReport, Role, Turn, TurnReport,
};
pub use error::Error;
pub use language::detect_language;
pub use lexicon::{Context, Lexicon, Position};
pub use openers::DEFAULT_OPENER_SIMILARITY;
pub use report::{score, Finding, Report, Span};
pub use scorecard::{Durations, Scorecard, WorstReply, UNKNOWN_AGENT, WORST_REPLIES};

// The README's examples run as doctests, so they cannot go stale.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
struct ReadmeDoctests;

// So are the Rust examples of docs/conversations.md.
#[cfg(doctest)]
#[doc = include_str!("../../../docs/conversations.md")]
struct ConversationsDoctests;
