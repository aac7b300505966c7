"""False findings met on real public sites (issue #19, eighth and ninth sessions), each as a must and a must-not.

The sites: Textual's docs and blog (MkDocs Material built with `mkdocs build -f mkdocs-online.yml`,
no `mkdocs.yml`), and the generated pages of blog plugins; then (round 4) docs sites without a
blog (Starlight, Sequelize's Docusaurus, Pydantic's and FastAPI's MkDocs), MkDocs' indented blocks. Every case is a small site of our own
writing shaped like the real one: the generator's config at the root, no postlint config.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from postlint.cache.runner import run
from postlint.engine.linter import RunResult
from postlint.model.config import load_config
from postlint.model.findings import Severity
from postlint.model.generators import MKDOCS_INHERIT_DEPTH, detect, read_site

TODAY = dt.date(2025, 6, 1)
POST = "---\ntitle: Notes from the workshop on glazes\ndate: 2024-01-02\ncategories: [Devlog]\n---\n\n# Notes from the workshop on glazes\n\n"


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run_site(root: Path, *rels: str) -> RunResult:
    """A run over the site at `root` (or the files `rels` under it) with the config found there."""
    return run([str(root / rel) for rel in rels] or [str(root)], load_config(cwd=root), cwd=root, today=TODAY)


def lint(root: Path, select: str) -> list[tuple[str, int, str, str]]:
    result = run_site(root)
    codes = tuple(select.split(","))
    return sorted((f.path, f.line, f.code, f.message) for f in result.findings if f.code in codes and f.severity is Severity.ERROR)


def online_offline(root: Path) -> None:
    """Textual's layout: a common config inherited by an online build (with the blog) and an
    offline one (without it), plugins as mappings, snippets and templates left out by the
    `exclude` plugin."""
    write(
        root, "mkdocs-common.yml",
        "site_name: Kiln\nsite_url: https://kiln.example.org/\nmarkdown_extensions:\n"
        "  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "plugins:\n  search:\n  exclude:\n    glob:\n      - \"**/_template.md\"\n      - \"snippets/*\"\n",
    )
    write(root, "mkdocs-offline.yml", "INHERIT: mkdocs-common.yml\nplugins:\n  offline:\nsite_dir: docs-offline\n")
    write(root, "mkdocs-online.yml", "INHERIT: mkdocs-common.yml\nplugins:\n  blog:\n  rss:\n")
    write(root, "mkdocs-nav.yml", "nav:\n  - index.md\n")


# --- an MkDocs site built from another config file ------------------------------------------


def test_an_mkdocs_site_without_mkdocs_yml_is_read_from_the_config_that_builds_the_blog(tmp_path: Path) -> None:
    online_offline(tmp_path)
    assert detect(tmp_path) == ("mkdocs", tmp_path / "mkdocs-online.yml")
    settings = read_site(tmp_path)
    assert (settings.config_file, settings.url, settings.post_dirs) == ("mkdocs-online.yml", "https://kiln.example.org", ("docs/blog/posts",))
    assert settings.exclude[-2:] == ("docs/**/_template.md", "docs/snippets/*")  # the common config's plugins, merged in
    assert settings.notes == ()
    # a docs page is a page (no front matter asked for); a blog post is a post; a snippet is not linted
    write(tmp_path, "docs/guide/firing.md", "# Firing\n\nSee [the glaze notes](../blog/posts/glazes.md).\n")
    write(tmp_path, "docs/blog/posts/glazes.md", POST + "Text about glazes.\n")
    write(tmp_path, "docs/blog/posts/draft-note.md", "# A post with no front matter\n\nText.\n")
    write(tmp_path, "docs/snippets/see_also.md", "- [elsewhere](./no-such-page.md)\n")
    assert lint(tmp_path, "FM001,FM003,LNK006") == [
        ("docs/blog/posts/draft-note.md", 1, "FM001", "post has no front matter (expected a `---` YAML, `+++` TOML or `{` JSON block at the top)"),
    ]


def test_no_mkdocs_config_among_the_variants_is_no_mkdocs_site(tmp_path: Path) -> None:
    write(tmp_path, "mkdocs-nav.yml", "nav:\n  - index.md\n")  # a fragment: no `site_name`, inherited or not
    write(tmp_path, "mkdocs-theme.yaml", "theme: material\n")
    assert detect(tmp_path) == ("none", None)
    write(tmp_path, "mkdocs.insiders.yml", "INHERIT: mkdocs-theme.yaml\nsite_name: Kiln\n")
    assert detect(tmp_path) == ("mkdocs", tmp_path / "mkdocs.insiders.yml")
    write(tmp_path, "mkdocs.yml", "site_name: Kiln\n")  # the usual name wins
    assert detect(tmp_path) == ("mkdocs", tmp_path / "mkdocs.yml")


def test_inherit_merges_mappings_replaces_lists_and_stays_in_the_project(tmp_path: Path) -> None:
    root = tmp_path / "site"
    write(root, "base.yml", "site_name: Kiln\ndocs_dir: pages\nplugins:\n  - search\n  - blog:\n      blog_dir: news\n")
    write(root, "mkdocs.yml", "INHERIT: base.yml\nsite_url: https://kiln.example.org\nplugins:\n  - search\n")
    settings = read_site(root)
    assert (settings.content_root, settings.url, settings.post_dirs) == ("pages", "https://kiln.example.org", ())  # the child's list replaced the parent's
    write(root, "mkdocs.yml", "INHERIT: base.yml\nsite_url: https://kiln.example.org\n")
    assert read_site(root).post_dirs == ("pages/news/posts",)
    # outside the project, missing, or a loop: not read, said in the notes, the run goes on
    write(tmp_path, "outside.yml", "site_name: Elsewhere\ndocs_dir: stolen\n")
    for target in ("../outside.yml", "missing.yml", "mkdocs.yml"):
        write(root, "mkdocs.yml", f"INHERIT: {target}\nsite_name: Kiln\n")
        settings = read_site(root)
        assert (settings.generator, settings.content_root) == ("mkdocs", "docs")
        assert settings.notes == (f"mkdocs.yml: INHERIT {target!r} not read (missing, outside the project or a loop)",)
    # a chain longer than the bound stops at it
    for i in range(MKDOCS_INHERIT_DEPTH + 3):
        write(root, f"c{i}.yml", f"INHERIT: c{i + 1}.yml\n" if i < MKDOCS_INHERIT_DEPTH + 2 else "docs_dir: deepest\n")
    write(root, "mkdocs.yml", "INHERIT: c0.yml\nsite_name: Kiln\n")
    settings = read_site(root)
    assert settings.content_root == "docs" and len(settings.notes) == 1 and "not read" in settings.notes[0]


def test_exclude_docs_leaves_pages_out_unless_it_takes_some_back(tmp_path: Path) -> None:
    write(tmp_path, "mkdocs.yml", "site_name: Kiln\nexclude_docs: |\n  # drafts and partials\n  drafts/\n  /partials/*.md\n  **/_hidden.md\n")
    settings = read_site(tmp_path)
    assert settings.exclude[3:] == ("docs/drafts", "docs/*/drafts", "docs/partials/*.md", "docs/_hidden.md", "docs/*/_hidden.md")
    write(tmp_path, "docs/drafts/half.md", "no heading, [a](missing.md)\n")
    write(tmp_path, "docs/a/_hidden.md", "[a](missing.md)\n")
    write(tmp_path, "docs/partials/note.md", "[a](missing.md)\n")
    write(tmp_path, "docs/kept.md", "# Kept\n\n[a](missing.md)\n")
    assert lint(tmp_path, "LNK006") == [("docs/kept.md", 3, "LNK006", "internal link `missing.md` resolves to no post or file of the site")]
    write(tmp_path, "mkdocs.yml", "site_name: Kiln\nexclude_docs: |\n  drafts/\n  !drafts/keep.md\n")
    settings = read_site(tmp_path)
    assert "docs/drafts" not in settings.exclude
    assert settings.notes == ("exclude_docs takes files back with `!`: not read (every page is linted)",)


# --- pages a generator makes from no file -----------------------------------------------------


def test_mkdocs_blog_category_archive_and_pager_pages_land(tmp_path: Path) -> None:
    write(tmp_path, "mkdocs.yml", "site_name: Kiln\nsite_url: https://kiln.example.org/\nplugins:\n  - blog\n")
    write(tmp_path, "docs/blog/index.md", "# Blog\n")
    write(
        tmp_path, "docs/blog/posts/glazes.md",
        POST + "More in [the devlog](https://kiln.example.org/blog/category/devlog/), [2024](/blog/archive/2024/), "
        "[older](/blog/page/2/), [me](/blog/author/ann/) and [a typo](/blog/categry/devlog/).\n",
    )
    assert read_site(tmp_path).generated == (
        "/blog/archive", "/blog/archive/*", "/blog/category", "/blog/category/*", "/blog/page", "/blog/page/*",
    )
    broken = "internal link `{}` resolves to no post or file of the site"
    assert lint(tmp_path, "LNK006") == [
        ("docs/blog/posts/glazes.md", 9, "LNK006", broken.format("/blog/author/ann/")),  # author pages are off by default
        ("docs/blog/posts/glazes.md", 9, "LNK006", broken.format("/blog/categry/devlog/")),
    ]
    write(
        tmp_path, "mkdocs.yml",
        "site_name: Kiln\nsite_url: https://kiln.example.org/\nplugins:\n  - blog:\n      categories: false\n"
        "      authors_profiles: true\n      archive_url_format: \"{date}\"\n",
    )
    assert lint(tmp_path, "LNK006") == [
        ("docs/blog/posts/glazes.md", 9, "LNK006", broken.format("/blog/archive/2024/")),  # archives at /blog/2024/ now
        ("docs/blog/posts/glazes.md", 9, "LNK006", broken.format("/blog/categry/devlog/")),
        ("docs/blog/posts/glazes.md", 9, "LNK006", broken.format("https://kiln.example.org/blog/category/devlog/")),
    ]


def test_docusaurus_blog_tag_pages_and_hugo_pagers_land(tmp_path: Path) -> None:
    docusaurus = tmp_path / "docusaurus"
    write(docusaurus, "docusaurus.config.js", "export default { url: 'https://kiln.example.org', baseUrl: '/' };\n")
    write(
        docusaurus, "blog/2024-01-02-glazes.md",
        "---\ntitle: Notes from the workshop on glazes\n---\n\nSee [the tag](/blog/tags/glazes), [all tags](/blog/tags), "
        "[page 2](/blog/page/2), [archive](/blog/archive) and [a typo](/blog/tgas/glazes).\n",
    )
    assert lint(docusaurus, "LNK006") == [
        ("blog/2024-01-02-glazes.md", 5, "LNK006", "internal link `/blog/tgas/glazes` resolves to no post or file of the site"),
    ]
    hugo = tmp_path / "hugo"
    write(hugo, "hugo.toml", "baseURL = 'https://kiln.example.org/'\n[taxonomies]\n  series = 'series'\n")
    write(hugo, "content/posts/glazes.md", "---\ntitle: Notes from the workshop on glazes\ndate: 2024-01-02\n---\n\nOlder: [page 2](/posts/page/2/), [a series](/series/kilns/), [a typo](/posts/glazs/).\n")
    assert read_site(hugo).generated == ("/series", "/series/*", "/page/*", "/*/page/*")
    assert lint(hugo, "LNK006") == [
        ("content/posts/glazes.md", 6, "LNK006", "internal link `/posts/glazs/` resolves to no post or file of the site"),
    ]


# --- anchors a plugin makes ---------------------------------------------------------------------


def test_an_mkdocstrings_page_has_the_anchors_of_the_objects_it_documents(tmp_path: Path) -> None:
    write(tmp_path, "mkdocs.yml", "site_name: Kiln\nplugins:\n  - mkdocstrings\n")
    write(tmp_path, "docs/api/kiln.md", "---\ntitle: kiln.firing\n---\n\n::: kiln.firing\n    options:\n      show_root_heading: true\n")
    write(
        tmp_path, "docs/guide.md",
        "# Guide\n\n[a](api/kiln.md#kiln.firing) [b](api/kiln.md#kiln.firing.Kiln.heat) [c](api/kiln.md#kiln.firing--schedules) "
        "[d](api/kiln.md#kiln.firings) [e](api/kiln.md#schedules)\n",
    )
    assert lint(tmp_path, "LNK006") == [
        ("docs/guide.md", 3, "LNK006", "`#kiln.firings` names no heading of docs/api/kiln.md"),
        ("docs/guide.md", 3, "LNK006", "`#schedules` names no heading of docs/api/kiln.md"),
    ]


# --- Hugo: a link render hook, slugs from titles, bundle files by URL ---------------------------

GET_PAGE_HOOK = """{{- $u := urls.Parse .Destination }}
{{- $href := $u.String }}
{{- if and $href (not $u.IsAbs) (not (strings.HasPrefix $href "/")) }}
  {{- with or ($.PageInner.GetPage (strings.TrimPrefix "./" $u.Path)) ($.PageInner.Resources.Get $u.Path) }}
    {{- $href = .RelPermalink }}
  {{- end }}
{{- end }}
<a href="{{ $href }}">{{ .Text }}</a>
"""


def test_a_hugo_link_hook_that_calls_getpage_resolves_relative_links_to_pages(tmp_path: Path) -> None:
    write(tmp_path, "hugo.toml", "baseURL = 'https://kiln.example.org/'\n")
    write(tmp_path, "content/docs/tasks/firing.md", "---\ntitle: Firing a kiln step by step\n---\n\n## Cone packs\n\nText.\n")
    write(tmp_path, "content/docs/tasks/_index.md", "---\ntitle: Tasks\n---\n")
    write(tmp_path, "content/blog/2019/0518-bench/index.md", "---\ntitle: Benchmarks of three kilns\ndate: 2019-05-18\n---\n\nText.\n")
    write(
        tmp_path, "content/docs/errors/cracks.md",
        "---\ntitle: Cracks in the glaze and why\n---\n\n"
        "[a](../tasks/firing/#cone-packs) [b](../tasks/) [c](docs/tasks/firing) [d](../tasks/firing/#cone-pack) [e](../tasks/glazing/)\n",
    )
    write(
        tmp_path, "content/blog/2019/0809-notes/index.md",
        "---\ntitle: Notes from a summer of firing\ndate: 2019-08-09\n---\n\n[a](0518-bench) [b](../0518-bench/) [c](0809-notes)\n",
    )
    broken = "internal link `{}` resolves to no post or file of the site"
    without_hook = [  # from the page's URL, as a browser resolves them (`/docs/errors/cracks/` + `../tasks/`)
        ("content/blog/2019/0809-notes/index.md", 6, "LNK006", broken.format("0518-bench")),
        ("content/blog/2019/0809-notes/index.md", 6, "LNK006", broken.format("0809-notes")),
        ("content/docs/errors/cracks.md", 5, "LNK006", broken.format("../tasks/")),
        ("content/docs/errors/cracks.md", 5, "LNK006", broken.format("../tasks/firing/#cone-pack")),
        ("content/docs/errors/cracks.md", 5, "LNK006", broken.format("../tasks/firing/#cone-packs")),
        ("content/docs/errors/cracks.md", 5, "LNK006", broken.format("../tasks/glazing/")),
        ("content/docs/errors/cracks.md", 5, "LNK006", broken.format("docs/tasks/firing")),
    ]
    assert read_site(tmp_path).page_paths is False
    assert lint(tmp_path, "LNK006") == without_hook
    write(tmp_path, "layouts/_markup/render-link.html", GET_PAGE_HOOK)
    assert read_site(tmp_path).page_paths is True
    # from the page's folder (a leaf bundle's: its parent folder, unless the link goes up), then from the content root
    assert lint(tmp_path, "LNK006") == [
        ("content/docs/errors/cracks.md", 5, "LNK006", "`#cone-pack` names no heading of content/docs/tasks/firing.md"),
        ("content/docs/errors/cracks.md", 5, "LNK006", broken.format("../tasks/glazing/")),
    ]
    # a hook of the site's own without GetPage replaces the embedded one, even where that is on
    write(tmp_path, "hugo.toml", "baseURL = 'https://kiln.example.org/'\n[markup.goldmark.renderHooks.link]\n  enableDefault = true\n")
    write(tmp_path, "layouts/_markup/render-link.html", '<a href="{{ .Destination | safeURL }}">{{ .Text }}</a>\n')
    assert read_site(tmp_path).page_paths is False
    (tmp_path / "layouts/_markup/render-link.html").unlink()
    write(tmp_path, "themes/clay/layouts/_default/_markup/render-link.html", GET_PAGE_HOOK)
    assert read_site(tmp_path).page_paths is True  # enableDefault
    write(tmp_path, "hugo.toml", "baseURL = 'https://kiln.example.org/'\ntheme = 'clay'\n")
    assert read_site(tmp_path).page_paths is True  # the theme's hook


def test_hugo_slugs_from_titles_keep_dots_and_bundle_files_are_found_by_the_page_url(tmp_path: Path) -> None:
    write(tmp_path, "hugo.toml", "baseURL = 'https://kiln.example.org/'\n[permalinks.page]\n  blog = '/:year/:month/:day/:slug/'\n")
    write(tmp_path, "static/robots.txt", "")
    write(tmp_path, "content/blog/2021/0301-ext/index.md", "---\ntitle: 'Kiln 2.10: Extensions, Cones & More!'\ndate: 2021-03-01\n---\n\nText.\n")
    write(tmp_path, "content/blog/2023/0621-edge/index.md", "---\ntitle: A roundup of the edge releases\ndate: 2023-06-21\nslug: edge-roundup\n---\n\nText.\n")
    write(tmp_path, "content/blog/2023/0621-edge/cover.jpg", "jpeg")
    write(
        tmp_path, "content/blog/2024/0101-other/index.md",
        "---\ntitle: Another roundup of the releases\ndate: 2024-01-01\nimages: [/2023/06/21/edge-roundup/cover.jpg]\n---\n\n"
        "[ext](/2021/03/01/kiln-2.10-extensions-cones-more/) and ![A kiln](/2023/06/21/edge-roundup/kiln.jpg)\n",
    )
    assert lint(tmp_path, "LNK006,IMG005") == [
        ("content/blog/2024/0101-other/index.md", 7, "IMG005",
         "image `/2023/06/21/edge-roundup/kiln.jpg` not found (looked for static/2023/06/21/edge-roundup/kiln.jpg, content/2023/06/21/edge-roundup/kiln.jpg)"),
    ]


# --- Docusaurus: titles from file names, fields it does not read, ids, versions, URLs without `/` ---


def test_docusaurus_titles_fields_and_mdx_comment_heading_ids(tmp_path: Path) -> None:
    write(tmp_path, "docusaurus.config.js", "export default { url: 'https://kiln.example.org', baseUrl: '/' };\n")
    write(tmp_path, "blog/2016-03-11-firing-schedules-for-stoneware.md", "---\nauthors: ann\ndescription: x\n---\n\nNo title: the file name is one.\n")
    write(tmp_path, "blog/2016-04-11-x.md", "---\nauthors: ann\ncategories: announcements\ntags: glaze\n---\n\nText.\n")
    write(
        tmp_path, "blog/2016-05-11-ids.md",
        "---\ntitle: Heading ids written as comments\n---\n\n[a](#stage-0:-class-properties) [b](#my-id) [c](#stage-0-class-properties)\n\n"
        "## Stage 0: Class Properties { /*#stage-0:-class-properties*/ }\n\n## Another {/* #my-id */}\n",
    )
    result = run_site(tmp_path)
    found = sorted((f.path, f.line, f.code, f.message) for f in result.findings if f.code in ("FM003", "FM004", "FM005", "LNK006"))
    assert [post.title for post in result.site.posts if "2016-03" in post.path] == ["firing-schedules-for-stoneware"]
    assert found == [  # no FM003 for the titles, no FM004 for `categories`
        ("blog/2016-04-11-x.md", 4, "FM004", "`tags` must be a list of strings, got string `glaze`"),
        ("blog/2016-05-11-ids.md", 5, "LNK006", "`#stage-0-class-properties` names no heading of this post"),
    ]
    # the config can still ask for a type the generator does not know
    write(tmp_path, ".postlint.yaml", "fields:\n  types:\n    categories: list\n")
    assert [f.message for f in run_site(tmp_path, "blog/2016-04-11-x.md").findings if f.code == "FM004"] == [
        "`categories` must be a list, got string `announcements`",
        "`tags` must be a list of strings, got string `glaze`",
    ]


def test_jekyll_categories_may_be_a_space_separated_string(tmp_path: Path) -> None:
    write(tmp_path, "_config.yml", "title: Kiln\n")
    write(tmp_path, "_posts/2024-01-02-glazes.md", "---\ntitle: Notes from the workshop on glazes\ncategories: news kilns\ndraft: maybe\n---\n\nText.\n")
    assert lint(tmp_path, "FM004") == [("_posts/2024-01-02-glazes.md", 4, "FM004", "`draft` must be a boolean, got string `maybe`")]


def test_docusaurus_doc_ids_versions_and_urls_without_a_trailing_slash(tmp_path: Path) -> None:
    write(tmp_path, "docusaurus.config.js", "export default { url: 'https://kiln.example.org', baseUrl: '/' };\n")
    write(tmp_path, "versions.json", '["2.0", "1.0"]\n')
    for folder in ("docs", "versioned_docs/version-2.0", "versioned_docs/version-1.0"):
        write(tmp_path, f"{folder}/Configuration.md", "---\nid: configuration\ntitle: Configuring the kiln\n---\n\n## clearMocks [boolean]\n\nText.\n")
        write(tmp_path, f"{folder}/guides/index.md", "---\nid: guides-home\ntitle: Guides\n---\n\nText.\n")
        write(
            tmp_path, f"{folder}/MockFunctions.md",
            "---\nid: mock-functions\ntitle: Mock functions\n---\n\n"
            "[a](configuration#clearmocks-boolean) [b](./configuration) [c](guides) [d](configuration#nope) [e](Configuration.md)\n",
        )
    settings = read_site(tmp_path)
    assert settings.trailing_slash is False
    assert dict(settings.permalinks) == {"blog": "/blog/", "docs": "/docs/next/", "versioned_docs/version-2.0": "/docs/", "versioned_docs/version-1.0": "/docs/1.0/"}
    write(tmp_path, "blog/2024-01-02-news.md", "---\ntitle: News from the kiln workshop\n---\n\n[a](/docs/configuration) [b](/docs/1.0/mock-functions) [c](/docs/next/guides) [d](/docs/3.0/configuration)\n")
    assert lint(tmp_path, "LNK006") == [
        ("blog/2024-01-02-news.md", 5, "LNK006", "internal link `/docs/3.0/configuration` resolves to no post or file of the site"),
    ] + [
        (f"{folder}/MockFunctions.md", 6, "LNK006", "`#nope` names no heading of " + f"{folder}/Configuration.md")
        for folder in ("docs", "versioned_docs/version-1.0", "versioned_docs/version-2.0")
    ]
    # with `trailingSlash: true` a page's URL ends with `/`, and so a relative link goes below it
    write(tmp_path, "docusaurus.config.js", "export default { url: 'https://kiln.example.org', baseUrl: '/', trailingSlash: true };\n")
    assert read_site(tmp_path).trailing_slash is True
    assert ("docs/MockFunctions.md", 6, "LNK006", "internal link `guides` resolves to no post or file of the site") in lint(tmp_path, "LNK006")


# --- Jekyll: front-matter defaults ---------------------------------------------------------------


def test_jekyll_defaults_give_posts_their_permalink(tmp_path: Path) -> None:
    write(
        tmp_path, "_config.yml",
        "url: https://kiln.example.org\npermalink: :title\ndefaults:\n"
        "  - scope: {path: '', type: pages}\n    values: {permalink: /pages/:title/}\n"
        "  - scope: {path: '', type: posts}\n    values: {layout: post, permalink: ':year/:month/:day/:title/'}\n",
    )
    write(tmp_path, "_posts/2018-08-05-incident.md", "---\ntitle: A security incident disclosure\n---\n\nText.\n")
    write(tmp_path, "_posts/2021-04-21-incident.md", "---\ntitle: Another security incident disclosure\n---\n\n[the first](/2018/08/05/incident/)\n")
    assert dict(read_site(tmp_path).permalinks)["*"] == ":year/:month/:day/:title/"
    assert lint(tmp_path, "SEO006,LNK006") == []
    # without the defaults both are /incident/ (and the link's /2018/ is outside what the index holds: unverified)
    write(tmp_path, "_config.yml", "url: https://kiln.example.org\npermalink: :title\n")
    assert [(path, code) for path, _line, code, _message in lint(tmp_path, "SEO006,LNK006")] == [
        ("_posts/2018-08-05-incident.md", "SEO006"), ("_posts/2021-04-21-incident.md", "SEO006"),
    ]


# --- Eleventy: template syntax, other template languages, plugins' files, list pages; host redirects ---


def test_eleventy_captures_templates_and_list_pages(tmp_path: Path) -> None:
    write(tmp_path, "config/feed.js", 'export default { outputPath: "/blog/feed.xml", collection: { name: "blog" } };\n')
    write(
        tmp_path, "eleventy.config.js",
        'import feed from "./config/feed.js";\nimport outside from "../elsewhere.js";\n'
        'export default function (c) { c.addPlugin(feed); return { dir: { input: "src" } }; };\n',
    )
    write(tmp_path.parent, "elsewhere.js", 'export default { outputPath: "/docs/stolen.xml" };\n')  # outside: never read
    write(tmp_path, "src/spbn/index.njk", "<h1>A network</h1>\n")
    write(tmp_path, "src/docs/runtime.webc", "<h1>Runtime</h1>\n")
    write(tmp_path, "src/docs/moved.md", '{% callout "info" %}This page moved.{% endcallout %}\n')
    write(tmp_path, "src/blog/blog.md", "---\ntitle: The blog of the kiln workshop\npermalink: /blog/\n---\n\nList.\n")
    write(tmp_path, "src/blog/archive.md", "---\ntitle: Every post of the kiln workshop\npagination:\n  data: collections.blog\n  size: 10\n---\n\nList.\n")
    write(
        tmp_path, "src/docs/usage.md",
        "---\ntitle: Set blocks hold code samples\n---\n\n## Usage\n\n{% set usageCode %}\n# a shell comment, not a heading\n"
        '<a href="my-template.md">Home</a>\n<img/>\n{% endset %}\n{{ usageCode | highlight("bash") | safe }}\n{% set answer = 42 %}\n\n'
        "### Options\n\nSee [the feed](/blog/feed.xml), [the network](/spbn/), [the runtime](/docs/runtime/), "
        "[stolen](/docs/stolen.xml) and [nowhere](/docs/nowhere/).\n\n{% capture note %}[gone](/docs/gone/){% endcapture %}\n",
    )
    assert read_site(tmp_path).generated == ("/blog/feed.xml",)
    broken = "internal link `{}` resolves to no post or file of the site"
    assert lint(tmp_path, "FM001,FM002,FM003,IMG001,LNK006,HD001") == [
        ("src/docs/usage.md", 17, "LNK006", broken.format("/docs/nowhere/")),
        ("src/docs/usage.md", 17, "LNK006", broken.format("/docs/stolen.xml")),
    ]


def test_links_to_what_the_host_redirects_land(tmp_path: Path) -> None:
    write(tmp_path, "docusaurus.config.js", "export default { url: 'https://kiln.example.org', baseUrl: '/' };\n")
    write(tmp_path, "static/_redirects", "# Netlify\n/blog/feed.xml /blog/rss.xml 301\n/docs/old/* /docs/new/:splat 301\n")
    write(tmp_path, "vercel.json", '{"redirects": [{"source": "/docs/memoize/", "destination": "/docs/filters/"}, {"source": "/news/:path*", "destination": "/blog/:path*"}]}\n')
    write(tmp_path, "netlify.toml", '[[redirects]]\n  from = "/docs/legacy"\n  to = "/docs/"\n[[redirects]]\n  from = "https://old.example.org/*"\n  to = "/"\n')
    write(tmp_path, "docs/intro.md", "---\ntitle: Introduction\n---\n\nText.\n")
    write(
        tmp_path, "blog/2024-01-02-news.md",
        "---\ntitle: News from the kiln workshop\n---\n\n[a](/blog/feed.xml) [b](/docs/old/x/y) [c](/docs/memoize/) [d](/news/2020/a) "
        "[e](/docs/legacy) [f](/docs/intro) [g](/docs/gone)\n",
    )
    assert read_site(tmp_path).generated[-7:] == ("/blog/feed.xml", "/docs/old/*", "/docs/old", "/docs/memoize", "/news/*", "/news", "/docs/legacy")
    assert lint(tmp_path, "LNK006") == [
        ("blog/2024-01-02-news.md", 5, "LNK006", "internal link `/docs/gone` resolves to no post or file of the site"),
    ]


# --- Astro: the content config's collections, the routes of `src/pages/` ------------------------------

ASTRO_CONTENT_CONFIG = """import { defineCollection, z } from "astro:content";
import { glob } from "astro/loaders";
// a collection with a date holds posts; one without is pages
const postCollection = defineCollection({
  loader: glob({ pattern: ["**/*.md", "**/*.mdx"], base: "./src/data/post" }),  // a `/*` in a string opens no comment
  schema: z.object({ publishDate: z.date().optional(), title: z.string() }),
});
const authors = defineCollection({
  loader: glob({ pattern: "**/*.md", base: "src/content/authors" }), /* a comment */
  schema: z.object({ name: z.string(), avatarUrl: z.string() }),
});
export const collections = { post: postCollection, authors };
"""


def test_astro_collections_come_from_the_content_config_and_routes_from_src_pages(tmp_path: Path) -> None:
    write(tmp_path, "astro.config.mjs", "export default { site: 'https://kiln.example.org' };\n")
    write(tmp_path, "src/content.config.ts", ASTRO_CONTENT_CONFIG)
    write(tmp_path, "README.md", "# A theme\n\nNo front matter: not a page of the site.\n")
    write(tmp_path, "public/favicon.svg", "<svg/>")
    write(tmp_path, "src/content/authors/ann.md", "---\nname: Ann\navatarUrl: /ann.png\n---\n\nAnn fires kilns.\n")
    write(tmp_path, "src/pages/privacy.md", "---\ntitle: Privacy policy of the workshop\nlayout: ../layouts/Page.astro\n---\n\nText.\n")
    write(tmp_path, "src/pages/index.astro", "<h1>Home</h1>\n")
    write(tmp_path, "src/pages/[...blog]/index.astro", "---\n---\n")  # a route at the top: no pattern
    write(tmp_path, "src/pages/posts/[...slug].astro", "---\nconst posts = await getCollection('post');\n---\n")
    write(tmp_path, "src/pages/blog/category/[slug].astro", "---\n---\n")
    write(tmp_path, "src/pages/resources/sponsors.svg.js", "export function GET() {}\n")
    write(tmp_path, "src/pages/posts/helpers.ts", "export const x = 1;\n")  # a module, no route
    write(tmp_path, "src/data/post/2024-glazes.md", "---\ntitle: Notes from the workshop on glazes\npublishDate: 2024-01-02\n---\n\n## Cones\n\nText.\n")
    write(
        tmp_path, "src/data/post/firing.md",
        "---\ntitle: Firing a kiln step by step, at last\n---\n\n[glazes](/posts/2024-glazes/#cones) [top](#top) [cat](/posts/missing/) "
        "![Sponsors of the workshop](/resources/sponsors.svg) ![A kiln](/resources/kiln.svg)\n",
    )
    settings = read_site(tmp_path)
    assert (settings.content_dirs, settings.post_dirs) == (("src/data/post", "src/content/authors", "src/pages"), ("src/data/post",))
    assert dict(settings.permalinks) == {"src/data/post": "/posts/", "src/content/authors": "/authors/"}
    assert settings.generated == ("/", "/blog/category/*", "/resources/sponsors.svg")
    assert lint(tmp_path, "FM001,FM003,LNK006,IMG005") == [
        ("src/data/post/firing.md", 1, "FM003", "required field `date` is missing (the generator also reads `pubDate`, `publishDate`, `pubDatetime`, `publishedAt`, `published`)"),
        ("src/data/post/firing.md", 5, "IMG005", "image `/resources/kiln.svg` not found (looked for public/resources/kiln.svg, src/content/resources/kiln.svg)"),
        ("src/data/post/firing.md", 5, "LNK006", "internal link `/posts/missing/` resolves to no post or file of the site"),
    ]


# --- more anchors and redirects ---------------------------------------------------------------------


def test_an_extension_directive_page_has_anchors_postlint_cannot_see(tmp_path: Path) -> None:
    write(tmp_path, "mkdocs.yml", "site_name: Kiln\nmarkdown_extensions:\n  - mkdocs-click\n")
    write(tmp_path, "docs/cli/reference.md", "# Reference\n\n::: mkdocs-click\n    :module: kiln.cli\n    :command: kiln\n")
    write(tmp_path, "docs/guide.md", "# Guide\n\n[a](cli/reference.md#kiln-fire) [b](guide.md#nope)\n")
    assert lint(tmp_path, "LNK006") == [("docs/guide.md", 3, "LNK006", "`#nope` names no heading of this post")]


def test_a_redirect_from_a_full_url_of_the_site_lands(tmp_path: Path) -> None:
    write(tmp_path, "docusaurus.config.js", "export default { url: 'https://kiln.example.org', baseUrl: '/' };\n")
    write(tmp_path, "static/_redirects", "https://kiln.example.org/docs/0.74/bundles  /docs/bundles\nhttps://other.example.org/docs/x /docs/y\n")
    write(tmp_path, "docs/intro.md", "---\ntitle: Introduction\n---\n\nText.\n")
    write(tmp_path, "blog/2024-01-02-news.md", "---\ntitle: News from the kiln workshop\n---\n\n[a](https://kiln.example.org/docs/0.74/bundles#x) [b](/docs/x)\n")
    assert "/docs/0.74/bundles" in read_site(tmp_path).generated and "/docs/x" not in read_site(tmp_path).generated
    assert lint(tmp_path, "LNK006") == [("blog/2024-01-02-news.md", 5, "LNK006", "internal link `/docs/x` resolves to no post or file of the site")]


def test_an_eleventy_post_in_its_own_folder_is_a_post_and_docusaurus_current_docs_elsewhere_land(tmp_path: Path) -> None:
    eleventy = tmp_path / "eleventy"
    write(eleventy, "eleventy.config.js", 'export default function () { return { dir: { input: "content" } }; };\n')
    write(eleventy, "content/blog/blog.md", "---\ntitle: Every post\npermalink: /blog/\n---\n\nList.\n")
    write(eleventy, "content/blog/fourth/fourth.md", "---\ntitle: The fourth post about kilns\n---\n\nText.\n")
    assert lint(eleventy, "FM003") == [("content/blog/fourth/fourth.md", 1, "FM003", "required field `date` is missing")]
    docusaurus = tmp_path / "docusaurus"
    write(docusaurus, "docusaurus.config.js", "export default { url: 'https://kiln.example.org', baseUrl: '/' };\n")
    write(docusaurus, "versions.json", '["1.0"]\n')
    write(docusaurus, "versioned_docs/version-1.0/intro.md", "---\ntitle: Introduction\n---\n\nText.\n")
    write(docusaurus, "data/tools/usage.md", "#### Install it\n\nA fragment the config reads, not a page.\n")
    write(docusaurus, "blog/2024-01-02-news.md", "---\ntitle: News from the kiln workshop\n---\n\n[a](/docs/next/expect) [b](/docs/intro) [c](/docs/gone)\n")
    assert lint(docusaurus, "LNK006,HD001") == [
        ("blog/2024-01-02-news.md", 5, "LNK006", "internal link `/docs/gone` resolves to no post or file of the site"),
    ]


# --- Docusaurus: plugin instances and routes; bare Markdown links; Hugo refs by name ---------------------

DOCUSAURUS_PLUGINS = """const commonDocsOptions = { showLastUpdateTime: true };
export default {
  url: 'https://kiln.example.org',
  baseUrl: '/',
  presets: [['@docusaurus/preset-classic', {
    docs: { path: 'guides', routeBasePath: '/', versions: { current: { label: 'Next' } } },
    blog: { path: 'news', routeBasePath: 'updates', feedOptions: { type: 'all' } },
  }]],
  plugins: [
    ['content-docs', { id: 'architecture', path: 'architecture', routeBasePath: '/architecture', ...commonDocsOptions }],
    ['@docusaurus/plugin-content-docs', { id: 'outside', path: '../elsewhere' }],
  ],
};
"""


def test_docusaurus_reads_its_presets_and_plugin_instances_for_folders_and_routes(tmp_path: Path) -> None:
    write(tmp_path, "docusaurus.config.js", DOCUSAURUS_PLUGINS)
    write(tmp_path, "guides/firing.md", "---\ntitle: Firing\n---\n\n## Cones\n\nSee [the view](view.md#props) and [the other](glazes/view.md).\n")
    write(tmp_path, "guides/view.md", "---\ntitle: View\n---\n\n## Props\n\nText.\n")
    write(tmp_path, "guides/glazes/intro.md", "---\ntitle: Glazes\n---\n\nSee [the view](view.md) and [missing](gone.md).\n")
    write(tmp_path, "architecture/overview.md", "---\ntitle: Overview\nslug: /overview\n---\n\nText.\n")
    write(tmp_path, "news/2024-01-02-kilns.md", "---\ntitle: News from the kiln workshop\n---\n\n[a](/firing#cones) [b](/architecture/overview) [c](/updates/tags/kilns) [d](/architecture/gone) [e](/blog/2024/01/02/kilns)\n")
    settings = read_site(tmp_path)
    assert (settings.content_dirs, settings.post_dirs) == (("news", "guides", "architecture"), ("news",))
    assert dict(settings.permalinks) == {"news": "/updates/", "guides": "/", "architecture": "/architecture/"}
    broken = "internal link `{}` resolves to no post or file of the site"
    assert lint(tmp_path, "LNK006") == [
        ("guides/firing.md", 7, "LNK006", broken.format("glazes/view.md")),  # beside the page, then from the docs' root: neither
        ("guides/glazes/intro.md", 5, "LNK006", broken.format("gone.md")),
        ("news/2024-01-02-kilns.md", 5, "LNK006", broken.format("/architecture/gone")),
    ]


def test_a_hugo_ref_by_name_with_a_leading_slash_finds_the_page_anywhere(tmp_path: Path) -> None:
    write(tmp_path, "hugo.toml", "baseURL = 'https://kiln.example.org/'\n")
    write(tmp_path, "content/docs/migration/faq-migration.md", "---\ntitle: Questions about the migration\n---\n\nText.\n")
    write(
        tmp_path, "content/docs/migration/guide.md",
        '---\ntitle: The migration guide for kilns\n---\n\n[faq]({{< relref "/faq-migration" >}}) [x]({{< relref "/no-such-page" >}})\n',
    )
    config = load_config(cwd=tmp_path)
    assert config.content_dirs  # the bare name is looked up only against the whole index
    assert lint(tmp_path, "LNK006") == [
        ("content/docs/migration/guide.md", 5, "LNK006", '`{{< relref "/no-such-page" >}}` names no page beside this post or under the content root'),
    ]


# --- pages a build step writes (git ignores them) -------------------------------------------------------


def test_links_to_content_files_git_ignores_land_and_a_gitignore_edit_is_seen_through_the_cache(tmp_path: Path) -> None:
    write(tmp_path, "hugo.toml", "baseURL = 'https://kiln.example.org/'\n")
    write(tmp_path, "content/docs/cmd/.gitignore", "tool_*.md\napi/v*.md\n")  # imported before the build
    write(tmp_path, "content/docs/cmd/_index.md", "---\ntitle: Commands\n---\n")
    write(
        tmp_path, "content/docs/guide.md",
        "---\ntitle: The guide to the kiln tools\n---\n\n"
        "[a](/docs/cmd/tool_run/) [b](cmd/tool_check.md) [c](cmd/api/v2#x) [d](/docs/cmd/other/) [e](cmd/other.md)\n",
    )
    broken = "internal link `{}` resolves to no post or file of the site"
    assert lint(tmp_path, "LNK006") == [
        ("content/docs/guide.md", 5, "LNK006", broken.format("/docs/cmd/other/")),
        ("content/docs/guide.md", 5, "LNK006", broken.format("cmd/other.md")),
    ]
    cache = tmp_path.parent / "cache"
    config = load_config(cwd=tmp_path)
    config.cache_dir, config.cache_dir_given = str(cache), True

    def cached() -> list[tuple[str, int, str]]:
        result = run([str(tmp_path)], config, cwd=tmp_path, today=TODAY, use_cache=True)
        return sorted((f.path, f.line, f.message) for f in result.findings if f.code == "LNK006")

    first = cached()
    assert len(first) == 2 and cached() == first
    assert any(cache.iterdir())  # the runs above used the results cache
    write(tmp_path, "content/docs/cmd/.gitignore", "api/v*.md\n")  # the tools are no longer written by the build
    assert [message for _path, _line, message in cached()] == [
        broken.format("/docs/cmd/other/"), broken.format("/docs/cmd/tool_run/"), broken.format("cmd/other.md"), broken.format("cmd/tool_check.md"),
    ]
    write(tmp_path, ".postlint.yaml", "respect-gitignore: false\n")
    assert len(lint(tmp_path, "LNK006")) == 5


# --- Jekyll's post_url in the link graph; a link text that is the target's name -------------------------


def test_a_post_linked_with_post_url_is_no_orphan(tmp_path: Path) -> None:
    write(tmp_path, "_config.yml", "url: https://kiln.example.org\n")
    write(tmp_path, "_posts/2022-09-07-kiln-3.6.0.md", "---\ntitle: Kiln 3.6.0 is out with new cones\n---\n\nText.\n")
    write(tmp_path, "_posts/news/2022-09-08-glazes.md", "---\ntitle: Notes from the workshop on glazes\n---\n\nText.\n")
    write(
        tmp_path, "_posts/2022-09-15-update.md",
        "---\ntitle: An update on the kiln projects\n---\n\n[3.6.0]({% post_url 2022-09-07-kiln-3.6.0 %}) "
        "[glazes]({%- post_url news/2022-09-08-glazes -%}) [nothing]({% post_url 2020-01-01-none %})\n",
    )
    result = run_site(tmp_path)
    assert sorted(f.path for f in result.findings if f.code == "SEO008") == ["_posts/2022-09-15-update.md"]


def test_a_poor_link_text_that_names_the_target_is_a_name(tmp_path: Path) -> None:
    write(
        tmp_path, "post.md",
        "---\ntitle: Tools for the kiln workshop\n---\n\n[Click](https://github.com/pallets/click) [click](https://example.org/docs/) "
        "[here](https://example.org/here.html) [more](/more/) [this](https://example.org/)\n",
    )
    result = run_site(tmp_path, "post.md")
    assert [f.message for f in result.findings if f.code == "LNK003"] == [
        "link text 'click' does not describe the target", "link text 'this' does not describe the target",
    ]


# --- hostile files among what the generators' readers open ----------------------------------------------


def test_links_to_devices_and_out_of_the_project_are_never_read(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    if not os.path.exists("/dev/zero"):
        import pytest

        pytest.skip("needs /dev/zero")
    outside = tmp_path / "outside"
    write(outside, "vercel.json", '{"redirects": [{"source": "/blog/stolen", "destination": "/"}]}\n')
    write(outside, "mkdocs-base.yml", "site_name: Stolen\ndocs_dir: stolen\n")
    site = tmp_path / "site"
    write(site, "docusaurus.config.js", "export default { url: 'https://kiln.example.org', baseUrl: '/' };\n")
    write(site, "blog/2024-01-02-news.md", "---\ntitle: News from the kiln workshop\n---\n\n[a](/blog/stolen) [b](/blog/gone)\n")
    (site / "static").mkdir()
    for name, target in (("static/_redirects", "/dev/zero"), ("versions.json", "/dev/zero"), ("vercel.json", str(outside / "vercel.json"))):
        os.symlink(target, site / name)
    result = subprocess.run(
        [sys.executable, "-m", "postlint", "check", "--no-cache", "--format", "concise", "."],
        cwd=site, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 1, result.stderr
    assert [line for line in result.stdout.splitlines() if "LNK006" in line] == [
        "blog/2024-01-02-news.md:5:1: LNK006 internal link `/blog/stolen` resolves to no post or file of the site",
        "blog/2024-01-02-news.md:5:19: LNK006 internal link `/blog/gone` resolves to no post or file of the site",
    ]
    mkdocs = tmp_path / "mkdocs"
    write(mkdocs, "mkdocs.yml", "site_name: Kiln\nINHERIT: base.yml\n")
    os.symlink(outside / "mkdocs-base.yml", mkdocs / "base.yml")
    settings = read_site(mkdocs)
    assert settings.content_root == "docs" and settings.notes == ("mkdocs.yml: INHERIT 'base.yml' not read (missing, outside the project or a loop)",)


def test_a_content_config_of_one_long_word_is_read_in_one_pass(tmp_path: Path) -> None:
    # the name before `defineCollection(` is looked for in a window: a 100 KB word took the old
    # search minutes (each start tried the word to its end)
    write(tmp_path, "astro.config.mjs", "export default {};\n")
    write(tmp_path, "src/content/blog/a.md", "---\ntitle: A post\n---\n")
    config = 'const note = "' + "a-" * 50_000 + '";\nconst blog = defineCollection({ schema: z.object({ pubDate: z.date() }) });\n'
    write(tmp_path, "src/content.config.ts", config)
    assert read_site(tmp_path).post_dirs == ("src/content/blog",)


def test_files_the_generator_does_not_build_share_no_url(tmp_path: Path) -> None:
    write(tmp_path, "astro.config.mjs", "export default { site: 'https://kiln.example.org' };\n")
    write(tmp_path, "README.md", "# A theme\n")
    write(tmp_path, "vendor/README.md", "# Vendored code\n")  # both would be `/readme/`: neither is built
    write(tmp_path, "src/content/blog/firing.md", "---\ntitle: Firing a kiln step by step\npubDate: 2024-01-02\nslug: kilns\n---\n\nText.\n")
    write(tmp_path, "src/content/blog/glazes.md", "---\ntitle: Notes from the workshop on glazes\npubDate: 2024-01-03\nslug: kilns\n---\n\nText.\n")
    assert [(path, code) for path, _line, code, _message in lint(tmp_path, "SEO006")] == [
        ("src/content/blog/firing.md", "SEO006"), ("src/content/blog/glazes.md", "SEO006"),
    ]
    hugo = tmp_path / "hugo"
    write(hugo, "hugo.toml", "baseURL = 'https://kiln.example.org/'\n")
    write(hugo, "README.md", "# The site's source\n")
    write(hugo, "docs/README.md", "# How to write\n")
    write(hugo, "content/readme.md", "---\ntitle: Read me first, then fire\n---\n\nText.\n")  # built: `/readme/`
    assert lint(hugo, "SEO006") == []


def test_a_nul_in_a_generator_setting_names_no_file_and_the_run_goes_on(tmp_path: Path) -> None:
    mkdocs = tmp_path / "mkdocs"
    write(mkdocs, "mkdocs.yml", 'site_name: Kiln\nINHERIT: "base\\0.yml"\n')
    assert read_site(mkdocs).notes == ("mkdocs.yml: INHERIT 'base\\x00.yml' not read (missing, outside the project or a loop)",)
    hugo = tmp_path / "hugo"
    write(hugo, "hugo.toml", "baseURL = 'https://kiln.example.org/'\ntheme = \"clay\\u0000\"\n")
    write(hugo, "content/posts/a.md", "---\ntitle: Firing a kiln step by step\ndate: 2024-01-02\n---\n\n[a](/posts/gone/)\n")
    assert read_site(hugo).page_paths is False
    assert lint(hugo, "LNK006") == [("content/posts/a.md", 6, "LNK006", "internal link `/posts/gone/` resolves to no post or file of the site")]


# --- round 4: docs sites without a blog, MkDocs' indented blocks -------------------------------


def test_docs_sites_without_a_blog_have_pages_only(tmp_path: Path) -> None:
    """MkDocs without the blog plugin, Docusaurus without a blog folder and Astro whose content
    collections have no dated schema (Starlight) build docs pages, which need no front matter
    or date: FM001/FM003 were errors on every page of Pydantic, FastAPI, Sequelize and Starlight.
    Their links are still checked; a site with a blog still has posts."""
    page = "# Setting up the kiln\n\nRead [the glaze notes](missing.md) first.\n"
    mkdocs, docusaurus, astro = tmp_path / "mk", tmp_path / "du", tmp_path / "as"
    write(mkdocs, "mkdocs.yml", "site_name: Kiln\n")
    write(mkdocs, "docs/setup.md", page)
    write(docusaurus, "docusaurus.config.js", "module.exports = { presets: [['classic', { docs: {}, blog: false }]] };\n")
    write(docusaurus, "docs/setup.md", page)
    write(astro, "astro.config.mjs", "export default {};\n")
    write(astro, "src/content.config.ts", "export const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }) };\n")
    write(astro, "src/content/docs/setup.md", "---\ntitle: Setting up the kiln\n---\n\nRead [the glaze notes](/missing/) first.\n")
    for root, target in ((mkdocs, "missing.md"), (docusaurus, "missing.md"), (astro, "/missing/")):
        assert read_site(root).pages_only is True
        assert [(code, message) for _path, _line, code, message in lint(root, "FM001,FM003,LNK006")] == [
            ("LNK006", f"internal link `{target}` resolves to no post or file of the site"),
        ]
    write(mkdocs, "mkdocs.yml", "site_name: Kiln\nplugins:\n  - blog\n")
    write(mkdocs, "docs/blog/posts/glazes.md", "---\ntitle: Notes from the workshop on glazes\n---\n\nText.\n")
    assert read_site(mkdocs).pages_only is False
    assert [(path, code) for path, _line, code, _message in lint(mkdocs, "FM001,FM003")] == [("docs/blog/posts/glazes.md", "FM003")]
    write(astro, "src/content.config.ts", "export const collections = { docs: defineCollection({ schema: z.object({ published: z.date() }) }) };\n")
    assert read_site(astro).pages_only is False
    write(astro, "src/content/docs/setup.md", "---\ntitle: Setting up the kiln\npublished: 2024-01-02\n---\n\nRead [the glaze notes](/docs/setup/) first.\n")
    assert lint(astro, "FM001,FM003,LNK006") == []  # `published` dates an Astro post (fuwari)


def test_mkdocs_admonition_details_and_tab_bodies_are_markdown(tmp_path: Path) -> None:
    """`!!! note`, `??? tip` and `=== "Tab"` bodies are indented Markdown where mkdocs.yml turns
    the extensions on: their links and images are checked, and a post linked only from one is
    no orphan. Without the extensions the body is an indented code block, as Python-Markdown
    renders it."""
    write(tmp_path, "mkdocs.yml", "site_name: Kiln\nplugins:\n  - blog\nmarkdown_extensions:\n  - admonition\n  - pymdownx.details\n  - pymdownx.tabbed:\n      alternate_style: true\n")
    write(tmp_path, "docs/blog/posts/firing.md", POST + "A first paragraph of text about firing.\n")
    write(
        tmp_path, "docs/blog/posts/glazes.md",
        POST + '!!! tip "Before you fire"\n    Read the [firing notes](firing.md).\n\n    ![](kiln.png)\n\n'
        '??? note\n\n    A [gone page](gone.md).\n\n=== "Tab"\n\n        [code](nowhere.md)\n',
    )
    expected = [
        ("docs/blog/posts/glazes.md", 12, "IMG001", "image `kiln.png` has empty alt text"),
        ("docs/blog/posts/glazes.md", 16, "LNK006", "internal link `gone.md` resolves to no post or file of the site"),
    ]
    assert lint(tmp_path, "IMG001,LNK006") == expected
    orphans = [f.path for f in run_site(tmp_path).findings if f.code == "SEO008"]
    assert orphans == ["docs/blog/posts/glazes.md"]  # firing.md is linked from the admonition
    write(tmp_path, "mkdocs.yml", "site_name: Kiln\nplugins:\n  - blog\n")
    assert lint(tmp_path, "IMG001,LNK006") == []  # indented code to Python-Markdown


def test_mkdocs_anchors_from_attribute_lists_icons_and_the_tags_index(tmp_path: Path) -> None:
    """Pydantic's and Privacy Guides' MkDocs sites: an attribute list's id on a list item or
    paragraph, mkdocs-autorefs' `[](){#id}` (an anchor, no link), a heading's icon shortcode (no
    part of its id), the tags plugin's `#tag:` anchors, script routes (`#/portal`), a text
    directive after an id; a misspelt anchor stays an error."""
    write(tmp_path, "mkdocs.yml", "site_name: Kiln\nmarkdown_extensions:\n  - attr_list\n  - pymdownx.emoji\nplugins:\n  - tags\n")
    write(tmp_path, "docs/tags.md", "# Tags\n\n<!-- material/tags -->\n")
    write(tmp_path, "docs/about.md", "# About\n\n## :material-email-edit: Write to us\n\nMail the workshop.\n")
    write(
        tmp_path, "docs/index.md",
        "# Glazes\n\n* **Ash** glazes: run after firing.\n  {#ash-glazes}\n\n[](){#cone-note}\nA note on cones.\n\n"
        "See [ash](#ash-glazes), [cones](#cone-note), [mail](about.md#write-to-us), [tag](tags.md#tag:ash), "
        "[app](#/portal), [quote](about.md#write-to-us:~:text=Mail), [typo](about.md#write-to-su).\n",
    )
    assert lint(tmp_path, "LNK001,LNK006") == [("docs/index.md", 9, "LNK006", "`#write-to-su` names no heading of docs/about.md")]
    assert [f.code for f in run_site(tmp_path).findings if f.code in ("LNK003", "LNK001")] == []  # `[](){#id}` is no empty link


def test_a_hugo_link_hook_that_renders_a_destination_itself_and_anchored_excludes(tmp_path: Path) -> None:
    """hugoDocs: its `render-link.html` makes `[term](g)` a glossary link; and its pages under
    `content/en/functions/data/` are pages, where the generator's `data/` exclude meant the
    top-level folder only."""
    write(tmp_path, "hugo.toml", 'baseURL = "https://kiln.example.org/"\n')
    write(
        tmp_path, "layouts/_markup/render-link.html",
        '{{- $u := urls.Parse .Destination -}}\n{{- if eq $u.String "g" -}}<a href="/glossary/#{{ .Text | urlize }}">{{ .Text }}</a>\n'
        "{{- else with .PageInner.GetPage $u.Path -}}<a href=\"{{ .RelPermalink }}\">{{ $.Text }}</a>{{- end -}}\n",
    )
    write(tmp_path, "data/notes.md", "not built: Hugo's data folder\n")
    write(tmp_path, "content/functions/data/get.md", "---\ntitle: The data.Get function\ndate: 2024-01-02\n---\n\nReads a file.\n")
    write(
        tmp_path, "content/functions/index.md",
        "---\ntitle: Functions of the templates\ndate: 2024-01-02\n---\n\nA [glob pattern](g), [data.Get](/functions/data/get/) and [a typo](h).\n",
    )
    settings = read_site(tmp_path)
    assert settings.hook_destinations == ("g",)
    assert lint(tmp_path, "LNK006,FM001") == [("content/functions/index.md", 6, "LNK006", "internal link `h` resolves to no post or file of the site")]
    assert [f.path for f in run_site(tmp_path).findings if f.path.startswith("data/")] == []


def test_mkdocs_theme_files_and_env_tags(tmp_path: Path) -> None:
    """Privacy Guides: `theme.custom_dir` files are the site's (MkDocs adds them), and
    `!ENV [NAME, default]` reads as its default: a list as a `nav` key no longer drops the whole
    config (every setting was lost with it)."""
    write(
        tmp_path, "mkdocs.yml",
        'site_name: Kiln\nsite_url: !ENV [SITE_URL, "https://kiln.example.org/"]\ntheme:\n  name: material\n  custom_dir: theme\n'
        'nav:\n  - !ENV [NAV_HOME, "Home"]: index.md\nplugins:\n  - blog\n',
    )
    write(tmp_path, "theme/assets/logo.svg", "<svg/>")
    write(tmp_path, "docs/index.md", "# Kiln\n\n![The kiln's logo](assets/logo.svg) ![A missing one](assets/gone.svg)\n")
    settings = read_site(tmp_path)
    assert (settings.url, settings.static_dirs, settings.post_dirs) == ("https://kiln.example.org", ("docs", "theme"), ("docs/blog/posts",))
    assert [(code, message[:30]) for _path, _line, code, message in lint(tmp_path, "IMG005")] == [("IMG005", "image `assets/gone.svg` not fo")]


def test_walking_a_site_skips_what_the_generator_does_not_build(tmp_path: Path) -> None:
    """A `README.md` beside an Astro site and a theme's example site in a Hugo project are built
    by no one: `postlint check .` walks past them (grpc.io's `themes/docsy/userguide/`, 100 false
    errors). Named on the command line (a pre-commit run) a README is linted, its root-absolute
    paths found from the project's root as GitHub shows them."""
    astro, hugo = tmp_path / "astro", tmp_path / "hugo"
    write(astro, "astro.config.mjs", "export default {};\n")
    write(astro, "public/static/preview.png", "png")
    write(astro, "src/content/blog/glazes.md", "---\ntitle: Notes from the workshop on glazes\npubDate: 2024-01-02\n---\n\nText.\n")
    write(astro, "README.md", "# Kiln theme\n\n![Preview](/public/static/preview.png) ![Gone](/public/static/gone.png)\n")
    write(hugo, "hugo.toml", 'baseURL = "https://kiln.example.org/"\ntheme = "glaze"\n')
    write(hugo, "content/posts/glazes.md", "---\ntitle: Notes from the workshop on glazes\ndate: 2024-01-02\n---\n\nText.\n")
    write(hugo, "themes/glaze/content/about.md", "---\ntitle: About the glaze theme\n---\n\n![No alt](/x.png)\n")
    write(hugo, "themes/glaze/userguide/content/en/docs/start.md", "# Start\n\n[Missing](/docs/nowhere/)\n")
    assert run_site(astro).paths == ["src/content/blog/glazes.md"]
    named = run([str(astro / "README.md")], load_config(cwd=astro), cwd=astro, today=TODAY)
    assert [(f.code, f.message) for f in named.findings if f.severity is Severity.ERROR] == [
        ("IMG005", "image `/public/static/gone.png` not found (looked for public/static/gone.png, public/public/static/gone.png, src/content/public/static/gone.png)"),
    ]
    assert sorted(run_site(hugo).paths) == ["content/posts/glazes.md", "themes/glaze/content/about.md"]  # Hugo mounts a theme's content


