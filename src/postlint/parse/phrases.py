"""Phrase patterns: words or regexes of a pack, matched case-insensitively at word boundaries.

A pack's list of phrases becomes one alternation (`compile_alternation`, one scan
of the text instead of one per word), compiled only as far as a post's texts need
it (`PhrasePattern.narrowed`); each phrase is validated by compiling it, for an
error that names it.
"""

from __future__ import annotations

import re
from typing import Any, Collection, Iterable, Iterator

from ..model.rule import PackError
from .casefold import CaselessPattern, lowered, safe_source


def compile_alternation(values: Any, where: str, field_name: str, checked: Collection[str] = ()) -> "PhrasePattern | None":
    """Like `compile_patterns`, as one pattern (one scan of the text instead of one per word)."""
    values = validate_patterns(values, where, field_name, checked)
    if not values:
        return None
    return PhrasePattern(values)


def _alternation(values: list[str]) -> str:
    """The source of one case-insensitive pattern of `values`, each at word boundaries."""
    body = "|".join(f"(?:{value})" for value in values)
    return rf"(?<![\w-])(?:{body})(?![\w-])"


#: what makes the character before it optional or repeated
_QUANTIFIERS = ("?", "*", "+", "{")


def _grouped_alternation(values: list[str]) -> str | None:
    """`_alternation(values)` with the values that start with the same character after one copy of
    it: `very|vast|really` as `v(?:(?:ery)|(?:ast))|r(?:(?:eally))`. The same matches, the values
    of one character keeping their order (a match starts with one character: no value starting
    with another could match there), but at each start of a word `re` tries one branch per
    first character instead of one per value (a third fewer instructions for the weak words).
    None unless each value is one branch starting with a letter or digit that no quantifier
    follows, and refers to no group (numbers and names are the whole alternation's)."""
    by_first: dict[str, list[str]] = {}
    for value in values:
        first, rest = value[:1], value[1:]
        if not (first.isascii() and first.isalnum()) or rest.startswith(_QUANTIFIERS) or _GROUPS.search(value):
            return None
        if len(_top_level_branches(value)) != 1:
            return None
        by_first.setdefault(first, []).append(rest)
    body = "|".join(first + "(?:" + "|".join(f"(?:{rest})" for rest in rests) + ")" for first, rests in by_first.items())
    return rf"(?<![\w-])(?:{body})(?![\w-])"


