#!/usr/bin/env python3
"""The HTML site report on a big generated site: its size, the time to write it, the time to open it.

Usage:
    python benchmarks/html_report.py [--posts N] [--jobs N] [--screenshot FILE] [--site DIR]

Writes a deterministic site of N posts (default 10,000; `bench.generate`'s posts,
each with up to three internal links to other posts, so the link graph has hubs,
orphans and posts without outbound links) to a temporary folder (or `--site`),
runs `postlint check --format html` on it cold (empty cache) and warm, and prints
the wall time of each, the report's size, and, when Debian's chromium and
Playwright are installed, the time headless Chromium takes to load and lay out
the report (and a full-page screenshot with `--screenshot`). Nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench import generate, markdown_files  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]


def build(folder: Path, count: int, seed: int = 11) -> None:
    """`count` posts under folder/content/posts, a few linking to others (popular ones more)."""
    content = folder / "content"
    generate(content, count)
    posts = markdown_files(content)
    slugs = [p.stem for p in posts]
    rng = random.Random(seed)
    for index, path in enumerate(posts):
        links = rng.choice([0, 1, 1, 2, 3])
        targets = {slugs[min(int(rng.paretovariate(1.2)) * 7 % count, count - 1)] if rng.random() < 0.5 else rng.choice(slugs) for _ in range(links)}
        extra = "".join(f"\n\nSee also [this post](/posts/{t}/)." for t in sorted(targets) if t != path.stem)
        with path.open("a", encoding="utf-8") as handle:
            handle.write(extra)
    (folder / ".postlint.yaml").write_text("content-dirs: [content]\ncache-dir: .cache\n", encoding="utf-8")


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def open_in_browser(report: Path, screenshot: Path | None) -> str:
    if not os.path.exists(CHROMIUM):
        return f"browser: skipped ({CHROMIUM} missing)"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return "browser: skipped (playwright not installed)"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            errors: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            start = time.perf_counter()
            page.goto(report.as_uri(), wait_until="load", timeout=600_000)
            page.evaluate("document.body.getBoundingClientRect().height")  # forces layout
            loaded = time.perf_counter() - start
            charts = page.locator("svg.chart").count()
            rows = page.locator("#posts-table tbody tr").count()
            if screenshot is not None:
                page.screenshot(path=str(screenshot), full_page=False)
        finally:
            browser.close()
    return f"browser: loaded and laid out in {loaded:.2f} s; {charts} charts, {rows} post rows, {len(errors)} console errors"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=0)
    parser.add_argument("--site", type=Path, help="write the site here (kept) instead of a temporary folder")
    parser.add_argument("--screenshot", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = args.site or Path(temp)
        if not (folder / "content").is_dir():
            build(folder, args.posts)
        command = [sys.executable, "-m", "postlint", "check", "--format", "html", "-o", "report.html", "-q", "-j", str(args.jobs)]
        cold = timed(command, folder)
        size = (folder / "report.html").stat().st_size
        warm = timed(command, folder)
        print(f"{args.posts} posts: report {size / 1e6:.1f} MB; cold run {cold:.1f} s, warm run {warm:.1f} s")
        print(open_in_browser(folder / "report.html", args.screenshot))
    return 0


if __name__ == "__main__":
    sys.exit(main())
