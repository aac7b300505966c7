"""The one markdown-it-py parser every post goes through, and what makes it quicker.

markdown-it-py tries every rule, in order, at every place markup can start:
every inline rule at each character that can start markup (`[`, `*`, `_`,
`` ` ``, `<`, `:`, `-`, …), every block rule at the start of each block, and
the rules that may end a paragraph, list or block quote at each of its lines.
Each rule is a Python call whose first act is to return False unless the
character at hand is its own. Here the parser asks only the rules whose
trigger character is the one at hand, in the same order: the token stream is
the same (a test compares it with the stock parser's on every fixture and
corpus post, and on random markup), about a quarter sooner. Link destinations
are also scanned by one regex instead of a character at a time.

Dispatch is used only when the active rules are exactly ones listed in
`TRIGGERS`/`BLOCK_TRIGGERS`/`BLOCK_ANY`; any other set (a newer
markdown-it-py with a new rule) falls back to the stock tokenizer. Only
markdown-it-py's public names are used; the ones this needs (`ParserInline.
terminator_re` since 4.1, `StateInline.append_pending` since 4.3), hence the pin
to 4.3 ≤ version < 5, and CI compares the tokens with the stock parser's on the
lowest allowed version too (`.ci/run`). This module imports markdown-it-py:
import it only to parse.
"""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Callable, Iterator

from markdown_it import MarkdownIt, helpers
from markdown_it.common.utils import unescapeAll
from markdown_it.parser_inline import ParserInline
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.text import text as stock_text


class _Result:
    """What markdown-it-py's link rules read from `parseLinkDestination`'s answer."""

    __slots__ = ("ok", "pos", "str", "lines")

    def __init__(self) -> None:
        self.ok, self.pos, self.str, self.lines = False, 0, "", 0


#: The character each built-in inline rule of markdown-it-py starts on; `text` is the
#: rule for every character that is not a terminator.
TRIGGERS: dict[str, str] = {
    "newline": "\n",
    "escape": "\\",
    "backticks": "`",
    "strikethrough": "~",
    "emphasis": "_*",
    "link": "[",
    "image": "!",
    "autolink": "<",
    "html_inline": "<",
    "entity": "&",
    "footnote_inline": "^",  # mdit-py-plugins' footnotes: `^[an inline note]`
    "footnote_ref": "[",  # `[^1]`
}


def markdown_parser(tuned: bool = True) -> MarkdownIt:
    """CommonMark plus tables, strikethrough and footnotes, links kept exactly as written.

    No percent-encoding and no scheme filter, because the link rules judge what
    the author typed. Footnotes are parsed as Hugo, Jekyll (kramdown), Docusaurus
    and MkDocs render them (mdit-py-plugins' `footnote`): `[^1]` is no reference
    link, and a definition's body (also one starting on the next, indented line) is
    Markdown whose links are links. `tuned=False` gives the same parser with
    markdown-it-py's own tokenizers and helpers (the reference the tests compare with).
    """
    from mdit_py_plugins.footnote import footnote_plugin

    md = MarkdownIt("commonmark", {"maxNesting": 100}).enable(["table", "strikethrough"]).use(footnote_plugin)
    md.normalizeLink = lambda url: url  # type: ignore[method-assign]
    md.normalizeLinkText = lambda url: url  # type: ignore[method-assign]
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    if not tuned:
        return md
    _dispatch_inline(md)
    _dispatch_block(md)
    md.helpers = SimpleNamespace(  # type: ignore[assignment]
        parseLinkLabel=helpers.parseLinkLabel,
        parseLinkDestination=parse_link_destination,
        parseLinkTitle=helpers.parseLinkTitle,
    )
    return md


#: what ends or nests an unbracketed destination: space, controls, escapes, parentheses
_DESTINATION_STOP = re.compile(r"[\x00-\x20\x7f\\()]")


