"""The results cache in `.postlint_cache/`: an unchanged file costs a stat.

One JSON file (never pickle: a cache directory may come from a stranger's pull
request) holds, for the current run key (postlint version and sources, effective
config, loaded rules and packs, today's date):

- `summaries`: content hash -> the post's site summary (title, description, URL…),
  so the site index of an unchanged site needs no parse;
- `results`: content hash -> the post's findings, when no rule looked beyond the
  post for them; otherwise `"site"`, and the findings are under content hash +
  site fingerprint;
- `stats`: path -> [size, mtime, mode and inode, content hash], so a file whose
  stat is unchanged is not read or hashed (as git and Ruff do). A file modified
  less than `RACY_SECONDS` before its stat was recorded is not recorded: a
  second edit in the same clock tick could keep its size and mtime.

A run writes the file only when it added something, keeping earlier entries
(up to twice as many as it used) so that runs over a few files and runs over
the whole site share one cache.

The site fingerprint covers every indexed post's path and content and the static
folders' listing, so rules that look at other posts or files (broken internal
links, missing images) are never served stale. A corrupt or foreign cache file is
ignored and rewritten.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from . import __version__
from .findings import Edit, Finding, Fix, Severity

if TYPE_CHECKING:  # pragma: no cover
    from .config import Config
    from .registry import Registry
    from .site import PostSummary

CACHE_FORMAT = 2
RESULTS_FILE = "results.json"
#: the `results` entry of a content whose findings depend on other posts or files
SITE_DEPENDENT = "site"
#: a file modified this recently is hashed on every run until it is older
RACY_SECONDS = 2.0


def content_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def stat_key(stat: os.stat_result) -> str:
    """What must not change for a file to count as unchanged without reading it."""
    return f"{stat.st_size}:{stat.st_mtime_ns}:{stat.st_mode}:{stat.st_ino}:{stat.st_dev}"


def _source_stamp() -> str:
    """postlint's own sources (size and mtime): a development checkout changes without a version bump."""
    root = Path(__file__).parent
    parts = []
    for path in sorted(root.rglob("*.py")):
        stat = path.stat()
        parts.append(f"{path.relative_to(root)}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()


def run_key(config: "Config", registry: "Registry", today: str, selection: Iterable[str]) -> str:
    rules = sorted(f"{r.code}:{r.name}:{r.origin}:{r.severity}:{sorted(r.options.items(), key=str)}" for r in registry)
    data = json.dumps(registry.data, sort_keys=True, default=str)
    text = "\n".join([__version__, _source_stamp(), config.fingerprint(), today, ",".join(sorted(selection)), *rules, data])
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def site_fingerprint(files: Iterable[tuple[str, str]], static_dirs: Iterable[Path]) -> str:
    """(path, content hash) of every indexed post plus the static folders' file listing."""
    digest = hashlib.blake2b(digest_size=16)
    for path, hashed in sorted(files):
        digest.update(f"{path}\0{hashed}\n".encode())
    for folder in static_dirs:
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames.sort()
            for name in sorted(filenames):
                full = os.path.join(dirpath, name)
                try:
                    stat = os.stat(full)
                except OSError:
                    continue
                digest.update(f"{full}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


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
    if fix is not None:
        applicability, fix_message, edits = fix
        built = Fix(tuple(Edit(*edit) for edit in edits), applicability, fix_message)
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


def summary_to_json(summary: "PostSummary") -> dict[str, Any]:
    data = asdict(summary)
    data["anchors"] = sorted(summary.anchors) if summary.anchors is not None else None
    return data


def summary_from_json(data: dict[str, Any]) -> "PostSummary":
    from .site import PostSummary

    anchors = data.get("anchors")
    return PostSummary(**{**data, "anchors": frozenset(anchors) if anchors is not None else None})


# --- the store ------------------------------------------------------------------------------


@dataclass
class ResultCache:
    """Loaded at the start of a run, saved at its end with only the entries this run used."""

    path: Path | None
    key: str
    summaries: dict[str, dict[str, Any]] = field(default_factory=dict)
    results: dict[str, Any] = field(default_factory=dict)
    stats: dict[str, list[str]] = field(default_factory=dict)
    used_summaries: dict[str, dict[str, Any]] = field(default_factory=dict)
    used_results: dict[str, Any] = field(default_factory=dict)
    used_stats: dict[str, list[str]] = field(default_factory=dict)
    dirty: bool = False

    @classmethod
    def load(cls, folder: Path | None, key: str) -> "ResultCache":
        if folder is None:
            return cls(None, key)
        path = folder / RESULTS_FILE
        try:
            with open(path, encoding="utf-8") as handle:
                data = json.load(handle)
            if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT or data.get("key") != key:
                return cls(path, key, dirty=True)
            summaries, results, stats = data.get("summaries"), data.get("results"), data.get("stats")
            if not isinstance(summaries, dict) or not isinstance(results, dict) or not isinstance(stats, dict):
                return cls(path, key, dirty=True)
            return cls(path, key, summaries, results, stats)
        except (OSError, ValueError, UnicodeDecodeError):
            return cls(path, key, dirty=True)

    def hash_for(self, path: str, stat: str) -> str | None:
        """The content hash recorded for `path` when its stat was `stat`, if it still is."""
        entry = self.stats.get(path)
        if not isinstance(entry, list) or len(entry) != 2 or entry[0] != stat or not isinstance(entry[1], str):
            return None
        self.used_stats[path] = entry
        return entry[1]

    def put_hash(self, path: str, stat: os.stat_result, hashed: str, now: float) -> None:
        if self.path is None:
            return
        if stat.st_mtime < now - RACY_SECONDS:
            self.used_stats[path] = [stat_key(stat), hashed]
            self.dirty = True

    def summary(self, hashed: str) -> "PostSummary | None":
        data = self.summaries.get(hashed)
        if data is None:
            return None
        try:
            summary = summary_from_json(data)
        except (TypeError, ValueError):
            return None
        self.used_summaries[hashed] = data
        return summary

    def put_summary(self, hashed: str, summary: "PostSummary") -> None:
        if self.path is None:  # no cache this run: nothing to serialise
            return
        self.used_summaries[hashed] = summary_to_json(summary)
        self.dirty = True

    def findings(self, hashed: str, fingerprint: str, display: str) -> list[Finding] | None:
        """The cached findings of content `hashed`; those that looked at the site only for this site."""
        entry = self.results.get(hashed)
        key = hashed
        if entry == SITE_DEPENDENT:
            key = f"{hashed}:{fingerprint}"
            entry = self.results.get(key)
        if not isinstance(entry, list):
            return None
        try:
            found = [finding_from_json(display, item) for item in entry]
        except (TypeError, ValueError, KeyError):  # a hand-edited or foreign entry: lint again
            return None
        if key != hashed:
            self.used_results[hashed] = SITE_DEPENDENT
        self.used_results[key] = entry
        return found

    def put_findings(self, hashed: str, fingerprint: str | None, findings: list[Finding], rows: list[list[Any]] | None = None) -> None:
        """Store findings (or their `rows`, already serialised) under the content alone, or
        (`fingerprint` given) under content and site."""
        if self.path is None:
            return
        if rows is None:
            rows = [finding_to_json(f) for f in findings]
        if fingerprint is None:
            self.used_results[hashed] = rows
        else:
            self.used_results[hashed] = SITE_DEPENDENT
            self.used_results[f"{hashed}:{fingerprint}"] = rows
        self.dirty = True

    def save(self) -> None:
        """Write atomically; a cache that cannot be written is silently skipped."""
        if self.path is None or not self.dirty:
            return
        folder = self.path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
            ignore = folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# Created by postlint; safe to delete.\n*\n", encoding="utf-8")
            data = {
                "format": CACHE_FORMAT,
                "key": self.key,
                "summaries": _merged(self.used_summaries, self.summaries),
                "results": _merged(self.used_results, self.results),
                "stats": _merged(self.used_stats, self.stats),
            }
            import tempfile

            fd, temp = tempfile.mkstemp(prefix=".results-", suffix=".tmp", dir=folder)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(json.dumps(data, separators=(",", ":")))  # one shot: C encoder (json.dump's is pure Python, 3x slower)
            os.replace(temp, self.path)
        except OSError:
            pass


def _merged(used: dict[str, Any], old: dict[str, Any]) -> dict[str, Any]:
    """This run's entries first, then earlier ones (a pre-commit run of two files must not
    empty the cache of a full run), up to twice as many entries as this run used."""
    cap = max(2 * len(used), 2000)
    merged = dict(used)
    for key, value in old.items():
        if len(merged) >= cap:
            break
        merged.setdefault(key, value)
    return merged


def clean(folder: Path) -> bool:
    """Remove the cache folder (`postlint clean`); True when something was removed."""
    import shutil

    if not folder.exists():
        return False
    shutil.rmtree(folder, ignore_errors=True)
    return True
