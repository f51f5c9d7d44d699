//! The Rust baseline of `benches/scale.py`: writes the shared bench corpus to a file, each
//! reply ended by a NUL byte (some replies span lines), and times `Analyzer::analyze_batch`
//! (every core, every built-in language) on the replies of such a file, so Rust and Python
//! analyse the very same replies. `loop` times `Analyzer::analyze` on each reply in turn, on
//! one thread: the Python loop of `analyze` without Python. `floor` times the raw engine on
//! them: raw aho-corasick over every built-in literal, on one thread.
//!
//! ```sh
//! cargo run --release -p replylint-benches --example scale -- write build/scale/replies.nul 1000000
//! cargo run --release -p replylint-benches --example scale -- time build/scale/replies.nul 3
//! cargo run --release -p replylint-benches --example scale -- loop build/scale/replies.nul 3
//! cargo run --release -p replylint-benches --example scale -- floor build/scale/replies.nul 3
//! ```
//!
//! `time`, `loop` and `floor` print one JSON object: replies, bytes, the seconds of each run
//! and their median, and what they found (findings, or the floor's matches).

use std::process::ExitCode;
use std::time::Instant;

use replylint::{Analyzer, Report};

/// The corpus seed; `benches/scale.py` relies on the file, not on this value.
const SEED: u64 = 2024;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["write", path, count] => count
            .parse()
            .map_err(|e| format!("count {count:?}: {e}"))
            .and_then(|count| write(path, count)),
        [mode @ ("time" | "loop" | "floor"), path, runs] => match runs.parse() {
            Err(e) => Err(format!("runs {runs:?}: {e}")),
            Ok(runs) => match *mode {
                "time" => time(path, runs, |analyzer, replies| analyzer.analyze_batch(replies)),
                "loop" => time(path, runs, |analyzer, replies| {
                    replies.iter().map(|r| analyzer.analyze(r)).collect()
                }),
                _ => floor(path, runs),
            },
        },
        _ => Err("usage: scale write FILE COUNT | scale time|loop|floor FILE RUNS".to_string()),
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

/// Times `analyse` over the replies of the file at `path`, with the default analyzer.
fn time(path: &str, runs: usize, analyse: impl Fn(&Analyzer, &[&str]) -> Vec<Report>) -> Result<(), String> {
    let text = read(path)?;
    let replies: Vec<&str> = text.split_terminator('\0').collect();
    let analyzer = Analyzer::new();
    let (seconds, reports) = timed(runs, || analyse(&analyzer, &replies));
    let findings = reports.iter().map(|r| r.findings().len()).sum();
    print(&replies, "findings", findings, &seconds);
    Ok(())
}

/// Raw aho-corasick over every built-in literal, on one thread, the replies lowercased before
/// the clock starts: the floor of docs/performance.md on these replies.
fn floor(path: &str, runs: usize) -> Result<(), String> {
    let text = read(path)?;
    let replies: Vec<&str> = text.split_terminator('\0').collect();
    let lowered: Vec<String> = replies.iter().map(|r| r.to_lowercase()).collect();
    let floor = replylint_benches::floor(None);
    let (seconds, matches) = timed(runs, || replylint_benches::floor_count(&floor, &lowered));
    print(&replies, "matches", matches, &seconds);
    Ok(())
}

fn read(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))
}

/// The seconds of each of `runs` runs (at least one) of `work`, and what the last one gave.
/// What a run gives is dropped after the next one is timed, not while.
fn timed<T>(runs: usize, mut work: impl FnMut() -> T) -> (Vec<f64>, T) {
    let mut seconds = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        let given = work();
        seconds.push(start.elapsed().as_secs_f64());
        last = Some(given);
    }
    (seconds, last.expect("at least one run"))
}

fn print(replies: &[&str], what: &str, found: usize, seconds: &[f64]) {
    let mut sorted = seconds.to_vec();
    sorted.sort_by(f64::total_cmp);
    let bytes: usize = replies.iter().map(|r| r.len()).sum();
    println!(
        "{{\"replies\": {}, \"bytes\": {bytes}, \"{what}\": {found}, \"seconds\": {seconds:?}, \"median\": {}}}",
        replies.len(),
        sorted[sorted.len() / 2]
    );
}
