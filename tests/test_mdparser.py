"""The tuned markdown-it-py parser yields exactly the stock parser's tokens, only sooner."""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import helpers
from markdown_it.token import Token

from postlint.parse import mdparser
from postlint.parse.document import Post, UnreadableFile
from postlint.parse import mdparser
from postlint.parse.mdparser import HOLD_BLOCKS_UP_TO, DispatchingInline, markdown_parser, parse_blocks, parse_link_destination

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
EXAMPLES = int(os.environ.get("POSTLINT_FUZZ_EXAMPLES", "150"))


STOCK = markdown_parser(tuned=False)  # the same options, markdown-it-py's own tokenizers and helpers
TUNED = markdown_parser()


def dump(tokens: list[Token]) -> list[Any]:
    return [
        (t.type, t.tag, t.nesting, t.map, t.content, t.markup, t.info, sorted((t.attrs or {}).items()), t.level, t.block, t.hidden, dump(t.children or []))
        for t in tokens
    ]


def bodies(folder: Path) -> list[tuple[str, str]]:
    out = []
    for path in sorted(folder.rglob("*.md")):
        try:
            out.append((str(path), Post.from_bytes(path, path.read_bytes()).body))
        except UnreadableFile:
            continue
    return out


def test_tuned_parser_is_in_use() -> None:
    assert type(TUNED.inline) is DispatchingInline
    assert TUNED.helpers.parseLinkDestination is parse_link_destination
    plain_until = TUNED.inline.plain_until  # type: ignore[attr-defined]
    assert {c for c in map(chr, range(128)) if plain_until.match(c)} == set("\n\\`~_*[!<&^")  # where some rule starts


def test_a_replaced_text_rule_is_called_as_usual() -> None:
    from postlint.parse.mdparser import _dispatch_inline

    md = markdown_parser(tuned=False)
    seen: list[int] = []
    md.inline.ruler.at("text", lambda state, silent: seen.append(state.pos) or False)
    _dispatch_inline(md)
    assert type(md.inline) is DispatchingInline and md.inline.plain_until is None  # type: ignore[attr-defined]
    md.parse("plain words")
    assert seen[:2] == [0, 1]  # asked at every character, as markdown-it-py asks it


def test_same_tokens_on_every_fixture_and_example() -> None:
    cases = bodies(ROOT / "tests") + bodies(ROOT / "examples")
    assert len(cases) > 100
    differ = [name for name, body in cases if dump(TUNED.parse(body)) != dump(STOCK.parse(body))]
    assert differ == []


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus (../shared/corpus) is not next to this clone")
def test_same_tokens_on_the_corpus() -> None:
    cases = bodies(CORPUS)[::5]
    differ = [name for name, body in cases if dump(TUNED.parse(body)) != dump(STOCK.parse(body))]
    assert differ == []


def streamed(body: str) -> list[list[Token]]:
    chunks: list[list[Token]] = []
    parse_blocks(TUNED, body, chunks.append)
    return chunks


def test_blocks_one_at_a_time_give_the_same_tokens() -> None:
    cases = bodies(ROOT / "tests") + bodies(ROOT / "examples")
    differ = [name for name, body in cases if dump([t for chunk in streamed(body) for t in chunk]) != dump(STOCK.parse(body))]
    assert differ == []


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus (../shared/corpus) is not next to this clone")
def test_blocks_one_at_a_time_give_the_same_tokens_on_the_corpus() -> None:
    cases = bodies(CORPUS)[1::5]
    differ = [name for name, body in cases if dump([t for chunk in streamed(body) for t in chunk]) != dump(STOCK.parse(body))]
    assert differ == []


def test_blocks_are_handed_over_one_at_a_time() -> None:
    body = "# Title\n\nOne [link](/a).\n\n- a\n- b\n\n  c\n\n> quote\n\n| a |\n|---|\n| b |\n"
    assert [[t.type for t in chunk if t.nesting >= 0] for chunk in streamed(body)] == [
        ["heading_open", "inline"],
        ["paragraph_open", "inline"],
        ["bullet_list_open", "list_item_open", "paragraph_open", "inline", "list_item_open", "paragraph_open", "inline", "paragraph_open", "inline"],
        ["blockquote_open", "paragraph_open", "inline"],
        ["table_open", "thead_open", "tr_open", "th_open", "inline", "tbody_open", "tr_open", "td_open", "inline"],
    ]
    assert [t.type for t in streamed(body)[1][1].children or []] == ["text", "link_open", "text", "link_close", "text"]


