"""A long post is linted in memory proportional to its text: its tokens are never all alive,
its views keep no per-word lists, and a fix pass keeps no copies of earlier texts."""

from __future__ import annotations

import datetime as dt
import gc
import re
import tracemalloc
from pathlib import Path
from typing import Any, Iterable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it.token import Token

from postlint.engine.linter import Linter
from postlint.engine.registry import Registry
from postlint.fix.fixer import fix_sources
from postlint.model.config import from_mapping
from postlint.model.context import Context
from postlint.model.findings import Edit, Finding, Fix
from postlint.model.rule import Rule
from postlint.parse import document, mdparser
from postlint.parse.blocklist import BlockList
from postlint.parse.document import Post, markdown_parser
from postlint.rules.links import LinkDomainPolicy, LinkInsecure, host_of
from postlint.parse.textstats import Variables, preload

WORDS = "tea water leaf kettle steep minute temperature green black oolong aroma bitter sweet pour strain vessel".split()


def long_post(sections: int) -> str:
    """Front matter, then sections of an H2, paragraphs with links and code, a list, a quote and a table."""
    parts = ['---\ntitle: "A long guide to tea"\ndate: 2024-03-01\n---\n\nAn opening paragraph for the guide.\n\n']
    for n in range(sections):
        words = [WORDS[(n * 7 + i * 3) % len(WORDS)] for i in range(40)]
        sentence = " ".join(words[:12]).capitalize() + ". " + " ".join(words[12:30]).capitalize() + "."
        parts.append(
            f"## Part {n} on {words[0]}\n\n{sentence} See [the {words[1]} notes](/notes/{n}/) and `brew --{words[2]}`.\n\n"
            f"{sentence} More at https://example.com/tea/{n} today.\n\n- {sentence}\n- {words[3]} and {words[4]}\n\n"
            f"> {sentence}\n\n| tea | minutes |\n|---|---|\n| {words[5]} | {n % 9} |\n\n"
        )
    return "".join(parts)


def test_a_long_post_s_views_take_a_bounded_multiple_of_its_size() -> None:
    text = long_post(300)  # ~300 KB
    markdown_parser()
    preload()  # the syllable tables: loaded once a process, whatever the post
    tracemalloc.start()
    try:
        post = Post.from_text(text)
        assert len(post.links) == 300 and len(post.headings) == 300
        assert post.word_count > 20_000 and post.text_stats.variables["reading_ease"] < 100
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # 16 × the text; 53 × when every token and per-word list was kept
    assert peak < 24 * len(text), f"{peak / len(text):.1f} × the text"


def test_the_token_stream_is_not_kept() -> None:
    gc.collect()
    before = sum(isinstance(o, Token) for o in gc.get_objects())
    post = Post.from_text(long_post(50))
    assert len(post.blocks) > 200
    gc.collect()
    assert sum(isinstance(o, Token) for o in gc.get_objects()) == before


class _FirstColour(Rule):
    """Test-only: one fix a pass, on the first line (so the views are all a pass builds)."""

    code = "TST020"
    name = "test-first-colour"

    def check(self, post: Post, ctx: Context) -> Iterable[Finding]:
        column = post.lines[0].find("colour") + 1
        if column:
            yield self.report(post, 1, column, "colour", fix=Fix((Edit(1, column, 1, column + 6, "color"),)))


def test_fixing_a_long_post_takes_little_more_than_linting_it() -> None:
    """A fix pass shares the text with its post, lets the last pass's post go before rebuilding
    the text and digests the history a piece at a time: 2.2 × the text on top of one lint (3.2 ×
    when each pass decoded a second copy and encoded the whole text for its digest)."""
    data = ("colour " * 3 + "\n" + "A line of the post, in ordinary words, with nothing to fix.\n" * 10_000).encode()
    registry = Registry()
    registry.add(_FirstColour, "test")
    linter = Linter(from_mapping({}, root=Path.cwd()), registry)
    tracemalloc.start()
    try:
        outcome = fix_sources([(Path("post.md"), "post.md", data)], linter)
        _, fix_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        tracemalloc.clear_traces()
        post = Post.from_bytes(Path("post.md"), data, "post.md")
        linter.lint_post(post)
        del post
        _, lint_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert outcome.changes[0].fixes == 3 and outcome.changes[0].after.startswith(b"color color color \n")
    assert fix_peak - lint_peak < 2.6 * len(data), f"{(fix_peak - lint_peak) / len(data):.2f} × the text"


