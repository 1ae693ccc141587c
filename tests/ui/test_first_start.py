"""Who works here: a fresh workstation prints no operating-system account name (no agent line
until one is set); the first-start dialog is keyboard-usable and its values reach the settings
and the next document; the central store's login names the agent when no name was given."""

from __future__ import annotations

import getpass
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.document_service import DocumentService
from app.models.database import open_store
from app.ui.app import workstation_service
from app.ui.first_start_dialog import FirstStartDialog, ask_who_is_working
from app.ui.settings import AppSettings
from tests.ui.dossier_helpers import ANSWERS, create_dossier

pytestmark = pytest.mark.gui

OS_ACCOUNT = "compte-du-poste"
AGENT_LINE = re.compile(r"Agent\s*:\s*(\S.*)")


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed (poppler-utils, in scripts/debian-packages.txt)")
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def every_document(data_dir: Path, settings: AppSettings, tmp_path: Path) -> str:
    """The summary, the letters and the consent form of a new dossier made through the window's
    service on ``data_dir``, as text."""
    with open_store(data_dir, site_code=settings.site_code,
                    workstation_code=settings.workstation_code) as store:
        service = workstation_service(store, settings)
        ref = create_dossier(service, ANSWERS)
        service.record_consents(ref, {"urssaf": True, "caf": True}, mode="signe_accueil")
        documents = DocumentService(store)
        return "\n".join(
            pdf_text(documents.render(ref, choice.kind, choice.organisme).pdf, tmp_path)
            for choice in documents.choices(ref))


@pytest.fixture
def os_account(monkeypatch: pytest.MonkeyPatch) -> str:
    """The session's account name, as getpass sees it."""
    for name in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        monkeypatch.setenv(name, OS_ACCOUNT)
    assert getpass.getuser() == OS_ACCOUNT
    return OS_ACCOUNT


def test_a_fresh_workstation_prints_no_os_account_name(
        keyring_backend: KeyringBackend, data_dir: Path, tmp_path: Path, os_account: str) -> None:
    text = every_document(data_dir, AppSettings.load(data_dir), tmp_path)
    assert "Vos aides" in text  # the summary is there
    assert os_account not in text
    assert AGENT_LINE.search(text) is None, "an agent line without any agent set"
    assert "suivi par" not in text


def test_the_login_names_the_agent_when_no_name_was_given(
        keyring_backend: KeyringBackend, data_dir: Path, tmp_path: Path, os_account: str) -> None:
    settings = AppSettings(agent_login="a.legall")
    text = every_document(data_dir, settings, tmp_path)
    assert os_account not in text
    assert AGENT_LINE.search(text) is not None
    assert {m.group(1).strip() for m in AGENT_LINE.finditer(text)} == {"a.legall"}


def test_first_start_dialog_by_keyboard_reaches_settings_and_documents(
        qtbot: QtBot, keyring_backend: KeyringBackend, data_dir: Path, tmp_path: Path,
        os_account: str) -> None:
    dialog = FirstStartDialog(AppSettings.load(data_dir), data_dir)
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.agent_edit)
    assert not dialog.start_button.isEnabled()  # a name is required to start

    qtbot.keyClicks(dialog.agent_edit, "Marie Kervella")
    assert dialog.start_button.isEnabled()
    qtbot.keyClick(dialog.agent_edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.site_combo
    qtbot.keyClicks(dialog.site_combo, "BRE")  # a combo box selects by typing
    assert dialog.site_combo.currentData() == "BRE"
    qtbot.keyClick(dialog.site_combo, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.workstation_edit
    dialog.workstation_edit.selectAll()
    qtbot.keyClicks(dialog.workstation_edit, "03")
    with qtbot.waitSignal(dialog.settings_saved):
        qtbot.keyClick(dialog.workstation_edit, Qt.Key.Key_Return)
    assert dialog.result() == FirstStartDialog.DialogCode.Accepted

    saved = AppSettings.load(data_dir)
    assert (saved.agent_name, saved.site_code, saved.workstation_code) == (
        "Marie Kervella", "BRE", "03")
    text = every_document(data_dir, saved, tmp_path)
    assert "Marie Kervella" in text and os_account not in text
    assert {m.group(1).strip() for m in AGENT_LINE.finditer(text)} == {"Marie Kervella"}
    assert "TI-BRE-03-" in text


def test_later_keeps_the_settings_and_asks_again(qtbot: QtBot, data_dir: Path) -> None:
    settings = AppSettings.load(data_dir)

    def press_escape() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, FirstStartDialog)
        assert not dialog.site_combo.isEnabled()  # the local store already has its site
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    QTimer.singleShot(0, press_escape)
    assert ask_who_is_working(settings, data_dir, workstation_editable=False) is settings
    assert not (data_dir / "settings.ini").exists()
    assert settings.agent_identity() == ""
