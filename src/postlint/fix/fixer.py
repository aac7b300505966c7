"""Applying fixes: `--fix`, `--unsafe-fixes` and `--diff`.

Edits carry 1-based (line, column) file positions with columns in characters,
on the lines the `Post` sees (split on any newline, endings removed). They are
mapped onto the ORIGINAL text, so CRLF files stay CRLF, a BOM stays, and every
byte outside an edit is kept. Per pass, whole fixes are applied in file order
and a fix that overlaps (or touches) one already applied waits for the next
pass; the post is then re-linted and fixed again until nothing changes (at
most `MAX_PASSES` times), as Ruff does. Writes are atomic: a temporary file in
the same folder, the original permissions copied, then `os.replace`, with the
post checked just before the rename and its replaced version just after (see
`write`); the temporary files of a killed run are removed by the next.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from ..engine.linter import Linter
from ..model.context import Context
from ..model.findings import Finding, Fix
from ..parse.document import NEWLINE_RE, Post, UnreadableFile
from ..parse.files import read_file

MAX_PASSES = 10
BOM = b"\xef\xbb\xbf"


class InvalidEdit(ValueError):
    """An edit whose position is outside the text (the fix is skipped, never half-applied)."""


# --- applying edits to one text ----------------------------------------------------------


class LineIndex:
    """Maps (line, column) file positions onto offsets in a text with any line endings."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]
        self.ends: list[int] = []  # where each line's content ends (its newline starts)
        for match in NEWLINE_RE.finditer(text):
            self.ends.append(match.start())
            self.starts.append(match.end())
        self.ends.append(len(text))
        first = NEWLINE_RE.search(text)
        self.newline = first.group(0) if first else "\n"

    def offset(self, line: int, column: int) -> int:
        if line < 1 or column < 1:
            raise InvalidEdit(f"position {line}:{column} is before the start of the file")
        if line > len(self.starts):
            if line == len(self.starts) + 1 and column == 1 and not self.text.endswith(("\n", "\r")):
                return len(self.text)  # just past a last line that has no newline
            raise InvalidEdit(f"line {line} is past the end of the file")
        start, end = self.starts[line - 1], self.ends[line - 1]
        if start + column - 1 > end:
            raise InvalidEdit(f"column {column} is past the end of line {line}")
        return start + column - 1


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    content: str


def _spans(fix: Fix, index: LineIndex) -> list[_Span]:
    spans = []
    for edit in fix.edits:
        start = index.offset(edit.line, edit.column)
        end = index.offset(edit.end_line, edit.end_column)
        if end < start:
            raise InvalidEdit("an edit ends before it starts")
        spans.append(_Span(start, end, NEWLINE_RE.sub(index.newline, edit.content)))
    spans.sort(key=lambda s: (s.start, s.end))
    for before, after in zip(spans, spans[1:]):
        if after.start < before.end:
            raise InvalidEdit("a fix has overlapping edits")
    return spans


def apply_fixes(text: str, fixes: Iterable[Fix], protected: Sequence[tuple[int, int, int, int]] = ()) -> tuple[str, int]:
    """Apply every fix that overlaps no earlier one; return the new text and how many applied.

    `protected` are (line, column, end line, end column) ranges never to change, the
    post's template syntax: a fix with an edit that touches the inside of one is dropped.
    """
    index = LineIndex(text)
    guarded = _offsets(protected, index)
    candidates: list[list[_Span]] = []
    seen: set[tuple[_Span, ...]] = set()
    for fix in fixes:
        if not fix.edits:
            continue
        try:
            spans = _spans(fix, index)
        except InvalidEdit:
            continue
        if guarded and any(_inside(span, guarded) for span in spans):
            continue
        key = tuple(spans)
        if key in seen:  # the same fix offered by two findings
            continue
        seen.add(key)
        candidates.append(spans)
    candidates.sort(key=lambda spans: (spans[0].start, spans[-1].end))
    accepted: list[_Span] = []
    applied = 0
    last = -1
    for spans in candidates:
        if spans[0].start <= last:  # overlaps or touches an applied fix: next pass
            continue
        if all(s.start == s.end and not s.content for s in spans):
            continue
        accepted.extend(spans)
        applied += 1
        last = max(s.end for s in spans)
    if not accepted:
        return text, 0
    parts: list[str] = []
    cursor = 0
    for span in accepted:
        parts.append(text[cursor : span.start])
        parts.append(span.content)
        cursor = span.end
    parts.append(text[cursor:])
    return "".join(parts), applied


