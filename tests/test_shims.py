"""The old public paths plugins may use (`postlint.registry.Rule`, `postlint.findings.*`,
`postlint.document.Post`, `postlint.engine.*`) still import after the move into layer
packages, each with a DeprecationWarning naming the new place (`postlint` itself for the
public names), and give the same object; `from postlint import …` gives them without a warning."""

from __future__ import annotations

import importlib
import subprocess
import sys
import warnings

import pytest

from postlint.cache.runner import run
from postlint.model.context import Context
from postlint.engine.registry import build_registry
from postlint.model.findings import Edit, Finding, Fix, Severity
from postlint.model.rule import Rule
from postlint.parse.document import Post
from postlint.site.collect import collect


@pytest.mark.parametrize(
    ("old", "name", "new", "obj"),
    [
        ("postlint.registry", "Rule", "postlint", Rule),
        ("postlint.findings", "Finding", "postlint", Finding),
        ("postlint.findings", "Severity", "postlint", Severity),
        ("postlint.findings", "Fix", "postlint", Fix),
        ("postlint.findings", "Edit", "postlint", Edit),
        ("postlint.document", "Post", "postlint", Post),
        ("postlint.engine", "Context", "postlint", Context),
        ("postlint.registry", "build_registry", "postlint.engine.registry", build_registry),
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


def test_the_public_names_import_from_the_package_root_without_a_warning() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        from postlint import Context as Context_, Edit as Edit_, Finding as Finding_, Fix as Fix_
        from postlint import Option, Post as Post_, Rule as Rule_, Severity as Severity_, Span, lint_paths, lint_text

    assert (Rule_, Context_, Finding_, Fix_, Edit_, Severity_, Post_) == (Rule, Context, Finding, Fix, Edit, Severity, Post)
    assert Span.__module__ == "postlint.model.span" and Option.__module__ == "postlint.model.options"
    assert callable(lint_paths) and callable(lint_text)


def test_import_postlint_loads_only_the_version() -> None:
    code = "import sys, postlint; print(sorted(m for m in sys.modules if m.startswith('postlint')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['postlint', 'postlint.model', 'postlint.model.version']"


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