def parse_link_destination(string: str, pos: int, maximum: int) -> _Result:
    """`markdown_it.helpers.parseLinkDestination`, jumping over ordinary characters with one regex.

    markdown-it-py walks a destination a character at a time; most URLs hold no
    character that matters, so this is one `search` per URL. `<…>` destinations
    go to markdown-it-py's own function.
    """
    if pos < maximum and string[pos] == "<":
        return helpers.parseLinkDestination(string, pos, maximum)
    start = pos
    level = 0
    result = _Result()
    while pos < maximum:
        stop = _DESTINATION_STOP.search(string, pos, maximum)
        if stop is None:
            pos = maximum
            break
        pos = stop.start()
        char = string[pos]
        if char <= " " or char == "\x7f":
            break
        if char == "\\" and pos + 1 < maximum:
            if string[pos + 1] == " ":
                break
            pos += 2
            continue
        if char == "(":
            level += 1
            if level > 32:
                return result
        elif char == ")":
            if level == 0:
                break
            level -= 1
        pos += 1
    if start == pos or level != 0:
        return result
    result.str = unescapeAll(string[start:pos])
    result.pos = pos
    result.ok = True
    return result


#: The character (first of the line, after indentation) each built-in block rule starts on;
#: the rules in `BLOCK_ANY` may start on any character.
BLOCK_TRIGGERS: dict[str, str] = {
    "fence": "~`",
    "blockquote": ">",
    "hr": "*-_",
    "list": "*-+0123456789",
    "reference": "[",
    "html_block": "<",
    "heading": "#",
    "footnote_def": "[",  # `[^1]: …`
}
BLOCK_ANY = frozenset({"table", "code", "lheading", "paragraph"})

BlockRule = Callable[..., bool]

#: the `env` key of the function the top-level block dispatcher hands finished blocks to
FLUSH = "postlint.flush"
#: the core rules that may run on the tokens of one top-level block at a time: the inline parse
#: and `text_join` look at one inline token; `footnote_tail` does nothing without footnotes
PER_BLOCK_CORE = frozenset({"inline", "text_join", "footnote_tail"})
#: what may start a reference definition (`[label]: /url`), which links above it may use
_REFERENCE = re.compile(r"\]:")
#: footnote syntax (`[^1]`, `^[…]`): the footnote tail moves footnotes to the end and drops
#: unused ones, after the inline parse of every block
_FOOTNOTE = re.compile(r"\[\^|\^\[")


def parse_blocks(md: MarkdownIt, src: str, consume: Callable[[list[Token]], None]) -> None:
    """`consume(md.parse(src))`, but a top-level block at a time where that gives the same
    tokens: each block's tokens are inline-parsed and handed over as soon as the block
    parser moves past them, so a long post's tokens are never all alive at once (they take
    about ten times the memory of the text). A block of thousands of paragraphs or cells (one
    huge list, quote or table) is inline-parsed and handed over in pieces (`_pieces`).

    The same tokens, in the same order, need a tuned parser (`markdown_parser()`: its
    top-level dispatcher hands blocks over), core rules after `block` that each look at one
    block (`PER_BLOCK_CORE`) and no footnotes; otherwise the whole stream is parsed first, as
    markdown-it does. A link may use a reference defined further down: a body that may hold
    a definition is block-parsed once before, its tokens dropped as they come, for the
    definitions alone.
    """
    core = md.core.ruler
    names = core.get_active_rules()
    if (
        not _hands_over_blocks(md)
        or names[:2] != ["normalize", "block"]
        or not PER_BLOCK_CORE.issuperset(names[2:])
        or _FOOTNOTE.search(src)
    ):
        consume(md.parse(src))
        return
    normalize, _block, *after = core.getRules("")
    env: dict[str, object] = {}
    state = StateCore(src, md, env)
    normalize(state)
    if _REFERENCE.search(state.src):  # the definitions first (the first of a label wins, in both passes)
        env[FLUSH] = _drop
        md.block.parse(state.src, md, env, [])
        env.pop("duplicate_refs", None)

    def flush(tokens: list[Token]) -> None:
        pieces = _pieces(tokens[:])
        del tokens[:]
        for piece in pieces:
            chunk = StateCore(state.src, md, env, piece)
            for rule in after:
                rule(chunk)
            consume(chunk.tokens)

    env[FLUSH] = flush
    md.block.parse(state.src, md, env, state.tokens)
    del env[FLUSH]
    if state.tokens:
        flush(state.tokens)


