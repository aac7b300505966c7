"""Config and packs from an untrusted repository: bounded in size and YAML expansion, every
mistake one line naming the file (and key or line), exit 2, and never a line of a file that
is no pack or config (issue 16, items 7, 11 and 16)."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from postlint.cli import main

POST = '---\ntitle: "A post about kettles"\ndate: 2024-05-01\n---\nBody text.\n'

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


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a-post.md").write_text(POST, encoding="utf-8")
    return tmp_path


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
    from postlint.boundedload import MAX_FILE_BYTES

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
