"""The results cache in `.postlint_cache/`: an unchanged file costs a stat.

One SQLite database (`results.sqlite3`; values are JSON or report text, never
pickle: a cache folder may come from a stranger's pull request), rows (run, kind,
key, value, day) in two tables: `entries`, without a rowid (its primary key is its
only index), and `longs` for values longer than `LONG_ROW` (a big folder's stat row,
a run's outcome), a table with a rowid whose index holds only the key: in a table
without rowid a row's value is part of its key record, and SQLite compares a key it
looks for with a stored key that overflows its page by reading the whole record, so
every row written next to a 100,000-post folder's 10 MB stat row read it again.
The view `cached` is both tables. `run` is 8 bytes of a key's digest: for summaries
and facts the `summary_key` (the postlint version and sources, the effective config,
the loaded rules and packs), for the other kinds the run key (that and the rules
selected; not the date: a row whose findings hold on some days only says which). A post's rows are keyed by 16 bytes of the digest of its content hash and
path (`entry_key`: a post's URL and slug come from its path, and a renamed post or
a byte-identical copy must not keep the other name's). Rows of these kinds:

- summaries: the post's site summary (title, description, URL…: a JSON list, no
  field names), so the site index of an unchanged site needs no parse;
- findings: the post's findings, when no rule looked beyond the post for them (a
  rule may still read the post's own path, as FM010 reads its file name);
  otherwise `site`, the site's shape they hold for (`site_shape`: every indexed
  post's summary, not its body), the files the rules looked for (an image beside
  the post, a file in a static folder, a post outside the index, a post whose
  anchors a link's `#fragment` named) and what was there (nothing, a folder, a
  post's content stamp, or a file's size and mtime), then the findings: another
  shape, or a change to any of those files, means linting again (an edit of one
  post's body re-lints it and the posts that read its anchors, not every post
  that links within the site). One row a post: a run on another site replaces it. When a rule read the
  date (`Context.days`: FM007 asks whether the post's date is in the future), the
  row starts with `days` and the first and last day (ordinals) it holds for, and
  is served on those days only: a post dated next week is linted again then, and
  the others not every day;
- lines (under the run key and a line format's name, e.g. the JSON report's):
  the shape the findings hold for, the findings' count by code, severity and
  safe fix, and their report lines with a placeholder for the path
  (`findinglist`), so that a warm run writes an unchanged post's part of the report
  without decoding its findings. A post without findings has no lines row;
- facts: the post's `PostFacts` (its internal link targets, words, reading ease and
  grade level; see `postfacts`), which the site's link graph and the HTML report
  read without parsing the post;
- the link graph (one row a summary key, the last one built: `linkgraph.GraphMemo`):
  the site shape and posts it holds for, the files its links looked for, and each
  post's content stamp, targets and tallies, so a run after an edit of one post's
  body resolves that post's links only;
- site (one row a run key and set of posts linted): the cross-post rules' findings
  (duplicate titles, orphans…), each with its path, for one site fingerprint and
  with the files they looked for, as a site-dependent post's findings: a warm run
  of an unchanged site does not run them; and a second row (its key ends with
  `shape`) with the findings of the rules that read the summaries and the posts
  they record (the duplicate groups, FM011: `Rule.cached_by_shape`) for the site's
  shape, with the posts they read and whose suppression comments were read for
  them: after an edit of a post's body only the other cross-post rules (orphans)
  run again (a run over the whole site keeps that row under `whole-site` instead,
  with the findings on every post: a run over part of the site, a pre-commit run,
  is served its posts' findings from there when it has no row of its own);
- walks (run 0): a walked folder's posts and subfolders, with the folder's stat and a
  digest of its excludes and git's pattern files that apply there (`collect.WalkMemo`):
  an unchanged folder is not listed nor matched entry by entry again;
- stats (run 0: a fact about files, not about a config): one row a folder (like git's
  index): for each of its files, its size, mtime, ctime, mode, inode and device (48
  bytes, packed), its 16-byte content hash and its `entry_key`, then the files' names
  (`pack_folder`), so a file whose stat is unchanged is not read or hashed (as git and
  Ruff do), and a warm run reads one row a folder, not one a file, and computes no
  digest per file. A file modified less than `RACY_SECONDS` before its stat was
  recorded is not recorded: a second edit in the same clock tick could keep its size
  and mtime. The ctime is there because no user can set it
  back: a file rewritten at the same size with its mtime restored (`touch -d`, a
  restore tool) still counts as changed;
- outcomes (under the run key and a line format's name, one row a set of posts linted:
  `site_rules_key`): the site fingerprint, the posts' contents in the run's order
  (`entries_digest`), the files the site-dependent posts looked for and what was there,
  which posts have findings, their counts and report lines, in one value: a warm run of
  an unchanged site reads this row (and the folders' stat rows), not a row per post; a
  run over the same posts after an edit replaces it. Its first line says the days it
  holds for, when its posts' findings do not hold on every day.

A post without findings costs under 1 KB on disk (about 0.9 KB, its summary a third of it).
A run reads only the rows it asks for (a pre-commit run over one post of a
2,000-post site reads a few rows, not the site's results) and writes only what it
added, in one transaction, so runs over a few files and runs over the whole site
share one cache, and concurrent runs wait for each other instead of losing
writes. A value equal to the one the run read is not written again: a re-run of
an unchanged site writes nothing. The first save of a day deletes the rows of other
keys (another config, selection or line format) written on earlier days, but stat rows,
walks and the rows of the run's own keys (summaries and facts; findings, lines and
outcomes) go only when not written for `STAT_DAYS` and not used by the run (it names the
posts, folders and outcome it used: an unchanged post's rows are never written again):
a scan of the whole table, which the day's other saves skip.

The site fingerprint (the cross-post rules' findings, a run's outcome) covers every
indexed post's path and content, where the site's files live and the working folder
(findings name other posts by a path relative to it); the shape (a post's findings)
covers the posts' summaries instead of their contents; with each result's own list of
the files it looked for, rules that look at other posts or files (broken internal
links and fragments, missing images) are never served stale, and a warm run stats the files its posts name, not every
file of the static folders. A corrupt or foreign database is
ignored and replaced; without the `sqlite3` module, runs have no cache.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from struct import Struct
from struct import error as StructError
from typing import TYPE_CHECKING, Any, Callable, Collection, Iterable

from .childwork import can_fork, in_child
from ..model.context import ALL_DAYS, days_overlap
from ..model.findings import Edit, Finding, Fix, Severity
from ..model.version import __version__
from ..parse.paths import package_folder
from ..site.collect import RACY_SECONDS  # a file modified this recently is hashed on every run until it is older

if TYPE_CHECKING:  # pragma: no cover
    from hashlib import blake2b

    from ..engine.findinglist import Tally
    from ..engine.registry import Registry
    from ..model.config import Config
    from ..site.index import PostSummary
    from ..site.postfacts import PostFacts

CACHE_FORMAT = 15
RESULTS_FILE = "results.sqlite3"
#: the findings row of a content whose findings depend on other posts or files
SITE_DEPENDENT = "site"


def _digest(data: bytes = b"") -> "blake2b":
    """A 16-byte BLAKE2b of `data`; `hashlib` (and OpenSSL behind it) is imported on first use:
    a run without the cache hashes nothing."""
    from hashlib import blake2b

    return blake2b(data, digest_size=16)


def content_hash(data: bytes) -> str:
    return _digest(data).hexdigest()


_STAT_ROW = Struct("<qqqqQQ")


def stat_key(stat: os.stat_result) -> bytes:
    """What must not change for a file to count as unchanged without reading it (size, mtime,
    ctime, mode, inode and device), packed as they are (48 bytes): no digest to compute per
    file on a warm run, which compares these bytes and nothing else."""
    try:
        return _STAT_ROW.pack(stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_mode, stat.st_ino, stat.st_dev)
    except (StructError, OverflowError):  # pragma: no cover - a value beyond 64 bits: its digest
        text = f"{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ctime_ns}:{stat.st_mode}:{stat.st_ino}:{stat.st_dev}"
        return _short_digest(text.encode(), _STAT_ROW.size)


#: a folder's stat row: how many files it holds, then a record a file (`stat_key`, its 16-byte
#: content hash, its 16-byte `entry_key`) in name order, then the names, NUL between them
_COUNT = Struct("<I")
#: a stat record's first field: the file's size
_SIZE = Struct("<q")
#: a child's answer for a file (`ResultCache._vouch`): flags, its size, its entry key
_ANSWER = 1 + _SIZE.size + 16
#: the flags: vouched for and named as the run names it, or as its path less the working folder;
#: the first file of its folder in the child's share
_AS_NAMED, _AS_KEYED, _NEW_FOLDER = 1, 2, 4
#: the answer for a file not vouched for (the first of its folder, or not)
_MISSES = {0: bytes(_ANSWER), _NEW_FOLDER: bytes((_NEW_FOLDER,)) + bytes(_ANSWER - 1)}
_RECORD = _STAT_ROW.size + 32


def pack_folder(records: dict[str, bytes]) -> bytes:
    """A folder's stat row from its files' records (name -> 80 bytes: `stat_key`, content hash,
    `entry_key`)."""
    names = sorted(records)
    return _COUNT.pack(len(names)) + b"".join(records[name] for name in names) + "\0".join(names).encode("utf-8", "surrogateescape")


def unpack_folder(value: object) -> tuple[dict[str, int], bytes] | None:
    """A folder's stat row read: name -> where its record starts, and the row (None: not one). One
    decode and split for the folder's names, no object per file beyond them."""
    if not isinstance(value, bytes) or len(value) < _COUNT.size:
        return None
    count = _COUNT.unpack_from(value)[0]
    names_at = _COUNT.size + count * _RECORD
    if len(value) < names_at:
        return None
    names = value[names_at:].decode("utf-8", "surrogateescape").split("\0") if count else []
    if len(names) != count:
        return None
    return dict(zip(names, range(_COUNT.size, names_at, _RECORD))), value


