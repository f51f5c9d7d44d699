//! Limits and bad configuration: each is an `Error` whose message says what to fix, never a
//! panic or an abort. docs/reliability.md quotes these messages in its bad-input table.

use replylint::pattern::{MAX_EXPANSIONS, MAX_NESTING};
use replylint::{Analyzer, Category, Error, Severity, MAX_GLOSSARY_TERM_CHARS};

const HEADER: &str = "[language]\ncode = \"xx\"\nname = \"Test\"\nnative_name = \"Test\"\n";

/// A one-rule lexicon (rule `xx.r`, its patterns on line 10) with `patterns` as written in TOML.
fn lexicon(patterns: &str) -> String {
    format!(
        "{HEADER}\n[[rule]]\nid = \"r\"\ncategory = \"jargon\"\nseverity = \"warning\"\n\
         patterns = [{patterns}]\nexplanation = \"Why.\"\nsuggestion = \"Instead.\"\n\
         examples = [\"an example\"]\n"
    )
}

/// Builds an analyzer with only the given user lexicons.
fn build(lexicons: &[&str]) -> Result<Analyzer, Error> {
    let mut builder = Analyzer::builder();
    builder.languages(Vec::<String>::new());
    for (i, source) in lexicons.iter().enumerate() {
        builder.lexicon_str(&format!("lexicon{i}.toml"), source);
    }
    builder.build()
}

fn message(result: Result<Analyzer, Error>) -> String {
    result.expect_err("the configuration is rejected").to_string()
}

