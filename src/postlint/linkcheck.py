"""Online link checking for `--check-links` (LNK007, LNK008): async, bounded, polite, cached.

Every distinct external http(s) URL of the run (without its `#fragment`) is
checked once: HEAD first, GET when HEAD is refused (403/405/501); redirects are
followed by hand, up to 10, so each hop is seen (a leading run of 301/308 hops
is a permanent redirect); 408/429/5xx answers, timeouts and connection errors
are retried with exponential backoff that honours `Retry-After`. Concurrency is
bounded overall (`max-concurrency`) and per host (`per-host`). Targets on
private, loopback or link-local addresses are skipped unless `allow-private`.

Nothing here imports httpx or asyncio at module level: a run without
`--check-links` must not pay for (or even have) the network stack.
"""

from __future__ import annotations

import ipaddress
import re
import sys
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import TYPE_CHECKING, Any, Awaitable, Callable, Iterable, TextIO, TypeVar

from .config import ConfigError
from .linkcache import CachedOutcome, LinkCache

if TYPE_CHECKING:  # pragma: no cover
    import asyncio

    import httpx

    from .document import Post
    from .engine import Context

MAX_REDIRECTS = 10
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
PERMANENT_REDIRECTS = frozenset({301, 308})
#: Answers that a server may give for a while only: retried, and never cached.
TRANSIENT_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
#: Answers to HEAD that mean "ask me with GET".
HEAD_REFUSED = frozenset({403, 405, 501})
#: A Retry-After longer than this is not waited for: the failure is reported instead.
MAX_RETRY_AFTER = 60.0
MEMO_KEY = "linkcheck.batch"
#: Connections per `httpx.AsyncClient`: its pool scans every connection it holds on each
#: request, so a host with a higher `per-host` gets several small clients, not one big one.
POOL_SIZE = 4
_CGNAT = ipaddress.ip_network("100.64.0.0/10")

T = TypeVar("T")


# --- settings and outcomes ------------------------------------------------------------


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
    skipped: str | None = None  # "private" | "excluded"
    cached: bool = False

    def reachable(self, accept: frozenset[int]) -> bool:
        if self.skipped:
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


def is_external(url: str) -> bool:
    return url[:7].lower() == "http://" or url[:8].lower() == "https://"


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
            if not is_external(url) or is_internal(url, site):
                continue
            ref = LinkRef(post.display_path, link.url, link.line, link.column, link.end_line, link.end_column)
            targets.setdefault(url_key(url), []).append(ref)
    return targets


# --- private addresses -----------------------------------------------------------------


