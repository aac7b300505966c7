"""`text`: `path:line:col: CODE message [severity]`, coloured on a terminal, with a summary."""

from __future__ import annotations

from collections import Counter

from ..findings import Severity
from . import Report

COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _paint(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color else text


def line(finding, color: bool = False, severity: bool = True) -> str:  # type: ignore[no-untyped-def]
    where = _paint(f"{finding.path}:{finding.line}:{finding.column}:", "1", color)
    code = _paint(finding.code, COLORS[finding.severity], color)
    text = f"{where} {code} {finding.message}"
    if severity:
        text += " " + _paint(f"[{finding.severity}]", "2", color)
    return text


def summary(report: Report) -> str:
    if not report.findings:
        return f"All checks passed ({report.files} file{'s' if report.files != 1 else ''})."
    counts = Counter(f.severity for f in report.findings)
    parts = [f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}" for s in (Severity.ERROR, Severity.WARNING, Severity.INFO) if counts[s]]
    fixable = sum(1 for f in report.findings if f.fix is not None and f.fix.applicability == "safe")
    text = f"Found {len(report.findings)} finding{'s' if len(report.findings) != 1 else ''} ({', '.join(parts)}) in {report.files} file{'s' if report.files != 1 else ''}."
    if fixable:
        text += f"\n[*] {fixable} fixable with `postlint check --fix`."
    return text


def render(report: Report) -> str:
    lines = [line(f, report.color) for f in report.findings]
    if not report.quiet:
        lines.append(summary(report))
    return "\n".join(lines) + ("\n" if lines else "")
