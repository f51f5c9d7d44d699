//! Every shared test vector gives exactly its expected findings in Rust.

use std::collections::HashSet;

use replylint::Analyzer;
use replylint_tests::{load_all, vectors_dir, ExpectedFinding};

/// How many vectors the JSON files hold, counted from the raw JSON rather than through the
/// typed loader, so a loader that dropped a file or a vector would be caught.
fn vectors_in_the_files() -> usize {
    let mut count = 0;
    for entry in std::fs::read_dir(vectors_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let json: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            count += json["vectors"].as_array().map_or(0, Vec::len);
        }
    }
    count
}

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
            let report = analyzer.analyze(&v.text);
            // The spans the bindings hand out (code points for Python, UTF-16 units for JS)
            // are the byte spans converted, exactly.
            for f in report.findings() {
                let (start, end) = (f.span().start, f.span().end);
                let chars = |to: usize| v.text[..to].chars().count();
                let units = |to: usize| v.text[..to].encode_utf16().count();
                if (f.char_span().start, f.char_span().end) != (chars(start), chars(end))
                    || (f.utf16_span().start, f.utf16_span().end) != (units(start), units(end))
                {
                    failures.push(format!(
                        "{file} / {}: {} has inconsistent spans",
                        v.name,
                        f.rule_id()
                    ));
                }
            }
            let got: Vec<ExpectedFinding> = report
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
    assert_eq!(count, vectors_in_the_files(), "every vector in the files ran");
    assert!(count > 0, "no vectors in {}", vectors_dir().display());
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
