"""Reading the YAML postlint is given (config, packs, front matter) within bounds of time and memory.

A config file or pack comes from the repository being linted, which in CI may
be a stranger's pull request: it is read only when it is a regular file of at
most `MAX_FILE_BYTES` (`/dev/zero` is no pack), and its YAML is composed into
nodes and measured before anything is constructed, so an alias bomb (a few
hundred bytes that expand to billions of values) is refused in microseconds
instead of taking minutes and gigabytes.
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import yaml

try:  # the C loader is several times faster than the pure-Python one
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader  # type: ignore[assignment]

#: Largest config file or pack postlint reads.
MAX_FILE_BYTES = 4 * 1024 * 1024
#: Largest number of values a config file or pack may expand to through aliases.
MAX_EXPANDED_NODES = 200_000
#: Deepest nesting of YAML collections constructed.
MAX_DEPTH = 64


class TooBig(Exception):
    """A file or YAML document over one of the bounds; the message says which."""


class Unreadable(Exception):
    """A file that is no regular file, or that cannot be read as UTF-8 text."""


def read_small_text(path: Path, encoding: str = "utf-8") -> str:
    """The text of a regular file of at most `MAX_FILE_BYTES` (a device, FIFO or folder is refused
    before it is opened for reading, so nothing blocks or fills memory)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise Unreadable(exc.strerror or type(exc).__name__) from None
    if not stat.S_ISREG(info.st_mode):
        raise Unreadable("not a regular file")
    if info.st_size > MAX_FILE_BYTES:
        raise TooBig(f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB")
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise Unreadable(exc.strerror or type(exc).__name__) from None
    if len(data) > MAX_FILE_BYTES:  # grew since stat
        raise TooBig(f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB")
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise Unreadable(f"not UTF-8 text (byte {exc.start + 1})") from None


def load_yaml(text: str, what: str, limit: int = MAX_EXPANDED_NODES) -> tuple[Any, yaml.Node | None]:
    """The data of a one-document YAML text and its root node (for positions); raises
    `yaml.YAMLError` for invalid YAML and `TooBig` (its message starting with `what`) for
    a document that nests or expands too far."""
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        problem = check_size(node, what, limit)
        if problem:
            raise TooBig(problem)
        try:
            return loader.construct_document(node), node
        except RecursionError:  # pragma: no cover - MAX_DEPTH is checked first
            raise TooBig(f"{what} is nested too deeply") from None
    finally:
        loader.dispose()


def yaml_problem(exc: yaml.YAMLError, columns: bool = True) -> str:
    """`:line[:column]: invalid YAML: problem` for a file's YAML error, without quoting the file
    (the message may land in CI logs, and the file may be no YAML at all)."""
    mark = getattr(exc, "problem_mark", None)
    where = (f":{mark.line + 1}:{mark.column + 1}" if columns else f":{mark.line + 1}") if mark else ""
    return f"{where}: invalid YAML: {getattr(exc, 'problem', None) or type(exc).__name__}"


def check_size(root: yaml.Node, what: str, limit: int = MAX_EXPANDED_NODES) -> str | None:
    """Why `root` must not be constructed (an alias bomb, absurd nesting), or None."""
    try:
        total = _flat_size(root)
        if total is None:
            _size(root, 0, {}, what, limit)
        elif total > limit:
            raise TooBig(_too_many(what, limit))
    except TooBig as exc:
        return str(exc)
    return None


def _flat_size(root: yaml.Node) -> int | None:
    """What `_size` counts, for a scalar or a mapping or sequence of scalars and sequences of
    scalars (nearly every front matter), counted without a call per node: such a document is at
    most two levels deep, and an alias in it stands for a scalar or a list of scalars, counted
    each time it is used as `_size` counts it. None for anything nested deeper."""
    if type(root) is yaml.ScalarNode:
        return 1
    pairs = root.value if type(root) is yaml.MappingNode else [(None, item) for item in root.value]
    total = 1
    for key, value in pairs:
        if key is not None:
            if type(key) is not yaml.ScalarNode:
                return None
            total += 1
        if type(value) is yaml.ScalarNode:
            total += 1
        elif type(value) is yaml.SequenceNode and all(type(item) is yaml.ScalarNode for item in value.value):
            total += 1 + len(value.value)
        else:
            return None
    return total


def _too_many(what: str, limit: int) -> str:
    return f"{what} expands to more than {limit} values (YAML alias bomb?)"


def _size(node: yaml.Node, depth: int, sizes: dict[int, int], what: str, limit: int) -> int:
    """Values under `node`, aliases counted each time they are used (a module function:
    a recursive closure would be a reference cycle per document)."""
    if depth > MAX_DEPTH:
        raise TooBig(f"{what} is nested more than {MAX_DEPTH} levels deep")
    known = sizes.get(id(node))
    if known is not None:
        return known
    sizes[id(node)] = 1  # guards recursive aliases
    total = 1
    if isinstance(node, yaml.SequenceNode):
        for child in node.value:
            total += _size(child, depth + 1, sizes, what, limit)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            total += _size(key, depth + 1, sizes, what, limit) + _size(value, depth + 1, sizes, what, limit)
    if total > limit:
        raise TooBig(_too_many(what, limit))
    sizes[id(node)] = total
    return total
