"""Words and sentences of English prose: the tokenisation every language rule shares."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from typing import Callable

WORD_RE = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*", re.UNICODE)
#: `WORD_RE` for ASCII text, where it finds the same words: the letters and digits of ASCII are
#: `[^\W_]` there, and `’` is no ASCII; ranges test a character in a table, where `[^\W_]` asks
#: Unicode's tables about each (a quarter of the instructions of the scan)
_ASCII_WORD_RE = re.compile(r"[A-Za-z0-9]+(?:[-'.][A-Za-z0-9]+)*")
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

#: the end of a possible sentence: stops, then closing quotes or brackets, then white space or the
#: end; the lookahead also captures the first character after the white space (None at the end).
#: It starts only where a run of stops starts (the lookbehind after its first stop, so that `re`
#: still skips to the next stop quickly), and takes the run whole (`*+`): a shorter run
#: or a start inside it is followed by a stop, never by white space, so it could not match either,
#: and trying each would make a long run of stops before a letter quadratic ("a.....x")
_BOUNDARY = re.compile(r"[.!?…](?<![.!?…].)[.!?…]*+[\"'”’)\]]*+(?=(?:\s+|$)(?:\s*(\S))?)")


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
    find_words = _ASCII_WORD_RE.findall if text.isascii() else WORD_RE.findall
    for match in _BOUNDARY.finditer(text):
        punct, first = match.group(0, 1)
        if first is not None:  # else the text ends here: so does the sentence
            if "." in punct and "!" not in punct and "?" not in punct:
                if not _full_stop_ends(text, match.start(), first):
                    continue
            elif first.islower():
                continue
        end = match.end()
        _append(result, text, start, end, find_words)
        start = end
    _append(result, text, start, len(text), find_words)
    return result


#: a run of word characters and full stops, matched on the reversed text before a mark
_RUN = re.compile(r"[\w.]+")
#: how far back the word before a full stop is looked for
_WORD_WINDOW = 64


def word_before(text: str, mark: int) -> str:
    """The run of word characters and full stops that ends at `mark` (or just before a newline
    there), at most `_WORD_WINDOW` characters long; "" when there is none.

    Most often it is a word of letters after a space (or the window's start): that is taken
    as is. Else it is found on the reversed window: one anchored match, where searching the
    window forwards for a run that ends at `mark` tries a match at every position of it."""
    low = max(0, mark - _WORD_WINDOW)
    space = text.rfind(" ", low, mark)
    word = text[space + 1 if space >= 0 else low : mark]
    if word.isalpha():  # letters are word characters, and a space is none: the whole run
        return word
    end = mark - 1 if mark > low and text[mark - 1] == "\n" else mark  # `$` matches before a final newline
    found = _RUN.match(text[low:end][::-1])
    return text[end - found.end() : end] if found else ""


def _full_stop_ends(text: str, mark: int, first: str) -> bool:
    """Whether full stops at `mark` (no `!` or `?` among them) end a sentence, `first` being the
    next character after the white space that follows them."""
    word = word_before(text, mark).lower()
    bare = word.rstrip(".")
    if bare in NUMBER_ABBREVIATIONS:
        return not first.isdigit()
    if bare in FINAL_ABBREVIATIONS:
        return first.isupper()
    if word in ABBREVIATIONS or bare in ABBREVIATIONS:
        return False
    if len(word) == 1 and word.isalpha():  # an initial: "J. Smith"
        return False
    return not first.islower()


_new = object.__new__
_set_text, _set_start, _set_words = Sentence.text.__set__, Sentence.start.__set__, Sentence.words.__set__  # type: ignore[attr-defined]


def _append(result: list[Sentence], text: str, start: int, end: int, find_words: Callable[[str], list[str]]) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    found = tuple(map(sys.intern, find_words(stripped)))
    if found:
        # a `Sentence` made without its frozen `__init__` (three `object.__setattr__` calls):
        # the same object, in half the time, and a post has a sentence every dozen words
        sentence = _new(Sentence)
        _set_text(sentence, stripped)
        _set_start(sentence, start + (len(chunk) - len(chunk.lstrip())))
        _set_words(sentence, found)
        result.append(sentence)
