"""Content fingerprints: a finding's identity that survives unrelated edits above it.

A fingerprint hashes the path, the rule code and the text of the offending line
(whitespace-trimmed), plus a counter that tells apart identical findings on
identical lines of one file. It never includes the line number, so inserting a
paragraph above a finding keeps its fingerprint; editing the offending line
itself gives a new one. GitLab Code Quality, SARIF `partialFingerprints` and the
baseline file all use it.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path
from typing import Callable, Iterable, Mapping

from ..model.findings import Finding

LineSource = Callable[[str, int], str]


def line_source(sources: Mapping[str, list[str]], root: Path | None = None) -> LineSource:
    """Line text by (display path, line): from the run's sources, else read from disk.

    A run's sources may decode each file when asked (`runner.LazySources`): the file
    asked last is kept, which findings in report order (file by file) ask again and again.
    """
    cache: dict[str, list[str]] = {}
    last: list[str | list[str]] = ["\0", []]  # the path asked last and its lines

    def get(path: str, line: int) -> str:
        if path == last[0]:
            lines = last[1]
        else:
            lines = sources.get(path)
            if lines is None:
                if path not in cache:
                    cache[path] = _read_lines(Path(path) if root is None else root / path)
                lines = cache[path]
            last[0], last[1] = path, lines
        return lines[line - 1] if 0 < line <= len(lines) else ""  # type: ignore[index,arg-type]

    return get


def _read_lines(path: Path) -> list[str]:
    try:
        text = path.read_bytes().decode("utf-8-sig", errors="replace")
    except OSError:
        return []
    return text.splitlines()


def digest(path: str, code: str, content: str, occurrence: int) -> str:
    data = "\0".join((path, code, content.strip(), str(occurrence)))
    return hashlib.sha256(data.encode("utf-8", "surrogateescape")).hexdigest()[:32]  # a name that is not UTF-8: its bytes


def fingerprints(
    findings: Iterable[Finding],
    text_of: LineSource,
    path_of: Callable[[Finding], str] = lambda f: f.path,
) -> list[str]:
    """One fingerprint per finding, in order; `path_of` chooses the path that is hashed.

    The occurrence counter numbers findings with the same path, code and line
    text in file order, so the findings must be sorted (the engine sorts them).
    """
    seen: Counter[tuple[str, str, str]] = Counter()
    out: list[str] = []
    for finding in findings:
        path = path_of(finding)
        content = text_of(finding.path, finding.line).strip()
        key = (path, finding.code, content)
        out.append(digest(path, finding.code, content, seen[key]))
        seen[key] += 1
    return out
