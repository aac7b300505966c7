"""The command line: `postlint check` (the default), `rules`, `rule CODE`, `init`.

Exit codes: 0 nothing at or above `fail-on`; 1 findings at or above it; 2 a
usage, config, path or internal error (one line on stderr, no traceback).
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any, Iterable, Sequence

import click

from ..model.profiles import DEFAULT_PROFILE, PROFILES
from ..model.textsafe import escape_controls
from ..model.version import __version__
from ..output.reporters import FORMATS, GROUP_FORMATS
from .exitcodes import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, UserError, say


class DefaultGroup(click.Group):
    """`postlint PATHS…` means `postlint check PATHS…`, as in Ruff."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")):
            args = ["check", *args]
        return super().parse_args(ctx, args)


def _codes(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [part.strip() for part in value.split(",") if part.strip()]


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="postlint", message="%(prog)s %(version)s")
def cli() -> None:
    """postlint: a fast content-SEO and quality linter for Markdown blog posts."""


@cli.command()
@click.argument("paths", nargs=-1, type=str)
@click.option("--format", "output_format", type=click.Choice(list(FORMATS)), default="text", show_default=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write the report to FILE instead of stdout.")
@click.option(
    "--report", "reports", multiple=True, metavar="FORMAT=FILE", callback=lambda ctx, param, value: _reports(value),
    help="Also write a FORMAT report to FILE, from the same run (repeatable): `--report sarif=postlint.sarif --report github-summary=summary.md`.",
)
@click.option("--select", help="Comma-separated codes, prefixes or names to enable (replaces the config's `select`).")
@click.option("--extend-select", help="Codes to enable on top of `select`.")
@click.option("--ignore", help="Codes to disable (added to the config's `ignore`).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), help="Lowest severity that makes the exit code 1 [default: warning].")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--config", "config_file", type=str, help="Use this config file instead of searching for one.")
@click.option("--stdin-filename", help="With `-` as the path: the name of the post read from stdin.")
@click.option("--statistics", is_flag=True, help="Print the number of findings per rule.")
@click.option(
    "--show-groups", is_flag=True,
    help="Also list each duplicate group (SEO004, SEO005, SEO006, SEO009) once with all its posts "
    "(text, concise, json, sarif, junit; html and github-summary always do).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print findings only: no summary.")
@click.option("--check-links", is_flag=True, help="Also check external links over the network (LNK007, LNK008).")
@click.option("--fix", is_flag=True, help="Apply safe fixes to the files, then report what remains.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff: also apply unsafe fixes (they may change meaning; review them).")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff and change nothing; exit 1 when there would be changes.")
@click.option("--baseline", "baseline_file", type=str, metavar="FILE", help="Ignore the findings recorded in this baseline file (see `postlint baseline`).")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=None, help="Worker processes (0: one per CPU, the default; 1: no workers).")
@click.option("--no-cache", is_flag=True, help="Do not read or write the results cache (.postlint_cache/).")
@click.option("--cache-dir", "cache_dir", type=str, metavar="DIR", help="The results cache's folder (replaces the config's `cache-dir`; may lie outside the project).")
@click.option(
    "--site-dir", type=str, metavar="DIR",
    help="The built site (public, _site, dist, build): internal links no post resolves to are looked up in it (LNK006).",
)
@click.option("--no-plugins", is_flag=True, help="Run no plugin code: skip the config's `plugins:` modules and installed plugins (also POSTLINT_NO_PLUGINS=1).")
def check(
    paths: tuple[str, ...],
    output_format: str,
    output: str | None,
    reports: list[tuple[str, str]],
    select: str | None,
    extend_select: str | None,
    ignore: str | None,
    fail_on: str | None,
    exit_zero: bool,
    config_file: str | None,
    stdin_filename: str | None,
    statistics: bool,
    quiet: bool,
    check_links: bool,
    show_groups: bool = False,
    fix: bool = False,
    unsafe_fixes: bool = False,
    diff: bool = False,
    baseline_file: str | None = None,
    jobs: int | None = None,
    no_cache: bool = False,
    cache_dir: str | None = None,
    site_dir: str | None = None,
    no_plugins: bool = False,
) -> None:
    """Lint PATHS (files, folders or globs; `-` for stdin). Without PATHS: the configured content dirs, else `.`."""
    from ..cache.runner import run, run_configs
    from ..engine.linter import Linter
    from ..engine.registry import build_registry
    from ..model.config import ConfigError, Configs, load_config, with_overrides
    from ..model.findings import Severity
    from ..model.rule import RegistryError
    from ..output.reporters import DEFAULT_GROUP_FORMATS, JSON_FORMATS, SITE_FORMATS, Report, get_chunks, line_format

    if show_groups and output_format not in GROUP_FORMATS:
        raise UserError(f"--show-groups: --format {output_format} has no place for the groups (use {', '.join(GROUP_FORMATS)})")
    try:
        config = with_overrides(load_config(config_file), no_plugins=no_plugins or None)
        registry = build_registry([config.resolve_path(p) for p in config.packs], config.plugins, config.root, no_plugins=no_plugins)
        flags = {"select": _codes(select), "extend_select": _codes(extend_select), "ignore": _codes(ignore)}
        for flag, values in flags.items():
            for value in values or ():
                try:
                    registry.resolve(value)
                except KeyError:
                    raise UserError(f"--{flag.replace('_', '-')}: unknown rule code or name {value!r}") from None
        if site_dir is not None and not os.path.isdir(site_dir):
            raise UserError(f"--site-dir: {site_dir}: no such folder (build the site first)")
        built = os.path.abspath(site_dir) if site_dir is not None else None
        overrides = {**flags, "fail_on": Severity.parse(fail_on) if fail_on else None, "built_dir": built, **_cache_dir(cache_dir)}
        config = with_overrides(config, **overrides)
        if not no_cache or check_links:  # the link cache of --check-links lives there too
            from ..cache.folder import locate

            locate(config)  # refused before anything is fixed or linted
        stdin = None
        targets = list(paths)
        if targets == ["-"]:
            stdin = (stdin_filename or "stdin.md", _read_stdin())
        elif "-" in targets:
            raise UserError("`-` (stdin) cannot be combined with other paths")
        elif not targets:
            targets = [str(config.resolve_path(d)) for d in config.content_dirs] or ["."]
        link_checker = None
        if check_links:
            from ..links.check import batch_for, ensure_available

            ensure_available()
            link_checker = batch_for
        linter = Linter(config, registry, check_links=check_links, link_checker=link_checker)
        configs = Configs(config, explicit=config_file is not None, overrides=overrides)
        fix_errors: list[str] = []
        if fix or diff:
            from .fix import apply_fixes_step

            stdin, fix_errors = apply_fixes_step(
                linter, configs, targets, stdin, unsafe=unsafe_fixes, diff=diff, output=output, quiet=quiet
            )
        color = output is None and _use_color()
        options: dict[str, Any] = dict(
            registry=linter.registry, check_links=check_links, link_checker=link_checker, report_progress=not quiet,
            jobs=0 if jobs is None else jobs, use_cache=not no_cache, line_format=line_format(output_format, color),
            site_report=any(name in SITE_FORMATS for name in [output_format, *(name for name, _ in reports)]),
            list_groups=show_groups or any(name in DEFAULT_GROUP_FORMATS for name in [output_format, *(name for name, _ in reports)]),
        )
        if stdin is not None:  # the config nearest `--stdin-filename`, as for a file of that name
            own = configs.for_path(stdin[0])
            result = run(targets, own, stdin=stdin, **{**options, "registry": linter.registry if own is config else None})
        else:  # each file with its nearest config
            result = run_configs(targets, configs, **options)
    except (ConfigError, RegistryError) as exc:
        raise UserError(str(exc)) from None
    hidden = 0
    if baseline_file:
        from .fix import apply_baseline

        result, hidden = apply_baseline(result, baseline_file)
    report = Report(
        result.findings, result.files, linter.registry, result.rules,
        paths=result.paths, sources=result.sources, color=color, quiet=quiet, site=result.site, sites=result.sites,
        show_groups=show_groups,
    )
    parts = get_chunks(output_format)(report)
    if statistics and output_format in ("text", "concise"):
        parts = [*parts, _statistics(result.findings, linter.registry)]
    for extra_format, extra_file in reports:
        _write_report(get_chunks(extra_format)(replace(report, color=False)), extra_file)
    if output:
        _write_report(parts, output)
    else:
        strip = not color and output_format not in JSON_FORMATS
        _echo_parts(parts, strip=strip, err=fix and stdin is not None)  # with stdin, --fix prints the fixed post on stdout
    for note in config.site.notes:  # a generator config that could not be read: never a silent pass
        say(f"postlint: warning: {config.site.generator} site: {note}; its settings are not used (`postlint site` shows what is)")
    for message in result.warnings:
        say(f"postlint: warning: {message}")
    if hidden and not quiet:
        say(f"postlint: {hidden} finding{'s' if hidden != 1 else ''} hidden by the baseline {baseline_file}")
    for message in [*result.path_errors, *fix_errors]:
        say(f"postlint: error: {message}")
    if result.path_errors or fix_errors:
        sys.exit(EXIT_ERROR)
    if not result.files and stdin is None and not result.warnings:  # a warning already says why (a link skipped)
        _nothing_linted(targets)
    from ..engine.findinglist import worst

    level = worst(result.findings)
    failing = level is not None and level >= config.fail_on
    sys.exit(EXIT_FINDINGS if failing and not exit_zero else EXIT_OK)


