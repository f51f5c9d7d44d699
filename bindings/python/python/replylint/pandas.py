"""pandas integration: analyse a column of replies in one call.

pandas is optional: it is imported when this module is, and only then::

    >>> import pandas as pd
    >>> from replylint.pandas import analyze_series, score_series
    >>> replies = pd.Series(["Per our policy, no.", None, "Your refund was sent today."])
    >>> score_series(replies).tolist()
    [84.0, nan, 90.0]

Both functions analyse the whole column in one call on every core, with the GIL released.
When pyarrow is installed (``pip install replylint[arrow]``) the column goes through Arrow
(:meth:`replylint.Analyzer.score_arrow` and :meth:`~replylint.Analyzer.analyze_arrow`): a
column of dtype ``string[pyarrow]`` or ``pd.ArrowDtype(pa.string())`` is read in place, and
no Python object is made per reply. Without pyarrow they use
:meth:`replylint.Analyzer.analyze_many`; the results are the same. Missing values (``None``,
``NaN``, ``pd.NA``) have no findings and no score; any other non-``str`` value is a
``TypeError``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

try:
    import pandas as _pd
except ImportError as _err:  # pragma: no cover - exercised only without pandas
    raise ImportError(
        "replylint.pandas needs pandas, which is not installed; "
        "install it with `pip install pandas` (or `pip install replylint[pandas]`)"
    ) from _err

try:
    import pyarrow as _pa  # type: ignore[import-untyped]

    _ARROW = True
except ImportError:  # pragma: no cover - exercised only without pyarrow
    _ARROW = False

from ._default import analyzer_or_default
from ._replylint import CATEGORIES, Analyzer, Report, Turn, analyze_many, scorecards as _scorecards

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["FINDING_COLUMNS", "SCORECARD_COLUMNS", "analyze_series", "score_series", "scorecards"]

#: The columns of :func:`analyze_series`, in order.
FINDING_COLUMNS = (
    "rule_id",
    "category",
    "severity",
    "language",
    "text",
    "start",
    "end",
    "explanation",
    "suggestion",
)


def _series(values: Any, analyzer: Optional[Analyzer], caller: str) -> pd.Series:
    """The series (converted if it is not one), after checking the arguments' types."""
    if isinstance(values, _pd.Series):
        series = values
    elif isinstance(values, (str, bytes)):
        raise TypeError(f"{caller}() expected a pandas Series of str, got {type(values).__name__}")
    else:
        series = _pd.Series(values, dtype=object)
    analyzer_or_default(analyzer, f"{caller}()")
    return series


def _arrow(series: pd.Series) -> Any:
    """The series as an Arrow array of strings (missing values as nulls), or ``None`` without
    pyarrow or when a value is neither a ``str`` nor missing (the per-value path then names
    it)."""
    if not _ARROW:
        return None
    try:
        array = _pa.array(series, from_pandas=True)
    except (_pa.ArrowInvalid, _pa.ArrowTypeError):
        return None
    kind = array.type
    if _pa.types.is_dictionary(kind):
        kind = kind.value_type
    textual = (_pa.types.is_string(kind) or _pa.types.is_large_string(kind) or _pa.types.is_string_view(kind))
    return array if textual or _pa.types.is_null(kind) else None


def _reports(series: pd.Series, analyzer: Optional[Analyzer], caller: str) -> list[Optional[Report]]:
    """One report per row (``None`` where the value is missing)."""
    values = series.tolist()
    present = []
    texts = []
    for i, value in enumerate(values):
        if isinstance(value, str):
            present.append(i)
            texts.append(value)
        elif value is None or _is_missing(value):
            continue
        else:
            raise TypeError(
                f"{caller}() expected str or a missing value, got {type(value).__name__} "
                f"at index {series.index[i]!r}"
            )
    analyzed = analyzer.analyze_many(texts) if analyzer is not None else analyze_many(texts)
    reports: list[Optional[Report]] = [None] * len(values)
    for i, report in zip(present, analyzed):
        reports[i] = report
    return reports


def _is_missing(value: Any) -> bool:
    try:
        return bool(_pd.isna(value))
    except (TypeError, ValueError):  # e.g. a list, for which isna gives an array
        return False


