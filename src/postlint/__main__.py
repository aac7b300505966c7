"""The `postlint` command (and `python -m postlint`)."""

from __future__ import annotations


#: The cyclic collector's thresholds for the whole process. Start-up (imports, config, the
#: registry) builds a few hundred thousand objects and frees almost none; with the default
#: thresholds (700, 10, 10) the collector scans them all over and over, ~2.5 % of a one-file
#: run. Linting runs with the same ones (`cache.runner.GC_THRESHOLDS`).
GC_THRESHOLDS = (50_000, 50, 100)


def main() -> None:
    import gc

    gc.set_threshold(*GC_THRESHOLDS)
    from .cli.main import main as cli_main

    cli_main()


if __name__ == "__main__":  # pragma: no cover
    main()
