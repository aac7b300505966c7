"""The engine: collect files, run the enabled rules, apply suppressions and severities.

Rules never see suppressions or severity overrides; a rule that raises becomes
one PL003 finding for that file and the run goes on.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import glob
import os
import re
import stat
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

from . import profiles, suppress
from .config import Config, ConfigError, Configs
from .files import UnreadableFile
from .findings import SORT_KEY, Finding, Severity
from .paths import absolute, display_path
from .registry import Registry, Rule, build_registry

if TYPE_CHECKING:  # pragma: no cover
    from .document import Post
    from .findinglist import LineFormat
    from .gitignore import GitIgnore
    from .site import Site

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx")
#: the rules that also run on pages that are not posts (section/list pages such as Hugo's `_index.md`,
#: docs pages beside a blog): file, syntax, link and image checks, never post-quality rules
PAGE_RULES = frozenset(
    """PL001 PL002 PL003 FM002 FM004 IMG001 IMG002 IMG005 IMG006 LNK001 LNK002 LNK003 LNK006 LNK007 LNK008
    LNK009 LNK010 HD001 HD003 HD004 HD005""".split()
)


@dataclass
class Context:
    """What a rule may read besides the post: the config, today's date, the site index."""

    config: Config
    today: dt.date = field(default_factory=dt.date.today)
    check_links: bool = False
    run_posts: list[Post] = field(default_factory=list)
    #: the merged `data:` of the loaded rule packs (see `packs.data_value`).
    pack_data: dict[str, Any] = field(default_factory=dict)
    _site: "Site | None" = None
    #: may print progress and summaries on stderr (the CLI without --quiet).
    report_progress: bool = False
    #: per-run results site rules share (e.g. one link-check batch for LNK007 and LNK008).
    memo: dict[str, Any] = field(default_factory=dict)
    #: the working directory findings' paths are relative to (the site index names other posts with it)
    cwd: Path = field(default_factory=Path.cwd)
    #: the run's report shows the whole site (`--format html`): every indexed post's facts and
    #: the link graph are computed (and cached) during the run
    site_report: bool = False

    @property
    def site(self) -> "Site":
        """The site index: every post of the run and of the configured content dirs."""
        if self._site is None:
            from .site import Site

            self._site = Site.build(self)
        return self._site


@dataclass
class RunResult:
    findings: list[Finding]  # or a `FindingList`, when `run` was given a line format
    files: int
    path_errors: list[str] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    #: display path of every file linted (clean ones too), for per-file reporters.
    paths: list[str] = field(default_factory=list)
    #: display path -> the post's lines, for content fingerprints (GitLab, SARIF, baseline).
    sources: dict[str, list[str]] = field(default_factory=dict)
    #: things skipped inside folders (directories named *.md): printed as warnings.
    warnings: list[str] = field(default_factory=list)
    #: the site index the run built (its posts' `PostFacts`, the link graph: `linkgraph.graph_of`)
    site: "Site | None" = None


# --- collection ------------------------------------------------------------------------


@dataclass
class Collected:
    files: list[Path]
    errors: list[str]  # paths the user named that cannot be linted: exit 2
    warnings: list[str] = field(default_factory=list)  # things skipped inside folders


def collect(paths: Iterable[str], config: Config, cwd: Path | None = None, configs: "Configs | None" = None) -> Collected:
    """Markdown files under `paths` (files, folders, globs), minus excludes and git's ignore
    rules; with `configs`, each path's excludes are those of its own (nearest) config.

    A symbolic link is followed only to a file inside the project (`config.root`), and then
    named by its real path, so a post reached twice is linted once; a link out of the project
    is skipped with a warning (git does not follow links either). A path named outside the
    project is the user's own choice: it is followed, and links under it only within it.
    Links to folders inside a walked folder are not followed. Anything that is not a regular
    file is kept: reading it gives its PL002 line (`files.read_file`). A folder that cannot be
    read is an error.
    """
    cwd = cwd or Path.cwd()
    files: list[Path] = []
    errors: list[str] = []
    warnings: list[str] = []
    seen: set[str] = set()
    ignore = None
    if config.respect_gitignore:
        from .gitignore import GitIgnore

        ignore = GitIgnore.load(config.root)
    config_of: Callable[[Path | str], Config] = configs.for_path if configs is not None else (lambda _: config)
    project = _Boundary(config.root, "the project")

    def add(path: Path) -> None:
        key = absolute(path)
        if key not in seen:
            seen.add(key)
            files.append(path)

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
            for found in _walk(str(path), config_of, cwd, ignore, warnings, errors, boundary):
                add(found)
        elif not _excluded(path, config_of(path), cwd):
            add(path)

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
    return Collected(files, errors, warnings)


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


