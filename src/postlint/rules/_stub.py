"""Catalog entries for rule families whose implementation has not landed yet."""

from __future__ import annotations

from ..findings import Severity
from ..registry import Rule


def stub(code: str, name: str, severity: Severity, summary: str) -> type[Rule]:
    """A listed-but-not-implemented rule: `postlint rules` shows it, it never runs."""
    return type(
        f"Stub{code}",
        (Rule,),
        {"code": code, "name": name, "severity": severity, "summary": summary, "implemented": False, "__doc__": summary},
    )
