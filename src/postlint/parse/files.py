"""Reading a post's file: its bytes, or the PL002 reason it cannot be read.

Only regular files are read. A FIFO named `*.md` would block the run forever and
a device such as /dev/zero would fill the memory, so the file's stat is checked
before it is opened, and it is opened without blocking (`O_NONBLOCK`) and checked
again by what was opened, for a file swapped in between.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)


class UnreadableFile(Exception):
    """The file cannot be linted as text (PL002)."""


def _refusal(mode: int) -> str | None:
    """Why a file of this mode is not read, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a directory, not a file"
    kind = next((name for test, name in _KINDS if test(mode)), "not a file")
    return f"not a regular file ({kind})"


def read_file(path: Path | str, info: os.stat_result | None = None) -> bytes:
    """The file's bytes; a read error, or a file that is not a regular one, becomes
    `UnreadableFile` with the PL002 message. `info`: its `os.stat`, when the caller has it."""
    try:
        refusal = _refusal((info or os.stat(path)).st_mode)
        if refusal is not None:
            raise UnreadableFile(refusal)
        fd = os.open(path, _FLAGS)
        with open(fd, "rb") as handle:  # closes fd
            refusal = _refusal(os.fstat(fd).st_mode)
            if refusal is not None:
                raise UnreadableFile(refusal)
            return handle.read()
    except IsADirectoryError:
        raise UnreadableFile("is a directory, not a file") from None
    except FileNotFoundError:
        raise UnreadableFile("no such file (or a broken symbolic link)") from None
    except OSError as exc:
        raise UnreadableFile(exc.strerror or str(exc)) from None
