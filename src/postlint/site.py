"""The site index: every post of the run (and of the configured content dirs) for cross-post rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .document import Post
    from .engine import Context


@dataclass
class Site:
    posts: list["Post"] = field(default_factory=list)

    @classmethod
    def build(cls, ctx: "Context") -> "Site":
        return cls(list(ctx.run_posts))
