"""Findings as LSP diagnostics: positions, ranges and severities.

A finding's (line, column) is 1-based with columns in characters (code points) on
the lines the `Post` sees; LSP positions are 0-based with columns in the code
units the client and server agreed on (UTF-16 unless the client offered better),
so a character outside the Basic Multilingual Plane counts as two. A BOM the
`Post` stripped is still in the editor's first line. A finding without an end
(or ending where it starts) covers the rest of its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from lsprotocol import types

from ..model.findings import Finding, Severity
from ..parse.document import Post

#: how many code units a string is in the negotiated position encoding
Units = Callable[[str], int]

#: control characters a message may carry from a post (a URL's bytes): shown escaped, never sent raw
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


@dataclass(frozen=True)
class Positions:
    """Converts a post's (line, column) positions to LSP positions."""

    post: Post
    units: Units

    def position(self, line: int, column: int) -> types.Position:
        lines = self.post.lines
        if line > len(lines):  # just past a last line without a newline: its end
            return types.Position(len(lines) - 1, self._units(len(lines) - 1, lines[-1])) if lines else types.Position(0, 0)
        index = max(line - 1, 0)
        return types.Position(index, self._units(index, lines[index][: max(column - 1, 0)]))

    def line_end(self, line: int) -> types.Position:
        return self.position(line, len(self.post.line_text(line)) + 1)

    def _units(self, index: int, text: str) -> int:
        if index == 0 and self.post.bom:
            text = "\ufeff" + text
        return self.units(text)

    def range(self, finding: Finding) -> types.Range:
        start = self.position(finding.line, finding.column)
        end = self.position(finding.end_line, finding.end_column or 1) if finding.end_line else start
        if (end.line, end.character) <= (start.line, start.character):
            end = max(start, self.line_end(finding.line), key=lambda p: (p.line, p.character))
        return types.Range(start, end)


def diagnostic(finding: Finding, positions: Positions) -> types.Diagnostic:
    return types.Diagnostic(
        range=positions.range(finding),
        message=printable(finding.message),
        severity=SEVERITIES[finding.severity],
        code=finding.code,
        source="postlint",
    )


def printable(text: str) -> str:
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group(0)):02x}", text)


def contains(range_: types.Range, position: types.Position) -> bool:
    """Whether `position` is inside `range_`, both ends included (the cursor may sit at either)."""
    at = (position.line, position.character)
    return (range_.start.line, range_.start.character) <= at <= (range_.end.line, range_.end.character)


def overlaps(a: types.Range, b: types.Range) -> bool:
    return contains(a, b.start) or contains(a, b.end) or contains(b, a.start)
