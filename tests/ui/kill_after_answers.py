"""Child process of test_resume_after_kill: create a dossier and answer 7 questions through the
real widgets, then die with SIGKILL right after the 7th key press (no clean shutdown).

Usage: python -m tests.ui.kill_after_answers DATA_DIR  (with the test's keyring environment)
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring  # noqa: E402
from keyrings.alt.file import PlaintextKeyring  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.document_service import DocumentService  # noqa: E402
from app.dossier_service import DossierService  # noqa: E402
from app.models.database import open_store  # noqa: E402
from app.ui.dossier_flow import DossierFlow  # noqa: E402
from app.ui.settings import AppSettings  # noqa: E402

ANSWER_KEYS = "3313132"


def main() -> None:
    # The same keyring file as the test's keyring_backend fixture.
    backend = PlaintextKeyring()
    backend.file_path = str(Path(os.environ["XDG_DATA_HOME"]) / "keyring_pass.cfg")  # type: ignore[misc]
    keyring.set_keyring(backend)
    app = QApplication(sys.argv)
    store = open_store(Path(sys.argv[1]), site_code="BRE", workstation_code="02")
    service = DossierService(store, agent="Claire Agent")
    flow = DossierFlow(service, DocumentService(store), AppSettings(agent_name="Claire Agent"))
    flow.resize(1100, 760)
    flow.show()
    flow.activateWindow()
    QTest.qWaitForWindowActive(flow)
    flow.start_new("accueil")
    page = flow.identity_page
    for name, value in (("nom", "Le Goff"), ("prenom", "Anne-Marie"),
                        ("date_naissance", "12/03/1970"), ("nir", "270033523804528")):
        page.edit(name).setFocus()
        QTest.keyClicks(page.edit(name), value)
    page.principale_combo.setFocus()
    QTest.keyClick(page.principale_combo, Qt.Key.Key_O)  # « Activité principale ? » Oui
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return,
                   Qt.KeyboardModifier.ControlModifier)
    print(flow.dossier_id, flush=True)
    for key in ANSWER_KEYS:
        QTest.keyClick(QApplication.focusWidget(), key)
    os.kill(os.getpid(), signal.SIGKILL)
    app.exec()  # never reached


if __name__ == "__main__":
    main()
