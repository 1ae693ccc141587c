"""scripts/screenshots.py --quick: one combination (1366×768, English, 150 %) of every window,
page and dialog, in a child process with its own offscreen screen; the pictures exist, windows
fill the screen, and the interface is in English."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

pytestmark = [pytest.mark.gui, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
WINDOWS = ["main_window_empty", "main_window_dossiers", "flow_1_identity",
           "flow_2_questionnaire", "flow_2_questionnaire_phone", "flow_3_result",
           "flow_4_consent", "flow_5_documents", "partner_window"]
DIALOGS = ["settings_dialog", "first_start_dialog", "about_dialog", "login_dialog",
           "duplicate_dialog", "quarantine_dialog", "partner_updates_dialog",
           "correction_dialog", "answer_dialog", "print_preview_dialog", "conflict_dialog"]


def test_quick_screenshots_in_english_at_150_percent(tmp_path: Path) -> None:
    out = tmp_path / "shots"
    result = subprocess.run(
        [sys.executable, "scripts/screenshots.py", str(out), "--quick"],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "problem:" not in result.stderr, result.stderr[-3000:]
    folder = out / "1366x768-en-150"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["problems"] == []
    shots = {Path(s["file"]).stem: s for s in manifest["shots"]}
    for name in WINDOWS + DIALOGS:
        assert name in shots, name
        image = QImage(str(folder / f"{name}.png"))
        assert not image.isNull() and image.width() > 100 and image.height() > 100, name
        assert (image.width(), image.height()) == (shots[name]["width"], shots[name]["height"])
        if name in WINDOWS:  # maximised on the 1366×768 screen
            assert (image.width(), image.height()) == (1366, 768), name
        else:  # dialogs at their own size, on the screen
            assert image.width() <= 1366 and image.height() <= 768, name
    # English: the menus and titles are translated
    menus = [m.replace("&", "") for m in shots["main_window_empty"]["menus"]]
    assert "File" in menus and "Fichier" not in menus, menus
    assert shots["settings_dialog"]["title"] == "Settings"
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "1366x768-en-150/main_window_empty.png" in index
    assert f"{len(shots)} images in {out}" in result.stdout
