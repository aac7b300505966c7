"""The site's internal-link graph: which indexed post links to which, from each post's `PostFacts`.

Each post's internal link targets are resolved with the site index's own
resolution (`Site.resolve`: URL paths, `slug`/`url`/`permalink`, aliases,
relative and source-file links, Zola's `@/` and Hugo's `ref`), so a link counts
exactly when LNK006 would find it lands on that post. A link from a post to itself
does not count. Built once a run, on first use (SEO008, the HTML report).

Only posts link here: a post linked only from the generator's list pages (tag,
category and archive pages, the home page's latest posts) has no inbound link
in this graph — it is an orphan in the editorial sense, which is what SEO008 reports.

Layer: site.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable

from .postfacts import REF

if TYPE_CHECKING:  # pragma: no cover
    from .index import PostSummary, Site

#: the `Site.derived` key the graph is kept under for the run
KEY = "link-graph"


@dataclass
class LinkGraph:
    """Indexed post path -> the other indexed posts it links to, and that link to it (paths, sorted)."""

    outbound: dict[str, list[str]] = field(default_factory=dict)
    inbound: dict[str, list[str]] = field(default_factory=dict)
    #: internal links (each target once a post) that land on another indexed post, and that land
    #: nowhere the index knows (postlint may not know the site's URL scheme: see `understood`)
    to_posts: int = 0
    unresolved: int = 0

    @property
    def understood(self) -> bool:
        """Whether the site's internal links mostly resolve: when more of them land nowhere than
        on a post, postlint does not know how the site builds its URLs (a generator or
        `site.permalink` not configured), and no post can be called an orphan."""
        return self.unresolved <= self.to_posts

    def inbound_count(self, path: str) -> int:
        return len(self.inbound.get(path, ()))

    def outbound_count(self, path: str) -> int:
        return len(self.outbound.get(path, ()))


#: whether a link lands anywhere the index knows, and the post it lands on
_Landing = tuple[bool, "PostSummary | None"]


@dataclass(frozen=True)
class _Source:
    """Where a link is written: all `Site` resolution needs of the linking post is its path (its
    text, as the index keys it: no `Path` made for each post of a big site)."""

    path: str


def graph_of(site: "Site") -> LinkGraph:
    """The site's link graph, built on first use (every indexed post's facts are read, or
    computed from one parse of posts whose facts no run has cached yet)."""
    graph = site.derived.get(KEY)
    if isinstance(graph, LinkGraph):
        return graph
    graph = LinkGraph()
    absolute: dict[str, _Landing] = {}  # a root-absolute target lands on one post whoever links
    inbound: dict[str, set[str]] = {}
    for summary in site.posts:
        targets = linked_posts(site, summary.path, site.facts_for(summary).links, absolute, graph)
        graph.outbound[summary.path] = sorted(targets)
        for target in targets:
            inbound.setdefault(target, set()).add(summary.path)
    graph.inbound = {path: sorted(sources) for path, sources in inbound.items()}
    site.derived[KEY] = graph
    return graph


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


def _target(site: "Site", source: _Source, url: str) -> "_Landing":
    """Whether `url` (written in `source`) lands anywhere the index knows, and on which post."""
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
