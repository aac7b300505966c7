"""Linting a post before the site index is complete, in two steps: one parse per post on a cold run.

The site index needs every post's front matter before a rule may resolve a link
against it. Rather than parse each post twice (once for its summary, once to lint
it), a cold run parses it once: `lint_early` runs every rule against a
`PendingSite`, which answers what needs no index (the site's folders, file stats,
`internal_path`, the post's own URL) and stops a rule that asks about other posts
(`IndexPending`). That rule's findings so far are dropped and the rule is left for
later; the post leaves behind a `LatePost`, the little such a rule reads of it (its
paths, line count, links, own anchors). Once the index is built, `lint_late` runs
the rules left on that record; a rule that reads anything else of the post
(`PostNeeded`) is run again on a new parse of it (correct, only slower). A post with
suppression comments is linted whole once the index is built (its PL001 needs every
rule's findings).

Both signals are `BaseException`s, so that a rule's own `except Exception` cannot
swallow them and report as if the index had answered.
"""

from __future__ import annotations

import json
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from ..model.context import ALL_DAYS, days_overlap
from ..model.findings import SORT_KEY, Finding
from ..parse.document import Link, Post
from ..parse.linklist import PackedLinks
from . import suppress

if TYPE_CHECKING:  # pragma: no cover
    from ..site.index import PostSummary, Site
    from .linter import Linter

#: what a `PendingSite` answers: the site's settings and folders, the file system, a link's site
#: path, the post's own URL and asset paths (its own summary is in the index); nothing about other posts
ANSWERED = frozenset(
    """root content_root static_dirs site_url permalink keyphrase_field settings cwd built_dir
    internal_path file_stat is_file exists is_dir signature asset_candidates asset_key url_of prepare built
    generated lookups probed in_submodule unbuilt builds""".split()
)


class IndexPending(BaseException):
    """A rule asked the site index about other posts before the index was complete."""


class PostNeeded(BaseException):
    """A rule read something of a post that its `LatePost` does not hold."""


class PendingSite:
    """The site index while it is being built: what needs no other post, from the site; else
    `IndexPending`."""

    __slots__ = ("_site",)

    def __init__(self, site: "Site") -> None:
        self._site = site

    def __getattr__(self, name: str) -> Any:
        if name in ANSWERED:
            return getattr(self._site, name)
        raise IndexPending(name)


@dataclass(frozen=True)
class LatePost:
    """What the rules left for later read of a post: its paths, its line count, its links and
    (when a link has a `#fragment`) its own anchors. Anything else: `PostNeeded`."""

    path: Path
    display_path: str
    line_count: int
    links: Sequence[Link]
    is_post: bool
    anchors: frozenset[str] | None = None

    span_of = Post.span_of

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)  # pickle's and copy's questions
        raise PostNeeded(name)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as its packed text (`_packed_late`) and its paths: plain values, no `Link` a link."""
        return _unpacked_late, (_packed_late(self), str(self.path), self.display_path)


@dataclass(slots=True)
class Early:
    """A post linted before the index: its findings from the rules that needed none of it (None:
    it is to be linted whole once the index is built), the codes of the rules left for later with
    the `LatePost` they read, whether a rule asked the site about other files, the files asked
    about (path -> `Site.signature`), and the days its findings hold for (`Context.days`).
    Slotted: a run holds one for each new post until the index is built."""

    findings: list[Finding] | None
    late: tuple[str, ...] = ()
    #: the `LatePost`, or (`packed`) its values as JSON while it waits for the index
    post: LatePost | str | None = None
    looked: bool = False
    probed: dict[str, str] | None = None
    days: tuple[int, int] = ALL_DAYS

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as its values (a worker sends one back for each new post of a cold run)."""
        return Early, (self.findings, self.late, self.post, self.looked, self.probed, self.days)

    def packed(self) -> "Early":
        """This record with its `LatePost` as one JSON text of its values, without its paths (the
        run knows the file) or any class name: a run holds one for each new post until the index is
        built (a 100,000-post site's, as objects: about four times the memory). The links go in
        columns (`_packed_late`): a post's million links make no tuple each, and JSON keeps no memo
        of every string as pickle does (one 5 MB post of 157,000 links: 53 MB more while packed)."""
        post = self.post
        if isinstance(post, LatePost):
            self.post = _packed_late(post)
        return self

    def late_post(self, path: Path | str, display: str) -> LatePost | None:
        """The `LatePost` of the post at `path` (shown as `display`), unpacked if `packed`."""
        if not isinstance(self.post, str):
            return self.post
        return _unpacked_late(self.post, path, display)


def _packed_late(post: LatePost) -> str:
    """`[line count, is a post, anchors (sorted) or null, URLs, texts, spans (four numbers a link),
    the links whose kind, title or target as typed are not an inline link's ([index, kind, title,
    target as typed])]`, as JSON."""
    urls: list[str] = []
    texts: list[str] = []
    spans: list[int] = []
    other = []
    for at, link in enumerate(post.links):  # one pass: each link is made as it is read (`ParsedLinks`)
        urls.append(link.url)
        texts.append(link.text)
        spans += (link.line, link.column, link.end_line, link.end_column)
        if link.kind != "inline" or link.title or link.raw_target != link.url:
            other.append([at, link.kind, link.title, link.raw_target])
    anchors = sorted(post.anchors) if post.anchors is not None else None
    values = [post.line_count, post.is_post, anchors, urls, texts, spans, other]
    return json.dumps(values, separators=(",", ":"))


