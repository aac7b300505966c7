"""Declarative rule packs: YAML files whose rules use a small set of kinds.

A pack is data, never code: it is loaded with `yaml.safe_load`, validated, and
each entry of its `rules:` list becomes a `Rule` subclass built from one of the
kinds in `KINDS`. Every error names the file, the rule and the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import yaml

try:  # the C loader is several times faster than the pure-Python one
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader  # type: ignore[assignment]

from .casefold import CaselessPattern
from .findings import Severity
from .rule import CODE_RE, NAME_RE, RegistryError, Rule

#: Top-level keys of a pack file.
PACK_KEYS = {"rules", "data", "data-mode", "description"}
#: Keys every rule entry may have, whatever its kind.
COMMON_KEYS = {"code", "name", "extends", "message", "level", "scope", "summary", "description", "tags"}


class PackError(RegistryError):
    """A pack that cannot be loaded; the message names the file, rule and field."""


@dataclass(frozen=True)
class PackSource:
    label: str
    text: str


KindFactory = Callable[[dict[str, Any], str], type[Rule]]
#: kind name -> factory(spec, origin) building a Rule class; filled by `pack_kinds`.
KINDS: dict[str, KindFactory] = {}


def kind(name: str) -> Callable[[KindFactory], KindFactory]:
    def register(factory: KindFactory) -> KindFactory:
        KINDS[name] = factory
        return factory

    return register


def packs_root() -> Path:
    """The shipped `rules/` folder: package data in a wheel, the repo folder in a checkout.

    A plain path beside this module (wheels install files; `importlib.resources`
    would cost a one-file check ~15 ms of imports).
    """
    here = Path(__file__).resolve().parent
    data = here / "packs_data"
    return data if data.is_dir() else here.parents[1] / "rules"


def shipped_packs() -> Iterator[tuple[Path, str]]:
    root = packs_root()
    if not root.is_dir():
        return
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".yaml", ".yml")):
            yield entry, f"rules/{entry.name}"


def read_pack(source: Path, origin: str) -> dict[str, Any]:
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError(f"{origin}: cannot read pack: {exc}") from None
    try:
        data = yaml.load(text, Loader=SafeLoader)  # noqa: S506 (the safe loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise PackError(f"{origin}{where}: invalid YAML: {getattr(exc, 'problem', exc)}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise PackError(f"{origin}: a pack must be a mapping with a `rules:` list")
    unknown = set(data) - PACK_KEYS
    if unknown:
        raise PackError(f"{origin}: unknown top-level key {sorted(unknown)[0]!r} (expected one of {', '.join(sorted(PACK_KEYS))})")
    return data


def pack_data(name: str) -> dict[str, Any]:
    """The `data:` section of a shipped pack, for built-in rules that read their lists from it."""
    root = packs_root()
    source = root / name
    return dict(read_pack(source, f"rules/{name}").get("data") or {})


@lru_cache(maxsize=None)
def shipped_data(name: str) -> dict[str, Any]:
    """`pack_data(name)`, read once per process."""
    return pack_data(name)


def merge_data(into: dict[str, Any], data: Any, mode: Any, origin: str) -> None:
    """Merge a pack's `data:` into `into`: lists extend, mappings update, unless `data-mode: replace`."""
    if data is None:
        return
    if not isinstance(data, dict):
        raise PackError(f"{origin}: field `data` must be a mapping of names to lists or mappings")
    mode = mode or "extend"
    if mode not in ("extend", "replace"):
        raise PackError(f"{origin}: field `data-mode` must be extend or replace, got {mode!r}")
    for key, value in data.items():
        old = into.get(key)
        if mode == "extend" and isinstance(old, list) and isinstance(value, list):
            into[key] = [*old, *value]
        elif mode == "extend" and isinstance(old, dict) and isinstance(value, dict):
            into[key] = {**old, **value}
        else:
            into[key] = value


def data_value(ctx: Any, pack: str, key: str) -> Any:
    """`key` of the merged pack data of this run (shipped packs + `packs:`), else of the shipped `pack`."""
    merged = getattr(ctx, "pack_data", None) or {}
    if key in merged:
        return merged[key]
    return shipped_data(pack).get(key)


