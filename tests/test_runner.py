"""Whole runs: the results cache and parallel workers give exactly the findings of a plain run."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from postlint.cache.results import CACHE_FORMAT, unpack_folder
from postlint.cache.runner import run
from postlint.cli.main import main
from postlint.model.config import from_mapping
from postlint.parse.document import markdown_parser

TODAY = dt.date(2025, 6, 1)


def post(title: str, body: str, extra: str = "") -> str:
    return f'---\ntitle: "{title}"\ndate: 2024-05-01\n{extra}---\n{body}\n'


@pytest.fixture()
def site(tmp_path: Path) -> Path:
    content = tmp_path / "content" / "posts"
    content.mkdir(parents=True)
    for i in range(40):
        title = "A shared title for duplicates" if i % 10 == 0 else f"Post number {i} about brewing coffee"
        body = f"## Section {i}\n\nSome words here. See [the next post](/posts/post-{i + 1}/#section-{i + 1}).\n\nhttp://insecure.example/{i}\n"
        (content / f"post-{i}.md").write_text(post(title, body), encoding="utf-8")
    return tmp_path


def cache_rows(folder: Path) -> dict[str, dict[object, object]]:
    """The rows of the results database by kind: {"stats": {path: value}, "summaries": …, "findings": …, "lines": …, "facts": …, "walks": …, "graphs": …},
    and "days": the days (first, last) of findings rows that hold on some days only."""
    import sqlite3

    db = sqlite3.connect(folder / "results.sqlite3")
    try:
        rows = db.execute("SELECT kind, key, value FROM cached").fetchall()
    finally:
        db.close()
    out: dict[str, dict[object, object]] = {
        "stats": {}, "summaries": {}, "findings": {}, "lines": {}, "facts": {}, "site": {}, "walks": {}, "outcomes": {}, "days": {}, "graphs": {},
    }
    for kind, key, value in rows:
        if kind == 0:  # a folder's row: each file's 48 bytes of packed stat, 16 of content hash, 16 of entry key
            index, row = unpack_folder(value)
            out["stats"].update({key + name: row[at:at + 80] for name, at in index.items()})
        elif kind == 7:  # a run's outcome (one row a run)
            out["outcomes"][key] = value
        elif kind == 8:  # the link graph (one row a summary key: `linkgraph.GraphMemo`)
            out["graphs"][key] = value
        elif kind == 6:  # a walked folder: its stat, its context's digest, its posts and subfolders
            out["walks"][key] = value
        elif kind == 3:  # the site's fingerprint (or nothing), a count line, then the report lines
            fingerprint, counts, lines = value.split(b"\n", 2)
            out["lines"][key] = {"fingerprint": fingerprint.decode(), "counts": json.loads(counts), "lines": lines}
        elif kind in (2, 5) and value.startswith("days\n"):  # findings that hold on some days only: the first and last, then the row
            _, days, value = value.split("\n", 2)
            first, last = days.split("-")  # an open end left out
            out["days"][key] = (int(first) if first else 1, int(last) if last else dt.date.max.toordinal())
            rows.append((kind, key, value))
        elif kind in (2, 5) and value.startswith("site\n"):  # site-dependent: the site, the files looked for, the findings
            _, fingerprint, files, findings = value.split("\n", 3)
            out[("findings" if kind == 2 else "site")][key] = {"fingerprint": fingerprint, "files": json.loads(files), "findings": json.loads(findings)}
        else:
            out[("stats", "summaries", "findings", "lines", "facts")[kind]][key] = json.loads(value)
    return out


def lint(root: Path, **options: object) -> list[tuple[str, int, int, str, str]]:
    config = from_mapping({"content-dirs": ["content"], "cache-dir": ".cache"}, root=root)
    result = run([str(root / "content")], config, cwd=root, today=TODAY, **options)  # type: ignore[arg-type]
    return [(f.path, f.line, f.column, f.code, f.message) for f in result.findings]


def test_parallel_and_cached_runs_equal_the_plain_run(site: Path) -> None:
    plain = lint(site, jobs=1)
    assert {p for p, _, _, code, _ in plain if code == "SEO004"} == {f"content/posts/post-{i}.md" for i in (0, 10, 20, 30)}
    assert any(code == "LNK006" for _, _, _, code, _ in plain)  # post-40 does not exist
    assert lint(site, jobs=2) == plain
    assert lint(site, jobs=2, use_cache=True) == plain  # cold: fills the cache
    assert lint(site, jobs=2, use_cache=True) == plain  # warm: served from it


@pytest.mark.parametrize("prefetch_from", [1, 10**6])
def test_prefetched_and_row_by_row_reads_serve_the_same(site: Path, monkeypatch: pytest.MonkeyPatch, prefetch_from: int) -> None:
    import postlint.cache.runner
    from postlint.cache.results import ResultCache

    plain = lint(site, jobs=1)
    _age(site)
    lint(site, jobs=1, use_cache=True)
    lint(site, jobs=1, use_cache=True)  # stats recorded
    monkeypatch.setattr(postlint.cache.runner, "PREFETCH_MIN_FILES", prefetch_from)
    selects: list[str] = []
    original = ResultCache._select
    monkeypatch.setattr(ResultCache, "_select", lambda self, sql, *a, **k: selects.append(sql) or original(self, sql, *a, **k))
    assert lint(site, jobs=1, use_cache=True) == plain
    prefetches = sum("key = ?" not in sql for sql in selects)
    # stats and findings at once; or (content dirs: the site index) stats and the summaries' keys at
    # once, findings row by row; the summaries (every post's findings looked at the index: they hold
    # for the site's shape, `site_shape`); then the cross-post rules' findings. No facts: the link
    # graph is not built
    assert (prefetches, len(selects)) == ((3, 4) if prefetch_from == 1 else (3, 3 + 40 + 1))


def test_warm_run_parses_nothing(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = lint(site, jobs=1, use_cache=True)
    calls = []
    parser = markdown_parser()
    original = parser.block.parse  # every parse of a body goes through it once
    monkeypatch.setattr(parser.block, "parse", lambda *a, **k: calls.append(1) or original(*a, **k))
    assert lint(site, jobs=1, use_cache=True) == first
    assert calls == []


def test_changes_invalidate_the_right_entries(site: Path) -> None:
    lint(site, jobs=1, use_cache=True)
    target = site / "content" / "posts" / "post-6.md"
    # post-5 links to /posts/post-6/#section-6: renaming that heading breaks the fragment in ANOTHER file
    target.write_text(target.read_text().replace("## Section 6", "## Renamed"), encoding="utf-8")
    after = lint(site, jobs=1, use_cache=True)
    assert after == lint(site, jobs=1)
    assert any(p == "content/posts/post-5.md" and code == "LNK006" and "section-6" in m for p, _, _, code, m in after)


def _age(root: Path, seconds: float = 60.0) -> None:
    """Date every post and folder back, as files are between edits (fresh files and folders are not
    trusted by their stat)."""
    import os
    import time

    for path in [*root.rglob("*.md"), *(p for p in root.rglob("*") if p.is_dir()), root]:
        os.utime(path, (time.time() - seconds, time.time() - seconds))


def test_unchanged_stat_means_no_read_and_an_edit_relints_only_what_it_can_affect(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import postlint.parse.files as files

    posts = site / "content" / "posts"
    for i in range(2, 40):  # only post-0 and post-1 link to other posts
        path = posts / f"post-{i}.md"
        path.write_text(path.read_text(encoding="utf-8").replace(f"See [the next post](/posts/post-{i + 1}/#section-{i + 1}).", "No links."), encoding="utf-8")
    _age(site)
    first = lint(site, jobs=1, use_cache=True)
    reads: list[Path] = []
    original = files.read_file
    monkeypatch.setattr(files, "read_file", lambda path, *info: reads.append(path) or original(path, *info))
    assert lint(site, jobs=1, use_cache=True) == first
    assert reads == []  # 40 posts, every one served by its stat
    target = posts / "post-7.md"
    target.write_text(target.read_text(encoding="utf-8").replace("Some words here.", "Other words, longer now."), encoding="utf-8")
    after = lint(site, jobs=1, use_cache=True)
    # the edited post alone: the posts whose links resolve against the site hold while its shape does
    # (every post's summary: an edit of a body keeps it) and the posts whose anchors they read are as
    # they were (post-1's `#section-2`: post-2)
    assert {Path(p).name for p in reads} == {"post-7.md"}
    assert after == lint(site, jobs=1)
    reads.clear()
    second = posts / "post-2.md"
    second.write_text(second.read_text(encoding="utf-8").replace("## Section 2", "## Section two"), encoding="utf-8")
    broken = lint(site, jobs=1, use_cache=True)
    # post-1 read post-2's anchors: linted again (post-7, edited less than 2 s before, is hashed again)
    assert {Path(p).name for p in reads} - {"post-7.md"} == {"post-1.md", "post-2.md"}
    assert broken == lint(site, jobs=1) != after  # its link to #section-2 is broken now
    reads.clear()
    retitled = posts / "post-9.md"
    retitled.write_text(retitled.read_text(encoding="utf-8").replace("Post number 9 about", "Post nine, about"), encoding="utf-8")
    assert lint(site, jobs=1, use_cache=True) == lint(site, jobs=1)
    assert {"post-0.md", "post-1.md", "post-9.md"} <= {Path(p).name for p in reads}  # a title: another shape, every site-dependent post


def test_a_run_over_one_edited_post_looks_for_no_other_file_of_its_folder(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import time

    monkeypatch.chdir(site)  # (the stat rows vouch for files named under the working folder)
    config = from_mapping({"content-dirs": ["content"], "cache-dir": ".cache"}, root=site)
    target = site / "content" / "posts" / "post-7.md"
    _age(site)
    lint(site, jobs=1, use_cache=True)
    target.write_text(target.read_text(encoding="utf-8").replace("Some words here.", "Other words, longer now."), encoding="utf-8")
    os.utime(target, (time.time() - 60, time.time() - 60))  # its new stat is recorded
    looked: list[str] = []
    original = os.path.lexists
    monkeypatch.setattr(os.path, "lexists", lambda path: looked.append(os.fspath(path)) or original(path))
    one = run(["content/posts/post-7.md"], config, cwd=site, today=TODAY, jobs=1, use_cache=True)
    # the folder's stat row is written again with the post's new record; its 39 other posts were
    # stat'ed for the site index (not only the run's post): none is looked for again
    assert [p for p in looked if p.startswith(str(target.parent))] == []
    monkeypatch.setattr(os.path, "lexists", original)
    assert [(f.path, f.line, f.code) for f in one.findings] == [(f.path, f.line, f.code) for f in run([str(target)], config, cwd=site, today=TODAY, jobs=1).findings]


def test_an_edit_of_a_body_does_not_run_the_duplicate_rules_again(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import time

    import postlint.rules.seo as seo

    calls: list[str] = []
    original = seo.DuplicateTitle.check_site
    monkeypatch.setattr(seo.DuplicateTitle, "check_site", lambda self, ctx: calls.append("SEO004") or original(self, ctx))
    posts = site / "content" / "posts"

    def edit(name: str, old: str, new: str) -> list[tuple[str, int, int, str, str]]:
        path = posts / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
        os.utime(path, (time.time() - 60, time.time() - 60))
        calls.clear()
        found = lint(site, jobs=1, use_cache=True)
        ran = list(calls)
        assert found == lint(site, jobs=1)  # what a run without the cache finds
        calls[:] = ran
        return found

    _age(site)
    lint(site, jobs=1, use_cache=True)
    assert calls == ["SEO004"]
    edit("post-7.md", "Some words here.", "Other words, longer now.")
    assert calls == []  # a body: the site's shape holds, the groups' findings are served (the orphans' run again)
    found = edit("post-10.md", "Some words here.", "Some words here. <!-- postlint-disable-file SEO005 -->")
    assert calls == ["SEO004"]  # a post that mentions postlint now: another shape
    assert ("content/posts/post-10.md", 2, 1, "SEO004") in [f[:4] for f in found]
    found = edit("post-10.md", "postlint-disable-file SEO005", "postlint-disable-file SEO004")
    assert calls == ["SEO004"]  # the same shape, but the suppression comment its finding was checked against changed
    assert ("content/posts/post-10.md", 2, 1, "SEO004") not in [f[:4] for f in found]
    edit("post-9.md", "Post number 9 about", "Post nine, about")
    assert calls == ["SEO004"]  # a title


def test_a_run_over_one_post_is_served_the_whole_site_s_duplicate_groups(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A pre-commit run over one post (after a run over the whole site) is served the findings on
    that post of the rules cached for the site's shape (the duplicate groups, FM011) from what the
    whole run kept, whichever post it is: they are the site's. Not when the post's suppression
    comments (read for those findings) changed, nor when the site's shape did."""
    import os
    import time

    import postlint.rules.seo as seo

    calls: list[str] = []
    original = seo.DuplicateTitle.check_site
    monkeypatch.setattr(seo.DuplicateTitle, "check_site", lambda self, ctx: calls.append("SEO004") or original(self, ctx))
    posts = site / "content" / "posts"
    config = from_mapping({"content-dirs": ["content"], "cache-dir": ".cache"}, root=site)

    def one(name: str, **options: object) -> list[tuple[str, int, int, str, str]]:
        result = run([str(posts / name)], config, cwd=site, today=TODAY, jobs=1, **options)  # type: ignore[arg-type]
        return [(f.path, f.line, f.column, f.code, f.message) for f in result.findings]

    def edit(name: str, old: str, new: str) -> None:
        path = posts / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
        os.utime(path, (time.time() - 60, time.time() - 60))

    def served(name: str) -> list[tuple[str, int, int, str, str]]:
        calls.clear()
        found = one(name, use_cache=True)
        ran = list(calls)
        assert found == one(name)  # what a run without the cache finds
        calls[:] = ran
        return found

    (posts / "post-20.md").write_text((posts / "post-20.md").read_text(encoding="utf-8") + "\n<!-- postlint-disable-file LNK002 -->\n", encoding="utf-8")
    _age(site)
    lint(site, jobs=1, use_cache=True)
    assert calls == ["SEO004"]
    edit("post-10.md", "Some words here.", "Other words, longer now.")
    found = served("post-10.md")
    assert calls == []  # served from the whole run's groups, whichever post the run lints
    assert [f[3] for f in found if f[3] == "SEO004"] == ["SEO004"]
    assert "SEO004" not in [f[3] for f in served("post-11.md")]  # a post in no group: equal to a run without the cache
    assert calls == []
    edit("post-20.md", "Some words here.", "Other words, longer now.")  # it mentions postlint: its comments were read
    found = served("post-20.md")
    assert calls == ["SEO004"]
    assert [f[3] for f in found if f[3] == "SEO004"] == ["SEO004"]
    edit("post-12.md", "Post number 12 about", "Post twelve, about")  # a title: another shape
    served("post-10.md")
    assert calls == ["SEO004"]


