"""The declarative kinds that pack rules extend.

Each kind validates its YAML fields (naming the file, rule and field on error)
and returns a `Rule` subclass. Kinds read the post through `scopes.pieces`.

- `existence`: flag every match of `tokens` in a scope.
- `presence`: require at least one match of `tokens` (or of `links` in a link URL) in a scope.
- `substitution`: flag `swap` keys and suggest their values.
- `metric`: a formula over text statistics (`textstats.Variables`) against a threshold.
- `frontmatter`: one front-matter field's schema: type, required, lengths, pattern, enum.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import string
from typing import TYPE_CHECKING, Any, Callable, Collection, Iterable, Iterator

from ..model.lazyregex import lazy_regex
from ..model.findings import Edit, Finding, Fix, Severity
from ..model.options import Option
from ..model.rule import PackError, Rule
from ..parse.phrases import PhrasePattern, compile_alternation, compile_patterns, refuse_slow
from ..parse.scopes import SCOPES, Piece, body_line, closing_line, pieces, scope_blocks
from ..parse.textstats import Formula, FormulaError, Variables

if TYPE_CHECKING:  # pragma: no cover
    from ..model.context import Context
    from ..parse.document import Block, Post

#: Kept for code that imported it from here.
scope_pieces = pieces

#: Keys every rule entry may have, whatever its kind.
COMMON_KEYS = {"code", "name", "extends", "message", "level", "scope", "summary", "description", "tags"}


def check_fields(spec: dict[str, Any], where: str, allowed: Iterable[str]) -> None:
    known = COMMON_KEYS | set(allowed)
    for key in spec:
        if key not in known:
            raise PackError(f"{where}: unknown field {key!r} (allowed: {', '.join(sorted(known))})")


def check_scope(value: Any, where: str) -> str:
    scope = value if value is not None else "prose"
    if not isinstance(scope, str) or not (scope in SCOPES or (scope.startswith("frontmatter.") and len(scope) > 12)):
        raise PackError(f"{where}: field `scope` must be one of {', '.join(SCOPES)} or frontmatter.<field>, got {value!r}")
    return scope


def check_message(spec: dict[str, Any], where: str, placeholders: dict[str, Any]) -> str:
    message = spec.get("message")
    if not isinstance(message, str) or not message.strip():
        raise PackError(f"{where}: field `message` is required and must be a string")
    try:
        for _, name, _, _ in string.Formatter().parse(message):
            if name is not None and name not in placeholders:
                allowed = ", ".join("{" + p + "}" for p in placeholders) or "none"
                raise PackError(f"{where}: field `message`: unknown placeholder {{{name}}} (allowed: {allowed})")
        message.format(**placeholders)
    except (ValueError, IndexError) as exc:
        raise PackError(f"{where}: field `message`: {exc}") from None
    return message


def number(spec: dict[str, Any], key: str, where: str, default: float | None = None, *, minimum: float | None = None) -> Any:
    value = spec.get(key, default)
    if value is None:
        return None
    if not isinstance(value, (int, float)) or isinstance(value, bool) or (minimum is not None and value < minimum):
        floor = f" ≥ {minimum:g}" if minimum is not None else ""
        raise PackError(f"{where}: field `{key}` must be a number{floor}, got {value!r}")
    return value


def make_rule(spec: dict[str, Any], where: str, base: type[Rule], attrs: dict[str, Any]) -> type[Rule]:
    message = spec["message"]
    doc = spec.get("description") or spec.get("summary") or message
    summary = spec.get("summary") or re.sub(r"\{[^}]*\}", "…", message)
    for key in ("summary", "description"):
        if key in spec and not isinstance(spec[key], str):
            raise PackError(f"{where}: field `{key}` must be a string")
    tags = spec.get("tags") or ["pack"]
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise PackError(f"{where}: field `tags` must be a list of strings")
    namespace = {
        "code": spec["code"],
        "name": spec["name"],
        "summary": summary,
        "severity": Severity.parse(str(spec.get("level", "warning"))),
        "tags": tuple(tags),
        "origin": where.split(": rule ")[0],
        "__doc__": doc,
        "message": message,
        **attrs,
    }
    return type(f"Pack_{spec['code']}", (base,), namespace)


def _case_like(original: str, replacement: str) -> str:
    if original[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


# --- existence ----------------------------------------------------------------------


class ExistenceRule(Rule):
    """Flags each match of the pack's words or patterns in a scope."""

    patterns: list[PhrasePattern] = []
    tokens: tuple[str, ...] = ()
    scope_name = "prose"
    message = ""

    @classmethod
    def documentation(cls) -> str:
        listed = ", ".join(f"`{t}`" for t in cls.tokens)
        return f"{super().documentation()}\n\nScope: `{cls.scope_name}`. Words and patterns: {listed}."

    #: `skip-quoted: true` in the pack: matches in a blockquote or between double quotes are someone else's words
    skip_quoted = False

    def check(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        # (text, its piece or, in a scope of blocks, its block: the piece is made only when a match needs locating)
        blocks = scope_blocks(post, self.scope_name)
        scanned: "Iterable[tuple[str, Piece | Block]]"
        if isinstance(blocks, list):
            scanned = [(block.prose, block) for block in blocks if not self.skip_quoted or block.kind != "blockquote"]
        elif blocks is not None:  # a huge post's blocks (`BlockList`), made as read: passed over twice, never all kept
            chosen = blocks
            scanned = _Passes(lambda: ((block.prose, block) for block in chosen if not self.skip_quoted or block.kind != "blockquote"))
        else:  # a blockquote holds someone else's words
            scanned = [(p.text, p) for p in pieces(post, self.scope_name) if not self.skip_quoted or p.block is None or p.block.kind != "blockquote"]
        patterns = [pattern.narrowed(text for text, _ in scanned) for pattern in self.patterns]
        for text, where in scanned:
            quoted = _quoted_spans(text) if self.skip_quoted else ()
            for pattern in patterns:
                for match in pattern.finditer(text):
                    if quoted and any(start < match.start() < end for start, end in quoted):
                        continue
                    piece = where if isinstance(where, Piece) else Piece(text, where.line, 1, where)
                    line, column = piece.locate(post, match.start(), match.group(0))
                    yield self.report(post, line, column, self.message.format(match=match.group(0)))


class _Passes:
    """An iterable that `make`s a new iterator for each pass over it."""

    def __init__(self, make: "Callable[[], Iterator[tuple[str, Piece | Block]]]") -> None:
        self.make = make

    def __iter__(self) -> "Iterator[tuple[str, Piece | Block]]":
        return self.make()


#: a quotation inside a paragraph: curly or straight double quotes, at most 600 characters
_QUOTED = lazy_regex(r"“[^“”]{1,600}”|(?<![\w\\])\"[^\"\n]{1,600}\"(?!\w)")


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    if "\"" not in text and "“" not in text:
        return []
    return [m.span() for m in _QUOTED().finditer(text)]


def existence(spec: dict[str, Any], where: str, checked: Collection[str] = ()) -> type[Rule]:
    check_fields(spec, where, {"tokens", "skip-quoted"})
    pattern = compile_alternation(spec.get("tokens"), where, "tokens", checked)
    if pattern is None:
        raise PackError(f"{where}: field `tokens` must list at least one word or pattern")
    check_message(spec, where, {"match": "x"})
    skip_quoted = spec.get("skip-quoted", False)
    if not isinstance(skip_quoted, bool):
        raise PackError(f"{where}: field `skip-quoted` must be true or false")
    tokens = tuple(spec["tokens"]) if isinstance(spec["tokens"], list) else (spec["tokens"],)
    attrs = {"patterns": [pattern], "tokens": tokens, "scope_name": check_scope(spec.get("scope"), where), "skip_quoted": skip_quoted}
    return make_rule(spec, where, ExistenceRule, attrs)


# --- presence -----------------------------------------------------------------------


class PresenceRule(Rule):
    """Requires at least one match of the pack's words or link patterns in a scope."""

    patterns: list[PhrasePattern] = []
    link_patterns: list[re.Pattern[str]] = []
    scope_name = "prose"
    message = ""

    def check(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        if post.word_count < self.opts.get("min-words", 0):
            return
        found = [p for p in pieces(post, self.scope_name) if any(pat.search(p.text) for pat in self.patterns)]
        if found:
            return
        if self.link_patterns and self.scope_name in ("prose", "closing"):
            first = (closing_line(post) or 0) if self.scope_name == "closing" else 0
            for link in post.links:
                if link.line >= first and any(p.search(link.url) for p in self.link_patterns):
                    return
        line = body_line(post)
        if self.scope_name in ("title", "description") or self.scope_name.startswith("frontmatter."):
            key = self.scope_name.split(".", 1)[-1]
            line = post.meta_line(key) if post.front_matter.present else 1
        yield self.report(post, line, 1, self.message.format(scope=self.scope_name))


def presence(spec: dict[str, Any], where: str, checked: Collection[str] = ()) -> type[Rule]:
    check_fields(spec, where, {"tokens", "links", "min-words"})
    alternation = compile_alternation(spec.get("tokens"), where, "tokens", checked)
    patterns = [alternation] if alternation is not None else []
    links = spec.get("links") or []
    if not isinstance(links, list) or not all(isinstance(v, str) for v in links):
        raise PackError(f"{where}: field `links` must be a list of URL patterns")
    link_patterns = []
    for value in links:
        try:
            link_patterns.append(re.compile(value, re.IGNORECASE))
        except re.error as exc:
            raise PackError(f"{where}: field `links`: invalid pattern {value!r}: {exc}") from None
        refuse_slow(value, where, "links")
    if not patterns and not link_patterns:
        raise PackError(f"{where}: field `tokens` (or `links`) must list at least one word or pattern")
    check_message(spec, where, {"scope": "prose"})
    min_words = number(spec, "min-words", where, 0, minimum=0)
    return make_rule(
        spec,
        where,
        PresenceRule,
        {
            "patterns": patterns,
            "link_patterns": link_patterns,
            "scope_name": check_scope(spec.get("scope"), where),
            "options": {"min-words": Option(float, min_words, "Skip posts with fewer words of prose (0: check every post).", min=0)},
        },
    )


# --- substitution --------------------------------------------------------------------


class SubstitutionRule(Rule):
    """Flags words or phrases that have a preferred replacement, with an unsafe fix."""

    swaps: list[tuple[re.Pattern[str], str]] = []
    scope_name = "prose"
    message = ""
    fixable = True

    def check(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        for piece in pieces(post, self.scope_name):
            for pattern, replacement in self.swaps:
                for match in pattern.finditer(piece.text):
                    text = match.group(0)
                    line, column = piece.locate(post, match.start(), text)
                    wanted = _case_like(text, replacement)
                    fix = None
                    if post.line_text(line)[column - 1 : column - 1 + len(text)].lower() == text.lower():
                        fix = Fix((Edit(line, column, line, column + len(text), wanted),), "unsafe", f"replace with “{wanted}”")
                    message = self.message.format(match=text, replacement=wanted)
                    yield self.report(post, line, column, message, end_line=line, end_column=column + len(text), fix=fix)


def substitution(spec: dict[str, Any], where: str) -> type[Rule]:
    check_fields(spec, where, {"swap"})
    swap = spec.get("swap")
    if not isinstance(swap, dict) or not swap or not all(isinstance(k, str) and isinstance(v, str) for k, v in swap.items()):
        raise PackError(f"{where}: field `swap` must map words or patterns to their replacements")
    swaps = [(compile_patterns([key], where, "swap")[0], value) for key, value in swap.items()]
    check_message(spec, where, {"match": "x", "replacement": "y"})
    return make_rule(spec, where, SubstitutionRule, {"swaps": swaps, "scope_name": check_scope(spec.get("scope"), where)})


# --- metric -------------------------------------------------------------------------

_CONDITION_WORDS = {"<": "below", "<=": "at or below", ">": "above", ">=": "at or above"}
_CONDITIONS = {"<": float.__lt__, "<=": float.__le__, ">": float.__gt__, ">=": float.__ge__}


class MetricRule(Rule):
    """A formula over the post's text statistics, compared with a threshold."""

    formula: Formula
    condition = "<"
    message = ""
    uses_syllables = True

    def check(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        stats = post.text_stats
        if stats.words < self.opts.get("min-words", 0) or stats.words == 0:
            return
        variables = stats.variables
        score = self.formula.evaluate(variables)
        threshold = float(self.opts["threshold"])
        if math.isnan(score) or not _CONDITIONS[self.condition](score, threshold):
            return
        values = {name: variables[name] for name in self.placeholders}
        message = self.message.format(score=score, threshold=self.opts["threshold"], **values)
        yield self.report(post, body_line(post), 1, message)

    @property
    def placeholders(self) -> list[str]:
        names = [n for _, n, _, _ in string.Formatter().parse(self.message) if n]
        return [n for n in names if n in Variables.NAMES]


def metric(spec: dict[str, Any], where: str) -> type[Rule]:
    check_fields(spec, where, {"formula", "condition", "threshold", "min-words"})
    source = spec.get("formula")
    if not isinstance(source, str) or not source.strip():
        raise PackError(f"{where}: field `formula` is required: arithmetic over {', '.join(Variables.NAMES)}")
    try:
        formula = Formula.parse(source)
    except FormulaError as exc:
        raise PackError(f"{where}: field `formula`: {exc}") from None
    condition = spec.get("condition", "<")
    if condition not in _CONDITIONS:
        raise PackError(f"{where}: field `condition` must be one of {', '.join(_CONDITIONS)}, got {condition!r}")
    threshold = number(spec, "threshold", where)
    if threshold is None:
        raise PackError(f"{where}: field `threshold` is required (a number)")
    if spec.get("scope", "prose") != "prose":
        raise PackError(f"{where}: field `scope` of a metric rule can only be prose, got {spec.get('scope')!r}")
    check_message(spec, where, {"score": 1.0, "threshold": threshold, **{n: 1.0 for n in Variables.NAMES}})
    min_words = number(spec, "min-words", where, 0, minimum=0)
    return make_rule(
        spec,
        where,
        MetricRule,
        {
            "formula": formula,
            "condition": condition,
            "options": {
                "threshold": Option(float, threshold, f"The score is reported when it is {_CONDITION_WORDS[condition]} this."),
                "min-words": Option(float, min_words, "Skip posts with fewer words of prose.", min=0),
            },
        },
    )


# --- frontmatter --------------------------------------------------------------------

FIELD_TYPES = ("string", "list", "date", "boolean", "integer", "number", "mapping")


def _type_ok(value: Any, expected: str) -> bool:
    if expected == "string":
        return isinstance(value, str)
    if expected == "list":
        return isinstance(value, list)
    if expected == "date":
        if isinstance(value, (dt.date, dt.datetime)):
            return True
        try:
            dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
            return isinstance(value, str)
        except ValueError:
            return False
    if expected == "boolean":
        return isinstance(value, bool)
    if expected == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if expected == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, dict)


class FrontMatterFieldRule(Rule):
    """Checks one front-matter field against a small schema."""

    field_name = ""
    field_type: str | None = None
    required = False
    min_length: int | None = None
    max_length: int | None = None
    pattern: re.Pattern[str] | None = None
    enum: list[Any] | None = None
    message = ""

    def check(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        if not post.front_matter.present or not post.front_matter.valid:
            return
        key = self.field_name
        value = post.meta.get(key)
        info = post.front_matter.fields.get(key)
        line, column = (info.value_span.line, info.value_span.column) if info else (post.meta_line(key), 1)
        for problem in self.problems(value, key in post.meta):
            yield self.report(post, line, column, self.message.format(field=key, problem=problem, value=_short(value)))

    def problems(self, value: Any, present: bool) -> Iterable[str]:
        if not present or value is None or (isinstance(value, (str, list, dict)) and not value):
            if self.required:
                yield "is missing" if not present else "is empty"
            return
        if self.field_type and not _type_ok(value, self.field_type):
            yield f"must be a {self.field_type}"
            return
        length = len(value) if isinstance(value, (str, list)) else None
        unit = "characters" if isinstance(value, str) else "items"
        if length is not None and self.min_length is not None and length < self.min_length:
            yield f"has {length} {unit}, fewer than {self.min_length}"
        if length is not None and self.max_length is not None and length > self.max_length:
            yield f"has {length} {unit}, more than {self.max_length}"
        items = value if isinstance(value, list) else [value]
        if self.pattern is not None:
            for item in items:
                if isinstance(item, str) and not self.pattern.fullmatch(item):
                    yield f"value {item!r} does not match {self.pattern.pattern!r}"
        if self.enum is not None:
            for item in items:
                if item not in self.enum:
                    yield f"value {_short(item)!r} is not one of {', '.join(map(str, self.enum))}"


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def frontmatter(spec: dict[str, Any], where: str) -> type[Rule]:
    check_fields(spec, where, {"field", "type", "required", "min-length", "max-length", "pattern", "enum"})
    name = spec.get("field")
    if not isinstance(name, str) or not name.strip():
        raise PackError(f"{where}: field `field` is required: the front-matter key to check")
    if "scope" in spec:
        raise PackError(f"{where}: field `scope` does not apply to a frontmatter rule (use `field`)")
    field_type = spec.get("type")
    if field_type is not None and field_type not in FIELD_TYPES:
        raise PackError(f"{where}: field `type` must be one of {', '.join(FIELD_TYPES)}, got {field_type!r}")
    required = spec.get("required", False)
    if not isinstance(required, bool):
        raise PackError(f"{where}: field `required` must be true or false, got {required!r}")
    pattern = None
    if "pattern" in spec:
        if not isinstance(spec["pattern"], str):
            raise PackError(f"{where}: field `pattern` must be a regular expression string")
        try:
            pattern = re.compile(spec["pattern"])
        except re.error as exc:
            raise PackError(f"{where}: field `pattern`: invalid pattern {spec['pattern']!r}: {exc}") from None
        refuse_slow(spec["pattern"], where, "pattern")
    enum = spec.get("enum")
    if enum is not None and (not isinstance(enum, list) or not enum):
        raise PackError(f"{where}: field `enum` must be a non-empty list of allowed values")
    attrs = {
        "field_name": name,
        "field_type": field_type,
        "required": required,
        "min_length": number(spec, "min-length", where, minimum=0),
        "max_length": number(spec, "max-length", where, minimum=0),
        "pattern": pattern,
        "enum": enum,
    }
    if not any(attrs[k] is not None and attrs[k] is not False for k in ("field_type", "required", "min_length", "max_length", "pattern", "enum")):
        raise PackError(f"{where}: a frontmatter rule needs at least one of type, required, min-length, max-length, pattern, enum")
    check_message(spec, where, {"field": name, "problem": "is missing", "value": ""})
    return make_rule(spec, where, FrontMatterFieldRule, attrs)


KindFactory = Callable[..., type[Rule]]
#: kinds whose factory also takes `checked`: the `tokens` known to be valid (those of the shipped
#: packs, which the test suite validates), not compiled and checked for backtracking again
TOKEN_KINDS = frozenset({"existence", "presence"})
#: kind name (a pack rule's `extends`) -> factory(spec, origin) building its Rule class
KINDS: dict[str, KindFactory] = {
    "existence": existence,
    "presence": presence,
    "substitution": substitution,
    "metric": metric,
    "frontmatter": frontmatter,
}
