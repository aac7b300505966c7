"""Reporters: one small module per output format, imported only when used."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable

if TYPE_CHECKING:  # pragma: no cover
    from ..findings import Finding
    from ..registry import Registry, Rule

FORMATS = ("text", "concise", "json", "sarif", "github", "junit", "gitlab")
#: formats whose output is JSON: every control character is escaped, so no terminal escape
#: sequence can appear in it and there is nothing to strip when colour is off
JSON_FORMATS = ("json", "sarif", "gitlab")


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
    return _module(name).render


def get_chunks(name: str) -> Callable[[Report], Iterable[str]]:
    """The format's report in pieces to write one after the other (`render_chunks`, where a
    format can be long: a long report is then never one string), else its whole `render`."""
    module = _module(name)
    chunks: Callable[[Report], Iterable[str]] | None = getattr(module, "render_chunks", None)
    if chunks is not None:
        return chunks
    return lambda report: (module.render(report),)


def _module(name: str) -> Any:
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}")
    return importlib.import_module(f"{__name__}.{name}")
