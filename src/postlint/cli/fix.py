"""The CLI glue for `--fix`, `--unsafe-fixes`, `--diff`, `--baseline` and `postlint baseline`.

Kept out of `cli/main.py` so `postlint --version` and a plain `check` never import it.
"""

from __future__ import annotations

import sys
import time
from dataclasses import replace
from pathlib import Path

import click

from ..engine.linter import Linter, RunResult
from ..fix.fixer import FixOutcome, fix_paths, fix_sources, remove_stale_temporaries, unified_diff, write
from ..model.config import Config, Configs
from ..parse.paths import display_path
from ..site.collect import collect
from .exitcodes import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, UserError, say


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def linter_for(config: Config, base: Linter) -> Linter:
    """A fresh linter for `config` (a file's nearest config): the base linter's registry when it
    is the base config, else the registry of that config's own packs and plugins."""
    registry = base.registry if config is base.config else None
    return Linter(config, registry, check_links=base.ctx.check_links, today=base.ctx.run_date, link_checker=base.ctx.link_checker)


def apply_fixes_step(
    linter: Linter,
    configs: Configs,
    targets: list[str],
    stdin: tuple[str, str] | None,
    *,
    unsafe: bool,
    diff: bool,
    output: str | None,
    quiet: bool,
) -> tuple[tuple[str, str] | None, list[str]]:
    """Fix (or, with `diff`, show the fixes and exit), each file with its nearest config (`configs`);
    return the stdin to lint and write errors."""
    cwd = Path.cwd()
    if stdin is not None:
        name, text = stdin
        display = display_path(Path(name), cwd)
        fixer = linter_for(configs.for_path(name), linter)
        outcome = fix_sources([(Path(name), display, text.encode("utf-8"))], fixer, unsafe=unsafe)
        _warn(outcome)
        if diff:
            _print_diff(outcome, output, quiet)
        fixed_text = outcome.changes[0].after.decode("utf-8") if outcome.changes else text
        click.echo(fixed_text, nl=False)
        return (name, fixed_text), []
    collected = collect(targets, configs.base, cwd, configs)
    outcome = FixOutcome()
    for config, paths in configs.groups(collected.files):
        part = fix_paths([(path, display_path(path, cwd)) for path in paths], linter_for(config, linter), unsafe=unsafe)
        outcome.changes += part.changes
        outcome.warnings += part.warnings
    _warn(outcome)
    if diff:
        for message in collected.errors:
            say(f"postlint: error: {message}")
        _print_diff(outcome, output, quiet, error=bool(collected.errors))
    errors: list[str] = []
    written = 0
    fixed = 0
    remove_stale_temporaries(sorted({path.parent for path in collected.files}), time.time())
    for change in outcome.changes:
        problem = write(change)
        if problem:
            errors.append(problem)
        else:
            written += 1
            fixed += change.fixes
    if not quiet and written:
        say(f"postlint: fixed {_plural(fixed, 'finding')} in {_plural(written, 'file')}")
    return None, errors


def _warn(outcome: FixOutcome) -> None:
    for message in outcome.warnings:
        say(f"postlint: warning: {message}")


def _print_diff(outcome: FixOutcome, output: str | None, quiet: bool, *, error: bool = False) -> None:
    """Print every change as a unified diff and exit: 1 with changes, 0 without, 2 on path errors."""
    text = "".join(unified_diff(change) for change in outcome.changes)
    if output:
        try:
            Path(output).write_text(text, encoding="utf-8", newline="")
        except OSError as exc:
            say(f"postlint: error: {output}: cannot write the diff: {exc.strerror or exc}")
            sys.exit(EXIT_ERROR)
    else:
        click.echo(text, nl=False)
    if not quiet:
        count = len(outcome.changes)
        if count:
            say(f"postlint: would fix {_plural(outcome.fixed, 'finding')} in {_plural(count, 'file')}")
        else:
            say("postlint: nothing to fix")
    sys.exit(EXIT_ERROR if error else EXIT_FINDINGS if outcome.changes else EXIT_OK)


def apply_baseline(result: RunResult, baseline_file: str) -> tuple[RunResult, int]:
    from ..output.baseline import BaselineError, load

    try:
        baseline = load(Path(baseline_file))
    except BaselineError as exc:
        raise UserError(str(exc)) from None
    kept, hidden = baseline.filter(result.findings, result.sources)
    return replace(result, findings=kept), hidden
