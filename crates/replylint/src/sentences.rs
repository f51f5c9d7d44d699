//! Sentence boundaries (Unicode UAX #29), as `unicode-segmentation` finds them, with a fast
//! path for ASCII text.
//!
//! Every reply is cut into sentences for its opening, and again for commitments. The crate
//! looks up each character's sentence-break property by binary search, so for ASCII text
//! (most replies) [`sentences`] runs the crate's own state machine over a table of the ASCII
//! properties instead; a test checks that both give the same boundaries on every short
//! string of the ASCII properties.

use unicode_segmentation::{USentenceBoundIndices, UnicodeSegmentation};

/// The sentences of `text` with their byte offsets: what
/// [`split_sentence_bound_indices`](UnicodeSegmentation::split_sentence_bound_indices) gives.
pub(crate) fn sentences(text: &str) -> Sentences<'_> {
    if text.is_ascii() {
        Sentences::Ascii(AsciiSentences {
            text,
            pos: 0,
            state: [Part::Sot; 4],
            sentence_start: None,
        })
    } else {
        Sentences::Unicode(text.split_sentence_bound_indices())
    }
}

/// The iterator [`sentences`] returns.
pub(crate) enum Sentences<'t> {
    Ascii(AsciiSentences<'t>),
    Unicode(USentenceBoundIndices<'t>),
}

impl<'t> Iterator for Sentences<'t> {
    type Item = (usize, &'t str);

    fn next(&mut self) -> Option<(usize, &'t str)> {
        match self {
            Sentences::Ascii(s) => s.next(),
            Sentences::Unicode(s) => s.next(),
        }
    }
}

/// The sentence-break properties that ASCII characters have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Property {
    Cr,
    Lf,
    Sp,
    Lower,
    Upper,
    Numeric,
    ATerm,
    STerm,
    Close,
    SContinue,
    Other,
}

fn property(byte: u8) -> Property {
    match byte {
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

/// What the state machine remembers of the last characters, runs of `Close` and of `Sp`
/// counting as one (unicode-segmentation's `StatePart`, less what ASCII never has).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    Sot,
    Eot,
    Other,
    Cr,
    Lf,
    ATerm,
    UpperLower,
    ClosePlus,
    SpPlus,
    STerm,
}

type State = [Part; 4];

fn advance(state: State, p: Property) -> State {
    match (state[3], p) {
        (Part::ClosePlus, Property::Close) | (Part::SpPlus, Property::Sp) => state,
        _ => {
            let part = match p {
                Property::Cr => Part::Cr,
                Property::Lf => Part::Lf,
                Property::ATerm => Part::ATerm,
                Property::Upper | Property::Lower => Part::UpperLower,
                Property::Close => Part::ClosePlus,
                Property::Sp => Part::SpPlus,
                Property::STerm => Part::STerm,
                _ => Part::Other,
            };
            [state[1], state[2], state[3], part]
        }
    }
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
fn sb8(state: &State, ahead: &[u8]) -> bool {
    state[before_close_and_sp(state)] == Part::ATerm
        && ahead.iter().map(|&b| property(b)).find(|p| {
            matches!(
                p,
                Property::Lower
                    | Property::Upper
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
    let mut i = if matches!(state[3], Part::Cr | Part::Lf) {
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

/// [`sentences`] of ASCII text.
pub(crate) struct AsciiSentences<'t> {
    text: &'t str,
    pos: usize,
    state: State,
    sentence_start: Option<usize>,
}

impl AsciiSentences<'_> {
    /// The next break: the offset of the character after it (SB1 to SB998 in order).
    fn next_break(&mut self) -> Option<usize> {
        let bytes = self.text.as_bytes();
        while let Some(&byte) = bytes.get(self.pos) {
            let at = self.pos;
            let before = self.state;
            let p = property(byte);
            self.pos += 1;
            self.state = advance(before, p);
            let last = before[3];
            // SB6 to SB11 all need the text so far to end in a terminator, a closing mark or
            // a space: after a letter or other character nothing breaks.
            if matches!(last, Part::UpperLower | Part::Other) {
                continue;
            }
            let breaks = match p {
                _ if last == Part::Sot => true,
                Property::Lf if last == Part::Cr => false,
                _ if matches!(last, Part::Cr | Part::Lf) => true,
                Property::Numeric if last == Part::ATerm => false,
                Property::Upper if before[2] == Part::UpperLower && last == Part::ATerm => false,
                _ if sb8(&before, &bytes[at..]) => false,
                Property::SContinue | Property::STerm | Property::ATerm if sb8a(&before) => false,
                Property::Close | Property::Sp | Property::Cr | Property::Lf if sb9(&before) => false,
                Property::Sp | Property::Cr | Property::Lf if sb8a(&before) => false,
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

impl<'t> Iterator for AsciiSentences<'t> {
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

    #[test]
    fn ascii_sentences_are_the_ones_unicode_segmentation_finds() {
        // One character of each ASCII sentence-break property; every string of up to six.
        let alphabet = ['\r', '\n', ' ', 'a', 'A', '7', '.', '?', ')', ',', '#'];
        let mut texts = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..6 {
            last = last
                .iter()
                .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                .collect();
            texts.extend(last.iter().cloned());
        }
        assert_eq!(texts.len(), 1_948_717);
        for text in &texts {
            let fast: Vec<(usize, &str)> = sentences(text).collect();
            let reference: Vec<(usize, &str)> = text.split_sentence_bound_indices().collect();
            assert_eq!(fast, reference, "{text:?}");
        }
    }

    #[test]
    fn sentences_of_a_reply() {
        let text = "Hi Anna, thanks. Mr. Smith said e.g. this (twice!) so. Ok?\r\nYes";
        let got: Vec<&str> = sentences(text).map(|(_, s)| s).collect();
        assert_eq!(got, text.split_sentence_bounds().collect::<Vec<_>>());
        assert_eq!(got[0], "Hi Anna, thanks. ");
        // Non-ASCII text goes to unicode-segmentation itself.
        let text = "Привет. Как дела?";
        assert_eq!(sentences(text).count(), 2);
    }
}
