"""A cold run's one parse of each new post, and the rules it left for later.

A new post is read, split and parsed once (`first_pass`, in worker processes when
there are many): a post only indexed gives its site summary (and its links, from a
scan); a post of the run also its findings from every rule that needs no other
post and its facts (`engine.twostep.lint_early`), its findings already encoded as
their cache rows and report lines. Once the runner has built the site index from
every summary, `finish_firsts` runs the rules left for later on what each parse
left (`lint_late`, in workers: they inherit the index at the fork) and merges both
steps' findings. Records travel between processes as plain values.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Protocol, Union

from . import pool
from .results import decode_rows, facts_row, finding_to_json, summary_row
from ..engine.findinglist import LineFormat, Tally, render_lines, tally
from ..engine.twostep import Early, Late, lint_early, lint_late, merged
from ..model.context import ALL_DAYS
from ..model.findings import Finding
from ..site.postfacts import PostFacts, facts_of, scanned_targets

if TYPE_CHECKING:  # pragma: no cover
    from ..engine.linter import Linter
    from ..parse.document import Post
    from ..site.index import PostSummary, Site

#: new posts a worker summarises and lints at a time
FIRST_CHUNK = 16
#: posts whose rules left for later a worker runs at a time (a few link resolutions each)
LATE_CHUNK = 128


class SourceFile(Protocol):
    """A file of the run as the runner holds it (`runner._File`)."""

    path: "Path | str"
    display: str
    key: str
    error: str | None
    size: int

    @property
    def data(self) -> bytes | None: ...


#: a post summarised for the site index: its summary and (a post only indexed, when the link graph
#: is wanted) its facts from a scan of its source; or why it cannot be read
Summarized = Union[tuple["PostSummary", "PostFacts | None"], str]


@dataclass(slots=True)
class FirstLinted:
    """A new post of the run after its first pass (sent from a worker as plain values)."""

    summary: "PostSummary"
    facts: "PostFacts | None"
    #: what `lint_early` found, and what it left for later
    early: Early
    #: its findings' cache rows, their count and lines (None: the `Early` holds the findings)
    rows: "str | None"
    counts: "Tally | None"
    lines: "bytes | None"
    #: (a run with a cache) the summary's and the facts' cache rows (`results.summary_row`,
    #: `facts_row`), encoded where the post was parsed
    summary_row: "str | None"
    facts_row: "str | None"

#: a post finished: its findings (None: they are the rows), the files its rules looked for, its
#: facts, its findings' rows, count and lines, its facts' row and the days its findings hold for
#: (as `runner._Linted` holds them)
Finished = tuple[
    "list[Finding] | None", "dict[str, str] | None", "PostFacts | None", "str | None", "Tally | None", "bytes | None", "str | None",
    "tuple[int, int]",
]


def read_post(file: SourceFile) -> "Post":
    """The file's post; `UnreadableFile` also when a file the cache vouched for cannot be read now."""
    from ..parse.document import Post
    from ..parse.files import UnreadableFile

    data = file.data
    if data is None:
        raise UnreadableFile(file.error or "unreadable")
    return Post.from_bytes(Path(file.path), data, file.display)


def placed(summary: "PostSummary", file: SourceFile, in_run: bool) -> "PostSummary":
    """A cached summary names the post as this run does (display path, in the run or not)."""
    if summary.display_path == file.display and summary.in_run == in_run and summary.path == file.key:
        return summary
    return replace(summary, display_path=file.display, in_run=in_run, path=file.key)


def first_pass(
    linter: "Linter | None", site: "Site", file: SourceFile, in_run: bool, wants_facts: bool, fmt: LineFormat | None, rows: bool = False
) -> "Summarized | FirstLinted":
    """One parse of a new post: its summary; with a `linter`, a post of the run also linted (but
    for the rules that need the whole index: `lint_early`), with its facts, its findings
    `encoded`, and (`rows`: the run has a cache) its summary's and facts' cache rows."""
    from ..parse.files import UnreadableFile

    try:
        post = read_post(file)
    except UnreadableFile as exc:
        return str(exc)
    summary = placed(site.summarize(post, in_run=in_run), file, in_run)
    if not in_run:  # its links from the text at hand (`scanned_targets`), not a parse
        return summary, PostFacts(scanned_targets(post.body, site)) if wants_facts else None
    if linter is None:
        return summary, None
    early = lint_early(linter, post, site, summary)
    facts = facts_of(post, site)
    del post  # its views let go before its record for later is packed: a huge post's peak is lower
    early.packed()
    # encoded here, in a worker when there are many: the parent shares the CPUs with them
    kept = (summary_row(summary), facts_row(facts) if facts is not None else None) if rows else (None, None)
    found = encoded(early.findings, file.display, fmt) if early.findings is not None else None
    if found is None:
        return FirstLinted(summary, facts, early, None, None, None, *kept)
    early.findings = []  # they travel as rows
    return FirstLinted(summary, facts, early, *found, *kept)


