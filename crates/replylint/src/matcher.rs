//! The one pass over the normalised text that finds every pattern, keeping matches on word
//! boundaries.
//!
//! Patterns are not expanded into every literal they stand for: each is cut around an anchor
//! ([`Split`]), the automaton holds the anchors, and the prefixes and suffixes are checked
//! around every anchor found. What comes out is what one leftmost-longest automaton over all
//! the literals would give: from left to right, the earliest start on a word boundary, the
//! longest literal there that ends on one, the first rule that owns it.
//!
//! A literal can only match where a word may start, so no automaton is run over the whole
//! text: a trie of the anchors is walked from each such place until no anchor can go on
//! ([`WordStarts`](crate::search::WordStarts)).

use std::borrow::{Borrow, Cow};
use std::cmp::Reverse;
use std::ops::Range;

use rustc_hash::FxHashMap;

use crate::error::Error;
use crate::grouped::Grouped;
use crate::normalize::{is_unspaced_script, is_word_char};
use crate::pattern::Split;
use crate::search::WordStarts;
use crate::snapshot::{halves, joined, In, Out};

/// The active patterns of a set of lexicons, as anchors in one automaton.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Matcher {
    /// The anchors and the other words asked for, each found by its number in the trie.
    automaton: WordStarts,
    /// The splits each pattern of the automaton anchors, one pattern's after another's (none
    /// for a word asked for that is no anchor); where a pattern's start is in `found_as`.
    entries: Box<[Entry]>,
    /// Every split's prefixes and suffixes, each split's in one run that its entries name;
    /// kept together, not boxed one by one, as there are tens of thousands.
    affixes: Box<[Affix]>,
    /// The bytes of every affix, one after another.
    affix_bytes: Box<[u8]>,
    /// For each pattern of the automaton, and one past the last, what finding it means.
    found_as: Box<[FoundAs]>,
}

/// What finding a pattern means: its entries and its word side by side, so that the walk that
/// finds it reads the caches once for both, and the affix checks find its entries there.
/// (Apart, the entries' start missed the second-level cache 27,000 times over the mixed
/// corpus's first 2 MB, read after the walks of a whole chunk.)
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct FoundAs {
    /// Where the pattern's [entries](Matcher::entries) start: they run to the next pattern's
    /// start, and are none unless it is an anchor.
    entries: u32,
    /// The pattern's index among the words asked for, or [`NO_WORD`].
    word: u32,
}

const NO_WORD: u32 = u32::MAX;

/// What one search of a text found: anchors and words, each `(index, start, end)`.
#[derive(Debug, Default)]
pub(crate) struct Found {
    pub anchors: Vec<(usize, usize, usize)>,
    pub words: Vec<(usize, usize, usize)>,
}

/// A split an anchor anchors: sixteen bytes, four to a cache line, as an anchor's entries are
/// read one after another wherever it is found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Entry {
    /// Where the split's affixes start in [`Matcher::affixes`], shared by the split's
    /// anchors: its prefixes with the joining space (`"it's "`) or `""`, then its suffixes
    /// (`" before"`) or `""`.
    affixes: u32,
    /// How many prefixes the split has.
    prefix_count: u16,
    /// How many suffixes.
    suffix_count: u16,
    rule: u32,
    group: u8,
    /// The [keys](prefix_key) of the prefixes, one bit each by their last four bits, all set
    /// when one is empty: most entries have no prefix that can fit a window, and this says
    /// so without trying them. It and `suffix_keys` fit in what the entry pads out anyway.
    prefix_keys: u16,
    /// The same of the suffixes ([`suffix_key`]), by their last three bits.
    suffix_keys: u8,
}

impl Entry {
    /// The range of [`Matcher::affixes`] that are the split's prefixes.
    fn prefixes(&self) -> (u32, u32) {
        (self.affixes, self.affixes + u32::from(self.prefix_count))
    }

    /// The range of its suffixes.
    fn suffixes(&self) -> (u32, u32) {
        let start = self.affixes + u32::from(self.prefix_count);
        (start, start + u32::from(self.suffix_count))
    }
}

