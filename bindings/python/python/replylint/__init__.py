"""replylint: find the phrases in customer-service replies that drive customers away.

replylint flags jargon, robotic openers, deflection, policy-hiding, arguing, apathy, false
promises and non-apologies, in many languages, and says why each one hurts and what to
write instead. It also notices the good signals (empathy, a real apology, ownership, a
concrete follow-up) and scores each reply from 0 to 100.

Quick start::

    >>> import replylint
    >>> report = replylint.analyze("As I already said, that's not my department.")
    >>> [f.category for f in report.findings]
    ['argumentative', 'deflection']
    >>> report.score < 90
    True

* :class:`Analyzer` — a configured analyzer: ``analyze(text)``, ``analyze_many(texts)``
  (every core, GIL released). Picklable, for Dask and Spark.
* :class:`Report` — one reply's findings, counts per category and score; shows the reply
  highlighted in Jupyter.
* :class:`Finding` — one phrase: rule id, category, severity, span (Python string
  indices), explanation and suggestion.
* :func:`analyze` / :func:`analyze_many` — the same with the default analyzer.
* :mod:`replylint.pandas` — ``analyze_series`` and ``score_series`` for pandas (optional).
* ``Analyzer.analyze_conversation(turns)`` — a whole conversation of :class:`Turn`\ s: each
  agent turn's :class:`Report`, the customers' complaint signals, conversation findings and
  response times in a :class:`ConversationReport`; :func:`scorecards` sums many up per agent,
  ``replylint.pandas.scorecards`` from a DataFrame of turns (``docs/conversations.md``).
* ``Analyzer.analyze_arrow`` / ``Analyzer.score_arrow`` — a column of Arrow strings (pyarrow,
  Polars, any Arrow PyCapsule producer) in, read without copying; a findings table or scores
  out (``pip install replylint[arrow]``).
* :mod:`replylint.polars` — ``pl.col("reply").replylint.score()`` and ``.findings()``
  (``pip install replylint[polars]``).

The engine is written in Rust; this package only converts types.
"""

from ._replylint import (
    CATEGORIES,
    POSITIVE_CATEGORIES,
    SEVERITIES,
    Analyzer,
    ConversationFinding,
    ConversationReport,
    Finding,
    Report,
    Scorecard,
    Turn,
    __version__,
    analyze,
    analyze_many,
    builtin_patterns,
    scorecards,
)

__all__ = [
    "CATEGORIES",
    "POSITIVE_CATEGORIES",
    "SEVERITIES",
    "Analyzer",
    "ConversationFinding",
    "ConversationReport",
    "Finding",
    "Report",
    "Scorecard",
    "Turn",
    "__version__",
    "analyze",
    "analyze_many",
    "builtin_patterns",
    "scorecards",
]


def __getattr__(name: str) -> object:
    # `replylint.pandas` without `import replylint.pandas`: imported on first use, so that
    # importing replylint never imports pandas.
    if name == "pandas":
        import importlib

        return importlib.import_module(".pandas", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
