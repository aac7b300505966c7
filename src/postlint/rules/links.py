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
    stub('LNK007', 'link-unreachable', Severity.ERROR, '(only with --check-links) an HTTP(S) target that answers 4xx/5xx, fails DNS/TLS, or times out after retries'),
    stub('LNK008', 'link-redirected', Severity.INFO, '(only with --check-links) a target that permanently redirects (301/308); the message names the final URL'),
    stub('LNK009', 'link-domain-policy', Severity.WARNING, 'A target host on deny-domains, or outside allow-domains when that is set, or carrying tracking parameters (utm_*, fbclid, gclid)'),
    stub('LNK010', 'bare-url', Severity.WARNING, 'A bare URL in prose instead of a link with descriptive text'),
]
