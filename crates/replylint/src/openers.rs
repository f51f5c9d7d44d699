//! Canned openers by similarity: an opening sentence that differs from a robotic-opener
//! template of the lexicons by a word or two (a name, a company) is reported as that
//! template's rule.
//!
//! The similarity of a sentence to a template is the share of the template's words (token
//! sets, after normalisation) found among the sentence's first words, as many as the
//! template has plus [`MAX_EXTRA_WORDS`]; and the template's first word must be one of the
//! sentence's first two: an opener stands at the start of its sentence, and a sentence that
//! only shares words further on is not one. A template word may be missing only where the
//! sentence has a name instead, a capitalised word that no lexicon pattern has ("Thank you
//! for contacting Globex support", but not German "Bestellung"), so "we have received your payment" is not "we have received your
//! request"; in scripts without capitals every template word must be there, in any order,
//! with up to [`MAX_EXTRA_WORDS`] more. Templates of fewer than
//! [`MIN_TEMPLATE_WORDS`] words are left to the exact patterns.

use std::borrow::Cow;
use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet, FxHasher};

use crate::grouped::Grouped;
use crate::lexicon::{push_record, Records, FIELD_END};
use crate::normalize::{bmp_code_at, char_at, is_uppercase, is_uppercase_in_bmp, normalize, word_char_at};
use crate::snapshot::{In, Out};
use crate::swar;

/// The default threshold of [`AnalyzerBuilder::opener_similarity`](crate::AnalyzerBuilder::opener_similarity).
pub const DEFAULT_OPENER_SIMILARITY: f64 = 0.8;
/// The sentence's first words compared with a template: as many as it has, plus this many.
pub const MAX_EXTRA_WORDS: usize = 3;
/// Templates shorter than this are matched exactly only.
pub const MIN_TEMPLATE_WORDS: usize = 3;

/// Every robotic-opener literal of the active lexicons as a set of words, indexed by its first
/// word: only templates whose first word opens the sentence are compared with it, and there
/// are tens of thousands of templates.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Openers {
    templates: Vec<Template>,
    /// The words of every template, one template after another.
    template_words: Box<[u32]>,
    /// For each word, the templates it opens: `by_first.of(w)`.
    by_first: Grouped<u32>,
    /// For each word, the templates it is the rarest word of: a sentence without a name has
    /// all the words of any template it resembles, so it need only be compared with the
    /// templates of its own words' entries here. Each with its first word, which rules most
    /// of them out without reading the template.
    by_rarest: Grouped<(u32, u32)>,
    /// Every template word, numbered.
    word_ids: FxHashMap<Arc<str>, u32>,
    /// The lexicons' vocabularies, which hold every word of every active pattern: a
    /// capitalised word among them is not a name. (Looked up in each, not merged, as merging
    /// them was a tenth of every build.)
    vocabularies: Vec<Arc<WordSet>>,
    /// The [hash](word_hash) of every word of the vocabularies, sorted: most capitalised
    /// words are names, in no vocabulary, which one search here tells, where the
    /// vocabularies took one search each.
    vocabulary_hashes: Box<[u32]>,
    /// For each word, the most words of a template it opens (0 for none): no window of a
    /// sentence that starts with it reaches further, with the extra words.
    widest_from: Box<[u16]>,
    threshold: f64,
}

#[derive(Debug, PartialEq, Eq)]
struct Template {
    // The builder's matcher has already refused more rules than a u32 holds.
    rule: u32,
    /// The word that opens it.
    first: u32,
    /// Its distinct words, rarest among the templates first, so a comparison that fails
    /// fails early: `template_words[words.0..words.1]`.
    words: (u32, u32),
}

/// What [`LexiconOpeners::encode`] adds to a number to write it as one character: past the
/// control characters that separate records.
const NUMBER_BASE: u32 = 0x100;

/// One lexicon's share of [`Openers`], worked out once per lexicon
/// ([`Lexicon::openers`](crate::Lexicon)) and merged by [`Openers::new`] on every build:
/// splitting tens of thousands of literals into words is most of the cost of the openers.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct LexiconOpeners {
    /// The template words, numbered by their place here.
    words: Vec<Arc<str>>,
    /// The templates: `(rule, end)`, the index of the template's rule in its lexicon and
    /// where its words end in `template_words`; at least [`MIN_TEMPLATE_WORDS`], once per
    /// rule. (One array, not a box per template: there are tens of thousands.)
    templates: Vec<(u32, u32)>,
    /// Each template's distinct words in order (the first opens it), one after another.
    template_words: Vec<u32>,
    /// The words of every pattern of the lexicon.
    vocabulary: Arc<WordSet>,
}

