//! Turns one `benches/run` into the results of docs/performance.md: reads criterion's median
//! estimates (`CRITERION_DIR/**/new/estimates.json`), the CLI, floor and memory figures of
//! `examples/endtoend.rs` and the machine notes the script took, then writes the tables
//! between `<!-- bench-table:start -->` and `<!-- bench-table:end -->` in DOC and the plots
//! beside it (`performance-length.svg`, `performance-patterns.svg`).
//!
//! ```sh
//! cargo run --release -p replylint-benches --example report -- CRITERION_DIR ENDTOEND_JSON MACHINE_TXT DOC
//! ```
//!
//! Every ratio is to the floor measured in the same run: raw aho-corasick, leftmost-longest,
//! over the same expanded literals on the same text lowercased; a ratio is the analyzer's
//! throughput divided by the floor's (1.0 = as fast as the raw engine).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use plotters::prelude::*;
use replylint_benches::{first_languages, literals, LANGUAGE_STEPS, LENGTHS, THREADS};
use serde_json::Value;

const START: &str = "<!-- bench-table:start -->";
const END: &str = "<!-- bench-table:end -->";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [criterion, endtoend, machine, doc] = args.as_slice() else {
        eprintln!("usage: report CRITERION_DIR ENDTOEND_JSON MACHINE_TXT DOC");
        return ExitCode::from(2);
    };
    match run(
        Path::new(criterion),
        Path::new(endtoend),
        Path::new(machine),
        Path::new(doc),
    ) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("report: {e}");
            ExitCode::FAILURE
        }
    }
}

/// One criterion result: the median time of one iteration and the bytes it processed.
#[derive(Clone, Copy)]
struct Estimate {
    nanos: f64,
    bytes: Option<f64>,
}

impl Estimate {
    fn mb_per_s(self) -> Option<f64> {
        self.bytes.map(|b| b / self.nanos * 1e3)
    }
    /// Throughput as a multiple of `floor`'s on the same bytes.
    fn ratio(self, floor: Estimate) -> f64 {
        floor.nanos / self.nanos
    }
}

fn read_json(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The estimate of benchmark `id` (`group/function[/parameter]`); run `benches/run` first.
fn estimate(criterion: &Path, id: &str) -> Result<Estimate, String> {
    let dir: PathBuf = criterion.join(id).join("new");
    let estimates = read_json(&dir.join("estimates.json"))?;
    let benchmark = read_json(&dir.join("benchmark.json"))?;
    let nanos = estimates["median"]["point_estimate"]
        .as_f64()
        .ok_or_else(|| format!("{}: no median", dir.display()))?;
    Ok(Estimate {
        nanos,
        bytes: benchmark["throughput"]["Bytes"].as_f64(),
    })
}

fn time(nanos: f64) -> String {
    match nanos {
        n if n < 1e3 => format!("{n:.0} ns"),
        n if n < 1e6 => format!("{:.2} µs", n / 1e3),
        n if n < 1e9 => format!("{:.1} ms", n / 1e6),
        n => format!("{:.2} s", n / 1e9),
    }
}

fn mb(rate: Option<f64>) -> String {
    rate.map_or_else(|| "".into(), |r| format!("{r:.1}"))
}

fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn verdict(met: bool) -> &'static str {
    if met {
        "met"
    } else {
        "missed"
    }
}

