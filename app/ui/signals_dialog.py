"""« Importer des signalements » (administrators): a CSV file of the partners' alerts read into
the call list, as ``accueil-ti signals import`` does.

The agent chooses the file and, when the file has no ``source`` column, the source of its lines.
The import runs off the GUI thread; it is all or nothing: a good file shows the summary line
(imported, already present, matched to a dossier, entries of the call list), a bad one the list
of its bad lines — line, column, what is expected and the detail — and nothing is imported.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.call_service import ImportReport, SignalFileError
from app.forms.codes import SIGNAL_SOURCES, SIGNAL_TYPES
from app.forms.identity import IssueCode
from app.ui import wording
from app.ui.screen_fit import fit_to_screen
from app.ui.tasks import cancel_tasks, run_task

PathChooser = Callable[[QWidget], "str | None"]


class Importer(Protocol):
    """What the dialog needs of :class:`app.call_service.CallService`."""

    def import_file(self, data: bytes, source: str | None) -> ImportReport: ...


def ask_csv_path(parent: QWidget) -> str | None:
    """Qt's own file dialog (it speaks the interface language), CSV files first."""
    dialog = QFileDialog(parent, QCoreApplication.translate("SignalsDialog",
                                                            "Fichier de signalements"),
                         "", QCoreApplication.translate("SignalsDialog",
                                                        "Fichiers CSV (*.csv *.txt);;"
                                                        "Tous les fichiers (*)"))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    return str(dialog.selectedFiles()[0])


def expected_text(field: str) -> str:
    """What a column of a signals file must hold, in French (the detail comes from the rules)."""
    texts = {
        "source": QCoreApplication.translate(
            "SignalsDialog", "un code de source : %1 (ou choisir la source ci-dessus)").replace(
            "%1", ", ".join(SIGNAL_SOURCES)),
        "reference": QCoreApplication.translate(
            "SignalsDialog", "la référence du signalement chez la source, de 1 à 100 "
            "caractères, une seule fois par source"),
        "type": QCoreApplication.translate("SignalsDialog", "un type : %1").replace(
            "%1", ", ".join(SIGNAL_TYPES)),
        "date": QCoreApplication.translate("SignalsDialog", "une date AAAA-MM-JJ"),
        "siret": QCoreApplication.translate(
            "SignalsDialog", "un SIRET de 14 chiffres avec sa clé, ou un NIR"),
        "nir": QCoreApplication.translate(
            "SignalsDialog", "un NIR de 15 caractères avec sa clé"),
        "telephone": QCoreApplication.translate(
            "SignalsDialog", "un numéro de téléphone comme dans l’identité d’un dossier"),
        "email": QCoreApplication.translate(
            "SignalsDialog", "une adresse électronique comme nom@exemple.fr"),
        "code_postal": QCoreApplication.translate("SignalsDialog", "un code postal de 5 chiffres"),
        "nom": QCoreApplication.translate("SignalsDialog", "un nom comme dans l’identité d’un "
                                          "dossier"),
        "prenom": QCoreApplication.translate("SignalsDialog", "un prénom comme dans l’identité "
                                             "d’un dossier"),
        "commune": QCoreApplication.translate("SignalsDialog", "un nom de commune"),
        "montant": QCoreApplication.translate(
            "SignalsDialog", "un montant en euros : 1234.56 ou 1 234,56"),
        "commentaire": QCoreApplication.translate("SignalsDialog", "500 caractères au plus"),
        "line": QCoreApplication.translate(
            "SignalsDialog", "autant de champs que l’en-tête, séparés comme lui, guillemets "
            "fermés"),
        "file": QCoreApplication.translate(
            "SignalsDialog", "un fichier CSV en texte UTF-8 ou Windows-1252, avec une ligne "
            "d’en-tête"),
        "header": QCoreApplication.translate(
            "SignalsDialog", "une ligne d’en-tête CSV lisible"),
    }
    return texts.get(field, QCoreApplication.translate(
        "SignalsDialog", "des colonnes parmi : source, reference, type, date, siret, nir, nom, "
        "prenom, telephone, email, code_postal, commune, montant, commentaire"))


_VALUE_RE = re.compile(r"^(?P<value>'.*'|\".*\") is not allowed")
_FIELDS_RE = re.compile(r"^(?P<found>\d+) fields; expected (?P<wanted>\d+)")
_ALREADY_RE = re.compile(r"already on line (?P<line>\d+)")
_LENGTH_RE = re.compile(r"^(?P<length>\d+) characters; expected at most")
_ISSUE_RE = re.compile(r"^the value given is not allowed \((?P<code>[a-z_]+)\)")


