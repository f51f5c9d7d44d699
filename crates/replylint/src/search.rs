//! The search the engine's automata share: anchored walks from each place in a text where a
//! word may start.
//!
//! Every phrase, context word and spelling variant starts where a word may start, so the
//! patterns need not be looked for at every byte: a trie of them is walked from each such
//! place until no pattern can go on. Most walks end after a letter or two, and no match inside
//! a word is reported only to be thrown away. A walk never falls back to a shorter suffix, so
//! the trie needs none of an Aho-Corasick automaton's failure links, which are most of the
//! cost of building one.

use std::collections::VecDeque;

use crate::grouped::Grouped;
use crate::normalize::word_char_at;
use crate::snapshot::{In, Out};

/// What [`WordStarts::new`] refuses: a trie whose slots a base of [`BASE_BITS`] bits cannot
/// reach.
#[derive(Debug)]
pub(crate) struct TooManyStates;

/// A trie of byte strings searched only from the places in a text where a word may start: at
/// every character that does not continue the word before it (in scripts written without
/// spaces, at every character). Each walk starts there and stops when no pattern can go on,
/// so a text costs about one short walk per word.
///
/// The trie is laid out as a double array: the child of the state in slot `s` on byte `b` is
/// in slot `base(s) + b`, if that slot is entered on `b`. No two states with children share
/// a base, so the byte alone tells whose child a slot holds. A step of a walk is then an
/// addition and one comparison, however many children the state has.
///
/// Where only one pattern goes on from a state, and none ends before its last byte, the
/// state is the head of a tail: the rest of the pattern is kept as bytes in [`tails`], not as
/// a state a byte, and a walk that comes to it compares them with the text at once. Most of
/// the states of the lexicons' tries lie on such tails (the rest of a word that only one
/// phrase has), and kept as states they made the trie too large for the second-level cache.
///
/// The patterns are numbered in the order of the slots of the states that spell them (a
/// tail's head for the pattern at its end), so that a state's slot tells its pattern's number
/// by a count of bits ([`Spellers`]), and a slot need not hold one: four bytes a slot.
///
/// [`tails`]: WordStarts::tails
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct WordStarts {
    /// The root in slot 0, the other states where their parents' bases put them, the rest
    /// empty; 256 slots past the highest base, so that no step reads past the end.
    slots: Box<[Slot]>,
    /// For each eight slots, which of them spell a pattern.
    spellers: Box<[Spellers]>,
    /// The tails, each its length in a byte, then its bytes, in the order of their heads.
    tails: Box<[u8]>,
}

/// One slot of the double array, read whole at every step of a walk: four bytes, so that
/// sixteen share a cache line. In the low byte, the byte the state is entered on, inverted: 0
/// in an empty slot and the root's, which no byte of a `str` inverts to (0xFF is never in
/// UTF-8). Above it, [`Slot::SPELLS`] and [`Slot::TAIL`], and above those the base: the child
/// on byte `b` is in slot `base + b`. A base is unique among the states with children, and
/// above 0; 0 for the states without; for a tail's head, where its tail starts in
/// [`WordStarts::tails`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Slot(u32);

/// How many bits a slot has for its base.
const BASE_BITS: u32 = 22;

/// Which of eight slots in a row spell a pattern, a bit each in the low byte, and above it
/// how many slots before them do: the number of the pattern a state spells is counted from
/// them. (Eight, so that a table counts the bits: this target has no instruction for it.)
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Spellers(u32);

/// How many bits each byte has set.
static BITS_SET: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).count_ones() as u8;
        b += 1;
    }
    table
};

/// How many levels of the trie, the root's included, are laid out breadth first: the root and
/// the states of a walk's first three bytes. (Tried with 2, 3, 4 and 6: from 4 on, the walks
/// missed the second-level cache 15% to 19% less often, and at 6 the first-level cache 9% more.)
const BREADTH_FIRST_LEVELS: usize = 4;

