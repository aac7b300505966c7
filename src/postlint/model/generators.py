"""Static-site generators: detect the one that builds the site and read its config (layer: model/, read by the config).

`detect(root)` looks at a few names at the project root (a handful of stat
calls) and `read_site(root, name)` reads that generator's own config once per
run: site URL, content and static folders, languages, permalink patterns and
the folders that hold posts. JavaScript configs (Astro, Docusaurus, Eleventy)
are never executed: only literal values (`site: "https://…"`, `url: '…'`,
`baseUrl: '…'`, `input: "…"`) are read with regular expressions.

Each generator is one `Preset` in `PRESETS`: how to detect it, how to read its
config, its field conventions (`conventions.Conventions`), the folders that
never hold posts (templates, partials, data) and how a post's URL path is
built (`url_path`). docs/generators.md documents what each reads.
"""

from __future__ import annotations

import fnmatch
import itertools
import json
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import yaml

from .lazyregex import lazy_regex
from .conventions import Conventions, strip_date

if TYPE_CHECKING:  # pragma: no cover
    from ..parse.document import Post

GENERATOR_NAMES = ("auto", "none", "hugo", "jekyll", "astro", "mkdocs", "docusaurus", "eleventy")
#: the largest generator config read (a bigger one is treated as unreadable)
CONFIG_MAX_BYTES = 2_000_000
JS_SUFFIXES = (".js", ".mjs", ".cjs", ".ts", ".mts", ".cts")


@dataclass(frozen=True)
class SiteSettings:
    """What the generator's config says about the site; folders relative to the project root (POSIX)."""

    generator: str = "none"
    config_file: str | None = None
    url: str | None = None
    #: the folder URL paths are counted from (`content/`, `docs/`, `src/content/`, `.`)
    content_root: str | None = None
    #: folders `postlint check` lints without paths, and the site index reads
    content_dirs: tuple[str, ...] = ()
    static_dirs: tuple[str, ...] = ()
    #: folders whose Markdown files are posts (empty: every page under the content dirs is a post,
    #: unless `pages_only`)
    post_dirs: tuple[str, ...] = ()
    #: folders of pages inside a post folder (Astro: a collection without a date whose folder lies
    #: in a dated collection's glob `base`, `src/content/about/` in `src/content/`): pages
    page_dirs: tuple[str, ...] = ()
    #: the site has no posts, only pages: a docs site (MkDocs without its blog plugin, Docusaurus
    #: without a blog folder, Astro whose content collections have no dated schema), whose pages
    #: need no date or front matter
    pages_only: bool = False
    #: (folder under the content root, or `*` for posts, pattern) in the generator's own syntax
    permalinks: tuple[tuple[str, str], ...] = ()
    #: (language code, content folder, URL prefix)
    languages: tuple[tuple[str, str, str], ...] = ()
    #: folders and globs that never hold posts (templates, partials, data)
    exclude: tuple[str, ...] = ()
    #: shell patterns of site paths the generator builds from no content file (tag, category,
    #: archive and pagination pages): an internal link to one lands
    generated: tuple[str, ...] = ()
    #: what could not be read (printed by `postlint site`)
    notes: tuple[str, ...] = ()
    #: the generator's conventions as its config changes them (None: the preset's)
    conventions: Conventions | None = None
    #: a link may name a page by its content path (`/docs/a` for `docs/a.md` whatever its `slug`):
    #: Hugo's embedded link render hook, on for multilingual single-host sites or by config
    page_paths: bool = False
    #: a page's URL ends with `/` (`/blog/a/`), so a browser resolves its relative links from
    #: it; False where it does not (Docusaurus without `trailingSlash: true`: `/docs/a`, whose
    #: relative links resolve from `/docs/`)
    trailing_slash: bool = True
    #: where `trailing_slash` is False: a folder's own page (Docusaurus' category index,
    #: `roadmap/README.md`) still has the folder's URL with its `/`, unless the config says
    #: `trailingSlash: false` (then `/docs/roadmap`, resolving from `/docs/`)
    index_slash: bool = True
    #: every path of the site is a content page, a path `generated` lists or a static file, so a
    #: root-absolute link anywhere is checked (Astro serving a collection from the root, as
    #: Starlight serves its docs, with its `src/pages` routes read); else a link whose first
    #: segment no indexed page has is not verified (another section, an app route)
    root_covered: bool = False
    #: link destinations the site's own render hook compares with a literal and renders itself
    #: (hugoDocs' `[term](g)`, a glossary link): no page or file of the site, never checked
    hook_destinations: tuple[str, ...] = ()
    #: the folders the generator builds pages from, where that is not all of the content root
    #: (Docusaurus: its plugins' folders; a `*` matches one folder name); empty: the content root
    #: and the content folders
    built_dirs: tuple[str, ...] = ()
    #: Docusaurus docs plugins' folders by plugin `id` (their translations live in
    #: `i18n/<locale>/docusaurus-plugin-content-docs-<id>/`)
    plugin_folders: tuple[tuple[str, str], ...] = ()
    #: URL prefixes whose missing pages fall back to the page without the prefix (Starlight's
    #: locales: `/es/guides/a/` shows `/guides/a/` until it is translated)
    fallback_prefixes: tuple[str, ...] = ()
    #: import aliases a path may start with, and the project folder each stands for (Astro's
    #: `tsconfig.json` `paths`: `@/*` → `src/*`, so `![x](@/assets/a.png)` is `src/assets/a.png`)
    import_aliases: tuple[tuple[str, str], ...] = ()
    #: directory-data file extensions besides JSON and JavaScript that the generator reads
    #: (Eleventy's `addDataExtension("yml, yaml", …)`): `yml`, `yaml`
    data_extensions: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "generator": self.generator,
            "config_file": self.config_file,
            "url": self.url,
            "content_root": self.content_root,
            "content_dirs": list(self.content_dirs),
            "static_dirs": list(self.static_dirs),
            "post_dirs": list(self.post_dirs),
            "permalinks": {folder: pattern for folder, pattern in self.permalinks},
            "languages": {code: {"content_dir": folder, "prefix": prefix} for code, folder, prefix in self.languages},
            "exclude": list(self.exclude),
            "generated": list(self.generated),
            "notes": list(self.notes),
            "page_paths": self.page_paths,
            "trailing_slash": self.trailing_slash,
            "index_slash": self.index_slash,
            "pages_only": self.pages_only,
            "page_dirs": list(self.page_dirs),
            "root_covered": self.root_covered,
            "hook_destinations": list(self.hook_destinations),
            "built_dirs": list(self.built_dirs),
            "plugin_folders": dict(self.plugin_folders),
            "fallback_prefixes": list(self.fallback_prefixes),
            "import_aliases": {alias: folder for alias, folder in self.import_aliases},
            "data_extensions": list(self.data_extensions),
        }


@dataclass(frozen=True)
class PathInfo:
    """A post's place in the site: its path under the content root, split."""

    #: folders under the content root (language folder removed), then the file stem; `index`/`_index` dropped
    segments: tuple[str, ...]
    #: the path relative to the project root (POSIX), for post-folder and directory-data lookups
    rel: str
    #: URL prefix of the post's language (`/fr`), "" for the default language
    prefix: str = ""
    #: the file is `index.md` / `_index.md` (a bundle or a section page)
    index: bool = False


@dataclass(frozen=True)
class Preset:
    """One generator: detection, config reader, conventions, URL rule."""

    name: str
    #: names at the project root that identify the generator (a trailing `/` names a folder)
    markers: tuple[str, ...]
    read: Callable[[Path, Path], SiteSettings]
    conventions: Conventions
    #: (settings, post, place) → URL path, or None for the default path rule
    url_path: Callable[[SiteSettings, "Post", PathInfo], str | None] | None = None
    #: file stems of section / list pages (not posts, still link targets)
    list_stems: tuple[str, ...] = ()
    #: (root, names at the root) → the config file when none of `markers` is there (another name
    #: the generator is commonly run with), or None
    find: Callable[[Path, set[str]], Path | None] | None = None


# --- reading config files, safely -------------------------------------------------------


class _LenientLoader(yaml.SafeLoader):
    """Safe YAML that reads tags such as MkDocs' `!!python/name:…` and `!ENV` as plain values (never calls them)."""


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)  # type: ignore[arg-type]


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """MkDocs' `!ENV` as a build without those variables reads it: `!ENV [NAME, default]` is its
    last item (the default), `!ENV NAME` nothing. (A list as a mapping's key, `!ENV [NAV_HOME,
    "Home"]:` in a `nav`, would stop the whole file being read.)"""
    if isinstance(node, yaml.SequenceNode):
        items = loader.construct_sequence(node)
        default = items[-1] if len(items) > 1 else None
        return default if default is None or isinstance(default, (str, int, float, bool)) else None
    return None


_LenientLoader.add_constructor("!ENV", _env_tag)
_LenientLoader.add_multi_constructor("!", _any_tag)
_LenientLoader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


