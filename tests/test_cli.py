"""The CLI through click's runner (via `main(argv)`) and as a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from postlint.cli.main import main

CLEAN = """---
title: "A clean post about testing static sites"
date: 2024-05-01
description: "A description that is long enough to pass the length rule for descriptions."
image: /media/x.webp
tags: [testing]
---
Body text.
"""

SHORT_TITLE = CLEAN.replace("A clean post about testing static sites", "Short")


@pytest.fixture()
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "clean-post.md").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "posts" / "short-title.md").write_text(SHORT_TITLE, encoding="utf-8")
    (tmp_path / ".postlint.yaml").write_text("select: [FM, PL]\n", encoding="utf-8")
    return tmp_path


def test_text_output_and_exit_code(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", "posts"])
    out = capsys.readouterr().out
    assert code == 1
    assert out.splitlines() == [
        "posts/short-title.md:2:8: FM005 title is 5 characters, shorter than 20; search results show about 20-60 characters [warning]",
        "Found 1 finding (1 warning) in 2 files.",
    ]


def test_check_is_the_default_command(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["posts/clean-post.md"]) == 0
    assert capsys.readouterr().out == "All checks passed (1 file).\n"


def test_concise_and_quiet(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", "--format", "concise", "posts"])
    assert capsys.readouterr().out == "posts/short-title.md:2:8: FM005 title is 5 characters, shorter than 20; search results show about 20-60 characters\n"
    main(["check", "--quiet", "posts/clean-post.md"])
    assert capsys.readouterr().out == ""


def test_json_output_shape(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--format", "json", "posts"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == 1
    assert data["tool"]["name"] == "postlint"
    assert data["summary"] == {"files": 2, "findings": 1, "by_severity": {"error": 0, "warning": 1, "info": 0}, "by_code": {"FM005": 1}}
    assert data["findings"] == [
        {
            "path": "posts/short-title.md",
            "line": 2,
            "column": 8,
            "end_line": 2,
            "end_column": 15,
            "code": "FM005",
            "name": "title-length",
            "severity": "warning",
            "message": "title is 5 characters, shorter than 20; search results show about 20-60 characters",
            "fix": None,
        }
    ]


def test_fail_on_and_exit_zero(site: Path) -> None:
    assert main(["check", "-q", "--fail-on", "error", "posts"]) == 0
    assert main(["check", "-q", "--exit-zero", "posts"]) == 0
    assert main(["check", "-q", "--fail-on", "info", "posts"]) == 1


def test_select_ignore_by_code_prefix_and_name(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "-q", "--ignore", "title-length", "posts"]) == 0
    assert main(["check", "-q", "--select", "FM00", "posts"]) == 1
    assert main(["check", "-q", "--select", "FM011", "posts"]) == 0
    assert main(["check", "-q", "--select", "FM011", "--extend-select", "FM005", "posts"]) == 1
    capsys.readouterr()


def test_unknown_code_on_command_line_is_exit_2(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--select", "XYZ999", "posts"]) == 2
    err = capsys.readouterr().err
    assert err == "postlint: error: --select: unknown rule code or name 'XYZ999'\n"


def test_output_file(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--format", "json", "--output", "report.json", "posts"]) == 1
    assert capsys.readouterr().out == ""
    assert json.loads((site / "report.json").read_text())["summary"]["findings"] == 1


def test_statistics(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", "--statistics", "-q", "posts"])
    assert capsys.readouterr().out.splitlines()[-1] == "    1  FM005   title-length"


def test_stdin(site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SHORT_TITLE.encode())))
    assert main(["check", "--format", "concise", "--stdin-filename", "posts/new-post.md", "-"]) == 1
    assert capsys.readouterr().out.startswith("posts/new-post.md:2:8: FM005 ")


def test_missing_path_is_exit_2_but_others_are_linted(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--format", "concise", "posts", "nope.md"]) == 2
    captured = capsys.readouterr()
    assert "posts/short-title.md:2:8: FM005" in captured.out
    assert captured.err == "postlint: error: nope.md: no such file or directory\n"


def test_glob_paths(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "-q", "--format", "concise", "posts/short-*.md"]) == 1
    assert capsys.readouterr().out.startswith("posts/short-title.md:")


def test_default_paths_are_content_dirs(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "outside.md").write_text("no front matter\n", encoding="utf-8")
    (site / ".postlint.yaml").write_text("select: [FM]\ncontent-dirs: [posts]\n", encoding="utf-8")
    main(["check", "--format", "concise"])
    out = capsys.readouterr().out
    assert "outside.md" not in out and "short-title.md" in out


def test_rules_lists_every_catalog_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    catalog = Path(__file__).parent / "catalog_codes.txt"
    for code in catalog.read_text().split():
        assert f"\n{code} " in "\n" + out, code


def test_rule_explains_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rule", "FM005"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("FM005 (title-length)\n")
    assert out.endswith(
        "Options:\n  min (integer ≥ 0; default 20)\n      Fewest characters.\n  max (integer ≥ 1; default 60)\n      Most characters.\n"
        "  skip-versions (boolean; default false)\n      A title naming a version number or a major release is not reported as too short.\n"
    )
    assert main(["rule", "title-length"]) == 0
    assert main(["rule", "NOPE"]) == 2


def test_init_writes_a_config_that_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["init"]) == 0
    assert (tmp_path / ".postlint.yaml").exists()
    assert main(["init"]) == 2
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a-post.md").write_text(CLEAN, encoding="utf-8")
    assert main(["check", "-q", "--select", "FM"]) == 0


def test_version_does_not_import_heavy_modules() -> None:
    code = "import sys; from postlint.cli.main import main; main(['--version']) if False else None; " \
        "import postlint.cli.main, runpy; sys.argv=['postlint','--version']\n" \
        "try:\n    postlint.cli.main.main()\nexcept SystemExit:\n    pass\n" \
        "print(sorted(m for m in ('textstat','httpx','markdown_it','yaml','postlint.output.reporters.json') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["postlint 0.1.0", "[]"]


def test_subprocess_entry_point(site: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.run([sys.executable, "-m", "postlint", "check", "--format", "concise", "posts"], capture_output=True, text=True, env=env, cwd=site)
    assert proc.returncode == 1
    assert proc.stdout.startswith("posts/short-title.md:2:8: FM005 ")
    assert proc.stderr == ""


def test_the_command_leaves_what_the_run_left_to_the_end_of_the_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """The `postlint` command freezes the collector once the command has run (its exit raised):
    the interpreter's last collection does not traverse and free a big run's objects one by one."""
    import gc

    import postlint.__main__ as entry
    import postlint.cli.main as cli

    calls: list[str] = []
    monkeypatch.setattr(cli, "main", lambda: calls.append("run") or sys.exit(3))
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    monkeypatch.setattr(gc, "set_threshold", lambda *thresholds: calls.append("thresholds"))
    with pytest.raises(SystemExit) as exit:
        entry.main()
    assert (exit.value.code, calls) == (3, ["thresholds", "run", "freeze"])


def test_the_command_s_report_and_cache_are_whole_when_it_ends(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A report written to a file and the cache a run saved, by the command in its own process
    (which ends with the collector frozen), are what the same run in this process writes."""
    env = {**os.environ, "NO_COLOR": "1"}
    for _ in range(2):  # cold, then warm from the cache the first process saved
        proc = subprocess.run(
            [sys.executable, "-m", "postlint", "check", "--format", "json", "-o", "out.json", "posts"], capture_output=True, text=True, env=env, cwd=site
        )
        assert (proc.returncode, proc.stderr) == (1, "")
        assert (site / ".postlint_cache" / "results.sqlite3").is_file()
        written = (site / "out.json").read_text(encoding="utf-8")
        main(["check", "--format", "json", "--no-cache", "posts"])
        assert written == capsys.readouterr().out


