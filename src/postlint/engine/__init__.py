"""Deprecated: `postlint.engine` moved to `postlint.engine.linter`. Its public names still import
from here, with a DeprecationWarning, for one release."""

from __future__ import annotations

import importlib
import warnings
from typing import Any

#: each name -> the module it lives in now
_MOVED = {
    "Collected": "postlint.site.collect",
    "Config": "postlint.engine.linter",
    "ConfigError": "postlint.engine.linter",
    "Context": "postlint.model.context",
    "Finding": "postlint.engine.linter",
    "Linter": "postlint.engine.linter",
    "MARKDOWN_SUFFIXES": "postlint.site.collect",
    "PAGE_RULES": "postlint.engine.linter",
    "Registry": "postlint.engine.linter",
    "Rule": "postlint.engine.linter",
    "RunResult": "postlint.engine.linter",
    "SORT_KEY": "postlint.engine.linter",
    "Selection": "postlint.engine.linter",
    "Severity": "postlint.engine.linter",
    "UnreadableFile": "postlint.engine.linter",
    "build_registry": "postlint.engine.linter",
    "collect": "postlint.site.collect",
    "display_path": "postlint.parse.paths",
    "excluded": "postlint.site.collect",
    "relative_path": "postlint.engine.linter",
    "run": "postlint.cache.runner",
    "run_configs": "postlint.cache.runner",
    "select_rules": "postlint.engine.linter",
}


def __getattr__(name: str) -> Any:
    module = _MOVED.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    warnings.warn(f"postlint.engine.{name} is deprecated: import it from {module}", DeprecationWarning, stacklevel=2)
    return getattr(importlib.import_module(module), name)
