"""A cold run parses each new post once: its site summary, its findings and its facts come from
one parse, and the rules that ask about other posts run after the index on what the parse left
(`engine.twostep`), giving exactly the findings of linting each post whole against the index."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path
from typing import Iterable

import pytest

from postlint import Context, Finding, Post, Rule, Severity
from postlint.cache.runner import run
from postlint.engine import twostep
from postlint.engine.registry import build_registry
from postlint.model.config import from_mapping

TODAY = dt.date(2025, 6, 1)


def post(title: str, body: str, extra: str = "") -> str:
    return f'---\ntitle: "{title}"\ndate: 2024-05-01\ndescription: "About {title.lower()}, briefly."\n{extra}---\n{body}\n'


def write_site(root: Path, count: int = 30) -> None:
    posts = root / "content" / "posts"
    posts.mkdir(parents=True)
    for i in range(count):
        body = (
            f"## Part {i}\n\nA few words on this topic, one sentence at a time. See [the next one](/posts/p{i + 1}/)"
            f" and [a page](/pages/about/) and [nowhere](/posts/missing-{i}/).\n\n![a chart](chart-{i}.png)\n"
        )
        (posts / f"p{i}.md").write_text(post(f"Post {i} on brewing", body), encoding="utf-8")
    (posts / "chart-3.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    pages = root / "content" / "pages"  # in the index, not in the run
    pages.mkdir()
    (pages / "about.md").write_text(post("About", "See [the first post](/posts/p0/)."), encoding="utf-8")


def lint(root: Path, paths: list[str] | None = None, registry: object = None, **options: object) -> list[tuple[str, int, int, str, str, str]]:
    config = from_mapping({"content-dirs": ["content"], "cache-dir": ".cache"}, root=root)
    result = run(paths or [str(root / "content" / "posts")], config, cwd=root, today=TODAY, registry=registry, **options)  # type: ignore[arg-type]
    return [(f.path, f.line, f.column, f.code, str(f.severity), f.message) for f in result.findings]


@pytest.fixture()
def counted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A file that gets one line per front-matter parse (`fm`) and per Markdown parse (`md`), in
    this process and in forked workers alike."""
    from postlint.parse import frontmatter, mdparser

    log = tmp_path / "parses.log"
    log.write_text("", encoding="utf-8")

    def counting(tag: str, original: object) -> object:
        def wrapper(*args: object, **kwargs: object) -> object:
            fd = os.open(log, os.O_WRONLY | os.O_APPEND)
            try:
                os.write(fd, f"{tag}\n".encode())
            finally:
                os.close(fd)
            return original(*args, **kwargs)  # type: ignore[operator]

        return wrapper

    monkeypatch.setattr(frontmatter, "parse", counting("fm", frontmatter.parse))
    monkeypatch.setattr(mdparser, "parse_blocks", counting("md", mdparser.parse_blocks))
    return log


@pytest.mark.parametrize("jobs, use_cache", [(2, True), (1, True), (1, False)])
def test_a_cold_run_parses_each_post_once(tmp_path: Path, counted: Path, monkeypatch: pytest.MonkeyPatch, jobs: int, use_cache: bool) -> None:
    """30 posts of the run with internal links (resolved after the index) and images, and one page
    only indexed: 31 front-matter parses and 30 Markdown parses (the page's links are scanned, not
    parsed). Before the first pass, workers parsed every post twice (summary, then lint)."""
    import postlint.cache.pool as pool

    site = tmp_path / "site"
    write_site(site)
    monkeypatch.setattr(pool, "PARALLEL_MIN_FILES", 2)
    found = lint(site, jobs=jobs, use_cache=use_cache)
    assert sum(code == "LNK006" for _, _, _, code, _, _ in found) == 31  # every post's `nowhere` link, and p29's next
    assert ("content/posts/p29.md", 8, 56, "LNK006", "error", "internal link `/posts/p30/` resolves to no post or file of the site") in found
    parses = counted.read_text(encoding="utf-8").split()
    assert (parses.count("fm"), parses.count("md")) == (31, 30)
    if use_cache:  # warm: nothing parsed
        counted.write_text("", encoding="utf-8")
        assert lint(site, jobs=jobs, use_cache=True) == found
        assert counted.read_text(encoding="utf-8") == ""


