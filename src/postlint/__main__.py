"""The `postlint` command (and `python -m postlint`)."""

from __future__ import annotations


def main() -> None:
    import gc

    from .model.gcpolicy import GC_THRESHOLDS

    gc.set_threshold(*GC_THRESHOLDS)  # before the imports below build their objects
    from .cli.main import main as cli_main

    try:
        cli_main()
    finally:
        # The process ends here (the report is written, the cache saved and closed): what the
        # run left in reference cycles (a warm run of 100,000 posts: a file object each) goes
        # back with the process instead of being traversed and freed one by one by the
        # interpreter's last collection (0.1-0.2 s of such a run). Not done for the Python API,
        # whose caller goes on.
        gc.freeze()


if __name__ == "__main__":  # pragma: no cover
    main()
