"""`junit`: JUnit XML: one testsuite per run, one testcase per linted file.

Clean files are passing testcases; every finding of a file is one `<failure>`
inside that file's testcase, so CI test reports list exactly which posts fail.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ...model.findings import Finding
from ...model.textsafe import escape_controls
from . import Report

#: Characters XML 1.0 cannot carry, even escaped.
_INVALID_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    """Control characters made visible (`textsafe`), then what XML cannot hold replaced."""
    return _INVALID_XML.sub("\ufffd", escape_controls(text))


def _failure(case: ET.Element, finding: Finding) -> None:
    failure = ET.SubElement(
        case,
        "failure",
        message=_clean(f"{finding.code} {finding.message}"),
        type=f"{finding.code} {finding.name}".strip(),
    )
    failure.text = _clean(
        f"{finding.path}:{finding.line}:{finding.column}: {finding.code} {finding.message} [{finding.severity}]"
    )


def render(report: Report) -> str:
    by_path: dict[str, list[Finding]] = {}
    for finding in report.findings:
        by_path.setdefault(finding.path, []).append(finding)
    paths = list(dict.fromkeys([*report.paths, *by_path]))  # linted files, then findings elsewhere
    failing = sum(1 for p in paths if by_path.get(p))
    counts = {"tests": str(len(paths)), "failures": str(failing), "errors": "0", "skipped": "0", "time": "0"}
    root = ET.Element("testsuites", {"name": "postlint", **counts})
    suite = ET.SubElement(root, "testsuite", {"name": "postlint", **counts})
    for path in paths:
        case = ET.SubElement(suite, "testcase", name=_clean(path), classname="postlint", file=_clean(path), time="0")
        for finding in by_path.get(path, []):
            _failure(case, finding)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
