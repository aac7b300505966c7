"""A post's links as columns (`parse.linklist`): read back, each link is the one the walk found,
and a link roundup's links cost a few numbers each, not a `Link` and two strings (issue #19)."""

from __future__ import annotations

import gc
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from postlint.engine import twostep
from postlint.parse.document import Link, Post, UnreadableFile
from postlint.parse.linklist import PackedLinks, ParsedLinks

FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = Path("/work/shared/corpus")

#: links of every kind, and inline links whose text or URL does not read as typed
MARKUP = """---
title: Links
---

Plain [tea](/tea/) and [green tea](/tea/green/ "a title") and [ref][r] and [r].
Angle [brackets](</a b/>) and [spaced]( /spaced/ ) and [entity](/a?x=1&amp;y=2) and [escaped \\[x\\]](/e/).
An [*emphasis* link](/em/) and [`code`](/code/) and ![an image](/i.png) in [![alt](/i.png)](/wrapped/).
A [link over
two lines](/two/) and [text](/url/
"title on the next line") and <https://example.com/auto> and https://example.com/bare.
An <a href="/html/">HTML link</a> and [é accented](/é/) and [empty]() and [](/no-text/).
Tabs	[after a tab](/tab/) and [%20](/%20/) and [spaces  inside](/s/) and [a](b) [c](d)[e](f).

- [in a list](/list/)
> [in a quote](/quote/)

| a | b |
|---|---|
| [in a cell](/cell/) | x |

[r]: /reference/ "ref title"
"""


