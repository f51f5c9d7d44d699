//! `replylint.Turn`, `replylint.ConversationReport`, `replylint.ConversationFinding` and
//! `replylint.Scorecard`: wrappers of the core's conversation types.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};

use crate::error::{expected, to_py_err, type_name};
use crate::report::{PyFinding, PyReport};

/// One message of a conversation.
///
/// Args:
///     role: ``"agent"`` or ``"customer"``.
///     text: what was written.
///     agent: the agent's id or name (agent turns).
///     time: when it was sent: seconds since 1970-01-01 UTC (``int`` or ``float``), a
///         ``datetime`` (naive ones are taken as local time, as ``datetime.timestamp`` does),
///         or RFC 3339 text (``"2026-03-02T09:00:00Z"``).
///
/// Raises:
///     ValueError: an unknown role or an unreadable time.
///     TypeError: an argument has the wrong type.
#[pyclass(module = "replylint", name = "Turn", frozen)]
#[derive(Clone)]
pub struct PyTurn(pub replylint::Turn);

#[pymethods]
impl PyTurn {
    #[new]
    #[pyo3(signature = (role, text, agent=None, time=None))]
    fn new(
        role: &Bound<'_, PyAny>,
        text: &Bound<'_, PyAny>,
        agent: Option<&Bound<'_, PyAny>>,
        time: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyTurn> {
        let role: String = role
            .extract()
            .map_err(|_| expected("Turn() argument 'role'", "str", role))?;
        let text: String = text
            .extract()
            .map_err(|_| expected("Turn() argument 'text'", "str", text))?;
        let agent = match agent {
            Some(a) if !a.is_none() => Some(
                a.extract::<String>()
                    .map_err(|_| expected("Turn() argument 'agent'", "str or None", a))?,
            ),
            _ => None,
        };
        Ok(PyTurn(replylint::Turn {
            role: role.parse().map_err(to_py_err)?,
            agent,
            time: time.map(seconds).transpose()?.flatten(),
            text,
        }))
    }

    /// ``"agent"`` or ``"customer"``.
    #[getter]
    fn role(&self) -> &'static str {
        self.0.role.as_str()
    }

    /// What was written.
    #[getter]
    fn text(&self) -> &str {
        &self.0.text
    }

    /// The agent's id, or ``None``.
    #[getter]
    fn agent(&self) -> Option<&str> {
        self.0.agent.as_deref()
    }

    /// When it was sent, in whole seconds since 1970-01-01 UTC, or ``None``.
    #[getter]
    fn time(&self) -> Option<i64> {
        self.0.time
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Turn({}, {}, agent={}, time={})",
            PyString::new(py, self.0.role.as_str()).repr()?,
            PyString::new(py, &self.0.text).repr()?,
            self.0
                .agent
                .as_deref()
                .map_or(Ok("None".to_string()), |a| PyString::new(py, a)
                    .repr()
                    .map(|r| r.to_string()))?,
            self.0.time.map_or("None".to_string(), |t| t.to_string())
        ))
    }
}

/// A time argument as seconds: `None`, a number, a `datetime` or RFC 3339 text.
fn seconds(obj: &Bound<'_, PyAny>) -> PyResult<Option<i64>> {
    if obj.is_none() {
        return Ok(None);
    }
    if obj.is_instance_of::<PyString>() {
        let text: String = obj.extract()?;
        return replylint::parse_time(&text).map(Some).map_err(to_py_err);
    }
    if let Ok(s) = obj.extract::<i64>() {
        return Ok(Some(s));
    }
    let number = if obj.hasattr("timestamp")? {
        obj.call_method0("timestamp")?
    } else {
        obj.clone()
    };
    let s: f64 = number.extract().map_err(|_| {
        expected(
            "Turn() argument 'time'",
            "seconds (int or float), a datetime, RFC 3339 text or None",
            obj,
        )
    })?;
    replylint::parse_time(&s.to_string()).map(Some).map_err(to_py_err)
}