impl Slot {
    /// The bit set when the state spells a pattern, or heads a tail that does.
    const SPELLS: u32 = 1 << 8;
    /// The bit set when the state heads a tail.
    const TAIL: u32 = 1 << 9;

    /// The slot of a state entered on the byte whose inverse is `label` (0 for the root),
    /// whose children (or tail) are at `base`; `None` when the base needs more than
    /// [`BASE_BITS`]. A tail's head spells the pattern at its tail's end.
    fn new(label: u8, spells: bool, tail: bool, base: u32) -> Option<Slot> {
        debug_assert!(spells || !tail);
        let flag = |set: bool, bit: u32| if set { bit } else { 0 };
        (base < 1 << BASE_BITS).then(|| {
            Slot(base << 10 | flag(spells, Slot::SPELLS) | flag(tail, Slot::TAIL) | u32::from(label))
        })
    }

    /// Whether the state in this slot is the child, on `byte`, of the state whose base led
    /// here.
    #[inline(always)]
    fn entered_on(self, byte: u8) -> bool {
        self.0 as u8 == !byte
    }

    /// Whether the state spells a pattern, or heads a tail that does.
    #[inline(always)]
    fn spells(self) -> bool {
        self.0 & Slot::SPELLS != 0
    }

    /// Whether the state heads a tail.
    #[inline(always)]
    fn is_tail(self) -> bool {
        self.0 & Slot::TAIL != 0
    }

    /// Where the state's children are, or its tail.
    #[inline(always)]
    fn base(self) -> usize {
        (self.0 >> 10) as usize
    }
}

/// A state while the trie is laid out: its base (or where its tail starts, if it heads one),
/// and the inverse of the byte it is entered on (0 while its slot is free) and the pattern it
/// spells (or its tail does).
#[derive(Clone, Copy, Debug, Default)]
struct Draft {
    base: u32,
    label: u8,
    pattern: Option<u32>,
    tail: bool,
}

