"""The partners' follow-ups, for the counter: a notice in the main window when a sync round
brought some (which dossier, which organisme, the new status or outcome, the note), and the list
of every follow-up on this workstation, newest first, that the agent can reopen at any time.

The list is read from the local store (the orientations the partners updated), so it survives a
restart without keeping anything outside the encrypted store; the follow-ups pulled since the
window opened are marked « Nouveau ».
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui import wording
from app.ui.screen_fit import fit_to_screen

if TYPE_CHECKING:
    from app.models.database import Store
    from app.sync.ledger import PartnerUpdate

LIST_LIMIT = 500  # the follow-ups listed at most
NOTICE_LINES = 4
ID_ROLE = Qt.ItemDataRole.UserRole + 1


def follow_up_text(status: str, outcome: str | None) -> str:
    """« Clôturée — Aide accordée »."""
    parts = [wording.orientation_status_label(status)]
    if outcome:
        parts.append(wording.outcome_label(outcome))
    return " — ".join(parts)


class PartnerNotice(QFrame):
    """The notice above the list after a round that brought partner follow-ups: one line per
    follow-up (the dossier number is a link that selects it), « Tout voir… » and « Fermer ».

    Signals:
        dossier_requested(str): the agent followed a dossier's link (its id).
        list_requested(): « Tout voir… ».
    """

    dossier_requested = Signal(str)
    list_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("partner_notice")
        self.setAccessibleName(self.tr("Mises à jour des partenaires"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("QFrame#partner_notice { background: #e8f0fe; border: 1px solid "
                           "#1a73e8; border-radius: 4px; }")
        self.updates: list[PartnerUpdate] = []
        layout = QHBoxLayout(self)
        text = QVBoxLayout()
        self.title_label = QLabel(self)
        self.title_label.setObjectName("partner_notice_title")
        bold = QFont(self.title_label.font())
        bold.setBold(True)
        self.title_label.setFont(bold)
        text.addWidget(self.title_label)
        self.lines_label = QLabel(self)
        self.lines_label.setObjectName("partner_notice_lines")
        self.lines_label.setAccessibleName(self.tr("Dossiers mis à jour"))
        self.lines_label.setTextFormat(Qt.TextFormat.RichText)
        self.lines_label.setWordWrap(True)
        self.lines_label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                                 | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.lines_label.linkActivated.connect(self._on_lines_label_link_activated)
        text.addWidget(self.lines_label)
        layout.addLayout(text, 1)
        buttons = QVBoxLayout()
        self.all_button = QPushButton(self.tr("Tout voir…"), self)
        self.all_button.setObjectName("partner_notice_all")
        self.all_button.setAccessibleName(self.tr("Voir tout le suivi des partenaires"))
        self.all_button.clicked.connect(self.list_requested)
        self.close_button = QPushButton(self.tr("Fermer"), self)
        self.close_button.setObjectName("partner_notice_close")
        self.close_button.setAccessibleName(self.tr("Fermer l’avis des partenaires"))
        self.close_button.clicked.connect(self.hide)
        buttons.addWidget(self.all_button)
        buttons.addWidget(self.close_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.setVisible(False)

    def show_updates(self, updates: Sequence[PartnerUpdate]) -> None:
        """Add these follow-ups at the top of the notice and show it."""
        self.updates = [*updates, *self.updates]
        dossiers = len({u.dossier_id for u in self.updates})
        if dossiers == 1:
            self.title_label.setText(self.tr("1 dossier mis à jour par les partenaires"))
        else:
            self.title_label.setText(self.tr("%s dossiers mis à jour par les partenaires")
                                     % dossiers)
        lines = []
        for u in self.updates[:NOTICE_LINES]:
            line = self.tr("%(number)s — %(name)s : %(organisme)s, %(suivi)s") % {
                "number": f"<a href='dossier:{escape(u.dossier_id)}'>{escape(u.number)}</a>",
                "name": escape(u.name),
                "organisme": escape(wording.organisme_label(u.organisme)),
                "suivi": escape(follow_up_text(u.status, u.outcome).lower()),
            }
            if u.note:
                line += " — <i>" + escape(self.tr("« %s »") % u.note) + "</i>"
            lines.append(line)
        more = len(self.updates) - NOTICE_LINES
        if more > 0:
            lines.append(escape(self.tr("… et %s autres (Tout voir…)") % more))
        self.lines_label.setText("<br>".join(lines))
        self.setAccessibleDescription(self.title_label.text())
        self.setVisible(True)

    def clear(self) -> None:
        self.updates = []
        self.setVisible(False)

    def _on_lines_label_link_activated(self, link: str) -> None:
        if link.startswith("dossier:"):
            self.dossier_requested.emit(link.removeprefix("dossier:"))


class PartnerUpdatesDialog(QDialog):
    """Every partner follow-up on this workstation, newest first; those pulled since the window
    opened are marked « Nouveau ». « Voir le dossier » (or Entrée) selects it in the list.

    Signals:
        dossier_requested(str): show this dossier in the main window (its id).
    """

    dossier_requested = Signal(str)

    COLUMNS = ("date", "dossier", "organisme", "suivi", "note")

    def __init__(self, store: Store, *, new: Iterable[PartnerUpdate] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setObjectName("partner_updates_dialog")
        self.setWindowTitle(self.tr("Suivi des partenaires"))
        self.setAccessibleName(self.tr("Suivi des partenaires"))
        layout = QVBoxLayout(self)
        self.intro_label = QLabel(self.tr(
            "Les suites données par les partenaires aux orientations des dossiers de ce poste, "
            "les plus récentes d’abord."), self)
        self.intro_label.setWordWrap(True)
        layout.addWidget(self.intro_label)
        self.table = QTableWidget(0, len(self.COLUMNS), self)
        self.table.setObjectName("partner_updates_table")
        self.table.setAccessibleName(self.tr("Suivi des partenaires"))
        self.table.setHorizontalHeaderLabels([
            self.tr("Date"), self.tr("Dossier"), self.tr("Organisme"), self.tr("Suivi"),
            self.tr("Note du partenaire")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move in it
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setAccessibleName(self.tr("En-têtes des colonnes"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(self.COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(self._on_header_section_resized)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.table.itemSelectionChanged.connect(self._on_table_item_selection_changed)
        layout.addWidget(self.table, 1)
        self.note_label = QLabel(self)
        self.note_label.setObjectName("partner_updates_note")
        self.note_label.setAccessibleName(self.tr("Note du partenaire"))
        self.note_label.setWordWrap(True)
        self.note_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.note_label)
        self.empty_label = QLabel(self.tr("Aucun suivi de partenaire pour l’instant."), self)
        self.empty_label.setObjectName("partner_updates_empty")
        layout.addWidget(self.empty_label)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.open_button = QPushButton(self.tr("&Voir le dossier"), self)
        self.open_button.setObjectName("partner_updates_open")
        self.open_button.setAccessibleName(self.tr("Voir le dossier"))
        self.open_button.setToolTip(self.tr("Sélectionner ce dossier dans la liste (Entrée)"))
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.close_button = QPushButton(self.tr("Fermer"), self)
        self.close_button.setObjectName("partner_updates_close")
        self.close_button.setAccessibleName(self.tr("Fermer"))
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.reload(new)
        fm = self.fontMetrics()
        fit_to_screen(self, fm.averageCharWidth() * 130, fm.height() * 26)

    def reload(self, new: Iterable[PartnerUpdate] = ()) -> None:
        """Read the follow-ups again; ``new`` ones are marked."""
        fresh = {(u.dossier_id, u.organisme, u.status, u.outcome, u.note) for u in new}
        from app.sync.ledger import partner_follow_ups

        self.follow_ups = partner_follow_ups(self.store, LIST_LIMIT)
        self.table.setRowCount(len(self.follow_ups))
        bold = QFont(self.table.font())
        bold.setBold(True)
        for row, u in enumerate(self.follow_ups):
            is_new = (u.dossier_id, u.organisme, u.status, u.outcome, u.note) in fresh
            when = wording.short_date(u.updated_at, with_time=True)
            values = (
                self.tr("Nouveau\n%s") % when if is_new else when,
                f"{u.number}\n{u.name}",
                wording.organisme_label(u.organisme),
                follow_up_text(u.status, u.outcome),
                u.note or "",
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(ID_ROLE, u.dossier_id)
                if is_new:
                    item.setFont(bold)
                if column == len(values) - 1 and u.note:
                    item.setToolTip(u.note)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        self.table.setVisible(bool(self.follow_ups))
        self.note_label.setVisible(bool(self.follow_ups))
        self.empty_label.setVisible(not self.follow_ups)
        self.open_button.setEnabled(bool(self.follow_ups))
        if self.follow_ups:
            self.table.selectRow(0)

    def selected_id(self) -> str:
        items = self.table.selectedItems()
        return str(items[0].data(ID_ROLE)) if items else ""

    def _on_header_section_resized(self, _index: int, _old: int, _new: int) -> None:
        self.table.resizeRowsToContents()  # the notes wrap to the new width

    def _on_table_item_selection_changed(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.follow_ups):
            self.note_label.setText("")
            return
        u = self.follow_ups[row]
        who = wording.organisme_label(u.organisme)
        when = wording.short_date(u.updated_at, with_time=True)
        if u.note:
            self.note_label.setText(self.tr("%s, le %s : %s — « %s »") % (
                who, when, follow_up_text(u.status, u.outcome), u.note))
        else:
            self.note_label.setText(self.tr("%s, le %s : %s — pas de note") % (
                who, when, follow_up_text(u.status, u.outcome)))

    def _on_open_button_clicked(self) -> None:
        dossier_id = self.selected_id()
        if dossier_id:
            self.dossier_requested.emit(dossier_id)
            self.accept()

    def _on_table_double_clicked(self) -> None:
        self._on_open_button_clicked()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.table.hasFocus():
            self._on_open_button_clicked()
            return
        super().keyPressEvent(event)


def header_sizes(table: QTableWidget) -> list[int]:
    """Column widths (for tests of truncation)."""
    header: QHeaderView = table.horizontalHeader()
    return [header.sectionSize(c) for c in range(header.count())]
