//! The JSON form of a report is the one docs/json-output.md documents.

use replylint::{Analyzer, Report};
use serde_json::Value;

fn keys(v: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = v
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort();
    keys
}

#[test]
fn report_json_has_the_documented_shape() {
    let text = "🙂 Sorry, it’s company policy.";
    let report = Analyzer::new().analyze(text);
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(keys(&json), ["commitments", "counts", "findings", "score"]);
    assert_eq!(
        json["counts"].as_object().unwrap().len(),
        12,
        "every category is counted"
    );
    let finding = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["category"] == "policy_hiding")
        .expect("the policy-hiding finding");
    assert_eq!(
        keys(finding),
        [
            "category",
            "char_span",
            "explanation",
            "language",
            "rule_id",
            "severity",
            "span",
            "suggestion",
            "text",
            "utf16_span"
        ]
    );
    let span = |name: &str| {
        (
            finding[name]["start"].as_u64().unwrap() as usize,
            finding[name]["end"].as_u64().unwrap() as usize,
        )
    };
    let (b0, b1) = span("span");
    let (c0, c1) = span("char_span");
    let (u0, u1) = span("utf16_span");
    let matched = finding["text"].as_str().unwrap();
    assert_eq!(&text[b0..b1], matched);
    let chars: Vec<char> = text.chars().collect();
    assert_eq!(chars[c0..c1].iter().collect::<String>(), matched);
    let utf16: Vec<u16> = text.encode_utf16().collect();
    assert_eq!(String::from_utf16(&utf16[u0..u1]).unwrap(), matched);
    // The emoji is one code point but two UTF-16 units, and the curly apostrophe three bytes.
    assert_eq!((c0 + 1, c1 + 1), (u0, u1));
}

#[test]
fn commitments_have_the_documented_shape() {
    let text = "Hi 🙂. I'll refund you within 2 business days, guaranteed.";
    let json = serde_json::to_value(Analyzer::new().analyze(text)).unwrap();
    let commitment = &json["commitments"][0];
    assert_eq!(
        keys(commitment),
        [
            "char_span",
            "deadline",
            "deadline_hours",
            "deadline_span",
            "guaranteed",
            "span",
            "text",
            "utf16_span"
        ]
    );
    assert_eq!(commitment["deadline"], "2 business days");
    assert_eq!(commitment["deadline_hours"], 48);
    assert_eq!(commitment["guaranteed"], true);
    let (start, end) = (
        commitment["span"]["start"].as_u64().unwrap() as usize,
        commitment["span"]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[start..end], commitment["text"].as_str().unwrap());
    assert_eq!(
        commitment["utf16_span"]["start"],
        commitment["char_span"]["start"].as_u64().unwrap() + 1
    );
}

#[test]
fn reports_read_back_from_json() {
    let report = Analyzer::new().analyze("As I already said, that's not my department.");
    let json = serde_json::to_string(&report).unwrap();
    let back: Report = serde_json::from_str(&json).unwrap();
    assert_eq!(back, report);
}