def _read_text(path: Path, root: Path | None = None) -> str | None:
    """A config or template file's text; None unless it is a regular file of at most
    `CONFIG_MAX_BYTES` (a link to `/dev/zero` is never read) and, with `root`, inside it."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > CONFIG_MAX_BYTES:
            return None
        if root is not None and not path.resolve().is_relative_to(root.resolve()):
            return None  # a link out of the project
        return path.read_text(encoding="utf-8-sig", errors="replace")
    except (OSError, ValueError):
        return None


def read_data(path: Path, root: Path | None = None) -> dict[str, Any] | None:
    """A TOML, YAML or JSON config file as a mapping; None when it cannot be read or parsed (or,
    with `root`, lies outside it)."""
    text = _read_text(path, root)
    if text is None:
        return None
    try:
        if path.suffix == ".toml":
            import tomllib

            data: Any = tomllib.loads(text)
        elif path.suffix == ".json":
            data = json.loads(text)
        else:
            data = yaml.load(text, Loader=_LenientLoader)  # noqa: S506 (a safe loader that never constructs objects)
    except Exception:  # noqa: BLE001 - any parse error: the file is unreadable, detection goes on with defaults
        return None
    return data if isinstance(data, dict) else None


def _js_literal(text: str, key: str) -> str | None:
    """The first literal string value of `key:` in JavaScript source (`key: "…"`, `'…'` or `` `…` `` without `${`)."""
    match = re.search(rf"""(?<![\w$.]){re.escape(key)}\s*:\s*(["'`])([^"'`\n$]*)\1""", text)
    return match.group(2) if match else None


#: a JavaScript string (kept as it is) or comment (dropped), in one left-to-right pass: a `/*` or
#: `//` inside a string (`pattern: "**/*.md"`, `"https://…"`) is the string's
_JS_STRING_OR_COMMENT = re.compile(
    r"""("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`)|//[^\n]*|/\*.*?(?:\*/|\Z)""", re.DOTALL
)


def _strip_js_comments(text: str) -> str:
    """JavaScript source without its comments; strings untouched."""
    return _JS_STRING_OR_COMMENT.sub(lambda match: match.group(1) or "", text)


def _first(root: Path, names: tuple[str, ...]) -> Path | None:
    for name in names:
        if (root / name).is_file():
            return root / name
    return None


def _dirs(root: Path, names: Any) -> tuple[str, ...]:
    """The names that are folders under `root`, in order, as POSIX paths."""
    if isinstance(names, str):
        names = [names]
    found = []
    for name in names or ():
        folder = _folder(name, "")
        if folder and (root / folder).is_dir():
            found.append(folder)
    return tuple(dict.fromkeys(found))


def _folder(value: Any, default: str) -> str:
    """A folder setting as a POSIX path relative to the project root; `default` when it is absolute, leads out of
    the project or holds a NUL (no path of a file system)."""
    if not isinstance(value, str) or not value.strip() or "\0" in value:
        return default
    path = _posix(value.strip())
    if os.path.isabs(value.strip()) or path == ".." or path.startswith("../"):
        return default
    return path


def _posix(path: str) -> str:
    cleaned = os.path.normpath(path.replace("\\", "/")).replace(os.sep, "/")
    return "." if cleaned in ("", ".") else cleaned.strip("/") or "."


def _url(value: Any) -> str | None:
    return value.strip().rstrip("/") if isinstance(value, str) and value.strip().lower().startswith(("http://", "https://")) else None


def _join_url(base: str | None, path: Any) -> str | None:
    if base is None:
        return None
    path = path.strip().strip("/") if isinstance(path, str) else ""
    return f"{base}/{path}" if path else base


# --- Hugo ----------------------------------------------------------------------------------

HUGO_FILES = tuple(f"{stem}.{ext}" for stem in ("hugo", "config") for ext in ("toml", "yaml", "yml", "json"))


def _ci(data: dict[str, Any], key: str) -> Any:
    """Hugo's keys are case-insensitive."""
    lowered = key.lower()
    for name, value in data.items():
        if isinstance(name, str) and name.lower() == lowered:
            return value
    return None


def _ci_path(data: Any, *keys: str) -> Any:
    """`data[k1][k2]…` with Hugo's case-insensitive keys; None where a level is missing."""
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = _ci(data, key)
    return data


def _hugo_mounts(root: Path, mounts: Any) -> dict[str, list[str]]:
    """`[[module.mounts]]` folders by target (`content`, `static`, `assets`): a site that mounts
    `src/content` as `content` keeps its pages there (a mount replaces the default folder).
    Mounts of single files and of other languages are left out."""
    found: dict[str, list[str]] = {}
    for mount in mounts if isinstance(mounts, list) else ():
        if not isinstance(mount, dict) or _ci(mount, "lang"):
            continue
        source, target = _ci(mount, "source"), _ci(mount, "target")
        folder = _folder(source, "")
        if isinstance(target, str) and target.strip("/") in ("content", "static", "assets") and folder and (root / folder).is_dir():
            found.setdefault(target.strip("/"), []).append(folder)
    return found


def _read_hugo(root: Path, marker: Path) -> SiteSettings:
    data: dict[str, Any] = {}
    notes: list[str] = []
    config_file = _first(root, HUGO_FILES)
    default_dir = root / "config" / "_default"
    files = [config_file] if config_file else []
    if default_dir.is_dir():  # config/_default/hugo.toml, config.toml, then one file per top-level key
        files += sorted(p for p in default_dir.iterdir() if p.suffix in (".toml", ".yaml", ".yml", ".json"))
    for path in files:
        read = read_data(path)
        if read is None:
            notes.append(f"could not read {path.relative_to(root).as_posix()}")
            continue
        if path.parent == default_dir and path.stem not in ("hugo", "config"):
            # config/_default/permalinks.toml holds the `permalinks` table, languages.de.toml `[languages.de]`
            for part in reversed(path.stem.split(".")):
                read = {part: read}
        for key, value in read.items():
            if isinstance(value, dict) and isinstance(data.get(key), dict):
                data[key] = {**data[key], **value}
            else:
                data.setdefault(key, value)
    mounted = _hugo_mounts(root, _ci_path(data, "module", "mounts"))
    content = mounted.get("content", [None])[0] or _folder(_ci(data, "contentDir"), "content")
    static = mounted.get("static") or _ci(data, "staticDir") or "static"
    static_dirs = _dirs(root, static) + _dirs(root, mounted.get("assets") or ["assets"])
    default_lang = str(_ci(data, "defaultContentLanguage") or "en")
    in_subdir = bool(_ci(data, "defaultContentLanguageInSubdir"))
    languages: list[tuple[str, str, str]] = []
    content_dirs = list(_dirs(root, content))
    langs = _ci(data, "languages")
    if isinstance(langs, dict):
        for code, table in langs.items():
            folder = _ci(table, "contentDir") if isinstance(table, dict) else None
            prefix = "" if code == default_lang and not in_subdir else f"/{str(code).lower()}"
            if isinstance(folder, str) and folder.strip():
                content_dirs += [d for d in _dirs(root, folder) if d not in content_dirs]
            languages.append((str(code), _folder(folder, ""), prefix))
    conventions = _hugo_dates(_ci(data, "frontmatter"))
    if _ci(data, "disablePathToLower"):
        conventions = replace(conventions or PRESETS["hugo"].conventions, urls_lowercased=False)
    if _ci_path(data, "markup", "goldmark", "parser", "autoDefinitionTermID") is True:
        conventions = replace(conventions or PRESETS["hugo"].conventions, term_ids=True)
    # posts: the `mainSections` param, else a section named as blogs name it (every page is a post without one)
    main = _ci_path(data, "params", "mainSections")
    sections = [str(m) for m in main] if isinstance(main, list) else [str(main)] if isinstance(main, str) else list(POST_SECTIONS)
    folders = [content, *(folder for _code, folder, _prefix in languages if folder)]
    post_dirs = tuple(dict.fromkeys(_join(f, name) for f in folders for name in sections if (root / f / name).is_dir()))
    multihost = isinstance(langs, dict) and any(isinstance(t, dict) and _ci(t, "baseURL") for t in langs.values())
    link_hook = _ci_path(data, "markup", "goldmark", "renderHooks", "link", "enableDefault")
    page_paths, hook_destinations = _hugo_own_link_hook(root, _ci(data, "theme"))
    if page_paths is None:  # Hugo's embedded hook, when the site has none of its own
        page_paths = bool(link_hook) if link_hook is not None else isinstance(langs, dict) and len(langs) > 1 and not multihost
    permalinks: list[tuple[str, str]] = []
    table = _ci(data, "permalinks")
    if isinstance(table, dict):
        page = _ci(table, "page")
        source = page if isinstance(page, dict) else table  # Hugo 0.120+: `[permalinks.page]`
        permalinks = [(str(k), v) for k, v in source.items() if isinstance(v, str)]
    generated = _hugo_generated(data, [prefix for _code, _folder_name, prefix in languages])
    return SiteSettings(
        generator="hugo",
        config_file=(config_file or default_dir).relative_to(root).as_posix(),
        url=_url(_ci(data, "baseURL")),
        content_root=content,
        content_dirs=_outermost(content_dirs),
        static_dirs=static_dirs,
        post_dirs=post_dirs,
        permalinks=tuple(permalinks),
        languages=tuple(languages),
        exclude=("/layouts", "/archetypes", "themes/*/layouts", "themes/*/archetypes", "/resources", "/public", "/data", "/i18n"),
        notes=tuple(notes),
        conventions=conventions,
        page_paths=page_paths,
        hook_destinations=hook_destinations,
        generated=generated,
    )


#: where a Hugo site or its theme keeps its link render hook (`render-link.html`)
HUGO_HOOK_DIRS = ("layouts/_markup", "layouts/_default/_markup")


def _hugo_own_link_hook(root: Path, theme: Any) -> tuple[bool | None, tuple[str, ...]]:
    """Whether the site's own link render hook (or its theme's) finds a relative link's page with
    `GetPage`, as Hugo's embedded hook does (then a link may name a page by its content path);
    None when there is no such hook (Hugo's embedded one renders links). Then the destinations
    the hook compares with a literal and renders itself (`{{ if eq $u.String "g" }}`: hugoDocs'
    `[term](g)` is a link to the glossary)."""
    themes = [theme] if isinstance(theme, str) else [t for t in theme if isinstance(t, str)] if isinstance(theme, list) else []
    bases = ["", *(f"themes/{_folder(t, '')}/" for t in themes if _folder(t, ""))]
    for base in bases:  # the project's own layouts first: they override the theme's
        hooks: list[Path] = []
        for folder in HUGO_HOOK_DIRS:
            try:
                names = sorted(os.listdir(root / f"{base}{folder}"))
            except OSError:
                continue
            hooks += [root / f"{base}{folder}" / n for n in names if n.startswith("render-link") and n.endswith(".html")]
        if hooks:
            texts = [_read_text(hook, root) or "" for hook in hooks[:HUGO_HOOKS_READ]]
            own = (m.group(1) or m.group(2) for text in texts for m in _HOOK_LITERAL().finditer(text))
            return any("GetPage" in text for text in texts), tuple(dict.fromkeys(itertools.islice(own, HUGO_HOOK_LITERALS)))
    return None, ()


#: the most link render hooks read, and destinations taken from them
HUGO_HOOKS_READ, HUGO_HOOK_LITERALS = 20, 100
#: a hook comparing the destination (`.Destination`, a parsed URL's `String` or `Path`) with a literal
_HOOK_DESTINATION = r"(?:\$?\.Destination|\$\w+\.(?:String|Path))"
_HOOK_LITERAL = lazy_regex(rf'\beq\s+{_HOOK_DESTINATION}\s+"([^"{{}}\s]{{1,200}})"|\beq\s+"([^"{{}}\s]{{1,200}})"\s+{_HOOK_DESTINATION}')


def _hugo_generated(data: dict[str, Any], prefixes: list[str]) -> tuple[str, ...]:
    """Hugo's taxonomy pages (`/tags/`, `/tags/x/`; `taxonomies` in the config, tags and
    categories by default) and pagers (`/page/2/`, `/posts/page/2/`; `pagination.path`), under
    each language's prefix."""
    table = _ci(data, "taxonomies")
    plurals = [str(v) for v in table.values() if isinstance(v, str) and v.strip()] if isinstance(table, dict) else ["tags", "categories"]
    pager = _ci_path(data, "pagination", "path") or _ci(data, "paginatePath") or "page"
    pager = pager.strip("/") if isinstance(pager, str) and pager.strip("/") else "page"
    found: list[str] = []
    for prefix in dict.fromkeys(["", *prefixes]):
        for plural in plurals:
            found += [f"{prefix}/{plural.strip('/')}", f"{prefix}/{plural.strip('/')}/*"]
        found += [f"{prefix}/{pager}/*", f"{prefix}/*/{pager}/*"]
    return tuple(dict.fromkeys(found))


#: Eleventy's template languages besides Markdown: a page `a/b.njk` or `a/b/index.webc` is
#: published at `/a/b/` as a Markdown page is
ELEVENTY_TEMPLATE_SUFFIXES = (".njk", ".liquid", ".webc", ".hbs", ".pug", ".ejs", ".haml", ".mustache", ".11ty.js", ".11ty.cjs", ".11ty.mjs")
#: the section names blogs keep their posts in (Hugo, when `params.mainSections` is not set)
POST_SECTIONS = ("post", "posts", "blog", "news", "articles")
HUGO_DATE_KEYS = ("date", "publishDate", "publishdate", "pubdate", "published", "lastmod", "modified")


def _hugo_dates(table: Any) -> Conventions | None:
    """Hugo's `[frontmatter] date = [...]`: its keys, `:default`, `:filename` (a date-prefixed file name), `:git`/`:fileModTime` (always a date)."""
    order = _ci(table, "date") if isinstance(table, dict) else None
    if not isinstance(order, list):
        return None
    keys: list[str] = []
    for item in order:
        if item == ":default":
            keys += HUGO_DATE_KEYS
        elif isinstance(item, str) and not item.startswith(":"):
            keys.append(item)
    return replace(
        PRESETS["hugo"].conventions,
        date_keys=tuple(dict.fromkeys(keys)),
        filename_date=":filename" in order,
        always_dated=any(item in (":git", ":fileModTime", ":filemodtime") for item in order),
    )


def _hugo_url(settings: SiteSettings, post: "Post", place: PathInfo) -> str | None:
    segments = list(place.segments)
    explicit_slug = _text(post.meta.get("slug"))
    if segments and not explicit_slug and post.conventions.filename_date and post.date.key is None:
        explicit_slug = strip_date(segments[-1]) if strip_date(segments[-1]) != segments[-1] else None  # `:filename` dates
    section = segments[0] if len(segments) > 1 else ""
    pattern = dict(settings.permalinks).get(section) if section else None
    if pattern and post.path.name.rsplit(".", 1)[0] != "_index":  # list pages keep their path
        title_slug = _hugo_urlize(post.title or "")
        name = segments[-1] if segments else ""
        date = post.date.value
        values = {
            "year": f"{date.year:04d}" if date else "",
            "month": f"{date.month:02d}" if date else "",
            "day": f"{date.day:02d}" if date else "",
            "section": section,
            "sections": "/".join(segments[:-1]),
            "slug": explicit_slug or title_slug or name,
            "title": title_slug or name,
            "filename": name,
            "contentbasename": name,
            "slugorfilename": explicit_slug or name,
            "slugorcontentbasename": explicit_slug or name,
        }
        path = place.prefix + _expand(pattern, values)
    else:
        if explicit_slug and segments:
            segments[-1] = explicit_slug
        path = place.prefix + "/" + "/".join(segments)
    path = path.replace(" ", "-")  # Hugo's `MakePath`: `content/Adding content/` publishes at `/adding-content/`
    return path.lower() if post.conventions.urls_lowercased else path  # unless `disablePathToLower`


# --- Jekyll ------------------------------------------------------------------------------

JEKYLL_STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}


def _read_jekyll(root: Path, marker: Path) -> SiteSettings:
    data = read_data(marker)
    notes = [] if data is not None else ["could not read _config.yml"]
    data = data or {}
    source = _folder(data.get("source"), ".")
    base = root / source
    collections_dir = _folder(data.get("collections_dir"), ".")
    style = data.get("permalink") or "date"
    pattern = JEKYLL_STYLES.get(style, style) if isinstance(style, str) else JEKYLL_STYLES["date"]
    permalinks = [("*", pattern)]
    content_dirs = []
    for folder in ("_posts", "_drafts"):
        path = _join(source, collections_dir, folder)
        if (root / path).is_dir():
            content_dirs.append(path)
    try:  # category folders: `news/_posts/` holds posts in category `news`
        tops = sorted(entry.name for entry in os.scandir(base) if entry.is_dir() and not entry.name.startswith(("_", ".")))
    except OSError:
        tops = []
    content_dirs += [_join(source, top, "_posts") for top in tops if (base / top / "_posts").is_dir()]
    collections = data.get("collections")
    names = list(collections) if isinstance(collections, (dict, list)) else []
    for name in names:
        table = collections.get(name) if isinstance(collections, dict) else None
        if name == "posts":  # `collections: {posts: {permalink: …}}` sets the posts' pattern
            if isinstance(table, dict) and isinstance(table.get("permalink"), str):
                permalinks[0] = ("*", JEKYLL_STYLES.get(table["permalink"], table["permalink"]))
            continue
        if not isinstance(name, str):
            continue
        folder = _join(source, collections_dir, f"_{name}")
        if (root / folder).is_dir():
            content_dirs.append(folder)
        collection_pattern = table.get("permalink") if isinstance(table, dict) else None
        permalinks.append((f"_{name}", collection_pattern if isinstance(collection_pattern, str) else "/:collection/:path:output_ext"))
    posts_default = _jekyll_posts_default(data.get("defaults"))
    if posts_default is not None:  # front-matter defaults for every post win over the site's `permalink`
        permalinks[0] = ("*", JEKYLL_STYLES.get(posts_default, posts_default))
    static = [d for d in ("assets", "images", "img", "media", "uploads", "files") if (base / d).is_dir()]
    return SiteSettings(
        generator="jekyll",
        config_file="_config.yml",
        url=_join_url(_url(data.get("url")), data.get("baseurl")),
        content_root=source,
        content_dirs=tuple(content_dirs),
        static_dirs=tuple(_join(source, d) for d in static) + ((source,) if source != "." else (".",)),
        post_dirs=(*(d for d in content_dirs if d.endswith(("_posts", "_drafts"))), "**/_posts", "**/_drafts"),  # collections: pages
        permalinks=tuple(permalinks),
        exclude=("_layouts", "_includes", "_data", "_sass", "_site", "_plugins", "vendor", ".jekyll-cache", *_jekyll_excluded(data, source)),
        notes=tuple(notes),
    )


#: the most `exclude` entries of a Jekyll config read
JEKYLL_EXCLUDES_READ = 500


def _jekyll_excluded(data: dict[str, Any], source: str) -> list[str]:
    """The config's `exclude` entries (paths under the source folder, globs too: `notes/`,
    `NOTES.md`, `*.gemspec`), anchored there: Jekyll neither builds nor copies them."""
    found: list[str] = []
    entries = data.get("exclude")
    for entry in entries[:JEKYLL_EXCLUDES_READ] if isinstance(entries, list) else ():
        if isinstance(entry, str) and entry.strip().strip("/") and "\0" not in entry and ".." not in entry.split("/"):
            path = "/" + _join(source, entry.strip().strip("/"))
            found += [path, path + "*"]  # Jekyll also excludes by prefix: `README` leaves out `README.md`
    return found


def _jekyll_posts_default(defaults: Any) -> str | None:
    """The `permalink` Jekyll's front-matter `defaults` give every post: of the entries whose
    scope is the posts (`type: posts`) or everything, with no path or an empty one, the last."""
    found: str | None = None
    for entry in defaults if isinstance(defaults, list) else ():
        if not isinstance(entry, dict) or not isinstance(entry.get("values"), dict):
            continue
        scope = entry.get("scope") if isinstance(entry.get("scope"), dict) else {}
        pattern = entry["values"].get("permalink")
        if isinstance(pattern, str) and pattern.strip() and scope.get("type", "posts") == "posts" and not str(scope.get("path") or "").strip("/. "):
            found = pattern.strip()
    return found


def _jekyll_url(settings: SiteSettings, post: "Post", place: PathInfo) -> str | None:
    rel = place.rel
    source = settings.content_root or "."
    if source != "." and rel.startswith(source + "/"):
        rel = rel[len(source) + 1:]  # categories are the folders under the source folder
    parts = rel.split("/")
    output_ext = "" if post.path.suffix.lower() in (".html", ".htm") else ".html"
    for index, folder in enumerate(parts[:-1]):
        if folder in ("_posts", "_drafts"):
            categories = [p for p in parts[:index] if p != "."]
            categories += _word_list(post.meta.get("categories")) or _word_list(post.meta.get("category"))
            pattern = dict(settings.permalinks).get("*", JEKYLL_STYLES["date"])
            return _jekyll_expand(pattern, post, "/".join(dict.fromkeys(c.lower() for c in categories)), "posts", "/".join(parts[index + 1:]), output_ext)
        if folder.startswith("_") and f"{folder}" in dict(settings.permalinks):
            rest = "/".join(parts[index + 1:]).rsplit(".", 1)[0]
            return _jekyll_expand(dict(settings.permalinks)[folder], post, "", folder[1:], rest, output_ext)
    # a page: its path; `.html` unless the site's permalinks end with `/`
    pretty = dict(settings.permalinks).get("*", "").endswith("/")
    segments = list(place.segments)
    if not segments:
        return "/"
    if place.index or pretty:
        return "/" + "/".join(segments) + "/"
    return "/" + "/".join(segments) + output_ext


def _jekyll_expand(pattern: str, post: "Post", categories: str, collection: str, path: str, output_ext: str) -> str:
    date = post.date.value
    name = strip_date(post.path.name.rsplit(".", 1)[0])
    title = _text(post.meta.get("slug")) or name
    values = {
        "year": f"{date.year:04d}" if date else "",
        "short_year": f"{date.year % 100:02d}" if date else "",
        "month": f"{date.month:02d}" if date else "",
        "i_month": str(date.month) if date else "",
        "day": f"{date.day:02d}" if date else "",
        "i_day": str(date.day) if date else "",
        "y_day": f"{date.timetuple().tm_yday:03d}" if date else "",
        "week": f"{date.isocalendar()[1]:02d}" if date else "",
        "short_day": date.strftime("%a") if date else "",
        "title": title,
        "slug": _urlize(title),
        "name": name,
        "categories": categories,
        "collection": collection,
        "path": path.rsplit(".", 1)[0],
        "output_ext": output_ext,
    }
    return _expand(pattern, values)


# --- Astro -------------------------------------------------------------------------------------


#: where Astro's content config lives (collections and their loaders)
ASTRO_CONTENT_CONFIGS = tuple(f"src/{name}{ext}" for name in ("content.config", "content/config") for ext in (".ts", ".js", ".mjs", ".mts"))
#: the most entries of `src/pages/` walked for the routes it builds
ASTRO_PAGES_WALKED = 5_000
#: the most collections (and Docusaurus docs instances) a config is read for
COLLECTIONS_READ = 100
_ASTRO_DEFINE = lazy_regex(r"defineCollection\s*\(")
#: the name a collection is given just before `defineCollection(`: `const blog = ` or `blog: `
#: (searched for in the 200 characters before it: a bounded window, whatever the config)
_ASTRO_NAME = lazy_regex(r"""(?:\bconst\s+(\w+)\s*=\s*|["']?([\w-]+)["']?\s*:\s*)\Z""")
_ASTRO_BASE = lazy_regex(r"""(?<![\w$.])base\s*:\s*(["'`])([^"'`$]+)\1""")
#: a schema key that dates the entries: a collection with one holds posts
_ASTRO_DATED = lazy_regex(r"""(?<![\w$.])["']?(?:pubDate|publishDate|pubDatetime|publishedAt|published|date)["']?\s*:""")
#: Starlight's loader or schema: the collection is the docs, served from the root
_STARLIGHT_DOCS = lazy_regex(r"\bdocs(?:Loader|Schema)\s*\(")
_ASTRO_ROUTE_SUFFIXES = (".astro", ".md", ".mdx", ".markdown", ".html", ".ts", ".js", ".mjs", ".mts")


#: a module's own string constant (`export const BLOG_PATH = "src/data/blog";`), at most 100 read
_JS_CONST = lazy_regex(r"""(?<![\w$.])(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*(["'])([^"'`$\n]{1,300})\2""")
_TEMPLATE_OF_CONSTS = lazy_regex(r"`([^`$\n]*(?:\$\{\s*[A-Za-z_$][\w$]*\s*\}[^`$\n]*)+)`")
#: one `${name}` of a template literal
_CONST_USE = lazy_regex(r"\$\{\s*([A-Za-z_$][\w$]*)\s*\}")


def _with_consts(text: str) -> str:
    """`text` with each template literal made only of the module's own string constants written
    out (`` base: `./${BLOG_PATH}` `` with `const BLOG_PATH = "src/data/blog"` is
    `"./src/data/blog"`, AstroPaper's content config); a literal naming anything else stays."""
    if "${" not in text:
        return text
    consts = {m.group(1): m.group(3) for m in itertools.islice(_JS_CONST().finditer(text), 100)}

    def written(match: re.Match[str]) -> str:
        if not all(name in consts for name in _CONST_USE().findall(match.group(1))):
            return match.group(0)
        return '"' + _CONST_USE().sub(lambda m: consts[m.group(1)], match.group(1)) + '"'

    return _TEMPLATE_OF_CONSTS().sub(written, text)


def _astro_collections(root: Path, notes: list[str]) -> list[tuple[str, str, bool, str | None]] | None:
    """(collection, its folder, whether its schema has a date, its route when the content config
    tells) for each collection the content config defines (a glob loader's `base`, else
    `src/content/<name>`); None without a config. Starlight's docs collection (`docsLoader()`,
    `docsSchema()`) is served from the site's root: `src/content/docs/guides/a.md` is `/guides/a/`."""
    config = next((root / name for name in ASTRO_CONTENT_CONFIGS if (root / name).is_file()), None)
    if config is None:
        return None
    text = _with_consts(_strip_js_comments(_read_text(config, root) or ""))
    matches = list(itertools.islice(_ASTRO_DEFINE().finditer(text), COLLECTIONS_READ))
    keys: dict[str, str] = {}
    exported = re.search(r"export\s+const\s+collections\s*=\s*\{([^{}]*)\}", text)
    for entry in (exported.group(1).split(",") if exported else ()):
        key, _, name = entry.partition(":")
        key, name = key.strip().strip("'\""), (name or key).strip()
        if key and name:
            keys[name] = key
    found: list[tuple[str, str, bool, str | None]] = []
    for index, match in enumerate(matches):
        block = text[match.end() : matches[index + 1].start() if index + 1 < len(matches) else len(text)]
        named = _ASTRO_NAME().search(text, max(0, match.start() - 200), match.start())
        name = (named.group(1) or named.group(2)) if named else None
        if name is None:
            continue
        key = keys.get(name, name)
        base = _ASTRO_BASE().search(block)
        folder = _folder(base.group(2), "") if base else f"src/content/{key}"
        if folder and (root / folder).is_dir():
            route = "/" if _STARLIGHT_DOCS().search(block) else None
            found.append((key, folder, _ASTRO_DATED().search(block) is not None, route))
    if not found:
        notes.append(f"{config.relative_to(root).as_posix()}: no collection folder found")
    return found


#: the route parameters that name a collection entry (`[slug].astro`, `[...id].astro`)
_ASTRO_ENTRY_PARAMS = frozenset({"[slug]", "[...slug]", "[id]", "[...id]"})
_GET_COLLECTION = lazy_regex(r"""\bgetCollection\s*\(\s*["'`]([\w-]+)["'`]""")


_STARLIGHT_BLOG = lazy_regex(r"""\bstarlightBlog\s*\(\s*(\{[^{}]{0,2000}\})?""")


def _starlight_blog(root: Path, text: str, docs: list[str]) -> tuple[str, ...]:
    """The starlight-blog plugin's posts folder (`starlightBlog({prefix: 'news'})`, default
    `blog`) in Starlight's docs collection: dated posts, where the rest are docs pages."""
    match = _STARLIGHT_BLOG().search(text)
    if match is None or not docs:
        return ()
    prefix = _folder(_top_literal(match.group(1) or "{}", "prefix"), "blog") if match.group(1) else "blog"
    folder = _join(docs[0], prefix)
    return (folder,) if (root / folder).is_dir() else ()


#: the most locales of a Starlight config read
STARLIGHT_LOCALES_READ = 200
_JS_KEY = lazy_regex(r"""(?:^|,)\s*(["']?)([A-Za-z][\w-]{0,30})\1\s*:""")


def _starlight_locales(text: str) -> tuple[str, ...]:
    """The URL prefixes of a Starlight config's `locales` (`/es`, `/zh-cn`; `root` is the
    default, served at `/`): a page not translated falls back to the default's content there.
    (A `defaultLocale` other than `root` serves its pages under its prefix too: not read.)"""
    start = re.search(r"\blocales\s*[:=]\s*\{", text)  # `locales: {…}`, or `const locales = {…}` passed on
    body = _js_object(text, start.end() - 1) if start else ""
    inner = body[1:-1]
    for _ in range(10):  # the locales' own objects dropped, innermost first: the keys stay
        inner, count = re.subn(r"\{[^{}]*\}", "", inner)
        if not count:
            break
    keys = itertools.islice((m.group(2) for m in _JS_KEY().finditer(inner)), STARLIGHT_LOCALES_READ)
    return tuple(f"/{key.lower()}" for key in keys if key != "root")


#: a `paths` entry of a `tsconfig.json`: `"@/*": ["./src/*"]`
_TS_ALIAS = lazy_regex(r'"([^"*\s]{1,20})\*"\s*:\s*\[\s*"\.?/?([^"*\s]{0,200})\*"')


def _ts_aliases(root: Path) -> tuple[tuple[str, str], ...]:
    """The import aliases `tsconfig.json`'s `compilerOptions.paths` sets (`@/*` → `src/*`), as
    (prefix, folder): Vite resolves them in Markdown image paths too. Read as text (tsconfig
    allows comments), at most 20, never outside the project."""
    text = _read_text(root / "tsconfig.json", root) or ""
    found: list[tuple[str, str]] = []
    for match in itertools.islice(_TS_ALIAS().finditer(text), 20):
        folder = _folder(match.group(2), "")
        if folder and folder != ".":
            found.append((match.group(1), folder + "/"))
    return tuple(found)


def _astro_routes(root: Path, keys: set[str]) -> tuple[list[str], dict[str, str], bool]:
    """What `src/pages/` builds from code: the site paths of its `.astro` pages, endpoints
    (`rss.xml.js`) and dynamic routes (`[tag].astro` as `*`), as shell patterns; and the route of
    each collection (of `keys`) whose entries a `[slug]`/`[...slug]`/`[id]` page renders (the one
    it passes to `getCollection`, else the one named as its folder: `posts/[...slug].astro` for
    `post`). A dynamic route at the top (`[...blog]`) or at a collection's route (its entries and
    pagers) is left out: it would make any link there land. Last, whether every route is known:
    the walk was not cut short and no dynamic route at the top renders anything but a collection."""
    pages = root / "src" / "pages"
    routes: list[tuple[int | None, list[str], str]] = []
    collections: dict[str, str] = {}
    walked, known = 0, True
    for folder, dirnames, filenames in os.walk(pages):
        walked += len(dirnames) + len(filenames)
        if walked > ASTRO_PAGES_WALKED:
            known = False
            break
        dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "_")))
        rel = Path(folder).relative_to(pages).as_posix()
        for name in sorted(filenames):
            suffix = next((s for s in _ASTRO_ROUTE_SUFFIXES if name.endswith(s)), None)
            if suffix is None or name.startswith("_") or suffix in (".md", ".mdx", ".markdown"):
                continue  # Markdown pages are indexed as pages; `_x` files are no routes
            stem = name[: -len(suffix)]
            if suffix in (".ts", ".js", ".mjs", ".mts") and "." not in stem:
                continue  # an endpoint names its output: `rss.xml.js`; a plain module is no route
            parts = [p for p in (rel.split("/") if rel != "." else []) + ([] if stem == "index" else [stem]) if p]
            dynamic = [i for i, part in enumerate(parts) if "[" in part]
            routes.append((dynamic[0] if dynamic else None, parts, "/" + "/".join("*" if "[" in p else p for p in parts)))
            # `[...lang]/[slug].astro`: optional rest segments (a locale) before the entry's
            rest = len(parts) > 1 and all(part.startswith("[...") for part in parts[:-1])
            if (rest or len(dynamic) == 1 and dynamic[0] == len(parts) - 1) and parts[-1] in _ASTRO_ENTRY_PARAMS and suffix == ".astro":
                called = _GET_COLLECTION().search(_read_text(Path(folder) / name, root) or "")
                prefix = "/" + "/".join(parts[:-1]) if not rest else "/"
                folder_name = parts[-2] if len(parts) > 1 and not rest else ""
                key = called.group(1) if called and called.group(1) in keys else next(
                    (k for k in sorted(keys) if folder_name in (k, k + "s") or folder_name.rstrip("s") == k), None
                )
                if key is not None:
                    collections.setdefault(key, prefix.rstrip("/") + "/")
                    known = known and not rest  # any prefix may come first (`/en/…`): not every route is known
                    continue
            known = known and (not dynamic or dynamic[0] > 0)
    prefixes = {route.rstrip("/") for route in collections.values()} | {f"/{key}" for key in keys}
    found: list[str] = []
    for first, parts, pattern in routes:  # `first`: where the route's first dynamic segment is
        if first is not None and (first == 0 or "/" + "/".join(parts[:first]) in prefixes):
            continue
        found.append(pattern)
    return found, collections, known


