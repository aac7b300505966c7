"""Front-matter dates: YAML dates, datetimes and ISO-8601 strings, read as dates."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any


def as_date(value: Any) -> dt.date | None:
    """A front-matter date value as a date: YAML dates, datetimes or ISO-8601 strings."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except ValueError:
            try:
                return dt.date.fromisoformat(text[:10]) if re.match(r"^\d{4}-\d{2}-\d{2}([T ]|$)", text) else None
            except ValueError:
                return None
    return None
