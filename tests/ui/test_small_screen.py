"""The print preview and every dialog fit a 1366×768 counter laptop: a child pytest runs
tests/ui/small_screen_dialogs.py on an offscreen platform whose only screen is 1366×768 (Qt's
offscreen plugin reads its screens from a JSON file), since this session's QApplication keeps
the screen it started with; once with the default text size, once at 150 %."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.gui, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("font_scale", [100, 150])
def test_every_dialog_fits_a_1366x768_screen(tmp_path: Path, font_scale: int) -> None:
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{
        "name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768,
        "logicalDpiX": 96, "logicalDpiY": 96, "dpr": 1}]}), encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}",
               ACCUEIL_TI_FONT_SCALE=str(font_scale))  # « Taille du texte »
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/ui/small_screen_dialogs.py", "-q",
         "-p", "no:cacheprovider", "-p", "no:randomly"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and "skipped" not in result.stdout, result.stdout
