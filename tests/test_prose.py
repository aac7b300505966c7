"""Sentence splitting and word extraction shared by the language rules."""

from __future__ import annotations

import re
from dataclasses import FrozenInstanceError

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postlint.parse.document import Post
from postlint.parse.prose import (
    _BOUNDARY,
    ABBREVIATIONS,
    FINAL_ABBREVIATIONS,
    NUMBER_ABBREVIATIONS,
    WORD_RE,
    Sentence,
    split_sentences,
    words,
)


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


# --- the splitter against the straightforward one it replaced ----------------------------

_REF_NEXT = re.compile(r"\s*(\S)")
_REF_WORD_BEFORE = re.compile(r"([\w.]+)$")


def _reference_split(text: str) -> list[tuple[str, int, tuple[str, ...]]]:
    """The splitter as first written: the word before a full stop found by searching the window
    before it forwards (`[\\w.]+$`), each sentence built by its `__init__`."""
    result: list[tuple[str, int, tuple[str, ...]]] = []

    def ends(mark: int, end: int) -> bool:
        punct = text[mark:end]
        following = _REF_NEXT.match(text, end)
        if following is None:
            return True
        rest = following.group(1)
        if "." in punct and not any(c in punct for c in "!?"):
            word_match = _REF_WORD_BEFORE.search(text, max(0, mark - 64), mark)
            word = word_match.group(1).lower() if word_match else ""
            bare = word.rstrip(".")
            if bare in NUMBER_ABBREVIATIONS:
                return not rest[0].isdigit()
            if bare in FINAL_ABBREVIATIONS:
                return rest[0].isupper()
            if word in ABBREVIATIONS or bare in ABBREVIATIONS:
                return False
            if len(word) == 1 and word.isalpha():
                return False
        return not rest[0].islower()

    def append(start: int, end: int) -> None:
        chunk = text[start:end]
        stripped = chunk.strip()
        if stripped and (found := tuple(WORD_RE.findall(stripped))):
            result.append((stripped, start + (len(chunk) - len(chunk.lstrip())), found))

    start = 0
    for match in _BOUNDARY.finditer(text):
        if ends(match.start(), match.end()):
            append(start, match.end())
            start = match.end()
    append(start, len(text))
    return result


_PIECES = [
    "Dr", "dr", "No", "no", "etc", "al", "e.g", "i.e", "U.S", "a.m", "J", "x", "v1.2", "3", "5", "É", "ß",
    ".", ". ", "..", "...", "…", "!", "?", "?!", '"', "”", "’", "'", ")", "]", " ", "  ", "\n", "\t", "\u00a0",
    "word", "Word", "WORD", "_", "-", "a" * 70, "." * 70, "ab.cd" * 15,
]


@settings(max_examples=1500, deadline=None)
@given(st.one_of(st.text(max_size=160), st.lists(st.sampled_from(_PIECES), max_size=60).map("".join)))
def test_split_sentences_as_the_reference_splits(text: str) -> None:
    """The same sentences, offsets and words as the straightforward splitter, for any text."""
    assert [(s.text, s.start, s.words) for s in split_sentences(text)] == _reference_split(text)


@pytest.mark.parametrize(
    "text",
    ["No.\n5 then", "Dr.\nLee came. Ok.", "see e.g.\nThe end", "x\n. Then", "\n. A", "J\n. Smith", "a" * 80 + ". Then", "Mr" + "." * 70 + " Then"],
)
def test_split_sentences_word_before_edge_cases(text: str) -> None:
    """A newline just before the full stop, runs longer than the window the word is looked for in."""
    assert [(s.text, s.start, s.words) for s in split_sentences(text)] == _reference_split(text)


def test_sentences_are_frozen_dataclasses() -> None:
    sentence = split_sentences("One two. Three.")[0]
    assert sentence == Sentence("One two.", 0, ("One", "two")) and hash(sentence) == hash(Sentence("One two.", 0, ("One", "two")))
    with pytest.raises(FrozenInstanceError):
        sentence.text = "x"  # type: ignore[misc]


@pytest.mark.parametrize("run", [".", "!?", "…", ".)"])
def test_a_long_run_of_stops_is_split_in_linear_time(run: str) -> None:
    """200,000 stops before a letter: each start inside the run used to scan the rest of it (hours)."""
    text = "Start here" + run * 100_000 + "xyz. Then more."
    assert [s.text for s in split_sentences(text)] == [text[: len(text) - len(" Then more.")], "Then more."]
    assert [(s.text, s.start, s.words) for s in split_sentences(text[:3000])] == _reference_split(text[:3000])
