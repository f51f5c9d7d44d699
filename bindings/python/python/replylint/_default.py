"""The default analyzer of the DataFrame helpers (every built-in language), built once."""

from __future__ import annotations

from typing import Optional

from ._replylint import Analyzer

_default: Optional[Analyzer] = None


def default_analyzer() -> Analyzer:
    """``Analyzer()``, built on first use (building takes a fraction of a second). Two threads
    racing here build two equal analyzers, which is harmless."""
    global _default
    if _default is None:
        _default = Analyzer()
    return _default


def analyzer_or_default(analyzer: Optional[Analyzer], caller: str) -> Analyzer:
    """``analyzer``, or the default one for ``None``; a ``TypeError`` for anything else."""
    if analyzer is None:
        return default_analyzer()
    if not isinstance(analyzer, Analyzer):
        raise TypeError(
            f"{caller} argument 'analyzer' expected a replylint.Analyzer or None, got {type(analyzer).__name__}"
        )
    return analyzer
