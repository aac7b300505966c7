"""`--format html`: the site health report, its escaping, and (in headless Chromium) what a reader sees."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from postlint.cli.main import cli

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]


def _site(root: Path) -> Path:
    posts = root / "content" / "posts"
    posts.mkdir(parents=True)
    (root / ".postlint.yaml").write_text("content-dirs: [content]\n", encoding="utf-8")
    prose = "The kettle sings while the beans rest. We weigh them, grind them and pour slowly. " * 20
    (posts / "a.md").write_text(f'---\ntitle: "Beans & <kettles>"\ndate: 2024-01-02\ndescription: "The <theme> default."\n---\n\n{prose}\n\n[the b post](/posts/b/)\n', encoding="utf-8")
    (posts / "b.md").write_text(f'---\ntitle: "Second"\ndate: 2024-01-03\ndescription: "The <theme>  default."\n---\n\n{prose}\n', encoding="utf-8")
    (posts / "evil<script>alert(1)<\x7f.md").write_text('---\ntitle: "x"\n---\n\n[click](javascript:alert("\x1b[31m"))\n', encoding="utf-8")
    return root


def _report(root: Path, monkeypatch: pytest.MonkeyPatch, *extra: str) -> tuple[int, str]:
    monkeypatch.chdir(root)
    result = CliRunner().invoke(cli, ["check", "--format", "html", "--no-cache", "-o", "report.html", *extra])
    return result.exit_code, (root / "report.html").read_text(encoding="utf-8")


def test_the_report_holds_every_section_and_escapes_the_site_s_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, page = _report(_site(tmp_path), monkeypatch)
    assert code == 1
    for ident in ("totals", "readability", "worst", "links", "groups", "posts", "findings", "rules-table", "rules-chart", "ease-chart", "grade-chart", "words-chart", "posts-table", "orphans", "no-outbound"):
        assert f'id="{ident}"' in page, ident
    assert "<script" not in page and "\x1b" not in page and "\x7f" not in page
    assert "evil&lt;script&gt;alert(1)&lt;\\x7f.md" in page  # the file name, escaped twice over
    links = re.sub(r'href="https://[^"]+/docs/rules/[A-Z]+[0-9]+\.md"|xmlns="http://www.w3.org/2000/svg"', "", page)
    assert "http:" not in links and "https:" not in links  # nothing but rule pages and the SVG namespace
    # the rule's page, as SARIF's helpUri
    from postlint.model.project import rule_doc_url

    assert f'href="{rule_doc_url("SEO008")}"' in page
    # the link graph: a links to b; a and the evil post are orphans, b and the evil post link nowhere
    orphans = re.search(r'<ul class="compact" id="orphans">(.*?)</ul>', page).group(1)  # type: ignore[union-attr]
    assert "content/posts/a.md" in orphans and "content/posts/b.md" not in orphans
    row = re.search(r'<tr id="p-content_2fposts_2fa.md">(.*?)</tr>', page).group(1)  # type: ignore[union-attr]
    cells = re.findall(r'<td class="n">([^<]*)</td>', row)
    assert cells[0] == "303" and cells[3:5] == ["0", "1"]  # words (the link text too, as SEO001 counts); linked from none, links to one
    # the shared description: one group, both posts, each linked to its row
    groups = re.findall(r'<details class="group">(.*?)</details>', page)
    assert groups == [
        f'<summary><a href="{rule_doc_url("SEO005")}"><code>SEO005</code></a> <span class="sev warning">warning</span> '
        "2 posts share the description “The &lt;theme&gt; default.”</summary><ul class=\"compact\">"
        '<li><a href="#p-content_2fposts_2fa.md">content/posts/a.md</a>:4</li>'
        '<li><a href="#p-content_2fposts_2fb.md">content/posts/b.md</a>:4</li></ul>'
    ]


def test_a_warm_run_reports_the_same_numbers_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _site(tmp_path)
    monkeypatch.chdir(root)
    pages = []
    for _ in range(2):
        CliRunner().invoke(cli, ["check", "--format", "html", "-o", "report.html", "-j", "1"])
        pages.append((root / "report.html").read_text(encoding="utf-8"))
    assert pages[0] == pages[1]
    assert '<tr id="p-content_2fposts_2fa.md"><td>content/posts/a.md</td><td class="n">303</td>' in pages[1]


def _browser():
    """Playwright driving Debian's chromium, or a skip naming what is missing."""
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"no browser: {CHROMIUM} is missing (.ci/run installs Debian's chromium with apt-get where it can)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install -e '.[test]')")
    return sync_playwright


@pytest.mark.parametrize("where", ["examples", "generated"])
def test_the_report_renders_in_headless_chromium(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    sync_playwright = _browser()
    if where == "examples":
        monkeypatch.chdir(ROOT)
        out = tmp_path / "report.html"
        CliRunner().invoke(cli, ["check", "examples", "--format", "html", "--no-cache", "-o", str(out)])
    else:
        _report(_site(tmp_path), monkeypatch)
        out = tmp_path / "report.html"
    errors: list[str] = []
    requests: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        try:
            page = browser.new_page()
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("request", lambda r: requests.append(r.url))
            page.goto(out.as_uri())
            assert page.locator("svg.chart").count() == 4
            for chart in ("#rules-chart", "#ease-chart", "#grade-chart", "#words-chart"):
                box = page.locator(chart).bounding_box()
                assert box is not None and box["width"] > 200 and box["height"] > 50, chart
            assert page.locator("#ease-chart rect").count() == 11 and page.locator("#grade-chart rect").count() == 10
            assert page.locator("#rules-table tbody tr").count() > 1
            assert page.locator("#posts-table tbody tr").count() == (5 if where == "examples" else 3)
            assert page.locator("#worst-table tbody tr").count() >= 1
            assert page.locator("details.post").count() >= 1
            assert page.locator("#groups details.group").count() == (0 if where == "examples" else 1)
            if where == "generated":
                page.locator("#groups details.group summary").click()
                assert page.locator("#groups details.group li").all_inner_texts() == ["content/posts/a.md:4", "content/posts/b.md:4"]
            assert page.title().startswith("postlint site report")
        finally:
            browser.close()
    assert errors == []
    assert requests == [out.as_uri()]  # the file itself; nothing else is fetched
