"""CTA: the post asks the reader to do something, and asks at the end."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from ..model.findings import Finding, Severity
from ..model.options import Option
from ..model.rule import PackError, Rule
from ..packs.loader import data_value, shipped_data
from ..parse.casefold import CaselessPattern
from ..parse.phrases import PhrasePattern, compile_alternation
from ..parse.scopes import body_line, closing_line

if TYPE_CHECKING:  # pragma: no cover
    from ..model.context import Context
    from ..parse.document import Block, Post

PACK = "cta.yaml"


@dataclass(frozen=True)
class Cta:
    """One call to action: a matching sentence or a link to a signup/contact page."""

    line: int
    text: str


class _CtaRule(Rule):
    """Shared matching: phrases and link patterns from `rules/cta.yaml` (plus user packs)."""

    def patterns(self, ctx: "Context") -> "CtaPatterns":
        """The phrases, link and heading patterns of the run's packs, compiled once per run for both rules."""
        compiled: CtaPatterns | None = ctx.memo.get(PACK)
        if compiled is None:
            phrases = compile_alternation(data_value(ctx, PACK, "cta-phrases") or [], "cta data", "cta-phrases", _shipped("cta-phrases"))
            links = _regexes(data_value(ctx, PACK, "cta-links"), "cta-links", "(?:{})")
            headings = _regexes(data_value(ctx, PACK, "cta-headings"), "cta-headings", r"^\s*(?:{})\s*[.!:?]?\s*$")
            compiled = ctx.memo[PACK] = CtaPatterns(phrases, links, headings)
        return compiled

    def ctas(self, post: "Post", ctx: "Context") -> "PostCtas":
        """The post's calls to action, looked for once for CTA001 and CTA002 (the same patterns,
        the same post), as far as they ask."""
        patterns = self.patterns(ctx)
        key = f"ctas:{id(patterns)}"  # patterns live as long as the run's memo
        cached: PostCtas | None = post.memo.get(key)
        if cached is None:
            cached = post.memo[key] = PostCtas(patterns)
        return cached


@dataclass(frozen=True)
class CtaPatterns:
    """What makes a call to action: phrases of the prose, link URLs, section headings."""

    phrases: PhrasePattern | None
    links: CaselessPattern | None
    headings: CaselessPattern | None


class PostCtas:
    """A post's calls to action, looked for as far as the rules ask: most posts that have one
    have one in their closing part, and then the blocks before it are not scanned. Kept in the
    post's memo, so it holds no reference to the post (no cycle: a post is freed when linted);
    each method is given it."""

    def __init__(self, patterns: CtaPatterns) -> None:
        self.patterns = patterns
        self._phrases: PhrasePattern | None = None
        #: the calls to action of each scanned block that has some (most have none: a huge list's
        #: million blocks would hold a million entries), and a byte a prose block, set once scanned
        self._in_block: dict[int, tuple[Cta, ...]] = {}
        self._scanned = bytearray()
        self._all: list[Cta] | None = None
        self._links_headings: list[Cta] | None = None
        self._closing: tuple[int | None, bool] | None = None

    def _block(self, post: "Post", index: int, block: "Block") -> tuple[Cta, ...]:
        """The phrases' calls to action in the post's `index`th prose block (looked for once)."""
        scanned = self._scanned
        if not scanned:
            scanned.extend(bytes(len(post.prose_blocks)))
        if scanned[index]:
            return self._in_block.get(index, ())
        if self._phrases is None:
            assert self.patterns.phrases is not None
            self._phrases = self.patterns.phrases.narrowed(b.prose for b in post.prose_blocks)
        found = tuple([Cta(block.line_at(m.start()), m.group(0)) for m in self._phrases.finditer(block.prose)])
        scanned[index] = 1
        if found:
            self._in_block[index] = found
        return found

    def all(self, post: "Post") -> list[Cta]:
        """Every call to action, by line (phrases in block order, then links, then headings, on one line)."""
        if self._all is None:
            found: list[Cta] = []
            patterns = self.patterns
            if patterns.phrases is not None:
                for index, block in enumerate(post.prose_blocks):
                    found.extend(self._block(post, index, block))
            self._all = sorted(found + self._others(post), key=lambda c: c.line)
        return self._all

    def _others(self, post: "Post") -> list[Cta]:
        """The links, then the headings, that are calls to action (looked for once)."""
        if self._links_headings is None:
            patterns = self.patterns
            found = [Cta(link.line, link.url) for link in (post.links if patterns.links is not None else ()) if patterns.links.contains(link.url)]  # type: ignore[union-attr]
            found += [Cta(h.line, h.text) for h in (post.headings if patterns.headings is not None else ()) if patterns.headings.contains(h.text)]  # type: ignore[union-attr]
            self._links_headings = found
        return self._links_headings

    def closing(self, post: "Post") -> tuple[int | None, bool]:
        """(the closing part's first line (`closing_line`), whether a call to action lies at or
        after it): the blocks that end before it are not scanned."""
        if self._closing is None:
            start = closing_line(post)
            self._closing = (start, start is not None and self._any_from(post, start))
        return self._closing

    def _any_from(self, post: "Post", start: int) -> bool:
        patterns = self.patterns
        if self._all is not None:
            return any(c.line >= start for c in self._all)
        if patterns.phrases is not None:
            for index, block in enumerate(post.prose_blocks):
                last = max((line for _, line in block.breaks), default=block.line)
                if max(last, block.line) >= start and any(c.line >= start for c in self._block(post, index, block)):
                    return True
        return any(c.line >= start for c in self._others(post))