def _walk(
    folder: str,
    config_of: Callable[[Path | str], Config],
    cwd: Path,
    ignore: "GitIgnore | None",
    warnings: list[str],
    errors: list[str],
    boundary: _Boundary,
) -> Iterable[Path]:
    """The folder's posts, depth first in name order (as `os.walk`), with a stack rather than
    recursion (any depth); strings, not `Path`s, until a file is chosen: a site has thousands."""
    stack = [folder]
    while stack:
        dirpath = stack.pop()
        try:
            with os.scandir(dirpath) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as exc:
            errors.append(f"{display_path(dirpath, cwd)}: cannot read folder: {exc.strerror or exc}")
            continue
        config = config_of(os.path.join(dirpath, "_"))  # the config of this folder's files
        subfolders: list[str] = []
        for entry in entries:
            name, candidate = entry.name, entry.path
            post = name.lower().endswith(MARKDOWN_SUFFIXES)
            try:
                link = entry.is_symlink()
                folder_entry = not link and entry.is_dir(follow_symlinks=False)
            except OSError:  # pragma: no cover - the entry vanished: reading it says so
                link = folder_entry = False
            if folder_entry:
                if post:
                    warnings.append(f"{display_path(candidate, cwd)}: is a directory, not a post; skipped")
                if not _excluded(candidate, config, cwd) and not (ignore and ignore.ignored(candidate, True)):
                    subfolders.append(candidate)
                continue
            if not post or _excluded(candidate, config, cwd) or (ignore and ignore.ignored(candidate, False)):
                continue
            if link and os.path.exists(candidate):  # a broken link stays: reading it gives its PL002
                real = boundary.inside(candidate, warnings, display_path(candidate, cwd))
                if real is None:
                    continue
                if os.path.isdir(real):
                    warnings.append(f"{display_path(candidate, cwd)}: is a directory, not a post; skipped")
                    continue
                yield real
                continue
            yield Path(candidate)
        stack.extend(reversed(subfolders))


@lru_cache(maxsize=8)
def _exclude_patterns(patterns: tuple[str, ...]) -> tuple["re.Pattern[str] | None", "re.Pattern[str] | None"]:
    """One regex for the patterns that match a path part, one for those that match the relative path."""
    names = [fnmatch.translate(p.rstrip("/")) for p in patterns if "/" not in p.rstrip("/")]
    paths = [fnmatch.translate(p.rstrip("/")) for p in patterns] + [fnmatch.translate(p.rstrip("/") + "/*") for p in patterns]
    return (re.compile("|".join(names)) if names else None, re.compile("|".join(paths)) if paths else None)


def _excluded(path: Path | str, config: Config, cwd: Path) -> bool:
    """Whether `path` matches `exclude`: a pattern without `/` matches any part of the path
    relative to the config's folder; one with `/` matches that relative path."""
    names, paths = _exclude_patterns(tuple(config.exclude))
    rel = _relative(path, config.root)
    if names is not None and any(names.match(part) for part in rel.split("/")):
        return True
    return paths is not None and paths.match(rel) is not None


def excluded(path: Path | str, config: Config, cwd: Path | None = None) -> bool:
    """Whether the config's `exclude` keeps `path` out of a run even when it is named (as `collect` decides)."""
    return _excluded(path, config, cwd or Path.cwd())


def _relative(path: Path | str, root: Path) -> str:
    absolute = os.path.abspath(path)
    base = str(root)
    if absolute.startswith(base.rstrip(os.sep) + os.sep):
        return absolute[len(base.rstrip(os.sep)) + 1 :].replace(os.sep, "/")
    return path.as_posix() if isinstance(path, Path) else str(path)


# --- selection -------------------------------------------------------------------------


@dataclass
class Selection:
    rules: list[Rule]
    enabled: set[str]
    severity: dict[str, Severity]
    per_file: list[tuple[str, set[str]]]


