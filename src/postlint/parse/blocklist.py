"""A post's prose blocks as a sequence that keeps a huge post's blocks as columns of numbers.

A list of 1.5 million links is 1.5 million blocks: as `Block` objects, each with its line
numbers, its text and its sentences kept, they took about 700 bytes an item, most of a 50 MB
list's 2 GB (issue #19). `BlockList` keeps a post's first `KEEP` blocks as they are (a normal
post's rules read the same objects, their sentences split once); past that it keeps each block
of one line whose text is typed as it reads in its line (a list item, a quote's line, a table
cell) as its kind and four numbers, and makes its `Block` (equal to the walk's) each time it is
read; any other as its `Block`. A block made on reading keeps its sentences only as long as the
reader keeps it: a huge post's sentences are split again on each pass over them, never all kept.
"""

from __future__ import annotations

from array import array
from itertools import chain
from typing import Callable, Collection, Generic, Iterable, Iterator, Protocol, Sequence, TypeVar

from .madeseq import MadeOnReading
from .prose import Sentence

#: a block's kinds, in the order of their codes in the kinds column
KINDS = ("paragraph", "list_item", "blockquote", "table_cell", "heading")
_CODES = {kind: code for code, kind in enumerate(KINDS)}
#: what a column of `array("i")` holds
_LIMIT = 2**31
#: the row of a block kept whole
_EMPTY_ROW = (0, 0, 0, 0)


class _Block(Protocol):
    kind: str
    text: str
    prose: str
    line: int
    end_line: int
    section: int
    breaks: Sequence[tuple[int, int]]
    _word_count: int

    @property
    def word_count(self) -> int: ...


B = TypeVar("B", bound=_Block)


class _Made(MadeOnReading[B]):
    """A sequence of blocks, each made on reading (`_get`)."""

    __slots__ = ()
    _noun = "block"

    def __repr__(self) -> str:
        return f"{type(self).__name__}({len(self)} blocks)"


class BlockList(_Made[B], Generic[B]):
    """The blocks of a parse, in the order the walk found them (`append`); `make(kind, text,
    prose, line, end_line, section)` makes a block (the `Block` class: it is defined with `Post`)."""

    __slots__ = ("_lines", "_make", "_kept", "_kinds", "_rows", "_whole", "_size", "_counts")

    #: a post of at most this many blocks keeps them as they are (`readable`)
    KEEP = 10_000
    #: numbers a row: line, section, where the text starts in the line, its length
    WIDTH = 4

    def __init__(self, lines: Sequence[str], make: Callable[[str, str, str, int, int, int], B]) -> None:
        self._lines = lines
        self._make = make
        self._kept: list[B] | None = []
        self._kinds = bytearray()
        self._rows = array("i")
        self._whole: dict[int, B] = {}
        self._size = 0
        self._counts: "array[int] | None" = None

    def __len__(self) -> int:
        return self._size if self._kept is None else len(self._kept)

    def append(self, block: B) -> None:
        kept = self._kept
        if kept is None:
            self._add(block)
            return
        kept.append(block)
        if len(kept) > self.KEEP:  # a huge post: its blocks as columns from now on
            self._kept = None
            for each in kept:
                self._add(each)

    def _add(self, block: B) -> None:
        """Keep `block` as a row when its text is typed as it reads on its one line, else whole."""
        self._kinds.append(_CODES[block.kind])
        line, text = block.line, block.text
        at = -1
        if not block.breaks and block.end_line == line and block.prose == text and 0 < line <= len(self._lines) and len(self._lines[line - 1]) < _LIMIT:
            at = self._lines[line - 1].find(text)
        if at >= 0:
            self._rows.extend((line, block.section, at, len(text)))
        else:
            self._rows.extend(_EMPTY_ROW)
            self._whole[self._size] = block
        self._size += 1

    def _get(self, index: int) -> B:
        if self._kept is not None:
            return self._kept[index]
        whole = self._whole.get(index)
        if whole is not None:
            return whole
        at = index * self.WIDTH
        line, section, start, length = self._rows[at : at + self.WIDTH]
        text = self._lines[line - 1][start : start + length]
        block = self._make(KINDS[self._kinds[index]], text, text, line, line, section)
        if self._counts is not None:
            block._word_count = self._counts[index]
        return block

    def __iter__(self) -> Iterator[B]:
        if self._kept is not None:
            return iter(self._kept)
        return self._each()

    def _each(self) -> Iterator[B]:
        """Each block in order, its row read in step with the others (a huge post's blocks are read
        a dozen times: `_get` for each would slice the rows each time)."""
        rows = iter(self._rows)
        lines, make, kinds, whole, counts = self._lines, self._make, self._kinds, self._whole, self._counts
        for index, (line, section, start, length) in enumerate(zip(rows, rows, rows, rows)):
            if whole and index in whole:
                yield whole[index]
                continue
            text = lines[line - 1][start : start + length]
            block = make(KINDS[kinds[index]], text, text, line, line, section)
            if counts is not None:
                block._word_count = counts[index]
            yield block

    def count_words(self) -> None:
        """Count each block's words once, for a post of more than `KEEP` blocks: each block made on
        reading then has its `word_count` (4 bytes a block) without splitting its sentences again."""
        if self._kept is None and self._counts is None:
            self._counts = array("i", (block.word_count for block in self))

    def readable(self) -> Sequence[B]:
        """What `Post.blocks` gives: the list of blocks of a post of at most `KEEP`, else this
        sequence, each block made as it is read."""
        return self._kept if self._kept is not None else self

    def where(self, kinds: Iterable[str]) -> Sequence[B]:
        """The blocks of these kinds, in order: a list for a post of at most `KEEP` blocks, else a
        sequence that reads them from this one (their places as numbers)."""
        wanted = frozenset(kinds)
        if self._kept is not None:
            return [block for block in self._kept if block.kind in wanted]
        codes = bytes(code for kind, code in _CODES.items() if kind in wanted)
        if not self._kinds.translate(None, codes):  # every block is of these kinds
            return self
        places = array("i", (index for index, code in enumerate(self._kinds) if code in codes))
        return _Chosen(self, places)


