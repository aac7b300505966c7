"""git's ignore rules, as git applies them: every `.gitignore` from the worktree root down
to a file's folder (a deeper file wins), then `.git/info/exclude`, then the global
excludes file (`core.excludesFile`, else `$XDG_CONFIG_HOME/git/ignore` or
`~/.config/git/ignore`). Patterns are git's wildmatch, matched by `pathspec`.

Outside a git worktree only `.gitignore` files below the folder given to `load` apply.
A path inside an ignored folder is ignored whatever a later pattern says, as in git.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pathspec

#: no ignore file larger than this is read (a hostile repository cannot make a run slow)
MAX_IGNORE_BYTES = 1 << 20


def _spec(path: Path) -> pathspec.GitIgnoreSpec | None:
    try:
        if path.stat().st_size > MAX_IGNORE_BYTES:
            return None
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    spec = pathspec.GitIgnoreSpec.from_lines(lines)
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
    """Whether git would ignore a path under `root`; folders' answers are remembered."""

    def __init__(self, root: Path, base_specs: list[pathspec.GitIgnoreSpec]) -> None:
        self.root = root
        self._base = base_specs  # info/exclude before the global file: highest priority first
        self._specs: dict[str, pathspec.GitIgnoreSpec | None] = {}
        self._dirs: dict[str, bool] = {}

    @classmethod
    def load(cls, start: Path) -> "GitIgnore":
        start = Path(os.path.abspath(start))
        root = worktree_root(start)
        if root is None:
            return cls(start, [])
        specs: list[pathspec.GitIgnoreSpec] = []
        git_dir = _git_dir(root)
        for path in (git_dir / "info" / "exclude" if git_dir else None, global_excludes_file(root)):
            spec = _spec(path) if path is not None else None
            if spec is not None:
                specs.append(spec)
        return cls(root, specs)

    def _folder_spec(self, rel_folder: str) -> pathspec.GitIgnoreSpec | None:
        if rel_folder not in self._specs:
            folder = self.root / rel_folder if rel_folder else self.root
            self._specs[rel_folder] = _spec(folder / ".gitignore")
        return self._specs[rel_folder]

    def _decide(self, rel: str, is_dir: bool) -> bool:
        """The path's own verdict (its folders not considered): the deepest pattern file that
        matches it decides, by its last matching pattern."""
        parts = rel.split("/")
        target = rel + "/" if is_dir else rel
        for depth in range(len(parts) - 1, -1, -1):
            spec = self._folder_spec("/".join(parts[:depth]))
            if spec is None:
                continue
            local = "/".join(parts[depth:]) + ("/" if is_dir else "")
            verdict = spec.check_file(local).include
            if verdict is not None:
                return verdict
        for spec in self._base:
            verdict = spec.check_file(target).include
            if verdict is not None:
                return verdict
        return False

    def _relative(self, path: Path | str) -> str | None:
        absolute = os.path.abspath(path)
        base = str(self.root)
        for candidate in (absolute, os.path.realpath(absolute)):
            if candidate.startswith(base.rstrip(os.sep) + os.sep):
                return candidate[len(base.rstrip(os.sep)) + 1 :].replace(os.sep, "/")
        return None

    def ignored(self, path: Path | str, is_dir: bool) -> bool:
        """Whether git ignores `path` (a folder when `is_dir`), or a folder above it."""
        rel = self._relative(path)
        if not rel:
            return False
        parts = rel.split("/")
        for depth in range(1, len(parts)):
            folder = "/".join(parts[:depth])
            known = self._dirs.get(folder)
            if known is None:
                known = self._dirs[folder] = self._decide(folder, True)
            if known:
                return True
        if is_dir:
            known = self._dirs.get(rel)
            if known is None:
                known = self._dirs[rel] = self._decide(rel, True)
            return known
        return self._decide(rel, False)
