"""`postlint suggest-links POST`: other posts this post mentions but does not link to.

A candidate is another indexed post (a post, not a list page) whose focus
keyphrase (SEO009's `field`, default `keyphrase`) or title appears in this post's
readable prose (paragraphs, list items, quotes: not headings, code or URLs),
compared as SEO002 compares keyphrases (case-insensitive, spaces or hyphens
between words, a plural `s`/`es`). Posts this post already links to are left
out (links resolved as LNK006 resolves them). A title counts when it has two
words or more; a keyphrase when it has a word of four letters or more.

Ranking is deterministic and needs no network or model: each phrase scores
its number of mentions × its number of words, a keyphrase twice a title; ties
by path. Advice only: never a finding.

Layer: site (reads the site index and one parsed post).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .linkgraph import linked_posts
from .postfacts import link_targets
from ..parse.scopes import phrase_pattern
from ..parse.textstats import READABLE_KINDS

if TYPE_CHECKING:  # pragma: no cover
    from ..parse.document import Post
    from .index import PostSummary, Site

#: suggestions listed by default
DEFAULT_LIMIT = 10
#: phrases of a candidate looked for (its keyphrases, then its title)
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Suggestion:
    """A post to link to, the phrase of it this post mentions first, where, and how often."""

    display_path: str
    url_path: str
    title: str
    phrase: str
    kind: str  # keyphrase | title
    line: int
    mentions: int
    score: int


def _phrases(summary: "PostSummary") -> list[tuple[str, str, int]]:
    """(phrase, kind, weight) to look for: keyphrases, then the title (and its part before a colon)."""
    found: list[tuple[str, str, int]] = []
    for phrase, _line in summary.keyphrases:
        if any(len(w) >= 4 for w in _WORD.findall(phrase)):
            found.append((phrase, "keyphrase", 2))
    title = summary.title or ""
    for text in dict.fromkeys([title, title.split(":", 1)[0] if ":" in title else ""]):
        if len(_WORD.findall(text)) >= 2:
            found.append((" ".join(text.split()), "title", 1))
    return found


def suggest_links(post: "Post", site: "Site", limit: int = DEFAULT_LIMIT) -> list[Suggestion]:
    """Ranked suggestions for `post` (best first, at most `limit`)."""
    from ..parse.paths import path_key

    own = path_key(post.path)
    blocks = [b for b in post.blocks if b.kind in READABLE_KINDS]
    vocabulary = {w.casefold() for b in blocks for w in _WORD.findall(b.prose)}
    linked = linked_posts(site, own, link_targets(post, site))
    out: list[Suggestion] = []
    for summary in site.posts:
        if summary.path == own or not summary.is_post or summary.path in linked:
            continue
        best: Suggestion | None = None
        score = 0
        for phrase, kind, weight in _phrases(summary):
            words = [w.casefold() for w in _WORD.findall(phrase)]
            if not all(w in vocabulary or w + "s" in vocabulary or w + "es" in vocabulary for w in words):
                continue  # a word of it is nowhere in the post: no regex scan
            pattern = phrase_pattern(phrase)
            mentions, first = 0, 0
            for block in blocks:
                for match in pattern.finditer(block.prose):
                    mentions += 1
                    if mentions == 1:
                        first = block.line_at(match.start())
            if not mentions:
                continue
            score += mentions * len(words) * weight
            if best is None:
                best = Suggestion(summary.display_path, summary.url_path, summary.title or "", phrase, kind, first, mentions, 0)
        if best is not None:
            out.append(Suggestion(**{**vars(best), "score": score}))
    out.sort(key=lambda s: (-s.score, s.display_path))
    return out[:limit]
