"""Work done in a forked child process while the parent does its share: `in_child`.

A warm run of a big site stats every file (a system call each, the larger part of
the run): with two CPUs, a child forked from the run stats the second half of the
files while the parent stats the first, and sends back a fixed-size answer a file
(`ResultCache.vouched`). The child shares the parent's memory at the fork (the cache
rows it compares with, already read: it asks the database nothing), writes nothing
but its answer to a pipe, and ends with `os._exit` (no exit handler of the parent's,
no buffered output written twice). Anything that goes wrong there (no fork
on the platform, the child killed, an exception, a short answer) gives None: the
caller does that share itself.
"""

from __future__ import annotations

import os
import sys
from typing import Callable


def can_fork() -> bool:
    """Whether a child can be forked safely: the platform forks, and no other thread runs (a
    thread holding a lock at the fork would leave it held in the child: the Language Server)."""
    if not hasattr(os, "fork"):  # pragma: no cover - Windows
        return False
    threading = sys.modules.get("threading")
    return threading is None or threading.active_count() == 1


def in_child(work: Callable[[], bytes], size: int) -> Callable[[], bytes | None]:
    """Start `work` in a forked child; the returned callable waits for its answer: the `size`
    bytes it returned, or None (it failed or was killed, or the fork did). Call it once, on
    every path (it reaps the child)."""
    try:
        read_end, write_end = os.pipe()
    except OSError:  # pragma: no cover - out of descriptors
        return lambda: None
    try:
        pid = os.fork()
    except OSError:  # pragma: no cover - out of processes or memory
        os.close(read_end)
        os.close(write_end)
        return lambda: None
    if pid == 0:  # pragma: no cover - the child (coverage does not follow it)
        code = 1
        try:
            os.close(read_end)
            answer = work()
            with open(write_end, "wb") as out:
                out.write(answer)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)

    def answer() -> bytes | None:
        chunks: list[bytes] = []
        got = 0
        try:
            with open(read_end, "rb", buffering=0) as pipe:
                while got <= size:  # bounded: an answer longer than asked is refused
                    chunk = pipe.read(max(size + 1 - got, 1))
                    if not chunk:
                        break
                    chunks.append(chunk)
                    got += len(chunk)
        finally:
            try:
                _, status = os.waitpid(pid, 0)
            except ChildProcessError:  # pragma: no cover - reaped elsewhere (SIGCHLD ignored)
                status = -1
        if status != 0 or got != size:
            return None
        return b"".join(chunks)

    return answer