def select_rules(config: Config, registry: Registry, *, check_links: bool = False) -> Selection:
    """Resolve selectors, severities and option tables; unknown names are config errors."""
    label = str(config.source) if config.source else "command line"

    def resolve_all(selectors: list[str], what: str) -> set[str]:
        codes: set[str] = set()
        for selector in selectors:
            try:
                codes |= registry.resolve(selector)
            except KeyError:
                raise ConfigError(f"{label}: unknown rule code or name {selector!r} in {what}") from None
        return codes

    enabled = resolve_all(config.select + config.extend_select, "select") - resolve_all(config.ignore, "ignore")
    profile = profiles.get(config.profile)
    severity: dict[str, Severity] = {code: Severity.parse(level) for code, level in profile.severity.items()}
    for selector, level in config.severity.items():
        for code in resolve_all([selector], "severity"):
            severity[code] = Severity.parse(level)
    per_file = [(glob_, resolve_all(codes, f"per-file-ignores `{glob_}`")) for glob_, codes in config.per_file_ignores.items()]
    options: dict[str, dict[str, Any]] = {code: dict(table) for code, table in profile.options.items()}
    for key, table in config.rule_options.items():
        rule = registry.get(key)
        if rule is None:
            raise ConfigError(f"{label}: unknown key `{key}` (not a setting, rule code or rule name)")
        if not isinstance(table, dict):
            raise ConfigError(f"{label}: `{key}` must be a mapping of {rule.code} options")
        for option, value in table.items():
            if option not in rule.options:
                allowed = ", ".join(rule.options) or "none"
                raise ConfigError(f"{label}: unknown option `{option}` for {rule.code} ({rule.name}); options: {allowed}")
            _check_option_type(label, rule, option, value)
        options.setdefault(rule.code, {}).update(table)
    rules: list[Rule] = []
    for rule_cls in registry:
        if rule_cls.code not in enabled or not rule_cls.implemented:
            continue
        if rule_cls.online and not check_links:
            continue
        rules.append(rule_cls(options.get(rule_cls.code)))
    return Selection(rules, {r.code for r in rules}, severity, per_file)


def _check_option_type(label: str, rule: type[Rule], option: str, value: Any) -> None:
    default = rule.options[option]
    ok = True
    if isinstance(default, bool):
        ok = isinstance(value, bool)
    elif isinstance(default, (int, float)):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif isinstance(default, str):
        ok = isinstance(value, str)
    elif isinstance(default, (list, tuple)):
        ok = isinstance(value, list)
    elif isinstance(default, dict):
        ok = isinstance(value, dict)
    if not ok:
        raise ConfigError(f"{label}: option `{option}` of {rule.code} must be {type(default).__name__}, got {value!r}")


# --- linting ---------------------------------------------------------------------------


