"""A generator of hostile inputs, written at test time (nothing large is committed).

`write_hostile_set(folder)` writes every case of issue 8 into `folder/posts/` and
returns, per file name, the (code, line) findings that must be among the results.
`benchmarks/hostile.py` times the same set.
"""

from __future__ import annotations

import os
from pathlib import Path

FM = '---\ntitle: "A hostile post for robustness tests"\ndate: 2024-01-01\n---\n'


def _alias_bomb() -> str:
    lines = ["---", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    names = "abcdefghi"
    for prev, name in zip(names, names[1:]):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    lines += ["tags: *i", "description: *i", 'title: "Alias bomb"', "---", "Body."]
    return "\n".join(lines) + "\n"


def cases() -> dict[str, bytes | str]:
    """File name -> content. Large cases are built here, not stored."""
    ten_mb_paragraph = "Plain words in a long post with a [link](https://example.com/page) and more words here.\n\n"
    return {
        "invalid-yaml.md": '---\ntitle: "ok"\ntags: [a, b\ndate: 2024-01-01\n---\nBody.\n',
        "front-matter-list.md": "---\n- a\n- b\n---\nBody.\n",
        "front-matter-scalar.md": "---\njust a string\n---\nBody.\n",
        "front-matter-empty.md": "---\n---\nBody.\n",
        "front-matter-unclosed.md": '---\ntitle: "never closed"\n\nBody.\n',
        "python-tag.md": '---\ntitle: !!python/object/apply:os.system ["touch /tmp/postlint-pwned"]\n---\nBody.\n',
        "alias-bomb.md": _alias_bomb(),
        "latin1.md": b"---\ntitle: caf\xe9\n---\nBody.\n",
        "binary.md": bytes(range(256)) * 64,
        "nul-chars.md": FM + "Text with a NUL \x00 character.\n",
        "empty.md": "",
        "ten-megabytes.md": FM + ten_mb_paragraph * (10_000_000 // len(ten_mb_paragraph)),
        "two-megabyte-line.md": FM + ("word " * 400_000) + "\n",
        "nested-quotes.md": FM + ">" * 20_000 + " deep\n",
        "brackets.md": FM + "[" * 50_000 + "\n",
        "many-links.md": FM + " ".join(f"[l{i}](https://e{i % 50}.example/p{i})" for i in range(30_000)) + "\n",
        "deep-lists.md": FM + "".join("  " * i + "- item\n" for i in range(1_000)),
        "big-table.md": FM + "| a | b |\n|---|---|\n" + "".join(f"| {i} | cell |\n" for i in range(20_000)),
        "bidi-zero-width.md": '---\ntitle: "Evil \u202etitle\u200b with controls"\ndate: 2024-01-01\n---\n'
        "Read [\u202eclick\u200b here](https://example.com) now.\n",
        "crlf-bom.md": "\ufeff" + FM.replace("\n", "\r\n") + "Body line.\r\n",
    }


#: (code, line) findings each case must produce (among possibly others).
EXPECTED: dict[str, set[tuple[str, int]]] = {
    "invalid-yaml.md": {("FM002", 4)},
    "front-matter-list.md": {("FM002", 2)},
    "front-matter-scalar.md": {("FM002", 2)},
    "front-matter-unclosed.md": {("FM002", 1)},
    "python-tag.md": {("FM002", 2)},
    "alias-bomb.md": {("FM002", 1)},
    "latin1.md": {("PL002", 1)},
    "binary.md": {("PL002", 1)},
    "empty.md": {("FM001", 1)},
    "front-matter-empty.md": {("FM003", 1)},
}


def write_hostile_set(folder: Path) -> dict[str, set[tuple[str, int]]]:
    posts = folder / "posts"
    posts.mkdir(parents=True, exist_ok=True)
    for name, content in cases().items():
        target = posts / name
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_bytes(content.encode("utf-8"))
    (posts / "a-directory.md").mkdir(exist_ok=True)
    dangling = posts / "dangling-link.md"
    if not dangling.is_symlink():
        os.symlink(posts / "does-not-exist.md", dangling)
    return {**EXPECTED, "dangling-link.md": {("PL002", 1)}}
