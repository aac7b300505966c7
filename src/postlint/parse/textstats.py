"""Document-wide text statistics for the readability rules, computed once per post.

The readability text of a post is its paragraphs, list items and block quotes
(no headings, tables, code, URLs or HTML). Sentences and words come from
`prose.py`; syllables are counted the way textstat 0.7.8 counts them (the
first CMU pronouncing dictionary entry's vowel sounds, else Pyphen's
hyphenation points + 1) but once per distinct word, from tables built from
both sources and shipped in the package (`textdata.py`): words are looked up
in the sorted syllable table by binary search, and only long runs read it
whole. Neither table is read unless a formula needs syllables.

Deviations from `textstat.flesch_reading_ease(text)` on the same text, all on
purpose: sentences are split by `prose.split_sentences` (abbreviations,
decimals and unpunctuated list items handled; textstat splits at every `.`,
`!`, `?`) — like textstat, sentences of one or two words are not counted — and words are split at
dashes, slashes and `::` (textstat deletes those and joins the two words).
Each word's syllables are exactly textstat's. `benchmarks/readability.py`
prints the resulting differences on a corpus.
"""

from __future__ import annotations

import ast
import math
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain, islice
from typing import TYPE_CHECKING, Any, Callable, Collection, Iterable, Iterator, Protocol, Sequence

from ..model.cachedview import cached_view
from . import textdata
from .blocklist import BlockList, SentencePairs

if TYPE_CHECKING:  # pragma: no cover
    from .prose import Sentence


class ReadableBlock(Protocol):
    """What the stats read of a post's block (`document.Block`)."""

    kind: str
    sentences: list["Sentence"]

    @property
    def word_count(self) -> int:
        """The words of its sentences (counted once, then kept)."""


#: Flesch (1948) reading ease and the Flesch–Kincaid (1975) grade level.
READING_EASE = "206.835 - 1.015 * (words / sentences) - 84.6 * (syllables / words)"
GRADE_LEVEL = "0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59"

#: Block kinds that count as readability text.
READABLE_KINDS = ("paragraph", "list_item", "blockquote")

#: what textstat 0.7.8 removes from a word before looking it up (`remove_punctuation`): an
#: apostrophe that does not start a contraction's ending, then punctuation but apostrophes
_NONCONTRACTION_APOSTROPHE = re.compile(r"'(?![tsd]|ve|ll|re)")
_PUNCTUATION = re.compile(r"[^\w\s']")
_LETTER = re.compile(r"[^\W\d_]")
_NON_WORD = re.compile(r"[^\w]")


class _SortedTable:
    """A table shipped in the package as sorted lines, `key value` (or `key` alone when it has
    no value), looked up without parsing it all: a post needs a few hundred lookups, and parsing
    a whole table costs more than the rest of a one-file check. The first key of every `BLOCK`
    bytes is indexed on first use; a lookup bisects that index and finds the key's line with a
    `find` in its block. Long runs read the whole table once (`load_table`).
    """

    BLOCK = 4096

    #: after this many lookups (a long run) reading the whole table once is cheaper
    TABLE_AFTER = 6000

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.size = len(data)
        self.lookups = 0
        self._starts: list[int] = []  # offsets of the indexed lines
        self._firsts: list[bytes] = []  # their keys

    def _index(self) -> None:
        data, pos = self.data, 0
        while pos < self.size:
            self._starts.append(pos)
            end = data.find(b"\n", pos)
            self._firsts.append(data[pos : end if end >= 0 else self.size].partition(b" ")[0])
            pos = data.find(b"\n", pos + self.BLOCK)
            if pos < 0:
                break
            pos += 1

    def value(self, key: str) -> bytes | None:
        """What follows `key` on its line (`b""` for a line of the key alone); None when no line has
        it. Keys hold no whitespace (those of the shipped tables hold none)."""
        if not self._starts:
            self._index()
        word = key.encode("utf-8")
        block = bisect_right(self._firsts, word) - 1
        if block < 0:
            return None
        low = self._starts[block]
        high = self._starts[block + 1] if block + 1 < len(self._starts) else self.size
        data = self.data
        # the first line that starts with `word` is its own, if it has one: longer keys sort after it
        if data.startswith(word, low):
            start = low
        else:
            start = data.find(b"\n" + word, low, high) + 1
            if not start:
                return None
        after = start + len(word)
        end = data.find(b"\n", after)
        end = end if end >= 0 else self.size
        if after == end:
            return b""
        return data[after + 1 : end] if data[after] == 32 else None  # 32: a space after the key


