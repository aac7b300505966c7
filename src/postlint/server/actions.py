"""Code actions for a finding: its fix (safe or unsafe), "disable for this line", "fix all".

A fix's edits become one `WorkspaceEdit`; an edit's inserted newlines follow the
document's own line ending. "Disable for this line" writes a
`postlint-disable-next-line CODE` comment where the Markdown keeps rendering as
before: at the end of the line above when that line belongs to the same
paragraph, list item or quote (an HTML comment on a line of its own would split
it), else on a line of its own above, indented as the line is. A finding in the
front matter cannot take a comment there (it would break the YAML): it gets
"disable for this file" right below the front matter. Code blocks and table
rows get no comment (it would become code, or break the table).
"""

from __future__ import annotations

from lsprotocol import types

from ..fix.fixer import apply_fixes
from ..model.findings import Finding, Fix
from ..parse.document import NEWLINE_RE, Post
from .diagnostics import Positions

PROSE_KINDS = ("paragraph", "list_item", "blockquote")


def _newline(text: str) -> str:
    found = NEWLINE_RE.search(text)
    return found.group(0) if found else "\n"


def _edit(uri: str, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(changes={uri: edits})


def fix_action(uri: str, finding: Finding, fix: Fix, positions: Positions, diagnostic: types.Diagnostic, text: str) -> types.CodeAction:
    newline = _newline(text)
    edits = [
        types.TextEdit(
            range=types.Range(positions.position(e.line, e.column), positions.position(e.end_line, e.end_column)),
            new_text=NEWLINE_RE.sub(newline, e.content),
        )
        for e in fix.edits
    ]
    what = fix.message or f"fix {finding.code}"
    unsafe = fix.applicability != "safe"
    return types.CodeAction(
        title=f"{what} ({finding.code}{', unsafe' if unsafe else ''})",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        edit=_edit(uri, edits),
        is_preferred=not unsafe,
    )


def disable_action(uri: str, finding: Finding, positions: Positions, diagnostic: types.Diagnostic, text: str) -> types.CodeAction | None:
    post = positions.post
    line = finding.line
    newline = _newline(text)
    if line <= post.body_offset:
        comment = f"<!-- postlint-disable-file {finding.code} -->"
        if post.body_offset < len(post.lines):
            at, content = positions.position(post.body_offset + 1, 1), comment + newline
        else:  # nothing after the front matter, not even a newline
            at, content = positions.line_end(post.body_offset), newline + comment
        title = f"Disable {finding.code} for this file"
    else:
        placed = _next_line_comment(post, line, f"<!-- postlint-disable-next-line {finding.code} -->")
        if placed is None:
            return None
        at_line, at_column, content = placed
        at = positions.position(at_line, at_column)
        content = content.replace("\n", newline)
        title = f"Disable {finding.code} for this line"
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        edit=_edit(uri, [types.TextEdit(types.Range(at, at), content)]),
    )


def _next_line_comment(post: Post, line: int, comment: str) -> tuple[int, int, str] | None:
    """Where and what to insert so that `comment` is the directive for `line`: (line, column, text)."""
    if line in post.index.code_lines:
        return None
    kinds = {b.kind for b in post.blocks if b.line <= line <= b.end_line}
    if "table_cell" in kinds:
        return None
    above = line - 1
    if above > post.body_offset and any(b.kind in PROSE_KINDS and b.line <= above and line <= b.end_line for b in post.blocks):
        text = post.line_text(above)
        end = len(text.rstrip())
        if text[:end].endswith("\\"):  # a backslash hard break stays last
            end -= 1
        return above, end + 1, f" {comment}"
    current = post.line_text(line)
    indent = current[: len(current) - len(current.lstrip())]
    return line, 1, f"{indent}{comment}\n"


def fix_all_action(uri: str, findings: list[Finding], positions: Positions, text: str) -> types.CodeAction | None:
    """Every safe fix that does not overlap another, as one edit of the whole document."""
    fixes = [f.fix for f in findings if f.fix is not None and f.fix.applicability == "safe"]
    if not fixes:
        return None
    bom = "\ufeff" if text.startswith("\ufeff") else ""  # the fixes' positions are on the text after it
    fixed, count = apply_fixes(text[len(bom) :], fixes)
    if not count or bom + fixed == text:
        return None
    lines = NEWLINE_RE.split(text)
    end = types.Position(len(lines) - 1, positions.units(lines[-1]))
    return types.CodeAction(
        title=f"Fix all safe postlint findings ({count})",
        kind=types.CodeActionKind.SourceFixAll + ".postlint",
        edit=_edit(uri, [types.TextEdit(types.Range(types.Position(0, 0), end), bom + fixed)]),
    )
