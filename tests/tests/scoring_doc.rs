//! The example table in docs/scoring.md shows real scores: each row is analysed here.

use replylint::Analyzer;

#[test]
fn every_example_in_the_scoring_doc_has_the_score_it_shows() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/scoring.md")).unwrap();
    let analyzer = Analyzer::new();
    let mut rows = 0;
    for line in doc.lines().filter(|l| l.starts_with("| \"")) {
        let cells: Vec<&str> = line.trim_matches('|').split(" | ").map(str::trim).collect();
        let reply = cells[0].trim_matches('"');
        let expected: u8 = cells[2]
            .parse()
            .unwrap_or_else(|_| panic!("score cell of {line}"));
        assert_eq!(analyzer.analyze(reply).score(), expected, "{reply}");
        rows += 1;
    }
    assert!(rows >= 4, "the table has its examples");
}
