"""One run, several reports (`--report FORMAT=FILE`); the `github-summary` format; SARIF's
run metadata and rule links; a run that lints no file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from postlint.cli.main import main

POST = """---
title: "Short"
date: 2024-05-01
description: "A description that is long enough to pass the length rule for descriptions."
image: /media/x.webp
tags: [testing]
---
![](/media/x.webp)
"""
CLEAN = POST.replace('"Short"', '"A clean post about testing static sites"').replace("![](", "![A cup of tea](")


@pytest.fixture()
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("POSTLINT_DOCS_URL", raising=False)
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "bad.md").write_text(POST, encoding="utf-8")
    (tmp_path / "posts" / "clean.md").write_text(CLEAN, encoding="utf-8")
    (tmp_path / ".postlint.yaml").write_text("select: [FM005, IMG001]\n", encoding="utf-8")
    return tmp_path


def test_one_run_writes_every_requested_report(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "out").mkdir()
    code = main(["check", "--no-cache", "--format", "github", "posts", "--report", "sarif=out/r.sarif", "--report", "json=r.json"])
    out = capsys.readouterr().out
    assert code == 1
    assert [line.split(",")[0] for line in out.splitlines()] == ["::warning file=posts/bad.md", "::error file=posts/bad.md"]
    sarif = json.loads((site / "out" / "r.sarif").read_text(encoding="utf-8"))
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["FM005", "IMG001"]
    data = json.loads((site / "r.json").read_text(encoding="utf-8"))
    assert data["summary"]["by_code"] == {"FM005": 1, "IMG001": 1}


def test_report_names_a_missing_folder(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "posts", "--report", "sarif=nowhere/r.sarif"]) == 2
    assert capsys.readouterr().err.startswith("postlint: error: nowhere/r.sarif: cannot write report: ")


@pytest.mark.parametrize(
    ("value", "message"),
    [("sarif", "'sarif' is not FORMAT=FILE"), ("xml=r.xml", "unknown format 'xml'"), ("sarif=", "'sarif=' is not FORMAT=FILE")],
)
def test_report_rejects_bad_values(site: Path, capsys: pytest.CaptureFixture[str], value: str, message: str) -> None:
    assert main(["check", "posts", "--report", value]) == 2
    assert message in capsys.readouterr().err


def test_github_summary(site: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POSTLINT_DOCS_URL", "https://example.test/o/postlint/blob/v1/docs/rules/")
    (site / "posts" / "x|`<b>\x1b.md").write_text(POST, encoding="utf-8")
    assert main(["check", "--no-cache", "posts", "--report", "github-summary=summary.md", "-q"]) == 1
    capsys.readouterr()
    assert (site / "summary.md").read_text(encoding="utf-8") == (
        "## postlint\n\n"
        ":x: **4 findings** (2 errors, 2 warnings) in 3 files.\n\n"
        "| severity | findings |\n|---|---:|\n| error | 2 |\n| warning | 2 |\n| info | 0 |\n\n"
        "### Findings per rule\n\n| rule | name | severity | findings |\n|---|---|---|---:|\n"
        "| [IMG001](https://example.test/o/postlint/blob/v1/docs/rules/IMG001.md) | <code>image-alt-missing</code> | error | 2 |\n"
        "| [FM005](https://example.test/o/postlint/blob/v1/docs/rules/FM005.md) | <code>title-length</code> | warning | 2 |\n\n"
        "### Posts with the most findings\n\n| post | errors | warnings | info |\n|---|---:|---:|---:|\n"
        "| <code>posts/bad.md</code> | 1 | 1 | 0 |\n"
        "| <code>posts/x&#124;`&lt;b&gt;\\x1b.md</code> | 1 | 1 | 0 |\n"
    )


def test_github_summary_lists_ten_worst_posts(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for number in range(12):
        text = POST if number % 2 else POST.replace("![](", "![A cup](")
        (site / "posts" / f"p{number:02}.md").write_text(text, encoding="utf-8")
    main(["check", "--no-cache", "--format", "github-summary", "posts"])
    lines = capsys.readouterr().out.splitlines()
    posts = [line.split("<code>")[1].split("</code>")[0] for line in lines if line.startswith("| <code>")]
    assert posts == ["posts/bad.md", *(f"posts/p{n:02}.md" for n in (1, 3, 5, 7, 9, 11)), "posts/p00.md", "posts/p02.md", "posts/p04.md"]
    assert lines[-1] == "…and 3 more posts with findings."


def test_github_summary_of_a_clean_run(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--format", "github-summary", "posts/clean.md"]) == 0
    assert capsys.readouterr().out == "## postlint\n\n:white_check_mark: **All checks passed** (1 file).\n"


def test_sarif_run_metadata(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from postlint.model.version import __version__

    main(["check", "--format", "sarif", "posts"])
    text = capsys.readouterr().out
    run = json.loads(text)["runs"][0]
    assert run["automationDetails"] == {"id": "postlint/"}
    assert run["tool"]["driver"]["fullName"] == f"postlint {__version__}"
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"description": {"text": "The folder postlint ran in."}}}
    assert str(site) not in text
    helps = {r["id"]: r["helpUri"] for r in run["tool"]["driver"]["rules"]}
    assert helps["FM005"] == "https://github.com/postlint/postlint/blob/main/docs/rules/FM005.md"


def test_sarif_help_pages_exist() -> None:
    """Every rule's `helpUri` names a page that is in the repository."""
    from postlint.engine.registry import build_registry
    from postlint.output.reporters.sarif import help_uri

    docs = Path(__file__).resolve().parents[1] / "docs" / "rules"
    for rule in build_registry():
        page = help_uri(rule.code).rsplit("/docs/rules/", 1)[1]
        assert (docs / page).is_file(), page


def test_paths_that_match_no_post_are_an_error(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "empty").mkdir()
    (site / "empty" / "notes.txt").write_text("not a post", encoding="utf-8")
    assert main(["check", "empty"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "No files linted.\n"
    assert captured.err == "postlint: error: no Markdown file (.md, .markdown, .mdx) to lint in empty (or the config excludes them all)\n"


def test_a_named_file_the_config_excludes_is_a_warning(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / ".postlint.yaml").write_text("exclude: [posts]\n", encoding="utf-8")
    assert main(["check", "posts/bad.md"]) == 0
    captured = capsys.readouterr()
    assert "All checks passed" not in captured.out
    assert captured.err == "postlint: warning: no file linted: the config excludes every file given\n"
