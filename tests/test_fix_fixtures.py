"""Every fixture with a `<name>.fixed.md` is fixed into exactly that text, and nothing fixable is left."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness import FIXTURES, all_fixtures, expected, fix_fixture, fix_fixtures, fixed_output, lint_bytes


@pytest.mark.parametrize("path", fix_fixtures(), ids=lambda p: p.relative_to(FIXTURES).as_posix())
def test_fix_fixture(path: Path) -> None:
    want = fixed_output(path).read_bytes()
    got = fix_fixture(path)
    assert got.decode("utf-8") == want.decode("utf-8")
    assert got == want  # byte for byte: line endings and BOM included
    leftover = [f"{f.line}:{f.column} {f.code} {f.message}" for f in lint_bytes(path, got) if f.fix is not None]
    assert leftover == []
    assert fix_fixture(path, got) == got  # fixing the fixed text changes nothing


def test_fix_fixture_originals_offer_fixes() -> None:
    """A fix fixture whose original offers no fix would pass vacuously."""
    for path in fix_fixtures():
        offered = [f for f in lint_bytes(path, path.read_bytes()) if f.fix is not None]
        assert offered, f"{path.name} offers no fix"
        assert fixed_output(path).read_bytes() != path.read_bytes(), path.name


def test_every_fixable_rule_has_a_fix_fixture() -> None:
    from postlint.engine.registry import build_registry

    covered: set[str] = set()
    for path in fix_fixtures():
        covered |= expected(path).codes()
    missing = [r.code for r in build_registry() if r.fixable and r.implemented and r.code not in covered]
    assert not missing, f"fixable rules without a `<name>.fixed.md` fixture: {missing}"


def test_fixed_outputs_are_not_linted_as_fixtures() -> None:
    names = {p.name for p in all_fixtures()}
    assert "fm009-fix-block.md" in names
    assert not any(name.endswith(".fixed.md") for name in names)
