"""Collecting a run's files: Markdown files under the paths given (files, folders, globs),
minus the configured excludes and what `.gitignore` ignores; symbolic links judged
against the project's boundary."""

from __future__ import annotations

import fnmatch
import glob
import os
import re
import stat
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from struct import Struct
from struct import error as StructError
from typing import TYPE_CHECKING, Callable, Iterable, Protocol

from ..model.config import Config
from ..model.generators import builds
from ..parse.paths import absolute, display_path

if TYPE_CHECKING:  # pragma: no cover
    from ..model.config import Configs
    from .gitignore import GitIgnore

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx")


@dataclass
class Collected:
    """The files of a run: `names`, each as spelled from the path the user gave (what `files`
    makes `Path`s of), and `keys`, their absolute paths (`paths.absolute`), when known."""

    names: list[str]
    errors: list[str]  # paths the user named that cannot be linted: exit 2
    warnings: list[str] = field(default_factory=list)  # things skipped inside folders
    keys: list[str] = field(default_factory=list)  # parallel to `names`, or empty
    #: the folders walked within the project (absolute, ending in a separator): the posts of any
    #: of them are all here, as a walk of it alone would find them with the config of its folders
    folders: set[str] = field(default_factory=set)
    #: every folder walked had the same config (`Configs.single`)
    one_config: bool = False

    @property
    def files(self) -> list[Path]:
        return [Path(name) for name in self.names]


def collect(
    paths: Iterable[str], config: Config, cwd: Path | None = None, configs: "Configs | None" = None, memo: "WalkMemo | None" = None
) -> Collected:
    """Markdown files under `paths` (files, folders, globs), minus excludes and git's ignore
    rules; with `configs`, each path's excludes are those of its own (nearest) config.

    A symbolic link is followed only to a file inside the project (`config.root`), and then
    named by its real path, so a post reached twice is linted once; a link out of the project
    is skipped with a warning (git does not follow links either). A path named outside the
    project is the user's own choice: it is followed, and links under it only within it.
    Links to folders inside a walked folder are not followed. Anything that is not a regular
    file is kept: reading it gives its PL002 line (`files.read_file`). A folder that cannot be
    read is an error.

    `memo` remembers each walked folder's outcome (its posts and subfolders) with what it depends
    on: the folder's own stat (an entry added, removed or renamed changes its mtime), its
    config's excludes and root, and git's pattern files that apply there (`GitIgnore.stamp`);
    while those are unchanged the folder is not listed nor its entries matched again. A folder
    holding a symbolic link, a folder named like a post, or changed less than `RACY_SECONDS`
    ago is walked every time.
    """
    cwd = cwd or Path.cwd()
    files: list[str] = []
    keys: list[str] = []
    errors: list[str] = []
    warnings: list[str] = []
    seen: set[str] = set()
    folders: set[str] = set()
    ignore = None
    if config.respect_gitignore:
        from .gitignore import GitIgnore

        ignore = GitIgnore.load(config.root)
    config_of: Callable[[Path | str], Config] = configs.for_path if configs is not None else (lambda _: config)
    project = _Boundary(config.root, "the project")
    built = _Built(config_of) if configs is not None or config.site.generator != "none" else None  # no generator: all

    def add(path: str, key: str = "") -> None:
        key = key or absolute(path)
        if key not in seen:
            seen.add(key)
            files.append(path)
            keys.append(key)

    def named(raw: str, info: os.stat_result) -> None:
        """A path the user gave (or a glob matched): followed to where it really is."""
        path: Path | None = Path(raw)
        boundary = project if project.holds(os.path.abspath(raw)) else _Boundary(raw, raw)
        if os.path.realpath(raw) != os.path.abspath(raw):  # a link on the way
            path = boundary.inside(raw, warnings, display_path(raw, cwd))
            if path is None:
                return
            info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            walked = folders if boundary is project else None  # (a path outside the project: links within it are followed)
            for found, absolute_keys in _walk(str(path), config_of, cwd, ignore, warnings, errors, boundary, memo, walked):
                if built is not None and not all(map(built, absolute_keys)):  # a README beside the site: never built
                    kept = [(one, key) for one, key in zip(found, absolute_keys) if built(key)]
                    found, absolute_keys = [one for one, _ in kept], [key for _, key in kept]
                if seen.isdisjoint(absolute_keys):  # a folder's posts at once: a site has thousands of files
                    before = len(seen)
                    seen.update(absolute_keys)
                    if len(seen) - before == len(absolute_keys):
                        files.extend(found)
                        keys.extend(absolute_keys)
                        continue
                    seen.difference_update(absolute_keys)  # none was there before: as it was
                for one, key in zip(found, absolute_keys):  # a post reached twice (a path named twice, a link)
                    add(one, key)
        elif not _excluded(path, config_of(path), cwd):
            add(os.fspath(path))

    for raw in paths:
        try:
            info = os.lstat(raw)
        except (FileNotFoundError, NotADirectoryError):
            info = None
        except OSError as exc:
            errors.append(f"{raw}: cannot access: {exc.strerror or exc}")
            continue
        if info is None and any(ch in raw for ch in "*?["):
            matches = sorted(glob.glob(raw, recursive=True))
            if not matches:
                errors.append(f"{raw}: no file matches this pattern")
            for match in matches:
                if match.lower().endswith(MARKDOWN_SUFFIXES) and os.path.isfile(match):
                    named(match, os.stat(match))
            continue
        if info is None:
            errors.append(f"{raw}: no such file or directory")
            continue
        if stat.S_ISLNK(info.st_mode):
            try:
                info = os.stat(raw)
            except FileNotFoundError:
                errors.append(f"{raw}: broken symbolic link")
                continue
            except OSError as exc:
                errors.append(f"{raw}: cannot access: {exc.strerror or exc}")
                continue
        named(raw, info)
    return Collected(files, errors, warnings, keys, folders, configs is None or configs.single() is not None)


