"""Deprecated: `postlint.findings` moved to `postlint.model.findings`. Its public names still import
from here, with a DeprecationWarning, for one release."""

from __future__ import annotations

import importlib
import warnings
from typing import Any

#: each name -> the module it lives in now
_MOVED = {
    "Edit": "postlint.model.findings",
    "Finding": "postlint.model.findings",
    "Fix": "postlint.model.findings",
    "SORT_KEY": "postlint.model.findings",
    "Severity": "postlint.model.findings",
}


def __getattr__(name: str) -> Any:
    module = _MOVED.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    warnings.warn(f"postlint.findings.{name} is deprecated: import it from {module}", DeprecationWarning, stacklevel=2)
    return getattr(importlib.import_module(module), name)
