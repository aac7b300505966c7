"""The site's internal-link graph: which indexed post links to which, from each post's `PostFacts`.

Each post's internal link targets are resolved with the site index's own
resolution (`Site.resolve`: URL paths, `slug`/`url`/`permalink`, aliases,
relative and source-file links, Zola's `@/` and Hugo's `ref`), so a link counts
exactly when LNK006 would find it lands on that post. A link from a post to itself
does not count. Built once a run, on first use (SEO008, the HTML report).

A run with the results cache recalls the graph the run before it built
(`GraphMemo`, one row): when the site's shape (every post's path, URL, slug,
aliases… — `cache.results.site_shape`) is the one it was built for and the files
its links looked for (a static file, a post outside the index) are as they were,
only the posts whose content changed have their links resolved again; the others'
targets and tallies are read from the row. An edit of one post's body on a
100,000-post site resolves that post's links, not every post's.

Only posts link here: a post linked only from the generator's list pages (tag,
category and archive pages, the home page's latest posts) has no inbound link
in this graph — it is an orphan in the editorial sense, which is what SEO008 reports.

Layer: site.
"""

from __future__ import annotations

import json
import zlib
from array import array
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate
from typing import TYPE_CHECKING, Iterable

from .graphmemo import GraphMemo
from .postfacts import MAX_LINKS, POST_URL, REF

if TYPE_CHECKING:  # pragma: no cover
    from .index import PostSummary, Site

#: the `Site.derived` key the graph is kept under for the run
KEY = "link-graph"
#: a post's targets in a graph row, at most (each distinct link lands on one post at most)
MAX_TARGETS = MAX_LINKS


@dataclass
class LinkGraph:
    """Indexed post path -> the other indexed posts it links to (`outbound`), and that link to it
    (`inbound`): paths, sorted. Held as each post's targets by place (the posts' sorted paths), so
    SEO008 counts a post's inbound links without a list a post; the two tables are made on first use."""

    #: internal links (each target once a post) that land on another indexed post, and that land
    #: nowhere the index knows (postlint may not know the site's URL scheme: see `understood`)
    to_posts: int = 0
    unresolved: int = 0
    #: the indexed posts' paths, sorted (a post's place), each one's targets by place (from
    #: `starts[i]` to `starts[i + 1]`), and how many posts link to each
    order: list[str] = field(default_factory=list, repr=False)
    targets: "array[int]" = field(default_factory=lambda: array("I"), repr=False)
    starts: list[int] = field(default_factory=lambda: [0], repr=False)
    linked_from: list[int] = field(default_factory=list, repr=False)

    @property
    def understood(self) -> bool:
        """Whether the site's internal links mostly resolve: when more of them land nowhere than
        on a post, postlint does not know how the site builds its URLs (a generator or
        `site.permalink` not configured), and no post can be called an orphan."""
        return self.unresolved <= self.to_posts

    @cached_property
    def place(self) -> dict[str, int]:
        """A post's place by its path."""
        return {path: at for at, path in enumerate(self.order)}

    @cached_property
    def outbound(self) -> dict[str, list[str]]:
        """Each indexed post's path -> the paths of the posts it links to (sorted)."""
        order, targets, starts = self.order, self.targets, self.starts
        return {path: [order[i] for i in targets[starts[at]:starts[at + 1]]] for at, path in enumerate(order)}

    @cached_property
    def inbound(self) -> dict[str, list[str]]:
        """Each linked post's path -> the paths of the posts that link to it (sorted); a post no
        other post links to is not there."""
        sources: dict[str, list[str]] = {}
        for path, targets in self.outbound.items():  # in path order: each list sorted
            for target in targets:
                sources.setdefault(target, []).append(path)
        return dict(sorted(sources.items()))

    def inbound_count(self, path: str) -> int:
        at = self.place.get(path)
        return self.linked_from[at] if at is not None else 0

    def outbound_count(self, path: str) -> int:
        at = self.place.get(path)
        return self.starts[at + 1] - self.starts[at] if at is not None else 0


#: whether a link lands anywhere the index knows, and the post it lands on
_Landing = tuple[bool, "PostSummary | None"]


@dataclass(frozen=True)
class _Source:
    """Where a link is written: all `Site` resolution needs of the linking post is its path (its
    text, as the index keys it: no `Path` made for each post of a big site)."""

    path: str


#: a graph row's first line (its format)
_ROW_FORMAT = b"postlint-graph 1"
#: the bytes of a post's content stamp a row keeps (its `entry_key`'s first 8)
_STAMP = 8
#: a graph row's post record: flags (bit 0: its links came from a parse), its links that landed
#: on a post and that landed nowhere, the number of its targets (then the targets, by place)
_FIELDS = 4
_PARSED = 1
_NO_STAMP = bytes(_STAMP)


