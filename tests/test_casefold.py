"""Case-insensitive patterns scanned as case-sensitive ones over lower-cased text: same matches, always."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from unittest import mock

from postlint.engine.linter import Linter
from postlint.model.config import from_mapping
from postlint.parse import casefold
from postlint.parse.casefold import CaselessPattern, folded, lowered
from postlint.parse.phrases import PhrasePattern


def _shipped() -> dict[str, re.Pattern[str]]:
    """The case-insensitive patterns the default rules scan every paragraph with."""
    linter = Linter(from_mapping({}, root=Path.cwd()))
    rules = {rule.code: rule for rule in linter.selection.rules}
    cta = rules["CTA001"].patterns(linter.ctx)  # type: ignore[attr-defined]
    return {
        "RD007 weak words": rules["RD007"].patterns[0].regex,  # type: ignore[attr-defined]
        "CTA phrases": cta.phrases.regex,
        "CTA links": cta.links.regex,
        "CTA headings": cta.headings.regex,
        "RD005 passive voice": rules["RD005"].pattern(linter.ctx).regex,  # type: ignore[attr-defined]
    }


SHIPPED = _shipped()


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_the_shipped_patterns_have_a_case_sensitive_twin(name: str) -> None:
    twin = folded(SHIPPED[name])
    assert twin is not None and not twin.flags & re.IGNORECASE and twin.pattern == SHIPPED[name].pattern


@pytest.mark.parametrize(
    ("pattern", "has_twin"),
    [
        (r"(?<![\w-])(?:very|kind of|it's)(?![\w-])", True),
        (r"[a-z]+ed\b", True),
        (r"start\b[^.!?]{0,60}?\b(?:today|now)", True),
        (r"['’]s\s+\d{2}", True),
        (r"^mailto:|(?:^|/)sign-?up(?:$|[/?#])", True),
        ("Google", False),  # an upper-case letter: the twin would never find it in lower-case text
        ("[A-Z]x", False),
        ("café", False),  # a cased letter beyond ASCII: Unicode case folding is not str.lower
        ("σ", False),  # IGNORECASE equates σ, Σ and ς; lower() maps Σ to σ only
        (r"(a)\1", False),  # back-references compare case-insensitively
        ("(?-i:ab)", False),  # inline flags
        ("(x)?(?(1)a|b)", False),  # conditionals
        ("[^ſ]x", False),
        ("[0-9]+ms", True),
        ("[\u2000-\u206f]", True),  # punctuation: no cased character in it
        ("[\U00010000-\U0010ffff]", False),  # too wide to check: kept case-insensitive
        (r"[!-\x7e]", False),  # a range ending in an escape (it holds A-Z) is not read
        (r"\x41", False),  # A, written as a code
        (r"\x61\u2019s", True),  # a, ’, s
        (r"[\w-]+ly\b", True),
        (r"[]a]b", True),  # a leading ] is a literal
        (r"[^]A]", False),
        (r"(?P<word>ab)c", True),
        (r"(?P<word>ab)(?P=word)", False),  # a back-reference by name
        (r"a(?#Comment)", False),
        (r"(?i)ab", False),
        (r"(?>ab)|(?<=x)y|(?<!z)w", True),
        (r"\N{LATIN SMALL LETTER A}", False),
        (r"\101", False),  # an octal code
        (r"[\b]x", True),  # a backspace
        (r"a\\", True),  # an escaped backslash
    ],
)
def test_which_patterns_get_a_twin(pattern: str, has_twin: bool) -> None:
    assert (folded(re.compile(pattern, re.IGNORECASE)) is not None) is has_twin
    assert folded(re.compile("abc")) is None  # not case-insensitive to begin with


PATTERN_PIECES = st.lists(
    st.sampled_from(["a", "k", "s", "i", "K", "S", "é", "σ", "ß", " ", "-", "'", ".", "*", "+", "?", "|", "(", ")",
                     "(?:", "(?=", "(?<!", "[", "]", "^", "$", "a-z", "[a-z]", "[A-Z]", "[!-~]", "[^a-k]", "\\w", "\\b", "\\d", "\\x4b",
                     "\\x6b", "\\u017f", "\\-", "{1,2}", "(?P<g>", "(?P=g)", "\\1", "ı", "İ", "ſ"]),
    min_size=1, max_size=12,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(PATTERN_PIECES, st.text(alphabet="aAkKKsSßσΣςé '-.!~0_", max_size=30))  # texts `lowered` accepts
@example("[a-z]s|k(?:\\x6b)", "K Sk Kk ſk")
def test_a_pattern_read_as_safe_finds_what_ignorecase_finds(pattern: str, text: str) -> None:
    """The source check is conservative: whenever it lets a pattern through, the twin over the
    lower-cased text finds exactly the case-insensitive spans."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)  # `[[`: a possible nested set, read as literals
            regex = re.compile(pattern, re.IGNORECASE)
    except re.error:
        return
    twin = folded(regex)
    low = lowered(text)
    if twin is None or low is None:
        return
    assert [m.span() for m in twin.finditer(low)] == [m.span() for m in regex.finditer(text)]


