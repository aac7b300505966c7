"""`Span`: a range of a file, as rules report it (a link, an image, a heading, a front-matter value)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """A range of the file: 1-based lines and columns (counted in characters), the end exclusive.

    `Post.span_of(link)` (or an image, heading, bare URL), `Post.url_span(link)` and
    `post.front_matter.value_span(key)` give one; `Rule.report_at(post, span, message)`
    reports a finding over it.
    """

    line: int
    column: int
    end_line: int
    end_column: int

    @property
    def single_line(self) -> bool:
        return self.end_line == self.line
