"""Which files a run reads: regular files only, links only inside the project, every folder it
cannot read named, any depth."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import unprivileged
from postlint.cli.main import main
from projects import KETTLE as POST
from projects import make_project

SECRET = '---\ntitle: "Secret outside title"\n---\nsecret words outside the project\n'


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_project(tmp_path, monkeypatch)
    (tmp_path / "secret.md").write_text(SECRET, encoding="utf-8")
    return root


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict, list[str]]:  # type: ignore[type-arg]
    code = main(["check", "--format", "json", "--no-cache", *args])
    captured = capsys.readouterr()
    return code, json.loads(captured.out), captured.err.splitlines()


# --- symbolic links ---------------------------------------------------------------------------


def test_a_post_linked_out_of_the_project_is_skipped_with_one_warning(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "content" / "leak.md").symlink_to(project.parent / "secret.md")
    code, report, err = _json(capsys, "content")
    assert err == ["postlint: warning: content/leak.md: a symbolic link to a file outside the project; skipped (postlint does not follow it)"]
    assert report["summary"]["files"] == 1
    assert {f["path"] for f in report["findings"]} == {"content/kettle.md"}
    assert "Secret" not in json.dumps(report)
    code, report, err = _json(capsys, "content/leak.md")  # named: the same
    assert (code, report["summary"]["files"]) == (0, 0)
    assert err == ["postlint: warning: content/leak.md: a symbolic link to a file outside the project; skipped (postlint does not follow it)"]


def test_fix_never_rewrites_a_file_outside_the_project(project: Path) -> None:
    outside = project.parent / "secret.md"
    outside.write_text(SECRET.replace("secret words", "secret words, colour"), encoding="utf-8")
    before = outside.read_bytes()
    (project / "content" / "leak.md").symlink_to(outside)
    main(["check", "-q", "--fix", "--unsafe-fixes", "--no-cache", "content"])
    assert outside.read_bytes() == before


def test_a_link_to_a_post_in_the_project_is_linted_once_under_its_real_path(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "content" / "alias.md").symlink_to("kettle.md")
    (project / "elsewhere").mkdir()
    (project / "elsewhere" / "pointer.md").symlink_to("../content/kettle.md")
    code, report, err = _json(capsys, "content", "elsewhere")
    assert err == []
    assert report["summary"]["files"] == 1
    assert {f["path"] for f in report["findings"]} == {"content/kettle.md"}
    code, report, err = _json(capsys, "elsewhere/pointer.md")
    assert {f["path"] for f in report["findings"]} == {"content/kettle.md"}


def test_fix_through_an_in_tree_link_fixes_the_post_once_and_keeps_the_link(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = project / "content" / "kettle.md"
    target.write_text(POST.replace("date: 2024-05-01\n", "date: 2024-05-01\ntags:\n  - tea\n  - Tea\n"), encoding="utf-8")  # FM009: a safe fix
    (project / "content" / "alias.md").symlink_to("kettle.md")
    code = main(["check", "--fix", "--no-cache", "--select", "ALL", "content"])
    err = capsys.readouterr().err
    assert "cannot fix" not in err and "changed while" not in err, err
    assert code != 2
    assert (project / "content" / "alias.md").is_symlink()
    assert target.read_text(encoding="utf-8") == POST.replace("date: 2024-05-01\n", "date: 2024-05-01\ntags:\n  - tea\n")


# --- what is not a regular file -------------------------------------------------------------


def test_a_fifo_named_like_a_post_is_one_pl002_and_never_opened(tmp_path: Path) -> None:
    posts = tmp_path / "posts"
    posts.mkdir()
    (posts / "kettle.md").write_text(POST, encoding="utf-8")
    os.mkfifo(posts / "pipe.md")
    for args in (["posts"], ["posts/pipe.md"]):
        proc = subprocess.run(  # in a child with a timeout: the old code blocked forever
            [sys.executable, "-m", "postlint", "check", "--format", "json", "--no-cache", *args],
            cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
        )
        pl002 = [f for f in json.loads(proc.stdout)["findings"] if f["code"] == "PL002"]
        assert [(f["path"], f["line"], f["message"]) for f in pl002] == [("posts/pipe.md", 1, "cannot read file: not a regular file (a named pipe)")]


def test_a_device_named_like_a_post_is_one_pl002(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    try:
        os.mknod(tmp_path / "null.md", stat.S_IFCHR | 0o666, os.makedev(1, 3))  # /dev/null
    except (PermissionError, AttributeError):
        pytest.skip("cannot create a device node here (not root, or a container without mknod)")
    monkeypatch.chdir(tmp_path)
    code, report, err = _json(capsys, ".")
    assert [(f["path"], f["code"], f["message"]) for f in report["findings"]] == [("null.md", "PL002", "cannot read file: not a regular file (a character device)")]


def test_read_file_opens_without_blocking_and_checks_what_it_opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The second guard: a FIFO that the check before opening took for a regular file (it was
    swapped in between) is opened without blocking, and refused by what was opened."""
    import signal

    from postlint.parse import files

    os.mkfifo(tmp_path / "pipe.md")
    (tmp_path / "plain.md").write_text(POST, encoding="utf-8")
    real_stat = os.stat
    monkeypatch.setattr(os, "stat", lambda path, *a, **k: real_stat(tmp_path / "plain.md") if path == tmp_path / "pipe.md" else real_stat(path, *a, **k))

    def blocked(*_: object) -> None:
        raise AssertionError("read_file blocked on a FIFO")

    previous = signal.signal(signal.SIGALRM, blocked)
    signal.alarm(20)
    try:
        with pytest.raises(files.UnreadableFile, match=r"^not a regular file \(a named pipe\)$"):
            files.read_file(tmp_path / "pipe.md")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# --- folders -------------------------------------------------------------------------------


