"""Collecting a run's files: Markdown files under the paths given (files, folders, globs),
minus the configured excludes and what `.gitignore` ignores."""

from __future__ import annotations

import fnmatch
import glob
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from .config import Config
from .paths import absolute, display_path

MARKDOWN_SUFFIXES = (".md", ".markdown")


@dataclass
class Collected:
    files: list[Path]
    errors: list[str]  # paths the user named that cannot be linted: exit 2
    warnings: list[str] = field(default_factory=list)  # things skipped inside folders


def collect(paths: Iterable[str], config: Config, cwd: Path | None = None) -> Collected:
    """Markdown files under `paths` (files, folders, globs), minus excludes and .gitignore."""
    cwd = cwd or Path.cwd()
    files: list[Path] = []
    errors: list[str] = []
    warnings: list[str] = []
    seen: set[str] = set()
    ignore = _GitIgnore.load(config.root) if config.respect_gitignore else None

    def add(path: Path) -> None:
        key = absolute(path)
        if key not in seen:
            seen.add(key)
            files.append(path)

    for raw in paths:
        path = Path(raw)
        if not path.exists() and not path.is_symlink() and any(ch in raw for ch in "*?["):
            matches = sorted(glob.glob(raw, recursive=True))
            if not matches:
                errors.append(f"{raw}: no file matches this pattern")
            for match in matches:
                candidate = Path(match)
                if candidate.is_file() and candidate.suffix.lower() in MARKDOWN_SUFFIXES and not _excluded(candidate, config, cwd):
                    add(candidate)
            continue
        if path.is_symlink() and not path.exists():
            errors.append(f"{raw}: broken symbolic link")
            continue
        if not path.exists():
            errors.append(f"{raw}: no such file or directory")
            continue
        if path.is_dir():
            for found in _walk(path, config, cwd, ignore, warnings):
                add(found)
            continue
        if _excluded(path, config, cwd):
            continue
        add(path)
    return Collected(files, errors, warnings)


def _walk(folder: Path, config: Config, cwd: Path, ignore: "_GitIgnore | None", warnings: list[str]) -> Iterable[Path]:
    # Strings, not `Path`s, until a file is chosen: a site has thousands (os.walk lists
    # symbolic links to folders with the folders, so `filenames` holds no folder).
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames:
            if name.lower().endswith(MARKDOWN_SUFFIXES):
                warnings.append(f"{display_path(os.path.join(dirpath, name), cwd)}: is a directory, not a post; skipped")
        dirnames[:] = sorted(
            d for d in dirnames
            if not _excluded(os.path.join(dirpath, d), config, cwd) and not (ignore and ignore.matches(os.path.join(dirpath, d), True))
        )
        for name in sorted(filenames):
            if not name.lower().endswith(MARKDOWN_SUFFIXES):
                continue
            candidate = os.path.join(dirpath, name)
            if _excluded(candidate, config, cwd) or (ignore and ignore.matches(candidate, False)):
                continue
            yield Path(candidate)


@lru_cache(maxsize=8)
def _exclude_patterns(patterns: tuple[str, ...]) -> tuple["re.Pattern[str] | None", "re.Pattern[str] | None"]:
    """One regex for the patterns that match a path part, one for those that match the relative path."""
    names = [fnmatch.translate(p.rstrip("/")) for p in patterns if "/" not in p.rstrip("/")]
    paths = [fnmatch.translate(p.rstrip("/")) for p in patterns] + [fnmatch.translate(p.rstrip("/") + "/*") for p in patterns]
    return (re.compile("|".join(names)) if names else None, re.compile("|".join(paths)) if paths else None)


def _excluded(path: Path | str, config: Config, cwd: Path) -> bool:
    """Whether `path` matches `exclude`: a pattern without `/` matches any part of the path
    relative to the config's folder; one with `/` matches that relative path."""
    names, paths = _exclude_patterns(tuple(config.exclude))
    rel = relative_path(path, config.root)
    if names is not None and any(names.match(part) for part in rel.split("/")):
        return True
    return paths is not None and paths.match(rel) is not None


def relative_path(path: Path | str, root: Path) -> str:
    absolute = os.path.abspath(path)
    base = str(root)
    if absolute.startswith(base.rstrip(os.sep) + os.sep):
        return absolute[len(base.rstrip(os.sep)) + 1 :].replace(os.sep, "/")
    return path.as_posix() if isinstance(path, Path) else str(path)


class _GitIgnore:
    """The root `.gitignore`'s patterns (the common subset: globs, `/` anchors, `dir/`, `!`)."""

    def __init__(self, root: Path, patterns: list[tuple[str, bool, bool, bool]]) -> None:
        self.root = root
        self.patterns = patterns  # (glob, negated, dir_only, anchored)

    @classmethod
    def load(cls, root: Path) -> "_GitIgnore | None":
        path = root / ".gitignore"
        try:
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return None
        patterns = []
        for line in lines:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            negated = line.startswith("!")
            line = line.lstrip("!")
            dir_only = line.endswith("/")
            line = line.rstrip("/")
            anchored = "/" in line
            patterns.append((line.lstrip("/"), negated, dir_only, anchored))
        return cls(root, patterns) if patterns else None

    def matches(self, path: Path | str, is_dir: bool) -> bool:
        rel = relative_path(path, self.root)
        if rel.startswith(".."):
            return False
        ignored = False
        for pattern, negated, dir_only, anchored in self.patterns:
            if dir_only and not is_dir:
                continue
            target = rel if anchored else rel.rsplit("/", 1)[-1]
            if fnmatch.fnmatch(target, pattern) or (anchored and fnmatch.fnmatch(target, pattern.replace("**/", ""))):
                ignored = not negated
        return ignored
