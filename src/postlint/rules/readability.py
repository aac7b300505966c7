"""RD: readability of the prose (paragraphs, list items and quotes; no headings, tables, code).

RD001 (reading-ease-low), RD002 (grade-level-high) and RD007 (weak-wording)
are declarative: `rules/readability.yaml` (metric kind) and `rules/style.yaml`
(existence kind). The rules below need more than a kind can say.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from itertools import accumulate, islice
from typing import TYPE_CHECKING, Iterable

from ..model.findings import Finding, Severity
from ..model.options import Option
from ..model.rule import Rule
from ..packs.loader import data_value
from ..parse.casefold import CaselessPattern, lowered, safe_source
from ..parse.scopes import body_line

if TYPE_CHECKING:  # pragma: no cover
    from ..model.context import Context
    from ..parse.document import Block, Post


def _percent(part: int, whole: int) -> float:
    return 100.0 * part / whole if whole else 0.0


class SentencesTooLong(Rule):
    """Too many long sentences, and each very long sentence.

    Reported as a warning at line 1 of the body when more than `max-share`
    percent (default 25) of the sentences have more than `max-words` words
    (default 20); and as info at its own line for every sentence of more than
    `very-long` words (default 35). Sentences are split at `.`, `!`, `?` and
    `…` (not after "e.g.", "Dr.", initials, decimals or versions such as
    "v1.2"); a list item without a full stop is one sentence.

    **Why it matters:** readers lose the thread of a long sentence, on a
    phone most of all.

    **Bad:** a 40-word sentence joining three ideas with "and" and "which".

    **Good:** three sentences of 10–15 words, one idea each.
    """

    code = "RD003"
    name = "sentences-too-long"
    summary = "More than 25 % of sentences have over 20 words; each sentence over 35 words is reported as info"
    severity = Severity.WARNING
    tags = ("readability",)
    options = {
        "max-words": Option(int, 20, "A sentence with more words is long.", min=1),
        "max-share": Option(float, 25, "Largest share of long sentences, in percent.", min=0, max=100),
        "very-long": Option(int, 35, "A sentence with more words is reported on its own (info).", min=1),
    }

    def check(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        sentences, lengths = post.text_stats.sentences, post.text_stats.sentence_lengths
        long = sum(1 for length in lengths if length > self.opts["max-words"])
        share = _percent(long, len(sentences))
        if share > self.opts["max-share"]:
            yield self.report(
                post,
                body_line(post),
                1,
                f"{share:.0f} % of sentences ({long} of {len(sentences)}) have more than {self.opts['max-words']} words, above {self.opts['max-share']} %",
            )
        if max(lengths, default=0) <= self.opts["very-long"]:
            return  # no sentence to report: no pass over them (a huge post's are split on each)
        for block, sentence in sentences:
            if len(sentence.words) > self.opts["very-long"]:
                finding = self.report(
                    post,
                    block.line_at(sentence.start),
                    1,
                    f"sentence of {len(sentence.words)} words (more than {self.opts['very-long']}): split it",
                )
                yield replace(finding, severity=Severity.INFO)


class ParagraphTooLong(Rule):
    """A paragraph (or list item, or quote) of more than `max-words` words (default 150).

    **Why it matters:** on screen a long paragraph is a wall of text that
    readers skip; short paragraphs give the eye places to rest.

    **Bad:** one 200-word paragraph covering setup, usage and caveats.

    **Good:** three paragraphs, one per topic, or a list.

    A paragraph that is a list written inline — a comma at least every third
    word, as in a release's list of contributors — is not prose, and is not
    reported.
    """

    code = "RD004"
    name = "paragraph-too-long"
    summary = "A paragraph over 150 words"
    severity = Severity.WARNING
    tags = ("readability",)
    options = {"max-words": Option(int, 150, "Most words of a paragraph.", min=1)}

    def check(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        for block in post.text_stats.blocks:
            count = block.word_count
            if count > self.opts["max-words"] and block.prose.count(",") * 3 < count:
                yield self.report(post, block.line, 1, f"paragraph of {count} words (more than {self.opts['max-words']}): split it")


class PassiveVoice(Rule):
    """More than `max-share` percent (default 10) of the sentences are in the passive voice.

    English heuristic: a form of "to be" or "to get" ("is", "was", "been",
    "got"…), optionally an adverb ending in -ly or "not", then a past
    participle (a word ending in -ed, or an irregular participle such as
    "written" or "built"). Common adjectives ending in -ed ("interested",
    "based") are not participles. The word lists are `passive-auxiliaries`,
    `irregular-participles` and `passive-exceptions` in `rules/style.yaml`,
    extendable from a pack's `data:`. Reported at line 1 of the body with the
    share.

    **Why it matters:** the passive hides who acts and lengthens sentences.

    **Bad:** "The cache was cleared and the page was rebuilt by the server."

    **Good:** "The server cleared the cache and rebuilt the page."
    """

    code = "RD005"
    name = "passive-voice"
    summary = "More than 10 % of sentences in the passive voice"
    severity = Severity.INFO
    tags = ("readability", "style")
    options = {"max-share": Option(float, 10, "Largest share of passive sentences, in percent.", min=0, max=100)}

    #: sentences scanned at once: each batch's scanner finds in it what the whole pattern finds,
    #: and a huge post's texts, joined text and word set are never all alive (issue #19)
    BATCH = 50_000

    _pattern: CaselessPattern | None = None
    _lists: tuple[list[str], list[str], list[str]] | None = None
    #: words compiled into posts' own patterns so far (see `scanner`)
    _compiled_words = 0

    def word_lists(self, ctx: "Context") -> tuple[list[str], list[str], list[str]]:
        """The auxiliaries (longest first), irregular participles and exceptions of the run's packs."""
        if self._lists is None:
            aux = sorted((str(w) for w in data_value(ctx, "style.yaml", "passive-auxiliaries") or []), key=len, reverse=True)
            irregular = [str(w) for w in data_value(ctx, "style.yaml", "irregular-participles") or []]
            exceptions = [str(w) for w in data_value(ctx, "style.yaml", "passive-exceptions") or []]
            self._lists = (aux, irregular, exceptions)
        return self._lists

    def pattern(self, ctx: "Context") -> CaselessPattern:
        """The pattern of every word of the lists (compiled on first use)."""
        if self._pattern is None:
            self._pattern = PassivePattern(*self.word_lists(ctx))
        return self._pattern

    def scanner(self, ctx: "Context", text: str) -> CaselessPattern | None:
        """A pattern that finds in `text` what `pattern` finds, built of only the words `text` may
        match (the whole one is ~180 words: compiling it costs a one-file run ~2 ms); None when
        no sentence of it can be passive. A word of letters only matches
        as a word of the text; the others are kept. Once posts' patterns have compiled as many
        words as the whole holds (a long run), the whole is used."""
        aux, irregular, exceptions = self.word_lists(ctx)
        low = lowered(text)
        size = len(aux) + len(irregular) + len(exceptions)
        if low is None or self._compiled_words >= size or not all(w.isascii() for w in (*aux, *irregular, *exceptions)):
            return self.pattern(ctx)
        apostrophes = low.replace("’", "'")
        words = {match.group() for match in _WORD.finditer(low)}
        kept = (
            [a for a in aux if a.lower().replace("’", "'") in apostrophes],
            [w for w in irregular if w in words or not _LETTERS.fullmatch(w)],
            [w for w in exceptions if w in words or not _LETTERS.fullmatch(w)],
        )
        if not kept[0]:
            return None
        self._compiled_words += sum(map(len, kept))
        return PassivePattern(*kept, compiled=True)

    def check(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        sentences = post.text_stats.sentences
        if not sentences:
            return
        passive = 0
        found = (s.text for _, s in sentences)
        while texts := list(islice(found, self.BATCH)):  # a huge post's sentences a batch at a time
            pattern = self.scanner(ctx, "\x00".join(texts))
            passive += len(_sentences_matching(pattern, texts)) if pattern is not None else 0
        share = _percent(passive, len(sentences))
        if share > self.opts["max-share"]:
            yield self.report(
                post,
                body_line(post),
                1,
                f"{share:.0f} % of sentences ({passive} of {len(sentences)}) are in the passive voice, above {self.opts['max-share']} %",
            )


#: a word of a text: a participle or an exception made of letters only matches as one
_WORD = re.compile(r"\w+")
_LETTERS = re.compile(r"[a-z]+")


class PassivePattern(CaselessPattern):
    """The passive-voice pattern: case-insensitive with the auxiliaries as one alternation, and its
    case-sensitive twin (lower-case text: most of a long run) with them grouped by first letter
    (`_passive_source`), which only a case-sensitive scan skips through quickly."""

    __slots__ = ("_twin_source",)

    def __init__(self, aux: list[str], irregular: list[str], exceptions: list[str], *, compiled: bool = False) -> None:
        plain = _passive_source(aux, irregular, exceptions, grouped=False)
        super().__init__(re.compile(plain, re.IGNORECASE) if compiled else plain)
        self._twin_source = _passive_source(aux, irregular, exceptions)

    @property
    def folded(self) -> re.Pattern[str] | None:
        if self._folded is False:
            self._folded = re.compile(self._twin_source) if safe_source(self._twin_source) else None
        return self._folded  # type: ignore[return-value]


def _passive_source(aux: list[str], irregular: list[str], exceptions: list[str], *, grouped: bool = True) -> str:
    """The passive-voice pattern of these words: an auxiliary, maybe an -ly adverb or "not", then a
    participle (-ed or irregular) that is not an exception.

    `grouped` (when every auxiliary starts with a letter): the auxiliaries grouped by first
    letter, each group's letter first and the word boundary looked for behind it. The same
    matches (a letter starts one group's words only; each group keeps their order), but a
    pattern that starts with a letter in every branch lets `re` skip, in C, every position
    holding none of those letters, instead of trying each auxiliary at each position."""
    participle = r"(?:[a-z]+ed|" + "|".join(map(re.escape, irregular)) + ")" if irregular else r"[a-z]+ed"
    excluded = r"(?!(?:" + "|".join(map(re.escape, exceptions)) + r")\b)" if exceptions else ""
    if grouped and all(a[:1].isascii() and a[:1].isalpha() for a in aux):
        by_letter: dict[str, list[str]] = {}
        for a in aux:
            by_letter.setdefault(a[0], []).append(re.escape(a[1:]).replace("'", "['’]"))
        head = "(?:" + "|".join(rf"{letter}(?<=\b{letter})(?:{'|'.join(rests)})" for letter, rests in by_letter.items()) + ")"
    else:
        head = r"\b(?:" + "|".join(re.escape(a).replace("'", "['’]") for a in aux) + ")"
    return head + r"\s+(?:[a-z]+ly\s+)?(?:not\s+)?" + excluded + participle + r"\b"


def _sentences_matching(pattern: CaselessPattern, texts: list[str]) -> set[int]:
    """Indexes of the texts `pattern` finds something in: one scan of all of them, joined by
    NULs (which neither `\\s`, a letter nor a word boundary's inside can match across)."""
    if any("\x00" in text for text in texts):  # pragma: no cover - NULs are replaced when a post is read
        return {i for i, text in enumerate(texts) if pattern.search(text)}
    starts = list(accumulate((len(text) + 1 for text in texts[:-1]), initial=0))
    return {bisect_right(starts, match.start()) - 1 for match in pattern.finditer("\x00".join(texts))}


class SentenceStartsRepeated(Rule):
    """Three or more consecutive sentences start with the same word.

    Compared case-insensitively, within and across paragraphs and quotes;
    list items are left out (parallel items are good style in a list), and a
    heading or list breaks the run. Reported once per run, at its first
    sentence.

    **Why it matters:** "We… We… We…" reads as monotone; varied openings
    keep the reader moving.

    **Bad:** "We built it. We tested it. We shipped it."

    **Good:** "We built it, tested it and shipped it in a week."
    """

    code = "RD006"
    name = "sentence-starts-repeated"
    summary = "Three or more consecutive sentences start with the same word"
    severity = Severity.INFO
    tags = ("readability", "style")
    options = {"min-run": Option(int, 3, "Fewest consecutive sentences with the same first word to report.", min=2)}

    def check(self, post: "Post", ctx: "Context") -> Iterable[Finding]:
        min_run = self.opts["min-run"]
        # the current run: its first word, length, and where its first sentence starts (a run's
        # line is only looked up when it is reported)
        word, length, start = "", 0, (None, 0)
        last_block_end = 0
        for block in post.blocks:
            if block.kind not in ("paragraph", "blockquote"):
                if length >= min_run:
                    yield self._report(post, word, length, *start)
                length = 0
                continue
            if last_block_end and block.line > last_block_end + 1 and not _only_blank(post, last_block_end, block.line):
                if length >= min_run:
                    yield self._report(post, word, length, *start)
                length = 0
            last_block_end = block.end_line
            for sentence in block.sentences:
                first = sentence.words[0].lower()
                if length and first == word:
                    length += 1
                    continue
                if length >= min_run:
                    yield self._report(post, word, length, *start)
                word, length, start = first, 1, (block, sentence.start)
        if length >= min_run:
            yield self._report(post, word, length, *start)

    def _report(self, post: "Post", word: str, length: int, block: "Block", offset: int) -> Finding:
        return self.report(post, block.line_at(offset), 1, f"{length} consecutive sentences start with “{word}”: vary the openings")


def _only_blank(post: "Post", after: int, before: int) -> bool:
    return all(not post.line_text(n).strip() for n in range(after + 1, before))


RULES: list[type[Rule]] = [SentencesTooLong, ParagraphTooLong, PassiveVoice, SentenceStartsRepeated]
