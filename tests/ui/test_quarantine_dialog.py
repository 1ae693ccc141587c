"""Dossiers the central store refused: the store's real reasons in plain French naming the field,
the quarantine dialog and its status bar button, « Ouvrir le dossier » to correct it, and the
retry of the corrected dossier by the next round — against a real central store app."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.dossier_service import DossierService
from app.models.database import Store
from app.models.entities import Outbox
from app.sync.client import SyncClient
from app.ui.actions import ActionId
from app.ui.main_window import MainWindow
from app.ui.quarantine_dialog import QuarantineDialog, quarantined_dossiers
from tests.server.conftest import Server
from tests.server.conftest import fast_password_hashing as fast_password_hashing  # noqa: F401
from tests.sync.conftest import BAKER, new_dossier
from tests.sync.conftest import central as central  # noqa: F401
from tests.ui.test_main_window import FakeFlow, unnamed_controls
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
CONSENTS = {"urssaf": True, "caf": True, "assurance_retraite": True}
Tamper = Callable[[dict[str, Any]], None]


def tamper_last_push(store: Store, dossier_id: str, change: Tamper) -> None:
    """Change the dossier's pending outbox payload, as an older or faulty version of the app
    would have written it: the central store will refuse it."""
    with store.transaction() as session:
        last = session.scalar(select(func.max(Outbox.id)).where(Outbox.dossier_id == dossier_id))
        row = session.get(Outbox, last)
        assert row is not None
        payload = json.loads(row.payload)
        change(payload)
        row.payload = json.dumps(payload)


def unknown_answer(p: dict[str, Any]) -> None:
    p["answers"]["Q01"] = "inconnu"


def short_nir(p: dict[str, Any]) -> None:
    p["identity"]["nir"] = "1630529019005"


def no_urssaf_consent(p: dict[str, Any]) -> None:
    next(c for c in p["consents"] if c["organisme"] == "urssaf")["given"] = False
    # transmitted: only an orientation still « à transmettre » may wait for the consent (a
    # partner's re-orientation request, issue 16)
    next(o for o in p["orientations"] if o["organisme"] == "urssaf")["status"] = "transmise"


def zero_household(p: dict[str, Any]) -> None:
    p["profile"]["foyer"] = 0


def number_of_another(p: dict[str, Any]) -> None:
    p["id"] = str(uuid.uuid4())  # a new dossier carrying a number the store already holds


REASONS: list[tuple[Tamper, str, str]] = [
    (unknown_answer, "answers.Q01",
     f"Le serveur central n’accepte pas la valeur «{NBSP}inconnu{NBSP}» pour "
     f"«{NBSP}Cotisations (Q01){NBSP}»."),
    (short_nir, "identity.nir",
     f"Le serveur central n’accepte pas la valeur donnée pour "
     f"«{NBSP}N° de sécurité sociale (NIR){NBSP}». Le NIR compte 15 caractères, clé comprise "
     "(13 + 2)."),  # the store no longer repeats an identity value (issue 13)
    (no_urssaf_consent, "orientations[",
     "L’orientation vers Urssaf n’a pas de consentement accordé : recueillez le consentement "
     "de la personne ou retirez cette orientation."),
    (zero_household, "profile.foyer",
     f"Le serveur central n’accepte pas la valeur «{NBSP}0{NBSP}» pour "
     f"«{NBSP}Personnes au foyer{NBSP}»."),
]


@pytest.mark.parametrize(("tamper", "field", "expected"), REASONS,
                         ids=["answer", "nir", "consent", "profile"])
def test_the_stores_reasons_in_plain_french_naming_the_field(
        store: Store, central: Server, logged_in: str,  # noqa: F811
        tamper: Tamper, field: str, expected: str) -> None:
    dossier_id = new_dossier(store, answers=tuple(BAKER["answers"]), consents=CONSENTS)
    tamper_last_push(store, dossier_id, tamper)
    summary = SyncClient(store, central.client, token=logged_in, sleep=no_sleep).run_round()
    assert summary.quarantined == 1, summary.line()
    [entry] = quarantined_dossiers(store)
    assert entry.dossier_id == dossier_id and entry.number == "TI-BRE-02-2026-000001"
    assert entry.name == "Le Goff Yann" and not entry.corrected
    assert entry.reason.startswith(field)  # the store's own words, kept for the details
    assert entry.reason_text() == expected


def test_a_number_already_in_the_store_is_explained(
        store: Store, central: Server, logged_in: str) -> None:  # noqa: F811
    client = SyncClient(store, central.client, token=logged_in, sleep=no_sleep)
    first = new_dossier(store)
    assert client.run_round().pushed == 1
    DossierService(store, agent="A").answer(first, "Q04", "oui")
    tamper_last_push(store, first, number_of_another)
    assert client.run_round().quarantined == 1
    [entry] = quarantined_dossiers(store)
    assert entry.reason_text() == (
        f"Le n° de dossier «{NBSP}TI-BRE-02-2026-000001{NBSP}» est déjà utilisé par un autre "
        "dossier sur le serveur central.")


def test_reasons_without_a_known_form_still_read_as_french() -> None:
    from app.ui import wording

    assert wording.refusal_label("site: dossiers of QUI cannot be pushed by an agent of BRE") \
        == ("Ce dossier appartient à un autre site : ce poste ne peut pas l’envoyer au serveur "
            "central.")
    assert wording.refusal_label("refused by the store (forbidden)") == \
        "Le serveur central a refusé ce dossier."
    assert wording.refusal_label("the store's version cannot be applied here: KeyError('x')") \
        == "La version du serveur central de ce dossier ne peut pas être enregistrée sur ce poste."
    assert wording.refusal_label("identity.email: contains a NUL character; expected plain "
                                 "text") == f"«{NBSP}Courriel{NBSP}» contient un caractère " \
                                            "invisible interdit."
    assert wording.refusal_label("orientations[2].note: expected a text of at most 2000 "
                                 "characters") == \
        f"«{NBSP}Orientation n° 2{NBSP}» : texte attendu, de 2000 caractères au plus."
    assert wording.refusal_label("weird: something new") == \
        f"Le serveur central a refusé «{NBSP}weird{NBSP}»."


# --------------------------------------------------------------------------- the window


def test_quarantine_in_the_window_open_correct_and_retry(
        qtbot: QtBot, store: Store, data_dir: Path, central: Server,  # noqa: F811
        logged_in: str, windows: list[MainWindow]) -> None:  # noqa: F811
    good = new_dossier(store, nom="Bon")
    bad = new_dossier(store, answers=tuple(BAKER["answers"]), consents=CONSENTS,
                      nom="Kerbrat")
    tamper_last_push(store, bad, unknown_answer)
    window = open_window(qtbot, store, data_dir, central)
    windows.append(window)
    assert not window.quarantine_button.isVisible()
    with qtbot.waitSignal(window.sync.finished, timeout=WAIT) as done:
        press_f5(qtbot, window)
    assert (done.args[0].pushed, done.args[0].quarantined) == (1, 1)  # the rest goes on
    qtbot.waitUntil(lambda: sync_text(window, bad) == "Refusé par le serveur", timeout=WAIT)
    assert sync_text(window, good) == "Synchronisé"
    assert window.quarantine_button.isVisible()
    assert window.quarantine_button.text() == "1 dossier en quarantaine"

    # The panel says why, and leads to the details.
    window.select_dossier(bad)
    reason = (f"Le serveur central n’accepte pas la valeur «{NBSP}inconnu{NBSP}» pour "
              f"«{NBSP}Cotisations (Q01){NBSP}».")
    qtbot.waitUntil(lambda: window.panel.fields["sync"].text()
                    == f"Refusé par le serveur — {reason}", timeout=WAIT)
    panel_button = window.panel.buttons["quarantine"]
    assert panel_button.isVisible() and panel_button.text() == "Voir le refus du serveur…"
    assert not window.panel.buttons["resolve_conflict"].isVisible()

    qtbot.mouseClick(window.quarantine_button, Qt.MouseButton.LeftButton)
    dialog = window.quarantine_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    assert isinstance(dialog, QuarantineDialog)
    table = dialog.table
    assert table.rowCount() == 1
    cells = [table.item(0, c).text() for c in range(table.columnCount())]
    assert cells[0] == "TI-BRE-02-2026-000002" and cells[1] == "Kerbrat Yann"
    assert cells[3] == "À corriger" and cells[4] == reason
    assert "answers.Q01: 'inconnu' is not an answer" in table.item(0, 4).toolTip()
    assert dialog.reason_label.text() == reason
    assert dialog.raw_label.text().startswith("Motif donné par le serveur : answers.Q01: ")
    assert unnamed_controls(dialog) == []

    # Entrée opens the dossier in the workflow, to correct it.
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    flow = window.flow
    assert isinstance(flow, FakeFlow)
    assert flow.calls[-1] == ("open_dossier", bad)
    assert window.stack.currentWidget() is flow
    DossierService(store, agent="Agent Test").answer(bad, "Q01", "ponctuelles")  # corrected
    flow.finished.emit(bad)
    qtbot.waitUntil(lambda: sync_text(window, bad) == "Local uniquement", timeout=WAIT)
    assert window.quarantine_button.isVisible()  # until the store accepts it
    window.actions_by_id[ActionId.QUARANTINE].trigger()
    again = window.quarantine_dialog
    qtbot.waitUntil(again.isVisible, timeout=WAIT)
    assert again.table.item(0, 3).text() == "Corrigé, à renvoyer"
    assert again.table.item(0, 3).toolTip() == \
        "Corrigé : nouvel envoi à la prochaine synchronisation"
    again.reject()

    with qtbot.waitSignal(window.sync.finished, timeout=WAIT) as retried:
        window.actions_by_id[ActionId.SYNCHRONIZE].trigger()
    assert retried.args[0].pushed == 1 and retried.args[0].in_sync, retried.args[0].line()
    assert not window.quarantine_button.isVisible()
    assert quarantined_dossiers(store) == []
    qtbot.waitUntil(lambda: sync_text(window, bad) == "Synchronisé", timeout=WAIT)
