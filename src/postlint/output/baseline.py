"""The baseline: adopt postlint on an existing site and fail only on new findings.

`postlint baseline PATHS --output FILE` records every current finding by its
content fingerprint (see `fingerprint.py`); `postlint check --baseline FILE`
then drops the findings whose fingerprint the file lists. Paths are hashed
relative to the baseline file's folder, so the check works from any working
directory. Editing an offending line, or adding a new problem, makes a finding
new again.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

from ..model.findings import Finding
from ..model.jsontext import listing
from ..model.version import __version__
from .fingerprint import fingerprints, line_source

SCHEMA = 1
DEFAULT_FILE = ".postlint-baseline.json"


class BaselineError(Exception):
    """The baseline file is missing, unreadable or not a postlint baseline (exit 2)."""


@dataclass(frozen=True)
class Baseline:
    path: Path
    known: frozenset[str]

    def filter(self, findings: Sequence[Finding], sources: Mapping[str, list[str]], cwd: Path | None = None) -> tuple[list[Finding], int]:
        """The findings the baseline does not list, and how many it hid."""
        prints = _fingerprints(findings, sources, self.path.parent, cwd)
        kept = [f for f, fp in zip(findings, prints) if fp not in self.known]
        return kept, len(findings) - len(kept)


def _relative(path: str, folder: Path, cwd: Path) -> str:
    absolute = Path(path) if Path(path).is_absolute() else cwd / path
    try:
        return Path(os.path.relpath(absolute, folder)).as_posix()
    except ValueError:  # another drive on Windows
        return Path(path).as_posix()


def _fingerprints(findings: Sequence[Finding], sources: Mapping[str, list[str]], folder: Path, cwd: Path | None) -> list[str]:
    here = (cwd or Path.cwd()).absolute()
    folder = folder.absolute()
    return fingerprints(findings, line_source(sources), lambda f: _relative(f.path, folder, here))


def load(path: Path) -> Baseline:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline file not found (create it with `postlint baseline --output {path}`)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: cannot read baseline: {exc}") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}:{exc.lineno}: baseline is not valid JSON: {exc.msg}") from None
    entries = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(entries, list) or data.get("schema") != SCHEMA:
        raise BaselineError(f"{path}: not a postlint baseline (expected an object with `schema: {SCHEMA}` and `findings`)")
    known = {e.get("fingerprint") for e in entries if isinstance(e, dict)}
    return Baseline(path, frozenset(k for k in known if isinstance(k, str)))


def render(findings: Sequence[Finding], sources: Mapping[str, list[str]], path: Path, cwd: Path | None = None) -> str:
    here = (cwd or Path.cwd()).absolute()
    prints = _fingerprints(findings, sources, path.parent, here)
    entries = [
        {
            "fingerprint": fp,
            "path": _relative(f.path, path.parent.absolute(), here),
            "code": f.code,
            "line": f.line,
            "message": f.message,
        }
        for f, fp in zip(findings, prints)
    ]
    return listing({"schema": SCHEMA, "tool": {"name": "postlint", "version": __version__}}, "findings", entries)  # type: ignore[arg-type]


def save(text: str, path: Path) -> None:
    """Write the baseline atomically (it is usually committed)."""
    folder = path.absolute().parent
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:  # `listing` escapes lone surrogates
            handle.write(text)
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except OSError:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
