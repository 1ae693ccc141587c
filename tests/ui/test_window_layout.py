"""The main window remembers its size, position, column widths and panel width across a restart
(the data dir's settings), and opens usable on a 1366×768 counter laptop."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.models.database import Store
from app.ui.dossier_table import DossierListModel
from app.ui.main_window import MainWindow
from tests.ui.test_main_window import fill, open_window

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
NOM = DossierListModel.COLUMNS.index("nom")


def counter_laptop_screen(tmp_path: Path) -> dict[str, str]:
    """The environment of a Qt process whose (offscreen) screen is 1366×768: the test
    session's offscreen screen is 800×800, narrower than the window's minimum, and Qt's
    restoreGeometry clamps to the real screen."""
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{
        "name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768,
        "logicalDpi": 96, "logicalBpi": 96, "dpr": 1}]}))
    return {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
            "ACCUEIL_TI_LAPTOP_SCREEN": "1"}


def test_size_position_and_column_widths_survive_a_restart(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         f"{__file__}::test_restart_on_a_laptop_screen"], cwd=ROOT,
        env=counter_laptop_screen(tmp_path), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0 and "1 passed" in result.stdout, result.stdout + result.stderr


@pytest.mark.skipif(not os.environ.get("ACCUEIL_TI_LAPTOP_SCREEN"),
                    reason="run by test_size_position_and_column_widths_survive_a_restart, on "
                           "a 1366×768 screen")
def test_restart_on_a_laptop_screen(qtbot: QtBot, store: Store, data_dir: Path) -> None:
    assert QApplication.primaryScreen().size() == QSize(1366, 768)
    fill(store, 20)
    window = open_window(qtbot, store, data_dir)
    default_width = window.table.columnWidth(NOM)
    size = QSize(1100, 640)
    window.resize(size)
    window.move(37, 41)
    window.table.setColumnWidth(NOM, default_width + 57)
    qtbot.waitUntil(lambda: window.size() == size)
    position = window.pos()
    window.close()
    assert (data_dir / "settings.ini").exists()

    again = open_window(qtbot, store, data_dir)
    try:
        assert again.size() == size
        assert again.pos() == position
        assert again.table.columnWidth(NOM) == default_width + 57
    finally:
        again.close()


def test_opens_usable_on_a_1366x768_screen(qtbot: QtBot, store: Store, data_dir: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    available = QRect(0, 0, 1366, 728)  # 1366×768 less a 40-pixel task bar
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: available)
    monkeypatch.setattr(QScreen, "geometry", lambda _screen: QRect(0, 0, 1366, 768))
    fill(store, 20)
    window = open_window(qtbot, store, data_dir)
    try:
        assert window.minimumSizeHint().width() <= available.width()
        assert window.minimumSizeHint().height() <= available.height()
        assert window.width() <= available.width() and window.height() <= available.height()
        assert window.width() >= 1000  # the list and the panel side by side, not a stamp
        assert window.table.isVisible() and window.panel.isVisible()
        assert window.panel.width() > 0 and window.table.width() > window.panel.width()
    finally:
        window.close()


def test_a_window_saved_on_a_larger_screen_fits_a_1366x768_one(
        qtbot: QtBot, store: Store, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fill(store, 20)
    window = open_window(qtbot, store, data_dir)
    window.resize(1900, 1150)
    window.close()

    available = QRect(0, 0, 1366, 728)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: available)
    again: MainWindow = open_window(qtbot, store, data_dir)
    try:
        assert again.width() <= available.width() and again.height() <= available.height()
    finally:
        again.close()
