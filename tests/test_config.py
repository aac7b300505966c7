"""Config discovery, layering and errors: every user mistake is one line and exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from postlint.cli import main

POST = """---
title: "Short"
date: 2024-05-01
description: "Too short."
image: /media/x.webp
tags: [testing]
---
Body.
"""


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a-post.md").write_text(POST, encoding="utf-8")
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", "--format", "concise", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("selec: [FM]\n", "unknown key `selec` (not a setting, rule code or rule name)"),
        ("FM005:\n  minimum: 3\n", "unknown option `minimum` for FM005 (title-length); options: min, max, skip-versions"),
        ("FM005:\n  min: many\n", "option `min` of FM005 must be int, got 'many'"),
        ("select: [FM, NOPE001]\n", "unknown rule code or name 'NOPE001' in select"),
        ("fail-on: sometimes\n", "key `fail-on`: 'sometimes' is not error, warning or info"),
        ("site:\n  urll: https://example.com\n", "key `site`: unknown key `site.urll` (allowed: content-root, generator, permalink, static-dirs, url)"),
        ("links:\n  timeout: soon\n", "key `links`: `links.timeout` must be float, got 'soon'"),
        ("severity:\n  FM005: fatal\n", "severity of FM005: 'fatal' is not error, warning or info"),
        ("- just\n- a list\n", "the config must be a mapping of keys"),
    ],
)
def test_config_errors_are_one_line(project: Path, capsys: pytest.CaptureFixture[str], config: str, message: str) -> None:
    (project / ".postlint.yaml").write_text(config, encoding="utf-8")
    code, out, err = run(capsys, "content")
    assert code == 2
    assert out == ""
    assert err == f"postlint: error: {project / '.postlint.yaml'}: {message}\n"


def test_invalid_yaml_config(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / ".postlint.yaml").write_text("select: [FM\n", encoding="utf-8")
    code, _, err = run(capsys, "content")
    assert code == 2
    assert err.startswith(f"postlint: error: {project / '.postlint.yaml'}:2: invalid YAML: ")
    assert err.count("\n") == 1


def test_invalid_toml_config(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "pyproject.toml").write_text("[tool.postlint]\nselect = [\n", encoding="utf-8")
    code, _, err = run(capsys, "--config", "pyproject.toml", "content")
    assert code == 2
    assert err.startswith(f"postlint: error: {project / 'pyproject.toml'}: invalid TOML: ")


def test_missing_explicit_config(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--config", "nope.yaml", "content")
    assert code == 2
    assert err == "postlint: error: nope.yaml: config file not found\n"


def test_pyproject_found_by_walking_up(project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "pyproject.toml").write_text('[tool.postlint]\nselect = ["FM005"]\n[tool.postlint.title-length]\nmin = 3\n', encoding="utf-8")
    monkeypatch.chdir(project / "content")
    code, out, _ = run(capsys, ".")
    assert (code, out) == (0, "")


def test_pyproject_without_section_is_skipped(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    (project / ".." / ".postlint.yaml").resolve()
    code, out, _ = run(capsys, "--select", "FM005", "content")
    assert code == 1 and "FM005" in out


def test_rule_options_by_code_and_name(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / ".postlint.yaml").write_text("select: [FM005, FM006]\nFM005:\n  min: 3\ndescription-length:\n  min: 5\n", encoding="utf-8")
    assert run(capsys, "content")[:2] == (0, "")


def test_severity_override_and_fail_on(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / ".postlint.yaml").write_text("select: [FM005]\nseverity:\n  FM005: info\n", encoding="utf-8")
    code, out, _ = run(capsys, "content")
    assert code == 0
    assert out.startswith("content/a-post.md:2:8: FM005 ")
    code, out, _ = run(capsys, "--fail-on", "info", "content")
    assert code == 1


def test_per_file_ignores_and_exclude(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "content" / "drafts").mkdir()
    (project / "content" / "drafts" / "b-post.md").write_text(POST, encoding="utf-8")
    (project / ".postlint.yaml").write_text(
        "select: [FM005, FM006]\nper-file-ignores:\n  'content/a-*.md': [FM005]\nextend-exclude: [drafts]\n", encoding="utf-8"
    )
    code, out, _ = run(capsys, "content")
    assert out.splitlines() == [
        "content/a-post.md:4:14: FM006 description is 10 characters, shorter than 70; search snippets show about 70-160 characters"
    ]


def test_gitignore_is_respected(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "content" / "build").mkdir()
    (project / "content" / "build" / "c-post.md").write_text(POST, encoding="utf-8")
    (project / ".gitignore").write_text("build/\n", encoding="utf-8")
    (project / ".postlint.yaml").write_text("select: [FM005]\n", encoding="utf-8")
    _, out, _ = run(capsys, "content")
    assert "build" not in out and "a-post.md" in out


def test_front_matter_ignore_and_inline_comments(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = POST.replace("tags: [testing]\n", "tags: [testing]\npostlint:\n  ignore: [FM006]\n") + "<!-- postlint-disable-file title-length -->\n"
    (project / "content" / "a-post.md").write_text(text, encoding="utf-8")
    (project / ".postlint.yaml").write_text("select: [FM, PL]\n", encoding="utf-8")
    assert run(capsys, "content")[:2] == (0, "")


def test_disable_enable_ranges(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from postlint import lint_text

    text = (
        "---\ntitle: \"Short\"\n---\n"
        "<!-- postlint-disable FM005 PL002 -->\n"
        "<!-- postlint-enable PL002 -->\n"
    )
    findings = lint_text(text, "x.md", select=["FM005", "PL"])
    # FM005 is reported on line 2, before the disable comment: it is not suppressed,
    # so the disable comment suppressed nothing (PL001).
    assert [(f.code, f.line) for f in findings] == [("FM005", 2), ("PL001", 4)]
    text = "<!-- postlint-disable-file FM005 -->\n" + text
    assert lint_text(text, "x.md", select=["FM005"]) == []
