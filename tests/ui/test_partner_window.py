"""The partner inbox window against the real central store app (FastAPI TestClient): the list
urgent first with only consented dossiers, the dossier as the store sends it, the follow-up form
and its checks, the follow-up pulled by the counter, revoked consent, an unreachable store, an
expired session, sign-out, and the counter's « Espace partenaire »."""

from __future__ import annotations

import dataclasses
import re
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.models.database import Store
from app.models.repository import find_dossier, to_export
from app.paths import default_data_dir
from app.server.models import Token
from app.sync.session import read_token, store_token
from app.ui.login_dialog import LoginDialog
from app.ui.partner import (
    PartnerSession,
    PartnerWindow,
    open_partner_space,
    saved_partner_window,
)
from app.ui.settings import AppSettings
from app.ui.wording import grouped
from tests.server.conftest import PASSWORD, Server, consent, make_record, orientation
from tests.server.conftest import fast_password_hashing as fast_password_hashing  # noqa: F401
from tests.sync.conftest import BAKER, MakeClient, bearer, new_dossier
from tests.sync.conftest import central as central  # noqa: F401
from tests.sync.conftest import make_client as make_client  # noqa: F401
from tests.sync.conftest import sleeps as sleeps  # noqa: F401

pytestmark = pytest.mark.gui

SERVER = "http://testserver"
WAIT = 10_000
GONE = "Ce dossier n’est plus visible : le consentement a pu être retiré."


# --------------------------------------------------------------------------- fixtures


def push(server: Server, *records: dict[str, Any], base: int | None = None) -> None:
    results = server.push(server.login("bre"), *records, base=base)
    assert [r["status"] for r in results] == ["accepted"] * len(records), results


@pytest.fixture
def seeded(central: Server) -> dict[str, dict[str, Any]]:  # noqa: F811
    """Dossiers of BRE: three visible to the Urssaf (one urgent), one of the Caf only, one with
    the Urssaf's consent revoked."""
    records = {
        "plain": make_record(1, oriented=("urssaf",)),
        "urgent": make_record(2, oriented=("urssaf", "caf"), urgent=True),
        "other": make_record(3, oriented=("urssaf",),
                             identity={"nom": "Kerleroux", "prenom": "Gwenaëlle",
                                       "siret": "73282932000074"}),
        "caf": make_record(4, oriented=("caf",)),
        "revoked": make_record(5, consents=[consent("urssaf",
                                                    revoked_at="2026-11-20T10:00:00+00:00")],
                               orientations=[orientation("urssaf")]),
    }
    push(central, *records.values())
    return records


@pytest.fixture
def windows(central: Server) -> Iterator[list[PartnerWindow]]:  # noqa: F811
    """Windows closed before the store goes (their close may revoke a token on it)."""
    opened: list[PartnerWindow] = []
    yield opened
    for window in opened:
        window.close()


def open_partner(qtbot: QtBot, central: Server, windows: list[PartnerWindow], *,  # noqa: F811
                 http: httpx.Client | None = None, kept: bool = False,
                 token: str | None = None, **options: Any) -> PartnerWindow:
    session = PartnerSession(SERVER, token or bearer(central, "p_urssaf"), "p_urssaf", "urssaf",
                             kept=kept)
    window = PartnerWindow(session, http_factory=lambda _server: http or central.client,
                           backoff=0.0, **options)
    qtbot.addWidget(window)
    windows.append(window)
    with qtbot.waitSignal(window.ready, timeout=WAIT):
        window.show()
    return window


def settle(qtbot: QtBot, window: PartnerWindow) -> None:
    """Wait for the window's requests: the search sent when typing pauses, the list read, the
    selected dossier read."""
    qtbot.waitUntil(lambda: window.idle, timeout=WAIT)


def rows(window: PartnerWindow) -> list[tuple[str, ...]]:
    proxy = window.proxy
    return [tuple(str(proxy.index(r, c).data() or "") for c in range(proxy.columnCount()))
            for r in range(proxy.rowCount())]


def numbers(window: PartnerWindow) -> list[str]:
    return [row[1] for row in rows(window)]


