"""Robustness: every implemented rule over ~1,800 real posts raises no internal error (PL003)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from conftest import SHARED

from postlint.cache.runner import run
from postlint.model.config import from_mapping

CORPUS = SHARED / "corpus"


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the shared corpus is absent ({CORPUS})")
def test_corpus_raises_no_internal_error(tmp_path: Path) -> None:
    config = from_mapping(
        {"select": ["ALL"], "content-dirs": [str(CORPUS)], "site": {"url": "https://nodejs.org", "static-dirs": []}},
        root=tmp_path,
    )
    result = run([str(CORPUS)], config, cwd=tmp_path, today=dt.date(2025, 6, 1))
    crashes = [f"{f.path}: {f.message}" for f in result.findings if f.code == "PL003"]
    assert crashes == []
    assert result.path_errors == []
    assert result.files > 1500
    codes = Counter(f.code for f in result.findings)
    # the structure rules really ran on real posts
    for code in ("HD001", "LNK002", "LNK006", "LNK010", "IMG005", "SEO004"):
        assert codes[code] > 0, code
