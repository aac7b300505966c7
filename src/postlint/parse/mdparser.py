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

Less work where the answer is known without it: an inline text in which no
enabled rule can start (most headings, many paragraphs) is the one text token
the inline parser would make of it; the rules that pair `*`, `_` and `~`
delimiters do not run on a text without one; `parse_blocks` runs the inline
parse and the text join as one pass per block, looks for marks with `in`
rather than a regex scan, skips the newline normalisation of a body without
carriage returns or NUL characters, and block-parses a body with reference
definitions once. On the benchmark site's posts the parse takes about 0.6 of
the stock parser's instructions, on the real corpus about 0.6.

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
from markdown_it.rules_core import StateCore, text_join
from markdown_it.rules_core import inline as stock_inline
from markdown_it.rules_core import normalize as stock_normalize
from markdown_it.token import Token
from markdown_it.rules_inline import StateInline, emphasis, fragments_join, link_pairs, strikethrough
from markdown_it.rules_inline.text import text as stock_text
from markdown_it.utils import EnvType
from mdit_py_plugins.footnote.index import footnote_tail as plugin_footnote_tail


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


def markdown_parser(tuned: bool = True, containers: tuple[str, ...] = ()) -> MarkdownIt:
    """CommonMark plus tables, strikethrough and footnotes, links kept exactly as written.

    No percent-encoding and no scheme filter, because the link rules judge what
    the author typed. Footnotes are parsed as Hugo, Jekyll (kramdown), Docusaurus
    and MkDocs render them (mdit-py-plugins' `footnote`): `[^1]` is no reference
    link, and a definition's body (also one starting on the next, indented line) is
    Markdown whose links are links. `containers` are the markers of the indented blocks whose
    bodies are Markdown (`containers.py`: MkDocs' `!!!`, `???`, `===`). `tuned=False` gives the
    same parser with markdown-it-py's own tokenizers and helpers (the reference the tests
    compare with).
    """
    from mdit_py_plugins.footnote import footnote_plugin

    from .containers import container_plugin

    md = PostlintMarkdown("commonmark", {"maxNesting": 100}).enable(["table", "strikethrough"]).use(footnote_plugin)
    if containers:
        md.use(container_plugin, containers)
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
    "indented_container": "!?=",  # `containers.py`: `!!! note`, `??? note`, `=== "Tab"` (MkDocs)
}
BLOCK_ANY = frozenset({"table", "code", "lheading", "paragraph"})

BlockRule = Callable[..., bool]
CoreRule = Callable[[StateCore], None]
#: `normalize`, the core rules after `block` but `footnote_tail`, and `footnote_tail` when a
#: body with footnotes may be parsed a block at a time too (`_core_plan`)
CorePlan = tuple[CoreRule, list[CoreRule], CoreRule | None]


class PostlintMarkdown(MarkdownIt):
    """markdown-it-py's parser, holding what `parse_blocks` worked out about its core rules."""

    #: `_core_plan`'s answer and the rule list it was made from (a changed ruler makes a new list)
    core_plan: tuple[list[CoreRule], CorePlan | None] | None = None


#: the `env` key of the `_Outlet` the block dispatchers hand finished tokens to (`parse_blocks`)
FLUSH = "postlint.flush"
#: the core rules that may run on the tokens of one top-level block at a time: the inline parse
#: and `text_join` look at one inline token; `footnote_tail` does nothing without footnotes
PER_BLOCK_CORE = frozenset({"inline", "text_join", "footnote_tail"})
#: what may start a reference definition (`[label]: /url`), which links above it may use
#: (these marks are looked for with `in`, several times sooner than a regex scan)
_REFERENCE = "]:"
#: the longest body (in characters) whose block tokens may all be alive at once, waiting for the
#: reference definitions further down (about ten times the text); a longer one is block-parsed twice
HOLD_BLOCKS_UP_TO = 64 * 1024
#: footnote syntax (`[^1]`, `^[…]`): the footnote tail moves footnotes to the end and drops
#: unused ones, after the inline parse of every block
_FOOTNOTE = ("[^", "^[")


