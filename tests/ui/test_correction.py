"""Correcting a dossier after creation (issue 12), driven through the real window: identity and
profile (Ctrl+E) and one answer (Ctrl+Shift+E), each with its required reason, the aids that
appear or disappear shown before saving, and the dossier's history in the panel."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.dossier_service import DossierService
from app.models.database import Store
from app.models.entities import AuditLog
from app.ui.correction_dialog import AnswerDialog, CorrectionDialog
from app.ui.main_window import MainWindow
from app.ui.settings import AppSettings
from tests.ui.dossier_helpers import AGENT, ANSWERS, create_dossier, unnamed_controls
from tests.ui.test_main_window import WAIT, FakeFlow

pytestmark = pytest.mark.gui


@pytest.fixture
def service(store: Store) -> DossierService:
    return DossierService(store, agent=AGENT)


@pytest.fixture
def window(qtbot: QtBot, store: Store, service: DossierService, data_dir: Path) -> MainWindow:
    win = MainWindow(store=store, service=service, settings=AppSettings(agent_name=AGENT),
                     data_dir=data_dir, flow=FakeFlow())
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.ready, timeout=WAIT):
        win.show()
    with qtbot.waitActive(win):
        win.activateWindow()
    return win


def _select(qtbot: QtBot, window: MainWindow, dossier_id: str) -> None:
    window.model.reload()  # the dossier was created after the window opened
    qtbot.waitUntil(lambda: window.select_dossier(dossier_id), timeout=WAIT)
    qtbot.waitUntil(lambda: (window.panel.record or {}).get("id") == dossier_id, timeout=WAIT)
    window.table.setFocus()


def _type(qtbot: QtBot, edit: object, text: str) -> None:
    from PySide6.QtWidgets import QLineEdit

    assert isinstance(edit, QLineEdit)
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def test_identity_correction_with_reason_effect_and_history(
        qtbot: QtBot, window: MainWindow, service: DossierService, store: Store) -> None:
    ref = create_dossier(service, ANSWERS)
    revision = service.record(ref)["revision"]
    _select(qtbot, window, ref)
    assert window.panel.buttons["correct_identity"].isEnabled()
    qtbot.keyClick(window.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(getattr(window, "correction_dialog", None),
                                       CorrectionDialog)
                    and window.correction_dialog.isVisible(), timeout=WAIT)
    dialog = window.correction_dialog
    assert isinstance(dialog, CorrectionDialog)
    assert unnamed_controls(dialog) == []
    assert dialog.edits["nom"].text() == "Le Goff"
    assert "ne change pas" in dialog.effect_label.text()

    _type(qtbot, dialog.edits["telephone"], "06 98 76 54 32")
    recent = (date.today().replace(day=1) - timedelta(days=1)).replace(day=1)
    _type(qtbot, dialog.edits["debut_activite"], recent.strftime("%d/%m/%Y"))
    qtbot.waitUntil(lambda: "Disparaît" in dialog.effect_label.text(), timeout=WAIT)
    assert "Aide aux cotisants en difficulté (ACED)" in dialog.effect_label.text()

    # no reason: nothing saved, the reason is asked for
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.message_label.isVisible()
    assert "motif" in dialog.message_label.text()
    assert dialog.reason_edit.hasFocus()
    assert service.record(ref)["revision"] == revision

    qtbot.keyClicks(dialog.reason_edit, "nouveau portable")
    with qtbot.waitSignal(dialog.saved, timeout=WAIT):
        qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    record = service.record(ref)
    assert record["revision"] == revision + 1  # one correction, one revision
    assert record["identity"]["telephone"] == "06 98 76 54 32"
    assert record["profile"]["debut_activite"] == recent.isoformat()
    with store.session() as s:
        last = s.scalars(select(AuditLog).where(AuditLog.dossier_id == ref)
                         .order_by(AuditLog.id.desc())).first()
    assert last is not None and last.action == "identity" and last.agent == AGENT
    assert json.loads(last.detail)["reason"] == "nouveau portable"

    qtbot.waitUntil(lambda: "motif : nouveau portable" in window.panel.history_label.text(),
                    timeout=WAIT)
    first = window.panel.history_label.text().split("<br>")[0]
    assert "Correction : " in first and "Téléphone" in first
    assert f"— {AGENT} —" in first and "poste BRE-02" in first
    assert re.match(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2} — ", first), first
    assert "Dossier créé" in window.panel.history_label.text().split("<br>")[-1]


def test_invalid_correction_is_refused_with_the_field_named(
        qtbot: QtBot, service: DossierService) -> None:
    ref = create_dossier(service, ANSWERS)
    dialog = CorrectionDialog(service, ref)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    _type(qtbot, dialog.edits["telephone"], "12")
    qtbot.keyClicks(dialog.reason_edit, "erreur de saisie")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "Téléphone" in dialog.message_label.text()
    assert dialog.edits["telephone"].hasFocus()
    assert service.record(ref)["identity"].get("telephone") != "12"


def test_revise_an_answer_with_reason_from_the_panel(
        qtbot: QtBot, window: MainWindow, service: DossierService) -> None:
    ref = create_dossier(service, ANSWERS)
    _select(qtbot, window, ref)
    qtbot.mouseClick(window.panel.buttons["revise_answer"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(getattr(window, "correction_dialog", None), AnswerDialog)
                    and window.correction_dialog.isVisible(), timeout=WAIT)
    dialog = window.correction_dialog
    assert isinstance(dialog, AnswerDialog)
    assert unnamed_controls(dialog) == []
    dialog.question_combo.setCurrentIndex(dialog.question_combo.findData("Q01"))
    assert dialog.current_label.text()  # the saved answer is shown
    before = dialog.effect_label.text()
    new = next(i for i in range(dialog.answer_combo.count())
               if dialog.answer_combo.itemData(i) == "non")
    dialog.answer_combo.setCurrentIndex(new)
    qtbot.waitUntil(lambda: dialog.effect_label.text() != before, timeout=WAIT)
    assert "Disparaît" in dialog.effect_label.text()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and service.record(ref)["answers"]["Q01"] == "dette"
    qtbot.keyClicks(dialog.reason_edit, "dette soldee le mois dernier")
    with qtbot.waitSignal(dialog.saved, timeout=WAIT):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert service.record(ref)["answers"]["Q01"] == "non"
    qtbot.waitUntil(lambda: "Réponse modifiée" in window.panel.history_label.text(),
                    timeout=WAIT)
    assert "(motif : dette soldee le mois dernier)" in \
        window.panel.history_label.text().split("<br>")[0]
