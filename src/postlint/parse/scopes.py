"""Named parts of a post ("scopes") as pieces of text that know their file lines.

Language rules and pack kinds read text through these, so a match at offset N
of a piece can be reported at its file line (and, when the matched text can be
found on that line, at its column).
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator, Sequence

if TYPE_CHECKING:  # pragma: no cover
    from .document import Block, Image, Post

SCOPES = ("prose", "paragraphs", "headings", "link-text", "alt", "title", "description", "closing")
#: Share of the body's words that forms the closing part of a post without H2s.
CLOSING_SHARE = 0.2


@dataclass(frozen=True)
class Piece:
    """A run of text from one place of the post."""

    text: str
    line: int
    column: int = 1
    block: "Block | None" = None

    def locate(self, post: "Post", offset: int, matched: str = "") -> tuple[int, int]:
        """File (line, column) of `offset` in this piece; the column is exact when `matched`
        (the text found at `offset`) can be found on that file line, else the piece's column."""
        if self.block is None:
            line, line_start = self.line, 0
        else:
            line = self.block.line_at(offset)
            index = bisect_right(self.block.breaks, (offset, sys.maxsize))
            line_start = self.block.breaks[index - 1][0] if index else 0
        if not matched:
            return line, self.column
        needle = matched.lower()
        nth = self.text[line_start:offset].lower().count(needle)
        raw = post.line_text(line).lower()
        found = -1
        for _ in range(nth + 1):
            found = raw.find(needle, found + 1)
            if found < 0:
                return line, self.column
        return line, found + 1


def body_line(post: "Post") -> int:
    """Line 1 of the body: where document-wide figures are reported."""
    return max(1, min(post.body_offset + 1, len(post.lines)))


def closing_line(post: "Post", share: float = CLOSING_SHARE) -> int | None:
    """First file line of the closing part: the last H2, else the sentence where the last
    `share` of the body's words begins; None when the post has no prose."""
    h2s = [h for h in post.headings if h.level == 2]
    if h2s:
        return h2s[-1].line
    blocks = post.prose_blocks
    total = post.word_count  # the words of these blocks' sentences (counted once a post)
    if not total:
        return None
    start = total * (1 - share)
    seen = 0
    for block in blocks:
        if seen + block.word_count <= start:  # not in this block: its sentences are not split again
            seen += block.word_count
            continue
        for sentence in block.sentences:
            seen += len(sentence.words)
            if seen > start:
                return block.line_at(sentence.start)
    return None  # pragma: no cover (the loop always reaches `total`)


def closing_blocks(post: "Post", share: float = CLOSING_SHARE) -> list["Block"]:
    """Prose blocks of the closing part (see `closing_line`); a block it starts inside counts whole."""
    line = closing_line(post, share)
    if line is None:
        return []
    return [b for b in post.prose_blocks if b.end_line >= line]


def hero_image(post: "Post") -> "Image | None":
    """The image whose source is front matter `image`, else the body's first image."""
    hero = post.hero
    if hero is not None:
        for image in post.images:
            if image.src.strip() == hero[1]:
                return image
    return post.images[0] if post.images else None


def scope_blocks(post: "Post", scope: str) -> "Sequence[Block] | None":
    """The blocks of a scope made of blocks (`prose`, `paragraphs`, `closing`): their pieces are
    `Piece(block.prose, block.line, 1, block)`; None for any other scope."""
    if scope == "prose":
        return post.prose_blocks
    if scope == "paragraphs":
        return post.paragraphs
    if scope == "closing":
        return closing_blocks(post)
    return None


def pieces(post: "Post", scope: str) -> Iterator[Piece]:
    """The pieces of `scope` in `post` (see `SCOPES`, plus `frontmatter.<field>`)."""
    blocks = scope_blocks(post, scope)
    if blocks is not None:
        for block in blocks:
            yield Piece(block.prose, block.line, 1, block)
    elif scope == "headings":
        for heading in post.headings:
            yield Piece(heading.text, heading.line, heading.column)
    elif scope == "link-text":
        for link in post.links:
            yield Piece(link.text, link.line, link.column)
    elif scope == "alt":
        for image in post.images:
            if image.alt:
                yield Piece(image.alt, image.line, image.column)
    elif scope in ("title", "description") or scope.startswith("frontmatter."):
        key = scope.split(".", 1)[1] if scope.startswith("frontmatter.") else scope
        if not post.front_matter.valid:
            return
        value = post.meta.get(key)
        info = post.front_matter.fields.get(key)
        line, column = (info.value_span.line, info.value_span.column) if info else (post.meta_line(key), 1)
        if isinstance(value, str):
            yield Piece(value, line, column)
        elif isinstance(value, list):
            spans = info.items if info and len(info.items) == len(value) else []
            for index, item in enumerate(value):
                if isinstance(item, str):
                    span_line, span_col = (spans[index].line, spans[index].column) if spans else (line, column)
                    yield Piece(item, span_line, span_col)


def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """A keyphrase as a case-insensitive pattern: its words joined by spaces or hyphens,
    at word boundaries, the last word optionally plural."""
    parts = [re.escape(p) for p in re.findall(r"[^\W_]+(?:['’][^\W_]+)*", phrase)]
    if not parts:
        return re.compile(r"(?!x)x")
    body = r"[\s\-]+".join(parts)
    return re.compile(rf"(?<![\w-]){body}(?:s|es)?(?![\w])", re.IGNORECASE)
