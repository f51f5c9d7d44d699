//! Normalisation: one pass that turns a reply into the form patterns are written in, and
//! remembers where every byte came from. On the way it notes whether the reply has two
//! capitals or two of `!`/`?` side by side, which the shape rules look for.
//!
//! Both the text and every lexicon pattern go through [`normalize`], so a pattern matches
//! however the customer's keyboard spelled it:
//!
//! * Unicode NFC (text that is already NFC, nearly all of it, skips the rewrite);
//! * lowercase, for every script;
//! * curly quotes and apostrophes (`’ ‘ ‚ ‛ ′ ʼ`) become `'`; `“ ” „ ‟ ″ « » ‹ ›` become `"`;
//! * every run of whitespace becomes one space; hyphens and dashes (`‐ ‑ ‒ – — ―`, minus)
//!   become `-`;
//! * Russian `ё` becomes `е`; Hungarian `õ`/`û` (a common mistyping) become `ő`/`ű`;
//! * Turkish `İ` and `ı` become `i` (so capitals and dotless-i typing match); German `ß`
//!   becomes `ss`;
//! * Arabic hamza-alef forms (`أ إ ٱ`) become `ا`, hamza-waw `ؤ` becomes `و`, and the
//!   precomposed Persian `ۀ` and the Arabic ta marbuta `ة` become `ه` (chat writes them so);
//! * Arabic yeh and kaf (`ي ى ك`) become the Persian letters (`ی ک`); tatweel, harakat,
//!   the zero-width non-joiner, soft hyphens and byte-order marks are removed;
//! * Persian and Arabic-Indic digits become ASCII digits.

use rustc_hash::FxHashMap;

use crate::heuristics::{is_run_punctuation, PairScan, Pairs, PairsAround};
use crate::search::WordStarts;
use crate::swar;
use std::borrow::Cow;
use std::sync::OnceLock;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
use unicode_segmentation::UnicodeSegmentation;

/// A normalised text and the map from its bytes back to the original.
#[derive(Debug, Clone)]
pub struct Normalized {
    text: String,
    /// For each byte of `text`, the byte offset in the original where its source starts.
    /// Empty while every character kept its length and place (the common case), in which
    /// case offsets are the same in both texts.
    origins: Vec<u32>,
    /// The original's capitals and punctuation marks of runs in pairs, when the pass that
    /// made the text saw them all (it does unless the original was not in NFC).
    pairs: Option<Pairs>,
}

impl Normalized {
    /// The normalised text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Which of the shape rules' pairs stand in the original text, if known.
    pub(crate) fn pairs(&self) -> Option<Pairs> {
        self.pairs
    }

    /// Maps the normalised span `start..end` (on char boundaries, not empty) back to the
    /// original text it was made from. The end is extended over combining marks that
    /// follow in the original, so a span never separates a letter from its marks.
    pub fn original_span(&self, original: &str, start: usize, end: usize) -> (usize, usize) {
        debug_assert!(start < end && end <= self.text.len());
        let (orig_start, mut orig_end) = if self.origins.is_empty() {
            (start, end)
        } else {
            // Bytes mapped before the first change map to themselves, not to their char's start.
            let mut last = self.origins[end - 1] as usize;
            while !original.is_char_boundary(last) {
                last -= 1;
            }
            let last_len = original[last..].chars().next().map_or(0, char::len_utf8);
            (self.origins[start] as usize, last + last_len)
        };
        for c in original[orig_end..].chars() {
            if !is_mark(c) {
                break;
            }
            orig_end += c.len_utf8();
        }
        (orig_start, orig_end)
    }
}

impl Normalized {
    /// The normalised text made from the original's bytes `start..end` (each on a character
    /// boundary of the original, and where no character is composed across it, as at a
    /// sentence's edges).
    pub fn range_of(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        // No map: the identity, or nothing left (a text of characters that fold to nothing).
        if self.origins.is_empty() {
            let len = self.text.len();
            return start.min(len)..end.min(len);
        }
        let at = |offset: usize| self.origins.partition_point(|&origin| (origin as usize) < offset);
        at(start)..at(end)
    }

    /// The text with `edits` applied (byte ranges of this text, in order, not overlapping, each
    /// with what replaces it), keeping the map back to the original. Bytes of a replacement map
    /// to the start of what they replace, but the last, which maps to its last character, so a
    /// match ending there ends with the word it replaced.
    pub(crate) fn rewrite<'r>(&self, edits: impl IntoIterator<Item = (usize, usize, &'r str)>) -> Normalized {
        let text = self.text.as_str();
        let origin = |i: usize| {
            if self.origins.is_empty() {
                to_u32(i)
            } else {
                self.origins[i]
            }
        };
        // The map of the bytes `from..to`, kept as they were.
        let kept = |origins: &mut Vec<u32>, from: usize, to: usize| {
            if self.origins.is_empty() {
                origins.extend(offsets(from, to));
            } else {
                origins.extend_from_slice(&self.origins[from..to]);
            }
        };
        let mut out = Normalized {
            text: String::with_capacity(text.len()),
            origins: Vec::with_capacity(text.len()),
            pairs: self.pairs,
        };
        let mut at = 0;
        for (start, end, replacement) in edits {
            out.text.push_str(&text[at..start]);
            kept(&mut out.origins, at, start);
            if !replacement.is_empty() {
                out.text.push_str(replacement);
                out.origins
                    .extend(std::iter::repeat_n(origin(start), replacement.len() - 1));
                out.origins.push(origin(end - 1));
            }
            at = end;
        }
        out.text.push_str(&text[at..]);
        kept(&mut out.origins, at, text.len());
        out
    }
}

/// Normalises `text` (see the [module docs](self)).
///
/// ```
/// use replylint::normalize::normalize;
///
/// let n = normalize("It’s   COMPANY policy");
/// assert_eq!(n.as_str(), "it's company policy");
/// // "policy" in the normalised text comes from "policy" in the original.
/// assert_eq!(n.original_span("It’s   COMPANY policy", 13, 19), (17, 23));
/// ```
pub fn normalize(text: &str) -> Normalized {
    if text.is_ascii() {
        normalize_ascii(text)
    } else {
        normalize_unicode(text)
    }
}

/// [`normalize`] for any text.
fn normalize_unicode(text: &str) -> Normalized {
    let (out, pairs) = match fold_composed(text) {
        Some((out, pairs)) => (out, Some(pairs)),
        None => (fold_clusters(text), None),
    };
    Normalized {
        text: out.text,
        origins: out.origins,
        pairs,
    }
}

