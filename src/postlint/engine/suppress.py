"""Inline suppressions: `<!-- postlint-disable … -->` comments, front-matter ignores and
markdownlint's own comments for the rules both tools have.

Comments are turned into one map of suppressed lines per post and applied by the
engine; rules never look at them. A postlint directive that suppressed nothing, or
names an unknown code, becomes PL001.

markdownlint's `<!-- markdownlint-disable … -->`, `-enable`, `-disable-line`,
`-disable-next-line`, `-disable-file`, `-enable-file`, `-capture` and `-restore`
comments are honoured for the postlint rules in `MARKDOWNLINT` (by markdownlint's
rule code or alias; with no rule named, for all of them), with markdownlint's
meaning: a state that holds from the comment's line on. They never become PL001,
and rules postlint does not have (`MD013`) are markdownlint's business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable

from ..model.lazyregex import lazy_regex
from ..model.findings import Finding

if TYPE_CHECKING:  # pragma: no cover
    from ..parse.document import Comment, Post

#: markdownlint rule (code and aliases) -> the postlint rule that reports the same thing, and,
#: where postlint's rule reports more, the part of it that is the same (a test on the message)
MARKDOWNLINT: dict[tuple[str, ...], tuple[str, "Callable[[Finding], bool] | None"]] = {
    ("MD001", "heading-increment"): ("HD001", None),
    ("MD024", "no-duplicate-heading"): ("HD004", None),
    ("MD025", "single-title", "single-h1"): ("HD002", None),
    ("MD034", "no-bare-urls"): ("LNK010", None),
    ("MD042", "no-empty-links"): ("LNK001", lambda finding: finding.message.endswith("is empty")),
    ("MD045", "no-alt-text"): ("IMG001", None),
    ("MD051", "link-fragments"): ("LNK006", lambda finding: finding.message.startswith("`#")),
    ("MD059", "descriptive-link-text"): ("LNK003", None),
}
_MARKDOWNLINT_NAMES = {name.lower(): names[0] for names in MARKDOWNLINT for name in names}
MARKDOWNLINT_RE = lazy_regex(r"^markdownlint-(disable-next-line|disable-line|disable-file|enable-file|disable|enable|capture|restore)\b(.*)$", re.DOTALL)

DIRECTIVE_RE = lazy_regex(r"^postlint-(disable-next-line|disable-file|disable|enable)\b(.*)$", re.DOTALL)
ANY_POSTLINT_RE = lazy_regex(r"^postlint-[\w-]*")


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
    #: for a markdownlint rule that is only part of a postlint rule: which findings it covers
    only: "Callable[[Finding], bool] | None" = None

    def covers(self, finding: Finding) -> bool:
        if not (self.start <= finding.line <= self.end) or finding.code in self.excluded:
            return False
        if self.only is not None and not self.only(finding):
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
    markdownlint: list["Comment"] = []
    for comment in post.comments:
        if comment.text.startswith("markdownlint-"):
            markdownlint.append(comment)
            continue
        match = DIRECTIVE_RE().match(comment.text)
        if not match:
            other = ANY_POSTLINT_RE().match(comment.text)
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
    if markdownlint:
        directives += _markdownlint(markdownlint, last_line)
    return Suppressions(directives, malformed)


def _markdownlint(comments: list["Comment"], last_line: int) -> list[Directive]:
    """markdownlint's comments as ranges of suppressed lines (all marked used: never PL001)."""
    every = tuple(names[0] for names in MARKDOWNLINT)
    disabled: dict[str, int] = {}  # markdownlint rule -> line its current disable began
    saved: list[dict[str, int]] = []
    ranges: list[tuple[str, int, int, str]] = []  # (rule, start, end, kind)
    for comment in comments:
        match = MARKDOWNLINT_RE().match(comment.text)
        if match is None:
            continue  # `markdownlint-configure-file` and the like: not about lines
        kind, rest = match.group(1), match.group(2)
        named = [_MARKDOWNLINT_NAMES.get(name.lower()) for name in re.split(r"[\s,]+", rest.strip()) if name]
        rules = every if not named else tuple(dict.fromkeys(rule for rule in named if rule))
        line = comment.line
        if kind in ("disable-line", "disable-next-line"):
            target = line if kind == "disable-line" else comment.end_line + 1
            ranges += [(rule, target, target, kind) for rule in rules]
        elif kind == "disable-file":
            ranges += [(rule, 1, last_line, kind) for rule in rules]
        elif kind == "enable-file":
            ranges = [item for item in ranges if not (item[3] == "disable-file" and item[0] in rules)]
        elif kind == "disable":
            for rule in rules:
                disabled.setdefault(rule, line)
        elif kind == "enable":
            for rule in rules:
                if rule in disabled:
                    ranges.append((rule, disabled.pop(rule), line - 1, kind))
        elif kind == "capture":
            saved.append(dict(disabled))
        elif saved:  # restore
            state = saved.pop()
            for rule, start in list(disabled.items()):
                if rule not in state:
                    ranges.append((rule, disabled.pop(rule), line - 1, kind))
            for rule in state:
                disabled.setdefault(rule, line)
    ranges += [(rule, start, last_line, "disable") for rule, start in disabled.items()]
    by_rule = {names[0]: target for names, target in MARKDOWNLINT.items()}
    out = []
    for rule, start, end, _ in ranges:
        if end < start:
            continue
        code, only = by_rule[rule]
        directive = Directive("markdownlint", [rule], start, 1, start, end, {code}, used=True, only=only)
        out.append(directive)
    return out


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
        if directive.used or directive.kind in ("enable", "markdownlint"):
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
