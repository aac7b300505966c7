"""The linter checks every finding a rule yields: something that is no Finding, another rule's
code, another file's path, a line outside the file, a column below 1 or an end before the start
becomes one PL003 for that post naming the rule and the problem, and the run goes on."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any, Iterable

import pytest

from postlint import Context, Finding, Post, Rule, Severity
from postlint.cache.runner import run
from postlint.testing import lint_text_with, make_config, registry_with

TEXT = "---\ntitle: A post\n---\n\nOne line of text.\n"  # 5 lines


def _rule(yielded: Any, code: str = "XMP101") -> type[Rule]:
    """A rule that yields `yielded(rule, post)`, then one good finding."""

    class Yields(Rule):
        name = "yields-" + code.lower()
        summary = "test rule"

        def check(self, post: Post, ctx: Context) -> Iterable[Finding]:
            yield yielded(self, post)
            yield self.report(post, 4, 1, "after the bad one")

    Yields.code = code
    return Yields


BAD = [
    ("a-string", lambda rule, post: "something is wrong", "yielded str 'something is wrong', not a Finding"),
    ("a-tuple", lambda rule, post: (post.display_path, 1, 1), "yielded tuple ('post.md', 1, 1), not a Finding"),
    ("another-code", lambda rule, post: replace(rule.report(post, 1, 1, "x"), code="FM001"), "yielded a finding with code 'FM001', not its own"),
    ("another-path", lambda rule, post: rule.report("other.md", 1, 1, "x"), "yielded a finding for path 'other.md', not 'post.md'"),
    ("line-9999", lambda rule, post: replace(rule.report(post, 1, 1, "x"), line=9999), "yielded a finding at line 9999; the file has 5 lines"),
    ("line-0", lambda rule, post: replace(rule.report(post, 1, 1, "x"), line=0), "yielded a finding at line 0; the file has 5 lines"),
    ("column-minus-3", lambda rule, post: replace(rule.report(post, 1, 1, "x"), column=-3), "yielded a finding at column -3; columns start at 1"),
    (
        "end-before-start",
        lambda rule, post: rule.report(post, 4, 8, "x", end_line=4, end_column=2),
        "yielded a finding that ends at 4:2, before its start 4:8 or past the file",
    ),
    (
        "a-float-line",
        lambda rule, post: replace(rule.report(post, 1, 1, "x"), line=1.5),
        "yielded a finding at a position that is not whole numbers: (1.5, 1, 1, 1)",
    ),
    ("a-str-fix", lambda rule, post: replace(rule.report(post, 1, 1, "x"), fix="delete it"), "yielded a finding whose fix is str, not a Fix"),
]


@pytest.mark.parametrize(("yielded", "problem"), [(b[1], b[2]) for b in BAD], ids=[b[0] for b in BAD])
def test_a_malformed_finding_is_pl003_for_that_post_and_the_run_goes_on(yielded: Any, problem: str) -> None:
    rule = _rule(yielded)
    findings = lint_text_with(rule, TEXT, select=["XMP101", "FM001", "PL"])
    assert [(f.code, f.line, f.column, f.severity, f.message) for f in findings] == [
        ("PL003", 1, 1, Severity.ERROR, f"rule XMP101 (yields-xmp101) {problem}"),
    ]


def test_the_findings_before_the_malformed_one_are_kept_and_other_rules_and_files_still_run(tmp_path: Path) -> None:
    class GoodThenBad(Rule):
        code = "XMP102"
        name = "good-then-bad"

        def check(self, post: Post, ctx: Context) -> Iterable[Finding]:
            yield self.report(post, 5, 1, "fine")
            yield "not a finding"  # type: ignore[misc]

    (tmp_path / "a.md").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.md").write_text("---\ntitle: B\n---\n\n# Heading\n\n# Another\n", encoding="utf-8")
    config = make_config(tmp_path, [GoodThenBad], select=["XMP102", "HD002", "PL"])
    result = run([str(tmp_path / "a.md"), str(tmp_path / "b.md")], config, registry=registry_with(config, [GoodThenBad]), cwd=tmp_path)
    assert [(f.path, f.line, f.code, f.message) for f in result.findings] == [
        ("a.md", 1, "PL003", "rule XMP102 (good-then-bad) yielded str 'not a finding', not a Finding"),
        ("a.md", 5, "XMP102", "fine"),
        ("b.md", 1, "PL003", "rule XMP102 (good-then-bad) yielded str 'not a finding', not a Finding"),
        ("b.md", 5, "HD002", "H1 in the body: the front-matter title is the page's H1; use H2 for sections"),
        ("b.md", 5, "XMP102", "fine"),
        ("b.md", 7, "HD002", "H1 in the body: the front-matter title is the page's H1; use H2 for sections"),
    ]


def test_a_finding_at_the_end_of_the_file_is_valid() -> None:
    """Line `lines + 1` is the end of a file whose last line ends with a newline (where an
    insertion goes); every built-in fixture finding passes the same check (tests/test_fixtures.py)."""
    rule = _rule(lambda rule, post: rule.report(post, 6, 1, "at the end", end_line=6, end_column=1))
    assert [(f.code, f.line) for f in lint_text_with(rule, TEXT)] == [("XMP101", 4), ("XMP101", 6)]


@pytest.mark.parametrize("end", [(0, 0), (4, 0), (0, 9), (5, 0), (5, 1)], ids=str)
def test_an_end_not_given_counts_as_the_start(end: tuple[int, int]) -> None:
    """`Finding(…, end_line=0, end_column=0)` (the dataclass defaults) ends where it starts; an end
    line without a column, or a column without a line (on the start's line), is valid too."""
    rule = _rule(lambda rule, post: Finding(post.display_path, 4, 3, rule.code, *end, rule.name, Severity.WARNING, "m"))
    assert [(f.code, f.line) for f in lint_text_with(rule, TEXT)] == [("XMP101", 4), ("XMP101", 4)]


def test_a_site_rule_is_checked_too(tmp_path: Path) -> None:
    class SiteBad(Rule):
        code = "XMP103"
        name = "site-bad"
        scope = "site"

        def check_site(self, ctx: Context) -> Iterable[Finding]:
            yield self.report("a.md", 1, 1, "fine")
            yield replace(self.report("a.md", 1, 1, "x"), column=0)

    (tmp_path / "a.md").write_text(TEXT, encoding="utf-8")
    config = make_config(tmp_path, [SiteBad])
    result = run([str(tmp_path / "a.md")], config, registry=registry_with(config, [SiteBad]), cwd=tmp_path)
    assert [(f.path, f.line, f.code, f.message) for f in result.findings] == [
        (".", 1, "PL003", "rule XMP103 (site-bad) yielded a finding at column 0; columns start at 1"),
        ("a.md", 1, "XMP103", "fine"),
    ]
