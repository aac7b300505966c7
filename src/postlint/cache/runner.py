"""A whole run over files: read once, serve unchanged posts from the cache, lint the rest in parallel.

The flow: every file of the run and of the configured content dirs is read once
and hashed (or known by its stat); new or changed files are parsed once, in
worker processes when there are many (`firstpass`): a post only indexed gives
its site summary, a post of the run also its findings from every rule that needs
no other post and its facts (`engine.twostep.lint_early`); posts whose findings
are cached for this content and this site are not parsed at all; when some post
is to be linted, or the cross-post rules' cached findings do not hold for this
site, the site index is built (cached summaries decoded); the rules the first
pass left for later run on what the parse left (`lint_late`, in workers), and
the other posts to lint (changed summaries cached, a site edited) are linted
whole, in worker processes when there are enough of them; then the cross-post
rules run on the index. Given
the report's line format, the findings come back as a `FindingList`: an
unchanged post's report lines straight from the cache, new posts' rendered by
the workers.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import time
from collections.abc import Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import partial
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Iterator, TypeVar

from . import pool
from .firstpass import FirstLinted, SourceFile, encoded, finish_firsts, first_pass, first_passes, read_post
from .results import (
    ALL_KINDS,
    GRAPH_KEY,
    SITE_KINDS,
    WALKS,
    ResultCache,
    content_hash,
    decode_rows,
    entry_key,
    entries_digest,
    run_key,
    site_fingerprint,
    site_shape,
    site_rules_key,
    stat_key,
    summary_digest,
    summary_from_text,
    summary_key,
    summary_row,
)
from ..engine.findinglist import FileFindings, FindingList, LineFormat, Tally, render_lines, tally
from ..engine.linter import Linter, RunResult
from ..model.config import Config, Configs
from ..model.context import ALL_DAYS
from ..model.gcpolicy import GC_THRESHOLDS
from ..model.findings import SORT_KEY, Finding
from ..parse.paths import absolute, display_path, path_key, plain_path
from ..site.collect import Collected, collect
from ..site.graphmemo import GraphMemo
from ..site.postfacts import PostFacts, facts_of

if TYPE_CHECKING:  # pragma: no cover
    from typing import Callable

    from ..engine.registry import Registry
    from ..engine.twostep import Early
    from ..model.context import Context
    from ..model.rule import Rule
    from ..parse.document import Post
    from ..site.index import PostSummary, Site

#: From this many files in a run (or in its site index), the parent keeps no file's bytes once
#: hashed, and drops those it kept before forking workers for this many posts to lint: each
#: worker reads its own posts again (a 100,000-post site's bytes: 110 MB).
RELEASE_MIN_FILES = 5000
#: From this many files a run reads all cached rows at once rather than row by row.
PREFETCH_MIN_FILES = 64
CHUNK = 8


@contextmanager
def _lean_gc() -> Iterator[None]:
    """Freeze what exists (imports, config, read files: also spares forked workers copy-on-write
    faults) and collect rarely while linting; restore both afterwards."""
    before = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


class _File:
    """One file of the run: where it is, how the run names it, its bytes (read on first use
    when the cache vouched for its content by its stat), and its cache key (`entry`: content and
    path; empty when the file was not hashed). `readable`: its bytes are at hand or still to be
    read (an attribute, not a property: a run reads it for every file in several loops)."""

    __slots__ = ("path", "display", "key", "_data", "error", "_lazy", "entry", "size", "readable")

    def __init__(
        self, path: Path | str, display: str, key: str, data: bytes | None, error: str | None = None, lazy: bool = False, size: int = 0,
        entry: bytes = b"",
    ) -> None:
        self.path, self.display, self.key, self._data, self.error, self._lazy, self.entry = path, display, key, data, error, lazy, entry
        self.size = len(data) if data is not None else size  # known without reading it again (workers take big files first)
        self.readable = lazy or data is not None

    @property
    def data(self) -> bytes | None:
        """The file's bytes; None when it cannot be read (then `error` says why)."""
        if self._lazy:
            from ..parse.files import UnreadableFile, read_file

            self._lazy = False
            try:
                self._data = read_file(self.path)
            except UnreadableFile as exc:
                self._data, self.error, self.readable = None, str(exc), False
        return self._data

    def release(self) -> None:
        """Drop the bytes of a file already hashed: read again on use (a worker reads the posts it
        lints; a big site's bytes are not held by the parent for the whole run)."""
        if self._data is not None and self.entry:
            self._data, self._lazy = None, True


_T = TypeVar("_T")


class _Lazy(Generic[_T]):
    """A value made on first use (a warm run of a big site makes no per-file table it never reads)."""

    def __init__(self, make: "Callable[[], _T]") -> None:
        self._make: "Callable[[], _T] | None" = make
        self._value: _T | None = None

    def get(self) -> _T:
        if self._make is not None:
            self._value, self._make = self._make(), None
        return self._value  # type: ignore[return-value]


class LazySources(Mapping[str, list[str]]):
    """Display path -> the post's lines, decoded only when a reporter asks (fingerprints); the
    table of files is made then too."""

    def __init__(self, files: list[_File]) -> None:
        self._all = _Lazy(lambda: {f.display: f for f in files if f.readable})

    @property
    def _files(self) -> dict[str, _File]:
        return self._all.get()

    def __getitem__(self, key: str) -> list[str]:
        from ..parse.document import Post, UnreadableFile, split_lines

        file = self._files[key]
        try:
            return Post.from_bytes(Path(file.path), file.data or b"", file.display).lines  # the lines rules saw
        except UnreadableFile:
            return split_lines((file.data or b"").decode("utf-8", errors="replace").lstrip("\ufeff"))

    def __iter__(self) -> Iterator[str]:
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)


