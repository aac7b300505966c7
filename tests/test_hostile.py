"""Hostile input: every bad file is a finding or a one-line message; the run goes on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hostile import cases, write_hostile_set


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, set[tuple[str, int]]], subprocess.CompletedProcess[str]]:
    folder = tmp_path_factory.mktemp("hostile")
    expected = write_hostile_set(folder)
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "postlint", "check", "--format", "json", "posts"],
        cwd=folder, capture_output=True, text=True, env=env, timeout=600,
    )
    return folder, expected, proc


def test_whole_set_lints_without_traceback(hostile_run) -> None:  # type: ignore[no-untyped-def]
    _, _, proc = hostile_run
    assert proc.returncode in (0, 1), proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stderr == "postlint: warning: posts/a-directory.md: is a directory, not a post; skipped\n"


def test_every_file_is_reported_and_expected_findings_present(hostile_run) -> None:  # type: ignore[no-untyped-def]
    _, expected, proc = hostile_run
    data = json.loads(proc.stdout)
    assert data["summary"]["files"] == len(cases()) + 1  # + the dangling symlink
    got: dict[str, set[tuple[str, int]]] = {}
    for finding in data["findings"]:
        got.setdefault(Path(finding["path"]).name, set()).add((finding["code"], finding["line"]))
        assert finding["code"] != "PL003", finding
    for name, findings in expected.items():
        assert findings <= got.get(name, set()), (name, got.get(name))


def test_python_tag_is_not_executed(hostile_run) -> None:  # type: ignore[no-untyped-def]
    assert not Path("/tmp/postlint-pwned").exists()


def test_findings_have_lines_inside_their_files(hostile_run) -> None:  # type: ignore[no-untyped-def]
    folder, _, proc = hostile_run
    line_counts: dict[Path, int] = {}
    for finding in json.loads(proc.stdout)["findings"]:
        path = folder / finding["path"]
        if path.is_file():
            if path not in line_counts:
                line_counts[path] = path.read_bytes().count(b"\n") + 1
            assert 1 <= finding["line"] <= line_counts[path], finding


def test_fm002_position_of_invalid_yaml_is_mapped_to_the_file(hostile_run) -> None:  # type: ignore[no-untyped-def]
    _, _, proc = hostile_run
    [finding] = [f for f in json.loads(proc.stdout)["findings"] if f["path"].endswith("invalid-yaml.md") and f["code"] == "FM002"]
    assert (finding["line"], finding["column"]) == (4, 5)
    # libyaml (the C loader) and PyYAML's Python loader word the problem differently
    assert finding["message"] in (
        "invalid YAML: while parsing a flow sequence: expected ',' or ']', but got ':'",
        "invalid YAML: while parsing a flow sequence: did not find expected ',' or ']'",
    )
