"""The command's exit codes and the error a user can cause (one line on stderr, exit 2)."""

from __future__ import annotations

from typing import Any

import click

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UserError(click.ClickException):
    exit_code = EXIT_ERROR

    def show(self, file: Any = None) -> None:
        click.echo(f"postlint: error: {self.message}", err=True)
