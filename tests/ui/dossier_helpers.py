"""Shared pieces of the dossier-flow GUI tests: services over the test store, a shown and active
flow, a typical worker, and keyboard helpers that send keys where the focus really is."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QProgressBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.documents import RenderedDocument
from app.dossier_service import DossierService
from app.ui.dossier_flow import DossierFlow
from app.ui.print_preview import PrintPreviewDialog

AGENT = "Claire Agent"
NIR = "270033523804528"  # born March 1970
SIRET = "73282932000074"
OTHER_SIRET = "55210055400013"
IDENTITY_TYPED = {
    "nom": "Le Goff", "prenom": "Anne-Marie", "date_naissance": "12/03/1970", "nir": NIR,
    "siret": SIRET, "telephone": "06 12 34 56 78", "email": "am.legoff@exemple.fr",
    "adresse": "4 rue de la Monnaie", "code_postal": "35000", "commune": "Rennes",
    "debut_activite": "10/01/2004",
}
PROFILE = {"statut": "artisan", "date_naissance": "1970-03-12", "debut_activite": "2004-01-10",
           "foyer": 2, "activite_principale": True, "departement": "35"}
# Q01 dette, Q02 forte, Q03 non, Q04 non (urgent), Q05 non, Q06 renoncement, Q07 modestes,
# Q08 non, Q09 non, Q10 non, Q11 oui, Q12 non: urssaf, assurance_maladie, caf, assurance_retraite.
KEYS = "331313211121"
ANSWERS = {"Q01": "dette", "Q02": "forte", "Q03": "non", "Q04": "non", "Q05": "non",
           "Q06": "renoncement", "Q07": "modestes", "Q08": "non", "Q09": "non", "Q10": "non",
           "Q11": "oui", "Q12": "non"}
ORGANISMES = ["urssaf", "assurance_maladie", "caf", "assurance_retraite"]

CONTROL_TYPES = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView,
                 QTextEdit, QProgressBar)


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(100)
    return printer


def pdf_dialog_factory(output: Path) -> Callable[..., QDialog]:
    """Print previews whose « Imprimer » writes a PDF file instead of asking for a printer."""

    def factory(document: RenderedDocument, on_delivered: Callable[[RenderedDocument], None],
                parent: QWidget) -> QDialog:
        return PrintPreviewDialog(document, on_delivered=on_delivered,
                                  printer_factory=lambda _parent: pdf_printer(output),
                                  save_path_chooser=lambda _parent, name: str(output),
                                  parent=parent)

    return factory


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(qtbot: QtBot, key: Qt.Key | str,
          modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """One key press, sent to the widget that has the focus, as a keyboard would."""
    qtbot.keyClick(focused(), key, modifier)


def type_identity(qtbot: QtBot, flow: DossierFlow, values: dict[str, str]) -> None:
    page = flow.identity_page
    for name, value in values.items():
        edit = page.edit(name)
        edit.setFocus()
        edit.selectAll()
        qtbot.keyClicks(edit, value)


def create_dossier(service: DossierService, answers: dict[str, str] | None = None,
                   **identity: str) -> str:
    ident = {"nom": "Le Goff", "prenom": "Anne-Marie", "date_naissance": "1970-03-12",
             "nir": NIR, "siret": SIRET}
    ident.update(identity)
    ref = service.create(identity=ident, profile=PROFILE, channel="accueil")
    for question, code in (answers or {}).items():
        service.answer(ref, question, code)
    return ref


def _inside(widget: QWidget, kinds: tuple[type, ...]) -> bool:
    parent = widget.parent()
    while parent is not None:
        if isinstance(parent, kinds):
            return True
        parent = parent.parent()
    return False


def unnamed_controls(root: QWidget) -> list[str]:
    """The controls under ``root`` a screen reader could not name."""
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROL_TYPES):
            continue
        if _inside(widget, (QAbstractSpinBox, QComboBox)):
            continue  # the editor or popup list of a spin box or combo box: named by its owner
        if widget.objectName().startswith("qt_"):
            continue
        if not widget.accessibleName():
            missing.append(f"{type(widget).__name__} {widget.objectName()!r} "
                           f"{getattr(widget, 'text', lambda: '')()!r}")
    return missing
