"""LNK: links (catalog entries; the implementation lands with its issue)."""

from __future__ import annotations

from ..findings import Severity
from ._stub import stub

RULES = [
    stub('LNK001', 'link-malformed', Severity.ERROR, 'A link target that is not a valid URL or path: spaces, empty host, unknown scheme, unbalanced brackets'),
    stub('LNK002', 'link-insecure', Severity.WARNING, 'An http:// link to a host other than localhost'),
    stub('LNK003', 'link-text-poor', Severity.WARNING, 'Empty link text, or text like "click here", "here", "this link", "read more", "link", "more" (list in rules/links.yaml)'),
    stub('LNK004', 'outbound-link-missing', Severity.INFO, 'A post of 300+ words with no link to another site'),
    stub('LNK005', 'internal-link-missing', Severity.INFO, 'A post of 300+ words with no link to another page of its own site'),
    stub('LNK006', 'internal-link-broken', Severity.ERROR, 'A relative link, root-absolute link, or absolute link to the configured site.url, that resolves to no post, page or file of the site; a #fragment that names no heading of the target'),
    stub('LNK009', 'link-domain-policy', Severity.WARNING, 'A target host on deny-domains, or outside allow-domains when that is set, or carrying tracking parameters (utm_*, fbclid, gclid)'),
    stub('LNK010', 'bare-url', Severity.WARNING, 'A bare URL in prose instead of a link with descriptive text'),
]


# --- online checks: LNK007, LNK008 (`--check-links`) -------------------------------------
# Both rules read one shared batch (`linkcheck.batch_for`), so each URL is fetched once.
# They replace the catalog stubs above: the registry lets an implemented rule take a stub's code.

from typing import TYPE_CHECKING, Iterable  # noqa: E402

from ..findings import Finding  # noqa: E402
from ..registry import Rule  # noqa: E402

if TYPE_CHECKING:  # pragma: no cover
    from ..engine import Context
    from ..linkcheck import LinkRef, Outcome


class _OnlineLinkRule(Rule):
    """Base of the `--check-links` rules: one finding per link to a URL the batch flags."""

    severity = Severity.ERROR
    tags = ("links", "online")
    scope = "site"
    online = True

    def check_site(self, ctx: "Context") -> Iterable[Finding]:
        from ..linkcheck import batch_for

        batch = batch_for(ctx)
        for key, refs in batch.targets.items():
            outcome = batch.outcomes.get(key)
            if outcome is None:
                continue
            for ref in refs:
                message = self.message(ref, outcome, batch.settings.accept)
                if message:
                    yield self.report(ref.path, ref.line, ref.column, message, end_line=ref.end_line, end_column=ref.end_column)

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
    """

    code = "LNK007"
    name = "link-unreachable"
    summary = "An HTTP(S) target that answers 4xx/5xx, fails DNS/TLS, or times out after retries"
    severity = Severity.ERROR

    def message(self, ref: "LinkRef", outcome: "Outcome", accept: frozenset[int]) -> str | None:
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
