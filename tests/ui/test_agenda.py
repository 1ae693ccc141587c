"""The « Agenda » (issue 16): the day's call-backs and appointments, day navigation by keyboard
(←/→, T), a row opening its dossier; and, against the real central store, an appointment a
partner sets reaching the counter's panel and the site's Agenda after a sync round, and the
organisme's Agenda in the partner window."""

from __future__ import annotations

import threading
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
from app.ui.actions import PartnerActionId
from app.ui.agenda import AgendaRow, AgendaView, agenda_row
from app.ui.appointment_dialog import next_working_day
from app.ui.main_window import MainWindow
from app.ui.partner import PartnerSession, PartnerWindow
from app.ui.settings import AppSettings
from app.ui.sync_controller import SyncController
from tests.server.conftest import Server
from tests.server.conftest import fast_password_hashing as fast_password_hashing  # noqa: F401
from tests.sync.conftest import BAKER, bearer, new_dossier
from tests.sync.conftest import central as central  # noqa: F401
from tests.ui.test_main_window import FakeFlow
from tests.ui.test_sync_window import factory_on
from tests.ui.test_sync_window import logged_in as logged_in  # noqa: F401

pytestmark = pytest.mark.gui

PARIS = ZoneInfo("Europe/Paris")
WAIT = 10_000
TODAY = date(2026, 12, 8)  # a Tuesday


@pytest.fixture(autouse=True)
def french_locale() -> Iterator[None]:
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    yield
    QLocale.setDefault(previous)


def item(day: date, hour: int, minute: int = 0, **fields: Any) -> dict[str, Any]:
    moment = datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARIS)
    return {"at": moment.astimezone(UTC).isoformat(), "kind": "rendez_vous",
            "organisme": "urssaf", "mode": "agence", "place": "Agence de Brest",
            "by": "M. Kerjean", "status": "fixe", "dossier_id": f"id-{day}-{hour}",
            "dossier_number": f"TI-BRE-02-2026-0000{hour:02d}", "name": "LE GOFF Anne-Marie",
            "telephone": "06 12 34 56 78", "duration": 45, **fields}


class FakeLoader:
    """The days asked for (from the worker thread), and their items."""

    def __init__(self, days: dict[date, list[dict[str, Any]]]) -> None:
        self.days = days
        self.asked: list[date] = []
        self.lock = threading.Lock()

    def __call__(self, day: date) -> list[dict[str, Any]]:
        with self.lock:
            self.asked.append(day)
        return self.days.get(day, [])


