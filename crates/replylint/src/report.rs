//! What an analysis returns: [`Report`], its [`Finding`]s and their [`Span`]s, and the score.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

use crate::category::{Category, Severity};
use crate::commitments::{Commitment, Found};
use crate::lexicon::Position;
use crate::swar;

/// A half-open range `start..end` into the analysed text, in some unit (bytes, code points or
/// UTF-16 code units, depending on which span of a [`Finding`] it is).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    /// Where the span starts.
    pub start: usize,
    /// Where the span ends (exclusive).
    pub end: usize,
}

impl Span {
    /// The span as a `Range`, for slicing.
    ///
    /// ```
    /// let span = replylint::Span { start: 4, end: 10 };
    /// assert_eq!(&"Per policy"[span.range()], "policy");
    /// ```
    pub fn range(self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

/// One phrase that a rule found, with why it matters and what to write instead.
///
/// ```
/// use replylint::{Analyzer, Category};
///
/// let text = "Sorry, it’s company policy.";
/// let report = Analyzer::new().analyze(text);
/// let finding = report.findings().iter().find(|f| f.category() == Category::PolicyHiding).unwrap();
/// assert_eq!(&text[finding.span().range()], finding.text());
/// assert_eq!(finding.language(), "en");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(from = "FindingFields")]
pub struct Finding {
    rule: Arc<RuleText>,
    category: Category,
    severity: Severity,
    text: String,
    span: Span,
    char_span: Span,
    utf16_span: Span,
}

/// What a finding tells of its rule, shared by all of the rule's findings: one count of
/// references for a finding to take and give back, not one for each string. Threads that
/// report the same rule contend for that count's cache line.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct RuleText {
    pub id: Arc<str>,
    pub language: Arc<str>,
    pub explanation: Arc<str>,
    pub suggestion: Arc<str>,
}

/// A [`Finding`] as written out, field by field.
#[derive(Deserialize)]
struct FindingFields {
    rule_id: String,
    category: Category,
    severity: Severity,
    language: String,
    text: String,
    span: Span,
    char_span: Span,
    utf16_span: Span,
    explanation: String,
    suggestion: String,
}

impl From<FindingFields> for Finding {
    fn from(f: FindingFields) -> Finding {
        Finding {
            rule: Arc::new(RuleText {
                id: f.rule_id.into(),
                language: f.language.into(),
                explanation: f.explanation.into(),
                suggestion: f.suggestion.into(),
            }),
            category: f.category,
            severity: f.severity,
            text: f.text,
            span: f.span,
            char_span: f.char_span,
            utf16_span: f.utf16_span,
        }
    }
}

impl Serialize for Finding {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut finding = serializer.serialize_struct("Finding", 10)?;
        finding.serialize_field("rule_id", &*self.rule.id)?;
        finding.serialize_field("category", &self.category)?;
        finding.serialize_field("severity", &self.severity)?;
        finding.serialize_field("language", &*self.rule.language)?;
        finding.serialize_field("text", &self.text)?;
        finding.serialize_field("span", &self.span)?;
        finding.serialize_field("char_span", &self.char_span)?;
        finding.serialize_field("utf16_span", &self.utf16_span)?;
        finding.serialize_field("explanation", &*self.rule.explanation)?;
        finding.serialize_field("suggestion", &*self.rule.suggestion)?;
        finding.end()
    }
}

impl Finding {
    /// The full rule id, e.g. `en.company-policy` or `core.unexplained-acronym`.
    pub fn rule_id(&self) -> &str {
        &self.rule.id
    }
    /// What the finding is about.
    pub fn category(&self) -> Category {
        self.category
    }
    /// How much it matters (always `Info` for positive signals).
    pub fn severity(&self) -> Severity {
        self.severity
    }
    /// The language of the rule that fired (`und` for rules that belong to no language).
    pub fn language(&self) -> &str {
        &self.rule.language
    }
    /// The original text of the span.
    pub fn text(&self) -> &str {
        &self.text
    }
    /// The span in UTF-8 bytes of the original text.
    pub fn span(&self) -> Span {
        self.span
    }
    /// The span in Unicode code points (Python string indices).
    pub fn char_span(&self) -> Span {
        self.char_span
    }
    /// The span in UTF-16 code units (JavaScript string indices).
    pub fn utf16_span(&self) -> Span {
        self.utf16_span
    }
    /// Why the phrase hurts, in the rule's language.
    pub fn explanation(&self) -> &str {
        &self.rule.explanation
    }
    /// What to write instead, in the rule's language.
    pub fn suggestion(&self) -> &str {
        &self.rule.suggestion
    }
}

