"""Python-Markdown's indented blocks, as MkDocs builds them: admonitions (`!!! note`), collapsible
details (`??? note`, `???+ note`) and content tabs (`=== "Tab"`).

Each is one marker line, then a body indented four spaces past it, which is Markdown: its links,
images and headings are the page's. To markdown-it the body is an indented code block, so a
parser for an MkDocs site that turns these extensions on (`admonition`, `pymdownx.details`,
`pymdownx.tabbed`) gets this block rule (`markdown_parser(containers=…)`): a `container_open`
token, the body's blocks, a `container_close`. The title (`"…"`) is not part of the body.
Like mdit-py-plugins' `admon` plugin, with Python-Markdown's rules: the body is indented four
spaces past the marker's own indent, and blank lines do not end it; the first less indented
line does.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

#: each marker and the line it starts (Python-Markdown's `admonition`, `pymdownx.details` and
#: `pymdownx.tabbed` patterns): a type (and an optional quoted title), or a tab's quoted title
CONTAINER_LINES: dict[str, re.Pattern[str]] = {
    "!!!": re.compile(r"!!! ?[\w\-]+(?: +[\w\-]+)*(?: +\"[^\n]*\")? *"),
    "???": re.compile(r"\?\?\?\+? ?(?:[\w\-]+(?: +[\w\-]+)*)?(?: +\"[^\n]*\")? *"),
    "===": re.compile(r"===(?:\+!?|!\+?)? +\"[^\n]*\" *"),
}
#: the indent of a container's body past its marker (Python-Markdown's `tab_length`)
BODY_INDENT = 4
#: the rule's name in markdown-it's block ruler, and the characters it starts on
RULE_NAME = "indented_container"


def container_plugin(md: MarkdownIt, markers: tuple[str, ...]) -> None:
    """Add the rule for `markers` (keys of `CONTAINER_LINES`) before `blockquote`; like a quote,
    it may end a paragraph, a reference definition or a list item."""
    patterns = tuple(CONTAINER_LINES[marker] for marker in markers if marker in CONTAINER_LINES)
    if not patterns:
        return

    def container(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        if state.is_code_block(start_line):
            return False
        start = state.bMarks[start_line] + state.tShift[start_line]
        line_end = state.eMarks[start_line]
        text = state.src[start:line_end]
        if not any(pattern.fullmatch(text) for pattern in patterns):
            return False
        if silent:
            return True
        indent = state.sCount[start_line] + BODY_INDENT
        next_line = start_line + 1
        while next_line < end_line:
            if not state.isEmpty(next_line) and state.sCount[next_line] < indent:
                break
            next_line += 1
        old_parent, old_line_max, old_indent = state.parentType, state.lineMax, state.blkIndent
        token = state.push("container_open", "div", 1)
        token.markup, token.info, token.block, token.map = text[:3], text, True, [start_line, next_line]
        state.parentType = "container"  # type: ignore[assignment]
        state.lineMax = next_line  # no lazy line runs past the body
        state.blkIndent = indent
        state.md.block.tokenize(state, start_line + 1, next_line)
        token = state.push("container_close", "div", -1)
        token.markup, token.block = text[:3], True
        state.parentType, state.lineMax, state.blkIndent = old_parent, old_line_max, old_indent
        state.line = next_line
        return True

    md.block.ruler.before("blockquote", RULE_NAME, container, {"alt": ["paragraph", "reference", "blockquote", "list"]})
