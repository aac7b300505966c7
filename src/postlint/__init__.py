"""postlint: a fast, pluggable content-SEO and quality linter for Markdown blog posts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .model.version import __version__

if TYPE_CHECKING:  # pragma: no cover
    from .model.findings import Finding

__all__ = ["__version__", "lint_paths", "lint_text"]


def lint_paths(paths: list[str], **config: Any) -> list["Finding"]:
    """Lint files and folders; `config` takes the same keys as `[tool.postlint]`."""
    from .api import lint_paths as _lint_paths

    return _lint_paths(paths, **config)


def lint_text(text: str, path: str = "post.md", **config: Any) -> list["Finding"]:
    """Lint one post given as text; `path` names it in findings and for path rules."""
    from .api import lint_text as _lint_text

    return _lint_text(text, path, **config)
