//! `replylint report`: conversations in (JSONL, one turn per line), a self-contained HTML
//! report and a JSON file of agent scorecards out.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use replylint::{
    parse_time, Category, Conversation, ConversationOptions, ConversationReport, Finding, Role, Scorecard,
    Turn,
};
use serde::{Deserialize, Serialize};

use crate::fail::{read_utf8_file, Fail};
use crate::options::AnalyzerArgs;

/// How to group the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GroupBy {
    /// One scorecard per agent.
    Agent,
}

/// Options of `replylint report`.
#[derive(Args, Debug)]
#[command(after_help = "Examples:
  replylint report docs/examples/conversations.jsonl --by agent
  replylint report chats.jsonl --by agent --out build/report --first-response 1800

Input: JSON Lines, one turn per line: {\"conversation\": \"c-1\", \"role\": \"agent\" or
\"customer\", \"agent\": \"maria\", \"time\": \"2026-03-02T09:00:00Z\" or seconds, \"text\": \"…\"}
(see docs/conversations.md).")]
pub struct ReportArgs {
    /// The conversations, as JSON Lines of turns.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// How to group the scorecards.
    #[arg(long, value_enum, default_value = "agent")]
    pub by: GroupBy,

    /// The directory to write report.html and report.json to (created if missing).
    #[arg(long, value_name = "DIR", default_value = "replylint-report")]
    pub out: PathBuf,

    /// First-response target, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = ConversationOptions::default().first_response_secs)]
    pub first_response: i64,

    /// Target for every later answer, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = ConversationOptions::default().customer_wait_secs)]
    pub customer_wait: i64,

    /// Analyzer configuration.
    #[command(flatten)]
    pub analyzer: AnalyzerArgs,
}

/// One line of the input.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Line {
    conversation: String,
    role: Role,
    #[serde(default)]
    agent: Option<String>,
    #[serde(default)]
    time: Option<serde_json::Value>,
    text: String,
}

/// What report.json holds.
#[derive(Serialize)]
struct JsonReport<'a> {
    scorecards: &'a [Scorecard],
    conversations: &'a [ConversationReport],
}

