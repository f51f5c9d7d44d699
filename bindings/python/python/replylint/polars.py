"""Polars integration: the ``replylint`` expression namespace.

Importing this module registers ``.replylint`` on Polars expressions::

    >>> import polars as pl
    >>> import replylint.polars
    >>> df = pl.DataFrame({"reply": ["Per our policy, no.", None, "Your refund was sent today."]})
    >>> df.select(pl.col("reply").replylint.score())["reply"].to_list()
    [84, None, 90]
    >>> found = df.select(pl.col("reply").replylint.findings().alias("findings"))
    >>> [[f["rule_id"] for f in fs] if fs is not None else None for fs in found["findings"]]
    [['en.company-policy'], None, []]

* ``.replylint.score(analyzer=None)`` — the score (0–100) of each reply, ``UInt8``, null for a
  null reply.
* ``.replylint.findings(analyzer=None)`` — the findings of each reply as a list of structs with
  the fields of :data:`FINDING_FIELDS` (``start`` and ``end`` in characters, as
  ``str.slice`` counts them), null for a null reply.

Both hand the column to Rust through the Arrow C interface without copying the text, and
analyse it on every core with the GIL released (:meth:`replylint.Analyzer.score_arrow`).
Polars is optional: it is imported when this module is, and pyarrow is not needed.
"""

from __future__ import annotations

from typing import Optional

try:
    import polars as _pl
except ImportError as _err:  # pragma: no cover - exercised only without polars
    raise ImportError(
        "replylint.polars needs polars, which is not installed; "
        "install it with `pip install polars` (or `pip install replylint[polars]`)"
    ) from _err

from ._default import analyzer_or_default
from ._replylint import Analyzer

__all__ = ["FINDING_FIELDS", "FINDING_DTYPE", "ReplylintNamespace"]

#: The fields of each finding in ``.replylint.findings()``, in order.
FINDING_FIELDS = (
    "rule_id",
    "category",
    "severity",
    "language",
    "start",
    "end",
    "text",
    "explanation",
    "suggestion",
)

#: The dtype of ``.replylint.findings()``: a list of structs.
FINDING_DTYPE = _pl.List(
    _pl.Struct([_pl.Field(name, _pl.Int64 if name in ("start", "end") else _pl.String) for name in FINDING_FIELDS])
)


@_pl.api.register_expr_namespace("replylint")
class ReplylintNamespace:
    """``expr.replylint``: score replies and list their findings."""

    def __init__(self, expr: _pl.Expr) -> None:
        self._expr = expr

    def score(self, analyzer: Optional[Analyzer] = None) -> _pl.Expr:
        """The score (0–100) of each reply as ``UInt8``; null where the reply is null.

        Args:
            analyzer: the :class:`replylint.Analyzer` to use; default: every built-in language.
        """
        chosen = analyzer_or_default(analyzer, "replylint.score()")

        def scores(replies: _pl.Series) -> _pl.Series:
            return _pl.Series(replies.name, chosen._score_arrow_export(replies))

        return self._expr.map_batches(scores, return_dtype=_pl.UInt8, is_elementwise=True)

    def findings(self, analyzer: Optional[Analyzer] = None) -> _pl.Expr:
        """The findings of each reply as a list of structs (:data:`FINDING_DTYPE`); null where
        the reply is null, an empty list where it has none.

        Args:
            analyzer: the :class:`replylint.Analyzer` to use; default: every built-in language.
        """
        chosen = analyzer_or_default(analyzer, "replylint.findings()")

        def findings(replies: _pl.Series) -> _pl.Series:
            return _pl.Series(replies.name, chosen._findings_arrow_export(replies))

        return self._expr.map_batches(findings, return_dtype=FINDING_DTYPE, is_elementwise=True)
