//! The Python extension module `replylint._replylint`, re-exported by the `replylint`
//! package (`bindings/python/python/replylint`).
//!
//! The binding is thin: it converts types and maps errors. Every rule, every check of the
//! configuration and every span conversion is the core's (`crates/replylint`); spans are the
//! core's [`char_span`](replylint::Finding::char_span), which are Python string indices.
//!
//! * [`analyzer`]: `Analyzer` (configuration in, reports out; pickles as its configuration).
//! * [`report`]: `Report` and `Finding`.
//! * [`conversation`]: `Turn`, `ConversationReport`, `ConversationFinding`, `Scorecard` and
//!   `scorecards()`.
//! * [`arrow`]: the Arrow batch path (`analyze_arrow`, `score_arrow`, the Polars namespace).
//! * [`convert`]: Python arguments to Rust values, with `TypeError`s that say what was given.
//! * [`error`]: the one conversion of [`replylint::Error`] to `ValueError`.

mod analyzer;
mod arrow;
mod conversation;
mod convert;
mod error;
mod report;

use pyo3::prelude::*;

/// Analyses one reply with the default analyzer (every built-in language, default settings;
/// built once, on first use) and returns its :class:`Report`.
///
/// Raises:
///     TypeError: ``text`` is not a ``str``.
#[pyfunction]
fn analyze(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<report::PyReport> {
    analyzer::analyze_one(py, &replylint::Analyzer::new(), "analyze()", text)
}

/// Analyses many replies with the default analyzer on every core, with the GIL released;
/// the reports come back in the order of the texts.
///
/// Raises:
///     TypeError: ``texts`` is a ``str`` or not iterable, or an item is not a ``str``.
#[pyfunction]
fn analyze_many(py: Python<'_>, texts: &Bound<'_, PyAny>) -> PyResult<Vec<report::PyReport>> {
    analyzer::analyze_many(py, &replylint::Analyzer::new(), "analyze_many()", texts)
}

/// The expanded patterns of the built-in rules: ``(language, rule_id, literal)`` for every
/// literal the automaton searches for, normalised (lowercase, NFC, plain quotes).
///
/// Args:
///     languages: only these language codes; default: every built-in language.
///
/// Raises:
///     ValueError: an unknown language code.
#[pyfunction]
#[pyo3(signature = (languages=None))]
fn builtin_patterns(languages: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<(String, String, String)>> {
    let codes = languages
        .map(|l| convert::string_list("builtin_patterns() argument 'languages'", l))
        .transpose()?;
    let lexicons = replylint::builtin_lexicons();
    if let Some(codes) = &codes {
        // Let the core say which codes exist.
        replylint::Analyzer::builder()
            .languages(codes.iter().cloned())
            .build()
            .map_err(error::to_py_err)?;
    }
    Ok(lexicons
        .iter()
        .filter(|l| codes.as_ref().is_none_or(|c| c.contains(&l.language().code)))
        .flat_map(|l| {
            l.rules().iter().flat_map(move |rule| {
                rule.literals()
                    .into_iter()
                    .map(move |lit| (l.language().code.clone(), rule.id.clone(), lit))
            })
        })
        .collect())
}

/// replylint: finds the phrases in customer-service replies that drive customers away and
/// says why and what to write instead. See the ``replylint`` package for the documentation.
#[pymodule]
fn _replylint(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<analyzer::PyAnalyzer>()?;
    m.add_class::<report::PyReport>()?;
    m.add_class::<report::PyFinding>()?;
    m.add_class::<conversation::PyTurn>()?;
    m.add_class::<conversation::PyConversationReport>()?;
    m.add_class::<conversation::PyConversationFinding>()?;
    m.add_class::<conversation::PyScorecard>()?;
    m.add_function(wrap_pyfunction!(conversation::scorecards, m)?)?;
    m.add_function(wrap_pyfunction!(analyze, m)?)?;
    m.add_function(wrap_pyfunction!(analyze_many, m)?)?;
    m.add_function(wrap_pyfunction!(builtin_patterns, m)?)?;
    let categories: Vec<&str> = replylint::Category::ALL.iter().map(|c| c.as_str()).collect();
    let positive: Vec<&str> = replylint::Category::ALL
        .iter()
        .filter(|c| c.is_positive())
        .map(|c| c.as_str())
        .collect();
    m.add("CATEGORIES", pyo3::types::PyTuple::new(m.py(), categories)?)?;
    m.add(
        "POSITIVE_CATEGORIES",
        pyo3::types::PyFrozenSet::new(m.py(), positive)?,
    )?;
    let severities = [
        replylint::Severity::Info,
        replylint::Severity::Warning,
        replylint::Severity::Error,
    ];
    m.add(
        "SEVERITIES",
        pyo3::types::PyTuple::new(m.py(), severities.map(|s| s.as_str()))?,
    )?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
