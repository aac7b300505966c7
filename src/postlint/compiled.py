"""Regular expressions compiled once per Python installation, not once per run.

A one-file check compiles some 180 regexes, postlint's own and those PyYAML,
markdown-it-py and click compile as they are imported: about 15 ms of a 150 ms
run, spent in `re`'s parser and code generator, which are written in Python.
While the command line runs (`keep_compiled`; the library never does this), a
pattern `re` has not cached yet is built from the code kept for it in the user
cache folder, with `_sre.compile`, the C call that ends every `re.compile`.

The code was recorded on this same Python (the file is named after its version,
build and `_sre.MAGIC`), and only after checking that the pattern built from it
equals the one `re` compiled (`Pattern` equality compares the compiled code; the
groups are compared too). `re.LOCALE` and `re.DEBUG` patterns are left to `re`.
Anything unexpected, such as a Python whose internals differ, a corrupt file or
code `_sre` rejects, means compiling as `re` does. Patterns first seen in a run
are added at its end; past `MAX_KEPT` patterns the table starts afresh.
"""

from __future__ import annotations

import os
import re
import sys
from contextlib import contextmanager
from typing import Any, Callable, Iterator

from . import usercache

#: patterns kept at most (a site's own packs add theirs; the built-in run needs about 200)
MAX_KEPT = 4000

#: (pattern, flags) -> the arguments `_sre.compile` takes after the pattern
Table = dict[tuple[Any, int], tuple[Any, ...]]


def table_path() -> str:
    import zlib

    import _sre

    build = format(zlib.crc32(sys.version.encode()), "08x")  # the version, compiler and build date
    return os.path.join(usercache.folder(), f"regex-{sys.implementation.cache_tag}-{build}-{_sre.MAGIC}.marshal")


@contextmanager
def keep_compiled() -> Iterator[Table]:
    """Serve `re`'s compilations from the kept table while the block runs, and keep the
    patterns it compiled anew; yields the table of new ones."""
    fresh: Table = {}
    if sys.implementation.name != "cpython" or not hasattr(re, "_compiler"):
        yield fresh
        return
    compiler: Any = re._compiler  # type: ignore[attr-defined]
    original: Callable[..., Any] = compiler.compile
    target = table_path()
    table: Table = usercache.kept(target) or {}
    compiler.compile = _serving(original, table, fresh)
    try:
        yield fresh
    finally:
        if compiler.compile is not original:
            compiler.compile = original
        if fresh:
            merged = {**table, **fresh} if len(table) + len(fresh) <= MAX_KEPT else fresh
            usercache.store(target, merged, "regex-")


def _serving(original: Callable[..., Any], table: Table, fresh: Table) -> Callable[..., Any]:
    import _sre

    def compile(p: Any, flags: int = 0) -> Any:
        if not isinstance(p, (str, bytes)) or flags & (re.DEBUG | re.LOCALE):
            return original(p, flags)
        key = (p, int(flags))
        kept = table.get(key)
        if kept is not None:
            try:
                return _sre.compile(p, *kept)
            except Exception:  # code this `_sre` rejects: compile it the usual way
                del table[key]
        pattern = original(p, flags)
        if len(fresh) < MAX_KEPT:
            parts = _parts(p, int(flags))
            try:
                built = _sre.compile(p, *parts) if parts is not None else None
                if built == pattern and built.groups == pattern.groups and built.groupindex == pattern.groupindex:
                    fresh[key] = table[key] = parts  # type: ignore[assignment]
            except Exception:
                pass
        return pattern

    return compile


def _parts(pattern: str | bytes, flags: int) -> tuple[Any, ...] | None:
    """What `re._compiler.compile` passes to `_sre.compile` after the pattern (its steps, as in
    CPython 3.11 to 3.13); None when this Python's internals differ."""
    try:
        compiler: Any = re._compiler  # type: ignore[attr-defined]
        parsed = re._parser.parse(pattern, flags)  # type: ignore[attr-defined]
        code = compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        code = [int(op) for op in code]  # opcodes are int subclasses, which marshal refuses
        return (int(flags | parsed.state.flags), code, int(parsed.state.groups - 1), groupindex, tuple(indexgroup))
    except Exception:
        return None