def parse_blocks(
    md: MarkdownIt, src: str, consume: Callable[[list[Token]], None], lazy_children: bool = False, open_blocks: bool = False
) -> None:
    """`consume(md.parse(src))`, but a top-level block at a time where that gives the same
    tokens: each block's tokens are inline-parsed and handed over as soon as the block
    parser moves past them, so a long post's tokens are never all alive at once (they take
    about ten times the memory of the text). A block of thousands of paragraphs or cells (one
    huge list, quote or table) is inline-parsed and handed over in pieces (`_pieces`).

    The same tokens, in the same order, need a tuned parser (`markdown_parser()`: its
    top-level dispatcher hands blocks over) and core rules after `block` that each look at one
    block (`PER_BLOCK_CORE`); otherwise the whole stream is parsed first, as markdown-it does.
    Footnotes (`_Footnotes`) also need mdit-py-plugins' own `footnote_tail`, with nothing but
    `text_join` after it; their definitions are held and handed over at the end, where the
    tail puts them. A link may use a reference defined further down: in a body that may hold
    a definition, the blocks wait for their inline parse until the block parse is done (only
    their block tokens, about ten times the text) or, in a body longer than `HOLD_BLOCKS_UP_TO`,
    the body is block-parsed once before, its tokens dropped as they come, for the
    definitions alone.

    With `lazy_children`, an inline token longer than `INLINE_PIECE_CHARS` that spans lines
    (one huge paragraph) is handed over with `children` None: `children_of(token)` parses and
    yields its children a piece at a time (`inline_pieces`), so they are never all alive. Not
    in a body with footnote syntax: the inline parse numbers the notes in the stream's order.

    With `open_blocks`, the finished part of a list, block quote or table still being parsed
    is handed over once it holds `PIECE_TOKENS` tokens (`_Outlet.part_done`), so a huge one's
    block tokens are never all alive either. Those tokens are the stock parse's but for what
    markdown-it sets on them when the block ends: the paragraphs of a tight list handed over
    before it ends are not `hidden`, and an open list, item, quote or table's `map` gets its
    end line later (its list is the one markdown-it fills in). A parser with `tasklists` on
    (which reads the list's tokens when it ends) keeps a block's tokens until it ends.
    """
    plan = _core_plan(md)
    footnotes = _holds_any(src, _FOOTNOTE)
    if plan is None or not _hands_over_blocks(md) or footnotes and plan[2] is None:
        consume(md.parse(src))
        return
    normalize, after, tail = plan
    notes = _Footnotes() if footnotes else None
    lazy_children = lazy_children and notes is None  # a huge paragraph's notes must be numbered in order
    env: dict[str, object] = {}
    state = StateCore(src, md, env)
    if normalize is not stock_normalize or "\r" in src or "\0" in src:  # markdown-it-py's changes only these
        normalize(state)
    open_blocks = open_blocks and not md.options.get("tasklists")
    # a body that may define a reference: up to HOLD_BLOCKS_UP_TO its blocks wait, without their
    # inline parse, until all are parsed; a longer one is block-parsed once before for them
    may_define = _REFERENCE in state.src
    held: list[list[Token]] | None = [] if may_define and len(state.src) <= HOLD_BLOCKS_UP_TO else None
    if may_define and held is None:  # the first definition of a label wins, in both passes
        env[FLUSH] = _Outlet(_drop, not md.options.get("tasklists"))
        md.block.parse(state.src, md, env, [])
        env.pop("duplicate_refs", None)
        if notes is not None:
            notes.keep_labels(env)

    finish = _block_finisher(md, env, after, lazy_children)

    def hand_over(tokens: list[Token]) -> None:
        tokens = finish(tokens)
        if notes is not None:
            tokens = notes.sift(tokens)
        if tokens:
            consume(tokens)

    def take(chunk: list[Token]) -> None:
        if held is not None:
            held.append(chunk)
        else:
            for piece in _pieces(chunk):
                hand_over(piece)

    outlet = env[FLUSH] = _Outlet(take, open_blocks)
    md.block.parse(state.src, md, env, state.tokens)
    del env[FLUSH]
    outlet.blocks_done(state.tokens)
    if held:
        held.reverse()
        while held:  # each block's tokens are let go once consumed
            hand_over(held.pop())
    if notes is not None and tail is not None and (tokens := notes.tail(md, env, tail)):
        consume(tokens)


