//! The search the engine's automata share: anchored walks from each place in a text where a
//! word may start.
//!
//! Every phrase, context word and spelling variant starts where a word may start, so the
//! automaton need not run over every byte: it is walked from each such place until no pattern
//! can go on. Most walks end after a letter or two, and no match inside a word is reported
//! only to be thrown away.

use aho_corasick::automaton::Automaton;
use aho_corasick::automaton::StateID;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};

use crate::normalize::{is_unspaced_script, is_word_char};

/// An Aho-Corasick automaton searched only from the places in a text where a word may start:
/// at every character that does not continue the word before it (in scripts written without
/// spaces, at every character). Each search is anchored there and stops when no pattern can
/// go on, so a text costs about one short walk per word, not one step per byte plus a report
/// for every pattern that happens to occur inside a longer word.
#[derive(Clone, Debug)]
pub(crate) struct WordStarts {
    automaton: NFA,
    /// Where every walk starts.
    start: StateID,
    /// Which bytes some pattern starts with: a walk from any other byte dies at once.
    first_bytes: [bool; 256],
}

impl WordStarts {
    /// Builds the automaton; `patterns` must be distinct.
    pub fn new<P: AsRef<[u8]>>(patterns: &[P]) -> Result<WordStarts, aho_corasick::BuildError> {
        let automaton = NFA::builder()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(patterns)?;
        let mut first_bytes = [false; 256];
        for pattern in patterns {
            if let Some(&b) = pattern.as_ref().first() {
                first_bytes[usize::from(b)] = true;
            }
        }
        let start = automaton
            .start_state(Anchored::Yes)
            .expect("a contiguous NFA supports anchored searches");
        Ok(WordStarts {
            automaton,
            start,
            first_bytes,
        })
    }

    /// Calls `found(pattern, start, end)` for every pattern that occurs in `haystack`
    /// starting where a word may start, by start, then by end.
    pub fn find(&self, haystack: &str, mut found: impl FnMut(usize, usize, usize)) {
        let bytes = haystack.as_bytes();
        let mut after_word_char = false;
        let mut start = 0;
        while let Some(&byte) = bytes.get(start) {
            // ASCII, nearly all of most texts, without decoding a character.
            let (word_char, spaced, len) = if byte.is_ascii() {
                (byte.is_ascii_alphanumeric(), true, 1)
            } else {
                let c = haystack[start..].chars().next().expect("a character starts here");
                (is_word_char(c), !is_unspaced_script(c), c.len_utf8())
            };
            let inside_word = after_word_char && word_char && spaced;
            if !inside_word && self.first_bytes[usize::from(byte)] {
                self.walk(bytes, start, &mut found);
            }
            after_word_char = word_char;
            start += len;
        }
    }

    /// Follows the automaton from `start` until no pattern can go on, reporting the patterns
    /// that start there.
    fn walk(&self, bytes: &[u8], start: usize, found: &mut impl FnMut(usize, usize, usize)) {
        let nfa = &self.automaton;
        let mut state = self.start;
        for (len, &byte) in bytes[start..].iter().enumerate() {
            state = nfa.next_state(Anchored::Yes, state, byte);
            if !nfa.is_special(state) {
                continue;
            }
            if nfa.is_dead(state) {
                break;
            }
            if !nfa.is_match(state) {
                continue;
            }
            let end = start + len + 1;
            // A match state also lists the patterns that end here but start later (the
            // automaton copies them in from its failure states, after the state's own
            // pattern). Patterns are distinct, so only the state's own pattern, if any, has
            // the walk's length; it is the first.
            let own = nfa.match_pattern(state, 0);
            debug_assert!((1..nfa.match_len(state))
                .all(|i| nfa.pattern_len(nfa.match_pattern(state, i)) != end - start));
            if nfa.pattern_len(own) == end - start {
                found(own.as_usize(), start, end);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_starts_are_searched_only_where_a_word_may_start() {
        let words = WordStarts::new(&["ask", "sk", "a", "ask again", "政策"]).unwrap();
        let find = |text: &str| {
            let mut found = Vec::new();
            words.find(text, |pattern, start, end| found.push((pattern, start, end)));
            found
        };
        // Inside "task" nothing starts; at "ask" every pattern starting there does, shortest
        // first. Whether a match also ends on a word boundary is for the caller to check.
        assert_eq!(
            find("task ask again"),
            [(2, 5, 6), (0, 5, 8), (3, 5, 14), (2, 9, 10)]
        );
        assert_eq!(find("(ask)"), [(2, 1, 2), (0, 1, 4)]);
        // In a script written without spaces, any character may start a word.
        assert_eq!(find("公司政策"), [(4, 6, 12)]);
    }
}
