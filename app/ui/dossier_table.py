"""The dossier list: a table model fetched page by page from the local store, off the GUI thread.

The model holds light :class:`~app.models.listing.DossierRow` values. A change of filters asks
for the first page; scrolling to the bottom asks for the next one (``canFetchMore`` /
``fetchMore``); the total for the status bar comes after the first page. The queries run one at a
time on a worker thread, newest request first: a request made obsolete by a newer one (the agent
kept typing) is dropped unrun, and a late answer to an old request is ignored. The reads
themselves are the sync ledger's (app.sync.ledger: a page with its rows' sync states, a count).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from app.models.rows import DossierRow, ListFilters, OrientationState, shown_status
from app.ui import wording
from app.ui.tasks import TaskQueue

if TYPE_CHECKING:
    from app.models.database import Store

log = logging.getLogger(__name__)

PAGE_SIZE = 200
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
URGENT_RED = QColor("#b3261e")  # contrast 6.5:1 with white text

AnyIndex = QModelIndex | QPersistentModelIndex


# --------------------------------------------------------------------------- loading


@dataclass
class _Request:
    kind: str  # "page", "count"
    token: int
    filters: ListFilters
    offset: int = 0
    limit: int = PAGE_SIZE
    replace: bool = False  # the page replaces the rows (new query or reload) instead of appending
    count: bool = True  # a replacing page is followed by the count of its filters


@dataclass
class _Result:
    request: _Request
    rows: list[DossierRow] = field(default_factory=list)
    count: int = 0
    error: str | None = None
    sync: dict[str, str] = field(default_factory=dict)  # the rows' sync states, by dossier id


def _read(store: Store, request: _Request) -> _Result:
    """Run one list request (on the list's worker thread)."""
    from app.sync.ledger import list_count, list_page

    result = _Result(request)
    if request.kind == "count":
        result.count = list_count(store, request.filters)
    else:
        page = list_page(store, request.filters, limit=request.limit, offset=request.offset)
        result.rows, result.sync = page.rows, page.sync
    return result


class ListLoader(QObject):
    """Runs list queries one at a time off the GUI thread (a :class:`TaskQueue`) and hands
    results back on the GUI thread; a request made stale by a newer one is skipped unrun.

    Signals:
        result_ready(object): a :class:`_Result` (delivered on the thread that owns the loader).
    """

    result_ready = Signal(object)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._queue = TaskQueue("dossier-list", self)

    def submit(self, request: _Request) -> None:
        store = self._store
        self._queue.submit(lambda: _read(store, request), key=request.token,
                           on_done=self.result_ready.emit,
                           on_error=lambda exc: self._on_queue_error(request, exc))

    def stop(self, timeout: float = 5.0) -> None:
        """Deliver no more results; the query running, if any, is waited for up to
        ``timeout`` seconds (before the store closes)."""
        self._queue.stop(timeout)

    def _on_queue_error(self, request: _Request, exc: BaseException) -> None:
        log.error("dossier list query failed", exc_info=(type(exc), exc, exc.__traceback__))
        self.result_ready.emit(_Result(request, error=str(exc)))


# --------------------------------------------------------------------------- model


def _local(moment: datetime) -> str:
    return wording.local_datetime(moment)


_TRANSMITTED_ON = QT_TRANSLATE_NOOP("DossierListModel", "Transmise le %s")


def orientation_state_label(status: str, transmitted_at: datetime | None) -> str:
    """What the counter sees of an orientation: « À transmettre » until the central store
    holds it, « Transmise le JJ/MM/AAAA » from then, then the partner's own status."""
    shown = shown_status(status, transmitted_at)
    if shown == "transmise" and transmitted_at is not None:
        day = wording.local_date(transmitted_at)
        return QCoreApplication.translate("DossierListModel", str(_TRANSMITTED_ON)) % day
    return wording.orientation_status_label(shown)


def _orientation_line(state: OrientationState) -> str:
    return f"{wording.organisme_label(state.organisme)} : " + orientation_state_label(
        state.status, state.transmitted_at)


class DossierListModel(QAbstractTableModel):
    """The dossiers matching the current filters, urgent first, fetched page by page.

    Signals:
        first_page_loaded(): the first page of the current filters is in (possibly empty).
        rows_fetched(int): a further page was appended (its number of rows).
        reloaded(): the rows were read again after a change (same filters).
        total_changed(int): how many dossiers match the current filters.
        loading_changed(bool): a query is (or no longer is) running for the view.
        load_failed(str): a query failed (the message, for the status bar).
    """

    first_page_loaded = Signal()
    rows_fetched = Signal(int)
    reloaded = Signal()
    total_changed = Signal(int)
    loading_changed = Signal(bool)
    load_failed = Signal(str)

    COLUMNS = ("urgent", "number", "nom", "prenom", "channel", "status", "organismes",
               "updated_at", "sync")

    def __init__(self, store: Store, *, page_size: int = PAGE_SIZE,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.page_size = page_size
        self._rows: list[DossierRow] = []
        self._filters = ListFilters()
        self._token = 0
        self._has_more = False
        self._pending: _Request | None = None
        self._total: int | None = None
        self._loader = ListLoader(store, self)
        self._loader.result_ready.connect(self._on_loader_result_ready)
        self._headers = {
            "urgent": self.tr("Urgent"),
            "number": self.tr("N° de dossier"),
            "nom": self.tr("Nom"),
            "prenom": self.tr("Prénom"),
            "channel": self.tr("Canal"),
            "status": self.tr("Statut"),
            "organismes": self.tr("Organismes"),
            "updated_at": self.tr("Mis à jour"),
            "sync": self.tr("Synchronisation"),
        }
        self._sync: dict[str, str] = {}

    # ------------------------------------------------------------------ public

    @property
    def filters(self) -> ListFilters:
        return self._filters

    @property
    def total(self) -> int | None:
        """How many dossiers match (None until counted)."""
        return self._total

    @property
    def loading(self) -> bool:
        return self._pending is not None

    def set_filters(self, filters: ListFilters) -> None:
        """Show the dossiers matching ``filters`` (the rows already shown stay until then)."""
        self._filters = filters
        self._request(replace=True, offset=0, limit=self.page_size)

    def show_first_page(self, filters: ListFilters, rows: list[DossierRow],
                        sync: dict[str, str]) -> None:
        """Show ``rows``, read elsewhere, as the first page of ``filters`` (at start-up, read
        before the store opened: app.models.early). Delivered from the event loop like a
        query's answer; the total is counted at the next :meth:`reload`."""
        self._filters = filters
        self._token += 1
        request = _Request("page", self._token, filters, limit=self.page_size, replace=True,
                           count=False)
        result = _Result(request, rows=list(rows), sync=dict(sync))
        QTimer.singleShot(0, self, lambda: self._on_loader_result_ready(result))

    def reload(self) -> None:
        """Read the rows shown again (after a dossier changed), keeping the filters."""
        limit = max(self.page_size, len(self._rows))
        self._request(replace=True, offset=0, limit=limit, reload=True)

    def row_at(self, row: int) -> DossierRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, dossier_id: str) -> int:
        """The row showing this dossier, or -1."""
        for index, row in enumerate(self._rows):
            if row.id == dossier_id:
                return index
        return -1

    def sync_state(self, dossier_id: str) -> str:
        """The dossier's sync state as read with its row (``local`` when unknown)."""
        return self._sync.get(dossier_id, "local")

    def shutdown(self) -> None:
        """Stop the worker thread (before the store closes)."""
        self._token += 1
        self._loader.stop()

    # ------------------------------------------------------------------ loading

    def _request(self, *, replace: bool, offset: int, limit: int, reload: bool = False) -> None:
        self._token += 1
        request = _Request("reload" if reload else "page", self._token, self._filters,
                           offset=offset, limit=limit, replace=replace)
        was_loading = self.loading
        self._pending = request
        self._loader.submit(request)
        if not was_loading:
            self.loading_changed.emit(True)

    def _on_loader_result_ready(self, result: _Result) -> None:
        request = result.request
        if request.token != self._token:
            return  # an answer to a question nobody asks any more
        if request.kind == "count":
            if result.error is None:
                self._total = result.count
                self.total_changed.emit(result.count)
            return
        self._pending = None
        self.loading_changed.emit(False)
        if result.error is not None:
            self.load_failed.emit(result.error)
            return
        rows = result.rows
        if request.replace:
            self.beginResetModel()
            self._rows = rows
            self._sync = dict(result.sync)
            self._has_more = len(rows) >= request.limit
            self.endResetModel()
        elif rows:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
            self._rows.extend(rows)
            self._sync.update(result.sync)
            self._has_more = len(rows) >= request.limit
            self.endInsertRows()
        else:
            self._has_more = False
        if request.kind == "reload":
            self.reloaded.emit()
        elif request.replace:
            self.first_page_loaded.emit()
        else:
            self.rows_fetched.emit(len(rows))
        if request.replace and request.count:
            # The total comes second: the first rows matter more to the agent than the count.
            self._loader.submit(_Request("count", self._token, self._filters))

    # ------------------------------------------------------------------ Qt model API

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and self._has_more and not self.loading

    def fetchMore(self, parent: AnyIndex) -> None:
        if self.canFetchMore(parent):
            self._request(replace=False, offset=len(self._rows), limit=self.page_size)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._headers[self.COLUMNS[section]]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, column, role)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "urgent" and row.urgent:
                return self.tr("Dossier urgent : à traiter en priorité")
            if column == "organismes" and row.orientations:
                return "\n".join(_orientation_line(o) for o in row.orientations)
            if column == "organismes" and row.organismes:
                return "\n".join(wording.organisme_label(o) for o in row.organismes)
            if column == "sync":
                return self.tr("Synchronisation avec le serveur central : %s") % self._text(
                    row, column, Qt.ItemDataRole.DisplayRole)
            if column in ("channel", "status", "nom", "prenom"):
                return self._text(row, column, Qt.ItemDataRole.DisplayRole)
            return None
        if role == ROW_ROLE:
            return row
        if role == ID_ROLE:
            return row.id
        return None

    def _text(self, row: DossierRow, column: str, role: int) -> str:
        if column == "urgent":
            if row.urgent:
                return self.tr("Urgent")
            return self.tr("Non urgent") if role == Qt.ItemDataRole.AccessibleTextRole else ""
        if column == "number":
            return row.number
        if column == "nom":
            return row.nom
        if column == "prenom":
            return row.prenom
        if column == "channel":
            return wording.channel_label(row.channel)
        if column == "status":
            return wording.status_label(row.status)
        if column == "organismes":
            if not row.organismes and role == Qt.ItemDataRole.AccessibleTextRole:
                return self.tr("Aucun organisme")
            if row.orientations:
                return " · ".join(_orientation_line(o) for o in row.orientations)
            return ", ".join(wording.organisme_label(o) for o in row.organismes)
        if column == "updated_at":
            return _local(row.updated_at)
        if column == "sync":
            return wording.sync_state_label(self.sync_state(row.id))
        return ""


