"""Analyzers, reports and findings pickle; an analyzer is rebuilt from its configuration."""

from __future__ import annotations

import copy
import multiprocessing
import pickle
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

import replylint
from replylint import Analyzer

TEXTS = [
    "Dear valued customer, as I already said, that's not my department.",
    "Print the RMA and send it to the L2 queue!!",
    "К сожалению, такова политика компании.",
    "Your ticket has been actioned.",
    "",
]

LEXICON = """
[language]
code = "xx"
name = "Test"
native_name = "Test"

[[rule]]
id = "ticket-speak"
category = "jargon"
severity = "warning"
patterns = ["your ticket has been (actioned|dispositioned)"]
explanation = "Nobody outside the help desk talks like this."
suggestion = "Say what you did."
examples = ["Your ticket has been actioned."]
"""

PROTOCOLS = range(pickle.HIGHEST_PROTOCOL + 1)


def configured() -> list[Analyzer]:
    """Small configurations (building every language takes about a second)."""
    return [
        Analyzer(languages=["en"]),
        Analyzer(languages=["en", "ru"], jargon={"RMA": "return label", "L2 queue": None}),
        Analyzer(languages=["en"], disabled_rules=["core.punctuation-run"], min_severity="warning"),
        Analyzer(languages=[], lexicons=[LEXICON]),
    ]


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_analyzer_round_trip_behaves_the_same(protocol: int):
    for analyzer in configured():
        restored = pickle.loads(pickle.dumps(analyzer, protocol=protocol))
        assert restored == analyzer
        assert repr(restored) == repr(analyzer)
        assert restored.languages == analyzer.languages
        assert restored.analyze_many(TEXTS) == analyzer.analyze_many(TEXTS)


def test_default_analyzer_round_trip():
    analyzer = Analyzer()
    restored = pickle.loads(pickle.dumps(analyzer))
    assert restored == analyzer and restored.languages == analyzer.languages
    assert restored.analyze_many(TEXTS) == analyzer.analyze_many(TEXTS)


def test_analyzer_with_a_lexicon_file(tmp_path: Path):
    path = tmp_path / "acme.toml"
    path.write_text(LEXICON, encoding="utf-8")
    analyzer = Analyzer(languages=[], lexicons=[path])
    restored = pickle.loads(pickle.dumps(analyzer))
    assert restored == analyzer
    assert restored.analyze(TEXTS[3]).findings[0].rule_id == "xx.ticket-speak"


def test_analyzer_pickles_as_its_configuration():
    analyzer = Analyzer(["en"], [("RMA", "return label")], ["core.shouting"], "error")
    cls, args = analyzer.__reduce__()
    assert cls is Analyzer
    assert args == (["en"], [("RMA", "return label")], ["core.shouting"], "error", [], True, None, 0.8, False)
    # Small: the configuration, not the automaton.
    assert len(pickle.dumps(Analyzer(languages=["en"], min_severity="warning"))) < 200


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_reports_and_findings_round_trip(protocol: int):
    for report in replylint.analyze_many(TEXTS):
        restored = pickle.loads(pickle.dumps(report, protocol=protocol))
        assert restored == report
        assert restored.text == report.text
        assert restored.to_dict() == report.to_dict()
        for finding in report:
            assert pickle.loads(pickle.dumps(finding, protocol=protocol)) == finding


def test_copy_and_deepcopy():
    report = replylint.analyze(TEXTS[0])
    assert copy.copy(report) == report == copy.deepcopy(report)
    analyzer = Analyzer(languages=["en"])
    assert copy.deepcopy(analyzer) == analyzer


def _analyze_in_worker(analyzer: Analyzer, texts: list[str]) -> list[replylint.Report]:
    return analyzer.analyze_many(texts)


def test_analyzer_ships_to_another_process():
    """What Dask and Spark do: pickle the analyzer, rebuild it in a fresh interpreter, and
    pickle the reports back."""
    analyzer = Analyzer(languages=["en"], jargon={"RMA": "return label"})
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        reports = pool.submit(_analyze_in_worker, analyzer, TEXTS).result(timeout=120)
    assert reports == analyzer.analyze_many(TEXTS)
    assert any(f.rule_id == "core.glossary" for f in reports[1])