fn run(criterion: &Path, endtoend: &Path, machine: &Path, doc: &Path) -> Result<(), String> {
    let e = |id: &str| estimate(criterion, id);
    let end = read_json(endtoend)?;
    let machine = std::fs::read_to_string(machine).map_err(|e| format!("{}: {e}", machine.display()))?;
    let mut out = String::new();
    let w = &mut out;
    writeln!(w, "{START}").unwrap();
    writeln!(
        w,
        "<!-- Written by benches/run (benches/examples/report.rs); edit those, not this. -->\n"
    )
    .unwrap();
    for line in machine.lines() {
        writeln!(w, "* {line}").unwrap();
    }
    writeln!(w).unwrap();
    writeln!(w, "| workload | median time | MB/s | × floor | target | |").unwrap();
    writeln!(w, "|---|---:|---:|---:|---|---|").unwrap();

    let build_all = e("build/all_languages")?;
    writeln!(
        w,
        "| build, all languages (`Analyzer::builder().build()`: the default, which reads the embedded automaton; lexicons already read) | {} | | | ≤ 15 ms | {} |",
        time(build_all.nanos),
        verdict(build_all.nanos <= 15e6)
    )
    .unwrap();
    let build_named = e("build/all_languages_named")?;
    writeln!(
        w,
        "| build, all languages named (`languages([…])`: not the default, so it builds its automaton and templates) | {} | | | | |",
        time(build_named.nanos)
    )
    .unwrap();
    let first_new = end["first_new_median"]
        .as_f64()
        .ok_or("endtoend: no first_new_median")?;
    writeln!(
        w,
        "| first `Analyzer::new()` of a process, all languages (reads the built-in lexicons and the embedded automaton; median of {} processes) | {} | | | ≤ 15 ms | {} |",
        end["runs"],
        time(first_new * 1e9),
        verdict(first_new <= 15e-3)
    )
    .unwrap();
    let build_en = e("build/english_only")?;
    writeln!(w, "| build, English only | {} | | | | |", time(build_en.nanos)).unwrap();

    let reply = e("reply_200b/analyze")?;
    let reply_floor = e("reply_200b/floor")?;
    writeln!(
        w,
        "| `analyze`, one 200-byte reply, all languages | {} | {} | {:.2} | ≤ 2 µs | {} |",
        time(reply.nanos),
        mb(reply.mb_per_s()),
        reply.ratio(reply_floor),
        verdict(reply.nanos <= 2e3)
    )
    .unwrap();
    writeln!(
        w,
        "| floor, the same reply lowercased | {} | {} | 1.00 | | |",
        time(reply_floor.nanos),
        mb(reply_floor.mb_per_s())
    )
    .unwrap();

    let bulk_floor = e("bulk_20mb/floor")?;
    let bulk = e("bulk_20mb/analyze_all_languages")?;
    writeln!(
        w,
        "| `analyze`, 20 MB of mixed replies, one thread, all languages | {} | {} | {:.2} | ≥ 0.6× floor | {} |",
        time(bulk.nanos),
        mb(bulk.mb_per_s()),
        bulk.ratio(bulk_floor),
        verdict(bulk.ratio(bulk_floor) >= 0.6)
    )
    .unwrap();
    let english = e("bulk_20mb/analyze_english_only")?;
    writeln!(
        w,
        "| `analyze`, the same, English only (floor: all languages) | {} | {} | {:.2} | | |",
        time(english.nanos),
        mb(english.mb_per_s()),
        english.ratio(bulk_floor)
    )
    .unwrap();
    let batch = e("bulk_20mb/analyze_batch_all_cores")?;
    writeln!(
        w,
        "| `analyze_batch`, the same, all cores (floor: one thread) | {} | {} | {:.2} | | |",
        time(batch.nanos),
        mb(batch.mb_per_s()),
        batch.ratio(bulk_floor)
    )
    .unwrap();
    writeln!(
        w,
        "| floor, the same replies lowercased, one thread | {} | {} | 1.00 | | |",
        time(bulk_floor.nanos),
        mb(bulk_floor.mb_per_s())
    )
    .unwrap();

    let thread = e("threads/analyze")?;
    let thread_floor = e("threads/floor")?;
    writeln!(
        w,
        "| `analyze`, {THREADS} email threads of 5–50 KB, one thread | {} | {} | {:.2} | | |",
        time(thread.nanos),
        mb(thread.mb_per_s()),
        thread.ratio(thread_floor)
    )
    .unwrap();

    let bytes = end["bytes"].as_f64().ok_or("endtoend: no bytes")?;
    let cli = end["cli_median"].as_f64().ok_or("endtoend: no cli_median")?;
    let cli_floor = end["floor_median"].as_f64().ok_or("endtoend: no floor_median")?;
    let runs = end["runs"].as_u64().unwrap_or(0);
    writeln!(
        w,
        "| CLI `check --format jsonl`, {:.0} MB file of one reply per line, end to end (median of {runs}) | {} | {:.1} | {:.2} | ≥ 0.4× floor | {} |",
        bytes / 1e6,
        time(cli * 1e9),
        bytes / cli / 1e6,
        cli_floor / cli,
        verdict(cli_floor / cli >= 0.4)
    )
    .unwrap();
    writeln!(
        w,
        "| floor, the same file's lines lowercased, one thread | {} | {:.1} | 1.00 | | |",
        time(cli_floor * 1e9),
        bytes / cli_floor / 1e6
    )
    .unwrap();
    let memory = |which: &str, part: &str| end["memory"][which][part].as_f64().unwrap_or(f64::NAN);
    let mib = |b: f64| b / (1024.0 * 1024.0);
    writeln!(
        w,
        "| memory live after the first `Analyzer::new()`: {:.1} MiB built-in lexicons as first read + {:.1} MiB analyzer | {:.1} MiB | | | ≤ 8 MiB | {} |",
        mib(memory("all", "lexicons")),
        mib(memory("all", "bytes") - memory("all", "lexicons")),
        mib(memory("all", "bytes")),
        verdict(mib(memory("all", "bytes")) <= 8.0)
    )
    .unwrap();
    writeln!(
        w,
        "| memory live after the first English-only build: {:.1} MiB lexicons as first read + {:.1} MiB analyzer, with the English rules it read | {:.1} MiB | | | | |",
        mib(memory("en", "lexicons")),
        mib(memory("en", "bytes") - memory("en", "lexicons")),
        mib(memory("en", "bytes"))
    )
    .unwrap();
    writeln!(
        w,
        "| memory a later build adds, the lexicons already read: all languages (the default); English only | {:.1} MiB; {:.1} MiB | | | | |",
        mib(memory("all", "later")),
        mib(memory("en", "later"))
    )
    .unwrap();

    // Cost against text length.
    let mut length = Vec::new();
    writeln!(w, "\nCost against text length ([plot](performance-length.svg)): one text cut from the threads, all languages.\n").unwrap();
    writeln!(
        w,
        "| bytes | `analyze` | ns per byte | MB/s | floor MB/s | × floor |"
    )
    .unwrap();
    writeln!(w, "|---:|---:|---:|---:|---:|---:|").unwrap();
    for &len in LENGTHS {
        let a = e(&format!("length/analyze/{len}"))?;
        let f = e(&format!("length/floor/{len}"))?;
        let bytes = a.bytes.unwrap_or(len as f64);
        writeln!(
            w,
            "| {} | {} | {:.1} | {} | {} | {:.2} |",
            grouped(len),
            time(a.nanos),
            a.nanos / bytes,
            mb(a.mb_per_s()),
            mb(f.mb_per_s()),
            a.ratio(f)
        )
        .unwrap();
        length.push((len as f64, a.mb_per_s(), f.mb_per_s()));
    }

    // Cost against pattern count.
    let mut patterns = Vec::new();
    writeln!(w, "\nCost against pattern count ([plot](performance-patterns.svg)): analyzers with the first N built-in languages on 1 MiB of the mixed replies (all languages), the floor over those languages' literals.\n").unwrap();
    writeln!(
        w,
        "| languages | literals | `analyze` MB/s | floor MB/s | × floor |"
    )
    .unwrap();
    writeln!(w, "|---|---:|---:|---:|---:|").unwrap();
    for &count in LANGUAGE_STEPS {
        let languages = first_languages(count);
        let literal_count = literals(Some(&languages)).len();
        let a = e(&format!("patterns/analyze/{count}"))?;
        let f = e(&format!("patterns/floor/{count}"))?;
        writeln!(
            w,
            "| {} ({}) | {} | {} | {} | {:.2} |",
            count,
            languages.join(", "),
            grouped(literal_count),
            mb(a.mb_per_s()),
            mb(f.mb_per_s()),
            a.ratio(f)
        )
        .unwrap();
        patterns.push((literal_count as f64, a.mb_per_s(), f.mb_per_s()));
    }
    writeln!(w, "\n{END}").unwrap();

    let dir = doc.parent().unwrap_or(Path::new("."));
    plot(
        &dir.join("performance-length.svg"),
        "Throughput against text length (all languages)",
        "text length, bytes",
        &length,
    )?;
    plot(
        &dir.join("performance-patterns.svg"),
        "Throughput against pattern count (1 MiB of mixed replies)",
        "expanded literals",
        &patterns,
    )?;

    let text = std::fs::read_to_string(doc).map_err(|e| format!("{}: {e}", doc.display()))?;
    let (Some(start), Some(stop)) = (text.find(START), text.find(END)) else {
        return Err(format!(
            "{}: put {START} and {END} where the tables go",
            doc.display()
        ));
    };
    let rest = &text[stop + END.len()..];
    let updated = format!(
        "{}{}{}",
        &text[..start],
        out,
        rest.strip_prefix('\n').unwrap_or(rest)
    );
    std::fs::write(doc, updated).map_err(|e| format!("{}: {e}", doc.display()))?;
    println!("{out}");
    Ok(())
}

