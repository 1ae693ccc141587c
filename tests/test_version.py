"""One version number everywhere: the installed distribution (pyproject.toml reads it from
app/__init__.py), the command line, the documents' footer and the changelog."""

from __future__ import annotations

import importlib.metadata
import re
import subprocess
import sys
from pathlib import Path

from app import __version__

ROOT = Path(__file__).resolve().parent.parent


def test_the_distribution_the_cli_and_the_changelog_carry_the_app_version() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)
    assert importlib.metadata.version("accueil-ti") == __version__
    out = subprocess.run([sys.executable, "-m", "app", "--version"], capture_output=True,
                         text=True, check=True).stdout
    assert out.strip() == f"accueil-ti {__version__}"
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    newest = re.search(r"^## (\S+)", changelog, re.MULTILINE)
    assert newest is not None and newest.group(1) == __version__
