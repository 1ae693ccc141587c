"""Dossiers en quarantaine: the records the central store refused, with its reason in words.

A refused revision stays on this workstation (nothing is lost) and is not sent again as it is.
« Ouvrir le dossier » opens it in the workflow; once corrected and saved, the new revision is
sent by the next round (the entry shows « Corrigé : nouvel envoi à la prochaine
synchronisation » until the store accepts it, and then leaves the list).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.sync import ledger
from app.ui import wording
from app.ui.screen_fit import fit_to_screen

if TYPE_CHECKING:
    from app.models.database import Store

ID_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class QuarantinedDossier(ledger.QuarantinedDossier):
    """A dossier with an open refusal (app.sync.ledger), with the store's reason in words."""

    def reason_text(self) -> str:
        """The store's reason as a sentence in French."""
        return wording.refusal_label(self.reason,
                                     wording.questionnaire_or_none(self.questionnaire))


def quarantined_dossiers(store: Store) -> list[QuarantinedDossier]:
    """One entry per dossier with an open refusal (its newest), oldest refusal first."""
    return [QuarantinedDossier(**{f.name: getattr(entry, f.name) for f in fields(entry)})
            for entry in ledger.quarantined_dossiers(store)]


class QuarantineDialog(QDialog):
    """The list of quarantined dossiers and, for the selected one, the reason in full.

    Signals:
        open_requested(str): « Ouvrir le dossier » (its id): open it in the workflow to fix it.
    """

    open_requested = Signal(str)

    COLUMNS = 5
    STATE, REASON = 3, 4

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.entries: list[QuarantinedDossier] = []
        self.setObjectName("quarantine_dialog")
        self.setWindowTitle(self.tr("Dossiers en quarantaine"))
        self.setAccessibleName(self.tr("Dossiers en quarantaine"))
        layout = QVBoxLayout(self)
        self.intro_label = QLabel(self.tr(
            "Le serveur central a refusé ces dossiers. Ils restent sur ce poste, rien n’est "
            "perdu, mais ils ne sont pas renvoyés tels quels : ouvrez le dossier, corrigez ce "
            "que dit le motif et enregistrez ; la synchronisation suivante l’enverra de "
            "nouveau."), self)
        self.intro_label.setObjectName("quarantine_intro")
        self.intro_label.setWordWrap(True)
        layout.addWidget(self.intro_label)

        self.table = QTableWidget(0, self.COLUMNS, self)
        self.table.setObjectName("quarantine_table")
        self.table.setAccessibleName(self.tr("Dossiers refusés par le serveur central"))
        self.table.setHorizontalHeaderLabels([
            self.tr("N° de dossier"), self.tr("Nom"), self.tr("Refusé le"), self.tr("État"),
            self.tr("Motif")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move in it
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setAccessibleName(self.tr("En-têtes des colonnes"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.REASON, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(self._on_header_section_resized)
        self.table.itemSelectionChanged.connect(self._on_table_item_selection_changed)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        layout.addWidget(self.table, 1)

        self.empty_label = QLabel(self.tr("Aucun dossier en quarantaine : le serveur central "
                                          "a accepté tous les dossiers envoyés."), self)
        self.empty_label.setObjectName("quarantine_empty")
        self.empty_label.setWordWrap(True)
        layout.addWidget(self.empty_label)

        self.details_box = QGroupBox(self.tr("Motif du refus"), self)
        self.details_box.setObjectName("quarantine_details")
        self.details_box.setAccessibleName(self.tr("Motif du refus"))
        details = QVBoxLayout(self.details_box)
        self.reason_label = QLabel(self.details_box)
        self.reason_label.setObjectName("quarantine_reason")
        self.reason_label.setAccessibleName(self.tr("Motif du refus"))
        self.reason_label.setWordWrap(True)
        self.reason_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bold = QFont(self.reason_label.font())
        bold.setBold(True)
        self.reason_label.setFont(bold)
        details.addWidget(self.reason_label)
        self.raw_label = QLabel(self.details_box)
        self.raw_label.setObjectName("quarantine_raw_reason")
        self.raw_label.setAccessibleName(self.tr("Motif donné par le serveur"))
        self.raw_label.setWordWrap(True)
        self.raw_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.raw_label.setStyleSheet("QLabel { color: #555555; }")
        details.addWidget(self.raw_label)
        layout.addWidget(self.details_box)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.open_button = QPushButton(self.tr("&Ouvrir le dossier"), self)
        self.open_button.setObjectName("quarantine_open")
        self.open_button.setAccessibleName(self.tr("Ouvrir le dossier"))
        self.open_button.setToolTip(self.tr("Ouvrir le dossier sélectionné pour le corriger "
                                            "(Entrée)"))
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.close_button = QPushButton(self.tr("Fermer"), self)
        self.close_button.setObjectName("quarantine_close")
        self.close_button.setAccessibleName(self.tr("Fermer"))
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)

        fm = self.fontMetrics()
        fit_to_screen(self, fm.averageCharWidth() * 140, fm.height() * 28)
        self.reload()

    def reload(self) -> None:
        """Read the quarantine again (after a round or a correction)."""
        selected = self.selected_id()
        self.entries = quarantined_dossiers(self.store)
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            reason = entry.reason_text()
            state = self.tr("Corrigé, à renvoyer") if entry.corrected else self.tr("À corriger")
            tips = {self.STATE: self.tr("Corrigé : nouvel envoi à la prochaine synchronisation")
                    if entry.corrected else self.tr("Ouvrez le dossier pour le corriger"),
                    self.REASON: self.tr("Motif donné par le serveur : %s") % entry.reason}
            for column, value in enumerate((
                    entry.number or "—", entry.name or "—",
                    wording.short_date(entry.at.isoformat(), with_time=True), state, reason)):
                item = QTableWidgetItem(value)
                item.setData(ID_ROLE, entry.dossier_id)
                item.setToolTip(tips.get(column, value))
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        has = bool(self.entries)
        self.table.setVisible(has)
        self.details_box.setVisible(has)
        self.empty_label.setVisible(not has)
        self.open_button.setEnabled(has)
        if has:
            ids = [e.dossier_id for e in self.entries]
            self.table.selectRow(ids.index(selected) if selected in ids else 0)
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self._show_details()

    def selected_id(self) -> str:
        items = self.table.selectedItems() if self.table.rowCount() else []
        return str(items[0].data(ID_ROLE)) if items else ""

    def selected_entry(self) -> QuarantinedDossier | None:
        dossier_id = self.selected_id()
        return next((e for e in self.entries if e.dossier_id == dossier_id), None)

    def _show_details(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            self.reason_label.setText("")
            self.raw_label.setText("")
            return
        self.reason_label.setText(entry.reason_text())
        self.raw_label.setText(self.tr("Motif donné par le serveur : %s") % entry.reason)
        self.open_button.setEnabled(bool(entry.number))

    def _on_header_section_resized(self, _index: int, _old: int, _new: int) -> None:
        self.table.resizeRowsToContents()  # the reasons wrap to the new width

    # ------------------------------------------------------------------ slots

    def _on_table_item_selection_changed(self) -> None:
        self._show_details()

    def _on_open_button_clicked(self) -> None:
        entry = self.selected_entry()
        if entry is not None and entry.number:
            self.open_requested.emit(entry.dossier_id)
            self.accept()

    def _on_table_double_clicked(self) -> None:
        self._on_open_button_clicked()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.table.hasFocus():
            self._on_open_button_clicked()
            return
        super().keyPressEvent(event)
