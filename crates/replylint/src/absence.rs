//! Rules about what a reply lacks (opt-in, [`AnalyzerBuilder::absence_rules`]): a reply to a
//! complaint without a next step, a time frame or an owner (`core.no-next-step`, reported on
//! the whole reply), and a reply that ends without offering further help
//! (`core.no-offer-of-help`, reported on its last sentence).
//!
//! [`AnalyzerBuilder::absence_rules`]: crate::AnalyzerBuilder::absence_rules

use std::ops::Range;

use crate::sentences::sentences;

use crate::category::Category;
use crate::context::{cues_in, inside, Cue, Kind};

/// The last this many sentences of a reply are its closing, where an offer of help belongs.
pub const CLOSING_SENTENCES: usize = 2;

/// What the absence checks need to know of one analysis.
pub(crate) struct Reply<'a> {
    pub text: &'a str,
    /// Ranges that are not the agent's words (sorted, merged).
    pub foreign: &'a [Range<usize>],
    /// The context cues of the agent's words, sorted by start.
    pub cues: &'a [Cue],
    /// The categories of the findings kept so far.
    pub categories: Vec<Category>,
    /// Whether the reply makes a promise with a deadline.
    pub commits: bool,
}

impl Reply<'_> {
    /// The whole reply, trimmed, when it answers a complaint (it names a problem, apologises
    /// or empathises) and has no next step, time frame or owner.
    pub fn missing_next_step(&self) -> Option<Range<usize>> {
        let complaint = self.cues.iter().any(|c| c.kind == Kind::ProblemWord)
            || self
                .categories
                .iter()
                .any(|c| matches!(c, Category::Apology | Category::Empathy | Category::NonApology));
        // A time alone ("the courier is slow this week") is no time frame: only a promise
        // with a deadline is.
        let next_step = self.commits
            || self.cues.iter().any(|c| c.kind == Kind::NextStep)
            || self
                .categories
                .iter()
                .any(|c| matches!(c, Category::FollowUp | Category::Ownership));
        let trimmed = self.text.trim();
        let start = self.text.len() - self.text.trim_start().len();
        (complaint && !next_step && !trimmed.is_empty()).then(|| start..start + trimmed.len())
    }

    /// The last sentence of a reply of two sentences or more whose closing (its last
    /// [`CLOSING_SENTENCES`] sentences) offers no further help.
    pub fn missing_offer_of_help(&self) -> Option<Range<usize>> {
        let sentences: Vec<Range<usize>> = sentences(self.text)
            .filter_map(|(at, s)| {
                let trimmed = s.trim();
                let start = at + (s.len() - s.trim_start().len());
                let words = trimmed.chars().any(char::is_alphanumeric);
                (words && !inside(self.foreign, start)).then(|| start..start + trimmed.len())
            })
            .collect();
        if sentences.len() < 2 {
            return None;
        }
        let closing = &sentences[sentences.len().saturating_sub(CLOSING_SENTENCES)..];
        let from = closing[0].start;
        let last = closing[closing.len() - 1].clone();
        let offered = cues_in(self.cues, from, last.end)
            .iter()
            .any(|c| c.kind == Kind::OfferOfHelp);
        (!offered).then_some(last)
    }
}
