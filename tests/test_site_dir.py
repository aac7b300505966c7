"""`postlint check --site-dir DIR`: internal links no post resolves to are looked up in the built site."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from postlint.cli.main import main
from postlint.site.index import Site

POST = """---
title: "Where the ferry timetable lives now"
date: 2024-03-01
---

The [booking app](/app/tickets/), the [winter table](/docs/winter.html),
the [summer page](/docs/summer/) and the [old map](/maps/old/).
"""


def _site(root: Path) -> None:
    (root / "content" / "posts").mkdir(parents=True)
    (root / "content" / "posts" / "ferry.md").write_text(POST, encoding="utf-8")
    (root / "_site" / "app" / "tickets").mkdir(parents=True)
    (root / "_site" / "app" / "tickets" / "index.html").write_text("<html></html>", encoding="utf-8")
    (root / "_site" / "docs").mkdir()
    (root / "_site" / "docs" / "winter.html").write_text("<html></html>", encoding="utf-8")
    (root / "_site" / "docs" / "summer.html").write_text("<html></html>", encoding="utf-8")
    (root / "secret").mkdir()
    (root / "secret" / "index.html").write_text("<html></html>", encoding="utf-8")


def _lnk006(capsys: pytest.CaptureFixture[str], *args: str) -> list[tuple[int, str]]:
    main(["check", "--select", "LNK006", "--no-cache", "--format", "json", "content", *args])
    report = json.loads(capsys.readouterr().out)
    return [(f["line"], f["message"]) for f in report["findings"]]


def test_links_outside_the_index_are_checked_against_the_built_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _site(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert _lnk006(capsys) == []  # without the built site: outside the index, unverified
    assert _lnk006(capsys, "--site-dir", "_site") == [
        (7, "internal link `/maps/old/` resolves to no post or file of the site nor of the built site"),
    ]


def test_the_built_site_is_never_left(tmp_path: Path) -> None:
    _site(tmp_path)
    site = Site(tmp_path, tmp_path / "content", [])
    site.built_dir = tmp_path / "_site"
    assert site.built("/app/tickets/") is True
    assert site.built("/docs/winter") is True  # `docs/winter.html`
    assert site.built("/../secret/") is False  # `secret/index.html` exists, beside the built site
    assert site.built("/app/../../secret/") is False
    assert Site(tmp_path, tmp_path / "content", []).built("/app/tickets/") is None


def test_a_missing_site_dir_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _site(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--site-dir", "dist", "content"]) == 2
    assert capsys.readouterr().err == "postlint: error: --site-dir: dist: no such folder (build the site first)\n"