def _shipped(key: str) -> frozenset[str]:
    """The patterns of `key` in the shipped `cta.yaml`: the test suite compiles each of them, so a
    run compiles one by one (to name a bad one) only those a pack of the user's adds."""
    return frozenset(shipped_data(PACK).get(key) or ())


def _regexes(values: object, key: str, shape: str) -> CaselessPattern | None:
    """One case-insensitive pattern of a `cta.yaml` list of regular expressions, each put in `shape`."""
    values = values or []
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise PackError(f"cta data: `{key}` must be a list of strings (quote patterns that contain `: `)")
    checked = _shipped(key)
    for value in values:
        if value in checked:
            continue
        try:
            re.compile(value)
        except re.error as exc:
            raise PackError(f"cta data: `{key}`: invalid pattern {value!r}: {exc}") from None
    if not values:
        return None
    source = "|".join(shape.format(v) for v in values)
    if all(value in checked for value in values):
        return CaselessPattern(source)  # the shipped patterns join (the test suite compiles them): compiled when used
    try:
        return CaselessPattern(re.compile(source, re.IGNORECASE))
    except re.error:  # valid alone, not joined: an inline flag such as `(?i)`, a group name used twice
        raise PackError(_unjoinable(values, key, shape)) from None


def _unjoinable(values: list[str], key: str, shape: str) -> str:
    """The error of the first pattern that breaks the joined pattern of `values`."""
    for end, value in enumerate(values, start=1):
        try:
            re.compile("|".join(shape.format(v) for v in values[:end]), re.IGNORECASE)
        except re.error as exc:
            return f"cta data: `{key}`: invalid pattern {value!r}: {exc.msg}"
    return f"cta data: `{key}`: the patterns cannot be joined"  # pragma: no cover - the whole failed


class CtaMissing(_CtaRule):
    """The post never asks the reader to do anything.

    A call to action is a sentence of the body that matches one of the
    `cta-phrases` of `rules/cta.yaml` ("start … today", "get started",
    "sign up", "book a … demo/call", "contact us", "subscribe", "download
    the …", "try … for free", "ready to …?", and the calls of project blogs:
    "let us know", "open an issue", "join the meeting", "give it a try"), a
    link whose URL matches `cta-links` (a signup, contact, demo or pricing
    page at the top of a site — `/demo/`, not `/docs/demo/` — `mailto:`, a
    new-issue page, a chat invitation), or a heading matching `cta-headings`
    (a "Download" or "Get involved" section). Phrases are regular expressions
    matched case-insensitively at word boundaries.

    In the `blog` and `docs` profiles (the default) this rule is info:
    release notes and advisories need no sales call.

    **Why it matters:** a post that ends without a next step converts no
    reader into a subscriber, lead or customer.

    **Bad:** a post that ends with "That is all about caching."

    **Good:** "Ready to make your pages faster? [Book a free audit](/contact/)."

    **Extend or replace the phrases** in a pack of your own listed under
    `packs:` in config:

        data:
          cta-phrases: ["join the beta"]
          cta-links: ["/beta/"]
          cta-headings: ["beta"]

    (add `data-mode: replace` to use only your lists). The finding is at
    line 1 of the body.
    """

    code = "CTA001"
    name = "cta-missing"
    summary = "No call to action anywhere in the body"
    severity = Severity.WARNING
    tags = ("cta", "conversion")
    options = {"min-words": Option(int, 0, "Skip posts with fewer words of prose (0: check every post).", min=0)}

    def check(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        if self.opts["min-words"] and post.word_count < self.opts["min-words"]:
            return
        ctas = self.ctas(post, ctx)
        if ctas.closing(post)[1] or ctas.all(post):  # one in the closing part (CTA002 asks too), else anywhere
            return
        yield self.report(
            post,
            body_line(post),
            1,
            "no call to action in the post: end with a next step such as “Subscribe for more”, “Book a demo” or a link to your contact page",
        )


class CtaNotInClosing(_CtaRule):
    """The post has calls to action, but none in its closing part.

    The closing part is the last H2 section; in a post without H2s, the last
    20 % of the body's words. Calls to action are matched as in CTA001.

    **Why it matters:** readers who reach the end are the most interested
    ones; a call to action buried in the introduction is gone by then.

    **Bad:** "Sign up for our newsletter" in the first paragraph and a
    conclusion that only summarises.

    **Good:** the conclusion ends with "Ready to try it? Start your free
    trial today."

    The finding is at the closing section's heading (or its first line).
    """

    code = "CTA002"
    name = "cta-not-in-closing"
    summary = "Calls to action exist but none is in the closing part"
    severity = Severity.INFO
    tags = ("cta", "conversion")

    def check(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        found = self.ctas(post, ctx)
        start, in_closing = found.closing(post)
        if start is None or in_closing:
            return
        ctas = found.all(post)
        if not ctas:
            return
        heading = post.sections[-1].heading if len(post.sections) > 1 else None
        where = f"the last section “{heading.text}”" if heading else "the last 20 % of the post"
        lines = ", ".join(str(c.line) for c in ctas[:3])
        yield self.report(post, start, 1, f"calls to action at line {lines}, but none in {where}: repeat the invitation at the end")


RULES = [CtaMissing, CtaNotInClosing]
