"""How a run names its files: absolute paths, display paths and index keys, built from strings.

A run names every file three times (its de-duplication key, the path findings
show, the site index key); with `pathlib` each costs a `Path` or two (~10 µs,
over a quarter of a second for a 2,000-post warm run). These functions give
exactly what the `pathlib` expressions in their docstrings give, with string
operations on POSIX, and use `pathlib` itself elsewhere (Windows drives, a
leading `//`), where its rules are subtler.
"""

from __future__ import annotations

import os
from pathlib import Path

_POSIX = os.sep == "/"


def _parts(text: str) -> list[str]:
    """The parts `pathlib` keeps of a POSIX path: empty and `.` parts dropped, `..` kept."""
    return [part for part in text.split("/") if part and part != "."]


def _fast(text: str) -> bool:
    return _POSIX and not text.startswith("//")


def _absolute_parts(text: str) -> list[str] | None:
    if text.startswith("/"):
        return _parts(text)
    here = os.getcwd()
    if not _fast(here):  # pragma: no cover - a working directory under `//`
        return None
    return _parts(here) + _parts(text)


def plain_path(text: str) -> str | None:
    """`text` without its leading `./` (the walk of `.` names every file so), when what is left is
    plain: POSIX, no `.` or `..` part, no `//`, so that the working folder joined to it is the file's
    absolute path as `path_key` makes it and `display_path` names it by it; None otherwise."""
    if not _POSIX or "//" in text:
        return None
    if text.startswith("./"):
        text = text[2:]
    if "/." in text or text.startswith("."):
        return None
    return text


def absolute(path: Path | str) -> str:
    """`str(Path(path).absolute())`: against the working directory, `..` not resolved."""
    text = os.fspath(path)
    parts = _absolute_parts(text) if _fast(text) else None
    if parts is None:
        return str(Path(text).absolute())
    return "/" + "/".join(parts)


def path_key(path: Path | str) -> str:
    """`Path(os.path.normpath(Path(path).absolute())).as_posix()`: the site index's key of a file."""
    text = os.fspath(path)
    if not _fast(text):
        return Path(os.path.normpath(Path(text).absolute())).as_posix()
    return os.path.abspath(text)


def parts_under(key: str, base: str) -> list[str] | None:
    """`list(Path(key).relative_to(base).parts)` for a key as `path_key` makes it and a folder as
    `str(Path(…))` names it; None when `key` is not under `base` (`relative_to` raises)."""
    if not (_fast(key) and _fast(base)):
        try:
            return list(Path(key).relative_to(base).parts)
        except ValueError:
            return None
    if key == base:
        return []
    prefix = base if base.endswith("/") else base + "/"
    return key[len(prefix) :].split("/") if key.startswith(prefix) else None


def display_path(path: Path | str, cwd: Path | str) -> str:
    """`Path(path).absolute().relative_to(cwd).as_posix()`, or `Path(path).as_posix()` when
    `path` is not under `cwd`: how findings name a file."""
    text, base = os.fspath(path), os.fspath(cwd)
    parts = _absolute_parts(text) if _fast(text) and _fast(base) and base.startswith("/") else None
    if parts is None:
        return _display_path(Path(text), Path(base))
    prefix = _parts(base)
    if parts[: len(prefix)] == prefix:
        return "/".join(parts[len(prefix) :]) or "."
    return ("/" if text.startswith("/") else "") + "/".join(_parts(text)) or "."


def _display_path(path: Path, cwd: Path) -> str:
    try:
        return path.absolute().relative_to(cwd).as_posix()
    except ValueError:
        return path.as_posix()


def package_folder() -> str:
    """The folder of the `postlint` package, wherever in it the calling module sits (modules
    that read the package's data or sources find it from here, not from their own folder)."""
    here = os.path.dirname(os.path.abspath(__file__))
    while os.path.basename(here) != "postlint" and os.path.dirname(here) != here:
        here = os.path.dirname(here)
    return here
