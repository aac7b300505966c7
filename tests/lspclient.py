"""A synchronous driver for `postlint server`: pygls's LanguageClient on a private event loop.

Each `Session` starts the server as a subprocess over stdio in a site folder,
initializes it, and waits for the diagnostics it publishes (by document version,
or by the count of publications for a URI, since a config reload republishes at
the same version). Every wait is bounded: a server that says nothing fails the
test after `TIMEOUT` seconds instead of hanging the suite.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any, Callable

from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.workspace import TextDocument

TIMEOUT = 30.0


class Session:
    def __init__(self, root: Path, cwd: Path | None = None) -> None:
        self.root = root
        self.loop = asyncio.new_event_loop()
        self.client = LanguageClient("postlint-tests", "1")
        self.published: dict[str, list[types.PublishDiagnosticsParams]] = {}
        self.registrations: list[types.Registration] = []
        self.messages: list[str] = []
        self.versions: dict[str, int] = {}

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def diagnostics(params: types.PublishDiagnosticsParams) -> None:
            self.published.setdefault(params.uri, []).append(params)

        @self.client.feature(types.CLIENT_REGISTER_CAPABILITY)
        def register(params: types.RegistrationParams) -> None:
            self.registrations.extend(params.registrations)

        @self.client.feature(types.WINDOW_SHOW_MESSAGE)
        def message(params: types.ShowMessageParams) -> None:
            self.messages.append(params.message)

        self.run(self.client.start_io(sys.executable, "-m", "postlint", "server", cwd=str(cwd or root)))
        capabilities = types.ClientCapabilities(
            workspace=types.WorkspaceClientCapabilities(
                did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True)
            )
        )
        folder = types.WorkspaceFolder(uri=root.as_uri(), name=root.name)
        initialized = self.run(self.client.initialize_async(types.InitializeParams(capabilities=capabilities, root_uri=root.as_uri(), workspace_folders=[folder])))
        self.capabilities: types.ServerCapabilities = initialized.capabilities
        self.client.initialized(types.InitializedParams())

    def run(self, awaitable: Any) -> Any:
        return self.loop.run_until_complete(asyncio.wait_for(awaitable, TIMEOUT))

    def wait(self, done: Callable[[], bool]) -> None:
        async def poll() -> None:
            while not done():
                await asyncio.sleep(0.01)

        self.run(poll())

    def close(self) -> None:
        try:
            self.run(self.client.shutdown_async(None))
            self.client.exit(None)
            self.run(self.client.stop())
        finally:
            self.loop.close()

    # documents -------------------------------------------------------------------------------

    def uri(self, name: str) -> str:
        return (self.root / name).as_uri()

    def count(self, name: str) -> int:
        return len(self.published.get(self.uri(name), []))

    def diagnostics(self, name: str, *, after: int | None = None) -> list[types.Diagnostic]:
        """The diagnostics of the document's current version (or the first publication after the `after`th)."""
        uri = self.uri(name)
        version = self.versions.get(uri)

        def arrived() -> bool:
            seen = self.published.get(uri, [])
            if after is not None:
                return len(seen) > after
            return any(p.version == version for p in seen)

        self.wait(arrived)
        seen = self.published[uri]
        if after is not None:
            return list(seen[after].diagnostics)
        return list([p for p in seen if p.version == version][-1].diagnostics)

    def eventually(self, name: str, view: Callable[[list[types.Diagnostic]], Any], expected: Any, timeout: float = 10.0) -> None:
        """Wait until the latest diagnostics of `name`, seen through `view`, equal `expected`
        (another document's lint republishes this one when it likes); else fail showing them."""
        uri = self.uri(name)

        def latest() -> Any:
            seen = self.published.get(uri)
            return view(list(seen[-1].diagnostics)) if seen else None

        async def poll() -> None:
            while latest() != expected:
                await asyncio.sleep(0.01)

        try:
            self.loop.run_until_complete(asyncio.wait_for(poll(), timeout))
        except asyncio.TimeoutError:
            assert latest() == expected

    def open(self, name: str, text: str) -> None:
        uri = self.uri(name)
        self.versions[uri] = 1
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "markdown", 1, text)))

    def change(self, name: str, text: str) -> None:
        """Replace the whole text (an unsaved edit)."""
        uri = self.uri(name)
        self.versions[uri] += 1
        change = types.TextDocumentContentChangeWholeDocument(text=text)
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]), [change]))

    def files_changed(self, *names: str) -> None:
        changes = [types.FileEvent(self.uri(n), types.FileChangeType.Changed) for n in names]
        self.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes))

    def code_actions(self, name: str, range_: types.Range, only: list[str] | None = None) -> list[types.CodeAction]:
        params = types.CodeActionParams(types.TextDocumentIdentifier(self.uri(name)), range_, types.CodeActionContext(diagnostics=[], only=only))
        return self.run(self.client.text_document_code_action_async(params)) or []

    def hover(self, name: str, position: types.Position) -> types.Hover | None:
        return self.run(self.client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(self.uri(name)), position)))


def apply(text: str, edit: types.WorkspaceEdit, uri: str) -> str:
    """The text after a WorkspaceEdit's edits to `uri`, applied by pygls's own document model
    (UTF-16 positions), last edit first so that earlier positions hold."""
    assert edit.changes is not None and set(edit.changes) == {uri}
    document = TextDocument(uri, text)
    for text_edit in sorted(edit.changes[uri], key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        document.apply_change(types.TextDocumentContentChangePartial(range=text_edit.range, text=text_edit.new_text))
    return document.source


def spans(diagnostics: list[types.Diagnostic]) -> list[tuple[str, int, int, int, int, int]]:
    """(code, severity, start line, start character, end line, end character) per diagnostic."""
    return [
        (str(d.code), int(d.severity or 0), d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character)
        for d in diagnostics
    ]
