//! What `replylint check` prints: annotated snippets, one JSON document, or JSON Lines.

mod common;

use common::{categories, json_lines, only_test_lexicon, replylint, Scratch};
use serde_json::Value;

#[test]
fn human_output_is_an_annotated_snippet_per_finding_with_origin_underline_and_help() {
    let out = replylint()
        .args(["check", "--text", "Sorry, it's company policy."])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    // rustc-style: `severity[rule id]: explanation`, origin, the line, the underline, help.
    let title = stdout.lines().find(|l| l.contains("[en.")).expect(&stdout);
    assert!(
        title.starts_with("warning[") || title.starts_with("error[") || title.starts_with("info["),
        "{stdout}"
    );
    assert!(stdout.contains("--> <text>:1:8"), "{stdout}");
    assert!(stdout.contains("1 | Sorry, it's company policy."), "{stdout}");
    let underline = stdout.lines().find(|l| l.contains('^')).expect(&stdout);
    let caret_column = underline.find('^').unwrap();
    let text_column = stdout
        .lines()
        .find(|l| l.contains("1 | Sorry"))
        .unwrap()
        .find("it's")
        .unwrap();
    assert_eq!(
        caret_column, text_column,
        "the underline starts under the phrase:\n{stdout}"
    );
    assert!(
        underline.contains("policy hiding"),
        "the label names the category:\n{stdout}"
    );
    assert!(stdout.contains("= help: "), "{stdout}");
}

#[test]
fn human_output_ends_each_message_with_its_score_and_the_run_with_totals() {
    let scratch = Scratch::new();
    let lexicon = scratch.test_lexicon();
    let out = replylint()
        .arg("check")
        .args(only_test_lexicon(&lexicon))
        .args([
            "--text",
            "Per procedure, whatever you say.",
            "--text",
            "I appreciate your patience.",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("<text>:1: score ") && l.ends_with(", 1 error, 1 warning")),
        "{stdout}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("<text>:2: score ") && l.ends_with(", clean, 1 positive signal")),
        "{stdout}"
    );
    let score = |prefix: &str| -> f64 {
        let line = lines.iter().find(|l| l.starts_with(prefix)).unwrap();
        line[prefix.len()..].split('/').next().unwrap().parse().unwrap()
    };
    let average = (score("<text>:1: score ") + score("<text>:2: score ")) / 2.0;
    assert_eq!(
        lines.last().unwrap().to_string(),
        format!(
            "2 messages checked: 1 with problems (1 error, 1 warning), 1 positive signal, average score {average:.0}"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("good[xx.appreciate-patience]: Acknowledges the wait."),
        "{stdout}"
    );
}

#[test]
fn human_output_has_no_colour_codes_when_stdout_is_not_a_terminal() {
    let out = replylint()
        .args(["check", "--text", "It's company policy."])
        .output()
        .unwrap();
    assert!(
        !out.stdout.contains(&0x1b),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn color_always_forces_colour_codes() {
    let out = replylint()
        .args(["check", "--color", "always", "--text", "It's company policy."])
        .output()
        .unwrap();
    assert!(out.stdout.contains(&0x1b));
}

#[test]
fn json_output_is_one_document_with_messages_and_summary() {
    let scratch = Scratch::new();
    let lexicon = scratch.test_lexicon();
    let out = replylint()
        .arg("check")
        .args(only_test_lexicon(&lexicon))
        .args([
            "--format",
            "json",
            "--text",
            "Per protocol, no.",
            "--text",
            "All done.",
        ])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    let messages = doc["messages"].as_array().unwrap();
    assert_eq!(messages.len(), 2);
    let first = &messages[0];
    assert_eq!(first["source"], "<text>");
    assert_eq!(first["line"], 1);
    assert_eq!(first["text"], "Per protocol, no.");
    let finding = &first["report"]["findings"][0];
    assert_eq!(finding["rule_id"], "xx.per-procedure");
    assert_eq!(finding["category"], "policy_hiding");
    assert_eq!(finding["severity"], "warning");
    assert_eq!(finding["text"], "Per protocol");
    assert_eq!(finding["span"], serde_json::json!({"start": 0, "end": 12}));
    assert!(first["report"]["score"].is_u64());
    assert_eq!(first["report"]["counts"]["policy_hiding"], 1);

    let summary = &doc["summary"];
    assert_eq!(summary["messages"], 2);
    assert_eq!(summary["messages_with_problems"], 1);
    assert_eq!(summary["problems"]["warning"], 1);
    assert_eq!(summary["fail_on"], "warning");
    assert_eq!(summary["failed"], true);
}

#[test]
fn json_output_of_no_messages_is_still_a_valid_document() {
    let out = replylint()
        .args(["check", "--format", "json"])
        .write_stdin("\n\n")
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["messages"], serde_json::json!([]));
    assert_eq!(doc["summary"]["messages"], 0);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn json_report_reads_back_as_a_replylint_report() {
    let out = replylint()
        .args(["check", "--format", "json", "--text", "It's company policy."])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let report: replylint::Report = serde_json::from_value(doc["messages"][0]["report"].clone()).unwrap();
    assert_eq!(report.count(replylint::Category::PolicyHiding), 1);
}

#[test]
fn jsonl_output_is_the_json_message_objects_one_per_line_without_summary() {
    let texts = ["As I already said, no.", "It's company policy.", "Thanks!"];
    let json = replylint()
        .args(["check", "--format", "json"])
        .args(texts.iter().flat_map(|t| ["--text", t]))
        .output()
        .unwrap();
    let jsonl = replylint()
        .args(["check", "--format", "jsonl"])
        .args(texts.iter().flat_map(|t| ["--text", t]))
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&json.stdout).unwrap();
    let lines = json_lines(&jsonl.stdout);
    assert_eq!(lines.len(), 3);
    assert_eq!(doc["messages"].as_array().unwrap(), &lines);
    assert!(categories(&lines[0]).contains(&"argumentative".to_string()));
}
