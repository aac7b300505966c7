"""Regexes kept compiled between runs give exactly the patterns `re` compiles."""

from __future__ import annotations

import marshal
import re
import subprocess
import sys
from pathlib import Path

import pytest

from postlint.compiled import keep_compiled, table_path

PATTERNS = [
    (r"(?<![\w-])(?:very|really)(?![\w-])", re.IGNORECASE),
    (r"^(?P<year>\d{4})-(?P<month>\d\d)$", re.MULTILINE),
    (r"[^\t\n\r -~\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]", 0),
    (rb"\x00+(?=end)", 0),
    (r"""(?x) a  # verbose
         b+""", 0),
    (r"é|ß|ǅ", re.IGNORECASE),
]
TEXTS = ["very good", "REALLY", "2024-05\n1999-12", "\x01ok\ud800", "a bbb", "É SS ǆ"]


def compile_all() -> list[re.Pattern[str]]:
    re.purge()  # `re`'s own cache would answer before the hook
    return [re.compile(pattern, flags) for pattern, flags in PATTERNS]


def behaviour(patterns: list[re.Pattern]) -> list[object]:  # type: ignore[type-arg]
    out: list[object] = []
    for p in patterns:
        for text in TEXTS:
            subject = text.encode("utf-8", "surrogatepass") + b"\x00\x00end" if isinstance(p.pattern, bytes) else text
            out.append([m.span() for m in p.finditer(subject)])  # type: ignore[arg-type]
        out.append((p.groups, dict(p.groupindex), p.flags))
    return out


@pytest.fixture(autouse=True)
def user_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "postlint"


def test_kept_patterns_are_served_and_equal_to_re_s(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = compile_all()
    original = re._compiler.compile  # type: ignore[attr-defined]
    with keep_compiled() as fresh:
        first = compile_all()
    assert len(fresh) == len(PATTERNS) and re._compiler.compile is original  # type: ignore[attr-defined]
    assert Path(table_path()).is_file()

    def refuse(pattern: object, flags: int = 0) -> None:
        raise AssertionError(f"compiled again: {pattern!r}")

    monkeypatch.setattr(re._compiler, "compile", refuse)  # type: ignore[attr-defined]
    with keep_compiled() as fresh:
        served = compile_all()
    monkeypatch.undo()
    assert fresh == {}
    assert first == served == expected and behaviour(served) == behaviour(expected)
    assert all(a is not b for a, b in zip(served, expected))


def test_an_unreadable_table_or_rejected_code_means_compiling_as_re_does(user_cache: Path) -> None:
    expected = compile_all()
    target = Path(table_path())
    target.parent.mkdir(parents=True)
    target.write_bytes(b"not marshal data")
    with keep_compiled():
        assert compile_all() == expected
    table = marshal.loads(target.read_bytes())
    assert len(table) == len(PATTERNS)
    key = (PATTERNS[0][0], int(PATTERNS[0][1]))
    flags, code, *rest = table[key]
    table[key] = (flags, [999_999, *code], *rest)  # code `_sre` rejects
    target.write_bytes(marshal.dumps(table))
    with keep_compiled():
        assert compile_all() == expected


def test_the_command_keeps_its_regexes(tmp_path: Path, user_cache: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: A post about very good coffee\n---\nReally good coffee.\n", encoding="utf-8")
    command = [sys.executable, "-m", "postlint", "check", "--no-cache", "--format", "concise", str(post)]
    runs = [subprocess.run(command, cwd=tmp_path, capture_output=True, text=True) for _ in range(2)]
    assert runs[0].returncode == runs[1].returncode == 1 and runs[0].stdout == runs[1].stdout and "RD007" in runs[0].stdout
    kept = list(user_cache.glob("regex-*.marshal"))
    assert len(kept) == 1 and len(marshal.loads(kept[0].read_bytes())) > 100


def test_nothing_is_kept_without_a_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A relative cache folder (no home to expand, or a relative XDG_CACHE_HOME) would write into
    the working folder: nothing is kept, and patterns compile as usual."""
    monkeypatch.setenv("XDG_CACHE_HOME", "relative-cache")
    monkeypatch.chdir(tmp_path)
    with keep_compiled() as fresh:
        assert compile_all() == [re.compile(p, f) for p, f in PATTERNS]
    assert len(fresh) == len(PATTERNS) and list(tmp_path.iterdir()) == []
