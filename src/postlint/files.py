"""Reading a post's file: its bytes, or the PL002 reason it cannot be read."""

from __future__ import annotations

from pathlib import Path


class UnreadableFile(Exception):
    """The file cannot be linted as text (PL002)."""


def read_file(path: Path) -> bytes:
    """The file's bytes; a read error becomes `UnreadableFile` with the PL002 message."""
    try:
        return path.read_bytes()
    except IsADirectoryError:
        raise UnreadableFile("is a directory, not a file") from None
    except FileNotFoundError:
        raise UnreadableFile("no such file (or a broken symbolic link)") from None
    except OSError as exc:
        raise UnreadableFile(exc.strerror or str(exc)) from None
