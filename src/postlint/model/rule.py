"""The `Rule` base class every rule subclasses, and what makes a rule's code and name valid."""

from __future__ import annotations

import inspect
import re
from typing import TYPE_CHECKING, Any, ClassVar, Iterable

from .findings import Finding, Fix, Severity
from .options import Option, declared, defaults
from .span import Span

if TYPE_CHECKING:  # pragma: no cover
    from ..parse.document import Post
    from .context import Context

CODE_RE = re.compile(r"^[A-Z]{2,5}[0-9]{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
FAMILY_RE = re.compile(r"^[A-Z]{2,5}$")


class RegistryError(Exception):
    """A rule or plugin that cannot be registered; the message names its origin."""


class PackError(RegistryError):
    """A pack that cannot be loaded; the message names the file, rule and field."""


class Rule:
    """Base class of every rule. Subclasses set the metadata and implement `check`.

    The class docstring is the rule's user documentation (`postlint rule CODE`):
    what it checks, why it matters, a bad and a good example, and its options.
    """

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    summary: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.WARNING
    tags: ClassVar[tuple[str, ...]] = ()
    #: option name -> `Option` (type, default, doc; a plain default value is also accepted,
    #: its type inferred); config tables override the defaults per run.
    options: ClassVar[dict[str, Any]] = {}
    fixable: ClassVar[bool] = False
    #: "post" rules look at one post; "site" rules also get `check_site` once per run.
    scope: ClassVar[str] = "post"
    #: only run with `--check-links`.
    online: ClassVar[bool] = False
    #: counts syllables: a big run loads the pronouncing dictionary once, before its workers start
    uses_syllables: ClassVar[bool] = False
    #: a cross-post rule whose findings depend on nothing but the site index's summaries (titles,
    #: descriptions, URL paths, slugs, keyphrases, front-matter keys: the site's shape), which
    #: posts the run lints, and the posts it reads, each recorded in `site.probed` (no post's
    #: links or words): the results cache keeps them while the shape and those posts hold, so an
    #: edit of another post's body does not run it again (honoured for postlint's own rules only)
    cached_by_shape: ClassVar[bool] = False
    #: False for catalog entries whose family has not landed yet.
    implemented: ClassVar[bool] = True
    origin: ClassVar[str] = "builtin"

    def __init__(self, options: dict[str, Any] | None = None) -> None:
        self.opts: dict[str, Any] = {**defaults(self.options), **(options or {})}

    # the API a rule implements -----------------------------------------------------

    def check(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        return ()

    def check_site(self, ctx: "Context") -> Iterable[Finding]:
        """Cross-post rules: called once per run after every post was checked."""
        return ()

    # helpers ---------------------------------------------------------------------------

    def report(
        self,
        post: "Post | str",
        line: int,
        column: int,
        message: str,
        *,
        end_line: int = 0,
        end_column: int = 0,
        fix: Fix | None = None,
    ) -> Finding:
        path = post if isinstance(post, str) else post.display_path
        return Finding(
            path=path,
            line=max(line, 1),
            column=max(column, 1),
            code=self.code,
            end_line=end_line or max(line, 1),
            end_column=end_column or max(column, 1),
            name=self.name,
            severity=self.severity,
            message=message,
            fix=fix,
        )

    def report_at(self, post: "Post | str", span: Span, message: str, *, fix: Fix | None = None) -> Finding:
        """A finding over `span` (from `post.span_of(link)`, `post.url_span(link)`,
        `post.front_matter.value_span(key)`)."""
        return self.report(post, span.line, span.column, message, end_line=span.end_line, end_column=span.end_column, fix=fix)

    @classmethod
    def declared_options(cls) -> dict[str, Option]:
        """The rule's options as `Option`s (plain defaults given their inferred type)."""
        return declared(cls.options)

    @classmethod
    def family(cls) -> str:
        return re.sub(r"[0-9]+$", "", cls.code)

    @classmethod
    def documentation(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or cls.summary)

    @classmethod
    def describe(cls) -> str:
        """The full text `postlint rule CODE` prints."""
        lines = [f"{cls.code} ({cls.name})", "", cls.summary, ""]
        lines.append(f"Default severity: {cls.severity}")
        if cls.tags:
            lines.append(f"Tags: {', '.join(cls.tags)}")
        lines.append(f"Fixable: {'yes' if cls.fixable else 'no'}")
        if cls.origin != "builtin":
            lines.append(f"Defined in: {cls.origin}")
        if not cls.implemented:
            lines.append("Status: listed in the catalog, not implemented yet")
        lines.append("")
        lines.append(cls.documentation())
        if cls.options:
            import textwrap  # a rule's help page only: not imported by a check

            lines += ["", "Options:"]
            for key, option in cls.declared_options().items():
                lines.append(f"  {key} ({option.type_name}; default {option.default_text()})")
                if option.doc:
                    lines += textwrap.wrap(option.doc, 88, initial_indent="      ", subsequent_indent="      ")
        return "\n".join(lines).rstrip() + "\n"