@dataclass
class _Recalled:
    """A graph row read and checked: each post's stamp (by its place in the sorted paths), its
    record (`_FIELDS` values) and its targets' places."""

    stamps: bytes
    records: "array[int]"
    targets: "array[int]"
    starts: list[int]
    probes: dict[str, str]


def graph_of(site: "Site") -> LinkGraph:
    """The site's link graph, built on first use (every indexed post's facts are read, or
    computed from one parse of posts whose facts no run has cached yet; with a `GraphMemo`, only
    the posts whose content changed since the graph it recalls)."""
    graph = site.derived.get(KEY)
    if isinstance(graph, LinkGraph):
        return graph
    graph = LinkGraph()
    memo = site.graph_memo
    order = sorted(site.by_path)  # a post's place: where its record is in a graph row
    count = len(order)
    recalled = _recall(site, memo, order) if memo is not None else None
    stamps = b"".join(_stamp(memo.stamp(path)) for path in order) if memo is not None else bytes(_STAMP * count)
    records = array("I", recalled.records) if recalled is not None else array("I", bytes(4 * _FIELDS * count))
    found: dict[int, list[int]] = {}  # the targets of the posts whose links were resolved now, by place
    place: dict[str, int] | None = None
    absolute: dict[str, _Landing] = {}  # a root-absolute target lands on one post whoever links
    tally = LinkGraph()  # the links resolved now that landed on a post, and nowhere
    outer, site.probed = site.probed, set()  # the files the graph's links looked for: kept with the row
    try:
        for at, path in enumerate(order):
            if recalled is not None and _holds(recalled, stamps, at, site.by_path[path].in_run):
                continue
            if place is None:
                place = {path: at for at, path in enumerate(order)}
            facts = site.facts_for(site.by_path[path])
            before = tally.to_posts, tally.unresolved
            targets = sorted(place[target] for target in linked_posts(site, path, facts.links, absolute, tally))
            flags = _PARSED if facts.words is not None else 0
            records[at * _FIELDS:(at + 1) * _FIELDS] = array("I", (flags, tally.to_posts - before[0], tally.unresolved - before[1], len(targets)))
            found[at] = targets
    finally:
        probes = {path for path in site.probed if path not in site.by_path}  # an indexed post is there while the shape is
        site.probed = outer
    if recalled is not None:
        probes.update(recalled.probes)
    site.probed.update(probes)  # what a cached result built on the graph depends on
    graph.to_posts, graph.unresolved = sum(records[1::_FIELDS]), sum(records[2::_FIELDS])
    graph.order, graph.targets = order, _spliced(recalled, found, count)
    graph.starts = [0, *accumulate(records[3::_FIELDS])]
    linked_from = [0] * count
    for i in graph.targets:
        linked_from[i] += 1
    graph.linked_from = linked_from
    if place is not None:
        graph.place = place  # (made for the posts resolved now)
    site.derived[KEY] = graph
    # kept unless it is the recalled row (no post resolved now, no file looked for since: the same
    # bytes; a warm run of the HTML report builds the graph, and packs nothing)
    if memo is not None and (recalled is None or found):
        memo.keep(_row(memo.shape(), order, {path: site.signature(path) for path in sorted(probes)}, stamps, records, graph.targets))
    return graph


def _spliced(recalled: "_Recalled | None", found: dict[int, list[int]], count: int) -> "array[int]":
    """Every post's targets, by place: the recalled ones (copied a run of posts at a time) with
    those of the posts resolved now in their place."""
    out = array("I")
    if recalled is None:
        for at in range(count):
            out.extend(found.get(at, ()))
        return out
    starts, targets = recalled.starts, recalled.targets

    def start(at: int) -> int:
        return starts[at] if at < count else len(targets)

    after = 0  # the first post not copied yet
    for at in sorted(found):
        out.extend(targets[start(after):start(at)])
        out.extend(found[at])
        after = at + 1
    out.extend(targets[start(after):])
    return out


def _stamp(stamp: bytes | None) -> bytes:
    """A post's stamp in a graph row: its content stamp's first bytes (zeros: none, never reused)."""
    return stamp[:_STAMP] if stamp is not None and len(stamp) >= _STAMP else _NO_STAMP


def _holds(recalled: _Recalled, stamps: bytes, at: int, in_run: bool) -> bool:
    """Whether the recalled record at `at` is the post's as it is: same content (a known stamp), and
    for a post of the run, links from a parse (as `facts_for` gives it)."""
    stamp = stamps[at * _STAMP:(at + 1) * _STAMP]
    if stamp == _NO_STAMP or recalled.stamps[at * _STAMP:(at + 1) * _STAMP] != stamp:
        return False
    return not in_run or bool(recalled.records[at * _FIELDS] & _PARSED)


