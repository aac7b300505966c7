"""`postlint server` over stdio, driven by pygls's LanguageClient (see tests/lspclient.py).

One server session serves the tests of a site whose documents do not meet; the
config-reload test has a session of its own, since it changes what every
document sees. A few tests call the server's parts in process (positions, control
characters, hostile posts) where a subprocess would add nothing but time.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest

pytest.importorskip("pygls", reason="the `server` extra (pygls) is not installed")

from lsprotocol import types  # noqa: E402
from lspclient import Session, apply, spans  # noqa: E402

from postlint.engine.registry import build_registry  # noqa: E402
from postlint.model.findings import Finding  # noqa: E402
from postlint.parse.document import Post  # noqa: E402
from postlint.server.actions import disable_action, fix_action, fix_all_action  # noqa: E402
from postlint.server.diagnostics import Positions, diagnostic  # noqa: E402
from postlint.server.project import Project  # noqa: E402

CONFIG = "content-dirs: [posts]\nexclude: [drafts]\nselect: [PL001, LNK002, LNK006, LNK010, SEO004, SEO006, FM003]\n"
ERROR, WARNING, INFORMATION = 1, 2, 3


def post(title: str, body: str, extra: str = "") -> str:
    return f'---\ntitle: "{title}"\ndate: 2024-03-01\n{extra}---\n\n{body}\n'


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("site")
    (root / "posts").mkdir()
    (root / ".postlint.yaml").write_text(CONFIG, encoding="utf-8")
    (root / "posts" / "grinder.md").write_text(post("Choosing a burr grinder", "Burrs matter more than motors."), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def session(site: Path) -> Iterator[Session]:
    lsp = Session(site, cwd=site.parent)  # an editor starts the server anywhere: the workspace folder counts
    yield lsp
    lsp.close()


def test_open_publishes_codes_severities_and_utf16_ranges(session: Session) -> None:
    # 😀 is one character and two UTF-16 code units: the link starts at character 8, not 7.
    unused = "<!-- postlint-disable-next-line LNK006 -->"
    text = f"---\ntitle: \"Kettles compared\"\n---\n\n😀 Read [the spec](http://example.org/spec) and [grinding](/posts/grind/) now.\n\n{unused}\nNothing to hide.\n"
    session.open("posts/kettles.md", text)
    assert spans(session.diagnostics("posts/kettles.md")) == [
        ("FM003", ERROR, 0, 0, 0, 3),  # no end: the rest of the line (`---`)
        ("LNK002", WARNING, 4, 8, 4, 43),
        ("LNK006", ERROR, 4, 48, 4, 73),
        ("PL001", INFORMATION, 6, 0, 6, len(unused)),
    ]
    assert session.registrations[0].method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
    sync = session.capabilities.text_document_sync
    assert isinstance(sync, types.TextDocumentSyncOptions) and sync.save and sync.change == types.TextDocumentSyncKind.Incremental


def test_a_change_updates_the_diagnostics(session: Session) -> None:
    session.open("posts/scales.md", post("Coffee scales", "Weigh with [a scale](/posts/scale/)."))
    assert [d.code for d in session.diagnostics("posts/scales.md")] == ["LNK006"]
    session.change("posts/scales.md", post("Coffee scales", "Weigh with [a grinder](/posts/grinder/)."))
    assert session.diagnostics("posts/scales.md") == []


def test_code_actions_apply_a_safe_fix_an_unsafe_fix_and_a_disable_comment(session: Session) -> None:
    name = "posts/filters.md"
    text = post("Paper filters", "🌍 See http://example.org/filters for sizes.\nRinse them first, see [the guide](http://example.org/rinse).")
    session.open(name, text)
    diagnostics = session.diagnostics(name)
    assert spans(diagnostics) == [("LNK010", WARNING, 5, 7, 5, 33), ("LNK002", WARNING, 6, 22, 6, 59)]
    uri = session.uri(name)

    bare = session.code_actions(name, diagnostics[0].range)
    assert [a.title for a in bare] == ["make the URL an autolink (LNK010)", "Disable LNK010 for this line", "Fix all safe postlint findings (1)"]
    assert bare[0].is_preferred and list(bare[0].diagnostics or []) == [diagnostics[0]]
    fixed = "🌍 See <http://example.org/filters> for sizes."
    assert apply(text, bare[0].edit, uri) == text.replace("🌍 See http://example.org/filters for sizes.", fixed)
    assert bare[2].kind == "source.fixAll.postlint" and apply(text, bare[2].edit, uri) == apply(text, bare[0].edit, uri)
    assert [a.title for a in session.code_actions(name, diagnostics[0].range, only=["source.fixAll"])] == [bare[2].title]
    assert [a.title for a in session.code_actions(name, diagnostics[0].range, only=["quickfix"])] == [a.title for a in bare[:2]]
    # the line above is blank: the comment gets a line of its own
    assert apply(text, bare[1].edit, uri) == text.replace("🌍", "<!-- postlint-disable-next-line LNK010 -->\n🌍")

    insecure = session.code_actions(name, diagnostics[1].range)
    assert [a.title for a in insecure][:2] == ["use https:// (LNK002, unsafe)", "Disable LNK002 for this line"]
    assert not insecure[0].is_preferred
    assert apply(text, insecure[0].edit, uri) == text.replace("http://example.org/rinse", "https://example.org/rinse")
    # the line above is the same paragraph: the comment goes at its end, so the paragraph stays one
    disabled = apply(text, insecure[1].edit, uri)
    assert disabled == text.replace("for sizes.\n", "for sizes. <!-- postlint-disable-next-line LNK002 -->\n")
    session.change(name, disabled)
    assert [d.code for d in session.diagnostics(name)] == ["LNK010"]


def test_code_actions_asked_before_the_debounced_lint_use_the_new_text(session: Session) -> None:
    name = "posts/tampers.md"
    text = post("Tampers", "Buy at http://example.org/tampers today.")
    session.open(name, text)
    assert spans(session.diagnostics(name)) == [("LNK010", WARNING, 5, 7, 5, 33)]
    moved = text.replace("Buy at", "\n\nBuy at")
    session.change(name, moved)  # no wait: the lint is 150 ms away
    actions = session.code_actions(name, types.Range(types.Position(7, 10), types.Position(7, 10)))
    assert actions[0].title == "make the URL an autolink (LNK010)"
    assert apply(moved, actions[0].edit, session.uri(name)) == moved.replace("http://example.org/tampers", "<http://example.org/tampers>")


def test_a_front_matter_finding_is_disabled_for_the_file(session: Session) -> None:
    name = "posts/press.md"
    text = '---\ntitle: "French press basics"\n---\nSteep four minutes.\n'
    session.open(name, text)
    (missing_date,) = session.diagnostics(name)
    assert missing_date.code == "FM003"
    (action,) = session.code_actions(name, missing_date.range)
    assert action.title == "Disable FM003 for this file"
    disabled = apply(text, action.edit, session.uri(name))
    assert disabled == text.replace("---\nSteep", "---\n<!-- postlint-disable-file FM003 -->\nSteep")
    session.change(name, disabled)
    assert session.diagnostics(name) == []


def test_an_excluded_file_gets_no_diagnostics(session: Session) -> None:
    session.open("drafts/idea.md", "---\ntitle: x\n---\n[broken](/nowhere/)\n")
    assert session.diagnostics("drafts/idea.md") == []


def test_a_post_outside_the_workspace_uses_the_config_nearest_to_it(session: Session, tmp_path: Path) -> None:
    (tmp_path / ".postlint.yaml").write_text("select: [LNK002]\n", encoding="utf-8")
    loose = str(tmp_path / "loose.md")  # an absolute name: Session.uri joins it as it is
    session.open(loose, "---\ntitle: Loose\n---\n[a](http://example.org/a) and [b](/nowhere/)\n")
    assert [d.code for d in session.diagnostics(loose)] == ["LNK002"]  # the workspace's config would add FM003 and LNK006


def test_positions_count_utf16_code_units_and_the_bom_the_post_strips() -> None:
    post = Post.from_text("\ufeff😀 [a](/x)\n", "a.md")
    positions = Positions(post, lambda text: len(text.encode("utf-16-le")) // 2)
    found = positions.range(Finding("a.md", 1, 3, "LNK006", 1, 10))
    assert (found.start.line, found.start.character, found.end.line, found.end.character) == (0, 4, 0, 11)
    # no end: the rest of the line
    assert positions.range(Finding("a.md", 1, 1, "FM001")).end == types.Position(0, 11)


def test_a_message_carries_no_raw_control_character() -> None:
    post = Post.from_text("x\n", "a.md")
    found = diagnostic(Finding("a.md", 1, 1, "LNK001", message="bad URL `a\x1b[31mb\x9b`"), Positions(post, len))
    assert found.message == "bad URL `a\\x1b[31mb\\x9b`"


def test_hostile_posts_become_diagnostics_and_actions_without_an_error(tmp_path: Path) -> None:
    from hostile import cases

    small = {name: content for name, content in cases().items() if len(content) < 30_000}  # the big ones are the engine's tests
    (tmp_path / "posts").mkdir()
    for name, content in small.items():  # the disk index reads them all, the binary and Latin-1 ones too
        target = tmp_path / "posts" / name
        target.write_bytes(content) if isinstance(content, bytes) else target.write_text(content, encoding="utf-8", newline="")
    project = Project(tmp_path)
    utf16 = lambda text: len(text.encode("utf-16-le")) // 2  # noqa: E731
    texts = {name: content for name, content in small.items() if isinstance(content, str)}
    assert {"empty.md", "front-matter-unclosed.md", "crlf-bom.md", "nul-chars.md"} <= set(texts)
    for name, text in texts.items():
        linted = project.lint(tmp_path / "posts" / name, text)
        assert linted is not None, project.error
        positions = Positions(linted.post, utf16)
        for finding in linted.findings:
            found = diagnostic(finding, positions)
            assert (found.range.start.line, found.range.start.character) <= (found.range.end.line, found.range.end.character)
            if finding.fix is not None:
                fix_action("file:///x.md", finding, finding.fix, positions, found, text)
            disable_action("file:///x.md", finding, positions, found, text)
        fix_all_action("file:///x.md", linted.findings, positions, text)


def test_hover_on_a_diagnostic_shows_the_rule_doc(session: Session) -> None:
    name = "posts/mugs.md"
    session.open(name, post("Mugs that keep heat", "Read [the spec](http://example.org/mugs)."))
    (diagnostic,) = session.diagnostics(name)
    inside = types.Position(diagnostic.range.start.line, diagnostic.range.start.character + 3)
    hover = session.hover(name, inside)
    doc = build_registry(entry_points=False).get("LNK002").describe()
    assert hover is not None and hover.contents.value == f"```text\n{doc}```"
    assert session.hover(name, types.Position(0, 0)) is None


def messages(diagnostics: list[types.Diagnostic]) -> list[tuple[str, int, str]]:
    return [(str(d.code), d.range.start.line, d.message) for d in diagnostics]


def others(diagnostics: list[types.Diagnostic]) -> list[tuple[str, int, str]]:
    """(code, line, the posts a cross-post finding names): how it quotes the title is the rule's business."""
    return [(str(d.code), d.range.start.line, d.message.rpartition(" is also used by ")[2]) for d in diagnostics]