/// A set of words kept sorted in one string and looked up by binary search: a lexicon's
/// patterns hold thousands of distinct words, and a hash set of them, an allocation each,
/// was a fifth of reading the built-in lexicons.
#[derive(Debug, Default, PartialEq, Eq)]
struct WordSet {
    /// The words, sorted and distinct, one after another.
    text: String,
    /// Where each word ends in `text`.
    ends: Vec<usize>,
}

impl WordSet {
    fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> WordSet {
        let mut words: Vec<&str> = words.into_iter().collect();
        words.sort_unstable();
        words.dedup();
        let mut set = WordSet {
            text: String::with_capacity(words.iter().map(|w| w.len()).sum()),
            ends: Vec::with_capacity(words.len()),
        };
        for word in words {
            set.text.push_str(word);
            set.ends.push(set.text.len());
        }
        set
    }

    fn word(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }

    fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.ends.len()).map(|i| self.word(i))
    }

    /// Appends the set to `out`, for [`WordSet::decode`].
    #[cfg_attr(not(test), allow(dead_code))] // build.rs writes it
    fn encode(&self, out: &mut Out) {
        out.bytes(self.text.as_bytes());
        out.rows(self.ends.iter().map(|&end| [end as u32]));
    }

    /// Reads back what [`WordSet::encode`] wrote; `None` unless every word is text.
    fn decode(input: &mut In<'_>) -> Option<WordSet> {
        let text = std::str::from_utf8(input.bytes()?).ok()?;
        let mut start = 0;
        let ends = input.rows(|[end]| {
            let end = end as usize;
            let fits = start <= end && text.is_char_boundary(end);
            start = end;
            fits.then_some(end)
        })?;
        Some(WordSet {
            text: text.to_string(),
            ends,
        })
    }

    fn contains(&self, word: &str) -> bool {
        let (mut lo, mut hi) = (0, self.ends.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.word(mid).cmp(word) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    }
}

impl LexiconOpeners {
    /// True when a word of the lexicon's patterns, cut as the word folds cut them (runs of
    /// word characters, so "we've" holds "we" and "ve"), is one of `words`.
    pub fn has_any_word(&self, words: &FxHashSet<&str>) -> bool {
        !words.is_empty()
            && self
                .vocabulary
                .iter()
                .any(|w| words.contains(w) || (w.contains('\'') && w.split('\'').any(|p| words.contains(p))))
    }

    /// Appends the records [`LexiconOpeners::decode`] reads (see [`Lexicon::precomputed`]).
    ///
    /// [`Lexicon::precomputed`]: crate::Lexicon
    #[cfg_attr(not(test), allow(dead_code))] // build.rs writes it
    pub fn encode(&self, out: &mut String) {
        push_record(out, &self.words);
        // One character per number, so reading them back needs no parsing.
        let digit = |n: u32| {
            char::from_u32(n + NUMBER_BASE)
                .filter(|c| (*c as u32) < 0xD800)
                .expect("fewer than 55,000 rules and template words per lexicon")
        };
        let templates = self.templates().map(|(rule, words)| {
            std::iter::once(digit(rule as u32))
                .chain(words.iter().map(|&w| digit(w)))
                .collect::<String>()
        });
        push_record(out, templates);
        push_record(out, self.vocabulary.iter());
    }

    /// Reads what [`LexiconOpeners::encode`] wrote.
    pub fn decode(records: &mut Records<'_>) -> LexiconOpeners {
        let mut part = LexiconOpeners {
            words: records.words().map(Arc::from).collect(),
            ..LexiconOpeners::default()
        };
        let templates = records.record();
        // Every number is a character of two bytes or more, so this is room enough.
        part.template_words.reserve(templates.len() / 2);
        // One pass over the record, not one collection per template: each field is a rule's
        // number, then its words' numbers.
        let mut rule = None;
        for c in templates.chars().chain([FIELD_END]) {
            if c != FIELD_END {
                let n = c as u32 - NUMBER_BASE;
                match rule {
                    None => rule = Some(n),
                    Some(_) => part.template_words.push(n),
                }
            } else if let Some(rule) = rule.take() {
                part.templates.push((rule, part.template_words.len() as u32));
            }
        }
        part.vocabulary = Arc::new(WordSet::new(records.words()));
        part
    }

    /// The templates, `(rule, words)`.
    fn templates(&self) -> impl Iterator<Item = (usize, &[u32])> {
        let starts = std::iter::once(0).chain(self.templates.iter().map(|&(_, end)| end));
        self.templates
            .iter()
            .zip(starts)
            .map(|(&(rule, end), start)| (rule as usize, &self.template_words[start as usize..end as usize]))
    }