def _read_astro(root: Path, marker: Path) -> SiteSettings:
    text = _strip_js_comments(_read_text(marker) or "")
    site = _url(_js_literal(text, "site"))
    notes: list[str] = []
    content = "src/content" if (root / "src" / "content").is_dir() else "src"
    collections = _astro_collections(root, notes)
    if collections:  # the content config's collections: those with a dated schema hold posts
        found = [(key, folder) for key, folder, _dated, _route in collections]
        post_dirs = tuple(folder for _key, folder, dated, _route in collections if dated)
        told = {key: route for key, _folder, _dated, route in collections if route}
        post_dirs += _starlight_blog(root, text, [folder for key, folder, _dated, route in collections if route == "/"])
        page_dirs = tuple(  # an undated collection's folder inside a dated one's (not the same folder)
            folder for _key, folder, dated, _route in collections if not dated and folder not in post_dirs and _under(folder + "/-", post_dirs)
        )
    else:
        found = [(p.name, f"src/content/{p.name}") for p in sorted((root / "src" / "content").glob("*")) if p.is_dir()] if content == "src/content" else []
        post_dirs = tuple(folder for _key, folder in found)
        told, page_dirs = {}, ()
    generated, routes, known = _astro_routes(root, {key for key, _folder in found})
    dirs = [folder for _key, folder in found]
    permalinks = tuple((folder, routes.get(key) or told.get(key) or f"/{key}/") for key, folder in found)
    if (root / "src" / "pages").is_dir():
        dirs.append("src/pages")
    return SiteSettings(
        generator="astro",
        config_file=marker.name,
        url=_join_url(site, _js_literal(text, "base")),
        content_root=content,
        content_dirs=_outermost(list(dict.fromkeys(dirs))),
        static_dirs=_dirs(root, ["public"]),
        post_dirs=post_dirs,
        pages_only=bool(collections) and not post_dirs,  # collections, none dated: a docs site (Starlight)
        page_dirs=page_dirs,
        root_covered=known and "/" in (route for _folder, route in permalinks),
        fallback_prefixes=_starlight_locales(text) if "/" in told.values() else (),
        import_aliases=_ts_aliases(root),
        permalinks=permalinks,
        exclude=("src/layouts", "src/components", "node_modules", "/dist"),
        generated=tuple(dict.fromkeys(generated)),
        notes=tuple(notes),
    )


