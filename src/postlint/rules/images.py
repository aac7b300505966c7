"""IMG: images — alt text, the hero image, and the image files themselves."""

from __future__ import annotations

import os

import re
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from ..model.findings import Edit, Finding, Fix, Severity
from ..model.options import Option
from ..model.rule import Rule
from ..parse.prose import words

if TYPE_CHECKING:  # pragma: no cover
    from ..model.context import Context
    from ..model.shortcodes import ShortcodeSpec
    from ..parse.document import Image, Post

FILE_NAME_RE = re.compile(r"^[\w\-. ]+\.(?:png|jpe?g|gif|webp|avif|svg|bmp|tiff?|heic)$", re.IGNORECASE)
STOPWORDS = frozenset(
    """a an the and or but of to in on for with by at from as is are was were be been it its this that these
    those what why how when where who which your you our we my i vs""".split()
)


def images_of(post: "Post", ctx: "Context") -> "list[Image]":
    """The post's images: Markdown, HTML and the image shortcodes (`{{< figure >}}`, `{% image %}`,
    a site's own from `templates.shortcodes`), in file order; built once per post."""
    found: "list[Image] | None" = post.memo.get("images+shortcodes")
    if found is None:
        found = post.images
        if post.template_spans:
            from ..model.shortcodes import BUILTIN_SHORTCODES

            extra = _shortcode_images(post, {**BUILTIN_SHORTCODES, **ctx.config.shortcodes})
            if extra:
                found = sorted([*found, *extra], key=lambda image: (image.line, image.column))
        post.memo["images+shortcodes"] = found
    return found


def _shortcode_images(post: "Post", specs: "dict[str, ShortcodeSpec]") -> "list[Image]":
    """Images the post shows through shortcodes. A shortcode whose source argument is absent is
    not the image shortcode its name suggests (a site's own `image` with other arguments): left out."""
    from ..parse.document import Image
    from ..parse.templates import shortcode, unverified

    out = []
    for span in post.template_spans:
        code = shortcode(span)
        spec = specs.get(code.name) if code is not None else None
        if code is None or spec is None or spec.kind != "image" or not code.has(spec.src):
            continue
        src = code.arg(spec.src)
        alt: str | None = None
        for key in (spec.alt, spec.fallback_alt):
            if key is not None and code.has(key):
                value = code.arg(key)
                alt = unverified(span) if value is None else value  # an expression: some text we cannot see
                break
        out.append(Image(unverified(span) if src is None else src, alt, span.line, span.column, span.end_line, span.end_column, "shortcode"))
    return out


def local_src(src: str) -> str | None:
    """The path to look an image up at: `src`, or the path behind a base-URL prefix; None when templated."""
    from .links import checkable

    return checkable(src)


def hero_src(post: "Post") -> str | None:
    """The front-matter hero image path (`image`, or the generator's alias: `heroImage`, `images[0]`, `cover`…)."""
    hero = post.hero
    return hero[1] if hero else None


def hero_image(post: "Post", ctx: "Context") -> "Image | None":
    """The body image that shows the front-matter image, if any."""
    src = hero_src(post)
    if src is None:
        return None
    key = ctx.site.asset_key(post, src)
    return next((image for image in images_of(post, ctx) if ctx.site.asset_key(post, image.src) == key), None)


def image_refs(post: "Post", ctx: "Context") -> list[tuple[str, int, int, int]]:
    """Every image path to look up, with its position: (src, line, column, end_column); front matter
    first. A templated path is left out (the generator fills it in) unless it is a base-URL prefix
    and a path, which is looked up as that path."""
    refs: list[tuple[str, int, int, int]] = []
    hero = post.hero
    if hero is not None:
        key, src = hero
        top = key.split(".", 1)[0]
        info = post.front_matter.fields.get(top)
        span = info.value_span if info and top == key else None
        refs.append((src, span.line if span else post.meta_line(top), span.column if span else 1, span.end_column if span else 0))
    refs += [(image.src, image.line, image.column, image.end_column if image.end_line == image.line else 0) for image in images_of(post, ctx) if image.src]
    out = []
    for src, line, column, end_column in refs:
        path = local_src(src)
        if path is not None:
            out.append((path, line, column, end_column if path == src else 0))
    return out


