"""Inline suppressions: `<!-- postlint-disable … -->` comments and front-matter ignores.

Comments are turned into one map of suppressed lines per post and applied by the
engine; rules never look at them. A directive that suppressed nothing, or names
an unknown code, becomes PL001.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable

from .findings import Finding

if TYPE_CHECKING:  # pragma: no cover
    from .document import Post

DIRECTIVE_RE = re.compile(r"^postlint-(disable-next-line|disable-file|disable|enable)\b(.*)$", re.DOTALL)
ANY_POSTLINT_RE = re.compile(r"^postlint-[\w-]*")


@dataclass
class Directive:
    kind: str  # disable | enable | disable-next-line | disable-file | front-matter
    selectors: list[str]  # empty = every code
    line: int
    column: int
    start: int = 0  # first suppressed line
    end: int = 0  # last suppressed line
    codes: set[str] | None = None  # resolved; None = all
    unknown: list[str] = field(default_factory=list)
    used: bool = False
    excluded: set[str] = field(default_factory=set)  # codes a partial enable re-enabled

    def covers(self, finding: Finding) -> bool:
        if not (self.start <= finding.line <= self.end) or finding.code in self.excluded:
            return False
        return self.codes is None or finding.code in self.codes


@dataclass
class Suppressions:
    directives: list[Directive]
    malformed: list[tuple[int, int, str]]  # (line, column, text) of unknown postlint-* comments

    def apply(self, findings: Iterable[Finding]) -> list[Finding]:
        kept: list[Finding] = []
        for finding in findings:
            suppressed = False
            for directive in self.directives:
                if directive.kind != "enable" and directive.covers(finding):
                    directive.used = True
                    suppressed = True
            if not suppressed:
                kept.append(finding)
        return kept


def parse(post: "Post", resolve: Callable[[str], set[str] | None]) -> Suppressions:
    """Read the post's comments and front-matter ignores; `resolve` maps a selector to codes (None: unknown)."""
    last_line = max(len(post.lines), 1)
    directives: list[Directive] = []
    malformed: list[tuple[int, int, str]] = []
    open_ranges: list[Directive] = []
    for comment in post.comments:
        match = DIRECTIVE_RE.match(comment.text)
        if not match:
            other = ANY_POSTLINT_RE.match(comment.text)
            if other:
                malformed.append((comment.line, comment.column, other.group(0)))
            continue
        kind, rest = match.group(1), match.group(2)
        selectors = [s for s in re.split(r"[\s,]+", rest.strip()) if s]
        directive = Directive(kind, selectors, comment.line, comment.column)
        _resolve(directive, resolve)
        if kind == "disable-file":
            directive.start, directive.end = 1, last_line
        elif kind == "disable-next-line":
            target = _next_content_line(post, comment.end_line)
            directive.start = directive.end = target
        elif kind == "disable":
            directive.start, directive.end = comment.line, last_line
            open_ranges.append(directive)
        else:  # enable: closes the matching open ranges
            for rest in _close(open_ranges, directive, comment.line):
                rest.end = last_line
                directives.append(rest)
            directive.used = True  # an enable never suppresses by itself
        directives.append(directive)
    ignored = post.meta.get("postlint")
    if isinstance(ignored, dict) and ignored.get("ignore") is not None:
        values = ignored.get("ignore")
        selectors = [values] if isinstance(values, str) else [str(v) for v in values] if isinstance(values, list) else []
        directive = Directive("front-matter", selectors, post.meta_line("postlint"), 1, 1, last_line)
        _resolve(directive, resolve)
        directives.append(directive)
    return Suppressions(directives, malformed)


def _resolve(directive: Directive, resolve: Callable[[str], set[str] | None]) -> None:
    if not directive.selectors:
        directive.codes = None
        return
    codes: set[str] = set()
    for selector in directive.selectors:
        found = resolve(selector)
        if found is None:
            directive.unknown.append(selector)
        else:
            codes |= found
    directive.codes = codes


def _close(open_ranges: list[Directive], enable: Directive, line: int) -> list[Directive]:
    """End the open `disable` ranges that `enable` names; what it does not name stays disabled."""
    carried: list[Directive] = []
    for directive in list(open_ranges):
        if enable.codes is not None and directive.codes is not None and not (directive.codes & enable.codes):
            continue
        directive.end = line
        open_ranges.remove(directive)
        if enable.codes is not None and (directive.codes is None or not directive.codes <= enable.codes):
            rest = Directive("disable", directive.selectors, directive.line, directive.column, line, directive.end)
            rest.codes = None if directive.codes is None else directive.codes - enable.codes
            rest.excluded = set(enable.codes)
            rest.used = True  # its unused check is the original directive's
            carried.append(rest)
            open_ranges.append(rest)
    return carried


def _next_content_line(post: "Post", after: int) -> int:
    for number in range(after + 1, len(post.lines) + 1):
        if post.lines[number - 1].strip():
            return number
    return after + 1


def unused_findings(
    post: "Post",
    suppressions: Suppressions,
    enabled: set[str],
    make: Callable[[int, int, str], Finding],
) -> list[Finding]:
    """PL001 for directives that suppressed nothing or name unknown codes."""
    out: list[Finding] = []
    for directive in suppressions.directives:
        label = "front-matter `postlint.ignore`" if directive.kind == "front-matter" else f"`postlint-{directive.kind}`"
        for selector in directive.unknown:
            out.append(make(directive.line, directive.column, f"{label} names unknown rule {selector!r}"))
        if directive.used or directive.kind == "enable":
            continue
        if directive.codes is not None and not (directive.codes & enabled):
            continue  # it names rules that are not enabled in this run: not its fault
        if directive.codes is not None and not directive.codes and directive.unknown:
            continue
        what = ", ".join(directive.selectors) if directive.selectors else "all rules"
        out.append(make(directive.line, directive.column, f"{label} for {what} suppressed nothing"))
    for line, column, text in suppressions.malformed:
        out.append(make(line, column, f"unknown postlint directive `{text}` (expected postlint-disable, -enable, -disable-next-line or -disable-file)"))
    return out
