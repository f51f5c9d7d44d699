//! Whole conversations: [`Conversation`] of [`Turn`]s in, [`ConversationReport`] out.
//!
//! Every agent turn is analysed like a reply; customer turns are read for complaint signals
//! only. On top of that come the findings one reply cannot show: a robotic first opener, no
//! empathy after a complaint, no follow-up at the end, a slow first response, a long wait,
//! and the same canned sentence pasted into several turns.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

use crate::sentences::sentences;

use crate::analyzer::Analyzer;
use crate::category::{Category, Severity};
use crate::error::Error;
use crate::report::{Finding, Report, PENALTY};

/// Rule ids of the conversation-level checks.
pub mod conversation_rules {
    /// The first agent turn opens with a canned phrase.
    pub const ROBOTIC_FIRST_OPENER: &str = "conversation.robotic-first-opener";
    /// The agent answers a complaint with neither empathy nor a real apology.
    pub const NO_EMPATHY_AFTER_COMPLAINT: &str = "conversation.no-empathy-after-complaint";
    /// The last agent turn gives no next step.
    pub const NO_FOLLOW_UP_AT_END: &str = "conversation.no-follow-up-at-end";
    /// The first agent turn came later than the first-response threshold.
    pub const SLOW_FIRST_RESPONSE: &str = "conversation.slow-first-response";
    /// A later agent turn came later than the wait threshold.
    pub const LONG_CUSTOMER_WAIT: &str = "conversation.long-customer-wait";
    /// The same sentence in two or more of one agent's turns.
    pub const REPEATED_CANNED_SENTENCE: &str = "conversation.repeated-canned-sentence";
    /// Every id above.
    pub const ALL: [&str; 6] = [
        ROBOTIC_FIRST_OPENER,
        NO_EMPATHY_AFTER_COMPLAINT,
        NO_FOLLOW_UP_AT_END,
        SLOW_FIRST_RESPONSE,
        LONG_CUSTOMER_WAIT,
        REPEATED_CANNED_SENTENCE,
    ];
}

/// Who wrote a turn.
///
/// ```
/// use replylint::Role;
/// assert_eq!("customer".parse::<Role>().unwrap(), Role::Customer);
/// assert!("bot".parse::<Role>().is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The support agent.
    Agent,
    /// The customer.
    Customer,
}

impl Role {
    /// `agent` or `customer`.
    ///
    /// ```
    /// assert_eq!(replylint::Role::Agent.as_str(), "agent");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Agent => "agent",
            Role::Customer => "customer",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = Error;

    fn from_str(s: &str) -> Result<Role, Error> {
        match s {
            "agent" => Ok(Role::Agent),
            "customer" => Ok(Role::Customer),
            _ => Err(Error::UnknownRole(s.to_string())),
        }
    }
}

/// One message of a conversation.
///
/// `time` is in seconds since 1970-01-01 UTC; [`parse_time`] reads RFC 3339 text.
///
/// ```
/// use replylint::Turn;
///
/// let turn = Turn::agent("Hi Anna, I've found your order.").by("maria").at(1_772_356_500);
/// assert_eq!(turn.agent.as_deref(), Some("maria"));
/// assert_eq!(turn.time, Some(1_772_356_500));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Turn {
    /// Who wrote it.
    pub role: Role,
    /// The agent's id or name (agent turns).
    #[serde(default)]
    pub agent: Option<String>,
    /// When it was sent, in seconds since 1970-01-01 UTC. Deserialised from a number or from
    /// RFC 3339 text (see [`parse_time`]).
    #[serde(default, deserialize_with = "deserialize_time")]
    pub time: Option<i64>,
    /// What was written.
    pub text: String,
}

