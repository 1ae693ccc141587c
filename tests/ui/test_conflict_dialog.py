"""The conflict resolution dialog, against a real central store app (FastAPI TestClient): two
workstations edit the same dossier, the second gets a conflict, the agent chooses field by field
(mouse and keyboard) among the fields changed differently on both sides only, with the common
version shown beside them; everything else (fields changed on one side only, consents, where a
revocation always wins, orientations, prints, urgency) merges by itself. The merged dossier
reaches the store and the first workstation pulls it; nothing is overwritten silently. Also:
words instead of codes, nothing chosen in advance, a conflict resolved elsewhere meanwhile, a
newer server version while choosing, disjoint changes that never open the dialog."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel, QRadioButton, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from app.dossier_service import DossierService
from app.models.database import Store
from app.models.entities import Dossier, SyncConflict
from app.models.repository import find_dossier, record_print, update_identity
from app.sync.client import SyncClient
from app.ui import wording
from app.ui.actions import ActionId
from app.ui.conflict_dialog import ConflictDialog, describe
from app.ui.main_window import MainWindow
from app.ui.settings import AppSettings
from app.ui.sync_controller import SyncController
from tests.server.conftest import Server
from tests.server.conftest import fast_password_hashing as fast_password_hashing  # noqa: F401
from tests.sync.conftest import BAKER, IDENTITY, new_dossier
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
PLUS_FACE = "Non, je ne peux plus y faire face"
RENONCEMENT = "J’ai renoncé à des soins ou je les ai reportés pour raisons financières"
BASE_PHONE = IDENTITY["telephone"]  # « 02 98 00 00 00 », the common version's
THEIR_PHONE = "06 12 34 56 78"  # BRE-03's
OUR_PHONE = "07 00 11 22 33"  # BRE-02's (this window)
# The rows of the fixture's conflict: the only fields changed differently on both sides.
CONFLICT_KEYS = ["identity.telephone", "answers.Q03", "answers.Q04"]
# Never a choice: merged by themselves (changed on one side only) or by rule.
NEVER_ROWS = ("answers.Q05", "answers.Q06", "urgent", "consents", "orientations", "printed",
              "status")


def stored(central: Server, token: str, dossier_id: str) -> dict[str, Any]:  # noqa: F811
    """The dossier as the central store holds it."""
    response = central.client.get(f"/dossiers/{dossier_id}",
                                  headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.text
    return dict(response.json())


def caf(record: dict[str, Any]) -> dict[str, Any]:
    return next(c for c in record["consents"] if c["organisme"] == "caf")


def active_consents(record: dict[str, Any]) -> set[str]:
    return {c["organisme"] for c in record["consents"] if c["given"] and not c["revoked_at"]}


def urgent_by_rule(record: dict[str, Any]) -> bool:
    """The questionnaire's urgency rule for the answers the fixture changes (Q03, Q04)."""
    return record["answers"]["Q03"] == "catastrophe" or record["answers"]["Q04"] == "non"


def set_phone(store: Store, dossier_id: str, phone: str, agent: str) -> None:
    """Change the telephone, as the identity page does."""
    with store.transaction() as session:
        dossier = find_dossier(session, dossier_id)
        assert dossier is not None
        update_identity(session, dossier, identity={"telephone": phone}, agent=agent)


