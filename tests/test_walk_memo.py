"""The walk's memory of each folder (`collect.WalkMemo`, kept in the results cache): an unchanged
folder is not listed again, and anything that changes what a walk would find is seen."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from postlint.cli.main import main
from projects import age


def _post(title: str) -> str:
    return f'---\ntitle: "{title}"\ndate: 2024-05-01\n---\nSome words about brewing coffee at home.\n'


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()  # a worktree: its .gitignore files apply
    (tmp_path / ".postlint.yaml").write_text("cache-dir: .cache\n", encoding="utf-8")
    for folder in ("posts", "posts/2024", "drafts"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
    for name in ("posts/a.md", "posts/b.md", "posts/2024/c.md", "drafts/d.md"):
        (tmp_path / name).write_text(_post(f"The post named {name}"), encoding="utf-8")
    age(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _linted(capsys: pytest.CaptureFixture[str], *paths: str) -> set[str]:
    """The files a warm-capable run lints (by their findings: every post here has some)."""
    main(["check", "--format", "json", "--exit-zero", *paths])
    return {f["path"] for f in json.loads(capsys.readouterr().out)["findings"]}


def _listings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The folders of the project the run lists (relative; not Python's own, nor the cache's)."""
    listed: list[str] = []
    original = os.scandir
    here = os.getcwd() + os.sep

    def scandir(path: str = ".") -> object:
        absolute = os.path.abspath(path)
        if absolute.startswith(here) and ".cache" not in absolute:
            listed.append(os.path.relpath(absolute, here))
        return original(path)

    monkeypatch.setattr(os, "scandir", scandir)
    return listed


ALL = {"posts/a.md", "posts/b.md", "posts/2024/c.md", "drafts/d.md"}


