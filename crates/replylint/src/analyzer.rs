//! [`Analyzer`] and its [`AnalyzerBuilder`]: configuration in, reports out.

use std::borrow::Cow;
use std::cell::{Cell, LazyCell};
use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};

use crate::absence;
use crate::assemble::{self, WalkWords};
use crate::category::{Category, Severity};
use crate::commitments;
use crate::context::{self, Cue, Cues};
use crate::error::Error;
use crate::filter;
use crate::heuristics;
use crate::language::Detector;
use crate::lexicon::{cue_literals, Lexicon, Position};
use crate::matcher::{leftmost_longest, Found, Groups, Matcher, RawMatch};
use crate::normalize::{normalize, Normalized, Particles, WordFolds};
use crate::openers::{Openers, DEFAULT_OPENER_SIMILARITY};
use crate::pattern::Split;
use crate::report::{self, Finding, Hit, Report, RuleMeta, RuleText};

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_lexicons.rs"));
}

static BUILTIN_LEXICONS: LazyLock<Vec<Lexicon>> = LazyLock::new(|| read_builtin(builtin::BUILTIN));

/// Reads the built-in lexicons, in order.
fn read_builtin(builtins: &[builtin::Builtin]) -> Vec<Lexicon> {
    #[cfg(feature = "parallel")]
    if let Some(read) = read_on_every_core(builtins) {
        return read;
    }
    builtins.iter().map(read_one).collect()
}

/// Reads the built-in lexicons, in order, on every core, when there is more than one:
/// reading them is over a third of a process's first `Analyzer::new()`. Plain scoped threads,
/// each taking the next lexicon not yet taken, and not rayon's pool: a rayon worker waiting
/// for the others would run other tasks meanwhile, and one of them could want these
/// lexicons while they are being read.
#[cfg(feature = "parallel")]
fn read_on_every_core(builtins: &[builtin::Builtin]) -> Option<Vec<Lexicon>> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let threads = cores().min(builtins.len());
    if threads <= 1 {
        return None;
    }
    let next = AtomicUsize::new(0);
    let take = || {
        let mut read = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(b) = builtins.get(i) else { break read };
            read.push((i, read_one(b)));
        }
    };
    let mut read: Vec<(usize, Lexicon)> = std::thread::scope(|scope| {
        // A thread the system refuses leaves its share to the others.
        let others: Vec<_> = (1..threads)
            .filter_map(|_| std::thread::Builder::new().spawn_scoped(scope, take).ok())
            .collect();
        let mut read = take();
        for other in others {
            read.extend(
                other
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            );
        }
        read
    });
    read.sort_by_key(|&(i, _)| i);
    Some(read.into_iter().map(|(_, lexicon)| lexicon).collect())
}

/// Runs `a` here and `b` on another thread, when the `parallel` feature is on and there is
/// more than one core; else one after the other. A scoped thread and not rayon's pool, for
/// the reason [`read_on_every_core`] gives.
fn join<A, B: Send>(a: impl FnOnce() -> A, b: impl FnOnce() -> B + Send) -> (A, B) {
    #[cfg(feature = "parallel")]
    if cores() > 1 {
        use std::sync::{Mutex, PoisonError};
        // Taken by the other thread, or by this one when the system refuses a thread.
        let b = Mutex::new(Some(b));
        let take_b = || b.lock().unwrap_or_else(PoisonError::into_inner).take();
        return std::thread::scope(|scope| {
            let other = std::thread::Builder::new()
                .spawn_scoped(scope, || take_b().map(|b| b()))
                .ok();
            let a = a();
            let done = other.and_then(|other| {
                other
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            });
            (a, done.unwrap_or_else(|| take_b().expect("`b` runs once")()))
        });
    }
    (a(), b())
}

/// `f` of each of `items`, in their order: on every core when the `parallel` feature is on.
fn map_all<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync + Send) -> Vec<R> {
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        items.par_iter().map(f).collect()
    }
    #[cfg(not(feature = "parallel"))]
    items.iter().map(f).collect()
}

/// `f` on each run of `size` items of `items` (the last one shorter): on every core when the
/// `parallel` feature is on.
fn for_each_run<T: Send>(items: &mut [T], size: usize, f: impl Fn(&mut [T]) + Sync + Send) {
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        items.par_chunks_mut(size).for_each(f);
    }
    #[cfg(not(feature = "parallel"))]
    items.chunks_mut(size).for_each(f);
}

/// The cores this process may use.
#[cfg(feature = "parallel")]
fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

fn read_one(b: &builtin::Builtin) -> Lexicon {
    Lexicon::from_precomputed(b.precomputed)
}

static DEFAULT_ANALYZER: LazyLock<Analyzer> = LazyLock::new(|| {
    AnalyzerBuilder::default()
        .build()
        .expect("the built-in lexicons always build")
});

/// The lexicons compiled into this build, English first (one per enabled `lang-*` feature).
///
/// ```
/// let codes: Vec<&str> = replylint::builtin_lexicons().iter().map(|l| l.language().code.as_str()).collect();
/// assert_eq!(codes[0], "en");
/// ```
pub fn builtin_lexicons() -> &'static [Lexicon] {
    &BUILTIN_LEXICONS
}

/// The longest glossary term accepted, in characters. Jargon is a word or a short phrase;
/// anything longer is almost certainly a pasted paragraph.
pub const MAX_GLOSSARY_TERM_CHARS: usize = 100;

/// Texts are matched in pieces of about this many bytes, cut at line breaks, so the extra
/// memory an analysis needs stays bounded whatever the size of the text.
const CHUNK_BYTES: usize = 1 << 20;

/// Rule ids of the checks that are not in any lexicon.
pub mod core_rules {
    /// An acronym the reply does not explain.
    pub const UNEXPLAINED_ACRONYM: &str = "core.unexplained-acronym";
    /// Three or more all-caps words in a row.
    pub const SHOUTING: &str = "core.shouting";
    /// `!!`, `?!` and longer runs.
    pub const PUNCTUATION_RUN: &str = "core.punctuation-run";
    /// A term from the caller's glossary of company jargon.
    pub const GLOSSARY: &str = "core.glossary";
    /// A promise with a deadline that is also a guarantee ("guaranteed by tomorrow").
    pub const GUARANTEED_DEADLINE: &str = "core.guaranteed-deadline";
    /// A promised deadline later than the service-level target
    /// ([`sla_hours`](crate::AnalyzerBuilder::sla_hours)).
    pub const OVER_SLA: &str = "core.over-sla";
    /// A reply to a complaint with no next step, time frame or owner (opt-in).
    pub const NO_NEXT_STEP: &str = "core.no-next-step";
    /// A reply that ends without offering further help (opt-in).
    pub const NO_OFFER_OF_HELP: &str = "core.no-offer-of-help";
    /// Every id above.
    pub const ALL: [&str; 8] = [
        UNEXPLAINED_ACRONYM,
        SHOUTING,
        PUNCTUATION_RUN,
        GLOSSARY,
        GUARANTEED_DEADLINE,
        OVER_SLA,
        NO_NEXT_STEP,
        NO_OFFER_OF_HELP,
    ];
}

