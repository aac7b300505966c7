"""`postlint suggest-links POST`: the suggestions of `suggest.py`, as text or JSON (layer: cli/)."""

from __future__ import annotations

import json
from pathlib import Path

from ..model.textsafe import escape_controls


def suggest(post_path: str, output_format: str, limit: int, config_file: str | None) -> str:
    """The report; a bad config or an unreadable post is a one-line error (exit 2)."""
    from ..model.config import ConfigError, load_config
    from ..model.context import Context
    from ..parse.document import Post, UnreadableFile
    from ..parse.paths import display_path
    from ..site.index import Site
    from ..site.suggest import suggest_links
    from .exitcodes import UserError

    try:
        config = load_config(config_file)
    except ConfigError as exc:
        raise UserError(str(exc)) from None
    path = Path(post_path)
    if not path.is_file():
        raise UserError(f"{post_path}: no such file")
    cwd = Path.cwd()
    try:
        post = Post.from_path(path, display_path(path, cwd))
    except UnreadableFile as exc:
        raise UserError(f"{post_path}: cannot read file: {exc}") from None
    ctx = Context(config, cwd=cwd, site_factory=Site.build)
    ctx.run_posts = [post]
    suggestions = suggest_links(ctx.site.prepare(post), ctx.site, limit)
    if output_format == "json":
        return json.dumps([vars(s) for s in suggestions], indent=2, ensure_ascii=False) + "\n"
    if not suggestions:
        note = "" if config.content_dirs else " (no `content-dirs` configured: only the given post is indexed)"
        return f"{escape_controls(post.display_path)}: no link suggestions{note}\n"
    lines = [f"{escape_controls(post.display_path)}: {len(suggestions)} post{'s' if len(suggestions) != 1 else ''} to link to, best first"]
    for s in suggestions:
        lines.append(
            f"  {s.score:>4}  {escape_controls(s.url_path)}  {escape_controls(s.display_path)}\n"
            f"        “{escape_controls(s.phrase)}” ({s.kind}) at line {s.line}, {s.mentions} mention{'s' if s.mentions != 1 else ''}"
        )
    return "\n".join(lines) + "\n"

