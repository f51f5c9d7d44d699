//! Rules beside the lexicon, found from the shape of the text: unexplained acronyms, shouting
//! and runs of `!`/`?`.

use std::borrow::Cow;
use std::collections::HashSet;

use rustc_hash::FxHashSet;

use unicode_normalization::UnicodeNormalization;

use crate::normalize::{
    bmp_code_at, char_at, is_letter_or_mark, is_mark, is_mark_in_bmp, is_nfc_by_quick_check, is_uppercase,
    is_uppercase_in_bmp, letter_or_mark_at,
};
use crate::swar;

/// Acronyms known everywhere, whatever the language; each lexicon adds its own.
pub(crate) const INTERNATIONAL_ACRONYMS: &[&str] = &[
    "OK", "ID", "PIN", "SMS", "PDF", "URL", "USB", "GPS", "ATM", "TV", "PC", "CD", "DVD", "EU", "UN", "USA",
    "UK", "AM", "PM", "CEO", "COVID", "DNA", "FAQ", "IBAN", "VAT", "VIP", "WIFI", "QR", "IT", "HR", "AI",
    "API", "SIM",
];

/// What the shape rules found: byte spans in the original text.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct ShapeHits {
    pub acronyms: Vec<(usize, usize)>,
    pub shouting: Vec<(usize, usize)>,
    pub punctuation_runs: Vec<(usize, usize)>,
}

/// The fewest all-caps words in a row that count as shouting.
const SHOUTING_MIN_WORDS: usize = 3;

/// Finds every shape rule's spans in `text`. `everyday` holds the acronyms never to report;
/// `pairs` are the text's [`Pairs`] when they are known already, as [`normalize`] finds them
/// in passing.
///
/// [`normalize`]: crate::normalize::normalize
pub(crate) fn find(text: &str, everyday: &FxHashSet<String>, pairs: Option<Pairs>) -> ShapeHits {
    let mut hits = ShapeHits::default();
    let pairs = pairs.unwrap_or_else(|| pairs_in_a_row(text));
    if pairs.capitals {
        find_capitals(text, everyday, &mut hits);
    }
    if pairs.punctuation {
        find_punctuation_runs(text, &mut hits);
    }
    hits
}

/// Which of the shape rules' pairs stand in a text: most replies have neither, and knowing
/// it spares them the word-by-word checks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Pairs {
    /// Two capital letters together (combining marks between them aside): every all-caps
    /// word of two letters or more has such a pair.
    pub capitals: bool,
    /// Two of `!`/`?` side by side: every run has them.
    pub punctuation: bool,
}

// Out of line: inlined into the analysis, its loop compiled to more instructions.
#[inline(never)]
fn pairs_in_a_row(text: &str) -> Pairs {
    let bytes = text.as_bytes();
    let mut scan = PairScan::default();
    let mut at = 0;
    while let Some(&lead) = bytes.get(at) {
        // Each character is a capital, a mark (which leaves a capital before it where it
        // was), or another, which may be one of the punctuation marks of runs.
        let (upper, mark, one) = if lead.is_ascii() {
            // Eight ASCII bytes at a time where there are eight: most of a text in a Latin
            // script, the pairs across two words too.
            if let Some(eight) = bytes.get(at..at + 8) {
                let word = u64::from_le_bytes(eight.try_into().expect("eight bytes"));
                if swar::non_ascii(word) == 0 {
                    scan.ascii_word(word);
                    at += 8;
                    continue;
                }
            }
            at += 1;
            (lead.is_ascii_uppercase(), false, matches!(lead, b'!' | b'?'))
        } else {
            // The rest from their bytes, the two-byte characters (most of most other texts)
            // first: '؟', '！' and '？' are the punctuation marks of runs among them.
            match bmp_code_at(bytes, at) {
                Some((code, 2)) => {
                    at += 2;
                    let upper = is_uppercase_in_bmp(code);
                    (upper, !upper && is_mark_in_bmp(code), code == 0x61F)
                }
                Some((code, len)) => {
                    at += len;
                    let upper = is_uppercase_in_bmp(code);
                    (
                        upper,
                        !upper && is_mark_in_bmp(code),
                        matches!(code, 0xFF01 | 0xFF1F),
                    )
                }
                None => {
                    let (c, len) = char_at(text, at);
                    at += len;
                    (is_uppercase(c), is_mark(c), is_run_punctuation(c))
                }
            }
        };
        scan.character(upper, mark, one);
    }
    scan.pairs()
}

