"""Benchmark `--check-links`: N distinct URLs on one local server, within the configured concurrency.

    python benchmarks/linkcheck_bench.py [--urls 500] [--concurrency 32] [--per-host 32] [--delay-ms 20]

Starts an asyncio HTTP server on 127.0.0.1 in a separate process whose every
answer takes `--delay-ms` (a stand-in for network latency), writes posts that
link to N distinct URLs on it, and lints them with LNK007/LNK008 twice: cold
(every URL requested) and warm (every URL from the link cache). Prints URLs/s
for both, and the most requests the server saw at once, which must not exceed
the configured limit. Figures only: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import sys
import tempfile
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from postlint.cache.runner import run  # noqa: E402
from postlint.links.check import batch_for  # noqa: E402
from postlint.model.config import from_mapping  # noqa: E402


@dataclass
class Stats:
    hits: int = 0
    current: int = 0
    peak: int = 0


def serve(conn: Connection, delay: float) -> None:
    """A minimal asyncio HTTP/1.1 server in its own process (not sharing the client's GIL).

    Every answer is `200` after `delay` seconds; it counts requests and the most it
    was answering at once (counted before the answer is written, so a client that
    already moved on is never included). Commands arrive on `conn`.
    """
    stats = Stats()

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                stats.hits += 1
                stats.current += 1
                stats.peak = max(stats.peak, stats.current)
                try:
                    if delay:
                        await asyncio.sleep(delay)
                finally:
                    stats.current -= 1
                body = b"" if head.startswith(b"HEAD") else b"ok\n"
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n" + body)
                await writer.drain()
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
            pass
        finally:
            writer.close()

    async def main() -> None:
        done = asyncio.Event()
        server = await asyncio.start_server(handle, "127.0.0.1", 0, backlog=512)

        def command() -> None:
            what = conn.recv()
            if what == "stats":
                conn.send((stats.hits, stats.peak))
            elif what == "reset":
                stats.hits = 0
                conn.send(None)
            else:
                done.set()

        asyncio.get_running_loop().add_reader(conn.fileno(), command)
        conn.send(server.sockets[0].getsockname()[1])
        async with server:
            await done.wait()

    asyncio.run(main())


class RemoteServer:
    def __init__(self, delay: float) -> None:
        self.conn, child = multiprocessing.Pipe()
        self.process = multiprocessing.Process(target=serve, args=(child, delay), daemon=True)
        self.process.start()
        if not self.conn.poll(30):
            raise RuntimeError("the benchmark server did not start")
        self.port: int = self.conn.recv()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def stats(self) -> tuple[int, int]:
        self.conn.send("stats")
        return self.conn.recv()

    def reset(self) -> None:
        self.conn.send("reset")
        self.conn.recv()

    def close(self) -> None:
        self.conn.send("quit")
        self.process.join(timeout=10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--urls", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=32, help="links.max-concurrency")
    parser.add_argument("--per-host", type=int, default=32, help="links.per-host (one host here)")
    parser.add_argument("--delay-ms", type=float, default=20.0, help="server time per answer")
    parser.add_argument("--links-per-post", type=int, default=10)
    args = parser.parse_args()

    server = RemoteServer(args.delay_ms / 1000)
    try:
        return bench(args, server)
    finally:
        server.close()


def bench(args: argparse.Namespace, server: RemoteServer) -> int:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        posts = root / "posts"
        posts.mkdir()
        for start in range(0, args.urls, args.links_per_post):
            body = "".join(
                f"- [page {i}]({server.url(f'/page/{i}')})\n" for i in range(start, min(start + args.links_per_post, args.urls))
            )
            (posts / f"post-{start:05d}.md").write_text(f'---\ntitle: "Post {start}"\ndate: 2024-01-01\n---\n{body}', encoding="utf-8")
        config = from_mapping(
            {
                "select": ["LNK007", "LNK008"],
                "cache-dir": "cache",
                "links": {"allow-private": True, "max-concurrency": args.concurrency, "per-host": args.per_host, "timeout": 10},
            },
            root=root,
        )
        figures = []
        for label in ("cold", "warm (cached)"):
            server.reset()
            started = time.perf_counter()
            result = run([str(posts)], config, check_links=True, link_checker=batch_for, cwd=root)
            elapsed = time.perf_counter() - started
            figures.append((label, elapsed, server.stats()[0], len(result.findings)))
        limit = min(args.concurrency, args.per_host)
        print(f"{args.urls} distinct URLs, max-concurrency {args.concurrency}, per-host {args.per_host}, server delay {args.delay_ms:g} ms")
        for label, elapsed, requests, findings in figures:
            print(f"  {label:<14} {elapsed:7.3f} s  {args.urls / elapsed:8.0f} URLs/s  requests {requests:>5}  findings {findings}")
        peak = server.stats()[1]
        print(f"  peak concurrent requests at the server: {peak} (limit {limit})")
        if args.delay_ms:
            print(f"  ideal at this limit and delay: {limit * 1000 / args.delay_ms:.0f} URLs/s")
        return 0 if peak <= limit else 1


if __name__ == "__main__":
    sys.exit(main())
