//! Any lexicon source: parsing returns a lexicon or an error, never panics; a lexicon that
//! parses builds an analyzer (or says why not) and runs its own examples and guardrails.
#![no_main]

use libfuzzer_sys::fuzz_target;
use replylint::{Analyzer, Lexicon};
use replylint_fuzz::check_report;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(lexicon) = Lexicon::parse("fuzz.toml", source) else {
        return;
    };
    let Ok(analyzer) = Analyzer::builder()
        .languages(Vec::<String>::new())
        .lexicon(lexicon.clone())
        .build()
    else {
        return;
    };
    for rule in lexicon.rules() {
        for text in rule.examples.iter().chain(&rule.guardrails) {
            check_report(text, &analyzer.analyze(text));
        }
    }
});
