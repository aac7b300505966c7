"""Case-insensitive regexes, run as case-sensitive ones over a lower-case copy of the text.

`re` matches a case-insensitive pattern several times slower than a
case-sensitive one: each letter of the pattern is compared through Unicode
case tables. The language rules run a few such patterns (weak wording, calls
to action, the passive voice) over every paragraph of every post. When

- the pattern's letters are lower-case ASCII (in literals and `[a-z]`-style
  ranges), it holds no other cased character, no back-reference and no inline
  flag, and
- lower-casing the text keeps its length, and it holds none of `ı`, `ſ`, `İ`
  (which `re.IGNORECASE` equates with `i`, `s` and `i` but `str.lower` does not),

the case-sensitive pattern finds in `text.lower()` exactly the spans the
case-insensitive one finds in `text` (`\\w`, `\\s`, `\\d` and word boundaries
do not depend on case). `CaselessPattern` does that, and hands out the
case-insensitive pattern's own match at each span found, so callers see
ordinary `re.Match` objects on the text as written. Any other pattern or text
takes the case-insensitive path.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

#: characters `re.IGNORECASE` equates with an ASCII letter that `str.lower` does not map to it
_UNFOLDED = ("ı", "ſ", "İ")
#: characters a pattern scans case-insensitively before its twin is built (a one-post run
#: never needs it: compiling it would cost more than it saves)
FOLD_AFTER = 200_000
#: the widest character range checked one character at a time
_RANGE_CHECKED = 4096


def lowered(text: str) -> str | None:
    """`text.lower()`, or None when matching it case-sensitively would not be matching `text`
    case-insensitively (see the module doc)."""
    if "ı" in text or "ſ" in text or "İ" in text:  # `_UNFOLDED`, spelled out: this runs for every paragraph
        return None
    low = text.lower()
    return low if len(low) == len(text) else None


def folded(regex: re.Pattern[str]) -> re.Pattern[str] | None:
    """The case-sensitive twin of a case-insensitive `regex`, or None when it has none."""
    if not regex.flags & re.IGNORECASE or not isinstance(regex.pattern, str):
        return None
    try:
        from re import _constants as sre  # type: ignore[attr-defined]  # private, hence the fallback below
        from re import _parser as parser  # type: ignore[attr-defined]

        tree = parser.parse(regex.pattern, regex.flags)
        if not _safe(tree.data, sre):
            return None
        return re.compile(regex.pattern, regex.flags & ~re.IGNORECASE)
    except Exception:  # pragma: no cover - a Python whose private regex parser differs: keep IGNORECASE
        return None


def _safe_char(code: int) -> bool:
    char = chr(code)
    return "a" <= char <= "z" or (char.lower() == char == char.upper() and char not in _UNFOLDED)


def _safe(items: Any, sre: Any) -> bool:
    """Whether a parsed (sub)pattern matches the same under both rules (see the module doc)."""
    for op, arg in items:
        if op in (sre.LITERAL, sre.NOT_LITERAL):
            if not _safe_char(arg):
                return False
        elif op is sre.IN:
            for item_op, item in arg:
                if item_op in (sre.LITERAL, sre.NOT_LITERAL):
                    if not _safe_char(item):
                        return False
                elif item_op is sre.RANGE:
                    low, high = item
                    if ord("a") <= low <= high <= ord("z"):
                        continue
                    if high - low > _RANGE_CHECKED or not all(_safe_char(c) for c in range(low, high + 1)):
                        return False  # a wide range (all of a script, say) is not checked char by char
                elif item_op not in (sre.NEGATE, sre.CATEGORY):
                    return False
        elif op in (sre.ANY, sre.AT, sre.CATEGORY):
            continue
        elif op is sre.BRANCH:
            if not all(_safe(branch, sre) for branch in arg[1]):
                return False
        elif op is sre.SUBPATTERN:
            _group, add_flags, del_flags, sub = arg
            if add_flags or del_flags or not _safe(sub, sre):
                return False
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
            if not _safe(arg[2], sre):
                return False
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            if not _safe(arg[1], sre):
                return False
        elif op is getattr(sre, "ATOMIC_GROUP", None):
            if not _safe(arg, sre):
                return False
        else:  # back-references, conditionals, anything newer: keep IGNORECASE
            return False
    return True


class CaselessPattern:
    """A case-insensitive regex that scans lower-case copies of texts when it safely can.

    Offers what the rules use: `finditer`, `search` and `pattern`; the matches
    are always the case-insensitive regex's own, on the text as written.
    """

    __slots__ = ("regex", "pattern", "_folded", "_scanned")

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex = regex
        self.pattern = regex.pattern
        self._folded: re.Pattern[str] | None | bool = False  # built when it pays: see `twin`
        self._scanned = 0

    @property
    def folded(self) -> re.Pattern[str] | None:
        """The case-sensitive twin (see `folded`), built on first use."""
        if self._folded is False:
            self._folded = folded(self.regex)
        return self._folded  # type: ignore[return-value]

    def twin(self, low: str) -> re.Pattern[str] | None:
        """The twin, once this pattern has scanned `FOLD_AFTER` characters: parsing the pattern
        and compiling it again costs more than a few posts' worth of slower scanning."""
        if self._folded is False:
            self._scanned += len(low)
            if self._scanned < FOLD_AFTER:
                return None
        return self.folded

    def _skip(self, low: str) -> bool:
        """Whether a lower-cased text certainly holds no match, for a pattern without a twin
        (subclasses know cheap tests; a twin's own scan is as quick as they are)."""
        return False

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        low = lowered(text)
        if low is None:
            return self.regex.finditer(text)
        twin = self.twin(low)
        if twin is not None:
            first = twin.search(low)  # most texts hold no match: no generator for them
            return iter(()) if first is None else _as_written(self.regex, text, twin.finditer(low, first.start()))
        return iter(()) if self._skip(low) else self.regex.finditer(text)

    def search(self, text: str) -> re.Match[str] | None:
        low = lowered(text)
        if low is None:
            return self.regex.search(text)
        twin = self.twin(low)
        if twin is not None:
            found = twin.search(low)
            return self.regex.match(text, found.start()) if found is not None else None
        return None if self._skip(low) else self.regex.search(text)


def _as_written(regex: re.Pattern[str], text: str, found: Iterator[re.Match[str]]) -> Iterator[re.Match[str]]:
    """The case-insensitive match at each start the twin found (the same span, on `text`)."""
    match = regex.match
    for hit in found:
        again = match(text, hit.start())
        if again is not None:  # always: the two patterns match the same here
            yield again
