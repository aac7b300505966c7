"""`Context`: what a rule may read besides the post (the config, today's date, the site index).

A rule that reads today's date makes what it finds hold for some days only: `Context`
records it (`days`), so the results cache keeps findings across days and serves them
only on the days they hold for (a rule reading `today` ties them to this day; one asking
`is_future(date)`, as FM007 does, to the days that give the same answer).

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


#: every day (as ordinals, first and last): what rules that never read the date found holds on any day
ALL_DAYS = (1, dt.date.max.toordinal())


def days_overlap(days: tuple[int, int], other: tuple[int, int]) -> tuple[int, int]:
    """The days in both ranges (first > last: none)."""
    return max(days[0], other[0]), min(days[1], other[1])


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
    #: the days (ordinals, first and last) on which the rules run since it was last set to
    #: `ALL_DAYS` would find the same (the engine sets it before a post's rules and reads it after)
    days: tuple[int, int] = ALL_DAYS

    @property
    def run_date(self) -> dt.date:
        """The run's date, for the engine (not recorded in `days`: rules read `today`)."""
        return self._today

    def is_future(self, date: dt.date) -> bool:
        """Whether `date` is after today; `days` records the days with the same answer (before
        `date` when it is, from `date` on when it is not), so a cached finding built on the answer
        is served until the answer changes."""
        day, today = date.toordinal(), self._today.toordinal()
        self.days = days_overlap(self.days, (ALL_DAYS[0], day - 1) if day > today else (day, ALL_DAYS[1]))
        return day > today

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


def _read_today(ctx: Context) -> dt.date:
    """Today's date; what the rules find from now on holds for this day only (`days`)."""
    today = ctx._today
    ctx.days = days_overlap(ctx.days, (today.toordinal(), today.toordinal()))
    return today


def _set_today(ctx: Context, value: dt.date) -> None:
    ctx._today = value


# `today` stays a field of the constructor (positional or `today=`), read through `_read_today`
Context._today = dt.date.min  # type: ignore[attr-defined]
Context.today = property(_read_today, _set_today, doc="Today's date (reading it ties what a rule finds to this day: `days`).")  # type: ignore[assignment,method-assign]
