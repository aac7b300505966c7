"""Forked worker processes for a run: the fork context, and work on chunks of a shared state.

A pool's workers inherit the parent's state at the fork (the linter, the site index,
the files of the run) instead of receiving it pickled: `in_workers` sets `STATE`
for the pool's life, and each work function reads it. What each worker would load
for itself (the syllable tables) is loaded once before the fork (`preload`), and
what exists then is frozen out of the garbage collector (no copy-on-write scans).
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING, Any, Callable, Iterator, TypeVar

if TYPE_CHECKING:  # pragma: no cover
    from ..engine.linter import Linter

_B = TypeVar("_B")

#: Fewer posts to work on than this and worker processes cost more than they save.
PARALLEL_MIN_FILES = 24
#: what forked workers read: set by `in_workers` for one pool's life
STATE: Any = None


def parallel(workers: int, count: int) -> bool:
    """Whether `count` posts are worth `workers` worker processes."""
    return workers > 1 and count >= PARALLEL_MIN_FILES


def preload(linter: "Linter") -> None:
    """What each worker would load for itself, loaded once before the fork (the syllable tables)."""
    if any(rule.uses_syllables for rule in linter.selection.rules):
        from ..parse.textstats import preload as load_tables

        load_tables()
    gc.freeze()


def fork_context() -> Any:
    """multiprocessing's fork context, or None where there is no fork."""
    import multiprocessing

    try:
        return multiprocessing.get_context("fork")
    except ValueError:  # pragma: no cover - platforms without fork
        return None


def in_workers(context: Any, state: Any, work: Callable[[list[int]], _B], chunks: list[list[int]], workers: int) -> Iterator[_B]:
    """`work(chunk)` of each chunk in forked worker processes, which read `state` from `STATE`
    (inherited at the fork, not pickled); batches as they come."""
    global STATE
    STATE = state
    try:
        with context.Pool(processes=min(workers, len(chunks))) as pool:
            yield from pool.imap_unordered(work, chunks)
    finally:
        STATE = None
