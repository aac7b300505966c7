"""CTA: call to action (catalog entries; the implementation lands with its issue)."""

from __future__ import annotations

from ..findings import Severity
from ._stub import stub

RULES = [
    stub('CTA001', 'cta-missing', Severity.WARNING, 'No call to action anywhere in the body. A CTA is a sentence or link matching the configured CTA patterns (shipped in rules/cta.yaml: imperative invitations such as "start … today", "get started", "sign up", "book a demo", "contact us", "subscribe", "download …", "try … free", "ready to …?", and links whose URL path looks like signup/contact/demo/pricing)'),
    stub('CTA002', 'cta-not-in-closing', Severity.INFO, "CTAs exist but none is in the closing part: the last H2 section, or the last 20 % of the body's words when there are no H2s"),
]
