"""The old public paths plugins may use (`postlint.registry.Rule`, `postlint.findings.*`,
`postlint.document.Post`, `postlint.engine.*`) still import after the move into layer
packages, each with a DeprecationWarning naming the new place, and give the same object."""

from __future__ import annotations

import importlib
import warnings

import pytest

from postlint.cache.runner import run
from postlint.model.context import Context
from postlint.model.findings import Finding, Severity
from postlint.model.rule import Rule
from postlint.parse.document import Post
from postlint.site.collect import collect


@pytest.mark.parametrize(
    ("old", "name", "new", "obj"),
    [
        ("postlint.registry", "Rule", "postlint.model.rule", Rule),
        ("postlint.findings", "Finding", "postlint.model.findings", Finding),
        ("postlint.findings", "Severity", "postlint.model.findings", Severity),
        ("postlint.document", "Post", "postlint.parse.document", Post),
        ("postlint.engine", "Context", "postlint.model.context", Context),
        ("postlint.engine", "collect", "postlint.site.collect", collect),
        ("postlint.engine", "run", "postlint.cache.runner", run),
    ],
)
def test_an_old_path_still_imports_with_a_deprecation_warning(old: str, name: str, new: str, obj: object) -> None:
    module = importlib.import_module(old)
    with pytest.warns(DeprecationWarning) as caught:
        found = getattr(module, name)
    assert found is obj
    assert [str(w.message) for w in caught] == [f"{old}.{name} is deprecated: import it from {new}"]


def test_a_layer_packages_submodule_is_no_deprecated_name() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        from postlint.engine import registry, suppress

    assert registry.__name__ == "postlint.engine.registry"
    assert suppress.__name__ == "postlint.engine.suppress"


def test_an_unknown_name_is_an_attribute_error() -> None:
    import postlint.registry

    with pytest.raises(AttributeError, match="module 'postlint.registry' has no attribute 'Nope'"):
        postlint.registry.Nope  # noqa: B018
