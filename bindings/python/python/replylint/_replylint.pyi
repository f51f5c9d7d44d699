"""Type stubs of the extension module ``replylint._replylint`` (re-exported by ``replylint``)."""

import datetime
import os
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Final, Literal, Optional, Protocol, Union, final

from typing_extensions import TypeAlias

__all__ = [
    "Analyzer",
    "Report",
    "Finding",
    "Turn",
    "ConversationReport",
    "ConversationFinding",
    "Scorecard",
    "scorecards",
    "analyze",
    "analyze_many",
    "builtin_patterns",
    "CATEGORIES",
    "POSITIVE_CATEGORIES",
    "SEVERITIES",
    "__version__",
]

_Category: TypeAlias = Literal[
    "jargon",
    "robotic_opener",
    "deflection",
    "policy_hiding",
    "argumentative",
    "apathy",
    "false_promise",
    "non_apology",
    "empathy",
    "apology",
    "ownership",
    "follow_up",
    "complaint",
]
_Severity: TypeAlias = Literal["info", "warning", "error"]
_JargonEntry: TypeAlias = Union[str, tuple[str, Optional[str]]]
_Jargon: TypeAlias = Union[Iterable[_JargonEntry], Mapping[str, Optional[str]]]
_LexiconSource: TypeAlias = Union[str, os.PathLike[str]]

class _ArrowArrayExportable(Protocol):
    """An Arrow array that exports itself through the Arrow PyCapsule interface."""

    def __arrow_c_array__(self, requested_schema: Optional[object] = None) -> tuple[object, object]: ...

class _ArrowStreamExportable(Protocol):
    """An Arrow stream (a chunked array) that exports itself through the PyCapsule interface."""

    def __arrow_c_stream__(self, requested_schema: Optional[object] = None) -> object: ...

_ArrowStrings: TypeAlias = Union[_ArrowArrayExportable, _ArrowStreamExportable]

CATEGORIES: Final[tuple[_Category, ...]]
POSITIVE_CATEGORIES: Final[frozenset[_Category]]
SEVERITIES: Final[tuple[_Severity, ...]]
__version__: Final[str]

