"""`postlint server`: the Language Server, spoken over stdio with pygls.

Diagnostics are published when a Markdown document is opened or saved, and
`DEBOUNCE` seconds after the last change while the writer types. Each workspace
folder is one `Project` (its config, its site index); a document outside every
folder belongs to the folder of its nearest config, else its own folder. When a
lint changes what other posts' cross-post findings depend on (its summary in
the site index: title, description, URL…; its headings), the other open documents are linted again; so are
all of them when a post changes on disk or a config file changes (then the
config is read again). Each lint's findings are kept for the code actions and
hovers that ask about them.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from ..model.config import CONFIG_FILES, find_config
from ..model.version import __version__
from ..site.collect import MARKDOWN_SUFFIXES
from ..site.index import PostSummary
from .actions import disable_action, fix_action, fix_all_action
from .diagnostics import Positions, contains, diagnostic, overlaps
from .project import Linted, Project

#: seconds from the last keystroke to the lint
DEBOUNCE = 0.15
WATCHED = [f"**/*{suffix}" for suffix in MARKDOWN_SUFFIXES] + [f"**/{name}" for name in CONFIG_FILES]


@dataclass
class Result:
    """The last lint of one open document, as published."""

    version: int
    text: str
    linted: Linted
    positions: Positions
    diagnostics: list[types.Diagnostic]


class PostlintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("postlint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.projects: dict[Path, Project] = {}
        self.results: dict[str, Result] = {}
        self.footprints: dict[str, tuple[PostSummary, frozenset[str]]] = {}
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.debounce = DEBOUNCE

    # projects ------------------------------------------------------------------------------

    def folders(self) -> list[Path]:
        roots = [to_fs_path(f.uri) for f in self.workspace.folders.values()]
        if not roots and self.workspace.root_path:
            roots = [self.workspace.root_path]
        return [Path(r).resolve() for r in roots if r]

    def project_for(self, path: Path) -> Project:
        inside = [root for root in self.folders() if path.is_relative_to(root)]
        if inside:
            root = max(inside, key=lambda r: len(r.parts))
        else:
            config = find_config(path.parent)
            root = config.parent if config else path.parent
        if root not in self.projects:
            self.projects[root] = Project(root)
            self._report_config(self.projects[root])
        return self.projects[root]

    def _report_config(self, project: Project) -> None:
        if project.error:
            self.window_show_message(types.ShowMessageParams(types.MessageType.Error, f"postlint: {project.error}"))

    # linting -------------------------------------------------------------------------------

    def schedule(self, uri: str, delay: float | None = None) -> None:
        """Lint `uri` after `delay` (the debounce), unless asked again before."""
        self.cancel(uri)
        loop = asyncio.get_running_loop()
        self.pending[uri] = loop.call_later(self.debounce if delay is None else delay, self.lint, uri)

    def cancel(self, uri: str) -> None:
        handle = self.pending.pop(uri, None)
        if handle is not None:
            handle.cancel()

    def lint(self, uri: str) -> None:
        """Lint one open document now and publish its diagnostics."""
        self.cancel(uri)
        document = self.workspace.text_documents.get(uri)
        fs_path = to_fs_path(uri)
        if document is None or fs_path is None:
            return
        path = Path(fs_path).resolve()
        project = self.project_for(path)
        text = document.source
        problem = project.problem(path)  # the workspace folder's config, or the file's nearest one
        linted = project.lint(path, text) if problem is None and project.lints(path) else None
        if linted is None:  # excluded (nothing to say), or the config is broken (say so at the top)
            self.results.pop(uri, None)
            top = types.Range(types.Position(0, 0), types.Position(0, 0))
            problems = [types.Diagnostic(top, f"postlint: {problem}", types.DiagnosticSeverity.Error, "config", source="postlint")] if problem else []
            return self.publish(uri, problems, document.version)
        positions = Positions(linted.post, self.workspace.position_codec.client_num_units)
        diagnostics = [diagnostic(f, positions) for f in linted.findings]
        self.results[uri] = Result(document.version, text, linted, positions, diagnostics)
        self.publish(uri, diagnostics, document.version)
        if self.footprints.get(uri) != linted.footprint:
            self.footprints[uri] = linted.footprint
            self.lint_others(uri)

    def lint_others(self, uri: str | None = None) -> None:
        for other in list(self.workspace.text_documents):
            if other != uri:
                self.schedule(other)

    def publish(self, uri: str, diagnostics: list[types.Diagnostic], version: int | None) -> None:
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, diagnostics, version))

    # the files behind the buffers ------------------------------------------------------------

    def files_changed(self, paths: list[Path]) -> None:
        for path in paths:
            if path.name in CONFIG_FILES:
                for root, project in self.projects.items():
                    # its folder or a folder above it, or a subfolder's config (its files' nearest)
                    if root.is_relative_to(path.parent) or path.parent.is_relative_to(root):
                        project.reload_config()
                        self._report_config(project)
                self.footprints.clear()
            else:
                for root, project in self.projects.items():
                    if path.is_relative_to(root):
                        project.file_changed(path)
        self.lint_others()

    def closed(self, uri: str) -> None:
        self.cancel(uri)
        self.results.pop(uri, None)
        self.footprints.pop(uri, None)
        fs_path = to_fs_path(uri)
        if fs_path is not None:
            path = Path(fs_path).resolve()
            self.project_for(path).close(path)
        self.publish(uri, [], None)
        self.lint_others(uri)

    # code actions and hovers --------------------------------------------------------------------

    def current(self, uri: str) -> Result | None:
        """The last lint of the document, linted now if the document changed since (a pending
        debounce): positions of an older text would put edits in the wrong place."""
        result = self.results.get(uri)
        document = self.workspace.text_documents.get(uri)
        if result is not None and document is not None and document.version != result.version:
            self.lint(uri)
            result = self.results.get(uri)
        return result

    def code_actions(self, uri: str, range_: types.Range) -> list[types.CodeAction]:
        result = self.current(uri)
        if result is None:
            return []
        actions: list[types.CodeAction] = []
        disables: list[types.CodeAction] = []
        for finding, diag in zip(result.linted.findings, result.diagnostics):
            if not overlaps(diag.range, range_):
                continue
            if finding.fix is not None and finding.fix.edits:
                actions.append(fix_action(uri, finding, finding.fix, result.positions, diag, result.text))
            disable = disable_action(uri, finding, result.positions, diag, result.text)
            if disable is not None and disable.title not in {d.title for d in disables}:
                disables.append(disable)
        fix_all = fix_all_action(uri, result.linted.findings, result.positions, result.text)
        return actions + disables + ([fix_all] if fix_all else [])

    def hover(self, uri: str, position: types.Position) -> types.Hover | None:
        result = self.current(uri)
        fs_path = to_fs_path(uri)
        if result is None or fs_path is None:
            return None
        project = self.project_for(Path(fs_path).resolve())
        docs: list[str] = []
        for finding, diag in zip(result.linted.findings, result.diagnostics):
            rule = project.rule(finding.code, Path(fs_path).resolve())
            if rule is None or not contains(diag.range, position):
                continue
            text = f"```text\n{rule.describe()}```"
            if text not in docs:
                docs.append(text)
        if not docs:
            return None
        return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, "\n\n---\n\n".join(docs)))


def _kind(kind: "types.CodeActionKind | str | None") -> str:
    """A code action kind as its string (lsprotocol gives the known ones as enum members)."""
    return str(getattr(kind, "value", kind or ""))


def build() -> PostlintServer:
    """The server with its handlers."""
    server = PostlintServer()

    @server.feature(types.INITIALIZED)
    async def initialized(ls: PostlintServer, params: types.InitializedParams) -> None:
        options = ls.client_capabilities.workspace
        watch = options and options.did_change_watched_files
        if watch and watch.dynamic_registration:
            watchers = [types.FileSystemWatcher(glob_pattern=pattern) for pattern in WATCHED]
            registration = types.Registration(
                id="postlint-watched-files",
                method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
            )
            await ls.client_register_capability_async(types.RegistrationParams([registration]))

    def on_document(action: Callable[[PostlintServer, str], None]) -> Callable[[Any], None]:
        def handler(params: Any) -> None:  # the did* notifications' params: they name the document
            action(server, params.text_document.uri)

        return handler

    for method, action in {
        types.TEXT_DOCUMENT_DID_OPEN: PostlintServer.lint,
        types.TEXT_DOCUMENT_DID_CHANGE: PostlintServer.schedule,  # debounced
        types.TEXT_DOCUMENT_DID_SAVE: PostlintServer.lint,
        types.TEXT_DOCUMENT_DID_CLOSE: PostlintServer.closed,
    }.items():
        server.feature(method)(on_document(action))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_files(ls: PostlintServer, params: types.DidChangeWatchedFilesParams) -> None:
        paths = [to_fs_path(change.uri) for change in params.changes]
        ls.files_changed([Path(p).resolve() for p in paths if p])

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll]),
    )
    def code_action(ls: PostlintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        actions = ls.code_actions(params.text_document.uri, params.range)
        only = params.context.only
        if only:  # kinds are hierarchical: `source.fixAll` asks for `source.fixAll.postlint`
            wanted = [_kind(kind) for kind in only]
            actions = [a for a in actions if any(_kind(a.kind) == kind or _kind(a.kind).startswith(f"{kind}.") for kind in wanted)]
        return actions

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: PostlintServer, params: types.HoverParams) -> types.Hover | None:
        return ls.hover(params.text_document.uri, params.position)

    return server


def serve() -> None:
    build().start_io()