/// The turns of `analyze_conversation`: `Turn`s, or dicts with the keys of `Turn()`.
pub(crate) fn turns(obj: &Bound<'_, PyAny>) -> PyResult<Vec<replylint::Turn>> {
    let what = "analyze_conversation() argument 'turns'";
    if obj.is_instance_of::<PyString>() {
        return Err(expected(what, "an iterable of Turn or dict", obj));
    }
    let iter = obj
        .try_iter()
        .map_err(|_| expected(what, "an iterable of Turn or dict", obj))?;
    iter.enumerate()
        .map(|(i, item)| {
            let item = item?;
            if let Ok(turn) = item.cast::<PyTurn>() {
                return Ok(turn.get().0.clone());
            }
            let Ok(dict) = item.cast::<PyDict>() else {
                return Err(PyTypeError::new_err(format!(
                    "{what} expected an iterable of Turn or dict, got {} at position {i}",
                    type_name(&item)
                )));
            };
            let get = |key: &str| dict.get_item(key);
            let missing =
                |key: &str| PyTypeError::new_err(format!("{what}: the dict at position {i} has no '{key}'"));
            let role = get("role")?.ok_or_else(|| missing("role"))?;
            let text = get("text")?.ok_or_else(|| missing("text"))?;
            let turn = PyTurn::new(&role, &text, get("agent")?.as_ref(), get("time")?.as_ref())?;
            Ok(turn.0)
        })
        .collect()
}

/// A finding about a conversation as a whole, pinned to the agent turn it is about.
#[pyclass(module = "replylint", name = "ConversationFinding", frozen)]
pub struct PyConversationFinding(replylint::ConversationFinding);

#[pymethods]
impl PyConversationFinding {
    /// The rule id, e.g. ``"conversation.no-empathy-after-complaint"``.
    #[getter]
    fn rule_id(&self) -> &str {
        &self.0.rule_id
    }
    /// ``"info"``, ``"warning"`` or ``"error"``.
    #[getter]
    fn severity(&self) -> &'static str {
        self.0.severity.as_str()
    }
    /// The index of the turn it is about.
    #[getter]
    fn turn(&self) -> usize {
        self.0.turn
    }
    /// The agent of that turn, or ``None``.
    #[getter]
    fn agent(&self) -> Option<&str> {
        self.0.agent.as_deref()
    }
    /// The measured value: seconds waited, or the repeated sentence; else ``None``.
    #[getter]
    fn detail(&self) -> Option<&str> {
        self.0.detail.as_deref()
    }
    /// Why it hurts.
    #[getter]
    fn explanation(&self) -> &str {
        &self.0.explanation
    }
    /// What to do instead.
    #[getter]
    fn suggestion(&self) -> &str {
        &self.0.suggestion
    }
    fn __repr__(&self) -> String {
        format!(
            "ConversationFinding(rule_id={:?}, turn={}, severity={:?})",
            self.0.rule_id,
            self.0.turn,
            self.0.severity.as_str()
        )
    }
}

/// What a conversation got: a :class:`Report` per agent turn, the complaint signals of the
/// customer turns, the conversation findings, the response times and a score.
#[pyclass(module = "replylint", name = "ConversationReport", frozen)]
pub struct PyConversationReport(pub replylint::ConversationReport);

#[pymethods]
impl PyConversationReport {
    /// The conversation's id.
    #[getter]
    fn id(&self) -> &str {
        &self.0.id
    }
    /// The conversation findings, by turn.
    #[getter]
    fn findings(&self) -> Vec<PyConversationFinding> {
        self.0
            .findings
            .iter()
            .cloned()
            .map(PyConversationFinding)
            .collect()
    }
    /// Per turn: the :class:`Report` of an agent turn, ``None`` for a customer turn.
    #[getter]
    fn reports(&self, py: Python<'_>) -> Vec<Option<PyReport>> {
        self.0
            .turns
            .iter()
            .map(|t| {
                t.report
                    .clone()
                    .map(|r| PyReport::new(r, PyString::new(py, &t.text).unbind()))
            })
            .collect()
    }
    /// Per turn: the complaint signals (:class:`Finding`, category ``"complaint"``) of a
    /// customer turn; empty for agent turns.
    #[getter]
    fn complaints(&self) -> Vec<Vec<PyFinding>> {
        self.0
            .turns
            .iter()
            .map(|t| t.complaints.iter().cloned().map(PyFinding).collect())
            .collect()
    }
    /// Per turn: for an agent turn that answers customer turns, the seconds since the first
    /// of them; else ``None``.
    #[getter]
    fn wait_secs(&self) -> Vec<Option<i64>> {
        self.0.turns.iter().map(|t| t.wait_secs).collect()
    }
    /// Seconds from the first customer turn to the first agent turn, or ``None``.
    #[getter]
    fn first_response_secs(&self) -> Option<i64> {
        self.0.first_response_secs
    }
    /// The longest a customer waited for an agent turn, in seconds, or ``None``.
    #[getter]
    fn longest_wait_secs(&self) -> Option<i64> {
        self.0.longest_wait_secs
    }
    /// 0–100: the mean score of the agent turns less the conversation findings' penalties;
    /// ``None`` without agent turns.
    #[getter]
    fn score(&self) -> Option<u8> {
        self.0.score
    }
    fn __repr__(&self) -> String {
        format!(
            "<ConversationReport id={:?} turns={} findings={} score={:?}>",
            self.0.id,
            self.0.turns.len(),
            self.0.findings.len(),
            self.0.score
        )
    }
}