class _Boundary:
    """The folder links are judged against (the project root, or a path named outside the
    project): a link is followed only to a file inside it."""

    def __init__(self, root: Path | str, label: str) -> None:
        self.root, self.label = os.path.abspath(root), label
        self._real: str | None = None

    def holds(self, path: str) -> bool:
        """Whether the absolute `path` is this folder or lies inside it, as spelled (links not followed)."""
        return path == self.root or path.startswith(self.root.rstrip(os.sep) + os.sep)

    def inside(self, path: str, warnings: list[str], display: str) -> Path | None:
        """The real file `path` leads to, named under this folder as spelled; None (and a
        warning) when it lies outside."""
        if self._real is None:
            self._real = os.path.realpath(self.root)
        real = os.path.realpath(path)
        base = self._real.rstrip(os.sep) + os.sep
        if real != self._real and not real.startswith(base):
            warnings.append(f"{display}: a symbolic link to a file outside {self.label}; skipped (postlint does not follow it)")
            return None
        return Path(os.path.join(self.root, real[len(base):])) if real != self._real else Path(self.root)


class WalkMemo(Protocol):
    """Where a walk keeps each folder's outcome between runs (the results cache provides one)."""

    def recall(self, folder: str) -> bytes | None: ...

    def record(self, folder: str, value: bytes) -> None: ...


#: a folder's stat as the memo keeps it: mtime, ctime (ns), inode, device
_FOLDER_STAT = Struct("<qqQQ")
#: a file or folder whose mtime is this recent is not vouched for by its stat: an edit in the
#: same clock tick as the reading could leave the mtime as it was (a folder's outcome is not
#: remembered; a file is hashed on every run, `cache.results`)
RACY_SECONDS = 2.0


