"""Every duplicate group a run reported, each once and whole (`check --show-groups`, the HTML report).

A cross-post finding names the first few other posts of its group and counts the
rest (SEO004, SEO005, SEO006, SEO009: `site.groups.others_text`), so a group of 5,000 posts
sharing a template's description gives findings of bounded size. This module lists
each group once with every member: its rule, the shared value (shortened, control
characters escaped), and each post's path and line, in path order.

Which groups: those of the run's rules that have `post_groups` (a rule that is off
has none), of which the run reported at least one member: a group whose findings
were all suppressed (inline comment, `per-file-ignores`, baseline) is not listed.
A listed group holds every post that shares the value, as the findings' "is also
used by" counts them; `reported` says which members got a finding this run.
See docs/site-index.md ("Every group, once") and docs/output-formats.md (`json`).

Layer: output.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from ..engine.findinglist import FindingList
from ..model.findings import Severity
from ..model.jsontext import line as json_line
from ..model.textsafe import escape_controls

if TYPE_CHECKING:  # pragma: no cover
    from ..model.findings import Finding
    from .reporters import Report

#: characters of a shared value shown (a description can be long); longer ones end in "…"
VALUE_CHARS = 100


@dataclass(frozen=True)
class Member:
    path: str  # display path
    line: int
    in_run: bool
    reported: bool


@dataclass(frozen=True)
class Group:
    code: str
    name: str
    severity: Severity
    shared: str  # what the posts share: "title", "description", "URL path", "focus keyphrase"
    value: str  # as the group's first post writes it, shortened, control characters escaped
    quoted: str  # the value quoted as the rule's messages quote it (`GroupRule.quoted`): “…”, `/url/`
    members: list[Member]


def report_groups(report: "Report") -> list[Group]:
    """The run's reported groups, sorted by code, value and first path (see the module's doc)."""
    from ..site.groups import group_rules

    sites = report.sites or ([report.site] if report.site is not None else [])
    rules = group_rules(report.rules)
    if not sites or not rules:
        return []
    codes = {rule.code for rule in rules}
    reported: dict[tuple[str, str, int], Severity] = {
        (f.code, f.path, f.line): f.severity for f in _site_findings(report.findings) if f.code in codes
    }
    linted = set(report.paths)  # the index of a run with several configs holds the others' posts as indexed only
    found: dict[tuple[str, str, tuple[str, ...]], tuple[tuple[str, str, str, str], Group]] = {}
    for site in sites:  # nested configs: each config's run has its own index (without content-dirs, of its posts only)
        for rule in rules:
            for group in rule.post_groups(site):
                members = [
                    Member(
                        m.summary.display_path, max(m.line, 1), m.summary.in_run or m.summary.display_path in linted,
                        (rule.code, m.summary.display_path, max(m.line, 1)) in reported,
                    )
                    for m in group.members
                ]
                levels = [reported[(rule.code, m.path, m.line)] for m in members if m.reported]
                if not levels:
                    continue
                same = (rule.code, group.key, tuple(m.path for m in members))
                if same in found:  # the indexes of several configs may hold one group
                    continue
                severity = max(levels)  # configs of subfolders may set the rule's severity apart
                value = shorten(rule.value(group.members[0].summary, group.key))
                order = (rule.code, value.casefold(), members[0].path, group.key)
                found[same] = (order, Group(rule.code, rule.name, severity, rule.shared, value, rule.quoted(value), members))
    return [group for _, group in sorted(found.values(), key=lambda item: item[0])]


def _site_findings(findings: Iterable["Finding"]) -> Iterable["Finding"]:
    """The findings cross-post rules may have made: a run's `FindingList` keeps them apart from
    its files' own (which may stay in the cache's encoding: not decoded for this)."""
    return findings.extra if isinstance(findings, FindingList) else findings


def shorten(value: str) -> str:
    """`value` with spaces folded, at most `VALUE_CHARS` characters, control characters escaped."""
    value = " ".join(value.split())
    if len(value) > VALUE_CHARS:
        value = value[: VALUE_CHARS - 1].rstrip() + "…"
    return escape_controls(value)


def headline(group: Group) -> str:
    """`5 posts share the description “…”` (the value escaped; for HTML escape it further)."""
    return f"{len(group.members)} posts share the {group.shared} {group.quoted}"


def member_note(member: Member) -> str:
    """Why a member has no finding of its own this run ("" when it has one)."""
    if member.reported:
        return ""
    return "not in this run" if not member.in_run else "suppressed"


def member_line(member: Member, gap: str = " ") -> str:
    """`path:line`, and why the member has no finding of its own (`member_note`) after `gap`."""
    note = member_note(member)
    return f"{escape_controls(member.path)}:{member.line}" + (f"{gap}({note})" if note else "")


# --- text -----------------------------------------------------------------------------------


def text_section(report: "Report") -> Iterator[str]:
    """What `text` and `concise` print after the findings: the groups, with `--show-groups`."""
    if report.show_groups:
        yield from render_text(report_groups(report))


def render_text(groups: list[Group]) -> Iterator[str]:
    """The groups for `text` and `concise`: a heading, then per group its rule and value and
    one indented line per post (`path:line`), one piece per group."""
    if not groups:
        yield "\nNo duplicate groups.\n"
        return
    yield f"\nDuplicate groups ({len(groups)}):\n"
    for group in groups:
        lines = [f"{group.code} {group.name} [{group.severity}]: {headline(group)}"]
        lines += [f"  {member_line(member, '  ')}" for member in group.members]
        yield "\n".join(lines) + "\n"


# --- json -----------------------------------------------------------------------------------


def group_dict(group: Group) -> dict[str, Any]:
    """A group as the JSON report's `groups` list and SARIF's `groups` run property hold it."""
    return {
        "code": group.code, "name": group.name, "severity": str(group.severity), "shared": group.shared,
        "value": group.value, "size": len(group.members),
        "members": [{"path": m.path, "line": m.line, "in_run": m.in_run, "reported": m.reported} for m in group.members],
    }


def render_json(groups: list[dict[str, Any]], depth: int = 2) -> Iterator[str]:
    """A list of `group_dict`s as JSON text whose opening bracket stands at `depth` spaces (the JSON
    report's `"groups"`: 2), one piece per group: a group's fields on its first line, then one
    member per line (each line one call of the C encoder, however big the group)."""
    if not groups:
        yield "[]"
        return
    pad = " " * depth
    yield "[\n"
    for i, group in enumerate(groups):
        head = json_line({key: value for key, value in group.items() if key != "members"})[:-1]
        members = ",\n".join(f"{pad}    " + json_line(member) for member in group["members"])
        yield f'{pad}  {head}, "members": [\n{members}\n{pad}  ]}}' + (",\n" if i < len(groups) - 1 else "\n")
    yield f"{pad}]"
