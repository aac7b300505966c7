"""The pre-commit hook, through the real pre-commit framework (the GitHub Action: test_action.py)."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

BAD = """---
title: "A post with a repeated tag in its list"
date: 2024-06-01
description: "A description long enough for the length rule, written for the pre-commit hook test."
image: /media/hook.webp
tags: [hooks, Hooks]
---
Body.
"""
GOOD = BAD.replace(", Hooks]", "]")


def test_pre_commit_hooks_file() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(hooks, list) and len(hooks) == 1
    hook = hooks[0]
    assert hook["id"] == "postlint"
    assert hook["entry"] == "postlint"
    assert hook["language"] == "python"
    assert hook["types"] == ["markdown"]
    assert hook["require_serial"] is True
    assert hook["minimum_pre_commit_version"] == "3.2.0"
    assert hook["name"]


# --- the real pre-commit framework -------------------------------------------------------


def _pre_commit() -> list[str]:
    if importlib.util.find_spec("pre_commit") is not None:
        return [sys.executable, "-m", "pre_commit"]
    exe = shutil.which("pre-commit")
    if exe:
        return [exe]
    pytest.skip("pre-commit is not installed (pip install 'postlint[test]' or pip install pre-commit)")


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "config", "user.email", "test@example.com")
    _git(tmp_path, "config", "user.name", "Test")
    _git(tmp_path, "config", "commit.gpgsign", "false")
    (tmp_path / ".postlint.yaml").write_text("select: [FM]\ncontent-dirs: [content]\n", encoding="utf-8")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "bad.md").write_text(BAD, encoding="utf-8")
    (tmp_path / "content" / "good.md").write_text(GOOD, encoding="utf-8")
    return tmp_path


def _run(cmd: list[str], repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never", "NO_COLOR": "1"}
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run(cmd, cwd=repo, capture_output=True, text=True, env=env, timeout=900)


def _skip_if_install_failed(proc: subprocess.CompletedProcess[str]) -> None:
    output = proc.stdout + proc.stderr
    if "An unexpected error has occurred" in output or "CalledProcessError" in output:
        last = [line for line in output.splitlines() if line.strip()][-1:]
        pytest.skip(f"pre-commit could not build the hook environment (no package index?): {' '.join(last)}")


def test_try_repo_fails_on_defects_and_passes_clean_posts(repo: Path, pre_commit_home: Path) -> None:
    cmd = _pre_commit()
    _git(repo, "add", "-A")
    bad = _run([*cmd, "try-repo", str(ROOT), "postlint", "--files", "content/bad.md", "content/good.md"], repo, pre_commit_home)
    _skip_if_install_failed(bad)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "postlint" in bad.stdout and "Failed" in bad.stdout
    assert "content/bad.md:6:15: FM009 tag 'Hooks' duplicates 'hooks' [warning]" in bad.stdout
    assert "content/good.md" not in bad.stdout.split("Failed", 1)[1]
    good = _run([*cmd, "try-repo", str(ROOT), "postlint", "--files", "content/good.md"], repo, pre_commit_home)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout


def test_hook_blocks_a_commit_of_a_post_with_defects(repo: Path, pre_commit_home: Path) -> None:
    cmd = _pre_commit()
    head = _git(ROOT, "rev-parse", "HEAD")
    if head.returncode != 0:
        pytest.skip(f"{ROOT} is not a git checkout, so pre-commit cannot fetch it as a hook repository")
    config = {"repos": [{"repo": str(ROOT), "rev": head.stdout.strip(), "hooks": [{"id": "postlint"}]}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    installed = _run([*cmd, "install"], repo, pre_commit_home)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    _git(repo, "add", ".pre-commit-config.yaml", ".postlint.yaml", "content/good.md")
    first = _run(["git", "commit", "-q", "-m", "a clean post"], repo, pre_commit_home)
    _skip_if_install_failed(first)
    assert first.returncode == 0, first.stdout + first.stderr
    _git(repo, "add", "content/bad.md")
    blocked = _run(["git", "commit", "-q", "-m", "a post with defects"], repo, pre_commit_home)
    assert blocked.returncode != 0
    assert "content/bad.md:6:15: FM009 tag 'Hooks' duplicates 'hooks' [warning]" in blocked.stdout + blocked.stderr
    assert _git(repo, "log", "--format=%s").stdout == "a clean post\n"  # the commit did not happen