def test_texts_whose_lower_case_is_not_a_faithful_copy_are_scanned_as_written() -> None:
    assert lowered("Sign Up NOW") == "sign up now"
    assert lowered("ſign up") is None and lowered("sıgn up") is None and lowered("SİGN UP") is None
    assert lowered("KELVIN") == "kelvin"  # the Kelvin sign lowers to k, which IGNORECASE equates with it too


TRICKY = st.text(alphabet="aAeEiIkKKsSſıİßẞσΣςdDnNoOtTyY'’-_ .,!?\n\t0123456789é", max_size=80)
WORDS = st.lists(
    st.sampled_from(["very", "VERY", "Really", "of course", "was", "WAS", "written", "Used", "interested", "rebuilt",
                     "get started", "sign up", "SIGN-UP", "ready to", "go?", "Start", "TODAY", "/signup/", "mailto:",
                     "ſign", "up", "ſubscribe", "İs", "ıs", "Kelvin", "-", "’", "'", " ", ". ", "\n", "x"]),
    max_size=20,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(TRICKY, WORDS, st.text(max_size=60)))
@example("Please ſubscribe: it ıs written, so SİGN UP and get ſtarted")
@example("This is really very basically a game-changer: sign up, get started and subscribe")
def test_caseless_patterns_find_exactly_what_ignorecase_finds(text: str) -> None:
    for regex in SHIPPED.values():
        _finds_what_ignorecase_finds(CaselessPattern(regex), regex, text)
    for phrases in PHRASES.values():  # the phrase lists with their own twin
        _finds_what_ignorecase_finds(phrases, re.compile(phrases.pattern, re.IGNORECASE), text)


def _finds_what_ignorecase_finds(caseless: CaselessPattern, regex: re.Pattern[str], text: str) -> None:
    """`caseless`, scanning with its twin from the first text on, finds in `text` what `regex` finds."""
    caseless._scanned = casefold.FOLD_AFTER
    assert [(m.span(), m.group(0)) for m in caseless.finditer(text)] == [(m.span(), m.group(0)) for m in regex.finditer(text)]
    found, expected = caseless.search(text), regex.search(text)
    assert (found and (found.span(), found.group(0))) == (expected and (expected.span(), expected.group(0)))


@settings(max_examples=300, deadline=None)
@given(st.one_of(TRICKY, WORDS, st.text(max_size=60)))
@example("Contact ſales or SİGN UP at /ſignup/")
def test_contains_is_whether_ignorecase_finds_a_match_and_compiles_only_the_twin(text: str) -> None:
    for regex in SHIPPED.values():
        caseless = CaselessPattern(regex.pattern)  # from its source, as the CTA link and heading patterns are
        assert caseless.contains(text) == (regex.search(text) is not None)
        assert caseless.contains(text.upper()) == (regex.search(text.upper()) is not None)
        if lowered(text) is not None and lowered(text.upper()) is not None:
            assert caseless._regex is None  # the case-insensitive pattern was never compiled