def test_docusaurus_version_paths_static_html_pages_redirect_error_pages_and_submodules(tmp_path: Path) -> None:
    """Sequelize's Docusaurus: `versions: {current: {path: 'v7'}, '6.x.x': {path: 'v6'}}` serves
    the docs at `/docs/v7/` and `/docs/v6/`; a static `api/x.html` is served at `/api/x`; a
    `_redirects` rule with a 404 status is the not-found page, no landing; an image in a git
    submodule not checked out (Privacy Guides' `docs/brand`) is the build's to fetch."""
    write(
        tmp_path, "docusaurus.config.js",
        "module.exports = { url: 'https://kiln.example.org', baseUrl: '/', presets: [['classic', { docs: { versions: {\n"
        "  current: { label: 'v7', path: 'v7' },\n  '6.x.x': { label: 'v6', path: 'v6' },\n} } }]] };\n",
    )
    write(tmp_path, "versions.json", '["6.x.x"]\n')
    write(tmp_path, "versioned_docs/version-6.x.x/upgrade.md", "---\ntitle: Upgrading to the sixth release\n---\n\nSteps.\n")
    write(tmp_path, "docs/intro.md", "---\ntitle: Introduction\n---\n\nHello.\n")
    write(tmp_path, "static/api/data-types.js~GEOMETRY.html", "<html></html>")
    write(tmp_path, "static/_redirects", "/old /new 301\n/* /404.html 404\n")
    write(tmp_path, ".gitmodules", '[submodule "brand"]\n\tpath = static/brand\n\turl = https://example.org/brand.git\n')
    (tmp_path / "static" / "brand").mkdir()
    write(
        tmp_path, "blog/2024-01-02-notes.md",
        "---\ntitle: Notes from the workshop on glazes\n---\n\n[v6](/docs/v6/upgrade) [v7](/docs/v7/intro) [api](/api/data-types.js~GEOMETRY) "
        "[old](/old) [typo](/docs/v7/intr) ![Logo](/brand/logo.png) ![Gone](/img/gone.png)\n",
    )
    assert [(code, message) for _path, _line, code, message in lint(tmp_path, "LNK006,IMG005")] == [
        ("IMG005", "image `/img/gone.png` not found (looked for static/img/gone.png, img/gone.png)"),
        ("LNK006", "internal link `/docs/v7/intr` resolves to no post or file of the site"),
    ]