def _unpacked_late(packed: str, path: Path | str, display: str) -> LatePost:
    """The `LatePost` of `_packed_late`: its links as columns (`PackedLinks`), not a `Link` a link."""
    lines, is_post, anchors, urls, texts, numbers, other = json.loads(packed)
    spans = array("q", numbers)
    del numbers  # an int object a number
    whole = {}
    for index, kind, title, raw_target in other:
        line, column, end_line, end_column = spans[4 * index : 4 * index + 4]
        whole[index] = Link(urls[index], texts[index], line, column, end_line, end_column, kind, title, raw_target)
    links = PackedLinks(urls, texts, spans, whole)
    return LatePost(Path(path), display, lines, links, is_post, frozenset(anchors) if anchors is not None else None)


def lint_early(linter: "Linter", post: Post, site: "Site", summary: "PostSummary") -> Early:
    """The post's findings from the rules that need no other post; the others left for `lint_late`.
    `summary`: the post's own, which the index answers about meanwhile (its URL)."""
    ctx = linter.ctx
    saved, ctx._site = ctx._site, PendingSite(site)  # type: ignore[assignment]
    own = site.by_path.get(summary.path)
    site.by_path[summary.path] = summary
    before = site.lookups
    site.probed.clear()
    raw: list[Finding] = []
    try:
        lines = len(post.lines)
        late = [rule.code for rule in linter.check(linter.rules_for(post), post, lines, raw, (IndexPending,))]
        looked = site.lookups != before
        probed = {path: site.signature(path) for path in sorted(site.probed)} if site.probed else None
        days = ctx.days
    finally:
        ctx._site = saved
        if own is None:
            del site.by_path[summary.path]
        else:  # pragma: no cover - a post indexed before its first pass
            site.by_path[summary.path] = own
    suppressions = suppress.parse(post, linter.resolve_selector)
    if late and (suppressions.directives or suppressions.malformed):
        return Early(None, looked=looked, probed=probed, days=days)  # its PL001 needs every rule's findings
    found = linter.finish(post, raw, suppressions)
    if not late:
        return Early(found, looked=looked, probed=probed, days=days)
    links = post.links  # its columns (`ParsedLinks`), not a `Link` a link
    anchors = None
    if any("#" in link.url for link in links):
        from ..site.index import anchors_of

        anchors = anchors_of(post)  # a link to its own `#fragment`: from this parse
    return Early(found, tuple(late), LatePost(post.path, post.display_path, lines, links, post.is_post, anchors), looked, probed, days)


@dataclass
class Late:
    """The findings of the rules left for later, whether they asked the site about other files,
    the files asked about, and the days the findings hold for (`Context.days`)."""

    findings: list[Finding]
    looked: bool
    probed: dict[str, str] | None
    days: tuple[int, int] = ALL_DAYS


def lint_late(linter: "Linter", post: "LatePost | Post", codes: tuple[str, ...], site: "Site", key: str) -> Late | None:
    """The findings of the rules `codes` on `post` (a `LatePost`, or a new parse of it) against the
    whole index; None when a rule read what the `LatePost` does not hold (parse it, and ask again).
    `key`: the post's index key."""
    chosen = linter.rules_for(post) if isinstance(post, Post) else linter.selection.rules  # a parse: classified
    rules = [rule for rule in chosen if rule.code in codes]
    anchors = post.anchors if isinstance(post, LatePost) else None
    if anchors is not None and key not in site.anchor_cache:
        site.anchor_cache[key] = anchors  # what its parse said, as `Site.anchors` would from the run's post
    if isinstance(post, Post):
        site.run_posts[key] = post  # self-links read anchors from this parse
    before = site.lookups
    site.probed.clear()
    raw: list[Finding] = []
    lines = post.line_count if isinstance(post, LatePost) else len(post.lines)
    try:
        if linter.check(rules, post, lines, raw, (PostNeeded,)):  # type: ignore[arg-type]
            return None
    finally:
        site.run_posts.pop(key, None)
    probed = {path: site.signature(path) for path in sorted(site.probed)} if site.probed else None
    return Late([linter._with_severity(f) for f in raw], site.lookups != before, probed, linter.ctx.days)


def merged(early: Early, late: Late | None) -> tuple[list[Finding], dict[str, str] | None, tuple[int, int]]:
    """A post's findings in file order from both steps, the files its rules looked for (None:
    no rule asked the site about other files; see `Site.signature`), and the days they hold for."""
    found = early.findings or []
    days = early.days if late is None else days_overlap(early.days, late.days)
    if late is not None and late.findings:
        found = sorted([*found, *late.findings], key=SORT_KEY)
    if not (early.looked or (late is not None and late.looked)):
        return found, None, days
    probed = {**(early.probed or {}), **((late.probed if late is not None else None) or {})}
    return found, dict(sorted(probed.items())), days
