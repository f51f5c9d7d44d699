//! Output formats: annotated snippets for people, JSON and JSON Lines for programs, SARIF and
//! GitHub annotations for CI.

use std::collections::{BTreeMap, HashMap};
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

/// Writes results as they come, in one of the [`OutputFormat`]s.
pub struct Printer<W: Write> {
    out: W,
    format: OutputFormat,
    color: bool,
    renderer: Renderer,
    /// Messages written so far (for the commas of the JSON array).
    written: usize,
    sarif: SarifLog,
    rule_json: RuleJson,
}

/// Writes a message's JSON as serde_json writes [`MessageOut`], byte for byte, but with the
/// JSON of each rule's fixed fields (its id, category, severity, language, explanation and
/// suggestion) and of each category escaped once and kept: they are most of a report's
/// bytes, and serialising them again for every finding and every report was most of the
/// writing.
#[derive(Default)]
struct RuleJson {
    /// By rule id: the rule's fields with which it was escaped, then the JSON before a
    /// finding's text and after its spans.
    rules: HashMap<String, (RuleFields, String, String)>,
    /// The JSON string of each category, the keys of every report's counts.
    categories: HashMap<Category, String>,
}

/// The fixed fields of a finding's rule.
#[derive(PartialEq)]
struct RuleFields {
    category: Category,
    severity: Severity,
    language: String,
    explanation: String,
    suggestion: String,
}

impl RuleFields {
    fn of(finding: &Finding) -> RuleFields {
        RuleFields {
            category: finding.category(),
            severity: finding.severity(),
            language: finding.language().to_string(),
            explanation: finding.explanation().to_string(),
            suggestion: finding.suggestion().to_string(),
        }
    }

    fn same_as(&self, finding: &Finding) -> bool {
        self.category == finding.category()
            && self.severity == finding.severity()
            && self.language == finding.language()
            && self.explanation == finding.explanation()
            && self.suggestion == finding.suggestion()
    }
}

impl RuleJson {
    fn write_message(&mut self, out: &mut impl Write, message: &Message, report: &Report) -> io::Result<()> {
        // Numbers as serde_json writes them, without the formatting machinery of `write!`.
        let mut digits = itoa::Buffer::new();
        let mut number = |out: &mut dyn Write, n: usize| out.write_all(digits.format(n).as_bytes());
        out.write_all(b"{\"source\":")?;
        serde_json::to_writer(&mut *out, &message.source)?;
        out.write_all(b",\"line\":")?;
        number(out, message.line)?;
        out.write_all(b",\"text\":")?;
        serde_json::to_writer(&mut *out, &message.text)?;
        out.write_all(b",\"report\":{\"findings\":[")?;
        for (i, finding) in report.findings().iter().enumerate() {
            if i > 0 {
                out.write_all(b",")?;
            }
            let (head, tail) = self.rule(finding)?;
            out.write_all(head.as_bytes())?;
            serde_json::to_writer(&mut *out, finding.text())?;
            for (key, span) in [
                (&b",\"span\":{\"start\":"[..], finding.span()),
                (b",\"char_span\":{\"start\":", finding.char_span()),
                (b",\"utf16_span\":{\"start\":", finding.utf16_span()),
            ] {
                out.write_all(key)?;
                number(out, span.start)?;
                out.write_all(b",\"end\":")?;
                number(out, span.end)?;
                out.write_all(b"}")?;
            }
            out.write_all(tail.as_bytes())?;
        }
        out.write_all(b"],\"counts\":{")?;
        // What `Report::counts` holds, in its order, without building the map: every category
        // of a reply, and those of a customer's words where found.
        let customer = Category::CUSTOMER.iter().filter(|&&c| report.count(c) > 0);
        let counts = Category::ALL
            .iter()
            .chain(customer)
            .map(|&c| (c, report.count(c)));
        for (i, (category, count)) in counts.enumerate() {
            if i > 0 {
                out.write_all(b",")?;
            }
            let name = match self.categories.get(&category) {
                Some(name) => name,
                None => self
                    .categories
                    .entry(category)
                    .or_insert(serde_json::to_string(&category)?),
            };
            out.write_all(name.as_bytes())?;
            out.write_all(b":")?;
            number(out, count)?;
        }
        out.write_all(b"},\"score\":")?;
        number(out, usize::from(report.score()))?;
        out.write_all(b",\"commitments\":")?;
        serde_json::to_writer(&mut *out, report.commitments())?;
        out.write_all(b"}}")
    }

