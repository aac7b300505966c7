"""The public rule API: spans of links, images, headings and front-matter values
(`Post.span_of`, `Post.url_span`, `FrontMatter.value_span`/`key_span`, `Rule.report_at`), and
the `postlint.testing` kit plugin authors check their fixtures with."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

import pytest

from postlint import Context, Edit, Finding, Fix, Post, Rule, Severity, Span
from postlint.testing import assert_fixture, expected, lint_fixture, lint_text_with

POST = """---
title: "Hello there"
tags:
  - a
---

# Head

See [the docs](https://example.com/docs "t") and [ref][r] and ![alt](img/a.png).

[r]: https://example.com/ref
"""


def test_span_of_a_link_an_image_and_a_heading() -> None:
    post = Post.from_text(POST)
    inline, reference = post.links
    assert post.span_of(inline) == Span(9, 5, 9, 45)
    assert post.span_of(reference) == Span(9, 50, 9, 58)
    assert post.span_of(post.images[0]) == Span(9, 63, 9, 80)
    assert post.span_of(post.headings[0]) == Span(7, 1, 7, 7)
    assert post.lines[8][4:44] == '[the docs](https://example.com/docs "t")'


def test_url_span_is_the_destination_as_typed_or_none_for_a_reference_link() -> None:
    post = Post.from_text(POST)
    inline, reference = post.links
    span = post.url_span(inline)
    assert span == Span(9, 16, 9, 40)
    assert post.lines[span.line - 1][span.column - 1 : span.end_column - 1] == "https://example.com/docs"
    assert post.url_span(reference) is None


def test_value_span_and_key_span_of_front_matter() -> None:
    front = Post.from_text(POST).front_matter
    assert front.value_span("title") == Span(2, 8, 2, 21)  # `"Hello there"`, quotes included
    assert front.key_span("title") == Span(2, 1, 2, 6)
    tags = front.value_span("tags")
    assert tags is not None and not tags.single_line and (tags.line, tags.column) == (4, 3)
    assert front.value_span("description") is None and front.key_span("description") is None


class LongTitle(Rule):
    """A title over 8 characters (a test rule written against the public API only)."""

    code = "XMP201"
    name = "long-test-title"
    summary = "test"
    severity = Severity.INFO
    fixable = True

    def check(self, post: Post, ctx: Context) -> Iterable[Finding]:
        span = post.front_matter.value_span("title")
        if span is not None and len(post.meta.get("title", "")) > 8:
            fix = Fix((Edit(span.line, span.column, span.end_line, span.end_column, '"Hello"'),), "unsafe", "shorten")
            yield self.report_at(post, span, "title is long", fix=fix)
        for link in post.links:
            where = post.url_span(link) or post.span_of(link)
            yield self.report_at(post, where, f"link to {link.url}")


def test_report_at_reports_over_the_span() -> None:
    findings = lint_text_with(LongTitle, POST)
    assert [(f.code, f.line, f.column, f.end_line, f.end_column, f.severity, f.message) for f in findings] == [
        ("XMP201", 2, 8, 2, 21, Severity.INFO, "title is long"),
        ("XMP201", 9, 16, 9, 40, Severity.INFO, "link to https://example.com/docs"),
        ("XMP201", 9, 50, 9, 58, Severity.INFO, "link to https://example.com/ref"),
    ]
    assert findings[0].fix is not None and findings[0].fix.edits[0].content == '"Hello"'


def test_lint_text_with_takes_config_keys_and_options() -> None:
    class Tbd(Rule):
        code = "XMP202"
        name = "no-tbd"
        options = {"words": ["tbd"]}

        def check(self, post: Post, ctx: Context) -> Iterable[Finding]:
            for number, line in enumerate(post.lines, start=1):
                for word in self.opts["words"]:
                    if word in line.lower():
                        yield self.report(post, number, line.lower().index(word) + 1, f"`{word}` left in")

    text = "---\ntitle: x\n---\n\nTBD. And FIXME.\n"
    assert [(f.line, f.column, f.message) for f in lint_text_with(Tbd, text)] == [(5, 1, "`tbd` left in")]
    assert [(f.line, f.column, f.message) for f in lint_text_with(Tbd, text, XMP202={"words": ["fixme"]})] == [(5, 10, "`fixme` left in")]
    assert [f.code for f in lint_text_with(Tbd, text, ignore=["XMP202"])] == []


def _fixture(folder: Path, text: str, name: str = "post.md") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_assert_fixture_passes_on_exact_markers_and_returns_the_findings(tmp_path: Path) -> None:
    path = _fixture(tmp_path, POST.replace("See [the", "<!-- expect: XMP201@+2:16, XMP201@+2:50 -->\n\nSee [the").replace(
        'title: "Hello there"', 'title: "Hello there"  # expect: XMP201:8'
    ))
    findings = assert_fixture(path, rules=[LongTitle])
    assert [f.line for f in findings] == [2, 11, 11]


def test_assert_fixture_counts_each_marker_and_checks_columns(tmp_path: Path) -> None:
    once = _fixture(tmp_path, POST.replace("See [the", "See [the <!-- expect: XMP201 -->").replace(
        'title: "Hello there"', 'title: "Hello there"  # expect: XMP201'
    ), "once.md")
    with pytest.raises(AssertionError, match=r"missing \{\}, unexpected \{\('XMP201', 9\): 1\}"):
        assert_fixture(once, rules=[LongTitle])  # two links on line 9 (and the title): one marker is too few
    column = _fixture(tmp_path, POST.replace("See [the", "See [the <!-- expect: XMP201:3, XMP201 -->").replace(
        'title: "Hello there"', 'title: "Hello there"  # expect: XMP201'
    ), "column.md")
    with pytest.raises(AssertionError, match="no XMP201 at line 9 column 3"):
        assert_fixture(column, rules=[LongTitle])


def test_a_companion_config_sets_options_and_expectations_and_keywords_override_it(tmp_path: Path) -> None:
    path = _fixture(tmp_path, "---\ntitle: Fine\n---\n\nText.\n")
    (tmp_path / "post.config.yaml").write_text("select: [FM005]\nFM005: {min: 10}\nexpect: [FM005@2]\n", encoding="utf-8")
    assert expected(path).counts == {("FM005", 2): 1}
    assert [f.message for f in assert_fixture(path)] == ["title is 4 characters, shorter than 10; search results show about 20-60 characters"]
    assert lint_fixture(path, FM005={"min": 2}) == []


# --- docs/writing-rules.md: uses only the public API, and its example works -----------------

DOC = Path(__file__).resolve().parents[1] / "docs" / "writing-rules.md"


def _python_blocks() -> list[str]:
    import re

    return re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)


def test_the_writing_rules_page_imports_only_the_public_api() -> None:
    imports = [line.strip() for block in _python_blocks() for line in block.splitlines() if "postlint" in line and "import" in line]
    assert imports and all(line.startswith(("from postlint import ", "from postlint.testing import ")) for line in imports), imports


def test_the_writing_rules_example_rule_and_tests_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import re
    import sys

    rule_code, test_code, _ = _python_blocks()
    (tmp_path / "mysite_rules.py").write_text(rule_code, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    sys.modules.pop("mysite_rules", None)
    fixture = re.search(r"```markdown\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)
    assert fixture is not None
    (tmp_path / "fixtures").mkdir()
    (tmp_path / "fixtures" / "pricing.md").write_text(fixture.group(1), encoding="utf-8")
    namespace: dict[str, object] = {"__file__": str(tmp_path / "test_rules.py"), "__name__": "doc_tests"}
    exec(compile(test_code, str(DOC), "exec"), namespace)
    for path in sorted((tmp_path / "fixtures").glob("*.md")):
        namespace["test_fixture"](path)  # type: ignore[operator]
    namespace["test_targets_option"]()  # type: ignore[operator]
    findings = assert_fixture(tmp_path / "fixtures" / "pricing.md", rules=[sys.modules["mysite_rules"].PlaceholderLink])
    assert [(f.code, f.line, f.column, f.fix.edits[0].content if f.fix else None) for f in findings] == [("XMP001", 5, 41, "our pricing page")]


# --- the group hook (docs/writing-rules.md, "Cross-post rules and their groups") --------------


def _slug_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The page's group rule as a local plugin module, and posts ending in one slug in four sections."""
    import sys

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.syspath_prepend(str(tmp_path))
    sys.modules.pop("slug_rules", None)
    (tmp_path / "slug_rules.py").write_text(_python_blocks()[2], encoding="utf-8")
    (tmp_path / ".postlint.yaml").write_text("plugins: [slug_rules]\nselect: [XMP301]\ncontent-dirs: ['.']\n", encoding="utf-8")
    for section in ("blog", "news", "press", "updates"):
        (tmp_path / section).mkdir()
        (tmp_path / section / "launch.md").write_text(f'---\ntitle: "{section} launch"\n---\n\nText.\n', encoding="utf-8")
    (tmp_path / "blog" / "other.md").write_text('---\ntitle: "Other"\n---\n\nText.\n', encoding="utf-8")


def test_a_plugin_rule_with_the_group_hook_has_its_groups_listed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from postlint.cli.main import main

    _slug_site(tmp_path, monkeypatch)
    assert main(["check", "--no-cache", "--show-groups", "-q"]) == 0  # info findings
    assert capsys.readouterr().out == (
        "blog/launch.md:1:1: XMP301 slug `launch` is also used by news/launch.md, press/launch.md and updates/launch.md [info]\n"
        "news/launch.md:1:1: XMP301 slug `launch` is also used by blog/launch.md, press/launch.md and updates/launch.md [info]\n"
        "press/launch.md:1:1: XMP301 slug `launch` is also used by blog/launch.md, news/launch.md and updates/launch.md [info]\n"
        "updates/launch.md:1:1: XMP301 slug `launch` is also used by blog/launch.md, news/launch.md and press/launch.md [info]\n"
        "\nDuplicate groups (1):\n"
        "XMP301 same-slug [info]: 4 posts share the slug `launch`\n"
        "  blog/launch.md:1\n  news/launch.md:1\n  press/launch.md:1\n  updates/launch.md:1\n"
    )
    assert main(["check", "--no-cache", "--show-groups", "--format", "json", "news/launch.md"]) == 0
    groups = json.loads(capsys.readouterr().out)["groups"]
    assert groups == [{
        "code": "XMP301", "name": "same-slug", "severity": "info", "shared": "slug", "value": "launch", "size": 4,
        "members": [
            {"path": f"{section}/launch.md", "line": 1, "in_run": section == "news", "reported": section == "news"}
            for section in ("blog", "news", "press", "updates")
        ],
    }]
    # a fifth post: the finding names three and counts the rest; SARIF relates the three
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "launch.md").write_text('---\ntitle: "Old launch"\n---\n\nText.\n', encoding="utf-8")
    assert main(["check", "--no-cache", "--show-groups", "--format", "sarif", "archive/launch.md"]) == 0
    result = json.loads(capsys.readouterr().out)["runs"][0]["results"][0]
    assert result["message"]["text"] == "slug `launch` is also used by [blog/launch.md](1), [news/launch.md](2), [press/launch.md](3) and 1 more"
    assert [r["physicalLocation"]["artifactLocation"]["uri"] for r in result["relatedLocations"]] == ["blog/launch.md", "news/launch.md", "press/launch.md"]


