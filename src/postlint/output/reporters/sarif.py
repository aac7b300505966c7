"""`sarif`: SARIF 2.1.0 for GitHub code scanning, Azure DevOps and SARIF viewers.

One run; `tool.driver.rules` holds one `reportingDescriptor` per rule of the
run (and any other rule that produced a finding) with its `helpUri` at the rule's
page in the repository (`docs/rules/<CODE>.md`, see `project`); each result points
at its rule by `ruleId` and `ruleIndex` and at its file region with 1-based,
end-exclusive columns counted in Unicode code points. Fixes become SARIF `fixes`,
and the content fingerprint becomes `partialFingerprints["postlint/v1"]`.

The run has `automationDetails.id` (`postlint/`: GitHub's code-scanning category)
and `tool.driver.fullName`, which Azure DevOps Advanced Security requires.
Relative paths are relative to `%SRCROOT%`, the folder postlint ran in; the log
does not name that folder (no absolute local path leaks into an uploaded report):
the consumer maps it to the repository root.

With `check --show-groups`, the duplicate groups (SEO004/005/006/009) are related the
SARIF way: each of a group's results has `relatedLocations` at the other posts its
message names (the first `NAMED_OTHERS`, in path order), and the run's property bag
holds every group once, whole (`runs[0].properties.groups`, the shape of the JSON
report's `groups`).
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, Iterator
from urllib.parse import quote

from ...model.findings import Finding, Fix, Severity
from ...model.jsontext import line as dumps_line
from ...model.project import REPOSITORY_URL, rule_doc_url
from ...model.version import __version__
from ..fingerprint import fingerprints, line_source
from . import Report

if TYPE_CHECKING:  # pragma: no cover
    from ..groups import Group, Member

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = REPOSITORY_URL
#: `automationDetails.id`: the category `postlint` (the part before the last `/`), no run id
AUTOMATION_ID = "postlint/"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def help_uri(code: str) -> str:
    """Where a rule is documented: its page, `docs/rules/<CODE>.md`, in the repository."""
    return rule_doc_url(code)


def _descriptor(rule: Any, code: str) -> dict[str, Any]:
    if rule is None:  # a code no registered rule owns (should not happen; stay valid anyway)
        return {"id": code, "shortDescription": {"text": code}, "helpUri": help_uri(code)}
    doc = rule.documentation() or rule.summary or code
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary or rule.name},
        "fullDescription": {"text": doc.split("\n\n")[0].replace("\n", " ")},
        "help": {"text": doc, "markdown": doc},
        "helpUri": help_uri(rule.code),
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": list(rule.tags), "fixable": bool(rule.fixable)},
    }
    return descriptor


def _uri(path: str) -> dict[str, str]:
    posix = PurePosixPath(path)
    if posix.is_absolute():
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(posix.as_posix(), errors="surrogateescape"), "uriBaseId": "%SRCROOT%"}  # a name's own bytes


def _region(line: int, column: int, end_line: int, end_column: int) -> dict[str, int]:
    line, column = max(line, 1), max(column, 1)
    end_line = max(end_line or line, line)
    end_column = max(end_column or column, 1)
    if end_line == line and end_column < column:
        end_column = column
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def _fix(finding: Finding, fix: Fix, uri: dict[str, str]) -> dict[str, Any]:
    return {
        "description": {"text": fix.message or f"fix {finding.code} ({fix.applicability})"},
        "artifactChanges": [
            {
                "artifactLocation": uri,
                "replacements": [
                    {
                        "deletedRegion": _region(e.line, e.column, e.end_line, e.end_column),
                        "insertedContent": {"text": e.content},
                    }
                    for e in fix.edits
                ],
            }
        ],
    }


def _related(groups: "list[Group]") -> dict[tuple[str, str, int], list[tuple["Group", list["Member"]]]]:
    """(code, path, line) of a group's member -> each group of that rule the post has at that line
    (a keyphrase list on one line may share two) with the other members its finding's message
    names: the first `NAMED_OTHERS`, in path order."""
    from ...site.groups import NAMED_OTHERS

    related: dict[tuple[str, str, int], list[tuple[Group, list[Member]]]] = {}
    for group in groups:
        head = group.members[: NAMED_OTHERS + 1]
        for member in group.members:
            others = [m for m in head if m is not member][:NAMED_OTHERS]
            related.setdefault((group.code, member.path, member.line), []).append((group, others))
    return related


def _relate(result: dict[str, Any], found: list[tuple["Group", list["Member"]]], uris: dict[str, dict[str, str]]) -> None:
    """`result`'s `relatedLocations`: the other posts of its group(s) that its message names; the
    message links each to its location (`[path](id)`: GitHub shows a related location only when
    the message links it), when it reads as the rule wrote it."""
    from ...site.groups import others_text

    pairs = [(group, m) for group, others in found for m in others]
    result["relatedLocations"] = [
        {
            "id": number,
            "physicalLocation": {"artifactLocation": uris.get(m.path) or _uri(m.path), "region": {"startLine": m.line}},
            "message": {"text": f"also has this {group.shared}"},
        }
        for number, (group, m) in enumerate(pairs, start=1)
    ]
    if len(found) != 1:
        return
    group, others = found[0]
    message = result["message"]["text"]
    lead, said, named = message.rpartition(" is also used by ")
    total = len(group.members) - 1
    if said and named == others_text([m.path for m in others], total):
        links = [f"[{_link_text(m.path)}]({number})" for number, m in enumerate(others, start=1)]
        result["message"]["text"] = f"{lead}{said}{others_text(links, total)}"


def _link_text(text: str) -> str:
    """Text inside an embedded link of a SARIF message: `\\`, `[` and `]` escaped (SARIF 3.11.6)."""
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def document(report: Report) -> dict[str, Any]:
    groups: list[Group] = []
    if report.show_groups:
        from ..groups import report_groups

        groups = report_groups(report)
    related = _related(groups) if groups else {}
    codes: list[str] = [r.code for r in report.rules]
    codes += sorted({f.code for f in report.findings} - set(codes))
    index = {code: i for i, code in enumerate(codes)}
    rules = [_descriptor(report.registry.get(code) if report.registry else None, code) for code in codes]
    prints = fingerprints(report.findings, line_source(report.sources))
    uris: dict[str, dict[str, str]] = {}  # by path: a findings' file is named once
    results = []
    for finding, fp in zip(report.findings, prints):
        uri = uris.get(finding.path)
        if uri is None:
            uri = uris[finding.path] = _uri(finding.path)
        result: dict[str, Any] = {
            "ruleId": finding.code,
            "ruleIndex": index[finding.code],
            "level": LEVELS[finding.severity],
            "message": {"text": finding.message or finding.code},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": uri,
                        "region": _region(finding.line, finding.column, finding.end_line, finding.end_column),
                    }
                }
            ],
            "partialFingerprints": {"postlint/v1": fp},
        }
        if finding.fix is not None and finding.fix.edits:
            result["fixes"] = [_fix(finding, finding.fix, uri)]
        found = related.get((finding.code, finding.path, finding.line)) if related else None
        if found:
            _relate(result, found, uris)
        results.append(result)
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "postlint",
                "fullName": f"postlint {__version__}",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": rules,
            }
        },
        "automationDetails": {"id": AUTOMATION_ID},
        "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The folder postlint ran in."}}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    if report.show_groups:
        from ..groups import group_dict

        run["properties"] = {"groups": [group_dict(group) for group in groups]}
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


#: stand for the results and the groups while the rest of the document is indented
_RESULTS = "\0results\0"
_GROUPS = "\0groups\0"
#: results per piece of `render_chunks`
CHUNK = 2000


def render(report: Report) -> str:
    return "".join(render_chunks(report))


def render_chunks(report: Report) -> Iterator[str]:
    """The log, indented, with one result per line: an indented dump goes through the json
    module's pure-Python encoder, which takes seconds for tens of thousands of results, while
    each result on a line of its own is one call of the C encoder."""
    doc = document(report)
    run = doc["runs"][0]
    results, run["results"] = run["results"], _RESULTS
    groups = None
    if "properties" in run:  # --show-groups: every member of a group on a line of its own
        groups, run["properties"]["groups"] = run["properties"]["groups"], _GROUPS
    head, tail = json.dumps(doc, indent=2, ensure_ascii=False).split(json.dumps(_RESULTS), 1)
    end: list[str] = [tail + "\n"]
    if groups is not None:
        from ..groups import render_json

        before, after = tail.split(json.dumps(_GROUPS), 1)
        end = [before, *render_json(groups, depth=8), after + "\n"]
    if not results:
        yield head + "[]"
        yield from end
        return
    yield head + "[\n"
    for start in range(0, len(results), CHUNK):
        lines = ["        " + dumps_line(result) for result in results[start : start + CHUNK]]
        last = start + CHUNK >= len(results)
        yield ",\n".join(lines) + ("\n      ]" if last else ",\n")
    yield from end