def test_color_only_on_request(site: Path) -> None:
    env = {**os.environ, "FORCE_COLOR": "1"}
    env.pop("NO_COLOR", None)
    proc = subprocess.run([sys.executable, "-m", "postlint", "check", "posts"], capture_output=True, text=True, env=env, cwd=site)
    assert "\x1b[33mFM005\x1b[0m" in proc.stdout
    env["NO_COLOR"] = "1"
    proc = subprocess.run([sys.executable, "-m", "postlint", "check", "posts"], capture_output=True, text=True, env=env, cwd=site)
    assert "\x1b[" not in proc.stdout


def test_report_parts_are_echoed_as_click_echo_would(capsys: pytest.CaptureFixture[str]) -> None:
    from postlint.cli.main import _echo_parts
    from postlint.model.findings import Finding, Severity
    from postlint.output.reporters import JSON_FORMATS, Report, json as json_reporter

    _echo_parts(["a\x1b[31mb", "c\n"], strip=True, err=False)  # colour off: escape sequences removed
    _echo_parts(["d\x1b[0m\n"], strip=False, err=True)
    out = capsys.readouterr()
    assert (out.out, out.err) == ("abc\n", "d\x1b[0m\n")
    # JSON formats are written unstripped: their encoder leaves no escape character to strip
    finding = Finding("p.md", 1, 1, "LNK001", 1, 2, "link-malformed", Severity.ERROR, "target `x\x1b[31my`", None)
    text = json_reporter.render(Report([finding], 1, None))  # type: ignore[arg-type]
    assert "json" in JSON_FORMATS and "\x1b" not in text and "x\\u001b[31my" in text


