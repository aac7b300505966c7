"""`FindingList`: a run's findings file by file, with cached report lines written as they are."""

from __future__ import annotations

import io
import json

import pytest

from postlint.engine.findinglist import PLACEHOLDER, FileFindings, FindingList, expand, render_lines, tally, worst
from postlint.model.findings import Edit, Finding, Fix, Severity
from postlint.output.reporters import Report, line_format, json as json_reporter

W, E, I = Severity.WARNING, Severity.ERROR, Severity.INFO


def finding(path: str, line: int, code: str = "FM001", message: str = "m", severity: Severity = W, fix: Fix | None = None) -> Finding:
    return Finding(path, line, 1, code, line, 2, "a-name", severity, message, fix)


def unloadable(path: str, findings: list[Finding]) -> FileFindings:
    """A file whose findings must not be needed: its lines and counts say it all."""
    fmt = line_format("json")
    assert fmt is not None

    def load() -> list[Finding]:
        raise AssertionError(f"{path}: findings loaded")

    return FileFindings(path, tally(findings), render_lines(fmt, findings), load=load)


def test_counts_and_length_need_no_findings() -> None:
    safe, unsafe = Fix((Edit(1, 1, 1, 2, "x"),)), Fix((Edit(1, 1, 1, 2, "x"),), "unsafe")
    a = [finding("a.md", 1), finding("a.md", 2, "LNK002", severity=E, fix=safe), finding("a.md", 3, "LNK002", severity=E, fix=unsafe)]
    found = FindingList([unloadable("a.md", a)], [finding("z.md", 1, "SEO004", severity=I, fix=safe)])
    assert len(found) == 4
    assert tally(found) == {("FM001", W, False): 1, ("LNK002", E, True): 1, ("LNK002", E, False): 1, ("SEO004", I, True): 1}
    assert worst(found) is E and worst([]) is None and worst(a[:1]) is W
    from postlint.output.reporters import text

    assert text.summary(Report(found, 2, None)) == (  # type: ignore[arg-type]
        "Found 4 findings (2 errors, 1 warning, 1 info) in 2 files.\n[*] 2 fixable with `postlint check --fix`."
    )


def test_the_sequence_is_the_sorted_run_with_site_findings_after_a_file_s_own() -> None:
    a = [finding("a.md", 1), finding("a.md", 5)]
    b = [finding("b.md", 2)]
    extra = [finding("b.md", 2), finding("a.md", 3, "SEO004"), finding("0.md", 1, "PL002")]
    found = FindingList([FileFindings("b.md", tally(b), None, b), FileFindings("a.md", tally(a), load=lambda: list(a))], extra)
    expected = sorted([*a, *b, *extra], key=lambda f: (f.path, f.line, f.column, f.code))
    assert list(found) == expected and found == expected and found[0].code == "PL002" and found[-2:] == [b[0], extra[0]]
    assert found[-1] is extra[0] and found[-2] is b[0]  # equal findings: the file's own first
    assert len(found) == 6 and found != expected[:-1] and (found == 3) is False


TRICKY = [
    "plain",
    'quotes " and \\ backslashes',
    "“curly” and emoji 🎉 and é",
    "new\nline\tand control \x1b[31m",
    f"holds the placeholder {PLACEHOLDER}",
    "a lone surrogate \udc80",
]


