"""The committed rule reference is the generator's output (regenerate it, never hand-edit it):

    postlint rules --docs-dir docs

writes docs/rules.md (the index, also `postlint rules --format markdown`) and a page per
rule, docs/rules/<CODE>.md (where SARIF's helpUri and the job summary link).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _postlint(*args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "postlint", *args], cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_docs_rules_md_is_generated() -> None:
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert _postlint("rules", "--format", "markdown") == committed, "docs/rules.md is stale: run `postlint rules --docs-dir docs`"


def test_rule_pages_are_generated(tmp_path: Path) -> None:
    _postlint("rules", "--docs-dir", str(tmp_path))
    fresh = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "rules").iterdir()}
    committed = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "docs" / "rules").iterdir()}
    assert sorted(committed) == sorted(fresh), "docs/rules/ has missing or extra pages: run `postlint rules --docs-dir docs`"
    stale = [name for name in fresh if fresh[name] != committed[name]]
    assert not stale, f"stale rule pages {stale}: run `postlint rules --docs-dir docs`"
    assert (tmp_path / "rules.md").read_text(encoding="utf-8") == (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")


def test_docs_dir_removes_pages_of_rules_that_are_gone(tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "XX999.md").write_text("old", encoding="utf-8")
    (tmp_path / "rules" / "notes.txt").write_text("kept", encoding="utf-8")
    _postlint("rules", "--docs-dir", str(tmp_path))
    assert not (tmp_path / "rules" / "XX999.md").exists()
    assert (tmp_path / "rules" / "notes.txt").read_text(encoding="utf-8") == "kept"
    assert (tmp_path / "rules" / "FM005.md").read_text(encoding="utf-8").startswith("# FM005: title-length\n")


# --- The hand-written docs: README.md is a quick start, docs/ holds the rest ---------------

README_LIMIT = 25_000


def _pages() -> list[Path]:
    """Every hand-written or generated Markdown page whose links a reader follows."""
    return [ROOT / "README.md", ROOT / "rules" / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


def _tokens(path: Path) -> list:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table").parse(path.read_text(encoding="utf-8"))


def _inline_text(inline) -> str:
    return "".join(child.content for child in inline.children or () if child.type in ("text", "code_inline"))


def _github_anchor(text: str) -> str:
    """GitHub's heading anchor: lower-case, punctuation dropped (letters, digits, `_`, `-`
    and spaces kept), spaces to hyphens."""
    kept = "".join(ch for ch in text.lower() if ch.isalnum() or ch in "_- ")
    return kept.replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    tokens = _tokens(path)
    seen: dict[str, int] = {}
    anchors = set()
    for opening, inline in zip(tokens, tokens[1:]):
        if opening.type != "heading_open":
            continue
        base = _github_anchor(_inline_text(inline))
        count = seen.get(base, 0)
        seen[base] = count + 1
        anchors.add(base if count == 0 else f"{base}-{count}")
    return anchors


def _links(path: Path) -> list[str]:
    found = []
    for token in _tokens(path):
        for child in token.children or ():
            if child.type == "link_open":
                found.append(str(child.attrs.get("href", "")))
            elif child.type == "image":
                found.append(str(child.attrs.get("src", "")))
    return found


def test_readme_is_a_quick_start() -> None:
    size = len((ROOT / "README.md").read_bytes())
    assert size <= README_LIMIT, f"README.md is {size:,} bytes, over {README_LIMIT:,}: move the detail into a page of docs/"


def test_readme_first_lines_are_the_two_commands_ci_runs() -> None:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert lines[2] == "```sh"
    install, tests = lines[3], lines[4]
    assert install.endswith("pip install . && postlint check examples/")
    test_command = tests.split(" && ", 2)[2]  # after the venv
    assert test_command == "pip install -e '.[test]' && python -m pytest"
    assert test_command in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def test_github_anchor() -> None:
    assert _github_anchor("Checking external links (--check-links)") == "checking-external-links---check-links"
    assert _github_anchor("substitution — prefer one word to another") == "substitution--prefer-one-word-to-another"
    assert _github_anchor("markdownlint's comments") == "markdownlints-comments"


def test_every_relative_link_leads_somewhere() -> None:
    """Every relative link of README.md, rules/README.md and docs/ names a file that exists,
    and its `#anchor` a heading of that file (for Markdown targets)."""
    broken = []
    for page in _pages():
        for href in _links(page):
            if not href or "://" in href or href.startswith(("mailto:", "tel:", "/")):
                continue  # other sites, and a post's links in an example (`/contact/`)
            target, _, anchor = href.partition("#")
            resolved = (page.parent / target).resolve() if target else page
            where = f"{page.relative_to(ROOT)}: {href}"
            if not resolved.exists():
                broken.append(f"{where} (no such file)")
            elif anchor and resolved.suffix == ".md" and anchor not in _anchors(resolved):
                broken.append(f"{where} (no heading with that anchor)")
    assert not broken, "\n".join(broken)


def test_the_link_check_finds_a_broken_link(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("# Title\n\n## A `code` heading\n\n[ok](#a-code-heading) [bad](#nowhere) [file](other.md)\n", encoding="utf-8")
    assert _links(page) == ["#a-code-heading", "#nowhere", "other.md"]
    assert _anchors(page) == {"title", "a-code-heading"}


def test_json_example_is_what_postlint_writes(tmp_path: Path) -> None:
    """The JSON report shown in docs/output-formats.md is the real output for its post."""
    import json
    import re

    text = (ROOT / "docs" / "output-formats.md").read_text(encoding="utf-8")
    shown = json.loads(re.search(r"## `json`\n.*?```json\n(.*?)```", text, re.DOTALL).group(1))
    post = tmp_path / "posts" / "short-title.md"
    post.parent.mkdir()
    post.write_text('---\ntitle: "Short"\ndate: 2024-01-01\n---\nA line.\n', encoding="utf-8")
    other = tmp_path / "posts" / "clean.md"
    other.write_text('---\ntitle: "A title of a good length for results"\ndate: 2024-01-01\n---\nA line.\n', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "postlint", "check", "--no-cache", "--select", "FM005", "--format", "json", "posts"],
        cwd=tmp_path, capture_output=True, text=True, encoding="utf-8", timeout=120,
    )
    assert result.returncode == 1, result.stderr
    written = json.loads(result.stdout)
    written["tool"]["version"] = shown["tool"]["version"]
    assert written == shown


def test_rule_example_runs_as_a_plugin(tmp_path: Path) -> None:
    """The Python rule of docs/writing-rules.md loads as a `plugins:` module and reports."""
    import re

    text = (ROOT / "docs" / "writing-rules.md").read_text(encoding="utf-8")
    (tmp_path / "mysite_rules.py").write_text(re.search(r"```python\n(.*?)```", text, re.DOTALL).group(1), encoding="utf-8")
    (tmp_path / ".postlint.yaml").write_text("plugins: [mysite_rules]\n", encoding="utf-8")
    (tmp_path / "a.md").write_text('---\ntitle: "A post"\n---\n\nIntro.\n\nLorem ipsum dolor sit amet.\n', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "postlint", "check", "--no-cache", "--select", "XMP001", "--format", "concise", "a.md"],
        cwd=tmp_path, capture_output=True, text=True, encoding="utf-8", timeout=120,
    )
    assert result.stdout == "a.md:7:1: XMP001 placeholder text left in the post\n", result.stderr
    assert result.returncode == 1


def test_cli_page_names_every_command_and_flag() -> None:
    """docs/cli.md names every command of `postlint --help` and every flag of its `--help`."""
    import re

    page = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    top = _postlint("--help")
    commands = re.findall(r"^  ([a-z]+)  ", top.split("Commands:", 1)[1], re.MULTILINE)
    assert {"check", "baseline", "rules", "rule", "init", "site", "clean", "schema", "server"} <= set(commands)
    missing = []
    for command in commands:
        if f"postlint {command}" not in page and f"`{command}`" not in page:
            missing.append(command)
        options = _postlint(command, "--help").split("Options:", 1)[1]
        for flag in sorted(set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", options)) - {"--help"}):
            if flag not in page:
                missing.append(f"{command} {flag}")
    assert not missing, f"docs/cli.md does not mention {missing}"
