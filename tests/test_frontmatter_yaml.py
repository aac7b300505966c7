"""YAML front matter: the flat-mapping construction and size count give what PyYAML's
constructor and the recursive count give, data, errors and bounds alike."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from postlint.model.boundedload import _size, check_size
from postlint.parse import frontmatter as fm
from postlint.parse.document import Post

try:
    from yaml import CSafeLoader as Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as Loader  # type: ignore[assignment]

_VALUES = [
    "plain words", '"quoted: yes"', "'single'", "12", "-3.5", "0x1F", "1_000", "true", "no", "~", "null", "",
    "2024-09-13", "2024-02-30", "2024-09-13 10:20:30+02:00", "2024-13-01T00:00:00Z", "[a, 1, 2024-01-01]", "[]",
    "{}", "{a: 1}", "&s shared", "*s", "&l [x, y]", "*l", "!!str 5", "!!int 7", "!!int nope", "!foo bar",
    "!!set {a, b}", "!!binary aGk=", ".inf", "190:20:30", "[[nested]]", "[*s, *l]", "[2024-02-30]", "[2024-13-01]", "[" + ", ".join("w" * 20) + "]",
]
_LINES = st.one_of(
    st.tuples(st.sampled_from(["title", "date", "tags", "title", "<<", "=", "1", "null", "x y", "'q'"]), st.sampled_from(_VALUES)).map(lambda kv: f"{kv[0]}: {kv[1]}"),
    st.sampled_from(["tags:", "  - one", "  - 2", "  - *s", "  - &i item", "  - [x]", "  - k: v", "m: &m {a: 1}", "<<: *m", "n:", "  a: 1", "- top", "bad: [", "  x"]),
)


def _outcome(run: Any) -> Any:
    try:
        return ("ok", run())
    except Exception as exc:  # noqa: BLE001 - the same error, kind and message, is part of the result
        return (type(exc).__name__, str(exc))


def _built(raw: str, size: Any, construct: Any) -> Any:
    """The verdict on size, the data or error, and the key nodes left for the positions."""
    loader = Loader(raw)
    try:
        node = loader.get_single_node()
        if not isinstance(node, yaml.MappingNode):
            return None
        return size(node), _outcome(lambda: construct(loader, node)), [(k.value, k.tag) for k, _ in node.value]
    finally:
        loader.dispose()


def _reference(raw: str) -> Any:
    """PyYAML's own construction and the recursive count, as `_parse_yaml` first called them."""
    return _built(raw, lambda node: _outcome(lambda: _size(node, 0, {}, "front matter", 40))[0], lambda loader, node: loader.construct_document(node))


def _ours(raw: str) -> Any:
    return _built(raw, lambda node: "TooBig" if check_size(node, "front matter", 40) else "ok", fm._construct)


@settings(max_examples=1500, deadline=None)
@given(st.lists(_LINES, min_size=1, max_size=12).map("\n".join))
def test_flat_front_matter_is_built_as_pyyaml_builds_it(raw: str) -> None:
    """The same data (or the same error), the same verdict on size, the same nodes left for the key positions."""
    try:
        reference = _reference(raw)
    except yaml.YAMLError:
        return  # not even composed: neither path runs
    assert _ours(raw) == reference


def test_a_date_and_a_list_shared_by_an_alias() -> None:
    post = Post.from_text("---\ntitle: A\ndate: 2024-09-13\ntags: &t [a, b]\nalso: *t\n---\n\nBody.\n")
    data = post.meta
    assert repr(data) == "{'title': 'A', 'date': datetime.date(2024, 9, 13), 'tags': ['a', 'b'], 'also': ['a', 'b']}"
    assert data["tags"] is data["also"]


def test_the_first_error_is_a_top_level_value_before_a_list_item() -> None:
    """PyYAML fills lists after the top-level values: a bad date in a list is reported after a bad date beside it."""
    post = Post.from_text("---\ntags: [2024-02-30]\ndate: 2024-02-31\n---\n\nBody.\n")
    assert post.front_matter.error is not None
    assert post.front_matter.error.message == "invalid YAML: day is out of range for month"


@pytest.mark.parametrize("items", ["\n".join(f"  - i{n}" for n in range(10_001)), "[" + ", ".join(f"i{n}" for n in range(10_001)) + "]"])
def test_a_flat_front_matter_over_the_bound_is_refused(items: str) -> None:
    post = Post.from_text(f"---\ntitle: t\ntags:\n{items}\n---\n\nBody.\n" if items.startswith(" ") else f"---\ntitle: t\ntags: {items}\n---\n\nBody.\n")
    assert post.front_matter.error is not None
    assert post.front_matter.error.message == "front matter expands to more than 10000 values (YAML alias bomb?)"
    assert post.meta == {}


