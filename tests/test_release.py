"""A release that installs: `python -m build` makes a wheel and an sdist that pass `twine check`,
and the wheel installs into a clean virtual environment where `postlint check` works.

Offline: the build runs without isolation (build and hatchling come with the test extras), and
the clean environment gets postlint's dependencies from this environment through a folder of
links to them (never postlint itself, so the check runs the installed wheel)."""

from __future__ import annotations

import importlib.util
import os
import site
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow

BAD = """---
title: "Short"
date: 2024-05-01
---
Body.
"""


def _need(module: str) -> None:
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not installed (pip install -e '.[test]')")


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    for module in ("build", "hatchling", "twine"):
        _need(module)
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return out


def test_build_makes_a_wheel_and_an_sdist_that_pass_twine_check(dist: Path) -> None:
    from postlint.model.version import __version__

    wheels, sdists = sorted(dist.glob("*.whl")), sorted(dist.glob("*.tar.gz"))
    assert [p.name for p in wheels] == [f"postlint-{__version__}-py3-none-any.whl"]
    assert [p.name for p in sdists] == [f"postlint-{__version__}.tar.gz"]
    done = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", *map(str, wheels + sdists)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    with tarfile.open(sdists[0]) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    assert {"LICENSE", "CHANGELOG.md", "README.md", "action.yml", "action/run.sh", "docs/rules/FM005.md", "docs/postlint.schema.json"} <= names
    with zipfile.ZipFile(wheels[0]) as wheel:
        files = set(wheel.namelist())
    assert f"postlint-{__version__}.dist-info/licenses/LICENSE" in files
    assert "postlint/packs_data/README.md" in files or any(f.startswith("postlint/packs_data/") for f in files)


def _dependencies_folder(target: Path) -> Path:
    """Links to everything in this environment's site-packages except postlint itself."""
    target.mkdir()
    for folder in map(Path, site.getsitepackages()):
        for entry in folder.iterdir() if folder.is_dir() else ():
            name = entry.name.lower()
            if name.startswith(("postlint", "_postlint", "__editable__", "__pycache__")) or name.endswith(".pth"):
                continue
            if not (target / entry.name).exists():
                (target / entry.name).symlink_to(entry)
    return target


def test_the_wheel_installs_into_a_clean_venv_and_runs(dist: Path, tmp_path: Path) -> None:
    if os.name == "nt":
        pytest.skip("the links to the dependencies are POSIX symbolic links")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    wheel = next(dist.glob("*.whl"))
    done = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "--quiet", str(wheel)],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], capture_output=True, text=True, check=True).stdout.strip()
    (Path(purelib) / "zz_test_dependencies.pth").write_text(f"{_dependencies_folder(tmp_path / 'deps')}\n", encoding="utf-8")
    where = subprocess.run([str(python), "-c", "import postlint; print(postlint.__file__)"], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert where.stdout.strip().startswith(purelib), where.stdout
    site_dir = tmp_path / "site"
    (site_dir / "posts").mkdir(parents=True)
    (site_dir / "posts" / "a.md").write_text(BAD, encoding="utf-8")
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("PYTHONPATH", None)
    run = subprocess.run(
        [str(env_dir / "bin" / "postlint"), "check", "--no-cache", "--select", "FM005", "posts"],
        capture_output=True, text=True, cwd=site_dir, env=env, timeout=120,
    )
    assert run.returncode == 1, run.stderr
    assert run.stdout.splitlines() == [
        "posts/a.md:2:8: FM005 title is 5 characters, shorter than 20; search results show about 20-60 characters [warning]",
        "Found 1 finding (1 warning) in 1 file.",
    ]
    rules = subprocess.run([str(env_dir / "bin" / "postlint"), "rules"], capture_output=True, text=True, cwd=site_dir, env=env, timeout=120)
    assert rules.returncode == 0 and "FM005" in rules.stdout
