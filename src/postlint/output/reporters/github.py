"""`github`: GitHub Actions workflow commands, one annotation per finding.

`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=CODE name::message`;
warnings become `::warning`, info findings `::notice`. Values are escaped as
the Actions runner expects: `%`, CR and LF everywhere, and `:` and `,` inside
properties; other control characters (escape sequences, bidi overrides) are
made visible by `textsafe.escape_controls`.
"""

from __future__ import annotations

from typing import Iterator

from ...engine.findinglist import LineFormat, joined, pieces
from ...model.findings import Finding, Severity
from ...model.textsafe import escape_controls
from . import Report, whole

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    return escape_controls(value, keep="\r\n").replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(finding: Finding) -> str:
    return _command(finding, escape_property(finding.path))


def _command(finding: Finding, file: str) -> str:
    """The command, given the file property as escaped."""
    end_line = max(finding.end_line or finding.line, finding.line)
    end_column = finding.end_column or finding.column
    props = [
        ("line", str(finding.line)),
        ("col", str(finding.column)),
        ("endLine", str(end_line)),
        ("endColumn", str(end_column)),
        ("title", f"{finding.code} {finding.name}".strip()),
    ]
    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{COMMANDS[finding.severity]} file={file},{rendered}::{escape_data(finding.message)}"


def line_format(color: bool = False) -> LineFormat:
    """A finding's command, for cached report lines (`findinglist`); commands have no colour."""
    return LineFormat("github", "\n", escape_property, _command)


def render(report: Report) -> str:
    return whole(render_chunks(report))


def render_chunks(report: Report) -> Iterator[str | bytes]:
    if report.findings:
        yield from joined(pieces(report.findings, line_format()), "\n", "\n")
