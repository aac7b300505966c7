"""A small project for the tests of what postlint reads and writes on disk."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

KETTLE = '---\ntitle: "How to clean a kettle with vinegar"\ndate: 2024-05-01\n---\nSome words about kettles, colour and tea.\n'


def make_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`tmp_path/project`, the working folder: `.postlint.yaml` (`content-dirs: [content]`) and
    `content/kettle.md` (`KETTLE`); the rest of `tmp_path` lies outside the project."""
    root = tmp_path / "project"
    (root / "content").mkdir(parents=True)
    (root / "content" / "kettle.md").write_text(KETTLE, encoding="utf-8")
    (root / ".postlint.yaml").write_text("content-dirs: [content]\n", encoding="utf-8")
    monkeypatch.chdir(root)
    return root


#: cache folders the tests use: `age` leaves them alone
CACHE_FOLDERS = {".cache", ".postlint_cache"}


def age(root: Path, seconds: float = 60.0) -> None:
    """Date every file and folder under `root` back (not links' targets, not the cache): postlint
    trusts no file or folder by its stat while it is fresh."""
    stamp = time.time() - seconds
    for path in [*root.rglob("*"), root]:
        if CACHE_FOLDERS.isdisjoint(path.parts):
            os.utime(path, (stamp, stamp), follow_symlinks=False)
