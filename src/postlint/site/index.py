"""The site index: every post of the run (and of the configured content dirs) for cross-post rules.

A post's URL path follows DESIGN.md "Site, URLs and files": its path under the
content root without the extension (`index.md`/`_index.md` stand for their
folder) with a trailing slash; front matter `slug` replaces the last segment,
`url`/`permalink` replace the whole path, and the `site.permalink` pattern
(`/blog/{slug}/`) overrides the default pattern. Each indexed post is a small
`PostSummary` (cheap to build from a `Post`, and plain data so a cache can store it).
"""

from __future__ import annotations

import fnmatch
import itertools
import os
import posixpath
import re
import stat as stat_module
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator
from urllib.parse import quote, unquote, urlsplit

from ..model.lazyregex import lazy_regex
from ..model.conventions import strip_date
from ..model.generators import ELEVENTY_TEMPLATE_SUFFIXES, PRESETS, PathInfo, SiteSettings, builds, classify, relative_to
from ..parse.frontmatter import is_blank
from ..parse.paths import parts_under, path_key
from ..parse.templatemark import makes_anchors
from .collect import MARKDOWN_SUFFIXES

if TYPE_CHECKING:  # pragma: no cover
    from ..model.config import Config
    from ..model.context import Context
    from ..parse.document import Post
    from .gitignore import GitIgnore
    from .graphmemo import GraphMemo
    from .postfacts import PostFacts

DEFAULT_STATIC_DIRS = ("static", "public", "assets")
INDEX_STEMS = ("index", "_index")
#: how many link targets' `internal_path` answers a run keeps (a worker's whole share of a big site)
INTERNAL_PATHS_KEPT = 200_000
#: a member of a post's anchors saying the page also has anchors postlint cannot see (made by a
#: shortcode or include, or a heading of template syntax): a missing `#fragment` is unverified
UNSEEN_ANCHORS = "\0unseen"
#: a member of a post's anchors: the page is MkDocs Material's tags index, with an anchor
#: `tag:<slug>` for each tag (which postlint cannot list)
TAG_ANCHORS = "\0tags"
#: the start of a member of a post's anchors naming an object whose documentation a plugin renders
#: there (mkdocstrings' `::: package.module`): its anchors are the object's path (`package.module`),
#: its members' (`package.module.Class.method`) and its docstring's headings (`package.module--usage`)
AUTODOC_ANCHORS = "\0autodoc:"
#: a block directive's first line, `::: name` alone on its line: mkdocstrings' `::: package.module`
#: (its anchors are the object's path), or another extension's (`::: mkdocs-click`, with
#: `:module:` options: the headings it writes are unknown)
_AUTODOC = lazy_regex(r"^[ \t]{0,3}:::[ \t]+([A-Za-z_][\w.-]*)[ \t]*$", re.MULTILINE)
_HTML_ID = lazy_regex(r"""<[a-zA-Z][^>]*?\s(?:id|name)\s*=\s*["']([^"']+)["']""")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:")


@dataclass(frozen=True)
class PostSummary:
    """What the cross-post rules need to know about one post."""

    path: str  # absolute file path (POSIX)
    display_path: str
    url_path: str  # e.g. "/posts/hello/"
    slug: str
    title: str | None
    description: str | None
    title_line: int = 1
    description_line: int = 1
    slug_line: int = 1
    in_run: bool = True
    #: heading anchors; None until a `#fragment` link needs them (building them needs the Markdown parse)
    anchors: frozenset[str] | None = None
    #: the file says "postlint" (a suppression comment or front-matter ignore may hide a cross-post finding)
    mentions_postlint: bool = True
    #: the focus keyphrases the front matter declares (`Site.keyphrase_field`), each with its line
    keyphrases: tuple[tuple[str, int], ...] = ()
    #: other URL paths the post answers at (Hugo `aliases`, Jekyll `redirect_from`)
    aliases: tuple[str, ...] = ()
    #: False for list pages and pages outside the post folders (not compared for duplicate titles)
    is_post: bool = True
    #: the top-level front-matter keys with a non-blank value (FM011 infers which fields a site uses)
    fields: tuple[str, ...] = ()

    def __reduce__(self) -> tuple[type["PostSummary"], tuple[object, ...]]:
        """Pickled as its values (a cold run's workers send one back for each new post)."""
        return PostSummary, tuple(getattr(self, name) for name in self.__dataclass_fields__)


