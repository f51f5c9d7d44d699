//! Every shared test vector gives exactly its expected findings in Rust.

use std::collections::HashSet;

use replylint::Analyzer;
use replylint_tests::{load_all, ExpectedFinding};

#[test]
fn every_vector_gives_exactly_its_findings() {
    let default = Analyzer::new();
    let mut failures = Vec::new();
    let mut count = 0;
    for (file, vectors) in load_all() {
        for v in &vectors.vectors {
            count += 1;
            let analyzer = match &v.options {
                None => default.clone(),
                Some(options) => match options.analyzer() {
                    Ok(a) => a,
                    Err(e) => {
                        failures.push(format!("{file} / {}: options do not build: {e}", v.name));
                        continue;
                    }
                },
            };
            let got: Vec<ExpectedFinding> = analyzer
                .analyze(&v.text)
                .findings()
                .iter()
                .map(|f| ExpectedFinding {
                    rule_id: f.rule_id().to_string(),
                    category: f.category().to_string(),
                    start: f.span().start,
                    end: f.span().end,
                    text: f.text().to_string(),
                })
                .collect();
            if got != v.findings {
                let show = |fs: &[ExpectedFinding]| {
                    fs.iter()
                        .map(|f| {
                            format!(
                                "      {} {} {}..{} {:?}",
                                f.rule_id, f.category, f.start, f.end, f.text
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("\n")
                };
                failures.push(format!(
                    "{file} / {}\n    text: {:?}\n    expected:\n{}\n    got:\n{}",
                    v.name,
                    v.text,
                    show(&v.findings),
                    show(&got)
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {count} vectors fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
    println!("{count} vectors pass");
}

#[test]
fn vectors_are_well_formed() {
    let mut names = HashSet::new();
    for (file, vectors) in load_all() {
        assert!(
            !vectors.description.trim().is_empty(),
            "{file}: empty description"
        );
        for v in &vectors.vectors {
            assert!(
                names.insert(v.name.clone()),
                "{file}: vector name `{}` is used twice",
                v.name
            );
            let mut last = (0, 0);
            for f in &v.findings {
                assert_eq!(
                    v.text.get(f.start..f.end),
                    Some(f.text.as_str()),
                    "{file} / {}: span {}..{} is not the finding's text",
                    v.name,
                    f.start,
                    f.end
                );
                assert!(
                    (f.start, f.end) >= last,
                    "{file} / {}: findings are not ordered",
                    v.name
                );
                last = (f.start, f.end);
            }
        }
    }
}