@pytest.mark.parametrize("body", ["Line one\r\nline two\r\n\r\n# Head\r\n", "Old\rMac\r\rends", "A \x00 NUL\n\n\x00 too\n", "[a]: /x\r\n\r\n[a]\r\n"])
def test_carriage_returns_and_nul_characters_are_normalized_as_markdown_it_does(body: str) -> None:
    assert dump([t for chunk in streamed(body) for t in chunk]) == dump(STOCK.parse(body))
    assert "\r" not in repr([t.content for chunk in streamed(body) for t in chunk])


@pytest.mark.parametrize("hold_up_to", [1 << 20, 10])  # the blocks wait for the definitions; a second block parse
@pytest.mark.parametrize(
    "body",
    [
        "A note.[^1]\n\nText.\n\n[^1]: The note, [linked](/n).\n\n[^2]: Never used.\n\nMore.[^1]\n",
        "Inline^[a *note*].\n\nText.\n",
        "Two[^b] notes[^a].\n\n[^a]: First defined, [^b] in it.\n\n- a list\n\n  [^b]: in a list,\n  two lines.\n\nEnd^[inline].\n",
    ],
)
def test_footnotes_go_a_block_at_a_time_and_their_definitions_at_the_end(body: str, hold_up_to: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Footnotes move to the end and unused ones are dropped (mdit-py-plugins' footnote tail):
    the blocks go one at a time, the definitions are kept back and handed over last, in the
    footnote block the tail builds, numbered as in one parse (issue #19)."""
    monkeypatch.setattr(mdparser, "HOLD_BLOCKS_UP_TO", hold_up_to)
    chunks = streamed(body)
    assert len(chunks) > 2 and chunks[-1][0].type == "footnote_block_open"
    assert not any(t.type == "footnote_block_open" for chunk in chunks[:-1] for t in chunk)
    assert dump([t for chunk in chunks for t in chunk]) == dump(STOCK.parse(body))


def test_a_body_with_footnotes_and_a_changed_tail_is_parsed_whole() -> None:
    md = markdown_parser()
    md.core.ruler.at("footnote_tail", lambda state: None)  # not mdit-py-plugins' own: its steps are unknown
    assert len(streamed_with(md, "A note.[^1]\n\nText.\n\n[^1]: The note.\n")) == 1
    assert len(streamed_with(md, "A note.\n\nText.\n")) == 2  # without footnotes, a block at a time


@pytest.mark.parametrize("hold_up_to", [1 << 20, 10])  # the blocks wait for the definitions; a second block parse
def test_a_link_may_use_a_reference_defined_further_down(hold_up_to: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mdparser, "HOLD_BLOCKS_UP_TO", hold_up_to)
    body = "See [the guide][g] and [this][x].\n\n- [g]: /first\n\nText.\n\n[g]: /second\n[x]: /x 'Title'\n\n[not]: a definition, in a paragraph\n"
    chunks = streamed(body)
    assert len(chunks) == 4  # the paragraphs and the list; definitions give no tokens
    assert dump([t for chunk in chunks for t in chunk]) == dump(STOCK.parse(body))
    assert [t.attrs.get("href") for t in chunks[0][1].children or [] if t.type == "link_open"] == ["/first", "/x"]  # the first definition of a label


@pytest.mark.parametrize("hold_up_to", [1 << 20, 10])
def test_a_body_with_a_definition_is_block_parsed_once_up_to_a_size(hold_up_to: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mdparser, "HOLD_BLOCKS_UP_TO", hold_up_to)
    md = markdown_parser()
    stock_parse = md.block.parse
    calls: list[int] = []
    monkeypatch.setattr(md.block, "parse", lambda *args: calls.append(1) or stock_parse(*args))
    body = "See [a].\n\n" * 3 + "[a]: /x\n"
    chunks: list[list[Token]] = []
    parse_blocks(md, body, chunks.append)
    assert len(calls) == (1 if hold_up_to > len(body) else 2)
    assert len(chunks) == 3 and dump([t for chunk in chunks for t in chunk]) == dump(STOCK.parse(body))


PIECES = [*"ab c\n\t*_`~![]()<>&#;\\-+=:|.1\"'/\x00\x7f\r", "\r\n", "http://x.y", "<a href='u'>", "</a>", "&amp;", "\\(", "](", "    ", "- ", "1. ", "> ", "```", "# "]
MARKUP = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.lists(MARKUP, max_size=8).map("".join))
def test_same_tokens_on_random_markup(text: str) -> None:
    assert dump(TUNED.parse(text)) == dump(STOCK.parse(text))
    assert dump([t for chunk in streamed(text) for t in chunk]) == dump(STOCK.parse(text))


@settings(max_examples=EXAMPLES, deadline=None)
@given(MARKUP, st.integers(0, 5), st.integers(0, 130))
def test_link_destination_matches_markdown_it(text: str, pos: int, maximum: int) -> None:
    maximum = min(maximum, len(text))
    ours, theirs = parse_link_destination(text, pos, maximum), helpers.parseLinkDestination(text, pos, maximum)
    assert (ours.ok, ours.pos, ours.str) == (theirs.ok, theirs.pos, theirs.str)


@pytest.mark.parametrize(
    "text",
    ["http://a.b/c(d)e f", "u\\ v", "u\\)x)", "((((x))))", "a" + "(" * 40, "x\x01y", "x\x7fy", "<http://a b>", "&amp;x", "\\", "a\\"],
)
def test_link_destination_edge_cases(text: str) -> None:
    ours, theirs = parse_link_destination(text, 0, len(text)), helpers.parseLinkDestination(text, 0, len(text))
    assert (ours.ok, ours.pos, ours.str) == (theirs.ok, theirs.pos, theirs.str)


#: for each character the inline fast path looks for, a text in which it makes markup (the
#: inline parse of that text is not one text token), with no other such character but the `[`
#: that `!` and `^` need (`ALSO_NEEDS`)
WHERE_IT_MATTERS = {
    "\n": "a\nb",
    "\\": "a\\.b",
    "`": "a `b` c",
    "~": "~~a~~",
    "_": "_a_",
    "*": "*a*",
    "[": "[a](b)",
    "!": "![a](b)",
    "<": "a <b> c",
    "&": "&amp;",
    "^": "^[a]",
}
#: `!` and `^` start markup only before a `[` (images, inline footnotes)
ALSO_NEEDS = {"!": "[", "^": "["}
PLAIN = st.text(st.characters(codec="utf-8", exclude_characters="\n\\`~_*[!<&^\r\x00"), max_size=80)
ANY = st.lists(st.sampled_from([*"ab c.:;-()]#|\t", *WHERE_IT_MATTERS, *WHERE_IT_MATTERS.values()]), max_size=30).map("".join)


def inline_dump(md: Any, text: str) -> list[Any]:
    return dump(md.inline.parse(text, md, {}, []))


def fast_path_characters(md: Any) -> set[str]:
    return set(md.inline.markup_chars)


def test_the_inline_fast_path_looks_for_the_characters_a_rule_starts_on() -> None:
    plain_until = TUNED.inline.plain_until  # type: ignore[attr-defined]
    assert fast_path_characters(TUNED) == set(WHERE_IT_MATTERS) == {c for c in map(chr, range(128)) if plain_until.match(c)}
    assert set(TUNED.inline.delimiter_chars) == set("*_~")  # type: ignore[attr-defined]


def test_a_text_no_rule_starts_in_is_not_tokenized(monkeypatch: pytest.MonkeyPatch) -> None:
    md = markdown_parser()
    monkeypatch.setattr(md.inline, "tokenize", lambda state: pytest.fail("tokenized"))
    tokens = md.inline.parse("Plain words: a list (of things) - #1.", md, {}, [])
    assert [(t.type, t.content, t.level) for t in tokens] == [("text", "Plain words: a list (of things) - #1.", 0)]
    assert md.inline.parse("", md, {}, []) == []


@pytest.mark.parametrize("char", sorted(WHERE_IT_MATTERS))
def test_a_fast_path_missing_a_character_gives_other_tokens(char: str) -> None:
    """Each character of the set is needed: without it, the text where it matters comes out
    as one text token, unlike the stock parse (which the equality tests would catch)."""
    text = WHERE_IT_MATTERS[char]
    assert dump(TUNED.parse(text)) == dump(STOCK.parse(text))
    md = markdown_parser()
    kept = fast_path_characters(md) - {char, *ALSO_NEEDS.get(char, "")}
    md.inline.markup_chars = "".join(kept)  # type: ignore[attr-defined]
    assert dump(md.parse(text)) != dump(STOCK.parse(text))
    assert [t.type for t in md.parse(text)[1].children or []] == ["text"]


@settings(max_examples=EXAMPLES, deadline=None)
@given(PLAIN)
def test_same_tokens_on_plain_text(text: str) -> None:
    assert inline_dump(TUNED, text) == inline_dump(STOCK, text)
    assert dump(TUNED.parse(text)) == dump(STOCK.parse(text))


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.lists(st.one_of(PLAIN, ANY), max_size=6).map("".join))
def test_same_tokens_on_text_with_and_without_markup(text: str) -> None:
    assert inline_dump(TUNED, text) == inline_dump(STOCK, text)
    assert dump(TUNED.parse(text)) == dump(STOCK.parse(text))
    assert dump([t for chunk in streamed(text) for t in chunk]) == dump(STOCK.parse(text))


def test_a_post_processing_rule_of_a_plugin_turns_the_fast_path_off() -> None:
    from postlint.parse.mdparser import _dispatch_inline

    md = markdown_parser(tuned=False)
    md.inline.ruler2.push("mark_all", lambda state: state.tokens.append(Token("mark", "", 0)))
    _dispatch_inline(md)
    assert md.inline.markup_chars is None  # type: ignore[attr-defined]
    assert [t.type for t in md.parse("plain")[1].children or []] == ["text", "mark"]


def test_a_ruler_changed_after_the_set_up_turns_the_fast_path_off() -> None:
    md = markdown_parser()
    md.inline.ruler2.push("mark_all", lambda state: state.tokens.append(Token("mark", "", 0)))
    assert [t.type for t in md.parse("plain")[1].children or []] == ["text", "mark"]


@pytest.mark.parametrize("char", "*_~")
def test_post_processing_skipped_without_a_delimiter_character_gives_other_tokens(char: str) -> None:
    """The post-processing rules are needed wherever a character that leaves delimiters is."""
    text = WHERE_IT_MATTERS[char]
    md = markdown_parser()
    md.inline.delimiter_chars = md.inline.delimiter_chars.replace(char, "")  # type: ignore[attr-defined]
    assert dump(md.parse(text)) != dump(STOCK.parse(text))
    assert dump(TUNED.parse(text)) == dump(STOCK.parse(text))


def test_a_core_rule_added_after_a_parse_means_one_parse_of_the_whole_body() -> None:
    md = markdown_parser()
    body = "# One\n\nTwo.\n"
    assert len(streamed_with(md, body)) == 2
    assert md.core_plan is not None and md.core_plan[0] is md.core.ruler.getRules("")  # worked out once, held by the parser
    md.core.ruler.push("count", lambda state: state.tokens.append(Token("count", "", 0, content=str(len(state.tokens)))))
    chunks = streamed_with(md, body)
    assert len(chunks) == 1 and chunks[0][-1].content == "6"


def streamed_with(md: Any, body: str) -> list[list[Token]]:
    chunks: list[list[Token]] = []
    parse_blocks(md, body, chunks.append)
    return chunks
def test_a_huge_list_quote_or_table_is_inline_parsed_a_piece_at_a_time() -> None:
    """One top-level block of thousands of paragraphs or cells is handed over in pieces of
    about `PIECE_TOKENS` block tokens, each cut after a paragraph, heading or cell: its inline
    tokens are never all alive (issue #19), and the tokens are the same."""
    items = "".join(f"- [tea {n}](/tea/{n}/) and *more*\n" + ("  # A heading in an item\n" if n % 7 == 0 else "") for n in range(1_500))
    quote = "".join(f"> Quoted line {n} with `code`.\n>\n" for n in range(1_500))
    table = "| tea | minutes |\n|---|---|\n" + "".join(f"| **leaf {n}** | {n} |\n" for n in range(1_000))
    for body in (items, quote, table):
        chunks = streamed(body)
        assert len(chunks) > 2 and max(map(len, chunks)) < 2 * mdparser.PIECE_TOKENS
        assert all(chunk[-1].nesting == -1 and chunk[-2].type == "inline" for chunk in chunks[:-1])
        assert dump([t for chunk in chunks for t in chunk]) == dump(STOCK.parse(body))


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.lists(MARKUP, max_size=8).map("".join), st.integers(1, 12))
def test_pieces_of_any_size_give_the_same_tokens(text: str, size: int) -> None:
    kept = mdparser.PIECE_TOKENS
    mdparser.PIECE_TOKENS = size
    try:
        assert dump([t for chunk in streamed(text) for t in chunk]) == dump(STOCK.parse(text))
    finally:
        mdparser.PIECE_TOKENS = kept