/// The byte of a prefix's edge, or of the window before an anchor, across the joining space
/// from the anchor (the last byte of the prefix's last word), as a bit of `Entry::prefix_keys`.
fn prefix_key(word: u64) -> u16 {
    1 << ((word >> 48) & 15)
}

/// The byte of a suffix's edge, or of the window after an anchor, across the joining space
/// from the anchor (the first byte of the suffix's first word), as a bit of
/// `Entry::suffix_keys`.
fn suffix_key(word: u64) -> u8 {
    1 << ((word >> 8) & 7)
}

/// A set of pattern groups (at most [`Groups::MAX`]): the groups of lexicons that share a set
/// of particles, searched together when the text is the same for all of them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Groups(u64);

impl Groups {
    /// How many groups one matcher can hold.
    pub const MAX: usize = 64;

    pub fn one(group: usize) -> Groups {
        Groups(1 << group)
    }

    pub fn insert(&mut self, group: usize) {
        self.0 |= 1 << group;
    }

    /// The groups of either set.
    pub fn union(self, other: Groups) -> Groups {
        Groups(self.0 | other.0)
    }

    pub fn contains(self, group: usize) -> bool {
        self.0 & (1 << group) != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

/// A prefix or suffix with the (up to) eight bytes that touch the anchor packed into a word,
/// so most affixes that are not there are ruled out by one comparison instead of a `memcmp`,
/// and where its bytes are: sixteen bytes, so that an entry's affixes, read one after
/// another, lie four to a cache line, and an affix that fits needs no other read to be
/// placed (its bytes are read only when longer than its edge).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Affix {
    /// The bytes next to the anchor, placed where [`window_before`] or [`window_after`] puts
    /// the text's bytes.
    edge: u64,
    /// Where its bytes start in [`Matcher::affix_bytes`].
    start: u32,
    /// How many bytes it has.
    len: u16,
    /// Which bytes of the window `edge` covers, a bit each ([`BYTE_MASKS`]).
    covers: u8,
}

/// For each set of a word's bytes, a bit each, the mask of those bytes.
static BYTE_MASKS: [u64; 256] = {
    let mut masks = [0; 256];
    let mut set = 0;
    while set < 256 {
        let mut byte = 0;
        while byte < 8 {
            if set & (1 << byte) != 0 {
                masks[set] |= 0xFF << (8 * byte);
            }
            byte += 1;
        }
        set += 1;
    }
    masks
};

impl Affix {
    /// The prefix `bytes`, which start at `start` of the affixes' bytes.
    fn prefix(bytes: &[u8], start: u32) -> Affix {
        let k = bytes.len().min(8);
        let mut word = [0u8; 8];
        word[8 - k..].copy_from_slice(&bytes[bytes.len() - k..]);
        Affix::of(u64::from_le_bytes(word), bytes.len(), start, (0xFF00 >> k) as u8)
    }

    /// The suffix `bytes`, which start at `start` of the affixes' bytes.
    fn suffix(bytes: &[u8], start: u32) -> Affix {
        let k = bytes.len().min(8);
        let mut word = [0u8; 8];
        word[..k].copy_from_slice(&bytes[..k]);
        Affix::of(
            u64::from_le_bytes(word),
            bytes.len(),
            start,
            ((1u16 << k) - 1) as u8,
        )
    }

    fn of(edge: u64, len: usize, start: u32, covers: u8) -> Affix {
        Affix {
            edge,
            start,
            // Patterns are checked to be far shorter (see `Matcher::new`).
            len: u16::try_from(len).unwrap_or(u16::MAX),
            covers,
        }
    }

