"""One small site per generator (tests/sites/<generator>/, no postlint config): what postlint
detects, the URLs it computes, and exactly what it reports and does not report."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from postlint.cli.main import main

SITES = Path(__file__).parent / "sites"
#: the rules whose findings depend on the generator's semantics (dates, titles, hero images, URLs)
SELECT = "FM001,FM002,FM003,FM004,FM007,FM009,FM010,IMG,LNK006,SEO004,SEO005,SEO006,HD002"


@pytest.fixture
def site(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of tests/sites/<name> (outside this repository, whose pyproject.toml configures postlint) as the working directory."""
    copy = tmp_path / request.param
    shutil.copytree(SITES / request.param, copy)
    monkeypatch.chdir(copy)
    return copy


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:
    code = main(["check", "--no-cache", "--format", "json", *args])
    return code, json.loads(capsys.readouterr().out)


def found(report: dict) -> list[tuple[str, int, str]]:
    return [(f["path"], f["line"], f["code"]) for f in report["findings"]]


def site_info(capsys: pytest.CaptureFixture[str], *paths: str) -> dict:
    assert main(["site", "--format", "json", *paths]) == 0
    return json.loads(capsys.readouterr().out)


def urls(info: dict) -> dict[str, str]:
    return {post["path"]: post["url_path"] for post in info["posts"]}


# --- Hugo -------------------------------------------------------------------------------------