def test_mdx_inline_code_in_a_heading_is_code_not_jsx(tmp_path: Path) -> None:
    """Starlight's `## `<Page>` component`: in MDX a code span's text is code, so the heading's
    id is `page-component` (the `<Page>` was taken for a JSX element and dropped)."""
    write(tmp_path, "astro.config.mjs", "export default {};\n")
    write(
        tmp_path, "src/content/blog/components.mdx",
        "---\ntitle: Components of the kiln site\npubDate: 2024-01-02\n---\n\n"
        "See [the page](#page-component), [a typo](#page-componnt).\n\n## `<Page>` component\n\n<Note>Text</Note>\n",
    )
    assert lint(tmp_path, "LNK006") == [("src/content/blog/components.mdx", 6, "LNK006", "`#page-componnt` names no heading of this post")]


def test_hugo_getpage_ignores_case_and_ref_finds_content_paths_without_a_slash(tmp_path: Path) -> None:
    """hugoDocs: its link hook's `GetPage` finds `RelURL.md` for `/functions/urls/relURL/` (Hugo
    matches page paths whatever their case); grpc.io: `relref "docs/a/alts"` (no leading slash,
    no extension, in a language's content folder) is looked up from the content root too."""
    write(tmp_path, "hugo.yaml", "baseURL: https://kiln.example.org/\nlanguages:\n  en:\n    contentDir: content/en\n")
    write(tmp_path, "layouts/_markup/render-link.html", '{{ with .PageInner.GetPage .Destination }}<a href="{{ .RelPermalink }}">{{ $.Text }}</a>{{ end }}\n')
    write(tmp_path, "content/en/functions/urls/RelURL.md", "---\ntitle: The urls.RelURL function\ndate: 2024-01-02\n---\n\nText.\n")
    write(tmp_path, "content/en/docs/a/alts.md", "---\ntitle: ALTS in the kiln controller\ndate: 2024-01-02\n---\n\nText.\n")
    write(
        tmp_path, "content/en/guide/auth.md",
        "---\ntitle: Authentication for the kiln controller\ndate: 2024-01-02\n---\n\n"
        '[a](/functions/urls/relURL/) [b]({{< relref "docs/a/alts" >}}) [c]({{< relref "docs/a/alts.md" >}}) '
        '[d](/functions/urls/relURI/) [e]({{< relref "docs/a/alt" >}})\n',
    )
    assert lint(tmp_path, "LNK006") == [
        ("content/en/guide/auth.md", 6, "LNK006", '`{{< relref "docs/a/alt" >}}` names no page beside this post or under the content root'),
        ("content/en/guide/auth.md", 6, "LNK006", "internal link `/functions/urls/relURI/` resolves to no post or file of the site"),
    ]


