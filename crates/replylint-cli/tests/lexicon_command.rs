//! `replylint lexicon list|expand|check`.

mod common;

use common::{replylint, Scratch, TEST_LEXICON};
use predicates::str::contains;

#[test]
fn list_prints_rule_id_category_and_severity_per_line() {
    let scratch = Scratch::new();
    let lexicon = scratch.test_lexicon();
    let out = replylint()
        .args(["lexicon", "list", "--languages", "", "--lexicon"])
        .arg(&lexicon)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<Vec<&str>> = stdout.lines().map(|l| l.split_whitespace().collect()).collect();
    assert!(
        rows.contains(&vec!["xx.per-procedure", "policy_hiding", "warning"]),
        "{stdout}"
    );
    assert!(rows.contains(&vec!["xx.whatever", "apathy", "error"]), "{stdout}");
    assert!(
        rows.contains(&vec!["core.shouting", "argumentative", "error"]),
        "{stdout}"
    );
    assert!(rows.iter().all(|r| r.len() == 3), "{stdout}");
}

#[test]
fn list_of_one_language_has_only_its_rules_and_the_core_rules() {
    let out = replylint()
        .args(["lexicon", "list", "--languages", "en"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.lines().any(|l| l.starts_with("en.")));
    assert!(
        stdout
            .lines()
            .all(|l| l.starts_with("en.") || l.starts_with("core.")),
        "{stdout}"
    );
}

#[test]
fn expand_prints_language_rule_and_literal_separated_by_tabs() {
    let scratch = Scratch::new();
    let lexicon = scratch.test_lexicon();
    let out = replylint()
        .args(["lexicon", "expand", "--languages", "", "--lexicon"])
        .arg(&lexicon)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<Vec<&str>> = stdout.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(
        rows,
        [
            vec!["xx", "xx.per-procedure", "per procedure"],
            vec!["xx", "xx.per-procedure", "per protocol"],
            vec!["xx", "xx.whatever", "whatever you say"],
            vec!["xx", "xx.for-your-information", "for your information"],
            vec!["xx", "xx.appreciate-patience", "i appreciate your patience"],
        ]
    );
}

#[test]
fn expand_is_also_a_flag() {
    let sub = replylint()
        .args(["lexicon", "expand", "--languages", "en"])
        .output()
        .unwrap();
    let flag = replylint()
        .args(["lexicon", "--expand", "--languages", "en"])
        .output()
        .unwrap();
    assert_eq!(flag.status.code(), Some(0));
    assert!(!flag.stdout.is_empty());
    assert_eq!(flag.stdout, sub.stdout);
}

#[test]
fn expand_of_the_builtin_lexicons_has_three_tab_separated_fields_on_every_line() {
    let out = replylint().args(["lexicon", "expand"]).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.lines().count() > 10);
    for line in stdout.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields.len(), 3, "{line:?}");
        assert!(fields[1].starts_with(&format!("{}.", fields[0])), "{line:?}");
        assert!(!fields[2].is_empty(), "{line:?}");
    }
}

#[test]
fn check_of_a_good_lexicon_prints_counts_per_category_and_exits_0() {
    let scratch = Scratch::new();
    let lexicon = scratch.test_lexicon();
    let out = replylint()
        .args(["lexicon", "check"])
        .arg(&lexicon)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let row = |name: &str| {
        stdout
            .lines()
            .find(|l| l.split_whitespace().next() == Some(name))
            .map(|l| {
                l.split_whitespace()
                    .filter_map(|w| w.parse().ok())
                    .collect::<Vec<usize>>()
            })
            .unwrap_or_else(|| panic!("no {name} row:\n{stdout}"))
    };
    // rules, patterns, expanded literals
    assert_eq!(row("policy_hiding"), [1, 1, 2]);
    assert_eq!(row("apathy"), [1, 1, 1]);
    assert_eq!(row("total"), [4, 4, 5]);
    assert!(stdout.contains("ok (4 examples and guardrails pass)"), "{stdout}");
}

#[test]
fn check_reports_every_failing_example_and_guardrail_and_exits_1() {
    let scratch = Scratch::new();
    let source = TEST_LEXICON
        .replace("examples = [\"Whatever you say.\"]", "examples = [\"Whatever.\"]")
        .replace(
            "examples = [\"Per procedure, we wait.\"]",
            "examples = [\"Per procedure, we wait.\"]\nguardrails = [\"As per procedure.\"]",
        );
    let lexicon = scratch.file("failing.toml", source);
    replylint()
        .args(["lexicon", "check"])
        .arg(&lexicon)
        .assert()
        .code(1)
        .stdout(contains(
            "rule `xx.whatever` does not fire on its example \"Whatever.\"",
        ))
        .stdout(contains(
            "rule `xx.per-procedure` fires on its guardrail \"As per procedure.\"",
        ))
        .stdout(contains("2 of 5 examples and guardrails failed"));
}

#[test]
fn check_of_a_malformed_lexicon_exits_2_naming_file_line_and_rule() {
    let scratch = Scratch::new();
    let source = TEST_LEXICON.replace("severity = \"error\"", "severity = \"fatal\"");
    let lexicon = scratch.file("bad.toml", &source);
    replylint()
        .args(["lexicon", "check"])
        .arg(&lexicon)
        .assert()
        .code(2)
        .stderr(contains(format!("error: {}:", lexicon.display())))
        .stderr(contains("xx.whatever"))
        .stderr(contains("fatal"));
}

#[test]
fn check_of_several_files_exits_with_the_worst_outcome_and_checks_them_all() {
    let scratch = Scratch::new();
    let good = scratch.test_lexicon();
    let bad = scratch.file("bad.toml", "[language]\ncode = ");
    let out = replylint()
        .args(["lexicon", "check"])
        .arg(&bad)
        .arg(&good)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stdout).unwrap().contains("ok (4 examples"));
}

#[test]
fn check_of_every_builtin_lexicon_passes() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../replylint/lexicons");
    let files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(!files.is_empty());
    replylint()
        .args(["lexicon", "check"])
        .args(&files)
        .assert()
        .code(0);
}
