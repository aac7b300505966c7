"""Declarative rule packs: the five kinds, their validation, data merging and the CLI."""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from postlint.cache.runner import run
from postlint.cli.main import main
from postlint.engine.registry import build_registry
from postlint.model.config import from_mapping
from postlint.model.findings import Finding
from postlint.model.rule import PackError
from postlint.packs.loader import load_pack, merge_data, pack_data, packs_root, read_pack, shipped_packs

POST = """\
---
title: "A short post about the kitchen garden"
tags: [garden]
author: 42
---

We utilize the shed for tools. Utilize the bench too.

## The end

That is all for now.
"""


def lint(tmp_path: Path, rules: list[dict[str, Any]], text: str = POST, **config: Any) -> list[Finding]:
    pack = tmp_path / "pack.yaml"
    pack.write_text(yaml.safe_dump({"rules": rules}, allow_unicode=True), encoding="utf-8")
    post = tmp_path / "post.md"
    post.write_text(text, encoding="utf-8")
    codes = [r["code"] for r in rules]
    mapping = {"packs": ["pack.yaml"], "select": codes, **config}
    return run([str(post)], from_mapping(mapping, root=tmp_path), cwd=tmp_path, today=dt.date(2025, 6, 1)).findings


def rows(findings: list[Finding]) -> list[tuple[str, int, int, str]]:
    return [(f.code, f.line, f.column, f.message) for f in findings]


def rule(kind: str, **fields: Any) -> dict[str, Any]:
    return {"code": "ACME001", "name": "acme-rule", "extends": kind, "level": "info", **fields}


def test_existence_reports_each_match_at_its_line_and_column(tmp_path: Path) -> None:
    found = lint(tmp_path, [rule("existence", tokens=["utili[sz]e"], message="avoid “{match}”")])
    assert rows(found) == [
        ("ACME001", 7, 4, "avoid “utilize”"),
        ("ACME001", 7, 32, "avoid “Utilize”"),
    ]


def test_existence_in_headings_scope(tmp_path: Path) -> None:
    found = lint(tmp_path, [rule("existence", tokens=["end"], scope="headings", message="heading says {match}")])
    assert rows(found) == [("ACME001", 9, 8, "heading says end")]


def test_presence_fires_only_when_nothing_matches(tmp_path: Path) -> None:
    missing = lint(tmp_path, [rule("presence", tokens=["newsletter"], scope="closing", message="no newsletter in {scope}")])
    assert rows(missing) == [("ACME001", 6, 1, "no newsletter in closing")]
    present = lint(tmp_path, [rule("presence", tokens=["all for now"], scope="closing", message="m")])
    assert present == []
    early = lint(tmp_path, [rule("presence", tokens=["shed"], scope="closing", message="m")])
    assert len(early) == 1  # "shed" is only in the first section


def test_presence_accepts_a_matching_link(tmp_path: Path) -> None:
    text = POST.replace("That is all for now.", "Read [the plans](/pricing/).")
    found = lint(tmp_path, [rule("presence", tokens=["newsletter"], links=["/pricing/"], message="m")], text)
    assert found == []


def test_substitution_suggests_and_fixes(tmp_path: Path) -> None:
    found = lint(tmp_path, [rule("substitution", swap={"utili[sz]e": "use"}, message="use “{replacement}”, not “{match}”")])
    assert rows(found) == [
        ("ACME001", 7, 4, "use “use”, not “utilize”"),
        ("ACME001", 7, 32, "use “Use”, not “Utilize”"),
    ]
    fix = found[1].fix
    assert fix is not None and fix.applicability == "unsafe"
    assert [(e.line, e.column, e.end_column, e.content) for e in fix.edits] == [(7, 32, 39, "Use")]


METRIC = rule(
    "metric",
    formula="words / sentences",
    condition=">",
    threshold=3,
    message="{score:.1f} words per sentence (limit {threshold}, {words:.0f} words)",
)


def test_metric_compares_the_formula_with_its_threshold(tmp_path: Path) -> None:
    assert rows(lint(tmp_path, [METRIC])) == [("ACME001", 6, 1, "5.0 words per sentence (limit 3, 15 words)")]