/// The result of analysing one reply: findings in text order, counts per category, and a score.
///
/// ```
/// use replylint::{Analyzer, Category};
///
/// let report = Analyzer::new().analyze("As I already said, that's not my department.");
/// assert_eq!(report.count(Category::Argumentative), 1);
/// assert_eq!(report.count(Category::Deflection), 1);
/// assert!(report.score() < 90);
/// ```
#[derive(Clone, Debug, Deserialize)]
pub struct Report {
    findings: Vec<Finding>,
    /// Worked out from the findings when first asked for, as most reports never are; read
    /// back from JSON the same way.
    #[serde(skip)]
    counts: OnceLock<BTreeMap<Category, usize>>,
    score: u8,
    #[serde(default)]
    commitments: Vec<Commitment>,
}

/// The counts follow from the findings, so they need no comparing.
impl PartialEq for Report {
    fn eq(&self, other: &Report) -> bool {
        self.findings == other.findings && self.score == other.score && self.commitments == other.commitments
    }
}

impl Eq for Report {}

impl Serialize for Report {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut report = serializer.serialize_struct("Report", 4)?;
        report.serialize_field("findings", &self.findings)?;
        report.serialize_field("counts", self.counts())?;
        report.serialize_field("score", &self.score)?;
        report.serialize_field("commitments", &self.commitments)?;
        report.end()
    }
}

impl Report {
    /// Every finding, positive signals included, ordered by start, then end.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }
    /// How many findings of each category (every category is present, most with 0).
    pub fn counts(&self) -> &BTreeMap<Category, usize> {
        self.counts.get_or_init(|| {
            let mut counts: BTreeMap<Category, usize> = Category::ALL.iter().map(|&c| (c, 0)).collect();
            for finding in &self.findings {
                *counts.entry(finding.category).or_default() += 1;
            }
            counts
        })
    }
    /// How many findings of one category.
    pub fn count(&self, category: Category) -> usize {
        self.findings.iter().filter(|f| f.category == category).count()
    }
    /// The reply's score from 0 to 100 (see [`score`](crate::score)).
    pub fn score(&self) -> u8 {
        self.score
    }
    /// True when nothing but positive signals was found.
    pub fn is_clean(&self) -> bool {
        self.findings.iter().all(|f| f.category.is_positive())
    }
    /// The promises with deadlines that the reply makes, in text order (see [`Commitment`]).
    pub fn commitments(&self) -> &[Commitment] {
        &self.commitments
    }
    /// The highest severity among the problems found, if any.
    pub fn max_severity(&self) -> Option<Severity> {
        self.findings
            .iter()
            .filter(|f| !f.category.is_positive())
            .map(|f| f.severity)
            .max()
    }
}

/// What a rule contributes to a finding; shared by every finding of that rule.
#[derive(Clone, Debug)]
pub(crate) struct RuleMeta {
    pub text: Arc<RuleText>,
    pub category: Category,
    pub severity: Severity,
    pub position: Position,
}

/// A rule's hit on the original text, in bytes, before the report is built.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Hit {
    pub rule: usize,
    pub start: usize,
    pub end: usize,
}

/// The score's starting point: a reply with neither problems nor positive signals.
pub const BASE_SCORE: i32 = 90;
/// Points taken off for each problem of each severity.
pub const PENALTY: [(Severity, i32); 3] =
    [(Severity::Info, 2), (Severity::Warning, 6), (Severity::Error, 12)];
/// Points given for each positive category present (empathy, apology, ownership, follow-up).
pub const BONUS_PER_POSITIVE_CATEGORY: i32 = 5;

/// Builds the report from sorted hits on `text` and the commitments found in it.
pub(crate) fn build(text: &str, hits: &[Hit], rules: &[RuleMeta], found: &[Found]) -> Report {
    let mut units = Units::new(text);
    let mut findings = Vec::with_capacity(hits.len());
    for hit in hits {
        let (span, char_span, utf16_span) = units.spans(hit.start..hit.end);
        let rule = &rules[hit.rule];
        findings.push(Finding {
            rule: rule.text.clone(),
            category: rule.category,
            severity: rule.severity,
            text: text[hit.start..hit.end].to_string(),
            span,
            char_span,
            utf16_span,
        });
    }
    let score = score(&findings);
    let commitments = found
        .iter()
        .map(|c| (c, units.spans(c.sentence.clone())))
        .map(|(c, (span, char_span, utf16_span))| Commitment {
            text: text[c.sentence.clone()].to_string(),
            span,
            char_span,
            utf16_span,
            deadline: text[c.deadline.clone()].to_string(),
            deadline_span: Span {
                start: c.deadline.start,
                end: c.deadline.end,
            },
            deadline_hours: c.hours,
            guaranteed: c.guarantee.is_some(),
        })
        .collect();
    Report {
        findings,
        counts: OnceLock::new(),
        score,
        commitments,
    }
}