/// A rule an [`Analyzer`] applies: from a lexicon, the glossary, or the shape checks.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RuleInfo {
    /// The full rule id.
    pub id: String,
    /// What the rule is about.
    pub category: Category,
    /// How much a finding matters.
    pub severity: Severity,
    /// The language of the rule's lexicon, `und` for the `core.*` rules.
    pub language: String,
}

/// One entry of a company-jargon glossary: a term customers do not know, and optionally what
/// to say instead.
///
/// ```
/// use replylint::GlossaryEntry;
///
/// let plain: GlossaryEntry = "L2 queue".into();
/// let with_replacement: GlossaryEntry = ("RMA", "return label").into();
/// assert_eq!(with_replacement.replacement.as_deref(), Some("return label"));
/// assert_eq!(plain.replacement, None);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct GlossaryEntry {
    /// The jargon, matched like a lexicon pattern (case-insensitive, on word boundaries).
    pub term: String,
    /// Plain words to use instead.
    #[serde(default)]
    pub replacement: Option<String>,
}

impl From<&str> for GlossaryEntry {
    fn from(term: &str) -> GlossaryEntry {
        GlossaryEntry {
            term: term.to_string(),
            replacement: None,
        }
    }
}

impl From<String> for GlossaryEntry {
    fn from(term: String) -> GlossaryEntry {
        GlossaryEntry {
            term,
            replacement: None,
        }
    }
}

impl From<(&str, &str)> for GlossaryEntry {
    fn from((term, replacement): (&str, &str)) -> GlossaryEntry {
        GlossaryEntry {
            term: term.to_string(),
            replacement: Some(replacement.to_string()),
        }
    }
}

#[derive(Clone, Debug)]
enum LexiconSource {
    Parsed(Box<Lexicon>),
    Text { origin: String, source: String },
    File(PathBuf),
}

/// Configures an [`Analyzer`]. Every setter has a default; [`build`](Self::build) checks the
/// whole configuration at once and says what to fix.
///
/// ```
/// use replylint::{Analyzer, Severity};
///
/// let analyzer = Analyzer::builder()
///     .languages(["en"])
///     .jargon([("RMA", "return label")])
///     .disable_rules(["core.punctuation-run"])
///     .min_severity(Severity::Warning)
///     .build()
///     .unwrap();
/// let report = analyzer.analyze("Print the RMA!!");
/// assert_eq!(report.findings()[0].rule_id(), "core.glossary");
/// assert_eq!(report.findings().len(), 1);
/// ```
#[derive(Clone, Debug)]
pub struct AnalyzerBuilder {
    languages: Option<Vec<String>>,
    lexicons: Vec<LexiconSource>,
    glossary: Vec<GlossaryEntry>,
    disabled_rules: Vec<String>,
    min_severity: Severity,
    detected_language_only: bool,
    skip_quoted: bool,
    sla_hours: Option<u32>,
    opener_similarity: f64,
    absence_rules: bool,
}

impl Default for AnalyzerBuilder {
    fn default() -> AnalyzerBuilder {
        AnalyzerBuilder {
            languages: None,
            lexicons: Vec::new(),
            glossary: Vec::new(),
            disabled_rules: Vec::new(),
            min_severity: Severity::Info,
            detected_language_only: false,
            skip_quoted: true,
            sla_hours: None,
            opener_similarity: DEFAULT_OPENER_SIMILARITY,
            absence_rules: false,
        }
    }
}

