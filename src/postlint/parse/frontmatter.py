"""Splitting and parsing front matter while keeping the file line of every key.

python-frontmatter's `parse` strips the text and so loses line numbers; we split
the block ourselves (YAML `---`, TOML `+++`, JSON `{`, gray-matter's `---js` /
`---json` / `---yaml` / `---toml`) and parse it with the
safe loaders, recording where each top-level key and value sits in the file.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode, SequenceNode

try:  # the C loader is much faster; fall back to pure Python where it is missing
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

from ..model.lazyregex import lazy_regex
from ..model.boundedload import check_size
from ..model.span import Span

#: Largest number of YAML nodes a front matter may expand to through aliases.
MAX_EXPANDED_NODES = 10_000


@dataclass
class FieldInfo:
    """Where a top-level front-matter key and its value sit in the file."""

    key: str
    key_span: Span
    value_span: Span
    items: list[Span] = field(default_factory=list)  # one per sequence item, when the value is a list

    @property
    def line(self) -> int:
        return self.key_span.line


@dataclass
class FrontMatterBlock:
    """The raw block: its kind, its text and the file lines it occupies."""

    kind: str  # "yaml" | "toml" | "json" | "js" (`---js`, read for literals, never run)
    raw: str
    start_line: int  # line of the opening delimiter (1-based)
    content_line: int  # file line of the first content line
    end_line: int  # line of the closing delimiter; 0 when never closed
    closed: bool = True


@dataclass
class ParseError:
    message: str
    line: int
    column: int


@dataclass
class FrontMatter:
    """The parsed front matter: data (a mapping), where keys are, or the error."""

    block: FrontMatterBlock | None
    data: dict[str, Any] = field(default_factory=dict)
    fields: dict[str, FieldInfo] = field(default_factory=dict)
    error: ParseError | None = None

    @property
    def present(self) -> bool:
        return self.block is not None

    @property
    def valid(self) -> bool:
        return self.block is not None and self.error is None

    def value_span(self, key: str) -> Span | None:
        """Where the value of top-level `key` is typed (a block list or mapping spans its lines);
        None when the key is absent or the front matter could not be parsed."""
        info = self.fields.get(key)
        return info.value_span if info is not None else None

    def key_span(self, key: str) -> Span | None:
        """Where top-level `key` itself is typed; None when it is absent."""
        info = self.fields.get(key)
        return info.key_span if info is not None else None

    def line_of(self, key: str) -> int:
        """The file line of `key`, or the opening delimiter's line when absent."""
        info = self.fields.get(key)
        if info is not None:
            return info.line
        return self.block.start_line if self.block else 1


_YAML_CLOSE = ("---", "...")
#: the languages a `---<language>` opener names (gray-matter, as Eleventy reads front matter)
_LANGUAGES = {"---js": "js", "---javascript": "js", "---json": "json", "---yaml": "yaml", "---yml": "yaml", "---toml": "toml"}


def split_block(lines: list[str]) -> FrontMatterBlock | None:
    """Find the front-matter block at the top of `lines` (no line endings)."""
    if not lines:
        return None
    first = lines[0].rstrip()
    language = _LANGUAGES.get(first)
    if language is not None:  # gray-matter's `---js` / `---json` / `---yaml` (Eleventy)
        for index in range(1, len(lines)):
            if lines[index].rstrip() == "---":
                return FrontMatterBlock(language, "\n".join(lines[1:index]), 1, 2, index + 1)
        return FrontMatterBlock(language, "\n".join(lines[1:]), 1, 2, 0, closed=False)
    if first in ("---", "+++"):
        kind = "yaml" if first == "---" else "toml"
        closers = _YAML_CLOSE if kind == "yaml" else ("+++",)
        for index in range(1, len(lines)):
            if lines[index].rstrip() in closers:
                return FrontMatterBlock(kind, "\n".join(lines[1:index]), 1, 2, index + 1)
        return FrontMatterBlock(kind, "\n".join(lines[1:]), 1, 2, 0, closed=False)
    if first.startswith("{") and first[1:2] in ("", " ", "\t", '"', "}"):
        # a JSON object's `{` is followed by white space, a key or its `}`: a line opening with
        # `{%`, `{{` or `{#` is template syntax (Eleventy, Jekyll: `{% callout %}…`), no front matter
        return _split_json(lines)
    return None


def _split_json(lines: list[str]) -> FrontMatterBlock | None:
    """Hugo-style JSON front matter: an object at the top, ending with `}` on its own line."""
    for index, line in enumerate(lines):
        if line.rstrip() == "}":
            return FrontMatterBlock("json", "\n".join(lines[: index + 1]), 1, 1, index + 1)
    if lines[0].rstrip().endswith("}"):
        return FrontMatterBlock("json", lines[0], 1, 1, 1)
    return None


