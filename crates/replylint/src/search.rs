//! The search the engine's automata share: anchored walks from each place in a text where a
//! word may start.
//!
//! Every phrase, context word and spelling variant starts where a word may start, so the
//! patterns need not be looked for at every byte: a trie of them is walked from each such
//! place until no pattern can go on. Most walks end after a letter or two, and no match inside
//! a word is reported only to be thrown away. A walk never falls back to a shorter suffix, so
//! the trie needs none of an Aho-Corasick automaton's failure links, which are most of the
//! cost of building one.

use crate::grouped::Grouped;
use crate::normalize::{char_at, is_unspaced_script, is_word_char};
use crate::snapshot::{In, Out};

/// What [`WordStarts::new`] refuses: a trie with more states than a `u32` can number.
#[derive(Debug)]
pub(crate) struct TooManyStates;

/// A trie of byte strings searched only from the places in a text where a word may start: at
/// every character that does not continue the word before it (in scripts written without
/// spaces, at every character). Each walk starts there and stops when no pattern can go on,
/// so a text costs about one short walk per word.
///
/// The states are numbered breadth first, the start being 0, so the children of a state are
/// consecutive states, in byte order, and the states near the start, which every walk
/// visits, sit together in memory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct WordStarts {
    /// The state a walk enters from the start on each byte, or 0 when no pattern starts with
    /// that byte.
    first: Box<[u32; 256]>,
    /// Each state's pattern and children, read together at every step of a walk.
    states: Box<[State]>,
    /// The byte that leads into each state, then [`SCAN_LIMIT`] bytes of padding, so that the
    /// bytes of any state's children can be read as one word.
    byte: Box<[u8]>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct State {
    /// The pattern the state spells, or [`NO_PATTERN`].
    pattern: u32,
    /// Its children are the states `children.0..children.1`.
    children: (u32, u32),
}

const NO_PATTERN: u32 = u32::MAX;

/// Up to this many children, a state's byte is found among them by comparing them all at once
/// as one word; above, by binary search.
const SCAN_LIMIT: usize = 8;

impl WordStarts {
    /// Builds the trie; `patterns` must be distinct and not empty.
    pub fn new<P: AsRef<[u8]>>(patterns: &[P]) -> Result<WordStarts, TooManyStates> {
        let count = u32::try_from(patterns.len()).map_err(|_| TooManyStates)?;
        let total: usize = patterns.iter().map(|p| p.as_ref().len()).sum();
        // At most one state per byte of the patterns, and one to start from.
        let states = total + 1;
        // The byte of pattern `i` at `depth`, past its end for the pattern a state spells.
        let byte_at = |i: u32, depth: usize| patterns[i as usize].as_ref().get(depth).copied();
        debug_assert!(patterns.iter().all(|p| !p.as_ref().is_empty()));

        // Each state is a run of `order`: the patterns that share its `depth` first bytes.
        // The run is sorted by the byte that follows (the pattern it spells, which has none,
        // first), and its children split it by that byte: a radix sort, one byte a state.
        let mut order: Vec<u32> = (0..count).collect();
        let mut runs: Vec<(u32, u32, u32)> = Vec::with_capacity(states);
        runs.push((0, count, 0));
        let mut byte = Vec::with_capacity(states + SCAN_LIMIT);
        byte.push(0);
        let mut nodes: Vec<State> = Vec::with_capacity(states);
        let number = |n: usize| u32::try_from(n).map_err(|_| TooManyStates);
        while let Some(&(mut lo, hi, depth)) = runs.get(nodes.len()) {
            let depth = depth as usize;
            let run = &mut order[lo as usize..hi as usize];
            sort_by_byte(run, |i| byte_at(i, depth));
            let pattern = match run.first().filter(|&&i| byte_at(i, depth).is_none()) {
                Some(&own) => {
                    debug_assert!(run.get(1).is_none_or(|&i| byte_at(i, depth).is_some()));
                    lo += 1;
                    own
                }
                None => NO_PATTERN,
            };
            let first_child = number(runs.len())?;
            while lo < hi {
                let next = byte_at(order[lo as usize], depth);
                let end = (lo + 1..hi)
                    .find(|&i| byte_at(order[i as usize], depth) != next)
                    .unwrap_or(hi);
                runs.push((lo, end, depth as u32 + 1));
                byte.push(next.expect("only the state's own pattern ends here"));
                lo = end;
            }
            nodes.push(State {
                pattern,
                children: (first_child, number(runs.len())?),
            });
        }

        let mut first = Box::new([0; 256]);
        let (lo, hi) = nodes[0].children;
        for child in lo..hi {
            first[usize::from(byte[child as usize])] = child;
        }
        byte.extend([0; SCAN_LIMIT]);
        Ok(WordStarts {
            first,
            states: nodes.into(),
            byte: byte.into(),
        })
    }

