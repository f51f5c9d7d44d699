//! `replylint lexicon …`: validate, list and expand lexicons.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;
use replylint::{Category, Lexicon};

/// Subcommands of `replylint lexicon`.
#[derive(Subcommand, Debug)]
pub enum LexiconCommand {
    /// Parse lexicon files and run every rule's examples and guardrails.
    ///
    /// Exits 0 when every file is valid and every example/guardrail behaves, 1 when an
    /// example or guardrail fails, 2 when a file cannot be read or parsed.
    Check {
        /// Lexicon TOML files.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
}

/// Runs one `lexicon` subcommand and returns the process exit code.
pub fn run(cmd: LexiconCommand) -> ExitCode {
    match cmd {
        LexiconCommand::Check { files } => check(&files),
    }
}

/// The outcome of checking one file; the worst one decides the exit code.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Outcome {
    Ok,
    Failures,
    Broken,
}

fn check(files: &[PathBuf]) -> ExitCode {
    let mut worst = Outcome::Ok;
    for path in files {
        worst = worst.max(check_file(path));
    }
    match worst {
        Outcome::Ok => ExitCode::SUCCESS,
        Outcome::Failures => ExitCode::from(1),
        Outcome::Broken => ExitCode::from(2),
    }
}

fn check_file(path: &PathBuf) -> Outcome {
    let display = path.display().to_string();
    let source = match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => {
                eprintln!(
                    "error: {display} is not valid UTF-8 (invalid byte at offset {})",
                    e.utf8_error().valid_up_to()
                );
                return Outcome::Broken;
            }
        },
        Err(e) => {
            eprintln!("error: cannot read {display}: {e}");
            return Outcome::Broken;
        }
    };
    let lexicon = match Lexicon::parse(&display, &source) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return Outcome::Broken;
        }
    };
    let lang = lexicon.language();
    println!(
        "{display}: language {} ({} / {}), {} rules",
        lang.code,
        lang.name,
        lang.native_name,
        lexicon.rules().len()
    );
    let mut per_category: BTreeMap<Category, (usize, usize, usize)> = BTreeMap::new();
    for rule in lexicon.rules() {
        let entry = per_category.entry(rule.category).or_default();
        entry.0 += 1;
        entry.1 += rule.patterns.len();
        entry.2 += rule.literals.len();
    }
    let (mut rules, mut patterns, mut literals) = (0, 0, 0);
    for (category, (r, p, l)) in &per_category {
        println!(
            "  {:<16} {r:>4} rules {p:>5} patterns {l:>6} literals",
            category.as_str()
        );
        rules += r;
        patterns += p;
        literals += l;
    }
    println!(
        "  {:<16} {rules:>4} rules {patterns:>5} patterns {literals:>6} literals",
        "total"
    );
    let failures = match lexicon.check_examples() {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            return Outcome::Broken;
        }
    };
    let examples: usize = lexicon
        .rules()
        .iter()
        .map(|r| r.examples.len() + r.guardrails.len())
        .sum();
    if failures.is_empty() {
        println!("{display}: ok ({examples} examples and guardrails pass)");
        Outcome::Ok
    } else {
        for failure in &failures {
            println!("{display}: FAIL: {failure}");
        }
        println!(
            "{display}: {} of {examples} examples and guardrails failed",
            failures.len()
        );
        Outcome::Failures
    }
}
