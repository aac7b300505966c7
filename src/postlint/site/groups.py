"""Groups of posts that share a value: the duplicates the cross-post rules report.

A cross-post rule (SEO004 duplicate titles, SEO005 descriptions, SEO006 URL paths,
SEO009 focus keyphrases, or a plugin's: `GroupRule`) files each indexed post under
one or more keys (a folded title, a URL path…); a key that two or more posts share
is a `PostGroup`. The rule reports each member of the run with a bounded list of
the others; `postlint check --show-groups`, the HTML report and the CI formats list
each whole group once (`output/groups.py`). Building the groups is linear in the
posts and their keys: a group of 5,000 posts is one list of 5,000 members.

Public plugin API (`from postlint import GroupRule, PostGroup, GroupMember,
group_posts, others_of, others_text`): docs/writing-rules.md, "Cross-post rules and
their groups".

Layer: site.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable, Protocol, runtime_checkable

if TYPE_CHECKING:  # pragma: no cover
    from .index import PostSummary, Site


@dataclass(frozen=True)
class GroupMember:
    """A post of a group, and the line of its file that holds the shared value."""

    summary: "PostSummary"
    line: int


@dataclass(frozen=True)
class PostGroup:
    """Two or more indexed posts sharing `key` (the value as compared: folded), members
    in path order."""

    key: str
    members: tuple[GroupMember, ...]


def group_posts(summaries: Iterable["PostSummary"], keys: Callable[["PostSummary"], Iterable[tuple[str, int]]]) -> list[PostGroup]:
    """The groups of two or more posts that `keys` files under one key, in order of their
    keys' first appearance; a post is a member of a group once, however often it has the key."""
    # a key's first post is held as it is, a list made on the second (most keys of a site are one
    # post's: no member made for them)
    found: dict[str, "tuple[PostSummary, int] | list[tuple[PostSummary, int]]"] = {}
    for summary in summaries:
        for key, line in keys(summary):
            held = found.get(key)
            if held is None:
                found[key] = (summary, line)
            # a post's keys are filed together: if it is already a member, it is the last one
            elif isinstance(held, tuple):
                if held[0] is not summary:
                    found[key] = [held, (summary, line)]
            elif held[-1][0] is not summary:
                held.append((summary, line))
    return [
        PostGroup(key, tuple(sorted((GroupMember(*member) for member in held), key=lambda m: (m.summary.display_path, m.summary.path))))
        for key, held in found.items()
        if isinstance(held, list)
    ]


#: how many other posts a cross-post finding names; the rest are counted ("and 12 more"), so a
#: group of thousands (a template's default description) gives findings of bounded size
NAMED_OTHERS = 3


def others_of(group: PostGroup, index: int, named: int = NAMED_OTHERS) -> tuple[list[str], int]:
    """The display paths of up to `named` members other than the one at `index` (in path order),
    and how many other members there are: constant work per member, whatever the group's size."""
    shown = [m.summary.display_path for i, m in enumerate(group.members[: named + 1]) if i != index][:named]
    return shown, len(group.members) - 1


def others_text(shown: list[str], total: int) -> str:
    """The other posts of a group as a finding names them: `shown` (`others_of`) named, the rest
    of `total` counted: "a.md, b.md, c.md and 12 more", "a.md and b.md"."""
    rest = total - len(shown)
    if rest:
        return ", ".join(shown) + f" and {rest} more"
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


@runtime_checkable
class GroupRule(Protocol):
    """The group hook: a cross-post rule (`scope = "site"`) whose findings are groups of posts
    sharing a value. With it, the groups listings (`check --show-groups`, the HTML report,
    `github-summary`, SARIF, JUnit) show each of the rule's groups once, whole.

    `post_groups` gives every group of the site index (whether or not a member is in the
    run: the listing keeps only groups of which the run reported a member); `value` the
    shared value as a member writes it (`key` is the value as compared: folded); `shared`
    names what the members share ("title"); `quoted` quotes a value as the rule's messages do.
    """

    code: str
    name: str
    shared: str

    def post_groups(self, site: "Site") -> list[PostGroup]: ...

    def value(self, summary: "PostSummary", key: str) -> str: ...

    def quoted(self, value: str) -> str: ...


def group_rules(rules: Iterable[object]) -> list[GroupRule]:
    """The rules of `rules` that have the group hook (`GroupRule`)."""
    return [rule for rule in rules if isinstance(rule, GroupRule)]