def detail_text(reason: str, field: str = "") -> str:
    """What was wrong on the line, in French when the rules' sentence is a known one (the
    value read, an identity check, a duplicate, a count); the rules' own sentence otherwise."""
    if match := _ISSUE_RE.match(reason):
        try:
            return wording.issue_message(field, IssueCode(match["code"]))
        except (ValueError, KeyError):
            pass
    if match := _ALREADY_RE.search(reason):
        return QCoreApplication.translate(
            "SignalsDialog", "même source et même référence que la ligne %1").replace(
            "%1", match["line"])
    if match := _VALUE_RE.match(reason):
        return QCoreApplication.translate("SignalsDialog", "valeur lue : %1").replace(
            "%1", match["value"])
    if match := _FIELDS_RE.match(reason):
        return QCoreApplication.translate(
            "SignalsDialog", "%1 champs sur la ligne, %2 dans l’en-tête").replace(
            "%1", match["found"]).replace("%2", match["wanted"])
    if match := _LENGTH_RE.match(reason):
        return QCoreApplication.translate("SignalsDialog", "%1 caractères").replace(
            "%1", match["length"])
    known = {
        "required column missing from the header": QCoreApplication.translate(
            "SignalsDialog", "colonne absente de l’en-tête"),
        "the column appears twice; expected it once": QCoreApplication.translate(
            "SignalsDialog", "colonne présente deux fois dans l’en-tête"),
        "a column siret or nir (or both) is required": QCoreApplication.translate(
            "SignalsDialog", "il faut une colonne siret ou nir (ou les deux)"),
    }
    if reason in known:
        return known[reason]
    if reason.startswith("unknown column"):
        return QCoreApplication.translate("SignalsDialog", "colonne inconnue")
    if reason.startswith("the value given is not allowed"):
        return QCoreApplication.translate("SignalsDialog", "valeur refusée (clé ou format)")
    if reason.startswith(("a signal needs a SIRET or a NIR", "required (or give --source)")):
        return QCoreApplication.translate("SignalsDialog", "vide")
    return reason


def summary_text(report: ImportReport) -> str:
    """« 12 signalements importés, 3 déjà présents, 2 rattachés à un dossier, 10 entrées dans
    la liste d’appels. »"""
    def count(number: int, one: str, many: str) -> str:
        return (one if number < 2 else many).replace("%1", wording.grouped(number))

    parts = [
        count(report.imported, QCoreApplication.translate("SignalsDialog",
                                                          "%1 signalement importé"),
              QCoreApplication.translate("SignalsDialog", "%1 signalements importés")),
        count(report.already, QCoreApplication.translate("SignalsDialog", "%1 déjà présent"),
              QCoreApplication.translate("SignalsDialog", "%1 déjà présents")),
        count(report.matched, QCoreApplication.translate(
            "SignalsDialog", "%1 rattaché à un dossier existant"), QCoreApplication.translate(
            "SignalsDialog", "%1 rattachés à des dossiers existants")),
        count(report.entries, QCoreApplication.translate(
            "SignalsDialog", "%1 entrée dans la liste d’appels"), QCoreApplication.translate(
            "SignalsDialog", "%1 entrées dans la liste d’appels")),
    ]
    return ", ".join(parts) + "."


