"""Link checking's settings (the `links:` table, typed) and what checking one URL found.

A module of its own so that the HTTP client (`linkclient`) and the batch that
uses it (`linkcheck`) both import it, and not each other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from ..model.config import ConfigError
from .cache import CachedOutcome

#: Answers that a server may give for a while only: retried, and never cached.
TRANSIENT_STATUSES = frozenset({408, 429, 500, 502, 503, 504})


def is_external(url: str) -> bool:
    return url[:7].lower() == "http://" or url[:8].lower() == "https://"


@dataclass(frozen=True)
class LinkSettings:
    """The `links:` config table, typed (config.py has already validated it)."""

    timeout: float = 10.0
    retries: int = 2
    max_concurrency: int = 32
    per_host: int = 4
    cache_max_age: float = 86400.0
    accept: frozenset[int] = frozenset({200, 204, 206})
    exclude: tuple[re.Pattern[str], ...] = ()
    allow_private: bool = False
    user_agent: str = "postlint"
    #: first retry delay in seconds; doubles with each retry.
    backoff: float = 0.5
    #: seconds the whole batch may take; URLs not answered by then are reported unverified.
    deadline: float = 120.0
    #: the longest `Retry-After` waited for; a host asking more is given up (circuit breaker).
    max_retry_after: float = 10.0
    #: timeouts in a row after which a host is given up (circuit breaker).
    host_timeouts: int = 3

    @classmethod
    def from_config(cls, links: dict[str, Any]) -> "LinkSettings":
        try:
            exclude = tuple(re.compile(p) for p in links.get("exclude", []))
        except re.error as exc:
            raise ConfigError(f"links.exclude: invalid regular expression {exc.pattern!r}: {exc}") from None
        return cls(
            timeout=float(links.get("timeout", cls.timeout)),
            retries=int(links.get("retries", cls.retries)),
            max_concurrency=max(1, int(links.get("max-concurrency", cls.max_concurrency))),
            per_host=max(1, int(links.get("per-host", cls.per_host))),
            cache_max_age=float(links.get("cache-max-age", cls.cache_max_age)),
            accept=frozenset(int(s) for s in links.get("accept", cls.accept)),
            exclude=exclude,
            allow_private=bool(links.get("allow-private", False)),
            user_agent=str(links.get("user-agent", cls.user_agent)),
            deadline=float(links.get("deadline", cls.deadline)),
            max_retry_after=float(links.get("max-retry-after", cls.max_retry_after)),
            host_timeouts=max(1, int(links.get("host-timeouts", cls.host_timeouts))),
        )

    def excluded(self, url: str) -> bool:
        return any(pattern.search(url) for pattern in self.exclude)


@dataclass(frozen=True)
class Outcome:
    """What checking one URL found. `status` is the last answer; `error` a failure without one."""

    url: str
    status: int | None = None
    error: str | None = None
    final_url: str | None = None  # where redirects ended, when there were any
    redirect: str | None = None  # the target of the leading run of 301/308 hops
    redirect_codes: tuple[int, ...] = ()
    attempts: int = 1
    skipped: str | None = None  # "private" | "excluded" | "unrequestable" (a host name httpx cannot encode)
    cached: bool = False
    #: why the URL was not (fully) checked: its host was given up, or the run's deadline passed
    unverified: str | None = None

    def reachable(self, accept: frozenset[int]) -> bool:
        """Not known to fail: answered well, skipped, or unverified (LNK007 reports that apart)."""
        if self.skipped or self.unverified:
            return True
        if self.error is not None or self.status is None:
            return False
        return 200 <= self.status < 300 or self.status in accept

    def failure(self, accept: frozenset[int]) -> str | None:
        """Why the URL is unreachable (for LNK007), or None when it is fine."""
        if self.reachable(accept):
            return None
        if self.error is not None:
            reason = self.error + (f", after redirect to `{self.final_url}`" if self.final_url else "")
        else:
            assert self.status is not None
            reason = f"HTTP {self.status}{_phrase(self.status)}"
            if self.final_url:
                reason += f" after redirect to `{self.final_url}`"
        if self.attempts > 1:
            reason += f" ({self.attempts} attempts)"
        return reason

    def permanent_redirect(self, accept: frozenset[int]) -> str | None:
        """The URL to link to instead (for LNK008): only when the target is reachable."""
        return self.redirect if self.redirect and self.reachable(accept) else None

    @property
    def cacheable(self) -> bool:
        return self.skipped is None and self.error is None and self.status is not None and self.status not in TRANSIENT_STATUSES

    def to_cache(self, now: float) -> CachedOutcome:
        assert self.status is not None
        return CachedOutcome(now, self.status, self.final_url, self.redirect, self.redirect_codes)

    @classmethod
    def from_cache(cls, url: str, entry: CachedOutcome) -> "Outcome":
        return cls(url, entry.status, None, entry.final_url, entry.redirect, entry.redirect_codes, cached=True)


def _phrase(status: int) -> str:
    try:
        return " " + HTTPStatus(status).phrase
    except ValueError:
        return ""
