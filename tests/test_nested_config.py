"""Per-folder configs (the nearest config to each file, `extend`), and git's ignore rules
(.gitignore in any folder, .git/info/exclude, the global excludes file)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from postlint.cli.main import main

POST = """---
title: "{title}"
date: 2024-05-01
---
Body.
"""
SHORT = POST.format(title="Short title")  # 11 characters


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def lint(cwd: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    monkeypatch.chdir(cwd)
    code = main(["check", "--no-cache", "--format", "concise", *args])
    return code, capsys.readouterr().out.splitlines()


@pytest.fixture()
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / ".config"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("GIT_CONFIG_GLOBAL", raising=False)
    root = tmp_path / "site"
    write(root / ".postlint.yaml", "select: [FM005]\nFM005: {min: 20}\n")
    write(root / "posts" / "a.md", SHORT)
    write(root / "docs" / ".postlint.yaml", "extend: ../.postlint.yaml\nFM005: {min: 5}\n")
    write(root / "docs" / "b.md", SHORT)
    return root


A_FINDING = "posts/a.md:2:8: FM005 title is 11 characters, shorter than 20; search results show about 20-60 characters"


def test_each_file_gets_its_nearest_config(site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    assert lint(site, monkeypatch, capsys, ".") == (1, [A_FINDING])


def test_a_config_applies_to_every_folder_below_it(site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    write(site / "docs" / "guides" / "deep" / "c.md", SHORT)
    write(site / "posts" / "deep" / "er" / "d.md", SHORT)
    code, lines = lint(site, monkeypatch, capsys, ".")
    assert [line.split(":")[0] for line in lines] == ["posts/a.md", "posts/deep/er/d.md"]
    code, lines = lint(site / "docs" / "guides", monkeypatch, capsys, "deep/c.md", "../../posts/deep")
    assert [line.split(":")[0] for line in lines] == ["../../posts/deep/er/d.md"]


def test_the_same_file_gets_the_same_result_from_any_folder(site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    assert lint(site, monkeypatch, capsys, "docs/b.md") == (0, [])
    assert lint(site / "docs", monkeypatch, capsys, "b.md") == (0, [])
    assert lint(site / "docs", monkeypatch, capsys, "../posts/a.md") == (1, [A_FINDING.replace("posts/", "../posts/", 1)])
    assert lint(site / "posts", monkeypatch, capsys, "a.md") == (1, [A_FINDING.replace("posts/", "", 1)])


def test_one_cache_folder_for_the_run(site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(site)
    assert main(["check", "--format", "concise", "docs/b.md"]) == 0
    assert main(["check", "--format", "concise", "."]) == 1
    capsys.readouterr()
    assert (site / ".postlint_cache").is_dir() and not (site / "docs" / ".postlint_cache").exists()


def test_an_explicit_config_applies_to_every_file(site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = lint(site, monkeypatch, capsys, "--config", ".postlint.yaml", ".")
    assert code == 1 and [line.split(":")[0] for line in lines] == ["docs/b.md", "posts/a.md"]


def test_a_nested_config_without_extend_starts_from_the_defaults(site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    write(site / "docs" / ".postlint.yaml", "select: [FM003]\n")
    write(site / "docs" / "c.md", "---\ntitle: Short\n---\nBody.\n")
    code, lines = lint(site, monkeypatch, capsys, ".")
    assert lines == ["docs/c.md:1:1: FM003 required field `date` is missing", A_FINDING]


def test_nested_excludes_apply_from_any_folder(site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    write(site / "docs" / ".postlint.yaml", "extend: ../.postlint.yaml\nextend-exclude: [drafts]\n")
    write(site / "docs" / "drafts" / "d.md", SHORT)
    write(site / "posts" / "drafts" / "e.md", SHORT)
    code, lines = lint(site, monkeypatch, capsys, ".")
    assert [line.split(":")[0] for line in lines] == ["docs/b.md", "posts/a.md", "posts/drafts/e.md"]
    code, lines = lint(site / "docs", monkeypatch, capsys, ".")
    assert [line.split(":")[0] for line in lines] == ["b.md"]


def test_extend_merges_tables_and_extends_lists(tmp_path: Path) -> None:
    from postlint.model.config import load_config

    write(tmp_path / ".postlint.yaml", (
        "select: [FM]\nextend-select: [IMG]\ncontent-dirs: [content]\n"
        "site: {url: 'https://a.example', static-dirs: [static]}\nFM005: {min: 10, max: 50}\n"
    ))
    write(tmp_path / "sub" / "pyproject.toml", (
        '[tool.postlint]\nextend = "../.postlint.yaml"\nextend-select = ["LNK"]\n'
        '[tool.postlint.site]\npermalink = "/p/{slug}/"\n[tool.postlint.FM005]\nmin = 30\n'
    ))
    config = load_config(cwd=tmp_path / "sub")
    assert config.root == (tmp_path / "sub").resolve()
    assert config.select == ["FM"] and config.extend_select == ["IMG", "LNK"]
    assert config.site_url == "https://a.example" and config.permalink == "/p/{slug}/"
    assert [config.resolve_path(d) for d in config.content_dirs] == [tmp_path.resolve() / "content"]
    assert config.static_dirs == [str(tmp_path.resolve() / "static")]
    assert config.rule_options == {"FM005": {"min": 30, "max": 50}}


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({".postlint.yaml": "extend: .postlint.yaml\n"}, "`extend` makes a cycle through"),
        ({".postlint.yaml": "extend: b.yaml\n", "b.yaml": "extend: .postlint.yaml\n"}, "`extend` makes a cycle through"),
        ({".postlint.yaml": "extend: missing.yaml\n"}, "`extend`: missing.yaml: config file not found"),
        ({".postlint.yaml": "extend: [a]\n"}, "key `extend` must be the path of another config file"),
    ],
)
def test_bad_extend_is_a_one_line_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], files: dict[str, str], message: str
) -> None:
    for name, text in files.items():
        write(tmp_path / name, text)
    write(tmp_path / "a.md", SHORT)
    monkeypatch.chdir(tmp_path)
    assert main(["check", "a.md"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("postlint: error: ") and message in err and err.count("\n") == 1


# --- git's ignore rules ---------------------------------------------------------------------


def git_init(root: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)


def test_gitignore_in_a_subfolder(site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    write(site / "posts" / ".gitignore", "generated-*.md\nold/\n!old-but-kept.md\n")
    write(site / "posts" / "generated-1.md", SHORT)
    write(site / "posts" / "old" / "x.md", SHORT)
    write(site / "posts" / "deep" / "generated-2.md", SHORT)
    write(site / "posts" / "deep" / ".gitignore", "!generated-2.md\n")
    write(site / "generated-3.md", SHORT)  # the pattern is posts/.gitignore's: not here
    code, lines = lint(site, monkeypatch, capsys, ".")
    assert [line.split(":")[0] for line in lines] == ["generated-3.md", "posts/a.md", "posts/deep/generated-2.md"]
    code, lines = lint(site / "posts", monkeypatch, capsys, ".")
    assert [line.split(":")[0] for line in lines] == ["a.md", "deep/generated-2.md"]


def test_a_file_in_an_ignored_folder_stays_ignored(site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    write(site / ".gitignore", "build/\n")
    write(site / "build" / ".gitignore", "!*.md\n")
    write(site / "build" / "c.md", SHORT)
    code, lines = lint(site, monkeypatch, capsys, ".")
    assert [line.split(":")[0] for line in lines] == ["posts/a.md"]


def test_git_info_exclude_and_global_excludes(site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    git_init(site)
    write(site / ".git" / "info" / "exclude", "local-*.md\n")
    write(site.parent / "home" / ".config" / "git" / "ignore", "*.scratch.md\n")
    write(site / "posts" / "local-notes.md", SHORT)
    write(site / "posts" / "idea.scratch.md", SHORT)
    code, lines = lint(site, monkeypatch, capsys, "posts")
    assert [line.split(":")[0] for line in lines] == ["posts/a.md"]
    write(site / "posts" / ".gitignore", "!idea.scratch.md\n")  # a repository's own file wins over the global one
    code, lines = lint(site, monkeypatch, capsys, "posts")
    assert [line.split(":")[0] for line in lines] == ["posts/a.md", "posts/idea.scratch.md"]


def test_core_excludes_file(site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    git_init(site)
    write(tmp_path / "my-ignores", "private-*.md\n")
    write(tmp_path / "gitconfig", f"[core]\n\texcludesFile = {tmp_path / 'my-ignores'}\n")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    write(site / "posts" / "private-draft.md", SHORT)
    code, lines = lint(site, monkeypatch, capsys, "posts")
    assert [line.split(":")[0] for line in lines] == ["posts/a.md"]


def test_respect_gitignore_false(site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    write(site / ".postlint.yaml", "select: [FM005]\nrespect-gitignore: false\n")
    write(site / "posts" / ".gitignore", "*.md\n")
    code, lines = lint(site, monkeypatch, capsys, "posts")
    assert [line.split(":")[0] for line in lines] == ["posts/a.md"]


def test_a_gitignore_that_is_a_link_or_no_regular_file_is_not_read(site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """A repository's `.gitignore` linked to a device (or out of the project) would make a run
    read forever or read outside it: git does not follow such a link, nor does postlint."""
    import os

    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    write(site / "outside.txt", "*.md\n")
    (site / "posts" / ".gitignore").symlink_to(site / "outside.txt")
    os.mkfifo(site / "docs" / ".gitignore")
    code, lines = lint(site, monkeypatch, capsys, ".")
    assert [line.split(":")[0] for line in lines] == ["posts/a.md"]


# --- --fix, --diff, stdin and `postlint baseline` use each file's nearest config too ------------

TAGGED = "---\ntitle: \"A title of a sensible length here\"\ndate: 2024-05-01\ntags: [seo, seo]\n---\nBody.\n"
UNTAGGED = TAGGED.replace("tags: [seo, seo]", "tags: [seo]")


@pytest.fixture()
def fixable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """FM009 (a duplicate tag, fixed safely) runs at the root and is ignored by `sub/`'s config."""
    monkeypatch.setenv("NO_COLOR", "1")
    root = tmp_path / "site"
    write(root / ".postlint.yaml", "select: [FM009]\n")
    write(root / "posts" / "a.md", TAGGED)
    write(root / "sub" / ".postlint.yaml", "extend: ../.postlint.yaml\nignore: [FM009]\n")
    write(root / "sub" / "b.md", TAGGED)
    return root