/// Folds a text in NFC character by character, finding its [`Pairs`] on the way; `None`
/// when it is not in NFC, which is only checked around the characters that are not
/// [composed](is_composed): most texts have none.
fn fold_composed(text: &str) -> Option<(Builder, Pairs)> {
    let mut out = Builder {
        text: String::with_capacity(text.len()),
        origins: Vec::new(),
    };
    // Runs of plain characters hold no capital and no punctuation mark of runs: each of
    // those is taken below.
    let mut pairs = PairsAround::default();
    // The text before this byte is known to be in NFC.
    let mut checked = 0;
    let mut i = 0;
    while i < text.len() {
        // A run of characters that stay as they are (a word, mostly) is copied at once.
        let run = plain_run(text, i);
        if run > i {
            out.copy(text, i, run);
            i = run;
            continue;
        }
        let (c, len) = char_at(text, i);
        if i >= checked && !is_composed(c) {
            // The character before is composed (or there is none): the check before this one
            // went up to the next composed character. Between two composed characters, one
            // that the quick check passes is in NFC; most marks of Indic scripts stand so.
            checked = if in_class(c, NFC_QUICK_YES) && composed_or_end(text, i + len) {
                i + len
            } else {
                let segment = nfc_segment(text, i);
                if !is_nfc_segment(&text[segment.clone()]) {
                    return None;
                }
                segment.end
            };
        }
        pairs.take(text, i, c);
        out.push(c, i, i + len);
        i += len;
    }
    Some((out, pairs.pairs()))
}

/// The bytes of `text` around the character at `at` that NFC rewrites, if anything, without
/// looking further: from the last [composed](is_composed) character at or before it to the
/// next one after it. Nothing composes with a composed character that comes before it or
/// is reordered across it, so a text is in NFC when each of these stretches is.
fn nfc_segment(text: &str, at: usize) -> std::ops::Range<usize> {
    let after = at + utf8_len(text.as_bytes()[at]);
    let start = text[..after]
        .char_indices()
        .rev()
        .find(|&(_, c)| is_composed(c))
        .map_or(0, |(i, _)| i);
    let end = text[after..]
        .char_indices()
        .find(|&(_, c)| is_composed(c))
        .map_or(text.len(), |(i, _)| after + i);
    start..end
}

/// True when the character at byte `at` of `text` is [composed](is_composed), or `at` is its end.
fn composed_or_end(text: &str, at: usize) -> bool {
    match bmp_code_at(text.as_bytes(), at) {
        Some((code, _)) => in_bmp_class(code, COMPOSED),
        None => at == text.len() || is_composed(char_at(text, at).0),
    }
}

/// True when the stretch `segment` is in NFC. The quick check answers "maybe" for the
/// characters that may compose with the one before (as Tamil "ா" does); composing the stretch
/// then tells.
fn is_nfc_segment(segment: &str) -> bool {
    is_nfc_by_quick_check(segment) || segment.chars().eq(segment.nfc())
}

/// Folds a text that is not in NFC. Composition never crosses a grapheme cluster, so each
/// cluster is rewritten on its own and all of its output maps to the cluster's start.
fn fold_clusters(text: &str) -> Builder {
    let mut out = Builder {
        text: String::with_capacity(text.len()),
        origins: Vec::new(),
    };
    for (i, cluster) in text.grapheme_indices(true) {
        // Most clusters are composed already and stay as they are.
        if cluster.chars().all(is_composed) {
            for c in cluster.chars() {
                out.push(c, i, i + cluster.len());
            }
        } else {
            for c in cluster.nfc() {
                out.push(c, i, i + cluster.len());
            }
        }
    }
    out
}

/// Where the run of characters that [`normalize`] leaves as they are, starting at byte `from`
/// of `text`, ends: [plain](PLAIN) characters (ASCII by a table, the rest by the bitmap),
/// and single spaces between them, which no whitespace folds into.
fn plain_run(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    let mut at = from;
    while let Some((code, len)) = bmp_code_at(bytes, at) {
        let plain = match u8::try_from(code) {
            Ok(byte) if byte.is_ascii() => {
                ASCII_PLAIN[usize::from(byte)] || (byte == b' ' && at > from && bytes[at - 1] != b' ')
            }
            _ => in_bmp_class(code, PLAIN),
        };
        if !plain {
            break;
        }
        at += len;
    }
    at
}