impl WordStarts {
    /// Builds the trie, and gives the number [`WordStarts::find`] reports each of `patterns` by
    /// (see [`WordStarts`]); `patterns` must be distinct and not empty.
    pub fn new<P: AsRef<[u8]>>(patterns: &[P]) -> Result<(WordStarts, Vec<u32>), TooManyStates> {
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
        // Below the first [`BREADTH_FIRST_LEVELS`] levels, the states are taken depth first,
        // each with its slot. The lowest free slots that fit a state's children are then
        // mostly right after the states taken just before: the states of a word, which a walk
        // reads one after another, are laid out near each other, sharing cache lines
        // (breadth first, they were a level apart, and the walks over the benchmark corpus
        // missed the first-level cache 40% more often). The first levels, which nearly every
        // walk reads, are taken breadth first, so that they lie together at the start of the
        // array and not spread among the deeper states of a few words each (the walks missed
        // the second-level cache 15% less often).
        let mut order: Vec<u32> = (0..count).collect();
        // The states still to take, each `(lo, hi, depth, slot)`: those of the first levels
        // in the order they are met, the others the next one last.
        let mut first_levels: VecDeque<(u32, u32, usize, u32)> = VecDeque::from([(0, count, 0, 0)]);
        let mut to_take: Vec<(u32, u32, usize, u32)> = Vec::new();
        let mut layout = Layout::with_capacity(states);
        layout.take(0, 0);
        // The bytes of a state's children, and their runs.
        let mut children: Vec<u8> = Vec::new();
        let mut child_runs: Vec<(u32, u32)> = Vec::new();
        let mut tails: Vec<u8> = Vec::new();
        let number = |n: usize| u32::try_from(n).map_err(|_| TooManyStates);
        while let Some((mut lo, hi, depth, slot)) = first_levels.pop_front().or_else(|| to_take.pop()) {
            // One pattern, which goes on: the rest of it is the state's tail (if its length
            // fits a byte; if not, the states after take it).
            let only = order[lo as usize..hi as usize].first().filter(|_| hi - lo == 1);
            let rest = only.map_or(&[][..], |&i| &patterns[i as usize].as_ref()[depth..]);
            if depth > 0 && (1..=255).contains(&rest.len()) {
                let here = &mut layout.slots[slot as usize];
                here.pattern = only.copied();
                here.tail = true;
                here.base = number(tails.len())?;
                tails.push(rest.len() as u8);
                tails.extend_from_slice(rest);
                continue;
            }
            let run = &mut order[lo as usize..hi as usize];
            sort_by_byte(run, |i| byte_at(i, depth));
            let pattern = match run.first().filter(|&&i| byte_at(i, depth).is_none()) {
                Some(&own) => {
                    debug_assert!(run.get(1).is_none_or(|&i| byte_at(i, depth).is_some()));
                    lo += 1;
                    Some(own)
                }
                None => None,
            };
            children.clear();
            child_runs.clear();
            while lo < hi {
                let next = byte_at(order[lo as usize], depth);
                let end = (lo + 1..hi)
                    .find(|&i| byte_at(order[i as usize], depth) != next)
                    .unwrap_or(hi);
                children.push(next.expect("only the state's own pattern ends here"));
                child_runs.push((lo, end));
                lo = end;
            }
            let base = layout.base_for(&children);
            // Pushed last to first, so that the first child is taken next.
            for (&b, &(lo, end)) in children.iter().zip(&child_runs).rev() {
                let child = base + usize::from(b);
                layout.take(child, !b);
                let state = (lo, end, depth + 1, number(child)?);
                if depth + 1 < BREADTH_FIRST_LEVELS {
                    first_levels.push_back(state);
                } else {
                    to_take.push(state);
                }
            }
            let here = &mut layout.slots[slot as usize];
            here.pattern = pattern;
            here.base = number(base)?;
        }
        // Room for every byte after the highest base.
        let end = layout
            .slots
            .iter()
            .filter(|s| !s.tail)
            .map(|s| s.base as usize + 256)
            .max()
            .unwrap_or(256);
        layout.slots.resize(end, Draft::default());
        let slots = layout
            .slots
            .iter()
            .map(|d| Slot::new(d.label, d.pattern.is_some(), d.tail, d.base).ok_or(TooManyStates))
            .collect::<Result<Box<[Slot]>, _>>()?;
        // Each pattern's number: how many states that spell one come before its own.
        let mut numbers = vec![0; patterns.len()];
        let spelled = layout.slots.iter().filter_map(|d| d.pattern);
        for (number, pattern) in (0..).zip(spelled) {
            numbers[pattern as usize] = number;
        }
        let trie = WordStarts {
            spellers: spellers(&slots),
            slots,
            tails: tails.into(),
        };
        Ok((trie, numbers))
    }

    /// How many patterns the trie holds.
    #[cfg_attr(not(test), allow(dead_code))] // build.rs writes it
    pub fn patterns(&self) -> usize {
        // The last eight slots' count of spellers before them, plus their own.
        self.spellers.last().map_or(0, |&Spellers(last)| {
            (last >> 8) as usize + usize::from(BITS_SET[usize::from(last as u8)])
        })
    }

    /// Appends the trie to `out`, for [`WordStarts::decode`].
    #[cfg_attr(not(test), allow(dead_code))] // build.rs writes it
    pub fn encode(&self, out: &mut Out) {
        out.rows(self.slots.iter().map(|s| [s.0]));
        out.bytes(&self.tails);
    }

