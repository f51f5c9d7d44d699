//! [`Scorecard`]s: one per agent over many [`ConversationReport`]s.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::category::Category;
use crate::conversation::{ConversationReport, Role};
use crate::report::Finding;

/// How many of an agent's worst replies a scorecard keeps.
pub const WORST_REPLIES: usize = 3;

/// The agent id given to agent turns that name no agent.
pub const UNKNOWN_AGENT: &str = "(unknown)";

/// Response times in seconds: how many, the median and the 90th percentile (nearest rank).
///
/// ```
/// let d = replylint::Durations::of(vec![60, 600, 120]).unwrap();
/// assert_eq!((d.count, d.median_secs, d.p90_secs), (3, 120, 600));
/// assert!(replylint::Durations::of(vec![]).is_none());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Durations {
    /// How many times were measured.
    pub count: usize,
    /// The median (the lower middle value for an even count).
    pub median_secs: i64,
    /// The 90th percentile, nearest rank.
    pub p90_secs: i64,
}

impl Durations {
    /// Summarises these times; `None` when there are none.
    pub fn of(mut secs: Vec<i64>) -> Option<Durations> {
        if secs.is_empty() {
            return None;
        }
        secs.sort_unstable();
        let rank = |p: usize| secs[(secs.len() * p).div_ceil(100).max(1) - 1];
        Some(Durations {
            count: secs.len(),
            median_secs: rank(50),
            p90_secs: rank(90),
        })
    }
}

/// One of an agent's lowest-scoring replies, with its findings for highlighting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorstReply {
    /// The conversation's id.
    pub conversation: String,
    /// The turn's index in the conversation.
    pub turn: usize,
    /// The reply's score.
    pub score: u8,
    /// The reply.
    pub text: String,
    /// Its findings (byte, code-point and UTF-16 spans into `text`).
    pub findings: Vec<Finding>,
}

/// An agent's results over many conversations.
///
/// ```
/// use replylint::{Analyzer, Conversation, Scorecard, Turn};
///
/// let analyzer = Analyzer::new();
/// let reports: Vec<_> = [
///     Conversation::new("a", vec![
///         Turn::customer("My order is late.").at(0),
///         Turn::agent("As I already said, it's company policy.").by("sam").at(600),
///     ]),
///     Conversation::new("b", vec![
///         Turn::customer("Where is my refund?").at(0),
///         Turn::agent("I'm sorry for the wait. I'll email you by Friday.").by("ana").at(7200),
///     ]),
/// ]
/// .iter()
/// .map(|c| analyzer.analyze_conversation(c))
/// .collect();
/// let cards = Scorecard::by_agent(&reports);
/// assert_eq!(cards.iter().map(|c| c.agent.as_str()).collect::<Vec<_>>(), ["ana", "sam"]);
/// assert_eq!(cards[0].first_response.unwrap().median_secs, 7200);
/// assert_eq!(cards[1].per_100_replies[&replylint::Category::PolicyHiding], 100.0);
/// assert!(cards[1].mean_score < cards[0].mean_score);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scorecard {
    /// The agent's id, [`UNKNOWN_AGENT`] for turns without one.
    pub agent: String,
    /// Conversations the agent wrote in.
    pub conversations: usize,
    /// The agent's replies (agent turns).
    pub replies: usize,
    /// The mean score of those replies.
    pub mean_score: f64,
    /// Findings per 100 replies, for every category of a reply.
    pub per_100_replies: BTreeMap<Category, f64>,
    /// Conversation findings on the agent's turns, by rule id (only those that occurred).
    pub conversation_findings: BTreeMap<String, usize>,
    /// First responses the agent gave.
    pub first_response: Option<Durations>,
    /// Every wait the agent's replies ended, first responses included.
    pub wait: Option<Durations>,
    /// The lowest-scoring replies, worst first (at most [`WORST_REPLIES`]).
    pub worst: Vec<WorstReply>,
}

