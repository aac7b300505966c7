"""The Python API behind `postlint.lint_paths` and `postlint.lint_text`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .cache.runner import run
from .model.config import Config, apply_generator, from_mapping
from .model.findings import Finding


def _config(options: dict[str, Any]) -> Config:
    mapping = {key.replace("_", "-"): value for key, value in options.items()}
    return apply_generator(from_mapping(mapping, root=Path.cwd()))  # `site={"generator": "none"}` turns detection off


def lint_paths(paths: list[str], **options: Any) -> list[Finding]:
    """Lint files, folders or globs with config keys given as keyword arguments."""
    return run(list(paths), _config(options)).findings


def lint_text(text: str, path: str = "post.md", **options: Any) -> list[Finding]:
    """Lint one post given as a string; `path` names it (and matters for path rules)."""
    return run([], _config(options), stdin=(path, text)).findings
