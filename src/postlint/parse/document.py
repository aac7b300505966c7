"""`Post`: one read, one parse, many lazily computed views shared by every rule.

A post is read once as bytes, decoded (UTF-8, BOM stripped, any line endings),
its front matter split off and parsed with key positions kept, and its body
parsed once with markdown-it-py. Every view below (headings, links, images,
prose blocks, sentences, words) is a `cached_view` (`cached_property` without its
lock): computed at most once, only when a rule asks for it. All line and column
numbers are 1-based positions in the file, front matter included.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Collection, Iterable, Sequence

from ..model.cachedview import cached_view
from ..model.lazyregex import lazy_regex
from ..model.conventions import NONE, Conventions, ResolvedDate, as_date, lookup, name_date, strip_date
from ..model.span import Span
from .files import UnreadableFile, read_file  # noqa: F401 - both part of this module's interface
from .blocklist import BlockList, SentencePairs
from .linklist import Link, ParsedLinks
from .prose import URL_RE, Sentence, split_sentences
from .templatemark import PLACEHOLDER, quick_check
from . import files, frontmatter as fm

if TYPE_CHECKING:  # markdown-it is imported when the first post is parsed, not before
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

    from .templates import TemplateSpan
    from .textstats import TextStats

NEWLINE_RE = re.compile(r"\r\n|\r|\n")
BINARY_SNIFF = 8192


def split_lines(text: str) -> list[str]:
    """Lines split on any newline (as markdown-it splits), endings removed; a final newline adds no line."""
    lines = text.split("\n") if "\r" not in text else NEWLINE_RE.split(text)  # str.split: 5x faster
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines


def markdown_parser(containers: tuple[str, ...] = ()) -> "MarkdownIt":
    """The one markdown-it-py parser (see `mdparser`), imported on first use; with `containers`,
    the generator's indented blocks whose bodies are Markdown (MkDocs' admonitions, details, tabs)."""
    return _parser(containers)


@lru_cache(maxsize=4)
def _parser(containers: tuple[str, ...]) -> "MarkdownIt":
    from .mdparser import markdown_parser as build

    return build(containers=containers)


# --- the views' data ---------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    level: int
    text: str  # rendered plain text, without a trailing `{#id}`
    line: int
    column: int
    end_column: int
    explicit_id: str | None = None
    setext: bool = False
    #: made only of template syntax (`## {{ page.subtitle }}`): its level counts, its text ("") is unknown
    templated: bool = False

    @property
    def anchor(self) -> str:
        return self.explicit_id or slugify(self.text)


@dataclass(frozen=True)
class Image:
    src: str
    alt: str | None  # rendered alt text; None when an HTML <img> has no alt attribute
    line: int
    column: int
    end_line: int
    end_column: int
    kind: str = "markdown"  # markdown | html | shortcode
    title: str = ""
    #: an HTML image marked as needing no alt text: `alt=""`, `role="presentation"`/`"none"`, `aria-hidden="true"`
    decorative: bool = False


@dataclass(frozen=True)
class ReversedLink:
    """`(text)[url]`: rendered as that literal text, not as a link."""

    text: str
    url: str
    line: int
    column: int
    end_column: int


@dataclass(frozen=True)
class BareUrl:
    url: str
    line: int
    column: int
    end_column: int


@dataclass(slots=True)
class Block:
    """A block of prose: a paragraph, a list item's paragraph, a quote, a table cell or a heading.

    Slotted, and its sentences are kept in a slot: a long post has hundreds of thousands
    of blocks, and an instance dictionary each would cost more than their text."""

    kind: str  # paragraph | list_item | blockquote | table_cell | heading
    text: str  # visible text, code spans included
    prose: str  # text for language rules: no code spans, URLs or HTML
    line: int
    end_line: int
    section: int  # index in `Post.sections` (0 is the part before the first H2)
    #: (offset in prose, file line) of each line break; the one empty tuple for a block of one line (most)
    breaks: Sequence[tuple[int, int]] = ()
    _sentences: list[Sentence] | None = field(default=None, init=False, repr=False, compare=False)
    _word_count: int = field(default=-1, init=False, repr=False, compare=False)

    def line_at(self, offset: int) -> int:
        """File line of `offset` in `prose` (the last line break at or before it)."""
        index = bisect_right(self.breaks, (offset, sys.maxsize))
        return self.breaks[index - 1][1] if index else self.line

    @property
    def words(self) -> list[str]:
        """The words of the prose: those of its sentences (sentences split between words, so
        this is `prose.words(self.prose)` without tokenising the text a second time). A new
        list on each use: to count them, `word_count` builds none."""
        return [word for sentence in self.sentences for word in sentence.words]

    @property
    def word_count(self) -> int:
        """The number of words (counted once, then kept: rules ask for it again and again)."""
        if self._word_count < 0:
            self._word_count = sum(len(sentence.words) for sentence in self.sentences)
        return self._word_count

    @property
    def sentences(self) -> list[Sentence]:
        """The sentences of the prose (split on first use, then kept)."""
        if self._sentences is None:
            self._sentences = split_sentences(self.prose)
        return self._sentences


@dataclass(frozen=True)
class Section:
    """The body split at H2 headings; section 0 is everything before the first H2."""

    heading: Heading | None
    line: int
    end_line: int


@dataclass(frozen=True)
class Comment:
    """An HTML comment in the body (never inside code)."""

    text: str  # inner text, stripped
    line: int
    column: int
    end_line: int


@dataclass
class BodyIndex:
    headings: list[Heading] = field(default_factory=list)
    #: as columns of numbers where it can (`ParsedLinks`: a link roundup has a million links)
    links: ParsedLinks = field(default_factory=lambda: ParsedLinks([]))
    images: list[Image] = field(default_factory=list)
    bare_urls: list[BareUrl] = field(default_factory=list)
    reversed_links: list[ReversedLink] = field(default_factory=list)
    #: a list while a post has few; a huge post's as columns (`BlockList`: a list of a million links is a million blocks)
    blocks: BlockList[Block] = field(default_factory=lambda: BlockList([], Block))
    comments: list[Comment] = field(default_factory=list)
    code_lines: set[int] = field(default_factory=set)
    #: ids given by kramdown attribute lists (`{: #id}`) that no heading took
    anchors: list[str] = field(default_factory=list)


#: the kinds of blocks that count as prose (all but headings)
_PROSE_KINDS = ("paragraph", "list_item", "blockquote", "table_cell")


# --- Post ----------------------------------------------------------------------------


class Post:
    """One Markdown post; construct with `Post.from_path` or `Post.from_text`.

    `conventions` are the detected generator's (the engine sets them before the
    rules run); the views `title`, `date`, `hero`, `tag_list` and `file_slug` follow them.
    """

    conventions: Conventions = NONE
    #: False for section and list pages (`_index.md`) and for pages outside the post folders: only page rules run
    is_post: bool = True

    def __init__(self, path: Path, text: str, *, display_path: str | None = None, bom: bool = False, raw: bytes | None = None) -> None:
        self.path = path
        self.display_path = display_path or path.as_posix()
        self.text = text
        self.bom = bom
        self.raw = raw if raw is not None else text.encode("utf-8")
        self.lines: list[str] = split_lines(text)
        self.block = fm.split_block(self.lines)
        #: derived values rule families share (computed once per post, e.g. link targets)
        self.memo: dict[str, Any] = {}
        self.body_offset = self.block.end_line if self.block and self.block.closed else (len(self.lines) if self.block else 0)

    # construction -------------------------------------------------------------------

    @classmethod
    def from_bytes(cls, path: Path, data: bytes, display_path: str | None = None) -> "Post":
        bom = data.startswith(b"\xef\xbb\xbf")
        if bom:
            data_text = data[3:]
        else:
            data_text = data
        head = data_text[:BINARY_SNIFF]
        if b"\x00" in head and head.count(b"\x00") > max(1, len(head) // 100):  # `in`: no count for text
            raise UnreadableFile("looks like a binary file (NUL bytes), not Markdown")
        try:
            text = data_text.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data_text[: exc.start].count(b"\n") + 1
            raise UnreadableFile(f"not valid UTF-8 (byte 0x{data_text[exc.start]:02x} at line {line})") from None
        if "\x00" in text:
            text = text.replace("\x00", "\ufffd")
        return cls(path, text, display_path=display_path, bom=bom, raw=data)

    @classmethod
    def from_path(cls, path: Path, display_path: str | None = None) -> "Post":
        return cls.from_bytes(path, files.read_file(path), display_path)

    @classmethod
    def from_text(cls, text: str, path: str | Path = "post.md") -> "Post":
        bom = text.startswith("\ufeff")
        return cls(Path(path), text[1:] if bom else text, bom=bom)

    # front matter ---------------------------------------------------------------------

    @cached_view
    def front_matter(self) -> fm.FrontMatter:
        return fm.parse(self.block)

    @property
    def meta(self) -> dict[str, Any]:
        """The front-matter mapping ({} when absent or invalid)."""
        return self.front_matter.data

    @property
    def front_title(self) -> str | None:
        """The front-matter `title`, when it is a non-blank string."""
        value = self.meta.get("title")
        return value.strip() if isinstance(value, str) and value.strip() else None

    @property
    def title(self) -> str | None:
        """The title the generator renders: front matter, else the first H1 where the generator takes it (MkDocs, Docusaurus), else the file name where it takes that (Docusaurus's blog)."""
        found = self.front_title
        if found is None and self.conventions.title_from_h1:
            found = self.h1_title
        if found is None and self.conventions.title_from_filename and self.is_post:
            stem = self.path.name.rsplit(".", 1)[0]
            found = strip_date(self.path.parent.name if stem == "index" else stem) or None
        return found

    @cached_view
    def h1_title(self) -> str | None:
        """The text of the body's first `# ` heading, found by a line scan (no Markdown parse)."""
        fence = ""
        for line in self.lines[self.body_offset :]:
            stripped = line.lstrip()
            if fence:
                if stripped.startswith(fence):
                    fence = ""
                continue
            if stripped.startswith(("```", "~~~")):
                fence = stripped[:3]
                continue
            if line.startswith("# ") or line.rstrip() == "#":
                text = line[1:].strip().rstrip("#").strip()
                return text or None
        return None

    @property
    def date(self) -> ResolvedDate:
        """The post's date: the first of the generator's date keys, else a `YYYY-MM-DD-` file or folder name."""
        for key in self.conventions.date_keys:
            raw = lookup(self.meta, key)
            if raw is not None and not (isinstance(raw, str) and not raw.strip()):
                return ResolvedDate(as_date(raw), key, raw)
        if self.conventions.filename_date:
            named = name_date(self._name_for_date())
            if named is not None:
                return ResolvedDate(named, None)
        return ResolvedDate(None, None)

    def _name_for_date(self) -> str:
        stem = self.path.name.rsplit(".", 1)[0]
        return self.path.parent.name if stem in ("index", "_index") else self.path.name

    @property
    def hero(self) -> tuple[str, str] | None:
        """(front-matter key, path) of the hero or social image: the first of the generator's image keys that holds a path."""
        for key in self.conventions.hero_keys:
            value = lookup(self.meta, key)
            if isinstance(value, str) and value.strip():
                return key, value.strip()
        return None

    @property
    def tag_list(self) -> list[str] | None:
        """`tags` as a list; a space-separated string counts where the generator splits it (Jekyll, Eleventy)."""
        value = self.meta.get("tags")
        if isinstance(value, str) and self.conventions.tags_string:
            return value.split()
        return value if isinstance(value, list) else None

    @property
    def file_slug(self) -> str:
        """The slug the file name gives: the stem (the folder's name for `index.md`) without a `YYYY-MM-DD-` prefix."""
        stem = self.path.name.rsplit(".", 1)[0] if "." in self.path.name else self.path.name
        if stem in ("index", "_index"):
            stem = self.path.parent.name or stem
        return strip_date(stem)

    def meta_line(self, key: str) -> int:
        return self.front_matter.line_of(key)

    # spans, for rules to report at ---------------------------------------------------

    def span_of(self, item: "Link | Image | Heading | BareUrl | ReversedLink") -> Span:
        """The file range of a link, image, heading, bare URL or reversed link of this post:
        from its first character to just after its last (`Rule.report_at` reports over it)."""
        end_line = getattr(item, "end_line", item.line)
        return Span(item.line, item.column, end_line, item.end_column or item.column)

    def url_span(self, link: Link) -> Span | None:
        """Where the URL of `link` is typed: the range to point at, or to replace in a fix;
        None when it is not typed in the link itself (a reference link `[text][ref]`)."""
        return url_span(self.lines, link)

    # body -------------------------------------------------------------------------------

    @cached_view
    def body(self) -> str:
        return "\n".join(self.lines[self.body_offset :])

    @property
    def is_mdx(self) -> bool:
        return self.path.suffix.lower() == ".mdx"

    @cached_view
    def template_spans(self) -> list[TemplateSpan]:
        """The body's template syntax (see `templates`), with file lines and columns (end exclusive)."""
        if not quick_check(self.body, self.is_mdx):
            return []
        from .templates import TemplateSpan, find_spans  # a body that may hold template syntax only

        spans = find_spans(self.body, self.is_mdx)
        if not spans:
            return spans
        starts = [0]
        for line in self.lines[self.body_offset :]:
            starts.append(starts[-1] + len(line) + 1)

        def where(offset: int) -> tuple[int, int]:
            index = bisect_right(starts, offset) - 1
            return self.body_offset + index + 1, offset - starts[index] + 1

        placed = []
        for span in spans:
            (line, column), (end_line, end_column) = where(span.start), where(span.end)
            placed.append(TemplateSpan(span.start, span.end, span.kind, span.text, line, column, end_line, end_column))
        return placed

    @cached_view
    def parse_lines(self) -> list[str]:
        """The lines markdown-it parses: `lines` with template syntax masked (the same lengths)."""
        if not self.template_spans:
            return self.lines
        from .templates import mask

        return self.lines[: self.body_offset] + mask(self.body, self.template_spans).split("\n")

    @property
    def markdown_source(self) -> str:
        """The body as markdown-it parses it: template syntax masked (the same lengths)."""
        if not self.template_spans:
            return self.body
        return "\n".join(self.parse_lines[self.body_offset :])

    @property
    def tokens(self) -> list[Token]:
        """markdown-it's tokens of the body (template syntax masked): a new parse on each use.

        The views are built from one parse, a block at a time (`mdparser.parse_blocks`), and
        the tokens are not kept: they take about ten times the memory of the text."""
        return markdown_parser(self.conventions.indented_blocks).parse(self.markdown_source)

    @cached_view
    def index(self) -> BodyIndex:
        """The views of one parse (headings, links, images, blocks…). The body and the masked
        lines it was parsed from are let go once it is walked: a long post's rules run without
        that copy of its text (read again, the body is joined again)."""
        index = _Walker(self).run()
        self.__dict__.pop("body", None)
        self.__dict__.pop("parse_lines", None)
        return index

    @property
    def headings(self) -> list[Heading]:
        return self.index.headings

    @property
    def links(self) -> Sequence[Link]:
        """The links, in the order the walk found them: a list, or for a post of many links a
        sequence that makes each `Link` as it is read (`ParsedLinks.readable`)."""
        return self.index.links.readable()

    @property
    def images(self) -> list[Image]:
        return self.index.images

    @property
    def bare_urls(self) -> list[BareUrl]:
        return self.index.bare_urls

    @property
    def blocks(self) -> Sequence[Block]:
        """The prose blocks, in order: a list, or for a post of many blocks a sequence that makes
        each `Block` as it is read (`BlockList.readable`: its sentences are not kept)."""
        return self.index.blocks.readable()

    @property
    def comments(self) -> list[Comment]:
        return self.index.comments

    @cached_view
    def prose_blocks(self) -> Sequence[Block]:
        """Blocks that count as prose for readability: everything but headings (a list, or a
        sequence of a huge post's `BlockList`, as `blocks`)."""
        return self.index.blocks.where(_PROSE_KINDS)

    @cached_view
    def paragraphs(self) -> Sequence[Block]:
        return self.index.blocks.where(("paragraph", "list_item", "blockquote"))

    @property
    def words(self) -> list[str]:
        """Every word of the prose (headings excluded); a new list on each use (`word_count` builds none)."""
        return [w for b in self.prose_blocks for s in b.sentences for w in s.words]

    @cached_view
    def word_count(self) -> int:
        self.index.blocks.count_words()  # a huge post's, once: its blocks made on reading then have theirs
        return sum(b.word_count for b in self.prose_blocks)

    @cached_view
    def sentences(self) -> "Collection[tuple[Block, Sentence]]":
        """(block, sentence) of each sentence of the prose: a list, or for a huge post pairs made
        on each pass over them (`SentencePairs`)."""
        blocks = self.prose_blocks
        if not isinstance(blocks, list):
            return SentencePairs(blocks)
        return [(b, s) for b in blocks for s in b.sentences]

    @cached_view
    def text_stats(self) -> "TextStats":
        """Readability counts (words, sentences, syllables…), computed once for every rule."""
        from .textstats import compute

        return compute(self.blocks)

    @cached_view
    def sections(self) -> list[Section]:
        """Section 0 runs from the body start to the first H2; each H2 starts a section."""
        end = len(self.lines)
        h2s = [h for h in self.headings if h.level == 2]
        starts = [self.body_offset + 1] + [h.line for h in h2s]
        heads: list[Heading | None] = [None, *h2s]
        return [
            Section(heads[i], starts[i], (starts[i + 1] - 1) if i + 1 < len(starts) else end)
            for i in range(len(starts))
        ]

    def line_text(self, line: int) -> str:
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""

    def __repr__(self) -> str:
        return f"Post({self.display_path!r})"


# --- anchors -----------------------------------------------------------------------

_SLUG_DROP = re.compile(r"[^\w\- ]+", re.UNICODE)


def slugify(text: str) -> str:
    """GitHub/Hugo-style heading anchor: lower case, punctuation dropped, spaces to hyphens."""
    return _SLUG_DROP.sub("", text.strip().lower()).replace(" ", "-")


# --- the walk ----------------------------------------------------------------------

#: a heading's trailing attribute list: `{#id}`, `{: #id}` (kramdown), `{ #id .class key="v" }`
#: (Python-Markdown `attr_list`, goldmark), `{ id="x" }`; every item must be an attribute
_ATTR_ITEM = r"""(?:#[\w\-:.]+|\.[\w\-]+|[\w\-:]+=(?:"[^"{}]*"|'[^'{}]*'|[^\s"'{}]+))"""
_EXPLICIT_ID = re.compile(r"\s*\{:?[ \t]*" + _ATTR_ITEM + r"(?:[ \t]+" + _ATTR_ITEM + r")*[ \t]*\}\s*$")
#: a heading's trailing id as an MDX comment, in its source: `{/* #id */}` (Docusaurus)
_MDX_COMMENT_ID = lazy_regex(r"\{\s*/\*\s*#([^\s*/{}]+)\s*\*/\s*\}\s*$")
_ATTR_ID = lazy_regex(r"""(?:^|[\s{:])(?:#([\w\-:.]+)|id=(?:"([^"]*)"|'([^']*)'|([^\s"'{}]+)))""")

_HTML_COMMENT = lazy_regex(r"<!--(.*?)-->", re.DOTALL)
_IMG_TAG = lazy_regex(r"<img\b([^>]*)>", re.IGNORECASE | re.DOTALL)
_A_TAG = lazy_regex(r"<a\b([^>]*)>(.*?)</a\s*>", re.IGNORECASE | re.DOTALL)
_HTML_ATTR = lazy_regex(r"""([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
_TAG = lazy_regex(r"<[^>]*>")
_A_OPEN = lazy_regex(r"<a\b([^>]*)>\s*$", re.IGNORECASE | re.DOTALL)
_A_CLOSE = lazy_regex(r"</a\s*>", re.IGNORECASE)
_OPEN_TAG = lazy_regex(r"<([a-zA-Z][\w-]*)\b[^>]*?(/?)>\s*$", re.DOTALL)
_CLOSE_TAG = lazy_regex(r"</([a-zA-Z][\w-]*)\s*>")
_VOID_TAGS = frozenset("area base br col embed hr img input link meta param source track wbr".split())


def heading_attrs_id(attrs: str) -> str | None:
    """The id an attribute list gives (`#x` or `id=x`), or None when it gives none."""
    match = _ATTR_ID().search(attrs)
    return next((group for group in match.groups() if group), None) if match else None


_HREF = re.compile(r"""\bhref\s*=\s*["']?""", re.IGNORECASE)
_OPENER = re.compile(r"\]\(\s*<?")


def url_span(lines: list[str], link: Link) -> Span | None:
    """Where the destination of `link` is typed in `lines` (after `](`, inside `<…>`, or in
    `href="…"`); None when it cannot be located (a reference link, a target over lines)."""
    raw = link.raw_target
    if not raw or "\n" in raw:
        return None
    text = "\n".join(lines[link.line - 1 : link.end_line])
    at = -1
    if link.kind == "autolink":
        found = text.find("<" + raw + ">", link.column - 1)
        at = found + 1 if found >= 0 else -1
    else:
        opener = _HREF if link.kind == "html" else _OPENER
        for match in opener.finditer(text, link.column - 1):
            if text.startswith(raw, match.end()):
                at = match.end()
                break
    if at < 0:
        return None
    start = link.column - 1  # the text begins at the link's line: nothing before the link matters
    line = link.line + text.count("\n", start, at)
    column = at - (text.rfind("\n", start, at) + 1) + 1
    return Span(line, column, line, column + len(raw))


def _url_attr(value: str | None) -> str:
    """An HTML `src`/`href` as a browser reads it: tabs and newlines in a URL are dropped (the URL
    standard), so `src="/assets/sponsors\n/clio.svg"` loads `/assets/sponsors/clio.svg`."""
    if not value:
        return ""
    return value.replace("\n", "").replace("\r", "").replace("\t", "") if "\n" in value or "\t" in value or "\r" in value else value


def html_attrs(source: str) -> dict[str, str | None]:
    attrs: dict[str, str | None] = {}
    for match in _HTML_ATTR().finditer(source):
        name = match.group(1).lower()
        value = next((g for g in match.groups()[1:] if g is not None), None)
        if value is not None and PLACEHOLDER in value:
            value = unmasked_marker(value)  # a value the generator fills in
        attrs.setdefault(name, value)
    return attrs


def _children_in_pieces(inline: Token) -> Iterable[Token]:
    """The children of a huge paragraph that `parse_blocks(lazy_children=True)` left unparsed,
    parsed a piece at a time as the walk reaches them (`mdparser.children_of`)."""
    from .mdparser import children_of

    return children_of(inline)


class _Walker:
    """Walks the token stream once and fills a `BodyIndex`."""

    def __init__(self, post: Post) -> None:
        self.post = post
        self.offset = post.body_offset
        self.out = BodyIndex(links=ParsedLinks(post.lines), blocks=BlockList(post.lines, Block))
        self.section = 0
        self.containers: list[str] = []
        self.line_cursor: dict[int, int] = {}
        self.masked = bool(post.template_spans)
        self.parse_lines = post.parse_lines
        self.span_lines = [span.line for span in post.template_spans]

    def run(self) -> BodyIndex:
        """The index, from one parse, handed over a top-level block at a time."""
        from .mdparser import parse_blocks

        post = self.post
        parse_blocks(markdown_parser(post.conventions.indented_blocks), post.markdown_source, self._walk, lazy_children=True, open_blocks=True)
        if self.masked:
            self._template_spans()
        return self.out

    def _walk(self, tokens: list[Token]) -> None:
        """Index some blocks' tokens; each token is let go once walked."""
        tokens.reverse()
        while tokens:
            token = tokens.pop()
            kind = token.type
            if kind == "heading_open":
                self._heading(token, tokens.pop())
                tokens.pop()  # heading_close
                continue
            if kind in ("bullet_list_open", "ordered_list_open"):
                self.containers.append("list_item")
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.containers.pop()
            elif kind == "blockquote_open":
                self.containers.append("blockquote")
            elif kind == "blockquote_close":
                self.containers.pop()
            elif kind in ("td_open", "th_open"):
                self.containers.append("table_cell")
            elif kind in ("td_close", "th_close"):
                self.containers.pop()
            elif kind == "inline":
                parent_kind = self.containers[-1] if self.containers else "paragraph"
                self._inline(token, parent_kind)
            elif kind in ("fence", "code_block") and token.map:
                start, end = token.map
                self.out.code_lines.update(range(self.offset + start + 1, self.offset + end + 1))
            elif kind == "html_block" and token.map:
                self._html(token.content, self.offset + token.map[0] + 1, 1)

    def parse_line(self, line: int) -> str:
        """File line `line` as the parser saw it (template syntax masked)."""
        return self.parse_lines[line - 1] if 0 < line <= len(self.parse_lines) else ""

    def original(self, text: str, line: int, column: int) -> str:
        """`text`, masked and found at (line, column), with its template syntax put back."""
        if PLACEHOLDER not in text:
            return text
        raw = self.post.line_text(line)
        if "\n" not in text and self.parse_line(line)[column - 1 : column - 1 + len(text)] == text:
            return raw[column - 1 : column - 1 + len(text)]
        return unmasked_marker(text)

    def _template_spans(self) -> None:
        """Code bodies are code lines; a kramdown `{: #id}` names the heading above it, or is an anchor."""
        headings = {heading.line: index for index, heading in enumerate(self.out.headings)}
        for span in self.post.template_spans:
            if span.kind == "code":
                self.out.code_lines.update(range(span.line, span.end_line + 1))
            elif span.kind == "attributes":
                ident = _IAL_ID().search(span.text)
                if ident is None:
                    continue
                index = headings.get(span.line - 1) if span.column == 1 else None
                if index is not None and self.out.headings[index].explicit_id is None:
                    self.out.headings[index] = replace(self.out.headings[index], explicit_id=ident.group(1))
                else:
                    self.out.anchors.append(ident.group(1))

    # blocks --------------------------------------------------------------------------

    def _heading(self, open_token: Token, inline: Token) -> None:
        line = self.offset + (open_token.map[0] if open_token.map else 0) + 1
        text, prose, breaks = self._inline(inline, "heading", record_block=False)
        explicit = _EXPLICIT_ID.search(text)
        explicit_id = None
        if explicit:
            explicit_id = heading_attrs_id(explicit.group(0))
            text = text[: explicit.start()]
            prose = _EXPLICIT_ID.sub("", prose)
        elif "/*" in inline.content and (comment := _MDX_COMMENT_ID().search(inline.content)):
            # Docusaurus 3.10: `## Title {/* #id */}` (an MDX comment; its `*…*` may parse as emphasis)
            explicit_id = comment.group(1)
            text = text[: text.rfind("{")] if "{" in text else text
            prose = prose[: prose.rfind("{")] if "{" in prose else prose
        templated = False
        if self.masked and PLACEHOLDER in inline.content:
            # the template text is not the heading's words; a heading of template syntax
            # alone has unknown text, but its level still counts in the outline
            spans = self.post.template_spans
            # the spans on this line: those starting on it, and at most one from a line above
            for index in range(max(bisect_left(self.span_lines, line) - 1, 0), bisect_right(self.span_lines, line)):
                if spans[index].end_line >= line:
                    text = text.replace(spans[index].text, "")
            templated = not text.strip()
        if not text.strip() and "<!--" in inline.content:
            # a heading of an HTML comment alone is a directive a build hook expands
            # (MkDocs `hooks:`, `<!-- md:setting x -->`): its text and anchor are unknown
            templated = True
        level = int(open_token.tag[1])
        if level == 2:
            self.section += 1
        raw = self.post.line_text(line)
        heading = Heading(level, text.strip(), line, 1, len(raw) + 1, explicit_id, setext=open_token.markup in ("=", "-"), templated=templated)
        self.out.headings.append(heading)
        self.out.blocks.append(Block("heading", text.strip(), prose.strip(), line, line, self.section, breaks))

    def _html(self, source: str, line: int, column: int) -> None:
        for match in _HTML_COMMENT().finditer(source):
            start_line, start_col = _advance(source, match.start(), line, column)
            end_line, _ = _advance(source, match.end(), line, column)
            self.out.comments.append(Comment(match.group(1).strip(), start_line, start_col, end_line))
        # tags inside comments are not rendered: blank the comments out (same length, so positions hold)
        source = _HTML_COMMENT().sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), source)
        for match in _IMG_TAG().finditer(source):
            attrs = html_attrs(match.group(1))
            start_line, start_col = _advance(source, match.start(), line, column)
            end_line, end_col = _advance(source, match.end(), line, column)
            alt = attrs.get("alt", None)
            if alt is None and "alt" in attrs:
                alt = ""  # a bare `alt` is `alt=""`: a decorative image (the HTML standard)
            decorative = (alt is not None and not alt.strip()) or (attrs.get("role") or "").strip().lower() in ("presentation", "none") or (attrs.get("aria-hidden") or "").strip().lower() == "true"
            self.out.images.append(
                Image(_url_attr(attrs.get("src")), alt, start_line, start_col, end_line, end_col, "html", attrs.get("title") or "", decorative)
            )
        for match in _A_TAG().finditer(source):
            attrs = html_attrs(match.group(1))
            if "href" not in attrs:
                continue
            start_line, start_col = _advance(source, match.start(), line, column)
            end_line, end_col = _advance(source, match.end(), line, column)
            text = _TAG().sub("", match.group(2)).strip() or _img_alts(match.group(2))
            self.out.links.append(
                Link(_url_attr(attrs.get("href")), text, start_line, start_col, end_line, end_col, "html", attrs.get("title") or "", attrs.get("href"))
            )

    # inline ------------------------------------------------------------------------

    def _inline(self, inline: Token, kind: str, record_block: bool = True) -> tuple[str, str, Sequence[tuple[int, int]]]:
        locator = _Locator(self, inline)
        text_parts: list[str] = []
        prose_parts: list[str] = []
        break_lines: list[int] = []
        link_stack: list[tuple[Token, int, int]] = []  # (open token, start pos, text index)
        html_a: tuple[dict[str, str | None], int, int] | None = None  # an inline `<a href>` awaiting its `</a>`
        html_open: list[str] = []  # inline HTML elements we are inside (their text holds no bare URLs)
        children = inline.children
        for child in children if children is not None else _children_in_pieces(inline):
            ctype = child.type
            if ctype == "text":
                chunk = child.content
                pos = locator.find(chunk)
                templated = PLACEHOLDER in chunk
                if templated:
                    text_parts.append(self.original(chunk, *locator.position(pos)) if pos is not None else unmasked_marker(chunk))
                else:
                    text_parts.append(chunk)
                urls = "://" in chunk or ("." in chunk and "www." in chunk.lower())  # what URL_RE needs, cheaply
                if (urls or "@" in chunk or ")[" in chunk) and not link_stack and html_a is None and not html_open:
                    self._bare(chunk, pos, locator)
                if urls:
                    chunk = URL_RE.sub(" ", chunk)
                if templated:
                    chunk = _drop_placeholders(chunk)
                prose_parts.append(chunk.replace("\n", " "))
            elif ctype == "code_inline":
                locator.skip_code(child)
                text_parts.append(child.content)
            elif ctype in ("softbreak", "hardbreak"):
                locator.newline()
                text_parts.append("\n")
                prose_parts.append("\n")
                break_lines.append(locator.line_number())
            elif ctype == "link_open":
                start = locator.find_link_start(child.markup)
                link_stack.append((child, start, len(text_parts)))
            elif ctype == "link_close" and link_stack:
                open_token, start, text_index = link_stack.pop()
                end, raw_target = locator.close(start, open_token.markup)
                line, col = locator.position(start)
                end_line, end_col = locator.position(end)
                if end_line == line:
                    end_line = line  # one int object for both (a link roundup holds a million links)
                text = "".join(text_parts[text_index:]).replace("\n", " ").strip()
                href = str(open_token.attrs.get("href", ""))
                if not href and not text and end is not None and locator.content.startswith("{", end):
                    continue  # `[](){#id}`: an anchor (mkdocs-autorefs' syntax), no link
                if PLACEHOLDER in href:
                    href, raw_target = self._unmask_target(locator, href, raw_target)
                link_kind = "autolink" if open_token.markup in ("autolink", "linkify") else "inline"
                if link_kind == "inline" and raw_target is None:
                    link_kind = "reference"
                url_at = None
                if raw_target == href:
                    raw_target = href  # one string for both forms: most destinations are typed as they read
                    target_at = locator.target_at
                    if target_at is not None and link_kind == "inline" and start is not None and locator.content.find("\n", start, target_at) < 0:
                        url_at = col - 1 + target_at - start  # typed on the link's line
                self.out.links.add(href, text, line, col, end_line, end_col, link_kind, str(open_token.attrs.get("title", "") or ""), raw_target, url_at)
            elif ctype == "image":
                start = locator.find("![")
                end, raw_src = locator.close(start, "image")
                line, col = locator.position(start if start is not None else 0)
                end_line, end_col = locator.position(end)
                alt = _plain(child.children or [])
                src = str(child.attrs.get("src", ""))
                if PLACEHOLDER in src:
                    src, _ = self._unmask_target(locator, src, raw_src)
                if PLACEHOLDER in alt:
                    alt = unmasked_marker(alt)
                text_parts.append(alt)
                self.out.images.append(
                    Image(src, alt, line, col, end_line, end_col, "markdown", str(child.attrs.get("title", "") or ""))
                )
            elif ctype == "html_inline":
                pos = locator.find(child.content)
                line, col = locator.position(pos if pos is not None else 0)
                self._html(child.content, line, col)
                _track_inline_html(html_open, child.content)
                if html_a is not None and _IMG_TAG().match(child.content):
                    text_parts.append(_img_alts(child.content))  # an image's alt is its link's text
                opening = _A_OPEN().match(child.content)
                if opening and "href" in (attrs := html_attrs(opening.group(1))):
                    html_a = (attrs, pos if pos is not None else 0, len(text_parts))
                elif html_a is not None and _A_CLOSE().match(child.content):
                    attrs, start, text_index = html_a
                    html_a = None
                    start_line, start_col = locator.position(start)
                    end_line, end_col = locator.position((pos if pos is not None else start) + len(child.content))
                    text = "".join(text_parts[text_index:]).replace("\n", " ").strip()
                    href = attrs.get("href") or ""
                    self.out.links.append(Link(href, text, start_line, start_col, end_line, end_col, "html", attrs.get("title") or "", attrs.get("href")))
        text = "".join(text_parts)
        prose, breaks = _normalise_prose("".join(prose_parts), break_lines)
        if record_block and self.masked and not prose and PLACEHOLDER in inline.content and not _drop_placeholders(inline.content).strip():
            record_block = False  # template syntax alone: no prose block
        if record_block:
            line = self.offset + (inline.map[0] if inline.map else 0) + 1
            end_line = self.offset + (inline.map[1] if inline.map else 1)
            if end_line == line:
                end_line = line  # one int object for both (a huge list holds a million blocks)
            self.out.blocks.append(Block(kind, text.strip(), prose, line, end_line, self.section, breaks))
        return text, prose, breaks

    def _bare(self, chunk: str, pos: int | None, locator: "_Locator") -> None:
        """Bare URLs and e-mail addresses of a text chunk, and reversed links `(text)[url]`.

        `pos` is where the chunk starts in the inline source; None when the chunk is not
        typed as is (markdown-it dropped a backslash escape): each match is then found
        after the locator's cursor instead.
        """
        taken: list[tuple[int, int]] = []
        if ")[" in chunk:
            for match in _REVERSED_LINK().finditer(chunk):
                at = self._place(locator, pos, match.start(), match.group(0))
                if at is not None:
                    line, col = at
                    self.out.reversed_links.append(ReversedLink(match.group(1), match.group(2), line, col, col + len(match.group(0))))
                taken.append(match.span())
        found = [m for m in URL_RE.finditer(chunk) if PLACEHOLDER not in m.group(0)] if "." in chunk else []
        if "@" in chunk:
            urls = [m.span() for m in found]
            found += [m for m in _EMAIL_RE().finditer(chunk) if not _overlaps(m.span(), urls)]
            found.sort(key=lambda m: m.start())
        for match in found:
            if taken and _overlaps(match.span(), taken):
                continue
            at = self._place(locator, pos, match.start(), match.group(0))
            if at is not None:
                line, col = at
                self.out.bare_urls.append(BareUrl(match.group(0), line, col, col + len(match.group(0))))

    @staticmethod
    def _place(locator: "_Locator", pos: int | None, offset: int, text: str) -> tuple[int, int] | None:
        if pos is not None:
            return locator.position(pos + offset)
        at = locator.content.find(text, locator.cursor)
        if at < 0:
            return None
        locator.cursor = at + len(text)
        return locator.position(at)

    def _unmask_target(self, locator: "_Locator", href: str, raw_target: str | None) -> tuple[str, str | None]:
        """A masked link target with its template syntax put back (by position when it was typed
        inline, else with `{{…}}` standing for each template: still recognisably templated)."""
        if raw_target is not None and locator.target_at is not None:
            raw_target = self.original(raw_target, *locator.position(locator.target_at))
            return raw_target, raw_target
        return unmasked_marker(href), None


