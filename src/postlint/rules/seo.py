"""SEO: content as a whole, and across the site (catalog entries; the implementation lands with its issue)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ..findings import Finding, Severity
from ..registry import Rule
from ._stub import stub

if TYPE_CHECKING:  # pragma: no cover
    from ..engine import Context
    from ..site import PostSummary


# --- cross-post rules (SEO004-SEO006): they read the site index once per run -------------


class _DuplicateRule(Rule):
    """Base of the cross-post duplicate rules: group the site's posts by a key, report the run's members."""

    scope = "site"
    what = ""

    def key(self, summary: "PostSummary") -> str | None:
        return None

    def line(self, summary: "PostSummary") -> int:
        return 1

    def check_site(self, ctx: "Context") -> Iterable[Finding]:
        groups: dict[str, list["PostSummary"]] = {}
        for summary in ctx.site.posts:
            key = self.key(summary)
            if key:
                groups.setdefault(key, []).append(summary)
        for members in groups.values():
            if len(members) < 2:
                continue
            for summary in members:
                if not summary.in_run:
                    continue
                others = ", ".join(m.display_path for m in members if m is not summary)
                yield self.report(summary.display_path, self.line(summary), 1, f"{self.describe_duplicate(summary)} is also used by {others}")

    def describe_duplicate(self, summary: "PostSummary") -> str:
        return self.what


def _fold(text: str | None) -> str | None:
    return " ".join(text.split()).casefold() if text else None


class DuplicateTitle(_DuplicateRule):
    """Two posts share a title (compared case-insensitively).

    **Why it matters:** search engines show one of two same-titled pages and
    treat the other as a duplicate; readers cannot tell them apart in results.

    Posts under the configured `content-dirs` are compared even when only some
    files are linted (pre-commit), so a new post that copies an old post's
    title is caught; findings are reported on the posts of the run.
    """

    code = "SEO004"
    name = "duplicate-title"
    summary = "Two posts share a title (case-insensitive)"
    severity = Severity.WARNING
    tags = ("seo", "site")

    def key(self, summary: "PostSummary") -> str | None:
        return _fold(summary.title)

    def line(self, summary: "PostSummary") -> int:
        return summary.title_line

    def describe_duplicate(self, summary: "PostSummary") -> str:
        return f"title {summary.title!r}"


class DuplicateDescription(_DuplicateRule):
    """Two posts share a description (compared case-insensitively, spaces folded).

    **Why it matters:** the description becomes the search snippet; two pages
    with one snippet compete with each other and look like duplicates.
    """

    code = "SEO005"
    name = "duplicate-description"
    summary = "Two posts share a description"
    severity = Severity.WARNING
    tags = ("seo", "site")

    def key(self, summary: "PostSummary") -> str | None:
        return _fold(summary.description)

    def line(self, summary: "PostSummary") -> int:
        return summary.description_line

    def describe_duplicate(self, summary: "PostSummary") -> str:
        return "description"


class DuplicateSlug(_DuplicateRule):
    """Two posts would publish at the same URL.

    The URL path of each post is computed as the site generator would (content
    root, `index.md`, `slug`, `url`/`permalink` front matter, `site.permalink`
    pattern); when two posts land on one path, one of them silently replaces
    the other on the live site.

    **Bad:** `content/posts/launch.md` and `content/news/launch.md` with
    `site.permalink: /blog/{slug}/`. **Good:** give one of them its own `slug`.
    """

    code = "SEO006"
    name = "duplicate-slug"
    summary = "Two posts would publish at the same slug"
    severity = Severity.ERROR
    tags = ("seo", "site")

    def key(self, summary: "PostSummary") -> str | None:
        return summary.url_path.lower()

    def line(self, summary: "PostSummary") -> int:
        return summary.slug_line

    def describe_duplicate(self, summary: "PostSummary") -> str:
        return f"URL path `{summary.url_path}`"


RULES = [
    stub('SEO001', 'content-too-short', Severity.WARNING, 'Fewer than 300 words of prose'),
    stub('SEO002', 'keyphrase-placement', Severity.WARNING, 'When front matter has keyphrase (or the configured field): it is missing from the title, the description, the first paragraph, every H2, or the hero alt; the message lists which'),
    stub('SEO003', 'keyphrase-density', Severity.INFO, 'Keyphrase density outside 0.5 %–3 % of words'),
    DuplicateTitle,
    DuplicateDescription,
    DuplicateSlug,
    stub('SEO007', 'description-copies-intro', Severity.INFO, "The description is a copy of the first paragraph's opening"),
]
