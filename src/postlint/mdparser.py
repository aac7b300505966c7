"""The one markdown-it-py parser every post goes through, and what makes it quicker.

markdown-it-py's inline tokenizer tries every inline rule, in order, at every
character that can start markup (`[`, `*`, `_`, `` ` ``, `<`, `:`, `-`, …);
each rule is a Python call whose first act is to return False unless the
character is its own. `_DispatchingInline` asks only the rules whose trigger
character is the one at hand, in the same order, so the token stream is the
same, call for call of every rule that can succeed (a test compares it with the
stock tokenizer's on every fixture and corpus post, and on random text).

This module imports markdown-it-py: import it only to parse. It is used only when the active inline rules are exactly ones whose trigger
characters are listed in `TRIGGERS`; any other set (a newer markdown-it-py
with a new rule) falls back to the stock tokenizer.
"""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Callable

from markdown_it import MarkdownIt, helpers
from markdown_it.common.utils import unescapeAll
from markdown_it.helpers.parse_link_destination import _Result
from markdown_it.parser_inline import ParserInline
from markdown_it.rules_inline import StateInline

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
}


def markdown_parser() -> MarkdownIt:
    """CommonMark plus tables and strikethrough, links kept exactly as written.

    No percent-encoding and no scheme filter, because the link rules judge what
    the author typed.
    """
    md = MarkdownIt("commonmark", {"maxNesting": 100}).enable(["table", "strikethrough"])
    md.normalizeLink = lambda url: url  # type: ignore[method-assign]
    md.normalizeLinkText = lambda url: url  # type: ignore[method-assign]
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    _dispatch_inline(md)
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


def _dispatch_inline(md: MarkdownIt) -> None:
    """Make `md.inline` try only the rules for the character at hand (see the module doc)."""
    inline = md.inline
    names = [rule.name for rule in inline.ruler.__rules__ if rule.enabled]
    terminator_re = getattr(inline, "terminator_re", None)
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


class DispatchingInline(ParserInline):
    """`ParserInline` whose tokenize and skipToken call only the rules for the current character.

    `by_char` maps every terminator character to its rules (possibly none);
    any other character starts plain text.
    """

    by_char: dict[str, tuple[Callable[..., bool], ...]]
    text_rule: Callable[..., bool]

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
        end = state.posMax
        max_nesting = state.md.options["maxNesting"]
        src = state.src
        by_char = self.by_char
        text_only = (self.text_rule,)
        while state.pos < end:
            pos = state.pos
            ok = False
            if state.level < max_nesting:
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
