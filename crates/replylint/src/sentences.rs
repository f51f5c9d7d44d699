//! Sentence boundaries (Unicode UAX #29), as `unicode-segmentation` finds them, found faster.
//!
//! Every reply is cut into sentences for its opening, and again for commitments. The crate
//! looks up each character's sentence-break property by binary search; [`sentences`] runs
//! the crate's own state machine over a table instead: a match for ASCII, and for the rest
//! two array lookups in the table build.rs writes from `regex-syntax`'s Unicode data. From the
//! first character it looks at that is unassigned in that Unicode version, which may be newer
//! in the crate, the crate cuts the rest of the text. Tests check that both give the same
//! boundaries on every short string of one character of each property, and that every
//! character behaves as its property's does.

use std::cell::Cell;

use unicode_segmentation::{USentenceBoundIndices, UnicodeSegmentation};

use crate::normalize::{bmp_code_at, char_at};
use crate::swar;

/// `BLOCK_OF` and `BLOCKS`: every character's sentence-break code (see [`Property::of_code`]),
/// by blocks of 256 characters.
mod table {
    include!(concat!(env!("OUT_DIR"), "/sentence_breaks.rs"));
}

/// The sentences of `text` with their byte offsets: what
/// [`split_sentence_bound_indices`](UnicodeSegmentation::split_sentence_bound_indices) gives.
pub(crate) fn sentences(text: &str) -> Sentences<'_> {
    Sentences::Fast(FastSentences {
        text,
        pos: 0,
        state: [Part::Sot; 4],
        sentence_start: None,
        met_unassigned: Cell::new(false),
    })
}

/// The iterator [`sentences`] returns: the table's until it meets a character the table
/// lacks, the crate's from there on.
pub(crate) enum Sentences<'t> {
    Fast(FastSentences<'t>),
    Unicode(USentenceBoundIndices<'t>),
}

impl<'t> Iterator for Sentences<'t> {
    type Item = (usize, &'t str);

    fn next(&mut self) -> Option<(usize, &'t str)> {
        let fast = match self {
            Sentences::Fast(fast) => fast,
            Sentences::Unicode(s) => return s.next(),
        };
        let from = fast.sentence_start.unwrap_or(0);
        let next = fast.next();
        if !fast.met_unassigned.get() {
            return next;
        }
        // The sentences given so far looked at no such character, so the crate cuts them
        // alike; it goes on from where they end.
        let mut rest = fast.text.split_sentence_bound_indices();
        let mut ahead = rest.clone();
        while ahead.next().is_some_and(|(start, _)| start < from) {
            rest.next();
        }
        *self = Sentences::Unicode(rest);
        self.next()
    }
}

/// The sentence-break properties, `Extend` and `Format` as one: the state machine treats
/// them alike.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Property {
    Cr,
    Lf,
    Sep,
    Sp,
    Lower,
    Upper,
    OLetter,
    Numeric,
    ATerm,
    STerm,
    Close,
    SContinue,
    Extend,
    Other,
}

/// The code of a character unassigned in the table's Unicode version.
const UNASSIGNED: u8 = 0;

/// The character's code in the table build.rs writes.
fn code(c: char) -> u8 {
    let c = c as usize;
    table::BLOCKS[usize::from(table::BLOCK_OF[c >> 8])][c & 0xFF]
}

impl Property {
    /// The property of a code of build.rs's table: the place of its name in
    /// `SENTENCE_BREAKS` there, plus one; 15 for the other assigned characters.
    const fn of_code(code: u8) -> Property {
        const BY_CODE: [Property; 16] = [
            Property::Other, // unassigned, never asked for: `sentences` leaves such text alone
            Property::Cr,
            Property::Lf,
            Property::Sep,
            Property::Sp,
            Property::Lower,
            Property::Upper,
            Property::OLetter,
            Property::Numeric,
            Property::ATerm,
            Property::STerm,
            Property::Close,
            Property::SContinue,
            Property::Extend,
            Property::Extend, // Format
            Property::Other,
        ];
        BY_CODE[(code & 15) as usize]
    }

    fn of(c: char) -> Property {
        if c.is_ascii() {
            ASCII_PROPERTIES[c as usize]
        } else {
            Property::of_code(code(c))
        }
    }

    const fn of_ascii(b: u8) -> Property {
        match b {
            b'\r' => Property::Cr,
            b'\n' => Property::Lf,
            b'\t' | b'\x0B' | b'\x0C' | b' ' => Property::Sp,
            b'a'..=b'z' => Property::Lower,
            b'A'..=b'Z' => Property::Upper,
            b'0'..=b'9' => Property::Numeric,
            b'.' => Property::ATerm,
            b'!' | b'?' => Property::STerm,
            b'"' | b'\'' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => Property::Close,
            b',' | b'-' | b':' | b';' => Property::SContinue,
            _ => Property::Other,
        }
    }
}

/// The property of each ASCII character, as [`Property::of`] gives it.
static ASCII_PROPERTIES: [Property; 128] = {
    let mut table = [Property::Other; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = Property::of_ascii(b as u8);
        b += 1;
    }
    table
};

/// What the state machine remembers of the last characters, runs of `Close` and of `Sp`
/// counting as one (unicode-segmentation's `StatePart`, less what ASCII never has).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    Sot,
    Eot,
    Other,
    Cr,
    Lf,
    Sep,
    ATerm,
    UpperLower,
    ClosePlus,
    SpPlus,
    STerm,
}

