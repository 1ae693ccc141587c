"""Call-backs, appointments, counter notes and re-orientation in the window (issue 16): the
dialogs' checks (each refusal names the field and what is allowed, nothing typed is lost), the
counter's call-back saved through the real service into the panel, the .ics export and the
convocation's preview, the counter's note for an organisme, the partner's appointment and
re-orientation sent to the real central store, the partner inbox's « Sans nouvelle » filter."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate, QLocale, Qt, QTime
from pytestqt.qtbot import QtBot

from app.dossier_service import DossierService
from app.models.database import Store
from app.sync.client import SyncClient
from app.ui.actions import PartnerActionId
from app.ui.appointment_dialog import (
    AppointmentDialog,
    CallbackDialog,
    day_notice,
    next_working_day,
)
from app.ui.main_window import MainWindow
from app.ui.partner import PartnerFilter, PartnerSession, PartnerWindow
from app.ui.reorient_dialog import CounterNoteDialog, ReorientDialog
from app.ui.settings import AppSettings
from tests.server.conftest import Server
from tests.server.conftest import fast_password_hashing as fast_password_hashing  # noqa: F401
from tests.sync.conftest import BAKER, MakeClient, bearer, new_dossier
from tests.sync.conftest import central as central  # noqa: F401
from tests.sync.conftest import make_client as make_client  # noqa: F401
from tests.sync.conftest import sleeps as sleeps  # noqa: F401
from tests.ui.dossier_helpers import AGENT, ANSWERS, create_dossier
from tests.ui.test_main_window import FakeFlow

pytestmark = pytest.mark.gui

PARIS = ZoneInfo("Europe/Paris")
WAIT = 10_000
# A Tuesday afternoon, the day before the 11 November (a public holiday).
NOW = datetime(2026, 11, 10, 15, 0, tzinfo=PARIS)


@pytest.fixture(autouse=True)
def french_locale() -> Iterator[None]:
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    yield
    QLocale.setDefault(previous)


def set_day(dialog: Any, day: date, hour: int = 10, minute: int = 0) -> None:
    dialog.date_edit.setDate(QDate(day.year, day.month, day.day))
    dialog.time_edit.setTime(QTime(hour, minute))


# --------------------------------------------------------------------------- the dialogs


def test_working_days_skip_weekends_and_public_holidays() -> None:
    assert next_working_day(date(2026, 11, 10)) == date(2026, 11, 12)  # 11 novembre
    assert next_working_day(date(2026, 11, 13)) == date(2026, 11, 16)  # a Friday
    assert next_working_day(date(2026, 4, 3)) == date(2026, 4, 7)  # lundi de Pâques
    assert day_notice(date(2026, 11, 11)) == ("Attention : le 11/11/2026 est un jour férié "
                                              "(Armistice).")
    assert day_notice(date(2026, 11, 14)) == "Attention : le 14/11/2026 est un samedi."
    assert day_notice(date(2026, 11, 12)) == ""


def test_callback_dialog_checks_and_submits(qtbot: QtBot) -> None:
    dialog = CallbackDialog(person="LE GOFF Anne-Marie", telephone="06 12 34 56 78",
                            by="Claire Agent", now=lambda: NOW)
    qtbot.addWidget(dialog)
    dialog.show()
    # Prefilled with the next working day (the 11 November skipped), 10:00, the agent.
    assert dialog.moment() == datetime(2026, 11, 12, 10, 0, tzinfo=PARIS)
    assert "06 12 34 56 78" in dialog.header.text()
    assert not dialog.day_notice.isVisible()
    set_day(dialog, date(2026, 11, 11))
    assert dialog.day_notice.isVisible() and "jour férié" in dialog.day_notice.text()

    dialog.by_edit.clear()
    with qtbot.assertNotEmitted(dialog.submitted):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text() == ("Qui rappelle : indiquez l’agent qui rappellera la "
                                         "personne.")
    qtbot.keyClicks(dialog.by_edit, "Claire Agent")
    set_day(dialog, date(2026, 11, 10), 14, 30)  # before NOW
    with qtbot.assertNotEmitted(dialog.submitted):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text() == ("Date et heure : choisissez un moment à venir (après "
                                         "le 10/11/2026 à 15:00).")
    set_day(dialog, date(2026, 11, 12), 9, 15)
    dialog.note_edit.setPlainText("x" * 501)
    with qtbot.assertNotEmitted(dialog.submitted):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text() == "Note : 500 caractères au plus (501 saisis)."
    assert dialog.note_edit.toPlainText() == "x" * 501  # nothing typed is lost

    dialog.note_edit.setPlainText("Veut parler de l’échéancier")
    with qtbot.waitSignal(dialog.submitted) as sent:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert sent.args == [{"at": datetime(2026, 11, 12, 9, 15, tzinfo=PARIS),
                          "by": "Claire Agent", "note": "Veut parler de l’échéancier"}]
    assert not dialog.ok_button.isEnabled()  # until the owner answers
    dialog.show_error("Rien n’a été enregistré : refusé")
    assert dialog.ok_button.isEnabled() and dialog.error_label.isVisible()


def test_appointment_dialog_new_and_existing(qtbot: QtBot) -> None:
    existing = [{"id": "4f1c2f0e-0000-4000-8000-000000000001", "kind": "rendez_vous",
                 "organisme": "urssaf", "at": "2026-12-08T09:30:00+00:00", "duration": 45,
                 "mode": "agence", "place": "Agence de Brest", "bring": "Avis d’imposition",
                 "by": "M. Kerjean", "status": "fixe"},
                {"id": "4f1c2f0e-0000-4000-8000-000000000002", "kind": "rappel",
                 "organisme": None, "at": "2026-12-09T09:30:00+00:00", "duration": 15,
                 "mode": "telephone", "status": "fixe"}]
    dialog = AppointmentDialog(organisme="urssaf", person="LE GOFF Anne-Marie",
                               existing=existing, by="p_urssaf", now=lambda: NOW)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.header.text() == "Rendez-vous Urssaf avec LE GOFF Anne-Marie"
    # The counter's call-back is not the partner's to change: one existing item only.
    assert dialog.which_combo.count() == 2
    assert dialog.which_combo.itemText(1) == "08/12/2026 à 10:30 — Fixé"
    assert dialog.editing() is None
    assert dialog.status_combo.currentData() == "propose"
    assert dialog.by_edit.text() == "p_urssaf"

    dialog.mode_combo.setCurrentIndex(dialog.mode_combo.findData("agence"))
    assert dialog.place_label.text() == "&Lieu :"
    with qtbot.assertNotEmitted(dialog.submitted):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text() == ("Lieu : indiquez l’adresse de l’agence où la personne "
                                         "est reçue.")
    dialog.mode_combo.setCurrentIndex(dialog.mode_combo.findData("visio"))
    with qtbot.assertNotEmitted(dialog.submitted):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text() == "Lien : indiquez le lien de la visioconférence."
    dialog.place_edit.setText("https://visio.exemple.fr/abc")
    set_day(dialog, date(2026, 11, 2))
    with qtbot.assertNotEmitted(dialog.submitted):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text().startswith("Date et heure : choisissez un moment à venir")
    assert dialog.error_label.text().endswith("Un rendez-vous passé est « Fait » ou « Annulé ».")
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData("fait"))
    with qtbot.waitSignal(dialog.submitted) as sent:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    values = sent.args[0]
    assert values == {"at": "2026-11-02T10:00:00+01:00", "duration": 30, "mode": "visio",
                      "place": "https://visio.exemple.fr/abc", "bring": "", "by": "p_urssaf",
                      "status": "fait"}

    # Changing the existing appointment: its values, and its id in what is sent.
    dialog.show_error("")
    assert dialog.select_appointment(existing[0]["id"])
    assert dialog.moment() == datetime(2026, 12, 8, 10, 30, tzinfo=PARIS)
    assert dialog.place_edit.text() == "Agence de Brest"
    assert dialog.duration_spin.value() == 45
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData("annule"))
    with qtbot.waitSignal(dialog.submitted) as sent:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert sent.args[0]["id"] == existing[0]["id"]
    assert sent.args[0]["status"] == "annule" and sent.args[0]["mode"] == "agence"


@pytest.mark.parametrize(("consented", "expected"), [
    ({"caf"}, "La personne a donné son consentement pour Caf : le dossier sera transmis à Caf "
              "dès l’envoi."),
    (set(), "La personne n’a pas donné son consentement pour Caf : la demande ira au guichet, "
            "qui demandera son accord à la personne. Rien n’est transmis à Caf avant cet "
            "accord."),
    (None, "Si la personne a donné son consentement pour Caf, le dossier sera transmis à Caf "
           "dès l’envoi ; sinon la demande ira au guichet"),
])
def test_reorient_dialog_says_what_will_happen(qtbot: QtBot, consented: set[str] | None,
                                                expected: str) -> None:
    dialog = ReorientDialog(organisme="urssaf", person="LE GOFF Anne-Marie",
                            consented=consented, oriented={"assurance_maladie"})
    qtbot.addWidget(dialog)
    dialog.show()
    codes = [dialog.organisme_combo.itemData(i) for i in range(dialog.organisme_combo.count())]
    assert "urssaf" not in codes  # not to itself
    assert dialog.organisme_combo.itemText(0) == "Assurance Maladie (déjà orienté)"
    assert dialog.organisme() == "service_social"  # the first one not oriented yet
    dialog.organisme_combo.setCurrentIndex(dialog.organisme_combo.findData("caf"))
    assert dialog.consent_label.text().startswith(expected)

    with qtbot.assertNotEmitted(dialog.submitted):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text().startswith("Motif : expliquez")
    dialog.organisme_combo.setCurrentIndex(0)
    dialog.note_edit.setPlainText("Relève de l’assurance maladie")
    with qtbot.assertNotEmitted(dialog.submitted):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text() == ("Organisme : le dossier est déjà orienté vers "
                                         "Assurance Maladie ; choisissez un autre organisme.")
    dialog.organisme_combo.setCurrentIndex(dialog.organisme_combo.findData("caf"))
    with qtbot.waitSignal(dialog.submitted) as sent:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert sent.args == [{"organisme": "caf", "note": "Relève de l’assurance maladie"}]


def test_counter_note_dialog(qtbot: QtBot) -> None:
    dialog = CounterNoteDialog([{"organisme": "caf", "counter_note": "Déjà venue en mai"},
                                {"organisme": "urssaf"}], person="LE GOFF Anne-Marie",
                               organisme="urssaf")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.organisme() == "urssaf" and dialog.note_edit.toPlainText() == ""
    dialog.organisme_combo.setCurrentIndex(dialog.organisme_combo.findData("caf"))
    assert dialog.note_edit.toPlainText() == "Déjà venue en mai"  # the note it replaces
    dialog.note_edit.setPlainText("é" * 2001)
    assert dialog.note_count.text() == "1 caractère de trop (2\u00a0000 au plus)"
    with qtbot.assertNotEmitted(dialog.submitted):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text() == "Note : 2\u00a0000 caractères au plus (2\u00a0001 saisis)."
    dialog.note_edit.setPlainText("Rappeler avant le 15")
    assert dialog.note_count.text() == "1\u00a0980 caractères restants sur 2\u00a0000"
    with qtbot.waitSignal(dialog.submitted) as sent:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert sent.args == [{"organisme": "caf", "text": "Rappeler avant le 15"}]


def test_the_dialogs_read_utc_moments_in_paris_time(qtbot: QtBot) -> None:
    utc_now = datetime(2026, 7, 1, 21, 30, tzinfo=UTC)  # 23:30 in Paris
    dialog = CallbackDialog(now=lambda: utc_now)
    qtbot.addWidget(dialog)
    assert dialog.moment() == datetime(2026, 7, 2, 10, 0, tzinfo=PARIS)
    assert dialog.moment() - utc_now == timedelta(hours=10, minutes=30)


# --------------------------------------------------------------------------- the counter


CLOCK = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)  # a Monday morning


@pytest.fixture
def counter(qtbot: QtBot, store: Store, data_dir: Path) -> Iterator[tuple[MainWindow, str]]:
    service = DossierService(store, agent=AGENT)
    ref = create_dossier(service, ANSWERS, telephone="06 12 34 56 78")
    service.record_consents(ref, {"urssaf": True, "caf": True}, mode="signe_accueil")
    window = MainWindow(store=store, service=service, settings=AppSettings(agent_name=AGENT),
                        data_dir=data_dir, flow=FakeFlow(), clock=lambda: CLOCK)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=WAIT):
        window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    assert window.select_dossier(ref)
    qtbot.waitUntil(lambda: (window.panel.record or {}).get("id") == ref, timeout=WAIT)
    yield window, ref
    window.close()


def test_the_counter_schedules_a_callback_by_keyboard(qtbot: QtBot, store: Store,
                                                      counter: tuple[MainWindow, str],
                                                      tmp_path: Path) -> None:
    from icalendar import Calendar

    window, ref = counter
    panel = window.panel
    assert panel.meetings_empty.isVisible() and not panel.meetings_list.isVisible()
    assert panel.buttons["schedule_callback"].isEnabled()
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_R,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.callback_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    assert dialog.header.text() == "LE GOFF Anne-Marie — téléphone : 06 12 34 56 78"
    assert dialog.by_edit.text() == AGENT
    assert dialog.moment() == datetime(2026, 12, 8, 10, 0, tzinfo=PARIS)  # next working day
    dialog.time_edit.setTime(QTime(14, 30))
    dialog.note_edit.setFocus()
    qtbot.keyClicks(dialog.note_edit, "Veut parler du plan")  # QTest types ASCII only
    qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Tab)  # Tab leaves the note
    assert not dialog.note_edit.hasFocus()
    with qtbot.waitSignal(dialog.finished, timeout=WAIT):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert window.statusBar().currentMessage() == "Rappel programmé le 08/12/2026 à 14:30."

    saved = DossierService(store, agent=AGENT).appointments(ref)
    assert len(saved) == 1
    callback = saved[0]
    assert callback["kind"] == "rappel" and callback["by"] == AGENT
    assert datetime.fromisoformat(callback["at"]) == datetime(2026, 12, 8, 14, 30, tzinfo=PARIS)
    qtbot.waitUntil(lambda: panel.meetings_list.count() == 1, timeout=WAIT)
    assert panel.meetings_list.item(0).text() == (
        "08/12/2026 à 14:30 — Rappel par Claire Agent (fixé)\nVeut parler du plan")
    assert panel.meeting_buttons["convocation"].isEnabled()
    assert panel.meeting_buttons["ics"].isEnabled()
    assert panel.meeting_buttons["done"].isEnabled()

    # The convocation: its print preview, and the print in the dossier's history.
    qtbot.mouseClick(panel.meeting_buttons["convocation"], Qt.MouseButton.LeftButton)
    preview = window.convocation_dialog
    qtbot.waitUntil(preview.isVisible, timeout=WAIT)
    assert preview.document.filename.endswith("-convocation-2026-12-08.pdf")
    assert preview.document.pdf.startswith(b"%PDF")
    with qtbot.waitSignal(preview.finished, timeout=WAIT):
        preview.reject()
    qtbot.waitUntil(lambda: "Impression : Convocation (rappel du guichet)" in
                    panel.history_label.text(), timeout=WAIT)
    assert "Rappel programmé le 08/12/2026 à 14:30" in panel.history_label.text()

    # The .ics, where the agent chooses, read back by a calendar parser.
    target = tmp_path / "rappel.ics"
    suggested: list[str] = []

    def choose(_parent: Any, name: str) -> str:
        suggested.append(name)
        return str(target)

    window.ics_path_chooser = choose  # type: ignore[method-assign]
    qtbot.mouseClick(panel.meeting_buttons["ics"], Qt.MouseButton.LeftButton)
    number = str(panel.record["number"]) if panel.record else ""
    assert suggested == [f"{number}-2026-12-08.ics"]
    event = next(iter(Calendar.from_ical(target.read_bytes()).walk("VEVENT")))
    assert str(event["UID"]).startswith(callback["id"])
    assert event.decoded("DTSTART") == datetime(2026, 12, 8, 14, 30, tzinfo=PARIS)
    assert str(event.get("DTSTART").params.get("TZID")) == "Europe/Paris"
    assert window.statusBar().currentMessage() == f"Exporté pour un agenda : {target}"

    # « Rappel fait »: the service records it, the panel says so.
    qtbot.mouseClick(panel.meeting_buttons["done"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "(fait)" in panel.meetings_list.item(0).text(), timeout=WAIT)
    assert DossierService(store, agent=AGENT).appointments(ref)[0]["status"] == "fait"
    assert not panel.meeting_buttons["done"].isEnabled()
    assert not panel.meeting_buttons["convocation"].isEnabled()  # done: nothing to convene
    assert not panel.meeting_buttons["ics"].isEnabled()


def test_the_counter_writes_a_note_for_an_organisme(qtbot: QtBot, store: Store,
                                                    counter: tuple[MainWindow, str]) -> None:
    window, ref = counter
    panel = window.panel
    assert panel.note_button.isEnabled()
    qtbot.mouseClick(panel.note_button, Qt.MouseButton.LeftButton)
    dialog = window.counter_note_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    assert dialog.organisme_combo.count() >= 2
    dialog.organisme_combo.setCurrentIndex(dialog.organisme_combo.findData("caf"))
    assert dialog.focusWidget() is dialog.note_edit  # the text first
    qtbot.keyClicks(dialog.note_edit, "Personne malentendante : joindre par courriel")
    with qtbot.waitSignal(dialog.finished, timeout=WAIT):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    record = DossierService(store, agent=AGENT).record(ref)
    caf = next(o for o in record["orientations"] if o["organisme"] == "caf")
    assert caf["counter_note"] == "Personne malentendante : joindre par courriel"
    qtbot.waitUntil(lambda: "Note du guichet : Personne malentendante" in
                    panel.orientations_label.text(), timeout=WAIT)
    assert "enregistrée" in window.statusBar().currentMessage()


# --------------------------------------------------------------------------- the partner


SERVER = "http://testserver"


def partner_window(qtbot: QtBot, central: Server) -> PartnerWindow:
    session = PartnerSession(SERVER, bearer(central, "p_urssaf"), "p_urssaf", "urssaf",
                             kept=False)
    window = PartnerWindow(session, http_factory=lambda _server: central.client, backoff=0.0)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=WAIT):
        window.show()
    return window


def reorient(qtbot: QtBot, window: PartnerWindow, organisme: str, note: str) -> str:
    """« Réorienter… » by its shortcut, the organisme and the reason typed, sent: the status
    bar's message."""
    with qtbot.waitActive(window):
        window.activateWindow()  # back from the last dialog (offscreen: no window manager)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_O,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.reorient_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    dialog.organisme_combo.setCurrentIndex(dialog.organisme_combo.findData(organisme))
    dialog.note_edit.setFocus()
    qtbot.keyClicks(dialog.note_edit, note)
    with qtbot.waitSignal(window.dialog_request_done, timeout=WAIT):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    return window.statusBar().currentMessage()