def test_html_urls_as_browsers_read_them_and_jekyll_excludes(tmp_path: Path) -> None:
    """rubyonrails.org: a newline inside `<img src>` is dropped by the browser; a bare `alt` is
    `alt=""` (a decorative image); the config's `exclude` entries are never built, so never walked."""
    write(tmp_path, "_config.yml", "url: https://kiln.example.org\nexclude:\n  - notes/\n  - NOTES.md\n")
    write(tmp_path, "assets/sponsors/kiln.svg", "<svg/>")
    write(tmp_path, "notes/todo.md", "---\ntitle: Internal notes never published\n---\n\n![](/gone.png)\n")
    write(tmp_path, "NOTES.md", "---\ntitle: Internal notes never published\n---\n\n![](/gone.png)\n")
    write(
        tmp_path, "_posts/2025-02-03-sponsor.md",
        '---\ntitle: A new sponsor joins the kiln foundation\n---\n\n<p><img alt="Kiln logo" src="/assets/sponsors\n/kiln.svg"></p>\n\n'
        '<img src="/assets/sponsors/kiln.svg" alt width="16"> Brighton\n\n<img src="/assets/sponsors/gone.svg">\n',
    )
    assert run_site(tmp_path).paths == ["_posts/2025-02-03-sponsor.md"]
    assert [(line, code) for _path, line, code, _message in lint(tmp_path, "IMG001,IMG005")] == [(10, "IMG001"), (10, "IMG005")]


