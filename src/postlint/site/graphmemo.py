"""Where a run finds the link graph a run before it built, and keeps its own (`linkgraph.graph_of`).

The runner gives the site index one, backed by its results cache; the graph row
itself (what it holds and how it is checked) is `linkgraph`'s.

Layer: site.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable


@dataclass
class GraphMemo:
    """Where a run finds the graph a run before it built, and keeps its own (the runner's
    results cache): `shape()` what the graph depends on of the index (a graph row of another
    shape is not used), `stored()` the row kept (`None`: none), `stamp(path)` an indexed post's
    content stamp (None: unknown, its links are resolved), `keep(row)` keeps this run's."""

    shape: Callable[[], str]
    stored: Callable[[], "bytes | None"]
    stamp: Callable[[str], "bytes | None"]
    keep: Callable[[bytes], None]