    /// Reads back what [`WordStarts::encode`] wrote, for `patterns` patterns; `None` unless
    /// the slot of every byte after every base is there and every tail, so no walk can index
    /// past them, and as many states spell a pattern as there are patterns.
    pub fn decode(input: &mut In<'_>, patterns: usize) -> Option<WordStarts> {
        let slots: Box<[Slot]> = input.rows(|[slot]| Some(Slot(slot)))?.into();
        let tails: Box<[u8]> = input.bytes()?.into();
        let fits = |s: &Slot| match s.is_tail() {
            // A head that did not spell its tail's pattern would be stepped past.
            true => {
                s.spells()
                    && tails
                        .get(s.base())
                        .is_some_and(|&len| s.base() + usize::from(len) < tails.len())
            }
            false => s.base() + 256 <= slots.len(),
        };
        let whole = !slots.is_empty() && slots.iter().all(fits);
        let trie = WordStarts {
            spellers: spellers(&slots),
            slots,
            tails,
        };
        (whole && trie.patterns() == patterns).then_some(trie)
    }

    /// The number of the pattern spelled by the state in `slot`.
    #[inline(always)]
    fn number(&self, slot: usize) -> usize {
        let Spellers(spellers) = self.spellers[slot / 8];
        let before_in_eight = spellers as u8 & ((1 << (slot % 8)) - 1);
        (spellers >> 8) as usize + usize::from(BITS_SET[usize::from(before_in_eight)])
    }

    /// The bytes of the tail `head` heads.
    #[inline(always)]
    fn tail(&self, head: Slot) -> &[u8] {
        let len = usize::from(self.tails[head.base()]);
        &self.tails[head.base() + 1..][..len]
    }

    /// Calls `found(pattern, start, end)` for every pattern that occurs in `haystack`
    /// starting where a word may start, by start, then by end.
    pub fn find(&self, haystack: &str, mut found: impl FnMut(usize, usize, usize)) {
        let bytes = haystack.as_bytes();
        let root = self.slots[0].base();
        let mut start = 0;
        // Every character this loop comes to may start a word: the rest of each word is
        // skipped.
        while let Some(&byte) = bytes.get(start) {
            let slot = root + usize::from(byte);
            let here = self.slots[slot];
            if here.entered_on(byte) {
                self.walk(bytes, start, (slot, here), &mut found);
            }
            // ASCII, nearly all of most texts, without decoding a character.
            let (word_char, len) = match BYTE_KINDS[usize::from(byte)] {
                ALNUM => (true, 1),
                OTHER => (false, 1),
                _ => {
                    let (word_char, _, len) = word_char_at(haystack, start);
                    (word_char, len)
                }
            };
            start += len;
            if word_char {
                start = rest_of_word(haystack, start);
            }
        }
    }

    /// Follows the trie from the state `here` in `slot`, entered on the byte at `start`, until
    /// no pattern can go on, reporting the patterns that start there. Each step reads one
    /// slot: the child's, whose label tells whether it is one; a tail is compared whole.
    fn walk(
        &self,
        bytes: &[u8],
        start: usize,
        (mut slot, mut here): (usize, Slot),
        found: &mut impl FnMut(usize, usize, usize),
    ) {
        let mut end = start + 1;
        loop {
            if here.spells() {
                if here.is_tail() {
                    let tail = self.tail(here);
                    if bytes.get(end..end + tail.len()) == Some(tail) {
                        found(self.number(slot), start, end + tail.len());
                    }
                    return;
                }
                found(self.number(slot), start, end);
            }
            let Some(&next) = bytes.get(end) else { return };
            slot = here.base() + usize::from(next);
            here = self.slots[slot];
            if !here.entered_on(next) {
                return;
            }
            end += 1;
        }
    }
}

/// Where the word that goes on at byte `at` of `text` ends: past the characters that continue
/// it, the word characters of scripts written with spaces. They start nothing; in scripts
/// written without spaces each word character may start a word.
#[inline(always)]
fn rest_of_word(text: &str, mut at: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        // ASCII letters and digits first, all of most words.
        while bytes
            .get(at)
            .is_some_and(|&b| BYTE_KINDS[usize::from(b)] == ALNUM)
        {
            at += 1;
        }
        if bytes
            .get(at)
            .is_none_or(|&b| BYTE_KINDS[usize::from(b)] != NOT_ASCII)
        {
            return at;
        }
        match word_char_at(text, at) {
            (true, true, len) => at += len,
            _ => return at,
        }
    }
}