    /// How many patterns the trie holds.
    #[cfg_attr(not(test), allow(dead_code))] // build.rs writes it
    pub fn patterns(&self) -> usize {
        self.states.iter().filter(|s| s.pattern != NO_PATTERN).count()
    }

    /// Appends the trie to `out`, for [`WordStarts::decode`].
    #[cfg_attr(not(test), allow(dead_code))] // build.rs writes it
    pub fn encode(&self, out: &mut Out) {
        out.rows(self.first.iter().map(|&s| [s]));
        out.rows(
            self.states
                .iter()
                .map(|s| [s.pattern, s.children.0, s.children.1]),
        );
        out.bytes(&self.byte);
    }

    /// Reads back what [`WordStarts::encode`] wrote, for `patterns` patterns; `None` unless
    /// every state and child it names is there, so no walk can index past them.
    pub fn decode(input: &mut In<'_>, patterns: usize) -> Option<WordStarts> {
        let first: Box<[u32; 256]> = input.numbers()?.into_boxed_slice().try_into().ok()?;
        // Children are checked against the count of states once it is known.
        let mut last_child = 0;
        let states = input.rows(|[pattern, lo, hi]| {
            let fits = (pattern == NO_PATTERN || (pattern as usize) < patterns) && 1 <= lo && lo <= hi;
            last_child = last_child.max(hi);
            fits.then_some(State {
                pattern,
                children: (lo, hi),
            })
        })?;
        let byte = input.bytes()?;
        let count = states.len();
        let whole = count > 0 && last_child as usize <= count && byte.len() == count + SCAN_LIMIT;
        (whole && first.iter().all(|&s| (s as usize) < count)).then(|| WordStarts {
            first,
            states: states.into(),
            byte: byte.into(),
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
                let (c, len) = char_at(haystack, start);
                (is_word_char(c), !is_unspaced_script(c), len)
            };
            let inside_word = after_word_char && word_char && spaced;
            if !inside_word {
                let state = self.first[usize::from(byte)];
                if state != 0 {
                    self.walk(bytes, start, state, &mut found);
                }
            }
            after_word_char = word_char;
            start += len;
        }
    }

    /// Follows the trie from `state`, entered on the byte at `start`, until no pattern can go
    /// on, reporting the patterns that start there.
    fn walk(&self, bytes: &[u8], start: usize, mut state: u32, found: &mut impl FnMut(usize, usize, usize)) {
        let mut end = start + 1;
        loop {
            let State { pattern, children } = self.states[state as usize];
            if pattern != NO_PATTERN {
                found(pattern as usize, start, end);
            }
            let Some(&next) = bytes.get(end) else { return };
            let (lo, hi) = (children.0 as usize, children.1 as usize);
            let at = if hi - lo <= SCAN_LIMIT {
                find_byte(&self.byte[lo..lo + SCAN_LIMIT], next).filter(|&at| at < hi - lo)
            } else {
                self.byte[lo..hi].binary_search(&next).ok()
            };
            let Some(at) = at else { return };
            state = (lo + at) as u32;
            end += 1;
        }
    }
}

