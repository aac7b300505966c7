"""SEO: content as a whole, and across the site (catalog entries; the implementation lands with its issue)."""

from __future__ import annotations

from ..findings import Severity
from ._stub import stub

RULES = [
    stub('SEO001', 'content-too-short', Severity.WARNING, 'Fewer than 300 words of prose'),
    stub('SEO002', 'keyphrase-placement', Severity.WARNING, 'When front matter has keyphrase (or the configured field): it is missing from the title, the description, the first paragraph, every H2, or the hero alt; the message lists which'),
    stub('SEO003', 'keyphrase-density', Severity.INFO, 'Keyphrase density outside 0.5 %–3 % of words'),
    stub('SEO004', 'duplicate-title', Severity.WARNING, 'Two posts of one run share a title (case-insensitive)'),
    stub('SEO005', 'duplicate-description', Severity.WARNING, 'Two posts share a description'),
    stub('SEO006', 'duplicate-slug', Severity.ERROR, 'Two posts would publish at the same slug'),
    stub('SEO007', 'description-copies-intro', Severity.INFO, "The description is a copy of the first paragraph's opening"),
]
