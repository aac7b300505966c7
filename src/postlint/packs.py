"""Declarative rule packs: YAML files whose rules use a small set of kinds.

A pack is data, never code: it is loaded with the safe loader (within `boundedload`'s bounds), validated, and
each entry of its `rules:` list becomes a `Rule` subclass built from one of the
kinds in `KINDS`. Every error names the file, the rule and the field.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import yaml

from .boundedload import TooBig, Unreadable, load_yaml, read_small_text
from .casefold import CaselessPattern
from .regexguard import risk
from .findings import Severity
from .registry import CODE_RE, NAME_RE, RegistryError, Rule

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
    """A pack file's mapping. Errors name the file and line but never quote a line of it: a
    `packs:` entry may name a file that is no pack (`/etc/shadow`), and the message lands in CI logs."""
    try:
        text = read_small_text(source)
    except FileNotFoundError:
        raise PackError(f"{origin}: cannot read pack: no such file") from None
    except (Unreadable, TooBig) as exc:
        raise PackError(f"{origin}: cannot read pack: {exc}") from None
    try:
        data, node = load_yaml(text, "the pack")
    except TooBig as exc:
        raise PackError(f"{origin}: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise PackError(f"{origin}{where}: invalid YAML: {getattr(exc, 'problem', None) or type(exc).__name__}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise PackError(f"{origin}: a pack must be a mapping with a `rules:` list")
    unknown = set(data) - PACK_KEYS
    if unknown:
        raise PackError(_unknown_key(origin, node, unknown))
    return data


def _unknown_key(origin: str, node: Any, unknown: set[Any]) -> str:
    """The first unknown top-level key: named only when it is a near miss of a pack key
    (`rule:` for `rules:`), else only its line."""
    expected = f"expected one of {', '.join(sorted(PACK_KEYS))}"
    for key_node, _ in node.value:
        key = key_node.value
        if key not in unknown:
            continue
        line = f"{origin}:{key_node.start_mark.line + 1}"
        near = difflib.get_close_matches(key, sorted(PACK_KEYS), n=1) if isinstance(key, str) and len(key) <= 20 else []
        if near:
            return f"{line}: unknown top-level key {key!r} (did you mean {near[0]!r}?)"
        return f"{line}: not a postlint pack: unknown top-level key ({expected})"
    return f"{origin}: not a postlint pack: unknown top-level key ({expected})"  # pragma: no cover


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
    """The literal text every match of `value` starts with (one per top-level branch), lower case;
    None when a branch starts with anything but two literal ASCII characters."""
    from re import _constants as constants, _parser as parser  # type: ignore[attr-defined]

    def literal_run(items: list[Any]) -> str:
        chars = []
        for op, arg in items:
            if op is not constants.LITERAL:
                break
            chars.append(chr(arg))
        return "".join(chars)

    try:
        items = list(parser.parse(value))
    except Exception:  # noqa: BLE001 - compile_patterns reports invalid patterns
        return None
    if items and items[0][0] is constants.SUBPATTERN:
        inner = list(items[0][1][3])
        if inner and inner[0][0] is constants.BRANCH:
            items = inner
    if items and items[0][0] is constants.BRANCH:
        runs = [literal_run(list(branch)) for branch in items[0][1][1]]
    else:
        runs = [literal_run(items)]
    if any(len(run) < 2 or not run.isascii() for run in runs):
        return None
    return [run.lower() for run in runs]


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
        refuse_slow(value, where, field_name)
    return values


def refuse_slow(pattern: str, where: str, field_name: str) -> None:
    """`PackError` for a pattern that can backtrack for ever (`regexguard`): refused at load,
    so no run hangs on it."""
    problem = risk(pattern)
    if problem:
        raise PackError(
            f"{where}: field `{field_name}`: pattern {pattern!r} can take exponential time: {problem}; "
            "rewrite it without the nested repetition, or make the group atomic `(?>…)`"
        )


_PLAIN_WORDS = re.compile(r"[\w\s'’,-]*")


def _word_pattern(value: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{value})(?![\w-])", re.IGNORECASE)
