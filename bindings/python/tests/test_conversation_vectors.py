"""The conversation vectors (tests/vectors/conversations/*.json) give exactly the same
conversation findings, complaint signals and response times in Python as in Rust.

Complaint spans are checked through their text: ``turn.text[start:end] == text``.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import replylint
from conftest import VECTORS_DIR

CONVERSATIONS_DIR = VECTORS_DIR / "conversations"


def _load() -> list[tuple[str, dict[str, Any]]]:
    return [
        (path.name, case)
        for path in sorted(CONVERSATIONS_DIR.glob("*.json"))
        for case in json.loads(path.read_text(encoding="utf-8"))["conversations"]
    ]


CASES = _load()


def test_the_conversation_vectors_are_all_there():
    assert len(CASES) >= 30
    assert len({name for name, _ in CASES}) >= 4


@pytest.mark.parametrize("case", [c for _, c in CASES], ids=[c["name"] for _, c in CASES])
def test_conversation_vector(case: dict[str, Any]) -> None:
    turns = [replylint.Turn(**turn) for turn in case["turns"]]
    report = replylint.Analyzer().analyze_conversation(turns, case["name"], **case.get("options", {}))
    complaints = []
    for i, found in enumerate(report.complaints):
        for f in found:
            assert turns[i].text[f.start : f.end] == f.text
            assert f.category == "complaint"
            complaints.append({"turn": i, "rule_id": f.rule_id, "text": f.text})
    got = {
        "findings": [{"rule_id": f.rule_id, "turn": f.turn} for f in report.findings],
        "complaints": complaints,
        "first_response_secs": report.first_response_secs,
        "longest_wait_secs": report.longest_wait_secs,
    }
    assert got == case["expected"]
