"""The cyclic garbage collector's thresholds for a postlint process.

Start-up (imports, config, the registry) builds a few hundred thousand objects and frees
almost none, and linting allocates millions of short-lived ones (tokens, findings) that
reference counting frees; with the default thresholds (700, 10, 10) the collector rescans
the whole heap (every file's bytes, the site index) thousands of times a run (~2.5 % of a
one-file run). The `postlint` command sets these at its start; a run through the Python
API sets them while it lints (`cache.runner`).

Layer: model.
"""

from __future__ import annotations

GC_THRESHOLDS = (50_000, 50, 100)
