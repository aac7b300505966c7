"""The forked workers of a run (`cache.pool.in_workers`): each chunk's batch once, a worker's
exception raised in the parent, a worker that dies said instead of waited for, and no helper
thread in the parent (multiprocessing.Pool's worker-handler thread spun while batches waited)."""

from __future__ import annotations

import multiprocessing
import os
import threading

import pytest

from postlint.cache import pool

pytestmark = pytest.mark.skipif(pool.fork_context() is None, reason="no fork on this platform")


def _squares(chunk: list[int]) -> list[tuple[int, int]]:
    base = pool.STATE  # inherited at the fork
    return [(i, base + i * i) for i in chunk]


def _threads_seen(chunk: list[int]) -> list[int]:
    return chunk


def _fails_on_seven(chunk: list[int]) -> list[int]:
    if 7 in chunk:
        raise ValueError("seven")
    return chunk


def _dies_on_seven(chunk: list[int]) -> list[int]:
    if 7 in chunk:
        os._exit(3)
    return chunk


def _chunks(count: int, size: int) -> list[list[int]]:
    return [list(range(i, min(i + size, count))) for i in range(0, count, size)]


def test_each_chunk_once_from_the_inherited_state() -> None:
    batches = list(pool.in_workers(pool.fork_context(), 1000, _squares, _chunks(50, 3), 2))
    assert len(batches) == 17
    assert sorted(pair for batch in batches for pair in batch) == [(i, 1000 + i * i) for i in range(50)]
    assert pool.STATE is None
    assert multiprocessing.active_children() == []


def test_more_workers_than_chunks() -> None:
    assert list(pool.in_workers(pool.fork_context(), 0, _squares, [[2]], 4)) == [[(2, 4)]]
    assert multiprocessing.active_children() == []


def test_the_parent_runs_no_helper_thread() -> None:
    before = threading.active_count()
    seen = [threading.active_count() for _ in pool.in_workers(pool.fork_context(), None, _threads_seen, _chunks(40, 2), 2)]
    assert seen == [before] * 20


def test_a_workers_exception_is_raised_in_the_parent() -> None:
    with pytest.raises(ValueError, match="seven"):
        list(pool.in_workers(pool.fork_context(), None, _fails_on_seven, _chunks(30, 2), 2))
    assert pool.STATE is None
    assert multiprocessing.active_children() == []


def test_a_worker_that_dies_is_said_not_waited_for() -> None:
    with pytest.raises(pool.WorkerDied, match="exit code 3"):
        list(pool.in_workers(pool.fork_context(), None, _dies_on_seven, _chunks(30, 2), 2))
    assert multiprocessing.active_children() == []


def test_a_run_stopped_early_stops_its_workers() -> None:
    batches = pool.in_workers(pool.fork_context(), 0, _squares, _chunks(60, 2), 2)
    first = next(batches)
    assert len(first) == 2
    batches.close()
    assert pool.STATE is None
    assert multiprocessing.active_children() == []
