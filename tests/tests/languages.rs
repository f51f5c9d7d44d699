//! Every finding names its language; analyzers can be restricted to languages; the dominant
//! language of a message is detected.

use replylint::{detect_language, Analyzer};

/// A plain reply in each seed language, with no sin in it.
const REPLIES: &[(&str, &str)] = &[
    (
        "en",
        "Thank you for the photos. Your replacement is on its way and should arrive on Friday.",
    ),
    (
        "tl",
        "Salamat po sa paghihintay. Naipadala na namin ang inyong order at darating ito sa Biyernes.",
    ),
    (
        "ru",
        "Спасибо за фотографии. Замена уже в пути и придёт в пятницу.",
    ),
    (
        "hu",
        "Köszönjük a fotókat. A csere már úton van, és pénteken érkezik.",
    ),
    (
        "ta",
        "புகைப்படங்களுக்கு நன்றி. உங்கள் மாற்றுப் பொருள் வெள்ளிக்கிழமை வந்து சேரும்.",
    ),
    (
        "fa",
        "از عکس‌ها ممنونیم. کالای جایگزین در راه است و جمعه به دستتان می‌رسد.",
    ),
];

#[test]
fn the_language_of_a_plain_reply_is_detected() {
    for (code, reply) in REPLIES {
        assert_eq!(detect_language(reply), Some(*code), "{reply}");
    }
}

#[test]
fn text_without_letters_has_no_language() {
    assert_eq!(detect_language("👍 12:30 !!"), None);
}

#[test]
fn every_lexicon_finding_names_the_language_of_its_rule() {
    let report = Analyzer::new().analyze("It's company policy. Это не ко мне. Ez a cég szabályzata.");
    let languages: Vec<&str> = report.findings().iter().map(|f| f.language()).collect();
    for code in ["en", "ru", "hu"] {
        assert!(languages.contains(&code), "{code} in {languages:?}");
    }
    for f in report.findings() {
        assert!(f.rule_id().starts_with(&format!("{}.", f.language())));
    }
}

#[test]
fn restricting_languages_drops_the_others() {
    let analyzer = Analyzer::builder().languages(["ru"]).build().unwrap();
    assert_eq!(analyzer.languages(), ["ru"]);
    let report = analyzer.analyze("It's company policy. Это не ко мне.");
    assert!(!report.findings().is_empty());
    assert!(report.findings().iter().all(|f| f.language() == "ru"));
}

#[test]
fn detected_language_only_keeps_the_message_language_and_english() {
    // A Hungarian message quoting a Russian phrase: with detection on, the Russian rule is
    // dropped, the Hungarian and English ones stay.
    let text = "Ez a cég szabályzata, és nem tehetünk semmit. It's company policy. Это не ко мне.";
    let all = Analyzer::new().analyze(text);
    assert!(all.findings().iter().any(|f| f.language() == "ru"));
    let detected = Analyzer::builder()
        .detected_language_only(true)
        .build()
        .unwrap()
        .analyze(text);
    let languages: Vec<&str> = detected.findings().iter().map(|f| f.language()).collect();
    assert!(languages.contains(&"hu"), "{languages:?}");
    assert!(languages.contains(&"en"), "{languages:?}");
    assert!(!languages.contains(&"ru"), "{languages:?}");
}

#[test]
fn an_unknown_language_code_is_an_error_listing_the_available_ones() {
    let err = Analyzer::builder()
        .languages(["en", "xx"])
        .build()
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("unknown language code `xx`; available: en, "),
        "{err}"
    );
}