    /// True when the affix's edge bytes agree with the window; the rest still has to match.
    fn may_fit(&self, window: u64) -> bool {
        window & BYTE_MASKS[usize::from(self.covers)] == self.edge
    }
}

/// The eight bytes of `bytes` that end at `end` (zeros before the start), as a little-endian
/// word: the window a prefix's edge is compared with.
fn window_before(bytes: &[u8], end: usize) -> u64 {
    // Nearly always eight bytes are there: one load, without the copy's call.
    if let Some(eight) = end.checked_sub(8).and_then(|start| bytes.get(start..end)) {
        return u64::from_le_bytes(eight.try_into().expect("eight bytes"));
    }
    let start = end.saturating_sub(8);
    let mut word = [0u8; 8];
    word[8 - (end - start)..].copy_from_slice(&bytes[start..end]);
    u64::from_le_bytes(word)
}

/// The eight bytes of `bytes` from `start` on (zeros after the end): a suffix's window.
fn window_after(bytes: &[u8], start: usize) -> u64 {
    if let Some(eight) = bytes.get(start..start + 8) {
        return u64::from_le_bytes(eight.try_into().expect("eight bytes"));
    }
    let end = (start + 8).min(bytes.len());
    let mut word = [0u8; 8];
    word[..end - start].copy_from_slice(&bytes[start..end]);
    u64::from_le_bytes(word)
}

/// A match on the normalised text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct RawMatch {
    pub rule: usize,
    pub start: usize,
    pub end: usize,
}

impl Matcher {
    /// Builds the automaton from `(split, rule, group)` triples, in rule order: where two
    /// rules stand for the same literal, the earlier one owns it. [`Matcher::find`] also
    /// finds `words` (distinct), where a word may start, in the same walks.
    pub fn new<S: Borrow<Split>>(splits: &[(S, usize, usize)], words: &[String]) -> Result<Matcher, Error> {
        let narrow =
            |n: usize| u32::try_from(n).map_err(|_| Error::TooLarge("more than 4 billion patterns".into()));
        let mut anchor_ids: FxHashMap<&str, u32> = FxHashMap::default();
        let mut anchors: Vec<&str> = Vec::new();
        // Sized first: growing them was a tenth of a build.
        let (mut affix_count, mut byte_count, mut entry_count) = (0, 0, 0);
        for (split, _, _) in splits {
            let split = split.borrow();
            let affixes = split.prefixes.iter().chain(&split.suffixes);
            affix_count += split.prefixes.len() + split.suffixes.len();
            byte_count += affixes.map(|a| a.len() + 1).sum::<usize>();
            entry_count += split.anchors.len();
        }
        let mut affixes: Vec<Affix> = Vec::with_capacity(affix_count);
        let mut affix_bytes: Vec<u8> = Vec::with_capacity(byte_count);
        // Each entry beside its anchor, in rule order; grouped by anchor below.
        let mut entries: Vec<(u32, Entry)> = Vec::with_capacity(entry_count);
        for (split, rule, group) in splits {
            let (split, rule, group) = (split.borrow(), *rule, *group);
            if group >= Groups::MAX {
                return Err(Error::TooLarge(format!(
                    "more than {} different sets of particles",
                    Groups::MAX
                )));
            }
            let mut store = |parts: &[Cow<str>], before: bool| -> Result<(u32, u32), Error> {
                let first = narrow(affixes.len())?;
                for part in parts {
                    let start = affix_bytes.len();
                    // With the joining space.
                    if !part.is_empty() && before {
                        affix_bytes.extend_from_slice(part.as_bytes());
                        affix_bytes.push(b' ');
                    } else if !part.is_empty() {
                        affix_bytes.push(b' ');
                        affix_bytes.extend_from_slice(part.as_bytes());
                    }
                    let bytes = &affix_bytes[start..];
                    if bytes.len() > usize::from(u16::MAX) {
                        return Err(Error::TooLarge(format!(
                            "a prefix or suffix of more than {} bytes",
                            u16::MAX
                        )));
                    }
                    let start = narrow(start)?;
                    affixes.push(if before {
                        Affix::prefix(bytes, start)
                    } else {
                        Affix::suffix(bytes, start)
                    });
                }
                Ok((first, narrow(affixes.len())?))
            };
            let (prefixes, suffixes) = (store(&split.prefixes, true)?, store(&split.suffixes, false)?);
            let count = |(first, end): (u32, u32)| {
                u16::try_from(end - first).map_err(|_| {
                    Error::TooLarge(format!(
                        "more than {} prefixes or suffixes in one pattern",
                        u16::MAX
                    ))
                })
            };
            let of = |(first, end): (u32, u32)| &affixes[first as usize..end as usize];
            let entry = Entry {
                affixes: prefixes.0,
                prefix_count: count(prefixes)?,
                suffix_count: count(suffixes)?,
                rule: u32::try_from(rule).map_err(|_| Error::TooLarge("more than 4 billion rules".into()))?,
                group: group as u8,
                prefix_keys: of(prefixes)
                    .iter()
                    .map(|p| {
                        if p.covers == 0 {
                            u16::MAX
                        } else {
                            prefix_key(p.edge)
                        }
                    })
                    .fold(0, |keys, key| keys | key),
                suffix_keys: of(suffixes)
                    .iter()
                    .map(|s| {
                        if s.covers == 0 {
                            u8::MAX
                        } else {
                            suffix_key(s.edge)
                        }
                    })
                    .fold(0, |keys, key| keys | key),
            };
            for anchor in split.anchors.iter().filter(|a| !a.is_empty()) {
                let id = match anchor_ids.get(&**anchor) {
                    Some(&id) => id,
                    None => {
                        let id = narrow(anchors.len())?;
                        anchor_ids.insert(anchor, id);
                        anchors.push(anchor);
                        id
                    }
                };
                entries.push((id, entry));
            }
        }
        let mut word_of = Vec::with_capacity(words.len());
        for (i, word) in words.iter().enumerate() {
            let pattern = match anchor_ids.get(word.as_str()) {
                Some(&id) => id,
                None => {
                    anchors.push(word);
                    narrow(anchors.len() - 1)?
                }
            };
            word_of.push((pattern, narrow(i)?));
        }
        let (automaton, numbers) = WordStarts::new(&anchors).map_err(|_| {
            Error::TooLarge("more than 4 million automaton states, or 4 MB of their tails".into())
        })?;
        // By the numbers the automaton finds them by; grouped in order, so each anchor's
        // entries stay in rule order.
        let entries = Grouped::new(
            anchors.len(),
            entries.iter().map(|&(id, entry)| (numbers[id as usize], entry)),
        );
        for (pattern, _) in &mut word_of {
            *pattern = numbers[*pattern as usize];
        }
        Ok(Matcher::of_parts(
            automaton,
            entries,
            (affixes, affix_bytes),
            word_of,
            anchors.len(),
        ))
    }