_PLACEHOLDER_RUN = lazy_regex(PLACEHOLDER + "+")
#: `(text)[url]`: a link typed the wrong way round (only with a URL or path in the brackets)
_REVERSED_LINK = lazy_regex(r"\(([^()\n]+)\)\[((?:https?://|www\.|mailto:|\.{0,2}/|#)[^\[\]\s]*)\](?!\()", re.IGNORECASE)
#: a bare e-mail address, as GitHub's autolink-literal extension finds it, but with a top-level
#: domain of letters: `npm@8.19.2` is a package version, not an address
_EMAIL_RE = lazy_regex(r"(?<![\w.+\-/:@])[\w.+\-]+@[A-Za-z0-9_\-]+(?:\.[A-Za-z0-9_\-]+)*\.[A-Za-z]{2,}(?![\w\-@])")


_IAL_ID = lazy_regex(r"#([\w\-:.]+)")


def _overlaps(span: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in others)


def _drop_placeholders(text: str) -> str:
    return text.replace(PLACEHOLDER, "")


def unmasked_marker(text: str) -> str:
    """`text` with each masked template shown as `{{…}}` (where its own text cannot be found)."""
    return _PLACEHOLDER_RUN().sub("{{…}}", text)


#: what collapses to one space: a run of two or more spaces or tabs, or a tab (a lone space is
#: left alone: `re.sub` keeps a piece for every match, ~100 bytes a word of a huge paragraph)
_SPACES = re.compile(r"[ \t]{2,}|\t")
_NEWLINE = re.compile("\n")
#: spaces or tabs around a line break (a bare newline is left alone, as `_SPACES` leaves a space)
_AROUND_BREAK = re.compile(r"[ \t]+\n[ \t]*|\n[ \t]+")