def _names(path: Path | str, cwd: str, here: str, known: str = "") -> tuple[str, str]:
    """(display path, index key) of a file: `display_path(path, cwd)` and `path_key(path)`, both
    from `here` (the working folder, asked once a run) and the path's text when that is plain
    (`plain_path`: POSIX, no `.` or `..` part but a leading `./`); `known`:
    its absolute path, when the walk gave it."""
    text = plain_path(os.fspath(path))
    if text is not None and here.startswith("/"):
        key = known or (text if text.startswith("/") else f"{here.rstrip('/')}/{text}")
        if cwd == here and key.startswith(cwd.rstrip("/") + "/"):
            return key[len(cwd.rstrip("/")) + 1:], key
        return display_path(path, cwd), key
    return display_path(path, cwd), path_key(path)


def _read(
    path: Path | str, cwd: Path, cache: ResultCache | None = None, now: float = 0.0, here: str = "", keep: bool = True, known: str = ""
) -> _File:
    """The file, read and hashed; with a cache that knows its unchanged stat, neither. `here`: the
    working folder (`os.getcwd()`), when the caller asked it; not `keep`: its bytes are read again
    when used (a big site's are not all held at once); `known`: its absolute path (`_names`)."""
    display, key = _names(path, os.fspath(cwd), here or os.getcwd(), known)
    stat = None
    if cache is not None and cache.path is not None:
        try:
            stat = os.stat(path)
        except OSError:
            pass  # read_file below says why
        if stat is not None:
            found = cache.hash_for(key, stat_key(stat))
            if found is not None:
                return _File(path, display, key, None, lazy=True, size=stat.st_size, entry=found[1])
    from ..parse.files import UnreadableFile, read_file

    try:
        data = read_file(path, stat)
    except UnreadableFile as exc:
        return _File(path, display, key, None, str(exc))
    if cache is None or cache.path is None:  # the hash only keys cache entries
        return _File(path, display, key, data)
    hashed = content_hash(data)
    entry = entry_key(hashed, key)
    if stat is not None:
        cache.put_hash(key, stat, hashed, now, entry)
    if not keep:
        return _File(path, display, key, None, lazy=True, size=len(data), entry=entry)
    return _File(path, display, key, data, entry=entry)


def _read_all(collected: Collected, cwd: Path, cache: ResultCache, now: float, here: str, keep: bool, split: bool = False) -> list[_File]:
    """`_read` of each collected file, with the absolute path the walk gave it. A warm run of a
    big site: each file's stat is compared with its folder's stat row in one loop that makes the
    `_File` of each file it vouches for, named plainly under the working folder (see `_names`:
    its display path a slice of its absolute path; `ResultCache.vouched`); the others (new,
    changed, or not plainly named) are read as `_read` does. `split`: the run may use two CPUs
    (`ResultCache.vouched` then stats a big folder's files in two processes)."""
    names = collected.names
    keys = collected.keys if len(collected.keys) == len(names) else [""] * len(names)
    cwd_text = os.fspath(cwd)
    plain = os.sep == "/" and cwd_text == here and here.startswith("/")
    known = cache.vouched(names, keys, _File, cwd_text.rstrip("/") + "/", split) if plain else None
    if known is None:
        return [_read(name, cwd, cache, now, here, keep, key) for name, key in zip(names, keys)]
    if None not in known:
        return known
    return [file if file is not None else _read(name, cwd, cache, now, here, keep, key) for name, key, file in zip(names, keys, known)]


def run_files(
    paths: list[str],
    linter: Linter,
    *,
    cwd: Path,
    jobs: int = 0,
    use_cache: bool = True,
    line_format: LineFormat | None = None,
    collected: Collected | None = None,
) -> RunResult:
    """The run's findings, as a list; with a `line_format`, as a `FindingList` that holds each
    file's lines in that format, from the cache for unchanged files (and puts new ones there).
    `collected`: the files of `paths`, when the caller has collected them."""
    with _lean_gc():  # cached findings and fresh ones alike: millions of small objects, few cycles
        return _run_files(paths, linter, cwd=cwd, jobs=jobs, use_cache=use_cache, fmt=line_format, collected=collected)


