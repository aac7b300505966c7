"""Configuration: defaults < `[tool.postlint]` or `.postlint.yaml` < CLI flags.

Each file is linted with the config nearest to it (`Configs`), found by walking
up from its folder, as in Ruff; the run's own settings (fail-on, cache, jobs)
come from the config nearest the working directory, or `--config`, which then
applies to every file. A config may `extend` another (a parent folder's): its
keys override the other's, `extend-select`/`extend-exclude` add to them, and
tables (`site`, `links`, `fields`, rule options) merge key by key; paths the other
file sets stay relative to that file. Unknown keys, codes and rule options are
errors that name the file and the key.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from .lazyregex import lazy_regex
from .boundedload import TooBig, Unreadable, load_yaml, read_small_text, yaml_problem
from .findings import Severity
from .generators import GENERATOR_NAMES, SiteSettings, read_site

CONFIG_FILES = (".postlint.yaml", ".postlint.yml", "pyproject.toml")

TOP_KEYS = {
    "extend",
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
    "profile",
    "templates",
}
SITE_KEYS = {"url", "static-dirs", "permalink", "content-root", "generator"}
LINK_KEYS = {
    "timeout",
    "retries",
    "max-concurrency",
    "per-host",
    "cache-max-age",
    "accept",
    "exclude",
    "allow-private",
    "user-agent",
    "deadline",
    "max-retry-after",
    "host-timeouts",
}
FIELDS_KEYS = {"strict", "types"}
FIELD_TYPES = {"string", "list", "date", "boolean", "integer", "number", "mapping"}
#: keys (top-level, or `site.` ones) that hold paths relative to the config's folder
PATH_KEYS = {"content-dirs", "packs", "cache-dir"}
SITE_PATH_KEYS = {"static-dirs", "content-root"}
#: keys whose list adds to the extended config's list
EXTENDING_KEYS = {"extend-select", "extend-exclude"}
#: tables merged key by key with the extended config's (and every rule option table)
TABLE_KEYS = {"site", "links", "fields", "severity", "per-file-ignores"}
#: how many configs an `extend` chain may hold
MAX_EXTEND_DEPTH = 16

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
    "user-agent": "postlint (+https://github.com/postlint/postlint)",
    "deadline": 120.0,
    "max-retry-after": 10.0,
    "host-timeouts": 3,
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
    #: `site.generator`: auto (detect), none, or a generator name
    generator: str = "auto"
    #: what the generator's own config says (filled by `apply_generator`; `none` until then)
    site: SiteSettings = field(default_factory=SiteSettings)
    #: the folder of the generator's config when it is above this config's own folder (a config in
    #: a subfolder of a Hugo or Jekyll project): the site's URLs and conventions are computed from it
    site_root: Path | None = None
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
    #: the kind of site (`profiles.PROFILES`): rule defaults laid under the config's own tables
    profile: str = "blog"
    #: the built site (`check --site-dir`): internal links outside the index are checked against its files
    built_dir: str | None = None
    #: a site's own image and link shortcodes (`templates.shortcodes`), on top of the built-in ones
    shortcodes: dict[str, Any] = field(default_factory=dict)
    no_plugins: bool = False  # `check --no-plugins` (not a config key: the config may be a stranger's)

    def resolve_path(self, value: str) -> Path:
        path = Path(value).expanduser()
        return path if path.is_absolute() else self.root / path

    @property
    def site_folder(self) -> Path:
        """Where the site's generator config lives: the root URLs and conventions are computed from."""
        return self.site_root or self.root

    def fingerprint(self) -> str:
        """A stable text of everything that changes findings, for the cache key."""
        import json

        data = {k: v for k, v in vars(self).items() if k not in ("root", "source", "jobs", "cache_dir", "cache_dir_given")}
        return json.dumps(data, sort_keys=True, default=str)


def _site_excludes(patterns: tuple[str, ...], folder: Path, root: Path) -> list[str]:
    """The generator's excludes (relative to its own config's `folder`) as patterns of the postlint
    config's `root`: a name stays a name (any part of a path); a path or an anchored name (`/data`)
    is moved to `root`'s view, and dropped when it lies outside it (a generator's config above `root`)."""
    if folder == root:
        return list(patterns)
    base = str(root).rstrip(os.sep) + os.sep
    found: list[str] = []
    for pattern in patterns:
        bare = pattern.strip("/")
        if not pattern.startswith("/") and "/" not in bare:
            found.append(pattern)
            continue
        target = os.path.normpath(os.path.join(str(folder), bare))
        if target.startswith(base):
            found.append("/" + target[len(base):].replace(os.sep, "/"))
    return found