class _SyllableTable(_SortedTable):
    """The shipped `syllables.txt` (`word count` lines): each word's syllables."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.counts: dict[str, int] | None = None

    def get(self, word: str) -> int | None:
        """The syllables of `word` as the table gives them; None when it lacks the word."""
        found = self.value(word)
        return int(found) if found else None

    def load_table(self) -> dict[str, int]:
        """Every word's syllables, read once; lookups use it from then on."""
        if self.counts is None:
            fields = self.data.decode("utf-8").split()
            self.counts = dict(zip(fields[0::2], map(_SMALL_INTS.__getitem__, fields[1::2])))
        return self.counts

    def syllables(self, word: str) -> int | None:
        """The syllables of `word`'s first pronunciation; None when the dictionary lacks it."""
        if self.counts is not None:
            return self.counts.get(word)
        self.lookups += 1
        if self.lookups > self.TABLE_AFTER:
            return self.load_table().get(word)
        return self.get(word)


#: the counts the syllable table holds, to ints: a lookup is quicker than `int()`
_SMALL_INTS = {str(n): n for n in range(100)}


@lru_cache(maxsize=1)
def _cmu() -> _SyllableTable:
    """The syllables of each word of the CMU dictionary, from the table shipped in the package."""
    with open(textdata.SYLLABLES, "rb") as handle:
        return _SyllableTable(handle.read())


#: `hyphenation-en_US.txt`'s number characters (see `textdata.py`) to the numbers
_NUMBERS = bytes.maketrans(bytes(range(48, 48 + 64)), bytes(range(64)))


class _HyphenationTable(_SortedTable):
    """Pyphen's en_US hyphenation patterns (the shipped `hyphenation-en_US.txt`, see
    `textdata.py`): `get(letters)` is `bytes([offset, *values])` for a pattern, `b""` for a
    proper prefix of a pattern that is no pattern itself (a lookup that misses tells that no
    longer pattern starts there either), None for anything else. A word missing from the CMU
    dictionary needs a few dozen lookups; a long run reads the whole table once."""

    #: lookups of a few hundred words: then reading the whole table is cheaper
    TABLE_AFTER = 4000

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.table: dict[str, bytes] | None = None
        self._seen: dict[str, bytes | None] = {}

    def get(self, letters: str) -> bytes | None:
        if self.table is not None:
            return self.table.get(letters)
        seen = self._seen
        if letters in seen:
            return seen[letters]
        self.lookups += 1
        if self.lookups > self.TABLE_AFTER:
            return self.load_table().get(letters)
        found = self.value(letters)
        seen[letters] = pattern = None if found is None else found.translate(_NUMBERS)
        return pattern

    def load_table(self) -> dict[str, bytes]:
        """Every line, read once; lookups use it from then on."""
        if self.table is None:
            rows = (line.partition(" ") for line in self.data.decode("utf-8").splitlines())
            self.table = {letters: numbers.encode().translate(_NUMBERS) for letters, _, numbers in rows}
            self._seen.clear()
        return self.table


@lru_cache(maxsize=1)
def _hyphenation() -> _HyphenationTable:
    """Pyphen's en_US hyphenation patterns, from the table shipped in the package (`textdata.py`)."""
    with open(textdata.HYPHENATION, "rb") as handle:
        return _HyphenationTable(handle.read())


def preload() -> None:
    """Load both syllable sources whole, now: forked workers then share them instead of each
    doing thousands of dictionary searches and its own load."""
    _cmu().load_table()
    _hyphenation().load_table()


#: every word counted in this process (a site's vocabulary: tens of thousands of words)
_COUNTED: dict[str, int] = {}
#: past this many words the memo starts afresh (a long-lived process linting many sites)
COUNTED_MAX = 400_000


def syllable_list(words: list[str]) -> list[int]:
    """`[syllables(w) for w in words]`, each distinct word counted once a process: a post's
    words are mostly words seen before, and a dictionary lookup per word is all they cost."""
    counted = _COUNTED
    known = list(map(counted.get, words))
    if None not in known:  # most posts of a run: every word counted before
        return known  # type: ignore[return-value]
    new = set(words).difference(counted)
    if len(counted) + len(new) > COUNTED_MAX:
        counted.clear()
        new = set(words)
    for word in new:
        counted[word] = syllables(word)
    return list(map(counted.__getitem__, words))


#: how many words `syllable_totals` looks up at once
SYLLABLE_BATCH = 65536