def encoded(found: list[Finding], display: str, fmt: LineFormat | None) -> tuple[str, Tally, bytes | None] | None:
    """A file's findings as their cache rows in JSON (a string pickles many times faster than
    `Finding` objects), their count and their lines in the run's line format; None when some
    finding names another file."""
    if not found:  # most posts of a good site: what the lines below make of no findings
        return "[]", {}, b"" if fmt is not None else None
    if not all(f.path == display for f in found):  # pragma: no cover - a plugin reporting on another file
        return None
    lines = render_lines(fmt, found) if fmt is not None else None
    return json.dumps([finding_to_json(f) for f in found], separators=(",", ":")), tally(found), lines


def _first_some(indices: list[int]) -> list[tuple[int, "Summarized | FirstLinted"]]:
    linter, site, files, run_keys, wants_facts, fmt, rows = pool.STATE
    return [(i, first_pass(linter, site, files[i], files[i].key in run_keys, wants_facts, fmt, rows)) for i in indices]


def first_passes(
    linter: "Linter", site: "Site", files: list[SourceFile], run_keys: set[str], wants_facts: bool, fmt: LineFormat | None, workers: int,
    rows: bool = False,
) -> Iterator[tuple[SourceFile, "Summarized | FirstLinted"]]:
    """`first_pass` of each file (linted when its key is in `run_keys`; `rows`: with its cache
    rows), in worker processes when there are many (forked: they share the files' bytes, the
    linter and the site's settings), in the order they come."""
    context = pool.fork_context() if pool.parallel(workers, len(files)) else None
    if context is None:
        for file in files:
            yield file, first_pass(linter, site, file, file.key in run_keys, wants_facts, fmt, rows)
        return
    pool.preload(linter)
    order = sorted(range(len(files)), key=lambda i: -files[i].size)  # big files first
    chunks = [order[i : i + FIRST_CHUNK] for i in range(0, len(order), FIRST_CHUNK)]
    for batch in pool.in_workers(context, (linter, site, files, run_keys, wants_facts, fmt, rows), _first_some, chunks, workers):
        for index, summarized in batch:
            yield files[index], summarized


def finish_firsts(
    linter: "Linter", site: "Site", firsts: list[tuple[SourceFile, FirstLinted]], todo: list[SourceFile], workers: int
) -> Iterator[tuple[SourceFile, Finished]]:
    """The first passes' posts against the whole index, with the findings of the rules left for
    later (`late_pass`, in workers when there are many); a post to lint whole (suppression
    comments: its PL001 needs every rule's findings at once) goes to `todo`. Each first pass is
    dropped from `firsts` once finished (its record for later is not held to the end)."""
    waiting = [i for i, (_, first) in enumerate(firsts) if first.early.findings is not None and first.early.late]
    lates = dict(_late_passes(linter, site, firsts, waiting, workers))
    for i in range(len(firsts)):
        file, first = firsts[i]
        firsts[i] = None  # type: ignore[call-overload]
        early, rows = first.early, first.rows
        if early.findings is None:
            todo.append(file)
            continue
        late = lates.pop(i, None)
        if isinstance(late, str):  # pragma: no cover - gone since its first pass
            yield file, ([linter._pl002(file.display, late)], None, None, None, None, None, None, ALL_DAYS)
            continue
        if rows is not None and late is not None and late.findings:
            early.findings = decode_rows(file.display, rows) or []
            rows = None
        found, looked_at, days = merged(early, late)
        yield file, (None if rows is not None else found, looked_at, first.facts, rows, first.counts, first.lines, first.facts_row, days)


def late_pass(linter: "Linter", site: "Site", file: SourceFile, early: Early) -> "Late | str":
    """The findings of the rules `early` left for later, against the whole index (`lint_late`):
    on what the parse left, or on a new parse when a rule reads more; or why it cannot be read."""
    from ..parse.files import UnreadableFile

    post = early.late_post(file.path, file.display)
    early.post = None  # its packed text let go while the rules run: what they read is unpacked
    late = lint_late(linter, post, early.late, site, file.key) if post is not None else None
    if late is None:
        try:
            late = lint_late(linter, read_post(file), early.late, site, file.key)
        except UnreadableFile as exc:  # pragma: no cover - gone since its first pass
            return str(exc)
    assert late is not None, "a parsed post holds what any rule reads"
    return late


def _late_some(indices: list[int]) -> list[tuple[int, "Late | str"]]:
    linter, site, firsts = pool.STATE
    return [(i, late_pass(linter, site, firsts[i][0], firsts[i][1].early)) for i in indices]


def _late_passes(
    linter: "Linter", site: "Site", firsts: list[tuple[SourceFile, FirstLinted]], waiting: list[int], workers: int
) -> Iterator[tuple[int, "Late | str"]]:
    """`late_pass` of the `waiting` first passes, in worker processes when there are many
    (forked once the index is built: they share it)."""
    context = pool.fork_context() if pool.parallel(workers, len(waiting)) else None
    if context is None:
        for i in waiting:
            yield i, late_pass(linter, site, firsts[i][0], firsts[i][1].early)
        return
    pool.preload(linter)
    chunks = [waiting[i : i + LATE_CHUNK] for i in range(0, len(waiting), LATE_CHUNK)]
    for batch in pool.in_workers(context, (linter, site, firsts), _late_some, chunks, workers):
        yield from batch
