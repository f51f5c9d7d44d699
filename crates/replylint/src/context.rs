//! Whose words a finding is in, and whether they mean what they seem: quoted text, the
//! customer's own text, negations, and the cues the commitment and absence checks read.
//!
//! The filter step asks this module to drop lexicon hits that stand inside quotation marks
//! of any script, inside email-quoted history (`>` lines, "On … wrote:" and forwarded-message
//! headers and all after them) or inside ranges the caller marked as the customer's, and
//! hits that a negation from the lexicons governs ("this is not company policy"). The words
//! it needs come from each lexicon's `[context]` table (`docs/context.md`).

use std::ops::Range;

use rustc_hash::FxHashMap;

use crate::category::Category;
use crate::lexicon::{cue_literal, Context, CUE_LISTS};
use crate::normalize::{char_at, is_word_char, normalize_literal, Normalized};
use crate::report::{Hit, RuleMeta};
use crate::swar;

/// A negation governs a phrase that starts at most this many words after it ("won't tell
/// you to | visit our website").
pub const NEGATION_WINDOW_WORDS: usize = 3;
/// A negation that follows its phrase (verb-final languages) stands at most this many words
/// after it.
pub const NEGATION_AFTER_WINDOW_WORDS: usize = 1;
/// Punctuation that ends a negation's reach, as a clause break word does.
const CLAUSE_PUNCTUATION: &[char] = &[
    '.', ',', ';', ':', '!', '?', '—', '–', '(', ')', '…', '،', '؛', '؟', '।', '\n', '"', '«', '»', '“', '”',
    '„',
];

/// What a cue found by the context automaton is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Negation,
    NegationAfter,
    ClauseBreak,
    CommitmentWord,
    Guarantee,
    /// A deadline phrase and the hours it allows.
    Deadline(u32),
    /// A unit after a number, and its hours.
    Unit(u32),
    /// A number word and its value.
    Number(u32),
    OfferOfHelp,
    NextStep,
    ProblemWord,
}

/// Makes the kind of a table entry from its number.
type KindOf = fn(u32) -> Kind;

/// A context word found in the text, in bytes of the original.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Cue {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
}

/// What the context words of every active lexicon are, and the header lines that start
/// quoted history. The words themselves are found by the matcher's automaton, along with the
/// anchors ([`Matcher::find`](crate::matcher::Matcher::find)).
#[derive(Debug)]
pub(crate) struct Cues {
    /// For each literal: what it is, and whether it may end inside a word (a prefix entry).
    entries: Vec<(Vec<Kind>, bool)>,
    reply_headers: Vec<String>,
    forward_headers: Vec<String>,
}

impl Cues {
    /// The cues of these lexicons' `[context]` tables, whose distinct words are `literals`
    /// ([`cue_literals`](crate::lexicon::cue_literals)), numbered as the matcher reports
    /// them to [`Cues::in_chunk`].
    pub fn new<'a>(contexts: impl IntoIterator<Item = &'a Context>, literals: &[(&str, bool)]) -> Cues {
        // What a word of each of the lists of `Context::cue_words` is, in their order.
        const KINDS: [KindOf; CUE_LISTS] = [
            |_| Kind::Negation,
            |_| Kind::NegationAfter,
            |_| Kind::ClauseBreak,
            |_| Kind::CommitmentWord,
            |_| Kind::Guarantee,
            |_| Kind::OfferOfHelp,
            |_| Kind::NextStep,
            |_| Kind::ProblemWord,
            Kind::Deadline,
            Kind::Unit,
            Kind::Number,
        ];
        let index: FxHashMap<&str, usize> = literals
            .iter()
            .enumerate()
            .map(|(i, &(literal, _))| (literal, i))
            .collect();
        let mut entries: Vec<(Vec<Kind>, bool)> =
            literals.iter().map(|&(_, prefix)| (Vec::new(), prefix)).collect();
        let mut reply_headers = Vec::new();
        let mut forward_headers = Vec::new();
        for context in contexts {
            for (word, list, number) in context.cue_words() {
                entries[index[cue_literal(word).0]].0.push(KINDS[list](number));
            }
            reply_headers.extend(context.reply_headers.iter().cloned());
            forward_headers.extend(context.forward_headers.iter().cloned());
        }
        Cues {
            entries,
            reply_headers,
            forward_headers,
        }
    }

    /// The cues among the context words found in one normalised chunk of the text
    /// (`original` at byte `offset`): `(literal, start, end)` in the normalised text, as
    /// [`Matcher::find`](crate::matcher::Matcher::find) gives them. In the original's bytes,
    /// on word boundaries. They are written into `cues`, emptied first, whose room a caller
    /// that analyses text after text keeps from one to the next.
    pub fn in_chunk(
        &self,
        found: &[(usize, usize, usize)],
        normalized: &Normalized,
        original: &str,
        offset: usize,
        mut cues: Vec<Cue>,
    ) -> Vec<Cue> {
        let hay = normalized.as_str();
        // Most words found are cues of one kind: grown once, not word by word.
        cues.clear();
        cues.reserve(found.len());
        for &(pattern, start, end) in found {
            // The walk finds other words too, numbered after the cues' own.
            let Some((kinds, prefix)) = self.entries.get(pattern) else {
                continue;
            };
            // A word that starts inside another is none; one that ends inside another is
            // only for a prefix entry.
            if start < end && (inside_word(hay, start) || (!prefix && inside_word(hay, end))) {
                continue;
            }
            let (start, end) = normalized.original_span(original, start, end);
            cues.extend(kinds.iter().map(|&kind| Cue {
                kind,
                start: offset + start,
                end: offset + end,
            }));
        }
        cues
    }
}