def parse(block: FrontMatterBlock | None) -> FrontMatter:
    """Parse a block into data and key positions; errors become `FrontMatter.error`."""
    if block is None:
        return FrontMatter(None)
    if not block.closed:
        name = "+++" if block.kind == "toml" else "---"
        return FrontMatter(
            block,
            error=ParseError(f"front matter opened at line {block.start_line} is never closed with {name}", block.start_line, 1),
        )
    try:
        if block.kind == "yaml":
            return _parse_simple(block) or _parse_yaml(block)
        if block.kind == "toml":
            return _parse_toml(block)
        if block.kind == "js":
            return _parse_js(block)
        return _parse_json(block)
    except RecursionError:
        return FrontMatter(block, error=ParseError("front matter is nested too deeply", block.start_line, 1))


# --- YAML -------------------------------------------------------------------------


def _parse_yaml(block: FrontMatterBlock) -> FrontMatter:
    loader = _SafeLoader(block.raw)
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            return FrontMatter(block, error=_yaml_error(exc, block))
        except yaml.YAMLError as exc:
            return FrontMatter(block, error=ParseError(f"invalid YAML: {exc}", block.start_line, 1))
        if node is None:
            return FrontMatter(block)
        if not isinstance(node, yaml.MappingNode):
            kind = "a list" if isinstance(node, yaml.SequenceNode) else "a scalar"
            line = block.content_line + node.start_mark.line
            return FrontMatter(block, error=ParseError(f"front matter is {kind}, not a mapping of fields", line, node.start_mark.column + 1))
        problem = check_size(node, "front matter", MAX_EXPANDED_NODES)
        if problem:
            return FrontMatter(block, error=ParseError(problem, block.start_line, 1))
        try:
            data = _construct(loader, node)
        except yaml.MarkedYAMLError as exc:
            return FrontMatter(block, error=_yaml_error(exc, block))
        except (yaml.YAMLError, TypeError, ValueError) as exc:
            return FrontMatter(block, error=ParseError(f"invalid YAML: {exc}", block.start_line, 1))
    finally:
        loader.dispose()
    fields: dict[str, FieldInfo] = {}
    for key_node, value_node in node.value:
        key = data_key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if data_key is None:
            continue
        items = []
        if isinstance(value_node, yaml.SequenceNode):
            items = [_node_span(item, block) for item in value_node.value]
        fields.setdefault(str(key), FieldInfo(str(key), _node_span(key_node, block), _node_span(value_node, block), items))
    clean = {str(k): v for k, v in data.items()} if isinstance(data, dict) else {}
    return FrontMatter(block, clean, fields)


#: `key: "text"`, `key: 'text'`, `key: 2024-01-31`, `key: [word, word]` or `key: Plain text` (a letter,
#: then letters, digits, spaces and `._()/'?!+-`, not a space last: no colon, `#`, double quote,
#: bracket or brace), in ASCII, one space after the colon and nothing after the value: a line
#: `_parse_simple` reads as YAML does
_SIMPLE_LINE = re.compile(
    r"""([A-Za-z_][A-Za-z0-9_-]{0,127}): (?:"([ !#-\[\]-~]*)"|'([ -&(-~]*)'|([0-9]{4})-([0-9]{2})-([0-9]{2})|\[([A-Za-z_][A-Za-z0-9_, -]*)?\]"""
    r"""|([A-Za-z](?:[A-Za-z0-9 ._()/'?!+-]*[A-Za-z0-9._()/'?!+-])?))"""
)
#: a flow list's item as `_parse_simple` reads it: a word that YAML reads as a string
_SIMPLE_ITEM = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
#: the words YAML 1.1 reads as a boolean or null (a key or item that is one is not a string)
_NOT_STRINGS = frozenset("yes Yes YES no No NO true True TRUE false False FALSE on On ON off Off OFF null Null NULL".split())
#: the most lines and list items `_parse_simple` reads (far under the bound on nodes)
_SIMPLE_MAX = 1000


