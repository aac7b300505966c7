"""Generator detection, config reading and the conventions posts follow (src/postlint/generators.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from postlint.cache.runner import run
from postlint.model.config import ConfigError, load_config
from postlint.model.conventions import strip_date
from postlint.model.generators import detect, read_site

TODAY = dt.date(2025, 6, 1)


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def lint(root: Path, rel: str, select: str) -> list[tuple[int, str, str]]:
    config = load_config(cwd=root)
    result = run([str(root / rel)], config, cwd=root, today=TODAY)
    return [(f.line, f.code, f.message) for f in result.findings if f.code.startswith(tuple(select.split(",")))]


@pytest.mark.parametrize(
    ("marker", "generator"),
    [
        ("hugo.toml", "hugo"),
        ("config.yaml", "hugo"),
        ("config/_default/hugo.toml", "hugo"),
        ("_config.yml", "jekyll"),
        ("astro.config.ts", "astro"),
        ("mkdocs.yml", "mkdocs"),
        ("docusaurus.config.ts", "docusaurus"),
        ("eleventy.config.mjs", "eleventy"),
        (".eleventy.js", "eleventy"),
        ("package.json", "none"),
    ],
)
def test_detection_from_the_files_at_the_root(tmp_path: Path, marker: str, generator: str) -> None:
    write(tmp_path, marker, "")
    assert detect(tmp_path)[0] == generator
    assert load_config(cwd=tmp_path).site.generator == generator


def test_a_marker_in_a_subfolder_is_not_detected(tmp_path: Path) -> None:
    write(tmp_path, "website/docusaurus.config.js", "")
    assert detect(tmp_path) == ("none", None)


def test_js_configs_are_read_for_literals_only(tmp_path: Path) -> None:
    write(tmp_path, "astro.config.mjs", "// site: 'https://commented.example'\nexport default { site: process.env.SITE, base: `/${x}` };\n")
    assert read_site(tmp_path).url is None
    write(tmp_path, "astro.config.mjs", "export default defineConfig({ site: \"https://lit.example\", base: '/docs' });\n")
    assert read_site(tmp_path).url == "https://lit.example/docs"


def test_an_unreadable_generator_config_is_a_note_not_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "hugo.toml", "baseURL = [unclosed\n")
    write(tmp_path, "content/posts/a.md", "---\ntitle: \"A post about broken configs\"\ndate: 2024-01-01\n---\n\nText.\n")
    site = read_site(tmp_path)
    assert (site.generator, site.url, site.notes) == ("hugo", None, ("could not read hugo.toml",))
    assert lint(tmp_path, "content/posts/a.md", "FM003,LNK006") == []
    from postlint.cli.main import main

    monkeypatch.chdir(tmp_path)
    assert main(["check", "--no-cache", "--select", "FM003", "content"]) == 0  # a note, not an error: the exit code stands
    assert capsys.readouterr().err == (
        "postlint: warning: hugo site: could not read hugo.toml; its settings are not used (`postlint site` shows what is)\n"
    )


def test_explicit_postlint_config_wins(tmp_path: Path) -> None:
    write(tmp_path, "hugo.toml", 'baseURL = "https://from-hugo.example/"\nstaticDir = "assets-static"\n')
    write(tmp_path, ".postlint.yaml", "content-dirs: [posts]\nsite:\n  url: https://from-postlint.example\n")
    (tmp_path / "assets-static").mkdir()
    config = load_config(cwd=tmp_path)
    assert (config.site_url, config.content_dirs, config.static_dirs) == ("https://from-postlint.example", ["posts"], ["assets-static"])
    assert "/layouts" in config.exclude


def test_generator_none_turns_detection_off(tmp_path: Path) -> None:
    write(tmp_path, "_config.yml", "url: https://jekyll.example\n")
    write(tmp_path, ".postlint.yaml", "site:\n  generator: none\n")
    config = load_config(cwd=tmp_path)
    assert (config.site.generator, config.site_url) == ("none", None)
    write(tmp_path, ".postlint.yaml", "site:\n  generator: wordpress\n")
    with pytest.raises(ConfigError, match="`site.generator` must be one of auto, none, hugo"):
        load_config(cwd=tmp_path)


def test_the_cache_fingerprint_includes_the_detected_settings(tmp_path: Path) -> None:
    write(tmp_path, "hugo.toml", 'baseURL = "https://one.example/"\n')
    first = load_config(cwd=tmp_path).fingerprint()
    write(tmp_path, "hugo.toml", 'baseURL = "https://two.example/"\n')
    assert load_config(cwd=tmp_path).fingerprint() != first


def test_jekyll_date_and_tags_conventions(tmp_path: Path) -> None:
    write(tmp_path, "_config.yml", "title: x\n")
    write(tmp_path, "_posts/2030-01-02-later.md", "---\ntitle: \"A post dated by its file name\"\ntags: one two one\n---\n\nText.\n")
    assert lint(tmp_path, "_posts/2030-01-02-later.md", "FM003,FM004,FM007,FM009") == [
        (1, "FM007", "file name date 2030-01-02 is in the future and the post is not `draft: true`"),
        (3, "FM009", "tag 'one' duplicates 'one'"),
    ]


def test_without_a_generator_the_file_name_date_is_not_the_date(tmp_path: Path) -> None:
    write(tmp_path, "posts/2024-01-02-plain.md", "---\ntitle: \"A post with no date field\"\ntags: one two\n---\n\nText.\n")
    assert lint(tmp_path, "posts/2024-01-02-plain.md", "FM003,FM004") == [
        (1, "FM003", "required field `date` is missing"),
        (3, "FM004", "`tags` must be a list of strings, got string `one two`"),
    ]


def test_fm010_slug_drops_the_date_of_a_bundle_folder(tmp_path: Path) -> None:
    write(tmp_path, "docusaurus.config.js", "module.exports = {url: 'https://d.example', baseUrl: '/'};\n")
    write(tmp_path, "blog/2024-01-02-Bad_Name/index.md", "---\ntitle: \"A folder post with a bad name\"\n---\n\nText.\n")
    write(tmp_path, "blog/2024-01-03-good-name/index.md", "---\ntitle: \"A folder post with a good name\"\n---\n\nText.\n")
    assert lint(tmp_path, "blog/2024-01-02-Bad_Name/index.md", "FM010") == [
        (1, "FM010", "slug from the file name 'Bad_Name' is not lowercase words joined by hyphens"),
    ]
    assert lint(tmp_path, "blog/2024-01-03-good-name/index.md", "FM003,FM010") == []
    assert strip_date("2024-13-40-not-a-date") == "2024-13-40-not-a-date"


def test_fm011_counts_the_generators_image_field(tmp_path: Path) -> None:
    write(tmp_path, "astro.config.mjs", "export default {};\n")
    write(tmp_path, ".postlint.yaml", "FM011:\n  recommended: [image]\n")
    write(tmp_path, "src/content/blog/a.md", "---\ntitle: \"An Astro post with a hero\"\npubDate: 2024-01-01\nheroImage: ./a.webp\n---\n\nText.\n")
    write(tmp_path, "src/content/blog/b.md", "---\ntitle: \"An Astro post without one\"\npubDate: 2024-01-01\n---\n\nText.\n")
    assert lint(tmp_path, "src/content/blog/a.md", "FM011") == []
    assert lint(tmp_path, "src/content/blog/b.md", "FM011") == [(1, "FM011", "recommended field `image` is missing")]


def test_img003_applies_on_hugo_when_configured(tmp_path: Path) -> None:
    write(tmp_path, "hugo.toml", "")
    post = "---\ntitle: \"A Hugo post with a hero image\"\ndate: 2024-01-01\nimage: /a.webp\n---\n\n![Something else](/b.webp)\n"
    write(tmp_path, "content/posts/a.md", post)
    assert lint(tmp_path, "content/posts/a.md", "IMG003") == []
    write(tmp_path, ".postlint.yaml", "IMG003:\n  hero: first-image\n")
    assert lint(tmp_path, "content/posts/a.md", "IMG003") == [(7, "IMG003", "first image `/b.webp` is not the front-matter image `/a.webp`")]


def test_init_writes_the_detected_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from postlint.cli.main import main

    write(tmp_path, "hugo.toml", 'baseURL = "https://init.example/"\n')
    (tmp_path / "content").mkdir()
    (tmp_path / "static").mkdir()
    monkeypatch.chdir(tmp_path)
    assert main(["init"]) == 0
    assert capsys.readouterr().out == "Wrote .postlint.yaml (profile: blog) with the settings of the detected hugo site (hugo.toml)\n"
    text = (tmp_path / ".postlint.yaml").read_text(encoding="utf-8")
    assert 'content-dirs: ["content"]\n' in text
    assert "  generator: hugo " in text and '  url: "https://init.example"\n' in text and '  static-dirs: ["static"]\n' in text
    config = load_config(cwd=tmp_path)
    assert (config.generator, config.site_url, config.content_dirs) == ("hugo", "https://init.example", ["content"])


def test_site_command_text_escapes_control_characters(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from postlint.cli.main import main

    write(tmp_path, "_config.yml", "url: https://j.example\n")
    write(tmp_path, "_posts/2024-01-02-x.md", "---\ntitle: \"Bell \\a here\"\n---\n\nText.\n")
    monkeypatch.chdir(tmp_path)
    assert main(["site", "_posts/2024-01-02-x.md"]) == 0
    out = capsys.readouterr().out
    assert "  title: Bell \\u0007 here\n" in out and "\x07" not in out
    assert "  url path: /2024/01/02/x.html\n" in out  # Jekyll's default `date` permalink style


def test_fm004_messages_show_values_as_yaml_writes_them(tmp_path: Path) -> None:
    front = 'title: 2024-01-01\ndescription: [a, 1]\ntags: {a: 1}\nslug: 12\nimage: true\ndraft: "no"\ndate: 2024-01-01'
    write(tmp_path, "post.md", f"---\n{front}\n---\n\nText.\n")
    assert [message for _, _, message in lint(tmp_path, "post.md", "FM004")] == [
        "`title` must be a string, got date `2024-01-01`",
        "`description` must be a string, got list with non-string items `[a, 1]`",
        "`tags` must be a list of strings, got mapping `{a: 1}`",
        "`slug` must be a string, got integer `12`",
        "`image` must be a string, got boolean `true`",
        "`draft` must be a boolean, got string `no`",
    ]


def test_hugo_frontmatter_date_config(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from postlint.cli.main import main

    write(tmp_path, "hugo.toml", '[frontmatter]\ndate = [":filename", ":default"]\n')
    write(tmp_path, "content/posts/2024-01-02-from-jekyll.md", "---\ntitle: \"A post moved over from Jekyll\"\n---\n\nText.\n")
    assert lint(tmp_path, "content/posts/2024-01-02-from-jekyll.md", "FM003") == []
    monkeypatch.chdir(tmp_path)
    assert main(["site", "--format", "json", "content/posts/2024-01-02-from-jekyll.md"]) == 0
    post = __import__("json").loads(capsys.readouterr().out)["posts"][0]
    assert (post["url_path"], post["date"], post["date_from"]) == ("/posts/from-jekyll/", "2024-01-02", "file name")
    write(tmp_path, "hugo.toml", '[frontmatter]\ndate = ["date", ":git"]\n')
    write(tmp_path, "content/posts/undated.md", "---\ntitle: \"A post dated by its last commit\"\n---\n\nText.\n")
    assert lint(tmp_path, "content/posts/undated.md", "FM003") == []
    write(tmp_path, "hugo.toml", "")
    assert lint(tmp_path, "content/posts/undated.md", "FM003")[0][1:] == (
        "FM003", "required field `date` is missing (the generator also reads `publishDate`, `publishdate`, `pubdate`, `published`, `lastmod`, `modified`)",
    )


def test_folders_outside_the_project_are_never_used(tmp_path: Path) -> None:
    project = tmp_path / "site"
    write(project, "hugo.toml", 'contentDir = "../elsewhere"\nstaticDir = ["/etc", "../static", "static"]\n[languages.fr]\ncontentDir = "../fr"\n')
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "fr").mkdir()
    (project / "static").mkdir()
    site = read_site(project)
    assert (site.content_root, site.content_dirs, site.static_dirs, site.languages) == ("content", (), ("static",), (("fr", "", "/fr"),))


def test_jekyll_source_folder_is_not_a_category(tmp_path: Path) -> None:
    from postlint.model.config import load_config
    from postlint.parse.document import Post
    from postlint.site.index import Site

    write(tmp_path, "_config.yml", "source: web\npermalink: pretty\n")
    path = write(tmp_path, "web/news/_posts/2024-03-04-launch.md", "---\ntitle: \"A launch in the news category\"\n---\n\nText.\n")
    site = Site.from_config(load_config(cwd=tmp_path))
    assert site.url_of(Post.from_path(path))[0] == "/news/2024/03/04/launch/"