def print_summary(store: Store, dossier_id: str, agent: str) -> None:
    """Record a print of the summary, as the documents page does."""
    with store.transaction() as session:
        dossier = find_dossier(session, dossier_id)
        assert dossier is not None
        record_print(session, dossier, "summary", agent=agent, content_hash="ab" * 32)


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
    """BRE-02 (the window) and BRE-03 share a dossier. BRE-03 changes the telephone, Q03
    (catastrophe: urgent) and Q04, revokes the Caf consent, and syncs first; BRE-02 changes the
    telephone, Q03 and Q04 differently, and Q05 and Q06 (changed here only), and syncs: a
    conflict on the telephone, Q03 and Q04 only."""
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
    set_phone(second_store, dossier_id, THEIR_PHONE, "Agent Quimper")
    elsewhere.answer(dossier_id, "Q03", "catastrophe")
    elsewhere.answer(dossier_id, "Q04", "non")
    elsewhere.revoke(dossier_id, "caf")
    assert other.run_round().pushed == 1

    here = DossierService(store, agent="Agent Test")
    set_phone(store, dossier_id, OUR_PHONE, "Agent Test")
    here.answer(dossier_id, "Q03", "externe")
    here.answer(dossier_id, "Q04", "oui")
    here.answer(dossier_id, "Q05", "arret")
    here.answer(dossier_id, "Q06", "sans_complementaire")
    with qtbot.waitSignal(window.sync.finished, timeout=WAIT) as second:
        press_f5(qtbot, window)
    assert second.args[0].conflicts == 1 and second.args[0].merged == 0, second.args[0].line()
    qtbot.waitUntil(lambda: sync_text(window, dossier_id) == "Conflit à résoudre", timeout=WAIT)
    # Nothing overwritten: each side still holds its own version, nothing merged yet.
    there = stored(central, logged_in, dossier_id)
    assert there["answers"]["Q03"] == "catastrophe"
    assert there["identity"]["telephone"] == THEIR_PHONE
    assert there["answers"]["Q05"] == "non" and there["urgent"] is True
    mine = here.record(dossier_id)
    assert mine["answers"]["Q03"] == "externe" and mine["identity"]["telephone"] == OUR_PHONE
    assert caf(mine)["revoked_at"] is None and mine["urgent"] is False
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


def base_text(dialog: ConflictDialog, key: str) -> str:
    """The base column's value of a row, as shown (« Avant (version commune) »)."""
    label = dialog.findChild(QLabel, f"conflict_value_base_{key}")
    assert label is not None and label.isVisible(), key
    return label.text()


def choosable(dialog: ConflictDialog) -> set[str]:
    """Every choice the dialog offers, by object name."""
    return {r.objectName() for r in dialog.findChildren(QRadioButton)}


