"""Online link checking for `--check-links` (LNK007, LNK008): which URLs, their outcomes, one batch per run.

`run_batch` gathers the external http(s) links of the run's posts (without
`#fragment`, skipping links to `site.url`), answers what it can from the link
cache (`linkcache`), has `linkclient.Checker` request the rest concurrently,
draws a progress bar on a terminal and prints a summary line. LNK007 and
LNK008 share the batch through the run's `Context`.

Nothing here imports httpx or asyncio at module level: a run without
`--check-links` must not pay for (or even have) the network stack.
"""

from __future__ import annotations

import re
import sys
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Awaitable, Callable, Iterable, TextIO, TypeVar

from ..model.config import ConfigError
from ..model.textsafe import escape_controls
from .cache import LinkCache
from .settings import LinkSettings, Outcome, is_external

if TYPE_CHECKING:  # pragma: no cover
    from ..model.context import Context
    from ..parse.document import Post

MEMO_KEY = "linkcheck.batch"

T = TypeVar("T")


# --- which links are checked -----------------------------------------------------------


@dataclass(frozen=True)
class LinkRef:
    """One place that links to a checked URL."""

    path: str
    url: str  # as written, fragment included
    line: int
    column: int
    end_line: int
    end_column: int


def url_key(url: str) -> str:
    """The URL as requested: without its `#fragment`, which never reaches the server."""
    return url.split("#", 1)[0]



def _site_prefix(site_url: str | None) -> tuple[str, str] | None:
    if not site_url or not is_external(site_url):
        return None
    rest = site_url.split("://", 1)[1]
    host, _, path = rest.partition("/")
    return host.lower(), "/" + path.strip("/")


def is_internal(url: str, site: tuple[str, str] | None) -> bool:
    """An absolute link to the configured `site.url` (either scheme) is an internal link."""
    if site is None:
        return False
    rest = url.split("://", 1)[1]
    host, _, path = re.split(r"[?#]", rest, maxsplit=1)[0].partition("/")
    if host.lower() != site[0]:
        return False
    path = "/" + path
    return site[1] == "/" or path == site[1] or path.startswith(site[1] + "/")


def collect_targets(posts: Iterable["Post"], site_url: str | None) -> dict[str, list[LinkRef]]:
    """Every external http(s) link of `posts`, grouped by the URL that is requested."""
    site = _site_prefix(site_url)
    targets: dict[str, list[LinkRef]] = {}
    for post in posts:
        for link in post.links:
            url = link.url.strip()
            if not is_external(url) or is_internal(url, site) or "{{" in url or "{%" in url:
                continue  # (a target with template syntax is the generator's to fill in: never requested)
            ref = LinkRef(post.display_path, link.url, link.line, link.column, link.end_line, link.end_column)
            targets.setdefault(url_key(url), []).append(ref)
    return targets


# --- progress ----------------------------------------------------------------------------


class Progress:
    """A one-line progress bar on a terminal's stderr; silent anywhere else."""

    WIDTH = 30

    def __init__(self, total: int, stream: TextIO | None, enabled: bool = True) -> None:
        self.total = total
        self.done = 0
        self.stream = stream
        self.active = bool(enabled and total > 0 and stream is not None and _isatty(stream))
        self._last = 0.0

    def advance(self, _outcome: Outcome | None = None) -> None:
        self.done += 1
        now = time.monotonic()
        if self.active and (now - self._last >= 0.1 or self.done == self.total):
            self._last = now
            self._draw()

    def _draw(self) -> None:
        assert self.stream is not None
        filled = self.WIDTH * self.done // self.total
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        self.stream.write(f"\rchecking links [{bar}] {self.done}/{self.total}")
        self.stream.flush()

    def close(self) -> None:
        if self.active and self.stream is not None:
            self.stream.write("\r" + " " * (self.WIDTH + 40) + "\r")
            self.stream.flush()


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


# --- one batch per run --------------------------------------------------------------------


@dataclass
class Batch:
    """Every external target of a run and its outcome; LNK007 and LNK008 share one."""

    settings: LinkSettings
    targets: dict[str, list[LinkRef]] = field(default_factory=dict)
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    cache_error: str | None = None

    def summary(self) -> str:
        outcomes = list(self.outcomes.values())
        fetched = sum(1 for o in outcomes if not o.cached and not o.skipped)
        cached = sum(1 for o in outcomes if o.cached)
        skipped = sum(1 for o in outcomes if o.skipped)
        failed = sum(1 for o in outcomes if not o.reachable(self.settings.accept))
        redirected = sum(1 for o in outcomes if o.permanent_redirect(self.settings.accept))
        unverified = sum(1 for o in outcomes if o.unverified)
        return (
            f"links: {len(outcomes)} URL{'' if len(outcomes) == 1 else 's'}: {fetched} checked, {cached} cached, {skipped} skipped; "
            f"{failed} failed, {redirected} redirected" + (f", {unverified} unverified" if unverified else "")
        )


_FAILED = object()


def ensure_available() -> None:
    """Fail early, as a usage error, when the HTTP client is not installed."""
    try:
        import httpx  # noqa: F401
    except ImportError:
        raise ConfigError("--check-links needs the httpx package: pip install 'postlint[links]'") from None


def batch_for(ctx: "Context") -> Batch:
    """The run's batch: checked on first use, then shared through the context."""
    batch = ctx.memo.get(MEMO_KEY)
    if batch is None:
        ctx.memo[MEMO_KEY] = _FAILED  # stays if the batch raises: one PL003, not one per rule
        batch = ctx.memo[MEMO_KEY] = run_batch(ctx)
    elif batch is _FAILED:
        return Batch(LinkSettings())
    return batch


def run_batch(ctx: "Context", stream: TextIO | None = None) -> Batch:
    settings = LinkSettings.from_config(ctx.config.links)
    batch = Batch(settings, collect_targets(ctx.run_posts, ctx.config.site_url))
    cache = LinkCache.load(ctx.config.resolve_path(ctx.config.cache_dir), settings.cache_max_age)
    now = time.time()
    pending: list[str] = []
    for key in batch.targets:
        if settings.excluded(key):
            batch.outcomes[key] = Outcome(key, skipped="excluded")
            continue
        entry = cache.get(key, now)
        if entry is not None:
            batch.outcomes[key] = Outcome.from_cache(key, entry)
        else:
            pending.append(key)
    stream = stream if stream is not None else sys.stderr
    if pending:
        progress = Progress(len(pending), stream, enabled=ctx.report_progress)
        try:
            checked = run_coroutine(lambda: _check_urls(pending, settings, progress.advance))
        finally:
            progress.close()
        for key in pending:
            outcome = checked[key]
            batch.outcomes[key] = outcome
            if outcome.cacheable:
                cache.put(key, outcome.to_cache(time.time()))
    batch.cache_error = cache.save()
    if ctx.report_progress:
        if batch.cache_error:
            stream.write(f"postlint: warning: {escape_controls(batch.cache_error)}\n")
        stream.write(f"postlint: {batch.summary()}\n")
        stream.flush()
    return batch


async def _check_urls(urls: list[str], settings: LinkSettings, on_done: Callable[[Outcome], None]) -> dict[str, Outcome]:
    from .client import Checker

    async with Checker(settings, on_done=on_done) as checker:
        return await checker.check_all(urls)


def run_coroutine(factory: Callable[[], Awaitable[T]]) -> T:
    """Run a coroutine to completion, also when the caller is already inside an event loop."""
    import asyncio

    async def main() -> T:
        return await factory()

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(main())
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, main()).result()