/// A time written as seconds or as RFC 3339 text.
fn deserialize_time<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Written {
        Seconds(i64),
        Fraction(f64),
        Text(String),
    }
    match Option::<Written>::deserialize(d)? {
        None => Ok(None),
        Some(Written::Seconds(s)) => Ok(Some(s)),
        Some(Written::Fraction(s)) => parse_time(&s.to_string()).map(Some),
        Some(Written::Text(t)) => parse_time(&t).map(Some),
    }
    .map_err(serde::de::Error::custom)
}

impl Turn {
    /// A turn of the agent's, without agent id or time.
    pub fn agent(text: impl Into<String>) -> Turn {
        Turn {
            role: Role::Agent,
            agent: None,
            time: None,
            text: text.into(),
        }
    }

    /// A turn of the customer's, without time.
    pub fn customer(text: impl Into<String>) -> Turn {
        Turn {
            role: Role::Customer,
            agent: None,
            time: None,
            text: text.into(),
        }
    }

    /// The same turn with an agent id.
    pub fn by(mut self, agent: impl Into<String>) -> Turn {
        self.agent = Some(agent.into());
        self
    }

    /// The same turn with a time, in seconds since 1970-01-01 UTC.
    pub fn at(mut self, time: i64) -> Turn {
        self.time = Some(time);
        self
    }
}

/// A conversation: an id and its turns in the order they were sent.
///
/// ```
/// use replylint::{Conversation, Turn};
///
/// let conversation = Conversation::new("c-1", vec![Turn::customer("Hi"), Turn::agent("Hello!")]);
/// assert_eq!(conversation.turns.len(), 2);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conversation {
    /// The conversation's id (a ticket or chat id).
    pub id: String,
    /// The turns, oldest first.
    pub turns: Vec<Turn>,
}

impl Conversation {
    /// A conversation from its id and turns.
    pub fn new(id: impl Into<String>, turns: Vec<Turn>) -> Conversation {
        Conversation { id: id.into(), turns }
    }
}

/// Thresholds of the conversation checks.
///
/// ```
/// let options = replylint::ConversationOptions::default();
/// assert_eq!(options.first_response_secs, 3600);
/// assert_eq!(options.customer_wait_secs, 4 * 3600);
/// assert_eq!(options.canned_sentence_min_words, 5);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ConversationOptions {
    /// The first agent turn should come within this many seconds of the first customer turn.
    /// Default: one hour.
    pub first_response_secs: i64,
    /// Every later agent turn should come within this many seconds of the customer turn it
    /// answers. Default: four hours.
    pub customer_wait_secs: i64,
    /// A sentence repeated across turns counts as canned from this many words on, so that
    /// "Thank you!" or "Have a nice day." do not. Default: 5.
    pub canned_sentence_min_words: usize,
}

impl Default for ConversationOptions {
    fn default() -> ConversationOptions {
        ConversationOptions {
            first_response_secs: 3600,
            customer_wait_secs: 4 * 3600,
            canned_sentence_min_words: 5,
        }
    }
}

/// A finding about a conversation as a whole, pinned to the turn it is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversationFinding {
    /// The rule id, one of [`conversation_rules::ALL`].
    pub rule_id: String,
    /// How much it matters.
    pub severity: Severity,
    /// The index of the agent turn it is about.
    pub turn: usize,
    /// The agent of that turn, when known.
    pub agent: Option<String>,
    /// The measured value when there is one: seconds waited, or the repeated sentence.
    pub detail: Option<String>,
    /// Why it hurts.
    pub explanation: String,
    /// What to do instead.
    pub suggestion: String,
}

/// What one turn got: a [`Report`] for agent turns, complaint signals for customer turns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TurnReport {
    /// Who wrote it.
    pub role: Role,
    /// The agent's id (agent turns), when known.
    pub agent: Option<String>,
    /// When it was sent, in seconds since 1970-01-01 UTC.
    pub time: Option<i64>,
    /// What was written.
    pub text: String,
    /// The analysis of an agent turn.
    pub report: Option<Report>,
    /// The complaint signals of a customer turn.
    pub complaints: Vec<Finding>,
    /// For an agent turn that answers customer turns: seconds since the first of them.
    pub wait_secs: Option<i64>,
}

