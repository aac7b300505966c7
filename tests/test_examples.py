"""The bundled example posts (`examples/`, configured in the repo's pyproject.toml).

Two posts are meant to be clean; the others carry defects on purpose so that
`postlint check examples/` (the README's first command) shows real findings.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CLEAN = {
    "examples/posts/brewing-pour-over-coffee-at-home.md",
    "examples/posts/choosing-a-burr-grinder.md",
}

# (path, code, line) of every finding in the defective examples.
EXPECTED = {
    ("examples/notes.md", "CTA001", 1),
    ("examples/notes.md", "FM001", 1),
    ("examples/notes.md", "SEO001", 1),
    ("examples/notes.md", "SEO008", 1),  # no other post links to the three defective ones (the clean two link each other)
    ("examples/posts/2024-05-20-Quick_Tips.md", "FM010", 1),
    ("examples/posts/2024-05-20-Quick_Tips.md", "FM011", 1),
    ("examples/posts/2024-05-20-Quick_Tips.md", "FM005", 2),
    ("examples/posts/2024-05-20-Quick_Tips.md", "SEO008", 2),
    ("examples/posts/2024-05-20-Quick_Tips.md", "FM007", 3),
    ("examples/posts/2024-05-20-Quick_Tips.md", "IMG005", 4),
    ("examples/posts/2024-05-20-Quick_Tips.md", "FM009", 5),
    ("examples/posts/2024-05-20-Quick_Tips.md", "CTA001", 7),
    ("examples/posts/2024-05-20-Quick_Tips.md", "SEO001", 7),
    ("examples/posts/2024-05-20-Quick_Tips.md", "HD002", 8),
    ("examples/posts/2024-05-20-Quick_Tips.md", "IMG001", 10),
    ("examples/posts/2024-05-20-Quick_Tips.md", "IMG005", 10),
    ("examples/posts/2024-05-20-Quick_Tips.md", "HD001", 12),
    ("examples/posts/2024-05-20-Quick_Tips.md", "LNK002", 14),
    ("examples/posts/2024-05-20-Quick_Tips.md", "LNK003", 14),
    ("examples/posts/2024-05-20-Quick_Tips.md", "LNK009", 14),
    ("examples/posts/2024-05-20-Quick_Tips.md", "LNK010", 16),
    ("examples/posts/espresso-basics.md", "FM002", 2),
    ("examples/posts/espresso-basics.md", "SEO008", 1),
    ("examples/posts/espresso-basics.md", "CTA001", 5),
    ("examples/posts/espresso-basics.md", "SEO001", 5),
}


def test_examples_report_exactly_the_planted_defects() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("POSTLINT")}
    result = subprocess.run(
        [sys.executable, "-m", "postlint", "check", "--format", "json", "examples/"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    findings = {(f["path"], f["code"], f["line"]) for f in report["findings"]}
    assert report["summary"]["files"] == 5
    assert {f for f in findings if f[0] in CLEAN} == set()
    assert findings == EXPECTED
    assert report["summary"]["findings"] == len(EXPECTED)
