"""False findings met on real public sites (issue #15, second round), each as a must and a must-not.

Every case is a small site of our own writing shaped like the real one: the generator's config
at the root, no postlint config.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from postlint.cache.runner import run
from postlint.model.config import load_config
from postlint.parse.document import Post
from postlint.parse.frontmatter import parse, split_block
from postlint.parse.templates import fenced_code, find_spans

TODAY = dt.date(2025, 6, 1)
FRONT = "---\ntitle: A post about anchors and links\ndate: 2024-01-02\n---\n"


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def lint(root: Path, select: str, *rels: str) -> list[tuple[str, int, str, str]]:
    config = load_config(cwd=root)
    result = run([str(root / rel) for rel in rels] or [str(root)], config, cwd=root, today=TODAY)
    codes = tuple(select.split(","))
    return sorted((f.path, f.line, f.code, f.message) for f in result.findings if f.code in codes and f.severity.value != "info")


# --- MDX: a fenced code block is code ----------------------------------------------------


def test_mdx_import_inside_a_code_fence_keeps_the_headings_after_it(tmp_path: Path) -> None:
    write(tmp_path, "docusaurus.config.js", "export default { url: 'https://rn.example', baseUrl: '/' };\n")
    write(
        tmp_path,
        "blog/2024-01-02-release.mdx",
        FRONT + "[Later](#later-section) and [gone](#no-such-section).\n\n"
        "```tsx\nimport {Box} from 'lib';\nconst a = useRef<Box>();\n```\n\n## Later section\n\nText.\n",
    )
    post = Post.from_path(tmp_path / "blog/2024-01-02-release.mdx", "x")
    assert [h.text for h in post.headings] == ["Later section"]
    assert lint(tmp_path, "LNK006") == [("blog/2024-01-02-release.mdx", 5, "LNK006", "`#no-such-section` names no heading of this post")]


def test_mdx_spans_outside_code_fences_are_still_found() -> None:
    body = "import X from 'x';\n\n```js\nimport Y from 'y';\n<Z />\n```\n\n<Z />\n"
    assert fenced_code(body) == [(20, 54)]  # the opening fence to the end of the closing one
    assert [(s.kind, s.text) for s in find_spans(body, mdx=True)] == [("esm", "import X from 'x';"), ("jsx", "<Z />")]


# --- heading attribute lists ------------------------------------------------------------


def test_heading_attribute_lists_name_the_anchor(tmp_path: Path) -> None:
    write(tmp_path, "mkdocs.yml", "site_name: S\n")
    write(
        tmp_path,
        "docs/page.md",
        "# Page\n\n[a](#with-pip) [b](#9.7.0) [c](#navigation-path) [d](#using-braces) [e](#nope)\n\n"
        '### with pip <small>recommended</small> { #with-pip data-toc-label="with pip" }\n\n'
        '### 9.7.0 <small>November 11</small> { id="9.7.0" }\n\n'
        "### Navigation path { id=navigation-path }\n\n"
        "### Using {braces}\n",
    )
    post = Post.from_path(tmp_path / "docs/page.md", "x")
    assert [(h.text, h.anchor) for h in post.headings[1:]] == [
        ("with pip recommended", "with-pip"),
        ("9.7.0 November 11", "9.7.0"),
        ("Navigation path", "navigation-path"),
        ("Using {braces}", "using-braces"),
    ]
    assert lint(tmp_path, "LNK006") == [("docs/page.md", 3, "LNK006", "`#nope` names no heading of this post")]


# --- anchors a template or a build hook makes --------------------------------------------


def test_a_heading_of_an_html_comment_is_a_directive_not_an_empty_heading(tmp_path: Path) -> None:
    write(tmp_path, "mkdocs.yml", "site_name: S\n")
    write(tmp_path, "docs/plugin.md", "# Plugin\n\n#### <!-- md:setting config.enabled -->\n\nText.\n\n####\n\nMore.\n")
    write(tmp_path, "docs/other.md", "# Other\n\n## Known\n\n<!-- md:option theme.logo -->\n")
    write(
        tmp_path,
        "docs/links.md",
        "# Links\n\n[a](plugin.md#config.enabled) [b](other.md#+theme.logo) [c](other.md#theme.logo) [d](other.md#unknown)\n",
    )
    assert lint(tmp_path, "HD003,LNK006") == [
        ("docs/links.md", 3, "LNK006", "`#unknown` names no heading of docs/other.md"),
        ("docs/plugin.md", 7, "HD003", "empty H4 heading"),
    ]


def test_a_shortcode_may_make_the_anchor_a_link_names(tmp_path: Path) -> None:
    write(tmp_path, "hugo.toml", "baseURL = 'https://h.example/'\n")
    write(tmp_path, "content/glossary.md", "---\ntitle: Glossary\n---\n\n{{% def id=\"root\" name=\"Root\" %}} A root. {{% /def %}}\n")
    write(tmp_path, "content/figures.md", "---\ntitle: Figures\n---\n\n{{< figure src=\"/a.png\" alt=\"A chart\" >}}\n\n## Known\n")
    write(tmp_path, "content/links.md", "---\ntitle: Links\n---\n\n[a](/glossary/#def-root) [b](/figures/#known) [c](/figures/#def-root)\n")
    assert lint(tmp_path, "LNK006") == [("content/links.md", 5, "LNK006", "`#def-root` names no heading of content/figures.md")]


def test_text_fragments_and_footnotes_are_anchors(tmp_path: Path) -> None:
    write(tmp_path, "hugo.toml", "baseURL = 'https://h.example/'\n")
    write(
        tmp_path,
        "content/notes.md",
        "---\ntitle: Notes\n---\n\nA claim.[^src] [back](#fnref:src) [first](#fn:1) [text](#:~:text=A%20claim) [none](#fn:9)\n\n[^src]: The source.\n",
    )
    assert lint(tmp_path, "LNK006") == [("content/notes.md", 5, "LNK006", "`#fn:9` names no heading of this post")]


# --- internal links and files ------------------------------------------------------------


def test_a_page_route_beside_a_static_folder_of_the_same_name_is_unverified(tmp_path: Path) -> None:
    write(tmp_path, "docusaurus.config.js", "export default { url: 'https://rn.example', baseUrl: '/' };\n")
    write(tmp_path, "static/docs/assets/shot.png", "png")
    write(tmp_path, "blog/2024-01-02-post.md", FRONT + "[intro](/docs/intro) [shot](/docs/assets/shot.png) [gone](/docs/assets/gone.pdf)\n")
    assert lint(tmp_path, "LNK006") == [
        ("blog/2024-01-02-post.md", 5, "LNK006", "internal link `/docs/assets/gone.pdf` resolves to no post or file of the site")
    ]


def test_hugo_multilingual_links_name_pages_by_content_path(tmp_path: Path) -> None:
    languages = "[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n"
    write(tmp_path, "hugo.toml", "baseURL = 'https://h.example/'\n" + languages)
    write(tmp_path, "content/docs/compat.md", "---\ntitle: Compatibility\nslug: certificate-compatibility\n---\n\n## Known\n")
    write(tmp_path, "content/post/2024-01-02-a.md", FRONT + "[list](/docs/compat) [anchor](/docs/compat#known) [bad](/docs/compat#nope)\n")
    assert lint(tmp_path, "LNK006") == [("content/post/2024-01-02-a.md", 5, "LNK006", "`#nope` names no heading of content/docs/compat.md")]
    write(tmp_path, "hugo.toml", "baseURL = 'https://h.example/'\n")  # one language: no embedded link render hook
    assert [m for *_, m in lint(tmp_path, "LNK006")] == [
        "internal link `/docs/compat#known` resolves to no post or file of the site",
        "internal link `/docs/compat#nope` resolves to no post or file of the site",
        "internal link `/docs/compat` resolves to no post or file of the site",
    ]


def test_a_relative_html_image_resolves_from_the_page_url(tmp_path: Path) -> None:
    write(tmp_path, "mkdocs.yml", "site_name: S\n")
    write(tmp_path, "docs/assets/shot.png", "png")
    write(
        tmp_path,
        "docs/setup/cards.md",
        '# Cards\n\n<img src="../../assets/shot.png" alt="A card" />\n\n<img src="../../assets/gone.png" alt="A card" />\n',
    )
    found = lint(tmp_path, "IMG005")
    assert [(line, code) for _, line, code, _ in found] == [(5, "IMG005")]


# --- which pages are posts, and their fields -----------------------------------------------


def test_hugo_posts_are_the_blog_section_or_main_sections(tmp_path: Path) -> None:
    write(tmp_path, "hugo.toml", "baseURL = 'https://h.example/'\n")
    write(tmp_path, "content/about.md", "---\ntitle: About this project and team\n---\n\nText.\n")
    write(tmp_path, "content/post/undated.md", "---\ntitle: A post that has no date at all\n---\n\nText.\n")
    assert lint(tmp_path, "FM003") == [("content/post/undated.md", 1, "FM003", lint(tmp_path, "FM003")[0][3])]
    write(tmp_path, "hugo.toml", "baseURL = 'https://h.example/'\n[params]\nmainSections = ['notes']\n")
    write(tmp_path, "content/notes/undated.md", "---\ntitle: A note that has no date at all\n---\n\nText.\n")
    assert [path for path, *_ in lint(tmp_path, "FM003")] == ["content/notes/undated.md"]


def test_javascript_front_matter_is_read_for_literals(tmp_path: Path) -> None:
    block = split_block(["---js", 'const title = "A fifth post";', "const draft = true;", "const n = compute();", "---", "Body"])
    assert block is not None and block.kind == "js"
    front = parse(block)
    assert (front.data, front.fields["draft"].line, front.error) == ({"title": "A fifth post", "draft": True}, 3, None)
    assert parse(split_block(["---js", "const a = 1;"])).error is not None  # never closed
    write(tmp_path, "eleventy.config.js", "export default function () {}\n")
    write(tmp_path, "content/blog/fifth.md", '---js\nconst title = "A fifth post";\n---\nThis is a draft post.\n')
    write(tmp_path, "content/blog/none.md", "This post has no front matter.\n")
    assert [(path, code) for path, _, code, _ in lint(tmp_path, "FM001")] == [("content/blog/none.md", "FM001")]


def test_file_name_dates_are_compared_only_where_the_generator_reads_them(tmp_path: Path) -> None:
    write(tmp_path, "hugo.toml", "baseURL = 'https://h.example/'\n")
    write(tmp_path, "content/post/2024-05-28-partner.md", "---\ntitle: A partnership we announce\ndate: 2024-05-30\n---\n\nText.\n")
    assert lint(tmp_path, "FM007") == []
    jekyll = tmp_path / "j"
    write(jekyll, "_config.yml", "url: https://j.example\n")
    write(jekyll, "_posts/2024-05-28-partner.md", "---\ntitle: A partnership we announce\ndate: 2024-05-30\n---\n\nText.\n")
    assert [m for *_, m in lint(jekyll, "FM007")] == ["file name date 2024-05-28 disagrees with front-matter date 2024-05-30"]


def test_slug_capitals_are_fine_where_the_generator_lowercases_urls(tmp_path: Path) -> None:
    write(tmp_path, "hugo.toml", "baseURL = 'https://h.example/'\n")
    write(tmp_path, "content/post/a.md", "---\ntitle: Scaling our rate limits\ndate: 2024-01-02\nslug: Scaling-Rate-Limits\n---\n\nText.\n")
    assert lint(tmp_path, "FM010") == []
    write(tmp_path, "hugo.toml", "baseURL = 'https://h.example/'\ndisablePathToLower = true\n")
    assert [m for *_, m in lint(tmp_path, "FM010")] == ["slug 'Scaling-Rate-Limits' is not lowercase words joined by hyphens"]


# --- warnings ------------------------------------------------------------------------------


def test_a_tag_spanning_lines_keeps_an_indented_code_block_whole(tmp_path: Path) -> None:
    write(tmp_path, "mkdocs.yml", "site_name: S\n")
    write(
        tmp_path,
        "docs/upgrade.md",
        "# Upgrade\n\n=== \"logo.html\"\n\n    ``` diff\n    +{#-\n    +  generated\n    +-#}\n"
        '    +  <img src="/logo.png" alt="logo">\n    ```\n\n<img src="/logo.png" alt="icon">\n',
    )
    post = Post.from_path(tmp_path / "docs/upgrade.md", "x")
    assert [(image.line, image.alt) for image in post.images] == [(12, "icon")]


def test_a_short_alt_naming_the_logo_file_is_the_brand(tmp_path: Path) -> None:
    write(tmp_path, "hugo.toml", "baseURL = 'https://h.example/'\n")
    write(tmp_path, "static/sponsors/aws.png", "png")
    write(tmp_path, "static/sponsors/cyon-logo.png", "png")
    write(
        tmp_path,
        "content/post/sponsors.md",
        "---\ntitle: Our sponsors for the coming year\ndate: 2024-01-02\n---\n\n"
        '![AWS](/sponsors/aws.png) <img src="/sponsors/cyon-logo.png" alt="Cyon"> ![Logo](/sponsors/aws.png)\n',
    )
    assert [m for *_, m in lint(tmp_path, "IMG002")] == ["alt text 'Logo' is 4 characters, shorter than 5; describe what the image shows"]


def test_a_zero_width_space_inside_cjk_text_is_a_word_break(tmp_path: Path) -> None:
    write(tmp_path, "post.md", "---\ntitle: Search support for Chinese text\n---\n\n中文搜索\u200b支持 and Pricing\u200b plans.\n\n中文\u200b搜索\n")
    assert [(line, code) for _, line, code, _ in lint(tmp_path, "PL004")] == [(5, "PL004")]


def test_a_zero_width_non_joiner_inside_persian_text_shapes_the_letters(tmp_path: Path) -> None:
    """Starlight's Persian pages: `می\u200cخواهم` is written with a ZWNJ; between Latin letters it is hidden text."""
    write(tmp_path, "post.md", "---\ntitle: Notes on Persian text in posts\n---\n\nمی\u200cخواهم بنویسم.\n\nPrice\u200clist.\n")
    assert [(line, code) for _, line, code, _ in lint(tmp_path, "PL004")] == [(7, "PL004")]


