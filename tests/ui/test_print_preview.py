"""The print preview dialog: the real QtPdf view, printing through a QPrinter, saving as PDF."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot
from reportlab.pdfgen import canvas

from app.documents import DocumentKind, RenderedDocument
from app.ui.print_preview import PrintPreviewDialog

pytestmark = pytest.mark.gui


def two_page_pdf() -> bytes:
    out = io.BytesIO()
    pdf = canvas.Canvas(out, invariant=1)
    for page in (1, 2):
        pdf.drawString(72, 720, f"Vos aides et vos contacts — page {page}")
        pdf.showPage()
    pdf.save()
    return out.getvalue()


@pytest.fixture
def document() -> RenderedDocument:
    data = two_page_pdf()
    return RenderedDocument(kind=DocumentKind.SUMMARY, organisme=None, pdf=data,
                            sha256=hashlib.sha256(data).hexdigest(),
                            title="Vos aides et vos contacts",
                            filename="TI-BRE-02-2026-000123-synthese.pdf", pages=2)


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(150)
    return printer


def open_dialog(qtbot: QtBot, document: RenderedDocument, **kwargs) -> PrintPreviewDialog:  # type: ignore[no-untyped-def]
    dialog = PrintPreviewDialog(document, **kwargs)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.pdf.status() == QPdfDocument.Status.Ready)
    return dialog


def test_preview_shows_every_page(qtbot: QtBot, document: RenderedDocument) -> None:
    dialog = open_dialog(qtbot, document)
    assert dialog.pdf.pageCount() == 2
    assert dialog.page_label.text() == "Page 1 sur 2"
    assert "Vos aides et vos contacts" in dialog.windowTitle()
    assert dialog.view.document() is dialog.pdf
    for button in (dialog.print_button, dialog.save_button, dialog.close_button,
                   dialog.zoom_in_button, dialog.zoom_out_button, dialog.fit_button):
        assert button.accessibleName()
    before = dialog.view.zoomFactor()
    qtbot.mouseClick(dialog.zoom_in_button, Qt.MouseButton.LeftButton)
    assert dialog.view.zoomFactor() > before
    qtbot.mouseClick(dialog.zoom_out_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.zoom_out_button, Qt.MouseButton.LeftButton)
    assert dialog.view.zoomFactor() < before
    dialog.view.pageNavigator().jump(1, dialog.view.pageNavigator().currentLocation())
    assert dialog.page_label.text() == "Page 2 sur 2"
    qtbot.mouseClick(dialog.fit_button, Qt.MouseButton.LeftButton)
    assert dialog.page_label.text() == "Page 1 sur 2"


def test_print_sends_every_page_and_records_once(qtbot: QtBot, tmp_path: Path,
                                                 document: RenderedDocument) -> None:
    delivered: list[RenderedDocument] = []
    output = tmp_path / "printed.pdf"
    dialog = open_dialog(qtbot, document, on_delivered=delivered.append,
                         printer_factory=lambda parent: pdf_printer(output))
    with qtbot.waitSignal(dialog.printed) as signal:
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert signal.args == [2]
    assert delivered == [document]
    assert len(PdfReader(output).pages) == 2


def test_print_a_page_range(qtbot: QtBot, tmp_path: Path, document: RenderedDocument) -> None:
    output = tmp_path / "page2.pdf"

    def second_page_only(parent: object) -> QPrinter:
        printer = pdf_printer(output)
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        printer.setFromTo(2, 2)
        return printer

    dialog = open_dialog(qtbot, document, printer_factory=second_page_only)
    with qtbot.waitSignal(dialog.printed) as signal:
        dialog.print_button.click()
    assert signal.args == [1]
    assert len(PdfReader(output).pages) == 1


def test_cancelled_print_records_nothing(qtbot: QtBot, document: RenderedDocument) -> None:
    delivered: list[RenderedDocument] = []
    asked: list[object] = []

    def cancel(parent: object) -> None:
        asked.append(parent)
        return None

    dialog = open_dialog(qtbot, document, on_delivered=delivered.append, printer_factory=cancel)
    with qtbot.assertNotEmitted(dialog.printed):
        qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert asked == [dialog]  # Ctrl+P opened the print dialog, which was cancelled
    assert delivered == []


def test_save_as_pdf_writes_the_exact_bytes(qtbot: QtBot, tmp_path: Path,
                                            document: RenderedDocument) -> None:
    delivered: list[RenderedDocument] = []
    target = tmp_path / "copie"
    dialog = open_dialog(qtbot, document, on_delivered=delivered.append,
                         save_path_chooser=lambda parent, suggested: str(target))
    with qtbot.waitSignal(dialog.saved) as signal:
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = Path(signal.args[0])
    assert saved == tmp_path / "copie.pdf"
    assert saved.read_bytes() == document.pdf
    assert delivered == [document]


def test_save_cancelled_or_failing(qtbot: QtBot, tmp_path: Path, document: RenderedDocument,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr("app.ui.print_preview.QMessageBox.critical",
                        lambda parent, title, text: shown.append(text))
    dialog = open_dialog(qtbot, document, save_path_chooser=lambda parent, suggested: None)
    with qtbot.assertNotEmitted(dialog.saved):
        dialog.save_button.click()
    dialog = open_dialog(qtbot, document, save_path_chooser=lambda parent, suggested: str(
        tmp_path / "absent" / "x.pdf"))
    with qtbot.assertNotEmitted(dialog.saved):
        dialog.save_button.click()
    assert shown and "n’a pas pu être écrit" in shown[0]


def test_a_failing_record_is_reported_not_lost(qtbot: QtBot, tmp_path: Path,
                                               document: RenderedDocument,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    warnings: list[str] = []
    monkeypatch.setattr("app.ui.print_preview.QMessageBox.warning",
                        lambda parent, title, text: warnings.append(text))

    def failing(document: RenderedDocument) -> None:
        raise RuntimeError("base verrouillée")

    dialog = open_dialog(qtbot, document, on_delivered=failing,
                         save_path_chooser=lambda parent, suggested: str(tmp_path / "a.pdf"))
    with qtbot.waitSignal(dialog.saved):
        dialog.save_button.click()
    assert warnings and "base verrouillée" in warnings[0]
    assert (tmp_path / "a.pdf").read_bytes() == document.pdf