def test_a_partner_reorients_with_and_without_the_consent(
        qtbot: QtBot, store: Store, data_dir: Path, central: Server,  # noqa: F811
        make_client: MakeClient) -> None:  # noqa: F811
    dossier_id = new_dossier(store, answers=tuple(BAKER["answers"]),
                             consents={"urssaf": True, "caf": True,
                                       "assurance_maladie": True})
    counter = make_client(store)
    assert counter.run_round().in_sync
    number = DossierService(store, agent=AGENT).record(dossier_id)["number"]
    window = partner_window(qtbot, central)
    try:
        assert window.select(dossier_id)
        assert window.meeting_buttons[PartnerActionId.REORIENT].isEnabled()
        # The worker consented to the Assurance Maladie: sent to it at once.
        assert reorient(qtbot, window, "assurance_maladie", "Frais de sante") == (
            f"Dossier {number} transmis à Assurance Maladie : la personne y avait consenti.")
        # Not to the service social: the counter asks the worker first.
        assert reorient(qtbot, window, "service_social", "Isolement, demande d'aide") == (
            "Demande de réorientation vers Service social envoyée au guichet : il demandera "
            f"son accord à la personne (dossier {number}).")
        # An organisme it is already oriented to: refused, the dialog says so and stays.
        window.table.setFocus()
        window.actions_by_id[PartnerActionId.REORIENT].trigger()
        dialog = window.reorient_dialog
        qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
        dialog.organisme_combo.setCurrentIndex(dialog.organisme_combo.findData("caf"))
        dialog.note_edit.setPlainText("Encore")
        with qtbot.waitSignal(window.failed, timeout=WAIT):
            qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert dialog.isVisible() and dialog.error_label.isVisible()
        assert dialog.error_label.text().startswith("Le serveur central a ")
        assert dialog.note_edit.toPlainText() == "Encore"
        dialog.reject()
    finally:
        window.close()

    # The counter's next round: both orientations, the one waiting for the worker's consent
    # said so in the panel.
    assert counter.run_round().applied == 1
    record = DossierService(store, agent=AGENT).record(dossier_id)
    found = {o["organisme"]: o for o in record["orientations"]}
    assert found["service_social"]["status"] == "a_transmettre"
    assert "Isolement" in str(found["service_social"]["note"])
    assert "assurance_maladie" in found
    main = MainWindow(store=store, service=DossierService(store, agent=AGENT),
                      settings=AppSettings(agent_name=AGENT), data_dir=data_dir,
                      flow=FakeFlow(), clock=lambda: datetime.now(UTC))
    qtbot.addWidget(main)
    try:
        with qtbot.waitSignal(main.ready, timeout=WAIT):
            main.show()
        assert main.select_dossier(dossier_id)
        qtbot.waitUntil(lambda: (main.panel.record or {}).get("id") == dossier_id,
                        timeout=WAIT)
        text = main.panel.orientations_label.text()
        social = text[text.index("Service social"):]
        assert "À transmettre après l’accord de la personne" in social
        assert "Réorientation demandée par Urssaf" in social and "Isolement" in social
        caf = text[text.index("Caf"):text.index("Service social")]
        assert "accord de la personne" not in caf  # consented
        history = main.panel.history_label.text()
        assert "Mise à jour reçue du serveur central" in history
        assert "import_update" not in history
    finally:
        main.close()


