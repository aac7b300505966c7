"""Refusing regular expressions that can backtrack for ever (ReDoS), before they are used.

A pack or config from the repository being linted gives postlint regular
expressions, run on every paragraph. Python's `re` backtracks: `(a+)+$` on
thirty a's and one b takes about a minute, and each further character doubles
it. The patterns that do this repeat something that can match the same text in
more than one way: a repeated group that itself holds a repetition (`(a+)+`,
`(\\w+\\s?)*`, `(a*){10}`), or a repeated group whose alternatives may start
alike (`(a|ab)+`, `(\\w|-)*`). `risk` finds both with one scan of the pattern's
text (no private parser of `re`), so a pack is refused at load with a message
instead of hanging a run. An atomic group `(?>…)` or a possessive quantifier
(`*+`, `++`, `?+`, `{m,n}+`) cannot backtrack into what it matched and is
accepted; so is any repetition that cannot repeat (`?`, `{0,1}`, `{1}`).

A repeated group whose every round starts (or ends) with a literal character
that nothing repeated inside it can match is accepted: `( [A-Z][a-z]+)*` splits
a text one way only. Otherwise the check is conservative: it refuses some
patterns that are in fact fast (it does not compare alternatives beyond their
first item), never a plain word or phrase, and it is not a proof: a pattern it accepts can still be slow in
polynomial ways (`\\w+\\w+\\w+x`), bounded by the size of a paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_QUANTIFIER_START = "*+?{"


@dataclass
class _Group:
    atomic: bool = False
    repeats_inside: bool = False  # a repeating quantifier applies somewhere inside
    firsts: list[str] = field(default_factory=list)  # the first item of each finished branch
    first: str | None = None  # the first item of the branch being read
    wide_first: bool = False  # some branch starts with a class, `.` or an escape such as \w
    items: list["_Atom"] = field(default_factory=list)  # the items of a group of one branch


@dataclass
class _Atom:
    text: str  # what it is, for comparing the first items of alternatives
    wide: bool = False  # may match many different characters
    group: _Group | None = None  # when the atom is a group: what it holds
    repeats: bool = False  # a quantifier repeats it
    optional: bool = False  # a quantifier lets it match nothing


#: a group followed by a quantifier: without one, nothing can backtrack for ever
_REPEATED_GROUP = re.compile(r"\)(?:[*+]|\{\d*,?\d*\})")


def risk(pattern: str) -> str | None:
    """Why `pattern` can take exponential time, or None when the scan finds no such shape."""
    if _REPEATED_GROUP.search(pattern) is None:  # most patterns: one C-speed scan
        return None
    stack: list[_Group] = [_Group()]
    last: _Atom | None = None
    i, n = 0, len(pattern)
    while i < n:
        char = pattern[i]
        if char == "\\":
            text = pattern[i : i + 2]
            i += 2
            last = _atom(stack[-1], _Atom(text, wide=text[1:2].lower() in ("w", "d", "s", "b") or text[1:2] in ("W", "D", "S")))
            continue
        if char == "[":
            end = _class_end(pattern, i)
            last = _atom(stack[-1], _Atom(pattern[i:end], wide=True))
            i = end
            continue
        if char == "(":
            if pattern.startswith("(?#", i):  # a comment
                close = pattern.find(")", i)
                i = n if close < 0 else close + 1
                continue
            head, skip = _group_head(pattern, i)
            if head == "flags":  # `(?i)`: no group
                i += skip
                continue
            stack.append(_Group(atomic=head == "atomic"))
            last = None
            i += skip
            continue
        if char == ")":
            if len(stack) == 1:  # unbalanced: `re.compile` reports it
                i += 1
                continue
            group = stack.pop()
            _end_branch(group)
            last = _atom(stack[-1], _Atom("(" + "|".join(group.firsts) + ")", wide=group.wide_first, group=group))
            if group.repeats_inside:
                stack[-1].repeats_inside = True
            i += 1
            continue
        if char == "|":
            _end_branch(stack[-1])
            last = None
            i += 1
            continue
        if char in _QUANTIFIER_START:
            quantifier, end = _quantifier(pattern, i)
            if quantifier is None:  # a `{` that is a literal
                last = _atom(stack[-1], _Atom(char))
                i += 1
                continue
            (repeats, optional), possessive = quantifier
            i = end
            if last is None:
                continue
            last.optional = last.optional or optional
            if not repeats:
                continue
            last.repeats = True
            stack[-1].repeats_inside = True
            inner = last.group
            if inner is not None and not possessive and not inner.atomic:
                if inner.repeats_inside and not _delimited(inner):
                    return "it repeats a group that itself repeats, as `(a+)+` does"
                if _overlapping(inner):
                    return "it repeats a group whose alternatives can start alike, as `(a|ab)+` does"
            last = None
            continue
        last = _atom(stack[-1], _Atom(char, wide=char == "."))
        i += 1
    return None


def _atom(group: _Group, atom: _Atom) -> _Atom:
    group.items.append(atom)
    if group.first is None:
        group.first = atom.text
        group.wide_first = group.wide_first or atom.wide
    return atom


def _delimited(group: _Group) -> bool:
    """A group of one branch whose every round starts or ends with a literal character that no
    item repeated inside it can match: its rounds split a text one way only."""
    if group.firsts and len(group.firsts) > 1 or not group.items:
        return False
    repeated = [item for item in group.items if item.repeats]
    if any(item.group is not None for item in repeated) or any(item.group is not None and item.group.repeats_inside for item in group.items):
        return False
    for edge in (group.items[0], group.items[-1]):
        char = _literal(edge)
        if char is not None and not any(_may_match(item.text, char) for item in repeated):
            return True
    return False


def _literal(item: _Atom) -> str | None:
    """The one character a mandatory literal item matches, else None."""
    if item.group is not None or item.repeats or item.optional:
        return None
    if len(item.text) == 1 and item.text not in ".^$":
        return item.text
    if len(item.text) == 2 and item.text[0] == "\\" and not item.text[1].isalnum():
        return item.text[1]
    return None


def _may_match(item: str, char: str) -> bool:
    """Whether the item (a character, class or escape) can match `char`, either case; when in
    doubt, yes."""
    try:
        return re.fullmatch(item, char, re.IGNORECASE) is not None
    except re.error:
        return True


def _end_branch(group: _Group) -> None:
    group.firsts.append(group.first if group.first is not None else "")
    group.first = None


def _overlapping(group: _Group) -> bool:
    """Alternatives that may begin with the same character: equal first items, an empty
    alternative, or a first item that matches many characters."""
    if len(group.firsts) < 2:
        return False
    if group.wide_first or "" in group.firsts:
        return True
    lowered = [first.lower() for first in group.firsts]
    return len(set(lowered)) < len(lowered)


def _class_end(pattern: str, start: int) -> int:
    """The index after the `]` that closes the class opened at `start`."""
    i = start + 1
    if i < len(pattern) and pattern[i] == "^":
        i += 1
    if i < len(pattern) and pattern[i] == "]":  # a leading `]` is a literal
        i += 1
    while i < len(pattern):
        if pattern[i] == "\\":
            i += 2
            continue
        if pattern[i] == "]":
            return i + 1
        i += 1
    return len(pattern)


def _group_head(pattern: str, start: int) -> tuple[str, int]:
    """What the group opened at `start` is ("group", "atomic" or "flags") and the length of
    its opening (`(`, `(?:`, `(?P<name>`, `(?i:`, …)."""
    if not pattern.startswith("(?", start):
        return "group", 1
    rest = pattern[start + 2 :]
    if rest.startswith(">"):
        return "atomic", 3
    if rest.startswith(("P<", "<")) and not rest.startswith(("<=", "<!")):
        close = pattern.find(">", start)
        return "group", (close - start + 1) if close > 0 else 2
    if rest.startswith("P="):  # a back-reference by name: `(?P=name)`, an item
        close = pattern.find(")", start)
        return "group", (close - start) if close > 0 else 2
    if rest.startswith(("<=", "<!")):
        return "group", 4
    if rest.startswith((":", "=", "!")):
        return "group", 3
    j = 0
    while j < len(rest) and (rest[j].isalpha() or rest[j] == "-"):
        j += 1
    if j < len(rest) and rest[j] == ")":
        return "flags", j + 3
    if j < len(rest) and rest[j] == ":":
        return "group", j + 3
    return "group", 2


def _quantifier(pattern: str, start: int) -> tuple[tuple[tuple[bool, bool], bool] | None, int]:
    """(((whether it repeats, whether it may match nothing), whether it is possessive), the
    index after it); (None, start) when a `{` is a literal brace."""
    char = pattern[start]
    end = start + 1
    if char == "{":
        close = pattern.find("}", start)
        body = pattern[start + 1 : close] if close > 0 else ""
        low, comma, high = body.partition(",")
        if close < 0 or not (low.strip().isdigit() or (comma and low.strip() == "")) or (high.strip() and not high.strip().isdigit()):
            return None, start
        end = close + 1
        least = int(low) if low.strip() else 0
        if comma:
            repeats = not high.strip() or int(high) > 1
        else:
            repeats = least > 1
        optional = least == 0
    else:
        repeats = char in "*+"
        optional = char in "*?"
    possessive = False
    if end < len(pattern) and pattern[end] in "?+":
        possessive = pattern[end] == "+"
        end += 1
    return ((repeats, optional), possessive), end
