//! `replylint`: lint customer-service replies from the terminal or CI.

mod lexicon_cmd;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Finds the phrases in customer-service replies that drive customers away.
#[derive(Parser, Debug)]
#[command(name = "replylint", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Inspect and validate lexicons.
    #[command(subcommand)]
    Lexicon(lexicon_cmd::LexiconCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Lexicon(cmd) => lexicon_cmd::run(cmd),
    }
}