impl AnalyzerBuilder {
    /// Restricts the built-in lexicons to these language codes. Default: every built-in
    /// language. An empty list keeps only your own lexicons, glossary and the shape checks.
    /// Fewer languages make a smaller automaton and a faster build.
    pub fn languages<I, S>(&mut self, codes: I) -> &mut AnalyzerBuilder
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.languages = Some(codes.into_iter().map(Into::into).collect());
        self
    }

    /// Adds a lexicon you parsed with [`Lexicon::parse`]. Its rules are always active.
    pub fn lexicon(&mut self, lexicon: Lexicon) -> &mut AnalyzerBuilder {
        self.lexicons.push(LexiconSource::Parsed(Box::new(lexicon)));
        self
    }

    /// Adds a lexicon from TOML text; `origin` names it in error messages.
    pub fn lexicon_str(&mut self, origin: &str, source: &str) -> &mut AnalyzerBuilder {
        self.lexicons.push(LexiconSource::Text {
            origin: origin.to_string(),
            source: source.to_string(),
        });
        self
    }

    /// Adds a lexicon file, read when the analyzer is built.
    pub fn lexicon_file(&mut self, path: impl AsRef<Path>) -> &mut AnalyzerBuilder {
        self.lexicons
            .push(LexiconSource::File(path.as_ref().to_path_buf()));
        self
    }

    /// Adds terms of company jargon (`core.glossary`, category jargon), each a string or a
    /// `(term, replacement)` pair. Terms are matched like patterns, without pattern syntax.
    pub fn jargon<I, T>(&mut self, terms: I) -> &mut AnalyzerBuilder
    where
        I: IntoIterator<Item = T>,
        T: Into<GlossaryEntry>,
    {
        self.glossary.extend(terms.into_iter().map(Into::into));
        self
    }

    /// Turns rules off by full id (`en.company-policy`, `core.shouting`). Unknown ids are an
    /// error, so a typo never leaves a rule on.
    pub fn disable_rules<I, S>(&mut self, ids: I) -> &mut AnalyzerBuilder
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.disabled_rules.extend(ids.into_iter().map(Into::into));
        self
    }

    /// Drops problems below this severity. Default: `Info` (report everything). Positive
    /// signals are always reported; they have no severity to speak of.
    pub fn min_severity(&mut self, severity: Severity) -> &mut AnalyzerBuilder {
        self.min_severity = severity;
        self
    }

    /// Keeps only findings of the message's own language (see
    /// [`detect_language`](crate::detect_language)) and of English, the lingua franca of
    /// support, when the language can be told. Default: off, every active language counts.
    /// Turn it on when a phrase of one language happens to be an innocent phrase in another
    /// of your active languages.
    pub fn detected_language_only(&mut self, yes: bool) -> &mut AnalyzerBuilder {
        self.detected_language_only = yes;
        self
    }

    /// Skips text the agent only quotes: inside quotation marks of any script, `>` lines,
    /// and everything from an "On … wrote:" or forwarded-message header on. Default: on.
    /// Ranges marked as the customer's ([`Analyzer::analyze_marked`]) are skipped either way.
    pub fn skip_quoted(&mut self, yes: bool) -> &mut AnalyzerBuilder {
        self.skip_quoted = yes;
        self
    }

    /// The service-level target in hours: a promised deadline that allows more
    /// ("within 5 business days" is 120) is reported as `core.over-sla` (false_promise).
    /// Default: none, no deadline is too late.
    pub fn sla_hours(&mut self, hours: u32) -> &mut AnalyzerBuilder {
        self.sla_hours = Some(hours);
        self
    }

    /// How close the reply's opening sentence must come to a robotic-opener template of the
    /// lexicons to be reported as that template's rule, from 0 to 1: the share of the
    /// template's words the sentence has, when it is at most 3 words longer. Default:
    /// [`DEFAULT_OPENER_SIMILARITY`] (0.8), which lets a name or a company differ in a
    /// template of five words or more; 1 asks for every word (in any order, with up to 3
    /// added); 0 turns the similarity check off, leaving the exact patterns.
    ///
    /// ```
    /// let text = "Thank you for contacting Globex customer support. Your refund is on its way.";
    /// let report = replylint::Analyzer::new().analyze(text);
    /// assert_eq!(report.findings()[0].rule_id(), "en.thank-you-for-contacting");
    /// let off = replylint::Analyzer::builder().opener_similarity(0.0).build().unwrap();
    /// assert!(off.analyze(text).is_clean());
    /// ```
    pub fn opener_similarity(&mut self, threshold: f64) -> &mut AnalyzerBuilder {
        self.opener_similarity = threshold;
        self
    }

    /// Turns on the rules about what a reply lacks: `core.no-next-step` (a reply to a
    /// complaint with no next step, time frame or owner; the whole reply is its span) and
    /// `core.no-offer-of-help` (a closing that offers no further help; the last sentence).
    /// Default: off, because they judge a whole reply and most texts analysed are fragments.
    ///
    /// ```
    /// let analyzer = replylint::Analyzer::builder().absence_rules(true).build().unwrap();
    /// let report = analyzer.analyze("Sorry about the delay. The courier is slow this week.");
    /// let ids: Vec<&str> = report.findings().iter().map(|f| f.rule_id()).collect();
    /// assert!(ids.contains(&"core.no-next-step"));
    /// assert!(ids.contains(&"core.no-offer-of-help"));
    /// ```
    pub fn absence_rules(&mut self, yes: bool) -> &mut AnalyzerBuilder {
        self.absence_rules = yes;
        self
    }

    /// Checks the configuration and builds the automaton.
    pub fn build(&self) -> Result<Analyzer, Error> {
        let builtin = builtin_lexicons();
        let active_builtin: Vec<&Lexicon> = match &self.languages {
            None => builtin.iter().collect(),
            Some(codes) => codes
                .iter()
                .map(|code| {
                    builtin
                        .iter()
                        .find(|l| l.language().code == *code)
                        .ok_or_else(|| Error::UnknownLanguage {
                            code: code.clone(),
                            available: builtin
                                .iter()
                                .map(|l| l.language().code.as_str())
                                .collect::<Vec<_>>()
                                .join(", "),
                        })
                })
                .collect::<Result<_, _>>()?,
        };
        let user: Vec<Lexicon> = self.lexicons.iter().map(load).collect::<Result<_, _>>()?;

        let known_ids: HashSet<&str> = builtin
            .iter()
            .chain(&user)
            .flat_map(|l| l.heads().iter().map(|r| &*r.id))
            .chain(core_rules::ALL)
            .collect();
        for id in &self.disabled_rules {
            if !known_ids.contains(id.as_str()) {
                return Err(Error::UnknownRule(id.clone()));
            }
        }
        if !(0.0..=1.0).contains(&self.opener_similarity) {
            return Err(Error::InvalidOption {
                option: "opener_similarity",
                message: format!(
                    "must be between 0 and 1 (0 turns it off), got {}",
                    self.opener_similarity
                ),
            });
        }
        let disabled: HashSet<&str> = self.disabled_rules.iter().map(String::as_str).collect();
        let enabled = |id: &str| !disabled.contains(id);

        let lexicons: Vec<&Lexicon> = active_builtin.iter().copied().chain(&user).collect();
        let folds = assemble::word_folds(&lexicons);
        let mut rules: Vec<RuleMeta> = Vec::new();
        let mut glossary = Vec::new();
        if enabled(core_rules::GLOSSARY) {
            for entry in &self.glossary {
                let literal = glossary_literal(entry, &folds)?;
                let whole = Split {
                    prefixes: vec![Cow::Borrowed("")],
                    anchors: vec![Cow::Owned(literal)],
                    suffixes: vec![Cow::Borrowed("")],
                };
                glossary.push((whole, rules.len()));
                rules.push(glossary_rule(entry));
            }
        }
        let mut seen_ids = HashSet::new();
        // For each lexicon, the index in `rules` of each of its rules, `None` when disabled.
        let mut rule_indices: Vec<Vec<Option<usize>>> = Vec::with_capacity(lexicons.len());
        for lexicon in &lexicons {
            let mut indices = Vec::with_capacity(lexicon.heads().len());
            let language: Arc<str> = lexicon.language().code.as_str().into();
            for rule in lexicon.heads() {
                if !seen_ids.insert(&*rule.id) {
                    return Err(Error::DuplicateRule(rule.id.to_string()));
                }
                if !enabled(&rule.id) {
                    indices.push(None);
                    continue;
                }
                indices.push(Some(rules.len()));
                rules.push(RuleMeta {
                    text: Arc::new(RuleText {
                        id: (*rule.id).into(),
                        language: language.clone(),
                        explanation: (*rule.explanation).into(),
                        suggestion: (*rule.suggestion).into(),
                    }),
                    category: rule.category,
                    severity: rule.severity,
                    position: rule.position,
                });
            }
            rule_indices.push(indices);
        }
        let (particles, group_of) = assemble::particle_groups(&lexicons);
        let cue_words = cue_literals(lexicons.iter().map(|l| l.context()));
        let cues = Cues::new(lexicons.iter().map(|l| l.context()), &cue_words);
        let (words, walk_words) = WalkWords::new(&cue_words, &folds, &particles);
        // The default analyzer's automaton and opener templates are the ones build.rs
        // embedded, when they are there.
        let default = self.languages.is_none()
            && user.is_empty()
            && glossary.is_empty()
            && rule_indices.iter().flatten().all(Option::is_some);
        let if_default = |bytes: Option<&'static [u8]>| bytes.filter(|_| default);
        let opener_similarity = self.opener_similarity;
        // The automaton and the opener templates are most of a build, and neither needs the
        // other.
        let (matcher, (openers, detector)) = join(
            || match if_default(builtin::DEFAULT_MATCHER)
                .and_then(|bytes| Matcher::decode(bytes, rules.len(), words.len()))
            {
                Some(matcher) => Ok(matcher),
                None => {
                    let splits = assemble::splits(&lexicons, &rule_indices, &group_of, glossary, &folds);
                    Matcher::new(&splits, &words)
                }
            },
            || {
                let openers = if_default(builtin::DEFAULT_OPENERS)
                    .and_then(|bytes| Openers::decode(bytes, rules.len(), opener_similarity))
                    .unwrap_or_else(|| {
                        let parts = lexicons.iter().map(|l| l.openers()).zip(&rule_indices);
                        let parts = parts.map(|(part, indices)| (part, indices.as_slice()));
                        Openers::new(parts, opener_similarity)
                    });
                (openers, Detector::new(lexicons.iter().copied()))
            },
        );
        let matcher = matcher?;

        let mut shape_rule = |id: &'static str, category, severity, explanation: &str, suggestion: &str| {
            enabled(id).then(|| {
                rules.push(core_rule(id, category, severity, explanation, suggestion));
                rules.len() - 1
            })
        };
        let shape_rules = ShapeRules {
            acronym: shape_rule(
                core_rules::UNEXPLAINED_ACRONYM,
                Category::Jargon,
                Severity::Warning,
                "An acronym the customer may not know, and the reply does not explain it.",
                "Spell it out, or explain it the first time: \"return authorisation (RMA)\".",
            ),
            shouting: shape_rule(
                core_rules::SHOUTING,
                Category::Argumentative,
                Severity::Error,
                "Several words in capitals read as shouting at the customer.",
                "Write in sentence case; put the important word in bold or on its own line.",
            ),
            punctuation_run: shape_rule(
                core_rules::PUNCTUATION_RUN,
                Category::Argumentative,
                Severity::Info,
                "Runs like \"!!\" or \"?!\" read as impatience or disbelief.",
                "End with one full stop or one question mark.",
            ),
        };
        // Opt-in: registered only when asked for, so a default analyzer lists none of them.
        let no_next_step = if self.absence_rules {
            shape_rule(
                core_rules::NO_NEXT_STEP,
                Category::Apathy,
                Severity::Warning,
                "The reply answers a complaint but says nothing about what happens next, by when, or who takes care of it.",
                "Add the next step, a time and a name: \"I've asked the warehouse to resend it; I'll email you the tracking number by 5 pm.\"",
            )
        } else {
            None
        };
        let no_offer_of_help = if self.absence_rules {
            shape_rule(
                core_rules::NO_OFFER_OF_HELP,
                Category::Apathy,
                Severity::Info,
                "The reply ends without inviting the customer back, so it reads like a closed door.",
                "Close with an offer: \"If anything else comes up, just reply to this email.\"",
            )
        } else {
            None
        };
        let context_rules = ContextRules {
            no_next_step,
            no_offer_of_help,
            guaranteed_deadline: shape_rule(
                core_rules::GUARANTEED_DEADLINE,
                Category::FalsePromise,
                Severity::Warning,
                "A guaranteed deadline is broken the moment anything outside your hands slips.",
                "Give the honest estimate and your own next step: \"It should arrive by Friday; I'll check the tracking on Thursday.\"",
            ),
            over_sla: self.sla_hours.and_then(|hours| {
                shape_rule(
                    core_rules::OVER_SLA,
                    Category::FalsePromise,
                    Severity::Warning,
                    &format!("This deadline is later than your service-level target of {hours} hours."),
                    "Promise what the target allows, or say who will speed it up and when you will update the customer.",
                )
            }),
        };

        let everyday = heuristics::INTERNATIONAL_ACRONYMS
            .iter()
            .map(|s| s.to_string())
            .chain(
                active_builtin
                    .iter()
                    .copied()
                    .chain(&user)
                    .flat_map(|l| l.language().everyday_acronyms.iter().cloned()),
            )
            .collect();
        let mut language_codes: Vec<String> = Vec::new();
        for lexicon in active_builtin.iter().copied().chain(&user) {
            if !language_codes.contains(&lexicon.language().code) {
                language_codes.push(lexicon.language().code.clone());
            }
        }

        Ok(Analyzer {
            inner: Arc::new(Inner {
                matcher,
                rules,
                shape_rules,
                everyday,
                min_severity: self.min_severity,
                languages: language_codes,
                walk_words,
                detector,
                detected_language_only: self.detected_language_only,
                cues,
                openers,
                skip_quoted: self.skip_quoted,
                sla_hours: self.sla_hours,
                context_rules,
            }),
        })
    }
}

