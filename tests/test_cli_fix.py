"""`check --fix`, `--unsafe-fixes` and `--diff` through the command line."""

from __future__ import annotations

import json
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from postlint.cli.main import main

POST = (
    "---\r\n"
    'title: "Fixing posts from the command line"\r\n'
    "date: 2024-02-02\r\n"
    "image: /media/cli.webp\r\n"
    "tags:\r\n"
    "  - shell\r\n"
    "  - Shell\r\n"
    "---\r\n"
    "A first paragraph that is long enough to become a useful description of this post.\r\n"
)
SAFE = POST.replace("  - Shell\r\n", "")
ALL = SAFE.replace(
    "---\r\nA first", 'description: "A first paragraph that is long enough to become a useful description of this post."\r\n---\r\nA first'
)


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".postlint.yaml").write_text("select: [FM]\n", encoding="utf-8")
    (tmp_path / "post.md").write_bytes(POST.encode("utf-8"))
    (tmp_path / "clean.md").write_bytes(ALL.encode("utf-8"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_diff_changes_nothing_and_exits_1(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--diff", "."]) == 1
    out, err = capsys.readouterr()
    assert out == "--- a/post.md\n+++ b/post.md\n@@ -4,6 +4,5 @@\n" + "".join(
        f" {line}\r\n" for line in ["image: /media/cli.webp", "tags:", "  - shell"]
    ) + "-  - Shell\r\n" + " ---\r\n A first paragraph that is long enough to become a useful description of this post.\r\n"
    assert err == "postlint: would fix 1 finding in 1 file\n"
    assert (site / "post.md").read_bytes() == POST.encode("utf-8")


def test_fix_applies_safe_fixes_and_reports_the_rest(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--fix", "--format", "concise", "."]) == 1
    out, err = capsys.readouterr()
    assert (site / "post.md").read_bytes() == SAFE.encode("utf-8")
    assert out == "post.md:1:1: FM011 recommended field `description` is missing\n"
    assert err == "postlint: fixed 1 finding in 1 file\n"


def test_unsafe_fixes_then_nothing_left(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--fix", "--unsafe-fixes", "."]) == 0
    out, err = capsys.readouterr()
    assert (site / "post.md").read_bytes() == ALL.encode("utf-8")
    assert out == "All checks passed (2 files).\n"
    assert err == "postlint: fixed 2 findings in 1 file\n"
    assert main(["check", "--fix", "--unsafe-fixes", "."]) == 0  # a second --fix changes nothing
    assert (site / "post.md").read_bytes() == ALL.encode("utf-8")
    assert main(["check", "--diff", "--unsafe-fixes", "."]) == 0
    out, err = capsys.readouterr()
    assert err.endswith("postlint: nothing to fix\n")


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed (used to apply the diff)")
def test_diff_and_fix_agree(site: Path, tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]) -> None:
    copy = tmp_path_factory.mktemp("copy")
    shutil.copy(site / "post.md", copy / "post.md")
    assert main(["check", "--diff", "--unsafe-fixes", "."]) == 1
    patch = capsys.readouterr().out
    (copy / "fix.patch").write_bytes(patch.encode("utf-8"))
    subprocess.run(["git", "apply", "--unsafe-paths", "fix.patch"], cwd=copy, check=True, capture_output=True)
    assert main(["check", "--fix", "--unsafe-fixes", "."]) == 0
    assert (copy / "post.md").read_bytes() == (site / "post.md").read_bytes() == ALL.encode("utf-8")


def test_read_only_file_is_left_untouched(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = site / "post.md"
    path.chmod(0o444)
    assert main(["check", "--fix", "--format", "concise", "post.md"]) == 2
    out, err = capsys.readouterr()
    assert path.read_bytes() == POST.encode("utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o444
    assert err == "postlint: error: post.md: cannot fix: the file is read-only (left unchanged)\n"
    assert out == (
        "post.md:1:1: FM011 recommended field `description` is missing\n"
        "post.md:7:5: FM009 tag 'Shell' duplicates 'shell'\n"
    )


def test_fix_from_stdin_prints_the_fixed_post(site: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "postlint", "check", "--fix", "--unsafe-fixes", "--stdin-filename", "post.md", "-"],
        input=POST.encode("utf-8"), capture_output=True, cwd=site,
    )
    assert proc.stdout == ALL.encode("utf-8")
    assert proc.stderr.decode() == "All checks passed (1 file).\n"
    assert proc.returncode == 0


def test_diff_with_a_missing_path_exits_2(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--diff", "post.md", "nowhere.md"]) == 2
    out, err = capsys.readouterr()
    assert out.startswith("--- a/post.md\n+++ b/post.md\n")
    assert err == "postlint: error: nowhere.md: no such file or directory\npostlint: would fix 1 finding in 1 file\n"
    assert (site / "post.md").read_bytes() == POST.encode("utf-8")


def test_fix_skips_unreadable_files_and_json_lists_what_remains(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "latin1.md").write_bytes(b"---\ntitle: caf\xe9\n---\n")
    assert main(["check", "--fix", "--format", "json", "."]) == 1
    out, err = capsys.readouterr()
    assert (site / "latin1.md").read_bytes() == b"---\ntitle: caf\xe9\n---\n"
    assert (site / "post.md").read_bytes() == SAFE.encode("utf-8")
    findings = [(f["path"], f["code"]) for f in json.loads(out)["findings"]]
    assert findings == [("latin1.md", "PL002"), ("post.md", "FM011")]
    assert err == "postlint: fixed 1 finding in 1 file\n"
