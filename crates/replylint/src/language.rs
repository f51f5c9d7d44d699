//! Telling which language a message is in: its dominant script, then the stop words of each
//! lexicon of that script. No model, no data beyond the lexicons themselves.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, OnceLock};

use rustc_hash::{FxHashMap, FxHashSet};

use crate::lexicon::{Lexicon, PatternWords};
use unicode_normalization::char::is_combining_mark;

use crate::normalize::{is_letter_or_mark, is_word_char, normalize};

/// Only the start of a long text is looked at: a few kilobytes say which language it is in.
const SAMPLE_BYTES: usize = 4096;

/// The longest stop word [`Detector::group_of`] looks for, in bytes: the longest built-in
/// one is 30 (Tamil "உங்களுக்கு"); a longer one of a lexicon of your own only goes unused
/// in the guess.
const MAX_STOPWORD_BYTES: usize = 32;

/// How much of a text [`Detector::group_of`] looks at: a sentence or so, whose stop words
/// mostly tell its language.
const GROUP_SAMPLE_BYTES: usize = 64;

/// Writing systems, as far as telling lexicons apart needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Script {
    Latin,
    Cyrillic,
    Greek,
    Arabic,
    Hebrew,
    Devanagari,
    Bengali,
    Tamil,
    Thai,
    Han,
    Kana,
    Hangul,
    Other,
}

fn script_of(c: char) -> Script {
    match c {
        'a'..='z' | 'A'..='Z' | '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' => Script::Latin,
        '\u{0370}'..='\u{03FF}' => Script::Greek,
        '\u{0400}'..='\u{052F}' => Script::Cyrillic,
        '\u{0590}'..='\u{05FF}' => Script::Hebrew,
        '\u{0600}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}' => Script::Arabic,
        '\u{0900}'..='\u{097F}' => Script::Devanagari,
        '\u{0980}'..='\u{09FF}' => Script::Bengali,
        '\u{0B80}'..='\u{0BFF}' => Script::Tamil,
        '\u{0E00}'..='\u{0E7F}' => Script::Thai,
        '\u{3040}'..='\u{30FF}' => Script::Kana,
        '\u{AC00}'..='\u{D7AF}' | '\u{1100}'..='\u{11FF}' => Script::Hangul,
        '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' => Script::Han,
        _ => Script::Other,
    }
}

/// The script most letters of `text` are written in.
fn dominant_script(text: &str) -> Option<Script> {
    let mut counts: HashMap<Script, usize> = HashMap::new();
    for c in text
        .chars()
        .filter(|&c| is_letter_or_mark(c) && !is_combining_mark(c))
    {
        *counts.entry(script_of(c)).or_default() += 1;
    }
    counts.remove(&Script::Other);
    counts
        .into_iter()
        .max_by_key(|&(script, n)| (n, std::cmp::Reverse(script as u8)))
        .map(|(s, _)| s)
}

#[derive(Debug)]
struct Profile {
    code: String,
    script: Option<Script>,
    stopwords: FxHashSet<String>,
    /// Letters of this lexicon that no other lexicon of its script uses (Ukrainian `і ї є ґ`
    /// beside Russian): each one in a text is evidence for it.
    own_letters: FxHashSet<char>,
    /// The letters and the longer words of its patterns ("politique", "aziendale"): in a
    /// short reply, often the only clue besides a shared "la" or "de".
    words: Arc<PatternWords>,
}

/// Tells the language of a message among a set of lexicons.
#[derive(Debug)]
pub(crate) struct Detector {
    profiles: Vec<Profile>,
    /// For each stop word's [key](word_key), the first 64 profiles that have it, one bit
    /// each, for [`Detector::group_of`]: made on first use, as only batches need it.
    stopword_profiles: OnceLock<FxHashMap<u64, u64>>,
}

/// A word's key in [`Detector::stopword_profiles`]: a hash of its bytes, ASCII letters
/// lowercased, taken a byte at a time so that the start of a text is looked up as it is read,
/// neither normalised nor cut into words first (a capitalised word of another script is
/// missed, and two words that share a key blur a guess; neither changes what is reported).
#[derive(Clone, Copy, Default)]
struct WordKey {
    hash: u64,
    len: usize,
}

