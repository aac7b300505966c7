"""The fixer: edits mapped onto the original text, overlap handling, passes, atomic writes."""

from __future__ import annotations

import re
import stat
from pathlib import Path
from typing import Iterable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postlint.engine.linter import Linter
from postlint.engine.registry import Registry
from postlint.fix.fixer import FileChange, LineIndex, InvalidEdit, apply_fixes, fix_sources, unified_diff, write
from postlint.model.config import from_mapping
from postlint.model.context import Context
from postlint.model.findings import Edit, Finding, Fix
from postlint.model.rule import Rule
from postlint.parse.document import Post


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def regex_rule(code: str, pattern: str, replacement: str, applicability: str = "safe") -> type[Rule]:
    """A test-only rule: every match of `pattern` (over the post's lines joined by LF) is replaced."""

    class RegexRule(Rule):
        name = f"test-{code.lower()}"
        summary = f"replace {pattern!r}"

        def check(self, post: Post, ctx: Context) -> Iterable[Finding]:
            text = "\n".join(post.lines)
            for match in re.finditer(pattern, text, re.DOTALL):
                line, column = _position(text, match.start())
                end_line, end_column = _position(text, match.end())
                edit = Edit(line, column, end_line, end_column, match.expand(replacement))
                yield self.report(post, line, column, f"found {match.group(0)!r}", fix=Fix((edit,), applicability))

    RegexRule.code = code
    RegexRule.__name__ = f"Rule{code}"
    return RegexRule


class WrapTodo(Rule):
    """One fix with two edits: wrap every bare TODO in backticks."""

    code = "TST010"
    name = "test-wrap-todo"

    def check(self, post: Post, ctx: Context) -> Iterable[Finding]:
        for number, line in enumerate(post.lines, start=1):
            for match in re.finditer(r"(?<!`)TODO(?!`)", line):
                start, end = match.start() + 1, match.end() + 1
                fix = Fix((Edit(number, end, number, end, "`"), Edit(number, start, number, start, "`")))
                yield self.report(post, number, start, "bare TODO", fix=fix)


class BadEdit(Rule):
    """Offers a fix whose position is past the end of its line."""

    code = "TST011"
    name = "test-bad-edit"

    def check(self, post: Post, ctx: Context) -> Iterable[Finding]:
        yield self.report(post, 1, 1, "bad", fix=Fix((Edit(1, 500, 1, 501, "x"),)))


def linter_for(*rules: type[Rule]) -> Linter:
    registry = Registry()
    for rule in rules:
        registry.add(rule, "test")
    return Linter(from_mapping({}, root=Path.cwd()), registry)


def fix_bytes(data: bytes, *rules: type[Rule], unsafe: bool = False, name: str = "post.md") -> bytes:
    outcome = fix_sources([(Path(name), name, data)], linter_for(*rules), unsafe=unsafe)
    return outcome.changes[0].after if outcome.changes else data


COLOUR = regex_rule("TST001", r"colour", "color")


def test_replacement_keeps_crlf_and_other_lines() -> None:
    data = b"---\r\ntitle: x\r\n---\r\nthe colour red\r\nnothing here  \r\nmore colour\r\n"
    assert fix_bytes(data, COLOUR) == b"---\r\ntitle: x\r\n---\r\nthe color red\r\nnothing here  \r\nmore color\r\n"


def test_bom_and_non_ascii_columns() -> None:
    data = "\ufeffcafé — colour ünd colour\n".encode("utf-8")
    assert fix_bytes(data, COLOUR) == "\ufeffcafé — color ünd color\n".encode("utf-8")


def test_old_mac_line_endings_and_no_final_newline() -> None:
    assert fix_bytes(b"a colour\rb colour", COLOUR) == b"a color\rb color"


def test_nul_bytes_outside_the_edit_survive() -> None:
    assert fix_bytes(b"x\x00y colour\n", COLOUR) == b"x\x00y color\n"


def test_multi_line_edit_and_newlines_in_content_follow_the_file() -> None:
    join = regex_rule("TST002", r"JOIN\n", "")
    split = regex_rule("TST003", r"SPLIT", "one\ntwo")
    data = b"first JOIN\r\nsecond\r\nSPLIT end\r\n"
    assert fix_bytes(data, join, split) == b"first second\r\none\r\ntwo end\r\n"


