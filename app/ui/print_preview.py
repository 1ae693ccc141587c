"""Print preview of a rendered document: the PDF itself, shown with QtPdf, then printed to a
chosen printer or saved as PDF.

The dialog shows exactly the bytes that will be printed, so what the agent checks is what the
worker and the partner receive. Printing renders each PDF page to an image at the printer's
resolution (capped at 300 dpi: sharp text, bounded memory) and paints it on the page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QObject,
    QPointF,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.documents import RenderedDocument
from app.ui.screen_fit import fit_to_screen

PRINT_DPI_CAP = 300

PrinterFactory = Callable[[QWidget], QPrinter | None]
SavePathChooser = Callable[[QWidget, str], str | None]


def ask_printer(parent: QWidget) -> QPrinter | None:
    """The system print dialog: the printer the agent chose, or None when cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = print_dialog(printer, parent)
    return printer if dialog.exec() == QDialog.DialogCode.Accepted else None


def print_dialog(printer: QPrinter, parent: QWidget) -> QPrintDialog:
    """Qt's print dialog for ``printer``, titled in the interface language."""
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("PrintPreviewDialog", "Imprimer"))
    return dialog


def save_pdf_dialog(parent: QWidget, suggested: str) -> QFileDialog:
    """Qt's own file dialog, not the desktop's: it speaks the interface language (a desktop's
    dialog speaks the system's, which may not be the one chosen in the settings)."""
    dialog = QFileDialog(parent,
                         QCoreApplication.translate("PrintPreviewDialog", "Enregistrer en PDF"),
                         suggested,
                         QCoreApplication.translate("PrintPreviewDialog", "Document PDF (*.pdf)"))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setDefaultSuffix("pdf")
    return dialog


def ask_save_path(parent: QWidget, suggested: str) -> str | None:
    dialog = save_pdf_dialog(parent, suggested)
    hint = dialog.sizeHint()
    fit_to_screen(dialog, hint.width(), hint.height())
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    return dialog.selectedFiles()[0] or None


def print_pdf(document: QPdfDocument, printer: QPrinter) -> int:
    """Paint the pages of ``document`` on ``printer``; returns how many pages were printed."""
    count = document.pageCount()
    first, last = 0, count - 1
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(0, printer.fromPage() - 1)
        last = min(count - 1, printer.toPage() - 1)
    return _print_pages([(document, index) for index in range(first, last + 1)], printer)


def print_pdfs(documents: Sequence[QPdfDocument], printer: QPrinter) -> int:
    """Paint every page of each document, in order, on ``printer`` as one print job (one
    printer dialog, one stack of paper); returns how many pages were printed."""
    return _print_pages([(document, index) for document in documents
                         for index in range(document.pageCount())], printer)


def load_pdf(data: bytes, parent: QObject) -> QPdfDocument:
    """A QPdfDocument over ``data`` (loaded at once: the bytes are all in memory)."""
    buffer = QBuffer(parent)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument(parent)
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready:
        raise OSError("the document could not be read for printing")
    return document


def _print_pages(pages: Sequence[tuple[QPdfDocument, int]], printer: QPrinter) -> int:
    dpi = min(printer.resolution(), PRINT_DPI_CAP)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not be opened")
    try:
        for number, (document, index) in enumerate(pages):
            if number:
                printer.newPage()
            target = printer.pageLayout().paintRectPixels(printer.resolution())
            points = document.pagePointSize(index)
            size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            image = document.render(index, size)
            scaled = size.scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(0, 0, scaled.width(), scaled.height()), image)
    finally:
        painter.end()
    return len(pages)


