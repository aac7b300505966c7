#!/usr/bin/env python3
"""Time one very large post: seconds and peak RSS of `postlint check` on it.

Usage: python benchmarks/bigpost.py [--mb 50]... [--shape NAME]... [--run NAME]... [--keep DIR]

Without --shape, every shape but `list`, `quote` and `table`.

Shapes (each written into a temporary project, deterministic for a given size):
- `mixed`: front matter, then sections of an H2, paragraphs with links (some with
  tracking parameters or `http://`), images, inline code, bullet and numbered
  lists, a block quote, a fenced code block, a bare URL and a table;
- `paragraph`: one paragraph of many short lines (one block, one inline token);
- `line`: one paragraph on one line (no newline in the body);
- `links`: sections of paragraphs made of links, about a million for 50 MB (a link
  roundup), each to a page of a folder the site does not have;
- `list`: one bullet list of links, one item a line: a single top-level block, handed
  over a part at a time as it is parsed (slow; past 10,000 its blocks are kept as columns);
- `quote`: one block quote of many one-line paragraphs (one top-level block too);
- `table`: one table of many rows (one top-level block too);
- `footnotes`: the `mixed` guide with one footnote (block-parsed twice: first for the
  definitions).

Runs, each a separate `python -m postlint` process:
- `text`: `check --no-cache` (the default rules, the text report);
- `json`: `check --no-cache --format json`;
- `fix`: `check --no-cache --fix` on a copy of the post.

Prints, per shape and run: exit code, seconds, peak RSS (the child's
`ru_maxrss`), the report's size and the number of findings (JSON runs).
Nothing is asserted; nothing large is committed.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Callable

FRONT = """---
title: "A very long field guide to brewing tea at home"
description: "Everything about brewing tea at home: water, leaves, vessels and timing, in one long page."
date: 2024-03-01
tags: [tea, brewing, guide]
---
"""

_VOCABULARY = (
    "tea water leaf leaves kettle pot cup steep brew minute minutes temperature green black oolong white "
    "herbal flavour aroma bitter sweet strong light gentle boil simmer pour strain infusion vessel glass "
    "ceramic porcelain iron clay morning evening guest friend garden harvest picker region mountain valley "
    "rain season spring summer autumn winter first second third flush grade whole broken dust fannings "
    "storage airtight tin jar light moisture heat fresh stale aged roasted smoked scented jasmine rose "
    "ginger lemon honey milk sugar spoon gram ratio scale timer thermometer filter basket ball strainer "
    "tradition ceremony history trade ship route market price quality taste note body finish astringent "
    "smooth mellow bright grassy floral fruity malty earthy nutty toasty vegetal mineral"
).split()
_LONG = "especially comfortable temperature traditionally approximately experimentation complementary".split()


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_VOCABULARY if rng.random() > 0.08 else _LONG) for _ in range(rng.randint(4, 22))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + rng.choice(".....?!")


def _paragraph(rng: random.Random, n: int) -> str:
    parts = []
    for i in range(rng.randint(3, 7)):
        sentence = _sentence(rng)
        roll = rng.random()
        if roll < 0.15:
            sentence = sentence[:-1] + f" (see [the {rng.choice(_VOCABULARY)} notes](/notes/{n}-{i}/))."
        elif roll < 0.2:
            sentence = sentence[:-1] + f" with [this guide](https://example.com/guide/{n}?utm_source=feed&id={i})."
        elif roll < 0.23:
            sentence = sentence[:-1] + f" at [the old page](http://example.org/page/{n})."
        elif roll < 0.3:
            sentence = sentence[:-1] + f" using `tea --steep {i}`."
        parts.append(sentence)
    return " ".join(parts) + "\n"


def _section(rng: random.Random, n: int) -> str:
    out = [f"## Part {n}: {rng.choice(_VOCABULARY)} and {rng.choice(_VOCABULARY)}\n\n"]
    for _ in range(rng.randint(2, 4)):
        out.append(_paragraph(rng, n) + "\n")
    out.append(f"![A {rng.choice(_VOCABULARY)} in a {rng.choice(_VOCABULARY)}](/images/tea-{n}.jpg)\n\n")
    out.append("".join(f"- {_sentence(rng)}\n" for _ in range(rng.randint(2, 5))) + "\n")
    if n % 2:
        out.append("".join(f"{i}. {_sentence(rng)}\n" for i in range(1, rng.randint(3, 5))) + "\n")
    if n % 3 == 0:
        out.append(f"> {_sentence(rng)} {_sentence(rng)}\n\n")
    if n % 4 == 0:
        out.append(f"```python\nfor cup in range({n}):\n    steep(cup, minutes=3)\n```\n\n")
    if n % 5 == 0:
        out.append(f"More at https://example.net/tea/{n} for the curious.\n\n")
    if n % 6 == 0:
        out.append("| tea | minutes | degrees |\n|---|---|---|\n" + "".join(f"| {rng.choice(_VOCABULARY)} | {i} | {70 + i} |\n" for i in range(1, 5)) + "\n")
    if n % 7 == 0:
        out.append(f"### Notes on {rng.choice(_VOCABULARY)}\n\n{_paragraph(rng, n)}\n")
    return "".join(out)


def _fill(size: int, piece: Callable[[random.Random, int], str], separator: str = "") -> str:
    rng = random.Random(size)
    parts, total, n = [FRONT, "\nAn introduction to the whole guide, in a few words for the reader.\n\n"], 0, 0
    while total < size:
        part = piece(rng, n) + separator
        parts.append(part)
        total += len(part)
        n += 1
    return "".join(parts)


SHAPES: dict[str, Callable[[int], str]] = {
    "mixed": lambda size: _fill(size, _section),
    "paragraph": lambda size: _fill(size, lambda rng, n: _sentence(rng) + "\n") + "\n",
    "line": lambda size: _fill(size, lambda rng, n: _sentence(rng) + " ").rstrip() + "\n",
    "links": lambda size: _fill(size, _links),
    "list": lambda size: _fill(size, lambda rng, n: f"- [{rng.choice(_VOCABULARY)} {n}](/tea/{n}/)\n") + "\n",
    "quote": lambda size: _fill(size, lambda rng, n: f"> {_sentence(rng)}\n>\n") + "\n",
    "table": lambda size: _fill(size, lambda rng, n: ("| tea | minutes |\n|---|---|\n" if n == 0 else "") + f"| {_sentence(rng)} | {n} |\n") + "\n",
    "footnotes": lambda size: _fill(size, _section).replace("for the reader.\n", "for the reader.[^1]\n", 1) + "\n[^1]: The note, written once.\n",
}
#: shapes of one huge top-level block (slow, the list most): not run unless named
ONE_BLOCK = ("list", "quote", "table")


def _links(rng: random.Random, n: int) -> str:
    heading = f"## Links, part {n // 50}\n\n" if n % 50 == 0 else ""
    return heading + ", ".join(f"[{rng.choice(_VOCABULARY)} {n}-{i}](/tea/{n}/{i}/)" for i in range(8)) + ".\n\n"

WRAPPER = (
    "import resource, subprocess, sys, time, json\n"
    "t = time.perf_counter()\n"
    "p = subprocess.run(sys.argv[1:], capture_output=True)\n"
    "out = p.stdout\n"
    "try:\n"
    "    n = len(json.loads(out)['findings'])\n"
    "except ValueError:\n"
    "    n = None\n"
    "err = p.stderr.decode('utf-8', 'replace').strip().splitlines()\n"
    "print(json.dumps([time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, p.returncode, len(out), n, err[-1:]]))\n"
)
RUNS: dict[str, list[str]] = {
    "text": ["check", "--no-cache"],
    "json": ["check", "--no-cache", "--format", "json"],
    "fix": ["check", "--no-cache", "--fix", "--format", "json"],
}


def measure(project: Path, args: list[str]) -> tuple[float, float, int, int, int | None, list[str]]:
    """(seconds, peak RSS in MB, exit code, report bytes, findings or None, last stderr line)."""
    command = [sys.executable, "-m", "postlint", *args, "posts/big.md"]
    out = subprocess.run([sys.executable, "-c", WRAPPER, *command], cwd=project, capture_output=True, text=True, check=True)
    seconds, rss, code, size, findings, last = json.loads(out.stdout)
    return seconds, rss, code, size, findings, last


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, action="append", help="post size in MB (repeatable; default 50)")
    parser.add_argument("--shape", choices=sorted(SHAPES), action="append")
    parser.add_argument("--run", choices=sorted(RUNS), action="append")
    parser.add_argument("--keep", type=Path, help="write the posts into this folder and keep them")
    args = parser.parse_args()
    for mb in args.mb or [50.0]:
        for shape in args.shape or [name for name in SHAPES if name not in ONE_BLOCK]:
            text = SHAPES[shape](int(mb * 1_000_000))
            with tempfile.TemporaryDirectory(prefix="postlint-bigpost-") as temp:
                project = Path(temp)
                (project / "posts").mkdir()
                post = project / "posts" / "big.md"
                post.write_text(text, encoding="utf-8")
                if args.keep:
                    args.keep.mkdir(parents=True, exist_ok=True)
                    shutil.copy(post, args.keep / f"{shape}-{mb:g}mb.md")
                print(f"{shape}, {len(text.encode()) / 1e6:.1f} MB, {text.count(chr(10)):,} lines:", flush=True)
                for run in args.run or list(RUNS):
                    seconds, rss, code, size, findings, last = measure(project, RUNS[run])
                    if run == "fix":
                        post.write_text(text, encoding="utf-8")  # the next shape or size starts from the original
                    found = f"; {findings:,} findings" if findings is not None else ""
                    print(f"  {run}: exit {code}; {seconds:.1f} s; peak RSS {rss:.0f} MB; report {size / 1e6:.1f} MB{found}", flush=True)
                    if code == 2 and last:
                        print(f"    {last[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
