"""The image and link shortcodes postlint knows: the built-in ones, and a site's own from
the `templates.shortcodes` config key (see docs/templates.md).

Kept apart from `templates` (the template-syntax scanner, which uses them) because the
config reads and checks `templates.shortcodes`, and the config sits below the parse layer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ShortcodeSpec:
    """How a shortcode maps to an image or a link: which argument holds what."""

    kind: str  # image | link
    src: int | str = 0  # the image source or link target
    alt: int | str | None = None  # the image's alt text
    fallback_alt: int | str | None = None  # used when `alt` is absent (Hugo's figure: caption)


#: the shortcodes every site gets; a site's `templates.shortcodes` adds to (or replaces) these
BUILTIN_SHORTCODES: dict[str, ShortcodeSpec] = {
    "figure": ShortcodeSpec("image", "src", "alt", "caption"),  # Hugo
    "image": ShortcodeSpec("image", 0, 1),  # Eleventy Image
    "ref": ShortcodeSpec("link", 0),  # Hugo
    "relref": ShortcodeSpec("link", 0),  # Hugo
    "link": ShortcodeSpec("link", 0),  # Jekyll
    "post_url": ShortcodeSpec("link", 0),  # Jekyll
}


SPEC_KEYS = {"kind", "src", "alt", "fallback-alt"}


def shortcode_specs(value: Any, where: str) -> dict[str, ShortcodeSpec]:
    """The `templates.shortcodes` mapping checked and read; raises ValueError with a one-line reason."""
    if not isinstance(value, dict):
        raise ValueError(f"{where} must map shortcode names to {{kind: image|link, src: …, alt: …}}")
    specs: dict[str, ShortcodeSpec] = {}
    for name, item in value.items():
        label = f"{where}: shortcode `{name}`"
        if not isinstance(name, str) or not re.fullmatch(r"[\w.-]+", name):
            raise ValueError(f"{where}: {name!r} is not a shortcode name")
        if not isinstance(item, dict):
            raise ValueError(f"{label} must be a mapping with `kind`")
        unknown = set(map(str, item)) - SPEC_KEYS
        if unknown:
            raise ValueError(f"{label}: unknown key `{sorted(unknown)[0]}` (allowed: {', '.join(sorted(SPEC_KEYS))})")
        kind = item.get("kind")
        if kind not in ("image", "link"):
            raise ValueError(f"{label}: `kind` must be image or link")
        keys = {key: item.get(key) for key in ("src", "alt", "fallback-alt")}
        for key, arg in keys.items():
            if arg is not None and (isinstance(arg, bool) or not isinstance(arg, (int, str)) or (isinstance(arg, int) and arg < 0)):
                raise ValueError(f"{label}: `{key}` must be an argument position (0, 1, …) or name")
        if kind == "link" and (keys["alt"] is not None or keys["fallback-alt"] is not None):
            raise ValueError(f"{label}: a link shortcode has no `alt`")
        src = keys["src"] if keys["src"] is not None else 0
        specs[name] = ShortcodeSpec(kind, src, keys["alt"], keys["fallback-alt"])
    return specs
