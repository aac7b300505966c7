"""The `postlint` command (and `python -m postlint`): the CLI, with regexes compiled once per Python."""

from __future__ import annotations


def main() -> None:
    from .compiled import keep_compiled

    with keep_compiled():  # before click, PyYAML and markdown-it compile theirs on import
        from .cli import main as cli_main

        cli_main()


if __name__ == "__main__":  # pragma: no cover
    main()
