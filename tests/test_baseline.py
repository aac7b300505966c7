"""`postlint baseline` records today's findings; `check --baseline` fails only on new ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from postlint.cli.main import main

POST = """---
title: "An old post written before postlint"
date: 2023-09-09
image: /media/old.webp
tags: [history, History]
---
Body.
"""


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".postlint.yaml").write_text("select: [FM]\n", encoding="utf-8")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "old.md").write_text(POST, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_baseline_hides_recorded_findings(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["baseline", "content", "--output", "baseline.json"]) == 0
    assert capsys.readouterr().out == "Wrote 2 findings of 1 file to baseline.json\n"
    data = json.loads((site / "baseline.json").read_text(encoding="utf-8"))
    assert data["schema"] == 1
    assert [(e["path"], e["code"], e["line"]) for e in data["findings"]] == [("content/old.md", "FM011", 1), ("content/old.md", "FM009", 5)]
    assert main(["check", "--baseline", "baseline.json", "content"]) == 0
    out, err = capsys.readouterr()
    assert out == "All checks passed (1 file).\n"
    assert err == "postlint: 2 findings hidden by the baseline baseline.json\n"


def test_new_findings_still_fail(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["baseline", "content", "-o", "baseline.json", "-q"]) == 0
    # an unrelated edit above the old findings, and one new problem
    old = site / "content" / "old.md"
    old.write_text(POST.replace("date: 2023-09-09\n", "date: 2023-09-09\nauthor: Kim\n").replace("Body.", "Body.\n\nMore."), encoding="utf-8")
    (site / "content" / "new.md").write_text(POST.replace("History]", "seo, SEO]"), encoding="utf-8")
    assert main(["check", "--baseline", "baseline.json", "--format", "concise", "content"]) == 1
    out, err = capsys.readouterr()
    assert out == (
        "content/new.md:1:1: FM011 recommended field `description` is missing\n"
        "content/new.md:5:22: FM009 tag 'SEO' duplicates 'seo'\n"
    )
    assert err == "postlint: 2 findings hidden by the baseline baseline.json\n"


def test_a_second_identical_finding_is_new(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["baseline", "content", "-o", "baseline.json", "-q"]) == 0
    (site / "content" / "old.md").write_text(POST.replace("History]", "History, HISTORY]"), encoding="utf-8")
    assert main(["check", "--baseline", "baseline.json", "--format", "concise", "content"]) == 1
    # the edited line is new content, so both duplicates on it are reported
    assert capsys.readouterr().out == (
        "content/old.md:5:17: FM009 tag 'History' duplicates 'history'\n"
        "content/old.md:5:26: FM009 tag 'HISTORY' duplicates 'history'\n"
    )


def test_baseline_works_from_another_directory(site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["baseline", "content", "-o", "baseline.json", "-q"]) == 0
    monkeypatch.chdir(site / "content")
    assert main(["check", "--config", "../.postlint.yaml", "--baseline", "../baseline.json", "old.md"]) == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "postlint: error: missing.json: baseline file not found (create it with `postlint baseline --output missing.json`)\n"),
        ("{", "postlint: error: missing.json:1: baseline is not valid JSON: Expecting property name enclosed in double quotes\n"),
        ('{"findings": []}', "postlint: error: missing.json: not a postlint baseline (expected an object with `schema: 1` and `findings`)\n"),
    ],
)
def test_bad_baseline_is_a_one_line_error(site: Path, capsys: pytest.CaptureFixture[str], content: str | None, message: str) -> None:
    if content is not None:
        (site / "missing.json").write_text(content, encoding="utf-8")
    assert main(["check", "--baseline", "missing.json", "content"]) == 2
    assert capsys.readouterr().err == message
