//! The shared JSON test vectors (`tests/vectors/*.json`), loaded for Rust tests.
//!
//! Python and JavaScript read the same files; see `tests/README.md` for the format.

use std::path::{Path, PathBuf};

use replylint::{Analyzer, GlossaryEntry, Severity};
use serde::Deserialize;

/// One file of vectors.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VectorFile {
    /// What the file covers.
    pub description: String,
    /// The vectors.
    pub vectors: Vec<Vector>,
}

/// One reply and everything the analyzer must find in it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vector {
    /// Unique name across all files.
    pub name: String,
    /// The reply.
    pub text: String,
    /// Analyzer configuration; the default analyzer when absent.
    #[serde(default)]
    pub options: Option<Options>,
    /// Every expected finding, ordered by start then end.
    pub findings: Vec<ExpectedFinding>,
}

/// The builder settings a vector may ask for.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {
    /// Built-in languages to activate.
    pub languages: Option<Vec<String>>,
    /// Glossary terms.
    #[serde(default)]
    pub jargon: Vec<JargonOption>,
    /// Rule ids to disable.
    #[serde(default)]
    pub disabled_rules: Vec<String>,
    /// Minimum severity.
    pub min_severity: Option<Severity>,
    /// Whether quoted text is skipped (default true).
    pub skip_quoted: Option<bool>,
    /// The service-level target in hours for promised deadlines.
    pub sla_hours: Option<u32>,
    /// The similarity threshold of canned openers (0 turns it off).
    pub opener_similarity: Option<f64>,
    /// Whether the absence rules are on (default false).
    pub absence_rules: Option<bool>,
}

/// A glossary term, written as a string or as `{"term": .., "replacement": ..}`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum JargonOption {
    /// Just the term.
    Term(String),
    /// Term and replacement.
    Entry(GlossaryEntry),
}

/// A finding as the vectors state it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedFinding {
    /// Full rule id.
    pub rule_id: String,
    /// Category, snake_case.
    pub category: String,
    /// Byte offset of the start.
    pub start: usize,
    /// Byte offset of the end.
    pub end: usize,
    /// The original text of the span.
    pub text: String,
}

/// The directory holding the vector files.
pub fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("vectors")
}

/// Every vector file, sorted by file name, with its name.
pub fn load_all() -> Vec<(String, VectorFile)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(vectors_dir())
        .expect("tests/vectors exists")
        .map(|e| e.expect("readable directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
            let file = serde_json::from_str(&source).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, file)
        })
        .collect()
}

impl Options {
    /// The analyzer these options describe.
    pub fn analyzer(&self) -> Result<Analyzer, replylint::Error> {
        let mut builder = Analyzer::builder();
        if let Some(languages) = &self.languages {
            builder.languages(languages.iter().cloned());
        }
        builder.jargon(self.jargon.iter().map(|j| match j {
            JargonOption::Term(term) => GlossaryEntry::from(term.as_str()),
            JargonOption::Entry(entry) => entry.clone(),
        }));
        builder.disable_rules(self.disabled_rules.iter().cloned());
        if let Some(severity) = self.min_severity {
            builder.min_severity(severity);
        }
        if let Some(skip) = self.skip_quoted {
            builder.skip_quoted(skip);
        }
        if let Some(hours) = self.sla_hours {
            builder.sla_hours(hours);
        }
        if let Some(threshold) = self.opener_similarity {
            builder.opener_similarity(threshold);
        }
        if let Some(yes) = self.absence_rules {
            builder.absence_rules(yes);
        }
        builder.build()
    }
}