def load_pack(source: Path, origin: str, data_into: dict[str, Any] | None = None) -> list[type[Rule]]:
    from . import pack_kinds  # noqa: F401  (registers the kinds)

    data = read_pack(source, origin)
    if data_into is not None:
        merge_data(data_into, data.get("data"), data.get("data-mode"), origin)
    entries = data.get("rules") or []
    if not isinstance(entries, list):
        raise PackError(f"{origin}: `rules` must be a list of rule mappings")
    built: list[type[Rule]] = []
    for index, spec in enumerate(entries, start=1):
        built.append(build_rule(spec, f"{origin}: rule #{index}"))
    return built


def build_rule(spec: Any, origin: str) -> type[Rule]:
    if not isinstance(spec, dict):
        raise PackError(f"{origin}: each rule must be a mapping")
    code = spec.get("code")
    where = f"{origin.split(': rule #')[0]}: rule {code}" if isinstance(code, str) else origin
    if not isinstance(code, str) or not CODE_RE.match(code):
        raise PackError(f"{where}: field `code` must look like ABC001, got {code!r}")
    name = spec.get("name")
    if not isinstance(name, str) or not NAME_RE.match(name):
        raise PackError(f"{where}: field `name` must be kebab-case, got {name!r}")
    extends = spec.get("extends")
    if extends not in KINDS:
        raise PackError(f"{where}: field `extends` must be one of {', '.join(sorted(KINDS))}, got {extends!r}")
    level = spec.get("level", "warning")
    try:
        Severity.parse(str(level))
    except ValueError:
        raise PackError(f"{where}: field `level` must be error, warning or info, got {level!r}") from None
    return KINDS[extends](spec, where)


def check_fields(spec: dict[str, Any], where: str, allowed: Iterable[str]) -> None:
    known = COMMON_KEYS | set(allowed)
    for key in spec:
        if key not in known:
            raise PackError(f"{where}: unknown field {key!r} (allowed: {', '.join(sorted(known))})")


def compile_alternation(values: Any, where: str, field_name: str) -> "PhrasePattern | None":
    """Like `compile_patterns`, as one pattern (one scan of the text instead of one per word)."""
    values = validate_patterns(values, where, field_name)
    if not values:
        return None
    body = "|".join(f"(?:{value})" for value in values)
    return PhrasePattern(re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE), values)


class PhrasePattern(CaselessPattern):
    """A pack's case-insensitive alternation, with a quick test that skips texts it cannot match.

    `re` tries an alternation of case-insensitive words at every position of a
    text; most paragraphs hold none of a pack's words. When every word or
    pattern starts with a literal of two or more ASCII characters, a text is
    scanned only if its lower-case form contains one of those beginnings (one
    case-sensitive regex, which `re` scans quickly): about twice as fast on the
    corpus. Faster still, when it finds the same, is scanning the lower-case
    text with the alternation made case-sensitive (`CaselessPattern`): then
    that scan is the only one.
    """

    __slots__ = ("values", "_prefilter")

    def __init__(self, regex: re.Pattern[str], values: list[str]) -> None:
        super().__init__(regex)
        self.values = values
        self._prefilter: re.Pattern[str] | None | bool = False  # built on first use: not at start-up

    @property
    def prefilter(self) -> re.Pattern[str] | None:
        if self._prefilter is False:
            self._prefilter = _prefilter(self.values)
        return self._prefilter  # type: ignore[return-value]

    def _skip(self, low: str) -> bool:
        prefilter = self.prefilter
        return prefilter is not None and prefilter.search(low) is None


def _prefilter(values: list[str]) -> re.Pattern[str] | None:
    """A regex of the lower-case literal beginnings of `values`, or None when one has none."""
    beginnings: set[str] = set()
    for value in values:
        found = _literal_beginnings(value)
        if not found:
            return None
        beginnings.update(found)
    return re.compile("|".join(re.escape(b) for b in sorted(beginnings)))