def _rows(cache_dir: Path) -> list[tuple[int, bytes, bytes]]:
    import sqlite3

    with sqlite3.connect(cache_dir / "results.sqlite3") as db:
        return sorted((kind, bytes(key), value if isinstance(value, bytes) else value.encode()) for kind, key, value in db.execute("SELECT kind, key, value FROM cached"))


def test_workers_encode_the_summary_and_facts_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cold run in workers: each new post's summary and facts rows are encoded by the worker that
    parsed it, not by the parent (which shares the CPUs with the workers); the parent encodes only
    the page outside the run (its summary at the first pass, its scanned facts at the end). The
    cache then holds the very rows of a run in one process."""
    import postlint.cache.pool as pool
    from postlint.cache import results
    from postlint.site import postfacts

    parent, calls = os.getpid(), []

    def watched(original: object) -> object:
        def wrapper(*args: object) -> object:
            if os.getpid() == parent:
                calls.append(original.__name__)  # type: ignore[attr-defined]
            return original(*args)  # type: ignore[operator]

        return wrapper

    site = tmp_path / "site"
    write_site(site)
    serial = lint(site, jobs=1, use_cache=True)
    rows = _rows(site / ".cache")
    shutil.rmtree(site / ".cache")
    monkeypatch.setattr(pool, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(results, "summary_to_json", watched(results.summary_to_json))
    monkeypatch.setattr(postfacts, "facts_to_json", watched(postfacts.facts_to_json))
    assert lint(site, jobs=2, use_cache=True) == serial
    assert sorted(calls) == ["facts_to_json", "summary_to_json"]
    assert _rows(site / ".cache") == rows


class _Probe(Rule):
    summary = "test"
    severity = Severity.INFO


class SiblingCount(_Probe):
    """Test rule: says how many posts the site index holds (asks the index in `check`)."""

    code, name = "TST001", "sibling-count"

    def check(self, post: Post, ctx: Context) -> Iterable[Finding]:
        if post.path.name == "p1.md":
            yield self.report(post, 1, 1, f"{len(ctx.site.posts)} posts indexed")


class TitleAfterResolve(_Probe):
    """Test rule: resolves a link, then reads the post's title (which a `LatePost` does not hold)."""

    code, name = "TST002", "title-after-resolve"

    def check(self, post: Post, ctx: Context) -> Iterable[Finding]:
        for link in post.links:
            resolution = ctx.site.resolve(post, link.url)
            if resolution is not None and not resolution.found:
                yield self.report_at(post, post.span_of(link), f"{post.title}: `{link.url}` is missing")


class SwallowsErrors(_Probe):
    """Test rule: asks the index inside its own `except Exception` (which must not hide the wait)."""

    code, name = "TST003", "swallows-errors"

    def check(self, post: Post, ctx: Context) -> Iterable[Finding]:
        try:
            known = len(ctx.site.by_url)
        except Exception:  # noqa: BLE001 - the point of the test
            known = -1
        if post.path.name == "p2.md":
            yield self.report(post, 1, 1, f"{known} URLs")


def _registry() -> object:
    registry = build_registry(entry_points=False)
    for rule in (SiblingCount, TitleAfterResolve, SwallowsErrors):
        registry.add(rule, "tests")  # type: ignore[attr-defined]
    return registry


def _whole(linter: object, post: Post, site: object, summary: object) -> twostep.Early:
    return twostep.Early(None)  # every post linted whole once the index is built (the old way)


