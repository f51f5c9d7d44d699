//! Lexicons: one TOML file per language, holding the rules and the patterns that find them.
//!
//! The built-in lexicons are checked by `build.rs` with this same code, so a broken one is a
//! compile error naming the file, the line and the rule. User lexicons go through
//! [`Lexicon::parse`] at run time and get the same checks. The format is described in
//! `docs/lexicon-format.md`.

use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;
use toml::Spanned;

use crate::category::{Category, Severity};
use crate::error::Error;
use crate::normalize::{is_word_char, normalize, normalize_literal, strip_accents, Particles, WordFolds};
use crate::openers::LexiconOpeners;
use crate::pattern::{self, Split};

/// Where in a reply a rule applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Position {
    /// Anywhere in the reply.
    #[default]
    Anywhere,
    /// Only in the opening: the first sentence, or the first two when the first is a short
    /// salutation such as "Hi Anna,".
    Opening,
}

/// The language a lexicon is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Language {
    /// The ISO 639-1 code (ISO 639-3 where there is none), e.g. `en`, `tl`, `fa`.
    pub code: String,
    /// The English name, e.g. `Persian`.
    pub name: String,
    /// The name in the language itself, e.g. `فارسی`.
    pub native_name: String,
    /// Acronyms that everyone knows in this language and that are never reported as
    /// unexplained jargon.
    pub everyday_acronyms: Vec<String>,
    /// Frequent function words, used to tell which language a message is in.
    pub stopwords: Vec<String>,
    /// Words that may stand anywhere in this lexicon's phrases (Tagalog `po`, `ho`) without
    /// breaking them: removed from its patterns, and from the text its patterns are matched
    /// against (only theirs: other languages still see them).
    pub particles: Vec<String>,
    /// Spelling variants folded to one form before matching, as `(variant, canonical)`
    /// (Tagalog `nang` → `ng`).
    pub word_variants: Vec<(String, String)>,
    /// Whether every pattern also matches without its accents ("politica" for "política"),
    /// for languages whose writers often leave them out when typing fast.
    pub unaccented_variants: bool,
}

/// The words a lexicon gives the context checks (the `[context]` table, see
/// `docs/context.md`), normalised like patterns. Every list may be empty.
///
/// ```
/// let en = &replylint::builtin_lexicons()[0];
/// assert!(en.context().negations.iter().any(|w| w == "not"));
/// assert!(en.context().deadlines.iter().any(|(phrase, hours)| phrase == "tomorrow" && *hours == 48));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Context {
    /// Words that negate a phrase that follows them ("not", "never", "won't").
    pub negations: Vec<String>,
    /// Words that negate a phrase that comes before them, for verb-final languages (Persian
    /// `نیست`, Tamil `அல்ல`).
    pub negations_after: Vec<String>,
    /// Words that end a negation's reach ("but", "because"); punctuation always does.
    pub clause_breaks: Vec<String>,
    /// How a reply-history header line ends ("wrote:"): the line and all after it are quoted.
    pub reply_headers: Vec<String>,
    /// Words of a forwarded-message header line ("forwarded message", "original message").
    pub forward_headers: Vec<String>,
    /// Words that make a sentence a promise about the future ("will", "'ll", "promise").
    pub commitment_words: Vec<String>,
    /// Words that turn a promise into a guarantee ("guaranteed", "100%", "i promise").
    pub guarantees: Vec<String>,
    /// Deadlines without a number, with the hours they allow at most ("tomorrow" = 48).
    pub deadlines: Vec<(String, u32)>,
    /// Units that follow a number in a deadline, with their hours ("hours" = 1, "days" = 24).
    pub deadline_units: Vec<(String, u32)>,
    /// Number words that may stand for digits in a deadline ("two" = 2).
    pub numbers: Vec<(String, u32)>,
    /// Offers of further help, expected near the end of a reply ("let me know if").
    pub offers_of_help: Vec<String>,
    /// Words of a next step, a time frame or an owner ("i will", "next step").
    pub next_steps: Vec<String>,
    /// Words that say the reply answers a complaint ("problem", "issue", "delay").
    pub problem_words: Vec<String>,
}

impl Context {
    /// The word lists, in the order [`Context::lists_mut`] gives them.
    #[cfg_attr(not(test), allow(dead_code))] // build.rs writes them
    fn lists(&self) -> [&Vec<String>; 10] {
        [
            &self.negations,
            &self.negations_after,
            &self.clause_breaks,
            &self.reply_headers,
            &self.forward_headers,
            &self.commitment_words,
            &self.guarantees,
            &self.offers_of_help,
            &self.next_steps,
            &self.problem_words,
        ]
    }

    fn lists_mut(&mut self) -> [&mut Vec<String>; 10] {
        [
            &mut self.negations,
            &mut self.negations_after,
            &mut self.clause_breaks,
            &mut self.reply_headers,
            &mut self.forward_headers,
            &mut self.commitment_words,
            &mut self.guarantees,
            &mut self.offers_of_help,
            &mut self.next_steps,
            &mut self.problem_words,
        ]
    }

    /// The tables of words and numbers, in the order [`Context::tables_mut`] gives them.
    #[cfg_attr(not(test), allow(dead_code))] // build.rs writes them
    fn tables(&self) -> [&Vec<(String, u32)>; 3] {
        [&self.deadlines, &self.deadline_units, &self.numbers]
    }

    fn tables_mut(&mut self) -> [&mut Vec<(String, u32)>; 3] {
        [&mut self.deadlines, &mut self.deadline_units, &mut self.numbers]
    }

