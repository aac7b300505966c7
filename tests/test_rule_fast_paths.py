"""Rules' cheap pre-checks decide exactly what the work they skip would have decided.

Each test runs a rule's fast path and the slow computation it stands in for on many inputs
(hypothesis, with small alphabets so that the close calls are frequent) and fails on the
first input where they differ.
"""

from __future__ import annotations

import os
import re
from difflib import SequenceMatcher

import pytest

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from postlint.engine.linter import Linter
from postlint.model.config import from_mapping
from postlint.parse.document import Post
from postlint.rules.seo import copies

EXAMPLES = int(os.environ.get("POSTLINT_FUZZ_EXAMPLES", "300"))
FAST = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORDS = st.lists(st.sampled_from(["a", "b", "c", "d", "brew", "cup"]), max_size=14)


@FAST
@given(WORDS, WORDS, st.floats(min_value=0, max_value=1))
def test_seo007_bound_agrees_with_difflib(wanted: list[str], opening: list[str], similarity: float) -> None:
    assert copies(wanted, opening, similarity) == (SequenceMatcher(None, wanted, opening, autojunk=False).ratio() >= similarity)


def test_seo007_bound_at_its_edges() -> None:
    # the bound is reached exactly (every shared word matches in order), and only just missed
    assert copies(["a", "b", "c", "d"], ["a", "b", "c", "x"], 0.75)
    assert not copies(["a", "b", "c", "d"], ["a", "b", "c", "x"], 0.76)
    # the same words in another order: the bound passes, difflib's ratio does not
    assert not copies(["a", "b", "c", "d"], ["d", "c", "b", "a"], 0.9)
    assert copies([], [], 1.0)


def _linter(*codes: str) -> Linter:
    return Linter(from_mapping({"select": list(codes)}, root=os.getcwd()))


PL004 = _linter("PL004")
INVISIBLE_BITS = st.sampled_from(
    ["\u202e", "\u2066", "\u200b", "\u200d", "\u00ad", "\ufeff", "👩", "💻", "中", "文", "a", " ", "\n", "```\n", "    ", "---\n", "x: y\n"]
)


def _pl004_each_line(post: Post) -> list[tuple[int, int, str]]:
    """PL004 as it was: every line scanned (the rule's own per-line code, without the whole-file check)."""
    rule = PL004.selection.rules[0]
    from postlint.rules import core

    found = []
    for number, line in enumerate(post.lines, start=1):
        if number in post.index.code_lines:
            continue
        if "\u200d" in line:
            line = core.EMOJI_ZWJ_RE().sub("\u2063", line)
        if "\u200b" in line:
            line = core.CJK_ZWSP_RE().sub("\u2063", line)
        first = core.INVISIBLE_RE.search(line)
        if first is not None:
            found.append((number, first.start() + 1, rule.code))
    return found


@FAST
@given(st.lists(INVISIBLE_BITS, max_size=40).map("".join))
def test_pl004_whole_file_check_misses_no_line(text: str) -> None:
    post = Post.from_text(text, "p.md")
    got = [(f.line, f.column, f.code) for f in PL004.lint_post(post)]
    assert got == _pl004_each_line(post)


# --- narrowed phrase alternations (parse/phrases.py) -----------------------

PHRASES = ["sign up", "subscribe", r"book (?:a|an)\b[^.!?]{0,30}?\bdemo", "get started", "join (?:us|the beta)", "contact us", "very"]
PHRASE_BITS = st.sampled_from(
    ["Sign up", "sign-up", "subscribe", "SUBSCRIBE", "book an", "book a", " ", "demo", "Join us", "join the beta", "contact us",
     "get", "started", "ſign up", "x", ". ", "-", "very", "Very", "every", "ıx", "\n"]
)
POSTS = st.lists(st.lists(PHRASE_BITS, max_size=10).map("".join), min_size=1, max_size=4)


