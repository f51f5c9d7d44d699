"""replylint.pandas: analyze_series and score_series."""

from __future__ import annotations

import math
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import replylint
from replylint import Analyzer
from replylint.pandas import FINDING_COLUMNS, analyze_series, score_series

REPLIES = pd.Series(
    [
        "Dear valued customer, as I already said, that's not my department.",
        None,
        "Your refund was sent today.",
        float("nan"),
        "Per our policy, no!!",
        pd.NA,
    ],
    index=[10, 11, 12, 13, 14, 15],
    name="reply",
)


def test_analyze_series_one_row_per_finding_with_the_row_label():
    df = analyze_series(REPLIES)
    assert list(df.columns) == list(FINDING_COLUMNS)
    expected_labels = [10] * len(replylint.analyze(REPLIES[10])) + [14] * len(replylint.analyze(REPLIES[14]))
    assert df.index.tolist() == expected_labels
    first = df.iloc[0]
    f = replylint.analyze(REPLIES[10]).findings[0]
    assert first.to_dict() == f.to_dict()
    assert df["start"].dtype == np.int64 and df["end"].dtype == np.int64


def test_spans_index_the_original_text():
    s = pd.Series(["🙂 as I already said!!", "Привет. К сожалению, такова политика компании."])
    df = analyze_series(s)
    for label, row in df.iterrows():
        assert s[label][row["start"] : row["end"]] == row["text"]


def test_join_back_to_the_replies():
    frame = pd.DataFrame({"agent": ["ana", "bo", "cy", "di", "ed", "fi"], "reply": REPLIES})
    findings = analyze_series(frame["reply"]).join(frame[["agent"]])
    assert set(findings["agent"]) == {"ana", "ed"}
    table = pd.crosstab(findings["agent"], findings["category"])
    assert table.loc["ed", "policy_hiding"] == 1


def test_score_series_keeps_the_index_and_marks_missing_as_nan():
    scores = score_series(REPLIES)
    assert scores.index.tolist() == REPLIES.index.tolist()
    assert scores.name == "score" and scores.dtype == np.float64
    assert scores[10] == replylint.analyze(REPLIES[10]).score
    assert scores[12] == 90
    assert all(math.isnan(scores[i]) for i in (11, 13, 15))


def test_score_series_without_missing_values_is_int64():
    scores = score_series(pd.Series(["Per our policy, no.", "Thanks!"], index=["a", "b"]))
    assert scores.dtype == np.int64 and scores.index.tolist() == ["a", "b"]


def test_empty_and_all_missing():
    empty = analyze_series(pd.Series([], dtype=object))
    assert list(empty.columns) == list(FINDING_COLUMNS) and len(empty) == 0
    assert score_series(pd.Series([], dtype=object)).tolist() == []
    missing = pd.Series([None, np.nan])
    assert len(analyze_series(missing)) == 0
    assert score_series(missing).isna().all()


def test_string_dtype_and_lists():
    s = pd.Series(["Per our policy, no.", None], dtype="string")
    assert analyze_series(s)["rule_id"].tolist() == ["en.company-policy"]
    assert score_series(s).isna().tolist() == [False, True]
    assert analyze_series(["Per our policy, no."])["rule_id"].tolist() == ["en.company-policy"]


def test_a_custom_analyzer():
    analyzer = Analyzer(languages=[], jargon={"RMA": "return label"})
    df = analyze_series(pd.Series(["Print the RMA, per our policy."]), analyzer=analyzer)
    assert df["rule_id"].tolist() == ["core.glossary"]
    assert score_series(pd.Series(["Print the RMA."]), analyzer)[0] == 84


def test_multiindex():
    idx = pd.MultiIndex.from_tuples([("ana", 1), ("bo", 2)], names=["agent", "ticket"])
    s = pd.Series(["Per our policy, no.", "Thanks!"], index=idx)
    df = analyze_series(s)
    assert df.index.names == ["agent", "ticket"] and df.index.tolist() == [("ana", 1)]
    assert score_series(s).index.equals(idx)
    empty = analyze_series(pd.Series(["Thanks!"], index=idx[:1]))
    assert len(empty) == 0 and empty.index.names == ["agent", "ticket"]


def test_errors():
    with pytest.raises(TypeError, match=r"expected str or a missing value, got int at index 'b'"):
        score_series(pd.Series(["ok", 3], index=["a", "b"]))
    with pytest.raises(TypeError, match="expected a pandas Series of str, got str"):
        analyze_series("Per our policy")
    with pytest.raises(TypeError, match="argument 'analyzer' expected a replylint.Analyzer or None, got str"):
        score_series(pd.Series(["ok"]), analyzer="en")


def _run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)


def test_importing_replylint_does_not_import_pandas():
    out = _run("import sys, replylint; replylint.analyze('x'); print('pandas' in sys.modules)")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


def test_without_pandas_the_error_says_what_to_install():
    out = _run("import sys; sys.modules['pandas'] = None\nimport replylint.pandas")
    assert out.returncode != 0
    assert "replylint.pandas needs pandas, which is not installed" in out.stderr
    assert "pip install pandas" in out.stderr


def test_lazy_attribute():
    import replylint.pandas as module

    assert replylint.pandas is module