def test_cross_post_findings_that_read_the_date_are_not_kept_for_the_shape(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import time

    import postlint.rules.seo as seo

    calls: list[object] = []
    original = seo.DuplicateTitle.check_site
    # a rule cached by the shape that reads the date (none of postlint's does): its findings hold for today only
    monkeypatch.setattr(seo.DuplicateTitle, "check_site", lambda self, ctx: calls.append(ctx.today) or original(self, ctx))
    _age(site)
    lint(site, jobs=1, use_cache=True)
    target = site / "content" / "posts" / "post-7.md"
    target.write_text(target.read_text(encoding="utf-8").replace("Some words here.", "Other words, longer now."), encoding="utf-8")
    os.utime(target, (time.time() - 60, time.time() - 60))
    calls.clear()
    assert lint(site, jobs=1, use_cache=True) == lint(site, jobs=1)
    assert calls == [TODAY, TODAY]  # run again by the cached run (nothing kept for the shape), then by the plain one


def test_a_post_moved_with_its_summary_unchanged_is_named_where_it_is_now(tmp_path: Path) -> None:
    import os
    import time

    posts = tmp_path / "content" / "posts"
    posts.mkdir(parents=True)
    # the URL comes from the slug: moving the file keeps every value its summary holds
    for name in ("harbour", "tides"):
        (posts / f"{name}.md").write_text(post("The harbour at low tide", f"Words about the {name}.", f"slug: {name}\n"), encoding="utf-8")
    config = from_mapping({"content-dirs": ["content"], "cache-dir": ".cache", "site": {"permalink": "/posts/{slug}/"}}, root=tmp_path)

    def seo004(**options: object) -> list[str]:  # a pre-commit run over harbour.md
        found = run([str(posts / "harbour.md")], config, cwd=tmp_path, today=TODAY, jobs=1, **options).findings  # type: ignore[arg-type]
        return [f"{f.path}: {f.message}" for f in found if f.code == "SEO004"]

    _age(tmp_path)
    assert seo004(use_cache=True) == ["content/posts/harbour.md: title “The harbour at low tide” is also used by content/posts/tides.md"]
    (posts / "2024").mkdir()
    (posts / "tides.md").rename(posts / "2024" / "tides.md")
    _age(tmp_path)
    # the site's shape names every post's path, not only what its summary holds
    assert seo004(use_cache=True) == ["content/posts/harbour.md: title “The harbour at low tide” is also used by content/posts/2024/tides.md"]
    assert seo004() == seo004(use_cache=True)


def _bundle_site(root: Path) -> Path:
    """A page bundle (an image beside its post) and a post naming a file of the static folder."""
    bundle = root / "content" / "posts" / "trip"
    bundle.mkdir(parents=True)
    # with descriptions, no rule parses a post's Markdown again once its results are cached
    described = 'description: "What we took, what we left at home, and what we missed on the way."\n'
    (bundle / "index.md").write_text(post("A trip to the coast in spring", "![The harbour at dawn](harbour.webp)\n", described), encoding="utf-8")
    (root / "content" / "posts" / "gear.md").write_text(post("The gear we packed for it", "![A worn rucksack](/media/sack.webp)\n", described), encoding="utf-8")
    (root / "static" / "media").mkdir(parents=True)
    return root


def _images(root: Path) -> list[tuple[str, int, int, str, str]]:
    return [f for f in lint(root, jobs=1, use_cache=True) if f[3] in ("IMG005", "IMG006")]


def test_cached_results_follow_the_image_files_they_looked_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _bundle_site(tmp_path)
    trip = ("content/posts/trip/index.md", 6, 1, "IMG005", "image `harbour.webp` not found (looked for content/posts/trip/harbour.webp, static/harbour.webp)")
    sack = ("content/posts/gear.md", 6, 1, "IMG005", "image `/media/sack.webp` not found (looked for static/media/sack.webp, content/media/sack.webp)")
    assert _images(root) == [sack, trip]
    (root / "content" / "posts" / "trip" / "harbour.webp").write_bytes(b"RIFF" + b"\0" * 100)
    assert _images(root) == [sack]  # the image beside the post (not in a static folder) now exists
    (root / "static" / "media" / "sack.webp").write_bytes(b"RIFF" + b"\0" * 100)
    assert _images(root) == []
    (root / "static" / "media" / "sack.webp").write_bytes(b"RIFF" + b"\0" * 400 * 1024)  # same name, now heavy
    assert _images(root) == [("content/posts/gear.md", 6, 1, "IMG006", "image `/media/sack.webp` is 400 KB, larger than 300 KB")]
    (root / "content" / "posts" / "trip" / "harbour.webp").unlink()
    assert _images(root)[1:] == [trip]
    assert _images(root) == [f for f in lint(root, jobs=1) if f[3] in ("IMG005", "IMG006")]
    # an unrelated file in the static folder re-lints nothing: results name their own files
    parser = markdown_parser()
    calls: list[int] = []
    original = parser.block.parse  # every parse of a body goes through it once
    monkeypatch.setattr(parser.block, "parse", lambda *a, **k: calls.append(1) or original(*a, **k))
    (root / "static" / "media" / "unrelated.webp").write_bytes(b"RIFF")
    _images(root)
    assert calls == []
    (root / "content" / "posts" / "trip" / "harbour.webp").write_bytes(b"RIFF")
    _images(root)
    assert len(calls) == 1  # the post that looked for it, and only that one


def test_cached_link_results_follow_the_files_they_reached(tmp_path: Path) -> None:
    root = _bundle_site(tmp_path)
    notes = root / "content" / "posts" / "notes.md"
    notes.write_text(post("Notes on packing light for trips", "See [the printable list](/files/list.pdf) and [the draft](../../drafts/plan.md#day-two).\n"), encoding="utf-8")

    def broken() -> list[str]:
        return [f[4] for f in lint(root, jobs=1, use_cache=True) if f[3] == "LNK006" and f[0] == "content/posts/notes.md"]

    nowhere = "internal link `{}` resolves to no post or file of the site"
    # no `files` folder anywhere: a path outside the indexed folders is unverified, not reported
    assert broken() == [nowhere.format("../../drafts/plan.md#day-two")]
    (root / "static" / "files").mkdir()  # now inside a static folder: the missing file is an error
    assert broken() == [nowhere.format("/files/list.pdf"), nowhere.format("../../drafts/plan.md#day-two")]
    (root / "static" / "files" / "list.pdf").write_bytes(b"%PDF")
    assert broken() == [nowhere.format("../../drafts/plan.md#day-two")]
    drafts = root / "drafts"  # outside the content dirs: read when a link reaches it
    drafts.mkdir()
    (drafts / "plan.md").write_text(post("The plan", "## Day one\n"), encoding="utf-8")
    assert broken() == ["`#day-two` names no heading of drafts/plan.md"]
    (drafts / "plan.md").write_text(post("The plan", "## Day one\n\n## Day two\n"), encoding="utf-8")
    assert broken() == []


def test_a_post_linking_only_to_other_sites_is_cached_by_its_content_alone(tmp_path: Path) -> None:
    posts = tmp_path / "content" / "posts"
    posts.mkdir(parents=True)
    (posts / "out.md").write_text(post("Links that leave this site only", "[A](https://example.com/a) and [mail](mailto:x@example.com).\n"), encoding="utf-8")
    (posts / "in.md").write_text(post("A link that stays on this site", "[B](/posts/out/)\n"), encoding="utf-8")
    lint(tmp_path, jobs=1, use_cache=True)
    findings = cache_rows(tmp_path / ".cache")["findings"]
    assert sorted(type(v).__name__ for v in findings.values()) == ["dict", "list"]  # out.md: rows; in.md: the site's + rows


def test_cached_site_results_record_the_files_looked_for(tmp_path: Path) -> None:
    root = _bundle_site(tmp_path)
    lint(root, jobs=2, use_cache=True)
    entries = [v for v in cache_rows(root / ".cache")["findings"].values() if isinstance(v, dict)]
    looked_for = {path: seen for entry in entries for path, seen in entry["files"].items()}  # type: ignore[union-attr]
    assert looked_for == {
        str(root / "content" / "posts" / "trip" / "harbour.webp"): "-",
        str(root / "static" / "harbour.webp"): "-",
        str(root / "static" / "media" / "sack.webp"): "-",
        str(root / "content" / "media" / "sack.webp"): "-",
        str(root / ".gitmodules"): "-",  # a submodule there would hold them (not checked out: unverified)
    }


def test_fresh_files_are_hashed_until_they_age(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import postlint.parse.files as files

    lint(site, jobs=1, use_cache=True)  # the posts were written just now
    assert cache_rows(site / ".cache")["stats"] == {}
    reads: list[Path] = []
    original = files.read_file
    monkeypatch.setattr(files, "read_file", lambda path, *info: reads.append(path) or original(path, *info))
    lint(site, jobs=1, use_cache=True)
    assert len(reads) == 40
    _age(site)
    lint(site, jobs=1, use_cache=True)  # new stats: read once more, then recorded
    assert len(cache_rows(site / ".cache")["stats"]) == 40
    reads.clear()
    lint(site, jobs=1, use_cache=True)
    assert reads == []


def test_config_and_date_are_part_of_the_key(site: Path) -> None:
    base = {"content-dirs": ["content"], "cache-dir": ".cache"}
    config = from_mapping(base, root=site)
    run([str(site / "content")], config, cwd=site, today=TODAY, use_cache=True)
    stricter = from_mapping({**base, "FM005": {"min": 35}}, root=site)
    result = run([str(site / "content")], stricter, cwd=site, today=TODAY, use_cache=True)
    assert any(f.code == "FM005" for f in result.findings)
    future = from_mapping(base, root=site)
    early = run([str(site / "content")], future, cwd=site, today=dt.date(2024, 1, 1), use_cache=True)
    assert any(f.code == "FM007" for f in early.findings)


def test_corrupt_cache_is_ignored_and_rewritten(site: Path) -> None:
    import sqlite3

    from postlint.cache.folder import prepare

    expected = lint(site, jobs=1)
    cache = site / ".cache"
    prepare(cache)  # postlint's folder (marked), its database broken
    (cache / "results.sqlite3").write_text("{not a database", encoding="utf-8")
    (cache / "results.json").write_text("{}", encoding="utf-8")  # format 2's file: removed
    assert lint(site, jobs=1, use_cache=True) == expected
    assert sorted(p.name for p in cache.iterdir()) == [".gitignore", "CACHEDIR.TAG", "results.sqlite3"]
    db = sqlite3.connect(cache / "results.sqlite3")
    assert db.execute("PRAGMA user_version").fetchone()[0] == CACHE_FORMAT
    db.close()
    results = cache_rows(cache)["findings"]
    assert len(results) == 40  # every post links to another one: its entry names the site
    assert all(isinstance(v, dict) and v["fingerprint"] for v in results.values())
    db = sqlite3.connect(cache / "results.sqlite3")
    with db:
        db.execute("UPDATE entries SET value = 'junk' WHERE kind = 2")  # not JSON
    db.close()
    assert lint(site, jobs=1, use_cache=True) == expected
    db = sqlite3.connect(cache / "results.sqlite3")
    with db:
        db.execute("PRAGMA user_version = 99")  # a database of another format: replaced
    db.close()
    assert lint(site, jobs=1, use_cache=True) == expected
    assert len(cache_rows(cache)["findings"]) == 40


def test_a_locked_cache_costs_the_wait_not_the_run(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    import postlint.cache.results
    from postlint.cache.results import content_hash, entry_key

    lint(site, jobs=1, use_cache=True)
    monkeypatch.setattr(postlint.cache.results, "LOCK_TIMEOUT", 0.05)
    other = sqlite3.connect(site / ".cache" / "results.sqlite3", isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another run writing, for longer than this run waits
    post = site / "content" / "posts" / "post-3.md"
    old = entry_key(content_hash(post.read_bytes()), post.as_posix())
    try:
        post.write_text(post.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
        expected = lint(site, jobs=1)
        assert lint(site, jobs=1, use_cache=True) == expected  # neither read nor written, and no error
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert old in cache_rows(site / ".cache")["summaries"]  # the other run's database was left alone
    assert lint(site, jobs=1, use_cache=True) == expected
    assert entry_key(content_hash(post.read_bytes()), post.as_posix()) in cache_rows(site / ".cache")["summaries"]


def test_a_cache_created_by_another_run_meanwhile_is_kept(tmp_path: Path) -> None:
    from postlint.cache.results import ResultCache

    first = ResultCache.load(tmp_path, "key", 1)
    assert first.summary_text("a" * 32) is None  # no database yet
    other = ResultCache.load(tmp_path, "key", 1)
    other.put_findings("b" * 32, None, [])
    other.save()  # another run, finished in between, created it
    first.put_findings("c" * 32, None, [])
    first.save()
    assert set(cache_rows(tmp_path)["findings"]) == {"b" * 32, "c" * 32}


def test_a_one_file_run_reads_its_own_rows_only(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from postlint.cache.results import ResultCache, content_hash, entry_key

    config = from_mapping({"cache-dir": ".cache"}, root=site)  # no content dirs: no site index to build
    run([str(site / "content")], config, cwd=site, today=TODAY, use_cache=True)
    _age(site)
    run([str(site / "content")], config, cwd=site, today=TODAY, use_cache=True)  # stats recorded
    one = site / "content" / "posts" / "post-3.md"
    plain = [f.code for f in run([str(one)], config, cwd=site, today=TODAY).findings]
    asked: list[tuple[int, str]] = []
    original = ResultCache._query
    monkeypatch.setattr(ResultCache, "_query", lambda self, kind, key: asked.append((kind, key)) or original(self, kind, key))
    result = run([str(one)], config, cwd=site, today=TODAY, use_cache=True)
    assert [f.code for f in result.findings] == plain
    # its folder's stat row (the stats of the folder's files, in one row), its summary, its findings (it
    # links to another post: they name the site), the cross-post rules' findings of a run of this post,
    # and nothing else of the other 39 posts
    hashed = entry_key(content_hash(one.read_bytes()), one.as_posix())  # its content and its path
    assert asked[:3] == [(0, one.parent.as_posix() + "/"), (1, hashed), (2, hashed)]
    # its summary again (read once): for the site's shape and the site index; the cross-post rules' row
    assert {kind for kind, _ in asked[3:]} == {1, 5} and all(key == hashed for kind, key in asked[3:] if kind == 1)


def test_rows_of_earlier_days_are_dropped(site: Path) -> None:
    config = from_mapping({"content-dirs": ["content"], "cache-dir": ".cache"}, root=site)
    _age(site)
    run([str(site / "content")], config, cwd=site, today=TODAY, use_cache=True)
    before = cache_rows(site / ".cache")
    run([str(site / "content")], config, cwd=site, today=TODAY + dt.timedelta(days=1), use_cache=True)
    after = cache_rows(site / ".cache")
    assert len(after["findings"]) == len(before["findings"]) == 40  # yesterday's rows replaced, not kept beside
    assert len(after["summaries"]) == 40
    assert after["stats"] == before["stats"]  # a file's stat does not depend on the date


def test_old_rows_are_swept_by_the_first_save_of_a_day_only(site: Path) -> None:
    """Deleting old rows scans the whole table: a pre-commit run's save must not pay it every time."""
    import sqlite3

    config = from_mapping({"content-dirs": ["content"], "cache-dir": ".cache"}, root=site)
    one = site / "content" / "posts" / "post-3.md"
    run([str(one)], config, cwd=site, today=TODAY, use_cache=True)
    database = sqlite3.connect(site / ".cache" / "results.sqlite3")
    with database:
        database.execute("INSERT INTO entries VALUES ('old-run', 1, 'k', '{}', ?)", (TODAY.toordinal() - 1,))
        database.execute("INSERT INTO longs VALUES ('old-run', 6, 'k', ?, ?)", ("x" * 5000, TODAY.toordinal() - 1))
    for day, kept in ((TODAY, 2), (TODAY + dt.timedelta(days=1), 0)):
        one.write_text(one.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")  # something to save
        run([str(one)], config, cwd=site, today=day, use_cache=True)
        assert database.execute("SELECT count(*) FROM cached WHERE run = 'old-run'").fetchone()[0] == kept
    assert database.execute("SELECT value FROM meta WHERE key = 'swept'").fetchone()[0] == TODAY.toordinal() + 1
    database.close()


def test_cli_cache_flags_and_clean(site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(site)
    (site / ".postlint.yaml").write_text("content-dirs: [content]\n", encoding="utf-8")
    main(["check", "-q", "--no-cache", "--jobs", "2"])
    assert not (site / ".postlint_cache").exists()
    main(["check", "-q"])
    assert (site / ".postlint_cache" / "results.sqlite3").is_file()
    assert (site / ".postlint_cache" / ".gitignore").read_text(encoding="utf-8").endswith("*\n")
    capsys.readouterr()
    assert main(["clean"]) == 0
    assert capsys.readouterr().out == f"Removed {site / '.postlint_cache'}\n"
    assert not (site / ".postlint_cache").exists()
    assert main(["check", "-q", "--jobs", "-1"]) == 2


def test_a_small_run_keeps_the_entries_of_a_full_run(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = from_mapping({"content-dirs": ["content"], "cache-dir": ".cache"}, root=site)
    run([str(site / "content")], config, cwd=site, today=TODAY, use_cache=True)
    one = site / "content" / "posts" / "post-3.md"
    one.write_text(one.read_text() + "\nOne more line.\n", encoding="utf-8")
    run([str(one)], config, cwd=site, today=TODAY, use_cache=True)  # pre-commit style: one changed file
    rows = cache_rows(site / ".cache")
    assert len(rows["summaries"]) == 41  # 40 posts + the new version of post-3
    # the full run's entries survive beside the new one
    assert len(rows["findings"]) == 41


def test_sources_are_the_lines_the_rules_saw(tmp_path: Path) -> None:
    from postlint.parse.document import Post

    path = tmp_path / "a-post.md"
    path.write_bytes(b'\xef\xbb\xbf---\r\ntitle: "Nul \x00 inside"\r\n---\r\nBody\r\n')
    result = run([str(path)], from_mapping({}, root=tmp_path), cwd=tmp_path, today=TODAY)
    assert result.sources["a-post.md"] == Post.from_path(path).lines == ["---", 'title: "Nul \ufffd inside"', "---", "Body"]


def test_a_linted_post_leaves_no_reference_cycles(site: Path) -> None:
    """The run collects cyclic garbage rarely (see model.gcpolicy.GC_THRESHOLDS): a post's parse must be
    freed by reference counting alone, or memory grows with the run."""
    import gc

    from postlint.engine.linter import Linter
    from postlint.parse.document import Post

    config = from_mapping({"content-dirs": ["content"]}, root=site)
    linter = Linter(config, today=TODAY)
    paths = sorted((site / "content" / "posts").glob("*.md"))[:5]
    gc.collect()
    gc.disable()
    try:
        for path in paths:
            post = Post.from_path(path)
            linter.lint_post(post)
            post.text_stats.variables["reading_ease"]  # the readability view and its formula values too
        del post
        gc.set_debug(gc.DEBUG_SAVEALL)
        gc.collect()
        leaked = sorted({type(o).__name__ for o in gc.garbage if type(o).__module__.startswith(("postlint", "markdown_it"))})
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert leaked == []


def test_cache_rows_give_equal_frozen_findings() -> None:
    import dataclasses

    from postlint.cache.results import finding_from_json, finding_to_json
    from postlint.model.findings import Edit, Finding, Fix, Severity

    for original in [
        Finding("a.md", 3, 4, "LNK002", 3, 20, "link-insecure", Severity.WARNING, "insecure", Fix((Edit(3, 9, 3, 20, "https://x"),), "unsafe", "use https://")),
        Finding("b.md", 1, 1, "FM001", 1, 1, "frontmatter-missing", Severity.ERROR, "no front matter", None),
    ]:
        restored = finding_from_json(original.path, finding_to_json(original))
        assert restored == original and dataclasses.astuple(restored) == dataclasses.astuple(original)
        assert restored.to_dict() == original.to_dict() and restored.sort_key == original.sort_key
        assert hash(restored) == hash(original)
        with pytest.raises(dataclasses.FrozenInstanceError):
            restored.line = 9  # type: ignore[misc]
        assert restored.fix == original.fix
        if original.fix is not None:
            assert restored.fix is not None and hash(restored.fix) == hash(original.fix)
            assert dataclasses.astuple(restored.fix) == dataclasses.astuple(original.fix)
            with pytest.raises(dataclasses.FrozenInstanceError):
                restored.fix.edits[0].line = 9  # type: ignore[misc]


def test_a_post_s_findings_come_in_file_order(tmp_path: Path) -> None:
    """So that a run's final sort merges sorted runs, cached ones included."""
    from postlint.engine.linter import Linter
    from postlint.model.findings import SORT_KEY
    from postlint.parse.document import Post

    linter = Linter(from_mapping({}, root=tmp_path), today=TODAY)
    text = post("Short", "[click here](http://insecure.example/a)\n\n## B\n\n#### Deep\n\nhttp://bare.example/x\n")
    found = linter.lint_post(Post.from_text(text, tmp_path / "p.md"))
    codes = {f.code for f in found}
    assert {"FM005", "LNK002", "LNK003", "HD001", "LNK010"} <= codes  # rules that report out of file order
    assert found == sorted(found, key=SORT_KEY) and len(found) > 5


def _report(capsys: pytest.CaptureFixture[str], fmt: str, *args: str) -> tuple[int, str]:
    """The exit code and output of `postlint check --format FMT ARGS…`."""
    code = main(["check", "--format", fmt, *args])
    return code, capsys.readouterr().out


def _count_decodes(monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """From now on, the paths whose cached findings are decoded (filled as they are)."""
    import postlint.cache.results

    decoded: set[str] = set()
    decode = postlint.cache.results.finding_from_json

    def counted(path: str, row: list[object]) -> object:
        decoded.add(path)
        return decode(path, row)

    monkeypatch.setattr(postlint.cache.results, "finding_from_json", counted)
    return decoded


def test_json_reports_from_cached_lines_are_those_of_a_plain_run(site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """A warm JSON run writes unchanged posts' lines from the cache, decoding none of their
    findings, and the report is byte for byte the plain run's: site-wide findings (duplicate
    titles) merged into those files, an unreadable post, the exit codes."""
    monkeypatch.chdir(site)
    (site / ".postlint.yaml").write_text("content-dirs: [content]\n", encoding="utf-8")
    (site / "content" / "posts" / "latin1.md").write_bytes(b'---\ntitle: "Caf\xe9"\n---\nBody\n')
    plain = _report(capsys, "json", "--no-cache", "--jobs", "1")
    report = json.loads(plain[1])
    codes = {f["code"] for f in report["findings"]}
    assert plain[0] == 1 and {"SEO004", "PL002", "LNK006"} <= codes
    assert _report(capsys, "json", "--jobs", "2") == plain  # cold, in workers: they render the lines
    rows = cache_rows(site / ".postlint_cache")
    stored = {key for key, value in rows["findings"].items() if value != "site"}
    assert set(rows["lines"]) == stored and len(stored) == 40  # every post's lines, under its findings' key

    decoded = _count_decodes(monkeypatch)
    assert _report(capsys, "json") == plain  # warm
    # only the posts with a site-wide finding to merge in (the four duplicate titles)
    assert decoded == {f["path"] for f in report["findings"] if f["code"] == "SEO004"} and len(decoded) == 4
    output = site / "report.json"
    assert main(["check", "--format", "json", "-o", str(output)]) == 1
    assert output.read_bytes() == plain[1].encode()
    errors = any(f["severity"] == "error" for f in report["findings"])
    assert main(["check", "--format", "json", "--fail-on", "error", "-q", "-o", str(output)]) == int(errors)
    assert main(["check", "--format", "json", "--exit-zero", "-o", str(output)]) == 0
    monkeypatch.undo()
    monkeypatch.chdir(site)

    one = site / "content" / "posts" / "post-3.md"  # now a duplicate title too: other posts' findings change
    one.write_text(one.read_text(encoding="utf-8").replace("Post number 3 about brewing coffee", "A shared title for duplicates"), encoding="utf-8")
    edited = _report(capsys, "json", "--no-cache")
    assert edited != plain and edited[1].count('"SEO004"') > plain[1].count('"SEO004"')
    assert _report(capsys, "json") == edited


@pytest.mark.parametrize("fmt", ["text", "concise", "github"])
def test_line_reports_from_cached_lines_are_those_of_a_plain_run(
    fmt: str, site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The text formats write unchanged posts' cached lines too (in colour or not: two sets),
    byte for byte as a plain run; the summary and statistics come from the counts."""
    monkeypatch.chdir(site)
    (site / ".postlint.yaml").write_text("content-dirs: [content]\n", encoding="utf-8")
    extra = ["--statistics"] if fmt != "github" else []
    for colour in ("", "1"):
        monkeypatch.setenv("FORCE_COLOR", colour)
        plain = _report(capsys, fmt, "--no-cache", *extra)
        assert plain[0] == 1 and "SEO004" in plain[1] and ("\x1b[" in plain[1]) == (bool(colour) and fmt != "github")
        assert _report(capsys, fmt, "--jobs", "2", *extra) == plain  # cold
        with monkeypatch.context() as patched:
            decoded = _count_decodes(patched)
            assert _report(capsys, fmt, *extra) == plain  # warm
        assert len(decoded) == 4  # only the posts a duplicate title is merged into
    assert len(_runs(site / ".postlint_cache", 3)) == (2 if fmt != "github" else 1)  # in colour and not


def _runs(folder: Path, kind: int) -> set[int]:
    import sqlite3

    database = sqlite3.connect(folder / "results.sqlite3")
    try:
        return {run for run, in database.execute("SELECT DISTINCT run FROM cached WHERE kind = ?", (kind,))}
    finally:
        database.close()


def test_lines_are_cached_per_format_and_rows_still_give_the_findings(site: Path) -> None:
    """The lines of one format are not those of another run's format; a run that iterates the
    findings decodes the rows, and rows a stranger broke are linted again, never lost."""
    import sqlite3

    from postlint.output.reporters import line_format

    config = from_mapping({"content-dirs": ["content"], "cache-dir": ".cache"}, root=site)
    plain = run([str(site / "content")], config, cwd=site, today=TODAY).findings
    fmt = line_format("json")
    assert fmt is not None
    run([str(site / "content")], config, cwd=site, today=TODAY, use_cache=True, line_format=fmt)
    runs = _runs(site / ".cache", 3)
    assert len(runs) == 1 and runs != _runs(site / ".cache", 2)  # the format's own rows
    database = sqlite3.connect(site / ".cache" / "results.sqlite3")
    with database:
        database.execute("UPDATE entries SET value = replace(value, '[[', '[not rows') WHERE kind = 2")
    database.close()
    warm = run([str(site / "content")], config, cwd=site, today=TODAY, use_cache=True, line_format=fmt)
    assert len(warm.findings) == len(plain) and list(warm.findings) == plain and warm.findings == plain
    assert run([str(site / "content")], config, cwd=site, today=TODAY, use_cache=True).findings == plain  # no lines: rows


def test_a_file_name_that_is_not_utf8_is_cached_like_any_other(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Its path (undecodable bytes held as surrogates) keys the cache's stat row and the site
    fingerprint without breaking either."""
    import os

    try:
        with open(os.path.join(os.fsencode(tmp_path), b"caf\xe9-post.md"), "wb") as handle:
            handle.write(post("A title long enough for the rule", "Some text.").encode())
    except (OSError, ValueError):  # pragma: no cover - a file system that refuses the name
        pytest.skip("this file system does not take a file name that is not UTF-8")
    (tmp_path / "plain.md").write_text(post("Another title long enough for it", "More text."), encoding="utf-8")
    _age(tmp_path)
    monkeypatch.chdir(tmp_path)
    outputs = []
    for flags in (["--no-cache"], [], []):  # plain, cold, warm
        assert main(["check", "--format", "json", *flags]) == 1
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1] == outputs[2]
    paths = {f["path"] for f in json.loads(outputs[0])["findings"]}
    assert paths == {"caf\udce9-post.md", "plain.md"}  # valid UTF-8 JSON: escaped, and read back as the name
    stats = cache_rows(tmp_path / ".postlint_cache")["stats"]
    assert len(stats) == 2 and any(key.endswith("caf\udce9-post.md") for key in stats)  # its stat recorded: not read again
    for fmt in ("text", "concise", "github", "junit", "sarif", "gitlab"):  # every format writes it
        assert main(["check", "--format", fmt, "-o", f"report.{fmt}"]) == 1, fmt
        written = (tmp_path / f"report.{fmt}").read_bytes()
        if fmt in ("sarif", "gitlab"):
            assert json.loads(written) and (b"caf%E9-post.md" in written or b"caf\\udce9-post.md" in written), fmt
        elif fmt == "junit":  # XML cannot hold the byte: U+FFFD
            assert "caf\ufffd-post.md".encode() in written
        else:  # the name's own bytes, as ls and git print them
            assert b"caf\xe9-post.md" in written, fmt
    assert main(["baseline", "-q"]) == 0 and main(["check", "-q", "--baseline", ".postlint-baseline.json"]) == 0
    baseline = (tmp_path / ".postlint-baseline.json").read_text(encoding="utf-8")  # valid UTF-8
    entries = [line for line in baseline.splitlines() if line.startswith('    {"fingerprint": ')]
    assert len(entries) == len(json.loads(baseline)["findings"]) > 2 and '"path": "caf\\udce9-post.md"' in baseline
    import io
    import sys

    strict = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")  # a UTF-8 console that refuses surrogates
    monkeypatch.setattr(sys, "stdout", strict)
    assert main(["check", "--format", "concise"]) == 1
    strict.flush()
    assert b"caf\xe9-post.md:1:1: FM011" in strict.buffer.getvalue()  # type: ignore[attr-defined]


#: sentences of plain words (short, so the reading ease is high; none repeats an opening)
_PLAIN = [
    "We grind the beans right before we brew.", "Hot water meets the grounds in a slow pour.",
    "A scale keeps each cup the same.", "Fresh beans give a sweet cup.", "Most days start with this small ritual.",
    "The kettle sits on the stove for a minute.", "Good paper filters keep the oil out.", "Try a new bean each month.",
    "Cold brew needs a full night.", "Taste it and note what you like.", "Then change one thing at a time.",
    "Keep the burrs clean and dry.", "Store the bag in a dark place.", "Share a pot with a friend.",
]


def _clean_site(root: Path, count: int) -> Path:
    """`count` posts of ~150 words with unique titles and descriptions, each linking to the next
    one by its URL, and a config under which none has a finding."""
    posts = root / "content" / "posts"
    posts.mkdir(parents=True)
    (root / ".postlint.yaml").write_text("content-dirs: [content]\ncontent-too-short: {min-words: 100}\ncache-dir: .cache\n", encoding="utf-8")
    for i in range(count):
        body = " ".join(_PLAIN[(i + k) % len(_PLAIN)] for k in range(8))
        rest = " ".join(_PLAIN[(i + k) % len(_PLAIN)] for k in range(8, 16))
        text = (
            f'---\ntitle: "Brewing notes, part {i} of the series"\ndate: 2024-05-01\n'
            f'description: "Part {i} of the brewing notes: how we grind, pour and taste a better cup at home."\n---\n\n'
            f"{body}\n\n## What to try next\n\n{rest} Read [the next part](/posts/part-{(i + 1) % count}/).\n\n"
            "Subscribe to the newsletter for more.\n"
        )
        (posts / f"part-{i}.md").write_text(text, encoding="utf-8")
    _age(root)
    return root


def test_the_cache_holds_under_a_kilobyte_a_post_without_findings(tmp_path: Path) -> None:
    from postlint.model.config import load_config

    root = _clean_site(tmp_path, 300)
    config = load_config(str(root / ".postlint.yaml"))
    assert run([str(root / "content")], config, cwd=root, today=TODAY).findings == []  # the site is clean
    result = run([str(root / "content")], config, cwd=root, today=TODAY, use_cache=True, jobs=2)
    assert list(result.findings) == []
    size = (root / ".cache" / "results.sqlite3").stat().st_size
    assert size / 300 <= 1024, f"{size / 300:.0f} bytes a post"
    rows = cache_rows(root / ".cache")
    assert len(rows["summaries"]) == len(rows["findings"]) == len(rows["facts"]) == len(rows["stats"]) == 300
    assert rows["lines"] == {}  # no findings: no report lines stored


def test_a_rerun_after_a_cold_run_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """The first re-run of an unchanged site is a warm run: it lints nothing and writes nothing (the
    database keeps its bytes and its mtime), whatever the cold run had to compute."""
    root = _clean_site(tmp_path, 60)
    posts = root / "content" / "posts"
    (posts / "part-1.md").write_text(post("Brewing notes, part 2 of the series", "Too short. [Gone](/posts/nowhere/)"), encoding="utf-8")
    _age(root)  # findings, cross-post ones among them (a duplicate title), and a broken link
    monkeypatch.chdir(root)
    database = root / ".cache" / "results.sqlite3"
    assert main(["check", "--format", "json", "--jobs", "2", "content"]) == 1  # cold
    cold = capsys.readouterr().out
    before = (database.read_bytes(), database.stat().st_mtime_ns)
    assert {f["code"] for f in json.loads(cold)["findings"]} >= {"SEO004", "LNK006"}
    written: list[int] = []
    import postlint.cache.results as results

    original = results.ResultCache.save
    monkeypatch.setattr(results.ResultCache, "save", lambda self, *live: written.append(len(self.pending)) or original(self, *live))
    for _ in range(2):
        assert main(["check", "--format", "json", "content"]) == 1
        assert capsys.readouterr().out == cold
    assert len(written) == 4 and not any(written)  # the walk's records and the results: nothing, twice
    assert (database.read_bytes(), database.stat().st_mtime_ns) == before


def test_workers_reading_their_own_posts_give_the_same_findings(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A big cold run drops the files' bytes in the parent before forking, and summarises new posts
    in workers: the findings are those of a plain run."""
    import postlint.cache.runner as runner

    plain = lint(site, jobs=1)
    monkeypatch.setattr(runner, "RELEASE_MIN_FILES", 1)
    released: list[str] = []
    original = runner._File.release
    monkeypatch.setattr(runner._File, "release", lambda self: released.append(self.key) or original(self))
    assert lint(site, jobs=2, use_cache=True) == plain
    assert len(released) == 40
    assert lint(site, jobs=1) == plain  # no bytes kept once hashed, in one process too


def _tables(site: Path) -> dict[str, dict[tuple[int, object], int]]:
    """Each table's rows: (kind, key) -> the length of the value."""
    import sqlite3

    db = sqlite3.connect(site / ".cache" / "results.sqlite3")
    try:
        return {table: {(kind, key): size for kind, key, size in db.execute(f"SELECT kind, key, length(value) FROM {table}")} for table in ("entries", "longs")}
    finally:
        db.close()


def test_a_long_value_is_kept_apart_from_the_keys_and_moves_when_it_shrinks(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A value longer than `LONG_ROW` (a big folder's stat row) is stored in `longs`, not in the
    keyed table (whose rows hold their values in the key: each row written beside it read it whole
    again); a key is in one table only, whichever its value's length."""
    import postlint.cache.results as results

    plain = lint(site, jobs=1)
    _age(site)
    monkeypatch.setattr(results, "FLUSH_ROWS", 7)
    monkeypatch.setattr(results, "LONG_ROW", 1000)  # the content folder's stat row: 40 files, about 4 KB
    assert lint(site, jobs=2, use_cache=True) == plain
    folder = f"{site}/content/posts/"
    tables = _tables(site)
    assert (0, folder) in tables["longs"] and (0, folder) not in tables["entries"]
    assert min(tables["longs"].values()) > 1000 >= max(tables["entries"].values())
    rows = cache_rows(site / ".cache")
    assert len(rows["stats"]) == len(rows["summaries"]) == len(rows["findings"]) == len(rows["facts"]) == 40
    assert lint(site, jobs=1, use_cache=True) == plain

    monkeypatch.setattr(results, "LONG_ROW", 100_000)  # now short: an edit rewrites the folder's row in `entries`
    edited = site / "content" / "posts" / "post-3.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nMore words.\n", encoding="utf-8")
    _age(site)
    lint(site, jobs=1, use_cache=True)
    tables = _tables(site)
    assert (0, folder) in tables["entries"] and (0, folder) not in tables["longs"]  # (the posts' rows not written again)
    assert len(cache_rows(site / ".cache")["stats"]) == 40
    assert lint(site, jobs=1, use_cache=True) == lint(site, jobs=1)


@pytest.mark.skipif(not Path("/proc/self/io").exists(), reason="counts the bytes the process reads in /proc/self/io (Linux)")
def test_rows_written_beside_a_long_value_do_not_read_it_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue #19: a run whose run id sorted next to run 0 (where the stat rows are) read a big
    folder's stat row once for each row it wrote beside it (100,000 posts: 10 MB read 10,000
    times, a first run of a day of 3 minutes and more)."""
    import os
    import sqlite3

    import postlint.cache.results as results

    def read_bytes() -> int:
        return int(next(line for line in Path("/proc/self/io").read_text().splitlines() if line.startswith("rchar")).split()[1])

    path = tmp_path / "results.sqlite3"
    cache = results.ResultCache(path, "yesterday", day=1)
    cache._put(results._STAT, "/site/content/posts/", b"y" * 2_000_000)
    cache.save()
    runs = iter([-3, 9] * 1000)  # the run ids either side of 0, as a day's may be
    monkeypatch.setattr(results, "_run_id", lambda text: next(runs))
    before = read_bytes()
    for batch in range(4):
        cache = results.ResultCache(path, "today", day=2)
        for kind in (results._SUMMARY, results._FINDINGS, results._FACTS, results._LINES):
            for _ in range(500):
                cache._put(kind, os.urandom(16), "v" * 300)
        cache._write(final=False)
    assert read_bytes() - before < 100_000_000  # the long row was read 1,000 times over: 2 GB
    db = sqlite3.connect(path)
    assert db.execute("SELECT count(*) FROM cached WHERE kind != 0").fetchone()[0] == 8000
    assert db.execute("SELECT length(value) FROM longs WHERE run = 0").fetchall() == [(2_000_000,)]
    db.close()


def test_rows_written_in_batches_are_all_kept(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import postlint.cache.results as results

    plain = lint(site, jobs=1)
    _age(site)
    monkeypatch.setattr(results, "FLUSH_ROWS", 7)
    writes: list[bool] = []
    original = results.ResultCache._write
    monkeypatch.setattr(results.ResultCache, "_write", lambda self, final, **live: writes.append(final) or original(self, final, **live))
    assert lint(site, jobs=2, use_cache=True) == plain
    assert writes.count(False) >= 15 and writes[-1] is True  # 120-odd rows (a stat row a folder), 7 at a time, then the save
    rows = cache_rows(site / ".cache")
    assert len(rows["stats"]) == len(rows["summaries"]) == len(rows["findings"]) == len(rows["facts"]) == 40
    assert len(rows["site"]) == 2  # the cross-post rules' findings for the site, the duplicate groups' for its shape
    assert lint(site, jobs=1, use_cache=True) == plain


@pytest.mark.parametrize("given", [".", "./content", "content"])
def test_a_warm_run_vouches_for_every_file_by_its_stat_however_the_folder_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], given: str
) -> None:
    """`postlint check .` names every file `./content/...`: a warm run still vouches for each by its
    stat in one loop (`ResultCache.vouched`), reading and naming none one by one, and reports what
    `check content` reports (issue #19: every file went through `_read`, 1.6 x the warm run)."""
    import postlint.cache.runner as runner

    root = _clean_site(tmp_path, 6)
    _age(root)
    monkeypatch.chdir(root)
    assert main(["check", "--format", "json", "content"]) == 0
    expected = capsys.readouterr().out
    read: list[str] = []
    original = runner._read
    monkeypatch.setattr(runner, "_read", lambda path, *args: read.append(str(path)) or original(path, *args))
    assert main(["check", "--format", "json", given]) == 0
    assert capsys.readouterr().out == expected and read == []


def test_a_first_run_of_a_day_builds_the_site_index_from_the_summaries_stored_the_day_before(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Summaries and facts are keyed by what they depend on (`summary_key`: not the date, nor the
    rules selected): a pre-commit run over one post on the next day reads no other post (it read
    every post of a 100,000-post site), while findings a rule dated (FM007: a date in the future)
    are found again on the day they change."""
    import postlint.parse.files as files

    tomorrow = TODAY + dt.timedelta(days=1)
    future = site / "content" / "posts" / "post-5.md"
    future.write_text(future.read_text(encoding="utf-8").replace("date: 2024-05-01", f"date: {tomorrow.isoformat()}"), encoding="utf-8")
    _age(site)
    config = from_mapping({"content-dirs": ["content"], "cache-dir": ".cache"}, root=site)

    def codes(paths: list[str], day: dt.date, **options: object) -> list[tuple[str, int, str]]:
        result = run(paths, config, cwd=site, today=day, **options)  # type: ignore[arg-type]
        return [(f.path, f.line, f.code) for f in result.findings]

    whole = codes([str(site / "content")], TODAY, use_cache=True)
    assert ("content/posts/post-5.md", 3, "FM007") in whole  # dated tomorrow
    reads: list[str] = []
    original = files.read_file
    monkeypatch.setattr(files, "read_file", lambda path, *info: reads.append(Path(path).name) or original(path, *info))
    one = str(site / "content" / "posts" / "post-20.md")
    cached = codes([one], tomorrow, use_cache=True)
    assert reads == []  # its findings hold on any day; the index from the summaries, the cross-post rules run on it
    assert cached == codes([one], tomorrow)
    reads.clear()
    next_day = codes([str(site / "content")], tomorrow, use_cache=True)
    assert reads == ["post-5.md", "post-6.md"]  # the one post the date changed, linted again (and the post its link names, for its anchors)
    assert next_day == codes([str(site / "content")], tomorrow)  # the findings of the new day
    assert ("content/posts/post-5.md", 3, "FM007") not in next_day


def test_findings_that_read_the_date_are_served_on_the_days_they_hold_for(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Findings are not keyed by the date: a post's row says the days it holds for when a rule read
    the date (FM007 asks `ctx.is_future`: before the post's date when it is in the future, from it on
    when not; a rule reading `ctx.today` ties its post's row to that day), and is linted again only
    on a day outside them; the run's outcome holds for the days all its posts' rows hold for."""
    import postlint.parse.files as files
    from postlint import Rule, Severity
    from postlint.testing import registry_with

    later = TODAY + dt.timedelta(days=10)
    future = site / "content" / "posts" / "post-5.md"
    future.write_text(future.read_text(encoding="utf-8").replace("date: 2024-05-01", f"date: {later.isoformat()}"), encoding="utf-8")
    _age(site)
    config = from_mapping({"content-dirs": ["content"], "cache-dir": ".cache"}, root=site)

    def codes(day: dt.date, **options: object) -> list[tuple[str, int, str]]:
        result = run([str(site / "content")], config, cwd=site, today=day, **options)  # type: ignore[arg-type]
        return [(f.path, f.line, f.code) for f in result.findings]

    first = codes(TODAY, use_cache=True)
    assert ("content/posts/post-5.md", 3, "FM007") in first
    held = cache_rows(site / ".cache")["days"]
    assert sorted(set(held.values())) == [(1, later.toordinal() - 1), (dt.date(2024, 5, 1).toordinal(), dt.date.max.toordinal())]
    reads: list[str] = []
    original = files.read_file
    monkeypatch.setattr(files, "read_file", lambda path, *info: reads.append(Path(path).name) or original(path, *info))
    for day in (TODAY + dt.timedelta(days=1), later - dt.timedelta(days=1)):  # days its FM007 holds for: nothing linted
        assert codes(day, use_cache=True) == first
        assert reads == []
    assert ("content/posts/post-5.md", 3, "FM007") not in codes(later, use_cache=True)  # its date has come
    assert reads == ["post-5.md", "post-6.md"]  # linted again (and the post its link names, for its anchors)
    reads.clear()
    back = codes(TODAY - dt.timedelta(days=1), use_cache=True)  # a day back: in the future again
    assert reads == ["post-5.md", "post-6.md"]
    assert back == first == codes(TODAY - dt.timedelta(days=1))

    class Today(Rule):
        """Reads today's date."""

        code, name, summary, severity = "XT001", "reads-today", "Reads the date", Severity.INFO

        def check(self, post, ctx):  # type: ignore[no-untyped-def]
            if post.path.name == "post-8.md" and ctx.today.day % 2:
                yield self.report(post, 1, 1, "an odd day")

    dated = from_mapping({"content-dirs": ["content"], "cache-dir": ".cache", "extend-select": ["XT001"]}, root=site)
    registry = registry_with(dated, [Today])

    def with_rule(day: dt.date) -> list[str]:
        found = run([str(site / "content")], dated, cwd=site, today=day, registry=registry, use_cache=True).findings  # type: ignore[arg-type]
        return [f.code for f in found if f.code == "XT001"]

    odd = next(TODAY + dt.timedelta(days=k) for k in range(1, 3) if (TODAY + dt.timedelta(days=k)).day % 2)  # before post-5's date
    assert with_rule(odd) == ["XT001"]
    reads.clear()
    assert with_rule(odd) == ["XT001"] and reads == []  # the same day: served
    assert with_rule(odd + dt.timedelta(days=1)) == [] and reads == ["post-8.md", "post-9.md"]  # another day: post-8 alone linted again (post-9: its anchors)


def test_rows_of_the_run_key_outlive_the_day_they_were_stored_on_and_other_keys_rows_do_not(site: Path) -> None:
    """The first save of a day deletes earlier days' rows of other keys (another selection of
    rules), but not stat rows, nor the summaries and facts of the run's own `summary_key` and the
    findings of its run key, which go once not written for `STAT_DAYS` — unless the run used them
    (an unchanged post's rows are never written again)."""
    import sqlite3

    import postlint.cache.results as results

    config = from_mapping({"content-dirs": ["content"], "cache-dir": ".cache"}, root=site)
    one = site / "content" / "posts" / "post-3.md"
    run([str(site / "content")], config, cwd=site, today=TODAY, use_cache=True)
    other = from_mapping({"content-dirs": ["content"], "cache-dir": ".cache", "select": ["FM"]}, root=site)
    run([str(site / "content" / "posts" / "post-7.md")], other, cwd=site, today=TODAY, use_cache=True)  # another run key

    def kinds() -> dict[int, int]:
        db = sqlite3.connect(site / ".cache" / "results.sqlite3")
        try:
            return dict(db.execute("SELECT kind, count(*) FROM cached GROUP BY kind").fetchall())
        finally:
            db.close()

    assert (kinds()[results._SUMMARY], kinds()[results._FINDINGS]) == (80, 41)  # the FM run's own summaries (its config) and findings row for post-7
    # the next day: the edited post's rows too (the FM run's are gone); a month later, the rows the run
    # used (the site index reads every post's summary), none of the edited post's earlier versions
    for days, rows in ((1, 41), (results.STAT_DAYS + 2, 40)):
        one.write_text(one.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")  # something to save
        run([str(one)], config, cwd=site, today=TODAY + dt.timedelta(days=days), use_cache=True)
        assert (kinds()[results._SUMMARY], kinds()[results._FINDINGS]) == (rows, rows), days


def test_a_content_dir_the_run_walked_is_not_walked_again_for_the_index(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`postlint check .` walks the content dirs: the site index takes their posts from that walk (one
    config for every folder) instead of walking them again; a content dir the walk did not enter
    (excluded, or a folder config of its own) is walked for the index as before."""
    from dataclasses import replace

    import postlint.cache.runner as runner

    walks: list[list[str]] = []
    original = runner.collect
    monkeypatch.setattr(runner, "collect", lambda paths, *rest, **named: walks.append([Path(p).name for p in paths]) or original(paths, *rest, **named))

    def codes(**settings: object) -> list[tuple[str, str]]:
        config = from_mapping({"content-dirs": ["content"], "cache-dir": ".cache", **settings}, root=site)
        result = run([str(site)], config, cwd=site, today=TODAY)
        return sorted((f.path, f.code) for f in result.findings)

    found = codes()
    assert walks == [[site.name]]  # the run's walk alone
    assert ("content/posts/post-10.md", "SEO004") in found
    walks.clear()
    apart = lambda paths, *rest, **named: walks.append([Path(p).name for p in paths]) or replace(original(paths, *rest, **named), one_config=False)  # noqa: E731
    monkeypatch.setattr(runner, "collect", apart)
    assert codes() == found  # the index walked on its own: the same findings
    assert walks == [[site.name], ["content"]]
    walks.clear()
    (site / "notes").mkdir()
    (site / "notes" / "todo.md").write_text(post("Notes kept beside the site", "Some words here."), encoding="utf-8")
    assert {path for path, _ in codes(exclude=["content/"])} == {"notes/todo.md"}  # content/ left out of the run's walk
    assert walks == [[site.name], ["content"]]  # so the index is walked on its own


def test_a_file_of_the_run_is_readable_until_reading_it_fails(tmp_path: Path) -> None:
    """`_File.readable` (an attribute a run reads for every file): a file read, or vouched for and
    read on use, is readable; once that read fails (the file went away) it is not, and says why."""
    from postlint.cache.runner import _File

    post = tmp_path / "p.md"
    post.write_bytes(b"# Hi\n")
    read = _File(str(post), "p.md", str(post), b"# Hi\n", entry=b"e" * 16)
    read.release()  # dropped, read again on use
    vouched = _File(str(post), "p.md", str(post), None, lazy=True, size=5, entry=b"e" * 16)
    gone = _File(str(tmp_path / "gone.md"), "gone.md", str(tmp_path / "gone.md"), None, lazy=True, size=5, entry=b"e" * 16)
    failed = _File(str(tmp_path / "x.md"), "x.md", str(tmp_path / "x.md"), None, "cannot read")
    assert [f.readable for f in (read, vouched, gone, failed)] == [True, True, True, False]
    assert (read.data, vouched.data, gone.data) == (b"# Hi\n", b"# Hi\n", None)
    assert [f.readable for f in (read, vouched, gone, failed)] == [True, True, False, False]
    assert gone.error == "no such file (or a broken symbolic link)"