class PhrasePattern(CaselessPattern):
    """A pack's case-insensitive alternation, compiled only as far as the texts it scans need.

    `re` tries an alternation of case-insensitive words at every position of a
    text, and compiles it in Python: compiling the shipped CTA phrases whole costs a
    one-file run ~2 ms. When every word or pattern starts with a literal of two or
    more ASCII characters (`beginnings`), a text whose lower-case form holds none of
    them is not scanned, and a post's texts are scanned with an alternation of only
    the values whose beginnings they hold (`narrowed`), in their order: a value
    cannot match where none of its beginnings is, so the matches are the whole
    alternation's. Faster still for a long run, when it finds the same, is scanning
    the lower-case text with the whole alternation made case-sensitive
    (`CaselessPattern`): then that scan is the only one.
    """

    __slots__ = ("values", "_beginnings", "_narrowed_values")

    def __init__(self, values: list[str], beginnings: list[list[str]] | None = None) -> None:
        super().__init__(_alternation(values))
        self.values = values
        #: each value's literal beginnings, read on first use (not at start-up)
        self._beginnings: list[list[str]] | None | bool = beginnings if beginnings is not None else False
        self._narrowed_values = 0  # values compiled into `narrowed` alternations so far
        if any(_GROUPS.search(value) for value in values):
            # group numbers run across the values: only the whole alternation means what they
            # say (and two values may name a group alike, which it refuses now, as it always did)
            self._regex = re.compile(self.pattern, re.IGNORECASE)

    @property
    def folded(self) -> re.Pattern[str] | None:
        """The case-sensitive twin (`CaselessPattern.folded`), with the values grouped by their
        first character when each starts with one (`_grouped_alternation`)."""
        if self._folded is False:
            grouped = _grouped_alternation(self.values)
            if grouped is None:
                return super().folded
            self._folded = re.compile(grouped) if safe_source(self.pattern) else None
        return self._folded  # type: ignore[return-value]

    @property
    def beginnings(self) -> list[list[str]] | None:
        """Each value's lower-case literal beginnings; None when one value has none."""
        if self._beginnings is False:
            found = [_literal_beginnings(value) for value in self.values]
            self._beginnings = None if any(b is None for b in found) else found  # type: ignore[misc]
        return self._beginnings  # type: ignore[return-value]

    def _scanner(self, low: str) -> re.Pattern[str] | None:
        beginnings = self.beginnings
        if beginnings is not None and not any(b in low for starts in beginnings for b in starts):
            return None
        return self.regex

    def narrowed(self, texts: Iterable[str]) -> "PhrasePattern":
        """This pattern for scanning `texts` (a post's): the alternation of only the values whose
        beginnings some of them holds, compiled now (one small compile a post); itself when a
        value has no beginning, a text is not safely lower-cased, or posts' alternations have
        added up to half the list (a long run: the whole is compiled once, and its twin later)."""
        beginnings = self.beginnings
        if beginnings is None or self._regex is not None or self._narrowed_values * 2 >= len(self.values):
            return self
        lows = [lowered(text) for text in texts]
        if any(low is None for low in lows):
            return self
        kept = [i for i, starts in enumerate(beginnings) if any(b in low for low in lows for b in starts)]  # type: ignore[operator]
        self._narrowed_values += len(kept)
        narrowed = PhrasePattern([self.values[i] for i in kept], [beginnings[i] for i in kept])
        if kept:
            narrowed._regex = re.compile(narrowed.pattern, re.IGNORECASE)
        else:  # an alternation of nothing is never scanned: no twin (a twin of it matches the empty string)
            narrowed._folded = None
        return narrowed


def _literal_beginnings(value: str) -> list[str] | None:
    """The literal text every match of `value` starts with (one per top-level branch, or per
    branch of a leading group), lower case; None when a branch starts with anything but two
    literal ASCII characters. Read from the pattern's source: a character a quantifier follows
    is not part of the literal beginning, nor is anything after a character `re` gives a
    meaning to (sets, escapes of letters and digits, groups other than `(…)` and `(?:…)`)."""
    runs = [value] if _SPECIAL.isdisjoint(value) else _branch_runs(value)  # a plain word or phrase: all of it
    if not runs or any(len(run) < 2 or not run.isascii() for run in runs):
        return None
    return [run.lower() for run in runs]


def _branch_runs(value: str) -> list[str] | None:
    """The literal run each top-level branch of `value` (or each branch of a leading group)
    starts with; None when a match may start after an optional group."""
    runs: list[str] = []
    for branch in _top_level_branches(value):
        group = _leading_group(branch)
        if group is not None:
            inner, rest = group
            if rest[:1] in ("?", "*", "{"):
                return None  # an optional group: a match may start after it
            runs.extend(_literal_run(sub) for sub in _top_level_branches(inner))
        else:
            runs.append(_literal_run(branch))
    return runs


def _top_level_branches(pattern: str) -> list[str]:
    """`pattern` split at each `|` outside groups, sets and escapes."""
    cuts = [i for i, char, depth in _outside_sets(pattern) if char == "|" and depth == 0]
    return [pattern[a + 1 : b] for a, b in zip([-1, *cuts], [*cuts, len(pattern)])]


def _leading_group(branch: str) -> tuple[str, str] | None:
    """(what is inside, what follows) of a `(…)` or `(?:…)` group `branch` starts with."""
    if branch.startswith("(?:"):
        opened = 3
    elif branch.startswith("(") and not branch.startswith("(?"):
        opened = 1
    else:
        return None
    for i, char, depth in _outside_sets(branch):
        if char == ")" and depth == 0:
            return branch[opened:i], branch[i + 1 :]
    return None


