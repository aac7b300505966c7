"""The pre-commit hook (through the real pre-commit framework) and the GitHub Action's definition."""

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
    assert hook["types_or"] == ["markdown", "mdx"] and "types" not in hook  # `mdx` is identify's type for .mdx
    assert hook["require_serial"] is True
    assert hook["minimum_pre_commit_version"] == "3.2.0"
    assert hook["name"]


def test_action_definition() -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    assert steps[0]["uses"].startswith("actions/setup-python@")
    assert steps[0]["with"]["python-version"] == "${{ inputs.python-version }}"
    assert set(action["inputs"]) == {"paths", "args", "python-version", "version", "sarif-file"}
    install = steps[1]
    assert install["env"]["POSTLINT_SOURCE"] == "${{ github.action_path }}"
    assert 'pip install --disable-pip-version-check "$POSTLINT_SOURCE"' in install["run"]
    run = steps[-1]
    assert "postlint check --format github $POSTLINT_ARGS $POSTLINT_PATHS" in run["run"]
    for step in steps:
        if "run" in step:
            assert step["shell"] == "bash"
            assert "${{" not in step["run"], "inputs must reach scripts through env, not be spliced in"
    sarif = steps[2]
    assert sarif["if"] == "${{ inputs.sarif-file != '' }}"
    assert '--format sarif --output "$POSTLINT_SARIF" --exit-zero' in sarif["run"]


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


def test_action_run_steps_work_in_bash(tmp_path: Path) -> None:
    """The action's scripts, run as the runner would: inputs through env, globs left to postlint."""
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is not installed")
    exe = shutil.which("postlint", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.skip("the postlint console script is not installed next to this Python")
    steps = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))["runs"]["steps"]
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "bad.md").write_text(BAD, encoding="utf-8")
    (tmp_path / "content" / "good.md").write_text(GOOD, encoding="utf-8")
    env = {
        **os.environ,
        "PATH": f"{Path(exe).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "POSTLINT_PATHS": "content/*.md",
        "POSTLINT_ARGS": "--select FM",
        "POSTLINT_SARIF": "postlint.sarif",
    }
    sarif = subprocess.run([bash, "-e", "-c", steps[2]["run"]], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert sarif.returncode == 0, sarif.stderr
    assert '"ruleId": "FM009"' in (tmp_path / "postlint.sarif").read_text(encoding="utf-8")
    run = subprocess.run([bash, "-e", "-c", steps[-1]["run"]], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert run.returncode == 1
    assert run.stdout == (
        "::warning file=content/bad.md,line=6,col=15,endLine=6,endColumn=20,"
        "title=FM009 tags-invalid::tag 'Hooks' duplicates 'hooks'\n"
    )
