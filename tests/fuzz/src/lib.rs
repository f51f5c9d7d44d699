//! What every fuzz target asserts about a report: the properties `tests/tests/properties.rs`
//! checks on generated text, here on whatever libFuzzer finds.

use replylint::{Category, Report};

/// Panics (a crash for libFuzzer) unless every span of `report` lies on char boundaries of
/// `text` and maps back to the finding's text in bytes, code points and UTF-16 units, findings
/// are in text order, and spans of one category never overlap.
pub fn check_report(text: &str, report: &Report) {
    let mut last = (0, 0);
    for f in report.findings() {
        let span = f.span();
        assert_eq!(
            text.get(span.range()),
            Some(f.text()),
            "byte span of {}",
            f.rule_id()
        );
        let chars = text[..span.start].chars().count();
        assert_eq!(f.char_span().start, chars, "char span start of {}", f.rule_id());
        assert_eq!(f.char_span().end, chars + f.text().chars().count());
        let units = text[..span.start].encode_utf16().count();
        assert_eq!(
            f.utf16_span().start,
            units,
            "UTF-16 span start of {}",
            f.rule_id()
        );
        assert_eq!(f.utf16_span().end, units + f.text().encode_utf16().count());
        assert!((span.start, span.end) >= last, "findings out of order");
        last = (span.start, span.end);
    }
    for c in Category::ALL {
        let spans: Vec<_> = report
            .findings()
            .iter()
            .filter(|f| f.category() == c)
            .map(|f| f.span())
            .collect();
        for pair in spans.windows(2) {
            assert!(
                pair[0].end <= pair[1].start,
                "{c}: {:?} overlaps {:?}",
                pair[0],
                pair[1]
            );
        }
    }
    assert!(report.score() <= 100);
}