/// A pass over a text, character by character or eight ASCII bytes at a time, finding its
/// [`Pairs`].
#[derive(Debug, Default)]
pub(crate) struct PairScan {
    capitals: u64,
    runs: u64,
    // Whether the last character was a capital (combining marks after it left out) and
    // whether it was one of the punctuation marks of runs, as the high bit of a byte: as
    // `swar::after_same` carries them from one word of eight bytes to the next.
    last_capital: u64,
    last_one: u64,
}

impl PairScan {
    /// Takes the next eight bytes of the text, all ASCII, as one little-endian word; zero
    /// bytes after the end of the text pad the last one.
    #[inline(always)]
    pub fn ascii_word(&mut self, word: u64) {
        let capitals = swar::ascii_between(word, b'A', b'Z');
        self.capitals |= swar::after_same(capitals, &mut self.last_capital);
        let run = swar::equal(word, b'!') | swar::equal(word, b'?');
        self.runs |= swar::after_same(run, &mut self.last_one);
    }

    /// Takes the next character: whether it is a capital, a combining mark, and one of the
    /// punctuation marks of runs.
    #[inline(always)]
    fn character(&mut self, upper: bool, mark: bool, one: bool) {
        if upper {
            self.capitals |= self.last_capital;
            self.last_capital = HIGH_BIT;
        } else if !mark {
            self.last_capital = 0;
        }
        self.runs |= if one { self.last_one } else { 0 };
        self.last_one = if one { HIGH_BIT } else { 0 };
    }

    /// The pairs of the text taken so far.
    pub fn pairs(&self) -> Pairs {
        Pairs {
            capitals: self.capitals != 0,
            punctuation: self.runs != 0,
        }
    }
}

/// The high bit of a byte, as [`swar`] marks the bytes that pass a test.
const HIGH_BIT: u64 = 0x80;

/// The [`Pairs`] of a text found from its capitals and its punctuation marks of runs alone,
/// each with where it stands, as [`normalize`] meets them: it passes the other characters
/// in runs.
///
/// [`normalize`]: crate::normalize::normalize
#[derive(Debug, Default)]
pub(crate) struct PairsAround {
    /// Where the last capital and the last punctuation mark of runs taken end.
    capital_end: Option<usize>,
    one_end: Option<usize>,
    pairs: Pairs,
}

impl PairsAround {
    /// Takes the character `c` at byte `at` of `text`. Each capital and punctuation mark of
    /// runs of the text must be taken, in order; other characters may be, and count for
    /// nothing.
    #[inline]
    pub fn take(&mut self, text: &str, at: usize, c: char) {
        if is_uppercase(c) {
            // Two capitals with nothing but combining marks between them.
            if self
                .capital_end
                .is_some_and(|end| text[end..at].chars().all(is_mark))
            {
                self.pairs.capitals = true;
            }
            self.capital_end = Some(at + c.len_utf8());
        } else if is_run_punctuation(c) {
            if self.one_end == Some(at) {
                self.pairs.punctuation = true;
            }
            self.one_end = Some(at + c.len_utf8());
        }
    }

    /// The pairs of the text, all of whose capitals and punctuation marks of runs were taken.
    pub fn pairs(&self) -> Pairs {
        self.pairs
    }
}

/// True for the punctuation marks that a run is made of (`!!`, `?!`).
pub(crate) fn is_run_punctuation(c: char) -> bool {
    matches!(c, '!' | '?' | '！' | '？' | '؟')
}