def _walk(
    folder: str,
    config_of: Callable[[Path | str], Config],
    cwd: Path,
    ignore: "GitIgnore | None",
    warnings: list[str],
    errors: list[str],
    boundary: _Boundary,
    memo: "WalkMemo | None" = None,
    walked: set[str] | None = None,
) -> Iterable[tuple[list[str], list[str]]]:
    """The folder's posts, depth first in name order (as `os.walk`), with a stack rather than
    recursion (any depth), a folder's at a time: (their paths as spelled from `folder`, their
    absolute paths: `paths.absolute`). Strings, not `Path`s, and each folder's excludes and ignore rules
    prepared once (`_excluder`, `GitIgnore.for_folder`), not path by path: a site has
    thousands of files. With a `memo`, an unchanged folder's outcome is recalled (see `collect`).
    `walked` gets each folder walked (its absolute path, ending in a separator)."""
    stack = [folder]
    now = time.time() if memo is not None else 0.0
    while stack:
        dirpath = stack.pop()
        base = absolute(dirpath).rstrip(os.sep) + os.sep  # the entries' absolute paths: this + name
        if walked is not None:
            walked.add(base)
        config: Config | None = None
        stamp = context = b""
        if memo is not None:
            try:
                info = os.stat(dirpath)
                stamp = _FOLDER_STAT.pack(info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)
                config = config_of(os.path.join(dirpath, "_"))  # the config of this folder's files
            except (OSError, StructError, OverflowError):
                stamp = b""
            if stamp and config is not None:
                context = _context(config, ignore.stamp(base) if ignore is not None else "-")
                recalled = _recall(memo.recall(base), stamp + context)
                if recalled is not None:
                    posts, subfolders = recalled
                    lead = os.path.join(dirpath, "")  # what `os.path.join(dirpath, name)` puts before the name
                    if posts:
                        yield [lead + name for name in posts], [base + name for name in posts]
                    stack.extend(reversed([lead + name for name in subfolders]))
                    continue
        try:
            with os.scandir(dirpath) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as exc:
            errors.append(f"{display_path(dirpath, cwd)}: cannot read folder: {exc.strerror or exc}")
            continue
        if config is None:
            config = config_of(os.path.join(dirpath, "_"))  # the config of this folder's files
        excluded = _excluder(base, config)
        ignored = ignore.for_folder(base) if ignore is not None else None
        found: list[str] = []  # the names of its posts and its subfolders, for the memo
        subfolders: list[str] = []
        spelled: list[str] = []  # its posts, as `_walk` yields them
        keys: list[str] = []
        plain = bool(stamp)  # no link, no folder named like a post: its outcome can be remembered
        for entry in entries:
            name = entry.name
            post = name.lower().endswith(MARKDOWN_SUFFIXES)
            try:
                link = entry.is_symlink()
                folder_entry = not link and entry.is_dir(follow_symlinks=False)
            except OSError:  # pragma: no cover - the entry vanished: reading it says so
                link = folder_entry = False
                plain = False
            if folder_entry:
                if post:
                    warnings.append(f"{display_path(entry.path, cwd)}: is a directory, not a post; skipped")
                    plain = False
                if not excluded(name) and not (ignored and ignored(name, True)):
                    subfolders.append(name)
                continue
            if not post or excluded(name) or (ignored and ignored(name, False)):
                continue
            candidate = entry.path
            if link:
                plain = False
                if os.path.exists(candidate):  # a broken link stays: reading it gives its PL002
                    real = boundary.inside(candidate, warnings, display_path(candidate, cwd))
                    if real is None:
                        continue
                    if os.path.isdir(real):
                        warnings.append(f"{display_path(candidate, cwd)}: is a directory, not a post; skipped")
                        continue
                    config_of(real)  # its own folder's config asked too (`Configs.single` then knows it)
                    spelled.append(str(real))
                    keys.append(absolute(real))
                    continue
            found.append(name)
            spelled.append(candidate)
            keys.append(base + name)
        if spelled:
            yield spelled, keys
        if memo is not None and plain and _FOLDER_STAT.unpack(stamp)[0] < (now - RACY_SECONDS) * 1e9:
            memo.record(base, stamp + context + "\0".join([*found, "", *subfolders]).encode("utf-8", "surrogateescape"))
        stack.extend(reversed([os.path.join(dirpath, name) for name in subfolders]))


class _Built:
    """Whether the detected generator builds a walked file (`generators.builds`), asked once per
    folder: walking a folder, `postlint check .` skips the Markdown the generator never publishes
    (a `README.md` or `.github/` template beside a Hugo site, a theme's example site). A file
    named on the command line is linted all the same."""

    __slots__ = ("config_of", "folders")

    def __init__(self, config_of: Callable[[Path | str], Config]) -> None:
        self.config_of = config_of
        self.folders: dict[str, bool] = {}

    def __call__(self, key: str) -> bool:
        folder = key.rpartition(os.sep)[0]
        verdict = self.folders.get(folder)
        if verdict is None:
            config = self.config_of(key)
            site = config.site
            verdict = (
                site.generator == "none" or builds(site, config.site_folder, key)
                or any(key.startswith(os.path.join(config.resolve_path(d), "")) for d in config.content_dirs)  # the user's own
            )
            if not (site.generator == "docusaurus" and f"{os.sep}i18n{os.sep}" in key):  # a translation: file by file
                self.folders[folder] = verdict
        return verdict


def _context(config: Config, ignore_stamp: str) -> bytes:
    """16 bytes of the digest of what a folder's outcome depends on besides its listing: its
    config's excludes and root, and git's pattern files (`GitIgnore.stamp`)."""
    from hashlib import blake2b

    text = "\0".join([str(config.root), *config.exclude, "\1", ignore_stamp])
    return blake2b(text.encode("utf-8", "surrogateescape"), digest_size=16).digest()


def _recall(value: bytes | None, expected: bytes) -> tuple[list[str], list[str]] | None:
    """The names of a folder's posts and subfolders a memo's value holds, if it was recorded for
    this stat and context."""
    if value is None or not value.startswith(expected):
        return None
    names = value[len(expected):].decode("utf-8", "surrogateescape").split("\0")
    try:
        cut = names.index("")
    except ValueError:
        return None
    return names[:cut], [name for name in names[cut + 1:] if name]


