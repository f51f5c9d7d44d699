//! What the matcher is built from: the splits of the enabled rules, with every lexicon's
//! spelling variants folded in and grouped by the particles their lexicons drop, and the
//! words its walks find besides the anchors. `build.rs` builds the default analyzer's matcher
//! from the same functions, so the one it embeds is the one a build would make.

use std::borrow::Cow;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::lexicon::Lexicon;
use crate::matcher::Groups;
use crate::normalize::{stands_whole, Particles, WordFolds};
use crate::pattern::Split;

/// The spelling variants of every lexicon: they apply to the text and to every pattern.
pub(crate) fn word_folds(lexicons: &[&Lexicon]) -> WordFolds {
    let mut folds = WordFolds::default();
    for lexicon in lexicons {
        folds.add(lexicon.language().word_variants.iter().map(|(v, c)| (v, c)));
    }
    folds
}

/// The distinct sets of particles of `lexicons`, the first empty, and the set of each
/// lexicon: the patterns of each set are matched against the text without its particles.
pub(crate) fn particle_groups(lexicons: &[&Lexicon]) -> (Vec<Particles>, Vec<usize>) {
    let mut groups = vec![Particles::default()];
    let group_of = lexicons
        .iter()
        .map(|lexicon| {
            let particles = Particles::new(&lexicon.language().particles);
            groups.iter().position(|p| *p == particles).unwrap_or_else(|| {
                groups.push(particles);
                groups.len() - 1
            })
        })
        .collect();
    (groups, group_of)
}