def _run_files(
    paths: list[str], linter: Linter, *, cwd: Path, jobs: int, use_cache: bool, fmt: LineFormat | None, collected: Collected | None
) -> RunResult:
    from ..parse.files import UnreadableFile
    from ..site.index import Site
    from .folder import locate, problem

    config = linter.config
    collected = collected if collected is not None else collect(paths, config, cwd)
    folder = locate(config) if use_cache else None  # `CacheDirError` (a config error): outside the project
    trouble = problem(folder) if folder is not None else None
    if trouble is not None:  # not postlint's, or not enterable: said once, and the run goes on
        collected.warnings.append(f"{trouble}; running without the cache")
        folder = None
    summaries_key = summary_key(config, linter.registry) if use_cache else ""
    key = run_key(summaries_key, linter.selection.enabled) if use_cache else ""
    cache = ResultCache.load(folder, key, linter.ctx.run_date.toordinal(), fmt.name if fmt else "", summaries_key)
    if len(collected.names) >= PREFETCH_MIN_FILES:
        cache.prefetch(*ALL_KINDS)
    elif config.content_dirs:  # the site index: every post's stat and summary, whatever the run
        cache.prefetch(*SITE_KINDS)
    now, here = time.time(), os.getcwd()
    keep = len(collected.names) < RELEASE_MIN_FILES  # a big site's bytes are read again where they are used
    workers = _workers(jobs, config.jobs)
    run = _read_all(collected, cwd, cache, now, here, keep, workers > 1)
    run_keys = {f.key for f in run}
    extra: list[_File] = []
    if config.content_dirs:
        walked = {os.path.abspath(p) for p in paths if os.path.isdir(p)}  # `postlint check` lints the content dirs
        # a content dir the run's walk went through with one config: its posts are the run's already
        # (as this walk would find them; an error there would be said again, from the project's root)
        covered = collected.folders if collected.one_config and not collected.errors else set()
        dirs = [str(config.resolve_path(d)) for d in config.content_dirs]
        dirs = [d for d in dirs if os.path.isdir(d) and os.path.abspath(d) not in walked and absolute(d).rstrip(os.sep) + os.sep not in covered]
        index = collect(dirs, config, config.root, memo=cache) if dirs else None
        if index is not None:  # a folder of the site left out of its index is said, not silent
            collected.warnings.extend(f"{problem} (left out of the site index)" for problem in index.errors if problem not in collected.errors)
        keep = keep and len(index.names) < RELEASE_MIN_FILES if index is not None else keep
        if index is not None and len(index.keys) == len(index.names):  # the run's own posts are not read twice
            pairs = [(name, key) for name, key in zip(index.names, index.keys) if key not in run_keys]
            index = Collected([name for name, _ in pairs], index.errors, index.warnings, [key for _, key in pairs])
        extra = _read_all(index, cwd, cache, now, here, keep, workers > 1) if index is not None else []
        extra = [f for f in extra if f.key not in run_keys and f.readable]
    cache.put_stats()  # every file is stat'ed: its folder's row packed now, not a record a file held to the save

    site = Site.from_config(config)
    site.cwd = cwd
    entries = _Lazy(lambda: {f.key: f.entry for f in [*run, *extra] if f.readable})  # key -> entry, when asked

    def post_stamp(path: str) -> str | None:
        """An indexed post's content stamp, for `Site.signature` (a rule read its anchors)."""
        entry = entries.get().get(path) if use_cache else None
        return entry.hex() if entry else None

    site.post_stamp = post_stamp
    done: list[FileFindings] = []  # the run's files, each with its own findings
    findings: list[Finding] = []  # any other: unreadable files, cross-post rules
    unreadable: dict[str, str] = {}
    summaries: dict[str, PostSummary] = {}  # the run's posts by display path
    # the link graph: SEO008 (which needs the content dirs), the HTML report
    wants_facts = (bool(config.content_dirs) and "SEO008" in linter.selection.enabled) or linter.ctx.site_report
    # the cached summaries, decoded only if the site index is built (a warm run of an unchanged site
    # needs none of it: every post's findings and the cross-post rules' are cached)
    # a post with a findings row for this run key had its summary stored by the run that linted it
    # (and a summary that is not there after all is made again when the index is built): the
    # summaries' keys are not even read on a warm run
    fingerprint = (  # only cache keys use it
        site_fingerprint(*_keyed([f for f in chain(run, extra) if f.readable]), [site.content_root, *site.static_dirs], str(cwd)) if use_cache else ""
    )
    # the cross-post rules' findings and the run's outcome, keyed by the run's posts (listed in the run's order: nearly sorted)
    rules_key = site_rules_key(linter.ctx.site_report, [f.key for f in run]) if cache.path is not None else b""
    outcome = _Outcome.of(cache, run, rules_key, fingerprint, site, linter) if fmt is not None else None
    # a recalled outcome: every post of the run was linted under this run key, as it is
    # (the run's entries are not gathered into a set to find that out: the site's other posts, whose
    # keys and so entries differ from the run's, are the only ones that may lack a summary)
    if outcome is not None and outcome.recalled is not None:
        missing = [f for f in extra if f.readable and not cache.knows_summary(f.entry)]
    else:
        linted = cache.linted()
        missing = [f for f in [*run, *extra] if f.entry not in linted and f.readable and not cache.knows_summary(f.entry)]
    fresh: dict[str, PostSummary] = {}  # new posts' summaries (from worker processes: a cold run of a big site)
    fresh_digests: dict[str, bytes] = {}  # their `summary_digest`s (for `site_shape`)
    # a new post of the run is summarised and linted from one parse, but for the rules that ask
    # about other posts (`engine.twostep`): they run once the index is built, on what the parse left
    firsts: list[tuple[SourceFile, FirstLinted]] = []
    shared: dict[tuple[Any, ...], tuple[Any, ...]] = {}  # front-matter keys, rules left for later, days: one tuple each
    linter.ctx._site = site
    linter.ctx.cwd = cwd
    if pool.parallel(workers, len(missing)):
        _release([*run, *extra], len(missing))
    for file, summarized in first_passes(linter, site, missing, run_keys, wants_facts, fmt, workers, cache.path is not None):
        if isinstance(summarized, str):
            unreadable[file.key] = summarized
            continue
        if isinstance(summarized, FirstLinted):
            fresh[file.key] = summarized.summary
            if summarized.summary_row is not None:  # (a run with a cache: the worker encoded it)
                fresh_digests[file.key] = summary_digest(summarized.summary_row, file.key)
            cache.put_summary(file.entry, summarized.summary, summarized.summary_row)
            summarized.summary_row = None  # stored
            _share(summarized.summary, summarized.early, file, shared)
            if summarized.rows == "[]":  # no findings (most posts of a good site): one shared row and count
                summarized.rows, summarized.counts = "[]", _NO_COUNTS
            firsts.append((file, summarized))
            continue
        summary, facts = summarized
        fresh[file.key] = summary
        row = summary_row(summary) if cache.path is not None else None  # encoded once: stored and digested
        if row is not None:
            fresh_digests[file.key] = summary_digest(row, file.key)
        cache.put_summary(file.entry, summary, row)
        if facts is not None:
            site.facts[file.key] = facts
            site.fresh_facts.add(file.key)
    first_keys = {file.key for file, _ in firsts}

    def shape_of() -> str:
        """`site_shape`: what a post's site-dependent findings hold for (not every post's content,
        as `fingerprint`: a post's findings that looked at the index are not linted again for an
        edit of another post's body), from the summaries as stored or made this run."""
        digests = []
        for file in chain(run, extra):
            if not file.readable:
                continue
            digest = fresh_digests.get(file.key)
            if digest is None:
                row = cache.summary_row(file.entry)
                digest = summary_digest(row, file.key) if row is not None else file.entry  # (none: its content and path)
            digests.append(digest)
        return site_shape(digests, [site.content_root, *site.static_dirs], str(cwd))

    shape = _Lazy(shape_of)
    if outcome is not None:
        outcome.shape = shape.get
    if cache.path is not None:  # the graph a run before built: only changed posts' links resolved again
        site.graph_memo = GraphMemo(shape.get, cache.link_graph, lambda path: entries.get().get(path), cache.put_link_graph)

    def build_index() -> None:
        """The site index: every readable post's summary, in the run's order."""
        if cache.path is not None:  # the shape first: the summaries it digests are dropped once decoded here
            shape.get()
        for file in [*run, *extra]:
            in_run = file.key in run_keys
            if not file.readable or file.key in unreadable:
                continue
            summary = fresh.get(file.key)
            if summary is None:
                summary = summary_from_text(cache.summary_text(file.entry), display_path=file.display, in_run=in_run, path=file.key)
            if summary is None:  # a cached summary that does not decode (a stranger edited it): read again
                summarized = first_pass(None, site, file, in_run, wants_facts, None)  # the summary alone
                if isinstance(summarized, str):
                    unreadable[file.key] = summarized
                    continue
                summary = summarized[0]
                cache.put_summary(file.entry, summary)
            site.add(summary)
            if in_run:
                summaries[file.display] = summary
        fresh.clear()  # the index holds them now

    def cached_facts(summary: "PostSummary") -> PostFacts | None:
        """A post's facts from the cache (a post of the run: parsed ones, with its words), read
        only when the link graph or the report asks for them."""
        entry = entries.get().get(summary.path)
        facts = cache.facts(entry) if entry is not None else None
        return facts if facts is not None and (facts.words is not None or not summary.in_run) else None

    site.facts_loader = cached_facts

    todo: list[_File] = []
    if outcome is not None and outcome.recalled is not None:
        done.extend(outcome.recalled)
    # posts cached without findings (most of a good site's): nothing to read, decode or report
    each = run if outcome is None or outcome.recalled is None else []
    empty = cache.without_findings([f.entry for f in each], shape.get) if len(each) >= PREFETCH_MIN_FILES else [False] * len(each)
    for file, nothing in zip(each, empty):
        if not file.readable or file.key in unreadable:
            findings.append(linter._pl002(file.display, file.error or unreadable.get(file.key, "unreadable")))
            continue
        if nothing or file.key in first_keys:
            continue
        cached = _cached(cache, file, shape.get, site, fmt, linter)
        if cached is not None:
            done.append(cached)
        else:
            todo.append(file)
    site_found = cache.site_findings(rules_key, fingerprint, site.signature) if cache.path is not None else None
    if todo or site_found is None or fresh or linter.ctx.site_report or (linter.ctx.list_groups and site_found):
        build_index()

    cache.close()  # every lookup is done: no open database in the workers
    # the first passes' posts, finished (the rules left for later: on the index), then the others
    finished = [_Linted(file, *done) for file, done in finish_firsts(linter, site, firsts, todo, workers)]
    firsts.clear()
    parallel = pool.parallel(workers, len(todo))
    if parallel:
        _release([*run, *extra], len(todo))
    gc.freeze()  # what the workers inherit (file bytes, the site index) is never scanned, nor copied on write
    if parallel:
        results = _lint_parallel(linter, todo, workers, fmt)
    else:
        results = (_linted_one(linter, file) for file in todo)
    for linted in chain(finished, results):
        file = linted.file
        if linted.facts is not None:
            site.facts[file.key] = linted.facts
            cache.put_facts(file.entry, linted.facts, linted.facts_row)
        site_key = shape.get() if linted.looked_at is not None else None
        cache.put_findings(file.entry, site_key, linted.findings, linted.rows, linted.looked_at, linted.days)
        if linted.findings is None:  # from a worker: the rows are decoded only if the findings are iterated
            assert linted.rows is not None and linted.counts is not None
            if linted.lines is not None:
                cache.put_lines(file.entry, site_key, linted.counts, linted.lines)
            if linted.rows == "[]":  # no findings (most posts of a good site): nothing to keep for them
                done.append(FileFindings(file.display, _NO_COUNTS, b"" if linted.lines is not None else None, []))
                continue
            done.append(FileFindings(file.display, linted.counts, linted.lines, load=partial(_decoded, file.display, linted.rows)))
            continue
        found = linted.findings
        if any(f.path != file.display for f in found):  # pragma: no cover - a plugin reporting on another file
            findings.extend(f for f in found if f.path != file.display)
            done.append(_file_findings(cache, file, site_key, None, [f for f in found if f.path == file.display]))
        else:
            done.append(_file_findings(cache, file, site_key, fmt, found))

    by_display = _Lazy(lambda: {f.display: f for f in run if f.readable})  # built if a suppression is looked for

    def post_for(display: str) -> "Post | None":
        file, summary = by_display.get().get(display), summaries.get(display)
        if file is None or (summary is not None and not summary.mentions_postlint):
            return None  # no suppression comment or front-matter ignore: nothing to read or parse
        site.probed.add(file.key)  # what a cross-post finding's suppression read: its content stamp is kept with it
        if b"postlint" not in (file.data or b""):
            return None
        try:
            return read_post(file)
        except UnreadableFile:
            return None

    linter.post_lookup = post_for
    if site_found is None:
        part = None if not extra else {f.display for f in run}  # a run over part of the site: its posts
        site_found = _site_rules(linter, cache, site, rules_key, fingerprint, shape.get, part)
    if outcome is not None and not findings:  # each finding is a file's: the outcome holds them all
        outcome.keep(done)
    findings.extend(site_found)
    if linter.ctx.site_report:
        from ..site.linkgraph import graph_of

        graph_of(site)  # before the cache is saved: the facts it computed are kept
    for key in sorted(site.fresh_facts):
        if key in entries.get():
            cache.put_facts(entries.get()[key], site.facts[key])
    kept = (rules_key, rules_key + BY_SHAPE, whole_site_key(linter.ctx.site_report), GRAPH_KEY)
    cache.save(chain((f.entry for f in chain(run, extra) if f.entry), kept))  # the rows it used (and its folders')
    everything = FindingList(done, findings, fmt.name if fmt is not None else "")
    return RunResult(
        everything if fmt is not None else list(everything),
        len(run),
        collected.errors,
        linter.selection.rules,
        [f.display for f in run],
        LazySources(run),  # type: ignore[arg-type]
        collected.warnings,
        site=site,
    )


