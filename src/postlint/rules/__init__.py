"""Built-in rules, one module per family. Loaded through the `postlint.rules` entry point."""

from __future__ import annotations

from ..model.rule import Rule
from . import core, cta, frontmatter, headings, images, links, readability, seo

BUILTIN_RULES: list[type[Rule]] = [
    *core.RULES,
    *frontmatter.RULES,
    *images.RULES,
    *cta.RULES,
    *links.RULES,
    *headings.RULES,
    *readability.RULES,
    *seo.RULES,
]