/// The score of a set of findings, from 0 to 100:
///
/// `clamp(90 − Σ penalty(severity of each problem) + 5 × (number of positive categories present), 0, 100)`
///
/// with penalties info 2, warning 6, error 12. A reply with no problems and no positive
/// signals scores 90; one problem of each severity costs 20; empathy plus a real apology and a
/// follow-up add 15.
///
/// ```
/// use replylint::Analyzer;
///
/// assert_eq!(Analyzer::new().analyze("Your refund was sent today.").score(), 90);
/// ```
pub fn score(findings: &[Finding]) -> u8 {
    let penalty: i32 = findings
        .iter()
        .filter(|f| !f.category.is_positive())
        .map(|f| PENALTY.iter().find(|(s, _)| *s == f.severity).map_or(0, |p| p.1))
        .sum();
    // The positive categories present, a bit each.
    const _: () = assert!(Category::ALL.len() <= 64);
    let positives = findings
        .iter()
        .filter(|f| f.category.is_positive())
        .fold(0u64, |set, f| set | 1 << f.category as u32);
    let bonus = BONUS_PER_POSITIVE_CATEGORY * positives.count_ones() as i32;
    (BASE_SCORE - penalty + bonus).clamp(0, 100) as u8
}

/// Byte ranges of one text as spans in bytes, code points and UTF-16 units. Ranges given in
/// order of their starts cost one pass over the text in all; ranges are short, and counted
/// from their start.
struct Units<'t> {
    text: &'t [u8],
    ascii: bool,
    /// A byte offset, and the code points and UTF-16 units before it.
    at: usize,
    chars: usize,
    utf16: usize,
}