type State = [Part; 4];

#[inline]
fn advance(state: State, p: Property) -> State {
    push(state, part_of(p))
}

/// The state with `part` after it: a run of closing marks or of spaces is one part.
#[inline]
fn push(state: State, part: Part) -> State {
    if joins_run(state[3], part) {
        state
    } else {
        [state[1], state[2], state[3], part]
    }
}

/// True when `part` next to `other` is of the same run of closing marks or of spaces.
#[inline]
fn joins_run(other: Part, part: Part) -> bool {
    part == other && matches!(part, Part::ClosePlus | Part::SpPlus)
}

/// The part a character of property `p` adds to the state.
const fn part_of(p: Property) -> Part {
    match p {
        Property::Cr => Part::Cr,
        Property::Lf => Part::Lf,
        Property::Sep => Part::Sep,
        Property::ATerm => Part::ATerm,
        Property::Upper | Property::Lower => Part::UpperLower,
        Property::Close => Part::ClosePlus,
        Property::Sp => Part::SpPlus,
        Property::STerm => Part::STerm,
        _ => Part::Other,
    }
}

/// True for the parts before which a run that cannot break ends: a terminator or a paragraph
/// separator.
const fn ends_run(part: Part) -> bool {
    matches!(part, Part::Cr | Part::Lf | Part::Sep | Part::ATerm | Part::STerm)
}

/// The ASCII characters before which a run that cannot break ends ([`ends_run`]): the
/// terminators and the line breaks.
const RUN_ENDS: [u8; 5] = [b'.', b'!', b'?', b'\r', b'\n'];

/// Where the run of characters that cannot end a run, starting at byte `from` of `bytes`
/// (a string's), ends: at the first character [`STOPS`] holds, or past the Basic Multilingual
/// Plane.
fn run_in_any_script(bytes: &[u8], from: usize) -> usize {
    let mut at = from;
    while let Some((code, len)) = bmp_code_at(bytes, at) {
        if STOPS[code / 64] & (1 << (code % 64)) != 0 {
            break;
        }
        at += len;
    }
    at
}

/// One bit per character of the Basic Multilingual Plane: set for those before which a run
/// that cannot break ends ([`ends_run`]), and for those the table lacks, which
/// [`FastSentences::property`] notes one by one.
static STOPS: [u64; 1024] = {
    let mut bits = [0u64; 1024];
    let mut c = 0;
    while c < 0x10000 {
        let code = table::BLOCKS[table::BLOCK_OF[c >> 8] as usize][c & 0xFF];
        if code == UNASSIGNED || ends_run(part_of(Property::of_code(code))) {
            bits[c / 64] |= 1 << (c % 64);
        }
        c += 1;
    }
    bits
};