def _fresh_phrases():  # type: ignore[no-untyped-def]
    from postlint.parse.phrases import compile_alternation

    phrases = compile_alternation(PHRASES, "t", "tokens")
    assert phrases is not None
    return phrases


@pytest.mark.parametrize("fold_after", [10**9, 40])
def test_narrowed_alternations_find_what_the_whole_finds(fold_after: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """One pattern serves many posts (as in a run): the posts' narrowed alternations, their twins
    (built early here) and the whole, once narrowing stops, all find the whole pattern's matches."""
    from postlint.parse import casefold

    monkeypatch.setattr(casefold, "FOLD_AFTER", fold_after)
    phrases = _fresh_phrases()
    whole = re.compile(phrases.pattern, re.IGNORECASE)

    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    @given(POSTS)
    def check(texts: list[str]) -> None:
        narrowed = phrases.narrowed(texts)
        for text in texts:
            assert [m.span() for m in narrowed.finditer(text)] == [m.span() for m in whole.finditer(text)], texts

    check()


def test_no_match_of_nothing_in_a_long_paragraph(monkeypatch: pytest.MonkeyPatch) -> None:
    """A post none of whose texts holds a value: its alternation of nothing finds nothing, even in
    a text long enough for a twin (the twin of an empty alternation matches the empty string:
    RD007 reported “” thousands of times in a 270,000-character paragraph)."""
    from postlint.parse import casefold

    monkeypatch.setattr(casefold, "FOLD_AFTER", 40)
    phrases = _fresh_phrases()
    text = "Plain words here. " * 10
    assert list(phrases.narrowed([text]).finditer(text)) == []


# --- RD005: the passive-voice pattern with its auxiliaries grouped by first letter ---------------

PASSIVE_BITS = st.sampled_from(
    ["is", "Is", "IS", "was", "were", "wasn't", "weren’t", "are not", "am", "be", "been", "being", "get", "got", "gotten",
     "isn't", "aren’t", " ", "  ", "\n", "-", "'", ".", "\x00", "not", "really", "quickly", "written", "built", "made",
     "cleared", "interested", "based", "used", "red", "speed", "ed", "a", "this", "wise", "abe", "ſ", "İ", "Wrote", "ISN'T"]
)


def _passive_lists() -> tuple[list[str], list[str], list[str]]:
    import yaml

    from postlint.packs.loader import packs_root

    data = yaml.safe_load((packs_root() / "style.yaml").read_text(encoding="utf-8"))["data"]
    return sorted(data["passive-auxiliaries"], key=len, reverse=True), data["irregular-participles"], data["passive-exceptions"]


PASSIVE_LISTS = _passive_lists()


@FAST
@given(st.lists(PASSIVE_BITS, max_size=30).map("".join))
def test_rd005_grouped_auxiliaries_match_as_the_plain_alternation(text: str) -> None:
    from postlint.parse.casefold import folded, lowered
    from postlint.rules.readability import _passive_source

    grouped = re.compile(_passive_source(*PASSIVE_LISTS), re.IGNORECASE)
    plain = re.compile(_passive_source(*PASSIVE_LISTS, grouped=False), re.IGNORECASE)
    assert [m.span() for m in grouped.finditer(text)] == [m.span() for m in plain.finditer(text)]
    low = lowered(text)
    twin = folded(grouped)
    assert twin is not None  # the run's scans use the twin: the grouped source must keep one
    if low is not None:
        assert [m.span() for m in twin.finditer(low)] == [m.span() for m in plain.finditer(text)]


def test_rd005_scans_case_insensitively_with_the_plain_alternation_and_lower_case_text_with_the_grouped() -> None:
    from postlint.rules.readability import PassivePattern, _passive_source

    pattern = PassivePattern(*PASSIVE_LISTS)
    assert pattern.regex.pattern == _passive_source(*PASSIVE_LISTS, grouped=False)
    assert pattern.folded is not None and pattern.folded.pattern == _passive_source(*PASSIVE_LISTS)


def test_rd005_auxiliaries_that_start_with_no_letter_keep_the_plain_alternation() -> None:
    from postlint.rules.readability import _passive_source

    assert _passive_source(["'tis", "is"], [], []) == _passive_source(["'tis", "is"], [], [], grouped=False)
    assert _passive_source(["is"], [], []).startswith("(?:i(?<=\\bi)")


# --- RD006: a run's line is looked up only when the run is reported -------------------------------

RD006 = _linter("RD006")
OPENING_BITS = st.sampled_from(["We built it. ", "We ", "we tested. ", "It works. ", "It ", "\n", "\n\n", "- We list. ", "> We quote. ", "## We head\n", "So. "])


def _rd006_as_it_was(post: Post, min_run: int) -> list[tuple[int, str]]:
    """RD006's algorithm as it was: (line, message) of each run, every sentence's line looked up."""
    found: list[tuple[int, str]] = []
    run: list[tuple[int, str]] = []

    def flush() -> None:
        if len(run) >= min_run:
            found.append((run[0][0], f"{len(run)} consecutive sentences start with “{run[0][1]}”: vary the openings"))
        run.clear()

    last_block_end = 0
    for block in post.blocks:
        if block.kind not in ("paragraph", "blockquote"):
            flush()
            continue
        if last_block_end and block.line > last_block_end + 1 and not all(not post.line_text(n).strip() for n in range(last_block_end + 1, block.line)):
            flush()
        last_block_end = block.end_line
        for sentence in block.sentences:
            first = sentence.words[0].lower()
            if run and run[-1][1] != first:
                flush()
            run.append((block.line_at(sentence.start), first))
    flush()
    return found


@FAST
@given(st.lists(OPENING_BITS, max_size=30).map("".join))
def test_rd006_reports_the_runs_it_reported(text: str) -> None:
    post = Post.from_text(text, "p.md")
    got = [(f.line, f.message) for f in RD006.lint_post(post)]
    assert got == _rd006_as_it_was(post, 3)


# --- CTA001/CTA002: the closing part is looked at first --------------------------------------------

CTA = _linter("CTA001", "CTA002")
CTA_BITS = st.sampled_from(
    ["Subscribe for more. ", "Plain words here. ", "Sign up\ntoday. ", "We brew. ", "\n\n", "\n", "## Get started\n\n",
     "## Notes\n\n", "[our page](/contact/) ", "[a page](/docs/x/) ", "- Book a demo call. ", "> Contact us. ", "```\nsign up\n```\n"]
)


def _cta_as_it_was(post: Post) -> list[tuple[str, int, str]]:
    """CTA001 and CTA002 as they were: every call to action found first, then judged."""
    from postlint.parse.scopes import body_line, closing_line
    from postlint.rules.cta import PostCtas

    rule = CTA.selection.rules[0]
    ctas = PostCtas(rule.patterns(CTA.ctx)).all(post)
    found = []
    if not ctas:
        found.append(("CTA001", body_line(post), ""))
    start = closing_line(post)
    if ctas and start is not None and not any(c.line >= start for c in ctas):
        found.append(("CTA002", start, f"calls to action at line {', '.join(str(c.line) for c in ctas[:3])}, but none in "))
    return found


@FAST
@given(st.lists(CTA_BITS, max_size=25).map("".join))
def test_cta_rules_report_what_a_full_search_reports(text: str) -> None:
    post = Post.from_text("---\ntitle: t\n---\n" + text, "p.md")
    got = [(f.code, f.line, f.message.split("none in ")[0] + "none in " if f.code == "CTA002" else "") for f in CTA.lint_post(post)]
    assert sorted(got) == sorted(_cta_as_it_was(post))


# --- HD004: headings compared without a regex --------------------------------------------------------

@FAST
@given(st.text(alphabet=st.sampled_from(list("aB \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2028\u2029\u202f\u205f\u3000\u200bİß")), max_size=20))
def test_hd004_normal_form_is_the_regex_one(text: str) -> None:
    from postlint.rules.headings import _normal

    assert _normal(text) == re.sub(r"\s+", " ", text).strip().casefold()


@FAST
@given(st.text(alphabet=st.sampled_from(list("av1.0-_Xé")), max_size=16))
def test_fm010_a_slug_without_a_dot_holds_no_version(slug: str) -> None:
    from postlint.rules.frontmatter import _VERSION

    if "." not in slug:
        assert _VERSION.search(slug) is None


# --- casefold.lowered: an ASCII text is lowered without scanning for the unfolded letters ----------

def _lowered_as_it_was(text: str) -> str | None:
    if "ı" in text or "ſ" in text or "İ" in text:
        return None
    low = text.lower()
    return low if len(low) == len(text) else None


@FAST
@given(st.one_of(st.text(alphabet=st.characters(max_codepoint=127), max_size=30), st.text(max_size=30),
                 st.lists(st.sampled_from(["A", "z", " ", "ı", "ſ", "İ", "ẞ", "Σ", "\x00", "é"]), max_size=12).map("".join)))
def test_lowered_fast_path_is_the_scan(text: str) -> None:
    from postlint.parse.casefold import lowered

    assert lowered(text) == _lowered_as_it_was(text)


# --- existence rules over scopes of blocks: a piece is made only to locate a match -----------------

WEAK_BITS = st.sampled_from(
    ["very good. ", "Very ", "in order to ", "\n", "\n\n", "> quoted very\n\n", "- very item\n", "## Very heading\n\n",
     '"very" said. ', "plain. ", "really\nvery ", "`very` "]
)


def _existence_as_it_was(rule, post: Post) -> list[tuple[int, int, str]]:  # type: ignore[no-untyped-def]
    from postlint.packs.kinds import _quoted_spans
    from postlint.parse.scopes import pieces

    scanned = list(pieces(post, rule.scope_name))
    if rule.skip_quoted:
        scanned = [piece for piece in scanned if piece.block is None or piece.block.kind != "blockquote"]
    found = []
    for piece in scanned:
        quoted = _quoted_spans(piece.text) if rule.skip_quoted else ()
        for pattern in rule.patterns:
            for match in pattern.regex.finditer(piece.text):
                if quoted and any(start < match.start() < end for start, end in quoted):
                    continue
                line, column = piece.locate(post, match.start(), match.group(0))
                found.append((line, column, rule.message.format(match=match.group(0))))
    return found


@pytest.mark.parametrize("scope", ["paragraphs", "prose", "closing", "headings"])
@pytest.mark.parametrize("skip_quoted", [True, False])
def test_existence_over_blocks_finds_what_pieces_found(scope: str, skip_quoted: bool) -> None:
    from postlint.packs.kinds import existence

    cls = existence({"code": "X001", "name": "x-weak", "extends": "existence", "message": "weak “{match}”", "scope": scope,
                     "skip-quoted": skip_quoted, "tokens": ["very", "in order to", "really"]}, "t: rule X001")
    rule = cls()
    ctx = CTA.ctx

    @FAST
    @given(st.lists(WEAK_BITS, max_size=20).map("".join))
    def check(text: str) -> None:
        post = Post.from_text(text, "p.md")
        assert [(f.line, f.column, f.message) for f in rule.check(post, ctx)] == _existence_as_it_was(rule, post)

    check()


def test_a_linted_post_is_freed_without_the_garbage_collector() -> None:
    """What CTA001/CTA002 keep in a post's memo refers to no post: no cycle keeps a linted post alive."""
    import gc
    import weakref

    post = Post.from_text("---\ntitle: t\n---\nPlain words here.\n\n## Last\n\nSubscribe for more.\n", "p.md")
    CTA.lint_post(post)
    assert post.memo  # the calls to action were kept there
    alive = weakref.ref(post)
    gc.disable()
    try:
        del post
        assert alive() is None
    finally:
        gc.enable()
