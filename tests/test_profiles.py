"""Profiles: rule defaults for the kind of site (`profile: marketing | blog | docs`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from postlint.cache.runner import run
from postlint.cli.main import main
from postlint.engine.linter import checked_options, select_rules
from postlint.engine.registry import build_registry
from postlint.model import profiles
from postlint.model.config import ConfigError, from_mapping, load_config

ROOT = Path(__file__).resolve().parent.parent
SITE = Path(__file__).parent / "sites" / "profiles"
LAUNCH = "posts/harbour-launch.md"
TODAY = dt.date(2025, 6, 1)
#: what each profile tunes on the marketing-style post (and its three siblings lack image and tags)
TUNED = ("CTA001", "SEO001", "LNK003", "LNK009", "FM011")


def _launch_findings(**config: object) -> set[tuple[str, str, str]]:
    cfg = from_mapping({"content-dirs": ["posts"], **config}, root=SITE)
    findings = run([str(SITE / "posts")], cfg, cwd=SITE, today=TODAY).findings
    return {(f.code, str(f.severity), f.message.split(" ")[0]) for f in findings if f.path == LAUNCH and f.code in TUNED}


MARKETING = {
    ("CTA001", "warning", "no"),
    ("SEO001", "warning", "the"),
    ("LNK003", "warning", "link"),
    ("LNK009", "warning", "link"),
    ("FM011", "warning", "recommended"),
}
BLOG = {("CTA001", "info", "no"), ("SEO001", "info", "the")}


@pytest.mark.parametrize(
    ("profile", "expected"),
    [("marketing", MARKETING), ("blog", BLOG), ("docs", BLOG)],
)
def test_each_profile_on_a_marketing_style_post(profile: str, expected: set[tuple[str, str, str]]) -> None:
    assert _launch_findings(profile=profile) == expected


def test_marketing_keeps_every_finding_the_rule_defaults_give() -> None:
    """Under `marketing` a post gets what the rules' own defaults give (plus "go" as poor link text)."""
    cfg = from_mapping({"profile": "marketing", "content-dirs": ["posts"]}, root=SITE)
    with_profile = run([str(SITE / "posts")], cfg, cwd=SITE, today=TODAY).findings
    registry = build_registry(entry_points=False)
    selection = select_rules(cfg, registry)
    assert {r.code: r.opts for r in selection.rules if r.opts != {k: o.default for k, o in type(r).declared_options().items()}} == {"LNK003": {"texts": ["go"]}}
    assert selection.severity == {}
    assert sum(f.code == "FM011" for f in with_profile if f.path == LAUNCH) == 2  # image and tags


def test_no_profile_key_means_blog() -> None:
    assert from_mapping({}, root=SITE).profile == "blog" == profiles.DEFAULT_PROFILE
    assert _launch_findings() == BLOG


def test_the_config_wins_over_the_profile() -> None:
    found = _launch_findings(profile="blog", severity={"CTA001": "warning"}, FM011={"infer-from-site": False})
    assert ("CTA001", "warning", "no") in found
    assert ("FM011", "warning", "recommended") in found


def test_fm011_infers_from_the_posts_collection_only_with_enough_posts() -> None:
    """One file linted alone (no content-dirs) is too few posts to infer from: the field is asked for."""
    cfg = from_mapping({"profile": "blog"}, root=SITE)
    findings = run([f"{SITE}/{LAUNCH}"], cfg, cwd=SITE, today=TODAY).findings
    assert sorted(f.message for f in findings if f.code == "FM011") == [
        "recommended field `image` is missing",
        "recommended field `tags` is missing",
    ]


def test_an_unknown_profile_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="'sales' is not one of marketing, blog, docs"):
        from_mapping({"profile": "sales"}, root=SITE)