@final
class Finding:
    """One phrase a rule found in a reply: what it is, why it hurts and what to write instead."""

    @property
    def rule_id(self) -> str: ...
    @property
    def category(self) -> _Category: ...
    @property
    def severity(self) -> _Severity: ...
    @property
    def language(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def explanation(self) -> str: ...
    @property
    def suggestion(self) -> str: ...
    @property
    def is_positive(self) -> bool: ...
    def to_dict(self) -> dict[str, Union[str, int]]: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[object, tuple[str]]: ...
    @classmethod
    def _from_state(cls, state: str) -> Finding: ...

@final
class Report:
    """What one reply gets: its findings in text order, counts per category and a score."""

    @property
    def text(self) -> str: ...
    @property
    def findings(self) -> list[Finding]: ...
    @property
    def counts(self) -> dict[_Category, int]: ...
    @property
    def score(self) -> int: ...
    @property
    def is_clean(self) -> bool: ...
    @property
    def max_severity(self) -> Optional[_Severity]: ...
    @property
    def commitments(self) -> list[dict[str, Any]]: ...
    def to_dict(self) -> dict[str, object]: ...
    def _repr_html_(self) -> str: ...
    def __len__(self) -> int: ...
    def __getitem__(self, key: int, /) -> Finding: ...
    def __iter__(self) -> Iterator[Finding]: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[object, tuple[str, str]]: ...
    @classmethod
    def _from_state(cls, text: str, state: str) -> Report: ...

@final
class Analyzer:
    """Analyses customer-service replies with a given configuration."""

    def __new__(
        cls,
        languages: Optional[Iterable[str]] = None,
        jargon: Optional[_Jargon] = None,
        disabled_rules: Optional[Iterable[str]] = None,
        min_severity: Optional[_Severity] = None,
        lexicons: Optional[Iterable[_LexiconSource]] = None,
        skip_quoted: bool = True,
        sla_hours: Optional[int] = None,
        opener_similarity: float = 0.8,
        absence_rules: bool = False,
    ) -> Analyzer: ...
    def analyze(self, text: str, customer: Optional[Iterable[tuple[int, int]]] = None) -> Report: ...
    def analyze_many(self, texts: Iterable[str]) -> list[Report]: ...
    def analyze_conversation(
        self,
        turns: Iterable[Union[Turn, Mapping[str, Any]]],
        id: str = "",
        *,
        first_response_secs: Optional[int] = None,
        customer_wait_secs: Optional[int] = None,
        canned_sentence_min_words: Optional[int] = None,
    ) -> ConversationReport: ...
    # pyarrow.Table and pyarrow.Array; Any because pyarrow is optional and untyped.
    def analyze_arrow(self, array: _ArrowStrings) -> Any: ...
    def score_arrow(self, array: _ArrowStrings) -> Any: ...
    def _score_arrow_export(self, array: _ArrowStrings) -> _ArrowArrayExportable: ...
    def _findings_arrow_export(self, array: _ArrowStrings) -> _ArrowStreamExportable: ...
    @property
    def languages(self) -> list[str]: ...
    @property
    def min_severity(self) -> _Severity: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(
        self,
    ) -> tuple[
        type[Analyzer],
        tuple[
            Optional[list[str]],
            list[tuple[str, Optional[str]]],
            list[str],
            Optional[_Severity],
            list[_LexiconSource],
            bool,
            Optional[int],
            float,
            bool,
        ],
    ]: ...

_Time: TypeAlias = Union[int, float, str, datetime.datetime, None]

@final
class Turn:
    """One message of a conversation."""

    def __new__(
        cls,
        role: Literal["agent", "customer"],
        text: str,
        agent: Optional[str] = None,
        time: _Time = None,
    ) -> Turn: ...
    @property
    def role(self) -> Literal["agent", "customer"]: ...
    @property
    def text(self) -> str: ...
    @property
    def agent(self) -> Optional[str]: ...
    @property
    def time(self) -> Optional[int]: ...

@final
class ConversationFinding:
    """A finding about a conversation as a whole, pinned to one agent turn."""

    @property
    def rule_id(self) -> str: ...
    @property
    def severity(self) -> _Severity: ...
    @property
    def turn(self) -> int: ...
    @property
    def agent(self) -> Optional[str]: ...
    @property
    def detail(self) -> Optional[str]: ...
    @property
    def explanation(self) -> str: ...
    @property
    def suggestion(self) -> str: ...

@final
class ConversationReport:
    """What a conversation got."""

    @property
    def id(self) -> str: ...
    @property
    def findings(self) -> list[ConversationFinding]: ...
    @property
    def reports(self) -> list[Optional[Report]]: ...
    @property
    def complaints(self) -> list[list[Finding]]: ...
    @property
    def wait_secs(self) -> list[Optional[int]]: ...
    @property
    def first_response_secs(self) -> Optional[int]: ...
    @property
    def longest_wait_secs(self) -> Optional[int]: ...
    @property
    def score(self) -> Optional[int]: ...

@final
class Scorecard:
    """An agent's results over many conversations."""

    @property
    def agent(self) -> str: ...
    @property
    def conversations(self) -> int: ...
    @property
    def replies(self) -> int: ...
    @property
    def mean_score(self) -> float: ...
    @property
    def per_100_replies(self) -> dict[_Category, float]: ...
    @property
    def conversation_findings(self) -> dict[str, int]: ...
    @property
    def first_response(self) -> Optional[tuple[int, int, int]]: ...
    @property
    def wait(self) -> Optional[tuple[int, int, int]]: ...
    @property
    def worst(self) -> list[dict[str, Any]]: ...

def scorecards(reports: Iterable[ConversationReport]) -> list[Scorecard]:
    """One scorecard per agent over these conversation reports, sorted by agent."""

def analyze(text: str) -> Report:
    """Analyses one reply with the default analyzer."""

def analyze_many(texts: Iterable[str]) -> list[Report]:
    """Analyses many replies with the default analyzer, on every core."""

def builtin_patterns(languages: Optional[Iterable[str]] = None) -> list[tuple[str, str, str]]:
    """``(language, rule_id, literal)`` for every expanded pattern of the built-in rules."""
