"""SEO: content as a whole, and across the site."""

from __future__ import annotations

from itertools import islice
from typing import TYPE_CHECKING, Iterable

from ..model.findings import Finding, Severity
from ..model.options import Option
from ..model.rule import Rule
from ..parse.prose import words
from ..parse.scopes import body_line, hero_image, phrase_pattern
from ..site.groups import NAMED_OTHERS, group_posts, others_of, others_text
from ..site.index import keyphrases_of

if TYPE_CHECKING:  # pragma: no cover
    from ..model.context import Context
    from ..parse.document import Post
    from ..site.groups import PostGroup
    from ..site.index import PostSummary, Site


# --- SEO001–SEO003, SEO007: content of one post (issue 4) -------------------------------


def _keyphrases(post: "Post", field: str) -> list[tuple[str, int]]:
    """(keyphrase, file line) for a string or a list of strings under `field`."""
    return [(phrase, line) for phrase, line in keyphrases_of(post, field) if words(phrase)]


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
    options = {"min-words": Option(int, 300, "Fewest words of prose.", min=0)}

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
    options = {"field": Option(str, "keyphrase", "The front-matter field that holds the keyphrase (or a list of them).")}

    def check(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        field = self.opts["field"]
        phrases = _keyphrases(post, field)
        if not phrases:
            return
        places: dict[str, str | None] = {
            "the title": post.title,
            "the description": post.meta.get("description") if isinstance(post.meta.get("description"), str) else None,
            "the first paragraph": next((b.prose for b in post.paragraphs if b.word_count), None),
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
    options = {
        "field": Option(str, "keyphrase", "The front-matter field that holds the keyphrase (or a list of them)."),
        "min": Option(float, 0.5, "Lowest density, in percent of words.", min=0),
        "max": Option(float, 3.0, "Highest density, in percent of words.", min=0),
    }

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
    options = {
        "similarity": Option(float, 0.9, "Share of the description's words that must match the opening to report it.", min=0, max=1),
        "min-words": Option(int, 5, "Descriptions with fewer words are not checked.", min=1),
    }

    def check(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        description = post.meta.get("description")
        if not isinstance(description, str):
            return
        wanted = [w.lower() for w in words(description)]
        if len(wanted) < self.opts["min-words"]:
            return
        first = next((b for b in post.paragraphs if any(s.words for s in b.sentences)), None)
        if first is None:
            return
        opening = [w.lower() for w in islice((w for s in first.sentences for w in s.words), len(wanted))]
        if copies(wanted, opening, self.opts["similarity"]):
            info = post.front_matter.fields.get("description")
            line, column = (info.value_span.line, info.value_span.column) if info else (post.meta_line("description"), 1)
            yield self.report(
                post,
                line,
                column,
                f"the description repeats the opening of the first paragraph (line {first.line}): write it for the search results page",
            )


def copies(wanted: list[str], opening: list[str], similarity: float) -> bool:
    """Whether difflib's ratio of the two word lists is at least `similarity`.

    Most descriptions share few words with the opening: the ratio counts matching words, at
    most the words the lists share (counted with repeats, difflib's `quick_ratio`), so when
    even that share falls short difflib's matcher (a longest-match search per block) is not
    built. The bound is the same float expression over a count at least as large: never
    below the ratio."""
    left: dict[str, int] = {}
    for word in opening:
        left[word] = left.get(word, 0) + 1
    shared = 0
    for word in wanted:
        count = left.get(word)
        if count:
            left[word] = count - 1
            shared += 1
    total = len(wanted) + len(opening)
    if total and 2.0 * shared / total < similarity:
        return False
    from difflib import SequenceMatcher

    return SequenceMatcher(None, wanted, opening, autojunk=False).ratio() >= similarity


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]



# --- cross-post rules (SEO004-SEO006, SEO009): they read the site index once per run ------
# a finding names the first `NAMED_OTHERS` other posts of its group and counts the rest
# (`site/groups.py`: `others_of`, `others_text`), so a group of thousands gives bounded findings


class _DuplicateRule(Rule):
    """Base of the cross-post duplicate rules: group the site's posts by a key, report the run's members.

    `post_groups` gives the whole groups (`postlint check --show-groups`, the HTML report)."""

    scope = "site"
    cached_by_shape = True  # keys and values from the summaries alone
    #: what the members share, as the groups listing names it (`title`, `URL path`…)
    shared = ""
    #: compare posts only (list pages and docs pages may share a title); False: every indexed page
    posts_only = True
    #: a member's message names the shared value (a description is too long to repeat)
    names_value = True

    def keys(self, summary: "PostSummary") -> Iterable[tuple[str, int]]:
        """(group key, line to report at) for each group the post belongs to."""
        return ()

    def post_groups(self, site: "Site") -> list["PostGroup"]:
        """Every group of two or more indexed posts sharing a key, members in path order."""
        summaries = (s for s in site.posts if (s.is_post or not self.posts_only) and self.member(s, site))
        return group_posts(summaries, self.keys)

    def member(self, summary: "PostSummary", site: "Site") -> bool:
        """Whether the post takes part in the comparison at all (every indexed post by default)."""
        return True

    def check_site(self, ctx: "Context") -> Iterable[Finding]:
        for group in self.post_groups(ctx.site):
            for index, member in enumerate(group.members):
                summary = member.summary
                if not summary.in_run:
                    continue
                others = others_text(*others_of(group, index, NAMED_OTHERS))
                yield self.report(summary.display_path, member.line, 1, f"{self.describe_duplicate(summary, group.key)} is also used by {others}")

    def describe_duplicate(self, summary: "PostSummary", key: str) -> str:
        """The start of a member's message: "title “…”" (`names_value`: with the value)."""
        return f"{self.shared} {self.quoted(self.value(summary, key))}" if self.names_value else self.shared

    def value(self, summary: "PostSummary", key: str) -> str:
        """The shared value as `summary` writes it (not folded), for the groups listing."""
        return key

    def quoted(self, value: str) -> str:
        """The value as messages and the groups listing quote it: “…” (a URL path: `…`)."""
        return f"“{value}”"


def _fold(text: str | None) -> str | None:
    return " ".join(text.split()).casefold() if text else None


class DuplicateTitle(_DuplicateRule):
    """Two posts share a title (compared case-insensitively).

    **Why it matters:** search engines show one of two same-titled pages and
    treat the other as a duplicate; readers cannot tell them apart in results.

    Posts under the configured `content-dirs` are compared even when only some
    files are linted (pre-commit), so a new post that copies an old post's
    title is caught; findings are reported on the posts of the run.

    A finding names the first three other posts and counts the rest;
    `postlint check --show-groups` lists each group once with all its posts.
    """

    code = "SEO004"
    name = "duplicate-title"
    summary = "Two posts share a title (case-insensitive)"
    severity = Severity.WARNING
    tags = ("seo", "site")
    shared = "title"

    def keys(self, summary: "PostSummary") -> Iterable[tuple[str, int]]:
        key = _fold(summary.title)
        return [(key, summary.title_line)] if key else []

    def value(self, summary: "PostSummary", key: str) -> str:
        return summary.title or key


class DuplicateDescription(_DuplicateRule):
    """Two posts share a description (compared case-insensitively, spaces folded).

    **Why it matters:** the description becomes the search snippet; two pages
    with one snippet compete with each other and look like duplicates.

    A finding names the first three other posts and counts the rest (a theme's
    default description may be on thousands); `postlint check --show-groups`
    lists each group once with all its posts.
    """

    code = "SEO005"
    name = "duplicate-description"
    summary = "Two posts share a description"
    severity = Severity.WARNING
    tags = ("seo", "site")
    shared = "description"
    names_value = False

    def keys(self, summary: "PostSummary") -> Iterable[tuple[str, int]]:
        key = _fold(summary.description)
        return [(key, summary.description_line)] if key else []

    def value(self, summary: "PostSummary", key: str) -> str:
        return summary.description or key


class DuplicateSlug(_DuplicateRule):
    """Two posts would publish at the same URL.

    The URL path of each post is computed as the site generator would (content
    root, `index.md`, `slug`, `url`/`permalink` front matter, `site.permalink`
    pattern); when two posts land on one path, one of them silently replaces
    the other on the live site.

    **Bad:** `content/posts/launch.md` and `content/news/launch.md` with
    `site.permalink: /blog/{slug}/`. **Good:** give one of them its own `slug`.

    `postlint check --show-groups` lists each group once with all its posts.

    With a generator detected, a page outside its content root and content
    folders (a `README.md` at an Astro or Hugo project's root) is built by no
    one and takes part in no comparison, and neither does a post whose URL
    postlint cannot compute (an Eleventy permalink with a site's own filter,
    `/blog/{{ page | getBlogSlug }}/`).
    """

    code = "SEO006"
    name = "duplicate-slug"
    summary = "Two posts would publish at the same slug"
    severity = Severity.ERROR
    tags = ("seo", "site")
    posts_only = False
    shared = "URL path"

    def member(self, summary: "PostSummary", site: "Site") -> bool:
        return site.builds(summary.path)  # a `README.md` beside the site publishes nowhere

    def keys(self, summary: "PostSummary") -> Iterable[tuple[str, int]]:
        if "*" in summary.url_path:
            return []  # a URL postlint cannot compute (`/blog/*/`): which it is, is unknown
        return [(summary.url_path.lower(), summary.slug_line)]

    def value(self, summary: "PostSummary", key: str) -> str:
        return summary.url_path

    def quoted(self, value: str) -> str:
        return f"`{value}`"


class KeyphraseCannibalised(_DuplicateRule):
    """Two or more posts declare the same focus keyphrase.

    The keyphrase is the front-matter field named by the `field` option
    (default `keyphrase`; a list declares several). Keyphrases are compared
    case-insensitively with spaces folded. Each post of the run that shares a
    keyphrase gets one finding, at the keyphrase's line, naming the other
    posts (the first three, then a count; `postlint check --show-groups`
    lists each group once with all its posts). Posts under the configured
    `content-dirs` count even when only some files are linted (pre-commit).

    **Why it matters:** posts that target one keyphrase compete with each
    other in search results ("keyword cannibalisation"); search engines pick
    one, often not the one you would choose, and both rank lower.

    **Bad:** `keyphrase: cold brew` on "Cold brew at home" and on "Cold brew
    ratios". **Good:** one post owns "cold brew"; the other targets "cold brew
    ratio" and links to the first.
    """

    code = "SEO009"
    name = "keyphrase-cannibalised"
    summary = "Two or more posts declare the same focus keyphrase"
    severity = Severity.WARNING
    tags = ("seo", "keyphrase", "site")
    options = {"field": Option(str, "keyphrase", "The front-matter field that holds the keyphrase (or a list of them).")}
    shared = "focus keyphrase"

    def keys(self, summary: "PostSummary") -> Iterable[tuple[str, int]]:
        return [(phrase.casefold(), line) for phrase, line in summary.keyphrases]

    def value(self, summary: "PostSummary", key: str) -> str:
        return next((p for p, _ in summary.keyphrases if p.casefold() == key), key)


class OrphanPost(Rule):
    """No other post of the site links to this post.

    Runs only with a site index that covers the site: the `content-dirs`
    setting (without it, a run over some files cannot know who links to them,
    and reports nothing). Every indexed post's internal links count (relative,
    root-absolute and `site.url` links, Zola's `@/` and Hugo's `ref`/`relref`),
    resolved as LNK006 resolves them; a post's links to itself do not. Pages
    that are not posts (section and list pages) are not reported, but their
    links count. Reported at the title's line.

    When more of the site's internal links land nowhere than on a post,
    postlint does not know how the site builds its URLs (set the generator or
    `site.permalink`; LNK006 reports those links), and SEO008 reports nothing
    rather than calling every post an orphan.

    **List pages:** a post linked only from the pages the generator builds
    (tag, category and archive pages, the home page's latest posts, the RSS
    feed) is still reported: those lists push it down as new posts arrive,
    and no article sends readers or ranking to it. It is an orphan in the
    editorial sense (Yoast's "orphaned content").

    **Why it matters:** readers reach a post through other posts; search
    engines judge a page's importance partly by the links pointing at it.
    An orphan is found only by search or by scrolling an archive.

    **Fix:** `postlint suggest-links OTHER-POST` lists the posts that mention
    this post's title or keyphrase without linking to it.
    """

    code = "SEO008"
    name = "orphan-post"
    summary = "No other post of the site links to this post (site index required)"
    severity = Severity.INFO
    tags = ("seo", "links", "site")
    scope = "site"

    def check_site(self, ctx: "Context") -> Iterable[Finding]:
        if not ctx.config.content_dirs:
            return
        from ..site.linkgraph import graph_of

        site = ctx.site
        if not any(s.in_run and s.is_post for s in site.posts):
            return
        graph = graph_of(site)
        if not graph.understood:
            return  # most internal links land nowhere the index knows: LNK006's business, not orphans
        for summary in site.posts:
            if summary.in_run and summary.is_post and not graph.inbound_count(summary.path):
                yield self.report(
                    summary.display_path, summary.title_line, 1,
                    f"no other post of the site links to this post ({summary.url_path}): link to it from a related post",
                )


RULES = [
    ContentTooShort,
    KeyphrasePlacement,
    KeyphraseDensity,
    DuplicateTitle,
    DuplicateDescription,
    DuplicateSlug,
    DescriptionCopiesIntro,
    OrphanPost,
    KeyphraseCannibalised,
]
