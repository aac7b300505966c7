"""git's ignore rules, as git applies them: every `.gitignore` from the worktree root down
to a file's folder (a deeper file wins), then `.git/info/exclude`, then the global
excludes file (`core.excludesFile`, else `$XDG_CONFIG_HOME/git/ignore` or
`~/.config/git/ignore`). Patterns are git's wildmatch, matched by `pathspec`.

Outside a git worktree only `.gitignore` files below the folder given to `load` apply.
A path inside an ignored folder is ignored whatever a later pattern says, as in git.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from typing import Callable

    from pathspec import GitIgnoreSpec as Spec

#: no ignore file larger than this is read (a hostile repository cannot make a run slow)
MAX_IGNORE_BYTES = 1 << 20


def _spec(path: Path, follow: bool = False) -> "Spec | None":
    """The patterns of an ignore file; None when it is absent, empty, too large or not a
    regular file. A `.gitignore` that is a symbolic link is not followed (as git since 2.32:
    a repository's link could point out of it, at a device or a FIFO); `follow` is for the
    user's own files (info/exclude, the global file)."""
    try:
        info = path.stat() if follow else path.lstat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_IGNORE_BYTES:
            return None
        with path.open("rb") as handle:
            data = handle.read(MAX_IGNORE_BYTES + 1)
    except OSError:
        return None
    lines = data[:MAX_IGNORE_BYTES].decode("utf-8", errors="replace").splitlines()
    if not any(line.strip() and not line.startswith("#") for line in lines):
        return None
    from pathspec import GitIgnoreSpec  # only a folder with patterns pays for the import

    spec = GitIgnoreSpec.from_lines(lines)
    return spec if len(spec) else None


def worktree_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` that holds `.git` (a folder, or a worktree's file)."""
    for folder in [start, *start.parents]:
        if (folder / ".git").exists():
            return folder
    return None


def _git_dir(root: Path) -> Path | None:
    """The repository's common git folder (a linked worktree's `.git` file points into it)."""
    dot_git = root / ".git"
    if dot_git.is_dir():
        return dot_git
    try:
        text = dot_git.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return None
    if not text.startswith("gitdir:"):
        return None
    git_dir = (root / text[len("gitdir:") :].strip()).resolve()
    try:
        common = (git_dir / "commondir").read_text(encoding="utf-8").strip()
    except OSError:
        return git_dir
    return (git_dir / common).resolve()


def global_excludes_file(root: Path) -> Path | None:
    """`core.excludesFile` as git reads it, else git's default (`$XDG_CONFIG_HOME/git/ignore`)."""
    import subprocess  # only a run that asks git about a path pays for the import

    try:
        done = subprocess.run(
            ["git", "config", "--path", "--get", "core.excludesFile"],
            cwd=root, capture_output=True, text=True, timeout=10, check=False,
        )
        configured = done.stdout.strip() if done.returncode == 0 else ""
    except (OSError, subprocess.SubprocessError):
        configured = ""
    if configured:
        path = Path(configured).expanduser()
        return path if path.is_absolute() else root / path
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "git" / "ignore"


class GitIgnore:
    """Whether git would ignore a path; nothing is read (and `pathspec` is not imported) until
    the first question, and each folder's answer and pattern files are remembered."""

    def __init__(self, start: Path) -> None:
        self._start = Path(os.path.abspath(start))
        self._loaded = False
        self.root = self._start
        self._prefix = ""
        self._base: list[Spec] = []  # info/exclude, then the global file: highest priority first
        self._specs: dict[str, Spec | None] = {}
        #: folder -> ((where its patterns' paths start in a path, spec), …), deepest first
        self._chains: dict[str, tuple[tuple[int, Spec], ...]] = {}
        self._dirs: dict[str, bool] = {}
        self._stamps: dict[str, str] = {}  # folder -> `stamp`
        self._base_stamp = ""

    @classmethod
    def load(cls, start: Path) -> "GitIgnore":
        return cls(start)

    def _load(self) -> None:
        self._loaded = True
        root = worktree_root(self._start)
        if root is not None:
            self.root = root
            git_dir = _git_dir(root)
            for path in (git_dir / "info" / "exclude" if git_dir else None, global_excludes_file(root)):
                spec = _spec(path, follow=True) if path is not None else None
                if spec is not None:
                    self._base.append(spec)
                self._base_stamp += f"{path}:{_file_stamp(path, follow=True) if path is not None else '-'}\n"
        self._prefix = str(self.root).rstrip(os.sep) + os.sep
        self._base_stamp = f"{self._prefix}\n{self._base_stamp}"

    def _chain(self, folder: str) -> tuple[tuple[int, Spec], ...]:
        """The `.gitignore` files that apply in `folder` (relative to the root; "" the root)."""
        unknown = []  # from `folder` up to the first folder whose chain is known
        current: str | None = folder
        while current is not None and current not in self._chains:
            unknown.append(current)
            current = current.rpartition("/")[0] if current else None
        chain = self._chains[current] if current is not None else ()
        for known in reversed(unknown):
            spec = _spec((self.root / known if known else self.root) / ".gitignore")
            chain = (((len(known) + 1 if known else 0, spec),) if spec is not None else ()) + chain
            self._chains[known] = chain
        return chain

    def _decide(self, rel: str, is_dir: bool) -> bool:
        """The path's own verdict (its folders not considered): the deepest pattern file that
        matches it decides, by its last matching pattern."""
        suffix = "/" if is_dir else ""
        for start, spec in self._chain(rel.rpartition("/")[0]):
            verdict = spec.check_file(rel[start:] + suffix).include
            if verdict is not None:
                return bool(verdict)
        for spec in self._base:
            verdict = spec.check_file(rel + suffix).include
            if verdict is not None:
                return bool(verdict)
        return False

    def _folder_ignored(self, rel: str) -> bool:
        """Whether git ignores the folder `rel` or a folder above it."""
        known = self._dirs.get(rel)
        if known is not None:
            return known
        unknown = []  # from `rel` up to the first folder whose answer is known
        folder = rel
        while folder and folder not in self._dirs:
            unknown.append(folder)
            folder = folder.rpartition("/")[0]
        ignored = self._dirs.get(folder, False) if folder else False
        for folder in reversed(unknown):
            ignored = ignored or self._decide(folder, True)
            self._dirs[folder] = ignored
        return ignored

    def _relative(self, path: Path | str) -> str | None:
        absolute = os.path.abspath(path)
        if not absolute.startswith(self._prefix):
            absolute = os.path.realpath(absolute)  # the root through a symbolic link (macOS's /tmp)
            if not absolute.startswith(self._prefix):
                return None
        rel = absolute[len(self._prefix) :]
        return rel if os.sep == "/" else rel.replace(os.sep, "/")

    def ignored(self, path: Path | str, is_dir: bool) -> bool:
        """Whether git ignores `path` (a folder when `is_dir`), or a folder above it."""
        if not self._loaded:
            self._load()
        rel = self._relative(path)
        if not rel:
            return False
        if is_dir:
            return self._folder_ignored(rel)
        parent = rel.rpartition("/")[0]
        return (bool(parent) and self._folder_ignored(parent)) or self._decide(rel, False)

    def for_folder(self, folder: str) -> "Callable[[str, bool], bool] | None":
        """Whether git ignores an entry of `folder` (an absolute path), by name (a folder when the
        second argument says so), as `ignored` decides for its path; None when no pattern can
        apply there (no pattern file on the way down, none of the repository's or the user's):
        a walk asks per folder, not per file."""
        if not self._loaded:
            self._load()
        rel = self._relative(os.path.join(folder, "_"))  # an entry's path, less its name
        if rel is None:
            return None
        rel = rel[:-2] if rel.endswith("/_") else ""
        if rel and self._folder_ignored(rel):
            return lambda name, is_dir: True
        if not self._chain(rel) and not self._base:
            return None
        prefix = rel + "/" if rel else ""
        return lambda name, is_dir: self._decide(prefix + name, is_dir)

    def stamp(self, folder: str) -> str:
        """What git's verdict on the entries of `folder` (an absolute path) depends on besides their
        names: the pattern files that apply there as they are on disk (each `.gitignore` from the
        worktree root down, info/exclude, the global file: size, times, inode, or absent). Equal
        stamps, equal verdicts: a walk that remembers a folder's outcome checks this."""
        if not self._loaded:
            self._load()
        rel = self._relative(os.path.join(folder, "_"))
        if rel is None:
            return "outside"
        rel = rel[:-2] if rel.endswith("/_") else ""
        unknown = []  # from `rel` up to the first folder whose stamp is known
        current: str | None = rel
        while current is not None and current not in self._stamps:
            unknown.append(current)
            current = current.rpartition("/")[0] if current else None
        stamp = self._stamps[current] if current is not None else self._base_stamp
        for known in reversed(unknown):
            stamp = f"{stamp}{known}:{_file_stamp(os.path.join(self._prefix, known, '.gitignore'))}\n"
            self._stamps[known] = stamp
        return stamp


def _file_stamp(path: "Path | str", follow: bool = False) -> str:
    """A file's size, times, inode and type as `stat` gives them; `-` when there is none."""
    try:
        info = os.stat(path) if follow else os.lstat(path)
    except OSError:
        return "-"
    return f"{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}:{info.st_ino}:{info.st_dev}:{info.st_mode}"


#: the most submodules read from a `.gitmodules`
SUBMODULES_READ = 200


def submodule_folders(root: Path) -> tuple[str, ...]:
    """The folders `root/.gitmodules` names (`path = docs/brand`), as absolute paths inside
    `root`: in a plain checkout they are empty until `git submodule update` (a CI build's first
    step) fills them. A `.gitmodules` that is a link, too large or not a file names none."""
    try:
        info = (root / ".gitmodules").lstat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_IGNORE_BYTES:
            return ()
        text = (root / ".gitmodules").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ()
    base = os.path.abspath(root)
    found: list[str] = []
    for line in text.splitlines():
        key, _, value = line.strip().partition("=")
        if key.strip() != "path" or not value.strip() or "\0" in value:
            continue
        folder = os.path.normpath(os.path.join(base, value.strip()))
        if folder.startswith(base + os.sep):
            found.append(folder)
        if len(found) >= SUBMODULES_READ:
            break
    return tuple(found)