def test_metric_threshold_and_min_words_are_rule_options(tmp_path: Path) -> None:
    assert lint(tmp_path, [METRIC], ACME001={"threshold": 5}) == []
    assert lint(tmp_path, [METRIC], **{"acme-rule": {"min-words": 20}}) == []


def test_frontmatter_schema(tmp_path: Path) -> None:
    rules = [
        {**rule("frontmatter", field="author", type="string", message="`{field}` {problem}"), "code": "ACME001", "name": "a-one"},
        {**rule("frontmatter", field="summary", required=True, message="`{field}` {problem}"), "code": "ACME002", "name": "a-two"},
        {**rule("frontmatter", field="title", **{"max-length": 10}, message="title {problem}"), "code": "ACME003", "name": "a-three"},
        {**rule("frontmatter", field="tags", enum=["news", "howto"], message="tags: {problem}"), "code": "ACME004", "name": "a-four"},
        {**rule("frontmatter", field="title", pattern="[A-Z].*", message="title {problem}"), "code": "ACME005", "name": "a-five"},
    ]
    assert rows(lint(tmp_path, rules)) == [
        ("ACME002", 1, 1, "`summary` is missing"),
        ("ACME003", 2, 8, "title has 37 characters, more than 10"),
        ("ACME004", 3, 7, "tags: value 'garden' is not one of news, howto"),
        ("ACME001", 4, 9, "`author` must be a string"),
    ]


@pytest.mark.parametrize(
    ("spec", "error"),
    [
        (rule("existence", tokns=["x"], message="m"), "rule ACME001: unknown field 'tokns'"),
        (rule("existence", message="m"), "rule ACME001: field `tokens` must list at least one word or pattern"),
        (rule("existence", tokens=["(unclosed"], message="m"), "rule ACME001: field `tokens`: invalid pattern '(unclosed'"),
        (rule("existence", tokens=["ab)|(?:cd"], message="m"), "rule ACME001: field `tokens`: invalid pattern 'ab)|(?:cd'"),  # valid only inside the word boundaries
        # plain words are not compiled one by one; a pattern beside them still is
        (rule("existence", tokens=["don't, ever", "state-of-the-art", "(?<=a+)b"], message="m"), "rule ACME001: field `tokens`: invalid pattern '(?<=a+)b'"),
        (rule("substitution", swap={"fine": "ok", "x{2,1}": "y"}, message="m"), "rule ACME001: field `swap`: invalid pattern 'x{2,1}'"),
        # an inline flag compiles alone but not inside the word boundaries, in every spelling
        (rule("existence", tokens=["fine", "(?i)foo"], message="m"), "rule ACME001: field `tokens`: invalid pattern '(?i)foo'"),
        (rule("existence", tokens=["(?x) a b"], message="m"), "rule ACME001: field `tokens`: invalid pattern '(?x) a b'"),
        (rule("substitution", swap={"(?-i)ab": "y"}, message="m"), "rule ACME001: field `swap`: invalid pattern '(?-i)ab'"),
        (rule("existence", tokens=["x"], message="{matched}"), "rule ACME001: field `message`: unknown placeholder {matched} (allowed: {match})"),
        (rule("existence", tokens=["x"]), "rule ACME001: field `message` is required"),
        (rule("existence", tokens=["x"], scope="body", message="m"), "rule ACME001: field `scope` must be one of prose, paragraphs, headings"),
        (rule("existance", tokens=["x"], message="m"), "rule ACME001: field `extends` must be one of existence, frontmatter, metric, presence, substitution, got 'existance'"),
        ({**rule("existence", tokens=["x"], message="m"), "level": "fatal"}, "rule ACME001: field `level` must be error, warning or info"),
        ({**rule("existence", tokens=["x"], message="m"), "code": "ACME1"}, "field `code` must look like ABC001, got 'ACME1'"),
        (rule("presence", message="m"), "rule ACME001: field `tokens` (or `links`) must list at least one word or pattern"),
        (rule("substitution", swap=["a"], message="m"), "rule ACME001: field `swap` must map words or patterns to their replacements"),
        (rule("metric", formula="words / sentences", message="m"), "rule ACME001: field `threshold` is required"),
        (rule("metric", formula="open('x')", threshold=1, message="m"), "rule ACME001: field `formula`: only sqrt(), min(), max() and abs() may be called"),
        (rule("metric", formula="words", threshold=1, condition="=", message="m"), "rule ACME001: field `condition` must be one of <, <=, >, >=, got '='"),
        (rule("metric", formula="words", threshold="ten", message="m"), "rule ACME001: field `threshold` must be a number, got 'ten'"),
        (rule("frontmatter", type="string", message="m"), "rule ACME001: field `field` is required"),
        (rule("frontmatter", field="a", type="text", message="m"), "rule ACME001: field `type` must be one of string, list, date"),
        (rule("frontmatter", field="a", message="m"), "rule ACME001: a frontmatter rule needs at least one of"),
        (rule("frontmatter", field="a", required="yes", message="m"), "rule ACME001: field `required` must be true or false"),
    ],
)
def test_pack_errors_name_the_file_the_rule_and_the_field(tmp_path: Path, spec: dict[str, Any], error: str) -> None:
    pack = tmp_path / "bad.yaml"
    pack.write_text(yaml.safe_dump({"rules": [spec]}), encoding="utf-8")
    with pytest.raises(PackError) as info:
        load_pack(pack, str(pack))
    assert str(info.value).startswith(f"{pack}: ")
    assert error in str(info.value)


