"""The command line: `postlint check` (the default), `rules`, `rule CODE`, `init`.

Exit codes: 0 nothing at or above `fail-on`; 1 findings at or above it; 2 a
usage, config, path or internal error (one line on stderr, no traceback).
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Sequence

import click

from .exitcodes import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, UserError
from .reporters import FORMATS
from .version import __version__


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
@click.option("--select", help="Comma-separated codes, prefixes or names to enable (replaces the config's `select`).")
@click.option("--extend-select", help="Codes to enable on top of `select`.")
@click.option("--ignore", help="Codes to disable (added to the config's `ignore`).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), help="Lowest severity that makes the exit code 1 [default: warning].")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--config", "config_file", type=str, help="Use this config file instead of searching for one.")
@click.option("--stdin-filename", help="With `-` as the path: the name of the post read from stdin.")
@click.option("--statistics", is_flag=True, help="Print the number of findings per rule.")
@click.option("-q", "--quiet", is_flag=True, help="Print findings only: no summary.")
@click.option("--check-links", is_flag=True, help="Also check external links over the network (LNK007, LNK008).")
@click.option("--fix", is_flag=True, help="Apply safe fixes to the files, then report what remains.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff: also apply unsafe fixes (they may change meaning; review them).")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff and change nothing; exit 1 when there would be changes.")
@click.option("--baseline", "baseline_file", type=str, metavar="FILE", help="Ignore the findings recorded in this baseline file (see `postlint baseline`).")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=None, help="Worker processes (0: one per CPU, the default; 1: no workers).")
@click.option("--no-cache", is_flag=True, help="Do not read or write the results cache (.postlint_cache/).")
def check(
    paths: tuple[str, ...],
    output_format: str,
    output: str | None,
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
    fix: bool = False,
    unsafe_fixes: bool = False,
    diff: bool = False,
    baseline_file: str | None = None,
    jobs: int | None = None,
    no_cache: bool = False,
) -> None:
    """Lint PATHS (files, folders or globs; `-` for stdin). Without PATHS: the configured content dirs, else `.`."""
    from .config import ConfigError, load_config, with_overrides
    from .engine import Linter
    from .runner import run
    from .findings import Severity
    from .registry import RegistryError, build_registry
    from .reporters import JSON_FORMATS, Report, get_chunks, line_format

    try:
        config = load_config(config_file)
        registry = build_registry([config.resolve_path(p) for p in config.packs], config.plugins, config.root)
        flags = {"select": _codes(select), "extend_select": _codes(extend_select), "ignore": _codes(ignore)}
        for flag, values in flags.items():
            for value in values or ():
                try:
                    registry.resolve(value)
                except KeyError:
                    raise UserError(f"--{flag.replace('_', '-')}: unknown rule code or name {value!r}") from None
        config = with_overrides(config, **flags, fail_on=Severity.parse(fail_on) if fail_on else None)
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
            from .linkcheck import batch_for, ensure_available

            ensure_available()
            link_checker = batch_for
        linter = Linter(config, registry, check_links=check_links, link_checker=link_checker)
        fix_errors: list[str] = []
        if fix or diff:
            from .cli_fix import apply_fixes_step

            stdin, fix_errors = apply_fixes_step(
                linter, targets, stdin, unsafe=unsafe_fixes, diff=diff, output=output, quiet=quiet
            )
        color = output is None and _use_color()
        result = run(
            targets, config, registry=linter.registry, check_links=check_links, link_checker=link_checker, stdin=stdin, report_progress=not quiet,
            jobs=0 if jobs is None else jobs, use_cache=not no_cache, line_format=line_format(output_format, color),
        )
    except (ConfigError, RegistryError) as exc:
        raise UserError(str(exc)) from None
    hidden = 0
    if baseline_file:
        from .cli_fix import apply_baseline

        result, hidden = apply_baseline(result, baseline_file)
    report = Report(
        result.findings, result.files, linter.registry, result.rules,
        paths=result.paths, sources=result.sources, color=color, quiet=quiet,
    )
    parts = get_chunks(output_format)(report)
    if statistics and output_format in ("text", "concise"):
        parts = [*parts, _statistics(result.findings, linter.registry)]
    if output:
        try:
            with open(output, "wb") as handle:  # text as in text mode: UTF-8, the platform's line ends
                for part in parts:
                    data = part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part  # a name's own bytes
                    handle.write(data if os.linesep == "\n" else data.replace(b"\n", os.linesep.encode()))
        except OSError as exc:
            raise UserError(f"{output}: cannot write report: {exc.strerror or exc}") from None
    else:
        strip = not color and output_format not in JSON_FORMATS
        _echo_parts(parts, strip=strip, err=fix and stdin is not None)  # with stdin, --fix prints the fixed post on stdout
    for message in result.warnings:
        click.echo(f"postlint: warning: {message}", err=True)
    if hidden and not quiet:
        click.echo(f"postlint: {hidden} finding{'s' if hidden != 1 else ''} hidden by the baseline {baseline_file}", err=True)
    for message in [*result.path_errors, *fix_errors]:
        click.echo(f"postlint: error: {message}", err=True)
    if result.path_errors or fix_errors:
        sys.exit(EXIT_ERROR)
    from .findinglist import worst

    level = worst(result.findings)
    failing = level is not None and level >= config.fail_on
    sys.exit(EXIT_FINDINGS if failing and not exit_zero else EXIT_OK)


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
    from .findinglist import tally

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
    from .baseline import render, save
    from .config import ConfigError, load_config, with_overrides
    from .runner import run
    from .registry import RegistryError

    try:
        config = with_overrides(load_config(config_file), select=_codes(select), extend_select=_codes(extend_select), ignore=_codes(ignore))
        targets = list(paths) or [str(config.resolve_path(d)) for d in config.content_dirs] or ["."]
        result = run(targets, config)
    except (ConfigError, RegistryError) as exc:
        raise UserError(str(exc)) from None
    for message in result.path_errors:
        click.echo(f"postlint: error: {message}", err=True)
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


@cli.command("clean")
@click.option("--config", "config_file", type=str, help="Use this config file instead of searching for one.")
def clean_command(config_file: str | None) -> None:
    """Delete the results cache (`.postlint_cache/`, or the config's `cache-dir`)."""
    from .cache import clean
    from .config import ConfigError, load_config

    try:
        config = load_config(config_file)
    except ConfigError as exc:
        raise UserError(str(exc)) from None
    folder = config.resolve_path(config.cache_dir)
    click.echo(f"Removed {folder}" if clean(folder) else f"No cache at {folder}")


@cli.command("rules")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
@click.option("--config", "config_file", type=str, help="Include the packs and plugins of this config file.")
def rules_command(output_format: str, config_file: str | None) -> None:
    """List every rule: code, name, default severity, family (`--format markdown`: the full reference)."""
    registry = _registry(config_file)
    if output_format == "markdown":
        from .docgen import rules_reference

        click.echo(rules_reference(registry), nl=False)
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
                "options": r.options,
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
        click.echo(f"{rule.code:<7} {rule.name:<28} {str(rule.severity):<8} {rule.family():<4} {rule.summary}{extra}")


@cli.command("rule")
@click.argument("code")
@click.option("--config", "config_file", type=str, help="Include the packs and plugins of this config file.")
def rule_command(code: str, config_file: str | None) -> None:
    """Explain one rule (by code or name): what it checks, why, examples, options."""
    registry = _registry(config_file)
    rule = registry.get(code)
    if rule is None:
        raise UserError(f"unknown rule {code!r} (see `postlint rules`)")
    click.echo(rule.describe(), nl=False)


def _registry(config_file: str | None) -> Any:
    from .config import ConfigError, load_config
    from .registry import RegistryError, build_registry

    try:
        config = load_config(config_file)
        return build_registry([config.resolve_path(p) for p in config.packs], config.plugins, config.root)
    except (ConfigError, RegistryError) as exc:
        raise UserError(str(exc)) from None


STARTER_CONFIG = """\
# postlint configuration: https://pypi.org/project/postlint/
# Every key is optional; the values shown are the defaults unless noted.

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


@cli.command("init")
@click.option("--force", is_flag=True, help="Overwrite an existing .postlint.yaml.")
def init_command(force: bool) -> None:
    """Write a commented starter `.postlint.yaml` in the current folder."""
    target = Path(".postlint.yaml")
    if target.exists() and not force:
        raise UserError(f"{target} already exists (use --force to overwrite)")
    target.write_text(STARTER_CONFIG, encoding="utf-8")
    click.echo(f"Wrote {target}")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code (and exits with it when run as a script)."""
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="postlint", standalone_mode=False)
    except UserError as exc:
        exc.show()
        return _exit(EXIT_ERROR, argv)
    except click.UsageError as exc:
        click.echo(f"postlint: error: {exc.format_message()}", err=True)
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
        click.echo(f"postlint: internal error: {type(exc).__name__}: {exc} (set POSTLINT_DEBUG=1 for a traceback)", err=True)
        return _exit(EXIT_ERROR, argv)
    return _exit(EXIT_OK, argv)


def _exit(code: int, argv: Sequence[str] | None) -> int:
    if argv is None:
        sys.exit(code)
    return code