def is_private_address(address: str) -> bool:
    """Private, loopback, link-local, unspecified, reserved or multicast (CI must not probe them)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if isinstance(ip, ipaddress.IPv4Address) and ip in _CGNAT:
        return True
    return ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_unspecified or ip.is_reserved or ip.is_multicast


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a `Retry-After` header: delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


def retry_delay(retry: int, retry_after: float | None, backoff: float) -> float | None:
    """The wait before retry number `retry` (1-based), or None when Retry-After asks too much."""
    delay = backoff * 2.0 ** (retry - 1)
    if retry_after is not None:
        if retry_after > MAX_RETRY_AFTER:
            return None
        delay = max(delay, retry_after)
    return delay


# --- the checker -------------------------------------------------------------------------


class TransportFailure(Exception):
    """A request that got no HTTP answer; `text` is what the finding says."""

    def __init__(self, text: str, retryable: bool = True) -> None:
        super().__init__(text)
        self.text = text
        self.retryable = retryable
        self.attempts = 1


@dataclass
class _Pool:
    client: "httpx.AsyncClient"
    busy: int = 0  # requests in flight on this client


@dataclass
class _Host:
    """One host (name and port): its slots, its pause, and its own clients while it has users."""

    slots: "asyncio.Semaphore"
    paused_until: float = 0.0
    users: int = 0  # checks whose current hop is on this host
    pools: list[_Pool] = field(default_factory=list)

    async def close(self) -> None:
        pools, self.pools = self.pools, []
        for pool in pools:
            await pool.client.aclose()


@dataclass
class _Answer:
    status: int
    location: str | None
    attempts: int


class Checker:
    """Checks URLs; create and use it inside one event loop, as an async context manager.

    Each host gets its own small `httpx.AsyncClient`s of `POOL_SIZE` connections
    (sharing one TLS context): httpcore's pool scans every connection it holds
    on each request, so one shared pool of `max-concurrency` connections costs
    more CPU than the requests. A host's clients are closed as soon as no check
    needs them, so the open sockets stay within the concurrency limits.
    """

    def __init__(
        self,
        settings: LinkSettings,
        *,
        sleep: Callable[[float], Awaitable[None]] | None = None,
        clock: Callable[[], float] = time.monotonic,
        on_done: Callable[[Outcome], None] | None = None,
        client_options: dict[str, Any] | None = None,
    ) -> None:
        import asyncio

        import httpx

        self.settings = settings
        self.sleep = sleep or asyncio.sleep
        self.clock = clock
        self.on_done = on_done
        self._all = asyncio.Semaphore(settings.max_concurrency)
        self._hosts: dict[str, _Host] = {}
        self._resolved: dict[str, "asyncio.Future[list[str]]"] = {}
        self._client_options: dict[str, Any] = {
            "timeout": settings.timeout,
            "headers": {"User-Agent": settings.user_agent, "Accept": "*/*"},
            "follow_redirects": False,
            "verify": httpx.create_ssl_context(),
            "limits": httpx.Limits(max_connections=POOL_SIZE, max_keepalive_connections=POOL_SIZE),
            **(client_options or {}),
        }

    async def __aenter__(self) -> "Checker":
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        for host in self._hosts.values():
            await host.close()

    async def check_all(self, urls: Iterable[str]) -> dict[str, Outcome]:
        import asyncio

        keys = list(urls)
        outcomes = await asyncio.gather(*(self.check(url) for url in keys))
        return dict(zip(keys, outcomes, strict=True))

    async def check(self, url: str) -> Outcome:
        visit = _Visit(_host_key(url))
        self._host(visit.host).users += 1  # before any await: every queued check counts
        try:
            outcome = await self._follow(url, visit)
        finally:
            await self._leave(visit.host)
        if self.on_done is not None:
            self.on_done(outcome)
        return outcome

    async def _move(self, visit: "_Visit", url: str) -> None:
        host = _host_key(url)
        if host != visit.host:
            self._host(host).users += 1
            old, visit.host = visit.host, host
            await self._leave(old)

    async def _leave(self, key: str) -> None:
        host = self._hosts[key]
        host.users -= 1
        if host.users == 0:
            await host.close()

    async def _follow(self, url: str, visit: "_Visit") -> Outcome:
        import httpx

        current, hops = url, 0
        codes: list[int] = []
        redirect: str | None = None
        leading = True  # still in the leading run of permanent redirects
        while True:
            final = current if hops else None
            try:
                host = _valid_host(current)
                if await self._private(host):
                    return Outcome(url, skipped="private")
                answer = await self._fetch(current)
            except TransportFailure as exc:
                return Outcome(url, error=exc.text, final_url=final, attempts=exc.attempts)
            if answer.status not in REDIRECT_STATUSES or not answer.location:
                return Outcome(url, answer.status, None, final, redirect, tuple(codes), answer.attempts)
            hops += 1
            if hops > MAX_REDIRECTS:
                return Outcome(url, error=f"too many redirects (more than {MAX_REDIRECTS})")
            try:
                target = str(httpx.URL(current).join(answer.location))
            except (httpx.InvalidURL, ValueError):
                return Outcome(url, error=f"redirects to an invalid URL `{answer.location}`")
            if not is_external(target):
                return Outcome(url, error=f"redirects to an unsupported URL `{target}`")
            if self.settings.excluded(target):
                return Outcome(url, skipped="excluded")
            if leading and answer.status in PERMANENT_REDIRECTS:
                codes.append(answer.status)
                redirect = target
            else:
                leading = False
            current = target
            await self._move(visit, current)

    async def _fetch(self, url: str) -> _Answer:
        """One hop: HEAD (GET when refused), retried on transient answers and errors."""
        method, attempt = "HEAD", 1
        while True:
            try:
                status, headers = await self._send(method, url)
            except TransportFailure as exc:
                if not exc.retryable or attempt > self.settings.retries:
                    exc.attempts = attempt
                    raise
                await self.sleep(retry_delay(attempt, None, self.settings.backoff) or 0.0)
                attempt += 1
                continue
            if method == "HEAD" and status in HEAD_REFUSED:
                method = "GET"
                continue
            if status in TRANSIENT_STATUSES and attempt <= self.settings.retries:
                retry_after = parse_retry_after(headers.get("retry-after"))
                delay = retry_delay(attempt, retry_after, self.settings.backoff)
                if delay is not None:
                    attempt += 1
                    if retry_after is not None or status == 429:
                        self._pause(url, delay)  # the host asked every client to slow down: `_send` waits
                    else:
                        await self.sleep(delay)
                    continue
            return _Answer(status, headers.get("location"), attempt)

    async def _send(self, method: str, url: str) -> tuple[int, "httpx.Headers"]:
        host = self._host(_host_key(url))
        async with host.slots:
            # a paused host keeps its own slots while it waits, never the overall ones.
            wait = host.paused_until - self.clock()
            while wait > 0:
                await self.sleep(wait)
                wait = host.paused_until - self.clock()
            return await self._send_now(method, url)

    async def _send_now(self, method: str, url: str) -> tuple[int, "httpx.Headers"]:
        import asyncio

        import httpx

        pool = self._pool(self._host(_host_key(url)))
        pool.busy += 1
        try:
            async with self._all, asyncio.timeout(self.settings.timeout):
                # a HEAD answer has no body: read it whole, so its connection is reused;
                # a GET body is never downloaded (closing it early costs the connection).
                request = pool.client.build_request(method, url)
                response = await pool.client.send(request, stream=method != "HEAD")
                await response.aclose()
        except (TimeoutError, httpx.TimeoutException):
            raise TransportFailure(f"timed out after {self.settings.timeout:g} s") from None
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            raise TransportFailure(f"invalid URL: {exc}", retryable=False) from None
        except httpx.HTTPError as exc:
            raise describe_error(exc) from None
        except Exception as exc:  # e.g. a port out of range, met only when connecting
            raise describe_error(exc, prefix="request failed") from None
        finally:
            pool.busy -= 1
        return response.status_code, response.headers

    def _pool(self, host: _Host) -> _Pool:
        """The least busy client of the host with a free connection (a new one when all are full)."""
        import httpx

        free = [pool for pool in host.pools if pool.busy < POOL_SIZE]
        if free:
            return min(free, key=lambda pool: pool.busy)
        pool = _Pool(httpx.AsyncClient(**self._client_options))
        host.pools.append(pool)
        return pool

    def _host(self, key: str) -> _Host:
        import asyncio

        host = self._hosts.get(key)
        if host is None:
            host = self._hosts[key] = _Host(asyncio.Semaphore(self.settings.per_host))
        return host

    def _pause(self, url: str, delay: float) -> None:
        """A host that asked us to wait gets no request from any task until then."""
        host = self._host(_host_key(url))
        host.paused_until = max(host.paused_until, self.clock() + delay)

    async def _private(self, host: str) -> bool:
        if self.settings.allow_private:
            return False
        if host == "localhost" or host.endswith(".localhost"):
            return True
        try:
            ipaddress.ip_address(host)
        except ValueError:
            return any(is_private_address(a) for a in await self._resolve(host))
        return is_private_address(host)

    async def _resolve(self, host: str) -> list[str]:
        """The addresses of `host`, looked up once per run (concurrent askers share one lookup)."""
        import asyncio

        future = self._resolved.get(host)
        if future is None:
            future = self._resolved[host] = asyncio.ensure_future(self._lookup(host))
        return await asyncio.shield(future)

    async def _lookup(self, host: str) -> list[str]:
        import asyncio
        import socket

        try:
            async with asyncio.timeout(self.settings.timeout):
                infos = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
        except TimeoutError:
            raise TransportFailure(f"DNS lookup timed out after {self.settings.timeout:g} s") from None
        except socket.gaierror as exc:
            raise TransportFailure(f"DNS lookup failed: {exc.strerror or exc}", retryable=False) from None
        except (OSError, UnicodeError) as exc:
            raise TransportFailure(f"DNS lookup failed: {exc}", retryable=False) from None
        return [str(info[4][0]) for info in infos]


def _valid_host(url: str) -> str:
    """The URL's host; a URL that cannot be requested raises (not retried)."""
    import httpx

    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise TransportFailure(f"invalid URL: {exc}", retryable=False) from None
    if not parsed.host:
        raise TransportFailure("invalid URL: no host", retryable=False)
    if parsed.port is not None and not 0 < parsed.port < 65536:
        raise TransportFailure(f"invalid URL: port {parsed.port} is out of range", retryable=False)
    return parsed.host


