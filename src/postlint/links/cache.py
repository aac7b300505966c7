"""The persistent cache of link-check outcomes: one JSON file under the cache dir.

Keyed by URL (without its `#fragment`), each entry holds the time it was
checked and what the server answered. Entries younger than `cache-max-age` are
reused instead of a request. A file that is missing, unreadable, corrupt or of
another format is ignored (and rewritten at the end of the run): the cache can
never make a run fail.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..cache.folder import prepare, problem

FORMAT = 1
FILENAME = "links.json"
#: An entry dated further than this in the future is distrusted (clock skew, tampering).
FUTURE_SLACK = 300.0


@dataclass(frozen=True)
class CachedOutcome:
    """What a server answered for one URL, as stored: no verdict (that depends on `accept`)."""

    checked: float  # Unix time
    status: int
    final_url: str | None = None  # where the redirects ended, when there were any
    redirect: str | None = None  # target of the leading 301/308 run, when there was one
    redirect_codes: tuple[int, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "checked": round(self.checked, 3),
            "status": self.status,
            "final": self.final_url,
            "redirect": self.redirect,
            "codes": list(self.redirect_codes),
        }

    @classmethod
    def from_json(cls, data: Any) -> "CachedOutcome | None":
        """The entry, or None when it is malformed (it is then dropped)."""
        if not isinstance(data, dict):
            return None
        checked, status = data.get("checked"), data.get("status")
        final, redirect, codes = data.get("final"), data.get("redirect"), data.get("codes", [])
        if not isinstance(checked, (int, float)) or isinstance(checked, bool):
            return None
        if not isinstance(status, int) or isinstance(status, bool) or not 100 <= status <= 599:
            return None
        if not all(v is None or isinstance(v, str) for v in (final, redirect)):
            return None
        if not isinstance(codes, list) or not all(isinstance(c, int) and not isinstance(c, bool) for c in codes):
            return None
        return cls(float(checked), status, final, redirect, tuple(codes))


@dataclass
class LinkCache:
    """The entries of one cache file; `save` merges with what other runs wrote meanwhile."""

    path: Path
    max_age: float
    entries: dict[str, CachedOutcome] = field(default_factory=dict)
    #: True when the file existed but could not be used; it is rewritten on save.
    was_corrupt: bool = False
    _dirty: bool = False

    @classmethod
    def load(cls, cache_dir: Path, max_age: float) -> "LinkCache":
        cache = cls(cache_dir / FILENAME, max_age)
        data, corrupt = _read(cache.path)
        cache.was_corrupt = corrupt
        cache.entries = data
        cache._dirty = corrupt
        return cache

    def get(self, url: str, now: float | None = None) -> CachedOutcome | None:
        """The stored outcome for `url` when it is fresh (checked less than `max_age` ago)."""
        entry = self.entries.get(url)
        if entry is None or not self._fresh(entry, now if now is not None else time.time()):
            return None
        return entry

    def put(self, url: str, outcome: CachedOutcome) -> None:
        self.entries[url] = outcome
        self._dirty = True

    def save(self, now: float | None = None) -> str | None:
        """Write the file atomically; return an error text instead of raising."""
        if not self._dirty:
            return None
        now = now if now is not None else time.time()
        on_disk, _ = _read(self.path)
        merged = {url: e for url, e in on_disk.items() if self._fresh(e, now)}
        merged.update({url: e for url, e in self.entries.items() if self._fresh(e, now)})
        payload = {"format": FORMAT, "entries": {url: merged[url].to_json() for url in sorted(merged)}}
        trouble = problem(self.path.parent)  # a folder postlint did not create: never written into
        if trouble is not None:
            return f"cannot write the link cache {self.path}: {trouble}"
        try:
            prepare(self.path.parent)
            handle, temp = tempfile.mkstemp(prefix=".links-", suffix=".tmp", dir=self.path.parent)
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as stream:
                    json.dump(payload, stream, indent=1)
                os.replace(temp, self.path)
            except BaseException:
                Path(temp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            return f"cannot write the link cache {self.path}: {exc.strerror or exc}"
        self._dirty = False
        return None

    def _fresh(self, entry: CachedOutcome, now: float) -> bool:
        return now - entry.checked < self.max_age and entry.checked <= now + FUTURE_SLACK


def _read(path: Path) -> tuple[dict[str, CachedOutcome], bool]:
    """(entries, corrupt): a missing file is empty and not corrupt."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}, False
    except (OSError, UnicodeDecodeError):
        return {}, True
    try:
        data = json.loads(text)
    except ValueError:
        return {}, True
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("entries"), dict):
        return {}, True
    entries: dict[str, CachedOutcome] = {}
    corrupt = False
    for url, raw in data["entries"].items():
        entry = CachedOutcome.from_json(raw)
        if entry is None:
            corrupt = True
            continue
        entries[url] = entry
    return entries, corrupt