    /// The templates: `(rule, normalised literal)` pairs, `rule` the index of the rule in its
    /// lexicon; `vocabulary`: the normalised parts of every pattern of the lexicon.
    pub fn new<'a>(
        literals: impl IntoIterator<Item = (usize, &'a str)>,
        vocabulary: impl IntoIterator<Item = &'a str>,
    ) -> LexiconOpeners {
        let mut part = LexiconOpeners {
            vocabulary: Arc::new(WordSet::new(vocabulary.into_iter().flat_map(ordered_words))),
            ..LexiconOpeners::default()
        };
        let mut word_ids: FxHashMap<&str, u32> = FxHashMap::default();
        let mut seen = HashSet::new();
        for (rule, literal) in literals {
            let mut words: Vec<u32> = Vec::new();
            for word in ordered_words(literal) {
                let next = word_ids.len() as u32;
                let id = *word_ids.entry(word).or_insert(next);
                if id == next {
                    part.words.push(word.into());
                }
                if !words.contains(&id) {
                    words.push(id);
                }
            }
            if words.len() >= MIN_TEMPLATE_WORDS && seen.insert((rule, words.clone())) {
                part.template_words.extend(&words);
                part.templates
                    .push((rule as u32, part.template_words.len() as u32));
            }
        }
        part
    }
}

impl Openers {
    /// Merges the lexicons' shares, each with the analyzer's rule index for each of its rules
    /// (`None` for a disabled rule, whose templates are left out).
    pub fn new<'a>(
        parts: impl IntoIterator<Item = (Arc<LexiconOpeners>, &'a [Option<usize>])>,
        threshold: f64,
    ) -> Openers {
        let mut openers = Openers {
            threshold,
            ..Openers::default()
        };
        let mut template_words: Vec<u32> = Vec::new();
        let mut frequency: Vec<u32> = Vec::new();
        for (part, rule_of) in parts {
            // The merged id of each of the part's words, given on first use.
            let mut ids: Vec<Option<u32>> = vec![None; part.words.len()];
            for (rule, local) in part.templates() {
                let Some(rule) = rule_of[rule] else {
                    continue;
                };
                let start = template_words.len() as u32;
                for &w in local.iter() {
                    let id = *ids[w as usize].get_or_insert_with(|| {
                        let next = openers.word_ids.len() as u32;
                        *openers
                            .word_ids
                            .entry(part.words[w as usize].clone())
                            .or_insert(next)
                    });
                    template_words.push(id);
                    if frequency.len() <= id as usize {
                        frequency.resize(id as usize + 1, 0);
                    }
                    frequency[id as usize] += 1;
                }
                openers.templates.push(Template {
                    rule: rule as u32,
                    first: template_words[start as usize],
                    words: (start, template_words.len() as u32),
                });
            }
            openers.vocabularies.push(part.vocabulary.clone());
        }
        openers.vocabulary_hashes = hashes_of(&openers.vocabularies);
        for template in &openers.templates {
            template_words[template.words.0 as usize..template.words.1 as usize]
                .sort_by_key(|&w| frequency[w as usize]);
        }
        let words = openers.word_ids.len();
        let ids = || 0..openers.templates.len() as u32;
        openers.by_first = Grouped::new(words, ids().map(|id| (openers.templates[id as usize].first, id)));
        openers.by_rarest = Grouped::new(
            words,
            ids().map(|id| {
                let template = &openers.templates[id as usize];
                (template_words[template.words.0 as usize], (id, template.first))
            }),
        );
        openers.template_words = template_words.into();
        openers.templates.shrink_to_fit();
        openers.widest_from = widest_from(&openers.templates, words);
        openers
    }

    /// Appends the templates to `out`, for [`Openers::decode`]: all but the threshold.
    #[cfg_attr(not(test), allow(dead_code))] // build.rs writes it
    pub fn encode(&self, out: &mut Out) {
        let mut words: Vec<(&Arc<str>, u32)> = self.word_ids.iter().map(|(w, &id)| (w, id)).collect();
        words.sort_unstable_by_key(|&(_, id)| id);
        WordSet::encode(
            &WordSet {
                text: words.iter().map(|(w, _)| &***w).collect(),
                ends: words
                    .iter()
                    .scan(0, |end, (w, _)| {
                        *end += w.len();
                        Some(*end)
                    })
                    .collect(),
            },
            out,
        );
        out.rows(
            self.templates
                .iter()
                .map(|t| [t.rule, t.first, t.words.0, t.words.1]),
        );
        out.rows(self.template_words.iter().map(|&w| [w]));
        self.by_first.encode(out, |&t| [t]);
        // The first words are the templates'.
        self.by_rarest.encode(out, |&(t, _)| [t]);
        out.rows([[self.vocabularies.len() as u32]].into_iter());
        for vocabulary in &self.vocabularies {
            vocabulary.encode(out);
        }
        out.rows(self.vocabulary_hashes.iter().map(|&h| [h]));
    }