def _reports(values: Iterable[str]) -> list[tuple[str, str]]:
    """`--report FORMAT=FILE` values as (format, file) pairs; a bad one is a usage error."""
    pairs = []
    for value in values:
        name, sep, file = value.partition("=")
        if not sep or not file:
            raise click.BadParameter(f"{value!r} is not FORMAT=FILE", param_hint="--report")
        if name not in FORMATS:
            raise click.BadParameter(f"unknown format {name!r} (one of: {', '.join(FORMATS)})", param_hint="--report")
        pairs.append((name, file))
    return pairs


def _write_report(parts: Iterable[str | bytes], output: str) -> None:
    """Write a report's pieces to a file: UTF-8 (a name's own bytes kept), the platform's line ends."""
    try:
        with open(output, "wb") as handle:
            for part in parts:
                data = part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part
                handle.write(data if os.linesep == "\n" else data.replace(b"\n", os.linesep.encode()))
    except OSError as exc:
        raise UserError(f"{output}: cannot write report: {exc.strerror or exc}") from None


def _nothing_linted(targets: Sequence[str]) -> None:
    """A run that linted no file passes nothing: when a file was named and the config excludes
    it (pre-commit passes excluded posts too) that is a warning; else the paths matched no
    post, which is an error (exit 2), never "All checks passed"."""
    if any(os.path.isfile(target) for target in targets):
        click.echo("postlint: warning: no file linted: the config excludes every file given", err=True)
        return
    raise UserError(f"no Markdown file (.md, .markdown, .mdx) to lint in {' '.join(targets)} (or the config excludes them all)")