def test_pack_with_unknown_top_level_key(tmp_path: Path) -> None:
    pack = tmp_path / "bad.yaml"
    pack.write_text("rulez: []\n", encoding="utf-8")
    with pytest.raises(PackError) as info:
        load_pack(pack, str(pack))
    assert str(info.value) == f"{pack}:1: unknown top-level key 'rulez' (did you mean 'rules'?)"


def test_cli_refuses_a_pack_with_a_typo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "house.yaml").write_text(
        textwrap.dedent(
            """\
            rules:
              - code: HOUSE001
                name: no-utilize
                extends: substitution
                swap: {utilize: use}
                mesage: "use {replacement}"
            """
        ),
        encoding="utf-8",
    )
    (tmp_path / ".postlint.yaml").write_text("packs: [house.yaml]\n", encoding="utf-8")
    (tmp_path / "post.md").write_text(POST, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "post.md"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"postlint: error: {tmp_path / 'house.yaml'}: rule HOUSE001: unknown field 'mesage' (allowed: ")
    assert err.count("\n") == 1 and "Traceback" not in err


def test_cli_runs_a_user_pack_and_documents_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "house.yaml").write_text(
        yaml.safe_dump(
            {"rules": [{"code": "HOUSE001", "name": "no-utilize", "extends": "substitution", "swap": {"utilize": "use"},
                        "message": "say “{replacement}”", "description": "Plain words win."}]}
        ),
        encoding="utf-8",
    )
    (tmp_path / ".postlint.yaml").write_text("packs: [house.yaml]\nselect: [HOUSE]\n", encoding="utf-8")
    (tmp_path / "post.md").write_text(POST, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--format", "concise", "post.md"]) == 1
    assert capsys.readouterr().out == "post.md:7:4: HOUSE001 say “use”\npost.md:7:32: HOUSE001 say “Use”\n"
    assert main(["rule", "no-utilize"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("HOUSE001 (no-utilize)\n") and "Plain words win." in out and f"Defined in: {tmp_path / 'house.yaml'}" in out


def test_rule_rd001_documents_formula_and_thresholds(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rule", "RD001"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("RD001 (reading-ease-low)\n")
    assert "Default severity: warning" in out
    assert "reading ease = 206.835 − 1.015 × (words ÷ sentences) − 84.6 × (syllables ÷ words)" in out
    assert "  threshold (number; default 50)\n      The score is reported when it is below this.\n" in out
    assert "  min-words (number ≥ 0; default 100)\n" in out


def test_shipped_packs_load_and_define_the_catalog_rules() -> None:
    assert [label for _, label in shipped_packs()] == [
        "rules/cta.yaml", "rules/frontmatter.yaml", "rules/links.yaml", "rules/readability.yaml", "rules/style.yaml",
    ]
    registry = build_registry(entry_points=False)
    expected = {"RD001": ("reading-ease-low", "warning"), "RD002": ("grade-level-high", "info"), "RD007": ("weak-wording", "info")}
    for code, (name, severity) in expected.items():
        found = registry.get(code)
        assert found is not None and found.implemented
        assert (found.name, str(found.severity), found.origin) == (name, severity, f"rules/{'style' if code == 'RD007' else 'readability'}.yaml")
    assert "click here" in pack_data("links.yaml")["poor-link-text"]
    assert registry.data["cta-phrases"] == pack_data("cta.yaml")["cta-phrases"]


def test_the_json_twin_of_the_shipped_packs_holds_what_their_yaml_does() -> None:
    """A run reads the shipped packs from `rules/packs.json`: after changing a shipped pack, run
    `python -m postlint.packs.twin` (this test fails until then)."""
    from postlint.packs.loader import TWIN_NAME, read_yaml_pack
    from postlint.packs.twin import twin_text

    twin = packs_root() / TWIN_NAME
    assert twin.read_text(encoding="utf-8") == twin_text(), "rules/packs.json is stale: run python -m postlint.packs.twin"
    for source, origin in shipped_packs():
        first = read_pack(source, origin)
        assert first == read_yaml_pack(source, origin) and first
        first.clear()  # each read is a copy of its own
        assert read_pack(source, origin) == read_yaml_pack(source, origin)


def test_the_shipped_tokens_a_run_trusts_are_each_valid_and_safe() -> None:
    """A run does not compile or check for backtracking the `tokens` of the shipped packs again
    (`shipped_tokens`): this test does, each of them, as a user's pack's tokens are checked."""
    from postlint.packs.loader import shipped_tokens
    from postlint.parse.phrases import validate_patterns

    trusted = shipped_tokens()
    style = read_pack(packs_root() / "style.yaml", "rules/style.yaml")
    assert set(style["rules"][0]["tokens"]) <= trusted
    for token in sorted(trusted):
        assert validate_patterns([token], "t", "tokens") == [token]


def test_a_pack_beside_the_shipped_ones_but_not_in_their_twin_is_read_as_yaml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from postlint.packs import loader

    (tmp_path / "cta.yaml").write_text("data:\n  cta-links: ['/mine/']\n", encoding="utf-8")
    (tmp_path / "extra.yaml").write_text("data:\n  x: [1]\n", encoding="utf-8")
    (tmp_path / loader.TWIN_NAME).write_text('{"cta.yaml": {"data": {"cta-links": ["/twin/"]}}}', encoding="utf-8")
    monkeypatch.setattr(loader, "packs_root", lambda: tmp_path)
    loader._twin_texts.cache_clear()
    try:
        assert loader.read_pack(tmp_path / "cta.yaml", "rules/cta.yaml") == {"data": {"cta-links": ["/twin/"]}}
        assert loader.read_pack(tmp_path / "extra.yaml", "rules/extra.yaml") == {"data": {"x": [1]}}
        (tmp_path / loader.TWIN_NAME).unlink()
        loader._twin_texts.cache_clear()
        assert loader.read_pack(tmp_path / "cta.yaml", "rules/cta.yaml") == {"data": {"cta-links": ["/mine/"]}}
    finally:
        loader._twin_texts.cache_clear()


def test_data_merge_extends_or_replaces() -> None:
    merged: dict[str, Any] = {"a": [1], "b": {"x": 1}, "c": [1]}
    merge_data(merged, {"a": [2], "b": {"y": 2}}, None, "p")
    assert merged == {"a": [1, 2], "b": {"x": 1, "y": 2}, "c": [1]}
    merge_data(merged, {"a": [3]}, "replace", "p")
    assert merged["a"] == [3]
    with pytest.raises(PackError, match="p: field `data-mode` must be extend or replace"):
        merge_data(merged, {"a": []}, "append", "p")


def test_every_pack_example_in_the_docs_loads(tmp_path: Path) -> None:
    docs = Path(__file__).resolve().parents[1] / "docs" / "writing-rules.md"
    blocks = re.findall(r"```yaml\n(.*?)```", docs.read_text(encoding="utf-8"), re.DOTALL)
    examples = [b for b in blocks if b.startswith("  - code:")]
    assert len(examples) == 5
    pack = tmp_path / "examples.yaml"
    pack.write_text("rules:\n" + "".join(examples), encoding="utf-8")
    kinds = sorted(r.__mro__[1].__name__ for r in load_pack(pack, str(pack)))
    assert kinds == ["ExistenceRule", "FrontMatterFieldRule", "MetricRule", "PresenceRule", "SubstitutionRule"]


def test_phrase_prefilter_beginnings() -> None:
    from postlint.parse.phrases import PhrasePattern, _literal_beginnings

    assert _literal_beginnings("very") == ["very"]
    assert _literal_beginnings("Get started") == ["get started"]
    assert _literal_beginnings(r"(?:schedule|Request) (?:a|an)\b") == ["schedule", "request"]
    assert _literal_beginnings(r"start\b[^.!?]{0,60}?\b(?:today|now)") == ["start"]
    assert _literal_beginnings(r"\w+ed") is None and _literal_beginnings("a") is None and _literal_beginnings("(?:ab|c)") is None
    assert _literal_beginnings("é-clair") is None  # not ASCII: case folding beyond str.lower is possible
    assert PhrasePattern(["very", r"\w+ly"]).beginnings is None  # one pattern without a beginning: no test
    assert _literal_beginnings("ab?c") is None and _literal_beginnings("(?:ab)?cd") is None  # may start at `a`, `c`
    assert _literal_beginnings("ab+c") == ["ab"] and _literal_beginnings("abc|abd") == ["abc", "abd"]
    assert _literal_beginnings(r"sign\-up|(sub|join)") == ["sign-up", "sub", "join"]
    assert _literal_beginnings(r"([|]ab)|cd") is None  # a `|` in a set splits nothing
    assert _literal_beginnings("get (?:started|going)") == ["get "]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["ab", "Cd", "?", "*", "+", "{0,2}", "|", "(", "(?:", ")", "[|]", r"\-", "."]),
             min_size=1, max_size=8).map("".join),
    st.data(),
)
def test_every_match_starts_with_a_literal_beginning(value: str, data: st.DataObject) -> None:
    from postlint.parse.phrases import _literal_beginnings, _word_pattern, validate_patterns

    try:
        validate_patterns([value], "test", "tokens")
    except PackError:
        return
    regex = _word_pattern(value)
    beginnings = _literal_beginnings(value)
    if beginnings is not None:
        text = " " + data.draw(st.from_regex(re.compile(value, re.IGNORECASE), fullmatch=True)) + " "
        low = text.lower()
        for match in regex.finditer(text):
            assert any(low.startswith(b, match.start()) for b in beginnings), (match, beginnings)


def test_phrase_patterns_find_exactly_what_the_plain_regex_finds() -> None:
    """The shipped CTA phrases and weak words, on texts built to tempt the prefilter."""
    import random

    import yaml

    from postlint.parse.casefold import FOLD_AFTER, folded
    from postlint.parse.phrases import compile_alternation

    root = Path(__file__).resolve().parents[1] / "rules"
    lists = [
        yaml.safe_load((root / "cta.yaml").read_text(encoding="utf-8"))["data"]["cta-phrases"],
        yaml.safe_load((root / "style.yaml").read_text(encoding="utf-8"))["rules"][0]["tokens"],
    ]
    pieces = ["Start", "today", "GET STARTED", "sign up", "ſign up", "SİGN UP", "sıgn up", "Kelvin", "very", "VERY", "veRy",
              "Ready to go?", "book a quick demo call", "really", "of course", "-very", "very-", "x", " ", ". ", "\n", "é", "—"]
    rng = random.Random(7)
    for values, with_twin in [(v, t) for v in lists for t in (True, False)]:
        phrases = compile_alternation(values, "test", "tokens")
        assert phrases is not None and phrases.beginnings is not None and folded(phrases.regex) is not None
        phrases._scanned = FOLD_AFTER if with_twin else -(10**9)  # with the case-sensitive twin, and without
        for _ in range(1500):
            text = "".join(rng.choice(pieces) + rng.choice(["", " "]) for _ in range(rng.randint(0, 12)))
            assert [m.span() for m in phrases.finditer(text)] == [m.span() for m in phrases.regex.finditer(text)], text
            assert (phrases.search(text) is None) == (phrases.regex.search(text) is None)
        assert (phrases._folded is not False) is with_twin


# --- patterns that can backtrack for ever are refused at load (issue 16, item 10) -----------


@pytest.mark.parametrize(
    ("spec", "field", "pattern", "problem"),
    [
        (rule("existence", tokens=["plain words", "(a+)+$"], message="m"), "tokens", "(a+)+$", "it repeats a group that itself repeats, as `(a+)+` does"),
        (rule("substitution", swap={r"(\w+\s?)*end": "x"}, message="m"), "swap", r"(\w+\s?)*end", "it repeats a group that itself repeats, as `(a+)+` does"),
        (rule("presence", links=["(a|ab)+c"], message="m"), "links", "(a|ab)+c", "it repeats a group whose alternatives can start alike, as `(a|ab)+` does"),
        (rule("frontmatter", field="title", pattern="^(x*)*$", message="m"), "pattern", "^(x*)*$", "it repeats a group that itself repeats, as `(a+)+` does"),
    ],
)
def test_catastrophic_patterns_are_refused_at_load(tmp_path: Path, spec: dict[str, Any], field: str, pattern: str, problem: str) -> None:
    pack = tmp_path / "slow.yaml"
    pack.write_text(yaml.safe_dump({"rules": [spec]}), encoding="utf-8")
    with pytest.raises(PackError) as info:
        load_pack(pack, str(pack))
    assert str(info.value) == (
        f"{pack}: rule ACME001: field `{field}`: pattern {pattern!r} can take exponential time: {problem}; "
        "rewrite it without the nested repetition, or make the group atomic `(?>…)`"
    )


def test_patterns_that_cannot_backtrack_for_ever_still_load(tmp_path: Path) -> None:
    tokens = ["(?>a+)+$", "(?:very|really)+ good", r"colou?r", r"(?:ab){2,3}", r"\d{4}-\d{2}", "(a+)++x"]
    pack = tmp_path / "fine.yaml"
    pack.write_text(yaml.safe_dump({"rules": [rule("existence", tokens=tokens, message="m")]}), encoding="utf-8")
    assert [r.code for r in load_pack(pack, str(pack))] == ["ACME001"]


def test_a_catastrophic_links_exclude_is_a_config_error() -> None:
    from postlint.model.config import ConfigError, from_mapping

    with pytest.raises(ConfigError) as info:
        from_mapping({"links": {"exclude": ["^(https?://)*(a+)+$"]}}, root=Path("."))
    assert str(info.value) == "config: key `links`: `links.exclude`: '^(https?://)*(a+)+$' can take exponential time: it repeats a group that itself repeats, as `(a+)+` does"


def test_the_shipped_cta_patterns_compile_so_runs_need_not_check_them() -> None:
    """A run compiles the shipped CTA patterns only inside their alternation (`cta._shipped`): each
    one must compile alone, inside the word boundaries and in its shape, and not be slow."""
    from postlint.packs.loader import pack_data
    from postlint.parse.phrases import validate_patterns
    from postlint.rules.cta import _regexes

    data = pack_data("cta.yaml")
    assert len(validate_patterns(data["cta-phrases"], "rules/cta.yaml", "cta-phrases")) > 30
    for key, shape in (("cta-links", "(?:{})"), ("cta-headings", r"^\s*(?:{})\s*[.!:?]?\s*$")):
        for value in data[key]:
            re.compile(value)
            assert _regexes([value], key, shape) is not None
        joined = _regexes(data[key], key, shape)  # compiled when first used: they must join
        assert joined is not None and joined._regex is None and joined.regex.flags & re.IGNORECASE


def test_a_packs_own_cta_patterns_are_still_checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Beside the shipped phrases, links and headings, a pack's own bad pattern is still named."""
    from postlint.cli.main import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "post.md").write_text("---\ntitle: A post about nothing much at all\n---\n\nText.\n", encoding="utf-8")
    for key, value, error in [
        ("cta-phrases", "join (the beta", "cta data: field `cta-phrases`: invalid pattern 'join (the beta'"),
        ("cta-links", "/beta/(", "cta data: `cta-links`: invalid pattern '/beta/('"),
        ("cta-headings", "beta[", "cta data: `cta-headings`: invalid pattern 'beta['"),
    ]:
        (tmp_path / "mine.yaml").write_text(yaml.safe_dump({"data": {key: [value]}}), encoding="utf-8")
        (tmp_path / ".postlint.yaml").write_text("packs: [mine.yaml]\n", encoding="utf-8")
        main(["check", "--no-cache", "--select", "CTA", "post.md"])
        out = capsys.readouterr().out
        assert f"PL003 rule CTA001 (cta-missing) crashed: PackError: {error}" in out, out