def _astro_url(settings: SiteSettings, post: "Post", place: PathInfo) -> str | None:
    if place.rel.startswith("src/pages/"):
        segments = place.rel[len("src/pages/"):].rsplit(".", 1)[0].split("/")
        if segments[-1] == "index":
            segments.pop()
        return "/" + "/".join(s.lower() for s in segments)
    slug = _text(post.meta.get("slug"))
    for folder, route in settings.permalinks:  # an entry of a collection: `/<collection>/<id>`
        if place.rel.startswith(folder.rstrip("/") + "/"):
            inner = place.rel[len(folder.rstrip("/")) + 1 :].rsplit(".", 1)[0]
            if inner == "index" or inner.endswith("/index"):
                inner = inner[: -len("index")].rstrip("/")
            parts = [slug.strip("/")] if slug else [_github_slug(part) for part in inner.split("/") if part]
            return route.rstrip("/") + "/" + "/".join(parts)
    segments = list(place.segments)
    if slug and segments:
        segments = [*segments[:1], slug]
    return "/" + "/".join(s.lower() for s in segments)


def _github_slug(text: str) -> str:
    """github-slugger, as Astro's glob loader makes an entry's id from its path: lower case,
    punctuation but `-` and `_` dropped, spaces to hyphens (`v1.24.0` → `v1240`)."""
    return re.sub(r"[^\w\- ]", "", text.lower()).replace(" ", "-")


# --- MkDocs (Material blog) ----------------------------------------------------------------


#: the pages Material's blog plugin builds: (the setting that turns them on or off, whether they
#: are on by default, the setting of their URL format under the blog, its default)
MKDOCS_BLOG_PAGES = (
    ("archive", True, "archive_url_format", "archive/{date}"),
    ("categories", True, "categories_url_format", "category/{slug}"),
    ("pagination", True, "pagination_url_format", "page/{page}"),
    ("authors_profiles", False, "authors_profiles_url_format", "author/{slug}"),
)
#: how many configs an MkDocs config may inherit from in a chain (`INHERIT: base.yml`)
MKDOCS_INHERIT_DEPTH = 10
#: other names of an MkDocs config at the root (`mkdocs-online.yml`, `mkdocs.insiders.yml`), read
#: when there is no `mkdocs.yml`: a site built with `mkdocs build -f <name>`; at most this many
MKDOCS_VARIANTS_READ = 20
_MKDOCS_VARIANT = lazy_regex(r"mkdocs[-._][^/]*\.ya?ml")


def _mkdocs_data(
    path: Path, root: Path, notes: list[str], chain: tuple[Path, ...] = (), data: dict[str, Any] | None = None
) -> dict[str, Any] | None:
    """An MkDocs config (`data`, when it is read already) with the configs it inherits merged in
    as MkDocs merges them: the child's mappings merged into the parent's, key by key, its other
    values (lists too) replacing the parent's. An inherited file outside the project, missing,
    unreadable or in a loop is left out (and said in `notes`)."""
    data = read_data(path, root) if data is None else dict(data)
    if data is None:
        notes.append(f"could not read {path.name}")
        return None
    parent = data.pop("INHERIT", None)
    if not isinstance(parent, str) or not parent.strip():
        return data
    target = None if "\0" in parent else (path.parent / parent.strip()).resolve()  # a NUL names no file
    if target is None or len(chain) >= MKDOCS_INHERIT_DEPTH or target in chain or not target.is_relative_to(root.resolve()) or not target.is_file():
        notes.append(f"{path.name}: INHERIT {parent!r} not read (missing, outside the project or a loop)")
        return data
    base = _mkdocs_data(target, root, notes, (*chain, path.resolve(), target))
    return _deep_merged(base, data) if base is not None else data


#: how deep `INHERIT` merges mappings (deeper, the child's mapping replaces the parent's)
MKDOCS_MERGE_DEPTH = 20


def _deep_merged(base: dict[str, Any], child: dict[str, Any], depth: int = 0) -> dict[str, Any]:
    merged = dict(base)
    for key, value in child.items():
        below = merged.get(key)
        deeper = isinstance(below, dict) and isinstance(value, dict) and depth < MKDOCS_MERGE_DEPTH
        merged[key] = _deep_merged(below, value, depth + 1) if deeper else value
    return merged


def _mkdocs_blog(data: dict[str, Any]) -> dict[str, Any] | None:
    """The blog plugin's settings (`blog` or `material/blog` in `plugins`), or None when it is off."""
    plugins = data.get("plugins") or ()
    if isinstance(plugins, dict):  # `plugins:` as a mapping of names to settings
        plugins = [{name: value} for name, value in plugins.items()]
    blog: dict[str, Any] | None = None
    for plugin in plugins if isinstance(plugins, list) else ():
        if plugin in ("blog", "material/blog"):
            blog = {}
        elif isinstance(plugin, dict):
            for name in ("blog", "material/blog"):
                if name in plugin:
                    blog = plugin[name] if isinstance(plugin[name], dict) else {}
    if blog is not None and blog.get("enabled") is False:
        return None
    return blog


def _find_mkdocs(root: Path, names: set[str]) -> Path | None:
    """The config of a site without `mkdocs.yml` built from another file at the root
    (`mkdocs-online.yml` inheriting `mkdocs-common.yml`): among the whole configs (with
    `site_name`, inherited or not), the first by name of those that turn the blog on, are
    inherited by no other, or both."""
    found: list[tuple[bool, str, Path]] = []
    parents: set[str] = set()
    for name in sorted(n for n in names if n.startswith("mkdocs") and _MKDOCS_VARIANT().fullmatch(n))[:MKDOCS_VARIANTS_READ]:
        path = root / name
        raw = read_data(path, root)
        if raw is None:
            continue
        if isinstance(raw.get("INHERIT"), str):
            parents.add(Path(raw["INHERIT"].strip()).name)
        data = _mkdocs_data(path, root, [], data=raw)
        if data is not None and "site_name" in data:
            found.append((_mkdocs_blog(data) is None, name, path))
    if not found:
        return None
    return min(found, key=lambda item: (item[0], item[1] in parents, item[1]))[2]


