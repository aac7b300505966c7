"""Template syntax in a post's body: found once, masked for the parser, never prose, never edited.

Site generators expand template syntax before (or instead of) Markdown:
Liquid and Nunjucks tags `{% … %}`, outputs `{{ … }}` and comments `{# … #}`,
Hugo shortcodes `{{< … >}}` / `{{% … %}}`, kramdown attribute lists `{: … }`
and, in `.mdx` posts, ESM `import`/`export` lines, JSX elements (`<Note>`,
`<>`) and `{expressions}`. `find_spans` finds them in the body (one regex scan;
a body with none of their openers costs one substring test) and `mask`
replaces each with the same number of `PLACEHOLDER` characters (line breaks
kept), so markdown-it parses the body as the generator's output would be
shaped, every line and column stays where it is, and no template character
can start Markdown (`# ` in a `{% raw %}` body is no heading, a space in
`{{< ref "a.md" >}}` does not end a link destination). The views `Post` builds
on the parse put the template text back where they show text (link targets,
block text) and drop it from prose. Every scan here is linear in the body.

The bodies of `{% raw %}`, `{% highlight %}`, `{% comment %}` (and Hugo's
`highlight`), and of captures (`{% capture x %}`, Nunjucks' `{% set x %}`),
are part of their span: code, not Markdown.

`Shortcode`s know the image and link shortcodes of the common generators
(Hugo `figure`, `ref`/`relref`; Eleventy `image`; Jekyll `link`,
`post_url`); a site adds its own with the `templates.shortcodes` config key
(see docs/templates.md), checked by `shortcodes.shortcode_specs`.

Layer: parse (imports nothing of postlint).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Mapping

from ..model.lazyregex import lazy_regex
from .templatemark import PLACEHOLDER, TAG_NAME, makes_anchors, quick_check, span_name  # noqa: F401 (also imported from here)

#: the longest tag a scan looks for the end of (an unclosed `{{` costs at most this much)
MAX_TAG = 4096
#: the longest code body (`{% raw %}…{% endraw %}`) looked for
MAX_BODY = 200_000

#: any character of a tag: a tag may span lines, but not a blank line or a code fence's edge
#: (`{{` in one code block and `}}` in the next are two pieces of code, not one tag), and holds
#: no `{` (so an unclosed opener is given up at the next one: a scan stays linear)
_IN_TAG = r"(?:[^\n{]|\n(?![ \t]*(?:\n|```|~~~)))"
_TAG = lazy_regex(
    (
        r"\{\{[<%]C{0,N}?[>%]\}\}"  # Hugo shortcode
        r"|\{%C{0,N}?%\}"  # Liquid / Nunjucks tag
        r"|\{\{C{0,N}?\}\}"  # output
        r"|\{#[\s-]C{0,N}?#\}"  # Nunjucks / Jinja comment
        r"|\{:[^{}\n]{0,200}\}"  # kramdown attribute list
    ).replace("C", _IN_TAG).replace("N", str(MAX_TAG)),
)
#: the longest JSX element looked for (a component's props: a grid of 70 themes is 4 KB). The scan
#: from a `<Tag` stops at the next `<` or `>`, so the bound does not make a body's scan quadratic
MAX_JSX_TAG = 65_536
_MDX_TAG = lazy_regex(r"</?[A-Z][\w.:-]*(?:\s[^<>]{0,N}?)?/?>|</?>".replace("N", str(MAX_JSX_TAG)))

#: tags whose body is code, not Markdown, and the name that ends them
#: (a capture's body, `{% capture x %}` in Liquid and `{% set x %}` in Nunjucks, is a value the
#: template uses later, such as a code sample it highlights: not the page's Markdown)
_CODE_BODIES = {
    "raw": "endraw", "highlight": "endhighlight", "comment": "endcomment", "verbatim": "endverbatim",
    "capture": "endcapture", "set": "endset",
}
_ARG = lazy_regex(r"""\s*,?\s*(?:([\w-]+)\s*=\s*)?("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`|[^\s,]+)""")


