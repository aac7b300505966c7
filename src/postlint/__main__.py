"""The `postlint` command (and `python -m postlint`)."""

from __future__ import annotations


def main() -> None:
    from .cli.main import main as cli_main

    cli_main()


if __name__ == "__main__":  # pragma: no cover
    main()