def _mkdocs_excluded(data: dict[str, Any], docs: str, notes: list[str]) -> list[str]:
    """`exclude` patterns (under the project root) for the pages MkDocs leaves out of the site:
    `exclude_docs` (gitignore lines, under the docs folder) and the `exclude` plugin's `glob`
    patterns (fnmatch, under the docs folder). `exclude_docs` with a `!` line (a file taken back)
    is not read: leaving out a page the site has would make links to it look broken."""
    found: list[str] = []
    lines = data.get("exclude_docs")
    if isinstance(lines, str):
        patterns = [line.strip() for line in lines.splitlines() if line.strip() and not line.strip().startswith("#")]
        if any(line.startswith("!") for line in patterns):
            notes.append("exclude_docs takes files back with `!`: not read (every page is linted)")
        else:
            for line in patterns:
                line = line.removeprefix("**/")
                if "/" in line.rstrip("/"):  # anchored at the docs folder
                    found.append(_join(docs, line.lstrip("/")))
                else:  # a name at any depth
                    found += [_join(docs, line), _join(docs, "*", line)]
    plugins = data.get("plugins")
    settings: Any = None
    if isinstance(plugins, dict):
        settings = plugins.get("exclude")
    elif isinstance(plugins, list):
        settings = next((p["exclude"] for p in plugins if isinstance(p, dict) and "exclude" in p), None)
    globs = settings.get("glob") if isinstance(settings, dict) else None
    for pattern in [globs] if isinstance(globs, str) else globs if isinstance(globs, list) else ():
        if isinstance(pattern, str) and pattern.strip() and ".." not in pattern.split("/"):
            found.append(_join(docs, pattern.strip().lstrip("/")))
    return found


#: the Markdown extensions whose indented blocks hold Markdown, and their markers (`parse/containers.py`)
MKDOCS_CONTAINERS = (("admonition", "!!!"), ("pymdownx.details", "???"), ("pymdownx.tabbed", "==="))


def _mkdocs_containers(extensions: Any) -> Conventions | None:
    """The MkDocs conventions with the indented blocks `markdown_extensions` turns on (a list of
    names, or of one-key mappings of a name to its options), or None when it turns none on."""
    names = set()
    for item in extensions if isinstance(extensions, list) else []:
        if isinstance(item, str):
            names.add(item)
        elif isinstance(item, dict) and len(item) == 1:
            names.add(str(next(iter(item))))
    markers = tuple(marker for name, marker in MKDOCS_CONTAINERS if name in names)
    return replace(PRESETS["mkdocs"].conventions, indented_blocks=markers) if markers else None


def _mkdocs_theme_dir(data: dict[str, Any], marker: Path, root: Path) -> list[str]:
    """`theme.custom_dir` (relative to the config file): MkDocs adds its files to the site's, so
    `![Logo](assets/logo.svg)` finds `theme/assets/logo.svg`, as the docs' own files are found."""
    theme = data.get("theme")
    folder = _folder(theme.get("custom_dir"), "") if isinstance(theme, dict) else ""
    if not folder:
        return []
    rel = relative_to(marker.parent / folder, root)
    return [rel] if rel and rel != "." and ".." not in rel.split("/") else []


def _mkdocs_other_sites(root: Path, marker: Path, docs: str) -> list[str]:
    """Notes naming the other whole configs at the root (`mkdocs.blog.yml`) that build another
    `docs_dir`: a second site, whose pages this one neither builds nor walks."""
    try:
        names = sorted(n for n in os.listdir(root) if n != marker.name and _MKDOCS_VARIANT().fullmatch(n))[:MKDOCS_VARIANTS_READ]
    except OSError:
        return []
    found: list[str] = []
    for name in names:
        data = _mkdocs_data(root / name, root, [])
        other = _folder(data.get("docs_dir"), "docs") if data and "site_name" in data else docs
        if other != docs and (root / other).is_dir():
            found.append(f"{name} builds {other}/ as another site: its pages are not walked with this one's (name them to lint them)")
    return found


def _read_mkdocs(root: Path, marker: Path) -> SiteSettings:
    notes: list[str] = []
    data = _mkdocs_data(marker, root, notes) or {}
    docs = _folder(data.get("docs_dir"), "docs")
    notes += _mkdocs_other_sites(root, marker, docs)
    blog = _mkdocs_blog(data)
    post_dirs: tuple[str, ...] = ()
    permalinks: tuple[tuple[str, str], ...] = ()
    generated: list[str] = []
    if blog is not None:
        blog_dir = _posix(str(blog.get("blog_dir") or "blog"))
        for toggle, on, setting, default in MKDOCS_BLOG_PAGES:
            if blog.get(toggle, on) is not True:
                continue
            fixed = str(blog.get(setting) or default).split("{", 1)[0].strip("/")
            if fixed:  # a format that starts with a value (`{slug}`) would cover the posts' own paths
                base = "" if blog_dir == "." else f"/{blog_dir}"
                generated += [f"{base}/{fixed}", f"{base}/{fixed}/*"]
        post_dir = str(blog.get("post_dir") or "{blog}/posts").replace("{blog}", blog_dir)
        post_dirs = (_join(docs, post_dir),)
        url_format = str(blog.get("post_url_format") or "{date}/{slug}")
        date_format = str(blog.get("post_url_date_format") or "yyyy/MM/dd")
        blog_base = "" if blog_dir == "." else f"/{blog_dir}"  # `blog_dir: .`: the blog is the site
        permalinks = (("*", f"{blog_base}/{url_format}/".replace("{date}", "{date:" + date_format + "}")),)
    return SiteSettings(
        generator="mkdocs",
        config_file=marker.name,
        url=_url(data.get("site_url")),
        content_root=docs,
        content_dirs=_dirs(root, [docs]),
        static_dirs=_dirs(root, [docs, *_mkdocs_theme_dir(data, marker, root)]),
        post_dirs=post_dirs,
        permalinks=permalinks,
        exclude=("/overrides", "/site", f"{docs}/overrides", *_mkdocs_excluded(data, docs, notes)),
        generated=tuple(dict.fromkeys(generated)),
        notes=tuple(notes),
        conventions=_mkdocs_containers(data.get("markdown_extensions")),
        pages_only=blog is None,
    )


def _mkdocs_url(settings: SiteSettings, post: "Post", place: PathInfo) -> str | None:
    if settings.post_dirs and _under(place.rel, settings.post_dirs) and settings.permalinks:
        pattern = settings.permalinks[0][1]
        date = post.date.value
        slug = _text(post.meta.get("slug")) or _urlize(post.title or "") or (place.segments[-1] if place.segments else "")

        def date_text(match: re.Match[str]) -> str:
            if date is None:
                return ""
            return match.group(1).replace("yyyy", f"{date.year:04d}").replace("MM", f"{date.month:02d}").replace("dd", f"{date.day:02d}")

        path = re.sub(r"\{date:([^}]*)\}", date_text, pattern)
        file_name = place.segments[-1] if place.segments else ""
        return path.replace("{slug}", slug).replace("{file}", file_name).replace("{categories}", "/".join(_urlize(c) for c in _word_list(post.meta.get("categories"))))
    segments = list(place.segments)
    if segments and segments[-1].lower() == "readme":
        segments.pop()
    return "/" + "/".join(segments)


# --- Docusaurus ------------------------------------------------------------------------------

_DOCUSAURUS_DATE = lazy_regex(r"^(?:.*?/)?(\d{4})[-/](\d{1,2})[-/](\d{1,2})[-/]?(.*?)(?:/index)?$")
#: Docusaurus' number prefix (`01-intro` is `intro`), not a date- or version-like start
#: (`2020-12-roadmap`, `1.2-notes` keep theirs: its `DefaultNumberPrefixParser`)
_NUMBER_PREFIX = lazy_regex(r"^(?!\d+[-_.]\d+)\d+\s*[-_.]+\s*(?=[^-_.\s])")


#: the most characters of a Docusaurus config object (a plugin's options) read for its literals
DOCUSAURUS_OBJECT_MAX = 20_000
_DOCS_INSTANCE = lazy_regex(r"""(?:plugin-content-docs|["']content-docs)["']\s*,\s*\{""")
_PRESET_SECTION = lazy_regex(r"""(?<![\w$.])["']?(docs|blog)["']?\s*:\s*\{""")


def _js_object(text: str, brace: int) -> str:
    """The object literal that opens at `text[brace]` (`{`), braces balanced, strings skipped
    roughly; at most `DOCUSAURUS_OBJECT_MAX` characters."""
    depth, quote = 0, ""
    end = min(len(text), brace + DOCUSAURUS_OBJECT_MAX)
    for index in range(brace, end):
        char = text[index]
        if quote:
            if char == quote and text[index - 1] != "\\":
                quote = ""
        elif char in "\"'`":
            quote = char
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return text[brace : index + 1]
    return text[brace:end]


def _top_literal(obj: str, key: str) -> str | None:
    """A literal string value of `key:` in an object's own text (not in an object nested in it)."""
    depth = 0
    for match in re.finditer(rf"""[{{}}]|(?<![\w$.])["']?{re.escape(key)}["']?\s*:\s*(["'`])([^"'`\n$]*)\1""", obj):
        if match.group(0) == "{":
            depth += 1
        elif match.group(0) == "}":
            depth -= 1
        elif depth == 1:
            return match.group(2)
    return None


def _route(value: str | None, default: str) -> str:
    """A `routeBasePath` as a URL prefix: `/`, or `/docs/`."""
    base = (value if value is not None else default).strip().strip("/")
    return f"/{base}/" if base else "/"


def _docusaurus_sections(
    root: Path, text: str
) -> tuple[tuple[str, str] | None, tuple[str, str] | None, list[tuple[str, str]], dict[str, str]]:
    """(the docs' folder and route, the blog's, other docs instances', those instances' folders
    by plugin `id`) from the config's literals: the classic preset's `docs: {path,
    routeBasePath}` and `blog: {…}`, and each `['content-docs', {id, path, routeBasePath}]`
    plugin. A folder outside the project is None."""
    sections: dict[str, tuple[str, str] | None] = {}
    for match in _PRESET_SECTION().finditer(text):
        name = match.group(1)
        if name in sections:
            continue
        obj = _js_object(text, match.end() - 1)
        path = _top_literal(obj, "path")
        folder = _folder(path, "") if path is not None else name
        sections[name] = (folder, _route(_top_literal(obj, "routeBasePath"), name)) if folder else None
    instances: list[tuple[str, str]] = []
    ids: dict[str, str] = {}
    for match in itertools.islice(_DOCS_INSTANCE().finditer(text), COLLECTIONS_READ):
        obj = _js_object(text, match.end() - 1)
        folder = _folder(_top_literal(obj, "path"), "")
        if folder and (root / folder).is_dir():
            instances.append((folder, _route(_top_literal(obj, "routeBasePath"), "docs")))
            plugin_id = _top_literal(obj, "id")
            if plugin_id and re.fullmatch(r"[\w-]{1,100}", plugin_id):
                ids[plugin_id] = folder
    docs = sections.get("docs", ("docs", "/docs/"))
    blog = sections.get("blog", ("blog", "/blog/"))
    return docs, blog, instances, ids


def _read_docusaurus(root: Path, marker: Path) -> SiteSettings:
    text = _strip_js_comments(_read_text(marker) or "")
    url = _join_url(_url(_js_literal(text, "url")), _js_literal(text, "baseUrl"))
    docs, blog_section, instances, instance_ids = _docusaurus_sections(root, text)
    blog = blog_section[0] if blog_section and (root / blog_section[0]).is_dir() else None
    blog_route = blog_section[1] if blog_section else "/blog/"
    docs_route = docs[1] if docs else "/docs/"
    dirs = [d for d in (blog, docs[0] if docs else None, *(folder for folder, _route_path in instances), "src/pages") if d and (root / d).is_dir()]
    # versioned docs (`versions.json`, newest first): the newest at /docs/, the others at
    # /docs/<version>/, and the current docs at /docs/next/ once there is a version
    versions = _docusaurus_versions(root)
    permalinks = [(blog or "blog", blog_route)]
    if docs:
        permalinks.append((docs[0], f"{docs_route}next/" if versions else docs_route))
    paths = _docusaurus_version_paths(text)
    if docs and "current" in paths:
        permalinks[-1] = (docs[0], f"{docs_route}{paths['current']}/")
    permalinks += [
        (f"versioned_docs/version-{v}", f"{docs_route}{paths[v]}/" if v in paths else docs_route if i == 0 else f"{docs_route}{v}/")
        for i, v in enumerate(versions)
    ]
    permalinks += instances
    # the current docs outside the site's folder (`path: '../docs'`, never read): their pages exist
    unseen_docs = (f"{docs_route}next", f"{docs_route}next/*") if versions and not (docs and (root / docs[0]).is_dir()) else ()
    return SiteSettings(
        generator="docusaurus",
        config_file=marker.name,
        url=url,
        content_root=".",
        content_dirs=tuple(dirs),
        built_dirs=tuple(dict.fromkeys([*dirs, *(folder for folder, _route in permalinks), "i18n"])),
        plugin_folders=tuple(instance_ids.items()),
        static_dirs=_dirs(root, ["static"]),
        post_dirs=(blog,) if blog else (),
        pages_only=blog is None,
        permalinks=tuple(dict.fromkeys(permalinks)),
        trailing_slash=re.search(r"(?<![\w$.])trailingSlash\s*:\s*true\b", text) is not None,
        index_slash=re.search(r"(?<![\w$.])trailingSlash\s*:\s*false\b", text) is None,
        exclude=("src/theme", "src/components", "node_modules", "/build", "i18n/*/code.json"),
        # the blog plugin's tag, author, archive and pager pages
        generated=(tuple(f"{blog_route}{page}{tail}" for page in ("tags", "authors", "archive", "page") for tail in ("", "/*")) if blog else ()) + unseen_docs,
    )