    /// The matcher of these parts, its automaton holding `patterns` patterns.
    fn of_parts(
        automaton: WordStarts,
        entries: Grouped<Entry>,
        (affixes, affix_bytes): (Vec<Affix>, Vec<u8>),
        words: Vec<(u32, u32)>,
        patterns: usize,
    ) -> Matcher {
        debug_assert_eq!(entries.keys(), patterns);
        let (starts, entries) = entries.into_parts();
        let mut found_as: Vec<FoundAs> = starts
            .iter()
            .map(|&start| FoundAs {
                entries: start,
                word: NO_WORD,
            })
            .collect();
        for (pattern, word) in words {
            found_as[pattern as usize].word = word;
        }
        Matcher {
            automaton,
            entries,
            affixes: affixes.into(),
            affix_bytes: affix_bytes.into(),
            found_as: found_as.into(),
        }
    }

    /// Appends the matcher to `out`, for [`Matcher::decode`].
    #[cfg_attr(not(test), allow(dead_code))] // build.rs writes it
    pub fn encode(&self, out: &mut Out) {
        out.rows([[self.patterns() as u32]].into_iter());
        self.automaton.encode(out);
        let starts = self.found_as.iter().map(|f| f.entries);
        Grouped::encode_parts(out, starts, &self.entries, |e| {
            let p_keys = e.prefix_keys.to_le_bytes();
            [
                e.affixes,
                u32::from(e.prefix_count) | u32::from(e.suffix_count) << 16,
                e.rule,
                u32::from_le_bytes([e.group, p_keys[0], p_keys[1], e.suffix_keys]),
            ]
        });
        out.rows(self.affixes.iter().map(|a| {
            let [e0, e1] = halves(a.edge);
            [e0, e1, a.start, u32::from(a.len) | u32::from(a.covers) << 16]
        }));
        out.bytes(&self.affix_bytes);
        let words: Vec<[u32; 2]> = (0..)
            .zip(&self.found_as[..self.patterns()])
            .filter(|&(_, f)| f.word != NO_WORD)
            .map(|(p, f)| [p, f.word])
            .collect();
        out.rows(words.into_iter());
    }

