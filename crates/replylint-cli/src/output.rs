//! Output formats: annotated snippets for people, JSON and JSON Lines for programs, SARIF and
//! GitHub annotations for CI.

use std::collections::BTreeMap;
use std::io::{self, Write};

use annotate_snippets::{normalize_untrusted_str, AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use anstyle::{AnsiColor, Effects, Style};
use clap::ValueEnum;
use replylint::{Category, Finding, Report, Severity};
use serde::Serialize;

use crate::annotations;
use crate::input::Message;
use crate::sarif::SarifLog;

/// How results are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Annotated snippets, a score line per message and a total line.
    Human,
    /// One JSON document: `{"messages": [...], "summary": {...}}`.
    Json,
    /// One JSON object per message and line.
    Jsonl,
    /// One SARIF 2.1.0 log, for code-scanning tools (problems only, no positive signals).
    Sarif,
    /// GitHub Actions annotations, one workflow command per problem.
    Github,
}

/// Totals over every message, printed at the end (and serialised in `--format json`).
#[derive(Debug, Serialize)]
pub struct Summary {
    /// Messages analysed.
    pub messages: usize,
    /// Messages with at least one problem (positive signals do not count).
    pub messages_with_problems: usize,
    /// Problems per severity.
    pub problems: BTreeMap<Severity, usize>,
    /// Positive signals found.
    pub positive_signals: usize,
    /// Findings per category, positive ones included.
    pub categories: BTreeMap<Category, usize>,
    /// The mean score of the messages (0 when there are none).
    pub average_score: f64,
    /// The `--fail-on` threshold.
    pub fail_on: Severity,
    /// Whether a problem at or above `fail_on` was found (exit status 1).
    pub failed: bool,
    #[serde(skip)]
    score_sum: u64,
}

impl Summary {
    /// An empty summary for this `--fail-on` threshold.
    pub fn new(fail_on: Severity) -> Summary {
        Summary {
            messages: 0,
            messages_with_problems: 0,
            problems: BTreeMap::new(),
            positive_signals: 0,
            categories: BTreeMap::new(),
            average_score: 0.0,
            fail_on,
            failed: false,
            score_sum: 0,
        }
    }

    /// Counts one message's report.
    pub fn add(&mut self, report: &Report) {
        self.messages += 1;
        self.score_sum += u64::from(report.score());
        self.average_score = self.score_sum as f64 / self.messages as f64;
        let mut problems = false;
        for finding in report.findings() {
            *self.categories.entry(finding.category()).or_default() += 1;
            if finding.category().is_positive() {
                self.positive_signals += 1;
            } else {
                problems = true;
                *self.problems.entry(finding.severity()).or_default() += 1;
                self.failed |= finding.severity() >= self.fail_on;
            }
        }
        self.messages_with_problems += usize::from(problems);
    }
}

/// The JSON object of one message, in both `json` and `jsonl`.
#[derive(Serialize)]
struct MessageOut<'a> {
    source: &'a str,
    line: usize,
    text: &'a str,
    report: &'a Report,
}

/// Writes results as they come, in one of the [`OutputFormat`]s.
pub struct Printer<W: Write> {
    out: W,
    format: OutputFormat,
    color: bool,
    renderer: Renderer,
    /// Messages written so far (for the commas of the JSON array).
    written: usize,
    sarif: SarifLog,
}

impl<W: Write> Printer<W> {
    /// A printer writing `format` to `out`, with ANSI colours when `color`.
    pub fn new(out: W, format: OutputFormat, color: bool) -> Printer<W> {
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        Printer {
            out,
            format,
            color,
            renderer,
            written: 0,
            sarif: SarifLog::default(),
        }
    }