def test_a_second_mkdocs_site_in_the_project_is_named_in_a_note(tmp_path: Path) -> None:
    """Privacy Guides: `mkdocs.blog.yml` builds `blog/` as a site of its own; walking the main
    site (its `docs/`) leaves it, and `postlint site` says so."""
    write(tmp_path, "mkdocs.yml", "site_name: Kiln\n")
    write(tmp_path, "mkdocs.blog.yml", "site_name: Kiln blog\ndocs_dir: blog\nplugins:\n  - blog:\n      blog_dir: .\n")
    write(tmp_path, "docs/index.md", "# Kiln\n\nText.\n")
    write(tmp_path, "blog/index.md", "# Blog\n")
    assert read_site(tmp_path).notes == ("mkdocs.blog.yml builds blog/ as another site: its pages are not walked with this one's (name them to lint them)",)
    assert run_site(tmp_path).paths == ["docs/index.md"]


def test_hugo_publishes_a_folder_with_spaces_at_a_hyphenated_path(tmp_path: Path) -> None:
    """Docsy's user guide: `content/docs/Adding content/navigation.md` is `/docs/adding-content/navigation/`."""
    write(tmp_path, "hugo.toml", 'baseURL = "https://kiln.example.org/"\n')
    write(tmp_path, "content/docs/Adding content/navigation.md", "---\ntitle: Navigation of the kiln docs\ndate: 2024-01-02\n---\n\nText.\n")
    write(
        tmp_path, "content/docs/start.md",
        "---\ntitle: Starting with the kiln docs\ndate: 2024-01-02\n---\n\n[nav](/docs/adding-content/navigation/) [typo](/docs/adding-contnt/navigation/)\n",
    )
    assert lint(tmp_path, "LNK006") == [("content/docs/start.md", 6, "LNK006", "internal link `/docs/adding-contnt/navigation/` resolves to no post or file of the site")]


