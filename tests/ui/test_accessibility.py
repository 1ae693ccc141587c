"""Every control has an accessible name and a keyboard path: each window (the main window with
each page of the dossier flow in turn, its notices, the partner window) and each dialog is shown
and its widget tree walked. Every visible control the user can focus must have the name a screen
reader announces (``QAccessible``'s Name: its accessible name, its text or its buddy label; for a
combo box, whose Name on Linux is its value, an accessible name or a buddy label), and pressing
Tab from the focused control must reach it (and never get stuck in one), unless an entry of
``NOT_IN_TAB_ORDER`` gives the reason it is reached otherwise."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.demo import DEMO_AS_OF, demo_records
from app.document_service import DocumentService
from app.dossier_service import DossierService, DuplicateCandidate
from app.forms.questionnaire import load_questionnaire
from app.models.database import Store
from app.models.repository import import_records
from app.ui.actions import ActionId
from app.ui.dossier_flow import DossierFlow
from app.ui.main_window import MainWindow
from app.ui.settings import AppSettings
from tests.server.conftest import Server, make_record
from tests.server.conftest import fast_password_hashing as fast_password_hashing  # noqa: F401
from tests.sync.conftest import bearer
from tests.sync.conftest import central as central  # noqa: F401
from tests.ui.dossier_helpers import AGENT, ANSWERS, IDENTITY_TYPED, KEYS, create_dossier, press

pytestmark = pytest.mark.gui

WAIT = 10_000
AS_OF = datetime.combine(DEMO_AS_OF, datetime.min.time(), tzinfo=UTC) + timedelta(hours=18)

# What a user can focus or operate, even when its focus policy says otherwise.
CONTROL_TYPES = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView,
                 QTextEdit, QPlainTextEdit, QAbstractSlider, QTabBar)
# Controls the user operates: Tab must reach them. A label whose text the mouse can select is
# focusable but is not one (its text is its name).
INPUT_TYPES = CONTROL_TYPES


def _toolbar_button(widget: QWidget, _reached: set[QWidget]) -> str:
    if isinstance(widget, QToolButton) and widget.defaultAction() is not None:
        action = widget.defaultAction()
        if action.shortcuts():
            return ("a toolbar button: its action has a keyboard shortcut and is in the menu "
                    "bar (Alt); Qt keeps toolbar buttons out of the Tab order")
    return ""


def _exclusive_choice(widget: QWidget, reached: set[QWidget]) -> str:
    if not isinstance(widget, QAbstractButton) or not widget.isCheckable():
        return ""
    group, parent = widget.group(), widget.parentWidget()
    if group is not None and group.exclusive():
        others = group.buttons()
    elif widget.autoExclusive() and parent is not None:
        others = [b for b in parent.findChildren(QAbstractButton)
                  if b.autoExclusive() and b.parentWidget() is parent]
    else:
        return ""
    if any(b in reached for b in others):
        return ("one of exclusive choices: Tab reaches the group (Qt keeps one button of it "
                "in the Tab order) and the arrow keys move between its buttons")
    return ""


# Exceptions to « reached with Tab », each with its reason (an empty reason: no exception).
NOT_IN_TAB_ORDER: list[Callable[[QWidget, set[QWidget]], str]] = [
    _toolbar_button, _exclusive_choice]


@dataclass
class Audit:
    title: str
    controls: list[QWidget] = field(default_factory=list)
    unnamed: list[str] = field(default_factory=list)
    not_tabbable: list[str] = field(default_factory=list)


def describe(widget: QWidget, root: QWidget) -> str:
    def one(w: QWidget) -> str:
        return w.objectName() or type(w).__name__

    chain = []
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        chain.append(one(parent))
        parent = parent.parentWidget()
    text = getattr(widget, "text", None)
    shown = f" « {text()} »" if callable(text) and isinstance(text(), str) and text() else ""
    return f"{one(widget)}{shown} ({' › '.join(chain) or type(root).__name__})"


def _owned_part(widget: QWidget, root: QWidget) -> bool:
    """A piece of another control: the line edit or popup of a combo or spin box, the viewport
    or scroll bars of a scroll area, the header of a table (whose accessible interface gives
    the column names; no table of the app sorts by its header): their owner is named."""
    if widget.objectName().startswith("qt_") or isinstance(widget, QScrollBar | QHeaderView):
        return True
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, QComboBox | QAbstractSpinBox):
            return True
        parent = parent.parentWidget()
    return False


def is_control(widget: QWidget) -> bool:
    if isinstance(widget, CONTROL_TYPES):
        return True
    return widget.focusPolicy() != Qt.FocusPolicy.NoFocus


def buddy_text(widget: QWidget) -> str:
    """The text of the label whose buddy is ``widget`` (what Qt reports as its « labelled
    by » relation), without its mnemonic ampersand."""
    window = widget.window()
    for label in window.findChildren(QLabel):
        if label.buddy() is widget and label.text().strip():
            return label.text().replace("&&", "\0").replace("&", "").replace("\0", "&").strip()
    return ""


def accessible_name(widget: QWidget) -> str:
    """The name a screen reader announces: the accessible name, else the one Qt derives (a
    button's text, a buddy label). Qt gives a combo box its current value as Name on Linux,
    and its label through a relation: a combo needs an accessible name or a buddy label."""
    if widget.accessibleName().strip():
        return widget.accessibleName().strip()
    if isinstance(widget, QComboBox):
        return buddy_text(widget)
    interface = QAccessible.queryAccessibleInterface(widget)
    derived = interface.text(QAccessible.Text.Name) if interface is not None else ""
    return derived.strip() or buddy_text(widget)


def _owner(widget: QWidget | None, controls: list[QWidget]) -> QWidget | None:
    while widget is not None and widget not in controls:
        widget = widget.parentWidget()
    return widget


TAB_KEPT = 25  # Tab presses a widget may keep (its links, say) before it counts as a trap


def tab_through(qtbot: QtBot, root: QWidget, controls: list[QWidget]) -> tuple[
        set[QWidget], list[str]]:
    """Press Tab, as a keyboard user would, from the focused control (or the first one) until
    the focus comes back: the controls reached, and where the focus got stuck."""
    window = root.window()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT)
    tabbable = [w for w in controls if w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    start = _owner(QApplication.focusWidget(), controls)
    if start is None:
        if not tabbable:
            return set(), []
        tabbable[0].setFocus(Qt.FocusReason.TabFocusReason)
        start = tabbable[0]
    reached = {start}
    stuck: list[str] = []
    visits: dict[QWidget, int] = {}
    kept = 0  # presses the focused widget kept for itself (a label moves from link to link)
    for _ in range(3 * len(controls) + 20 + TAB_KEPT):
        focused = QApplication.focusWidget()
        assert focused is not None, "Tab took the focus out of the window"
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        if now is focused:
            kept += 1
            if len(tabbable) <= 1:  # alone in the Tab order: nowhere else to go
                break
            if kept >= TAB_KEPT:
                stuck.append(describe(focused, root))
                break
            continue
        kept = 0
        owner = _owner(now, controls)
        if owner is None:
            continue
        reached.add(owner)
        visits[owner] = visits.get(owner, 0) + 1
        if owner is start or visits[owner] > 2:
            break
    return reached, stuck


def audit(qtbot: QtBot, root: QWidget, title: str) -> Audit:
    result = Audit(title)
    for widget in root.findChildren(QWidget):
        if widget.isVisible() and not _owned_part(widget, root) and is_control(widget):
            result.controls.append(widget)
    for widget in result.controls:
        if not accessible_name(widget):
            result.unnamed.append(f"{title} › {describe(widget, root)}")
    reached, stuck = tab_through(qtbot, root, result.controls)
    result.not_tabbable += [f"{title} › Tab stays in {where}" for where in stuck]
    for widget in result.controls:
        if (widget.isEnabled() and isinstance(widget, INPUT_TYPES) and widget not in reached
                and not any(reason(widget, reached) for reason in NOT_IN_TAB_ORDER)):
            result.not_tabbable.append(f"{title} › {describe(widget, root)}")
    return result


class Walk:
    """The walks of one test; ``done()`` fails listing every problem of all of them."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.problems: list[str] = []

    def check(self, root: QWidget, title: str, at_least: int) -> Audit:
        self.qtbot.waitUntil(root.isVisible, timeout=WAIT)
        result = audit(self.qtbot, root, title)
        if len(result.controls) < at_least:
            self.problems.append(
                f"{title}: only {len(result.controls)} controls found (at least {at_least} "
                f"expected): " + ", ".join(describe(w, root) for w in result.controls))
        self.problems += [f"no accessible name: {u}" for u in result.unnamed]
        self.problems += [f"not reachable with Tab: {u}" for u in result.not_tabbable]
        return result

    def done(self) -> None:
        assert not self.problems, "\n".join(self.problems)


@pytest.fixture
def walk(qtbot: QtBot) -> Walk:
    return Walk(qtbot)


def show_dialog(qtbot: QtBot, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    return dialog


# --------------------------------------------------------------------------- the walk itself


def test_the_walk_finds_an_unnamed_control_and_one_out_of_the_tab_order(qtbot: QtBot) -> None:
    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    nameless = QLineEdit(root)
    nameless.setObjectName("nameless")
    named = QLineEdit(root)
    named.setAccessibleName("Nom")
    named.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
    button = QPushButton("&Valider", root)
    for widget in (nameless, named, button):
        layout.addWidget(widget)
    with qtbot.waitExposed(root):
        root.show()
    result = audit(qtbot, root, "Essai")
    assert result.controls == [nameless, named, button]
    assert result.unnamed == ["Essai › nameless (QWidget)"]
    assert result.not_tabbable == ["Essai › QLineEdit (QWidget)"]


def test_the_walk_finds_where_tab_is_trapped(qtbot: QtBot) -> None:
    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    note = QPlainTextEdit(root)  # Tab types a tab character: the focus never leaves
    note.setAccessibleName("Note")
    button = QPushButton("&Envoyer", root)
    layout.addWidget(note)
    layout.addWidget(button)
    with qtbot.waitExposed(root):
        root.show()
    note.setFocus()
    result = audit(qtbot, root, "Essai")
    assert result.unnamed == []
    assert result.not_tabbable == ["Essai › Tab stays in QPlainTextEdit (QWidget)",
                                   "Essai › QPushButton « &Envoyer » (QWidget)"]


# --------------------------------------------------------------------------- the main window



@pytest.fixture
def main_window(qtbot: QtBot, store: Store, data_dir: Path,
                request: pytest.FixtureRequest) -> Iterator[MainWindow]:
    with store.transaction() as s:
        import_records(s, demo_records(60, load_questionnaire(), seed=1), write_outbox=False)
    phone = getattr(request, "param", False)
    settings = AppSettings(agent_name=AGENT, phone_mode=phone)
    service = DossierService(store, agent=AGENT)
    flow = DossierFlow(service, DocumentService(store), settings)
    window = MainWindow(store=store, service=service, settings=settings, data_dir=data_dir,
                        flow=flow, clock=lambda: AS_OF)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=WAIT):
        window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    yield window
    window.close()  # stops the list's worker before the store closes


def flow_of(window: MainWindow) -> DossierFlow:
    assert isinstance(window.flow, DossierFlow)
    return window.flow


def fill_identity(qtbot: QtBot, flow: DossierFlow) -> None:
    page = flow.identity_page
    for name, value in IDENTITY_TYPED.items():
        page.edit(name).setText(value)
    page.statut_combo.setCurrentIndex(page.statut_combo.findData("artisan"))
    page.principale_combo.setCurrentIndex(page.principale_combo.findData(True))
    page.edit("nom").setFocus()
    qtbot.waitUntil(lambda: page.edit("nom").hasFocus(), timeout=WAIT)


@pytest.mark.parametrize("main_window", [False, True], ids=["counter", "phone"],
                         indirect=True)
def test_main_window_and_each_page_of_the_dossier(qtbot: QtBot, walk: Walk,
                                                  main_window: MainWindow) -> None:
    window = main_window
    phone = window.settings.phone_mode
    mode = "téléphone" if phone else "accueil"
    flow = flow_of(window)
    # The list, with a dossier in the side panel.
    qtbot.waitUntil(lambda: window.model.rowCount() > 0, timeout=WAIT)
    rows = [window.model.row_at(i) for i in range(window.model.rowCount())]
    target = next(r for r in rows if r is not None and r.organismes)
    window.select_dossier(target.id)
    qtbot.waitUntil(lambda: window.panel.record is not None, timeout=WAIT)
    walk.check(window, "Fenêtre principale › liste", at_least=10)

    action = ActionId.NEW_PHONE_DOSSIER if phone else ActionId.NEW_DOSSIER
    window.actions_by_id[action].trigger()
    assert flow.stack.currentWidget() is flow.identity_page
    walk.check(window, f"Fenêtre principale › identité ({mode})", at_least=15)

    fill_identity(qtbot, flow)
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert flow.stack.currentWidget() is flow.questionnaire_page
    assert flow.questionnaire_page.phone_mode() == phone
    for key in KEYS[:5]:
        press(qtbot, key)
    walk.check(window, f"Fenêtre principale › questionnaire ({mode})", at_least=3)

    for key in KEYS[5:]:
        press(qtbot, key)
    assert flow.stack.currentWidget() is flow.result_page
    walk.check(window, f"Fenêtre principale › résultat ({mode})", at_least=3)

    press(qtbot, Qt.Key.Key_Return)
    assert flow.stack.currentWidget() is flow.consent_page
    walk.check(window, f"Fenêtre principale › consentement ({mode})", at_least=5)
    press(qtbot, "a")  # yes for every organisme
    if flow.consent_page.attest_check.isVisible():
        flow.consent_page.attest_check.setChecked(True)
    walk.check(window, f"Fenêtre principale › consentement choisi ({mode})", at_least=5)
    flow.consent_page.validate_button.click()
    assert flow.stack.currentWidget() is flow.documents_page
    walk.check(window, f"Fenêtre principale › documents ({mode})", at_least=3)
    flow.open_consents(flow.dossier_id)  # the recorded consents, each one revocable
    walk.check(window, f"Fenêtre principale › consentements enregistrés ({mode})", at_least=5)


def quarantine_one(store: Store) -> str:
    """A refusal of the store on the newest dossier, as a sync round records it."""
    from sqlalchemy import select, update

    from app.models.entities import Dossier, SyncQuarantine

    with store.transaction() as s:
        dossier_id = s.execute(select(Dossier.id).order_by(Dossier.pk.desc())).scalars().first()
        assert dossier_id is not None
        s.add(SyncQuarantine(dossier_id=dossier_id, revision=1, at=AS_OF,
                             reason="answers.Q01: 'inconnu' is not an answer"))
        s.execute(update(Dossier).where(Dossier.id == dossier_id)
                  .values(sync_state="quarantined"))
    return str(dossier_id)


def test_main_window_with_its_notices_and_their_dialogs(qtbot: QtBot, walk: Walk,
                                                        main_window: MainWindow) -> None:
    from app.sync.ledger import partner_follow_ups

    window = main_window
    quarantined = quarantine_one(window.store)
    assert window.refresh_quarantine() == 1
    updates = partner_follow_ups(window.store)[:3]
    assert updates
    window._announce_partner_updates(updates)
    qtbot.waitUntil(window.partner_notice.isVisible, timeout=WAIT)
    assert window.quarantine_button.isVisible() and window.partner_button.isVisible()
    window.actions_by_id[ActionId.REFRESH].trigger()
    qtbot.waitUntil(lambda: window.model.sync_state(quarantined) == "quarantined", timeout=WAIT)
    window.select_dossier(quarantined)  # its panel leads to the refusal
    qtbot.waitUntil(window.panel.buttons["quarantine"].isVisible, timeout=WAIT)
    walk.check(window, "Fenêtre principale › avis des partenaires et quarantaine", at_least=14)

    window.actions_by_id[ActionId.QUARANTINE].trigger()
    dialog = window.quarantine_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    assert dialog.table.isVisible()
    walk.check(dialog, "Quarantaine (un dossier refusé)", at_least=3)
    dialog.reject()
    window.actions_by_id[ActionId.PARTNER_UPDATES].trigger()
    updates_dialog = window.partner_updates_dialog
    qtbot.waitUntil(updates_dialog.isVisible, timeout=WAIT)
    assert updates_dialog.table.isVisible()
    walk.check(updates_dialog, "Suivis des partenaires (reçus)", at_least=3)
    updates_dialog.reject()
    walk.done()


# --------------------------------------------------------------------------- the partner window
    walk.done()


def test_partner_window(qtbot: QtBot, walk: Walk, central: Server) -> None:  # noqa: F811
    from app.ui.partner import PartnerSession, PartnerWindow

    results = central.push(central.login("bre"), make_record(1, oriented=("urssaf",)),
                           make_record(2, oriented=("urssaf", "caf"), urgent=True))
    assert [r["status"] for r in results] == ["accepted"] * 2, results
    session = PartnerSession("http://testserver", bearer(central, "p_urssaf"), "p_urssaf",
                             "urssaf", kept=False)
    window = PartnerWindow(session, http_factory=lambda _server: central.client, backoff=0.0)
    qtbot.addWidget(window)
    try:
        with qtbot.waitSignal(window.ready, timeout=WAIT):
            window.show()
        walk.check(window, "Espace partenaire › liste", at_least=5)
        qtbot.keyClick(window.table, Qt.Key.Key_Down)
        qtbot.waitUntil(lambda: window.selected_id() != "", timeout=WAIT)
        window.status_combo.setCurrentIndex(window.status_combo.count() - 1)
        walk.check(window, "Espace partenaire › dossier", at_least=7)
        window._show_banner("Le serveur central ne répond pas.", "&Réessayer", lambda: None)
        walk.check(window, "Espace partenaire › message d’erreur", at_least=8)
    finally:
        window.close()


# --------------------------------------------------------------------------- the dialogs
    walk.done()


def test_about_dialog(qtbot: QtBot, walk: Walk, data_dir: Path) -> None:
    from app.ui.about_dialog import AboutDialog

    walk.check(show_dialog(qtbot, AboutDialog(data_dir, workstation=("REN", "01"))),
          "À propos", at_least=1)
    walk.done()


def test_settings_dialog(qtbot: QtBot, walk: Walk, data_dir: Path) -> None:
    from app.ui.settings_dialog import SettingsDialog

    walk.check(show_dialog(qtbot, SettingsDialog(AppSettings(agent_name=AGENT), data_dir)),
          "Paramètres", at_least=6)
    walk.done()


def test_first_start_dialog(qtbot: QtBot, walk: Walk, keyring_backend: KeyringBackend,
                            data_dir: Path) -> None:
    from app.ui.first_start_dialog import FirstStartDialog

    walk.check(show_dialog(qtbot, FirstStartDialog(AppSettings.load(data_dir), data_dir)),
          "Premier démarrage", at_least=4)
    walk.done()


def test_login_dialog(qtbot: QtBot, walk: Walk, keyring_backend: KeyringBackend) -> None:
    from app.ui.login_dialog import LoginDialog

    walk.check(show_dialog(qtbot, LoginDialog("http://127.0.0.1:9", settings=AppSettings())),
          "Connexion", at_least=4)
    walk.done()


def test_duplicate_dialog(qtbot: QtBot, walk: Walk) -> None:
    from app.ui.identity_page import DuplicateDialog

    candidates = [DuplicateCandidate(id=f"id-{i}", number=f"TI-REN-01-2026-00000{i}",
                                     nom="Le Goff", prenom="Anne-Marie",
                                     date_naissance=date(1970, 3, 12), status="oriente",
                                     reason="nir") for i in range(1, 4)]
    walk.check(show_dialog(qtbot, DuplicateDialog(candidates)), "Doublons", at_least=2)
    walk.done()


def test_quarantine_and_partner_updates_dialogs(qtbot: QtBot, walk: Walk, store: Store) -> None:
    from app.ui.partner_updates import PartnerUpdatesDialog
    from app.ui.quarantine_dialog import QuarantineDialog

    walk.check(show_dialog(qtbot, QuarantineDialog(store)), "Quarantaine", at_least=1)
    walk.check(show_dialog(qtbot, PartnerUpdatesDialog(store)), "Suivis des partenaires",
          at_least=1)
    walk.done()


def test_conflict_dialog(qtbot: QtBot, walk: Walk, store: Store) -> None:
    from app.ui.conflict_dialog import ConflictDialog
    from app.ui.sync_controller import SyncController
    from tests.ui.test_conflict_dialog import make_conflict

    dossier_id = make_conflict(store, with_base=True)
    controller = SyncController(store, AppSettings())
    dialog = ConflictDialog(controller.local_client(), dossier_id, agent="A")
    walk.check(show_dialog(qtbot, dialog), "Conflit", at_least=3)
    walk.done()


def test_correction_dialogs(qtbot: QtBot, walk: Walk, store: Store) -> None:
    from app.ui.correction_dialog import AnswerDialog, CorrectionDialog

    service = DossierService(store, agent=AGENT)
    ref = create_dossier(service, ANSWERS)
    walk.check(show_dialog(qtbot, CorrectionDialog(service, ref)), "Correction de l’identité",
          at_least=5)
    walk.check(show_dialog(qtbot, AnswerDialog(service, ref)), "Révision d’une réponse",
          at_least=3)
    walk.done()


def test_erase_dialog(qtbot: QtBot, walk: Walk, store: Store) -> None:
    from app.ui.erase_dialog import EraseDialog

    service = DossierService(store, agent=AGENT)
    record = service.record(create_dossier(service, ANSWERS))
    walk.check(show_dialog(qtbot, EraseDialog(store, record, AGENT)),
               "Effacer les données de la personne", at_least=3)
    walk.done()


def test_logout_dialog(qtbot: QtBot, walk: Walk) -> None:
    from app.ui.logout_dialog import LogoutDialog

    walk.check(show_dialog(qtbot, LogoutDialog(0)), "Se déconnecter du serveur central",
               at_least=3)
    walk.check(show_dialog(qtbot, LogoutDialog(2)), "Se déconnecter du serveur central",
               at_least=2)
    walk.done()


def test_print_preview_dialog(qtbot: QtBot, walk: Walk, store: Store) -> None:
    from app.ui.print_preview import PrintPreviewDialog

    ref = create_dossier(DossierService(store, agent=AGENT), ANSWERS)
    dialog: Any = show_dialog(qtbot, PrintPreviewDialog(DocumentService(store).render(
        ref, "summary")))
    qtbot.waitUntil(lambda: dialog.pdf.status() == QPdfDocument.Status.Ready, timeout=WAIT)
    walk.check(dialog, "Aperçu avant impression", at_least=3)
    walk.done()


def test_help_dialog(qtbot: QtBot, walk: Walk, main_window: MainWindow) -> None:
    from app.ui.help_dialog import HelpDialog

    dialog = HelpDialog(main_window, main_window.stack.currentWidget())
    with qtbot.waitExposed(dialog):
        dialog.show()
    walk.check(dialog, "Aide — clavier", at_least=2)
    dialog.close()
    walk.done()


def test_audit_dialog(qtbot: QtBot, walk: Walk) -> None:
    from app.ui.audit_dialog import AuditDialog

    rows = [{"id": n, "seq": n, "at": f"2026-12-0{n}T09:00:00+00:00", "agent": "bre",
             "action": "partner_read", "dossier_id": None, "detail": "", "row_hash": "0" * 64}
            for n in (3, 2, 1)]
    dialog = show_dialog(qtbot, AuditDialog(lambda _params: rows))
    walk.check(dialog, "Journal d’audit du serveur central", at_least=6)
    walk.done()


def test_site_settings_dialog(qtbot: QtBot, walk: Walk) -> None:
    from app.ui.site_settings_dialog import SiteSettingsDialog

    sites = [{"code": "REN", "name": "Rennes", "kind": "accueil", "version": 0,
              "confirmed": False, "address": [], "postal_code": "35000", "commune": "Rennes",
              "phone": "", "email": "", "hours": "", "updated_at": None}]
    dialog: Any = show_dialog(qtbot, SiteSettingsDialog(lambda: sites, lambda _c, _s: {}))
    dialog.reload()
    walk.check(dialog, "Paramètres des sites", at_least=9)
    walk.done()


def test_agenda_and_appointment_dialogs(qtbot: QtBot, walk: Walk) -> None:
    """Agenda et rendez-vous: the Agenda, the call-back, the appointment, the re-orientation
    and the counter's note."""
    from app.ui.agenda import AgendaDialog
    from app.ui.appointment_dialog import AppointmentDialog, CallbackDialog
    from app.ui.reorient_dialog import CounterNoteDialog, ReorientDialog

    day = AS_OF.date()
    rows = [{"at": f"{day.isoformat()}T09:30:00+00:00", "kind": "rendez_vous",
             "organisme": "urssaf", "mode": "agence", "place": "Agence", "by": "M. K",
             "status": "fixe", "dossier_id": "d1", "dossier_number": "TI-BRE-02-2026-000001",
             "name": "LE GOFF Anne-Marie", "telephone": "06 12 34 56 78", "duration": 30}]
    agenda: Any = AgendaDialog(lambda _day: rows, title="Agenda du site BRE",
                               today=lambda: day)
    with qtbot.waitSignal(agenda.view.loaded, timeout=WAIT):
        show_dialog(qtbot, agenda)
    walk.check(agenda, "Agenda", at_least=6)
    agenda.close()
    walk.check(show_dialog(qtbot, CallbackDialog(person="LE GOFF Anne-Marie", by=AGENT)),
               "Programmer un rappel", at_least=5)
    existing = [{"id": "a1", "kind": "rendez_vous", "at": "2026-12-08T09:30:00+00:00",
                 "status": "fixe", "mode": "agence"}]
    walk.check(show_dialog(qtbot, AppointmentDialog(organisme="urssaf", existing=existing)),
               "Rendez-vous", at_least=10)
    walk.check(show_dialog(qtbot, ReorientDialog(organisme="urssaf")), "Réorienter",
               at_least=4)
    walk.check(show_dialog(qtbot, CounterNoteDialog([{"organisme": "caf"}])),
               "Note pour l’organisme", at_least=4)
    walk.done()


def test_call_list_page_and_its_dialogs(qtbot: QtBot, walk: Walk,
                                        main_window: MainWindow) -> None:
    """Liste d'appels: the page (nothing held, then a call in progress), the call-back time
    and the signals import (with its bad lines)."""
    from app.call_service import CallService
    from app.ui.call_list import RecallDialog
    from app.ui.signals_dialog import SignalsDialog
    from tests.ui.test_call_list import CSV

    window = main_window
    calls = CallService(window.store, AGENT)
    calls.import_file(CSV, None)
    window.actions_by_id[ActionId.CALL_LIST].trigger()
    page: Any = window.call_page
    qtbot.waitUntil(lambda: page.loaded_once and page.model.rowCount() > 0, timeout=WAIT)
    walk.check(window, "Fenêtre principale › liste d’appels", at_least=10)
    page.take_next()
    qtbot.waitUntil(lambda: page.current is not None and not page.busy, timeout=WAIT)
    walk.check(window, "Fenêtre principale › liste d’appels, appel en cours", at_least=12)
    walk.check(show_dialog(qtbot, RecallDialog()), "Rappel demandé", at_least=3)
    dialog: Any = show_dialog(qtbot, SignalsDialog(calls))
    walk.check(dialog, "Importer des signalements", at_least=5)
    dialog._show_problems([type("P", (), {"line": 3, "field": "type", "reason": "x"})()])
    walk.check(dialog, "Importer des signalements › lignes à corriger", at_least=6)
    walk.done()


def test_dashboard_window(qtbot: QtBot, walk: Walk) -> None:
    """Tableau de bord: filters, figures, charts' tabs, the table and the exports, with « < 5 »
    cells and their legend; an admin's window has the exact-counts box too."""
    from app.ui.dashboard import DashboardWindow
    from tests.ui.test_dashboard import Fake

    for admin in (False, True):
        window = DashboardWindow(lambda: Fake(secret=True), exact_allowed=admin)
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.dashboard.loaded, timeout=WAIT):
            window.show()
        walk.check(window, f"Tableau de bord{' (admin)' if admin else ''}",
                   at_least=14 if admin else 13)
        window.close()
    walk.done()


def test_every_dialog_class_is_walked() -> None:
    """A new dialog class must get its test above."""
    import importlib
    import inspect
    import pkgutil

    import app.ui

    walked = {"AboutDialog", "SettingsDialog", "FirstStartDialog", "LoginDialog",
              "DuplicateDialog", "QuarantineDialog", "PartnerUpdatesDialog", "ConflictDialog",
              "_CorrectionDialog", "CorrectionDialog", "AnswerDialog", "PrintPreviewDialog",
              "HelpDialog", "EraseDialog", "LogoutDialog", "AuditDialog",
              "SiteSettingsDialog"}
    walked |= {"AgendaDialog", "_WhenDialog", "CallbackDialog", "AppointmentDialog",
               "_NoteDialog", "ReorientDialog", "CounterNoteDialog"}  # Agenda et rendez-vous
    walked |= {"RecallDialog", "SignalsDialog"}  # Liste d'appels
    found = set()
    for module_info in pkgutil.iter_modules(app.ui.__path__, "app.ui."):
        module = importlib.import_module(module_info.name)
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, QDialog) and cls.__module__ == module.__name__:
                found.add(name)
    assert found <= walked, f"dialogs without an accessibility test: {sorted(found - walked)}"
