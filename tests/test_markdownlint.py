"""Agreement with markdownlint's MD001, MD045 and MD034 on markdownlint-style cases.

`tests/markdownlint/*.md` are the cases; `expected.json` is markdownlint-cli2's
output on them, committed so the comparison has teeth without Node. When
markdownlint-cli2 is available (on PATH, or named by `MARKDOWNLINT_CLI2`;
`npm install --prefix /tmp/mdl markdownlint-cli2` then
`MARKDOWNLINT_CLI2=/tmp/mdl/node_modules/.bin/markdownlint-cli2`), it is also
run live and must still produce the committed expectation.

Known, deliberate differences are kept out of these cases (see docs/markdownlint.md):
IMG001 also flags `<img>` in HTML blocks (MD045 does not) and leaves `role="presentation"`
/`role="none"` images alone (MD045 flags them), and a reversed link `(text)[https://…]` is
LNK001's (markdownlint: MD011), not a bare URL.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from postlint.cache.runner import run
from postlint.model.config import from_mapping

CASES = Path(__file__).parent / "markdownlint"
EQUIVALENT = {"HD001": "MD001", "IMG001": "MD045", "LNK010": "MD034"}
LINE = re.compile(r"^(\S+\.md):(\d+)(?::(\d+))? \w+ (MD\d{3})/")


def committed() -> dict[str, list[tuple[str, int, int | None]]]:
    data = json.loads((CASES / "expected.json").read_text(encoding="utf-8"))["findings"]
    return {name: sorted((code, line, column) for code, line, column in rows) for name, rows in data.items()}


def as_markdownlint(with_columns: dict[str, list[tuple[str, int, int | None]]]) -> dict[str, list[tuple[str, int, int | None]]]:
    """postlint's findings named as markdownlint's; MD001 reports no column."""
    return {
        name: sorted((code, line, None if code == "MD001" else column) for code, line, column in rows)
        for name, rows in with_columns.items()
    }


def test_postlint_agrees_with_committed_markdownlint_output() -> None:
    config = from_mapping({"select": sorted(EQUIVALENT)}, root=CASES)
    findings = run([str(CASES)], config, cwd=CASES).findings
    got: dict[str, list[tuple[str, int, int | None]]] = {}
    for finding in findings:
        got.setdefault(finding.path, []).append((EQUIVALENT[finding.code], finding.line, finding.column))
    assert as_markdownlint(got) == committed()
    assert sum(len(rows) for rows in committed().values()) == 23


def _markdownlint() -> str | None:
    return os.environ.get("MARKDOWNLINT_CLI2") or shutil.which("markdownlint-cli2")


@pytest.mark.skipif(_markdownlint() is None, reason="markdownlint-cli2 not installed (set MARKDOWNLINT_CLI2 or put it on PATH)")
def test_live_markdownlint_matches_committed_output() -> None:
    proc = subprocess.run([_markdownlint(), "*.md"], cwd=CASES, capture_output=True, text=True, timeout=120)
    got: dict[str, list[tuple[str, int, int | None]]] = {}
    for line in (proc.stdout + proc.stderr).splitlines():
        match = LINE.match(line)
        if match:
            column = int(match.group(3)) if match.group(3) else None
            got.setdefault(match.group(1), []).append((match.group(4), int(match.group(2)), column))
    assert {k: sorted(v) for k, v in got.items()} == committed()