    /// Reads back what [`Matcher::encode`] wrote, for `rules` rules and `words` words asked
    /// for; `None` unless everything it names is there, so no search can index past it.
    pub fn decode(bytes: &[u8], rules: usize, words: usize) -> Option<Matcher> {
        let mut input = In(bytes);
        let patterns = *input.numbers()?.first()? as usize;
        let automaton = WordStarts::decode(&mut input, patterns)?;
        // Affix ranges are checked against the count of affixes once it is known.
        let mut last_affix = 0;
        let entries = Grouped::decode(&mut input, |[affixes, counts, rule, group_and_keys]| {
            let [group, prefix_low, prefix_high, suffix_keys] = group_and_keys.to_le_bytes();
            let (prefix_count, suffix_count) = (counts as u16, (counts >> 16) as u16);
            last_affix =
                last_affix.max(u64::from(affixes) + u64::from(prefix_count) + u64::from(suffix_count));
            let fits = (rule as usize) < rules && (group as usize) < Groups::MAX;
            fits.then_some(Entry {
                affixes,
                prefix_count,
                suffix_count,
                rule,
                group,
                prefix_keys: u16::from_le_bytes([prefix_low, prefix_high]),
                suffix_keys,
            })
        })?;
        // Each affix's bytes are checked against their count once it is known.
        let mut affixes_end = 0;
        let affixes = input.rows(|[e0, e1, start, len_and_covers]| {
            let [len_low, len_high, covers, _] = len_and_covers.to_le_bytes();
            let len = u16::from_le_bytes([len_low, len_high]);
            affixes_end = affixes_end.max(u64::from(start) + u64::from(len));
            Some(Affix {
                edge: joined([e0, e1]),
                start,
                len,
                covers,
            })
        })?;
        let affix_bytes = input.bytes()?;
        // Distinct patterns, in order, each a word asked for.
        let mut last_pattern = None;
        let word_of = input.rows(|[pattern, word]| {
            let fits = (pattern as usize) < patterns && (word as usize) < words;
            let after = last_pattern.is_none_or(|last| pattern > last);
            last_pattern = Some(pattern);
            (fits && after).then_some((pattern, word))
        })?;
        let fits = last_affix <= affixes.len() as u64 && affixes_end <= affix_bytes.len() as u64;
        let whole = input.is_empty() && entries.keys() == patterns && word_of.len() == words;
        (whole && fits).then(|| {
            Matcher::of_parts(
                automaton,
                entries,
                (affixes, affix_bytes.to_vec()),
                word_of,
                patterns,
            )
        })
    }

    /// How many words asked for it finds.
    #[cfg(test)]
    pub fn words(&self) -> usize {
        self.found_as.iter().filter(|f| f.word != NO_WORD).count()
    }

    /// How many patterns the automaton holds, anchors and words asked for alike, numbered in
    /// the order of their states in its trie.
    fn patterns(&self) -> usize {
        self.automaton.patterns()
    }

    /// Where the [entries](Matcher::entries) of `pattern` are: none unless it is an anchor.
    #[inline(always)]
    fn entries_of(&self, pattern: usize) -> Range<usize> {
        self.found_as[pattern].entries as usize..self.found_as[pattern + 1].entries as usize
    }

    /// The anchors and the words asked for that occur in `haystack` where a word may start,
    /// by start, then by end.
    pub fn find(&self, haystack: &str) -> Found {
        let mut found = Found::default();
        self.find_into(haystack, &mut found);
        found
    }

    /// [`Matcher::find`] into `found`, emptied first: a caller that searches text after text
    /// keeps the lists, and their room, from one to the next.
    pub fn find_into(&self, haystack: &str, found: &mut Found) {
        found.anchors.clear();
        found.words.clear();
        // Room for an anchor every six bytes and a word every sixteen, more than most replies
        // have, so the lists seldom grow.
        found.anchors.reserve(haystack.len() / 6 + 4);
        found.words.reserve(haystack.len() / 16 + 4);
        self.automaton.find(haystack, |pattern, start, end| {
            // An anchor that ends inside a word anchors nothing there: every suffix begins with
            // the joining space, and without one the match would end inside the word.
            if !self.entries_of(pattern).is_empty() && ends_on_boundary(haystack, end) {
                found.anchors.push((pattern, start, end));
            }
            let word = self.found_as[pattern].word;
            if word != NO_WORD {
                found.words.push((word as usize, start, end));
            }
        });
    }