def syllable_totals(words: Iterable[str]) -> tuple[int, int]:
    """(syllables, words of three or more syllables) of `words`, counted as `syllable_list`
    counts them, a batch of words at a time: the memory taken stays the same for any number."""
    found = iter(words)
    total = poly = 0
    while batch := list(islice(found, SYLLABLE_BATCH)):
        syllables, polysyllables = _totals(syllable_list(batch))
        total += syllables
        poly += polysyllables
    return total, poly


def _totals(counts: list[int]) -> tuple[int, int]:
    """(syllables, words of three or more syllables) of the words whose syllables are `counts`."""
    return sum(counts), len(counts) - counts.count(0) - counts.count(1) - counts.count(2)


def syllables(word: str) -> int:
    """Syllables in one word, exactly as textstat 0.7.8's `syllable_count(word)` counts them,
    but for `’`, which is read as `'` (textstat drops it: "don’t" would be "dont").

    As textstat does, an apostrophe is dropped unless a contraction's ending follows
    it in lower case (`'s`, `'t`, `'d`, `'ve`, `'ll`, `'re`: "o'brien's" is looked up
    as "obrien's"), then all other punctuation ("64-bit" is "64bit", "e.g" "eg"), then
    the word is lower-cased; its syllables are the first CMU dictionary pronunciation's
    vowel sounds, else Pyphen's hyphenation points + 1.
    """
    key = _PUNCTUATION.sub("", _NONCONTRACTION_APOSTROPHE.sub("", word.replace("’", "'"))).lower()
    if not key:
        return 0
    if " " in key or not key.isprintable():  # spaces (prose words hold none): textstat counts each part
        return sum(_word_syllables(part) for part in key.split())
    return _word_syllables(key)


def _word_syllables(key: str) -> int:
    found = _cmu().syllables(key)
    if found is not None:
        return found
    if not _LETTER.search(key):
        # every en_US hyphenation pattern holds a letter, so Pyphen finds no point in
        # a word without one (numbers, years): 1 syllable, without loading the patterns
        return 1
    return hyphenation_points(key) + 1


def hyphenation_points(word: str, left: int = 2, right: int = 2) -> int:
    """How many hyphenation points `Pyphen(lang="en_US").positions(word)` returns, for a lower-case word.

    Pyphen's own algorithm over its patterns (Liang's: the highest value each
    matching pattern puts between two letters; odd values are points), counting
    instead of building a `DataInt` per point, about twice as fast.
    """
    patterns = _hyphenation()
    pointed = f".{word}."
    size = len(pointed)
    values_at = [0] * (size + 1)
    for i in range(size - 1):
        for j in range(i + 1, size + 1):
            pattern = patterns.get(pointed[i:j])
            if pattern is None:
                break  # no pattern starts with these letters: none longer will match either
            if pattern:
                at = i + pattern[0]
                for value in pattern[1:]:
                    if value > values_at[at]:
                        values_at[at] = value
                    at += 1
    # position p (a point before word[p]) is values_at[p + 1]; Pyphen keeps left <= p <= len - right
    return sum(1 for index in range(left + 1, len(word) - right + 2) if values_at[index] % 2)


