"""Where postlint lives: its repository and each rule's documentation page there.

The rule pages are `docs/rules/<CODE>.md` in the repository. Reports that link
to them (SARIF `helpUri`, the job summary) use `POSTLINT_DOCS_URL` when it is set
— the URL of that `docs/rules` folder at the ref in use; the GitHub Action sets it
to its own repository and ref — else the folder on the default branch of
`REPOSITORY_URL`.
"""

from __future__ import annotations

import os

#: The canonical repository (a fork that publishes its own docs sets POSTLINT_DOCS_URL).
REPOSITORY_URL = "https://github.com/postlint/postlint"
DOCS_URL_VARIABLE = "POSTLINT_DOCS_URL"


def rules_docs_url() -> str:
    """The URL of the `docs/rules` folder, without a trailing slash."""
    base = os.environ.get(DOCS_URL_VARIABLE, "").strip()
    return base.rstrip("/") if base else f"{REPOSITORY_URL}/blob/main/docs/rules"


def rule_doc_url(code: str) -> str:
    """The documentation page of one rule: `<docs/rules>/<CODE>.md`."""
    return f"{rules_docs_url()}/{code}.md"


def schema_url() -> str:
    """The config's JSON Schema (`docs/postlint.schema.json`) as a raw file on the default branch."""
    owner_repo = REPOSITORY_URL.removeprefix("https://github.com/")
    return f"https://raw.githubusercontent.com/{owner_repo}/main/docs/postlint.schema.json"
