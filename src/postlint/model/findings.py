"""The data every rule produces: findings, their severity and their fixes."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from operator import attrgetter
from typing import Callable


class Severity(IntEnum):
    """How bad a finding is; ordered so that `>=` compares with `fail-on`."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str) -> "Severity":
        try:
            return cls[value.strip().upper()]
        except (KeyError, AttributeError):
            raise ValueError(f"unknown severity {value!r} (expected error, warning or info)") from None

    def __str__(self) -> str:
        return _SEVERITY_NAMES[self]


_SEVERITY_NAMES = {level: level.name.lower() for level in Severity}  # `Enum.name` is slow: reports ask per finding


@dataclass(frozen=True)
class Edit:
    """Replace the text from (line, column) up to (end_line, end_column) with `content`.

    Lines and columns are 1-based file positions, columns counted in characters;
    the end is exclusive. An insertion has start == end.
    """

    line: int
    column: int
    end_line: int
    end_column: int
    content: str

    def to_dict(self) -> dict[str, object]:
        return {
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "content": self.content,
        }


@dataclass(frozen=True)
class Fix:
    """A set of edits that resolves one finding; `unsafe` fixes may change meaning."""

    edits: tuple[Edit, ...]
    applicability: str = "safe"  # "safe" | "unsafe"
    message: str = ""

    def to_dict(self) -> dict[str, object]:
        return {
            "applicability": self.applicability,
            "message": self.message,
            "edits": [e.to_dict() for e in self.edits],
        }


@dataclass(frozen=True, order=True)
class Finding:
    """One problem at one place of one file."""

    path: str
    line: int
    column: int
    code: str
    end_line: int = 0
    end_column: int = 0
    name: str = ""
    severity: Severity = field(default=Severity.WARNING, compare=False)
    message: str = field(default="", compare=False)
    fix: Fix | None = field(default=None, compare=False)

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return SORT_KEY(self)

    def to_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line or self.line,
            "end_column": self.end_column or self.column,
            "code": self.code,
            "name": self.name,
            "severity": str(self.severity),
            "message": self.message,
            "fix": self.fix.to_dict() if self.fix else None,
        }


#: the order of findings (path, line, column, code), as a C-level key function: a run sorts
#: tens of thousands of findings
SORT_KEY: Callable[[Finding], tuple[str, int, int, str]] = attrgetter("path", "line", "column", "code")  # type: ignore[assignment]
