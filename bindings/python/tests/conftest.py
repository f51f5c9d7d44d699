"""Shared helpers of the replylint Python tests."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

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
    kwargs = dict(options)
    if "jargon" in kwargs:
        kwargs["jargon"] = [
            j if isinstance(j, str) else (j["term"], j.get("replacement")) for j in kwargs["jargon"]
        ]
    return kwargs


def byte_to_char(text: str, offset: int) -> int:
    """A UTF-8 byte offset into ``text`` as a Python string index."""
    return len(text.encode("utf-8")[:offset].decode("utf-8"))
