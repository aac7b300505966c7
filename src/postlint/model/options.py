"""Rule options declared once: type, default, allowed words, range and a line of doc.

A rule lists its options as `options = {"max": Option(int, 70, "…", min=1)}`; a plugin
that still writes a plain default (`options = {"max": 70}`) gets an `Option` whose type
is inferred from it. From the declarations come the rule's documentation (`postlint rule`,
docs/rules/<CODE>.md), the checks of a config's rule tables and of the profiles, and the
JSON Schema of the config.

YAML reads an unquoted `off`, `no`, `on` and `yes` as booleans. Where an option takes a
word and its choices hold exactly one word of that meaning (`hero: off` for IMG003),
the boolean is read as that word; anywhere else a boolean where a word is expected is
an error that says to quote it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

#: the words YAML 1.1 (and PyYAML) turns into false or true when they are not quoted
_FALSE_WORDS = ("off", "no", "false", "n")
_TRUE_WORDS = ("on", "yes", "true", "y")

_TYPE_NAMES: dict[type, str] = {bool: "boolean", int: "integer", float: "number", str: "string", list: "list", dict: "mapping"}
_JSON_TYPES: dict[type, str] = {bool: "boolean", int: "integer", float: "number", str: "string", list: "array", dict: "object"}


class OptionError(ValueError):
    """A value an option does not accept; the message says what it accepts."""


@dataclass(frozen=True)
class Option:
    """One option of a rule. `type` is bool, int, float, str, list or dict (`object` for
    anything); `item` is the type of a list's items; `choices` are the words a str option
    (or a list's items) may take; `min`/`max` bound a number."""

    type: type
    default: Any
    doc: str = ""
    choices: tuple[str, ...] = ()
    min: float | None = None
    max: float | None = None
    item: type | None = None

    # --- what users read -------------------------------------------------------------

    @property
    def type_name(self) -> str:
        name = _TYPE_NAMES.get(self.type, "any value")
        if self.type is list and self.item in _TYPE_NAMES:
            name = f"list of {_TYPE_NAMES[self.item]}s"
        if self.choices:
            words = ", ".join(self.choices)
            name = f"one of {words}" if self.type is str else f"{name} ({words})"
        if self.type is list or (self.min is None and self.max is None):
            return name
        if self.min is not None and self.max is not None:
            return f"{name} from {_number(self.min)} to {_number(self.max)}"
        return f"{name} ≥ {_number(self.min)}" if self.min is not None else f"{name} ≤ {_number(self.max)}"  # type: ignore[arg-type]

    def default_text(self) -> str:
        """The default as it is written in YAML config."""
        return format_value(self.default)

    # --- checking a config value -----------------------------------------------------

    def check(self, value: Any) -> Any:
        """The value as the rule uses it, or an `OptionError` saying what is expected."""
        if self.type is object:
            return value
        if self.type is str:
            return self._word(value)
        if self.type is bool:
            if not isinstance(value, bool):
                raise OptionError(f"must be true or false, got {value!r}")
            return value
        if self.type in (int, float):
            if isinstance(value, bool) or not isinstance(value, (int, float)) or (self.type is int and isinstance(value, float) and not value.is_integer()):
                raise OptionError(f"must be {'a whole number' if self.type is int else 'a number'}, got {value!r}")
            if self.type is int:
                value = int(value)  # a float option keeps a whole number as written (messages print it)
            if self.min is not None and value < self.min:
                raise OptionError(f"must be at least {_number(self.min)}, got {_number(value)}")
            if self.max is not None and value > self.max:
                raise OptionError(f"must be at most {_number(self.max)}, got {_number(value)}")
            return value
        if self.type is list:
            if not isinstance(value, list):
                raise OptionError(f"must be a list, got {value!r}")
            return [self._item(v) for v in value]
        if self.type is dict and not isinstance(value, dict):
            raise OptionError(f"must be a mapping, got {value!r}")
        return value

    def _item(self, value: Any) -> Any:
        if self.item is str:
            return self._word(value, "items ")
        if self.item is not None and (not isinstance(value, self.item) or isinstance(value, bool) is not (self.item is bool)):
            raise OptionError(f"must list {_TYPE_NAMES.get(self.item, 'value')}s, got {value!r}")
        return value

    def _word(self, value: Any, what: str = "") -> str:
        if isinstance(value, bool):
            words = [w for w in (_TRUE_WORDS if value else _FALSE_WORDS) if w in self.choices]
            if len(words) == 1:
                return words[0]
            raise OptionError(
                f"{what}must be {'one of ' + ', '.join(self.choices) if self.choices else 'a string'}, got the boolean {str(value).lower()}"
                " (YAML reads unquoted off/no/on/yes as booleans: put the word in quotes)"
            )
        if not isinstance(value, str):
            raise OptionError(f"{what}must be {'one of ' + ', '.join(self.choices) if self.choices else 'a string'}, got {value!r}")
        if self.choices and value not in self.choices:
            raise OptionError(f"{what}must be one of {', '.join(self.choices)}, got {value!r}")
        return value

    # --- the JSON Schema -------------------------------------------------------------

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.type is str and self.choices:
            # the booleans YAML makes of an unquoted off/on are read as those words
            alternatives: list[dict[str, Any]] = [{"enum": list(self.choices)}]
            alternatives += [{"const": flag} for flag, words in ((False, _FALSE_WORDS), (True, _TRUE_WORDS)) if sum(w in self.choices for w in words) == 1]
            out.update(alternatives[0] if len(alternatives) == 1 else {"anyOf": alternatives})
        elif self.type in _JSON_TYPES:
            out["type"] = _JSON_TYPES[self.type]
        if self.type is list and self.item is not None:
            out["items"] = {"enum": list(self.choices)} if self.choices else {"type": _JSON_TYPES[self.item]}
        if self.type in (int, float):
            if self.min is not None:
                out["minimum"] = self.min
            if self.max is not None:
                out["maximum"] = self.max
        if self.doc:
            out["description"] = self.doc
        out["default"] = self.default
        return out


def declare(value: Any) -> Option:
    """An `Option`, or one inferred from a plain default (plugins written before `Option`)."""
    if isinstance(value, Option):
        return value
    if isinstance(value, (bool, int, float, str, dict)):
        return Option(type(value), value)
    if isinstance(value, (list, tuple)):
        kinds = {type(v) for v in value}
        return Option(list, list(value), item=kinds.pop() if len(kinds) == 1 and next(iter(kinds)) in _TYPE_NAMES else None)
    return Option(object, value)


def declared(options: dict[str, Any]) -> dict[str, Option]:
    return {name: declare(value) for name, value in options.items()}


def defaults(options: dict[str, Any]) -> dict[str, Any]:
    return {name: declare(value).default for name, value in options.items()}


def format_value(value: Any) -> str:
    """A value as YAML config writes it: `true`, `20`, `"off"`, `[webp, avif]`."""
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(format_value(v) for v in value) + "]"
    if isinstance(value, str) and value and (value.lower() in (*_FALSE_WORDS, *_TRUE_WORDS) or not value.replace("-", "").replace("_", "").isalnum()):
        return json.dumps(value)
    if isinstance(value, str):
        return value or '""'
    if isinstance(value, float):
        return _number(value)
    return json.dumps(value, default=str)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
