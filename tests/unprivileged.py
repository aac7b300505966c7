"""Running postlint as a user whom file permissions bind: the tests run as root in CI, and root
reads and enters anything whatever its mode says."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

NOBODY = 65534


def command_prefix() -> list[str] | None:
    """What to put before a command to run it without root's bypass of permissions: nothing for a
    user that is not root, `setpriv` to nobody for root; None when root cannot drop privileges
    here (no `setpriv`, or nobody cannot read this checkout): the caller skips, saying so."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    prefix = [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    probe = subprocess.run([*prefix, sys.executable, "-c", "import postlint"], capture_output=True, check=False)
    return prefix if probe.returncode == 0 else None


def shared_folder() -> Path:
    """A new folder every user can read and enter (tmp_path is root's alone)."""
    folder = Path(tempfile.mkdtemp(prefix="postlint-perm-"))
    folder.chmod(0o755)
    return folder


def postlint(prefix: list[str], *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "HOME": str(cwd)}
    return subprocess.run([*prefix, sys.executable, "-m", "postlint", *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=300, check=False)