def test_an_unchanged_folder_is_not_listed_again(project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    assert _linted(capsys, ".") == ALL  # records every folder
    listed = _listings(monkeypatch)
    assert _linted(capsys, ".") == ALL
    assert listed == []
    (project / "posts" / "e.md").write_text(_post("A new post in a remembered folder"), encoding="utf-8")
    assert _linted(capsys, ".") == ALL | {"posts/e.md"}
    assert listed == ["posts"]  # only the folder that changed


def test_a_post_added_under_a_folder_whose_mtime_is_set_back_is_found(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _linted(capsys, ".") == ALL
    folder = project / "posts" / "2024"
    before = folder.stat()
    (folder / "f.md").write_text(_post("Added, then the folder's mtime restored"), encoding="utf-8")
    os.utime(folder, ns=(before.st_atime_ns, before.st_mtime_ns))  # looks unchanged but for its ctime
    assert folder.stat().st_mtime_ns == before.st_mtime_ns
    assert _linted(capsys, ".") == ALL | {"posts/2024/f.md"}


def test_a_removed_post_and_a_removed_folder_are_gone(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _linted(capsys, ".") == ALL
    (project / "posts" / "b.md").unlink()
    (project / "posts" / "2024" / "c.md").unlink()
    (project / "posts" / "2024").rmdir()
    assert _linted(capsys, ".") == {"posts/a.md", "drafts/d.md"}


def test_a_gitignore_edit_above_a_remembered_folder_is_seen(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ignore = project / ".gitignore"
    ignore.write_text("drafts/\n*.tmp\n", encoding="utf-8")
    age(project)
    assert _linted(capsys, ".") == ALL - {"drafts/d.md"}
    assert _linted(capsys, ".") == ALL - {"drafts/d.md"}  # from the records
    ignore.write_text("*.tmp\nc.md\n", encoding="utf-8")  # drafts/ no longer ignored; a post deep down is
    age(project)  # the same mtime as before: its size and ctime differ
    assert _linted(capsys, ".") == ALL - {"posts/2024/c.md"}
    ignore.unlink()
    assert _linted(capsys, ".") == ALL


def test_a_gitignore_added_in_a_remembered_subfolder_is_seen(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _linted(capsys, ".") == ALL
    (project / "posts" / ".gitignore").write_text("2024/\n", encoding="utf-8")
    assert _linted(capsys, ".") == ALL - {"posts/2024/c.md"}


def test_an_excluded_folder_becoming_included_is_walked(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = project / ".postlint.yaml"
    config.write_text("cache-dir: .cache\nextend-exclude: [drafts, '2024']\n", encoding="utf-8")
    age(project)
    assert _linted(capsys, ".") == {"posts/a.md", "posts/b.md"}
    assert _linted(capsys, ".") == {"posts/a.md", "posts/b.md"}
    config.write_text("cache-dir: .cache\nextend-exclude: ['2024']\n", encoding="utf-8")
    assert _linted(capsys, ".") == {"posts/a.md", "posts/b.md", "drafts/d.md"}
    config.write_text("cache-dir: .cache\n", encoding="utf-8")
    assert _linted(capsys, ".") == ALL


def test_a_subfolder_config_with_its_own_excludes_is_seen(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _linted(capsys, ".") == ALL
    (project / "posts" / "2024" / ".postlint.yaml").write_text("exclude: [c.md]\n", encoding="utf-8")
    age(project)  # the folder's mtime as good as unchanged: its config is what differs
    assert _linted(capsys, ".") == ALL - {"posts/2024/c.md"}


def test_a_fresh_folder_is_not_remembered(project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder changed within the clock's resolution could change again without its mtime moving."""
    (project / "posts" / "g.md").write_text(_post("Written just now"), encoding="utf-8")
    assert _linted(capsys, ".") == ALL | {"posts/g.md"}
    listed = _listings(monkeypatch)
    assert _linted(capsys, ".") == ALL | {"posts/g.md"}
    assert listed == ["posts"]


def test_a_folder_holding_a_symbolic_link_is_walked_every_time(project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    target = project / "drafts" / "d.md"
    try:
        (project / "posts" / "link.md").symlink_to(target)
    except OSError:  # pragma: no cover - a file system without links
        pytest.skip("no symbolic links here")
    age(project)
    assert _linted(capsys, ".") == ALL  # the link leads to drafts/d.md, linted once
    listed = _listings(monkeypatch)
    assert _linted(capsys, ".") == ALL
    assert listed == ["posts"]  # where the link is: its target could change without the folder


def test_a_folders_exclude_matcher_decides_as_each_path_would(tmp_path: Path) -> None:
    """The walk matches a folder's part of the relative path once and then each entry's name
    (`_excluder`): the same entries are excluded as `excluded` excludes their paths, inside the
    config's folder and outside it."""
    import random

    from postlint.model.config import Config
    from postlint.site.collect import _excluder, excluded

    alphabet = ["a", "b", "a.b", "c/d", "c/d/", "*.md", "a/", "x?", "[ab]", "a\\b", ".git", "d/*", "ab", "A", "c", "c/d/e.md", "*"]
    names = ["a", "b", "ab", "a.b", "c", "d", "x1", "e.md", ".git", "a\\b", "A"]
    rng = random.Random(11)
    root = tmp_path / "root"
    for _ in range(3000):
        patterns = rng.sample(alphabet, rng.randint(0, 4))
        config = Config(root=root, exclude=patterns)
        inside = rng.random() < 0.8
        folder = "/".join(rng.choice(names) for _ in range(rng.randint(0, 3)))
        base = os.path.join(str(root if inside else tmp_path / "elsewhere"), folder).rstrip("/") + "/"
        name = rng.choice(names)
        assert _excluder(base, config)(name) == excluded(base + name, config, tmp_path), (patterns, base, name)


def test_the_walk_s_records_are_written_after_the_run_s_rows(project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The walk's records (a big folder's is long: `results.LONG_ROW`) are saved once, after the run's rows."""
    import postlint.cache.results as results

    writes: list[tuple[str, bool]] = []
    original = results.ResultCache._write
    monkeypatch.setattr(results.ResultCache, "_write", lambda self, final, **live: writes.append(("walk" if self.key == "" else "run", final)) or original(self, final, **live))
    assert _linted(capsys, ".") == ALL
    assert writes == [("run", True), ("walk", True)]
    listed = _listings(monkeypatch)
    assert _linted(capsys, ".") == ALL
    assert listed == []  # the walk's records were kept
