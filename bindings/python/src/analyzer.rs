//! `replylint.Analyzer`: a configured [`replylint::Analyzer`] plus the arguments it was built
//! from, so it pickles as its configuration.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use pyo3::prelude::*;
use pyo3::types::{PyList, PyTuple};

use crate::conversation::{self, PyConversationReport};
use crate::convert::{self, LexiconArg};
use crate::error::to_py_err;
use crate::report::PyReport;

/// The constructor arguments, in canonical form: what `__reduce__` hands back.
#[derive(Clone, Debug, PartialEq)]
struct Config {
    languages: Option<Vec<String>>,
    jargon: Vec<(String, Option<String>)>,
    disabled_rules: Vec<String>,
    min_severity: Option<replylint::Severity>,
    lexicons: Vec<LexiconArg>,
    skip_quoted: bool,
    sla_hours: Option<u32>,
    opener_similarity: f64,
    absence_rules: bool,
}

impl Eq for Config {}

impl Hash for Config {
    fn hash<H: Hasher>(&self, state: &mut H) {
        let c = self;
        (
            &c.languages,
            &c.jargon,
            &c.disabled_rules,
            &c.min_severity,
            &c.lexicons,
        )
            .hash(state);
        (
            c.skip_quoted,
            c.sla_hours,
            c.opener_similarity.to_bits(),
            c.absence_rules,
        )
            .hash(state);
    }
}

impl Default for Config {
    fn default() -> Config {
        Config {
            languages: None,
            jargon: Vec::new(),
            disabled_rules: Vec::new(),
            min_severity: None,
            lexicons: Vec::new(),
            skip_quoted: true,
            sla_hours: None,
            opener_similarity: replylint::DEFAULT_OPENER_SIMILARITY,
            absence_rules: false,
        }
    }
}

impl Config {
    fn build(&self) -> Result<replylint::Analyzer, replylint::Error> {
        let mut builder = replylint::Analyzer::builder();
        if let Some(languages) = &self.languages {
            builder.languages(languages.iter().cloned());
        }
        for (i, lexicon) in self.lexicons.iter().enumerate() {
            match lexicon {
                LexiconArg::Text(source) => builder.lexicon_str(&format!("lexicons[{i}]"), source),
                LexiconArg::File(path) => builder.lexicon_file(path),
            };
        }
        builder.jargon(
            self.jargon
                .iter()
                .map(|(term, replacement)| replylint::GlossaryEntry {
                    term: term.clone(),
                    replacement: replacement.clone(),
                }),
        );
        builder.disable_rules(self.disabled_rules.iter().cloned());
        if let Some(severity) = self.min_severity {
            builder.min_severity(severity);
        }
        builder.skip_quoted(self.skip_quoted);
        if let Some(hours) = self.sla_hours {
            builder.sla_hours(hours);
        }
        builder.opener_similarity(self.opener_similarity);
        builder.absence_rules(self.absence_rules);
        builder.build()
    }
}

/// Analyses customer-service replies.
///
/// Build one per configuration and reuse it: building compiles every active pattern into one
/// automaton (milliseconds); analysing is fast, releases the GIL, and is safe from any
/// number of threads.
///
/// Args:
///     languages: built-in lexicons to use, by code (``["en", "ru"]``). Default: all of them.
///         An empty list keeps only the shape checks, your ``jargon`` and your ``lexicons``.
///     jargon: your company's jargon, reported as ``core.glossary``: a list of terms, of
///         ``(term, replacement)`` pairs (the replacement may be ``None``), or a dict
///         term → replacement.
///     disabled_rules: rule ids to turn off (``"en.company-policy"``, ``"core.shouting"``).
///     min_severity: ``"info"`` (default), ``"warning"`` or ``"error"``: drop problems below it.
///     lexicons: extra lexicons, each TOML text (``str``) or a file (``pathlib.Path``).
///     skip_quoted: skip text the agent only quotes (quotation marks, ``>`` lines, "On …
///         wrote:" history). Default ``True``.
///     sla_hours: your service-level target in hours; a promised deadline later than it is
///         reported as ``core.over-sla``. Default ``None``.
///     opener_similarity: how close (0 to 1) an opening sentence must come to a canned
///         opener to be reported as one. Default ``0.8``; ``0`` turns it off.
///     absence_rules: report replies to complaints without a next step and closings without
///         an offer of help (``core.no-next-step``, ``core.no-offer-of-help``). Default ``False``.
///
/// Raises:
///     ValueError: the configuration is wrong (unknown language, rule id or severity, a bad
///         lexicon or glossary term); the message says what to fix.
///     TypeError: an argument has the wrong type.
///
/// An analyzer pickles as its arguments and is rebuilt on unpickling, so it can be shipped
/// to Dask or Spark workers. Lexicon files must then exist on the workers too.
#[pyclass(module = "replylint", name = "Analyzer", frozen)]
pub struct PyAnalyzer {
    config: Config,
    inner: replylint::Analyzer,
}

