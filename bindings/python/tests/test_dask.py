"""Dask, for real: a local cluster of two worker processes scores a 200,000-reply Parquet
dataset with map_partitions and a pickled Analyzer, and gets what one process gets."""

from __future__ import annotations

import os

import pytest

pa = pytest.importorskip("pyarrow")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")

from replylint import Analyzer
from replylint.pandas import analyze_series, score_series
from conftest import DATASET_ANALYZER_ARGS, DATASET_ROWS


def scores_and_pid(part: pd.DataFrame, analyzer: Analyzer) -> pd.DataFrame:
    """The scores of a partition, and which process computed them."""
    return pd.DataFrame(
        {"score": score_series(part["reply"], analyzer).astype("float64"), "pid": os.getpid()},
        index=part.index,
    )


def test_a_two_process_cluster_scores_like_one_process(reply_dataset):
    directory, table = reply_dataset
    analyzer = Analyzer(**DATASET_ANALYZER_ARGS)

    # One process: the whole column through the Arrow path.
    scores = analyzer.score_arrow(table.column("reply")).to_pylist()
    expected_scores = {i: s for i, s in zip(table.column("id").to_pylist(), scores)}
    found = analyzer.analyze_arrow(table.column("reply"))
    ids = table.column("id").take(found.column("row"))
    expected_findings = sorted(
        zip(ids.to_pylist(), *(found.column(c).to_pylist() for c in ("rule_id", "start", "end", "text")))
    )

    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        replies = dd.read_parquet(directory, index="id")
        assert replies.npartitions >= 2
        meta = pd.DataFrame({"score": pd.Series(dtype="float64"), "pid": pd.Series(dtype="int64")})
        # The analyzer travels pickled (as its configuration) with the tasks.
        scored = replies.map_partitions(scores_and_pid, analyzer, meta=meta).compute()
        empty = analyze_series(pd.Series([], dtype=object))
        findings = replies["reply"].map_partitions(analyze_series, analyzer, meta=empty).compute()

    assert len(scored) == DATASET_ROWS
    assert os.getpid() not in set(scored["pid"])
    got_scores = {i: (None if pd.isna(s) else int(s)) for i, s in scored["score"].items()}
    assert got_scores == expected_scores
    got_findings = sorted(
        zip(findings.index.tolist(), findings["rule_id"], findings["start"].tolist(), findings["end"].tolist(), findings["text"])
    )
    assert len(got_findings) > DATASET_ROWS // 2
    assert got_findings == expected_findings
