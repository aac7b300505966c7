"""LNK: links — well-formed, secure, descriptive, present, unbroken and free of tracking."""

from __future__ import annotations

import fnmatch
import heapq
import re
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence
from urllib.parse import urlsplit

from ..model.lazyregex import lazy_regex
from ..model.findings import Edit, Finding, Fix, Severity
from ..model.options import Option
from ..model.rule import Rule
from ..model.span import Span
from ..parse.document import url_span

if TYPE_CHECKING:  # pragma: no cover
    from ..model.context import Context
    from ..model.shortcodes import ShortcodeSpec
    from ..parse.document import BareUrl as BareUrlView, Link, Post
    from ..site.index import Resolution, Site

SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1", "0.0.0.0")
KNOWN_SCHEMES = ["http", "https", "mailto", "tel", "ftp", "ftps", "sftp", "ssh", "git", "irc", "ircs", "xmpp", "sms", "data", "news", "magnet", "file", "geo", "webcal", "feed", "callto", "skype"]
_KNOWN = frozenset(KNOWN_SCHEMES)
DEFAULT_POOR_TEXT = ["click here", "click", "here", "this link", "this", "link", "read more", "more", "learn more"]


_UNLOCATED = object()


@dataclass(frozen=True, slots=True)
class Target:
    """A link target and, when it could be located, its exact span in the file."""

    url: str
    line: int
    column: int  # where the finding points (the link's start)
    end_line: int
    end_column: int
    known_span: Span | None = None
    #: the link whose typed destination `span` looks for, on first use (most targets need no
    #: edit), and the post's lines
    link: "Link | None" = field(default=None, compare=False, repr=False)
    lines: list[str] | None = field(default=None, compare=False, repr=False)
    #: `span` once computed (slots, not a `__dict__` a target: a link roundup holds a million)
    _span: object = field(default=_UNLOCATED, init=False, compare=False, repr=False)

    @property
    def span(self) -> Span | None:
        """Where the URL is typed (see `Post.url_span`)."""
        found = self._span
        if found is _UNLOCATED:
            found = self.known_span if self.link is None or self.lines is None else url_span(self.lines, self.link)
            object.__setattr__(self, "_span", found)
        return found  # type: ignore[return-value]

    def edit(self, content: str) -> Edit | None:
        span = self.span
        return Edit.at(span, content) if span is not None else None


def targets(post: "Post", bare: bool = False) -> Iterator[Target]:
    """Every link target of the post (and, with `bare`, every bare URL), in file order.

    Made as the caller iterates and not kept: a link roundup has a million links, and a
    list of targets beside them would cost more than the links (issue #19)."""
    links = (Target(link.url, link.line, link.column, link.end_line, link.end_column, None, link, post.lines) for link in _in_order(post.links))
    if not bare:
        return links
    urls = (Target(u.url, u.line, u.column, u.line, u.end_column, Span(u.line, u.column, u.line, u.end_column)) for u in _in_order(post.bare_urls))
    return heapq.merge(links, urls, key=_position)  # stable: a link before a bare URL at the same place


def _in_order(items: "Sequence[Link] | Sequence[BareUrlView]") -> "Sequence[Link] | Sequence[BareUrlView]":
    """`items` sorted by (line, column), stably; as they are when already so (the usual case: no copy).
    One pass: a roundup's links are made as they are read (`parse.linklist.ParsedLinks`)."""
    last = (0, 0)
    for item in items:
        here = (item.line, item.column)
        if here < last:
            return sorted(items, key=_position)
        last = here
    return items


def _position(target: "Target | Link | BareUrlView") -> tuple[int, int]:
    return (target.line, target.column)


def is_templated(url: str) -> bool:
    """A target the site generator fills in (`{{< ref "x.md" >}}`, `{% link x.md %}`): not ours to judge."""
    return "{{" in url or "{%" in url


def checkable(url: str) -> str | None:
    """The target to check: `url` itself, the path behind a base-URL prefix (`{{ site.baseurl }}/a/`),
    or None for any other templated target (unverified: never reported, never fixed)."""
    if "{{" not in url and "{%" not in url:
        return url
    from ..parse.templates import plain_target  # a templated target only

    return plain_target(url)


#: a web URL whose authority is a plain host name: `urlsplit` would find this host and never raise
_PLAIN_HOST = re.compile(r"(?:https?|ftps?):(?://)([A-Za-z0-9][A-Za-z0-9.-]*)(?=[/?#]|$)", re.IGNORECASE)


