"""The HTTP side of `--check-links`: one `Checker` requests URLs politely and says what it found.

HEAD first, GET when HEAD is refused (403/405/501); redirects are followed by
hand, up to 10, so each hop is seen (a leading run of 301/308 hops is a
permanent redirect); 408/429/5xx answers, timeouts and connection errors are
retried with exponential backoff that honours `Retry-After` (which pauses the
whole host). Concurrency is bounded overall (`max-concurrency`) and per host
(`per-host`). Targets on private, loopback or link-local addresses are skipped
unless `allow-private`; the connection goes to the very address that was
checked (`pinned_request`), so a name that resolves again to 127.0.0.1 (DNS
rebinding) reaches nothing private. Only `linkcheck.run_batch` imports this
module, and only when there is something to request.

Time is bounded (docs/security.md, "Link checking: time bound"): the whole
batch ends by `links.deadline`; a host that times out `host-timeouts` times in a
row, or asks to wait longer than `max-retry-after`, is given up (a circuit
breaker), and its remaining URLs are reported unverified at once.
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
import ssl
import time
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any, Awaitable, Callable, Iterable

import httpx

from .settings import TRANSIENT_STATUSES, LinkSettings, Outcome, is_external

MAX_REDIRECTS = 10
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
PERMANENT_REDIRECTS = frozenset({301, 308})
#: Answers to HEAD that mean "ask me with GET".
HEAD_REFUSED = frozenset({403, 405, 501})
#: A Retry-After longer than this is not waited for (the default of `links.max-retry-after`).
MAX_RETRY_AFTER = 10.0
#: Seconds past `links.deadline` after which checks still running are cancelled (the checks
#: themselves stop at the deadline; this catches what cannot be cut, such as a DNS lookup).
DEADLINE_GRACE = 1.0
#: Connections per `httpx.AsyncClient`: its pool scans every connection it holds on each
#: request, so a host with a higher `per-host` gets several small clients, not one big one.
POOL_SIZE = 4
_CGNAT = ipaddress.ip_network("100.64.0.0/10")


# --- private addresses and retry timing ------------------------------------------------


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
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


def retry_delay(retry: int, retry_after: float | None, backoff: float, cap: float = MAX_RETRY_AFTER) -> float | None:
    """The wait before retry number `retry` (1-based), or None when Retry-After asks more than `cap`."""
    delay = backoff * 2.0 ** (retry - 1)
    if retry_after is not None:
        if retry_after > cap:
            return None
        delay = max(delay, retry_after)
    return delay


# --- the checker -------------------------------------------------------------------------


class GiveUp(Exception):
    """A URL that is not requested (again): its host was given up, or the deadline passed."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class TransportFailure(Exception):
    """A request that got no HTTP answer; `text` is what the finding says."""

    def __init__(self, text: str, retryable: bool = True) -> None:
        super().__init__(text)
        self.text = text
        self.retryable = retryable
        self.attempts = 1


@dataclass
class _Pool:
    client: httpx.AsyncClient
    busy: int = 0  # requests in flight on this client