def _parse_simple(block: FrontMatterBlock) -> FrontMatter | None:
    """What `_parse_yaml` gives for a front matter of simple lines only (`_SIMPLE_LINE`: strings,
    dates and lists of words, as most posts' front matter is), read without YAML's machinery;
    None for any other (a number, a boolean, a comment, an indented line, a repeated key, a date
    that is no date, anything beyond ASCII), which YAML reads."""
    raw = block.raw
    if not raw.isascii():
        return None
    lines = raw.split("\n")
    if len(lines) > _SIMPLE_MAX:
        return None
    data: dict[str, Any] = {}
    fields: dict[str, FieldInfo] = {}
    items_seen = 0
    for offset, line in enumerate(lines):
        if not line:
            continue
        match = _SIMPLE_LINE.fullmatch(line)
        if match is None:
            return None
        key, double, single, year, month, day, words, plain = match.groups()
        if key in _NOT_STRINGS or key in data or plain in _NOT_STRINGS:
            return None
        number = block.content_line + offset
        at = len(key) + 3  # the value's column
        items: list[Span] = []
        value: Any
        if double is not None or single is not None or plain is not None:
            value = double if double is not None else single if single is not None else plain
        elif year is not None:
            try:
                value = dt.date(int(year), int(month), int(day))
            except ValueError:  # no such day: YAML's error
                return None
        else:
            value = []
            if words is not None:
                column = at + 1
                for word in words.split(", "):
                    if not _SIMPLE_ITEM.fullmatch(word) or word in _NOT_STRINGS:
                        return None
                    value.append(word)
                    items.append(Span(number, column, number, column + len(word)))
                    column += len(word) + 2
                items_seen += len(items)
                if items_seen > _SIMPLE_MAX:
                    return None
        data[key] = value
        fields[key] = FieldInfo(key, Span(number, 1, number, len(key) + 1), Span(number, at, number, len(line) + 1), items)
    if not data:
        return None
    return FrontMatter(block, data, fields)


_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
#: the safe constructors of those tags: the data `_flat_data` builds is theirs
_SAFE = {_STR: SafeConstructor.construct_yaml_str, _SEQ: SafeConstructor.construct_yaml_seq, _MAP: SafeConstructor.construct_yaml_map}


def _construct(loader: Any, node: yaml.MappingNode) -> Any:
    """`loader.construct_document(node)`: the same data, built directly for a flat mapping."""
    data = _flat_data(loader, node)
    return loader.construct_document(node) if data is None else data


def _flat_data(loader: Any, node: yaml.MappingNode) -> dict[str, Any] | None:
    """The data of a mapping of plain string keys to scalars and lists of scalars (nearly every
    front matter), as the safe constructor builds it, without its per-node bookkeeping and
    generators; None for any other mapping (merge keys, nested mappings, tags of its own…).

    Strings are the nodes' values, as `construct_yaml_str` returns them; every other scalar
    (dates, numbers, booleans) is the loader's own `construct_object`; as the constructor
    does, the lists are filled after every top-level value is made (so the first error is the
    same) and an alias of a list is the same list."""
    constructors = loader.yaml_constructors
    if node.tag != _MAP or any(constructors.get(tag) is not function for tag, function in _SAFE.items()):
        return None
    for key_node, value_node in node.value:
        if type(key_node) is not ScalarNode or key_node.tag != _STR:
            return None
        if type(value_node) is SequenceNode:
            if value_node.tag != _SEQ or any(type(item) is not ScalarNode for item in value_node.value):
                return None
        elif type(value_node) is not ScalarNode:
            return None
    data: dict[str, Any] = {}
    lists: dict[int, tuple[list[Any], yaml.SequenceNode]] = {}
    for key_node, value_node in node.value:
        if type(value_node) is ScalarNode:
            data[key_node.value] = value_node.value if value_node.tag == _STR else loader.construct_object(value_node)
        else:
            data[key_node.value] = lists.setdefault(id(value_node), ([], value_node))[0]
    for items, sequence in lists.values():
        items.extend([item.value if item.tag == _STR else loader.construct_object(item) for item in sequence.value])
    return data


def _node_span(node: yaml.Node, block: FrontMatterBlock) -> Span:
    start, end = node.start_mark, node.end_mark
    return Span(
        block.content_line + start.line,
        start.column + 1,
        block.content_line + end.line,
        end.column + 1,
    )


def _yaml_error(exc: yaml.MarkedYAMLError, block: FrontMatterBlock) -> ParseError:
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark is not None and exc.problem and "end of stream" in exc.problem:
        mark = exc.context_mark  # an unclosed quote or bracket: point at where it opened
    problem = exc.problem or "invalid YAML"
    if exc.context and exc.problem:
        problem = f"{exc.context}: {exc.problem}"
    line = block.content_line + mark.line if mark else block.start_line
    column = mark.column + 1 if mark else 1
    return ParseError(f"invalid YAML: {problem}", line, column)


# --- TOML and JSON ----------------------------------------------------------------

_TOML_KEY = lazy_regex(r"""^\s*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_-]+))\s*=""")
_TOML_POS = lazy_regex(r"\(at line (\d+), column (\d+)\)")
_JSON_KEY = lazy_regex(r'^\s*"((?:[^"\\]|\\.)+)"\s*:')