#: the most versions of a Docusaurus site's docs read from `versions.json`
DOCUSAURUS_VERSIONS_READ = 200
#: a docs version's own path in the docs plugin's `versions` (`'6.x.x': {label: 'v6', path: 'v6'}`)
_DOCUSAURUS_VERSION_PATH = lazy_regex(r"""(["']?)([\w.-]{1,100})\1\s*:\s*\{[^{}]{0,500}?\bpath\s*:\s*["']([\w.-]{1,100})["']""")


def _docusaurus_version_paths(text: str) -> dict[str, str]:
    """Each docs version's `path` in the docs plugin's `versions` option (`current` for the docs
    folder): its pages are at `/docs/<path>/`, not `/docs/<version>/`."""
    start = re.search(r"\bversions\s*:\s*\{", text)
    body = _js_object(text, start.end() - 1) if start else None
    if not body:
        return {}
    return {m.group(2): m.group(3) for m in itertools.islice(_DOCUSAURUS_VERSION_PATH().finditer(body), DOCUSAURUS_VERSIONS_READ)}


def _docusaurus_versions(root: Path) -> list[str]:
    """The docs' versions, newest first (`versions.json`), that are plain folder names."""
    data: Any = None
    text = _read_text(root / "versions.json", root)
    if text is not None:
        try:
            data = json.loads(text)
        except ValueError:
            data = None
    if not isinstance(data, list):
        return []
    return [v for v in data[:DOCUSAURUS_VERSIONS_READ] if isinstance(v, str) and v.strip() and "/" not in v and v not in (".", "..")]


#: a translation's file: `i18n/<locale>/docusaurus-plugin-content-docs/<version>/…` or `…-blog/…`
_DOCUSAURUS_I18N = lazy_regex(r"^i18n/([^/]+)/docusaurus-plugin-content-(docs|blog)(?:-([\w-]+))?(?:/(current|version-[^/]+))?/(.+)$")


def _docusaurus_source(settings: SiteSettings, rel: str) -> tuple[str, str] | None:
    """(locale, the source file's path) of a translation (`i18n/zh/docusaurus-plugin-content-docs/
    current/a.md` is `docs/a.md`'s; `version-1.0/…` a versioned doc's, `…-blog/…` a post's); None
    for any other file."""
    translated = _DOCUSAURUS_I18N().match(rel)
    if translated is None:
        return None
    locale, kind, plugin_id, version, inner = translated.groups()
    # the permalinks hold the blog first, then the docs (`_read_docusaurus`)
    blog = settings.permalinks[0][0] if settings.permalinks else "blog"
    docs = next((folder for folder, _route in settings.permalinks[1:] if not folder.startswith("versioned_docs/")), "docs")
    if plugin_id is not None:  # another docs plugin's (`docusaurus-plugin-content-docs-rollouts`)
        folder = dict(settings.plugin_folders).get(plugin_id)
        return (locale, f"{folder}/{inner}") if kind == "docs" and folder and version in (None, "current") else None
    source = blog if kind == "blog" else docs if version in (None, "current") else f"versioned_docs/{version}"
    return locale, f"{source}/{inner}"


def _docusaurus_url(settings: SiteSettings, post: "Post", place: PathInfo) -> str | None:
    translated = _docusaurus_source(settings, place.rel)
    if translated is not None:  # served as its source page is, under `/<locale>`
        locale, source = translated
        found = _docusaurus_url(settings, post, replace(place, rel=source))
        return f"/{locale}{found}" if found and found.startswith("/") else found
    rel = place.rel.rsplit(".", 1)[0]
    slug = _text(post.meta.get("slug"))
    for folder, route in settings.permalinks:
        if not (rel + "/").startswith(folder + "/"):
            continue
        inner = rel[len(folder) + 1:]
        if folder in settings.post_dirs:  # the blog
            if slug:
                return route + slug.strip("/")
            match = _DOCUSAURUS_DATE().match(inner)
            if match:
                year, month, day, text = match.groups()
                return f"{route}{year}/{int(month):02d}/{int(day):02d}/{text.strip('/')}"
            return route + (inner[: -len("/index")] if inner.endswith("/index") else inner)
        parts = [_NUMBER_PREFIX().sub("", p) for p in inner.split("/")]
        doc_id = _text(post.meta.get("id"))
        if parts and parts[-1].lower() in ("index", "readme") or (len(parts) > 1 and parts[-1] == parts[-2]):
            parts.pop()  # a category's index: the folder's URL, whatever its `id`
        elif doc_id and "/" not in doc_id and parts:  # a doc's `id` names it in its folder
            parts[-1] = doc_id
        if slug:
            if slug.startswith("/"):
                return route.rstrip("/") + slug
            parts = [*parts[:-1], slug]
        return route + "/".join(parts)
    if rel.startswith("src/pages/"):
        inner = rel[len("src/pages/"):]
        return "/" + (inner[: -len("index")] if inner.endswith("index") else inner)
    return None


# --- Eleventy --------------------------------------------------------------------------------------

ELEVENTY_FILES = tuple(f"eleventy.config.{ext}" for ext in ("js", "mjs", "cjs", "ts", "mts", "cts")) + (".eleventy.js",)


#: how many local modules an Eleventy config imports are read for literal settings, in all
ELEVENTY_MODULES_READ = 20
#: how deep imports are followed: the config's own (1), theirs (2), theirs (3): a plugin module
#: that gathers others (`.eleventy.js` → `config/index.js` → `config/passthroughs/index.js`)
ELEVENTY_IMPORT_DEPTH = 3
_LOCAL_IMPORT = lazy_regex(r"""(?:\bfrom\s+|\brequire\(\s*|\bimport\(\s*)(["'])(\.{1,2}/[^"'\s]+)\1""")


def _module_file(root: Path, base: Path, spec: str) -> tuple[Path, str] | None:
    """The file and text of the local module `spec` imported from the folder `base`, as Node
    resolves it: the path itself, with a JavaScript suffix added, or the folder's `index.js`;
    only a regular file inside the project (`_read_text`)."""
    path = base / spec
    candidates = [path] if path.suffix in JS_SUFFIXES else [path.with_name(path.name + s) for s in JS_SUFFIXES] + [path / f"index{s}" for s in JS_SUFFIXES]
    for candidate in candidates:
        text = _read_text(candidate, root)
        if text is not None:
            return candidate, text
    return None


#: `eleventy --config=_eleventy/config.js` in a `package.json` script
_ELEVENTY_CONFIG_FLAG = lazy_regex(r"""\beleventy\b[^"&|;]{0,200}?--config(?:=|\s+)['"]?([^\s"'&|;]{1,200})""")


def _find_eleventy(root: Path, names: set[str]) -> Path | None:
    """The config a `package.json` script names (`eleventy --config=_eleventy/config.js`) when
    none sits at the root under Eleventy's own names: a regular file inside the project."""
    if "package.json" not in names:
        return None
    for match in itertools.islice(_ELEVENTY_CONFIG_FLAG().finditer(_read_text(root / "package.json", root) or ""), 10):
        rel = _folder(match.group(1), "")
        path = root / rel if rel and rel != "." else None
        if path is not None and path.suffix in JS_SUFFIXES and _read_text(path, root) is not None:
            return path
    return None


def _eleventy_modules(root: Path, marker: Path, text: str) -> str:
    """The text of the local modules the config imports (`import x from "./config/feed.js"`,
    `require('./config')` for `config/index.js`), and those they import, up to
    `ELEVENTY_IMPORT_DEPTH` levels and `ELEVENTY_MODULES_READ` modules, inside the project,
    comments stripped: where plugins' options and a plugin's `addPassthroughCopy` often live."""
    found: list[str] = []
    seen = {marker.resolve()}
    level = [(marker.parent, text)]
    for _ in range(ELEVENTY_IMPORT_DEPTH):
        below: list[tuple[Path, str]] = []
        for base, source in level:
            for match in _LOCAL_IMPORT().finditer(source):
                if len(found) >= ELEVENTY_MODULES_READ:
                    return "\n".join(found)
                module = _module_file(root, base, match.group(2))
                if module is None or module[0].resolve() in seen:
                    continue
                seen.add(module[0].resolve())
                stripped = _strip_js_comments(module[1])
                found.append(stripped)
                below.append((module[0].parent, stripped))
        level = below
    return "\n".join(found)


def _read_eleventy(root: Path, marker: Path) -> SiteSettings:
    text = _strip_js_comments(_read_text(marker) or "")
    code = text + "\n" + _eleventy_modules(root, marker, text)  # the config and the local modules it imports
    input_dir = _folder(_js_literal(text, "input"), ".")
    includes = _posix(_js_literal(text, "includes") or "_includes")
    data_dir = _posix(_js_literal(text, "data") or "_data")
    output = _posix(_js_literal(text, "output") or "_site")
    static_dirs = _eleventy_static(root, input_dir, code)
    url = None
    for name in ("metadata.json", "site.json", "metadata.js", "site.js"):
        path = root / input_dir / data_dir / name
        if path.is_file():
            found = read_data(path) if path.suffix == ".json" else {"url": _js_literal(_read_text(path) or "", "url")}
            url = _url((found or {}).get("url"))
            if url:
                break
    base = "" if input_dir == "." else input_dir + "/"
    skipped = {_posix(f"{base}{d}") for d in (includes, data_dir, "_layouts")} | {output, _posix(f"{base}{output}")}
    post_dirs = _eleventy_post_dirs(root, input_dir, skipped)
    return SiteSettings(
        generator="eleventy",
        config_file=marker.name,
        url=url,
        content_root=input_dir,
        content_dirs=(input_dir,),
        static_dirs=static_dirs,
        post_dirs=post_dirs,
        data_extensions=_eleventy_data_extensions(code),
        exclude=tuple(dict.fromkeys(_posix(f"{base}{d}") for d in (includes, data_dir, "_layouts")))
        + (output, "node_modules", "README.md") + _eleventy_ignores(root, input_dir, code),
        # files plugins write (the feed plugin's `outputPath: "/feed.xml"`), and paginated templates' pages
        generated=tuple(dict.fromkeys([
            *(m.group(2) for m in re.finditer(r"""(?<![\w$.])outputPath\s*:\s*(["'`])(/[^"'`\s$]*)\1""", code)),
            *_eleventy_paginated(root, input_dir, skipped, post_dirs),
        ])),
    )


#: the most entries walked, and template files read, looking for paginated templates
ELEVENTY_TEMPLATES_WALKED, ELEVENTY_TEMPLATES_READ = 5_000, 200
#: a front matter's `permalink` (YAML `permalink: /a/`, or `"permalink": "/a/"` in `---json`), with or without a leading slash
_FRONT_PERMALINK = lazy_regex(r"""^[ \t]*"?permalink"?[ \t]*:[ \t]*(["']?)([^"'\n\s][^"'\n]*?)\1[ \t]*,?[ \t]*$""", re.MULTILINE)