@dataclass
class TextStats:
    """Counts over a post's readability text; syllable counts are computed on first use.

    The counts stream over the sentences' words: no list of a post's words is built
    (a 50 MB post has millions)."""

    blocks: Sequence[ReadableBlock]
    #: a list of the pairs; for a huge post's blocks (not a list) pairs made on each pass (`SentencePairs`)
    sentences: Collection[tuple[ReadableBlock, "Sentence"]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if isinstance(self.blocks, list):
            self.sentences = [(b, s) for b in self.blocks for s in b.sentences]
        else:
            self.sentences = SentencePairs(self.blocks)

    def iter_words(self) -> Iterator[str]:
        """Every word of the readability text, in order."""
        if isinstance(self.sentences, SentencePairs):
            return self.sentences.words()
        return chain.from_iterable(sentence.words for _, sentence in self.sentences)  # a step per sentence, not per word

    @property
    def word_list(self) -> list[str]:
        """Every word, in order: a new list on each use (the counts here build none)."""
        return list(self.iter_words())

    @cached_view
    def sentence_lengths(self) -> Sequence[int]:
        """The number of words of each sentence, in order, counted once (a huge post's kept as 4
        bytes a sentence: its sentences are split again on each pass over them)."""
        if isinstance(self.sentences, SentencePairs):
            self.syllable_totals  # noqa: B018 - a huge post's pass over its words counts each sentence's too
            return self.sentences.lengths()
        return [len(sentence.words) for _, sentence in self.sentences]

    @cached_view
    def words(self) -> int:
        if isinstance(self.sentences, SentencePairs):  # a huge post: counted on the pass over its words
            return sum(self.sentence_lengths)
        return sum(block.word_count for block in self.blocks)  # each block's count is kept: `Post.word_count` made them

    @property
    def sentence_count(self) -> int:
        return len(self.sentences)

    @cached_view
    def syllable_totals(self) -> tuple[int, int]:
        """(syllables, words of three or more syllables) of the words."""
        huge = isinstance(self.sentences, SentencePairs)  # (whose word count comes from this pass)
        if not huge and self.words <= SYLLABLE_BATCH:  # one batch (nearly every post): its list made at once
            return _totals(syllable_list(list(chain.from_iterable([sentence.words for _, sentence in self.sentences]))))
        return syllable_totals(self.iter_words())

    @property
    def variables(self) -> "Variables":
        """The formula variables; their values are kept in `variable_values` (no cycle back to
        the stats, so a post's parse is freed as soon as it is linted)."""
        return Variables(self)

    @cached_view
    def variable_values(self) -> dict[str, float]:
        return {}


class Variables:
    """The names a `metric` formula may use, each computed only when asked for."""

    NAMES = {
        "words": "words of readability text",
        "sentences": "sentences",
        "syllables": "syllables (CMU dictionary, else hyphenation)",
        "characters": "letters and digits in words",
        "polysyllables": "words of three or more syllables",
        "long_words": "words of more than six letters",
        "paragraphs": "paragraphs, list items and quotes",
        "reading_ease": "Flesch reading ease",
        "grade_level": "Flesch–Kincaid grade level",
    }

    def __init__(self, stats: TextStats) -> None:
        self.stats = stats
        self._cache = stats.variable_values

    def __getitem__(self, name: str) -> float:
        if name not in self._cache:
            self._cache[name] = self._compute(name)
        return self._cache[name]

    def _compute(self, name: str) -> float:
        s = self.stats
        if name == "words":
            return float(s.words)
        if name == "sentences":
            # as textstat does, fragments of one or two words ("Email marketing") are not
            # counted as sentences (their words still count); at least one sentence.
            return float(max(1, sum(1 for length in s.sentence_lengths if length > 2)))
        if name == "syllables":
            return float(s.syllable_totals[0])
        if name == "characters":
            return float(sum(len(_NON_WORD.sub("", w)) for w in s.iter_words()))
        if name == "polysyllables":
            return float(s.syllable_totals[1])
        if name == "long_words":
            return float(sum(1 for w in s.iter_words() if len(w) > 6))
        if name == "paragraphs":
            return float(len(s.blocks))
        if name == "reading_ease":
            return READING_EASE_FORMULA.evaluate(self)
        if name == "grade_level":
            return GRADE_LEVEL_FORMULA.evaluate(self)
        raise KeyError(name)


def compute(blocks: Iterable[ReadableBlock]) -> TextStats:
    """The stats of a post's readability text, given its blocks (a huge post's `BlockList`: its
    readable blocks read from it, their sentences split on each pass, never all kept)."""
    if isinstance(blocks, BlockList) and not isinstance(blocks.readable(), list):
        return TextStats(blocks.where(READABLE_KINDS))
    return TextStats([b for b in blocks if b.kind in READABLE_KINDS])


# --- formulas: arithmetic over the variables, parsed safely (packs are data) ----------

#: the binary operators a formula may use
_BINARY = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow)
_FUNCTIONS: dict[str, Callable[..., float]] = {"sqrt": math.sqrt, "min": min, "max": max, "abs": abs}


class FormulaError(ValueError):
    """A formula that is not plain arithmetic over the known variables."""


#: the error for a formula nested deeper than Python parses or compiles (`- - - … words`)
TOO_DEEP = "nested too deeply"