def test_the_group_hook_is_public_api() -> None:
    """What plugins may rely on: the names, the hook's members and the helpers' signatures."""
    import inspect

    import postlint
    from postlint import GroupMember, GroupRule, PostGroup, PostSummary, group_posts, others_of, others_text
    from postlint.rules.seo import DuplicateDescription, DuplicateSlug, DuplicateTitle, KeyphraseCannibalised, OrphanPost

    assert {"GroupRule", "PostGroup", "GroupMember", "group_posts", "others_of", "others_text", "PostSummary", "Site"} <= set(postlint.__all__)
    assert set(GroupRule.__annotations__) == {"code", "name", "shared"}
    assert list(inspect.signature(GroupRule.post_groups).parameters) == ["self", "site"]
    assert list(inspect.signature(GroupRule.value).parameters) == ["self", "summary", "key"]
    assert list(inspect.signature(GroupRule.quoted).parameters) == ["self", "value"]
    assert list(inspect.signature(group_posts).parameters) == ["summaries", "keys"]
    params = inspect.signature(others_of).parameters
    assert list(params) == ["group", "index", "named"] and params["named"].default == 3
    assert list(inspect.signature(others_text).parameters) == ["shown", "total"]
    assert [f for f in PostGroup.__dataclass_fields__] == ["key", "members"]
    assert [f for f in GroupMember.__dataclass_fields__] == ["summary", "line"]
    assert {"path", "display_path", "url_path", "slug", "title", "description", "title_line", "description_line", "slug_line", "in_run", "keyphrases", "is_post"} <= set(PostSummary.__dataclass_fields__)
    assert all(isinstance(rule(), GroupRule) for rule in (DuplicateTitle, DuplicateDescription, DuplicateSlug, KeyphraseCannibalised))
    assert not isinstance(OrphanPost(), GroupRule)
    assert others_text(["a.md"], 1) == "a.md" and others_text(["a.md", "b.md"], 2) == "a.md and b.md"
    assert others_text(["a.md", "b.md", "c.md"], 4999) == "a.md, b.md, c.md and 4996 more"
