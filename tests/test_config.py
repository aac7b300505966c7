"""Config discovery, layering and errors: every user mistake is one line and exit 2."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from postlint.cli.main import main

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
        ("FM005:\n  min: many\n", "option `min` of FM005 (title-length) must be a whole number, got 'many'"),
        ("FM005:\n  min: -3\n", "option `min` of FM005 (title-length) must be at least 0, got -3"),
        ("RD003:\n  max-share: 120\n", "option `max-share` of RD003 (sentences-too-long) must be at most 100, got 120"),
        ("FM005:\n  skip-versions: maybe\n", "option `skip-versions` of FM005 (title-length) must be true or false, got 'maybe'"),
        ("FM003:\n  required: [title, 3]\n", "option `required` of FM003 (required-field-missing) items must be a string, got 3"),
        ("IMG003:\n  hero: everywhere\n", "option `hero` of IMG003 (hero-image-mismatch) must be one of first-image, anywhere, off, got 'everywhere'"),
        (
            "IMG003:\n  hero: yes\n",
            "option `hero` of IMG003 (hero-image-mismatch) must be one of first-image, anywhere, off, got the boolean true"
            " (YAML reads unquoted off/no/on/yes as booleans: put the word in quotes)",
        ),
        (
            "SEO002:\n  field: no\n",
            "option `field` of SEO002 (keyphrase-placement) must be a string, got the boolean false"
            " (YAML reads unquoted off/no/on/yes as booleans: put the word in quotes)",
        ),
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
    assert err == f"postlint: error: {project / 'pyproject.toml'}:2: invalid TOML: Invalid value (at the end of the file)\n"


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


# --- untrusted config and packs: bounded, one line, never quoting a file (issue 16, items 7, 11, 16)

#: 328 bytes of YAML that expand to 9**9 (387 million) values: a "billion laughs"
BOMB = (
    'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
    "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
    "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
    "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n"
)


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", "--no-cache", "--format", "concise", *args, "content"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# --- item 7: a broken pyproject.toml is not skipped ------------------------------------------


def test_invalid_pyproject_with_a_postlint_table_is_an_error_naming_file_and_line(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "pyproject.toml").write_text('[project]\nname = "blog"\n\n[tool.postlint]\nignore = ["FM"\nfail-on = "error"\n', encoding="utf-8")
    code, out, err = check(capsys)
    assert (code, out) == (2, "")
    assert err.startswith(f"postlint: error: {project / 'pyproject.toml'}:6: invalid TOML: ")
    assert err.count("\n") == 1


def test_invalid_pyproject_without_postlint_is_still_skipped(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "pyproject.toml").write_text('[project]\nname = "x"\ndependencies = ["postlint>=1" \n', encoding="utf-8")
    code, _, err = check(capsys)
    assert err == "" and code == 1  # the post's own findings, with the defaults


# --- item 11: alias bombs everywhere YAML is read ----------------------------------------------


def test_alias_bomb_in_config_is_refused_at_once(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / ".postlint.yaml").write_text(BOMB, encoding="utf-8")
    code, out, err = check(capsys)
    assert (code, out) == (2, "")
    assert err == f"postlint: error: {project / '.postlint.yaml'}: the config expands to more than 200000 values (YAML alias bomb?)\n"


def test_alias_bomb_in_a_pack_is_refused_at_once(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "bomb.yaml").write_text("data:\n  " + BOMB.replace("\n", "\n  ").rstrip() + "\n", encoding="utf-8")
    (project / ".postlint.yaml").write_text("packs: [bomb.yaml]\n", encoding="utf-8")
    code, out, err = check(capsys)
    assert (code, out) == (2, "")
    assert err == f"postlint: error: {project / 'bomb.yaml'}: the pack expands to more than 200000 values (YAML alias bomb?)\n"


# --- item 16: smaller mistakes, one line each --------------------------------------------------


def test_a_field_type_that_is_a_list_is_a_config_error(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / ".postlint.yaml").write_text("fields:\n  types: {x: [a]}\n", encoding="utf-8")
    code, out, err = check(capsys)
    assert (code, out) == (2, "")
    assert err == (
        f"postlint: error: {project / '.postlint.yaml'}: key `fields`: `fields.types.x`: ['a'] is not one of "
        "boolean, date, integer, list, mapping, number, string\n"
    )


def test_a_file_that_is_no_pack_is_never_quoted(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    secret = "root:$6$s3cretsalt$hashhashhash:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\nAPI_TOKEN: tok-123-secret\n"
    (project / "shadow").write_text(secret, encoding="utf-8")
    (project / ".postlint.yaml").write_text(f"packs: [{project / 'shadow'}]\n", encoding="utf-8")
    code, out, err = check(capsys)
    assert (code, out) == (2, "")
    assert err == (
        f"postlint: error: {project / 'shadow'}:1: not a postlint pack: unknown top-level key "
        "(expected one of data, data-mode, description, rules)\n"
    )


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_device_as_a_pack_is_refused_before_it_is_read(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / ".postlint.yaml").write_text("packs: [/dev/zero]\n", encoding="utf-8")
    code, out, err = check(capsys)
    assert (code, out) == (2, "")
    assert err == "postlint: error: /dev/zero: cannot read pack: not a regular file\n"


def test_an_oversized_pack_is_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from postlint.model.boundedload import MAX_FILE_BYTES

    (project / "huge.yaml").write_text("description: " + "x" * MAX_FILE_BYTES + "\n", encoding="utf-8")
    (project / ".postlint.yaml").write_text("packs: [huge.yaml]\n", encoding="utf-8")
    code, out, err = check(capsys)
    assert (code, out) == (2, "")
    assert err == f"postlint: error: {project / 'huge.yaml'}: cannot read pack: larger than 4 MiB\n"


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_device_as_config_is_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = check(capsys, "--config", "/dev/zero")
    assert (code, out) == (2, "")
    assert err == "postlint: error: /dev/zero: cannot read config: not a regular file\n"


def test_exclude_patterns_without_glob_characters_match_as_fnmatch_would(tmp_path: Path) -> None:
    """Literal `exclude` patterns are compared as strings (no regex compiled for them): the same
    paths are excluded as by `fnmatch` (a pattern without `/` against each part of the relative path,
    every pattern against the relative path and the folders it names)."""
    import fnmatch
    import random

    from postlint.model.config import Config
    from postlint.site.collect import excluded

    def expected(patterns: list[str], rel: str) -> bool:
        stripped = [p.rstrip("/") for p in patterns]
        parts = rel.split("/")
        return any(fnmatch.fnmatchcase(part, p) for p in stripped if "/" not in p for part in parts) or any(
            fnmatch.fnmatchcase(rel, p) or fnmatch.fnmatchcase(rel, p + "/*") for p in stripped
        )

    alphabet = ["a", "b", "a.b", "c/d", "c/d/", "*.md", "a/", "x?", "[ab]", "a\\b", ".git", "d/*", "ab", "A"]
    names = ["a", "b", "ab", "a.b", "c", "d", "x1", "e.md", ".git", "a\\b", "A"]
    rng = random.Random(7)
    for _ in range(3000):
        patterns = rng.sample(alphabet, rng.randint(0, 4))
        rel = "/".join(rng.choice(names) for _ in range(rng.randint(1, 4)))
        config = Config(root=tmp_path, exclude=patterns)
        assert excluded(tmp_path / rel, config, tmp_path) == expected(patterns, rel), (patterns, rel)