/// The state after a run that cannot break follows `state`, from the run's parts, last first
/// (none of them [ending a run](ends_run)). Only its last four parts are kept, so it is read
/// from its end until they are known.
fn after_run(state: State, parts_from_the_end: impl Iterator<Item = Part>) -> State {
    let mut last = [Part::Sot; 4];
    let mut known = 0;
    for part in parts_from_the_end {
        if known > 0 && joins_run(last[known - 1], part) {
            continue;
        }
        last[known] = part;
        known += 1;
        if known == 4 {
            return [last[3], last[2], last[1], last[0]];
        }
    }
    // The run's parts follow the state's, the first joining its last if of the same run.
    last[..known]
        .iter()
        .rev()
        .fold(state, |state, &part| push(state, part))
}

/// The index of the last part before any `Sp` run and `Close` run that end the state.
fn before_close_and_sp(state: &State) -> usize {
    let mut i = if state[3] == Part::SpPlus { 2 } else { 3 };
    if state[i] == Part::ClosePlus {
        i -= 1;
    }
    i
}

fn is_sa_term(part: Part) -> bool {
    matches!(part, Part::STerm | Part::ATerm)
}

/// SB8: `ATerm Close* Sp* × ( ¬(OLetter | Upper | Lower | ParaSep | SATerm) )* Lower`.
fn sb8(state: &State, ahead: &str, property: impl Fn(char) -> Property) -> bool {
    state[before_close_and_sp(state)] == Part::ATerm
        && ahead.chars().map(property).find(|p| {
            matches!(
                p,
                Property::Lower
                    | Property::OLetter
                    | Property::Upper
                    | Property::Sep
                    | Property::Cr
                    | Property::Lf
                    | Property::STerm
                    | Property::ATerm
            )
        }) == Some(Property::Lower)
}

/// SB8a and SB10: `SATerm Close* Sp*` before.
fn sb8a(state: &State) -> bool {
    is_sa_term(state[before_close_and_sp(state)])
}

/// SB9: `SATerm Close*` before.
fn sb9(state: &State) -> bool {
    let i = if state[3] == Part::ClosePlus { 2 } else { 3 };
    is_sa_term(state[i])
}

/// SB11: `SATerm Close* Sp* ParaSep?` before.
fn sb11(state: &State) -> bool {
    let mut i = if matches!(state[3], Part::Cr | Part::Lf | Part::Sep) {
        2
    } else {
        3
    };
    if state[i] == Part::SpPlus {
        i -= 1;
    }
    if state[i] == Part::ClosePlus {
        i -= 1;
    }
    is_sa_term(state[i])
}

/// [`sentences`] of text whose every character is in the table.
pub(crate) struct FastSentences<'t> {
    text: &'t str,
    pos: usize,
    state: State,
    sentence_start: Option<usize>,
    /// Set once a character the table lacks was looked up: [`Sentences`] then hands over.
    met_unassigned: Cell<bool>,
}

