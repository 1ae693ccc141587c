"""The call list (« Liste d’appels ») driven by the keyboard on real widgets: the main window
opens it (Ctrl+L), N takes the first ranked entry, J records « joint », Entrée opens the
new-dossier flow prefilled (channel téléphone) and the dossier created is linked to the entry;
R asks for a call-back time; a claim the central store refuses says who holds the entry until
when; offline, no new entry can be taken but the one held keeps working."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.call_service import CallEntryView, CallService
from app.document_service import DocumentService
from app.dossier_service import DossierService
from app.models.database import Store
from app.sync.calls import ClaimRefused
from app.sync.errors import SyncError
from app.ui import wording
from app.ui.call_list import (
    CallListPage,
    RecallDialog,
    last_attempt_text,
    next_working_hour,
    signals_text,
    state_text,
)
from app.ui.dossier_flow import DossierFlow
from app.ui.main_window import MainWindow
from app.ui.settings import AppSettings
from tests.ui.dossier_helpers import AGENT, NIR, SIRET, press

pytestmark = pytest.mark.gui

WAIT = 10_000
RECENT = (date.today() - timedelta(days=3)).isoformat()
OLDER = (date.today() - timedelta(days=20)).isoformat()
SIRET_B = "12345678200010"
SIRET_C = "23456789900013"
# Three workers: Le Goff (a procédure collective, ranked first), Kerleroux (a social debt of
# 1 234,56 €), Morvan (two payment incidents: one entry, two signals).
CSV = (
    "source;reference;type;date;siret;nir;nom;prenom;telephone;email;code_postal;commune;"
    "montant;commentaire\n"
    f"tribunal_commerce;TC-1;procedure_collective;{RECENT};{SIRET};{NIR};Le Goff;Anne-Marie;"
    "06 12 34 56 78;am.legoff@exemple.fr;35000;Rennes;;jugement d’ouverture\n"
    f"urssaf;U-1;dette;{OLDER};{SIRET_B};;Kerleroux;Yann;02 98 00 00 00;;29200;Brest;"
    "1 234,56;\n"
    f"urssaf;U-2;incident_paiement;{RECENT};{SIRET_C};;Morvan;Loïc;;;;;;\n"
    f"caf;C-9;incident_paiement;{OLDER};{SIRET_C};;Morvan;Loïc;;;;;;\n"
).encode()


def import_signals(store: Store) -> CallService:
    service = CallService(store, AGENT)
    report = service.import_file(CSV, None)
    assert (report.imported, report.entries) == (4, 3)
    return service


def wait_idle(qtbot: QtBot, page: CallListPage) -> None:
    qtbot.waitUntil(lambda: not page.busy and page.loaded_once, timeout=WAIT)


def act(qtbot: QtBot, page: CallListPage, key: Qt.Key | str) -> None:
    """Press a key of the page and wait for its step and the list read after it."""
    before = page.reads
    press(qtbot, key)
    qtbot.waitUntil(lambda: not page.busy and page.reads > before, timeout=WAIT)


@pytest.fixture
def window(qtbot: QtBot, store: Store, data_dir: Path) -> Iterator[MainWindow]:
    settings = AppSettings(agent_name=AGENT)
    service = DossierService(store, agent=AGENT)
    flow = DossierFlow(service, DocumentService(store), settings)
    win = MainWindow(store=store, service=service, settings=settings, data_dir=data_dir,
                     flow=flow)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.ready, timeout=WAIT):
        win.show()
    with qtbot.waitActive(win):
        win.activateWindow()
    yield win
    win.close()


def open_call_list(qtbot: QtBot, window: MainWindow) -> CallListPage:
    press(qtbot, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    page = window.call_page
    assert page is not None and window.stack.currentWidget() is page
    qtbot.waitUntil(lambda: page.loaded_once and page.model.rowCount() > 0, timeout=WAIT)
    qtbot.waitUntil(lambda: page.table.hasFocus(), timeout=WAIT)
    return page


# --------------------------------------------------------------------------- must show


def test_take_the_next_entry_record_joint_and_open_the_dossier_prefilled(
        qtbot: QtBot, window: MainWindow, store: Store) -> None:
    calls = import_signals(store)
    first = calls.entries()[0]
    assert first.siret == SIRET  # the procédure collective comes first

    page = open_call_list(qtbot, window)
    assert page.model.rowCount() == 3
    assert page.model.entry_at(0) is not None and page.model.entry_at(0).id == first.id
    # Ranked by urgency: the payment incidents (two signals, one entry) before the debt.
    assert [e.siret for e in page.model.entries()] == [SIRET, SIRET_C, SIRET_B]
    column = page.model.COLUMNS.index("signals")
    assert page.model.index(2, column).data() == "Dette sociale — Urssaf — 1\u00a0234,56\u00a0€"
    assert page.model.index(1, column).data() == "Incident de paiement — Caf, Urssaf"

    act(qtbot, page, "n")  # « Prendre le suivant »
    assert page.current is not None
    assert page.current is not None and page.current.id == first.id
    taken = calls.entry(first.id)
    assert taken.mine and taken.claimed_by == "BRE-02"
    assert "06 12 34 56 78" in page.current_label.text()

    act(qtbot, page, "j")  # joint
    assert page.open_button.isVisible()
    reached = calls.entry(first.id)
    assert reached.status == "joint"
    assert [a.outcome for a in reached.attempts] == ["joint"]
    assert reached.attempts[0].workstation == "BRE-02"
    assert "Entrée" in page.message()

    press(qtbot, Qt.Key.Key_Return)  # « Ouvrir le dossier »
    flow = window.flow
    assert isinstance(flow, DossierFlow)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is flow, timeout=WAIT)
    identity = flow.identity_page
    assert flow.stack.currentWidget() is identity
    assert identity.edit("nom").text() == "Le Goff"
    assert identity.edit("prenom").text() == "Anne-Marie"
    assert identity.edit("siret").text() == SIRET
    assert identity.edit("nir").text() == NIR
    assert identity.edit("telephone").text() == "06 12 34 56 78"
    assert identity.edit("code_postal").text() == "35000"
    assert identity.edit("departement").text() == "35"
    assert identity.channel() == "telephone"

    # What the signals could not tell: typed during the call, then Ctrl+Entrée creates it.
    identity.edit("date_naissance").setFocus()
    qtbot.keyClicks(identity.edit("date_naissance"), "12/03/1970")
    identity.statut_combo.setCurrentIndex(identity.statut_combo.findData("artisan"))
    identity.principale_combo.setCurrentIndex(identity.principale_combo.findData(True))
    identity.edit("nom").setFocus()
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: flow.stack.currentWidget() is flow.questionnaire_page,
                    timeout=WAIT)
    dossier_id = flow.dossier_id
    assert dossier_id
    record = DossierService(store, agent=AGENT).record(dossier_id)
    assert record["channel"] == "telephone"
    assert record["identity"]["siret"] == SIRET

    linked = calls.entry(first.id)
    assert linked.dossier_id == dossier_id
    assert calls.figures()["dossiers_opened"] == 1

    # Leaving the dossier comes back to the call list, the call over.
    before = page.reads
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is page, timeout=WAIT)
    qtbot.waitUntil(lambda: page.reads > before, timeout=WAIT)
    assert page.current is None
    assert "1 dossier ouvert" in page.figures_label.text()
    assert "1 personne jointe" in page.figures_label.text()


def test_a_worker_with_an_open_dossier_gets_it_back(qtbot: QtBot, window: MainWindow,
                                                    store: Store) -> None:
    """The signals match a dossier of this workstation (same SIRET): the list says « dossier
    ouvert », and Entrée after « joint » opens that dossier, not a new one."""
    from tests.ui.dossier_helpers import create_dossier

    existing = create_dossier(DossierService(store, agent=AGENT))
    calls = import_signals(store)
    page = open_call_list(qtbot, window)
    row = page.model.row_of(calls.entries()[0].id)
    state = page.model.index(row, page.model.COLUMNS.index("state")).data()
    assert state == "À appeler · dossier ouvert"
    assert "TI-BRE-02-" in page.detail.toPlainText()

    act(qtbot, page, "n")
    act(qtbot, page, "j")
    press(qtbot, Qt.Key.Key_Enter)  # the keypad's Entrée too
    flow = window.flow
    assert isinstance(flow, DossierFlow)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is flow, timeout=WAIT)
    assert flow.dossier_id == existing
    assert flow.stack.currentWidget() is not flow.identity_page

    press(qtbot, Qt.Key.Key_Escape)  # out of the dossier: back to the call list
    qtbot.waitUntil(lambda: window.stack.currentWidget() is page, timeout=WAIT)
    assert "Dossier ouvert pour" in page.message()
    press(qtbot, Qt.Key.Key_Escape)  # no call in progress: back to the dossier list
    assert window.stack.currentWidget() is window.list_page


def test_rappel_demande_asks_for_a_date_and_time(qtbot: QtBot, window: MainWindow,
                                                  store: Store) -> None:
    calls = import_signals(store)
    page = open_call_list(qtbot, window)
    act(qtbot, page, "n")
    assert page.current is not None
    entry_id = page.current.id if page.current else ""

    press(qtbot, "r")
    dialog = page.callback_dialog
    assert isinstance(dialog, RecallDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    qtbot.waitUntil(dialog.when_edit.hasFocus, timeout=WAIT)  # the keyboard is in the field
    proposed = dialog.when_edit.dateTime().toPython()
    expected = next_working_hour(datetime.now(UTC)).replace(tzinfo=None)
    assert proposed == expected
    # A date in the past is refused, in words.
    yesterday = datetime.now().astimezone() - timedelta(days=1)
    dialog.when_edit.setMinimumDateTime(QDateTime(QDate(2000, 1, 1), QTime(0, 0)))
    dialog.when_edit.setDateTime(QDateTime(QDate(yesterday.year, yesterday.month,
                                                 yesterday.day), QTime(10, 0)))
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible() and "futur" in dialog.error_label.text()
    # The day after tomorrow, 10 h 30, from the keyboard.
    later = (datetime.now().astimezone() + timedelta(days=2)).replace(
        hour=10, minute=30, second=0, microsecond=0)
    dialog.when_edit.setDateTime(QDateTime(QDate(later.year, later.month, later.day),
                                           QTime(10, 30)))
    before = page.reads
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    qtbot.waitUntil(lambda: page.current is None and page.reads > before, timeout=WAIT)

    entry = calls.entry(entry_id)
    assert entry.status == "rappel"
    assert entry.callback_at == later.astimezone(UTC)
    assert entry.attempts[-1].outcome == "rappel_demande"
    assert entry.attempts[-1].callback_at == later.astimezone(UTC)
    assert "rappel le" in page.message()
    row = page.model.row_of(entry_id)
    state = page.model.index(row, page.model.COLUMNS.index("state")).data()
    assert state.startswith("Rappel demandé pour le ")


def test_three_unanswered_calls_propose_the_letter(qtbot: QtBot, window: MainWindow,
                                                   store: Store) -> None:
    """I, three times (the retry delay passed each time): the entry reaches « courrier » and
    P opens the letter in the print preview."""
    calls = import_signals(store)
    first = calls.entries()[0]
    page = open_call_list(qtbot, window)
    now = datetime.now(UTC)
    shown: list[Any] = []
    page._preview_opener = lambda document, _parent: shown.append(document)  # type: ignore[assignment,return-value]
    page._letter_renderer = lambda entry: b"%PDF-1.4 letter of " + entry.id.encode()
    for day in range(3):
        page._clock = lambda day=day: now + timedelta(days=day, minutes=1)
        page.select_entry(first.id)
        act(qtbot, page, "t")  # the selected entry
        assert page.current is not None and page.current.id == first.id
        act(qtbot, page, "i")
    entry = calls.entry(first.id)
    assert entry.unanswered == 3 and entry.status == "courrier"
    assert page.letter_button.isVisible() and "courrier" in page.message()
    press(qtbot, "p")
    qtbot.waitUntil(lambda: bool(shown), timeout=WAIT)
    assert shown[0].pdf.endswith(first.id.encode())
    assert shown[0].title.startswith("Courrier")
    # The letter the window really prints (DocumentService), from the same entry.
    from app.ui.call_list import as_document, contact_letter_renderer

    document = as_document(contact_letter_renderer(store)(entry), entry)
    assert document.pdf.startswith(b"%PDF") and document.pages >= 1
    assert "LE GOFF" in document.title.upper()


# --------------------------------------------------------------------------- claims


class Claimer:
    """The central store as the service sees it: grants claims (writing them on the local
    mirror, as CallSync does), refuses them, or cannot be reached."""

    def __init__(self, store: Store, mode: str = "grant") -> None:
        self.store = store
        self.mode = mode
        self.gate: threading.Event | None = None
        self.asked: list[str] = []
        # another workstation's claim, as the store refuses it: held for 20 minutes more
        self.held_until = datetime.now(UTC).replace(second=0, microsecond=0) \
            + timedelta(minutes=20)

    def claim(self, entry_id: str, minutes: int = 20) -> dict[str, Any]:
        self.asked.append(entry_id)
        if self.gate is not None:
            assert self.gate.wait(10)
        if self.mode == "offline":
            raise SyncError("the central store cannot be reached")
        if self.mode == "refuse":
            raise ClaimRefused("taken", "BRE-01", self.held_until)
        from app.models.calls import claim_local

        with self.store.transaction() as session:
            claim_local(session, entry_id, me="BRE-02", agent=AGENT, now=datetime.now(UTC),
                        minutes=minutes)
        return {"id": entry_id}

    def release(self, entry_id: str) -> dict[str, Any]:
        if self.mode == "offline":
            raise SyncError("the central store cannot be reached")
        return {"id": entry_id}


def page_on(qtbot: QtBot, service: CallService) -> CallListPage:
    page = CallListPage(service)
    qtbot.addWidget(page)
    page.resize(1300, 700)
    with qtbot.waitExposed(page):
        page.show()
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page, timeout=WAIT)
    page.shown()
    qtbot.waitUntil(lambda: page.loaded_once, timeout=WAIT)
    return page


def test_a_refused_claim_says_who_holds_the_entry_until_when(qtbot: QtBot,
                                                             store: Store) -> None:
    import_signals(store)
    claimer = Claimer(store, "refuse")
    page = page_on(qtbot, CallService(store, AGENT, claimer=claimer))
    second = page.model.entry_at(1)
    assert second is not None
    page.select_entry(second.id)
    press(qtbot, "t")
    qtbot.waitUntil(lambda: "BRE-01" in page.message(), timeout=WAIT)
    # « jusqu’à 14 h 20 », or « jusqu’au 05/12 à 0 h 10 » when the claim ends after midnight
    assert wording.claim_label("BRE-01", claimer.held_until, datetime.now(UTC)) \
        in page.message()
    assert page.current is None
    assert claimer.asked == [second.id]
    # N: every entry refused, nobody to call (and nothing was taken).
    press(qtbot, "n")
    qtbot.waitUntil(lambda: "Personne à appeler" in page.message(), timeout=WAIT)
    assert page.current is None and not page.outcome_buttons["joint"].isEnabled()


def test_n_is_off_while_the_store_answers(qtbot: QtBot, store: Store) -> None:
    import_signals(store)
    claimer = Claimer(store)
    claimer.gate = threading.Event()
    page = page_on(qtbot, CallService(store, AGENT, claimer=claimer))
    press(qtbot, "n")
    qtbot.waitUntil(lambda: bool(claimer.asked), timeout=WAIT)
    assert page.busy and not page.take_button.isEnabled()
    press(qtbot, "n")  # pressed again while waiting: ignored
    claimer.gate.set()
    qtbot.waitUntil(lambda: page.current is not None, timeout=WAIT)
    wait_idle(qtbot, page)
    assert len(claimer.asked) == 1
    assert page.take_button.isEnabled() is False  # an entry is held: record or release first
    # Letters typed in the note are text, not outcome keys.
    page.note_edit.setFocus()
    qtbot.keyClicks(page.note_edit, "joint injoignable refus")
    assert page.note_edit.text() == "joint injoignable refus"
    assert page.current is not None and not page.busy and not page.current.attempts
    act(qtbot, page, Qt.Key.Key_Escape)  # released
    assert page.current is None and page.take_button.isEnabled()
    assert "rendu à la liste" in page.message()


def test_offline_no_new_entry_but_the_one_held_keeps_working(qtbot: QtBot,
                                                             store: Store) -> None:
    calls = import_signals(store)
    claimer = Claimer(store)
    page = page_on(qtbot, CallService(store, AGENT, claimer=claimer))
    act(qtbot, page, "n")
    assert page.current is not None
    held = page.current
    assert held is not None

    claimer.mode = "offline"  # the network goes
    page.note_edit.setFocus()
    qtbot.keyClicks(page.note_edit, "message sur le repondeur")
    qtbot.keyClick(page.note_edit, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    act(qtbot, page, "i")  # the entry held: recorded on this workstation, sent later
    assert page.current is None
    assert calls.entry(held.id).unanswered == 1
    assert calls.entry(held.id).attempts[-1].note == "message sur le repondeur"
    assert page.note_edit.text() == ""
    assert calls.entry(held.id).attempts[-1].sent is False

    press(qtbot, "n")  # a new one: the shared list needs the central store
    qtbot.waitUntil(lambda: "serveur central" in page.message(), timeout=WAIT)
    assert "aucune nouvelle entrée" in page.message()
    assert page.current is None


# --------------------------------------------------------------------------- words and hours


def view(**changes: Any) -> CallEntryView:
    base: dict[str, Any] = dict(
        id="e1", name="LE GOFF Anne", siret=SIRET, nir=None, telephone=None, email=None,
        commune=None, status="a_appeler", score=4, amount_cents=123456, oldest=date(2026, 1, 5),
        signals=(), attempts=(), dossier_id=None, dossier_number=None, dossier_open=False,
        claimed_by=None, claim_expires_at=None, mine=False, callback_at=None,
        next_attempt_at=None, unanswered=0)
    base.update(changes)
    return CallEntryView(**base)


def test_state_text_says_dossier_ouvert_and_who_holds_it(qapp: QApplication) -> None:
    now = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)
    until = now + timedelta(minutes=20)
    text = state_text(view(dossier_open=True, claimed_by="REN-02", claim_expires_at=until), now)
    assert text == ("À appeler · dossier ouvert · pris par REN-02 jusqu’à "
                    f"{wording.hour_label(until)}")
    assert "\u00a0h\u00a0" in wording.hour_label(until)
    assert state_text(view(unanswered=2), now) == "À appeler (2 appels sans réponse)"
    assert state_text(view(status="refus"), now) == "Refus"
    # A claim that ended is no claim.
    assert "pris" not in state_text(view(claimed_by="REN-02", claim_expires_at=now), now)
    assert last_attempt_text(view()) == "Aucun appel"
    assert signals_text(view()) == "1\u00a0234,56\u00a0€"


@pytest.mark.parametrize(("local", "expected"), [
    (datetime(2026, 12, 2, 10, 15), datetime(2026, 12, 2, 11, 0)),  # a Wednesday morning
    (datetime(2026, 12, 2, 7, 5), datetime(2026, 12, 2, 9, 0)),  # before opening
    (datetime(2026, 12, 4, 17, 30), datetime(2026, 12, 7, 9, 0)),  # Friday evening → Monday
    (datetime(2026, 11, 10, 18, 0), datetime(2026, 11, 12, 9, 0)),  # 11 novembre: a holiday
    (datetime(2026, 12, 24, 16, 59), datetime(2026, 12, 24, 17, 0)),
    (datetime(2026, 12, 24, 17, 0), datetime(2026, 12, 28, 9, 0)),  # Christmas, then Sat/Sun
])
def test_next_working_hour(local: datetime, expected: datetime) -> None:
    assert next_working_hour(local.astimezone()).replace(tzinfo=None) == expected
