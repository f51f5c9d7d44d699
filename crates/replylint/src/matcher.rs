//! The one Aho-Corasick pass over the normalised text, keeping matches on word boundaries.

use aho_corasick::{AhoCorasick, Input, MatchKind};

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
            if on_word_boundaries(haystack, m.start(), m.end()) {
                out.push(RawMatch {
                    rule: self.rule_of[m.pattern().as_usize()],
                    start: m.start(),
                    end: m.end(),
                });
                at = m.end();
            } else {
                // A longer word hides this match; other matches may start inside it.
                at = m.start() + haystack[m.start()..].chars().next().map_or(1, char::len_utf8);
            }
        }
    }
}

/// True when `haystack[start..end]` neither begins nor ends inside a word.
fn on_word_boundaries(haystack: &str, start: usize, end: usize) -> bool {
    let (Some(first), Some(last)) = (
        haystack[start..end].chars().next(),
        haystack[..end].chars().next_back(),
    ) else {
        return false;
    };
    let joins = |outer: Option<char>, inner: char| {
        outer.is_some_and(|o| is_word_char(o) && is_word_char(inner) && !is_unspaced_script(inner))
    };
    !joins(haystack[..start].chars().next_back(), first) && !joins(haystack[end..].chars().next(), last)
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
