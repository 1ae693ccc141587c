"""« Agenda »: the call-backs and appointments of one day — the site's at the counter
(``DossierService.agenda``), the organisme's in the partner inbox (``PartnerClient.agenda``).

The day is read off the GUI thread (:func:`app.ui.tasks.run_task`): the loader may read the local
store or ask the central store. Keyboard: ← and → change the day, T comes back to today, Entrée
(or a double click) opens the dossier of the row; Tab reaches the buttons and the date field.

Every row is an :class:`AgendaRow`, built by :func:`agenda_row` from what a loader returns (the
service's frozen items or the store's JSON objects), so both windows show the same table.

Signals of :class:`AgendaView`:
    dossier_requested(str): the agent asked to open a row's dossier (its id).
    loaded(int): a day was read (how many rows).
    failed(str): a day could not be read (the French message shown).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import (
    QDate,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QColor, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.ui import wording
from app.ui.screen_fit import fit_to_screen
from app.ui.table_model import RowsTableModel
from app.ui.tasks import Task, cancel_tasks, run_task

log = logging.getLogger(__name__)

ID_ROLE = Qt.ItemDataRole.UserRole + 1
Loader = Callable[[date], Sequence[Any]]


@dataclass(frozen=True)
class AgendaRow:
    """One call-back or appointment of the day, as the Agenda shows it."""

    at: datetime
    kind: str  # APPOINTMENT_KINDS
    mode: str  # APPOINTMENT_MODES
    organisme: str | None  # None: a call-back of the counter
    dossier_id: str
    dossier_number: str
    name: str
    telephone: str
    place: str
    by: str
    status: str  # APPOINTMENT_STATUSES
    duration: int = 0


def _field(item: Any, *names: str) -> Any:
    """The first of ``names`` that ``item`` (a mapping or an object) holds."""
    for name in names:
        if isinstance(item, Mapping):
            if name in item and item[name] is not None:
                return item[name]
        elif getattr(item, name, None) is not None:
            return getattr(item, name)
    return None


def agenda_row(item: Any) -> AgendaRow:
    """An :class:`AgendaRow` from a service's agenda item or a store's JSON object; ValueError
    when it has no readable moment."""
    moment = wording.appointment_moment(_field(item, "at"))
    if moment is None:
        raise ValueError(f"agenda item without a readable time: {item!r}")
    name = _field(item, "name", "person", "person_name", "display_name")
    if name is None:
        nom = str(_field(item, "nom") or "").strip()
        prenom = str(_field(item, "prenom") or "").strip()
        name = " ".join(p for p in (nom.upper(), prenom) if p)
    organisme = _field(item, "organisme")
    return AgendaRow(
        at=moment,
        kind=str(_field(item, "kind") or "rendez_vous"),
        mode=str(_field(item, "mode") or "telephone"),
        organisme=str(organisme) if organisme else None,
        dossier_id=str(_field(item, "dossier_id", "dossier") or ""),
        dossier_number=str(_field(item, "dossier_number", "number") or ""),
        name=str(name or ""),
        telephone=str(_field(item, "telephone") or ""),
        place=str(_field(item, "place") or ""),
        by=str(_field(item, "by") or ""),
        status=str(_field(item, "status") or "fixe"),
        duration=int(_field(item, "duration") or 0),
    )


def day_title(day: date) -> str:
    """« Mardi 8 décembre 2026 » in the interface language."""
    text = QLocale().toString(QDate(day.year, day.month, day.day), "dddd d MMMM yyyy")
    return text[:1].upper() + text[1:]


class AgendaModel(RowsTableModel):
    """The rows of one day, earliest first."""

    # What an agent needs to call or receive first: a narrow screen scrolls the last ones.
    COLUMNS = ("time", "what", "name", "telephone", "status", "by", "where", "number")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[AgendaRow] = []
        self._headers = {
            "time": self.tr("Heure"),
            "what": self.tr("Quoi"),
            "number": self.tr("N° de dossier"),
            "name": self.tr("Personne"),
            "telephone": self.tr("Téléphone"),
            "where": self.tr("Mode et lieu"),
            "by": self.tr("Avec"),
            "status": self.tr("Statut"),
        }

    @property
    def rows(self) -> list[AgendaRow]:
        return list(self._rows)

    def set_rows(self, rows: Sequence[AgendaRow]) -> None:
        self.beginResetModel()
        self._rows = sorted(rows, key=lambda r: (r.at, r.dossier_number))
        self.endResetModel()

    def row(self, index: int) -> AgendaRow | None:
        return self._rows[index] if 0 <= index < len(self._rows) else None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = self.COLUMNS[index.column()]
        if role == ID_ROLE:
            return row.dossier_id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(row, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{self._headers[column]} : {self.text(row, column) or '—'}"
        if role == Qt.ItemDataRole.FontRole and row.status == "annule":
            font = QFont()
            font.setStrikeOut(True)  # kept in the day, visibly called off
            return font
        if role == Qt.ItemDataRole.ForegroundRole and row.status in ("annule", "fait"):
            return QColor("#555555")
        return None

    def text(self, row: AgendaRow, column: str) -> str:
        if column == "time":
            end = ""
            if row.duration:
                end = (row.at + timedelta(minutes=row.duration)).strftime(wording.TIME_FORMAT)
            start = row.at.strftime(wording.TIME_FORMAT)
            return self.tr("%1 – %2").replace("%1", start).replace("%2", end) if end else start
        if column == "what":
            if row.kind == "rappel":
                return self.tr("Rappel du guichet")
            organisme = wording.organisme_label(row.organisme) if row.organisme else ""
            return self.tr("Rendez-vous %1").replace("%1", organisme).strip()
        if column == "number":
            return row.dossier_number
        if column == "name":
            return row.name
        if column == "telephone":
            return row.telephone
        if column == "where":
            mode = wording.appointment_mode_label(row.mode)
            return self.tr("%1 — %2").replace("%1", mode).replace("%2", row.place) \
                if row.place else mode
        if column == "by":
            return row.by
        if column == "status":
            return wording.appointment_status_label(row.status)
        return ""


class AgendaTable(QTableView):
    """The day's table; ←/→ change the day and T comes back to today (arrows have no use
    between the columns of whole-row selection), Entrée opens the row's dossier."""

    day_step = Signal(int)
    today_requested = Signal()
    open_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        plain = not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
        if key == Qt.Key.Key_Left and plain:
            self.day_step.emit(-1)
        elif key == Qt.Key.Key_Right and plain:
            self.day_step.emit(1)
        elif key == Qt.Key.Key_T and plain:
            self.today_requested.emit()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            self.open_requested.emit()
        else:
            super().keyPressEvent(event)


