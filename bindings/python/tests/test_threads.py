"""analyze_many and analyze release the GIL: other Python threads run meanwhile, and
analyzers are safe to share between threads."""

from __future__ import annotations

import random
import sys
import threading
import time

import pytest

import replylint
from replylint import Analyzer

SENTENCES = [
    "Dear valued customer, as I already said, that's not my department.",
    "I'm so sorry about this; I'll check back with you tomorrow.",
    "Per our policy we cannot refund opened items!!",
    "К сожалению, такова политика компании.",
    "Your refund was sent today.",
]


def batch(n: int) -> list[str]:
    return [f"#{i} " + SENTENCES[i % len(SENTENCES)] for i in range(n)]


QUIET = "The parcel left our warehouse on Monday, and the courier expects to deliver it on Thursday. "


def long_batch(n: int) -> list[str]:
    """Replies of some 7 KB with one finding each: the analysis, which runs without the GIL,
    is nearly all of a call on them, and reading the texts and building the reports, which
    need the GIL, very little; with short replies full of findings those were a third."""
    return [QUIET * 80 + SENTENCES[i % len(SENTENCES)] for i in range(n)]


class Ticker(threading.Thread):
    """A Python thread that records the time of each of its loop iterations; it can only
    run while no other thread holds the GIL."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.ticks: list[float] = []
        self.stop = threading.Event()
        self.started = threading.Event()

    def run(self) -> None:
        self.started.set()
        while not self.stop.is_set():
            self.ticks.append(time.perf_counter())


SLICES = 20


def _coverage(call) -> tuple[float, int, float]:
    """While ``call()`` runs, in how many of the middle half of 20 equal time slices another
    Python thread ran its loop at least once (as a fraction), how many loops it ran, and the
    call's duration.

    Only the middle counts. A call that holds the GIL can still let the other thread in at
    its edges: the main thread is made to drop the GIL between two bytecodes (every
    ``sys.getswitchinterval()`` seconds), and on a busy machine it may wait a while to get it
    back before it reads the clock. And a call that releases the GIL for its work still holds
    it at its edges, to read its Python arguments and to build its Python results, which
    take a larger share of the call the faster the work between them is (hence
    ``long_batch``).
    """
    ticker = Ticker()
    ticker.start()
    ticker.started.wait()
    start = time.perf_counter()
    call()
    end = time.perf_counter()
    ticker.stop.set()
    ticker.join()
    width = (end - start) / SLICES
    hit = {int((t - start) / width) for t in ticker.ticks if start <= t < end}
    middle = range(SLICES // 4, SLICES - SLICES // 4)
    ticks = sum(1 for t in ticker.ticks if start <= t < end)
    return len(hit.intersection(middle)) / len(middle), ticks, end - start


def _long_enough(make_call, seconds: float = 0.6, n: int = 50_000):
    """Doubles the work, from ``n``, until one call lasts ``seconds``, so that each slice is
    wide."""
    while True:
        call = make_call(n)
        began = time.perf_counter()
        call()
        if time.perf_counter() - began >= seconds or n >= 3_200_000:
            return call
        n *= 2


def test_another_thread_runs_while_analyze_many_works():
    analyzer = Analyzer()
    call = _long_enough(
        lambda n: (lambda texts=long_batch(n): analyzer.analyze_many(texts)),
        n=500,
    )
    coverage, ticks, seconds = _coverage(call)
    # Holding the GIL, the call would leave the middle slices empty (see the control
    # below); released, the other thread runs all through them.
    assert coverage >= 0.9, f"another thread ran in {coverage:.0%} of the call's middle ({ticks} loops in {seconds:.2f} s)"


def test_another_thread_runs_while_analyze_arrow_works():
    pa = pytest.importorskip("pyarrow")
    analyzer = Analyzer()
    call = _long_enough(
        lambda n: (lambda array=pa.array(long_batch(n)): analyzer.analyze_arrow(array)),
        n=500,
    )
    coverage, ticks, seconds = _coverage(call)
    assert coverage >= 0.9, f"another thread ran in {coverage:.0%} of the call's middle ({ticks} loops in {seconds:.2f} s)"


@pytest.mark.skipif(not getattr(sys, "_is_gil_enabled", lambda: True)(), reason="free-threaded Python has no GIL")
def test_a_gil_holding_call_leaves_the_middle_empty():
    """The control for the tests above: sorting a shuffled list of strings holds the GIL in
    C for the whole call, and the other thread gets in at the edges at most."""

    def make(n: int):
        data = [str(i) for i in range(n)]
        random.Random(7).shuffle(data)
        return lambda: sorted(data)

    call = _long_enough(make)
    coverage, ticks, seconds = _coverage(call)
    assert coverage <= 0.2, f"another thread ran in {coverage:.0%} of the call's middle ({ticks} loops in {seconds:.2f} s)"


def test_two_threads_share_one_analyzer():
    analyzer = Analyzer(languages=["en", "ru"])
    texts = batch(20_000)
    expected = analyzer.analyze_many(texts)
    results: dict[str, list[replylint.Report]] = {}

    def many(name: str) -> None:
        results[name] = analyzer.analyze_many(texts)

    def one_by_one(name: str) -> None:
        results[name] = [analyzer.analyze(t) for t in texts]

    threads = [
        threading.Thread(target=many, args=("many-1",)),
        threading.Thread(target=many, args=("many-2",)),
        threading.Thread(target=one_by_one, args=("loop",)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert set(results) == {"many-1", "many-2", "loop"}
    assert all(r == expected for r in results.values())


def test_many_threads_calling_analyze_agree():
    analyzer = Analyzer(languages=["en", "ru"])
    texts = batch(2_000)
    expected = [analyzer.analyze(t) for t in texts]
    errors: list[BaseException] = []
    out: list[list[replylint.Report]] = [[] for _ in range(4)]

    def work(k: int) -> None:
        try:
            out[k] = [analyzer.analyze(t) for t in texts]
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert all(o == expected for o in out)
