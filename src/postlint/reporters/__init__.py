"""Reporters: one small module per output format, imported only when used."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:  # pragma: no cover
    from ..findings import Finding
    from ..registry import Registry, Rule

FORMATS = ("text", "concise", "json", "sarif", "github", "junit", "gitlab")


@dataclass
class Report:
    """Everything a reporter may print: the findings and what produced them."""

    findings: list["Finding"]
    files: int
    registry: "Registry"
    rules: list["Rule"] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)  # every file linted, for per-file formats
    sources: dict[str, list[str]] = field(default_factory=dict)  # path -> lines, for content fingerprints
    color: bool = False
    quiet: bool = False


def get(name: str) -> Callable[[Report], str]:
    """The `render(report) -> str` function of a format."""
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}")
    module = importlib.import_module(f"{__name__}.{name}")
    return module.render