def _drop(tokens: list[Token]) -> None:
    """Let the tokens go (the first block parse is for the reference definitions alone)."""


#: what stands in `StateBlock.tokens` for a token handed over before its block ended
#: (`_Outlet.part_done`): no rule that looks back at the tokens of a list takes it for one of them
HANDED_OVER = Token("postlint_handed_over", "", 0)


class _Outlet:
    """Where the block dispatchers hand finished tokens (`parse_blocks`), as `take(chunk)`.

    Between two top-level blocks (level 0) every token before is final: all go, and the
    list is emptied. Inside a list or block quote (at the start of each of its lines) and
    between two rows of a table (when the table rule asks the `blockquote` chain whether the
    row ends it), the tokens before are finished too, with two exceptions: markdown-it-py's
    list rule marks a tight list's paragraphs `hidden` when the list ends, going by their
    places in `state.tokens`; and a list, item, quote or table sets its `map` end through the
    map list it holds. So a finished part is handed over (with `open_blocks`) and each of its
    places in `state.tokens` holds `HANDED_OVER`, which no paragraph is: the places the rules
    count stay where they were, and the tokens are let go."""

    __slots__ = ("take", "open_blocks", "handed")

    def __init__(self, take: Callable[[list[Token]], None], open_blocks: bool) -> None:
        self.take = take
        self.open_blocks = open_blocks
        #: the tokens before this place in `state.tokens` were handed over (`HANDED_OVER`)
        self.handed = 0

    def blocks_done(self, tokens: list[Token]) -> None:
        """Hand over the tokens not handed over yet: their blocks are complete."""
        chunk = tokens[self.handed :]
        del tokens[:]
        self.handed = 0
        if chunk:
            self.take(chunk)

    def part_done(self, tokens: list[Token]) -> None:
        """Inside a block: hand over the tokens not handed over yet, once there are `PIECE_TOKENS`."""
        start = self.handed
        if not self.open_blocks or len(tokens) - start < PIECE_TOKENS:
            return
        chunk = tokens[start:]
        tokens[start:] = [HANDED_OVER] * len(chunk)
        self.handed = len(tokens)
        self.take(chunk)


class _KnownLabels(dict[str, int]):
    """`env["footnotes"]["refs"]` after a first block parse (`parse_blocks`): each defined label,
    -1 until the inline parse numbers it. The second block parse runs the definitions again
    while earlier blocks are already inline-parsed: their `-1` for a label already known is
    not written, so a note keeps its number, as in one parse where all definitions come first."""

    def __setitem__(self, key: str, value: int) -> None:
        if value == -1 and key in self:
            return
        super().__setitem__(key, value)


#: the tokens a footnote definition starts and ends with (a close may come alone: the tail's
#: steps, which `_Footnotes.sift` follows, pair it with the last open)
_DEFINITION_EDGES = frozenset({"footnote_reference_open", "footnote_reference_close"})


class _Footnotes:
    """A body with footnotes, a block at a time (`parse_blocks`). mdit-py-plugins' footnote
    tail, after the inline parse of the whole stream, takes every footnote definition's tokens
    (from `footnote_reference_open` to its close) out of the stream, and appends a footnote
    block built from them and from the notes the inline parse numbered (`env`), in that order;
    it drops a definition no text refers to. Here `sift` takes the definitions' tokens out of
    each inline-parsed piece the same way (the same steps, across pieces), and `tail` runs the
    plugin's tail on the definitions alone: what it appends is what it appends after the whole
    stream, and the tokens it keeps from the stream are the ones `sift` handed over."""

    def __init__(self) -> None:
        self.inside = False
        self.label = ""
        self.current: list[Token] = []
        #: each label's definition tokens (the last definition of a label, as the tail keeps)
        self.definitions: dict[str, list[Token]] = {}

    @staticmethod
    def keep_labels(env: EnvType) -> None:
        """After a first block parse: keep the defined labels' numbers through the second (`_KnownLabels`)."""
        footnotes = env.get("footnotes")
        if isinstance(footnotes, dict) and isinstance(footnotes.get("refs"), dict):
            footnotes["refs"] = _KnownLabels(footnotes["refs"])

    def sift(self, tokens: list[Token]) -> list[Token]:
        """`tokens` without the footnote definitions' tokens, which are kept for `tail`."""
        if not self.inside and not any(token.type in _DEFINITION_EDGES for token in tokens):
            return tokens
        out: list[Token] = []
        for token in tokens:
            if token.type == "footnote_reference_open":
                self.inside, self.current, self.label = True, [], token.meta["label"]
            elif token.type == "footnote_reference_close":
                self.inside = False
                self.definitions[":" + self.label] = self.current
            elif self.inside:
                self.current.append(token)
            else:
                out.append(token)
        return out

    def tail(self, md: MarkdownIt, env: EnvType, tail: CoreRule) -> list[Token]:
        """The footnote block the tail appends (with `text_join` on it, as after the tail)."""
        stream: list[Token] = []
        for key, tokens in self.definitions.items():
            stream.append(Token("footnote_reference_open", "", 1, meta={"label": key[1:]}))
            stream.extend(tokens)
            stream.append(Token("footnote_reference_close", "", -1))
        self.definitions = {}
        state = StateCore("", md, env, stream)
        tail(state)
        if any(token.type == "footnote_reference_open" for token in state.tokens):
            return []  # no `footnotes` in `env`: the tail left the stream alone (no definitions were made)
        text_join(state)
        return state.tokens