/// True when the characters on both sides of byte `at` of `text` are word characters: `at`
/// is inside a word.
fn inside_word(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    match (at.checked_sub(1).map(|i| bytes[i]), bytes.get(at)) {
        (None, _) | (_, None) => false,
        // ASCII on both sides, nearly always, without decoding the characters.
        (Some(before), Some(after)) if before.is_ascii() && after.is_ascii() => {
            before.is_ascii_alphanumeric() && after.is_ascii_alphanumeric()
        }
        _ => {
            text[..at].chars().next_back().is_some_and(is_word_char)
                && text[at..].chars().next().is_some_and(is_word_char)
        }
    }
}

/// The byte ranges of `text` that are not the agent's own words: quotations, email-quoted
/// history, and (always) the caller's `customer` ranges, clamped to the text. Sorted and
/// merged, so that none overlaps another.
pub(crate) fn foreign_ranges(
    text: &str,
    cues: &Cues,
    skip_quoted: bool,
    customer: &[Range<usize>],
) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = customer
        .iter()
        .map(|r| r.start.min(text.len())..r.end.min(text.len()))
        .filter(|r| r.start < r.end)
        .collect();
    if skip_quoted {
        ranges.extend(quotations(text));
        ranges.extend(quoted_history(text, cues));
    }
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// True when `start` is inside one of `ranges` (sorted, not overlapping).
pub(crate) fn inside(ranges: &[Range<usize>], start: usize) -> bool {
    let i = ranges.partition_point(|r| r.start <= start);
    i > 0 && start < ranges[i - 1].end
}

/// The pairs of quotation marks: opening mark and the marks that may close it.
const QUOTE_PAIRS: &[(char, &[char])] = &[
    ('“', &['”', '“']),
    ('„', &['“', '”']),
    ('«', &['»']),
    ('‹', &['›']),
    ('「', &['」']),
    ('『', &['』']),
    ('"', &['"']),
    ('\'', &['\'']),
    ('‘', &['’']),
];

/// The marks that close a quotation `c` opens, when `c` is an opening mark.
fn closers_of(c: char) -> Option<&'static [char]> {
    QUOTE_PAIRS
        .iter()
        .find(|(open, _)| *open == c)
        .map(|(_, closers)| *closers)
}

/// The first character from byte `from` of `text` on that may open a quotation, with its
/// offset and the marks that close it. Every opening mark is ASCII or starts with the byte
/// 0xC2, 0xE2 or 0xE3, none of which is ever inside a character, so the bytes are searched
/// for those alone.
fn next_opening_mark(text: &str, from: usize) -> Option<(usize, char, &'static [char])> {
    let bytes = text.as_bytes();
    let mut at = from;
    while let Some(i) = find_mark_lead(&bytes[at..]) {
        let (c, len) = char_at(text, at + i);
        if let Some(closers) = closers_of(c) {
            return Some((at + i, c, closers));
        }
        at += i + len;
    }
    None
}

/// The bytes that can start an opening mark: the ASCII marks, or the lead bytes of the others.
const ASCII_MARKS: [u8; 2] = [b'"', b'\''];
const MARK_LEADS: [u8; 3] = [0xC2, 0xE2, 0xE3];

