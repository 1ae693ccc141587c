"""The keyboard at the counter: a whole dossier from the list to « Tout imprimer » without the
mouse, its keys counted, and F1's help with the keyboard map of the page on screen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from app.document_service import DocumentService
from app.dossier_service import DossierService
from app.models.database import Store
from app.ui.dossier_flow import DossierFlow
from app.ui.help_dialog import PAGES, HelpDialog, page_help
from app.ui.main_window import MainWindow
from app.ui.settings import AppSettings
from tests.ui.dossier_helpers import AGENT, NIR, SIRET, focused
from tests.ui.test_print_all import CountingPrinters

pytestmark = pytest.mark.gui

WAIT = 10_000
COMMAND_KEYS_GOAL = 20


class Keyboard:
    """Presses keys on the widget that has the focus, as a keyboard would, and counts them:
    characters typed into a text field apart from the keys that command the window."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.commands: list[str] = []
        self.answers = 0
        self.typed = 0

    def type(self, text: str) -> None:
        widget = focused()
        assert isinstance(widget, QLineEdit), f"typing « {text} » into {widget!r}"
        self.qtbot.keyClicks(widget, text)
        self.typed += len(text)

    def answer(self, key: str) -> None:
        """The worker's answer (a number key of the questionnaire, « a » at consent)."""
        self.qtbot.keyClick(focused(), key)
        self.answers += 1

    def command(self, key: Qt.Key | str,
                modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        name = QKeySequence(int(modifier.value) | int(key if isinstance(key, Qt.Key) else
                                                      QKeySequence(key)[0].key())).toString()
        self.qtbot.keyClick(focused(), key, modifier)
        self.commands.append(name)

    def tab(self, times: int = 1) -> None:
        for _ in range(times):
            self.command(Qt.Key.Key_Tab)


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


def flow_of(window: MainWindow) -> DossierFlow:
    assert isinstance(window.flow, DossierFlow)
    return window.flow


def test_a_whole_counter_dossier_from_the_keyboard(qtbot: QtBot, window: MainWindow,
                                                   store: Store, tmp_path: Path) -> None:
    flow = flow_of(window)
    keys = Keyboard(qtbot)
    printers = CountingPrinters(tmp_path / "all.pdf")
    flow.documents_page.printer_factory = printers

    check_help(qtbot, window, "Liste des dossiers", "Ctrl+N")
    keys.command("n", Qt.KeyboardModifier.ControlModifier)  # Nouveau dossier
    assert flow.current_page() is flow.identity_page
    check_help(qtbot, window, "Identité de la personne", "Ctrl+Entrée", "Créer le dossier")
    assert focused() is flow.identity_page.edit("nom")
    keys.type("Le Goff")
    keys.tab()
    keys.type("Anne-Marie")
    keys.tab(2)  # past the birth name
    keys.type("12/03/1970")
    keys.tab()
    keys.type(NIR)
    keys.tab()
    keys.type(SIRET)
    keys.tab()
    assert focused() is flow.identity_page.statut_combo
    keys.command(Qt.Key.Key_Down)  # the first status of the list
    keys.tab()
    keys.type("10/01/2004")
    keys.tab(2)  # past the household size
    assert focused() is flow.identity_page.principale_combo
    keys.command(Qt.Key.Key_Down)  # « Oui »
    keys.tab()
    keys.type("06 12 34 56 78")
    keys.command(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Créer le dossier
    assert flow.current_page() is flow.questionnaire_page, flow.identity_page.status_label.text()
    ref = flow.dossier_id
    check_help(qtbot, window, "Questionnaire", "1…9", "Retour arrière", "Ctrl+T")

    for key in "331313211121":
        keys.answer(key)
    assert flow.current_page() is flow.result_page
    check_help(qtbot, window, "Aides envisageables", "Entrée", "Ctrl+P")
    keys.command(Qt.Key.Key_Return)  # to the consent
    assert flow.current_page() is flow.consent_page
    check_help(qtbot, window, "Consentement", "1…9", "Accepte pour tous")
    keys.answer("a")  # the worker accepts for every organisme read out
    keys.command(Qt.Key.Key_Return)  # record the consent
    assert flow.current_page() is flow.documents_page
    check_help(qtbot, window, "Documents", "Ctrl+Maj+I", "Tout imprimer")

    keys.command("i", Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(printers.asked) == 1  # one printer dialog for everything
    keys.commands.append("Return (printer dialog: Imprimer)")  # its default button

    record = flow_of(window)._service.record(ref)  # noqa: SLF001 - the dossier as saved
    expected = 1 + len(record["consents"]) + 1  # summary, one letter each, consent form
    assert len(record["printed"]) == expected
    assert {p["agent"] for p in record["printed"]} == {AGENT}
    assert len(PdfReader(tmp_path / "all.pdf").pages) >= expected
    assert record["identity"]["telephone"] == "06 12 34 56 78"
    assert record["profile"]["activite_principale"] is True
    assert len(record["answers"]) == 12
    print(f"keyboard-only dossier: {len(keys.commands)} command keys, {keys.answers} answer "
          f"keys, {keys.typed} characters typed: {keys.commands}")
    assert len(keys.commands) <= COMMAND_KEYS_GOAL, keys.commands
    assert keys.answers == 13


def shortcuts_of(page: QWidget) -> set[str]:
    """The portable text of each shortcut defined on ``page`` (QShortcut objects)."""
    return {s.key().toString() for s in page.findChildren(QShortcut) if not s.key().isEmpty()}


def check_help(qtbot: QtBot, window: MainWindow, title: str, *keys: str) -> None:
    """F1 (not counted: the agent needs no help for the dossier) opens the help of the page on
    screen with its keys; it closes and the focus goes back where it was."""
    before = focused()
    qtbot.keyClick(before, Qt.Key.Key_F1)
    dialog = window.help_dialog
    assert isinstance(dialog, HelpDialog)
    qtbot.waitExposed(dialog)
    text = dialog.browser.toPlainText()
    assert title in text, text
    for key in keys:
        assert key in text, f"{key} not in the help of {title}: {text}"
    assert "Nouveau dossier" in text and "F1" in text  # the window's menus follow
    dialog.close()
    with qtbot.waitActive(window):
        window.activateWindow()
    before.setFocus()


def test_every_shortcut_of_a_page_is_in_its_help(qtbot: QtBot, window: MainWindow) -> None:
    """The keyboard map cannot fall behind the code: each QShortcut a page defines is listed
    in the page's help (the keys it reads itself, digits and Backspace, are listed by hand)."""
    flow = flow_of(window)
    for page in (flow.identity_page, flow.questionnaire_page, flow.result_page,
                 flow.consent_page, flow.documents_page):
        found = page_help(page)
        assert found is not None, type(page).__name__
        listed = {QKeySequence(k).toString() for k, _ in found.keys}
        missing = shortcuts_of(page) - listed
        assert not missing, f"{type(page).__name__}: {sorted(missing)} not in its F1 help"
    escape = {s.key().toString() for s in flow.findChildren(QShortcut)
              if s.parent() is flow}
    for name in ("IdentityPage", "QuestionnairePage", "ResultPage", "ConsentPage",
                 "DocumentsPage"):
        listed = {QKeySequence(k).toString() for k, _ in PAGES[name].keys}
        assert escape <= listed, f"{name}: the flow's {escape} (quit) is not in its help"


def test_key_names_of_the_help() -> None:
    from app.ui.help_dialog import key_text, mnemonic

    assert key_text("1…9") == "1…9"
    assert key_text("Ctrl+Shift+I") == "Ctrl+Maj+I"  # as on a French keyboard
    assert key_text("Return") == "Entrée" and key_text("Escape") == "Échap"
    assert key_text("↑ ↓") == "↑ ↓"
    assert mnemonic("Tout &imprimer") == "I"
    assert mnemonic("Lui && elle") is None
