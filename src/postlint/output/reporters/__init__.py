"""Reporters: one small module per output format, imported only when used."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

if TYPE_CHECKING:  # pragma: no cover
    from ...engine.findinglist import LineFormat
    from ...engine.registry import Registry
    from ...model.findings import Finding
    from ...model.rule import Rule
    from ...site.index import Site

FORMATS = ("text", "concise", "json", "sarif", "github", "junit", "gitlab", "github-summary", "html")
#: formats that show the whole site (every post's facts, the link graph): the run computes them
SITE_FORMATS = ("html",)
#: formats that can list every duplicate group once (`check --show-groups`; docs/output-formats.md)
GROUP_FORMATS = ("text", "concise", "json", "sarif", "junit", "github-summary", "html")
#: formats that list the groups without `--show-groups` (a summary: the first few, bounded)
DEFAULT_GROUP_FORMATS = ("github-summary", "html")
#: the module of a format whose name is not a module name
_MODULES = {"github-summary": "summary"}
#: formats whose output is JSON: every control character is escaped, so no terminal escape
#: sequence can appear in it and there is nothing to strip when colour is off
JSON_FORMATS = ("json", "sarif", "gitlab")


@dataclass
class Report:
    """Everything a reporter may print: the findings and what produced them."""

    findings: Sequence["Finding"]  # a list, or a `FindingList` from a run with the format's lines
    files: int
    registry: "Registry"
    rules: list["Rule"] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)  # every file linted, for per-file formats
    sources: dict[str, list[str]] = field(default_factory=dict)  # path -> lines, for content fingerprints
    color: bool = False
    quiet: bool = False
    #: the run's site index (`RunResult.site`): posts' facts and the link graph, for `html`
    site: "Site | None" = None
    #: every config's site index (`RunResult.sites`: a subfolder config's run has its own), for the groups
    sites: list["Site"] = field(default_factory=list)
    #: list every duplicate group once, whole (`check --show-groups`: `GROUP_FORMATS`)
    show_groups: bool = False


def get(name: str) -> Callable[[Report], str]:
    """The `render(report) -> str` function of a format."""
    return _module(name).render


def get_chunks(name: str) -> Callable[[Report], Iterable[str | bytes]]:
    """The format's report in pieces to write one after the other (`render_chunks`, where a
    format can be long: a long report is then never one string), else its whole `render`.
    A piece is text, or UTF-8 bytes to write as they are."""
    module = _module(name)
    chunks: Callable[[Report], Iterable[str | bytes]] | None = getattr(module, "render_chunks", None)
    if chunks is not None:
        return chunks
    return lambda report: (module.render(report),)


def whole(parts: Iterable[str | bytes]) -> str:
    """A report written in pieces (`render_chunks`) as one string; UTF-8 bytes are decoded, a
    file name's undecodable bytes kept as the surrogates that stand for them."""
    return "".join(part if isinstance(part, str) else part.decode("utf-8", "surrogateescape") for part in parts)


def line_format(name: str, color: bool = False) -> "LineFormat | None":
    """How the format writes one finding (in colour or not), when it writes each on a line of its
    own and can write an unchanged file's lines from the cache (`findinglist`); else None."""
    factory: Callable[[bool], LineFormat] | None = getattr(_module(name), "line_format", None)
    return factory(color) if factory is not None else None


def _module(name: str) -> Any:
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}")
    return importlib.import_module(f"{__name__}.{_MODULES.get(name, name)}")
