"""The `postlint` command (and `python -m postlint`)."""

from __future__ import annotations


def main() -> None:
    import gc

    from .model.gcpolicy import GC_THRESHOLDS

    gc.set_threshold(*GC_THRESHOLDS)  # before the imports below build their objects
    from .cli.main import main as cli_main

    cli_main()


if __name__ == "__main__":  # pragma: no cover
    main()