/// The first byte of `bytes` that is one of [`ASCII_MARKS`] or [`MARK_LEADS`], eight bytes
/// looked at together.
fn find_mark_lead(bytes: &[u8]) -> Option<usize> {
    let any_of = |word: u64, of: &[u8]| of.iter().fold(0, |m, &b| m | swar::equal(word, b));
    swar::position(bytes, |word| {
        // Most words of most texts are ASCII, and hold no lead byte.
        let ascii = any_of(word, &ASCII_MARKS);
        match swar::non_ascii(word) {
            0 => ascii,
            _ => ascii | any_of(word, &MARK_LEADS),
        }
    })
}

/// A quotation is closed within this many bytes, or it is not one: a stray mark never makes
/// the scan go over the rest of a long text again and again.
const MAX_QUOTATION_BYTES: usize = 4096;

/// The insides of quotation marks, each pair within one paragraph. A straight or curly single
/// quote opens only before a word and after no letter, and closes only after no space and
/// before no letter, so the apostrophes of "it's" and "customers' orders" are not quotes.
fn quotations(text: &str) -> Vec<Range<usize>> {
    let word = |c: Option<char>| c.is_some_and(is_word_char);
    let mut ranges = Vec::new();
    let mut at = 0;
    while let Some((i, c, closers)) = next_opening_mark(text, at) {
        let after = i + c.len_utf8();
        let single = matches!(c, '\'' | '‘');
        let before = text[..i].chars().next_back();
        if (word(before) && (single || c == '"')) || (single && !word(text[after..].chars().next())) {
            at = after;
            continue;
        }
        let mut window_end = (after + MAX_QUOTATION_BYTES).min(text.len());
        while !text.is_char_boundary(window_end) {
            window_end -= 1;
        }
        let window = &text[after..window_end];
        let mut closed = None;
        let mut previous = c;
        let mut rest = window.char_indices().peekable();
        while let Some((j, d)) = rest.next() {
            let next = rest.peek().map(|&(_, e)| e);
            if d == '\n' && next == Some('\n') {
                break;
            }
            if closers.contains(&d) && !(single && (word(next) || previous.is_whitespace())) {
                closed = Some((after + j, d.len_utf8()));
                break;
            }
            previous = d;
        }
        match closed {
            Some((end, len)) => {
                ranges.push(after..end);
                at = end + len;
            }
            None => at = after,
        }
    }
    ranges
}

/// Email-quoted lines (`>`), and everything from a reply header ("On … wrote:") or a
/// forwarded-message header on.
fn quoted_history(text: &str, cues: &Cues) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let trimmed = line.trim();
        if trimmed.starts_with('>') {
            ranges.push(start..at);
            continue;
        }
        // A reply header carries a date or an address ("On 3 Mar 2025, Anna <a@b.c> wrote:",
        // "Am 3. März schrieb Anna <a@b.de>:"), so the agent's own "As I wrote:" is not one.
        let reply_header =
            trimmed.ends_with(':') && trimmed.contains(|c: char| c.is_ascii_digit() || c == '@');
        let forward_header = trimmed.ends_with(':') || trimmed.starts_with('-');
        let header = (reply_header || forward_header) && trimmed.chars().count() <= 200 && {
            let folded = normalize_literal(trimmed);
            (reply_header && cues.reply_headers.iter().any(|h| folded.contains(h.as_str())))
                || (forward_header && cues.forward_headers.iter().any(|h| folded.contains(h.as_str())))
        };
        if header {
            ranges.push(start..text.len());
            break;
        }
    }
    ranges
}

/// The categories whose meaning a negation turns around: "this is not company policy".
/// Jargon and openers are what they are, negated or not; positive signals are left alone.
fn negatable(category: Category) -> bool {
    matches!(
        category,
        Category::PolicyHiding
            | Category::Deflection
            | Category::Apathy
            | Category::Argumentative
            | Category::FalsePromise
            | Category::NonApology
    )
}

/// The cues (sorted by start) that start in `from..to`.
pub(crate) fn cues_in(cues: &[Cue], from: usize, to: usize) -> &[Cue] {
    let first = cues.partition_point(|c| c.start < from);
    let last = cues.partition_point(|c| c.start < to);
    &cues[first..last.max(first)]
}

/// How far apart a promise word and its deadline may stand, in bytes (a long sentence).
const COMMITMENT_REACH_BYTES: usize = 400;

