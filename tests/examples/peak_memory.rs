//! Peak memory of analysing one very large reply, for docs/reliability.md:
//!
//! ```sh
//! cargo run --release -p replylint-tests --example peak_memory -- 100
//! ```
//!
//! Builds a reply of the given size in MB (default 100) twice, once of text with no findings
//! and once with a policy phrase on every line, and prints the process's peak resident set
//! (VmHWM, Linux) before and after each analysis. Before includes the text itself; after
//! minus before is what analysis needed on top: the automaton, the working buffers, the report.

use std::time::Instant;

use replylint::Analyzer;

/// Peak resident set of this process so far, in MiB.
fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("Linux /proc");
    let kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM in /proc/self/status");
    kb / 1024.0
}

fn measure(name: &str, unit: &str, mb: usize) {
    let text = unit.repeat(mb * 1_000_000 / unit.len() + 1);
    let before = peak_rss_mib();
    let start = Instant::now();
    let report = Analyzer::new().analyze(&text);
    let seconds = start.elapsed().as_secs_f64();
    let after = peak_rss_mib();
    println!(
        "{name}: {:.1} MB, {} findings, {seconds:.2} s; peak RSS {before:.0} MiB before, \
         {after:.0} MiB after: {:.0} MiB for analysis ({:.2} x the input)",
        text.len() as f64 / 1e6,
        report.findings().len(),
        after - before,
        (after - before) * 1_048_576.0 / text.len() as f64,
    );
}

fn main() {
    let mb = std::env::args()
        .nth(1)
        .map_or(100, |a| a.parse().expect("size in MB"));
    // Clean first: the peak is a high-water mark, so the larger run must come second.
    measure(
        "no findings",
        "Thanks for waiting, your parcel left our warehouse today. Ваш заказ уже в пути. 🙂\n",
        mb,
    );
    measure(
        "a finding per line",
        "Thanks for waiting. As I already said, it’s company policy. Ваш заказ уже в пути. 🙂\n",
        mb,
    );
}