/// The splits for [`Matcher::new`](crate::matcher::Matcher::new), `(split, rule, group)`,
/// group by group: `glossary` first (`(split, rule)`, matched against the plain text), then
/// those of each lexicon's rules that `rule_indices` numbers (`None` for a disabled rule), in
/// the group [`particle_groups`] gives the lexicon.
pub(crate) fn splits<'l>(
    lexicons: &[&'l Lexicon],
    rule_indices: &[Vec<Option<usize>>],
    group_of: &[usize],
    glossary: Vec<(Split, usize)>,
    folds: &WordFolds,
) -> Vec<(Cow<'l, Split>, usize, usize)> {
    let groups = group_of.iter().max().map_or(1, |&g| g + 1);
    let mut by_group: Vec<Vec<(Cow<'l, Split>, usize)>> = vec![Vec::new(); groups];
    by_group[0].extend(
        glossary
            .into_iter()
            .map(|(split, rule)| (Cow::Owned(split), rule)),
    );
    // Each lexicon's splits carry its own word folds already; the other lexicons' folds
    // apply on top, as they do to the text.
    let fold_all = |parts: &[Cow<'static, str>]| -> Vec<Cow<'static, str>> {
        parts
            .iter()
            .map(|p| match folds.apply_normalized_literal(p) {
                Cow::Borrowed(_) => p.clone(),
                Cow::Owned(folded) => Cow::Owned(folded),
            })
            .collect()
    };
    // Nearly always none of a lexicon's pattern words is a variant of another lexicon, and
    // folding its patterns would change nothing.
    let variants: FxHashSet<&str> = lexicons
        .iter()
        .flat_map(|l| &l.language().word_variants)
        .map(|(variant, _)| variant.as_str())
        .collect();
    for ((lexicon, indices), &group) in lexicons.iter().zip(rule_indices).zip(group_of) {
        let fold = lexicon.openers().has_any_word(&variants);
        for (rule, index) in lexicon.rules().iter().zip(indices) {
            let Some(index) = *index else { continue };
            for split in &rule.splits {
                let split = if fold {
                    Cow::Owned(Split {
                        prefixes: fold_all(&split.prefixes),
                        anchors: fold_all(&split.anchors),
                        suffixes: fold_all(&split.suffixes),
                    })
                } else {
                    Cow::Borrowed(split)
                };
                by_group[group].push((split, index));
            }
        }
    }
    by_group
        .into_iter()
        .enumerate()
        .flat_map(|(group, splits)| splits.into_iter().map(move |(split, rule)| (split, rule, group)))
        .collect()
}

/// What the words that the matcher's walk finds besides anchors stand for: the context cues'
/// words (numbered as the cues number them), then the spelling variants and the particles
/// that are not among those. So the one walk of a chunk also tells whether the chunk has a
/// variant to fold and where its particles are, which took a walk each.
#[derive(Debug)]
pub(crate) struct WalkWords {
    /// The canonical form of each word that is a spelling variant of the analyzer's
    /// [`WordFolds`].
    canonical: Vec<Option<String>>,
    /// The particle groups of which each word is a particle.
    particle_of: Vec<Groups>,
    /// How many particle groups there are; the first has no particles.
    groups: usize,
}

impl WalkWords {
    /// The words for [`Matcher::new`](crate::matcher::Matcher::new), distinct, and what each
    /// stands for: the `cue_words` ([`cue_literals`](crate::lexicon::cue_literals)), then `folds`' variants and the
    /// `particles` that are not among those.
    pub fn new<'a>(
        cue_words: &[(&'a str, bool)],
        folds: &'a WordFolds,
        particles: &'a [Particles],
    ) -> (Vec<String>, WalkWords) {
        let mut words: Vec<&str> = cue_words.iter().map(|&(word, _)| word).collect();
        let cues = words.len();
        let mut roles = WalkWords {
            canonical: vec![None; cues],
            particle_of: vec![Groups::default(); cues],
            groups: particles.len(),
        };
        let mut index: FxHashMap<&str, usize> = words.iter().enumerate().map(|(i, &w)| (w, i)).collect();
        let mut add = |word, roles: &mut WalkWords| {
            *index.entry(word).or_insert_with(|| {
                words.push(word);
                roles.canonical.push(None);
                roles.particle_of.push(Groups::default());
                words.len() - 1
            })
        };
        for (word, canonical) in folds.variant_words() {
            let i = add(word, &mut roles);
            roles.canonical[i] = Some(canonical.to_string());
        }
        for (group, particles) in particles.iter().enumerate() {
            for word in particles.words() {
                let i = add(word, &mut roles);
                roles.particle_of[i].insert(group);
            }
        }
        (words.into_iter().map(str::to_string).collect(), roles)
    }

    /// How many particle groups there are; the first has no particles.
    pub fn groups(&self) -> usize {
        self.groups
    }

    /// The spelling variants that stand whole among the words `found` in `text`, in the
    /// order found, each with its canonical form: the edits that fold the text, what
    /// [`WordFolds::apply`] would search the text for again.
    pub fn variants(&self, text: &str, found: &[(usize, usize, usize)]) -> Vec<(usize, usize, &str)> {
        found
            .iter()
            .filter_map(|&(word, start, end)| {
                let canonical = self.canonical[word].as_deref()?;
                stands_whole(text, start, end).then_some((start, end, canonical))
            })
            .collect()
    }

    /// The groups that have a particle among the words `found`, standing whole or not.
    pub fn particle_groups(&self, found: &[(usize, usize, usize)]) -> Groups {
        found.iter().fold(Groups::default(), |groups, &(word, _, _)| {
            groups.union(self.particle_of[word])
        })
    }

    /// Where the particles of `group` stand whole among the words `found` in `text`.
    pub fn particles(
        &self,
        group: usize,
        text: &str,
        found: &[(usize, usize, usize)],
    ) -> Vec<(usize, usize)> {
        found
            .iter()
            .filter(|&&(word, start, end)| {
                self.particle_of[word].contains(group) && stands_whole(text, start, end)
            })
            .map(|&(_, start, end)| (start, end))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_walk_finds_each_word_once_whatever_it_stands_for() {
        let mut folds = WordFolds::default();
        let (nang, ng) = ("nang".to_string(), "ng".to_string());
        folds.add([(&nang, &ng)]);
        let particles = [Particles::default(), Particles::new(&["po".into(), "ho".into()])];
        let (words, roles) = WalkWords::new(&[("hindi", false), ("po", false)], &folds, &particles);
        // The cues keep their numbers; a particle that is also a cue word is not added again.
        assert_eq!(words, ["hindi", "po", "nang", "ho"]);
        assert_eq!(roles.canonical, [None, None, Some(ng.clone()), None]);
        let of_tagalog: Vec<bool> = roles.particle_of.iter().map(|g| g.contains(1)).collect();
        assert_eq!(of_tagalog, [false, true, false, true]);
        assert!(roles.particle_of.iter().all(|g| !g.contains(0)));

        // Only words standing whole count: "nangyari" holds "nang" but is another word.
        let text = "hindi po nangyari ho";
        let found = [(1, 6, 8), (2, 9, 13), (3, 18, 20)];
        assert_eq!(roles.variants(text, &found), []);
        let folded = roles.variants("sinabi ko nang malinaw", &[(2, 10, 14)]);
        assert_eq!(folded, [(10, 14, "ng")]);
        assert_eq!(roles.particles(1, text, &found), [(6, 8), (18, 20)]);
        assert_eq!(roles.particles(0, text, &found), []);
        assert_eq!(roles.particle_groups(&found), Groups::one(1));
        assert!(roles.particle_groups(&found[1..2]).is_empty());
    }
}