@dataclass
class _Host:
    """One host (name and port): its slots, its pause, and its own clients while it has users."""

    slots: asyncio.Semaphore
    paused_until: float = 0.0
    users: int = 0  # checks whose current hop is on this host
    pools: list[_Pool] = field(default_factory=list)
    timeouts: int = 0  # requests in a row that timed out
    given_up: str | None = None  # why no more requests go to this host (the circuit breaker)

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
        self.settings = settings
        self.sleep = sleep or asyncio.sleep
        self.clock = clock
        self.on_done = on_done
        self._all = asyncio.Semaphore(settings.max_concurrency)
        self._deadline = float("inf")  # on `clock`, set by `check_all`
        self._hosts: dict[str, _Host] = {}
        self._resolved: dict[str, asyncio.Future[list[str]]] = {}
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
        """Every URL's outcome, by `links.deadline`: the checks stop themselves at the deadline,
        and any still running `DEADLINE_GRACE` later are cancelled and reported unverified."""
        keys = list(dict.fromkeys(urls))
        self._deadline = self.clock() + self.settings.deadline
        tasks = [asyncio.ensure_future(self.check(url)) for url in keys]
        if not tasks:
            return {}
        _, pending = await asyncio.wait(tasks, timeout=self.settings.deadline + DEADLINE_GRACE)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        outcomes: dict[str, Outcome] = {}
        for url, task in zip(keys, tasks, strict=True):
            if task in pending:
                outcomes[url] = Outcome(url, unverified=self._deadline_reason())
                if self.on_done is not None:
                    self.on_done(outcomes[url])
            else:
                outcomes[url] = task.result()
        return outcomes

    def _deadline_reason(self) -> str:
        return f"the link check's deadline of {self.settings.deadline:g} s passed (`links.deadline`)"

    def _before_deadline(self, seconds: float) -> None:
        """Raise `GiveUp` when waiting `seconds` more would pass the deadline."""
        if self.clock() + seconds >= self._deadline:
            raise GiveUp(self._deadline_reason())

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
                answer = await self._fetch(current, await self._pin(host))
            except _Unrequestable:
                # a host name httpx cannot encode (`xn--ls8h.la`, `xn--`): unverified, never a crash
                # of the whole batch; LNK001 reports the names that are malformed.
                return Outcome(url, skipped="unrequestable", final_url=final)
            except GiveUp as exc:
                return Outcome(url, final_url=final, unverified=exc.reason)
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

    async def _fetch(self, url: str, address: str | None) -> _Answer:
        """One hop: HEAD (GET when refused), retried on transient answers and errors; sent to
        `address` when it is given (the address checked for being private)."""
        method, attempt = "HEAD", 1
        while True:
            try:
                status, headers = await self._send(method, url, address)
            except TransportFailure as exc:
                exc.attempts = attempt
                if not exc.retryable or attempt > self.settings.retries or self._host(_host_key(url)).given_up:
                    raise  # a request that failed keeps its own failure, also when its host is given up
                delay = retry_delay(attempt, None, self.settings.backoff) or 0.0
                self._before_deadline(delay)
                await self.sleep(delay)
                attempt += 1
                continue
            if method == "HEAD" and status in HEAD_REFUSED:
                method = "GET"
                continue
            retry_after = parse_retry_after(headers.get("retry-after")) if status in TRANSIENT_STATUSES else None
            if retry_after is not None and retry_after > self.settings.max_retry_after:
                cap = self.settings.max_retry_after
                self._give_up(url, f"asked to wait {retry_after:g} s (Retry-After; `links.max-retry-after` is {cap:g} s)")
            elif status in TRANSIENT_STATUSES and attempt <= self.settings.retries:
                delay = retry_delay(attempt, retry_after, self.settings.backoff, self.settings.max_retry_after)
                if delay is not None:
                    attempt += 1
                    if retry_after is not None or status == 429:
                        self._pause(url, delay)  # the host asked every client to slow down: `_send` waits
                    else:
                        self._before_deadline(delay)
                        await self.sleep(delay)
                    continue
            return _Answer(status, headers.get("location"), attempt)

    async def _send(self, method: str, url: str, address: str | None = None) -> tuple[int, httpx.Headers]:
        host = self._host(_host_key(url))
        async with host.slots:
            # a paused host keeps its own slots while it waits, never the overall ones.
            wait = host.paused_until - self.clock()
            while wait > 0:
                self._before_deadline(wait)
                await self.sleep(wait)
                wait = host.paused_until - self.clock()
            if host.given_up:
                raise GiveUp(host.given_up)
            return await self._send_now(method, url, host, address)

    async def _send_now(self, method: str, url: str, host: _Host, address: str | None) -> tuple[int, httpx.Headers]:
        remaining = self._deadline - self.clock()
        if remaining <= 0:
            raise GiveUp(self._deadline_reason())
        timeout = min(self.settings.timeout, remaining)
        pool = self._pool(host)
        pool.busy += 1
        try:
            async with self._all, asyncio.timeout(timeout):
                # a HEAD answer has no body: read it whole, so its connection is reused;
                # a GET body is never downloaded (closing it early costs the connection).
                request = pinned_request(pool.client, method, url, address) if address else pool.client.build_request(method, url)
                response = await pool.client.send(request, stream=method != "HEAD")
                await response.aclose()
        except (TimeoutError, httpx.TimeoutException):
            if timeout < self.settings.timeout:
                raise GiveUp(self._deadline_reason()) from None
            self._timed_out(url, host)
            raise TransportFailure(f"timed out after {self.settings.timeout:g} s") from None
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            raise TransportFailure(f"invalid URL: {exc}", retryable=False) from None
        except httpx.HTTPError as exc:
            raise describe_error(exc) from None
        except Exception as exc:  # e.g. a port out of range, met only when connecting
            raise describe_error(exc, prefix="request failed") from None
        finally:
            pool.busy -= 1
        host.timeouts = 0
        return response.status_code, response.headers

    def _timed_out(self, url: str, host: _Host) -> None:
        """One more timeout in a row: the host is given up after `host-timeouts` of them."""
        host.timeouts += 1
        if host.timeouts >= self.settings.host_timeouts:
            self._give_up(url, f"timed out {host.timeouts} times in a row")

    def _give_up(self, url: str, why: str) -> None:
        """The circuit breaker: no more requests to the URL's host in this run."""
        key = _host_key(url)
        host = self._host(key)
        if host.given_up is None:
            host.given_up = f"not requested: host `{key}` {why}"

    def _pool(self, host: _Host) -> _Pool:
        """The least busy client of the host with a free connection (a new one when all are full)."""
        free = [pool for pool in host.pools if pool.busy < POOL_SIZE]
        if free:
            return min(free, key=lambda pool: pool.busy)
        pool = _Pool(httpx.AsyncClient(**self._client_options))
        host.pools.append(pool)
        return pool

    def _host(self, key: str) -> _Host:
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

    async def _pin(self, host: str) -> str | None:
        """The address to connect to: the one `_private` checked, so that a name resolving to
        another address the second time (DNS rebinding) cannot lead to a private one. None
        when nothing was checked (`allow-private`, an address literal): httpx resolves then."""
        if self.settings.allow_private:
            return None
        try:
            ipaddress.ip_address(host)
        except ValueError:
            addresses = await self._resolve(host)  # the lookup `_private` made: no second query
            return preferred_address(addresses)
        return None

    async def _resolve(self, host: str) -> list[str]:
        """The addresses of `host`, looked up once per run (concurrent askers share one lookup)."""
        future = self._resolved.get(host)
        if future is None:
            future = self._resolved[host] = asyncio.ensure_future(self._lookup(host))
        return await asyncio.shield(future)

    async def _lookup(self, host: str) -> list[str]:
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