/// What a conversation got: every turn's analysis, the conversation findings, the
/// response times and a score.
///
/// ```
/// use replylint::{Analyzer, Conversation, Turn};
///
/// let conversation = Conversation::new("c-7", vec![
///     Turn::customer("This is ridiculous, my parcel is a week late.").at(0),
///     Turn::agent("Dear valued customer, please be patient.").by("sam").at(2 * 3600),
/// ]);
/// let report = Analyzer::new().analyze_conversation(&conversation);
/// let rules: Vec<&str> = report.findings.iter().map(|f| f.rule_id.as_str()).collect();
/// assert!(rules.contains(&"conversation.robotic-first-opener"));
/// assert!(rules.contains(&"conversation.no-empathy-after-complaint"));
/// assert!(rules.contains(&"conversation.slow-first-response"));
/// assert!(rules.contains(&"conversation.no-follow-up-at-end"));
/// assert_eq!(report.first_response_secs, Some(7200));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversationReport {
    /// The conversation's id.
    pub id: String,
    /// One report per turn, in order.
    pub turns: Vec<TurnReport>,
    /// The conversation findings, by turn.
    pub findings: Vec<ConversationFinding>,
    /// Seconds from the first customer turn to the first agent turn after it.
    pub first_response_secs: Option<i64>,
    /// The longest a customer waited for an agent turn, in seconds.
    pub longest_wait_secs: Option<i64>,
    /// 0–100: the mean score of the agent turns, less the penalty of each conversation
    /// finding by severity (as for reply findings); `None` without agent turns.
    pub score: Option<u8>,
}

impl ConversationReport {
    /// The indices of the agent turns.
    ///
    /// ```
    /// use replylint::{Analyzer, Conversation, Turn};
    /// let c = Conversation::new("c", vec![Turn::customer("Hi"), Turn::agent("Hello")]);
    /// assert_eq!(Analyzer::new().analyze_conversation(&c).agent_turns().collect::<Vec<_>>(), [1]);
    /// ```
    pub fn agent_turns(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.turns.len()).filter(|&i| self.turns[i].role == Role::Agent)
    }
}

impl Analyzer {
    /// Analyses a conversation with the default [`ConversationOptions`].
    pub fn analyze_conversation(&self, conversation: &Conversation) -> ConversationReport {
        self.analyze_conversation_with(conversation, &ConversationOptions::default())
    }

