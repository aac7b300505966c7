"""`text`: `path:line:col: CODE message [severity]`, coloured on a terminal, with a summary."""

from __future__ import annotations

from typing import Iterator

from ...engine.findinglist import LineFormat, joined, pieces, tally
from ...model.findings import Finding, Severity
from ...model.textsafe import escape_controls
from . import Report, whole

COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _paint(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color else text


def line(finding: Finding, color: bool = False, severity: bool = True) -> str:
    return _line(finding, escape_controls(finding.path), color, severity)


def _line(finding: Finding, path: str, color: bool, severity: bool) -> str:
    """The finding's line, given its path as escaped; control characters in the message (a
    link target's newline or escape sequence) are escaped too: one finding, one inert line."""
    where = _paint(f"{path}:{finding.line}:{finding.column}:", "1", color)
    code = _paint(finding.code, COLORS[finding.severity], color)
    text = f"{where} {code} {escape_controls(finding.message)}"
    if severity:
        text += " " + _paint(f"[{finding.severity}]", "2", color)
    return text


def line_format(color: bool = False, severity: bool = True, name: str = "text") -> LineFormat:
    """A finding's line, for cached report lines (`findinglist`): one variant per colour."""
    return LineFormat(f"{name}+color" if color else name, "\n", escape_controls, lambda f, path: _line(f, path, color, severity))


def summary(report: Report) -> str:
    counts = tally(report.findings)
    total = sum(counts.values())
    if not report.files and not total:
        return "No files linted."
    if not total:
        return f"All checks passed ({report.files} file{'s' if report.files != 1 else ''})."
    by_level = {level: 0 for level in Severity}
    fixable = 0
    for (_, level, safe), count in counts.items():
        by_level[level] += count
        fixable += count if safe else 0
    parts = [f"{by_level[s]} {s}{'s' if by_level[s] != 1 else ''}" for s in (Severity.ERROR, Severity.WARNING, Severity.INFO) if by_level[s]]
    text = f"Found {total} finding{'s' if total != 1 else ''} ({', '.join(parts)}) in {report.files} file{'s' if report.files != 1 else ''}."
    if fixable:
        text += f"\n[*] {fixable} fixable with `postlint check --fix`."
    return text


def render(report: Report) -> str:
    return whole(render_chunks(report))


def render_chunks(report: Report) -> Iterator[str | bytes]:
    """One line per finding (an unchanged post's as the cache kept them), then the summary."""
    end = "\n" if report.quiet else "\n" + summary(report) + "\n"
    if report.findings:
        yield from joined(pieces(report.findings, line_format(report.color)), "\n", end)
    elif not report.quiet:
        yield summary(report) + "\n"
    if report.show_groups:
        from ..groups import text_section  # --show-groups only

        yield from text_section(report)
