"""Every fixture post yields exactly the findings marked in it."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness import FIXTURES, all_fixtures, expected, lint_fixture


@pytest.mark.parametrize("path", all_fixtures(), ids=lambda p: p.relative_to(FIXTURES).as_posix())
def test_fixture(path: Path) -> None:
    findings = lint_fixture(path)
    got = {(f.code, f.line) for f in findings}
    want = expected(path)
    assert got == want, "\n".join(f"{f.line}:{f.column} {f.code} {f.message}" for f in findings)


def test_every_implemented_rule_has_a_fixture() -> None:
    from postlint.registry import build_registry

    marked = set()
    for path in all_fixtures():
        marked |= {code for code, _ in expected(path)}
    # online rules (--check-links) need a server: tests/test_linkcheck.py covers them.
    missing = [r.code for r in build_registry() if r.implemented and not r.online and r.code not in marked and r.code not in ("PL003",)]
    assert not missing, f"rules without a fixture that expects them: {missing}"
