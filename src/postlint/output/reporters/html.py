"""`html`: a site health report, one self-contained HTML file (see docs/site-report.md).

Inline CSS and inline SVG charts; no script, no font, no image or style from
anywhere else (a `Content-Security-Policy` meta tag forbids them), so the file
opens offline and from a CI artifact. Sections: totals by severity and by rule;
histograms of reading ease, grade level and words per post; the worst posts with
their findings; the internal-link graph (orphans, most-linked posts, posts with no
outbound internal link); each duplicate group once with all its posts
(`output/groups.py`); a table of every post; and per post with findings, each
finding at its line with a link to its rule's page (`docs/rules/<CODE>.md`, as
SARIF's `helpUri`). Per-post numbers come from the run's `PostFacts` (no second
parse); the link graph from `linkgraph`. Every piece of text from the site (paths,
titles, messages) is HTML-escaped after its control characters are escaped.
Sizes are bounded: lists of posts show `LIST_LIMIT` entries and a count; a
duplicate group lists all its posts, but once (each post is in a group of a rule once).
"""

from __future__ import annotations

import html
from collections import Counter
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

from ...model.findings import Finding, Severity
from ...model.project import rule_doc_url
from ...model.textsafe import escape_controls
from ...model.version import __version__
from . import Report

if TYPE_CHECKING:  # pragma: no cover
    from ...site.linkgraph import LinkGraph
    from ...site.postfacts import PostFacts

#: posts named in a list (orphans, no outbound links, worst posts); the rest are counted
LIST_LIMIT = 50
#: findings shown for each of the worst posts (all of them are in its own section)
WORST_FINDINGS = 8
WORST_POSTS = 20
MOST_LINKED = 15
EASE_BINS = [(None, 0), (0, 10), (10, 20), (20, 30), (30, 40), (40, 50), (50, 60), (60, 70), (70, 80), (80, 90), (90, None)]
GRADE_BINS = [(None, 2), (2, 4), (4, 6), (6, 8), (8, 10), (10, 12), (12, 14), (14, 16), (16, 18), (18, None)]
WORD_BINS = [(0, 100), (100, 300), (300, 600), (600, 1000), (1000, 1500), (1500, 2500), (2500, None)]
_COLORS = {Severity.ERROR: "#c62828", Severity.WARNING: "#ef8f00", Severity.INFO: "#1e6fd9"}

CSS = """
:root{--fg:#1d232b;--muted:#5b6572;--line:#d9dee4;--bg:#f6f7f9;--card:#fff}
*{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header{background:#17324d;color:#fff;padding:18px 28px}header h1{margin:0;font-size:22px}header p{margin:4px 0 0;color:#c9d6e3}
main{max-width:1180px;margin:0 auto;padding:20px 28px 60px}
h2{font-size:18px;margin:28px 0 10px}h3{font-size:15px;margin:14px 0 6px}
.cards{display:flex;flex-wrap:wrap;gap:12px}.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 16px;min-width:140px}
.card b{display:block;font-size:26px}.card span{color:var(--muted)}
.error b{color:#c62828}.warning b{color:#ef8f00}.info b{color:#1e6fd9}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(330px,1fr));gap:14px}
.panel{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 14px;overflow:auto}
table{border-collapse:collapse;width:100%;font-size:14px}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{background:#eef1f4;font-weight:600}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.sev{display:inline-block;border-radius:4px;padding:0 6px;color:#fff;font-size:12px}
.sev.error{background:#c62828}.sev.warning{background:#ef8f00}.sev.info{background:#1e6fd9}
svg.chart{width:100%;height:auto;display:block}svg.chart text{font:11px system-ui,sans-serif;fill:#333}
.muted{color:var(--muted)}code{font-size:13px}a{color:#0b5cad}
details{background:var(--card);border:1px solid var(--line);border-radius:6px;margin:6px 0;padding:4px 10px}
summary{cursor:pointer}ul.compact{margin:4px 0;padding-left:18px}
"""


def esc(text: object) -> str:
    """Text from the site, safe inside HTML text and attribute values."""
    return html.escape(escape_controls(str(text)), quote=True)


def render(report: Report) -> str:
    return "".join(render_chunks(report))