def test_hugo_module_mounts_place_content_and_static(tmp_path: Path) -> None:
    write(
        tmp_path,
        "hugo.yml",
        "baseURL: https://blog.example\npermalinks:\n  posts: /:year/:month/:day/:filename/\nmodule:\n  mounts:\n"
        "    - {source: src/content, target: content}\n    - {source: src/static, target: static}\n"
        "    - {source: src/static/favicon.ico, target: static/favicon.ico}\n",
    )
    write(tmp_path, "src/static/img/shot.png", "png")
    write(tmp_path, "src/content/videos.md", "---\ntitle: Videos of our talks and demos\n---\n\nText.\n")
    write(tmp_path, "src/content/posts/2022/alpha.md", FRONT.replace("2024-01-02", "2022-12-24") + "Alpha.\n")
    write(
        tmp_path,
        "src/content/posts/2023/beta.md",
        FRONT + '[alpha](/2022/12/24/alpha/) [ref]({{< relref "/posts/2022/alpha" >}}) ![A shot](/img/shot.png)\n\n'
        '[gone](/2022/12/24/gone/) [gone ref]({{< relref "/posts/2022/gone" >}})\n',
    )
    assert lint(tmp_path, "LNK006,IMG005,FM003") == [
        ("src/content/posts/2023/beta.md", 7, "LNK006", "`{{< relref \"/posts/2022/gone\" >}}` names no page beside this post or under the content root"),
        ("src/content/posts/2023/beta.md", 7, "LNK006", "internal link `/2022/12/24/gone/` resolves to no post or file of the site"),
    ]


