"""A workstation killed in the middle of a questionnaire loses nothing that was answered: a child
process answers 7 questions through the real widgets and is killed (SIGKILL) right after the 7th
key press; the dossier then reopens at question 8."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.document_service import DocumentService
from app.dossier_service import DossierService
from app.models.database import open_store
from app.ui.dossier_flow import DossierFlow
from app.ui.settings import AppSettings

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]


def test_answers_survive_a_kill_and_the_dossier_resumes(
        qtbot: QtBot, keyring_backend: KeyringBackend, data_dir: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
           "XDG_DATA_HOME": os.environ["XDG_DATA_HOME"], "PYTHONPATH": str(ROOT)}
    child = subprocess.run([sys.executable, "-m", "tests.ui.kill_after_answers", str(data_dir)],
                           cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert child.returncode == -signal.SIGKILL, child.stderr
    ref = child.stdout.strip()
    assert ref, child.stderr

    with open_store(data_dir, site_code="BRE", workstation_code="02") as store:
        service = DossierService(store, agent="Claire Agent")
        record = service.record(ref)
        assert record["answers"] == {"Q01": "dette", "Q02": "forte", "Q03": "non",
                                     "Q04": "non", "Q05": "non", "Q06": "renoncement",
                                     "Q07": "modestes"}
        assert record["urgent"] is True
        flow = DossierFlow(service, DocumentService(store), AppSettings())
        qtbot.addWidget(flow)
        flow.show()
        flow.open_dossier(ref)
        page = flow.questionnaire_page
        assert flow.stack.currentWidget() is page
        assert page.progress_label.text() == "8 / 12"
        assert page.current_question().id == "Q08"
        assert page.progress_bar.value() == 7
        assert flow.header.urgent_label.isVisibleTo(flow)
        assert QApplication.focusWidget() in (None, page.answer_list)
        flow.close()