@dataclass
class _Visit:
    """The host a check is on now (it changes when a redirect leads elsewhere)."""

    host: str


def _host_key(url: str) -> str:
    rest = url.split("://", 1)[1]
    return re.split(r"[/?#]", rest, maxsplit=1)[0].rsplit("@", 1)[-1].lower()


def describe_error(exc: BaseException, prefix: str = "connection error") -> TransportFailure:
    """A short, stable text for a transport error, from the root cause it wraps."""
    import socket
    import ssl

    chain: list[BaseException] = []
    pending: list[BaseException] = [exc]
    while pending and len(chain) < 20:
        seen = pending.pop(0)
        if seen in chain:
            continue
        chain.append(seen)
        if isinstance(seen, BaseExceptionGroup):
            pending.extend(seen.exceptions)
        for linked in (seen.__cause__, seen.__context__):
            if linked is not None:
                pending.append(linked)
    for cause in chain:
        if isinstance(cause, ssl.SSLCertVerificationError):
            detail = cause.verify_message or cause.reason or "certificate verify failed"
            return TransportFailure(f"TLS error: certificate verify failed ({detail})", retryable=False)
        if isinstance(cause, ssl.SSLError):
            return TransportFailure(f"TLS error: {cause.reason or cause}", retryable=False)
        if isinstance(cause, socket.gaierror):
            return TransportFailure(f"DNS lookup failed: {cause.strerror or cause}", retryable=False)
        if isinstance(cause, ConnectionRefusedError):
            return TransportFailure("connection refused")
        if isinstance(cause, ConnectionResetError):
            return TransportFailure("connection reset by the server")
    root = next((c for c in chain if not isinstance(c, BaseExceptionGroup)), exc)
    text = str(root) or type(root).__name__
    return TransportFailure(f"{prefix}: {text}", retryable=prefix == "connection error")


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
        return (
            f"links: {len(outcomes)} URLs: {fetched} checked, {cached} cached, {skipped} skipped; "
            f"{failed} failed, {redirected} redirected"
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
            stream.write(f"postlint: warning: {batch.cache_error}\n")
        stream.write(f"postlint: {batch.summary()}\n")
        stream.flush()
    return batch


async def _check_urls(urls: list[str], settings: LinkSettings, on_done: Callable[[Outcome], None]) -> dict[str, Outcome]:
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