fn load(source: &LexiconSource) -> Result<Lexicon, Error> {
    match source {
        LexiconSource::Parsed(lexicon) => Ok((**lexicon).clone()),
        LexiconSource::Text { origin, source } => Lexicon::parse(origin, source),
        LexiconSource::File(path) => {
            let source = std::fs::read_to_string(path).map_err(|e| Error::Io {
                path: path.clone(),
                source: e,
            })?;
            Lexicon::parse(&path.display().to_string(), &source)
        }
    }
}

fn glossary_literal(entry: &GlossaryEntry, folds: &WordFolds) -> Result<String, Error> {
    let fail = |message: String| {
        let term: String = entry.term.chars().take(40).collect();
        let term = if term.len() < entry.term.len() {
            format!("{term}…")
        } else {
            term
        };
        Error::Glossary { term, message }
    };
    let chars = entry.term.chars().count();
    if chars > MAX_GLOSSARY_TERM_CHARS {
        return Err(fail(format!(
            "is {chars} characters long; a glossary term is a word or a short phrase of at most {MAX_GLOSSARY_TERM_CHARS}"
        )));
    }
    let literal = folds.apply_literal(&entry.term);
    if !literal.chars().any(char::is_alphanumeric) {
        return Err(fail(
            "has no letters or digits; give the word or phrase to flag".to_string(),
        ));
    }
    Ok(literal)
}

fn glossary_rule(entry: &GlossaryEntry) -> RuleMeta {
    let term = entry.term.trim();
    let suggestion = match &entry.replacement {
        Some(plain) => format!("Say \"{plain}\" instead."),
        None => "Say what it means in plain words.".to_string(),
    };
    core_rule(
        core_rules::GLOSSARY,
        Category::Jargon,
        Severity::Warning,
        &format!("\"{term}\" is your company's word, not your customer's."),
        &suggestion,
    )
}

fn core_rule(
    id: &str,
    category: Category,
    severity: Severity,
    explanation: &str,
    suggestion: &str,
) -> RuleMeta {
    RuleMeta {
        text: Arc::new(RuleText {
            id: id.into(),
            language: "und".into(),
            explanation: explanation.into(),
            suggestion: suggestion.into(),
        }),
        category,
        severity,
        position: Position::Anywhere,
    }
}

#[derive(Debug)]
struct ShapeRules {
    acronym: Option<usize>,
    shouting: Option<usize>,
    punctuation_run: Option<usize>,
}

/// The rules of the context checks, when enabled.
#[derive(Debug)]
struct ContextRules {
    guaranteed_deadline: Option<usize>,
    over_sla: Option<usize>,
    no_next_step: Option<usize>,
    no_offer_of_help: Option<usize>,
}

#[derive(Debug)]
struct Inner {
    /// Every active pattern; each belongs to the group of its lexicon's particles.
    matcher: Matcher,
    rules: Vec<RuleMeta>,
    shape_rules: ShapeRules,
    everyday: FxHashSet<String>,
    min_severity: Severity,
    languages: Vec<String>,
    /// What the words the matcher finds besides anchors stand for.
    walk_words: WalkWords,
    /// Tells the language of a message among the active lexicons.
    detector: Detector,
    /// Keep only findings of the detected language, English and the core rules.
    detected_language_only: bool,
    /// The context words of the active lexicons.
    cues: Cues,
    /// The robotic-opener templates, for openers that differ by a word or two.
    openers: Openers,
    skip_quoted: bool,
    sla_hours: Option<u32>,
    context_rules: ContextRules,
}