def _parse_toml(block: FrontMatterBlock) -> FrontMatter:
    import tomllib  # TOML front matter is rare: not imported for YAML posts

    try:
        data = tomllib.loads(block.raw)
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_POS().search(str(exc))
        line, column = (int(match.group(1)), int(match.group(2))) if match else (1, 1)
        message = _TOML_POS().sub("", str(exc)).strip()
        return FrontMatter(block, error=ParseError(f"invalid TOML: {message}", block.content_line + line - 1, column))
    fields: dict[str, FieldInfo] = {}
    for offset, line in enumerate(block.raw.split("\n")):
        if line.lstrip().startswith("["):
            break
        match = _TOML_KEY().match(line)
        if match:
            key = next(g for g in match.groups() if g)
            fields.setdefault(key, _line_field(key, block.content_line + offset, line, "="))
    return FrontMatter(block, dict(data), fields)


def _parse_json(block: FrontMatterBlock) -> FrontMatter:
    try:
        data = json.loads(block.raw)
    except json.JSONDecodeError as exc:
        return FrontMatter(block, error=ParseError(f"invalid JSON: {exc.msg}", block.content_line + exc.lineno - 1, exc.colno))
    if not isinstance(data, dict):
        return FrontMatter(block, error=ParseError("front matter is not a mapping of fields", block.start_line, 1))
    fields: dict[str, FieldInfo] = {}
    for offset, line in enumerate(block.raw.split("\n")):
        match = _JSON_KEY().match(line)
        if match and match.group(1) in data:
            fields.setdefault(match.group(1), _line_field(match.group(1), block.content_line + offset, line, ":"))
    return FrontMatter(block, data, fields)


#: `const title = "…";` or `title: "…",` with a literal value (a string without `${`, a number, a boolean, null)
_JS_FIELD = lazy_regex(
    r"""^\s*(?:(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=|["']?([A-Za-z_$][\w$-]*)["']?\s*:)\s*"""
    r"""("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`[^`$]*`|-?\d+(?:\.\d+)?|true|false|null)\s*[;,]?\s*$"""
)


def _parse_js(block: FrontMatterBlock) -> FrontMatter:
    """JavaScript front matter, never run: the fields whose value is a literal, one per line
    (`const title = "A";` or, in an object, `title: "A",`); a computed field is left out."""
    data: dict[str, Any] = {}
    fields: dict[str, FieldInfo] = {}
    for offset, line in enumerate(block.raw.split("\n")):
        match = _JS_FIELD().match(line)
        if match is None:
            continue
        key, literal = match.group(1) or match.group(2), match.group(3)
        if literal[0] in "\"'`":
            value: Any = literal[1:-1] if literal[0] == "`" else _js_string(literal)
        else:
            value = json.loads(literal)
        if key not in data:
            data[key] = value
            fields[key] = _line_field(key, block.content_line + offset, line, "=" if match.group(1) else ":")
    return FrontMatter(block, data, fields)


def _js_string(literal: str) -> str:
    if literal[0] == "'":
        literal = '"' + literal[1:-1].replace('\\"', '"').replace('"', '\\"') + '"'
    try:
        return str(json.loads(literal))
    except json.JSONDecodeError:
        return literal[1:-1]


def _line_field(key: str, line_no: int, line: str, sep: str) -> FieldInfo:
    start = len(line) - len(line.lstrip())
    separator = line.find(sep, start + len(key))
    value_col = separator + 1 if separator >= 0 else start
    while value_col < len(line) and line[value_col] == " ":
        value_col += 1
    return FieldInfo(
        key,
        Span(line_no, start + 1, line_no, start + 1 + len(key)),
        Span(line_no, value_col + 1, line_no, len(line.rstrip()) + 1),
    )


def is_blank(value: Any) -> bool:
    """A front-matter value that says nothing: null, an empty or all-space string, an empty list or mapping."""
    return value is None or (isinstance(value, str) and not value.strip()) or (isinstance(value, (list, dict)) and not value)


def dump_value(value: Any) -> str:
    """A short, bounded front-matter value for messages, written as YAML writes it (`true`, `2024-01-01`, `[a, 1]`), never a Python repr."""
    text = _yaml_text(value, 0)
    return text if len(text) <= 60 else text[:57] + "..."


def _yaml_text(value: Any, depth: int) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if hasattr(value, "isoformat"):  # date, datetime, time
        return value.isoformat()
    if depth > 3:
        return "…"
    if isinstance(value, list):
        return "[" + ", ".join(_yaml_text(item, depth + 1) for item in value[:20]) + (", …" if len(value) > 20 else "") + "]"
    if isinstance(value, dict):
        items = list(value.items())[:20]
        return "{" + ", ".join(f"{_yaml_text(k, depth + 1)}: {_yaml_text(v, depth + 1)}" for k, v in items) + (", …" if len(value) > 20 else "") + "}"
    return str(value)