/// Runs `replylint report`.
pub fn run(args: ReportArgs) -> Result<ExitCode, Fail> {
    let name = args.file.display().to_string();
    let conversations = read_conversations(&name, &read_utf8_file(&args.file)?)?;
    let analyzer = args.analyzer.build()?;
    let options = ConversationOptions {
        first_response_secs: args.first_response,
        customer_wait_secs: args.customer_wait,
        ..ConversationOptions::default()
    };
    let reports: Vec<ConversationReport> = conversations
        .iter()
        .map(|c| analyzer.analyze_conversation_with(c, &options))
        .collect();
    let scorecards = match args.by {
        GroupBy::Agent => Scorecard::by_agent(&reports),
    };
    std::fs::create_dir_all(&args.out)
        .map_err(|e| Fail(format!("cannot create {}: {e}", args.out.display())))?;
    let json = serde_json::to_string_pretty(&JsonReport {
        scorecards: &scorecards,
        conversations: &reports,
    })
    .expect("reports serialise");
    let html = html(&name, &scorecards, &reports, &options);
    for (file, content) in [("report.json", json), ("report.html", html)] {
        let path = args.out.join(file);
        std::fs::write(&path, content).map_err(|e| Fail(format!("cannot write {}: {e}", path.display())))?;
        println!("{}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// Groups the turns by conversation id, conversations in order of first appearance, turns in
/// file order.
fn read_conversations(name: &str, source: &str) -> Result<Vec<Conversation>, Fail> {
    let mut conversations: Vec<Conversation> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (n, raw) in source.lines().enumerate() {
        if raw.trim().is_empty() {
            continue;
        }
        let at = |message: String| Fail(format!("{name}:{}: {message}", n + 1));
        let line: Line = serde_json::from_str(raw).map_err(|e| {
            at(format!(
                "{e}; each line is one turn: {{\"conversation\", \"role\", \"agent\", \"time\", \"text\"}}"
            ))
        })?;
        let time = match line.time {
            None | Some(serde_json::Value::Null) => None,
            Some(serde_json::Value::String(s)) => Some(parse_time(&s).map_err(|e| at(e.to_string()))?),
            Some(serde_json::Value::Number(x)) => {
                Some(parse_time(&x.to_string()).map_err(|e| at(e.to_string()))?)
            }
            Some(other) => {
                return Err(at(format!(
                    "`time` is {other}; write RFC 3339 text or seconds since 1970"
                )))
            }
        };
        let turn = Turn {
            role: line.role,
            agent: line.agent,
            time,
            text: line.text,
        };
        let i = *index.entry(line.conversation.clone()).or_insert_with(|| {
            conversations.push(Conversation::new(line.conversation, Vec::new()));
            conversations.len() - 1
        });
        conversations[i].turns.push(turn);
    }
    if conversations.is_empty() {
        return Err(Fail(format!("{name} holds no turns")));
    }
    Ok(conversations)
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn duration(secs: i64) -> String {
    match secs {
        s if s < 60 => format!("{s} s"),
        s if s < 3600 => format!("{} min", s / 60),
        s if s < 86_400 => format!("{} h {} min", s / 3600, s % 3600 / 60),
        s => format!("{} d {} h", s / 86_400, s % 86_400 / 3600),
    }
}

/// The reply with its findings as `<mark>`s, problems and positive signals told apart.
fn highlighted(text: &str, findings: &[Finding]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for f in findings {
        let span = f.span();
        if span.start < at {
            continue;
        }
        out.push_str(&escape(&text[at..span.start]));
        let class = if f.category().is_positive() {
            "good"
        } else {
            f.severity().as_str()
        };
        let _ = write!(
            out,
            "<mark class=\"{class}\" title=\"{} — {}\">{}<sup>{}</sup></mark>",
            escape(f.explanation()),
            escape(f.suggestion()),
            escape(f.text()),
            escape(f.category().as_str())
        );
        at = span.end;
    }
    out.push_str(&escape(&text[at..]));
    out
}

/// A horizontal bar chart of findings per 100 replies, one bar per category.
fn category_chart(card: &Scorecard) -> String {
    let max = card.per_100_replies.values().copied().fold(100.0_f64, f64::max);
    let (row, label_w, bar_w) = (18, 120, 240);
    let mut svg = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"findings per 100 replies for {}\">",
        label_w + bar_w + 50,
        row * Category::ALL.len() + 4,
        escape(&card.agent)
    );
    for (i, c) in Category::ALL.iter().enumerate() {
        let v = card.per_100_replies.get(c).copied().unwrap_or(0.0);
        let y = i * row + 2;
        let w = (v / max * bar_w as f64).round();
        let class = if c.is_positive() { "good" } else { "bad" };
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text><rect class=\"{class}\" x=\"{}\" y=\"{y}\" width=\"{w}\" height=\"{}\"/><text x=\"{}\" y=\"{}\">{v}</text>",
            label_w - 6,
            y + 12,
            c.as_str(),
            label_w,
            row - 5,
            label_w as f64 + w + 4.0,
            y + 12
        );
    }
    svg.push_str("</svg>");
    svg
}

/// A bar chart of the mean score of every agent.
fn score_chart(cards: &[Scorecard]) -> String {
    let (row, label_w, bar_w) = (22, 140, 300);
    let mut svg = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"mean reply score per agent\">",
        label_w + bar_w + 50,
        row * cards.len() + 4
    );
    for (i, card) in cards.iter().enumerate() {
        let y = i * row + 2;
        let w = (card.mean_score / 100.0 * bar_w as f64).round();
        let class = match card.mean_score {
            s if s >= 80.0 => "good",
            s if s >= 60.0 => "warning",
            _ => "bad",
        };
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text><rect class=\"{class}\" x=\"{label_w}\" y=\"{y}\" width=\"{w}\" height=\"{}\"/><text x=\"{}\" y=\"{}\">{}</text>",
            label_w - 6,
            y + 15,
            escape(&card.agent),
            row - 6,
            label_w as f64 + w + 4.0,
            y + 15,
            card.mean_score
        );
    }
    svg.push_str("</svg>");
    svg
}

