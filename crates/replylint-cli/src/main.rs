//! `replylint`: lint customer-service replies from the terminal or CI.
//!
//! * `replylint check [FILES...]` analyses replies (lines, JSONL, CSV or whole files, or
//!   stdin) and prints annotated findings, JSON, JSON Lines, SARIF or GitHub annotations.
//! * `replylint lexicon list|expand|check` inspects the built-in lexicons and validates your
//!   own.
//! * `replylint report conversations.jsonl --by agent` writes agent scorecards as a
//!   self-contained HTML page and JSON.
//!
//! Exit codes: 0 nothing at or above `--fail-on`, 1 something was found, 2 usage or input
//! error.

mod annotations;
mod check;
mod fail;
mod input;
mod lexicon_cmd;
mod location;
mod options;
mod output;
mod progress;
mod report_cmd;
mod sarif;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Finds the phrases in customer-service replies that drive customers away (jargon, robotic
/// openers, deflection, policy-hiding, arguing), says why, and what to write instead.
#[derive(Parser, Debug)]
#[command(name = "replylint", version, about, long_about = None, propagate_version = true)]
#[command(
    after_help = "Exit status: 0 nothing found at or above --fail-on, 1 findings, 2 usage or input error."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Analyse replies from files, --text arguments or stdin.
    Check(check::CheckArgs),
    /// List, expand and validate lexicons.
    #[command(subcommand)]
    Lexicon(lexicon_cmd::LexiconCommand),
    /// Analyse conversations and write agent scorecards as HTML and JSON.
    Report(report_cmd::ReportArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Lexicon(cmd) => lexicon_cmd::run(cmd),
        Command::Report(args) => report_cmd::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(fail::EXIT_ERROR)
        }
    }
}
