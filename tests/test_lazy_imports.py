"""`--version` and a plain check import none of the CI reporters, the fixer or the baseline,
and a one-file check nothing that only some runs need (the start of every run is most of a
one-file run's time)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

LAZY = {
    "postlint.fix.fixer", "postlint.cli.fix", "postlint.output.baseline", "postlint.output.fingerprint",
    "postlint.output.reporters.sarif", "postlint.output.reporters.github", "postlint.output.reporters.junit", "postlint.output.reporters.gitlab",
    "postlint.output.reporters.summary", "postlint.engine.configschema", "pathspec",
}

SCRIPT = """
import json, sys
from postlint.cli.main import main
code = main(sys.argv[1:])
print(json.dumps(sorted(sys.modules)))
"""


def _modules(tmp_path: Path, *args: str) -> set[str]:
    proc = subprocess.run([sys.executable, "-c", SCRIPT, *args], cwd=tmp_path, capture_output=True, text=True, check=True)
    return set(json.loads(proc.stdout.strip().splitlines()[-1]))


def test_version_and_plain_check_stay_lean(tmp_path: Path) -> None:
    (tmp_path / "post.md").write_text("---\ntitle: x\n---\nText.\n", encoding="utf-8")
    assert not _modules(tmp_path, "--version") & (LAZY | {"postlint.output.reporters.text", "postlint.engine.linter"})
    loaded = _modules(tmp_path, "check", "post.md")
    assert "postlint.output.reporters.text" in loaded
    assert not loaded & LAZY


def test_github_format_loads_only_its_reporter(tmp_path: Path) -> None:
    (tmp_path / "post.md").write_text("---\ntitle: x\n---\nText.\n", encoding="utf-8")
    loaded = _modules(tmp_path, "check", "--format", "github", "post.md")
    assert loaded & LAZY == {"postlint.output.reporters.github"}


def test_pathspec_loads_only_for_a_folder_with_ignore_patterns(tmp_path: Path) -> None:
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "post.md").write_text("---\ntitle: x\n---\nText.\n", encoding="utf-8")
    (tmp_path / ".gitignore").write_text("# nothing but a comment\n", encoding="utf-8")
    assert "pathspec" not in _modules(tmp_path, "check", "posts")
    (tmp_path / ".gitignore").write_text("build/\n", encoding="utf-8")
    assert "pathspec" not in _modules(tmp_path, "check", "posts/post.md")  # a file named: no walk
    assert "pathspec" in _modules(tmp_path, "check", "posts")


#: what a one-file check of a plain post (no template syntax) with no cache never needs
ONE_FILE_LAZY = {
    "hashlib", "sqlite3", "subprocess", "multiprocessing", "pathspec", "httpx", "pygls",
    "postlint.links.check", "postlint.links.client", "postlint.server.lsp", "postlint.site.linkgraph", "postlint.model.shortcodes",
    "postlint.model.regexguard",  # the shipped packs' patterns are checked by the test suite, not by every run
    "postlint.parse.templates",  # for a body that may hold template syntax (a `{`) only
    "postlint.output.groups",  # for --show-groups and the html report only
}


def test_a_one_file_check_without_the_cache_imports_only_what_it_uses(tmp_path: Path) -> None:
    (tmp_path / "post.md").write_text(
        "---\ntitle: Plain post\ndescription: A post with no template syntax.\n---\n\n"
        "Some prose about a dripper and a burr grinder.\n\n## Next\n\nSubscribe today.\n",
        encoding="utf-8",
    )
    loaded = _modules(tmp_path, "check", "--no-cache", "post.md")
    assert "postlint.rules.seo" in loaded and "postlint.parse.textstats" in loaded  # it did lint the post
    assert loaded & ONE_FILE_LAZY == set()
    assert "hashlib" in _modules(tmp_path, "check", "post.md")  # the cache keys contents by their hash
    (tmp_path / "post.md").write_text("---\ntitle: Templated\n---\n\nSee {{< ref \"other.md\" >}}.\n", encoding="utf-8")
    assert "postlint.parse.templates" in _modules(tmp_path, "check", "--no-cache", "post.md")
