"""`Context`: what a rule may read besides the post (the config, today's date, the site index).

The site index is injected: whoever builds the context (the engine's `Linter`)
passes `site_factory`, called on first use of `Context.site`, so this module and
the rules know the site only by the `SiteIndex` protocol below. Link checking is
injected the same way (`link_checker`), by the command that asks for it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Protocol

from .config import Config

if TYPE_CHECKING:  # pragma: no cover
    import os

    from ..parse.document import Post


class SiteIndex(Protocol):
    """What rules read from the site index (`site.Site` implements it)."""

    root: Path
    static_dirs: list[Path]
    posts: list[Any]

    def file_stat(self, path: "Path | str") -> "os.stat_result | None": ...

    def is_file(self, path: "Path | str") -> bool: ...

    def internal_path(self, url: str) -> str | None: ...

    def resolve(self, post: "Post", url: str) -> Any: ...

    def asset_candidates(self, post: "Post", src: str) -> list[Path] | None: ...

    def asset_key(self, post: "Post", src: str) -> str: ...


@dataclass
class Context:
    """What a rule may read besides the post: the config, today's date, the site index."""

    config: Config
    today: dt.date = field(default_factory=dt.date.today)
    check_links: bool = False
    run_posts: list["Post"] = field(default_factory=list)
    #: the merged `data:` of the loaded rule packs (see `packs.data_value`).
    pack_data: dict[str, Any] = field(default_factory=dict)
    _site: SiteIndex | None = None
    #: may print progress and summaries on stderr (the CLI without --quiet).
    report_progress: bool = False
    #: per-run results site rules share (e.g. one link-check batch for LNK007 and LNK008).
    memo: dict[str, Any] = field(default_factory=dict)
    #: the working directory findings' paths are relative to (the site index names other posts with it)
    cwd: Path = field(default_factory=Path.cwd)
    #: the run's report shows the whole site (`--format html`): every indexed post's facts and
    #: the link graph are computed (and cached) during the run
    site_report: bool = False
    #: the run's report lists the duplicate groups (`--show-groups`, `github-summary`): a run whose
    #: cross-post findings all come from the results cache builds the site index all the same
    list_groups: bool = False
    #: builds the site index on first use of `site` (the engine passes `site.Site.build`)
    site_factory: Callable[["Context"], SiteIndex] | None = None
    #: with `--check-links`: the run's link-check batch for this context (the command passes
    #: `linkcheck.batch_for`), which LNK007 and LNK008 read through `link_batch`
    link_checker: Callable[["Context"], Any] | None = None

    @property
    def site(self) -> SiteIndex:
        """The site index: every post of the run and of the configured content dirs."""
        if self._site is None:
            if self.site_factory is None:
                raise RuntimeError("this Context has no site index: pass site_factory=postlint.site.index.Site.build")
            self._site = self.site_factory(self)
        return self._site

    def link_batch(self) -> Any:
        """The run's checked links (a `linkcheck.Batch`), checked on first use."""
        if self.link_checker is None:
            raise RuntimeError("links are not checked in this run: pass link_checker=postlint.links.check.batch_for")
        return self.link_checker(self)
