//! The formats for CI pipelines that lint a help desk's saved replies: SARIF 2.1.0 and GitHub
//! Actions annotations.

mod common;

use std::path::Path;

use common::{only_test_lexicon, replylint, Scratch};
use serde_json::Value;

/// Runs `replylint check ARGS… --format FORMAT` in `dir` and returns stdout and the exit code.
fn check(dir: &Path, format: &str, args: &[&str]) -> (String, i32) {
    let out = replylint()
        .current_dir(dir)
        .arg("check")
        .args(args)
        .args(["--format", format])
        .output()
        .unwrap();
    (String::from_utf8(out.stdout).unwrap(), out.status.code().unwrap())
}

fn sarif(dir: &Path, args: &[&str]) -> Value {
    let (stdout, _) = check(dir, "sarif", args);
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{stdout}"))
}

fn results(log: &Value) -> &Vec<Value> {
    log["runs"][0]["results"].as_array().expect("results")
}

/// The text a SARIF region covers in `line`, its columns being 1-based UTF-16 units.
fn utf16_slice(line: &str, start_column: u64, end_column: u64) -> String {
    let units: Vec<u16> = line.encode_utf16().collect();
    String::from_utf16(&units[start_column as usize - 1..end_column as usize - 1]).unwrap()
}

const REPLIES: &str = "Dear valued customer, it is company policy.\n\
                       Thanks for waiting!\n\
                       \n\
                       😀 As I already said, that's not my department.\n";

