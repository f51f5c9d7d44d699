//! Every conversation vector (`tests/vectors/conversations/*.json`) gives exactly its expected
//! conversation findings, complaint signals and response times in Rust. Python runs the same
//! files (bindings/python/tests/test_conversation_vectors.py); see tests/README.md.

use replylint::{Analyzer, Conversation, ConversationOptions, Turn};
use serde::{Deserialize, Serialize};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[allow(dead_code)]
    description: String,
    conversations: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    #[serde(default)]
    options: Option<ConversationOptions>,
    turns: Vec<Turn>,
    expected: Expected,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    findings: Vec<RuleAt>,
    complaints: Vec<Complaint>,
    first_response_secs: Option<i64>,
    longest_wait_secs: Option<i64>,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleAt {
    rule_id: String,
    turn: usize,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Complaint {
    turn: usize,
    rule_id: String,
    text: String,
}

#[test]
fn every_conversation_vector_gives_exactly_its_results() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("vectors/conversations");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/vectors/conversations exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    let analyzer = Analyzer::new();
    let (mut count, mut languages, mut failures) = (0, Vec::new(), Vec::new());
    for path in &paths {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let file: File = serde_json::from_str(&std::fs::read_to_string(path).unwrap())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        languages.push(name.clone());
        for case in file.conversations {
            count += 1;
            let conversation = Conversation::new(case.name.clone(), case.turns);
            let report = analyzer.analyze_conversation_with(&conversation, &case.options.unwrap_or_default());
            let got = Expected {
                findings: report
                    .findings
                    .iter()
                    .map(|f| RuleAt {
                        rule_id: f.rule_id.clone(),
                        turn: f.turn,
                    })
                    .collect(),
                complaints: report
                    .turns
                    .iter()
                    .enumerate()
                    .flat_map(|(turn, t)| {
                        t.complaints.iter().map(move |f| Complaint {
                            turn,
                            rule_id: f.rule_id().to_string(),
                            text: f.text().to_string(),
                        })
                    })
                    .collect(),
                first_response_secs: report.first_response_secs,
                longest_wait_secs: report.longest_wait_secs,
            };
            if got != case.expected {
                failures.push(format!(
                    "{name} / {}:\n  expected {}\n  got      {}",
                    case.name,
                    serde_json::to_string(&case.expected).unwrap(),
                    serde_json::to_string(&got).unwrap()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(count >= 30, "only {count} conversation vectors");
    assert!(languages.len() >= 4, "conversation vectors in {languages:?}");
}