class AgendaView(QWidget):
    """The call-backs and appointments of one day, with the day's navigation.

    ``loader(day)`` returns the day's items (run off the GUI thread); ``today()`` the current
    day (Europe/Paris by default); ``scope`` names whose agenda it is (« du site BRE »).
    """

    dossier_requested = Signal(str)
    loaded = Signal(int)
    failed = Signal(str)

    def __init__(self, loader: Loader, *, today: Callable[[], date] | None = None,
                 scope: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agenda_view")
        self.setAccessibleName(self.tr("Agenda"))
        self._loader = loader
        self._today = today or _paris_today
        self._scope = scope
        self._task: Task[Any] | None = None
        self._pending = False
        self.day = self._today()

        layout = QVBoxLayout(self)
        head = QHBoxLayout()
        self.previous_button = QPushButton(self.tr("◀ Jour &précédent"), self)
        self.previous_button.setObjectName("agenda_previous")
        self.previous_button.setAccessibleName(self.tr("Jour précédent"))
        self.previous_button.setToolTip(self.tr("Le jour précédent (flèche gauche dans la liste)"))
        self.today_button = QPushButton(self.tr("Au&jourd’hui"), self)
        self.today_button.setObjectName("agenda_today")
        self.today_button.setAccessibleName(self.tr("Aujourd’hui"))
        self.today_button.setToolTip(self.tr("Revenir à aujourd’hui (T dans la liste)"))
        self.next_button = QPushButton(self.tr("Jour &suivant ▶"), self)
        self.next_button.setObjectName("agenda_next")
        self.next_button.setAccessibleName(self.tr("Jour suivant"))
        self.next_button.setToolTip(self.tr("Le jour suivant (flèche droite dans la liste)"))
        self.day_label = QLabel(self)
        self.day_label.setObjectName("agenda_day")
        self.day_label.setAccessibleName(self.tr("Jour affiché"))
        font = QFont(self.day_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.day_label.setFont(font)
        self.date_edit = QDateEdit(self)
        self.date_edit.setObjectName("agenda_date")
        self.date_edit.setAccessibleName(self.tr("Aller au jour"))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        date_label = QLabel(self.tr("&Aller au :"), self)
        date_label.setBuddy(self.date_edit)
        head.addWidget(self.previous_button)
        head.addWidget(self.today_button)
        head.addWidget(self.next_button)
        head.addSpacing(self.fontMetrics().averageCharWidth() * 2)
        head.addWidget(self.day_label, 1)
        head.addWidget(date_label)
        head.addWidget(self.date_edit)
        layout.addLayout(head)

        self.model = AgendaModel(self)
        self.table = AgendaTable(self)
        self.table.setObjectName("agenda_table")
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Rappels et rendez-vous du jour"))
        self.table.setAccessibleDescription(self.tr(
            "Flèches gauche et droite : jour précédent et suivant ; T : aujourd’hui ; "
            "Entrée : ouvrir le dossier."))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self._size_columns()
        layout.addWidget(self.table, 1)

        self.status_label = QLabel(self)
        self.status_label.setObjectName("agenda_status")
        self.status_label.setAccessibleName(self.tr("État de l’agenda"))
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)
        hint = QLabel(self.tr("← → : jour précédent ou suivant · T : aujourd’hui · Entrée : "
                              "ouvrir le dossier"), self)
        hint.setObjectName("agenda_keys")
        hint.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(hint)

        self.previous_button.clicked.connect(self._on_previous_clicked)
        self.next_button.clicked.connect(self._on_next_clicked)
        self.today_button.clicked.connect(self._on_today_clicked)
        self.date_edit.dateChanged.connect(self._on_date_edit_changed)
        self.table.day_step.connect(self.step)
        self.table.today_requested.connect(self.go_today)
        self.table.open_requested.connect(self.open_current)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self._show_day()

    # ------------------------------------------------------------------ public

    def rows(self) -> list[AgendaRow]:
        return self.model.rows

    def set_day(self, day: date) -> None:
        """Show ``day`` (read again)."""
        self.day = day
        self._show_day()
        self.reload()

    def step(self, days: int) -> None:
        self.set_day(self.day + timedelta(days=days))

    def go_today(self) -> None:
        self.set_day(self._today())

    def reload(self) -> bool:
        """Read the day again, off the GUI thread; False when a read is under way (the day
        shown is read once it ends)."""
        if self._task is not None:
            self._pending = True
            return False
        self._pending = False
        day, loader = self.day, self._loader
        self.status_label.setText(self.tr("Lecture…"))
        self._task = run_task(lambda: [agenda_row(i) for i in loader(day)], owner=self,
                              name="agenda",
                              on_done=lambda rows: self._on_loaded(day, rows),
                              on_error=lambda exc: self._on_failed(day, exc))
        return True

    def open_current(self) -> None:
        index = self.table.currentIndex()
        row = self.model.row(index.row()) if index.isValid() else None
        if row is not None and row.dossier_id:
            self.dossier_requested.emit(row.dossier_id)

    def shutdown(self) -> None:
        cancel_tasks(self)
        self._task = None

    # ------------------------------------------------------------------ inside

    def _size_columns(self) -> None:
        fm = self.table.fontMetrics()
        margin = 3 * fm.averageCharWidth()
        samples = {"time": "00:00 – 00:00", "what": self.tr("Rendez-vous Assurance retraite"),
                   "number": "TI-BRE-02-2026-000000", "name": "KERLEROUX Gwenaëlle",
                   "telephone": "06 12 34 56 78",
                   "where": wording.appointment_mode_label("agence") + " — 1 rue de l’Ex",
                   "by": "Claire Agent-Martin",
                   "status": wording.appointment_status_label("propose")}
        for column, name in enumerate(AgendaModel.COLUMNS):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            width = max(fm.horizontalAdvance(samples[name]), fm.horizontalAdvance(title))
            self.table.setColumnWidth(column, width + margin)
        self.table.verticalHeader().setDefaultSectionSize(fm.height() * 3 // 2 + 6)

    def _show_day(self) -> None:
        title = day_title(self.day)
        if self.day == self._today():
            title = self.tr("%1 (aujourd’hui)").replace("%1", title)
        self.day_label.setText(title)
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(QDate(self.day.year, self.day.month, self.day.day))
        self.date_edit.blockSignals(False)

    def _on_loaded(self, day: date, rows: list[AgendaRow]) -> None:
        self._task = None
        if self._pending or day != self.day:
            self.reload()
            return
        had_focus = self.table.hasFocus()
        self.model.set_rows(rows)
        if rows:
            self.table.selectRow(0)
        count = len(rows)
        if count == 0:
            text = self.tr("Aucun rappel ni rendez-vous ce jour.")
        elif count == 1:
            text = self.tr("1 rappel ou rendez-vous ce jour.")
        else:
            text = self.tr("%1 rappels et rendez-vous ce jour.").replace("%1", str(count))
        self.status_label.setText(text)
        self.table.setAccessibleName(self.tr("Rappels et rendez-vous du %1").replace(
            "%1", day.strftime(wording.DATE_FORMAT)))
        if had_focus:
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.loaded.emit(count)

    def _on_failed(self, day: date, exc: BaseException) -> None:
        self._task = None
        if self._pending or day != self.day:
            self.reload()
            return
        self.model.set_rows([])
        text = self.tr("L’agenda n’a pas pu être lu : %1").replace("%1", str(exc) or
                                                                   type(exc).__name__)
        self.status_label.setText(text)
        self.failed.emit(text)

    def _on_previous_clicked(self) -> None:
        self.step(-1)

    def _on_next_clicked(self) -> None:
        self.step(1)

    def _on_today_clicked(self) -> None:
        self.go_today()

    def _on_date_edit_changed(self, value: QDate) -> None:
        picked = date(value.year(), value.month(), value.day())
        if picked != self.day:
            self.set_day(picked)

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_current()


class AgendaDialog(QDialog):
    """The Agenda in a window of its own (not modal: the list stays usable beside it)."""

    def __init__(self, loader: Loader, *, title: str, today: Callable[[], date] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agenda_dialog")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setModal(False)
        layout = QVBoxLayout(self)
        self.view = AgendaView(loader, today=today, scope=title, parent=self)
        layout.addWidget(self.view)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.close_button = QPushButton(self.tr("&Fermer"), self)
        self.close_button.setObjectName("agenda_close")
        self.close_button.setAccessibleName(self.tr("Fermer l’agenda"))
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.close)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        table = self.view.table
        header = table.horizontalHeader()
        margins = layout.contentsMargins()
        view_layout = self.view.layout()
        inner = view_layout.contentsMargins() if view_layout is not None else margins
        width = (sum(header.sectionSize(c) for c in range(header.count()))
                 + table.verticalScrollBar().sizeHint().width() + 2 * table.frameWidth()
                 + margins.left() + margins.right() + inner.left() + inner.right() + 8)
        fit_to_screen(self, width, self.fontMetrics().height() * 34)
        self.view.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.view.reload()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.view.shutdown()
        super().closeEvent(event)


def _paris_today() -> date:
    moment = wording.appointment_moment(datetime.now().astimezone())
    assert moment is not None
    return moment.date()