/// Which ASCII characters are [plain](PLAIN): all but capitals, whitespace, the backtick
/// and the punctuation marks of runs.
static ASCII_PLAIN: [bool; 128] = {
    let mut table = [false; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = !(c.is_ascii_uppercase()
            || matches!(
                c,
                b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r' | b' ' | b'`' | b'!' | b'?'
            ));
        b += 1;
    }
    table
};

/// [`normalize`] for ASCII text, which is most replies: byte by byte, the origins left empty
/// (the identity) unless whitespace was folded away.
fn normalize_ascii(text: &str) -> Normalized {
    let bytes = text.as_bytes();
    // Most replies have no whitespace but single spaces and no backtick: lowercasing them is
    // all there is to do. One pass tells, eight bytes at a time: other whitespace (tab to
    // carriage return), a backtick, or a space after a space. It finds the text's pairs too.
    let (mut folds, mut last_space) = (0, 0);
    let mut pairs = PairScan::default();
    for word in swar::words(bytes) {
        folds |= swar::ascii_between(word, b'\t', b'\r')
            | swar::equal(word, b'`')
            | swar::after_same(swar::equal(word, b' '), &mut last_space);
        pairs.ascii_word(word);
    }
    let pairs = Some(pairs.pairs());
    if folds == 0 {
        return Normalized {
            text: text.to_ascii_lowercase(),
            origins: Vec::new(),
            pairs,
        };
    }
    let mut out: Vec<u8> = Vec::with_capacity(text.len());
    let mut origins: Vec<u32> = Vec::new();
    for (i, &b) in bytes.iter().enumerate() {
        let folded = match b {
            b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r' if out.last() == Some(&b' ') => {
                if origins.is_empty() {
                    origins.extend(offsets(0, out.len()));
                }
                continue;
            }
            b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r' => b' ',
            b'`' => b'\'',
            _ => b.to_ascii_lowercase(),
        };
        out.push(folded);
        if !origins.is_empty() {
            origins.push(to_u32(i));
        }
    }
    Normalized {
        text: String::from_utf8(out).expect("ASCII folds to ASCII"),
        origins,
        pairs,
    }
}

/// A set of words found where they stand whole in a text: what looking up every run of
/// [word characters](is_word_char) in the set finds, by one anchored search from each place a
/// word may start instead of hashing every word.
#[derive(Clone, Debug, Default)]
struct WholeWords {
    /// The distinct words, in the order given.
    words: Vec<String>,
    /// The words made only of word characters (no other can stand whole), when any is.
    search: Option<WordStarts>,
    /// For each pattern of `search`, its index in `words`.
    index: Vec<usize>,
}

impl WholeWords {
    fn new(mut words: Vec<String>) -> WholeWords {
        let mut seen = rustc_hash::FxHashSet::default();
        words.retain(|w| seen.insert(w.clone()));
        let (index, searchable): (Vec<usize>, Vec<&String>) = words
            .iter()
            .enumerate()
            .filter(|(_, w)| can_stand_whole(w))
            .unzip();
        let (search, index) = if searchable.is_empty() {
            (None, Vec::new())
        } else {
            let (search, numbers) =
                WordStarts::new(&searchable).expect("a few short words fit in an automaton");
            // By the numbers the search finds them by.
            let mut by_number = vec![0; index.len()];
            for (&number, &i) in numbers.iter().zip(&index) {
                by_number[number as usize] = i;
            }
            (Some(search), by_number)
        };
        WholeWords { words, search, index }
    }

    /// The word with this index.
    fn word(&self, index: usize) -> &str {
        &self.words[index]
    }

    /// The words that can stand whole, which [`WholeWords::find`] looks for.
    fn searched(&self) -> impl Iterator<Item = &str> {
        self.index.iter().map(|&i| self.words[i].as_str())
    }

    /// The byte ranges of the set's words standing whole in `text`, with each one's index.
    fn find(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let mut found = Vec::new();
        if let Some(search) = &self.search {
            search.find(text, |pattern, start, end| {
                if stands_whole(text, start, end) {
                    found.push((start, end, self.index[pattern]));
                }
            });
        }
        found
    }
}

/// True for a word that can stand whole in a text: one made only of word characters.
fn can_stand_whole(word: &str) -> bool {
    !word.is_empty() && word.chars().all(is_word_char)
}

/// True when `text[start..end]` joins no word character on either side.
pub(crate) fn stands_whole(text: &str, start: usize, end: usize) -> bool {
    let joined_before = text[..start].chars().next_back().is_some_and(is_word_char);
    let joined_after = text[end..].chars().next().is_some_and(is_word_char);
    !joined_before && !joined_after
}

/// Spelling variants that some languages need (`word_variants` of the active lexicons, such as
/// Tagalog `nang` → `ng`): each variant becomes its canonical word, in text and patterns
/// alike, after [`normalize`].
#[derive(Clone, Debug, Default)]
pub(crate) struct WordFolds {
    variants: FxHashMap<String, String>,
    /// The search for the variants, made on first use after the last [`WordFolds::add`].
    search: OnceLock<WholeWords>,
}

impl WordFolds {
    /// The folds of one lexicon's language.
    pub fn of(language: &crate::lexicon::Language) -> WordFolds {
        let mut folds = WordFolds::default();
        folds.add(language.word_variants.iter().map(|(v, c)| (v, c)));
        folds
    }

    /// Adds one lexicon's variants (already normalised).
    pub fn add<'a>(&mut self, variants: impl IntoIterator<Item = (&'a String, &'a String)>) {
        self.variants
            .extend(variants.into_iter().map(|(k, v)| (k.clone(), v.clone())));
        self.search = OnceLock::new();
    }

    /// The search for the variants, made now if it was not yet.
    fn search(&self) -> &WholeWords {
        self.search
            .get_or_init(|| WholeWords::new(self.variants.keys().cloned().collect()))
    }

    /// The variants that can stand whole in a text, the only ones [`WordFolds::apply`] folds,
    /// each with its canonical word.
    pub fn variant_words(&self) -> impl Iterator<Item = (&str, &str)> {
        self.variants
            .iter()
            .map(|(variant, canonical)| (variant.as_str(), canonical.as_str()))
            .filter(|(variant, _)| can_stand_whole(variant))
    }

    /// Folds a pattern literal as written (it is normalised first).
    pub fn apply_literal(&self, literal: &str) -> String {
        self.apply(normalize(literal)).text.trim().to_string()
    }

    /// Folds a literal that is already normalised; borrowed when no fold applies, which is
    /// nearly always.
    pub fn apply_normalized_literal<'a>(&self, literal: &'a str) -> Cow<'a, str> {
        if self.replacements(literal).is_empty() {
            return Cow::Borrowed(literal);
        }
        let n = Normalized {
            text: literal.to_string(),
            origins: Vec::new(),
            pairs: None,
        };
        Cow::Owned(self.apply(n).text.trim().to_string())
    }

    /// The words of `text` to replace: byte range and canonical form.
    fn replacements<'s>(&'s self, text: &str) -> Vec<(usize, usize, &'s str)> {
        if self.variants.is_empty() {
            return Vec::new();
        }
        let search = self.search();
        search
            .find(text)
            .into_iter()
            .map(|(s, e, word)| (s, e, self.variants[search.word(word)].as_str()))
            .collect()
    }

    /// Folds a normalised text, keeping its map back to the original.
    pub fn apply(&self, n: Normalized) -> Normalized {
        let replacements = self.replacements(n.as_str());
        if replacements.is_empty() {
            return n;
        }
        n.rewrite(replacements)
    }
}

/// Words that may stand anywhere in one language's phrases (Tagalog `po`, `ho`): removed from
/// that language's patterns and from the copy of the text they are matched against.
#[derive(Clone, Debug, Default)]
pub(crate) struct Particles {
    words: WholeWords,
}

impl PartialEq for Particles {
    fn eq(&self, other: &Particles) -> bool {
        self.words.words == other.words.words
    }
}

impl Particles {
    /// The particles of one lexicon (already normalised), in a canonical order.
    pub fn new(words: &[String]) -> Particles {
        let mut words = words.to_vec();
        words.sort();
        words.dedup();
        Particles {
            words: WholeWords::new(words),
        }
    }

    /// The byte ranges of the particles in `text`.
    fn find(&self, text: &str) -> Vec<(usize, usize)> {
        self.words
            .find(text)
            .into_iter()
            .map(|(s, e, _)| (s, e))
            .collect()
    }

    /// Removes the particles from a normalised literal.
    pub fn apply_literal(&self, literal: &str) -> String {
        if self.find(literal).is_empty() {
            return literal.to_string();
        }
        let n = Normalized {
            text: literal.to_string(),
            origins: Vec::new(),
            pairs: None,
        };
        self.apply(&n)
            .map_or_else(|| literal.to_string(), |n| n.text.trim().to_string())
    }