def test_the_link_rules_keep_nothing_a_link() -> None:
    """LNK002 and LNK008 walk a target a link made as they go: a roundup's million links are
    not doubled by a list of targets kept for the post (120 bytes a link when it was)."""
    rows = [", ".join(f"[tea {n}-{i}](http://example.com/tea/{n}/{i}/?utm_source=feed)" for i in range(8)) + ".\n\n" for n in range(1_500)]
    post = Post.from_text("---\ntitle: A roundup\n---\n\n" + "".join(rows))
    assert len(post.links) == 12_000
    ctx = Context(from_mapping({}, root=Path.cwd()), dt.date(2024, 3, 1))
    insecure, policy = LinkInsecure(), LinkDomainPolicy()
    for link in post.links:  # the host cache (bounded, shared by the run) filled beforehand
        host_of(link.url)
    tracemalloc.start()
    try:
        found = sum(1 for _ in insecure.check(post, ctx))
        gc.collect()
        kept, _ = tracemalloc.get_traced_memory()
        tracking = sum(1 for _ in policy.check(post, ctx))
        gc.collect()
        kept = max(kept, tracemalloc.get_traced_memory()[0])
    finally:
        tracemalloc.stop()
    assert (found, tracking) == (12_000, 12_000)
    assert kept < 10 * len(post.links), f"{kept / len(post.links):.0f} bytes a link kept"


def test_a_post_lets_go_of_its_body_once_walked() -> None:
    """The body (and, with template syntax, the masked lines) a post was parsed from is a copy of
    its text: it is let go once the parse is walked, not held while the rules run (issue #19);
    read again, it is the same."""
    for text in ("---\ntitle: T\n---\n\nSome [tea](/tea/).\n", "---\ntitle: T\n---\n\nSome {{ page.tea }} [tea](/tea/).\n"):
        post = Post.from_text(text)
        body, masked = post.body, post.parse_lines
        assert post.index.links[0].url == "/tea/"
        assert "body" not in vars(post) and "parse_lines" not in vars(post)
        assert post.body == body and post.parse_lines == masked


def test_a_link_on_one_line_holds_one_line_number() -> None:
    """`line` and `end_line` of a one-line link are one int object (32 bytes a link saved)."""
    post = Post.from_text("Intro.\n\n" + "".join(f"[tea {n}](/tea/{n}/) and [more](/more/{n}/).\n\n" for n in range(400)))
    far = [link for link in post.links if link.line > 300]
    assert len(far) > 100 and all(link.end_line is link.line for link in far)


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from("ab \t\n."), max_size=40))
def test_white_space_collapses_as_before_without_a_piece_per_space(raw: str) -> None:
    """`_normalise_prose` leaves a lone space and a bare newline alone (`re.sub` keeps a piece
    per match: ~100 bytes a word of a 50 MB paragraph): the same text as collapsing every run."""
    old_spaces, old_around = re.compile(r"[ \t]+"), re.compile(r"[ \t]*\n[ \t]*")
    assert document._SPACES.sub(" ", raw) == old_spaces.sub(" ", raw)
    assert document._AROUND_BREAK.sub("\n", raw) == old_around.sub("\n", raw)


