"""Declared rule options: one declaration gives the docs, the config checks and the schema."""

from __future__ import annotations

from pathlib import Path

import pytest

from postlint.cli.main import main
from postlint.engine.linter import checked_options, select_rules
from postlint.engine.registry import Registry, build_registry
from postlint.model import profiles
from postlint.model.config import Config, ConfigError
from postlint.model.options import Option, OptionError, declare
from postlint.model.rule import Rule

HERO_POST = """---
title: "How we plan a product launch in a week"
date: 2024-05-01
description: "A week-long plan for a product launch, with the board we use and the checks we run."
image: /media/hero.webp
tags: [launch]
---
![The launch board with its five columns](/media/board.webp)

The board is where the plan lives.
"""


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "launch.md").write_text(HERO_POST, encoding="utf-8")
    return tmp_path


def img003_lines(capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["check", "--format", "concise", "--select", "IMG003", "content"])
    out = capsys.readouterr().out
    return code, [line for line in out.splitlines() if "IMG003" in line]


def test_unquoted_off_is_the_word_off_where_the_option_takes_it(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = img003_lines(capsys)
    assert code == 1
    assert lines == ["content/launch.md:8:1: IMG003 first image `/media/board.webp` is not the front-matter image `/media/hero.webp`"]
    (project / ".postlint.yaml").write_text("IMG003:\n  hero: off\n", encoding="utf-8")
    assert img003_lines(capsys) == (0, [])
    (project / ".postlint.yaml").write_text('IMG003:\n  hero: "off"\n', encoding="utf-8")
    assert img003_lines(capsys) == (0, [])


def test_a_toml_boolean_reads_the_same_way(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "pyproject.toml").write_text("[tool.postlint.IMG003]\nhero = false\n", encoding="utf-8")
    assert img003_lines(capsys) == (0, [])


def test_option_checks_and_the_words_yaml_turns_into_booleans() -> None:
    hero = Option(str, "first-image", choices=("first-image", "anywhere", "off"))
    assert hero.check(False) == "off"
    assert hero.check("anywhere") == "anywhere"
    with pytest.raises(OptionError, match=r"^must be one of first-image, anywhere, off, got the boolean true \(YAML reads"):
        hero.check(True)
    switch = Option(str, "on", choices=("on", "off", "auto"))
    assert (switch.check(True), switch.check(False)) == ("on", "off")
    assert Option(int, 3, min=1).check(4.0) == 4
    assert Option(float, 25, min=0, max=100).check(30) == 30
    with pytest.raises(OptionError, match=r"^must be a whole number, got 2\.5$"):
        Option(int, 3).check(2.5)
    with pytest.raises(OptionError, match=r"^must be a number, got True$"):
        Option(float, 1.0).check(True)
    with pytest.raises(OptionError, match=r"^must list integers, got 'x'$"):
        Option(list, [200], item=int).check([204, "x"])
    with pytest.raises(OptionError, match=r"^items must be one of a, b, got 'c'$"):
        Option(list, [], choices=("a", "b"), item=str).check(["a", "c"])


def test_plain_defaults_of_older_plugins_get_an_inferred_type() -> None:
    assert declare(20) == Option(int, 20)
    assert declare(0.5) == Option(float, 0.5)
    assert declare(True) == Option(bool, True)
    assert declare(["a", "b"]) == Option(list, ["a", "b"], item=str)
    assert declare([]) == Option(list, [])
    assert declare({"k": 1}) == Option(dict, {"k": 1})

    class Old(Rule):
        code = "OLD001"
        name = "old-plugin"
        options = {"min": 20, "words": ["x"]}

    assert Old().opts == {"min": 20, "words": ["x"]}
    assert checked_options(Old, {"min": 3, "words": ["y"]}, "cfg") == {"min": 3, "words": ["y"]}
    with pytest.raises(ConfigError, match=r"^cfg: option `min` of OLD001 \(old-plugin\) must be a whole number, got 'many'$"):
        checked_options(Old, {"min": "many"}, "cfg")
    registry = Registry()
    registry.add(Old, "plugin")
    assert "  min (integer; default 20)" in Old.describe()


def test_a_bad_profile_value_is_a_config_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = profiles.Profile("blog", "test", options={"FM005": {"min": "twenty"}})
    monkeypatch.setitem(profiles.PROFILES, "blog", bad)
    with pytest.raises(ConfigError, match=r"^profile `blog`: option `min` of FM005 \(title-length\) must be a whole number, got 'twenty'$"):
        select_rules(Config(root=tmp_path), build_registry(no_plugins=True))


def test_every_builtin_option_is_declared_with_a_doc_and_a_default_it_accepts() -> None:
    for rule in build_registry(no_plugins=True):
        for key, value in rule.options.items():
            assert isinstance(value, Option), (rule.code, key)
            assert value.doc, (rule.code, key)
            assert value.check(value.default) == value.default, (rule.code, key)


def test_docstrings_no_longer_table_options_by_hand() -> None:
    for rule in build_registry(no_plugins=True):
        assert "**Options:**" not in rule.documentation(), rule.code


def test_defaults_quoted_in_docstrings_are_the_declared_ones() -> None:
    """A docstring that names an option's default in prose (“`max` characters (default 70)”)
    says what the declaration says."""
    import re

    quoted = re.compile(r"`([a-z][a-z-]*)`[^`()]{0,40}?\(default `?([^)`]+?)`?(?: %)?[;)]")
    seen = 0
    for rule in build_registry(no_plugins=True):
        declared = rule.declared_options()
        for name, value in quoted.findall(" ".join(rule.documentation().split())):
            if name in declared:
                seen += 1
                assert value == declared[name].default_text(), (rule.code, name, value)
    assert seen >= 12


def test_the_starter_configs_option_examples_are_the_defaults() -> None:
    """`postlint init` shows a few rule options commented out, at their declared defaults."""
    import re

    from postlint.cli.main import starter_template

    registry = build_registry(no_plugins=True)
    block = starter_template().split("# Rule options, by code or name:\n", 1)[1].split("\n\n", 1)[0]
    rule: type[Rule] | None = None
    shown = 0
    for line in block.splitlines():
        if (head := re.fullmatch(r"# ([A-Z]+[0-9]+):", line)) is not None:
            rule = registry.get(head.group(1))
        elif (option := re.fullmatch(r"#   ([a-z-]+): (.+)", line)) is not None:
            assert rule is not None
            assert option.group(2) == rule.declared_options()[option.group(1)].default_text(), line
            shown += 1
    assert shown == 3
