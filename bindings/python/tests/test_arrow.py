"""Analyzer.analyze_arrow and Analyzer.score_arrow: Arrow string columns in, a findings table
and a score array out, equal to what analyze() finds reply by reply."""

from __future__ import annotations

import subprocess
import sys

import pytest

pa = pytest.importorskip("pyarrow")

import replylint
from replylint import Analyzer
from conftest import generated_replies

REPLIES = [
    "Dear valued customer, as I already said, that's not my department.",
    None,
    "Your refund was sent today.",
    "",
    "🙂 Per our policy, no!! К сожалению, такова политика компании.",
    "Print the RMA and send it to the L2 queue.",
    None,
]

COLUMNS = ["row", "rule_id", "category", "severity", "language", "start", "end", "text", "explanation", "suggestion"]


def expected_rows(analyzer: Analyzer, replies: list) -> list[dict]:
    """What analyze() finds, reply by reply, as rows of the findings table."""
    return [
        {"row": i, **f.to_dict()}
        for i, reply in enumerate(replies)
        if reply is not None
        for f in analyzer.analyze(reply).findings
    ]


def expected_scores(analyzer: Analyzer, replies: list) -> list:
    return [None if r is None else analyzer.analyze(r).score for r in replies]


def rows(table) -> list[dict]:
    return table.to_pylist()


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(jargon={"RMA": "return label"})


def test_the_findings_table_is_what_analyze_finds_row_by_row(analyzer):
    table = analyzer.analyze_arrow(pa.array(REPLIES))
    assert isinstance(table, pa.Table)
    assert table.column_names == COLUMNS
    assert rows(table) == expected_rows(analyzer, REPLIES)
    assert table.schema.field("row").type == pa.int64()
    assert table.schema.field("start").type == pa.int64() and table.schema.field("end").type == pa.int64()
    assert table.num_rows > 5


def test_spans_are_code_points_into_the_reply(analyzer):
    table = analyzer.analyze_arrow(pa.array(REPLIES))
    for r in rows(table):
        assert REPLIES[r["row"]][r["start"] : r["end"]] == r["text"]
    # After the emoji and the Cyrillic, code points and UTF-8 bytes part ways.
    assert any(r["start"] < len(REPLIES[4][: r["start"]].encode()) for r in rows(table) if r["row"] == 4)


def test_scores_are_uint8_with_nulls_for_null_replies(analyzer):
    scores = analyzer.score_arrow(pa.array(REPLIES))
    assert isinstance(scores, pa.Array) and scores.type == pa.uint8()
    assert scores.to_pylist() == expected_scores(analyzer, REPLIES)
    assert scores.null_count == 2


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda r: pa.array(r, pa.string()), id="string"),
        pytest.param(lambda r: pa.array(r, pa.large_string()), id="large_string"),
        pytest.param(lambda r: pa.array(r, pa.string_view()), id="string_view"),
        pytest.param(lambda r: pa.array(r).dictionary_encode(), id="dictionary"),
        pytest.param(lambda r: pa.chunked_array([r[:3], r[3:5], [], r[5:]], pa.string()), id="chunked"),
        pytest.param(lambda r: pa.array(["padding", "more"] + r).slice(2), id="sliced"),
    ],
)
def test_every_arrow_string_layout_gives_the_same_result(analyzer, make):
    array = make(REPLIES)
    assert rows(analyzer.analyze_arrow(array)) == expected_rows(analyzer, REPLIES)
    assert analyzer.score_arrow(array).to_pylist() == expected_scores(analyzer, REPLIES)


def test_any_producer_of_the_pycapsule_interface(analyzer):
    class Column:
        """Not pyarrow: only the Arrow PyCapsule protocol."""

        def __init__(self, array):
            self._array = array

        def __arrow_c_array__(self, requested_schema=None):
            return self._array.__arrow_c_array__(requested_schema)

    class Stream:
        def __init__(self, chunked):
            self._chunked = chunked

        def __arrow_c_stream__(self, requested_schema=None):
            return self._chunked.__arrow_c_stream__(requested_schema)

    assert analyzer.score_arrow(Column(pa.array(REPLIES))).to_pylist() == expected_scores(analyzer, REPLIES)
    stream = Stream(pa.chunked_array([REPLIES[:4], REPLIES[4:]]))
    assert rows(analyzer.analyze_arrow(stream)) == expected_rows(analyzer, REPLIES)


def test_a_polars_series_is_read_directly(analyzer):
    pl = pytest.importorskip("polars")
    series = pl.Series("reply", REPLIES)
    assert analyzer.score_arrow(series).to_pylist() == expected_scores(analyzer, REPLIES)
    assert rows(analyzer.analyze_arrow(series)) == expected_rows(analyzer, REPLIES)


def test_nulls_empty_arrays_and_all_null_columns(analyzer):
    empty = analyzer.analyze_arrow(pa.array([], pa.string()))
    assert empty.num_rows == 0 and empty.column_names == COLUMNS
    assert analyzer.score_arrow(pa.array([], pa.string())).to_pylist() == []
    nulls = pa.array([None, None])
    assert nulls.type == pa.null()
    assert analyzer.analyze_arrow(nulls).num_rows == 0
    assert analyzer.score_arrow(nulls).to_pylist() == [None, None]


def test_many_rows_over_many_chunks_keep_their_row_numbers():
    analyzer = Analyzer(languages=["en", "ru", "es", "de"])
    replies = generated_replies(20_000, seed=3)
    array = pa.chunked_array([replies[i : i + 3_000] for i in range(0, len(replies), 3_000)], pa.string())
    assert rows(analyzer.analyze_arrow(array)) == expected_rows(analyzer, replies)
    assert analyzer.score_arrow(array).to_pylist() == expected_scores(analyzer, replies)


def test_the_module_default_analyzer_agrees():
    table = Analyzer().analyze_arrow(pa.array(REPLIES))
    found = [(r["row"], r["rule_id"]) for r in rows(table)]
    assert found == [(i, f.rule_id) for i, t in enumerate(REPLIES) if t is not None for f in replylint.analyze(t)]


@pytest.mark.parametrize(
    "value, message",
    [
        (pa.array([1, 2]), "expected an Arrow array of strings .* got Int64; cast the column to string first"),
        (pa.table({"reply": ["x"]}), "got Struct"),
        (["a", "b"], "got list; for a list of str use analyze_many()"),
        ("a reply", "got str; use analyze()"),
        (None, "got NoneType"),
    ],
)
def test_anything_but_arrow_strings_is_a_type_error(analyzer, value, message):
    with pytest.raises(TypeError, match=message):
        analyzer.analyze_arrow(value)
    with pytest.raises(TypeError, match=message):
        analyzer.score_arrow(value)


def _run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)


def test_without_pyarrow_the_error_says_what_to_install():
    pytest.importorskip("polars")
    out = _run(
        "import sys; sys.modules['pyarrow'] = None\n"
        "import polars as pl, replylint\n"
        "replylint.Analyzer(languages=['en']).score_arrow(pl.Series(['Per our policy, no.']))"
    )
    assert out.returncode != 0
    assert "ImportError: Analyzer.score_arrow() returns a pyarrow.Array and needs pyarrow" in out.stderr
    assert "pip install replylint[arrow]" in out.stderr
