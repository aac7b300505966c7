"""The CI formats: SARIF 2.1.0, GitHub workflow commands, JUnit XML, GitLab Code Quality."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, Iterable

import pytest

from conftest import SHARED
from postlint.cache.runner import run
from postlint.cli.main import main
from postlint.engine.registry import Registry, build_registry
from postlint.model.config import from_mapping
from postlint.model.context import Context
from postlint.model.findings import Finding, Severity
from postlint.model.rule import Rule
from postlint.output.reporters import FORMATS, Report, get
from postlint.parse.document import Post

SARIF_SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"

POST = """---
title: "Reporting findings to continuous integration"
date: 2024-01-15
image: /media/ci.webp
tags: [ci, CI]
---
Body text.
"""


class Colour(Rule):
    """Flags the British spelling (a test-only rule with a body finding)."""

    code = "TST001"
    name = "test-colour"
    summary = "British spelling"
    severity = Severity.INFO

    def check(self, post: Post, ctx: Context) -> Iterable[Finding]:
        for number, line in enumerate(post.lines, start=1):
            for match in re.finditer("colour", line):
                yield self.report(post, number, match.start() + 1, "use `color`", end_column=match.end() + 1)


def report_for(tmp_path: Path, files: dict[str, str], registry: Registry | None = None, select: str = "FM") -> Report:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    config = from_mapping({"select": [select], "profile": "marketing"}, root=tmp_path)  # the rules at their defaults
    registry = registry or build_registry(entry_points=False)
    result = run([str(tmp_path)], config, registry=registry, cwd=tmp_path)
    return Report(result.findings, result.files, registry, result.rules, paths=result.paths, sources=result.sources)


def finding(**changes: Any) -> Finding:
    values: dict[str, Any] = dict(
        path="posts/a.md", line=3, column=5, code="FM009", end_line=3, end_column=9,
        name="tags-invalid", severity=Severity.WARNING, message="tag 'X' duplicates 'x'",
    )
    values.update(changes)
    return Finding(**values)


def test_every_format_is_selectable() -> None:
    assert FORMATS == ("text", "concise", "json", "sarif", "github", "junit", "gitlab", "github-summary", "html")


# --- SARIF --------------------------------------------------------------------------------


def check_sarif_structure(doc: dict[str, Any]) -> None:
    """The parts of the schema that matter, for machines without the schema file."""
    assert doc["version"] == "2.1.0"
    assert isinstance(doc["runs"], list) and len(doc["runs"]) == 1
    run_ = doc["runs"][0]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "postlint"
    ids = [rule["id"] for rule in driver["rules"]]
    assert len(ids) == len(set(ids))
    for rule in driver["rules"]:
        assert set(rule) >= {"id", "name", "shortDescription", "fullDescription", "defaultConfiguration", "helpUri"}
        assert rule["defaultConfiguration"]["level"] in ("none", "note", "warning", "error")
        assert rule["helpUri"] == f"https://github.com/postlint/postlint/blob/main/docs/rules/{rule['id']}.md"
    for result in run_["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("none", "note", "warning", "error")
        assert result["message"]["text"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert (region["endLine"], region["endColumn"]) >= (region["startLine"], region["startColumn"])
        assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]


def test_sarif_validates(tmp_path: Path) -> None:
    registry = build_registry(entry_points=False)
    registry.add(Colour, "test")
    report = report_for(tmp_path, {"posts/a b.md": POST, "clean.md": POST.replace(", CI]", "]") + "A colour.\n"}, registry, "ALL")
    doc = json.loads(get("sarif")(report))
    check_sarif_structure(doc)
    if SARIF_SCHEMA.exists():
        import jsonschema

        schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
        jsonschema.Draft4Validator(schema).validate(doc)
    results = doc["runs"][0]["results"]
    by_rule = {r["ruleId"]: r for r in results}
    dup = by_rule["FM009"]
    assert dup["level"] == "warning"
    assert dup["message"]["text"] == "tag 'CI' duplicates 'ci'"
    assert dup["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "posts/a%20b.md", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 5, "startColumn": 12, "endLine": 5, "endColumn": 14},
    }
    assert dup["fixes"][0]["artifactChanges"][0]["replacements"] == [
        {"deletedRegion": {"startLine": 5, "startColumn": 10, "endLine": 5, "endColumn": 14}, "insertedContent": {"text": ""}}
    ]
    assert by_rule["TST001"]["level"] == "note"
    rules = doc["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.code for r in report.rules]
    fm009 = rules[dup["ruleIndex"]]
    assert fm009["name"] == "tags-invalid"
    assert fm009["shortDescription"]["text"] == "Tags are empty, duplicated, or outside the allowed list"
    assert fm009["defaultConfiguration"]["level"] == "warning"


@pytest.mark.parametrize("chunk", [1, 2, 2000])
def test_json_ci_reports_hold_one_result_per_line(chunk: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """SARIF and GitLab reports are their documents, indented down to the results, which are
    one per line (an indented dump of tens of thousands takes seconds)."""
    from postlint.output.reporters import gitlab, sarif

    monkeypatch.setattr(sarif, "CHUNK", chunk)
    report = report_for(tmp_path, {"a.md": POST, "b.md": POST.replace("tags:", "tags: [x, x]\nold:")}, select="ALL")
    assert len(report.findings) > 3
    text = sarif.render(report)
    assert json.loads(text) == sarif.document(report) and text.endswith("\n      ]\n    }\n  ]\n}\n")
    results = [line for line in text.splitlines() if line.startswith('        {"ruleId": ')]
    assert len(results) == len(report.findings) and text.startswith('{\n  "$schema": ')
    assert [json.loads(line.rstrip(",")) for line in results] == sarif.document(report)["runs"][0]["results"]
    listed = gitlab.render(report)
    assert json.loads(listed) == gitlab.issues(report) and len(listed.splitlines()) == len(report.findings) + 2
    empty = Report([], 1, report.registry, report.rules)
    assert json.loads(sarif.render(empty)) == sarif.document(empty) and '"results": []' in sarif.render(empty)
    assert gitlab.render(empty) == "[]\n"


def test_fingerprints_ask_for_each_file_s_lines_once() -> None:
    """A run's sources decode a file when asked: findings in report order ask once per file."""
    from postlint.output.fingerprint import fingerprints, line_source

    asked: list[str] = []

    class Sources(dict):  # type: ignore[type-arg]
        def get(self, key: str, default: object = None) -> object:
            asked.append(key)
            return super().get(key, default)

    found = [finding(path="a.md", line=1), finding(path="a.md", line=2), finding(path="b.md", line=1), finding(path="b.md", line=9)]
    prints = fingerprints(found, line_source(Sources({"a.md": ["x", "y"], "b.md": ["x"]})))
    assert asked == ["a.md", "b.md"] and len(set(prints)) == 4
    assert prints == fingerprints(found, line_source({"a.md": ["x", "y"], "b.md": ["x"]}))


