"""SEO: content as a whole, and across the site (catalog entries; the implementation lands with its issue)."""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Iterable

from ..findings import Finding, Severity
from ..prose import words
from ..registry import Rule
from ..scopes import body_line, hero_image, phrase_pattern
from ._stub import stub

if TYPE_CHECKING:  # pragma: no cover
    from ..document import Post
    from ..engine import Context


# --- SEO001–SEO003, SEO007: content of one post (issue 4) -------------------------------


def _keyphrases(post: "Post", field: str) -> list[tuple[str, int]]:
    """(keyphrase, file line) for a string or a list of strings under `field`."""
    value = post.meta.get(field)
    info = post.front_matter.fields.get(field)
    line = post.meta_line(field)
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return []
    items = info.items if info is not None and len(info.items) == len(value) else []
    return [
        (v.strip(), items[i].line if items else line)
        for i, v in enumerate(value)
        if isinstance(v, str) and words(v)
    ]


class ContentTooShort(Rule):
    """The post has fewer than `min-words` words of prose (default 300).

    Prose is paragraphs, list items, quotes and table cells; front matter,
    headings, code, URLs and HTML do not count. Reported at line 1 of the body.

    **Why it matters:** thin pages rarely rank and rarely answer the
    question that brought the reader.

    **Bad:** a 120-word announcement published as a blog post.

    **Good:** the same news with the why, the how and an example (300+ words),
    or a page that is excluded (`per-file-ignores`) because it is short on purpose.
    """

    code = "SEO001"
    name = "content-too-short"
    summary = "Fewer than 300 words of prose"
    severity = Severity.WARNING
    tags = ("seo", "content")
    options = {"min-words": 300}

    def check(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        count = post.word_count
        if count < self.opts["min-words"]:
            yield self.report(post, body_line(post), 1, f"the post has {count} words of prose, fewer than {self.opts['min-words']}")


class KeyphrasePlacement(Rule):
    """The focus keyphrase is missing from a place search engines weigh.

    When front matter has a keyphrase (`keyphrase`, or the `field` option; a
    list means several, each checked on its own), it should appear in the
    title, the description, the first paragraph, at least one H2 and the
    hero image's alt text (the image that is front matter `image`, else the
    body's first image). Places the post does not have (no description, no
    H2, no image) are not required. Matching is case-insensitive and the
    words may be separated by spaces or hyphens, the last one plural:
    "static site" matches "Static-site" and "static sites".

    One finding per keyphrase, at the keyphrase's line, listing the places.

    **Bad:** `keyphrase: static site` in a post titled "Why we left WordPress".

    **Good:** "Why we moved to a static site" — and the phrase in the
    description, the opening paragraph, one H2 and the hero alt.
    """

    code = "SEO002"
    name = "keyphrase-placement"
    summary = "The keyphrase is missing from the title, description, first paragraph, H2s or hero alt"
    severity = Severity.WARNING
    tags = ("seo", "keyphrase")
    options = {"field": "keyphrase"}

    def check(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        field = self.opts["field"]
        phrases = _keyphrases(post, field)
        if not phrases:
            return
        places: dict[str, str | None] = {
            "the title": post.title,
            "the description": post.meta.get("description") if isinstance(post.meta.get("description"), str) else None,
            "the first paragraph": next((b.prose for b in post.paragraphs if b.words), None),
        }
        h2s = [h.text for h in post.headings if h.level == 2]
        hero = hero_image(post)
        for phrase, line in phrases:
            pattern = phrase_pattern(phrase)
            missing = [name for name, text in places.items() if text is not None and not pattern.search(text)]
            if h2s and not any(pattern.search(h) for h in h2s):
                missing.append("every H2")
            if hero is not None and not pattern.search(hero.alt or ""):
                missing.append("the hero image alt")
            if missing:
                yield self.report(post, line, 1, f"keyphrase “{phrase}” is missing from {_join(missing)}")


class KeyphraseDensity(Rule):
    """The keyphrase is used too rarely or too often in the prose.

    Density = occurrences of the keyphrase ÷ words of prose × 100, matched as
    in SEO002. Reported at line 1 of the body, with the figure, when it is
    below `min` (default 0.5 %) or above `max` (default 3 %).

    **Why it matters:** too rare, and the page is not about its topic; too
    often, and it reads as keyword stuffing, which search engines penalise.

    **Bad:** "static site" 14 times in 300 words (4.7 %).

    **Good:** 3 to 6 times in 600 words, synonyms elsewhere.
    """

    code = "SEO003"
    name = "keyphrase-density"
    summary = "Keyphrase density outside 0.5 %–3 % of words"
    severity = Severity.INFO
    tags = ("seo", "keyphrase")
    options = {"field": "keyphrase", "min": 0.5, "max": 3.0}

    def check(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        words = post.word_count
        if not words:
            return
        for phrase, _ in _keyphrases(post, self.opts["field"]):
            pattern = phrase_pattern(phrase)
            count = sum(len(pattern.findall(b.prose)) for b in post.prose_blocks)
            density = 100.0 * count / words
            low, high = self.opts["min"], self.opts["max"]
            if density < low or density > high:
                side = f"below {low:g} %" if density < low else f"above {high:g} %"
                yield self.report(
                    post,
                    body_line(post),
                    1,
                    f"keyphrase “{phrase}” appears {count} time{'' if count == 1 else 's'} in {words} words ({density:.2f} %), {side}",
                )


class DescriptionCopiesIntro(Rule):
    """The meta description is a copy of the first paragraph's opening.

    Compared word by word, ignoring case and punctuation, against the same
    number of words at the start of the first paragraph; reported at the
    description when at least `similarity` (default 0.9) of them match.
    Descriptions of fewer than `min-words` words (default 5) are not checked.

    **Why it matters:** the snippet in search results then repeats what the
    reader sees first on the page; a description written for the results
    page earns more clicks.

    **Bad:** `description: "Static sites are fast, cheap and safe."` above a
    post opening "Static sites are fast, cheap and safe. …"

    **Good:** a description that sells the post: "Why we moved 400 pages to
    a static site, and what it cost us."
    """

    code = "SEO007"
    name = "description-copies-intro"
    summary = "The description is a copy of the first paragraph's opening"
    severity = Severity.INFO
    tags = ("seo", "content")
    options = {"similarity": 0.9, "min-words": 5}

    def check(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        description = post.meta.get("description")
        first = next((b for b in post.paragraphs if b.words), None)
        if not isinstance(description, str) or first is None:
            return
        wanted = [w.lower() for w in words(description)]
        if len(wanted) < self.opts["min-words"]:
            return
        opening = [w.lower() for w in first.words[: len(wanted)]]
        ratio = SequenceMatcher(None, wanted, opening, autojunk=False).ratio()
        if ratio >= self.opts["similarity"]:
            info = post.front_matter.fields.get("description")
            line, column = (info.value_span.line, info.value_span.column) if info else (post.meta_line("description"), 1)
            yield self.report(
                post,
                line,
                column,
                f"the description repeats the opening of the first paragraph (line {first.line}): write it for the search results page",
            )


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]




RULES = [
    ContentTooShort,
    KeyphrasePlacement,
    KeyphraseDensity,
    stub('SEO004', 'duplicate-title', Severity.WARNING, 'Two posts of one run share a title (case-insensitive)'),
    stub('SEO005', 'duplicate-description', Severity.WARNING, 'Two posts share a description'),
    stub('SEO006', 'duplicate-slug', Severity.ERROR, 'Two posts would publish at the same slug'),
    DescriptionCopiesIntro,
]
