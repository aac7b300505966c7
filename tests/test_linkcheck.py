"""`--check-links` (LNK007, LNK008) against a real HTTP server on 127.0.0.1.

Every request loop is bounded: link timeouts are short (1 s), retries few, and the
server releases any hanging request when it stops.
"""

from __future__ import annotations

import asyncio
import io
import json
import os
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from linkserver import Gauge, LinkServer, Reply, redirect
from postlint.cache.folder import prepare
from postlint.cache.runner import run
from postlint.cli.main import main
from postlint.links.cache import FILENAME
from postlint.links.check import Progress, batch_for, run_batch, run_coroutine
from postlint.links.client import Checker, is_private_address, parse_retry_after, retry_delay
from postlint.links.settings import LinkSettings
from postlint.model.config import ConfigError, from_mapping
from postlint.model.context import Context
from postlint.model.findings import Finding

FRONT = '---\ntitle: "{title}"\ndate: 2024-03-01\n---\n'


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """A proxy from the environment must not intercept requests to the local server."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


def _busy_once(method: str, nth: int) -> Reply:
    return Reply(429, (("Retry-After", "1"),)) if nth == 0 else Reply(200)


def _no_head(method: str, nth: int) -> Reply:
    return Reply(405) if method == "HEAD" else Reply(200)


ROUTES: dict[str, Any] = {
    "/ok": Reply(200),
    "/moved": redirect(301, "/ok"),
    "/chain": redirect(301, "/moved-308"),
    "/moved-308": redirect(308, "/ok"),
    "/missing": Reply(404),
    "/missing-too": Reply(404),
    "/error": Reply(500),
    "/busy": _busy_once,
    "/always-busy": Reply(429, (("Retry-After", "1"),)),
    "/no-head": _no_head,
    "/hang": Reply(hang=True),
    "/temporary": redirect(302, "/ok"),
    "/moved-missing": redirect(301, "/missing"),
    "/excluded": Reply(200),
}


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def lint(tmp_path: Path, links: dict[str, Any] | None = None, paths: tuple[str, ...] = ("posts",), **extra: Any) -> list[Finding]:
    config = from_mapping(
        {
            "select": ["LNK007", "LNK008"],
            "cache-dir": "cache",
            **extra,
            "links": {"allow-private": True, "timeout": 1.0, "retries": 1, **(links or {})},
        },
        root=tmp_path,
    )
    return run([str(tmp_path / p) for p in paths], config, check_links=True, link_checker=batch_for, cwd=tmp_path).findings


def rows(findings: list[Finding]) -> list[tuple[str, int, int, str, str]]:
    return [(f.path, f.line, f.column, f.code, f.message) for f in findings]


# --- the findings, exactly -------------------------------------------------------------------


def test_findings_match_exactly(tmp_path: Path) -> None:
    refused = f"http://127.0.0.1:{closed_port()}/nothing"
    with LinkServer(ROUTES) as server:
        u = server.url
        write(
            tmp_path / "posts" / "outbound.md",
            FRONT.format(title="Where our outbound links lead")
            + f"The [status page]({u('/ok')}) answers at once.\n"  # 5
            + f"Our [old guide]({u('/moved')}) moved for good.\n"  # 6
            + f"- A [two-hop move]({u('/chain')}) ends on the same page.\n"  # 7
            + f"This [missing page]({u('/missing')}) is gone.\n"  # 8
            + f"That [flaky backend]({u('/error')}) keeps failing.\n"  # 9
            + f"A [busy mirror]({u('/busy')}) asks us to wait a second.\n"  # 10
            + f"An [overloaded mirror]({u('/always-busy')}) never recovers.\n"  # 11
            + f"A [picky server]({u('/no-head')}) refuses HEAD requests.\n"  # 12
            + f"A [silent server]({u('/hang')}) never answers.\n"  # 13
            + f"A [short detour]({u('/temporary')}) is only temporary.\n"  # 14
            + f"[Moved then gone]({u('/moved-missing')}) ends badly.\n"  # 15
            + f"Nobody listens on [this port]({refused}).\n"  # 16
            + f"The [missing page again]({u('/missing')}#details) has an anchor.\n"  # 17
            + "<!-- postlint-disable-next-line LNK007 -->\n"  # 18
            + f"We know [this one]({u('/missing-too')}) is gone.\n"  # 19
            + "[Our own post](https://blog.example.test/posts/other/) is internal.\n"  # 20
            + f"[Skipped on purpose]({u('/excluded')}) by config.\n"  # 21
            + f"Old [guide, with anchor]({u('/moved')}#setup) again.\n"  # 22
            + f"The [new home]({u('/moved-308')}) moved with a 308.\n",  # 23
        )
        write(
            tmp_path / "posts" / "second.md",
            FRONT.format(title="A second post") + f"See the [missing page]({u('/missing')}) from here too.\n",
        )
        findings = lint(tmp_path, {"exclude": ["/excluded$"]}, site={"url": "https://blog.example.test"})
        hits = Counter(server.hits)

    out, snd, b = "posts/outbound.md", "posts/second.md", server.base
    assert rows(findings) == [
        (out, 6, 5, "LNK008", f"`{b}/moved` permanently redirects (301) to `{b}/ok`: link to the final URL"),
        (out, 7, 5, "LNK008", f"`{b}/chain` permanently redirects (301, 308) to `{b}/ok`: link to the final URL"),
        (out, 8, 6, "LNK007", f"`{b}/missing` is unreachable: HTTP 404 Not Found"),
        (out, 9, 6, "LNK007", f"`{b}/error` is unreachable: HTTP 500 Internal Server Error (2 attempts)"),
        (out, 11, 4, "LNK007", f"`{b}/always-busy` is unreachable: HTTP 429 Too Many Requests (2 attempts)"),
        (out, 13, 3, "LNK007", f"`{b}/hang` is unreachable: timed out after 1 s (2 attempts)"),
        (out, 15, 1, "LNK007", f"`{b}/moved-missing` is unreachable: HTTP 404 Not Found after redirect to `{b}/missing`"),
        (out, 16, 19, "LNK007", f"`{refused}` is unreachable: connection refused (2 attempts)"),
        (out, 17, 5, "LNK007", f"`{b}/missing#details` is unreachable: HTTP 404 Not Found"),
        (out, 22, 5, "LNK008", f"`{b}/moved#setup` permanently redirects (301) to `{b}/ok#setup`: link to the final URL"),
        (out, 23, 5, "LNK008", f"`{b}/moved-308` permanently redirects (308) to `{b}/ok`: link to the final URL"),
        (snd, 5, 9, "LNK007", f"`{b}/missing` is unreachable: HTTP 404 Not Found"),
    ]
    assert all(f.severity.name == ("ERROR" if f.code == "LNK007" else "INFO") for f in findings)
    # each distinct URL once (the three links to /missing share one request; /missing is
    # requested again only as the end of /moved-missing's redirect), GET only where HEAD
    # was refused, retries where the answer may pass, nothing for excluded or internal links.
    assert hits == Counter(
        {
            ("HEAD", "/ok"): 5,  # /ok, and the end of /moved, /chain, /moved-308 and /temporary
            ("HEAD", "/moved"): 1,
            ("HEAD", "/chain"): 1,
            ("HEAD", "/moved-308"): 2,  # linked, and a hop of /chain
            ("HEAD", "/missing"): 2,
            ("HEAD", "/missing-too"): 1,
            ("HEAD", "/error"): 2,
            ("HEAD", "/busy"): 2,
            ("HEAD", "/always-busy"): 2,
            ("HEAD", "/no-head"): 1,
            ("GET", "/no-head"): 1,
            ("HEAD", "/hang"): 2,
            ("HEAD", "/temporary"): 1,
            ("HEAD", "/moved-missing"): 1,
        }
    )


def test_redirect_loop_stops_after_ten_hops(tmp_path: Path) -> None:
    with LinkServer({"/loop": redirect(302, "/loop")}) as server:
        write(tmp_path / "posts" / "a.md", FRONT.format(title="Loop") + f"[round]({server.url('/loop')})\n")
        findings = lint(tmp_path)
        assert server.paths() == ["/loop"] * 11
    assert rows(findings) == [
        ("posts/a.md", 5, 1, "LNK007", f"`{server.base}/loop` is unreachable: too many redirects (more than 10)")
    ]


def test_redirect_hops_are_timed_out_and_excluded_like_links(tmp_path: Path) -> None:
    routes = {
        "/to-hang": redirect(302, "/hang"),
        "/hang": Reply(hang=True),
        "/to-excluded": redirect(301, "/excluded-zone/page"),
    }
    with LinkServer(routes) as server:
        write(
            tmp_path / "posts" / "a.md",
            FRONT.format(title="Hops") + f"[slow]({server.url('/to-hang')})\n\n[away]({server.url('/to-excluded')})\n",
        )
        findings = lint(tmp_path, {"retries": 0, "exclude": ["/excluded-zone/"]})
        assert Counter(server.paths()) == {"/to-hang": 1, "/hang": 1, "/to-excluded": 1}
    b = server.base
    assert rows(findings) == [
        ("posts/a.md", 5, 1, "LNK007", f"`{b}/to-hang` is unreachable: timed out after 1 s, after redirect to `{b}/hang`")
    ]


@pytest.mark.parametrize("allow_private", [True, False])
def test_urls_that_cannot_be_requested_are_unreachable(tmp_path: Path, allow_private: bool) -> None:
    write(tmp_path / "posts" / "a.md", FRONT.format(title="Bad URLs") + "[a](http://)\n\n[b](https://127.0.0.1:99999/x)\n")
    findings = lint(tmp_path, {"allow-private": allow_private})
    assert rows(findings) == [
        ("posts/a.md", 5, 1, "LNK007", "`http://` is unreachable: invalid URL: no host"),
        ("posts/a.md", 7, 1, "LNK007", "`https://127.0.0.1:99999/x` is unreachable: invalid URL: port 99999 is out of range"),
    ]


def test_an_invalid_idna_host_is_that_urls_lnk001_and_the_batch_goes_on(tmp_path: Path) -> None:
    with LinkServer({"/missing": Reply(404), "/moved": redirect(301, "/ok"), "/ok": Reply(200)}) as server:
        write(
            tmp_path / "posts" / "a.md",
            FRONT.format(title="IDNA")
            + "[pile](https://xn--ls8h.la/)\n\n"  # 5: valid Punycode, but no IDNA 2008 name
            + "[empty](http://xn--/)\n\n"  # 7: no Punycode at all
            + f"[gone]({server.url('/missing')})\n\n"  # 9
            + f"[moved]({server.url('/moved')})\n",  # 11
        )
        findings = lint(tmp_path, select=["LNK001", "LNK007", "LNK008", "PL003"])
    b = server.base
    assert rows(findings) == [
        ("posts/a.md", 7, 1, "LNK001", "link target `http://xn--/` has an invalid host name label `xn--` (not valid Punycode)"),
        ("posts/a.md", 9, 1, "LNK007", f"`{b}/missing` is unreachable: HTTP 404 Not Found"),
        ("posts/a.md", 11, 1, "LNK008", f"`{b}/moved` permanently redirects (301) to `{b}/ok`: link to the final URL"),
    ]


def test_a_crashing_batch_is_one_pl003(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import postlint.links.check

    def boom(ctx: Context) -> None:
        raise RuntimeError("no network today")

    monkeypatch.setattr(postlint.links.check, "run_batch", boom)
    write(tmp_path / "posts" / "a.md", FRONT.format(title="Boom") + "[a](https://example.com/)\n")
    findings = lint(tmp_path, select=["LNK007", "LNK008", "PL003"])
    assert [(f.path, f.code, f.message) for f in findings] == [
        (".", "PL003", "rule LNK007 (link-unreachable) crashed: RuntimeError: no network today")
    ]


def test_accept_lists_statuses_that_count_as_reachable(tmp_path: Path) -> None:
    with LinkServer({"/bot-wall": Reply(403), "/gone": Reply(410)}) as server:
        write(
            tmp_path / "posts" / "a.md",
            FRONT.format(title="Bots") + f"[wall]({server.url('/bot-wall')}) and [gone]({server.url('/gone')})\n",
        )
        findings = lint(tmp_path, {"accept": [200, 403]})
        # HEAD refused with 403 is asked again with GET, which answers 403 too: accepted.
        assert Counter(server.hits) == Counter([("HEAD", "/bot-wall"), ("GET", "/bot-wall"), ("HEAD", "/gone")])
    column = len(f"[wall]({server.url('/bot-wall')}) and ") + 1
    assert rows(findings) == [("posts/a.md", 5, column, "LNK007", f"`{server.base}/gone` is unreachable: HTTP 410 Gone")]


def test_tls_and_dns_failures_name_the_cause(tmp_path: Path) -> None:
    with LinkServer({"/ok": Reply(200)}) as server:
        tls = f"https://127.0.0.1:{server.port}/ok"  # TLS spoken to a plain HTTP server
        write(
            tmp_path / "posts" / "a.md",
            FRONT.format(title="Errors") + f"[tls]({tls})\n[dns](http://no-such-host.invalid/page)\n",
        )
        for allow_private in (True, False):
            findings = lint(tmp_path, {"allow-private": allow_private, "timeout": 2.0})
            # the operating system words the detail of these errors; the place and the cause are ours.
            expected = [(5, 1, "LNK007", f"`{tls}` is unreachable: TLS error: ")] if allow_private else []
            expected.append((6, 1, "LNK007", "`http://no-such-host.invalid/page` is unreachable: DNS lookup failed: "))
            assert [(f.line, f.column, f.code) for f in findings] == [e[:3] for e in expected]
            for finding, (*_, prefix) in zip(findings, expected, strict=True):
                assert finding.message.startswith(prefix) and len(finding.message) > len(prefix), finding.message


# --- the cache ---------------------------------------------------------------------------


def test_second_run_inside_cache_age_sends_no_request_for_known_urls(tmp_path: Path) -> None:
    routes = {"/ok": Reply(200), "/moved": redirect(301, "/ok"), "/missing": Reply(404), "/error": Reply(500)}
    with LinkServer(routes) as server:
        write(
            tmp_path / "posts" / "a.md",
            FRONT.format(title="Cache")
            + "".join(f"[{p}]({server.url(p)})\n" for p in routes),
        )
        first = lint(tmp_path)
        assert Counter(server.paths()) == {"/ok": 2, "/moved": 1, "/missing": 1, "/error": 2}
        server.reset()
        second = lint(tmp_path)
        # 500 may pass: never cached, so asked again; everything else comes from the cache.
        assert server.paths() == ["/error", "/error"]
    assert rows(second) == rows(first)
    assert [f.code for f in first] == ["LNK008", "LNK007", "LNK007"]
    data = json.loads((tmp_path / "cache" / FILENAME).read_text(encoding="utf-8"))
    assert data["format"] == 1
    assert sorted(data["entries"]) == [server.url(p) for p in ("/missing", "/moved", "/ok")]
    assert data["entries"][server.url("/moved")]["status"] == 200
    assert data["entries"][server.url("/moved")]["redirect"] == server.url("/ok")


@pytest.mark.parametrize(("age", "requested"), [(60, False), (90_000, True)])
def test_cache_entries_are_honoured_only_within_max_age(tmp_path: Path, age: int, requested: bool) -> None:
    with LinkServer({"/missing": Reply(404)}) as server:
        url = server.url("/missing")
        entry = {"checked": time.time() - age, "status": 200, "final": None, "redirect": None, "codes": []}
        write(tmp_path / "cache" / FILENAME, json.dumps({"format": 1, "entries": {url: entry}}))
        write(tmp_path / "posts" / "a.md", FRONT.format(title="Age") + f"[page]({url})\n")
        findings = lint(tmp_path, {"cache-max-age": 86_400})
        assert server.paths() == (["/missing"] if requested else [])
    assert [f.code for f in findings] == (["LNK007"] if requested else [])


@pytest.mark.parametrize(
    "content",
    [
        "\x00{not json",
        "[1, 2, 3]",
        '{"format": 99, "entries": {}}',
        '{"format": 1, "entries": {"URL": {"checked": "yesterday", "status": 200}}}',
    ],
    ids=["garbage", "list", "other-format", "bad-entry"],
)
def test_corrupt_cache_is_ignored_and_rewritten(tmp_path: Path, content: str) -> None:
    with LinkServer({"/missing": Reply(404)}) as server:
        url = server.url("/missing")
        prepare(tmp_path / "cache")  # postlint's cache folder (a folder it did not create is never written into)
        cache_file = write(tmp_path / "cache" / FILENAME, content.replace("URL", url))
        write(tmp_path / "posts" / "a.md", FRONT.format(title="Corrupt") + f"[page]({url})\n")
        findings = lint(tmp_path)
        assert server.paths() == ["/missing"]
    assert rows(findings) == [("posts/a.md", 5, 1, "LNK007", f"`{url}` is unreachable: HTTP 404 Not Found")]
    data = json.loads(cache_file.read_text(encoding="utf-8"))
    assert data["format"] == 1 and list(data["entries"]) == [url]
    assert data["entries"][url]["status"] == 404


def test_unwritable_cache_is_a_warning_not_a_failure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with LinkServer({"/missing": Reply(404)}) as server:
        write(tmp_path / "cache", "a file where the cache folder should be")
        write(tmp_path / "posts" / "a.md", FRONT.format(title="Unwritable") + f"[page]({server.url('/missing')})\n")
        config = from_mapping({"select": ["LNK007"], "cache-dir": "cache", "links": {"allow-private": True}}, root=tmp_path)
        findings = run([str(tmp_path / "posts")], config, check_links=True, link_checker=batch_for, cwd=tmp_path, report_progress=True).findings
    assert [f.code for f in findings] == ["LNK007"]
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"postlint: warning: cannot write the link cache {tmp_path / 'cache' / FILENAME}: ")
    assert err[1:] == ["postlint: links: 1 URL: 1 checked, 0 cached, 0 skipped; 1 failed, 0 redirected"]


# --- private targets ------------------------------------------------------------------------


def test_private_targets_are_skipped_by_default(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with LinkServer({"/missing": Reply(404)}) as server:
        write(
            tmp_path / "posts" / "a.md",
            FRONT.format(title="Private")
            + f"[loopback]({server.url('/missing')}) [by name](http://localhost:{server.port}/missing)\n",
        )
        config = from_mapping({"select": ["LNK007", "LNK008"], "cache-dir": "cache", "links": {"timeout": 0.5}}, root=tmp_path)
        findings = run([str(tmp_path / "posts")], config, check_links=True, link_checker=batch_for, cwd=tmp_path, report_progress=True).findings
        assert server.hits == []
    assert findings == []
    assert capsys.readouterr().err == "postlint: links: 2 URLs: 0 checked, 0 cached, 2 skipped; 0 failed, 0 redirected\n"


@pytest.mark.parametrize(
    ("address", "private"),
    [
        ("127.0.0.1", True),
        ("10.1.2.3", True),
        ("172.16.0.1", True),
        ("192.168.1.10", True),
        ("169.254.169.254", True),
        ("100.64.0.1", True),
        ("0.0.0.0", True),
        ("::1", True),
        ("fe80::1", True),
        ("fd00::1", True),
        ("::ffff:127.0.0.1", True),
        ("93.184.215.14", False),
        ("2606:4700:4700::1111", False),
        ("example.com", False),
    ],
)
def test_private_addresses(address: str, private: bool) -> None:
    assert is_private_address(address) is private


# --- limits, retries and backoff ---------------------------------------------------------------


def test_per_host_concurrency_is_never_exceeded(tmp_path: Path) -> None:
    with LinkServer(default=Reply(200, delay=0.1)) as server:
        write(
            tmp_path / "posts" / "a.md",
            FRONT.format(title="Many") + "".join(f"[page {i}]({server.url(f'/page/{i}')})\n" for i in range(15)),
        )
        findings = lint(tmp_path, {"per-host": 3, "max-concurrency": 32})
        assert len(server.hits) == 15
        assert 1 < server.gauge.peak <= 3
    assert findings == []


def test_overall_concurrency_is_never_exceeded(tmp_path: Path) -> None:
    gauge = Gauge()
    with LinkServer(default=Reply(200, delay=0.1), gauge=gauge) as one, LinkServer(default=Reply(200, delay=0.1), gauge=gauge) as two:
        body = "".join(f"[a{i}]({one.url(f'/a/{i}')}) [b{i}]({two.url(f'/b/{i}')})\n" for i in range(10))
        write(tmp_path / "posts" / "a.md", FRONT.format(title="Two hosts") + body)
        findings = lint(tmp_path, {"per-host": 4, "max-concurrency": 5})
        assert len(one.hits) == len(two.hits) == 10
        assert 1 < gauge.peak <= 5
    assert findings == []


def test_head_connections_are_reused(tmp_path: Path) -> None:
    with LinkServer(default=Reply(200)) as server:
        body = "".join(f"[page {i}]({server.url(f'/page/{i}')})\n" for i in range(12))
        write(tmp_path / "posts" / "a.md", FRONT.format(title="Reuse") + body)
        findings = lint(tmp_path, {"per-host": 2})
        assert len(server.hits) == 12 and {method for method, _ in server.hits} == {"HEAD"}
        assert 1 <= len(server.connections) <= 2  # keep-alive: one TCP connection per slot at most
    assert findings == []


def _check_with_fake_time(settings: LinkSettings, urls: list[str]) -> tuple[dict[str, Any], list[float], list[tuple[str, float]]]:
    """Run a Checker whose sleeps advance a fake clock instead of waiting; record sleeps and sends."""
    import httpx

    slept: list[float] = []
    sent: list[tuple[str, float]] = []
    now = [1000.0]

    async def sleep(delay: float) -> None:
        slept.append(round(delay, 3))
        now[0] += delay

    async def on_request(request: httpx.Request) -> None:
        sent.append((request.url.path, now[0]))

    async def go() -> dict[str, Any]:
        options = {"event_hooks": {"request": [on_request]}}
        async with Checker(settings, sleep=sleep, clock=lambda: now[0], client_options=options) as checker:
            return await checker.check_all(urls)

    return asyncio.run(go()), slept, sent


def test_retries_back_off_exponentially_and_honour_retry_after() -> None:
    routes = {
        "/error": Reply(500),
        "/busy": lambda method, nth: Reply(429, (("Retry-After", "2"),)) if nth == 0 else Reply(200),
        "/closed-for-an-hour": Reply(503, (("Retry-After", "3600"),)),
    }
    settings = LinkSettings(retries=2, timeout=2.0, allow_private=True, backoff=0.5)
    with LinkServer(routes) as server:
        outcomes, slept, _ = _check_with_fake_time(settings, [server.url("/error")])
        assert slept == [0.5, 1.0] and server.paths() == ["/error"] * 3
        assert outcomes[server.url("/error")].failure(settings.accept) == "HTTP 500 Internal Server Error (3 attempts)"

        server.reset()
        outcomes, slept, _ = _check_with_fake_time(settings, [server.url("/busy")])
        assert slept == [2.0] and server.paths() == ["/busy"] * 2
        assert outcomes[server.url("/busy")].failure(settings.accept) is None

        server.reset()
        outcomes, slept, _ = _check_with_fake_time(settings, [server.url("/closed-for-an-hour")])
        assert slept == [] and server.paths() == ["/closed-for-an-hour"]
        assert outcomes[server.url("/closed-for-an-hour")].failure(settings.accept) == "HTTP 503 Service Unavailable"


def test_retry_after_pauses_the_whole_host() -> None:
    routes = {"/busy": lambda method, nth: Reply(429, (("Retry-After", "5"),)) if nth == 0 else Reply(200), "/other": Reply(200)}
    settings = LinkSettings(retries=1, timeout=2.0, allow_private=True, per_host=1)
    with LinkServer(routes) as server:
        outcomes, slept, sent = _check_with_fake_time(settings, [server.url("/busy"), server.url("/other")])
    # /other was queued behind /busy on the host's one slot: it was sent after the pause too.
    assert slept == [5.0]
    assert sent[0] == ("/busy", 1000.0)
    assert sorted(sent[1:]) == [("/busy", 1005.0), ("/other", 1005.0)]
    assert all(o.failure(settings.accept) is None for o in outcomes.values())


# --- time bounds: the circuit breaker and the deadline (issue 16, item 9) --------------------


def test_a_host_that_never_answers_is_given_up_after_host_timeouts(tmp_path: Path) -> None:
    with LinkServer({}, default=Reply(hang=True)) as server:
        body = "".join(f"[page {n}]({server.url(f'/page-{n}')})\n\n" for n in range(12))
        write(tmp_path / "posts" / "a.md", FRONT.format(title="Dead host") + body)
        findings = lint(tmp_path, {"timeout": 0.3, "retries": 0, "per-host": 1, "host-timeouts": 3})
        requested = len(server.hits)
    host = f"127.0.0.1:{server.port}"
    timed_out = [f for f in findings if f.message.endswith("is unreachable: timed out after 0.3 s")]
    unverified = [f for f in findings if f.message.endswith(f"was not checked: not requested: host `{host}` timed out 3 times in a row")]
    # three requests in a row timed out; the nine other URLs were never requested
    assert requested == 3
    assert (len(timed_out), len(unverified), len(findings)) == (3, 9, 12)
    assert {f.severity.name for f in timed_out} == {"ERROR"} and {f.severity.name for f in unverified} == {"WARNING"}


def test_a_retry_after_above_the_cap_gives_the_host_up_at_once() -> None:
    settings = LinkSettings(retries=2, timeout=2.0, allow_private=True, per_host=1)
    with LinkServer({}, default=Reply(503, (("Retry-After", "60"),))) as server:
        urls = [server.url(f"/page-{n}") for n in range(8)]
        outcomes, slept, sent = _check_with_fake_time(settings, urls)
    assert slept == [] and len(sent) == 1  # nothing waited for, one request in all
    first = outcomes[urls[0]]
    assert first.failure(settings.accept) == "HTTP 503 Service Unavailable" and first.unverified is None
    reason = f"not requested: host `127.0.0.1:{server.port}` asked to wait 60 s (Retry-After; `links.max-retry-after` is 10 s)"
    assert [outcomes[u].unverified for u in urls[1:]] == [reason] * 7


def test_the_deadline_turns_checks_still_under_way_into_unverified() -> None:
    settings = LinkSettings(retries=2, timeout=2.0, allow_private=True, per_host=1, deadline=12.0)
    with LinkServer({}, default=Reply(503, (("Retry-After", "5"),))) as server:
        urls = [server.url(f"/page-{n}") for n in range(4)]
        outcomes, slept, sent = _check_with_fake_time(settings, urls)
    # the host pauses everyone 5 s after each answer: requests at t=0, 5 and 10; the next
    # would be at t=15, after the deadline (t=12). Every check still waiting for an answer it
    # can use is unverified, none waits past the deadline.
    assert slept == [5.0, 5.0]
    assert [(path, at - 1000.0) for path, at in sent] == [("/page-0", 0.0), ("/page-1", 5.0), ("/page-2", 10.0)]
    reason = "the link check's deadline of 12 s passed (`links.deadline`)"
    assert [outcomes[u].unverified for u in urls] == [reason] * 4


def test_a_request_under_way_is_cut_at_the_deadline(tmp_path: Path) -> None:
    with LinkServer({"/hang": Reply(hang=True)}) as server:
        write(tmp_path / "posts" / "a.md", FRONT.format(title="Slow") + f"[slow]({server.url('/hang')})\n")
        # the request timeout (30 s) would end later than the deadline (0.5 s): the deadline wins
        findings = lint(tmp_path, {"timeout": 30.0, "deadline": 0.5})
    assert [(f.line, f.code, f.severity.name, f.message) for f in findings] == [
        (5, "LNK007", "WARNING", f"`{server.url('/hang')}` was not checked: the link check's deadline of 0.5 s passed (`links.deadline`)")
    ]


def test_checks_that_ignore_the_deadline_are_cancelled_after_the_grace(monkeypatch: pytest.MonkeyPatch) -> None:
    import postlint.links.client

    async def stuck(self: Checker, host: str) -> list[str]:
        await asyncio.sleep(3600)  # a lookup nothing cuts
        return []

    monkeypatch.setattr(postlint.links.client, "DEADLINE_GRACE", 0.0)
    monkeypatch.setattr(Checker, "_lookup", stuck)
    done: list[Any] = []

    async def go() -> dict[str, Any]:
        async with Checker(LinkSettings(deadline=0.2), on_done=done.append) as checker:
            return await checker.check_all(["https://stuck.example/a", "https://stuck.example/b"])

    outcomes = asyncio.run(go())
    reason = "the link check's deadline of 0.2 s passed (`links.deadline`)"
    assert [o.unverified for o in outcomes.values()] == [reason, reason] and len(done) == 2


# --- DNS rebinding: the request goes to the address that was checked (issue 16, item 14) ------


def test_requests_go_to_the_checked_address_with_host_and_sni_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    import httpx

    answers = iter([["93.184.216.34"], ["127.0.0.1"]])  # a name that flips to loopback when asked again

    async def lookup(self: Checker, host: str) -> list[str]:
        return next(answers)

    monkeypatch.setattr(Checker, "_lookup", lookup)
    seen: list[tuple[str, str, Any]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append((str(request.url), request.headers["host"], request.extensions.get("sni_hostname")))
        return httpx.Response(200)

    async def go() -> dict[str, Any]:
        async with Checker(LinkSettings(), client_options={"transport": httpx.MockTransport(handler)}) as checker:
            return await checker.check_all(["https://rebind.example/a", "https://rebind.example:8443/b"])

    outcomes = asyncio.run(go())
    assert seen == [
        ("https://93.184.216.34/a", "rebind.example", "rebind.example"),
        ("https://93.184.216.34:8443/b", "rebind.example:8443", "rebind.example"),
    ]
    assert all(o.failure(frozenset({200})) is None for o in outcomes.values())


def test_a_pinned_request_reaches_a_real_server(monkeypatch: pytest.MonkeyPatch) -> None:
    import postlint.links.client

    async def lookup(self: Checker, host: str) -> list[str]:
        return ["::1", "127.0.0.1"] if host == "pinned.invalid" else []

    monkeypatch.setattr(Checker, "_lookup", lookup)
    monkeypatch.setattr(postlint.links.client, "is_private_address", lambda address: False)
    with LinkServer({"/ok": Reply(200)}) as server:
        url = f"http://pinned.invalid:{server.port}/ok"  # `.invalid` never resolves: only the pin reaches the server

        async def go() -> dict[str, Any]:
            async with Checker(LinkSettings(timeout=2.0, retries=0)) as checker:
                return await checker.check_all([url])

        outcome = asyncio.run(go())[url]
        assert server.hits == [("HEAD", "/ok")]
    assert (outcome.status, outcome.error) == (200, None)


def test_retry_after_parsing() -> None:
    now = 1_700_000_000.0
    assert parse_retry_after("7", now) == 7.0
    assert parse_retry_after(" 0 ", now) == 0.0
    assert parse_retry_after("Tue, 14 Nov 2023 22:13:40 GMT", now) == 20.0
    assert parse_retry_after("Tue, 14 Nov 2023 22:13:00 GMT", now) == 0.0  # in the past
    assert parse_retry_after("soon", now) is None
    assert parse_retry_after(None, now) is None
    assert retry_delay(1, None, 0.5) == 0.5
    assert retry_delay(3, None, 0.5) == 2.0
    assert retry_delay(1, 4.0, 0.5) == 4.0
    assert retry_delay(1, 3600.0, 0.5) is None


# --- CLI, imports, progress ---------------------------------------------------------------------


def test_cli_summary_json_and_quiet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    with LinkServer({"/ok": Reply(200), "/missing": Reply(404)}) as server:
        write(tmp_path / ".postlint.yaml", "select: [LNK007, LNK008]\nlinks:\n  allow-private: true\n  timeout: 2\n")
        write(tmp_path / "post.md", FRONT.format(title="CLI") + f"[ok]({server.url('/ok')})\n\n[gone]({server.url('/missing')})\n")
        assert main(["check", "--check-links", "--format", "json", "post.md"]) == 1
        captured = capsys.readouterr()
        assert captured.err == "postlint: links: 2 URLs: 2 checked, 0 cached, 0 skipped; 1 failed, 0 redirected\n"
        data = json.loads(captured.out)
        assert [(f["path"], f["line"], f["column"], f["code"], f["severity"], f["message"]) for f in data["findings"]] == [
            ("post.md", 7, 1, "LNK007", "error", f"`{server.url('/missing')}` is unreachable: HTTP 404 Not Found")
        ]
        assert main(["check", "--check-links", "post.md"]) == 1
        assert capsys.readouterr().err == "postlint: links: 2 URLs: 0 checked, 2 cached, 0 skipped; 1 failed, 0 redirected\n"
        assert main(["check", "--check-links", "--quiet", "post.md"]) == 1
        assert capsys.readouterr().err == ""
        assert main(["check", "post.md"]) == 0  # without the flag the online rules do not run
        assert len(server.hits) == 2


def test_progress_bar_only_on_a_terminal() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    tty = Terminal()
    bar = Progress(2, tty)
    bar.advance()
    bar.advance()
    bar.close()
    text = tty.getvalue()
    assert text.startswith("\rchecking links [")
    assert f"[{'#' * 30}] 2/2" in text and text.endswith("\r")
    for stream, enabled in ((io.StringIO(), True), (Terminal(), False)):
        quiet = Progress(2, stream, enabled=enabled)
        quiet.advance()
        quiet.close()
        assert stream.getvalue() == ""


def test_run_batch_draws_progress_and_summary(tmp_path: Path) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    with LinkServer({"/ok": Reply(200)}) as server:
        post = write(tmp_path / "a.md", FRONT.format(title="Bar") + f"[ok]({server.url('/ok')})\n")
        from postlint.parse.document import Post

        config = from_mapping({"cache-dir": "cache", "links": {"allow-private": True}}, root=tmp_path)
        ctx = Context(config, run_posts=[Post.from_path(post)], report_progress=True)
        stream = Terminal()
        batch = run_batch(ctx, stream)
    assert list(batch.outcomes) == [server.url("/ok")]
    assert stream.getvalue().endswith("\rpostlint: links: 1 URL: 1 checked, 0 cached, 0 skipped; 0 failed, 0 redirected\n")
    assert "] 1/1" in stream.getvalue()


def _python(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, timeout=60, env=env)


NETWORK_MODULES = "('httpx', 'httpcore', 'anyio', 'h11', 'asyncio', 'postlint.links.check', 'postlint.links.client')"


def test_no_network_library_is_imported_without_check_links(tmp_path: Path) -> None:
    write(tmp_path / "post.md", FRONT.format(title="Imports") + "A [page about imports](https://example.com/page) here.\n")
    code = (
        "import sys\nfrom postlint.cli.main import main\n"
        "rc = main({args})\n"
        f"print(rc, sorted(m for m in {NETWORK_MODULES} if m in sys.modules))\n"
    )
    offline = _python(code.format(args="['check', '--select', 'LNK', 'post.md']"), tmp_path)
    assert offline.stdout.splitlines()[-1] == "0 []", offline.stderr
    version = _python(code.format(args="['--version']"), tmp_path)
    assert version.stdout.splitlines()[-1] == "0 []", version.stderr
    # the control: the same probe sees httpx once --check-links is given.
    write(tmp_path / ".postlint.yaml", "links: {exclude: ['.']}\n")
    online = _python(code.format(args="['check', '--check-links', '--select', 'LNK', 'post.md']"), tmp_path)
    assert "'httpx'" in online.stdout.splitlines()[-1], online.stderr


def test_check_links_without_httpx_is_a_usage_error(tmp_path: Path) -> None:
    write(tmp_path / "post.md", FRONT.format(title="No client") + "Text.\n")
    code = "import sys\nsys.modules['httpx'] = None\nfrom postlint.cli.main import main\nsys.exit(main(['check', '--check-links', 'post.md']))\n"
    result = _python(code, tmp_path)
    assert result.returncode == 2
    assert result.stderr == "postlint: error: --check-links needs the httpx package: pip install 'postlint[links]'\n"
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("links", "message"),
    [
        ({"exclude": ["("]}, "`links.exclude`: invalid regular expression '('"),
        ({"accept": ["ok"]}, "`links.accept` must list HTTP status codes (100-599), got 'ok'"),
        ({"accept": [99]}, "`links.accept` must list HTTP status codes (100-599), got 99"),
        ({"timeout": 0}, "`links.timeout` must be greater than 0, got 0.0"),
        ({"per-host": 0}, "`links.per-host` must be greater than 0, got 0"),
        ({"retries": -1}, "`links.retries` must not be negative, got -1"),
        ({"deadline": 0}, "`links.deadline` must be greater than 0, got 0.0"),
        ({"host-timeouts": 0}, "`links.host-timeouts` must be greater than 0, got 0"),
        ({"max-retry-after": -5}, "`links.max-retry-after` must not be negative, got -5.0"),
    ],
)
def test_bad_links_settings_are_config_errors(links: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError) as info:
        from_mapping({"links": links}, root=Path("."))
    assert message in str(info.value)


def test_run_coroutine_inside_a_running_loop() -> None:
    async def outer() -> int:
        return run_coroutine(lambda: asyncio.sleep(0, result=5))

    assert run_coroutine(lambda: asyncio.sleep(0, result=4)) == 4
    assert asyncio.run(outer()) == 5
