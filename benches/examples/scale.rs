//! The Rust baseline of `benches/scale.py`: writes the shared bench corpus to a file, each
//! reply ended by a NUL byte (some replies span lines), and times `Analyzer::analyze_batch` (every core, every built-in language) on the
//! replies of such a file, so Rust and Python analyse the very same replies.
//!
//! ```sh
//! cargo run --release -p replylint-benches --example scale -- write build/scale/replies.nul 1000000
//! cargo run --release -p replylint-benches --example scale -- time build/scale/replies.nul 3
//! ```
//!
//! `time` prints one JSON object: replies, bytes, the seconds of each run and their median.

use std::process::ExitCode;
use std::time::Instant;

use replylint::Analyzer;

/// The corpus seed; `benches/scale.py` relies on the file, not on this value.
const SEED: u64 = 2024;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["write", path, count] => count
            .parse()
            .map_err(|e| format!("count {count:?}: {e}"))
            .and_then(|count| write(path, count)),
        ["time", path, runs] => runs
            .parse()
            .map_err(|e| format!("runs {runs:?}: {e}"))
            .and_then(|runs| time(path, runs)),
        _ => Err("usage: scale write FILE COUNT | scale time FILE RUNS".to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn write(path: &str, count: usize) -> Result<(), String> {
    let replies = replylint_benches::reply_count(SEED, count);
    if let Some(bad) = replies.iter().find(|r| r.contains('\0')) {
        return Err(format!("a reply of the corpus holds a NUL: {bad:?}"));
    }
    let text: String = replies.iter().flat_map(|r| [r.as_str(), "\0"]).collect();
    if let Some(dir) = std::path::Path::new(path).parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("{path}: {e}"))
}

fn time(path: &str, runs: usize) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let replies: Vec<&str> = text.split_terminator('\0').collect();
    let analyzer = Analyzer::new();
    let mut seconds = Vec::with_capacity(runs);
    let mut findings = 0;
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        let reports = analyzer.analyze_batch(&replies);
        seconds.push(start.elapsed().as_secs_f64());
        findings = reports.iter().map(|r| r.findings().len()).sum::<usize>();
    }
    let mut sorted = seconds.clone();
    sorted.sort_by(f64::total_cmp);
    let bytes: usize = replies.iter().map(|r| r.len()).sum();
    println!(
        "{{\"replies\": {}, \"bytes\": {bytes}, \"findings\": {findings}, \"seconds\": {seconds:?}, \"median\": {}}}",
        replies.len(),
        sorted[sorted.len() / 2]
    );
    Ok(())
}