def test_starlight_locales_fall_back_and_mkdocs_theme_assets_by_docs_path(tmp_path: Path) -> None:
    """Starlight: `/es/guides/a/` shows the default locale's page until it is translated (67 false
    errors on Starlight's docs); MkDocs: `../assets/x.svg` from `docs/a/page.md` is the docs path
    `assets/x.svg`, which the theme's `custom_dir` holds (Privacy Guides, 31)."""
    astro, mkdocs = tmp_path / "astro", tmp_path / "mkdocs"
    write(astro, "astro.config.mjs", "export const locales = { root: { label: 'English', lang: 'en' }, es: { label: 'Español' } };\n"
          "export default { integrations: [starlight({ title: 'Kiln', locales })] };\n")
    write(astro, "src/content.config.ts", "export const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }) };\n")
    write(astro, "src/content/docs/guides/glazes.md", "---\ntitle: Glazes\n---\n\n## Ash glazes\n\nText.\n")
    write(astro, "src/content/docs/es/index.md", "---\ntitle: Inicio\n---\n\n[a](/es/guides/glazes/#ash-glazes) [b](/es/guides/glaze/) [c](/fr/guides/glazes/)\n")
    assert read_site(astro).fallback_prefixes == ("/es",)
    assert [message for _path, _line, _code, message in lint(astro, "LNK006")] == [
        "internal link `/es/guides/glaze/` resolves to no post or file of the site",
        "internal link `/fr/guides/glazes/` resolves to no post or file of the site",
    ]
    write(mkdocs, "mkdocs.yml", "site_name: Kiln\ntheme:\n  name: material\n  custom_dir: theme\n")
    write(mkdocs, "theme/assets/img/kiln.svg", "<svg/>")
    write(mkdocs, "docs/advanced/firing.md", "# Firing\n\n![The kiln](../assets/img/kiln.svg) ![Gone](../assets/img/gone.svg)\n")
    assert [(code, message[:32]) for _path, _line, code, message in lint(mkdocs, "IMG005")] == [("IMG005", "image `../assets/img/gone.svg` n")]


def test_markdown_it_anchor_ids_and_attribute_list_paragraphs(tmp_path: Path) -> None:
    """v8.dev (Eleventy with markdown-it-anchor and markdown-it-attrs): `## \\`Promise.any\\``
    has the id `promise.any`, `## async/await` the id `async%2Fawait`; a paragraph that is only
    `{ #test.js }` gives that id."""
    write(tmp_path, ".eleventy.js", "module.exports = function (cfg) { return { dir: { input: '.' } }; };\n")
    write(
        tmp_path, "posts/combinators.md",
        "---\ntitle: Promise combinators in the kiln controller\ndate: 2024-01-02\n---\n\n"
        "[a](#promise.any) [b](#async%2Fawait) [c](#which-version-should-i-use%3F) [d](#test.js) [e](#promise.all)\n\n"
        "## `Promise.any`\n\n## async/await\n\n## Which version should I use?\n\n{ #test.js }\n\n```js\nrun();\n```\n",
    )
    assert lint(tmp_path, "LNK006") == [("posts/combinators.md", 6, "LNK006", "`#promise.all` names no heading of this post")]


def test_links_into_a_git_ignored_folder_a_build_step_writes_land(tmp_path: Path) -> None:
    """sass-lang.com: typedoc writes `source/documentation/js-api/` (git-ignored) before Eleventy
    runs; a link deep into it lands even though `/documentation/` has a page of its own."""
    write(tmp_path, "eleventy.config.cjs", "module.exports = () => ({ dir: { input: 'source' } });\n")
    write(tmp_path, ".gitignore", "/source/documentation/js-api\n")
    write(tmp_path, "source/documentation/index.md", "---\ntitle: Documentation of the kiln language\n---\n\nText.\n")
    write(
        tmp_path, "source/blog/038-kiln-in-the-browser.md",
        "---\ntitle: The kiln language runs in the browser\ndate: 2024-01-02\n---\n\n"
        "[compile](/documentation/js-api/functions/compile) [typo](/documentation/js-apj/functions/compile)\n",
    )
    assert lint(tmp_path, "LNK006") == [
        ("source/blog/038-kiln-in-the-browser.md", 6, "LNK006", "internal link `/documentation/js-apj/functions/compile` resolves to no post or file of the site"),
    ]


def test_eleventy_paginated_templates_make_their_pages(tmp_path: Path) -> None:
    """v8.dev: `blog/tag.njk` paginates its data into `/blog/tags/{{ tag | slug }}/`: a link to a
    tag page lands; the blog's own pager (`/blog/{{ pagination.pageNumber }}/`) is left out, so a
    typo in a post's path is still an error."""
    write(tmp_path, ".eleventy.js", "module.exports = function (cfg) { return { dir: { input: '.' } }; };\n")
    write(tmp_path, "blog/tag.njk", "---\npagination:\n  data: collections\n  size: 1\n  alias: tag\npermalink: /blog/tags/{{ tag | slug }}/\n---\n<h1>{{ tag }}</h1>\n")
    write(tmp_path, "blog/pages.njk", "---\npagination:\n  data: collections.posts\n  size: 10\npermalink: /blog/{{ pagination.pageNumber }}/\n---\nList\n")
    write(
        tmp_path, "blog/part-1.md",
        "---\ntitle: Understanding the kiln controller, part one\ndate: 2024-01-02\n---\n\n[tag](/blog/tags/kiln/) [typo](/blog/prt-1/)\n",
    )
    assert read_site(tmp_path).generated == ("/blog/tags/*",)
    assert lint(tmp_path, "LNK006") == [("blog/part-1.md", 6, "LNK006", "internal link `/blog/prt-1/` resolves to no post or file of the site")]


def test_hugo_definition_terms_have_ids_where_the_config_says(tmp_path: Path) -> None:
    """hugoDocs: `autoDefinitionTermID = true` gives each definition list term an id, as a
    heading has (on the page itself and on another page the link names)."""
    write(tmp_path, "hugo.toml", 'baseURL = "https://kiln.example.org/"\n[markup.goldmark.parser]\n  autoDefinitionTermID = true\n')
    write(tmp_path, "content/methods/file.md", "---\ntitle: The File method of a page\ndate: 2024-01-02\n---\n\n`ContentBaseName`\n: The base name.\n")
    write(
        tmp_path, "content/methods/tokens.md",
        "---\ntitle: Tokens of the permalinks setting\ndate: 2024-01-02\n---\n\n"
        "[a](/methods/file/#contentbasename) [b](#filename) [c](#contentbasenam)\n\n`FileName`\n: here too.\n",
    )
    assert lint(tmp_path, "LNK006") == [("content/methods/tokens.md", 6, "LNK006", "`#contentbasenam` names no heading of this post")]
    write(tmp_path, "hugo.toml", 'baseURL = "https://kiln.example.org/"\n')
    assert len(lint(tmp_path, "LNK006")) == 3  # without the setting, terms have no ids


def test_regressions_found_on_round_2_and_3_sites(tmp_path: Path) -> None:
    """11ty-website: an `ignores.add` in the development branch of the config (`if (NODE_ENV ===
    "production") {…} else {…}`) may not hold for the published build, so the file is still linted;
    `authors/authors.njk` is `/authors/`. mkdocs-material: a superfences fence's `{ .sh #example }`
    is an anchor; `<!-- material/tags -->` shown in a code block makes no tags index, and on a real
    one only `#tag:…` fragments go unchecked."""
    eleventy, mkdocs = tmp_path / "eleventy", tmp_path / "mkdocs"
    write(
        eleventy, "eleventy.config.js",
        "export default function (cfg) {\n  cfg.ignores.add('src/drafts.md');\n"
        "  if (process.env.NODE_ENV === 'production') {\n    cfg.ignores.add('src/admin.md');\n  } else {\n"
        "    cfg.ignores.add('src/authors/author-pages.md');\n  }\n  return { dir: { input: 'src' } };\n}\n",
    )
    write(eleventy, "src/authors/authors.njk", "<h1>Authors</h1>\n")
    write(eleventy, "src/authors/author-pages.md", "---\ntitle: Pages of the authors of the kiln\n---\n\n# Author\n\n### Too deep\n")
    write(eleventy, "src/drafts.md", "---\ntitle: Drafts of the kiln site\n---\n\nText.\n")
    write(eleventy, "src/blog/2024-01-02-notes.md", "---\ntitle: Notes from the workshop on glazes\n---\n\n[authors](/authors/) [typo](/authors/nobody/)\n")
    assert run_site(eleventy).paths == ["src/authors/author-pages.md", "src/blog/2024-01-02-notes.md"]
    assert [message for _path, _line, _code, message in lint(eleventy, "LNK006")] == ["internal link `/authors/nobody/` resolves to no post or file of the site"]
    write(mkdocs, "mkdocs.yml", "site_name: Kiln\nmarkdown_extensions:\n  - admonition\nplugins:\n  - tags\n")
    write(mkdocs, "docs/tags.md", "# Tags\n\n<!-- material/tags -->\n")
    write(mkdocs, "docs/setup.md", "# Setup\n\n## Advanced features\n\n```html\n<!-- material/tags -->\n```\n\n``` { .sh .no-copy #example }\nrun\n```\n")
    write(
        mkdocs, "docs/index.md",
        "# Kiln\n\n!!! question\n    See [the example](setup.md#example).\n\n"
        "[a](setup.md#advanced-settings) [b](tags.md#tag:glazes) [c](tags.md#glazes)\n",
    )
    assert [message for _path, _line, _code, message in lint(mkdocs, "LNK006")] == [
        "`#advanced-settings` names no heading of docs/setup.md",
        "`#glazes` names no heading of docs/tags.md",
    ]


