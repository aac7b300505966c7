"""Configuration: defaults < `[tool.postlint]` or `.postlint.yaml` < CLI flags.

The file is found by walking up from the working directory. Unknown keys,
codes and rule options are errors that name the file and the key.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

try:  # the C loader is several times faster than the pure-Python one
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader  # type: ignore[assignment]

from .findings import Severity

CONFIG_FILES = (".postlint.yaml", ".postlint.yml", "pyproject.toml")

TOP_KEYS = {
    "select",
    "extend-select",
    "ignore",
    "severity",
    "fail-on",
    "exclude",
    "extend-exclude",
    "per-file-ignores",
    "content-dirs",
    "site",
    "packs",
    "plugins",
    "links",
    "fields",
    "cache-dir",
    "jobs",
    "respect-gitignore",
}
SITE_KEYS = {"url", "static-dirs", "permalink", "content-root"}
LINK_KEYS = {"timeout", "retries", "max-concurrency", "per-host", "cache-max-age", "accept", "exclude", "allow-private", "user-agent"}
FIELDS_KEYS = {"strict", "types"}
FIELD_TYPES = {"string", "list", "date", "boolean", "integer", "number", "mapping"}

DEFAULT_EXCLUDE = [".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".tox", ".postlint_cache"]
DEFAULT_LINKS: dict[str, Any] = {
    "timeout": 10.0,
    "retries": 2,
    "max-concurrency": 32,
    "per-host": 4,
    "cache-max-age": 86400,
    "accept": [200, 204, 206],
    "exclude": [],
    "allow-private": False,
    "user-agent": "postlint (+https://pypi.org/project/postlint/)",
}


class ConfigError(Exception):
    """A user mistake in configuration; printed as one line, exit code 2."""


@dataclass
class Config:
    """The effective configuration of one run."""

    root: Path
    source: Path | None = None
    select: list[str] = field(default_factory=lambda: ["ALL"])
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: Severity = Severity.WARNING
    exclude: list[str] = field(default_factory=lambda: list(DEFAULT_EXCLUDE))
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    content_dirs: list[str] = field(default_factory=list)
    site_url: str | None = None
    static_dirs: list[str] | None = None
    permalink: str | None = None
    content_root: str | None = None
    packs: list[str] = field(default_factory=list)
    plugins: list[str] = field(default_factory=list)
    links: dict[str, Any] = field(default_factory=lambda: dict(DEFAULT_LINKS))
    fields_strict: bool = False
    field_types: dict[str, str] = field(default_factory=dict)
    rule_options: dict[str, Any] = field(default_factory=dict)  # code or name -> options
    cache_dir: str = ".postlint_cache"
    #: `cache_dir` came from the command line (`--cache-dir`): it may lie outside the project
    cache_dir_given: bool = False
    jobs: int = 0
    respect_gitignore: bool = True

    def resolve_path(self, value: str) -> Path:
        path = Path(value).expanduser()
        return path if path.is_absolute() else self.root / path

    def fingerprint(self) -> str:
        """A stable text of everything that changes findings, for the cache key."""
        import json

        data = {k: v for k, v in vars(self).items() if k not in ("root", "source", "jobs", "cache_dir", "cache_dir_given")}
        return json.dumps(data, sort_keys=True, default=str)


def find_config(start: Path) -> Path | None:
    """The nearest `.postlint.yaml`/`.postlint.yml`, or `pyproject.toml` with `[tool.postlint]`."""
    for folder in [start, *start.parents]:
        for name in CONFIG_FILES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            if name == "pyproject.toml":
                import tomllib

                try:
                    text = candidate.read_text(encoding="utf-8")
                    if "postlint" not in text:
                        continue  # most pyproject.toml files: no need to parse
                    data = tomllib.loads(text)
                except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                    continue
                if "postlint" not in data.get("tool", {}):
                    continue
            return candidate
    return None


def read_config_file(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from None
    if path.suffix == ".toml":
        import tomllib

        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: invalid TOML: {exc}") from None
        if path.name == "pyproject.toml":
            section = data.get("tool", {}).get("postlint", {})
        else:
            section = data.get("tool", {}).get("postlint", data)
        if not isinstance(section, dict):
            raise ConfigError(f"{path}: [tool.postlint] must be a table")
        return section
    try:
        data = yaml.load(text, Loader=SafeLoader)  # noqa: S506 (the safe loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise ConfigError(f"{path}{where}: invalid YAML: {getattr(exc, 'problem', None) or exc}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the config must be a mapping of keys")
    return data


def load_config(explicit: str | None = None, cwd: Path | None = None) -> Config:
    """Find and read the config (or `explicit`), returning a Config (not yet validated against rules)."""
    cwd = (cwd or Path.cwd()).resolve()
    path = Path(explicit).resolve() if explicit else find_config(cwd)
    if path is None:
        return Config(root=cwd)
    if explicit and not path.is_file():
        raise ConfigError(f"{explicit}: config file not found")
    raw = read_config_file(path)
    return from_mapping(raw, root=path.parent, source=path)


def _strings(value: Any, where: str) -> list[str]:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [v.strip() for v in value]
    raise ConfigError(f"{where} must be a list of strings")


def from_mapping(raw: dict[str, Any], root: Path, source: Path | None = None) -> Config:
    label = str(source) if source else "config"
    config = Config(root=Path(root), source=source)
    rule_tables: dict[str, Any] = {}
    for key, value in raw.items():
        where = f"{label}: key `{key}`"
        if not isinstance(key, str):
            raise ConfigError(f"{label}: unknown key {key!r}")
        if key not in TOP_KEYS:
            rule_tables[key] = value
            continue
        if value is None:  # `key:` with everything below commented out
            continue
        if key == "select":
            config.select = _strings(value, where)
        elif key == "extend-select":
            config.extend_select = _strings(value, where)
        elif key == "ignore":
            config.ignore = _strings(value, where)
        elif key == "severity":
            if not isinstance(value, dict):
                raise ConfigError(f"{where} must map rule codes to error, warning or info")
            for code, level in value.items():
                try:
                    Severity.parse(str(level))
                except ValueError:
                    raise ConfigError(f"{label}: severity of {code}: {level!r} is not error, warning or info") from None
                config.severity[str(code)] = str(level).lower()
        elif key == "fail-on":
            try:
                config.fail_on = Severity.parse(str(value))
            except ValueError:
                raise ConfigError(f"{where}: {value!r} is not error, warning or info") from None
        elif key == "exclude":
            config.exclude = _strings(value, where)
        elif key == "extend-exclude":
            config.exclude = config.exclude + _strings(value, where)
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise ConfigError(f"{where} must map globs to lists of codes")
            config.per_file_ignores = {str(k): _strings(v, f"{where} `{k}`") for k, v in value.items()}
        elif key == "content-dirs":
            config.content_dirs = _strings(value, where)
        elif key == "site":
            _site(config, value, where)
        elif key == "packs":
            config.packs = _strings(value, where)
        elif key == "plugins":
            config.plugins = _strings(value, where)
        elif key == "links":
            _links(config, value, where)
        elif key == "fields":
            _fields(config, value, where)
        elif key == "cache-dir":
            if not isinstance(value, str):
                raise ConfigError(f"{where} must be a path")
            config.cache_dir = value
        elif key == "jobs":
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ConfigError(f"{where} must be a whole number (0 = one per CPU)")
            config.jobs = value
        elif key == "respect-gitignore":
            if not isinstance(value, bool):
                raise ConfigError(f"{where} must be true or false")
            config.respect_gitignore = value
    for key, value in rule_tables.items():
        config.rule_options[key] = value  # checked against the registry by engine.select_rules
    return config


def _site(config: Config, value: Any, where: str) -> None:
    if not isinstance(value, dict):
        raise ConfigError(f"{where} must be a mapping")
    for key, item in value.items():
        if key not in SITE_KEYS:
            raise ConfigError(f"{where}: unknown key `site.{key}` (allowed: {', '.join(sorted(SITE_KEYS))})")
        if key == "static-dirs":
            config.static_dirs = _strings(item, f"{where} `site.static-dirs`")
            continue
        if not isinstance(item, str):
            raise ConfigError(f"{where}: `site.{key}` must be a string")
        if key == "url":
            config.site_url = item.rstrip("/")
        elif key == "permalink":
            config.permalink = item
        elif key == "content-root":
            config.content_root = item


def _links(config: Config, value: Any, where: str) -> None:
    if not isinstance(value, dict):
        raise ConfigError(f"{where} must be a mapping")
    for key, item in value.items():
        if key not in LINK_KEYS:
            raise ConfigError(f"{where}: unknown key `links.{key}` (allowed: {', '.join(sorted(LINK_KEYS))})")
        expected = type(DEFAULT_LINKS[key])
        if expected is float and isinstance(item, int) and not isinstance(item, bool):
            item = float(item)
        if expected is list:
            if not isinstance(item, list):
                raise ConfigError(f"{where}: `links.{key}` must be a list")
        elif not isinstance(item, expected) or (expected is int and isinstance(item, bool)):
            raise ConfigError(f"{where}: `links.{key}` must be {expected.__name__}, got {item!r}")
        _check_link_value(key, item, where)
        config.links[key] = item


def _check_link_value(key: str, item: Any, where: str) -> None:
    """Values `--check-links` could not use: named here, before any request is sent."""
    import re

    if key in ("timeout", "max-concurrency", "per-host") and item <= 0:
        raise ConfigError(f"{where}: `links.{key}` must be greater than 0, got {item!r}")
    if key in ("retries", "cache-max-age") and item < 0:
        raise ConfigError(f"{where}: `links.{key}` must not be negative, got {item!r}")
    if key == "accept":
        for status in item:
            if not isinstance(status, int) or isinstance(status, bool) or not 100 <= status <= 599:
                raise ConfigError(f"{where}: `links.accept` must list HTTP status codes (100-599), got {status!r}")
    if key == "exclude":
        for pattern in item:
            if not isinstance(pattern, str):
                raise ConfigError(f"{where}: `links.exclude` must list regular expressions, got {pattern!r}")
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ConfigError(f"{where}: `links.exclude`: invalid regular expression {pattern!r}: {exc}") from None


def _fields(config: Config, value: Any, where: str) -> None:
    if not isinstance(value, dict):
        raise ConfigError(f"{where} must be a mapping with `strict` and `types`")
    for key, item in value.items():
        if key not in FIELDS_KEYS:
            raise ConfigError(f"{where}: unknown key `fields.{key}` (allowed: strict, types)")
        if key == "strict":
            if not isinstance(item, bool):
                raise ConfigError(f"{where}: `fields.strict` must be true or false")
            config.fields_strict = item
        else:
            if not isinstance(item, dict):
                raise ConfigError(f"{where}: `fields.types` must map field names to types")
            for name, kind in item.items():
                if kind not in FIELD_TYPES:
                    raise ConfigError(f"{where}: `fields.types.{name}`: {kind!r} is not one of {', '.join(sorted(FIELD_TYPES))}")
                config.field_types[str(name)] = kind


def with_overrides(config: Config, **overrides: Any) -> Config:
    """CLI flags on top of the file: later wins, `extend_*` appends."""
    changes: dict[str, Any] = {}
    for key, value in overrides.items():
        if value is None:
            continue
        if key in ("extend_select", "ignore") and value:
            changes[key] = [*getattr(config, key), *value]
        else:
            changes[key] = value
    return replace(config, **changes)
