"""The site index: URL paths, link resolution across posts, and the pre-commit case."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from postlint.cache.runner import run
from postlint.model.config import from_mapping
from postlint.model.context import Context
from postlint.parse.document import Post
from postlint.site.index import PostSummary, Site, normalize_url_path

TODAY = dt.date(2025, 6, 1)


def write(root: Path, rel: str, front: str, body: str = "Text.\n") -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front}\n---\n\n{body}", encoding="utf-8")
    return path


def site_for(root: Path, paths: list[Path], **config: object) -> Site:
    cfg = from_mapping(dict(config), root=root)
    ctx = Context(cfg, TODAY, run_posts=[Post.from_path(p) for p in paths], site_factory=Site.build)
    return ctx.site


def lint(root: Path, paths: list[Path], select: list[str], **config: object) -> list[tuple[str, str, int, int, str]]:
    cfg = from_mapping({"select": select, **config}, root=root)
    result = run([str(p) for p in paths], cfg, cwd=root, today=TODAY)
    return [(f.path, f.code, f.line, f.column, f.message) for f in result.findings]


def test_url_paths_follow_the_content_tree(tmp_path: Path) -> None:
    posts = [
        write(tmp_path, "content/posts/hello.md", 'title: "Hello"'),
        write(tmp_path, "content/posts/bundle/index.md", 'title: "Bundle"'),
        write(tmp_path, "content/docs/_index.md", 'title: "Docs"'),
        write(tmp_path, "content/posts/renamed.md", 'title: "Renamed"\nslug: better-name'),
        write(tmp_path, "content/posts/moved.md", 'title: "Moved"\nurl: /elsewhere/moved'),
        write(tmp_path, "content/posts/perma.md", 'title: "Perma"\npermalink: /p/feed.xml'),
        write(tmp_path, "content/index.md", 'title: "Home"'),
    ]
    site = site_for(tmp_path, posts)
    assert [s.url_path for s in site.posts] == [
        "/posts/hello/", "/posts/bundle/", "/docs/", "/posts/better-name/", "/elsewhere/moved/", "/p/feed.xml", "/",
    ]
    assert site.posts[3].slug == "better-name"


def test_site_permalink_pattern(tmp_path: Path) -> None:
    posts = [
        write(tmp_path, "content/posts/hello.md", 'title: "Hello"\ndate: 2024-03-07'),
        write(tmp_path, "content/news/other.md", 'title: "Other"\ndate: 2023-11-20\nslug: Custom'),
        write(tmp_path, "content/news/explicit.md", 'title: "Explicit"\nurl: /kept/'),
    ]
    site = site_for(tmp_path, posts, site={"permalink": "/blog/{year}/{month}/{slug}/"})
    assert [s.url_path for s in site.posts] == ["/blog/2024/03/hello/", "/blog/2023/11/Custom/", "/kept/"]
    site = site_for(tmp_path, posts, site={"permalink": "/{section}/:slug/"})
    assert [s.url_path for s in site.posts][:2] == ["/posts/hello/", "/news/Custom/"]


def test_content_root_without_content_folder_is_the_config_folder(tmp_path: Path) -> None:
    post = write(tmp_path, "blog/first-post.md", 'title: "First"')
    assert site_for(tmp_path, [post]).posts[0].url_path == "/blog/first-post/"
    assert site_for(tmp_path, [post], site={"content-root": "blog"}).posts[0].url_path == "/first-post/"
    outside = write(tmp_path, "elsewhere/bundle/index.md", 'title: "Outside"')
    site = site_for(tmp_path, [post, outside], site={"content-root": "blog"})
    assert [s.url_path for s in site.posts] == ["/first-post/", "/bundle/"]  # outside the root: by name


def test_normalize_url_path() -> None:
    assert normalize_url_path("posts/x") == "/posts/x/"
    assert normalize_url_path("/") == "/"
    assert normalize_url_path("/feed.xml") == "/feed.xml"


def test_summary_is_plain_data_with_anchors(tmp_path: Path) -> None:
    post = write(
        tmp_path, "content/a.md", 'title: "A"\ndescription: "About A"',
        "## Getting started\n\n## Getting started\n\n### Setup {#install}\n\n<div id=\"html-anchor\"></div>\n\n```\n## not a heading\n```\n",
    )
    site = site_for(tmp_path, [post])
    summary = site.posts[0]
    assert isinstance(summary, PostSummary)
    assert summary.anchors is None  # built lazily: a summary needs no Markdown parse
    assert site.anchors(summary) == frozenset({"getting-started", "getting-started-1", "install", "html-anchor"})
    assert (summary.title, summary.description, summary.title_line, summary.description_line) == ("A", "About A", 2, 3)


def test_pre_commit_run_still_sees_unchanged_posts(tmp_path: Path) -> None:
    old = write(tmp_path, "content/posts/old.md", 'title: "Shared Title Here"\ndescription: "Same words"')
    new = write(tmp_path, "content/posts/new.md", 'title: "shared title here"\ndescription: "Same  words"')
    write(tmp_path, "content/posts/other/index.md", 'title: "Other"\nslug: new')
    with_dirs = lint(tmp_path, [new], ["SEO004", "SEO005", "SEO006"], **{"content-dirs": ["content"]})
    assert with_dirs == [
        ("content/posts/new.md", "SEO006", 1, 1, "URL path `/posts/new/` is also used by content/posts/other/index.md"),
        ("content/posts/new.md", "SEO004", 2, 1, "title “shared title here” is also used by content/posts/old.md"),
        ("content/posts/new.md", "SEO005", 3, 1, "description is also used by content/posts/old.md"),
    ]
    assert lint(tmp_path, [new], ["SEO004", "SEO005", "SEO006"]) == []  # without content-dirs only the run's files count
    both = lint(tmp_path, [old, new], ["SEO004"])
    assert [(p, c, line) for p, c, line, _, _ in both] == [("content/posts/new.md", "SEO004", 2), ("content/posts/old.md", "SEO004", 2)]


def test_internal_links_resolve_across_posts(tmp_path: Path) -> None:
    write(tmp_path, "content/posts/target.md", 'title: "Target"\nslug: the-target', "## Deep dive\n\nText.\n")
    write(tmp_path, "content/posts/bundle/index.md", 'title: "Bundle"', "## Inside\n")
    (tmp_path / "content/posts/bundle/diagram.svg").write_text("<svg/>", encoding="utf-8")
    (tmp_path / "static/files").mkdir(parents=True)
    (tmp_path / "static/files/guide.pdf").write_bytes(b"%PDF")
    body = "\n".join(
        [
            "[ok 1](/posts/the-target/#deep-dive)",
            "[ok 2](../the-target/)",
            "[ok 3](target.md#deep-dive)",
            "[ok 4](https://example.org/blog/posts/bundle/#inside)",
            "[ok 5](/files/guide.pdf)",
            "[ok 6](../bundle/diagram.svg)",
            "[ok 7](/posts/the-target)",
            "[bad 1](/posts/target/)",
            "[bad 2](../the-target/#shallow-dive)",
            "[bad 3](https://example.org/blog/posts/gone/)",
            "[ok 8](https://example.org/other-site/)",
            "[bad 4](./bundle/index.md#outside)",
            "[ok 9](/) [ok 10](/posts/) [ok 11](https://example.org/blog/)",
            "[bad 5](/files/nothing.pdf) [unverified: outside the indexed folders](/nothing/)",
            "",
        ]
    )
    source = write(tmp_path, "content/posts/source.md", 'title: "Source"', body)
    found = lint(tmp_path, [source], ["LNK006"], **{"content-dirs": ["content"], "site": {"url": "https://example.org/blog/"}})
    assert [(line, message) for _, _, line, _, message in found] == [
        (12, "internal link `/posts/target/` resolves to no post or file of the site"),
        (13, "`#shallow-dive` names no heading of content/posts/target.md"),
        (14, "internal link `https://example.org/blog/posts/gone/` resolves to no post or file of the site"),
        (16, "`#outside` names no heading of content/posts/bundle/index.md"),
        (18, "internal link `/files/nothing.pdf` resolves to no post or file of the site"),
    ]


def test_links_to_unindexed_posts_are_read_for_their_anchors(tmp_path: Path) -> None:
    write(tmp_path, "content/posts/target.md", 'title: "Target"', "## Real heading\n")
    source = write(tmp_path, "content/posts/source.md", 'title: "Source"', "[a](/posts/target/#real-heading) [b](/posts/target/#fake)\n")
    found = lint(tmp_path, [source], ["LNK006"])  # no content-dirs: the target is found on disk
    assert [(c, line, col, m) for _, c, line, col, m in found] == [
        ("LNK006", 5, 34, "`#fake` names no heading of content/posts/target.md"),
    ]


def test_a_large_duplicate_group_names_three_others_and_counts_the_rest(tmp_path: Path) -> None:
    posts = [
        write(tmp_path, f"content/posts/p{i:02d}.md", f'title: "Post {i}"\ndescription: "The theme default description."')
        for i in range(12)
    ]
    found = lint(tmp_path, posts, ["SEO005"])
    assert len(found) == 12
    assert found[0] == (
        "content/posts/p00.md", "SEO005", 3, 1,
        "description is also used by content/posts/p01.md, content/posts/p02.md, content/posts/p03.md and 8 more",
    )
    assert found[5][4] == "description is also used by content/posts/p00.md, content/posts/p01.md, content/posts/p02.md and 8 more"
    pair = lint(tmp_path, posts[:3], ["SEO005"])
    assert pair[0][4] == "description is also used by content/posts/p01.md and content/posts/p02.md"


def test_keyphrase_cannibalisation_names_the_other_posts(tmp_path: Path) -> None:
    a = write(tmp_path, "content/a.md", 'title: "A"\nkeyphrase: Cold Brew')
    b = write(tmp_path, "content/b.md", 'title: "B"\nkeyphrase:\n  - pour over\n  - cold  brew')
    c = write(tmp_path, "content/c.md", 'title: "C"\nfocus: cold brew')
    assert lint(tmp_path, [a, b, c], ["SEO009"]) == [
        ("content/a.md", "SEO009", 3, 1, "focus keyphrase “Cold Brew” is also used by content/b.md"),
        ("content/b.md", "SEO009", 5, 1, "focus keyphrase “cold brew” is also used by content/a.md"),
    ]
    by_focus = lint(tmp_path, [a, b, c], ["SEO009"], SEO009={"field": "focus"})
    assert by_focus == []  # only c declares `focus`
    write(tmp_path, "content/d.md", 'title: "D"\nfocus: Cold brew')
    assert [f[:3] for f in lint(tmp_path, [c], ["SEO009"], SEO009={"field": "focus"}, **{"content-dirs": ["content"]})] == [
        ("content/c.md", "SEO009", 3)
    ]
