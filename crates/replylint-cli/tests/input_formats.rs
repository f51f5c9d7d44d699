//! How `replylint check` turns files, stdin and `--text` into messages, and where each
//! message is said to come from.

mod common;

use common::{categories, check_file_jsonl, json_lines, locations, replylint, Scratch};

fn loc(source: &str, line: u64, text: &str) -> (String, u64, String) {
    (source.to_string(), line, text.to_string())
}

#[test]
fn lines_format_makes_every_non_blank_line_a_message_with_its_line_number() {
    let scratch = Scratch::new();
    let file = scratch.file(
        "replies.txt",
        "It's company policy.\n\n   \r\nThanks, all done!\r\n",
    );
    let messages = check_file_jsonl(&file, &[]);
    let name = file.display().to_string();
    assert_eq!(
        locations(&messages),
        [
            loc(&name, 1, "It's company policy."),
            loc(&name, 4, "Thanks, all done!")
        ]
    );
    assert!(categories(&messages[0]).contains(&"policy_hiding".to_string()));
}

#[test]
fn jsonl_extension_reads_the_text_field_and_ignores_other_fields() {
    let scratch = Scratch::new();
    let file = scratch.file(
        "tickets.jsonl",
        concat!(
            r#"{"id": 1, "agent": {"name": "Sam"}, "text": "As I already said, no."}"#,
            "\n\n",
            r#"{"text": "Happy to help.", "id": 2}"#,
            "\n"
        ),
    );
    let messages = check_file_jsonl(&file, &[]);
    let name = file.display().to_string();
    assert_eq!(
        locations(&messages),
        [
            loc(&name, 1, "As I already said, no."),
            loc(&name, 3, "Happy to help.")
        ]
    );
    assert!(categories(&messages[0]).contains(&"argumentative".to_string()));
}

#[test]
fn text_field_chooses_the_json_field() {
    let scratch = Scratch::new();
    let file = scratch.file(
        "t.jsonl",
        r#"{"text": "ignored", "body": "That's not my department."}"#,
    );
    let messages = check_file_jsonl(&file, &["--text-field", "body"]);
    assert_eq!(messages[0]["text"], "That's not my department.");
    assert!(categories(&messages[0]).contains(&"deflection".to_string()));
}

#[test]
fn jsonl_line_without_the_text_field_is_an_error_naming_file_and_line() {
    let scratch = Scratch::new();
    let file = scratch.file("t.jsonl", "{\"text\": \"fine\"}\n{\"body\": \"x\"}\n");
    replylint()
        .arg("check")
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(format!(
            "{}:2: no `text` field",
            file.display()
        )));
}

#[test]
fn jsonl_line_that_is_not_json_is_an_error_naming_file_and_line() {
    let scratch = Scratch::new();
    let file = scratch.file("t.jsonl", "{\"text\": \"fine\"}\nnot json\n");
    replylint()
        .arg("check")
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(format!(
            "{}:2: invalid JSON line",
            file.display()
        )));
}

#[test]
fn csv_extension_reads_the_text_column_with_quoted_fields_and_record_lines() {
    let scratch = Scratch::new();
    let file = scratch.file(
        "export.csv",
        "id,text,agent\n1,\"I'm sorry, but we can't.\",sam\n2,\"Line one\nline two\",kim\n3,Happy to help,lee\n",
    );
    let messages = check_file_jsonl(&file, &[]);
    let name = file.display().to_string();
    assert_eq!(
        locations(&messages),
        [
            loc(&name, 2, "I'm sorry, but we can't."),
            loc(&name, 3, "Line one\nline two"),
            loc(&name, 5, "Happy to help"),
        ]
    );
    assert!(categories(&messages[0]).contains(&"non_apology".to_string()));
}

#[test]
fn csv_without_the_text_column_is_an_error_listing_the_columns() {
    let scratch = Scratch::new();
    let file = scratch.file("export.csv", "id,body\n1,hello\n");
    replylint()
        .arg("check")
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "no column `text` in the CSV header (columns: id, body)",
        ));
}