@dataclass(frozen=True)
class Formula:
    """`+ - * / **`, parentheses, numbers, `sqrt/min/max/abs` and the variable names.

    A formula is checked once (`parse`: nothing but those) and compiled once into a Python
    function (`_compile`: a code object built from new nodes of those kinds only, never from
    text), so evaluating it per post is one call instead of a walk over its tree."""

    source: str
    tree: ast.Expression
    names: frozenset[str]
    function: Callable[[Any], Any] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "function", _compile(self.tree))

    @classmethod
    def parse(cls, source: str) -> "Formula":
        try:
            tree = ast.parse(source.strip(), mode="eval")
        except SyntaxError as exc:
            raise FormulaError(f"not a formula: {exc.msg}") from None
        except (RecursionError, MemoryError):
            raise FormulaError(TOO_DEEP) from None
        names: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Name):
                if node.id not in Variables.NAMES and node.id not in _FUNCTIONS:
                    raise FormulaError(f"unknown name {node.id!r} (known: {', '.join(Variables.NAMES)})")
                if node.id in Variables.NAMES:
                    names.add(node.id)
            elif isinstance(node, ast.Call):
                if not isinstance(node.func, ast.Name) or node.func.id not in _FUNCTIONS or node.keywords:
                    raise FormulaError("only sqrt(), min(), max() and abs() may be called")
            elif isinstance(node, ast.Constant):
                if not isinstance(node.value, (int, float)) or isinstance(node.value, bool):
                    raise FormulaError(f"only numbers are allowed, got {node.value!r}")
            elif isinstance(node, ast.BinOp):
                if type(node.op) not in _BINARY:
                    raise FormulaError("only + - * / ** are allowed")
            elif isinstance(node, ast.UnaryOp):
                if not isinstance(node.op, (ast.USub, ast.UAdd)):
                    raise FormulaError("only unary + and - are allowed")
            elif not isinstance(node, (ast.Expression, ast.Load, ast.operator, ast.unaryop)):
                raise FormulaError(f"{type(node).__name__} is not allowed in a formula")
        return cls(source, tree, frozenset(names))

    def __reduce__(self) -> tuple[Any, ...]:
        return (Formula.parse, (self.source,))  # the compiled function is made again, not pickled

    def evaluate(self, variables: Variables | dict[str, float]) -> float:
        """The value, or NaN when it divides by zero or overflows."""
        try:
            return float(self.function(variables))
        except (ZeroDivisionError, OverflowError, ValueError):
            return math.nan


#: what the compiled functions may read: the functions, `float`, and no builtins
_COMPILED_GLOBALS: dict[str, Any] = {"__builtins__": {}, "_float": float, **{f"_{name}": function for name, function in _FUNCTIONS.items()}}
_VARIABLES = "_variables"


def _compile(tree: ast.Expression) -> Callable[[Any], Any]:
    """`lambda _variables: …` computing the checked formula as its tree reads, step for step:
    each number made a float first, each name read as `_variables[name]`, each operator applied
    to the floats, unary `+` dropped, each call's result made a float."""
    try:
        body = _node(tree.body)
        arguments = ast.arguments(posonlyargs=[], args=[ast.arg(_VARIABLES)], kwonlyargs=[], kw_defaults=[], defaults=[])
        code = compile(ast.fix_missing_locations(ast.Expression(ast.Lambda(arguments, body))), "<formula>", "eval")
    except (RecursionError, MemoryError):
        raise FormulaError(TOO_DEEP) from None
    function: Callable[[Any], Any] = eval(code, dict(_COMPILED_GLOBALS))  # noqa: S307 - a code object of checked arithmetic only
    return function


def _node(node: ast.AST) -> ast.expr:
    """A new node for a checked formula's node (only the kinds `Formula.parse` lets through)."""
    if isinstance(node, ast.Constant):
        try:
            return ast.Constant(float(node.value))
        except OverflowError:  # an integer too large for a float: the formula fails when evaluated
            return ast.Call(ast.Name("_float", ast.Load()), [ast.Constant(int(node.value))], [])
    if isinstance(node, ast.Name):
        return ast.Subscript(ast.Name(_VARIABLES, ast.Load()), ast.Constant(str(node.id)), ast.Load())
    if isinstance(node, ast.BinOp):
        return ast.BinOp(_node(node.left), type(node.op)(), _node(node.right))
    if isinstance(node, ast.UnaryOp):
        operand = _node(node.operand)
        return ast.UnaryOp(ast.USub(), operand) if isinstance(node.op, ast.USub) else operand
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _FUNCTIONS:
        call = ast.Call(ast.Name(f"_{node.func.id}", ast.Load()), [_node(argument) for argument in node.args], [])
        return ast.Call(ast.Name("_float", ast.Load()), [call], [])
    raise FormulaError(type(node).__name__)  # pragma: no cover (parse refuses it)


READING_EASE_FORMULA = Formula.parse(READING_EASE)
GRADE_LEVEL_FORMULA = Formula.parse(GRADE_LEVEL)