def test_a_duplicate_title_appears_in_both_posts_when_an_unsaved_second_post_takes_it(session: Session) -> None:
    session.open("posts/brew.md", post("Brewing with a siphon", "Heat, then wait."))
    assert session.diagnostics("posts/brew.md") == []
    session.open("posts/siphon.md", post("Siphon brewing guide", "Light the burner."))
    assert session.diagnostics("posts/siphon.md") == []
    session.change("posts/siphon.md", post("Brewing With A Siphon", "Light the burner."))
    assert others(session.diagnostics("posts/siphon.md")) == [("SEO004", 1, "posts/brew.md")]
    session.eventually("posts/brew.md", others, [("SEO004", 1, "posts/siphon.md")])
    session.change("posts/siphon.md", post("Siphon brewing guide", "Light the burner."))
    assert session.diagnostics("posts/siphon.md") == []
    session.eventually("posts/brew.md", messages, [])


def test_an_unsaved_slug_fixes_a_link_from_another_post(session: Session) -> None:
    session.open("posts/roast.md", post("Roast levels", "Start with [the tasting notes](/posts/tasting-notes/)."))
    assert [d.code for d in session.diagnostics("posts/roast.md")] == ["LNK006"]
    session.open("posts/notes.md", post("Tasting notes", "Sweet, then bitter.", extra="slug: tasting-notes\n"))
    assert session.diagnostics("posts/notes.md") == []
    session.eventually("posts/roast.md", messages, [])


