//! Helpers shared by the integration tests: the binary, a scratch directory, a small lexicon
//! whose rules do not change when the built-in lexicons do.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

/// The `replylint` binary, with colours and the environment's NO_COLOR out of the way.
pub fn replylint() -> Command {
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("replylint");
    cmd.env_remove("NO_COLOR");
    cmd
}

/// A lexicon of language `xx` with one rule per severity and one positive signal.
pub const TEST_LEXICON: &str = r#"
[language]
code = "xx"
name = "Test"
native_name = "Test"

[[rule]]
id = "per-procedure"
category = "policy_hiding"
severity = "warning"
patterns = ["per (procedure|protocol)"]
explanation = "Procedure is our business, not the customer's."
suggestion = "Say what you will do for them."
examples = ["Per procedure, we wait."]

[[rule]]
id = "whatever"
category = "apathy"
severity = "error"
patterns = ["whatever you say"]
explanation = "Sounds like you stopped listening."
suggestion = "Answer the question they asked."
examples = ["Whatever you say."]

[[rule]]
id = "for-your-information"
category = "jargon"
severity = "info"
patterns = ["for your information"]
explanation = "Memo language."
suggestion = "Just say it."
examples = ["For your information, it shipped."]

[[rule]]
id = "appreciate-patience"
category = "empathy"
severity = "info"
patterns = ["i appreciate your patience"]
explanation = "Acknowledges the wait."
suggestion = "Keep it."
examples = ["I appreciate your patience."]
"#;

/// Runs `replylint check FILE ARGS… --format jsonl` and returns the messages it printed.
pub fn check_file_jsonl(file: &Path, args: &[&str]) -> Vec<Value> {
    let out = replylint()
        .arg("check")
        .arg(file)
        .args(args)
        .args(["--format", "jsonl"])
        .output()
        .unwrap();
    json_lines(&out.stdout)
}

/// A scratch directory that is removed when the test ends.
pub struct Scratch {
    dir: TempDir,
}

impl Scratch {
    /// A new, empty scratch directory.
    pub fn new() -> Scratch {
        Scratch {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// Writes `contents` to `name` in the scratch directory and returns its path.
    pub fn file(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, contents).expect("write scratch file");
        path
    }

    /// Writes [`TEST_LEXICON`] and returns its path.
    pub fn test_lexicon(&self) -> PathBuf {
        self.file("xx.toml", TEST_LEXICON)
    }

    /// The directory itself.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }
}

/// Arguments that make `check` use only [`TEST_LEXICON`] (plus the core shape rules).
pub fn only_test_lexicon(lexicon: &Path) -> Vec<String> {
    vec![
        "--languages".into(),
        String::new(),
        "--lexicon".into(),
        lexicon.display().to_string(),
    ]
}

/// Parses JSON Lines output into one value per line.
pub fn json_lines(stdout: &[u8]) -> Vec<Value> {
    std::str::from_utf8(stdout)
        .expect("UTF-8 output")
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON: {line:?}: {e}")))
        .collect()
}

/// The categories found in one message object of `--format json|jsonl`.
pub fn categories(message: &Value) -> Vec<String> {
    message["report"]["findings"]
        .as_array()
        .expect("findings array")
        .iter()
        .map(|f| f["category"].as_str().expect("category").to_string())
        .collect()
}

/// The rule ids found in one message object of `--format json|jsonl`.
pub fn rule_ids(message: &Value) -> Vec<String> {
    message["report"]["findings"]
        .as_array()
        .expect("findings array")
        .iter()
        .map(|f| f["rule_id"].as_str().expect("rule_id").to_string())
        .collect()
}

/// `(source, line, text)` of every message object.
pub fn locations(messages: &[Value]) -> Vec<(String, u64, String)> {
    messages
        .iter()
        .map(|m| {
            (
                m["source"].as_str().expect("source").to_string(),
                m["line"].as_u64().expect("line"),
                m["text"].as_str().expect("text").to_string(),
            )
        })
        .collect()
}