    /// Every word the context checks look for in a text, as written (a trailing `*` lets it
    /// end inside a longer word), with where it comes from: the place of its list among
    /// [`CUE_LISTS`] and its number (0 for a list without numbers).
    pub(crate) fn cue_words(&self) -> impl Iterator<Item = (&str, usize, u32)> {
        let lists = [
            &self.negations,
            &self.negations_after,
            &self.clause_breaks,
            &self.commitment_words,
            &self.guarantees,
            &self.offers_of_help,
            &self.next_steps,
            &self.problem_words,
        ];
        let tables = [&self.deadlines, &self.deadline_units, &self.numbers];
        let first_table = lists.len();
        let listed = lists
            .into_iter()
            .enumerate()
            .flat_map(|(list, words)| words.iter().map(move |w| (w.as_str(), list, 0)));
        let tabled = tables.into_iter().enumerate().flat_map(move |(table, words)| {
            words
                .iter()
                .map(move |(w, n)| (w.as_str(), first_table + table, *n))
        });
        listed.chain(tabled)
    }
}

/// How many lists [`Context::cue_words`] numbers: the eight lists of words (negations,
/// negations after, clause breaks, commitment words, guarantees, offers of help, next steps,
/// problem words), then the three tables (deadlines, deadline units, numbers).
pub(crate) const CUE_LISTS: usize = 11;

/// A cue word without its trailing `*`, and whether it had one.
pub(crate) fn cue_literal(word: &str) -> (&str, bool) {
    match word.strip_suffix('*') {
        Some(stem) => (stem, true),
        None => (word, false),
    }
}

/// The distinct cue words of `contexts` ([`cue_literal`]s), in the order their contexts and
/// [`Context::cue_words`] first give them; a word's first occurrence says whether it may
/// end inside a longer word. The matcher finds them by these numbers.
pub(crate) fn cue_literals<'a>(contexts: impl IntoIterator<Item = &'a Context>) -> Vec<(&'a str, bool)> {
    let mut seen: FxHashSet<&str> = FxHashSet::default();
    let mut literals = Vec::new();
    for context in contexts {
        for (word, _, _) in context.cue_words() {
            let (literal, prefix) = cue_literal(word);
            if seen.insert(literal) {
                literals.push((literal, prefix));
            }
        }
    }
    literals
}

/// One rule of a lexicon: what it finds, why it matters and what to write instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    /// The full rule id, `<language>.<name>`, e.g. `en.company-policy`.
    pub id: String,
    /// What the rule is about.
    pub category: Category,
    /// How much a match matters.
    pub severity: Severity,
    /// Where in a reply it applies.
    pub position: Position,
    /// The patterns as written in the lexicon.
    pub patterns: Vec<String>,
    /// The patterns cut for matching (see [`Split`]): normalised, with the lexicon's word
    /// folds and accent variants applied.
    pub splits: Vec<Split>,
    /// Why the phrase hurts, in the lexicon's language.
    pub explanation: String,
    /// What to write instead, in the lexicon's language.
    pub suggestion: String,
    /// Replies in which this rule must fire.
    pub examples: Vec<String>,
    /// Replies in which this rule must not fire.
    pub guardrails: Vec<String>,
    /// The line of the rule in its file.
    pub line: usize,
}

/// A parsed and validated lexicon.
///
/// ```
/// use replylint::Lexicon;
///
/// let lexicon = Lexicon::parse("acme.toml", r#"
/// [language]
/// code = "en"
/// name = "English"
/// native_name = "English"
///
/// [[rule]]
/// id = "ticket-speak"
/// category = "jargon"
/// severity = "warning"
/// patterns = ["your ticket has been (actioned|dispositioned)"]
/// explanation = "Nobody outside the help desk talks like this."
/// suggestion = "Say what you did: 'I have refunded your order.'"
/// examples = ["Your ticket has been actioned."]
/// "#).unwrap();
/// assert_eq!(lexicon.rules()[0].id, "en.ticket-speak");
/// assert_eq!(lexicon.rules()[0].literals().len(), 2);
/// ```
#[derive(Clone, Debug)]
pub struct Lexicon {
    language: Language,
    /// Boxed: most of a lexicon's size, and rarely read.
    context: Box<Context>,
    /// What an analyzer reports of each rule, which is all that a build with the automaton
    /// that build.rs embedded needs of them.
    heads: Vec<RuleHead>,
    /// The rules in full: read from `unread` on first use for a built-in lexicon.
    rules: Derived<Vec<Rule>>,
    pattern_words: Derived<PatternWords>,
    openers: Derived<LexiconOpeners>,
    /// What a built-in lexicon reads only when asked: its rules' patterns, examples and splits,
    /// and its opener templates ([`Lexicon::precomputed`]).
    unread: Option<Unread>,
}

/// The parts of [`Lexicon::precomputed`] that are read on first use.
#[derive(Clone, Copy, Debug)]
struct Unread {
    rules: &'static str,
    openers: &'static str,
}

impl PartialEq for Lexicon {
    fn eq(&self, other: &Lexicon) -> bool {
        self.language == other.language
            && self.context == other.context
            && self.heads == other.heads
            && self.rules() == other.rules()
    }
}

impl Eq for Lexicon {}

/// What an analyzer reports with a rule's findings: its [`Rule`] without the patterns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RuleHead {
    pub id: Cow<'static, str>,
    pub category: Category,
    pub severity: Severity,
    pub position: Position,
    pub explanation: Cow<'static, str>,
    pub suggestion: Cow<'static, str>,
    /// Where the rule starts in its file.
    pub line: usize,
}

impl RuleHead {
    fn of(rule: &Rule) -> RuleHead {
        RuleHead {
            id: Cow::Owned(rule.id.clone()),
            category: rule.category,
            severity: rule.severity,
            position: rule.position,
            explanation: Cow::Owned(rule.explanation.clone()),
            suggestion: Cow::Owned(rule.suggestion.clone()),
            line: rule.line,
        }
    }
}

/// What language detection takes from a lexicon's patterns: their letters and their longer
/// words, normalised.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct PatternWords {
    pub letters: FxHashSet<char>,
    pub vocabulary: FxHashSet<String>,
}

/// Pattern words shorter than this (in characters) are too common to tell languages apart.
const VOCABULARY_MIN_CHARS: usize = 4;