def test_a_title_ending_with_a_major_release_is_long_enough_on_a_blog(tmp_path: Path) -> None:
    write(tmp_path, "hugo.toml", "baseURL = 'https://h.example/'\n")
    for name, title in (("a", "Bootstrap 5"), ("b", "Bootstrap 3 RC1"), ("c", "New docs")):
        write(tmp_path, f"content/posts/{name}.md", f"---\ntitle: {title}\ndate: 2024-01-02\n---\n\nText.\n")
    assert [(path, m) for path, _, _, m in lint(tmp_path, "FM005")] == [
        ("content/posts/c.md", "title is 8 characters, shorter than 20; search results show about 20-60 characters")
    ]


def test_content_tabs_have_anchors(tmp_path: Path) -> None:
    write(tmp_path, "mkdocs.yml", "site_name: S\n")
    write(
        tmp_path,
        "docs/tabs.md",
        '# Tabs\n\n### Anchor links\n\n=== "Open me"\n\n    One.\n\n=== "... or even me"\n\n    Two.\n\n'
        "[a](#anchor-links--or-even-me) [b](#open-me) [c](#other--open-me)\n",
    )
    assert lint(tmp_path, "LNK006") == [("docs/tabs.md", 13, "LNK006", "`#other--open-me` names no heading of this post")]


