"""Every dialog of the window on a 1366×768 screen: run by tests/ui/test_small_screen.py in a
child pytest whose offscreen platform has that one screen (``QT_QPA_PLATFORM=offscreen:
configfile=…``): the session's QApplication cannot change screens once started.

Each dialog is opened as the window opens it, then its frame must lie on the screen with room
left for a window manager's title bar, and each of its visible buttons must be on the screen.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date

import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog
from pytestqt.qtbot import QtBot

from app.document_service import DocumentService
from app.dossier_service import DossierService, DuplicateCandidate
from app.models.database import Store
from app.ui.about_dialog import AboutDialog
from app.ui.conflict_dialog import ConflictDialog
from app.ui.display import apply_display
from app.ui.identity_page import DuplicateDialog
from app.ui.login_dialog import LoginDialog
from app.ui.partner_updates import PartnerUpdatesDialog
from app.ui.print_preview import PrintPreviewDialog
from app.ui.quarantine_dialog import QuarantineDialog
from app.ui.screen_fit import FRAME_ALLOWANCE
from app.ui.settings import AppSettings
from app.ui.settings_dialog import SettingsDialog
from app.ui.sync_controller import SyncController
from tests.ui.dossier_helpers import AGENT, ANSWERS, create_dossier

pytestmark = pytest.mark.gui

SCREEN = QRect(0, 0, 1366, 768)
# « Taille du texte » (percent) the dialogs are built with: test_small_screen.py also runs this
# file at 150 %.
FONT_SCALE = int(os.environ.get("ACCUEIL_TI_FONT_SCALE", "100"))


@pytest.fixture(autouse=True)
def small_screen(qapp: QApplication) -> Iterator[QRect]:
    screen = QGuiApplication.primaryScreen()
    assert screen is not None and screen.availableGeometry() == SCREEN, (
        "run through tests/ui/test_small_screen.py, which gives Qt a 1366×768 screen")
    apply_display(qapp, font_scale=FONT_SCALE, high_contrast=False)
    yield screen.availableGeometry()


def check_fits(qtbot: QtBot, dialog: QDialog) -> None:
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    frame = dialog.frameGeometry()
    name = type(dialog).__name__
    assert SCREEN.contains(frame), f"{name}: {frame} is not inside the screen {SCREEN}"
    inner = dialog.geometry()  # without the frame, which a real window manager makes larger
    assert inner.height() + FRAME_ALLOWANCE.height() <= SCREEN.height(), (
        f"{name}: {inner.height()} px high leaves no room for a title bar")
    assert inner.width() + FRAME_ALLOWANCE.width() <= SCREEN.width(), name
    buttons = [b for b in dialog.findChildren(QAbstractButton) if b.isVisible()]
    assert buttons, name
    for button in buttons:
        rect = QRect(button.mapToGlobal(button.rect().topLeft()), button.size())
        assert SCREEN.contains(rect), f"{name}: « {button.text()} » at {rect} is off the screen"
        assert frame.contains(rect), f"{name}: « {button.text()} » is outside its dialog"


def test_print_preview_of_a_summary(qtbot: QtBot, store: Store) -> None:
    ref = create_dossier(DossierService(store, agent=AGENT), ANSWERS)
    document = DocumentService(store).render(ref, "summary")
    dialog = PrintPreviewDialog(document)
    check_fits(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.pdf.status() == QPdfDocument.Status.Ready)
    for button in (dialog.print_button, dialog.save_button, dialog.close_button):
        assert button.isVisible()


def test_settings(qtbot: QtBot, tmp_path: object, data_dir: object) -> None:
    check_fits(qtbot, SettingsDialog(AppSettings(agent_name=AGENT), data_dir))  # type: ignore[arg-type]


def test_about(qtbot: QtBot, data_dir: object) -> None:
    check_fits(qtbot, AboutDialog(data_dir, workstation=("REN", "01")))  # type: ignore[arg-type]


def test_login(qtbot: QtBot, keyring_backend: KeyringBackend) -> None:
    dialog = LoginDialog("http://127.0.0.1:9", settings=AppSettings())
    check_fits(qtbot, dialog)


def test_duplicate(qtbot: QtBot) -> None:
    candidates = [DuplicateCandidate(id=f"id-{i}", number=f"TI-REN-01-2026-00000{i}",
                                     nom="Le Goff", prenom="Anne-Marie",
                                     date_naissance=date(1970, 3, 12), status="oriente",
                                     reason="nir") for i in range(1, 9)]
    check_fits(qtbot, DuplicateDialog(candidates))


def test_quarantine_and_partner_updates(qtbot: QtBot, store: Store) -> None:
    check_fits(qtbot, QuarantineDialog(store))
    check_fits(qtbot, PartnerUpdatesDialog(store))


def test_conflict(qtbot: QtBot, store: Store) -> None:
    from tests.ui.test_conflict_dialog import make_conflict

    dossier_id = make_conflict(store, with_base=True)
    controller = SyncController(store, AppSettings())
    check_fits(qtbot, ConflictDialog(controller.local_client(), dossier_id, agent="A"))


def test_corrections(qtbot: QtBot, store: Store) -> None:
    from app.ui.correction_dialog import AnswerDialog, CorrectionDialog

    service = DossierService(store, agent=AGENT)
    ref = create_dossier(service, ANSWERS)
    check_fits(qtbot, CorrectionDialog(service, ref))
    check_fits(qtbot, AnswerDialog(service, ref))
