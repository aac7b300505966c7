"""`github`: GitHub Actions workflow commands, one annotation per finding.

`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=CODE name::message`;
warnings become `::warning`, info findings `::notice`. Values are escaped as
the Actions runner expects: `%`, CR and LF everywhere, and `:` and `,` inside
properties.
"""

from __future__ import annotations

from ..findings import Finding, Severity
from . import Report

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(finding: Finding) -> str:
    end_line = max(finding.end_line or finding.line, finding.line)
    end_column = finding.end_column or finding.column
    props = [
        ("file", finding.path),
        ("line", str(finding.line)),
        ("col", str(finding.column)),
        ("endLine", str(end_line)),
        ("endColumn", str(end_column)),
        ("title", f"{finding.code} {finding.name}".strip()),
    ]
    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{COMMANDS[finding.severity]} {rendered}::{escape_data(finding.message)}"


def render(report: Report) -> str:
    return "".join(command(f) + "\n" for f in report.findings)
