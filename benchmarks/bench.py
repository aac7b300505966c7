#!/usr/bin/env python3
"""Lint a corpus and print speed and memory figures for postlint beside its peers.

Usage:
    python benchmarks/bench.py [CORPUS_DIR] [--runs N] [--repeat N] [--jobs N] [--skip-peers]

Without CORPUS_DIR a deterministic corpus of 2,000 generated posts is written to a
temporary folder. Figures printed (nothing is asserted):

- floor: a single-core pass that only reads each file, splits the front matter and
  parses the body with markdown-it-py (the least any Python linter must do);
- postlint cold (empty cache), warm (nothing changed) and one-file (a single post,
  process start included: with `--no-cache`, and as pre-commit runs it, a just-edited
  post with the whole corpus's cache in place; and that post checked against a site
  index of the whole corpus, `content-dirs` set to it, as a site's pre-commit hook
  runs; and the first run on a fresh machine: one post with an empty user cache
  folder, HOME and XDG_CACHE_HOME in a new temporary folder, as on a new CI
  runner), each with files/s, MB/s, peak RSS and the ratio to the floor;
- markdownlint-cli2 and pymarkdownlnt on the same files when they are installed
  (set MARKDOWNLINT_CLI2 to the command's path if it is not on PATH).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

WORDS = (
    "coffee grinder water bean roast brew filter kettle cup taste sweet bitter acid body aroma "
    "morning ritual recipe ratio scale timer bloom pour circle slow steady fresh stale oil burr "
    "blade steel ceramic paper cloth metal dripper carafe mug origin farm harvest process washed "
    "natural honey altitude variety espresso crema shot milk foam latte flat white"
).split()
TAGS = ["coffee", "brewing", "gear", "recipes", "travel", "origins", "espresso", "tea"]


@dataclass
class Figure:
    name: str
    seconds: float
    files: int
    megabytes: float
    rss_mb: float | None = None
    note: str = ""


def generate(folder: Path, count: int = 2000, seed: int = 7) -> None:
    """Write `count` plausible posts (front matter, H2 sections, lists, links, images)."""
    rng = random.Random(seed)
    (folder / "posts").mkdir(parents=True, exist_ok=True)

    def sentence() -> str:
        words = [rng.choice(WORDS) for _ in range(rng.randint(6, 22))]
        return " ".join(words).capitalize() + rng.choice([".", ".", ".", "?", "!"])

    def paragraph() -> str:
        return " ".join(sentence() for _ in range(rng.randint(2, 6)))

    for index in range(count):
        slug = f"post-{index:04d}-" + "-".join(rng.sample(WORDS, 3))
        title = " ".join(rng.sample(WORDS, rng.randint(3, 8))).title()
        lines = [
            "---",
            f'title: "{title}"',
            f"date: 20{rng.randint(15, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            f'description: "{paragraph()[:150]}"',
            f"image: /media/{slug}.webp",
            "tags: [" + ", ".join(rng.sample(TAGS, rng.randint(1, 4))) + "]",
            "---",
            "",
            f"![{title}](/media/{slug}.webp)",
            "",
            paragraph(),
            "",
        ]
        for _ in range(rng.randint(2, 7)):
            lines += [f"## {' '.join(rng.sample(WORDS, 4)).title()}", "", paragraph(), ""]
            if rng.random() < 0.5:
                lines += [f"- {sentence()}" for _ in range(rng.randint(2, 5))] + [""]
            if rng.random() < 0.4:
                lines += [f"Read [more about {rng.choice(WORDS)}](https://example.com/{rng.choice(WORDS)}/{index}).", ""]
            if rng.random() < 0.2:
                lines += ["```python", "print('hello')", "```", ""]
        lines += ["## Start brewing today", "", "Get started today and subscribe to the newsletter.", ""]
        (folder / "posts" / f"{slug}.md").write_text("\n".join(lines), encoding="utf-8")


def generate_site(folder: Path, count: int, internal_links: bool = True, seed: int = 11) -> Path:
    """Write a site of `count` posts of about 150 words each under `folder/content/posts/`, with
    unique titles and descriptions and (`internal_links`) two root-absolute links to other posts
    (`/posts/<slug>/`, the URL postlint gives `content/posts/<slug>.md`), and its
    `.postlint.yaml` (`content-dirs: [content]`: the site index and the link graph hold every
    post). Deterministic; returns the site's root. Fast: 100,000 posts in a few seconds."""
    rng = random.Random(seed)
    posts = folder / "content" / "posts"
    posts.mkdir(parents=True, exist_ok=True)
    # ~150 words is short for SEO001's default (300): the posts are meant to have no findings
    (folder / ".postlint.yaml").write_text("content-dirs: [content]\ncontent-too-short: {min-words: 100}\n", encoding="utf-8")
    slugs = [f"post-{index:06d}-" + "-".join(rng.sample(WORDS, 2)) for index in range(count)]
    pool = [" ".join(rng.choice(WORDS) for _ in range(8)) for _ in range(997)]  # sentences, cheap to join

    def sentence(i: int) -> str:
        return pool[(i * 31 + rng.randrange(997)) % 997].capitalize() + "."

    for index, slug in enumerate(slugs):
        words = rng.sample(WORDS, 4)
        title = f"{' '.join(words).title()} Number {index}"
        description = f"Post {index} of the benchmark site: {' '.join(rng.sample(WORDS, 10))}, and how to brew it well."
        body = [" ".join(sentence(index + k) for k in range(6)), " ".join(sentence(index + k) for k in range(6, 12))]
        links = ""
        if internal_links and count > 1:
            others = {(index + 1) % count, rng.randrange(count)} - {index}
            links = " ".join(f"See [{slugs[o].split('-', 2)[2].replace('-', ' ')}](/posts/{slugs[o]}/)." for o in sorted(others))
        text = (
            f'---\ntitle: "{title}"\ndate: 2024-{index % 12 + 1:02d}-{index % 28 + 1:02d}\n'
            f'description: "{description}"\ntags: [{rng.choice(TAGS)}]\n---\n\n'
            f"{body[0]}\n\n## {' '.join(rng.sample(WORDS, 3)).title()}\n\n{body[1]} {links}\n\n"
            f"## Brew it\n\n{sentence(index + 13)} {sentence(index + 14)} Subscribe to the newsletter for more.\n"
        )
        (posts / f"{slug}.md").write_text(text, encoding="utf-8")
    return folder


