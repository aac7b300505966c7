"""PL: the file itself and postlint's own comments. The engine produces these findings."""

from __future__ import annotations

from ..findings import Severity
from ..registry import Rule


class UnusedSuppression(Rule):
    """An inline `postlint-disable…` comment that suppressed nothing, or names an unknown code.

    **Why it matters:** stale suppressions hide the next real problem on that
    line, and a misspelt code suppresses nothing at all.

    **Bad:** `<!-- postlint-disable-next-line FM05 -->` above a line without findings.

    **Good:** remove the comment, or name the code that fires on the next line.
    """

    code = "PL001"
    name = "unused-suppression"
    summary = "An inline suppression comment suppressed nothing, or names an unknown code"
    severity = Severity.INFO
    tags = ("suppression",)


class FileUnreadable(Rule):
    """The file cannot be read, or is not valid UTF-8 text.

    **Why it matters:** a post that cannot be decoded will not build, or will
    publish garbled text. Binary files with a `.md` name, files in a legacy
    encoding (Latin-1, Windows-1252) and unreadable files are reported once,
    at line 1, and the rest of the run goes on.

    **Fix:** re-save the file as UTF-8.
    """

    code = "PL002"
    name = "file-unreadable"
    summary = "The file cannot be read or is not valid UTF-8"
    severity = Severity.ERROR
    tags = ("file",)


class RuleCrashed(Rule):
    """A rule raised an exception on this file.

    postlint isolates rules: a rule (built-in, plugin or pack) that crashes on
    a post becomes this one finding, naming the rule and the exception, and
    every other rule and file is still checked. Please report it.
    """

    code = "PL003"
    name = "rule-crashed"
    summary = "A rule raised an internal error on this file"
    severity = Severity.ERROR
    tags = ("internal",)


RULES = [UnusedSuppression, FileUnreadable, RuleCrashed]
