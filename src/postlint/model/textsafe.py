"""Escaping control characters in text a human reads: reports, and messages on stderr.

A link target, a file name or a pack's wording is data from the repository being
linted. Printed raw, a newline in it forges a line of its own (a GitHub workflow
command such as `::error file=…`, a fake finding), an escape sequence retitles or
repaints the reader's terminal, and a bidirectional override makes text read
differently from its bytes. `escape_controls` writes each such character the way
Python writes it in a string literal (`\\n`, `\\x1b`, `\\u202e`), so it is visible and
inert; text without any (nearly all of it) is returned as it is after one scan.
"""

from __future__ import annotations

import re

from .lazyregex import lazy_regex

#: C0 controls (tab and newline included), DEL, C1 controls, and the characters that
#: reorder or break lines on display: bidi marks, embeddings, overrides and isolates,
#: and the Unicode line and paragraph separators.
_CONTROLS = "\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_ANY = lazy_regex(f"[{_CONTROLS}]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escape_controls(text: str, keep: str = "") -> str:
    """`text` with every control character escaped, except those in `keep` (e.g. "\\n" for
    text of several lines)."""
    if text.isprintable() or _ANY().search(text) is None:  # isprintable: one C pass, true of nearly all text
        return text
    if keep:
        return re.sub(f"[{_CONTROLS}]", lambda m: m.group() if m.group() in keep else _escaped(m.group()), text)
    return _ANY().sub(lambda m: _escaped(m.group()), text)


def _escaped(char: str) -> str:
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