/// A log-log plot of replylint's and the floor's throughput against `x`.
fn plot(
    path: &Path,
    caption: &str,
    x_label: &str,
    points: &[(f64, Option<f64>, Option<f64>)],
) -> Result<(), String> {
    let err = |e: &dyn std::fmt::Display| format!("{}: {e}", path.display());
    let xs = points.iter().map(|p| p.0);
    let ys = points.iter().flat_map(|p| [p.1, p.2]).flatten();
    let (x0, x1) = (xs.clone().fold(f64::MAX, f64::min), xs.fold(0.0, f64::max));
    let (y0, y1) = (ys.clone().fold(f64::MAX, f64::min), ys.fold(0.0, f64::max));
    let root = SVGBackend::new(path, (760, 440)).into_drawing_area();
    root.fill(&WHITE).map_err(|e| err(&e))?;
    let mut chart = ChartBuilder::on(&root)
        .caption(caption, ("sans-serif", 20))
        .margin(12)
        .x_label_area_size(44)
        .y_label_area_size(60)
        .build_cartesian_2d((x0 / 1.5..x1 * 1.5).log_scale(), (y0 / 1.5..y1 * 1.5).log_scale())
        .map_err(|e| err(&e))?;
    chart
        .configure_mesh()
        .light_line_style(WHITE)
        .y_labels(16)
        .x_desc(x_label)
        .y_desc("MB/s (log scale)")
        .x_label_formatter(&|x| grouped(*x as usize))
        .y_label_formatter(&|y| format!("{y:.0}"))
        .draw()
        .map_err(|e| err(&e))?;
    let series = [("replylint analyze", BLUE, 1), ("raw aho-corasick floor", RED, 2)];
    for (name, color, which) in series {
        let line: Vec<(f64, f64)> = points
            .iter()
            .filter_map(|p| [p.1, p.2][which - 1].map(|y| (p.0, y)))
            .collect();
        chart
            .draw_series(LineSeries::new(line.clone(), color.stroke_width(2)))
            .map_err(|e| err(&e))?
            .label(name)
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 20, y)], color.stroke_width(2)));
        chart
            .draw_series(line.iter().map(|&p| Circle::new(p, 4, color.filled())))
            .map_err(|e| err(&e))?;
        // The log axis labels few values; each point carries its own.
        chart
            .draw_series(
                line.iter().map(|&(x, y)| {
                    Text::new(format!("{y:.1}"), (x, y * 1.12), ("sans-serif", 12).into_font())
                }),
            )
            .map_err(|e| err(&e))?;
    }
    chart
        .configure_series_labels()
        .background_style(WHITE.mix(0.8))
        .border_style(BLACK)
        // Between the two lines, which a log axis keeps apart.
        .position(SeriesLabelPosition::MiddleRight)
        .draw()
        .map_err(|e| err(&e))?;
    root.present().map_err(|e| err(&e))?;
    Ok(())
}