/// Each byte as [`WordKey`] takes it: ASCII letters lowercased, other bytes of a word as they
/// are, and 0 for the ASCII punctuation, spaces and controls that part words (a byte of
/// another script is part of a word, as most are letters).
static KEY_BYTES: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        if !byte.is_ascii() || byte.is_ascii_alphanumeric() {
            table[b] = byte.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

impl WordKey {
    /// Adds a word's next byte, as [`KEY_BYTES`] gives it.
    fn push(&mut self, key_byte: u8) {
        // FxHash's multiplier, over one byte at a time.
        self.hash = (self.hash.rotate_left(5) ^ u64::from(key_byte)).wrapping_mul(0xf135_7aea_2e62_a9c5);
        self.len += 1;
    }

    /// `None` for no word, or one of more than [`MAX_STOPWORD_BYTES`].
    fn key(self) -> Option<u64> {
        (1..=MAX_STOPWORD_BYTES).contains(&self.len).then_some(self.hash)
    }
}

fn word_key(word: &[u8]) -> Option<u64> {
    let mut key = WordKey::default();
    word.iter().for_each(|&b| key.push(KEY_BYTES[usize::from(b)]));
    key.key()
}

impl Detector {
    pub fn new<'a>(lexicons: impl IntoIterator<Item = &'a Lexicon>) -> Detector {
        let mut profiles: Vec<Profile> = lexicons
            .into_iter()
            .map(|l| {
                let words = l.pattern_words();
                Profile {
                    code: l.language().code.clone(),
                    script: dominant_script(&words.letters.iter().collect::<String>()),
                    stopwords: l.language().stopwords.iter().cloned().collect(),
                    own_letters: FxHashSet::default(),
                    words,
                }
            })
            .collect();
        for i in 0..profiles.len() {
            let others: FxHashSet<char> = profiles
                .iter()
                .enumerate()
                .filter(|(j, p)| *j != i && p.script == profiles[i].script)
                .flat_map(|(_, p)| p.words.letters.iter().copied())
                .collect();
            let own = profiles[i]
                .words
                .letters
                .iter()
                .filter(|c| !others.contains(c))
                .copied()
                .collect();
            profiles[i].own_letters = own;
        }
        Detector {
            profiles,
            stopword_profiles: OnceLock::new(),
        }
    }

    /// A quick guess at a text's language, to put texts in one language next to each other
    /// when many are analysed: the lexicon with the most stop words among the text's first
    /// [`GROUP_SAMPLE_BYTES`], or, when none has one, a group by the first byte there outside
    /// ASCII, which starts the characters of a script or two. Not [`Detector::detect`],
    /// which looks further and at more than stop words, costs more than the analysis of a
    /// short reply, and decides what is reported: a wrong guess here only costs time.
    pub fn group_of(&self, text: &str) -> usize {
        let stopword_profiles = self.stopword_profiles.get_or_init(|| {
            let mut map: FxHashMap<u64, u64> = FxHashMap::default();
            for (i, p) in self.profiles.iter().enumerate().take(64) {
                for key in p.stopwords.iter().filter_map(|w| word_key(w.as_bytes())) {
                    *map.entry(key).or_default() |= 1 << i;
                }
            }
            map
        });
        let sample = &text.as_bytes()[..text.len().min(GROUP_SAMPLE_BYTES)];
        let mut votes = [0u8; 64];
        // The profiles with a vote: a text's words vote for one or two of them, and the
        // search for the most voted looks at those alone.
        let mut voted = 0u64;
        let mut vote = |word: WordKey| {
            let mut profiles = word
                .key()
                .and_then(|key| stopword_profiles.get(&key))
                .copied()
                .unwrap_or(0);
            voted |= profiles;
            while profiles != 0 {
                votes[profiles.trailing_zeros() as usize] += 1;
                profiles &= profiles - 1;
            }
        };
        let mut word = WordKey::default();
        for &b in sample {
            match KEY_BYTES[usize::from(b)] {
                0 => vote(std::mem::take(&mut word)),
                key_byte => word.push(key_byte),
            }
        }
        vote(word);
        // The first of the most voted, if any has a vote.
        let (mut best, mut most) = (None, 0);
        while voted != 0 {
            let p = voted.trailing_zeros() as usize;
            if votes[p] > most {
                (best, most) = (Some(p), votes[p]);
            }
            voted &= voted - 1;
        }
        best.unwrap_or_else(|| {
            self.profiles.len()
                + sample
                    .iter()
                    .find(|b| !b.is_ascii())
                    .map_or(0, |&b| usize::from(b))
        })
    }

    /// The language of an already normalised text: the lexicon of the text's dominant script
    /// with the most stop words, pattern words and letters of its own in it, or the only
    /// lexicon of that script. `None` when no
    /// lexicon is written in that script, or several are and no stop word tells them apart.
    pub fn detect(&self, normalized: &str) -> Option<&str> {
        let mut end = normalized.len().min(SAMPLE_BYTES);
        while !normalized.is_char_boundary(end) {
            end -= 1;
        }
        let sample = &normalized[..end];
        let script = dominant_script(sample)?;
        let candidates: Vec<&Profile> = self
            .profiles
            .iter()
            .filter(|p| p.script == Some(script))
            .collect();
        let words: Vec<&str> = sample
            .split(|c: char| !is_word_char(c))
            .filter(|w| !w.is_empty())
            .collect();
        let hits = |p: &Profile| {
            words
                .iter()
                .filter(|w| p.stopwords.contains(**w) || p.words.vocabulary.contains(**w))
                .count()
                + sample.chars().filter(|c| p.own_letters.contains(c)).count()
        };
        let best = candidates
            .iter()
            .map(|p| (hits(p), *p))
            .max_by_key(|(n, p)| (*n, std::cmp::Reverse(p.code.as_str())));
        match best {
            Some((0, _)) if candidates.len() > 1 => None,
            Some((_, p)) => Some(p.code.as_str()),
            None => None,
        }
    }
}