def _paths_digest(order: list[str]) -> str:
    from hashlib import blake2b  # (on first use: a run without the cache digests nothing)

    return blake2b("\0".join(order).encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


def _row(shape: str, order: list[str], probes: dict[str, str], stamps: bytes, records: "array[int]", targets: "array[int]") -> bytes:
    """A graph row: its format, the shape and the sorted paths it holds for, the files its links
    looked for and what was there, then each post's stamp, and its record and targets (compressed)."""
    body = zlib.compress(records.tobytes() + targets.tobytes(), 6)
    head = [_ROW_FORMAT, shape.encode("ascii"), _paths_digest(order).encode("ascii"), json.dumps(probes, separators=(",", ":")).encode("ascii")]
    return b"\n".join([*head, b""]) + stamps + body


def _recall(site: "Site", memo: GraphMemo, order: list[str]) -> "_Recalled | None":
    """The recalled graph row, when it holds for this shape and these posts and the files its links
    looked for are as they were; None otherwise (a row from elsewhere, hand-edited or damaged too)."""
    row = memo.stored()
    if not isinstance(row, bytes) or array("I").itemsize != 4:
        return None
    parts = row.split(b"\n", 4)
    if len(parts) != 5 or parts[0] != _ROW_FORMAT or parts[1] != memo.shape().encode("ascii") or parts[2] != _paths_digest(order).encode("ascii"):
        return None
    try:
        probes = json.loads(parts[3])
    except ValueError:
        return None
    if not isinstance(probes, dict) or any(not isinstance(was, str) or site.signature(path) != was for path, was in probes.items()):
        return None
    count = len(order)
    stamps, body = parts[4][:_STAMP * count], parts[4][_STAMP * count:]
    size = 4 * _FIELDS * count
    try:
        inflate = zlib.decompressobj()
        # bounded by what the posts can hold (each target another post, at most `MAX_TARGETS` a post): a row is not a zip bomb
        data = inflate.decompress(body, size + 4 * min(MAX_TARGETS, max(count - 1, 0)) * count + 1)
    except zlib.error:
        return None
    if len(stamps) != _STAMP * count or len(data) < size or len(data) % 4 or inflate.unconsumed_tail or not inflate.eof:
        return None
    records, targets = array("I"), array("I")
    records.frombytes(data[:size])
    targets.frombytes(data[size:])
    starts = [0, *accumulate(records[3::_FIELDS])]  # where each post's targets start
    if starts.pop() != len(targets) or (targets and max(targets) >= count):
        return None
    return _Recalled(stamps, records, targets, starts, probes)


def linked_posts(
    site: "Site", path: str, links: "Iterable[str]", absolute: "dict[str, _Landing] | None" = None, counts: LinkGraph | None = None
) -> set[str]:
    """The paths of the other indexed posts that `links` (written in the post at `path`) land on;
    `absolute` keeps root-absolute targets' answers across posts; `counts` adds to its tallies."""
    source = _Source(path)
    absolute = {} if absolute is None else absolute
    targets: set[str] = set()
    for url in links:
        if url.startswith("/") and not url.startswith("//"):
            if url not in absolute:
                absolute[url] = _target(site, source, url)
            found, post = absolute[url]
        else:
            found, post = _target(site, source, url)
        if post is not None and post.path != path and post.path in site.by_path:
            targets.add(post.path)
            if counts is not None:
                counts.to_posts += 1
        elif not found and counts is not None:
            counts.unresolved += 1
    return targets


def _posts_by_name(site: "Site") -> "dict[str, PostSummary]":
    """The indexed posts under a `_posts/` folder by their path there without the suffix
    (`2024-01-02-name`, `news/2024-01-02-name`): what Jekyll's `post_url` names; made once a run."""
    found = site.derived.get("posts by name")
    if found is None:
        found = {}
        for summary in site.posts:
            _before, marker, rest = summary.path.rpartition("/_posts/")
            if marker:
                found.setdefault(rest.rsplit(".", 1)[0], summary)
        site.derived["posts by name"] = found
    return found  # type: ignore[return-value]


def _target(site: "Site", source: _Source, url: str) -> "_Landing":
    """Whether `url` (written in `source`) lands anywhere the index knows, and on which post."""
    if url.startswith(POST_URL):  # Jekyll's post_url: a post by its path under `_posts/`, without the suffix
        post = _posts_by_name(site).get(url[len(POST_URL):].strip("/"))
        return post is not None, post
    candidates = [url]
    if url.startswith(REF):  # Hugo's ref: beside the page, then under the content root
        target = url[len(REF):]
        candidates = [target, "@/" + target.lstrip("/")]
    for candidate in candidates:
        candidate = candidate.split("#", 1)[0]  # where it lands, not which anchor (no target parse for anchors)
        if not candidate:
            continue
        resolution = site.resolve_link(source, candidate)  # type: ignore[arg-type]
        if resolution is not None and resolution.found:
            return True, resolution.post
    return False, None