def _eleventy_paginated(root: Path, input_dir: str, skipped: set[str], post_dirs: tuple[str, ...]) -> list[str]:
    """The pages other template languages' files make (`.njk`, `.webc`, `.liquid`…), from their
    front matter's `permalink` (YAML or `---json`): a literal one is that page (a `.webc` post at
    `/posts/2022/01/19/books/`, a feed at `/rss/feed.xml`); a paginated template's (`blog/tag.njk`
    with `pagination:` and `permalink: /blog/tags/{{ tag | slug }}/`) is a shell pattern
    (`/blog/tags/*`), one page per item of its data. A pattern open at the top or right after a
    posts folder's path (the blog's own pager, `/blog/{{ pagination.pageNumber }}/`) is left
    out: every link to a post would land. Front matter is read as text, never run; the walk is
    bounded and skips dot folders, `node_modules`, the output, includes and data folders."""
    base_rel = "" if input_dir == "." else input_dir + "/"
    open_at = {"/"} | {"/" + d[len(base_rel):].strip("/") + "/" for d in post_dirs if d.startswith(base_rel)}
    found: list[str] = []
    walked = read = 0
    base = root / input_dir
    for folder, dirnames, filenames in os.walk(base):
        walked += len(dirnames) + len(filenames)
        if walked > ELEVENTY_TEMPLATES_WALKED or read >= ELEVENTY_TEMPLATES_READ:
            break
        rel = relative_to(Path(folder), root) or "."
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d != "node_modules" and _join(rel, d) not in skipped)
        for name in sorted(filenames):
            if not name.endswith(ELEVENTY_TEMPLATE_SUFFIXES) or name.endswith((".11ty.js", ".11ty.cjs", ".11ty.mjs")):
                continue
            read += 1
            head = (_read_text(Path(folder) / name, root) or "")[:4096]
            end = head.find("\n---", 3)
            front = head[head.find("\n") + 1 : end] if head.startswith("---") and end > 0 else ""
            match = _FRONT_PERMALINK().search(front)
            permalink = match.group(2) if match else None
            if permalink is None or permalink.startswith("false"):
                continue
            permalink = "/" + permalink.lstrip("/")
            if permalink.endswith("/index.html"):
                permalink = permalink[: -len("index.html")]
            if "{{" not in permalink and "{%" not in permalink:
                found.append(permalink.rstrip("/") or "/")
            elif "pagination" in front and "{%" not in permalink:
                pattern = re.sub(r"\*+", "*", re.sub(r"\{\{.*?\}\}", "*", permalink)).rstrip("/")
                if pattern.split("*", 1)[0] not in open_at:
                    found.append(pattern)
    return found


#: how deep below the input folder a posts folder is looked for (`content/posts` is 2), and how
#: many folders are listed looking
ELEVENTY_POST_DEPTH = 3
#: the folder names that stand for the posts collection (Jekyll's `_posts` too, which sites moved
#: from Jekyll keep: `src/_posts/`)
ELEVENTY_POST_SECTIONS = (*POST_SECTIONS, "_posts")
ELEVENTY_FOLDERS_LISTED = 500


def _eleventy_post_dirs(root: Path, input_dir: str, skipped: set[str]) -> tuple[str, ...]:
    """The folders that hold posts: posts are a collection set in code or data, and a `blog`,
    `posts`, `post`, `news` or `articles` folder stands for it (other pages are pages).

    The shallowest such folders under the input folder (`posts/`, else `content/posts/`…, up to
    `ELEVENTY_POST_DEPTH` levels), through real folders (no links) and never through dot folders,
    `node_modules`, the output, includes or data folders; at most `ELEVENTY_FOLDERS_LISTED` listed.
    """
    level = [input_dir]
    listed = 0
    for depth in range(ELEVENTY_POST_DEPTH):
        found: list[str] = []
        below: list[str] = []
        for folder in level:
            if listed >= ELEVENTY_FOLDERS_LISTED:
                return tuple(found)
            listed += 1
            for name in _entries(root / folder)[0]:
                rel = _join(folder, name)
                if name.startswith(".") or name == "node_modules" or rel in skipped:
                    continue
                # below the top level, only a folder of Markdown posts (not `assets/blog/` of images)
                (found if name in ELEVENTY_POST_SECTIONS and (depth == 0 or _holds_markdown(root / rel)) else below).append(rel)
        if found:
            return tuple(sorted(found))
        level = sorted(below)
    return ()


def _entries(folder: Path) -> tuple[list[str], list[str]]:
    """The names of the real folders and of the other entries in `folder` (a link is never
    followed); none when it cannot be listed."""
    folders: list[str] = []
    others: list[str] = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                (folders if entry.is_dir(follow_symlinks=False) else others).append(entry.name)
    except OSError:
        pass
    return folders, others


def _holds_markdown(folder: Path) -> bool:
    """Whether `folder` holds a Markdown file, or one of its first 50 subfolders does (a post in its own folder)."""
    folders, files = _entries(folder)
    return any(name.endswith((".md", ".markdown")) for name in files) or any(
        name.endswith((".md", ".markdown")) for sub in folders[:50] for name in _entries(folder / sub)[1]
    )


#: the most `.eleventyignore` lines and `ignores.add(…)` calls read
ELEVENTY_IGNORES_READ = 1_000
_IGNORES_ADD = lazy_regex(r"""\.ignores\.add\(\s*(["'`])([^"'`$\n]+)\1""")


#: the most braces of a config's code looked at for its conditional blocks
BRACES_READ = 20_000
#: what opens a block that runs only sometimes: `if (…) {`, `else {`, a ternary's or `&&`'s arrow body
_CONDITION_BEFORE = lazy_regex(r"(?:\bif\s*\(.*\)|\belse|\?|&&)\s*(?:\(\s*\)\s*=>\s*)?$", re.DOTALL)


def _conditional_blocks(code: str) -> list[tuple[int, int]]:
    """(start, end) of each `{…}` block of `code` that runs under a condition (`if (env ===
    "production") {…} else {…}`), braces counted roughly (strings are not skipped): a setting
    made there may not hold for the build that publishes the site."""
    found: list[tuple[int, int]] = []
    stack: list[tuple[int, bool]] = []
    for match in itertools.islice(re.finditer(r"[{}]", code), BRACES_READ):
        if match.group(0) == "{":
            window = code[max(0, match.start() - 200) : match.start()]
            before = window[max(window.rfind(";"), window.rfind("{"), window.rfind("}")) + 1 :]  # this statement's head
            stack.append((match.start(), _CONDITION_BEFORE().search(before) is not None))
        elif stack:
            start, conditional = stack.pop()
            if conditional:
                found.append((start, match.start()))
    found += [(start, len(code)) for start, conditional in stack if conditional]  # left open
    return found


def _eleventy_ignores(root: Path, input_dir: str, code: str) -> tuple[str, ...]:
    """What Eleventy does not build, as `exclude` patterns anchored at the project root.

    Eleventy reads `.eleventyignore` at the project root and in the input folder: each line
    (`#` comments and `!` negations skipped, as Eleventy skips them) is a glob joined to the
    file's folder (`third_party` is `./third_party/**`, at the root only; `**/_*.md` any
    depth); `eleventyConfig.ignores.add("glob")` in the config or its modules is one from the
    project root. Read as text, never outside the project.
    """
    lines: list[tuple[str, str]] = []
    for folder in dict.fromkeys((".", input_dir)):
        text = _read_text(root / folder / ".eleventyignore", root) or ""
        lines += [(folder, line) for line in text.splitlines()]
    branches = _conditional_blocks(code) if ".ignores.add(" in code else []
    lines += [(".", match.group(2)) for match in _IGNORES_ADD().finditer(code) if not any(start < match.start() < end for start, end in branches)]
    patterns: list[str] = []
    for folder, line in lines[:ELEVENTY_IGNORES_READ]:
        line = line.strip()
        if not line or line.startswith(("#", "!")) or "\0" in line:
            continue
        # a glob's `\_` is `_`; an escaped `*`, `?` or `[` stays literal
        line = re.sub(r"\\(.)", lambda m: f"[{m.group(1)}]" if m.group(1) in "*?[" else m.group(1), line)
        path = _folder(_join(folder, line.lstrip("/")), "")
        if path and path != ".":
            # `**/` may stand for no folder at all (`**/_*.md` is also `_x.md` at the root)
            patterns += ["/" + path, "/" + path.replace("**/", "")] if "**/" in path else ["/" + path]
    return tuple(dict.fromkeys(patterns))


def _eleventy_static(root: Path, input_dir: str, code: str) -> tuple[str, ...]:
    """The folders Eleventy serves passthrough copies from, as the config and its modules say.

    A passthrough keeps its path: `addPassthroughCopy("assets")` publishes `assets/` at
    `/assets/`, so the folder that serves it is the project root (the input dir, for a path
    inside it: `src/img` is `/img/`); `{"./public/": "/"}` serves `public/` at `/`. When none is
    read (a passthrough set in code postlint cannot follow), the input dir and the project root,
    never a guessed `assets/` served at `/`.
    """
    static: list[str] = []
    for match in re.finditer(r"addPassthroughCopy\(\s*([\"'`])([^\"'`]+)\1", code):
        copied = _posix(match.group(2))
        if (root / copied).exists():
            static.append(input_dir if input_dir != "." and (copied + "/").startswith(input_dir + "/") else ".")
    for match in re.finditer(r"""["'`]\.?/?([\w./-]+?)/?["'`]\s*:\s*["'`]/["'`]""", code):  # {"./public/": "/"}
        static.append(match.group(1))
    return _dirs(root, static) or _dirs(root, [input_dir, "."])


_DATA_EXTENSION = lazy_regex(r"""\baddDataExtension\(\s*(["'`])([\w\s,.]+)\1""")


def _eleventy_data_extensions(code: str) -> tuple[str, ...]:
    """The YAML extensions the config adds as data formats (`addDataExtension("yml, yaml", …)`):
    Eleventy then reads `posts.11tydata.yml` and `posts.yml` as directory data."""
    found = [ext.strip().lstrip(".") for match in _DATA_EXTENSION().finditer(code) for ext in match.group(2).split(",")]
    return tuple(dict.fromkeys(ext for ext in found if ext in ("yml", "yaml")))


#: the template filters whose result postlint computes (`{{ title | slugify }}`)
_ELEVENTY_SLUG_FILTERS = ("slug", "slugify")


def _eleventy_url(settings: SiteSettings, post: "Post", place: PathInfo) -> str | None:
    """A post's URL from its directory data's `permalink`. A `{{ … }}` postlint cannot compute
    (a site's own filter: `{{ page.date | toDatePath }}`, `{{ page | getBlogSlug }}`) is `*`: the
    URL is then a pattern (`/*/protosketch/`) a link may match, never a guess."""
    permalink = _eleventy_dir_permalink(settings, post, place)
    segments = list(place.segments)
    if len(segments) > 1 and segments[-1] == segments[-2]:
        segments.pop()  # posts/x/x.md publishes at /posts/x/
    if permalink is None:
        return "/" + "/".join(segments)
    if permalink is False:
        return None
    file_slug = post.file_slug if not place.index else (segments[-1] if segments else "")
    stem = "/" + "/".join(place.segments)
    values = {"page.fileSlug": file_slug, "page.filePathStem": stem, "slug": _urlize(post.title or ""), "title": post.title or ""}

    def replace(match: re.Match[str]) -> str:
        expression = [part.strip() for part in match.group(1).split("|")]
        value = values.get(expression[0])
        if value is None or any(f not in _ELEVENTY_SLUG_FILTERS for f in expression[1:]):
            return "*"  # a value or filter postlint does not know: any text
        return _urlize(value) if expression[1:] else value

    url = re.sub(r"\{\{-?\s*(.*?)\s*-?\}\}", replace, permalink)
    url = re.sub(r"\*+", "*", re.sub(r"/{2,}", "/", url))
    return url[: -len("index.html")] if url.endswith("/index.html") else url


def _eleventy_dir_permalink(settings: SiteSettings, post: "Post", place: PathInfo) -> str | bool | None:
    """A `permalink` from the post's directory data (`posts/posts.11tydata.js`, `.11tydata.json`,
    `posts/posts.json`, and `.yml`/`.yaml` with a YAML data extension), nearest folder first.

    Only folders inside the project are read (the post's folders up to the project root).
    """
    folder = post.path.absolute().parent
    depth = min(place.rel.count("/"), 16)
    root = post.path.absolute().parents[depth] if depth else folder
    for _ in range(depth):
        value = _directory_permalink(folder, root, settings.data_extensions)
        if value is not None:
            return value
        folder = folder.parent
    return None


def _directory_permalink(folder: Path, root: Path, extensions: tuple[str, ...] = ()) -> str | bool | None:
    """The `permalink` of a folder's directory data file, if any, in Eleventy's precedence:
    `<folder>.11tydata.js` (its literal string only, never run), then `<folder>.11tydata.json`
    (or `.yml`), then `<folder>.json` (or `.yml`)."""
    name = folder.name
    for suffix in (".cjs", ".js", ".mjs"):
        text = _read_text(folder / f"{name}.11tydata{suffix}", root)
        if text is not None:
            value = _js_literal(_strip_js_comments(text), "permalink")
            if value is not None:
                return value
            if re.search(r"(?<![\w$.])permalink\s*:\s*false\b", text):
                return False
    for stem in (f"{name}.11tydata", name):
        for suffix in ("json", *extensions):
            path = folder / f"{stem}.{suffix}"
            data = read_data(path, root) if path.is_file() else None
            value = data.get("permalink") if data else None
            if isinstance(value, (str, bool)):
                return value
    return None