def _offsets(ranges: Sequence[tuple[int, int, int, int]], index: LineIndex) -> list[tuple[int, int]]:
    out = []
    for line, column, end_line, end_column in ranges:
        try:
            out.append((index.offset(line, column), index.offset(end_line, end_column)))
        except InvalidEdit:
            continue
    return out


def _inside(span: _Span, guarded: list[tuple[int, int]]) -> bool:
    """Whether the edit changes a character of a protected range (an insertion at its edge does not)."""
    for start, end in guarded:
        if span.start == span.end:
            if start < span.start < end:
                return True
        elif span.start < end and start < span.end:
            return True
    return False


def allowed(fix: Fix | None, unsafe: bool) -> bool:
    return fix is not None and bool(fix.edits) and (fix.applicability == "safe" or (unsafe and fix.applicability == "unsafe"))


# --- fixing a run -------------------------------------------------------------------------


@dataclass
class FileChange:
    """One file's content before and after fixing (bytes as on disk, BOM included)."""

    path: Path
    display: str
    before: bytes
    after: bytes
    fixes: int

    @property
    def changed(self) -> bool:
        return self.after != self.before


@dataclass
class FixOutcome:
    changes: list[FileChange] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def fixed(self) -> int:
        return sum(c.fixes for c in self.changes if c.changed)


@dataclass
class _Source:
    path: Path
    display: str
    raw: bytes
    bom: bool
    text: str
    fixes: int = 0
    history: set[bytes] = field(default_factory=set)  # digests of the texts of earlier passes (`_digest`)
    stuck: bool = False
    post: Post | None = None
    post_fixes: int = -1  # the `fixes` of the text `post` and `findings` belong to (the text changes with them)
    findings: list[Finding] | None = None


def _decode(raw: bytes) -> tuple[bool, str] | None:
    bom = raw.startswith(BOM)
    try:
        return bom, (raw[3:] if bom else raw).decode("utf-8")
    except UnicodeDecodeError:
        return None


def _fresh_context(linter: Linter) -> None:
    """A new run context for `linter` (the posts, memo and site index of the last pass let go)."""
    ctx = linter.ctx
    linter.ctx = Context(linter.config, today=ctx.run_date, check_links=ctx.check_links, site_factory=ctx.site_factory, link_checker=ctx.link_checker)


#: characters of a text encoded at a time for its digest
_DIGEST_PIECE = 1 << 20


def _digest(text: str) -> bytes:
    """What `history` keeps of a text: its SHA-256, not a copy (a long post's passes would
    each keep one); encoded a piece at a time, not as a second copy of the text."""
    digest = hashlib.sha256()
    for start in range(0, len(text), _DIGEST_PIECE):
        digest.update(text[start : start + _DIGEST_PIECE].encode("utf-8", "surrogatepass"))
    return digest.digest()


def _parse(source: _Source) -> Post:
    """The post of the source's current text, holding that very string (and, before any fix,
    the bytes read): no second copy of a long post's text. Text with NUL characters goes
    through `Post.from_bytes`, whose checks and replacement apply to it."""
    if "\x00" in source.text:
        return Post.from_bytes(source.path, _encode(source), source.display)
    raw = source.raw if source.fixes == 0 else _encode(source)
    return Post(source.path, source.text, display_path=source.display, bom=source.bom, raw=raw)


def _encode(source: _Source) -> bytes:
    return (BOM if source.bom else b"") + source.text.encode("utf-8")