def _open_folder(folder: str) -> int | None:
    """A descriptor of `folder` to stat its files by name (no path walked a file); None where that
    is not possible (then each file is stat'ed by its path)."""
    if os.stat not in os.supports_dir_fd:  # pragma: no cover - Windows
        return None
    try:
        return os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return None


def _split_path(path: str) -> tuple[str, str]:
    """(the folder, ending in a separator; the name) of a file's absolute path."""
    cut = path.rfind(os.sep) + 1
    return path[:cut], path[cut:]


def _short_digest(data: bytes, size: int) -> bytes:
    """`size` bytes of the BLAKE2b digest of `data` (`hashlib` imported on first use: a run
    without the cache digests nothing)."""
    from hashlib import blake2b

    return blake2b(data, digest_size=size).digest()


def _source_stamp() -> str:
    """postlint's own sources (size and mtime): a development checkout changes without a version bump."""
    root = Path(package_folder())
    parts = []
    for path in sorted(root.rglob("*.py")):
        stat = path.stat()
        parts.append(f"{path.relative_to(root)}:{stat.st_size}:{stat.st_mtime_ns}")
    return _digest("\n".join(parts).encode()).hexdigest()


def summary_key(config: "Config", registry: "Registry") -> str:
    """What a post's summary and facts are keyed by: postlint's version and sources, the effective
    config, the loaded rules and packs; not the date nor the rules selected (no summary or fact
    depends on them: a first run of a day, or a run with `--select`, builds the site index from
    the summaries the runs before it stored)."""
    rules = sorted(f"{r.code}:{r.name}:{r.origin}:{r.severity}:{sorted(r.declared_options().items(), key=str)}" for r in registry)
    data = json.dumps(registry.data, sort_keys=True, default=str)
    return _digest("\n".join([__version__, _source_stamp(), config.fingerprint(), *rules, data]).encode()).hexdigest()


def run_key(site: str, selection: Iterable[str]) -> str:
    """What a post's findings (and lines, and a run's outcome) are keyed by: the `summary_key` and
    the rules selected. Not the date: a row whose findings a rule's reading of it made hold for some
    days only says which (`Context.days`), and is served on those days only."""
    return _digest("\n".join([site, ",".join(sorted(selection))]).encode()).hexdigest()


