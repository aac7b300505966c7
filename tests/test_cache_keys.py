"""The results cache never serves a finding that depends on a file's path, name, URL or site
to another path, name or site; and a stat it trusts includes what a user cannot set back (ctime)."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

from postlint.cache.results import ALL_KINDS, ResultCache
from postlint.cache.runner import run
from postlint.model.config import from_mapping
from postlint.model.findings import Finding, Severity

TODAY = dt.date(2025, 6, 1)


def _lint(root: Path, target: str = "content", **options: object) -> list[tuple[str, str, str]]:
    config = from_mapping({"content-dirs": ["content"], "cache-dir": ".cache"}, root=root)
    result = run([str(root / target)], config, cwd=root, today=TODAY, jobs=1, **options)  # type: ignore[arg-type]
    return sorted((f.path, f.code, f.message) for f in result.findings)


def _post(title: str, body: str = "Some words about kettles and tea.") -> str:
    return f'---\ntitle: "{title}"\ndate: 2024-05-01\n---\n{body}\n'


def _posts(root: Path, posts: dict[str, str]) -> Path:
    """`content/posts/` with these posts (name -> text), dated a minute back (a fresh file's
    stat is not trusted); the folder."""
    folder = root / "content" / "posts"
    folder.mkdir(parents=True)
    for name, text in posts.items():
        (folder / name).write_text(text, encoding="utf-8")
        os.utime(folder / name, (time.time() - 60, time.time() - 60))
    return folder


def test_a_renamed_post_loses_the_slug_finding_of_its_old_name(tmp_path: Path) -> None:
    posts = _posts(tmp_path, {"Clean_Kettle.md": _post("How to clean a kettle with vinegar")})
    old = posts / "Clean_Kettle.md"
    assert any(code == "FM010" for _, code, _ in _lint(tmp_path, use_cache=True))
    old.rename(posts / "clean-kettle.md")  # git mv: same bytes, same mtime
    cached = _lint(tmp_path, use_cache=True)
    assert cached == _lint(tmp_path)
    assert not any(code == "FM010" for _, code, _ in cached)


def test_a_byte_identical_copy_gets_its_own_slug(tmp_path: Path) -> None:
    posts = _posts(tmp_path, {"kettle.md": _post("How to clean a kettle with vinegar")})
    original = posts / "kettle.md"
    _lint(tmp_path, use_cache=True)
    (posts / "kettle-copy.md").write_bytes(original.read_bytes())
    cached = _lint(tmp_path, use_cache=True)
    assert cached == _lint(tmp_path)
    assert not any(code == "SEO006" for _, code, _ in cached)  # two slugs: kettle, kettle-copy


def test_a_renamed_post_s_inbound_links_break_at_once(tmp_path: Path) -> None:
    posts = _posts(tmp_path, {
        "linking.md": _post("A post that links to the kettle", "Read [the kettle post](/posts/kettle/)."),
        "kettle.md": _post("How to clean a kettle with vinegar"),
    })
    assert not any(code == "LNK006" for _, code, _ in _lint(tmp_path, use_cache=True))
    (posts / "kettle.md").rename(posts / "descaling.md")
    cached = _lint(tmp_path, use_cache=True)
    assert cached == _lint(tmp_path)
    assert [(p, code) for p, code, _ in cached if code == "LNK006"] == [("content/posts/linking.md", "LNK006")]


def test_a_file_rewritten_with_its_size_and_mtime_restored_is_read_again(tmp_path: Path) -> None:
    target = _posts(tmp_path, {"kettle.md": _post("How to clean a kettle with vinegar", "See http://kettles.example/ now.")}) / "kettle.md"
    before = os.stat(target)
    first = _lint(tmp_path, use_cache=True)
    assert _lint(tmp_path, use_cache=True) == first  # the stat is trusted now
    target.write_text(_post("How to clean a kettle with vinegar", "See https://kettle.example/ now."), encoding="utf-8")
    assert os.stat(target).st_size == before.st_size
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))  # what `touch -d` or a restore tool does
    after = _lint(tmp_path, use_cache=True)
    assert after == _lint(tmp_path) != first


def test_a_link_into_a_missing_folder_lands_once_the_folder_and_file_appear(tmp_path: Path) -> None:
    """Under a missing folder nothing is asked: the folder stands for every path below it in
    what a cached result assumed, so its appearance is noticed."""
    posts = _posts(tmp_path, {"guide.md": _post("A guide to kettles", "Read [the leaflet](/posts/leaflets/kettle/).")})
    assert [code for _, code, _ in _lint(tmp_path, use_cache=True) if code == "LNK006"] == ["LNK006"]
    leaflet = posts / "leaflets" / "kettle.html"  # an HTML page of the content folder (Hugo)
    leaflet.parent.mkdir(parents=True)
    leaflet.write_text("<p>Descale monthly.</p>\n", encoding="utf-8")
    cached = _lint(tmp_path, use_cache=True)
    assert cached == _lint(tmp_path)
    assert not any(code == "LNK006" for _, code, _ in cached)


def test_paths_under_a_missing_folder_are_not_each_asked_or_kept(tmp_path: Path, monkeypatch) -> None:
    from postlint.site.index import Site

    site = Site(tmp_path, tmp_path / "content", [])
    (tmp_path / "content").mkdir()
    asked: list[str] = []
    real_stat = os.stat
    monkeypatch.setattr(os, "stat", lambda path, *a, **k: asked.append(os.fspath(path)) or real_stat(path, *a, **k))
    missing = [tmp_path / "content" / "tea" / str(n) / name for n in range(500) for name in ("index.md", "_index.md")]
    assert not any(site.is_file(path) for path in missing)
    assert asked == [str(tmp_path / "content" / "tea" / "0" / "index.md"), str(tmp_path / "content" / "tea" / "0"), str(tmp_path / "content" / "tea"), str(tmp_path / "content")]
    # what the results assume: the first path as asked, then the nearest missing folder for the rest
    assert site.probed == {str(tmp_path / "content" / "tea" / "0" / "index.md"), str(tmp_path / "content" / "tea" / "0"), str(tmp_path / "content" / "tea")}
    assert site.is_dir(tmp_path / "content") and not site.exists(tmp_path / "content" / "tea")
    site.probed.clear()  # the next post: what its result assumes is that the folder is missing
    assert not site.is_file(tmp_path / "content" / "tea" / "kettle" / "index.md")
    assert site.probed == {str(tmp_path / "content" / "tea")}


def test_posts_without_findings_are_those_cached_empty_for_their_content_or_this_site(tmp_path: Path) -> None:
    """`without_findings` says yes only for an empty row of the post alone or of this very site
    with no file looked for; it drops those rows from memory and keeps every other."""
    stored = ResultCache.load(tmp_path, "run-key")
    found = Finding(path="a.md", line=1, column=1, code="SEO001", name="title-missing", severity=Severity.ERROR, message="no title")
    stored.put_findings(b"alone-empty-----", None, [])
    stored.put_findings(b"site-empty------", "fp-now", [])
    stored.put_findings(b"other-site------", "fp-old", [])
    stored.put_findings(b"looked-for------", "fp-now", [], files={"static/a.png": "missing"})
    stored.put_findings(b"has-findings----", None, [found])
    stored.put_findings(b"not-in-the-run--", None, [])
    stored.save()
    cache = ResultCache.load(tmp_path, "run-key")
    cache.prefetch(*ALL_KINDS)
    asked = [b"alone-empty-----", b"site-empty------", b"other-site------", b"looked-for------", b"has-findings----", b"unknown---------"]
    assert cache.without_findings(asked, "fp-now") == [True, True, False, False, False, False]
    assert sorted(cache.linted()) == [b"has-findings----", b"looked-for------", b"not-in-the-run--", b"other-site------"]
    assert cache.rows(b"has-findings----", "fp-now") is not None


def test_the_site_fingerprint_changes_with_any_post_s_content_path_presence_or_folders() -> None:
    from postlint.cache.results import content_hash, entry_key, site_fingerprint

    a, b, c = (entry_key(content_hash(text), path) for text, path in [(b"a", "/s/a.md"), (b"b", "/s/b.md"), (b"c", "/s/c.md")])
    base = site_fingerprint(["/s/a.md", "/s/b.md"], [a, b], [Path("/s")], "/w")
    assert site_fingerprint(["/s/b.md", "/s/a.md"], [b, a], [Path("/s")], "/w") == base  # the run's order does not matter
    assert site_fingerprint(["/s/b.md", "/s/a.md"], [a, b], [Path("/s")], "/w") != base  # taken in the paths' order
    edited = entry_key(content_hash(b"b!"), "/s/b.md")
    moved = entry_key(content_hash(b"b"), "/s/bb.md")
    others = [
        site_fingerprint(["/s/a.md", "/s/b.md"], [a, edited], [Path("/s")], "/w"),  # a post's content
        site_fingerprint(["/s/a.md", "/s/bb.md"], [a, moved], [Path("/s")], "/w"),  # a post's path
        site_fingerprint(["/s/a.md", "/s/b.md", "/s/c.md"], [a, b, c], [Path("/s")], "/w"),  # a post added
        site_fingerprint(["/s/a.md"], [a], [Path("/s")], "/w"),  # a post removed
        site_fingerprint(["/s/a.md", "/s/b.md"], [a, b], [Path("/s"), Path("/static")], "/w"),  # a static folder
        site_fingerprint(["/s/a.md", "/s/b.md"], [a, b], [Path("/s")], "/x"),  # the working folder
    ]
    assert len({base, *others}) == len(others) + 1


def test_the_context_records_the_days_a_rule_s_reading_of_the_date_holds_for() -> None:
    """`is_future` narrows `days` to the days with the same answer; reading `today` to this day; the
    engine's `run_date` records nothing."""
    from postlint.model.context import ALL_DAYS, Context

    today = dt.date(2026, 12, 7)
    ctx = Context(from_mapping({}, root=Path('.')), today)
    assert ctx.days == ALL_DAYS and ctx.run_date == today and ctx.days == ALL_DAYS
    assert ctx.is_future(dt.date(2026, 12, 20)) is True
    assert ctx.days == (1, dt.date(2026, 12, 19).toordinal())  # until the day before the date
    ctx.days = ALL_DAYS
    assert ctx.is_future(dt.date(2026, 12, 7)) is False and ctx.is_future(dt.date(2025, 1, 1)) is False
    assert ctx.days == (today.toordinal(), dt.date.max.toordinal())  # from the latest date on
    assert ctx.today == today and ctx.days == (today.toordinal(), today.toordinal())
    assert Context(from_mapping({}, root=Path('.')), today=today).run_date == today  # `today=` as before


