"""The results cache's folder: postlint writes and deletes only in a folder it created and
marked, never the project root or above it, nor outside the project unless told on the command line."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

import unprivileged
from postlint.cli.main import main
from projects import KETTLE as POST
from projects import make_project


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_project(tmp_path, monkeypatch)
    (tmp_path / "keep.txt").write_text("a file beside the project\n", encoding="utf-8")
    return root


def _config(root: Path, cache_dir: str) -> None:
    (root / ".postlint.yaml").write_text(f"content-dirs: [content]\ncache-dir: {json.dumps(cache_dir)}\n", encoding="utf-8")


def _err_lines(capsys: pytest.CaptureFixture[str]) -> list[str]:
    return capsys.readouterr().err.splitlines()


@pytest.mark.parametrize("cache_dir", ["..", "."])
def test_clean_never_removes_the_project_or_a_folder_above_it(project: Path, capsys: pytest.CaptureFixture[str], cache_dir: str) -> None:
    _config(project, cache_dir)
    assert main(["clean"]) == 2
    [line] = _err_lines(capsys)
    assert line.startswith(f"postlint: error: cache-dir `{cache_dir}` is the project root or a folder above it")
    assert (project.parent / "keep.txt").is_file() and (project / "content" / "kettle.md").is_file()
    assert main(["clean", "--cache-dir", cache_dir]) == 2  # not even when given on the command line
    assert (project.parent / "keep.txt").is_file()


def test_clean_refuses_a_cache_dir_outside_the_project(project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    home = project.parent / "home"
    (home / ".ssh").mkdir(parents=True)
    (home / ".ssh" / "config").write_text("Host *\n", encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    _config(project, "~")
    assert main(["clean"]) == 2
    [line] = _err_lines(capsys)
    assert line.startswith("postlint: error: cache-dir `~` resolves outside the project")
    assert (home / ".ssh" / "config").is_file()
    assert main(["check", "-q"]) == 2  # nor does `check` write there
    assert _err_lines(capsys)[-1].startswith("postlint: error: cache-dir `~` resolves outside the project")
    assert sorted(p.name for p in home.iterdir()) == [".ssh"]


def test_a_cache_folder_linked_out_of_the_project_is_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outside = project.parent / "outside"
    outside.mkdir()
    (project / ".postlint_cache").symlink_to(outside)
    assert main(["check", "-q"]) == 2
    assert "resolves outside the project" in _err_lines(capsys)[-1]
    assert list(outside.iterdir()) == []


def test_clean_leaves_a_folder_postlint_did_not_create(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _config(project, "content")
    assert main(["clean"]) == 2
    assert _err_lines(capsys) == [f"postlint: error: {project / 'content'}: not a postlint cache folder (no CACHEDIR.TAG written by postlint); nothing removed"]
    assert (project / "content" / "kettle.md").read_text(encoding="utf-8") == POST


def test_check_writes_nothing_into_a_folder_postlint_did_not_create(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = project / "data"
    data.mkdir()
    (data / "results.sqlite3").write_bytes(b"the user's own database")
    (data / "results.json").write_bytes(b'{"the": "user\'s"}')
    _config(project, "data")
    assert main(["check", "-q"]) == 1
    assert _err_lines(capsys) == [
        f"postlint: warning: {data}: not a postlint cache folder (no CACHEDIR.TAG written by postlint); running without the cache"
    ]
    assert sorted(p.name for p in data.iterdir()) == ["results.json", "results.sqlite3"]
    assert (data / "results.sqlite3").read_bytes() == b"the user's own database"
    assert (data / "results.json").read_bytes() == b'{"the": "user\'s"}'


def test_clean_removes_only_postlint_s_files_from_a_marked_folder(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from postlint.cache.folder import MARKER_TEXT

    content = project / "content"
    (content / "CACHEDIR.TAG").write_text(MARKER_TEXT, encoding="ascii")  # a marker a pull request forged
    (content / ".gitignore").write_text("drafts/\n", encoding="utf-8")  # the user's, not postlint's
    _config(project, "content")
    assert main(["clean"]) == 0
    assert capsys.readouterr().out == f"Removed postlint's files from {content} (2 other entries left)\n"
    assert sorted(p.name for p in content.iterdir()) == [".gitignore", "kettle.md"]


def test_a_cache_dir_given_on_the_command_line_may_lie_outside(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outside = project.parent / "ci-cache" / "postlint"
    assert main(["check", "-q", "--cache-dir", "../ci-cache/postlint"]) == 1
    assert sorted(p.name for p in outside.iterdir()) == [".gitignore", "CACHEDIR.TAG", "results.sqlite3"]
    assert not (project / ".postlint_cache").exists()
    capsys.readouterr()
    assert main(["clean", "--cache-dir", "../ci-cache/postlint"]) == 0
    assert capsys.readouterr().out == f"Removed {outside}\n"
    assert not outside.exists() and (project.parent / "ci-cache").is_dir()


def test_the_cache_of_an_earlier_postlint_is_kept_and_marked(project: Path) -> None:
    old = project / ".postlint_cache"
    old.mkdir()
    (old / ".gitignore").write_text("# Created by postlint; safe to delete.\n*\n", encoding="utf-8")
    (old / "results.json").write_text("{}", encoding="utf-8")  # format 2
    assert main(["check", "-q"]) == 1
    assert sorted(p.name for p in old.iterdir()) == [".gitignore", "CACHEDIR.TAG", "results.sqlite3"]
    assert main(["clean"]) == 0
    assert not old.exists()


def test_a_cache_folder_the_user_cannot_enter_means_a_run_without_the_cache() -> None:
    prefix = unprivileged.command_prefix()
    if prefix is None:
        pytest.skip("running as root without setpriv (or nobody cannot read this checkout): root enters any folder")
    root = unprivileged.shared_folder()
    try:
        (root / "kettle.md").write_text(POST, encoding="utf-8")
        (root / ".postlint_cache").mkdir()
        (root / ".postlint_cache").chmod(0)
        plain = unprivileged.postlint(prefix, "check", "--format", "json", "--no-cache", "kettle.md", cwd=root)
        proc = unprivileged.postlint(prefix, "check", "--format", "json", "kettle.md", cwd=root)
        assert (proc.returncode, proc.stdout) == (plain.returncode, plain.stdout) == (1, plain.stdout)
        assert proc.stderr == f"postlint: warning: {root / '.postlint_cache'}: cannot use the cache folder: Permission denied; running without the cache\n"
    finally:
        (root / ".postlint_cache").chmod(0o755)
        shutil.rmtree(root)


def test_a_cache_folder_that_cannot_be_entered_is_reported_once(project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """The same, in this process, with the file system's refusal simulated (root is never refused)."""
    assert main(["check", "-q"]) == 1  # creates the cache
    folder = str(project / ".postlint_cache")
    real_lstat, real_stat = os.lstat, os.stat

    def refuse(function):  # type: ignore[no-untyped-def]
        def call(path, *args, **kwargs):  # type: ignore[no-untyped-def]
            if os.fspath(path).startswith(folder + os.sep):
                raise PermissionError(13, "Permission denied", os.fspath(path))
            return function(path, *args, **kwargs)
        return call

    monkeypatch.setattr(os, "lstat", refuse(real_lstat))
    monkeypatch.setattr(os, "stat", refuse(real_stat))
    capsys.readouterr()
    assert main(["check", "-q"]) == 1
    assert _err_lines(capsys) == [f"postlint: warning: {folder}: cannot use the cache folder: Permission denied; running without the cache"]


