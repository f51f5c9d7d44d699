//! What a finding is about ([`Category`]) and how much it matters ([`Severity`]).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::Error;

/// The kind of service sin (or, for positive signals, virtue) a finding points at.
///
/// Categories serialise in `snake_case`, as they are written in lexicon files.
///
/// # Example
///
/// ```
/// use replylint::Category;
///
/// let c: Category = "policy_hiding".parse().unwrap();
/// assert_eq!(c, Category::PolicyHiding);
/// assert!(!c.is_positive());
/// assert!(Category::Empathy.is_positive());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Category {
    /// Company or industry jargon and unexplained acronyms: talking over the customer's head.
    Jargon,
    /// Canned, scripted openers that tell the customer nobody is really listening.
    RoboticOpener,
    /// The brush-off and the runaround: sending the customer elsewhere.
    Deflection,
    /// Hiding behind the rule book instead of explaining or helping.
    PolicyHiding,
    /// Arguing with, correcting or blaming the customer.
    Argumentative,
    /// Coldness and indifference to the customer's problem.
    Apathy,
    /// Promises the agent cannot be sure to keep.
    FalsePromise,
    /// Apologies that take themselves back ("sorry, but", "sorry if you feel").
    NonApology,
    /// Positive: acknowledging how the customer feels.
    Empathy,
    /// Positive: a real apology.
    Apology,
    /// Positive: the agent takes the problem on personally.
    Ownership,
    /// Positive: a concrete next step or a promise to check back.
    FollowUp,
    /// Customer side: the customer is upset ("this is ridiculous", "third time I'm writing").
    /// Found only in customer turns ([`Analyzer::complaints`](crate::Analyzer::complaints)),
    /// never in a reply's [`Report`](crate::Report); it is not in [`Category::ALL`].
    Complaint,
}

impl Category {
    /// Every category of a reply, problems first, then positive signals.
    pub const ALL: [Category; 12] = [
        Category::Jargon,
        Category::RoboticOpener,
        Category::Deflection,
        Category::PolicyHiding,
        Category::Argumentative,
        Category::Apathy,
        Category::FalsePromise,
        Category::NonApology,
        Category::Empathy,
        Category::Apology,
        Category::Ownership,
        Category::FollowUp,
    ];

    /// The categories of what customers write (see [`Category::Complaint`]).
    pub const CUSTOMER: [Category; 1] = [Category::Complaint];

    /// The `snake_case` name used in lexicons and JSON.
    ///
    /// ```
    /// assert_eq!(replylint::Category::RoboticOpener.as_str(), "robotic_opener");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Jargon => "jargon",
            Category::RoboticOpener => "robotic_opener",
            Category::Deflection => "deflection",
            Category::PolicyHiding => "policy_hiding",
            Category::Argumentative => "argumentative",
            Category::Apathy => "apathy",
            Category::FalsePromise => "false_promise",
            Category::NonApology => "non_apology",
            Category::Empathy => "empathy",
            Category::Apology => "apology",
            Category::Ownership => "ownership",
            Category::FollowUp => "follow_up",
            Category::Complaint => "complaint",
        }
    }

    /// True for the signals that raise a reply's score (empathy, apology, ownership, follow-up).
    ///
    /// ```
    /// use replylint::Category;
    /// assert!(Category::FollowUp.is_positive());
    /// assert!(!Category::Deflection.is_positive());
    /// ```
    pub fn is_positive(self) -> bool {
        matches!(
            self,
            Category::Empathy | Category::Apology | Category::Ownership | Category::FollowUp
        )
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Category {
    type Err = Error;

    fn from_str(s: &str) -> Result<Category, Error> {
        Category::ALL
            .into_iter()
            .chain(Category::CUSTOMER)
            .find(|c| c.as_str() == s)
            .ok_or_else(|| Error::UnknownCategory(s.to_string()))
    }
}

/// How much a finding matters. Ordered: `Info < Warning < Error`.
///
/// Positive signals always have severity `Info`.
///
/// ```
/// use replylint::Severity;
/// assert!(Severity::Info < Severity::Error);
/// assert_eq!("warning".parse::<Severity>().unwrap(), Severity::Warning);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing; rarely worth blocking on.
    Info,
    /// Customers notice this; rewrite it.
    Warning,
    /// Customers leave over this; never send it.
    Error,
}

impl Severity {
    /// The lowercase name used in lexicons and JSON.
    ///
    /// ```
    /// assert_eq!(replylint::Severity::Error.as_str(), "error");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = Error;

    fn from_str(s: &str) -> Result<Severity, Error> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            _ => Err(Error::UnknownSeverity(s.to_string())),
        }
    }
}
