"""Spark, for real: PySpark in local[2] mode scores the 200,000-reply Parquet dataset with
mapInArrow and a pickled Analyzer, and gets what one process gets."""

from __future__ import annotations

import shutil
import sys

import pytest

pa = pytest.importorskip("pyarrow")
pytest.importorskip("pyspark")
pytest.importorskip("pandas")

from pyspark.sql import SparkSession

from replylint import Analyzer
from conftest import DATASET_ANALYZER_ARGS, DATASET_ROWS

pytestmark = pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs Java (17 or later)")


@pytest.fixture(scope="module")
def spark(tmp_path_factory, monkeypatch_module):
    # The Python workers must import this replylint: run them with this interpreter.
    monkeypatch_module.setenv("PYSPARK_PYTHON", sys.executable)
    monkeypatch_module.setenv("PYSPARK_DRIVER_PYTHON", sys.executable)
    scratch = tmp_path_factory.mktemp("spark")
    session = (
        SparkSession.builder.master("local[2]")
        .appName("replylint-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.local.dir", str(scratch / "local"))
        .config("spark.sql.warehouse.dir", str(scratch / "warehouse"))
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    yield session
    session.stop()


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as mp:
        yield mp


def test_map_in_arrow_scores_like_one_process(spark, reply_dataset):
    directory, table = reply_dataset
    analyzer = Analyzer(**DATASET_ANALYZER_ARGS)

    scores = analyzer.score_arrow(table.column("reply")).to_pylist()
    expected_scores = dict(zip(table.column("id").to_pylist(), scores))
    found = analyzer.analyze_arrow(table.column("reply"))
    ids = table.column("id").take(found.column("row"))
    expected_findings = sorted(
        zip(ids.to_pylist(), *(found.column(c).to_pylist() for c in ("rule_id", "start", "end", "text")))
    )

    def add_scores(batches):
        # `analyzer` is pickled with this function's closure and rebuilt in the worker.
        for batch in batches:
            score = analyzer.score_arrow(batch.column("reply")).cast(pa.int32())
            yield pa.RecordBatch.from_arrays([batch.column("id"), score], names=["id", "score"])

    def findings(batches):
        for batch in batches:
            found = analyzer.analyze_arrow(batch.column("reply"))
            spans = pa.table({
                "id": batch.column("id").take(found.column("row")),
                "rule_id": found.column("rule_id").cast(pa.string()),
                "start": found.column("start"),
                "end": found.column("end"),
                "text": found.column("text").cast(pa.string()),
            })
            yield from spans.to_batches()

    replies = spark.read.parquet(str(directory))
    assert replies.rdd.getNumPartitions() >= 2
    scored = replies.mapInArrow(add_scores, "id long, score int").toPandas()
    spans = replies.mapInArrow(findings, "id long, rule_id string, start long, end long, text string").toPandas()

    assert len(scored) == DATASET_ROWS
    got_scores = {int(i): (None if s is None or s != s else int(s)) for i, s in zip(scored["id"], scored["score"])}
    assert got_scores == expected_scores
    got_findings = sorted(
        zip(spans["id"].tolist(), spans["rule_id"].tolist(), spans["start"].tolist(), spans["end"].tolist(), spans["text"].tolist())
    )
    assert got_findings == expected_findings
