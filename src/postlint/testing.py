"""The test kit for rule authors: lint a text with your rules, or check a fixture post against
the `expect:` markers written in it (postlint's own fixture tests run through this module).

    from postlint.testing import assert_fixture, lint_text_with

    def test_fixtures():
        for path in Path("tests/fixtures").glob("*.md"):
            assert_fixture(path, rules=[NoLorem])

    def test_options():
        findings = lint_text_with(NoLorem, "---\\ntitle: x\\n---\\nTBD.\\n", XMP001={"words": ["tbd"]})
        assert [(f.code, f.line, f.column) for f in findings] == [("XMP001", 4, 1)]

A marker `expect: CODE[@LINE][:COLUMN][, CODE…]`, inside a YAML comment
(`# expect: XMP001`) or an HTML comment (`<!-- expect: XMP001 -->`), says that CODE
is reported on the marker's own line, or on LINE (`@3` absolute, `@+1`/`@-1`
relative), at COLUMN when one is given. Each marker is one finding: `expect:
XMP001, XMP001` is two. The fixture passes when the multiset of (code, line) of its
findings is exactly the one its markers give, and each column a marker names is
found. A `<stem>.config.yaml` beside a fixture holds its config (the same keys as
`.postlint.yaml`) and, for files that cannot hold a comment, `expect: [CODE@LINE]`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

if TYPE_CHECKING:  # pragma: no cover
    from .engine.registry import Registry
    from .model.config import Config
    from .model.findings import Finding
    from .model.rule import Rule

_ITEM = r"[A-Z]{2,5}\d{3}(?:@[+-]?\d+)?(?::\d+)?"
#: an `expect:` marker and its comma-separated items
MARKER = re.compile(rf"expect:\s*({_ITEM}(?:\s*,\s*{_ITEM})*)")
_NEWLINE = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Expected:
    """The findings a fixture's markers ask for."""

    counts: Counter[tuple[str, int]]  # (code, line) -> how many findings
    columns: Counter[tuple[str, int, int]]  # (code, line, column) of the markers that name a column

    def codes(self) -> set[str]:
        return {code for code, _ in self.counts}


def expected(path: Path | str, text: str | None = None) -> Expected:
    """The markers of fixture `path` (or of `text`, as if it were that file's content) and of
    its companion config's `expect:` list."""
    path = Path(path)
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

    for item in companion(path).get("expect", []):
        add(str(item), 1)
    if text is None:
        text = path.read_bytes().decode("utf-8", errors="replace")
    for number, line in enumerate(_NEWLINE.split(text.lstrip("\ufeff")), start=1):
        for match in MARKER.finditer(line):
            for item in match.group(1).split(","):
                add(item.strip(), number)
    return Expected(counts, columns)


def check_expected(want: Expected, findings: "list[Finding]", label: str = "") -> None:
    """Assert that `findings` are exactly the ones `want` asks for (AssertionError listing them)."""
    listing = "\n".join(f"{f.line}:{f.column} {f.code} {f.message}" for f in findings)
    where = f"{label}: " if label else ""
    got = Counter((f.code, f.line) for f in findings)
    assert got == want.counts, (
        f"{where}(code, line) differ: missing {dict(want.counts - got)}, unexpected {dict(got - want.counts)}\n{listing}"
    )
    at = Counter((f.code, f.line, f.column) for f in findings)
    for (code, line, column), count in want.columns.items():
        assert at[(code, line, column)] >= count, f"{where}no {code} at line {line} column {column}\n{listing}"


def companion(path: Path | str) -> dict[str, Any]:
    """The `<stem>.config.yaml` beside fixture `path`, read ({} when there is none)."""
    import yaml

    path = Path(path)
    beside = path.with_name(path.stem + ".config.yaml")
    if beside.exists():
        return dict(yaml.safe_load(beside.read_text(encoding="utf-8")) or {})
    return {}


def registry_with(config: "Config", rules: "type[Rule] | Iterable[type[Rule]]" = ()) -> "Registry":
    """postlint's built-in rules, the packs and plugins `config` names, and `rules` — no installed
    plugin: a test sees only what it names."""
    from .engine.registry import build_registry

    packs = [config.resolve_path(pack) for pack in config.packs]
    registry = build_registry(packs, config.plugins, config.root, no_plugins=config.no_plugins, entry_points=False)
    for rule in _classes(rules):
        if registry.rules.get(rule.code) is not rule:
            registry.add(rule, f"test rule {rule.__module__}.{rule.__qualname__}")
    return registry


def make_config(root: Path, rules: "type[Rule] | Iterable[type[Rule]]" = (), **config: Any) -> "Config":
    """A config from keyword arguments (`[tool.postlint]` keys; `_` may stand for `-`): with
    `rules` and no `select`, it selects those rules and the PL file checks."""
    from .model.config import from_mapping

    mapping = {key.replace("_", "-"): value for key, value in config.items()}
    if "select" not in mapping and _classes(rules):
        mapping["select"] = [rule.code for rule in _classes(rules)] + ["PL"]
    return from_mapping(mapping, root=root)


def lint_text_with(
    rules: "type[Rule] | Iterable[type[Rule]]",
    text: str,
    *,
    path: str = "post.md",
    today: dt.date | None = None,
    root: Path | None = None,
    **config: Any,
) -> "list[Finding]":
    """The findings of `rules` (and the PL file checks) on `text`, linted as the file `path`
    (relative to `root`, the working folder by default), as if today were `today`."""
    from .cache.runner import run

    root = Path(root) if root is not None else Path.cwd()
    built = make_config(root, rules, **config)
    return run([], built, registry=registry_with(built, rules), stdin=(path, text), cwd=root, today=today).findings


def lint_fixture(
    path: Path | str,
    rules: "type[Rule] | Iterable[type[Rule]]" = (),
    *,
    today: dt.date | None = None,
    **config: Any,
) -> "list[Finding]":
    """The findings on fixture file `path`, with its companion config under `config`."""
    from .cache.runner import run

    path = Path(path)
    settings = {**companion(path), **config}
    settings.pop("expect", None)
    built = make_config(path.parent, rules, **settings)
    return run([str(path)], built, registry=registry_with(built, rules), cwd=path.parent, today=today).findings


def assert_fixture(
    path: Path | str,
    rules: "type[Rule] | Iterable[type[Rule]]" = (),
    *,
    today: dt.date | None = None,
    **config: Any,
) -> "list[Finding]":
    """Lint fixture `path` with `rules` (see `lint_fixture`) and assert its findings are exactly
    what its `expect:` markers say; returns them, for more assertions (messages, fixes)."""
    findings = lint_fixture(path, rules, today=today, **config)
    check_expected(expected(path), findings, str(path))
    return findings


def _classes(rules: "type[Rule] | Iterable[type[Rule]]") -> "list[type[Rule]]":
    return [rules] if isinstance(rules, type) else list(rules)
