"""`postlint site`: what postlint detected about the site, and where given posts publish (layer: cli/)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..model.config import Config
from ..model.generators import SiteSettings


def site_report(config: Config, paths: list[str], cwd: Path) -> dict[str, Any]:
    """The effective site settings (postlint config over the generator's) and, per path, how postlint reads the post."""
    from ..parse.document import Post, UnreadableFile
    from ..parse.paths import display_path
    from ..site.index import Site

    site = Site.from_config(config)
    detected = config.site
    report: dict[str, Any] = {
        "generator": detected.generator,
        "generator_setting": config.generator,
        "root": str(config.root),
        "config_file": str(config.source) if config.source else None,
        "generator_config": detected.config_file,
        "url": config.site_url,
        "content_root": display_path(site.content_root, cwd),
        "content_dirs": list(config.content_dirs),
        "static_dirs": [display_path(d, cwd) for d in site.static_dirs],
        "post_dirs": list(detected.post_dirs),
        "pages_only": detected.pages_only,
        "permalink": config.permalink,
        "permalinks": {folder: pattern for folder, pattern in detected.permalinks},
        "languages": {code: {"content_dir": folder, "prefix": prefix} for code, folder, prefix in detected.languages},
        "page_paths": detected.page_paths,
        "generated": list(detected.generated),
        "exclude": list(config.exclude),
        "notes": list(detected.notes),
        "posts": [],
    }
    for raw in paths:
        path = Path(raw)
        try:
            post = site.prepare(Post.from_path(path, display_path(path, cwd)))
        except (UnreadableFile, OSError) as exc:
            report["posts"].append({"path": raw, "error": str(exc)})
            continue
        url_path, slug = site.url_of(post)
        resolved = post.date
        hero = post.hero
        report["posts"].append({
            "path": post.display_path,
            "kind": "post" if post.is_post else "page",
            "url_path": url_path,
            "url": (config.site_url.rstrip("/") + url_path) if config.site_url else None,
            "slug": slug,
            "title": post.title,
            "date": resolved.value.isoformat() if resolved.value else None,
            "date_from": resolved.key or ("file name" if resolved.value else None),
            "hero_image": {"key": hero[0], "path": hero[1]} if hero else None,
            "aliases": list(site.summarize(post).aliases),
        })
    return report


def render_text(report: dict[str, Any]) -> str:
    """The report as `key: value` lines, then one block per post."""
    def show(value: Any) -> str:
        if value is None or value == [] or value == {}:
            return "-"
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, list):
            return ", ".join(clean(str(v)) for v in value)
        if isinstance(value, dict):
            return "; ".join(f"{clean(str(k))} → {show(v) if not isinstance(v, dict) else show(list(v.values()))}" for k, v in value.items())
        return clean(str(value))

    lines = []
    for key in ("generator", "root", "config_file", "generator_config", "url", "content_root", "content_dirs", "static_dirs",
                "post_dirs", "pages_only", "permalink", "permalinks", "languages", "page_paths", "generated", "notes"):
        lines.append(f"{key.replace('_', ' ')}: {show(report[key])}")
    for post in report["posts"]:
        lines.append("")
        lines.append(clean(post["path"]))
        for key, value in post.items():
            if key != "path":
                lines.append(f"  {key.replace('_', ' ')}: {show(value if not isinstance(value, dict) else list(value.values()))}")
    return "\n".join(lines) + "\n"


def clean(text: str) -> str:
    """Control and other unprintable characters (from file names and front matter) as `\\uXXXX`: never raw on a terminal."""
    return "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in text)


def render_json(report: dict[str, Any]) -> str:
    from ..model.jsontext import has_surrogate

    text = json.dumps(report, indent=2, ensure_ascii=False)
    return (json.dumps(report, indent=2) if has_surrogate(text) else text) + "\n"


def starter_config(template: str, settings: SiteSettings) -> str:
    """The starter config with the detected generator's content dirs and `site:` settings written in."""
    if settings.generator == "none":
        return template
    content = f"content-dirs: {json.dumps(list(settings.content_dirs))}" if settings.content_dirs else "# content-dirs: []"
    site = [
        "site:",
        f"  generator: {settings.generator}            # detected from {settings.config_file}; `none` turns its conventions off",
    ]
    site.append(f"  url: {json.dumps(settings.url)}" if settings.url else "  # url: https://example.com      # absolute links to it are internal links")
    if settings.static_dirs:
        site.append(f"  static-dirs: {json.dumps(list(settings.static_dirs))}")
    if settings.content_root:
        site.append(f"  content-root: {json.dumps(settings.content_root)}")
    site.append("  # permalink: /blog/{slug}/      # replaces the generator's URL rules for every post")
    text = template.replace("content-dirs: [content]", content, 1)
    start = text.index("site:\n")
    end = text.index("\n\n", start)
    return text[:start] + "\n".join(site) + text[end:]