    /// Reads back what [`Openers::encode`] wrote, for `rules` rules, with the similarity
    /// `threshold`; `None` unless every word, template and rule it names is there.
    pub fn decode(bytes: &[u8], rules: usize, threshold: f64) -> Option<Openers> {
        let mut input = In(bytes);
        // The words in the order of their numbers, not sorted: not a set, but stored as one.
        let words = WordSet::decode(&mut input)?;
        let count = words.ends.len();
        let word_ids: FxHashMap<Arc<str>, u32> =
            (0..count).map(|i| (Arc::from(words.word(i)), i as u32)).collect();
        let mut last_word = 0;
        let templates = input.rows(|[rule, first, w0, w1]| {
            last_word = last_word.max(w1);
            let fits = (rule as usize) < rules && (first as usize) < count && w0 <= w1;
            fits.then_some(Template {
                rule,
                first,
                words: (w0, w1),
            })
        })?;
        let template_words = input.rows(|[w]| ((w as usize) < count).then_some(w))?;
        let by_first = Grouped::decode(&mut input, |[t]| ((t as usize) < templates.len()).then_some(t))
            .filter(|g| g.keys() == count)?;
        let by_rarest = Grouped::decode(&mut input, |[t]| Some((t, templates.get(t as usize)?.first)))
            .filter(|g| g.keys() == count)?;
        let vocabularies = *input.numbers()?.first()?;
        let vocabularies = (0..vocabularies)
            .map(|_| WordSet::decode(&mut input).map(Arc::new))
            .collect::<Option<Vec<_>>>()?;
        // Sorted, or the search would miss words it holds.
        let vocabulary_hashes = input.numbers().filter(|h| h.is_sorted())?;
        let whole = input.is_empty() && word_ids.len() == count && last_word as usize <= template_words.len();
        whole.then(|| Openers {
            widest_from: widest_from(&templates, count),
            templates,
            template_words: template_words.into(),
            by_first,
            by_rarest,
            word_ids,
            vocabularies,
            vocabulary_hashes: vocabulary_hashes.into(),
            threshold,
        })
    }

