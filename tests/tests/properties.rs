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

/// Replies as above, arbitrary Unicode strings, and lexicon pieces mixed with arbitrary
/// characters, so that phrases also meet whatever neighbours the generator can think of.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => reply(),
        1 => any::<String>(),
        1 => prop::collection::vec(prop_oneof![reply(), "\\PC{0,3}", any::<char>().prop_map(String::from)], 0..8)
            .prop_map(|p| p.concat()),
    ]
}

/// A second analyzer built separately from `Analyzer::new()`'s shared one.
static REBUILT: LazyLock<Analyzer> = LazyLock::new(|| Analyzer::builder().build().unwrap());

fn key(f: &Finding) -> (String, Category) {
    (f.rule_id().to_string(), f.category())
}

/// What a finding is, whatever the normalisation form of the text: its rule and its matched
/// text in NFC (spans differ in bytes between NFC and NFD text, so they cannot be compared).
fn nfc_key(f: &Finding) -> (String, Category, String) {
    (f.rule_id().to_string(), f.category(), f.text().nfc().collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn spans_lie_on_char_boundaries_and_map_back(text in any_text()) {
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
    fn spans_never_overlap_within_a_category(text in any_text()) {
        let report = Analyzer::new().analyze(&text);
        for c in Category::ALL {
            let spans: Vec<_> = report.findings().iter().filter(|f| f.category() == c).map(|f| f.span()).collect();
            for pair in spans.windows(2) {
                prop_assert!(pair[0].end <= pair[1].start, "{c}: {:?} overlaps {:?}", pair[0], pair[1]);
            }
        }
    }

    #[test]
    fn analysis_is_deterministic(text in any_text()) {
        let a = Analyzer::new();
        prop_assert_eq!(a.analyze(&text), a.analyze(&text));
        prop_assert_eq!(a.analyze(&text), REBUILT.analyze(&text));
    }

    #[test]
    fn nfc_and_nfd_input_give_the_same_findings(text in any_text()) {
        let a = Analyzer::new();
        let nfc: String = text.nfc().collect();
        let nfd: String = text.nfd().collect();
        let keys = |t: &str| a.analyze(t).findings().iter().map(nfc_key).collect::<Vec<_>>();
        prop_assert_eq!(keys(&nfc), keys(&nfd));
    }

    #[test]
    fn text_around_a_finding_that_does_not_touch_it_changes_nothing(
        text in reply(),
        prefix in prop::sample::select(vec![
            "Hello there. Thanks for your order.\n\n",
            "Здравствуйте! Спасибо за заказ.\n\n",
            "வணக்கம். உங்கள் ஆர்டருக்கு நன்றி.\n\n",
            "🙂 Kumusta po kayo.\n\n",
        ]),
        suffix in prop::sample::select(vec!["\n\nKind regards.", "\n\nС уважением, Анна.", "\n\nسپاسگزارم 🙏", ""]),
    ) {
        // Wrapping in sentences of their own (separated by a full stop and a paragraph break)
        // must keep every finding of the middle part, shifted by the prefix.
        let a = Analyzer::new();
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
