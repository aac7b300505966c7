"""The command's exit codes and the error a user can cause (one line on stderr, exit 2)."""

from __future__ import annotations

from typing import Any

import click

from ..model.textsafe import escape_controls

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def say(line: str) -> None:
    """One line on stderr, its control characters escaped: messages quote paths, URLs and
    config values, which come from the repository being linted."""
    click.echo(escape_controls(line), err=True)


class UserError(click.ClickException):
    exit_code = EXIT_ERROR

    def show(self, file: Any = None) -> None:
        say(f"postlint: error: {self.message}")