#[pymethods]
impl PyAnalyzer {
    #[new]
    #[pyo3(signature = (languages=None, jargon=None, disabled_rules=None, min_severity=None, lexicons=None, skip_quoted=true, sla_hours=None, opener_similarity=0.8, absence_rules=false))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        languages: Option<&Bound<'_, PyAny>>,
        jargon: Option<&Bound<'_, PyAny>>,
        disabled_rules: Option<&Bound<'_, PyAny>>,
        min_severity: Option<&Bound<'_, PyAny>>,
        lexicons: Option<&Bound<'_, PyAny>>,
        skip_quoted: bool,
        sla_hours: Option<u32>,
        opener_similarity: f64,
        absence_rules: bool,
    ) -> PyResult<PyAnalyzer> {
        let config = Config {
            languages: languages
                .map(|l| convert::string_list("Analyzer() argument 'languages'", l))
                .transpose()?,
            jargon: jargon.map(convert::jargon).transpose()?.unwrap_or_default(),
            disabled_rules: disabled_rules
                .map(|d| convert::string_list("Analyzer() argument 'disabled_rules'", d))
                .transpose()?
                .unwrap_or_default(),
            min_severity: min_severity.map(convert::severity).transpose()?,
            lexicons: lexicons.map(convert::lexicons).transpose()?.unwrap_or_default(),
            skip_quoted,
            sla_hours,
            opener_similarity,
            absence_rules,
        };
        let inner = py.detach(|| config.build()).map_err(to_py_err)?;
        Ok(PyAnalyzer { config, inner })
    }

    /// Analyses one reply and returns its :class:`Report`. Never fails on any ``str``.
    ///
    /// Args:
    ///     customer: ``(start, end)`` string indices of the customer's words in ``text`` (a
    ///         pasted message): nothing is reported there.
    ///
    /// Raises:
    ///     TypeError: ``text`` is not a ``str``, or ``customer`` not pairs of ints.
    #[pyo3(signature = (text, customer=None))]
    fn analyze(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        customer: Option<Vec<(usize, usize)>>,
    ) -> PyResult<PyReport> {
        match customer {
            None => analyze_one(py, &self.inner, "analyze()", text),
            Some(ranges) => {
                let (string, backed) = convert::text("analyze()", text)?;
                let bytes = convert::char_ranges_to_bytes(&backed, &ranges);
                let report = py.detach(|| self.inner.analyze_marked(&backed, &bytes));
                Ok(PyReport::new(report, string.unbind()))
            }
        }
    }

    /// Analyses a conversation: every agent turn like a reply, the customer turns for
    /// complaint signals, and the conversation as a whole (see ``docs/conversations.md``).
    ///
    /// Args:
    ///     turns: the turns, oldest first: :class:`Turn` objects or dicts with the keys of
    ///         ``Turn()`` (``role``, ``text``, and optionally ``agent`` and ``time``).
    ///     id: the conversation's id.
    ///     first_response_secs: the first answer's target (default one hour).
    ///     customer_wait_secs: every later answer's target (default four hours).
    ///     canned_sentence_min_words: shortest sentence counted as canned when repeated.
    ///
    /// Raises:
    ///     ValueError: an unknown role or an unreadable time.
    ///     TypeError: ``turns`` is not an iterable of ``Turn`` or ``dict``.
    #[pyo3(signature = (turns, id="", *, first_response_secs=None, customer_wait_secs=None, canned_sentence_min_words=None))]
    fn analyze_conversation(
        &self,
        py: Python<'_>,
        turns: &Bound<'_, PyAny>,
        id: &str,
        first_response_secs: Option<i64>,
        customer_wait_secs: Option<i64>,
        canned_sentence_min_words: Option<usize>,
    ) -> PyResult<PyConversationReport> {
        let conversation = replylint::Conversation::new(id, conversation::turns(turns)?);
        let defaults = replylint::ConversationOptions::default();
        let options = replylint::ConversationOptions {
            first_response_secs: first_response_secs.unwrap_or(defaults.first_response_secs),
            customer_wait_secs: customer_wait_secs.unwrap_or(defaults.customer_wait_secs),
            canned_sentence_min_words: canned_sentence_min_words
                .unwrap_or(defaults.canned_sentence_min_words),
        };
        let report = py.detach(|| self.inner.analyze_conversation_with(&conversation, &options));
        Ok(PyConversationReport(report))
    }

    /// Analyses many replies on every core, with the GIL released, and returns their
    /// reports in the same order. Use it rather than :meth:`analyze` in a loop for anything
    /// bigger than a handful of replies.
    ///
    /// Args:
    ///     texts: any iterable of ``str`` (a list, a tuple, a generator, a pandas Series
    ///         without missing values).
    ///
    /// Raises:
    ///     TypeError: ``texts`` is a ``str`` or not iterable, or an item is not a ``str``.
    fn analyze_many(&self, py: Python<'_>, texts: &Bound<'_, PyAny>) -> PyResult<Vec<PyReport>> {
        analyze_many(py, &self.inner, "analyze_many()", texts)
    }

    /// Analyses a column of replies given as Arrow strings and returns one row per finding,
    /// as a ``pyarrow.Table``. The text is read in place (no copy), on every core, with the
    /// GIL released.
    ///
    /// The table's columns: ``row`` (the reply's position in ``array``), ``rule_id``,
    /// ``category``, ``severity``, ``language``, ``start`` and ``end`` (code points, Python
    /// string indices into the reply), ``text`` (the phrase), ``explanation`` and
    /// ``suggestion``. Null replies have no findings.
    ///
    /// Args:
    ///     array: a ``string``, ``large_string`` or ``string_view`` array, a dictionary of
    ///         them, or a chunked array: anything with ``__arrow_c_array__`` or
    ///         ``__arrow_c_stream__`` (pyarrow, a polars Series, nanoarrow, arro3).
    ///
    /// Raises:
    ///     TypeError: ``array`` is not an Arrow array of strings.
    ///     ImportError: pyarrow is not installed (``pip install replylint[arrow]``).
    fn analyze_arrow<'py>(&self, array: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        crate::arrow::analyze_arrow(&self.inner, array)
    }

    /// The score (0–100) of every reply of an Arrow string column, as a ``pyarrow.Array`` of
    /// ``uint8`` as long as ``array``, null where the reply is null. Reads the text in
    /// place, on every core, with the GIL released.
    ///
    /// Args:
    ///     array: as for :meth:`analyze_arrow`.
    ///
    /// Raises:
    ///     TypeError: ``array`` is not an Arrow array of strings.
    ///     ImportError: pyarrow is not installed (``pip install replylint[arrow]``).
    fn score_arrow<'py>(&self, array: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        crate::arrow::score_arrow(&self.inner, array)
    }

    /// :meth:`score_arrow` without pyarrow: an object that exports the scores through
    /// ``__arrow_c_array__`` (used by :mod:`replylint.polars`).
    fn _score_arrow_export(&self, array: &Bound<'_, PyAny>) -> PyResult<pyo3_arrow::PyArray> {
        crate::arrow::score_to_array(&self.inner, "score()", array)
    }

    /// The findings of every reply as a list of structs (null for a null reply), exported
    /// through ``__arrow_c_stream__`` (used by :mod:`replylint.polars`).
    fn _findings_arrow_export(&self, array: &Bound<'_, PyAny>) -> PyResult<pyo3_arrow::PyChunkedArray> {
        crate::arrow::findings_to_lists(&self.inner, "findings()", array)
    }

    /// The codes of the active languages, built-in lexicons first (``["en", "ru"]``).
    #[getter]
    fn languages(&self) -> Vec<String> {
        self.inner.languages().to_vec()
    }

    /// The minimum severity of the problems reported: ``"info"``, ``"warning"`` or ``"error"``.
    #[getter]
    fn min_severity(&self) -> &'static str {
        self.config
            .min_severity
            .unwrap_or(replylint::Severity::Info)
            .as_str()
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let this = slf.get();
        let args = PyTuple::new(py, this.args(py)?.into_iter().map(|(_, v)| v))?;
        Ok((slf.get_type().into_any(), args))
    }

    fn __eq__(&self, other: PyRef<'_, Self>) -> bool {
        self.config == other.config
    }

    fn __hash__(&self) -> u64 {
        let mut hasher = DefaultHasher::new();
        self.config.hash(&mut hasher);
        hasher.finish()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let defaults = Config::default();
        let args = self.args(py)?;
        let mut shown = Vec::new();
        for (name, value) in args {
            let is_default = match name {
                "languages" => self.config.languages == defaults.languages,
                "jargon" => self.config.jargon == defaults.jargon,
                "disabled_rules" => self.config.disabled_rules == defaults.disabled_rules,
                "min_severity" => self.config.min_severity == defaults.min_severity,
                "skip_quoted" => self.config.skip_quoted == defaults.skip_quoted,
                "sla_hours" => self.config.sla_hours == defaults.sla_hours,
                "opener_similarity" => self.config.opener_similarity == defaults.opener_similarity,
                "absence_rules" => self.config.absence_rules == defaults.absence_rules,
                _ => self.config.lexicons == defaults.lexicons,
            };
            if !is_default {
                shown.push(format!("{name}={}", value.repr()?));
            }
        }
        Ok(format!("Analyzer({})", shown.join(", ")))
    }
}