class ImageAltMissing(Rule):
    """A body image (Markdown, HTML `<img>` or an image shortcode) has empty or absent alt text.

    **Why it matters:** screen readers announce an image without alt text as
    "image" or read its file name, and search engines index images by their
    alt text.

    An HTML image marked decorative the WCAG way is not reported:
    `<img alt="">` (or a bare `<img alt>`, the same to the HTML standard),
    `role="presentation"` or `role="none"`, `aria-hidden="true"` (Markdown has
    no way to say so: `![](…)` is reported).

    **Bad:** `![](/media/team-offsite.webp)` or `<img src="/media/chart.webp">`

    **Good:** `![Our team at the spring offsite](/media/team-offsite.webp)`

    **Fix (unsafe):** for the hero image (the one whose path is the front-matter
    `image`), sets the alt text to the post title; review the wording.
    """

    code = "IMG001"
    name = "image-alt-missing"
    summary = "A body image has empty or absent alt text"
    severity = Severity.ERROR
    tags = ("images", "accessibility", "seo")
    fixable = True

    def check(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        hero = hero_image(post, ctx)
        for image in images_of(post, ctx):
            if (image.alt is not None and image.alt.strip()) or image.decorative:
                continue
            what = "has no alt attribute" if image.alt is None else "has empty alt text"
            fix = _alt_fix(post, image) if image is hero and post.title else None
            yield self.report(
                post, image.line, image.column, f"image `{image.src}` {what}",
                end_line=image.end_line, end_column=image.end_column, fix=fix,
            )


def _alt_fix(post: "Post", image: "Image") -> Fix | None:
    if image.kind == "shortcode":
        return None  # template syntax is never edited
    title = post.title or ""
    if image.kind == "markdown":
        escaped = re.sub(r"([\[\]\\])", r"\\\1", title)
        at = image.column + 2  # just after `![`
        return Fix((Edit(image.line, at, image.line, at, escaped),), "unsafe", "use the post title as alt text")
    if image.alt is not None:
        return None  # (an HTML image with an empty `alt` is decorative: never reported)
    value = title.replace("&", "&amp;").replace('"', "&quot;")
    at = image.column + len("<img")
    return Fix((Edit(image.line, at, image.line, at, f' alt="{value}"'),), "unsafe", "use the post title as alt text")


class ImageAltQuality(Rule):
    """Alt text that says nothing: a file name, a placeholder word, or a bad length.

    Flags alt text that is a file name (`hero.webp`), a placeholder (`image`,
    `photo`, `picture`, `screenshot`…), shorter than `min-length` or longer than
    `max-length` characters (screen readers cut long alt text; put long
    explanations in the prose or a caption).

    **Bad:** `![screenshot](/media/settings.webp)`

    **Good:** `![The settings page with the export button highlighted](/media/settings.webp)`

    A short alt that the file's name contains is a logo's or a brand's name
    (`![AWS](/sponsors/aws.png)`, `alt="Cyon"` on `cyon-logo.png`): that is
    what the image shows, and is not reported as short.
    """

    code = "IMG002"
    name = "image-alt-quality"
    summary = "Alt text is a file name, a placeholder, or too short or too long"
    severity = Severity.WARNING
    tags = ("images", "accessibility", "seo")
    options = {
        "min-length": Option(int, 5, "Fewest characters of alt text.", min=0),
        "max-length": Option(int, 125, "Most characters of alt text.", min=1),
        "placeholders": Option(
            list,
            ["image", "img", "photo", "picture", "pic", "screenshot", "alt", "alt text", "graphic", "banner", "hero", "untitled", "placeholder"],
            "Alt texts that say nothing (compared case-insensitively).",
            item=str,
        ),
    }

    def check(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        placeholders = {p.lower() for p in self.opts["placeholders"]}
        for image in images_of(post, ctx):
            alt = (image.alt or "").strip()
            if not alt or "{{" in alt or "{%" in alt:
                continue  # none (IMG001's), or filled in by the generator
            problem = None
            if FILE_NAME_RE.match(alt):
                problem = "is a file name"
            elif alt.lower().rstrip(".") in placeholders:
                problem = "is a placeholder"
            elif len(alt) < self.opts["min-length"] and not _names_the_file(alt, image.src):
                problem = f"is {len(alt)} characters, shorter than {self.opts['min-length']}"
            elif len(alt) > self.opts["max-length"]:
                problem = f"is {len(alt)} characters, longer than {self.opts['max-length']}"
            if problem:
                yield self.report(
                    post, image.line, image.column, f"alt text {_short(alt)!r} {problem}; describe what the image shows",
                    end_line=image.end_line, end_column=image.end_column,
                )


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class HeroImageMismatch(Rule):
    """The body's images do not show the front-matter `image` (the hero).

    Themes show the front-matter `image` as the social-card and hero image;
    when the post's first image is a different picture, the preview people
    share does not match what they see. Paths are compared after normalising:
    `/media/a.webp`, `media/a.webp` and `https://<site.url>/media/a.webp` are one image.

    **Bad:** `image: /media/a.webp` and the body starts with `![…](/media/b.webp)`.

    **Good:** the body's first image is `![…](/media/a.webp)`.

    **Generators:** where the theme renders the front-matter image itself or
    uses it only as a social card (Hugo `image`/`images`/`cover`, Jekyll
    `image`, Astro `heroImage`, Docusaurus `image`), the body need not show it
    and this rule is silent unless `hero` is set in config. Without a detected
    generator and on Eleventy sites the body is expected to show it (see
    docs/generators.md).
    """

    code = "IMG003"
    name = "hero-image-mismatch"
    summary = "The body's first image, or every body image, is not the front-matter image"
    severity = Severity.WARNING
    tags = ("images", "seo")
    options = {
        "hero": Option(
            str,
            "first-image",
            "`first-image`: the body's first image must be the hero; `anywhere`: some body image must be it; `off`.",
            choices=("first-image", "anywhere", "off"),
        )
    }

    def check(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        src = hero_src(post)
        mode = self.opts["hero"]
        if src is None or mode == "off" or not images_of(post, ctx) or not _hero_in_body(post, ctx):
            return
        key = ctx.site.asset_key(post, src)
        first = images_of(post, ctx)[0]
        if mode == "first-image" and ctx.site.asset_key(post, first.src) != key:
            yield self.report(
                post, first.line, first.column, f"first image `{first.src}` is not the front-matter image `{src}`",
                end_line=first.end_line, end_column=first.end_column,
            )
        elif mode == "anywhere" and hero_image(post, ctx) is None:
            key = post.hero[0].split(".", 1)[0] if post.hero else "image"
            yield self.report(post, post.meta_line(key), 1, f"no body image shows the front-matter image `{src}`")


def _hero_in_body(post: "Post", ctx: "Context") -> bool:
    """Whether the front-matter image is meant to appear in the body: the generator's convention, or `hero` set in config."""
    if post.conventions.hero_in_body:
        return True
    options = ctx.config.rule_options
    return any("hero" in (options.get(name) or {}) for name in ("IMG003", "hero-image-mismatch"))


class HeroAltMismatch(Rule):
    """The hero image's alt text does not contain the title's significant words.

    The hero image stands for the post; its alt text should say what the post
    is about. In `contains` mode every significant word of the title (stop
    words such as "the", "and", "how" ignored) must appear in the alt text; in
    `equal` mode the alt text must be the title.

    **Bad:** title "Planning a product launch", hero alt "Team photo".

    **Good:** hero alt "Planning a product launch: the launch board".
    """

    code = "IMG004"
    name = "hero-alt-mismatch"
    summary = "The hero image's alt text does not match the post title"
    severity = Severity.INFO
    tags = ("images", "seo")
    options = {
        "mode": Option(
            str, "contains", "`contains`: every significant title word is in the alt; `equal`: the alt is the title; `off`.", choices=("contains", "equal", "off")
        )
    }

    def check(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        mode = self.opts["mode"]
        hero = hero_image(post, ctx) if _hero_in_body(post, ctx) else None
        title = post.title
        if mode == "off" or hero is None or not title or not (hero.alt or "").strip():
            return
        alt = (hero.alt or "").strip()
        if mode == "equal":
            if alt.lower().rstrip(".!?") != title.lower().rstrip(".!?"):
                yield self.report(post, hero.line, hero.column, f"hero alt text {_short(alt)!r} is not the title {_short(title)!r}")
            return
        have = {w.lower() for w in words(alt)}
        missing = [w for w in words(title) if w.lower() not in STOPWORDS and w.lower() not in have]
        if missing:
            yield self.report(
                post, hero.line, hero.column, f"hero alt text lacks title words: {', '.join(dict.fromkeys(missing))}",
                end_line=hero.end_line, end_column=hero.end_column,
            )


class ImageFileMissing(Rule):
    """A local image path resolves to no file.

    Root-absolute paths (`/media/a.webp`) are looked up under each of
    `site.static-dirs` (default: `static`, `public`, `assets` where they exist)
    and the content root; relative paths next to the post, then under the
    static dirs (themes often take a front-matter `image: media/a.webp`
    relative to the static folder). Remote images are
    never fetched. Both the front-matter `image` and body images are checked,
    and so are image shortcodes (`{{< figure src=… >}}`, `{% image … %}`,
    `![…]({{ site.baseurl }}/media/a.webp)`; see docs/templates.md).

    When no static folder exists (none configured, none detected), a
    root-absolute path cannot be looked for: it is not reported (unverified).
    On a Hugo site a root-absolute path may name a page bundle's file by the
    page's URL (`/2023/06/21/roundup/cover.jpg` for the bundle
    `content/blog/roundup/` with that URL): Hugo publishes it there. A path the
    generator makes from code (an Astro endpoint such as
    `src/pages/og/card.svg.js`) or the host redirects exists. A path into a
    git submodule that is not checked out (an empty folder `.gitmodules`
    names) is not reported: the build fetches it first. In a file the
    generator builds no page of (a `README.md` beside the site, named on the
    command line) a root-absolute path is also looked up from the project's
    root, as GitHub shows it. On an Eleventy site a relative path is also
    looked for from the project root, where eleventy-img reads
    `{% image "assets/x.jpg" %}`.

    **Bad:** `![Chart of sign-ups](/media/signups.webp)` with no `static/media/signups.webp`.

    **Good:** the file exists, or the path is corrected.
    """

    code = "IMG005"
    name = "image-file-missing"
    summary = "A local image path resolves to no file"
    severity = Severity.ERROR
    tags = ("images", "files")

    def check(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        root = ctx.site.root
        for src, line, column, end_column in image_refs(post, ctx):
            candidates = ctx.site.asset_candidates(post, src)
            if candidates is None or any(ctx.site.is_file(c) for c in candidates):
                continue
            if not ctx.site.static_dirs and (ctx.site.internal_path(src) or "").startswith("/"):
                continue  # no static folder known: where the site serves `/…` from is unknown, so unverified
            internal = ctx.site.internal_path(src) or ""
            if internal.startswith("/") and ctx.site.generated(internal):
                continue  # a file the generator makes (an Astro endpoint `featured.svg.js`, a host redirect)
            if ctx.site.settings.generator == "hugo" and ctx.site.bundle_file(src) is not None:
                continue  # a page bundle's file, named by its page's URL
            if any(ctx.site.in_submodule(os.fspath(candidate)) for candidate in candidates):
                continue  # in a git submodule the build checks out first
            where = ", ".join(_show(c, root) for c in candidates)
            yield self.report(post, line, column, f"image `{src}` not found (looked for {where})", end_column=end_column)


def _names_the_file(alt: str, src: str) -> bool:
    """Whether the image file's name contains the alt text's letters (`AWS` for `sponsor/aws.png`)."""
    letters = re.sub(r"\W+", "", alt.casefold())
    stem = src.split("?", 1)[0].rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return bool(letters) and letters in re.sub(r"\W+", "", stem.casefold())


def _show(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root.absolute()).as_posix()
    except ValueError:
        return path.as_posix()


class ImageFileHeavy(Rule):
    """A local image file is heavy, or in a format outside `preferred-formats`.

    **Why it matters:** large images slow the page (Largest Contentful Paint is
    a ranking signal); WebP and AVIF are a fraction of the size of PNG/JPEG at
    the same quality.

    **Bad:** a 1.2 MB `hero.png`. **Good:** a 140 KB `hero.webp`.
    """

    code = "IMG006"
    name = "image-file-heavy"
    summary = "A local image file is larger than 300 KB or not in a preferred format"
    severity = Severity.INFO
    tags = ("images", "performance")
    options = {
        "max-kb": Option(int, 300, "Largest file size in KB.", min=1),
        "preferred-formats": Option(list, ["webp", "avif", "svg"], "File formats not reported (an empty list turns the format check off).", item=str),
    }

    def check(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        formats = {f.lower().lstrip(".") for f in self.opts["preferred-formats"]}
        limit = self.opts["max-kb"] * 1024
        for src, line, column, end_column in image_refs(post, ctx):
            candidates = ctx.site.asset_candidates(post, src) or []
            found = next((c for c in candidates if ctx.site.is_file(c)), None)
            stat = ctx.site.file_stat(found) if found is not None else None
            if found is None or stat is None:
                continue
            size = stat.st_size
            suffix = found.suffix.lower().lstrip(".")
            if size > limit:
                yield self.report(post, line, column, f"image `{src}` is {size // 1024} KB, larger than {self.opts['max-kb']} KB", end_column=end_column)
            if formats and suffix not in formats:
                yield self.report(
                    post, line, column, f"image `{src}` is {suffix or 'extensionless'}; prefer {', '.join(sorted(formats))}", end_column=end_column
                )


RULES: list[type[Rule]] = [ImageAltMissing, ImageAltQuality, HeroImageMismatch, HeroAltMismatch, ImageFileMissing, ImageFileHeavy]