def _excluder(base: str, config: Config) -> Callable[[str], bool]:
    """Whether an entry (by name) of the folder `base` (absolute, ending in a separator) matches
    `exclude`, as `_excluded` decides for its path: the folder's part of the relative path is
    matched once, each entry's name then."""
    names, paths, name_regex, path_regex = _exclude_patterns(tuple(config.exclude))
    root = str(config.root).rstrip(os.sep) + os.sep
    if os.sep != "/" or not _normal(base.rstrip("/") or "/"):  # pragma: no cover - not a plain POSIX path
        return lambda name: _excluded(base + name, config, Path.cwd())
    prefix = base[len(root):] if base.startswith(root) else base  # the relative path's folder part
    parts = prefix.split("/")[:-1]
    if (
        any(part in names for part in parts)
        or any(prefix.startswith(p + "/") for p in paths)
        or (name_regex is not None and any(name_regex.match(part) for part in parts))
    ):
        return lambda name: True  # the folder itself is excluded (a folder the user named)
    here = {p[len(prefix):] for p in paths if p.startswith(prefix) and "/" not in p[len(prefix):]}  # `rel == p`
    if not names and not here and name_regex is None and path_regex is None:
        return lambda name: False

    def excluded(name: str) -> bool:
        return (
            name in names or name in here
            or (name_regex is not None and name_regex.match(name) is not None)
            or (path_regex is not None and path_regex.match(prefix + name) is not None)
        )

    return excluded


#: `exclude` as matchers: the names of parts and the relative paths of the patterns without glob
#: characters (most: `node_modules`, `.git`), compared as strings; a regex for the others that match a
#: path part and one for those that match the relative path, compiled only when there are some
_Excludes = tuple[frozenset[str], tuple[str, ...], "re.Pattern[str] | None", "re.Pattern[str] | None"]


@lru_cache(maxsize=8)
def _exclude_patterns(patterns: tuple[str, ...]) -> _Excludes:
    """(names matched as any part of a path, literal paths, the name globs, the path globs). A
    pattern without `/` is a name, anywhere; one with `/` a path; a leading `/` anchors a pattern
    at the config's folder (`/README.md` is that file only, `README.md` any file of that name)."""
    stripped = [(p.strip("/"), p.startswith("/")) for p in patterns if p.strip("/")]
    literal = [p for p, _ in stripped if _GLOB.isdisjoint(p)]
    globs = [p for p, _ in stripped if not _GLOB.isdisjoint(p)]
    names = [fnmatch.translate(p) for p, anchored in stripped if not anchored and "/" not in p and not _GLOB.isdisjoint(p)]
    paths = [fnmatch.translate(p) for p in globs] + [fnmatch.translate(p + "/*") for p in globs]
    return (
        frozenset(p for p, anchored in stripped if not anchored and "/" not in p and _GLOB.isdisjoint(p)), tuple(literal),
        re.compile("|".join(names)) if names else None, re.compile("|".join(paths)) if paths else None,
    )


#: what `fnmatch` gives a meaning to
_GLOB = frozenset("*?[")


def _excluded(path: Path | str, config: Config, cwd: Path) -> bool:
    """Whether `path` matches `exclude`: a pattern without `/` matches any part of the path
    relative to the config's folder; one with `/` matches that relative path (a leading `/`
    anchors a name there)."""
    names, paths, name_regex, path_regex = _exclude_patterns(tuple(config.exclude))
    rel = relative_path(path, config.root)
    parts = rel.split("/")
    if any(part in names for part in parts) or any(rel == p or rel.startswith(p + "/") for p in paths):
        return True
    if name_regex is not None and any(name_regex.match(part) for part in parts):
        return True
    return path_regex is not None and path_regex.match(rel) is not None


def _normal(path: str) -> bool:
    """Whether `path` is absolute and already as `os.path.abspath` gives it (a walked file's path:
    no getcwd, no normalising for each of a site's files)."""
    return os.sep == "/" and path.startswith("/") and "/." not in path and "//" not in path and not path.endswith("/")


def excluded(path: Path | str, config: Config, cwd: Path | None = None) -> bool:
    """Whether the config's `exclude` keeps `path` out of a run even when it is named (as `collect` decides)."""
    return _excluded(path, config, cwd or Path.cwd())


def relative_path(path: Path | str, root: Path) -> str:
    absolute = path if isinstance(path, str) and _normal(path) else os.path.abspath(path)
    base = str(root)
    if absolute.startswith(base.rstrip(os.sep) + os.sep):
        return absolute[len(base.rstrip(os.sep)) + 1 :].replace(os.sep, "/")
    return path.as_posix() if isinstance(path, Path) else str(path)