def _normalise_prose(raw: str, break_lines: list[int]) -> tuple[str, Sequence[tuple[int, int]]]:
    """Collapse white space; return the prose and (offset, file line) of each line break in it
    (the one empty tuple when there is none: a list each would be 56 bytes a block)."""
    if "\n" not in raw:  # most blocks: one line, nothing to map
        if "  " in raw or "\t" in raw:
            raw = _SPACES.sub(" ", raw)
        return raw.strip(" "), ()
    text = _SPACES.sub(" ", _AROUND_BREAK.sub("\n", raw)).strip(" \n")
    breaks: list[tuple[int, int]] = []
    lines = iter(break_lines[raw[: len(raw) - len(raw.lstrip(" \n"))].count("\n") :])
    for match in _NEWLINE.finditer(text):
        line = next(lines, None)
        if line is not None:
            breaks.append((match.start() + 1, line))
    return text.replace("\n", " "), breaks or ()

def _img_alts(source: str) -> str:
    """The alt texts of the `<img>` tags in `source`: the accessible text of a link around them."""
    return " ".join((html_attrs(m.group(1)).get("alt") or "").strip() for m in _IMG_TAG().finditer(source)).strip()


def _track_inline_html(stack: list[str], tag: str) -> None:
    """Push an opening inline HTML tag, pop back to its match on a closing one (like markdownlint's MD034)."""
    closing = _CLOSE_TAG().match(tag)
    if closing:
        name = closing.group(1).lower()
        if name in stack:
            del stack[len(stack) - 1 - stack[::-1].index(name) :]
        return
    opening = _OPEN_TAG().match(tag)
    if opening and not opening.group(2) and opening.group(1).lower() not in _VOID_TAGS:
        stack.append(opening.group(1).lower())