    /// Analyses a conversation with these thresholds.
    ///
    /// ```
    /// use replylint::{Analyzer, Conversation, ConversationOptions, Turn};
    ///
    /// let c = Conversation::new("c", vec![
    ///     Turn::customer("Where is my order?").at(0),
    ///     Turn::agent("It ships today; I'll email you the tracking number by 5 pm.").at(1800),
    /// ]);
    /// let strict = ConversationOptions { first_response_secs: 900, ..Default::default() };
    /// let report = Analyzer::new().analyze_conversation_with(&c, &strict);
    /// assert_eq!(report.findings[0].rule_id, "conversation.slow-first-response");
    /// assert_eq!(report.findings[0].detail.as_deref(), Some("1800"));
    /// ```
    pub fn analyze_conversation_with(
        &self,
        conversation: &Conversation,
        options: &ConversationOptions,
    ) -> ConversationReport {
        let mut turns = Vec::with_capacity(conversation.turns.len());
        // The first customer turn not yet answered, for waits.
        let mut waiting_since: Option<i64> = None;
        for turn in &conversation.turns {
            let mut wait_secs = None;
            let (report, complaints) = match turn.role {
                Role::Customer => {
                    if waiting_since.is_none() {
                        waiting_since = turn.time;
                    }
                    (None, self.complaints(&turn.text))
                }
                Role::Agent => {
                    if let (Some(since), Some(now)) = (waiting_since.take(), turn.time) {
                        wait_secs = Some((now - since).max(0));
                    }
                    (Some(self.analyze(&turn.text)), Vec::new())
                }
            };
            turns.push(TurnReport {
                role: turn.role,
                agent: turn.agent.clone(),
                time: turn.time,
                text: turn.text.clone(),
                report,
                complaints,
                wait_secs,
            });
        }
        let mut report = ConversationReport {
            id: conversation.id.clone(),
            findings: Vec::new(),
            first_response_secs: turns
                .iter()
                .find(|t| t.role == Role::Agent)
                .and_then(|t| t.wait_secs),
            longest_wait_secs: turns.iter().filter_map(|t| t.wait_secs).max(),
            score: None,
            turns,
        };
        report.findings = conversation_findings(&report, options);
        let agent_scores: Vec<u32> = report
            .turns
            .iter()
            .filter_map(|t| t.report.as_ref().map(|r| u32::from(r.score())))
            .collect();
        if !agent_scores.is_empty() {
            let mean = agent_scores.iter().sum::<u32>() as f64 / agent_scores.len() as f64;
            let penalty: i32 = report.findings.iter().map(|f| penalty(f.severity)).sum();
            report.score = Some((mean.round() as i32 - penalty).clamp(0, 100) as u8);
        }
        report
    }
}

fn penalty(severity: Severity) -> i32 {
    PENALTY.iter().find(|(s, _)| *s == severity).map_or(0, |p| p.1)
}

fn has(report: Option<&Report>, categories: &[Category]) -> bool {
    report.is_some_and(|r| categories.iter().any(|&c| r.count(c) > 0))
}

fn conversation_findings(
    report: &ConversationReport,
    options: &ConversationOptions,
) -> Vec<ConversationFinding> {
    use conversation_rules::*;
    let turns = &report.turns;
    let agent_turns: Vec<usize> = report.agent_turns().collect();
    let mut findings = Vec::new();
    let mut push = |rule_id: &str, severity, turn: usize, detail: Option<String>| {
        let (explanation, suggestion) = texts(rule_id);
        findings.push(ConversationFinding {
            rule_id: rule_id.to_string(),
            severity,
            turn,
            agent: turns[turn].agent.clone(),
            detail,
            explanation: explanation.to_string(),
            suggestion: suggestion.to_string(),
        });
    };
    let Some(&first) = agent_turns.first() else {
        return findings;
    };
    if has(turns[first].report.as_ref(), &[Category::RoboticOpener]) {
        push(ROBOTIC_FIRST_OPENER, Severity::Warning, first, None);
    }
    // Complaints: the next agent turn after a customer turn with complaint signals.
    let mut answered = Vec::new();
    for (i, turn) in turns.iter().enumerate() {
        if turn.complaints.is_empty() {
            continue;
        }
        if let Some(&next) = agent_turns.iter().find(|&&a| a > i) {
            if !answered.contains(&next)
                && !has(
                    turns[next].report.as_ref(),
                    &[Category::Empathy, Category::Apology],
                )
            {
                answered.push(next);
            }
        }
    }
    for turn in answered {
        push(NO_EMPATHY_AFTER_COMPLAINT, Severity::Error, turn, None);
    }
    // Waits: the first answer against the first-response threshold, later ones against the
    // wait threshold.
    for &a in &agent_turns {
        let Some(wait) = turns[a].wait_secs else {
            continue;
        };
        if a == first {
            if wait > options.first_response_secs {
                push(SLOW_FIRST_RESPONSE, Severity::Warning, a, Some(wait.to_string()));
            }
        } else if wait > options.customer_wait_secs {
            push(LONG_CUSTOMER_WAIT, Severity::Warning, a, Some(wait.to_string()));
        }
    }
    // Canned sentences: the second and later turns that repeat a sentence of an earlier one.
    let mut seen: HashMap<String, usize> = HashMap::new();
    for &a in &agent_turns {
        let mut reported = false;
        for (_, sentence) in sentences(&turns[a].text) {
            let words: Vec<String> = sentence.unicode_words().map(str::to_lowercase).collect();
            if words.len() < options.canned_sentence_min_words {
                continue;
            }
            let key = words.join(" ");
            match seen.get(&key) {
                Some(&earlier) if earlier != a && !reported => {
                    reported = true;
                    push(
                        REPEATED_CANNED_SENTENCE,
                        Severity::Warning,
                        a,
                        Some(sentence.trim().to_string()),
                    );
                }
                Some(_) => {}
                None => {
                    seen.insert(key, a);
                }
            }
        }
    }
    let last = *agent_turns.last().expect("there is a first agent turn");
    if !has(turns[last].report.as_ref(), &[Category::FollowUp]) {
        push(NO_FOLLOW_UP_AT_END, Severity::Info, last, None);
    }
    findings.sort_by_key(|f| f.turn);
    findings
}