    /// The particles that can stand whole in a text, the only ones [`Particles::apply`]
    /// removes.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.words.searched()
    }

    /// The normalised text without its particles, each with the space after it (or before it,
    /// at the very end), keeping the map back to the original; `None` when it has none.
    pub fn apply(&self, n: &Normalized) -> Option<Normalized> {
        Particles::remove(n, self.find(n.as_str()))
    }

    /// [`Particles::apply`], given where the particles stand whole in `n`, by start.
    pub fn remove(n: &Normalized, found: Vec<(usize, usize)>) -> Option<Normalized> {
        let text = n.as_str();
        if found.is_empty() {
            return None;
        }
        let mut at = 0;
        let cuts: Vec<(usize, usize, &str)> = found
            .into_iter()
            .map(|(start, end)| {
                let cut = if text[end..].starts_with(' ') {
                    (start, end + 1, "")
                } else if start > at && text[..start].ends_with(' ') {
                    (start - 1, end, "")
                } else {
                    (start, end, "")
                };
                at = cut.1;
                cut
            })
            .collect();
        Some(n.rewrite(cuts))
    }
}

/// Normalises a pattern literal the same way as text, for the automaton.
pub(crate) fn normalize_literal(literal: &str) -> String {
    normalize(literal).text.trim().to_string()
}

/// `literal` without its accents (combining marks after NFD), when it has any.
pub(crate) fn strip_accents(literal: &str) -> Option<String> {
    let stripped: String = literal.nfd().filter(|&c| !is_combining_mark(c)).nfc().collect();
    (stripped != literal).then_some(stripped)
}

/// True for characters that are part of a word: letters, digits and combining marks (so a
/// Tamil vowel sign or a Hindi matra never counts as a word boundary).
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    in_class(c, WORD)
}

/// The character that starts at byte `at` of `text`, and its length: decoded from the bytes,
/// without slicing the text, whose boundary checks cost more than the decoding. For the loops
/// that take ASCII a byte at a time and decode the rest.
#[inline(always)]
pub(crate) fn char_at(text: &str, at: usize) -> (char, usize) {
    let bytes = text.as_bytes();
    let len = utf8_len(bytes[at]);
    let b = |i: usize| u32::from(bytes[at + i] & 0x3F);
    let lead = u32::from(bytes[at]);
    let code = match len {
        1 => lead,
        2 => ((lead & 0x1F) << 6) | b(1),
        3 => ((lead & 0x0F) << 12) | (b(1) << 6) | b(2),
        _ => ((lead & 0x07) << 18) | (b(1) << 12) | (b(2) << 6) | b(3),
    };
    (
        char::from_u32(code).expect("`at` starts a character of a valid string"),
        len,
    )
}

/// The code point and length of the character at byte `at` of `bytes` (a string's), if there
/// is one there and it is in the Basic Multilingual Plane: the index of the bitmaps of
/// [`in_class`], worked out from the bytes without making a `char`. For the loops that go
/// through a text by a bitmap.
#[inline(always)]
pub(crate) fn bmp_code_at(bytes: &[u8], at: usize) -> Option<(usize, usize)> {
    let lead = *bytes.get(at)?;
    let continuation = |i: usize| bytes.get(at + i).map_or(0, |&b| usize::from(b & 0x3F));
    match lead {
        0..=0x7F => Some((usize::from(lead), 1)),
        0xC0..=0xDF => Some(((usize::from(lead & 0x1F) << 6) | continuation(1), 2)),
        0xE0..=0xEF => Some((
            (usize::from(lead & 0x0F) << 12) | (continuation(1) << 6) | continuation(2),
            3,
        )),
        _ => None,
    }
}

/// Whether the character at byte `at` of `text` is a [word character](is_word_char), whether
/// its script is written with spaces (not [unspaced](is_unspaced_script)), and its length.
#[inline(always)]
pub(crate) fn word_char_at(text: &str, at: usize) -> (bool, bool, usize) {
    match bmp_code_at(text.as_bytes(), at) {
        // Every unspaced script comes after U+0E00, which most letters of most texts come before.
        Some((code, len)) if code < 0x0E00 => (in_bmp_class(code, WORD), true, len),
        _ => {
            let (c, len) = char_at(text, at);
            (is_word_char(c), !is_unspaced_script(c), len)
        }
    }
}

/// Whether the character at byte `at` of `text` is a [letter or a mark](is_letter_or_mark),
/// and its length; `None` at the end of the text.
#[inline(always)]
pub(crate) fn letter_or_mark_at(text: &str, at: usize) -> Option<(bool, usize)> {
    let bytes = text.as_bytes();
    let lead = *bytes.get(at)?;
    if lead.is_ascii() {
        return Some((lead.is_ascii_alphabetic(), 1));
    }
    Some(match bmp_code_at(bytes, at) {
        Some((code, len)) => (in_bmp_class(code, LETTER), len),
        None => {
            let (c, len) = char_at(text, at);
            (is_letter_or_mark(c), len)
        }
    })
}

