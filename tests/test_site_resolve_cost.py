"""Resolving internal links costs a bounded number of file-system questions per link (issue #19 §3):
a link roundup of pages under a folder the site does not have must not ask about a dozen
candidate files per link."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from harness import TODAY
from postlint.cache.runner import run
from postlint.model.config import from_mapping
from postlint.site.index import Site, child_path


def _write(path: Path, title: str, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'---\ntitle: "{title}"\n---\n\n{body}\n', encoding="utf-8")


def _roundup(root: Path, links: int, repeats: int = 1) -> Path:
    _write(root / "content" / "posts" / "kept.md", "A kept post", "Nothing here.")
    items = [f"[page {i}](/tea/{i % 7}/{i}/)" if i % 2 else f"[gone {i}](/posts/gone/{i}/)" for i in range(links)] * repeats
    items += ["[kept](/posts/kept/)", "[kept again](/posts/kept/)"]
    post = root / "content" / "posts" / "roundup.md"
    _write(post, "A roundup", "\n\n".join(", ".join(items[i : i + 10]) + "." for i in range(0, len(items), 10)))
    return post


def _broken(root: Path, post: Path) -> list[str]:
    config = from_mapping({"content-dirs": ["content"], "select": ["LNK006"], "LNK006": {"report-unverified": True}}, root=root)
    result = run([str(post)], config, cwd=root, today=TODAY, jobs=1)
    return [f"{f.line}:{f.column} {f.message}" for f in result.findings]


def test_links_under_a_missing_folder_ask_the_file_system_a_bounded_number_of_times(tmp_path: Path, monkeypatch) -> None:
    post = _roundup(tmp_path, 300)
    asked: list[str] = []
    original = Site.file_stat
    monkeypatch.setattr(Site, "file_stat", lambda self, path: asked.append(str(path)) or original(self, path))
    found = _broken(tmp_path, post)
    assert len(found) == 300
    assert found[:2] == [
        "5:1 internal link `/posts/gone/0/` resolves to no post or file of the site",
        "5:27 internal link `/tea/1/1/` not verified: outside the indexed content (list its prefix under LNK006 `ignore` if it exists)",
    ]
    # one question for the missing folder `content/tea` and one per static/content folder path, not
    # one per candidate file (`tea/0/0.md`, `tea/0/0/index.md`, `tea/0/0/_index.md`, ... for each suffix)
    assert len(asked) <= 3 * 300


def test_each_distinct_candidate_reaches_os_stat_at_most_once(tmp_path: Path, monkeypatch) -> None:
    import os

    post = _roundup(tmp_path, 50, repeats=4)
    stats: list[str] = []
    original = os.stat
    monkeypatch.setattr(os, "stat", lambda path, *a, **k: stats.append(os.fspath(path)) or original(path, *a, **k))
    found = _broken(tmp_path, post)
    assert len(found) == 200  # every repeat is reported, at its own place
    below = [p for p in stats if "/tea" in p or "/gone" in p]
    assert len(below) == len(set(below)) and len(below) <= 6  # the folders `tea`, `tea/1`, `tea/1/1`, `posts/gone`, `posts/gone/0`


def test_repeated_links_are_reported_like_distinct_ones(tmp_path: Path) -> None:
    once = _broken(tmp_path / "a", _roundup(tmp_path / "a", 20))
    twice = _broken(tmp_path / "b", _roundup(tmp_path / "b", 20, repeats=2))
    assert len(once) == 20 and len(twice) == 40
    assert [f.split(" ", 1)[1] for f in twice] == [f.split(" ", 1)[1] for f in once] * 2


def test_a_repeated_target_is_resolved_once_a_post(tmp_path: Path, monkeypatch) -> None:
    post = _roundup(tmp_path, 30, repeats=5)
    resolved: list[str] = []
    original = Site.resolve
    monkeypatch.setattr(Site, "resolve", lambda self, source, url: resolved.append(url) or original(self, source, url))
    assert len(_broken(tmp_path, post)) == 150
    assert sorted(resolved) == sorted({*resolved}) and len(resolved) == 31  # 30 targets and `/posts/kept/`


@given(st.lists(st.sampled_from(["a", "b.md", ".", "..", "", "x y", "é"]), max_size=6))
def test_a_child_path_string_is_what_pathlib_joins(segments: list[str]) -> None:
    """The lookup joins strings, not Paths (a roundup asks a million times): the same path."""
    rel = "/".join(segments).lstrip("/")  # as the lookup asks: a site path without its leading slash
    for folder in (Path("/site/content"), Path("/site/static/")):
        assert child_path(folder, rel) == str(folder / rel)
