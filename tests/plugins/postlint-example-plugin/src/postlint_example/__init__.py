"""An example postlint plugin: one rule, written only against the public API."""

from __future__ import annotations

from typing import Iterable

from postlint import Context, Edit, Finding, Fix, Option, Post, Rule, Severity

PLACEHOLDERS = ("#", "todo", "tbd", "xxx")


class PlaceholderLeft(Rule):
    """A link to nowhere or a front-matter value still saying TODO.

    **Why it matters:** `[our pricing](#)` and `author: TODO` are notes to self that
    should not be published: the link goes nowhere and the page shows "TODO".

    **Bad:** `See [our pricing](#).` — **Good:** `See [our pricing](/pricing/).`
    """

    code = "EXA001"
    name = "placeholder-left"
    summary = "A placeholder link target or front-matter value"
    severity = Severity.WARNING
    fixable = True
    options = {"fields": Option(list, ["author", "description"], "The front-matter fields to check.", item=str)}

    def check(self, post: Post, ctx: Context) -> Iterable[Finding]:
        for key in self.opts["fields"]:
            value = post.meta.get(key)
            span = post.front_matter.value_span(key)
            if isinstance(value, str) and value.strip().lower() in PLACEHOLDERS and span is not None:
                yield self.report_at(post, span, f"`{key}` is a placeholder: {value.strip()}")
        for link in post.links:
            if link.url.strip().lower() not in PLACEHOLDERS:
                continue
            url = post.url_span(link)
            # the fix turns the link into its text; unsafe: the writer may want a real target
            fix = Fix((Edit.at(post.span_of(link), link.text),), "unsafe", "keep the text, drop the link")
            yield self.report_at(post, url or post.span_of(link), f"link `{link.text}` goes nowhere ({link.url})", fix=fix)


RULES = [PlaceholderLeft]
