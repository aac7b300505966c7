#!/usr/bin/env python3
"""How long `postlint server` takes to re-lint a 3,000-word post after a change.

Usage:
    python benchmarks/lsp_latency.py [--posts N] [--changes N] [--skip-lsp]

A site of N generated posts (benchmarks/bench.py's generator, `content-dirs` set,
so the cross-post rules run against a real index) and one post of about 3,000
words are written to a temporary folder. Figures printed (nothing is asserted):

- in-process: `Project.lint` of the long post after each one-word change (what the
  server runs once the debounce fires): median, 90th percentile, worst, and the
  median CPU time (steadier than the wall clock on a shared machine);
- over LSP: the server as a subprocess, driven by pygls's client; each change is
  sent as `didChange` followed by `didSave` (which lints at once, skipping the
  debounce), timed until the diagnostics of that version arrive: the latency a
  writer sees, JSON-RPC and the client's own work included.

The target is 50 ms per re-lint. The first lint (which also builds the site
index) is printed apart.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import WORDS, generate  # noqa: E402

TARGET_MS = 50.0


def long_post(words: int = 3000, seed: int = 11) -> str:
    rng = random.Random(seed)

    def sentence() -> str:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20))).capitalize() + "."

    lines = [
        "---",
        'title: "A long guide to brewing coffee at home"',
        "date: 2024-05-02",
        'description: "Everything about grinders, kettles, filters and water for a better cup at home, step by step."',
        "image: /media/long.webp",
        "tags: [coffee, brewing]",
        "---",
        "",
        "![A long guide to brewing coffee at home](/media/long.webp)",
        "",
    ]
    count = 0
    section = 0
    while count < words:
        section += 1
        lines += [f"## Step {section}: {' '.join(rng.sample(WORDS, 3))}", ""]
        for _ in range(3):
            paragraph = " ".join(sentence() for _ in range(rng.randint(3, 6)))
            count += len(paragraph.split())
            lines += [paragraph, ""]
        lines += [f"See [the {rng.choice(WORDS)} notes](/posts/missing-{section}/) and [the source](https://example.com/{section}).", ""]
    lines += ["## Start brewing today", "", "Subscribe to the newsletter for more recipes.", ""]
    return "\n".join(lines)


def changed(text: str, index: int) -> str:
    """The text with one word of a body paragraph replaced (a keystroke's worth of change)."""
    at = text.index("\n## Step 2") + 20 + index * 7
    return text[:at] + "x" + text[at + 1 :]


def figures(name: str, seconds: list[float]) -> str:
    ms = sorted(s * 1000 for s in seconds)
    p90 = ms[min(len(ms) - 1, int(len(ms) * 0.9))]
    verdict = "within" if statistics.median(ms) <= TARGET_MS else "OVER"
    return f"{name}: median {statistics.median(ms):.1f} ms, p90 {p90:.1f} ms, worst {ms[-1]:.1f} ms ({len(ms)} changes; {verdict} the {TARGET_MS:.0f} ms target)"


def in_process(root: Path, path: Path, text: str, changes: int) -> None:
    from postlint.server.project import Project

    project = Project(root)
    start = time.perf_counter()
    first = project.lint(path, text)
    assert first is not None, project.error
    print(f"first lint (builds the site index): {(time.perf_counter() - start) * 1000:.0f} ms, {len(first.findings)} findings")
    times, cpu = [], []
    for index in range(changes):
        start, start_cpu = time.perf_counter(), time.process_time()
        project.lint(path, changed(text, index))
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    print(figures("in-process re-lint", times))
    print(f"  CPU time of the same re-lints: median {statistics.median(cpu) * 1000:.1f} ms (what a busy machine's wall clock adds waiting is not in it)")


def over_lsp(root: Path, path: Path, text: str, changes: int) -> None:
    from lsprotocol import types
    from pygls.lsp.client import LanguageClient

    async def drive() -> list[float]:
        client = LanguageClient("lsp-latency", "1")
        arrived: dict[int, float] = {}

        @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params: types.PublishDiagnosticsParams) -> None:
            if params.version is not None:
                arrived.setdefault(params.version, time.perf_counter())

        async def until(version: int) -> float:
            while version not in arrived:
                await asyncio.sleep(0.0005)
            return arrived[version]

        await client.start_io(sys.executable, "-m", "postlint", "server", cwd=str(root))
        await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=root.as_uri()))
        client.initialized(types.InitializedParams())
        uri = path.as_uri()
        client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "markdown", 1, text)))
        await asyncio.wait_for(until(1), 120)
        times = []
        for index in range(changes):
            version = index + 2
            start = time.perf_counter()
            identifier = types.VersionedTextDocumentIdentifier(uri=uri, version=version)
            change = types.TextDocumentContentChangeWholeDocument(text=changed(text, index))
            client.text_document_did_change(types.DidChangeTextDocumentParams(identifier, [change]))
            client.text_document_did_save(types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri)))
            times.append(await asyncio.wait_for(until(version), 60) - start)
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()
        return times

    print(figures("over LSP (didChange + didSave -> publishDiagnostics)", asyncio.run(drive())))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=300, help="generated posts in the site index (default 300)")
    parser.add_argument("--changes", type=int, default=30, help="changes timed (default 30)")
    parser.add_argument("--skip-lsp", action="store_true", help="time the in-process re-lint only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder).resolve()
        generate(root, args.posts)
        (root / ".postlint.yaml").write_text("content-dirs: [posts]\n", encoding="utf-8")
        text = long_post()
        path = root / "posts" / "long.md"
        path.write_text(text, encoding="utf-8")
        print(f"site: {args.posts + 1} posts; the edited post: {len(text.split())} words (front matter and Markdown included)")
        in_process(root, path, text, args.changes)
        if not args.skip_lsp:
            over_lsp(root, path, text, args.changes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