def texts(view: AgendaView) -> list[list[str]]:
    model = view.model
    return [[str(model.index(r, c).data() or "") for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def read(qtbot: QtBot, view: AgendaView, key: Qt.Key) -> None:
    with qtbot.waitSignal(view.loaded, timeout=WAIT):
        qtbot.keyClick(view.table, key)


def test_agenda_day_navigation_by_keyboard_and_opening_a_row(qtbot: QtBot) -> None:
    loader = FakeLoader({
        TODAY: [item(TODAY, 14, 30, kind="rappel", organisme=None, mode="telephone",
                     place="", by="Claire Agent", duration=15),
                item(TODAY, 9, 30)],
        TODAY + timedelta(days=1): [item(TODAY + timedelta(days=1), 11, status="annule",
                                         mode="visio", place="https://visio.exemple.fr/x")],
    })
    view = AgendaView(loader, today=lambda: TODAY)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.loaded, timeout=WAIT):
        view.show()
        view.reload()
    view.table.setFocus()
    assert view.day_label.text() == "Mardi 8 décembre 2026 (aujourd’hui)"
    # Earliest first, in Paris time whatever the machine's zone; in words.
    assert texts(view) == [
        ["09:30 – 10:15", "Rendez-vous Urssaf", "LE GOFF Anne-Marie", "06 12 34 56 78",
         "Fixé", "M. Kerjean", "En agence — Agence de Brest", "TI-BRE-02-2026-000009"],
        ["14:30 – 14:45", "Rappel du guichet", "LE GOFF Anne-Marie", "06 12 34 56 78",
         "Fixé", "Claire Agent", "Téléphone", "TI-BRE-02-2026-000014"],
    ]
    assert view.status_label.text() == "2 rappels et rendez-vous ce jour."

    read(qtbot, view, Qt.Key.Key_Right)
    assert view.day == TODAY + timedelta(days=1)
    assert view.day_label.text() == "Mercredi 9 décembre 2026"
    assert view.date_edit.date().toString("dd/MM/yyyy") == "09/12/2026"
    assert texts(view)[0][4] == "Annulé"
    assert view.model.index(0, 0).data(Qt.ItemDataRole.FontRole).strikeOut()
    assert view.status_label.text() == "1 rappel ou rendez-vous ce jour."
    read(qtbot, view, Qt.Key.Key_Left)
    read(qtbot, view, Qt.Key.Key_Left)
    assert view.day == TODAY - timedelta(days=1)
    assert texts(view) == []
    assert view.status_label.text() == "Aucun rappel ni rendez-vous ce jour."
    assert view.table.hasFocus()  # the keys keep working
    read(qtbot, view, Qt.Key.Key_T)
    assert view.day == TODAY and len(texts(view)) == 2
    assert loader.asked == [TODAY, TODAY + timedelta(days=1), TODAY,
                            TODAY - timedelta(days=1), TODAY]

    # Entrée opens the dossier of the current row; so does a double click.
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    with qtbot.waitSignal(view.dossier_requested) as opened:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert opened.args == [f"id-{TODAY}-14"]

    # The buttons do what the keys do.
    with qtbot.waitSignal(view.loaded, timeout=WAIT):
        view.next_button.click()
    assert view.day == TODAY + timedelta(days=1)
    with qtbot.waitSignal(view.loaded, timeout=WAIT):
        view.today_button.click()
    assert view.day == TODAY


def test_agenda_says_when_a_day_cannot_be_read(qtbot: QtBot) -> None:
    def failing(_day: date) -> list[Any]:
        raise OSError("le serveur central est injoignable")

    view = AgendaView(failing, today=lambda: TODAY)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.failed, timeout=WAIT) as failed:
        view.reload()
    assert failed.args == ["L’agenda n’a pas pu être lu : le serveur central est injoignable"]
    assert view.status_label.text() == failed.args[0]


def test_agenda_rows_from_service_items_and_store_objects() -> None:
    from app.dossier_service import AgendaItem

    moment = datetime(2026, 12, 8, 9, 30, tzinfo=UTC)
    service = AgendaItem(moment, "rappel", "telephone", None, "d1", "TI-BRE-02-2026-000001",
                         "LE GOFF Anne-Marie", "06", "", "Claire Agent", "fixe", "a1", 15)
    row = agenda_row(service)
    assert row == AgendaRow(moment.astimezone(PARIS), "rappel", "telephone", None, "d1",
                            "TI-BRE-02-2026-000001", "LE GOFF Anne-Marie", "06", "",
                            "Claire Agent", "fixe", 15)
    assert row.at.hour == 10  # Paris
    stored = agenda_row({"at": "2026-12-08T09:30:00+00:00", "kind": "rendez_vous",
                         "organisme": "caf", "mode": "visio", "dossier_id": "d2",
                         "number": "TI-BRE-02-2026-000002", "nom": "Kerleroux",
                         "prenom": "Yann", "status": "propose"})
    assert stored.name == "KERLEROUX Yann" and stored.dossier_number.endswith("000002")
    with pytest.raises(ValueError):
        agenda_row({"at": "demain"})


# --------------------------------------------------------------------------- against the store

SERVER = "http://testserver"