@pytest.mark.skipif(not SARIF_SCHEMA.exists(), reason=f"the official SARIF schema is not at {SARIF_SCHEMA}")
def test_sarif_schema_rejects_a_broken_document(tmp_path: Path) -> None:
    """The schema check is real: a result without a message is refused."""
    import jsonschema

    doc = json.loads(get("sarif")(report_for(tmp_path, {"a.md": POST})))
    del doc["runs"][0]["results"][0]["message"]
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(schema).validate(doc)


def test_sarif_for_a_clean_run_is_valid(tmp_path: Path) -> None:
    doc = json.loads(get("sarif")(report_for(tmp_path, {"a.md": POST.replace(", CI]", "]").replace("image:", "description: \"" + "d" * 80 + "\"\nimage:")})))
    check_sarif_structure(doc)
    assert doc["runs"][0]["results"] == []


# --- GitHub -------------------------------------------------------------------------------


def test_github_commands_per_severity() -> None:
    findings = [
        finding(severity=Severity.ERROR, code="FM002", name="front-matter-invalid", message="bad"),
        finding(),
        finding(severity=Severity.INFO, code="FM008", name="unknown-field", message="odd", end_line=0, end_column=0),
    ]
    text = get("github")(Report(findings, 1, build_registry(entry_points=False)))
    assert text == (
        "::error file=posts/a.md,line=3,col=5,endLine=3,endColumn=9,title=FM002 front-matter-invalid::bad\n"
        "::warning file=posts/a.md,line=3,col=5,endLine=3,endColumn=9,title=FM009 tags-invalid::tag 'X' duplicates 'x'\n"
        "::notice file=posts/a.md,line=3,col=5,endLine=3,endColumn=5,title=FM008 unknown-field::odd\n"
    )


def test_github_escaping() -> None:
    odd = finding(path="posts/a,b:c%.md", message="100% sure:\r\nline two, really", name="x:y")
    assert get("github")(Report([odd], 1, build_registry(entry_points=False))) == (
        "::warning file=posts/a%2Cb%3Ac%25.md,line=3,col=5,endLine=3,endColumn=9,title=FM009 x%3Ay"
        "::100%25 sure:%0D%0Aline two, really\n"
    )


# --- JUnit --------------------------------------------------------------------------------