def find_config(start: Path) -> Path | None:
    """The nearest `.postlint.yaml`/`.postlint.yml`, or `pyproject.toml` with `[tool.postlint]`.

    A `pyproject.toml` that names `tool.postlint` but is not valid TOML is an error (exit 2):
    skipping it would run with the defaults and drop its `ignore`, `fail-on` and `exclude`.
    """
    for folder in [start, *start.parents]:
        found = config_in(folder)
        if found is not None:
            return found
    return None


def config_in(folder: Path) -> Path | None:
    """The folder's own config file, if it has one (in `CONFIG_FILES` order). A `pyproject.toml`
    that names `tool.postlint` but is not valid TOML is an error (exit 2)."""
    for name in CONFIG_FILES:
        candidate = folder / name
        if not candidate.is_file():
            continue
        if name == "pyproject.toml":
            import tomllib

            try:
                text = candidate.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            if "postlint" not in text:
                continue  # most pyproject.toml files: no need to parse
            try:
                data = tomllib.loads(text)
            except tomllib.TOMLDecodeError as exc:
                if _POSTLINT_TABLE().search(text):
                    raise ConfigError(_toml_error(candidate, exc, text)) from None
                continue
            if "postlint" not in data.get("tool", {}):
                continue
        return candidate
    return None


#: a `[tool.postlint]` table (or a sub-table, or a dotted `tool.postlint.x = …` key) in TOML text
_POSTLINT_TABLE = lazy_regex(r"^\s*(?:\[\s*tool\s*\.\s*postlint\b|tool\s*\.\s*postlint\b)", re.MULTILINE)
_TOML_AT = lazy_regex(r"\s*\((?:at line (\d+), column (\d+)|at end of document)\)$")


def _toml_error(path: Path, exc: Exception, source: str) -> str:
    """`path:line: invalid TOML: problem`, the line read from tomllib's message."""
    text = str(exc)
    found = _TOML_AT().search(text)
    if found is None:
        return f"{path}: invalid TOML: {text}"
    if found.group(1) is None:  # the document ended too early: its last line
        return f"{path}:{max(1, len(source.splitlines()))}: invalid TOML: {text[: found.start()]} (at the end of the file)"
    return f"{path}:{found.group(1)}: invalid TOML: {text[: found.start()]} (column {found.group(2)})"