    /// The JSON of `finding`'s rule before its text and after its spans.
    fn rule(&mut self, finding: &Finding) -> io::Result<(&str, &str)> {
        let fresh = match self.rules.get(finding.rule_id()) {
            Some((fields, _, _)) => !fields.same_as(finding),
            None => true,
        };
        if fresh {
            let head = format!(
                "{{\"rule_id\":{},\"category\":{},\"severity\":{},\"language\":{},\"text\":",
                serde_json::to_string(finding.rule_id())?,
                serde_json::to_string(&finding.category())?,
                serde_json::to_string(&finding.severity())?,
                serde_json::to_string(finding.language())?,
            );
            let tail = format!(
                ",\"explanation\":{},\"suggestion\":{}}}",
                serde_json::to_string(finding.explanation())?,
                serde_json::to_string(finding.suggestion())?,
            );
            self.rules.insert(
                finding.rule_id().to_string(),
                (RuleFields::of(finding), head, tail),
            );
        }
        let (_, head, tail) = &self.rules[finding.rule_id()];
        Ok((head, tail))
    }
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
            rule_json: RuleJson::default(),
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
                self.rule_json.write_message(&mut self.out, message, report)?;
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
    use std::sync::Arc;

    use super::*;

    /// The JSON object of one message, in both `json` and `jsonl`, as serde writes it:
    /// what [`RuleJson`] must write.
    #[derive(Serialize)]
    struct MessageOut<'a> {
        source: &'a str,
        line: usize,
        text: &'a str,
        report: &'a Report,
    }

    #[test]
    fn messages_are_written_as_serde_json_writes_them() {
        let texts = [
            "",
            "Dear valued customer, as I already said, it's company policy. I'll email you by 5 pm tomorrow!!",
            "Это политика компании. Я уже говорил: «перезвоните позже».",
            "Ito ay patakaran ng kumpanya, pasensya na po.",
            "quotes \" and \\ backslashes\tand \u{1} controls, ASAP!! 😀 FYI the RMA is L2",
            "இது நிறுவனத்தின் கொள்கை. நான் ஏற்கனவே சொன்னேன்.",
            "I guarantee it arrives within 72 hours. It's company policy, as I already said.",
        ];
        // Two analyzers whose over-SLA rule explains itself differently: the kept JSON of a
        // rule id must not outlive the fields it was made from.
        let analyzers =
            [24, 48].map(|hours| replylint::Analyzer::builder().sla_hours(hours).build().unwrap());
        let mut rule_json = RuleJson::default();
        let mut findings = 0;
        for analyzer in &analyzers {
            for (line, text) in texts.iter().enumerate() {
                let message = Message {
                    source: Arc::from("replies \"a\".txt"),
                    line,
                    text: text.to_string(),
                    verbatim: true,
                };
                let report = analyzer.analyze(text);
                findings += report.findings().len();
                let mut fast = Vec::new();
                rule_json.write_message(&mut fast, &message, &report).unwrap();
                let reference = serde_json::to_vec(&MessageOut {
                    source: &message.source,
                    line: message.line,
                    text: &message.text,
                    report: &report,
                })
                .unwrap();
                assert_eq!(
                    String::from_utf8(fast).unwrap(),
                    String::from_utf8(reference).unwrap()
                );
            }
        }
        assert!(findings > 10, "{findings}");
    }

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