def _drop(tokens: list[Token]) -> None:
    del tokens[:]


#: block tokens of one top-level block inline-parsed and handed over together, at most about
PIECE_TOKENS = 2_000


def _pieces(tokens: list[Token]) -> Iterator[list[Token]]:
    """`tokens` (one or more top-level blocks), in pieces of about `PIECE_TOKENS` that each end
    just after an inline token's closing token (a paragraph, heading or cell): a huge list,
    quote or table is inline-parsed and walked a piece at a time, so its inline tokens are
    never all alive (its block tokens are: markdown-it hands a list over whole). The per-block
    core rules look at one inline token at a time, so the tokens are the same. Each piece is
    let go of by `tokens` as it is handed over."""
    if len(tokens) <= PIECE_TOKENS:
        yield tokens
        return
    tokens.reverse()  # pieces are cut from the end: each cut is as long as the piece
    while tokens:
        cut = max(len(tokens) - max(PIECE_TOKENS, 2), 0)  # `cut + 1` is a token
        while cut > 0 and not (tokens[cut].nesting == -1 and tokens[cut + 1].type == "inline"):
            cut -= 1  # reversed: the closing token, with the inline token it closes just before it
        piece = tokens[cut:]
        del tokens[cut:]
        piece.reverse()
        yield piece


#: the chains of block rules markdown-it-py's own rules ask for (`ruler.getRules(name)`)
BLOCK_CHAINS = ("", "paragraph", "reference", "blockquote", "list")


def _dispatch_block(md: MarkdownIt) -> None:
    """Replace each chain of block rules (the top level, and the rules that may end a
    paragraph, list, blockquote or reference) by one function that calls, in the same order,
    only the rules that can start on the line's first character.

    Uses the ruler's public API: `get_active_rules()` names the functions `getRules("")`
    lists, and each chain is the list `getRules(chain)` hands out, changed in place (a
    ruler that is changed later compiles new lists, with the stock rules)."""
    ruler = md.block.ruler
    names = ruler.get_active_rules()
    if any(name not in BLOCK_TRIGGERS and name not in BLOCK_ANY for name in names):
        return
    name_of = dict(zip(ruler.getRules(""), names))
    for chain in BLOCK_CHAINS:
        rules = ruler.getRules(chain)
        if not rules or any(fn not in name_of for fn in rules):  # pragma: no cover - not the layout we know
            continue
        rules[:] = [_block_dispatcher([(name_of[fn], fn) for fn in rules], top=chain == "")]


def _hands_over_blocks(md: MarkdownIt) -> bool:
    """Whether `md`'s top-level block chain is our dispatcher, which hands finished blocks to
    `parse_blocks` (a parser built elsewhere, or changed after `markdown_parser()`, is not)."""
    rules = md.block.ruler.getRules("")
    return len(rules) == 1 and getattr(rules[0], "hands_over_blocks", False) is True


def _block_dispatcher(members: list[tuple[str, BlockRule]], top: bool = False) -> BlockRule:
    chars = {char for name, _ in members for char in BLOCK_TRIGGERS.get(name, "")}
    by_char = {
        char: tuple(fn for name, fn in members if name in BLOCK_ANY or char in BLOCK_TRIGGERS.get(name, ""))
        for char in chars
    }
    anywhere = tuple(fn for name, fn in members if name in BLOCK_ANY)

    def dispatch(state: StateBlock, line: int, end: int, silent: bool) -> bool:
        if top and state.level == 0 and state.tokens and not silent:
            flush = state.env.get(FLUSH)  # `parse_blocks`: the blocks before this line are complete
            if flush is not None:
                flush(state.tokens)
        pos = state.bMarks[line] + state.tShift[line]
        src = state.src
        for rule in by_char.get(src[pos], anywhere) if pos < len(src) else anywhere:
            if rule(state, line, end, silent):
                return True
        return False

    dispatch.hands_over_blocks = top  # type: ignore[attr-defined]
    return dispatch


