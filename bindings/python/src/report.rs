//! `replylint.Report` and `replylint.Finding`: wrappers of the core's types whose spans are in
//! Python string indices (code points).

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use pyo3::exceptions::{PyIndexError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyIterator, PyList, PyString, PyType};

/// `repr()` of a Python string, for `__repr__`s that Python users can read back.
fn py_repr(py: Python<'_>, s: &str) -> PyResult<String> {
    Ok(PyString::new(py, s).repr()?.to_string())
}

/// A shortened text for `__repr__`: at most `max` characters, with `…` when cut.
fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_string(),
    }
}

/// What `__reduce__` returns: the callable that rebuilds the object, and its arguments.
type Reduced<'py, Args> = (Bound<'py, PyAny>, Args);

fn from_json<T: serde::de::DeserializeOwned>(what: &str, json: &str) -> PyResult<T> {
    serde_json::from_str(json)
        .map_err(|e| PyValueError::new_err(format!("cannot restore a pickled {what}: {e}")))
}

fn to_json<T: serde::Serialize>(value: &T) -> PyResult<String> {
    serde_json::to_string(value).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// One phrase a rule found in a reply: what it is, why it hurts and what to write instead.
///
/// ``start`` and ``end`` are Python string indices into the analysed text, so
/// ``text[finding.start:finding.end] == finding.text`` in every language, emoji included.
/// Findings compare equal when every field is equal, and are hashable.
#[pyclass(module = "replylint", name = "Finding", frozen)]
pub struct PyFinding(pub replylint::Finding);

#[pymethods]
impl PyFinding {
    /// The full rule id, e.g. ``"en.company-policy"`` or ``"core.unexplained-acronym"``.
    #[getter]
    fn rule_id(&self) -> &str {
        self.0.rule_id()
    }

    /// The category, e.g. ``"policy_hiding"`` (one of :data:`replylint.CATEGORIES`).
    #[getter]
    fn category(&self) -> &'static str {
        self.0.category().as_str()
    }

    /// ``"info"``, ``"warning"`` or ``"error"`` (always ``"info"`` for positive signals).
    #[getter]
    fn severity(&self) -> &'static str {
        self.0.severity().as_str()
    }

    /// The language of the rule that fired (``"und"`` for rules of no language).
    #[getter]
    fn language(&self) -> &str {
        self.0.language()
    }

    /// The original text of the span.
    #[getter]
    fn text(&self) -> &str {
        self.0.text()
    }

    /// Where the span starts, as a Python string index (code points).
    #[getter]
    fn start(&self) -> usize {
        self.0.char_span().start
    }

    /// Where the span ends (exclusive), as a Python string index (code points).
    #[getter]
    fn end(&self) -> usize {
        self.0.char_span().end
    }

    /// Why the phrase hurts, in the rule's language.
    #[getter]
    fn explanation(&self) -> &str {
        self.0.explanation()
    }

    /// What to write instead, in the rule's language.
    #[getter]
    fn suggestion(&self) -> &str {
        self.0.suggestion()
    }

    /// ``True`` for positive signals (empathy, apology, ownership, follow-up).
    #[getter]
    fn is_positive(&self) -> bool {
        self.0.category().is_positive()
    }

    /// The finding as a plain dict with the keys ``rule_id``, ``category``, ``severity``,
    /// ``language``, ``text``, ``start``, ``end``, ``explanation`` and ``suggestion``.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let f = &self.0;
        let dict = PyDict::new(py);
        dict.set_item("rule_id", f.rule_id())?;
        dict.set_item("category", f.category().as_str())?;
        dict.set_item("severity", f.severity().as_str())?;
        dict.set_item("language", f.language())?;
        dict.set_item("text", f.text())?;
        dict.set_item("start", f.char_span().start)?;
        dict.set_item("end", f.char_span().end)?;
        dict.set_item("explanation", f.explanation())?;
        dict.set_item("suggestion", f.suggestion())?;
        Ok(dict)
    }

    fn __eq__(&self, other: PyRef<'_, Self>) -> bool {
        self.0 == other.0
    }

    fn __hash__(&self) -> u64 {
        let mut hasher = DefaultHasher::new();
        (self.0.rule_id(), self.0.span(), self.0.text()).hash(&mut hasher);
        hasher.finish()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let f = &self.0;
        Ok(format!(
            "Finding(rule_id={}, category={}, severity={}, text={}, start={}, end={})",
            py_repr(py, f.rule_id())?,
            py_repr(py, f.category().as_str())?,
            py_repr(py, f.severity().as_str())?,
            py_repr(py, f.text())?,
            f.char_span().start,
            f.char_span().end,
        ))
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Reduced<'py, (String,)>> {
        let restore = slf.get_type().getattr("_from_state")?;
        Ok((restore, (to_json(&slf.get().0)?,)))
    }

    /// Rebuilds a finding from its pickled state (used by :mod:`pickle`).
    #[classmethod]
    fn _from_state(_cls: &Bound<'_, PyType>, state: &str) -> PyResult<PyFinding> {
        Ok(PyFinding(from_json("Finding", state)?))
    }
}

/// What one reply gets: its findings in text order, counts per category and a score.
///
/// A report is a sequence of its findings: ``len(report)``, ``for finding in report`` and
/// ``report[0]`` work (so a report with no findings is falsy). It keeps the analysed
/// ``text``, and in Jupyter it shows the reply with the findings highlighted.
#[pyclass(module = "replylint", name = "Report", frozen, sequence)]
pub struct PyReport {
    report: replylint::Report,
    text: Py<PyString>,
}