    /// Every literal of the `groups` that occurs in `haystack` starting and ending on a word
    /// boundary, overlapping ones included; [`leftmost_longest`] picks among them.
    pub fn candidates(&self, haystack: &str, groups: Groups) -> Vec<RawMatch> {
        self.candidates_at(haystack, groups, &self.find(haystack).anchors)
    }

    /// [`Matcher::candidates`] around `anchors`, which [`Matcher::find`] found in `haystack`.
    pub fn candidates_at(
        &self,
        haystack: &str,
        groups: Groups,
        anchors: &[(usize, usize, usize)],
    ) -> Vec<RawMatch> {
        let mut candidates: Vec<RawMatch> = Vec::new();
        let bytes = haystack.as_bytes();
        for &(anchor, anchor_start, anchor_end) in anchors {
            // Where they are was read by the walk that found it, so is still in the caches.
            let entries = &self.entries[self.entries_of(anchor)];
            let before = window_before(bytes, anchor_start);
            let after = window_after(bytes, anchor_end);
            let (prefix, suffix) = (prefix_key(before), suffix_key(after));
            for entry in entries.iter().filter(|e| {
                e.prefix_keys & prefix != 0
                    && e.suffix_keys & suffix != 0
                    && groups.contains(usize::from(e.group))
            }) {
                for prefix in self.fitting(entry.prefixes(), before) {
                    let prefix = self.bytes_of(prefix);
                    let Some(start) = anchor_start.checked_sub(prefix.len()) else {
                        continue;
                    };
                    if !fits_whole(prefix, &bytes[start..anchor_start])
                        || !starts_on_boundary(haystack, start)
                    {
                        continue;
                    }
                    for suffix in self.fitting(entry.suffixes(), after) {
                        let suffix = self.bytes_of(suffix);
                        let end = anchor_end + suffix.len();
                        if end <= bytes.len()
                            && fits_whole(suffix, &bytes[anchor_end..end])
                            && ends_on_boundary(haystack, end)
                        {
                            candidates.push(RawMatch {
                                rule: entry.rule as usize,
                                start,
                                end,
                            });
                        }
                    }
                }
            }
        }
        candidates
    }

    /// The affixes of the range `(first, end)` whose edges fit `window`.
    fn fitting(&self, (first, end): (u32, u32), window: u64) -> impl Iterator<Item = &Affix> + '_ {
        self.affixes[first as usize..end as usize]
            .iter()
            .filter(move |a| a.may_fit(window))
    }

    /// The bytes of `affix`.
    fn bytes_of(&self, affix: &Affix) -> &[u8] {
        &self.affix_bytes[affix.start as usize..affix.start as usize + usize::from(affix.len)]
    }
}

/// True when `text`, as long as `affix` and at its place, is it, `affix` having fit its
/// window: an affix of up to eight bytes is all edge, which the window held.
fn fits_whole(affix: &[u8], text: &[u8]) -> bool {
    affix.len() <= 8 || text == affix
}

/// The matches one leftmost-longest pass over every literal would keep, from candidates on
/// word boundaries: from left to right, the earliest start, the longest match there, the
/// lowest rule (the first that owns the literal); nothing overlapping what was kept.
pub(crate) fn leftmost_longest(mut candidates: Vec<RawMatch>) -> Vec<RawMatch> {
    candidates.sort_unstable_by_key(|m| (m.start, Reverse(m.end), m.rule));
    // Kept in place: the last one kept is all a candidate is checked against.
    let mut end = 0;
    candidates.retain(|m| {
        let keep = m.start >= end;
        if keep {
            end = m.end;
        }
        keep
    });
    candidates
}

/// True when a match starting at `start` does not begin inside a word.
fn starts_on_boundary(haystack: &str, start: usize) -> bool {
    let first = haystack[start..].chars().next();
    let before = haystack[..start].chars().next_back();
    !joins(before, first)
}