/// How many texts in a row [`Analyzer::analyze_batch`] orders by language: enough for long
/// runs in each language, few enough that a run's reports, put back in order after, stay in
/// the caches.
const GROUPED_TEXTS: usize = 4096;

/// Analyses customer-service replies. Cheap to clone (the automaton is shared) and
/// `Send + Sync`, so one analyzer serves every thread.
///
/// ```
/// use replylint::{Analyzer, Category};
///
/// let analyzer = Analyzer::new();
/// let report = analyzer.analyze("I'm sorry, but it's company policy. Please visit our website.");
/// let categories: Vec<Category> = report.findings().iter().map(|f| f.category()).collect();
/// assert!(categories.contains(&Category::NonApology));
/// assert!(categories.contains(&Category::PolicyHiding));
/// assert!(categories.contains(&Category::Deflection));
/// ```
#[derive(Clone)]
pub struct Analyzer {
    inner: Arc<Inner>,
}

impl fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Analyzer")
            .field("languages", &self.inner.languages)
            .field("rules", &self.inner.rules.len())
            .field("min_severity", &self.inner.min_severity)
            .finish()
    }
}

impl Default for Analyzer {
    fn default() -> Analyzer {
        Analyzer::new()
    }
}

impl Analyzer {
    /// An analyzer with every built-in language and default settings. The first call builds
    /// it; later calls share it.
    pub fn new() -> Analyzer {
        DEFAULT_ANALYZER.clone()
    }

    /// A builder for any other configuration.
    pub fn builder() -> AnalyzerBuilder {
        AnalyzerBuilder::default()
    }

    /// The language codes whose lexicons are active, built-in first.
    ///
    /// ```
    /// let analyzer = replylint::Analyzer::builder().languages(["en"]).build().unwrap();
    /// assert_eq!(analyzer.languages(), ["en"]);
    /// ```
    pub fn languages(&self) -> &[String] {
        &self.inner.languages
    }

    /// Every rule this analyzer applies, in lexicon order, the `core.*` rules last (the
    /// glossary rule only when there is a glossary; disabled rules not at all).
    ///
    /// ```
    /// let analyzer = replylint::Analyzer::builder().languages(["en"]).build().unwrap();
    /// let rules = analyzer.rules();
    /// assert!(rules.iter().any(|r| r.id == "core.shouting"));
    /// assert!(rules.iter().filter(|r| r.id != "core.shouting").all(|r| r.id.starts_with("en.") || r.id.starts_with("core.")));
    /// ```
    pub fn rules(&self) -> Vec<RuleInfo> {
        let mut seen = HashSet::new();
        let mut rules: Vec<RuleInfo> = self
            .inner
            .rules
            .iter()
            .filter(|r| seen.insert(r.text.id.clone()))
            .map(|r| RuleInfo {
                id: r.text.id.to_string(),
                category: r.category,
                severity: r.severity,
                language: r.text.language.to_string(),
            })
            .collect();
        // The glossary's rules come first in the automaton; list them with the other core rules.
        rules.sort_by_key(|r| r.id.starts_with("core."));
        rules
    }

    /// Analyses one reply. Never fails: any string, of any size, gets a report.
    pub fn analyze(&self, text: &str) -> Report {
        self.analyze_side(text, &[], false)
    }

    /// Analyses one reply in which the byte ranges `customer` are the customer's words (a
    /// quoted message, a pasted chat): nothing is reported there. Ranges past the end are
    /// cut to the text. Never fails.
    ///
    /// ```
    /// let text = "You wrote: rules are rules. I've refunded you.";
    /// let report = replylint::Analyzer::new().analyze_marked(text, &[11..27]);
    /// assert!(report.is_clean());
    /// assert!(!replylint::Analyzer::new().analyze(text).is_clean());
    /// ```
    pub fn analyze_marked(&self, text: &str, customer: &[std::ops::Range<usize>]) -> Report {
        self.analyze_side(text, customer, false)
    }

    /// The complaint signals in what a customer wrote ([`Category::Complaint`]), in text
    /// order. Replies are analysed with [`analyze`](Self::analyze), which never reports them.
    ///
    /// ```
    /// use replylint::{Analyzer, Category};
    ///
    /// let analyzer = Analyzer::new();
    /// let signals = analyzer.complaints("This is the third time I'm writing about my refund!");
    /// assert_eq!(signals[0].category(), Category::Complaint);
    /// assert!(analyzer.complaints("Thanks, that worked.").is_empty());
    /// ```
    pub fn complaints(&self, text: &str) -> Vec<Finding> {
        self.analyze_side(text, &[], true).findings().to_vec()
    }