def test_whole_line_deletion_and_insertion() -> None:
    delete = regex_rule("TST004", r"DELETE ME\n", "")
    insert = regex_rule("TST005", r"(?<=HERE)(?!!)", "!")
    data = b"keep\nDELETE ME\nHERE and HERE\nDELETE ME\nend\n"
    assert fix_bytes(data, delete, insert) == b"keep\nHERE! and HERE!\nend\n"


def test_insertion_at_end_of_file() -> None:
    class Footer(Rule):
        code = "TST006"
        name = "test-footer"

        def check(self, post: Post, ctx: Context) -> Iterable[Finding]:
            if post.lines[-1] != "<!-- end -->":
                after = len(post.lines) + 1
                yield self.report(post, 1, 1, "no footer", fix=Fix((Edit(after, 1, after, 1, "<!-- end -->\n"),)))

    assert fix_bytes(b"text\r\n", Footer) == b"text\r\n<!-- end -->\r\n"


def test_adjacent_fixes_are_applied_over_two_passes() -> None:
    first = regex_rule("TST007", r"ab", "x")
    second = regex_rule("TST008", r"cd", "y")
    assert fix_bytes(b"abcd\n", first, second) == b"xy\n"


def test_overlapping_fixes_the_earlier_one_wins_then_relint() -> None:
    first = regex_rule("TST007", r"abc", "1")
    second = regex_rule("TST008", r"bcd", "2")
    assert fix_bytes(b"abcd\n", first, second) == b"1d\n"
    # the later fix still applies when the earlier one did not remove its match
    third = regex_rule("TST009", r"bc", "BC")
    assert fix_bytes(b"abcd abc\n", regex_rule("TST007", r"abcd", "ABCD"), third) == b"ABCD aBC\n"


def test_a_fix_with_two_edits_is_applied_whole() -> None:
    assert fix_bytes(b"a TODO and `TODO` b\n", WrapTodo) == b"a `TODO` and `TODO` b\n"


def test_invalid_edit_is_skipped_not_fatal() -> None:
    assert fix_bytes(b"short colour\n", BadEdit, COLOUR) == b"short color\n"


def test_unsafe_fixes_need_the_flag() -> None:
    unsafe = regex_rule("TST012", r"teh", "the", "unsafe")
    assert fix_bytes(b"teh end\n", unsafe) == b"teh end\n"
    assert fix_bytes(b"teh end\n", unsafe, unsafe=True) == b"the end\n"


def test_fixes_that_undo_each_other_stop_with_a_warning() -> None:
    flip = regex_rule("TST013", r"\bred\b", "blue")
    flop = regex_rule("TST014", r"\bblue\b", "red")
    outcome = fix_sources([(Path("p.md"), "p.md", b"red\n")], linter_for(flip, flop))
    assert outcome.warnings == ["p.md: fixes do not converge (they undo each other); stopped"]
    assert outcome.changes[0].after == b"blue\n"


def test_growing_fixes_stop_after_ten_passes() -> None:
    grow = regex_rule("TST015", r"x$", "xx")
    outcome = fix_sources([(Path("p.md"), "p.md", b"x\n")], linter_for(grow))
    assert outcome.changes[0].after == b"x" * 11 + b"\n"
    assert outcome.warnings == ["p.md: fixes did not settle after 10 passes; run again to apply the rest"]


def test_second_pass_changes_nothing() -> None:
    once = fix_bytes(b"colour colour\n", COLOUR)
    assert fix_sources([(Path("p.md"), "p.md", once)], linter_for(COLOUR)).changes == []


def test_undecodable_file_is_left_alone() -> None:
    assert fix_sources([(Path("p.md"), "p.md", b"colour \xff\n")], linter_for(COLOUR)).changes == []


def test_identical_fixes_from_two_findings_apply_once() -> None:
    fix = Fix((Edit(1, 1, 1, 1, "X"),))
    assert apply_fixes("abc", [fix, fix]) == ("Xabc", 1)