/// A value worked out from the rest of its lexicon on first use and kept, so analyzers built
/// from the same lexicon share it. Not part of the lexicon's identity: two lexicons are equal
/// whether or not theirs has been worked out yet.
struct Derived<T>(OnceLock<Arc<T>>);

impl<T> Derived<T> {
    /// Already worked out (by `build.rs`).
    fn of(value: T) -> Derived<T> {
        Derived(OnceLock::from(Arc::new(value)))
    }

    /// The value, worked out by `make` the first time.
    fn get(&self, make: impl FnOnce() -> T) -> &Arc<T> {
        self.0.get_or_init(|| Arc::new(make()))
    }
}

/// Records of [`Lexicon::precomputed`]: each ends with [`RECORD_END`], its fields separated by
/// [`FIELD_END`]. Lexicon text never holds these control characters (`push_record` checks).
const RECORD_END: char = '\u{1e}';
pub(crate) const FIELD_END: char = '\u{1f}';

/// Appends one record of `fields` to `out`.
// Written by build.rs (and the tests), only read by the library.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn push_record<S: AsRef<str>>(out: &mut String, fields: impl IntoIterator<Item = S>) {
    for (i, field) in fields.into_iter().enumerate() {
        let field = field.as_ref();
        assert!(
            !field.contains([RECORD_END, FIELD_END]),
            "a lexicon string holds a control character: {field:?}"
        );
        if i > 0 {
            out.push(FIELD_END);
        }
        out.push_str(field);
    }
    out.push(RECORD_END);
}

/// Appends one record of a list: its length, then its items, so that no list and a list of
/// one `""` read back apart.
#[cfg_attr(not(test), allow(dead_code))]
fn push_list<S: AsRef<str>>(out: &mut String, items: impl IntoIterator<Item = S>) {
    let items: Vec<S> = items.into_iter().collect();
    let len = items.len().to_string();
    push_record(
        out,
        std::iter::once(len.as_str()).chain(items.iter().map(AsRef::as_ref)),
    );
}

/// The pairs of a flat list: `[a, 1, b, 2]` gives `(a, 1), (b, 2)`.
fn pairs(flat: Vec<String>) -> impl Iterator<Item = (String, String)> {
    let mut items = flat.into_iter();
    std::iter::from_fn(move || Some((items.next()?, items.next()?)))
}

/// Reads back what [`push_record`] wrote, record by record.
pub(crate) struct Records<'a>(&'a str);

impl<'a> Records<'a> {
    fn new(text: &'a str) -> Records<'a> {
        Records(text)
    }

    /// The next record, its fields separated by [`FIELD_END`].
    pub fn record(&mut self) -> &'a str {
        let end = self
            .0
            .find(RECORD_END)
            .expect("build.rs wrote every record the parser reads");
        let record = &self.0[..end];
        self.0 = &self.0[end + RECORD_END.len_utf8()..];
        record
    }

    /// The next `len` bytes, records that [`Records::new`] reads later.
    fn take(&mut self, len: usize) -> &'a str {
        let (taken, rest) = self.0.split_at(len);
        self.0 = rest;
        taken
    }

    /// What is left to read.
    fn rest(self) -> &'a str {
        self.0
    }

    /// The fields of the next record (one empty field for a record of none or of `""`).
    pub fn fields(&mut self) -> std::str::Split<'a, char> {
        self.record().split(FIELD_END)
    }

    /// The fields of the next record, borrowed; without spare room, as a lexicon keeps them.
    pub fn parts(&mut self) -> Vec<Cow<'a, str>> {
        let mut parts: Vec<Cow<'a, str>> = self.fields().map(Cow::Borrowed).collect();
        parts.shrink_to_fit();
        parts
    }

    /// The number that the next record holds.
    fn number(&mut self) -> usize {
        self.record()
            .parse()
            .expect("build.rs wrote every number the parser reads")
    }

    /// The items of the next record that [`push_list`] wrote.
    pub fn list(&mut self) -> Vec<String> {
        let mut fields = self.fields();
        let len: usize = fields
            .next()
            .and_then(|n| n.parse().ok())
            .expect("build.rs wrote every list with its length");
        fields.take(len).map(str::to_string).collect()
    }

    /// The fields of the next record, for a list that never holds `""`.
    pub fn words(&mut self) -> impl Iterator<Item = &'a str> {
        self.fields().filter(|f| !f.is_empty())
    }
}

impl<T> Default for Derived<T> {
    fn default() -> Derived<T> {
        Derived(OnceLock::new())
    }
}

impl<T> Clone for Derived<T> {
    fn clone(&self) -> Derived<T> {
        Derived(self.0.clone())
    }
}

impl<T> PartialEq for Derived<T> {
    fn eq(&self, _: &Derived<T>) -> bool {
        true
    }
}

impl<T> Eq for Derived<T> {}