def test_a_cta_pattern_valid_alone_but_not_in_the_combined_pattern_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    """An inline flag (`(?i)`) is valid at the start of a pattern of its own but not inside the one
    pattern the link or heading patterns are joined into, nor is a group name used twice: the pack
    error names the pattern, never a raw `re.error`."""
    from postlint.cli.main import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "post.md").write_text("---\ntitle: A post about nothing much at all\n---\n\nText.\n", encoding="utf-8")
    for key, values, error in [
        ("cta-links", ["(?i)/beta/"], "cta data: `cta-links`: invalid pattern '(?i)/beta/': global flags not at the start of the expression"),
        ("cta-headings", ["(?i)beta"], "cta data: `cta-headings`: invalid pattern '(?i)beta': global flags not at the start of the expression"),
        ("cta-links", ["(?P<p>/a/)", "(?P<p>/b/)"], "cta data: `cta-links`: invalid pattern '(?P<p>/b/)': redefinition of group name 'p' as group 2; was group 1"),
    ]:
        (tmp_path / "mine.yaml").write_text(yaml.safe_dump({"data": {key: values}}), encoding="utf-8")
        (tmp_path / ".postlint.yaml").write_text("packs: [mine.yaml]\n", encoding="utf-8")
        main(["check", "--no-cache", "--select", "CTA", "post.md"])
        out = capsys.readouterr().out
        assert f"PL003 rule CTA001 (cta-missing) crashed: PackError: {error} [error]" in out, out


