"""FM: front matter — present, parseable, complete, well-typed and well-formed."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from ..model.conventions import NONE, as_date, name_date
from ..model.findings import Edit, Finding, Fix, Severity
from ..model.options import Option
from ..model.rule import Rule
from ..parse.frontmatter import FieldInfo, dump_value, is_blank

if TYPE_CHECKING:  # pragma: no cover
    from ..model.context import Context
    from ..parse.document import Post

#: Fields postlint knows; with `fields: {strict: true}` anything else is FM008.
KNOWN_FIELDS = frozenset(
    """title date lastmod description image tags categories slug draft keyphrase url permalink
    aliases postlint author authors layout summary weight type series publishDate expiryDate
    images keywords canonical toc cover""".split()
)
STRING_FIELDS = ("title", "description", "image", "slug")
LIST_FIELDS = ("tags", "categories")
DATE_FIELDS = ("date", "lastmod")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class _FrontMatterRule(Rule):
    """Base for rules that need a parsed front matter; they stay silent when FM001/FM002 fire."""

    def check(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        if not post.front_matter.valid:
            return ()
        return self.check_fields(post, ctx)

    def check_fields(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        return ()

    def at_value(self, post: "Post", key: str, message: str, fix: Fix | None = None) -> Finding:
        span = post.front_matter.value_span(key)
        if span is None:
            return self.report(post, post.meta_line(key), 1, message, fix=fix)
        if not span.single_line:  # a block value: point at the key
            span = post.front_matter.key_span(key) or span
        return self.report_at(post, span, message, fix=fix)


class FrontMatterMissing(Rule):
    """The post has no front matter block.

    **Why it matters:** static site generators read the title, date and
    description of a post from its front matter; without it the post publishes
    with no title, no date and no meta description.

    **Bad:**

        # My post
        Text…

    **Good:**

        ---
        title: "Six ways to speed up your build"
        date: 2024-05-02
        ---
        Text…

    YAML (`---`), TOML (`+++`) and JSON (`{ … }`) front matter are accepted.
    """

    code = "FM001"
    name = "front-matter-missing"
    summary = "The post has no front matter block"
    severity = Severity.ERROR
    tags = ("front-matter",)

    def check(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        if not post.front_matter.present:
            yield self.report(post, 1, 1, "post has no front matter (expected a `---` YAML, `+++` TOML or `{` JSON block at the top)")


class FrontMatterInvalid(Rule):
    """The front matter block does not parse, or is not a mapping of fields.

    **Why it matters:** the site generator fails on the post, or silently
    drops every field. The finding points at the line and column where the
    parser gave up, counted in the file. YAML is loaded safely: tags such as
    `!!python/object` are refused, and alias bombs are rejected before they
    expand.

    **Bad:** `title: "Unclosed quote` — **Good:** `title: "Closed quote"`
    """

    code = "FM002"
    name = "front-matter-invalid"
    summary = "The front matter does not parse, or is not a mapping"
    severity = Severity.ERROR
    tags = ("front-matter",)

    def check(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        error = post.front_matter.error
        if error is not None:
            yield self.report(post, error.line, error.column, error.message)


class RequiredFieldMissing(_FrontMatterRule):
    """A required front-matter field is absent, null or blank.

    **Why it matters:** a post without a title or a date publishes with an
    empty `<title>` or sorts wrongly in feeds and archives.

    **Bad:** front matter with `title:` and no `date`.
    **Good:** both `title: "…"` and `date: 2024-05-02` set.

    A field the generator takes from elsewhere counts as present: the date
    from its date aliases (`pubDate`, `date.created`, `publishDate`…) or a
    `YYYY-MM-DD-` file or folder name (Jekyll, Docusaurus, Eleventy), the title
    from the first H1 (MkDocs, Docusaurus) or the file name (Docusaurus's blog:
    `2024-05-02-first-steps.md` is titled `first-steps`, which SEO004
    compares), the image from `heroImage`,
    `images`, `cover` (see docs/generators.md).
    """

    code = "FM003"
    name = "required-field-missing"
    summary = "A required front-matter field is absent, null or blank"
    severity = Severity.ERROR
    tags = ("front-matter",)
    options = {"required": Option(list, ["title", "date"], "The fields every post must have.", item=str)}

    def check_fields(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        for key in self.opts["required"]:
            if key not in post.meta and resolved_elsewhere(post, key):
                continue
            if key not in post.meta:
                also = [k for k in post.conventions.date_keys if k != "date"] if key == "date" else []
                hint = f" (the generator also reads {', '.join(f'`{k}`' for k in also)})" if also else ""
                yield self.report(post, post.front_matter.line_of(key), 1, f"required field `{key}` is missing{hint}")
            elif is_blank(post.meta[key]):
                yield self.at_value(post, key, f"required field `{key}` is empty")


class FieldType(_FrontMatterRule):
    """A known front-matter field has the wrong type.

    `title`, `description`, `image` and `slug` must be strings; `tags` and
    `categories` lists of strings; `date` and `lastmod` dates or ISO-8601
    date-times (also as Jekyll and Hugo read a written date: `July 8, 2022`,
    Unix's `Fri Sep  3 11:21:31 CEST 2021`, `Fri, 03 Sep 2021 11:21:31 GMT`);
    `draft` a boolean. Fields declared under `fields: {types: …}`
    in config are checked too (types: string, list, date, boolean, integer,
    number, mapping).

    The generator's reading wins: Hugo and Jekyll take a number as its text
    in a title or a list (`title: 500`, `tags: [2011, stats]`; a numeric
    `slug` or `description` is still reported: a translator's placeholder); Jekyll and Eleventy take `tags: a b` (Jekyll
    `categories: a b` too) as a list, and `categories` is not checked where the
    generator has no such field (Docusaurus, Eleventy, Astro) unless the
    config's `fields.types` declares it.

    **Why it matters:** themes break on `tags: seo` (a string, not a list) or
    on `draft: "no"` (a non-empty string, which is true).

    **Bad:** `tags: marketing` — **Good:** `tags: [marketing]`
    """

    code = "FM004"
    name = "field-type"
    summary = "A known front-matter field has the wrong type"
    severity = Severity.ERROR
    tags = ("front-matter",)

    #: (the config's `fields.types`, the types expected with them), made once a run
    _expected: tuple[Any, dict[str, str]] | None = None

    def expected(self, ctx: "Context") -> dict[str, str]:
        """Field -> the type it must have: the known fields', then the config's."""
        types = ctx.config.field_types
        if self._expected is None or self._expected[0] is not types:
            expected: dict[str, str] = {key: "string" for key in STRING_FIELDS}
            expected.update({key: "list of strings" for key in LIST_FIELDS})
            expected.update({key: "date" for key in DATE_FIELDS})
            expected["draft"] = "boolean"
            expected.update(types)
            self._expected = (types, expected)
        return self._expected[1]

    def check_fields(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        meta = post.meta
        untyped = post.conventions.untyped_fields
        for key, kind in self.expected(ctx).items():
            value = meta.get(key)
            if value is None or (key in untyped and key not in ctx.config.field_types):
                continue
            if key == "date" and isinstance(value, dict) and "date.created" in post.conventions.date_keys:
                value = value.get("created")  # MkDocs blog: `date: {created: …, updated: …}`
                if value is None:
                    continue
            if key in ("tags", "categories") and isinstance(value, str) and post.conventions.tags_string:
                continue
            cast = post.conventions.numbers_as_strings and (key == "title" or kind == "list of strings")  # `title: 500`, `tags: [2011]`
            if not _has_type(value, kind) and not (cast and _has_type(_as_text(value), kind)):
                yield self.at_value(post, key, f"`{key}` must be {_article(kind)}, got {_type_name(value)} `{dump_value(value)}`")


def resolved_elsewhere(post: "Post", key: str) -> bool:
    """Whether the generator finds `key`'s value without that front-matter key (an alias, the file name, the first H1)."""
    if key == "date":
        resolved = post.date
        undated = post.conventions.always_dated or any(part in post.conventions.undated_folders for part in post.path.parts[:-1])
        return resolved.key is not None or resolved.value is not None or undated
    if key == "title":
        return post.title is not None
    if key == "image":
        return post.hero is not None
    return False


def _as_text(value: Any) -> Any:
    """A number (or a list's numbers) as the text a generator that casts it makes of it."""
    def text(item: Any) -> Any:
        return str(item) if isinstance(item, (int, float)) and not isinstance(item, bool) else item

    return [text(item) for item in value] if isinstance(value, list) else text(value)


def _has_type(value: Any, kind: str) -> bool:
    if kind == "string":
        return isinstance(value, str)
    if kind == "list of strings":
        return isinstance(value, list) and all(isinstance(item, str) for item in value)
    if kind == "list":
        return isinstance(value, list)
    if kind == "date":
        return isinstance(value, (dt.date, dt.datetime)) or (isinstance(value, str) and as_date(value) is not None)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "mapping":
        return isinstance(value, dict)
    return True


def _article(kind: str) -> str:
    if kind == "date":
        return "a date (YYYY-MM-DD) or ISO-8601 date-time"
    return ("an " if kind[0] in "aeiou" else "a ") + kind


def _type_name(value: Any) -> str:
    names = {str: "string", bool: "boolean", int: "integer", float: "number", list: "list", dict: "mapping", type(None): "null"}
    if isinstance(value, list) and not all(isinstance(v, str) for v in value):
        return "list with non-string items"
    return names.get(type(value), type(value).__name__)


class _LengthRule(_FrontMatterRule):
    field_name = ""
    advice = ""
    options = {"min": 0, "max": 0}

    def short_allowed(self, value: str) -> bool:
        """Whether a value under `min` is fine as it is."""
        return False

    def check_fields(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        value = post.meta.get(self.field_name)
        if not isinstance(value, str) or not value.strip():
            return
        length = len(value.strip())
        low, high = self.opts["min"], self.opts["max"]
        if length < low and self.short_allowed(value):
            return
        if length < low:
            yield self.at_value(post, self.field_name, f"{self.field_name} is {length} characters, shorter than {low}; {self.advice}")
        elif length > high:
            yield self.at_value(post, self.field_name, f"{self.field_name} is {length} characters, longer than {high}; {self.advice}")


class TitleLength(_LengthRule):
    """The `title` is shorter than 20 or longer than 60 characters.

    **Why it matters:** search engines cut titles at about 60 characters (600
    pixels); very short titles waste the most visible line of a result.

    **Bad:** `title: "Leads"` — **Good:** `title: "How to qualify inbound leads in a week"`

    With `skip-versions` (the `blog` and `docs` profiles set it) a title that
    names a version number ("Ruby 3.3.7 Released", "v2.1 is out") or ends
    with a product's major release ("Bootstrap 5", "Bootstrap 3 RC1") is not
    reported as too short: padding a release title helps no reader.
    """

    code = "FM005"
    name = "title-length"
    summary = "The title is shorter than 20 or longer than 60 characters"
    severity = Severity.WARNING
    tags = ("front-matter", "seo")
    options = {
        "min": Option(int, 20, "Fewest characters.", min=0),
        "max": Option(int, 60, "Most characters.", min=1),
        "skip-versions": Option(bool, False, "A title naming a version number or a major release is not reported as too short."),
    }
    field_name = "title"
    advice = "search results show about 20-60 characters"

    def short_allowed(self, value: str) -> bool:
        return bool(self.opts["skip-versions"] and (_VERSION.search(value) or _MAJOR_RELEASE.search(value)))


#: a version number in a title: `3.3.7`, `v2.1`, `0.61`, `4.0.0-beta1`
_VERSION = re.compile(r"(?<![\w.])v?\d+(?:\.\d+)+(?!\d)", re.IGNORECASE)
#: a title ending with a name's major release: `Bootstrap 5`, `Bootstrap 3 RC1`, `Hugo 2 beta released`
_MAJOR_RELEASE = re.compile(r"\b[A-Z][\w+-]*\s+v?\d+(?:\s*(?:rc|beta|alpha|preview)\s*\d*)?(?:\s+(?:released|is out|is here))?\s*$", re.IGNORECASE)


class DescriptionLength(_LengthRule):
    """The `description` is shorter than 70 or longer than 160 characters.

    **Why it matters:** the description becomes the snippet under the result;
    search engines cut it at about 160 characters and replace very short ones
    with text of their own choosing.
    """

    code = "FM006"
    name = "description-length"
    summary = "The description is shorter than 70 or longer than 160 characters"
    severity = Severity.WARNING
    tags = ("front-matter", "seo")
    options = {"min": Option(int, 70, "Fewest characters.", min=0), "max": Option(int, 160, "Most characters.", min=1)}
    field_name = "description"
    advice = "search snippets show about 70-160 characters"


class DateInFuture(_FrontMatterRule):
    """The `date` is in the future while the post is not a draft, or disagrees with the file name.

    **Why it matters:** most generators silently skip future-dated posts, so a
    typo in the year hides the post; a Jekyll file name `2024-05-02-x.md`
    whose date says otherwise publishes at a URL nobody expects.

    **Bad:** `date: 2042-01-01` without `draft: true`.

    On a site whose generator takes no date from file names (Hugo without
    `:filename` in `[frontmatter]`, Astro, MkDocs) a `YYYY-MM-DD-` file name
    prefix is only a name, and is not compared with `date`.
    """

    code = "FM007"
    name = "date-in-future"
    summary = "The date is in the future for a non-draft post, or disagrees with the file name"
    severity = Severity.WARNING
    tags = ("front-matter",)
    options = {"check-filename": Option(bool, True, "Compare a `YYYY-MM-DD-` file name prefix with `date`.")}

    def check_fields(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        resolved = post.date
        date = resolved.value
        if date is None:
            return
        key = resolved.key.split(".", 1)[0] if resolved.key else None
        if post.meta.get("draft") is not True and ctx.is_future(date):
            where = "date" if key else "file name date"
            finding = f"{where} {date.isoformat()} is in the future and the post is not `draft: true`"
            yield self.at_value(post, key, finding) if key else self.report(post, 1, 1, finding)
        named = name_date(post.path.name)
        reads_name = post.conventions is NONE or post.conventions.filename_date
        if self.opts["check-filename"] and reads_name and key and named is not None and named != date:
            yield self.at_value(post, key, f"file name date {named.isoformat()} disagrees with front-matter date {date.isoformat()}")


class UnknownField(_FrontMatterRule):
    """A front-matter key that is not in the configured schema.

    Off unless the config sets `fields: {strict: true}`; then every key must be
    a field postlint knows (title, date, lastmod, description, image, tags,
    categories, slug, draft, keyphrase, url, permalink, aliases, author, …) or
    one declared under `fields: {types: …}`.

    **Why it matters:** a misspelt key (`descripton:`) is silently ignored by
    the site generator.
    """

    code = "FM008"
    name = "unknown-field"
    summary = "A front-matter key is not in the configured schema (only with `fields: {strict: true}`)"
    severity = Severity.INFO
    tags = ("front-matter",)

    def check_fields(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        if not ctx.config.fields_strict:
            return
        known = KNOWN_FIELDS | set(ctx.config.field_types)
        for key, info in post.front_matter.fields.items():
            if key not in known:
                yield self.report(post, info.key_span.line, info.key_span.column, f"unknown front-matter field `{key}`", end_column=info.key_span.end_column)


class TagsInvalid(_FrontMatterRule):
    """The `tags` list is empty, has duplicates (ignoring case), or uses tags outside `allowed-tags`.

    **Why it matters:** duplicate tags create duplicate archive pages; an
    empty list or an unlisted tag scatters posts over one-post archives that
    search engines treat as thin content.

    **Bad:** `tags: [SEO, seo]` — **Good:** `tags: [seo]`

    **Fix (safe):** removes the duplicate items.
    """

    code = "FM009"
    name = "tags-invalid"
    summary = "Tags are empty, duplicated, or outside the allowed list"
    severity = Severity.WARNING
    tags = ("front-matter", "seo")
    options = {"allowed-tags": Option(list, [], "When not empty, the only tags allowed (case-insensitive).", item=str)}
    fixable = True

    def check_fields(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        tags = post.tag_list
        if tags is None:
            return
        info = post.front_matter.fields.get("tags")
        if not isinstance(post.meta.get("tags"), list):
            info = None  # a space-separated string (Jekyll, Eleventy): findings on its line, no fix
        if not tags:
            yield self.at_value(post, "tags", "tags is an empty list")
            return
        allowed = {t.lower() for t in self.opts["allowed-tags"]}
        seen: dict[str, int] = {}
        for index, tag in enumerate(tags):
            if not isinstance(tag, str):
                continue
            key = tag.strip().lower()
            span = info.items[index] if info and index < len(info.items) else None
            line, column = (span.line, span.column) if span else (post.meta_line("tags"), 1)
            if key in seen:
                first = tags[seen[key]]
                yield self.report(
                    post, line, column, f"tag {tag!r} duplicates {first!r}",
                    end_column=span.end_column if span and span.end_line == line else 0,
                    fix=_remove_item(post, info, index) if info else None,
                )
                continue
            seen[key] = index
            if allowed and key not in allowed:
                yield self.report(post, line, column, f"tag {tag!r} is not in `allowed-tags`")


def _remove_item(post: "Post", info: FieldInfo, index: int) -> Fix | None:
    """Delete item `index` of a YAML sequence: its whole line in block style, `, item` in flow style."""
    if index >= len(info.items) or index == 0:
        return None
    item, previous = info.items[index], info.items[index - 1]
    opening = post.line_text(info.value_span.line)[info.value_span.column - 1 : info.value_span.column]
    if opening == "[":
        edit = Edit(previous.end_line, previous.end_column, item.end_line, item.end_column, "")
    else:
        line_text = post.line_text(item.line)
        if line_text[: item.column - 1].strip() != "-" or item.end_line != item.line:
            return None
        edit = Edit(item.line, 1, item.line + 1, 1, "")
    return Fix((edit,), "safe", "remove the duplicate tag")


class SlugInvalid(_FrontMatterRule):
    """The slug is not lowercase words joined by hyphens, or is longer than 75 characters.

    The slug is the `slug` field; without one, the file name (the folder name
    for `index.md`/`_index.md`) without a `YYYY-MM-DD-` date prefix.

    **Why it matters:** the slug becomes the URL; capitals, underscores and
    spaces produce URLs that are hard to share and easy to duplicate.

    **Bad:** `slug: My_First Post` — **Good:** `slug: my-first-post`

    Where the generator lower-cases URL paths (Hugo, unless `disablePathToLower`;
    Astro) capitals are accepted: they never reach the URL. Where it makes a
    post's slug from the title (the MkDocs blog), the file name is not judged.

    With `allow-versions` (the `blog` and `docs` profiles set it) a version
    number's dots (`mkdocs-2.0`, `0.61-release`) are accepted as if they were hyphens.
    """

    code = "FM010"
    name = "slug-invalid"
    summary = "The slug is not lowercase-hyphenated, or is longer than 75 characters"
    severity = Severity.WARNING
    tags = ("front-matter", "seo")
    options = {
        "max": Option(int, 75, "Most characters.", min=1),
        "allow-versions": Option(bool, False, "Accept a version number's dots as if they were hyphens."),
    }

    def check_fields(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        slug = post.meta.get("slug")
        if slug is not None:
            if not isinstance(slug, str):
                return
            yield from self._judge(post, slug, "slug")
            return
        if post.is_post and post.conventions.slug_from_title:
            return  # the MkDocs blog makes the slug from the title: the file name is no part of the URL
        yield from self._judge(post, post.file_slug, None)

    def _judge(self, post: "Post", slug: str, key: str | None) -> Iterable[Finding]:
        where = "slug" if key else "slug from the file name"
        problem = None
        shape = slug
        if self.opts["allow-versions"] and "." in slug:  # a version has a dot: no regex call for a slug without
            shape = _VERSION.sub(lambda m: m.group(0).replace(".", "-"), slug)
        if post.conventions.urls_lowercased:
            shape = shape.lower()  # the generator lower-cases the URL: capitals never reach it
        if not SLUG_RE.match(shape):
            problem = f"{where} {slug!r} is not lowercase words joined by hyphens"
        elif len(slug) > self.opts["max"]:
            problem = f"{where} is {len(slug)} characters, longer than {self.opts['max']}"
        if problem:
            yield self.at_value(post, key, problem) if key else self.report(post, 1, 1, problem)


class RecommendedFieldMissing(_FrontMatterRule):
    """A recommended front-matter field is absent or blank.

    **Why it matters:** without a `description` search engines pick a snippet
    themselves; without an `image` social cards are blank; without `tags` the
    post is missing from topic archives.

    **Fix (unsafe):** for a missing or empty `description`, writes one from the
    first paragraph of the body: whitespace collapsed, cut at a word boundary
    to at most 160 characters (ending with `…` when cut), double-quoted and
    escaped. A missing key is inserted as the last line of a YAML block (or
    before the first table of a TOML block); an empty one is replaced on its
    line. Unsafe because the first paragraph is rarely the best summary:
    review the text it writes.

    With `infer-from-site` (the `blog` and `docs` profiles set it) a field
    that fewer than half of the posts of the post's collection (the posts of
    its folder; a bundle's `index.md` counts with its folder's siblings) have
    is one the site does not use, and is not asked for. It needs at least
    `infer-min-posts` posts in the collection; a smaller folder (`posts/2024/`
    of a site filed by year) is judged with the folders above it. Lint the whole folder, or set
    `content-dirs` so a pre-commit run that names one file still sees its siblings.
    """

    code = "FM011"
    name = "recommended-field-missing"
    summary = "A recommended front-matter field is absent or blank"
    severity = Severity.WARNING
    tags = ("front-matter", "seo")
    options = {
        "recommended": Option(list, ["description", "image", "tags"], "The fields every post should have.", item=str),
        "infer-from-site": Option(bool, False, "Do not ask for a field fewer than half of the collection's posts have."),
        "infer-min-posts": Option(int, 3, "Fewest posts in a collection for `infer-from-site` to judge it.", min=1),
    }
    fixable = True

    #: with `infer-from-site`, FM011 judges each post of the run once the whole site is known
    #: (`check_site`), so a post's cached results never depend on its siblings
    scope = "site"
    cached_by_shape = True  # the summaries' fields, and the posts it reads (recorded)

    def check_fields(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        if not self.opts["infer-from-site"]:
            yield from self.missing(post, self.opts["recommended"])

    def check_site(self, ctx: "Context") -> Iterable[Finding]:
        if not self.opts["infer-from-site"]:
            return
        site = ctx.site
        by_folder: dict[str, list[str]] = {}  # the posts of a folder share a collection
        for summary in list(site.posts):
            if not summary.in_run or not summary.is_post:
                continue  # list pages and docs pages get no post rules (engine.PAGE_RULES)
            folder = os.path.dirname(summary.path)
            wanted = by_folder.get(folder)
            if wanted is None:
                wanted = by_folder[folder] = self.used_fields(summary.path, ctx)
            if all(key in summary.fields for key in wanted):
                continue  # the summary says so: no need to read the post
            from ..parse.document import Post, UnreadableFile

            site.probed.add(summary.path)  # its content is what the findings say (a cached result holds while it is)
            try:
                post = site.run_posts.get(summary.path) or site.prepare(Post.from_path(Path(summary.path), summary.display_path))
            except UnreadableFile:
                continue
            if post.front_matter.valid:
                yield from self.missing(post, wanted)

    def missing(self, post: "Post", keys: list[str]) -> Iterable[Finding]:
        """A finding for each of `keys` the post lacks or leaves blank (only the description's fix
        parses the post's Markdown: reading a post costs its front matter alone)."""
        for key in keys:
            if key not in post.meta and resolved_elsewhere(post, key):
                continue
            if key not in post.meta:
                fix = description_fix(post) if key == "description" else None
                yield self.report(post, post.front_matter.line_of(key), 1, f"recommended field `{key}` is missing", fix=fix)
            elif is_blank(post.meta[key]) and not (key == "tags" and post.meta[key] == []):
                fix = description_fix(post) if key == "description" else None
                yield self.at_value(post, key, f"recommended field `{key}` is empty", fix=fix)

    def used_fields(self, path: str, ctx: "Context") -> list[str]:
        """The recommended fields, less those most posts of the collection of the post at `path` go without."""
        wanted = list(self.opts["recommended"])
        total, counts = ctx.site.field_use(path, self.opts["infer-min-posts"])
        if total < self.opts["infer-min-posts"]:
            return wanted
        return [key for key in wanted if 2 * counts.get(key, 0) >= total]


#: as much of the first paragraph as a description written from it can use (its cut is at 160)
INTRO_KEPT = 400


def _intro(post: "Post") -> str:
    """The first paragraph of three words or more, spaces folded, at most `INTRO_KEPT` characters ("" if none)."""
    paragraph = next((b for b in post.blocks if b.kind == "paragraph" and len(b.prose.split()) >= 3), None)
    return " ".join(paragraph.text.split())[:INTRO_KEPT] if paragraph is not None else ""


#: Longest description the FM011 fix writes (FM006's default maximum).
DESCRIPTION_MAX = 160


def description_fix(post: "Post") -> Fix | None:
    """Write `description` from the first paragraph (YAML and TOML front matter)."""
    block = post.block
    if block is None or not block.closed or block.kind not in ("yaml", "toml"):
        return None
    intro = _intro(post)
    if not intro:
        return None
    value = quote_string(trim_description(intro))
    line = f"description: {value}" if block.kind == "yaml" else f"description = {value}"
    fields = post.front_matter.fields
    info = fields.get("description")
    if info is not None:  # present but blank: replace its line when key and value sit on it
        key_line = info.key_span.line
        same_line = info.value_span.end_line == key_line or post.meta.get("description") is None
        if info.key_span.column != 1 or not same_line:
            return None
        edit = Edit(key_line, 1, key_line, len(post.line_text(key_line)) + 1, line)
    else:
        if any(f.key_span.column != 1 for f in fields.values()) or (not fields and block.raw.strip()):
            return None  # a flow-style or unusual block: leave it to a human
        at = block.end_line
        if block.kind == "toml":  # keys after a `[table]` header would belong to that table
            for number in range(block.content_line, block.end_line):
                if post.line_text(number).lstrip().startswith("["):
                    at = number
                    while at > block.content_line and not post.line_text(at - 1).strip():
                        at -= 1  # keep the blank lines above the table with the table
                    break
        edit = Edit(at, 1, at, 1, line + "\n")
    return Fix((edit,), "unsafe", "write `description` from the first paragraph")


def trim_description(text: str, limit: int = DESCRIPTION_MAX) -> str:
    """Collapse whitespace; when longer than `limit`, cut at a word boundary and end with `…`."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    space = text.rfind(" ", 0, limit)
    head = text[:space] if space > limit // 2 else text[: limit - 1]
    return head.rstrip(" ,;:-–—") + "…"


def quote_string(value: str) -> str:
    """A double-quoted scalar valid in both YAML and TOML: `\\`, `"` and unprintables escaped."""
    out = ['"']
    for char in value:
        if char == "\\":
            out.append("\\\\")
        elif char == '"':
            out.append('\\"')
        elif not char.isprintable() or char in "\u2028\u2029\x85\ufeff":
            code = ord(char)
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


RULES = [
    FrontMatterMissing,
    FrontMatterInvalid,
    RequiredFieldMissing,
    FieldType,
    TitleLength,
    DescriptionLength,
    DateInFuture,
    UnknownField,
    TagsInvalid,
    SlugInvalid,
    RecommendedFieldMissing,
]