impl<'t> Units<'t> {
    fn new(text: &'t str) -> Units<'t> {
        Units {
            text: text.as_bytes(),
            ascii: text.is_ascii(),
            at: 0,
            chars: 0,
            utf16: 0,
        }
    }

    fn spans(&mut self, range: Range<usize>) -> (Span, Span, Span) {
        let bytes = Span {
            start: range.start,
            end: range.end,
        };
        if self.ascii {
            return (bytes, bytes, bytes);
        }
        if range.start < self.at {
            (self.at, self.chars, self.utf16) = (0, 0, 0);
        }
        let (chars, utf16) = units(&self.text[self.at..range.start]);
        (self.at, self.chars, self.utf16) = (range.start, self.chars + chars, self.utf16 + utf16);
        let (span_chars, span_utf16) = units(&self.text[range]);
        (
            bytes,
            Span {
                start: self.chars,
                end: self.chars + span_chars,
            },
            Span {
                start: self.utf16,
                end: self.utf16 + span_utf16,
            },
        )
    }
}

/// How many code points and UTF-16 units the UTF-8 `bytes` hold, counted from the bytes
/// alone, eight at a time: every byte but a continuation byte starts a code point, and those
/// of four bytes (from a lead byte of 0xF0 up) take two UTF-16 units.
fn units(bytes: &[u8]) -> (usize, usize) {
    let (mut continuations, mut astral) = (0, 0);
    for word in swar::words(bytes) {
        continuations += swar::count(swar::continuation(word));
        astral += swar::count(swar::at_least_f0(word));
    }
    let chars = bytes.len() - continuations;
    (chars, chars + astral)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(category: Category, severity: Severity) -> RuleMeta {
        RuleMeta {
            text: Arc::new(RuleText {
                id: "t.rule".into(),
                language: "en".into(),
                explanation: "why".into(),
                suggestion: "instead".into(),
            }),
            category,
            severity,
            position: Position::Anywhere,
        }
    }

    fn report(text: &str, hits: &[(Category, Severity, usize, usize)]) -> Report {
        let rules: Vec<RuleMeta> = hits.iter().map(|&(c, s, _, _)| meta(c, s)).collect();
        let hits: Vec<Hit> = hits
            .iter()
            .enumerate()
            .map(|(i, &(_, _, start, end))| Hit { rule: i, start, end })
            .collect();
        build(text, &hits, &rules, &[])
    }

    #[test]
    fn a_reply_without_findings_scores_the_base() {
        assert_eq!(report("fine", &[]).score(), 90);
    }

    #[test]
    fn problems_cost_by_severity() {
        use Category::*;
        use Severity::*;
        let r = report(
            "abcdef",
            &[
                (Jargon, Info, 0, 1),
                (Deflection, Warning, 1, 2),
                (Argumentative, Error, 2, 3),
            ],
        );
        assert_eq!(r.score(), 90 - 2 - 6 - 12);
    }

    #[test]
    fn each_positive_category_counts_once() {
        use Category::*;
        let r = report(
            "abcdef",
            &[(Empathy, Severity::Info, 0, 1), (Empathy, Severity::Info, 1, 2)],
        );
        assert_eq!(r.score(), 95);
        let r = report(
            "abcdef",
            &[
                (Empathy, Severity::Info, 0, 1),
                (Apology, Severity::Info, 1, 2),
                (FollowUp, Severity::Info, 2, 3),
            ],
        );
        assert_eq!(r.score(), 100, "clamped");
    }

    #[test]
    fn the_score_never_goes_below_zero() {
        let hits: Vec<_> = (0..20)
            .map(|i| (Category::Argumentative, Severity::Error, i, i + 1))
            .collect();
        assert_eq!(report(&"x".repeat(21), &hits).score(), 0);
    }

    #[test]
    fn spans_are_given_in_bytes_code_points_and_utf16() {
        let text = "😀 é x";
        let r = report(
            text,
            &[
                (Category::Jargon, Severity::Info, 5, 7),
                (Category::Jargon, Severity::Info, 8, 9),
            ],
        );
        let f = &r.findings()[0];
        assert_eq!(f.text(), "é");
        assert_eq!(f.char_span(), Span { start: 2, end: 3 });
        assert_eq!(f.utf16_span(), Span { start: 3, end: 4 });
        assert_eq!(r.findings()[1].char_span(), Span { start: 4, end: 5 });
    }

    #[test]
    fn every_span_counts_what_comes_before_it_in_each_unit() {
        let text = "a é 中 😀 b😀é";
        let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        let in_units = |bytes: usize| {
            (
                text[..bytes].chars().count(),
                text[..bytes].encode_utf16().count(),
            )
        };
        let mut units = Units::new(text);
        // Forwards, then back to the start, as findings and then commitments go.
        for pass in 0..2 {
            for (i, &start) in bounds.iter().enumerate() {
                for &end in &bounds[i..] {
                    let (bytes, chars, utf16) = units.spans(start..end);
                    assert_eq!((bytes.start, bytes.end), (start, end));
                    let ((cs, us), (ce, ue)) = (in_units(start), in_units(end));
                    assert_eq!((chars.start, chars.end), (cs, ce), "{pass} {start}..{end}");
                    assert_eq!((utf16.start, utf16.end), (us, ue), "{pass} {start}..{end}");
                }
            }
        }
    }

    #[test]
    fn counts_follow_the_findings_and_the_order_of_the_categories() {
        let r = report(
            "abcdef",
            &[
                (Category::Complaint, Severity::Info, 0, 1),
                (Category::Jargon, Severity::Info, 1, 2),
                (Category::Jargon, Severity::Info, 2, 3),
            ],
        );
        let order: Vec<Category> = Category::ALL.iter().chain(&Category::CUSTOMER).copied().collect();
        assert_eq!(r.counts().keys().copied().collect::<Vec<_>>(), order);
        for (&category, &n) in r.counts() {
            assert_eq!(r.count(category), n);
        }
        assert_eq!((r.count(Category::Jargon), r.count(Category::Complaint)), (2, 1));
        let json = serde_json::to_string(&r).unwrap();
        assert!(json.contains(r#""counts":{"jargon":2,"#), "{json}");
        let back: Report = serde_json::from_str(&json).unwrap();
        assert_eq!(back, r);
        assert_eq!(back.counts(), r.counts());
    }

    #[test]
    fn a_finding_is_written_out_field_by_field_and_read_back() {
        let r = report("ab", &[(Category::Apathy, Severity::Warning, 0, 1)]);
        let json = serde_json::to_string(&r.findings()[0]).unwrap();
        // The fields of the rule the finding shares with the rule's other findings, in place.
        assert_eq!(
            json,
            concat!(
                r#"{"rule_id":"t.rule","category":"apathy","severity":"warning","language":"en","#,
                r#""text":"a","span":{"start":0,"end":1},"char_span":{"start":0,"end":1},"#,
                r#""utf16_span":{"start":0,"end":1},"explanation":"why","suggestion":"instead"}"#
            )
        );
        let back: Finding = serde_json::from_str(&json).unwrap();
        assert_eq!(back, r.findings()[0]);
    }

    #[test]
    fn counts_list_every_category() {
        let r = report("ab", &[(Category::Apathy, Severity::Warning, 0, 1)]);
        assert_eq!(r.counts().len(), Category::ALL.len());
        assert_eq!(r.count(Category::Apathy), 1);
        assert_eq!(r.count(Category::Jargon), 0);
        assert_eq!(r.max_severity(), Some(Severity::Warning));
        assert!(!r.is_clean());
    }
}
