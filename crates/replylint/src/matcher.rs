//! The one Aho-Corasick pass over the normalised text, keeping matches on word boundaries.

use aho_corasick::{AhoCorasick, Anchored, Input, Match, MatchKind, StartKind};

use crate::error::Error;
use crate::normalize::{is_unspaced_script, is_word_char};

/// Every active literal in one leftmost-longest automaton.
#[derive(Debug)]
pub(crate) struct Matcher {
    automaton: AhoCorasick,
    /// The rule of each automaton pattern.
    rule_of: Vec<usize>,
}

/// A match on the normalised text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct RawMatch {
    pub rule: usize,
    pub start: usize,
    pub end: usize,
}

impl Matcher {
    /// Builds the automaton from `(literal, rule)` pairs; a literal already taken by an
    /// earlier rule stays with that rule.
    pub fn new<'a>(literals: impl IntoIterator<Item = (&'a str, usize)>) -> Result<Matcher, Error> {
        let mut seen = std::collections::HashSet::new();
        let (patterns, rule_of): (Vec<&str>, Vec<usize>) =
            literals.into_iter().filter(|(lit, _)| seen.insert(*lit)).unzip();
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            // Anchored searches find the shorter literals at a place whose longest one
            // ends inside a word.
            .start_kind(StartKind::Both)
            .build(&patterns)
            .map_err(|e| Error::TooLarge(e.to_string()))?;
        Ok(Matcher { automaton, rule_of })
    }

    /// Appends every match in `haystack` that starts and ends on a word boundary.
    pub fn find_all(&self, haystack: &str, out: &mut Vec<RawMatch>) {
        let mut at = 0;
        while at < haystack.len() {
            let Some(m) = self.automaton.find(Input::new(haystack).range(at..)) else {
                break;
            };
            if !starts_on_boundary(haystack, m.start()) {
                // A longer word hides this match; other matches may start inside it.
                at = m.start() + haystack[m.start()..].chars().next().map_or(1, char::len_utf8);
                continue;
            }
            match self.longest_ending_on_boundary(haystack, m) {
                Some(m) => {
                    out.push(RawMatch {
                        rule: self.rule_of[m.pattern().as_usize()],
                        start: m.start(),
                        end: m.end(),
                    });
                    at = m.end();
                }
                None => at = m.start() + haystack[m.start()..].chars().next().map_or(1, char::len_utf8),
            }
        }
    }

    /// `m`, or else the longest shorter literal at its start that ends on a word boundary
    /// ("as i said" where "as i said before" ran on into "beforehand").
    fn longest_ending_on_boundary(&self, haystack: &str, mut m: Match) -> Option<Match> {
        while !ends_on_boundary(haystack, m.end()) {
            let shorter = Input::new(haystack)
                .range(m.start()..m.end() - 1)
                .anchored(Anchored::Yes);
            m = self.automaton.find(shorter)?;
        }
        Some(m)
    }
}

/// True when a match starting at `start` does not begin inside a word.
fn starts_on_boundary(haystack: &str, start: usize) -> bool {
    let first = haystack[start..].chars().next();
    let before = haystack[..start].chars().next_back();
    !joins(before, first)
}

/// True when a match ending at `end` does not end inside a word.
fn ends_on_boundary(haystack: &str, end: usize) -> bool {
    let last = haystack[..end].chars().next_back();
    let after = haystack[end..].chars().next();
    !joins(after, last)
}

/// True when `outer`, next to the match's edge character `edge`, continues the same word.
/// In scripts written without spaces there are no word edges to check.
fn joins(outer: Option<char>, edge: Option<char>) -> bool {
    match (outer, edge) {
        (Some(o), Some(e)) => is_word_char(o) && is_word_char(e) && !is_unspaced_script(e),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The matches as `rule:text` strings.
    fn matches(literals: &[&str], haystack: &str) -> Vec<String> {
        let m = Matcher::new(literals.iter().enumerate().map(|(i, l)| (*l, i))).unwrap();
        let mut out = Vec::new();
        m.find_all(haystack, &mut out);
        out.iter()
            .map(|r| format!("{}:{}", r.rule, &haystack[r.start..r.end]))
            .collect()
    }

    #[test]
    fn matches_need_word_boundaries() {
        assert_eq!(matches(&["policy"], "policyholder policy"), ["0:policy"]);
        assert_eq!(matches(&["policy"], "apolicy"), [] as [&str; 0]);
    }

    #[test]
    fn longest_match_wins_at_the_same_start() {
        assert_eq!(
            matches(&["i'm sorry", "i'm sorry, but"], "i'm sorry, but no"),
            ["1:i'm sorry, but"]
        );
    }

    #[test]
    fn a_rejected_match_does_not_hide_a_later_one() {
        // "ask again" fails its start boundary inside "task again", but "again later" still matches.
        assert_eq!(
            matches(&["ask again", "again later"], "task again later"),
            ["1:again later"]
        );
    }

    #[test]
    fn a_shorter_literal_is_kept_when_the_longest_runs_into_a_word() {
        let literals = ["as i said", "as i said before"];
        assert_eq!(matches(&literals, "as i said beforehand"), ["0:as i said"]);
        assert_eq!(matches(&literals, "as i said before."), ["1:as i said before"]);
        assert_eq!(matches(&["ab", "abc d"], "abc dx"), [] as [&str; 0]);
    }

    #[test]
    fn combining_marks_are_part_of_the_word() {
        // Tamil: "கொள்கை" must not match inside "கொள்கைப்படி", but matches on its own.
        assert_eq!(matches(&["கொள்கை"], "கொள்கைப்படி"), [] as [&str; 0]);
        assert_eq!(matches(&["கொள்கை"], "இது கொள்கை."), ["0:கொள்கை"]);
    }

    #[test]
    fn unspaced_scripts_skip_the_boundary_check() {
        assert_eq!(matches(&["公司政策"], "这是公司政策的规定"), ["0:公司政策"]);
        assert_eq!(matches(&["นโยบายบริษัท"], "เป็นนโยบายบริษัทครับ"), ["0:นโยบายบริษัท"]);
    }

    #[test]
    fn duplicate_literals_keep_the_first_rule() {
        assert_eq!(
            matches(&["company policy", "company policy"], "company policy"),
            ["0:company policy"]
        );
    }
}
