"""JSON text as postlint writes it: UTF-8 as it is, fast, and valid for any file name.

`json.dumps(ensure_ascii=False)` leaves a lone surrogate (what stands for a byte of a
file name that is not UTF-8) in its output, which then cannot be written as UTF-8;
these helpers escape such text as `ensure_ascii=True` does, so it reads back as the
same string. An indented `json.dumps` goes through the json module's pure-Python
encoder: reports write their long lists one item per line with `line` instead.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring, encode_basestring_ascii


def has_surrogate(text: str) -> bool:
    """Whether `text` holds a lone surrogate (what stands for a byte of a file name that is not
    UTF-8): the one thing UTF-8 cannot encode (a regex of the range costs ~2 ms to compile)."""
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def string(value: str) -> str:
    """`value` as a JSON string, as `json.dumps(value, ensure_ascii=False)` writes it (with the
    C encoder it uses), except that text holding a lone surrogate is escaped."""
    if not has_surrogate(value):
        return encode_basestring(value)
    return encode_basestring_ascii(value)


def line(value: object) -> str:
    """`value` on one line, as `json.dumps(value, ensure_ascii=False)` writes it, or with `\\u`
    escapes when it holds a lone surrogate."""
    text = json.dumps(value, ensure_ascii=False)
    return json.dumps(value) if has_surrogate(text) else text


def listing(head: dict[str, object], key: str, items: list[object], indent: int = 2) -> str:
    """`head` with `key` added (its last key), indented as `json.dumps(indent=...)` does, but
    with the `items` of `key` one per line."""
    text = json.dumps(head, indent=indent, ensure_ascii=False)[:-2]  # without the closing "\n}"
    pad = " " * indent
    if not items:
        return f'{text},\n{pad}"{key}": []\n}}\n'
    body = ",\n".join(pad * 2 + line(item) for item in items)
    return f'{text},\n{pad}"{key}": [\n{body}\n{pad}]\n}}\n'
