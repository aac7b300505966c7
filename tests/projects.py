"""A small project for the tests of what postlint reads and writes on disk."""

from __future__ import annotations

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
