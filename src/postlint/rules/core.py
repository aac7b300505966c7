"""PL: the file itself and postlint's own comments. The engine produces these findings."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Iterable

from ..model.lazyregex import lazy_regex
from ..model.findings import Finding, Severity
from ..model.rule import Rule

if TYPE_CHECKING:  # pragma: no cover
    from ..model.context import Context
    from ..parse.document import Post

#: Bidirectional controls (Trojan Source) and invisible zero-width characters.
INVISIBLE_RE = re.compile("[\u202a-\u202e\u2066-\u2069\u200b-\u200f\u2060\ufeff\u00ad]")
#: a zero-width joiner inside an emoji sequence (👩🏽‍💻, 🧑‍🚀) is part of the emoji, not hidden text
EMOJI_ZWJ_RE = lazy_regex("(?<=[\u2600-\u27bf\U0001f000-\U0001faff\ufe0f])\u200d(?=[\u2600-\u27bf\U0001f000-\U0001faff])")
#: a zero-width non-joiner or joiner between two letters of the Arabic script (Persian, Urdu) or an
#: Indic one shapes the letters: `می‌خواهم` is written with one, as every Persian text is
_JOINING = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff\u0900-\u0dff"
SCRIPT_JOINER_RE = lazy_regex(f"(?<=[{_JOINING}])[\u200c\u200d](?=[{_JOINING}])")
#: a zero-width space between two CJK characters marks a word break in text written without spaces
CJK_ZWSP_RE = lazy_regex("(?<=[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af])\u200b(?=[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af])")


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


class InvisibleCharacters(Rule):
    """Bidirectional-control or zero-width characters in the text of a post.

    Characters such as U+202E (right-to-left override), U+2066–U+2069 (bidi
    isolates), U+200B (zero-width space) and U+00AD (soft hyphen) are
    invisible in an editor but change how a title, heading or link text is
    displayed, break search matching and duplicate detection, and can hide
    what a link really says. Each line with such characters is reported once,
    naming them. A byte-order mark at the very start of the file is allowed,
    and so is a zero-width joiner between two emoji (it builds one emoji: 👩🏽‍💻)
    and a zero-width space between two Chinese, Japanese or Korean characters
    (a word break in text written without spaces: 中文搜索\u200b支持), and a
    zero-width non-joiner or joiner between two letters of the Arabic script
    or an Indic one (Persian writes `می\u200cخواهم` with one).

    **Bad:** `title: "Pricing\u200b plans"` — **Good:** `title: "Pricing plans"`
    """

    code = "PL004"
    name = "invisible-characters"
    summary = "Bidirectional-control or zero-width characters in the text"
    severity = Severity.WARNING
    tags = ("file", "security")

    def check(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        text = post.text
        if text.isascii() or INVISIBLE_RE.search(text) is None:  # every character it looks for is non-ASCII
            return
        code_lines = post.index.code_lines
        for number, line in enumerate(post.lines, start=1):
            if number in code_lines:
                continue
            if "\u200d" in line:
                line = EMOJI_ZWJ_RE().sub("\u2063", line)  # same length, so columns stay; U+2063 is not flagged
            if "\u200b" in line:
                line = CJK_ZWSP_RE().sub("\u2063", line)
            if "\u200c" in line or "\u200d" in line:
                line = SCRIPT_JOINER_RE().sub("\u2063", line)
            found = INVISIBLE_RE.findall(line)
            if not found:
                continue
            first = INVISIBLE_RE.search(line)
            assert first is not None
            names = ", ".join(dict.fromkeys(f"U+{ord(c):04X} {unicodedata.name(c, 'UNKNOWN')}" for c in found))
            yield self.report(post, number, first.start() + 1, f"invisible character(s) in the text: {names}", end_column=first.end() + 1)


RULES = [UnusedSuppression, FileUnreadable, RuleCrashed, InvisibleCharacters]