def test_fix_honours_a_subfolder_config(fixable: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    assert lint(fixable, monkeypatch, capsys, "--fix", ".") == (0, [])
    assert (fixable / "posts" / "a.md").read_text(encoding="utf-8") == UNTAGGED
    assert (fixable / "sub" / "b.md").read_text(encoding="utf-8") == TAGGED


def test_diff_honours_a_subfolder_config(fixable: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(fixable)
    assert main(["check", "--no-cache", "--diff", "."]) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[:2] == ["--- a/posts/a.md", "+++ b/posts/a.md"]
    assert "sub/b.md" not in out
    assert (fixable / "posts" / "a.md").read_text(encoding="utf-8") == TAGGED


def test_stdin_uses_the_config_nearest_its_filename(fixable: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import io

    for name, expected in (("sub/b.md", 0), ("posts/a.md", 1)):
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(TAGGED.encode())))
        code, lines = lint(fixable, monkeypatch, capsys, "--stdin-filename", name, "-")
        assert (code, [line.split(" ")[1] for line in lines]) == (expected, ["FM009"] * expected), name


def test_stdin_fix_uses_the_config_nearest_its_filename(fixable: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(TAGGED.encode())))
    code, lines = lint(fixable, monkeypatch, capsys, "--fix", "--stdin-filename", "sub/b.md", "-")
    assert (code, "\n".join(lines) + "\n") == (0, TAGGED)


def test_baseline_honours_a_subfolder_config(fixable: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    monkeypatch.chdir(fixable)
    assert main(["baseline", "-q", "."]) == 0
    data = json.loads((fixable / ".postlint-baseline.json").read_text(encoding="utf-8"))
    assert sorted({entry["path"] for entry in data["findings"]}) == ["posts/a.md"]
