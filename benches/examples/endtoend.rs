//! What criterion does not measure, for `benches/run`: the CLI end to end on a file of one
//! reply per line with JSONL output, the floor on the same file, and the memory a built
//! analyzer holds. Prints one JSON object.
//!
//! ```sh
//! cargo run --release -p replylint-benches --example endtoend -- CLI FILE RUNS
//! ```
//!
//! * `cli`: the median wall time of `CLI check --format jsonl FILE` (output to /dev/null) over
//!   RUNS runs;
//! * `floor`: the median time of raw aho-corasick (leftmost-longest, every expanded literal)
//!   over the file's lines, lowercased beforehand and not timed, over RUNS runs;
//! * `memory`: the bytes allocated and still live after the first `Analyzer::new()` (all
//!   languages) and after the first English-only build, each in a fresh process (this program
//!   run as `endtoend memory all|en`), how much of it is the parsed built-in lexicons (all
//!   of them, whichever languages the analyzer uses), and what a later build of the same
//!   languages adds;
//! * `first_new`: the wall time of a process's first `Analyzer::new()`, which reads the
//!   built-in lexicons and then builds, over RUNS fresh processes (`endtoend first`, which
//!   does not count bytes: a count that every thread updates on every allocation would slow
//!   the lexicons' reading on every core).

use std::alloc::{GlobalAlloc, Layout, System};
use std::process::{Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Instant;

use replylint::Analyzer;
use replylint_benches::{floor, floor_count};

/// The system allocator, counting the bytes live.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
/// Off for `endtoend first`.
static COUNTING: AtomicBool = AtomicBool::new(true);

// SAFETY: every call goes to the system allocator unchanged; only a counter is added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if COUNTING.load(Ordering::Relaxed) {
            LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        }
        // SAFETY: the caller's contract is passed on as is.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if COUNTING.load(Ordering::Relaxed) {
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        }
        // SAFETY: the caller's contract is passed on as is.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["memory", which] => memory(which),
        ["first"] => Ok(first()),
        [cli, file, runs] => runs
            .parse()
            .map_err(|e| format!("runs {runs:?}: {e}"))
            .and_then(|runs| all(cli, file, runs)),
        _ => Err("usage: endtoend CLI FILE RUNS | endtoend memory all|en | endtoend first".into()),
    };
    match result {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("endtoend: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The wall time of this (fresh) process's first `Analyzer::new()`, bytes not counted.
fn first() -> serde_json::Value {
    COUNTING.store(false, Ordering::Relaxed);
    let start = Instant::now();
    let analyzer = Analyzer::new();
    let first_seconds = start.elapsed().as_secs_f64();
    drop(analyzer);
    serde_json::json!({ "first_seconds": first_seconds })
}

/// Bytes live after reading the built-in lexicons and after building the analyzer, in this
/// (fresh) process.
fn memory(which: &str) -> Result<serde_json::Value, String> {
    let before = LIVE.load(Ordering::Relaxed);
    replylint::builtin_lexicons();
    let lexicons = LIVE.load(Ordering::Relaxed) - before;
    let analyzer = match which {
        "all" => Analyzer::new(),
        "en" => Analyzer::builder()
            .languages(["en"])
            .build()
            .map_err(|e| e.to_string())?,
        _ => return Err(format!("memory {which:?}: all or en")),
    };
    let total = LIVE.load(Ordering::Relaxed) - before;
    // What one more analyzer of the same configuration adds, the lexicons already read.
    let mut builder = Analyzer::builder();
    if which == "en" {
        builder.languages(["en"]);
    }
    let before_later = LIVE.load(Ordering::Relaxed);
    let later = builder.build().map_err(|e| e.to_string())?;
    let later_bytes = LIVE.load(Ordering::Relaxed) - before_later;
    drop((analyzer, later));
    Ok(serde_json::json!({
        "bytes": total,
        "lexicons": lexicons,
        "later": later_bytes,
    }))
}

fn median(mut seconds: Vec<f64>) -> f64 {
    seconds.sort_by(f64::total_cmp);
    seconds[seconds.len() / 2]
}

fn all(cli: &str, file: &str, runs: usize) -> Result<serde_json::Value, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
    let bytes = text.len();
    let lines: Vec<String> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_lowercase)
        .collect();
    drop(text);

    let mut cli_seconds = Vec::new();
    for _ in 0..runs {
        let start = Instant::now();
        let status = Command::new(cli)
            .args(["check", "--format", "jsonl", file])
            .stdout(Stdio::null())
            .status()
            .map_err(|e| format!("{cli}: {e}"))?;
        cli_seconds.push(start.elapsed().as_secs_f64());
        // 1 only says that findings were found.
        if !matches!(status.code(), Some(0 | 1)) {
            return Err(format!("{cli} check --format jsonl {file}: {status}"));
        }
    }

    let floor = floor(None);
    let mut floor_seconds = Vec::new();
    let mut matches = 0;
    for _ in 0..runs {
        let start = Instant::now();
        matches = floor_count(&floor, &lines);
        floor_seconds.push(start.elapsed().as_secs_f64());
    }

    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let run = |args: &[&str]| -> Result<serde_json::Value, String> {
        let out = Command::new(&exe)
            .args(args)
            .output()
            .map_err(|e| format!("{}: {e}", exe.display()))?;
        serde_json::from_slice(&out.stdout).map_err(|e| format!("endtoend {}: {e}", args.join(" ")))
    };
    let mut memory = serde_json::Map::new();
    for which in ["all", "en"] {
        memory.insert(which.into(), run(&["memory", which])?);
    }
    let mut first_new_seconds = Vec::new();
    for _ in 0..runs {
        first_new_seconds.push(run(&["first"])?["first_seconds"].as_f64().unwrap_or(f64::NAN));
    }

    Ok(serde_json::json!({
        "file": file,
        "bytes": bytes,
        "lines": lines.len(),
        "runs": runs,
        "cli_seconds": cli_seconds,
        "cli_median": median(cli_seconds.clone()),
        "floor_seconds": floor_seconds,
        "floor_median": median(floor_seconds.clone()),
        "floor_matches": matches,
        "memory": memory,
        "first_new_seconds": first_new_seconds,
        "first_new_median": median(first_new_seconds.clone()),
    }))
}