@pytest.mark.parametrize("name", list(profiles.PROFILES))
def test_every_profile_names_real_rules_and_options(name: str) -> None:
    registry = build_registry(entry_points=False)
    profile = profiles.get(name)
    for code, table in profile.options.items():
        rule = registry.get(code)
        assert rule is not None and rule.code == code
        assert checked_options(rule, table, name) == table  # the same declarations check the user's tables
    for code in profile.severity:
        assert registry.get(code) is not None
    assert set(profile.reasons) == {*profile.options, *profile.severity}
    select_rules(from_mapping({"profile": name}, root=SITE), registry)


def test_docs_profiles_md_holds_the_table() -> None:
    text = (ROOT / "docs" / "profiles.md").read_text(encoding="utf-8")
    assert profiles.table() in text, "docs/profiles.md is stale: paste `postlint.model.profiles.table()` into it"


def test_init_writes_the_chosen_profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["init", "--profile", "marketing"]) == 0
    assert "\nprofile: marketing\n" in (tmp_path / ".postlint.yaml").read_text(encoding="utf-8")
    assert load_config(cwd=tmp_path).profile == "marketing"
    assert main(["init", "--force"]) == 0  # not at a terminal: the default, without asking
    assert load_config(cwd=tmp_path).profile == "blog"


def test_fm011_inference_reads_no_markdown_for_cached_posts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A warm run judges FM011 from the summaries: only a post that lacks a field the site uses is
    read again, and its Markdown is parsed only for the description fix's text (the summaries
    never parse: a cold run's index parsed every post serially before the workers started)."""
    from postlint.parse.document import markdown_parser

    posts = tmp_path / "posts"
    posts.mkdir()
    described = 'description: "How the tide tables are drawn from the harbour gauges, hour by hour, for a week."\n'
    for name in ("ebb", "flood", "neap"):
        (posts / f"{name}.md").write_text(f'---\ntitle: "The {name} tide and the harbour gauges"\n{described}---\n\nText on the {name} tide.\n', encoding="utf-8")
    (posts / "spring.md").write_text('---\ntitle: "The spring tide and the harbour gauges"\n---\n\nSpring tides come twice a month.\n', encoding="utf-8")
    cfg = from_mapping({"select": ["FM011"], "cache-dir": ".cache"}, root=tmp_path)

    def fm011() -> list[tuple[str, int, str, object]]:
        found = run([str(posts)], cfg, cwd=tmp_path, today=TODAY, use_cache=True).findings
        return [(f.path, f.line, f.message, f.fix.edits if f.fix else None) for f in found]

    cold = fm011()
    assert [(path, message) for path, _, message, _ in cold] == [("posts/spring.md", "recommended field `description` is missing")]
    assert cold[0][3] is not None and "Spring tides come twice a month." in cold[0][3][0].content
    parser = markdown_parser()
    calls: list[int] = []
    original = parser.block.parse  # every parse of a body goes through it once (`mdparser.parse_blocks` too)
    monkeypatch.setattr(parser.block, "parse", lambda *a, **k: calls.append(1) or original(*a, **k))
    assert fm011() == cold
    assert calls == []  # nothing changed: the cross-post rules' findings come from the cache
    ebb = posts / "ebb.md"
    ebb.write_text(ebb.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    assert fm011() == cold
    # the edited ebb.md alone, linted again: FM011's findings hold for the site's shape (every post's
    # summary) and spring.md, the post it read, is as it was
    assert calls == [1]
    calls.clear()
    spring = posts / "spring.md"
    spring.write_text(spring.read_text(encoding="utf-8").replace("twice a month", "twice a lunar month"), encoding="utf-8")
    edited = fm011()
    assert [(path, message) for path, _, message, _ in edited] == [("posts/spring.md", "recommended field `description` is missing")]
    assert edited[0][3] is not None and "Spring tides come twice a lunar month." in edited[0][3][0].content  # the fix from its new text
    assert calls == [1, 1]  # spring.md linted again, then parsed for FM011's fix