def test_contains_without_a_twin_searches_case_insensitively() -> None:
    caseless = CaselessPattern("Straße|x")  # a cased non-ASCII letter: no twin
    assert caseless.contains("STRASSE") is False and caseless.contains("straße") is True and caseless.contains("X") is True
    assert caseless._folded is None and caseless._regex is not None


def test_the_twin_is_built_only_once_a_pattern_has_scanned_enough_text() -> None:
    caseless = CaselessPattern(SHIPPED["RD007 weak words"])
    paragraph = "This is really a very short paragraph. " * 10
    with mock.patch.object(casefold, "FOLD_AFTER", 10 * len(paragraph)):
        for _ in range(9):
            assert [m.group(0) for m in caseless.finditer(paragraph)][:2] == ["really", "very"]
        assert caseless._folded is False  # a one-post run: never compiled twice
        assert caseless.search(paragraph.upper()).group(0) == "REALLY"  # type: ignore[union-attr]
        assert caseless._folded is not False and caseless.folded is not None
        assert [m.group(0) for m in caseless.finditer(paragraph.title())][:2] == ["Really", "Very"]


# --- a phrase list's twin, its values grouped by first character -------------------------

def _phrase_patterns() -> dict[str, PhrasePattern]:
    """The shipped phrase lists the default rules scan every paragraph with."""
    linter = Linter(from_mapping({}, root=Path.cwd()))
    rules = {rule.code: rule for rule in linter.selection.rules}
    return {"RD007 weak words": rules["RD007"].patterns[0], "CTA phrases": rules["CTA001"].patterns(linter.ctx).phrases}  # type: ignore[attr-defined]


PHRASES = _phrase_patterns()


def test_a_phrase_list_of_plain_beginnings_gets_a_grouped_twin() -> None:
    from postlint.parse.phrases import _grouped_alternation

    assert _grouped_alternation(["very", "vast", "really", "game[- ]changer"]) == (
        r"(?<![\w-])(?:v(?:(?:ery)|(?:ast))|r(?:(?:eally))|g(?:(?:ame[- ]changer)))(?![\w-])"
    )
    for values in (["very", "a{2}"], ["a?bc"], ["a*"], ["a+b"], ["a|b"], [r"\w+ly"], ["(?:ab)"], ["(?P<x>ab)"], [r"a(b)\1"], ["’twas"]):
        assert _grouped_alternation(values) is None, values
    twin = PhrasePattern(["very", "vast"]).folded
    assert twin is not None and not twin.flags & re.IGNORECASE and twin.pattern.startswith(r"(?<![\w-])(?:v(?:")
    assert PhrasePattern(["Very"]).folded is None  # a cased letter: no twin, grouped or not
    weak, cta = PHRASES["RD007 weak words"].folded, PHRASES["CTA phrases"].folded
    assert weak is not None and weak.pattern != PHRASES["RD007 weak words"].pattern  # grouped
    assert cta is not None and cta.pattern == PHRASES["CTA phrases"].pattern  # values starting with a group: as written


PHRASE_VALUES = st.lists(st.sampled_from(["very", "vast", "v", "va", "of course", "off", "in order to", "in", "kind of", "game[- ]changer",
                                          "ab+c", "a(?:b|c)d", "x[yz]", "s(?=t)", "1st", "2nd"]), min_size=1, max_size=8, unique=True)
PHRASE_TEXT = st.lists(st.sampled_from(["very", "VAST", "v", "va", "of course", "off", "in", "order", "to", "kind", "of", "game-changer",
                                        "abbc", "abd", "acd", "xz", "st", "1st", "2nd", " ", "-", "_", ".", "\n", "ſ", "İn"]), max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(PHRASE_VALUES, st.one_of(PHRASE_TEXT, TRICKY))
def test_a_grouped_twin_finds_exactly_what_ignorecase_finds(values: list[str], text: str) -> None:
    from postlint.parse.phrases import _alternation

    _finds_what_ignorecase_finds(PhrasePattern(values), re.compile(_alternation(values), re.IGNORECASE), text)