def lazily_streamed(body: str) -> list[Token]:
    """`parse_blocks(lazy_children=True)`'s tokens, each huge inline token's children walked."""
    out: list[Token] = []

    def take(chunk: list[Token]) -> None:
        for token in chunk:
            if token.type == "inline" and token.children is None:
                token.children = list(mdparser.children_of(token))
            out.append(token)

    parse_blocks(TUNED, body, take, lazy_children=True)
    return out


LINES = st.lists(st.lists(st.sampled_from([*PIECES, "word ", "  ", "\n", "\n", "\n  ", "\\\n", "  \n", "[a]", "](/u)", "<b\n>", "`x`", "**y**"]), max_size=12).map("".join), max_size=30).map("\n".join)


@settings(max_examples=EXAMPLES * 2, deadline=None)
@given(LINES, st.integers(0, 40))
def test_a_huge_paragraph_in_pieces_gives_the_stock_children(text: str, size: int) -> None:
    """An inline text longer than `INLINE_PIECE_CHARS` is parsed in pieces cut at line ends
    where no construct runs on (issue #19): the children are the stock parse's, whatever the
    markup (tiny pieces, so that most lines end a piece)."""
    kept = mdparser.INLINE_PIECE_CHARS
    mdparser.INLINE_PIECE_CHARS = size
    try:
        assert dump(lazily_streamed(text)) == dump(STOCK.parse(text))
    finally:
        mdparser.INLINE_PIECE_CHARS = kept


