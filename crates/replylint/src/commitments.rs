//! Promises with deadlines: "I'll refund you by tomorrow", "мы ответим в течение 24 часов".
//!
//! A commitment is a sentence of the agent's own words (not quoted) that holds a deadline
//! (a phrase such as "tomorrow", or a number and a unit such as "2 business days") and a
//! word that makes it a promise ("will", "'ll", "promise") or a guarantee ("guaranteed",
//! "100%"). The words come from each lexicon's `[context]` table.

use std::ops::Range;

use crate::sentences::sentences;
use serde::{Deserialize, Serialize};

use crate::context::{cues_in, Cue, Kind};
use crate::report::Span;

/// A promise with a deadline that a reply makes, as [`Report::commitments`] lists it.
///
/// [`Report::commitments`]: crate::Report::commitments
///
/// ```
/// use replylint::Analyzer;
///
/// let text = "I'll send the replacement within 2 business days.";
/// let report = Analyzer::new().analyze(text);
/// let c = &report.commitments()[0];
/// assert_eq!(c.text(), text);
/// assert_eq!(c.deadline(), "2 business days");
/// assert_eq!(c.deadline_hours(), Some(48));
/// assert!(!c.guaranteed());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commitment {
    pub(crate) text: String,
    pub(crate) span: Span,
    pub(crate) char_span: Span,
    pub(crate) utf16_span: Span,
    pub(crate) deadline: String,
    pub(crate) deadline_span: Span,
    pub(crate) deadline_hours: Option<u32>,
    pub(crate) guaranteed: bool,
}

impl Commitment {
    /// The sentence that makes the promise.
    pub fn text(&self) -> &str {
        &self.text
    }
    /// The sentence's span in UTF-8 bytes.
    pub fn span(&self) -> Span {
        self.span
    }
    /// The sentence's span in code points (Python string indices).
    pub fn char_span(&self) -> Span {
        self.char_span
    }
    /// The sentence's span in UTF-16 code units (JavaScript string indices).
    pub fn utf16_span(&self) -> Span {
        self.utf16_span
    }
    /// The deadline as written ("by tomorrow" gives "tomorrow", "within 24 hours" "24 hours").
    pub fn deadline(&self) -> &str {
        &self.deadline
    }
    /// The deadline's span in UTF-8 bytes.
    pub fn deadline_span(&self) -> Span {
        self.deadline_span
    }
    /// The most hours the deadline allows from now, when the lexicon knows it ("today" 24,
    /// "tomorrow" 48, "2 business days" 48).
    pub fn deadline_hours(&self) -> Option<u32> {
        self.deadline_hours
    }
    /// True when the promise is a guarantee ("guaranteed", "100%", "I promise").
    pub fn guaranteed(&self) -> bool {
        self.guaranteed
    }
}

/// A commitment found, in bytes, before the report converts its spans.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Found {
    pub sentence: Range<usize>,
    pub deadline: Range<usize>,
    pub hours: Option<u32>,
    /// The guarantee word, if any.
    pub guarantee: Option<Range<usize>>,
}

/// The commitments of `text`, given its context cues (sorted by start, none foreign) and
/// `is_foreign`, which tells whether the words at a byte offset are not the agent's (asked
/// only when the cues hold a deadline or a unit, and a commitment word).
pub(crate) fn extract(text: &str, cues: &[Cue], is_foreign: impl Fn(usize) -> bool) -> Vec<Found> {
    if !cues
        .iter()
        .any(|c| matches!(c.kind, Kind::Deadline(_) | Kind::Unit(_)))
    {
        return Vec::new();
    }
    // A commitment's sentence holds a commitment word: the sentences after the last one are
    // not segmented.
    let Some(last_word) = cues.iter().rev().find(|c| c.kind == Kind::CommitmentWord) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for (start, sentence) in sentences(text) {
        if start > last_word.start {
            break;
        }
        let trimmed = sentence.trim_end();
        let lead = trimmed.len() - trimmed.trim_start().len();
        let range = start + lead..start + trimmed.len();
        if range.is_empty() || is_foreign(range.start) {
            continue;
        }
        let here: Vec<&Cue> = cues_in(cues, range.start, range.end)
            .iter()
            .filter(|c| c.end <= range.end)
            .collect();
        if !here.iter().any(|c| c.kind == Kind::CommitmentWord) {
            continue;
        }
        let guarantee = here
            .iter()
            .find(|c| c.kind == Kind::Guarantee)
            .map(|c| c.start..c.end);
        // The latest deadline of the sentence is the one the promise has to meet.
        let deadline = here
            .iter()
            .filter_map(|c| match c.kind {
                Kind::Deadline(hours) => Some((c.start..c.end, hours)),
                Kind::Unit(hours) => {
                    number_before(text, cues, c.start).map(|(at, n)| (at..c.end, n.saturating_mul(hours)))
                }
                _ => None,
            })
            .max_by_key(|(_, hours)| *hours);
        if let Some((deadline, hours)) = deadline {
            found.push(Found {
                sentence: range,
                deadline,
                hours: Some(hours),
                guarantee,
            });
        }
    }
    found
}

/// The number that ends just before `at` (digits of any script, or a number word of the
/// lexicons), with where it starts.
fn number_before(text: &str, cues: &[Cue], at: usize) -> Option<(usize, u32)> {
    let before = text[..at].trim_end();
    let digits: Vec<(usize, u32)> = before
        .char_indices()
        .rev()
        .map_while(|(i, c)| digit(c).map(|d| (i, d)))
        .collect();
    if let Some(&(first, _)) = digits.last() {
        let value = digits
            .iter()
            .rev()
            .try_fold(0u32, |n, (_, d)| n.checked_mul(10)?.checked_add(*d))?;
        return (value > 0).then_some((first, value));
    }
    cues_in(cues, before.len().saturating_sub(64), before.len())
        .iter()
        .find_map(|c| match c.kind {
            Kind::Number(n) if c.end == before.len() => Some((c.start, n)),
            _ => None,
        })
}

/// The value of a decimal digit of the Latin, Arabic-Indic or Persian digits.
fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cue(kind: Kind, text: &str, word: &str) -> Cue {
        let start = text.find(word).unwrap();
        Cue {
            kind,
            start,
            end: start + word.len(),
        }
    }

    #[test]
    fn a_number_and_a_unit_make_a_deadline() {
        let text = "We will reply within 24 hours.";
        let cues = [
            cue(Kind::CommitmentWord, text, "will"),
            cue(Kind::Unit(1), text, "hours"),
        ];
        let found = extract(text, &cues, |_| false);
        assert_eq!(&text[found[0].deadline.clone()], "24 hours");
        assert_eq!(found[0].hours, Some(24));
    }

    #[test]
    fn persian_digits_count() {
        let text = "ظرف ۲ روز";
        let at = text.find("روز").unwrap();
        assert_eq!(number_before(text, &[], at).map(|(_, n)| n), Some(2));
    }

    #[test]
    fn a_deadline_without_a_promise_is_not_a_commitment() {
        let text = "Your parcel arrived today, 100% on time.";
        let cues = [
            cue(Kind::Deadline(24), text, "today"),
            cue(Kind::Guarantee, text, "100%"),
        ];
        assert!(extract(text, &cues, |_| false).is_empty());
    }
}
