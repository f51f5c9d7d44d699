"""The shared JSON test vectors give exactly the same findings in Python as in Rust.

Vectors state spans in UTF-8 bytes; Python findings are in code points, so each expected span
is converted, and every finding must also satisfy ``text[start:end] == finding.text``.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import pytest

import replylint
from conftest import VECTORS_DIR, analyzer_kwargs, byte_to_char, load_vectors

VECTORS = load_vectors()

#: How many vectors existed when this test was written; vectors are only ever added, so fewer
#: means the directory was not found or a file was lost.
MIN_VECTORS = 600
MIN_FILES = 10


@lru_cache(maxsize=None)
def _analyzer(options_json: str) -> replylint.Analyzer:
    return replylint.Analyzer(**analyzer_kwargs(json.loads(options_json)))


def _run(vector: dict[str, Any]) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    text = vector["text"]
    options = vector.get("options")
    if options is None:
        report = replylint.analyze(text)
    else:
        report = _analyzer(json.dumps(options, sort_keys=True)).analyze(text)
    expected = [
        (f["rule_id"], f["category"], byte_to_char(text, f["start"]), byte_to_char(text, f["end"]), f["text"])
        for f in vector["findings"]
    ]
    got = [(f.rule_id, f.category, f.start, f.end, f.text) for f in report.findings]
    for f in report.findings:
        assert text[f.start : f.end] == f.text, f"{vector['name']}: span of {f!r}"
    return expected, got


def test_the_vectors_are_all_there():
    assert VECTORS_DIR.is_dir(), f"no vectors directory at {VECTORS_DIR}"
    files = {f for f, _ in VECTORS}
    assert len(files) >= MIN_FILES, sorted(files)
    assert len(VECTORS) >= MIN_VECTORS
    assert len({v["name"] for _, v in VECTORS}) == len(VECTORS), "vector names must be unique"


@pytest.mark.parametrize("file, vector", VECTORS, ids=[f"{f}:{v['name']}" for f, v in VECTORS])
def test_vector(file: str, vector: dict[str, Any]):
    expected, got = _run(vector)
    assert got == expected, f"{file} / {vector['name']}: {vector['text']!r}"


def test_every_vector_in_one_pass():
    """The same check as ``test_vector``, counting: every vector runs, none is skipped."""
    failures = []
    count = 0
    for file, vector in VECTORS:
        count += 1
        expected, got = _run(vector)
        if got != expected:
            failures.append(f"{file} / {vector['name']}")
    assert count == len(VECTORS) >= MIN_VECTORS
    assert failures == []


@pytest.mark.parametrize("prefix", ["🙂🎉 ", "é\u0301 ", "日本語。", "\U0001f468\u200d\U0001f469\u200d\U0001f467 "])
def test_vector_spans_hold_after_astral_and_combining_prefixes(prefix: str):
    """Spans stay Python string indices whatever comes before the finding."""
    checked = 0
    for _, vector in VECTORS:
        options = vector.get("options")
        analyzer = _analyzer(json.dumps(options or {}, sort_keys=True))
        text = prefix + vector["text"]
        for f in analyzer.analyze(text).findings:
            assert text[f.start : f.end] == f.text, (vector["name"], f)
            checked += 1
    assert checked > 0