def test_a_huge_paragraph_s_children_are_parsed_a_piece_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pieces are cut at line ends, are parsed as the walk reaches them, and an open piece
    (a code span, emphasis or link over the cut) is parsed again with the rest, once."""
    monkeypatch.setattr(mdparser, "INLINE_PIECE_CHARS", 100)
    lines = [f"Line {n} of the paragraph, [a link](/tea/{n}/) and *more*." for n in range(40)]
    lines[20] = "An `open code span, on a line longer than a piece: the piece it ends is open" + " and long" * 4
    lines[21] = "closed` here, and **strong"
    lines[22] = "text** then."
    body = "\n".join(lines) + "\n"
    parsed: list[str] = []
    parse = TUNED.inline.parse
    monkeypatch.setattr(TUNED.inline, "parse", lambda src, *args: parsed.append(src) or parse(src, *args))
    chunks: list[list[Token]] = []
    parse_blocks(TUNED, body, chunks.append, lazy_children=True)
    inline = chunks[0][1]
    assert inline.children is None and parsed == []
    pieces = list(inline.meta[mdparser.CHILD_PIECES])
    assert [src.count("\n") for src in parsed[:3]] == [2, 2, 2] and all(src.endswith("\n") for src in parsed[:-1])
    assert sum(map(len, parsed)) < len(body) + len(body) // 2  # the open piece's lines twice, no more
    assert dump([child for piece in pieces for child in piece]) == dump(STOCK.parse(body)[1].children or [])
    assert any(child.type == "code_inline" for child in pieces[-1])  # the open piece went with the rest


def test_a_huge_paragraph_without_lazy_children_is_parsed_whole() -> None:
    body = "A line of text.\n" * 20_000
    inline = streamed(body)[0][1]
    assert inline.children is not None and len(inline.children) == 2 * 20_000 - 1
    assert dump(lazily_streamed(body)) == dump(STOCK.parse(body))


@pytest.mark.parametrize(
    "text",
    [
        '[a]: /x\n\nz\n[a](/u\n"t") end\nmore\n',
        'z\n![a](/u\n"t") end\nmore\n\n[a]: /x\n',
        'z\n[a](</u>\n"t")\n\n[a]: /x\n',
    ],
)
def test_a_piece_ending_in_a_reference_link_and_a_parenthesis_is_open(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """`[a](/u` with its title on the next line: cut there, the piece makes `[a]` a reference
    link and `(/u` text; the whole parse makes one inline link. Such a piece is not cut."""
    monkeypatch.setattr(mdparser, "INLINE_PIECE_CHARS", 0)
    assert dump(lazily_streamed(text)) == dump(STOCK.parse(text))


def lines_of(pieces: list[str], max_lines: int) -> st.SearchStrategy[str]:
    """Texts of up to `max_lines` lines, each made of up to five of `pieces`."""
    return st.lists(st.lists(st.sampled_from(pieces), max_size=5).map("".join), max_size=max_lines).map("\n".join)


@contextmanager
def parts_of(size: int, hold_up_to: int = HOLD_BLOCKS_UP_TO) -> Iterator[None]:
    """`PIECE_TOKENS` and `HOLD_BLOCKS_UP_TO` set for a hypothesis example (no fixture there)."""
    kept = mdparser.PIECE_TOKENS, mdparser.HOLD_BLOCKS_UP_TO
    mdparser.PIECE_TOKENS, mdparser.HOLD_BLOCKS_UP_TO = size, hold_up_to
    try:
        yield
    finally:
        mdparser.PIECE_TOKENS, mdparser.HOLD_BLOCKS_UP_TO = kept


def openly_streamed(body: str, md: Any = TUNED) -> list[list[Token]]:
    chunks: list[list[Token]] = []
    parse_blocks(md, body, chunks.append, open_blocks=True)
    return chunks


def unhidden(rows: list[Any]) -> list[Any]:
    """`dump`'s rows without `hidden` (what markdown-it sets on a tight list's paragraphs when the list ends)."""
    return [(*row[:10], *row[11:]) for row in rows]


def same_but_hidden(ours: list[Token], stock: list[Token]) -> bool:
    """The tokens are the stock parse's, but for paragraphs of a tight list left not `hidden`."""
    differ = {(t.type, s.hidden) for t, s in zip(ours, stock) if t.hidden != s.hidden}
    return unhidden(dump(ours)) == unhidden(dump(stock)) and differ <= {("paragraph_open", True), ("paragraph_close", True)}


