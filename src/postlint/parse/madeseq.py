"""`MadeOnReading`: a sequence whose items are made each time they are read.

A huge post keeps its links (`linklist`) and blocks (`blocklist`) as columns of numbers; the
sequences that hold them make each `Link` or `Block` when it is read, never all at once.
"""

from __future__ import annotations

from typing import Iterator, Sequence, TypeVar, overload

T = TypeVar("T")


class MadeOnReading(Sequence[T]):
    """A sequence of `len(self)` items, item `index` made by `_get(index)` (0 <= index < len) on
    each read: indexing (negative too), slices (a list) and iteration. `_noun` names an item in
    the `IndexError` of an index out of range."""

    __slots__ = ()
    _noun = "item"

    def _get(self, index: int) -> T:  # pragma: no cover - each subclass's own
        raise NotImplementedError

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> list[T]: ...
    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return [self._get(i) for i in range(*index.indices(len(self)))]
        size = len(self)
        if index < 0:
            index += size
        if not 0 <= index < size:
            raise IndexError(f"{self._noun} index out of range")
        return self._get(index)

    def __iter__(self) -> Iterator[T]:
        return map(self._get, range(len(self)))