#: what the key of the cross-post rules' findings that hold for the site's shape ends with
BY_SHAPE = b"shape"


def whole_site_key(site_report: bool) -> bytes:
    """The key of the findings of the rules cached by shape (see `_site_rules`) on every post of the
    site: kept by a run over the whole site, served to a run over part of it (a pre-commit run)."""
    return b"whole-site" + (b" report" if site_report else b"")


def _site_rules(
    linter: Linter, cache: ResultCache, site: "Site", rules_key: bytes, fingerprint: str, shape: "Callable[[], str]",
    part: "set[str] | None" = None,
) -> list[Finding]:
    """The cross-post rules' findings, run now and cached for the site `fingerprint` (every post's
    content). Those of postlint's rules that read the summaries and the posts they record
    (`Rule.cached_by_shape`: the duplicate groups, FM011) are kept under the site's `shape` too
    (every post's summary, and the content of the posts read for them or for their suppression
    comments), so an edit of another post's body serves them and runs only the others. A run
    over the whole site keeps them under `whole_site_key`, and a run over `part` of it (the
    display paths of its posts: a pre-commit run) is served their findings on its posts from
    there when it has none of its own: the groups and what FM011 infers are the site's, whichever
    posts a run lints, and a finding on a post is the same in both runs (the same config, site
    shape and working folder; the same suppression comments, or the row is not served)."""
    selected = [rule for rule in linter.selection.rules if rule.scope == "site"]
    by_shape = {rule.code for rule in selected if rule.cached_by_shape and rule.origin == "builtin"}
    site.probed.clear()  # the files the run's own lookups named are not the site rules'
    seen: dict[str, str] = {}  # the files the findings served looked for, and what was there
    key = rules_key + BY_SHAPE if part is not None else whole_site_key(linter.ctx.site_report)
    served: list[Finding] | None = None
    if by_shape and cache.path is not None:
        served = cache.site_findings(key, shape(), site.signature, seen)
        if served is None and part is not None:  # the whole site's, on the run's posts
            whole = cache.site_findings(whole_site_key(linter.ctx.site_report), shape(), site.signature, seen)
            served = [f for f in whole if f.path in part] if whole is not None else None
        if served is not None and any(f.code not in by_shape for f in served):  # (not what this run stores)
            served = None
    if served is None:
        seen = {}
    found = linter.lint_site(skip=by_shape if served is not None else ())
    looked = {path: site.signature(path) for path in sorted(site.probed)}
    codes = {rule.code for rule in selected}
    # kept when no rule failed and none read the date (what is served then holds on every day)
    if served is None and by_shape and cache.path is not None and linter.ctx.days == ALL_DAYS and all(f.code in codes for f in found):
        cache.put_site_findings(key, shape(), [f for f in found if f.code in by_shape], looked)
    if served is not None:
        found = [*served, *found]  # each rule's findings in its order (the report sorts them by place and code)
        looked = dict(sorted({**seen, **looked}.items()))
    cache.put_site_findings(rules_key, fingerprint, found, looked, linter.ctx.days)
    return found