def _echo_parts(parts: Iterable[str | bytes], *, strip: bool, err: bool) -> None:
    """`click.echo` of the parts' concatenation, part by part (a report can be tens of MB);
    `strip` removes terminal escape sequences, as click.echo does when colour is off.
    UTF-8 bytes go straight to a UTF-8 stream's buffer (else they are decoded)."""
    stream = sys.stderr if err else sys.stdout
    if stream is None:  # no console at all (pythonw): nothing to print to, as click.echo
        return
    binary = _utf8_buffer(stream)
    for part in parts:
        if isinstance(part, bytes):
            if binary is not None and not strip:
                stream.flush()
                binary.write(part)
                continue
            part = part.decode("utf-8", "surrogateescape")
        text = click.unstyle(part) if strip else part
        try:
            stream.write(text)
        except UnicodeEncodeError:  # a file name that is not UTF-8 (or text the console cannot show)
            _write_anyhow(stream, text)
    stream.flush()


def _write_anyhow(stream: Any, text: str) -> None:
    """Write text a stream's encoding refused: a file name's undecodable bytes as they are
    (as ls and git print them), any other character it cannot hold replaced."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        data = text.encode(encoding, "surrogateescape")
    except UnicodeEncodeError:
        data = text.encode(encoding, "replace")
    binary = getattr(stream, "buffer", None)
    if binary is None:
        stream.write(data.decode(encoding, "replace"))
        return
    stream.flush()
    binary.write(data)


def _utf8_buffer(stream: Any) -> Any:
    """The binary buffer under a text stream that writes UTF-8 with no line-end translation."""
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
    if encoding not in ("utf-8", "utf8") or os.linesep != "\n":
        return None
    return getattr(stream, "buffer", None)


def _read_stdin() -> str:
    data = sys.stdin.buffer.read()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserError("stdin is not valid UTF-8") from None


def _use_color() -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


def _statistics(findings: Sequence[Any], registry: Any) -> str:
    from ..engine.findinglist import tally

    counts: Counter[str] = Counter()
    for (code, _, _), count in tally(findings).items():
        counts[code] += count
    lines = []
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        rule = registry.get(code)
        lines.append(f"{count:>5}  {code:<7} {rule.name if rule else ''}")
    return "\n".join(lines) + ("\n" if lines else "")


@cli.command("baseline")
@click.argument("paths", nargs=-1, type=str)
@click.option("-o", "--output", default=".postlint-baseline.json", show_default=True, type=click.Path(dir_okay=False), help="The baseline file to write.")
@click.option("--select", help="Comma-separated codes, prefixes or names to enable (replaces the config's `select`).")
@click.option("--extend-select", help="Codes to enable on top of `select`.")
@click.option("--ignore", help="Codes to disable (added to the config's `ignore`).")
@click.option("--config", "config_file", type=str, help="Use this config file instead of searching for one.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing on success.")
def baseline_command(
    paths: tuple[str, ...], output: str, select: str | None, extend_select: str | None, ignore: str | None, config_file: str | None, quiet: bool
) -> None:
    """Record every current finding in a baseline file; `check --baseline FILE` then reports only new ones."""
    from ..cache.runner import run_configs
    from ..model.config import ConfigError, Configs, load_config, with_overrides
    from ..model.rule import RegistryError
    from ..output.baseline import render, save

    try:
        overrides = {"select": _codes(select), "extend_select": _codes(extend_select), "ignore": _codes(ignore)}
        config = with_overrides(load_config(config_file), **overrides)
        targets = list(paths) or [str(config.resolve_path(d)) for d in config.content_dirs] or ["."]
        result = run_configs(targets, Configs(config, explicit=config_file is not None, overrides=overrides))  # each file with its nearest config
    except (ConfigError, RegistryError) as exc:
        raise UserError(str(exc)) from None
    for message in result.path_errors:
        say(f"postlint: error: {message}")
    if result.path_errors:
        sys.exit(EXIT_ERROR)
    target = Path(output)
    try:
        save(render(result.findings, result.sources, target), target)
    except OSError as exc:
        raise UserError(f"{output}: cannot write the baseline: {exc.strerror or exc}") from None
    if not quiet:
        count = len(result.findings)
        click.echo(f"Wrote {count} finding{'s' if count != 1 else ''} of {result.files} file{'s' if result.files != 1 else ''} to {output}")


def _cache_dir(value: str | None) -> dict[str, Any]:
    """The config overrides of `--cache-dir` (relative to the working folder, as any path argument)."""
    return {} if value is None else {"cache_dir": os.path.abspath(value), "cache_dir_given": True}


@cli.command("clean")
@click.option("--config", "config_file", type=str, help="Use this config file instead of searching for one.")
@click.option("--cache-dir", "cache_dir", type=str, metavar="DIR", help="The results cache's folder (replaces the config's `cache-dir`).")
def clean_command(config_file: str | None, cache_dir: str | None) -> None:
    """Delete the results cache (`.postlint_cache/`, or the config's `cache-dir`): only the files
    postlint wrote there, and only in a folder it marked as its own (`CACHEDIR.TAG`)."""
    from ..cache.folder import clean, locate
    from ..model.config import ConfigError, load_config, with_overrides

    try:
        config = with_overrides(load_config(config_file), **_cache_dir(cache_dir))
        click.echo(clean(locate(config)))
    except ConfigError as exc:
        raise UserError(str(exc)) from None


@cli.command("rules")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
@click.option("--config", "config_file", type=str, help="Include the packs and plugins of this config file.")
@click.option("--docs-dir", type=click.Path(file_okay=False), help="Write the reference as DIR/rules.md (the index) and DIR/rules/<CODE>.md (a page per rule).")
def rules_command(output_format: str, config_file: str | None, docs_dir: str | None) -> None:
    """List every rule: code, name, default severity, family (`--format markdown`: the reference's index)."""
    registry = _registry(config_file)
    if docs_dir:
        from .docgen import write_docs

        try:
            written = write_docs(registry, Path(docs_dir))
        except OSError as exc:
            raise UserError(f"{docs_dir}: cannot write the rule pages: {exc.strerror or exc}") from None
        click.echo(f"Wrote {len(written)} files under {docs_dir}")
        return
    if output_format == "markdown":
        from .docgen import rules_reference

        click.echo(escape_controls(rules_reference(registry), keep="\n"), nl=False)
        return
    if output_format == "json":
        import json

        data = [
            {
                "code": r.code,
                "name": r.name,
                "severity": str(r.severity),
                "family": r.family(),
                "summary": r.summary,
                "fixable": r.fixable,
                "implemented": r.implemented,
                "origin": r.origin,
                "options": {key: option.default for key, option in r.declared_options().items()},
            }
            for r in registry
        ]
        click.echo(json.dumps(data, indent=2, default=str))
        return
    for rule in registry:
        flags = []
        if rule.fixable:
            flags.append("fixable")
        if rule.online:
            flags.append("--check-links")
        if not rule.implemented:
            flags.append("not implemented yet")
        extra = f"  ({', '.join(flags)})" if flags else ""
        click.echo(escape_controls(f"{rule.code:<7} {rule.name:<28} {str(rule.severity):<8} {rule.family():<4} {rule.summary}{extra}"))


@cli.command("rule")
@click.argument("code")
@click.option("--config", "config_file", type=str, help="Include the packs and plugins of this config file.")
def rule_command(code: str, config_file: str | None) -> None:
    """Explain one rule (by code or name): what it checks, why, examples, options."""
    registry = _registry(config_file)
    rule = registry.get(code)
    if rule is None:
        raise UserError(f"unknown rule {code!r} (see `postlint rules`)")
    click.echo(escape_controls(rule.describe(), keep="\n"), nl=False)  # a pack's wording is the repository's data


def _registry(config_file: str | None) -> Any:
    from ..engine.registry import build_registry
    from ..model.config import ConfigError, load_config
    from ..model.rule import RegistryError

    try:
        config = load_config(config_file)
        return build_registry([config.resolve_path(p) for p in config.packs], config.plugins, config.root)
    except (ConfigError, RegistryError) as exc:
        raise UserError(str(exc)) from None


@cli.command("server")
def server_command() -> None:
    """Run the Language Server (LSP over stdio) that editors start: see docs/editor.md."""
    import importlib.util

    if importlib.util.find_spec("pygls") is None:
        raise UserError("`postlint server` needs pygls: pip install 'postlint[server]'")
    from ..server.lsp import serve

    serve()


STARTER_CONFIG = """\
# yaml-language-server: $schema={schema}
# postlint configuration: {docs}
# Every key is optional; the values shown are the defaults unless noted.
# A config in a subfolder applies to the files under it; start it with
# `extend: ../.postlint.yaml` to keep this file's settings.

# The kind of site, which tunes some rules' defaults (docs/profiles.md):
# marketing (posts that sell: every check), blog (project or news blog: the
# default without this key) or docs.
profile: @PROFILE@

# Folders holding your posts; `postlint` without paths lints these.
content-dirs: [content]

# Rules to run: codes (FM005), families (FM), names (title-length) or ALL.
select: [ALL]
# extend-select: []
ignore: []

# Lowest severity that makes the exit code 1: error, warning or info.
fail-on: warning

# Change a rule's severity.
# severity:
#   FM011: info

# Globs of paths to skip (matched against path parts and paths relative to this file).
# extend-exclude: [drafts]

# per-file-ignores:
#   "content/legal/*.md": [SEO001, CTA001]

site:
  # url: https://example.com      # absolute links to it are internal links
  # static-dirs: [static]         # where /media/... image paths live
  # permalink: /blog/{slug}/

# Rule options, by code or name:
# FM005:
#   min: 20
#   max: 60
# FM011:
#   recommended: [description, image, tags]

# Front-matter schema for FM004/FM008:
# fields:
#   strict: false
#   types: {author: string}
"""


def starter_template() -> str:
    """The commented `.postlint.yaml` that `postlint init` writes, before the detected site settings."""
    from ..model.project import REPOSITORY_URL, schema_url

    return STARTER_CONFIG.replace("{schema}", schema_url()).replace("{docs}", f"{REPOSITORY_URL}/blob/main/docs/configuration.md")


@cli.command("schema")
@click.option("--config", "config_file", type=str, help="Include the rules of this config's packs and plugins.")
def schema_command(config_file: str | None) -> None:
    """Print the JSON Schema of the config (docs/postlint.schema.json), for editors."""
    import json

    from ..engine.configschema import config_schema

    click.echo(json.dumps(config_schema(_registry(config_file)), indent=2, ensure_ascii=False))
@cli.command("site")
@click.argument("paths", nargs=-1, type=str)
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--config", "config_file", type=str, help="Use this config file instead of searching for one.")
def site_command(paths: tuple[str, ...], output_format: str, config_file: str | None) -> None:
    """Show the detected generator and site settings; for each post in PATHS, its URL, date, title and hero image."""
    from ..model.config import ConfigError, load_config
    from .site import render_json, render_text, site_report

    try:
        config = load_config(config_file)
    except ConfigError as exc:
        raise UserError(str(exc)) from None
    report = site_report(config, list(paths), Path.cwd())
    click.echo(render_json(report) if output_format == "json" else render_text(report), nl=False)


@cli.command("suggest-links")
@click.argument("post_path", metavar="POST", type=str)
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True, help="Suggestions to list at most.")
@click.option("--config", "config_file", type=str, help="Use this config file instead of searching for one.")
def suggest_links_command(post_path: str, output_format: str, limit: int, config_file: str | None) -> None:
    """Posts whose title or keyphrase POST mentions but does not link to, best first (advice; see docs/site-report.md)."""
    from .suggest import suggest

    click.echo(suggest(post_path, output_format, limit, config_file), nl=False)


@cli.command("init")
@click.option("--force", is_flag=True, help="Overwrite an existing .postlint.yaml.")
@click.option(
    "--profile", type=click.Choice(list(PROFILES)), default=None,
    help=f"The kind of site (asked at a terminal; else {DEFAULT_PROFILE}): see docs/profiles.md.",
)
def init_command(force: bool, profile: str | None) -> None:
    """Write a commented starter `.postlint.yaml` in the current folder, with the detected generator's settings."""
    from ..model.generators import read_site
    from .site import starter_config

    target = Path(".postlint.yaml")
    if target.exists() and not force:
        raise UserError(f"{target} already exists (use --force to overwrite)")
    if profile is None:
        profile = DEFAULT_PROFILE
        if sys.stdin.isatty():
            kinds = "; ".join(f"{p.name}: {p.summary}" for p in PROFILES.values())
            profile = click.prompt(f"What kind of site is this? ({kinds})", type=click.Choice(list(PROFILES)), default=DEFAULT_PROFILE)
    settings = read_site(Path.cwd())
    target.write_text(starter_config(starter_template().replace("@PROFILE@", profile), settings), encoding="utf-8")
    detected = f" with the settings of the detected {settings.generator} site ({settings.config_file})" if settings.generator != "none" else ""
    click.echo(f"Wrote {target} (profile: {profile}){detected}")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code (and exits with it when run as a script)."""
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="postlint", standalone_mode=False)
    except UserError as exc:
        exc.show()
        return _exit(EXIT_ERROR, argv)
    except click.UsageError as exc:
        say(f"postlint: error: {exc.format_message()}")
        return _exit(EXIT_ERROR, argv)
    except click.ClickException as exc:
        exc.show()
        return _exit(EXIT_ERROR, argv)
    except click.exceptions.Exit as exc:
        return _exit(exc.exit_code, argv)
    except click.Abort:
        click.echo("postlint: aborted", err=True)
        return _exit(EXIT_ERROR, argv)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else EXIT_ERROR)
        return _exit(code, argv)
    except KeyboardInterrupt:
        return _exit(130, argv)
    except Exception as exc:  # never a traceback for the user
        if os.environ.get("POSTLINT_DEBUG"):
            raise
        say(f"postlint: internal error: {type(exc).__name__}: {exc} (set POSTLINT_DEBUG=1 for a traceback)")
        return _exit(EXIT_ERROR, argv)
    return _exit(EXIT_OK, argv)


def _exit(code: int, argv: Sequence[str] | None) -> int:
    if argv is None:
        sys.exit(code)
    return code
