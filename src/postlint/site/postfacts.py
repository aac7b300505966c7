"""What a run learns about each post besides its findings: its internal links and its size and readability.

A `PostFacts` record is computed from the parse the linter already did (in the
worker that linted the post), travels back with the findings and is cached
under the post's content and path like them (`cache.ResultCache.put_facts`). The
site index reads every post's internal links from it (SEO008, the link graph of
the HTML report); the HTML report reads words, reading ease and grade level.
A post that is only indexed (under `content-dirs`, not in the run) is not parsed:
its links come from one regex scan of its source (`scanned_targets`) when a run
first needs them, and its record (links only, `words` None) is cached. A full
parse of 1,800 posts costs a cold one-file run about 18 s; the scan, well under one.

Links are kept as written (internal ones only: relative, root-absolute and
absolute links to `site.url`; not a bare `#fragment`), so the site index resolves
them against the current site each run. Hugo's `ref`/`relref` shortcodes are kept
as `ref:<target>`. At most `MAX_LINKS` distinct targets a post.

Layer: site (reads a parsed `Post`; no rule, no output).
"""

from __future__ import annotations

import html
import math
import re
import sys
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable

from ..model.lazyregex import lazy_regex

if TYPE_CHECKING:  # pragma: no cover
    from ..model.context import SiteIndex as Site  # only `internal_path` is asked (no import of the index: no cycle)
    from ..parse.document import Post

#: distinct internal link targets kept per post (a generated link farm stays bounded)
MAX_LINKS = 1000
#: the prefix of a Hugo `ref`/`relref` target
REF = "ref:"
#: the start of a link target that is Jekyll's `{% post_url 2024-01-02-name %}`: the post by its
#: file name under `_posts/` (the link graph finds it; LNK006 leaves it unverified)
POST_URL = "post_url:"
_POST_URL = lazy_regex(r"^\{%-?\s*post_url\s+([^\s%]{1,300})\s*-?%\}$")


@dataclass(frozen=True, slots=True)
class PostFacts:
    """A post's internal link targets (as written), and for a post of the run its words of
    prose, Flesch reading ease and Flesch–Kincaid grade (None: not computed, or too few words).
    Slotted: a run holds one for each post of a big site."""

    links: tuple[str, ...] = ()
    words: int | None = None
    reading_ease: float | None = None
    grade: float | None = None

    def __reduce__(self) -> tuple[type["PostFacts"], tuple[object, ...]]:
        """Pickled as its values (workers send one back for each post they lint)."""
        return PostFacts, (self.links, self.words, self.reading_ease, self.grade)


def link_targets(post: "Post", site: "Site") -> tuple[str, ...]:
    """The post's internal link targets, in order, each once (from its parse)."""
    return internal_targets((link.url for link in post.links), site)


#: an inline link's destination (`](url)`, `](<url>)`, `]({{< ref "x" >}})`, a template's with spaces and
#: what follows it: `]({{ site.baseurl }}/x/)`, `]({% post_url … %})`), a reference definition
#: (`[x]: url`; not a footnote's, `[^1]: …`), an HTML `href`; every repeat bounded, so the scan is
#: linear on any input
_LINK = lazy_regex(
    r"""\]\(\s*((?:\{\{[^\n]{0,500}?\}\}|\{%[^\n]{0,500}?%\})[^\s)]{0,2000}|<[^>\n]{0,2000}>|[^\s)]{1,2000})"""
    r"""|^[ \t]{0,3}\[(?!\^)[^\]\n]{1,500}\]:[ \t]*<?([^\s>]{1,2000})"""
    r"""|<a\s[^>\n]{0,200}?href\s*=\s*["']([^"'\n]{1,2000})["']""",
    re.M | re.I,
)
#: a run of backticks (a code span opens or closes with one)
_TICKS = lazy_regex(r"`+")
#: a code fence's opening or closing line (possessive: no backtracking over a long run)
_FENCE = lazy_regex(r"^[ \t]{0,3}(`{3,}+|~{3,}+)", re.M)