@pytest.mark.parametrize("jobs", [1, 2])
def test_rules_left_for_later_give_the_findings_of_a_whole_lint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int) -> None:
    """Links to missing posts, to missing and present anchors of other posts and of the post itself,
    relative links, images beside the post, a suppression comment (that post is linted whole), a
    plugin rule that counts the index's posts, one that reads the post after resolving (run again on
    a new parse), one that asks inside `except Exception`: the same findings, and the same cache
    rows (the files each post's findings depend on), as linting each post whole after the index."""
    import postlint.cache.pool as pool
    from test_runner import cache_rows

    monkeypatch.setattr(pool, "PARALLEL_MIN_FILES", 2)
    site = tmp_path / "site"
    write_site(site, 12)
    posts = site / "content" / "posts"
    (posts / "anchors.md").write_text(
        post("Anchors", "## Known part\n\n[here](#known-part) [not here](#unknown) [there](/posts/p1/#part-1) "
             "[not there](/posts/p1/#nope) [relative](../p2/) [source](p3.md#part-3)\n"),
        encoding="utf-8",
    )
    (posts / "quiet.md").write_text(
        post("Quiet", "<!-- postlint-disable-next-line LNK006 -->\nHidden [gone](/posts/gone/).\n\n<!-- postlint-disable HD001 -->\n"),
        encoding="utf-8",
    )
    registry = _registry()
    two_step = lint(site, registry=registry, jobs=jobs, use_cache=True)
    rows = cache_rows(site / ".cache")["findings"]
    codes = {code for _, _, _, code, _, _ in two_step}
    assert {"LNK006", "TST001", "TST002", "TST003", "PL001"} <= codes
    assert ("content/posts/p1.md", 1, 1, "TST001", "info", "15 posts indexed") in two_step
    assert ("content/posts/p2.md", 1, 1, "TST003", "info", "15 URLs") in two_step
    assert not any(path == "content/posts/quiet.md" and code == "LNK006" for path, _, _, code, _, _ in two_step)
    assert [(line, message) for path, line, _, code, _, message in two_step if path == "content/posts/anchors.md" and code == "LNK006"] == [
        (8, "`#unknown` names no heading of this post"),
        (8, "`#nope` names no heading of content/posts/p1.md"),
    ]
    import shutil

    shutil.rmtree(site / ".cache")
    monkeypatch.setattr(twostep, "lint_early", _whole)
    assert lint(site, registry=registry, jobs=jobs, use_cache=True) == two_step
    assert cache_rows(site / ".cache")["findings"] == rows


def test_a_late_post_answers_only_what_it_holds(tmp_path: Path) -> None:
    """A `LatePost` reads as its post for its paths, lines and links, raises `PostNeeded` for the
    rest (a `BaseException`: no rule's `except Exception` hides it), and pickles."""
    import pickle

    parsed = Post.from_text(post("One", "[a](/b/#c)"), tmp_path / "one.md")
    late = twostep.LatePost(parsed.path, parsed.display_path, len(parsed.lines), tuple(parsed.links), True)
    assert late.span_of(late.links[0]) == parsed.span_of(parsed.links[0])
    with pytest.raises(twostep.PostNeeded):
        late.title  # noqa: B018
    assert not issubclass(twostep.PostNeeded, Exception) and not issubclass(twostep.IndexPending, Exception)
    assert pickle.loads(pickle.dumps(late)) == late


