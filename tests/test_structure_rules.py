"""Exact positions, messages and fix edits of the image, link and heading rules."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from postlint.cache.runner import run
from postlint.engine.registry import build_registry
from postlint.model.config import from_mapping
from postlint.model.findings import Edit, Finding, Fix

TODAY = dt.date(2025, 6, 1)
FRONT = '---\ntitle: "Fixing links and images by the book"\nimage: /media/hero.webp\n---\n\n'


def lint_text(tmp_path: Path, text: str, select: list[str], *, bom: bool = False, crlf: bool = False, **config: object) -> list[Finding]:
    if crlf:
        text = text.replace("\n", "\r\n")
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    path = tmp_path / "post.md"
    path.write_bytes(data)
    cfg = from_mapping({"select": select, "profile": "marketing", **config}, root=tmp_path)  # the rules at their defaults
    return run([str(path)], cfg, cwd=tmp_path, today=TODAY).findings


def apply(text: str, edits: tuple[Edit, ...]) -> str:
    """Apply edits to LF text (1-based lines and character columns, end exclusive)."""
    lines = text.split("\n")
    for edit in sorted(edits, key=lambda e: (e.line, e.column), reverse=True):
        assert edit.line == edit.end_line
        row = lines[edit.line - 1]
        lines[edit.line - 1] = row[: edit.column - 1] + edit.content + row[edit.end_column - 1 :]
    return "\n".join(lines)


def only(findings: list[Finding], code: str) -> list[Finding]:
    return [f for f in findings if f.code == code]


@pytest.mark.parametrize("bom", [False, True])
@pytest.mark.parametrize("crlf", [False, True])
def test_lnk010_wraps_bare_urls_exactly(tmp_path: Path, bom: bool, crlf: bool) -> None:
    text = FRONT + "Café menu: https://example.com/menu, and www.example.org.\n"
    findings = lint_text(tmp_path, text, ["LNK010"], bom=bom, crlf=crlf)
    assert [(f.line, f.column, f.end_column, f.message) for f in findings] == [
        (6, 12, 36, "bare URL `https://example.com/menu`; make it a link with descriptive text"),
        (6, 42, 57, "bare URL `www.example.org`; make it a link with descriptive text"),
    ]
    assert findings[0].fix == Fix((Edit(6, 12, 6, 36, "<https://example.com/menu>"),), "safe", "make the URL an autolink")
    assert findings[1].fix is None  # `<www.example.org>` would not be a link
    assert apply(text, findings[0].fix.edits).splitlines()[5] == "Café menu: <https://example.com/menu>, and www.example.org."


def test_lnk009_strips_tracking_parameters_and_keeps_the_rest(tmp_path: Path) -> None:
    text = FRONT + (
        "See [the menu](https://example.com/menu?utm_source=news&page=2&utm_medium=mail#lunch \"Menu\").\n"
        "Also <https://example.com/a?fbclid=XYZ> and\n"
        "[split\nlink](https://example.com/b?gclid=1;x) and [ref][r].\n\n"
        "[r]: https://example.com/r?utm_campaign=spring\n"
    )
    findings = lint_text(tmp_path, text, ["LNK009"])
    got = [(f.line, f.column, f.message, f.fix.edits if f.fix else None) for f in findings]
    assert got == [
        (6, 5, "link carries tracking parameters: utm_source, utm_medium", (Edit(6, 16, 6, 85, "https://example.com/menu?page=2#lunch"),)),
        (7, 6, "link carries tracking parameters: fbclid", (Edit(7, 7, 7, 39, "https://example.com/a"),)),
        (8, 1, "link carries tracking parameters: gclid", (Edit(9, 7, 9, 38, "https://example.com/b"),)),
        (9, 44, "link carries tracking parameters: utm_campaign", None),  # reference definitions are left alone
    ]
    fixed = text
    for finding in findings:
        if finding.fix:
            fixed = apply(fixed, finding.fix.edits)
    assert "utm_source" not in fixed and "fbclid" not in fixed and "gclid" not in fixed
    assert "(https://example.com/menu?page=2#lunch \"Menu\")" in fixed


def test_lnk009_domain_policy_messages(tmp_path: Path) -> None:
    text = FRONT + "[a](https://ads.spam.example/x) [b](https://other.example/) [c](/local/)\n"
    findings = lint_text(tmp_path, text, ["LNK009"], LNK009={"deny-domains": ["spam.example"], "allow-domains": ["docs.example"]})
    assert [(f.column, f.message, f.fix) for f in findings] == [
        (1, "link to denied domain `ads.spam.example`", None),
        (33, "link to `other.example`, which is not in `allow-domains`", None),
    ]


def test_lnk002_rewrites_the_scheme_only(tmp_path: Path) -> None:
    text = FRONT + 'Old [site](http://example.com/a) and <a href="http://example.com/b">b</a> and http://localhost:8000/.\n'
    findings = lint_text(tmp_path, text, ["LNK002"], crlf=True)
    assert [(f.line, f.column, f.end_column, f.fix) for f in findings] == [
        (6, 5, 33, Fix((Edit(6, 12, 6, 32, "https://example.com/a"),), "unsafe", "use https://")),
        (6, 38, 74, Fix((Edit(6, 47, 6, 67, "https://example.com/b"),), "unsafe", "use https://")),
    ]


def test_img001_hero_alt_fix_uses_the_title(tmp_path: Path) -> None:
    text = FRONT + (
        "![](/media/hero.webp)\n\n"
        "Inline <img src=\"/media/hero.webp\"> and <img alt='' src=\"media/hero.webp\">.\n\n"
        "![](/media/other.webp)\n"
    )
    findings = only(lint_text(tmp_path, text, ["IMG001"], bom=True), "IMG001")
    got = [(f.line, f.column, f.end_column, f.message, f.fix.edits if f.fix else None) for f in findings]
    title = "Fixing links and images by the book"
    assert got == [
        (6, 1, 22, "image `/media/hero.webp` has empty alt text", (Edit(6, 3, 6, 3, title),)),
        (8, 8, 36, "image `/media/hero.webp` has no alt attribute", None),  # only the first hero image is fixed
        (10, 1, 23, "image `/media/other.webp` has empty alt text", None),
    ]
    assert all(f.fix is None or f.fix.applicability == "unsafe" for f in findings)
    assert apply(text, findings[0].fix.edits).splitlines()[5] == f"![{title}](/media/hero.webp)"


def test_img001_fix_for_html_hero(tmp_path: Path) -> None:
    text = '---\ntitle: Say "hi" & [wave]\nimage: /media/hero.webp\n---\n\n<p><img src="/media/hero.webp"></p>\n'
    (finding,) = lint_text(tmp_path, text, ["IMG001"])
    assert finding.fix == Fix((Edit(6, 8, 6, 8, ' alt="Say &quot;hi&quot; &amp; [wave]"'),), "unsafe", "use the post title as alt text")
    text = '---\ntitle: "[Brackets] in titles"\nimage: /media/hero.webp\n---\n\n![](/media/hero.webp)\n'
    (finding,) = lint_text(tmp_path, text, ["IMG001"])
    assert apply(text, finding.fix.edits).splitlines()[5] == r"![\[Brackets\] in titles](/media/hero.webp)"


def test_img005_names_where_it_looked(tmp_path: Path) -> None:
    (tmp_path / "static").mkdir()
    (tmp_path / "public").mkdir()
    text = FRONT + "![A missing diagram](/media/gone.webp) ![Beside the post](pics/gone.webp)\n"
    findings = lint_text(tmp_path, text, ["IMG005"])
    assert [(f.line, f.column, f.message) for f in findings] == [
        (3, 8, "image `/media/hero.webp` not found (looked for static/media/hero.webp, public/media/hero.webp, media/hero.webp)"),
        (6, 1, "image `/media/gone.webp` not found (looked for static/media/gone.webp, public/media/gone.webp, media/gone.webp)"),
        (6, 40, "image `pics/gone.webp` not found (looked for pics/gone.webp, static/pics/gone.webp, public/pics/gone.webp)"),
    ]
    findings = lint_text(tmp_path, text, ["IMG005"], site={"static-dirs": ["assets/img"]})
    assert findings[0].message == "image `/media/hero.webp` not found (looked for assets/img/media/hero.webp, media/hero.webp)"


def test_heading_messages(tmp_path: Path) -> None:
    text = FRONT + "# Title again\n\n### Skip\n\n##\n\n## Same\n\n## same\n"
    findings = lint_text(tmp_path, text, ["HD001", "HD002", "HD003", "HD004"])
    assert [(f.code, f.line, f.column, f.end_column, f.message) for f in findings] == [
        ("HD002", 6, 1, 14, "H1 in the body: the front-matter title is the page's H1; use H2 for sections"),
        ("HD001", 8, 1, 9, "H3 follows H1; expected H2 or higher"),
        ("HD003", 10, 1, 3, "empty H2 heading"),
        ("HD004", 14, 1, 8, "heading 'same' repeats the sibling heading on line 12"),
    ]


def test_inline_positions_count_characters_after_breaks(tmp_path: Path) -> None:
    text = FRONT + "Ünïcödé first line\n  then **bold** [a link](http://x.example/) and\n  ![](/i.webp) at last.\n"
    findings = lint_text(tmp_path, text, ["LNK002", "IMG001"])
    assert [(f.code, f.line, f.column) for f in findings] == [("LNK002", 7, 17), ("IMG001", 8, 3)]


def test_rule_options_are_validated(tmp_path: Path) -> None:
    from postlint.model.config import ConfigError

    with pytest.raises(ConfigError, match=r"option `mode` of IMG004 \(hero-alt-mismatch\) must be one of contains, equal, off, got 'loose'"):
        lint_text(tmp_path, FRONT, ["IMG"], IMG004={"mode": "loose"})


def test_fixable_flags_and_catalog() -> None:
    registry = build_registry()
    fixable = {r.code for r in registry if r.fixable and r.code[:2] in ("IM", "LN", "HD", "SE")}
    assert fixable == {"IMG001", "LNK001", "LNK002", "LNK009", "LNK010"}
    expected = {
        "IMG001": ("image-alt-missing", "error"), "IMG002": ("image-alt-quality", "warning"),
        "IMG003": ("hero-image-mismatch", "warning"), "IMG004": ("hero-alt-mismatch", "info"),
        "IMG005": ("image-file-missing", "error"), "IMG006": ("image-file-heavy", "info"),
        "HD001": ("heading-increment", "warning"), "HD002": ("h1-in-body", "warning"), "HD003": ("heading-empty", "error"),
        "HD004": ("heading-duplicate", "warning"), "HD005": ("heading-length", "info"),
        "HD006": ("section-too-long", "warning"), "HD007": ("subheadings-missing", "warning"),
        "LNK001": ("link-malformed", "error"), "LNK002": ("link-insecure", "warning"), "LNK003": ("link-text-poor", "warning"),
        "LNK004": ("outbound-link-missing", "info"), "LNK005": ("internal-link-missing", "info"),
        "LNK006": ("internal-link-broken", "error"), "LNK009": ("link-domain-policy", "warning"), "LNK010": ("bare-url", "warning"),
        "SEO004": ("duplicate-title", "warning"), "SEO005": ("duplicate-description", "warning"), "SEO006": ("duplicate-slug", "error"),
    }
    for code, (name, severity) in expected.items():
        rule = registry.get(code)
        assert rule is not None and rule.implemented, code
        assert (rule.name, str(rule.severity)) == (name, severity)
        assert "**" in rule.documentation() or "Options" in rule.documentation() or len(rule.documentation()) > 80
    assert [r.scope for r in (registry.get("SEO004"), registry.get("SEO005"), registry.get("SEO006"))] == ["site"] * 3


def test_img005_does_not_judge_root_paths_without_a_static_dir(tmp_path: Path) -> None:
    """Where `/media/…` is served from is unknown: unverified, not an error; a relative path is still looked for."""
    assert lint_text(tmp_path, FRONT, ["IMG005"]) == []
    (finding,) = lint_text(tmp_path, FRONT.replace("image: /media/", "image: media/"), ["IMG005"])
    assert finding.message.startswith("image `media/hero.webp` not found (looked for ")
    (tmp_path / "static").mkdir()
    (finding,) = lint_text(tmp_path, FRONT, ["IMG005"])
    assert finding.message == "image `/media/hero.webp` not found (looked for static/media/hero.webp, media/hero.webp)"


@pytest.mark.parametrize("code", ["IMG001", "LNK002", "LNK009", "LNK010"])
def test_fixes_round_trip_on_fixtures(code: str) -> None:
    """Applying a rule's fixes to every fixture leaves nothing for that rule to fix, and changes only the spans."""
    from harness import FIXTURES, lint_fixture

    from postlint.engine.linter import Linter
    from postlint.parse.document import Post

    fixed_any = 0
    for path in sorted((FIXTURES / code.rstrip("0123456789")).glob("*.md")):
        findings = [f for f in lint_fixture(path) if f.code == code and f.fix]
        if not findings:
            continue
        post = Post.from_path(path)
        text = "\n".join(post.lines) + "\n"
        edits = tuple(e for f in findings for e in f.fix.edits)
        fixed = apply(text, edits)
        assert fixed != text
        fixed_any += len(findings)
        again = Post.from_text(fixed, str(path))
        linter = Linter(from_mapping({"select": [code]}, root=path.parent), today=TODAY)
        linter.ctx.run_posts = [again]
        assert [f for f in linter.lint_post(again) if f.fix] == [], path.name
    assert fixed_any > 0


@pytest.mark.parametrize(
    "url",
    [
        "https://Example.COM/a?b#c", "http://a-b.example", "ftp://files.example/x", "https://x.y?q=1", "HTTP://A.B#f",
        "http://a.b:99999/x", "http://user@host.example/", "http://[::1]/", "https:///x", "http://a_b.example/", "https://ex ample.com",
    ],
)
def test_host_and_problem_fast_paths_agree_with_urlsplit(url: str) -> None:
    from urllib.parse import urlsplit

    from postlint.rules.links import _PLAIN_HOST, _problem, host_of

    try:
        parts = urlsplit(url.strip())
        expected_host = (parts.hostname or "").lower()
        parts.port  # noqa: B018
        valid = True
    except ValueError:
        expected_host, valid = "", False
    assert host_of(url) == expected_host or not valid
    if _PLAIN_HOST.match(url):  # the fast path only takes URLs urlsplit accepts, with the same host
        assert valid and host_of(url) == expected_host
    problem = _problem(url, frozenset({"http", "https", "ftp"}))
    assert (problem is None) == (valid and bool(expected_host) and " " not in url)
