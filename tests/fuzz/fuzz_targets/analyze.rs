//! Any text, analysed by the default analyzer and by one with a glossary that keeps only the
//! detected language: never a panic, and every report keeps the span invariants.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use replylint::Analyzer;
use replylint_fuzz::check_report;

static CONFIGURED: LazyLock<Analyzer> = LazyLock::new(|| {
    Analyzer::builder()
        .jargon([("RMA", "return label"), ("L2 queue", "our specialist team")])
        .jargon(["ТТН", "نمی‌توانیم"])
        .detected_language_only(true)
        .build()
        .expect("the fuzz configuration builds")
});

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    check_report(&text, &Analyzer::new().analyze(&text));
    check_report(&text, &CONFIGURED.analyze(&text));
});
