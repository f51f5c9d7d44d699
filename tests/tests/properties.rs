//! Properties every analysis has, whatever the input.

use std::sync::LazyLock;

use proptest::prelude::*;
use replylint::{Analyzer, Category, Finding};
use unicode_normalization::UnicodeNormalization;

/// Text drawn from pieces that exercise the engine: lexicon phrases in several scripts,
/// curly quotes, combining marks, ZWNJ, emoji, capitals, punctuation runs and whitespace.
fn reply() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "it's company policy",
        "It’s COMPANY policy",
        "as I already said",
        "that's not my department",
        "Dear valued customer,",
        "I'm sorry, but",
        "это не ко мне",
        "ТАКОВА ПОЛИТИКА КОМПАНИИ",
        "نمی\u{200C}توانیم",
        "سياسة شركت",
        "ez a cég szabályzata",
        "nem az én asztalom",
        "நிறுவனத்தின் கொள்கை",
        "patakaran ng kumpanya",
        "wala po akong magagawa",
        "RMA",
        "PLEASE DO NOT",
        "?!",
        "!!",
        "🙂",
        "👨‍👩‍👧",
        "é",
        "e\u{301}",
        "\u{64b}",
        "\u{bcd}",
        " ",
        "  ",
        "\n",
        "\t",
        ".",
        ",",
        "(",
        ")",
        "x",
        "policy",
    ]);
    prop::collection::vec(pieces, 0..24).prop_map(|p| p.concat())
}

/// A second analyzer built separately from `Analyzer::new()`'s shared one.
static REBUILT: LazyLock<Analyzer> = LazyLock::new(|| Analyzer::builder().build().unwrap());

fn key(f: &Finding) -> (String, Category) {
    (f.rule_id().to_string(), f.category())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn spans_lie_on_char_boundaries_and_map_back(text in reply()) {
        let report = Analyzer::new().analyze(&text);
        let chars: Vec<char> = text.chars().collect();
        let utf16: Vec<u16> = text.encode_utf16().collect();
        for f in report.findings() {
            prop_assert!(text.is_char_boundary(f.span().start) && text.is_char_boundary(f.span().end));
            prop_assert_eq!(&text[f.span().range()], f.text());
            prop_assert_eq!(chars[f.char_span().range()].iter().collect::<String>(), f.text());
            prop_assert_eq!(String::from_utf16(&utf16[f.utf16_span().range()]).unwrap(), f.text());
        }
    }

    #[test]
    fn spans_never_overlap_within_a_category(text in reply()) {
        let report = Analyzer::new().analyze(&text);
        for c in Category::ALL {
            let spans: Vec<_> = report.findings().iter().filter(|f| f.category() == c).map(|f| f.span()).collect();
            for pair in spans.windows(2) {
                prop_assert!(pair[0].end <= pair[1].start, "{c}: {:?} overlaps {:?}", pair[0], pair[1]);
            }
        }
    }

    #[test]
    fn analysis_is_deterministic(text in reply()) {
        let a = Analyzer::new();
        prop_assert_eq!(a.analyze(&text), a.analyze(&text));
        prop_assert_eq!(a.analyze(&text), REBUILT.analyze(&text));
    }

    #[test]
    fn nfc_and_nfd_input_give_the_same_findings(text in reply()) {
        let a = Analyzer::new();
        let nfc: String = text.nfc().collect();
        let nfd: String = text.nfd().collect();
        let keys = |t: &str| a.analyze(t).findings().iter().map(key).collect::<Vec<_>>();
        prop_assert_eq!(keys(&nfc), keys(&nfd));
    }

    #[test]
    fn text_around_a_finding_that_does_not_touch_it_changes_nothing(text in reply()) {
        // Wrapping in sentences of their own (separated by a full stop and a paragraph break)
        // must keep every finding of the middle part, shifted by the prefix.
        let a = Analyzer::new();
        let prefix = "Hello there. Thanks for your order.\n\n";
        let suffix = "\n\nKind regards.";
        let alone = a.analyze(&text);
        let wrapped = a.analyze(&format!("{prefix}{text}{suffix}"));
        let shifted: Vec<_> = wrapped
            .findings()
            .iter()
            .filter(|f| f.span().start >= prefix.len() && f.span().end <= prefix.len() + text.len())
            .filter(|f| f.category() != Category::RoboticOpener)
            .map(|f| (key(f), f.span().start - prefix.len(), f.span().end - prefix.len()))
            .collect();
        let expected: Vec<_> = alone
            .findings()
            .iter()
            .filter(|f| f.category() != Category::RoboticOpener)
            .map(|f| (key(f), f.span().start, f.span().end))
            .collect();
        prop_assert_eq!(shifted, expected);
    }
}
