"""Words and sentences of English prose: the tokenisation every language rule shares."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass

WORD_RE = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*", re.UNICODE)
URL_RE = re.compile(r"\b(?:https?://|www\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"]", re.IGNORECASE)

#: Words after which a period does not end a sentence (lower case, without the period).
ABBREVIATIONS = frozenset(
    """
    e.g i.e etc vs cf al approx ca dr mr mrs ms prof sr jr st mt ft
    inc ltd co corp dept jan feb apr jun jul aug sep sept oct nov dec
    mon tue thu fri a.m p.m u.s u.k e.u ph.d
    """.split()
)
#: Abbreviations that are also everyday words ("I said no."): only before a number ("No. 5").
NUMBER_ABBREVIATIONS = frozenset("no nos fig figs vol vols pp ch sec art".split())
#: Abbreviations that often end a sentence: a capital after them starts a new one.
FINAL_ABBREVIATIONS = frozenset("etc al".split())

_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+|$)")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: its text, its offset in the block text and its words.

    The words are interned (`sys.intern`): a long post repeats a few thousand words
    millions of times, and each one is then kept once, not once per use.
    """

    text: str
    start: int
    words: tuple[str, ...]


def words(text: str) -> list[str]:
    """The words of `text`: runs of letters and digits, joined by inner hyphens or apostrophes."""
    return WORD_RE.findall(text)


def split_sentences(text: str) -> list[Sentence]:
    """Split a block of prose into sentences.

    Abbreviations ("e.g.", "Dr."), initials ("J. R. R."), decimals and versions
    ("v1.2", "3.5") and ellipses followed by a lower-case word do not end a
    sentence. A block without final punctuation (a list item) is one sentence.
    """
    result: list[Sentence] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if not _ends_sentence(text, match.start(), end):
            continue
        _append(result, text, start, end)
        start = end
    _append(result, text, start, len(text))
    return result


_NEXT = re.compile(r"\s*(\S)")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def _ends_sentence(text: str, mark: int, end: int) -> bool:
    # look at bounded windows around the mark: copying `text[:mark]` or `text[end:]`
    # for every full stop would make long blocks quadratic
    punct = text[mark:end]
    following = _NEXT.match(text, end)
    if following is None:
        return True
    rest = following.group(1)
    if "." in punct and not any(c in punct for c in "!?"):
        word_match = _WORD_BEFORE.search(text, max(0, mark - 64), mark)
        word = word_match.group(1).lower() if word_match else ""
        bare = word.rstrip(".")
        if bare in NUMBER_ABBREVIATIONS:
            return not rest[0].isdigit()
        if bare in FINAL_ABBREVIATIONS:
            return rest[0].isupper()
        if word in ABBREVIATIONS or bare in ABBREVIATIONS:
            return False
        if len(word) == 1 and word.isalpha():  # an initial: "J. Smith"
            return False
    first = rest[0]
    if first.islower():
        return False
    return True


def _append(result: list[Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    offset = start + (len(chunk) - len(chunk.lstrip()))
    found = tuple(map(sys.intern, WORD_RE.findall(stripped)))
    if found:
        result.append(Sentence(stripped, offset, found))
