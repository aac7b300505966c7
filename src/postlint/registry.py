"""Deprecated: `postlint.registry` moved to `postlint.engine.registry`. Its public names still import
from here, with a DeprecationWarning, for one release."""

from __future__ import annotations

import importlib
import warnings
from typing import Any

#: each name -> the module it lives in now
_MOVED = {
    "CODE_RE": "postlint.model.rule",
    "ENTRY_POINT_GROUP": "postlint.engine.registry",
    "NAME_RE": "postlint.model.rule",
    "NO_PLUGINS_ENV": "postlint.engine.registry",
    "Registry": "postlint.engine.registry",
    "RegistryError": "postlint.model.rule",
    "Rule": "postlint.model.rule",
    "build_registry": "postlint.engine.registry",
    "entry_points": "postlint.engine.registry",
    "load_reference": "postlint.engine.registry",
    "plugins_disabled": "postlint.engine.registry",
}


def __getattr__(name: str) -> Any:
    module = _MOVED.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    warnings.warn(f"postlint.registry.{name} is deprecated: import it from {module}", DeprecationWarning, stacklevel=2)
    return getattr(importlib.import_module(module), name)