    /// The rule and the trimmed byte span of the first of the opening's `sentences` (with
    /// their byte offsets, from [`filter::opening`](crate::filter::opening)) that resembles a
    /// template, if any.
    ///
    /// A template's similarity is the share of its words found among the sentence's first
    /// words (as many as it has, plus [`MAX_EXTRA_WORDS`]); it must reach the threshold, its
    /// first word must be one of the sentence's first two, and each word it misses must be
    /// made up for by a name in the sentence. The most similar template wins, the first one
    /// on a tie.
    ///
    /// `normalized(start, end)` gives the words of the reply's bytes `start..end` as
    /// [`normalize`] writes them (the analysis has normalised the reply already).
    /// `reported(start, end)` tells whether the exact patterns already report something in a
    /// span: the sentence found is then left to them, and `None` returned.
    pub fn find<'n>(
        &self,
        sentences: &[(usize, &str)],
        normalized: impl Fn(usize, usize) -> Cow<'n, str>,
        reported: impl Fn(usize, usize) -> bool,
    ) -> Option<(usize, usize, usize)> {
        if self.templates.is_empty() || self.threshold <= 0.0 {
            return None;
        }
        for (i, &(start, sentence)) in sentences.iter().enumerate() {
            let trimmed = sentence.trim();
            if trimmed.is_empty() {
                continue;
            }
            let at = start + (sentence.len() - sentence.trim_start().len());
            let span = (at, at + trimmed.len());
            // Whether or not the last sentence resembles a template, nothing is found when the
            // exact patterns report it: a reply that opens with a canned line the lexicon
            // has word for word (most of those that open with one) needs no comparison.
            let last = sentences[i + 1..].iter().all(|(_, s)| s.trim().is_empty());
            if last && reported(span.0, span.1) {
                return None;
            }
            // A template must start with one of the sentence's first two words, and most
            // sentences start with none. The words are those of the whole sentence: trimmed,
            // it could start with a combining mark that its space carried.
            let words = normalized(start, start + sentence.len());
            let mut ids = ordered_words(&words).map(|w| self.word_ids.get(w).copied());
            let mut head = [ids.next().flatten(), ids.next().flatten()];
            let second = head[1];
            if head[1] == head[0] {
                head[1] = None;
            }
            let widest = head
                .iter()
                .flatten()
                .map(|&w| usize::from(self.widest_from[w as usize]))
                .max()
                .unwrap_or(0);
            if widest == 0 {
                continue;
            }
            // No window reaches past the widest template the head opens and the extra words.
            let reach = widest + MAX_EXTRA_WORDS;
            let ids = ids.take(reach - head.len());
            // Where each template word first stands in the sentence.
            // A list, not a map: a sentence has a few of them.
            let mut position: Vec<(u32, usize)> = Vec::with_capacity(16);
            for (at, id) in [head[0], second].into_iter().chain(ids).enumerate() {
                if let Some(id) = id {
                    if !position.iter().any(|&(w, _)| w == id) {
                        position.push((id, at));
                    }
                }
            }
            let position_of = |w: u32| position.iter().find(|&&(id, _)| id == w).map(|&(_, at)| at);
            // Where the names stand (capitalised words after the first that no pattern has,
            // unlike an honorific such as "Kakak"): a name can replace a template's word.
            // Most sentences have no capital after their first word, which one look at the
            // characters tells.
            let mut words_of_trimmed = ordered_words(trimmed);
            // Past the first word's run (apostrophes that end it are no capitals).
            words_of_trimmed.next();
            let capitals: Vec<usize> = if has_capital(&trimmed[words_of_trimmed.at..]) {
                words_of_trimmed
                    .take(reach - 1)
                    .enumerate()
                    .filter(|(_, w)| {
                        w.chars().next().is_some_and(is_uppercase)
                            && !self.is_pattern_word(normalize(w).as_str())
                    })
                    .map(|(at, _)| at + 1)
                    .collect()
            } else {
                Vec::new()
            };
            let candidates: Vec<u32> = if capitals.is_empty() {
                position
                    .iter()
                    .flat_map(|&(w, _)| self.by_rarest.of(w))
                    .filter(|&&(_, first)| head.contains(&Some(first)))
                    .map(|&(id, _)| id)
                    .collect()
            } else {
                head.iter()
                    .flatten()
                    .flat_map(|&w| self.by_first.of(w))
                    .copied()
                    .collect()
            };
            let mut best: Option<(f64, u32)> = None;
            for id in candidates {
                let template = &self.templates[id as usize];
                let words = &self.template_words[template.words.0 as usize..template.words.1 as usize];
                let size = words.len();
                let window = size + MAX_EXTRA_WORDS;
                let names = capitals.iter().filter(|&&at| at < window).count();
                // A miss that no name makes up for rules the template out.
                let allowed = names;
                let mut missed = 0;
                for w in words {
                    if position_of(*w).is_none_or(|at| at >= window) {
                        missed += 1;
                        if missed > allowed {
                            break;
                        }
                    }
                }
                if missed > allowed {
                    continue;
                }
                let found = size - missed;
                let similarity = found as f64 / size as f64;
                if similarity < self.threshold {
                    continue;
                }
                if best.is_none_or(|(s, b)| similarity > s || (similarity == s && id < b)) {
                    best = Some((similarity, id));
                }
            }
            if let Some((_, id)) = best {
                let rule = self.templates[id as usize].rule as usize;
                return (!reported(span.0, span.1)).then_some((rule, span.0, span.1));
            }
        }
        None
    }

    /// True when `word` (normalised) is a word of some active pattern.
    fn is_pattern_word(&self, word: &str) -> bool {
        // A template's words are those of a robotic-opener pattern: one lookup, where the
        // vocabularies take a binary search each.
        self.word_ids.contains_key(word)
            || self.vocabulary_hashes.binary_search(&word_hash(word)).is_ok()
                && self
                    .vocabularies
                    .iter()
                    .any(|vocabulary| vocabulary.contains(word))
    }
}

/// A word's hash in [`Openers::vocabulary_hashes`].
fn word_hash(word: &str) -> u32 {
    let mut hasher = FxHasher::default();
    word.hash(&mut hasher);
    // The high half: FxHash mixes the bytes upwards.
    (hasher.finish() >> 32) as u32
}

/// The sorted, distinct [hashes](word_hash) of the words of `vocabularies`.
fn hashes_of(vocabularies: &[Arc<WordSet>]) -> Box<[u32]> {
    let mut hashes: Vec<u32> = vocabularies
        .iter()
        .flat_map(|v| v.iter())
        .map(word_hash)
        .collect();
    hashes.sort_unstable();
    hashes.dedup();
    hashes.into()
}

