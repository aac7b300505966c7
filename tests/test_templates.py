"""Template syntax (Liquid, Hugo shortcodes, Nunjucks, kramdown attribute lists, MDX) is opaque:
masked for the parse without moving a line or column, never prose, never edited by `--fix`."""

from __future__ import annotations

from pathlib import Path

import pytest

from postlint.cache.runner import run
from postlint.engine.linter import Linter
from postlint.fix.fixer import apply_fixes, fix_sources
from postlint.model.config import ConfigError, from_mapping
from postlint.model.findings import Edit, Fix
from postlint.parse.document import Post
from postlint.parse.templates import PLACEHOLDER, find_spans, mask, plain_target, shortcode

LIQUID = """---
title: "Links and images that Jekyll fills in for the post"
image: /media/hero.webp
---
Read [the page](http://example.com/{{ page.slug }}/?utm_source=feed) and https://plain.example.com/a too.

[Plain and insecure](http://plain.example.com/b) is fixed.

{{< figure src="/media/hero.webp" >}}

{% raw %}
Raw http://raw.example.com/c and {{ not.a.variable }}
{% endraw %}

{% highlight python %}
print("https://hl.example.com/d")
{% endhighlight %}

Write to {{ site.email }} or team@example.com today.
"""

MDX = """---
title: "Components and expressions in an MDX post"
---
import Chart from '../components/Chart'
export const meta = {
  source: 'http://meta.example.com/e',
}

<Chart data={[1, 2]} note="see http://attr.example.com/f" />

The total is {props.total} and the docs live at https://docs.example.com/g today.
"""


def _fix(path: Path, text: str, select: list[str]) -> str:
    config = from_mapping({"select": select}, root=path.parent)
    outcome = fix_sources([(path, path.name, text.encode("utf-8"))], Linter(config), unsafe=True)
    return outcome.changes[0].after.decode("utf-8") if outcome.changes else text


