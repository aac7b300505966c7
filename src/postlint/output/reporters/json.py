"""`json`: the stable, documented machine format (schema 1; `groups` with `--show-groups`)."""

from __future__ import annotations

import json
from collections import Counter
from typing import Iterator

from ...engine.findinglist import LineFormat, joined, pieces, tally
from ...model.findings import Finding, Fix
from ...model.jsontext import string as _string
from ...model.version import __version__
from . import Report, whole

SCHEMA_VERSION = 1


def document(report: Report, with_findings: bool = True) -> dict[str, object]:
    by_severity: Counter[str] = Counter()
    by_code: Counter[str] = Counter()
    for (code, severity, _), count in tally(report.findings).items():
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
    return whole(render_chunks(report))


def render_chunks(report: Report) -> Iterator[str | bytes]:
    """The document in pieces of about `CHUNK` findings (`findinglist.joined`).

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
    end = "" if report.show_groups else "\n}\n"  # `--show-groups`: the groups follow the findings
    if not findings:
        yield head + ',\n  "findings": []' + end
    else:
        yield head + ',\n  "findings": [\n    '
        yield from joined(pieces(findings, line_format(), CHUNK), SEPARATOR, "\n  ]" + end, CHUNK)
    if report.show_groups:
        from ..groups import group_dict, render_json, report_groups

        yield ',\n  "groups": '
        yield from render_json([group_dict(group) for group in report_groups(report)])
        yield "\n}\n"


def line_format(color: bool = False) -> LineFormat:
    """The report's line for a finding, `{"path": …, "fix": …}` on one line; the part naming the
    rule is written once per rule. JSON has no colour."""
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