/// The shouting runs and the unexplained acronyms.
fn find_capitals(text: &str, everyday: &FxHashSet<String>, hits: &mut ShapeHits) {
    // Words are streamed, never collected: a list of them took seven times the text's size,
    // 650 MiB for a 100 MB reply. Only the caps words are kept, when there are few.

    // Shouting: runs of all-caps words with nothing lowercase between them. Acronyms: defined
    // anywhere in the message as `ABC (…)` or `… (ABC)`, or else reported once.
    let mut defined: HashSet<String> = HashSet::new();
    let mut run: Option<(usize, usize, usize)> = None; // start, end, words
    let mut caps = CapsWords::default();

    // Each word as a caps word or not; after the last, none, which ends a run of caps words.
    for span in word_spans(text).map(Some).chain(std::iter::once(None)) {
        match span.and_then(|(start, end)| Some((start, end, caps_word(text, start, end)?))) {
            Some((start, end, word)) => {
                caps.push(start, end);
                if is_definition(text, start, end) {
                    defined.insert(word.into_owned());
                }
                run = Some(match run {
                    Some((first, _, n)) => (first, end, n + 1),
                    None => (start, end, 1),
                });
            }
            None => {
                if let Some((start, end, n)) = run.take() {
                    if n >= SHOUTING_MIN_WORDS {
                        hits.shouting.push((start, end));
                    }
                }
            }
        }
    }

    let mut shouting = hits.shouting.iter().peekable();
    let mut reported: HashSet<String> = HashSet::new();
    let mut acronym = |start: usize, end: usize| {
        let Some(word) = caps_word(text, start, end) else {
            return;
        };
        while shouting.next_if(|&&(_, run_end)| run_end <= start).is_some() {}
        let in_shouting = shouting.peek().is_some_and(|&&(run_start, _)| run_start <= start);
        if !in_shouting
            && (2..=6).contains(&word.chars().count())
            && !defined.contains(word.as_ref())
            && !everyday.contains(word.as_ref())
            && !reported.contains(word.as_ref())
        {
            hits.acronyms.push((start, end));
            reported.insert(word.into_owned());
        }
    };
    // The caps words again: from the list, or, when it overflowed, from every word.
    match caps.kept() {
        Some(kept) => kept.iter().for_each(|&(start, end)| acronym(start, end)),
        None => word_spans(text).for_each(|(start, end)| acronym(start, end)),
    }
}

/// The spans of a text's first caps words, up to [`CapsWords::ROOM`], kept on the stack for
/// the second pass of [`find_capitals`]: most texts have a few and are not gone through again.
struct CapsWords {
    spans: [(usize, usize); CapsWords::ROOM],
    count: usize,
}

impl CapsWords {
    const ROOM: usize = 32;

    fn push(&mut self, start: usize, end: usize) {
        if let Some(span) = self.spans.get_mut(self.count) {
            *span = (start, end);
        }
        self.count += 1;
    }

    /// The caps words in order, unless there were more than the room for them.
    fn kept(&self) -> Option<&[(usize, usize)]> {
        self.spans.get(..self.count)
    }
}

impl Default for CapsWords {
    fn default() -> CapsWords {
        CapsWords {
            spans: [(0, 0); CapsWords::ROOM],
            count: 0,
        }
    }
}

/// Runs of two or more `!`/`?` (ASCII, full-width, Arabic question mark).
fn find_punctuation_runs(text: &str, hits: &mut ShapeHits) {
    let mut run_start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (is_run_punctuation(c), run_start) {
            (true, None) => run_start = Some(i),
            (false, Some(start)) => {
                if text[start..i].chars().count() >= 2 {
                    hits.punctuation_runs.push((start, i));
                }
                run_start = None;
            }
            _ => {}
        }
    }
}

/// The byte spans of the words of `text`: its maximal runs of letters and combining marks.
/// Digits end a word, so `L2` is not a caps word.
fn word_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = loop {
            match letter_or_mark_at(text, at)? {
                (true, _) => break at,
                (false, len) => at += len,
            }
        };
        while let Some((true, len)) = letter_or_mark_at(text, at) {
            at += len;
        }
        Some((start, at))
    })
}