/// The explanation and suggestion of a conversation rule.
fn texts(rule_id: &str) -> (&'static str, &'static str) {
    use conversation_rules::*;
    match rule_id {
        ROBOTIC_FIRST_OPENER => (
            "The first thing the customer reads from us is a script, so they expect the rest to be one too.",
            "Open with the customer's name and their problem in your own words: \"Hi Anna, I can see your parcel is stuck in Leeds.\"",
        ),
        NO_EMPATHY_AFTER_COMPLAINT => (
            "The customer told us they are upset and the answer ignores it; unacknowledged anger grows.",
            "Acknowledge the feeling before the facts: \"I'm sorry, writing three times for one refund is not good enough.\"",
        ),
        NO_FOLLOW_UP_AT_END => (
            "The last message leaves the customer without a next step or a date, so they will have to chase.",
            "End with what happens next and when: \"I'll check the tracking on Thursday and email you either way.\"",
        ),
        SLOW_FIRST_RESPONSE => (
            "The first answer came later than the first-response target; the customer waited alone (detail: seconds).",
            "Answer within the target, even if only to say who has the case and when the full answer comes.",
        ),
        LONG_CUSTOMER_WAIT => (
            "The customer waited longer than the wait target for this answer (detail: seconds).",
            "If the answer takes time, send a short update with a date before the customer has to ask.",
        ),
        REPEATED_CANNED_SENTENCE => (
            "The same sentence again in a later message reads as copy-paste; the customer feels nobody is reading.",
            "Say something new that answers the latest message, or leave the sentence out.",
        ),
        _ => unreachable!("every conversation rule has texts"),
    }
}

