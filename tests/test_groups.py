"""`check --show-groups`: every duplicate group once, whole (issue 19, section 3).

tests/sites/groups holds two duplicate-title groups (SEO004), a description group
(SEO005), a URL-path group (SEO006) and a keyphrase group (SEO009). A finding names
the first three other posts; the listing names them all, once, in text and JSON.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from conftest import SHARED
from postlint.cli.main import main
from postlint.engine.registry import build_registry
from postlint.model.config import from_mapping
from postlint.model.context import Context
from postlint.model.rule import Rule
from postlint.output.groups import report_groups
from postlint.output.reporters import Report, get_chunks, whole
from postlint.rules.seo import DuplicateDescription, DuplicateTitle
from postlint.site.index import PostSummary, Site

SITE = Path(__file__).parent / "sites" / "groups"

TEXT_GROUPS = """
Duplicate groups (5):
SEO004 duplicate-title [warning]: 2 posts share the title “Choosing a Grinder”
  content/posts/grinders-again.md:2
  content/posts/grinders.md:2
SEO004 duplicate-title [warning]: 2 posts share the title “ESPRESSO basics”
  content/posts/espresso-basics-2.md:2
  content/posts/espresso-basics.md:2
SEO005 duplicate-description [warning]: 3 posts share the description “Notes from our coffee bench.”
  content/posts/espresso-basics-2.md:3
  content/posts/espresso-basics.md:3
  content/posts/grinders.md:3
SEO006 duplicate-slug [error]: 2 posts share the URL path `/posts/kettles/`
  content/posts/grinders.md:4
  content/posts/kettles.md:1
SEO009 keyphrase-cannibalised [warning]: 2 posts share the focus keyphrase “Espresso Ratio”
  content/posts/espresso-basics-2.md:4
  content/posts/espresso-basics.md:4
"""

JSON_GROUPS = """\
  "groups": [
    {"code": "SEO004", "name": "duplicate-title", "severity": "warning", "shared": "title", "value": "Choosing a Grinder", "size": 2, "members": [
      {"path": "content/posts/grinders-again.md", "line": 2, "in_run": true, "reported": true},
      {"path": "content/posts/grinders.md", "line": 2, "in_run": true, "reported": true}
    ]},
    {"code": "SEO004", "name": "duplicate-title", "severity": "warning", "shared": "title", "value": "ESPRESSO basics", "size": 2, "members": [
      {"path": "content/posts/espresso-basics-2.md", "line": 2, "in_run": true, "reported": true},
      {"path": "content/posts/espresso-basics.md", "line": 2, "in_run": true, "reported": true}
    ]},
    {"code": "SEO005", "name": "duplicate-description", "severity": "warning", "shared": "description", "value": "Notes from our coffee bench.", "size": 3, "members": [
      {"path": "content/posts/espresso-basics-2.md", "line": 3, "in_run": true, "reported": true},
      {"path": "content/posts/espresso-basics.md", "line": 3, "in_run": true, "reported": true},
      {"path": "content/posts/grinders.md", "line": 3, "in_run": true, "reported": true}
    ]},
    {"code": "SEO006", "name": "duplicate-slug", "severity": "error", "shared": "URL path", "value": "/posts/kettles/", "size": 2, "members": [
      {"path": "content/posts/grinders.md", "line": 4, "in_run": true, "reported": true},
      {"path": "content/posts/kettles.md", "line": 1, "in_run": true, "reported": true}
    ]},
    {"code": "SEO009", "name": "keyphrase-cannibalised", "severity": "warning", "shared": "focus keyphrase", "value": "Espresso Ratio", "size": 2, "members": [
      {"path": "content/posts/espresso-basics-2.md", "line": 4, "in_run": true, "reported": true},
      {"path": "content/posts/espresso-basics.md", "line": 4, "in_run": true, "reported": true}
    ]}
  ]
}
"""


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of tests/sites/groups as the working directory (outside this repository's config)."""
    copy = tmp_path / "groups"
    shutil.copytree(SITE, copy)
    monkeypatch.chdir(copy)
    monkeypatch.setenv("NO_COLOR", "1")
    return copy


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["check", "--no-cache", *args])
    return code, capsys.readouterr().out


def groups_of(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict]:
    code, out = check(capsys, "--format", "json", "--show-groups", *args)
    assert code in (0, 1)
    return json.loads(out)["groups"]


