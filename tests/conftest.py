from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(Path(__file__).parent))

#: the example plugin's own tests run in tests/test_example_plugin.py, with the plugin installed
collect_ignore_glob = ["plugins/*"]