#: lines of lists (bullets, numbers, nested, lazy continuation, loose and tight), quotes, tables,
#: code, references and headings, so that `open_blocks` hands over parts at every kind of place
BLOCK_LINES = lines_of(
    ["- ", "* ", "+ ", "1. ", "2) ", "  ", "   ", "    ", "> ", ">", "\t", "- [ ] ", "| a | b |", "|---|---|", "a | b",
     "text", "*em", "[a]", "[a]: /x", "[b]: /y 'T'", "```", "# H", "---", "===", "<div>", "1", "x",
     "| a | b |\n|---|---|", "| a |\n| --- |\n| b |\n| c |", "[^a]", "[^b]: ", "[^a]: ", "^[n]"],
    25,
)


@settings(max_examples=EXAMPLES * 2, deadline=None)
@given(BLOCK_LINES, st.integers(1, 8), st.sampled_from([1 << 20, 8]))
def test_open_blocks_hand_over_the_stock_tokens_but_a_tight_list_s_hidden(text: str, size: int, hold_up_to: int) -> None:
    """With `open_blocks`, the finished part of a list, quote or table is handed over before it
    ends (issue #19): the same tokens, in the same order, but that the paragraphs of a tight list
    handed over before it ended are not `hidden` (tiny parts, so that most lines end one; with
    references, their blocks held or block-parsed twice)."""
    with parts_of(size, hold_up_to):
        ours = [t for chunk in openly_streamed(text) for t in chunk]
    assert same_but_hidden(ours, STOCK.parse(text))


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.lists(MARKUP, max_size=8).map("".join), st.integers(1, 12))
def test_open_blocks_on_random_markup(text: str, size: int) -> None:
    with parts_of(size):
        assert same_but_hidden([t for chunk in openly_streamed(text) for t in chunk], STOCK.parse(text))


