"""The link graph a run recalls from the results cache (`linkgraph.GraphMemo`): only changed posts'
links are resolved again, and the graph is what a run without the cache builds."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import time
from pathlib import Path

import pytest

from postlint.cache.runner import run
from postlint.model.config import from_mapping
from postlint.site.index import Site

TODAY = dt.date(2025, 6, 1)
POSTS = 12


def _post(i: int, body: str) -> str:
    return f'---\ntitle: "Brewing notes, part {i}"\ndate: 2024-05-01\n---\n## Notes\n\n{body}\n'


@pytest.fixture()
def site(tmp_path: Path) -> Path:
    """Twelve posts, each linking to the next: post-0 alone has no inbound link (an orphan)."""
    posts = tmp_path / "content" / "posts"
    posts.mkdir(parents=True)
    (tmp_path / "static").mkdir()
    for i in range(POSTS):
        body = f"Some words. See [the next post](/posts/post-{i + 1}/)." if i + 1 < POSTS else "Some words."
        (posts / f"post-{i}.md").write_text(_post(i, body), encoding="utf-8")
    _age(tmp_path)
    return tmp_path


def _age(root: Path) -> None:
    """Date every file and folder a minute back (a fresh file is not trusted by its stat)."""
    then = time.time() - 60
    for path in [*root.rglob("*"), root]:
        os.utime(path, (then, then))


@pytest.fixture()
def resolved(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The links the graph resolves (each `Site.resolve_link` call's URL)."""
    calls: list[str] = []
    original = Site.resolve_link

    def counted(self: Site, source: object, url: str) -> object:
        calls.append(url)
        return original(self, source, url)  # type: ignore[arg-type]

    monkeypatch.setattr(Site, "resolve_link", counted)
    return calls


def lint(root: Path, *paths: str, **options: object) -> list[tuple[str, int, str, str]]:
    config = from_mapping({"content-dirs": ["content"], "cache-dir": ".cache"}, root=root)
    result = run([str(root / p) for p in paths or ("content",)], config, cwd=root, today=TODAY, jobs=1, **options)  # type: ignore[arg-type]
    return [(f.path, f.line, f.code, f.message) for f in result.findings]


def orphans(findings: list[tuple[str, int, str, str]]) -> list[tuple[str, int, str, str]]:
    return [f for f in findings if f[2] == "SEO008"]


def _edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    then = time.time() - 60
    os.utime(path, (then, then))


def test_an_edit_of_one_post_resolves_that_posts_links_alone(site: Path, resolved: list[str]) -> None:
    first = lint(site, use_cache=True)
    assert orphans(first) == [
        ("content/posts/post-0.md", 2, "SEO008", "no other post of the site links to this post (/posts/post-0/): link to it from a related post"),
    ]
    assert len(resolved) == POSTS - 1  # a cold run: every post's link
    resolved.clear()
    assert lint(site, use_cache=True) == first
    assert resolved == []  # unchanged: the cross-post rules' findings are served, no graph built
    _edit(site / "content" / "posts" / "post-5.md", "/posts/post-6/", "/posts/post-9/")
    after = lint(site, use_cache=True)
    assert resolved == ["/posts/post-9/"]  # the edited post's link; the others' targets come from the recalled graph
    assert orphans(after) == [
        ("content/posts/post-0.md", 2, "SEO008", "no other post of the site links to this post (/posts/post-0/): link to it from a related post"),
        ("content/posts/post-6.md", 2, "SEO008", "no other post of the site links to this post (/posts/post-6/): link to it from a related post"),
    ]
    resolved.clear()
    # what a run without the cache finds (each distinct root-absolute link resolved once: post-9 is named twice now)
    assert after == lint(site) and len(resolved) == POSTS - 2
    resolved.clear()
    _edit(site / "content" / "posts" / "post-3.md", "Brewing notes, part 3", "Brewing notes, part three")
    assert lint(site, use_cache=True) == lint(site)
    assert len(resolved) == 2 * (POSTS - 2)  # a title: another shape, so every post's links again (twice: the plain run too)


def test_a_run_over_one_post_recalls_the_graph_of_a_run_over_all(site: Path, resolved: list[str]) -> None:
    lint(site, use_cache=True)
    _edit(site / "content" / "posts" / "post-5.md", "/posts/post-6/", "/posts/post-9/")
    resolved.clear()
    one = lint(site, "content/posts/post-5.md", use_cache=True)  # a pre-commit run over the edited post
    # the site's shape is the same whoever is in the run (it was every post's content stamp in a
    # run whose index decoded the summaries before the shape digested them)
    assert resolved == ["/posts/post-9/"]
    assert one == lint(site, "content/posts/post-5.md")
    resolved.clear()
    _edit(site / "content" / "posts" / "post-7.md", "Some words.", "Some other words.")
    cached = lint(site, use_cache=True)
    assert resolved == ["/posts/post-8/"]  # post-7's link alone: the graph the one-post run kept
    assert orphans(cached) == [
        ("content/posts/post-0.md", 2, "SEO008", "no other post of the site links to this post (/posts/post-0/): link to it from a related post"),
        ("content/posts/post-6.md", 2, "SEO008", "no other post of the site links to this post (/posts/post-6/): link to it from a related post"),
    ]
    assert cached == lint(site)


