"""What a site generator makes of a post's fields and file name (layer: model/, read by the config).

`Conventions` is plain data a generator preset (`generators.py`) hands to each
`Post`; the post's resolved views (`Post.date`, `Post.hero`, `Post.tag_list`,
`Post.title`, `Post.file_slug`) read it, so rules never need to know which
generator built the site. The default, `NONE`, is postlint's behaviour without
a detected generator.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

#: `2024-05-02-` at the start of a file or folder name (Jekyll, Docusaurus, Eleventy); a one-digit
#: month or day too (`2005-10-6-`), as Jekyll's and Docusaurus' patterns take it
DATE_PREFIX_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})-")


@dataclass(frozen=True)
class Conventions:
    """Field aliases and file-name rules of one generator."""

    #: front-matter keys holding the post's date, first wins; `a.b` reads key `b` of mapping `a`
    date_keys: tuple[str, ...] = ("date",)
    #: a `YYYY-MM-DD-` file (or bundle folder) name prefix gives the date when front matter has none
    filename_date: bool = False
    #: keys holding the hero / social image, first wins; `images.0` is the first item of a list
    hero_keys: tuple[str, ...] = ("image",)
    #: the hero image is expected in the body (IMG003); False where the theme renders it or it is a social card
    hero_in_body: bool = True
    #: without a front-matter title the first H1 is the title (MkDocs, Docusaurus)
    title_from_h1: bool = False
    #: without a title in front matter or an H1, the file name is the title (Docusaurus's blog:
    #: `2024-05-02-first-steps.md` is titled `first-steps`)
    title_from_filename: bool = False
    #: `tags: a b` (a space-separated string) is a list of tags (Jekyll, Eleventy; Jekyll's
    #: `categories` too)
    tags_string: bool = False
    #: fields FM004 does not type-check: the generator does not read them, so any value is the
    #: theme's business (Docusaurus, Eleventy and Astro have no `categories`)
    untyped_fields: tuple[str, ...] = ()
    #: front-matter keys listing other URLs of the post (Hugo `aliases`, Jekyll `redirect_from`)
    alias_keys: tuple[str, ...] = ()
    #: folders whose posts need no date (Jekyll `_drafts/`: the file's time stands in)
    undated_folders: tuple[str, ...] = ()
    #: every post has a date without front matter (Hugo `[frontmatter] date` with `:git` or `:fileModTime`)
    always_dated: bool = False
    #: the generator lower-cases URL paths, so a slug's capitals never reach the URL (Hugo, unless
    #: `disablePathToLower`; Astro's content ids)
    urls_lowercased: bool = False
    #: markers of indented blocks whose bodies are Markdown (`parse/containers.py`): MkDocs' `!!!`
    #: (`admonition`), `???` (`pymdownx.details`), `===` (`pymdownx.tabbed`), as its config turns them on
    indented_blocks: tuple[str, ...] = ()
    #: a definition list's terms have ids, as headings do (Hugo's `autoDefinitionTermID`)
    term_ids: bool = False
    #: a post's URL takes its slug from the title, not the file name (the MkDocs blog's `{slug}`):
    #: the file name never reaches the URL
    slug_from_title: bool = False
    #: a number as a title or in a list of strings is its text to the generator (Hugo casts it:
    #: `title: 500`, `tags: [2011, stats]`; Jekyll's Liquid prints it)
    numbers_as_strings: bool = False


NONE = Conventions()


def lookup(meta: dict[str, Any], key: str) -> Any:
    """`meta[key]`, following `a.b` into mappings and `a.0` into lists; None when absent."""
    value: Any = meta
    for part in key.split("."):
        if isinstance(value, dict):
            value = value.get(part)
        elif isinstance(value, list) and part.isdigit():
            index = int(part)
            value = value[index] if index < len(value) else None
        else:
            return None
        if value is None:
            return None
    return value


def as_date(value: Any) -> dt.date | None:
    """A front-matter date value as a date: YAML dates, datetimes or ISO-8601 strings."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except ValueError:
            try:
                if re.match(r"^\d{4}-\d{2}-\d{2}([T ]|$)", text):
                    return dt.date.fromisoformat(text[:10])
            except ValueError:
                return None
            return _written_date(text) or _clock_date(text)
    return None


#: dates as JavaScript's `Date` and Astro's blog template write them: `Jul 08 2022`, `July 8, 2022`
_WRITTEN_FORMATS = ("%b %d %Y", "%B %d %Y", "%b %d, %Y", "%B %d, %Y", "%d %b %Y", "%d %B %Y")


def _written_date(text: str) -> dt.date | None:
    if not re.match(r"^[A-Za-z0-9][A-Za-z0-9 ,]{6,24}$", text):
        return None
    for form in _WRITTEN_FORMATS:
        try:
            return dt.datetime.strptime(text, form).date()
        except ValueError:
            continue
    return None


#: a date as Unix's `date`, Ruby's `Time#to_s` or an e-mail writes it, which Jekyll (Ruby's
#: `Time.parse`) and Hugo (Go's `UnixDate`, `RubyDate`, `RFC1123`) read: `Fri Sep  3 11:21:31 CEST
#: 2021`, `Fri Sep 03 11:21:31 +0200 2021`, `Fri, 03 Sep 2021 11:21:31 GMT`
_CLOCK_DATE = re.compile(
    r"^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),? +(?:([A-Z][a-z]{2}) +(\d{1,2})|(\d{1,2}) +([A-Z][a-z]{2}) +(\d{4}))"
    r" +\d{1,2}:\d{2}(?::\d{2})?(?: +(?:[A-Z]{1,5}|[+-]\d{4}))*(?: +(\d{4}))?$"
)


#: day-month-year with dashes, as Ruby's `Time.parse` reads `11-9-2017` (Jekyll): the 11th of September
_DAY_FIRST = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")


def _clock_date(text: str) -> dt.date | None:
    match = _CLOCK_DATE.match(text)
    if match is None:
        day_first = _DAY_FIRST.match(text)
        if day_first is None:
            return None
        try:
            return dt.date(int(day_first.group(3)), int(day_first.group(2)), int(day_first.group(1)))
        except ValueError:
            return None
    month, day, day2, month2, year2, year = match.groups()
    try:
        return dt.datetime.strptime(f"{year or year2} {month or month2} {day or day2}", "%Y %b %d").date()
    except ValueError:
        return None


def name_date(name: str) -> dt.date | None:
    """The date of a `YYYY-MM-DD-` name prefix, when it is a real date."""
    match = DATE_PREFIX_RE.match(name)
    if not match:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def strip_date(name: str) -> str:
    """`2024-05-02-hello` → `hello` (a name without the prefix is returned as it is)."""
    return DATE_PREFIX_RE.sub("", name, count=1) if name_date(name) else name


@dataclass(frozen=True)
class ResolvedDate:
    """The post's date and where it came from: a front-matter key, or None for the file name."""

    value: dt.date | None
    key: str | None
    raw: Any = None