def _core_plan(md: MarkdownIt) -> CorePlan | None:
    """The `normalize` rule, the core rules after `block` but `footnote_tail` (it has nothing to
    do in a body without footnotes; `_Footnotes` runs it at the end of one with), and the
    `footnote_tail` rule when a body with footnotes may go a block at a time too (else None),
    for `parse_blocks`; None when the rules do not allow a block at a time (`PER_BLOCK_CORE`).
    Worked out once for each list of core rules (a changed ruler makes a new list)."""
    rules = md.core.ruler.getRules("")
    seen = md.core_plan if isinstance(md, PostlintMarkdown) else None
    if seen is not None and seen[0] is rules:
        return seen[1]
    names = md.core.ruler.get_active_rules()
    plan = None
    if names[:2] == ["normalize", "block"] and PER_BLOCK_CORE.issuperset(names[2:]):
        tail = None
        if "footnote_tail" in names:  # mdit-py-plugins' own, after `inline`, with only `text_join` after it
            at = names.index("footnote_tail")
            if rules[at] is plugin_footnote_tail and names[at - 1] == "inline" and all(rule is text_join for rule in rules[at + 1 :]):
                tail = rules[at]
        plan = (rules[0], [rule for name, rule in zip(names[2:], rules[2:]) if name != "footnote_tail"], tail)
    if isinstance(md, PostlintMarkdown):
        md.core_plan = (rules, plan)
    return plan


def _block_finisher(md: MarkdownIt, env: EnvType, rules: list[CoreRule], lazy_children: bool = False) -> Callable[[list[Token]], list[Token]]:
    """The core rules after `block` (`_core_plan`), for one block's tokens: markdown-it-py's own
    `inline` and `text_join` go as one pass over the block's inline tokens, where an inline
    token whose text is one text token (`DispatchingInline.parse`'s fast path) has nothing to
    join. Any other rules run as they are, in order. With `lazy_children`, a huge inline token
    of many lines is left for `children_of` (`parse_blocks`)."""
    if rules != [stock_inline, text_join]:

        def run_rules(tokens: list[Token]) -> list[Token]:
            chunk = StateCore("", md, env, tokens)
            for rule in rules:
                rule(chunk)
            return chunk.tokens

        return run_rules
    parse = md.inline.parse
    join = StateCore("", md, env)

    lazy = lazy_children and isinstance(md.inline, DispatchingInline) and md.inline.markup_chars is not None

    def inline_and_join(tokens: list[Token]) -> list[Token]:
        for token in tokens:
            if token.type == "inline":
                if lazy and len(token.content) > INLINE_PIECE_CHARS and "\n" in token.content:
                    token.children = None
                    token.meta[CHILD_PIECES] = inline_pieces(md, env, token.content)
                    continue
                if token.children is None:
                    token.children = []
                children = parse(token.content, md, env, token.children)
                if len(children) > 1 or children and (children[0].type != "text" or children[0].children):
                    join.tokens = [token]
                    text_join(join)
        return tokens

    return inline_and_join