impl FastSentences<'_> {
    /// The property and length of the character at `at`, if there is one.
    #[inline(always)]
    fn property_at(&self, at: usize) -> Option<(Property, usize)> {
        let byte = *self.text.as_bytes().get(at)?;
        // ASCII, most of most texts, without decoding a character.
        if byte.is_ascii() {
            return Some((ASCII_PROPERTIES[usize::from(byte)], 1));
        }
        let (c, len) = char_at(self.text, at);
        Some((self.property(c), len))
    }

    /// The property of `c`, noting a character the table lacks.
    fn property(&self, c: char) -> Property {
        let property = Property::of(c);
        // The table gives its unassigned characters `Other`.
        if property == Property::Other && !c.is_ascii() && code(c) == UNASSIGNED {
            self.met_unassigned.set(true);
        }
        property
    }

    /// Moves past the characters before which no break can come: with no terminator pending
    /// (nor a paragraph separator, nor the start), only a terminator or a separator can lead
    /// to a break (SB4, SB6 to SB11, else SB998), and the characters up to one only move the
    /// state. Most of a text is such runs, which this goes through without the rules.
    fn skip_what_cannot_break(&mut self) {
        let pending = |state: &State| {
            matches!(state[3], Part::Sot | Part::Eot | Part::Cr | Part::Lf | Part::Sep)
                || is_sa_term(state[before_close_and_sp(state)])
        };
        if pending(&self.state) {
            return;
        }
        // ASCII first, most of most texts: up to the first terminator, line break or other
        // character, eight bytes at a time, then the state from the last of them.
        let bytes = self.text.as_bytes();
        let run = &bytes[self.pos..];
        let stop = swar::position(run, |word| {
            swar::non_ascii(word) | RUN_ENDS.iter().fold(0, |m, &b| m | swar::equal(word, b))
        })
        .unwrap_or(run.len());
        self.state = after_run(
            self.state,
            run[..stop]
                .iter()
                .rev()
                .map(|&b| part_of(ASCII_PROPERTIES[usize::from(b)])),
        );
        self.pos += stop;
        // Then any script, a character at a time by a bitmap, and again the state from the
        // last of them.
        let end = run_in_any_script(bytes, self.pos);
        let parts = self.text[self.pos..end]
            .chars()
            .rev()
            .map(Property::of)
            .filter(|&p| p != Property::Extend)
            .map(part_of);
        self.state = after_run(self.state, parts);
        self.pos = end;
        // What the bitmap stops at: a terminator or a separator, or a character the table
        // lacks or that lies past the Basic Multilingual Plane.
        while let Some((p, len)) = self.property_at(self.pos) {
            match p {
                // SB5: the character before absorbs it.
                Property::Extend => {}
                _ if ends_run(part_of(p)) => break,
                _ => self.state = advance(self.state, p),
            }
            self.pos += len;
        }
        debug_assert!(!pending(&self.state));
    }

    /// The next break: the offset of the character after it (SB1 to SB998 in order).
    fn next_break(&mut self) -> Option<usize> {
        while self.pos < self.text.len() {
            self.skip_what_cannot_break();
            let at = self.pos;
            let Some((p, len)) = self.property_at(at) else {
                break;
            };
            let before = self.state;
            self.pos += len;
            self.state = advance(before, p);
            let last = before[3];
            let breaks = match p {
                _ if last == Part::Sot => true,
                Property::Lf if last == Part::Cr => false,
                _ if matches!(last, Part::Cr | Part::Lf | Part::Sep) => true,
                // SB5: the character before absorbs it.
                Property::Extend => {
                    self.state = before;
                    false
                }
                // SB6 to SB11 all need the text so far to end in a terminator, a closing mark
                // or a space: after a letter or other character nothing breaks.
                _ if matches!(last, Part::UpperLower | Part::Other) => false,
                Property::Numeric if last == Part::ATerm => false,
                Property::Upper if before[2] == Part::UpperLower && last == Part::ATerm => false,
                _ if sb8(&before, &self.text[at..], |c| self.property(c)) => false,
                Property::SContinue | Property::STerm | Property::ATerm if sb8a(&before) => false,
                Property::Close | Property::Sp | Property::Sep | Property::Cr | Property::Lf
                    if sb9(&before) =>
                {
                    false
                }
                Property::Sp | Property::Sep | Property::Cr | Property::Lf if sb8a(&before) => false,
                _ => sb11(&before),
            };
            if breaks {
                return Some(at);
            }
        }
        if matches!(self.state[3], Part::Sot | Part::Eot) {
            return None;
        }
        self.state = [self.state[1], self.state[2], self.state[3], Part::Eot];
        Some(self.pos)
    }
}