/// True when `text` has a capital letter.
fn has_capital(text: &str) -> bool {
    let bytes = text.as_bytes();
    // ASCII eight bytes at a time, up to the first capital or byte of another character.
    let mut at = swar::position(bytes, |word| {
        swar::non_ascii(word) | swar::ascii_between(swar::as_ascii(word), b'A', b'Z')
    })
    .unwrap_or(bytes.len());
    while let Some(&b) = bytes.get(at) {
        let (capital, len) = if b.is_ascii() {
            (b.is_ascii_uppercase(), 1)
        } else if let Some((code, len)) = bmp_code_at(bytes, at) {
            (is_uppercase_in_bmp(code), len)
        } else {
            let (c, len) = char_at(text, at);
            (is_uppercase(c), len)
        };
        if capital {
            return true;
        }
        at += len;
    }
    false
}

/// [`Openers::widest_from`] of `templates`, whose words are numbered below `words`.
fn widest_from(templates: &[Template], words: usize) -> Box<[u16]> {
    let mut widest = vec![0u16; words];
    for t in templates {
        let size = u16::try_from(t.words.1 - t.words.0).unwrap_or(u16::MAX);
        widest[t.first as usize] = widest[t.first as usize].max(size);
    }
    widest.into()
}

/// The words of a normalised text in order (apostrophes stay inside words: "we've"): its
/// runs of word characters and apostrophes, without the apostrophes at their ends.
fn ordered_words(text: &str) -> OrderedWords<'_> {
    OrderedWords { text, at: 0 }
}

/// The iterator [`ordered_words`] returns.
struct OrderedWords<'t> {
    text: &'t str,
    at: usize,
}

/// A byte that is an ASCII character of a word: a letter, a digit or the apostrophe.
const IN_WORD: u8 = 1;
/// A byte that starts a character of more than one byte, which is decoded to tell.
const DECODE: u8 = 2;

/// Each byte's kind for [`OrderedWords`]: [`IN_WORD`], [`DECODE`], or 0 for the rest of ASCII
/// (continuation bytes are never looked up).
static WORD_BYTES: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = if byte.is_ascii_alphanumeric() || byte == b'\'' {
            IN_WORD
        } else if byte.is_ascii() {
            0
        } else {
            DECODE
        };
        b += 1;
    }
    table
};

impl OrderedWords<'_> {
    /// Whether the character at `self.at` is in a word, and its length.
    #[inline(always)]
    fn in_word(&self) -> (bool, usize) {
        match WORD_BYTES[usize::from(self.text.as_bytes()[self.at])] {
            IN_WORD => (true, 1),
            DECODE => {
                let (word, _, len) = word_char_at(self.text, self.at);
                (word, len)
            }
            _ => (false, 1),
        }
    }

    /// Moves past the characters that are (or are not, `inside` false) in a word.
    #[inline(always)]
    fn skip(&mut self, inside: bool) {
        while self.at < self.text.len() {
            let (is_in, len) = self.in_word();
            if is_in != inside {
                break;
            }
            self.at += len;
        }
    }
}

impl<'t> Iterator for OrderedWords<'t> {
    type Item = &'t str;

