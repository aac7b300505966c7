"""What every post needs of `templates` without importing it: the placeholder that masks
template syntax, whether a body may hold any, and which spans may put an anchor on the page.
`templates` (its span classes and patterns) is imported only for a body that may hold some:
most posts hold no `{`."""

from __future__ import annotations

from typing import Protocol

from ..model.lazyregex import lazy_regex

#: what each template character is masked with: not white space, not punctuation, starts no markup
PLACEHOLDER = "\ue000"
#: a tag's name: `figure`, `raw`, `/highlight`
TAG_NAME = lazy_regex(r"\{(?:\{[<%]/?|%)-?\s*(/?[\w.-]+)")

#: tags that put no element with an id on the page: Liquid/Nunjucks control flow, the code
#: bodies, Jekyll's URL tags, Hugo's embeds and parameters, and the built-in image and link
#: shortcodes (`model.shortcodes.BUILTIN_SHORTCODES`)
_NO_ANCHOR_TAGS = frozenset(
    {
        "if", "elsif", "elif", "else", "unless", "case", "when", "for", "break", "continue", "assign",
        "capture", "increment", "decrement", "cycle", "tablerow", "set", "raw", "comment", "highlight",
        "verbatim", "link", "post_url", "param", "youtube", "vimeo", "tweet", "x", "gist", "instagram", "qr",
        "figure", "image", "ref", "relref",
    }
)


class Tag(Protocol):
    """What names a tag: a `templates.TemplateSpan` (imported from here, not the other way)."""

    @property
    def kind(self) -> str: ...

    @property
    def text(self) -> str: ...


def quick_check(body: str, mdx: bool) -> bool:
    """Whether `body` may hold template syntax at all (one substring test for most posts)."""
    if "{" in body:
        return True
    return mdx and ("<" in body or "import" in body or "export" in body)


def span_name(span: Tag) -> str | None:
    """The tag's name (`figure`, `raw`, `/highlight`), or None for outputs and comments."""
    match = TAG_NAME().match(span.text)
    if match is None:
        return None
    # Hugo also closes a shortcode `{{</ name >}}`, the slash before the space
    return "/" + match.group(1) if span.text[3:4] == "/" and not match.group(1).startswith("/") else match.group(1)


def makes_anchors(span: Tag) -> bool:
    """Whether a span may put an element with an id on the page: a shortcode or tag other than
    control flow, a code body or a known image/link/embed one (`{{% def id="x" %}}`, `{% include toc.html %}`)."""
    if span.kind not in ("shortcode", "tag"):
        return False
    name = span_name(span)
    return (
        name is not None and not name.startswith("/") and not name.startswith("end") and name not in _NO_ANCHOR_TAGS
        and "code" not in name.lower()  # one that shows code (`code-toggle`, `codeExample`) writes no id
    )