/// The block of the Greek letters with diacritics, among them the titlecase ones with a
/// prosgegrammeni ("ᾈ"), which are no capitals but decompose to one.
const GREEK_EXTENDED: std::ops::RangeInclusive<char> = '\u{1F00}'..='\u{1FFF}';

/// The word at `start..end` of `text` in NFC, so that decomposed accents compare equal to
/// the acronym lists, if it is a caps word: two letters or more, all capitals (combining
/// marks aside), and not glued to digits ("L2", "4G" are codes).
fn caps_word(text: &str, start: usize, end: usize) -> Option<Cow<'_, str>> {
    let word = &text[start..end];
    let digit_at = |at: usize| text.as_bytes().get(at).is_some_and(u8::is_ascii_digit);
    if digit_at(end) || (start > 0 && digit_at(start - 1)) {
        return None;
    }
    if word.is_ascii() {
        // All letters (most words lowercase from the first) and in NFC.
        let caps = word.len() >= 2 && word.bytes().all(|b| b.is_ascii_uppercase());
        return caps.then_some(Cow::Borrowed(word));
    }
    // Most words start in lowercase or in a script without capitals, which their first
    // character tells before any NFC work: the first character of a word in NFC is a capital
    // only if the word's is, but for a titlecase Greek letter with a prosgegrammeni, which
    // can decompose and compose again to a capital (a test holds every character to it).
    let first = word.chars().next()?;
    if !is_uppercase(first) && !GREEK_EXTENDED.contains(&first) {
        return None;
    }
    // Judged in NFC, so a text and its NFD form get the same findings.
    let nfc = if is_nfc_by_quick_check(word) {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.nfc().collect())
    };
    // Most words start in lowercase: decided by the first letter alone.
    let letter = |c: char| is_letter_or_mark(c) && !is_mark(c);
    let caps = nfc.chars().next().is_some_and(is_uppercase)
        && nfc.chars().filter(|&c| letter(c)).count() >= 2
        && nfc.chars().all(|c| is_uppercase(c) || !letter(c));
    caps.then_some(nfc)
}

