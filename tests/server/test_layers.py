"""The central store is a program of its own: importing its application loads nothing of the
workstation (no encrypted local store, no keyring, no Qt, no sync client, window or command
line)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECK = ("import sys, app.server.app; print(sorted(m for m in sys.modules if m.split('.')[0] in "
         "('sqlcipher3','keyring','PySide6','shiboken6') or m.startswith(('app.models',"
         "'app.sync','app.ui','app.cli'))))")


def test_the_central_store_imports_nothing_of_the_workstation() -> None:
    done = subprocess.run([sys.executable, "-c", CHECK], cwd=ROOT, capture_output=True,
                          text=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().replace("'", '"')) == []
