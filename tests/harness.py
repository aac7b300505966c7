"""Fixture harness: posts carry their expected findings inline, as markdownlint's tests do.

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
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from postlint.cache.runner import run
from postlint.model.config import from_mapping
from postlint.model.findings import Finding

FIXTURES = Path(__file__).parent / "fixtures"
_ITEM = r"[A-Z]{2,5}\d{3}(?:@[+-]?\d+)?(?::\d+)?"
MARKER = re.compile(rf"expect:\s*({_ITEM}(?:\s*,\s*{_ITEM})*)")
#: Fixtures are linted as if today were this date, so date rules are stable.
TODAY = dt.date(2025, 6, 1)


@dataclass(frozen=True)
class Expected:
    """The findings a fixture's markers ask for."""

    counts: Counter[tuple[str, int]]  # (code, line) -> how many findings
    columns: Counter[tuple[str, int, int]]  # (code, line, column) of the markers that name a column

    def codes(self) -> set[str]:
        return {code for code, _ in self.counts}


def expected(path: Path) -> Expected:
    counts: Counter[tuple[str, int]] = Counter()
    columns: Counter[tuple[str, int, int]] = Counter()

    def add(item: str, number: int) -> None:
        item, _, column = item.partition(":")
        code, _, where = item.strip().partition("@")
        if not where:
            target = number
        elif where[0] in "+-":
            target = number + int(where)
        else:
            target = int(where)
        counts[(code, target)] += 1
        if column:
            columns[(code, target, int(column))] += 1

    for item in _companion(path).get("expect", []):  # for files that cannot hold a marker: CODE@LINE
        add(str(item), 1)
    text = path.read_bytes().decode("utf-8", errors="replace").lstrip("\ufeff")
    for number, line in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
        for match in MARKER.finditer(line):
            for item in match.group(1).split(","):
                add(item.strip(), number)
    return Expected(counts, columns)


def check_expected(path: Path, findings: list[Finding]) -> None:
    """Assert that `findings` are exactly what the fixture's markers ask for."""
    want = expected(path)
    listing = "\n".join(f"{f.line}:{f.column} {f.code} {f.message}" for f in findings)
    got = Counter((f.code, f.line) for f in findings)
    assert got == want.counts, f"(code, line) differ: missing {dict(want.counts - got)}, unexpected {dict(got - want.counts)}\n{listing}"
    at = Counter((f.code, f.line, f.column) for f in findings)
    for key, count in want.columns.items():
        assert at[key] >= count, f"no {key[0]} at line {key[1]} column {key[2]}\n{listing}"


def _companion(path: Path) -> dict[str, Any]:
    companion = path.with_name(path.stem + ".config.yaml")
    if companion.exists():
        return dict(yaml.safe_load(companion.read_text(encoding="utf-8")) or {})
    return {}


def fixture_config(path: Path) -> dict[str, Any]:
    config = _companion(path)
    config.pop("expect", None)
    family = path.parent.name
    config.setdefault("select", [family, "PL"])
    config.setdefault("profile", "marketing")  # the rules at their catalogue defaults; a companion may name another
    return config


def lint_fixture(path: Path, root: Path | None = None) -> list[Finding]:
    config = from_mapping(fixture_config(path), root=root or path.parent)
    return run([str(path)], config, cwd=path.parent, today=TODAY).findings


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

    config = from_mapping(fixture_config(path), root=path.parent)
    linter = Linter(config, today=TODAY)
    raw = path.read_bytes() if data is None else data
    outcome = fix_sources([(path, path.name, raw)], linter, unsafe=True)
    return outcome.changes[0].after if outcome.changes else raw


def lint_bytes(path: Path, data: bytes) -> list[Finding]:
    """Lint `data` as if it were the content of fixture `path` (same name, folder and config)."""
    from postlint.engine.linter import Linter
    from postlint.parse.document import Post

    config = from_mapping(fixture_config(path), root=path.parent)
    linter = Linter(config, today=TODAY)
    post = Post.from_bytes(path, data, path.name)
    linter.ctx.run_posts = [post]
    return linter.lint_post(post) + linter.lint_site()