def test_a_saved_post_that_was_never_opened_updates_the_index(session: Session, site: Path) -> None:
    session.open("posts/water.md", post("Water for coffee", "Soft water tastes better."))
    assert session.diagnostics("posts/water.md") == []
    (site / "posts" / "minerals.md").write_text(post("Water for Coffee", "Minerals."), encoding="utf-8")
    session.files_changed("posts/minerals.md")
    session.eventually("posts/water.md", others, [("SEO004", 1, "posts/minerals.md")])


def test_a_config_change_reloads(tmp_path: Path) -> None:
    (tmp_path / ".postlint.yaml").write_text("select: [LNK002, LNK006]\n", encoding="utf-8")
    lsp = Session(tmp_path)
    try:
        lsp.open("a.md", post("Cold brew", "Read [the spec](http://example.org/cold)."))
        assert spans(lsp.diagnostics("a.md")) == [("LNK002", WARNING, 5, 5, 5, 40)]
        (tmp_path / ".postlint.yaml").write_text("select: [LNK002, LNK006]\nseverity:\n  LNK002: error\n", encoding="utf-8")
        lsp.files_changed(".postlint.yaml")
        lsp.eventually("a.md", spans, [("LNK002", ERROR, 5, 5, 5, 40)])
        (tmp_path / ".postlint.yaml").write_text("select: [NOPE999]\n", encoding="utf-8")
        lsp.files_changed(".postlint.yaml")
        problem = f"postlint: {tmp_path.resolve() / '.postlint.yaml'}: unknown rule code or name 'NOPE999' in select"
        lsp.eventually("a.md", messages, [("config", 0, problem)])
        assert lsp.messages == [problem]
    finally:
        lsp.close()