def test_open_blocks_hand_a_huge_list_quote_or_table_over_before_it_ends() -> None:
    """One huge block is handed over in parts of about `PIECE_TOKENS` tokens while the block
    parser is still in it (`test_bigpost` counts the tokens alive): the first part opens the
    block, the last closes it, no token is a stand-in (`HANDED_OVER`)."""
    items = "".join(f"- [tea {n}](/tea/{n}/)\n" + ("  - a nested item\n\n  and a lazy\nline\n" if n % 50 == 0 else "") for n in range(3_000))
    quote = "".join(f"> Quoted line {n}.\n>\n" + ("> - a list\n>   in the quote\n" if n % 50 == 0 else "") for n in range(3_000))
    table = "| tea | minutes |\n|---|---|\n" + "".join(f"| leaf {n} | {n} |\n" for n in range(3_000))
    for body, opening in ((items, "bullet_list_open"), (quote, "blockquote_open"), (table, "table_open")):
        chunks = openly_streamed(body)
        assert len(chunks) > 3 and max(map(len, chunks)) < 2 * mdparser.PIECE_TOKENS + 20
        assert chunks[0][0].type == opening and chunks[-1][-1].type == opening.replace("open", "close")
        assert same_but_hidden([t for chunk in chunks for t in chunk], STOCK.parse(body))
        assert not any(t is mdparser.HANDED_OVER for chunk in chunks for t in chunk)


