"""No report or message forges a line or sends an escape sequence (issue 16, item 15).

A link target or file name from the repository holds a newline followed by a GitHub
workflow command, or a terminal escape sequence (OSC 0 retitles the terminal). Every
human format prints them escaped (`\\n`, `\\x1b`, `\\x07`), one finding per line.
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from postlint.cli.main import main
from postlint.model.textsafe import escape_controls

TITLE = "\x1b]0;pwned\x07"
EVIL_NAME = "evil\n::error file=x::y.md"


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    posts = tmp_path / "posts"
    posts.mkdir()
    (posts / "a.md").write_text(
        # a YAML string with a newline in it (FM004 quotes it); a link target with an escape sequence (LNK010)
        '---\ntitle: "A post about forged lines"\ndate: 2024-05-01\ntags: "x\\n::error file=README.md::forged"\n---\nSee the page.\n'
        f"And [the other page](https://example.com/{TITLE}x).\n",
        encoding="utf-8",
    )
    if sys.platform != "win32":
        (posts / EVIL_NAME).write_text('---\ntitle: "An odd name"\ndate: 2024-05-01\n---\nBody.\n', encoding="utf-8")
    return tmp_path


def report(capsys: pytest.CaptureFixture[str], fmt: str) -> str:
    main(["check", "--no-cache", "--select", "FM004,LNK010,FM010", "--format", fmt, "posts"])
    return capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["text", "concise"])
def test_text_formats_escape_control_characters(project: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    out = report(capsys, fmt)
    lines = out.splitlines()
    assert "posts/a.md:4:7: FM004 `tags` must be a list of strings, got string `x\\n::error file=README.md::forged`" in "\n".join(lines)
    assert "posts/a.md:7:22: LNK010 bare URL `https://example.com/\\x1b`; make it a link with descriptive text" in "\n".join(lines)
    assert "posts/evil\\n::error file=x::y.md:1:1: FM010 slug from the file name 'evil\\n::error file=x::y' is not lowercase words joined by hyphens" in "\n".join(lines)
    assert not any(line.startswith("::") for line in lines)
    assert "\x1b" not in out and "\x07" not in out


def test_cached_report_lines_are_escaped_too(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", "--select", "FM004,FM010", "--format", "concise", "posts"])
    first = capsys.readouterr().out
    main(["check", "--select", "FM004,FM010", "--format", "concise", "posts"])  # lines from the cache
    assert capsys.readouterr().out == first and "\\n::error" in first and not any(line.startswith("::") for line in first.splitlines())


def test_github_annotations_hold_no_escape_sequence(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = report(capsys, "github")
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in out.splitlines())
    assert "%0A::error file=README.md::forged" in out and "\x1b" not in out and "\x07" not in out
    assert "file=posts/evil%0A%3A%3Aerror file=x%3A%3Ay.md" in out


def test_junit_and_gitlab_messages_are_escaped(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = ET.fromstring(report(capsys, "junit").split("\n", 1)[1])
    messages = [f.get("message") for f in root.iter("failure")]
    assert "LNK010 bare URL `https://example.com/\\x1b`; make it a link with descriptive text" in messages
    descriptions = [issue["description"] for issue in json.loads(report(capsys, "gitlab"))]
    assert "FM004 `tags` must be a list of strings, got string `x\\n::error file=README.md::forged`" in descriptions


def test_stderr_messages_escape_what_they_quote(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", "--config", f"my{TITLE}config.yaml", "posts"])
    err = capsys.readouterr().err
    assert code == 2
    assert err == "postlint: error: my\\x1b]0;pwned\\x07config.yaml: config file not found\n"


def test_rule_shows_a_packs_wording_escaped(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "house.yaml").write_text(
        "rules:\n  - code: HOUSE001\n    name: no-jargon\n    extends: existence\n    tokens: [synergy]\n"
        '    message: "jargon"\n    summary: "Avoid \\e]0;pwned\\a jargon"\n',
        encoding="utf-8",
    )
    (project / ".postlint.yaml").write_text("packs: [house.yaml]\n", encoding="utf-8")
    assert main(["rule", "HOUSE001"]) == 0
    out = capsys.readouterr().out
    assert "Avoid \\x1b]0;pwned\\x07 jargon" in out and "\x1b" not in out and "\n" in out
    assert main(["rules"]) == 0
    assert "\x1b" not in capsys.readouterr().out


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("plain text, “quotes” and é", "plain text, “quotes” and é"),
        ("a\nb\rc\td", "a\\nb\\rc\\td"),
        ("\x00\x1b\x7f\x85\x9b", "\\x00\\x1b\\x7f\\x85\\x9b"),
        ("bidi \u202eevil\u202c and \u2066iso\u2069, line\u2028sep", "bidi \\u202eevil\\u202c and \\u2066iso\\u2069, line\\u2028sep"),
        ("a lone surrogate \udcff stays", "a lone surrogate \udcff stays"),
    ],
)
def test_escape_controls(text: str, escaped: str) -> None:
    assert escape_controls(text) == escaped
    assert escape_controls("one\ntwo\x1b", keep="\n") == "one\ntwo\\x1b"


def test_fix_and_diff_messages_escape_what_they_quote(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gone = f"posts/gone{TITLE}.md"
    assert main(["check", "--no-cache", "--diff", gone]) == 2
    err = capsys.readouterr().err
    assert "postlint: error: posts/gone\\x1b]0;pwned\\x07.md" in err and "\x1b" not in err and "\x07" not in err


def test_has_surrogate_finds_a_lone_surrogate_anywhere() -> None:
    from postlint.model.jsontext import has_surrogate, line, string

    assert [has_surrogate(t) for t in ["", "plain", "café ☕ 𝄞", "a\udcff", "\ud800", "é\udfffz"]] == [False, False, False, True, True, True]
    assert string("caf\udce9.md") == '"caf\\udce9.md"' and string("café.md") == '"café.md"'
    assert line({"path": "\udce9"}) == '{"path": "\\udce9"}' and line({"path": "é"}) == '{"path": "é"}'
