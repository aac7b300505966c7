"""Profiles: what kind of site the posts belong to, and the rule defaults that fit it.

A profile is a set of rule option defaults and severities laid under the
user's own config: the config's rule tables and `severity:` always win. The
rules' own defaults (the catalogue in docs/rules.md) are the `marketing`
profile's: every check a marketing post gets. With no `profile:` key the
profile is `blog`, the most common site postlint meets (a project or news
blog), where release notes and announcements need no sales call to action.

docs/profiles.md holds the table of this module (a test checks it stays in step).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

DEFAULT_PROFILE = "blog"


@dataclass(frozen=True)
class Profile:
    """Rule option defaults and severities of one kind of site, with the reason for each."""

    name: str
    summary: str
    #: rule code -> option -> value
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: rule code -> severity name
    severity: dict[str, str] = field(default_factory=dict)
    #: rule code -> why this profile tunes it (the docs table's last column)
    reasons: dict[str, str] = field(default_factory=dict)


_BLOG_OPTIONS: dict[str, dict[str, Any]] = {
    "FM005": {"skip-versions": True},
    "FM010": {"allow-versions": True},
    "FM011": {"infer-from-site": True},
    "LNK009": {"tracking-params": ["fbclid", "gclid", "msclkid", "dclid"]},
}
_BLOG_SEVERITY = {"CTA001": "info", "SEO001": "info"}
_BLOG_REASONS = {
    "CTA001": "release notes, security advisories and community news need no sales call; advice only",
    "SEO001": "announcements are short by nature; advice only",
    "FM005": "a title that names a version (“Ruby 3.3.7 Released”) is as long as it needs to be",
    "FM010": "a release's slug carries its version (`version-0.61`, `mkdocs-2.0`)",
    "FM011": "a field most of the site's posts lack (`image`, `tags`) is one the site does not use",
    "LNK009": "`utm_*` campaign tags on a project's links are deliberate; click identifiers copied from an ad are not",
}

PROFILES: dict[str, Profile] = {
    "marketing": Profile(
        "marketing",
        "posts that sell: every check at the catalogue's default, plus `Go` as a poor link text",
        options={"LNK003": {"texts": ["go"]}},
        reasons={"LNK003": "“go” as a whole link text is a vague call (the shipped list leaves it out: `[Go](…)` names a language)"},
    ),
    "blog": Profile(
        "blog",
        "a project, product or news blog (the default)",
        options=_BLOG_OPTIONS,
        severity=_BLOG_SEVERITY,
        reasons=_BLOG_REASONS,
    ),
    "docs": Profile(
        "docs",
        "documentation pages: as `blog`, and only `description` is a recommended field",
        options={**_BLOG_OPTIONS, "FM011": {"infer-from-site": True, "recommended": ["description"]}},
        severity=_BLOG_SEVERITY,
        reasons={**_BLOG_REASONS, "FM011": "documentation pages have no hero image or tags; a description is still the search snippet"},
    ),
}


def get(name: str) -> Profile:
    """The profile called `name` (a KeyError for an unknown one)."""
    return PROFILES[name]


def table() -> str:
    """The Markdown table of what each profile tunes (docs/profiles.md holds it)."""
    rows = ["| profile | rule | tuned to | why |", "|---|---|---|---|"]
    for profile in PROFILES.values():
        codes = sorted({*profile.options, *profile.severity})
        for code in codes:
            parts = [f"severity `{profile.severity[code]}`"] if code in profile.severity else []
            parts += [f"`{k}: {_value(v)}`" for k, v in profile.options.get(code, {}).items()]
            rows.append(f"| {profile.name} | {code} | {', '.join(parts)} | {profile.reasons.get(code, '')} |")
    return "\n".join(rows)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value)
