"""Declarative rule packs: YAML files whose rules use a small set of kinds.

A pack is data, never code: it is loaded with the safe loader (within `boundedload`'s bounds), validated, and
each entry of its `rules:` list becomes a `Rule` subclass built from one of the
kinds in `pack_kinds.KINDS`. Every error names the file, the rule and the field.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

import yaml

from ..model.boundedload import TooBig, Unreadable, load_yaml, read_small_text, yaml_problem
from ..model.findings import Severity
from ..model.rule import CODE_RE, NAME_RE, PackError, Rule
from ..parse.paths import package_folder
from .kinds import KINDS, TOKEN_KINDS

#: Top-level keys of a pack file.
PACK_KEYS = {"rules", "data", "data-mode", "description"}


#: The shipped packs' mappings as JSON, beside them (`packs/twin.py` writes it from the YAML; a
#: test fails when it drifts): `json.loads` reads them in a twentieth of the YAML loader's time.
TWIN_NAME = "packs.json"


@lru_cache(maxsize=1)
def packs_root() -> Path:
    """The shipped `rules/` folder: package data in a wheel, the repo folder in a checkout.

    A plain path beside this module (wheels install files; `importlib.resources`
    would cost a one-file check ~15 ms of imports).
    """
    package = Path(package_folder()).resolve()
    data = package / "packs_data"
    return data if data.is_dir() else package.parents[1] / "rules"


def shipped_packs() -> Iterator[tuple[Path, str]]:
    root = packs_root()
    if not root.is_dir():
        return
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".yaml", ".yml")):
            yield entry, f"rules/{entry.name}"


@lru_cache(maxsize=1)
def _twin_texts() -> dict[str, str]:
    """Each shipped pack's mapping as a JSON text, by file name (none when the twin is absent)."""
    try:
        texts = json.loads((packs_root() / TWIN_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {name: json.dumps(data) for name, data in texts.items()} if isinstance(texts, dict) else {}


def read_pack(source: Path, origin: str) -> dict[str, Any]:
    """A pack file's mapping. Errors name the file and line but never quote a line of it: a
    `packs:` entry may name a file that is no pack (`/etc/shadow`), and the message lands in CI logs.

    A shipped pack comes from its JSON twin, a fresh copy each time (a caller may change it)."""
    if source.parent == packs_root() and source.name in _twin_texts():
        return dict(json.loads(_twin_texts()[source.name]))
    return read_yaml_pack(source, origin)


def read_yaml_pack(source: Path, origin: str) -> dict[str, Any]:
    """`read_pack` from the file's YAML."""
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
        raise PackError(f"{origin}{yaml_problem(exc)}") from None
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
    import difflib  # for this error only: a run without one does not import it

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
    if extends in TOKEN_KINDS:
        return KINDS[extends](spec, where, checked=shipped_tokens())
    return KINDS[extends](spec, where)


@lru_cache(maxsize=1)
def shipped_tokens() -> frozenset[str]:
    """The `tokens` of the shipped packs' rules (as their twin holds them): the test suite validates
    each, so a run compiles and checks for backtracking only the words and patterns a user's pack
    adds (by value: the same pattern in a user's pack is the same pattern)."""
    found: set[str] = set()
    for text in _twin_texts().values():
        for spec in json.loads(text).get("rules") or []:
            tokens = spec.get("tokens") if isinstance(spec, dict) else None
            found.update(t for t in tokens or () if isinstance(t, str))
    return frozenset(found)
