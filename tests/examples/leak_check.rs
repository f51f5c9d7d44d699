//! A small program for a leak checker (`scripts/leak-check` runs it under valgrind): builds
//! analyzers of every kind, hits every configuration error, analyses every shared test
//! vector one by one and in a batch, and drops everything before it exits.

use replylint::{Analyzer, Lexicon, Severity};
use replylint_tests::load_all;

fn main() {
    let texts: Vec<String> = load_all()
        .into_iter()
        .flat_map(|(_, file)| file.vectors.into_iter().map(|v| v.text))
        .collect();

    let default = Analyzer::new();
    let custom = Analyzer::builder()
        .languages(["en", "ru", "fa", "tl"])
        .jargon([("RMA", "return label"), ("L2 queue", "our specialist team")])
        .disable_rules(["core.shouting"])
        .min_severity(Severity::Warning)
        .detected_language_only(true)
        .build()
        .expect("a valid configuration");
    let lexicon = Lexicon::parse("copy.toml", &lexicon_source()).expect("a valid lexicon");
    let own = Analyzer::builder()
        .languages(Vec::<String>::new())
        .lexicon(lexicon.clone())
        .build()
        .expect("a valid lexicon builds");
    assert!(lexicon.check_examples().expect("builds").is_empty());

    let mut findings = 0;
    for analyzer in [&default, &custom, &own] {
        for text in &texts {
            findings += analyzer.analyze(text).findings().len();
        }
        findings += analyzer
            .analyze_batch(&texts)
            .iter()
            .map(|r| r.findings().len())
            .sum::<usize>();
    }

    let errors = [
        Analyzer::builder().languages(["xx"]).build().err(),
        Analyzer::builder()
            .jargon(["x".repeat(10_000).as_str()])
            .build()
            .err(),
        Analyzer::builder().disable_rules(["en.nope"]).build().err(),
        Analyzer::builder()
            .lexicon_str("bad.toml", "[language]\ncode = 1")
            .build()
            .err(),
        Analyzer::builder()
            .lexicon_file("/nonexistent/lexicon.toml")
            .build()
            .err(),
    ];
    let messages: usize = errors
        .iter()
        .map(|e| e.as_ref().expect("an error").to_string().len())
        .sum();
    println!(
        "{} texts, {findings} findings, {messages} bytes of error messages",
        texts.len()
    );
}

/// A user lexicon of one rule, with an example and a guardrail.
fn lexicon_source() -> String {
    "[language]\ncode = \"zz\"\nname = \"Test\"\nnative_name = \"Test\"\n\n[[rule]]\nid = \"policy\"\n\
     category = \"policy_hiding\"\nseverity = \"warning\"\npatterns = [\"(it's|it is) [our] company policy\"]\n\
     explanation = \"It hides behind a rule.\"\nsuggestion = \"Say what you can do.\"\n\
     examples = [\"Sorry, it is our company policy.\"]\nguardrails = [\"Our company policy page has moved.\"]\n"
        .to_string()
}
