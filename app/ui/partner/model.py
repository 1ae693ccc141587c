"""The partner inbox's list: the rows of the dossiers as the central store sent them, page after
page (urgent first, then by number). The store searches and filters (app.server.services.inbox);
:class:`PartnerFilter` names its follow-up filters."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from app.forms.codes import COUNTER_STATUSES, ORIENTATION_STATUSES
from app.forms.workdays import stale_working_days
from app.sync.partner import InboxRow
from app.ui import wording
from app.ui.table_model import RowsTableModel

ID_ROLE = Qt.ItemDataRole.UserRole + 1
# The statuses a partner may see on its orientations, in the order a dossier goes through them.
SHOWN_STATUSES = ORIENTATION_STATUSES
# Not taken in hand by the organisme yet (the partner reads both as « Transmise »).
NEW_STATUSES = frozenset(COUNTER_STATUSES)
STALE_BACKGROUND = "#fff4ce"  # « Sans nouvelle » (the banners' warning yellow)


class PartnerInboxModel(RowsTableModel):
    """The rows of the inbox read so far, in the store's order (urgent first)."""

    COLUMNS = ("urgent", "number", "name", "status", "updated_at")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[InboxRow] = []
        self._headers = {
            "urgent": self.tr("Urgent"),
            "number": self.tr("N° de dossier"),
            "name": self.tr("Nom"),
            "status": self.tr("Suivi"),
            "updated_at": self.tr("Mis à jour le"),
        }

    # ------------------------------------------------------------------ content

    @property
    def rows(self) -> list[InboxRow]:
        return list(self._rows)

    def set_rows(self, rows: list[InboxRow] | tuple[InboxRow, ...]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def append_rows(self, rows: tuple[InboxRow, ...]) -> None:
        """The next page's rows after those shown (any already shown is left out)."""
        known = {row.id for row in self._rows}
        new = [row for row in rows if row.id not in known]
        if not new:
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(new) - 1)
        self._rows += new
        self.endInsertRows()

    def row_of(self, dossier_id: str) -> int:
        return next((i for i, d in enumerate(self._rows) if d.id == dossier_id), -1)

    def row(self, dossier_id: str) -> InboxRow | None:
        row = self.row_of(dossier_id)
        return self._rows[row] if row >= 0 else None

    def replace(self, item: InboxRow) -> None:
        row = self.row_of(item.id)
        if row < 0:
            return
        self._rows[row] = item
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def remove(self, dossier_id: str) -> None:
        row = self.row_of(dossier_id)
        if row < 0:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()

    # ------------------------------------------------------------------ Qt

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        dossier = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == ID_ROLE:
            return dossier.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(dossier, column, role)
        if role == Qt.ItemDataRole.BackgroundRole and column == "status" \
                and dossier.sans_nouvelle:
            return QColor(STALE_BACKGROUND)  # « Sans nouvelle »: the organisme's turn
        if role == Qt.ItemDataRole.ForegroundRole and column == "status" \
                and dossier.sans_nouvelle:
            return QColor("#000000")  # on the yellow, whatever the palette
        if role == Qt.ItemDataRole.FontRole and dossier.follow_up.status in NEW_STATUSES:
            font = QFont()
            font.setBold(True)  # not acknowledged yet, like an unread message
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "status" and dossier.sans_nouvelle:
                days = stale_working_days()
                return (self.tr("Sans nouvelle : aucune action de votre organisme depuis %n jour "
                                "ouvré", "", days) if days < 2 else
                        self.tr("Sans nouvelle : aucune action de votre organisme depuis %n "
                                "jours ouvrés", "", days))
            if column == "status" and dossier.follow_up.status in NEW_STATUSES:
                return self.tr("Pas encore pris en charge par votre organisme")
            if column == "urgent" and dossier.urgent:
                return self.tr("Dossier urgent : à traiter en priorité")
            if column == "status" and dossier.follow_up.note:
                return self.tr("Note pour le guichet : %s") % dossier.follow_up.note
            return self._text(dossier, column, Qt.ItemDataRole.DisplayRole) or None
        return None

    def _text(self, dossier: InboxRow, column: str, role: int) -> str:
        if column == "urgent":
            if dossier.urgent:
                return self.tr("Urgent")
            return self.tr("Non urgent") if role == Qt.ItemDataRole.AccessibleTextRole else ""
        if column == "number":
            return dossier.number
        if column == "name":
            return dossier.display_name
        if column == "status":
            label = wording.follow_up_label(dossier.follow_up.status, dossier.follow_up.outcome)
            if dossier.sans_nouvelle:
                return self.tr("%s — %s") % (label, wording.stale_label().lower())
            return label
        if column == "updated_at":
            return wording.local_datetime(dossier.follow_up.updated_at)
        return ""


class PartnerFilter:
    """The follow-up filters of the list, as the store names them (besides a status, where
    ``transmise`` means not taken in hand yet)."""

    OPEN = "open"  # every status but « Clôturée »
    STALE = "sans_nouvelle"  # no action of the organisme for stale_working_days() working days