def test_a_tight_list_s_paragraphs_are_not_hidden_when_handed_over_before_it_ends(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mdparser, "PIECE_TOKENS", 4)
    body = "- one\n- two\n- three\n"
    ours = [t for chunk in openly_streamed(body) for t in chunk]
    assert [t.hidden for t in ours if t.type == "paragraph_open"] == [False, False, True]  # the last came after the list ended
    assert [t.hidden for t in STOCK.parse(body) if t.type == "paragraph_open"] == [True, True, True]
    assert same_but_hidden(ours, STOCK.parse(body))


def test_open_blocks_wait_for_the_end_of_a_list_when_tasklists_are_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """markdown-it-py's `tasklists` option reads a list's items when the list ends: with it on,
    a list's tokens are handed over when it is complete, with their classes and `hidden`."""
    monkeypatch.setattr(mdparser, "PIECE_TOKENS", 2)
    md, stock = markdown_parser(), markdown_parser(tuned=False)
    md.options["tasklists"] = stock.options["tasklists"] = True
    body = "- [ ] one\n- [x] two\n- three\n\nText.\n"
    ours = [t for chunk in openly_streamed(body, md) for t in chunk]
    assert dump(ours) == dump(stock.parse(body))
    assert ours[0].attrs == {"class": "contains-task-list"} and ours[1].attrs == {"class": "task-list-item"}


#: lines with footnotes: references, definitions (nested, repeated, unused, in lists and quotes),
#: inline notes, link references
NOTE_LINES = lines_of(
    ["[^a]", "[^b]", "[^a]: ", "[^b]: ", "[^c]: ", "^[", "^[an *inline* note]", "]", "note ", "[x]", "[x]: /u",
     "- ", "> ", "    ", "  ", "1. ", "*", "`", "text", "[l](/u)", "\t"],
    20,
)


@settings(max_examples=EXAMPLES * 2, deadline=None)
@given(NOTE_LINES, st.integers(1, 6), st.sampled_from([1 << 20, 8]))
def test_footnotes_a_block_at_a_time_give_the_stock_tokens(text: str, size: int, hold_up_to: int) -> None:
    """Footnote references, definitions and inline notes, in pieces of any size, with the blocks
    held for the definitions or block-parsed twice: the stock tokens, footnote block included."""
    with parts_of(size, hold_up_to):
        ours = [t for chunk in streamed(text) for t in chunk]
        opened = [t for chunk in openly_streamed(text) for t in chunk]
    assert dump(ours) == dump(STOCK.parse(text))
    assert same_but_hidden(opened, STOCK.parse(text))


