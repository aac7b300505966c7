"""HD: headings (catalog entries; the implementation lands with its issue)."""

from __future__ import annotations

from ..findings import Severity
from ._stub import stub

RULES = [
    stub('HD001', 'heading-increment', Severity.WARNING, 'A heading more than one level deeper than the previous one'),
    stub('HD002', 'h1-in-body', Severity.WARNING, 'An H1 in the body while front matter has a title (the theme renders the title as the H1), or more than one H1'),
    stub('HD003', 'heading-empty', Severity.ERROR, 'A heading with no text'),
    stub('HD004', 'heading-duplicate', Severity.WARNING, 'Two headings with the same text under the same parent'),
    stub('HD005', 'heading-length', Severity.INFO, 'A heading longer than 70 characters'),
    stub('HD006', 'section-too-long', Severity.WARNING, 'More than 300 words of prose without a subheading'),
    stub('HD007', 'subheadings-missing', Severity.WARNING, 'A post of 300+ words with no H2'),
]
