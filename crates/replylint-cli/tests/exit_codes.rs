//! Exit status: 0 nothing at or above `--fail-on`, 1 findings, 2 usage and input errors.

mod common;

use common::{only_test_lexicon, replylint, Scratch};
use predicates::str::contains;

#[test]
fn clean_input_exits_0() {
    replylint()
        .args(["check", "--text", "Thanks, I've refunded your order."])
        .assert()
        .code(0);
}

#[test]
fn a_problem_exits_1() {
    replylint()
        .args(["check", "--text", "That's not my department."])
        .assert()
        .code(1);
}

#[test]
fn fail_on_sets_the_lowest_severity_that_fails_the_run() {
    let scratch = Scratch::new();
    let lexicon = scratch.test_lexicon();
    let check = |text: &str, fail_on: &str| {
        replylint()
            .arg("check")
            .args(only_test_lexicon(&lexicon))
            .args(["--fail-on", fail_on, "--text", text])
            .output()
            .unwrap()
            .status
            .code()
    };
    let info = "For your information, it shipped.";
    let warning = "Per procedure, we wait.";
    let error = "Whatever you say.";
    assert_eq!(check(info, "info"), Some(1));
    assert_eq!(check(info, "warning"), Some(0));
    assert_eq!(check(warning, "warning"), Some(1));
    assert_eq!(check(warning, "error"), Some(0));
    assert_eq!(check(error, "error"), Some(1));
}

#[test]
fn positive_signals_never_fail_the_run() {
    let scratch = Scratch::new();
    let lexicon = scratch.test_lexicon();
    replylint()
        .arg("check")
        .args(only_test_lexicon(&lexicon))
        .args(["--fail-on", "info", "--text", "I appreciate your patience."])
        .assert()
        .code(0);
}

#[test]
fn non_utf8_file_exits_2_naming_the_file_and_byte_offset() {
    let scratch = Scratch::new();
    let mut bytes = "It's fine.\nПривет, ".as_bytes().to_vec();
    let offset = bytes.len();
    bytes.extend_from_slice(b"\xc3\x28 rest\n");
    let file = scratch.file("latin1.txt", bytes);
    replylint()
        .arg("check")
        .arg(&file)
        .assert()
        .code(2)
        .stderr(contains(format!(
            "error: {} is not valid UTF-8 (invalid byte at offset {offset})",
            file.display()
        )));
}

#[test]
fn non_utf8_is_reported_for_every_input_format() {
    let scratch = Scratch::new();
    for (name, contents, offset) in [
        ("a.jsonl", &b"{\"text\": \"caf\xe9\"}\n"[..], 13),
        ("a.csv", &b"text\ncaf\xe9\n"[..], 8),
        ("a.txt", &b"caf\xe9"[..], 3),
    ] {
        let file = scratch.file(name, contents);
        for input in [None, Some("whole")] {
            let mut cmd = replylint();
            cmd.arg("check").arg(&file);
            if let Some(input) = input {
                cmd.args(["--input", input]);
            }
            cmd.assert().code(2).stderr(contains(format!(
                "{} is not valid UTF-8 (invalid byte at offset {offset})",
                file.display()
            )));
        }
    }
}

#[test]
fn non_utf8_stdin_exits_2() {
    replylint()
        .arg("check")
        .write_stdin(&b"ok\n\xff\n"[..])
        .assert()
        .code(2)
        .stderr(contains("<stdin> is not valid UTF-8 (invalid byte at offset 3)"));
}

#[test]
fn missing_file_exits_2() {
    let scratch = Scratch::new();
    let missing = scratch.path().join("missing.txt");
    replylint()
        .arg("check")
        .arg(&missing)
        .assert()
        .code(2)
        .stderr(contains(format!("error: cannot read {}", missing.display())));
}

#[test]
fn directory_given_as_file_exits_2() {
    let scratch = Scratch::new();
    replylint()
        .arg("check")
        .arg(scratch.path())
        .assert()
        .code(2)
        .stderr(contains("is a directory"));
}

#[test]
fn findings_then_an_unreadable_file_still_exit_2() {
    let scratch = Scratch::new();
    let good = scratch.file("good.txt", "That's not my department.\n");
    let missing = scratch.path().join("missing.txt");
    replylint().arg("check").arg(&good).arg(&missing).assert().code(2);
}

#[test]
fn malformed_lexicon_exits_2_naming_file_line_and_rule() {
    let scratch = Scratch::new();
    let broken = common::TEST_LEXICON.replace("category = \"apathy\"", "category = \"apathetic\"");
    let file = scratch.file("broken.toml", &broken);
    let line = broken.lines().position(|l| l.contains("\"apathetic\"")).unwrap();
    // The error points at the rule's line or the offending key's line, never elsewhere.
    let rule_line = broken[..broken.find("id = \"whatever\"").unwrap()]
        .lines()
        .count();
    let out = replylint()
        .arg("check")
        .arg("--lexicon")
        .arg(&file)
        .args(["--text", "hi"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let prefix = format!("error: {}:", file.display());
    assert!(stderr.starts_with(&prefix), "{stderr}");
    let reported: usize = stderr[prefix.len()..].split(':').next().unwrap().parse().unwrap();
    assert!(
        (rule_line - 1..=line + 1).contains(&reported),
        "line {reported}: {stderr}"
    );
    assert!(
        stderr.contains("xx.whatever") && stderr.contains("apathetic"),
        "{stderr}"
    );
}

#[test]
fn configuration_errors_exit_2_with_the_library_message() {
    replylint()
        .args(["check", "--languages", "xx", "--text", "hi"])
        .assert()
        .code(2)
        .stderr(contains("error: unknown language code `xx`"));
    replylint()
        .args(["check", "--disable", "en.no-such-rule", "--text", "hi"])
        .assert()
        .code(2)
        .stderr(contains("error: unknown rule id `en.no-such-rule`"));
}

#[test]
fn usage_errors_exit_2() {
    replylint().args(["check", "--format", "yaml"]).assert().code(2);
    replylint()
        .args(["check", "--fail-on", "sometimes"])
        .assert()
        .code(2);
    replylint().arg("frobnicate").assert().code(2);
    replylint().args(["lexicon", "check"]).assert().code(2);
}
