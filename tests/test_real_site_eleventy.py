"""False findings met on real Eleventy sites (round 4), each as a must and a must-not.

The sites: 18F's (a config that gathers plugin modules from `config/`, posts in `content/posts`,
a permalink in JavaScript directory data, `.eleventyignore`), v8.dev (tag pages from a paginated
template, markdown-it-anchor ids) and sass-lang.com (YAML directory data with a site filter).
Every case is a small site of our own writing shaped like the real one: the Eleventy config at
the root, no postlint config; the true finding next to the fixed false one must remain.
"""

from __future__ import annotations

from pathlib import Path

from postlint.model.generators import read_site
from test_real_site_generators import lint, write


def post(title: str, date: str, body: str, extra: str = "") -> str:
    return f"---\ntitle: {title}\ndate: {date}\ntags: [kilns]\n{extra}---\n\n{body}\n"


# --- J: passthrough copies set in a plugin module two imports down; eleventy-img reads from the root ---


def plugin_modules(root: Path) -> None:
    """18F's layout: `.eleventy.js` adds one plugin, which adds one per concern from its own folder."""
    write(root, ".eleventy.js", "const Site = require('./config');\nmodule.exports = function (cfg) {\n  cfg.addPlugin(Site);\n  return { dir: { input: '.', includes: 'templates' } };\n};\n")
    write(root, "config/index.js", "const passthroughs = require('./passthroughs')\n// const old = require('./old')\nmodule.exports = function (cfg) { cfg.addPlugin(passthroughs) }\n")
    write(root, "config/passthroughs/index.js", "module.exports = (cfg) => {\n  cfg.addPassthroughCopy('assets');\n}\n")


def test_a_passthrough_in_a_nested_plugin_module_keeps_its_path_and_eleventy_img_reads_from_the_root(tmp_path: Path) -> None:
    plugin_modules(tmp_path)
    write(tmp_path, "assets/blog/kiln.jpg", "jpg")
    write(
        tmp_path, "content/posts/2024-01-02-kiln.md",
        post("Loading the kiln for a glaze firing", "2024-01-02",
             '{% image "assets/blog/kiln.jpg" "Shelves of pots in the kiln" %}\n\n{% image "assets/blog/cone.jpg" "A bent cone" %}\n\n'
             "![The kiln door](/assets/blog/kiln.jpg) and ![A shelf](/assets/blog/shelf.jpg)\n",
             "image: assets/blog/kiln.jpg\n"),
    )
    assert read_site(tmp_path).static_dirs == (".",)  # assets/ is served at /assets/, from the project root
    assert lint(tmp_path, "IMG005") == [
        ("content/posts/2024-01-02-kiln.md", 10, "IMG005", "image `assets/blog/cone.jpg` not found (looked for content/posts/assets/blog/cone.jpg, assets/blog/cone.jpg, content/posts/2024-01-02-kiln/assets/blog/cone.jpg)"),
        ("content/posts/2024-01-02-kiln.md", 12, "IMG005", "image `/assets/blog/shelf.jpg` not found (looked for assets/blog/shelf.jpg)"),
    ]