/// The cues of one chunk that can matter, sorted by start: negation words near a lexicon hit
/// (`hits`, sorted by start), promise words and deadlines near each other, numbers right
/// before a unit, and the words of the absence rules when they are on. So the memory an
/// analysis keeps grows with what it finds, not with the length of the text.
pub(crate) fn prune(mut cues: Vec<Cue>, hits: &[Hit], absence: bool) -> Vec<Cue> {
    cues.sort_by_key(|c| (c.start, c.end));
    let near_hit = |c: &Cue| {
        let i = hits.partition_point(|h| h.start + NEGATION_REACH_BYTES < c.start);
        hits.get(i)
            .is_some_and(|h| h.start <= c.end + NEGATION_REACH_BYTES)
    };
    let near = |c: &Cue, reach: usize, wanted: fn(Kind) -> bool| {
        cues_in(&cues, c.start.saturating_sub(reach), c.end + reach)
            .iter()
            .any(|d| wanted(d.kind))
    };
    let deadline = |k: Kind| matches!(k, Kind::Deadline(_) | Kind::Unit(_));
    let keep: Vec<bool> = cues
        .iter()
        .map(|c| match c.kind {
            Kind::Negation | Kind::NegationAfter | Kind::ClauseBreak => near_hit(c),
            Kind::CommitmentWord | Kind::Guarantee => near(c, COMMITMENT_REACH_BYTES, deadline),
            Kind::Deadline(_) | Kind::Unit(_) => {
                near(c, COMMITMENT_REACH_BYTES, |k| k == Kind::CommitmentWord)
            }
            Kind::Number(_) => near(c, 64, |k| matches!(k, Kind::Unit(_))),
            Kind::OfferOfHelp | Kind::NextStep | Kind::ProblemWord => absence,
        })
        .collect();
    let mut flags = keep.into_iter();
    cues.retain(|_| flags.next().unwrap_or(false));
    cues
}

/// How far around a phrase a negation is looked for, in bytes: more than the window of words
/// needs, so that a look never scans the whole text.
const NEGATION_REACH_BYTES: usize = 160;

/// True when a negation cue governs `start..end`: it stands before it within
/// [`NEGATION_WINDOW_WORDS`] (or, for a following negation, after it within
/// [`NEGATION_AFTER_WINDOW_WORDS`]) with no punctuation or clause break between. A clause
/// break that starts the phrase itself also counts ("we don't refund opened items | per our
/// policy"): the negation is about the verb before it, not about the phrase.
pub(crate) fn negated(text: &str, cues: &[Cue], start: usize, end: usize) -> bool {
    let cues = cues_in(
        cues,
        start.saturating_sub(NEGATION_REACH_BYTES),
        end + NEGATION_REACH_BYTES,
    );
    let open = |from: usize, to: usize, window: usize| {
        let between = &text[from..to];
        !between.contains(CLAUSE_PUNCTUATION)
            && words(between) <= window
            && !cues
                .iter()
                .any(|c| c.kind == Kind::ClauseBreak && c.start >= from && c.start <= to)
    };
    cues.iter().any(|c| match c.kind {
        Kind::Negation => c.end <= start && open(c.end, start, NEGATION_WINDOW_WORDS),
        Kind::NegationAfter => c.start >= end && open(end, c.start, NEGATION_AFTER_WINDOW_WORDS),
        _ => false,
    })
}

/// How many words `text` holds.
pub(crate) fn words(text: &str) -> usize {
    text.split(|c: char| !is_word_char(c) && c != '\'' && c != '’')
        .filter(|w| w.chars().any(is_word_char))
        .count()
}

