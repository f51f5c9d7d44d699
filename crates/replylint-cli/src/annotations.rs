//! `--format github`: GitHub Actions workflow commands (`::warning file=…,line=…::…`), which
//! the runner turns into annotations on the pull request's files.

use std::io::{self, Write};

use replylint::{Finding, Report, Severity};

use crate::input::Message;
use crate::location::Location;

/// Writes one annotation per problem of the message; positive signals are not annotated.
pub fn write(out: &mut impl Write, message: &Message, report: &Report) -> io::Result<()> {
    for finding in report.findings().iter().filter(|f| !f.category().is_positive()) {
        writeln!(out, "{}", annotation(message, finding))?;
    }
    Ok(())
}

fn annotation(message: &Message, finding: &Finding) -> String {
    let command = match finding.severity() {
        Severity::Error => "error",
        Severity::Warning => "warning",
        _ => "notice",
    };
    let location = Location::of(message, finding);
    let mut properties = Vec::new();
    if let Some(path) = location.path {
        properties.push(format!("file={}", escape_property(path)));
    }
    properties.push(format!("line={}", location.start_line));
    if let Some(region) = &location.region {
        properties.push(format!("endLine={}", region.end_line));
        // GitHub's columns are 1-based and inclusive; ours end one past the span.
        properties.push(format!("col={}", region.chars.0));
        properties.push(format!(
            "endColumn={}",
            region.chars.1.saturating_sub(1).max(region.chars.0)
        ));
    }
    properties.push(format!(
        "title={}",
        escape_property(&format!(
            "{} ({})",
            finding.rule_id(),
            finding.category().as_str()
        ))
    ));
    let text = format!(
        "“{}”: {} {}",
        finding.text(),
        finding.explanation(),
        finding.suggestion()
    );
    format!(
        "::{command} {}::{}",
        properties.join(","),
        escape_data(text.trim())
    )
}

/// The escapes of a workflow command's message.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// The escapes of a workflow command's property values, which also end at `,` and `:`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_and_properties_escape_what_would_end_them() {
        assert_eq!(escape_data("50% off\r\nnow"), "50%25 off%0D%0Anow");
        assert_eq!(escape_property("a,b: c%"), "a%2Cb%3A c%25");
    }
}