@pytest.mark.parametrize("site", ["hugo"], indirect=True)
def test_hugo_site(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, report = check(capsys, "--select", SELECT)
    # the only finding: a link to a URL no post has. Not reported: `_index.md` (a list page: no
    # title-length, no required date), `images`/`cover.image` social images that the body does not
    # show (IMG003), links to an alias, to the French post and to a post's permalink
    assert found(report) == [("content/en/posts/river-survey/index.md", 13, "LNK006")]
    assert report["summary"]["files"] == 5
    assert code == 1


@pytest.mark.parametrize("site", ["hugo"], indirect=True)
def test_hugo_list_pages_get_no_post_rules_and_templates_are_not_posts(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, report = check(capsys, ".")
    assert "content/en/posts/_index.md" not in {f["path"] for f in report["findings"]}
    assert report["summary"]["files"] == 5  # archetypes/default.md is a template: not linted


@pytest.mark.parametrize("site", ["hugo"], indirect=True)
def test_hugo_settings_and_urls(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    info = site_info(capsys, "content/en/posts/moss-count.md", "content/en/posts/river-survey/index.md", "content/fr/posts/releve.md", "content/en/posts/_index.md")
    assert (info["generator"], info["generator_config"], info["url"]) == ("hugo", "hugo.toml", "https://field-notes.example.org")
    assert info["content_root"] == "content"
    assert info["content_dirs"] == ["content"]  # the language folders are inside it: walked once
    assert info["static_dirs"] == ["static"]
    assert info["permalinks"] == {"posts": "/:year/:month/:slug/"}
    assert info["languages"] == {"en": {"content_dir": "content/en", "prefix": ""}, "fr": {"content_dir": "content/fr", "prefix": "/fr"}}
    assert info["page_paths"] is True  # two languages on one host: Hugo's embedded link render hook resolves content paths
    assert urls(info) == {
        "content/en/posts/moss-count.md": "/2024/03/moss-count/",
        "content/en/posts/river-survey/index.md": "/2024/04/a-spring-survey-of-the-river-bank/",  # :slug falls back to the title
        "content/fr/posts/releve.md": "/fr/2024/04/releve/",
        "content/en/posts/_index.md": "/posts/",
    }
    moss, river, _, index = info["posts"]
    assert moss["aliases"] == ["/old/moss/"]
    assert moss["hero_image"] == {"key": "images.0", "path": "/img/wall-card.webp"}
    assert river["hero_image"] == {"key": "cover.image", "path": "map.webp"}
    assert index["kind"] == "page" and moss["kind"] == "post"


# --- Jekyll -----------------------------------------------------------------------------------


@pytest.mark.parametrize("site", ["jekyll"], indirect=True)
def test_jekyll_site(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, report = check(capsys, "--select", SELECT)
    # not reported: the date missing from front matter (the file name gives it), `tags: walking harbour`
    # (a space-separated string Jekyll splits), the draft without a date, the social `image` the body
    # does not show, links to a `redirect_from` URL, to a collection document and to a category post
    assert found(report) == [("news/_posts/2024-02-02-winter-tea.md", 13, "LNK006")]
    assert report["summary"]["files"] == 5  # _posts, _drafts, news/_posts and the guides collection
    assert code == 1


@pytest.mark.parametrize("site", ["jekyll"], indirect=True)
def test_jekyll_pages_and_includes(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, report = check(capsys, ".")
    assert report["summary"]["files"] == 6  # about.md too; _includes/signup.md is a partial: not linted
    assert "about.md" not in {f["path"] for f in report["findings"]}  # a page: no FM005 for "About", no CTA


@pytest.mark.parametrize("site", ["jekyll"], indirect=True)
def test_jekyll_settings_and_urls(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    info = site_info(capsys, "_posts/2023-11-20-harbour-walk.md", "news/_posts/2024-02-02-winter-tea.md", "_guides/pantry-checklist.md", "about.md")
    assert (info["generator"], info["url"]) == ("jekyll", "https://harbour-kitchen.example.com")
    assert info["content_dirs"] == ["_posts", "_drafts", "news/_posts", "_guides"]
    assert info["permalinks"] == {"*": "/:categories/:year/:month/:day/:title/", "_guides": "/guides/:name/"}
    assert urls(info) == {
        "_posts/2023-11-20-harbour-walk.md": "/2023/11/20/harbour-walk/",
        "news/_posts/2024-02-02-winter-tea.md": "/news/drinks/2024/02/02/winter-tea/",
        "_guides/pantry-checklist.md": "/guides/pantry-checklist/",
        "about.md": "/about/",
    }
    walk = info["posts"][0]
    assert (walk["date"], walk["date_from"], walk["slug"], walk["aliases"]) == ("2023-11-20", "file name", "harbour-walk", ["/walks/harbour/"])
    assert [p["kind"] for p in info["posts"]] == ["post", "post", "page", "page"]  # collection documents are pages


# --- Astro ------------------------------------------------------------------------------------


@pytest.mark.parametrize("site", ["astro"], indirect=True)
def test_astro_site(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, report = check(capsys, "--select", SELECT)
    # first-orbit.md has `pubDate` and a `heroImage` the layout renders: no FM003, no IMG003
    assert found(report) == [
        ("src/content/blog/second-night.md", 1, "FM003"),
        ("src/content/blog/second-night.md", 4, "IMG005"),  # heroImage is checked on disk like `image`
    ]
    fm003 = report["findings"][0]["message"]
    assert fm003 == "required field `date` is missing (the generator also reads `pubDate`, `publishDate`, `pubDatetime`, `publishedAt`, `published`)"
    assert code == 1


@pytest.mark.parametrize("site", ["astro"], indirect=True)
def test_astro_settings_and_urls(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    info = site_info(capsys, "src/content/blog/first-orbit.md", "src/pages/about.md")
    assert (info["generator"], info["generator_config"], info["url"]) == ("astro", "astro.config.mjs", "https://orbit-notes.example.net")
    assert info["content_dirs"] == ["src/content/blog", "src/pages"]
    assert info["static_dirs"] == ["public"]
    assert urls(info) == {"src/content/blog/first-orbit.md": "/blog/first-orbit/", "src/pages/about.md": "/about/"}
    first, about = info["posts"]
    assert first["hero_image"] == {"key": "heroImage", "path": "../../assets/orbit-hero.webp"}
    assert (first["date"], first["date_from"]) == ("2024-07-08", "pubDate")  # `Jul 08 2024`, as the Astro template writes it
    assert (first["kind"], about["kind"]) == ("post", "page")


# --- MkDocs (Material blog) ------------------------------------------------------------------------


@pytest.mark.parametrize("site", ["mkdocs"], indirect=True)
def test_mkdocs_site(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, report = check(capsys, "--select", SELECT)
    # not reported: `date: {created: …}` (FM003, FM004), the title taken from the first H1 (FM003,
    # HD002), docs pages without front matter (FM001: they are pages, not posts)
    assert found(report) == [("docs/blog/posts/cooling-log.md", 7, "LNK006")]
    assert report["summary"]["files"] == 5
    assert code == 1


@pytest.mark.parametrize("site", ["mkdocs"], indirect=True)
def test_mkdocs_settings_and_urls(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    info = site_info(capsys, "docs/blog/posts/spring-firing.md", "docs/guide/install.md", "docs/index.md")
    assert (info["generator"], info["url"]) == ("mkdocs", "https://kiln-handbook.example.io")  # `!!python/name` tags are not a problem
    assert info["post_dirs"] == ["docs/blog/posts"]
    assert info["permalinks"] == {"*": "/blog/{date:yyyy/MM/dd}/{slug}/"}
    assert urls(info) == {
        "docs/blog/posts/spring-firing.md": "/blog/2024/04/10/notes-from-the-spring-glaze-firing/",
        "docs/guide/install.md": "/guide/install/",
        "docs/index.md": "/",
    }
    post = info["posts"][0]
    assert (post["title"], post["date"], post["date_from"]) == ("Notes from the spring glaze firing", "2024-04-10", "date.created")
    assert [p["kind"] for p in info["posts"]] == ["post", "page", "page"]


# --- Docusaurus ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("site", ["docusaurus"], indirect=True)
def test_docusaurus_site(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, report = check(capsys, "--select", SELECT)
    # not reported: the date from the file and folder names, the title from the first H1, the social
    # card `image` that the body does not show, links without a trailing slash
    assert found(report) == [("blog/2024-03-01-folder-post/index.md", 11, "LNK006")]
    assert report["summary"]["files"] == 5
    assert code == 1


@pytest.mark.parametrize("site", ["docusaurus"], indirect=True)
def test_docusaurus_settings_and_urls(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    info = site_info(capsys, "blog/2024-01-15-hello-loom.md", "blog/2024-03-01-folder-post/index.md", "docs/intro.md")
    # the `url:` inside a /* comment */ is not read
    assert (info["generator"], info["url"]) == ("docusaurus", "https://loom-docs.example.dev")
    assert info["content_dirs"] == ["blog", "docs", "src/pages"]
    assert urls(info) == {
        "blog/2024-01-15-hello-loom.md": "/blog/2024/01/15/hello-loom/",
        "blog/2024-03-01-folder-post/index.md": "/blog/spring-notes/",
        "docs/intro.md": "/docs/intro/",
    }
    hello, folder, _ = info["posts"]
    assert (hello["title"], hello["date_from"]) == ("Hello from the Loom blog", "file name")
    assert (folder["date"], folder["slug"]) == ("2024-03-01", "spring-notes")


# --- Eleventy ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("site", ["eleventy"], indirect=True)
def test_eleventy_site(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, report = check(capsys, "--select", SELECT)
    # Eleventy renders no hero of its own: the front-matter image must be the body's first image
    # (IMG003 stays on); `tags: beans structures` is a list; the dates come from the file names
    assert found(report) == [
        ("content/blog/2024-05-12-seed-list.md", 8, "IMG003"),
        ("content/blog/2024-05-12-seed-list.md", 10, "LNK006"),  # the directory-data permalink drops the date
    ]
    assert report["summary"]["files"] == 3  # content/_includes/footer.md is a partial
    assert code == 1


@pytest.mark.parametrize("site", ["eleventy"], indirect=True)
def test_eleventy_settings_and_urls(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    info = site_info(capsys, "content/blog/2024-06-01-bean-poles.md")
    assert (info["generator"], info["url"], info["content_root"]) == ("eleventy", "https://allotment.example.org", "content")
    assert info["static_dirs"] == ["."]  # addPassthroughCopy("img") publishes img/ at /img/
    assert urls(info) == {"content/blog/2024-06-01-bean-poles.md": "/posts/bean-poles/"}


# --- --fix never changes a byte of template syntax ----------------------------------------------

#: template syntax the generators read: Hugo shortcodes, Liquid/Nunjucks tags, outputs and comments,
#: MDX imports, JSX elements and expressions (the order of the alternatives matters: longest first)
TEMPLATE = re.compile(
    r"\{\{[<%].*?[%>]\}\}|\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}|^import [^\n]*$|</?[A-Z][^>]*>|\{/\*.*?\*/\}|\{[A-Za-z_][^{}\n]*\}",
    re.MULTILINE | re.DOTALL,
)
TEMPLATED_POSTS = {
    "hugo": "content/en/posts/shortcode-notes.md",
    "jekyll": "_posts/2024-07-02-liquid-notes.md",
    "eleventy": "content/blog/2024-07-03-nunjucks-notes.md",
    "docusaurus": "blog/2024-07-04-mdx-notes.mdx",
    "astro": "src/content/blog/third-night.mdx",
}


@pytest.mark.parametrize("site", list(TEMPLATED_POSTS), indirect=True)
def test_fix_leaves_template_syntax_byte_identical(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    posts = sorted(p for p in site.rglob("*") if p.suffix in (".md", ".mdx") and p.is_file())
    before = {p: p.read_bytes() for p in posts}
    assert main(["check", "--no-cache", "--fix", "--unsafe-fixes", "--select", "LNK002,LNK010", "--format", "concise"]) in (0, 1)
    capsys.readouterr()
    templated = site / TEMPLATED_POSTS[site.name]
    changed = templated.read_bytes()
    # its insecure link and bare URL in prose were fixed; the `http://` inside template syntax was not
    assert changed.count(b"<https://") == 2 and changed.count(b"http://") == before[templated].count(b"http://") - 1
    for post in posts:
        old, new = before[post].decode("utf-8"), post.read_bytes().decode("utf-8")
        spans = TEMPLATE.findall(old)
        assert spans == TEMPLATE.findall(new), post  # …and every template span kept, byte for byte
        if post == templated:
            assert spans, "the templated post holds template syntax"


@pytest.mark.parametrize("site", ["jekyll"], indirect=True)
def test_a_config_in_a_subfolder_keeps_the_generator_of_the_project(site: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A `.postlint.yaml` in `_posts/` (to ignore a rule there) must not turn the Jekyll conventions
    off for its posts: their dates still come from the file names, their string tags stay valid."""
    (site / ".git").mkdir()  # the project's root: the generator is looked for up to it
    _, before = check(capsys, "--select", SELECT)
    (site / "_posts" / ".postlint.yaml").write_text("ignore: [RD]\n", encoding="utf-8")
    _, nested = check(capsys, "--select", SELECT)
    assert found(nested) == found(before)
    monkeypatch.chdir(site / "_posts")  # run from the subfolder: the same findings for its posts
    _, inside = check(capsys, "--select", SELECT, ".")
    assert [(f"_posts/{p}", line, code) for p, line, code in found(inside)] == [f for f in found(before) if f[0].startswith("_posts/")]
    assert not [f for f in found(inside) if f[2] in ("FM003", "FM004")]
