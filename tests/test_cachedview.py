"""`cached_view`: computed at the first read, then a plain attribute."""

from __future__ import annotations

from postlint.model.cachedview import cached_view
from postlint.parse.document import Post


class _Counter:
    def __init__(self) -> None:
        self.calls = 0

    @cached_view
    def value(self) -> int:
        """The number of calls so far."""
        self.calls += 1
        return self.calls


def test_a_view_is_computed_once_per_instance() -> None:
    first, second = _Counter(), _Counter()
    assert (first.value, first.value, first.calls) == (1, 1, 1)
    assert first.__dict__["value"] == 1  # kept where `cached_property` keeps it: later reads skip the descriptor
    assert (second.value, second.calls) == (1, 1)


def test_the_class_attribute_is_the_view_with_its_documentation() -> None:
    assert isinstance(_Counter.value, cached_view)
    assert _Counter.value.__doc__ == "The number of calls so far."
    assert isinstance(Post.index, cached_view) and Post.text_stats.__doc__


def test_a_post_view_is_computed_once() -> None:
    post = Post.from_text("---\ntitle: t\n---\n\nOne two three. Four five six.\n")
    assert post.index is post.index and post.text_stats is post.text_stats
    assert post.word_count == 6