@dataclass(frozen=True)
class TemplateSpan:
    """One piece of template syntax: `start`/`end` are offsets in the body, lines/columns in the file."""

    start: int
    end: int
    kind: str  # shortcode | tag | output | comment | attributes | code | esm | jsx | expression
    text: str
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0  # exclusive


@dataclass(frozen=True)
class Shortcode:
    """A tag with a name and arguments: `{{< figure src="a.png" >}}`, `{% image "a.png", "Alt" %}`."""

    name: str
    positional: tuple[str | None, ...]  # None: an expression, not a literal
    named: Mapping[str, str | None]
    span: TemplateSpan

    def arg(self, key: int | str) -> str | None:
        if isinstance(key, int):
            return self.positional[key] if key < len(self.positional) else None
        return self.named.get(key)

    def has(self, key: int | str) -> bool:
        return key < len(self.positional) if isinstance(key, int) else key in self.named


def find_spans(body: str, mdx: bool = False) -> list[TemplateSpan]:
    """Every template span of `body`, in order, none overlapping (code bodies included)."""
    if not quick_check(body, mdx):
        return []
    found: list[TemplateSpan] = []
    if mdx:
        mdx_spans = [TemplateSpan(m.start(), m.end(), "esm", m.group(0)) for m in _esm_blocks(body)]
        mdx_spans += [TemplateSpan(m.start(), m.end(), "jsx", m.group(0)) for m in _MDX_TAG().finditer(body)]
        mdx_spans += _expressions(body)
        code = _code_blocks_and_spans(body) if "`" in body or "~~~" in body else []
        starts = [start for start, _ in code]
        found += [span for span in mdx_spans if not _overlaps(span, code, starts)] if code else mdx_spans
    for match in _TAG().finditer(body):
        found.append(_classify(body, match))
    found.sort(key=lambda s: (s.start, -s.end))
    spans: list[TemplateSpan] = []
    last = -1
    for span in found:
        if span.start < last:
            continue
        spans.append(span)
        last = span.end
    return _extend_code_bodies(body, spans)


_FENCE = lazy_regex(r"^ {0,3}(`{3,}|~{3,})([^\n]*)", re.MULTILINE)