def fix_sources(items: Sequence[tuple[Path, str, bytes]], linter: Linter, *, unsafe: bool = False) -> FixOutcome:
    """Fix posts given as (path, display path, bytes) in memory; nothing is written.

    A post's own findings are re-linted only when its text changed (post-scope
    fixes depend on the post alone); site-scope rules run again every pass.
    """
    sources: list[_Source] = []
    outcome = FixOutcome()
    for path, display, raw in items:
        decoded = _decode(raw)
        if decoded is None:
            continue  # PL002 reports it; nothing to fix
        sources.append(_Source(path, display, raw, decoded[0], decoded[1]))
    for _ in range(MAX_PASSES):
        for source in sources:
            if source.post is None or source.post_fixes != source.fixes:
                source.post = source.findings = None
                try:
                    source.post = _parse(source)
                except UnreadableFile:
                    pass
                source.post_fixes = source.fixes
        posts = [s.post for s in sources if s.post is not None]
        _fresh_context(linter)
        linter.ctx.run_posts = posts
        by_path: dict[str, list[Fix]] = {}
        for source in sources:
            if source.post is None:
                continue
            if source.findings is None:
                source.findings = linter.lint_post(source.post)
            by_path.setdefault(source.display, []).extend(f.fix for f in source.findings if f.fix and allowed(f.fix, unsafe))
        for finding in linter.lint_site():
            if finding.fix and allowed(finding.fix, unsafe):
                by_path.setdefault(finding.path, []).append(finding.fix)
        _fresh_context(linter)  # the pass's posts and site index let go before the texts are rebuilt
        changed: list[str] = []
        for source in sources:
            fixes = by_path.get(source.display)
            if source.stuck or not fixes:
                continue
            protected = [(s.line, s.column, s.end_line, s.end_column) for s in source.post.template_spans] if source.post is not None else []
            source.post = source.findings = None  # its views are not alive beside the new text (parsed again if unchanged)
            new_text, count = apply_fixes(source.text, fixes, protected)
            if not count or new_text == source.text:
                continue
            if _digest(new_text) in source.history:  # fixes that undo each other: keep this state and stop
                source.stuck = True
                outcome.warnings.append(f"{source.display}: fixes do not converge (they undo each other); stopped")
                continue
            source.history.add(_digest(source.text))
            source.text = new_text
            source.fixes += count
            changed.append(source.display)
        if not changed:
            break
    else:
        outcome.warnings.append(f"{', '.join(changed)}: fixes did not settle after {MAX_PASSES} passes; run again to apply the rest")
    # the last pass's posts and their views are let go before the report run lints the files again
    _fresh_context(linter)
    for source in sources:
        source.post = source.findings = None
        after = _encode(source)
        if after != source.raw:
            outcome.changes.append(FileChange(source.path, source.display, source.raw, after, source.fixes))
    return outcome


def fix_paths(files: Sequence[tuple[Path, str]], linter: Linter, *, unsafe: bool = False) -> FixOutcome:
    """Read (path, display path) files and fix them in memory; unreadable files are skipped."""
    items = []
    for path, display in files:
        try:
            items.append((path, display, read_file(path)))
        except UnreadableFile:
            continue  # the report run gives PL002
    return fix_sources(items, linter, unsafe=unsafe)


# --- writing and diffing ------------------------------------------------------------------


def read_only(path: Path) -> bool:
    try:
        mode = path.stat().st_mode
    except OSError:
        return True
    return not (mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)) or not os.access(path, os.W_OK)


#: the temporary file a fix is written to, beside its post: `.NAME.XXXXXXXX.postlint-tmp`
TEMP_SUFFIX = ".postlint-tmp"
_TEMP_NAME = re.compile(r"\..+\.[a-z0-9_]{8}" + re.escape(TEMP_SUFFIX))
#: a temporary file older than this was left by a run that was killed (a write takes milliseconds)
STALE_SECONDS = 600.0
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


def write(change: FileChange) -> str | None:
    """Write a change atomically; return a one-line problem instead of raising.

    The new text goes to a temporary file beside the post (synced, with the post's
    permissions); just before the rename that replaces the post, the post is read again and
    must still hold what was fixed, and after it the replaced version must still hold it:
    an edit another program made in between is put back (the fixes are not applied) and
    reported. A symbolic link is never written through."""
    target = change.path
    try:
        info = os.lstat(target)
    except OSError as exc:
        return f"{change.display}: cannot fix: {exc.strerror or exc}"
    if stat.S_ISLNK(info.st_mode):
        return f"{change.display}: cannot fix: the file is a symbolic link (postlint never writes through one; left unchanged)"
    if read_only(target):
        return f"{change.display}: cannot fix: the file is read-only (left unchanged)"
    try:
        temp = _temporary(target, change.after, info)
    except OSError as exc:
        return f"{change.display}: cannot fix: {exc.strerror or exc}"
    try:
        return _replace(change, temp)
    except OSError as exc:
        return f"{change.display}: cannot fix: {exc.strerror or exc}"
    finally:
        try:
            os.unlink(temp)
        except OSError:
            pass  # renamed into place