@lru_cache(maxsize=16384)
def host_of(url: str) -> str:
    """The URL's host, lower case ("" when it has none or does not parse); cached: posts repeat URLs."""
    plain = _PLAIN_HOST.match(url.strip())
    if plain:
        return plain.group(1).lower()
    try:
        return (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return ""


def is_local_host(host: str) -> bool:
    return host in LOCAL_HOSTS or host.endswith(".localhost") or host.startswith("127.")


def is_external(url: str, ctx: "Context") -> bool:
    return url.lower().startswith(("http://", "https://", "//")) and ctx.site.internal_path(url) is None


def is_internal_page(url: str, ctx: "Context") -> bool:
    """A link to another page of the site: relative, root-absolute or to `site.url` (not a bare `#fragment`)."""
    path = ctx.site.internal_path(url)
    return path is not None and bool(path.split("#", 1)[0])


class LinkMalformed(Rule):
    """A link target that is not a valid URL or path.

    Flags targets that are empty, contain spaces (but in an HTML `href` or a
    `[x](<a b.md>)` destination, where the browser encodes them), have an empty host
    (`https:///docs`) or a host label `xn--…` that is not valid Punycode
    (`http://xn--/`), have unbalanced brackets or parentheses, or whose
    scheme is malformed: a typo of a known scheme (`htps:`), a host and port
    without one (`localhost:3000`), or two schemes (`URL:https://…`). Any
    other scheme that RFC 3986 allows (`rsync:`, `gopher:`, `vscode:`) is
    accepted: postlint cannot know every application's links. Also reversed
    links (`(docs)[https://example.com/docs]`, which render as that literal
    text; markdownlint's MD011). Targets with template syntax are the
    generator's and are not judged.

    **Bad:** `[docs](htps://example.com/docs)` — **Good:** `[docs](https://example.com/docs)`

    **Fix (unsafe):** turns a reversed link round (`[docs](https://example.com/docs)`).
    """

    code = "LNK001"
    name = "link-malformed"
    summary = "A link target is not a valid URL or path"
    severity = Severity.ERROR
    tags = ("links",)
    fixable = True
    options = {"schemes": Option(list, KNOWN_SCHEMES, "The known URL schemes: one a letter away from one of them is reported as a typo.", item=str)}

    @cached_property
    def schemes(self) -> frozenset[str]:
        """The known schemes, lower case (read from the options once)."""
        return frozenset(s.lower() for s in self.opts["schemes"])

    def check(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        schemes = self.schemes
        for link in post.links:
            if is_templated(link.url):
                continue
            problem = self.problem(link.url, schemes)
            if problem == SPACES and (link.kind == "html" or f"<{link.url}>" in post.line_text(link.line)):
                continue  # `<a href="a b.jpg">`, `[x](<a b.jpg>)`: the browser encodes the space and follows it
            if problem:
                yield self.report_at(post, post.span_of(link), f"link target `{link.url}` {problem}")
        for reversed_link in post.index.reversed_links:
            typed = f"[{reversed_link.text}]({reversed_link.url})"
            edit = Edit(reversed_link.line, reversed_link.column, reversed_link.line, reversed_link.end_column, typed)
            yield self.report(
                post, reversed_link.line, reversed_link.column,
                f"reversed link `({reversed_link.text})[{reversed_link.url}]` shows as text; write `{typed}`",
                end_column=reversed_link.end_column, fix=Fix((edit,), "unsafe", "turn the link round"),
            )

    @staticmethod
    def problem(url: str, schemes: "set[str] | frozenset[str]") -> str | None:
        """What is wrong with `url` (None when nothing); LNK006 asks too, so answers are cached."""
        return _problem(url, schemes if isinstance(schemes, frozenset) else frozenset(schemes))


#: LNK001's answer for a target with white space in it
SPACES = "contains spaces (encode them as %20)"


@lru_cache(maxsize=16384)
def _problem(url: str, schemes: frozenset[str]) -> str | None:
    if not url.strip():
        return "is empty"
    if re.search(r"\s", url.strip()):
        return SPACES
    match = SCHEME_RE.match(url)
    if match:
        scheme = match.group(1).lower()
        if scheme not in schemes:
            return _scheme_problem(url, scheme, schemes)
        if scheme in ("http", "https", "ftp", "ftps") and not _PLAIN_HOST.match(url):
            try:
                parts = urlsplit(url)
                parts.port  # noqa: B018  (raises on a bad port)
            except ValueError as exc:
                return f"is not a valid URL ({exc})"
            if not parts.netloc or not parts.hostname:
                return "has an empty host"
        if "xn--" in url.lower():
            bad = _bad_a_label(host_of(url))
            if bad:
                return f"has an invalid host name label `{bad}` (not valid Punycode)"
    elif url.startswith("//") and not host_of("https:" + url):
        return "has an empty host"
    for open_char, close_char in ("()", "[]"):
        if url.count(open_char) != url.count(close_char):
            return f"has unbalanced `{open_char}{close_char}`"
    return None


#: `localhost:3000`, `example.com:8080/x`, `ruby-core:03694`: a name and a port or number, not a URL
_PORT_LIKE = lazy_regex(r"^[A-Za-z][A-Za-z0-9+.\-]*:\d+(?:[/?#]|$)")
#: `URL:https://…`: a second scheme after the first
_TWO_SCHEMES = lazy_regex(r"^[A-Za-z][A-Za-z0-9+.\-]*:[A-Za-z][A-Za-z0-9+.\-]*://")


def _scheme_problem(url: str, scheme: str, schemes: frozenset[str]) -> str | None:
    """What is wrong with a scheme postlint does not know; None when it is just one more RFC 3986 scheme."""
    if _PORT_LIKE().match(url):
        return f"is not a URL: `{scheme}:` followed by a number looks like a host and port (write `https://…`)"
    if _TWO_SCHEMES().match(url):
        return f"has two schemes: drop the `{scheme}:` before the address"
    web_first = sorted(schemes, key=lambda known: (known not in ("https", "http"), known))
    near = next((known for known in web_first if len(known) >= 3 and _one_edit(scheme, known)), None)
    if near:
        return f"has an unknown scheme `{scheme}:` (a typo of `{near}:`?)"
    return None


def _one_edit(a: str, b: str) -> bool:
    """Whether `a` becomes `b` by one inserted, deleted, replaced or swapped letter."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _bad_a_label(host: str) -> str | None:
    """The first `xn--` label of `host` that encodes no Unicode name (RFC 5891 A-label), or None."""
    for label in host.split("."):
        if not label.startswith("xn--"):
            continue
        try:
            decoded = label[4:].encode("ascii").decode("punycode")
        except (UnicodeError, ValueError):
            return label
        if not decoded or decoded.isascii():
            return label
    return None


class LinkInsecure(Rule):
    """An `http://` link to a host other than localhost.

    **Why it matters:** browsers warn on, or block, plain-HTTP pages; most
    sites redirect to HTTPS anyway, which costs the reader a round trip.

    **Bad:** `[the spec](http://example.org/spec)` — **Good:** `[the spec](https://example.org/spec)`

    **Fix (unsafe):** rewrites `http://` to `https://` (the target must serve HTTPS).
    """

    code = "LNK002"
    name = "link-insecure"
    summary = "An http:// link to a host other than localhost"
    severity = Severity.WARNING
    tags = ("links", "security")
    fixable = True

    def check(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        for target in targets(post):
            if not target.url.lower().startswith("http://") or is_local_host(host_of(target.url)):
                continue
            edit = target.edit("https://" + target.url[len("http://"):])
            fix = Fix((edit,), "unsafe", "use https://") if edit else None
            yield self.report(
                post, target.line, target.column, f"insecure link `{target.url}`; use https://",
                end_line=target.end_line, end_column=target.end_column, fix=fix,
            )


@lru_cache(maxsize=1)
def poor_link_texts() -> tuple[str, ...]:
    """The shipped list of link texts that say nothing (`rules/links.yaml`, `poor-link-text`)."""
    try:
        from ..packs.loader import pack_data

        values = pack_data("links.yaml").get("poor-link-text")
    except Exception:  # the shipped pack is missing or broken: fall back to the built-in list
        values = None
    return tuple(values) if isinstance(values, list) else tuple(DEFAULT_POOR_TEXT)


class LinkTextPoor(Rule):
    """Empty link text, or text that says nothing about the target ("click here", "read more").

    **Why it matters:** screen-reader users jump from link to link and hear
    only the text; search engines use link text to understand the target.

    **Bad:** `To see the numbers, [click here](/reports/q3/).`

    **Good:** `See [the third-quarter report](/reports/q3/).`

    A text that is the name the target's path ends with is a name, not a
    phrase: `[Click](https://github.com/pallets/click)` (the library) is fine.
    """

    code = "LNK003"
    name = "link-text-poor"
    summary = "Link text is empty or says nothing (\"click here\", \"read more\")"
    severity = Severity.WARNING
    tags = ("links", "accessibility", "seo")
    options = {"texts": Option(list, [], "Link texts to flag on top of the shipped list (`poor-link-text` in rules/links.yaml).", item=str)}

    @cached_property
    def poor(self) -> frozenset[str]:
        """The texts that say nothing, lower case: the shipped list's and the option's."""
        return frozenset(t.lower() for t in (*poor_link_texts(), *self.opts["texts"]))

    def check(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        poor = self.poor
        for link in post.links:
            if link.kind == "autolink":
                continue
            text = _SPACES.sub(" ", link.text).strip()
            normal = text.lower().strip(" .,:;!?…→»>")
            if not text:
                message = "link has no text"
            elif normal in poor and not _names_target(normal, link.url):
                message = f"link text {text!r} does not describe the target"
            else:
                continue
            yield self.report_at(post, post.span_of(link), message)


def _names_target(text: str, url: str) -> bool:
    """Whether the link text is the name the target's path ends with: `[Click](https://github.com/pallets/click)`
    names the project, however poor "click" is as link text elsewhere."""
    if "/" not in url:
        return False
    last = url.split("#", 1)[0].split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    name = re.sub(r"[\W_]+", "", last.rsplit(".", 1)[0].lower())  # `here.html` is named `here`
    return bool(name) and name == re.sub(r"[\W_]+", "", text)


class OutboundLinkMissing(Rule):
    """A post of `min-words` words or more (default 300) with no link to another site.

    **Why it matters:** citing sources builds trust with readers and search
    engines; a long post that links nowhere looks unsupported.
    """

    code = "LNK004"
    name = "outbound-link-missing"
    summary = "A post of 300+ words has no link to another site"
    severity = Severity.INFO
    tags = ("links", "seo")
    options = {"min-words": Option(int, 300, "Posts with fewer words of prose are not checked.", min=0)}

    def check(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        if post.word_count < self.opts["min-words"]:
            return
        if any(is_external(link.url, ctx) for link in post.links) or any(is_external(u.url, ctx) for u in post.bare_urls):
            return
        yield self.report(post, 1, 1, f"{post.word_count} words and no link to another site; cite a source")


class InternalLinkMissing(Rule):
    """A post of `min-words` words or more (default 300) with no link to another page of its site.

    Internal links are relative or root-absolute links, and absolute links to
    `site.url`; a bare `#fragment` does not count.

    **Why it matters:** internal links spread readers (and ranking) through the
    site; an orphaned post is a dead end.
    """

    code = "LNK005"
    name = "internal-link-missing"
    summary = "A post of 300+ words has no link to another page of its own site"
    severity = Severity.INFO
    tags = ("links", "seo")
    options = {"min-words": Option(int, 300, "Posts with fewer words of prose are not checked.", min=0)}

    def check(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        if post.word_count < self.opts["min-words"]:
            return
        if any(is_internal_page(link.url, ctx) for link in post.links if not link.url.lower().startswith(("mailto:", "tel:"))):
            return
        yield self.report(post, 1, 1, f"{post.word_count} words and no link to another page of this site")


class InternalLinkBroken(Rule):
    """An internal link that resolves to no post, page or file of the site, or to a missing anchor.

    Internal links are relative links (`../pricing/`, `other-post.md`),
    root-absolute links (`/blog/pricing/`) and absolute links to `site.url`.
    They resolve to posts by URL path (content root, `slug`, `url`,
    `permalink` front matter and the `site.permalink` pattern), to files under
    the static dirs or the content root, and relative links resolve like a
    browser would (from the page's URL) or from the source file's folder.
    A `#fragment` must name a heading anchor (GitHub/Hugo-style slug or
    explicit `{#id}`; Zola-style slugs such as `public-private` for
    "Public/private" and markdown-it-anchor's, which keep punctuation
    (`promise.allsettled`, `async%2Fawait`), are accepted too) or an HTML
    `id` of the target post.

    Zola's `@/path.md` links resolve under the content root. Targets a
    generator fills in are the generator's (see docs/templates.md), except:
    `{{ site.baseurl }}/path` and `{{ "/path" | relative_url }}` are checked
    as `/path`; Hugo's `{{< ref "posts/a.md" >}}` (and `relref`) must name a
    file beside the post or under the content root (a bare name such as
    `"a.md"` is looked up among the indexed posts only when `content-dirs`
    is set); Jekyll's `{% link path %}` must name a file under the project root;
    a site's own link shortcode (`templates.shortcodes`) is checked as the link
    it names. Hugo and Jekyll fail the build on such links too.

    With `content-dirs` configured, every post under them is indexed even on
    a run that lints only some files; otherwise the run's posts and the files
    under the content root are what the link can resolve to.

    **Bad:** `[pricing guide](/blog/pricing-guid/)` — **Good:** `[pricing guide](/blog/pricing-guide/)`

    A root-absolute target (or an absolute link to `site.url`) outside
    everything the index holds — its first path segment is neither that of
    an indexed post's URL nor a name in a static dir: another section, a
    language root, a module mount, a route of the app — cannot be verified
    and is not reported (`report-unverified: true` reports it as info).
    A target inside the indexed folders that resolves to nothing is an error.

    `ignore` lists shell-style patterns for site paths that exist but are
    not posts postlint sees (pages the theme or another tool builds), e.g.
    `["/about/*", "/download/*"]`; they are matched against the path as
    written and, for absolute links to `site.url`, the path under it.

    **The built site:** with `postlint check --site-dir public` (or `_site`,
    `dist`, `build`: the generator's output), a root-absolute target that no
    post resolves to is looked up in that folder (`/a/b/` as `a/b/index.html`,
    `a/b.html` or the file `a/b`): found, it is fine; missing, it is an error
    wherever it points, since the built site shows what the generator made.

    **Pages a build step writes** land: a target whose content file git
    ignores (`content/docs/cmd/*.md` in a `.gitignore`, docs imported from
    another repository before the generator runs) cannot be seen and is not
    reported.

    **Pages the generator makes from no file** land: Hugo's taxonomy pages
    (`/tags/x/`, the config's `taxonomies`) and pagers (`/posts/page/2/`),
    the MkDocs Material blog's category, archive, pager and (when on) author
    pages under the blog, and the Docusaurus blog's tag, author, archive and
    pager pages (`postlint site` lists them under `generated`).

    **A site's own link render hook** (Hugo's `render-link.html`) that compares
    the destination with a literal (`{{ if eq $u.String "g" }}`) renders that
    destination itself (hugoDocs' `[term](g)` is a glossary link): it is not
    checked. A fragment starting with `/` or `!` (`#/portal`, `#!`) is a route
    of a script on the page, not a heading, and is not checked either.

    **Static hosts** serve `api/x.html` at `/api/x`: such a link to a static
    file lands. A file in a git submodule that is not checked out (an empty
    folder `.gitmodules` names) cannot be seen and is not reported. In a file
    the generator builds no page of (a `README.md` beside the site, named on
    the command line), a root-absolute link to a file of the project lands,
    as GitHub shows it.
    """

    code = "LNK006"
    name = "internal-link-broken"
    summary = "An internal link resolves to no post, page or file, or to a missing anchor"
    severity = Severity.ERROR
    tags = ("links",)
    options = {
        "ignore": Option(list, [], "Shell-style patterns of site paths that exist but are not posts postlint sees.", item=str),
        "report-unverified": Option(bool, False, "Report links outside the index as info, to list their prefixes under `ignore`."),
    }

    def check(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        ignore = self.opts["ignore"]
        shortcodes: dict[str, "ShortcodeSpec"] | None = None
        #: where each distinct target lands: a roundup repeats its targets, asked about once
        outcomes: dict[str, tuple["Resolution | None", bool | None, bool]] = {}
        hooked = ctx.site.settings.hook_destinations
        for link in post.links:
            if hooked and link.url in hooked:
                continue  # the site's own link render hook makes this destination a link of its own
            url = checkable(link.url)
            if url is None:
                if shortcodes is None:
                    from ..model.shortcodes import BUILTIN_SHORTCODES  # a post with a templated target only

                    shortcodes = {**BUILTIN_SHORTCODES, **ctx.config.shortcodes}
                message = _shortcode_link_problem(post, link.url, shortcodes, ctx)
                if message:
                    yield self.report_at(post, post.span_of(link), message)
                continue
            internal = ctx.site.internal_path(url)
            if internal is None:
                continue  # another site, or not a web link (`mailto:`): nothing of this site to resolve
            if ignore and _ignored(url, internal, ignore):
                continue
            if LinkMalformed.problem(url, _KNOWN):
                continue  # LNK001's business
            known = outcomes.get(url)
            if known is None:
                known = _outcome(ctx.site, post, url, internal)
                if len(outcomes) < OUTCOMES_KEPT:
                    outcomes[url] = known
            resolution, built, covered = known
            if resolution is None:
                continue
            if built:
                continue  # the generator built it: a page postlint does not lint
            if built is None and not resolution.found and not covered:
                if self.opts["report-unverified"]:
                    yield replace(
                        self.report_at(post, post.span_of(link), f"internal link `{link.url}` not verified: outside the indexed content (list its prefix under LNK006 `ignore` if it exists)"),
                        severity=Severity.INFO,
                    )
                continue
            if not resolution.found:
                message = f"internal link `{link.url}` resolves to no post or file of the site" + (" nor of the built site" if built is False else "")
            elif resolution.fragment_missing:
                where = "this post" if resolution.post is None or resolution.post.display_path == post.display_path else resolution.post.display_path
                message = f"`#{resolution.fragment}` names no heading of {where}"
            else:
                continue
            yield self.report_at(post, post.span_of(link), message)


#: distinct targets a post's outcomes are kept for (past that, each link is resolved anew)
OUTCOMES_KEPT = 50_000


def _outcome(site: "Site", post: "Post", url: str, internal: str) -> tuple["Resolution | None", bool | None, bool]:
    """(where `url` lands, whether the built site has it, whether the index covers it): what
    LNK006 asks of the site about one internal target."""
    resolution = site.resolve(post, url)
    if resolution is None:
        return None, None, True
    if resolution.found:
        built = None
    elif internal.startswith("/"):
        built = site.generated(internal) or site.ignored_page(internal) or site.built(internal)
    else:
        built = True if site.ignored_file(post, internal) else None
    covered = built is not None or resolution.found or not internal.startswith("/") or site.covers(internal)
    return resolution, built, covered


def _shortcode_link_problem(post: "Post", url: str, specs: "dict[str, ShortcodeSpec]", ctx: "Context") -> str | None:
    """What is wrong with a target that is one link shortcode (None: nothing, or not ours to judge)."""
    from ..parse.templates import find_spans, shortcode

    spans = find_spans(url)
    code = shortcode(spans[0]) if len(spans) == 1 and spans[0].text == url.strip() else None
    spec = specs.get(code.name) if code is not None else None
    if code is None or spec is None or spec.kind != "link":
        return None
    target = code.arg(spec.src)
    if not target or "{{" in target or "{%" in target:
        return None
    from ..model.shortcodes import BUILTIN_SHORTCODES

    if code.name in ("ref", "relref") and spec is BUILTIN_SHORTCODES.get(code.name):
        return _hugo_ref(post, url, target, ctx)
    if code.name == "link" and spec is BUILTIN_SHORTCODES.get("link"):
        path = ctx.site.root / target.lstrip("/")
        return None if ctx.site.is_file(path) else f"`{url}` names no file of the site (looked for {target.lstrip('/')})"
    if code.name == "post_url" and spec is BUILTIN_SHORTCODES.get("post_url"):
        return None  # a post by date and name: unverified
    resolution = ctx.site.resolve(post, target) if ctx.site.internal_path(target) is not None else None
    if resolution is not None and not resolution.found:
        return f"`{url}` resolves to no post or file of the site"
    return None


def _hugo_ref(post: "Post", url: str, target: str, ctx: "Context") -> str | None:
    """Hugo's `ref`: a content file beside the page, then under the content root; `#x` is an anchor."""
    path, _, fragment = target.partition("#")
    if not path:
        return None  # an anchor of this page: Hugo checks it, and so does LNK006 for `#x` links
    suffix = "#" + fragment if fragment else ""
    for candidate in (path, "@/" + path.lstrip("/")):
        resolution = ctx.site.resolve(post, candidate + suffix)
        if resolution is not None and resolution.found:
            if resolution.fragment_missing:
                return f"`#{fragment}` names no heading of the page `{url}` names"
            return None
    stem = path.rsplit(".", 1)[0] if path.lower().endswith((".md", ".markdown", ".mdx")) else path
    if ctx.site.page_at("/" + stem.lstrip("/")) is not None:
        return None  # a page by its content path (`/posts/2012/a`, `docs/a/alts`), in a language's folder too
    if "/" not in path.strip("/"):  # `"name"` or `"/name"`: Hugo also looks the page up by name anywhere
        if not ctx.config.content_dirs:
            return None  # only a full index can say it is missing
        bare = path.strip("/")
        names = {bare, *(bare + suffix for suffix in (".md", ".markdown", ".mdx", "/index.md", "/_index.md"))}
        if any(key.rsplit("/", 2)[-1] in names or "/".join(key.rsplit("/", 2)[-2:]) in names for key in ctx.site.by_path):
            return None
    return f"`{url}` names no page beside this post or under the content root"


def _ignored(url: str, path: str | None, patterns: list[str]) -> bool:
    candidates = {url, url.split("#", 1)[0]}
    if path is not None:
        candidates |= {path, path.split("#", 1)[0]}
    return any(fnmatch.fnmatchcase(c, p) for c in candidates for p in patterns)


class LinkDomainPolicy(Rule):
    """A link to a denied domain, outside the allowed domains, or carrying tracking parameters.

    Hosts match a listed domain and its subdomains. Tracking parameters
    (`utm_*`, `fbclid`, `gclid`) leak campaign data into shared links and
    split analytics for one page over many URLs.

    **Bad:** `[the report](https://example.com/report?utm_source=newsletter)`

    **Good:** `[the report](https://example.com/report)`

    **Fix (safe):** removes the tracking parameters and keeps the rest of the URL.

    The `blog` and `docs` profiles set `tracking-params` to the click
    identifiers only (`fbclid`, `gclid`, `msclkid`, `dclid`: copied from an
    ad click, never meant), since a project blog's `utm_*` campaign tags on a
    partner link are deliberate.
    """

    code = "LNK009"
    name = "link-domain-policy"
    summary = "A link to a denied domain, outside the allowed domains, or with tracking parameters"
    severity = Severity.WARNING
    tags = ("links", "policy")
    fixable = True
    options = {
        "deny-domains": Option(list, [], "Domains no link may point to.", item=str),
        "allow-domains": Option(list, [], "When not empty, the only domains external links may point to.", item=str),
        "tracking-params": Option(list, ["utm_*", "fbclid", "gclid"], "Query parameters (shell-style patterns) reported as tracking.", item=str),
    }

    @cached_property
    def domains(self) -> tuple[list[str], list[str]]:
        """(denied, allowed) domains as compared: lower case, no leading dot."""
        return [d.lower().lstrip(".") for d in self.opts["deny-domains"]], [d.lower().lstrip(".") for d in self.opts["allow-domains"]]

    def check(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        deny, allow = self.domains
        for target in targets(post):
            if not target.url.lower().startswith(("http://", "https://", "//")):
                continue
            message = None
            host = host_of(target.url if not target.url.startswith("//") else "https:" + target.url) if deny or allow else ""
            if host and any(_under(host, d) for d in deny):
                message = f"link to denied domain `{host}`"
            elif host and allow and is_external(target.url, ctx) and not any(_under(host, d) for d in allow):
                message = f"link to `{host}`, which is not in `allow-domains`"
            if message:
                yield self.report(post, target.line, target.column, message, end_line=target.end_line, end_column=target.end_column)
            cleaned, removed = strip_tracking(target.url, self.opts["tracking-params"])
            if removed:
                edit = target.edit(cleaned)
                fix = Fix((edit,), "safe", "remove tracking parameters") if edit else None
                yield self.report(
                    post, target.line, target.column, f"link carries tracking parameters: {', '.join(removed)}",
                    end_line=target.end_line, end_column=target.end_column, fix=fix,
                )


_SPACES = re.compile(r"\s+")


def _under(host: str, domain: str) -> bool:
    return host == domain or host.endswith("." + domain)


def strip_tracking(url: str, patterns: list[str]) -> tuple[str, list[str]]:
    """`url` without query parameters matching `patterns`, and the names removed; the rest is kept byte for byte."""
    base, hash_, fragment = url.partition("#")
    path, question, query = base.partition("?")
    if not question:
        return url, []
    kept: list[str] = []
    removed: list[str] = []
    for part in query.split("&"):
        name = part.split("=", 1)[0]
        if any(fnmatch.fnmatchcase(name.lower(), p.lower()) for p in patterns):
            removed.append(name)
        else:
            kept.append(part)
    if not removed:
        return url, []
    rebuilt = path + ("?" + "&".join(kept) if kept else "") + (hash_ + fragment)
    return rebuilt, removed


class BareUrl(Rule):
    """A bare URL in prose instead of a link with descriptive text.

    Like markdownlint's MD034: some renderers leave it as plain text, and
    where it becomes a link its text is the raw address, which says nothing
    to readers or screen readers. URLs in code, in links and in HTML are fine.

    **Bad:** `Read the guide at https://example.com/guide.`

    **Good:** `Read [the style guide](https://example.com/guide).`

    Bare e-mail addresses (`write to team@example.com`) are reported too, as
    markdownlint's MD034 does. A URL typed with backslash escapes before it
    on the line is found; a reversed link `(text)[https://…]` is LNK001's.

    **Fix (safe):** wraps a `http(s)://` URL or an e-mail address in `<…>`,
    making it an autolink (better still: give a URL descriptive text by hand).
    """

    code = "LNK010"
    name = "bare-url"
    summary = "A bare URL in prose instead of a link with descriptive text"
    severity = Severity.WARNING
    tags = ("links", "accessibility")
    fixable = True

    def check(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        for bare in post.bare_urls:
            fix = None
            email = "@" in bare.url and "://" not in bare.url and not bare.url.lower().startswith("www.")
            if email or bare.url.lower().startswith(("http://", "https://")):
                edit = Edit(bare.line, bare.column, bare.line, bare.end_column, f"<{bare.url}>")
                fix = Fix((edit,), "safe", "make the address an autolink" if email else "make the URL an autolink")
            message = f"bare e-mail address `{bare.url}`; make it a link" if email else f"bare URL `{bare.url}`; make it a link with descriptive text"
            yield self.report(post, bare.line, bare.column, message, end_column=bare.end_column, fix=fix)


RULES: list[type[Rule]] = [
    LinkMalformed,
    LinkInsecure,
    LinkTextPoor,
    OutboundLinkMissing,
    InternalLinkMissing,
    InternalLinkBroken,
    LinkDomainPolicy,
    BareUrl,
]


# --- online checks: LNK007, LNK008 (`--check-links`) -------------------------------------
# Both rules read one shared batch (`linkcheck.batch_for`), so each URL is fetched once.


if TYPE_CHECKING:  # pragma: no cover
    from ..links.check import LinkRef
    from ..links.settings import Outcome


class _OnlineLinkRule(Rule):
    """Base of the `--check-links` rules: one finding per link to a URL the batch flags."""

    severity = Severity.ERROR
    tags = ("links", "online")
    scope = "site"
    online = True

    def check_site(self, ctx: "Context") -> Iterable[Finding]:
        batch = ctx.link_batch()
        for key, refs in batch.targets.items():
            outcome = batch.outcomes.get(key)
            if outcome is None:
                continue
            for ref in refs:
                message = self.message(ref, outcome, batch.settings.accept)
                if message:
                    finding = self.report(ref.path, ref.line, ref.column, message, end_line=ref.end_line, end_column=ref.end_column)
                    # not known to be broken, only not checked: never an error (docs/security.md)
                    yield replace(finding, severity=Severity.WARNING) if outcome.unverified else finding

    def message(self, ref: "LinkRef", outcome: "Outcome", accept: frozenset[int]) -> str | None:
        raise NotImplementedError


class LinkUnreachable(_OnlineLinkRule):
    """An external link whose target cannot be reached (only with `--check-links`).

    Each distinct http(s) URL of the run is requested once (HEAD, then GET when
    the server refuses HEAD), following up to 10 redirects. The link is
    reported, at every line that links to the URL, when the final answer is a
    4xx or 5xx status, or when DNS, TLS or the connection fails or the request
    times out, after the configured retries. The message names the status or
    the error.

    **Why it matters:** a dead outbound link frustrates readers, wastes the
    trust the post earned, and tells search engines the page is neglected.

    **Bad:** `See the [release notes](https://example.com/notes-2019)` where
    the page answers `404 Not Found`.
    **Good:** link to the page where it lives now, or remove the link.

    Settings live in the `links:` config table: `timeout`, `retries`,
    `max-concurrency`, `per-host`, `accept` (statuses that count as reachable,
    e.g. `403` or `429` for sites that block bots), `exclude` (regexes of URLs
    never requested), `cache-max-age` and `allow-private` (private, loopback
    and link-local targets are skipped unless it is true). 2xx answers are
    always reachable. Links to `site.url` are internal links (LNK006).

    Checking is bounded in time: `deadline` (120 s) for the whole run,
    `host-timeouts` (3) timeouts in a row or a `Retry-After` above
    `max-retry-after` (10 s) give a host up. A URL left unchecked that way is
    reported as a **warning**, "was not checked: …" (unverified, not known to
    be broken); see docs/security.md for the worst case.
    """

    code = "LNK007"
    name = "link-unreachable"
    summary = "An HTTP(S) target that answers 4xx/5xx, fails DNS/TLS, or times out after retries"
    severity = Severity.ERROR

    def message(self, ref: "LinkRef", outcome: "Outcome", accept: frozenset[int]) -> str | None:
        if outcome.unverified:
            return f"`{ref.url}` was not checked: {outcome.unverified}"
        reason = outcome.failure(accept)
        return f"`{ref.url}` is unreachable: {reason}" if reason else None


class LinkRedirected(_OnlineLinkRule):
    """An external link that permanently redirects (only with `--check-links`).

    When a URL answers `301 Moved Permanently` or `308 Permanent Redirect`
    (possibly several such hops), the message names the URL the permanent
    redirects lead to. Temporary redirects (302, 303, 307) are followed
    silently; a chain that turns temporary stops the suggestion at the last
    permanent hop. A redirect that ends in an error is LNK007 instead.

    **Why it matters:** every redirect costs the reader a round trip, and a
    moved page is often retired later; linking to the final URL is faster and
    lasts longer.

    **Bad:** `[the guide](http://example.com/guide)` → 301 →
    `https://www.example.com/guides/start/`.
    **Good:** `[the guide](https://www.example.com/guides/start/)`

    Settings: the `links:` config table (see LNK007).
    """

    code = "LNK008"
    name = "link-redirected"
    summary = "A target that permanently redirects (301/308); the message names the final URL"
    severity = Severity.INFO

    def message(self, ref: "LinkRef", outcome: "Outcome", accept: frozenset[int]) -> str | None:
        target = outcome.permanent_redirect(accept)
        if target is None:
            return None
        fragment = ref.url.partition("#")[2]
        if fragment and "#" not in target:
            target += "#" + fragment
        codes = ", ".join(str(code) for code in outcome.redirect_codes)
        return f"`{ref.url}` permanently redirects ({codes}) to `{target}`: link to the final URL"


RULES += [LinkUnreachable, LinkRedirected]