/// An ASCII letter or digit, for [`BYTE_KINDS`].
const ALNUM: u8 = 1;
/// The rest of ASCII.
const OTHER: u8 = 0;
/// A byte that starts a character of more than one byte (or continues one, which the scan
/// never looks up).
const NOT_ASCII: u8 = 2;

/// Each byte's kind for [`WordStarts::find`]: one load instead of the range checks of
/// `is_ascii` and `is_ascii_alphanumeric`, on every byte of a text.
static BYTE_KINDS: [u8; 256] = {
    let mut table = [NOT_ASCII; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = if (b as u8).is_ascii_alphanumeric() {
            ALNUM
        } else {
            OTHER
        };
        b += 1;
    }
    table
};

/// Which slots spell a pattern, eight at a time (see [`Spellers`]); the slots are at most
/// 2^[`BASE_BITS`] + 256, so the count fits above the bits.
fn spellers(slots: &[Slot]) -> Box<[Spellers]> {
    let mut before = 0;
    slots
        .chunks(8)
        .map(|eight| {
            let bits = (0..)
                .zip(eight)
                .fold(0u32, |bits, (i, s)| bits | u32::from(s.spells()) << i);
            let spellers = Spellers(before << 8 | bits);
            before += bits.count_ones();
            spellers
        })
        .collect()
}

/// The double array as it is filled: its slots, which of them are taken (a bit each, so that
/// runs of taken slots are stepped over 64 at a time), and the first free one.
struct Layout {
    slots: Vec<Draft>,
    taken: Vec<u64>,
    /// The bases given to states with children, a bit each, so that none is given twice.
    bases: Vec<u64>,
    first_free: usize,
    /// The base found last for each number of children (the last entry for eight or more).
    found_last: [usize; 9],
}

impl Layout {
    fn with_capacity(states: usize) -> Layout {
        Layout {
            slots: Vec::with_capacity(states + states / 8 + 256),
            taken: Vec::with_capacity(states / 64 + 8),
            bases: Vec::with_capacity(states / 64 + 8),
            first_free: 0,
            found_last: [0; 9],
        }
    }

    /// The first free slot from `slot` on.
    fn next_free(&self, slot: usize) -> usize {
        let mut word = slot / 64;
        // The slots before `slot` in its word count as taken.
        let mut bits = self.taken.get(word).copied().unwrap_or(0) | ((1 << (slot % 64)) - 1);
        while bits == u64::MAX {
            word += 1;
            bits = self.taken.get(word).copied().unwrap_or(0);
        }
        word * 64 + bits.trailing_ones() as usize
    }

    /// Gives `slot` to a state with this `label` (see [`Draft`]).
    #[inline(always)]
    fn take(&mut self, slot: usize, label: u8) {
        if slot >= self.slots.len() {
            self.slots.resize(slot + 1, Draft::default());
        }
        self.slots[slot].label = label;
        set_bit(&mut self.taken, slot);
        if slot == self.first_free {
            self.first_free = self.next_free(slot);
        }
    }

    /// Which of the 64 slots from `slot` on are free, a bit each.
    fn free_from(&self, slot: usize) -> u64 {
        !bits_from(&self.taken, slot)
    }

