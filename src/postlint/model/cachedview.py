"""`cached_view`: a property computed on first use and then kept, without a lock.

`functools.cached_property` takes a lock on every first use (Python 3.8 to 3.11), and a
post's views are read first once each, by the thousands in a run: the lock, its context
manager and the checks around it cost several times what the simpler views themselves
do. A `cached_view` stores the value in the instance's `__dict__` under the same name, so
every later read is a plain attribute read, as with `cached_property` (Python 3.12 dropped
the lock the same way). Two threads reading a view first at the same moment may each
compute it; the views are pure, so either value is the same.
"""

from __future__ import annotations

from typing import Any, Callable, Generic, TypeVar, overload

T = TypeVar("T")


class cached_view(Generic[T]):  # noqa: N801 - used as a decorator, like `cached_property`
    """Decorates a method of one argument, `self`: its value, computed at the first read."""

    def __init__(self, function: Callable[[Any], T]) -> None:
        self.function = function
        self.name = function.__name__
        self.__doc__ = function.__doc__
        self.__module__ = function.__module__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> "cached_view[T]": ...

    @overload
    def __get__(self, instance: object, owner: type | None = None) -> T: ...

    def __get__(self, instance: object | None, owner: type | None = None) -> "T | cached_view[T]":
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.function(instance)
        return value
