"""Fixture harness: posts carry their expected findings inline, as markdownlint's tests do;
the markers are read and compared by `postlint.testing`, the kit plugin authors use.

A marker `expect: CODE[@LINE][:COLUMN][, CODE…]` inside a YAML comment (`# expect: FM005`)
or an HTML comment (`<!-- expect: IMG001 -->`) says that CODE is reported on the
marker's own line, or on LINE (`@3` absolute, `@+1`/`@-1` relative), at COLUMN when
one is given. Each marker is one finding: `expect: FM007, FM007` is two. The harness
lints the fixture with the rules of its family folder (`fixtures/FM/…` runs FM and
PL rules), or with the `select` of a `<stem>.config.yaml` beside it, and asserts
that the multiset of (code, line) is exactly the expected one, and the columns that
markers give. `tests/fixtures.snapshot` holds every fixture finding with its column
and message (`UPDATE_SNAPSHOT=1 python -m pytest tests/test_fixtures.py` rewrites it).
Fixtures run under the `marketing` profile (every rule at its catalogue default)
unless the companion config names another `profile`.

Fix fixtures: a fixture `<name>.md` with a `<name>.fixed.md` beside it is also
fixed with every fix (unsafe ones included, through `postlint.fix.fixer`); the result
must equal the `.fixed.md` bytes exactly, and re-linting it must find nothing
fixable. Any rule's fixes are covered by dropping in such a pair.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from postlint import testing
from postlint.model.findings import Finding
from postlint.testing import Expected, expected  # noqa: F401 (the tests import them from here)

FIXTURES = Path(__file__).parent / "fixtures"
#: Fixtures are linted as if today were this date, so date rules are stable.
TODAY = dt.date(2025, 6, 1)


def check_expected(path: Path, findings: list[Finding]) -> None:
    """Assert that `findings` are exactly what the fixture's markers ask for."""
    testing.check_expected(expected(path), findings)


def _defaults(path: Path) -> dict[str, Any]:
    """What a fixture's companion config does not say: its family folder's rules and the PL ones,
    under the `marketing` profile (every rule at its catalogue default)."""
    defaults = {"select": [path.parent.name, "PL"], "profile": "marketing"}
    given = testing.companion(path)
    return {key: value for key, value in defaults.items() if key not in given}


def fixture_config(path: Path) -> dict[str, Any]:
    config = {**testing.companion(path), **_defaults(path)}
    config.pop("expect", None)
    return config


def lint_fixture(path: Path) -> list[Finding]:
    return testing.lint_fixture(path, today=TODAY, **_defaults(path))


def all_fixtures() -> list[Path]:
    """Fixture posts; `<name>.fixed.md` files are expected fix outputs, not fixtures."""
    return sorted(
        p for p in FIXTURES.rglob("*") if p.suffix in (".md", ".markdown", ".mdx") and p.is_file() and not is_fixed_output(p)
    )


# --- fix fixtures: `<name>.md` + `<name>.fixed.md` -----------------------------------------


def is_fixed_output(path: Path) -> bool:
    return path.name.endswith((".fixed.md", ".fixed.markdown"))


def fixed_output(path: Path) -> Path:
    """Where the expected fixed text of fixture `path` lives (it may not exist)."""
    return path.with_name(f"{path.stem}.fixed{path.suffix}")


def fix_fixtures() -> list[Path]:
    """Fixtures that come with an expected fixed text."""
    return [p for p in all_fixtures() if fixed_output(p).exists()]


def fix_fixture(path: Path, data: bytes | None = None) -> bytes:
    """The bytes of fixture `path` (or `data` as if it were that file) after every fix, unsafe ones included."""
    from postlint.engine.linter import Linter
    from postlint.fix.fixer import fix_sources

    config = testing.make_config(path.parent, **fixture_config(path))
    linter = Linter(config, testing.registry_with(config), today=TODAY)
    raw = path.read_bytes() if data is None else data
    outcome = fix_sources([(path, path.name, raw)], linter, unsafe=True)
    return outcome.changes[0].after if outcome.changes else raw


def lint_bytes(path: Path, data: bytes) -> list[Finding]:
    """Lint `data` as if it were the content of fixture `path` (same name, folder and config)."""
    from postlint.engine.linter import Linter
    from postlint.parse.document import Post

    config = testing.make_config(path.parent, **fixture_config(path))
    linter = Linter(config, testing.registry_with(config), today=TODAY)
    post = Post.from_bytes(path, data, path.name)
    linter.ctx.run_posts = [post]
    return linter.lint_post(post) + linter.lint_site()
