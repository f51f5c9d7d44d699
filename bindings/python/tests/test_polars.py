"""replylint.polars: the ``.replylint`` expression namespace."""

from __future__ import annotations

import subprocess
import sys

import pytest

pl = pytest.importorskip("polars")

import replylint.polars
from replylint import Analyzer
from replylint.polars import FINDING_DTYPE, FINDING_FIELDS
from conftest import generated_replies

REPLIES = [
    "Dear valued customer, as I already said, that's not my department.",
    None,
    "Your refund was sent today.",
    "🙂 Per our policy, no!! К сожалению, такова политика компании.",
    "",
]


def test_score_is_what_analyze_gives_and_null_for_null():
    df = pl.DataFrame({"reply": REPLIES})
    out = df.with_columns(score=pl.col("reply").replylint.score())
    assert out.schema["score"] == pl.UInt8
    assert out["score"].to_list() == [None if r is None else replylint.analyze(r).score for r in REPLIES]


def test_findings_are_lists_of_structs_like_finding_to_dict():
    df = pl.DataFrame({"reply": REPLIES})
    out = df.with_columns(findings=pl.col("reply").replylint.findings())
    assert out.schema["findings"] == FINDING_DTYPE
    assert [f.name for f in FINDING_DTYPE.inner.fields] == list(FINDING_FIELDS)
    got = out["findings"].to_list()
    want = [None if r is None else [f.to_dict() for f in replylint.analyze(r).findings] for r in REPLIES]
    assert got == want
    assert got[2] == [] and got[1] is None


def test_spans_are_characters_as_polars_slices_them():
    df = pl.DataFrame({"reply": REPLIES}).with_row_index("row")
    found = (
        df.with_columns(f=pl.col("reply").replylint.findings())
        .explode("f")
        .drop_nulls("f")
        .unnest("f")
        .with_columns(sliced=pl.col("reply").str.slice(pl.col("start"), pl.col("end") - pl.col("start")))
    )
    assert len(found) > 5
    assert found["sliced"].to_list() == found["text"].to_list()


def test_a_custom_analyzer_in_a_lazy_query_with_group_by():
    analyzer = Analyzer(languages=["en"], jargon={"RMA": "return label"})
    lf = pl.LazyFrame({"agent": ["ana", "bo", "ana", "bo"], "reply": ["Print the RMA.", "Thanks!", None, "Per our policy, no."]})
    per_agent = (
        lf.with_columns(score=pl.col("reply").replylint.score(analyzer))
        .group_by("agent")
        .agg(pl.col("score").cast(pl.Float64).mean())
        .sort("agent")
        .collect()
    )
    expected = {
        "ana": analyzer.analyze("Print the RMA.").score,
        "bo": (analyzer.analyze("Thanks!").score + analyzer.analyze("Per our policy, no.").score) / 2,
    }
    assert dict(zip(per_agent["agent"], per_agent["score"])) == expected


def test_large_and_categorical_columns():
    analyzer = Analyzer(languages=["en", "ru", "es", "de"])
    replies = generated_replies(10_000, seed=5)
    df = pl.DataFrame({"reply": replies})
    scores = df.select(pl.col("reply").replylint.score(analyzer))["reply"].to_list()
    assert scores == [None if r is None else analyzer.analyze(r).score for r in replies]
    categorical = df.head(500).with_columns(pl.col("reply").cast(pl.Categorical))
    got = categorical.select(pl.col("reply").replylint.score(analyzer))["reply"].to_list()
    assert got == scores[:500]


def test_errors():
    df = pl.DataFrame({"n": [1, 2]})
    with pytest.raises(Exception, match="expected an Arrow array of strings"):
        df.select(pl.col("n").replylint.score())
    with pytest.raises(TypeError, match="argument 'analyzer' expected a replylint.Analyzer or None, got str"):
        pl.col("reply").replylint.findings("en")


def _run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)


def test_works_without_pyarrow():
    out = _run(
        "import sys; sys.modules['pyarrow'] = None\n"
        "import polars as pl, replylint.polars\n"
        "df = pl.DataFrame({'r': ['Per our policy, no.', None]})\n"
        "print(df.select(pl.col('r').replylint.score())['r'].to_list())\n"
        "print(df.select(pl.col('r').replylint.findings())['r'][0][0]['rule_id'])"
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["[84,", "None]", "en.company-policy"]


def test_without_polars_the_error_says_what_to_install():
    out = _run("import sys; sys.modules['polars'] = None\nimport replylint.polars")
    assert out.returncode != 0
    assert "replylint.polars needs polars, which is not installed" in out.stderr
    assert "pip install replylint[polars]" in out.stderr
