"""Where a workstation keeps its data, and where the shipped resources live."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "accueil-ti"
RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def default_data_dir() -> Path:
    """The data dir: ``ACCUEIL_TI_HOME`` when set, else the platform's user data folder."""
    env = os.environ.get("ACCUEIL_TI_HOME")
    if env:
        return Path(env)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