def read_config_file(path: Path) -> dict[str, Any]:
    try:
        text = read_small_text(path, "utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (Unreadable, TooBig) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from None
    if path.suffix == ".toml":
        import tomllib

        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(_toml_error(path, exc, text)) from None
        if path.name == "pyproject.toml":
            section = data.get("tool", {}).get("postlint", {})
        else:
            section = data.get("tool", {}).get("postlint", data)
        if not isinstance(section, dict):
            raise ConfigError(f"{path}: [tool.postlint] must be a table")
        return section
    try:
        data, _ = load_yaml(text, "the config")
    except TooBig as exc:
        raise ConfigError(f"{path}: {exc}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}{yaml_problem(exc, columns=False)}") from None
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
        return apply_generator(Config(root=cwd))
    if explicit and not path.exists():
        raise ConfigError(f"{explicit}: config file not found")
    return load_file(path)


def load_file(path: Path) -> Config:
    """The config of one file, with the configs it extends and the settings of the generator detected beside it."""
    return apply_generator(from_mapping(read_extended(path), root=path.parent, source=path))


def read_extended(path: Path, chain: tuple[Path, ...] = ()) -> dict[str, Any]:
    """The file's mapping merged onto the mapping of the config it `extend`s (recursively)."""
    raw = dict(read_config_file(path))
    parent_ref = raw.pop("extend", None)
    if parent_ref is None:
        return raw
    if not isinstance(parent_ref, str) or not parent_ref.strip():
        raise ConfigError(f"{path}: key `extend` must be the path of another config file")
    parent = (path.parent / Path(parent_ref).expanduser()).resolve()
    if parent == path or parent in chain:
        raise ConfigError(f"{path}: `extend` makes a cycle through {parent}")
    if len(chain) >= MAX_EXTEND_DEPTH:
        raise ConfigError(f"{path}: `extend` chain longer than {MAX_EXTEND_DEPTH} files")
    if not parent.is_file():
        raise ConfigError(f"{path}: `extend`: {parent_ref}: config file not found")
    base = _rebased(read_extended(parent, (*chain, path)), parent.parent)
    return _merged(base, raw)


def _absolute(value: Any, folder: Path) -> Any:
    """A path value (or list of them) made absolute against `folder`; other values as they are."""
    if isinstance(value, str):
        path = Path(value).expanduser()
        return str(path if path.is_absolute() else folder / path)
    if isinstance(value, list):
        return [_absolute(item, folder) for item in value]
    return value


def _rebased(raw: dict[str, Any], folder: Path) -> dict[str, Any]:
    """An extended config's path values, absolute: they stay relative to the file that sets them."""
    out = dict(raw)
    for key in PATH_KEYS & out.keys():
        out[key] = _absolute(out[key], folder)
    site = out.get("site")
    if isinstance(site, dict):
        out["site"] = {key: _absolute(value, folder) if key in SITE_PATH_KEYS else value for key, value in site.items()}
    return out


def _merged(base: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in child.items():
        old = out.get(key)
        if key in EXTENDING_KEYS and isinstance(old, list) and isinstance(value, list):
            out[key] = [*old, *value]
        elif (key in TABLE_KEYS or key not in TOP_KEYS) and isinstance(old, dict) and isinstance(value, dict):
            out[key] = {**old, **value}
        else:
            out[key] = value
    return out


class Configs:
    """The config of each file: the nearest config file to it (found once per folder), with the
    command line's overrides; `explicit` (from `--config`) applies to every file. A file with
    no config file above it gets `base`, the working directory's."""

    def __init__(self, base: Config, *, explicit: bool = False, overrides: dict[str, Any] | None = None) -> None:
        self.base = base
        self.explicit = explicit
        self.overrides = overrides or {}
        self._by_dir: dict[str, Config] = {}
        self._by_file: dict[Path, Config] = {} if base.source is None else {base.source: base}

    def for_dir(self, folder: str | Path) -> Config:
        """The config that applies to the files of `folder`."""
        if self.explicit:
            return self.base
        key = os.path.abspath(folder)
        unknown: list[str] = []  # folders without a file of their own: they get the answer found above them
        found = self._by_dir.get(key)
        while found is None:  # each folder looked at once per run
            path = config_in(Path(key))
            if path is not None:
                found = self._load(path)
                break
            unknown.append(key)
            parent = os.path.dirname(key)
            found = self.base if parent == key else self._by_dir.get(parent)
            key = parent
        for folder_key in unknown:
            self._by_dir[folder_key] = found
        if key not in self._by_dir:
            self._by_dir[key] = found
        return found

    def for_path(self, path: str | Path) -> Config:
        """The config that applies to the file `path`."""
        return self.base if self.explicit else self.for_dir(os.path.dirname(os.path.abspath(path)))

    def single(self) -> Config | None:
        """The config of every folder asked about so far, when that is one config (a site without
        folder configs: its files need no grouping); None when folders differ."""
        if self.explicit:
            return self.base
        found = set(map(id, self._by_dir.values()))
        return self.base if found <= {id(self.base)} else (next(iter(self._by_dir.values())) if len(found) == 1 else None)

    def groups(self, files: list[Path]) -> list[tuple[Config, list[Path]]]:
        """The files grouped by the config that applies to each, in first-seen order."""
        if self.explicit:
            return [(self.base, list(files))] if files else []
        found: dict[int, tuple[Config, list[Path]]] = {}
        by_folder: dict[str, Config] = {}  # a site's posts share a few folders: each asked once
        for path in files:
            folder = os.path.dirname(path)
            config = by_folder.get(folder)
            if config is None:
                config = by_folder[folder] = self.for_dir(os.path.dirname(os.path.abspath(path)))
            found.setdefault(id(config), (config, []))[1].append(path)
        return list(found.values())

    def _load(self, path: Path) -> Config:
        path = path.resolve()
        config = self._by_file.get(path)
        if config is None:
            config = self._by_file[path] = with_overrides(load_file(path), **self.overrides)
        return config


def apply_generator(config: Config) -> Config:
    """Detect the generator at the config's root, read its config and fill every site setting the user left unset.

    Explicit postlint config always wins: `site.url`, `site.content-root`,
    `site.static-dirs` and `content-dirs` are taken from the generator only when
    absent; its template and data folders are added to `exclude`.
    """
    if config.generator == "none":
        return config
    folder = config.root
    site = read_site(folder, config.generator)
    if site.generator == "none" and config.generator == "auto":
        folder, site = _generator_above(config.root)
    if site.generator == "none":
        return config

    def here(value: str) -> str:  # the generator's folders are relative to its own config's folder
        return value if folder == config.root else str(folder / value)

    excludes = _site_excludes(site.exclude, folder, config.root)
    changes: dict[str, Any] = {"site": site, "exclude": [*config.exclude, *(e for e in excludes if e not in config.exclude)]}
    if folder != config.root:
        changes["site_root"] = folder
    if config.site_url is None and site.url:
        changes["site_url"] = site.url
    if config.content_root is None and site.content_root:
        changes["content_root"] = here(site.content_root)
    if config.static_dirs is None and site.static_dirs:
        changes["static_dirs"] = [here(d) for d in site.static_dirs]
    if not config.content_dirs and site.content_dirs:
        changes["content_dirs"] = [here(d) for d in site.content_dirs]
    return replace(config, **changes)


def _generator_above(root: Path) -> tuple[Path, SiteSettings]:
    """A generator detected in a folder above `root`, up to the git repository's root (a config
    in a subfolder of a Hugo or Jekyll project); nothing is looked for outside a repository."""
    repository = next((folder for folder in (root, *root.parents) if (folder / ".git").exists()), None)
    if repository is not None and repository != root:
        for folder in root.parents:
            site = read_site(folder, "auto")
            if site.generator != "none":
                return folder, site
            if folder == repository:
                break
    return root, SiteSettings()


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
    # `exclude` before `extend-exclude`, whatever order a merge of extended configs left them in
    for key, value in sorted(raw.items(), key=lambda item: item[0] == "extend-exclude"):
        where = f"{label}: key `{key}`"
        if not isinstance(key, str):
            raise ConfigError(f"{label}: unknown key {key!r}")
        if key not in TOP_KEYS:
            rule_tables[key] = value
            continue
        if value is None or key == "extend":  # `key:` with everything below commented out; `extend`: read_extended
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
        elif key == "profile":
            from .profiles import PROFILES

            if value not in PROFILES:
                raise ConfigError(f"{where}: {value!r} is not one of {', '.join(PROFILES)}")
            config.profile = value
        elif key == "templates":
            _templates(config, value, where)
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
        elif key == "generator":
            if item not in GENERATOR_NAMES:
                raise ConfigError(f"{where}: `site.generator` must be one of {', '.join(GENERATOR_NAMES)}, got {item!r}")
            config.generator = item


def _templates(config: Config, value: Any, where: str) -> None:
    from .shortcodes import shortcode_specs

    if not isinstance(value, dict) or set(map(str, value)) - {"shortcodes"}:
        raise ConfigError(f"{where} must be a mapping with the key `shortcodes`")
    try:
        config.shortcodes = shortcode_specs(value.get("shortcodes") or {}, f"{where} `templates.shortcodes`")
    except ValueError as exc:
        raise ConfigError(str(exc)) from None


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
    if key in ("timeout", "max-concurrency", "per-host", "deadline", "host-timeouts") and item <= 0:
        raise ConfigError(f"{where}: `links.{key}` must be greater than 0, got {item!r}")
    if key in ("retries", "cache-max-age", "max-retry-after") and item < 0:
        raise ConfigError(f"{where}: `links.{key}` must not be negative, got {item!r}")
    if key == "accept":
        for status in item:
            if not isinstance(status, int) or isinstance(status, bool) or not 100 <= status <= 599:
                raise ConfigError(f"{where}: `links.accept` must list HTTP status codes (100-599), got {status!r}")
    if key == "exclude":
        from .regexguard import risk  # only a config with `links.exclude` patterns needs it

        for pattern in item:
            if not isinstance(pattern, str):
                raise ConfigError(f"{where}: `links.exclude` must list regular expressions, got {pattern!r}")
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ConfigError(f"{where}: `links.exclude`: invalid regular expression {pattern!r}: {exc}") from None
            problem = risk(pattern)
            if problem:
                raise ConfigError(f"{where}: `links.exclude`: {pattern!r} can take exponential time: {problem}")


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
                if not isinstance(kind, str) or kind not in FIELD_TYPES:
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