def _outside_sets(pattern: str) -> Iterator[tuple[int, str, int]]:
    """(index, character, group depth after it) of each character outside sets and escapes."""
    depth, i, in_set = 0, 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if in_set:
            in_set = char != "]"
        elif char == "[":
            in_set = True
            i += 1 + pattern.startswith("^", i + 1)
            i += pattern.startswith("]", i)  # a leading `]` is a literal
            continue
        else:
            depth += (char == "(") - (char == ")")
            yield i, char, depth
        i += 1


#: characters with a meaning in a regex outside a set
_SPECIAL = frozenset("\\.^$*+?{}[]|()")


def _literal_run(branch: str) -> str:
    """The literal characters `branch` starts with, escapes of punctuation included."""
    chars: list[str] = []
    i = 0
    while i < len(branch):
        char = branch[i]
        if char == "\\" and i + 1 < len(branch) and not (branch[i + 1].isalnum() or branch[i + 1] == "_"):
            chars.append(branch[i + 1])
            i += 2
            continue
        if char in _SPECIAL:
            if char in "?*{" and chars:
                chars.pop()  # the last character may be absent or repeated: not a fixed beginning
            break
        chars.append(char)
        i += 1
    return "".join(chars)


def compile_patterns(values: Any, where: str, field_name: str) -> list[re.Pattern[str]]:
    """Words or regexes, matched case-insensitively at word boundaries."""
    return [_word_pattern(value) for value in validate_patterns(values, where, field_name)]


def validate_patterns(values: Any, where: str, field_name: str, checked: Collection[str] = ()) -> list[str]:
    """The field as a list of words or regexes, each one known to compile (else `PackError`).

    Plain words and phrases (letters, digits, spaces, hyphens, apostrophes, commas)
    are literals that always compile, and `checked` patterns are known to (those of
    the shipped packs, which the test suite validates); only the others are compiled
    here, one by one, for an error that names the culprit: `re` compiles at about
    10 patterns per ms and a style pack has dozens of words.
    """
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise PackError(f"{where}: field `{field_name}` must be a list of strings")
    for value in values:
        if value in checked or _PLAIN_WORDS.fullmatch(value):
            continue
        try:
            re.compile(value)  # alone: `ab)(` compiles inside the word boundaries, not alone
            if _INLINE_FLAG.search(value):  # `(?i)` compiles alone but not inside the word boundaries
                _word_pattern(value)
        except re.error as exc:
            raise PackError(f"{where}: field `{field_name}`: invalid pattern {value!r}: {exc}") from None
        refuse_slow(value, where, field_name)
    return values


def refuse_slow(pattern: str, where: str, field_name: str) -> None:
    """`PackError` for a pattern that can backtrack for ever (`regexguard`): refused at load,
    so no run hangs on it."""
    from ..model.regexguard import risk  # only for patterns not known to be safe: not on every run

    problem = risk(pattern)
    if problem:
        raise PackError(
            f"{where}: field `{field_name}`: pattern {pattern!r} can take exponential time: {problem}; "
            "rewrite it without the nested repetition, or make the group atomic `(?>…)`"
        )


_PLAIN_WORDS = re.compile(r"[\w\s'’,-]*")
#: a named group, a reference to a group (by name or number) or a conditional: a lookalike
#: (`\\1`, an escaped backslash and a digit) only costs compiling the whole alternation
_GROUPS = re.compile(r"\(\?P[<=]|\(\?\(|\\[1-9]")
#: where a pattern may set flags (`(?i)`, `(?a-i:…)`), the one thing a pattern that compiles
#: alone may not do inside the word boundaries; a lookalike in a set or after `\(` only costs
#: a second compile
_INLINE_FLAG = re.compile(r"\(\?[aiLmsux-]")


def _word_pattern(value: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{value})(?![\w-])", re.IGNORECASE)