/// The length in bytes of the UTF-8 character whose first byte is `lead`.
#[inline]
pub(crate) fn utf8_len(lead: u8) -> usize {
    match lead {
        0..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// True for letters and combining marks (word characters that are not digits).
pub(crate) fn is_letter_or_mark(c: char) -> bool {
    in_class(c, LETTER)
}

/// True for characters that cannot change the NFC form of a text: NFC quick check Yes and
/// canonical combining class 0.
pub(crate) fn is_composed(c: char) -> bool {
    in_class(c, COMPOSED)
}

/// True when `text` is in NFC by the quick check (`is_nfc_quick` of unicode-normalization
/// answers `Yes`), in one pass: composed characters, most of any text, from a bitmap; the
/// combining class looked up only for the others.
pub(crate) fn is_nfc_by_quick_check(text: &str) -> bool {
    let mut last_class = 0;
    for c in text.chars() {
        if is_composed(c) {
            last_class = 0;
            continue;
        }
        if !in_class(c, NFC_QUICK_YES) {
            return false;
        }
        let class = unicode_normalization::char::canonical_combining_class(c);
        if class != 0 && class < last_class {
            return false;
        }
        last_class = class;
    }
    true
}

/// True for the characters that [`normalize`] writes as they are: not capitals, which it
/// folds or [takes](PairsAround::take) one by one, nor the punctuation marks of runs, which
/// it takes so, nor whitespace. Of those that are not [composed](is_composed) (the marks of
/// most scripts, as the virama), it checks that the text around them is in NFC; the
/// composed ones, the [plain](PLAIN) characters, it passes in runs.
fn is_kept(c: char) -> bool {
    in_class(c, KEPT)
}

/// [`char::is_uppercase`], from a bitmap.
pub(crate) fn is_uppercase(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_uppercase();
    }
    in_class(c, UPPER)
}

/// True for combining marks (`is_combining_mark` of unicode-normalization), from a bitmap.
pub(crate) fn is_mark(c: char) -> bool {
    !c.is_ascii() && in_class(c, MARK)
}

/// [`is_uppercase`] of the character of the Basic Multilingual Plane whose code point is
/// `code` (worked out from its bytes, as [`bmp_code_at`] does).
pub(crate) fn is_uppercase_in_bmp(code: usize) -> bool {
    in_bmp_class(code, UPPER)
}

/// [`is_mark`] of the character of the Basic Multilingual Plane whose code point is `code`
/// (no ASCII character is a mark).
pub(crate) fn is_mark_in_bmp(code: usize) -> bool {
    in_bmp_class(code, MARK)
}

const WORD: usize = 0;
const LETTER: usize = 1;
const COMPOSED: usize = 2;
/// The [kept](is_kept) characters that are [composed](is_composed).
const PLAIN: usize = 3;
const UPPER: usize = 4;
const MARK: usize = 5;
const NFC_QUICK_YES: usize = 6;
const KEPT: usize = 7;

/// The Unicode property lookups the engine makes for every character, answered from bitmaps
/// over the Basic Multilingual Plane: the standard library's tables take a binary search per
/// non-ASCII character, which was a third of the analysis time on non-Latin text, and the
/// NFC quick check a perfect-hash lookup per character. build.rs works the bitmaps out with
/// [`char_class_bits`] and the library embeds them
/// ([`char_classes`](crate::char_classes)), as working them out costs some 76 million
/// instructions, which were a quarter of a process's first `Analyzer::new()`.
fn in_class(c: char, class: usize) -> bool {
    let i = c as usize;
    if i < 0x10000 {
        return in_bmp_class(i, class);
    }
    match class {
        WORD => is_combining_mark(c) || c.is_alphanumeric(),
        LETTER => is_combining_mark(c) || c.is_alphabetic(),
        UPPER => c.is_uppercase(),
        MARK => is_combining_mark(c),
        NFC_QUICK_YES => is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes,
        _ => false,
    }
}

/// [`in_class`] for the character of the Basic Multilingual Plane whose code point is `code`.
#[inline]
fn in_bmp_class(code: usize, class: usize) -> bool {
    crate::char_classes::BITS[class][code / 64] & (1 << (code % 64)) != 0
}

/// The bitmaps of [`in_class`]: one per class (`WORD`, `LETTER`, `COMPOSED`, `PLAIN`,
/// `UPPER`, `MARK`, `NFC_QUICK_YES`, `KEPT`), one bit per character of the Basic Multilingual
/// Plane.
pub(crate) type CharClassBits = [[u64; 1024]; 8];

/// Works out the bitmaps of [`in_class`].
#[cfg_attr(not(test), allow(dead_code))] // build.rs writes them out
pub(crate) fn char_class_bits() -> CharClassBits {
    let mut bits = [[0u64; 1024]; 8];
    let mut folded = String::new();
    for c in (0..=0xFFFFu32).filter_map(char::from_u32) {
        let i = c as usize;
        let mark = is_combining_mark(c);
        if c.is_alphanumeric() || mark {
            bits[WORD][i / 64] |= 1 << (i % 64);
        }
        if c.is_alphabetic() || mark {
            bits[LETTER][i / 64] |= 1 << (i % 64);
        }
        folded.clear();
        fold_char(c, &mut folded);
        let quick_yes = is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes;
        if quick_yes {
            bits[NFC_QUICK_YES][i / 64] |= 1 << (i % 64);
        }
        let composed = quick_yes && unicode_normalization::char::canonical_combining_class(c) == 0;
        if composed {
            bits[COMPOSED][i / 64] |= 1 << (i % 64);
        }
        let taken_alone = c.is_uppercase() || is_run_punctuation(c);
        let kept = !c.is_whitespace() && !taken_alone && folded.chars().eq(std::iter::once(c));
        if kept {
            bits[KEPT][i / 64] |= 1 << (i % 64);
        }
        if composed && kept {
            bits[PLAIN][i / 64] |= 1 << (i % 64);
        }
        if c.is_uppercase() {
            bits[UPPER][i / 64] |= 1 << (i % 64);
        }
        if mark {
            bits[MARK][i / 64] |= 1 << (i % 64);
        }
    }
    bits
}

/// True for scripts written without spaces between words, where a phrase may begin or end
/// inside a run of letters, so the word-boundary check does not apply to them.
pub(crate) fn is_unspaced_script(c: char) -> bool {
    // Most letters of most texts come before all of these, and are told by one comparison.
    c >= '\u{0E00}'
        && matches!(c,
        '\u{0E00}'..='\u{0EFF}'   // Thai, Lao
        | '\u{1000}'..='\u{109F}' // Myanmar
        | '\u{1780}'..='\u{17FF}' // Khmer
        | '\u{3040}'..='\u{30FF}' // Hiragana, Katakana
        | '\u{3400}'..='\u{4DBF}' // CJK extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK unified ideographs
        | '\u{F900}'..='\u{FAFF}' // CJK compatibility ideographs
        | '\u{20000}'..='\u{2FFFF}')
}

struct Builder {
    text: String,
    origins: Vec<u32>,
}

impl Builder {
    /// True while the output is the original up to `src_start` (the map left empty).
    fn is_identity(&self, src_start: usize) -> bool {
        self.origins.is_empty() && self.text.len() == src_start
    }

    /// Appends `original[from..to]`, characters that stay as they are, each byte mapped to
    /// its own (as the identity maps them).
    fn copy(&mut self, original: &str, from: usize, to: usize) {
        // Past the identity, the map is written down (or nothing is written yet: the text
        // began with characters that fold to nothing).
        if !self.is_identity(from) {
            self.origins.extend(offsets(from, to));
        }
        self.text.push_str(&original[from..to]);
    }

    /// Appends the folded form of `c`, whose source is `original[src_start..src_end]`.
    fn push(&mut self, c: char, src_start: usize, src_end: usize) {
        let before = self.text.len();
        let identity = self.is_identity(src_start);
        // A capital letter of ASCII, the commonest character to fold, keeps its length.
        if c.is_ascii_uppercase() && identity {
            self.text.push(c.to_ascii_lowercase());
            return;
        }
        if is_kept(c) {
            self.text.push(c);
        } else if c.is_whitespace() {
            if !self.text.ends_with(' ') {
                self.text.push(' ');
            }
        } else {
            fold_char(c, &mut self.text);
        }
        let after = self.text.len();
        if identity && after == src_end {
            return;
        }
        if self.origins.is_empty() {
            // The first character whose length or place changed: write down the identity
            // map so far, then map from here on, with room for as long an output as the
            // original (the text's capacity), so that the map seldom grows.
            self.origins.reserve(self.text.capacity());
            self.origins.extend(offsets(0, before));
        }
        self.origins.resize(after, to_u32(src_start));
    }
}

/// Offsets are kept in `u32` to halve the map; texts past 4 GiB are split by the caller.
fn to_u32(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

/// [`to_u32`] of each offset of `from..to`, counted in `u32` rather than converted one by
/// one with a check each.
fn offsets(from: usize, to: usize) -> impl Iterator<Item = u32> {
    let below = to.min(u32::MAX as usize);
    (to_u32(from.min(below))..to_u32(below)).chain(std::iter::repeat_n(u32::MAX, to - from.max(below)))
}

fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(match c {
            '`' => '\'',
            _ => c.to_ascii_lowercase(),
        });
        return;
    }
    let folded = match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' | '\u{FF07}' => '\'',
        '\u{201C}'..='\u{201F}' | '\u{2033}' | '\u{FF02}' | '«' | '»' | '‹' | '›' => '"',
        'ё' | 'Ё' => 'е',
        'õ' | 'Õ' => 'ő',
        'û' | 'Û' => 'ű',
        'ي' | 'ى' => 'ی',
        'ك' => 'ک',
        'أ' | 'إ' | 'ٱ' => 'ا',
        'ؤ' => 'و',
        'ۀ' | 'ة' => 'ه',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        'İ' | 'ı' => 'i',
        'ß' | 'ẞ' => {
            out.push_str("ss");
            return;
        }
        '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
        '۰'..='۹' => char::from(b'0' + (c as u32 - '۰' as u32) as u8),
        '\u{0640}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{200B}'
        | '\u{200C}'
        | '\u{00AD}'
        | '\u{FEFF}' => return,
        _ => {
            out.extend(c.to_lowercase());
            return;
        }
    };
    out.push(folded);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::every_string;

    fn norm(s: &str) -> String {
        normalize(s).text
    }

    #[test]
    fn a_range_of_the_original_maps_to_the_normalised_text_made_from_it() {
        // Capitals, whitespace that folds, an Arabic vowel mark that folds to nothing, a
        // decomposed accent that composes, letters whose folds are longer.
        let alphabet = ['A', 'a', ' ', '\t', '\u{64B}', 'e', '\u{301}', 'ß', 'İ'];
        for text in &every_string(&alphabet, 5) {
            let normalized = normalize(text);
            // Cut where a sentence may be, at whitespace: no character composes across it.
            let cuts: Vec<usize> = (0..=text.len())
                .filter(|&at| {
                    at == 0
                        || at == text.len()
                        || (text.is_char_boundary(at) && text[at..].starts_with([' ', '\t']))
                })
                .collect();
            for &start in &cuts {
                for &end in cuts.iter().filter(|&&end| end >= start) {
                    let range = normalized.range_of(start, end);
                    let words = |s: &str| s.split_whitespace().map(str::to_string).collect::<Vec<_>>();
                    assert_eq!(
                        words(&normalized.as_str()[range]),
                        words(normalize(&text[start..end]).as_str()),
                        "{text:?} {start}..{end}"
                    );
                }
            }
        }
    }

    #[test]
    #[cfg(target_pointer_width = "64")] // offsets past u32::MAX
    fn offsets_are_counted_as_each_is_converted() {
        let max = u32::MAX as usize;
        for (from, to) in [
            (0, 0),
            (0, 5),
            (3, 9),
            (max - 2, max),
            (max - 2, max + 3),
            (max + 1, max + 4),
        ] {
            let one_by_one: Vec<u32> = (from..to).map(to_u32).collect();
            assert_eq!(
                offsets(from, to).collect::<Vec<u32>>(),
                one_by_one,
                "{from}..{to}"
            );
        }
    }

    #[test]
    fn the_embedded_character_classes_are_what_the_unicode_tables_say() {
        assert!(crate::char_classes::BITS == char_class_bits());
    }

    #[test]
    fn the_ascii_table_holds_the_plain_ascii_characters() {
        for b in 0..128u8 {
            assert_eq!(ASCII_PLAIN[usize::from(b)], in_class(char::from(b), PLAIN), "{b}");
        }
    }

    #[test]
    fn the_quick_check_answers_as_unicode_normalization_does() {
        // Every pair of characters around the combining marks, and some longer texts.
        let marks: Vec<char> = (0x300..0x370)
            .chain(0x93C..0x94E)
            .chain(0x64B..0x660)
            .filter_map(char::from_u32)
            .collect();
        let others = [
            'a',
            'é',
            'A',
            'ह',
            'ب',
            '가',
            'ᄀ',
            'ᅡ',
            '\u{1F600}',
            '\u{0344}',
            '\u{2126}',
        ];
        let all: Vec<char> = marks.iter().chain(&others).copied().collect();
        for &a in &all {
            for &b in &all {
                for text in [format!("{a}{b}"), format!("x{a}{b}{a}")] {
                    let quick = is_nfc_quick(text.chars()) == IsNormalized::Yes;
                    assert_eq!(is_nfc_by_quick_check(&text), quick, "{text:?}");
                }
            }
        }
    }

    #[test]
    fn a_text_is_taken_for_nfc_exactly_when_it_is() {
        // Every string of up to four characters over starters and the marks and vowel signs
        // that compose with them, reorder or do neither: Tamil "ொ" is "ெ" then "ா".
        let alphabet = [
            'a', 'e', '\u{301}', '\u{327}', 'é', 'க', 'ெ', 'ா', 'ொ', 'ᄀ', 'ᅡ', '가', ' ',
            // Marks the quick check passes, which reorder when out of order: the Tamil
            // virama (class 9), a Hebrew point (class 10).
            '\u{BCD}', '\u{5B0}',
        ];
        let mut not_nfc = 0;
        for text in &every_string(&alphabet, 4) {
            let nfc = text.chars().eq(text.nfc());
            not_nfc += usize::from(!nfc);
            let folded = fold_composed(text);
            assert_eq!(folded.is_some(), nfc, "{text:?}");
            // Character by character, it writes what the general path writes.
            if let Some((out, _)) = folded {
                assert_eq!(out.text, fold_clusters(text).text, "{text:?}");
            }
        }
        assert!(not_nfc > 1000, "{not_nfc}");
    }

    #[test]
    fn char_at_decodes_every_character() {
        let text: String = (0..=0x10FFFFu32).step_by(7).filter_map(char::from_u32).collect();
        for (at, c) in text.char_indices() {
            assert_eq!(char_at(&text, at), (c, c.len_utf8()));
        }
    }

    #[test]
    fn the_code_of_every_character_of_the_plane_is_worked_out_from_its_bytes() {
        let text: String = (0..=0x10FFFFu32).filter_map(char::from_u32).collect();
        for (at, c) in text.char_indices() {
            let expected = (c <= '\u{FFFF}').then_some((c as usize, c.len_utf8()));
            assert_eq!(bmp_code_at(text.as_bytes(), at), expected, "{c:?}");
            let expected = (is_word_char(c), !is_unspaced_script(c), c.len_utf8());
            assert_eq!(word_char_at(&text, at), expected, "{c:?}");
        }
        assert_eq!(bmp_code_at(text.as_bytes(), text.len()), None);
    }

    #[test]
    fn the_bitmap_classes_are_what_the_standard_and_unicode_normalization_say() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(is_uppercase(c), c.is_uppercase(), "{c:?}");
            assert_eq!(is_mark(c), is_combining_mark(c), "{c:?}");
        }
    }

    #[test]
    fn kept_characters_are_left_as_they_are_and_plain_ones_keep_text_composed() {
        let all = || (0..=0x10FFFFu32).filter_map(char::from_u32);
        let composed: Vec<char> = all().filter(|&c| is_composed(c)).collect();
        assert!(composed.len() > 50_000, "{}", composed.len());
        for &c in &composed {
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
            assert_eq!(
                unicode_normalization::char::canonical_combining_class(c),
                0,
                "{c:?}"
            );
        }
        let is_plain = |c: char| in_class(c, PLAIN);
        let plain: Vec<char> = all().filter(|&c| is_plain(c)).collect();
        assert!(plain.len() > 40_000, "{}", plain.len());
        for &c in &plain {
            assert!(is_composed(c) && is_kept(c), "{c:?}");
        }
        assert!(is_composed('Ж') && !is_plain('Ж'));
        for c in all().filter(|&c| is_kept(c)) {
            let mut folded = String::new();
            fold_char(c, &mut folded);
            assert_eq!(folded, c.to_string(), "{c:?}");
            assert!(
                !c.is_whitespace() && !c.is_uppercase() && !is_run_punctuation(c),
                "{c:?}"
            );
        }
        // Kept but not plain: marks that are not composed, as the virama.
        assert!(is_kept('\u{BCD}') && !is_plain('\u{BCD}') && !is_composed('\u{BCD}'));
        // What is not plain: capitals, whitespace, folded punctuation, marks, NFC-changed.
        for c in ['A', 'Ж', ' ', '\u{2019}', 'ё', '\u{301}', '\u{64B}', '\u{0958}'] {
            assert!(!is_plain(c), "{c:?}");
        }
    }

    #[test]
    fn the_ascii_path_gives_what_the_general_path_gives() {
        // Every string of up to five characters over an alphabet of what the ASCII path
        // treats specially: each kind of whitespace, the backtick, capitals, other bytes.
        let alphabet = [' ', '\t', '\n', '\x0B', '\x0C', '\r', '`', 'A', 'z', '.'];
        let texts = every_string(&alphabet, 5);
        assert_eq!(texts.len(), 111_111);
        // Each also after seven bytes, so that its spaces stand side by side across two words
        // of the eight-byte scan.
        for short in &texts {
            for text in [short.clone(), format!("abcdefg{short}")] {
                let (ascii, general) = (normalize_ascii(&text), normalize_unicode(&text));
                assert_eq!(ascii.text, general.text, "{text:?}");
                assert_eq!(ascii.origins, general.origins, "{text:?}");
            }
        }
    }

    #[test]
    fn ascii_lowercase_keeps_offsets() {
        let n = normalize("Company POLICY");
        assert_eq!(n.as_str(), "company policy");
        assert!(n.origins.is_empty(), "no map is needed when nothing moved");
    }

    #[test]
    fn cyrillic_lowercase_keeps_offsets() {
        let n = normalize("Такова ПОЛИТИКА");
        assert_eq!(n.as_str(), "такова политика");
        assert!(n.origins.is_empty());
    }

    #[test]
    fn curly_quotes_become_plain() {
        assert_eq!(norm("It’s “policy”"), "it's \"policy\"");
    }

    #[test]
    fn guillemets_become_plain_quotes() {
        assert_eq!(norm("в разделе «Вопросы»"), "в разделе \"вопросы\"");
    }

    #[test]
    fn hyphens_and_dashes_fold() {
        assert_eq!(norm("mix\u{2011}up — ok"), "mix-up - ok");
    }

    #[test]
    fn whitespace_runs_fold() {
        assert_eq!(norm("a \t\n\u{00A0} b"), "a b");
    }

    #[test]
    fn yo_folds_to_ye() {
        assert_eq!(norm("Всё ЕЩЁ"), "все еще");
    }

    #[test]
    fn hungarian_mistyped_double_acute() {
        assert_eq!(norm("Õ tû"), "ő tű");
    }

    #[test]
    fn arabic_letters_fold_to_persian() {
        assert_eq!(norm("سياست شركت"), "سیاست شرکت");
    }

    #[test]
    fn tatweel_harakat_and_zwnj_are_removed() {
        assert_eq!(norm("نمی\u{200C}توانیم"), "نمیتوانیم");
        assert_eq!(norm("شـــرکت"), "شرکت");
        assert_eq!(norm("كِتَابٌ"), "کتاب");
    }

    #[test]
    fn turkish_dotted_and_dotless_i_fold() {
        let n = normalize("İADE ışık");
        assert_eq!(n.as_str(), "iade işik");
    }

    #[test]
    fn sharp_s_becomes_ss_with_offsets_kept() {
        let n = normalize("Straße");
        assert_eq!(n.as_str(), "strasse");
        assert!(n.origins.is_empty(), "ß and ss are both two bytes");
    }

    #[test]
    fn hamza_alef_folds() {
        assert_eq!(norm("أنا إلى"), "انا الی");
        assert_eq!(norm("سؤالات دربارۀ"), "سوالات درباره");
        assert_eq!(norm("سياسة الشركة"), "سیاسه الشرکه");
        assert_eq!(
            norm("دربار\u{06D5}\u{0654}"),
            norm("دربارۀ"),
            "decomposed and precomposed ۀ agree"
        );
    }

    #[test]
    fn eastern_digits_fold() {
        assert_eq!(norm("۲۴ ساعت و ٣"), "24 ساعت و 3");
    }

    #[test]
    fn nfd_and_nfc_normalise_alike() {
        let nfc = "az ő szabályzata";
        let nfd: String = nfc.nfd().collect();
        assert_ne!(nfc, nfd);
        assert_eq!(norm(nfc), norm(&nfd));
    }

    #[test]
    fn spans_map_back_through_a_changed_prefix() {
        let original = "“Sorry”,   it’s policy";
        let n = normalize(original);
        let start = n.as_str().find("policy").unwrap();
        let (s, e) = n.original_span(original, start, start + "policy".len());
        assert_eq!(&original[s..e], "policy");
    }

    #[test]
    fn words_map_back_after_a_first_character_that_folds_to_nothing() {
        for original in ["\u{64B}it's company policy", "\u{200B}\u{200B}policy ПОЛИТИКА"] {
            let n = normalize(original);
            for word in ["policy", "company", "политика"] {
                if let Some(start) = n.as_str().find(word) {
                    let (s, e) = n.original_span(original, start, start + word.len());
                    assert_eq!(original[s..e].to_lowercase(), word, "{original:?}");
                }
            }
        }
    }

    #[test]
    fn every_word_maps_back_after_the_map_began() {
        // The map begins at the first character whose length changes ("İ" becomes "i");
        // runs of unchanged characters after it are copied whole, and each of their words,
        // and each part of a word, still maps back to itself.
        let original = "İade  политика   «возврата» ŐSZINTÉN  szabályzat";
        let n = normalize(original);
        assert_eq!(n.as_str(), "iade политика \"возврата\" őszintén szabályzat");
        let words = [
            ("iade", "İade"),
            ("политика", "политика"),
            ("возврата", "возврата"),
            ("őszintén", "ŐSZINTÉN"),
            ("szabályzat", "szabályzat"),
            ("лити", "лити"),
            ("zab", "zab"),
        ];
        for (word, source) in words {
            let start = n.as_str().find(word).unwrap();
            let (s, e) = n.original_span(original, start, start + word.len());
            assert_eq!(&original[s..e], source);
        }
    }

    #[test]
    fn spans_keep_dropped_marks_with_their_letter() {
        let original = "سياسةٌ";
        let n = normalize(original);
        let (s, e) = n.original_span(original, 0, n.as_str().len());
        assert_eq!(&original[s..e], original);
    }

    #[test]
    fn spans_map_back_through_nfd_input() {
        let original: String = "A cég szabályzata".nfd().collect();
        let n = normalize(&original);
        let start = n.as_str().find("szabályzata").unwrap();
        let (s, e) = n.original_span(&original, start, n.as_str().len());
        assert_eq!(original[s..e].nfc().collect::<String>(), "szabályzata");
    }

    fn tagalog_folds() -> WordFolds {
        let mut folds = WordFolds::default();
        let variants = [
            ("nang".to_string(), "ng".to_string()),
            ("yan".to_string(), "iyan".to_string()),
        ];
        folds.add(variants.iter().map(|(a, b)| (a, b)));
        folds
    }

    #[test]
    fn variants_are_folded_in_text_and_literals() {
        let folds = tagalog_folds();
        let n = folds.apply(normalize("Sinabi ko na NANG malinaw, yan po."));
        assert_eq!(n.as_str(), "sinabi ko na ng malinaw, iyan po.");
        assert_eq!(folds.apply_literal("hindi ko sakop yan"), "hindi ko sakop iyan");
    }

    #[test]
    fn spans_map_back_through_word_folds() {
        let folds = tagalog_folds();
        let original = "Sinabi ko na nang malinaw";
        let n = folds.apply(normalize(original));
        let start = n.as_str().find("na ng").unwrap();
        let (s, e) = n.original_span(original, start, start + "na ng".len());
        assert_eq!(&original[s..e], "na nang");
        let end = n.as_str().find("ng malinaw").unwrap() + 2;
        let (_, e) = n.original_span(original, start, end);
        assert_eq!(
            &original[s..e],
            "na nang",
            "a match ending in a folded word ends with the word"
        );
    }

    fn tagalog_particles() -> Particles {
        Particles::new(&["po".to_string(), "ho".to_string()])
    }

    #[test]
    fn particles_are_removed_with_their_space() {
        let p = tagalog_particles();
        let n = p
            .apply(&normalize("Wala po akong magagawa, sinabi ko na HO. Salamat po"))
            .unwrap();
        assert_eq!(n.as_str(), "wala akong magagawa, sinabi ko na. salamat");
        assert_eq!(p.apply_literal("wala po akong magagawa"), "wala akong magagawa");
        assert!(
            p.apply(&normalize("pospos hotel")).is_none(),
            "words that merely contain one stay"
        );
    }

    #[test]
    fn spans_map_back_through_removed_particles() {
        let original = "Sinabi ko na po, malinaw";
        let n = tagalog_particles().apply(&normalize(original)).unwrap();
        let start = n.as_str().find("sinabi ko na,").unwrap();
        let (s, e) = n.original_span(original, start, start + "sinabi ko na".len());
        assert_eq!(&original[s..e], "Sinabi ko na");
        let (s, e) = n.original_span(original, start, start + "sinabi ko na,".len());
        assert_eq!(&original[s..e], "Sinabi ko na po,");
    }

    #[test]
    fn words_that_merely_contain_a_variant_stay() {
        let n = tagalog_folds().apply(normalize("nangyari yanong"));
        assert_eq!(n.as_str(), "nangyari yanong");
    }

    #[test]
    fn marks_count_as_word_characters() {
        assert!(is_word_char('\u{0BBF}')); // Tamil vowel sign i
        assert!(is_word_char('ж'));
        assert!(!is_word_char('\''));
        assert!(is_word_char('7') && !is_letter_or_mark('7'));
        assert!(
            is_letter_or_mark('\u{1D400}'),
            "outside the bitmap: mathematical bold A"
        );
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            assert_eq!(
                is_word_char(c),
                c.is_alphanumeric() || is_combining_mark(c),
                "{c:?}"
            );
            assert_eq!(
                is_letter_or_mark(c),
                c.is_alphabetic() || is_combining_mark(c),
                "{c:?}"
            );
        }
    }
}