def test_each_file_uses_its_nearest_config(tmp_path: Path) -> None:
    """A subfolder's config (`extend` of the workspace's) applies to its files, as in `postlint check`;
    a change to it reloads, and a broken one is shown on its files only."""
    (tmp_path / ".postlint.yaml").write_text("select: [FM003, LNK002]\n", encoding="utf-8")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / ".postlint.yaml").write_text("extend: ../.postlint.yaml\nignore: [FM003]\n", encoding="utf-8")
    text = "---\ntitle: Undated\n---\n\nRead [the spec](http://example.org/spec).\n"
    lsp = Session(tmp_path)
    try:
        lsp.open("a.md", text)
        lsp.open("notes/b.md", text)
        assert [d.code for d in lsp.diagnostics("a.md")] == ["FM003", "LNK002"]
        assert [d.code for d in lsp.diagnostics("notes/b.md")] == ["LNK002"]
        (tmp_path / "notes" / ".postlint.yaml").write_text("extend: ../.postlint.yaml\nignore: [LNK002]\n", encoding="utf-8")
        lsp.files_changed("notes/.postlint.yaml")
        lsp.eventually("notes/b.md", lambda ds: [d.code for d in ds], ["FM003"])
        (tmp_path / "notes" / ".postlint.yaml").write_text("select: [NOPE999]\n", encoding="utf-8")
        lsp.files_changed("notes/.postlint.yaml")
        problem = f"postlint: {tmp_path.resolve() / 'notes' / '.postlint.yaml'}: unknown rule code or name 'NOPE999' in select"
        lsp.eventually("notes/b.md", messages, [("config", 0, problem)])
        assert [d.code for d in lsp.diagnostics("a.md")] == ["FM003", "LNK002"]
    finally:
        lsp.close()


def test_server_without_pygls_says_how_to_install_it() -> None:
    code = "import sys; sys.modules['pygls'] = None; sys.argv = ['postlint', 'server']; from postlint.__main__ import main; main()"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == "postlint: error: `postlint server` needs pygls: pip install 'postlint[server]'\n"


def test_a_keystroke_reads_no_saved_post_again_until_it_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """SEO008's link graph needs every saved post's links: read once, then kept across keystrokes
    (a 300-post site re-read them all on every change: ~120 ms a lint), and read again after its file event."""
    posts = tmp_path / "posts"
    posts.mkdir()
    (tmp_path / ".postlint.yaml").write_text("content-dirs: [posts]\nselect: [SEO008]\n", encoding="utf-8")
    for name in ("ebb", "flood", "neap"):
        (posts / f"{name}.md").write_text(f'---\ntitle: "The {name} tide"\n---\n\nSee [the spring tide](/posts/spring/).\n', encoding="utf-8")
    spring = posts / "spring.md"
    spring.write_text('---\ntitle: "The spring tide"\n---\n\nNothing links here yet.\n', encoding="utf-8")
    project = Project(tmp_path)
    assert project.lint(spring, spring.read_text(encoding="utf-8")) is not None
    reads: list[str] = []
    original = Post.from_path
    monkeypatch.setattr(Post, "from_path", staticmethod(lambda path, *a, **k: reads.append(Path(path).name) or original(path, *a, **k)))
    linted = project.lint(spring, spring.read_text(encoding="utf-8") + "One more line.\n")
    assert linted is not None and reads == []
    assert [f.code for f in linted.findings] == []  # three saved posts link to it: no orphan
    (posts / "ebb.md").write_text('---\ntitle: "The ebb tide"\n---\n\nNo links now.\n', encoding="utf-8")
    project.file_changed(posts / "ebb.md")
    project.lint(spring, spring.read_text(encoding="utf-8"))
    assert set(reads) == {"ebb.md"}  # its summary and its links, nothing else
