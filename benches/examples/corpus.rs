//! Writes the benchmark corpus and prints its make-up (the figures of docs/performance.md):
//!
//! ```sh
//! cargo run --release -p replylint-benches --example corpus -- build/corpus
//! ```
//!
//! * `replies.txt`: 20 MB of short replies (40 to 400 bytes, `short_replies(SEED, …)`), one a
//!   line, for the CLI;
//! * `threads.jsonl`: 200 email threads of 5 to 50 KB (`threads(SEED, 200)`), one JSON object
//!   `{"language", "text"}` a line.
//!
//! The make-up is measured with the default analyzer (all languages): bytes per language, the
//! share of replies the generator gave a lexicon phrase, the share in which a lexicon rule
//! fires, and findings per KB.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use replylint::{builtin_lexicons, Analyzer};
use replylint_benches::{short_replies, threads, Sample, CORPUS_SEED, REPLIES_BYTES, THREADS};

fn main() -> ExitCode {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: corpus OUT_DIR");
        return ExitCode::from(2);
    };
    match write(Path::new(&dir)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("corpus: {dir}: {e}");
            ExitCode::FAILURE
        }
    }
}

fn write(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let replies = short_replies(CORPUS_SEED, REPLIES_BYTES);
    let threads = threads(CORPUS_SEED, THREADS);
    let mut out = std::io::BufWriter::new(std::fs::File::create(dir.join("replies.txt"))?);
    for reply in &replies {
        writeln!(out, "{}", reply.text)?;
    }
    out.flush()?;
    let mut out = std::io::BufWriter::new(std::fs::File::create(dir.join("threads.jsonl"))?);
    for thread in &threads {
        let line = serde_json::json!({ "language": thread.language, "text": thread.text });
        writeln!(out, "{line}")?;
    }
    out.flush()?;

    let analyzer = Analyzer::new();
    println!("corpus seed {CORPUS_SEED}, written to {}", dir.display());
    println!();
    println!("| file | texts | bytes | bytes per text (min–max) | with a lexicon phrase put in | with a lexicon finding | findings per KB |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    let replies_stats = stats(&analyzer, &replies);
    let threads_stats = stats(&analyzer, &threads);
    replies_stats.row("replies.txt");
    threads_stats.row("threads.jsonl");
    println!();
    println!("| language | replies.txt bytes | threads.jsonl bytes |");
    println!("|---|---:|---:|");
    for lexicon in builtin_lexicons() {
        let code = lexicon.language().code.as_str();
        let get = |s: &Stats| s.per_language.get(code).copied().unwrap_or(0);
        println!("| {code} | {} | {} |", get(&replies_stats), get(&threads_stats));
    }
    Ok(())
}

/// The make-up of one file.
struct Stats {
    texts: usize,
    bytes: usize,
    min: usize,
    max: usize,
    sinful: usize,
    flagged: usize,
    findings: usize,
    per_language: BTreeMap<&'static str, usize>,
}

fn stats(analyzer: &Analyzer, samples: &[Sample]) -> Stats {
    let texts: Vec<&str> = samples.iter().map(|s| s.text.as_str()).collect();
    let reports: Vec<_> = texts.iter().map(|t| analyzer.analyze(t)).collect();
    let codes: Vec<&str> = builtin_lexicons()
        .iter()
        .map(|l| l.language().code.as_str())
        .collect();
    // Lexicon rules are named `<language>.<rule>`; the built-in checks `core.<rule>`.
    let lexical = |id: &str| codes.iter().any(|c| id.split('.').next() == Some(c));
    let mut per_language = BTreeMap::new();
    for s in samples {
        *per_language.entry(s.language).or_insert(0) += s.text.len();
    }
    Stats {
        texts: samples.len(),
        bytes: texts.iter().map(|t| t.len()).sum(),
        min: texts.iter().map(|t| t.len()).min().unwrap_or(0),
        max: texts.iter().map(|t| t.len()).max().unwrap_or(0),
        sinful: samples.iter().filter(|s| s.sinful).count(),
        flagged: reports
            .iter()
            .filter(|r| r.findings().iter().any(|f| lexical(f.rule_id())))
            .count(),
        findings: reports.iter().map(|r| r.findings().len()).sum(),
        per_language,
    }
}

impl Stats {
    fn row(&self, name: &str) {
        let share = |n: usize| 100.0 * n as f64 / self.texts.max(1) as f64;
        println!(
            "| {name} | {} | {} | {}–{} | {:.1}% | {:.1}% | {:.2} |",
            self.texts,
            self.bytes,
            self.min,
            self.max,
            share(self.sinful),
            share(self.flagged),
            self.findings as f64 / (self.bytes as f64 / 1024.0),
        );
    }
}