def test_a_long_jsx_element_is_jsx_not_prose(tmp_path: Path) -> None:
    """Starlight's themes page: `<Grid themes={[…70 themes…]} />` is 4.2 KB; past the 4 KB a tag
    was scanned for, its links were read as bare URLs (107 LNK010 warnings)."""
    write(tmp_path, "astro.config.mjs", "export default {};\n")
    themes = "".join(f"\t\t{{ title: 'Kiln theme {n:02d}', href: 'https://t{n:02d}.example.com/' }},\n" for n in range(90))
    write(tmp_path, "src/content/blog/themes.mdx", f"---\ntitle: A grid of kiln themes\npubDate: 2024-01-02\n---\n\n<Grid\n\tthemes={{[\n{themes}\t]}}\n/>\n\nSee https://kiln.example.org for more.\n")
    assert len(themes) > 5000
    assert [(f.line, f.code) for f in run_site(tmp_path).findings if f.code == "LNK010"] == [(101, "LNK010")]


def test_a_date_as_unix_date_or_an_email_writes_it_is_a_date(tmp_path: Path) -> None:
    """rubyonrails.org: `date: Fri Sep  3 11:21:31 CEST 2021` (Jekyll reads it with Ruby's
    `Time.parse`; Hugo with Go's `UnixDate`); a day that is no day stays FM004."""
    write(tmp_path, "_config.yml", "url: https://kiln.example.org\n")
    write(tmp_path, "_posts/2021-09-03-autoloading.md", "---\ntitle: Autoloading in the kiln controller\ndate: Fri Sep  3 11:21:31 CEST 2021\n---\n\nText.\n")
    write(tmp_path, "_posts/2021-09-04-mail.md", "---\ntitle: A post dated as an e-mail dates it\ndate: Sat, 04 Sep 2021 10:00:00 +0200\n---\n\nText.\n")
    write(tmp_path, "_posts/2021-09-05-bad.md", "---\ntitle: A post dated on no day at all\ndate: Sun Sep 35 11:21:31 CEST 2021\n---\n\nText.\n")
    assert [(path, code) for path, _line, code, _message in lint(tmp_path, "FM004")] == [("_posts/2021-09-05-bad.md", "FM004")]


def test_content_dirs_the_user_sets_are_walked_even_outside_the_generators(tmp_path: Path) -> None:
    """`content-dirs: [notes]` in postlint's config names a folder the generator does not build:
    the user asked for it, so `postlint check .` walks it."""
    write(tmp_path, "hugo.toml", 'baseURL = "https://kiln.example.org/"\n')
    write(tmp_path, ".postlint.yaml", "content-dirs: [content, notes]\n")
    write(tmp_path, "content/posts/glazes.md", "---\ntitle: Notes from the workshop on glazes\ndate: 2024-01-02\n---\n\nText.\n")
    write(tmp_path, "notes/ideas.md", "---\ntitle: Ideas for the next kiln workshop\ndate: 2024-01-03\n---\n\nText.\n")
    write(tmp_path, "README.md", "# Kiln\n")
    assert run_site(tmp_path).paths == ["content/posts/glazes.md", "notes/ideas.md"]


# --- round 5 -------------------------------------------------------------------------------


def test_eleventy_template_permalinks_and_jekyll_style_posts_folder(tmp_path: Path) -> None:
    """kpwags.com: a `.webc` post's literal `permalink` and a `---json` feed's are pages links
    reach; jonplummer.com: posts in `src/_posts/` (so `404.md` is a page), and a paginated
    template's permalink without a leading slash, ending in `index.html`."""
    write(tmp_path, "eleventy.config.js", 'export default function (cfg) { return { dir: { input: "src" } }; }\n')
    write(tmp_path, "src/_posts/2022-01-19-books.webc", "---\ntitle: 'Books I read'\ndate: '2022-01-19'\npermalink: /posts/2022/01/19/books/index.html\n---\n<p>Nine.</p>\n")
    write(tmp_path, "src/rss/notes.njk", '---json\n{\n  "permalink": "/rss/notes.xml",\n  "eleventyExcludeFromCollections": true\n}\n---\n<rss></rss>\n')
    write(tmp_path, "src/wisdom/tags.njk", "---\npagination:\n  data: collections\n  size: 1\n  alias: tag\npermalink: wisdom/tags/{{ tag }}/index.html\n---\n{{ tag }}\n")
    write(tmp_path, "src/404.md", "---\ntitle: Not found\n---\n\nNothing here.\n")
    write(
        tmp_path, "src/_posts/2022-02-04-check-in.md",
        "---\ntitle: A check-in on the kiln in February\ndate: 2022-02-04\n---\n\n"
        "[books](/posts/2022/01/19/books/) [feed](/rss/notes.xml) [tag](/wisdom/tags/glazes/) [typo](/_posts/2022-02-04-chek-in/)\n",
    )
    assert read_site(tmp_path).post_dirs == ("src/_posts",)
    assert lint(tmp_path, "LNK006,FM003") == [
        ("src/_posts/2022-02-04-check-in.md", 6, "LNK006", "internal link `/_posts/2022-02-04-chek-in/` resolves to no post or file of the site"),
    ]


def test_astro_paper_content_config_aliases_and_starlight_blog(tmp_path: Path) -> None:
    """AstroPaper v5: the glob `base` is a template literal over the file's own constant, and
    images use the tsconfig alias `@/` for `src/`; starlight-blog's posts are posts (a post
    without a date fails the build)."""
    paper, docs = tmp_path / "paper", tmp_path / "docs"
    write(paper, "astro.config.mjs", "export default {};\n")
    write(paper, "tsconfig.json", '{ "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["./src/*"] } } }\n')
    write(
        paper, "src/content.config.ts",
        'export const BLOG_PATH = "src/data/blog";\nconst blog = defineCollection({ loader: glob({ pattern: "**/*.md", base: `./${BLOG_PATH}` }),\n'
        "  schema: z.object({ pubDatetime: z.date() }) });\nexport const collections = { blog };\n",
    )
    write(paper, "src/assets/images/cover.png", "png")
    write(paper, "src/pages/about.md", "---\ntitle: About the kiln site\n---\n\nText.\n")
    write(paper, "src/data/blog/release.md", "---\ntitle: The third release of the kiln theme\npubDatetime: 2024-01-02\n---\n\n![Cover](@/assets/images/cover.png) ![Gone](@/assets/images/gone.png)\n")
    assert read_site(paper).post_dirs == ("src/data/blog",)
    assert [(path, code) for path, _line, code, _message in lint(paper, "FM003,IMG005")] == [("src/data/blog/release.md", "IMG005")]
    write(docs, "astro.config.mjs", "export default { integrations: [starlight({ title: 'Kiln', plugins: [starlightBlog()] })] };\n")
    write(docs, "src/content.config.ts", "export const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }) };\n")
    write(docs, "src/content/docs/guide.md", "---\ntitle: A guide to the kiln\n---\n\nText.\n")
    write(docs, "src/content/docs/blog/hello.md", "---\ntitle: Hello from the kiln blog\n---\n\nText.\n")
    assert [(path, code) for path, _line, code, _message in lint(docs, "FM003")] == [("src/content/docs/blog/hello.md", "FM003")]


def test_mkdocs_blog_titles_from_file_names_the_blog_at_the_root_and_slugs_from_titles(tmp_path: Path) -> None:
    """Instructor: a blog post without a title or H1 takes the file name (MkDocs' `Page.title`);
    ryan-atkins: `blog_dir: .` puts posts at `/2024/05/04/<slug>/`, and their slug comes from the
    title, so a file name such as `may_4th` is no FM010."""
    write(tmp_path, "mkdocs.yml", "site_name: Kiln\nplugins:\n  - blog:\n      blog_dir: .\n")
    write(tmp_path, "docs/posts/may_4th.md", "---\ndate: 2024-05-04\n---\n\nThe kiln turned four today.\n")
    write(tmp_path, "docs/posts/glazes.md", "---\ntitle: Notes on glazes\ndate: 2024-05-05\n---\n\nText.\n")
    write(tmp_path, "docs/index.md", "# Kiln\n\n[Glazes](2024/05/05/notes-on-glazes/) [typo](2024/05/05/notes-on-glazs/)\n")
    assert [(path, code) for path, _line, code, _message in lint(tmp_path, "FM003,LNK006")] == [("docs/index.md", "LNK006")]
    assert [f.code for f in run_site(tmp_path).findings if f.code == "FM010"] == []


def test_jekyll_one_digit_file_dates_image_mappings_and_day_first_dates(tmp_path: Path) -> None:
    """Chirpy (docs.lextudio.com): `2005-10-6-x.md` is dated (Jekyll's pattern takes one digit;
    973 false FM003), `image: {path: …, alt: …}` is jekyll-seo-tag's form (63 FM004); scala-lang:
    `date: 11-9-2017` is the 11th of September to Ruby."""
    write(tmp_path, "_config.yml", "url: https://kiln.example.org\n")
    write(tmp_path, "assets/kiln.png", "png")
    write(tmp_path, "_posts/2005-10-6-technote.md", "---\ntitle: A technical note on the kiln controller\nimage:\n  path: /assets/kiln.png\n  alt: The kiln\n---\n\nText.\n")
    write(tmp_path, "_posts/2017-09-11-release.md", "---\ntitle: The fifth release of the kiln controller\ndate: 11-9-2017\n---\n\nText.\n")
    write(tmp_path, "_posts/kiln-notes.md", "---\ntitle: Kiln notes without a date at all\n---\n\nText.\n")
    assert [(path, code) for path, _line, code, _message in lint(tmp_path, "FM003,FM004")] == [("_posts/kiln-notes.md", "FM003")]


def test_docusaurus_category_indexes_date_like_names_quoted_keys_i18n_and_partials(tmp_path: Path) -> None:
    """kubevela.io: a category's index (`roadmap/README.md`) and `slug: /` resolve relative links
    from their folder URL; `2020-12-roadmap.md` keeps its date-like prefix (two roadmaps were one
    URL); translations are served under `/<locale>/` as their source pages, and one whose source
    doc is gone is built by no one (not walked, no duplicate URL); pnpm.io: quoted keys
    (`"docs": {"routeBasePath": "/"}`)."""
    write(tmp_path, "docusaurus.config.js", 'module.exports = { url: "https://kiln.example.org", baseUrl: "/", presets: [["classic", { "docs": { "routeBasePath": "/" } }]] };\n')
    write(tmp_path, "docs/intro.md", "---\ntitle: Introduction\nslug: /\n---\n\n[jenkins](./tutorials/jenkins) [typo](./tutorials/jenkin)\n")
    write(tmp_path, "docs/tutorials/jenkins.md", "---\ntitle: Jenkins\n---\n\nText.\n")
    write(tmp_path, "docs/roadmap/README.md", "---\ntitle: Roadmap\n---\n\n[winter](./2020-12-roadmap) [summer](2021-06-roadmap)\n")
    write(tmp_path, "docs/roadmap/2020-12-roadmap.md", "---\ntitle: Winter roadmap\n---\n\nText.\n")
    write(tmp_path, "docs/roadmap/2021-06-roadmap.md", "---\ntitle: Summer roadmap\n---\n\nText.\n")
    write(tmp_path, "docs/other.md", "---\ntitle: Other\n---\n\n[zh](/zh/roadmap/2020-12-roadmap)\n")
    write(tmp_path, "i18n/zh/docusaurus-plugin-content-docs/current/roadmap/2020-12-roadmap.md", "---\ntitle: 冬季路线图\n---\n\n[summer](./2021-06-roadmap)\n")
    write(tmp_path, "i18n/zh/docusaurus-plugin-content-docs/current/roadmap/2021-06-roadmap.md", "---\ntitle: 夏季路线图\n---\n\n文本。\n")
    write(tmp_path, "i18n/zh/docusaurus-plugin-content-docs/current/orphan/page.md", "---\ntitle: 孤儿\n---\n\n![](./gone.png)\n")  # no source doc
    assert lint(tmp_path, "LNK006,SEO006,IMG005") == [("docs/intro.md", 6, "LNK006", "internal link `./tutorials/jenkin` resolves to no post or file of the site")]
    assert "i18n/zh/docusaurus-plugin-content-docs/current/orphan/page.md" not in run_site(tmp_path).paths
    assert [f.code for f in run_site(tmp_path).findings if f.code == "PL003"] == []  # the link graph (SEO008) resolves them too


