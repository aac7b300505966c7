"""`Post`: decoding, front-matter positions and the exact file position of inline items."""

from __future__ import annotations

from pathlib import Path

import pytest

from postlint.parse.document import Post, UnreadableFile, slugify


def post(text: str) -> Post:
    return Post.from_text(text, "p.md")


def test_front_matter_key_lines_and_value_spans() -> None:
    p = post('---\ntitle: "Hello"\ntags:\n  - a\n  - b\n---\nBody\n')
    fields = p.front_matter.fields
    assert fields["title"].line == 2
    assert (fields["title"].value_span.line, fields["title"].value_span.column) == (2, 8)
    assert [(s.line, s.column) for s in fields["tags"].items] == [(4, 5), (5, 5)]
    assert p.body_offset == 6


def test_crlf_and_bom_keep_lines() -> None:
    data = b'\xef\xbb\xbf---\r\ntitle: "Hi"\r\n---\r\n\r\nSee [x](https://a.example) now.\r\n'
    p = Post.from_bytes(Path("p.md"), data)
    assert p.bom is True
    assert p.meta == {"title": "Hi"}
    assert [(link.line, link.column, link.end_column) for link in p.links] == [(5, 5, 27)]


def test_invalid_utf8_and_binary() -> None:
    with pytest.raises(UnreadableFile, match=r"not valid UTF-8 \(byte 0xe9 at line 2\)"):
        Post.from_bytes(Path("p.md"), b"---\ntitle: caf\xe9\n---\n")
    with pytest.raises(UnreadableFile, match="binary"):
        Post.from_bytes(Path("p.md"), b"\x00\x01\x02\x00" * 100)


def test_inline_positions_in_lists_quotes_tables_and_continuations() -> None:
    p = post(
        "---\ntitle: t\n---\n"
        "- item [a](https://a.example) and\n"
        "  more ![alt *em*](i.png)\n"
        "\n"
        "> quote <img src=\"x.png\"> [q](https://q.example)\n"
        "\n"
        "| h | [l](u) |\n"
        "|---|--------|\n"
        "| c | [m](n) |\n"
    )
    assert [(l.url, l.line, l.column, l.end_column) for l in p.links] == [
        ("https://a.example", 4, 8, 30),
        ("https://q.example", 7, 27, 49),
        ("u", 9, 7, 13),
        ("n", 11, 7, 13),
    ]
    assert [(i.src, i.alt, i.line, i.column, i.kind) for i in p.images] == [
        ("i.png", "alt em", 5, 8, "markdown"),
        ("x.png", None, 7, 9, "html"),
    ]


def test_literal_brackets_before_a_link_do_not_shift_it() -> None:
    p = post("array[0] and [link](https://x.example)\n")
    assert [(l.line, l.column) for l in p.links] == [(1, 14)]


def test_headings_anchors_and_code_blocks() -> None:
    p = post("---\ntitle: t\n---\n# One\n\n```\n# not a heading\n```\n\n## Two words {#custom}\n\nSetext\n------\n")
    assert [(h.level, h.text, h.line, h.anchor) for h in p.headings] == [
        (1, "One", 4, "one"),
        (2, "Two words", 10, "custom"),
        (2, "Setext", 12, "setext"),
    ]
    assert p.index.code_lines == {6, 7, 8}
    assert slugify("Hello, World! It's 2024") == "hello-world-its-2024"


def test_bare_urls_are_found_outside_links_only() -> None:
    p = post("Visit https://a.example/x. Or [b](https://b.example) or <https://c.example>.\n")
    assert [(u.url, u.line, u.column) for u in p.bare_urls] == [("https://a.example/x", 1, 7)]


def test_prose_excludes_code_and_urls_and_maps_lines() -> None:
    p = post("First line with `code` here\nsecond line https://x.example end.\n\nNext paragraph.\n")
    first = p.blocks[0]
    assert first.prose == "First line with here second line end."
    assert first.line_at(first.prose.index("second")) == 2
    assert [b.line for b in p.paragraphs] == [1, 4]


def test_sections_split_at_h2() -> None:
    p = post("---\ntitle: t\n---\nIntro\n\n## A\n\ntext\n\n## B\n\nend\n")
    assert [(s.heading.text if s.heading else None, s.line, s.end_line) for s in p.sections] == [
        (None, 4, 5),
        ("A", 6, 9),
        ("B", 10, 12),
    ]


def test_sentences() -> None:
    from postlint.parse.prose import split_sentences

    text = "Dr. Smith uses v1.2 daily, e.g. at 3.5 p.m. on weekdays. It works... mostly. Does it? Yes!"
    assert [s.text for s in split_sentences(text)] == [
        "Dr. Smith uses v1.2 daily, e.g. at 3.5 p.m. on weekdays.",
        "It works... mostly.",
        "Does it?",
        "Yes!",
    ]