@pytest.mark.parametrize("hold_up_to", [1 << 20, 10])
def test_footnotes_are_numbered_in_order_without_lazy_children(hold_up_to: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The inline parse numbers footnotes as it meets them: a huge paragraph's children, parsed
    when the walk reaches them, would come after the rest of its block's. In a body with
    footnote syntax every inline token is parsed with its block (`lazy_children` is off)."""
    monkeypatch.setattr(mdparser, "INLINE_PIECE_CHARS", 0)
    monkeypatch.setattr(mdparser, "HOLD_BLOCKS_UP_TO", hold_up_to)
    text = "- first [^b] of\n  two lines\n- then [^a]\n\n[^a]: A.\n\n[^b]: B.\n"
    ours = lazily_streamed(text)
    assert dump(ours) == dump(STOCK.parse(text))
    assert [t.meta["label"] for t in ours if t.type == "footnote_open"] == ["b", "a"]


# --- MkDocs' indented blocks (`containers.py`) ------------------------------------------------

CONTAINERS = ("!!!", "???", "===")
TUNED_C, STOCK_C = markdown_parser(containers=CONTAINERS), markdown_parser(tuned=False, containers=CONTAINERS)


def test_an_admonition_details_or_tab_body_is_markdown_to_the_first_less_indented_line() -> None:
    body = (
        '!!! note "Read first"\n    A [link](/a).\n\n    ![](b.png)\n\n'  # blank lines do not end a body
        "??? tip\n    - item\n\n    text\n\n        code in the body\n"
        '=== "Tab"\n\n    text\nafter\n'
        "!!!\n    no type: text\n"
    )
    tokens = TUNED_C.parse(body)
    assert [(t.type, t.map) for t in tokens if t.type.startswith("container") or t.level == 0 and t.nesting == 1] == [
        ("container_open", [0, 5]), ("container_close", None),
        ("container_open", [5, 11]), ("container_close", None),
        ("container_open", [11, 14]), ("container_close", None),
        ("paragraph_open", [14, 17]),
    ]
    assert [t.type for t in tokens[1:8]] == ["paragraph_open", "inline", "paragraph_close", "paragraph_open", "inline", "paragraph_close", "container_close"]
    assert [t.type for t in tokens[9:19]] == [
        "bullet_list_open", "list_item_open", "paragraph_open", "inline", "paragraph_close", "list_item_close", "bullet_list_close",
        "paragraph_open", "inline", "paragraph_close",
    ]
    assert [(t.type, t.content) for t in tokens[19:21]] == [("code_block", "code in the body\n"), ("container_close", "")]
    assert tokens[-2].content == "after\n!!!\n    no type: text"  # `!!!` without a type is no admonition
    assert dump(tokens) == dump(STOCK_C.parse(body))
    assert not any(t.type.startswith("container") for t in TUNED.parse(body))  # only where the site turns them on


CONTAINER_LINES = lines_of(
    ["!!! note", '!!! tip "T"', "!!!", "??? x", "???+ y", '=== "A"', '===+ "B"', "    ", "  ", "- ", "> ", "text",
     "[a]", "[a]: /x", "```", "# H", "| a |\n|---|", "[^a]", "[^a]: "],
    25,
)


@settings(max_examples=EXAMPLES * 2, deadline=None)
@given(CONTAINER_LINES, st.integers(1, 8), st.sampled_from([1 << 20, 8]))
def test_containers_hand_over_the_stock_tokens(text: str, size: int, hold_up_to: int) -> None:
    """A container is a block like a quote: handed over a part at a time, the tokens are the
    stock parser's (with the same rule), in the same order."""
    assert dump(TUNED_C.parse(text)) == dump(STOCK_C.parse(text))
    with parts_of(size, hold_up_to):
        ours = [t for chunk in openly_streamed(text, TUNED_C) for t in chunk]
    assert same_but_hidden(ours, STOCK_C.parse(text))
