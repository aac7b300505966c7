"""The committed rule reference is the generator's output (regenerate it, never hand-edit it):

    postlint rules --docs-dir docs

writes docs/rules.md (the index, also `postlint rules --format markdown`) and a page per
rule, docs/rules/<CODE>.md (where SARIF's helpUri and the job summary link).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _postlint(*args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "postlint", *args], cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_docs_rules_md_is_generated() -> None:
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert _postlint("rules", "--format", "markdown") == committed, "docs/rules.md is stale: run `postlint rules --docs-dir docs`"


def test_rule_pages_are_generated(tmp_path: Path) -> None:
    _postlint("rules", "--docs-dir", str(tmp_path))
    fresh = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "rules").iterdir()}
    committed = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "docs" / "rules").iterdir()}
    assert sorted(committed) == sorted(fresh), "docs/rules/ has missing or extra pages: run `postlint rules --docs-dir docs`"
    stale = [name for name in fresh if fresh[name] != committed[name]]
    assert not stale, f"stale rule pages {stale}: run `postlint rules --docs-dir docs`"
    assert (tmp_path / "rules.md").read_text(encoding="utf-8") == (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")


def test_docs_dir_removes_pages_of_rules_that_are_gone(tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "XX999.md").write_text("old", encoding="utf-8")
    (tmp_path / "rules" / "notes.txt").write_text("kept", encoding="utf-8")
    _postlint("rules", "--docs-dir", str(tmp_path))
    assert not (tmp_path / "rules" / "XX999.md").exists()
    assert (tmp_path / "rules" / "notes.txt").read_text(encoding="utf-8") == "kept"
    assert (tmp_path / "rules" / "FM005.md").read_text(encoding="utf-8").startswith("# FM005: title-length\n")


def test_readme_rule_tables_agree_with_the_rules() -> None:
    """README's rule rows re-state name and severity, and link the generated page for options
    instead of re-tabling them: a row that disagrees with the registry fails."""
    import re

    from postlint.engine.registry import build_registry

    registry = build_registry(no_plugins=True)
    rows = re.findall(r"^\| ([A-Z]{2,5}[0-9]{3}) \| ([a-z0-9-]+) \| (error|warning|info) \| .* \| ([^|]+) \|$", (ROOT / "README.md").read_text(encoding="utf-8"), re.M)
    assert len(rows) > 40
    for code, name, severity, options in rows:
        rule = registry.get(code)
        assert rule is not None and (rule.name, str(rule.severity)) == (name, severity), code
        assert options == (f"[options](docs/rules/{code}.md#options)" if rule.options else "—"), code