#: block tokens of one top-level block inline-parsed and handed over together, at most about
PIECE_TOKENS = 2_000
#: an inline token longer than this (characters) that spans lines is inline-parsed in pieces of
#: about this size, cut at line ends (`inline_pieces`; `parse_blocks(lazy_children=True)`)
INLINE_PIECE_CHARS = 256 * 1024
#: the `Token.meta` key of a huge inline token's children, parsed a piece at a time (`children_of`)
CHILD_PIECES = "postlint.child_pieces"
#: the characters an inline construct that may run on past a line end starts on (emphasis,
#: strikethrough, code span, link, image, HTML); an entity, an escape or an autolink ends on its line
_SPANNING = ("*", "_", "~", "`", "[", "<")


def children_of(token: Token) -> Iterator[Token] | list[Token]:
    """An inline token's children: its list, or, when `parse_blocks(lazy_children=True)` left it
    to be parsed a piece at a time, each piece's in turn (each piece let go once walked)."""
    pieces = token.meta.get(CHILD_PIECES) if token.children is None else None
    if pieces is None:
        return token.children or []
    return (child for piece in pieces for child in piece)


def inline_pieces(md: MarkdownIt, env: EnvType, src: str) -> Iterator[list[Token]]:
    """The children markdown-it's `inline` and `text_join` make of `src`, in pieces cut at line
    ends: each piece is `src` from the last cut to the first line end past `INLINE_PIECE_CHARS`
    more, with the next line's leading spaces and tabs (which the `newline` rule skips).

    A cut is kept only when the piece is closed: it ends with its line break token and none of
    its top-level text tokens holds a character a construct that may span lines starts on
    (`_SPANNING`). Then nothing the piece starts runs past its end (an unpaired delimiter, an
    unclosed code span, link or HTML tag stays text holding its opener), the inline parse of
    what follows starts as the whole parse would there (no pending text, no open delimiters,
    level 0, a space before), and `text_join` has nothing to join across the cut: the pieces'
    tokens are the whole parse's. An open piece is parsed again with the rest of `src`, as one
    last piece: each character is parsed at most twice."""
    parse = md.inline.parse
    join = StateCore("", md, env)
    start, end = 0, len(src)
    while start < end:
        cut = src.find("\n", start + INLINE_PIECE_CHARS)
        if cut < 0:
            cut = end
        else:
            cut += 1
            while cut < end and src[cut] in " \t":
                cut += 1
        children = parse(src[start:cut], md, env, [])
        if cut < end and not _closed(children):
            cut = end
            children = parse(src[start:], md, env, [])
        start = cut
        join.tokens = [Token("inline", "", 0, children=children)]
        text_join(join)
        yield join.tokens[0].children or []
        join.tokens = []


def _closed(children: list[Token]) -> bool:
    """Whether a piece of a huge inline text ends where a cut is safe (`inline_pieces`)."""
    if not children or children[-1].type not in ("softbreak", "hardbreak"):
        return False
    after = ""
    for child in children:
        if child.type in ("text", "text_special"):
            if _holds_any(child.content, _SPANNING):
                return False
            if after in ("link_close", "image") and child.content.startswith("("):
                return False  # `[a](/u` + a title on the next line: the piece's reference link may be an inline one
        after = child.type
    return True


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
        rules[:] = [_block_dispatcher([(name_of[fn], fn) for fn in rules], top=chain == "", rows=chain == "blockquote")]


def _hands_over_blocks(md: MarkdownIt) -> bool:
    """Whether `md`'s top-level block chain is our dispatcher, which hands finished blocks to
    `parse_blocks` (a parser built elsewhere, or changed after `markdown_parser()`, is not)."""
    rules = md.block.ruler.getRules("")
    return len(rules) == 1 and getattr(rules[0], "hands_over_blocks", False) is True