#[test]
fn sarif_output_validates_against_the_sarif_2_1_0_schema() {
    let mut schema: Value =
        serde_json::from_str(include_str!("../../../tests/schemas/sarif-schema-2.1.0.json")).unwrap();
    // The official schema's `language` patterns have a stray `]`, a literal to ECMAScript but
    // invalid to the validator's regex check; they are corrected in memory, the file stays as
    // shipped. replylint writes no `language` property.
    assert_eq!(fix_language_patterns(&mut schema), 2);
    let validator = jsonschema::validator_for(&schema).expect("the vendored schema compiles");
    let scratch = Scratch::new();
    scratch.file("replies.txt", REPLIES);
    scratch.file(
        "tickets.jsonl",
        "{\"text\": \"Per our policy, no.\"}\n{\"text\": \"Thank you!\"}\n",
    );
    scratch.file("clean.txt", "Thanks, I've sent the label to your email.\n");
    let runs: [&[&str]; 5] = [
        &["replies.txt"],
        &["--input", "whole", "replies.txt"],
        &["tickets.jsonl"],
        &["--text", "It's company policy."],
        &["clean.txt"],
    ];
    for args in runs {
        let log = sarif(scratch.path(), args);
        let errors: Vec<String> = validator.iter_errors(&log).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{args:?}: {errors:#?}\n{log:#}");
    }
    // And the validator does reject what SARIF does not allow.
    let mut log = sarif(scratch.path(), &["replies.txt"]);
    log["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&log));
}

/// Replaces the schema's broken `language` pattern everywhere; returns how many it fixed.
fn fix_language_patterns(schema: &mut Value) -> usize {
    match schema {
        Value::Object(map) => map
            .iter_mut()
            .map(|(key, value)| {
                if key == "pattern" && value == "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$" {
                    *value = "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$".into();
                    1
                } else {
                    fix_language_patterns(value)
                }
            })
            .sum(),
        Value::Array(items) => items.iter_mut().map(fix_language_patterns).sum(),
        _ => 0,
    }
}

#[test]
fn sarif_regions_point_at_the_phrase_in_the_file_in_utf16_columns() {
    let scratch = Scratch::new();
    scratch.file("replies.txt", REPLIES);
    for args in [&["replies.txt"][..], &["--input", "whole", "replies.txt"]] {
        let log = sarif(scratch.path(), args);
        assert_eq!(log["runs"][0]["columnKind"], "utf16CodeUnits");
        assert!(results(&log).len() >= 4, "{log:#}");
        for result in results(&log) {
            let location = &result["locations"][0]["physicalLocation"];
            assert_eq!(location["artifactLocation"]["uri"], "replies.txt");
            let region = &location["region"];
            let line = REPLIES
                .lines()
                .nth(region["startLine"].as_u64().unwrap() as usize - 1)
                .unwrap();
            let covered = utf16_slice(
                line,
                region["startColumn"].as_u64().unwrap(),
                region["endColumn"].as_u64().unwrap(),
            );
            assert_eq!(covered, region["snippet"]["text"].as_str().unwrap(), "{args:?}");
        }
    }
}

#[test]
fn sarif_lists_each_rule_once_and_results_point_at_it_by_index() {
    let scratch = Scratch::new();
    let lexicon = scratch.test_lexicon();
    let mut args = only_test_lexicon(&lexicon);
    for text in [
        "Per procedure, whatever you say.",
        "Per protocol, we wait. I appreciate your patience.",
    ] {
        args.extend(["--text".to_string(), text.to_string()]);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let log = sarif(scratch.path(), &args);
    let rules = log["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        ["xx.per-procedure", "xx.whatever"],
        "positive signals are no results"
    );
    assert_eq!(results(&log).len(), 3);
    for result in results(&log) {
        let rule = &rules[result["ruleIndex"].as_u64().unwrap() as usize];
        assert_eq!(rule["id"], result["ruleId"]);
        assert_eq!(result["level"], rule["defaultConfiguration"]["level"]);
        assert!(
            result.get("locations").is_none(),
            "--text has no file to point at"
        );
        assert_eq!(result["properties"]["source"], "<text>");
    }
    assert_eq!(rules[1]["defaultConfiguration"]["level"], "error");
    assert_eq!(rules[0]["help"]["text"], "Say what you will do for them.");
}

#[test]
fn sarif_fingerprints_survive_moving_a_reply_and_tell_repeats_apart() {
    let scratch = Scratch::new();
    scratch.file("a.txt", "It is company policy.\n");
    scratch.file("b.txt", "Thanks!\n\nIt is company policy.\n");
    scratch.file("c.txt", "it is company policy, it is company policy.\n");
    let fingerprints = |file: &str| -> Vec<String> {
        let log = sarif(scratch.path(), &["--languages", "en", file]);
        results(&log)
            .iter()
            .map(|r| {
                r["partialFingerprints"]["replylint/v1"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect()
    };
    let (a, b, c) = (
        fingerprints("a.txt"),
        fingerprints("b.txt"),
        fingerprints("c.txt"),
    );
    assert_eq!(a.len(), 1);
    assert_eq!(a, b, "the same line elsewhere keeps its fingerprint");
    assert_eq!(c.len(), 2);
    assert_ne!(c[0], c[1], "two identical findings on one line differ");
    assert_ne!(a[0], c[0], "another line, another fingerprint");
    assert_eq!(c[0].split(':').next(), c[1].split(':').next());
}

#[test]
fn sarif_with_findings_exits_like_any_other_format() {
    let scratch = Scratch::new();
    scratch.file("replies.txt", REPLIES);
    assert_eq!(check(scratch.path(), "sarif", &["replies.txt"]).1, 1);
    assert_eq!(
        check(
            scratch.path(),
            "sarif",
            &["--fail-on", "error", "--text", "Thank you!"]
        )
        .1,
        0
    );
}

#[test]
fn github_annotations_name_file_line_and_code_point_columns() {
    let scratch = Scratch::new();
    scratch.file("replies.txt", REPLIES);
    let (stdout, code) = check(scratch.path(), "github", &["--languages", "en", "replies.txt"]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines.len() >= 4, "{stdout}");
    for annotation in &lines {
        let (command, rest) = annotation.split_once(' ').unwrap();
        assert!(
            ["::error", "::warning", "::notice"].contains(&command),
            "{annotation}"
        );
        let (properties, message) = rest.split_once("::").unwrap();
        let property = |name: &str| -> usize {
            properties
                .split(',')
                .find_map(|p| p.strip_prefix(&format!("{name}=")))
                .unwrap_or_else(|| panic!("no {name} in {annotation}"))
                .parse()
                .unwrap()
        };
        assert!(properties.starts_with("file=replies.txt,"), "{annotation}");
        let line = REPLIES.lines().nth(property("line") - 1).unwrap();
        // Inclusive 1-based columns in code points.
        let covered: String = line
            .chars()
            .skip(property("col") - 1)
            .take(property("endColumn") - property("col") + 1)
            .collect();
        assert!(message.starts_with(&format!("“{covered}”: ")), "{annotation}");
    }
    assert!(
        stdout.contains("title=en.company-policy (policy_hiding)::"),
        "{stdout}"
    );
}

#[test]
fn github_annotations_keep_a_multi_line_message_on_one_command_line() {
    let scratch = Scratch::new();
    let lexicon = scratch.file(
        "multi.toml",
        common::TEST_LEXICON.replace(
            "explanation = \"Sounds like you stopped listening.\"",
            "explanation = \"Sounds like you\\nstopped listening: 100%.\"",
        ),
    );
    let mut args = only_test_lexicon(&lexicon);
    args.extend(["--text".into(), "Whatever you say.".into()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (stdout, _) = check(scratch.path(), "github", &args);
    assert_eq!(
        stdout,
        "::error line=1,title=xx.whatever (apathy)::“Whatever you say”: Sounds like you%0Astopped \
         listening: 100%25. Answer the question they asked.\n"
    );
}