    /// A base, given to no other state, at which each of `children` (bytes, ascending) finds
    /// its slot free, above 0 so that no child lands on the root. 64 bases are tried at
    /// once, the lowest child's slot starting at the first free slot or at the base found
    /// last for as many children, whichever is later: the array only fills up below that,
    /// and each search would otherwise go over the same full stretch again.
    #[inline(always)]
    fn base_for(&mut self, children: &[u8]) -> usize {
        let Some(&lowest) = children.first() else { return 0 };
        let lowest = usize::from(lowest);
        let width = children.len().min(self.found_last.len() - 1);
        let from = self.first_free.max(self.found_last[width]);
        let mut base = from.max(lowest + 1) - lowest;
        loop {
            let mut fits = !bits_from(&self.bases, base);
            for &b in children {
                fits &= self.free_from(base + usize::from(b));
                if fits == 0 {
                    break;
                }
            }
            if fits != 0 {
                let base = base + fits.trailing_zeros() as usize;
                self.found_last[width] = base;
                set_bit(&mut self.bases, base);
                return base;
            }
            base += 64;
        }
    }
}

/// Sets bit `at` of `bitmap`, growing it as needed.
fn set_bit(bitmap: &mut Vec<u64>, at: usize) {
    if at / 64 >= bitmap.len() {
        bitmap.resize(at / 64 + 1, 0);
    }
    bitmap[at / 64] |= 1 << (at % 64);
}

