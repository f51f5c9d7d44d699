//! Any pattern: expansion returns at most `MAX_EXPANSIONS` distinct, whitespace-folded
//! literals or an error, never panics. A pattern that expands is then put into a one-rule
//! lexicon (which splits it around an anchor for the automaton); when that lexicon is
//! accepted, each literal analysed on its own keeps the span invariants.
#![no_main]

use libfuzzer_sys::fuzz_target;
use replylint::pattern::{expand, MAX_EXPANSIONS};
use replylint::{Analyzer, Lexicon};
use replylint_fuzz::check_report;

fuzz_target!(|data: &[u8]| {
    let Ok(pattern) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(literals) = expand(pattern) else {
        return;
    };
    assert!(literals.len() <= MAX_EXPANSIONS);
    let mut seen = std::collections::HashSet::new();
    for literal in &literals {
        assert!(seen.insert(literal), "duplicate literal {literal:?}");
        assert_eq!(literal.split_whitespace().collect::<Vec<_>>().join(" "), *literal);
    }
    let source = format!(
        "[language]\ncode = \"zz\"\nname = \"Fuzz\"\nnative_name = \"Fuzz\"\n\n[[rule]]\n\
         id = \"fuzzed\"\ncategory = \"jargon\"\nseverity = \"warning\"\npatterns = [{}]\n\
         explanation = \"e\"\nsuggestion = \"s\"\nexamples = [\"x\"]\n",
        toml_string(pattern)
    );
    let Ok(lexicon) = Lexicon::parse("fuzz.toml", &source) else {
        return;
    };
    let Ok(analyzer) = Analyzer::builder()
        .languages(Vec::<String>::new())
        .lexicon(lexicon)
        .build()
    else {
        return;
    };
    for literal in &literals {
        check_report(literal, &analyzer.analyze(literal));
    }
});

/// `s` as a TOML basic string.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