const STYLE: &str = "
body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',sans-serif;margin:0;background:#f5f6f8;color:#1f2328}
header{background:#1f2a44;color:#fff;padding:20px 32px}header h1{margin:0 0 4px;font-size:24px}header p{margin:0;opacity:.8}
main{padding:20px 32px;display:grid;gap:20px}
section{background:#fff;border-radius:10px;padding:16px 20px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
h2{margin:0 0 10px;font-size:19px}h3{font-size:15px;margin:14px 0 6px}
.stats{display:flex;flex-wrap:wrap;gap:10px;margin-bottom:10px}
.stat{background:#f0f2f6;border-radius:8px;padding:6px 12px}.stat b{display:block;font-size:18px}
.chart{width:100%;max-width:560px;font-size:11px}.chart rect.good{fill:#3fa36b}.chart rect.bad{fill:#d9534f}.chart rect.warning{fill:#e3a21a}
.cols{display:grid;grid-template-columns:minmax(300px,560px) 1fr;gap:20px}
table{border-collapse:collapse}td,th{padding:3px 10px;border-bottom:1px solid #e5e7eb;text-align:left}
.reply{border-left:4px solid #d9534f;background:#fbfbfc;padding:8px 12px;margin:8px 0;unicode-bidi:plaintext}
.reply .meta{font-size:12px;color:#57606a}
mark{border-radius:3px;padding:0 2px}mark sup{font-size:9px;margin-left:2px;color:#57606a}
mark.error{background:#ffc9c9}mark.warning{background:#ffe3a3}mark.info{background:#e7e7ff}mark.good{background:#c8f0d4}
";

fn html(
    source: &str,
    cards: &[Scorecard],
    reports: &[ConversationReport],
    options: &ConversationOptions,
) -> String {
    let replies: usize = cards.iter().map(|c| c.replies).sum();
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">\
         <title>replylint report: {src}</title><style>{STYLE}</style></head><body>\
         <header><h1>Agent scorecards</h1><p>{src}: {} conversations, {replies} replies, {} agents. \
         First-response target {}, later answers {}.</p></header><main>\
         <section><h2>Mean reply score</h2>{}</section>",
        reports.len(),
        cards.len(),
        duration(options.first_response_secs),
        duration(options.customer_wait_secs),
        score_chart(cards),
        src = escape(source),
    );
    for card in cards {
        let times = |d: Option<replylint::Durations>| {
            d.map_or("–".to_string(), |d| {
                format!("{} / {}", duration(d.median_secs), duration(d.p90_secs))
            })
        };
        let _ = write!(
            out,
            "<section><h2>{}</h2><div class=\"stats\">\
             <div class=\"stat\"><b>{}</b>mean score</div><div class=\"stat\"><b>{}</b>replies</div>\
             <div class=\"stat\"><b>{}</b>conversations</div>\
             <div class=\"stat\"><b>{}</b>first response (median / p90)</div>\
             <div class=\"stat\"><b>{}</b>wait (median / p90)</div></div>\
             <div class=\"cols\"><div><h3>Findings per 100 replies</h3>{}</div><div><h3>Conversation findings</h3>",
            escape(&card.agent),
            card.mean_score,
            card.replies,
            card.conversations,
            times(card.first_response),
            times(card.wait),
            category_chart(card),
        );
        if card.conversation_findings.is_empty() {
            out.push_str("<p>None.</p>");
        } else {
            out.push_str("<table>");
            for (rule, n) in &card.conversation_findings {
                let _ = write!(out, "<tr><td>{}</td><td>{n}</td></tr>", escape(rule));
            }
            out.push_str("</table>");
        }
        out.push_str("</div></div><h3>Lowest-scoring replies</h3>");
        // Only replies with something to fix; a clean reply is no lesson.
        let mut worst_replies = card
            .worst
            .iter()
            .filter(|w| w.findings.iter().any(|f| !f.category().is_positive()))
            .peekable();
        if worst_replies.peek().is_none() {
            out.push_str("<p>No reply with a problem.</p>");
        }
        for worst in worst_replies {
            let _ = write!(
                out,
                "<div class=\"reply\"><div class=\"meta\">conversation {} · turn {} · score {}</div><div dir=\"auto\">{}</div></div>",
                escape(&worst.conversation),
                worst.turn,
                worst.score,
                highlighted(&worst.text, &worst.findings)
            );
        }
        out.push_str("</section>");
    }
    out.push_str("</main></body></html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turns_group_into_conversations_in_order() {
        let src = "{\"conversation\":\"b\",\"role\":\"customer\",\"text\":\"Hi\",\"time\":0}\n\
                   {\"conversation\":\"a\",\"role\":\"agent\",\"agent\":\"x\",\"text\":\"Hello\"}\n\n\
                   {\"conversation\":\"b\",\"role\":\"agent\",\"text\":\"Yes?\",\"time\":\"1970-01-01T00:01:00Z\"}\n";
        let cs = read_conversations("t.jsonl", src).unwrap();
        assert_eq!(cs.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["b", "a"]);
        assert_eq!(cs[0].turns[1].time, Some(60));
    }

    #[test]
    fn bad_lines_name_the_file_and_line() {
        let err = read_conversations(
            "t.jsonl",
            "{\"conversation\":\"a\",\"role\":\"bot\",\"text\":\"x\"}",
        )
        .unwrap_err();
        assert!(err.0.starts_with("t.jsonl:1: "), "{}", err.0);
        let err = read_conversations(
            "t.jsonl",
            "\n{\"conversation\":\"a\",\"role\":\"agent\",\"text\":\"x\",\"time\":\"noon\"}",
        )
        .unwrap_err();
        assert!(err.0.starts_with("t.jsonl:2: time `noon`"), "{}", err.0);
    }

    #[test]
    fn highlights_escape_the_reply() {
        let report = replylint::Analyzer::new().analyze("<b>Rules are rules.</b>");
        let html = highlighted("<b>Rules are rules.</b>", report.findings());
        assert!(html.starts_with("&lt;b&gt;<mark"), "{html}");
        assert!(html.ends_with("&lt;/b&gt;"), "{html}");
    }
}