def counter_window(qtbot: QtBot, store: Store, data_dir: Path, central: Server, *,
                   clock: Any = None) -> MainWindow:
    """The counter's window on ``store``, bound to the central store app (token in the
    keyring: ``logged_in``), no round at start-up."""
    settings = AppSettings(agent_name="Claire Agent", server_url=SERVER)
    controller = SyncController(store, settings, client_factory=factory_on(store, central.client),
                                startup_delay_ms=None)
    options = {"clock": clock} if clock is not None else {}
    window = MainWindow(store=store, service=DossierService(store, agent="claire.agent"),
                        settings=settings, data_dir=data_dir, flow=FakeFlow(), sync=controller,
                        login_http_factory=lambda _server: central.client, **options)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=WAIT):
        window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    return window


def partner_window(qtbot: QtBot, central: Server) -> PartnerWindow:
    session = PartnerSession(SERVER, bearer(central, "p_urssaf"), "p_urssaf", "urssaf",
                             kept=False)
    window = PartnerWindow(session, http_factory=lambda _server: central.client, backoff=0.0)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=WAIT):
        window.show()
    return window


def go_to(qtbot: QtBot, view: AgendaView, day: date) -> None:
    """→ until ``day``, as an agent would."""
    view.table.setFocus()
    while view.day < day:
        read(qtbot, view, Qt.Key.Key_Right)
    assert view.day == day


@pytest.fixture
def opened() -> Iterator[list[Any]]:
    windows: list[Any] = []
    yield windows
    for window in reversed(windows):
        window.close()  # before the stores go


