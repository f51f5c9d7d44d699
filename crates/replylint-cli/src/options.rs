//! Options that configure the analyzer, shared by `check` and `lexicon list|expand`.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use replylint::{builtin_lexicons, Analyzer, GlossaryEntry, Lexicon, Severity};

use crate::fail::{read_utf8_file, Fail};

/// A severity as written on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SeverityArg {
    /// Worth knowing.
    Info,
    /// Customers notice.
    Warning,
    /// Customers leave.
    Error,
}

impl From<SeverityArg> for Severity {
    fn from(arg: SeverityArg) -> Severity {
        match arg {
            SeverityArg::Info => Severity::Info,
            SeverityArg::Warning => Severity::Warning,
            SeverityArg::Error => Severity::Error,
        }
    }
}

/// Which lexicons are active: built-in languages and lexicon files.
#[derive(Args, Debug, Clone, Default)]
pub struct LexiconArgs {
    /// Built-in languages to use, comma-separated (e.g. `en,ru`); default: all. An empty
    /// value (`--languages ""`) uses no built-in lexicon, only --lexicon files and the
    /// glossary.
    #[arg(long, value_name = "CODES")]
    pub languages: Option<String>,

    /// A lexicon TOML file of your own (repeatable); see docs/lexicon-format.md.
    #[arg(long = "lexicon", value_name = "FILE")]
    pub lexicons: Vec<PathBuf>,
}

impl LexiconArgs {
    /// The language codes asked for, `None` meaning every built-in language.
    pub fn language_codes(&self) -> Option<Vec<String>> {
        self.languages.as_ref().map(|list| {
            list.split(',')
                .map(str::trim)
                .filter(|code| !code.is_empty())
                .map(str::to_string)
                .collect()
        })
    }

    /// Reads and parses every `--lexicon` file.
    pub fn user_lexicons(&self) -> Result<Vec<Lexicon>, Fail> {
        self.lexicons
            .iter()
            .map(|path| parse_lexicon_file(path))
            .collect()
    }

    /// The active lexicons, built-in first, checked the way the analyzer checks them
    /// (unknown language codes, duplicate rule ids).
    pub fn active_lexicons(&self) -> Result<Vec<Lexicon>, Fail> {
        let user = self.user_lexicons()?;
        let mut builder = Analyzer::builder();
        if let Some(codes) = self.language_codes() {
            builder.languages(codes);
        }
        for lexicon in &user {
            builder.lexicon(lexicon.clone());
        }
        // Building validates the selection exactly as `check` would.
        builder.build()?;
        let builtin = builtin_lexicons();
        let selected: Vec<Lexicon> = match self.language_codes() {
            Some(codes) => codes
                .iter()
                .filter_map(|code| builtin.iter().find(|l| l.language().code == *code))
                .cloned()
                .collect(),
            None => builtin.to_vec(),
        };
        Ok(selected.into_iter().chain(user).collect())
    }
}

/// Everything that configures the analyzer of `check`.
#[derive(Args, Debug, Clone)]
#[command(next_help_heading = "Analysis")]
pub struct AnalyzerArgs {
    /// The active lexicons.
    #[command(flatten)]
    pub lexicons: LexiconArgs,

    /// A term of company jargon to flag, optionally with plain words to use instead:
    /// `--jargon RMA` or `--jargon "RMA=return label"` (repeatable).
    #[arg(long, value_name = "TERM[=REPLACEMENT]")]
    pub jargon: Vec<String>,

    /// A glossary file of company jargon: one term per line, optionally `term = replacement`;
    /// blank lines and lines starting with `#` are ignored (repeatable).
    #[arg(long, value_name = "FILE")]
    pub glossary: Vec<PathBuf>,

    /// Turn a rule off by its full id, e.g. `en.company-policy` or `core.shouting`
    /// (repeatable; `replylint lexicon list` shows the ids).
    #[arg(long = "disable", value_name = "RULE_ID")]
    pub disabled: Vec<String>,

