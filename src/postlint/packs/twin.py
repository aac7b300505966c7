"""The JSON twin of the shipped packs (`rules/packs.json`): their mappings as JSON, which a run reads
in a twentieth of the time PyYAML takes for the YAML. Write it after changing a shipped pack with
`python -m postlint.packs.twin`; `tests/test_packs.py` fails while it differs from the YAML."""

from __future__ import annotations

import json

from .loader import TWIN_NAME, packs_root, read_yaml_pack, shipped_packs


def twin_text() -> str:
    """The twin's text for the shipped YAML packs as they are now."""
    packs = {source.name: read_yaml_pack(source, origin) for source, origin in shipped_packs()}
    return json.dumps(packs, ensure_ascii=False, indent=1) + "\n"


def main() -> None:
    (packs_root() / TWIN_NAME).write_text(twin_text(), encoding="utf-8")


if __name__ == "__main__":
    main()