    /// Writes one message's results.
    pub fn message(&mut self, message: &Message, report: &Report) -> io::Result<()> {
        match self.format {
            OutputFormat::Human => self.human(message, report)?,
            OutputFormat::Json | OutputFormat::Jsonl => {
                if self.format == OutputFormat::Json {
                    self.out.write_all(if self.written == 0 {
                        b"{\"messages\":[\n"
                    } else {
                        b",\n"
                    })?;
                }
                let object = MessageOut {
                    source: &message.source,
                    line: message.line,
                    text: &message.text,
                    report,
                };
                serde_json::to_writer(&mut self.out, &object)?;
                if self.format == OutputFormat::Jsonl {
                    self.out.write_all(b"\n")?;
                }
            }
            OutputFormat::Sarif => self.sarif.message(&mut self.out, message, report)?,
            OutputFormat::Github => annotations::write(&mut self.out, message, report)?,
        }
        self.written += 1;
        Ok(())
    }

    /// Writes the summary (human: the totals line; json: closes the document; sarif: closes
    /// the log with its rules; jsonl and github: nothing).
    pub fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        match self.format {
            OutputFormat::Human => {
                let line = format!(
                    "{} checked: {}, {}, average score {:.0}",
                    plural(summary.messages, "message"),
                    match summary.messages_with_problems {
                        0 => "no problems".to_string(),
                        n => format!("{} with problems ({})", n, problem_counts(&summary.problems)),
                    },
                    plural(summary.positive_signals, "positive signal"),
                    summary.average_score,
                );
                writeln!(
                    self.out,
                    "{}",
                    self.paint(Style::new().effects(Effects::BOLD), &line)
                )?;
            }
            OutputFormat::Json => {
                self.out.write_all(if self.written == 0 {
                    b"{\"messages\":["
                } else {
                    b"\n"
                })?;
                self.out.write_all(b"],\"summary\":")?;
                serde_json::to_writer(&mut self.out, summary)?;
                self.out.write_all(b"}\n")?;
            }
            OutputFormat::Sarif => self.sarif.finish(&mut self.out)?,
            OutputFormat::Jsonl | OutputFormat::Github => {}
        }
        self.flush()
    }

    /// Flushes what was written so far.
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn human(&mut self, message: &Message, report: &Report) -> io::Result<()> {
        for finding in report.findings() {
            let rendered = self.render_finding(message, finding);
            writeln!(self.out, "{rendered}\n")?;
        }
        let problems: BTreeMap<Severity, usize> = report
            .findings()
            .iter()
            .filter(|f| !f.category().is_positive())
            .fold(BTreeMap::new(), |mut m, f| {
                *m.entry(f.severity()).or_default() += 1;
                m
            });
        let positive = report
            .findings()
            .iter()
            .filter(|f| f.category().is_positive())
            .count();
        let verdict = if problems.is_empty() {
            "clean".to_string()
        } else {
            problem_counts(&problems)
        };
        let positive = if positive > 0 {
            format!(", {}", plural(positive, "positive signal"))
        } else {
            String::new()
        };
        let line = format!(
            "{}:{}: score {}/100, {verdict}{positive}",
            normalize_untrusted_str(&message.source),
            message.line,
            report.score()
        );
        let style = match report.max_severity() {
            Some(Severity::Error) => AnsiColor::BrightRed.on_default(),
            Some(Severity::Warning) => AnsiColor::Yellow.on_default(),
            _ => AnsiColor::Green.on_default(),
        };
        writeln!(self.out, "{}", self.paint(style, &line))?;
        if !report.findings().is_empty() {
            // Sets a message with snippets apart from the next one.
            writeln!(self.out)?;
        }
        Ok(())
    }

    fn render_finding(&self, message: &Message, finding: &Finding) -> String {
        let excerpt = Excerpt::new(&message.text, finding.span().range());
        let level = if finding.category().is_positive() {
            Level::NOTE.with_name(Some("good"))
        } else {
            match finding.severity() {
                Severity::Error => Level::ERROR,
                Severity::Warning => Level::WARNING,
                _ => Level::INFO,
            }
        };
        let label = finding.category().as_str().replace('_', " ");
        let line = message.line + excerpt.lines_before;
        let snippet = Snippet::source(excerpt.text)
            .line_start(line)
            .annotation(AnnotationKind::Primary.span(excerpt.span).label(label));
        let title = level.primary_title(finding.explanation()).id(finding.rule_id());
        let mut group = match excerpt.cut_column {
            // The renderer would count columns from the cut; give it the real one.
            Some(column) => title
                .element(
                    Origin::path(message.source.as_ref())
                        .line(line)
                        .char_column(column),
                )
                .element(snippet),
            None => title.element(snippet.path(message.source.as_ref())),
        };
        if !finding.suggestion().is_empty() {
            group = group.element(Level::HELP.message(normalize_untrusted_str(finding.suggestion())));
        }
        let report: [Group; 1] = [group];
        self.renderer.render(&report)
    }

    fn paint(&self, style: Style, text: &str) -> String {
        if self.color {
            format!("{style}{text}{style:#}")
        } else {
            text.to_string()
        }
    }
}