def test_a_paragraph_of_names_is_a_list_not_a_wall_of_text(tmp_path: Path) -> None:
    names = ", ".join(f"Ann{i} Lee{i}" for i in range(90))
    prose = " ".join(["We wrote this long paragraph about our release and it keeps going on."] * 13)
    write(tmp_path, "post.md", f"---\ntitle: Thanks to everyone who helped\n---\n\n{names}.\n\n{prose}\n")
    assert [(line, code) for _, line, code, _ in lint(tmp_path, "RD004")] == [(7, "RD004")]


def test_a_small_year_folder_is_judged_with_the_folders_above_it(tmp_path: Path) -> None:
    write(tmp_path, "hugo.toml", "baseURL = 'https://h.example/'\n")
    fields = "description: Notes on what changed in this release and why.\ntags: [release]\n"
    for year, name, extra in (("2023", "a", fields), ("2023", "b", fields), ("2023", "c", fields), ("2024", "d", "")):
        write(tmp_path, f"content/posts/{year}/{name}.md", f"---\ntitle: Release notes for version {name}\ndate: {year}-01-02\n{extra}---\n\nText of the notes.\n")
    # 2024/ holds one post: judged with posts/, whose posts have a description and tags but no image
    assert [(path, m) for path, _, _, m in lint(tmp_path, "FM011")] == [
        ("content/posts/2024/d.md", "recommended field `description` is missing"),
        ("content/posts/2024/d.md", "recommended field `tags` is missing"),
    ]
