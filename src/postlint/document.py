"""Deprecated: `postlint.document` moved to `postlint.parse.document`. Its public names still import
from here, with a DeprecationWarning, for one release."""

from __future__ import annotations

import importlib
import warnings
from typing import Any

#: each name -> the module it lives in now
_MOVED = {
    "BINARY_SNIFF": "postlint.parse.document",
    "BareUrl": "postlint.parse.document",
    "Block": "postlint.parse.document",
    "BodyIndex": "postlint.parse.document",
    "Comment": "postlint.parse.document",
    "Conventions": "postlint.parse.document",
    "Heading": "postlint.parse.document",
    "Image": "postlint.parse.document",
    "Link": "postlint.parse.document",
    "NEWLINE_RE": "postlint.parse.document",
    "NONE": "postlint.parse.document",
    "PLACEHOLDER": "postlint.parse.document",
    "Post": "postlint.parse.document",
    "ResolvedDate": "postlint.parse.document",
    "ReversedLink": "postlint.parse.document",
    "Section": "postlint.parse.document",
    "Sentence": "postlint.parse.document",
    "TemplateSpan": "postlint.parse.document",
    "URL_RE": "postlint.parse.document",
    "UnreadableFile": "postlint.parse.document",
    "as_date": "postlint.parse.document",
    "find_spans": "postlint.parse.document",
    "html_attrs": "postlint.parse.document",
    "lookup": "postlint.parse.document",
    "markdown_parser": "postlint.parse.document",
    "mask": "postlint.parse.document",
    "name_date": "postlint.parse.document",
    "read_file": "postlint.parse.document",
    "slugify": "postlint.parse.document",
    "split_lines": "postlint.parse.document",
    "split_sentences": "postlint.parse.document",
    "strip_date": "postlint.parse.document",
    "unmasked_marker": "postlint.parse.document",
}


def __getattr__(name: str) -> Any:
    module = _MOVED.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    warnings.warn(f"postlint.document.{name} is deprecated: import it from {module}", DeprecationWarning, stacklevel=2)
    return getattr(importlib.import_module(module), name)