impl<T> fmt::Debug for Derived<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Derived")
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileDoc {
    language: LanguageDoc,
    #[serde(default)]
    context: ContextDoc,
    #[serde(default, rename = "rule")]
    rules: Vec<Spanned<RuleDoc>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LanguageDoc {
    code: Spanned<String>,
    name: String,
    native_name: String,
    #[serde(default)]
    everyday_acronyms: Vec<String>,
    #[serde(default)]
    stopwords: Vec<String>,
    #[serde(default)]
    particles: Vec<String>,
    #[serde(default)]
    word_variants: BTreeMap<String, String>,
    #[serde(default)]
    unaccented_variants: bool,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ContextDoc {
    #[serde(default)]
    negations: Vec<String>,
    #[serde(default)]
    negations_after: Vec<String>,
    #[serde(default)]
    clause_breaks: Vec<String>,
    #[serde(default)]
    reply_headers: Vec<String>,
    #[serde(default)]
    forward_headers: Vec<String>,
    #[serde(default)]
    commitment_words: Vec<String>,
    #[serde(default)]
    guarantees: Vec<String>,
    #[serde(default)]
    deadlines: BTreeMap<String, u32>,
    #[serde(default)]
    deadline_units: BTreeMap<String, u32>,
    #[serde(default)]
    numbers: BTreeMap<String, u32>,
    #[serde(default)]
    offers_of_help: Vec<String>,
    #[serde(default)]
    next_steps: Vec<String>,
    #[serde(default)]
    problem_words: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleDoc {
    id: String,
    category: String,
    severity: String,
    #[serde(default)]
    position: Option<String>,
    patterns: Vec<Spanned<String>>,
    explanation: String,
    suggestion: String,
    examples: Vec<String>,
    #[serde(default)]
    guardrails: Vec<String>,
}

impl Lexicon {
    /// Parses and validates a lexicon. `origin` names it in error messages (a file name).
    ///
    /// Every problem is reported with the origin, the line and the rule id: a TOML syntax
    /// error, an unknown key, an unknown category or severity, a pattern that does not parse
    /// or expands too far, an empty or punctuation-only pattern, a pattern that another rule
    /// of the same lexicon already has, a rule without examples.
    pub fn parse(origin: &str, source: &str) -> Result<Lexicon, Error> {
        Lexicon::read(origin, source)
    }

    /// Everything a built-in lexicon holds, worked out by `build.rs` (which validated it with
    /// [`Lexicon::parse`]) and embedded: the language, the context words, the rules with the
    /// split of every pattern, then the pattern words and the opener templates.
    /// [`Lexicon::from_precomputed`] reads it back without parsing TOML or splitting a
    /// pattern, which were most of the cost of a process's first analyzer.
    #[cfg_attr(not(test), allow(dead_code))] // build.rs writes it
    pub(crate) fn precomputed(&self) -> String {
        let mut out = String::new();
        let language = &self.language;
        let unaccented = if language.unaccented_variants { "1" } else { "" };
        push_record(
            &mut out,
            [&language.code, &language.name, &language.native_name, unaccented],
        );
        push_list(&mut out, &language.everyday_acronyms);
        push_list(&mut out, &language.stopwords);
        push_list(&mut out, &language.particles);
        push_list(&mut out, language.word_variants.iter().flat_map(|(v, c)| [v, c]));
        let context = &self.context;
        for list in context.lists() {
            push_list(&mut out, list);
        }
        for table in context.tables() {
            push_list(
                &mut out,
                table.iter().flat_map(|(w, n)| [w.clone(), n.to_string()]),
            );
        }
        let rules = self.rules();
        push_record(&mut out, [rules.len().to_string()]);
        // The heads first, then the rest, which is read only when asked for, after its length.
        for rule in rules {
            let position = match rule.position {
                Position::Anywhere => "anywhere",
                Position::Opening => "opening",
            };
            push_record(
                &mut out,
                [
                    &rule.id,
                    rule.category.as_str(),
                    rule.severity.as_str(),
                    position,
                    &rule.explanation,
                    &rule.suggestion,
                    &rule.line.to_string(),
                ],
            );
        }
        let mut bodies = String::new();
        for rule in rules {
            push_list(&mut bodies, &rule.patterns);
            push_list(&mut bodies, &rule.examples);
            push_list(&mut bodies, &rule.guardrails);
            for split in &rule.splits {
                for parts in [&split.prefixes, &split.anchors, &split.suffixes] {
                    push_record(&mut bodies, parts);
                }
            }
        }
        push_record(&mut out, [bodies.len().to_string()]);
        out.push_str(&bodies);
        let words = self.pattern_words();
        push_record(&mut out, [words.letters.iter().collect::<String>()]);
        push_record(&mut out, &words.vocabulary);
        self.openers().encode(&mut out);
        out
    }

    /// Reads what [`Lexicon::precomputed`] wrote, but for what is read on first use; the
    /// rules' heads and splits borrow their text from it.
    pub(crate) fn from_precomputed(precomputed: &'static str) -> Lexicon {
        const WRITTEN: &str = "build.rs wrote every field the reader reads";
        let mut records = Records::new(precomputed);
        let mut head = records.fields();
        let mut field = || head.next().expect(WRITTEN).to_string();
        let (code, name, native_name) = (field(), field(), field());
        let unaccented_variants = !field().is_empty();
        let everyday_acronyms = records.list();
        let stopwords = records.list();
        let particles = records.list();
        let word_variants = pairs(records.list()).collect();
        let language = Language {
            code,
            name,
            native_name,
            everyday_acronyms,
            stopwords,
            particles,
            word_variants,
            unaccented_variants,
        };
        let mut context = Context::default();
        for list in context.lists_mut() {
            *list = records.list();
        }
        for table in context.tables_mut() {
            *table = pairs(records.list())
                .map(|(w, n)| (w, n.parse().expect(WRITTEN)))
                .collect();
        }
        let count: usize = records.number();
        let heads = (0..count)
            .map(|_| {
                let mut head = records.fields();
                let mut field = || head.next().expect(WRITTEN);
                let id = Cow::Borrowed(field());
                let category = field().parse().expect(WRITTEN);
                let severity = field().parse().expect(WRITTEN);
                let position = match field() {
                    "opening" => Position::Opening,
                    _ => Position::Anywhere,
                };
                let (explanation, suggestion) = (Cow::Borrowed(field()), Cow::Borrowed(field()));
                let line = field().parse().expect(WRITTEN);
                RuleHead {
                    id,
                    category,
                    severity,
                    position,
                    explanation,
                    suggestion,
                    line,
                }
            })
            .collect();
        let bodies = records.number();
        let rules = records.take(bodies);
        let letters = records.fields().flat_map(str::chars).collect();
        let vocabulary = records.words().map(str::to_string).collect();
        let pattern_words = PatternWords { letters, vocabulary };
        Lexicon {
            language,
            context: Box::new(context),
            heads,
            rules: Derived::default(),
            pattern_words: Derived::of(pattern_words),
            openers: Derived::default(),
            unread: Some(Unread {
                rules,
                openers: records.rest(),
            }),
        }
    }

    /// The rules in full, read from what [`Lexicon::precomputed`] wrote after their `heads`.
    fn read_rules(heads: &[RuleHead], bodies: &'static str) -> Vec<Rule> {
        let mut records = Records::new(bodies);
        heads
            .iter()
            .map(|head| {
                let patterns = records.list();
                let examples = records.list();
                let guardrails = records.list();
                let splits = patterns
                    .iter()
                    .map(|_| Split {
                        prefixes: records.parts(),
                        anchors: records.parts(),
                        suffixes: records.parts(),
                    })
                    .collect();
                Rule {
                    id: head.id.to_string(),
                    category: head.category,
                    severity: head.severity,
                    position: head.position,
                    patterns,
                    splits,
                    explanation: head.explanation.to_string(),
                    suggestion: head.suggestion.to_string(),
                    examples,
                    guardrails,
                    line: head.line,
                }
            })
            .collect()
    }

    fn read(origin: &str, source: &str) -> Result<Lexicon, Error> {
        let at = |span: Range<usize>, rule: Option<&str>, message: String| Error::Lexicon {
            origin: origin.to_string(),
            line: line_of(source, span.start),
            rule: rule.map(str::to_string),
            message,
        };
        let doc: FileDoc = toml::from_str(source)
            .map_err(|e| at(e.span().unwrap_or(0..0), None, e.message().to_string()))?;

        let code = doc.language.code.get_ref().clone();
        if !(2..=3).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_lowercase()) {
            return Err(at(
                doc.language.code.span(),
                None,
                format!("language code `{code}` must be 2 or 3 lowercase letters (ISO 639)"),
            ));
        }
        let one_word = |key: &str, word: &str| {
            let folded = normalize_literal(word);
            if folded.is_empty() || !folded.chars().all(is_word_char) {
                Err(at(
                    doc.language.code.span(),
                    None,
                    format!("`{key}` entry `{word}` must be a single word"),
                ))
            } else {
                Ok(folded)
            }
        };
        let particles = doc
            .language
            .particles
            .iter()
            .map(|w| one_word("particles", w))
            .collect::<Result<_, _>>()?;
        let word_variants = doc
            .language
            .word_variants
            .iter()
            .map(|(variant, canonical)| {
                Ok((
                    one_word("word_variants", variant)?,
                    one_word("word_variants", canonical)?,
                ))
            })
            .collect::<Result<_, Error>>()?;
        let language = Language {
            code,
            name: doc.language.name,
            native_name: doc.language.native_name,
            everyday_acronyms: doc.language.everyday_acronyms,
            stopwords: doc
                .language
                .stopwords
                .iter()
                .map(|w| normalize_literal(w))
                .collect(),
            particles,
            word_variants,
            unaccented_variants: doc.language.unaccented_variants,
        };

        // Literals are stored with the lexicon's own word folds applied, so two patterns
        // that only differ by a particle or a variant spelling count as duplicates.
        let folds = WordFolds::of(&language);
        let context = read_context(doc.context, &folds)
            .map_err(|message| at(doc.language.code.span(), None, format!("[context]: {message}")))?;
        let particles = Particles::new(&language.particles);
        let mut rules = Vec::with_capacity(doc.rules.len());
        // Which rule (index into `rules`, or the one being read) owns each literal.
        let mut owner_of_literal: FxHashMap<String, usize> = FxHashMap::default();
        let fold = pattern_fold(&language);
        // The commonest words of the language, which make poor anchors.
        let stopwords: FxHashSet<String> = language.stopwords.iter().map(|w| fold(w)).collect();
        let common = |word: &str| stopwords.contains(word);
        let mut lines = LineCounter::default();
        for spanned in doc.rules {
            let span = spanned.span();
            let entry = spanned.into_inner();
            let id = format!("{}.{}", language.code, entry.id);
            let fail = |message: String| at(span.clone(), Some(&id), message);

            if !is_rule_name(&entry.id) {
                return Err(fail(format!(
                    "rule id `{}` must be lowercase ASCII words joined by `-`, like `company-policy`",
                    entry.id
                )));
            }
            if rules.iter().any(|r: &Rule| r.id == id) {
                return Err(fail("this rule id is used twice in the lexicon".to_string()));
            }
            let category: Category = entry.category.parse().map_err(|e: Error| fail(e.to_string()))?;
            let severity: Severity = entry.severity.parse().map_err(|e: Error| fail(e.to_string()))?;
            if category.is_positive() && severity != Severity::Info {
                return Err(fail(format!(
                    "`{category}` is a positive signal, so its severity must be `info`"
                )));
            }
            let position = match entry.position.as_deref() {
                None | Some("anywhere") => Position::Anywhere,
                Some("opening") => Position::Opening,
                Some(other) => {
                    return Err(fail(format!(
                        "unknown position `{other}`; expected `anywhere` or `opening`"
                    )))
                }
            };
            for (key, value) in [
                ("explanation", &entry.explanation),
                ("suggestion", &entry.suggestion),
            ] {
                if value.trim().is_empty() {
                    return Err(fail(format!("`{key}` must not be empty")));
                }
            }
            if entry.patterns.is_empty() {
                return Err(fail("`patterns` must list at least one pattern".to_string()));
            }
            if entry.examples.is_empty() {
                return Err(fail(
                    "`examples` must list at least one reply in which the rule fires".to_string(),
                ));
            }

            let mut splits = Vec::new();
            for pattern in &entry.patterns {
                let in_pattern = |message: String| {
                    at(
                        pattern.span(),
                        Some(&id),
                        format!("pattern `{}`: {message}", pattern.get_ref()),
                    )
                };
                check_pattern(
                    pattern.get_ref(),
                    &language,
                    &folds,
                    &particles,
                    rules.len(),
                    &rules,
                    &mut owner_of_literal,
                )
                .map_err(in_pattern)?;
                let cut = pattern::split(pattern.get_ref(), &fold, &common)
                    .map_err(|e| in_pattern(e.to_string()))?;
                splits.push(with_accent_variants(cut, &language));
            }

            rules.push(Rule {
                id,
                category,
                severity,
                position,
                patterns: entry.patterns.into_iter().map(Spanned::into_inner).collect(),
                splits,
                explanation: entry.explanation.trim().to_string(),
                suggestion: entry.suggestion.trim().to_string(),
                examples: entry.examples,
                guardrails: entry.guardrails,
                line: lines.line_of(source, span.start),
            });
        }
        Ok(Lexicon {
            language,
            context: Box::new(context),
            heads: rules.iter().map(RuleHead::of).collect(),
            rules: Derived::of(rules),
            pattern_words: Derived::default(),
            openers: Derived::default(),
            unread: None,
        })
    }

    /// The letters and longer words of this lexicon's patterns and stop words, for language
    /// detection; normalising every pattern is costly, so it is done once per lexicon.
    pub(crate) fn pattern_words(&self) -> Arc<PatternWords> {
        let words = self.pattern_words.get(|| {
            let mut words = PatternWords::default();
            for pattern in self.rules().iter().flat_map(|r| r.patterns.iter()) {
                let normalized = normalize(pattern);
                let normalized = normalized.as_str();
                words
                    .letters
                    .extend(normalized.chars().filter(|c| c.is_alphabetic()));
                words.vocabulary.extend(
                    normalized
                        .split(|c: char| !is_word_char(c))
                        .filter(|w| w.chars().count() >= VOCABULARY_MIN_CHARS)
                        .map(str::to_string),
                );
            }
            for stopword in &self.language.stopwords {
                let normalized = normalize(stopword);
                words
                    .letters
                    .extend(normalized.as_str().chars().filter(|c| c.is_alphabetic()));
            }
            words
        });
        words.clone()
    }

    /// This lexicon's robotic-opener templates and pattern words, for the opener similarity
    /// check; splitting every literal into words is costly, so it is done once per lexicon.
    pub(crate) fn openers(&self) -> Arc<LexiconOpeners> {
        let openers = self.openers.get(|| {
            if let Some(unread) = self.unread {
                return LexiconOpeners::decode(&mut Records::new(unread.openers));
            }
            let literals: Vec<(usize, String)> = self
                .rules()
                .iter()
                .enumerate()
                .filter(|(_, rule)| rule.category == Category::RoboticOpener)
                .flat_map(|(i, rule)| rule.literals().into_iter().map(move |l| (i, l)))
                .collect();
            let parts = self
                .rules()
                .iter()
                .flat_map(|r| &r.splits)
                .flat_map(|s| s.prefixes.iter().chain(&s.anchors).chain(&s.suffixes));
            LexiconOpeners::new(
                literals.iter().map(|(i, l)| (*i, l.as_str())),
                parts.map(AsRef::as_ref),
            )
        });
        openers.clone()
    }

    /// The language this lexicon is for.
    pub fn language(&self) -> &Language {
        &self.language
    }

    /// The words this lexicon gives the context checks (negations, quote headers, deadlines…).
    pub fn context(&self) -> &Context {
        &self.context
    }

    /// The rules, in file order.
    pub fn rules(&self) -> &[Rule] {
        self.rules.get(|| match self.unread {
            Some(unread) => Lexicon::read_rules(&self.heads, unread.rules),
            // A lexicon not read from build.rs's records has its rules from the start.
            None => Vec::new(),
        })
    }

    /// What an analyzer reports of each rule, in file order, without reading the rest.
    pub(crate) fn heads(&self) -> &[RuleHead] {
        &self.heads
    }
}

impl Rule {
    /// Every literal the rule's patterns stand for, normalised: what it matches. For a lexicon
    /// with `unaccented_variants` this includes mixes of accented and unaccented words.
    pub fn literals(&self) -> Vec<String> {
        let mut seen = rustc_hash::FxHashSet::default();
        self.splits
            .iter()
            .flat_map(Split::literals)
            .filter(|l| seen.insert(l.clone()))
            .collect()
    }
}

/// Expands one pattern in full and checks its literals: letters in each, none owned by
/// another rule of the lexicon (`owners` maps each literal seen so far to its rule index).
fn check_pattern(
    pattern: &str,
    language: &Language,
    folds: &WordFolds,
    particles: &Particles,
    rule: usize,
    rules: &[Rule],
    owners: &mut FxHashMap<String, usize>,
) -> Result<(), String> {
    let expanded = pattern::expand(pattern).map_err(|e| e.to_string())?;
    let with_unaccented = expanded.into_iter().flat_map(|raw| {
        let unaccented = if language.unaccented_variants {
            strip_accents(&raw)
        } else {
            None
        };
        std::iter::once(raw).chain(unaccented)
    });
    for raw in with_unaccented {
        let literal = particles.apply_literal(&folds.apply_literal(&raw));
        if !literal.chars().any(char::is_alphanumeric) {
            return Err(format!(
                "`{raw}` has no letters or digits, so it would match punctuation alone"
            ));
        }
        match owners.entry(literal) {
            Entry::Occupied(owner) if *owner.get() == rule => {}
            Entry::Occupied(owner) => {
                return Err(format!(
                    "`{}` is already a pattern of rule `{}`; keep it in one rule",
                    owner.key(),
                    rules[*owner.get()].id
                ));
            }
            Entry::Vacant(slot) => {
                slot.insert(rule);
            }
        }
    }
    Ok(())
}

/// How a lexicon's patterns are folded before they are split: its word variants, then
/// without its particles.
pub(crate) fn pattern_fold(language: &Language) -> impl Fn(&str) -> String {
    let folds = WordFolds::of(language);
    let particles = Particles::new(&language.particles);
    move |raw: &str| particles.apply_literal(&folds.apply_literal(raw))
}

/// The split, for a lexicon with `unaccented_variants` widened so that every part also
/// matches without its accents.
fn with_accent_variants(split: Split, language: &Language) -> Split {
    if !language.unaccented_variants {
        return split;
    }
    let widen = |parts: Vec<Cow<'static, str>>| {
        let mut seen = rustc_hash::FxHashSet::default();
        let stripped: Vec<Cow<'static, str>> = parts
            .iter()
            .filter_map(|p| strip_accents(p))
            .map(Cow::Owned)
            .collect();
        parts
            .into_iter()
            .chain(stripped)
            .filter(|p| seen.insert(p.clone()))
            .collect::<Vec<_>>()
    };
    Split {
        prefixes: widen(split.prefixes),
        anchors: widen(split.anchors),
        suffixes: widen(split.suffixes),
    }
}

/// Normalises and checks the `[context]` lists: every entry a phrase with a letter or a digit
/// (a trailing `*` makes it a word prefix), every number of hours above zero.
fn read_context(doc: ContextDoc, folds: &WordFolds) -> Result<Context, String> {
    let phrase = |key: &str, raw: &String| {
        let literal = folds.apply_literal(raw);
        if literal.trim_end_matches('*').chars().any(char::is_alphanumeric) {
            Ok(literal)
        } else {
            Err(format!("`{key}` entry `{raw}` has no letters or digits"))
        }
    };
    let list =
        |key: &str, raw: Vec<String>| raw.iter().map(|w| phrase(key, w)).collect::<Result<Vec<_>, _>>();
    let table = |key: &str, raw: BTreeMap<String, u32>| {
        raw.iter()
            .map(|(w, &n)| match n {
                0 => Err(format!("`{key}` entry `{w}` must be above 0")),
                _ => Ok((phrase(key, w)?, n)),
            })
            .collect::<Result<Vec<_>, _>>()
    };
    Ok(Context {
        negations: list("negations", doc.negations)?,
        negations_after: list("negations_after", doc.negations_after)?,
        clause_breaks: list("clause_breaks", doc.clause_breaks)?,
        reply_headers: list("reply_headers", doc.reply_headers)?,
        forward_headers: list("forward_headers", doc.forward_headers)?,
        commitment_words: list("commitment_words", doc.commitment_words)?,
        guarantees: list("guarantees", doc.guarantees)?,
        deadlines: table("deadlines", doc.deadlines)?,
        deadline_units: table("deadline_units", doc.deadline_units)?,
        numbers: table("numbers", doc.numbers)?,
        offers_of_help: list("offers_of_help", doc.offers_of_help)?,
        next_steps: list("next_steps", doc.next_steps)?,
        problem_words: list("problem_words", doc.problem_words)?,
    })
}

fn is_rule_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .split('-')
            .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

/// Line numbers of offsets that mostly come in increasing order (the rules of a file): each
/// is counted on from the previous one, not from the start of the file again.
#[derive(Default)]
struct LineCounter {
    offset: usize,
    /// Line breaks before `offset`.
    breaks: usize,
}

impl LineCounter {
    fn line_of(&mut self, source: &str, offset: usize) -> usize {
        let offset = offset.min(source.len());
        if offset < self.offset {
            *self = LineCounter::default();
        }
        self.breaks += source.as_bytes()[self.offset..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.offset = offset;
        self.breaks + 1
    }
}

fn line_of(source: &str, offset: usize) -> usize {
    source.as_bytes()[..offset.min(source.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "[language]\ncode = \"en\"\nname = \"English\"\nnative_name = \"English\"\n";

    fn lexicon_with(rule: &str) -> Result<Lexicon, Error> {
        Lexicon::parse("test.toml", &format!("{HEADER}\n[[rule]]\n{rule}"))
    }

    fn rule(fields: &str) -> String {
        let mut rule = String::from(
            "id = \"company-policy\"\ncategory = \"policy_hiding\"\nseverity = \"warning\"\n\
             explanation = \"Why.\"\nsuggestion = \"Instead.\"\nexamples = [\"It is company policy.\"]\n",
        );
        rule.push_str(fields);
        rule
    }

    fn message(result: Result<Lexicon, Error>) -> String {
        result.unwrap_err().to_string()
    }

    #[test]
    fn a_valid_rule_is_expanded_and_normalised() {
        let lex = lexicon_with(&rule("patterns = [\"(It’s|it is) [our] Company Policy\"]")).unwrap();
        let r = &lex.rules()[0];
        assert_eq!(r.id, "en.company-policy");
        assert_eq!(r.line, 6, "the line of the rule's [[rule]] header");
        assert_eq!(
            r.literals(),
            [
                "it's company policy",
                "it's our company policy",
                "it is company policy",
                "it is our company policy"
            ]
        );
    }

    #[test]
    fn syntax_errors_name_the_file_and_line() {
        let err = message(Lexicon::parse(
            "ru.toml",
            "[language]\ncode = \"ru\"\nname = = 1\n",
        ));
        assert!(err.starts_with("ru.toml:3: "), "{err}");
    }

    #[test]
    fn bad_patterns_name_the_rule_and_the_pattern_line() {
        let err = message(lexicon_with(&rule(
            "patterns = [\n  \"fine\",\n  \"(broken\",\n]",
        )));
        assert_eq!(
            err,
            "test.toml:15: rule `en.company-policy`: pattern `(broken`: `(` is never closed"
        );
    }

    #[test]
    fn unknown_keys_are_rejected() {
        let err = message(lexicon_with(&rule("patterns = [\"a b\"]\nexplanaton = \"typo\"")));
        assert!(err.contains("unknown field `explanaton`"), "{err}");
    }

    #[test]
    fn unknown_category_and_severity_are_rejected() {
        let err = message(lexicon_with(
            &rule("patterns = [\"a b\"]").replace("policy_hiding", "rudeness"),
        ));
        assert!(
            err.contains("rule `en.company-policy`: unknown category `rudeness`"),
            "{err}"
        );
        let err = message(lexicon_with(
            &rule("patterns = [\"a b\"]").replace("\"warning\"", "\"fatal\""),
        ));
        assert!(err.contains("unknown severity `fatal`"), "{err}");
    }

    #[test]
    fn punctuation_only_patterns_are_rejected() {
        let err = message(lexicon_with(&rule("patterns = [\"?!\"]")));
        assert!(err.contains("has no letters or digits"), "{err}");
    }

    #[test]
    fn a_literal_in_two_rules_is_rejected() {
        let two = format!(
            "{}\n[[rule]]\n{}",
            rule("patterns = [\"company policy\"]"),
            rule("patterns = [\"[the] company policy\"]").replace("company-policy\"", "other\"")
        );
        let err = message(lexicon_with(&two));
        assert!(
            err.contains("already a pattern of rule `en.company-policy`"),
            "{err}"
        );
    }

    #[test]
    fn duplicate_ids_empty_texts_and_missing_examples_are_rejected() {
        let twice = format!(
            "{}\n[[rule]]\n{}",
            rule("patterns = [\"a b\"]"),
            rule("patterns = [\"c d\"]")
        );
        assert!(message(lexicon_with(&twice)).contains("used twice"));
        let empty = rule("patterns = [\"a b\"]").replace("\"Why.\"", "\" \"");
        assert!(message(lexicon_with(&empty)).contains("`explanation` must not be empty"));
        let no_examples = rule("patterns = [\"a b\"]").replace("[\"It is company policy.\"]", "[]");
        assert!(message(lexicon_with(&no_examples)).contains("`examples` must list"));
        assert!(message(lexicon_with(&rule("patterns = []"))).contains("at least one pattern"));
    }

    #[test]
    fn positive_signals_must_be_info() {
        let r = rule("patterns = [\"i understand\"]").replace("policy_hiding", "empathy");
        assert!(message(lexicon_with(&r)).contains("must be `info`"));
    }

    #[test]
    fn rule_names_are_kebab_case() {
        let r = rule("patterns = [\"a b\"]").replace("company-policy", "Company_Policy");
        assert!(message(lexicon_with(&r)).contains("must be lowercase ASCII words"));
    }

    #[test]
    fn particles_and_variants_are_single_words() {
        let header = HEADER.replace(
            "native_name",
            "particles = [\"po\", \"Ho\"]\nword_variants = { nang = \"ng\" }\nnative_name",
        );
        let lex = Lexicon::parse(
            "t.toml",
            &format!("{header}\n[[rule]]\n{}", rule("patterns = [\"a b\"]")),
        )
        .unwrap();
        assert_eq!(lex.language().particles, ["po", "ho"]);
        assert_eq!(
            lex.language().word_variants,
            [("nang".to_string(), "ng".to_string())]
        );
        let bad = HEADER.replace("native_name", "particles = [\"p o\"]\nnative_name");
        let err = message(Lexicon::parse(
            "t.toml",
            &format!("{bad}\n[[rule]]\n{}", rule("patterns = [\"a b\"]")),
        ));
        assert!(
            err.contains("`particles` entry `p o` must be a single word"),
            "{err}"
        );
    }

    #[test]
    fn literals_that_differ_only_by_a_folded_word_are_duplicates() {
        let header = HEADER.replace("native_name", "particles = [\"po\"]\nnative_name");
        let two = format!(
            "{}\n[[rule]]\n{}",
            rule("patterns = [\"wala akong magagawa\"]"),
            rule("patterns = [\"wala po akong magagawa\"]").replace("company-policy\"", "other\"")
        );
        let err = message(Lexicon::parse("t.toml", &format!("{header}\n[[rule]]\n{two}")));
        assert!(
            err.contains("already a pattern of rule `en.company-policy`"),
            "{err}"
        );
    }

    #[test]
    fn unaccented_variants_add_literals_without_accents() {
        let header = HEADER.replace("native_name", "unaccented_variants = true\nnative_name");
        let lex = Lexicon::parse(
            "t.toml",
            &format!(
                "{header}\n[[rule]]\n{}",
                rule("patterns = [\"es política de la empresa\"]")
            ),
        )
        .unwrap();
        assert_eq!(
            lex.rules()[0].literals(),
            ["es política de la empresa", "es politica de la empresa"]
        );
    }

    #[test]
    fn builtin_splits_stand_for_exactly_the_expanded_patterns() {
        for lexicon in crate::builtin_lexicons() {
            let language = lexicon.language();
            let folds = WordFolds::of(language);
            for rule in lexicon.rules() {
                let mut expanded: Vec<String> = rule
                    .patterns
                    .iter()
                    .flat_map(|p| pattern::expand(p).unwrap())
                    .flat_map(|raw| {
                        let unaccented = if language.unaccented_variants {
                            strip_accents(&raw)
                        } else {
                            None
                        };
                        std::iter::once(raw).chain(unaccented)
                    })
                    .map(|raw| Particles::new(&language.particles).apply_literal(&folds.apply_literal(&raw)))
                    .collect();
                expanded.sort();
                expanded.dedup();
                let mut from_splits = rule.literals();
                from_splits.sort();
                if language.unaccented_variants {
                    // Accent variants of the parts also mix: a superset of the expansion.
                    assert!(
                        expanded.iter().all(|l| from_splits.binary_search(l).is_ok()),
                        "{}",
                        rule.id
                    );
                } else {
                    assert_eq!(from_splits, expanded, "{}", rule.id);
                }
            }
        }
    }

    #[test]
    fn expansion_blow_up_is_an_error() {
        let r = rule(&format!("patterns = [\"{}\"]", "(a|b|c|d) ".repeat(6)));
        assert!(message(lexicon_with(&r)).contains("expands to more than 1024 literals"));
    }
}
