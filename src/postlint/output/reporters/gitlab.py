"""`gitlab`: GitLab Code Quality JSON (a subset of the Code Climate issue format).

Each finding becomes `{description, check_name, fingerprint, severity,
location: {path, lines: {begin, end}}}`. The fingerprint is a content
fingerprint (path, code, offending line text, occurrence), so a finding keeps
its identity when lines are added above it and GitLab does not report it as
new in merge requests.
"""

from __future__ import annotations


from ...model.findings import Finding, Severity
from ...model.jsontext import line as dumps_line
from ...model.textsafe import escape_controls
from ..fingerprint import fingerprints, line_source
from . import Report

#: postlint severity -> Code Quality severity (info, minor, major, critical, blocker).
SEVERITIES = {Severity.INFO: "info", Severity.WARNING: "minor", Severity.ERROR: "major"}
#: Findings that mean a file could not be linted at all.
CRITICAL_CODES = frozenset({"PL002", "PL003"})


def severity(finding: Finding) -> str:
    if finding.code in CRITICAL_CODES:
        return "critical"
    return SEVERITIES[finding.severity]


def issues(report: Report) -> list[dict[str, object]]:
    prints = fingerprints(report.findings, line_source(report.sources))
    return [
        {
            "description": escape_controls(f"{f.code} {f.message}"),  # shown as text in merge requests
            "check_name": f.code,
            "fingerprint": fp,
            "severity": severity(f),
            "location": {
                "path": f.path,
                "lines": {"begin": f.line, "end": max(f.end_line or f.line, f.line)},
            },
        }
        for f, fp in zip(report.findings, prints)
    ]


def render(report: Report) -> str:
    """The list, one issue per line (each one call of the json module's C encoder; an
    indented dump goes through its pure-Python one, seconds for tens of thousands)."""
    found = issues(report)
    if not found:
        return "[]\n"
    return "[\n" + ",\n".join("  " + dumps_line(issue) for issue in found) + "\n]\n"