/// True when a match ending at `end` does not end inside a word.
fn ends_on_boundary(haystack: &str, end: usize) -> bool {
    // ASCII on both sides, nearly always, without decoding the characters.
    let bytes = haystack.as_bytes();
    match (end.checked_sub(1).map(|i| bytes[i]), bytes.get(end)) {
        (_, None) => return true,
        (_, Some(after)) if after.is_ascii() && !after.is_ascii_alphanumeric() => return true,
        (Some(last), Some(after)) if last.is_ascii() && after.is_ascii() => {
            return !last.is_ascii_alphanumeric()
        }
        _ => {}
    }
    let last = haystack[..end].chars().next_back();
    let after = haystack[end..].chars().next();
    !joins(after, last)
}

/// True when `outer`, next to the match's edge character `edge`, continues the same word.
/// In scripts written without spaces there are no word edges to check.
fn joins(outer: Option<char>, edge: Option<char>) -> bool {
    match (outer, edge) {
        (Some(o), Some(e)) => is_word_char(o) && is_word_char(e) && !is_unspaced_script(e),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A split that anchors the whole literal `l`.
    fn whole(l: &str) -> Split {
        Split {
            prefixes: vec!["".into()],
            anchors: vec![l.to_string().into()],
            suffixes: vec!["".into()],
        }
    }

    /// The matches as `rule:text` strings.
    fn matches(literals: &[&str], haystack: &str) -> Vec<String> {
        let splits: Vec<(Split, usize, usize)> = literals
            .iter()
            .enumerate()
            .map(|(i, l)| (whole(l), i, 0))
            .collect();
        let m = Matcher::new(&splits, &[]).unwrap();
        let out = leftmost_longest(m.candidates(haystack, Groups::one(0)));
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
    fn a_shorter_literal_is_kept_when_the_longest_runs_into_a_word() {
        let literals = ["as i said", "as i said before"];
        assert_eq!(matches(&literals, "as i said beforehand"), ["0:as i said"]);
        assert_eq!(matches(&literals, "as i said before."), ["1:as i said before"]);
        assert_eq!(matches(&["ab", "abc d"], "abc dx"), [] as [&str; 0]);
    }

    #[test]
    fn prefixes_and_suffixes_are_checked_around_the_anchor() {
        let split = Split {
            prefixes: vec!["it's".into(), "it is our".into(), "".into()],
            anchors: vec!["company policy".into()],
            suffixes: vec!["".into(), "now".into()],
        };
        let m = Matcher::new(&[(split, 7, 0)], &[]).unwrap();
        let find = |text: &str| {
            let out = leftmost_longest(m.candidates(text, Groups::one(0)));
            out.iter()
                .map(|r| format!("{}:{}", r.rule, &text[r.start..r.end]))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            find("well, it is our company policy now."),
            ["7:it is our company policy now"]
        );
        assert_eq!(find("that's company policy"), ["7:company policy"]);
        assert_eq!(find("it's company policy nowhere"), ["7:it's company policy"]);
        assert_eq!(find("company policyholder"), [] as [&str; 0]);
    }

    #[test]
    fn affixes_longer_than_their_edge_are_checked_whole() {
        // The texts agree with the affixes in the eight bytes next to the anchor, and differ
        // further out.
        let split = Split {
            prefixes: vec!["we always said that".into(), "".into()],
            anchors: vec!["rules".into()],
            suffixes: vec!["are the rules here".into(), "".into()],
        };
        let m = Matcher::new(&[(split, 3, 0)], &[]).unwrap();
        let find = |text: &str| {
            let out = leftmost_longest(m.candidates(text, Groups::one(0)));
            out.iter()
                .map(|r| text[r.start..r.end].to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            find("we always said that rules are the rules here."),
            ["we always said that rules are the rules here"]
        );
        assert_eq!(find("he always said that rules are the rulez here."), ["rules"]);
    }

    #[test]
    fn an_entry_takes_sixteen_bytes() {
        // An anchor's entries are read one after another, four to a cache line.
        assert_eq!(std::mem::size_of::<Entry>(), 16);
    }

    #[test]
    fn an_affix_takes_sixteen_bytes() {
        // An entry's affixes are read one after another, four to a cache line.
        assert_eq!(std::mem::size_of::<Affix>(), 16);
    }

    #[test]
    fn an_affix_may_fit_when_its_edge_bytes_are_the_text_s_next_to_the_anchor() {
        let text = b"ab cde fghij klm";
        let affixes: Vec<&[u8]> = (0..=text.len())
            .flat_map(|i| (i..=text.len()).map(move |j| &text[i..j]))
            .chain([&b"xyz"[..], b"zzzzzzzzzz "])
            .collect();
        for at in 0..=text.len() {
            let (before, after) = (window_before(text, at), window_after(text, at));
            for &affix in &affixes {
                let edge = affix.len().min(8);
                let (last, first) = (&affix[affix.len() - edge..], &affix[..edge]);
                assert_eq!(
                    Affix::prefix(affix, 0).may_fit(before),
                    text[..at].ends_with(last),
                    "{:?} before {at}",
                    std::str::from_utf8(affix)
                );
                assert_eq!(
                    Affix::suffix(affix, 0).may_fit(after),
                    text[at..].starts_with(first),
                    "{:?} after {at}",
                    std::str::from_utf8(affix)
                );
            }
        }
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
    fn the_end_of_a_match_read_from_ascii_bytes_is_the_one_read_from_characters() {
        // Letters, a digit, a space, punctuation, a Cyrillic letter, a combining mark and a
        // Thai letter, on either side of every place.
        let alphabet = ['a', '7', ' ', ',', 'д', '\u{301}', 'ก'];
        for text in crate::testing::every_string(&alphabet, 3) {
            for end in (0..=text.len()).filter(|&at| text.is_char_boundary(at)) {
                let last = text[..end].chars().next_back();
                let after = text[end..].chars().next();
                assert_eq!(
                    ends_on_boundary(&text, end),
                    !joins(after, last),
                    "{text:?} at {end}"
                );
            }
        }
    }

    #[test]
    fn an_anchor_that_ends_inside_a_word_is_not_kept_for_the_affix_checks() {
        let split = Split {
            prefixes: vec!["".into()],
            anchors: vec!["policy".into()],
            suffixes: vec!["".into(), "now".into()],
        };
        let m = Matcher::new(&[(split, 0, 0)], &[]).unwrap();
        let anchors = |text: &str| {
            m.find(text)
                .anchors
                .iter()
                .map(|a| (a.1, a.2))
                .collect::<Vec<_>>()
        };
        assert_eq!(anchors("policyholder policy, policy now"), [(13, 19), (21, 27)]);
        assert_eq!(anchors("policyдом"), []);
        assert_eq!(anchors("policy"), [(0, 6)]);
    }

    #[test]
    fn affix_edges_agree_with_the_windows_next_to_the_anchor() {
        let text = b"well, it is our company policy now.";
        let anchor = (16, 30); // "company policy"
        let before = window_before(text, anchor.0);
        let after = window_after(text, anchor.1);
        assert!(Affix::prefix(b"it is our ", 0).may_fit(before));
        assert!(Affix::prefix(b"our ", 0).may_fit(before));
        assert!(Affix::prefix(b"", 0).may_fit(before));
        assert!(!Affix::prefix(b"their ", 0).may_fit(before));
        assert!(Affix::suffix(b" now", 0).may_fit(after));
        assert!(!Affix::suffix(b" nowhere", 0).may_fit(after));
        // At the edges of the text the windows are padded, and short affixes still fit.
        assert!(Affix::prefix(b"we", 0).may_fit(window_before(b"we", 2)));
        assert!(Affix::suffix(b"ok", 0).may_fit(window_after(b"ok", 0)));
    }

    #[test]
    fn only_the_groups_asked_for_are_searched() {
        let m = Matcher::new(&[(whole("policy"), 0, 0), (whole("policy"), 1, 1)], &[]).unwrap();
        let rules =
            |groups| -> Vec<usize> { m.candidates("policy", groups).iter().map(|c| c.rule).collect() };
        assert_eq!(rules(Groups::one(0)), [0]);
        assert_eq!(rules(Groups::one(1)), [1]);
        let mut both = Groups::one(0);
        both.insert(1);
        assert_eq!(rules(both), [0, 1]);
    }

    #[test]
    fn duplicate_literals_keep_the_first_rule() {
        assert_eq!(
            matches(&["company policy", "company policy"], "company policy"),
            ["0:company policy"]
        );
    }
}
