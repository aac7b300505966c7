"""markdownlint's inline comments silence the postlint rule that reports the same thing."""

from __future__ import annotations

from pathlib import Path

import pytest

from postlint.cache.runner import run
from postlint.model.config import from_mapping


def _lint(tmp_path: Path, body: str, select: list[str]) -> list[tuple[str, int]]:
    path = tmp_path / "post.md"
    path.write_text('---\ntitle: "Living alongside markdownlint on one repository"\n---\n' + body, encoding="utf-8")
    config = from_mapping({"select": [*select, "PL"]}, root=tmp_path)
    return [(f.code, f.line) for f in run([str(path)], config, cwd=tmp_path).findings]


def test_disable_file_anywhere_covers_the_whole_file_and_enable_file_undoes_it(tmp_path: Path) -> None:
    body = "Bare https://a.example.com/x here.\n\n<!-- markdownlint-disable-file MD034 -->\n"
    assert _lint(tmp_path, body, ["LNK010"]) == []
    assert _lint(tmp_path, body + "<!-- markdownlint-enable-file no-bare-urls -->\n", ["LNK010"]) == [("LNK010", 4)]


@pytest.mark.parametrize(("name", "code", "body", "line"), [
    ("MD001", "HD001", "# One\n\n### Three\n", 6),
    ("heading-increment", "HD001", "# One\n\n### Three\n", 6),
    ("single-h1", "HD002", "# One\n", 4),
    ("MD024", "HD004", "## Same\n\nText.\n\n## Same\n", 8),
    ("no-empty-links", "LNK001", "An [empty]() link.\n", 4),
    ("MD059", "LNK003", "Read [here](https://example.com/).\n", 4),
])
def test_each_overlapping_rule_is_silenced_by_its_markdownlint_name(tmp_path: Path, name: str, code: str, body: str, line: int) -> None:
    assert (code, line) in _lint(tmp_path, body, [code])
    assert (code, line) not in _lint(tmp_path, f"<!-- markdownlint-disable {name} -->\n" + body, [code])


def test_md042_silences_only_empty_targets_of_lnk001(tmp_path: Path) -> None:
    body = "<!-- markdownlint-disable MD042 -->\nAn [empty]() link and a [bad](htps://example.com/) one.\n"
    assert _lint(tmp_path, body, ["LNK001"]) == [("LNK001", 5)]


def test_markdownlint_comments_never_become_pl001(tmp_path: Path) -> None:
    body = "<!-- markdownlint-disable MD034 MD013 -->\nNothing bare here.\n<!-- markdownlint-enable -->\n<!-- markdownlint-configure-file { \"MD013\": false } -->\n"
    assert _lint(tmp_path, body, ["LNK010"]) == []
