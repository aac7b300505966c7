"""The declarative kinds that pack rules extend, and the scopes they read.

Each kind validates its YAML fields (naming the file, rule and field on error)
and returns a `Rule` subclass. Scopes name a part of the post as a list of
(text, line, column) pieces.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Iterator

from .findings import Finding, Severity
from .packs import PackError, check_fields, compile_patterns, kind
from .registry import Rule

if TYPE_CHECKING:  # pragma: no cover
    from .document import Post
    from .engine import Context

SCOPES = ("prose", "headings", "link-text", "alt", "title", "description", "closing")


def scope_pieces(post: "Post", scope: str) -> Iterator[tuple[str, int, int]]:
    """(text, line, column) pieces of `scope` in `post`."""
    if scope == "prose":
        for block in post.prose_blocks:
            yield block.prose, block.line, 1
    elif scope == "headings":
        for heading in post.headings:
            yield heading.text, heading.line, heading.column
    elif scope == "link-text":
        for link in post.links:
            yield link.text, link.line, link.column
    elif scope == "alt":
        for image in post.images:
            if image.alt:
                yield image.alt, image.line, image.column
    elif scope == "closing":
        last = post.sections[-1]
        for block in post.prose_blocks:
            if block.line >= last.line:
                yield block.prose, block.line, 1
    elif scope in ("title", "description") or scope.startswith("frontmatter."):
        key = scope.split(".", 1)[1] if scope.startswith("frontmatter.") else scope
        value = post.meta.get(key)
        info = post.front_matter.fields.get(key)
        if isinstance(value, str) and info is not None:
            yield value, info.value_span.line, info.value_span.column


def check_scope(value: Any, where: str) -> str:
    scope = value if value is not None else "prose"
    if not isinstance(scope, str) or not (scope in SCOPES or scope.startswith("frontmatter.")):
        raise PackError(f"{where}: field `scope` must be one of {', '.join(SCOPES)} or frontmatter.<field>, got {value!r}")
    return scope


def make_rule(spec: dict[str, Any], where: str, base: type[Rule], attrs: dict[str, Any]) -> type[Rule]:
    message = spec.get("message")
    if not isinstance(message, str) or not message:
        raise PackError(f"{where}: field `message` is required and must be a string")
    doc = spec.get("description") or spec.get("summary") or message
    namespace = {
        "code": spec["code"],
        "name": spec["name"],
        "summary": spec.get("summary") or message.replace("{match}", "…"),
        "severity": Severity.parse(str(spec.get("level", "warning"))),
        "tags": tuple(spec.get("tags") or ("pack",)),
        "origin": where.split(": rule ")[0],
        "__doc__": doc,
        "message": message,
        **attrs,
    }
    return type(f"Pack_{spec['code']}", (base,), namespace)


class ExistenceRule(Rule):
    """Flags each match of the pack's words or patterns in a scope."""

    patterns: list[Any] = []
    scope_name = "prose"
    message = ""

    def check(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        for text, line, column in scope_pieces(post, self.scope_name):
            for pattern in self.patterns:
                for match in pattern.finditer(text):
                    yield self.report(post, line, column, self.message.format(match=match.group(0)))


@kind("existence")
def existence(spec: dict[str, Any], where: str) -> type[Rule]:
    check_fields(spec, where, {"tokens"})
    patterns = compile_patterns(spec.get("tokens"), where, "tokens")
    if not patterns:
        raise PackError(f"{where}: field `tokens` must list at least one word or pattern")
    return make_rule(spec, where, ExistenceRule, {"patterns": patterns, "scope_name": check_scope(spec.get("scope"), where)})