def render_chunks(report: Report) -> Iterator[str]:
    findings = list(report.findings)
    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        by_path.setdefault(finding.path, []).append(finding)
    facts, links = _post_facts(report)
    graph = _graph(report)
    posts = list(dict.fromkeys([*report.paths, *by_path]))
    yield _head(report, findings, len(posts))
    yield _totals(findings, report)
    yield _distributions(facts, posts)
    yield _worst(by_path)
    yield _link_graph(report, graph, links)
    yield from _groups(report, set(posts))
    yield _posts_table(posts, by_path, facts, links)
    yield from _post_sections(posts, by_path)
    yield "</main>\n</body>\n</html>\n"


# --- data ---------------------------------------------------------------------------------


def _post_facts(report: Report) -> tuple[dict[str, "PostFacts"], dict[str, tuple[int, int]]]:
    """Display path -> the post's facts, and -> (inbound, outbound) internal links to posts."""
    site = report.site
    if site is None:
        return {}, {}
    from ...site.linkgraph import graph_of

    graph = graph_of(site)
    facts: dict[str, "PostFacts"] = {}
    links: dict[str, tuple[int, int]] = {}
    for summary in site.posts:
        if summary.in_run:
            facts[summary.display_path] = site.facts_for(summary)
            links[summary.display_path] = (graph.inbound_count(summary.path), graph.outbound_count(summary.path))
    return facts, links


def _graph(report: Report) -> "LinkGraph | None":
    if report.site is None:
        return None
    from ...site.linkgraph import graph_of

    return graph_of(report.site)


# --- sections -----------------------------------------------------------------------------


def _head(report: Report, findings: list[Finding], posts: int) -> str:
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>postlint site report: {posts} posts, {len(findings)} findings</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"<header><h1>Site health report</h1><p>postlint {esc(__version__)} · {posts} posts linted · {len(findings)} findings</p></header>\n<main>\n"
    )


def _totals(findings: list[Finding], report: Report) -> str:
    severities = Counter(f.severity for f in findings)
    cards = [f'<div class="card"><b>{report.files}</b><span>files</span></div>']
    for level in (Severity.ERROR, Severity.WARNING, Severity.INFO):
        cards.append(f'<div class="card {level}"><b>{severities.get(level, 0)}</b><span>{level}s</span></div>')
    rules = Counter((f.code, f.name) for f in findings)
    worst_level: dict[str, Severity] = {}
    for f in findings:
        worst_level[f.code] = max(worst_level.get(f.code, f.severity), f.severity)
    rows = [
        f'<tr><td><a href="{esc(rule_doc_url(code))}"><code>{esc(code)}</code></a></td><td>{esc(name)}</td>'
        f'<td><span class="sev {worst_level[code]}">{worst_level[code]}</span></td><td class="n">{count}</td></tr>'
        for (code, name), count in sorted(rules.items(), key=lambda item: (-item[1], item[0]))
    ]
    chart = _bar_chart(
        [(code, count, _COLORS[worst_level[code]]) for (code, _name), count in sorted(rules.items(), key=lambda item: (-item[1], item[0]))[:25]],
        "Findings by rule (top 25)",
    )
    table = (
        '<table id="rules-table"><thead><tr><th>Rule</th><th>Name</th><th>Severity</th><th class="n">Findings</th></tr></thead><tbody>'
        + "".join(rows) + "</tbody></table>" if rows else '<p class="muted">No findings.</p>'
    )
    return (
        '<section id="totals"><h2>Totals</h2><div class="cards">' + "".join(cards) + "</div>"
        '<div class="grid" style="margin-top:14px"><div class="panel">' + table + '</div><div class="panel">' + chart + "</div></div></section>\n"
    )


def _bins(values: Iterable[float], bins: Sequence[tuple[float | None, float | None]]) -> list[tuple[str, int]]:
    counts = [0] * len(bins)
    for value in values:
        for i, (low, high) in enumerate(bins):
            if (low is None or value >= low) and (high is None or value < high):
                counts[i] += 1
                break
    labels = [f"<{_short(high)}" if low is None else f"{_short(low)}+" if high is None else _short(low) for low, high in bins]
    return list(zip(labels, counts))


def _short(value: float | None) -> str:
    """A bin's bound as an axis label: `1.5k` for 1500."""
    assert value is not None
    return f"{value / 1000:g}k" if value >= 1000 else f"{value:g}"


