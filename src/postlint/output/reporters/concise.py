"""`concise`: one `path:line:col: CODE message` line per finding, nothing else."""

from __future__ import annotations

from typing import Iterator

from ..findinglist import LineFormat, joined, pieces
from . import Report, whole
from .text import line_format as text_format


def line_format(color: bool = False) -> LineFormat:
    return text_format(color, severity=False, name="concise")


def render(report: Report) -> str:
    return whole(render_chunks(report))


def render_chunks(report: Report) -> Iterator[str | bytes]:
    if report.findings:
        yield from joined(pieces(report.findings, line_format(report.color)), "\n", "\n")
