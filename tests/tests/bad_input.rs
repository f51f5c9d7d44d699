//! Any string gets a report: nothing in analysis can fail or panic.

use replylint::{Analyzer, Category};

fn assert_spans_hold(text: &str) {
    let report = Analyzer::new().analyze(text);
    for f in report.findings() {
        assert_eq!(
            text.get(f.span().range()),
            Some(f.text()),
            "span of {}",
            f.rule_id()
        );
    }
}

#[test]
fn an_empty_string_has_no_findings() {
    let report = Analyzer::new().analyze("");
    assert!(report.findings().is_empty());
    assert_eq!(report.score(), 90);
}

#[test]
fn emoji_only_text_has_no_findings() {
    assert!(Analyzer::new().analyze("🙂👍🏽👨‍👩‍👧‍👦🇭🇺").findings().is_empty());
}

#[test]
fn control_characters_and_lone_marks_analyse() {
    assert_spans_hold("\u{0}\u{1}\u{7f}\u{200b}\u{feff}\u{301}\u{64b}it's company policy\u{0}");
    assert_spans_hold("\u{0301}\u{0BCD}\u{200C}\u{200D}");
}

#[test]
fn mixed_scripts_in_one_reply_analyse() {
    let text = "Hello! Это не ко мне. این سیاست شرکت است. Ez a cég szabályzata. நிறுவனத்தின் கொள்கை. \
                Patakaran ng kumpanya. 这是公司政策. It's company policy.";
    assert_spans_hold(text);
    assert!(Analyzer::new().analyze(text).count(Category::PolicyHiding) >= 1);
}

#[test]
fn an_unclosed_quotation_before_pages_of_any_script_analyses() {
    // The search for a closing mark looks a few KB ahead; that window must end on a character.
    for letter in ["ж", "ش", "க", "한", "😀"] {
        for lead in ["", "a", "ab", "abc"] {
            assert_spans_hold(&format!("«{lead}{} it's company policy", letter.repeat(3000)));
        }
    }
}

#[test]
fn a_50_mb_reply_analyses_and_keeps_exact_spans() {
    let unit = "Thanks for waiting. As I already said, it’s company policy. Ваш заказ уже в пути. 🙂\n";
    let text = unit.repeat(50 * 1024 * 1024 / unit.len() + 1);
    assert!(text.len() >= 50 * 1024 * 1024);
    let report = Analyzer::new().analyze(&text);
    let policy: Vec<_> = report
        .findings()
        .iter()
        .filter(|f| f.category() == Category::PolicyHiding)
        .collect();
    let repeats = text.len() / unit.len();
    assert_eq!(
        policy.len(),
        repeats,
        "one policy finding per repeated line, across chunk cuts"
    );
    let last = policy.last().unwrap();
    assert_eq!(&text[last.span().range()], last.text());
    assert_eq!(
        last.char_span().end - last.char_span().start,
        last.text().chars().count()
    );
}