class _Chosen(_Made[B]):
    """Some blocks of a `BlockList`, given by their places in it."""

    __slots__ = ("_blocks", "_places")

    def __init__(self, blocks: BlockList[B], places: "array[int]") -> None:
        self._blocks, self._places = blocks, places

    def __len__(self) -> int:
        return len(self._places)

    def _get(self, index: int) -> B:
        return self._blocks._get(self._places[index])

    def __iter__(self) -> Iterator[B]:
        return map(self._blocks._get, self._places)


class _Sentenced(Protocol):
    @property
    def sentences(self) -> list[Sentence]: ...


S = TypeVar("S", bound=_Sentenced)


class SentencePairs(Collection[tuple[S, Sentence]]):
    """(block, sentence) of each sentence of some blocks, in order, made on each pass: the pairs of
    a huge post's blocks, never all kept. Its length and each sentence's number of words
    (`lengths`) are counted in one pass, on the first ask."""

    __slots__ = ("_blocks", "_lengths")

    def __init__(self, blocks: Sequence[S]) -> None:
        self._blocks = blocks
        self._lengths: "array[int] | None" = None

    def __iter__(self) -> Iterator[tuple[S, Sentence]]:
        for block in self._blocks:
            for sentence in block.sentences:
                yield block, sentence

    def words(self) -> Iterator[str]:
        """Every word of the sentences, in order; a first pass to the end also counts each
        sentence's words (`lengths`: a huge post's sentences split once for both)."""
        if self._lengths is not None:
            return chain.from_iterable(sentence.words for _, sentence in self)
        return self._counting()

    def _counting(self) -> Iterator[str]:
        lengths = array("i")
        for _, sentence in self:
            lengths.append(len(sentence.words))
            yield from sentence.words
        self._lengths = lengths

    def lengths(self) -> "array[int]":
        """The number of words of each sentence, in order (4 bytes a sentence)."""
        if self._lengths is None:
            self._lengths = array("i", (len(sentence.words) for _, sentence in self))
        return self._lengths

    def __len__(self) -> int:
        return len(self.lengths())

    def __contains__(self, pair: object) -> bool:
        return any(each == pair for each in self)