def analyze_series(series: pd.Series, analyzer: Optional[Analyzer] = None) -> pd.DataFrame:
    """One row per finding of every reply in ``series``.

    The frame's index repeats the original row label of each finding (as
    :meth:`pandas.Series.explode` does), so ``findings.join(replies[["agent"]])`` brings in
    the other columns of the replies. The columns are :data:`FINDING_COLUMNS`: ``rule_id``,
    ``category``, ``severity``, ``language``, ``text`` (the phrase), ``start`` and ``end``
    (Python string indices into the reply), ``explanation`` and ``suggestion``.

    Args:
        series: replies (``str``); missing values (``None``, ``NaN``, ``pd.NA``) have no
            findings. A list or other iterable is converted to a Series first.
        analyzer: the :class:`replylint.Analyzer` to use; default: every built-in language.

    Raises:
        TypeError: a value is neither a ``str`` nor missing.
    """
    series = _series(series, analyzer, "analyze_series")
    arrow = _arrow(series)
    if arrow is not None:
        table = analyzer_or_default(analyzer, "analyze_series()").analyze_arrow(arrow)
        index = series.index.take(table.column("row").to_numpy())
        columns = {
            c: table.column(c).to_numpy().astype("int64")
            if c in ("start", "end")
            else _pd.array(table.column(c).to_numpy(zero_copy_only=False), dtype=object)
            for c in FINDING_COLUMNS
        }
        return _pd.DataFrame(columns, index=index, columns=list(FINDING_COLUMNS))
    reports = _reports(series, analyzer, "analyze_series")
    labels = []
    rows: dict[str, list[Any]] = {c: [] for c in FINDING_COLUMNS}
    for label, report in zip(series.index, reports):
        if report is None:
            continue
        for f in report.findings:
            labels.append(label)
            rows["rule_id"].append(f.rule_id)
            rows["category"].append(f.category)
            rows["severity"].append(f.severity)
            rows["language"].append(f.language)
            rows["text"].append(f.text)
            rows["start"].append(f.start)
            rows["end"].append(f.end)
            rows["explanation"].append(f.explanation)
            rows["suggestion"].append(f.suggestion)
    if isinstance(series.index, _pd.MultiIndex):
        index = _pd.MultiIndex.from_tuples(labels, names=series.index.names)
        if not labels:
            index = series.index[:0]
    else:
        index = _pd.Index(labels, dtype=series.index.dtype, name=series.index.name)
    columns = {
        c: _pd.array(v, dtype="int64") if c in ("start", "end") else _pd.array(v, dtype=object)
        for c, v in rows.items()
    }
    return _pd.DataFrame(columns, index=index, columns=list(FINDING_COLUMNS))


def score_series(series: pd.Series, analyzer: Optional[Analyzer] = None) -> pd.Series:
    """The score (0–100) of every reply in ``series``, with the same index, named ``score``.

    The dtype is ``int64``, or ``float64`` with ``NaN`` for missing replies when there are
    any (the convention of ``Series.str.len()``).

    Args:
        series: replies (``str``); missing values (``None``, ``NaN``, ``pd.NA``) score ``NaN``.
        analyzer: the :class:`replylint.Analyzer` to use; default: every built-in language.

    Raises:
        TypeError: a value is neither a ``str`` nor missing.
    """
    series = _series(series, analyzer, "score_series")
    arrow = _arrow(series)
    if arrow is not None:
        scores = analyzer_or_default(analyzer, "score_series()").score_arrow(arrow)
        dtype = "int64" if scores.null_count == 0 else "float64"
        values = scores.to_numpy(zero_copy_only=False).astype(dtype)
        return _pd.Series(values, index=series.index, name="score", dtype=dtype)
    reports = _reports(series, analyzer, "score_series")
    if all(r is not None for r in reports):
        scores_: list[Any] = [r.score for r in reports if r is not None]
        return _pd.Series(scores_, index=series.index, name="score", dtype="int64")
    floats = [float("nan") if r is None else float(r.score) for r in reports]
    return _pd.Series(floats, index=series.index, name="score", dtype="float64")


#: The columns of :func:`scorecards`, in order (the index is the agent).
SCORECARD_COLUMNS = (
    "conversations",
    "replies",
    "mean_score",
    "first_response_median_secs",
    "first_response_p90_secs",
    "wait_median_secs",
    "wait_p90_secs",
    *(f"{category}_per_100" for category in CATEGORIES),
    "conversation_findings",
    "worst_text",
    "worst_score",
)