def test_hugo_content_files_by_url_and_redirects_an_output_format_writes(tmp_path: Path) -> None:
    """etcd.io: `../announcing/figure-1.png` from `/blog/2021/announcing-v3/` is the content
    folder's `blog/2021/announcing/figure-1.png` (Hugo publishes it at its path; 151 false
    IMG005); keda.sh: `layouts/index.redirects` writes `_redirects` (an output format)."""
    write(tmp_path, "hugo.toml", 'baseURL = "https://kiln.example.org/"\n[outputs]\nhome = ["HTML", "REDIRECTS"]\n')
    write(tmp_path, "layouts/index.redirects", '{{ $latest := "2.20" -}}\n/docs/latest/*   /docs/{{ $latest }}/:splat   302\n/docs/{{ $latest }}/old  /docs/new\n')
    write(tmp_path, "content/blog/_index.md", "---\ntitle: Blog\n---\n")
    write(tmp_path, "content/blog/2021/announcing/figure-1.png", "png")
    write(
        tmp_path, "content/blog/2021/announcing-v3.md",
        "---\ntitle: Announcing the third kiln release\ndate: 2021-06-15\n---\n\n![Latency](../announcing/figure-1.png) ![Gone](../announcing/figure-2.png)\n\n"
        "[latest](/docs/latest/) [install](/docs/latest/install/#kiln) [old](/docs/2.20/old)\n",
    )
    assert "/docs/latest/*" in read_site(tmp_path).generated
    assert [(code, message[:40]) for _path, _line, code, message in lint(tmp_path, "IMG005,LNK006")] == [("IMG005", "image `../announcing/figure-2.png` not f")]


def test_docusaurus_trailing_slash_false_keeps_a_category_index_without_its_slash(tmp_path: Path) -> None:
    """react-native-website says `trailingSlash: false`: `releases/releases.md` is `/docs/releases`,
    and its `./releases/versioning-policy` resolves from `/docs/`."""
    write(tmp_path, "docusaurus.config.js", "module.exports = { url: 'https://kiln.example.org', baseUrl: '/', trailingSlash: false };\n")
    write(tmp_path, "docs/releases/releases.md", "---\ntitle: Releases\n---\n\n[policy](./releases/versioning-policy) [typo](./releases/versioning-polcy)\n")
    write(tmp_path, "docs/releases/versioning-policy.md", "---\ntitle: Versioning policy\n---\n\nText.\n")
    assert read_site(tmp_path).index_slash is False
    assert [message for _path, _line, _code, message in lint(tmp_path, "LNK006")] == ["internal link `./releases/versioning-polcy` resolves to no post or file of the site"]


def test_hugo_code_toggle_closers_self_closing_and_repeated_term_ids(tmp_path: Path) -> None:
    """hugoDocs: `{{</ code-toggle >}}` closes the block (the slash first) and `{{< code-toggle
    … />}}` has no body, so headings after them are headings; a term that repeats a heading's or
    another term's id gets `-1`, as Hugo numbers them."""
    write(tmp_path, "hugo.toml", 'baseURL = "https://kiln.example.org/"\n[markup.goldmark.parser]\n  autoDefinitionTermID = true\n')
    write(
        tmp_path, "content/data.md",
        "---\ntitle: Data methods of a page\ndate: 2024-01-02\n---\n\n{{< code-toggle file=hugo >}}\na = 1\n{{</ code-toggle >}}\n\n"
        "## The counter placeholder\n\n{{< code-toggle file=hugo />}}\n\n## Targets\n\n`Singular`\n: one.\n\n`Singular`\n: two.\n\n`targets`\n: A list.\n",
    )
    write(
        tmp_path, "content/links.md",
        "---\ntitle: Links to the data methods page\ndate: 2024-01-02\n---\n\n"
        "[a](/data/#the-counter-placeholder) [b](/data/#singular-1) [c](/data/#targets-1) [d](/data/#singular-2)\n",
    )
    assert [message for _path, _line, _code, message in lint(tmp_path, "LNK006")] == ["`#singular-2` names no heading of content/data.md"]


# --- round 6 -------------------------------------------------------------------------------


def test_round_6_eleventy_config_flag_hugo_numbers_and_html_urls(tmp_path: Path) -> None:
    """alexcarpenter.me builds with `eleventy --config=_eleventy/config.js` (76 false errors with
    no generator found); lessthandot (Hugo): `tags: [2011, stats]` and `title: 500` are cast to
    text, and a page at `/sqlcop/index.html` resolves `detectedissues.html` from `/sqlcop/`."""
    eleventy, hugo = tmp_path / "eleventy", tmp_path / "hugo"
    write(eleventy, "package.json", '{"scripts": {"build": "npx eleventy --config=_eleventy/config.js"}}\n')
    write(eleventy, "_eleventy/config.js", "module.exports = () => ({ dir: { input: 'src' } });\n")
    write(eleventy, "src/posts/2018-05-11-kilns.md", "---\ntitle: Kilns and how they fire\n---\n\nText.\n")
    write(eleventy, "README.md", "# Site\n")
    assert read_site(eleventy).generator == "eleventy"
    assert lint(eleventy, "FM001,FM003") == []
    write(hugo, "hugo.toml", 'baseURL = "https://kiln.example.org/"\n')
    write(hugo, "content/posts/500-posts.md", "---\ntitle: 500\ndate: 2012-12-21\ntags: [2012, kilns]\ncategories: [true]\ndescription: 1\n---\n\nText.\n")
    write(hugo, "content/sqlcop/_index.md", "---\ntitle: SQLCop\nurl: /sqlcop/index.html\n---\n\n[issues](detectedissues.html) [typo](detectedissue.html)\n")
    write(hugo, "content/sqlcop/detectedissues.md", "---\ntitle: Detected issues\nurl: /sqlcop/detectedissues.html\n---\n\nText.\n")
    assert [(code, message[:45]) for _path, _line, code, message in lint(hugo, "FM004,LNK006")] == [
        ("FM004", "`categories` must be a list of strings, got l"),
        ("FM004", "`description` must be a string, got integer `"),  # letsencrypt's translators' `1`: still reported
        ("LNK006", "internal link `detectedissue.html` resolves t"),
    ]


def test_round_6_jekyll_exclude_prefixes_toc_slugs_and_unlisted_version_translations(tmp_path: Path) -> None:
    """Minimal Mistakes: `exclude: [README]` leaves out `README.md` (Jekyll matches by prefix);
    MkDocs: `## 6. Status & What's Next` is `#6-status-whats-next`; openkruise.io: a translation of
    a version `versions.json` does not list is built by no one."""
    jekyll, mkdocs, docusaurus = tmp_path / "jekyll", tmp_path / "mkdocs", tmp_path / "docusaurus"
    write(jekyll, "_config.yml", "url: https://kiln.example.org\nexclude:\n  - README\n")
    write(jekyll, "README.md", "# Kiln\n\n![](/gone.png)\n")
    write(jekyll, "_posts/2024-01-02-glazes.md", "---\ntitle: Notes from the workshop on glazes\n---\n\nText.\n")
    assert run_site(jekyll).paths == ["_posts/2024-01-02-glazes.md"]
    write(mkdocs, "mkdocs.yml", "site_name: Kiln\n")
    write(mkdocs, "docs/index.md", "# Kiln\n\n## 6. Status & What's Next\n\n[next](#6-status-whats-next) [typo](#6-status-whats-nxt)\n")
    assert [message for _path, _line, _code, message in lint(mkdocs, "LNK006")] == ["`#6-status-whats-nxt` names no heading of this post"]
    write(docusaurus, "docusaurus.config.js", "module.exports = { url: 'https://kiln.example.org', baseUrl: '/' };\n")
    write(docusaurus, "versions.json", '["v1.6"]\n')
    write(docusaurus, "versioned_docs/version-v1.6/intro.md", "---\ntitle: Intro\n---\n\nText.\n")
    write(docusaurus, "versioned_docs/version-v1.5/intro.md", "---\ntitle: Intro\n---\n\nText.\n")
    write(docusaurus, "i18n/zh/docusaurus-plugin-content-docs/version-v1.5/intro.md", "---\ntitle: 介绍\n---\n\n[gone](/zh/docs/v1.5/nowhere)\n")
    write(docusaurus, "i18n/zh/docusaurus-plugin-content-docs/version-v1.6/intro.md", "---\ntitle: 介绍\n---\n\n文本。\n")
    assert "i18n/zh/docusaurus-plugin-content-docs/version-v1.5/intro.md" not in run_site(docusaurus).paths
    assert "i18n/zh/docusaurus-plugin-content-docs/version-v1.6/intro.md" in run_site(docusaurus).paths


def test_docusaurus_translations_of_another_docs_plugin(tmp_path: Path) -> None:
    """openkruise.io: a docs plugin with `id: 'kruisegame'` keeps its translations in
    `i18n/zh/docusaurus-plugin-content-docs-kruisegame/current/`, served at `/zh/<route>/…`."""
    write(
        tmp_path, "docusaurus.config.js",
        "module.exports = { url: 'https://kiln.example.org', baseUrl: '/', plugins: [['@docusaurus/plugin-content-docs', "
        "{ id: 'game', path: 'game', routeBasePath: 'game' }]] };\n",
    )
    write(tmp_path, "docs/intro.md", "---\ntitle: Intro\n---\n\nText.\n")
    write(tmp_path, "game/guide/b.md", "---\ntitle: Guide B\n---\n\nText.\n")
    write(tmp_path, "i18n/zh/docusaurus-plugin-content-docs-game/current/guide/b.md", "---\ntitle: 指南\n---\n\n文本。\n")
    write(tmp_path, "i18n/zh/docusaurus-plugin-content-docs/current/intro.md", "---\ntitle: 介绍\n---\n\n[b](/zh/game/guide/b) [typo](/zh/game/guide/c)\n")
    assert dict(read_site(tmp_path).plugin_folders) == {"game": "game"}
    assert [message for _path, _line, _code, message in lint(tmp_path, "LNK006")] == ["internal link `/zh/game/guide/c` resolves to no post or file of the site"]


def test_spaces_in_an_html_href_or_an_angle_bracket_destination_are_encoded_by_the_browser(tmp_path: Path) -> None:
    """lessthandot: `<a href="/media/DM - History.jpg">` works (the browser encodes the space), as
    does `[x](<a b.md>)` (a plain target with a space, `[x]( a b )`, is no link at all)."""
    write(tmp_path, "posts/history.md", '---\ntitle: History of the kiln\n---\n\n<a href="/media/DM - History.jpg">shot</a> [notes](<kiln notes.md>) [bad]( kiln notes.md )\n')
    assert lint(tmp_path, "LNK001") == []
    write(tmp_path, "posts/history.md", '---\ntitle: History of the kiln\n---\n\n<a href="/media/DM - History.jpg">shot</a> [a](kiln%20notes.md) [b](https://kiln.example.org/ x)\n')
    assert lint(tmp_path, "LNK001") == []  # `[b](https://… x)` is no link to Markdown: nothing to judge


def test_an_astro_collection_inside_a_dated_collections_folder_holds_pages(tmp_path: Path) -> None:
    """astro-theme-retypeset: the posts' glob (`base: './src/content'`, `!**/about/**`) leaves out
    `about/`, the folder of a collection without a date: its files are pages (12 false FM003)."""
    write(tmp_path, "astro.config.mjs", "export default {};\n")
    write(
        tmp_path, "src/content.config.ts",
        "const posts = defineCollection({ loader: glob({ pattern: ['**/*.md', '!**/about/**'], base: './src/content' }),\n"
        "  schema: z.object({ title: z.string(), published: z.date() }) });\n"
        "const about = defineCollection({ loader: glob({ pattern: '**/*.md', base: './src/content/about' }), schema: z.object({}) });\n"
        "export const collections = { posts, about };\n",
    )
    write(tmp_path, "src/content/about/about.md", "Text about the kiln.\n")
    write(tmp_path, "src/content/daily/glazes.md", "---\ntitle: Notes on glazes\n---\n\nText.\n")
    assert read_site(tmp_path).page_dirs == ("src/content/about",)
    assert [(path, code) for path, _line, code, _message in lint(tmp_path, "FM001,FM003")] == [("src/content/daily/glazes.md", "FM003")]


def test_an_astro_collection_route_after_optional_locale_segments(tmp_path: Path) -> None:
    """astro-theme-retypeset: `src/pages/[...lang]/[slug].astro` renders the posts at
    `/<id>/` (and `/<lang>/<id>/`): a link by id lands; a typo in it is an error; a locale
    prefix postlint cannot list is not verified."""
    write(tmp_path, "astro.config.mjs", "export default {};\n")
    write(tmp_path, "src/content.config.ts", "const posts = defineCollection({ loader: glob({ pattern: '**/*.md', base: './src/content' }), schema: z.object({ published: z.date() }) });\nexport const collections = { posts };\n")
    write(tmp_path, "src/pages/[...lang]/[slug].astro", "---\nconst posts = await getCollection('posts')\n---\n<Content />\n")
    write(tmp_path, "src/content/daily/kiln.md", "---\ntitle: A day at the kiln\npublished: 2024-01-02\n---\n\nText.\n")
    write(tmp_path, "src/content/daily/glazes.md", "---\ntitle: Notes on glazes\npublished: 2024-01-03\n---\n\n[kiln](/daily/kiln/) [typo](/daily/kilm/) [zh](/zh/daily/kiln/)\n")
    assert dict(read_site(tmp_path).permalinks) == {"src/content": "/"}
    assert [message for _path, _line, _code, message in lint(tmp_path, "LNK006")] == ["internal link `/daily/kilm/` resolves to no post or file of the site"]
