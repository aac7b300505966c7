"""A run's findings held file by file, each file's report lines ready when the cache had them.

A warm run over thousands of unchanged posts would otherwise decode tens of
thousands of cached findings only to render them, byte for byte, as the run
before did. For a format whose findings are one line each (`LineFormat`: json,
text, concise, github), the cache keeps each post's lines as the report wrote
them, with a placeholder for the path; `FindingList` serves those lines to the
reporter, counts (by code, severity and safe fix) for summaries and the exit
code, and turns the cached rows into `Finding`s only when something iterates
over them (another format, a baseline, the Python API).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, overload

from ..model.findings import SORT_KEY, Finding, Severity

#: where a file's path goes in its cached lines: a control character, which a JSON line
#: cannot hold unescaped (lines holding it anyway, in a message, are not cached)
PLACEHOLDER = "\x00"
_PLACEHOLDER = PLACEHOLDER.encode()

#: (code, severity, whether it has a safe fix) -> how many findings
Tally = dict[tuple[str, Severity, bool], int]
#: findings per piece of a long report (see `joined`)
CHUNK = 2000


@dataclass(frozen=True)
class LineFormat:
    """A report format that writes each finding as one piece of text, separated by `separator`
    (the reporter writes what comes before the first and after the last)."""

    name: str  # names the cached lines: a format and its variant (colour)
    separator: str
    quote: Callable[[str], str]  # a path as the format writes it
    line: Callable[[Finding, str], str]  # a finding's text, given its path as quoted


def render_lines(fmt: LineFormat, findings: Iterable[Finding]) -> bytes | None:
    """A file's findings in `fmt`, joined by its separator, with `PLACEHOLDER` for their path (which
    they all share); None when that cannot be undone by `expand` (a message holding the
    placeholder, text that is not valid Unicode)."""
    found = list(findings)
    text = fmt.separator.join([fmt.line(f, PLACEHOLDER) for f in found])
    if text.count(PLACEHOLDER) != len(found):
        return None
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: written, if at all, the way other text is
        return None


def expand(fmt: LineFormat, lines: bytes, path: str) -> bytes | None:
    """The lines of `render_lines` with the path in place; None when the path cannot be encoded."""
    try:
        return lines.replace(_PLACEHOLDER, fmt.quote(path).encode("utf-8"))
    except UnicodeEncodeError:  # a file name that is not valid UTF-8
        return None


def tally(findings: Iterable[Finding]) -> Tally:
    """How many findings of each code, severity and safe fix or not (a `FindingList` counts
    without its findings)."""
    if isinstance(findings, FindingList):
        return findings.tally()
    return dict(Counter((f.code, f.severity, f.fix is not None and f.fix.applicability == "safe") for f in findings))


def worst(findings: Iterable[Finding]) -> Severity | None:
    """The highest severity among the findings; None when there are none."""
    levels = {severity for _, severity, _ in tally(findings)}
    return max(levels) if levels else None


def pieces(findings: Sequence[Finding], fmt: LineFormat, chunk: int = CHUNK) -> Iterator[tuple[bytes | str, int]]:
    """The findings in `fmt`, in order: a `FindingList`'s pieces (cached lines where it has
    them), else `chunk` findings at a time; each (text, how many findings it holds)."""
    if isinstance(findings, FindingList):
        yield from findings.pieces(fmt)
        return
    quoted: dict[str, str] = {}
    for start in range(0, len(findings), chunk):
        lines = []
        for f in findings[start : start + chunk]:
            path = quoted.get(f.path)
            if path is None:
                path = quoted[f.path] = fmt.quote(f.path)
            lines.append(fmt.line(f, path))
        yield fmt.separator.join(lines), len(lines)


def joined(parts: Iterable[tuple[bytes | str, int]], separator: str, end: str, chunk: int = CHUNK) -> Iterator[bytes | str]:
    """The texts of `parts` joined by `separator`, then `end`, as UTF-8 bytes in pieces of about
    `chunk` findings: a long report is never one string (joining and encoding 14 MB at once,
    wide because a few messages hold non-ASCII characters, costs four times more). Text that
    is not valid Unicode (a lone surrogate) is left as text, for the writer to deal with."""
    out: list[bytes] = []
    count = 0
    before = b""  # the separator, from the second piece on
    between = separator.encode()
    for text, size in parts:
        if count >= chunk:  # written before the next piece: the last one takes the end
            yield b"".join(out)
            out, count = [], 0
        if isinstance(text, str):
            try:
                text = text.encode("utf-8")
            except UnicodeEncodeError:
                yield b"".join(out) + before
                yield text
                out, count, before = [], 0, between
                continue
        out += (before, text)
        before = between
        count += size
    out.append(end.encode("utf-8", "surrogateescape"))
    yield b"".join(out)


@dataclass(slots=True)
class FileFindings:
    """One file's findings, all naming `path`: materialised (`findings`), or to be loaded
    (`load`) with their count (`counts`) and report lines (`lines`) known beforehand. Slotted:
    a run holds one for each post of the run."""

    path: str
    counts: Tally
    lines: bytes | None = None  # `render_lines` of the run's line format
    findings: list[Finding] | None = None
    load: Callable[[], list[Finding]] | None = None

    def get(self) -> list[Finding]:
        if self.findings is None:
            assert self.load is not None
            self.findings = self.load()
            self.load = None
        return self.findings


class FindingList(Sequence[Finding]):
    """Every finding of a run, in report order (path, line, column, code), as a sequence;
    the findings of `files` are loaded on first use of the sequence itself. Their `lines`
    are in the line format named `line_format`, and serve only a report in that format."""

    def __init__(self, files: Iterable[FileFindings], extra: Iterable[Finding] = (), line_format: str = "") -> None:
        self.files = sorted(files, key=lambda f: f.path)
        self.extra = list(extra)  # findings of no file of `files` (site-wide rules, unreadable files)
        self.line_format = line_format
        self._all: list[Finding] | None = None
        self._counts: "Counter[tuple[str, Severity, bool]] | None" = None  # the files' counts summed

    def _list(self) -> list[Finding]:
        if self._all is None:
            out: list[Finding] = []
            for file in self.files:
                out.extend(file.get())
            out.extend(self.extra)
            out.sort(key=SORT_KEY)  # files are in path order, each sorted: this merges the extra in
            self._all = out
        return self._all

    def __len__(self) -> int:
        if self._all is not None:
            return len(self._all)
        return sum(self._file_counts().values()) + len(self.extra)

    @overload
    def __getitem__(self, index: int) -> Finding: ...

    @overload
    def __getitem__(self, index: slice) -> list[Finding]: ...

    def __getitem__(self, index: Any) -> Any:
        return self._list()[index]

    def __iter__(self) -> Iterator[Finding]:
        return iter(self._list())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (list, FindingList)):
            return self._list() == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable, like a list

    def __repr__(self) -> str:
        return f"FindingList({self._list()!r})"

    def tally(self) -> Tally:
        counts = Counter(self._file_counts())
        counts.update(tally(self.extra))
        return dict(counts)

    def _file_counts(self) -> "Counter[tuple[str, Severity, bool]]":
        """The files' counts summed. Posts share count objects (a cached count is decoded once, and
        one finding of one rule is the commonest): each distinct one is added once, times the
        files that hold it, not a `Counter.update` a file. Summed once (the files and their counts
        do not change): a report asks for the count and the total more than once."""
        if self._counts is not None:
            return self._counts
        held = [file.counts for file in self.files]
        times = Counter(map(id, held))  # each alive: ids name distinct objects
        by_id = {id(counted): counted for counted in held}
        counts: Counter[tuple[str, Severity, bool]] = Counter()
        for key, count in times.items():
            for item, number in by_id[key].items():
                counts[item] += number * count
        self._counts = counts
        return counts

    def pieces(self, fmt: LineFormat) -> Iterator[tuple[bytes | str, int]]:
        """The findings in `fmt`, in report order, file by file: (text, how many findings it
        holds), each text the findings joined by the format's separator; a file's lines when
        they are in `fmt` and no finding of `extra` belongs among them, else its findings
        rendered now."""
        extra: dict[str, list[Finding]] = {}
        for finding in self.extra:
            extra.setdefault(finding.path, []).append(finding)
        files = {file.path: file for file in self.files}
        same = fmt.name == self.line_format
        for path in sorted(files.keys() | extra.keys()):
            file = files.get(path)
            if same and file is not None and path not in extra and file.lines is not None:
                text = expand(fmt, file.lines, path)
                if text is not None:
                    if text:
                        yield text, sum(file.counts.values())
                    continue
            found = [*file.get(), *extra.get(path, ())] if file is not None else extra[path]
            found.sort(key=SORT_KEY)  # stable: the file's own findings before site-wide ones at one place
            if found:
                quoted = fmt.quote(path)
                yield fmt.separator.join([fmt.line(f, quoted) for f in found]), len(found)
