"""« Effacer les données de la personne… » (issue 13): the dialog says who may erase, the
« Effacer » button waits for the dossier's number typed in full, and erasing removes the
dossier here and queues the request for the central store; reached from the window's menu."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.dossier_service import DossierService
from app.models.database import Store
from app.models.entities import AuditLog, Dossier, Outbox
from app.ui.actions import ActionId
from app.ui.erase_dialog import EraseDialog
from app.ui.main_window import MainWindow
from app.ui.settings import AppSettings
from tests.ui.dossier_helpers import AGENT, create_dossier, unnamed_controls
from tests.ui.test_main_window import WAIT, FakeFlow

pytestmark = pytest.mark.gui


@pytest.fixture
def service(store: Store) -> DossierService:
    return DossierService(store, agent=AGENT)


def test_the_number_typed_in_confirmation_unlocks_the_erasure(
        qtbot: QtBot, store: Store, service: DossierService) -> None:
    dossier_id = create_dossier(service)
    record = service.record(dossier_id)
    dialog = EraseDialog(store, record, AGENT)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "agent d’accueil du site du dossier (BRE) ou un administrateur" in dialog.who.text()
    assert unnamed_controls(dialog) == []
    assert not dialog.erase_button.isEnabled()
    qtbot.keyClicks(dialog.confirm_edit, "TI-BRE-02")
    assert not dialog.erase_button.isEnabled()  # a part of the number is not enough
    dialog.confirm_edit.clear()
    qtbot.keyClicks(dialog.confirm_edit, record["number"].lower())
    assert dialog.erase_button.isEnabled()

    with qtbot.waitSignal(dialog.erased, timeout=2000) as signal:
        qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
    assert signal.args == [record["number"]]
    with store.session() as session:
        assert session.scalar(select(Dossier.id).where(Dossier.id == dossier_id)) is None
        queued = session.scalars(select(Outbox).where(Outbox.dossier_id == dossier_id)).all()
        assert [(o.kind, json.loads(o.payload)["reason"]) for o in queued] == [
            ("erase", "demande_personne")]
        history = session.scalars(select(AuditLog).where(
            AuditLog.dossier_id == dossier_id, AuditLog.action == "erase")).all()
        assert [(h.agent, json.loads(h.detail)) for h in history] == [
            (AGENT, {"reason": "demande_personne", "origin": "here"})]


def test_cancel_erases_nothing(qtbot: QtBot, store: Store, service: DossierService) -> None:
    dossier_id = create_dossier(service)
    dialog = EraseDialog(store, service.record(dossier_id), AGENT)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.confirm_edit, service.record(dossier_id)["number"])
    dialog.buttons.rejected.emit()
    assert service.record(dossier_id)["id"] == dossier_id


def test_the_window_menu_opens_it_on_the_selected_dossier(
        qtbot: QtBot, store: Store, service: DossierService, data_dir: Path) -> None:
    dossier_id = create_dossier(service)
    window = MainWindow(store=store, service=service, settings=AppSettings(agent_name=AGENT),
                        data_dir=data_dir, flow=FakeFlow())
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=WAIT):
        window.show()
    qtbot.waitUntil(lambda: window.select_dossier(dossier_id), timeout=WAIT)
    action = window.actions_by_id[ActionId.ERASE_DOSSIER]
    qtbot.waitUntil(action.isEnabled, timeout=WAIT)
    action.trigger()
    dialog = window.erase_dialog
    number = service.record(dossier_id)["number"]
    qtbot.keyClicks(dialog.confirm_edit, number)
    qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: number in window.statusBar().currentMessage(), timeout=WAIT)
    qtbot.waitUntil(lambda: window.model.rowCount() == 0, timeout=WAIT)
