"""`json`: the stable, documented machine format (schema 1)."""

from __future__ import annotations

import json
from collections import Counter
from typing import Iterator, Sequence

from .. import __version__
from ..jsontext import string as _string
from ..findinglist import FindingList, LineFormat, tally
from ..findings import Finding, Fix
from . import Report

SCHEMA_VERSION = 1


def document(report: Report, with_findings: bool = True) -> dict[str, object]:
    by_severity: Counter[str] = Counter()
    by_code: Counter[str] = Counter()
    for (code, severity), count in tally(report.findings).items():
        by_severity[str(severity)] += count
        by_code[code] += count
    data: dict[str, object] = {
        "schema": SCHEMA_VERSION,
        "tool": {"name": "postlint", "version": __version__},
        "summary": {
            "files": report.files,
            "findings": len(report.findings),
            "by_severity": {level: by_severity.get(level, 0) for level in ("error", "warning", "info")},
            "by_code": dict(sorted(by_code.items())),
        },
    }
    if with_findings:
        data["findings"] = [f.to_dict() for f in report.findings]
    return data


#: findings per piece of `render_chunks`: pieces of ~0.8 MB, each encoded and written alone
CHUNK = 2000
#: between two findings of the report
SEPARATOR = ",\n    "


def render(report: Report) -> str:
    """The document, indented, with one finding per line (see `render_chunks`)."""
    return "".join(part if isinstance(part, str) else part.decode("utf-8") for part in render_chunks(report))


def render_chunks(report: Report) -> Iterator[str | bytes]:
    """The document in pieces of about `CHUNK` findings, so that a report of tens of thousands of
    findings is never one string: joining and encoding 14 MB at once, wide because a few
    messages hold non-ASCII characters, costs four times more than piece by piece.

    An indented dump goes through the json module's pure-Python encoder, which
    costs seconds for tens of thousands of findings; each finding's line is
    written here instead (`line_format`), with the C string encoder `json.dumps`
    uses (`ensure_ascii=False`), so the bytes are those of `json.dumps(to_dict())`.
    A `FindingList` gives the lines of unchanged files as the cache kept them:
    UTF-8 bytes, written as they are.
    """
    data = document(report, with_findings=False)
    head = json.dumps(data, indent=2, ensure_ascii=False)[:-2]  # without the closing "\n}"
    findings = report.findings
    if not findings:
        yield head + ',\n  "findings": []\n}\n'
        return
    yield head + ',\n  "findings": [\n    '
    if isinstance(findings, FindingList):
        pieces: Iterator[tuple[str | bytes, int]] = findings.pieces(line_format())
    else:
        pieces = _pieces(findings)
    out: list[bytes] = []
    count = 0
    before = b""  # the separator, from the second finding on
    separator = SEPARATOR.encode()
    for text, size in pieces:
        if count >= CHUNK:  # written before the next piece: the last one takes the closing lines
            yield b"".join(out)
            out, count = [], 0
        if isinstance(text, str):
            try:
                text = text.encode("utf-8")
            except UnicodeEncodeError:  # a lone surrogate: left to the writer, like any text it writes
                yield b"".join(out) + before
                yield text
                out, count, before = [], 0, separator
                continue
        out += (before, text)
        before = separator
        count += size
    out.append(b"\n  ]\n}\n")
    yield b"".join(out)


def _pieces(findings: Sequence[Finding]) -> Iterator[tuple[str, int]]:
    """The findings' lines, `CHUNK` at a time."""
    fmt = line_format()
    quoted: dict[str, str] = {}
    for start in range(0, len(findings), CHUNK):
        lines = []
        for f in findings[start : start + CHUNK]:
            path = quoted.get(f.path)
            if path is None:
                path = quoted[f.path] = _string(f.path)
            lines.append(fmt.line(f, path))
        yield SEPARATOR.join(lines), len(lines)


def line_format() -> LineFormat:
    """The report's line for a finding, `{"path": …, "fix": …}` on one line; the part naming the
    rule is written once per rule."""
    rules: dict[tuple[str, str, object], str] = {}  # the code, name and severity part, per rule

    def line(f: Finding, path: str) -> str:
        rule = rules.get((f.code, f.name, f.severity))
        if rule is None:
            rule = rules[(f.code, f.name, f.severity)] = f'"code": {_string(f.code)}, "name": {_string(f.name)}, "severity": "{str(f.severity)}"'
        fix = "null" if f.fix is None else _fix(f.fix)
        line, column = f.line, f.column
        return (
            f'{{"path": {path}, "line": {line}, "column": {column}, "end_line": {f.end_line or line}, '
            f'"end_column": {f.end_column or column}, {rule}, "message": {_string(f.message)}, "fix": {fix}}}'
        )

    return LineFormat("json", SEPARATOR, _string, line)


def _fix(fix: Fix) -> str:
    """`json.dumps(fix.to_dict(), ensure_ascii=False)`, written directly (a third of the findings have fixes)."""
    edits = ", ".join(
        f'{{"line": {e.line}, "column": {e.column}, "end_line": {e.end_line}, "end_column": {e.end_column}, "content": {_string(e.content)}}}'
        for e in fix.edits
    )
    return f'{{"applicability": {_string(fix.applicability)}, "message": {_string(fix.message)}, "edits": [{edits}]}}'