impl Scorecard {
    /// One scorecard per agent, sorted by agent id.
    pub fn by_agent(reports: &[ConversationReport]) -> Vec<Scorecard> {
        #[derive(Default)]
        struct Acc {
            conversations: BTreeSet<usize>,
            scores: Vec<u8>,
            counts: BTreeMap<Category, usize>,
            rules: BTreeMap<String, usize>,
            first: Vec<i64>,
            waits: Vec<i64>,
            replies: Vec<(u8, usize, usize)>,
        }
        let mut agents: BTreeMap<String, Acc> = BTreeMap::new();
        let name = |agent: &Option<String>| agent.clone().unwrap_or_else(|| UNKNOWN_AGENT.into());
        for (c, report) in reports.iter().enumerate() {
            let first_agent_turn = report.agent_turns().next();
            for (t, turn) in report.turns.iter().enumerate() {
                let (Role::Agent, Some(reply)) = (turn.role, &turn.report) else {
                    continue;
                };
                let acc = agents.entry(name(&turn.agent)).or_default();
                acc.conversations.insert(c);
                acc.scores.push(reply.score());
                for (&category, &n) in reply.counts() {
                    *acc.counts.entry(category).or_default() += n;
                }
                if let Some(wait) = turn.wait_secs {
                    acc.waits.push(wait);
                    if Some(t) == first_agent_turn {
                        acc.first.push(wait);
                    }
                }
                acc.replies.push((reply.score(), c, t));
            }
            for finding in &report.findings {
                let acc = agents.entry(name(&finding.agent)).or_default();
                *acc.rules.entry(finding.rule_id.clone()).or_default() += 1;
            }
        }
        agents
            .into_iter()
            .map(|(agent, mut acc)| {
                let replies = acc.scores.len();
                let per_100 = |n: usize| {
                    if replies == 0 {
                        0.0
                    } else {
                        (n as f64 * 100.0 / replies as f64 * 10.0).round() / 10.0
                    }
                };
                acc.replies.sort_by_key(|&(score, c, t)| (score, c, t));
                Scorecard {
                    agent,
                    conversations: acc.conversations.len(),
                    replies,
                    mean_score: if replies == 0 {
                        0.0
                    } else {
                        let sum: f64 = acc.scores.iter().map(|&s| f64::from(s)).sum();
                        (sum / replies as f64 * 10.0).round() / 10.0
                    },
                    per_100_replies: Category::ALL
                        .iter()
                        .map(|&c| (c, per_100(acc.counts.get(&c).copied().unwrap_or(0))))
                        .collect(),
                    conversation_findings: acc.rules,
                    first_response: Durations::of(acc.first),
                    wait: Durations::of(acc.waits),
                    worst: acc
                        .replies
                        .iter()
                        .take(WORST_REPLIES)
                        .map(|&(score, c, t)| {
                            let turn = &reports[c].turns[t];
                            WorstReply {
                                conversation: reports[c].id.clone(),
                                turn: t,
                                score,
                                text: turn.text.clone(),
                                findings: turn
                                    .report
                                    .as_ref()
                                    .map(|r| r.findings().to_vec())
                                    .unwrap_or_default(),
                            }
                        })
                        .collect(),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let d = Durations::of((1..=10).collect()).unwrap();
        assert_eq!((d.median_secs, d.p90_secs), (5, 9));
        let d = Durations::of(vec![7]).unwrap();
        assert_eq!((d.count, d.median_secs, d.p90_secs), (1, 7, 7));
    }

    #[test]
    fn replies_without_an_agent_go_to_the_unknown_agent() {
        use crate::{Analyzer, Conversation, Turn};
        let c = Conversation::new("x", vec![Turn::agent("Hello.")]);
        let cards = Scorecard::by_agent(&[Analyzer::new().analyze_conversation(&c)]);
        assert_eq!(cards[0].agent, UNKNOWN_AGENT);
        assert_eq!(cards[0].replies, 1);
        assert_eq!(
            cards[0].conversation_findings["conversation.no-follow-up-at-end"],
            1
        );
    }
}
