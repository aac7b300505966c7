"""The results cache's folder: where it may be, how postlint marks it as its own, and `clean`.

A config file comes with the repository, and in CI the repository may be a
stranger's pull request: `cache-dir: ..`, `"~"` or `content` must not make
postlint write into, or delete, folders it does not own. So:

- a `cache-dir` from a config file must resolve (links followed) to a folder
  inside the project root (the config file's folder, else the working folder);
  one given on the command line (`--cache-dir`) may be anywhere; neither may be
  the project root or a folder above it;
- postlint creates the folder with a `CACHEDIR.TAG` marker (the Cache Directory
  Tagging standard, which backup tools honour) naming postlint, and uses an
  existing folder only when it holds that marker (or is a cache of an earlier
  postlint, recognised by its `.gitignore`, which then gets the marker);
- `postlint clean` removes only postlint's own files from a marked folder, and
  the folder itself once it is empty.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from ..model.config import ConfigError

if TYPE_CHECKING:  # pragma: no cover
    from ..model.config import Config

MARKER = "CACHEDIR.TAG"
MARKER_TEXT = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by postlint.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)
GITIGNORE_TEXT = "# Created by postlint; safe to delete.\n*\n"
#: every file postlint writes in its cache folder (the markers, the SQLite database and its
#: journal, the JSON results of format 2, the link cache of `--check-links`)
OWN_FILES = (
    MARKER, ".gitignore", "results.sqlite3", "results.sqlite3-journal", "results.sqlite3-wal", "results.sqlite3-shm", "results.json", "links.json"
)
#: the link cache's temporary files (`linkcache.LinkCache.save`), left by a killed run
_LINK_TEMP = re.compile(r"\.links-[a-z0-9_]{8}\.tmp")


class CacheDirError(ConfigError):
    """A `cache-dir` postlint refuses to use, or a folder `clean` leaves alone (exit 2)."""


def locate(config: "Config") -> Path:
    """The cache folder of `config`; `CacheDirError` when it is the project root or above it, or,
    unless it was given on the command line, outside the project."""
    folder = config.resolve_path(config.cache_dir)
    real, root = os.path.realpath(folder), os.path.realpath(config.root)
    if real == root or _inside(root, real):
        raise CacheDirError(f"cache-dir `{config.cache_dir}` is the project root or a folder above it ({real}); refused")
    if not config.cache_dir_given and not _inside(real, root):
        raise CacheDirError(
            f"cache-dir `{config.cache_dir}` resolves outside the project ({real} is not under {root}); "
            "refused (give it with --cache-dir to use it anyway)"
        )
    return folder


def _inside(path: str, folder: str) -> bool:
    return path.startswith(folder.rstrip(os.sep) + os.sep)


def problem(folder: Path) -> str | None:
    """Why a run cannot use `folder` for its cache (one line), or None: it is missing (it is
    created with the marker at the end of the run) or it is postlint's."""
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"{folder}: cannot use the cache folder: {exc.strerror or exc}"
    if not stat.S_ISDIR(info.st_mode):
        return f"{folder}: the cache-dir is not a folder"
    try:
        if not owned(folder):
            return f"{folder}: not a postlint cache folder (no {MARKER} written by postlint)"
        for name in OWN_FILES[2:]:
            try:
                mode = os.lstat(folder / name).st_mode
            except FileNotFoundError:
                continue
            if not stat.S_ISREG(mode):
                return f"{folder / name}: not a regular file"
        os.listdir(folder)  # a folder that can be seen but not entered or read
    except OSError as exc:
        return f"{folder}: cannot use the cache folder: {exc.strerror or exc}"
    return None


def owned(folder: Path) -> bool:
    """Whether `folder` holds postlint's marker, or is the cache of an earlier postlint (its
    `.gitignore`); `OSError` when it cannot be read."""
    return _holds(folder / MARKER, MARKER_TEXT) or _holds(folder / ".gitignore", GITIGNORE_TEXT)


def _holds(path: Path, text: str) -> bool:
    """Whether `path` is a regular file holding exactly `text` (never opens anything else)."""
    try:
        info = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return False
    if not stat.S_ISREG(info.st_mode) or info.st_size != len(text):
        return False
    with open(path, "rb") as handle:
        return handle.read(len(text) + 1) == text.encode("ascii")


def prepare(folder: Path) -> None:
    """Create the folder (a run found it missing, or found it postlint's) with its marker and
    `.gitignore`; `OSError` when it cannot."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ((MARKER, MARKER_TEXT), (".gitignore", GITIGNORE_TEXT)):
        try:
            fd = os.open(folder / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            continue
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(text)


def remove_own(path: Path) -> None:
    """Remove `path` if it is a regular file (a link or anything else named like it stays)."""
    try:
        if stat.S_ISREG(os.lstat(path).st_mode):
            os.unlink(path)
    except FileNotFoundError:
        pass


def clean(folder: Path) -> str:
    """`postlint clean`: remove postlint's files from its cache folder, and the folder once empty;
    what was done, in one line. `CacheDirError` for a folder that is not postlint's."""
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        return f"No cache at {folder}"
    except OSError as exc:
        raise CacheDirError(f"{folder}: cannot read the cache folder: {exc.strerror or exc}") from None
    try:
        if not stat.S_ISDIR(info.st_mode) or not owned(folder):
            raise CacheDirError(f"{folder}: not a postlint cache folder (no {MARKER} written by postlint); nothing removed")
        for name in [*OWN_FILES[2:], *filter(_LINK_TEMP.fullmatch, os.listdir(folder))]:
            remove_own(folder / name)
        if _holds(folder / ".gitignore", GITIGNORE_TEXT):  # not one a user wrote
            os.unlink(folder / ".gitignore")
        remove_own(folder / MARKER)  # last: an interrupted clean leaves a folder it still recognises
        left = len(os.listdir(folder))
        if not left:
            os.rmdir(folder)
    except OSError as exc:
        raise CacheDirError(f"{folder}: cannot clean the cache folder: {exc.strerror or exc}") from None
    if left:
        return f"Removed postlint's files from {folder} ({left} other entr{'ies' if left != 1 else 'y'} left)"
    return f"Removed {folder}"
