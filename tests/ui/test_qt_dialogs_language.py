"""Qt's own dialogs speak the interface language: the file dialog « Enregistrer en PDF » and the
print dialog are Qt's (not the desktop's, which would speak the system's language), and every
string Qt asks a translation for while building them has one in French."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QAbstractButton, QApplication, QFileDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot

from app.ui.app import install_translators
from app.ui.print_preview import print_dialog, save_pdf_dialog

pytestmark = pytest.mark.gui

OURS = {message.findtext("source") for message in ET.parse(
    Path(__file__).resolve().parents[2] / "resources" / "translations" / "accueil_ti_en.ts"
).getroot().iter("message")}


class MissingTranslations(QTranslator):
    """Asked first by Qt: answers from the translators given, and notes each string with
    letters none of them translates."""

    def __init__(self, translators: list[QTranslator]) -> None:
        super().__init__()
        self.translators = translators
        self.missing: set[tuple[str, str]] = set()

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        for translator in self.translators:
            text = translator.translate(context, source, disambiguation, n)
            if text:
                return text
        if any(c.isalpha() for c in source) and source not in OURS:  # ours are French
            self.missing.add((context, source))
        return None  # a null string: Qt asks the next translator (an empty one would be used)

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False


@pytest.fixture
def language(qapp: QApplication, request: pytest.FixtureRequest) -> Iterator[MissingTranslations]:
    translators = install_translators(qapp, request.param)
    spy = MissingTranslations(translators)
    QCoreApplication.installTranslator(spy)
    yield spy
    QCoreApplication.removeTranslator(spy)
    for translator in translators:
        QCoreApplication.removeTranslator(translator)
    install_translators(qapp, "fr")  # QLocale's default back to the app's
    for translator in qapp.findChildren(QTranslator):
        QCoreApplication.removeTranslator(translator)


def texts(widget: QWidget) -> set[str]:
    return ({b.text() for b in widget.findChildren(QAbstractButton)}
            | {label.text() for label in widget.findChildren(QLabel)})


@pytest.mark.parametrize("language", ["fr"], indirect=True)
def test_the_save_dialog_is_qt_s_and_french(qtbot: QtBot,
                                            language: MissingTranslations) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = save_pdf_dialog(parent, "/tmp/resume.pdf")
    assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    shown = texts(dialog)
    assert {"&Enregistrer", "Annuler", "&Regarder dans\u00a0:",
            "Fichiers de &type\u00a0:"} <= shown, shown
    assert language.missing == set()
    dialog.reject()


@pytest.mark.parametrize("language", ["fr"], indirect=True)
def test_the_print_dialog_is_french(qtbot: QtBot, language: MissingTranslations) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = print_dialog(printer, parent)  # built, not shown: offscreen has no print server
    shown = texts(dialog)
    assert {"Annuler", "&Pages à imprimer\u00a0:"} <= shown, shown
    assert dialog.windowTitle() == "Imprimer"
    assert language.missing == set()
    dialog.reject()


@pytest.mark.parametrize("language", ["en"], indirect=True)
def test_in_english_the_save_dialog_is_english(qtbot: QtBot,
                                               language: MissingTranslations) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = save_pdf_dialog(parent, "/tmp/summary.pdf")
    dialog.show()
    qtbot.waitExposed(dialog)
    shown = texts(dialog)
    assert {"&Save", "Cancel", "&Look in:"} <= shown, shown
    assert "Annuler" not in shown
    assert dialog.windowTitle() == "Save as PDF"
    dialog.reject()
