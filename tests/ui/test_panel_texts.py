"""The dossier panel's empty texts come from one module (app.ui.panel_texts) for the panel and
for the main window's stand-in while the window is built in stages, translated in the panel's
context as before."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from app.ui.actions import create_actions
from app.ui.dossier_panel import DossierPanel
from app.ui.panel_texts import NO_SELECTION, OPENING_STORE, panel_text
from tests.ui.english import ROOT, in_english


def _panel(host: QWidget) -> DossierPanel:
    return DossierPanel({k.value: action for k, action in create_actions(host).items()}, host)


def test_french_is_the_source(qapp: QApplication) -> None:
    assert panel_text(NO_SELECTION).startswith("Sélectionnez un dossier dans la liste")
    assert panel_text(OPENING_STORE) == "Ouverture de la base locale…"
    host = QWidget()
    panel = _panel(host)
    assert panel.empty_label.text() == panel_text(NO_SELECTION)
    panel.show_loading()
    assert panel.empty_label.text() == panel_text(OPENING_STORE)


def test_english_translates_both_texts_for_the_panel_and_its_stand_in(
        qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with in_english(qapp, tmp_path, monkeypatch):
        assert panel_text(NO_SELECTION) == ("Select a case in the list to see its summary, or "
                                            "create a new one (Ctrl+N).")
        assert panel_text(OPENING_STORE) == "Opening the local database…"
        host = QWidget()
        panel = _panel(host)
        assert panel.empty_label.text() == panel_text(NO_SELECTION)
        panel.show_loading()
        assert panel.empty_label.text() == "Opening the local database…"


def test_lupdate_finds_the_texts_in_the_panel_s_context(tmp_path: Path) -> None:
    """scripts/update_translations.sh keeps their translations: lupdate reads them from the
    shared module, in the « DossierPanel » context."""
    ts = tmp_path / "texts.ts"
    subprocess.run([str(Path(sys.executable).parent / "pyside6-lupdate"), "-silent",
                    str(ROOT / "app" / "ui" / "panel_texts.py"), "-ts", str(ts)], check=True)
    text = ts.read_text(encoding="utf-8")
    assert "<name>DossierPanel</name>" in text
    assert f"<source>{NO_SELECTION}</source>" in text
    assert f"<source>{OPENING_STORE}</source>" in text
