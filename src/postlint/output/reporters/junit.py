"""`junit`: JUnit XML: one testsuite per run, one testcase per linted file.

Clean files are passing testcases; every finding of a file is one `<failure>`
inside that file's testcase, so CI test reports list exactly which posts fail.

With `check --show-groups`, a second testsuite, `postlint duplicate groups`, holds
one failing testcase per duplicate group (SEO004/005/006/009) the run reported:
named by its rule and what its posts share, its `<failure>` text lists every post
of the group (`path:line`, one a line), as test report viewers show a failure.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from ...model.findings import Finding
from ...model.textsafe import escape_controls
from . import Report

if TYPE_CHECKING:  # pragma: no cover
    from ..groups import Group

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


def _counts(tests: int, failures: int) -> dict[str, str]:
    return {"tests": str(tests), "failures": str(failures), "errors": "0", "skipped": "0", "time": "0"}


def _groups_suite(root: ET.Element, groups: "list[Group]") -> None:
    from ..groups import headline, member_line

    suite = ET.SubElement(root, "testsuite", {"name": "postlint duplicate groups", **_counts(len(groups), len(groups))})
    for group in groups:
        title = _clean(f"{group.code} {headline(group)}")
        case = ET.SubElement(suite, "testcase", name=title, classname="postlint.groups", time="0")
        failure = ET.SubElement(case, "failure", message=title, type=f"{group.code} {group.name}")
        failure.text = "\n".join(_clean(member_line(m)) for m in group.members)


def render(report: Report) -> str:
    by_path: dict[str, list[Finding]] = {}
    for finding in report.findings:
        by_path.setdefault(finding.path, []).append(finding)
    paths = list(dict.fromkeys([*report.paths, *by_path]))  # linted files, then findings elsewhere
    failing = sum(1 for p in paths if by_path.get(p))
    groups: list[Group] = []
    if report.show_groups:
        from ..groups import report_groups

        groups = report_groups(report)
    root = ET.Element("testsuites", {"name": "postlint", **_counts(len(paths) + len(groups), failing + len(groups))})
    suite = ET.SubElement(root, "testsuite", {"name": "postlint", **_counts(len(paths), failing)})
    for path in paths:
        case = ET.SubElement(suite, "testcase", name=_clean(path), classname="postlint", file=_clean(path), time="0")
        for finding in by_path.get(path, []):
            _failure(case, finding)
    if report.show_groups:
        _groups_suite(root, groups)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