/// Drops the lexicon hits that are not the agent's words or that a negation turns around,
/// and the shape hits in text that is not the agent's.
pub(crate) fn retain(
    text: &str,
    rules: &[RuleMeta],
    foreign: &[Range<usize>],
    cues: &[Cue],
    lexicon_hits: &mut Vec<Hit>,
    shape_hits: &mut Vec<Hit>,
) {
    lexicon_hits.retain(|h| {
        let turned = negatable(rules[h.rule].category) && negated(text, cues, h.start, h.end);
        !turned && !inside(foreign, h.start)
    });
    shape_hits.retain(|h| !inside(foreign, h.start));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_is_inside_a_word_when_word_characters_stand_on_both_sides() {
        // ASCII letters and digits, a space, punctuation, a Cyrillic letter, a combining mark
        // and a symbol of more than one byte.
        let alphabet = ['a', '7', ' ', ',', 'д', '\u{301}', '€'];
        for text in crate::testing::every_string(&alphabet, 3) {
            for at in (0..=text.len()).filter(|&at| text.is_char_boundary(at)) {
                let before = text[..at].chars().next_back().is_some_and(is_word_char);
                let after = text[at..].chars().next().is_some_and(is_word_char);
                assert_eq!(inside_word(&text, at), before && after, "{text:?} at {at}");
            }
        }
    }

    #[test]
    fn the_eight_byte_search_finds_the_first_mark_lead() {
        let values = [b'"', b'\'', 0xC2, 0xE2, 0xE3, 0x00, 0x80, 0xA2, b'a', 0xFF];
        // Every place of a lead among every filler of up to 19 bytes, a second lead after it.
        for len in 0..20 {
            for fill in values {
                for first in 0..len {
                    for lead in values {
                        let mut bytes = vec![fill; len];
                        bytes[first] = lead;
                        if first + 3 < len {
                            bytes[first + 3] = b'"';
                        }
                        let expected = bytes
                            .iter()
                            .position(|&b| matches!(b, b'"' | b'\'' | 0xC2 | 0xE2 | 0xE3));
                        assert_eq!(find_mark_lead(&bytes), expected, "{bytes:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn every_opening_mark_is_found_by_its_first_byte() {
        for &(open, _) in QUOTE_PAIRS {
            let text = format!("ж a {open}b");
            let at = text.find(open).unwrap();
            assert_eq!(
                next_opening_mark(&text, 0).map(|(i, c, _)| (i, c)),
                Some((at, open))
            );
        }
        let every: String = (0x80..0x10000u32).filter_map(char::from_u32).collect();
        let marks: Vec<char> = QUOTE_PAIRS
            .iter()
            .map(|&(open, _)| open)
            .filter(|c| !c.is_ascii())
            .collect();
        let mut found = Vec::new();
        let mut at = 0;
        while let Some((i, c, _)) = next_opening_mark(&every, at) {
            found.push(c);
            at = i + c.len_utf8();
        }
        let mut expected: Vec<char> = every.chars().filter(|c| marks.contains(c)).collect();
        expected.sort();
        found.sort();
        assert_eq!(found, expected);
    }

    fn quoted(text: &str) -> Vec<&str> {
        quotations(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn quotation_marks_of_many_scripts() {
        assert_eq!(
            quoted("You wrote “it's company policy” yesterday."),
            ["it's company policy"]
        );
        assert_eq!(
            quoted("Sie schrieben „das ist Firmenpolitik“."),
            ["das ist Firmenpolitik"]
        );
        assert_eq!(
            quoted("Вы написали «это политика компании»."),
            ["это политика компании"]
        );
        assert_eq!(quoted("「会社の方針です」と"), ["会社の方針です"]);
        assert_eq!(quoted("He said \"rules are rules\" twice."), ["rules are rules"]);
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert!(quoted("It's our customers' orders, isn't it?").is_empty());
        assert_eq!(
            quoted("You said 'it's not my problem' to me."),
            ["it's not my problem"]
        );
        assert_eq!(quoted("You said ‘that’s policy’ then."), ["that’s policy"]);
    }

    #[test]
    fn a_quotation_is_looked_for_within_a_window_cut_on_a_character() {
        // The window after « ends inside a two-byte letter: it is cut before the letter.
        let text = format!("«a{}»", "ж".repeat(MAX_QUOTATION_BYTES));
        assert!(quoted(&text).is_empty(), "the closing mark is past the window");
        let text = format!("«a{}»", "ж".repeat(MAX_QUOTATION_BYTES / 2 - 2));
        assert_eq!(quoted(&text).len(), 1);
    }

    #[test]
    fn an_unclosed_quote_quotes_nothing() {
        assert!(quoted("He said \"rules are rules.\n\nBye.").is_empty());
    }

    #[test]
    fn email_history_is_quoted() {
        let cues = Cues::new(
            [&Context {
                reply_headers: vec!["wrote:".into()],
                forward_headers: vec!["forwarded message".into()],
                ..Context::default()
            }],
            &[],
        );
        let text = "Done.\n> rules are rules\nThanks.\nOn Mon, 3 Mar 2025, Anna wrote:\nold text";
        let ranges = quoted_history(text, &cues);
        assert_eq!(&text[ranges[0].clone()], "> rules are rules\n");
        assert_eq!(
            &text[ranges[1].clone()],
            "On Mon, 3 Mar 2025, Anna wrote:\nold text"
        );
        assert!(quoted_history("As I wrote:\nrules are rules", &cues).is_empty());
        let text = "Hi.\n---------- Forwarded message ---------\nFrom: x";
        assert!(quoted_history(text, &cues)[0].start == 4);
    }

    #[test]
    fn inside_finds_the_range_a_start_falls_in() {
        let ranges = [2..5, 10..20];
        assert!(inside(&ranges, 2) && inside(&ranges, 15));
        assert!(!inside(&ranges, 5) && !inside(&ranges, 0) && !inside(&ranges, 20));
    }

    #[test]
    fn words_count_contractions_as_one() {
        assert_eq!(words(" won't tell you "), 3);
        assert_eq!(words(" — "), 0);
    }
}
