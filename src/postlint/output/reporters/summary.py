"""`github-summary`: a Markdown report for a CI job summary (`$GITHUB_STEP_SUMMARY`).

GitHub shows only the first few annotations of a step, so a big site's findings
need a summary: the totals, a table of findings per severity, one per rule (with
a link to the rule's page), the posts with the most findings (errors first), and
the duplicate groups (SEO004/005/006/009: posts sharing a title, description, URL
path or keyphrase) — the biggest `GROUPS_SHOWN`, each with its first
`MEMBERS_SHOWN` posts and a count of the rest, whether or not `--show-groups` is
given (a summary is bounded: `check --show-groups` lists every group whole).
Every name from the run (paths, messages) is HTML-escaped inside `<code>`, with
control characters written as `\\xNN`, so no file name can break the table or
inject markup.
"""

from __future__ import annotations

import html
import re
from collections import Counter

from ...engine.findinglist import tally
from ...model.findings import Severity
from ...model.project import rule_doc_url
from . import Report

#: posts listed under "Posts with the most findings"
WORST_POSTS = 10
#: groups listed under "Duplicate groups" (the biggest first), and posts named per group
GROUPS_SHOWN = 10
MEMBERS_SHOWN = 5
LEVELS = (Severity.ERROR, Severity.WARNING, Severity.INFO)
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _code(text: str) -> str:
    """`text` as inline code that no character of it can break out of (nor a table cell)."""
    text = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    return "<code>" + html.escape(text).replace("|", "&#124;") + "</code>"


def headline(report: Report) -> str:
    counts = tally(report.findings)
    total = sum(counts.values())
    files = _plural(report.files, "file")
    if not report.files:
        return ":warning: **No files linted**: no path named a Markdown file that the config does not exclude."
    if not total:
        return f":white_check_mark: **All checks passed** ({files})."
    by_level: Counter[Severity] = Counter()
    fixable = 0
    for (_, level, safe), count in counts.items():
        by_level[level] += count
        fixable += count if safe else 0
    parts = ", ".join(_plural(by_level[s], str(s)) for s in LEVELS if by_level[s])
    icon = ":x:" if by_level[Severity.ERROR] else ":warning:" if by_level[Severity.WARNING] else ":information_source:"
    text = f"{icon} **{_plural(total, 'finding')}** ({parts}) in {files}."
    if fixable:
        text += f" {fixable} fixable with `postlint check --fix`."
    return text


def render(report: Report) -> str:
    lines = ["## postlint", "", headline(report), ""]
    findings = list(report.findings)
    if not findings:
        return "\n".join(lines)
    by_level = Counter(f.severity for f in findings)
    lines += ["| severity | findings |", "|---|---:|"]
    lines += [f"| {level} | {by_level[level]} |" for level in LEVELS]
    by_rule = Counter((f.code, f.severity) for f in findings)
    lines += ["", "### Findings per rule", "", "| rule | name | severity | findings |", "|---|---|---|---:|"]
    for (code, level), count in sorted(by_rule.items(), key=lambda item: (-item[0][1], -item[1], item[0][0])):
        rule = report.registry.get(code) if report.registry else None
        name = _code(rule.name) if rule is not None else ""
        lines.append(f"| [{code}]({rule_doc_url(code)}) | {name} | {level} | {count} |")
    per_post: dict[str, Counter[Severity]] = {}
    for finding in findings:
        per_post.setdefault(finding.path, Counter())[finding.severity] += 1
    ranked = sorted(per_post.items(), key=lambda item: (*(-item[1][s] for s in LEVELS), item[0]))
    lines += ["", "### Posts with the most findings", "", "| post | errors | warnings | info |", "|---|---:|---:|---:|"]
    for path, counts in ranked[:WORST_POSTS]:
        lines.append(f"| {_code(path)} | {counts[Severity.ERROR]} | {counts[Severity.WARNING]} | {counts[Severity.INFO]} |")
    if len(ranked) > WORST_POSTS:
        lines += ["", f"…and {_plural(len(ranked) - WORST_POSTS, 'more post')} with findings."]
    lines += _groups(report)
    return "\n".join(lines) + "\n"


def _groups(report: Report) -> list[str]:
    """The "Duplicate groups" section: the biggest groups, each with its first posts (nothing
    when the run reported no group)."""
    if report.site is None and not report.sites:
        return []
    from ..groups import member_note, report_groups

    groups = sorted(report_groups(report), key=lambda group: -len(group.members))  # stable: by code, value
    if not groups:
        return []
    lines = ["", "### Duplicate groups", "", "| rule | shared | value | posts | path:line |", "|---|---|---|---:|---|"]
    for group in groups[:GROUPS_SHOWN]:
        posts = [
            f"{_code(m.path)}:{m.line}" + (f" ({note})" if (note := member_note(m)) else "") for m in group.members[:MEMBERS_SHOWN]
        ]
        if len(group.members) > MEMBERS_SHOWN:
            posts.append(f"…and {len(group.members) - MEMBERS_SHOWN} more")
        code = f"[{group.code}]({rule_doc_url(group.code)})"
        lines.append(f"| {code} | {group.shared} | {_code(group.value)} | {len(group.members)} | {'<br>'.join(posts)} |")
    if len(groups) > GROUPS_SHOWN:
        lines += ["", f"…and {_plural(len(groups) - GROUPS_SHOWN, 'more group')}."]
    lines += ["", "`postlint check --show-groups` lists every group with all its posts."]
    return lines