def _whole(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every link added kept as its `Link` (the walk's own objects: what the columns must read back as)."""
    add = ParsedLinks.add

    def whole(self: ParsedLinks, *fields: object) -> None:
        add(self, *fields[:-1], None)  # type: ignore[arg-type]

    monkeypatch.setattr(ParsedLinks, "add", whole)


def _links(text: str, path: str = "post.md") -> list[Link]:
    return list(Post.from_text(text, path).index.links)


def _same(columns: list[Link], whole: list[Link]) -> None:
    assert columns == whole
    for read, found in zip(columns, whole):  # the fields' types too: `==` takes 1 for True
        assert [type(getattr(read, name)) for name in Link.__dataclass_fields__] == [type(getattr(found, name)) for name in Link.__dataclass_fields__]
        assert (read.raw_target is read.url) == (found.raw_target is found.url)
        assert (read.end_line is read.line) == (found.end_line is found.line)


def test_links_read_back_as_the_walk_found_them(monkeypatch: pytest.MonkeyPatch) -> None:
    """Inline, reference, angle-bracket, spaced, escaped, multi-line, titled, auto, bare, HTML and
    templated links: the columns read back equal to the walk's `Link`s, in its order."""
    texts = [MARKUP, MARKUP.replace("\n", "\r\n"), "Hugo [ref]({{< ref \"a.md\" >}}) and [p](/{{ .Site.X }}/) and [k](/k/).\n"]
    columns = [_links(text) for text in texts]
    kept = [len(Post.from_text(text).index.links._whole) for text in texts]
    _whole(monkeypatch)
    whole = [_links(text) for text in texts]
    for read, found in zip(columns, whole):
        _same(read, found)
    assert [len(found) for found in whole] == [27, 27, 3]
    assert kept == [12, 12, 0]  # the others as numbers: `[tea](/tea/)` and its like


def _links_of(path: Path) -> list[Link] | None:
    try:
        return list(Post.from_path(path).index.links)
    except UnreadableFile:
        return None


def test_the_fixtures_links_read_back_as_the_walk_found_them(monkeypatch: pytest.MonkeyPatch) -> None:
    paths = sorted(FIXTURES.rglob("*.md"))
    assert len(paths) > 100
    columns = {path: _links_of(path) for path in paths}
    _whole(monkeypatch)
    for path in paths:
        found = _links_of(path)
        if found is None:
            assert columns[path] is None
        else:
            _same(columns[path] or [], found)
    assert sum(len(links or []) for links in columns.values()) > 100


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus (/work/shared/corpus) is not on this machine")
def test_a_tenth_of_the_corpus_links_read_back_as_the_walk_found_them(monkeypatch: pytest.MonkeyPatch) -> None:
    paths = sorted(CORPUS.rglob("*.md"))[::10]
    columns = {path: _links_of(path) for path in paths}
    _whole(monkeypatch)
    for path in paths:
        found = _links_of(path)
        _same(columns[path] or [], found or [])
    assert sum(len(links or []) for links in columns.values()) > 1000


_PIECES = st.sampled_from(["[", "]", "(", ")", "<", ">", "a", "é", " ", "\n", "\t", "/x/", "\\", "&amp;", '"t"', "`", "*", "!", "#", "{{ x }}"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=30))
def test_random_markup_reads_back_as_the_walk_found_it(pieces: list[str]) -> None:
    text = "Intro [a](/a/) " + "".join(pieces) + " [b](/b/ 'c') [d](/d/)\n"
    columns = _links(text)
    with pytest.MonkeyPatch.context() as monkeypatch:
        _whole(monkeypatch)
        _same(columns, _links(text))


def test_a_post_of_few_links_reads_a_list_made_once_and_a_roundup_its_columns() -> None:
    few = Post.from_text("[a](/a/) and [b](/b/).\n")
    assert isinstance(few.links, list) and few.links is few.links
    assert [link.url for link in few.links] == ["/a/", "/b/"]
    last = ParsedLinks.KEEP_MADE
    text = "".join(f"[tea {n}](/tea/{n}/) " for n in range(last + 1)) + "\n"
    links = Post.from_text(text).links
    assert isinstance(links, ParsedLinks) and len(links) == last + 1
    column = text.index(f"[tea {last}]") + 1
    assert links[-1] == Link(f"/tea/{last}/", f"tea {last}", 1, column, 1, column + len(f"[tea {last}](/tea/{last}/)"), raw_target=f"/tea/{last}/")
    assert links[1:3] == list(links)[1:3] == [links[1], links[2]]
    assert links[0] is not links[0]  # made as it is read, not kept
    with pytest.raises(IndexError):
        links[len(links)]


def _roundup(rows: int) -> Post:
    lines = [", ".join(f"[tea {n}-{i}](/tea/{n}/{i}/)" for i in range(8)) + ".\n\n" for n in range(rows)]
    return Post.from_text("---\ntitle: A roundup\n---\n\n" + "".join(lines))


def test_a_roundups_index_keeps_a_few_numbers_a_link() -> None:
    """The index of a roundup of 12,000 links keeps 88 bytes a link, its prose blocks included
    (324 when each link was a `Link` with its URL and text strings)."""
    Post.from_text("[warm](/up/) the parser").index
    post = _roundup(1_500)
    post.parse_lines  # the text's own views, before the index
    gc.collect()
    tracemalloc.start()
    try:
        index = post.index
        gc.collect()
        kept, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(index.links) == 12_000 and not index.links._whole
    assert kept < 150 * len(index.links), f"{kept / len(index.links):.0f} bytes a link"


def test_a_late_record_unpacks_its_links_as_columns() -> None:
    """The record for later of a roundup, unpacked, holds its links' URLs and texts and four
    numbers each (169 bytes a link), not a `Link` each (282); read back, they are the post's."""
    post = _roundup(1_500)
    late = twostep.LatePost(post.path, post.display_path, len(post.lines), post.links, True)
    packed = twostep.Early([], ("LNK006",), late).packed().post
    assert isinstance(packed, str)
    gc.collect()
    tracemalloc.start()
    try:
        unpacked = twostep._unpacked_late(packed, post.path, post.display_path)
        gc.collect()
        kept, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(unpacked.links, PackedLinks)
    assert kept < 210 * len(post.links), f"{kept / len(post.links):.0f} bytes a link"
    assert unpacked == late and list(unpacked.links) == list(post.links)


def test_the_link_rules_put_links_in_order_reading_each_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """`_in_order` keeps links already in file order as they are (no copy), sorts others stably,
    and reads a roundup's links once (each read makes a `Link`)."""
    from postlint.parse import linklist
    from postlint.rules.links import _in_order

    a, b, c = Link("/a/", "a", 2, 1, 2, 9), Link("/b/", "b", 1, 5, 1, 9), Link("/c/", "c", 1, 5, 1, 12)
    in_order = [b, c, a]
    assert _in_order(in_order) is in_order
    assert _in_order([a, b, c]) == [b, c, a]  # stable: b before c at the same place
    links = _roundup(200).links
    made: list[int] = []
    plain = linklist._plain_link
    monkeypatch.setattr(linklist, "_plain_link", lambda *fields: made.append(1) or plain(*fields))
    assert _in_order(links) is links and len(made) == len(links) == 1_600
