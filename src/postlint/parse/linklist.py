"""A post's links: `Link`, and the sequences that hold a post's links as columns of numbers.

A link roundup has a million links; as `Link` objects with their URL and text strings they
took about eight times the text of the post (issue #19). `ParsedLinks` keeps most links as
six numbers each, and the URL and text as where they are typed in the post's lines (a link
`[text](url)` on one line whose text and URL read as typed, the usual kind); any other link is
kept as its `Link`. `PackedLinks` keeps the URLs and texts a record for later holds (see
`engine.twostep`) and the positions as numbers. Both are sequences of `Link`: each link is
made when it is read, equal to the one the walk found, and not kept (but for a post of few
links: `ParsedLinks.readable`).
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, fields
from itertools import repeat
from typing import Iterator, Sequence

from .madeseq import MadeOnReading

#: what a column of `array("i")` holds
_LIMIT = 2**31
#: the row of a link kept whole
_EMPTY_ROW = (0, 0, 0, 0, 0, 0)


@dataclass(frozen=True, slots=True)
class Link:
    url: str
    text: str
    line: int
    column: int
    end_line: int
    end_column: int
    kind: str = "inline"  # inline | reference | autolink | html
    title: str = ""
    raw_target: str | None = None  # the destination as typed, when it could be located


_new = object.__new__
_SETTERS = tuple(getattr(Link, field.name).__set__ for field in fields(Link))  # the slots' own setters, in field order


def _plain_link(url: str, text: str, line: int, column: int, end_column: int) -> Link:
    """`Link(url, text, line, column, line, end_column, raw_target=url)`, made without the frozen
    `__init__` (nine `object.__setattr__` calls): the same object in a fifth of the time, and a
    sequence below makes one each time a link is read."""
    link = _new(Link)
    set_url, set_text, set_line, set_column, set_end_line, set_end_column, set_kind, set_title, set_raw = _SETTERS
    set_url(link, url)
    set_text(link, text)
    set_line(link, line)
    set_column(link, column)
    set_end_line(link, line)  # one int object for both (a one-line link)
    set_end_column(link, end_column)
    set_kind(link, "inline")
    set_title(link, "")
    set_raw(link, url)  # the destination is typed as it reads
    return link


class _Links(MadeOnReading[Link]):
    """A sequence of links, each made on reading (`_link`), but those kept whole (`_whole`)."""

    __slots__ = ("_whole",)
    _noun = "link"

    def __init__(self) -> None:
        self._whole: dict[int, Link] = {}

    def __len__(self) -> int:  # pragma: no cover - each subclass's own
        raise NotImplementedError

    def _link(self, index: int) -> Link:  # pragma: no cover - each subclass's own
        raise NotImplementedError

    def _get(self, index: int) -> Link:
        return self._whole.get(index) or self._link(index)

    def __iter__(self) -> Iterator[Link]:
        whole, link = self._whole, self._link
        if not whole:
            return map(link, range(len(self)))
        return (whole.get(index) or link(index) for index in range(len(self)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (_Links, list, tuple)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        shown = ", ".join(map(repr, self[:3]))
        return f"{type(self).__name__}([{shown}{', …' if len(self) > 3 else ''}], {len(self)} links)"


class ParsedLinks(_Links):
    """The links of a parse, in the order the walk found them (`add`).

    A link `[text](url)` on one line, without a title, whose text and URL are typed as they
    read at its position (`lines[line - 1]`: the text just after `[`, the URL where the walk
    found it) is kept as six numbers; any other as its `Link`. Reading one gives a `Link`
    equal to the one added."""

    __slots__ = ("_lines", "_rows", "_size", "_made")

    #: numbers a row: line, column, end column, where the URL starts in the line, its length, the text's length
    WIDTH = 6
    #: a post of at most this many links keeps them once made (`readable`)
    KEEP_MADE = 1000

    def __init__(self, lines: list[str]) -> None:
        super().__init__()
        self._lines = lines
        self._rows = array("i")
        self._size = 0
        self._made: list[Link] | None = None

    def __len__(self) -> int:
        return self._size

    def add(
        self, url: str, text: str, line: int, column: int, end_line: int, end_column: int, kind: str, title: str, raw_target: str | None,
        url_at: int | None,
    ) -> None:
        """Add the link of these fields (those of `Link`); `url_at`: where (0-based) its URL is typed
        in its line, when the walk knows. Its `Link` is made only when it is kept whole."""
        if (
            url_at is not None
            and raw_target == url
            and end_line == line
            and kind == "inline"
            and not title
            and 0 < line <= len(self._lines)
            and end_column < _LIMIT
            and url_at + len(url) < _LIMIT
        ):
            source = self._lines[line - 1]
            if source.startswith(url, url_at) and source.startswith(text, column):
                self._rows.extend((line, column, end_column, url_at, len(url), len(text)))
                self._size += 1
                self._made = None
                return
        self.append(Link(url, text, line, column, end_line, end_column, kind, title, raw_target))

    def append(self, link: Link) -> None:
        """Add `link` as it is (kept whole)."""
        self._rows.extend(_EMPTY_ROW)
        self._whole[self._size] = link
        self._size += 1
        self._made = None

    def _link(self, index: int) -> Link:
        at = index * self.WIDTH
        line, column, end_column, url_at, url_length, text_length = self._rows[at : at + self.WIDTH]
        source = self._lines[line - 1]
        return _plain_link(source[url_at : url_at + url_length], source[column : column + text_length], line, column, end_column)

    def readable(self) -> Sequence[Link]:
        """What `Post.links` gives: for a post of at most `KEEP_MADE` links, a list of them made
        once (the rules read a post's links a dozen times: making each anew would cost a normal
        post more than the walk saved); else this sequence, each link made as it is read."""
        if self._size > self.KEEP_MADE:
            return self
        if self._made is None:
            self._made = list(self)
        return self._made

    def __iter__(self) -> Iterator[Link]:
        rows = iter(self._rows)
        whole, lines = self._whole, self._lines
        for index, (line, column, end_column, url_at, url_length, text_length) in enumerate(zip(*repeat(rows, self.WIDTH))):
            if index in whole:
                yield whole[index]
                continue
            source = lines[line - 1]
            yield _plain_link(source[url_at : url_at + url_length], source[column : column + text_length], line, column, end_column)


class PackedLinks(_Links):
    """Links given as their URLs, texts and positions (four numbers a link: line, column, end
    line, end column), each read as an inline link typed as it reads (its `raw_target` its URL),
    but those given whole (`whole`: index -> `Link`)."""

    __slots__ = ("_urls", "_texts", "_spans")

    def __init__(self, urls: list[str], texts: list[str], spans: "array[int]", whole: dict[int, Link]) -> None:
        super().__init__()
        self._urls, self._texts, self._spans = urls, texts, spans
        self._whole = whole

    def __len__(self) -> int:
        return len(self._urls)

    def _link(self, index: int) -> Link:
        spans, at = self._spans, 4 * index
        line, end_line = spans[at], spans[at + 2]
        if end_line != line:
            return Link(self._urls[index], self._texts[index], line, spans[at + 1], end_line, spans[at + 3], raw_target=self._urls[index])
        return _plain_link(self._urls[index], self._texts[index], line, spans[at + 1], spans[at + 3])
