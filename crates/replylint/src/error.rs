//! The one error type of replylint.

use std::path::PathBuf;

/// Everything that can go wrong while building an [`Analyzer`](crate::Analyzer).
///
/// Analysing text never fails; only configuration can. Every message says what to fix.
///
/// # Example
///
/// ```
/// use replylint::{Analyzer, Error};
///
/// let err = Analyzer::builder().languages(["xx"]).build().unwrap_err();
/// assert!(matches!(err, Error::UnknownLanguage { .. }));
/// assert!(err.to_string().contains("unknown language code `xx`"));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A lexicon file or string is malformed: bad TOML, a missing key, a bad pattern.
    #[error("{origin}:{line}: {}{message}", rule.as_ref().map(|r| format!("rule `{r}`: ")).unwrap_or_default())]
    Lexicon {
        /// The file name (or the name given to a lexicon string).
        origin: String,
        /// 1-based line of the offending entry.
        line: usize,
        /// The rule the problem is in, when there is one.
        rule: Option<String>,
        /// What is wrong and how to fix it.
        message: String,
    },
    /// A language code that no active lexicon provides.
    #[error("unknown language code `{code}`; available: {available}")]
    UnknownLanguage {
        /// The code asked for.
        code: String,
        /// The codes that exist, comma-separated.
        available: String,
    },
    /// A category name that does not exist.
    #[error(
        "unknown category `{0}`; expected one of jargon, robotic_opener, deflection, \
         policy_hiding, argumentative, apathy, false_promise, non_apology, empathy, apology, \
         ownership, follow_up, complaint"
    )]
    UnknownCategory(String),
    /// A severity name that does not exist.
    #[error("unknown severity `{0}`; expected info, warning or error")]
    UnknownSeverity(String),
    /// A rule id given to `disable_rules` that no active lexicon defines.
    #[error(
        "unknown rule id `{0}`; rule ids look like `en.company-policy` \
         (list them with `replylint lexicon list`)"
    )]
    UnknownRule(String),
    /// Two lexicons define the same rule id.
    #[error("rule id `{0}` is defined by two lexicons; rename the rule in your lexicon")]
    DuplicateRule(String),
    /// A glossary (company jargon) entry that cannot be matched.
    #[error("glossary term `{term}`: {message}")]
    Glossary {
        /// The term as given (shortened if very long).
        term: String,
        /// What is wrong and how to fix it.
        message: String,
    },
    /// The active patterns are too many or too long for one automaton.
    #[error("the active patterns do not fit in one automaton ({0}); activate fewer languages or lexicons")]
    TooLarge(String),
    /// A builder setting out of its range.
    #[error("option `{option}`: {message}")]
    InvalidOption {
        /// The builder setting.
        option: &'static str,
        /// What is wrong and how to fix it.
        message: String,
    },
    /// A conversation turn's time that is neither RFC 3339 nor seconds since 1970.
    #[error("time `{value}`: {message}; write RFC 3339 (`2026-03-01T09:15:00Z`, `2026-03-01 12:15:00+03:00`) or seconds since 1970-01-01 UTC")]
    Time {
        /// The value given.
        value: String,
        /// What is wrong with it.
        message: String,
    },
    /// A conversation turn's role that is neither `agent` nor `customer`.
    #[error("unknown role `{0}`; expected agent or customer")]
    UnknownRole(String),
    /// A lexicon file that cannot be read.
    #[error("cannot read lexicon file `{}`: {source}", path.display())]
    Io {
        /// The path given.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
}
