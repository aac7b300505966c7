"""SEO008's link graph through the cached runner, and `postlint suggest-links`."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from harness import TODAY
from postlint.cli.main import cli
from postlint.model.config import from_mapping
from postlint.cache.runner import run


def _write(path: Path, title: str, body: str, extra: str = "") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'---\ntitle: "{title}"\n{extra}---\n\n{body}\n', encoding="utf-8")


def _site(root: Path) -> Path:
    posts = root / "content" / "posts"
    _write(posts / "brew.md", "Cold brew at home", "Cold brew wants a coarse grind from a hand grinder. See [pour over](/posts/pour-over/).", "keyphrase: cold brew\n")
    _write(posts / "grinder.md", "Choosing a hand grinder", "Grinders, compared. [Back](../brew.md)", "keyphrase: hand grinder\n")
    _write(posts / "pour-over.md", "Pour over basics", 'Slow. {{< ref "grinder.md" >}} is not a link; [the grinder]({{< relref "grinder.md" >}}) is.', "keyphrase: pour over\n")
    _write(posts / "lonely.md", "A lonely post", "Nobody links here; it links to itself: [me](/posts/lonely/).\n\n```\n[brew](/posts/brew/)\n```")
    return root


def _orphans(root: Path, paths: list[str], **options: object) -> list[str]:
    config = from_mapping({"content-dirs": ["content"], "cache-dir": ".cache", "select": ["SEO008"]}, root=root)
    result = run(paths, config, cwd=root, today=TODAY, **options)  # type: ignore[arg-type]
    return [f"{f.path}:{f.line} {f.message}" for f in result.findings]


def test_orphans_are_posts_no_other_post_links_to(tmp_path: Path) -> None:
    root = _site(tmp_path)
    assert _orphans(root, [str(root / "content")], jobs=1) == [
        "content/posts/lonely.md:2 no other post of the site links to this post (/posts/lonely/): link to it from a related post"
    ]


def test_a_one_file_run_reads_the_other_posts_links_once_then_from_the_cache(tmp_path: Path, monkeypatch) -> None:
    from postlint.parse.document import Post

    root = _site(tmp_path)
    one = str(root / "content" / "posts" / "lonely.md")
    expected = ["content/posts/lonely.md:2 no other post of the site links to this post (/posts/lonely/): link to it from a related post"]
    assert _orphans(root, [one], use_cache=True) == expected  # cold: the three other posts parsed for their links
    parsed: list[str] = []
    original = Post.links.fget  # type: ignore[attr-defined]
    monkeypatch.setattr(Post, "links", property(lambda self: parsed.append(self.display_path) or original(self)))
    assert _orphans(root, [one], use_cache=True) == expected
    assert parsed == []  # warm: every post's links come from the cache
    assert _orphans(root, [str(root / "content" / "posts" / "brew.md")], use_cache=True) == []


def test_without_content_dirs_there_is_no_orphan_finding(tmp_path: Path) -> None:
    root = _site(tmp_path)
    config = from_mapping({"select": ["SEO008"]}, root=root)
    assert run([str(root / "content")], config, cwd=root, today=TODAY, jobs=1).findings == []


def test_suggest_links_ranks_mentioned_unlinked_posts(tmp_path: Path, monkeypatch) -> None:
    root = _site(tmp_path)
    (root / ".postlint.yaml").write_text("content-dirs: [content]\n", encoding="utf-8")
    _write(root / "content" / "posts" / "new.md", "A new post", "Cold brew and cold brew again; a hand grinder helps. Pour over basics too. [Basics](/posts/pour-over/)")
    monkeypatch.chdir(root)
    result = CliRunner().invoke(cli, ["suggest-links", "content/posts/new.md", "--format", "json"])
    assert result.exit_code == 0, result.output
    found = [(s["display_path"], s["phrase"], s["kind"], s["line"], s["mentions"], s["score"]) for s in json.loads(result.output)]
    # pour-over is linked already; cold brew: 2 mentions x 2 words x 2 (keyphrase); hand grinder 1 x 2 x 2
    assert found == [
        ("content/posts/brew.md", "cold brew", "keyphrase", 5, 2, 8),
        ("content/posts/grinder.md", "hand grinder", "keyphrase", 5, 1, 4),
    ]
    text = CliRunner().invoke(cli, ["suggest-links", "content/posts/new.md", "--limit", "1"])
    assert text.output == (
        "content/posts/new.md: 1 post to link to, best first\n"
        "     8  /posts/brew/  content/posts/brew.md\n"
        "        “cold brew” (keyphrase) at line 5, 2 mentions\n"
    )
    missing = CliRunner().invoke(cli, ["suggest-links", "nope.md"])
    assert missing.exit_code == 2 and "nope.md: no such file" in missing.output


def test_an_indexed_post_s_links_come_from_a_scan_of_its_source() -> None:
    from postlint.site.postfacts import scanned_targets
    from postlint.site.index import Site

    site = Site(Path("/site"), Path("/site/content"), [], site_url="https://example.org/blog")
    body = (
        "See [a](/a/), [b](<../b.md>), `[c](/c/)`, ``[c2](/c2/)``, [d]({{< relref \"d.md\" >}}), [e](https://example.org/blog/e/).\n"
        "```\n[in code](/code/)\n```\n"
        "[f]: /f/#x\n"
        "<a href=\"/g/?q=1&amp;r=2\">g</a> [h](https://other.example/) [i](#top) [m](mailto:x@example.org) [a again](/a/)\n"
    )
    assert scanned_targets(body, site) == ("/a/", "../b.md", "ref:d.md", "https://example.org/blog/e/", "/f/#x", "/g/?q=1&r=2")
    # images and footnotes are no links, as the parse has them: a linked image's link is
    images = "![alt](/img/a.png) ![alt [with] brackets](../b.png) [![badge](/img/c.svg)](/linked/) [text [in] brackets](/t/)\n\n[^1]: A note.\n"
    assert scanned_targets(images, site) == ("/linked/", "/t/")
    # a template with spaces and what follows it, as Jekyll's posts link (the parse had them; the scan did not)
    liquid = '[a]({{ site.baseurl }}/docs/x/) [b]({{ "/docs/history/#v3" | relative_url }}) [c]({{site.baseurl}}/y/)'
    assert scanned_targets(liquid, site) == ("/docs/x/", "/docs/history/#v3", "/y/")
    # hostile bodies: a run of backticks, unclosed fences and tags are scanned once, not re-scanned per character
    for hostile in ["`" * 100_000, "```" + "`" * 50_000 + "\n", "<a " * 20_000, "[x]: \n" * 50_000, "]({{" * 50_000, "]({%" * 50_000]:
        assert scanned_targets(hostile, site) == ()
    # one long line of links after one `[`: neither the code-span count nor the image check walks
    # back over the line for each link (that was quadratic: 13 s for 100 KB)
    assert scanned_targets(("[" + "](x) " * 199) * 500, site) == ("x",)
    found = scanned_targets("](" * 50_000, site)  # nonsense targets, each of bounded length
    assert 0 < len(found) <= 1000 and max(map(len, found)) <= 2000


def test_no_orphans_are_reported_when_most_internal_links_land_nowhere(tmp_path: Path) -> None:
    """Posts that link by a URL scheme postlint does not know (`/2024/01/02/slug/` without
    `site.permalink`): every post would look orphaned, so SEO008 says nothing (LNK006 does)."""
    posts = tmp_path / "content" / "posts"
    for name, other in (("first", "second"), ("second", "third"), ("third", "first")):
        _write(posts / f"{name}.md", name.title() + " post", f"Read [the {other} post](/2024/01/02/{other}/).")
    assert _orphans(tmp_path, [str(tmp_path / "content")], jobs=1) == []
    config = from_mapping({"content-dirs": ["content"], "select": ["SEO008"], "site": {"permalink": "/{year}/{month}/{day}/{slug}/"}}, root=tmp_path)
    for name in ("first", "second", "third"):  # dated now: the links resolve, and nobody is an orphan
        path = posts / f"{name}.md"
        path.write_text(path.read_text(encoding="utf-8").replace("---\n\n", "date: 2024-01-02\n---\n\n", 1), encoding="utf-8")
    assert run([str(tmp_path / "content")], config, cwd=tmp_path, today=TODAY, jobs=1).findings == []
    _write(posts / "fourth.md", "Fourth post", "Nobody links here.", "date: 2024-01-02\n")
    found = run([str(tmp_path / "content")], config, cwd=tmp_path, today=TODAY, jobs=1).findings
    assert [(f.path, f.code) for f in found] == [("content/posts/fourth.md", "SEO008")]


def test_a_link_no_url_parser_takes_is_not_the_site_s_and_the_run_goes_on(tmp_path: Path) -> None:
    """Text a URL parser refuses (`https://gi[Boulder](https://…`: an HTML link broken by a Markdown
    one, as on letsencrypt.org's site; an unclosed `[`; a site URL that is no URL) is not a link into
    the site. A pre-commit run over another post, which only scans that post for its links, stopped
    with `internal error: ValueError: 'Boulder' does not appear to be an IPv4 or IPv6 address`."""
    from postlint.site.index import Site

    root = _site(tmp_path)
    broken = '<a href="https://gi[Boulder](https://github.com/letsencrypt/boulder) is ours.\n\nSee [brew](https://example.org/posts/brew/).'
    _write(root / "content" / "posts" / "broken.md", "A broken anchor", broken)
    config = from_mapping({"content-dirs": ["content"], "select": ["SEO008"], "site": {"url": "https://example.org"}}, root=root)
    result = run([str(root / "content" / "posts" / "lonely.md")], config, cwd=root, today=TODAY, jobs=1)
    assert [f"{f.path}:{f.line} {f.code}" for f in result.findings] == ["content/posts/lonely.md:2 SEO008"]
    site = Site.from_config(config)
    assert [site.internal_path(url) for url in ("https://gi[Boulder](https://x", "https://[::1/x", "https://example.org/posts/brew/")] == [
        None, None, "/posts/brew/"
    ]
    site = Site.from_config(from_mapping({"site": {"url": "https://[oops"}}, root=root))
    assert site.internal_path("https://example.org/posts/brew/") is None


def test_a_run_over_part_of_a_site_finds_the_orphans_with_or_without_the_cache(tmp_path: Path) -> None:
    """The posts a run only indexes have their links from a scan; a run over the whole site before
    it parsed them, and the cache serves those links. The scan took an image and a footnote for
    links that land nowhere, which made SEO008 think the site's URL scheme unknown and fall silent
    without the cache, while with it (the parse's links) it named the orphan: now both name it
    (Astro's blog example: `using-mdx.mdx`)."""
    import os
    import time

    posts = tmp_path / "src" / "content" / "blog"
    _write(posts / "guide.md", "A style guide", "![Alt text](./full/or/relative/path/of/image)\n\n![placeholder](../../assets/x.jpg)\n\nA note[^1].\n\n[^1]: The note.\n\nSee [the first](/blog/first/).")
    _write(posts / "first.md", "The first post", "Back to [the guide](/blog/guide/).")
    _write(posts / "lonely.md", "A lonely post", "Nobody links here.")
    config = from_mapping({"content-dirs": ["src/content/blog"], "cache-dir": ".cache", "select": ["SEO008"], "site": {"permalink": "/blog/{slug}/"}}, root=tmp_path)

    def orphans(paths: list[str], **options: object) -> list[str]:
        result = run(paths, config, cwd=tmp_path, today=TODAY, jobs=1, **options)  # type: ignore[arg-type]
        return [f"{f.path} {f.code}" for f in result.findings]

    stamp = time.time() - 60
    for path in tmp_path.rglob("*"):
        os.utime(path, (stamp, stamp))
    lonely = str(posts / "lonely.md")
    assert orphans([str(posts)], use_cache=True) == ["src/content/blog/lonely.md SEO008"]
    assert orphans([lonely], use_cache=True) == orphans([lonely]) == ["src/content/blog/lonely.md SEO008"]