#: the count of a post without findings (shared: a count is never changed once made)
_NO_COUNTS: Tally = {}


def _share(summary: "PostSummary", early: "Early", file: _File, shared: dict[tuple[Any, ...], tuple[Any, ...]]) -> None:
    """A first pass from a worker, held until the index is built, shares what the run holds
    already: its summary names the post with the file's own strings (a worker's copies are equal);
    its front-matter keys, its rules left for later and the days its findings hold for are one
    tuple each set (`shared`: posts of one date share one)."""
    if summary.path == file.key and summary.display_path == file.display:  # as `firstpass.placed` made it
        # frozen: filled as `summary_from_json` fills one
        summary.__dict__.update(path=file.key, display_path=file.display, fields=shared.setdefault(summary.fields, summary.fields))
    early.late = shared.setdefault(early.late, early.late)
    early.days = shared.setdefault(early.days, early.days)  # type: ignore[assignment]


class _Outcome:
    """The run's outcome in the cache (`ResultCache.outcome`): recalled for the posts of the run
    as they are and this site, or stored for the next run (a warm run of an unchanged site then
    reads one row, not a findings and a lines row per post)."""

    def __init__(self, cache: ResultCache, run: list[_File], key: bytes, contents: bytes, fingerprint: str, site: "Site", linter: Linter) -> None:
        self.cache, self.run, self.key, self.contents, self.fingerprint, self.site, self.linter = cache, run, key, contents, fingerprint, site, linter
        self.recalled: list[FileFindings] | None = None
        self.shape: Callable[[], str] = lambda: fingerprint  # the run's `site_shape` (its posts' own rows are keyed by it)

    @classmethod
    def of(cls, cache: ResultCache, run: list[_File], key: bytes, fingerprint: str, site: "Site", linter: Linter) -> "_Outcome | None":
        """The outcome of the run over these posts (`key`: `site_rules_key`); None: no cache, or a
        file of the run cannot be read (not kept)."""
        entries = [f.entry for f in run]  # a file that cannot be read has none
        if cache.path is None or not all(entries):
            return None
        outcome = cls(cache, run, key, entries_digest(entries), fingerprint, site, linter)
        stored = cache.outcome(key, outcome.contents, fingerprint, site.signature)
        if stored is not None and all(0 <= place < len(run) for place, _, _ in stored):
            outcome.recalled = [_Recalled(run[place], counts, lines, outcome) for place, counts, lines in stored]
        return outcome

    def keep(self, done: list[FileFindings]) -> None:
        """Store the outcome of a run that linted or served each post (`done`; a post missing from
        it has no findings), unless it was recalled or a post's lines are missing."""
        if self.recalled is not None:
            return
        place = {f.display: i for i, f in enumerate(self.run)}
        posts: list[tuple[int, Tally, bytes]] = []
        for found in done:
            if not found.counts:
                continue
            if found.lines is None or found.path not in place:
                return
            posts.append((place[found.path], found.counts, found.lines))
        posts.sort(key=lambda post: post[0])
        self.cache.put_outcome(self.key, self.contents, self.fingerprint, posts)


