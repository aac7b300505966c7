"""The plugin's own tests, written as a plugin author writes them: with `postlint.testing`."""

from __future__ import annotations

from pathlib import Path

import pytest

from postlint import Severity
from postlint.testing import assert_fixture, lint_text_with
from postlint_example import PlaceholderLeft

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.md")), ids=lambda p: p.name)
def test_fixture(path: Path) -> None:
    assert_fixture(path, rules=[PlaceholderLeft])


def test_messages_spans_and_the_fix() -> None:
    findings = lint_text_with(PlaceholderLeft, "---\ntitle: x\nauthor: tbd\n---\n\nSee [pricing](#).\n")
    assert [(f.line, f.column, f.end_column, f.severity, f.message) for f in findings] == [
        (3, 9, 12, Severity.WARNING, "`author` is a placeholder: tbd"),
        (6, 15, 16, Severity.WARNING, "link `pricing` goes nowhere (#)"),
    ]
    edit = findings[1].fix.edits[0]
    assert (edit.line, edit.column, edit.end_line, edit.end_column, edit.content) == (6, 5, 6, 17, "pricing")


def test_the_fields_option() -> None:
    text = "---\ntitle: x\ndescription: TODO\n---\n\nText.\n"
    assert [f.code for f in lint_text_with(PlaceholderLeft, text)] == ["EXA001"]
    assert lint_text_with(PlaceholderLeft, text, EXA001={"fields": ["author"]}) == []
