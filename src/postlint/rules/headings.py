"""HD: headings — a clean outline that a reader (and a search engine) can skim.

Headings come from `Post.headings`: never from code blocks or HTML comments.
The front-matter `title` is the page's H1 (the theme renders it).
"""

from __future__ import annotations

from itertools import chain
from typing import TYPE_CHECKING, Iterable

from ..model.findings import Finding, Severity
from ..model.options import Option
from ..model.rule import Rule

if TYPE_CHECKING:  # pragma: no cover
    from ..model.context import Context
    from ..parse.document import Heading, Post


class HeadingIncrement(Rule):
    """A heading is more than one level deeper than the previous one.

    Like markdownlint's MD001: an H2 followed by an H4 skips a level, and
    assistive technology and outline views show a gap. When the front matter
    has a `title`, the page starts at H1 (the theme's title), so a first
    heading of H3 is a skip too.

    **Bad:**

        ## Setting up
        #### Install the CLI

    **Good:**

        ## Setting up
        ### Install the CLI
    """

    code = "HD001"
    name = "heading-increment"
    summary = "A heading is more than one level deeper than the previous one"
    severity = Severity.WARNING
    tags = ("headings", "accessibility")

    def check(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        previous = 1 if post.title else 0
        for heading in post.headings:
            if previous and heading.level > previous + 1:
                yield self.report_at(post, post.span_of(heading), f"H{heading.level} follows H{previous}; expected H{previous + 1} or higher")
            previous = heading.level


class H1InBody(Rule):
    """An H1 in the body while the front matter has a `title`, or more than one H1.

    **Why it matters:** themes render the front-matter title as the page's H1;
    a second H1 in the body muddles the outline and which text search engines
    take as the page's main heading.

    **Bad:** `title: "Pricing your first product"` and a body starting with `# Pricing your first product`.

    **Good:** the body starts with text or an H2.

    On MkDocs and Docusaurus sites, whose themes show the body's first H1 as
    the page heading and the title only when there is none, only a second H1
    is reported.
    """

    code = "HD002"
    name = "h1-in-body"
    summary = "An H1 in the body duplicates the title, or the body has several H1s"
    severity = Severity.WARNING
    tags = ("headings", "seo")

    def check(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        h1s = [h for h in post.headings if h.level == 1]
        # MkDocs and Docusaurus render the body's first H1 as the page heading (the title only when there is none)
        if post.front_title and not post.conventions.title_from_h1:
            for heading in h1s:
                yield self.report_at(post, post.span_of(heading), "H1 in the body: the front-matter title is the page's H1; use H2 for sections")
            return
        for heading in h1s[1:]:
            yield self.report_at(post, post.span_of(heading), f"more than one H1 (the first is on line {h1s[0].line})")


class HeadingEmpty(Rule):
    """A heading with no text.

    **Why it matters:** an empty heading renders as a blank gap, breaks the
    table of contents and gives the section no anchor.

    **Bad:** `## ` on its own line. **Good:** `## Results`
    """

    code = "HD003"
    name = "heading-empty"
    summary = "A heading has no text"
    severity = Severity.ERROR
    tags = ("headings",)

    def check(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        for heading in post.headings:
            if not heading.text.strip() and not heading.templated:
                yield self.report_at(post, post.span_of(heading), f"empty H{heading.level} heading")


def _parents(headings: list["Heading"]) -> list[int]:
    """For each heading, the index of its parent heading (-1 for top level)."""
    parents: list[int] = []
    stack: list[int] = []
    for index, heading in enumerate(headings):
        while stack and headings[stack[-1]].level >= heading.level:
            stack.pop()
        parents.append(stack[-1] if stack else -1)
        stack.append(index)
    return parents


def _normal(text: str) -> str:
    """The text with runs of white space as one space, trimmed, case-folded (`str.split` splits
    where `\\s+` matches, without a regex call per heading)."""
    return " ".join(text.split()).casefold()


class HeadingDuplicate(Rule):
    """Two headings with the same text under the same parent heading.

    **Why it matters:** sibling sections with one name confuse readers and
    produce anchors that differ only by a `-1` suffix. The same text under
    different parents (an "Example" under each of two H2s) is fine.

    **Bad:** two `## Pricing` sections. **Good:** `## Pricing for teams` and `## Pricing for agencies`.
    """

    code = "HD004"
    name = "heading-duplicate"
    summary = "Two headings with the same text under the same parent"
    severity = Severity.WARNING
    tags = ("headings",)

    def check(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        headings = post.headings
        seen: dict[tuple[int, str], "Heading"] = {}
        for heading, parent in zip(headings, _parents(headings)):
            text = _normal(heading.text)
            if not text:
                continue
            first = seen.setdefault((parent, text), heading)
            if first is not heading:
                yield self.report_at(post, post.span_of(heading), f"heading {heading.text!r} repeats the sibling heading on line {first.line}")


class HeadingLength(Rule):
    """A heading longer than `max` characters (default 70).

    **Why it matters:** long headings wrap awkwardly, make poor anchors and
    table-of-contents entries, and usually hide a sentence that belongs in the
    prose.
    """

    code = "HD005"
    name = "heading-length"
    summary = "A heading is longer than 70 characters"
    severity = Severity.INFO
    tags = ("headings",)
    options = {"max": Option(int, 70, "Most characters of a heading.", min=1)}

    def check(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        for heading in post.headings:
            length = len(heading.text.strip())
            if length > self.opts["max"]:
                yield self.report_at(post, post.span_of(heading), f"heading is {length} characters, longer than {self.opts['max']}")


class SectionTooLong(Rule):
    """More than `max-words` words of prose (default 300) without a subheading.

    Counted between consecutive headings of any level (and before the first
    one); the finding points at the heading that opens the long stretch, or
    at its first block when no heading precedes it.

    **Why it matters:** readers scan; a long stretch without a heading is
    skipped, and search engines use headings to pick the passage they show.
    """

    code = "HD006"
    name = "section-too-long"
    summary = "More than 300 words of prose without a subheading"
    severity = Severity.WARNING
    tags = ("headings", "readability")
    options = {"max-words": Option(int, 300, "Most words of prose between two headings.", min=1)}

    def check(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        limit = self.opts["max-words"]
        start: tuple[int, int] | None = None  # (line, column) where the current stretch starts
        count = 0
        for block in chain(post.blocks, (None,)):  # no list of a huge post's blocks, each made as read
            if block is None or block.kind == "heading":
                if count > limit and start is not None:
                    yield self.report(post, start[0], start[1], f"{count} words without a subheading (max {limit}); split the section")
                if block is not None:
                    start, count = (block.line, 1), 0
                continue
            if block.kind == "table_cell":
                continue
            if start is None:
                start = (block.line, 1)
            count += block.word_count


class SubheadingsMissing(Rule):
    """A post of `min-words` words or more (default 300) with no H2.

    **Why it matters:** H2 sections give a long post its outline, its table of
    contents and the passages search engines link to directly.
    """

    code = "HD007"
    name = "subheadings-missing"
    summary = "A post of 300+ words has no H2"
    severity = Severity.WARNING
    tags = ("headings", "readability")
    options = {"min-words": Option(int, 300, "Posts with at least this many words need an H2.", min=0)}

    def check(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        if post.word_count >= self.opts["min-words"] and not any(h.level == 2 for h in post.headings):
            yield self.report(post, 1, 1, f"{post.word_count} words and no H2 subheading; add sections")


RULES: list[type[Rule]] = [HeadingIncrement, H1InBody, HeadingEmpty, HeadingDuplicate, HeadingLength, SectionTooLong, SubheadingsMissing]