#[test]
fn a_pattern_that_expands_past_the_limit_names_file_line_rule_and_pattern() {
    let pattern = "(a|b|c|d) ".repeat(6).trim_end().to_string();
    assert!(4usize.pow(6) > MAX_EXPANSIONS);
    let err = build(&[&lexicon(&format!("\"{pattern}\""))]).unwrap_err();
    assert!(matches!(err, Error::Lexicon { line: 10, .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        format!(
            "lexicon0.toml:10: rule `xx.r`: pattern `{pattern}`: expands to more than 1024 \
             literals; split it into several patterns"
        )
    );
}

#[test]
fn regression_ten_thousand_nested_groups_are_an_error_not_a_stack_overflow() {
    // Found while probing limits: the recursive pattern parser overflowed the stack and
    // aborted the whole process (a Python kernel, the CLI) on this user lexicon.
    for (open, close) in [("(", ")"), ("[", "]")] {
        let pattern = format!("{}a{}", open.repeat(10_000), close.repeat(10_000));
        assert_eq!(
            message(build(&[&lexicon(&format!("\"{pattern}\""))])),
            format!(
                "lexicon0.toml:10: rule `xx.r`: pattern `{pattern}`: groups nest more than \
                 {MAX_NESTING} deep; split it into several patterns"
            )
        );
    }
    let deepest = format!("{}a{}", "(".repeat(MAX_NESTING), ")".repeat(MAX_NESTING));
    assert!(build(&[&lexicon(&format!("\"{deepest}\""))]).is_ok());
}

#[test]
fn empty_and_blank_patterns_are_rejected() {
    for pattern in ["", "   "] {
        assert_eq!(
            message(build(&[&lexicon(&format!("\"{pattern}\""))])),
            format!(
                "lexicon0.toml:10: rule `xx.r`: pattern `{pattern}`: `` has no letters or \
                 digits, so it would match punctuation alone"
            )
        );
    }
    assert_eq!(
        message(build(&[&lexicon("")])),
        "lexicon0.toml:6: rule `xx.r`: `patterns` must list at least one pattern"
    );
}

#[test]
fn a_pattern_of_only_punctuation_is_rejected() {
    assert_eq!(
        message(build(&[&lexicon("\"?!\"")])),
        "lexicon0.toml:10: rule `xx.r`: pattern `?!`: `?!` has no letters or digits, so it \
         would match punctuation alone"
    );
    // An optional word leaves an expansion of nothing at all.
    assert!(message(build(&[&lexicon("\"[a]\"")])).contains("`` has no letters or digits"));
}

#[test]
fn duplicate_rule_ids_are_rejected_within_a_lexicon_across_lexicons_and_against_built_ins() {
    let twice = format!(
        "{}\n[[rule]]\nid = \"r\"\ncategory = \"jargon\"\nseverity = \"warning\"\n\
         patterns = [\"c d\"]\nexplanation = \"e\"\nsuggestion = \"s\"\nexamples = [\"x\"]\n",
        lexicon("\"a b\"")
    );
    assert_eq!(
        message(build(&[&twice])),
        "lexicon0.toml:15: rule `xx.r`: this rule id is used twice in the lexicon"
    );

    let one = lexicon("\"a b\"");
    let other = lexicon("\"c d\"");
    let err = build(&[&one, &other]).unwrap_err();
    assert!(
        matches!(&err, Error::DuplicateRule(id) if id == "xx.r"),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "rule id `xx.r` is defined by two lexicons; rename the rule in your lexicon"
    );

    let shadowing = lexicon("\"a b\"")
        .replace("code = \"xx\"", "code = \"en\"")
        .replace("id = \"r\"", "id = \"company-policy\"");
    let err = Analyzer::builder()
        .lexicon_str("mine.toml", &shadowing)
        .build()
        .unwrap_err();
    assert!(
        matches!(&err, Error::DuplicateRule(id) if id == "en.company-policy"),
        "{err:?}"
    );
}

#[test]
fn unknown_category_severity_and_language_codes_list_what_exists() {
    let rudeness = lexicon("\"a b\"").replace("\"jargon\"", "\"rudeness\"");
    assert_eq!(
        message(build(&[&rudeness])),
        "lexicon0.toml:6: rule `xx.r`: unknown category `rudeness`; expected one of jargon, \
         robotic_opener, deflection, policy_hiding, argumentative, apathy, false_promise, \
         non_apology, empathy, apology, ownership, follow_up, complaint"
    );
    let err = "rudeness".parse::<Category>().unwrap_err();
    assert!(
        matches!(&err, Error::UnknownCategory(c) if c == "rudeness"),
        "{err:?}"
    );
    let err = "fatal".parse::<Severity>().unwrap_err();
    assert_eq!(
        err.to_string(),
        "unknown severity `fatal`; expected info, warning or error"
    );

    let err = Analyzer::builder().languages(["en", "xx"]).build().unwrap_err();
    assert!(
        matches!(&err, Error::UnknownLanguage { code, .. } if code == "xx"),
        "{err:?}"
    );
    let listed = err.to_string();
    assert!(
        listed.starts_with("unknown language code `xx`; available: "),
        "{listed}"
    );
    for lexicon in replylint::builtin_lexicons() {
        assert!(listed.contains(&lexicon.language().code), "{listed}");
    }

    let english = lexicon("\"a b\"").replace("code = \"xx\"", "code = \"english\"");
    assert_eq!(
        message(build(&[&english])),
        "lexicon0.toml:2: language code `english` must be 2 or 3 lowercase letters (ISO 639)"
    );
}

#[test]
fn a_glossary_term_of_ten_thousand_characters_is_rejected_with_a_short_message() {
    let term = "x".repeat(10_000);
    let err = Analyzer::builder().jargon([term.as_str()]).build().unwrap_err();
    assert!(matches!(err, Error::Glossary { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        format!(
            "glossary term `{}…`: is 10000 characters long; a glossary term is a word or a \
             short phrase of at most {MAX_GLOSSARY_TERM_CHARS}",
            "x".repeat(40)
        )
    );
    let longest = "y".repeat(MAX_GLOSSARY_TERM_CHARS);
    let analyzer = Analyzer::builder().jargon([longest.as_str()]).build().unwrap();
    let text = format!("see {longest} now");
    let report = analyzer.analyze(&text);
    assert_eq!(report.findings()[0].text(), longest);
}

#[test]
fn long_replacements_and_patterns_are_accepted_and_match_exactly() {
    // Only terms are capped; a replacement is advice text, a lexicon pattern may be long.
    let replacement = "r".repeat(10_000);
    let analyzer = Analyzer::builder()
        .languages(Vec::<String>::new())
        .jargon([("RMA", replacement.as_str())])
        .build()
        .unwrap();
    assert!(analyzer.analyze("the RMA").findings()[0]
        .suggestion()
        .contains(&replacement));

    let words = "word ".repeat(2_000);
    let pattern = words.trim_end();
    assert_eq!(pattern.chars().count(), 9_999);
    let analyzer = build(&[&lexicon(&format!("\"{pattern}\""))]).unwrap();
    let text = format!("Hello. {pattern}. Bye.");
    let findings: Vec<_> = analyzer
        .analyze(&text)
        .findings()
        .iter()
        .map(|f| (f.span().start, f.span().end))
        .collect();
    assert_eq!(findings, [(7, 7 + pattern.len())]);
}

#[test]
fn an_empty_glossary_term_and_malformed_toml_are_errors() {
    assert_eq!(
        Analyzer::builder().jargon([""]).build().unwrap_err().to_string(),
        "glossary term ``: has no letters or digits; give the word or phrase to flag"
    );
    assert_eq!(message(build(&[""])), "lexicon0.toml:1: missing field `language`");
    // The TOML parser has its own depth limit; deep arrays are an error, not a crash.
    let deep = format!("x = {}1{}", "[".repeat(5_000), "]".repeat(5_000));
    assert!(message(build(&[&deep])).starts_with("lexicon0.toml:1: "));
}
