//! Which hits become findings: position-aware rules, minimum severity, and one finding per
//! place per category.

use unicode_segmentation::UnicodeSegmentation;

use crate::normalize::{char_at, is_mark, is_word_char};
use crate::sentences::sentences;

use crate::category::Severity;
use crate::lexicon::Position;
use crate::report::{Hit, RuleMeta};

/// A first sentence of at most this many words that does not end in `.` or `?` is a
/// salutation ("Hi Anna,", "Hello!"), so the opening runs on to the next sentence.
const SALUTATION_MAX_WORDS: usize = 5;
/// A first sentence this short is a greeting however it ends ("Здравствуйте.", "Good morning.").
const GREETING_MAX_WORDS: usize = 2;

/// The reply's opening: its first sentence, or its first two when the first is a salutation.
pub(crate) struct Opening<'t> {
    /// The byte offset where the opening ends.
    pub end: usize,
    /// Its sentences with their byte offsets, as the sentence segmenter cut them: the first
    /// `count` (none in a blank text, at most two).
    sentences: [(usize, &'t str); 2],
    count: usize,
}

impl<'t> Opening<'t> {
    /// The opening's sentences with their byte offsets.
    pub fn sentences(&self) -> &[(usize, &'t str)] {
        &self.sentences[..self.count]
    }
}

/// Finds the reply's opening (see [`Opening`]).
pub(crate) fn opening(text: &str) -> Opening<'_> {
    let mut sentences = sentences(text).filter(|(_, s)| !s.trim().is_empty());
    let Some((start, first)) = sentences.next() else {
        return Opening {
            end: text.len(),
            sentences: [(0, ""); 2],
            count: 0,
        };
    };
    let mut opening = Opening {
        end: start + first.len(),
        sentences: [(start, first), (0, "")],
        count: 1,
    };
    let max_words = if first.trim_end().ends_with(['.', '?', '。', '؟', '？', '।', '॥']) {
        GREETING_MAX_WORDS
    } else {
        SALUTATION_MAX_WORDS
    };
    // Only whether the sentence is that short matters: most are longer, which a count of
    // their runs of characters tells more cheaply than word segmentation.
    let is_salutation = fewer_runs_than(first, max_words + 1)
        && first.unicode_words().take(max_words + 1).count() <= max_words;
    if is_salutation {
        if let Some((start, second)) = sentences.next() {
            opening.end = start + second.len();
            opening.sentences[1] = (start, second);
            opening.count = 2;
        }
    }
    opening
}

/// True when `text` has fewer than `n` runs of non-whitespace characters that hold a letter
/// or a digit. Each such run holds a word of its own (no word spans whitespace), so a text
/// with `n` of them has at least `n` words.
fn fewer_runs_than(text: &str, n: usize) -> bool {
    // A character at a time, ASCII without decoding it; a run counts at its first letter or
    // digit.
    let bytes = text.as_bytes();
    let (mut runs, mut counted, mut at) = (0, false, 0);
    while let Some(&b) = bytes.get(at) {
        let (space, word, len) = if b.is_ascii() {
            let space = matches!(b, b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r' | b' ');
            (space, b.is_ascii_alphanumeric(), 1)
        } else {
            let (c, len) = char_at(text, at);
            // Letters and digits from the bitmaps; a mark that is also a letter is left out,
            // which can only make the count lower than it is.
            (c.is_whitespace(), is_word_char(c) && !is_mark(c), len)
        };
        at += len;
        if space {
            counted = false;
        } else if !counted && word {
            (runs, counted) = (runs + 1, true);
            if runs == n {
                return false;
            }
        }
    }
    true
}

/// The byte offset where the reply's opening ends.
#[cfg(test)]
fn opening_end(text: &str) -> usize {
    opening(text).end
}

/// Keeps the hits that count, sorted by start then end.
///
/// `lexicon_hits` come from the automaton (never overlapping each other); `shape_hits` from
/// the heuristics, which give way to any earlier kept hit of the same category at the same
/// place.
pub(crate) fn select(
    text: &str,
    opening_end: Option<usize>,
    rules: &[RuleMeta],
    min_severity: Severity,
    mut lexicon_hits: Vec<Hit>,
    shape_hits: Vec<Hit>,
) -> Vec<Hit> {
    let wanted = |h: &Hit| {
        let meta = &rules[h.rule];
        meta.category.is_positive() || meta.severity >= min_severity
    };
    let mut opening = opening_end;
    lexicon_hits.retain(|h| {
        wanted(h)
            && match rules[h.rule].position {
                Position::Anywhere => true,
                Position::Opening => h.start < *opening.get_or_insert_with(|| self::opening(text).end),
            }
    });
    // Lexicon hits never overlap each other; a shape hit is kept only where no kept hit of
    // its category already is (a shouting run can contain a "?!" run, for example).
    let mut kept = lexicon_hits;
    for shape in shape_hits.into_iter().filter(|s| wanted(s)) {
        let category = rules[shape.rule].category;
        if !kept
            .iter()
            .any(|k| k.start < shape.end && shape.start < k.end && rules[k.rule].category == category)
        {
            kept.push(shape);
        }
    }
    kept.sort_by_key(|h| (h.start, h.end, h.rule));
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_are_the_whitespace_separated_runs_with_a_letter_or_digit() {
        // Every kind of whitespace, ASCII and not, a letter, a digit, a mark, punctuation.
        let alphabet = [
            'a', '7', '.', ' ', '\t', '\x0B', '\n', '\u{A0}', '\u{3000}', 'д', '\u{301}', '。',
        ];
        for text in &crate::testing::every_string(&alphabet, 4) {
            for n in 1..=3 {
                let runs = text
                    .split_whitespace()
                    .filter(|run| run.chars().any(|c| is_word_char(c) && !is_mark(c)))
                    .count();
                assert_eq!(fewer_runs_than(text, n), runs < n, "{text:?} {n}");
            }
        }
    }

    #[test]
    fn a_text_has_at_least_as_many_words_as_runs_with_a_letter_or_digit() {
        let texts = [
            "Hi Anna,",
            "Hello — dear friend!",
            "Привет, Анна",
            "e.g. U.S.A. 3,5 kg",
            "  ... ¡Hola!  ",
            "नमस्ते जी",
            "您好，李先生",
            "a\u{0301} b\u{200D}c d",
        ];
        for text in texts {
            let words = text.unicode_words().count();
            for n in 1..8 {
                if !fewer_runs_than(text, n) {
                    assert!(words >= n, "{text:?} has {words} words, not {n}");
                }
            }
        }
        assert!(fewer_runs_than("Hi Anna, …", 3));
        assert!(!fewer_runs_than("Hi Anna, how are you", 3));
    }

    #[test]
    fn the_opening_is_the_first_sentence() {
        let text = "Thank you for contacting us. Please provide your account number.";
        assert_eq!(&text[..opening_end(text)], "Thank you for contacting us. ");
    }

    #[test]
    fn a_salutation_extends_the_opening() {
        let text = "Hi Anna,\nThank you for contacting us. Your order shipped.";
        assert_eq!(
            &text[..opening_end(text)],
            "Hi Anna,\nThank you for contacting us. "
        );
    }

    #[test]
    fn a_short_sentence_that_ends_in_a_full_stop_is_not_a_salutation() {
        let text = "Thanks for your order. Dear valued customer, hello.";
        assert_eq!(&text[..opening_end(text)], "Thanks for your order. ");
    }

    #[test]
    fn a_one_word_greeting_with_a_full_stop_is_a_salutation() {
        let text = "Здравствуйте. Ваше обращение зарегистрировано. Спасибо.";
        assert_eq!(
            &text[..opening_end(text)],
            "Здравствуйте. Ваше обращение зарегистрировано. "
        );
    }

    #[test]
    fn a_hindi_danda_ends_a_sentence() {
        let text = "ऑर्डर भेज दिया गया है। प्रिय ग्राहक, धन्यवाद।";
        assert_eq!(&text[..opening_end(text)], "ऑर्डर भेज दिया गया है। ");
    }

    #[test]
    fn an_exclamation_can_be_a_salutation() {
        let text = "Hello! We have received your request. Sorry.";
        assert_eq!(
            &text[..opening_end(text)],
            "Hello! We have received your request. "
        );
    }

    #[test]
    fn a_reply_of_one_sentence_is_all_opening() {
        assert_eq!(opening_end("Dear valued customer"), "Dear valued customer".len());
        assert_eq!(opening_end(""), 0);
    }
}
