"""Sentence splitting and word extraction shared by the language rules."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postlint.parse.document import Post
from postlint.parse.prose import split_sentences, words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Use a generator, e.g. Hugo. It is fast.", ["Use a generator, e.g. Hugo.", "It is fast."]),
        ("Dr. Lee wrote it. She left.", ["Dr. Lee wrote it.", "She left."]),
        ("Version v1.2 is out. It costs 3.50 euros.", ["Version v1.2 is out.", "It costs 3.50 euros."]),
        ("Wait... then it worked.", ["Wait... then it worked."]),
        ("Wait… Then it worked.", ["Wait…", "Then it worked."]),
        ("J. R. Smith agreed. Good.", ["J. R. Smith agreed.", "Good."]),
        ("Ask P. Jones. He knows.", ["Ask P. Jones.", "He knows."]),
        ("We sat. Then we ate.", ["We sat.", "Then we ate."]),
        ("I said no. Then we left.", ["I said no.", "Then we left."]),
        ("See No. 5 first. Done.", ["See No. 5 first.", "Done."]),
        ("Pens, paper etc. Then ink.", ["Pens, paper etc.", "Then ink."]),
        ("Lee et al. found it.", ["Lee et al. found it."]),
        ('He said "Stop." Then he left.', ['He said "Stop."', "Then he left."]),
        ("Really? Yes! Fine.", ["Really?", "Yes!", "Fine."]),
        ("A list item without a full stop", ["A list item without a full stop"]),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert [s.text for s in split_sentences(text)] == expected


def test_sentence_offsets_and_words() -> None:
    sentences = split_sentences("One two. Three four five.")
    assert [(s.start, s.words) for s in sentences] == [(0, ("One", "two")), (9, ("Three", "four", "five"))]


def test_words_keep_inner_hyphens_and_apostrophes() -> None:
    assert words("Don’t over-think v1.2 — ok?") == ["Don’t", "over-think", "v1.2", "ok"]


def test_list_items_without_punctuation_are_sentences() -> None:
    post = Post.from_text("---\ntitle: t\n---\n\n- first item here\n- second item here\n\nA closing line.\n")
    stats = post.text_stats
    assert [s.text for _, s in stats.sentences] == ["first item here", "second item here", "A closing line."]
    assert [b.line for b, _ in stats.sentences] == [5, 6, 8]


def test_readability_text_leaves_out_headings_tables_code_and_urls() -> None:
    text = (
        "---\ntitle: t\n---\n\n## A heading\n\nSee https://example.com/x for `code here` now.\n\n"
        "| a | b |\n|---|---|\n| cell words | more |\n\n```\nfenced words\n```\n"
    )
    stats = Post.from_text(text).text_stats
    assert stats.word_list == ["See", "for", "now"]


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=120), st.lists(st.sampled_from(["Dr", ".", "e.g", "v1.2", "’", "'", "-", "!", "?", "…", '"', ")", " ", "\n", "word", "Word", "3", "_"]), max_size=40).map("".join)))
def test_sentences_split_between_words(text: str) -> None:
    """A block's words are its sentences' words (`Block.words` relies on it: one tokenisation)."""
    assert [w for s in split_sentences(text) for w in s.words] == words(text)