    /// Analyses an agent's reply (`customer` being the byte ranges of the customer's words in
    /// it), or only the complaint signals of a customer's message.
    fn analyze_side(&self, text: &str, customer: &[std::ops::Range<usize>], complaints: bool) -> Report {
        let inner = &*self.inner;
        let mut hits = Vec::new();
        let mut cues = Vec::new();
        // The message's language, told only when something needs it.
        let mut language: Option<Option<&str>> = None;
        let mut language_of = || *language.get_or_insert_with(|| inner.detector.detect_text(text));
        // The first chunk normalised, before any spelling variant is folded: the opening's
        // words for the robotic-opener templates, which are not folded.
        let mut first_chunk: Option<(usize, Normalized)> = None;
        let mut found = FOUND.take();
        // The room of the first chunk's cues, which become the reply's.
        let mut spare_cues = CUES.take();
        // The shape rules' pairs, found by normalising the text when it is one chunk.
        let mut pairs = None;
        for (offset, chunk) in chunks(text) {
            let mut normalized = normalize(chunk);
            if chunk.len() == text.len() {
                pairs = normalized.pairs();
            }
            // One walk finds the anchors, the context words, the spelling variants and the
            // particles. Variants are rare: a chunk is folded, and walked again, only when
            // the walk met one.
            inner.matcher.find_into(normalized.as_str(), &mut found);
            let variants = inner.walk_words.variants(normalized.as_str(), &found.words);
            if !variants.is_empty() {
                let folded = normalized.rewrite(variants);
                if offset == 0 {
                    first_chunk = Some((chunk.len(), normalized));
                }
                normalized = folded;
                inner.matcher.find_into(normalized.as_str(), &mut found);
            }
            let chunk_cues = inner.cues.in_chunk(
                &found.words,
                &normalized,
                chunk,
                offset,
                std::mem::take(&mut spare_cues),
            );
            let mut candidates: Vec<RawMatch> = Vec::new();
            // Groups whose particles the chunk does not contain share one search of the
            // normalised chunk; the others search the chunk without their particles.
            let mut plain = Groups::default();
            let mut own = Vec::new();
            // Most chunks hold no particle, which one look at the walk's words tells.
            let with_particles = inner.walk_words.particle_groups(&found.words);
            for group in 0..inner.walk_words.groups() {
                if !with_particles.contains(group) {
                    plain.insert(group);
                    continue;
                }
                let at = inner
                    .walk_words
                    .particles(group, normalized.as_str(), &found.words);
                match Particles::remove(&normalized, at) {
                    None => plain.insert(group),
                    Some(haystack) => own.push((Groups::one(group), haystack)),
                }
            }
            let searches = std::iter::once((plain, &normalized, Some(&found.anchors)))
                .chain(own.iter().map(|(g, h)| (*g, h, None)));
            for (groups, haystack, anchors) in searches.filter(|(groups, ..)| !groups.is_empty()) {
                let hay = haystack.as_str();
                let mut found = match anchors {
                    Some(anchors) => inner.matcher.candidates_at(hay, groups, anchors),
                    None => inner.matcher.candidates(hay, groups),
                };
                for m in &mut found {
                    let (start, end) = haystack.original_span(chunk, m.start, m.end);
                    (m.start, m.end) = (offset + start, offset + end);
                }
                append(&mut candidates, found);
            }
            candidates.retain(|m| (inner.rules[m.rule].category == Category::Complaint) == complaints);
            prefer_own_language(&mut candidates, &inner.rules, &mut language_of);
            let chunk_hits: Vec<Hit> = leftmost_longest(candidates)
                .into_iter()
                .map(|m| Hit {
                    rule: m.rule,
                    start: m.start,
                    end: m.end,
                })
                .collect();
            let absence =
                inner.context_rules.no_next_step.is_some() || inner.context_rules.no_offer_of_help.is_some();
            append(&mut cues, context::prune(chunk_cues, &chunk_hits, absence));
            append(&mut hits, chunk_hits);
            if offset == 0 && first_chunk.is_none() {
                first_chunk = Some((chunk.len(), normalized));
            }
        }
        // A long text's lists are let go, not kept by the thread for good.
        if found.anchors.capacity() <= KEPT_FOUND && found.words.capacity() <= KEPT_FOUND {
            FOUND.set(found);
        }
        if inner.detected_language_only {
            if let Some(language) = language_of() {
                hits.retain(|h: &Hit| {
                    let rule_language = &*inner.rules[h.rule].text.language;
                    rule_language == language || rule_language == "en" || rule_language == "und"
                });
            }
        }
        if complaints {
            let selected = filter::select(text, None, &inner.rules, inner.min_severity, hits, Vec::new());
            return report::build(text, &selected, &inner.rules, &[]);
        }
        let shapes = heuristics::find(text, &inner.everyday, pairs);
        let rules = &inner.shape_rules;
        let mut shape_hits: Vec<Hit> = [
            (rules.acronym, shapes.acronyms),
            (rules.shouting, shapes.shouting),
            (rules.punctuation_run, shapes.punctuation_runs),
        ]
        .into_iter()
        .filter_map(|(rule, spans)| rule.map(|rule| (rule, spans)))
        .flat_map(|(rule, spans)| {
            spans
                .into_iter()
                .map(move |(start, end)| Hit { rule, start, end })
        })
        .collect();
        cues.sort_by_key(|c| (c.start, c.end));
        // Found only when something could lie in them: many replies have neither a hit nor a
        // cue (docs/performance.md, session 22).
        let foreign =
            LazyCell::new(|| context::foreign_ranges(text, &inner.cues, inner.skip_quoted, customer));
        // Words the agent only quotes neither negate nor promise anything.
        cues.retain(|c| !context::inside(&foreign, c.start));
        if !hits.is_empty() || !shape_hits.is_empty() {
            context::retain(text, &inner.rules, &foreign, &cues, &mut hits, &mut shape_hits);
        }
        let opening = filter::opening(text);
        let exact = |start, end| {
            hits.iter().any(|h: &Hit| {
                inner.rules[h.rule].category == Category::RoboticOpener && h.start < end && start < h.end
            })
        };
        // The opening lies in the first chunk but for a first line longer than a chunk.
        let normalized = |start: usize, end: usize| {
            let done = first_chunk
                .as_ref()
                .filter(|(len, _)| end <= *len)
                .and_then(|(_, n)| n.as_str().get(n.range_of(start, end)));
            done.map_or_else(
                || Cow::Owned(normalize(&text[start..end]).as_str().to_string()),
                Cow::Borrowed,
            )
        };
        if let Some((rule, start, end)) = inner.openers.find(opening.sentences(), normalized, exact) {
            if !context::inside(&foreign, start) {
                shape_hits.push(Hit { rule, start, end });
            }
        }
        let found = commitments::extract(text, &cues, |at| context::inside(&foreign, at));
        shape_hits.extend(self.commitment_hits(&found, &hits));
        let rules = &inner.context_rules;
        // Whole-reply findings: they overlap everything, so they skip the one-per-place step.
        let mut absent_hits = Vec::new();
        if rules.no_next_step.is_some() || rules.no_offer_of_help.is_some() {
            let reply = absence::Reply {
                text,
                foreign: &foreign,
                cues: &cues,
                categories: hits.iter().map(|h| inner.rules[h.rule].category).collect(),
                commits: !found.is_empty(),
            };
            let absent = [
                (rules.no_next_step, reply.missing_next_step()),
                (rules.no_offer_of_help, reply.missing_offer_of_help()),
            ];
            for (rule, span) in absent {
                if let (Some(rule), Some(span)) = (rule, span) {
                    absent_hits.push(Hit {
                        rule,
                        start: span.start,
                        end: span.end,
                    });
                }
            }
        }
        let mut selected = filter::select(
            text,
            Some(opening.end),
            &inner.rules,
            inner.min_severity,
            hits,
            shape_hits,
        );
        if !absent_hits.is_empty() {
            absent_hits.retain(|h| inner.rules[h.rule].severity >= inner.min_severity);
            selected.extend(absent_hits);
            selected.sort_by_key(|h| (h.start, h.end, h.rule));
        }
        let report = report::build(text, &selected, &inner.rules, &found);
        if cues.capacity() <= KEPT_FOUND {
            CUES.set(cues);
        }
        report
    }

    /// The commitments to report as false promises: guaranteed ones that no lexicon rule of
    /// that category already covers (at the guarantee word), and those later than the SLA (at
    /// the deadline).
    fn commitment_hits(&self, found: &[commitments::Found], hits: &[Hit]) -> Vec<Hit> {
        let inner = &*self.inner;
        let rules = &inner.context_rules;
        let mut out = Vec::new();
        for c in found {
            let covered = hits.iter().any(|h| {
                inner.rules[h.rule].category == Category::FalsePromise
                    && h.start < c.sentence.end
                    && c.sentence.start < h.end
            });
            if let (Some(rule), Some(word), false) = (rules.guaranteed_deadline, &c.guarantee, covered) {
                out.push(Hit {
                    rule,
                    start: word.start,
                    end: word.end,
                });
            }
            if let (Some(rule), Some(sla), Some(hours)) = (rules.over_sla, inner.sla_hours, c.hours) {
                if hours > sla {
                    out.push(Hit {
                        rule,
                        start: c.deadline.start,
                        end: c.deadline.end,
                    });
                }
            }
        }
        out
    }

