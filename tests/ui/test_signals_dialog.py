"""« Importer des signalements »: a bad file lists every bad line (line, column, what is
expected, what was read) and imports nothing; a good file shows the summary line and fills the
call list; the source chosen in the dialog stands for a file without a ``source`` column; the
main window offers the dialog to administrators and lone workstations."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.call_service import CallService
from app.models.database import Store
from app.ui.actions import ActionId
from app.ui.main_window import MainWindow
from app.ui.signals_dialog import SignalsDialog, detail_text, expected_text
from tests.ui.dossier_helpers import AGENT, SIRET
from tests.ui.test_call_list import CSV, SIRET_B
from tests.ui.test_call_list import window as window  # noqa: F401

pytestmark = pytest.mark.gui

WAIT = 10_000
HEADER = "source;reference;type;date;siret;nir;nom;montant\n"
BAD = (HEADER
       + f"urssaf;U-1;dette;2026-11-02;{SIRET};;Le Goff;1 234,56\n"  # good
       + f"urssaf;U-2;dettes;2026-11-02;{SIRET_B};;Kerleroux;\n"  # line 3: type
       + "urssaf;U-3;dette;2026-13-40;12345678900000;;Morvan;abc\n"  # line 4: 3 problems
       + f"urssaf;U-1;autre;2026-11-03;{SIRET_B};;Kerleroux;\n"  # line 5: (source, ref) again
       ).encode()


def show(qtbot: QtBot, service: CallService, path: Path | None = None) -> SignalsDialog:
    dialog = SignalsDialog(service, path_chooser=lambda _parent: str(path) if path else None)
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    return dialog


def test_a_bad_file_lists_every_bad_line_and_imports_nothing(qtbot: QtBot, store: Store,
                                                             tmp_path: Path) -> None:
    service = CallService(store, AGENT)
    bad = tmp_path / "signalements.csv"
    bad.write_bytes(BAD)
    dialog = show(qtbot, service, bad)
    qtbot.keyClick(dialog, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)  # Parcourir
    assert dialog.path_edit.text() == str(bad)
    assert dialog.import_button.hasFocus()
    qtbot.keyClick(dialog.import_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.running and dialog.table.isVisible(), timeout=WAIT)

    rows = [tuple(dialog.table.item(r, c).text() for c in range(4))
            for r in range(dialog.table.rowCount())]
    assert [(line, column) for line, column, _expected, _detail in rows] == [
        ("3", "type"), ("4", "date"), ("4", "siret"), ("4", "montant"), ("5", "reference")]
    assert rows[0][2].startswith("un type : incident_paiement, dette")
    assert rows[0][3] == "valeur lue : 'dettes'"
    assert rows[1][3] == "valeur lue : '2026-13-40'"
    assert rows[3][3] == "valeur lue : 'abc'"
    assert rows[2][3] == "La clé de contrôle ne correspond pas : vérifiez les chiffres."
    assert rows[4][3] == "même source et même référence que la ligne 2"
    assert dialog.table.item(0, 3).toolTip().startswith("line 3: type: 'dettes' is not allowed")
    assert dialog.status_label.text() == ("Rien n’a été importé : 3 lignes sont à corriger "
                                          "dans le fichier.")
    assert service.entries(include_done=True) == []  # all or nothing: not even line 2
    assert dialog.report is None

    # The same file corrected: imported, the summary line says how.
    bad.write_bytes(CSV)
    with qtbot.waitSignal(dialog.imported, timeout=WAIT) as signal:
        qtbot.keyClick(dialog.path_edit, Qt.Key.Key_Return)
    report = signal.args[0]
    assert (report.imported, report.already, report.entries) == (4, 0, 3)
    assert not dialog.table.isVisible()
    assert dialog.status_label.text() == (
        "Import terminé : 4 signalements importés, 0 déjà présent, 0 rattaché à un dossier "
        "existant, 3 entrées dans la liste d’appels.")
    assert len(service.entries()) == 3
    # Again: nothing changes.
    with qtbot.waitSignal(dialog.imported, timeout=WAIT):
        dialog.start_import()
    assert "0 signalement importé, 4 déjà présents" in dialog.status_label.text()
    assert len(service.entries()) == 3


def test_the_source_of_a_file_without_a_source_column(qtbot: QtBot, store: Store,
                                                      tmp_path: Path) -> None:
    service = CallService(store, AGENT)
    csv_file = tmp_path / "tribunal.csv"
    csv_file.write_bytes(f"reference;type;date;siret\nTC-7;procedure_collective;2026-11-20;"
                         f"{SIRET}\n".encode("cp1252"))
    dialog = show(qtbot, service)
    dialog.set_path(csv_file)
    dialog.start_import()
    qtbot.waitUntil(lambda: not dialog.running, timeout=WAIT)
    assert "source" in [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())]
    assert service.entries() == []

    dialog.source_combo.setCurrentIndex(dialog.source_combo.findData("tribunal_commerce"))
    assert dialog.source_combo.currentText() == "Tribunal de commerce"
    with qtbot.waitSignal(dialog.imported, timeout=WAIT):
        dialog.start_import()
    [entry] = service.entries()
    assert [s.source for s in entry.signals] == ["tribunal_commerce"]


def test_an_unreadable_file_and_no_file(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    dialog = show(qtbot, CallService(store, AGENT))
    dialog.start_import()
    assert "Choisissez d’abord le fichier" in dialog.status_label.text()
    dialog.set_path(tmp_path / "absent.csv")
    dialog.start_import()
    qtbot.waitUntil(lambda: not dialog.running, timeout=WAIT)
    assert dialog.status_label.text().startswith("Le fichier n’a pas pu être lu : ")
    assert not dialog.table.isVisible()


def test_the_words_of_the_bad_lines() -> None:
    assert detail_text("required column missing from the header") == (
        "colonne absente de l’en-tête")
    assert detail_text("7 fields; expected 8 (as in the header)") == (
        "7 champs sur la ligne, 8 dans l’en-tête")
    assert detail_text("612 characters; expected at most 500") == "612 caractères"
    assert detail_text("unknown column; expected columns among source") == "colonne inconnue"
    assert detail_text("something new") == "something new"  # the rules' words, not lost
    assert detail_text("the value given is not allowed (invalid_checksum); expected a 14-digit "
                       "SIRET with a valid check digit", "siret") == (
        "La clé de contrôle ne correspond pas : vérifiez les chiffres.")
    assert expected_text("date") == "une date AAAA-MM-JJ"
    assert expected_text("colonne_bizarre").startswith("des colonnes parmi : source")


def test_the_window_offers_the_import_to_a_lone_workstation(
        qtbot: QtBot, window: MainWindow, store: Store, tmp_path: Path) -> None:  # noqa: F811
    action = window.actions_by_id[ActionId.IMPORT_SIGNALS]
    assert action.isVisible() and action.isEnabled()  # no central store account: local admin
    window.settings.agent_login, window.settings.agent_role = "bre.accueil", "accueil"
    window._update_dossier_actions()
    assert not action.isVisible()
    window.settings.agent_role = "admin"
    window._update_dossier_actions()
    assert action.isVisible()

    action.trigger()
    dialog = window.signals_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    good = tmp_path / "bons.csv"
    good.write_bytes(CSV)
    dialog.set_path(good)
    with qtbot.waitSignal(dialog.imported, timeout=WAIT):
        dialog.start_import()
    assert len(CallService(store, AGENT).entries()) == 3
    dialog.reject()