def test_junit_one_testcase_per_file_and_a_failure_per_finding(tmp_path: Path) -> None:
    clean = POST.replace(", CI]", "]").replace("image:", 'description: "' + "d" * 80 + '"\nimage:')
    report = report_for(tmp_path, {"a.md": POST, "b.md": clean, "c.md": POST.replace("\x00", "") + "\x01"})
    xml = get("junit")(report)
    assert xml.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(xml.split("\n", 1)[1])
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert len(suites) == 1
    suite = suites[0]
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("3", "2", "0")
    cases = {case.get("name"): case for case in suite.findall("testcase")}
    assert list(cases) == ["a.md", "b.md", "c.md"]
    assert cases["b.md"].findall("failure") == []
    failures = cases["a.md"].findall("failure")
    assert [f.get("type") for f in failures] == ["FM011 recommended-field-missing", "FM009 tags-invalid"]
    assert failures[1].get("message") == "FM009 tag 'CI' duplicates 'ci'"
    assert failures[1].text == "a.md:5:12: FM009 tag 'CI' duplicates 'ci' [warning]"


def test_junit_replaces_characters_xml_cannot_hold() -> None:
    xml = get("junit")(Report([finding(message="bell \x07 here, \ufffe not a character")], 1, build_registry(entry_points=False), paths=["posts/a.md"]))
    root = ET.fromstring(xml.split("\n", 1)[1])
    # a control character is shown escaped (textsafe); a non-character XML cannot hold is replaced
    assert root.find("testsuite/testcase/failure").get("message") == "FM009 bell \\x07 here, \ufffd not a character"


# --- GitLab -------------------------------------------------------------------------------

#: GitLab's Code Quality report format (docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format).
GITLAB_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "minLength": 1},
                    "lines": {"type": "object", "required": ["begin"], "properties": {"begin": {"type": "integer", "minimum": 1}}},
                },
            },
        },
    },
}

BODY = """---
title: "Spelling the same word two ways"
date: 2024-01-15
---
The colour of the sky.

Same colour.

Same colour.
"""


def gitlab_issues(tmp_path: Path, text: str) -> list[dict[str, Any]]:
    registry = Registry()
    registry.add(Colour, "test")
    data = json.loads(get("gitlab")(report_for(tmp_path, {"post.md": text}, registry, "ALL")))
    import jsonschema

    jsonschema.validate(data, GITLAB_SCHEMA)
    return data


def test_gitlab_issue_shape(tmp_path: Path) -> None:
    issues = gitlab_issues(tmp_path, BODY)
    assert issues[0] == {
        "description": "TST001 use `color`",
        "check_name": "TST001",
        "fingerprint": issues[0]["fingerprint"],
        "severity": "info",
        "location": {"path": "post.md", "lines": {"begin": 5, "end": 5}},
    }
    assert re.fullmatch(r"[0-9a-f]{32}", issues[0]["fingerprint"])


def test_gitlab_fingerprints_are_unique_and_survive_edits_above(tmp_path: Path) -> None:
    before = [i["fingerprint"] for i in gitlab_issues(tmp_path, BODY)]
    assert len(before) == 3 and len(set(before)) == 3  # identical lines are told apart
    shifted = BODY.replace("---\nThe", "---\nA new opening paragraph.\n\nAnd another.\n\nThe")
    after = gitlab_issues(tmp_path, shifted)
    assert [i["location"]["lines"]["begin"] for i in after] == [9, 11, 13]
    assert [i["fingerprint"] for i in after] == before
    edited = [i["fingerprint"] for i in gitlab_issues(tmp_path, BODY.replace("The colour of the sky.", "The colour of the sea."))]
    assert edited[0] != before[0] and edited[1:] == before[1:]


def test_gitlab_severity_mapping() -> None:
    findings = [
        finding(severity=Severity.INFO, line=1),
        finding(severity=Severity.WARNING, line=2),
        finding(severity=Severity.ERROR, line=3),
        finding(severity=Severity.ERROR, line=4, code="PL002", name="file-unreadable"),
    ]
    data = json.loads(get("gitlab")(Report(findings, 1, build_registry(entry_points=False))))
    assert [i["severity"] for i in data] == ["info", "minor", "major", "critical"]


# --- through the CLI ----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["sarif", "github", "junit", "gitlab"])
def test_cli_formats_and_output_file(fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "post.md").write_text(POST, encoding="utf-8")
    (tmp_path / ".postlint.yaml").write_text("select: [FM]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--format", fmt, "post.md"]) == 1
    printed = capsys.readouterr().out
    assert main(["check", "--format", fmt, "--output", "report.out", "post.md"]) == 1
    written = (tmp_path / "report.out").read_text(encoding="utf-8")
    if fmt == "sarif":  # the base URI is the working directory
        assert json.loads(written) == json.loads(printed)
    else:
        assert written == printed
    assert "FM009" in written
