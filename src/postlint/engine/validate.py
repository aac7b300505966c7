"""What the engine checks of each finding a rule yields before keeping it.

A rule (a plugin's above all) may yield something that is no finding, another
rule's code, another file's path or a position outside the file; kept, it would
crash a reporter, a sort or the fixer later, outside the rule's isolation, or
point an editor at nothing. The linter turns the first such finding into one
PL003 for that post, naming the rule and the problem, and the run goes on.
"""

from __future__ import annotations

from ..model.findings import Finding, Fix, Severity


def finding_problem(item: object, code: str, path: str | None, lines: int | None) -> str | None:
    """What is wrong with `item` as a finding of rule `code` on the post shown as `path` that has
    `lines` lines (`None`: any path, any line count); None when nothing is."""
    if not isinstance(item, Finding):
        return f"yielded {type(item).__name__} {_short(item)}, not a Finding"
    if item.code != code:
        return f"yielded a finding with code {_short(item.code)}, not its own"
    if not isinstance(item.path, str) or (path is not None and item.path != path):
        return f"yielded a finding for path {_short(item.path)}, not {_short(path)}"
    position = (item.line, item.column, item.end_line, item.end_column)
    if not all(type(number) is int for number in position):
        return f"yielded a finding at a position that is not whole numbers: {_short(position)}"
    if item.line < 1 or (lines is not None and item.line > lines + 1):
        extent = f"; the file has {lines} lines" if lines is not None else ""
        return f"yielded a finding at line {item.line}{extent}"
    if item.column < 1:
        return f"yielded a finding at column {item.column}; columns start at 1"
    end_line = item.end_line or item.line  # 0: not given (the start's line; on it, the start's column)
    end_column = item.end_column or (item.column if end_line == item.line else 1)
    if item.end_column < 0 or (end_line, end_column) < (item.line, item.column) or (lines is not None and end_line > lines + 1):
        return f"yielded a finding that ends at {end_line}:{item.end_column}, before its start {item.line}:{item.column} or past the file"
    if not isinstance(item.severity, Severity) or not isinstance(item.message, str):
        return "yielded a finding whose severity is not a Severity or whose message is not a string"
    if item.fix is not None and not isinstance(item.fix, Fix):
        return f"yielded a finding whose fix is {type(item.fix).__name__}, not a Fix"
    return None


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
