"""`--fix` and other programs writing the same files: an edit made while postlint fixes a file
is never lost silently, and temporary files of a killed run are cleared by the next."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from postlint.cli.main import main
from postlint.fix.fixer import FileChange, write

BEFORE = b"colour\n"
AFTER = b"color\n"


def _append_once(path: Path, text: bytes):  # type: ignore[no-untyped-def]
    """A hook that appends `text` to `path` the first time it runs: another program's edit."""
    done: list[bool] = []

    def edit() -> None:
        if not done:
            done.append(True)
            with open(path, "ab") as handle:
                handle.write(text)

    return edit


def test_an_edit_made_while_the_fix_is_written_is_kept_and_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "p.md"
    path.write_bytes(BEFORE)
    edit = _append_once(path, b"an editor's line\n")
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (real_fsync(fd), edit())[0])  # the editor saves while postlint syncs
    problem = write(FileChange(path, "p.md", BEFORE, AFTER, 1))
    assert problem == "p.md: cannot fix: the file changed while postlint was running (left unchanged)"
    assert path.read_bytes() == BEFORE + b"an editor's line\n"


def test_an_edit_made_in_the_last_moment_before_the_rename_is_kept_and_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "p.md"
    path.write_bytes(BEFORE)
    edit = _append_once(path, b"an editor's line\n")
    real_replace = os.replace
    # the edit lands after postlint's last check, on the file the rename then replaces
    monkeypatch.setattr(os, "replace", lambda src, dst: (edit(), real_replace(src, dst))[1])
    problem = write(FileChange(path, "p.md", BEFORE, AFTER, 1))
    assert problem == (
        "p.md: cannot fix: another program wrote the file while postlint replaced it; "
        "its edit is kept and the fixes are not applied (run again)"
    )
    assert path.read_bytes() == BEFORE + b"an editor's line\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.md"]  # no temporary file left


def test_a_lost_race_through_the_cli_is_an_error_exit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "post.md"
    path.write_text("---\ntitle: A post about tea and kettles\ntags: [tea, Tea]\n---\nWords.\n", encoding="utf-8")
    original = path.read_bytes()
    edit = _append_once(path, b"More words.\n")
    real_replace = os.replace
    monkeypatch.setattr(os, "replace", lambda src, dst: (edit() if os.path.abspath(dst) == str(path) else None, real_replace(src, dst))[1])
    monkeypatch.chdir(tmp_path)
    assert main(["check", "-q", "--fix", "--no-cache", "post.md"]) == 2
    err = capsys.readouterr().err
    assert "post.md: cannot fix: another program wrote the file while postlint replaced it" in err
    assert path.read_bytes() == original + b"More words.\n"


def test_temporary_files_of_a_killed_run_are_removed_by_the_next(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    posts = tmp_path / "posts"
    posts.mkdir()
    (posts / "post.md").write_text("---\ntitle: A post about tea and kettles\ntags: [tea, Tea]\n---\nWords.\n", encoding="utf-8")
    stale = posts / ".post.md.k3x_9a0q.postlint-tmp"  # what a run killed mid-write leaves
    fresh = posts / ".post.md.zz11yy22.postlint-tmp"  # another run's, writing right now
    mine = posts / "notes.postlint-tmp"  # a user's file that only looks alike
    for path in (stale, fresh, mine):
        path.write_bytes(b"half a post")
    an_hour_ago = time.time() - 3600
    for path in (stale, mine):
        os.utime(path, (an_hour_ago, an_hour_ago))
    monkeypatch.chdir(tmp_path)
    main(["check", "-q", "--fix", "--no-cache", "posts"])
    assert sorted(p.name for p in posts.iterdir()) == [".post.md.zz11yy22.postlint-tmp", "notes.postlint-tmp", "post.md"]