/// The place of the first `byte` among eight bytes, all compared at once: each byte of the
/// word that equals `byte` becomes zero, and the lowest zero byte is found by the usual
/// arithmetic (any byte it flags above a zero one may be wrong, the lowest never is).
fn find_byte(eight: &[u8], byte: u8) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGHS: u64 = ONES << 7;
    let word = u64::from_le_bytes(eight.try_into().expect("eight bytes"));
    let x = word ^ (ONES * u64::from(byte));
    let zeros = x.wrapping_sub(ONES) & !x & HIGHS;
    (zeros != 0).then(|| zeros.trailing_zeros() as usize / 8)
}

/// Sorts `run` by `key`, `None` first: by insertion when short, else by counting.
fn sort_by_byte(run: &mut [u32], key: impl Fn(u32) -> Option<u8>) {
    let rank = |i: u32| key(i).map_or(0, |b| u32::from(b) + 1);
    if run.len() <= 32 {
        run.sort_unstable_by_key(|&i| rank(i));
        return;
    }
    let sorted = Grouped::new(257, run.iter().map(|&i| (rank(i), i)));
    run.copy_from_slice(sorted.items());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(words: &WordStarts, text: &str) -> Vec<(usize, usize, usize)> {
        let mut found = Vec::new();
        words.find(text, |pattern, start, end| found.push((pattern, start, end)));
        found
    }

    #[test]
    fn word_starts_are_searched_only_where_a_word_may_start() {
        let words = WordStarts::new(&["ask", "sk", "a", "ask again", "政策"]).unwrap();
        // Inside "task" nothing starts; at "ask" every pattern starting there does, shortest
        // first. Whether a match also ends on a word boundary is for the caller to check.
        assert_eq!(
            find(&words, "task ask again"),
            [(2, 5, 6), (0, 5, 8), (3, 5, 14), (2, 9, 10)]
        );
        assert_eq!(find(&words, "(ask)"), [(2, 1, 2), (0, 1, 4)]);
        // In a script written without spaces, any character may start a word.
        assert_eq!(find(&words, "公司政策"), [(4, 6, 12)]);
    }

    #[test]
    fn a_walk_finds_what_a_naive_search_from_the_same_place_finds() {
        // Enough patterns sharing first bytes that some states are searched by binary search.
        let patterns: Vec<String> = (0..600)
            .map(|i| format!("{}{}", char::from(b'a' + (i % 26) as u8), i * 7 % 1000))
            .chain(["a", "ab", "abc", "b1", "b10", "b100", "é", "éa"].map(String::from))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let words = WordStarts::new(&patterns).unwrap();
        let text = "a1 ab abc b100 b1000 z35 q0 é éa xéa q91x a";
        let mut naive = Vec::new();
        for (start, _) in text.char_indices() {
            let joined = text[..start]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric());
            if joined && text[start..].chars().next().is_some_and(|c| c.is_alphanumeric()) {
                continue;
            }
            let mut here: Vec<(usize, usize, usize)> = patterns
                .iter()
                .enumerate()
                .filter(|(_, p)| text[start..].starts_with(p.as_str()))
                .map(|(i, p)| (i, start, start + p.len()))
                .collect();
            here.sort_by_key(|&(_, _, end)| end);
            naive.extend(here);
        }
        assert!(naive.len() > 10);
        assert_eq!(find(&words, text), naive);
    }

    #[test]
    fn find_byte_finds_the_first_equal_byte() {
        let values = [0u8, 1, 0x7F, 0x80, 0x81, 0xFE, 0xFF, b'a'];
        // Every word of eight bytes from `values` would be too many: every pair of places
        // holding every pair of values, the rest of one value, is enough for the borrows.
        for fill in values {
            for (i, j) in (0..8).flat_map(|i| (0..8).map(move |j| (i, j))) {
                for (a, b) in values.iter().flat_map(|&a| values.iter().map(move |&b| (a, b))) {
                    let mut eight = [fill; 8];
                    eight[i] = a;
                    eight[j] = b;
                    for byte in values {
                        assert_eq!(
                            find_byte(&eight, byte),
                            eight.iter().position(|&x| x == byte),
                            "{eight:?} {byte}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn no_patterns_find_nothing() {
        let words = WordStarts::new::<&str>(&[]).unwrap();
        assert!(find(&words, "anything at all").is_empty());
    }
}
