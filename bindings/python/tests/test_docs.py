"""The documentation's examples run: the docstrings of the package and the cells of
docs/python.md and docs/scale.md (except blocks marked ``python no-test``, which need a Dask
or Spark cluster and data in the cloud; test_dask.py and test_spark.py run the same calls)."""

from __future__ import annotations

import doctest
import importlib
import re
from pathlib import Path

import pytest

import replylint
from conftest import REPO

DOC = REPO / "docs" / "python.md"
SCALE_DOC = REPO / "docs" / "scale.md"
FENCE = re.compile(r"^```(?P<info>[^\n]*)\n(?P<body>.*?)^```$", re.M | re.S)


def blocks(info: str, doc: Path = DOC) -> list[str]:
    return [m["body"] for m in FENCE.finditer(doc.read_text(encoding="utf-8")) if m["info"].strip() == info]


@pytest.mark.parametrize("name", ["replylint", "replylint.pandas", "replylint._html", "replylint.polars"])
def test_docstring_examples(name):
    if name == "replylint.polars":
        pytest.importorskip("polars")
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def test_the_cells_of_docs_python_md_run(monkeypatch, tmp_path):
    pytest.importorskip("matplotlib", reason="the walk-through draws a chart")
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.chdir(REPO)
    cells = blocks("python")
    assert len(cells) >= 8
    namespace: dict[str, object] = {}
    for i, cell in enumerate(cells):
        try:
            exec(compile(cell, f"docs/python.md cell {i + 1}", "exec"), namespace)
        except Exception as e:  # pragma: no cover - the message shows the cell
            raise AssertionError(f"cell {i + 1} of docs/python.md fails:\n{cell}") from e
    import matplotlib.pyplot as plt

    plt.close("all")

    # What the page says the quick start prints.
    report = namespace["report"]
    assert isinstance(report, replylint.Report)
    quick = cells[0]
    assert f"# {report.score}:" in quick
    shown = [line.split()[1] for line in blocks("text")[0].splitlines() if line.split()[:1] in (["warning"], ["error"], ["info"])]
    assert shown == [f.rule_id for f in report.findings]

    # The walk-through's numbers.
    replies = namespace["replies"]
    assert len(replies) == 24 and replies["score"].isna().sum() == 1
    table = namespace["table"]
    assert table.loc["bo", "argumentative"] == 4 and table.loc["cy", "robotic_opener"] == 3


def test_the_cells_of_docs_scale_md_run(monkeypatch):
    pytest.importorskip("pyarrow")
    pytest.importorskip("polars")
    monkeypatch.chdir(REPO)
    cells = blocks("python", SCALE_DOC)
    assert len(cells) >= 3
    namespace: dict[str, object] = {}
    for i, cell in enumerate(cells):
        try:
            exec(compile(cell, f"docs/scale.md cell {i + 1}", "exec"), namespace)
        except Exception as e:  # pragma: no cover - the message shows the cell
            raise AssertionError(f"cell {i + 1} of docs/scale.md fails:\n{cell}") from e


@pytest.mark.parametrize("doc", [DOC, SCALE_DOC], ids=lambda d: d.name)
def test_the_no_test_blocks_at_least_compile(doc):
    for i, cell in enumerate(blocks("python no-test", doc)):
        compile(cell, f"{doc.name} no-test block {i + 1}", "exec")