def test_a_folder_a_thousand_levels_deep_is_walked(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    levels = [str(tmp_path / "deep")]
    for _ in range(1000):  # level by level: `Path.mkdir(parents=True)` recurses too
        levels.append(os.path.join(levels[-1], "d"))
    for level in levels:
        os.mkdir(level)
    with open(os.path.join(levels[-1], "kettle.md"), "w", encoding="utf-8") as handle:
        handle.write(POST)
    monkeypatch.chdir(tmp_path)
    try:
        code, report, err = _json(capsys, "deep")
        assert err == []
        assert report["summary"]["files"] == 1
        assert report["findings"][0]["path"] == "deep/" + "d/" * 1000 + "kettle.md"
    finally:  # `shutil.rmtree` (pytest's clean-up) recurses: take it down level by level
        os.unlink(os.path.join(levels[-1], "kettle.md"))
        for level in reversed(levels):
            os.rmdir(level)


def _refuse_under(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Simulate a folder this user may not read or enter (root may: CI runs as root): listing it,
    or a stat of anything inside it, raises PermissionError; its own stat works."""
    prefix = str(folder)

    def guard(function, strictly: bool):  # type: ignore[no-untyped-def]
        def call(path, *args, **kwargs):  # type: ignore[no-untyped-def]
            if not isinstance(path, int):
                text = os.path.abspath(os.fspath(path))
                if text.startswith(prefix + os.sep) or (not strictly and text == prefix):
                    raise PermissionError(13, "Permission denied", os.fspath(path))
            return function(path, *args, **kwargs)
        return call

    monkeypatch.setattr(os, "scandir", guard(os.scandir, False))
    monkeypatch.setattr(os, "lstat", guard(os.lstat, True))
    monkeypatch.setattr(os, "stat", guard(os.stat, True))


def test_an_unreadable_folder_is_an_error_naming_it(project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    secret = project / "content" / "private"
    secret.mkdir()
    (secret / "draft.md").write_text(POST, encoding="utf-8")
    _refuse_under(monkeypatch, secret)
    code, report, err = _json(capsys, "content")
    assert code == 2
    assert err == ["postlint: error: content/private: cannot read folder: Permission denied"]
    assert report["summary"]["files"] == 1  # the rest of the run is reported
    code, report, err = _json(capsys, "content/private")  # named
    assert (code, err) == (2, ["postlint: error: content/private: cannot read folder: Permission denied"])
    code, report, err = _json(capsys, "content/private/draft.md")  # a file inside it
    assert (code, err) == (2, [
        "postlint: warning: content/private: cannot read folder: Permission denied (left out of the site index)",
        "postlint: error: content/private/draft.md: cannot access: Permission denied",
    ])


def test_unreadable_folders_and_files_inside_them_as_an_unprivileged_user() -> None:
    prefix = unprivileged.command_prefix()
    if prefix is None:
        pytest.skip("running as root without setpriv (or nobody cannot read this checkout): root reads any folder")
    root = unprivileged.shared_folder()
    try:
        (root / "posts" / "private").mkdir(parents=True)
        (root / "posts" / "kettle.md").write_text(POST, encoding="utf-8")
        (root / "posts" / "private" / "draft.md").write_text(POST, encoding="utf-8")
        for folder in (root / "posts", root / "posts" / "private"):
            folder.chmod(0o755)
        (root / "posts" / "private").chmod(0)
        walked = unprivileged.postlint(prefix, "check", "--no-cache", "-q", "posts", cwd=root)
        assert (walked.returncode, walked.stderr) == (2, "postlint: error: posts/private: cannot read folder: Permission denied\n")
        assert "posts/kettle.md" in walked.stdout
        named = unprivileged.postlint(prefix, "check", "--no-cache", "-q", "posts/private/draft.md", cwd=root)
        assert (named.returncode, named.stderr) == (2, "postlint: error: posts/private/draft.md: cannot access: Permission denied\n")
    finally:
        (root / "posts" / "private").chmod(0o755)
        shutil.rmtree(root)


def test_an_unreadable_folder_of_the_site_index_is_said_in_a_one_file_run(project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    secret = project / "content" / "private"
    secret.mkdir()
    (secret / "draft.md").write_text(POST, encoding="utf-8")
    _refuse_under(monkeypatch, secret)
    code, report, err = _json(capsys, "content/kettle.md")  # pre-commit: one post, the index of content/
    assert code == 1 and report["summary"]["files"] == 1
    assert err == ["postlint: warning: content/private: cannot read folder: Permission denied (left out of the site index)"]