    fn next(&mut self) -> Option<&'t str> {
        let bytes = self.text.as_bytes();
        loop {
            self.skip(false);
            if self.at == bytes.len() {
                return None;
            }
            let mut start = self.at;
            self.skip(true);
            let mut end = self.at;
            // Apostrophes at a run's ends quote it; they are not part of its word.
            while start < end && bytes[start] == b'\'' {
                start += 1;
            }
            while end > start && bytes[end - 1] == b'\'' {
                end -= 1;
            }
            if start < end {
                return Some(&self.text[start..end]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::normalize::is_word_char;
    use unicode_segmentation::UnicodeSegmentation;

    use super::*;

    #[test]
    fn ordered_words_are_the_runs_between_other_characters() {
        let split = |text: &str| -> Vec<String> {
            text.split(|c: char| !is_word_char(c) && c != '\'')
                .map(|w| w.trim_matches('\''))
                .filter(|w| !w.is_empty())
                .map(String::from)
                .collect()
        };
        let texts = [
            "",
            "we've 'quoted' it",
            "''",
            "a",
            " a1 b ",
            "thank you—for your patience!!",
            "ваш заказ, дорогой клиент",
            "'x'y' z",
            "கொள்கை இது.",
        ]
        .map(String::from);
        // Letters and digits of one and more bytes, a combining mark, the apostrophe, and
        // characters of one and more bytes that are in no word.
        let alphabet = ['a', '7', 'я', '\u{0301}', '\'', ' ', '—', '!', 'க'];
        for text in texts.iter().chain(&crate::testing::every_string(&alphabet, 4)) {
            assert_eq!(ordered_words(text).collect::<Vec<_>>(), split(text), "{text:?}");
        }
    }

    #[test]
    fn every_builtin_template_word_is_in_its_lexicon_s_vocabulary() {
        // `is_pattern_word` takes a template word for a pattern word without the
        // vocabularies: for the built-in lexicons, they say the same.
        for lexicon in crate::builtin_lexicons() {
            let part = lexicon.openers();
            for word in &part.words {
                assert!(
                    part.vocabulary.contains(word),
                    "{}: {word}",
                    lexicon.language().code
                );
            }
        }
    }

    /// Compares every sentence of `text`, not only its opening.
    fn every_sentence(openers: &Openers, text: &str) -> Option<(usize, usize, usize)> {
        let sentences: Vec<(usize, &str)> = text.split_sentence_bound_indices().collect();
        openers.find(&sentences, normalized(text), |_, _| false)
    }

    /// What the analysis gives [`Openers::find`]: the normalised words of a span of `text`.
    fn normalized(text: &str) -> impl Fn(usize, usize) -> Cow<'static, str> + '_ {
        |start, end| Cow::Owned(normalize(&text[start..end]).as_str().to_string())
    }

    fn openers() -> Openers {
        let part = LexiconOpeners::new(
            [
                (0, "thank you for contacting acme support"),
                (1, "dear valued customer"),
                (2, "hi"),
            ],
            ["your order"],
        );
        Openers::new(
            [(Arc::new(part), &[Some(0), Some(1), Some(2)][..])],
            DEFAULT_OPENER_SIMILARITY,
        )
    }

    #[test]
    fn templates_read_back_as_written_and_refuse_rules_they_do_not_have() {
        let openers = openers();
        let mut out = Out::default();
        openers.encode(&mut out);
        let read = Openers::decode(&out.0, 3, 0.5).unwrap();
        assert_eq!(read.threshold, 0.5);
        assert_eq!(
            Openers {
                threshold: 0.5,
                ..openers
            },
            read
        );
        assert!(Openers::decode(&out.0, 1, 0.5).is_none());
        assert!(Openers::decode(&out.0[..out.0.len() - 1], 3, 0.5).is_none());
    }

    #[test]
    fn a_changed_company_name_still_matches() {
        let text = "Thank you for contacting Globex support. Your order shipped.";
        let (rule, start, end) = every_sentence(&openers(), text).unwrap();
        assert_eq!(
            (rule, &text[start..end]),
            (0, "Thank you for contacting Globex support.")
        );
        // A capital that is not ASCII starts a name too.
        let text = "Thank you for contacting Ökotech support.";
        assert_eq!(every_sentence(&openers(), text).map(|m| m.0), Some(0));
    }

    #[test]
    fn a_sentence_the_exact_patterns_report_is_left_to_them() {
        let openers = openers();
        let sentences = |text| -> Vec<(usize, &str)> {
            UnicodeSegmentation::split_sentence_bound_indices(text).collect()
        };
        let (first, second) = (|start: usize, _| start == 0, |start: usize, _| start > 0);
        // The first sentence resembles a template: where the exact patterns report it, the
        // search ends there with nothing found.
        let text =
            "Dear valued customer, your refund is on its way. Thank you for contacting Globex support.";
        let both = sentences(text);
        assert_eq!(openers.find(&both, normalized(text), first), None);
        assert_eq!(
            openers.find(&both, normalized(text), second).map(|m| m.0),
            Some(1)
        );
        // A reported sentence that resembles none is passed over.
        let text = "Hello there, friend. Thank you for contacting Globex support.";
        let second_only = sentences(text);
        assert_eq!(
            openers.find(&second_only, normalized(text), first).map(|m| m.0),
            Some(0)
        );
        assert_eq!(openers.find(&second_only, normalized(text), second), None);
    }

    #[test]
    fn a_capital_is_found_in_any_script_and_place() {
        let alphabet = ['a', 'Z', ' ', 'д', 'Д', 'é', 'É', '😀', '.', '\u{301}'];
        for short in crate::testing::every_string(&alphabet, 4) {
            // Each also after seven bytes, across two words of the eight-byte scan.
            for text in [short.clone(), format!("abcdefg{short}")] {
                assert_eq!(
                    has_capital(&text),
                    text.chars().any(char::is_uppercase),
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn a_word_s_reach_is_the_widest_template_it_opens() {
        let openers = openers();
        let widest = |word: &str| openers.widest_from[openers.word_ids[word] as usize];
        assert_eq!((widest("thank"), widest("dear"), widest("customer")), (6, 3, 0));
        // "Hi" is too short a template: the exact patterns have it.
        assert!(!openers.word_ids.contains_key("hi"));
    }

    #[test]
    fn an_inserted_name_still_matches() {
        let text = "Dear valued Acme customer, your refund is on its way.";
        assert_eq!(every_sentence(&openers(), text).map(|m| m.0), Some(1));
    }

    #[test]
    fn the_first_two_words_may_lie_past_the_first_two_runs_of_characters() {
        // A dash is a run of characters with no word; a no-break space separates two words.
        let text = "— Dear valued customer, your refund is on its way.";
        assert_eq!(every_sentence(&openers(), text).map(|m| m.0), Some(1));
        let text = "Dear\u{00A0}valued customer, your refund is on its way.";
        assert_eq!(every_sentence(&openers(), text).map(|m| m.0), Some(1));
    }

    #[test]
    fn without_a_name_every_template_word_must_be_there_in_any_order() {
        // No capitalised word but the first: only templates whose words are all in the
        // sentence's first ones are compared, found through their rarest word.
        let text = "thank you for contacting the acme support team today.";
        assert_eq!(every_sentence(&openers(), text).map(|m| m.0), Some(0));
        let text = "Dear customer, valued as ever: your order shipped.";
        assert_eq!(every_sentence(&openers(), text).map(|m| m.0), Some(1));
        let text = "thank you for contacting our support";
        assert_eq!(every_sentence(&openers(), text), None);
    }

    #[test]
    fn near_misses_below_the_threshold_do_not_match() {
        for text in [
            "Thank you for your order.",
            "Thank you for contacting Order support.",
            "Thank you for contacting me about the broken lamp that arrived on Monday morning.",
            "Hi",
        ] {
            assert_eq!(every_sentence(&openers(), text), None, "{text}");
        }
    }

    #[test]
    fn zero_turns_it_off() {
        let part = LexiconOpeners::new([(0, "dear valued customer")], []);
        let off = Openers::new([(Arc::new(part), &[Some(0)][..])], 0.0);
        assert_eq!(every_sentence(&off, "Dear valued customer"), None);
    }

    #[test]
    fn pattern_words_are_cut_as_the_word_folds_cut_them() {
        let part = LexiconOpeners::new([], ["we've got it", "ng"]);
        let has = |words: &[&str]| part.has_any_word(&words.iter().copied().collect());
        assert!(has(&["ve"]) && has(&["we"]) && has(&["got"]) && has(&["ng", "nang"]));
        assert!(!has(&["nang"]) && !has(&["wee"]) && !has(&[]));
    }

    #[test]
    fn a_word_is_a_pattern_word_when_some_vocabulary_holds_it() {
        let parts: Vec<Arc<LexiconOpeners>> = crate::builtin_lexicons().iter().map(|l| l.openers()).collect();
        // Every rule disabled: the vocabularies alone say which words are pattern words.
        let disabled: Vec<Vec<Option<usize>>> = parts
            .iter()
            .map(|p| vec![None; p.templates().map(|(rule, _)| rule + 1).max().unwrap_or(0)])
            .collect();
        let openers = Openers::new(
            parts.iter().cloned().zip(disabled.iter().map(Vec::as_slice)),
            DEFAULT_OPENER_SIMILARITY,
        );
        let held = |word: &str| parts.iter().any(|p| p.vocabulary.contains(word));
        for word in parts.iter().flat_map(|p| p.vocabulary.iter()) {
            assert!(openers.is_pattern_word(word), "{word}");
            let mut shorter = word.chars();
            shorter.next_back();
            for near in [format!("{word}s"), shorter.as_str().to_string()] {
                assert_eq!(openers.is_pattern_word(&near), held(&near), "{near}");
            }
        }
        assert!(!openers.is_pattern_word("anna") && !openers.is_pattern_word("globex"));
    }

    #[test]
    fn merged_lexicons_keep_their_own_rules_and_leave_out_disabled_ones() {
        let first = LexiconOpeners::new(
            [
                (0, "dear valued customer"),
                (1, "thank you for contacting acme support"),
            ],
            [],
        );
        let second = LexiconOpeners::new([(0, "thank you for your patience")], ["order"]);
        let openers = Openers::new(
            [
                (Arc::new(first), &[None, Some(3)][..]),
                (Arc::new(second), &[Some(7)][..]),
            ],
            DEFAULT_OPENER_SIMILARITY,
        );
        let rule = |text: &str| every_sentence(&openers, text).map(|m| m.0);
        assert_eq!(rule("Dear valued customer, hello."), None, "its rule is disabled");
        assert_eq!(rule("Thank you for contacting Globex support."), Some(3));
        assert_eq!(rule("Thank you for your patience, Anna."), Some(7));
        // The second lexicon's vocabulary counts too: "Order" is not a name.
        assert_eq!(rule("Thank you for your Order."), None);
    }
}
