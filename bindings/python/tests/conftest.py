"""Shared helpers of the replylint Python tests."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path
from typing import Any, Optional

import pytest

#: The repository root (bindings/python/tests/conftest.py → ../../..).
REPO = Path(__file__).resolve().parents[3]

#: The shared test vectors, run by Rust, Python and JavaScript alike (tests/README.md).
VECTORS_DIR = Path(os.environ.get("REPLYLINT_VECTORS_DIR") or REPO / "tests" / "vectors")


def load_vectors() -> list[tuple[str, dict[str, Any]]]:
    """Every vector of every ``tests/vectors/*.json`` file, with its file name."""
    return [
        (path.name, vector)
        for path in sorted(VECTORS_DIR.glob("*.json"))
        for vector in json.loads(path.read_text(encoding="utf-8"))["vectors"]
    ]


def analyzer_kwargs(options: dict[str, Any]) -> dict[str, Any]:
    """A vector's ``options`` as keyword arguments of ``replylint.Analyzer``."""
    kwargs = dict(options)  # skip_quoted, sla_hours: the same names
    if "jargon" in kwargs:
        kwargs["jargon"] = [
            j if isinstance(j, str) else (j["term"], j.get("replacement")) for j in kwargs["jargon"]
        ]
    return kwargs


def byte_to_char(text: str, offset: int) -> int:
    """A UTF-8 byte offset into ``text`` as a Python string index."""
    return len(text.encode("utf-8")[:offset].decode("utf-8"))


#: Sentences of the generated replies, by language: clean ones, and ones the lexicons flag.
SENTENCES = {
    "en": [
        "Your parcel left our warehouse this morning and should arrive on Thursday.",
        "I've refunded the 24.90 euros to your card.",
        "Dear valued customer, thank you for your patience.",
        "As I already said, that's not my department.",
        "Per our policy, we cannot refund opened items!!",
        "I completely understand how frustrating this is, and I'll check back with you tomorrow.",
    ],
    "ru": [
        "Ваш заказ уже в пути и прибудет в четверг.",
        "К сожалению, такова политика компании.",
        "Это не ко мне.",
        "Понимаю, как это неприятно; напишу вам завтра.",
    ],
    "es": [
        "Su pedido salió hoy y llegará el jueves.",
        "Lamentamos las molestias que esto le haya podido ocasionar.",
        "Es la política de la empresa.",
    ],
    "de": [
        "Ihr Paket ist heute unterwegs und kommt am Donnerstag an.",
        "Das ist nicht meine Abteilung.",
        "Wie bereits gesagt, das ist unsere Richtlinie.",
    ],
    "fa": ["سفارش شما امروز ارسال شد و تا پنج‌شنبه می‌رسد.", "این سیاست شرکت است."],
    "hu": ["A csomagját ma feladtuk, csütörtökön érkezik.", "Ez a cég szabályzata."],
    "emoji": ["Thanks 🙂 the RMA is in the L2 queue!!", "🎉 Done: your refund was sent today."],
}


def generated_replies(n: int, seed: int = 7) -> list[Optional[str]]:
    """``n`` replies of one to three sentences in mixed languages, about one in a hundred
    missing (``None``): the same list for the same ``n`` and ``seed``."""
    rng = random.Random(seed)
    pools = list(SENTENCES.values())
    replies: list[Optional[str]] = []
    for i in range(n):
        if rng.random() < 0.01:
            replies.append(None)
            continue
        pool = rng.choice(pools)
        replies.append(f"#{i} " + " ".join(rng.choice(pool) for _ in range(rng.randint(1, 3))))
    return replies


#: Rows of the Parquet dataset the Dask and Spark tests score, and its files.
DATASET_ROWS = 200_000
DATASET_FILES = 8

#: The analyzer the Dask and Spark tests ship to their workers.
DATASET_ANALYZER_ARGS: dict[str, Any] = {
    "languages": ["en", "ru", "es", "de", "fa", "hu"],
    "jargon": {"RMA": "return label", "L2 queue": "our specialist team"},
}


@pytest.fixture(scope="session")
def reply_dataset(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    """:data:`DATASET_ROWS` generated replies (``id``, ``reply``) written as
    :data:`DATASET_FILES` Parquet files in a temporary directory; the directory and the
    table."""
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    replies = generated_replies(DATASET_ROWS, seed=11)
    table = pa.table({"id": pa.array(range(DATASET_ROWS), pa.int64()), "reply": pa.array(replies, pa.string())})
    directory = tmp_path_factory.mktemp("replies") / "parquet"
    directory.mkdir()
    per_file = DATASET_ROWS // DATASET_FILES
    for k in range(DATASET_FILES):
        pq.write_table(table.slice(k * per_file, per_file), directory / f"part-{k}.parquet")
    return directory, table