def test_a_huge_paragraph_s_children_are_never_all_alive() -> None:
    """One paragraph of 20,000 lines: its children are parsed a piece at a time as the walk
    reaches them (issue #19)."""
    text = "".join(f"Line {n} of one long paragraph, with a few more words.\n" for n in range(20_000))
    markdown_parser()
    preload()
    tracemalloc.start()
    try:
        post = Post.from_text(text)
        assert len(post.blocks) == 1 and post.blocks[0].end_line == 20_000 and len(post.blocks[0].breaks) == 19_999
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * len(text), f"{peak / len(text):.1f} × the text"  # all alive: 35 ×


def test_a_huge_list_quote_or_table_s_block_tokens_are_never_all_alive(monkeypatch: pytest.MonkeyPatch) -> None:
    """One list of 3,000 items (one top-level block: markdown-it's list rule makes its tokens
    all before it returns), one quote of 3,000 paragraphs, one table of 3,000 rows: the walk
    gets the finished part of the block while the block parser is still in it, so at most a
    few thousand tokens are alive at once (issue #19); and 3,000 paragraphs with footnotes
    (once parsed whole: the footnote tail moves the notes to the end). The views are those of
    one whole parse."""
    shapes = [
        "".join(f"- [tea {n}](/tea/{n}/)\n" + ("  - nested, then a lazy\nline\n" if n % 100 == 0 else "") for n in range(3_000)),
        "".join(f"> Quoted line {n}, with [a link](/q/{n}/).\n>\n" for n in range(3_000)),
        "| tea | minutes |\n|---|---|\n" + "".join(f"| leaf {n} | {n} |\n" for n in range(3_000)),
        "An intro.[^1]\n\n" + "".join(f"Paragraph {n}[^{n % 3 + 1}] with [a link](/p/{n}/).\n\n" for n in range(3_000))
        + "[^1]: The note, [linked](/n/).\n\n[^2]: Another.\n\n[^4]: Never used.\n",
    ]
    walk = document._Walker._walk
    for text in shapes:
        alive: list[int] = []
        calls: list[int] = []

        def counting(walker: Any, tokens: list[Token]) -> None:
            calls.append(len(tokens))
            if len(calls) < 12 or len(calls) % 100 == 0:  # the footnotes' 3,000 paragraphs come one at a time
                gc.collect()
                alive.append(sum(isinstance(o, Token) for o in gc.get_objects()))
            walk(walker, tokens)

        with monkeypatch.context() as patched:
            patched.setattr(document._Walker, "_walk", counting)
            streamed = _views(Post.from_text(text))
        with monkeypatch.context() as patched:  # the reference: one parse of the whole body
            patched.setattr(mdparser, "parse_blocks", lambda md, src, consume, **_: consume(md.parse(src)))
            whole = _views(Post.from_text(text))
        assert streamed == whole and len(streamed[5]) >= 3_000
        assert len(alive) > 4 and max(alive) < 3 * mdparser.PIECE_TOKENS, alive  # the whole list: 15,000


def _views(post: Post) -> tuple[list[Any], ...]:
    """A post's views from its walk (its public accessors: the same whatever holds them)."""
    return (list(post.headings), list(post.links), list(post.images), list(post.bare_urls), list(post.comments), list(post.blocks), sorted(post.index.code_lines))


def test_a_one_line_block_keeps_no_list_of_line_breaks() -> None:
    """Most blocks are one line (each item of a huge list, paragraph of a quote, cell of a
    table): their `breaks` is the one empty tuple, not an empty list each (56 bytes a block:
    87 MB of a 50 MB list); a block over lines keeps where its lines break."""
    post = Post.from_text("# Head\n\nOne line.\n\n- an item\n\n> a quote\n\n| a |\n|---|\n| b |\n\nTwo\nlines.\n")
    *one_line, two_lines = post.blocks
    assert len(one_line) == 6 and all(type(block.breaks) is tuple and not block.breaks for block in one_line)
    assert list(two_lines.breaks) == [(4, 14)] and two_lines.line_at(5) == 14