def test_line_index_positions() -> None:
    index = LineIndex("ab\r\ncd\n")
    assert index.offset(1, 3) == 2
    assert index.offset(2, 1) == 4
    assert index.offset(3, 1) == 7
    with pytest.raises(InvalidEdit):
        index.offset(1, 4)
    with pytest.raises(InvalidEdit):
        index.offset(4, 1)
    assert LineIndex("ab").offset(2, 1) == 2


# --- writing and diffs --------------------------------------------------------------------


def test_write_is_atomic_and_keeps_permissions(tmp_path: Path) -> None:
    path = tmp_path / "p.md"
    path.write_bytes(b"colour\n")
    path.chmod(0o640)
    assert write(FileChange(path, "p.md", b"colour\n", b"color\n", 1)) is None
    assert path.read_bytes() == b"color\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.md"]  # no temp file left behind


def test_write_never_writes_through_a_symlink(tmp_path: Path) -> None:
    """`collect` names a linked post by its real path; a link that reaches `write` anyway (one
    made meanwhile) is refused: it may lead out of the project."""
    real = tmp_path / "real.md"
    real.write_bytes(b"colour\n")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    problem = write(FileChange(link, "link.md", b"colour\n", b"color\n", 1))
    assert problem == "link.md: cannot fix: the file is a symbolic link (postlint never writes through one; left unchanged)"
    assert link.is_symlink()
    assert real.read_bytes() == b"colour\n"


def test_write_refuses_a_read_only_file(tmp_path: Path) -> None:
    path = tmp_path / "p.md"
    path.write_bytes(b"colour\n")
    path.chmod(0o444)
    problem = write(FileChange(path, "p.md", b"colour\n", b"color\n", 1))
    assert problem == "p.md: cannot fix: the file is read-only (left unchanged)"
    assert path.read_bytes() == b"colour\n"


def test_write_refuses_a_file_changed_meanwhile(tmp_path: Path) -> None:
    path = tmp_path / "p.md"
    path.write_bytes(b"edited by someone else\n")
    problem = write(FileChange(path, "p.md", b"colour\n", b"color\n", 1))
    assert problem == "p.md: cannot fix: the file changed while postlint was running (left unchanged)"
    assert path.read_bytes() == b"edited by someone else\n"


def test_unified_diff_marks_a_missing_final_newline() -> None:
    diff = unified_diff(FileChange(Path("p.md"), "p.md", b"a\ncolour", b"a\ncolor", 1))
    assert diff == "--- a/p.md\n+++ b/p.md\n@@ -1,2 +1,2 @@\n a\n-colour\n\\ No newline at end of file\n+color\n\\ No newline at end of file\n"


# --- properties -------------------------------------------------------------------------------


def _to_position(index: LineIndex, offset: int) -> tuple[int, int]:
    line = max(n for n, start in enumerate(index.starts) if start <= offset)
    return line + 1, offset - index.starts[line] + 1


@st.composite
def text_and_edit(draw: st.DrawFn) -> tuple[str, int, int, str]:
    text = "".join(draw(st.lists(st.sampled_from(["a", "é", " ", "\n", "\r\n", "\r", "\U0001f600"]))))
    index = LineIndex(text)
    # offsets that do not fall inside a CRLF pair
    valid = [o for o in range(len(text) + 1) if not (0 < o < len(text) and text[o - 1] == "\r" and text[o] == "\n")]
    start = draw(st.sampled_from(valid))
    end = draw(st.sampled_from([o for o in valid if o >= start]))
    assert index.offset(*_to_position(index, start)) == start
    return text, start, end, draw(st.text(alphabet="xyé", max_size=3))


@given(text_and_edit())
def test_one_edit_changes_exactly_its_span(case: tuple[str, int, int, str]) -> None:
    text, start, end, content = case
    index = LineIndex(text)
    (line, column), (end_line, end_column) = _to_position(index, start), _to_position(index, end)
    new, count = apply_fixes(text, [Fix((Edit(line, column, end_line, end_column, content),))])
    assert new == text[:start] + content + text[end:]
    assert count == (0 if start == end and not content else 1)