impl Detector {
    /// The language of a raw text, from its first few kilobytes.
    pub fn detect_text(&self, text: &str) -> Option<&str> {
        let mut cut = text.len().min(SAMPLE_BYTES * 2);
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        self.detect(normalize(&text[..cut]).as_str())
    }
}

static BUILTIN_DETECTOR: LazyLock<Detector> = LazyLock::new(|| Detector::new(crate::builtin_lexicons()));

/// The dominant language of a message among the built-in lexicons, as an ISO 639 code:
/// the script it is written in, then, among the lexicons of that script, the one whose stop
/// words and pattern words occur most often, letters only it uses counting too (Ukrainian
/// `і ї є ґ` beside Russian).
/// `None` when the text gives no clue (no letters, or an unknown script, or no stop word to
/// tell two languages of one script apart).
///
/// ```
/// use replylint::detect_language;
///
/// assert_eq!(detect_language("Thank you for your patience, we are looking into it."), Some("en"));
/// assert_eq!(detect_language("👍"), None);
/// ```
pub fn detect_language(text: &str) -> Option<&'static str> {
    BUILTIN_DETECTOR.detect_text(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts() {
        assert_eq!(dominant_script("hello мир мир"), Some(Script::Cyrillic));
        assert_eq!(dominant_script("நிறுவனத்தின் கொள்கை"), Some(Script::Tamil));
        assert_eq!(dominant_script("سیاست شرکت"), Some(Script::Arabic));
        assert_eq!(dominant_script("123 !!"), None);
    }

    #[test]
    fn letters_of_its_own_tell_ukrainian_from_russian() {
        assert_eq!(
            detect_language("Я вам уже пояснювала: доставка платна і займає три дні."),
            Some("uk")
        );
        assert_eq!(
            detect_language("Я вам уже объясняла, доставка платная."),
            Some("ru")
        );
    }

    #[test]
    fn short_replies_are_told_by_their_pattern_words() {
        let cases = [
            ("fr", "Désolé, c'est la politique de l'entreprise."),
            ("it", "Mi dispiace, è la politica aziendale."),
            ("es", "Lo siento, es la política de la empresa."),
            ("pt", "Desculpe, é a política da empresa."),
            ("tl", "Pasensya na po, patakaran ng kumpanya."),
        ];
        for (code, reply) in cases {
            assert_eq!(detect_language(reply), Some(code), "{reply}");
        }
    }

    #[test]
    fn texts_are_grouped_by_the_stop_words_of_their_start() {
        let detector = &*BUILTIN_DETECTOR;
        let group = |text: &str| detector.group_of(text);
        let code = |text: &str| detector.profiles.get(group(text)).map(|p| p.code.as_str());
        assert_eq!(
            code("Thank you for your patience, we are looking into it."),
            Some("en")
        );
        assert_eq!(
            code("Nous sommes désolés, c'est la politique de l'entreprise."),
            Some("fr")
        );
        assert_eq!(code("Я вам уже объясняла, доставка платная."), Some("ru"));
        // ASCII capitals count as their lowercase.
        assert_eq!(code("THANK YOU FOR YOUR PATIENCE, WE ARE ON IT."), Some("en"));
        // Only the start counts: a long text is grouped by its first sentence.
        let long = format!(
            "Thank you for your patience, we are looking into it and will write back. {}",
            "Das ist nicht meine Abteilung. ".repeat(20)
        );
        assert_eq!(code(&long), Some("en"));
        // No stop word: a group by the first byte outside ASCII, the same for texts in ASCII
        // alone, another for those with an emoji.
        assert_eq!(code("Zzyzx qwrt!"), None);
        assert_eq!(group("Zzyzx qwrt!"), group("Blorp fnord."));
        assert_ne!(group("Zzyzx qwrt!"), group("12345 👍"));
    }

    #[test]
    fn every_built_in_stop_word_can_be_looked_for() {
        for profile in &BUILTIN_DETECTOR.profiles {
            for word in &profile.stopwords {
                assert!(word_key(word.as_bytes()).is_some(), "{}: {word}", profile.code);
            }
        }
    }

    #[test]
    fn a_text_without_letters_has_no_language() {
        assert_eq!(detect_language("12345 👍 !!"), None);
        assert_eq!(detect_language(""), None);
    }
}