def test_the_cta_rules_keep_nothing_for_a_block_without_a_call_to_action() -> None:
    """CTA001/CTA002 remember the calls to action of each prose block that has some, and a byte a
    block for those scanned: a block without one holds no entry (an entry each was ~70 bytes a
    block of a huge list, quote or table)."""
    from postlint.rules.cta import CtaMissing, PostCtas

    post = Post.from_text("".join(f"- a plain item {n}\n" for n in range(50)) + "\nSubscribe to our newsletter today.\n")
    ctx = Context(from_mapping({}, root=Path.cwd()), dt.date(2024, 3, 1))
    ctas = PostCtas(CtaMissing().patterns(ctx))
    found = ctas.all(post)
    held = list(ctas._in_block.values())
    assert len(found) == 1 and found[0].line == 52
    assert len(held) == 1 and type(held[0]) is tuple and len(held[0]) == 1
    assert ctas._scanned == bytes([1]) * 51 and ctas.all(post) is found


def test_a_huge_list_s_views_take_a_few_dozen_bytes_an_item() -> None:
    """One list of 15,000 links (past `BlockList.KEEP`): each item's block is its kind and four
    numbers, made as a rule reads it, and its sentences are split again on each pass, never all
    kept; the rules that read every sentence (text stats, passive voice, existence kinds, CTA)
    stream over them. Linted with the default rules (the run's caches filled by a first lint),
    the post holds ~150 bytes an item afterwards (its line, its link's and block's rows) and the
    lint peaks ~410 bytes an item above the read post (the parse's own arrays); the old views held
    ~720 and peaked at ~790 (a `Block`, its text, line numbers and sentences, the readability
    pairs, a CTA entry each)."""
    items = 15_000
    text = '---\ntitle: "A list"\n---\n\nAn intro.\n\n' + "".join(f"- [leaf {n}](/tea/{n}/)\n" for n in range(items))
    linter = Linter(from_mapping({}, root=Path.cwd()))
    linter.lint_post(Post.from_text(text))  # fills the run's caches (URL checks, syllables)
    gc.collect()
    tracemalloc.start()
    try:
        post = Post.from_text(text)
        read, _ = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        findings = linter.lint_post(post)
        gc.collect()
        held, peak = tracemalloc.get_traced_memory()
        del post
        gc.collect()
        gone, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(findings) > 3
    assert (held - gone) / items < 250, f"{(held - gone) / items:.0f} bytes an item held"
    assert (peak - read) / items < 550, f"{(peak - read) / items:.0f} bytes an item at the peak"


def test_blocks_kept_as_columns_read_as_the_walk_made_them(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past `BlockList.KEEP` blocks, a post's one-line blocks typed as they read are rows, made
    into a `Block` (equal, not the same) on each read, the others kept whole: every view read
    through them is the one the list gives, and so are the default rules' findings."""
    text = long_post(40) + "\n" + "".join(f"- [leaf {n}](/tea/{n}/)\n" for n in range(50))
    linter = Linter(from_mapping({}, root=Path.cwd()))

    def views(post: Post) -> tuple[Any, ...]:
        stats = post.text_stats
        return (
            list(post.blocks), list(post.prose_blocks), list(post.paragraphs), list(post.sentences), len(post.sentences),
            post.word_count, [stats.variables[name] for name in Variables.NAMES], list(stats.blocks), list(stats.sentences),
            list(stats.sentence_lengths), [block.word_count for block in post.blocks],
        )

    expected, findings = views(Post.from_text(text)), linter.lint_post(Post.from_text(text))
    monkeypatch.setattr(BlockList, "KEEP", 10)
    post = Post.from_text(text)
    blocks = post.index.blocks
    assert not isinstance(post.blocks, list) and 0 < len(blocks._whole) < len(blocks) - 100  # paragraphs with links: whole
    assert post.blocks[-1] == post.blocks[-1] and post.blocks[-1] is not post.blocks[-1]
    assert views(post) == expected
    assert linter.lint_post(Post.from_text(text)) == findings
