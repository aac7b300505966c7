"""postlint: a fast, pluggable content-SEO and quality linter for Markdown blog posts.

The public API, for scripts and plugins (docs/writing-rules.md):

    from postlint import Rule, Option, Context, Finding, Fix, Edit, Severity, Post, Span
    from postlint import lint_paths, lint_text
    # cross-post rules whose findings are groups of posts (the group hook)
    from postlint import GroupRule, PostGroup, GroupMember, group_posts, others_of, others_text, PostSummary, Site

Names other than `__version__` are imported on first use, so `postlint --version`
and a one-file check load no more than they need.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .model.version import __version__

if TYPE_CHECKING:  # pragma: no cover
    from .model.context import Context
    from .model.findings import Edit, Finding, Fix, Severity
    from .model.options import Option
    from .model.rule import Rule
    from .model.span import Span
    from .parse.document import Post
    from .site.groups import GroupMember, GroupRule, PostGroup, group_posts, others_of, others_text
    from .site.index import PostSummary, Site

#: each public name -> the module that defines it
_PUBLIC = {
    "Rule": "postlint.model.rule",
    "Option": "postlint.model.options",
    "Context": "postlint.model.context",
    "Finding": "postlint.model.findings",
    "Fix": "postlint.model.findings",
    "Edit": "postlint.model.findings",
    "Severity": "postlint.model.findings",
    "Span": "postlint.model.span",
    "Post": "postlint.parse.document",
    "GroupRule": "postlint.site.groups",
    "PostGroup": "postlint.site.groups",
    "GroupMember": "postlint.site.groups",
    "group_posts": "postlint.site.groups",
    "others_of": "postlint.site.groups",
    "others_text": "postlint.site.groups",
    "PostSummary": "postlint.site.index",
    "Site": "postlint.site.index",
}

__all__ = ["__version__", "lint_paths", "lint_text", *_PUBLIC]


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # the next lookup is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


def lint_paths(paths: list[str], **config: Any) -> list["Finding"]:
    """Lint files and folders; `config` takes the same keys as `[tool.postlint]`."""
    from .api import lint_paths as _lint_paths

    return _lint_paths(paths, **config)


def lint_text(text: str, path: str = "post.md", **config: Any) -> list["Finding"]:
    """Lint one post given as text; `path` names it in findings and for path rules."""
    from .api import lint_text as _lint_text

    return _lint_text(text, path, **config)
