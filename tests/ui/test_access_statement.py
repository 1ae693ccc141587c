"""« Relevé de vos données… » on the documents page (issue 13, right of access): opens the print
preview of the statement; printing it records nothing in the dossier; « Tout imprimer » does not
include it."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.document_service import DocumentService
from app.documents import DocumentKind
from app.dossier_service import DossierService
from app.ui.dossier_flow import DossierFlow
from app.ui.print_preview import PrintPreviewDialog
from tests.ui.dossier_helpers import ANSWERS, create_dossier, press, unnamed_controls

pytestmark = pytest.mark.gui
pytest_plugins = ["tests.ui.dossier_fixtures"]


def to_documents(qtbot: QtBot, flow: DossierFlow, ref: str) -> None:
    flow.open_dossier(ref)
    press(qtbot, Qt.Key.Key_Return)  # result → consent
    press(qtbot, "a")
    press(qtbot, Qt.Key.Key_Return)
    assert flow.stack.currentWidget() is flow.documents_page


def text_of(pdf: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.replace("\u00a0", " ").split())


def test_access_statement_from_the_documents_page(
        qtbot: QtBot, service: DossierService, documents: DocumentService, tmp_path: Path,
        make_flow: Callable[..., DossierFlow]) -> None:
    ref = create_dossier(service, ANSWERS)
    flow = make_flow()
    to_documents(qtbot, flow, ref)
    page = flow.documents_page
    assert page.access_button.accessibleName() == "Relevé de vos données"
    assert not unnamed_controls(page)
    assert DocumentKind.ACCESS not in [c.kind for c in page.choices()]  # not in « Tout imprimer »
    before = service.record(ref)

    qtbot.mouseClick(page.access_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, PrintPreviewDialog)
    assert dialog.document.kind is DocumentKind.ACCESS
    assert dialog.document.title == "Relevé de vos données"
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    printed = tmp_path / "printed.pdf"  # printed as the preview shows it (pages as images)
    assert len(PdfReader(printed).pages) == dialog.document.pages
    text = text_of(dialog.document.pdf)
    assert before["number"] in text and before["identity"]["nom"] in text
    assert "Vos consentements" in text and "consentement-v2" in text
    assert "Accès enregistrés sur le serveur central : non disponibles" in text
    assert service.record(ref)["printed"] == before["printed"]  # nothing recorded
    dialog.close()


def test_access_statement_lists_the_accesses_the_provider_returns(
        qtbot: QtBot, service: DossierService, tmp_path: Path,
        make_flow: Callable[..., DossierFlow]) -> None:
    ref = create_dossier(service, ANSWERS)
    flow = make_flow()
    to_documents(qtbot, flow, ref)
    page = flow.documents_page
    asked: list[str] = []

    def provider(dossier_id: str) -> list[dict[str, str]]:
        asked.append(dossier_id)
        return [{"at": "2026-11-25T09:00:00+01:00", "agent": "partenaire.caf",
                 "action": "read", "organisme": "caf"}]

    page.accesses_provider = provider
    dialog = page.open_access_statement()
    assert isinstance(dialog, PrintPreviewDialog)
    assert asked == [service.record(ref)["id"]]
    text = text_of(dialog.document.pdf)
    assert "partenaire.caf" in text and "non disponibles" not in text
    dialog.close()


def test_the_consent_page_shows_the_v2_notice_filled_in(
        qtbot: QtBot, service: DossierService, make_flow: Callable[..., DossierFlow]) -> None:
    ref = create_dossier(service, ANSWERS)
    flow = make_flow()
    flow.open_dossier(ref)
    press(qtbot, Qt.Key.Key_Return)  # result → consent
    page = flow.consent_page
    assert flow.stack.currentWidget() is page
    shown = page.text_browser.toPlainText()
    assert "Qui est responsable du traitement de vos données" in shown
    assert "Réclamation auprès de la CNIL" in shown and "www.cnil.fr" in shown
    assert "Information non renseignée dans la configuration de ce poste" in shown
    assert "{{" not in shown
    assert "consentement-v2" in page.version_label.text()