def site_fingerprint(paths: list[str], entries: list[bytes], folders: Iterable[Path], cwd: str = "") -> str:
    """Every indexed post by its `entry_key` (16 bytes binding its path and content hash: no text
    made a post), taken in the order of the posts' `paths` (the same site whatever order the run
    lists them in; the walk's order is nearly theirs, which a sort takes in one pass, where sorting
    100,000 digests took a warm run 60 ms), plus where the site's files live (the content root and
    static folders) and the working folder `cwd` (the display paths of other posts). The files a
    rule looked for are not in it: each cached result names its own (see `ResultCache.rows`)."""
    digest = _digest()
    digest.update(f"cwd\0{cwd}\n".encode("utf-8", "surrogateescape"))
    digest.update(b"".join([entries[i] for i in sorted(range(len(paths)), key=paths.__getitem__)]))  # fixed-size keys: one update
    for folder in folders:
        digest.update(f"\nfolder\0{folder}".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def summary_digest(row: str, path: str) -> bytes:
    """16 bytes of the digest of a post's summary row (`summary_row`) and its path (the row does not
    hold it: a post moved with its URL kept is named where it is now): what the site index knows of
    the post (`site_shape`)."""
    return _short_digest(f"{path}\0{row}".encode("utf-8", "surrogateescape"), 16)


def site_shape(digests: Iterable[bytes], folders: Iterable[Path], cwd: str = "") -> str:
    """What a post's findings that looked at the site index depend on, besides the files they
    looked for (checked each on its own, other posts' sources among them when a rule read their
    anchors): every indexed post's `summary_digest` (its path, URL, slug, aliases, title… — not its
    body), where the site's files live and the working folder. Unlike `site_fingerprint`, an edit
    of one post's body leaves it as it was: the other posts are not linted again. 8 bytes (16 hex
    digits, as a run key's 8): every site-dependent post's row names it."""
    from hashlib import blake2b

    digest = blake2b(digest_size=8)
    digest.update(f"shape\0{cwd}\n".encode("utf-8", "surrogateescape"))
    digest.update(b"".join(sorted(digests)))
    for folder in folders:
        digest.update(f"\nfolder\0{folder}".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def entries_digest(entries: Iterable[bytes]) -> bytes:
    """The posts a run lints, in its order, each by its `entry_key` (its content and path): what a
    run's outcome row holds for (`ResultCache.outcome`)."""
    return _digest(b"".join(entries)).digest()


def entry_key(hashed: str, path: str) -> bytes:
    """The key of a post's summary, findings, lines and facts: 16 bytes of the digest of its content
    hash and its path (both: what a rule reports may depend on either)."""
    return _short_digest(f"{hashed}:{path}".encode("utf-8", "surrogateescape"), 16)


def _run_id(text: str) -> int:
    """A run key as the integer rows store (8 bytes of its digest, as a signed 64-bit integer)."""
    return int.from_bytes(_short_digest(text.encode(), 8), "big", signed=True) or 1


def site_rules_key(site_report: bool, run_paths: Iterable[str]) -> bytes:
    """The key of the cross-post rules' cached findings: what the run is (the posts it lints, and
    whether it reports the whole site); they are served only for the site they were found for, and
    while the files they looked for are unchanged (`ResultCache.site_findings`)."""
    return _short_digest("\0".join([str(site_report), *sorted(run_paths)]).encode("utf-8", "surrogateescape"), 16)


def _path_key(path: str) -> str:
    """A path as SQLite can store it: a file name that is not UTF-8 (undecodable bytes held as
    surrogates) becomes NUL and its bytes in hex, which no path starts with."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return "\0" + path.encode("utf-8", "surrogateescape").hex()
    return path


# --- (de)serialisation -------------------------------------------------------------------


def finding_to_json(finding: Finding) -> list[Any]:
    fix = None
    if finding.fix is not None:
        fix = [finding.fix.applicability, finding.fix.message, [[e.line, e.column, e.end_line, e.end_column, e.content] for e in finding.fix.edits]]
    return [finding.line, finding.column, finding.code, finding.end_line, finding.end_column, finding.name, int(finding.severity), finding.message, fix]


_SEVERITIES = {int(level): level for level in Severity}


def finding_from_json(path: str, item: list[Any]) -> Finding:
    """The finding a cache row holds.

    A warm run turns tens of thousands of rows into findings: the frozen
    dataclass's `__init__` (one `object.__setattr__` per field) is bypassed by
    filling the new instance's `__dict__`, which gives an equal, equally frozen
    `Finding` in a third of the time.
    """
    line, column, code, end_line, end_column, name, severity, message, fix = item
    built = None
    if fix is not None:  # a third of the findings: their Fix and Edits built the same way
        applicability, fix_message, edits = fix
        built = _new(Fix)
        fix_state = built.__dict__
        fix_state["edits"] = (_edit(edits[0]),) if len(edits) == 1 else tuple(map(_edit, edits))
        fix_state["applicability"] = applicability
        fix_state["message"] = fix_message
    finding = _new(Finding)
    state = finding.__dict__
    state["path"] = path
    state["line"] = line
    state["column"] = column
    state["code"] = code
    state["end_line"] = end_line
    state["end_column"] = end_column
    state["name"] = name
    state["severity"] = _SEVERITIES[severity]
    state["message"] = message
    state["fix"] = built
    return finding


_new = object.__new__


_EDIT_FIELDS = ("line", "column", "end_line", "end_column", "content")


def _edit(row: list[Any]) -> Edit:
    """An `Edit` from its row [line, column, end_line, end_column, content]."""
    if len(row) != len(_EDIT_FIELDS):
        raise ValueError("an edit row has five values")
    edit = _new(Edit)
    edit.__dict__.update(zip(_EDIT_FIELDS, row))
    return edit


#: the fields a summary row holds, in order: not where this run finds the post (`path`,
#: `display_path`, `in_run`: the run sets them), and no field names (a row per post adds up)
_SUMMARY_FIELDS = (
    "url_path", "slug", "title", "description", "title_line", "description_line", "slug_line",
    "anchors", "mentions_postlint", "keyphrases", "aliases", "is_post", "fields",
)


def summary_to_json(summary: "PostSummary") -> list[Any]:
    values = [getattr(summary, name) for name in _SUMMARY_FIELDS]
    values[7] = sorted(summary.anchors) if summary.anchors is not None else None
    values[8], values[11] = int(summary.mentions_postlint), int(summary.is_post)
    return values


def summary_row(summary: "PostSummary") -> str:
    """A summary's cache row (JSON)."""
    return json.dumps(summary_to_json(summary), separators=(",", ":"))


def facts_row(facts: "PostFacts") -> str:
    """A post's facts' cache row (JSON)."""
    from ..site.postfacts import facts_to_json

    return json.dumps(facts_to_json(facts), separators=(",", ":"))


def summary_from_json(data: list[Any], **placed: Any) -> "PostSummary":
    """The summary a row holds, with the fields in `placed` (where this run finds the post) set."""
    from ..site.index import PostSummary

    if not isinstance(data, list) or len(data) != len(_SUMMARY_FIELDS):
        raise ValueError("not a summary row")
    url_path, slug, title, description, title_line, description_line, slug_line, anchors, mentions, keyphrases, aliases, is_post, fields = data
    if set(placed) != {"path", "display_path", "in_run"}:
        raise TypeError("a summary is placed by its path, display path and in_run")
    if not (isinstance(url_path, str) and isinstance(slug, str) and isinstance(keyphrases, list) and isinstance(fields, list)):
        raise ValueError("not a summary row")
    # every post of a site each warm run: the frozen dataclass's `__init__` (a `__setattr__` per
    # field) is bypassed as in `finding_from_json`
    summary = _new(PostSummary)
    summary.__dict__.update(
        url_path=url_path, slug=slug, title=title, description=description, title_line=title_line,
        description_line=description_line, slug_line=slug_line,
        anchors=frozenset(anchors) if anchors is not None else None, mentions_postlint=bool(mentions),
        keyphrases=tuple((phrase, line) for phrase, line in keyphrases) if keyphrases else (),
        aliases=tuple(aliases) if aliases else (), is_post=bool(is_post), fields=tuple(fields), **placed,
    )
    return summary


def summary_from_text(text: str | None, **placed: Any) -> "PostSummary | None":
    """The summary a row's text holds (None: no row, or not a summary), placed as `summary_from_json`."""
    data = _loads(text)
    if data is None:
        return None
    try:
        return summary_from_json(data, **placed)
    except (TypeError, ValueError):
        return None


# --- the store ------------------------------------------------------------------------------

#: kinds of rows: a folder's files' stats and content hashes (by folder), a post's summary, its
#: findings and their report lines (by content), a run's outcome (by the posts it lints)
_STAT, _SUMMARY, _FINDINGS, _LINES, _FACTS, _SITE, _WALK, _OUTCOME, _GRAPH = 0, 1, 2, 3, 4, 5, 6, 7, 8
#: the key of the link graph's row (one a summary key: the last graph built, `site.linkgraph`)
GRAPH_KEY = b"link-graph"
ALL_KINDS = (_STAT, _SUMMARY, _FINDINGS, _LINES, _FACTS)  # a post's; `_SITE`: the cross-post rules' findings
SITE_KINDS = (_STAT, _SUMMARY, _FACTS)  # what the site index needs of every post
WALKS = (_WALK,)  # a walk's records of the folders it lists (`collect.WalkMemo`)
#: a file's record in its folder's stat row: its `stat_key`, its 16-byte content hash, its 16-byte `entry_key`
_STAT_SIZE = _STAT_ROW.size
#: stat rows are not tied to a run key; they are dropped when not refreshed for this many days
STAT_DAYS = 30
#: rows a run holds before writing them (in a transaction of their own; `save` writes the rest)
FLUSH_ROWS = 20_000
#: From this many files `vouched` stats half of them in a forked child (when the run may use two
#: CPUs): below it the fork costs about what it saves.
SPLIT_MIN_FILES = 20_000
#: a value longer than this (a page of the database) is stored in `longs`, not `entries` (see above)
LONG_ROW = 4096
#: seconds a run waits for another run's write to the database before doing without it
LOCK_TIMEOUT = 10.0
#: facts about the database: `swept`, the day rows of earlier days were last deleted
_META = "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)"
#: `run`: 0 for stat rows, else 8 bytes of the run key's digest; `key`: a stat row's path, else
#: the 16-byte `entry_key`; `entries` has no rowid (the primary key is the table's only index);
#: `longs` (values over `LONG_ROW`) has one, and its unique index holds (run, kind, key) only
_COLUMNS = "run INTEGER NOT NULL, kind INTEGER NOT NULL, key BLOB NOT NULL, value BLOB NOT NULL, day INTEGER NOT NULL"
_SCHEMA = (
    f"CREATE TABLE IF NOT EXISTS entries ({_COLUMNS}, PRIMARY KEY (run, kind, key)) WITHOUT ROWID",
    f"CREATE TABLE IF NOT EXISTS longs ({_COLUMNS}, UNIQUE (run, kind, key))",
    "CREATE VIEW IF NOT EXISTS cached AS SELECT * FROM entries UNION ALL SELECT * FROM longs",
)
#: the start of a findings row whose findings depend on the site: then the site's fingerprint, the
#: files the rules looked for and the rows, a line each
_SITE_MARK = SITE_DEPENDENT + "\n"
#: the start of a findings row (or a cross-post rules' one) that holds on some days only: then the
#: first and last of them (ordinals, `-` between them, either left out for no bound) on a line, then
#: the row as it would be without them
_DAYS_MARK = "days\n"


def _days_text(days: tuple[int, int]) -> str:
    """Days as a row says them: `first-last` (ordinals), an open end left out."""
    first, last = ("" if day == bound else str(day) for day, bound in zip(days, ALL_DAYS))
    return f"{first}-{last}"


def _days_read(text: str) -> tuple[int, int] | None:
    """The days `_days_text` says; None: not what it writes (a hand-edited row)."""
    first, dash, last = text.partition("-")
    if not dash or not (first.isdigit() or not first) or not (last.isdigit() or not last):
        return None
    return int(first) if first else ALL_DAYS[0], int(last) if last else ALL_DAYS[1]


def _with_days(value: str, days: tuple[int, int]) -> str:
    """A findings row marked with the days it holds for (unmarked: every day)."""
    return value if days == ALL_DAYS else f"{_DAYS_MARK}{_days_text(days)}\n{value}"

Key = "str | bytes"
#: a days line not read yet (`ResultCache._day_lines`: None is a line that does not read)
_UNREAD = object()


@dataclass
class ResultCache:
    """Read row by row while a run looks things up; what the run added is written at its end
    (a value equal to the stored one is not written again)."""

    path: Path | None
    key: str  # the `run_key`
    day: int = 0  # today's ordinal: rows of earlier days belong to run keys no run can have again
    pending: dict[tuple[int, Key], str | bytes] = field(default_factory=dict)  # (kind, key) -> value
    reset: bool = False  # unreadable or foreign: replaced by a new database at save
    line_format: str = ""  # the name of the line format whose lines this run reads and writes
    summaries_key: str = ""  # the `summary_key` (summaries and facts)
    _missing: bool = False  # no database yet: nothing to read (`save` creates it)
    _db: Any = None
    _prefetched: dict[int, dict[Key, str | bytes]] = field(default_factory=dict)
    _read: dict[tuple[int, Key], Any] = field(default_factory=dict)  # rows asked for one by one
    _deferred: set[int] = field(default_factory=set)  # kinds read all at once when first asked for
    _summary_keys: set[Key] | None = None  # the posts with a summary, when summaries are deferred
    _flushed: bool = False  # rows written before `save`, which then sweeps
    _tallies: dict[bytes, "Tally"] = field(default_factory=dict)  # a lines row's count line, decoded (shared: never changed)
    _folders: dict[str, "tuple[dict[str, int], bytes] | None"] = field(default_factory=dict)  # folder -> its stat row, read
    _records: dict[str, dict[str, bytes]] = field(default_factory=dict)  # folder -> name -> a file's new stat record
    _seen: dict[str, list[list[str]]] = field(default_factory=dict)  # folder -> the path lists `vouched` was given (its files among them)
    _looked: dict[str, str] = field(default_factory=dict)  # the files site-dependent findings served or stored looked for
    _days: tuple[int, int] = ALL_DAYS  # the days every findings row served or stored holds for (a run's outcome: all of them)
    _day_lines: dict[str, "tuple[int, int] | None"] = field(default_factory=dict)  # a row's days line, read

    @classmethod
    def load(cls, folder: Path | None, key: str, day: int = 0, line_format: str = "", summaries_key: str = "") -> "ResultCache":
        if folder is None:
            return cls(None, key)
        try:
            import sqlite3  # noqa: F401 - some Python builds lack it: then no cache, never a failure
        except ImportError:  # pragma: no cover
            return cls(None, key)
        return cls(folder / RESULTS_FILE, key, day, line_format=line_format, summaries_key=summaries_key)

    def prefetch(self, *kinds: int) -> None:
        """Read every row of these kinds in one query each: a run over many files asks for most of
        them, and one query per row costs more than the rows it does not need. Facts, summaries,
        findings and lines are read when first asked for (a warm run of an unchanged site asks for
        none: its outcome row serves it; which posts have a summary is read, keys only, when
        `knows_summary` is first asked)."""
        for kind in kinds:
            if kind == _LINES and not self.line_format:
                continue
            if kind in (_FACTS, _SUMMARY, _FINDINGS, _LINES):
                self._deferred.add(kind)
                continue
            self._fetch(kind)

    def _table(self, kind: int) -> "dict[Key, str | bytes] | None":
        """The prefetched rows of `kind` (read now if deferred), or None when not prefetched."""
        if kind in self._deferred:
            self._deferred.discard(kind)
            self._fetch(kind)
        return self._prefetched.get(kind)

    def _fetch(self, kind: int) -> None:
        rows = self._select("SELECT key, value FROM cached WHERE run = ? AND kind = ?", (self._run(kind), kind), many=True)
        if rows is not None:
            self._prefetched[kind] = dict(rows)

    def _query(self, kind: int, key: Key) -> Any:
        """The stored value of (this run, kind, key); None when absent or the database is unusable.
        A row read at once with its kind is asked for once: it is dropped from memory when read (a
        warm run of a big site would hold every post's rows twice)."""
        table = self._table(kind)
        if table is not None:
            return table.pop(key, None)
        if self.path is None:  # no cache this run
            return None
        if (kind, key) not in self._read:
            row = self._select("SELECT value FROM cached WHERE run = ? AND kind = ? AND key = ?", (self._run(kind), kind, key))
            self._read[(kind, key)] = row[0] if row else None
        return self._read[(kind, key)]

    def _put(self, kind: int, key: Key, value: str | bytes) -> None:
        """Write (kind, key) = value at save, unless that is what the database holds (as far as this
        run read it and kept it): a re-run of an unchanged site writes nothing (a run puts only
        what it did not find, or found stale)."""
        table = self._prefetched.get(kind)
        stored = table.get(key) if table is not None else self._read.get((kind, key))
        if stored != value:
            self.pending[(kind, key)] = value
            if len(self.pending) >= FLUSH_ROWS:  # a cold run of a big site: its rows are not all held until the end
                self._write(final=False)

    def _run(self, kind: int) -> int:
        if kind == _STAT or kind == _WALK:
            return 0
        if kind == _SUMMARY or kind == _FACTS or kind == _GRAPH:
            return _run_id(f"summaries:{self.summaries_key}")
        return _run_id(f"{self.key}:{self.line_format}" if kind == _LINES or kind == _OUTCOME else self.key)

    def _select(self, sql: str, parameters: tuple[object, ...], many: bool = False) -> Any:
        if self.reset or self._missing or self.path is None:
            return None
        import sqlite3

        try:
            if self._db is None:
                if not os.path.lexists(self.path):
                    self._missing = True  # not `reset`: a run started meanwhile may create it, keep its rows
                    return None
                # read-write but never created here: a journal left by a crashed run is rolled back
                self._db = sqlite3.connect(self.path.absolute().as_uri() + "?mode=rw", uri=True, timeout=LOCK_TIMEOUT)
                if self._db.execute("PRAGMA user_version").fetchone()[0] != CACHE_FORMAT:
                    raise sqlite3.DatabaseError("not a postlint cache of this format")
            cursor = self._db.execute(sql, parameters)
            return cursor.fetchall() if many else cursor.fetchone()
        except (sqlite3.OperationalError, OSError):  # locked by another run for longer than we wait, or gone: do without it
            self.close()
            self.path = None
            return None
        except sqlite3.Error:  # corrupt or foreign: lint without it, replace it at the end
            self.close()
            self.reset = True
            return None

    def close(self) -> None:
        """Close the reading connection (before forking workers, and at save)."""
        if self._db is not None:
            self._db.close()
            self._db = None

    def _folder(self, folder: str) -> "tuple[dict[str, int], bytes] | None":
        """The stat row of `folder` (absolute, ending in a separator), read once (`unpack_folder`)."""
        if folder not in self._folders:
            self._folders[folder] = unpack_folder(self._query(_STAT, _path_key(folder)))
        return self._folders[folder]

    def hash_for(self, path: str, stat: bytes) -> tuple[str, bytes] | None:
        """The content hash recorded for `path` (absolute) when its stat was `stat` (`stat_key`), if
        it still is, with the post's `entry_key` (recorded with it: no digest per file on a warm run)."""
        folder, name = _split_path(path)
        found = self._folder(folder)
        at = found[0].get(name) if found is not None else None
        if at is None:
            return None
        value = found[1]  # type: ignore[index]
        if value[at:at + _STAT_SIZE] != stat:
            return None
        return value[at + _STAT_SIZE:at + _STAT_SIZE + 16].hex(), value[at + _STAT_SIZE + 16:at + _RECORD]

    def put_hash(self, path: str, stat: os.stat_result, hashed: str, now: float, entry: bytes) -> None:
        """Record a file's stat with its content hash and `entry_key` (in its folder's row, at save),
        unless it was modified within `RACY_SECONDS`: then it is hashed again next run."""
        if self.path is None or stat.st_mtime >= now - RACY_SECONDS:
            return
        folder, name = _split_path(path)
        record = stat_key(stat) + bytes.fromhex(hashed) + entry
        found = self._folder(folder)
        at = found[0].get(name) if found is not None else None
        if at is None or found[1][at:at + _RECORD] != record:  # type: ignore[index]
            self._records.setdefault(folder, {})[name] = record

    def vouched(
        self, names: list[str], keys: list[str], make: "Callable[..., Any]", under: str, split: bool = False
    ) -> "list[Any] | None":
        """For each file (as the run names it, and its absolute path): when its stat is the one its
        folder's stat row holds and it is named plainly under `under` (the working folder, ending in
        a separator: its absolute path starts with it, and the name the run gives it is that path
        less `under`, with or without a leading `./` as the walk of `.` gives, or that path itself),
        `make(name, display, key, None, None, True, size, entry)` (the run's object for it, made
        here: no second loop and no tuple a file); else None (the caller reads it: `hash_for` says
        the same). None when the stat rows were not prefetched. One `stat` a file (by its name in
        its folder, opened once), compared in one loop with a slice of its folder's row, where its
        record is expected (the row and the walk list a folder's files in name order: no lookup
        while they agree): a warm run of a big site. `split` (the run may use two CPUs): from
        `SPLIT_MIN_FILES` files, a forked child stats the second half while this process stats the
        first (`childwork.in_child`), and answers what this process makes their objects of
        (`_ANSWER` bytes a file: no second look at their folders' rows)."""
        if _STAT not in self._prefetched:
            return None
        if not split or len(names) < SPLIT_MIN_FILES or not can_fork():
            return self._vouch(names, keys, make, under)
        half = len(names) // 2
        size = _ANSWER * (len(names) - half)
        theirs = in_child(lambda: bytes(self._vouch(names[half:], keys[half:], None, under)), size)
        try:
            mine = self._vouch(names[:half], keys[:half], make, under)
        finally:
            answer = theirs()
        if answer is None:  # no answer: stat'ed here
            return mine + self._vouch(names[half:], keys[half:], make, under)
        return mine + self._answered(names[half:], keys[half:], make, under, answer)

    def _answered(self, names: list[str], keys: list[str], make: "Callable[..., Any]", under: str, answer: bytes) -> "list[Any]":
        """The objects of the files a child vouched for (`_vouch` without `make`: its answer)."""
        out: "list[Any]" = []
        append, cut, size_of = out.append, len(under), _SIZE.unpack_from
        for name, key, at in zip(names, keys, range(0, len(answer), _ANSWER)):
            flag = answer[at]
            if flag & _NEW_FOLDER:
                self._saw(key[:key.rfind(os.sep) + 1], keys)
            if flag & (_AS_NAMED | _AS_KEYED):
                display = name if flag & _AS_NAMED else key[cut:]
                append(make(name, display, key, None, None, True, size_of(answer, at + 1)[0], answer[at + 1 + _SIZE.size:at + _ANSWER]))
            else:
                append(None)
        return out

    def _saw(self, folder: str, keys: list[str]) -> None:
        """`keys` name files of `folder` that a run looked at: `put_stats` finds them there if it must."""
        given = self._seen.setdefault(folder, [])
        if not given or given[-1] is not keys:  # (a run's own files, then the index's: two lists)
            given.append(keys)

    def _vouch(self, names: list[str], keys: list[str], make: "Callable[..., Any] | None", under: str) -> "list[Any]":
        """`vouched` in one process. No `make` (a child's work): a bytearray, `_ANSWER` bytes a
        file: how its object is named (`_AS_NAMED`, `_AS_KEYED`; neither: not vouched for) and
        whether its folder is new (`_NEW_FOLDER`), then the size and entry its record holds."""
        out: "list[Any] | bytearray" = bytearray() if make is None else []
        append, stat, pack, cut = out.append, os.stat, _STAT_ROW.pack, len(under)
        new_folder = 0  # `_NEW_FOLDER` for the first file a folder's row was looked up for
        if make is None:  # a child's answer: a record a file
            def append(item: Any, extend: Any = out.extend) -> None:
                nonlocal new_folder
                extend(_MISSES[new_folder] if item is None else item)
                new_folder = 0
        current = "\0"  # the folder at hand (ending in a separator), `start` long
        start = 0
        there: list[str] = []  # its files' names in its row's order: the walk's too (name order)
        index: dict[str, int] = {}  # its files' records by name (where a file is out of step)
        value = b""
        step = 0  # the record of the folder's next file, in step
        plain = False  # the folder lies under `under`
        folder_fd: int | None = None  # the folder opened: a file is stat'ed by its name there
        try:
            for name, key in zip(names, keys):
                base = there[step] if step < len(there) else ""
                if base and len(key) == start + len(base) and key.endswith(base) and key.startswith(current):
                    at = _COUNT.size + step * _RECORD  # in step: no lookup, no slicing
                else:
                    folder = key[:key.rfind(os.sep) + 1]
                    if folder != current:  # the next folder (the walk's files come a folder at a time)
                        current, start = folder, len(folder)
                        found = self._folder(folder) if folder else None
                        index, value = found if found is not None else ({}, b"")
                        there = list(index)
                        self._saw(folder, keys)
                        new_folder = _NEW_FOLDER
                        plain = folder.startswith(under)
                        if folder_fd is not None:
                            os.close(folder_fd)
                        folder_fd = _open_folder(folder) if plain and index else None
                    base = key[start:]
                    found_at = index.get(base)
                    if found_at is None:
                        append(None)
                        continue
                    at = found_at
                    step = (at - _COUNT.size) // _RECORD
                step += 1
                if not plain:
                    append(None)
                    continue
                if len(name) + cut == len(key) and key.endswith(name):  # its path less `under`
                    display = name
                    named = _AS_NAMED
                else:
                    named = _AS_KEYED
                    display = key[cut:]
                    if name != key and (name[:2] != "./" or name[2:] != display):
                        append(None)  # named otherwise (a `.` or `..` part, `//`, a link's path): `_read` names it
                        continue
                try:
                    info = stat(base, dir_fd=folder_fd) if folder_fd is not None else stat(name)
                    packed = pack(info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_mode, info.st_ino, info.st_dev)
                except OSError:
                    append(None)  # reading it says why
                    continue
                except (StructError, OverflowError):  # pragma: no cover - a value beyond 64 bits (`stat_key`)
                    packed = stat_key(info)
                if value[at:at + _STAT_SIZE] != packed:
                    append(None)
                elif make is None:
                    append(bytes((named | new_folder,)) + value[at:at + _SIZE.size] + value[at + _STAT_SIZE + 16:at + _RECORD])
                else:
                    append(make(name, display, key, None, None, True, info.st_size, value[at + _STAT_SIZE + 16:at + _RECORD]))
        finally:
            if folder_fd is not None:
                os.close(folder_fd)
        return out

    def put_stats(self) -> None:
        """The stat rows of the folders where a file's record changed: the records read, the new ones
        over them; a name `vouched` did not see there is kept while the file exists (a run may lint
        part of a folder). A run calls it once it has stat'ed its files (a cold run of a big site
        then holds one packed row a folder, not a record and a name a file, until the save), and
        `save` for any record added since."""
        pending, self._records = self._records, {}  # taken: a second save puts none of them again
        for folder, records in pending.items():
            found = self._folders.get(folder)
            merged: dict[str, bytes] = {}
            if found is not None:
                index, value = found
                keys = self._seen.get(folder)
                cut = len(folder)
                seen = {key[cut:] for given in keys for key in given if key.startswith(folder) and os.sep not in key[cut:]} if keys is not None else set()
                for name, at in index.items():
                    if name not in records and (name in seen or keys is None or os.path.lexists(folder + name)):
                        merged[name] = value[at:at + _RECORD]
            merged.update(records)
            self._put(_STAT, _path_key(folder), pack_folder(merged))

    def without_findings(self, entries: list[Key], fingerprint: "str | Callable[[], str]") -> list[bool]:
        """Whether each post's cached findings are none, for its content alone or for this site
        with no file looked for (most posts of a good site: nothing more to read or check).
        `fingerprint`: what the site-dependent ones hold for (a callable: asked only if one is)."""
        table = self._table(_FINDINGS)
        if table is None:
            return [False] * len(entries)
        empty, for_site = "[]", ""
        out: list[bool] = []
        for entry in entries:
            value = table.get(entry)
            if isinstance(value, str) and value.startswith(_DAYS_MARK):  # (a post with a date: FM007)
                value = self._held(value)
            if not for_site and isinstance(value, str) and value.startswith(_SITE_MARK):
                for_site = f"{_SITE_MARK}{_asked(fingerprint)}\n{{}}\n[]"
            if value == empty or value == for_site:
                del table[entry]
                out.append(True)
            else:
                out.append(False)
        return out

    def _held(self, value: str) -> str | None:
        """A findings row without its days (`_with_days`) when it holds today (then `_days`, what the
        run's outcome holds for, is narrowed to them); else None."""
        if not value.startswith(_DAYS_MARK):  # every day
            return value
        end = value.find("\n", len(_DAYS_MARK))
        if end < 0:
            return None
        line = value[len(_DAYS_MARK):end]
        days = self._day_lines.get(line, _UNREAD)  # the posts of a site share few dates: each line read once
        if days is _UNREAD:
            days = self._day_lines[line] = _days_read(line)
        if days is None or not days[0] <= self.day <= days[1]:  # type: ignore[index]
            return None
        self._days = days_overlap(self._days, days)  # type: ignore[arg-type]
        return value[end + 1:]

    def linted(self) -> "Collection[Key]":
        """The posts with a findings row for this run key (prefetched; not read, nor dropped from
        memory; none when not prefetched): the run that stored one stored the post's summary too."""
        table = self._table(_FINDINGS)
        return table.keys() if table is not None else ()

    def recall(self, folder: str) -> bytes | None:
        """A walk's record of `folder` (`collect.WalkMemo`: what it found there, and on what)."""
        value = self._query(_WALK, _path_key(folder))
        return value if isinstance(value, bytes) else None

    def record(self, folder: str, value: bytes) -> None:
        if self.path is not None:
            self._put(_WALK, _path_key(folder), value)

    def knows_summary(self, entry: Key) -> bool:
        """Whether the post `entry` has a summary row (not read, nor dropped from memory)."""
        if _SUMMARY in self._deferred:
            if self._summary_keys is None:
                rows = self._select("SELECT key FROM cached WHERE run = ? AND kind = ?", (self._run(_SUMMARY), _SUMMARY), many=True)
                self._summary_keys = {key for key, in rows} if rows is not None else set()
            return entry in self._summary_keys
        table = self._prefetched.get(_SUMMARY)
        if table is not None:
            return entry in table
        return self._query(_SUMMARY, entry) is not None

    def summary_row(self, entry: Key) -> str | None:
        """The summary row of the post `entry` as stored or put this run, kept where it is (the
        index reads it again: `summary_text`)."""
        value = self.pending.get((_SUMMARY, entry))
        if value is None:
            table = self._table(_SUMMARY)
            if table is not None:
                value = table.get(entry)
            elif self.path is not None:
                value = self._query(_SUMMARY, entry)  # asked once: kept in `_read`
        return value if isinstance(value, str) else None

    def summary_text(self, entry: Key) -> str | None:
        """The summary row of the post `entry` (its `entry_key`) as stored: `summary_from_text`
        decodes it when the site index is built."""
        value = self._query(_SUMMARY, entry)
        return value if isinstance(value, str) else None

    def put_summary(self, entry: Key, summary: "PostSummary", row: str | None = None) -> None:
        """Store a post's summary; `row`: its `summary_row`, when a worker encoded it."""
        if self.path is None:  # no cache this run: nothing to serialise
            return
        self._put(_SUMMARY, entry, row if row is not None else summary_row(summary))

    def facts(self, entry: Key) -> "PostFacts | None":
        """The `PostFacts` of the post `entry` (its `entry_key`), if cached."""
        from ..site.postfacts import facts_from_json

        return facts_from_json(_loads(self._query(_FACTS, entry)))

    def put_facts(self, entry: Key, facts: "PostFacts", row: str | None = None) -> None:
        """Store a post's facts; `row`: their `facts_row`, when a worker encoded it."""
        if self.path is None:
            return
        self._put(_FACTS, entry, row if row is not None else facts_row(facts))

    def link_graph(self) -> bytes | None:
        """The link graph's row the last run that built it kept (`site.linkgraph.GraphMemo`)."""
        value = self._query(_GRAPH, GRAPH_KEY)
        return value if isinstance(value, bytes) else None

    def put_link_graph(self, row: bytes) -> None:
        """Keep this run's link graph row (one a summary key: it replaces the one before)."""
        if self.path is not None:
            self._put(_GRAPH, GRAPH_KEY, row)

    def rows(
        self, entry: Key, fingerprint: "str | Callable[[], str]", signature: Callable[[str], str] | None = None
    ) -> tuple[str, bool] | None:
        """The cached findings of the post `entry` (its `entry_key`) as stored (a JSON list of rows,
        not decoded), and whether they depend on the site: those are served only for this site
        (`fingerprint`; a callable is asked only then), and only while `signature` (path -> what is
        there now) gives what their rules saw."""
        value = self._query(_FINDINGS, entry)
        if not isinstance(value, str):
            return None
        value = self._held(value)
        if value is None:
            return None
        if not value.startswith(_SITE_MARK):
            return value, False
        rows = _for_site(value, _asked(fingerprint), signature, self._looked)
        return None if rows is None else (rows, True)

    def site_findings(
        self, key: Key, fingerprint: str, signature: Callable[[str], str], looked: dict[str, str] | None = None
    ) -> list[Finding] | None:
        """The cross-post rules' findings cached under `key` (see `put_site_findings`) for this site,
        while `signature` gives what they saw of the files they looked for (then added to `looked`)."""
        value = self._query(_SITE, key)
        value = self._held(value) if isinstance(value, str) else None
        rows = _for_site(value, fingerprint, signature, looked) if value is not None else None
        entry = _loads(rows)
        if not isinstance(entry, list):
            return None
        try:
            return [finding_from_json(path, item) for path, item in entry]
        except (TypeError, ValueError, KeyError):
            return None

    def put_site_findings(
        self, key: Key, fingerprint: str, findings: list[Finding], files: dict[str, str], days: tuple[int, int] = ALL_DAYS
    ) -> None:
        """Store the cross-post rules' findings of a run (each with its path) under `key` (what the run
        is: the posts it lints), for the site `fingerprint`, with the `files` they looked for and the
        `days` they hold for."""
        if self.path is None:
            return
        self._days = days_overlap(self._days, days)
        rows = json.dumps([[f.path, finding_to_json(f)] for f in findings], separators=(",", ":"))
        self._put(_SITE, key, _with_days(f"{_SITE_MARK}{fingerprint}\n{json.dumps(files, separators=(',', ':'))}\n{rows}", days))

    def findings(
        self, entry: Key, fingerprint: "str | Callable[[], str]", display: str, signature: Callable[[str], str] | None = None
    ) -> list[Finding] | None:
        """The cached findings of the post `entry` (see `rows`), naming `display`."""
        found = self.rows(entry, fingerprint, signature)
        return None if found is None else decode_rows(display, found[0])

    def put_findings(
        self, entry: Key, fingerprint: str | None, findings: list[Finding] | None, rows: str | None = None,
        files: dict[str, str] | None = None, days: tuple[int, int] = ALL_DAYS,
    ) -> None:
        """Store findings (or their `rows`, already encoded: a JSON list of `finding_to_json`)
        under the post alone, or (`fingerprint` given) under the post for this site only, with
        the `files` the rules looked for (path -> what was there); for the `days` they hold for."""
        if self.path is None:
            return
        if rows is None:
            rows = json.dumps([finding_to_json(f) for f in findings or ()], separators=(",", ":"))
        if fingerprint is not None:
            rows = f"{_SITE_MARK}{fingerprint}\n{json.dumps(files or {}, separators=(',', ':'))}\n{rows}"
            self._looked.update(files or {})
        self._days = days_overlap(self._days, days)
        self._put(_FINDINGS, entry, _with_days(rows, days))

    def lines(self, entry: Key, fingerprint: str | None) -> tuple["Tally", bytes] | None:
        """The count and report lines (see `put_lines`) of the findings cached for the post `entry`
        (and this site, when they depend on it: `rows` says, and checks the files they saw)."""
        value = self._query(_LINES, entry)
        if not isinstance(value, bytes):
            return None
        stored, _, value = value.partition(b"\n")
        if stored.decode("ascii", errors="replace") != (fingerprint or ""):
            return None
        head, _, lines = value.partition(b"\n")
        tally = self._tallies.get(head)  # posts' counts repeat (one finding of one rule): decoded once
        if tally is None:
            counts = _loads(head.decode("ascii", errors="replace"))
            try:
                tally = self._tallies[head] = {(code, _SEVERITIES[level], bool(safe)): count for code, level, safe, count in counts}
            except (TypeError, ValueError, KeyError):
                return None
        return tally, lines

    def put_lines(self, entry: Key, fingerprint: str | None, counts: "Tally", lines: bytes) -> None:
        """Store the line format's lines of findings just stored by `put_findings` (same keys), after
        the site's fingerprint (empty when they do not depend on it) and their count: one line of JSON
        [[code, severity, safe fix 0/1, count], ...] (ASCII). No findings, no row: the run renders none."""
        if self.path is None or not self.line_format or not counts:
            return
        head = json.dumps([[code, int(level), int(safe), count] for (code, level, safe), count in counts.items()], separators=(",", ":"))
        self._put(_LINES, entry, (fingerprint or "").encode("ascii") + b"\n" + head.encode("ascii") + b"\n" + lines)

    def outcome(self, key: bytes, contents: bytes, fingerprint: str, signature: Callable[[str], str]) -> "list[tuple[int, Tally, bytes]] | None":
        """The outcome stored under `key` (`site_rules_key`: the posts a run lints) for these posts'
        `contents` (`entries_digest`) and this site: for each post with findings, (its place in the
        run, their count, their report lines in the run's line format); the other posts have none.
        None: not stored, other contents or order, another site, or a file the site-dependent posts
        looked for is not as it was."""
        value = self._query(_OUTCOME, key) if self.line_format else None
        if not isinstance(value, bytes):
            return None
        parts = value.split(b"\n", 5)
        if len(parts) != 6 or parts[1] != contents.hex().encode("ascii"):
            return None
        stored, _, days = parts[0].decode("ascii", errors="replace").partition(" ")
        held = _days_read(days) if days else ALL_DAYS
        if stored != fingerprint or held is None or not held[0] <= self.day <= held[1]:
            return None
        _, _, files, heads, posts, lines = parts
        seen = _loads(files.decode("ascii", errors="replace"))
        if not isinstance(seen, dict) or any(signature(path) != was for path, was in seen.items()):
            return None
        out: "list[tuple[int, Tally, bytes]]" = []
        at = 0
        try:
            counts = [{(code, _SEVERITIES[level], bool(safe)): count for code, level, safe, count in head} for head in json.loads(heads)]
            for place, which, size in json.loads(posts):
                out.append((place, counts[which], lines[at:at + size]))
                at += size
        except (TypeError, ValueError, KeyError, IndexError):
            return None
        if at != len(lines):
            return None
        self._deferred.difference_update((_FINDINGS, _LINES))  # what the run still asks of them: row by row
        return out

    def put_outcome(self, key: bytes, contents: bytes, fingerprint: str, posts: "list[tuple[int, Tally, bytes]]") -> None:
        """Store a run's outcome (see `outcome`) under `key`, with the files its site-dependent
        posts' findings looked for (as served or stored this run)."""
        if self.path is None or not self.line_format:
            return
        heads: dict[str, int] = {}  # posts' counts repeat (one finding of one rule): stored once each
        index = []
        for place, counts, lines in posts:
            head = json.dumps(sorted([code, int(level), int(safe), count] for (code, level, safe), count in counts.items()), separators=(",", ":"))
            index.append([place, heads.setdefault(head, len(heads)), len(lines)])
        held = "" if self._days == ALL_DAYS else f" {_days_text(self._days)}"  # as every post's findings
        self._put(_OUTCOME, key, b"\n".join([
            (fingerprint + held).encode("ascii"),
            contents.hex().encode("ascii"),
            json.dumps(self._looked, sort_keys=True, separators=(",", ":")).encode("ascii"),
            f"[{','.join(heads)}]".encode("ascii"),
            json.dumps(index, separators=(",", ":")).encode("ascii"),
            b"".join(lines for _, _, lines in posts),
        ]))

    def save(self, live: Iterable[Key] = ()) -> None:
        """Write what this run added (what `FLUSH_ROWS` did not write already) in one transaction
        and drop rows no run can use again; a cache that cannot be written is silently skipped.
        `live`: the keys of the rows the run used (its posts' `entry_key`s, its folders, its outcome):
        the day's first save, which drops this run key's rows not written for `STAT_DAYS`, keeps
        these (an unchanged post's rows are never written again, and must not go a month later)."""
        self.put_stats()
        self._write(final=True, live=live)

    def _write(self, final: bool, live: Iterable[Key] = ()) -> None:
        self.close()
        if self.path is None or not (self.pending or self.reset or self._missing or (final and self._flushed)):
            return
        import sqlite3

        from .folder import prepare, remove_own

        folder = self.path.parent
        try:  # the run checked the folder is postlint's (`cachedir.problem`), or missing
            prepare(folder)
            remove_own(folder / "results.json")  # format 2
            if self.reset:
                remove_own(self.path)
            db = sqlite3.connect(self.path, timeout=LOCK_TIMEOUT, isolation_level=None)
            try:
                if db.execute("PRAGMA user_version").fetchone()[0] != CACHE_FORMAT:
                    db.execute("PRAGMA auto_vacuum = FULL")  # before the first table: deleted rows give space back
                    for statement in _SCHEMA:
                        db.execute(statement)
                    db.execute(f"PRAGMA user_version = {CACHE_FORMAT}")
                db.execute("BEGIN IMMEDIATE")
                runs = {kind: self._run(kind) for kind in (*ALL_KINDS, _SITE, _WALK, _OUTCOME, _GRAPH)}
                # in key order: each B-tree page is visited once, not once per row at random
                rows = sorted((runs[kind], kind, key, value, self.day) for (kind, key), value in self.pending.items())
                longs = [row for row in rows if len(row[3]) > LONG_ROW]
                # a key's value is in one table: a long value replaces a short one and the other way round
                stored = set(db.execute("SELECT run, kind, key FROM longs"))
                db.executemany("DELETE FROM longs WHERE run = ? AND kind = ? AND key = ?", [row[:3] for row in rows if row[:3] in stored])
                db.executemany("DELETE FROM entries WHERE run = ? AND kind = ? AND key = ?", [row[:3] for row in longs])
                db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?, ?)", (row for row in rows if len(row[3]) <= LONG_ROW))
                db.executemany("INSERT INTO longs VALUES (?, ?, ?, ?, ?)", longs)
                del rows, longs
                db.execute(_META)
                # (a walk memo's save knows no summary key: it leaves the sweep to a run's save)
                swept = db.execute("SELECT value FROM meta WHERE key = 'swept'").fetchone() if final and self.summaries_key else (self.day,)
                if swept is None or swept[0] != self.day:  # the first save of the day: a scan of every row
                    # rows of other keys' earlier days; stat rows and this run's keys' rows (summaries and
                    # facts; findings, cross-post findings; lines and outcomes in its line format) when
                    # not written for `STAT_DAYS`
                    lasting = (0, self._run(_SUMMARY), self._run(_FINDINGS), self._run(_OUTCOME))
                    db.execute("CREATE TEMP TABLE live (key BLOB PRIMARY KEY) WITHOUT ROWID")
                    used = chain(live, map(_path_key, self._folders))  # and the folders' stat rows and walks it read
                    db.executemany("INSERT OR IGNORE INTO live VALUES (?)", ((key,) for key in used))
                    for table in ("entries", "longs"):  # the rows this run used: as if written today
                        db.execute(
                            f"UPDATE {table} SET day = ? WHERE run IN (?, ?, ?, ?) AND day < ? AND key IN (SELECT key FROM live)",
                            (self.day, *lasting, self.day - STAT_DAYS),
                        )
                    for table in ("entries", "longs"):
                        db.execute(
                            f"DELETE FROM {table} WHERE (run NOT IN (?, ?, ?, ?) AND day < ?) OR (run IN (?, ?, ?, ?) AND day < ?)",
                            (*lasting, self.day, *lasting, self.day - STAT_DAYS),
                        )
                    db.execute("INSERT OR REPLACE INTO meta VALUES ('swept', ?)", (self.day,))
                db.execute("COMMIT")
            finally:
                db.close()
        except (OSError, sqlite3.Error):
            pass
        self.pending = {}
        self.reset = self._missing = False
        self._flushed = not final




def _for_site(value: str, fingerprint: str, signature: Callable[[str], str] | None, looked: dict[str, str] | None = None) -> str | None:
    """The rows of a value stored for a site (`site`, its fingerprint, the files looked for and what
    was there, the rows: a line each) when it is this site and the files are as they were (then
    added to `looked`)."""
    _, stored, files, rows = (value.split("\n", 3) + ["", "", ""])[:4]
    if stored != fingerprint:
        return None
    if files == "{}":  # no file looked for (most posts): nothing to decode or check
        return rows
    seen = _loads(files)  # the files first: checked without decoding the rows
    if not isinstance(seen, dict) or signature is None or any(signature(path) != was for path, was in seen.items()):
        return None
    if looked is not None:
        looked.update(seen)
    return rows


def _asked(fingerprint: "str | Callable[[], str]") -> str:
    return fingerprint if isinstance(fingerprint, str) else fingerprint()


def decode_rows(display: str, value: str) -> list[Finding] | None:
    """The findings a row of the findings kind holds (JSON), naming `display`; None when it is
    not one (a hand-edited or foreign entry: lint again)."""
    entry = _loads(value)
    if not isinstance(entry, list):
        return None
    try:
        return [finding_from_json(display, item) for item in entry]
    except (TypeError, ValueError, KeyError):
        return None


def _loads(value: str | None) -> Any:
    if value is None:
        return None
    try:
        return json.loads(value)
    except ValueError:
        return None