def test_text_lists_each_group_once_after_the_findings(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = check(capsys, "--show-groups")
    assert code == 1
    findings, _, groups = out.partition("Found 11 findings (2 errors, 9 warnings) in 6 files.\n")
    assert len(findings.splitlines()) == 11
    assert groups == TEXT_GROUPS
    # concise: the same listing after the findings; without the flag, no listing
    code, concise = check(capsys, "--show-groups", "--format", "concise")
    assert concise.endswith("\n" + TEXT_GROUPS) and len(concise.splitlines()) == 11 + len(TEXT_GROUPS.splitlines())
    assert "Duplicate groups" not in check(capsys)[1]


def test_json_adds_a_groups_list_after_the_findings(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = check(capsys, "--format", "json", "--show-groups")
    assert code == 1
    assert out.endswith("  ],\n" + JSON_GROUPS)  # after the findings' closing bracket
    document = json.loads(out)
    assert list(document) == ["schema", "tool", "summary", "findings", "groups"]
    assert len(document["findings"]) == 11
    _, plain = check(capsys, "--format", "json")
    assert "groups" not in json.loads(plain)  # the schema-1 document is unchanged without the flag


def test_a_rule_that_is_off_has_no_groups(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert [(g["code"], g["value"]) for g in groups_of(capsys, "--ignore", "SEO005,SEO009")] == [
        ("SEO004", "Choosing a Grinder"), ("SEO004", "ESPRESSO basics"), ("SEO006", "/posts/kettles/"),
    ]
    (site / ".postlint.yaml").write_text("content-dirs: [content]\nselect: [SEO005]\nseverity: {SEO005: info}\n", encoding="utf-8")
    groups = groups_of(capsys)
    assert [(g["code"], g["severity"], g["size"]) for g in groups] == [("SEO005", "info", 3)]  # the configured severity
    assert groups_of(capsys, "--select", "SEO001") == []
    code, out = check(capsys, "--select", "SEO001", "--show-groups", "-q")
    assert out.endswith("\nNo duplicate groups.\n")


def test_suppressed_members_stay_in_their_group_and_a_wholly_suppressed_group_goes(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kettles = site / "content" / "posts" / "kettles.md"
    kettles.write_text(kettles.read_text(encoding="utf-8") + "\n<!-- postlint-disable-file SEO006 -->\n", encoding="utf-8")
    slug = [g for g in groups_of(capsys) if g["code"] == "SEO006"]
    assert slug[0]["members"] == [
        {"path": "content/posts/grinders.md", "line": 4, "in_run": True, "reported": True},
        {"path": "content/posts/kettles.md", "line": 1, "in_run": True, "reported": False},
    ]
    _, out = check(capsys, "--show-groups", "--select", "SEO006")
    assert out.endswith("`/posts/kettles/`\n  content/posts/grinders.md:4\n  content/posts/kettles.md:1  (suppressed)\n")
    # the other member ignored too (per-file-ignores): no finding of the group is left, nor the group
    (site / ".postlint.yaml").write_text(
        "content-dirs: [content]\nselect: [SEO006]\nper-file-ignores:\n  content/posts/grinders.md: [SEO006]\n", encoding="utf-8"
    )
    assert groups_of(capsys) == []


def test_a_pre_commit_run_lists_the_group_with_the_posts_it_did_not_lint(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    groups = groups_of(capsys, "content/posts/grinders.md")
    assert [(g["code"], g["value"]) for g in groups] == [
        ("SEO004", "Choosing a Grinder"), ("SEO005", "Notes from our coffee bench."), ("SEO006", "/posts/kettles/"),
    ]  # the espresso posts' own title and keyphrase groups are not this run's
    assert groups[1]["members"] == [
        {"path": "content/posts/espresso-basics-2.md", "line": 3, "in_run": False, "reported": False},
        {"path": "content/posts/espresso-basics.md", "line": 3, "in_run": False, "reported": False},
        {"path": "content/posts/grinders.md", "line": 3, "in_run": True, "reported": True},
    ]
    _, out = check(capsys, "--show-groups", "--select", "SEO005", "content/posts/grinders.md")
    assert out.endswith(
        "share the description “Notes from our coffee bench.”\n"
        "  content/posts/espresso-basics-2.md:3  (not in this run)\n  content/posts/espresso-basics.md:3  (not in this run)\n"
        "  content/posts/grinders.md:3\n"
    )


def test_show_groups_needs_a_format_that_can_hold_them(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """GitLab Code Quality has no groups (one issue per finding, nothing else), nor do GitHub's annotations."""
    for fmt in ("gitlab", "github"):
        assert main(["check", "--no-cache", "--show-groups", "--format", fmt]) == 2
        assert capsys.readouterr().err == (
            f"postlint: error: --show-groups: --format {fmt} has no place for the groups"
            " (use text, concise, json, sarif, junit, github-summary, html)\n"
        )


def test_the_shared_value_is_shortened_and_escaped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    long = "A \\e]0;pwned\\a description " + "that goes on " * 20
    for name in ("a", "b"):
        (tmp_path / f"{name}.md").write_text(f'---\ntitle: "Post {name}"\ndescription: "{long}"\n---\n\nText.\n', encoding="utf-8")
    code, out = check(capsys, "--select", "SEO005", "--show-groups", "a.md", "b.md")
    value = "A \\x1b]0;pwned\\x07 description " + ("that goes on " * 5) + "that goes…"  # 100 characters before escaping
    assert out.endswith(f"SEO005 duplicate-description [warning]: 2 posts share the description “{value}”\n  a.md:3\n  b.md:3\n")
    assert "\x1b" not in out and "\x07" not in out
    assert [g["value"] for g in groups_of(capsys, "--select", "SEO005", "a.md", "b.md")] == [value]
    assert len(value) == 100 + len("\\x1b\\x07") - 2
    # the CI formats: no control character, and nothing that breaks Markdown or XML
    _, summary = check(capsys, "--select", "SEO005", "--format", "github-summary", "a.md", "b.md")
    assert f"| description | <code>{value}</code> | 2 | <code>a.md</code>:3<br><code>b.md</code>:3 |\n" in summary
    _, junit = check(capsys, "--select", "SEO005", "--format", "junit", "--show-groups", "a.md", "b.md")
    assert f'<testcase name="SEO005 2 posts share the description “{value}”" classname="postlint.groups"' in junit
    for out in (summary, junit):
        assert "\x1b" not in out and "\x07" not in out


# --- scale: a template's default description on every post --------------------------------


def _summary(i: int) -> PostSummary:
    path = f"/site/content/posts/p{i:05d}.md"
    return PostSummary(path, f"content/posts/p{i:05d}.md", f"/posts/p{i:05d}/", f"p{i:05d}", f"Post {i}", "The theme's default description.", 2, 3)


def _report(count: int) -> Report:
    """The report of SEO004 and SEO005 over `count` indexed posts (no files) sharing one description."""
    site = Site(Path("/site"), Path("/site/content"), [])
    for i in range(count):
        site.add(_summary(i))
    ctx = Context(from_mapping({}, root=Path("/site")), dt.date(2025, 1, 1), site_factory=lambda _ctx: site)
    rules: list[Rule] = [DuplicateTitle(), DuplicateDescription()]
    findings = [f for rule in rules for f in rule.check_site(ctx)]
    registry = build_registry(root=Path("/site"), no_plugins=True)
    return Report(findings, count, registry, rules, paths=[s.display_path for s in site.posts], site=site, show_groups=True)


@pytest.mark.parametrize("fmt", ["json", "text", "html", "sarif", "junit", "github-summary"])
def test_5000_posts_sharing_a_description_are_one_group_and_the_report_grows_linearly(fmt: str) -> None:
    small, big = _report(500), _report(5000)
    groups = report_groups(big)
    assert [(g.code, len(g.members)) for g in groups] == [("SEO005", 5000)]
    assert len(big.findings) == 5000
    sizes = [len(whole(get_chunks(fmt)(report)).encode()) for report in (small, big)]
    # every post: a bounded finding (3 others named, the rest counted) and one line in the group
    # measured: 402, 190, 899, 1190 (3 related locations), 505, and the summary's ~1.6 KB whatever the size
    per_post = {"json": 600, "text": 300, "html": 1200, "sarif": 1600, "junit": 800, "github-summary": 1}[fmt]
    assert sizes[1] <= 5000 * per_post, sizes
    assert sizes[1] <= 10 * sizes[0] + 20_000, sizes  # ten times the posts, about ten times the bytes
    if fmt == "sarif":
        run = json.loads(whole(get_chunks(fmt)(big)))["runs"][0]
        assert {len(result["relatedLocations"]) for result in run["results"]} == {3}
        assert len(run["properties"]["groups"][0]["members"]) == 5000
    if fmt == "json":
        document = json.loads(whole(get_chunks(fmt)(big)))
        assert document["groups"][0]["size"] == 5000 and len(document["groups"][0]["members"]) == 5000
        assert document["findings"][0]["message"] == (
            "description is also used by content/posts/p00001.md, content/posts/p00002.md, content/posts/p00003.md and 4996 more"
        )


def test_posts_under_a_subfolder_config_are_members_of_the_run(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A subfolder config lints its posts in a run of its own, with a severity of its own: its
    posts are members of the run (not "not in this run"), the group at its highest severity."""
    (site / "content" / "posts" / ".postlint.yaml").write_text("extend: ../../.postlint.yaml\nseverity: {SEO005: info}\n", encoding="utf-8")
    (site / "content" / "top.md").write_text('---\ntitle: "Top"\ndescription: "Notes from our coffee bench."\n---\n\nText.\n', encoding="utf-8")
    groups = [g for g in groups_of(capsys) if g["code"] == "SEO005"]
    assert [(g["severity"], g["size"]) for g in groups] == [("warning", 4)]
    assert [(m["path"], m["in_run"], m["reported"]) for m in groups[0]["members"]] == [
        ("content/posts/espresso-basics-2.md", True, True),
        ("content/posts/espresso-basics.md", True, True),
        ("content/posts/grinders.md", True, True),
        ("content/top.md", True, True),
    ]


def test_5000_files_sharing_a_description_give_one_group_from_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    posts = tmp_path / "content" / "posts"
    posts.mkdir(parents=True)
    for i in range(5000):
        (posts / f"p{i:05d}.md").write_text(f'---\ntitle: "Post {i}"\ndescription: "The theme default."\n---\n\nText {i}.\n', encoding="utf-8")
    (tmp_path / ".postlint.yaml").write_text("content-dirs: [content]\nselect: [SEO004, SEO005]\n", encoding="utf-8")
    code, out = check(capsys, "--format", "json", "--show-groups", "-j", "1")
    assert code == 1
    assert len(out.encode()) <= 5000 * 600  # measured: 2.0 MB (each post's finding, and its line in the group)
    document = json.loads(out)
    assert [(g["code"], g["size"], len(g["members"])) for g in document["groups"]] == [("SEO005", 5000, 5000)]
    assert document["groups"][0]["members"][4999] == {"path": "content/posts/p04999.md", "line": 3, "in_run": True, "reported": True}
    assert len(document["findings"]) == 5000


def test_a_group_only_a_subfolder_configs_index_holds_is_listed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Without `content-dirs`, each config's run indexes its own posts: two posts under a subfolder
    config that share a title are a group of that run's index only, and the listing has it."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    (tmp_path / ".postlint.yaml").write_text("select: [SEO004, SEO005]\n", encoding="utf-8")
    (tmp_path / "top.md").write_text('---\ntitle: "Top"\ndescription: "Top of the site."\n---\n\nText.\n', encoding="utf-8")
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / ".postlint.yaml").write_text("extend: ../.postlint.yaml\nseverity: {SEO004: info}\n", encoding="utf-8")
    for name in ("a", "b"):
        (notes / f"{name}.md").write_text(f'---\ntitle: "Field notes"\ndescription: "Note {name}."\n---\n\nText.\n', encoding="utf-8")
    listing = "\nDuplicate groups (1):\nSEO004 duplicate-title [info]: 2 posts share the title “Field notes”\n  notes/a.md:2\n  notes/b.md:2\n"
    code, out = check(capsys, "--show-groups", "-q")
    assert out.endswith(listing)
    for _ in range(2):  # with the results cache: cold, then warm (each config's findings from the cache)
        main(["check", "--show-groups", "-q"])
        assert capsys.readouterr().out == out


def test_a_warm_run_lists_the_groups_of_its_cached_findings(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every finding of an unchanged site comes from the results cache, with no site index
    built: with the groups asked for, the index is built all the same."""
    runs = []
    for _ in range(2):
        assert main(["check", "--show-groups", "--select", "SEO005", "-q"]) == 1
        runs.append(capsys.readouterr().out)
    assert runs[1].endswith(
        "\nDuplicate groups (1):\n"
        "SEO005 duplicate-description [warning]: 3 posts share the description “Notes from our coffee bench.”\n"
        "  content/posts/espresso-basics-2.md:3\n  content/posts/espresso-basics.md:3\n  content/posts/grinders.md:3\n"
    )
    assert runs[0] == runs[1]


# --- the CI formats: github-summary, SARIF, JUnit ----------------------------------------

DOCS = "https://github.com/postlint/postlint/blob/main/docs/rules/"
SUMMARY_GROUPS = f"""
### Duplicate groups

| rule | shared | value | posts | path:line |
|---|---|---|---:|---|
| [SEO005]({DOCS}SEO005.md) | description | <code>Notes from our coffee bench.</code> | 3 | \
<code>content/posts/espresso-basics-2.md</code>:3<br><code>content/posts/espresso-basics.md</code>:3<br><code>content/posts/grinders.md</code>:3 |
| [SEO004]({DOCS}SEO004.md) | title | <code>Choosing a Grinder</code> | 2 | \
<code>content/posts/grinders-again.md</code>:2<br><code>content/posts/grinders.md</code>:2 |
| [SEO004]({DOCS}SEO004.md) | title | <code>ESPRESSO basics</code> | 2 | \
<code>content/posts/espresso-basics-2.md</code>:2<br><code>content/posts/espresso-basics.md</code>:2 |
| [SEO006]({DOCS}SEO006.md) | URL path | <code>/posts/kettles/</code> | 2 | \
<code>content/posts/grinders.md</code>:4<br><code>content/posts/kettles.md</code>:1 |
| [SEO009]({DOCS}SEO009.md) | focus keyphrase | <code>Espresso Ratio</code> | 2 | \
<code>content/posts/espresso-basics-2.md</code>:4<br><code>content/posts/espresso-basics.md</code>:4 |

`postlint check --show-groups` lists every group with all its posts.
"""


def test_the_github_summary_lists_the_groups_biggest_first_without_the_flag(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = check(capsys, "--format", "github-summary")
    assert code == 1
    assert out.endswith("| <code>content/posts/grinders-again.md</code> | 0 | 1 | 0 |\n" + SUMMARY_GROUPS)
    assert check(capsys, "--format", "github-summary", "--show-groups")[1] == out  # a summary always has them
    # as a second report of the run, and from a warm run (every finding from the cache)
    for _ in range(2):
        assert main(["check", "-q", "--report", "github-summary=summary.md"]) == 1
        assert (site / "summary.md").read_text(encoding="utf-8") == out
    # no group reported: no section
    assert "Duplicate groups" not in check(capsys, "--format", "github-summary", "--select", "SEO001")[1]


def test_the_github_summary_bounds_the_groups_and_their_posts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Eleven description groups of 2 to 12 posts: the ten biggest, five posts of each, and counts."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".postlint.yaml").write_text("select: [SEO005]\n", encoding="utf-8")
    for size in range(2, 13):
        for i in range(size):
            text = f'---\ntitle: "G{size} P{i}"\ndescription: "Shared by {size:02d}."\n---\n\nText.\n'
            (tmp_path / f"g{size:02d}-{i:02d}.md").write_text(text, encoding="utf-8")
    code, out = check(capsys, "--format", "github-summary")
    section = out.split("### Duplicate groups\n\n", 1)[1].splitlines()
    rows = [line for line in section if line.startswith("| [SEO005]")]
    assert [row.split(" | ")[3] for row in rows] == [str(size) for size in range(12, 2, -1)]
    assert rows[0].endswith(
        "| <code>Shared by 12.</code> | 12 | " + "<br>".join(f"<code>g12-{i:02d}.md</code>:3" for i in range(5)) + "<br>…and 7 more |"
    )
    assert section[-3:] == ["…and 1 more group.", "", "`postlint check --show-groups` lists every group with all its posts."]


def test_sarif_relates_each_groups_results_and_holds_every_group_once(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = check(capsys, "--format", "sarif", "--show-groups", "--select", "SEO005,SEO006", "content/posts/grinders.md", "content/posts/kettles.md")
    assert code == 1
    run = json.loads(out)["runs"][0]
    grinders = run["results"][0]
    assert grinders["message"]["text"] == (
        "description is also used by [content/posts/espresso-basics-2.md](1) and [content/posts/espresso-basics.md](2)"
    )
    assert grinders["relatedLocations"] == [
        {
            "id": number,
            "physicalLocation": {"artifactLocation": {"uri": f"content/posts/{name}.md", "uriBaseId": "%SRCROOT%"}, "region": {"startLine": 3}},
            "message": {"text": "also has this description"},
        }
        for number, name in ((1, "espresso-basics-2"), (2, "espresso-basics"))
    ]
    assert [r["message"]["text"] for r in run["results"][1:]] == [
        "URL path `/posts/kettles/` is also used by [content/posts/kettles.md](1)",
        "URL path `/posts/kettles/` is also used by [content/posts/grinders.md](1)",
    ]
    assert [(g["code"], g["size"], [(m["path"], m["in_run"]) for m in g["members"]]) for g in run["properties"]["groups"]] == [
        ("SEO005", 3, [("content/posts/espresso-basics-2.md", False), ("content/posts/espresso-basics.md", False), ("content/posts/grinders.md", True)]),
        ("SEO006", 2, [("content/posts/grinders.md", True), ("content/posts/kettles.md", True)]),
    ]
    # every member on a line of its own, after the results
    assert '\n      ],\n      "properties": {\n        "groups": [\n          {"code": "SEO005"' in out
    assert '\n            {"path": "content/posts/kettles.md", "line": 1, "in_run": true, "reported": true}\n          ]}\n        ]\n' in out
    _, plain = check(capsys, "--format", "sarif", "--select", "SEO005,SEO006")
    plain_run = json.loads(plain)["runs"][0]  # unchanged without the flag
    assert "properties" not in plain_run and "](1)" not in plain
    assert not any("relatedLocations" in result for result in plain_run["results"])


def test_a_path_in_a_sarif_link_has_its_brackets_escaped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("a.md", "notes [draft].md"):
        (tmp_path / name).write_text('---\ntitle: "T"\ndescription: "Same."\n---\n\nText.\n', encoding="utf-8")
    _, out = check(capsys, "--format", "sarif", "--show-groups", "--select", "SEO005", ".")
    assert [r["message"]["text"] for r in json.loads(out)["runs"][0]["results"]] == [
        "description is also used by [notes \\[draft\\].md](1)",
        "description is also used by [a.md](1)",
    ]


SARIF_SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"


@pytest.mark.skipif(not SARIF_SCHEMA.exists(), reason=f"the official SARIF schema is not at {SARIF_SCHEMA}")
def test_sarif_with_the_groups_is_valid(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import jsonschema

    _, out = check(capsys, "--format", "sarif", "--show-groups", "content/posts/grinders.md")
    document = json.loads(out)
    assert document["runs"][0]["properties"]["groups"] and any("relatedLocations" in r for r in document["runs"][0]["results"])
    jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))).validate(document)


def test_junit_has_a_testsuite_of_the_groups(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = check(capsys, "--format", "junit", "--show-groups", "--select", "SEO005,SEO006", "content/posts/grinders.md")
    assert code == 1
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="postlint" tests="3" failures="3" errors="0"')
    assert out.endswith(
        '  <testsuite name="postlint duplicate groups" tests="2" failures="2" errors="0" skipped="0" time="0">\n'
        '    <testcase name="SEO005 3 posts share the description “Notes from our coffee bench.”" classname="postlint.groups" time="0">\n'
        '      <failure message="SEO005 3 posts share the description “Notes from our coffee bench.”" type="SEO005 duplicate-description">'
        "content/posts/espresso-basics-2.md:3 (not in this run)\ncontent/posts/espresso-basics.md:3 (not in this run)\n"
        "content/posts/grinders.md:3</failure>\n"
        "    </testcase>\n"
        '    <testcase name="SEO006 2 posts share the URL path `/posts/kettles/`" classname="postlint.groups" time="0">\n'
        '      <failure message="SEO006 2 posts share the URL path `/posts/kettles/`" type="SEO006 duplicate-slug">'
        "content/posts/grinders.md:4\ncontent/posts/kettles.md:1 (not in this run)</failure>\n"
        "    </testcase>\n  </testsuite>\n</testsuites>\n"
    )
    _, plain = check(capsys, "--format", "junit", "--select", "SEO005,SEO006", "content/posts/grinders.md")
    assert "duplicate groups" not in plain and plain.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="postlint" tests="1" failures="1"')
