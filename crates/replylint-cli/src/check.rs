//! `replylint check`: read messages, analyse them in parallel batches, print in input order.

use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc;

use clap::{Args, ValueEnum};
use replylint::Report;

use crate::fail::{Fail, EXIT_FINDINGS};
use crate::input::{read_all, Batch, InputFormat, ReadOptions, Source};
use crate::options::{AnalyzerArgs, SeverityArg};
use crate::output::{OutputFormat, Printer, Summary};
use crate::progress::Progress;

/// Messages analysed together; big enough to keep every core busy, small enough that a huge
/// input never sits in memory.
const BATCH_SIZE: usize = 4_096;

/// When to colour the human output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// When stdout is a terminal and NO_COLOR is not set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Options of `replylint check`.
#[derive(Args, Debug)]
#[command(after_help = "Examples:
  replylint check docs/examples/replies.txt
  replylint check --text \"As I already said, it's company policy.\"
  replylint check tickets.jsonl --text-field body --format json
  cat replies.txt | replylint check --languages en --fail-on error")]
pub struct CheckArgs {
    /// Files to check; `-` or none (and no --text) reads stdin.
    #[arg(value_name = "FILES")]
    pub files: Vec<PathBuf>,

    /// A message to check, given on the command line (repeatable).
    #[arg(long = "text", value_name = "TEXT", help_heading = "Input")]
    pub texts: Vec<String>,

    /// How to split input into messages [default: by extension: .jsonl → jsonl, .csv → csv,
    /// otherwise lines; stdin: lines].
    #[arg(long = "input", value_enum, value_name = "FORMAT", help_heading = "Input")]
    pub input: Option<InputFormat>,

    /// The JSON field (jsonl) or CSV column (csv) holding the message.
    #[arg(long, value_name = "NAME", default_value = "text", help_heading = "Input")]
    pub text_field: String,

    /// Analyzer configuration.
    #[command(flatten)]
    pub analyzer: AnalyzerArgs,

    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human, help_heading = "Output")]
    pub format: OutputFormat,

    /// Exit with status 1 when a problem at or above this severity is found (positive
    /// signals never count).
    #[arg(long, value_enum, value_name = "SEVERITY", default_value_t = SeverityArg::Warning, help_heading = "Output")]
    pub fail_on: SeverityArg,

    /// Colour the human output.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto, help_heading = "Output")]
    pub color: ColorChoice,
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// Runs `replylint check`.
pub fn run(args: CheckArgs) -> Result<ExitCode, Fail> {
    let analyzer = args.analyzer.build()?;
    let sources = Source::from_args(&args.texts, &args.files);
    let options = ReadOptions {
        format: args.input,
        text_field: args.text_field.clone(),
        batch_size: BATCH_SIZE,
    };
    let mut summary = Summary::new(args.fail_on.into());
    let mut printer = Printer::new(
        io::BufWriter::new(io::stdout().lock()),
        args.format,
        use_color(args.color),
    );
    let mut progress = Progress::new(Source::total_bytes(&sources));

    // Three stages overlap: one thread reads and parses the next batch, another has the
    // current one analysed on every core, and this one writes the one before. Writing while
    // the cores analyse, and not after, keeps them busy.
    let (sender, receiver) = mpsc::sync_channel::<Result<Batch, Fail>>(1);
    let (analysed_sender, analysed) = mpsc::sync_channel::<Result<(Batch, Vec<Report>), Fail>>(1);
    let outcome = std::thread::scope(|scope| {
        scope.spawn(|| {
            let result = read_all(&sources, &options, |batch| sender.send(Ok(batch)).is_ok());
            if let Err(fail) = result {
                let _ = sender.send(Err(fail));
            }
            drop(sender);
        });
        let analyzer = &analyzer;
        scope.spawn(move || {
            for batch in receiver {
                let done = batch.map(|batch| {
                    let reports = analyzer.analyze_batch(&batch.messages);
                    (batch, reports)
                });
                // A send fails when the writer stopped early; dropping the receiver then
                // unblocks the reader.
                if analysed_sender.send(done).is_err() {
                    break;
                }
            }
        });
        let outcome = (|| {
            for done in analysed.iter() {
                let (batch, reports) = done?;
                progress.advance(batch.messages.len(), batch.bytes_read);
                let written = progress.suspend(|| -> io::Result<()> {
                    for (message, report) in batch.messages.iter().zip(&reports) {
                        summary.add(report);
                        printer.message(message, report)?;
                    }
                    printer.flush()
                });
                written.map_err(write_fail)?;
            }
            Ok(())
        })();
        // Dropping the receiver unblocks the analysis, and so the reader, if we stopped early.
        drop(analysed);
        outcome
    });
    progress.finish();
    match outcome {
        Ok(()) => {}
        Err(Stop::Fail(fail)) => {
            let _ = printer.flush();
            return Err(fail);
        }
        Err(Stop::BrokenPipe) => return Ok(exit_code(&summary)),
    }
    match printer.finish(&summary) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            return Err(Fail(format!("cannot write output: {e}")))
        }
        _ => {}
    }
    Ok(exit_code(&summary))
}

fn exit_code(summary: &Summary) -> ExitCode {
    if summary.failed {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    }
}

/// Why the main loop stopped before the end of the input.
enum Stop {
    Fail(Fail),
    /// The reader of our output went away (`replylint check … | head`): not an error.
    BrokenPipe,
}

impl From<Fail> for Stop {
    fn from(fail: Fail) -> Stop {
        Stop::Fail(fail)
    }
}

fn write_fail(err: io::Error) -> Stop {
    if err.kind() == io::ErrorKind::BrokenPipe {
        Stop::BrokenPipe
    } else {
        Stop::Fail(Fail(format!("cannot write output: {err}")))
    }
}