def status_of(window: PartnerWindow, number: str) -> str:
    return next(row[3] for row in rows(window) if row[1] == number)


def seen_status(server: Server, dossier_id: str) -> str:
    answer = server.client.get(f"/partner/dossiers/{dossier_id}",
                               headers=server.login("p_urssaf"))
    return str(answer.json()["orientation"]["status"])


def seniority(today: date) -> str:
    """« Ancienneté : 22 ans et 3 mois » of an activity started on 01/09/2004, on ``today``
    (the store evaluates the aids at its own date)."""
    months = (today.year - 2004) * 12 + today.month - 9
    years, rest = divmod(months, 12)
    return f"Ancienneté : {years} ans" + (f" et {rest} mois" if rest else "")


def choose(qtbot: QtBot, combo: Any, text: str) -> None:
    """Pick an item of a combo box with the keyboard, as an agent would."""
    combo.setFocus()
    target = combo.findText(text)
    assert target >= 0, text
    while combo.currentIndex() != target:
        key = Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up
        qtbot.keyClick(combo, key)


def send(qtbot: QtBot, window: PartnerWindow) -> None:
    with qtbot.waitSignal(window.follow_up_sent, timeout=WAIT):
        window.send_action.trigger()


# --------------------------------------------------------------------------- the list


def test_inbox_lists_consented_dossiers_urgent_first_in_words(
        qtbot: QtBot, central: Server, seeded: dict[str, dict[str, Any]],  # noqa: F811
        windows: list[PartnerWindow]) -> None:
    window = open_partner(qtbot, central, windows)
    expected = [seeded[k]["number"] for k in ("urgent", "plain", "other")]
    assert numbers(window) == expected
    first, second, third = rows(window)
    assert first[0] == "Urgent" and second[0] == "" and third[0] == ""
    assert first[2] == "LE GOFF Yann" and third[2] == "KERLEROUX Gwenaëlle"
    assert {row[3] for row in rows(window)} == {"Transmise"}
    assert all(re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d", row[4]) for row in rows(window))
    assert "Urssaf" in window.windowTitle()
    assert window.agent_label.text() == "Urssaf — p_urssaf"
    assert window.count_label.text() == "3 dossiers, dont 1 urgent"
    for widget in (window.table, window.search_edit, window.status_filter, window.status_combo,
                   window.outcome_combo, window.note_edit, window.send_button, window.detail):
        assert widget.accessibleName()
    assert "(F5)" in window.refresh_action.toolTip()
    assert "(Ctrl+Return)" in window.send_button.toolTip()

    # The first dossier is selected and shown as the store sent it, in words.
    assert window.selected_id() == seeded["urgent"]["id"]
    text = window.detail.toPlainText()
    for expected_text in ("TI-BRE-01-2026-000002 — LE GOFF Yann", "Urgent", "Identité",
                          "SIRET", "732 829 320 00074", "Courriel", "Début d’activité indépendante",
                          "01/09/2004", "Aides relevant de : Urssaf",
                          "Délais de paiement des cotisations", "Pourquoi : ",
                          seniority(central.clock.now.date()), "Signé à l’accueil",
                          "consentement-v1", "Suivi actuel", "Transmise"):
        assert expected_text in text, expected_text
    assert "NIR" not in text and "1963" not in text  # the Urssaf does not get them
    # The answers behind its aids, and no other (Q11 opens no Urssaf aid here).
    assert "Réponses au questionnaire qui fondent ces aides" in text
    assert "cotisations impayées" in text and "Retraite" not in text
    assert window.table.hasFocus()

    # Urgency reasons come only among those answers; the store sends none here, and when it
    # sends some they follow the flag in words.
    shown = window.dossier(window.selected_id())
    assert shown is not None and shown.urgent and shown.urgent_reasons == ()
    assert "Q11" not in shown.answers
    with_reason = dataclasses.replace(shown, answers={"Q04": "non"},
                                      urgent_reasons=("Q04=non",))
    html = window.detail_html(with_reason)
    assert "À traiter en priorité : " in html and "Non, je ne peux plus y faire face" in html


def test_search_and_filter_by_follow_up(
        qtbot: QtBot, central: Server, seeded: dict[str, dict[str, Any]],  # noqa: F811
        windows: list[PartnerWindow]) -> None:
    central.client.post(f"/partner/dossiers/{seeded['plain']['id']}/orientation",
                        headers=central.login("p_urssaf"),
                        json={"status": "cloturee", "outcome": "sans_suite"})
    window = open_partner(qtbot, central, windows)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_edit.hasFocus()
    qtbot.keyClicks(window.search_edit, "gwenaelle")  # without the accent
    settle(qtbot, window)  # the store searches, once typing pauses
    assert numbers(window) == [seeded["other"]["number"]]
    assert window.count_label.text() == "1 dossier"
    assert window.selected_id() == seeded["other"]["id"]
    window.search_edit.clear()
    choose(qtbot, window.status_filter, "Non clôturés")
    settle(qtbot, window)
    assert numbers(window) == [seeded["urgent"]["number"], seeded["other"]["number"]]
    choose(qtbot, window.status_filter, "Clôturée")
    settle(qtbot, window)
    assert numbers(window) == [seeded["plain"]["number"]]
    assert rows(window)[0][3] == "Clôturée — sans suite"
    qtbot.keyClicks(window.search_edit, "personne")
    settle(qtbot, window)
    assert numbers(window) == [] and window.selected_id() == ""
    assert "Aucun dossier ne correspond à la recherche." in window.detail.toPlainText()
    assert not window.form.isEnabled()


def test_keyboard_arrows_in_the_list_and_tab_to_the_form(
        qtbot: QtBot, central: Server, seeded: dict[str, dict[str, Any]],  # noqa: F811
        windows: list[PartnerWindow]) -> None:
    window = open_partner(qtbot, central, windows)
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
    assert window.selected_id() == seeded["plain"]["id"]
    settle(qtbot, window)  # the dossier is read when it is opened
    assert window.detail.toPlainText().startswith(seeded["plain"]["number"])
    qtbot.keyClick(window.table, Qt.Key.Key_Tab)
    assert window.status_combo.hasFocus()
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert window.status_combo.hasFocus()
    qtbot.keyClick(window.status_combo, Qt.Key.Key_Tab)
    assert window.note_edit.hasFocus()  # the outcome is skipped: it is off until « Clôturée »
    qtbot.keyClick(window.note_edit, Qt.Key.Key_Tab)
    assert window.send_button.hasFocus()


# --------------------------------------------------------------------------- the follow-up


def test_follow_up_sent_then_pulled_by_the_counter(
        qtbot: QtBot, store: Store, central: Server, make_client: MakeClient,  # noqa: F811
        windows: list[PartnerWindow]) -> None:
    dossier_id = new_dossier(store, answers=tuple(BAKER["answers"]),
                             consents={"urssaf": True, "caf": True})
    counter = make_client(store)
    assert counter.run_round().in_sync
    window = open_partner(qtbot, central, windows)
    assert window.selected_id() == dossier_id
    number = numbers(window)[0]
    # Not yet marked sent by the counter, but in the inbox: the partner reads « Transmise ».
    assert seen_status(central, dossier_id) == "a_transmettre"
    assert status_of(window, number) == "Transmise"
    choose(qtbot, window.status_filter, "Transmise")
    settle(qtbot, window)
    assert numbers(window) == [number]
    window.status_filter.setCurrentIndex(0)
    settle(qtbot, window)

    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Tab)
    choose(qtbot, window.status_combo, "En cours")
    assert not window.outcome_combo.isEnabled()
    window.note_edit.setFocus()
    qtbot.keyClicks(window.note_edit, "Rendez-vous pris mardi 10 h.")
    assert window.note_count.text() == f"{grouped(2000 - 28)} caractères restants sur 2\u00a0000"
    with qtbot.waitActive(window):
        window.activateWindow()
    with qtbot.waitSignal(window.follow_up_sent, timeout=WAIT):  # Ctrl+Entrée, from the note
        qtbot.keyClick(window.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.note_edit.toPlainText() == "Rendez-vous pris mardi 10 h."  # no new line
    assert status_of(window, number) == "En cours"
    assert "Suivi envoyé au guichet pour le dossier" in window.statusBar().currentMessage()
    assert "Rendez-vous pris mardi 10 h." in window.detail.toPlainText()
    assert window.table.hasFocus()

    summary = counter.run_round()
    assert summary.applied == 1 and summary.in_sync, summary.line()
    with store.session() as session:
        found = find_dossier(session, dossier_id)
        assert found is not None
        followed = {o["organisme"]: o for o in to_export(found)["orientations"]}
    assert followed["urssaf"]["status"] == "en_cours"
    assert followed["urssaf"]["note"] == "Rendez-vous pris mardi 10 h."


def test_closure_needs_an_outcome_and_the_message_names_the_field(
        qtbot: QtBot, central: Server, seeded: dict[str, dict[str, Any]],  # noqa: F811
        windows: list[PartnerWindow]) -> None:
    window = open_partner(qtbot, central, windows)
    number = numbers(window)[0]
    choose(qtbot, window.status_combo, "Clôturée")
    assert window.outcome_combo.isEnabled()
    with qtbot.assertNotEmitted(window.follow_up_sent, wait=200):
        qtbot.mouseClick(window.send_button, Qt.MouseButton.LeftButton)
    assert window.form_error.isVisible()
    assert window.form_error.text() == ("Résultat : choisissez « Aide accordée », « Aide "
                                        "refusée » ou « Sans suite » pour clôturer le dossier.")
    assert window.busy_with == ""  # nothing was sent
    choose(qtbot, window.outcome_combo, "Aide accordée")
    assert not window.form_error.isVisible()
    send(qtbot, window)
    assert status_of(window, number) == "Clôturée — aide accordée"
    stored = central.client.get(f"/partner/dossiers/{seeded['urgent']['id']}",
                                headers=central.login("p_urssaf")).json()
    assert stored["orientation"]["status"] == "cloturee"
    assert stored["orientation"]["outcome"] == "aide_accordee"

    choose(qtbot, window.status_combo, "En cours")
    assert not window.outcome_combo.isEnabled()


def test_note_counter_and_its_limit(
        qtbot: QtBot, central: Server, seeded: dict[str, dict[str, Any]],  # noqa: F811
        windows: list[PartnerWindow]) -> None:
    window = open_partner(qtbot, central, windows)
    assert window.note_count.text() == "2\u00a0000 caractères restants sur 2\u00a0000"
    window.note_edit.setPlainText("x" * 1999)
    assert window.note_count.text() == "1 caractère restant sur 2\u00a0000"
    window.note_edit.setPlainText("x" * 2003)
    assert window.note_count.text() == "3 caractères de trop : 2\u00a0000 au plus"
    with qtbot.assertNotEmitted(window.follow_up_sent, wait=200):
        window.send_action.trigger()
    assert window.form_error.text() == ("Note pour le guichet : 2\u00a0000 caractères au plus "
                                        "(la note en compte 2\u00a0003).")
    window.note_edit.setPlainText("")
    choose(qtbot, window.status_combo, "Reçue")
    window.status_combo.setCurrentIndex(window.status_combo.findData("recue"))
    # « Reçue » with no note is already more than « Transmise »: it can be sent.
    send(qtbot, window)
    with qtbot.assertNotEmitted(window.follow_up_sent, wait=200):
        window.send_action.trigger()
    assert window.form_error.text().startswith("Rien à envoyer")


def test_a_draft_survives_moving_in_the_list_and_a_refresh(
        qtbot: QtBot, central: Server, seeded: dict[str, dict[str, Any]],  # noqa: F811
        windows: list[PartnerWindow]) -> None:
    window = open_partner(qtbot, central, windows)
    choose(qtbot, window.status_combo, "Contact pris")
    window.note_edit.setFocus()
    qtbot.keyClicks(window.note_edit, "Appel du 3, ")
    window.note_edit.insertPlainText("à rappeler")  # QTest types ASCII only
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
    assert window.note_edit.toPlainText() == ""
    assert window.status_combo.currentText() == "Reçue"
    qtbot.keyClick(window.table, Qt.Key.Key_Up)
    assert window.note_edit.toPlainText() == "Appel du 3, à rappeler"
    assert window.status_combo.currentText() == "Contact pris"
    with qtbot.waitSignal(window.inbox_loaded, timeout=WAIT):
        qtbot.keyClick(window.table, Qt.Key.Key_F5)
    assert window.selected_id() == seeded["urgent"]["id"]
    assert window.note_edit.toPlainText() == "Appel du 3, à rappeler"
    assert window.status_combo.currentText() == "Contact pris"


# --------------------------------------------------------------------------- consent revoked


def revoke_on_the_store(central: Server, record: dict[str, Any]) -> None:  # noqa: F811
    push(central, dict(record, revision=2,
                       consents=[consent("urssaf", revoked_at="2026-11-20T11:00:00+00:00")]),
         base=1)


def test_revoked_consent_the_row_disappears_on_refresh(
        qtbot: QtBot, central: Server, seeded: dict[str, dict[str, Any]],  # noqa: F811
        windows: list[PartnerWindow]) -> None:
    window = open_partner(qtbot, central, windows)
    assert window.select(seeded["plain"]["id"])
    window.note_edit.setPlainText("brouillon")
    revoke_on_the_store(central, seeded["plain"])
    with qtbot.waitSignal(window.inbox_loaded, timeout=WAIT):
        qtbot.keyClick(window.table, Qt.Key.Key_F5)
    assert numbers(window) == [seeded["urgent"]["number"], seeded["other"]["number"]]
    assert window.statusBar().currentMessage() == ("Un dossier n’est plus visible : le "
                                                   "consentement a pu être retiré.")
    assert window.banner.isVisible() and window.banner_label.text() == GONE
    assert window.selected_id() == seeded["urgent"]["id"]
    assert seeded["plain"]["id"] not in window._drafts


def test_revoked_consent_404_on_send_removes_the_row(
        qtbot: QtBot, central: Server, seeded: dict[str, dict[str, Any]],  # noqa: F811
        windows: list[PartnerWindow]) -> None:
    window = open_partner(qtbot, central, windows)
    assert window.select(seeded["plain"]["id"])
    settle(qtbot, window)
    choose(qtbot, window.status_combo, "En cours")
    revoke_on_the_store(central, seeded["plain"])
    with qtbot.waitSignal(window.failed, timeout=WAIT) as failed:
        window.send_action.trigger()
    assert failed.args == [GONE]
    assert seeded["plain"]["number"] not in numbers(window)
    assert window.banner.isVisible()
    assert window.banner_label.text().startswith(GONE)
    assert seeded["plain"]["number"] in window.banner_label.text()
    assert window.selected_id() == seeded["other"]["id"]  # the next one, ready to work on
    assert window.count_label.text() == "2 dossiers, dont 1 urgent"
    assert window.banner_button.text().replace("&", "") == "OK"
    qtbot.mouseClick(window.banner_button, Qt.MouseButton.LeftButton)
    assert not window.banner.isVisible()


def test_automatic_refresh_brings_new_dossiers(
        qtbot: QtBot, central: Server, seeded: dict[str, dict[str, Any]],  # noqa: F811
        windows: list[PartnerWindow]) -> None:
    window = open_partner(qtbot, central, windows, interval_ms=50)
    assert window.timer.isActive() and len(numbers(window)) == 3
    with qtbot.waitSignal(window.statusBar().messageChanged, timeout=WAIT,
                          check_params_cb=lambda text: text == "Un nouveau dossier."):
        push(central, make_record(6, oriented=("urssaf",), urgent=True))
    assert numbers(window)[:2] == [seeded["urgent"]["number"], "TI-BRE-01-2026-000006"]
    assert len(numbers(window)) == 4
    signed_out = PartnerWindow(None, server=SERVER)
    qtbot.addWidget(signed_out)
    assert signed_out.timer.interval() == 120_000  # two minutes by default
    assert not signed_out.timer.isActive()  # nothing to read before signing in


# --------------------------------------------------------------------------- store unreachable


class Gate(httpx.BaseTransport):
    """Holds every request until ``opened``; then fails it (``failing``) or forwards it."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.opened = threading.Event()
        self.opened.set()
        self.entered = threading.Event()
        self.failing = False

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.entered.set()
        assert self.opened.wait(WAIT / 1000)
        if self.failing:
            raise httpx.ConnectError("connection refused", request=request)
        return self.inner.handle_request(request)


def test_store_unreachable_tells_and_the_window_stays_usable(
        qtbot: QtBot, central: Server, seeded: dict[str, dict[str, Any]],  # noqa: F811
        windows: list[PartnerWindow]) -> None:
    gate = Gate(central.client._transport)
    http = httpx.Client(transport=gate, base_url=SERVER)
    window = open_partner(qtbot, central, windows, http=http)
    assert len(numbers(window)) == 3

    gate.opened.clear()
    gate.entered.clear()
    gate.failing = True
    qtbot.keyClick(window.table, Qt.Key.Key_F5)
    qtbot.waitUntil(gate.entered.is_set, timeout=WAIT)
    assert window.busy.isVisible() and window.busy_with == "inbox"
    # The request hangs on its thread; the window answers the agent meanwhile, and what was
    # read stays on screen until the store answers the search.
    qtbot.keyClicks(window.search_edit, "kerleroux")
    assert window.search_edit.text() == "kerleroux" and len(numbers(window)) == 3
    assert not window.send_button.isEnabled()
    with qtbot.waitSignal(window.failed, timeout=WAIT) as failed:
        gate.opened.set()
    assert "injoignable" in failed.args[0]
    assert window.banner.isVisible() and "injoignable" in window.banner_label.text()
    assert window.banner_button.text().replace("&", "") == "Réessayer"
    assert not window.busy.isVisible()
    window.search_edit.clear()
    settle(qtbot, window)
    assert len(numbers(window)) == 3  # what was read before stays on screen
    assert window.selected_id() == seeded["urgent"]["id"]  # read before the store went away

    # A follow-up that cannot be sent is kept for the next try.
    choose(qtbot, window.status_combo, "En cours")
    with qtbot.waitSignal(window.failed, timeout=WAIT) as failed:
        window.send_action.trigger()
    assert "le suivi n’a pas été envoyé" in failed.args[0]
    assert window.status_combo.currentText() == "En cours"

    gate.failing = False
    with qtbot.waitSignal(window.follow_up_sent, timeout=WAIT):
        qtbot.mouseClick(window.banner_button, Qt.MouseButton.LeftButton)
    assert not window.banner.isVisible()
    assert status_of(window, seeded["urgent"]["number"]) == "En cours"  # the one still selected


def test_store_unreachable_at_start_still_gets_ready(
        qtbot: QtBot, central: Server, windows: list[PartnerWindow]) -> None:  # noqa: F811
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    http = httpx.Client(transport=httpx.MockTransport(refuse), base_url=SERVER)
    window = open_partner(qtbot, central, windows, http=http, token="t")
    assert numbers(window) == []
    assert "la liste ne peut pas être lue" in window.banner_label.text()
    assert window.timer.isActive()  # tries again by itself


# --------------------------------------------------------------------------- session


def test_expired_token_asks_to_log_in_again_and_keeps_the_draft(
        qtbot: QtBot, keyring_backend: KeyringBackend, central: Server,  # noqa: F811
        seeded: dict[str, dict[str, Any]], windows: list[PartnerWindow]) -> None:
    window = open_partner(qtbot, central, windows)
    choose(qtbot, window.status_combo, "Contact pris")
    central.clock.advance(hours=13)
    with qtbot.waitSignal(window.failed, timeout=WAIT) as failed:
        window.send_action.trigger()
    assert failed.args[0].startswith("Votre session a expiré : reconnectez-vous")
    assert window.banner_label.text() == failed.args[0]
    dialog = window.login_dialog
    assert isinstance(dialog, LoginDialog) and dialog.isVisible()
    assert dialog.login_edit.text() == "p_urssaf" and dialog.password_edit.hasFocus()
    assert not window.timer.isActive()

    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    with qtbot.waitSignal(window.inbox_loaded, timeout=WAIT):
        qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert not window.banner.isVisible() and window.timer.isActive()
    assert window.status_combo.currentText() == "Contact pris"  # the draft is still there
    assert read_token(default_data_dir(), SERVER) is None  # not kept
    send(qtbot, window)
    assert status_of(window, seeded["urgent"]["number"]) == "Contact pris"


def test_sign_out_revokes_the_token_and_forgets_it_then_sign_in_again(
        qtbot: QtBot, keyring_backend: KeyringBackend, central: Server,  # noqa: F811
        seeded: dict[str, dict[str, Any]], windows: list[PartnerWindow],
        tmp_path: Path) -> None:
    token = bearer(central, "p_urssaf")
    store_token(tmp_path, SERVER, token)
    settings = AppSettings(server_url=SERVER, agent_role="partenaire", agent_login="p_urssaf",
                           agent_organisme="urssaf")
    window = open_partner(qtbot, central, windows, kept=True, token=token, settings=settings,
                          data_dir=tmp_path)
    with qtbot.waitSignal(window.signed_out, timeout=WAIT):
        window.sign_out_action.trigger()
    assert read_token(tmp_path, SERVER) is None
    refused = central.client.get("/partner/dossiers", headers={"Authorization": f"Bearer {token}"})
    assert refused.status_code == 401
    assert numbers(window) == [] and not window.form.isEnabled()
    assert window.banner_label.text() == "Vous êtes déconnecté."
    assert window.agent_label.text() == "Non connecté"
    assert not window.sign_out_action.isEnabled() and not window.timer.isActive()

    qtbot.mouseClick(window.banner_button, Qt.MouseButton.LeftButton)
    dialog = window.login_dialog
    assert isinstance(dialog, LoginDialog) and dialog.isVisible()
    assert dialog.windowTitle() == "Connexion à l’espace partenaire"
    qtbot.keyClicks(dialog.login_edit, "p_urssaf")
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    with qtbot.waitSignal(window.inbox_loaded, timeout=WAIT):
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert len(numbers(window)) == 3
    assert read_token(tmp_path, SERVER)  # kept again
    saved = AppSettings.load(tmp_path)
    assert (saved.agent_login, saved.agent_role, saved.agent_organisme) \
        == ("p_urssaf", "partenaire", "urssaf")


@pytest.mark.parametrize(("login", "role", "organisme"), [
    ("p_urssaf", "partenaire", "urssaf"), ("bre", "accueil", "urssaf")])
def test_login_dialog_records_who_signed_in(
        qtbot: QtBot, keyring_backend: KeyringBackend, central: Server,  # noqa: F811
        tmp_path: Path, login: str, role: str, organisme: str) -> None:
    settings = AppSettings(server_url=SERVER, agent_name="A. Le Gall")
    dialog = LoginDialog(SERVER, http_factory=lambda _server: central.client,
                         settings=settings, data_dir=tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.login_edit, login)
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    with qtbot.waitSignal(dialog.signed_in, timeout=WAIT) as signed:
        qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    result = signed.args[0]
    assert (result.login, result.role, result.organisme, result.kept) \
        == (login, role, organisme, True)
    assert read_token(tmp_path, SERVER) == result.token
    saved = AppSettings.load(tmp_path)
    assert (saved.agent_login, saved.agent_role, saved.agent_organisme) == (login, role,
                                                                           organisme)
    assert saved.agent_name == "A. Le Gall"  # the rest of the settings untouched


# --------------------------------------------------------------------------- from the counter


def live_tokens(central: Server) -> int:  # noqa: F811
    with central.app.state.engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(Token)
                                      .where(Token.revoked_at.is_(None))).scalar_one())


def test_partner_space_from_the_counter_leaves_the_workstation_alone(
        qtbot: QtBot, keyring_backend: KeyringBackend, central: Server,  # noqa: F811
        seeded: dict[str, dict[str, Any]], tmp_path: Path) -> None:
    workstation_token = bearer(central, "bre")
    store_token(tmp_path, SERVER, workstation_token)
    counter = QWidget()
    qtbot.addWidget(counter)
    settings = AppSettings(server_url=SERVER)
    dialog = open_partner_space(counter, settings, lambda _server: central.client)
    assert dialog.isVisible() and dialog.windowTitle() == "Connexion à l’espace partenaire"

    before = live_tokens(central)
    qtbot.keyClicks(dialog.login_edit, "bre")
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    with qtbot.waitSignal(dialog._answered, timeout=WAIT):
        qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text().startswith("Ce compte n’est pas un compte partenaire")
    assert live_tokens(central) == before  # the counter account's new token was revoked

    dialog.login_edit.clear()
    qtbot.keyClicks(dialog.login_edit, "p_urssaf")
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    with qtbot.waitSignal(dialog.signed_in, timeout=WAIT) as signed:
        qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    partner_token = signed.args[0].token
    window = dialog.partner_window  # type: ignore[attr-defined]
    assert isinstance(window, PartnerWindow) and window.isVisible()
    qtbot.waitUntil(lambda: len(numbers(window)) == 3, timeout=WAIT)
    assert "Urssaf" in window.windowTitle()
    # The workstation keeps its own token and settings.
    assert read_token(tmp_path, SERVER) == workstation_token
    assert settings.agent_role == "" and settings.agent_login == ""
    assert not (tmp_path / "settings.ini").exists()

    with qtbot.waitSignal(window.destroyed, timeout=WAIT):
        window.close()  # the partner's session ends with its window
    gone = central.client.get("/partner/dossiers",
                              headers={"Authorization": f"Bearer {partner_token}"})
    assert gone.status_code == 401
    still = central.client.get("/sync/pull", params={"since": 0},
                               headers={"Authorization": f"Bearer {workstation_token}"})
    assert still.status_code == 200


def test_the_saved_partner_session_of_a_workstation(
        qtbot: QtBot, keyring_backend: KeyringBackend, central: Server,  # noqa: F811
        seeded: dict[str, dict[str, Any]], tmp_path: Path) -> None:
    partner = AppSettings(server_url=SERVER + "/", agent_role="partenaire",
                          agent_login="p_urssaf", agent_organisme="urssaf")
    factory = lambda _server: central.client  # noqa: E731
    assert saved_partner_window(partner, tmp_path, http_factory=factory) is None  # no token
    store_token(tmp_path, SERVER, bearer(central, "p_urssaf"))
    counter = AppSettings(server_url=SERVER, agent_role="accueil", agent_login="bre")
    assert saved_partner_window(counter, tmp_path, http_factory=factory) is None
    window = saved_partner_window(partner, tmp_path, http_factory=factory)
    assert isinstance(window, PartnerWindow)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.inbox_loaded, timeout=WAIT):
        window.show()
    assert window.session is not None and window.session.kept
    assert window.agent_label.text() == "Urssaf — p_urssaf" and len(numbers(window)) == 3
    window.close()


def test_the_list_comes_a_page_at_a_time_and_the_store_searches_it(
        qtbot: QtBot, central: Server, windows: list[PartnerWindow]) -> None:  # noqa: F811
    records = [make_record(n, oriented=("urssaf",), urgent=n == 70) for n in range(1, 121)]
    push(central, *records)
    window = open_partner(qtbot, central, windows)
    assert len(numbers(window)) == 50 and numbers(window)[0] == records[69]["number"]
    assert window.count_label.text() == "50 dossiers, dont 1 urgent ; d’autres suivent"
    assert window.more_button.isVisible()
    qtbot.mouseClick(window.more_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert len(numbers(window)) == 100 and len(set(numbers(window))) == 100
    window.table.verticalScrollBar().setValue(window.table.verticalScrollBar().maximum())
    settle(qtbot, window)  # scrolled to the end: the last page
    assert len(numbers(window)) == 120 and not window.more_button.isVisible()
    assert window.count_label.text() == "120 dossiers, dont 1 urgent"
    with qtbot.waitSignal(window.inbox_loaded, timeout=WAIT):
        qtbot.keyClick(window.table, Qt.Key.Key_F5)  # a refresh keeps the rows read
    assert len(numbers(window)) == 120
    qtbot.keyClicks(window.search_edit, "000115")  # on the third page: the store finds it
    settle(qtbot, window)
    assert numbers(window) == [records[114]["number"]]
    assert window.selected_id() == records[114]["id"]
    assert window.detail.toPlainText().startswith(records[114]["number"])