def test_the_link_cache_is_written_only_into_postlint_s_folder(tmp_path: Path) -> None:
    import time

    from postlint.links.cache import CachedOutcome, LinkCache

    content = tmp_path / "content"
    content.mkdir()
    (content / "links.json").write_text('{"the": "user\'s"}', encoding="utf-8")
    cache = LinkCache.load(content, 3600)
    cache.put("https://example.com/", CachedOutcome(time.time(), 200))
    assert cache.save() == f"cannot write the link cache {content / 'links.json'}: {content}: not a postlint cache folder (no CACHEDIR.TAG written by postlint)"
    assert sorted(p.name for p in content.iterdir()) == ["links.json"]
    assert (content / "links.json").read_text(encoding="utf-8") == '{"the": "user\'s"}'
    fresh = tmp_path / ".postlint_cache"
    cache = LinkCache.load(fresh, 3600)
    cache.put("https://example.com/", CachedOutcome(time.time(), 200))
    assert cache.save() is None
    assert sorted(p.name for p in fresh.iterdir()) == [".gitignore", "CACHEDIR.TAG", "links.json"]
    (fresh / ".links-ab12cd34.tmp").write_text("{", encoding="utf-8")  # left by a killed run
    from postlint.cache.folder import clean

    assert clean(fresh) == f"Removed {fresh}"


def test_a_cache_database_that_is_a_link_is_never_written_through(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from postlint.cache.folder import prepare
    from postlint.cache.results import ResultCache

    other = ResultCache.load(project.parent / "other", "another project's run", 1)  # a cache postlint could write to
    other.put_findings("a" * 32, None, [])
    other.save()
    victim = project.parent / "other" / "results.sqlite3"
    before = victim.read_bytes()
    prepare(project / ".postlint_cache")
    (project / ".postlint_cache" / "results.sqlite3").symlink_to(victim)
    assert main(["check", "-q", "content"]) == 1
    assert capsys.readouterr().err == (
        f"postlint: warning: {project / '.postlint_cache' / 'results.sqlite3'}: not a regular file; running without the cache\n"
    )
    assert victim.read_bytes() == before
    assert (project / ".postlint_cache" / "results.sqlite3").is_symlink()
