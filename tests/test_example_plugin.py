"""A third-party plugin, installed: tests/plugins/postlint-example-plugin (one rule written only
against `from postlint import …`, its entry point in group `postlint.rules`, its own fixture
tests on `postlint.testing`) is installed into a temporary environment, where its tests pass,
`postlint check` runs its rule, and postlint's own tests that go through every rule still pass.

Offline: the environment sees this one's packages (postlint, pytest, hatchling) through a
`.pth` file, and the plugin builds without isolation."""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow

PLUGIN = Path(__file__).parent / "plugins" / "postlint-example-plugin"
POST = """---
title: "Pricing plans for small teams"
author: TODO
---

Compare the plans on [our pricing page](#) first.
"""


@pytest.fixture(scope="module")
def python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Python of a fresh environment with the example plugin installed."""
    if os.name == "nt":
        pytest.skip("the environment's layout is POSIX")
    pytest.importorskip("hatchling", reason="the plugin builds with hatchling (pip install -e '.[test]')")
    folder = tmp_path_factory.mktemp("plugin-env")
    source = shutil.copytree(PLUGIN, folder / "source")  # the build writes nothing into the repository
    env_dir = folder / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], capture_output=True, text=True, check=True
    ).stdout.strip()
    here = "; ".join(f"site.addsitedir({str(path)!r})" for path in site.getsitepackages())
    (Path(purelib) / "zz_test_environment.pth").write_text(f"import site; {here}\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-build-isolation", "--no-index", "--quiet", str(source)],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return python


def _run(python: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("PYTHONPATH", None)
    env.pop("POSTLINT_NO_PLUGINS", None)
    return subprocess.run([str(python), *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=300)


def test_the_plugins_own_fixture_tests_pass_on_postlint_testing(python: Path) -> None:
    done = _run(python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests", cwd=python.parents[2] / "source")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1].startswith("4 passed")


def test_postlint_check_runs_the_installed_plugins_rule(python: Path, tmp_path: Path) -> None:
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "pricing.md").write_text(POST, encoding="utf-8")
    done = _run(python, "-m", "postlint", "check", "--no-cache", "--select", "EXA", "--format", "concise", "posts", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines() == [
        "posts/pricing.md:3:9: EXA001 `author` is a placeholder: TODO",
        "posts/pricing.md:6:41: EXA001 link `our pricing page` goes nowhere (#)",
    ]
    described = _run(python, "-m", "postlint", "rule", "EXA001", cwd=tmp_path)
    assert "Defined in: plugin example (postlint_example:RULES)" in described.stdout
    quiet = _run(python, "-m", "postlint", "check", "--no-cache", "--no-plugins", "--select", "EXA", "posts", cwd=tmp_path)
    assert quiet.returncode == 2 and "unknown rule code or name 'EXA'" in quiet.stderr


def test_postlints_own_rule_tests_pass_with_the_plugin_installed(python: Path) -> None:
    """The tests that go through every rule use `build_registry(entry_points=False)` (and the
    drift checks run the CLI without plugins): a plugin installed beside postlint changes nothing."""
    seen = _run(python, "-c", "from postlint.engine.registry import build_registry as b; "
                "print(b().get('EXA001') is not None, b(entry_points=False).get('EXA001') is None)", cwd=ROOT)
    assert seen.stdout.split() == ["True", "True"], seen.stderr
    done = _run(
        python, "-m", "pytest", "-q", "-p", "no:cacheprovider",
        "tests/test_registry.py", "tests/test_config_schema.py", "tests/test_profiles.py",
        "tests/test_fixtures.py::test_every_implemented_rule_has_a_fixture",
        "tests/test_fix_fixtures.py",
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
