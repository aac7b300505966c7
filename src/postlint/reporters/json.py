"""`json`: the stable, documented machine format (schema 1)."""

from __future__ import annotations

import json
from collections import Counter
from json.encoder import encode_basestring as _string  # what json.dumps(ensure_ascii=False) uses for str
from typing import Iterator

from .. import __version__
from ..findings import Fix
from . import Report

SCHEMA_VERSION = 1


def document(report: Report, with_findings: bool = True) -> dict[str, object]:
    by_severity = Counter(str(f.severity) for f in report.findings)
    by_code = Counter(f.code for f in report.findings)
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


def render(report: Report) -> str:
    """The document, indented, with one finding per line (see `render_chunks`)."""
    return "".join(render_chunks(report))


def render_chunks(report: Report) -> Iterator[str]:
    """The document in pieces of `CHUNK` findings, so that a report of tens of thousands of
    findings is never one string: joining and encoding 14 MB at once, wide because a few
    messages hold non-ASCII characters, costs four times more than piece by piece.

    An indented dump goes through the json module's pure-Python encoder, which
    costs seconds for tens of thousands of findings; each finding's line is
    written here instead, with the C string encoder `json.dumps` uses
    (`ensure_ascii=False`), so the bytes are those of `json.dumps(to_dict())`.
    """
    data = document(report, with_findings=False)
    head = json.dumps(data, indent=2, ensure_ascii=False)[:-2]  # without the closing "\n}"
    findings = report.findings
    if not findings:
        yield head + ',\n  "findings": []\n}\n'
        return
    yield head + ',\n  "findings": [\n'
    paths: dict[str, str] = {}
    rules: dict[tuple[str, str, object], str] = {}  # the code, name and severity part, per rule
    for start in range(0, len(findings), CHUNK):
        parts: list[str] = []
        append = parts.append
        for f in findings[start : start + CHUNK]:
            path = paths.get(f.path)
            if path is None:
                path = paths[f.path] = _string(f.path)
            rule = rules.get((f.code, f.name, f.severity))
            if rule is None:
                rule = rules[(f.code, f.name, f.severity)] = f'"code": {_string(f.code)}, "name": {_string(f.name)}, "severity": "{str(f.severity)}"'
            fix = "null" if f.fix is None else _fix(f.fix)
            line, column = f.line, f.column
            append(
                f'    {{"path": {path}, "line": {line}, "column": {column}, "end_line": {f.end_line or line}, '
                f'"end_column": {f.end_column or column}, {rule}, "message": {_string(f.message)}, "fix": {fix}}},\n'
            )
        if start + CHUNK >= len(findings):
            parts[-1] = parts[-1][:-2] + "\n  ]\n}\n"  # the last finding takes no comma
        yield "".join(parts)


def _fix(fix: Fix) -> str:
    """`json.dumps(fix.to_dict(), ensure_ascii=False)`, written directly (a third of the findings have fixes)."""
    edits = ", ".join(
        f'{{"line": {e.line}, "column": {e.column}, "end_line": {e.end_line}, "end_column": {e.end_column}, "content": {_string(e.content)}}}'
        for e in fix.edits
    )
    return f'{{"applicability": {_string(fix.applicability)}, "message": {_string(fix.message)}, "edits": [{edits}]}}'