def scanned_targets(body: str, site: "Site") -> tuple[str, ...]:
    """The internal link targets of a Markdown body found by a regex scan, without the parse:
    inline links, reference definitions and HTML `href`s, outside fenced code blocks and code
    spans (a link after an odd number of backtick runs on its line is taken to be in one). For
    posts only indexed (not linted): cheap, and where it errs it finds a link the parse would
    not (an indented code sample), which can hide an orphan, never invent one. Images
    (`![alt](src)`) and footnotes (`[^1]: …`) are no links, as in the parse: taken for links
    that land nowhere, they made SEO008 take the site's URL scheme for unknown."""
    matches = list(_LINK().finditer(body))
    if not matches:
        return ()
    fenced = _fenced(body) if "```" in body or "~~~" in body else []
    urls = []
    budget = [_BALANCE_BUDGET]
    counted = ticks = 0  # backtick runs on the line so far, counted up to `counted` (linear on one long line)
    for match in matches:
        start = match.start()
        if fenced and _inside(fenced, start):
            continue
        line = body.rfind("\n", counted, start)
        if line >= 0:  # a new line since the last count
            counted, ticks = line + 1, 0
        ticks += len(_TICKS().findall(body, counted, start))
        counted = start
        if ticks % 2:
            continue  # in a code span
        if match.group(1) and _opens_image(body, start, budget):
            continue  # `![alt](src)`: an image, not a link (the parse tells them apart too)
        url = match.group(1) or match.group(2) or match.group(3) or ""
        if url.startswith("<") and url.endswith(">") and not url.startswith("{{"):
            url = url[1:-1]
        urls.append(html.unescape(url) if "&" in url else url)
    return internal_targets(urls, site)


#: how far back `_opens_image` looks for the `[` that opens a link's text, and how many
#: characters a body's scan may walk back in all to balance nested brackets (beyond it a nested
#: text is taken for a link's: the scan stays linear on a hostile body)
_TEXT_REACH = 500
_BALANCE_BUDGET = 100_000


def _opens_image(body: str, close: int, budget: list[int]) -> bool:
    """Whether the bracketed text that `body[close]` (a `]`) ends opens with `![` (an image, or
    an image's alt text): the nearest `[` before it, or, when another `]` lies between (a linked
    image `[![alt](src)](url)`), the `[` that balances it, within `_TEXT_REACH` characters and
    while the body's `budget` lasts."""
    stop = max(0, close - _TEXT_REACH)
    opened = body.rfind("[", stop, close)
    if opened < 0:
        return False
    if body.find("]", opened, close) >= 0:  # nested: balance the brackets back from `close`
        if budget[0] <= 0:
            return False
        budget[0] -= close - stop
        depth, at = 0, close
        while at >= stop:
            char = body[at]
            if char == "]":
                depth += 1
            elif char == "[":
                depth -= 1
                if not depth:
                    break
            at -= 1
        else:
            return False
        opened = at
    return opened > 0 and body[opened - 1] == "!"


def _fenced(body: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the fenced code blocks: a fence closes at a line of the same
    character at least as long; an unclosed one runs to the end."""
    regions: list[tuple[int, int]] = []
    opened: tuple[int, str] | None = None
    for fence in _FENCE().finditer(body):
        run = fence.group(1)
        if opened is None:
            opened = (fence.start(), run)
        elif run[0] == opened[1][0] and len(run) >= len(opened[1]):
            regions.append((opened[0], fence.end()))
            opened = None
    if opened is not None:
        regions.append((opened[0], len(body)))
    return regions


def _inside(regions: list[tuple[int, int]], offset: int) -> bool:
    index = bisect_right(regions, (offset, sys.maxsize)) - 1
    return index >= 0 and regions[index][0] <= offset < regions[index][1]


def internal_targets(urls: "Iterable[str]", site: "Site") -> tuple[str, ...]:
    """The internal ones of `urls`, in order, each once, at most `MAX_LINKS`."""
    found: dict[str, None] = {}
    for url in urls:
        if "{{" in url or "{%" in url:
            named = _POST_URL().match(url.strip()) if "post_url" in url else None
            if named is not None:
                found.setdefault(POST_URL + named.group(1).split("#", 1)[0], None)
                continue
            target = _ref_target(url)
            if target is None:
                from ..parse.templates import plain_target  # a templated target only

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
    from ..parse.templates import find_spans, shortcode  # a templated target only

    spans = find_spans(url)
    code = shortcode(spans[0]) if len(spans) == 1 and spans[0].text == url.strip() else None
    if code is None or code.name not in ("ref", "relref"):
        return None
    from ..model.shortcodes import BUILTIN_SHORTCODES  # a templated link target only

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
