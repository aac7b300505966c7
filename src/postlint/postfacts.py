"""What a run learns about each post besides its findings: its internal links and its size and readability.

A `PostFacts` record is computed from the parse the linter already did (in the
worker that linted the post), travels back with the findings and is cached
under the post's content and path like them (`cache.ResultCache.put_facts`). The
site index reads every post's internal links from it (SEO008, the link graph of
the HTML report); the HTML report reads words, reading ease and grade level.
A post that is only indexed (under `content-dirs`, not in the run) is parsed once
for its links when a run first needs them, and its record (links only) cached.

Links are kept as written (internal ones only: relative, root-absolute and
absolute links to `site.url`; not a bare `#fragment`), so the site index resolves
them against the current site each run. Hugo's `ref`/`relref` shortcodes are kept
as `ref:<target>`. At most `MAX_LINKS` distinct targets a post.

Layer: site (reads a parsed `Post`; no rule, no output).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .templates import BUILTIN_SHORTCODES, find_spans, plain_target, shortcode

if TYPE_CHECKING:  # pragma: no cover
    from .document import Post
    from .site import Site

#: distinct internal link targets kept per post (a generated link farm stays bounded)
MAX_LINKS = 1000
#: the prefix of a Hugo `ref`/`relref` target
REF = "ref:"


@dataclass(frozen=True)
class PostFacts:
    """A post's internal link targets (as written), and for a post of the run its words of
    prose, Flesch reading ease and Flesch–Kincaid grade (None: not computed, or too few words)."""

    links: tuple[str, ...] = ()
    words: int | None = None
    reading_ease: float | None = None
    grade: float | None = None


def link_targets(post: "Post", site: "Site") -> tuple[str, ...]:
    """The post's internal link targets, in order, each once."""
    found: dict[str, None] = {}
    for link in post.links:
        url = link.url
        if "{{" in url or "{%" in url:
            target = _ref_target(url)
            if target is None:
                target = plain_target(url)
                if target is None:
                    continue
            else:
                found.setdefault(REF + target, None)
                continue
            url = target
        internal = site.internal_path(url)
        if internal is None or not internal.split("#", 1)[0]:
            continue
        if url.lower().startswith(("mailto:", "tel:")):
            continue
        found.setdefault(url, None)
        if len(found) >= MAX_LINKS:
            break
    return tuple(found)


def _ref_target(url: str) -> str | None:
    """The target of a link that is one Hugo `ref`/`relref` shortcode, else None."""
    spans = find_spans(url)
    code = shortcode(spans[0]) if len(spans) == 1 and spans[0].text == url.strip() else None
    if code is None or code.name not in ("ref", "relref"):
        return None
    spec = BUILTIN_SHORTCODES[code.name]
    target = code.arg(spec.src)
    if not target or "{{" in target or "{%" in target or not target.split("#", 1)[0]:
        return None
    return target


def facts_of(post: "Post", site: "Site", readability: bool = True) -> PostFacts:
    """The post's facts from its parse; `readability`: also its words, reading ease and grade."""
    links = link_targets(post, site)
    if not readability:
        return PostFacts(links)
    variables = post.text_stats.variables
    words = post.word_count
    if post.text_stats.words == 0:
        return PostFacts(links, words)
    return PostFacts(links, words, _finite(variables["reading_ease"]), _finite(variables["grade_level"]))


def _finite(value: float) -> float | None:
    return round(value, 2) if math.isfinite(value) else None


def facts_to_json(facts: PostFacts) -> list[Any]:
    return [list(facts.links), facts.words, facts.reading_ease, facts.grade]


def facts_from_json(data: Any) -> PostFacts | None:
    """The record a cache row holds; None when it is not one (a hand-edited row: computed again)."""
    if not isinstance(data, list) or len(data) != 4 or not isinstance(data[0], list):
        return None
    links, words, ease, grade = data
    if not all(isinstance(link, str) for link in links):
        return None
    if not (words is None or isinstance(words, int)) or not all(v is None or isinstance(v, (int, float)) for v in (ease, grade)):
        return None
    return PostFacts(tuple(links), words, ease, grade)