#[test]
fn input_whole_makes_the_file_one_message_and_points_at_the_right_line() {
    let scratch = Scratch::new();
    let file = scratch.file(
        "letter.txt",
        "Hello Anna,\n\nthank you for writing.\nIt's company policy.\n",
    );
    let messages = check_file_jsonl(&file, &["--input", "whole"]);
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0]["line"], 1);
    assert!(categories(&messages[0]).contains(&"policy_hiding".to_string()));

    let human = replylint()
        .arg("check")
        .arg(&file)
        .args(["--input", "whole"])
        .output()
        .unwrap();
    let human = String::from_utf8(human.stdout).unwrap();
    assert!(human.contains(&format!("{}:4:", file.display())), "{human}");
    assert!(human.contains("4 | It's company policy."), "{human}");
}

#[test]
fn input_flag_overrides_the_extension() {
    let scratch = Scratch::new();
    let file = scratch.file("looks-like.csv", "It's company policy.\nsecond line\n");
    let out = replylint()
        .arg("check")
        .arg(&file)
        .args(["--input", "lines", "--format", "jsonl"])
        .output()
        .unwrap();
    assert_eq!(json_lines(&out.stdout).len(), 2);
}

#[test]
fn stdin_is_read_as_lines_when_no_file_and_no_text_is_given() {
    let out = replylint()
        .args(["check", "--format", "jsonl"])
        .write_stdin("That's not my department.\nAll sorted for you.\n")
        .output()
        .unwrap();
    let messages = json_lines(&out.stdout);
    assert_eq!(
        locations(&messages),
        [
            loc("<stdin>", 1, "That's not my department."),
            loc("<stdin>", 2, "All sorted for you.")
        ]
    );
}

#[test]
fn dash_reads_stdin_among_files_in_argument_order() {
    let scratch = Scratch::new();
    let first = scratch.file("a.txt", "from the file\n");
    let out = replylint()
        .arg("check")
        .arg(&first)
        .args(["-", "--format", "jsonl"])
        .write_stdin("from stdin\n")
        .output()
        .unwrap();
    let messages = json_lines(&out.stdout);
    assert_eq!(
        locations(&messages),
        [
            loc(&first.display().to_string(), 1, "from the file"),
            loc("<stdin>", 1, "from stdin")
        ]
    );
}

#[test]
fn stdin_honours_the_input_format() {
    let out = replylint()
        .args(["check", "--input", "jsonl", "--format", "jsonl"])
        .write_stdin("{\"text\": \"It's company policy.\"}\n")
        .output()
        .unwrap();
    let messages = json_lines(&out.stdout);
    assert_eq!(messages[0]["text"], "It's company policy.");
}

#[test]
fn text_arguments_are_messages_numbered_in_order_and_stdin_is_not_read() {
    let out = replylint()
        .args([
            "check",
            "--format",
            "jsonl",
            "--text",
            "It's company policy.",
            "--text",
            "Done!",
        ])
        .write_stdin("this must not be read\n")
        .output()
        .unwrap();
    let messages = json_lines(&out.stdout);
    assert_eq!(
        locations(&messages),
        [
            loc("<text>", 1, "It's company policy."),
            loc("<text>", 2, "Done!")
        ]
    );
}

#[test]
fn a_leading_byte_order_mark_is_not_part_of_the_first_message() {
    let scratch = Scratch::new();
    let file = scratch.file("bom.txt", "\u{feff}It's company policy.\n");
    let out = replylint()
        .arg("check")
        .arg(&file)
        .args(["--format", "jsonl"])
        .output()
        .unwrap();
    assert_eq!(json_lines(&out.stdout)[0]["text"], "It's company policy.");
}

#[test]
fn large_inputs_stream_in_batches_and_keep_input_order() {
    let scratch = Scratch::new();
    let lines: String = (0..10_000)
        .map(|i| {
            if i % 3 == 0 {
                format!("Reply {i}: it's company policy.\n")
            } else {
                format!("Reply {i}: done.\n")
            }
        })
        .collect();
    let file = scratch.file("many.txt", lines);
    let messages = check_file_jsonl(&file, &[]);
    assert_eq!(messages.len(), 10_000);
    for (i, message) in messages.iter().enumerate() {
        assert_eq!(message["line"], i as u64 + 1);
        assert!(message["text"]
            .as_str()
            .unwrap()
            .starts_with(&format!("Reply {i}:")));
        assert_eq!(
            categories(message).contains(&"policy_hiding".to_string()),
            i % 3 == 0,
            "{message}"
        );
    }
}
