"""The partner inbox's list: the dossiers as the central store sent them (urgent first), and the
search and follow-up filter over them."""

from __future__ import annotations

import unicodedata
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from app.forms.codes import COUNTER_STATUSES, ORIENTATION_STATUSES
from app.forms.workdays import stale_working_days
from app.sync.partner import PartnerDossier
from app.ui import wording
from app.ui.table_model import RowsTableModel

ID_ROLE = Qt.ItemDataRole.UserRole + 1
# The statuses a partner may see on its orientations, in the order a dossier goes through them.
SHOWN_STATUSES = ORIENTATION_STATUSES
# Not taken in hand by the organisme yet (the partner reads both as « Transmise »).
NEW_STATUSES = frozenset(COUNTER_STATUSES)
STALE_BACKGROUND = "#fff4ce"  # « Sans nouvelle » (the banners' warning yellow)


def _folded(text: str) -> str:
    """Lower case without accents, for searching « gwenaelle » in « Gwenaëlle »."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class PartnerInboxModel(RowsTableModel):
    """The dossiers of the inbox, in the store's order (urgent first)."""

    COLUMNS = ("urgent", "number", "name", "status", "updated_at")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[PartnerDossier] = []
        self._headers = {
            "urgent": self.tr("Urgent"),
            "number": self.tr("N° de dossier"),
            "name": self.tr("Nom"),
            "status": self.tr("Suivi"),
            "updated_at": self.tr("Mis à jour le"),
        }

    # ------------------------------------------------------------------ content

    @property
    def dossiers(self) -> list[PartnerDossier]:
        return list(self._rows)

    def set_dossiers(self, dossiers: list[PartnerDossier]) -> None:
        self.beginResetModel()
        self._rows = list(dossiers)
        self.endResetModel()

    def row_of(self, dossier_id: str) -> int:
        return next((i for i, d in enumerate(self._rows) if d.id == dossier_id), -1)

    def dossier(self, dossier_id: str) -> PartnerDossier | None:
        row = self.row_of(dossier_id)
        return self._rows[row] if row >= 0 else None

    def replace(self, dossier: PartnerDossier) -> None:
        row = self.row_of(dossier.id)
        if row < 0:
            return
        self._rows[row] = dossier
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

    def _text(self, dossier: PartnerDossier, column: str, role: int) -> str:
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


class PartnerFilter(QSortFilterProxyModel):
    """Search (number, name; accents and case ignored) and the follow-up filter."""

    OPEN = "open"  # every status but « Clôturée »
    STALE = "sans_nouvelle"  # no action of the organisme for stale_working_days() working days

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._status: str | None = None

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._text = _folded(text.strip())
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_status(self, status: str | None) -> None:
        self.beginFilterChange()
        self._status = status
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int,
                         source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        if not isinstance(model, PartnerInboxModel):
            return True
        dossier = model.dossiers[source_row]
        status = dossier.follow_up.status
        if self._status == self.OPEN and status == "cloturee":
            return False
        if self._status == self.STALE and not dossier.sans_nouvelle:
            return False
        if self._status == "transmise" and status not in NEW_STATUSES:
            return False
        if self._status not in (None, self.OPEN, self.STALE, "transmise") \
                and status != self._status:
            return False
        if not self._text:
            return True
        haystack = _folded(" ".join((dossier.number, str(dossier.identity.get("nom") or ""),
                                     str(dossier.identity.get("prenom") or ""),
                                     str(dossier.identity.get("nom_naissance") or ""))))
        return all(word in haystack for word in self._text.split())