def test_imports_are_followed_three_levels_deep_inside_the_project_only(tmp_path: Path) -> None:
    write(tmp_path, "eleventy.config.js", "import one from './one.js';\nexport default function (cfg) { cfg.addPlugin(one); return { dir: { input: 'src' } }; }\n")
    write(tmp_path, "one.js", "import two from './lib/two';\nexport default (cfg) => cfg.addPlugin(two);\n")
    write(tmp_path, "lib/two.js", "import three from './three/index.js';\nimport out from '../../outside.js';\nexport default (cfg) => cfg.addPlugin(three);\n")
    write(tmp_path, "lib/three/index.js", "import four from './four.js';\nexport default (cfg) => { cfg.addPassthroughCopy('media'); cfg.addPlugin(four); };\n")
    write(tmp_path, "lib/three/four.js", "export default (cfg) => cfg.addPassthroughCopy('src/img');\n")  # a fourth level: not read
    write(tmp_path.parent, "outside.js", "export default (cfg) => cfg.addPassthroughCopy('src/img');\n")
    for folder in ("media", "src/img", "src/posts"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
    assert read_site(tmp_path).static_dirs == (".",)


def test_eleventy_img_paths_are_read_from_the_project_root_whatever_the_static_folders(tmp_path: Path) -> None:
    write(tmp_path, "eleventy.config.cjs", "module.exports = (cfg) => {\n  cfg.addPassthroughCopy('src/img');\n  return { dir: { input: 'src' } };\n};\n")
    write(tmp_path, "src/img/wheel.jpg", "jpg")
    write(tmp_path, "src/posts/wheel.md", post("Centering clay on the wheel", "2024-02-03", '{% image "src/img/wheel.jpg" "Clay on the wheel" %}\n\n{% image "src/img/trim.jpg" "Trimming" %}\n'))
    assert read_site(tmp_path).static_dirs == ("src",)
    assert lint(tmp_path, "IMG005") == [
        ("src/posts/wheel.md", 9, "IMG005", "image `src/img/trim.jpg` not found (looked for src/posts/src/img/trim.jpg, src/src/img/trim.jpg, src/img/trim.jpg, src/posts/wheel/src/img/trim.jpg)"),
    ]


# --- I: the posts folder below the input folder's top level ---------------------------------------


def test_a_posts_folder_below_the_top_level_holds_the_posts_and_other_pages_are_pages(tmp_path: Path) -> None:
    write(tmp_path, ".eleventy.js", "module.exports = () => ({ dir: { input: '.', includes: 'templates' } });\n")
    write(tmp_path, "content/posts/2024-03-04-glazes.md", post("Mixing a celadon glaze at home", "2024-03-04", "Text."))
    write(tmp_path, "content/posts/2024-03-05-undated.md", "---\ntitle: A post whose file name has a date\n---\n\nText.\n")
    write(tmp_path, "content/posts/kilns/kilns.md", "---\ntitle: A post in its own folder, with no date\n---\n\nText.\n")
    write(tmp_path, "content/pages/about.md", "---\ntitle: About the studio\npermalink: /about/\n---\n\nText.\n")
    write(tmp_path, "SECURITY.md", "# Reporting a problem\n\nWrite to us.\n")
    write(tmp_path, "assets/blog/kiln.jpg", "jpg")  # a `blog` folder of images is no posts folder
    write(tmp_path, "templates/posts/card.md", "A partial.\n")  # nor is one in the includes folder
    assert read_site(tmp_path).post_dirs == ("content/posts",)
    assert lint(tmp_path, "FM001,FM003") == [("content/posts/kilns/kilns.md", 1, "FM003", "required field `date` is missing")]


def test_the_posts_folder_search_is_bounded_and_never_follows_links(tmp_path: Path) -> None:
    write(tmp_path, "eleventy.config.js", "export default () => ({ dir: { input: 'site' } });\n")
    write(tmp_path, "site/a/b/c/posts/deep.md", post("Too deep to be looked for", "2024-01-01", "Text."))
    write(tmp_path.parent / "elsewhere", "blog/linked.md", post("Out of the project", "2024-01-01", "Text."))
    (tmp_path / "site/link").symlink_to(tmp_path.parent / "elsewhere", target_is_directory=True)
    write(tmp_path, "site/node_modules/pkg/news/x.md", "Text.\n")
    write(tmp_path, "site/.cache/blog/x.md", "Text.\n")
    assert read_site(tmp_path).post_dirs == ()


# --- F: `.eleventyignore` ---------------------------------------------------------------------------


def test_files_eleventyignore_lists_are_not_built_so_not_linted(tmp_path: Path) -> None:
    write(tmp_path, "eleventy.config.js", "export default function (cfg) {\n  cfg.ignores.add('src/scratch/**');\n  cfg.watchIgnores.add('src/blog/**');\n  return { dir: { input: 'src' } };\n}\n")
    write(tmp_path, ".eleventyignore", "# not built\nCONTRIBUTING.md\ndocs\n**/_*.md\n\\_drafts/\n!docs/keep.md\n")
    write(tmp_path, "src/.eleventyignore", "notes\n")
    bad = "---\ntitle: Not built\n---\n\n![](/missing.png)\n"
    for rel in ("CONTRIBUTING.md", "docs/adr/001.md", "docs/keep.md", "src/blog/_draft-glaze.md", "_x.md", "_drafts/a.md", "src/notes/todo.md", "src/scratch/idea.md"):
        write(tmp_path, rel, bad)
    write(tmp_path, "src/blog/glaze.md", post("Testing a new ash glaze", "2024-05-06", "![](/missing.png)"))
    write(tmp_path, "src/guide/docs/firing.md", bad)  # `docs` names the root's folder only: this page is built
    write(tmp_path, "src/guide/notes.md", bad)  # the input folder's `notes` is `src/notes` only
    assert lint(tmp_path, "FM003,IMG001,IMG005") == [
        (rel, line, code, message)
        for rel, line in (("src/blog/glaze.md", 7), ("src/guide/docs/firing.md", 5), ("src/guide/notes.md", 5))
        for code, message in (("IMG001", "image `/missing.png` has empty alt text"), ("IMG005", "image `/missing.png` not found (looked for src/missing.png, missing.png)"))
    ]


# --- K, V: a permalink in JavaScript or YAML directory data; a site's own filter -------------------


def test_a_permalink_in_javascript_directory_data_with_a_site_filter_makes_a_url_pattern(tmp_path: Path) -> None:
    write(tmp_path, ".eleventy.js", "module.exports = (cfg) => {\n  cfg.addFilter('toDatePath', require('./lib/date-path'));\n  return { dir: { input: '.' } };\n};\n")
    write(tmp_path, "content/posts/posts.11tydata.js", "// where posts publish\nmodule.exports = {\n  layout: 'post',\n  permalink: '/{{ page.date | toDatePath }}/{{ page.fileSlug }}/',\n};\n")
    write(tmp_path, "content/posts/2014-12-22-sketching.md", post("Sketching a service before building it", "2015-01-06", "## Paper first\n\nText."))
    write(tmp_path, "content/posts/2015-02-01-own.md", post("A post with its own permalink", "2015-02-01", "Text.", "permalink: /2015/02/01/own/\n"))
    write(
        tmp_path, "content/posts/2015-03-13-more-sketching.md",
        post("More about sketching services", "2015-03-13",
             'See [the first]({{ "/2015/01/06/sketching/" | url }}), [its section](/2015/01/06/sketching/#paper-first),\n'
             "[a missing section](/2015/01/06/sketching/#no-such-part) and [a missing post](/2015/01/06/gone/)."),
    )
    assert lint(tmp_path, "LNK006,SEO006") == [
        ("content/posts/2015-03-13-more-sketching.md", 8, "LNK006", "`#no-such-part` names no heading of content/posts/2014-12-22-sketching.md"),
        ("content/posts/2015-03-13-more-sketching.md", 8, "LNK006", "internal link `/2015/01/06/gone/` resolves to no post or file of the site"),
    ]


def test_a_permalink_in_yaml_directory_data_is_read_with_a_yaml_data_extension(tmp_path: Path) -> None:
    write(
        tmp_path, "eleventy.config.cjs",
        "const yaml = require('js-yaml');\nmodule.exports = (cfg) => {\n  cfg.addDataExtension('yml, yaml', (s) => yaml.load(s));\n"
        "  cfg.addLiquidFilter('getBlogSlug', (page) => page.fileSlug.replace(/^(\\d*-)/, ''));\n  return { dir: { input: 'source' } };\n};\n",
    )
    write(tmp_path, "source/blog/blog.11tydata.yml", "layout: blog\npermalink: '/blog/{{ page | getBlogSlug }}/index.html'\n")
    write(tmp_path, "source/blog/001-first-release.md", post("The first release of the tool", "2024-01-01", "Text."))
    write(tmp_path, "source/blog/002-second-release.md", post("The second release of the tool", "2024-02-01", "Text."))
    write(tmp_path, "source/guide/intro.md", "---\ntitle: Introduction\n---\n\nSee [the release](/blog/first-release), [the section](/blog/first-release#any) and [the guide](/guide/missing/).\n")
    assert read_site(tmp_path).data_extensions == ("yml", "yaml")
    assert lint(tmp_path, "LNK006,SEO006") == [
        ("source/guide/intro.md", 5, "LNK006", "internal link `/guide/missing/` resolves to no post or file of the site"),
    ]
