"""Rules come through one registry path; broken rules are isolated."""

from __future__ import annotations

from pathlib import Path

import pytest

from postlint.cli.main import main
from postlint.engine.registry import Registry, build_registry
from postlint.model.rule import RegistryError, Rule

PLUGIN = '''
from postlint.engine.registry import Rule
from postlint.model.findings import Severity


class NoLorem(Rule):
    """Flags lorem ipsum left in a post."""

    code = "XMP001"
    name = "no-lorem"
    summary = "Placeholder text left in the post"
    severity = Severity.ERROR

    def check(self, post, ctx):
        for block in post.blocks:
            if "lorem ipsum" in block.text.lower():
                yield self.report(post, block.line, 1, "placeholder text")


class Boom(Rule):
    """Always crashes."""

    code = "XMP002"
    name = "always-crashes"
    summary = "Crashes"

    def check(self, post, ctx):
        raise RuntimeError("kaput")


RULES = [NoLorem, Boom]
'''


def test_builtins_cover_the_catalog() -> None:
    registry = build_registry()
    codes = set((Path(__file__).parent / "catalog_codes.txt").read_text().split())
    assert codes <= set(registry.rules)
    assert registry.get("title-length").code == "FM005"
    assert registry.resolve("FM") == {f"FM{n:03d}" for n in range(1, 12)}
    assert registry.resolve("FM01") == {"FM010", "FM011"}
    with pytest.raises(KeyError):
        registry.resolve("ZZ")


def test_invalid_rules_are_refused() -> None:
    registry = Registry()

    class BadCode(Rule):
        code = "bad"
        name = "bad-code"

    class BadName(Rule):
        code = "ABC001"
        name = "Bad Name"

    with pytest.raises(RegistryError, match="invalid code 'bad'"):
        registry.add(BadCode, "test")
    with pytest.raises(RegistryError, match="invalid name 'Bad Name'"):
        registry.add(BadName, "test")

    class Dup(Rule):
        code = "FM005"
        name = "another-name"

    full = build_registry()
    with pytest.raises(RegistryError, match="rule code FM005 is already defined by builtin"):
        full.add(Dup, "test")


def test_local_plugin_module_and_crash_isolation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "my_rules.py").write_text(PLUGIN, encoding="utf-8")
    (tmp_path / ".postlint.yaml").write_text("plugins: [my_rules]\nselect: [XMP]\n", encoding="utf-8")
    (tmp_path / "a-post.md").write_text("---\ntitle: x\n---\n\nLorem ipsum dolor.\n", encoding="utf-8")
    (tmp_path / "b-post.md").write_text("---\ntitle: y\n---\n\nFine.\n", encoding="utf-8")
    code = main(["check", "--format", "concise", "."])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    assert out == [
        "a-post.md:1:1: PL003 rule XMP002 (always-crashes) crashed: RuntimeError: kaput",
        "a-post.md:5:1: XMP001 placeholder text",
        "b-post.md:1:1: PL003 rule XMP002 (always-crashes) crashed: RuntimeError: kaput",
    ]
    assert main(["rule", "--config", ".postlint.yaml", "XMP001"]) == 0
    assert "Defined in: plugin module my_rules" in capsys.readouterr().out


def test_plugin_that_cannot_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".postlint.yaml").write_text("plugins: [missing_module_xyz]\n", encoding="utf-8")
    assert main(["check", "."]) == 2
    assert capsys.readouterr().err == "postlint: error: plugin module missing_module_xyz: cannot import: ModuleNotFoundError: No module named 'missing_module_xyz'\n"


def _install_plugin_package(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An installed package `xmp_plugin` exposing PLUGIN's rules under `postlint.rules`."""
    (folder / "xmp_plugin.py").write_text(PLUGIN, encoding="utf-8")
    dist = folder / "xmp_plugin-1.0.dist-info"
    dist.mkdir()
    (dist / "entry_points.txt").write_text("[console_scripts]\nx = y:z\n\n[postlint.rules]\nxmp = xmp_plugin:RULES\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(folder))


def test_entry_point_plugins_are_discovered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _install_plugin_package(tmp_path, monkeypatch)
    registry = build_registry()
    assert registry.get("XMP001").origin == "plugin xmp (xmp_plugin:RULES)"
    assert registry.get("no-lorem").code == "XMP001"


# --- --no-plugins / POSTLINT_NO_PLUGINS: CI on untrusted pull requests runs no plugin code ------

MARKING_PLUGIN = PLUGIN + "\nimport pathlib\npathlib.Path('plugin-ran').write_text('imported', encoding='utf-8')\n"


@pytest.mark.parametrize("switch", ["flag", "env"])
def test_no_plugins_imports_no_plugin_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], switch: str) -> None:
    monkeypatch.chdir(tmp_path)
    module = f"marking_rules_{switch}"
    (tmp_path / f"{module}.py").write_text(MARKING_PLUGIN, encoding="utf-8")
    (tmp_path / ".postlint.yaml").write_text(f"plugins: [{module}]\n", encoding="utf-8")
    (tmp_path / "a-post.md").write_text("---\ntitle: x\n---\n\nLorem ipsum dolor.\n", encoding="utf-8")
    args = ["check", "--no-cache", "--select", "FM001", "--format", "concise", "."]
    if switch == "flag":
        args.insert(1, "--no-plugins")
    else:
        monkeypatch.setenv("POSTLINT_NO_PLUGINS", "1")
    assert main(args) == 0
    assert capsys.readouterr().out == "" and not (tmp_path / "plugin-ran").exists()
    monkeypatch.delenv("POSTLINT_NO_PLUGINS", raising=False)
    assert main(["check", "--no-cache", "--select", "XMP001", "--format", "concise", "."]) == 1  # without the switch it runs
    assert (tmp_path / "plugin-ran").exists() and "XMP001 placeholder text" in capsys.readouterr().out


def test_no_plugins_skips_installed_plugins_but_not_the_builtins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _install_plugin_package(tmp_path, monkeypatch)
    assert build_registry().get("XMP001") is not None
    without = build_registry(no_plugins=True)
    assert without.get("XMP001") is None and without.get("FM005") is not None and without.get("RD007") is not None
    monkeypatch.setenv("POSTLINT_NO_PLUGINS", "1")
    assert build_registry().get("XMP001") is None
    monkeypatch.setenv("POSTLINT_NO_PLUGINS", "0")
    assert build_registry().get("XMP001") is not None