/// True for `ABC (` and `(ABC)` at `start..end`: the acronym is explained where it is
/// written.
fn is_definition(text: &str, start: usize, end: usize) -> bool {
    let after = text[end..].trim_start_matches(' ');
    let before = &text[..start];
    after.starts_with('(') || (before.ends_with('(') && after.starts_with(')'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    #[test]
    fn a_word_s_first_character_in_nfc_is_a_capital_only_if_it_was_one() {
        // What lets `caps_word` judge a word by its first character before NFC. The first
        // character of a word and of its NFC form decompose to the same first character, or
        // both are combining marks: a mark is never a capital, and a character that
        // decomposes to a capital is one itself but in Greek Extended.
        let mut decomposed = 0;
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if unicode_normalization::char::canonical_combining_class(c) != 0 {
                assert!(!is_uppercase(c), "{c:?}");
            }
            let mut first = None;
            unicode_normalization::char::decompose_canonical(c, |d| {
                first.get_or_insert(d);
            });
            if let Some(first) = first.filter(|&d| d != c) {
                decomposed += 1;
                if is_uppercase(c) {
                    assert!(is_uppercase(first), "{c:?} {first:?}");
                } else if is_uppercase(first) {
                    assert!(GREEK_EXTENDED.contains(&c), "{c:?} {first:?}");
                }
            }
        }
        assert!(decomposed > 2000, "{decomposed}");
        // "ᾼ" and an acute compose to "Ά" and a prosgegrammeni: a caps word in NFC.
        let text = "\u{1FBC}\u{301}Β";
        assert!(caps_word(text, 0, text.len()).is_some());
    }

    fn spans<'a>(text: &'a str, spans: &[(usize, usize)]) -> Vec<&'a str> {
        spans.iter().map(|&(s, e)| &text[s..e]).collect()
    }

    fn everyday() -> FxHashSet<String> {
        INTERNATIONAL_ACRONYMS.iter().map(|s| s.to_string()).collect()
    }

    /// The shape rules' spans in `text`, with the pairs normalising it finds, as an analysis
    /// finds them.
    fn shapes(text: &str) -> ShapeHits {
        find(text, &everyday(), normalize(text).pairs())
    }

    #[test]
    fn the_prefilter_finds_the_pairs_it_stands_for() {
        // ASCII, two, three and four bytes long: capitals (one that is its own lowercase),
        // marks (one that a text in NFC may hold after a capital), the punctuation of runs,
        // others.
        let alphabet = [
            'A', 'z', 'Д', 'д', 'Ḁ', '𝐀', 'ℂ', '\u{301}', 'ி', '!', '?', '？', '؟', '。', ' ',
        ];
        // Each short text also between ASCII and other text, so that it stands at every place
        // of the eight-byte words the ASCII is taken in, and its pairs across two of them,
        // or across a word and a character taken alone.
        let around = [
            ("", ""),
            ("a", "aaaaaaaa"),
            ("aaaaaaa", "Aaaaaaaa"),
            ("aaaaaaaA", "!aaaaaaa"),
            ("aaaaa!", "д"),
            ("Дaaaaaaa", "\u{301}Aaaaaaa"),
        ];
        for short in &crate::testing::every_string(&alphabet, 4) {
            for (before, after) in around {
                let text = format!("{before}{short}{after}");
                // Capitals side by side once the combining marks are left out; two of the
                // punctuation marks of runs side by side.
                let letters: Vec<char> = text.chars().filter(|&c| !is_mark(c)).collect();
                let chars: Vec<char> = text.chars().collect();
                let expected = Pairs {
                    capitals: letters.windows(2).any(|w| w.iter().all(|&c| is_uppercase(c))),
                    punctuation: chars.windows(2).any(|w| w.iter().all(|&c| is_run_punctuation(c))),
                };
                assert_eq!(pairs_in_a_row(&text), expected, "{text:?}");
                // Normalising finds them too, in passing, in every text in NFC.
                let nfc = unicode_normalization::is_nfc(&text);
                assert_eq!(normalize(&text).pairs(), nfc.then_some(expected), "{text:?}");
            }
        }
    }

    #[test]
    fn words_are_the_runs_of_letters_and_marks() {
        // ASCII, two, three and four bytes long: letters, marks, digits and others.
        let alphabet = ['a', 'Д', 'ந', '𝐀', '\u{301}', '\u{BCD}', '7', '٣', ' ', '-', '。'];
        for text in &crate::testing::every_string(&alphabet, 4) {
            let mut expected = Vec::new();
            let mut start = None;
            for (at, c) in text.char_indices().chain([(text.len(), ' ')]) {
                match (is_letter_or_mark(c), start) {
                    (true, None) => start = Some(at),
                    (false, Some(s)) => {
                        expected.push((s, at));
                        start = None;
                    }
                    _ => {}
                }
            }
            assert_eq!(word_spans(text).collect::<Vec<_>>(), expected, "{text:?}");
        }
    }

    #[test]
    fn undefined_acronyms_are_reported_once() {
        let text = "Your RMA is in the L2 queue. The RMA ships when QA is done.";
        let hits = shapes(text);
        assert_eq!(spans(text, &hits.acronyms), ["RMA", "QA"]);
    }

    #[test]
    fn acronyms_are_found_alike_however_many_caps_words_a_text_has() {
        // Up to `CapsWords::ROOM` caps words are kept for the acronym pass, past it every
        // word is gone through again: the findings are the same either way.
        let everyday = everyday();
        for count in [
            1,
            CapsWords::ROOM - 1,
            CapsWords::ROOM,
            CapsWords::ROOM + 1,
            3 * CapsWords::ROOM,
        ] {
            let acronyms: Vec<String> = (0..count)
                .map(|i| {
                    format!(
                        "Q{}{}",
                        char::from(b'A' + (i / 26) as u8),
                        char::from(b'A' + (i % 26) as u8)
                    )
                })
                .collect();
            assert!(acronyms.iter().all(|a| !everyday.contains(a)));
            let mut text = String::new();
            for (i, acronym) in acronyms.iter().enumerate() {
                text += &format!("the {acronym} form, ");
                if i == count / 2 {
                    text += "DO NOT WAIT, ";
                }
            }
            // Defined at the end, so not reported where it came first.
            text += &format!("and by {} we mean (QAA).", acronyms[0]);
            let expected: Vec<&str> = acronyms.iter().skip(1).map(String::as_str).collect();
            let hits = shapes(&text);
            assert_eq!(spans(&text, &hits.acronyms), expected, "{count} acronyms");
            assert_eq!(spans(&text, &hits.shouting), ["DO NOT WAIT"], "{count} acronyms");
        }
    }

    #[test]
    fn defined_acronyms_are_not_reported() {
        let text =
            "Your return authorisation (RMA) is ready. SLA (service level agreement) applies. RMA again.";
        assert!(shapes(text).acronyms.is_empty());
    }

    #[test]
    fn everyday_acronyms_are_not_reported() {
        let text = "Send the PDF by SMS, OK?";
        assert!(shapes(text).acronyms.is_empty());
    }

    #[test]
    fn decomposed_accents_match_the_everyday_list() {
        let everyday: FxHashSet<String> = ["ÁSZF".to_string()].into_iter().collect();
        let decomposed: String = "Az ÁSZF-et csatoltam.".nfd().collect();
        assert!(find(&decomposed, &everyday, normalize(&decomposed).pairs())
            .acronyms
            .is_empty());
    }

    #[test]
    fn decomposed_capitals_still_make_a_caps_word() {
        // In NFD a combining accent stands between "É" and the next capital.
        let text: String = "Az ÉMÁSZ ügyfélszáma kell.".nfd().collect();
        let expected: String = "ÉMÁSZ".nfd().collect();
        assert_eq!(spans(&text, &shapes(&text).acronyms), [expected]);
    }

    #[test]
    fn words_are_judged_in_nfc() {
        // "ῼ" is a titlecase letter; in NFD it is a capital omega and a combining mark.
        let nfd: String = "ῼϒ".nfd().collect();
        assert!(shapes("ῼϒ").acronyms.is_empty());
        assert!(shapes(&nfd).acronyms.is_empty());
    }

    #[test]
    fn text_without_two_capitals_together_has_no_caps_words() {
        let text = "Dear Anna, As I said, Your Order Is Here. A B C D!";
        let hits = shapes(text);
        assert!(hits.acronyms.is_empty() && hits.shouting.is_empty());
    }

    #[test]
    fn cyrillic_acronyms_count() {
        let text = "Укажите ваш СНИЛС.";
        assert_eq!(spans(text, &shapes(text).acronyms), ["СНИЛС"]);
    }

    #[test]
    fn shouting_is_three_caps_words_in_a_row() {
        let text = "PLEASE DO NOT call again. The FAQ is OK.";
        let hits = shapes(text);
        assert_eq!(spans(text, &hits.shouting), ["PLEASE DO NOT"]);
        assert!(
            hits.acronyms.is_empty(),
            "words in a shouting run are not acronyms"
        );
    }

    #[test]
    fn two_caps_words_are_not_shouting() {
        assert!(shapes("Check the RMA FORM please.").shouting.is_empty());
    }

    #[test]
    fn punctuation_runs() {
        let text = "Really?! Yes!! Fine! ok？？ لماذا؟؟";
        assert_eq!(
            spans(text, &shapes(text).punctuation_runs),
            ["?!", "!!", "？？", "؟؟"]
        );
    }

    #[test]
    fn single_letters_and_codes_are_not_acronyms() {
        let text = "I am in queue L2, error E404, plan 4G.";
        assert!(shapes(text).acronyms.is_empty());
    }
}
