"""The conflict resolution dialog, against a real central store app (FastAPI TestClient): two
workstations edit the same dossier, the second gets a conflict, the agent chooses field by field
(mouse and keyboard), the merged dossier reaches the store and the first workstation pulls it;
nothing is overwritten silently. Also: words instead of codes, nothing chosen in advance, a
conflict resolved elsewhere meanwhile, a newer server version while choosing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QRadioButton, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from app.dossier_service import DossierService
from app.models.database import Store
from app.models.entities import Dossier, SyncConflict
from app.sync.client import SyncClient
from app.ui import wording
from app.ui.actions import ActionId
from app.ui.conflict_dialog import ConflictDialog, describe
from app.ui.main_window import MainWindow
from app.ui.settings import AppSettings
from app.ui.sync_controller import SyncController
from tests.server.conftest import Server
from tests.server.conftest import fast_password_hashing as fast_password_hashing  # noqa: F401
from tests.sync.conftest import BAKER, new_dossier
from tests.sync.conftest import central as central  # noqa: F401
from tests.sync.conftest import second_store as second_store  # noqa: F401
from tests.ui.test_main_window import unnamed_controls
from tests.ui.test_sync_window import (
    WAIT,
    logged_in,  # noqa: F401
    no_sleep,
    open_window,
    press_f5,
    sync_text,
    windows,  # noqa: F401
)

pytestmark = pytest.mark.gui

NBSP = "\u00a0"
CATASTROPHE = "Catastrophe naturelle, intempéries, incendie ou sinistre"
EXTERNE = "Autre événement extérieur (travaux de voirie, perte d’un client important…)"


def stored(central: Server, token: str, dossier_id: str) -> dict[str, Any]:  # noqa: F811
    """The dossier as the central store holds it."""
    response = central.client.get(f"/dossiers/{dossier_id}",
                                  headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.text
    return dict(response.json())


def caf(record: dict[str, Any]) -> dict[str, Any]:
    return next(c for c in record["consents"] if c["organisme"] == "caf")


@dataclass
class Conflicted:
    window: MainWindow
    dossier_id: str
    other: SyncClient  # the first workstation (BRE-03), which edited first
    token: str


@pytest.fixture
def conflicted(qtbot: QtBot, store: Store, second_store: Store,  # noqa: F811
               data_dir: Path, central: Server, logged_in: str,  # noqa: F811
               windows: list[MainWindow]) -> Conflicted:  # noqa: F811
    """BRE-02 (the window) and BRE-03 share a dossier; BRE-03 changes Q03 and revokes the Caf
    consent and syncs first; BRE-02 changes Q03 and Q05 and syncs: conflict."""
    other = SyncClient(second_store, central.client, token=logged_in, sleep=no_sleep)
    dossier_id = new_dossier(store, answers=tuple(BAKER["answers"]),
                             consents={"urssaf": True, "caf": True, "assurance_retraite": True})
    window = open_window(qtbot, store, data_dir, central)
    windows.append(window)
    with qtbot.waitSignal(window.sync.finished, timeout=WAIT) as first:
        press_f5(qtbot, window)
    assert first.args[0].pushed == 1
    assert other.run_round().applied == 1
    elsewhere = DossierService(second_store, agent="Agent Quimper")
    elsewhere.answer(dossier_id, "Q03", "catastrophe")
    elsewhere.revoke(dossier_id, "caf")
    assert other.run_round().pushed == 1

    here = DossierService(store, agent="Agent Test")
    here.answer(dossier_id, "Q03", "externe")
    here.answer(dossier_id, "Q05", "arret")
    with qtbot.waitSignal(window.sync.finished, timeout=WAIT) as second:
        press_f5(qtbot, window)
    assert second.args[0].conflicts == 1
    qtbot.waitUntil(lambda: sync_text(window, dossier_id) == "Conflit à résoudre", timeout=WAIT)
    # Nothing overwritten: each side still holds its own version.
    assert stored(central, logged_in, dossier_id)["answers"]["Q03"] == "catastrophe"
    assert here.record(dossier_id)["answers"]["Q03"] == "externe"
    return Conflicted(window, dossier_id, other, logged_in)


def open_from_panel(qtbot: QtBot, case: Conflicted) -> ConflictDialog:
    window = case.window
    assert window.select_dossier(case.dossier_id)
    button = window.panel.buttons["resolve_conflict"]
    qtbot.waitUntil(button.isVisible, timeout=WAIT)
    assert button.text() == "Résoudre le conflit…" and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = window.conflict_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    activate(qtbot, dialog)
    return dialog


def activate(qtbot: QtBot, dialog: QWidget) -> None:
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=WAIT)


def rows_of(dialog: ConflictDialog) -> dict[str, dict[str, Any]]:
    return {r.key: describe(r) for r in dialog.rows}


def radio(dialog: ConflictDialog, side: str, key: str) -> QRadioButton:
    found = dialog.findChild(QRadioButton, f"conflict_{side}_{key}")
    assert found is not None
    return found


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


# --------------------------------------------------------------------------- the real case


def test_two_workstations_one_dossier_merged_field_by_field(
        qtbot: QtBot, conflicted: Conflicted, central: Server) -> None:  # noqa: F811
    window, dossier_id = conflicted.window, conflicted.dossier_id
    dialog = open_from_panel(qtbot, conflicted)
    assert dialog.title_label.text() == "Conflit sur le dossier TI-BRE-02-2026-000001 — Le Goff " \
                                        "Yann"
    rows = rows_of(dialog)
    assert list(rows) == ["answers.Q03", "answers.Q05", "urgent", "consents"]
    # In words: the question's short label, the answers' text, the consents per organisme.
    assert rows["answers.Q03"]["title"] == "Activité (Q03)"
    assert (rows["answers.Q03"]["local"], rows["answers.Q03"]["server"]) == (EXTERNE,
                                                                             CATASTROPHE)
    assert (rows["answers.Q05"]["local"], rows["answers.Q05"]["server"]) == (
        "Je suis en arrêt de travail", "Non")
    assert (rows["urgent"]["local"], rows["urgent"]["server"]) == ("Non urgent", "Urgent")
    assert "Caf : accordé (signé à l’accueil) le " in rows["consents"]["local"]
    assert "révoqué le" not in rows["consents"]["local"]
    assert "Caf : accordé (signé à l’accueil) le " in rows["consents"]["server"]
    assert "révoqué le" in rows["consents"]["server"]
    assert "Urssaf : accordé" in rows["consents"]["server"]
    # Nothing chosen in advance; no save before every row has its choice.
    assert all(r["choice"] is None for r in rows.values())
    assert not dialog.save_button.isEnabled()
    assert dialog.progress_label.text() == "Choix faits : 0 sur 4"
    assert unnamed_controls(dialog) == []

    # Mixed choices: the other workstation's Q03, urgency and consents; this one's Q05.
    qtbot.mouseClick(radio(dialog, "server", "answers.Q03"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(radio(dialog, "local", "answers.Q05"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(radio(dialog, "server", "urgent"), Qt.MouseButton.LeftButton)
    assert not dialog.save_button.isEnabled()
    assert dialog.progress_label.text() == "Choix faits : 3 sur 4"
    # A click on the value itself chooses it too.
    value = dialog.findChild(QWidget, "conflict_value_server_consents")
    assert value is not None
    qtbot.mouseClick(value, Qt.MouseButton.LeftButton)
    assert dialog.choices() == {"answers.Q03": "server", "answers.Q05": "local",
                                "urgent": "server", "consents": "server"}
    assert dialog.save_button.isEnabled()

    with qtbot.waitSignal(window.sync.finished, timeout=WAIT) as sent:
        with qtbot.waitSignal(dialog.resolved, timeout=WAIT):
            qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert sent.args[0].pushed == 1 and sent.args[0].in_sync, sent.args[0].line()

    merged = stored(central, conflicted.token, dossier_id)
    assert merged["answers"]["Q03"] == "catastrophe"  # the other workstation's
    assert merged["answers"]["Q05"] == "arret"  # this one's
    assert merged["urgent"] is True
    assert caf(merged)["revoked_at"] is not None
    qtbot.waitUntil(lambda: sync_text(window, dossier_id) == "Synchronisé", timeout=WAIT)
    assert not window.actions_by_id[ActionId.RESOLVE_CONFLICT].isEnabled()

    # The first workstation pulls the merged dossier.
    pulled = conflicted.other.run_round()
    assert pulled.applied == 1 and pulled.in_sync, pulled.line()
    there = DossierService(conflicted.other.store, agent="x").record(dossier_id)
    assert there["answers"]["Q03"] == "catastrophe" and there["answers"]["Q05"] == "arret"
    assert caf(there)["revoked_at"] is not None
    assert there["revision"] == merged["revision"]


def test_the_choices_are_made_with_the_keyboard(qtbot: QtBot, conflicted: Conflicted,
                                                central: Server) -> None:  # noqa: F811
    window = conflicted.window
    assert window.select_dossier(conflicted.dossier_id)
    qtbot.waitUntil(lambda: window.actions_by_id[ActionId.RESOLVE_CONFLICT].isEnabled(),
                    timeout=WAIT)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_C,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.conflict_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    activate(qtbot, dialog)
    # The first choice has the focus when the dialog opens.
    assert focused() is radio(dialog, "local", "answers.Q03")
    # Space chooses the focused side; the arrow keys move to the other side and choose it.
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    assert dialog.rows[0].choice() == "local"
    qtbot.keyClick(focused(), Qt.Key.Key_Right)
    assert dialog.rows[0].choice() == "server"
    # Tab goes on to the next row, where nothing is chosen yet.
    for index in range(1, len(dialog.rows)):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        assert focused() in (dialog.rows[index].local, dialog.rows[index].server)
        assert dialog.rows[index].choice() is None
        qtbot.keyClick(focused(), Qt.Key.Key_Space)
        assert dialog.rows[index].choice() is not None
    assert dialog.save_button.isEnabled()
    choices = dialog.choices()
    # Entrée on a choice does not save: only the button does (Alt+E).
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert dialog.isVisible()
    with qtbot.waitSignal(dialog.resolved, timeout=WAIT):
        qtbot.keyClick(focused(), Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    merged = DossierService(window.store, agent="x").record(conflicted.dossier_id)
    assert merged["answers"]["Q03"] == "catastrophe"
    assert (merged["answers"]["Q05"] == "arret") == (choices["answers.Q05"] == "local")


def test_keep_all_then_change_one_row_and_escape_keeps_the_conflict(
        qtbot: QtBot, conflicted: Conflicted, central: Server) -> None:  # noqa: F811
    window = conflicted.window
    dialog = open_from_panel(qtbot, conflicted)
    qtbot.mouseClick(dialog.all_server_button, Qt.MouseButton.LeftButton)
    assert set(dialog.choices().values()) == {"server"} and dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.all_local_button, Qt.MouseButton.LeftButton)
    assert set(dialog.choices().values()) == {"local"}
    # Échap closes without saving: still a conflict, nothing sent, both versions kept.
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: sync_text(window, conflicted.dossier_id) == "Conflit à résoudre",
                    timeout=WAIT)
    assert window.sync.local_client().open_conflict(conflicted.dossier_id) is not None

    dialog = open_from_panel(qtbot, conflicted)
    assert all(r.choice() is None for r in dialog.rows)  # reopened: nothing chosen in advance
    qtbot.mouseClick(dialog.all_local_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(radio(dialog, "server", "consents"), Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.sync.finished, timeout=WAIT) as sent:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert sent.args[0].pushed == 1, sent.args[0].line()
    merged = stored(central, conflicted.token, conflicted.dossier_id)
    assert merged["answers"]["Q03"] == "externe" and merged["urgent"] is False
    assert caf(merged)["revoked_at"] is not None
    assert merged["agent"] == "A. Le Gall"


# --------------------------------------------------------------------------- problems


def test_a_conflict_resolved_elsewhere_meanwhile_is_said_and_nothing_changes(
        qtbot: QtBot, conflicted: Conflicted) -> None:
    window = conflicted.window
    dialog = open_from_panel(qtbot, conflicted)
    qtbot.mouseClick(dialog.all_server_button, Qt.MouseButton.LeftButton)
    # Another window of this workstation resolved it first.
    window.sync.local_client().resolve_conflict(
        conflicted.dossier_id, {r.key: "local" for r in dialog.rows}, agent="Autre")
    before = DossierService(window.store, agent="x").record(conflicted.dossier_id)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text().startswith("Ce conflit a déjà été résolu")
    assert not dialog.save_button.isEnabled()
    after = DossierService(window.store, agent="x").record(conflicted.dossier_id)
    assert after == before  # the first resolution stands, untouched
    assert after["answers"]["Q03"] == "externe"
    dialog.reject()


def test_a_newer_server_version_while_choosing_is_shown_before_saving(
        qtbot: QtBot, conflicted: Conflicted, central: Server) -> None:  # noqa: F811
    window = conflicted.window
    dialog = open_from_panel(qtbot, conflicted)
    qtbot.mouseClick(dialog.all_server_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(radio(dialog, "local", "answers.Q05"), Qt.MouseButton.LeftButton)
    # Meanwhile the other workstation changes Q07, and a round here pulls it.
    DossierService(conflicted.other.store, agent="B").answer(conflicted.dossier_id, "Q07",
                                                            "tres_faibles")
    assert conflicted.other.run_round().pushed == 1
    with qtbot.waitSignal(window.sync.finished, timeout=WAIT):
        assert window.sync.sync_now()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "nouvelle version" in dialog.error_label.text()
    rows = rows_of(dialog)
    assert rows["answers.Q07"]["server"] == "Très faibles ou nulles"
    assert rows["answers.Q07"]["choice"] is None
    assert rows["answers.Q05"]["choice"] == "local"  # unchanged rows keep their choice
    assert not dialog.save_button.isEnabled()
    qtbot.mouseClick(radio(dialog, "server", "answers.Q07"), Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.sync.finished, timeout=WAIT):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    merged = stored(central, conflicted.token, conflicted.dossier_id)
    assert merged["answers"]["Q07"] == "tres_faibles" and merged["answers"]["Q05"] == "arret"


def test_an_unknown_server_version_is_explained(qtbot: QtBot, store: Store,
                                                keyring_backend: KeyringBackend) -> None:
    dossier_id = new_dossier(store)
    local = DossierService(store, agent="x").record(dossier_id)
    with store.transaction() as session:
        session.add(SyncConflict(dossier_id=dossier_id, local_payload=json.dumps(local),
                                 server_payload=None, detected_at=datetime.now(UTC)))
        session.execute(update(Dossier).where(Dossier.id == dossier_id)
                        .values(sync_state="conflict"))
    controller = SyncController(store, AppSettings())
    dialog = ConflictDialog(controller.local_client(), dossier_id, agent="A")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.error_label.isVisible()
    assert "n’est pas connue sur ce poste" in dialog.error_label.text()
    assert not dialog.save_button.isEnabled() and not dialog.all_local_button.isEnabled()


# --------------------------------------------------------------------------- words


@pytest.fixture
def identity_conflict(store: Store) -> Iterator[tuple[str, SyncController]]:
    """A dossier whose store version differs in identity and profile fields and one answer."""
    dossier_id = new_dossier(store, answers=("Q01", "Q02"))
    local = DossierService(store, agent="x").record(dossier_id)
    server = json.loads(json.dumps(local))
    server["revision"] = local["revision"] + 1
    server["identity"]["telephone"] = "06 12 34 56 78"
    server["identity"]["date_naissance"] = "1963-05-15"
    server["identity"].pop("siret")
    server["profile"]["statut"] = "commercant"
    server["profile"]["activite_principale"] = False
    server["answers"].pop("Q02")
    with store.transaction() as session:
        session.add(SyncConflict(dossier_id=dossier_id, local_payload=json.dumps(local),
                                 server_payload=json.dumps(server),
                                 detected_at=datetime.now(UTC)))
        session.execute(update(Dossier).where(Dossier.id == dossier_id)
                        .values(sync_state="conflict"))
    yield dossier_id, SyncController(store, AppSettings())


def test_identity_profile_and_answers_are_shown_in_words(
        qtbot: QtBot, identity_conflict: tuple[str, SyncController]) -> None:
    dossier_id, controller = identity_conflict
    dialog = ConflictDialog(controller.local_client(), dossier_id, agent="A")
    qtbot.addWidget(dialog)
    dialog.show()
    rows = rows_of(dialog)
    assert [r["title"] for r in rows.values()] == [
        "Date de naissance", "SIRET", "Téléphone", "Statut", "Activité indépendante principale",
        "Activité (Q02)"]
    assert (rows["identity.date_naissance"]["local"],
            rows["identity.date_naissance"]["server"]) == ("14/05/1963", "15/05/1963")
    assert rows["identity.siret"]["server"] == "non renseigné"
    assert (rows["profile.statut"]["local"], rows["profile.statut"]["server"]) == ("Artisan",
                                                                                    "Commerçant")
    assert (rows["profile.activite_principale"]["local"],
            rows["profile.activite_principale"]["server"]) == ("Oui", "Non")
    assert rows["answers.Q02"]["local"] == f"Oui, de 30{NBSP}% ou plus"
    assert rows["answers.Q02"]["server"] == "pas de réponse"
    # The question's full text stands under its short label.
    assert any(label.text() == "Votre chiffre d’affaires a-t-il baissé au cours des 12 "
                               "derniers mois\u202f?" for label in dialog.findChildren(QLabel))
    qtbot.mouseClick(dialog.all_server_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(radio(dialog, "local", "identity.siret"), Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.resolved, timeout=WAIT):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    merged = DossierService(controller.store, agent="x").record(dossier_id)
    assert merged["identity"]["telephone"] == "06 12 34 56 78"
    assert merged["identity"]["siret"] == "73282932000074"  # kept from this workstation
    assert merged["profile"]["statut"] == "commercant" and "Q02" not in merged["answers"]
    assert controller.local_client().state_of(dossier_id) == "local"  # the next round sends it


def test_unknown_codes_are_shown_as_they_are_never_dropped() -> None:
    questionnaire = wording.questionnaire_or_none("help-v1")
    assert wording.difference_lines("answers.Q99", "x", questionnaire) == ["x"]
    assert wording.difference_lines("answers.Q01", "inconnu", questionnaire) == ["inconnu"]
    assert wording.difference_lines("answers.Q01", "dette", questionnaire) == [
        "Oui, j’ai des cotisations impayées ou un échéancier que je ne peux pas tenir"]
    assert wording.difference_label("identity.email", questionnaire) == "Courriel"
    assert wording.difference_lines("orientations", [
        {"organisme": "caf", "status": "cloturee", "outcome": "aide_accordee",
         "note": "dossier complet"}], questionnaire) == [
        f"Caf : Clôturée — Aide accordée — «{NBSP}dossier complet{NBSP}»"]
    assert wording.difference_lines("status", "oriente", questionnaire) == ["Orienté"]