def _plain(children: list[Token]) -> str:
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(_plain(child.children or []))
    return "".join(parts).strip()


def _advance(source: str, pos: int, line: int, column: int) -> tuple[int, int]:
    """The file position `pos` characters into `source`, which starts at (line, column)."""
    newlines = source.count("\n", 0, pos)
    if newlines == 0:
        return line, column + pos
    return line + newlines, pos - source.rfind("\n", 0, pos)


class _Locator:
    """Finds inline children in the inline token's source to give them file positions.

    markdown-it's inline tokens carry no positions: we start from the block's
    line and walk a cursor through the raw inline content in token order.
    """

    def __init__(self, walker: _Walker, inline: Token) -> None:
        content = self.content = inline.content
        self.cursor = 0
        self.target_at: int | None = None  # where the last `close` found a typed destination
        base_line = self.base_line = walker.offset + (inline.map[0] if inline.map else 0) + 1
        self.starts = starts = [0]  # where each line of the content starts in it
        self.columns: list[int] = []  # and where in its file line (0-based)
        parse_lines, line_cursor, at = walker.parse_lines, walker.line_cursor, 0
        for file_line, content_line in enumerate(content.split("\n"), base_line):
            if at:
                starts.append(at)
            at += len(content_line) + 1
            found = -1
            if content_line:
                raw = parse_lines[file_line - 1] if 0 < file_line <= len(parse_lines) else ""  # `walker.parse_line`
                found = raw.find(content_line, line_cursor.get(file_line, 0))
                if found < 0:
                    found = raw.find(content_line)
                if found >= 0:
                    line_cursor[file_line] = found + len(content_line)
            self.columns.append(max(found, 0))

    def position(self, pos: int | None) -> tuple[int, int]:
        pos = min(pos or 0, len(self.content))
        index = bisect_right(self.starts, pos) - 1
        column = self.columns[index] if index < len(self.columns) else 0
        return self.base_line + index, column + (pos - self.starts[index]) + 1

    def line_number(self) -> int:
        return self.position(self.cursor)[0]

    def find(self, needle: str) -> int | None:
        if not needle:
            return self.cursor
        pos = self.content.find(needle, self.cursor)
        if pos < 0:
            return None
        self.cursor = pos + len(needle)
        return pos

    def newline(self) -> None:
        pos = self.content.find("\n", self.cursor)
        if pos >= 0:
            self.cursor = pos + 1

    def skip_code(self, token: Token) -> None:
        pos = self.content.find(token.markup, self.cursor)
        if pos >= 0:
            end = self.content.find(token.markup, pos + len(token.markup))
            self.cursor = end + len(token.markup) if end >= 0 else pos + len(token.markup)

    def find_link_start(self, markup: str) -> int:
        needle = "<" if markup == "autolink" else "["
        pos = self.content.find(needle, self.cursor)
        if pos < 0:
            return self.cursor
        self.cursor = pos + 1
        return pos

    def close(self, start: int | None, markup: str) -> tuple[int, str | None]:
        """Find the end of a link or image starting at `start`; also the raw destination."""
        content = self.content
        if start is None:
            return self.cursor, None
        if markup == "autolink":
            end = content.find(">", start)
            end = end + 1 if end >= 0 else self.cursor
            self.cursor = max(self.cursor, end)
            return end, content[start + 1 : end - 1]
        bracket = start + 1 if markup == "image" else start
        close = _matching(content, bracket, "[", "]")
        if close < 0:
            return self.cursor, None
        end = close + 1
        raw_target = None
        self.target_at = None
        if end < len(content) and content[end] == "(":
            paren_end = _matching(content, end, "(", ")")
            if paren_end >= 0:
                stripped = content[end + 1 : paren_end]
                inner = stripped.strip()
                at = end + 1 + len(stripped) - len(stripped.lstrip())
                if inner.startswith("<"):
                    raw_target = inner[1 : inner.find(">")] if ">" in inner else inner[1:]
                    at += 1
                else:
                    raw_target = inner.split()[0] if inner.split() else ""
                self.target_at = at
                end = paren_end + 1
        elif end < len(content) and content[end] == "[":
            ref_end = content.find("]", end)
            if ref_end >= 0:
                end = ref_end + 1
        self.cursor = max(self.cursor, end)
        return end, raw_target


_BRACKETS = {("[", "]"): re.compile(r"[\\\[\]]"), ("(", ")"): re.compile(r"[\\()]")}


def _matching(text: str, start: int, open_char: str, close_char: str, limit: int = 4096) -> int:
    """Index of the bracket closing the one at `start`, honouring escapes; -1 if none."""
    if start >= len(text) or text[start] != open_char:
        return -1
    pattern = _BRACKETS[(open_char, close_char)]
    depth = 0
    stop = min(len(text), start + limit)
    index = start
    while True:
        match = pattern.search(text, index, stop)
        if match is None:
            return -1
        char = match.group(0)
        index = match.end()
        if char == "\\":
            index += 1
        elif char == open_char:
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return match.start()