def test_sans_nouvelle_at_the_counter_and_in_the_partner_inbox(
        qtbot: QtBot, store: Store, data_dir: Path, central: Server,  # noqa: F811
        make_client: MakeClient) -> None:  # noqa: F811
    """A transmitted orientation without any partner action for 10 working days is flagged
    « Sans nouvelle », and the filter lists it; one the partner followed is not."""
    silent = new_dossier(store, answers=tuple(BAKER["answers"]), consents={"urssaf": True})
    followed = new_dossier(store, answers=tuple(BAKER["answers"]), consents={"urssaf": True},
                           nom="Kerleroux")
    assert make_client(store).run_round().in_sync  # transmitted now
    later = datetime.now(UTC) + timedelta(days=21)  # 15 working days at least
    central.clock.now = later
    answer = central.client.post(f"/partner/dossiers/{followed}/orientation",
                                 headers=central.login("p_urssaf"),
                                 json={"status": "en_cours", "note": "Dossier en cours"})
    assert answer.status_code == 200, answer.text
    fresh = SyncClient(store, central.client, token=bearer(central), sleep=lambda _s: None)
    assert fresh.run_round().applied == 1

    # The partner inbox: the badge on the row and in the dossier, and the filter.
    window = partner_window(qtbot, central)
    try:
        shown = sorted(window.proxy.index(row, 3).data()
                       for row in range(window.proxy.rowCount()))
        assert shown == ["En cours", "Transmise — sans nouvelle"]
        window.status_filter.setCurrentIndex(
            window.status_filter.findData(PartnerFilter.STALE))
        qtbot.waitUntil(lambda: window.idle, timeout=WAIT)  # the store filters
        assert window.proxy.rowCount() == 1
        assert window.selected_id() == silent
        detail = " ".join(window.detail.toPlainText().split())
        assert "Sans nouvelle Aucune action de votre organisme depuis 10 jours ouvrés." in detail
        assert window.count_label.text() == "1 dossier"
    finally:
        window.close()

    # The counter: the badge on the orientation, and « Sans nouvelle » in the list's filters.
    main = MainWindow(store=store, service=DossierService(store, agent=AGENT),
                      settings=AppSettings(agent_name=AGENT), data_dir=data_dir,
                      flow=FakeFlow(), clock=lambda: later)
    qtbot.addWidget(main)
    try:
        with qtbot.waitSignal(main.ready, timeout=WAIT):
            main.show()
        assert main.model.rowCount() == 2
        with qtbot.waitSignal(main.model.first_page_loaded, timeout=WAIT):
            main.silent_check.click()
        assert [main.model.row_at(r).id for r in range(main.model.rowCount())] == [silent]
        assert main.select_dossier(silent)
        qtbot.waitUntil(lambda: (main.panel.record or {}).get("id") == silent, timeout=WAIT)
        assert "Sans nouvelle" in main.panel.orientations_label.text()
        main.clear_filters()
        qtbot.waitUntil(lambda: main.model.rowCount() == 2, timeout=WAIT)
        assert main.select_dossier(followed)
        qtbot.waitUntil(lambda: (main.panel.record or {}).get("id") == followed, timeout=WAIT)
        assert "Sans nouvelle" not in main.panel.orientations_label.text()
        assert "En cours" in main.panel.orientations_label.text()
    finally:
        main.close()
