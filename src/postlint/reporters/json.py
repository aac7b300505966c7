"""`json`: the stable, documented machine format (schema 1)."""

from __future__ import annotations

import json
from collections import Counter

from .. import __version__
from . import Report

SCHEMA_VERSION = 1


def document(report: Report) -> dict[str, object]:
    by_severity = Counter(str(f.severity) for f in report.findings)
    by_code = Counter(f.code for f in report.findings)
    return {
        "schema": SCHEMA_VERSION,
        "tool": {"name": "postlint", "version": __version__},
        "summary": {
            "files": report.files,
            "findings": len(report.findings),
            "by_severity": {level: by_severity.get(level, 0) for level in ("error", "warning", "info")},
            "by_code": dict(sorted(by_code.items())),
        },
        "findings": [f.to_dict() for f in report.findings],
    }


def render(report: Report) -> str:
    """The document, indented, with one finding per line.

    An indented dump goes through the json module's pure-Python encoder, which
    costs seconds for tens of thousands of findings; each finding is encoded by
    the C encoder instead.
    """
    data = document(report)
    findings = data.pop("findings")
    head = json.dumps(data, indent=2, ensure_ascii=False)[:-2]  # without the closing "\n}"
    if not findings:
        return head + ',\n  "findings": []\n}\n'
    body = ",\n".join("    " + json.dumps(f, ensure_ascii=False) for f in findings)  # type: ignore[union-attr]
    return head + ',\n  "findings": [\n' + body + "\n  ]\n}\n"
