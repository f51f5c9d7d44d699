//! `replylint lexicon …`: list, expand and validate lexicons.

use std::collections::BTreeMap;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;
use replylint::{Analyzer, Category, Lexicon, Severity};

use crate::fail::{Fail, EXIT_ERROR, EXIT_FINDINGS};
use crate::options::{parse_lexicon_file, LexiconArgs};

/// Subcommands of `replylint lexicon`.
#[derive(Subcommand, Debug)]
pub enum LexiconCommand {
    /// Print every active rule id with its category and severity.
    List {
        #[command(flatten)]
        lexicons: LexiconArgs,
    },
    /// Print every expanded literal of the active lexicons as `lang<TAB>rule_id<TAB>literal`.
    #[command(long_flag = "expand")]
    Expand {
        #[command(flatten)]
        lexicons: LexiconArgs,
    },
    /// Parse lexicon files, print pattern counts per category and run every rule's examples
    /// and guardrails.
    ///
    /// Exit status: 0 every file is valid and every example and guardrail behaves, 1 an
    /// example or guardrail fails, 2 a file cannot be read or parsed.
    Check {
        /// Lexicon TOML files.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
}

/// Runs one `lexicon` subcommand.
pub fn run(cmd: LexiconCommand) -> Result<ExitCode, Fail> {
    match cmd {
        LexiconCommand::List { lexicons } => list(&lexicons.active_lexicons()?),
        LexiconCommand::Expand { lexicons } => expand(&lexicons.active_lexicons()?),
        LexiconCommand::Check { files } => Ok(check(&files)),
    }
}

fn list(lexicons: &[Lexicon]) -> Result<ExitCode, Fail> {
    // The rules outside lexicons, as the core defines them: an analyzer with no lexicon has
    // exactly those.
    let core = Analyzer::builder()
        .languages(Vec::<String>::new())
        .jargon(["glossary"])
        .build()
        .map_err(|e| Fail(e.to_string()))?
        .rules();
    let rows: Vec<(&str, Category, Severity)> = lexicons
        .iter()
        .flat_map(|l| l.rules().iter().map(|r| (r.id.as_str(), r.category, r.severity)))
        .chain(core.iter().map(|r| (r.id.as_str(), r.category, r.severity)))
        .collect();
    let width = rows.iter().map(|(id, ..)| id.len()).max().unwrap_or(0);
    write_out(|out| {
        for (id, category, severity) in &rows {
            writeln!(out, "{id:<width$}  {:<15} {severity}", category.as_str())?;
        }
        Ok(())
    })
}

fn expand(lexicons: &[Lexicon]) -> Result<ExitCode, Fail> {
    write_out(|out| {
        for lexicon in lexicons {
            let code = &lexicon.language().code;
            for rule in lexicon.rules() {
                for literal in &rule.literals() {
                    writeln!(out, "{code}\t{}\t{literal}", rule.id)?;
                }
            }
        }
        Ok(())
    })
}

/// Writes to a buffered stdout; a closed pipe (`| head`) is not an error.
fn write_out(f: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<ExitCode, Fail> {
    let mut out = BufWriter::new(io::stdout().lock());
    match f(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Fail(format!("cannot write output: {e}"))),
        _ => Ok(ExitCode::SUCCESS),
    }
}

/// The outcome of checking one file; the worst one decides the exit status.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Outcome {
    Ok,
    Failures,
    Broken,
}

fn check(files: &[PathBuf]) -> ExitCode {
    let worst = files
        .iter()
        .map(|path| check_file(path))
        .max()
        .unwrap_or(Outcome::Ok);
    match worst {
        Outcome::Ok => ExitCode::SUCCESS,
        Outcome::Failures => ExitCode::from(EXIT_FINDINGS),
        Outcome::Broken => ExitCode::from(EXIT_ERROR),
    }
}

fn check_file(path: &Path) -> Outcome {
    let display = path.display().to_string();
    let lexicon = match parse_lexicon_file(path) {
        Ok(lexicon) => lexicon,
        Err(fail) => {
            eprintln!("error: {fail}");
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
    let mut per_category: BTreeMap<Category, [usize; 3]> = BTreeMap::new();
    for rule in lexicon.rules() {
        let counts = per_category.entry(rule.category).or_default();
        counts[0] += 1;
        counts[1] += rule.patterns.len();
        counts[2] += rule.literals().len();
    }
    let mut total = [0; 3];
    for (category, counts) in &per_category {
        println!("  {}", count_line(category.as_str(), counts));
        for (sum, n) in total.iter_mut().zip(counts) {
            *sum += n;
        }
    }
    println!("  {}", count_line("total", &total));
    let failures = match lexicon.check_examples() {
        Ok(failures) => failures,
        Err(e) => {
            eprintln!("error: {e}");
            return Outcome::Broken;
        }
    };
    let cases: usize = lexicon
        .rules()
        .iter()
        .map(|r| r.examples.len() + r.guardrails.len())
        .sum();
    if failures.is_empty() {
        println!("{display}: ok ({cases} examples and guardrails pass)");
        Outcome::Ok
    } else {
        for failure in &failures {
            println!("{display}: FAIL: {failure}");
        }
        println!(
            "{display}: {} of {cases} examples and guardrails failed",
            failures.len()
        );
        Outcome::Failures
    }
}

fn count_line(name: &str, [rules, patterns, literals]: &[usize; 3]) -> String {
    format!("{name:<16} {rules:>4} rules {patterns:>5} patterns {literals:>6} literals")
}