def _string(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def anchors_of(post: "Post") -> frozenset[str]:
    """Heading anchors, explicit `{#id}`s and HTML ids.

    Both common slug styles are indexed: GitHub/Hugo (`Public/private deps` →
    `publicprivate-deps`) and Zola/`slug` (`public-private-deps`), each with
    `-1`, `-2`… for repeated headings.
    """
    found: set[str] = set()
    counts: dict[str, int] = {}

    def numbered(base: str) -> str:
        """`base`, or `base-1`, `base-2`… where an earlier heading (or term) has it."""
        count = counts.get(base, 0)
        counts[base] = count + 1
        return base if count == 0 else f"{base}-{count}"

    for heading in post.headings:
        if heading.explicit_id:
            found.add(heading.explicit_id)
            continue
        bases = {heading.anchor, loose_slug(heading.text), _toc_slug(heading.text)}
        raw = _SPACES().sub("-", heading.text.strip().lower())
        if raw not in bases:  # markdown-it-anchor's default slug (Eleventy): punctuation kept, URI-encoded
            bases |= {raw, quote(raw, safe="-_.!~*'()")}
        if ":" in heading.text and (plain := _EMOJI_CODE().sub("", heading.text).strip()) != heading.text:
            from ..parse.document import slugify  # `:material-email:` renders an icon, no text

            bases |= {slugify(plain), loose_slug(plain)}
        found.update(numbered(base) for base in bases)
    found.update(match.group(1) for match in _HTML_ID().finditer(post.body))
    found.update(post.index.anchors)  # kramdown `{: #id}` on a paragraph, list or table
    if "{" in post.body:  # an attribute list's id on a paragraph or list item, `[](){#id}` (autorefs)
        found.update(match.group(1) for match in _ATTR_LIST_ID().finditer(post.body))
    found.update(_footnote_anchors(post.body))
    if "=== " in post.body:
        found.update(_tab_anchors(post))
    if post.conventions.term_ids and "\n:" in post.body:  # Hugo's `autoDefinitionTermID`: `Term` above `: definition`
        from ..parse.document import slugify

        # headings and terms share the ids: a repeat gets `-1`
        found.update(numbered(slugify(_MARKUP_CHARS().sub("", match.group(1)))) for match in _DEFINITION_TERM().finditer(post.body))
    if "<!--" in post.body:  # `<!-- md:option x -->`: a build hook's anchor `x` (MkDocs Material: `+x`)
        found.update(name for m in _COMMENT_DIRECTIVE().finditer(post.body) for name in (m.group(1), "+" + m.group(1)))
        if "<!-- material/tags" in post.body and _tags_index(post):  # the tags plugin's index: an anchor `tag:<slug>` per tag
            found.add(TAG_ANCHORS)
    if "::: " in post.body:
        for match in _AUTODOC().finditer(post.body):
            found.add(UNSEEN_ANCHORS if "-" in match.group(1) else AUTODOC_ANCHORS + match.group(1))
    if any(heading.templated for heading in post.headings) or any(makes_anchors(span) for span in post.template_spans):
        found.add(UNSEEN_ANCHORS)
    return frozenset(found)


def _tags_index(post: "Post") -> bool:
    """Whether the tags plugin's marker `<!-- material/tags -->` stands in the page's text, not
    in a code block (a page documenting the plugin shows it in fences)."""
    code = post.index.code_lines
    start = 0
    while (at := post.body.find("<!-- material/tags", start)) >= 0:
        if post.body_offset + post.body.count("\n", 0, at) + 1 not in code:
            return True
        start = at + 1
    return False


def _toc_slug(text: str) -> str:
    """Python-Markdown's `toc` id (MkDocs): punctuation dropped, then runs of spaces and hyphens
    one hyphen (`6. Status & What's Next` is `6-status-whats-next`)."""
    return _TOC_RUNS().sub("-", _TOC_DROP().sub("", text).strip().lower())


def _autodoc_anchor(fragment: str, anchors: frozenset[str]) -> bool:
    """Whether `fragment` is an anchor of an object documented on the page (`AUTODOC_ANCHORS`)."""
    for anchor in anchors:
        if anchor.startswith(AUTODOC_ANCHORS):
            name = anchor[len(AUTODOC_ANCHORS):]
            if fragment == name or fragment.startswith((name + ".", name + "--")):
                return True
    return False


_SPACES = lazy_regex(r"\s+")
_TOC_DROP = lazy_regex(r"[^\w\s-]")
_TOC_RUNS = lazy_regex(r"[-\s]+")
#: a definition list's term: a line of text, then a line opening with `: ` (its definition)
_DEFINITION_TERM = lazy_regex(r"^([^\n:][^\n]{0,200})\n:[ \t]", re.MULTILINE)
_MARKUP_CHARS = lazy_regex(r"[`*_]")
#: an emoji or icon shortcode (`:smile:`, `:material-email-edit:`): an image, no text of the id
_EMOJI_CODE = lazy_regex(r":[a-z0-9_+-]+:")
#: an attribute list's id (Python-Markdown `attr_list`, kramdown, markdown-it-attrs, goldmark,
#: a superfences fence's `{ .sh .no-copy #example }`): `{#id}`, `{: #id .class}`, `{ .a #id }`
_ATTR_LIST_ID = lazy_regex(r"\{:?[ \t]*(?:[^{}\s#][^{}\s]*[ \t]+){0,8}#([\w.:-]+)(?:[ \t][^{}\n]*)?\}")
_FOOTNOTE_DEF = lazy_regex(r"^ {0,3}\[\^([^\]\s]+)\]:", re.MULTILINE)
#: an HTML comment that is a build hook's directive (`<!-- md:option x -->`, MkDocs `hooks:`)
_COMMENT_DIRECTIVE = lazy_regex(r"<!--\s*[a-z][\w-]*:[a-z][\w-]*\s+([\w.:+-]+)[^<>]*?-->")
#: a content tab's title line (pymdownx.tabbed)
_TAB = lazy_regex(r"""^[ \t]*===[!+]?[ \t]+"([^"\n]+)"[ \t]*$""", re.MULTILINE)


def _tab_anchors(post: "Post") -> set[str]:
    """The ids of content tabs (`=== "Tab"`, pymdownx.tabbed with `slugify`): the tab's slug, and
    with `combine_header_slug` the heading above's anchor, `--`, then the tab's slug."""
    found: set[str] = set()
    headings = [(heading.line, heading.anchor) for heading in post.headings]
    for match in _TAB().finditer(post.body):
        slug = loose_slug(match.group(1))
        line = post.body_offset + post.body.count("\n", 0, match.start()) + 1
        above = [anchor for heading_line, anchor in headings if heading_line < line]
        found.update({slug, f"{above[-1]}--{slug}"} if above else {slug})
    return found


def _footnote_anchors(body: str) -> set[str]:
    """The ids footnotes render with: `fn:x`/`fnref:x` by label and by number (Hugo, kramdown,
    Python-Markdown) and `user-content-fn-x` (remark, Docusaurus)."""
    if "[^" not in body:
        return set()
    found: set[str] = set()
    for number, match in enumerate(_FOOTNOTE_DEF().finditer(body), 1):
        for label in {match.group(1), str(number)}:
            found.update((f"fn:{label}", f"fnref:{label}", f"user-content-fn-{label}", f"user-content-fnref-{label}"))
    return found


def keyphrases_of(post: "Post", field_name: str) -> list[tuple[str, int]]:
    """(keyphrase, file line) for a string or a list of strings under `field_name`, spaces folded."""
    value = post.meta.get(field_name)
    info = post.front_matter.fields.get(field_name)
    line = post.meta_line(field_name)
    values = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    items = info.items if info is not None and len(info.items) == len(values) else []
    found = []
    for i, item in enumerate(values):
        if isinstance(item, str) and item.split():
            found.append((" ".join(item.split()), items[i].line if items else line))
    return found
def loose_slug(text: str) -> str:
    """Zola/`slug`-style anchor: every run of non-alphanumerics becomes one hyphen (`a/b c` → `a-b-c`)."""
    return re.sub(r"[\W_]+", "-", text.casefold()).strip("-")


#: `Site._stats` has no entry for the path
_UNASKED = object()


@dataclass
class Site:
    """Every known post by URL path, plus the folders files of the site live in."""

    root: Path
    content_root: Path
    static_dirs: list[Path]
    site_url: str | None = None
    permalink: str | None = None
    #: the front-matter field that names a post's focus keyphrase (SEO009's `field` option)
    keyphrase_field: str = "keyphrase"
    #: the detected generator's settings (`none`: DESIGN.md's default URL rule)
    settings: SiteSettings = field(default_factory=SiteSettings)
    posts: list[PostSummary] = field(default_factory=list)
    by_url: dict[str, list[PostSummary]] = field(default_factory=dict)
    by_path: dict[str, PostSummary] = field(default_factory=dict)
    cwd: Path = field(default_factory=Path.cwd)
    #: the run's posts by path, so their anchors come from the parse the rules share
    run_posts: dict[str, "Post"] = field(default_factory=dict)
    anchor_cache: dict[str, frozenset[str]] = field(default_factory=dict)
    #: how many times a rule asked about other posts or files (the runner keys such posts' results by the whole site)
    lookups: int = 0
    #: posts outside the index that a link led to, read on demand
    linked: dict[str, PostSummary | None] = field(default_factory=dict)
    #: every path a rule asked the file system about since the runner last cleared it, so a
    #: cached result can name the files it depends on (an image beside the post, a static file)
    probed: set[str] = field(default_factory=set)
    _stats: dict[str, "os.stat_result | None"] = field(default_factory=dict)
    _internal: dict[str, str | None] = field(default_factory=dict)
    _field_counts: dict[str, tuple[int, dict[str, int]]] | None = None
    #: the generator's output folder (`check --site-dir`), where any site path can be looked up
    built_dir: Path | None = None
    #: git's ignore rules (`respect-gitignore`): a content file git ignores is one a build step writes
    gitignore: "GitIgnore | None" = None
    _ignore_chains: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: each folder listed to find a page whatever its case: its names by their lower case
    _folded_names: dict[str, dict[str, str]] = field(default_factory=dict)
    #: each indexed post's `PostFacts` by path: from the cache, the workers, or `facts_for`
    facts: dict[str, "PostFacts"] = field(default_factory=dict)
    #: where `facts_for` finds facts not in `facts` before computing them (the runner's cache, read
    #: only when the link graph or a report asks)
    facts_loader: "Callable[[PostSummary], PostFacts | None] | None" = None
    #: an indexed post's content stamp by its path (the runner's: its cache entry), which `signature`
    #: gives for a post's file rather than its size and mtime (an edit that keeps both is seen)
    post_stamp: "Callable[[str], str | None] | None" = None
    #: paths whose facts `facts_for` computed this run (the runner caches them)
    fresh_facts: set[str] = field(default_factory=set)
    #: what is computed once a run from the whole index (the link graph)
    derived: dict[str, object] = field(default_factory=dict)
    #: where the link graph a run before built is recalled and this run's kept (the runner's cache)
    graph_memo: "GraphMemo | None" = None

    # construction ------------------------------------------------------------------

    @classmethod
    def from_config(cls, config: "Config") -> "Site":
        root = config.site_folder
        if config.content_root:
            content_root = config.resolve_path(config.content_root)
        else:
            content_root = root / "content" if (root / "content").is_dir() else root
        if config.static_dirs is not None:
            static = [config.resolve_path(d) for d in config.static_dirs]
        else:
            static = [root / d for d in DEFAULT_STATIC_DIRS if (root / d).is_dir()]
        site = cls(
            root, Path(path_key(content_root)), [Path(path_key(d)) for d in static], config.site_url, config.permalink, settings=config.site,
        )
        site.built_dir = Path(path_key(config.resolve_path(config.built_dir))) if config.built_dir else None
        if config.respect_gitignore:
            from .gitignore import GitIgnore  # nothing is read until a link asks

            site.gitignore = GitIgnore.load(config.root)
        for key in ("SEO009", "keyphrase-cannibalised"):
            field_name = (config.rule_options.get(key) or {}).get("field")
            if isinstance(field_name, str) and field_name:
                site.keyphrase_field = field_name
        return site

    def prepare(self, post: "Post") -> "Post":
        """Give a post read by the site index its generator's conventions (the linter does so for the run's posts)."""
        classify(post, self.settings, self.root)
        return post

    @classmethod
    def build(cls, ctx: "Context") -> "Site":
        """The run's posts, then every other post under the configured content dirs."""
        site = cls.from_config(ctx.config)
        site.cwd = ctx.cwd
        for post in ctx.run_posts:
            site.run_posts[path_key(post.path)] = post
            site.add(site.summarize(site.prepare(post)))
        for post in site._extra_posts(ctx):
            site.add(site.summarize(post, in_run=False))
        return site

    def _extra_posts(self, ctx: "Context") -> Iterable["Post"]:
        from ..parse.document import Post, UnreadableFile
        from ..parse.paths import display_path
        from .collect import collect

        if not ctx.config.content_dirs:
            return
        dirs = [str(ctx.config.resolve_path(d)) for d in ctx.config.content_dirs]
        dirs = [d for d in dirs if os.path.isdir(d)]
        for path in collect(dirs, ctx.config, ctx.config.root).files:
            if path_key(path) in self.by_path:
                continue
            try:
                yield self.prepare(Post.from_path(path, display_path(path, ctx.cwd)))
            except UnreadableFile:
                continue

    def add(self, summary: PostSummary) -> None:
        if summary.path in self.by_path:
            return
        self.posts.append(summary)
        self.by_path[summary.path] = summary
        self.by_url.setdefault(summary.url_path, []).append(summary)
        for alias in summary.aliases:
            if alias != summary.url_path:
                self.by_url.setdefault(alias, []).append(summary)

    def summarize(self, post: "Post", in_run: bool = True) -> PostSummary:
        """A summary from the front matter and path only: no Markdown parse."""
        self.prepare(post)
        meta = post.meta
        key = path_key(post.path)
        url_path, slug = self.url_of(post, key)
        return PostSummary(
            path=key,
            display_path=post.display_path,
            url_path=url_path,
            slug=slug,
            title=post.title,
            description=_string(meta.get("description")),
            title_line=post.meta_line("title"),
            description_line=post.meta_line("description"),
            slug_line=post.meta_line("slug") if "slug" in meta else post.meta_line("url") if "url" in meta else 1,
            in_run=in_run,
            mentions_postlint="postlint" in post.text,
            keyphrases=tuple(keyphrases_of(post, self.keyphrase_field)),
            aliases=tuple(self._aliases(post)),
            is_post=post.is_post,
            fields=tuple(sorted(str(k) for k, v in meta.items() if not is_blank(v))),
        )

    def _aliases(self, post: "Post") -> Iterable[str]:
        for key in post.conventions.alias_keys:
            value = post.meta.get(key)
            for item in [value] if isinstance(value, str) else value if isinstance(value, list) else ():
                if isinstance(item, str) and item.strip() and not _SCHEME.match(item.strip()):
                    yield normalize_url_path(item.split("#", 1)[0])

    # what the site's posts have in common ----------------------------------------------------

    def field_use(self, path: "Path | str", min_posts: int = 0) -> tuple[int, dict[str, int]]:
        """(posts, posts per front-matter field) of the collection `path` belongs to: the posts
        under its folder (a bundle's `index.md` counts with its folder's siblings). A folder of
        fewer than `min_posts` posts (`posts/2024/` of a site filed by year) widens to the folder
        above it, up to the project root."""
        counts = self._field_counts
        if counts is None:
            counts = self._field_counts = {}
            root = path_key(self.root).rstrip("/")
            own: dict[str, tuple[int, Counter[str]]] = {}  # each collection's own posts: one pass over the posts
            for summary in self.posts:
                if summary.is_post:
                    folder = _collection(summary.path)
                    total, fields = own.get(folder) or (0, Counter())
                    fields.update(summary.fields)
                    own[folder] = (total + 1, fields)
            for folder, (total, fields) in own.items():
                while True:  # a collection counts in its own folder and every folder above, up to the root
                    above_total, above = counts.get(folder, (0, {}))
                    for name, count in fields.items():
                        above[name] = above.get(name, 0) + count
                    counts[folder] = (above_total + total, above)
                    parent = posixpath.dirname(folder)
                    if folder == root or parent == folder or not folder.startswith(root + "/"):
                        break
                    folder = parent
        folder = _collection(path_key(path))
        found = counts.get(folder, (0, {}))
        while found[0] < min_posts and folder in counts:
            parent = posixpath.dirname(folder)
            if parent == folder or parent not in counts:
                break
            folder, found = parent, counts[parent]
        return found

    # the file system, asked once per path and run ------------------------------------------

    def file_stat(self, path: "Path | str") -> "os.stat_result | None":
        """What is at `path` (None: nothing), recorded in `probed`; each path is asked once a run.

        A path not asked yet under a folder known to be missing is not asked: the folder is
        recorded in `probed` instead (a file there means the folder is there), so a post with
        a million links to pages of a missing folder keeps one entry, not several per link."""
        key = os.fspath(path)
        if not os.path.isabs(key):
            key = os.path.abspath(key)
        if key not in self._stats:
            missing = self._missing_folder(key)
            if missing is not None:
                self.probed.add(missing)
                return None
        self.probed.add(key)
        return self._stat(key)

    def _stat(self, key: str) -> "os.stat_result | None":
        """`os.stat(key)`, asked once a run; when nothing is there, whether its folder is there is
        asked too (once), for the paths below it."""
        if key not in self._stats:
            try:
                self._stats[key] = os.stat(key)
            except FileNotFoundError:
                self._stats[key] = None
                parent = os.path.dirname(key)
                if parent != key:
                    self._stat(parent)
            except (OSError, ValueError):
                self._stats[key] = None
        return self._stats[key]

    def _missing_folder(self, key: str) -> str | None:
        """The nearest folder above `key` known (asked this run) to be missing; None when the
        nearest folder above it that was asked is there, or none was asked."""
        folder = os.path.dirname(key)
        while folder != key:
            found = self._stats.get(folder, _UNASKED)
            if found is not _UNASKED:
                return folder if found is None else None
            key, folder = folder, os.path.dirname(folder)
        return None

    def is_file(self, path: "Path | str") -> bool:
        found = self.file_stat(path)
        return found is not None and stat_module.S_ISREG(found.st_mode)

    def exists(self, path: "Path | str") -> bool:
        return self.file_stat(path) is not None

    def is_dir(self, path: "Path | str") -> bool:
        found = self.file_stat(path)
        return found is not None and stat_module.S_ISDIR(found.st_mode)

    def signature(self, path: str) -> str:
        """What a cached result assumed about `path`: `-` nothing, `d` a folder, an indexed post's
        content stamp (`post_stamp`), else a file's size and mtime."""
        stamp = self.post_stamp(path) if self.post_stamp is not None else None
        if stamp is not None:
            self.probed.add(path)
            return f"p{stamp}"
        found = self.file_stat(path)
        if found is None:
            return "-"
        if stat_module.S_ISDIR(found.st_mode):
            return "d"
        return f"{found.st_size}:{found.st_mtime_ns}"

    # URL paths -------------------------------------------------------------------------

    def url_of(self, post: "Post", absolute: str | None = None) -> tuple[str, str]:
        """(URL path, slug) of a post: front matter `url`/`permalink`, `site.permalink`, the generator's rule, else its path
        (`absolute`: its `path_key`, when the caller has it)."""
        self.prepare(post)
        meta = post.meta
        prefix, segments = self._place(post.path, absolute if absolute is not None else path_key(post.path))
        slug = _string(meta.get("slug")) or (strip_date(segments[-1]) if segments else "")
        for key in ("url", "permalink"):
            explicit = _string(meta.get(key))
            if explicit:
                return normalize_url_path(explicit), slug
        if self.permalink:
            return normalize_url_path(prefix + "/" + self._expand(self.permalink, post, segments, slug)), slug
        preset = PRESETS.get(self.settings.generator)
        if preset is not None and preset.url_path is not None:
            stem = post.path.name.rsplit(".", 1)[0]
            place = PathInfo(tuple(segments), relative_to(post.path, self.root) or post.path.name, prefix, stem in INDEX_STEMS)
            found = preset.url_path(self.settings, post, place)
            if found is not None:
                return normalize_url_path(found), slug
        if segments and _string(meta.get("slug")):
            segments = [*segments[:-1], slug]
        return normalize_url_path(prefix + "/" + "/".join(segments)), slug

    def _place(self, path: Path, absolute: str) -> tuple[str, list[str]]:
        """(language URL prefix, segments) of a file (`absolute`: its `path_key`): under a language's
        content folder, or `post.<lang>.md`."""
        for _code, folder, prefix in self.settings.languages:
            if not folder:
                continue
            base = path_key(self.root / folder)
            if absolute.startswith(base.rstrip("/") + "/"):
                return prefix, self._segments(path, absolute, base)
        segments = self._segments(path, absolute)
        if segments and self.settings.languages and "." in segments[-1]:
            stem, _, code = segments[-1].rpartition(".")
            for known, _folder, prefix in self.settings.languages:
                if code == known:
                    return prefix, [*segments[:-1], stem] if stem not in INDEX_STEMS else segments[:-1]
        return "", segments

    def _segments(self, path: Path, absolute: str, content_root: str | None = None) -> list[str]:
        """The URL segments of a file (`absolute`: its `path_key`) under `content_root` (a key too;
        the site's content root when None)."""
        parts = parts_under(absolute, content_root if content_root is not None else str(self.content_root))
        if parts is None:  # outside the content root: known by its file name (its folder's, for index.md)
            stem = path.name.rsplit(".", 1)[0]
            parts = list(Path(Path(absolute).parent.name, path.name).parts if stem in INDEX_STEMS else Path(path.name).parts)
        if not parts:
            return []
        stem = parts[-1].rsplit(".", 1)[0] if parts[-1].lower().endswith(MARKDOWN_SUFFIXES) else parts[-1]
        parts[-1] = stem
        if stem in INDEX_STEMS:
            parts.pop()
        return parts

    def _expand(self, pattern: str, post: "Post", segments: list[str], slug: str) -> str:
        date = post.date.value
        values = {
            "slug": slug,
            "filename": segments[-1] if segments else "",
            "section": segments[0] if len(segments) > 1 else "",
            "year": f"{date.year:04d}" if date else "",
            "month": f"{date.month:02d}" if date else "",
            "day": f"{date.day:02d}" if date else "",
            "title": slug,
        }
        return re.sub(r"\{(\w+)\}|:(\w+)", lambda m: values.get(m.group(1) or m.group(2), m.group(0)), pattern)

    # links and files -----------------------------------------------------------------------

    def internal_path(self, url: str) -> str | None:
        """The site path of a link target when it points into the site, else None.

        Root-absolute paths are returned as they are, relative paths with their
        query and fragment, absolute URLs to `site.url` as their path under it.
        Answers are kept for the run: several rules ask about every link.
        """
        try:
            return self._internal[url]
        except KeyError:
            pass
        found = self._internal_path(url)
        if len(self._internal) < INTERNAL_PATHS_KEPT:
            self._internal[url] = found
        return found

    def _internal_path(self, url: str) -> str | None:
        url = url.strip()
        if not url or url.startswith("//"):
            return None
        if _SCHEME.match(url):
            if not self.site_url or not url.lower().startswith(("http://", "https://")):
                return None
            try:
                base, target = urlsplit(self.site_url), urlsplit(url)
            except ValueError:  # not a URL (`https://gi[Boulder](…`, a bracketed host that is no address): not the site's
                return None
            if (target.hostname or "").lower() != (base.hostname or "").lower():
                return None
            base_path = base.path.rstrip("/")
            path = target.path or "/"
            if base_path and not (path == base_path or path.startswith(base_path + "/")):
                return None
            rest = path[len(base_path):] or "/"
            return rest + (f"?{target.query}" if target.query else "") + (f"#{target.fragment}" if target.fragment else "")
        return url

    def resolve(self, post: "Post", url: str) -> "Resolution | None":
        """Where an internal link of `post` lands; None when `url` is not internal."""
        self.lookups += 1
        return self._resolve(post, url)

    def _resolve(self, post: "Post", url: str) -> "Resolution | None":
        target = self.internal_path(url)
        if target is None:
            return None
        path_part, _, fragment = target.partition("#")
        path_part = unquote(path_part.split("?", 1)[0])
        if path_part.startswith("/") and not path_part.startswith("//"):  # most links of a site: no need of `own`
            landed = self._at(path_part, fragment)
            if not landed.found and self.unbuilt(post):  # GitHub shows a README's `/docs/a.md` from the repository's root
                in_project = Path(os.path.normpath(self.root / path_part.lstrip("/")))
                if in_project.is_relative_to(self.root) and self.exists(in_project):
                    return Resolution(True, None, fragment)
            return landed
        own = self.by_path.get(path_key(post.path))
        if not path_part:  # "#fragment" on this page
            return Resolution(True, own, fragment, (self.anchors(own) if own else anchors_of(post)) if fragment else None)
        if path_part.startswith("@/"):  # Zola's internal link: a file path under the content root
            zola = self.content_root / path_part[2:]
            return self._landed(zola, fragment) if self.is_file(zola) else Resolution(False, None, fragment)
        if path_part.startswith("/"):
            candidates = [path_part]
        else:
            base = self._url_base(own.url_path if own else self.url_of(post)[0], post)
            candidates = [posixpath.normpath(posixpath.join(base, path_part))]
            # authors also write links relative to the source file (`../other.md`)
            on_disk = os.path.normpath(os.path.join(os.path.dirname(path_key(post.path)), path_part))
            if self.is_file(on_disk):
                return self._landed(Path(on_disk), fragment)
            if self.settings.generator == "docusaurus" and not path_part.startswith(("./", "../")) and path_part.lower().endswith(MARKDOWN_SUFFIXES):
                found_file = self._docusaurus_file(post, path_part)
                if found_file is not None:
                    return self._landed(found_file, fragment)
            if self.settings.page_paths:  # Hugo's link render hook: `GetPage` beside the page, then from the content root
                page = self._page_near(post, path_part) or self.page_at("/" + path_part)
                if page is not None:
                    return self._hit(page, fragment)
            if path_part.lower().endswith(MARKDOWN_SUFFIXES):  # a source path from the content root (Eleventy's input paths)
                from_root = os.path.normpath(os.path.join(self.content_root, path_part))
                if from_root.startswith(str(self.content_root) + os.sep) and self.is_file(from_root):
                    return self._landed(Path(from_root), fragment)
        return self._at(candidates[0], fragment)

    def _at(self, candidate: str, fragment: str) -> "Resolution":
        """Where the site path `candidate` lands."""
        found = self._lookup(candidate)
        if isinstance(found, PostSummary):
            return self._hit(found, fragment)
        if found is not None:
            return self._landed(found, fragment) if self.is_file(found) else Resolution(True, None, fragment)
        return Resolution(False, None, fragment)

    @cached_property
    def sections(self) -> frozenset[str]:
        """`/` and every folder path above an indexed post (`/posts/` for `/posts/x/`): list pages."""
        found = {"/"}
        for url in self.by_url:
            parts = url.strip("/").split("/")[:-1]
            found.update("/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts)))
        return frozenset(found)

    def covers(self, path: str) -> bool:
        """Whether a root-absolute site path lies in what the index holds: its first segment is
        that of an indexed post's URL or a top-level name in a static dir or the content root.
        A link elsewhere (an app route, another section or language, a module mount) cannot be
        verified."""
        plain = unquote(path.split("?", 1)[0].split("#", 1)[0])
        first = plain.lstrip("/").split("/", 1)[0]
        if not first or first in self._url_roots or self.settings.root_covered:
            return True
        # a static folder holds files: a page path under it (`/docs/intro` beside `static/docs/assets/`)
        # is another plugin's route, not one of its files
        page = "." not in plain.rstrip("/").rsplit("/", 1)[-1]
        folders = [self.content_root] if page else [*self.static_dirs, self.content_root]
        # asked through `exists`, so a cached result names the folders it depends on
        return any(self.exists(child_path(folder, first)) for folder in folders)

    def built(self, path: str) -> bool | None:
        """Whether the built site has a page or file at the root-absolute `path` (`/a/b/` as
        `a/b/index.html`, `a/b.html` or the file `a/b`); None without a built site."""
        if self.built_dir is None:
            return None
        rel = posixpath.normpath(unquote(path.split("#", 1)[0].split("?", 1)[0]).lstrip("/"))
        if rel.startswith("..") or posixpath.isabs(rel):
            return False  # never looked for outside the built site
        target = self.built_dir if rel == "." else self.built_dir / rel
        candidates = [target / "index.html", target.with_name(target.name + ".html"), target]
        return any(self.is_file(candidate) for candidate in candidates)

    def ignored_page(self, path: str) -> bool:
        """Whether a root-absolute site path names a content file git ignores: a page a build step
        writes before the generator runs (docs imported from other repositories), which postlint
        cannot see. Each `.gitignore` on the way is recorded as looked at (an edit re-lints)."""
        if self.gitignore is None:
            return False
        plain = unquote(path.split("#", 1)[0].split("?", 1)[0])
        candidates: list[str] = []
        for prefix, root in self._content_roots():
            if prefix and not (plain + "/").startswith(prefix + "/"):
                continue
            stripped = plain[len(prefix):].strip("/").removesuffix(".html")
            if stripped and ".." not in stripped.split("/"):
                candidates += [child_path(root, name) for name in _page_names(stripped, (".md",))]
        return self._ignored_file(candidates)

    def ignored_file(self, post: "Post", ref: str) -> bool:
        """Whether a relative link names, from the post's folder, a file git ignores (a page a
        build step writes: `../cmd/flux_get.md`) or one in a submodule not checked out."""
        plain = unquote(ref.split("#", 1)[0].split("?", 1)[0])
        if not plain:
            return False
        target = os.path.normpath(os.path.join(os.path.dirname(path_key(post.path)), plain))
        if not target.startswith(str(self.root) + os.sep):
            return False
        if self.in_submodule(target):
            return True
        if self.gitignore is None:
            return False
        pages = () if plain.lower().endswith(MARKDOWN_SUFFIXES) else _page_names(target, (".md",), os.sep)
        return self._ignored_file([target, *pages])

    def in_submodule(self, path: str) -> bool:
        """Whether the absolute `path` lies in a git submodule's folder that is not checked out
        (missing or empty): the build fetches it first (`git submodule update`), postlint cannot
        see into it. `.gitmodules` and the folder are recorded as looked at."""
        gitmodules = os.path.join(self.root, ".gitmodules")
        self.probed.add(gitmodules)
        for folder in self._submodules:
            if path.startswith(folder + os.sep):
                self.probed.add(folder)
                try:
                    with os.scandir(folder) as entries:
                        return next(entries, None) is None
                except OSError:
                    return True
        return False

    @cached_property
    def _submodules(self) -> tuple[str, ...]:
        from .gitignore import submodule_folders

        return submodule_folders(self.root)

    def _ignored_file(self, candidates: list[str]) -> bool:
        assert self.gitignore is not None
        for candidate in candidates:
            folder = os.path.dirname(candidate)
            looked = self._ignore_files(folder)
            self.probed.update(looked)
            if looked and looked[-1] != os.path.join(folder, ".gitignore") and looked[-1] != folder:
                if not looked[-1].endswith(os.sep + ".gitignore") and self.gitignore.ignored(looked[-1], True):
                    return True  # the topmost missing folder is one git ignores (`/source/documentation/js-api`)
                continue  # a folder above the file's is missing too: what git ignores below it is not asked about
            if self.gitignore.ignored(candidate, False):
                return True
        return False

    def _ignore_files(self, folder: str) -> tuple[str, ...]:
        """What git's decision about a file of `folder` rests on, to record as looked at: each
        `.gitignore` from the project root down to `folder`, and for a missing folder the topmost
        missing one instead of the files below it (a `.gitignore` there means it exists), last.
        Made once a folder a run: a post with a million links asks a few dictionary lookups each.
        A file is asked about when its folder exists or is the only one missing (a folder of
        pages a build step writes, `cmd/`, with its pattern `cmd/tool*` above it)."""
        found = self._ignore_chains.get(folder)
        if found is None:
            root = str(self.root)
            paths: list[str] = []
            if folder == root or folder.startswith(root + os.sep):
                current = root  # down from the root: the first missing folder ends the walk
                for part in [p for p in folder[len(root):].split(os.sep) if p] + [None]:
                    if self._stat(current) is None:
                        paths.append(current)
                        break
                    paths.append(os.path.join(current, ".gitignore"))
                    if part is None:
                        break
                    current = os.path.join(current, part)
            found = tuple(paths)
            if len(self._ignore_chains) < INTERNAL_PATHS_KEPT:
                self._ignore_chains[folder] = found
        return found

    def builds(self, path: str) -> bool:
        """Whether the generator builds the file at the absolute `path` (`generators.builds`)."""
        return builds(self.settings, self.root, path)

    def unbuilt(self, post: "Post") -> bool:
        """Whether `post` is a file the detected generator builds no page of (a `README.md` beside
        the site, named on the command line): GitHub shows it, resolving `/x` from the project."""
        return self.settings.generator != "none" and not builds(self.settings, self.root, path_key(post.path))

    def generated(self, path: str) -> bool:
        """Whether the generator builds a page at the root-absolute site `path` from no content
        file: a tag, category, archive or pager page (`SiteSettings.generated`)."""
        pattern = self._generated
        if pattern is None:
            return False
        plain = unquote(path.split("#", 1)[0].split("?", 1)[0]).rstrip("/") or "/"
        return pattern.match(plain) is not None

    @cached_property
    def _generated(self) -> "re.Pattern[str] | None":
        patterns = self.settings.generated
        return re.compile("|".join(fnmatch.translate(p) for p in patterns)) if patterns else None

    @cached_property
    def _url_patterns(self) -> "tuple[re.Pattern[str] | None, list[tuple[re.Pattern[str], list[PostSummary]]]]":
        """The posts whose URL is a pattern (a `*` where the generator fills in what postlint
        cannot compute: an Eleventy permalink with a site's own filter), one regex for them all,
        then each."""
        each = [(re.compile(fnmatch.translate(url)), found) for url, found in self.by_url.items() if "*" in url]
        return (re.compile("|".join(p.pattern for p, _ in each)) if each else None), each

    def _patterned(self, path: str) -> "PostSummary | Path | None":
        """The post whose URL pattern `path` matches; the content root (landed, its fragment not
        checked) when several posts' patterns match it (which one is unknown)."""
        joined, each = self._url_patterns
        if joined is None:
            return None
        variants = _url_variants(path)
        if not any(joined.match(variant) for variant in variants):
            return None
        found = {id(summary): summary for pattern, summaries in each if any(pattern.match(v) for v in variants) for summary in summaries}
        return next(iter(found.values())) if len(found) == 1 else self.content_root

    @cached_property
    def _url_roots(self) -> frozenset[str]:
        """The first path segment of every indexed post's URL."""
        return frozenset(url.strip("/").split("/", 1)[0] for url in self.by_url)

    def _landed(self, path: Path, fragment: str) -> "Resolution":
        """A link that reached a file: a post (indexed, or read now for its anchors) or any other file."""
        summary = self.by_path.get(path_key(path)) or self._linked(path)
        if summary is None:
            return Resolution(True, None, fragment)
        return self._hit(summary, fragment)

    def _hit(self, summary: PostSummary, fragment: str) -> "Resolution":
        return Resolution(True, summary, fragment, self.anchors(summary) if fragment else None)

    def anchors(self, summary: PostSummary) -> frozenset[str]:
        """The anchors of an indexed post, computed on first use (one parse per post at most). Its
        file is recorded in `probed`: a cached result that read them holds while the file is as it was
        (the site's shape, `results.site_shape`, knows the post's summary, not its headings)."""
        self.probed.add(summary.path)
        if summary.anchors is not None:
            return summary.anchors
        if summary.path not in self.anchor_cache:
            from ..parse.document import Post, UnreadableFile

            post = self.run_posts.get(summary.path)
            try:
                post = post or self.prepare(Post.from_path(Path(summary.path)))  # its generator's ways (term ids, admonitions)
                self.anchor_cache[summary.path] = anchors_of(post)
            except UnreadableFile:
                self.anchor_cache[summary.path] = frozenset()
        return self.anchor_cache[summary.path]

    def facts_for(self, summary: PostSummary) -> "PostFacts":
        """The post's `PostFacts`: known (cache, worker), else computed now: a post of the run
        from its parse (the linter's, when it is at hand), any other from a scan of its source
        (links only)."""
        found = self.facts.get(summary.path)
        if found is None and self.facts_loader is not None:
            found = self.facts_loader(summary)
            if found is not None:
                self.facts[summary.path] = found
        if found is not None:
            return found
        from ..parse.document import Post, UnreadableFile
        from .postfacts import PostFacts, facts_of, scanned_targets

        post = self.run_posts.get(summary.path)
        try:
            if post is None and not summary.in_run:  # only indexed: its source scanned, not parsed
                found = PostFacts(scanned_targets(Post.from_path(Path(summary.path), summary.display_path).body, self))
            else:
                found = facts_of(post or self.prepare(Post.from_path(Path(summary.path), summary.display_path)), self)
        except UnreadableFile:
            found = PostFacts()
        self.facts[summary.path] = found
        self.fresh_facts.add(summary.path)
        return found

    def resolve_link(self, source: "Post", url: str) -> "Resolution | None":
        """`resolve` for the site's own use (the link graph): not counted as a rule's lookup."""
        return self._resolve(source, url)

    def _linked(self, path: Path) -> PostSummary | None:
        if not path.name.lower().endswith(MARKDOWN_SUFFIXES):
            return None
        key = path_key(path)
        self.file_stat(key)  # its content is part of what the linking post's result depends on
        if key not in self.linked:
            from ..parse.document import Post, UnreadableFile
            from ..parse.paths import display_path

            try:
                self.linked[key] = self.summarize(self.prepare(Post.from_path(path, display_path(path, self.cwd))), in_run=False)
            except UnreadableFile:
                self.linked[key] = None
        return self.linked[key]

    def _lookup(self, path: str) -> "PostSummary | Path | None":
        found = self._lookup_here(path)
        if found is None and self.settings.fallback_prefixes:
            for prefix in self.settings.fallback_prefixes:  # a locale's page not translated yet
                if path.startswith(prefix + "/"):
                    return self._lookup_here(path[len(prefix):])
        return found

    def _lookup_here(self, path: str) -> "PostSummary | Path | None":
        for variant in _url_variants(path):
            matches = self.by_url.get(variant)
            if matches:
                return matches[0]
        patterned = self._patterned(path)
        if patterned is not None:
            return patterned
        if normalize_url_path(path) in self.sections:
            return self.content_root  # the home page or a section's list page, which the theme renders
        if self.settings.page_paths:
            page = self.page_at(path)
            if page is not None:
                return page
        rel = path.lstrip("/")
        for folder in [*self.static_dirs, self.content_root]:
            candidate = child_path(folder, rel)  # a string: a Path a link costs more than the lookup
            if rel and self.exists(candidate):
                if self.is_dir(candidate) and not any(self.exists(os.path.join(candidate, f"{stem}{suffix}")) for stem in (*INDEX_STEMS, "index") for suffix in (*MARKDOWN_SUFFIXES, ".html")):
                    continue
                return Path(candidate)
        if rel and not rel.endswith((".html", "/")):  # `/api/x` for `api/x.html`: static hosts serve it there
            for folder in self.static_dirs:
                candidate = child_path(folder, rel.rstrip("/") + ".html")
                if self.is_file(candidate):
                    return Path(candidate)
        # a post under a content root that the index does not hold (no content-dirs configured), or an
        # HTML content file (Hugo); a language's own content folder serves the paths under its prefix
        variants = _url_variants(path)
        pages = ELEVENTY_TEMPLATE_SUFFIXES if self.settings.generator == "eleventy" else ()
        for candidate in self._content_files(path, (*MARKDOWN_SUFFIXES, ".html", *pages)):
            if not self.is_file(candidate) or path_key(candidate) in self.by_path:
                continue  # an indexed post publishes at its own URL path, checked above
            if not candidate.endswith(MARKDOWN_SUFFIXES):  # an HTML page, or another template language's
                return Path(candidate)
            summary = self._linked(Path(candidate))
            if summary is not None and summary.url_path in variants:
                return summary
        return None

    def page_at(self, path: str) -> PostSummary | None:
        """The page whose content path `path` names (`/docs/a` → `docs/a.md`, `docs/a/index.md`), under
        the language content folder of its prefix or the content root, as Hugo's `GetPage` finds it."""
        self.lookups += 1
        return self._first_page(self._content_files(path, MARKDOWN_SUFFIXES))

    def _first_page(self, candidates: Iterable[str]) -> PostSummary | None:
        """The first of `candidates` (file paths) that is an indexed post, or a Markdown file read
        now for its summary; else, as Hugo's `GetPage` matches paths whatever their case
        (`relURL` finds `RelURL.md`), the first whose file name differs only in case."""
        missed: list[str] = []
        for candidate in candidates:
            found = self.by_path.get(path_key(candidate))
            if found is not None or (self.is_file(candidate) and (found := self._linked(Path(candidate))) is not None):
                return found
            missed.append(candidate)
        for candidate in missed:
            folded = self._case_folded(candidate)
            if folded is not None and (found := self.by_path.get(path_key(folded)) or self._linked(Path(folded))) is not None:
                return found
        return None

    def _case_folded(self, path: str) -> str | None:
        """The file in `path`'s folder whose name is `path`'s but for case, if there is one (the
        folder's listing read once a run, and recorded as looked at)."""
        folder, name = os.path.split(path)
        names = self._folded_names.get(folder)
        if names is None:
            if len(self._folded_names) >= FOLDED_FOLDERS or not self.is_dir(folder):
                return None
            try:
                with os.scandir(folder) as entries:
                    names = {entry.name.lower(): entry.name for entry in itertools.islice(entries, FOLDED_NAMES)}
            except OSError:
                names = {}
            self._folded_names[folder] = names
            self.probed.add(folder)
        actual = names.get(name.lower())
        return os.path.join(folder, actual) if actual is not None and actual != name else None

    def _docusaurus_file(self, post: "Post", ref: str) -> Path | None:
        """The file a bare Markdown link (`view.md`, not `./view.md`) names as Docusaurus finds it
        after the page's own folder: from the root of the docs (or blog) folder the page is in,
        then from the site's folder; never outside the project."""
        rel = relative_to(post.path, self.root)
        folders = [folder for folder, _route in self.settings.permalinks if rel is not None and rel.startswith(folder.rstrip("/") + "/")]
        for folder in [*folders, "."]:
            candidate = os.path.normpath(os.path.join(self.root, folder, ref))
            if candidate.startswith(str(self.root) + os.sep) and self.is_file(candidate):
                return Path(candidate)
        return None

    def _url_base(self, url_path: str, post: "Post") -> str:
        """What a browser resolves a page's relative links from: its URL, or its folder's where
        the URL has no trailing `/` (Docusaurus: `/docs/a` → `/docs/`), but for a folder's own
        page (`roadmap/README.md`, `index.md`, `roadmap/roadmap.md`), whose URL is the folder's
        with its `/` (`/docs/roadmap/`) unless the site says `trailingSlash: false`. (The link
        graph's `post` is its path alone: no front matter, so no `slug`.)"""
        if url_path.endswith(".html"):  # `/sqlcop/index.html`: its links resolve from `/sqlcop/`
            return posixpath.dirname(url_path) + "/"
        if self.settings.trailing_slash:
            return url_path
        path = Path(post.path)
        stem = path.name.rsplit(".", 1)[0]
        slug = (getattr(post, "meta", None) or {}).get("slug")
        folders_own = slug.endswith("/") if isinstance(slug, str) else stem.lower() in ("index", "readme") or stem == path.parent.name
        if folders_own and self.settings.index_slash:
            return url_path.rstrip("/") + "/"  # (a `slug` decides: `slug: /` is the docs' home, `/docs/`)
        return posixpath.dirname(url_path.rstrip("/")).rstrip("/") + "/"

    def _page_near(self, post: "Post", ref: str) -> PostSummary | None:
        """The page a relative `ref` names from `post` as Hugo's `GetPage` finds it: from the
        post's folder (a leaf bundle's `index.md`: from the bundle's parent folder, unless `ref`
        starts with `../`), as `x.md`, `x/index.md` or `x/_index.md`; never outside the content root."""
        source = path_key(post.path)
        base = os.path.dirname(source)
        if os.path.basename(source).rsplit(".", 1)[0] == "index" and not ref.startswith("../"):
            base = os.path.dirname(base)
        stripped = ref.strip("/").removesuffix(".html")
        if not stripped:
            return None
        target = os.path.normpath(os.path.join(base, stripped))
        if not target.startswith(str(self.content_root) + os.sep) or not self.is_dir(os.path.dirname(target)):
            return None
        self.lookups += 1
        return self._first_page(_page_names(target, MARKDOWN_SUFFIXES, os.sep))

    def _content_files(self, path: str, suffixes: tuple[str, ...]) -> Iterable[str]:
        """The files a site path may name under the content folder of its language prefix (or the
        content root): `a/b.md`, `a/b/index.md`, `a/b/_index.md` for each suffix; `.html` dropped.
        Strings (`child_path`), not `Path`s: a link to a page the site does not have asks for
        eighteen of them."""
        for prefix, root in self._content_roots():
            if prefix and not (path + "/").startswith(prefix + "/"):
                continue
            stripped = path[len(prefix):].strip("/")
            if stripped.endswith(".html"):
                stripped = stripped[: -len(".html")]
            if not stripped:
                continue
            folder = posixpath.dirname(stripped)
            if folder and not self.is_dir(child_path(root, folder)):
                # every candidate lies in that folder: one question, not three a suffix (a link
                # roundup of a million pages of a folder the site does not have, issue #19)
                continue
            yield from (child_path(root, name) for name in _page_names(stripped, suffixes))
            if self.settings.generator == "eleventy":  # `authors/authors.njk` is `/authors/`: a file named as its folder
                name = posixpath.basename(stripped)
                yield from (child_path(root, f"{stripped}/{name}{suffix}") for suffix in suffixes)

    def _content_roots(self) -> list[tuple[str, Path]]:
        """(URL prefix, folder) of each language's content folder, then ("", the content root)."""
        roots = [(prefix, Path(path_key(self.root / folder))) for _code, folder, prefix in self.settings.languages if folder]
        return sorted(roots, key=lambda item: -len(item[0])) + [("", self.content_root)]

    def asset_candidates(self, post: "Post", src: str) -> list[Path] | None:
        """Where a local image may live: static dirs for root-absolute paths, the post's folder (then the static dirs) otherwise.

        None for remote images, `data:` URIs and anything else that is not a local path.
        """
        self.lookups += 1
        target = self.internal_path(src)
        if target is None or target.startswith("#"):
            return None
        target = unquote(target.split("#", 1)[0].split("?", 1)[0])
        if not target:
            return None
        if target.startswith("/"):
            rel = target.lstrip("/")
            found = [folder / rel for folder in self.static_dirs] + [self.content_root / rel]
            return list(dict.fromkeys([self.root / rel, *found] if self.unbuilt(post) else found))  # as GitHub shows a README
        for alias, folder in self.settings.import_aliases:  # `@/assets/a.png`: Vite's alias for `src/`
            if target.startswith(alias):
                return [Path(os.path.normpath(self.root / folder / target[len(alias):]))]
        beside = Path(os.path.normpath(post.path.absolute().parent / target))
        candidates = [beside] + [Path(os.path.normpath(folder / target)) for folder in self.static_dirs]
        in_content = relative_to(beside, self.content_root)
        if in_content is not None and len(self.static_dirs) > 1:  # MkDocs: `docs/x/../assets/a.svg` is the theme's `assets/a.svg`
            candidates += [folder / in_content for folder in self.static_dirs]
        if self.settings.generator == "eleventy":
            # eleventy-img (`{% image "assets/x.jpg" %}`) and a template's `{{ image | url }}` read it from the project root
            candidates.append(Path(os.path.normpath(self.root.absolute() / target)))
        if self.settings.generator != "none":
            # the browser resolves it from the page's URL (`/docs/a/` + `../../img/x.png` = `/img/x.png`)
            own = self.by_path.get(path_key(post.path))
            from_url = posixpath.normpath(posixpath.join(self._url_base(own.url_path if own else self.url_of(post)[0], post), target)).lstrip("/")
            if from_url and not from_url.startswith(".."):
                candidates += [folder / from_url for folder in self.static_dirs]
                if self.settings.generator == "hugo":  # Hugo publishes a content folder's other files at their path
                    for prefix, root in self._content_roots():
                        if ("/" + from_url).startswith(prefix + "/"):
                            candidates.append(Path(child_path(root, from_url[len(prefix.lstrip("/")) :].lstrip("/"))))
        return list(dict.fromkeys(candidates))

    def bundle_file(self, src: str) -> Path | None:
        """The file of a Hugo page bundle that a root-absolute `src` names by the page's URL
        (`/2023/06/21/roundup/cover.jpg` for `content/blog/roundup/cover.jpg`: Hugo publishes a
        bundle's files beside its page), when that file exists; asks the index."""
        target = self.internal_path(src)
        if self.settings.generator != "hugo" or not target or not target.startswith("/"):
            return None
        page_url, name = posixpath.split(unquote(target.split("#", 1)[0].split("?", 1)[0]))
        if not name:
            return None
        self.lookups += 1
        for variant in _url_variants(page_url):
            for summary in self.by_url.get(variant, ()):
                if posixpath.basename(summary.path).rsplit(".", 1)[0] in INDEX_STEMS:
                    candidate = Path(posixpath.dirname(summary.path)) / name
                    return candidate if self.is_file(candidate) else None
        return None

    def asset_key(self, post: "Post", src: str) -> str:
        """A comparable form of an image path: `/media/a.webp` = `media/a.webp` = `https://site/media/a.webp`."""
        target = self.internal_path(src)
        if target is None:
            return src.strip()
        target = unquote(target.split("#", 1)[0].split("?", 1)[0])
        return posixpath.normpath("/" + target.lstrip("./").lstrip("/")) if target else ""


@dataclass(frozen=True)
class Resolution:
    """The outcome of resolving an internal link."""

    found: bool
    post: PostSummary | None
    fragment: str = ""
    anchors: frozenset[str] | None = None  # the target's anchors, when it is a post

    @property
    def fragment_missing(self) -> bool:
        """The target is a post that has no anchor `fragment` names. A text fragment (`#:~:text=…`)
        names no anchor (after an id, `#id:~:text=…`, the id is checked); `#/route` and `#!` are a
        script's routes; a post whose template makes anchors may have it (unverified)."""
        if not (self.found and self.fragment and self.anchors is not None):
            return False
        fragment = unquote(self.fragment).split(":~:", 1)[0]
        if not fragment or fragment.startswith(("/", "!")):
            return False
        if fragment in self.anchors or UNSEEN_ANCHORS in self.anchors or fragment.lower() == "top":
            return False  # `#top` scrolls to the top of any page (the HTML standard), id or not
        if fragment.startswith("tag:") and TAG_ANCHORS in self.anchors:
            return False  # a tag on the tags index
        return not _autodoc_anchor(fragment, self.anchors)


def _collection(path: str) -> str:
    """The folder whose posts form `path`'s collection (a bundle's `index.md`: its folder's parent)."""
    folder, name = posixpath.split(path)
    if name.rsplit(".", 1)[0] in (*INDEX_STEMS, posixpath.basename(folder)):  # `x/index.md`, Eleventy's `x/x.md`
        folder = posixpath.dirname(folder)
    return folder


def normalize_url_path(path: str) -> str:
    """`posts/x` → `/posts/x/`; paths to files (`/feed.xml`) keep no trailing slash."""
    path = "/" + path.strip().strip("/")
    if path == "/":
        return path
    last = path.rsplit("/", 1)[-1]
    return path if "." in last else path + "/"


#: the most folders listed a run to find a page whatever its case, and the most names read from each
FOLDED_FOLDERS, FOLDED_NAMES = 1_000, 10_000


def _page_names(stem: str, suffixes: Iterable[str], sep: str = "/") -> Iterator[str]:
    """The files a page `stem` may be, in the order they are looked for: `stem.md`,
    `stem/index.md`, `stem/_index.md` for each suffix (`sep` joins a path of the file system)."""
    for suffix in suffixes:
        yield f"{stem}{suffix}"
        yield f"{stem}{sep}index{suffix}"
        yield f"{stem}{sep}_index{suffix}"


def child_path(folder: Path, rel: str) -> str:
    """`str(folder / rel)` without making a `Path` (a link roundup asks this a million times):
    `rel` is relative (no leading slash); empty and `.` segments dropped, as `pathlib` does; `..` kept."""
    parts = [part for part in rel.split("/") if part and part != "."]
    return os.path.join(folder, *parts) if parts else os.fspath(folder)


def _url_variants(path: str) -> list[str]:
    path = "/" + path.lstrip("/")
    variants = [path, normalize_url_path(path)]
    for suffix in ("index.html", ".html", ".md", "/index.md", "/_index.md"):
        if path.endswith(suffix):
            variants.append(normalize_url_path(path[: -len(suffix)]))
    return variants