def preferred_address(addresses: list[str]) -> str | None:
    """The address to pin: the first IPv4 one (a CI runner without IPv6 is common), else the first."""
    for address in addresses:
        if ":" not in address:
            return address
    return addresses[0].split("%", 1)[0] if addresses else None


def pinned_request(client: httpx.AsyncClient, method: str, url: str, address: str) -> httpx.Request:
    """A request for `url` sent to `address`: the `Host` header and, for https, the TLS server
    name (SNI, and so the certificate's check) stay the URL's own host."""
    parsed = httpx.URL(url)
    headers = {"Host": parsed.netloc.decode("ascii")}
    sni = parsed.raw_host.decode("ascii")
    return client.build_request(method, parsed.copy_with(host=address), headers=headers, extensions={"sni_hostname": sni})


class _Unrequestable(Exception):
    """A host name the HTTP client cannot encode (an IDNA error)."""


def _valid_host(url: str) -> str:
    """The URL's host; a URL that cannot be requested raises (not retried)."""
    try:
        parsed = httpx.URL(url)
        host, port = parsed.host, parsed.port  # `host` decodes an `xn--` name: it may raise too
    except httpx.InvalidURL as exc:
        raise TransportFailure(f"invalid URL: {exc}", retryable=False) from None
    except ValueError:  # idna.IDNAError and UnicodeError: the host name, not the network
        raise _Unrequestable() from None
    if not host:
        raise TransportFailure("invalid URL: no host", retryable=False)
    if port is not None and not 0 < port < 65536:
        raise TransportFailure(f"invalid URL: port {port} is out of range", retryable=False)
    return host


@dataclass
class _Visit:
    """The host a check is on now (it changes when a redirect leads elsewhere)."""

    host: str


def _host_key(url: str) -> str:
    rest = url.split("://", 1)[1]
    return re.split(r"[/?#]", rest, maxsplit=1)[0].rsplit("@", 1)[-1].lower()


def describe_error(exc: BaseException, prefix: str = "connection error") -> TransportFailure:
    """A short, stable text for a transport error, from the root cause it wraps."""
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
