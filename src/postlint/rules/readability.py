"""RD: readability (catalog entries; the implementation lands with its issue)."""

from __future__ import annotations

from ..findings import Severity
from ._stub import stub

RULES = [
    stub('RD001', 'reading-ease-low', Severity.WARNING, 'Flesch reading ease below 50 (posts under 100 words are skipped); the message gives the score and the grade level'),
    stub('RD002', 'grade-level-high', Severity.INFO, 'Flesch–Kincaid grade above 12'),
    stub('RD003', 'sentences-too-long', Severity.WARNING, 'More than 25 % of sentences have over 20 words; each sentence over 35 words is reported at its own line as info'),
    stub('RD004', 'paragraph-too-long', Severity.WARNING, 'A paragraph over 150 words'),
    stub('RD005', 'passive-voice', Severity.INFO, 'More than 10 % of sentences in the passive voice (English heuristic, phrases in rules/style.yaml)'),
    stub('RD006', 'sentence-starts-repeated', Severity.INFO, 'Three or more consecutive sentences that start with the same word'),
    stub('RD007', 'weak-wording', Severity.INFO, 'Words and phrases from the style pack (rules/style.yaml: weasel words, clichés, filler)'),
]