class _Recalled(FileFindings):
    """A post's count and report lines recalled with the run's outcome; its findings, when the run's
    findings are iterated, from its findings row, or (gone meanwhile, or not decoding) a lint of the
    post. (No loader object a post: a warm run recalls tens of thousands.)"""

    def __init__(self, file: _File, counts: Tally, lines: bytes, outcome: _Outcome) -> None:
        self.path, self.counts, self.lines, self.findings, self.load = file.display, counts, lines, None, None
        self.file, self.outcome = file, outcome

    def get(self) -> list[Finding]:
        if self.findings is None:
            outcome, file = self.outcome, self.file
            found = outcome.cache.findings(file.entry, outcome.shape, file.display, outcome.site.signature)
            self.findings = found if found is not None else [f for f in _lint_one(outcome.linter, file)[0] if f.path == file.display]
        return self.findings


def _cached(
    cache: ResultCache, file: _File, shape: "Callable[[], str]", site: "Site", fmt: LineFormat | None, linter: Linter
) -> FileFindings | None:
    """The file's findings from the cache, if it has them for this content (and the site's
    `shape`, asked only if they depend on it); with a line format, as their lines in it, decoded
    only if the run's findings are iterated."""
    found = cache.rows(file.entry, shape, site.signature)
    if found is None:
        return None
    rows, site_dependent = found
    site_key = shape() if site_dependent else None
    display = file.display
    if rows == "[]":  # no findings (most posts of a good site): no lines to read or render
        return FileFindings(display, _NO_COUNTS, b"" if fmt is not None else None, [])
    if fmt is not None:
        kept = cache.lines(file.entry, site_key)
        if kept is not None:
            return FileFindings(display, kept[0], kept[1], load=partial(_decoded, display, rows, file, linter))
    decoded = decode_rows(display, rows)
    return None if decoded is None else _file_findings(cache, file, site_key, fmt, decoded)


def _file_findings(cache: ResultCache, file: _File, site_key: str | None, fmt: LineFormat | None, found: list[Finding]) -> FileFindings:
    """A file's findings with their lines in the run's line format, which are stored for the
    next run with it (under the same keys as the findings)."""
    counts = tally(found)
    lines = render_lines(fmt, found) if fmt is not None else None
    if lines is not None:
        cache.put_lines(file.entry, site_key, counts, lines)
    return FileFindings(file.display, counts, lines, found)


def _decoded(display: str, rows: str, file: _File | None = None, linter: Linter | None = None) -> list[Finding]:
    """The findings cached rows hold (a worker's, or the cache's); cache rows that do not
    decode (a stranger edited the database) mean linting the post again."""
    decoded = decode_rows(display, rows)
    if decoded is None:
        assert file is not None and linter is not None, "a worker's rows decode"
        decoded = [f for f in _lint_one(linter, file)[0] if f.path == display]
    return decoded


def _keyed(files: list[_File]) -> tuple[list[str], list[bytes]]:
    """The files' keys and entries, as `site_fingerprint` takes them."""
    return [f.key for f in files], [f.entry for f in files]


def _release(files: list[_File], forking_for: int) -> None:
    """Before forking workers for `forking_for` posts of a big site, drop the bytes the parent
    holds (`_File.release`): each worker reads its own posts."""
    if forking_for >= RELEASE_MIN_FILES:
        for file in files:
            file.release()


def _workers(jobs: int, configured: int) -> int:
    count = jobs or configured or (os.cpu_count() or 1)
    return max(1, count)


