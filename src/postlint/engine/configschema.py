"""The JSON Schema of the config (`docs/postlint.schema.json`, `postlint schema`), built from
the config module's keys and the registry's rules and options: editors (the YAML language
server, Even Better TOML) complete and check `.postlint.yaml` and `[tool.postlint]` with it.

A key the config module accepts and this module does not describe stops generation (so a
new key cannot go undocumented); a test fails when the committed file is stale.
"""

from __future__ import annotations

from typing import Any

from ..model import config as cfg
from ..model.generators import GENERATOR_NAMES
from ..model.profiles import PROFILES
from ..model.project import schema_url
from ..model.rule import Rule
from .registry import Registry

DRAFT = "http://json-schema.org/draft-07/schema#"
STRINGS: dict[str, Any] = {"type": "array", "items": {"type": "string"}}
LEVEL: dict[str, Any] = {"enum": ["error", "warning", "info"]}

TOP: dict[str, tuple[dict[str, Any], str]] = {
    "extend": ({"type": "string"}, "Path of another config file (a parent folder's) whose settings this one starts from."),
    "templates": (
        {
            "type": "object",
            "properties": {
                "shortcodes": {
                    "type": "object",
                    "additionalProperties": {
                        "type": "object",
                        "properties": {
                            "kind": {"enum": ["image", "link"]},
                            "src": {"anyOf": [{"type": "string"}, {"type": "integer", "minimum": 0}]},
                            "alt": {"anyOf": [{"type": "string"}, {"type": "integer", "minimum": 0}]},
                            "fallback-alt": {"anyOf": [{"type": "string"}, {"type": "integer", "minimum": 0}]},
                        },
                        "required": ["kind"],
                        "additionalProperties": False,
                    },
                }
            },
            "additionalProperties": False,
        },
        "A site's own image and link shortcodes (docs/templates.md): name -> kind, src and alt argument (name or position).",
    ),
    "profile": ({"enum": list(PROFILES)}, "The kind of site, which tunes some rules' defaults (docs/profiles.md); `blog` without this key."),
    "select": ({"$ref": "#/definitions/selectors"}, "Rules to run: codes (FM005), families (FM), names (title-length) or ALL."),
    "extend-select": ({"$ref": "#/definitions/selectors"}, "Rules to run on top of `select`."),
    "ignore": ({"$ref": "#/definitions/selectors"}, "Rules not to run."),
    "severity": ({"type": "object", "additionalProperties": LEVEL}, "A rule's severity, by code, family or name."),
    "fail-on": (LEVEL, "Lowest severity that makes the exit code 1."),
    "exclude": (STRINGS, "Globs of paths to skip (replaces the defaults: .git, node_modules, …)."),
    "extend-exclude": (STRINGS, "Globs of paths to skip, on top of `exclude`."),
    "per-file-ignores": (
        {"type": "object", "additionalProperties": {"$ref": "#/definitions/selectors"}},
        "Rules not to run on the files a glob matches.",
    ),
    "content-dirs": (STRINGS, "Folders holding the posts: what `postlint` without paths lints, and the site index."),
    "site": ({"$ref": "#/definitions/site"}, "The site: its URL, static folders, permalinks."),
    "packs": (STRINGS, "Rule pack files or folders to load."),
    "plugins": (STRINGS, "Python modules with rules to load (they run repository code)."),
    "links": ({"$ref": "#/definitions/links"}, "How `--check-links` checks external links."),
    "fields": ({"$ref": "#/definitions/fields"}, "The front-matter schema for FM004 and FM008."),
    "cache-dir": ({"type": "string"}, "Where the results cache lives."),
    "jobs": ({"type": "integer", "minimum": 0}, "Worker processes (0: one per CPU)."),
    "respect-gitignore": ({"type": "boolean"}, "Skip files git ignores (.gitignore files, .git/info/exclude, global excludes)."),
}
SITE: dict[str, dict[str, Any]] = {
    "url": {"type": "string", "description": "The site's URL: absolute links to it are internal links."},
    "static-dirs": {**STRINGS, "description": "Folders where root-absolute image paths (/media/…) live."},
    "permalink": {"type": "string", "description": "How a post's URL is built, e.g. /blog/{slug}/."},
    "content-root": {"type": "string", "description": "The folder post URLs are relative to."},
    "generator": {
        "enum": list(GENERATOR_NAMES),
        "description": "The static-site generator whose conventions apply; `auto` detects it from the project root.",
    },
}
FIELDS: dict[str, dict[str, Any]] = {
    "strict": {"type": "boolean", "description": "FM008 reports fields that are neither known nor in `types`."},
    "types": {"type": "object", "additionalProperties": {"enum": sorted(cfg.FIELD_TYPES)}, "description": "Field name -> type."},
}


def _value_schema(default: Any) -> dict[str, Any]:
    """The schema of a value whose default is `default` (as the config code checks it)."""
    if isinstance(default, bool):
        return {"type": "boolean"}
    if isinstance(default, (int, float)):
        return {"type": "number"}
    if isinstance(default, str):
        return {"type": "string"}
    if isinstance(default, (list, tuple)):
        return {"type": "array"}
    if isinstance(default, dict):
        return {"type": "object"}
    return {}


def _rule_schema(rule: type[Rule]) -> dict[str, Any]:
    options = {key: option.schema() for key, option in rule.declared_options().items()}
    return {
        "type": "object",
        "description": f"{rule.code} ({rule.name}) options: {rule.summary}.",
        "properties": options,
        "additionalProperties": False,
    }


def _checked(described: set[str], accepted: set[str], where: str) -> None:
    if described != accepted:
        raise RuntimeError(f"configschema: {where} keys differ from config.py: {sorted(described ^ accepted)}")


def config_schema(registry: Registry) -> dict[str, Any]:
    _checked(set(TOP), cfg.TOP_KEYS, "top-level")
    _checked(set(SITE), cfg.SITE_KEYS, "site")
    _checked(set(FIELDS), cfg.FIELDS_KEYS, "fields")
    _checked(set(cfg.DEFAULT_LINKS), cfg.LINK_KEYS, "links")
    rules = list(registry)
    selectors = sorted({"ALL", *registry.families, *(r.code for r in rules), *(r.name for r in rules)})
    # `key:` with everything under it commented out is null, which postlint reads as unset
    properties: dict[str, Any] = {key: {"anyOf": [schema, {"type": "null"}], "description": text} for key, (schema, text) in TOP.items()}
    definitions: dict[str, Any] = {
        "selectors": {
            "description": "Rule codes, family or code prefixes, names, or ALL (a list, or one string separated by commas).",
            "anyOf": [
                {"type": "array", "items": {"anyOf": [{"enum": selectors}, {"type": "string", "pattern": "^[A-Za-z]{2,5}[0-9]{0,3}$"}]}},
                {"type": "string"},
            ],
        },
        "site": {"type": "object", "properties": SITE, "additionalProperties": False},
        "links": {
            "type": "object",
            "properties": {key: {**_value_schema(value), "default": value} for key, value in cfg.DEFAULT_LINKS.items()},
            "additionalProperties": False,
        },
        "fields": {"type": "object", "properties": FIELDS, "additionalProperties": False},
    }
    for rule in rules:
        if not rule.options:
            continue
        definitions[rule.code] = _rule_schema(rule)
        properties[rule.code] = properties[rule.name] = {"$ref": f"#/definitions/{rule.code}"}
    return {
        "$schema": DRAFT,
        "$id": schema_url(),
        "title": "postlint configuration (.postlint.yaml, or [tool.postlint] in pyproject.toml)",
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
        "definitions": definitions,
    }