def _distributions(facts: dict[str, "PostFacts"], posts: list[str]) -> str:
    known = [facts[p] for p in posts if p in facts]
    ease = [f.reading_ease for f in known if f.reading_ease is not None]
    grade = [f.grade for f in known if f.grade is not None]
    words = [f.words for f in known if f.words is not None]
    panels = [
        ("Reading ease (Flesch; higher is easier)", _bins(ease, EASE_BINS), "#2e7d32", "ease-chart"),
        ("Grade level (Flesch–Kincaid)", _bins(grade, GRADE_BINS), "#6a4fb3", "grade-chart"),
        ("Words per post", _bins(words, WORD_BINS), "#00796b", "words-chart"),
    ]
    body = "".join(
        f'<div class="panel">{_histogram(bins, title, color, ident)}<p class="muted">{_median_text(values)}</p></div>'
        for (title, bins, color, ident), values in zip(panels, (ease, grade, words))
    )
    return f'<section id="readability"><h2>Readability and length</h2><div class="grid">{body}</div></section>\n'


def _median_text(values: Sequence[float]) -> str:
    if not values:
        return "No posts with readable prose."
    ordered = sorted(values)
    middle = ordered[len(ordered) // 2] if len(ordered) % 2 else (ordered[len(ordered) // 2 - 1] + ordered[len(ordered) // 2]) / 2
    return f"{len(values)} posts · median {middle:.1f}"


def _worst(by_path: dict[str, list[Finding]]) -> str:
    ranked = sorted(by_path.items(), key=lambda item: (-_weight(item[1]), item[0]))[:WORST_POSTS]
    if not ranked:
        return '<section id="worst"><h2>Worst posts</h2><p class="muted">No findings.</p></section>\n'
    rows = []
    for path, found in ranked:
        items = "".join(f"<li>{_finding_text(f)}</li>" for f in found[:WORST_FINDINGS])
        more = f'<li class="muted">and {len(found) - WORST_FINDINGS} more</li>' if len(found) > WORST_FINDINGS else ""
        rows.append(
            f'<tr><td><a href="#{_anchor(path)}">{esc(path)}</a></td>{_level_cells(found)}'
            f'<td><ul class="compact">{items}{more}</ul></td></tr>'
        )
    return (
        '<section id="worst"><h2>Worst posts</h2><div class="panel"><table id="worst-table"><thead><tr><th>Post</th>'
        '<th class="n">Errors</th><th class="n">Warnings</th><th class="n">Infos</th><th>Findings</th></tr></thead><tbody>'
        + "".join(rows) + "</tbody></table></div></section>\n"
    )


def _weight(found: list[Finding]) -> int:
    return sum(100 if f.severity == Severity.ERROR else 10 if f.severity == Severity.WARNING else 1 for f in found)


def _level_cells(found: list[Finding]) -> str:
    counts = Counter(f.severity for f in found)
    return "".join(f'<td class="n">{counts.get(level, 0)}</td>' for level in (Severity.ERROR, Severity.WARNING, Severity.INFO))


def _finding_text(f: Finding) -> str:
    return (
        f'<span class="sev {f.severity}">{f.severity}</span> line {f.line}: '
        f'<a href="{esc(rule_doc_url(f.code))}"><code>{esc(f.code)}</code></a> {esc(f.message)}'
    )


def _link_graph(report: Report, graph: "LinkGraph | None", links: dict[str, tuple[int, int]]) -> str:
    if graph is None or report.site is None:
        return '<section id="links"><h2>Internal links</h2><p class="muted">No site index for this run.</p></section>\n'
    site = report.site
    posts = [s for s in site.posts if s.is_post]
    orphans = sorted(s.display_path for s in posts if s.in_run and not graph.inbound_count(s.path)) if graph.understood else []
    # no internal link written at all (a link the index cannot resolve still leads somewhere)
    no_outbound = sorted(s.display_path for s in posts if s.in_run and not site.facts_for(s).links)
    most = sorted(((graph.inbound_count(s.path), s.display_path, s.title or "") for s in posts if graph.inbound_count(s.path)), key=lambda t: (-t[0], t[1]))[:MOST_LINKED]
    total_links = sum(len(v) for v in graph.outbound.values())
    cards = (
        f'<div class="cards"><div class="card"><b>{len(posts)}</b><span>indexed posts</span></div>'
        f'<div class="card"><b>{total_links}</b><span>post-to-post links</span></div>'
        f'<div class="card"><b>{len(orphans) if graph.understood else "–"}</b><span>orphans (of the run)</span></div>'
        f'<div class="card"><b>{graph.unresolved}</b><span>links landing nowhere</span></div>'
        f'<div class="card"><b>{len(no_outbound)}</b><span>without outbound links</span></div></div>'
    )
    most_rows = "".join(f'<tr><td class="n">{count}</td><td title="{esc(title)}">{esc(path)}</td></tr>' for count, path, title in most)
    most_table = (
        '<table id="most-linked"><thead><tr><th class="n">Linked from</th><th>Post</th></tr></thead><tbody>' + most_rows + "</tbody></table>"
        if most_rows else '<p class="muted">No post links to another.</p>'
    )
    unknown = (
        "" if graph.understood else
        '<p><b>More internal links land nowhere than on a post:</b> postlint does not know how this site builds its URLs '
        "(set the generator or <code>site.permalink</code>), so no post is called an orphan; LNK006 lists those links.</p>"
    )
    note = unknown + (
        '<p class="muted">Orphans: no other post links to them (links from generated tag, category and archive pages do not count; '
        "see SEO008). Most-linked counts every indexed post, also those outside this run.</p>"
    )
    return (
        f'<section id="links"><h2>Internal links</h2>{cards}{note}<div class="grid">'
        f'<div class="panel"><h3>Orphan posts</h3>{_post_list(orphans, "orphans")}</div>'
        f'<div class="panel"><h3>Most-linked posts</h3>{most_table}</div>'
        f'<div class="panel"><h3>No outbound internal links</h3>{_post_list(no_outbound, "no-outbound")}</div>'
        "</div></section>\n"
    )


def _groups(report: Report, posts: set[str]) -> Iterator[str]:
    """Each duplicate group once, whole (a finding names only the first others): one collapsible
    list of its posts per group, a post of the run linked to its row."""
    from ..groups import headline, member_note, report_groups

    groups = report_groups(report)
    yield (
        '<section id="groups"><h2>Duplicate groups</h2><p class="muted">Posts that share a title (SEO004), a description (SEO005), '
        "a URL path (SEO006) or a focus keyphrase (SEO009), each group once with all its posts "
        "(a finding names the first three others).</p>\n"
    )
    if not groups:
        yield '<p class="muted" id="no-groups">No duplicate groups.</p></section>\n'
        return
    for group in groups:
        items = []
        for member in group.members:
            note = member_note(member)
            name = f'<a href="#{_anchor(member.path)}">{esc(member.path)}</a>' if member.path in posts else esc(member.path)
            after = f' <span class="muted">({note})</span>' if note else ""
            items.append(f"<li>{name}:{member.line}{after}</li>")
        yield (
            f'<details class="group"><summary><a href="{esc(rule_doc_url(group.code))}"><code>{esc(group.code)}</code></a> '
            f'<span class="sev {group.severity}">{group.severity}</span> {esc(headline(group))}</summary>'
            f'<ul class="compact">{"".join(items)}</ul></details>\n'
        )
    yield "</section>\n"


def _post_list(paths: list[str], ident: str) -> str:
    if not paths:
        return f'<p class="muted" id="{ident}">None.</p>'
    items = "".join(f'<li><a href="#{_anchor(p)}">{esc(p)}</a></li>' for p in paths[:LIST_LIMIT])
    more = f'<li class="muted">and {len(paths) - LIST_LIMIT} more</li>' if len(paths) > LIST_LIMIT else ""
    return f'<ul class="compact" id="{ident}">{items}{more}</ul>'


def _posts_table(posts: list[str], by_path: dict[str, list[Finding]], facts: dict[str, "PostFacts"], links: dict[str, tuple[int, int]]) -> str:
    rows = []
    for path in posts:
        fact = facts.get(path)
        inbound, outbound = links.get(path, (None, None))
        cells = [
            fact.words if fact and fact.words is not None else None,
            f"{fact.reading_ease:.1f}" if fact and fact.reading_ease is not None else None,
            f"{fact.grade:.1f}" if fact and fact.grade is not None else None,
            inbound, outbound,
        ]
        numbers = "".join(f'<td class="n">{"–" if v is None else esc(v)}</td>' for v in cells)
        rows.append(f'<tr id="{_anchor(path)}"><td>{esc(path)}</td>{numbers}{_level_cells(by_path.get(path, []))}</tr>')
    return (
        '<section id="posts"><h2>Every post</h2><div class="panel"><table id="posts-table"><thead><tr><th>Post</th>'
        '<th class="n">Words</th><th class="n">Ease</th><th class="n">Grade</th><th class="n">Linked from</th><th class="n">Links to</th>'
        '<th class="n">Errors</th><th class="n">Warnings</th><th class="n">Infos</th></tr></thead><tbody>'
        + "".join(rows) + "</tbody></table></div></section>\n"
    )


def _post_sections(posts: list[str], by_path: dict[str, list[Finding]]) -> Iterator[str]:
    yield '<section id="findings"><h2>Findings by post</h2>\n'
    for path in posts:
        found = by_path.get(path)
        if not found:
            continue
        rows = "".join(
            f'<tr><td class="n">{f.line}:{f.column}</td><td><span class="sev {f.severity}">{f.severity}</span></td>'
            f'<td><a href="{esc(rule_doc_url(f.code))}"><code>{esc(f.code)}</code></a> {esc(f.name)}</td><td>{esc(f.message)}</td></tr>'
            for f in found
        )
        yield (
            f'<details class="post"><summary>{esc(path)} <span class="muted">({len(found)} finding{"s" if len(found) != 1 else ""})</span></summary>'
            f'<table><thead><tr><th class="n">Line</th><th>Severity</th><th>Rule</th><th>Message</th></tr></thead><tbody>{rows}</tbody></table></details>\n'
        )
    yield "</section>\n"


def _anchor(path: str) -> str:
    """An id for a post's row: its path with anything but letters, digits, `-_.` as `_xx`."""
    return "p-" + "".join(c if c.isascii() and (c.isalnum() or c in "-_.") else f"_{ord(c):x}" for c in path)


# --- charts: inline SVG ---------------------------------------------------------------------


def _histogram(bins: list[tuple[str, int]], title: str, color: str, ident: str) -> str:
    width, height, left, bottom, top = 340, 190, 10, 28, 36
    peak = max((count for _, count in bins), default=0) or 1
    step = (width - left - 6) / max(len(bins), 1)
    bars = []
    for i, (label, count) in enumerate(bins):
        h = (height - top - bottom) * count / peak
        x = left + i * step
        y = height - bottom - h
        bars.append(
            f'<rect x="{x + 2:.1f}" y="{y:.1f}" width="{step - 4:.1f}" height="{h:.1f}" fill="{color}"><title>{esc(label)}: {count}</title></rect>'
            f'<text x="{x + 1:.1f}" y="{height - bottom + 13}">{esc(label)}</text>'
            + (f'<text x="{x + step / 2:.1f}" y="{y - 3:.1f}" text-anchor="middle">{count}</text>' if count else "")
        )
    return (
        f'<svg class="chart" id="{ident}" viewBox="0 0 {width} {height}" role="img" aria-label="{esc(title)}" xmlns="http://www.w3.org/2000/svg">'
        f'<text x="4" y="14" style="font-weight:600">{esc(title)}</text>'
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - 4}" y2="{height - bottom}" stroke="#999"/>'
        + "".join(bars) + "</svg>"
    )


def _bar_chart(rows: list[tuple[str, int, str]], title: str) -> str:
    if not rows:
        return '<p class="muted">No findings to chart.</p>'
    width, row_h, left, top = 340, 16, 70, 22
    height = top + row_h * len(rows) + 6
    peak = max(count for _, count, _ in rows) or 1
    bars = []
    for i, (label, count, color) in enumerate(rows):
        y = top + i * row_h
        w = (width - left - 50) * count / peak
        bars.append(
            f'<text x="{left - 6}" y="{y + 11}" text-anchor="end">{esc(label)}</text>'
            f'<rect x="{left}" y="{y + 2}" width="{w:.1f}" height="{row_h - 4}" fill="{color}"><title>{esc(label)}: {count}</title></rect>'
            f'<text x="{left + w + 4:.1f}" y="{y + 11}">{count}</text>'
        )
    return (
        f'<svg class="chart" id="rules-chart" viewBox="0 0 {width} {height}" role="img" aria-label="{esc(title)}" xmlns="http://www.w3.org/2000/svg">'
        f'<text x="4" y="14" style="font-weight:600">{esc(title)}</text>' + "".join(bars) + "</svg>"
    )