class Linter:
    """Lints posts with one selection of rules; reusable across files of a run."""

    def __init__(self, config: Config, registry: Registry | None = None, *, check_links: bool = False, today: dt.date | None = None) -> None:
        self.config = config
        self.registry = registry or build_registry(
            [config.resolve_path(p) for p in config.packs], config.plugins, config.root, no_plugins=config.no_plugins
        )
        self.selection = select_rules(config, self.registry, check_links=check_links)
        self.ctx = Context(config, today or dt.date.today(), check_links)
        self.ctx.pack_data = self.registry.data
        #: finds a post of the run by display path (for suppressions of cross-post findings)
        self.post_lookup: Callable[[str], Post | None] = lambda display: next(
            (p for p in self.ctx.run_posts if p.display_path == display), None
        )

    def resolve_selector(self, selector: str) -> set[str] | None:
        try:
            return self.registry.resolve(selector)
        except KeyError:
            return None

    def read(self, path: Path, display: str) -> Post | Finding:
        from .document import Post

        try:
            return Post.from_path(path, display)
        except UnreadableFile as exc:
            return self._pl002(display, str(exc))

    def _pl002(self, display: str, message: str) -> Finding:
        rule = self.registry.get("PL002")
        severity = self.selection.severity.get("PL002", Severity.ERROR)
        return Finding(display, 1, 1, "PL002", 1, 1, rule.name if rule else "file-unreadable", severity, f"cannot read file: {message}")

    def lint_post(self, post: Post) -> list[Finding]:
        from .generators import classify

        classify(post, self.config.site, self.config.root)
        rules = [
            r for r in self.selection.rules
            if (post.is_post or r.code in PAGE_RULES) and not self._ignored_for_path(r.code, post)
        ]
        raw: list[Finding] = []
        for rule in rules:
            try:
                for finding in rule.check(post, self.ctx):
                    raw.append(finding)
            except Exception as exc:  # a broken rule is one finding, not a crashed run
                raw.append(self._crash(post.display_path, rule, exc))
        return self.finish(post, raw)

    def finish(self, post: Post, raw: list[Finding]) -> list[Finding]:
        """Suppressions, PL001 and severity overrides for one post's findings, in file order."""
        suppressions = suppress.parse(post, self.resolve_selector)
        kept = suppressions.apply(raw)
        if "PL001" in self.selection.enabled and not self._ignored_for_path("PL001", post):
            pl001 = self.registry.get("PL001")
            assert pl001 is not None
            rule = pl001()
            kept += suppress.unused_findings(
                post, suppressions, self.selection.enabled, lambda line, col, msg: rule.report(post, line, col, msg)
            )
        out = [self._with_severity(f) for f in kept]
        out.sort(key=SORT_KEY)  # in file order: a run's sort then merges sorted runs (cached ones too)
        return out

    def lint_against(self, post: Post, site: Site) -> list[Finding]:
        """One post's findings, its cross-post ones included, against a site index the caller
        keeps between runs (an editor's buffer against the other posts); in file order."""
        self.ctx.run_posts = [post]
        self.ctx._site = site
        self.ctx.memo = {}
        findings = self.lint_post(post) + [f for f in self.lint_site() if f.path == post.display_path]
        findings.sort(key=SORT_KEY)
        return findings

    def lint_site(self) -> list[Finding]:
        out: list[Finding] = []
        for rule in self.selection.rules:
            if rule.scope != "site":
                continue
            try:
                out.extend(rule.check_site(self.ctx))
            except Exception as exc:
                out.append(self._crash(".", rule, exc))
        return [self._with_severity(f) for f in out if not self._ignored_by_display(f)]

    def _ignored_by_display(self, finding: Finding) -> bool:
        for pattern, codes in self.selection.per_file:
            if finding.code in codes and fnmatch.fnmatch(finding.path, pattern):
                return True
        post = self.post_lookup(finding.path)
        if post is not None:
            suppressions = suppress.parse(post, self.resolve_selector)
            return not suppressions.apply([finding])
        return False

    def _ignored_for_path(self, code: str, post: Post) -> bool:
        if not self.selection.per_file:
            return False
        rel = _relative(post.path, self.config.root)
        for pattern, codes in self.selection.per_file:
            if code in codes and (fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(post.display_path, pattern)):
                return True
        return False

    def _with_severity(self, finding: Finding) -> Finding:
        level = self.selection.severity.get(finding.code)
        return replace(finding, severity=level) if level is not None and level != finding.severity else finding

    def _crash(self, path: str, rule: Rule, exc: Exception) -> Finding:
        return Finding(
            path, 1, 1, "PL003", 1, 1, "rule-crashed", Severity.ERROR,
            f"rule {rule.code} ({rule.name}) crashed: {type(exc).__name__}: {exc}",
        )


