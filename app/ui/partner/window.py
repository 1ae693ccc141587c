"""The partner inbox window: the list, the dossier and the follow-up form put together, the
agent's session (sign-in, sign-out, expiry), the search and follow-up filters, and the requests
to the central store.

Every value comes from the store through :class:`~app.sync.partner.PartnerClient`, off the GUI
thread (:func:`app.ui.tasks.run_task`); the window stays usable when the store cannot be reached.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QIdentityProxyModel, QItemSelection, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.forms.workdays import stale_working_days
from app.sync import http as sync_http
from app.sync.partner import (
    PAGE_SIZE,
    InboxPage,
    InboxRow,
    PartnerClient,
    PartnerDossier,
    PartnerError,
)
from app.ui import wording
from app.ui.actions import (
    PARTNER_SPECS,
    Menu,
    PartnerActionId,
    create_partner_actions,
    menu_title,
)
from app.ui.dossier_table import UrgentBadgeDelegate
from app.ui.partner.detail import PartnerDossierView
from app.ui.partner.follow_up import Draft, FollowUpForm
from app.ui.partner.model import ID_ROLE, SHOWN_STATUSES, PartnerFilter, PartnerInboxModel
from app.ui.tasks import Task, cancel_tasks, run_task, running_tasks

if TYPE_CHECKING:
    from app.ui.login_dialog import LoginDialog, SignedIn
    from app.ui.settings import AppSettings

log = logging.getLogger(__name__)

AUTO_REFRESH_MS = 120_000
SEARCH_DELAY_MS = 300  # the store is asked once typing pauses
HttpFactory = Callable[[str], Any]  # server -> an httpx.Client (tests: the store's TestClient)


@dataclass
class PartnerSession:
    """A partner agent signed in to one central store.

    ``kept``: the token is the workstation's keyring entry (removed on sign-out); otherwise it
    lives only in this object (the counter's « Espace partenaire »).
    """

    server: str
    token: str
    login: str
    organisme: str
    kept: bool

    @classmethod
    def from_signed_in(cls, signed: SignedIn) -> PartnerSession:
        return cls(signed.server, signed.token, signed.login, signed.organisme, signed.kept)


class PartnerWindow(QMainWindow):
    """The partner inbox of one organisme: list, dossier, follow-up form.

    Signals:
        ready(): the first load of the inbox is over (shown, or its failure told), once.
        inbox_loaded(int): the inbox was read (how many dossiers the store sent).
        dossier_opened(str): a dossier of the list was read from the store (its id).
        follow_up_sent(str): the store took a follow-up (the dossier id).
        failed(str): a request failed (the French message shown).
        signed_out(): the agent signed out.
        dialog_request_done(str): the store took an appointment or a re-orientation
            (``appointment``, ``reorient``).
    """

    ready = Signal()
    inbox_loaded = Signal(int)
    dossier_opened = Signal(str)  # a dossier was read from the store and shown
    follow_up_sent = Signal(str)
    failed = Signal(str)
    signed_out = Signal()
    dialog_request_done = Signal(str)  # the store took an appointment or a re-orientation

    def __init__(self, session: PartnerSession | None, *, http_factory: HttpFactory | None = None,
                 settings: AppSettings | None = None, data_dir: Path | None = None,
                 server: str = "", interval_ms: int = AUTO_REFRESH_MS, max_retries: int = 2,
                 backoff: float = 0.5, prompt_login: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._http_factory = http_factory
        self._owns_http = http_factory is None
        self._http: Any = None
        self._http_server = ""
        self._settings = settings
        self._data_dir = data_dir
        self._server = session.server if session else server
        self._max_retries = max_retries
        self._backoff = backoff
        self.prompt_login = prompt_login
        self._task: Task[Any] | None = None
        self._operation = ""
        self._ready_sent = False
        self._selected_id = ""
        self._banner_action: Callable[[], object] | None = None
        # Whether a new sign-in keeps its token in the keyring: as the session the window was
        # opened with (the counter's « Espace partenaire » never does).
        self._keep_tokens = session.kept if session is not None else settings is not None
        self._loaded_at: datetime | None = None
        self._refresh_pending = False
        # Issue 18: the list comes a page at a time (the cursor of the rows after those shown,
        # None at the end); a dossier is read when the agent opens it, kept while its revision
        # is the one its row shows.
        self._next: str | None = None
        self._details: dict[str, PartnerDossier] = {}
        self._open_pending = False
        self._wanted_id = ""  # a dossier to select once the list is read (from the Agenda)
        self._first_page_only = False  # the next read is of a new search: one page
        self.login_dialog: LoginDialog | None = None

        self.setObjectName("partner_window")
        self.setAccessibleName(self.tr("Espace partenaire"))
        self._build_actions()
        self._build_central()
        self._build_menus()
        self._build_status_bar()
        self.timer = QTimer(self)
        self.timer.setObjectName("partner_refresh_timer")
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._on_timer_timeout)
        self.search_timer = QTimer(self)
        self.search_timer.setObjectName("partner_search_timer")
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self._on_search_timer_timeout)
        self._update_identity()
        self._show_dossier(None)
        self._size_window()
        if session is not None:
            self.timer.start()
            self.refresh()
        else:
            self._show_signed_out(self.tr("Connectez-vous avec le compte de votre organisme."))
            QTimer.singleShot(0, self._send_ready)

    # ------------------------------------------------------------------ building

    def _build_actions(self) -> None:
        self.actions_by_id = create_partner_actions(self)
        slots: dict[PartnerActionId, Callable[[], object]] = {
            PartnerActionId.REFRESH: self._on_refresh_action_triggered,
            PartnerActionId.SEARCH: self._on_search_action_triggered,
            PartnerActionId.SIGN_IN: self._on_sign_in_action_triggered,
            PartnerActionId.SIGN_OUT: self._on_sign_out_action_triggered,
            PartnerActionId.CLOSE: self.close,
            PartnerActionId.SEND: self._on_send_action_triggered,
            PartnerActionId.TO_FORM: self._on_to_form_triggered,
            PartnerActionId.HELP: self._on_help_action_triggered,
            # Agenda et rendez-vous
            PartnerActionId.APPOINTMENT: self._on_appointment_action_triggered,
            PartnerActionId.REORIENT: self._on_reorient_action_triggered,
            PartnerActionId.AGENDA: self._on_agenda_action_triggered,
        }
        for action_id, action in self.actions_by_id.items():
            action.triggered.connect(slots[action_id])
            if PARTNER_SPECS[action_id].in_menu:
                self.addAction(action)
        self.refresh_action = self.actions_by_id[PartnerActionId.REFRESH]
        self.search_action = self.actions_by_id[PartnerActionId.SEARCH]
        self.send_action = self.actions_by_id[PartnerActionId.SEND]
        self.sign_out_action = self.actions_by_id[PartnerActionId.SIGN_OUT]
        self.sign_in_action = self.actions_by_id[PartnerActionId.SIGN_IN]
        self.close_action = self.actions_by_id[PartnerActionId.CLOSE]
        self.help_action = self.actions_by_id[PartnerActionId.HELP]

    def _build_menus(self) -> None:
        bar = self.menuBar()
        bar.setAccessibleName(self.tr("Barre de menus"))
        for menu_id in (Menu.FILE, Menu.DOSSIER, Menu.HELP):
            menu = bar.addMenu(menu_title(menu_id))
            # The help entry shows no tooltip: its text says it all.
            menu.setToolTipsVisible(menu_id != Menu.HELP)
            for action_id, action in self.actions_by_id.items():
                spec = PARTNER_SPECS[action_id]
                if spec.menu != menu_id or not spec.in_menu:
                    continue
                if spec.separator_before and not menu.isEmpty():
                    menu.addSeparator()
                menu.addAction(action)

    def _on_help_action_triggered(self) -> None:
        from app.ui.help_dialog import show_help

        self.help_dialog = show_help(self, self)

    def _build_central(self) -> None:
        central = QWidget(self)
        outer = QVBoxLayout(central)

        # A message about the store (unreachable, session expired, signed out), with what to do.
        self.banner = QFrame(central)
        self.banner.setObjectName("partner_banner")
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner.setStyleSheet("#partner_banner { background: #fff4ce; border: 1px solid "
                                  "#c8a600; border-radius: 4px; }")
        banner_row = QHBoxLayout(self.banner)
        self.banner_label = QLabel("", self.banner)
        self.banner_label.setObjectName("partner_banner_label")
        self.banner_label.setWordWrap(True)
        self.banner_label.setAccessibleName(self.tr("Message"))
        self.banner_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner_button = QPushButton("", self.banner)
        self.banner_button.setObjectName("partner_banner_button")
        self.banner_button.clicked.connect(self._on_banner_button_clicked)
        banner_row.addWidget(self.banner_label, 1)
        banner_row.addWidget(self.banner_button)
        self.banner.setVisible(False)
        outer.addWidget(self.banner)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, central)
        self.splitter.setObjectName("partner_splitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self._build_list(self.splitter))
        self.splitter.addWidget(self._build_detail(self.splitter))
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        outer.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        QWidget.setTabOrder(self.search_edit, self.status_filter)
        QWidget.setTabOrder(self.status_filter, self.table)
        QWidget.setTabOrder(self.table, self.status_combo)
        QWidget.setTabOrder(self.status_combo, self.outcome_combo)
        QWidget.setTabOrder(self.outcome_combo, self.note_edit)
        QWidget.setTabOrder(self.note_edit, self.send_button)
        QWidget.setTabOrder(self.send_button, self.detail)

    def _build_list(self, parent: QWidget) -> QWidget:
        page = QWidget(parent)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.search_edit = QLineEdit(page)
        self.search_edit.setObjectName("partner_search")
        self.search_edit.setAccessibleName(self.tr("Rechercher un dossier"))
        self.search_edit.setPlaceholderText(self.tr("Nom, prénom ou n° de dossier"))
        self.search_edit.setToolTip(self.search_action.toolTip())
        self.search_edit.setClearButtonEnabled(True)
        search_label = QLabel(self.tr("&Rechercher :"), page)
        search_label.setBuddy(self.search_edit)
        row.addWidget(search_label)
        row.addWidget(self.search_edit, 1)
        self.status_filter = QComboBox(page)
        self.status_filter.setObjectName("partner_status_filter")
        self.status_filter.setAccessibleName(self.tr("Filtrer par suivi"))
        self.status_filter.addItem(self.tr("Tous les suivis"), None)
        self.status_filter.addItem(self.tr("Non clôturés"), PartnerFilter.OPEN)
        days = stale_working_days()  # the deployment's [follow_up] stale_working_days
        self.status_filter.addItem(
            self.tr("Sans nouvelle depuis %n jour ouvré", "", days) if days < 2 else
            self.tr("Sans nouvelle depuis %n jours ouvrés", "", days),
            PartnerFilter.STALE)  # Agenda et rendez-vous
        for status in SHOWN_STATUSES[1:]:
            self.status_filter.addItem(wording.orientation_status_label(status), status)
        filter_label = QLabel(self.tr("Sui&vi :"), page)
        filter_label.setBuddy(self.status_filter)
        row.addSpacing(self.fontMetrics().averageCharWidth() * 2)
        row.addWidget(filter_label)
        row.addWidget(self.status_filter)
        layout.addLayout(row)

        self.model = PartnerInboxModel(self)
        self.proxy = QIdentityProxyModel(self)  # the store searches and filters
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(page)
        self.table.setObjectName("partner_table")
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(self.tr("Dossiers orientés vers votre organisme"))
        self.table.setAccessibleDescription(self.tr(
            "Dossiers urgents en premier. Flèches : changer de dossier ; Tab : saisir le suivi."))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.setItemDelegateForColumn(PartnerInboxModel.COLUMNS.index("urgent"),
                                            UrgentBadgeDelegate(self.table))
        self._size_columns()
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        to_form: QAction = self.actions_by_id[PartnerActionId.TO_FORM]
        to_form.setParent(self.table)
        self.table.addAction(to_form)  # Entrée in the list goes to the form
        layout.addWidget(self.table, 1)
        self.count_label = QLabel("", page)
        self.count_label.setObjectName("partner_count")
        self.count_label.setAccessibleName(self.tr("Nombre de dossiers"))
        count_row = QHBoxLayout()
        count_row.addWidget(self.count_label, 1)
        self.more_button = QPushButton(self.tr("Afficher &plus de dossiers"), page)
        self.more_button.setObjectName("partner_more_button")
        self.more_button.setAccessibleName(self.tr("Afficher plus de dossiers"))
        self.more_button.setToolTip(self.tr("Lire les dossiers suivants de la liste"))
        self.more_button.setAutoDefault(False)
        self.more_button.setVisible(False)
        self.more_button.clicked.connect(self.load_more)
        count_row.addWidget(self.more_button)
        agenda = self.actions_by_id[PartnerActionId.AGENDA]  # Agenda et rendez-vous
        self.agenda_button = QPushButton(agenda.text(), page)
        self.agenda_button.setObjectName("partner_agenda_button")
        self.agenda_button.setAccessibleName(agenda.text().replace("&", ""))
        self.agenda_button.setToolTip(agenda.toolTip())
        self.agenda_button.setAutoDefault(False)
        self.agenda_button.clicked.connect(agenda.trigger)
        count_row.addWidget(self.agenda_button)
        layout.addLayout(count_row)

        self.search_edit.textChanged.connect(self._on_search_edit_text_changed)
        self.status_filter.currentIndexChanged.connect(self._on_status_filter_changed)
        self.table.verticalScrollBar().valueChanged.connect(self._on_table_scrolled)
        return page

    def _size_columns(self) -> None:
        bold = QFont(self.table.font())
        bold.setBold(True)  # rows not yet taken in hand are bold
        fm = QFontMetrics(bold)
        margin = 3 * fm.averageCharWidth()
        samples = {"urgent": self.tr("Urgent") + "MM", "number": "TI-BRE-02-2026-000000",
                   "name": "KERLEROUX Gwenaëlle",
                   "status": wording.follow_up_label("cloturee", "aide_accordee"),
                   "updated_at": "00/00/0000 00:00"}
        for column, name in enumerate(PartnerInboxModel.COLUMNS):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            width = max(fm.horizontalAdvance(samples[name]), fm.horizontalAdvance(title))
            self.table.setColumnWidth(column, width + margin)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.verticalHeader().setDefaultSectionSize(fm.height() * 3 // 2 + 6)

    def _build_detail(self, parent: QWidget) -> QWidget:
        page = QWidget(parent)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.detail = PartnerDossierView(page)
        layout.addWidget(self.detail, 1)
        # Agenda et rendez-vous: the selected dossier's appointment and re-orientation.
        meeting_row = QHBoxLayout()
        self.meeting_buttons: dict[PartnerActionId, QPushButton] = {}
        for action_id in (PartnerActionId.APPOINTMENT, PartnerActionId.REORIENT):
            action = self.actions_by_id[action_id]
            button = QPushButton(action.text(), page)
            button.setObjectName(f"partner_{action_id.value}_button")
            button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
            button.setToolTip(action.toolTip())
            button.setAutoDefault(False)
            button.clicked.connect(action.trigger)
            meeting_row.addWidget(button)
            self.meeting_buttons[action_id] = button
        meeting_row.addStretch(1)
        layout.addLayout(meeting_row)

        self.form = FollowUpForm(page)
        # The form's controls, as the window's own (the keyboard order, the tests).
        self.status_combo = self.form.status_combo
        self.outcome_combo = self.form.outcome_combo
        self.note_edit = self.form.note_edit
        self.note_count = self.form.note_count
        self.form_error = self.form.form_error
        self.send_button = self.form.send_button
        self.send_button.setToolTip(self.send_action.toolTip())
        self.send_button.clicked.connect(self.send_action.trigger)
        layout.addWidget(self.form)
        return page

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        status.setAccessibleName(self.tr("Barre d’état"))
        self.busy = QProgressBar(self)
        self.busy.setObjectName("partner_busy")
        self.busy.setAccessibleName(self.tr("Échange avec le serveur central en cours"))
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumWidth(self.fontMetrics().averageCharWidth() * 12)
        self.busy.setVisible(False)
        self.loaded_label = QLabel("", self)
        self.loaded_label.setObjectName("partner_loaded_at")
        self.loaded_label.setAccessibleName(self.tr("Dernière mise à jour de la liste"))
        self.agent_label = QLabel("", self)
        self.agent_label.setObjectName("partner_agent")
        self.agent_label.setAccessibleName(self.tr("Compte partenaire"))
        status.addPermanentWidget(self.busy)
        status.addPermanentWidget(self.loaded_label)
        status.addPermanentWidget(self.agent_label)

    def _size_window(self) -> None:
        """Room for the list's columns and a readable dossier, within the screen."""
        char = self.fontMetrics().averageCharWidth()
        list_width = sum(self.table.columnWidth(c) for c in range(self.model.columnCount())) \
            + 4 * char
        detail_width = 72 * char
        width, height = list_width + detail_width + 4 * char, self.fontMetrics().height() * 46
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        if screen is not None:
            width, height = min(width, screen.width()), min(height, screen.height())
        self.resize(width, height)
        self.splitter.setSizes([list_width, max(detail_width, width - list_width)])

    # ------------------------------------------------------------------ public

    @property
    def busy_with(self) -> str:
        """The request under way ('' when none)."""
        return self._operation

    @property
    def idle(self) -> bool:
        """No request under way nor waiting: no search about to be sent, no list or dossier
        read to come."""
        return (self._task is None and not self.search_timer.isActive()
                and not self._refresh_pending and not self._open_pending)

    @property
    def _drafts(self) -> dict[str, Draft]:
        """The follow-ups typed and not sent yet, per dossier id (kept by the form)."""
        return self.form.drafts

    def selected_id(self) -> str:
        return self._selected_id

    def select(self, dossier_id: str) -> bool:
        """Select a dossier of the list (False when it is not shown)."""
        row = self.model.row_of(dossier_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.setCurrentIndex(index)
        self.table.selectRow(index.row())
        return True

    def dossier(self, dossier_id: str) -> PartnerDossier | None:
        """The dossier as last read from the store, while its row shows the same revision."""
        found = self._details.get(dossier_id)
        row = self.model.row(dossier_id)
        if found is None or (row is not None and row.revision != found.revision):
            return None
        return found

    def search_text(self) -> str:
        return self.search_edit.text().strip()

    def status_wanted(self) -> str | None:
        data = self.status_filter.currentData()
        return str(data) if data else None

    def refresh(self) -> bool:
        """Read the list again (as many rows as shown, at least a page), with the search and
        the filter, off the GUI thread; False when it cannot start now."""
        if self.session is None:
            return False
        if self._task is not None:
            self._refresh_pending = True
            return False
        self._refresh_pending = False
        q, status, shown = self.search_text(), self.status_wanted(), self.model.rowCount()
        if self._first_page_only:
            shown, self._first_page_only = 0, False
        return self._start("inbox", (q, status), lambda client: client.inbox_rows(
            q=q, status=status, at_least=max(PAGE_SIZE, shown)))

    def load_more(self) -> bool:
        """Read the next page of the list and show it after the rows shown."""
        if self.session is None or self._next is None or self._task is not None:
            return False
        q, status, after = self.search_text(), self.status_wanted(), self._next
        return self._start("more", (q, status), lambda client: client.inbox(
            after=after, q=q, status=status))

    def send(self) -> bool:
        """Send the form's follow-up of the selected dossier; False when it cannot."""
        dossier = self.dossier(self._selected_id)
        if dossier is None or self.session is None:
            return False
        if self._task is not None:
            self.statusBar().showMessage(self.tr("Patientez : un échange avec le serveur "
                                                 "central est en cours."), 5000)
            return False
        draft = self.form.values()
        problem = self.validate(draft, dossier)
        if problem:
            self.form.show_error(problem)
            return False
        self.form.show_error("")
        self.form.set_sending()
        return self._start("send", (dossier.id, dossier.number, draft),
                           lambda client: client.update(dossier.id, draft.status,
                                                        draft.outcome, draft.note))

    def validate(self, draft: Draft, dossier: PartnerDossier) -> str:
        """What is wrong with the follow-up, naming the field ('' when it can be sent)."""
        return self.form.validate(draft, dossier)

    def detail_html(self, dossier: PartnerDossier) -> str:
        """The dossier as the store sent it, in words (every value escaped)."""
        return self.detail.dossier_html(dossier)

    def open_login_dialog(self) -> LoginDialog:
        """Ask for the partner account again (after an expiry or a sign-out)."""
        from app.ui.login_dialog import LoginDialog

        if self.login_dialog is not None and self.login_dialog.isVisible():
            return self.login_dialog
        kept = self._keep_tokens
        dialog = LoginDialog(self._server, http_factory=self._http_factory,
                             settings=self._settings if kept else None,
                             data_dir=self._data_dir if kept else None, keep_token=kept,
                             required_role="partenaire",
                             login=self.session.login if self.session else "", parent=self)
        dialog.signed_in.connect(self._on_login_dialog_signed_in)
        self.login_dialog = dialog
        dialog.open()
        return dialog

    # ------------------------------------------------------------------ requests

    def _client(self) -> PartnerClient:
        assert self.session is not None
        if self._http is None or self._http_server != self.session.server:
            self._close_http()
            factory = self._http_factory or sync_http.make_http_client
            self._http = factory(self.session.server)
            self._http_server = self.session.server
        session = self.session
        return PartnerClient(self._http, token=lambda: session.token,
                             max_retries=self._max_retries, backoff=self._backoff)

    def _start(self, operation: str, context: Any,
               work: Callable[[PartnerClient], Any]) -> bool:
        try:
            client = self._client()
        except Exception as exc:  # a bad server address: told, not raised
            log.exception("no HTTP client for the central store")
            self._on_done(operation, context, None, PartnerError("unreachable", str(exc)))
            return False
        self._operation = operation
        self._set_busy(True)
        self._task = run_task(
            lambda: work(client), owner=self, name=f"partner-{operation}",
            on_done=lambda result: self._on_done(operation, context, result, None),
            on_error=lambda exc: self._on_done(operation, context, None, _partner_error(exc)))
        return True

    def _on_done(self, operation: str, context: Any, result: Any,
                 error: PartnerError | None) -> None:
        self._task = None
        self._operation = ""
        self._set_busy(False)
        if operation == "inbox":
            self._inbox_done(context, result, error)
        elif operation == "more":
            self._more_done(context, result, error)
        elif operation == "open":
            self._open_done(context, result, error)
        elif operation == "send":
            self._send_done(context, result, error)
        elif operation == "logout":
            self._logout_done(context, error)
        elif operation in ("appointment", "reorient"):  # Agenda et rendez-vous
            self._dialog_request_done(operation, context, result, error)
        if self._refresh_pending and self.session is not None:
            self.refresh()
        elif self._open_pending and self.session is not None:
            self._open_selected()

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.form.set_busy(busy, has_dossier=self.dossier(self._selected_id) is not None)
        self.send_action.setEnabled(not busy)
        self.sign_out_action.setEnabled(not busy and self.session is not None)
        if busy and self._operation == "inbox" and self._loaded_at is None:
            self.statusBar().showMessage(self.tr("Lecture des dossiers…"))

    # ------------------------------------------------------------------ answers

    def _inbox_done(self, asked: tuple[str, str | None], page: InboxPage | None,
                    error: PartnerError | None) -> None:
        if error is not None:
            self.statusBar().clearMessage()
            self._failed(error, self.refresh, while_doing="inbox")
            self._send_ready()
            return
        assert page is not None
        if asked != (self.search_text(), self.status_wanted()):
            self.refresh()  # the search or the filter changed meanwhile: read them
            return
        rows = list(page.rows)
        before = {row.id: row for row in self.model.rows}
        after = {row.id for row in rows}
        horizon = (rows[-1].urgent is False, rows[-1].number) if rows else None

        def within(row: InboxRow) -> bool:  # a row the store would have sent if it still were
            return page.next is None or (horizon is not None
                                         and (not row.urgent, row.number) <= horizon)

        first = self._loaded_at is None
        gone = set() if first else {i for i, row in before.items()
                                     if i not in after and within(row)}
        new = set() if first or asked[0] or asked[1] else after - set(before)
        keep, self._wanted_id = self._wanted_id or self._selected_id, ""
        self.model.set_rows(rows)
        self._next = page.next
        for dossier_id in list(self._drafts):
            if dossier_id in gone:
                del self._drafts[dossier_id]
        for dossier_id in list(self._details):
            if dossier_id not in after:
                del self._details[dossier_id]
        self._loaded_at = datetime.now().astimezone()
        self.loaded_label.setText(self.tr("Liste lue à %s")
                                  % wording.local_time(self._loaded_at))
        self._hide_banner()
        if not (keep and keep in after and self.select(keep)) and self.proxy.rowCount() > 0:
            self.table.selectRow(0)
        self._sync_selection()
        self._update_count()
        message = []
        if len(gone) == 1:
            message.append(self.tr("Un dossier n’est plus visible : le consentement a pu être "
                                   "retiré."))
        elif gone:
            message.append(self.tr("%s dossiers ne sont plus visibles : le consentement a pu "
                                   "être retiré.") % len(gone))
        if len(new) == 1:
            message.append(self.tr("Un nouveau dossier."))
        elif new:
            message.append(self.tr("%s nouveaux dossiers.") % len(new))
        if message:
            self.statusBar().showMessage(" ".join(message), 15_000)
        else:
            self.statusBar().clearMessage()
        if keep and keep in gone:
            self._show_banner(self.tr("Ce dossier n’est plus visible : le consentement a pu être "
                                      "retiré."), self.tr("&OK"), self._hide_banner)
        if not self._ready_sent and not self.search_edit.text():
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)  # ↑↓ work at once
        self.inbox_loaded.emit(len(rows))
        if self._operation != "open":  # else ready once the first dossier is shown
            self._send_ready()

    def _more_done(self, asked: tuple[str, str | None], page: InboxPage | None,
                   error: PartnerError | None) -> None:
        if error is not None:
            self._failed(error, self.load_more, while_doing="inbox")
            return
        assert page is not None
        if asked != (self.search_text(), self.status_wanted()):
            return  # a list read for another search: the refresh under way replaces it
        self.model.append_rows(page.rows)
        self._next = page.next
        self._update_count()

    def _open_selected(self) -> None:
        """Read the selected dossier from the store (its row shows a revision not read yet)."""
        self._open_pending = False
        dossier_id = self._selected_id
        if not dossier_id or self.session is None or self.dossier(dossier_id) is not None:
            return
        if self._task is not None:
            self._open_pending = True
            return
        self._start("open", dossier_id, lambda client: client.dossier(dossier_id))

    def _open_done(self, dossier_id: str, dossier: PartnerDossier | None,
                   error: PartnerError | None) -> None:
        self._send_ready()
        if error is None and dossier is not None:
            self.dossier_opened.emit(dossier_id)
        if error is not None:
            if error.kind == "gone":
                self._forget(dossier_id)
                self._show_banner(self.tr("Ce dossier n’est plus visible : le consentement a pu "
                                          "être retiré."), self.tr("&OK"), self._hide_banner)
                return
            if dossier_id == self._selected_id:
                self.detail.show_message(self.tr("Le dossier n’a pas pu être lu."))
            self._failed(error, self._open_selected, while_doing="open")
            return
        assert dossier is not None
        self._details[dossier.id] = dossier
        self.model.replace(InboxRow.of(dossier))
        if dossier.id == self._selected_id:
            self._show_dossier(dossier)

    def _forget(self, dossier_id: str) -> None:
        """A dossier the store no longer shows the organisme: out of the list, its draft and
        its reading dropped, the next row selected when it was."""
        self._drafts.pop(dossier_id, None)
        self._details.pop(dossier_id, None)
        was_selected = dossier_id == self._selected_id
        row = self.table.currentIndex().row()
        self.model.remove(dossier_id)
        self._update_count()
        if was_selected:
            self._selected_id = ""
            if self.proxy.rowCount() > 0:
                self.table.selectRow(min(max(row, 0), self.proxy.rowCount() - 1))
            self._sync_selection()

    def _send_done(self, context: tuple[str, str, Draft], dossier: PartnerDossier | None,
                   error: PartnerError | None) -> None:
        dossier_id, number, draft = context
        if error is not None:
            if error.kind == "gone":
                self._forget(dossier_id)
                text = self.tr("Ce dossier n’est plus visible : le consentement a pu être "
                               "retiré.")
                self._show_banner(self.tr("%s Dossier %s : le suivi n’a pas été envoyé et le "
                                          "dossier a été retiré de la liste.") % (text, number),
                                  self.tr("&OK"), self._hide_banner)
                self.failed.emit(text)
                return
            if error.kind == "invalid":
                message = self._invalid_text(error)
                if dossier_id == self._selected_id:
                    self.form.show_error(message)
                self.failed.emit(message)
                return
            self._failed(error, lambda: self._resend(dossier_id, draft), while_doing="send")
            return
        assert dossier is not None
        self._drafts.pop(dossier_id, None)
        self._details[dossier.id] = dossier
        self.model.replace(InboxRow.of(dossier))
        if dossier_id == self._selected_id:
            self._show_dossier(dossier)
        self._hide_banner()
        self.statusBar().showMessage(
            self.tr("Suivi envoyé au guichet pour le dossier %s : %s.")
            % (dossier.number, wording.follow_up_label(dossier.follow_up.status,
                                                       dossier.follow_up.outcome)), 15_000)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.follow_up_sent.emit(dossier_id)

    def _resend(self, dossier_id: str, draft: Draft) -> None:
        if dossier_id != self._selected_id:
            self.select(dossier_id)
        self._drafts[dossier_id] = draft
        self.form.fill(draft)
        self.send()

    def _invalid_text(self, error: PartnerError) -> str:
        field = {"status": self.tr("Statut"), "outcome": self.tr("Résultat"),
                 "note": self.tr("Note pour le guichet")}.get(error.field or "")
        detail = error.detail
        if field:
            return self.tr("%s : le serveur central refuse cette valeur (%s).") % (field, detail)
        return self.tr("Le serveur central a refusé le suivi : %s") % detail

    def _failed(self, error: PartnerError, retry: Callable[[], object], *,
                while_doing: str) -> None:
        if error.kind == "expired":
            text = self.tr("Votre session a expiré : reconnectez-vous pour continuer.")
            if while_doing == "send":
                text += " " + self.tr("Votre suivi est gardé : il sera à renvoyer.")
            self._show_banner(text, self.tr("Se re&connecter…"), self.open_login_dialog)
            self.timer.stop()
            self.failed.emit(text)
            if self.prompt_login:
                self.open_login_dialog()
            return
        if error.kind == "forbidden":
            text = self.tr("Ce compte n’est pas un compte partenaire : connectez-vous avec le "
                           "compte de votre organisme.")
            self._show_banner(text, self.tr("Se &connecter…"), self.open_login_dialog)
            self.failed.emit(text)
            return
        if error.kind == "unreachable":
            if while_doing == "send":
                text = self.tr("Le serveur central est injoignable : le suivi n’a pas été "
                               "envoyé. Il est gardé ; vérifiez le réseau, puis réessayez.")
            elif self._loaded_at is not None:
                text = self.tr("Le serveur central est injoignable : la liste affichée date de "
                               "%s. Nouvel essai automatique dans deux minutes.") \
                    % wording.local_time(self._loaded_at)
            else:
                text = self.tr("Le serveur central est injoignable : la liste ne peut pas être "
                               "lue. Vérifiez le réseau ; nouvel essai automatique dans deux "
                               "minutes.")
        else:
            text = self.tr("Le serveur central a répondu par une erreur : %s") % (
                error.detail or str(error))
        self._show_banner(text, self.tr("Réess&ayer"), retry)
        self.failed.emit(text)

    # ------------------------------------------------------------------ sign out / in

    def sign_out(self) -> bool:
        """Revoke the token on the store and forget it here; False when not signed in."""
        if self.session is None or self._task is not None:
            return False
        return self._start("logout", self.session, lambda client: client.logout())

    def _logout_done(self, session: PartnerSession, error: PartnerError | None) -> None:
        if session.kept:
            forget_token(self._data_dir, session.server, session.token)
        self.session = None
        self.timer.stop()
        self._drafts.clear()
        self._loaded_at = None
        self.model.set_rows([])
        self._next = None
        self._details.clear()
        self._select_none()
        self._update_count()
        self._update_identity()
        self.loaded_label.setText("")
        text = self.tr("Vous êtes déconnecté.")
        if error is not None and error.kind != "expired":
            text += " " + self.tr("Le serveur central n’a pas pu être prévenu : le jeton de "
                                  "session expirera de lui-même.")
        self._show_signed_out(text)
        self.signed_out.emit()

    def _show_signed_out(self, text: str) -> None:
        self.sign_out_action.setEnabled(False)
        self._show_banner(text, self.tr("Se &connecter…"), self.open_login_dialog)

    def _on_login_dialog_signed_in(self, signed: SignedIn) -> None:
        previous = self.session
        self.session = PartnerSession.from_signed_in(signed)
        self._server = signed.server
        if previous is None or previous.organisme != signed.organisme:
            self._drafts.clear()
            self._loaded_at = None
            self.model.set_rows([])
            self._next = None
            self._details.clear()
            self._select_none()
        self._update_identity()
        self._hide_banner()
        self.sign_out_action.setEnabled(True)
        self.statusBar().showMessage(self.tr("Connecté : %s.") % signed.login, 5000)
        self.timer.start()
        self.refresh()

    # ------------------------------------------------------------------ selection

    def _on_table_selection_changed(self, _selected: QItemSelection,
                                    _deselected: QItemSelection) -> None:
        self._sync_selection()

    def _sync_selection(self) -> None:
        """Show the dossier selected in the list (the selection may change without a signal
        when rows go away)."""
        selected = self.table.selectionModel().selectedRows()
        if not selected:
            self._select_none()
            return
        dossier_id = str(selected[0].data(ID_ROLE) or "")
        if dossier_id != self._selected_id:
            self._selected_id = dossier_id
            self.form.show_error("")
        # The form shows the dossier's draft when one is being typed, so a refresh that selects
        # the same dossier again leaves it as it is. A dossier not read yet (or changed since)
        # is read from the store.
        found = self.dossier(dossier_id)
        if found is None:
            self._show_dossier(None, reading=True)
            self._open_selected()
        else:
            self._show_dossier(found)

    def _select_none(self) -> None:
        self._selected_id = ""
        if self.table.selectionModel().hasSelection():
            self.table.clearSelection()
        self._show_dossier(None)

    def _show_dossier(self, dossier: PartnerDossier | None, *, reading: bool = False) -> None:
        if dossier is None:
            self.detail.show_message(self.tr("Lecture du dossier…") if reading
                                     else self._empty_text())
        else:
            self.detail.show_dossier(dossier)
        self.form.show_dossier(dossier, editable=self.session is not None,
                               can_send=self._task is None)
        can = dossier is not None and self.session is not None  # Agenda et rendez-vous
        for action_id, button in self.meeting_buttons.items():
            self.actions_by_id[action_id].setEnabled(can)
            button.setEnabled(can)

    def _empty_text(self) -> str:
        if self.session is None:
            return self.tr("Connectez-vous pour voir les dossiers orientés vers votre organisme.")
        filtered = bool(self.search_text() or self.status_wanted())
        if self._loaded_at is not None and self.model.rowCount() == 0 and not filtered:
            return self.tr("Aucun dossier n’est orienté vers votre organisme pour le moment.")
        if self._loaded_at is not None and self.model.rowCount() == 0:
            return self.tr("Aucun dossier ne correspond à la recherche.")
        return self.tr("Sélectionnez un dossier dans la liste.")

    # ------------------------------------------------------------------ misc

    def _update_identity(self) -> None:
        if self.session is None:
            self.setWindowTitle(self.tr("Accueil TI — Espace partenaire"))
            self.agent_label.setText(self.tr("Non connecté"))
            return
        organisme = wording.organisme_label(self.session.organisme)
        self.setWindowTitle(self.tr("Accueil TI — Espace partenaire — %s") % organisme)
        self.agent_label.setText(self.tr("%s — %s") % (organisme, self.session.login))
        self.agent_label.setToolTip(self.tr("Connecté à %s") % self.session.server)

    def _update_count(self) -> None:
        shown = self.model.rowCount()
        if shown == 0:
            text = self.tr("Aucun dossier")
        else:
            text = self.tr("1 dossier") if shown == 1 else self.tr("%s dossiers") % shown
        urgent = sum(1 for row in self.model.rows if row.urgent)
        if urgent == 1:
            text += self.tr(", dont 1 urgent")
        elif urgent:
            text += self.tr(", dont %s urgents") % urgent
        if self._next is not None:
            text += self.tr(" ; d’autres suivent")
        self.count_label.setText(text)
        self.more_button.setVisible(self._next is not None)

    def _show_banner(self, text: str, button: str, action: Callable[[], object]) -> None:
        """A message above the list, with the button that does what it suggests."""
        self.banner_label.setText(text)
        self.banner_button.setText(button)
        self.banner_button.setAccessibleName(button.replace("&", ""))
        self._banner_action = action
        self.banner.setVisible(True)

    def _hide_banner(self) -> None:
        self._banner_action = None
        self.banner.setVisible(False)

    def _send_ready(self) -> None:
        if not self._ready_sent:
            self._ready_sent = True
            self.ready.emit()

    def _close_http(self) -> None:
        if self._http is not None and self._owns_http:
            self._http.close()
        self._http = None

    # ------------------------------------------------------------------ slots

    def _on_refresh_action_triggered(self) -> None:
        if self.session is None:
            self.open_login_dialog()
            return
        if not self.refresh():
            self.statusBar().showMessage(self.tr("Une lecture est déjà en cours."), 5000)

    def _on_to_form_triggered(self) -> None:
        if self.form.isEnabled():
            self.status_combo.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _on_search_action_triggered(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def _on_send_action_triggered(self) -> None:
        self.send()

    def _on_sign_out_action_triggered(self) -> None:
        self.sign_out()

    def _on_sign_in_action_triggered(self) -> None:
        self.open_login_dialog()

    def _on_banner_button_clicked(self) -> None:
        action, self._banner_action = self._banner_action, None
        self.banner.setVisible(False)
        if action is not None:
            action()

    def _on_timer_timeout(self) -> None:
        if self._task is None:
            self.refresh()

    def _on_search_edit_text_changed(self, _text: str) -> None:
        self.search_timer.start()  # the store is asked when typing pauses

    def _on_search_timer_timeout(self) -> None:
        self._after_filter()

    def _on_status_filter_changed(self, _index: int) -> None:
        self.search_timer.stop()
        self._after_filter()

    def _after_filter(self) -> None:
        """The search or the filter changed: the list is read again from its first page (the
        rows shown stay until the answer comes)."""
        self._first_page_only = True
        self.refresh()

    def _on_table_scrolled(self, value: int) -> None:
        bar = self.table.verticalScrollBar()
        if self._next is not None and value >= bar.maximum() - bar.pageStep() // 2:
            self.load_more()  # near the end of the rows read: the next page

    # ------------------------------------------------------------------ Agenda et rendez-vous

    def open_appointment_dialog(self) -> QDialog | None:
        """« Rendez-vous… » on the selected dossier: a new appointment of the organisme, or one
        of its appointments changed; sent to the store when the agent confirms."""
        from app.ui.appointment_dialog import AppointmentDialog

        dossier = self.dossier(self._selected_id)
        if dossier is None or self.session is None:
            return None
        dialog = AppointmentDialog(organisme=dossier.organisme, person=dossier.display_name,
                                   existing=list(dossier.appointments), by=self.session.login,
                                   parent=self)
        dossier_id = dossier.id

        def send(values: dict[str, Any]) -> None:
            self._dialog_request(dialog, "appointment", (dossier_id, values),
                                 lambda client: client.set_appointment(dossier_id, **values))

        dialog.submitted.connect(send)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.appointment_dialog = dialog
        dialog.open()
        return dialog

    def open_reorient_dialog(self) -> QDialog | None:
        """« Réorienter… » on the selected dossier."""
        from app.ui.reorient_dialog import ReorientDialog

        dossier = self.dossier(self._selected_id)
        if dossier is None or self.session is None:
            return None
        dialog = ReorientDialog(organisme=dossier.organisme, person=dossier.display_name,
                                # Known only when the store's view tells them (codes only).
                                consented=getattr(dossier, "consented_organismes", None),
                                oriented=getattr(dossier, "oriented_organismes", ()),
                                parent=self)
        dossier_id = dossier.id

        def send(values: dict[str, Any]) -> None:
            self._dialog_request(dialog, "reorient", (dossier_id, values),
                                 lambda client: client.reorient(dossier_id, values["organisme"],
                                                                values["note"]))

        dialog.submitted.connect(send)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.reorient_dialog = dialog
        dialog.open()
        return dialog

    def open_agenda(self) -> QDialog | None:
        """The organisme's appointments of the day (read from the store, off the GUI thread);
        a row opens its dossier in the inbox."""
        from app.ui.agenda import AgendaDialog

        if self.session is None:
            return None
        existing = getattr(self, "agenda_dialog", None)
        if existing is not None and existing.isVisible():
            existing.raise_()
            existing.activateWindow()
            return existing  # type: ignore[no-any-return]
        try:
            client = self._client()
        except Exception as exc:  # a bad server address: told, not raised
            log.exception("no HTTP client for the central store")
            self.statusBar().showMessage(str(_partner_error(exc)), 15_000)
            return None
        organisme = wording.organisme_label(self.session.organisme)
        dialog = AgendaDialog(lambda day: client.agenda(day, day),
                              title=self.tr("Agenda — %s") % organisme, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        view = dialog.view

        def requested(dossier_id: str) -> None:
            number = next((r.dossier_number for r in view.model.rows
                           if r.dossier_id == dossier_id), "")
            self._on_agenda_dossier_requested(dossier_id, number)

        view.dossier_requested.connect(requested)
        self.agenda_dialog = dialog
        dialog.show()
        return dialog

    def _dialog_request(self, dialog: Any, operation: str, context: tuple[str, dict[str, Any]],
                        work: Callable[[PartnerClient], Any]) -> None:
        if self._task is not None:
            dialog.show_error(self.tr("Patientez : un échange avec le serveur central est en "
                                      "cours, puis réessayez."))
            return
        self._request_dialog = dialog
        self._start(operation, context, work)

    def _dialog_request_done(self, operation: str, context: tuple[str, dict[str, Any]],
                             result: Any, error: PartnerError | None) -> None:
        dialog, self._request_dialog = getattr(self, "_request_dialog", None), None
        dossier_id, values = context
        if error is not None:
            text = str(error)
            if error.kind == "invalid":
                text = self.tr("Le serveur central a refusé : %s") % (error.detail or str(error))
            if dialog is not None:
                dialog.show_error(text)
            if error.kind == "expired":
                self._failed(error, self.refresh, while_doing="send")
            self.failed.emit(text)
            return
        dossier = result if isinstance(result, PartnerDossier) else None
        if dossier is not None:
            self._details[dossier.id] = dossier
            self.model.replace(InboxRow.of(dossier))
            if dossier_id == self._selected_id:
                self._show_dossier(dossier)
        shown = dossier or self.dossier(dossier_id)
        number = shown.number if shown is not None else ""
        if operation == "appointment":
            text = self.tr("Rendez-vous enregistré (%s, %s) pour le dossier %s : le guichet le "
                           "verra à sa prochaine synchronisation.") % (
                wording.appointment_when(values.get("at")),
                wording.appointment_status_label(str(values.get("status", ""))).lower(), number)
        else:
            target = wording.organisme_label(str(values.get("organisme", "")))
            if _reoriented_now(result):
                text = self.tr("Dossier %s transmis à %s : la personne y avait consenti.") % (
                    number, target)
            else:
                text = self.tr("Demande de réorientation vers %s envoyée au guichet : il "
                               "demandera son accord à la personne (dossier %s).") % (
                    target, number)
        if dialog is not None:
            dialog.accept()
        self.statusBar().showMessage(text.replace(" ()", "").replace("  ", " "), 20_000)
        self.dialog_request_done.emit(operation)

    def _on_appointment_action_triggered(self) -> None:
        self.open_appointment_dialog()

    def _on_reorient_action_triggered(self) -> None:
        self.open_reorient_dialog()

    def _on_agenda_action_triggered(self) -> None:
        self.open_agenda()

    def _on_agenda_dossier_requested(self, dossier_id: str, number: str = "") -> None:
        if not self.select(dossier_id) and number:
            # not among the rows read: the list is searched for its number, then it is selected
            self._wanted_id = dossier_id
            self.status_filter.setCurrentIndex(0)
            self.search_edit.setText(number)
            self.search_timer.stop()
            self._after_filter()
        elif self.model.row(dossier_id) is None:
            self.statusBar().showMessage(self.tr("Ce dossier n’est pas dans la liste affichée : "
                                                 "effacez la recherche et les filtres."), 10_000)
            return
        self.activateWindow()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # ------------------------------------------------------------------ Qt

    def closeEvent(self, event: QCloseEvent) -> None:
        self.timer.stop()
        for task in running_tasks(self):
            # A request under way ends before its window does (its HTTP client is closed
            # below), unless the store holds it up; its answer is dropped either way.
            task.wait(5.0)
        if cancel_tasks(self):
            self._task = None
            self._operation = ""
            self._set_busy(False)
        session = self.session
        if session is not None and not session.kept and self._http is not None:
            # A session opened from the counter lives only as long as its window: its token is
            # revoked, off the GUI thread (a store that does not answer must not hold the close).
            http, owned = self._http, self._owns_http
            self._http = None
            closing = run_task(lambda: _revoke(http, session.token, owned),
                               name="partner-logout")
            closing.wait(2.0)
            self.session = None
        self._close_http()
        super().closeEvent(event)


def _reoriented_now(result: Any) -> bool:
    """Whether the store's answer to a re-orientation says the dossier went to the organisme
    at once (consent given) rather than to the counter."""
    if isinstance(result, Mapping):
        return str(result.get("status") or result.get("orientation_status")) == "transmise" \
            or bool(result.get("transmitted"))
    return bool(getattr(result, "transmitted", False))


def _partner_error(exc: BaseException) -> PartnerError:
    """A failed request as the window tells it: the store's own error, or ``server``."""
    if isinstance(exc, PartnerError):
        return exc
    # reported to the agent, with the traceback in the log
    log.error("partner request failed", exc_info=(type(exc), exc, exc.__traceback__))
    return PartnerError("server", str(exc) or type(exc).__name__)


def _revoke(http: Any, token: str, close: bool) -> None:
    try:
        PartnerClient(http, token, max_retries=0).logout()
    except Exception:  # it expires by itself on the store
        log.info("the partner token could not be revoked", exc_info=True)
    finally:
        if close:
            http.close()


def forget_token(data_dir: Path | None, server: str, token: str) -> None:
    """Remove the token of ``data_dir``'s workstation for ``server`` if it is still this one
    (the other data folders' tokens stay)."""
    from app.paths import default_data_dir
    from app.sync.session import delete_token

    try:
        delete_token(data_dir or default_data_dir(), server, only=token)
    except Exception:  # the keyring's own errors; the token is revoked on the store
        log.warning("the token could not be removed from the keyring", exc_info=True)


def saved_token(server: str, data_dir: Path | None = None) -> str | None:
    """The token of ``data_dir``'s workstation for ``server`` in the OS keyring (None when
    absent)."""
    from app.paths import default_data_dir
    from app.sync.session import read_token

    try:
        return read_token(data_dir or default_data_dir(), server)
    except Exception:
        log.warning("the OS keyring cannot be read", exc_info=True)
        return None


def saved_partner_window(settings: AppSettings, data_dir: Path | None = None, *,
                         http_factory: HttpFactory | None = None,
                         prompt_login: bool = True) -> PartnerWindow | None:
    """The partner inbox of the account last signed in on this workstation (its settings name a
    ``partenaire`` and its token is in the keyring), not shown yet; None otherwise."""
    server = str(settings.server_url or "").strip().rstrip("/")
    if settings.agent_role != "partenaire" or not server.startswith(("http://", "https://")):
        return None
    token = saved_token(server, data_dir)
    if not token:
        return None
    session = PartnerSession(server, token, settings.agent_login, settings.agent_organisme,
                             kept=True)
    return PartnerWindow(session, http_factory=http_factory, settings=settings,
                         data_dir=data_dir, prompt_login=prompt_login)


def open_partner_space(parent: QWidget | None, settings: AppSettings,
                       http_factory: HttpFactory | None = None) -> LoginDialog:
    """From the counter's window: ask for a partner account and open its inbox in a window of
    its own. The workstation's token and settings are left alone: the partner's token lives in
    that window only, and is revoked when it closes.

    Returns the login dialog (already open); once signed in, ``dialog.partner_window`` is the
    window.
    """
    from app.ui.login_dialog import LoginDialog

    server = str(settings.server_url or "").strip().rstrip("/")
    dialog = LoginDialog(server, http_factory=http_factory, keep_token=False,
                         required_role="partenaire", parent=parent)
    dialog.partner_window = None  # type: ignore[attr-defined]

    def on_signed_in(signed: SignedIn) -> None:
        window = PartnerWindow(PartnerSession.from_signed_in(signed), http_factory=http_factory,
                               parent=parent)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.partner_window = window  # type: ignore[attr-defined]
        window.show()  # a new window comes to the front
        window.activateWindow()

    dialog.signed_in.connect(on_signed_in)
    dialog.open()
    return dialog
