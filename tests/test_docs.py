"""The committed rule reference is the generator's output (regenerate it, never hand-edit it):

    postlint rules --format markdown > docs/rules.md
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_docs_rules_md_is_generated() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "postlint", "rules", "--format", "markdown"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert result.stdout == committed, "docs/rules.md is stale: run `postlint rules --format markdown > docs/rules.md`"
