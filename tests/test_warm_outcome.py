"""A warm run reads a folder's stat rows as one row and the run's outcome as one row
(`ResultCache.vouched`, `ResultCache.outcome`), and whatever could change a report is still
seen: an edit that keeps a file's size and mtime, a new post in a folder whose mtime is set
back, a removed post, a config change, a file a post looked for, a post outside the run."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from postlint.cache.results import ResultCache, unpack_folder
from postlint.cli.main import main
from projects import age


def _post(title: str, body: str) -> str:
    return f'---\ntitle: "{title}"\ndate: 2024-05-01\n---\n{body}\n'


@pytest.fixture()
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Twelve posts, each linking to the next one's section (their findings depend on the site),
    some with an insecure link, two sharing a title."""
    posts = tmp_path / "content" / "posts"
    posts.mkdir(parents=True)
    (tmp_path / ".postlint.yaml").write_text("content-dirs: [content]\n", encoding="utf-8")
    for i in range(12):
        title = "A shared title for two posts" if i in (3, 7) else f"Post number {i} about brewing coffee"
        insecure = f"\n\nhttp://insecure.example/{i}" if i % 4 == 1 else ""
        body = f"## Section {i}\n\nSome words here. See [the next post](/posts/post-{i + 1}/#section-{i + 1}).{insecure}\n"
        (posts / f"post-{i}.md").write_text(_post(title, body), encoding="utf-8")
    age(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _report(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    main(["check", "--format", "json", "--exit-zero", "--jobs", "1", *args])
    return capsys.readouterr().out


def _kinds_asked(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    asked: list[int] = []
    original = ResultCache._query
    monkeypatch.setattr(ResultCache, "_query", lambda self, kind, key: asked.append(kind) or original(self, kind, key))
    return asked


def _stats(root: Path) -> dict[str, bytes]:
    """Each recorded file's stat record (absolute path -> 80 bytes), from its folder's row."""
    import sqlite3

    db = sqlite3.connect(root / ".postlint_cache" / "results.sqlite3")
    try:
        rows = db.execute("SELECT key, value FROM cached WHERE kind = 0").fetchall()
    finally:
        db.close()
    out: dict[str, bytes] = {}
    for folder, value in rows:
        index, row = unpack_folder(value)  # type: ignore[misc]
        out.update({folder + name: row[at:at + 80] for name, at in index.items()})
    return out


def _outcome_rows(root: Path) -> int:
    import sqlite3

    db = sqlite3.connect(root / ".postlint_cache" / "results.sqlite3")
    try:
        return int(db.execute("SELECT count(*) FROM cached WHERE kind = 7").fetchone()[0])
    finally:
        db.close()


def test_a_warm_run_reads_no_row_per_post(site: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    plain = _report(capsys, "--no-cache")
    assert '"LNK003"' in plain or '"SEO004"' in plain  # some posts have findings
    assert _report(capsys) == plain  # cold
    asked = _kinds_asked(monkeypatch)
    assert _report(capsys) == plain  # warm
    # the walk's records, the stat rows (one a folder), the cross-post rules' findings, the outcome; no
    # lines row, and the findings rows only of the posts a cross-post finding is merged into (a shared
    # title, an orphan)
    assert set(asked) <= {0, 2, 5, 6, 7} and asked.count(0) == 1 and asked.count(7) == 1
    assert asked.count(2) == len({f["path"] for f in json.loads(plain)["findings"] if f["code"] in ("SEO004", "SEO008")}) == 3
    assert len(_stats(site)) == 12


def test_an_edit_keeping_size_and_mtime_is_seen(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = site / "content" / "posts" / "post-2.md"
    before = target.stat()
    first = _report(capsys)
    assert _report(capsys) == first
    target.write_text(target.read_text(encoding="utf-8").replace("Some words here.", "Some wordz here."), encoding="utf-8")
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))  # `touch -d`, a restore tool
    assert target.stat().st_size == before.st_size and target.stat().st_mtime_ns == before.st_mtime_ns
    target.write_text(target.read_text(encoding="utf-8").replace("## Section 2", "## Sektion 2"), encoding="utf-8")
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
    warm = _report(capsys)
    assert warm == _report(capsys, "--no-cache") != first  # post-1's link to #section-2 is broken now
    assert '"#section-2"' in warm or "section-2" in warm
    assert _outcome_rows(site) == 1  # the run over the same posts replaced its outcome


def test_a_new_post_in_a_folder_whose_mtime_is_set_back_is_linted(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = site / "content" / "posts"
    first = _report(capsys)
    assert _report(capsys) == first
    before = folder.stat()
    (folder / "post-new.md").write_text(_post("A new post with an insecure link", "http://insecure.example/new\n"), encoding="utf-8")
    old = time.time() - 60
    os.utime(folder / "post-new.md", (old, old))
    os.utime(folder, ns=(before.st_atime_ns, before.st_mtime_ns))
    warm = _report(capsys)
    assert "content/posts/post-new.md" in warm
    assert warm == _report(capsys, "--no-cache")


def test_a_removed_post_leaves_the_report_and_its_folders_stat_row(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = site / "content" / "posts"
    first = _report(capsys)
    assert _report(capsys) == first
    (folder / "post-5.md").unlink()
    (folder / "post-6.md").write_text(_post("Post number 6, edited", "## Section 6\n\nOther words.\n"), encoding="utf-8")
    age(site)
    warm = _report(capsys)
    assert "content/posts/post-5.md" not in warm and warm == _report(capsys, "--no-cache")
    assert _report(capsys) == warm
    assert sorted(Path(path).name for path in _stats(site)) == sorted(f"post-{i}.md" for i in range(12) if i != 5)


def test_a_changed_config_is_not_served_the_old_outcome(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = _report(capsys)
    assert _report(capsys) == first
    (site / ".postlint.yaml").write_text("content-dirs: [content]\nignore: [LNK010]\nseverity: {CTA001: warning}\n", encoding="utf-8")
    warm = _report(capsys)
    assert warm == _report(capsys, "--no-cache") != first
    assert '"LNK010"' not in warm and '"CTA001", "name": "cta-missing", "severity": "warning"' in warm


def test_a_file_a_post_looked_for_appearing_changes_the_outcome(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    posts = site / "content" / "posts"
    (posts / "post-4.md").write_text(_post("Post number 4 about brewing coffee", "## Section 4\n\n![A kettle](kettle.webp)\n"), encoding="utf-8")
    age(site)
    first = _report(capsys)
    assert "kettle.webp" in first
    assert _report(capsys) == first
    (posts / "kettle.webp").write_bytes(b"RIFF" + b"\0" * 100)  # nothing linted changed: only the file it looked for
    warm = _report(capsys)
    assert "kettle.webp" not in warm and warm == _report(capsys, "--no-cache")


def test_a_post_outside_the_run_changing_changes_the_outcome(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    one = "content/posts/post-0.md"  # links to post-1's section; post-1 is in the site index only
    first = _report(capsys, one)
    assert _report(capsys, one) == first and "section-1" not in first
    other = site / "content" / "posts" / "post-1.md"
    other.write_text(other.read_text(encoding="utf-8").replace("## Section 1", "## Part 1"), encoding="utf-8")
    age(site)
    warm = _report(capsys, one)
    assert "section-1" in warm and warm == _report(capsys, "--no-cache", one)


def test_runs_over_other_posts_of_one_site_each_get_their_own_outcome(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The same site (same fingerprint), different posts linted, or the same posts in another order:
    each run's own outcome."""
    one, two = "content/posts/post-1.md", "content/posts/post-2.md"
    runs = [(), (one,), (one, two), (two,), (two, one)]
    plain = [_report(capsys, "--no-cache", *paths) for paths in runs]
    assert len(set(plain)) == len(runs) - 1 and plain[2] == plain[4]
    for _ in range(2):  # cold, then warm
        assert [_report(capsys, *paths) for paths in runs] == plain


def test_a_run_over_part_of_a_folder_keeps_the_other_files_stat_records(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / ".postlint.yaml").write_text("profile: blog\n", encoding="utf-8")  # no site index: a run reads its own files
    _report(capsys)
    recorded = _stats(site)
    assert len(recorded) == 12
    one = site / "content" / "posts" / "post-3.md"
    one.write_text(one.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    os.utime(one, (time.time() - 60, time.time() - 60))
    _report(capsys, "content/posts/post-3.md")
    after = _stats(site)
    assert set(after) == set(recorded) and after[str(one)] != recorded[str(one)]
    assert {path: value for path, value in after.items() if path != str(one)} == {p: v for p, v in recorded.items() if p != str(one)}


def test_a_report_from_the_outcome_keeps_site_wide_findings_and_exit_codes(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plain = json.loads(_report(capsys, "--no-cache"))
    assert {f["code"] for f in plain["findings"]} >= {"SEO004"}
    _report(capsys)
    assert json.loads(_report(capsys)) == plain
    errors = any(f["severity"] == "error" for f in plain["findings"])
    assert main(["check", "--format", "json", "--fail-on", "error", "-q", "-o", "report.json"]) == int(errors)
    assert json.loads((site / "report.json").read_text(encoding="utf-8")) == plain


def test_findings_rows_gone_under_a_recalled_outcome_mean_linting_those_posts(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The posts a cross-post finding is merged into need their findings, not only their lines: a
    findings row that is gone (or does not decode) means linting the post again."""
    import sqlite3

    plain = _report(capsys, "--no-cache")
    _report(capsys)
    db = sqlite3.connect(site / ".postlint_cache" / "results.sqlite3")
    with db:
        db.execute("DELETE FROM entries WHERE kind = 2")
        db.execute("DELETE FROM longs WHERE kind = 2")
    db.close()
    assert _report(capsys) == plain


def test_files_named_from_folders_in_turn_are_each_checked_against_their_own_folder(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    drafts = site / "content" / "drafts"
    drafts.mkdir()
    for i in range(3):
        (drafts / f"post-{i}.md").write_text(_post(f"Draft number {i} about grinding beans", f"## Draft {i}\n\nhttp://insecure.example/d{i}\n"), encoding="utf-8")
    age(site)
    named = [f"content/{folder}/post-{i}.md" for i in range(3) for folder in ("posts", "drafts")]  # a, b, a, b...
    first = _report(capsys, *named)
    assert _report(capsys, *named) == first == _report(capsys, "--no-cache", *named)
    (drafts / "post-1.md").write_text(_post("Draft number 1 about grinding beans", "## Draft 1\n\nNo links now.\n"), encoding="utf-8")
    age(site)
    warm = _report(capsys, *named)
    assert warm == _report(capsys, "--no-cache", *named) != first


@pytest.mark.parametrize("target", ["./content", "content/./posts", "content//posts", "content/../content/posts"])
def test_files_named_with_a_dot_part_or_a_double_slash_are_reported_as_a_plain_run_names_them(
    site: Path, capsys: pytest.CaptureFixture[str], target: str
) -> None:
    plain = _report(capsys, "--no-cache", target)
    assert _report(capsys, target) == plain  # cold
    assert _report(capsys, target) == plain  # warm: the stat rows vouch for each file, named as the run names it


def test_the_stat_rows_vouch_for_a_file_named_plainly_relative_or_absolute(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`ResultCache.vouched` makes the run's object of each file named as its absolute path less the
    working folder (with or without a leading `./`), or as that absolute path itself (hidden names
    too: `.draft.md`); a name with another `.` or `..` part or `//` is left to `_read` (None), which
    names it as the run always has."""
    from postlint.cache.results import ALL_KINDS
    from postlint.cache.runner import _File, _read

    hidden = site / "content" / "posts" / ".draft.md"
    hidden.write_text(_post("A hidden draft", "Words."), encoding="utf-8")
    age(site)
    _report(capsys, "content/posts/.draft.md", "content")  # cold: every file's stat recorded
    root = str(site)
    base = f"{root}/content/posts/"
    names = [
        "content/posts/post-1.md", f"{base}post-2.md", "content/posts/.draft.md", "./content/posts/post-3.md",
        "content/posts/../posts/post-4.md", "content//posts/post-5.md", f"{root}/content/./posts/post-6.md",
    ]
    keys = [base + name for name in ("post-1.md", "post-2.md", ".draft.md", "post-3.md", "post-4.md", "post-5.md", "post-6.md")]
    cache = ResultCache.load(site / ".postlint_cache", "", 0)
    cache.prefetch(*ALL_KINDS)
    made = cache.vouched(names, keys, _File, root + "/")
    assert made is not None
    assert [None if f is None else (f.path, f.display, f.key, f.size > 0, len(f.entry), f.readable) for f in made] == [
        ("content/posts/post-1.md", "content/posts/post-1.md", keys[0], True, 16, True),
        (names[1], "content/posts/post-2.md", keys[1], True, 16, True),
        ("content/posts/.draft.md", "content/posts/.draft.md", keys[2], True, 16, True),
        ("./content/posts/post-3.md", "content/posts/post-3.md", keys[3], True, 16, True),  # as the walk of `.` names it
        None, None, None,
    ]
    for name, key, file in zip(names, keys, made):  # what `_read` makes of the same names: the same
        read = _read(name, site, cache, time.time(), root, True, key)
        assert read.key == key and len(read.entry) == 16
        if file is not None:
            assert (read.display, read.entry, read.size) == (file.display, file.entry, file.size)


def _two_folders_recorded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Folders `content/aa` and `content/bb` of four posts each, every file's stat recorded by a run."""
    for folder in ("aa", "bb"):
        (tmp_path / "content" / folder).mkdir(parents=True)
        for i in range(1, 5):
            (tmp_path / "content" / folder / f"p{i}.md").write_text(_post(f"{folder} {i}", f"Words of {folder}, post {i}."), encoding="utf-8")
    (tmp_path / ".postlint.yaml").write_text("content-dirs: [content]\n", encoding="utf-8")
    age(tmp_path)
    monkeypatch.chdir(tmp_path)
    _report(capsys, "content")


def test_the_stat_rows_vouch_for_files_out_of_step_and_never_for_a_namesake_in_another_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`vouched` expects a folder's files in its row's order (no lookup while they agree); a new
    file, a file the run leaves out, or the next folder's file of the same name and path length
    puts it out of step: it finds the record by name, and never vouches for a file with another
    folder's record (each file's entry is its own, as `_read` makes it)."""
    from postlint.cache.results import ALL_KINDS, content_hash, entry_key
    from postlint.cache.runner import _File

    _two_folders_recorded(tmp_path, monkeypatch, capsys)
    (tmp_path / "content" / "aa" / "p2a.md").write_text(_post("new", "A new post."), encoding="utf-8")  # not recorded
    root = str(tmp_path)
    # bb/p2 comes where aa's row expects p2 (same name, same path length); aa/p3 is left out; bb's are out of order
    order = ["aa/p1.md", "bb/p2.md", "aa/p2.md", "aa/p2a.md", "aa/p4.md", "bb/p4.md", "bb/p1.md"]
    names = [f"content/{name}" for name in order]
    keys = [f"{root}/{name}" for name in names]
    cache = ResultCache.load(tmp_path / ".postlint_cache", "", 0)
    cache.prefetch(*ALL_KINDS)
    made = cache.vouched(names, keys, _File, root + "/")
    assert made is not None
    assert [file is not None for file in made] == [True, True, True, False, True, True, True]
    for name, key, file in zip(names, keys, made):
        if file is not None:
            data = Path(name).read_bytes()
            assert (file.path, file.display, file.key, file.entry, file.size) == (name, name, key, entry_key(content_hash(data), key), len(data))
    assert len({file.entry for file in made if file is not None}) == 6


def _fields(made: "list | None") -> list:
    assert made is not None
    return [None if f is None else (f.path, f.display, f.key, f.entry, f.size, f.readable) for f in made]


@pytest.fixture()
def two_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> tuple[list[str], list[str], str]:
    """Two folders of four posts each, every file's stat recorded; the run's names (out of step
    in places: a new file, a file of the other folder) and keys."""
    _two_folders_recorded(tmp_path, monkeypatch, capsys)
    (tmp_path / "content" / "bb" / "p2a.md").write_text(_post("new", "A new post."), encoding="utf-8")  # not recorded
    root = str(tmp_path)
    order = ["aa/p1.md", "aa/p2.md", "aa/p3.md", "aa/p4.md", "bb/p1.md", "bb/p2.md", "bb/p2a.md", "aa/p1.md", "bb/p4.md"]
    names = [f"content/{name}" for name in order]
    return names, [f"{root}/{name}" for name in names], root + "/"


def _loaded(root: str) -> ResultCache:
    from postlint.cache.results import ALL_KINDS

    cache = ResultCache.load(Path(root) / ".postlint_cache", "", 0)
    cache.prefetch(*ALL_KINDS)
    return cache


def test_a_big_folder_is_stat_ed_half_in_a_child_process_and_vouched_for_as_in_one(
    two_folders: tuple[list[str], list[str], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """From `SPLIT_MIN_FILES` files (and a run that may use two CPUs) a forked child stats the
    second half: what is vouched for is what one process vouches for, an edit in the child's half
    included (its size kept: the stat tells), and a file of the child's half is made with its size."""
    from postlint.cache import results
    from postlint.cache.runner import _File

    names, keys, under = two_folders
    monkeypatch.setattr(results, "SPLIT_MIN_FILES", 4)
    forks: list[int] = []
    real = results.in_child
    monkeypatch.setattr(results, "in_child", lambda work, size: forks.append(size) or real(work, size))
    edited = Path(names[5])  # bb/p2.md, in the child's half
    edited.write_text(edited.read_text(encoding="utf-8").replace("Words", "Wordz"), encoding="utf-8")
    alone, shared = _loaded(under), _loaded(under)
    one = _fields(alone.vouched(names, keys, _File, under))
    assert forks == []
    two = _fields(shared.vouched(names, keys, _File, under, split=True))
    assert forks == [5 * 25]  # the child's half, the last five files: 25 bytes each (flags, size, entry)
    assert two == one

    def seen(cache: ResultCache) -> dict[str, set[str]]:  # the files each folder's row may keep (`put_stats`)
        return {folder: {key for given in lists for key in given if key.startswith(folder)} for folder, lists in cache._seen.items()}

    assert seen(shared) == seen(alone) == {f"{under}content/{folder}/": {k for k in keys if f"/{folder}/" in k} for folder in ("aa", "bb")}
    assert [f is not None for f in two] == [True, True, True, True, True, False, False, True, True]
    assert [f[4] for f in two if f is not None] == [Path(name).stat().st_size for name, f in zip(names, two) if f is not None]
    monkeypatch.setattr(results, "SPLIT_MIN_FILES", 10)  # fewer files than that: one process
    assert _fields(_loaded(under).vouched(names, keys, _File, under, split=True)) == one
    assert forks == [5 * 25]


def test_a_child_that_fails_or_a_thread_running_leaves_the_stats_to_the_run(
    two_folders: tuple[list[str], list[str], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """No answer from the child (killed, failed, cut short): the run stats those files itself; with
    another thread running (the Language Server) no child is forked at all."""
    import threading

    from postlint.cache import results
    from postlint.cache.runner import _File

    names, keys, under = two_folders
    one = _fields(_loaded(under).vouched(names, keys, _File, under))
    monkeypatch.setattr(results, "SPLIT_MIN_FILES", 2)
    monkeypatch.setattr(results, "in_child", lambda work, size: lambda: None)
    assert _fields(_loaded(under).vouched(names, keys, _File, under, split=True)) == one
    forks: list[int] = []
    monkeypatch.setattr(results, "in_child", lambda work, size: forks.append(size) or (lambda: None))
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert _fields(_loaded(under).vouched(names, keys, _File, under, split=True)) == one
    finally:
        stop.set()
        thread.join()
    assert forks == []
    assert _fields(_loaded(under).vouched(names, keys, _File, under, split=True)) == one
    assert forks == [5 * 25]


def test_in_child_gives_the_child_s_answer_or_none() -> None:
    """`in_child`: the bytes the work returned, when there are exactly as many as asked; None when
    the work raised, was killed, or answered more or fewer."""
    import signal

    from postlint.cache.childwork import in_child

    assert in_child(lambda: b"\x01\x00\x01", 3)() == b"\x01\x00\x01"
    assert in_child(lambda: b"x" * 200_000, 200_000)() == b"x" * 200_000  # more than a pipe holds
    assert in_child(lambda: b"\x01\x00", 3)() is None
    assert in_child(lambda: b"x" * 200_001, 200_000)() is None
    assert in_child(lambda: bytes(1 // 0), 1)() is None
    assert in_child(lambda: os.kill(os.getpid(), signal.SIGKILL) or b"x", 1)() is None


def test_a_warm_run_that_stats_in_two_processes_reports_what_a_run_without_the_cache_does(
    site: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--jobs 2` on a site of more files than `SPLIT_MIN_FILES`: warm, and after an edit of a post
    in the child's half, the report is the one `--no-cache` gives."""
    from postlint.cache import results

    monkeypatch.setattr(results, "SPLIT_MIN_FILES", 4)
    forks: list[int] = []
    real = results.in_child
    monkeypatch.setattr(results, "in_child", lambda work, size: forks.append(size) or real(work, size))

    def report(*args: str) -> str:
        main(["check", "--format", "json", "--exit-zero", "--jobs", "2", *args, "content"])
        return capsys.readouterr().out

    plain = report("--no-cache")
    assert report() == plain  # cold
    assert report() == plain  # warm
    assert forks == [6 * 25]  # the warm run's: the cold run had no stat rows to compare with
    edited = site / "content" / "posts" / "post-8.md"  # the walk's order: post-0, 1, 10, 11, 2…: post-8 is 11th
    edited.write_text(edited.read_text(encoding="utf-8").replace("Some words here.", "Some words: http://edited.example/page"), encoding="utf-8")
    age(site)
    plain = report("--no-cache")
    assert [f["path"] for f in json.loads(plain)["findings"] if "edited.example" in f["message"]] == ["content/posts/post-8.md"]
    assert report() == plain
    assert report() == plain
    assert forks == [6 * 25] * 3
