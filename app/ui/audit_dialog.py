"""The audit viewer of an ``admin`` account: the central store's audit log, newest first,
filtered by dossier (number or id), agent, action and dates; « Plus anciens » pages back.

Read-only. The rows come from ``fetch`` (app.sync.audit_log: ``GET /admin/audit``), called
when the agent asks (one short request; the dialog shows when the store cannot be reached).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
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

from app.sync.audit_log import PAGE, AuditUnavailable, audit_params
from app.ui import wording

Fetch = Callable[[Mapping[str, str]], list[dict[str, Any]]]


class AuditDialog(QDialog):
    """Filters above, the rows below (N°, date, agent, action, dossier, detail)."""

    def __init__(self, fetch: Fetch, parent: QWidget | None = None, *,
                 page: int = PAGE) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._page = page
        self._oldest: int | None = None
        self.setObjectName("audit_dialog")
        self.setWindowTitle(self.tr("Journal d’audit du serveur central"))
        layout = QVBoxLayout(self)

        form = QFormLayout()
        self.dossier_edit = QLineEdit(self)
        self.dossier_edit.setObjectName("audit_dossier")
        self.dossier_edit.setAccessibleName(self.tr("Dossier (numéro ou identifiant)"))
        form.addRow(self.tr("&Dossier :"), self.dossier_edit)
        self.agent_edit = QLineEdit(self)
        self.agent_edit.setObjectName("audit_agent")
        self.agent_edit.setAccessibleName(self.tr("Identifiant de l’agent"))
        form.addRow(self.tr("A&gent :"), self.agent_edit)
        self.action_edit = QLineEdit(self)
        self.action_edit.setObjectName("audit_action")
        self.action_edit.setAccessibleName(self.tr("Action"))
        self.action_edit.setToolTip(self.tr("Action exacte, ou début suivi de * (partner_*)"))
        form.addRow(self.tr("A&ction :"), self.action_edit)

        dates = QHBoxLayout()
        self.since_check = QCheckBox(self.tr("&Depuis le"), self)
        self.since_check.setObjectName("audit_since_check")
        self.since_edit = QDateEdit(QDate.currentDate().addDays(-30), self)
        self.since_edit.setObjectName("audit_since")
        self.since_edit.setCalendarPopup(True)
        self.since_edit.setAccessibleName(self.tr("Depuis le"))
        self.until_check = QCheckBox(self.tr("&Jusqu’au"), self)
        self.until_check.setObjectName("audit_until_check")
        self.until_edit = QDateEdit(QDate.currentDate(), self)
        self.until_edit.setObjectName("audit_until")
        self.until_edit.setCalendarPopup(True)
        self.until_edit.setAccessibleName(self.tr("Jusqu’au"))
        for widget in (self.since_check, self.since_edit, self.until_check, self.until_edit):
            dates.addWidget(widget)
        dates.addStretch(1)
        form.addRow(self.tr("Dates :"), dates)
        layout.addLayout(form)

        buttons = QHBoxLayout()
        self.search_button = QPushButton(self.tr("&Rechercher"), self)
        self.search_button.setObjectName("audit_search")
        self.search_button.setDefault(True)
        self.search_button.clicked.connect(self.search)
        self.older_button = QPushButton(self.tr("&Plus anciens"), self)
        self.older_button.setObjectName("audit_older")
        self.older_button.setEnabled(False)
        self.older_button.clicked.connect(self.load_older)
        buttons.addWidget(self.search_button)
        buttons.addWidget(self.older_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        self.table = QTableWidget(0, 6, self)
        self.table.setObjectName("audit_table")
        self.table.setAccessibleName(self.tr("Lignes du journal d’audit"))
        self.table.setHorizontalHeaderLabels([
            self.tr("N°"), self.tr("Date"), self.tr("Agent"), self.tr("Action"),
            self.tr("Dossier"), self.tr("Détail")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(
            5, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)

        self.status = QLabel(self)
        self.status.setObjectName("audit_status")
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("État de la recherche"))
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.resize(self.fontMetrics().averageCharWidth() * 120,
                    self.fontMetrics().height() * 30)

    # ------------------------------------------------------------------ filters

    @staticmethod
    def _date(edit: QDateEdit) -> date:
        value = edit.date()
        return date(value.year(), value.month(), value.day())

    def params(self, before: int | None = None) -> dict[str, str]:
        """The request's query for the filters shown."""
        return audit_params(
            dossier=self.dossier_edit.text(), agent=self.agent_edit.text(),
            action=self.action_edit.text(),
            since=self._date(self.since_edit) if self.since_check.isChecked() else None,
            until=self._date(self.until_edit) if self.until_check.isChecked() else None,
            before=before, limit=self._page)

    # ------------------------------------------------------------------ rows

    def search(self) -> None:
        """Read the newest rows matching the filters, replacing those shown."""
        self.table.setRowCount(0)
        self._oldest = None
        self._load(self.params())

    def load_older(self) -> None:
        """Read the rows before the oldest one shown, appended below."""
        if self._oldest is not None:
            self._load(self.params(before=self._oldest))

    def _load(self, params: Mapping[str, str]) -> None:
        try:
            rows = self._fetch(params)
        except AuditUnavailable as exc:
            if exc.kind == "forbidden":
                self.status.setText(self.tr(
                    "Le journal d’audit est réservé aux comptes administrateurs connectés."))
            elif exc.kind == "network":
                self.status.setText(self.tr(
                    "Le serveur central ne répond pas : réessayez plus tard."))
            else:
                self.status.setText(self.tr("Le serveur central a refusé la recherche : %1")
                                    .replace("%1", exc.detail))
            self.older_button.setEnabled(False)
            return
        for entry in rows:
            self._append(entry)
        if rows:
            self._oldest = int(rows[-1]["seq"])
        limit = int(params.get("limit", "0") or 0)
        self.older_button.setEnabled(bool(rows) and len(rows) >= limit > 0)
        count = self.table.rowCount()
        self.status.setText(self.tr("%n ligne affichée.", "", count) if count < 2 else
                            self.tr("%n lignes affichées.", "", count))

    def _append(self, entry: Mapping[str, Any]) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        at = str(entry.get("at") or "")
        shown_at = wording.iso_datetime(at, seconds=True)
        values = [str(entry.get("seq", "")), shown_at, str(entry.get("agent") or ""),
                  str(entry.get("action") or ""), str(entry.get("dossier_id") or ""),
                  str(entry.get("detail") or "")]
        for column, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            self.table.setItem(row, column, item)
