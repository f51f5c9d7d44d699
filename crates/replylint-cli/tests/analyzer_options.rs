//! Options that configure the analyzer: languages, lexicons, jargon, glossary, disabled rules,
//! minimum severity.

mod common;

use common::{json_lines, only_test_lexicon, replylint, rule_ids, Scratch};
use serde_json::Value;

fn check_jsonl(args: &[String], text: &str) -> Value {
    let out = replylint()
        .arg("check")
        .args(args)
        .args(["--format", "jsonl", "--text", text])
        .output()
        .unwrap();
    assert_ne!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    json_lines(&out.stdout).remove(0)
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|s| s.to_string()).collect()
}

#[test]
fn empty_languages_uses_no_builtin_lexicon() {
    let report = check_jsonl(
        &strings(&["--languages", ""]),
        "It's company policy, as I already said.",
    );
    assert_eq!(rule_ids(&report), Vec::<String>::new());
}

#[test]
fn languages_restricts_the_builtin_lexicons() {
    let report = check_jsonl(&strings(&["--languages", "en"]), "It's company policy.");
    assert!(rule_ids(&report)
        .iter()
        .all(|id| id.starts_with("en.") || id.starts_with("core.")));
    assert!(!rule_ids(&report).is_empty());
}

#[test]
fn lexicon_file_adds_its_rules() {
    let scratch = Scratch::new();
    let lexicon = scratch.test_lexicon();
    let report = check_jsonl(&only_test_lexicon(&lexicon), "Per procedure, whatever you say.");
    assert_eq!(rule_ids(&report), ["xx.per-procedure", "xx.whatever"]);
}

#[test]
fn jargon_flags_the_term_and_suggests_the_replacement() {
    let report = check_jsonl(
        &strings(&["--languages", "", "--jargon", "L2 queue=our specialist team"]),
        "It's in the L2 queue.",
    );
    let finding = &report["report"]["findings"][0];
    assert_eq!(finding["rule_id"], "core.glossary");
    assert_eq!(finding["text"], "L2 queue");
    assert!(
        finding["suggestion"]
            .as_str()
            .unwrap()
            .contains("our specialist team"),
        "{finding}"
    );
}

#[test]
fn glossary_file_takes_terms_replacements_and_comments() {
    let scratch = Scratch::new();
    let glossary = scratch.file(
        "jargon.txt",
        "# Words only we use\nticket bucket = our team's list\n\nbackorder queue\n   # indented comment\n",
    );
    let args = vec![
        "--languages".into(),
        String::new(),
        "--glossary".into(),
        glossary.display().to_string(),
    ];
    let report = check_jsonl(&args, "It went to the ticket bucket, then the backorder queue.");
    let findings = report["report"]["findings"].as_array().unwrap();
    let texts: Vec<&str> = findings.iter().map(|f| f["text"].as_str().unwrap()).collect();
    assert_eq!(texts, ["ticket bucket", "backorder queue"]);
    assert!(findings[0]["suggestion"]
        .as_str()
        .unwrap()
        .contains("our team's list"));
    let comment = check_jsonl(&args, "Words only we use, indented comment.");
    assert_eq!(rule_ids(&comment), Vec::<String>::new());
}

#[test]
fn glossary_file_that_cannot_be_read_exits_2() {
    let scratch = Scratch::new();
    let missing = scratch.path().join("nope.txt");
    replylint()
        .args(["check", "--text", "hi", "--glossary"])
        .arg(&missing)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(format!(
            "cannot read {}",
            missing.display()
        )));
}

#[test]
fn disable_turns_a_rule_off() {
    let scratch = Scratch::new();
    let lexicon = scratch.test_lexicon();
    let mut args = only_test_lexicon(&lexicon);
    args.extend(strings(&["--disable", "xx.whatever"]));
    let report = check_jsonl(&args, "Per procedure, whatever you say.");
    assert_eq!(rule_ids(&report), ["xx.per-procedure"]);
}

#[test]
fn min_severity_drops_lesser_problems_but_keeps_positive_signals() {
    let scratch = Scratch::new();
    let lexicon = scratch.test_lexicon();
    let mut args = only_test_lexicon(&lexicon);
    args.extend(strings(&["--min-severity", "error"]));
    let report = check_jsonl(
        &args,
        "For your information, per procedure, whatever you say. I appreciate your patience.",
    );
    assert_eq!(rule_ids(&report), ["xx.whatever", "xx.appreciate-patience"]);
}