def markdown_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in (".md", ".markdown") and p.is_file())


def floor(files: list[Path]) -> float:
    """Read, split front matter, parse with markdown-it-py: one core, in this process."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from markdown_it import MarkdownIt

    from postlint.parse.frontmatter import parse, split_block

    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    start = time.perf_counter()
    for path in files:
        text = path.read_bytes().decode("utf-8", errors="replace")
        lines = text.splitlines()
        block = split_block(lines)
        parse(block)
        md.parse("\n".join(lines[block.end_line if block and block.closed else 0 :]))
    return time.perf_counter() - start


#: the environment commands run in: as an installed package runs, with Python's bytecode cache
#: (`pip install` writes it; a PYTHONDONTWRITEBYTECODE left in a developer's shell would have every
#: run compile each of postlint's modules again, ~80 ms of a one-file run)
USER_ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def timed(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, float | None, int]:
    """Run `command` in a fresh wrapper process; return (seconds, peak RSS MB of the command, exit code)."""
    wrapper = (
        "import resource, subprocess, sys, time, json\n"
        "t = time.perf_counter()\n"
        "rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode\n"
        "dt = time.perf_counter() - t\n"
        "print(json.dumps([dt, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, rc]))\n"
    )
    out = subprocess.run([sys.executable, "-c", wrapper, *command], cwd=cwd, capture_output=True, text=True, env=env or USER_ENV, check=True)
    seconds, rss, code = json.loads(out.stdout)
    return seconds, rss, code


def fresh_home(home: Path) -> dict[str, str]:
    """The environment of a first run on a new machine: an empty home and user cache folder."""
    import site

    (home / ".cache").mkdir(parents=True)
    # packages installed with `pip --user` stay importable under the new HOME
    return {**USER_ENV, "HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache"), "PYTHONUSERBASE": site.getuserbase()}


def postlint_command() -> list[str]:
    exe = shutil.which("postlint")
    return [exe] if exe else [sys.executable, "-m", "postlint"]


def cache_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else 0


def site_bench(temp: Path, args: argparse.Namespace) -> int:
    """Floor, cold, the first re-run after a cold run, later warm runs, then a run over the site
    after one post's body was edited and a run over that post alone after a second edit (a
    pre-commit run), each `--repeat` times, interleaved, on a generated site, with peak RSS and
    the cache's bytes per post (after the warm runs)."""
    started = time.perf_counter()
    site = generate_site(temp / "site", args.generate, internal_links=args.internal_links)
    files = markdown_files(site / "content")
    size_mb = sum(p.stat().st_size for p in files) / 1e6
    print(f"site: {len(files)} posts, {size_mb:.1f} MB, generated in {time.perf_counter() - started:.1f} s; "
          f"{os.cpu_count()} CPUs; python {sys.version.split()[0]}; load {os.getloadavg()[0]:.2f}")
    cache = temp / "cache"
    base = [*postlint_command(), "check", "--cache-dir", str(cache), "--exit-zero", "--quiet", "--format", "json"]
    if args.jobs:
        base += ["--jobs", str(args.jobs)]
    base.append("content")
    rows: dict[str, list[tuple[float, float | None]]] = {
        "floor": [], "cold": [], "first re-run": [], "warm": [], "edit, whole site": [], "edit, that post": [],
    }
    edited = files[len(files) // 2]  # a writer's edit of one post's body, then a pre-commit run over it
    per_post: list[tuple[int, int]] = []
    for _ in range(max(1, args.repeat)):
        rows["floor"].append((floor(files), None))
        shutil.rmtree(cache, ignore_errors=True)
        rows["cold"].append(timed(base, site)[:2])
        after_cold = cache_bytes(cache)
        rows["first re-run"].append(timed(base, site)[:2])
        rows["warm"].append(timed(base, site)[:2])
        per_post.append((after_cold, cache_bytes(cache)))
        with edited.open("a", encoding="utf-8") as out:
            out.write("\nOne more sentence, written by the edit benchmark.\n")
        rows["edit, whole site"].append(timed(base, site)[:2])
        with edited.open("a", encoding="utf-8") as out:
            out.write("\nAnd one more after it.\n")
        rows["edit, that post"].append(timed([*base[:-1], str(edited.relative_to(site))], site)[:2])
    floor_s = statistics.median(s for s, _ in rows["floor"])
    print(f"\n{'':22} {'seconds':>9} {'posts/s':>9} {'peak MB':>8} {'× floor':>8}   each run (× floor)")
    for name, runs in rows.items():
        seconds = statistics.median(s for s, _ in runs)
        rss = max((r or 0) for _, r in runs)
        each = " ".join(f"{s / f:.3f}" for (s, _), (f, _) in zip(runs, rows["floor"]))
        peak = f"{rss:8.0f}" if rss else f"{'-':>8}"
        print(f"{name:22} {seconds:9.2f} {len(files) / seconds:9.0f} {peak} {seconds / floor_s:8.3f}   {each}")
    print("results cache, bytes per post after the cold run / after the warm runs: "
          + "; ".join(f"{a / len(files):.0f} / {b / len(files):.0f}" for a, b in per_post))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", help="folder of Markdown posts (default: 2,000 generated posts)")
    parser.add_argument("--runs", type=int, default=3, help="one-file runs to average (default 3)")
    parser.add_argument("--jobs", type=int, default=0, help="postlint --jobs (default: one per CPU)")
    parser.add_argument("--skip-peers", action="store_true", help="do not run markdownlint-cli2 or pymarkdownlnt")
    parser.add_argument(
        "--generate", type=int, metavar="N", default=0,
        help="lint a generated site of N posts of ~150 words (unique titles and descriptions, `content-dirs` "
        "set) instead of a corpus: floor, cold, the first re-run after it, later warm runs, peak RSS of "
        "each and the results cache's size per post (no one-file runs, no peers)",
    )
    parser.add_argument("--internal-links", action="store_true", help="with --generate: each post links to two others (root-relative URLs)")
    parser.add_argument(
        "--repeat", type=int, default=1,
        help="measure floor, cold and warm this many times, interleaved, and print medians "
        "(shared machines drift by 20 %% within minutes: pairs measured side by side compare fairly)",
    )
    args = parser.parse_args()

    temp = Path(tempfile.mkdtemp(prefix="postlint-bench-"))
    if args.generate:
        try:
            return site_bench(temp, args)
        finally:
            shutil.rmtree(temp, ignore_errors=True)
    if args.corpus:
        corpus = Path(args.corpus).resolve()
    else:
        corpus = temp / "corpus"
        generate(corpus)
    files = markdown_files(corpus)
    size_mb = sum(p.stat().st_size for p in files) / 1e6
    print(f"corpus: {corpus} — {len(files)} files, {size_mb:.1f} MB; {os.cpu_count()} CPUs; python {sys.version.split()[0]}")

    figures: list[Figure] = []
    cache = temp / "cache"
    config = temp / "bench.postlint.yaml"
    config.write_text(f"cache-dir: {cache}\n", encoding="utf-8")
    base = [*postlint_command(), "check", "--config", str(config), "--exit-zero", "--quiet", "--format", "json"]
    if args.jobs:
        base += ["--jobs", str(args.jobs)]
    floors: list[float] = []
    colds: list[tuple[float, float | None]] = []
    warms: list[tuple[float, float | None]] = []
    for _ in range(max(1, args.repeat)):
        floors.append(floor(files))
        shutil.rmtree(cache, ignore_errors=True)
        seconds, rss, _ = timed([*base, str(corpus)], corpus)
        colds.append((seconds, rss))
        seconds, rss, _ = timed([*base, str(corpus)], corpus)
        warms.append((seconds, rss))
    floor_s = statistics.median(floors)
    figures.append(Figure("read+parse floor (1 core)", floor_s, len(files), size_mb))
    figures.append(Figure("postlint cold", statistics.median(s for s, _ in colds), len(files), size_mb, max(r or 0 for _, r in colds)))
    figures.append(Figure("postlint warm", statistics.median(s for s, _ in warms), len(files), size_mb, max(r or 0 for _, r in warms)))
    if args.repeat > 1:
        print("pairs (floor, cold, warm, cold/floor, warm/floor): " + "; ".join(
            f"{f:.1f} {c:.1f} {w:.2f} {c / f:.2f} {w / f:.3f}" for f, (c, _), (w, _) in zip(floors, colds, warms)
        ))
    one = files[len(files) // 2]
    one_size = one.stat().st_size / 1e6
    mdl = None if args.skip_peers else (os.environ.get("MARKDOWNLINT_CLI2") or shutil.which("markdownlint-cli2"))
    ours: list[tuple[float, float | None, int]] = []
    hooked: list[tuple[float, float | None, int]] = []
    theirs: list[tuple[float, float | None, int]] = []
    fresh: list[tuple[float, float | None, int]] = []
    # as pre-commit runs it: the cache of the whole corpus is there (from the runs above)
    # and the one file was just edited, so its findings are not
    edited = temp / "edited" / one.name
    edited.parent.mkdir()
    original = one.read_bytes()
    for run in range(args.runs):  # one file: postlint and markdownlint-cli2 in turn, medians
        ours.append(timed([*postlint_command(), "check", "--config", str(config), "--exit-zero", "--no-cache", str(one)], corpus))
        edited.write_bytes(original + f"\nEdit number {run}.\n".encode())
        hooked.append(timed([*postlint_command(), "check", "--config", str(config), "--exit-zero", str(edited)], corpus))
        fresh.append(timed([*postlint_command(), "check", "--config", str(config), "--exit-zero", "--no-cache", str(one)], corpus,
                           env=fresh_home(temp / f"home-{run}")))
        if mdl:
            theirs.append(timed([mdl, str(one)], corpus))
    figures.append(Figure("postlint one file", statistics.median(r[0] for r in ours), 1, one_size, max(r[1] or 0 for r in ours)))
    figures.append(Figure("postlint one edited, cached", statistics.median(r[0] for r in hooked), 1, one_size, max(r[1] or 0 for r in hooked)))
    figures.append(Figure("postlint one file, fresh", statistics.median(r[0] for r in fresh), 1, one_size, max(r[1] or 0 for r in fresh)))
    # the same edited post in a site whose index is the whole corpus (its summaries cached by one full run)
    site_config = temp / "site.postlint.yaml"
    site_config.write_text(f"cache-dir: {cache}\ncontent-dirs: [{json.dumps(str(corpus))}]\n", encoding="utf-8")
    timed([*postlint_command(), "check", "--config", str(site_config), "--exit-zero", "--quiet", "--format", "json"], corpus)
    indexed: list[tuple[float, float | None, int]] = []
    for run in range(args.runs):
        edited.write_bytes(original + f"\nSite edit number {run}.\n".encode())
        indexed.append(timed([*postlint_command(), "check", "--config", str(site_config), "--exit-zero", str(edited)], corpus))
    figures.append(Figure("postlint one edited, in a site", statistics.median(r[0] for r in indexed), 1, one_size, max(r[1] or 0 for r in indexed)))

    if not args.skip_peers:
        if mdl:
            seconds, rss, _ = timed([mdl, "**/*.md", "#node_modules"], corpus)
            figures.append(Figure("markdownlint-cli2", seconds, len(files), size_mb, rss))
            figures.append(Figure("markdownlint-cli2 one file", statistics.median(r[0] for r in theirs), 1, one_size, max(r[1] or 0 for r in theirs)))
            print("one file, postlint / markdownlint-cli2 per pair: " + " ".join(f"{a[0] / b[0]:.2f}" for a, b in zip(ours, theirs)))
            print("one file on a fresh machine (empty user cache), postlint / markdownlint-cli2 per pair: "
                  + " ".join(f"{a[0] / b[0]:.2f}" for a, b in zip(fresh, theirs)))
            print("one edited file with the corpus cache, postlint / markdownlint-cli2 per pair: " + " ".join(f"{a[0] / b[0]:.2f}" for a, b in zip(hooked, theirs)))
            print("one edited file with the corpus as its site index, postlint / markdownlint-cli2's median one file: "
                  f"{statistics.median(r[0] for r in indexed) / statistics.median(r[0] for r in theirs):.2f}")
        else:
            print("markdownlint-cli2: not installed (npm install -g markdownlint-cli2, or set MARKDOWNLINT_CLI2)")
        pymd = shutil.which("pymarkdown")
        if pymd:
            seconds, rss, _ = timed([pymd, "scan", "-r", str(corpus)], corpus)
            figures.append(Figure("pymarkdownlnt", seconds, len(files), size_mb, rss))
        else:
            print("pymarkdownlnt: not installed (pip install pymarkdownlnt)")

    print(f"\n{'':30} {'seconds':>9} {'files/s':>9} {'MB/s':>7} {'peak MB':>8} {'× floor':>8}")
    for fig in figures:
        rate = fig.files / fig.seconds if fig.seconds else float("inf")
        mbs = fig.megabytes / fig.seconds if fig.seconds else float("inf")
        rss = f"{fig.rss_mb:8.0f}" if fig.rss_mb else f"{'-':>8}"
        print(f"{fig.name:30} {fig.seconds:9.2f} {rate:9.0f} {mbs:7.2f} {rss} {fig.seconds / floor_s:8.3f}")
    shutil.rmtree(temp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