def _time(value: Any) -> Any:
    """A cell of the time column as ``Turn()`` takes it: missing values become ``None``,
    numpy numbers Python ones."""
    if _is_missing(value):
        return None
    if hasattr(value, "item") and not hasattr(value, "timestamp"):
        return value.item()
    return value


def scorecards(
    df: pd.DataFrame,
    conversation_col: str,
    role_col: str,
    agent_col: str,
    text_col: str,
    time_col: Optional[str] = None,
    analyzer: Optional[Analyzer] = None,
) -> pd.DataFrame:
    """One row per agent over the conversations of a frame with one row per turn.

    Rows are grouped by ``conversation_col`` (conversations in order of their first row,
    turns in row order), each conversation goes through
    :meth:`replylint.Analyzer.analyze_conversation`, and the reports through
    :func:`replylint.scorecards`. ``role_col`` holds ``"agent"`` or ``"customer"``;
    ``time_col`` (optional) datetimes, seconds or RFC 3339 text. Missing agents and times
    are allowed; a missing text is an error.

    The frame is indexed by agent, with the columns of :data:`SCORECARD_COLUMNS`: times in
    seconds (``NaN`` when not measured), findings per 100 replies per category, the
    conversation findings as a dict rule id → count, and the text and score of the agent's
    lowest-scoring reply.

    >>> import pandas as pd
    >>> turns = pd.DataFrame({
    ...     "ticket": ["T1", "T1", "T2", "T2"],
    ...     "role": ["customer", "agent", "customer", "agent"],
    ...     "agent": [None, "sam", None, "ana"],
    ...     "text": ["This is ridiculous!", "Rules are rules.",
    ...              "Where is my parcel?", "I'm sorry for the delay. I'll email you by 5 pm."],
    ...     "time": pd.to_datetime(["2026-03-02 09:00", "2026-03-02 09:30",
    ...                             "2026-03-02 10:00", "2026-03-02 10:05"], utc=True),
    ... })
    >>> cards = scorecards(turns, "ticket", "role", "agent", "text", "time")
    >>> float(cards.loc["sam", "first_response_median_secs"]), int(cards.loc["ana", "replies"])
    (1800.0, 1)
    >>> cards.loc["sam", "conversation_findings"]["conversation.no-empathy-after-complaint"]
    1

    Raises:
        KeyError: a column does not exist.
        ValueError: an unknown role or an unreadable time.
        TypeError: a text is not a ``str``.
    """
    chosen = analyzer_or_default(analyzer, "scorecards()")
    columns = [conversation_col, role_col, agent_col, text_col] + ([time_col] if time_col else [])
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise KeyError(f"scorecards(): no column {missing[0]!r} in the frame")
    reports = []
    for conversation, rows in df.groupby(conversation_col, sort=False):
        turns = [
            Turn(
                role,
                text,
                agent=None if _is_missing(agent) else str(agent),
                time=_time(time) if time_col else None,
            )
            for role, text, agent, time in zip(
                rows[role_col],
                rows[text_col],
                rows[agent_col],
                rows[time_col] if time_col else [None] * len(rows),
            )
        ]
        reports.append(chosen.analyze_conversation(turns, str(conversation)))
    nan = float("nan")
    records = []
    for card in _scorecards(reports):
        first = card.first_response
        wait = card.wait
        worst = card.worst[0] if card.worst else None
        per_100 = card.per_100_replies
        records.append(
            {
                "agent": card.agent,
                "conversations": card.conversations,
                "replies": card.replies,
                "mean_score": card.mean_score,
                "first_response_median_secs": float(first[1]) if first else nan,
                "first_response_p90_secs": float(first[2]) if first else nan,
                "wait_median_secs": float(wait[1]) if wait else nan,
                "wait_p90_secs": float(wait[2]) if wait else nan,
                **{f"{category}_per_100": per_100[category] for category in CATEGORIES},
                "conversation_findings": card.conversation_findings,
                "worst_text": worst["text"] if worst else None,
                "worst_score": worst["score"] if worst else None,
            }
        )
    return _pd.DataFrame.from_records(records, columns=["agent", *SCORECARD_COLUMNS]).set_index("agent")