def test_phrase_patterns_compile_only_the_values_a_post_may_match() -> None:
    """A post's texts are scanned with an alternation of the values whose beginnings they hold
    (the same matches, compiled once a post); the whole pattern serves once posts' alternations
    add up to half the list, or at once when values name or refer to groups (their numbers run
    across the whole)."""
    import random

    from postlint.parse.phrases import compile_alternation

    values = ["sign up", "subscribe", r"book (?:a|an)\b[^.!?]{0,30}?\bdemo", "get started", "join (?:us|the beta)", "contact us"]
    phrases = compile_alternation(values, "t", "tokens")
    assert phrases is not None
    assert phrases.narrowed(["Nothing at all."]).values == [] and not list(phrases.narrowed(["x"]).finditer("sign up"))
    texts = ["Please SUBSCRIBE, or sign up.", "Nothing here.", "Then book a quick demo."]
    narrowed = phrases.narrowed(texts)
    assert narrowed.values == ["sign up", "subscribe", values[2]] and phrases._regex is None
    assert [m.group(0) for t in texts for m in narrowed.finditer(t)] == ["SUBSCRIBE", "sign up", "book a quick demo"]
    assert phrases.narrowed(["Get started"]) is phrases  # 3 of 6 values compiled already: the whole from now on
    fresh = compile_alternation(values, "t", "tokens")
    assert fresh is not None and fresh.narrowed(["ſign up", "x"]) is fresh  # `ſ` is `s` only case-insensitively

    pieces = ["Sign up", "sign-up", "subscribe", "SUBSCRIBE", "book an", "book a", " ", "demo", "Join us", "join the beta",
              "contact us", "get", "started", "ſign up", "x", ". ", "-"]
    rng = random.Random(11)
    for _ in range(300):
        fresh = compile_alternation(values, "t", "tokens")
        assert fresh is not None
        texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 8))) for _ in range(rng.randint(1, 4))]
        narrowed = fresh.narrowed(texts)
        for text in texts:
            assert [m.span() for m in narrowed.finditer(text)] == [m.span() for m in fresh.regex.finditer(text)], texts

    grouped = compile_alternation(["(x)y", r"(ab)\1"], "t", "tokens")
    assert grouped is not None and grouped._regex is not None and grouped.narrowed(["abab"]) is grouped
    assert [m.span() for m in grouped.finditer("abab xy")] == [m.span() for m in grouped.regex.finditer("abab xy")] == [(5, 7)]
    with pytest.raises(re.error):  # two values naming a group alike: refused when the pack loads, as ever
        compile_alternation(["(?P<w>ab)", "(?P<w>cd)"], "t", "tokens")