impl PyAnalyzer {
    /// The constructor arguments as Python values, by name, in signature order.
    fn args<'py>(&self, py: Python<'py>) -> PyResult<Vec<(&'static str, Bound<'py, PyAny>)>> {
        let c = &self.config;
        let jargon = PyList::empty(py);
        for (term, replacement) in &c.jargon {
            jargon.append((term, replacement))?;
        }
        let lexicons = PyList::empty(py);
        for lexicon in &c.lexicons {
            match lexicon {
                LexiconArg::Text(source) => lexicons.append(source)?,
                LexiconArg::File(path) => lexicons.append(path)?,
            }
        }
        Ok(vec![
            ("languages", c.languages.clone().into_pyobject(py)?),
            ("jargon", jargon.into_any()),
            ("disabled_rules", c.disabled_rules.clone().into_pyobject(py)?),
            (
                "min_severity",
                c.min_severity.map(|s| s.as_str()).into_pyobject(py)?,
            ),
            ("lexicons", lexicons.into_any()),
            (
                "skip_quoted",
                c.skip_quoted.into_pyobject(py)?.to_owned().into_any(),
            ),
            ("sla_hours", c.sla_hours.into_pyobject(py)?),
            (
                "opener_similarity",
                c.opener_similarity.into_pyobject(py)?.into_any(),
            ),
            (
                "absence_rules",
                c.absence_rules.into_pyobject(py)?.to_owned().into_any(),
            ),
        ])
    }
}

/// Analyses one `str` with the GIL released.
pub(crate) fn analyze_one(
    py: Python<'_>,
    analyzer: &replylint::Analyzer,
    what: &str,
    text: &Bound<'_, PyAny>,
) -> PyResult<PyReport> {
    let (string, backed) = convert::text(what, text)?;
    let report = py.detach(|| analyzer.analyze(&backed));
    Ok(PyReport::new(report, string.unbind()))
}

/// Analyses an iterable of `str` on every core with the GIL released.
pub(crate) fn analyze_many(
    py: Python<'_>,
    analyzer: &replylint::Analyzer,
    what: &str,
    texts: &Bound<'_, PyAny>,
) -> PyResult<Vec<PyReport>> {
    let (strings, backed) = convert::texts(what, texts)?;
    let reports = py.detach(|| analyzer.analyze_batch(&backed));
    Ok(reports
        .into_iter()
        .zip(strings)
        .map(|(report, text)| PyReport::new(report, text.unbind()))
        .collect())
}