class SignalsDialog(QDialog):
    """Import a CSV file of signals into the call list (all or nothing).

    Signals:
        imported(object): the file was imported (its :class:`ImportReport`).
    """

    imported = Signal(object)

    def __init__(self, importer: Importer, parent: QWidget | None = None, *,
                 path_chooser: PathChooser = ask_csv_path) -> None:
        super().__init__(parent)
        self._importer = importer
        self._path_chooser = path_chooser
        self._running = False
        self.report: ImportReport | None = None
        self.problems: list[Any] = []
        self.setWindowTitle(self.tr("Importer des signalements"))
        self.setAccessibleName(self.tr("Importer des signalements"))
        fit_to_screen(self, 900, 560)

        intro = QLabel(self.tr(
            "Un fichier CSV de signalements des partenaires (UTF-8 ou Windows, séparateur « ; » "
            "ou « , », une ligne d’en-tête). Tout ou rien : si une seule ligne est fausse, rien "
            "n’est importé et chaque ligne fausse est listée. Un signalement déjà importé (même "
            "source et même référence) ne change rien."), self)
        intro.setWordWrap(True)
        intro.setAccessibleName(intro.text())

        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("path_edit")
        self.path_edit.setAccessibleName(self.tr("Fichier de signalements"))
        self.path_edit.setPlaceholderText(self.tr("chemin du fichier .csv"))
        self.browse_button = QPushButton(self.tr("&Parcourir… (Ctrl+O)"), self)
        self.browse_button.setAccessibleName(self.tr("Parcourir"))
        self.browse_button.setAutoDefault(False)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.browse_button)
        file_label = QLabel(self.tr("&Fichier :"), self)
        file_label.setBuddy(self.path_edit)

        self.source_combo = QComboBox(self)
        self.source_combo.setObjectName("source_combo")
        self.source_combo.setAccessibleName(self.tr("Source des signalements"))
        self.source_combo.addItem(self.tr("Celle de la colonne « source » du fichier"), None)
        for code in SIGNAL_SOURCES:
            self.source_combo.addItem(wording.signal_source_label(code), code)
        source_label = QLabel(self.tr("&Source :"), self)
        source_label.setBuddy(self.source_combo)

        form = QFormLayout()
        form.addRow(file_label, file_row)
        form.addRow(source_label, self.source_combo)

        self.status_label = QLabel(self)
        self.status_label.setObjectName("status_label")
        self.status_label.setAccessibleName(self.tr("Résultat de l’import"))
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("problems_table")
        self.table.setAccessibleName(self.tr("Lignes à corriger"))
        self.table.setHorizontalHeaderLabels([self.tr("Ligne"), self.tr("Colonne"),
                                              self.tr("Attendu"), self.tr("Détail")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setAccessibleName(self.tr("En-têtes des colonnes"))
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setVisible(False)

        self.import_button = QPushButton(self.tr("&Importer"), self)
        self.import_button.setObjectName("import_button")
        self.import_button.setAccessibleName(self.tr("Importer"))
        self.import_button.setDefault(True)
        self.close_button = QPushButton(self.tr("&Fermer (Échap)"), self)
        self.close_button.setAccessibleName(self.tr("Fermer"))
        self.close_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.status_label)
        layout.addWidget(self.table, 1)
        layout.addStretch(0)
        layout.addLayout(buttons)

        self.browse_button.clicked.connect(self._on_browse_button_clicked)
        self.import_button.clicked.connect(self.start_import)
        self.close_button.clicked.connect(self.reject)
        self.path_edit.returnPressed.connect(self.start_import)
        QShortcut(QKeySequence.StandardKey.Open, self, self._on_browse_button_clicked)
        self.path_edit.setFocus()

    # ------------------------------------------------------------------ public

    @property
    def running(self) -> bool:
        return self._running

    def set_path(self, path: str | Path) -> None:
        self.path_edit.setText(str(path))

    def start_import(self) -> None:
        """Read and import the file in the background; the answer comes back here."""
        if self._running:
            return
        text = self.path_edit.text().strip()
        if not text:
            self._show_message(self.tr("Choisissez d’abord le fichier à importer (Ctrl+O)."),
                               error=True)
            self.path_edit.setFocus()
            return
        path, source = Path(text), self.source_combo.currentData()
        importer = self._importer

        def work() -> ImportReport:
            return importer.import_file(path.read_bytes(), source)

        self._running = True
        self.import_button.setEnabled(False)
        self.table.setVisible(False)
        self._show_message(self.tr("Import en cours…"), error=False)
        run_task(work, owner=self, name="signals-import", on_done=self._on_imported,
                 on_error=self._on_import_failed)

    # ------------------------------------------------------------------ internals

    def _show_message(self, text: str, *, error: bool) -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet("color: #a40000; font-weight: bold;" if error else
                                        "font-weight: bold;")

    def _done(self) -> None:
        self._running = False
        self.import_button.setEnabled(True)

    def _on_imported(self, report: ImportReport) -> None:
        self._done()
        self.report = report
        self.problems = []
        self._show_message(self.tr("Import terminé : %1").replace("%1", summary_text(report)),
                           error=False)
        self.close_button.setFocus()
        self.imported.emit(report)

    def _on_import_failed(self, exc: BaseException) -> None:
        self._done()
        if isinstance(exc, SignalFileError):
            self._show_problems(list(exc.problems))
        elif isinstance(exc, OSError):
            self._show_message(self.tr("Le fichier n’a pas pu être lu : %1").replace(
                "%1", exc.strerror or str(exc)), error=True)
        else:
            self._show_message(self.tr("Rien n’a été importé : %1").replace(
                "%1", str(exc) or type(exc).__name__), error=True)

    def _show_problems(self, problems: list[Any]) -> None:
        self.problems = problems
        lines = len({p.line for p in problems})
        self._show_message(
            (self.tr("Rien n’a été importé : %1 ligne est à corriger dans le fichier.")
             if lines < 2 else
             self.tr("Rien n’a été importé : %1 lignes sont à corriger dans le fichier."))
            .replace("%1", wording.grouped(lines)), error=True)
        self.table.setRowCount(len(problems))
        for row, problem in enumerate(problems):
            values = (str(problem.line), str(problem.field), expected_text(str(problem.field)),
                      detail_text(str(problem.reason), str(problem.field)))
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                # The rules' own sentence (as the command line prints it) in the tooltip.
                item.setToolTip(str(problem) if column == 3 else value)
                self.table.setItem(row, column, item)
        self.table.setVisible(True)
        self.table.resizeRowsToContents()  # once visible: the columns have their widths
        self.table.setCurrentCell(0, 0)
        self.table.setFocus()

    def _on_browse_button_clicked(self) -> None:
        path = self._path_chooser(self)
        if path:
            self.path_edit.setText(path)
            self.import_button.setFocus()

    def done(self, result: int) -> None:
        cancel_tasks(self)
        super().done(result)
