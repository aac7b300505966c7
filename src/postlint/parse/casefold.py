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

Whether a pattern qualifies is read from its source (`safe_source`), with the
public syntax of `re` only, and conservatively: what it cannot vouch for keeps
IGNORECASE. On 400 corpus posts (4.9 MB of paragraphs) the twins scan the weak
words, CTA phrases and passive-voice patterns 1.6 to 2.6 times as fast.
"""

from __future__ import annotations

import re
from typing import Iterator

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
    if text.isascii():  # known without a scan: none of `_UNFOLDED`, and `lower` keeps the length
        return text.lower()
    if "ı" in text or "ſ" in text or "İ" in text:  # `_UNFOLDED`, spelled out: this runs for every paragraph
        return None
    low = text.lower()
    return low if len(low) == len(text) else None


def folded(regex: re.Pattern[str]) -> re.Pattern[str] | None:
    """The case-sensitive twin of a case-insensitive `regex`, or None when it has none."""
    if not regex.flags & re.IGNORECASE or regex.flags & re.VERBOSE or not isinstance(regex.pattern, str):
        return None
    if not safe_source(regex.pattern):
        return None
    return re.compile(regex.pattern, regex.flags & ~re.IGNORECASE)


def _safe_char(char: str) -> bool:
    return "a" <= char <= "z" or (char.lower() == char == char.upper() and char not in _UNFOLDED)


#: escapes that stand for a class of characters or a position, none of which depends on case
_CLASS_ESCAPES = frozenset("wWsSdDbBAZ")
#: escapes of control characters (`\b` in a set is a backspace)
_CONTROL_ESCAPES = frozenset("abfnrtv")
#: what may follow `(?` : non-capturing, look-around, named and atomic groups
_GROUP_OPENERS = (":", "=", "!", "<=", "<!", ">", "P<")


def safe_source(pattern: str) -> bool:
    """Whether a regex, as written, matches the same case-sensitively in lower-cased text as it
    does case-insensitively in the text (see the module doc).

    Read from the pattern's source with the public syntax of `re`, conservatively:
    its letters must be lower-case ASCII (ranges too), every other character
    uncased; escapes may be `\\w`-style classes, anchors, control characters,
    escaped punctuation and `\\x`/`\\u`/`\\U` codes of safe characters. Groups
    may be plain, non-capturing, look-around, named or atomic; back-references,
    conditionals, comments, inline flags and anything else answer False.
    """
    size = len(pattern)
    i = 0
    in_set = False
    while i < size:
        char = pattern[i]
        if char == "\\":
            code, i = _escape(pattern, i, in_set)
            if code is None:
                return False
            if len(code) == 1 and not _safe_char(code):
                return False
            if in_set and i < size - 1 and pattern[i] == "-" and pattern[i + 1] != "]":
                return False  # a range from an escape: not worth reading
            continue
        if in_set:
            if char == "]":
                in_set = False
                i += 1
                continue
            if i + 2 < size and pattern[i + 1] == "-" and pattern[i + 2] != "]":
                if pattern[i + 2] == "\\" or not _safe_range(char, pattern[i + 2]):
                    return False
                i += 3
                continue
            if not _safe_char(char):
                return False
            i += 1
            continue
        if char == "[":
            in_set = True
            i += 1
            if i < size and pattern[i] == "^":
                i += 1
            if i < size and pattern[i] == "]":  # a leading `]` is a literal
                i += 1
            continue
        if char == "(" and pattern.startswith("?", i + 1):
            opener = next((o for o in _GROUP_OPENERS if pattern.startswith(o, i + 2)), None)
            if opener is None:
                return False  # inline flags, comments, conditionals, `(?P=name)` back-references
            i += 2 + len(opener)
            if opener == "P<":
                close = pattern.find(">", i)
                if close < 0 or not pattern[i:close].isidentifier():
                    return False
                i = close + 1
            continue
        if not _safe_char(char):
            return False
        i += 1
    return not in_set


def _escape(pattern: str, at: int, in_set: bool) -> tuple[str | None, int]:
    """The escape at `pattern[at]` (a backslash): ("class", end) for a class or an anchor, (the
    character, end) for one character, (None, end) for anything else."""
    if at + 1 >= len(pattern):
        return None, at + 1
    char = pattern[at + 1]
    if char in _CLASS_ESCAPES and not (in_set and char in "bBAZ"):
        return "class", at + 2
    if char in _CONTROL_ESCAPES:
        return "\n", at + 2  # any uncased character stands for them
    if char in "xuU":
        width = {"x": 2, "u": 4, "U": 8}[char]
        digits = pattern[at + 2 : at + 2 + width]
        if len(digits) != width or any(c not in "0123456789abcdefABCDEF" for c in digits):
            return None, at + 2
        return chr(int(digits, 16)), at + 2 + width
    if char.isalnum() or char == "_":
        return None, at + 2  # back-references, octal codes, `\N{…}`, anything newer
    return char, at + 2


def _safe_range(low: str, high: str) -> bool:
    if "a" <= low <= high <= "z":
        return True
    if ord(high) - ord(low) > _RANGE_CHECKED:
        return False  # a wide range (all of a script, say) is not checked char by char
    return all(_safe_char(chr(code)) for code in range(ord(low), ord(high) + 1))


class CaselessPattern:
    """A case-insensitive regex that scans lower-case copies of texts when it safely can.

    Offers what the rules use: `finditer`, `search` and `pattern`; the matches
    are always the case-insensitive regex's own, on the text as written.
    """

    __slots__ = ("_regex", "pattern", "_folded", "_scanned")

    def __init__(self, regex: re.Pattern[str] | str) -> None:
        """`regex`: a case-insensitive pattern, or its source (compiled with IGNORECASE on first use)."""
        self._regex = regex if isinstance(regex, re.Pattern) else None
        self.pattern: str = regex.pattern if isinstance(regex, re.Pattern) else regex
        self._folded: re.Pattern[str] | None | bool = False  # built when it pays: see `twin`
        self._scanned = 0

    @property
    def regex(self) -> re.Pattern[str]:
        """The case-insensitive pattern."""
        if self._regex is None:
            self._regex = re.compile(self.pattern, re.IGNORECASE)
        return self._regex

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

    def _scanner(self, low: str) -> re.Pattern[str] | None:
        """The case-insensitive pattern that finds this pattern's matches in the text of `low`
        (its lower-cased copy), for a pattern without a twin; None when the text certainly holds
        none (subclasses know cheap tests; a twin's own scan is as quick as they are)."""
        return self.regex

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        low = lowered(text)
        if low is None:
            return self.regex.finditer(text)
        twin = self.twin(low)
        if twin is not None:
            first = twin.search(low)  # most texts hold no match: no generator for them
            return iter(()) if first is None else _as_written(self.regex, text, twin.finditer(low, first.start()))
        scanner = self._scanner(low)
        return iter(()) if scanner is None else scanner.finditer(text)

    def contains(self, text: str) -> bool:
        """Whether `search` finds a match: with the twin alone when the pattern has one, built at
        once (compiling it costs a fraction of the case-insensitive pattern: a run that only asks
        this never compiles that one)."""
        low = lowered(text)
        if low is not None and self._regex is None and self._folded is False:
            self._folded = re.compile(self.pattern) if safe_source(self.pattern) else None
        if low is not None and isinstance(self._folded, re.Pattern):
            return self._folded.search(low) is not None
        return self.search(text) is not None

    def search(self, text: str) -> re.Match[str] | None:
        low = lowered(text)
        if low is None:
            return self.regex.search(text)
        twin = self.twin(low)
        if twin is not None:
            found = twin.search(low)
            return self.regex.match(text, found.start()) if found is not None else None
        scanner = self._scanner(low)
        return None if scanner is None else scanner.search(text)


def _as_written(regex: re.Pattern[str], text: str, found: Iterator[re.Match[str]]) -> Iterator[re.Match[str]]:
    """The case-insensitive match at each start the twin found (the same span, on `text`)."""
    match = regex.match
    for hit in found:
        again = match(text, hit.start())
        if again is not None:  # always: the two patterns match the same here
            yield again