def fenced_code(body: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each fenced code block, fences included (an unclosed one runs to
    the end), in order. In MDX a fence's content is code: no ESM, JSX or expression starts in it."""
    blocks: list[tuple[int, int]] = []
    opened: re.Match[str] | None = None
    for match in _FENCE().finditer(body):
        marker, rest = match.group(1), match.group(2)
        if opened is None:
            if marker[0] != "`" or "`" not in rest:  # a backtick fence's info string holds no backtick
                opened = match
        elif marker[0] == opened.group(1)[0] and len(marker) >= len(opened.group(1)) and not rest.strip():
            blocks.append((opened.start(), match.end()))
            opened = None
    if opened is not None:
        blocks.append((opened.start(), len(body)))
    return blocks


#: an inline code span on one line: a run of backticks, text without that run, the same run
#: (at most 500 characters apart, so that a line of unmatched runs is not scanned for each)
_CODE_SPAN = lazy_regex(r"(?<!`)(`+)(?!`)[^\n]{0,500}?(?<!`)\1(?!`)")


def _code_blocks_and_spans(body: str) -> list[tuple[int, int]]:
    """(start, end) of each fenced code block and each inline code span outside them, in order,
    none overlapping: in MDX their text is code, no JSX (Astro's heading `` ## `<Page>` component ``
    has the id `page-component`)."""
    fences = fenced_code(body)
    starts = [start for start, _ in fences]
    spans = [
        (m.start(), m.end()) for m in _CODE_SPAN().finditer(body)
        if not m.group(0).startswith("```") and not (fences and _overlaps(TemplateSpan(m.start(), m.end(), "code", ""), fences, starts))
    ]
    return sorted(fences + spans)


def _overlaps(span: TemplateSpan, blocks: list[tuple[int, int]], starts: list[int]) -> bool:
    """Whether `span` starts in, or runs into, one of the ordered `blocks` (`starts`: their starts)."""
    index = bisect_right(starts, span.start) - 1
    if index >= 0 and blocks[index][1] > span.start:
        return True
    return index + 1 < len(blocks) and blocks[index + 1][0] < span.end


def _classify(body: str, match: re.Match[str]) -> TemplateSpan:
    text = match.group(0)
    if text.startswith(("{{<", "{{%")):
        kind = "shortcode"
    elif text.startswith("{%"):
        kind = "tag"
    elif text.startswith("{#"):
        kind = "comment"
    elif text.startswith("{:"):
        kind = "attributes"
    else:
        kind = "output"
    return TemplateSpan(match.start(), match.end(), kind, text)


def _self_closing(span: TemplateSpan) -> bool:
    """A shortcode that closes itself (`{{< code-toggle file="hugo" />}}`): no body follows."""
    return span.text.rstrip("}").rstrip(">%").rstrip().endswith("/")


def _code_named(name: str | None) -> bool:
    """Whether a paired tag or shortcode is named for the code it shows (`{% codeExample %}…{%
    endcodeExample %}`, `{{< code-toggle >}}…{{< /code-toggle >}}`): its body is code."""
    return name is not None and "code" in name.lower()


def _extend_code_bodies(body: str, spans: list[TemplateSpan]) -> list[TemplateSpan]:
    """Merge `{% raw %}…{% endraw %}` (and the other code bodies) into one `code` span."""
    names = [span_name(span) if span.kind in ("tag", "shortcode") else None for span in spans]
    if not any(name in _CODE_BODIES or _code_named(name) for name in names):
        return spans
    closing: dict[tuple[str, str | None], list[int]] = {}  # (kind, name) -> indexes, in order
    for index, (span, name) in enumerate(zip(spans, names)):
        closing.setdefault((span.kind, name), []).append(index)
    out: list[TemplateSpan] = []
    index = 0
    while index < len(spans):
        span, name = spans[index], names[index]
        closer = _CODE_BODIES.get(name or "") or (f"end{name}" if _code_named(name) and not _self_closing(span) else None)
        if name == "set" and "=" in span.text:
            closer = None  # `{% set x = 1 %}`: an assignment, no body
        if closer is not None:
            ends = ("/" + (name or ""), closer) if span.kind == "shortcode" else (closer,)
            later = [found[at] for end in ends if (found := closing.get((span.kind, end))) and (at := bisect_right(found, index)) < len(found)]
            if later and spans[min(later)].start - span.end <= MAX_BODY:
                other = spans[min(later)]
                out.append(TemplateSpan(span.start, other.end, "code", body[span.start : other.end]))
                index = min(later) + 1
                continue
        out.append(span)
        index += 1
    return out


def _esm_blocks(body: str) -> list[re.Match[str]]:
    """`import`/`export` lines at the start of a line, each with its continuation up to a blank line."""
    if "import" not in body and "export" not in body:
        return []
    return list(re.finditer(r"^(?:import|export)\b[^\n]*(?:\n(?!\s*\n)[^\n]*)*", body, re.MULTILINE))


_HEADING_ID = lazy_regex(r"\{#[\w\-:.]+\}")


def _expressions(body: str) -> list[TemplateSpan]:
    """MDX `{…}` expressions, braces balanced, in one pass (strings are not looked into).

    An expression longer than `MAX_TAG` is given up where it passes that length, and the
    scan goes on from there: linear in the body whatever its braces.
    """
    out: list[TemplateSpan] = []
    depth = 0
    start = 0
    for match in _BRACE().finditer(body):
        pos = match.start()
        if depth and pos - start > MAX_TAG:
            depth = 0  # unclosed within bounds: not an expression
        if match.group(0) == "{":
            if not depth:
                start = pos
            depth += 1
        elif depth:
            depth -= 1
            if not depth and not _HEADING_ID().fullmatch(body, start, pos + 1):
                out.append(TemplateSpan(start, pos + 1, "expression", body[start : pos + 1]))
    return out


_BRACE = lazy_regex(r"[{}]")


def shortcode(span: TemplateSpan) -> Shortcode | None:
    """The span as a named tag with arguments, or None when it is not one."""
    if span.kind not in ("shortcode", "tag"):
        return None
    match = TAG_NAME().match(span.text)
    if match is None or match.group(1).startswith("/"):
        return None
    inner = span.text[match.end() : -3 if span.kind == "shortcode" else -2].rstrip("-").strip()
    if span.kind == "shortcode" and inner.endswith(("/", "%", ">")):
        inner = inner[:-1].rstrip()
    positional: list[str | None] = []
    named: dict[str, str | None] = {}
    pos = 0
    while pos < len(inner):
        arg = _ARG().match(inner, pos)
        if arg is None or arg.end() == pos:
            break
        pos = arg.end()
        value = _literal(arg.group(2))
        if arg.group(1):
            named[arg.group(1)] = value
        else:
            positional.append(value)
    return Shortcode(match.group(1), tuple(positional), named, span)


def _literal(token: str) -> str | None:
    if len(token) >= 2 and token[0] == token[-1] and token[0] in "\"'`":
        return token[1:-1]
    if re.fullmatch(r"[\w./#:@~+-]+", token) and not re.fullmatch(r"[A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)+", token):
        return token  # a bare path or name (`{% link _posts/a.md %}`), not `page.image`
    return None


def mask(body: str, spans: list[TemplateSpan]) -> str:
    """`body` with every span's characters replaced by `PLACEHOLDER`, line breaks kept and so
    the indentation of a span's later lines (a tag spanning lines inside an indented code block
    or list item leaves it where it is)."""
    if not spans:
        return body
    parts: list[str] = []
    cursor = 0
    for span in spans:
        parts.append(body[cursor : span.start])
        lines = body[span.start : span.end].split("\n")
        masked = [PLACEHOLDER * len(lines[0])]
        for line in lines[1:]:
            indent = len(line) - len(line.lstrip(" \t"))
            masked.append(line[:indent] + PLACEHOLDER * (len(line) - indent))
        parts.append("\n".join(masked))
        cursor = span.end
    parts.append(body[cursor:])
    return "".join(parts)


def strip_placeholders(text: str) -> str:
    """`text` with masked template text removed (for prose)."""
    return text.replace(PLACEHOLDER, "") if PLACEHOLDER in text else text


# --- configuration ---------------------------------------------------------------------------

# --- templated targets ------------------------------------------------------------------------

_BASE_PREFIX = lazy_regex(r"^(?:\{\{-?\s*site\.(?:url|baseurl|base_url)\s*-?\}\})+")
_URL_FILTER = lazy_regex(r"""^\{\{-?\s*(["'])([^"'{}]*)\1\s*\|\s*(?:relative_url|absolute_url|url|prepend:\s*site\.baseurl)\s*-?\}\}""")


def plain_target(url: str) -> str | None:
    """The site path a templated link or image target stands for, when it is only a base-URL
    prefix (`{{ site.baseurl }}/about/`) or a URL filter (`{{ "/about/" | relative_url }}`),
    with plain text after it; None when the generator computes it some other way (unverified)."""
    match = _BASE_PREFIX().match(url) or _URL_FILTER().match(url)
    if match is None:
        return None
    rest = url[match.end() :]
    if match.re is _URL_FILTER():
        rest = match.group(2) + rest
    if "{{" in rest or "{%" in rest:
        return None
    return rest if rest.startswith("/") else "/" + rest


def unverified(span: TemplateSpan) -> str:
    """What a value computed by a template shows as: its tag, recognisably templated."""
    return span.text if len(span.text) <= 80 else span.text[:77] + "…"