    /// Analyses many replies, on every core when the `parallel` feature is on (the default).
    /// The reports come back in the order of the texts.
    ///
    /// Replies are analysed grouped by a quick guess at their language from their first
    /// words. Replies in one language read much the same data, so a batch of replies in many
    /// languages, each reply in one, takes less time than the same replies analysed one by
    /// one in the order given.
    ///
    /// ```
    /// let reports = replylint::Analyzer::new().analyze_batch(&["Rules are rules.", "Thanks, done!"]);
    /// assert_eq!(reports.len(), 2);
    /// assert!(!reports[0].is_clean());
    /// assert!(reports[1].is_clean());
    /// ```
    pub fn analyze_batch<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Vec<Report> {
        // Texts in one language read much the same parts of the analyzer's data (its words,
        // their entries, the language's openers), which then stay in the caches from one text
        // to the next: each run of `GROUPED_TEXTS` texts is analysed one language after
        // another, by a quick guess at each text's language.
        let groups: Vec<usize> = map_all(texts, |text| self.inner.detector.group_of(text.as_ref()));
        let mut order: Vec<usize> = (0..texts.len()).collect();
        for_each_run(&mut order, GROUPED_TEXTS, |run| run.sort_by_key(|&i| groups[i]));
        let mut reports = map_all(&order, |&i| self.analyze(texts[i].as_ref()));
        // Each report to its text's place: the one at `k` is text `order[k]`'s, and each swap
        // puts one where it belongs.
        for k in 0..order.len() {
            while order[k] != k {
                let home = order[k];
                reports.swap(k, home);
                order.swap(k, home);
            }
        }
        reports
    }
}

thread_local! {
    /// The lists of what a reply's walks found, kept between the replies a thread analyses:
    /// two allocations fewer a reply.
    static FOUND: Cell<Found> = const {
        Cell::new(Found {
            anchors: Vec::new(),
            words: Vec::new(),
        })
    };
}

thread_local! {
    /// The list of a reply's context cues, kept between the replies a thread analyses: one
    /// allocation fewer a reply.
    static CUES: Cell<Vec<Cue>> = const { Cell::new(Vec::new()) };
}

/// How many entries the lists of [`FOUND`] and [`CUES`] may keep room for: those of a reply
/// of a few kilobytes.
const KEPT_FOUND: usize = 1024;

/// Appends `more` to `to`, taking it whole when `to` is empty, as it is for the first chunk
/// and the first search of one, which is most texts.
fn append<T>(to: &mut Vec<T>, more: Vec<T>) {
    if to.is_empty() {
        *to = more;
    } else {
        to.extend(more);
    }
}

/// Where one literal of the same place belongs to rules of several languages (Russian and
/// Ukrainian share many phrases), drops the candidates of the languages the message is not
/// in, when its language can be told and one of them is it.
fn prefer_own_language<'l>(
    candidates: &mut Vec<RawMatch>,
    rules: &[RuleMeta],
    language_of: &mut impl FnMut() -> Option<&'l str>,
) {
    candidates.sort_unstable_by_key(|m| (m.start, m.end, m.rule));
    let shared = candidates.windows(2).any(|w| {
        (w[0].start, w[0].end) == (w[1].start, w[1].end)
            && rules[w[0].rule].text.language != rules[w[1].rule].text.language
    });
    if !shared {
        return;
    }
    let Some(language) = language_of() else {
        return;
    };
    let mut keep = vec![true; candidates.len()];
    let mut i = 0;
    while i < candidates.len() {
        let span = (candidates[i].start, candidates[i].end);
        let n = candidates[i..]
            .iter()
            .take_while(|m| (m.start, m.end) == span)
            .count();
        let group = &candidates[i..i + n];
        if group.iter().any(|m| &*rules[m.rule].text.language == language) {
            for (k, m) in group.iter().enumerate() {
                keep[i + k] = &*rules[m.rule].text.language == language;
            }
        }
        i += n;
    }
    let mut flags = keep.into_iter();
    candidates.retain(|_| flags.next().unwrap_or(true));
}

/// Splits `text` into pieces of about [`CHUNK_BYTES`], at a line break where there is one,
/// else at a space, else at a character boundary, with each piece's byte offset.
fn chunks(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let mut end = text.len();
        if end - start > CHUNK_BYTES {
            let window = &text.as_bytes()[start..start + CHUNK_BYTES];
            end = match window
                .iter()
                .rposition(|&b| b == b'\n')
                .or_else(|| window.iter().rposition(|&b| b == b' '))
            {
                Some(cut) => start + cut + 1,
                None => {
                    let mut cut = start + CHUNK_BYTES;
                    while !text.is_char_boundary(cut) {
                        cut -= 1;
                    }
                    cut
                }
            };
        }
        let piece = (start, &text[start..end]);
        start = end;
        Some(piece)
    })
}

/// A lexicon example or guardrail that did not behave as its rule says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExampleFailure {
    /// The rule whose example failed.
    pub rule_id: String,
    /// The example or guardrail text.
    pub text: String,
    /// `true` for a guardrail the rule fired on, `false` for an example it missed.
    pub guardrail: bool,
}

impl fmt::Display for ExampleFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.guardrail {
            write!(
                f,
                "rule `{}` fires on its guardrail {:?}",
                self.rule_id, self.text
            )
        } else {
            write!(
                f,
                "rule `{}` does not fire on its example {:?}",
                self.rule_id, self.text
            )
        }
    }
}

impl Lexicon {
    /// Runs every rule's examples (which must fire) and guardrails (which must not) through
    /// an analyzer with only this lexicon, and returns what misbehaved.
    ///
    /// ```
    /// for lexicon in replylint::builtin_lexicons() {
    ///     assert_eq!(lexicon.check_examples().unwrap(), vec![]);
    /// }
    /// ```
    pub fn check_examples(&self) -> Result<Vec<ExampleFailure>, Error> {
        let analyzer = Analyzer::builder()
            .languages(Vec::<String>::new())
            .lexicon(self.clone())
            .build()?;
        let mut failures = Vec::new();
        for rule in self.rules() {
            let fires = |text: &str| {
                let found = if rule.category == Category::Complaint {
                    analyzer.complaints(text)
                } else {
                    analyzer.analyze(text).findings().to_vec()
                };
                found.iter().any(|f| f.rule_id() == rule.id)
            };
            let cases = rule
                .examples
                .iter()
                .map(|t| (t, false))
                .chain(rule.guardrails.iter().map(|t| (t, true)));
            for (text, guardrail) in cases {
                if fires(text) == guardrail {
                    failures.push(ExampleFailure {
                        rule_id: rule.id.clone(),
                        text: text.clone(),
                        guardrail,
                    });
                }
            }
        }
        Ok(failures)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(feature = "precomputed")]
    fn the_embedded_automaton_is_the_one_a_build_makes() {
        let codes: Vec<&str> = builtin_lexicons()
            .iter()
            .map(|l| l.language().code.as_str())
            .collect();
        // Naming the languages is not the default, so this build makes its automaton.
        let built = Analyzer::builder().languages(codes).build().unwrap();
        let embedded = Analyzer::new();
        assert_eq!(embedded.inner.matcher, built.inner.matcher);
        let bytes = builtin::DEFAULT_MATCHER.expect("the feature embeds it");
        let read = Matcher::decode(bytes, built.inner.rules.len(), built.inner.matcher.words());
        assert_eq!(read.as_ref(), Some(&built.inner.matcher));
        assert_eq!(embedded.inner.openers, built.inner.openers);
        let bytes = builtin::DEFAULT_OPENERS.expect("the feature embeds them");
        let read = Openers::decode(bytes, built.inner.rules.len(), DEFAULT_OPENER_SIMILARITY);
        assert_eq!(read.as_ref(), Some(&built.inner.openers));
    }

