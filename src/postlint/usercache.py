"""Tables kept between runs in the user's cache folder (`$XDG_CACHE_HOME/postlint`, else
`~/.cache/postlint`): data that costs more to build than to read back, such as parsed
dictionaries. Each file is marshal data in a folder only this user
writes, named after what it was built from; a missing or unreadable file is rebuilt."""

from __future__ import annotations

import os
from typing import Any


def folder() -> str:
    """The folder, absolute; relative when there is no home to find (then nothing is kept)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "postlint")


def kept(target: str) -> dict[Any, Any] | None:
    """A table `store` kept, or None when it is missing or unreadable."""
    import marshal

    if not os.path.isabs(target):  # no home (or a relative XDG_CACHE_HOME): never the working folder
        return None
    try:
        with open(target, "rb") as handle:
            table = marshal.loads(handle.read())  # `marshal.load(handle)` reads item by item: 5x slower
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return table if isinstance(table, dict) and table else None


def store(target: str, table: dict[Any, Any], prefix: str) -> None:
    """Write the table atomically and remove the tables of the same `prefix` it replaces
    (those built from an earlier version of their source); never fail."""
    import marshal

    if not os.path.isabs(target):
        return
    where = os.path.dirname(target)
    try:
        os.makedirs(where, exist_ok=True)
        temp = f"{target}.{os.getpid()}.tmp"
        try:
            with open(temp, "wb") as handle:
                marshal.dump(table, handle)
            os.replace(temp, target)
        finally:
            if os.path.exists(temp):
                os.remove(temp)
        for other in os.listdir(where):
            if other.startswith(prefix) and other.endswith(".marshal") and other != os.path.basename(target):
                os.remove(os.path.join(where, other))
    except (OSError, ValueError):  # unwritable home, or a table marshal cannot store
        pass
