"""The GitHub Action: action.yml's wiring and action/run.sh run as the runner would, with a
fake GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and GITHUB_EVENT_PATH."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

POST = """---
title: "A post with a repeated tag in its list"
date: 2024-06-01
description: "A description long enough for the length rule, written for the action test."
image: /media/hook.webp
tags: [hooks{extra}]
---
Body.
"""
GOOD = POST.format(extra="")
BAD = POST.format(extra=", Hooks")
ANNOTATION = (
    "::warning file={path},line=6,col=15,endLine=6,endColumn=20,title=FM009 tags-invalid::tag 'Hooks' duplicates 'hooks'"
)


def test_action_definition() -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    assert set(action["inputs"]) == {"paths", "args", "python-version", "sarif-file", "summary", "changed-only", "cache"}
    steps = {step["name"]: step for step in action["runs"]["steps"]}
    assert steps["Set up Python"]["uses"].startswith("actions/setup-python@")
    assert steps["Install postlint"]["run"] == 'bash "$GITHUB_ACTION_PATH/action/run.sh" install'
    cache = steps["Restore the postlint cache"]
    assert cache["uses"].startswith("actions/cache@") and cache["with"]["path"] == ".postlint_cache"
    assert "${{ steps.install.outputs.version }}" in cache["with"]["key"]
    assert "hashFiles('**/.postlint.yaml', '**/.postlint.yml', '**/pyproject.toml')" in cache["with"]["key"]
    assert cache["with"]["key"].startswith(cache["with"]["restore-keys"].strip())
    lint = steps["Run postlint"]
    assert lint["run"] == 'bash "$GITHUB_ACTION_PATH/action/run.sh" lint'
    assert lint["env"]["INPUT_CHANGED_ONLY"] == "${{ inputs.changed-only }}"
    for step in steps.values():
        if "run" in step:
            assert step["shell"] == "bash"
            assert "${{" not in step["run"], "inputs must reach scripts through env, not be spliced in"
    assert action["outputs"]["exit-code"]["value"] == "${{ steps.lint.outputs.exit-code }}"


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout.strip()


@pytest.fixture
def action_env(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    bash, git = shutil.which("bash"), shutil.which("git")
    if bash is None or git is None:
        pytest.skip("bash and git are needed to run the action's script")
    exe = shutil.which("postlint", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.skip("the postlint console script is not installed next to this Python")
    repo = tmp_path / "repo"
    (repo / "content").mkdir(parents=True)
    (repo / ".postlint.yaml").write_text("select: [FM009]\ncontent-dirs: [content]\n", encoding="utf-8")
    (repo / "content" / "old.md").write_text(BAD, encoding="utf-8")
    (repo / "content" / "kept.md").write_text(GOOD, encoding="utf-8")
    _git(repo, "init", "-q", "-b", "main")
    for key, value in (("user.email", "t@example.com"), ("user.name", "T"), ("commit.gpgsign", "false")):
        _git(repo, "config", key, value)
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "base")
    env = {
        **os.environ,
        "PATH": f"{Path(exe).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "GITHUB_OUTPUT": str(tmp_path / "output"),
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
        "GITHUB_ACTION_PATH": "/home/runner/work/_actions/acme/postlint/release/v1",
        "RUNNER_TEMP": str(tmp_path),
        "NO_COLOR": "1",
    }
    env.pop("POSTLINT_DOCS_URL", None)
    for name in ("GITHUB_EVENT_PATH", "INPUT_PATHS", "INPUT_ARGS", "INPUT_SARIF_FILE", "INPUT_SUMMARY", "INPUT_CHANGED_ONLY"):
        env.pop(name, None)
    return repo, env


def _lint(repo: Path, env: dict[str, str], **inputs: str) -> subprocess.CompletedProcess[str]:
    env = {**env, **{f"INPUT_{key.upper()}": value for key, value in inputs.items()}}
    return subprocess.run(["bash", str(ROOT / "action" / "run.sh"), "lint"], cwd=repo, env=env, capture_output=True, text=True, timeout=120)


def _outputs(env: dict[str, str]) -> dict[str, str]:
    lines = Path(env["GITHUB_OUTPUT"]).read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines)


def test_lint_writes_annotations_summary_and_sarif_from_one_run(action_env: tuple[Path, dict[str, str]]) -> None:
    repo, env = action_env
    done = _lint(repo, env, paths="content/*.md", sarif_file="postlint.sarif")
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines() == [ANNOTATION.format(path="content/old.md")]
    assert _outputs(env) == {"sarif-file": "postlint.sarif", "exit-code": "1"}
    sarif = json.loads((repo / "postlint.sarif").read_text(encoding="utf-8"))
    rules = {r["id"]: r["helpUri"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["FM009"] == "https://github.com/acme/postlint/blob/release/v1/docs/rules/FM009.md"
    summary = Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    assert summary.startswith("## postlint\n\n:warning: **1 finding** (1 warning) in 2 files. 1 fixable with `postlint check --fix`.\n")
    assert "| [FM009](https://github.com/acme/postlint/blob/release/v1/docs/rules/FM009.md) | <code>tags-invalid</code> | warning | 1 |" in summary
    assert "| <code>content/old.md</code> | 0 | 1 | 0 |" in summary
    assert not list(repo.parent.glob("postlint-summary.*")), "the summary's temporary file is removed"


def test_summary_off(action_env: tuple[Path, dict[str, str]]) -> None:
    repo, env = action_env
    assert _lint(repo, env, summary="false", args="--exit-zero").returncode == 0
    assert not Path(env["GITHUB_STEP_SUMMARY"]).exists()
    assert _outputs(env) == {"exit-code": "0"}


def _pull_request(repo: Path, env: dict[str, str], tmp: Path) -> dict[str, str]:
    base = _git(repo, "rev-parse", "HEAD")
    _git(repo, "checkout", "-q", "-b", "topic")
    (repo / "content" / "new post.md").write_text(BAD, encoding="utf-8")
    (repo / "content" / "notes.txt").write_text("not a post", encoding="utf-8")
    (repo / "content" / "kept.md").unlink()
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "topic")
    event = tmp / "event.json"
    event.write_text(json.dumps({"pull_request": {"base": {"sha": base}, "head": {"sha": _git(repo, "rev-parse", "HEAD")}}}), encoding="utf-8")
    return {**env, "GITHUB_EVENT_PATH": str(event)}


def test_changed_only_lints_the_pull_requests_posts(action_env: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    repo, env = action_env
    env = _pull_request(repo, env, tmp_path)
    done = _lint(repo, env, changed_only="true")
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines() == [ANNOTATION.format(path="content/new post.md")]  # not old.md: unchanged
    summary = Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    assert summary.startswith("_Linted the 1 changed post(s) of this pull request (changed-only)._\n\n## postlint\n\n")
    assert "in 1 file." in summary


def test_changed_only_still_indexes_the_whole_site(action_env: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    """A changed post that duplicates an unchanged post's title: SEO004 sees the unchanged one."""
    repo, env = action_env
    env = _pull_request(repo, env, tmp_path)
    done = _lint(repo, env, changed_only="true", args="--select SEO004")
    assert done.returncode == 1, done.stderr
    assert [line.split("::")[1] for line in done.stdout.splitlines()] == ["warning file=content/new post.md,line=2,col=1,endLine=2,endColumn=1,title=SEO004 duplicate-title"]
    assert "content/old.md" in done.stdout