def clipped(dialog: ConflictDialog) -> list[str]:
    """The headers and values that do not fit in the visible width of the rows (there is no
    horizontal scroll bar: what does not fit cannot be read)."""
    viewport = dialog.rows_area.viewport()
    out = []
    for label in dialog.rows_area.findChildren(QLabel):
        name = label.objectName()
        if label.isVisible() and name.startswith(("conflict_header_", "conflict_value_")):
            right = label.mapTo(viewport, QPoint(label.width(), 0)).x()
            if right > viewport.width() or label.width() < label.minimumSizeHint().width():
                out.append(name)
    return out


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
    headers = [dialog.findChild(QLabel, f"conflict_header_{c}") for c in range(4)]
    assert all(h is not None for h in headers)
    texts = [h.text().split("\n")[0] for h in headers if h is not None]
    assert texts == ["Information", "Avant (version commune)", "Sur ce poste",
                     "Sur le serveur central"]
    rows = rows_of(dialog)
    # Only the fields changed differently on both sides are rows; Q05 and Q06 (changed here
    # only), the Caf revocation (merged by rule) and the urgency (derived) are not a choice.
    assert list(rows) == CONFLICT_KEYS
    # What the rules settled is said, as it will be saved: the Caf consent stays revoked.
    assert dialog.by_rule_label.isVisible()
    by_rule = dialog.by_rule_label.text()
    assert by_rule.startswith("Déjà fusionné selon les règles : Caf") and "révoqué le" in by_rule
    assert choosable(dialog) == {f"conflict_{side}_{key}" for key in CONFLICT_KEYS
                                 for side in ("local", "server")}
    for key in NEVER_ROWS:
        assert dialog.findChild(QWidget, f"conflict_value_base_{key}") is None, key
        assert dialog.findChild(QWidget, f"conflict_value_local_{key}") is None, key
    # In words: the field's label, the question's short label, the answers' text; the common
    # version's value in words beside them.
    assert rows["identity.telephone"]["title"] == "Téléphone"
    assert (rows["identity.telephone"]["local"], rows["identity.telephone"]["server"]) == (
        OUR_PHONE, THEIR_PHONE)
    assert base_text(dialog, "identity.telephone") == BASE_PHONE
    assert rows["answers.Q03"]["title"] == "Événement exceptionnel (Q03)"
    assert (rows["answers.Q03"]["local"], rows["answers.Q03"]["server"]) == (EXTERNE,
                                                                             CATASTROPHE)
    assert base_text(dialog, "answers.Q03") == "Non"
    assert rows["answers.Q04"]["title"] == "Trésorerie (Q04)"
    assert (rows["answers.Q04"]["local"], rows["answers.Q04"]["server"]) == ("Oui", PLUS_FACE)
    assert base_text(dialog, "answers.Q04") == "Difficilement"
    base_label = dialog.findChild(QLabel, "conflict_value_base_answers.Q04")
    assert base_label is not None
    assert base_label.accessibleName() == "Trésorerie (Q04) — avant les deux modifications : " \
                                          "Difficilement"
    # Nothing chosen in advance; no save before every row has its choice.
    assert all(r["choice"] is None for r in rows.values())
    assert not dialog.save_button.isEnabled()
    assert dialog.progress_label.text() == "Choix faits : 0 sur 3"
    assert unnamed_controls(dialog) == []
    # The four columns fit in the dialog as it opens: nothing is cut at the right edge.
    assert clipped(dialog) == []

    # Mixed choices: the other workstation's Q03, this one's Q04.
    qtbot.mouseClick(radio(dialog, "server", "answers.Q03"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(radio(dialog, "local", "answers.Q04"), Qt.MouseButton.LeftButton)
    assert not dialog.save_button.isEnabled()
    assert dialog.progress_label.text() == "Choix faits : 2 sur 3"
    # A click on the value itself chooses it too; a click on the base value chooses nothing.
    base = dialog.findChild(QWidget, "conflict_value_base_identity.telephone")
    assert base is not None
    qtbot.mouseClick(base, Qt.MouseButton.LeftButton)
    assert rows_of(dialog)["identity.telephone"]["choice"] is None
    value = dialog.findChild(QWidget, "conflict_value_server_identity.telephone")
    assert value is not None
    qtbot.mouseClick(value, Qt.MouseButton.LeftButton)
    assert dialog.choices() == {"identity.telephone": "server", "answers.Q03": "server",
                                "answers.Q04": "local"}
    assert dialog.progress_label.text() == "Choix faits : 3 sur 3"
    assert dialog.save_button.isEnabled()

    with qtbot.waitSignal(window.sync.finished, timeout=WAIT) as sent:
        with qtbot.waitSignal(dialog.resolved, timeout=WAIT):
            qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert sent.args[0].pushed == 1 and sent.args[0].in_sync, sent.args[0].line()

    merged = stored(central, conflicted.token, dossier_id)
    assert merged["identity"]["telephone"] == THEIR_PHONE  # chosen: the other workstation's
    assert merged["answers"]["Q03"] == "catastrophe"  # chosen: the other workstation's
    assert merged["answers"]["Q04"] == "oui"  # chosen: this one's
    # Merged by themselves: changed here only, never asked.
    assert (merged["answers"]["Q05"], merged["answers"]["Q06"]) == ("arret",
                                                                    "sans_complementaire")
    # By rule: the revocation wins; urgency follows the merged answers (Q03 catastrophe).
    assert caf(merged)["revoked_at"] is not None
    assert active_consents(merged) == {"urssaf", "assurance_retraite"}
    assert merged["urgent"] is True and urgent_by_rule(merged)
    qtbot.waitUntil(lambda: sync_text(window, dossier_id) == "Synchronisé", timeout=WAIT)
    assert not window.actions_by_id[ActionId.RESOLVE_CONFLICT].isEnabled()

    # The first workstation pulls the merged dossier.
    pulled = conflicted.other.run_round()
    assert pulled.applied == 1 and pulled.in_sync, pulled.line()
    there = DossierService(conflicted.other.store, agent="x").record(dossier_id)
    assert there["answers"]["Q03"] == "catastrophe" and there["answers"]["Q04"] == "oui"
    assert there["answers"]["Q05"] == "arret" and there["identity"]["telephone"] == THEIR_PHONE
    assert caf(there)["revoked_at"] is not None and there["urgent"] is True
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
    assert [r.key for r in dialog.rows] == CONFLICT_KEYS
    # The first choice has the focus when the dialog opens.
    assert focused() is radio(dialog, "local", "identity.telephone")
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
        assert dialog.progress_label.text() == f"Choix faits : {index} sur 3"
        qtbot.keyClick(focused(), Qt.Key.Key_Space)
        assert dialog.rows[index].choice() is not None
    assert dialog.progress_label.text() == "Choix faits : 3 sur 3"
    assert dialog.save_button.isEnabled()
    choices = dialog.choices()
    assert set(choices) == set(CONFLICT_KEYS)
    # Entrée on a choice does not save: only the button does (Alt+E).
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert dialog.isVisible()
    with qtbot.waitSignal(dialog.resolved, timeout=WAIT):
        qtbot.keyClick(focused(), Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    merged = DossierService(window.store, agent="x").record(conflicted.dossier_id)
    assert merged["identity"]["telephone"] == THEIR_PHONE
    assert (merged["answers"]["Q03"] == "externe") == (choices["answers.Q03"] == "local")
    assert (merged["answers"]["Q04"] == "oui") == (choices["answers.Q04"] == "local")
    assert merged["answers"]["Q05"] == "arret"  # merged by itself, whatever the choices
    assert caf(merged)["revoked_at"] is not None  # the revocation wins, whatever the choices
    assert merged["urgent"] is urgent_by_rule(merged)


def test_keep_all_then_change_one_row_and_escape_keeps_the_conflict(
        qtbot: QtBot, conflicted: Conflicted, central: Server) -> None:  # noqa: F811
    window = conflicted.window
    dialog = open_from_panel(qtbot, conflicted)
    qtbot.mouseClick(dialog.all_server_button, Qt.MouseButton.LeftButton)
    assert dialog.choices() == {k: "server" for k in CONFLICT_KEYS}
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.all_local_button, Qt.MouseButton.LeftButton)
    assert dialog.choices() == {k: "local" for k in CONFLICT_KEYS}
    # Échap closes without saving: still a conflict, nothing sent, both versions kept.
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: sync_text(window, conflicted.dossier_id) == "Conflit à résoudre",
                    timeout=WAIT)
    assert window.sync.local_client().open_conflict(conflicted.dossier_id) is not None
    assert stored(central, conflicted.token, conflicted.dossier_id)["answers"]["Q05"] == "non"

    dialog = open_from_panel(qtbot, conflicted)
    assert all(r.choice() is None for r in dialog.rows)  # reopened: nothing chosen in advance
    qtbot.mouseClick(dialog.all_local_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(radio(dialog, "server", "answers.Q04"), Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.sync.finished, timeout=WAIT) as sent:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert sent.args[0].pushed == 1, sent.args[0].line()
    merged = stored(central, conflicted.token, conflicted.dossier_id)
    assert merged["answers"]["Q03"] == "externe" and merged["answers"]["Q04"] == "non"
    assert merged["identity"]["telephone"] == OUR_PHONE
    # The urgency follows the merged answers (Q04 « plus faire face »), not either side: this
    # workstation's version was not urgent.
    assert merged["urgent"] is True
    # « Keep all this workstation » never revives a consent revoked on the other one.
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
    assert after["answers"]["Q03"] == "externe" and after["identity"]["telephone"] == OUR_PHONE
    assert caf(after)["revoked_at"] is not None
    dialog.reject()


def test_a_newer_server_version_while_choosing_is_shown_before_saving(
        qtbot: QtBot, conflicted: Conflicted, central: Server) -> None:  # noqa: F811
    window = conflicted.window
    dialog = open_from_panel(qtbot, conflicted)
    qtbot.mouseClick(dialog.all_server_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(radio(dialog, "local", "answers.Q04"), Qt.MouseButton.LeftButton)
    # Meanwhile the other workstation changes Q06 (changed here too, differently: a new row),
    # the telephone again (that row's server value changes) and Q07 (changed there only: it
    # merges by itself); a round here pulls it.
    other = DossierService(conflicted.other.store, agent="B")
    other.answer(conflicted.dossier_id, "Q06", "renoncement")
    other.answer(conflicted.dossier_id, "Q07", "tres_faibles")
    set_phone(conflicted.other.store, conflicted.dossier_id, "02 98 11 22 33", "B")
    assert conflicted.other.run_round().pushed == 1
    with qtbot.waitSignal(window.sync.finished, timeout=WAIT):
        assert window.sync.sync_now()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "nouvelle version" in dialog.error_label.text()
    rows = rows_of(dialog)
    assert list(rows) == ["identity.telephone", "answers.Q03", "answers.Q04", "answers.Q06"]
    assert rows["answers.Q06"]["server"] == RENONCEMENT
    assert rows["answers.Q06"]["local"] == "Je n’ai pas de complémentaire santé"
    assert base_text(dialog, "answers.Q06") == "Oui"
    assert rows["answers.Q06"]["choice"] is None
    # A row whose values changed loses its choice; the unchanged rows keep theirs.
    assert rows["identity.telephone"]["server"] == "02 98 11 22 33"
    assert base_text(dialog, "identity.telephone") == BASE_PHONE
    assert rows["identity.telephone"]["choice"] is None
    assert rows["answers.Q03"]["choice"] == "server"
    assert rows["answers.Q04"]["choice"] == "local"
    assert "answers.Q07" not in rows and dialog.findChild(
        QRadioButton, "conflict_server_answers.Q07") is None
    assert dialog.progress_label.text() == "Choix faits : 2 sur 4"
    assert not dialog.save_button.isEnabled()
    qtbot.mouseClick(radio(dialog, "server", "answers.Q06"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(radio(dialog, "local", "identity.telephone"), Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.sync.finished, timeout=WAIT):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    merged = stored(central, conflicted.token, conflicted.dossier_id)
    assert merged["answers"]["Q06"] == "renoncement" and merged["answers"]["Q04"] == "oui"
    assert merged["answers"]["Q03"] == "catastrophe" and merged["answers"]["Q05"] == "arret"
    assert merged["answers"]["Q07"] == "tres_faibles"  # merged by itself
    assert merged["identity"]["telephone"] == OUR_PHONE
    assert caf(merged)["revoked_at"] is not None and merged["urgent"] is True


def test_disjoint_changes_on_both_sides_merge_without_any_dialog(
        qtbot: QtBot, store: Store, second_store: Store,  # noqa: F811
        data_dir: Path, central: Server, logged_in: str,  # noqa: F811
        windows: list[MainWindow]) -> None:  # noqa: F811
    other = SyncClient(second_store, central.client, token=logged_in, sleep=no_sleep)
    dossier_id = new_dossier(store, answers=tuple(BAKER["answers"]),
                             consents={"urssaf": True, "caf": True, "assurance_retraite": True})
    window = open_window(qtbot, store, data_dir, central)
    windows.append(window)
    with qtbot.waitSignal(window.sync.finished, timeout=WAIT) as first:
        press_f5(qtbot, window)
    assert first.args[0].pushed == 1
    assert other.run_round().applied == 1
    # Elsewhere: another question answered and the Caf consent revoked; then the Urssaf's
    # agent writes a follow-up on the store.
    elsewhere = DossierService(second_store, agent="Agent Quimper")
    elsewhere.answer(dossier_id, "Q07", "tres_faibles")
    elsewhere.revoke(dossier_id, "caf")
    assert other.run_round().pushed == 1
    response = central.client.post(f"/partner/dossiers/{dossier_id}/orientation",
                                   headers=central.login("p_urssaf"),
                                   json={"status": "en_cours", "note": "rappel lundi"})
    assert response.status_code == 200, response.text
    # Here, meanwhile: a print at the counter and a different question answered.
    print_summary(store, dossier_id, "Agent Test")
    DossierService(store, agent="Agent Test").answer(dossier_id, "Q05", "arret")

    with qtbot.waitSignal(window.sync.finished, timeout=WAIT) as second:
        press_f5(qtbot, window)
    summary = second.args[0]
    assert (summary.conflicts, summary.merged) == (0, 1) and summary.in_sync, summary.line()
    qtbot.waitUntil(lambda: sync_text(window, dossier_id) == "Synchronisé", timeout=WAIT)
    # No conflict: nothing to resolve, no button, no shortcut, no dialog.
    assert window.sync.local_client().open_conflict(dossier_id) is None
    assert window.select_dossier(dossier_id)
    qtbot.waitUntil(lambda: "rappel lundi" in window.panel.orientations_label.text(),
                    timeout=WAIT)
    assert not window.panel.buttons["resolve_conflict"].isVisible()
    assert not window.actions_by_id[ActionId.RESOLVE_CONFLICT].isEnabled()
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_C,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert getattr(window, "conflict_dialog", None) is None
    assert not any(isinstance(w, ConflictDialog) for w in QApplication.topLevelWidgets())

    # Both sides' changes are in the store, and the other workstation pulls them.
    merged = stored(central, logged_in, dossier_id)
    urssaf = {o["organisme"]: o for o in merged["orientations"]}["urssaf"]
    for record in (merged, DossierService(store, agent="x").record(dossier_id)):
        assert record["answers"]["Q05"] == "arret" and record["answers"]["Q07"] == "tres_faibles"
        assert [(p["kind"], p["agent"]) for p in record["printed"]] == [("summary", "Agent Test")]
        assert caf(record)["revoked_at"] is not None
        assert {o["organisme"]: o for o in record["orientations"]}["urssaf"] == urssaf
    assert (urssaf["status"], urssaf["note"]) == ("en_cours", "rappel lundi")
    pulled = other.run_round()
    assert pulled.applied == 1 and pulled.in_sync and pulled.conflicts == 0, pulled.line()
    there = DossierService(second_store, agent="x").record(dossier_id)
    assert there["answers"] == merged["answers"] and there["printed"] == merged["printed"]
    assert there["revision"] == merged["revision"]


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


def make_conflict(store: Store, *, with_base: bool) -> str:
    """A dossier whose store version differs in identity and profile fields and answers,
    with the common version (``with_base``: each of those fields had a third value there,
    except the telephone and Q01, which only the store changed) or without (a conflict kept
    before this workstation kept bases: every differing field is a choice)."""
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
    base = None
    if with_base:
        server["answers"]["Q01"] = "ponctuelles"
        base = json.loads(json.dumps(local))
        base["identity"]["date_naissance"] = "1963-04-14"
        base["identity"]["siret"] = "44306184100047"
        base["profile"]["statut"] = "profession_liberale"
        base["profile"].pop("activite_principale")
        base["answers"]["Q02"] = "moderee"
    with store.transaction() as session:
        session.add(SyncConflict(dossier_id=dossier_id, local_payload=json.dumps(local),
                                 server_payload=json.dumps(server),
                                 base_payload=None if base is None else json.dumps(base),
                                 detected_at=datetime.now(UTC)))
        session.execute(update(Dossier).where(Dossier.id == dossier_id)
                        .values(sync_state="conflict"))
    return dossier_id


@pytest.fixture
def identity_conflict(store: Store) -> Iterator[tuple[str, SyncController]]:
    """A conflict without its common version (see make_conflict)."""
    yield make_conflict(store, with_base=False), SyncController(store, AppSettings())


def test_identity_profile_and_answers_are_shown_in_words(
        qtbot: QtBot, identity_conflict: tuple[str, SyncController]) -> None:
    dossier_id, controller = identity_conflict
    dialog = ConflictDialog(controller.local_client(), dossier_id, agent="A")
    qtbot.addWidget(dialog)
    dialog.show()
    rows = rows_of(dialog)
    # Without the common version nothing is decided on a guess: every differing field is a row.
    assert [r["title"] for r in rows.values()] == [
        "Date de naissance", "SIRET", "Téléphone", "Statut", "Activité indépendante principale",
        "Chiffre d’affaires (Q02)"]
    assert (rows["identity.date_naissance"]["local"],
            rows["identity.date_naissance"]["server"]) == ("14/05/1963", "15/05/1963")
    assert rows["identity.siret"]["server"] == "non renseigné"
    assert (rows["profile.statut"]["local"], rows["profile.statut"]["server"]) == ("Artisan",
                                                                                    "Commerçant")
    assert (rows["profile.activite_principale"]["local"],
            rows["profile.activite_principale"]["server"]) == ("Oui", "Non")
    assert rows["answers.Q02"]["local"] == f"Oui, de 30{NBSP}% ou plus"
    assert rows["answers.Q02"]["server"] == "pas de réponse"
    # The common version is unknown, and said so on every row.
    assert {base_text(dialog, key) for key in rows} == {"inconnue"}
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


def test_the_common_version_is_shown_in_words_and_one_sided_changes_are_no_row(
        qtbot: QtBot, store: Store, keyring_backend: KeyringBackend) -> None:
    dossier_id = make_conflict(store, with_base=True)
    controller = SyncController(store, AppSettings())
    dialog = ConflictDialog(controller.local_client(), dossier_id, agent="A")
    qtbot.addWidget(dialog)
    dialog.show()
    rows = rows_of(dialog)
    # The telephone and Q01, changed on the store only, merge by themselves: no row.
    assert list(rows) == ["identity.date_naissance", "identity.siret", "profile.statut",
                          "profile.activite_principale", "answers.Q02"]
    assert dialog.findChild(QWidget, "conflict_value_base_identity.telephone") is None
    assert dialog.findChild(QWidget, "conflict_value_base_answers.Q01") is None
    # The common version's values, in words like the two others.
    assert base_text(dialog, "identity.date_naissance") == "14/04/1963"
    assert base_text(dialog, "identity.siret") == "44306184100047"
    assert base_text(dialog, "profile.statut") == "Profession libérale"
    assert base_text(dialog, "profile.activite_principale") == "non renseigné"
    assert base_text(dialog, "answers.Q02") == f"Oui, de moins de 30{NBSP}%"
    assert (rows["profile.statut"]["local"], rows["profile.statut"]["server"]) == ("Artisan",
                                                                                    "Commerçant")
    assert dialog.progress_label.text() == "Choix faits : 0 sur 5"
    assert unnamed_controls(dialog) == []
    qtbot.mouseClick(dialog.all_local_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.resolved, timeout=WAIT):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    merged = DossierService(controller.store, agent="x").record(dossier_id)
    assert merged["identity"]["date_naissance"] == "1963-05-14"  # chosen: this workstation's
    assert merged["profile"]["statut"] == "artisan" and merged["answers"]["Q02"] == "forte"
    # Changed on the store only: taken from the store although « keep all this workstation ».
    assert merged["identity"]["telephone"] == "06 12 34 56 78"
    assert merged["answers"]["Q01"] == "ponctuelles"
    assert controller.local_client().state_of(dossier_id) == "local"


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