def run(
    paths: list[str],
    config: Config,
    *,
    registry: Registry | None = None,
    check_links: bool = False,
    stdin: tuple[str, str] | None = None,
    cwd: Path | None = None,
    today: dt.date | None = None,
    report_progress: bool = False,
    jobs: int | None = None,
    use_cache: bool = False,
    line_format: "LineFormat | None" = None,
    collected: Collected | None = None,
    site_report: bool = False,
) -> RunResult:
    """Lint `paths` (or `stdin` as (filename, text)) and return every finding, sorted.

    `jobs` worker processes (0: one per CPU; 1: none) lint the posts that are not
    served from the results cache (`use_cache`, which the CLI turns on). Link
    checking keeps every post of the run in memory and runs in this process.
    With the `line_format` of the report to write, the findings may come as a
    `FindingList` holding each file's lines in it (see `runner.run_files`).
    `collected`: the files of `paths`, when the caller has collected them.
    `site_report`: the report shows the whole site (`Context.site_report`; the result's `site`).
    """
    cwd = cwd or Path.cwd()
    linter = Linter(config, registry, check_links=check_links, today=today)
    linter.ctx.report_progress = report_progress
    linter.ctx.site_report = site_report
    if stdin is None and not check_links:
        from .runner import run_files

        return run_files(
            paths, linter, cwd=cwd, jobs=1 if jobs is None else jobs, use_cache=use_cache, line_format=line_format, collected=collected
        )
    findings: list[Finding] = []
    errors: list[str] = []
    warnings: list[str] = []
    posts: list[Post] = []
    linted: list[str] = []
    if stdin is not None:
        from .document import Post

        name, text = stdin
        post = Post.from_text(text, name)
        post.display_path = display_path(Path(name), cwd)
        posts.append(post)
        linted.append(post.display_path)
        count = 1
    else:
        collected = collected if collected is not None else collect(paths, config, cwd)
        errors, warnings = collected.errors, collected.warnings
        count = len(collected.files)
        for path in collected.files:
            linted.append(display_path(path, cwd))
            item = linter.read(path, linted[-1])
            if isinstance(item, Finding):
                findings.append(item)
            else:
                posts.append(item)
    linter.ctx.run_posts = posts
    linter.ctx.cwd = cwd
    for post in posts:
        findings.extend(linter.lint_post(post))
    findings.extend(linter.lint_site())
    findings.sort(key=SORT_KEY)
    sources = {post.display_path: post.lines for post in posts}
    site = linter.ctx.site if site_report else linter.ctx._site
    if site_report:
        from .linkgraph import graph_of

        graph_of(site)  # while the run's posts are here: their facts come from their parse
    return RunResult(findings, count, errors, linter.selection.rules, linted, sources, warnings, site=site)


def run_configs(paths: list[str], configs: Configs, *, registry: Registry | None = None, cwd: Path | None = None, **options: Any) -> RunResult:
    """`run` with each file's own config (`Configs`): one run per config that applies to some
    file, their results merged. `registry` serves the working directory's config; the run's
    cache is that config's. Options are `run`'s."""
    cwd = cwd or Path.cwd()
    base = configs.base
    collected = collect(paths, base, cwd, configs)
    groups: dict[int, tuple[Config, list[Path]]] = {}
    for path in collected.files:
        config = configs.for_path(path)
        groups.setdefault(id(config), (config, []))[1].append(path)
    if options.get("use_cache"):
        from .cachedir import locate

        cache_dir = str(locate(base))  # refused when outside the base config's project
    else:
        cache_dir = str(base.resolve_path(base.cache_dir))

    def lint(config: Config, files: Collected) -> RunResult:
        if config is base:
            return run(paths, config, registry=registry, cwd=cwd, collected=files, **options)
        # one cache folder for the run, not one per config: the base's, checked above (it may lie
        # above a subfolder config's root)
        own = replace(config, cache_dir=cache_dir, cache_dir_given=True)
        return run(paths, own, cwd=cwd, collected=files, **options)

    if len(groups) <= 1:
        return lint(next(iter(groups.values()))[0] if groups else base, collected)
    return _merged([lint(config, Collected(files, [], [])) for config, files in groups.values()], collected)


def _merged(results: list[RunResult], collected: Collected) -> RunResult:
    from collections import ChainMap

    from .findinglist import FindingList

    findings: Any
    if all(isinstance(r.findings, FindingList) for r in results):
        lists: list[Any] = [r.findings for r in results]
        findings = FindingList(
            [f for fl in lists for f in fl.files], [f for fl in lists for f in fl.extra], lists[0].line_format
        )
    else:
        findings = sorted((f for r in results for f in r.findings), key=SORT_KEY)
    rules: dict[str, Rule] = {}
    for result in results:
        for rule in result.rules:
            rules.setdefault(rule.code, rule)
    return RunResult(
        findings,
        sum(r.files for r in results),
        collected.errors,
        list(rules.values()),
        sorted(p for r in results for p in r.paths),
        ChainMap(*(r.sources for r in results)),  # type: ignore[arg-type]
        list(dict.fromkeys([*collected.warnings, *(w for r in results for w in r.warnings)])),  # a cache warning once
        site=next((r.site for r in results if r.site is not None), None),  # the base config's group comes first
    )