def test_directory_named_md_and_broken_symlink_inside_a_folder(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "posts" / "folder.md").mkdir()
    (site / "posts" / "dangling.md").symlink_to(site / "posts" / "gone.md")
    code = main(["check", "--format", "concise", "posts"])
    captured = capsys.readouterr()
    assert code == 1
    assert "posts/dangling.md:1:1: PL002 cannot read file: no such file (or a broken symbolic link)" in captured.out
    assert "posts/short-title.md:2:8: FM005" in captured.out
    assert captured.err == "postlint: warning: posts/folder.md: is a directory, not a post; skipped\n"


def test_broken_symlink_named_on_the_command_line(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "dangling.md").symlink_to(site / "gone.md")
    assert main(["check", "-q", "dangling.md", "posts/clean-post.md"]) == 2
    assert capsys.readouterr().err == "postlint: error: dangling.md: broken symbolic link\n"


def test_seed_posts_get_fm011_for_their_missing_description(capsys: pytest.CaptureFixture[str]) -> None:
    from conftest import SHARED

    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        pytest.skip(f"{seeds} is absent (the shared folder is not part of a clone)")
    assert main(["check", "--format", "json", "--select", "FM", "--no-cache", str(seeds)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert [(Path(f["path"]).name, f["code"], f["line"], f["message"]) for f in data["findings"]] == [
        ("what-are-lead-generation-campaigns.md", "FM011", 1, "recommended field `description` is missing"),
        ("why-are-lead-generation-campaigns-created.md", "FM011", 1, "recommended field `description` is missing"),
    ]
    assert set(data) == {"schema", "tool", "summary", "findings"}


def test_json_lines_are_the_json_module_s_bytes() -> None:
    """The JSON reporter writes each finding by hand: the bytes must equal `json.dumps(to_dict())`."""
    import json

    from postlint.model.findings import Edit, Finding, Fix, Severity
    from postlint.output.reporters import Report, json as json_reporter

    tricky = 'quote " backslash \\ tab \t newline \n nul \x00 bidi \u202e emoji 😀 é'
    findings = [
        Finding("a/b \"c\".md", 3, 4, "LNK009", 3, 9, "link-domain-policy", Severity.WARNING, tricky,
                Fix((Edit(3, 4, 3, 9, tricky), Edit(5, 1, 5, 1, "")), "unsafe", tricky)),
        Finding("é.md", 1, 1, "FM001", 0, 0, "frontmatter-missing", Severity.ERROR, "m", None),
        Finding("x.md", 2, 1, "RD001", 2, 7, "reading-ease", Severity.INFO, "", Fix((), "safe", "")),
    ]
    text = json_reporter.render(Report(findings, 3, None))  # type: ignore[arg-type]
    data = json.loads(text)
    assert data["findings"] == [f.to_dict() for f in findings]
    lines = text.split("\n")
    start = lines.index('  "findings": [') + 1
    assert lines[start : start + 3] == [
        "    " + json.dumps(f.to_dict(), ensure_ascii=False) + ("," if i < 2 else "") for i, f in enumerate(findings)
    ]


@pytest.mark.parametrize("chunk", [1, 2, 3, 2000])
def test_the_json_report_in_pieces_is_the_whole_report(chunk: int, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from postlint.model.findings import Finding, Severity
    from postlint.output.reporters import Report, get, get_chunks, json as json_reporter

    findings = [Finding(f"p{i}.md", i + 1, 1, "FM001", 0, 0, "frontmatter-missing", Severity.ERROR, f"m “{i}”", None) for i in range(3)]
    whole = json_reporter.render(Report(findings, 3, None))  # type: ignore[arg-type]
    monkeypatch.setattr(json_reporter, "CHUNK", chunk)
    pieces = list(get_chunks("json")(Report(findings, 3, None)))  # type: ignore[arg-type]
    assert len(pieces) == 1 + -(-3 // chunk) and "".join(p if isinstance(p, str) else p.decode() for p in pieces) == whole
    assert [f["message"] for f in json.loads(whole)["findings"]] == ["m “0”", "m “1”", "m “2”"]
    assert list(get_chunks("json")(Report([], 0, None))) == [json_reporter.render(Report([], 0, None))]  # type: ignore[arg-type]
    report = Report(findings, 3, None)  # type: ignore[arg-type]
    assert list(get_chunks("junit")(report)) == [get("junit")(report)]  # a format without pieces: one
