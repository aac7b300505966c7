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

    The workers take the chunks in turn from a shared counter and send their batches back on a
    pipe each, which the parent's own thread reads (`_Workers`): no helper thread, and a worker
    never waits for the parent, which shares the CPUs with it, to be handed its next chunk.
    (`multiprocessing.Pool`'s worker-handler thread wakes up whenever a batch waits in the result
    pipe, and on a busy machine spins until the result thread reads it: 17,433 wake-ups for a
    2,000-post cold run's 126 batches, 1.2 s of the parent's 1.5 s of CPU at 10,000 posts.)"""
    global STATE
    STATE = state
    team = _Workers(context, work, chunks, min(workers, len(chunks)))
    try:
        yield from team.run()
    finally:
        team.stop()
        STATE = None


class WorkerDied(RuntimeError):
    """A worker process ended before sending back its batches (killed, out of memory)."""


def _serve(conn: Any, others: list[Any], work: Callable[[list[int]], Any], chunks: list[list[int]], taken: Any) -> None:
    """A worker's loop: the next chunk no worker took yet, its batch sent back; none left: done."""
    for other in others:  # the parent's ends of the earlier workers' pipes: not this worker's
        other.close()
    while True:
        with taken.get_lock():
            index = taken.value
            taken.value = index + 1
        if index >= len(chunks):
            return
        try:
            reply: tuple[bool, Any] = (True, work(chunks[index]))
        except BaseException as exc:  # raised in the parent
            reply = (False, exc)
        try:
            conn.send(reply)
        except Exception as exc:  # not picklable: said as text
            conn.send((False, RuntimeError(f"{type(exc).__name__}: {exc} (sending {type(reply[1]).__name__})")))
            return
        if not reply[0]:
            return


class _Workers:
    """Forked worker processes taking chunks from a shared counter, each with its own result pipe."""

    def __init__(self, context: Any, work: Callable[[list[int]], Any], chunks: list[list[int]], count: int) -> None:
        self.left = len(chunks)
        self.procs: list[Any] = []
        self.conns: list[Any] = []
        taken = context.Value("q", 0)
        for _ in range(count):
            mine, theirs = context.Pipe(duplex=False)
            proc = context.Process(target=_serve, args=(theirs, list(self.conns), work, chunks, taken), daemon=True)
            proc.start()
            theirs.close()
            self.procs.append(proc)
            self.conns.append(mine)

    def run(self) -> Iterator[Any]:
        from multiprocessing.connection import wait

        live = dict(zip(self.conns, self.procs))
        while self.left:
            if not live:
                raise WorkerDied("the worker processes ended before sending back every batch")
            for conn in wait(list(live)):
                try:
                    ok, value = conn.recv()  # type: ignore[union-attr]
                except (EOFError, OSError):  # it ended: done, or died
                    proc = live.pop(conn)  # type: ignore[arg-type]
                    proc.join()
                    if proc.exitcode:
                        raise WorkerDied(f"a worker process ended with exit code {proc.exitcode}") from None
                    continue
                if not ok:
                    raise value
                self.left -= 1
                yield value

    def stop(self) -> None:
        """Wait for the workers (done once every batch is back); a worker still working (the run
        stopped early, or failed) is terminated."""
        for proc in self.procs:
            if self.left and proc.exitcode is None:
                proc.terminate()
        for conn, proc in zip(self.conns, self.procs):
            proc.join()
            conn.close()