/// The lines of a message around a finding: rendering the whole message for every finding
/// would make a long `--input whole` document quadratic.
struct Excerpt<'a> {
    text: &'a str,
    span: std::ops::Range<usize>,
    lines_before: usize,
    /// For a line cut around the span: the 1-based column of the span in the whole line.
    cut_column: Option<usize>,
}

/// Lines longer than this are cut around the finding.
const MAX_LINE_BYTES: usize = 2_000;
const CONTEXT_BYTES: usize = 400;

impl<'a> Excerpt<'a> {
    fn new(text: &'a str, span: std::ops::Range<usize>) -> Excerpt<'a> {
        let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[span.end..].find('\n').map_or(text.len(), |i| span.end + i);
        let lines_before = text.as_bytes()[..line_start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        let (mut start, mut end) = (line_start, line_end);
        let mut cut_column = None;
        if end - start > MAX_LINE_BYTES {
            start = floor_char_boundary(text, span.start.saturating_sub(CONTEXT_BYTES).max(line_start));
            end = ceil_char_boundary(text, (span.end + CONTEXT_BYTES).min(line_end));
            cut_column = Some(text[line_start..span.start].chars().count() + 1);
        }
        let excerpt = text[start..end].trim_end_matches('\r');
        let span = (span.start - start)..(span.end - start).min(excerpt.len());
        Excerpt {
            text: excerpt,
            span,
            lines_before,
            cut_column,
        }
    }
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

fn problem_counts(problems: &BTreeMap<Severity, usize>) -> String {
    let parts: Vec<String> = [
        (Severity::Error, "error"),
        (Severity::Warning, "warning"),
        (Severity::Info, "info"),
    ]
    .into_iter()
    .filter_map(|(severity, name)| {
        problems.get(&severity).filter(|&&n| n > 0).map(|&n| {
            if severity == Severity::Info {
                format!("{n} info")
            } else {
                plural(n, name)
            }
        })
    })
    .collect();
    parts.join(", ")
}

fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_is_the_line_of_the_span_with_its_line_offset() {
        let text = "first line\r\nsecond has policy here\r\nthird";
        let start = text.find("policy").unwrap();
        let excerpt = Excerpt::new(text, start..start + 6);
        assert_eq!(excerpt.text, "second has policy here");
        assert_eq!(&excerpt.text[excerpt.span.clone()], "policy");
        assert_eq!(excerpt.lines_before, 1);
    }

    #[test]
    fn excerpt_of_a_huge_line_is_cut_around_the_span_on_char_boundaries() {
        let text = format!("{}policy{}", "ж".repeat(5_000), "ю".repeat(5_000));
        let start = "ж".len() * 5_000;
        let excerpt = Excerpt::new(&text, start..start + 6);
        assert!(excerpt.text.len() <= 2 * CONTEXT_BYTES + 8);
        assert_eq!(&excerpt.text[excerpt.span.clone()], "policy");
        assert_eq!(excerpt.cut_column, Some(5_001));
    }

    #[test]
    fn problem_counts_name_severities_worst_first() {
        let counts = BTreeMap::from([(Severity::Info, 2), (Severity::Error, 1), (Severity::Warning, 3)]);
        assert_eq!(problem_counts(&counts), "1 error, 3 warnings, 2 info");
    }
}
