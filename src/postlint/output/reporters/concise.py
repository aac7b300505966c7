"""`concise`: one `path:line:col: CODE message` line per finding, nothing else (but the
duplicate groups with `--show-groups`)."""

from __future__ import annotations

from typing import Iterator

from ...engine.findinglist import LineFormat, joined, pieces
from .text import line_format as text_format
from . import Report, whole


def line_format(color: bool = False) -> LineFormat:
    return text_format(color, severity=False, name="concise")


def render(report: Report) -> str:
    return whole(render_chunks(report))


def render_chunks(report: Report) -> Iterator[str | bytes]:
    if report.findings:
        yield from joined(pieces(report.findings, line_format(report.color)), "\n", "\n")
    if report.show_groups:
        from ..groups import text_section  # --show-groups only

        yield from text_section(report)
