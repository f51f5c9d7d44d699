//! `--format sarif`: one SARIF 2.1.0 log, for code-scanning tools that read lint results of a
//! help desk's saved replies in CI.
//!
//! Results stream out as messages are analysed; the rules they use are collected on the way
//! and written after the results (a JSON object's keys have no order), so a large input never
//! sits in memory. Positive signals are not results: SARIF reports problems.

use std::collections::HashMap;
use std::io::{self, Write};

use replylint::{Finding, Report, Severity};
use serde_json::{json, Map, Value};

use crate::input::Message;
use crate::location::{line_around, Location};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const DOCS: &str = "https://example.invalid/replylint/docs/categories.md";

/// The rules seen so far, in the order of their `ruleIndex`.
#[derive(Default)]
pub struct SarifLog {
    rules: Vec<Value>,
    rule_index: HashMap<String, usize>,
    results: usize,
}

impl SarifLog {
    /// Writes the results of one message (the log's opening before the first one).
    pub fn message(&mut self, out: &mut impl Write, message: &Message, report: &Report) -> io::Result<()> {
        // Identical findings on one line are told apart by their order.
        let mut seen: HashMap<(&str, &str, &str), usize> = HashMap::new();
        for finding in report.findings().iter().filter(|f| !f.category().is_positive()) {
            let line = line_around(&message.text, finding.span().start);
            let occurrence = seen.entry((finding.rule_id(), finding.text(), line)).or_default();
            let result = self.result(message, finding, fingerprint(finding, line, *occurrence));
            *occurrence += 1;
            if self.results == 0 {
                open(out)?;
            } else {
                out.write_all(b",")?;
            }
            out.write_all(b"\n")?;
            serde_json::to_writer(&mut *out, &result)?;
            self.results += 1;
        }
        Ok(())
    }

    /// Closes the results and writes the tool with its rules.
    pub fn finish(&mut self, out: &mut impl Write) -> io::Result<()> {
        if self.results == 0 {
            open(out)?;
        }
        out.write_all(b"\n")?;
        let tool = json!({
            "driver": {
                "name": "replylint",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": DOCS,
                "rules": self.rules,
            }
        });
        out.write_all(br#"],"tool":"#)?;
        serde_json::to_writer(&mut *out, &tool)?;
        out.write_all(br#","columnKind":"utf16CodeUnits"}]}"#)?;
        out.write_all(b"\n")
    }

    fn result(&mut self, message: &Message, finding: &Finding, fingerprint: String) -> Value {
        let rule_index = self.rule(finding);
        let mut result = json!({
            "ruleId": finding.rule_id(),
            "ruleIndex": rule_index,
            "level": level(finding.severity()),
            "message": { "text": format!("{} {}", finding.explanation(), finding.suggestion()).trim() },
            "partialFingerprints": { "replylint/v1": fingerprint },
            "properties": {
                "category": finding.category().as_str(),
                "language": finding.language(),
                "span": finding.span(),
                "charSpan": finding.char_span(),
                "utf16Span": finding.utf16_span(),
            },
        });
        let location = Location::of(message, finding);
        let mut region = Map::new();
        region.insert("startLine".into(), location.start_line.into());
        if let Some(exact) = &location.region {
            region.insert("startColumn".into(), exact.utf16.0.into());
            region.insert("endLine".into(), exact.end_line.into());
            region.insert("endColumn".into(), exact.utf16.1.into());
        }
        region.insert("snippet".into(), json!({ "text": finding.text() }));
        match location.path {
            Some(path) => {
                result["locations"] = json!([{
                    "physicalLocation": {
                        "artifactLocation": { "uri": file_uri(path) },
                        "region": region,
                    }
                }]);
            }
            // `--text` and stdin have no file to point at; say where the message came from.
            None => {
                result["properties"]["source"] = json!(&*message.source);
                result["properties"]["line"] = json!(location.start_line);
            }
        }
        result
    }

    /// The `ruleIndex` of the finding's rule, describing the rule on first sight.
    fn rule(&mut self, finding: &Finding) -> usize {
        if let Some(&index) = self.rule_index.get(finding.rule_id()) {
            return index;
        }
        let category = finding.category().as_str();
        self.rules.push(json!({
            "id": finding.rule_id(),
            "shortDescription": { "text": finding.explanation() },
            "help": { "text": finding.suggestion() },
            "helpUri": format!("{DOCS}#{}", category.replace('_', "-")),
            "defaultConfiguration": { "level": level(finding.severity()) },
            "properties": {
                "category": category,
                "language": finding.language(),
                "tags": [category, finding.language()],
            },
        }));
        self.rule_index
            .insert(finding.rule_id().to_string(), self.rules.len() - 1);
        self.rules.len() - 1
    }
}

/// The log up to the first result.
fn open(out: &mut impl Write) -> io::Result<()> {
    write!(
        out,
        r#"{{"$schema":"{SCHEMA}","version":"2.1.0","runs":[{{"results":["#
    )
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        _ => "note",
    }
}

/// A fingerprint that stays the same while the finding's line does, wherever the line moves:
/// FNV-1a (stable across Rust versions, unlike `DefaultHasher`) of the rule, the trimmed line
/// and the matched text, then the occurrence among identical findings on that line.
fn fingerprint(finding: &Finding, line: &str, occurrence: usize) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [finding.rule_id(), line, finding.text()] {
        for &byte in part.as_bytes().iter().chain(&[0xff]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{hash:016x}:{occurrence}")
}

/// A path as a URI reference: `/` separators, bytes outside the unreserved set
/// percent-encoded, absolute paths as `file://` URIs.
fn file_uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut uri = String::with_capacity(path.len());
    if path.starts_with('/') {
        uri.push_str("file://");
    }
    for &byte in path.as_bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            uri.push(byte as char);
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_keep_relative_paths_and_encode_the_rest() {
        assert_eq!(file_uri("docs/replies.txt"), "docs/replies.txt");
        assert_eq!(file_uri("/tmp/my replies.txt"), "file:///tmp/my%20replies.txt");
        assert_eq!(file_uri("ответы.txt"), "%D0%BE%D1%82%D0%B2%D0%B5%D1%82%D1%8B.txt");
        assert_eq!(file_uri(r"macros\refund.txt"), "macros/refund.txt");
    }
}