def _literal_beginnings(value: str) -> list[str] | None:
    """The literal text every match of `value` starts with (one per top-level branch, or per
    branch of a leading group), lower case; None when a branch starts with anything but two
    literal ASCII characters. Read from the pattern's source: a character a quantifier follows
    is not part of the literal beginning, nor is anything after a character `re` gives a
    meaning to (sets, escapes of letters and digits, groups other than `(…)` and `(?:…)`)."""
    runs: list[str] = []
    for branch in _top_level_branches(value):
        group = _leading_group(branch)
        if group is not None:
            inner, rest = group
            if rest[:1] in ("?", "*", "{"):
                return None  # an optional group: a match may start after it
            runs.extend(_literal_run(sub) for sub in _top_level_branches(inner))
        else:
            runs.append(_literal_run(branch))
    if not runs or any(len(run) < 2 or not run.isascii() for run in runs):
        return None
    return [run.lower() for run in runs]


def _top_level_branches(pattern: str) -> list[str]:
    """`pattern` split at each `|` outside groups, sets and escapes."""
    cuts = [i for i, char, depth in _outside_sets(pattern) if char == "|" and depth == 0]
    return [pattern[a + 1 : b] for a, b in zip([-1, *cuts], [*cuts, len(pattern)])]


def _leading_group(branch: str) -> tuple[str, str] | None:
    """(what is inside, what follows) of a `(…)` or `(?:…)` group `branch` starts with."""
    if branch.startswith("(?:"):
        opened = 3
    elif branch.startswith("(") and not branch.startswith("(?"):
        opened = 1
    else:
        return None
    for i, char, depth in _outside_sets(branch):
        if char == ")" and depth == 0:
            return branch[opened:i], branch[i + 1 :]
    return None


def _outside_sets(pattern: str) -> Iterator[tuple[int, str, int]]:
    """(index, character, group depth after it) of each character outside sets and escapes."""
    depth, i, in_set = 0, 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if in_set:
            in_set = char != "]"
        elif char == "[":
            in_set = True
            i += 1 + pattern.startswith("^", i + 1)
            i += pattern.startswith("]", i)  # a leading `]` is a literal
            continue
        else:
            depth += (char == "(") - (char == ")")
            yield i, char, depth
        i += 1


#: characters with a meaning in a regex outside a set
_SPECIAL = frozenset("\\.^$*+?{}[]|()")


def _literal_run(branch: str) -> str:
    """The literal characters `branch` starts with, escapes of punctuation included."""
    chars: list[str] = []
    i = 0
    while i < len(branch):
        char = branch[i]
        if char == "\\" and i + 1 < len(branch) and not (branch[i + 1].isalnum() or branch[i + 1] == "_"):
            chars.append(branch[i + 1])
            i += 2
            continue
        if char in _SPECIAL:
            if char in "?*{" and chars:
                chars.pop()  # the last character may be absent or repeated: not a fixed beginning
            break
        chars.append(char)
        i += 1
    return "".join(chars)


def compile_patterns(values: Any, where: str, field_name: str) -> list[re.Pattern[str]]:
    """Words or regexes, matched case-insensitively at word boundaries."""
    return [_word_pattern(value) for value in validate_patterns(values, where, field_name)]


def validate_patterns(values: Any, where: str, field_name: str) -> list[str]:
    """The field as a list of words or regexes, each one known to compile (else `PackError`).

    Plain words and phrases (letters, digits, spaces, hyphens, apostrophes, commas)
    are literals that always compile; only the others are compiled here, one by one,
    for an error that names the culprit: `re` compiles at about 10 patterns per ms
    and a style pack has dozens of words.
    """
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise PackError(f"{where}: field `{field_name}` must be a list of strings")
    for value in values:
        if _PLAIN_WORDS.fullmatch(value):
            continue
        try:
            _word_pattern(value)
        except re.error as exc:
            raise PackError(f"{where}: field `{field_name}`: invalid pattern {value!r}: {exc}") from None
    return values


_PLAIN_WORDS = re.compile(r"[\w\s'’,-]*")


def _word_pattern(value: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{value})(?![\w-])", re.IGNORECASE)