def test_changed_only_respects_the_paths_input(action_env: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    repo, env = action_env
    env = _pull_request(repo, env, tmp_path)
    done = _lint(repo, env, changed_only="true", paths="docs")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "postlint: no changed posts to lint\n"
    assert Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8") == "## postlint\n\nNo changed posts to lint in this pull request.\n"
    assert _outputs(env) == {"exit-code": "0"}


def test_changed_only_outside_a_pull_request_lints_everything(action_env: tuple[Path, dict[str, str]]) -> None:
    repo, env = action_env
    done = _lint(repo, env, changed_only="true")
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "::notice title=postlint::changed-only: not a pull request event; linting every post",
        ANNOTATION.format(path="content/old.md"),
    ]


def test_a_usage_error_is_reported_in_the_summary(action_env: tuple[Path, dict[str, str]]) -> None:
    repo, env = action_env
    done = _lint(repo, env, paths="nowhere")
    assert done.returncode == 2
    assert "postlint: error: nowhere: no such file or directory" in done.stderr
    assert _outputs(env) == {"exit-code": "2"}
    assert Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8") == (
        "## postlint\n\n:x: postlint stopped with exit code 2 (a usage, config or path error): see the job log.\n"
    )


def _yaml_blocks(path: Path) -> list[object]:
    text = path.read_text(encoding="utf-8")
    blocks = [block.split("```", 1)[0] for block in text.split("```yaml\n")[1:]]
    return [yaml.safe_load(block) for block in blocks if "postlint" in block and "\n---" not in block]  # not posts


def _steps(block: object) -> list[dict[str, object]]:
    if isinstance(block, list):
        return [step for step in block if isinstance(step, dict)]
    if isinstance(block, dict):
        return [step for job in (block.get("jobs") or {}).values() for step in job.get("steps", [])]
    return []


@pytest.mark.parametrize("doc", ["README.md", "docs/ci.md"])
def test_documented_snippets_use_real_inputs_and_hooks(doc: str) -> None:
    """Every `uses: <owner>/postlint@<ref>` step of the docs passes only inputs the action has,
    and every pre-commit snippet names the hook the repository defines."""
    inputs = set(yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))["inputs"])
    hooks = {hook["id"] for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    used = hooked = 0
    for block in _yaml_blocks(ROOT / doc):
        for step in _steps(block):
            if str(step.get("uses", "")).startswith("<owner>/postlint@"):
                used += 1
                assert set(step.get("with") or {}) <= inputs, step
        if isinstance(block, dict) and "repos" in block:
            for repo in block["repos"]:
                hooked += 1
                assert {hook["id"] for hook in repo["hooks"]} <= hooks
    assert used and hooked