def _lint_one(
    linter: Linter, file: _File, post: "Post | None" = None
) -> tuple[list[Finding], dict[str, str] | None, "PostFacts | None", tuple[int, int]]:
    """The post's findings; when a rule looked at other posts or files for them, the files it
    looked for (path -> what was there; see `Site.signature`); the post's `PostFacts`, from the
    same parse (None when the file cannot be read); and the days the findings hold for
    (`Context.days`)."""
    from ..parse.files import UnreadableFile

    if post is None:
        try:
            post = read_post(file)
        except UnreadableFile as exc:
            return [linter._pl002(file.display, str(exc))], None, None, ALL_DAYS
    site: "Site | None" = linter.ctx._site
    if site is None:
        return linter.lint_post(post), {}, None, linter.ctx.days
    site.run_posts[file.key] = post  # self-links read anchors from this parse
    before = site.lookups
    site.probed.clear()
    try:
        found = linter.lint_post(post)
        looked_at = None if site.lookups == before else {path: site.signature(path) for path in sorted(site.probed)}
        return found, looked_at, facts_of(post, site), linter.ctx.days
    finally:
        site.run_posts.pop(file.key, None)


def _linted_one(linter: Linter, file: _File) -> "_Linted":
    """`_lint_one` of the file, as the run holds it."""
    found, looked_at, facts, days = _lint_one(linter, file)
    return _Linted(file, found, looked_at, facts, days=days)


# --- worker processes (fork: the parent's linter, registry and site are inherited) ------------

@dataclass(slots=True)
class _Linted:
    """A file just linted: its findings, or (from a worker) their cache rows as JSON with their
    count and lines in the run's line format; and the files its rules looked for. Slotted: a cold
    run holds one for each of its first passes' posts at once."""

    file: _File
    findings: list[Finding] | None
    looked_at: dict[str, str] | None
    facts: "PostFacts | None" = None
    rows: str | None = None
    counts: Tally | None = None
    lines: bytes | None = None
    #: its facts' cache row, when a worker encoded it
    facts_row: str | None = None
    #: the days its findings hold for (`Context.days`)
    days: tuple[int, int] = ALL_DAYS


#: what a worker sends back for a file: its index, its findings (objects, or their rows as JSON
#: with their count and lines), the files its rules looked for, its facts, and the days its
#: findings hold for
_Result = tuple[
    int, "list[Finding] | None", "str | None", "Tally | None", "bytes | None", "dict[str, str] | None", "PostFacts | None", tuple[int, int]
]


def _work(indices: list[int]) -> list[_Result]:
    """Lint some files; when a file's findings all name it, they travel back as their cache rows
    in JSON (a string pickles many times faster than `Finding` objects), with their count and
    their lines in the run's line format: encoded and rendered here, in parallel, so the parent,
    which shares the CPUs, does no per-finding work."""
    linter, files, fmt = pool.STATE
    out: list[_Result] = []
    for index in indices:
        found, looked_at, facts, days = _lint_one(linter, files[index])
        rows = encoded(found, files[index].display, fmt)
        if rows is not None:
            out.append((index, None, *rows, looked_at, facts, days))
        else:  # pragma: no cover - a plugin reporting on another file: send the objects
            out.append((index, found, None, None, None, looked_at, facts, days))
    return out


def _lint_parallel(linter: Linter, todo: list[_File], workers: int, fmt: LineFormat | None = None) -> Iterator[_Linted]:
    context = pool.fork_context()
    if context is None:  # pragma: no cover - platforms without fork lint in one process
        yield from (_linted_one(linter, file) for file in todo)
        return
    pool.preload(linter)
    order = sorted(range(len(todo)), key=lambda i: -todo[i].size)  # big files first (their bytes not read here)
    chunks = [order[i : i + CHUNK] for i in range(0, len(order), CHUNK)]
    for batch in pool.in_workers(context, (linter, todo, fmt), _work, chunks, workers):
        for index, found, rows, counts, lines, looked_at, facts, days in batch:
            yield _Linted(todo[index], found, looked_at, facts, rows, counts, lines, days=days)


def run(
    paths: list[str],
    config: Config,
    *,
    registry: Registry | None = None,
    check_links: bool = False,
    stdin: tuple[str, str] | None = None,
    cwd: Path | None = None,
    today: dt.date | None = None,
    report_progress: bool = False,
    jobs: int | None = None,
    use_cache: bool = False,
    line_format: "LineFormat | None" = None,
    link_checker: "Callable[[Context], Any] | None" = None,
    collected: Collected | None = None,
    site_report: bool = False,
    list_groups: bool = False,
) -> RunResult:
    """Lint `paths` (or `stdin` as (filename, text)) and return every finding, sorted.

    `jobs` worker processes (0: one per CPU; 1: none) lint the posts that are not
    served from the results cache (`use_cache`, which the CLI turns on). Link
    checking (`check_links`, with `link_checker=linkcheck.batch_for`) keeps every
    post of the run in memory and runs in this process. With the `line_format` of
    the report to write, the findings may come as a `FindingList` holding each
    file's lines in it (see `run_files`). `collected`: the files of `paths`, when
    the caller has collected them. `site_report`: the report shows the whole site
    (`Context.site_report`; the result's `site`). `list_groups`: the report lists the
    duplicate groups (`Context.list_groups`).
    """
    cwd = cwd or Path.cwd()
    linter = Linter(config, registry, check_links=check_links, today=today, link_checker=link_checker)
    linter.ctx.report_progress = report_progress
    linter.ctx.site_report = site_report
    linter.ctx.list_groups = list_groups
    if stdin is None and not check_links:
        return run_files(
            paths, linter, cwd=cwd, jobs=1 if jobs is None else jobs, use_cache=use_cache, line_format=line_format, collected=collected
        )
    findings: list[Finding] = []
    errors: list[str] = []
    warnings: list[str] = []
    posts: list[Post] = []
    linted: list[str] = []
    if stdin is not None:
        from ..parse.document import Post

        name, text = stdin
        post = Post.from_text(text, name)
        post.display_path = display_path(Path(name), cwd)
        posts.append(post)
        linted.append(post.display_path)
        count = 1
    else:
        collected = collected if collected is not None else collect(paths, config, cwd)
        errors, warnings = collected.errors, collected.warnings
        count = len(collected.files)
        for path in collected.files:
            linted.append(display_path(path, cwd))
            item = linter.read(path, linted[-1])
            if isinstance(item, Finding):
                findings.append(item)
            else:
                posts.append(item)
    linter.ctx.run_posts = posts
    linter.ctx.cwd = cwd
    for post in posts:
        findings.extend(linter.lint_post(post))
    findings.extend(linter.lint_site())
    findings.sort(key=SORT_KEY)
    sources = {post.display_path: post.lines for post in posts}
    site: "Site | None" = linter.ctx._site  # type: ignore[assignment]
    if site_report:
        from ..site.linkgraph import graph_of

        site = linter.ctx.site  # type: ignore[assignment]
        graph_of(site)  # while the run's posts are here: their facts come from their parse
    return RunResult(findings, count, errors, linter.selection.rules, linted, sources, warnings, site=site)