@pytest.mark.parametrize("path", ["posts/a.md", 'odd "name" é.md', "bad-\udcff.md"])
def test_report_lines_written_from_the_cache_are_the_plain_report(path: str) -> None:
    fmt = line_format("json")
    assert fmt is not None
    fix = Fix((Edit(1, 1, 1, 3, "new “text”"),), "unsafe", "do it")
    own = [finding(path, i + 1, message=message, fix=fix if i % 2 else None) for i, message in enumerate(TRICKY)]
    extra = [finding("site.md", 1, "SEO004"), finding(path, 2, "SEO004")]

    def plain(findings: list[Finding]) -> str:
        return json_reporter.render(Report(sorted(findings, key=lambda f: (f.path, f.line, f.column, f.code)), 2, None))  # type: ignore[arg-type]

    assert render_lines(fmt, own) is not None  # a lone surrogate is escaped: the report stays UTF-8
    assert json_reporter.render(Report(FindingList([FileFindings(path, tally(own), None, own)], extra), 2, None)) == plain([*own, *extra])  # type: ignore[arg-type]
    report = json.loads(plain([*own, *extra]).encode("utf-8"))
    assert report["findings"][0]["path"] == path and TRICKY[-1] in [f["message"] for f in report["findings"]]
    loads: list[str] = []
    clean = own

    def load() -> list[Finding]:
        loads.append(path)
        return list(clean)

    cached = FileFindings(path, tally(clean), render_lines(fmt, clean), load=load)
    assert json_reporter.render(Report(FindingList([cached, FileFindings("site.md", {}, None, [])], extra[:1], "json"), 2, None)) == plain([*clean, extra[0]])  # type: ignore[arg-type]
    assert loads == []
    cached = FileFindings(path, tally(clean), render_lines(fmt, clean), load=load)
    assert json_reporter.render(Report(FindingList([cached], extra[1:], "json"), 2, None)) == plain([*clean, extra[1]])  # type: ignore[arg-type]
    assert len(loads) == 1  # a site-wide finding to merge in: loaded


def test_lines_serve_only_a_report_in_their_format() -> None:
    from postlint.output.reporters import text

    own = [finding("a.md", 1, message="first"), finding("a.md", 2, message="second")]
    json_lines = FileFindings(own[0].path, tally(own), render_lines(line_format("json"), own), load=lambda: list(own))  # type: ignore[arg-type]
    assert text.render(Report(FindingList([json_lines], (), "json"), 1, None)) == text.render(Report(own, 1, None))  # type: ignore[arg-type]
    assert json_lines.findings == own  # loaded and rendered as text, not the JSON lines written as text


def test_lines_that_could_not_be_undone_are_not_cached() -> None:
    from postlint.engine.findinglist import LineFormat

    raw = LineFormat("raw", "\n", str, lambda f, path: f"{path}: {f.message}")  # escapes nothing
    assert render_lines(raw, [finding("a.md", 1, message=PLACEHOLDER)]) is None
    assert render_lines(raw, [finding("a.md", 1, message="\udc80")]) is None
    lines = render_lines(raw, [finding("a.md", 1), finding("a.md", 2, message="é")])
    assert lines == "\x00: m\n\x00: é".encode() and render_lines(raw, []) == b""
    assert expand(raw, lines, "b\udcff.md") is None
    assert expand(raw, lines, "é.md") == "é.md: m\né.md: é".encode()
    fmt = line_format("json")
    assert fmt is not None and b'"message": "\\u0000"' in (render_lines(fmt, [finding("a.md", 1, message=PLACEHOLDER)]) or b"")  # JSON escapes it


def test_bytes_reach_a_utf8_stream_as_they_are_and_other_streams_as_text(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from postlint.cli.main import _echo_parts

    parts = ["é ", "x".encode(), " “y”".encode()]
    raw = io.BytesIO()
    utf8 = io.TextIOWrapper(raw, encoding="utf-8", newline="")
    monkeypatch.setattr(sys, "stdout", utf8)
    _echo_parts(parts, strip=False, err=False)
    assert raw.getvalue() == "é x “y”".encode()
    latin = io.TextIOWrapper(io.BytesIO(), encoding="utf-16", newline="")
    monkeypatch.setattr(sys, "stdout", latin)
    _echo_parts(parts, strip=False, err=False)
    assert latin.buffer.getvalue().decode("utf-16") == "é x “y”"  # type: ignore[attr-defined]
    for stream in (io.StringIO(), io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="")):
        monkeypatch.setattr(sys, "stdout", stream)
        _echo_parts(["\x1b[1mbold\x1b[0m ", "\x1b[2mdim\x1b[0m".encode()], strip=True, err=False)
        stream.seek(0)
        assert stream.read() == "bold dim"  # without colour, escape sequences go, bytes or text
