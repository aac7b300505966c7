"""The FM011 description fix: quoting, trimming, and where it declines to edit."""

from __future__ import annotations

import tomllib

import yaml
from hypothesis import given
from hypothesis import strategies as st

from postlint.parse.document import Post
from postlint.rules.frontmatter import DESCRIPTION_MAX, description_fix, quote_string, trim_description

PARAGRAPH = "A first paragraph with enough words to describe the post."


@given(st.text())
def test_quoted_strings_round_trip_in_yaml_and_toml(value: str) -> None:
    quoted = quote_string(value)
    assert "\n" not in quoted and "\r" not in quoted
    assert yaml.safe_load(f"description: {quoted}\n") == {"description": value}
    assert tomllib.loads(f"description = {quoted}\n") == {"description": value}


@given(st.lists(st.text(alphabet="abcdefghij,;", min_size=1, max_size=30), min_size=1, max_size=40))
def test_trimmed_descriptions_fit_and_end_on_a_word(words: list[str]) -> None:
    text = " ".join(words)
    trimmed = trim_description(text)
    assert len(trimmed) <= DESCRIPTION_MAX
    if len(text) <= DESCRIPTION_MAX:
        assert trimmed == text
    else:
        assert trimmed.endswith("\u2026")
        head = trimmed[:-1]
        assert text.startswith(head)
        assert text[len(head)] in " ,;" or len(head) == DESCRIPTION_MAX - 1


def test_trim_prefers_the_last_whole_word() -> None:
    text = "word " * 40  # 200 characters
    assert trim_description(text) == ("word " * 32).strip() + "\u2026"


def _fix_text(text: str) -> str | None:
    fix = description_fix(Post.from_text(text))
    if fix is None:
        return None
    (edit,) = fix.edits
    assert fix.applicability == "unsafe"
    return f"{edit.line}:{edit.column}-{edit.end_line}:{edit.end_column} {edit.content!r}"


def test_inserted_before_the_closing_line() -> None:
    assert _fix_text(f"---\ntitle: x\n---\n{PARAGRAPH}\n") == f"3:1-3:1 'description: \"{PARAGRAPH}\"\\n'"


def test_null_description_replaced_on_its_line() -> None:
    assert _fix_text(f"---\ndescription:\ntitle: x\n---\n{PARAGRAPH}\n") == f"2:1-2:13 'description: \"{PARAGRAPH}\"'"


def test_declined_for_flow_style_json_and_no_paragraph() -> None:
    assert _fix_text(f"---\n{{title: x}}\n---\n{PARAGRAPH}\n") is None
    assert _fix_text(f'{{\n"title": "x"\n}}\n{PARAGRAPH}\n') is None
    assert _fix_text("---\ntitle: x\n---\n![only an image](/a.webp)\n\n## Heading\n") is None
    assert _fix_text(f"---\ndescription: |\n  \ntitle: x\n---\n{PARAGRAPH}\n") is None