# --- shared helpers -----------------------------------------------------------------------------------


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _word_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return value.split()
    if isinstance(value, list):
        return [str(v) for v in value if isinstance(v, (str, int))]
    return []


def _hugo_urlize(text: str) -> str:
    """Hugo's `urlize` of a title (`:slug` without a `slug`, `:title`): letters, digits, marks and
    `. / \\ _ # + ~ - @` kept, a run of white space between kept characters one hyphen, anything
    else dropped (`Linkerd 2.10: Extensions!` → `Linkerd-2.10-Extensions`); lower-cased later
    with the rest of the URL unless `disablePathToLower`."""
    out: list[str] = []
    hyphen = was_hyphen = False
    for char in text:
        if char in "./\\_#+~-@" or char.isalnum() or unicodedata.category(char).startswith("M"):
            was_hyphen = char == "-"
            if hyphen and not was_hyphen:
                out.append("-")
            hyphen = False
            out.append(char)
        elif out and not was_hyphen and char.isspace():
            hyphen = True
    return "".join(out)


def _urlize(text: str) -> str:
    """Hugo's `urlize` / a blog slug: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[^\w\s-]", "", text.casefold())
    return re.sub(r"[\s_-]+", "-", text).strip("-")


def _expand(pattern: str, values: dict[str, str]) -> str:
    """Replace `:token` (longest names first) and `{token}` in a permalink pattern."""
    names = sorted(values, key=len, reverse=True)
    colon = re.compile(r":(" + "|".join(re.escape(n) for n in names) + r")")
    path = colon.sub(lambda m: values[m.group(1)], pattern)
    path = re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), path)
    return re.sub(r"/{2,}", "/", "/" + path.lstrip("/"))


def _join(*parts: str) -> str:
    return _posix("/".join(p for p in parts if p and p != "."))


def _outermost(folders: list[str]) -> tuple[str, ...]:
    """The folders without those inside another of them (each folder is walked once)."""
    return tuple(f for f in folders if not any(o != f and _under(f, (o,)) for o in folders))


def _under(rel: str, folders: tuple[str, ...]) -> bool:
    """Whether `rel` lies in one of `folders`; `**/name` means a folder `name` at any depth, and a
    `*` segment any one folder name (`themes/*/content`)."""
    for folder in folders:
        if folder.startswith("**/"):
            if f"/{folder[3:]}/" in f"/{rel}":
                return True
        elif "*" in folder:
            parts, wanted = rel.split("/"), folder.strip("/").split("/")
            if len(parts) >= len(wanted) and all(fnmatch.fnmatchcase(part, want) for part, want in zip(parts, wanted)):
                return True
        elif folder in (".", "") or (rel + "/").startswith(folder.rstrip("/") + "/"):
            return True
    return False


# --- the table -----------------------------------------------------------------------------------------

PRESETS: dict[str, Preset] = {
    "hugo": Preset(
        "hugo", (*HUGO_FILES, "config/_default/"), _read_hugo,
        Conventions(
            date_keys=HUGO_DATE_KEYS,
            hero_keys=("image", "images.0", "cover.image", "cover", "featured_image"),
            hero_in_body=False,
            alias_keys=("aliases",),
            urls_lowercased=True,
            numbers_as_strings=True,
        ),
        _hugo_url, ("_index",),
    ),
    "jekyll": Preset(
        "jekyll", ("_config.yml", "_config.yaml"), _read_jekyll,
        Conventions(
            filename_date=True, hero_keys=("image", "image.path"), hero_in_body=False, tags_string=True,
            alias_keys=("redirect_from",), undated_folders=("_drafts",),
            untyped_fields=("image",),  # a string, or jekyll-seo-tag's `{path: …, alt: …}`
            numbers_as_strings=True,
        ),
        _jekyll_url,
    ),
    "astro": Preset(
        "astro", tuple(f"astro.config{ext}" for ext in JS_SUFFIXES), _read_astro,
        Conventions(
            date_keys=("pubDate", "date", "publishDate", "pubDatetime", "publishedAt", "published"), hero_keys=("heroImage", "image", "cover"), hero_in_body=False, urls_lowercased=True,
            untyped_fields=("categories",),
        ),
        _astro_url,
    ),
    "mkdocs": Preset(
        "mkdocs", ("mkdocs.yml", "mkdocs.yaml"), _read_mkdocs,
        Conventions(
            date_keys=("date.created", "date"), hero_keys=(), hero_in_body=False, title_from_h1=True, title_from_filename=True,
            slug_from_title=True,
        ),
        _mkdocs_url, find=_find_mkdocs,
    ),
    "docusaurus": Preset(
        "docusaurus", tuple(f"docusaurus.config{ext}" for ext in JS_SUFFIXES), _read_docusaurus,
        Conventions(filename_date=True, hero_keys=("image",), hero_in_body=False, title_from_h1=True, title_from_filename=True, untyped_fields=("categories",)),
        _docusaurus_url,
    ),
    "eleventy": Preset(
        "eleventy", ELEVENTY_FILES, _read_eleventy,
        Conventions(filename_date=True, hero_keys=("image", "cover"), tags_string=True, untyped_fields=("categories",)),
        _eleventy_url, find=_find_eleventy,
    ),
}
#: detection order: the first preset with a marker at the root wins
DETECTION_ORDER = ("hugo", "jekyll", "astro", "mkdocs", "docusaurus", "eleventy")


def detect(root: Path) -> tuple[str, Path | None]:
    """(generator name, marker file) from the names at `root`; ("none", None) when none matches."""
    try:
        names = set(os.listdir(root))
    except OSError:
        return "none", None
    for name in DETECTION_ORDER:
        for marker in PRESETS[name].markers:
            head = marker.split("/", 1)[0]
            if head not in names:
                continue
            path = root / marker.rstrip("/")
            if (path.is_dir() if marker.endswith("/") else path.is_file()):
                return name, path
        found = PRESETS[name].find
        if found is not None and (path := found(root, names)) is not None:
            return name, path
    return "none", None


def read_site(root: Path, generator: str = "auto") -> SiteSettings:
    """The site settings of `generator` (`auto`: detected) at `root`."""
    if generator == "auto":
        generator, marker = detect(root)
    else:
        marker = None
        if generator in PRESETS:
            preset = PRESETS[generator]
            marker = next((root / m.rstrip("/") for m in preset.markers if (root / m.rstrip("/")).exists()), None)
            if marker is None and preset.find is not None:
                try:
                    marker = preset.find(root, set(os.listdir(root)))
                except OSError:
                    marker = None
    preset = PRESETS.get(generator)
    if preset is None:
        return SiteSettings()
    if marker is None:
        return SiteSettings(generator=generator, notes=(f"no {generator} config file found at {root}",))
    settings = preset.read(root, marker)
    redirects = _host_redirects(root, settings)
    return replace(settings, generated=tuple(dict.fromkeys((*settings.generated, *redirects)))) if redirects else settings


#: the most redirects read from the host's files (`_redirects`, `vercel.json`, `netlify.toml`)
REDIRECTS_READ = 5_000
#: a path segment a redirect's source matches anything in: `*`, `:splat`, `:path*`, `(.*)`
_REDIRECT_WILD = lazy_regex(r"^(?:\*|:[\w]+[*+?]?|\(.*\)[*+?]?)$")


def _host_redirects(root: Path, settings: SiteSettings) -> list[str]:
    """The site paths the host redirects (Netlify's `_redirects` at the root, in a static folder
    or the content root, or written by a Hugo output format from `layouts/index.redirects`: its
    lines with a literal source; `netlify.toml`'s `[[redirects]] from`; Vercel's `vercel.json`
    `redirects` `source`), as shell patterns: a link to one lands (the host answers it). A rule
    with a 4xx status serves an error page (`/* /404/ 404`): no path of it lands."""
    sources: list[str] = []
    folders = dict.fromkeys([".", *settings.static_dirs, settings.content_root or "."])
    files = [root / folder / "_redirects" for folder in folders]
    if settings.generator == "hugo":  # an output format writes `_redirects` from `layouts/index.redirects`
        files += [root / folder / f"{name}.redirects" for folder in ("layouts", "layouts/_default") for name in ("index", "home")]
    for path in files:
        text = _read_text(path, root)
        for line in (text or "").splitlines():
            parts = line.split()
            status = next((part for part in parts[2:] if part.rstrip("!").isdigit()), "")
            if parts and parts[0].startswith(("/", "http://", "https://")) and "{{" not in parts[0] and not status.startswith("4"):
                sources.append(parts[0])  # (`/* /404.html 404`: the not-found page, for any path)
    vercel = read_data(root / "vercel.json", root)
    for entry in (vercel or {}).get("redirects") or ():
        if isinstance(entry, dict) and isinstance(entry.get("source"), str):
            sources.append(entry["source"])
    netlify = read_data(root / "netlify.toml", root)
    for entry in (netlify or {}).get("redirects") or ():
        if isinstance(entry, dict) and isinstance(entry.get("from"), str) and not str(entry.get("status", "")).startswith("4"):
            sources.append(entry["from"])
    patterns: list[str] = []
    own = settings.url.rstrip("/") if settings.url else None
    for source in sources[:REDIRECTS_READ]:
        path = source.split("?", 1)[0].split("#", 1)[0].strip()
        if own and path.lower().startswith(own.lower() + "/"):
            path = path[len(own):]  # `https://site.example/old /new`: a path of this site
        if not path.startswith("/") or "//" in path:
            continue  # another host's (`https://old.example/*`) or no path
        segments = ["*" if _REDIRECT_WILD().match(segment) or "*" in segment else segment.replace("[", "[[]") for segment in path.split("/")]
        pattern = "/".join(segments).rstrip("/") or "/"
        patterns += [pattern, pattern[:-2] or "/"] if pattern.endswith("/*") else [pattern]  # a splat matches its folder too
    return patterns


__all__ = ["GENERATOR_NAMES", "PRESETS", "PathInfo", "Preset", "SiteSettings", "builds", "classify", "detect", "read_site", "relative_to"]


def classify(post: "Post", settings: SiteSettings, root: Path) -> None:
    """Give `post` its generator's conventions and say whether it is a post or a page (list page, docs page)."""
    preset = PRESETS.get(settings.generator)
    if preset is None:
        return
    post.conventions = settings.conventions or preset.conventions
    stem = post.path.name.rsplit(".", 1)[0]
    if stem in preset.list_stems:
        post.is_post = False
        return
    if settings.generator == "eleventy" and ("pagination" in post.meta or (stem == post.path.parent.name and _is_post_dir(post.path.parent, settings, root))):
        post.is_post = False  # a paginated list, or a post folder's own index (`blog/blog.md` is `/blog/`)
        return
    if settings.post_dirs:
        rel = relative_to(post.path, root)
        post.is_post = rel is None or (_under(rel, settings.post_dirs) and not (settings.page_dirs and _under(rel, settings.page_dirs)))
    elif settings.pages_only:
        post.is_post = False


def _is_post_dir(folder: Path, settings: SiteSettings, root: Path) -> bool:
    """Whether `folder` is one of the settings' post folders itself (not one inside it)."""
    rel = relative_to(folder, root)
    return rel is not None and rel in settings.post_dirs


def builds(settings: SiteSettings, root: Path, path: str) -> bool:
    """Whether the generator builds the file at the absolute `path` (`root`: the generator's
    folder): with a generator detected, a file under its `built_dirs`, else under its content root
    (other than the project) or a content folder (Hugo: a theme's `content/` too, which Hugo
    mounts); every file otherwise. A `README.md` beside the site, a theme's example site or
    `.github/` templates are built by no one."""
    if settings.generator == "none":
        return True
    folders = settings.built_dirs
    if not folders:
        if settings.content_root in (None, "", "."):
            return True
        folders = (settings.content_root, *settings.content_dirs, *(("themes/*/content",) if settings.generator == "hugo" else ()))
    rel = relative_to(Path(path), root)
    if rel is None:
        return True
    translated = _docusaurus_source(settings, rel) if settings.generator == "docusaurus" and rel.startswith("i18n/") else None
    if translated is not None:  # a translation whose source doc is gone, or of a version not built, is built by no one
        stem = translated[1].rsplit(".", 1)[0]
        version = stem.split("/", 2)[1] if stem.startswith("versioned_docs/") else None
        listed = version is None or any(folder == f"versioned_docs/{version}" for folder, _route in settings.permalinks)
        return listed and any((root / f"{stem}{suffix}").is_file() for suffix in (".md", ".mdx"))
    return _under(rel, folders)


def relative_to(path: Path, root: Path) -> str | None:
    """`path` relative to `root` (POSIX), or None when it lies outside."""
    absolute = os.path.abspath(path)
    base = os.path.abspath(root).rstrip(os.sep) + os.sep
    return absolute[len(base):].replace(os.sep, "/") if absolute.startswith(base) else None