@pytest.mark.parametrize(("name", "text"), [("post.md", LIQUID), ("post.mdx", MDX)])
def test_fix_leaves_every_template_byte_as_it_was(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    spans = [span.text for span in Post.from_text(text, name).template_spans]
    assert spans, "the post must hold template syntax"
    fixed = _fix(path, text, ["LNK002", "LNK009", "LNK010", "IMG001"])
    assert fixed != text, "something outside the templates is fixed"
    after = [span.text for span in Post.from_text(fixed, name).template_spans]
    assert after == spans
    if name == "post.md":
        assert "[the page](http://example.com/{{ page.slug }}/?utm_source=feed)" in fixed  # a templated target is never fixed
        assert "<https://plain.example.com/a>" in fixed and "(https://plain.example.com/b)" in fixed and "<team@example.com>" in fixed
    else:
        assert "<https://docs.example.com/g>" in fixed


def test_apply_fixes_drops_an_edit_inside_a_protected_span() -> None:
    text = "ab {{ x }} cd\n"
    inside = Fix((Edit(1, 7, 1, 8, "y"),), "safe", "edit the template")
    around = Fix((Edit(1, 1, 1, 3, "AB"),), "safe", "edit the text")
    touching = Fix((Edit(1, 4, 1, 4, "<"),), "safe", "insert at the span's start")
    assert apply_fixes(text, [inside, around, touching], [(1, 4, 1, 11)]) == ("AB <{{ x }} cd\n", 2)
    assert apply_fixes(text, [inside]) == ("ab {{ y }} cd\n", 1)


def test_masking_keeps_lines_and_columns() -> None:
    body = 'A {{< figure src="a.png" >}} b\n{% raw %}\n# x\n{% endraw %}\n[l]({{ site.baseurl }}/p/)'
    spans = find_spans(body)
    masked = mask(body, spans)
    assert len(masked) == len(body) and masked.count("\n") == body.count("\n")
    assert [span.kind for span in spans] == ["shortcode", "code", "output"]
    assert masked.split("\n")[2] == PLACEHOLDER * 3


def test_a_post_without_template_openers_is_parsed_as_is() -> None:
    post = Post.from_text("# Plain\n\nNo braces, no tags <b>here</b>.\n", "plain.mdx")
    assert post.template_spans == [] and post.parse_lines is post.lines
    assert find_spans("text with < and import words", mdx=False) == []


def test_spans_carry_file_positions() -> None:
    post = Post.from_text("---\ntitle: x\n---\nSee {{ a }}\nand {% raw %}b\n{% endraw %} c\n")
    assert [(s.kind, s.line, s.column, s.end_line, s.end_column) for s in post.template_spans] == [
        ("output", 4, 5, 4, 12), ("code", 5, 5, 6, 13),
    ]


def test_prose_drops_template_text_and_text_views_keep_it() -> None:
    post = Post.from_text("Hello {{ page.name }}, welcome to {% if x %}the{% endif %} club.\n\n{{< notice >}}\n")
    (block,) = post.blocks
    assert block.prose == "Hello , welcome to the club."
    assert block.text == "Hello {{ page.name }}, welcome to {% if x %}the{% endif %} club."


def test_a_templated_reference_definition_does_not_break_the_next() -> None:
    post = Post.from_text('[a]: {{ site.baseurl }}/a/ "A"\n[b]: /b/\n\n[one][a] and [two][b]\n')
    assert [(link.url, link.kind) for link in post.links] == [("{{…}}/a/", "reference"), ("/b/", "reference")]


def test_inline_templated_targets_keep_their_text() -> None:
    post = Post.from_text('[r]({{< ref "posts/a.md" >}}) ![i]({{ site.baseurl }}/m/a.png)\n')
    assert [link.url for link in post.links] == ['{{< ref "posts/a.md" >}}']
    assert [image.src for image in post.images] == ["{{ site.baseurl }}/m/a.png"]


@pytest.mark.parametrize(("url", "path"), [
    ("{{ site.baseurl }}/about/", "/about/"),
    ("{{site.url}}{{site.baseurl}}/a.png", "/a.png"),
    ('{{ "/feed.xml" | relative_url }}', "/feed.xml"),
    ("{{ '/x/' | absolute_url }}#top", "/x/#top"),
    ("{{ page.url }}", None),
    ("{{ site.baseurl }}/{{ page.slug }}/", None),
    ('{{< ref "a.md" >}}', None),
])
def test_plain_target(url: str, path: str | None) -> None:
    assert plain_target(url) == path


def test_shortcode_arguments() -> None:
    (span,) = find_spans('{{< figure src="/a.png" alt=\'An "alt"\' width=300 >}}')
    code = shortcode(span)
    assert code is not None and code.name == "figure" and dict(code.named) == {"src": "/a.png", "alt": 'An "alt"', "width": "300"}
    (span,) = find_spans('{% image page.cover, "Alt text" %}')
    code = shortcode(span)
    assert code is not None and code.positional == (None, "Alt text")


@pytest.mark.parametrize(("value", "message"), [
    ([], "must be a mapping with the key `shortcodes`"),
    ({"shortcodes": {"pic": {"src": 0}}}, "`kind` must be image or link"),
    ({"shortcodes": {"pic": {"kind": "image", "alt": True}}}, "`alt` must be an argument position"),
    ({"shortcodes": {"pic": {"kind": "image", "size": 1}}}, "unknown key `size`"),
    ({"shortcodes": {"go": {"kind": "link", "alt": 1}}}, "a link shortcode has no `alt`"),
    ({"other": 1}, "must be a mapping with the key `shortcodes`"),
])
def test_bad_shortcode_config_is_one_line(value: object, message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace("[", r"\[")):
        from_mapping({"templates": value}, root=Path.cwd())


def test_mdx_posts_are_linted_and_linked_without_their_extension(tmp_path: Path) -> None:
    blog = tmp_path / "blog"
    blog.mkdir()
    (blog / "first.mdx").write_text("---\ntitle: One\n---\nimport X from './x'\n\nSee [the second](/blog/second/) and [none](/blog/none/).\n", encoding="utf-8")
    (blog / "second.mdx").write_text("---\ntitle: Two\n---\n<X>{props.a}</X>\n", encoding="utf-8")
    config = from_mapping({"select": ["LNK006"], "content-dirs": ["blog"], "site": {"content-root": "."}}, root=tmp_path)
    result = run([str(blog)], config, cwd=tmp_path)
    assert result.files == 2
    assert [(f.path, f.line, f.message) for f in result.findings] == [
        ("blog/first.mdx", 6, "internal link `/blog/none/` resolves to no post or file of the site"),
    ]


def test_link_shortcodes_are_checked_as_the_generator_builds_them(tmp_path: Path) -> None:
    posts = tmp_path / "content" / "posts"
    posts.mkdir(parents=True)
    (posts / "second.md").write_text("---\ntitle: Two\n---\n## Install\n", encoding="utf-8")
    (posts / "first.md").write_text(
        "---\ntitle: One\n---\n"
        '[a]({{< ref "posts/second.md" >}}) [b]({{< ref "second.md#install" >}}) [c]({{< ref "posts/none.md" >}})\n'
        '[d]({{< relref "second.md#nope" >}}) [e]({{< xref "/posts/second/" >}}) [f]({{< xref "/posts/none/" >}})\n'
        '[g]({{< ref "second" >}}) [h]({{< ref "none" >}}) [i]({% post_url 2020-01-01-x %})\n',
        encoding="utf-8",
    )
    raw = {"select": ["LNK006"], "templates": {"shortcodes": {"xref": {"kind": "link", "src": 0}}}}
    findings = run([str(tmp_path / "content")], from_mapping(raw, root=tmp_path), cwd=tmp_path).findings
    assert [(f.line, f.column, f.message) for f in findings] == [
        (4, 73, '`{{< ref "posts/none.md" >}}` names no page beside this post or under the content root'),
        (5, 1, '`#nope` names no heading of the page `{{< relref "second.md#nope" >}}` names'),
        (5, 73, '`{{< xref "/posts/none/" >}}` resolves to no post or file of the site'),
    ]
    with_index = run([str(tmp_path / "content")], from_mapping({**raw, "content-dirs": ["content"]}, root=tmp_path), cwd=tmp_path).findings
    assert [(f.line, f.column) for f in with_index] == [(4, 73), (5, 1), (5, 73), (6, 27)]  # a bare name: only with a full index


@pytest.mark.parametrize("mdx", [False, True])
def test_unclosed_openers_are_given_up_in_one_pass(mdx: bool) -> None:
    """200 000 openers with no closer: a scan that retried each up to its bound would take minutes."""
    for body in ("{{ " * 70_000, "{% " * 70_000, "{" * 200_000, "<A " * 70_000):
        assert find_spans(body, mdx) == []
    if mdx:  # an expression after an opener left unclosed for longer than the bound is still found
        assert [s.text for s in find_spans("{" + "x" * 5000 + " {a}", True)] == ["{a}"]


def test_code_bodies_pair_in_one_pass() -> None:
    """20 000 `raw` openers and one closer: each opener finds the closer without walking the rest."""
    spans = find_spans("{% raw %}" * 20_000 + "{% endraw %} after {{ x }}")
    assert [(s.kind, s.start) for s in spans] == [("code", 0), ("output", 20_000 * 9 + 19)]
    spans = find_spans('{{< highlight go >}}\n# x\n{{< /highlight >}} {% raw %}a{% endraw %} {% raw %}')
    assert [s.kind for s in spans] == ["code", "code", "tag"]


def test_a_paired_tag_or_shortcode_named_for_code_has_a_code_body() -> None:
    """sass-lang's `{% codeExample %}…{% endcodeExample %}` and hugoDocs' `{{< code-toggle >}}`
    show code: their bodies' `#` lines and URLs are not the page's headings and links."""
    body = "{% codeExample 'x' %}\n# not a heading\n{% endcodeExample %}\n\n{{< code-toggle >}}\nbaseURL = 'https://a.example/'\n{{< /code-toggle >}}\n\n{% note %}\n# a heading\n{% endnote %}\n"
    spans = find_spans(body)
    assert [(span.kind, body[span.start : span.end].split("\n", 1)[0]) for span in spans] == [
        ("code", "{% codeExample 'x' %}"), ("code", "{{< code-toggle >}}"), ("tag", "{% note %}"), ("tag", "{% endnote %}"),
    ]