# --------------------------------------------------------------------------- view


def _bold(font: QFont) -> QFont:
    bold = QFont(font)
    bold.setBold(True)
    return bold


class UrgentBadgeDelegate(QStyledItemDelegate):
    """Paints « Urgent » as a badge: white bold text on red. The word itself carries the meaning
    (for screen readers and colour-blind agents); the colour only makes it easy to spot."""

    @staticmethod
    def _geometry(fm: QFontMetrics, text: str) -> tuple[int, int, int]:
        pad_x = max(4, fm.height() // 3)
        return pad_x, fm.horizontalAdvance(text) + 2 * pad_x, fm.height() + max(2, fm.height() // 4)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not text:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        if widget is not None:  # background and selection, without the text
            widget.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        font = _bold(opt.font)
        pad_x, width, height = self._geometry(QFontMetrics(font), text)
        rect: QRect = opt.rect
        badge = QRect(rect.left() + pad_x, rect.top() + (rect.height() - height) // 2,
                      min(width, rect.width() - pad_x), height)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(URGENT_RED)
        painter.drawRoundedRect(badge, height / 2, height / 2)
        painter.setPen(QColor("white"))
        painter.setFont(font)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        size = super().sizeHint(option, index)
        fm = QFontMetrics(_bold(option.font))
        pad_x, width, height = self._geometry(fm, self.tr("Urgent"))
        return QSize(max(size.width(), width + 2 * pad_x), max(size.height(), height + 4))


class DossierTableView(QTableView):
    """The dossier list: whole rows, one selected at a time, in the model's order."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dossier_table")
        self.setAccessibleName(self.tr("Liste des dossiers"))
        self.setAccessibleDescription(self.tr(
            "Dossiers urgents en premier, puis les plus récemment mis à jour. "
            "Entrée reprend le dossier sélectionné."))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab leaves the list, arrows move in it
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.setSortingEnabled(False)  # the order is the service's: urgent, then recent
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().setVisible(False)
        # Every row as tall as the font needs (scaling, large fonts), computed once, not per row.
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setAccessibleName(self.tr("Numéros de ligne"))
        header = self.horizontalHeader()
        header.setAccessibleName(self.tr("En-têtes des colonnes"))
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setItemDelegateForColumn(DossierListModel.COLUMNS.index("urgent"),
                                      UrgentBadgeDelegate(self))

    def size_columns(self) -> None:
        """Column widths from the font, never fixed pixels: each fits its header and the text
        it usually holds, so nothing is cut at 125 % or 150 % scaling."""
        model = self.model()
        if model is None:
            return
        fm = self.fontMetrics()
        header = self.horizontalHeader()
        hfm = QFontMetrics(_bold(header.font()))
        samples = {
            "urgent": self.tr("Urgent") + "MM",
            "number": "TI-BRE-02-2026-000000",
            "nom": "Kerleroux",
            "prenom": "Gwenaëlle",
            # The long, rare values ("Traitement de dossier") are elided, in full in tooltips.
            "channel": wording.channel_label("telephone"),
            "status": wording.status_label("complet"),
            "organismes": "Urssaf, Caf",
            "updated_at": "00/00/0000 00:00",
            "sync": wording.sync_state_label("local"),
        }
        margin = 2 * fm.averageCharWidth() + 2 * self.style().pixelMetric(
            QStyle.PixelMetric.PM_FocusFrameHMargin, None, self)
        for column, name in enumerate(DossierListModel.COLUMNS):
            title = str(model.headerData(column, Qt.Orientation.Horizontal))
            # Header: room for the title and the sort indicator's space the style keeps.
            width = max(fm.horizontalAdvance(samples[name]),
                        hfm.horizontalAdvance(title) + fm.averageCharWidth())
            self.setColumnWidth(column, width + margin)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(DossierListModel.COLUMNS.index("organismes"),
                                    QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(fm.averageCharWidth() * 6)
        bold_height = QFontMetrics(_bold(self.font())).height()
        self.verticalHeader().setDefaultSectionSize(max(fm.height(), bold_height) * 3 // 2 + 6)