def test_flat_and_nested_counts_agree_at_the_bound() -> None:
    """9,996 list items + the mapping, `title: t`, `tags` and its list = 10,001 values: one over."""
    for count, refused in ((9_995, False), (9_996, True)):
        raw = "title: t\ntags: [" + ", ".join("x" for _ in range(count)) + "]"
        loader = Loader(raw)
        node = loader.get_single_node()
        loader.dispose()
        assert (check_size(node, "front matter", 10_000) is not None) is refused
        assert (_outcome(lambda: _size(node, 0, {}, "front matter", 10_000))[0] == "TooBig") is refused


def test_lists_are_filled_in_the_order_they_are_written() -> None:
    for raw, message in (("a: [2024-13-01]\nb: [2024-02-30]", "month must be in 1..12"), ("a: [2024-02-30]\nb: [2024-13-01]", "day is out of range for month")):
        assert _reference(raw)[1] == ("ValueError", message)
        assert _ours(raw)[1] == ("ValueError", message)


# --- simple front matter, read without YAML's machinery ----------------------------------

_SIMPLE_KEYS = ["title", "date", "tags", "description", "a-b", "_x", "yes", "Null", "on", "x" * 129, "ké", "k y", "title"]
_SIMPLE_VALUES = [
    '"Six ways"', '"with: colon # and hash"', '""', '"it\'s"', '"back\\\\slash"', '"say \\"hi\\""', "'single'", "'it''s'", "'a \\ b'",
    "2024-01-31", "2024-02-30", "0000-01-01", "2024-1-31", "2024-01-31 10:00:00", "[gear]", "[]", "[a, b-c, _d]", "[a,b]", "[a , b]",
    "[a, ]", "[yes, no]", "[NULL]", "[a, 1]", "[ a]", "plain words", "12", "true", "~", '"tab\there"', '"é"', '"x" ', "[x]  ",
    "Node.js 0.10.10 (Stable)", "blog-post", "it's ok", "Why? Because!", "a  b", "C++", "True", "Yes please", "off", "a: b", "a #b",
    "a#b", "x ", "a:b", "v1.2/x_y", "e", "a - b", "a -", "N", "y",
]
_SIMPLE_LINES = st.one_of(
    st.tuples(st.sampled_from(_SIMPLE_KEYS), st.sampled_from(["", " "]), st.sampled_from(_SIMPLE_VALUES)).map(lambda t: f"{t[0]}:{t[1]} {t[2]}"),
    st.sampled_from(["", " ", "# a comment", "  indented: x", "---", "- item", "tags:", "  - one"]),
)


#: lines the simple reading takes (but for a repeated key, an impossible date, a word YAML reads otherwise)
_NEARLY_SIMPLE = st.tuples(st.sampled_from(_SIMPLE_KEYS[:6]), st.sampled_from(_SIMPLE_VALUES[:21] + _SIMPLE_VALUES[-20:])).map(lambda t: f"{t[0]}: {t[1]}")


@settings(max_examples=1500, deadline=None)
@given(st.one_of(st.lists(_SIMPLE_LINES, min_size=1, max_size=10), st.lists(st.one_of(_NEARLY_SIMPLE, st.just("")), min_size=1, max_size=6)).map("\n".join))
def test_simple_front_matter_is_read_as_yaml_reads_it(raw: str) -> None:
    """Where the simple reading answers, it gives YAML's data (types too), field positions and no error."""
    block = fm.FrontMatterBlock("yaml", raw, 1, 2, raw.count("\n") + 3)
    simple = fm._parse_simple(block)
    if simple is None:
        return
    full = fm._parse_yaml(block)
    assert full.error is None
    assert simple.data == full.data and [type(v) for v in simple.data.values()] == [type(v) for v in full.data.values()]
    assert [[type(i) for i in v] for v in simple.data.values() if isinstance(v, list)] == [[type(i) for i in v] for v in full.data.values() if isinstance(v, list)]
    assert simple.fields == full.fields and list(simple.fields) == list(full.fields)


def test_the_usual_front_matter_takes_the_simple_reading() -> None:
    raw = 'title: "Six ways"\ndate: 2024-01-31\ndescription: \'Why: and how\'\ntags: [gear, a-b]\n\naliases: []'
    simple = fm._parse_simple(fm.FrontMatterBlock("yaml", raw, 1, 2, 8))
    assert simple is not None and simple.data == fm._parse_yaml(fm.FrontMatterBlock("yaml", raw, 1, 2, 8)).data
    assert fm._parse_simple(fm.FrontMatterBlock("yaml", "title: Six ways", 1, 2, 4)).data == {"title": "Six ways"}  # type: ignore[union-attr]
    for other in ("draft: false", "n: 12", "date: 2024-02-30", "tags: [yes]", "t: \"é\"", "t: 'a'\nt: 'b'", "# c\nt: 'a'", "", "t: 'a' # c"):
        assert fm._parse_simple(fm.FrontMatterBlock("yaml", other, 1, 2, 5)) is None, other
