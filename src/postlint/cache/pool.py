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
    (inherited at the fork, not pickled); batches as they come. A worker's exception is raised
    here; a worker that dies (killed, out of memory) raises `WorkerDied`, the others are stopped.

    The parent's own thread hands out the chunks and reads the batches (`_Workers`): no helper
    thread. (`multiprocessing.Pool`'s worker-handler thread wakes up whenever a batch waits in
    the result pipe, and on a busy machine spins until its result thread reads it: 17,433 wake-ups
    for a 2,000-post cold run's 126 batches, 1.2 s of the parent's 1.5 s of CPU at 10,000 posts,
    taken from the workers on 2 cores.)"""
    global STATE
    STATE = state
    team = _Workers(context, work, min(workers, len(chunks)))
    try:
        yield from team.run(chunks)
    finally:
        team.stop()
        STATE = None


class WorkerDied(RuntimeError):
    """A worker process ended before sending back its batch (killed, out of memory)."""


#: chunks a worker holds at a time: one it works on, one waiting in its pipe (it never waits for
#: the parent, which shares the CPUs with it, between two chunks)
IN_FLIGHT = 2


def _serve(conn: Any, others: list[Any], work: Callable[[list[int]], Any]) -> None:
    """A worker's loop: a chunk from the parent, its batch back; None: done."""
    for other in others:  # the parent's ends of the earlier workers' pipes: not this worker's
        other.close()
    while True:
        try:
            chunk = conn.recv()
        except EOFError:  # the parent is gone
            return
        if chunk is None:
            return
        try:
            reply: tuple[bool, Any] = (True, work(chunk))
        except BaseException as exc:  # raised in the parent
            reply = (False, exc)
        try:
            conn.send(reply)
        except Exception as exc:  # not picklable: said as text
            conn.send((False, RuntimeError(f"{type(exc).__name__}: {exc} (sending {type(reply[1]).__name__})")))


class _Workers:
    """Forked worker processes, each with its own pipe, fed chunks by the parent's thread."""

    def __init__(self, context: Any, work: Callable[[list[int]], Any], count: int) -> None:
        self.procs: list[Any] = []
        self.conns: list[Any] = []
        self.owed: list[int] = [0] * count
        for _ in range(count):
            mine, theirs = context.Pipe()
            proc = context.Process(target=_serve, args=(theirs, list(self.conns), work), daemon=True)
            proc.start()
            theirs.close()
            self.procs.append(proc)
            self.conns.append(mine)

    def run(self, chunks: list[list[int]]) -> Iterator[Any]:
        from multiprocessing.connection import wait

        queue = iter(chunks)
        self.owed = owed = [0] * len(self.conns)  # chunks sent to each worker, not yet answered
        for i, conn in enumerate(self.conns):
            for chunk in _take(queue, IN_FLIGHT):
                conn.send(chunk)
                owed[i] += 1
        by_conn = {conn: i for i, conn in enumerate(self.conns)}
        by_sentinel = {proc.sentinel: i for i, proc in enumerate(self.procs)}
        while any(owed):
            busy = [i for i, n in enumerate(owed) if n]
            for ready in wait([*(self.conns[i] for i in busy), *(self.procs[i].sentinel for i in busy)]):
                i = by_conn.get(ready)  # type: ignore[arg-type]
                if i is None:  # a worker ended: what it had sent is read first
                    i = by_sentinel[ready]
                    if not owed[i] or self.conns[i].poll():
                        continue
                    raise self._died(i)
                if not owed[i]:
                    continue
                try:
                    ok, value = self.conns[i].recv()
                    owed[i] -= 1
                    if ok:
                        for chunk in _take(queue, 1):
                            self.conns[i].send(chunk)
                            owed[i] += 1
                except (EOFError, OSError):
                    raise self._died(i) from None
                if not ok:
                    raise value
                yield value

    def _died(self, i: int) -> WorkerDied:
        self.procs[i].join(1)
        return WorkerDied(f"a worker process ended with exit code {self.procs[i].exitcode}")

    def stop(self) -> None:
        """Tell each idle worker it is done and wait for it; a worker still working (the run
        stopped early, or failed) is terminated."""
        for conn, proc, owed in zip(self.conns, self.procs, self.owed):
            if owed:
                proc.terminate()
                continue
            try:
                conn.send(None)
            except OSError:
                proc.terminate()
        for conn, proc in zip(self.conns, self.procs):
            proc.join()
            conn.close()


def _take(queue: Iterator[list[int]], count: int) -> list[list[int]]:
    out: list[list[int]] = []
    for chunk in queue:
        out.append(chunk)
        if len(out) == count:
            break
    return out