def _dispatch_inline(md: MarkdownIt) -> None:
    """Make `md.inline` try only the rules for the character at hand (see the module doc)."""
    inline = md.inline
    names = inline.ruler.get_active_rules()
    terminator_re = inline.terminator_re
    if type(inline) is not ParserInline or not names or names[0] != "text" or terminator_re is None:
        return
    if any(name not in TRIGGERS for name in names[1:]) or not terminator_re.pattern.isascii():
        return
    by_char: dict[str, tuple[Callable[..., bool], ...]] = {
        char: () for char in map(chr, range(128)) if terminator_re.match(char)
    }
    rules = dict(zip(names, inline.ruler.getRules("")))
    for name in names[1:]:
        for char in TRIGGERS[name]:
            if char not in by_char:  # pragma: no cover - a rule for a non-terminator: keep the stock path
                return
            by_char[char] = (*by_char[char], rules[name])
    inline.__class__ = DispatchingInline
    inline.by_char = by_char  # type: ignore[attr-defined]
    inline.text_rule = rules["text"]  # type: ignore[attr-defined]
    triggers = "".join(sorted(char for char, found in by_char.items() if found))
    # with the stock `text` rule, everything up to the next character a rule starts on is text
    inline.plain_until = re.compile(f"[{re.escape(triggers)}]") if rules["text"] is stock_text and triggers else None  # type: ignore[attr-defined]


class DispatchingInline(ParserInline):
    """`ParserInline` whose tokenize and skipToken call only the rules for the current character.

    `by_char` maps every terminator character to its rules (possibly none);
    any other character starts plain text.
    """

    by_char: dict[str, tuple[Callable[..., bool], ...]]
    text_rule: Callable[..., bool]
    #: the characters some rule starts on; None when the `text` rule is not markdown-it-py's own
    plain_until: "re.Pattern[str] | None"

    def skipToken(self, state: StateInline) -> None:
        ok = False
        pos = state.pos
        cache = state.cache
        if pos in cache:
            state.pos = cache[pos]
            return
        if state.level < state.md.options["maxNesting"]:
            for rule in self.by_char.get(state.src[pos], (self.text_rule,)):
                state.level += 1
                ok = rule(state, True)
                state.level -= 1
                if ok:
                    if state.pos <= pos:
                        raise RuntimeError("inline rule didn't increment state.pos")
                    break
        else:
            state.pos = state.posMax
        if not ok:
            state.pos += 1
        cache[pos] = state.pos

    def tokenize(self, state: StateInline) -> None:
        """Like markdown-it-py's, but a run of characters no rule starts on (plain text, and
        terminators such as `:`, `-` or `]` that no enabled rule claims) is appended to the
        pending text in one step: the `text` rule would stop at each terminator, and the
        loop would then append it alone. The pending text, and so every token, is the same."""
        end = state.posMax
        max_nesting = state.md.options["maxNesting"]
        src = state.src
        by_char = self.by_char
        text_only = (self.text_rule,)
        plain_until = self.plain_until
        while state.pos < end:
            pos = state.pos
            ok = False
            if state.level < max_nesting:
                if plain_until is not None and not by_char.get(src[pos]):
                    found = plain_until.search(src, pos + 1, end)
                    stop = found.start() if found is not None else end
                    state.append_pending(src[pos:stop])
                    state.pos = stop
                    continue
                for rule in by_char.get(src[pos], text_only):
                    ok = rule(state, False)
                    if ok:
                        if state.pos <= pos:
                            raise RuntimeError("inline rule didn't increment state.pos")
                        break
            if ok:
                if state.pos >= end:
                    break
                continue
            state.append_pending(src[state.pos])
            state.pos += 1
        if state.pending:
            state.pushPending()