def test_an_appointment_set_by_a_partner_reaches_the_counter_and_the_agendas(
        qtbot: QtBot, store: Store, data_dir: Path, central: Server,  # noqa: F811
        logged_in: str, opened: list[Any], tmp_path: Path) -> None:
    from icalendar import Calendar

    dossier_id = new_dossier(store, answers=tuple(BAKER["answers"]),
                             consents={"urssaf": True, "caf": True})
    counter = counter_window(qtbot, store, data_dir, central)
    opened.append(counter)
    with qtbot.waitSignal(counter.sync.finished, timeout=WAIT):
        assert counter.sync.sync_now()

    # The partner sets an appointment on the next working day, through its window.
    partner = partner_window(qtbot, central)
    opened.append(partner)
    assert partner.select(dossier_id)
    assert partner.meeting_buttons[PartnerActionId.APPOINTMENT].isEnabled()
    partner.table.setFocus()
    qtbot.keyClick(partner.table, Qt.Key.Key_D,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = partner.appointment_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    day = next_working_day(datetime.now(PARIS).date())
    dialog.date_edit.setDate(QDate(day.year, day.month, day.day))
    dialog.time_edit.setTime(QTime(14, 0))
    dialog.duration_spin.setValue(45)
    dialog.mode_combo.setCurrentIndex(dialog.mode_combo.findData("agence"))
    dialog.place_edit.setText("Urssaf Bretagne, 1 rue de l’Exemple, Brest")
    dialog.bring_edit.setPlainText("Dernier avis d’échéance")
    dialog.by_edit.setText("M. Kerjean")
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData("fixe"))
    with qtbot.waitSignal(partner.dialog_request_done, timeout=WAIT):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "Rendez-vous enregistré" in partner.statusBar().currentMessage()
    shown = partner.dossier(dossier_id)
    assert shown is not None and len(shown.appointments) == 1
    assert "M. Kerjean" in partner.detail.toPlainText()

    # The organisme's Agenda shows it on that day; Entrée goes back to the dossier.
    partner.table.clearSelection()
    agenda = partner.open_agenda()
    assert agenda is not None
    qtbot.waitUntil(lambda: agenda.view.status_label.text() != "Lecture…", timeout=WAIT)
    go_to(qtbot, agenda.view, day)
    rows = texts(agenda.view)
    assert len(rows) == 1 and rows[0][:2] == ["14:00 – 14:45", "Rendez-vous Urssaf"]
    with qtbot.waitSignal(agenda.view.dossier_requested):
        qtbot.keyClick(agenda.view.table, Qt.Key.Key_Return)
    assert partner.selected_id() == dossier_id
    agenda.close()

    # Nothing at the counter before its next round; then the panel and the Agenda show it.
    assert counter.select_dossier(dossier_id)
    qtbot.waitUntil(lambda: (counter.panel.record or {}).get("id") == dossier_id, timeout=WAIT)
    assert counter.panel.meetings_list.count() == 0
    with qtbot.waitActive(counter):
        counter.activateWindow()  # back from the partner's window (offscreen: no window manager)
    with qtbot.waitSignal(counter.sync.finished, timeout=WAIT) as done:
        counter.table.setFocus()
        qtbot.keyClick(counter.table, Qt.Key.Key_F5)
    assert done.args[0].applied == 1
    counter.select_dossier(dossier_id)
    panel = counter.panel
    qtbot.waitUntil(lambda: panel.meetings_list.count() == 1, timeout=WAIT)
    line = panel.meetings_list.item(0).text()
    assert line.startswith(f"{day.strftime('%d/%m/%Y')} à 14:00 — Rendez-vous Urssaf (fixé)")
    assert "Urssaf Bretagne, 1 rue de l’Exemple, Brest — 45 min — avec M. Kerjean" in line
    assert panel.meeting_buttons["convocation"].isEnabled()
    assert not panel.meeting_buttons["done"].isEnabled()  # the partner's, not the counter's

    counter.table.setFocus()
    qtbot.keyClick(counter.table, Qt.Key.Key_A,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    site_agenda = counter.agenda_dialog
    with qtbot.waitSignal(site_agenda.view.loaded, timeout=WAIT):
        pass
    assert site_agenda.windowTitle() == "Agenda du site BRE"
    go_to(qtbot, site_agenda.view, day)
    rows = texts(site_agenda.view)
    assert len(rows) == 1
    assert rows[0] == ["14:00 – 14:45", "Rendez-vous Urssaf", "LE GOFF Yann",
                       "02 98 00 00 00", "Fixé", "M. Kerjean",
                       "En agence — Urssaf Bretagne, 1 rue de l’Exemple, Brest",
                       str(panel.record["number"])]
    site_agenda.close()

    # Its .ics, exported from the panel, opens in a calendar parser.
    target = tmp_path / "rendez-vous.ics"
    counter.ics_path_chooser = lambda _parent, suggested: (  # type: ignore[method-assign]
        str(target) if suggested.endswith(f"{day.isoformat()}.ics") else None)
    qtbot.mouseClick(panel.meeting_buttons["ics"], Qt.MouseButton.LeftButton)
    assert target.exists(), counter.statusBar().currentMessage()
    calendar = Calendar.from_ical(target.read_bytes())
    event = next(iter(calendar.walk("VEVENT")))
    assert str(event["UID"]).startswith(shown.appointments[0]["id"])
    start = event.decoded("DTSTART")
    assert start == datetime(day.year, day.month, day.day, 14, 0, tzinfo=PARIS)
    assert str(event.get("DTSTART").params.get("TZID")) == "Europe/Paris"

    # Its convocation, in the print preview; the print is in the dossier's history.
    qtbot.mouseClick(panel.meeting_buttons["convocation"], Qt.MouseButton.LeftButton)
    preview = counter.convocation_dialog
    qtbot.waitUntil(preview.isVisible, timeout=WAIT)
    assert preview.document.organisme == "urssaf"
    assert preview.document.filename.endswith(f"-convocation-{day.isoformat()}.pdf")
    with qtbot.waitSignal(preview.finished, timeout=WAIT):
        preview.reject()
    qtbot.waitUntil(lambda: "Impression : Convocation — Urssaf" in panel.history_label.text(),
                    timeout=WAIT)
    # Set on the store: the counter's history has the version it pulled.
    assert "Mise à jour reçue du serveur central" in panel.history_label.text()