    #[test]
    fn an_automaton_cut_short_or_numbering_rules_it_does_not_have_is_refused() {
        let analyzer = Analyzer::builder().languages(["en", "ru"]).build().unwrap();
        let (rules, words) = (analyzer.inner.rules.len(), analyzer.inner.matcher.words());
        let mut out = crate::snapshot::Out::default();
        analyzer.inner.matcher.encode(&mut out);
        assert!(Matcher::decode(&out.0, rules, words).is_some());
        assert!(Matcher::decode(&out.0[..out.0.len() - 1], rules, words).is_none());
        assert!(Matcher::decode(&out.0, rules / 2, words).is_none());
        assert!(Matcher::decode(&out.0, rules, words + 1).is_none());
    }

    #[test]
    fn what_build_rs_precomputed_is_what_the_library_works_out() {
        for (b, builtin) in builtin::BUILTIN.iter().zip(builtin_lexicons()) {
            let fresh = Lexicon::parse(&format!("lexicons/{}.toml", b.code), b.source).unwrap();
            // Rules with their splits, language, context.
            assert_eq!(&fresh, builtin, "{}", b.code);
            assert_eq!(fresh.pattern_words(), builtin.pattern_words(), "{}", b.code);
            assert_eq!(fresh.openers(), builtin.openers(), "{}", b.code);
            // And what it writes reads back as what it wrote.
            // Leaked: the splits of a lexicon read this way borrow from it for good.
            let read = Lexicon::from_precomputed(fresh.precomputed().leak());
            assert_eq!(read, fresh, "{}", b.code);
            assert_eq!(read.pattern_words(), fresh.pattern_words(), "{}", b.code);
            assert_eq!(read.openers(), fresh.openers(), "{}", b.code);
        }
    }

    #[test]
    fn the_walk_folds_the_spelling_variants_as_the_folds_own_search_does() {
        // Every example and guardrail of every built-in lexicon, and each again in capitals
        // and with a variant standing whole or inside a word around it.
        let lexicons: Vec<&Lexicon> = builtin_lexicons().iter().collect();
        let folds = assemble::word_folds(&lexicons);
        let analyzer = Analyzer::new();
        let inner = &*analyzer.inner;
        let mut folded = 0;
        for text in lexicons
            .iter()
            .flat_map(|lexicon| lexicon.rules())
            .flat_map(|rule| rule.examples.iter().chain(&rule.guardrails))
            .flat_map(|t| [t.clone(), t.to_uppercase(), format!("nang {t} nangyari, nang")])
        {
            let normalized = normalize(&text);
            let found = inner.matcher.find(normalized.as_str());
            let variants = inner.walk_words.variants(normalized.as_str(), &found.words);
            folded += usize::from(!variants.is_empty());
            let by_walk = normalized.rewrite(variants);
            let by_search = folds.apply(normalized);
            assert_eq!(by_walk.as_str(), by_search.as_str(), "{text:?}");
        }
        assert!(folded > 1_000, "{folded}");
    }

    #[test]
    fn chunks_cover_the_text_and_cut_at_line_breaks() {
        let line = "a reply line\n";
        let text = line.repeat(CHUNK_BYTES / line.len() * 3);
        let pieces: Vec<(usize, &str)> = chunks(&text).collect();
        assert!(pieces.len() >= 3);
        let mut at = 0;
        for (offset, piece) in &pieces {
            assert_eq!(*offset, at);
            assert!(piece.ends_with('\n'));
            at += piece.len();
        }
        assert_eq!(at, text.len());
    }

    #[test]
    fn chunks_of_unbroken_text_cut_on_char_boundaries() {
        let text = "ж".repeat(CHUNK_BYTES);
        let total: usize = chunks(&text).map(|(_, p)| p.len()).sum();
        assert_eq!(total, text.len());
    }

    #[test]
    fn analyzers_are_send_sync_and_unwind_safe() {
        fn assert_all<T: Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}
        assert_all::<Analyzer>();
        assert_all::<AnalyzerBuilder>();
        assert_all::<Report>();
        assert_all::<crate::Finding>();
        assert_all::<Lexicon>();
    }

    #[test]
    fn a_report_does_not_depend_on_the_texts_analysed_before_it_on_the_thread() {
        // A thread keeps the room of a reply's lists for the next: a text analysed after
        // others gets the report it gets on a thread of its own, after a text whose lists
        // outgrew what is kept too.
        let long = "We will not refund it, but we'll fix it by Friday at 5pm. ".repeat(400);
        let samples: Vec<&str> = builtin_lexicons()
            .iter()
            .flat_map(|lexicon| lexicon.rules())
            .flat_map(|rule| rule.examples.iter().chain(&rule.guardrails))
            .map(String::as_str)
            .step_by(11)
            .chain([long.as_str(), "", "Sorry, I can't refund it until Monday."])
            .collect();
        let analyzer = Analyzer::new();
        for text in samples {
            let alone = std::thread::scope(|s| s.spawn(|| analyzer.analyze(text)).join().unwrap());
            assert_eq!(analyzer.analyze(text), alone, "{text:?}");
        }
    }

    #[test]
    fn a_batch_gives_each_text_the_report_analyze_gives_it_in_order() {
        // Every example and guardrail of every built-in lexicon, in lexicon order, and blank
        // texts, cycled past one run of grouped texts: with or without the `parallel`
        // feature (./scripts/test runs these tests both ways), the batch groups them by
        // language and must hand each report back where its text was.
        let samples: Vec<&str> = builtin_lexicons()
            .iter()
            .flat_map(|lexicon| lexicon.rules())
            .flat_map(|rule| rule.examples.iter().chain(&rule.guardrails))
            .map(String::as_str)
            .chain(["", " \n "])
            .collect();
        let texts: Vec<&str> = samples
            .iter()
            .copied()
            .cycle()
            .take(GROUPED_TEXTS + 1000)
            .collect();
        let analyzer = Analyzer::new();
        let batch = analyzer.analyze_batch(&texts);
        assert_eq!(batch.len(), texts.len());
        for (i, (text, report)) in texts.iter().zip(&batch).enumerate() {
            assert_eq!(&analyzer.analyze(text), report, "text {i}: {text:?}");
        }
    }

    #[test]
    fn builtin_lexicon_examples_and_guardrails_hold() {
        for lexicon in builtin_lexicons() {
            let failures = lexicon.check_examples().unwrap();
            assert!(
                failures.is_empty(),
                "{}:\n{}",
                lexicon.language().code,
                failures
                    .iter()
                    .map(|f| format!("  {f}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            );
        }
    }
}