def _block_dispatcher(members: list[tuple[str, BlockRule]], top: bool = False, rows: bool = False) -> BlockRule:
    """The rules of one chain, asked only where they can start. The top-level chain's hands
    the tokens before the line to `parse_blocks` (`_Outlet`): all of them at level 0 (between
    two top-level blocks), the finished part of a list or quote inside one; the `blockquote`
    chain's (`rows`), which markdown-it-py's table rule asks before each row, the rows before."""
    chars = {char for name, _ in members for char in BLOCK_TRIGGERS.get(name, "")}
    by_char = {
        char: tuple(fn for name, fn in members if name in BLOCK_ANY or char in BLOCK_TRIGGERS.get(name, ""))
        for char in chars
    }
    anywhere = tuple(fn for name, fn in members if name in BLOCK_ANY)

    def dispatch(state: StateBlock, line: int, end: int, silent: bool) -> bool:
        if state.tokens and (top and not silent or rows and state.parentType == "table"):
            outlet = state.env.get(FLUSH)  # `parse_blocks`: the tokens before this line are finished
            if outlet is not None:
                if top and state.level == 0:
                    outlet.blocks_done(state.tokens)
                else:
                    outlet.part_done(state.tokens)
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
    quiet = set(inline.ruler2.getRules("")) <= QUIET_POST_RULES
    inline.markup_chars = triggers if inline.plain_until is not None and quiet else None  # type: ignore[attr-defined]
    inline.delimiter_chars = "".join(sorted({c for name in names if name in DELIMITING_RULES for c in TRIGGERS[name]}))  # type: ignore[attr-defined]
    inline.rules_seen = (inline.ruler.getRules(""), inline.ruler2.getRules(""))  # type: ignore[attr-defined]


#: markdown-it-py's own post-processing inline rules (`ruler2`): they pair the delimiters that
#: `DELIMITING_RULES` leave (`*`, `_`, `~`), turn them into tags and merge the text between;
#: in a text without delimiters there is nothing to pair and no two texts side by side
QUIET_POST_RULES = frozenset({link_pairs, strikethrough.postProcess, emphasis.postProcess, fragments_join})
#: the inline rules (of those in `TRIGGERS`) that leave delimiters for the post-processing rules
DELIMITING_RULES = frozenset({"emphasis", "strikethrough"})


def _holds_any(text: str, marks: str | tuple[str, ...]) -> bool:
    """Whether `text` holds one of `marks` (a few `in` tests: sooner than a regex scan)."""
    for mark in marks:
        if mark in text:
            return True
    return False


class DispatchingInline(ParserInline):
    """`ParserInline` whose tokenize and skipToken call only the rules for the current character.

    `by_char` maps every terminator character to its rules (possibly none);
    any other character starts plain text.
    """

    by_char: dict[str, tuple[Callable[..., bool], ...]]
    text_rule: Callable[..., bool]
    #: the characters some rule starts on; None when the `text` rule is not markdown-it-py's own
    plain_until: "re.Pattern[str] | None"
    #: the same characters, for `parse`; None when a post-processing rule is not markdown-it-py's own
    markup_chars: str | None
    #: the characters a rule that leaves delimiters starts on (used with `markup_chars`)
    delimiter_chars: str
    #: the rule lists `by_char` and `markup_chars` were made from (a changed ruler makes new ones)
    rules_seen: tuple[list[Callable[..., bool]], list[Callable[..., None]]]

    def parse(self, src: str, md: MarkdownIt, env: EnvType, tokens: list[Token]) -> list[Token]:
        """markdown-it-py's, doing less where it can tell the answer: a text in which no rule
        can start (most headings and many paragraphs) becomes the one text token the inline
        parser would make of it, without running it (the tokenizer would put every character
        in the pending text); and the post-processing rules, which pair delimiters, are not
        run on a text without a character a rule that leaves delimiters starts on. (`in`
        finds a character several times sooner than a regex finds one of a set.)"""
        markup = self.markup_chars
        if (
            markup is None
            or tokens
            or self.ruler.getRules("") is not self.rules_seen[0]
            or self.ruler2.getRules("") is not self.rules_seen[1]
        ):
            return super().parse(src, md, env, tokens)
        if not _holds_any(src, markup):
            if src:
                tokens.append(Token("text", "", 0, content=src))
            return tokens
        state = StateInline(src, md, env, tokens)
        self.tokenize(state)
        if _holds_any(src, self.delimiter_chars):
            for rule in self.ruler2.getRules(""):
                rule(state)
        return state.tokens

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