/// Reads a time: RFC 3339 (`2026-03-01T09:15:00Z`, `2026-03-01 12:15:00.5+03:00`; fractions
/// of a second are dropped) or seconds since 1970-01-01 UTC (`1772356500`).
///
/// ```
/// use replylint::parse_time;
///
/// assert_eq!(parse_time("1970-01-02T00:00:00Z").unwrap(), 86_400);
/// assert_eq!(parse_time("2026-03-01T12:15:00+03:00").unwrap(), parse_time("2026-03-01T09:15:00Z").unwrap());
/// assert_eq!(parse_time("1772356500").unwrap(), 1_772_356_500);
/// assert!(parse_time("yesterday").unwrap_err().to_string().contains("RFC 3339"));
/// ```
pub fn parse_time(value: &str) -> Result<i64, Error> {
    let fail = |message: &str| Error::Time {
        value: value.to_string(),
        message: message.to_string(),
    };
    let s = value.trim();
    if let Ok(seconds) = s.parse::<i64>() {
        return Ok(seconds);
    }
    if let Ok(seconds) = s.parse::<f64>() {
        if seconds.is_finite() && seconds.abs() < 1e15 {
            return Ok(seconds.floor() as i64);
        }
        return Err(fail("is out of range"));
    }
    let b = s.as_bytes();
    let digits = |from: usize, to: usize| -> Result<i64, Error> {
        s.get(from..to)
            .filter(|d| d.bytes().all(|c| c.is_ascii_digit()))
            .and_then(|d| d.parse().ok())
            .ok_or_else(|| fail("is not a date and time"))
    };
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't' | b' ')
        || b[13] != b':'
        || b[16] != b':'
    {
        return Err(fail("is not a date and time"));
    }
    let (year, month, day) = (digits(0, 4)?, digits(5, 7)?, digits(8, 10)?);
    let (hour, minute, second) = (digits(11, 13)?, digits(14, 16)?, digits(17, 19)?);
    let mut rest = &s[19..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let n = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return Err(fail("has a `.` without fractional digits"));
        }
        rest = &fraction[n..];
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ if rest.len() == 6 && matches!(&rest[..1], "+" | "-") && &rest[3..4] == ":" => {
            let at = s.len() - 6;
            let minutes = digits(at + 1, at + 3)? * 60 + digits(at + 4, at + 6)?;
            if rest.starts_with('-') {
                -minutes * 60
            } else {
                minutes * 60
            }
        }
        _ => {
            return Err(fail(
                "has no time zone (end it with `Z` or an offset like `+03:00`)",
            ))
        }
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let month_days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&month)
        || day < 1
        || day > month_days[month as usize - 1]
        || hour > 23
        || minute > 59
        || second > 60
    {
        return Err(fail("is not a valid date and time"));
    }
    Ok(days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - offset)
}

/// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (Howard Hinnant's
/// algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_parse_in_every_written_form() {
        assert_eq!(parse_time("1970-01-01T00:00:00Z").unwrap(), 0);
        assert_eq!(parse_time("2000-03-01T00:00:00Z").unwrap(), 951_868_800);
        assert_eq!(
            parse_time("2024-02-29 23:59:59.999-00:30").unwrap(),
            1_709_251_199 + 1800
        );
        assert_eq!(parse_time("12.9").unwrap(), 12);
        for bad in [
            "2023-02-29T00:00:00Z",
            "2026-03-01T09:15:00",
            "2026-13-01T00:00:00Z",
            "",
        ] {
            assert!(parse_time(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn waits_run_from_the_first_unanswered_customer_turn() {
        let c = Conversation::new(
            "c",
            vec![
                Turn::customer("Hello?").at(100),
                Turn::customer("Anyone there?").at(200),
                Turn::agent("Yes, I'm here.").at(400),
                Turn::customer("Great.").at(500),
                Turn::agent("Done.").at(20_000),
            ],
        );
        let r = Analyzer::new().analyze_conversation(&c);
        assert_eq!(r.turns[2].wait_secs, Some(300));
        assert_eq!(r.turns[4].wait_secs, Some(19_500));
        assert_eq!(r.first_response_secs, Some(300));
        assert_eq!(r.longest_wait_secs, Some(19_500));
        let long: Vec<_> = r
            .findings
            .iter()
            .filter(|f| f.rule_id == conversation_rules::LONG_CUSTOMER_WAIT)
            .collect();
        assert_eq!(long.len(), 1);
        assert_eq!(long[0].turn, 4);
    }

    #[test]
    fn a_conversation_without_agent_turns_has_no_findings_and_no_score() {
        let c = Conversation::new("c", vec![Turn::customer("This is ridiculous!")]);
        let r = Analyzer::new().analyze_conversation(&c);
        assert!(r.findings.is_empty());
        assert_eq!(r.score, None);
        assert!(!r.turns[0].complaints.is_empty());
    }

    #[test]
    fn every_rule_has_texts() {
        for id in conversation_rules::ALL {
            assert!(!texts(id).0.is_empty());
        }
    }
}
