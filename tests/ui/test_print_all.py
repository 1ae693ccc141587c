"""« Tout imprimer » on the documents page: every document the situation calls for, after one
printer dialog, as one print job, recorded in the dossier as one change; the page then lists
what was printed, when and by whom, and a reprint is marked as a duplicate."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.document_service import DocumentService
from app.dossier_service import DossierService
from app.ui.dossier_flow import DossierFlow
from app.ui.print_preview import PrintPreviewDialog
from tests.ui.dossier_helpers import (
    AGENT,
    ANSWERS,
    create_dossier,
    pdf_printer,
    press,
    unnamed_controls,
)

pytestmark = pytest.mark.gui
pytest_plugins = ["tests.ui.dossier_fixtures"]


class CountingPrinters:
    """A printer dialog stand-in: counts how often it is asked, prints to a PDF file."""

    def __init__(self, output: Path, *, cancel: bool = False) -> None:
        self.output = output
        self.cancel = cancel
        self.asked: list[QWidget] = []

    def __call__(self, parent: QWidget) -> QPrinter | None:
        self.asked.append(parent)
        return None if self.cancel else pdf_printer(self.output)


def first_day(printed_at: str) -> str:
    return datetime.fromisoformat(printed_at).astimezone().strftime("%d/%m/%Y")


def to_documents(qtbot: QtBot, flow: DossierFlow, ref: str, *, refuse_caf: bool = False) -> None:
    """Open the dossier and record the worker's consent from the keyboard."""
    flow.open_dossier(ref)
    press(qtbot, Qt.Key.Key_Return)  # result → consent
    assert flow.stack.currentWidget() is flow.consent_page
    if refuse_caf:
        press(qtbot, "3")
        press(qtbot, "3")  # caf: accepts, then refuses
    press(qtbot, "a")
    press(qtbot, Qt.Key.Key_Return)
    assert flow.stack.currentWidget() is flow.documents_page


def test_print_all_prints_every_document_with_one_printer_dialog(
        qtbot: QtBot, service: DossierService, documents: DocumentService, tmp_path: Path,
        make_flow: Callable[..., DossierFlow]) -> None:
    ref = create_dossier(service, ANSWERS)
    flow = make_flow()
    to_documents(qtbot, flow, ref, refuse_caf=True)
    page = flow.documents_page
    printers = CountingPrinters(tmp_path / "all.pdf")
    page.printer_factory = printers
    assert page.print_all_button.accessibleName() == "Tout imprimer"
    assert not unnamed_controls(page)
    before = service.record(ref)
    expected = [(c.kind.value, c.organisme) for c in page.choices()]
    assert expected == [("summary", None), ("letter", "urssaf"),
                        ("letter", "assurance_maladie"), ("letter", "assurance_retraite"),
                        ("consent", None)]  # no letter to the Caf: its consent was refused

    with qtbot.waitSignal(page.printed_all) as printed:
        press(qtbot, "i", Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert printed.args == [5]
    assert printers.asked == [page]  # one printer dialog for the five documents
    pages = sum(documents.render(ref, kind, organisme).pages for kind, organisme in expected)
    assert len(PdfReader(tmp_path / "all.pdf").pages) == pages

    after = service.record(ref)
    assert sorted((p["kind"], p["organisme"] or "", p["agent"]) for p in after["printed"]) == \
        sorted((kind, organisme or "", AGENT) for kind, organisme in expected)
    assert len({p["printed_at"] for p in after["printed"]}) == 1
    assert after["revision"] == before["revision"] + 1  # one change for the whole action
    # The page was reloaded with what was printed.
    assert all("imprimé le" in page.list.item(i).text() for i in range(page.list.count()))


def test_print_all_cancelled_records_nothing(
        qtbot: QtBot, service: DossierService, tmp_path: Path,
        make_flow: Callable[..., DossierFlow]) -> None:
    ref = create_dossier(service, ANSWERS)
    flow = make_flow()
    to_documents(qtbot, flow, ref)
    page = flow.documents_page
    printers = CountingPrinters(tmp_path / "none.pdf", cancel=True)
    page.printer_factory = printers
    before = service.record(ref)
    with qtbot.assertNotEmitted(page.printed_all), qtbot.assertNotEmitted(page.delivered):
        qtbot.mouseClick(page.print_all_button, Qt.MouseButton.LeftButton)
    assert printers.asked == [page]
    assert not (tmp_path / "none.pdf").exists()
    assert service.record(ref)["printed"] == before["printed"] == []


def test_the_page_lists_prints_and_a_reprint_is_a_duplicate(
        qtbot: QtBot, service: DossierService, documents: DocumentService, tmp_path: Path,
        make_flow: Callable[..., DossierFlow]) -> None:
    ref = create_dossier(service, ANSWERS)
    flow = make_flow()
    to_documents(qtbot, flow, ref)
    page = flow.documents_page
    assert page.history.isHidden() and "Aucun document imprimé" in page.history_label.text()
    original = documents.render(ref, "summary")
    page.printer_factory = CountingPrinters(tmp_path / "all.pdf")
    with qtbot.waitSignal(page.printed_all):
        page.print_all_button.click()
    assert not page.history.isHidden()
    assert page.history.topLevelItemCount() == 6
    rows = [[page.history.topLevelItem(i).text(c) for c in range(3)] for i in range(6)]
    assert {row[2] for row in rows} == {AGENT}
    assert all(" à " in row[1] for row in rows)  # date and time
    record = service.record(ref)
    day = record["printed"][0]["printed_at"]

    # Reprint the summary from its preview: the preview already shows the duplicate mark.
    page.list.setCurrentRow(0)
    with qtbot.waitSignal(page.delivered):
        dialog = page.open_choice(page.choice_at(0))
        assert isinstance(dialog, PrintPreviewDialog)
        dialog.print_button.click()
    reprint = dialog.document
    assert reprint.sha256 != original.sha256
    text = PdfReader(io.BytesIO(reprint.pdf)).pages[0].extract_text()
    assert f"Duplicata du {first_day(day)}" in text
    assert "Duplicata" not in PdfReader(io.BytesIO(original.pdf)).pages[0].extract_text()
    # The original's bytes never change: unmarked rendering is still the first print's.
    assert documents.render(ref, "summary").pdf == original.pdf
    qtbot.waitUntil(lambda: page.history.topLevelItemCount() == 7)
    assert page.history.topLevelItem(0).text(0) == page.list.item(0).text().split(" — ")[0]
    printed = service.record(ref)["printed"]
    # Both prints are recorded under the content (what the summary says), not the marked
    # bytes: the duplicate is the same version of the summary.
    assert reprint.content_sha256 == original.content_sha256
    assert [p["content_hash"] for p in printed].count(original.content_sha256) == 2
    assert reprint.sha256 not in [p["content_hash"] for p in printed]
