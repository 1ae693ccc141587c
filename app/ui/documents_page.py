"""The documents page: the dossier's printable documents (summary, one letter per organisme with
consent, consent form); each opens the print preview, and a print or PDF save is recorded in the
dossier. A document printed whose content changed since (a correction of the dossier) is shown
as to be reprinted, as a new version (« Lettre à réimprimer : Caf — … (version 2) »)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.document_service import DocumentChoice, DocumentService, Reprint, printed_versions
from app.documents import DocumentError, RenderedDocument
from app.forms.questionnaire import Questionnaire
from app.ui import wording
from app.ui.print_preview import (
    PrinterFactory,
    PrintPreviewDialog,
    ask_printer,
    load_pdf,
    print_pdfs,
)

CHOICE_ROLE = Qt.ItemDataRole.UserRole
PRINT_ALL_KEYS = "Ctrl+Shift+I"
OnDelivered = Callable[[RenderedDocument], None]
# Who accessed a dossier on the central store (rows of ``at``, ``agent``, ``action``…), by
# dossier id; None when the store is not reached.
AccessesProvider = Callable[[str], "list[dict[str, Any]] | None"]
DialogFactory = Callable[[RenderedDocument, OnDelivered, QWidget], QDialog]


def default_dialog_factory(document: RenderedDocument, on_delivered: OnDelivered,
                           parent: QWidget) -> QDialog:
    return PrintPreviewDialog(document, on_delivered=on_delivered, parent=parent)


class DocumentsPage(QWidget):
    """The documents to print for a dossier.

    Signals:
        delivered(str): a document of this kind was printed or saved, and recorded (« all »
            after « Tout imprimer »).
        printed_all(int): « Tout imprimer » sent this many documents to the printer.
    """

    delivered = Signal(str)
    printed_all = Signal(int)

    def __init__(self, documents: DocumentService, agent: Callable[[], str],
                 parent: QWidget | None = None,
                 *, dialog_factory: DialogFactory = default_dialog_factory,
                 printer_factory: PrinterFactory = ask_printer,
                 accesses_provider: AccessesProvider | None = None) -> None:
        super().__init__(parent)
        self._documents = documents
        # Without a provider, the statement says the central store's accesses are not available.
        self.accesses_provider = accesses_provider
        self._agent = agent
        self._dialog_factory = dialog_factory
        # The printer « Tout imprimer » asks for (the system print dialog); tests give a PDF.
        self.printer_factory = printer_factory
        self._ref = ""
        self.dialog: QDialog | None = None
        self.setAccessibleName(self.tr("Documents du dossier"))
        self.title_label = QLabel(self.tr("Documents à imprimer ou enregistrer en PDF"), self)
        self.title_label.setAccessibleName(self.title_label.text())
        font = self.title_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title_label.setFont(font)
        self.note_label = QLabel(self)
        self.note_label.setWordWrap(True)
        self.note_label.setAccessibleName(self.tr("Remarque"))
        # The documents printed whose content changed since: a new version is to be printed.
        self.reprint_label = QLabel(self)
        self.reprint_label.setWordWrap(True)
        self.reprint_label.setTextFormat(Qt.TextFormat.PlainText)
        self.reprint_label.setAccessibleName(self.tr("Documents à réimprimer"))
        reprint_font = self.reprint_label.font()
        reprint_font.setBold(True)
        self.reprint_label.setFont(reprint_font)
        self.reprint_label.hide()
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Documents"))
        list_font = self.list.font()
        list_font.setPointSizeF(list_font.pointSizeF() * 1.2)
        self.list.setFont(list_font)
        self.list.setSpacing(4)
        self.list.itemActivated.connect(self._on_list_item_activated)
        self.open_button = QPushButton(self.tr("&Aperçu et impression… (Entrée)"), self)
        self.open_button.setAccessibleName(self.tr("Aperçu et impression"))
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.print_all_button = QPushButton(self.tr("&Tout imprimer… (Ctrl+Maj+I)"), self)
        self.print_all_button.setAccessibleName(self.tr("Tout imprimer"))
        self.print_all_button.setToolTip(self.tr(
            "Imprimer en une fois la synthèse, les courriers d’orientation et le formulaire de "
            "consentement, avec un seul choix d’imprimante (Ctrl+Maj+I)"))
        self.print_all_button.clicked.connect(self._on_print_all_button_clicked)
        # The person's « Relevé de vos données » (right of access): not among « Tout imprimer ».
        self.access_button = QPushButton(self.tr("Re&levé de vos données…"), self)
        self.access_button.setAccessibleName(self.tr("Relevé de vos données"))
        self.access_button.setToolTip(self.tr(
            "Tout ce que le dossier contient sur la personne, à lui remettre si elle le demande "
            "(droit d’accès)"))
        self.access_button.clicked.connect(self._on_access_button_clicked)
        self.history_label = QLabel(self.tr("Déjà imprimés"), self)
        self.history_label.setAccessibleName(self.history_label.text())
        self.history = QTreeWidget(self)
        self.history.setAccessibleName(self.tr("Documents déjà imprimés : quoi, quand, par qui"))
        self.history.setHeaderLabels([self.tr("Document"), self.tr("Imprimé le"),
                                      self.tr("Par")])
        self.history.header().setAccessibleName(self.tr("Colonnes des documents imprimés"))
        self.history.setRootIsDecorated(False)
        self.history.setItemsExpandable(False)
        self.history.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.history.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.history.setMaximumHeight(self.fontMetrics().height() * 9)
        help_line = QLabel(self.tr("↑↓ : choisir · Entrée : aperçu et impression · Ctrl+P : "
                                   "synthèse · Ctrl+Maj+I : tout imprimer · Échap : quitter"),
                           self)
        help_line.setWordWrap(True)
        help_line.setAccessibleName(help_line.text())
        bottom = QHBoxLayout()
        bottom.addWidget(help_line, 1)
        bottom.addWidget(self.access_button)
        bottom.addWidget(self.print_all_button)
        bottom.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.note_label)
        layout.addWidget(self.reprint_label)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.history_label)
        layout.addWidget(self.history)
        layout.addLayout(bottom)
        shortcut = QShortcut(QKeySequence.StandardKey.Print, self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self._on_print_shortcut_activated)
        print_all = QShortcut(QKeySequence(PRINT_ALL_KEYS), self)
        print_all.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        print_all.activated.connect(self.print_all)

    def load(self, ref: str, questionnaire: Questionnaire, record: dict[str, Any]) -> None:
        self._ref = ref
        self.list.clear()
        printed: dict[tuple[str, str | None], str] = {}
        for entry in record.get("printed", []):
            key = (str(entry.get("kind")), entry.get("organisme"))
            printed[key] = str(entry.get("printed_at", ""))
        try:
            reprints = self._documents.to_reprint(ref)
        except DocumentError:  # said when the document is opened; the list still shows
            reprints = []
        changed = {(r.kind.value, r.organisme): r for r in reprints}
        for choice in self._documents.choices(ref):
            name = (questionnaire.organisme(choice.organisme).name
                    if choice.organisme else None)
            text = wording.document_label(choice.kind.value, name)
            when = printed.get((choice.kind.value, choice.organisme))
            reprint = changed.get((choice.kind.value, choice.organisme))
            if reprint is not None:
                text += " — " + self.tr(
                    "à réimprimer, version %1 : le contenu a changé depuis le %2").replace(
                    "%1", str(reprint.version)).replace(
                    "%2", reprint.previous.strftime(wording.DATE_FORMAT))
            elif when:
                text += " — " + self.tr("imprimé le %1").replace("%1", _day(when))
            item = QListWidgetItem(text, self.list)
            item.setData(CHOICE_ROLE, choice)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
        self._load_history(questionnaire, record)
        self._load_reprints(questionnaire, reprints)
        letters = sum(1 for i in range(self.list.count())
                      if self.choice_at(i).kind.value == "letter")
        self.note_label.setText(
            self.tr("Aucun courrier d’orientation : aucun organisme n’a le consentement de la "
                    "personne.") if not letters else
            self.tr("Un courrier par organisme qui a le consentement de la personne."))
        self.list.setCurrentRow(0)
        self.list.setFocus()

    def _load_reprints(self, questionnaire: Questionnaire, reprints: list[Reprint]) -> None:
        """One line per document printed whose content changed since its last print."""
        lines = []
        for reprint in reprints:
            day, version = reprint.previous.strftime(wording.DATE_FORMAT), str(reprint.version)
            if reprint.organisme:
                line = self.tr("Lettre à réimprimer : %1 — le contenu a changé depuis la lettre "
                               "du %2 (version %3)").replace(
                    "%1", questionnaire.organisme(reprint.organisme).short_name)
                lines.append(line.replace("%2", day).replace("%3", version))
            elif reprint.kind.value == "summary":
                lines.append(self.tr("Synthèse à réimprimer — le contenu a changé depuis celle "
                                     "du %1 (version %2)").replace("%1", day)
                             .replace("%2", version))
            else:
                lines.append(self.tr("Formulaire de consentement à réimprimer — le contenu a "
                                     "changé depuis celui du %1 (version %2)").replace("%1", day)
                             .replace("%2", version))
        self.reprint_label.setText("\n".join(lines))
        self.reprint_label.setAccessibleDescription(" ".join(lines))
        self.reprint_label.setVisible(bool(lines))

    def _load_history(self, questionnaire: Questionnaire, record: dict[str, Any]) -> None:
        """What was printed, when and by whom, most recent first; the version of each print
        when a document was printed with more than one content."""
        self.history.clear()
        entries = sorted(record.get("printed", []), key=lambda e: str(e.get("printed_at", "")))
        rows = []
        for entry in entries:
            kind, organisme = str(entry.get("kind")), entry.get("organisme")
            name = questionnaire.organisme(organisme).name if organisme else None
            label = wording.document_label(kind, name)
            try:
                versions = [v.content_hash for v in printed_versions(record, kind, organisme)]
            except ValueError:
                versions = []
            digest = entry.get("content_hash")
            if len(versions) > 1 and digest in versions:
                label = self.tr("%1 (version %2)").replace("%1", label).replace(
                    "%2", str(versions.index(digest) + 1))
            rows.append([label, _day(str(entry.get("printed_at", ""))),
                         str(entry.get("agent") or "")])
        for texts in reversed(rows):
            item = QTreeWidgetItem(self.history, texts)
            item.setData(0, Qt.ItemDataRole.AccessibleTextRole, " — ".join(texts))
        for column in range(self.history.columnCount()):
            self.history.resizeColumnToContents(column)
        empty = not rows
        self.history_label.setText(self.tr("Aucun document imprimé pour l’instant.") if empty
                                   else self.tr("Déjà imprimés"))
        self.history_label.setAccessibleName(self.history_label.text())
        self.history.setVisible(not empty)

    def choice_at(self, row: int) -> DocumentChoice:
        item = self.list.item(row)
        value = item.data(CHOICE_ROLE)
        assert isinstance(value, DocumentChoice)
        return value

    def choices(self) -> list[DocumentChoice]:
        return [self.choice_at(i) for i in range(self.list.count())]

    def has_unsaved_input(self) -> bool:
        return False

    def focus_first(self) -> None:
        self.list.setFocus()

    def open_choice(self, choice: DocumentChoice) -> QDialog | None:
        try:
            document = self._documents.render(self._ref, choice.kind, choice.organisme,
                                              mark_duplicate=True)
        except Exception as exc:
            QMessageBox.critical(self, self.tr("Document indisponible"),
                                 self.tr("Le document n’a pas pu être préparé : %1").replace(
                                     "%1", str(exc)))
            return None
        ref = self._ref

        def on_delivered(doc: RenderedDocument) -> None:
            self._documents.record_print(ref, doc, agent=self._agent())
            self.delivered.emit(doc.kind.value)

        dialog = self._dialog_factory(document, on_delivered, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._on_dialog_finished)
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_access_statement(self) -> QDialog | None:
        """The print preview of the « Relevé de vos données »; its print is not recorded as a
        document of the dossier."""
        if not self._ref:
            return None
        try:
            record = self._documents.record(self._ref)
            accesses = (self.accesses_provider(str(record["id"]))
                        if self.accesses_provider is not None else None)
            document = self._documents.render_access(self._ref, accesses=accesses)
        except Exception as exc:
            QMessageBox.critical(self, self.tr("Document indisponible"),
                                 self.tr("Le document n’a pas pu être préparé : %1").replace(
                                     "%1", str(exc)))
            return None
        dialog = self._dialog_factory(document, lambda _doc: None, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._on_dialog_finished)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _on_access_button_clicked(self) -> None:
        self.open_access_statement()

    def print_all(self) -> int:
        """« Tout imprimer »: every document the situation calls for (the summary, one letter
        per organisme with an orientation and a given, unrevoked consent, the consent form),
        after one printer dialog, as one print job; then every print is recorded in the dossier
        as one change. Returns how many documents were printed (0: cancelled or failed)."""
        choices = self.choices()
        if not self._ref or not choices:
            return 0
        try:
            documents = [self._documents.render(self._ref, c.kind, c.organisme,
                                               mark_duplicate=True) for c in choices]
        except Exception as exc:
            QMessageBox.critical(self, self.tr("Document indisponible"),
                                 self.tr("Le document n’a pas pu être préparé : %1").replace(
                                     "%1", str(exc)))
            return 0
        printer = self.printer_factory(self)
        if printer is None:
            return 0
        printer.setDocName(documents[0].filename.replace("-synthese", "-documents"))
        holder = QObject()  # the PDFs being printed, freed with it
        try:
            print_pdfs([load_pdf(d.pdf, holder) for d in documents], printer)
        except OSError as exc:
            QMessageBox.critical(self, self.tr("Impression impossible"),
                                 self.tr("Les documents n’ont pas pu être imprimés : %1")
                                 .replace("%1", str(exc)))
            return 0
        try:
            self._documents.record_prints(self._ref, documents, agent=self._agent())
        except Exception as exc:  # the paper is out: say so
            QMessageBox.warning(self, self.tr("Impression non enregistrée"),
                                self.tr("Les documents sont sortis, mais leur impression n’a "
                                        "pas pu être notée dans le dossier : %1")
                                .replace("%1", str(exc)))
        else:
            self.delivered.emit("all")
        self.printed_all.emit(len(documents))
        return len(documents)

    def _on_print_all_button_clicked(self) -> None:
        self.print_all()

    def _on_dialog_finished(self, _result: int) -> None:
        self.dialog = None
        self.window().activateWindow()  # back to the dossier, keyboard ready
        self.list.setFocus()

    def _on_list_item_activated(self, item: QListWidgetItem) -> None:
        self.open_choice(self.choice_at(self.list.row(item)))

    def _on_open_button_clicked(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.open_choice(self.choice_at(row))

    def _on_print_shortcut_activated(self) -> None:
        if self.list.count():
            self.list.setCurrentRow(0)
            self.open_choice(self.choice_at(0))


def _day(value: str) -> str:
    return wording.iso_datetime(value, at=True)
