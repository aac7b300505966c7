"""A real HTTP server on 127.0.0.1 for the link-check tests and benchmark.

Routes map a path to a `Reply` or to a function of (method, hit number) that
returns one. The server records every request and the largest number of
requests it was answering at once (shared across servers through a `Gauge`),
so tests can count requests and check concurrency limits on the server side.
A `hang` reply holds the request until the server stops (at most `HANG_LIMIT`).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Union

HANG_LIMIT = 30.0


@dataclass(frozen=True)
class Reply:
    status: int = 200
    headers: tuple[tuple[str, str], ...] = ()
    delay: float = 0.0
    hang: bool = False


Route = Union[Reply, Callable[[str, int], Reply]]


@dataclass
class Gauge:
    """Requests in progress now and at most, across every server sharing it."""

    current: int = 0
    peak: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def enter(self) -> None:
        with self.lock:
            self.current += 1
            self.peak = max(self.peak, self.current)

    def leave(self) -> None:
        with self.lock:
            self.current -= 1


def redirect(status: int, location: str) -> Reply:
    return Reply(status, (("Location", location),))


class LinkServer:
    def __init__(self, routes: dict[str, Route] | None = None, *, default: Route | None = None, gauge: Gauge | None = None) -> None:
        self.routes: dict[str, Route] = dict(routes or {})
        self.default: Route = default or Reply(404)
        self.gauge = gauge or Gauge()
        self.hits: list[tuple[str, str]] = []
        self.connections: set[tuple[str, int]] = set()  # client addresses: one per TCP connection
        self._counts: dict[str, int] = {}
        self._lock = threading.Lock()
        self._release = threading.Event()
        self._server = _Server(("127.0.0.1", 0), self._handler_class())
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    # lifecycle ---------------------------------------------------------------------------

    def __enter__(self) -> "LinkServer":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        self._release.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def reset(self) -> None:
        with self._lock:
            self.hits.clear()

    def paths(self) -> list[str]:
        with self._lock:
            return [path for _, path in self.hits]

    # serving -------------------------------------------------------------------------------

    def _reply(self, method: str, path: str, client: tuple[str, int]) -> Reply:
        with self._lock:
            self.hits.append((method, path))
            self.connections.add(client)
            nth = self._counts.get(path, 0)
            self._counts[path] = nth + 1
        route = self.routes.get(path.split("?", 1)[0], self.default)
        return route(method, nth) if callable(route) else route

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_HEAD(self) -> None:
                self._answer("HEAD")

            def do_GET(self) -> None:
                self._answer("GET")

            def _answer(self, method: str) -> None:
                # counted only while the client surely waits (before the answer is written),
                # so the peak never includes a client that already moved on.
                server.gauge.enter()
                try:
                    reply = server._reply(method, self.path, self.client_address)
                    if reply.hang:
                        server._release.wait(HANG_LIMIT)
                    elif reply.delay:
                        server._release.wait(reply.delay)
                finally:
                    server.gauge.leave()
                if reply.hang:
                    self.close_connection = True
                    return
                self.send_response(reply.status)
                for name, value in reply.headers:
                    self.send_header(name, value)
                self.send_header("Content-Length", "3")
                self.end_headers()
                if method != "HEAD":
                    self.wfile.write(b"ok\n")

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

        return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that gave up (a timeout) and closed its connection is not an error here."""
