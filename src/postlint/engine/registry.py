"""The registry every rule comes through (`Rule` itself is in `model/rule.py`).

Built-in rules, third-party plugins (entry-point group `postlint.rules`), local
plugin modules named in config and declarative YAML packs are all loaded by the
same `Registry.load_object` path, so none of them is second-class.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any, Iterable, Iterator

from ..model.rule import CODE_RE, NAME_RE, RegistryError, Rule

ENTRY_POINT_GROUP = "postlint.rules"


@dataclass
class Registry:
    """Every known rule by code, with lookups by name and family."""

    rules: dict[str, type[Rule]] = field(default_factory=dict)
    by_name: dict[str, str] = field(default_factory=dict)
    #: the `data:` sections of every loaded pack, merged (rules read it as `ctx.pack_data`).
    data: dict[str, Any] = field(default_factory=dict)

    def __iter__(self) -> Iterator[type[Rule]]:
        return iter(sorted(self.rules.values(), key=lambda r: _code_key(r.code)))

    def __contains__(self, code: str) -> bool:
        return code in self.rules

    def get(self, code_or_name: str) -> type[Rule] | None:
        key = code_or_name.strip()
        if key.upper() in self.rules:
            return self.rules[key.upper()]
        code = self.by_name.get(key.lower())
        return self.rules.get(code) if code else None

    @property
    def families(self) -> set[str]:
        return {rule.family() for rule in self.rules.values()}

    # registration ----------------------------------------------------------------------

    def add(self, rule: type[Rule], origin: str) -> None:
        if not (isinstance(rule, type) and issubclass(rule, Rule)):
            raise RegistryError(f"{origin}: {rule!r} is not a postlint Rule class")
        if not CODE_RE.match(rule.code or ""):
            raise RegistryError(f"{origin}: rule {rule.__name__} has an invalid code {rule.code!r} (expected 2-5 capitals and 3 digits, e.g. ABC001)")
        if not NAME_RE.match(rule.name or ""):
            raise RegistryError(f"{origin}: rule {rule.code} has an invalid name {rule.name!r} (expected kebab-case)")
        existing = self.rules.get(rule.code)
        if existing is not None and existing is not rule:
            if existing.implemented or not rule.implemented:
                raise RegistryError(f"{origin}: rule code {rule.code} is already defined by {existing.origin}")
            self.by_name.pop(existing.name, None)
        if rule.name in self.by_name and self.by_name[rule.name] != rule.code:
            raise RegistryError(f"{origin}: rule name {rule.name!r} is already used by {self.by_name[rule.name]}")
        if rule.origin == "builtin" and origin != "builtin":
            rule.origin = origin
        self.rules[rule.code] = rule
        self.by_name[rule.name] = rule.code

    def load_object(self, obj: Any, origin: str) -> None:
        """Register a Rule class, an iterable of them, or a module exposing `RULES`."""
        if isinstance(obj, ModuleType):
            rules = getattr(obj, "RULES", None)
            if rules is None:
                rules = [v for v in vars(obj).values() if isinstance(v, type) and issubclass(v, Rule) and v is not Rule and v.code]
            obj = rules
        if isinstance(obj, type):
            self.add(obj, origin)
            return
        if callable(obj) and not isinstance(obj, (list, tuple)):
            obj = obj()
        try:
            items = list(obj)
        except TypeError:
            raise RegistryError(f"{origin}: expected a Rule class, a list of them or a module, got {type(obj).__name__}") from None
        for item in items:
            self.add(item, origin)

    def load_entry_points(self, third_party: bool = True) -> None:
        """Built-ins and installed plugins, through the one `postlint.rules` group (the built-ins
        only, when not `third_party`)."""
        seen_builtin = False
        for name, value in sorted(entry_points(ENTRY_POINT_GROUP), key=lambda e: e[0] != "builtin"):
            if name == "builtin":
                if seen_builtin or not value.startswith("postlint."):
                    continue
                seen_builtin = True
            elif not third_party:
                continue
            origin = "builtin" if name == "builtin" else f"plugin {name} ({value})"
            try:
                obj = load_reference(value)
            except Exception as exc:  # a broken plugin must not take the run down silently
                raise RegistryError(f"{origin}: cannot load: {type(exc).__name__}: {exc}") from None
            self.load_object(obj, origin)
        if not seen_builtin:  # running from a source tree that was never installed
            from ..rules import BUILTIN_RULES

            self.load_object(BUILTIN_RULES, "builtin")

    def load_module(self, name: str, root: Path) -> None:
        """A local plugin module named under `plugins:` in config (runs repository code)."""
        origin = f"plugin module {name}"
        added = str(root)
        sys.path.insert(0, added)
        try:
            module = importlib.import_module(name)
        except Exception as exc:
            raise RegistryError(f"{origin}: cannot import: {type(exc).__name__}: {exc}") from None
        finally:
            if added in sys.path:
                sys.path.remove(added)
        self.load_object(module, origin)

    def load_pack(self, path: Path | Any, label: str | None = None) -> None:
        from ..packs.loader import load_pack

        origin = label or str(path)
        for rule in load_pack(path, origin, self.data):
            self.add(rule, origin)

    # selection -----------------------------------------------------------------------

    def resolve(self, selector: str) -> set[str]:
        """Codes matched by `ALL`, a code, a family prefix (or any code prefix) or a name."""
        key = selector.strip()
        if not key:
            return set()
        if key.upper() == "ALL":
            return set(self.rules)
        upper = key.upper()
        if upper in self.rules:
            return {upper}
        if key.lower() in self.by_name:
            return {self.by_name[key.lower()]}
        prefixed = {code for code in self.rules if code.startswith(upper)}
        if prefixed and re.match(r"^[A-Z]{2,5}[0-9]{0,2}$", upper):
            return prefixed
        raise KeyError(selector)


def entry_points(group: str) -> list[tuple[str, str]]:
    """(name, "module:attr") of every installed entry point in `group`.

    The same answer as `importlib.metadata.entry_points(group=…)`, found by
    reading only the `entry_points.txt` files on `sys.path`: importing and
    running importlib.metadata costs more than the rest of a one-file check.
    """
    found: list[tuple[str, str]] = []
    seen: set[str] = set()
    header = f"[{group}]"
    for folder in sys.path:
        try:
            entries = os.scandir(folder or ".")
        except OSError:
            continue
        with entries:
            for entry in entries:
                if not entry.name.endswith((".dist-info", ".egg-info")):
                    continue
                project = entry.name.split("-", 1)[0].removesuffix(".egg").lower().replace(".", "_")
                if project in seen:
                    continue
                seen.add(project)
                try:
                    with open(os.path.join(entry.path, "entry_points.txt"), encoding="utf-8") as handle:
                        text = handle.read()
                except OSError:
                    continue
                if header not in text:
                    continue
                section = False
                for raw in text.splitlines():
                    line = raw.strip()
                    if line.startswith("["):
                        section = line == header
                    elif section and "=" in line and not line.startswith(("#", ";")):
                        name, value = line.split("=", 1)
                        found.append((name.strip(), value.strip()))
    return found


def load_reference(value: str) -> Any:
    """Import `module:attr.attr` (an entry point's value)."""
    module_name, _, attrs = value.partition(":")
    obj: Any = importlib.import_module(module_name.strip())
    for attr in filter(None, attrs.strip().split(".")):
        obj = getattr(obj, attr)
    return obj


def _code_key(code: str) -> tuple[int, str, str]:
    family = re.sub(r"[0-9]+$", "", code)
    order = ["PL", "FM", "IMG", "CTA", "LNK", "HD", "RD", "SEO"]
    return (order.index(family) if family in order else len(order), family, code)


#: set to 1 (or any value but 0) to run no plugin code: as `check --no-plugins`, everywhere
NO_PLUGINS_ENV = "POSTLINT_NO_PLUGINS"


def plugins_disabled(no_plugins: bool = False) -> bool:
    """`--no-plugins`, or `POSTLINT_NO_PLUGINS` set in the environment (CI on untrusted pull requests)."""
    return no_plugins or os.environ.get(NO_PLUGINS_ENV, "0").strip() not in ("", "0")


def build_registry(packs: Iterable[Path] = (), plugins: Iterable[str] = (), root: Path | None = None, *, no_plugins: bool = False) -> Registry:
    """Built-ins and entry points, the shipped packs, then the config's packs and plugins.

    With `no_plugins` (or `POSTLINT_NO_PLUGINS=1`) no code outside postlint is imported:
    neither installed `postlint.rules` entry points nor the config's `plugins:` modules.
    Packs are data and still load."""
    from ..packs.loader import shipped_packs

    run_plugins = not plugins_disabled(no_plugins)
    registry = Registry()
    registry.load_entry_points(third_party=run_plugins)
    for resource, label in shipped_packs():
        registry.load_pack(resource, label)
    for pack in packs:
        registry.load_pack(pack)
    for module in plugins if run_plugins else ():
        registry.load_module(module, root or Path.cwd())
    return registry