class PrintPreviewDialog(QDialog):
    """Preview of one document, with « Imprimer… » and « Enregistrer en PDF… ».

    Signals:
        printed(int): the document went to a printer (number of pages printed).
        saved(str): the document was saved as a PDF file at this path.
    """

    printed = Signal(int)
    saved = Signal(str)

    def __init__(
        self,
        document: RenderedDocument,
        *,
        on_delivered: Callable[[RenderedDocument], None] | None = None,
        printer_factory: PrinterFactory = ask_printer,
        save_path_chooser: SavePathChooser = ask_save_path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._document = document
        self._on_delivered = on_delivered
        self._printer_factory = printer_factory
        self._save_path_chooser = save_path_chooser
        self.setWindowTitle(self.tr("Aperçu avant impression — %s") % document.title)
        self.setAccessibleName(self.tr("Aperçu avant impression"))
        # An A4 page at a readable width; on a small screen (1366×768) the dialog shrinks to
        # it, the page scrolls and the buttons stay on the screen.
        fit_to_screen(self, 860, 1000)

        self._bytes = QByteArray(document.pdf)
        self._buffer = QBuffer(self._bytes, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf = QPdfDocument(self)
        self.pdf.load(self._buffer)

        self.view = QPdfView(self)
        self.view.setAccessibleName(self.tr("Pages du document"))
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.pdf)

        self.page_label = QLabel(self)
        self.page_label.setAccessibleName(self.tr("Page affichée"))
        self.view.pageNavigator().currentPageChanged.connect(self._on_navigator_page_changed)

        self.zoom_out_button = self._button(self.tr("Zoom −"), self.tr("Réduire"),
                                            self._on_zoom_out_clicked)
        self.zoom_in_button = self._button(self.tr("Zoom +"), self.tr("Agrandir"),
                                           self._on_zoom_in_clicked)
        self.fit_button = self._button(self.tr("Pleine largeur"),
                                       self.tr("Ajuster à la largeur de la fenêtre"),
                                       self._on_fit_clicked)
        self.print_button = self._button(self.tr("&Imprimer…"),
                                         self.tr("Imprimer sur une imprimante (Ctrl+P)"),
                                         self._on_print_clicked)
        self.save_button = self._button(self.tr("&Enregistrer en PDF…"),
                                        self.tr("Enregistrer le document en PDF (Ctrl+S)"),
                                        self._on_save_clicked)
        self.close_button = self._button(self.tr("&Fermer"), self.tr("Fermer l’aperçu (Échap)"),
                                         self.reject)
        self.print_button.setDefault(True)
        QShortcut(QKeySequence.StandardKey.Print, self, self._on_print_clicked)
        QShortcut(QKeySequence.StandardKey.Save, self, self._on_save_clicked)

        bar = QHBoxLayout()
        for widget in (self.zoom_out_button, self.zoom_in_button, self.fit_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.page_label)
        bar.addStretch(1)
        for widget in (self.save_button, self.print_button, self.close_button):
            bar.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)
        self._show_page(0)

    def _button(self, text: str, tip: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tip)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    @property
    def document(self) -> RenderedDocument:
        return self._document

    def _show_page(self, index: int) -> None:
        self.page_label.setText(self.tr("Page %1 sur %2").replace("%1", str(index + 1))
                                .replace("%2", str(max(1, self.pdf.pageCount()))))

    def _on_navigator_page_changed(self, index: int) -> None:
        self._show_page(index)

    def _on_zoom_in_clicked(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(min(4.0, self.view.zoomFactor() * 1.25))

    def _on_zoom_out_clicked(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.25, self.view.zoomFactor() / 1.25))

    def _on_fit_clicked(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.pageNavigator().jump(0, QPointF())

    def _delivered(self) -> bool:
        """Record the print; tell the agent if the record could not be written."""
        if self._on_delivered is None:
            return True
        try:
            self._on_delivered(self._document)
        except Exception as exc:  # the paper is out: say so, never lose the dialog
            QMessageBox.warning(self, self.tr("Impression non enregistrée"),
                                self.tr("Le document est sorti, mais son impression n’a pas pu "
                                        "être notée dans le dossier : %s") % exc)
            return False
        return True

    def _on_print_clicked(self) -> None:
        printer = self._printer_factory(self)
        if printer is None:
            return
        printer.setDocName(self._document.filename)
        try:
            pages = print_pdf(self.pdf, printer)
        except OSError as exc:
            QMessageBox.critical(self, self.tr("Impression impossible"),
                                 self.tr("Le document n’a pas pu être imprimé : %s") % exc)
            return
        self._delivered()
        self.printed.emit(pages)

    def _on_save_clicked(self) -> None:
        path = self._save_path_chooser(self, self._document.filename)
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            Path(path).write_bytes(self._document.pdf)
        except OSError as exc:
            QMessageBox.critical(self, self.tr("Enregistrement impossible"),
                                 self.tr("Le fichier n’a pas pu être écrit : %s") % exc.strerror)
            return
        self._delivered()
        self.saved.emit(path)