def test_a_cold_run_holds_no_stat_record_a_file_while_it_lints(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Once every file is stat'ed, the new stat records are packed into their folders' rows: the
    first passes run with no record a file held (a big site's would be held to the save), and the
    rows written are the ones a warm run then trusts."""
    from postlint.cache import results, runner

    site = tmp_path / "site"
    write_site(site)
    held: list[int] = []
    put_summary = results.ResultCache.put_summary

    def checking(self: results.ResultCache, entry: object, summary: object, row: str | None = None) -> None:
        held.append(sum(len(records) for records in self._records.values()))
        put_summary(self, entry, summary, row)  # type: ignore[arg-type]

    monkeypatch.setattr(results.ResultCache, "put_summary", checking)
    monkeypatch.setattr(results, "RACY_SECONDS", -1.0)  # the files just written are recorded
    found = lint(site, jobs=1, use_cache=True)
    assert len(held) == 31 and set(held) == {0}
    read: list[str] = []
    monkeypatch.setattr(runner, "content_hash", lambda data: read.append("x") or results.content_hash(data))
    assert lint(site, jobs=1, use_cache=True) == found
    assert read == []  # every file vouched for by its folder's stat row


def test_a_packed_late_post_holds_plain_values_without_its_paths(tmp_path: Path) -> None:
    """The record a first pass leaves for later is held by the run until the index is built: no
    paths (the run knows the file), no class names, no per-record dict, the links in columns (an
    inline link's kind, title and target as typed left out); unpacked, it is the same."""
    from postlint.parse.document import Link

    links = (
        Link("/posts/a/", "a", 3, 1, 3, 15, raw_target="/posts/a/"),
        Link("/b/#x", "b", 4, 2, 4, 12, "reference", "t", "/b/#x"),
        Link("/c/", "c\u00e9", 5, 1, 6, 3),
    )
    late = twostep.LatePost(Path("content/posts/long-name.md"), "content/posts/long-name.md", 9, links, True, frozenset({"x"}))
    early = twostep.Early([], ("LNK006",), late).packed()
    assert early.post == (
        '[9,true,["x"],["/posts/a/","/b/#x","/c/"],["a","b","c\\u00e9"],[3,1,3,15,4,2,4,12,5,1,6,3],'
        '[[1,"reference","t","/b/#x"],[2,"inline","",null]]]'
    )
    assert not hasattr(early, "__dict__")
    assert early.late_post(Path("content/posts/long-name.md"), "content/posts/long-name.md") == late


def test_a_post_s_views_are_let_go_before_its_record_for_later_is_packed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Packing a post's record for later (its links) is the peak of a huge post's first pass while
    the post and its views are alive beside it (issue #19): no `Post` is alive when it is packed."""
    import gc

    site = tmp_path / "site"
    write_site(site, 3)
    alive: list[int] = []
    original = twostep.Early.packed

    def packed(self: twostep.Early) -> twostep.Early:
        gc.collect()
        alive.append(sum(isinstance(o, Post) for o in gc.get_objects()))
        return original(self)

    monkeypatch.setattr(twostep.Early, "packed", packed)
    assert lint(site, jobs=1)
    assert alive == [0, 0, 0]


def test_a_record_for_later_lets_go_of_its_packed_text_while_its_rules_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Unpacked for the rules left for later, a post's record no longer holds its packed text
    beside the unpacked links (a link roundup's peak in its late pass, issue #19)."""
    from postlint.cache import firstpass

    site = tmp_path / "site"
    write_site(site, 3)
    records: list[twostep.Early] = []
    held: list[object] = []
    late_post, lint_late = twostep.Early.late_post, firstpass.lint_late
    monkeypatch.setattr(twostep.Early, "late_post", lambda self, *args: records.append(self) or late_post(self, *args))
    monkeypatch.setattr(firstpass, "lint_late", lambda *args: held.append(records[-1].post) or lint_late(*args))
    found = lint(site, jobs=1)
    assert held == [None, None, None]
    monkeypatch.undo()
    assert lint(site, jobs=1) == found


@pytest.mark.parametrize("name", ["json", "text", "github", None])
def test_no_findings_encode_as_the_general_path_encodes_them(name: str | None) -> None:
    """A post without findings (most of a good site's) takes a short way to its rows, count and
    lines: the same values the general path makes of an empty list."""
    import json

    from postlint.cache.firstpass import encoded
    from postlint.engine.findinglist import render_lines, tally
    from postlint.output.reporters import line_format

    fmt = line_format(name) if name is not None else None
    general = (json.dumps([], separators=(",", ":")), tally([]), render_lines(fmt, []) if fmt is not None else None)
    assert encoded([], "a.md", fmt) == general
    assert encoded([], "a.md", fmt) == ("[]", {}, b"" if fmt is not None else None)
