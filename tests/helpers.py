"""Test helpers: the test data folder and running the real ``parley`` command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


DATA = Path(__file__).parent / "data"


def run_parley(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m parley ARGS`` in a subprocess, as a user would."""
    return subprocess.run([sys.executable, "-m", "parley", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=300)