def run_configs(paths: list[str], configs: Configs, *, registry: Registry | None = None, cwd: Path | None = None, **options: Any) -> RunResult:
    """`run` with each file's own config (`Configs`): one run per config that applies to some
    file, their results merged. `registry` serves the working directory's config; the run's
    cache is that config's. Options are `run`'s."""
    cwd = cwd or Path.cwd()
    base = configs.base
    memo: ResultCache | None = None  # each walked folder's outcome (`collect.WalkMemo`)
    if options.get("use_cache"):
        from .folder import locate, problem

        folder = locate(base)  # refused when outside the base config's project
        cache_dir = str(folder)
        if problem(folder) is None:  # else the run says why, and goes on without the cache
            memo = ResultCache.load(folder, "", (options.get("today") or dt.date.today()).toordinal())
            memo.prefetch(*WALKS)
    else:
        cache_dir = str(base.resolve_path(base.cache_dir))
    collected = collect(paths, base, cwd, configs, memo)
    groups = _groups(configs, collected)

    def lint(config: Config, files: Collected, named: list[str]) -> RunResult:
        if config is base:
            return run(named, config, registry=registry, cwd=cwd, collected=files, **options)
        # one cache folder for the run, not one per config: the base's, checked above (it may lie
        # above a subfolder config's root)
        own = replace(config, cache_dir=cache_dir, cache_dir_given=True)
        return run(named, own, cwd=cwd, collected=files, **options)

    if len(groups) <= 1:
        result = lint(groups[0][0] if groups else base, collected, paths)
    else:
        # a group lints some of the files the paths hold: it names its own files, so its site index
        # still reads every content dir (the other groups' posts among them), not only its own posts
        result = _merged([lint(config, files, list(files.names)) for config, files in groups], collected)
    if memo is not None:  # what changed (nothing, on a warm run)
        memo.save()
    return result


def _groups(configs: Configs, collected: Collected) -> list[tuple[Config, Collected]]:
    """The collected files grouped by the config that applies to each (`Configs.groups`), in
    first-seen order; one group: the collection itself. Folders from the walk's absolute paths
    (a site's posts share a few folders: each asked once)."""
    names = collected.names
    if not names:
        return []
    only = configs.single()  # the walk asked for every folder's config: one for all, no grouping
    if only is not None:
        return [(only, collected)]
    keys = collected.keys if len(collected.keys) == len(names) else [os.path.abspath(name) for name in names]
    by_folder: dict[str, Config] = {}
    found: dict[int, tuple[Config, list[int]]] = {}
    for index, key in enumerate(keys):
        folder = key.rpartition(os.sep)[0] or os.sep
        config = by_folder.get(folder)
        if config is None:
            config = by_folder[folder] = configs.for_dir(folder)
        found.setdefault(id(config), (config, []))[1].append(index)
    if len(found) == 1:
        return [(next(iter(found.values()))[0], collected)]
    return [(config, Collected([names[i] for i in group], [], [], [keys[i] for i in group])) for config, group in found.values()]


def _merged(results: list[RunResult], collected: Collected) -> RunResult:
    from collections import ChainMap

    findings: Any
    if all(isinstance(r.findings, FindingList) for r in results):
        lists: list[Any] = [r.findings for r in results]
        findings = FindingList(
            [f for fl in lists for f in fl.files], [f for fl in lists for f in fl.extra], lists[0].line_format
        )
    else:
        findings = sorted((f for r in results for f in r.findings), key=SORT_KEY)
    rules: dict[str, Rule] = {}
    for result in results:
        for rule in result.rules:
            rules.setdefault(rule.code, rule)
    return RunResult(
        findings,
        sum(r.files for r in results),
        collected.errors,
        list(rules.values()),
        sorted(p for r in results for p in r.paths),
        ChainMap(*(r.sources for r in results)),  # type: ignore[arg-type]
        list(dict.fromkeys([*collected.warnings, *(w for r in results for w in r.warnings)])),  # a cache warning once
        site=next((r.site for r in results if r.site is not None), None),  # the base config's group comes first
        sites=[r.site for r in results if r.site is not None],  # each config's groups (`output/groups`)
    )
