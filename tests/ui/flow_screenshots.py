"""Offscreen screenshots of every page of the dossier flow, for a realistic dossier, in counter
mode and in phone mode: ``python -m tests.ui.flow_screenshots /tmp/ui-flow``.

A developer tool (not collected by pytest): it uses a throwaway data dir and keyring.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="accueil-ti-shots-")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.document_service import DocumentService  # noqa: E402
from app.dossier_service import DossierService  # noqa: E402
from app.models.database import open_store  # noqa: E402
from app.ui.dossier_flow import DossierFlow  # noqa: E402
from app.ui.settings import AppSettings  # noqa: E402

IDENTITY = {"nom": "Le Goff", "prenom": "Anne-Marie", "date_naissance": "12/03/1970",
            "nir": "270033523804528", "siret": "73282932000074", "telephone": "06 12 34 56 78",
            "email": "am.legoff@exemple.fr", "adresse": "4 rue de la Monnaie",
            "code_postal": "35000", "commune": "Rennes", "debut_activite": "10/01/2004"}
# Q01 dette, Q02 forte, Q03 non, Q04 non (urgent), Q05 arret, Q06 oui, Q07 modestes,
# Q08 non, Q09 non, Q10 non, Q11 oui, Q12 non
KEYS = "331331211121"


def grab(flow: DossierFlow, out: Path, name: str) -> None:
    QApplication.processEvents()
    flow.grab().save(str(out / f"{name}.png"))


def run(out: Path, phone: bool) -> None:
    suffix = "telephone" if phone else "accueil"
    data = Path(tempfile.mkdtemp(prefix="accueil-ti-shots-data-"))
    with open_store(data, site_code="BRE", workstation_code="02") as store:
        service = DossierService(store, agent="Claire Agent")
        settings = AppSettings(agent_name="Claire Agent", phone_mode=phone)
        flow = DossierFlow(service, DocumentService(store), settings)
        flow.resize(1100, 760)
        flow.show()
        flow.activateWindow()
        QApplication.processEvents()
        flow.start_new("telephone" if phone else "accueil")
        page = flow.identity_page
        for name, value in IDENTITY.items():
            page.edit(name).setText(value)
        page.statut_combo.setCurrentIndex(page.statut_combo.findData("artisan"))
        page.foyer_spin.setValue(3)
        page.principale_combo.setCurrentIndex(page.principale_combo.findData(True))
        page.edit("code_postal").setFocus()
        QApplication.processEvents()
        page.edit("commune").setFocus()  # leaving the postal code fills the département
        grab(flow, out, f"1-identite-{suffix}")
        # One bad field, to see the message next to it.
        page.edit("nir").setText("270033523804599")
        page.validate_field("nir")
        page.edit("telephone").setText("12 34")
        page.validate_field("telephone")
        grab(flow, out, f"1b-identite-erreurs-{suffix}")
        page.edit("nir").setText(IDENTITY["nir"])
        page.edit("telephone").setText(IDENTITY["telephone"])
        page.validate_all()
        QTest.keyClick(page.edit("nom"), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        for key in KEYS[:5]:
            QTest.keyClick(flow.questionnaire_page.answer_list, key)
        grab(flow, out, f"2-questionnaire-{suffix}")
        for key in KEYS[5:]:
            QTest.keyClick(flow.questionnaire_page.answer_list, key)
        grab(flow, out, f"3-resultat-{suffix}")
        QTest.keyClick(flow.result_page.next_button, Qt.Key.Key_Return)
        flow.consent_page.toggle_row(1)
        grab(flow, out, f"4-consentement-{suffix}")
        flow.consent_page.attest_check.setChecked(True)
        QTest.keyClick(flow.consent_page.validate_button, Qt.Key.Key_Return)
        grab(flow, out, f"5-documents-{suffix}")
        flow.open_consents(flow.dossier_id)
        grab(flow, out, f"6-consentements-enregistres-{suffix}")
        flow.close()


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/ui-flow")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("accueil-ti-screenshots")
    run(out, phone=False)
    run(out, phone=True)
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