def _temporary(target: Path, data: bytes, info: os.stat_result) -> str:
    """A synced temporary file beside `target` holding `data`, with `target`'s mode and owner."""
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, stat.S_IMODE(info.st_mode))
        try:
            os.chown(temp, info.st_uid, info.st_gid)
        except (OSError, AttributeError):
            pass
    except BaseException:
        os.unlink(temp)
        raise
    return temp


def _replace(change: FileChange, temp: str, restore: bool = True) -> str | None:
    """Rename `temp` over the post if it still holds `change.before`; put another program's edit
    back (with `restore`) if one reached the post between that check and the rename."""
    fd = os.open(change.path, _OPEN_FLAGS)  # the post as it is now: after the rename, its old version
    try:
        checked = os.fstat(fd)
        if not stat.S_ISREG(checked.st_mode) or _contents(fd) != change.before:
            return f"{change.display}: cannot fix: the file changed while postlint was running (left unchanged)"
        os.replace(temp, change.path)  # the window: between the read above and this rename
        replaced = os.fstat(fd)
        if (replaced.st_size, replaced.st_mtime_ns) == (checked.st_size, checked.st_mtime_ns) and _contents(fd) == change.before:
            return None
        edited = _contents(fd)
    finally:
        os.close(fd)
    lost = f"{change.display}: cannot fix: another program wrote the file while postlint replaced it"
    if restore:
        put_back = _temporary(change.path, edited, os.lstat(change.path))
        try:
            if _replace(FileChange(change.path, change.display, change.after, edited, 0), put_back, restore=False) is None:
                return f"{lost}; its edit is kept and the fixes are not applied (run again)"
        finally:
            if os.path.lexists(put_back):
                os.unlink(put_back)
    return f"{lost}; its edit could not be put back (the file changed again)"


def _contents(fd: int) -> bytes:
    """Everything in the open file, from its start."""
    os.lseek(fd, 0, os.SEEK_SET)
    parts = []
    while True:
        part = os.read(fd, 1 << 20)
        if not part:
            return b"".join(parts)
        parts.append(part)


def remove_stale_temporaries(folders: Iterable[Path], now: float) -> None:
    """Remove the temporary files (`_TEMP_NAME`) that runs killed while writing fixes left in
    `folders`: regular files only, and only when older than `STALE_SECONDS` (a newer one may
    be another run's, writing now)."""
    for folder in folders:
        try:
            with os.scandir(folder) as listing:
                entries = [e for e in listing if e.name.endswith(TEMP_SUFFIX) and _TEMP_NAME.fullmatch(e.name)]
        except OSError:
            continue
        for entry in entries:
            try:
                info = entry.stat(follow_symlinks=False)
                if stat.S_ISREG(info.st_mode) and info.st_mtime < now - STALE_SECONDS:
                    os.unlink(entry.path)
            except OSError:
                continue


def unified_diff(change: FileChange) -> str:
    """A `git apply`/`patch -p1` compatible diff of one change (CRLF lines kept as they are)."""
    before = _text_lines(change.before)
    after = _text_lines(change.after)
    lines = difflib.unified_diff(before, after, f"a/{change.display}", f"b/{change.display}")
    out = []
    for line in lines:
        if line.startswith(("---", "+++")) and not line.endswith("\n"):
            line += "\n"
        if not line.endswith("\n"):
            line += "\n\\ No newline at end of file\n"
        out.append(line)
    return "".join(out)


def _text_lines(data: bytes) -> list[str]:
    """Lines split on LF only, as `patch` and `git apply` see them (a CR stays part of its line)."""
    text = data.decode("utf-8", errors="surrogateescape")
    return re.findall(r"[^\n]*\n|[^\n]+$", text)
