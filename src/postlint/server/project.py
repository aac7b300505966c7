"""One editor workspace folder: its config, one `Linter`, and the site index kept between lints.

The index is built once (the posts `content-dirs` names, else every post under the
workspace root, as `postlint check .` would find them) and then kept up to date:
file events re-read one post, and an open buffer stands in for its file on disk,
so cross-post rules (SEO004–SEO006, LNK006) see what the writer has not saved yet.
Each lint builds a fresh `Site` from the kept summaries (cheap: no file is read), so
what the site asks the file system (a linked image, a static file) is asked anew.
Nothing here speaks LSP: the server (`server.lsp`) and the benchmark drive it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from ..engine.linter import Linter
from ..model.config import Config, ConfigError, Configs, load_config
from ..model.findings import Finding
from ..model.rule import RegistryError, Rule
from ..parse.document import Post, UnreadableFile
from ..parse.paths import display_path, path_key
from ..site.collect import MARKDOWN_SUFFIXES, collect, excluded
from ..site.index import PostSummary, Site, anchors_of
from ..site.postfacts import PostFacts


@dataclass
class Linted:
    """One lint of one buffer: the post the rules saw and what they found."""

    post: Post
    findings: list[Finding]
    #: what other posts' cross-post findings depend on: its summary in the index, its anchors
    footprint: tuple[PostSummary, frozenset[str]]


class Project:
    """The lint state of one workspace folder; used from the server's one thread. Each file is
    linted with its nearest config (`Configs`, as `postlint check` does); the site index is the
    folder's own config's."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        #: the config problem that stops linting (shown to the user), or None
        self.error: str | None = None
        self.config: Config | None = None
        self.linter: Linter | None = None
        self.configs: Configs | None = None
        self._linters: dict[int, Linter] = {}  # by id of a subfolder's config
        #: linted open buffers by path key: their summary and anchors, overriding the file on disk
        self._buffers: dict[str, tuple[PostSummary, frozenset[str]]] = {}
        self._disk: dict[str, PostSummary] | None = None  # the saved posts, built on first lint
        self._anchors: dict[str, frozenset[str]] = {}  # saved posts' anchors, asked for by links
        #: saved posts' links (`PostFacts`, for SEO008's link graph): read once, not on every keystroke
        self._facts: dict[str, PostFacts] = {}
        self.reload_config()

    # config --------------------------------------------------------------------------------

    def reload_config(self) -> None:
        """Read the config again (and with it the packs and plugins); the index is rebuilt on next use."""
        self.config = self.linter = self.configs = None
        self._linters = {}
        self._disk, self._anchors, self._buffers, self._facts = None, {}, {}, {}
        try:
            config = load_config(cwd=self.root)
            self.linter = self._new_linter(config)
        except (ConfigError, RegistryError) as exc:
            self.error = str(exc)
            return
        self.config, self.configs, self.error = config, Configs(config), None

    def _new_linter(self, config: Config) -> Linter:
        linter = Linter(config)
        linter.ctx.cwd = self.root  # findings name posts relative to the folder, whatever the server's cwd
        return linter

    def linter_for(self, path: Path) -> Linter:
        """The linter of the config nearest `path` (a `ConfigError` or `RegistryError` when that
        config is broken)."""
        assert self.configs is not None and self.linter is not None
        config = self.configs.for_path(path)
        if config is self.config:
            return self.linter
        linter = self._linters.get(id(config))
        if linter is None:
            linter = self._linters[id(config)] = self._new_linter(config)
        return linter

    def problem(self, path: Path) -> str | None:
        """The config problem that stops linting `path`: the folder's config, or the nearest one's."""
        if self.error or self.configs is None:
            return self.error
        try:
            self.linter_for(path)
        except (ConfigError, RegistryError) as exc:
            return str(exc)
        return None

    def rule(self, code: str, path: Path | None = None) -> type[Rule] | None:
        linter = self.linter if path is None or self.problem(path) else self.linter_for(path)
        return linter.registry.get(code) if linter else None

    # the index -----------------------------------------------------------------------------

    def _site(self) -> Site:
        """An empty site index with the config's settings (a few stats: cheap per lint)."""
        assert self.config is not None
        site = Site.from_config(self.config)
        site.cwd = self.root
        return site

    def _disk_index(self) -> dict[str, PostSummary]:
        if self._disk is None:
            assert self.config is not None
            if self.config.content_dirs:
                folders = [self.config.resolve_path(d) for d in self.config.content_dirs]
                found = collect([str(d) for d in folders if d.is_dir()], self.config, self.root).files
            else:
                found = collect([str(self.root)], self.config, self.root).files
            self._disk = {}
            site = self._site()
            for path in found:
                summary = self._read_summary(site, path)
                if summary is not None:
                    self._disk[summary.path] = summary
        return self._disk

    def _read_summary(self, site: Site, path: Path) -> PostSummary | None:
        try:
            return site.summarize(Post.from_path(path, display_path(path, self.root)), in_run=False)
        except UnreadableFile:
            return None

    def file_changed(self, path: Path) -> None:
        """A saved post was created, changed or deleted: read it again (or forget it)."""
        key = path_key(path)
        self._anchors.pop(key, None)
        self._facts.pop(key, None)
        if self._disk is None or not path.name.lower().endswith(MARKDOWN_SUFFIXES):
            return
        self._disk.pop(key, None)
        if path.is_file() and self._indexed(path):
            summary = self._read_summary(self._site(), path)
            if summary is not None:
                self._disk[key] = summary

    def _indexed(self, path: Path) -> bool:
        """Whether the index holds this post: under a content dir (or the root) and not excluded."""
        assert self.config is not None
        folders = [self.config.resolve_path(d) for d in self.config.content_dirs] or [self.root]
        if not any(path.resolve().is_relative_to(folder.resolve()) for folder in folders):
            return False
        return self.lints(path)

    def lints(self, path: Path) -> bool:
        """Whether `postlint check` lints this file: Markdown, not excluded by its nearest config."""
        if self.configs is None or not path.name.lower().endswith(MARKDOWN_SUFFIXES) or self.problem(path):
            return False
        return not excluded(path, self.configs.for_path(path), self.root)

    # buffers -------------------------------------------------------------------------------

    def close(self, path: Path) -> None:
        """A buffer was closed: its file on disk speaks for it again."""
        key = path_key(path)
        self._buffers.pop(key, None)
        self.file_changed(path)

    # linting -------------------------------------------------------------------------------

    def lint(self, path: Path, text: str) -> Linted | None:
        """Lint `text` as the post at `path` against the site (None: the config is broken);
        from now on the buffer stands in for the file in the index."""
        if self.problem(path):
            return None
        linter = self.linter_for(path)
        key = path_key(path)
        post = Post.from_text(text, path)
        post.display_path = display_path(path, self.root)
        site = self._site()
        summary = site.summarize(post)
        site.run_posts[key] = post
        site.add(summary)
        site.anchor_cache = dict(self._anchors)
        site.anchor_cache.pop(key, None)  # the buffer's own anchors come from its parse
        for other, (buffered, anchors) in self._buffers.items():
            if other != key:
                site.add(buffered)
                site.anchor_cache[other] = anchors
        for saved in self._disk_index().values():
            site.add(saved)
        site.facts.update((known, facts) for known, facts in self._facts.items() if known != key and known not in self._buffers)
        linter.ctx.today = dt.date.today()
        findings = linter.lint_against(post, site)
        for known, anchors in site.anchor_cache.items():
            if known not in self._buffers and known != key:
                self._anchors[known] = anchors
        for known in site.fresh_facts:
            if known not in self._buffers and known != key:
                self._facts[known] = site.facts[known]
        view = (replace(summary, in_run=False), anchors_of(post))
        self._buffers[key] = view
        return Linted(post, findings, view)
