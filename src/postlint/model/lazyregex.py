"""Regexes compiled on first use.

A module-level `re.compile` runs at import, in every run: a pattern only some
posts need (HTML, template syntax, TOML front matter, a CJK look-around) costs
a one-file check its compile time whether or not the post has any. Such a
pattern is declared `_TAG = lazy_regex(r"<[^>]*>")` and used as `_TAG().sub(…)`:
compiled at the first call, the same `re.Pattern` from then on. Patterns every
run uses stay plain `re.compile` constants.
"""

from __future__ import annotations

import re
from functools import cache, partial
from typing import Callable


def lazy_regex(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """`re.compile(pattern, flags)`, made at the first call and returned by every call."""
    return cache(partial(re.compile, pattern, flags))
