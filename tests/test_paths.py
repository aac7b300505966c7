"""`paths`: the string versions give exactly what the pathlib expressions they replace give."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from postlint.parse.paths import absolute, display_path, parts_under, path_key, plain_path

pytestmark = pytest.mark.skipif(os.sep != "/", reason="the string versions are POSIX-only (pathlib decides elsewhere)")

PART = st.sampled_from(["", ".", "..", "a", "b", "c.md", "ü", "a b", "...", ".hidden"])
PATH = st.builds(lambda lead, parts, tail: lead + "/".join(parts) + tail, st.sampled_from(["", "/", "./", "../", "//", "///"]), st.lists(PART, max_size=5), st.sampled_from(["", "/", "/."]))


def pathlib_display(path: str, cwd: str) -> str:
    try:
        return Path(path).absolute().relative_to(cwd).as_posix()
    except ValueError:
        return Path(path).as_posix()


@pytest.fixture
def deep_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    here = tmp_path / "x" / "y"
    here.mkdir(parents=True)
    monkeypatch.chdir(here)
    return here


def test_the_usual_shapes(deep_cwd: Path) -> None:
    here = str(deep_cwd)
    assert display_path("content/post.md", here) == "content/post.md"
    assert display_path(Path("./content//post.md"), deep_cwd) == "content/post.md"
    assert display_path(f"{here}/content/post.md", here) == "content/post.md"
    assert display_path("../post.md", here) == "../post.md"  # lexical, like pathlib: `..` is kept
    assert display_path("/elsewhere/post.md", here) == "/elsewhere/post.md"
    assert display_path(".", here) == "."
    assert display_path("post.md", str(deep_cwd.parent)) == "y/post.md"  # relative to the cwd given
    assert display_path("post.md", "/elsewhere") == "post.md"
    assert absolute("./a/../b.md") == f"{here}/a/../b.md"
    assert path_key("./a/../b.md") == f"{here}/b.md"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])  # the cwd is only read
@given(path=PATH, base=st.sampled_from(["here", "parent", "other", "root", "relative"]))
@example(path="", base="here")
@example(path="//a", base="here")
def test_the_same_as_pathlib(deep_cwd: Path, path: str, base: str) -> None:
    cwd = {"here": str(deep_cwd), "parent": str(deep_cwd.parent), "other": "/elsewhere", "root": "/", "relative": "x"}[base]
    assert display_path(path, cwd) == pathlib_display(path, cwd)
    assert display_path(Path(path) if path else path, Path(cwd)) == pathlib_display(path, cwd)
    assert absolute(path) == str(Path(path).absolute())
    assert path_key(path) == Path(os.path.normpath(Path(path).absolute())).as_posix()


@pytest.mark.parametrize(
    "text, plain",
    [
        ("content/posts/a.md", "content/posts/a.md"),
        ("./content/posts/a.md", "content/posts/a.md"),
        ("/abs/a.md", "/abs/a.md"),
        ("././a.md", None),
        ("../a.md", None),
        ("content/../a.md", None),
        ("content/./a.md", None),
        ("content/.hidden.md", None),
        (".hidden.md", None),
        ("content//a.md", None),
        (".//a.md", None),
        (".", None),
    ],
)
def test_plain_path_drops_a_leading_dot_slash_only(text: str, plain: str | None) -> None:
    assert plain_path(text) == plain
    if plain is not None and not plain.startswith("/"):  # the working folder joined to it is its key
        assert path_key(text) == os.path.join(os.getcwd(), plain) and display_path(text, os.getcwd()) == plain


def pathlib_parts(key: str, base: str) -> list[str] | None:
    try:
        return list(Path(key).relative_to(base).parts)
    except ValueError:
        return None


def test_parts_under_the_usual_shapes() -> None:
    assert parts_under("/site/content/posts/a.md", "/site/content") == ["posts", "a.md"]
    assert parts_under("/site/content", "/site/content") == []
    assert parts_under("/site/contents/a.md", "/site/content") is None  # a sibling sharing the prefix
    assert parts_under("/site/a.md", "/site/content") is None
    assert parts_under("/a.md", "/") == ["a.md"]
    assert parts_under("/site/a.md", "content") is None  # a relative base holds no absolute key


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])  # the cwd is only read
@given(path=PATH, base=PATH)
@example(path="/a/b", base="/")
@example(path="//a/b", base="//a")
def test_parts_under_the_same_as_pathlib(deep_cwd: Path, path: str, base: str) -> None:
    key, folder = path_key(path), str(Path(path_key(base)))
    assert parts_under(key, folder) == pathlib_parts(key, folder)
    folder = str(Path(base or "."))  # any folder as `Path` names it (the site's content root may be relative)
    assert parts_under(key, folder) == pathlib_parts(key, folder)
