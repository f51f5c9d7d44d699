//! Where a finding sits in its source file, for the formats that point into files (SARIF and
//! GitHub annotations).

use replylint::Finding;

use crate::input::Message;

/// The source a finding comes from, and its line and columns there when the message's text is
/// the file's own text.
pub struct Location<'a> {
    /// The file, or `None` for `--text` arguments and stdin, which have no file to point at.
    pub path: Option<&'a str>,
    /// The 1-based line of the record (JSONL, CSV) or of the span's start (lines, whole).
    pub start_line: usize,
    /// The exact region, when the message's text is verbatim in the file.
    pub region: Option<Region>,
}

/// A span as lines and 1-based columns; the end column is exclusive.
#[derive(Debug, PartialEq, Eq)]
pub struct Region {
    /// The line the span starts on.
    pub start_line: usize,
    /// The line the span ends on.
    pub end_line: usize,
    /// Columns in Unicode code points.
    pub chars: (usize, usize),
    /// Columns in UTF-16 code units (SARIF's default column kind).
    pub utf16: (usize, usize),
}

impl<'a> Location<'a> {
    /// The location of `finding` in `message`.
    pub fn of(message: &'a Message, finding: &Finding) -> Location<'a> {
        let path = (!message.source.starts_with('<')).then_some(&*message.source);
        if !message.verbatim {
            return Location {
                path,
                start_line: message.line,
                region: None,
            };
        }
        let span = finding.span();
        let start = line_and_columns(&message.text, span.start);
        let end = line_and_columns(&message.text, span.end);
        Location {
            path,
            start_line: message.line + start.0,
            region: Some(Region {
                start_line: message.line + start.0,
                end_line: message.line + end.0,
                chars: (start.1, end.1),
                utf16: (start.2, end.2),
            }),
        }
    }
}

/// Lines before `at`, and the 1-based column of `at` in its line, in code points and UTF-16.
fn line_and_columns(text: &str, at: usize) -> (usize, usize, usize) {
    let before = &text[..at];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = &before[line_start..];
    (
        before.bytes().filter(|&b| b == b'\n').count(),
        line.chars().count() + 1,
        line.encode_utf16().count() + 1,
    )
}

/// The line of `text` holding byte `at`, trimmed: the context a fingerprint keeps, so that
/// moving a reply to another line or file does not change it.
pub fn line_around(text: &str, at: usize) -> &str {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    text[start..end].trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_code_points_and_utf16_units_from_the_start_of_the_line() {
        let text = "first\n😀 é policy";
        let at = text.find("policy").unwrap();
        assert_eq!(line_and_columns(text, at), (1, 5, 6));
        assert_eq!(line_and_columns(text, 0), (0, 1, 1));
    }

    #[test]
    fn line_around_is_the_trimmed_line_of_the_offset() {
        let text = "a\n  it's policy \r\nb";
        assert_eq!(line_around(text, text.find("policy").unwrap()), "it's policy");
    }
}
