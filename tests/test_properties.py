"""Property-based tests: any text lints without raising, and findings stay inside the file."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from postlint.engine.linter import Linter
from postlint.model.config import from_mapping
from postlint.parse.document import Post

EXAMPLES = int(os.environ.get("POSTLINT_FUZZ_EXAMPLES", "150"))

MARKDOWN_BITS = st.sampled_from(
    [
        "---\n", "+++\n", "{\n", "}\n", "title: x\n", "tags: [a, A]\n", "date: 2024-13-45\n", "- ", "> ", "# ", "## ",
        "#### ", "[", "]", "(", ")", "![", "](", "<img src=x>", "<a href='y'>z</a>", "<!-- postlint-disable -->",
        "<!-- postlint-enable FM005 -->", "<!-- postlint-disable-next-line -->", "```\n", "    code\n", "| a | b |\n",
        "|---|---|\n", "http://x.example/y?utm_source=z ", "https://", "*", "_", "`", "\\", "\r\n", "\n", "\n\n",
        "\ufeff", "\u202e", "\u200b", "\x00", "é", "word ", "Sentence one. ", "e.g. ", "&amp;", "&#0;", "{#id}",
    ]
)
TEXTS = st.one_of(st.text(max_size=400), st.lists(st.one_of(MARKDOWN_BITS, st.text(max_size=12)), max_size=60).map("".join))


def _linter() -> Linter:
    return Linter(from_mapping({"select": ["ALL"]}, root=os.getcwd()))


LINTER = _linter()


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_any_text_lints_and_findings_are_in_the_file(text: str) -> None:
    post = Post.from_text(text, "fuzz.md")
    findings = LINTER.lint_post(post)
    line_count = max(len(post.lines), 1)
    for finding in findings:
        assert finding.code != "PL003", finding.message
        assert 1 <= finding.line <= line_count + 1, (finding, line_count)
        assert finding.column >= 1
        if finding.fix:
            for edit in finding.fix.edits:
                assert 1 <= edit.line <= line_count + 1
                assert (edit.line, edit.column) <= (edit.end_line, edit.end_column)


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_decode_or_are_unreadable(data: bytes) -> None:
    from pathlib import Path

    from postlint.parse.document import UnreadableFile

    try:
        post = Post.from_bytes(Path("fuzz.md"), data)
    except UnreadableFile as exc:
        assert str(exc)
        return
    LINTER.lint_post(post)


FIXABLE_BITS = st.sampled_from(
    [
        "---\n", 'title: "A title long enough for the rule here"\n', "tags: [a, A, b, a]\n", "tags:\n  - x\n  - X\n",
        "image: /media/h.webp\n", "![](/media/h.webp)\n", "See http://plain.example/page?utm_source=x&y=1 now.\n",
        "Go to https://bare.example/x?fbclid=1 today.\n", "[t](http://a.example/?gclid=2)\n", "\r\n", "\n", "Text. ",
        "First paragraph with enough words to become a description of this post.\n\n", "\ufeff", "é",
    ]
)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(FIXABLE_BITS, max_size=25).map("".join))
def test_fix_twice_equals_fix_once(text: str) -> None:
    from pathlib import Path

    from postlint.fix.fixer import fix_sources

    raw = text.encode("utf-8")
    once = fix_sources([(Path("fuzz.md"), "fuzz.md", raw)], LINTER, unsafe=True)
    after = once.changes[0].after if once.changes else raw
    twice = fix_sources([(Path("fuzz.md"), "fuzz.md", after)], LINTER, unsafe=True)
    assert not any(change.changed for change in twice.changes), (after, twice.changes)