/// An agent's results over many conversations (see :func:`replylint.scorecards`).
#[pyclass(module = "replylint", name = "Scorecard", frozen)]
pub struct PyScorecard(replylint::Scorecard);

#[pymethods]
impl PyScorecard {
    /// The agent's id (``"(unknown)"`` for agent turns without one).
    #[getter]
    fn agent(&self) -> &str {
        &self.0.agent
    }
    /// Conversations the agent wrote in.
    #[getter]
    fn conversations(&self) -> usize {
        self.0.conversations
    }
    /// The agent's replies.
    #[getter]
    fn replies(&self) -> usize {
        self.0.replies
    }
    /// The mean score of those replies.
    #[getter]
    fn mean_score(&self) -> f64 {
        self.0.mean_score
    }
    /// Findings per 100 replies, for every category of :data:`replylint.CATEGORIES`.
    #[getter]
    fn per_100_replies<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (category, n) in &self.0.per_100_replies {
            dict.set_item(category.as_str(), n)?;
        }
        Ok(dict)
    }
    /// Conversation findings on the agent's turns, by rule id (only those that occurred).
    #[getter]
    fn conversation_findings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (rule, n) in &self.0.conversation_findings {
            dict.set_item(rule, n)?;
        }
        Ok(dict)
    }
    /// First responses as ``(count, median_secs, p90_secs)``, or ``None``.
    #[getter]
    fn first_response(&self) -> Option<(usize, i64, i64)> {
        self.0
            .first_response
            .map(|d| (d.count, d.median_secs, d.p90_secs))
    }
    /// Every wait the agent's replies ended, as ``(count, median_secs, p90_secs)``, or ``None``.
    #[getter]
    fn wait(&self) -> Option<(usize, i64, i64)> {
        self.0.wait.map(|d| (d.count, d.median_secs, d.p90_secs))
    }
    /// The lowest-scoring replies, worst first: dicts with ``conversation``, ``turn``,
    /// ``score``, ``text`` and ``findings`` (a list of :class:`Finding`).
    #[getter]
    fn worst<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for w in &self.0.worst {
            let dict = PyDict::new(py);
            dict.set_item("conversation", &w.conversation)?;
            dict.set_item("turn", w.turn)?;
            dict.set_item("score", w.score)?;
            dict.set_item("text", &w.text)?;
            let findings: Vec<PyFinding> = w.findings.iter().cloned().map(PyFinding).collect();
            dict.set_item("findings", findings)?;
            list.append(dict)?;
        }
        Ok(list)
    }
    fn __repr__(&self) -> String {
        format!(
            "<Scorecard agent={:?} replies={} mean_score={}>",
            self.0.agent, self.0.replies, self.0.mean_score
        )
    }
}

/// One :class:`Scorecard` per agent over these conversation reports, sorted by agent.
///
/// Raises:
///     TypeError: an item is not a :class:`ConversationReport`.
#[pyfunction]
pub(crate) fn scorecards(reports: &Bound<'_, PyAny>) -> PyResult<Vec<PyScorecard>> {
    let what = "scorecards() argument 'reports'";
    let iter = reports
        .try_iter()
        .map_err(|_| expected(what, "an iterable of ConversationReport", reports))?;
    let reports: Vec<replylint::ConversationReport> = iter
        .enumerate()
        .map(|(i, item)| {
            let item = item?;
            item.cast::<PyConversationReport>()
                .map(|r| r.get().0.clone())
                .map_err(|_| {
                    PyTypeError::new_err(format!(
                        "{what} expected an iterable of ConversationReport, got {} at position {i}",
                        type_name(&item)
                    ))
                })
        })
        .collect::<PyResult<_>>()?;
    Ok(replylint::Scorecard::by_agent(&reports)
        .into_iter()
        .map(PyScorecard)
        .collect())
}
