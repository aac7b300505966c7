"""The config's JSON Schema: generated from config.py and the registry (drift test), and it
accepts what postlint accepts and rejects what postlint rejects."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from conftest import ROOT
from postlint.cli.main import main, starter_template
from postlint.engine.configschema import config_schema
from postlint.engine.linter import select_rules
from postlint.engine.registry import build_registry
from postlint.model.config import ConfigError, from_mapping

SCHEMA_FILE = ROOT / "docs" / "postlint.schema.json"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    schema = config_schema(build_registry())
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def test_the_committed_schema_is_generated() -> None:
    done = subprocess.run([sys.executable, "-m", "postlint", "schema"], cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout == SCHEMA_FILE.read_text(encoding="utf-8"), "stale: run `postlint schema > docs/postlint.schema.json`"


def accepted_by_postlint(data: dict[str, Any]) -> bool:
    try:
        select_rules(from_mapping(data, root=Path(".")), build_registry())
    except ConfigError:
        return False
    return True


GOOD: list[dict[str, Any]] = [
    {"select": ["FM", "IMG001", "title-length"], "ignore": "LNK004, LNK005", "fail-on": "error"},
    {"extend": "../.postlint.yaml", "extend-exclude": ["drafts"], "severity": {"FM011": "info"}},
    {"site": {"url": "https://a.example", "static-dirs": ["static"], "permalink": "/blog/{slug}/"}},
    {"FM005": {"min": 25, "max": 70}, "image-alt-quality": {"placeholders": ["img"]}},
    {"links": {"timeout": 5, "accept": [200]}, "fields": {"strict": True, "types": {"author": "string"}}, "jobs": 2},
    {"IMG003": {"hero": False}, "hero-alt-mismatch": {"mode": "equal"}, "RD003": {"max-share": 30.5}},  # `hero: off` unquoted
]
BAD: list[dict[str, Any]] = [
    {"selct": ["FM"]},
    {"fail-on": "fatal"},
    {"site": {"base": "https://a.example"}},
    {"FM005": {"minimum": 3}},
    {"FM005": {"min": "short"}},
    {"links": {"retries": "two"}},
    {"fields": {"types": {"author": "person"}}},
    {"jobs": -1},
    {"FM005": {"min": -1}},
    {"RD003": {"max-share": 101}},
    {"IMG003": {"hero": "everywhere"}},
    {"IMG003": {"hero": True}},
    {"IMG004": {"mode": True}},
    {"FM003": {"required": ["title", 3]}},
    {"SEO002": {"field": False}},
]


@pytest.mark.parametrize("data", GOOD)
def test_schema_accepts_valid_configs(validator: jsonschema.Draft7Validator, data: dict[str, Any]) -> None:
    assert accepted_by_postlint({k: v for k, v in data.items() if k != "extend"})
    assert list(validator.iter_errors(data)) == []


@pytest.mark.parametrize("data", BAD)
def test_schema_rejects_what_postlint_rejects(validator: jsonschema.Draft7Validator, data: dict[str, Any]) -> None:
    assert not accepted_by_postlint(data)
    assert list(validator.iter_errors(data)) != []


def test_every_rule_with_options_is_described(validator: jsonschema.Draft7Validator) -> None:
    schema = validator.schema
    for rule in build_registry():
        if rule.options:
            assert schema["properties"][rule.code] == schema["properties"][rule.name] == {"$ref": f"#/definitions/{rule.code}"}
            assert set(schema["definitions"][rule.code]["properties"]) == set(rule.options)


def test_the_repository_config_is_valid(validator: jsonschema.Draft7Validator) -> None:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["postlint"]
    assert list(validator.iter_errors(data)) == []


def test_init_links_the_schema_and_its_config_is_valid(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], validator: jsonschema.Draft7Validator
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["init"]) == 0
    text = (tmp_path / ".postlint.yaml").read_text(encoding="utf-8")
    assert text == starter_template().replace("@PROFILE@", "blog")  # no generator detected, no terminal: the default profile
    assert text.splitlines()[0] == (
        "# yaml-language-server: $schema=https://raw.githubusercontent.com/postlint/postlint/main/docs/postlint.schema.json"
    )
    assert list(validator.iter_errors(yaml.safe_load(text))) == []
    setting = re.compile(r'^# ( {0,2}[A-Za-z0-9"*/.-]+:( |$))')  # a commented-out setting, not prose
    data = yaml.safe_load("\n".join(setting.sub(r"\1", line) for line in text.splitlines()[1:]))
    assert isinstance(data, dict) and data.get("FM005") == {"min": 20, "max": 60}
    assert list(validator.iter_errors(data)) == []
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))["$id"] == text.splitlines()[0].split("$schema=")[1]