impl PyReport {
    pub(crate) fn new(report: replylint::Report, text: Py<PyString>) -> PyReport {
        PyReport { report, text }
    }

    fn findings_list<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, self.report.findings().iter().map(|f| PyFinding(f.clone())))
    }
}

#[pymethods]
impl PyReport {
    /// The analysed text.
    #[getter]
    fn text(&self, py: Python<'_>) -> Py<PyString> {
        self.text.clone_ref(py)
    }

    /// Every :class:`Finding`, positive signals included, ordered by start, then end.
    #[getter]
    fn findings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        self.findings_list(py)
    }

    /// How many findings of each category: a dict with every category as a key, in the order
    /// of :data:`replylint.CATEGORIES` (most counts are 0).
    #[getter]
    fn counts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (category, count) in self.report.counts() {
            dict.set_item(category.as_str(), count)?;
        }
        Ok(dict)
    }

    /// The reply's score from 0 to 100: 90 for a neutral reply, minus 2/6/12 per
    /// info/warning/error problem, plus 5 per positive category present.
    #[getter]
    fn score(&self) -> u8 {
        self.report.score()
    }

    /// ``True`` when nothing but positive signals was found.
    #[getter]
    fn is_clean(&self) -> bool {
        self.report.is_clean()
    }

    /// The highest severity among the problems found (``"info"``, ``"warning"``,
    /// ``"error"``), or ``None`` for a clean reply.
    #[getter]
    fn max_severity(&self) -> Option<&'static str> {
        self.report.max_severity().map(|s| s.as_str())
    }

    /// The promises with deadlines the reply makes, in text order, each a dict: ``text`` (the
    /// sentence), ``start`` and ``end`` (string indices), ``deadline`` (as written),
    /// ``deadline_hours`` (``int`` or ``None``) and ``guaranteed`` (``bool``).
    #[getter]
    fn commitments<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for c in self.report.commitments() {
            let dict = PyDict::new(py);
            dict.set_item("text", c.text())?;
            dict.set_item("start", c.char_span().start)?;
            dict.set_item("end", c.char_span().end)?;
            dict.set_item("deadline", c.deadline())?;
            dict.set_item("deadline_hours", c.deadline_hours())?;
            dict.set_item("guaranteed", c.guaranteed())?;
            list.append(dict)?;
        }
        Ok(list)
    }

    /// The report as plain data: ``{"text", "score", "counts", "findings", "commitments"}``,
    /// the findings as :meth:`Finding.to_dict` gives them.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("text", self.text.bind(py))?;
        dict.set_item("score", self.report.score())?;
        dict.set_item("counts", self.counts(py)?)?;
        let findings = PyList::empty(py);
        for f in self.report.findings() {
            findings.append(PyFinding(f.clone()).to_dict(py)?)?;
        }
        dict.set_item("findings", findings)?;
        dict.set_item("commitments", self.commitments(py)?)?;
        Ok(dict)
    }

    /// The reply as HTML with every finding highlighted in its category's colour, a legend,
    /// and the explanation and suggestion on hover. Jupyter calls this to show a report.
    fn _repr_html_(slf: &Bound<'_, Self>) -> PyResult<String> {
        let py = slf.py();
        py.import("replylint._html")?
            .call_method1("report_html", (slf,))?
            .extract()
    }

    fn __len__(&self) -> usize {
        self.report.findings().len()
    }

    fn __getitem__(&self, index: isize) -> PyResult<PyFinding> {
        let len = self.report.findings().len() as isize;
        let at = if index < 0 { index + len } else { index };
        if !(0..len).contains(&at) {
            return Err(PyIndexError::new_err("report index out of range"));
        }
        Ok(PyFinding(self.report.findings()[at as usize].clone()))
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyIterator>> {
        self.findings_list(py)?.as_any().try_iter()
    }

    fn __eq__(&self, py: Python<'_>, other: PyRef<'_, Self>) -> PyResult<bool> {
        Ok(self.report == other.report && self.text.bind(py).as_any().eq(other.text.bind(py))?)
    }

    fn __hash__(&self, py: Python<'_>) -> PyResult<isize> {
        Ok(self.text.bind(py).hash()? ^ isize::from(self.report.score()))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let found: Vec<String> = self
            .report
            .counts()
            .iter()
            .filter(|(_, &n)| n > 0)
            .map(|(c, n)| format!("'{c}': {n}"))
            .collect();
        let text = self.text.bind(py).to_cow()?;
        Ok(format!(
            "Report(score={}, counts={{{}}}, text={})",
            self.report.score(),
            found.join(", "),
            py_repr(py, &shorten(&text, 60))?
        ))
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Reduced<'py, (Py<PyString>, String)>> {
        let py = slf.py();
        let restore = slf.get_type().getattr("_from_state")?;
        let this = slf.get();
        Ok((restore, (this.text.clone_ref(py), to_json(&this.report)?)))
    }

    /// Rebuilds a report from its pickled state (used by :mod:`pickle`).
    #[classmethod]
    fn _from_state(_cls: &Bound<'_, PyType>, text: Bound<'_, PyString>, state: &str) -> PyResult<PyReport> {
        Ok(PyReport::new(from_json("Report", state)?, text.unbind()))
    }
}
