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

use std::collections::HashSet;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::normalize::{is_word_char, normalize};

/// The default threshold of [`AnalyzerBuilder::opener_similarity`](crate::AnalyzerBuilder::opener_similarity).
pub const DEFAULT_OPENER_SIMILARITY: f64 = 0.8;
/// The sentence's first words compared with a template: as many as it has, plus this many.
pub const MAX_EXTRA_WORDS: usize = 3;
/// Templates shorter than this are matched exactly only.
pub const MIN_TEMPLATE_WORDS: usize = 3;

/// Every robotic-opener literal of the active lexicons as a set of words, indexed by its first
/// word: only templates whose first word opens the sentence are compared with it, and there
/// are tens of thousands of templates.
#[derive(Debug, Default)]
pub(crate) struct Openers {
    templates: Vec<Template>,
    /// For each first word, the templates it opens.
    by_first: FxHashMap<String, Vec<u32>>,
    /// Every template word, numbered.
    word_ids: FxHashMap<String, u32>,
    /// Every word of every active pattern: a capitalised word among them is not a name.
    vocabulary: FxHashSet<String>,
    threshold: f64,
}

#[derive(Debug)]
struct Template {
    rule: usize,
    /// Its distinct words, rarest among the templates first, so a comparison that fails
    /// fails early.
    words: Box<[u32]>,
}

impl Openers {
    /// The templates: `(rule, normalised literal)` pairs; `vocabulary`: the normalised words
    /// of every active pattern.
    pub fn new<'a>(
        literals: impl IntoIterator<Item = (usize, &'a str)>,
        vocabulary: impl IntoIterator<Item = &'a str>,
        threshold: f64,
    ) -> Openers {
        let mut openers = Openers {
            threshold,
            vocabulary: vocabulary
                .into_iter()
                .flat_map(ordered_words)
                .map(str::to_string)
                .collect(),
            ..Openers::default()
        };
        let mut seen = HashSet::new();
        let mut frequency: Vec<u32> = Vec::new();
        for (rule, literal) in literals {
            let mut words: Vec<u32> = Vec::new();
            for word in ordered_words(literal) {
                let next = openers.word_ids.len() as u32;
                let id = *openers.word_ids.entry(word.to_string()).or_insert(next);
                if !words.contains(&id) {
                    words.push(id);
                }
            }
            if words.len() < MIN_TEMPLATE_WORDS || !seen.insert((rule, words.clone())) {
                continue;
            }
            frequency.resize(openers.word_ids.len(), 0);
            for &w in &words {
                frequency[w as usize] += 1;
            }
            let first = ordered_words(literal).next().unwrap_or_default().to_string();
            openers
                .by_first
                .entry(first)
                .or_default()
                .push(openers.templates.len() as u32);
            openers.templates.push(Template {
                rule,
                words: words.into_boxed_slice(),
            });
        }
        for template in &mut openers.templates {
            template.words.sort_by_key(|&w| frequency[w as usize]);
        }
        openers
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
    pub fn find(&self, sentences: &[(usize, &str)]) -> Option<(usize, usize, usize)> {
        if self.templates.is_empty() || self.threshold <= 0.0 {
            return None;
        }
        for &(start, sentence) in sentences {
            let trimmed = sentence.trim();
            if trimmed.is_empty() {
                continue;
            }
            let normalized = normalize(trimmed);
            let mut head: Vec<&str> = ordered_words(normalized.as_str()).take(2).collect();
            head.dedup();
            let candidates: Vec<u32> = head
                .iter()
                .flat_map(|w| self.by_first.get(*w).into_iter().flatten().copied())
                .collect();
            if candidates.is_empty() {
                continue;
            }
            // Where each template word first stands in the sentence.
            let mut position: FxHashMap<u32, usize> = FxHashMap::default();
            for (at, word) in ordered_words(normalized.as_str()).enumerate() {
                if let Some(&id) = self.word_ids.get(word) {
                    position.entry(id).or_insert(at);
                }
            }
            // Where the names stand (capitalised words after the first that no pattern has,
            // unlike an honorific such as "Kakak"): a name can replace a template's word.
            let capitals: Vec<usize> = ordered_words(trimmed)
                .enumerate()
                .skip(1)
                .filter(|(_, w)| {
                    w.chars().next().is_some_and(char::is_uppercase)
                        && !self.vocabulary.contains(normalize(w).as_str())
                })
                .map(|(at, _)| at)
                .collect();
            let mut best: Option<(f64, u32)> = None;
            for id in candidates {
                let template = &self.templates[id as usize];
                let size = template.words.len();
                let window = size + MAX_EXTRA_WORDS;
                let names = capitals.iter().filter(|&&at| at < window).count();
                // A miss that no name makes up for rules the template out.
                let allowed = names;
                let mut missed = 0;
                for w in template.words.iter() {
                    if position.get(w).is_none_or(|&at| at >= window) {
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
                let at = start + (sentence.len() - sentence.trim_start().len());
                return Some((self.templates[id as usize].rule, at, at + trimmed.len()));
            }
        }
        None
    }
}

/// The words of a normalised text in order (apostrophes stay inside words: "we've").
fn ordered_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_word_char(c) && c != '\'')
        .map(|w| w.trim_matches('\''))
        .filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use unicode_segmentation::UnicodeSegmentation;

    use super::*;

    /// Compares every sentence of `text`, not only its opening.
    fn every_sentence(openers: &Openers, text: &str) -> Option<(usize, usize, usize)> {
        let sentences: Vec<(usize, &str)> = text.split_sentence_bound_indices().collect();
        openers.find(&sentences)
    }

    fn openers() -> Openers {
        Openers::new(
            [
                (0, "thank you for contacting acme support"),
                (1, "dear valued customer"),
                (2, "hi"),
            ],
            ["your order"],
            DEFAULT_OPENER_SIMILARITY,
        )
    }

    #[test]
    fn a_changed_company_name_still_matches() {
        let text = "Thank you for contacting Globex support. Your order shipped.";
        let (rule, start, end) = every_sentence(&openers(), text).unwrap();
        assert_eq!(
            (rule, &text[start..end]),
            (0, "Thank you for contacting Globex support.")
        );
    }

    #[test]
    fn an_inserted_name_still_matches() {
        let text = "Dear valued Acme customer, your refund is on its way.";
        assert_eq!(every_sentence(&openers(), text).map(|m| m.0), Some(1));
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
        let off = Openers::new([(0, "dear valued customer")], [], 0.0);
        assert_eq!(every_sentence(&off, "Dear valued customer"), None);
    }
}