def test_a_file_the_links_looked_for_appearing_is_seen(site: Path, resolved: list[str]) -> None:
    # more links land nowhere than on posts: postlint does not know the site's URLs, no orphan is named
    links = " ".join(f"[file {n}](/files/f-{n}.pdf)" for n in range(POSTS))
    _edit(site / "content" / "posts" / "post-0.md", "Some words.", f"Some words. {links}")
    assert orphans(lint(site, use_cache=True)) == []
    resolved.clear()
    files = site / "static" / "files"
    files.mkdir()
    for n in range(2):  # 10 links land nowhere now, 11 on posts
        (files / f"f-{n}.pdf").write_bytes(b"%PDF")
    _age(site)
    found = lint(site, use_cache=True)
    assert len(resolved) == 2 * POSTS - 1  # the recalled graph looked for static/files: not used
    assert orphans(found) == [
        ("content/posts/post-0.md", 2, "SEO008", "no other post of the site links to this post (/posts/post-0/): link to it from a related post"),
    ]
    assert found == lint(site)


def test_a_damaged_graph_row_is_not_used(site: Path, resolved: list[str]) -> None:
    first = lint(site, use_cache=True)
    db = sqlite3.connect(site / ".cache" / "results.sqlite3")
    try:
        (value,) = db.execute("SELECT value FROM cached WHERE kind = 8").fetchone()
        assert value.startswith(b"postlint-graph 1\n")
        table = "entries" if len(value) <= 4096 else "longs"
        db.execute(f"UPDATE {table} SET value = ? WHERE kind = 8", (value[:-5] + b"\xff" * 5,))  # its compressed records cut
        db.commit()
    finally:
        db.close()
    _edit(site / "content" / "posts" / "post-5.md", "/posts/post-6/", "/posts/post-9/")
    resolved.clear()
    after = lint(site, use_cache=True)
    assert len(resolved) == POSTS - 2  # every post's links again (post-9's once)
    assert after == lint(site) != first


def test_the_recalled_graph_is_the_graph_a_run_without_the_cache_builds(site: Path) -> None:
    from postlint.site.linkgraph import graph_of

    config = from_mapping({"content-dirs": ["content"], "cache-dir": ".cache"}, root=site)
    lint(site, use_cache=True)
    _edit(site / "content" / "posts" / "post-5.md", "/posts/post-6/", "/posts/post-9/")
    _edit(site / "content" / "posts" / "post-8.md", "Some words.", "Some words. Back to [the start](/posts/post-0/).")
    cached = graph_of(run([str(site / "content")], config, cwd=site, today=TODAY, jobs=1, use_cache=True).site)  # type: ignore[arg-type]
    plain = graph_of(run([str(site / "content")], config, cwd=site, today=TODAY, jobs=1).site)  # type: ignore[arg-type]
    assert cached.outbound == plain.outbound and cached.inbound == plain.inbound
    assert (cached.to_posts, cached.unresolved) == (plain.to_posts, plain.unresolved) == (POSTS, 0)
    posts = str(site / "content" / "posts")
    assert cached.outbound[f"{posts}/post-8.md"] == [f"{posts}/post-0.md", f"{posts}/post-9.md"]
    assert cached.inbound[f"{posts}/post-9.md"] == [f"{posts}/post-5.md", f"{posts}/post-8.md"]
    assert f"{posts}/post-6.md" not in cached.inbound
    assert [cached.inbound_count(f"{posts}/post-{i}.md") for i in (0, 6, 9)] == [1, 0, 2]
    assert cached.outbound_count(f"{posts}/post-11.md") == 0 and cached.outbound_count("/elsewhere.md") == 0


def test_a_warm_run_of_the_html_report_recalls_the_graph_and_packs_no_row(site: Path, resolved: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import postlint.site.linkgraph as linkgraph

    config = from_mapping({"content-dirs": ["content"], "cache-dir": ".cache"}, root=site)

    def report() -> list[tuple[str, int, str]]:
        result = run([str(site / "content")], config, cwd=site, today=TODAY, jobs=1, use_cache=True, site_report=True)
        return [(f.path, f.line, f.code) for f in result.findings]

    first = report()
    packed: list[int] = []
    original = linkgraph._row
    monkeypatch.setattr(linkgraph, "_row", lambda *args: packed.append(1) or original(*args))
    resolved.clear()
    assert report() == first
    assert resolved == [] and packed == []  # the graph built from the recalled row alone: nothing resolved, nothing packed
    _edit(site / "content" / "posts" / "post-5.md", "/posts/post-6/", "/posts/post-9/")
    assert report() != first
    assert resolved == ["/posts/post-9/"] and packed == [1]  # the edited post resolved, and the new row kept