impl<'t> Iterator for FastSentences<'t> {
    type Item = (usize, &'t str);

    fn next(&mut self) -> Option<(usize, &'t str)> {
        let start = match self.sentence_start {
            Some(start) => start,
            None => self.next_break()?,
        };
        let end = self.next_break()?;
        self.sentence_start = Some(end);
        Some((start, &self.text[start..end]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::every_string;

    /// One character of each property, most of them not ASCII.
    const ONE_OF_EACH: [(Property, char); 14] = [
        (Property::Cr, '\r'),
        (Property::Lf, '\n'),
        (Property::Sep, '\u{2029}'),
        (Property::Sp, '\u{A0}'),
        (Property::Lower, 'д'),
        (Property::Upper, 'Д'),
        (Property::OLetter, 'ا'),
        (Property::Numeric, '٣'),
        (Property::ATerm, '．'),
        (Property::STerm, '؟'),
        (Property::Close, '«'),
        (Property::SContinue, '،'),
        (Property::Extend, '\u{301}'),
        (Property::Other, '€'),
    ];

    fn assert_same_as_unicode_segmentation(texts: &[String]) {
        for text in texts {
            let fast: Vec<(usize, &str)> = sentences(text).collect();
            let reference: Vec<(usize, &str)> = text.split_sentence_bound_indices().collect();
            assert_eq!(fast, reference, "{text:?}");
        }
    }

    #[test]
    fn ascii_sentences_are_the_ones_unicode_segmentation_finds() {
        // One character of each ASCII sentence-break property; every string of up to six.
        let alphabet = ['\r', '\n', ' ', 'a', 'A', '7', '.', '?', ')', ',', '#'];
        let texts = every_string(&alphabet, 6);
        assert_eq!(texts.len(), 1_948_717);
        assert_same_as_unicode_segmentation(&texts);
        // The shorter ones after six bytes and before more, so that the runs they end or
        // start stand across two words of the eight-byte scan.
        let across: Vec<String> = every_string(&alphabet, 4)
            .iter()
            .flat_map(|t| [format!("Ab  c){t}"), format!("Ab  c){t}de) f")])
            .collect();
        assert_same_as_unicode_segmentation(&across);
    }

    #[test]
    fn the_run_ends_are_the_ascii_characters_before_which_a_run_ends() {
        let ends: Vec<u8> = (0..128u8)
            .filter(|&b| ends_run(part_of(ASCII_PROPERTIES[usize::from(b)])))
            .collect();
        let mut listed = RUN_ENDS.to_vec();
        listed.sort_unstable();
        assert_eq!(listed, ends);
    }

    #[test]
    fn the_state_after_a_run_is_the_one_its_characters_reach_one_by_one() {
        let starts = [
            [Part::Sot; 4],
            [Part::Other, Part::UpperLower, Part::ClosePlus, Part::SpPlus],
            [Part::Lf, Part::ClosePlus, Part::UpperLower, Part::ClosePlus],
        ];
        // Whatever cannot end a run, ASCII or not, an extending character among them.
        let alphabet = [' ', '\u{A0}', ')', '«', 'a', 'Д', 'ا', ',', '€', '7', '\u{301}'];
        for run in every_string(&alphabet, 5) {
            assert_eq!(run_in_any_script(run.as_bytes(), 0), run.len(), "{run:?}");
            for state in starts {
                // SB5: an extending character leaves the state as it is.
                let one_by_one = run
                    .chars()
                    .map(Property::of)
                    .filter(|&p| p != Property::Extend)
                    .fold(state, advance);
                let from_the_end = run
                    .chars()
                    .rev()
                    .map(Property::of)
                    .filter(|&p| p != Property::Extend)
                    .map(part_of);
                assert_eq!(
                    after_run(state, from_the_end),
                    one_by_one,
                    "{run:?} after {state:?}"
                );
            }
        }
    }

    #[test]
    fn a_run_in_any_script_stops_at_what_may_end_it_and_at_what_the_table_lacks() {
        let unassigned = '\u{378}';
        assert_eq!(code(unassigned), UNASSIGNED);
        for stop in [
            '.', '!', '\n', '\r', '؟', '．', '\u{2029}', '\u{85}', unassigned, '😀',
        ] {
            let text = format!("aД ا{stop}b");
            assert_eq!(run_in_any_script(text.as_bytes(), 0), "aД ا".len(), "{stop:?}");
        }
        // Every other character of the plane goes on.
        for c in (0x80..=0xFFFFu32).filter_map(char::from_u32) {
            let stops = code(c) == UNASSIGNED || ends_run(part_of(Property::of(c)));
            let text = format!("{c}a");
            let expected = if stops { 0 } else { text.len() };
            assert_eq!(run_in_any_script(text.as_bytes(), 0), expected, "{c:?}");
        }
    }

    #[test]
    fn sentences_are_the_ones_unicode_segmentation_finds() {
        // One character of each property, and a format character beside the extending one;
        // every string of up to five.
        let mut alphabet: Vec<char> = ONE_OF_EACH.iter().map(|&(_, c)| c).collect();
        alphabet.push('\u{AD}');
        let texts = every_string(&alphabet, 5);
        assert_eq!(texts.len(), 813_616);
        assert_same_as_unicode_segmentation(&texts);
    }

    #[test]
    fn long_sentences_are_the_ones_unicode_segmentation_finds() {
        // Runs that cannot break are skipped without the rules; long random strings check
        // that the state after a run is the one the rules would have reached.
        let mut alphabet: Vec<char> = ONE_OF_EACH.iter().map(|&(_, c)| c).collect();
        alphabet.extend(['\r', '\n', ' ', 'a', 'A', '7', '.', '?', ')', ',', '#']);
        let mut seed: u64 = 0x5EED;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize
        };
        let texts: Vec<String> = (0..20_000)
            .map(|_| {
                let len = 10 + next() % 40;
                // Mostly letters and spaces, as text is, so that runs are long.
                (0..len)
                    .map(|_| match next() % 4 {
                        0 => alphabet[next() % alphabet.len()],
                        1 => ' ',
                        _ => 'a',
                    })
                    .collect()
            })
            .collect();
        assert_same_as_unicode_segmentation(&texts);
    }

    /// Where `text` breaks, in characters.
    fn breaks(text: &str) -> Vec<usize> {
        text.split_sentence_bound_indices()
            .map(|(at, _)| text[..at].chars().count())
            .collect()
    }

    #[test]
    fn every_character_breaks_text_as_its_property_does() {
        // Texts around a slot, `_`, in which the characters of any two properties break the
        // text apart differently: the first assertion checks that they tell every property
        // from every other.
        let contexts = [
            "a_a", "a_,", "a._a", "a._A", "A._ A", "a. _A", "a.\"_ b", "a!_a", "a.)_ a", "\r_a", "_\na",
        ];
        let signature = |c: char| -> Vec<Vec<usize>> {
            contexts
                .iter()
                .map(|t| breaks(&t.replace('_', &c.to_string())))
                .collect()
        };
        for (i, &(p, a)) in ONE_OF_EACH.iter().enumerate() {
            for &(q, b) in &ONE_OF_EACH[i + 1..] {
                assert_ne!(signature(a), signature(b), "{p:?} and {q:?} look alike");
            }
        }
        // Then unicode-segmentation breaks the text around each character of the table as it
        // breaks it around the character of its property.
        let of: Vec<(Property, Vec<Vec<usize>>)> =
            ONE_OF_EACH.iter().map(|&(p, c)| (p, signature(c))).collect();
        let assigned = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| c.is_ascii() || code(c) != UNASSIGNED);
        let mut checked = 0;
        for c in assigned {
            let property = Property::of(c);
            let expected = &of
                .iter()
                .find(|(p, _)| *p == property)
                .expect("a property of ONE_OF_EACH")
                .1;
            assert_eq!(
                &signature(c),
                expected,
                "{c:?} (U+{:04X}) is not {property:?}",
                c as u32
            );
            checked += 1;
        }
        assert!(checked > 290_000, "{checked}");
    }

    #[test]
    fn from_a_character_the_table_lacks_on_unicode_segmentation_cuts_the_text() {
        let unassigned = (0x378..)
            .filter_map(char::from_u32)
            .find(|&c| code(c) == UNASSIGNED)
            .unwrap();
        // First, in the middle, in the look-ahead of SB8 after "etc.", and last.
        let texts = [
            format!("{unassigned} Hi. Ok? Yes"),
            format!("Hi. {unassigned} Ok? Yes"),
            format!("Hi there. See etc. {unassigned} more. Ok"),
            format!("Привет. Как дела? {unassigned}"),
        ];
        assert_same_as_unicode_segmentation(&texts);
        // The sentences before it are the table's; the crate gives the rest.
        let mut cut = sentences(&texts[2]);
        assert_eq!(cut.next(), Some((0, "Hi there. ")));
        assert!(matches!(cut, Sentences::Fast(_)));
        assert_eq!(cut.next().map(|(at, _)| at), Some(10));
        assert!(matches!(cut, Sentences::Unicode(_)));
        let mut all = sentences("Привет. Как дела?");
        while all.next().is_some() {}
        assert!(matches!(all, Sentences::Fast(_)));
    }

    #[test]
    fn sentences_of_a_reply() {
        let text = "Hi Anna, thanks. Mr. Smith said e.g. this (twice!) so. Ok?\r\nYes";
        let got: Vec<&str> = sentences(text).map(|(_, s)| s).collect();
        assert_eq!(got, text.split_sentence_bounds().collect::<Vec<_>>());
        assert_eq!(got[0], "Hi Anna, thanks. ");
        let text = "Привет. Как дела?";
        assert_eq!(sentences(text).count(), 2);
    }
}