    /// Do not report problems below this severity.
    #[arg(long, value_enum, value_name = "SEVERITY", default_value_t = SeverityArg::Info)]
    pub min_severity: SeverityArg,

    /// Keep only findings in the language each message is written in (and English), so a
    /// phrase of one active language that is innocent in another is not reported.
    #[arg(long)]
    pub detected_language_only: bool,
}

impl AnalyzerArgs {
    /// Builds the analyzer these options describe.
    pub fn build(&self) -> Result<Analyzer, Fail> {
        let mut builder = Analyzer::builder();
        if let Some(codes) = self.lexicons.language_codes() {
            builder.languages(codes);
        }
        for lexicon in self.lexicons.user_lexicons()? {
            builder.lexicon(lexicon);
        }
        builder.jargon(self.jargon.iter().map(|arg| parse_jargon(arg)));
        for path in &self.glossary {
            builder.jargon(parse_glossary_file(path)?);
        }
        builder.disable_rules(self.disabled.iter().cloned());
        builder.min_severity(self.min_severity.into());
        builder.detected_language_only(self.detected_language_only);
        Ok(builder.build()?)
    }
}

/// Reads and parses one lexicon file; errors name the file and line.
pub fn parse_lexicon_file(path: &Path) -> Result<Lexicon, Fail> {
    let source = read_utf8_file(path)?;
    Ok(Lexicon::parse(&path.display().to_string(), &source)?)
}

/// `TERM` or `TERM=REPLACEMENT`.
fn parse_jargon(arg: &str) -> GlossaryEntry {
    match arg.split_once('=') {
        Some((term, replacement)) if !replacement.trim().is_empty() => {
            (term.trim(), replacement.trim()).into()
        }
        Some((term, _)) => term.trim().into(),
        None => arg.trim().into(),
    }
}

/// Parses a glossary file: `term` or `term = replacement` per line, `#` comment lines.
pub fn parse_glossary(name: &str, source: &str) -> Result<Vec<GlossaryEntry>, Fail> {
    let mut entries = Vec::new();
    for (index, line) in source.lines().enumerate() {
        let line = line.trim().trim_start_matches('\u{feff}');
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let entry = parse_jargon(line);
        if entry.term.is_empty() {
            return Err(Fail(format!(
                "{name}:{}: glossary entry has no term before `=`",
                index + 1
            )));
        }
        entries.push(entry);
    }
    Ok(entries)
}

fn parse_glossary_file(path: &Path) -> Result<Vec<GlossaryEntry>, Fail> {
    parse_glossary(&path.display().to_string(), &read_utf8_file(path)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glossary_lines_are_terms_with_optional_replacements_and_comments_are_skipped() {
        let entries =
            parse_glossary("g.txt", "# our words\nRMA = return label\n\n  L2 queue  \nC#\n").unwrap();
        assert_eq!(
            entries,
            vec![
                GlossaryEntry::from(("RMA", "return label")),
                GlossaryEntry::from("L2 queue"),
                GlossaryEntry::from("C#"),
            ]
        );
    }

    #[test]
    fn glossary_entry_without_term_names_file_and_line() {
        let err = parse_glossary("g.txt", "RMA\n= plain words\n").unwrap_err();
        assert_eq!(err.0, "g.txt:2: glossary entry has no term before `=`");
    }

    #[test]
    fn empty_languages_value_means_no_builtin_language() {
        let args = LexiconArgs {
            languages: Some(String::new()),
            lexicons: vec![],
        };
        assert_eq!(args.language_codes(), Some(vec![]));
        let args = LexiconArgs {
            languages: Some("en, ru".into()),
            lexicons: vec![],
        };
        assert_eq!(
            args.language_codes(),
            Some(vec!["en".to_string(), "ru".to_string()])
        );
    }
}
