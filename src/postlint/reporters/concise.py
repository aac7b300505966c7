"""`concise`: one `path:line:col: CODE message` line per finding, nothing else."""

from __future__ import annotations

from . import Report
from .text import line


def render(report: Report) -> str:
    return "".join(line(f, report.color, severity=False) + "\n" for f in report.findings)