def test_a_dated_findings_row_and_the_outcome_built_on_it_are_served_on_their_days_only(tmp_path: Path) -> None:
    """A findings row stored with days (`Context.days`) is served on those days and not others;
    the run's outcome holds for the days all the rows it was built on hold for."""
    found = Finding(path="a.md", line=1, column=1, code="FM007", name="date-in-future", severity=Severity.WARNING, message="soon")
    first, last = dt.date(2026, 12, 1).toordinal(), dt.date(2026, 12, 9).toordinal()
    stored = ResultCache.load(tmp_path, "run-key", first, "json")
    stored.put_findings(b"dated-----------", None, [found], days=(1, last))
    stored.put_findings(b"any-day---------", None, [])
    stored.put_findings(b"from-a-date-----", None, [], days=(first, dt.date.max.toordinal()))
    stored.put_outcome(b"outcome-key-----", b"contents", "fp", [(0, {("FM007", Severity.WARNING, False): 1}, b"line\n")])
    stored._put(2, b"hand-edited-----", "days\nsoon-\n[]")  # a findings row (kind 2) whose days do not read
    stored.save()
    for day, served in ((first, True), (last, True), (last + 1, False), (first - 1, False)):
        cache = ResultCache.load(tmp_path, "run-key", day, "json")
        cache.prefetch(*ALL_KINDS)
        assert cache.without_findings([b"from-a-date-----"], "fp") == [day >= first], day
        assert (cache.rows(b"dated-----------", "fp") is not None) == (day <= last), day
        assert cache.rows(b"any-day---------", "fp") == ("[]", False)
        assert cache.rows(b"hand-edited-----", "fp") is None  # linted again
        assert (cache.outcome(b"outcome-key-----", b"contents", "fp", lambda path: "") is not None) == served, day
