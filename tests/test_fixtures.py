"""Every fixture post yields exactly the findings marked in it, with the columns and
messages recorded in `tests/fixtures.snapshot`; every fixture that offers fixes is fixed
and linted again."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from harness import FIXTURES, all_fixtures, check_expected, expected, fix_fixture, lint_bytes, lint_fixture

SNAPSHOT = Path(__file__).parent / "fixtures.snapshot"


def _snapshot_lines(path: Path, findings: list) -> list[str]:
    name = path.relative_to(FIXTURES).as_posix()
    return [f"{name}:{f.line}:{f.column}: {f.code} [{f.severity}] {f.message}" for f in findings]


def _recorded() -> dict[str, list[str]]:
    recorded: dict[str, list[str]] = {}
    if SNAPSHOT.exists():
        for line in SNAPSHOT.read_text(encoding="utf-8").splitlines():
            recorded.setdefault(line.split(":", 1)[0], []).append(line)
    return recorded


@pytest.mark.parametrize("path", all_fixtures(), ids=lambda p: p.relative_to(FIXTURES).as_posix())
def test_fixture(path: Path) -> None:
    check_expected(path, lint_fixture(path))


def test_fixture_snapshot() -> None:
    """Columns, severities and messages of every fixture finding, as recorded (a message change shows here)."""
    lines: list[str] = []
    for path in all_fixtures():
        lines += _snapshot_lines(path, lint_fixture(path))
    text = "".join(f"{line}\n" for line in lines)
    if os.environ.get("UPDATE_SNAPSHOT"):
        SNAPSHOT.write_text(text, encoding="utf-8")
    recorded = SNAPSHOT.read_text(encoding="utf-8") if SNAPSHOT.exists() else ""
    assert text == recorded, "tests/fixtures.snapshot differs: review, then `UPDATE_SNAPSHOT=1 python -m pytest tests/test_fixtures.py`"


def _fixable() -> list[Path]:
    return [p for p in all_fixtures() if any(f.fix is not None for f in lint_fixture(p))]


@pytest.mark.parametrize("path", _fixable(), ids=lambda p: p.relative_to(FIXTURES).as_posix())
def test_fixed_fixture_relints_clean_of_what_was_fixed(path: Path) -> None:
    """After every fix (unsafe included): nothing fixable is left, no new finding appears, and a
    second fix changes nothing."""
    before = lint_fixture(path)
    fixed = fix_fixture(path)
    assert fixed != path.read_bytes()
    after = lint_bytes(path, fixed)
    assert [f"{f.line}:{f.column} {f.code} {f.message}" for f in after if f.fix is not None] == []
    assert {f.code for f in after} <= {f.code for f in before}
    assert fix_fixture(path, fixed) == fixed


def test_every_implemented_rule_has_a_fixture() -> None:
    from postlint.engine.registry import build_registry

    marked: set[str] = set()
    for path in all_fixtures():
        marked |= expected(path).codes()
    # online rules (--check-links) need a server: tests/test_linkcheck.py covers them.
    missing = [r.code for r in build_registry() if r.implemented and not r.online and r.code not in marked and r.code not in ("PL003",)]
    assert not missing, f"rules without a fixture that expects them: {missing}"