/// The 64 bits of `bitmap` from bit `at` on, bits past its end clear.
fn bits_from(bitmap: &[u64], at: usize) -> u64 {
    let word = |i: usize| bitmap.get(i).copied().unwrap_or(0);
    let (i, shift) = (at / 64, at % 64);
    match shift {
        0 => word(i),
        _ => (word(i) >> shift) | (word(i + 1) << (64 - shift)),
    }
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

    /// A trie that reports each pattern by its index in the patterns it was made of.
    struct Trie {
        words: WordStarts,
        pattern_of: Vec<usize>,
    }

    impl Trie {
        fn new<P: AsRef<[u8]>>(patterns: &[P]) -> Trie {
            let (words, numbers) = WordStarts::new(patterns).unwrap();
            let mut pattern_of = vec![0; numbers.len()];
            for (pattern, &number) in numbers.iter().enumerate() {
                pattern_of[number as usize] = pattern;
            }
            Trie { words, pattern_of }
        }

        fn find(&self, text: &str) -> Vec<(usize, usize, usize)> {
            let mut found = Vec::new();
            self.words.find(text, |number, start, end| {
                found.push((self.pattern_of[number], start, end))
            });
            found
        }
    }

    /// Every pattern that starts where `may_start(character before, character)` holds, by
    /// start, then by end: what [`WordStarts::find`] reports, found by trying each pattern.
    fn naive_find<P: AsRef<str>>(
        patterns: &[P],
        text: &str,
        may_start: impl Fn(Option<char>, char) -> bool,
    ) -> Vec<(usize, usize, usize)> {
        let mut found = Vec::new();
        let mut before = None;
        for (start, c) in text.char_indices() {
            if may_start(before, c) {
                let mut here: Vec<(usize, usize, usize)> = patterns
                    .iter()
                    .map(AsRef::as_ref)
                    .enumerate()
                    .filter(|(_, p)| text[start..].starts_with(p))
                    .map(|(i, p)| (i, start, start + p.len()))
                    .collect();
                here.sort_by_key(|&(_, _, end)| end);
                found.extend(here);
            }
            before = Some(c);
        }
        found
    }

    #[test]
    fn where_only_one_pattern_goes_on_the_rest_is_compared_as_a_tail() {
        let long = "x".repeat(300);
        let patterns = ["pol", "policy", "policyholder", long.as_str()];
        let trie = Trie::new(&patterns);
        // After "policy" only "policyholder" goes on: "older" is its tail. The 300 bytes of
        // `long` are more than a tail's length byte counts, so its last 255 are the tail.
        let mut tails: Vec<&[u8]> = (trie.words.slots.iter())
            .filter(|s| s.is_tail())
            .map(|&s| trie.words.tail(s))
            .collect();
        tails.sort_unstable();
        assert_eq!(tails, [b"older", &long.as_bytes()[45..]]);
        assert_eq!(trie.find("policyholder"), [(0, 0, 3), (1, 0, 6), (2, 0, 12)]);
        // A tail is found only whole, also where the text ends inside it.
        assert_eq!(trie.find("policyhold"), [(0, 0, 3), (1, 0, 6)]);
        assert_eq!(trie.find("policyholdr"), [(0, 0, 3), (1, 0, 6)]);
        assert_eq!(trie.find(&long), [(3, 0, 300)]);
        assert_eq!(trie.find(&long[1..]), []);
        assert_eq!(trie.find(&format!("{}y", &long[1..])), []);
        // Read back, a tail must be whole and its head must spell its pattern.
        let read = |words: &WordStarts, patterns: usize| {
            let mut out = Out::default();
            words.encode(&mut out);
            WordStarts::decode(&mut In(&out.0), patterns)
        };
        assert_eq!(read(&trie.words, 4).as_ref(), Some(&trie.words));
        let mut cut = trie.words.clone();
        cut.tails = cut.tails[..cut.tails.len() - 1].into();
        assert!(read(&cut, 4).is_none());
        let mut unspelled = trie.words.clone();
        let head = unspelled.slots.iter().position(|s| s.is_tail()).unwrap();
        unspelled.slots[head].0 &= !Slot::SPELLS;
        unspelled.spellers = spellers(&unspelled.slots);
        assert!(read(&unspelled, 3).is_none());
    }

    #[test]
    fn word_starts_are_searched_only_where_a_word_may_start() {
        let trie = Trie::new(&["ask", "sk", "a", "ask again", "政策"]);
        // Inside "task" nothing starts; at "ask" every pattern starting there does, shortest
        // first. Whether a match also ends on a word boundary is for the caller to check.
        assert_eq!(
            trie.find("task ask again"),
            [(2, 5, 6), (0, 5, 8), (3, 5, 14), (2, 9, 10)]
        );
        assert_eq!(trie.find("(ask)"), [(2, 1, 2), (0, 1, 4)]);
        // In a script written without spaces, any character may start a word.
        assert_eq!(trie.find("公司政策"), [(4, 6, 12)]);
    }

    #[test]
    fn a_walk_finds_what_a_naive_search_from_the_same_place_finds() {
        // Enough patterns sharing first bytes that some states have dozens of children.
        let patterns: Vec<String> = (0..600)
            .map(|i| format!("{}{}", char::from(b'a' + (i % 26) as u8), i * 7 % 1000))
            .chain(["a", "ab", "abc", "b1", "b10", "b100", "é", "éa"].map(String::from))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let trie = Trie::new(&patterns);
        let text = "a1 ab abc b100 b1000 z35 q0 é éa xéa q91x a";
        let naive = naive_find(&patterns, text, |before, c| {
            !(before.is_some_and(char::is_alphanumeric) && c.is_alphanumeric())
        });
        assert!(naive.len() > 10);
        assert_eq!(trie.find(text), naive);
    }

    #[test]
    fn a_word_may_start_after_a_character_of_no_word_and_at_any_unspaced_one() {
        use crate::normalize::{is_unspaced_script, is_word_char};
        // ASCII and not, a mark, a letter of a script written without spaces, a space and a
        // sign: every pattern of one or two of them over every text of up to five.
        let alphabet = ['a', '7', 'д', 'ா', '政', 'ก', ' ', '-', '«'];
        let patterns = crate::testing::every_string(&alphabet, 2);
        let patterns: Vec<&String> = patterns.iter().filter(|p| !p.is_empty()).collect();
        let trie = Trie::new(&patterns);
        for text in crate::testing::every_string(&alphabet, 5) {
            let expected = naive_find(&patterns, &text, |before, c| {
                !(before.is_some_and(is_word_char) && is_word_char(c) && !is_unspaced_script(c))
            });
            assert_eq!(trie.find(&text), expected, "{text:?}");
        }
    }

    #[test]
    fn the_first_levels_lie_together_and_a_word_s_deeper_states_near_each_other() {
        // Words of 3 to 12 letters, drawn from a skewed alphabet as text is.
        let mut seed = 7u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let letters = b"eeeeettttaaaooiinnsshhrdlcumwfgypbvkjxqz";
        let mut word = || -> Vec<u8> {
            let len = 3 + next() as usize % 10;
            (0..len)
                .map(|_| letters[next() as usize % letters.len()])
                .collect()
        };
        // Phrases of two words, the first of 300, so that past the first levels the states of
        // the first words branch, as those of a lexicon's phrases do, and are not all tails.
        let firsts: Vec<Vec<u8>> = (0..300).map(|_| word()).collect();
        let patterns: std::collections::BTreeSet<Vec<u8>> = (0..3000)
            .map(|i| [&firsts[i % 300][..], b" ", &word()].concat())
            .collect();
        let patterns: Vec<Vec<u8>> = patterns.into_iter().collect();
        let (words, _) = WordStarts::new(&patterns).unwrap();
        // How far, in slots, each step of a walk through each pattern goes below the levels
        // taken breadth first, and where the states of those levels are.
        let mut distances: Vec<usize> = Vec::new();
        let mut first_levels = std::collections::BTreeSet::new();
        for pattern in &patterns {
            let mut slot = words.slots[0].base() + usize::from(pattern[0]);
            first_levels.insert(slot);
            for (depth, &b) in (2..).zip(&pattern[1..]) {
                if words.slots[slot].is_tail() {
                    break;
                }
                let child = words.slots[slot].base() + usize::from(b);
                assert!(words.slots[child].entered_on(b));
                if depth < BREADTH_FIRST_LEVELS {
                    first_levels.insert(child);
                } else if depth > BREADTH_FIRST_LEVELS {
                    distances.push(child.abs_diff(slot));
                }
                slot = child;
            }
        }
        // At the median, a step below the first levels stays within 16 slots, a cache line
        // (8 here): those states are taken depth first. The rest of a phrase that no other
        // phrase shares is a tail, compared whole, and takes no steps.
        distances.sort_unstable();
        let median = distances[distances.len() / 2];
        assert!(median <= 16, "a step goes {median} slots at the median");
        // The states of the first levels lie together at the start: 522 of them up to slot
        // 629.
        let last = *first_levels.last().unwrap();
        assert!(
            last < 2 * first_levels.len(),
            "{} states up to slot {last}",
            first_levels.len()
        );
    }

    #[test]
    fn patterns_are_numbered_in_the_order_of_their_states_and_read_back_alike() {
        let patterns = ["policy", "pol", "a", "ask again", "ask", "政策"];
        let (words, numbers) = WordStarts::new(&patterns).unwrap();
        let mut sorted = numbers.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, [0, 1, 2, 3, 4, 5]);
        // The numbers rise with the slots of the states that spell the patterns.
        let slot_of = |pattern: &str| {
            let mut slot = 0;
            // Down to the state that spells it, or the head of its tail.
            for &b in pattern.as_bytes() {
                if words.slots[slot].is_tail() {
                    break;
                }
                slot = words.slots[slot].base() + usize::from(b);
            }
            slot
        };
        let mut by_slot: Vec<usize> = (0..patterns.len()).collect();
        by_slot.sort_by_key(|&i| slot_of(patterns[i]));
        assert!(by_slot.windows(2).all(|w| numbers[w[0]] < numbers[w[1]]));
        let mut out = Out::default();
        words.encode(&mut out);
        let read = WordStarts::decode(&mut In(&out.0), patterns.len());
        assert_eq!(read.as_ref(), Some(&words));
        assert!(WordStarts::decode(&mut In(&out.0), patterns.len() + 1).is_none());
    }

    #[test]
    fn no_patterns_find_nothing() {
        let trie = Trie::new::<&str>(&[]);
        assert!(trie.find("anything at all").is_empty());
    }
}
