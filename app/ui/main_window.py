"""The main window: the dossier list with its search and filters, the selected dossier's panel,
and the dossier workflow, which takes the window over while the agent works on a dossier.

The workflow widget (``app.ui.dossier_flow.DossierFlow``) is passed in; the window only relies on
the :class:`DossierFlowLike` interface, so tests drive the window with a small double.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import fields
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QLocale,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QSystemTrayIcon,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.forms.codes import DOSSIER_STATUSES, ORGANISMES
from app.models.rows import ListFilters
from app.ui import wording
from app.ui.actions import SPECS, ActionId, Menu, create_actions, menu_title, tooltip
from app.ui.display import FirstPaint
from app.ui.dossier_table import ID_ROLE, DossierListModel, DossierTableView
from app.ui.panel_texts import NO_SELECTION, OPENING_STORE, panel_text
from app.ui.settings import AppSettings, load_window_state, save_window_state
from app.ui.sync_controller import SyncController

if TYPE_CHECKING:
    from app.models.database import Store
    from app.models.early import FirstPage
    from app.sync.ledger import PartnerUpdate
    from app.ui.call_list import CallListPage  # Liste d'appels
    from app.ui.dossier_panel import DossierPanel
    from app.ui.partner_updates import PartnerNotice

SEARCH_DEBOUNCE_MS = 120
CHANGED_RELOAD_MS = 250
STAGE_WAIT_MS = 1_000  # a staged window's second stage, at the latest, without a first paint
PERIOD_DAYS = {"all": None, "7d": 7, "30d": 30, "12m": 365}


class DossierFlowLike(Protocol):
    """What the window needs from the dossier workflow widget (a QWidget).

    ``finished(str)``: the agent left the dossier (its id, '' when none was created);
    ``dossier_changed(str)``: a dossier was saved (its id).
    """

    @property
    def finished(self) -> Any: ...

    @property
    def dossier_changed(self) -> Any: ...

    def start_new(self, channel: str = "accueil",
                  prefill: Mapping[str, object] | None = None) -> None: ...

    def open_dossier(self, dossier_id: str) -> None: ...

    def open_documents(self, dossier_id: str) -> None: ...

    def open_consents(self, dossier_id: str) -> None: ...


class RecordReader(Protocol):
    """Reads one dossier as its export dict (``DossierService.record``)."""

    def record(self, ref: str) -> dict[str, Any]: ...


def _utcnow() -> datetime:
    return datetime.now(UTC)


class _PanelStandIn(QWidget):
    """Where the dossier's panel goes while the window is built in stages: the panel's own
    empty text (« Ouverture de la base locale… » while the store opens), as the panel shows it,
    in a widget that costs no import."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(text, self)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        label.setMargin(self.fontMetrics().averageCharWidth())
        layout.addWidget(label, 1)


class MainWindow(QMainWindow):
    """Dossier list, search and filters, side panel; hosts the dossier workflow.

    Built in two stages with ``staged=True`` (the application's start): first what the list's
    first paint needs (search and filters, the list, menus, toolbar and status bar, every action
    and its shortcut), then, once the list is painted, the rest (:meth:`complete`: the dossier's
    panel, the partners' notice, the sites of the site filter, the « Sans nouvelle » filter's
    description, the sync rounds). Without it (tests, benchmarks) both stages run at once.

    Signals:
        ready(): the list shows its first rows (or is known to be empty), once, at start-up.
        settings_changed(object): the agent saved new settings (:class:`AppSettings`).
    """

    ready = Signal()
    settings_changed = Signal(object)
    panel: DossierPanel  # the second stage's (complete)
    partner_notice: PartnerNotice  # the second stage's (complete)

    def __init__(
        self,
        *,
        store: Store,
        service: RecordReader,
        settings: AppSettings,
        data_dir: Path,
        flow: DossierFlowLike,
        clock: Callable[[], datetime] = _utcnow,
        sync: SyncController | None = None,
        login_http_factory: Callable[[str], Any] | None = None,
        first_page: FirstPage | None = None,
        staged: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if not isinstance(flow, QWidget):
            raise TypeError("the dossier flow must be a QWidget")
        self.store = store
        self.service = service
        self.settings = settings
        self.data_dir = Path(data_dir)
        self.flow = flow
        self._clock = clock
        self._ready_sent = False
        self._selected_id = ""
        self._select_after_reload = ""
        self._flow_id = ""  # the dossier the workflow was opened on ('' for a new one)
        self._remove_at_logout = False  # a shared workstation: its dossiers go at log-out
        self._panel_stale = False  # the panel's dossier changed since it was read
        self._panel_waits = False  # the panel waits for the store to open (store_opened)
        self._complete = False  # the second stage is built (complete)
        self._locale = QLocale(QLocale.Language.French, QLocale.Country.France)

        self.setObjectName("main_window")
        self.setWindowTitle(self.tr("Accueil TI — %s-%s") % (store.site_code,
                                                              store.workstation_code))
        self.setAccessibleName(self.tr("Accueil TI"))

        self.actions_by_id = create_actions(self)
        self.model = DossierListModel(store, parent=self)
        self.sync = sync or SyncController(store, settings)
        self.sync.setParent(self)
        self._login_http_factory = login_http_factory
        documents_page = getattr(flow, "documents_page", None)
        if documents_page is not None:  # « Relevé de vos données »: the central store's accesses
            documents_page.accesses_provider = self.dossier_accesses
        self._sync_shown = False  # the status bar shows the sync state (a token exists)
        self._connected = False  # a token exists (the log-out action is on)
        self.partner_news: list[PartnerUpdate] = []  # partner follow-ups pulled since the start
        self._tray: QSystemTrayIcon | None = None

        self._build_list_page()
        self.stack = QStackedWidget(self)
        self.stack.setObjectName("main_stack")
        self.stack.addWidget(self.list_page)
        self.stack.addWidget(flow)
        self.setCentralWidget(self.stack)
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()
        self._connect()

        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self.search_timer.timeout.connect(self._on_search_timer_timeout)
        self.changed_timer = QTimer(self)
        self.changed_timer.setSingleShot(True)
        self.changed_timer.setInterval(CHANGED_RELOAD_MS)
        self.changed_timer.timeout.connect(self._on_changed_timer_timeout)
        self.panel_timer = QTimer(self)
        self.panel_timer.setSingleShot(True)
        self.panel_timer.setInterval(0)  # after the selection settles (arrow key held down)
        self.panel_timer.timeout.connect(self._on_panel_timer_timeout)

        self._update_dossier_actions()
        self.table.size_columns()
        self._size_window()
        self._restore_layout()
        filters = self.current_filters()
        if first_page is not None and first_page.filters == filters:
            # Read before the store's modules loaded (app.models.early): shown at once, read
            # again once the store is open (store_opened).
            self.model.show_first_page(filters, first_page.rows, first_page.sync)
        else:
            self.model.set_filters(filters)
        if staged:
            FirstPaint(self.table.viewport(), self.complete)
            # A window that does not paint (shown minimised, or not shown) completes anyway.
            QTimer.singleShot(STAGE_WAIT_MS, self, self.complete)
        else:
            self.complete()

    @property
    def is_complete(self) -> bool:
        """Whether the window's second stage is built (see the class)."""
        return self._complete

    def complete(self) -> None:
        """Build the window's second stage (once; see the class). Nothing in it changes what
        the list shows; its modules load here, after the list's first paint."""
        if self._complete:
            return
        self._complete = True
        from app.forms.workdays import stale_working_days
        from app.models.sites import load_sites
        from app.ui.dossier_panel import DossierPanel
        from app.ui.partner_updates import PartnerNotice

        self.partner_notice = PartnerNotice(self.list_page)
        self._list_layout.insertWidget(0, self.partner_notice)
        a = self.actions_by_id
        self.partner_notice.dossier_requested.connect(self.show_dossier)
        self.partner_notice.list_requested.connect(a[ActionId.PARTNER_UPDATES].trigger)

        for site in load_sites().values():
            self.site_combo.addItem(f"{site.code} — {site.name}", site.code)
        # « Sans nouvelle » (Agenda et rendez-vous): the deployment's number of working days
        # ([follow_up] stale_working_days, 10 by default), public holidays excluded.
        days = stale_working_days()
        self.silent_check.setAccessibleName(
            self.tr("Sans nouvelle du partenaire depuis %n jour ouvré", "", days) if days < 2
            else self.tr("Sans nouvelle du partenaire depuis %n jours ouvrés", "", days))
        self.silent_check.setToolTip(
            self.tr("Dossiers ouverts dont une orientation transmise n’a eu aucune action du "
                    "partenaire depuis %n jour ouvré (jours fériés exclus)", "", days)
            if days < 2 else
            self.tr("Dossiers ouverts dont une orientation transmise n’a eu aucune action du "
                    "partenaire depuis %n jours ouvrés (jours fériés exclus)", "", days))

        panel = DossierPanel({k.value: action for k, action in a.items()}, self.list_page)
        panel.clock = self._clock  # « sans nouvelle » (Agenda et rendez-vous)
        panel.setMinimumWidth(self._panel_stand_in.minimumWidth())
        self.splitter.replaceWidget(1, panel)  # the stand-in's place and size
        self._panel_stand_in.deleteLater()
        self.panel = panel
        panel.convocation_requested.connect(self._on_panel_convocation_requested)
        panel.ics_requested.connect(self._on_panel_ics_requested)
        panel.appointment_status_requested.connect(self._on_panel_appointment_status_requested)
        panel.counter_note_requested.connect(self._on_panel_counter_note_requested)

        self._start_sync()
        if self._ready_sent:  # the first round, which the list's first rows could not start
            self.sync.start_first_round()
        self._show_panel(self.selected_id())

    # ------------------------------------------------------------------ building

    def _build_list_page(self) -> None:
        self.list_page = QWidget(self)
        self.list_page.setObjectName("list_page")
        page = QVBoxLayout(self.list_page)
        self._list_layout = page  # the partners' notice goes first (complete)

        search_row = QHBoxLayout()
        self.search_edit = QLineEdit(self.list_page)
        self.search_edit.setObjectName("search_edit")
        self.search_edit.setAccessibleName(self.tr("Rechercher un dossier"))
        self.search_edit.setPlaceholderText(self.tr("Nom, n° de dossier, SIRET ou NIR"))
        self.search_edit.setToolTip(self.actions_by_id[ActionId.SEARCH].toolTip())
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(self.fontMetrics().averageCharWidth() * 36)
        self.search_edit.installEventFilter(self)
        search_label = QLabel(self.tr("&Rechercher :"), self.list_page)
        search_label.setBuddy(self.search_edit)
        search_row.addWidget(search_label)
        search_row.addWidget(self.search_edit, 1)
        self.urgent_check = QCheckBox(self.tr("&Urgents uniquement"), self.list_page)
        self.urgent_check.setObjectName("urgent_check")
        self.urgent_check.setAccessibleName(self.tr("Urgents uniquement"))
        self.urgent_check.setToolTip(self.actions_by_id[ActionId.URGENT_ONLY].toolTip())
        search_row.addSpacing(self.fontMetrics().averageCharWidth() * 2)
        search_row.addWidget(self.urgent_check)
        page.addLayout(search_row)

        filter_row = QHBoxLayout()

        def combo(name: str, label: str, items: list[tuple[str, str | None]]) -> QComboBox:
            box = QComboBox(self.list_page)
            box.setObjectName(name)
            box.setAccessibleName(label.replace("&", "").rstrip(" :"))
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            for text, data in items:
                box.addItem(text, data)
            title = QLabel(label, self.list_page)
            title.setBuddy(box)
            filter_row.addWidget(title)
            filter_row.addWidget(box)
            filter_row.addSpacing(self.fontMetrics().averageCharWidth())
            return box

        self.status_combo = combo("status_combo", self.tr("S&tatut :"), [
            (self.tr("Tous"), None), *((wording.status_label(s), s) for s in DOSSIER_STATUSES)])
        self.organisme_combo = combo("organisme_combo", self.tr("&Organisme :"), [
            (self.tr("Tous"), None), *((wording.organisme_label(o), o) for o in ORGANISMES)])
        # The sites come with the second stage (complete).
        self.site_combo = combo("site_combo", self.tr("S&ite :"), [(self.tr("Tous"), None)])
        # Not as wide as « TEL — Plateforme téléphonique »: the row must fit 1366 px at a 150 %
        # text size (Paramètres); the list opened shows the names in full.
        self.site_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.site_combo.setMinimumContentsLength(16)
        self.period_combo = combo("period_combo", self.tr("&Période :"), [
            (wording.period_label(p), p) for p in wording.PERIODS])
        self.mine_check = QCheckBox(self.tr("&Mes dossiers"), self.list_page)
        self.mine_check.setObjectName("mine_check")
        self.mine_check.setAccessibleName(self.tr("Mes dossiers"))
        self.mine_check.setToolTip(self.tr("Seulement les dossiers ouverts par l’agent connecté"))
        # Its accessible name and tooltip, which name the deployment's number of days, come
        # with the second stage (complete).
        self.silent_check = QCheckBox(self.tr("Sans nou&velle"), self.list_page)
        self.silent_check.setObjectName("silent_check")
        # Beside « Urgents uniquement »: the filter row is full at 1366×768.
        search_row.addWidget(self.mine_check)
        search_row.addWidget(self.silent_check)
        filter_row.addStretch(1)
        page.addLayout(filter_row)

        self.table = DossierTableView(self.list_page)
        self.table.setModel(self.model)
        self.table.addAction(self.actions_by_id[ActionId.OPEN_DOSSIER])
        # The dossier's panel comes with the second stage (complete); until then its empty
        # text stands in its place, at its size.
        # (app.ui.panel_texts: the panel's own strings, in its translation context)
        self._panel_stand_in = _PanelStandIn(panel_text(
            NO_SELECTION if self._store_is_open() else OPENING_STORE), self.list_page)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self.list_page)
        self.splitter.setObjectName("list_splitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self._panel_stand_in)
        self.splitter.setStretchFactor(0, 1)  # the list takes the room a larger window gives
        self.splitter.setStretchFactor(1, 0)
        page.addWidget(self.splitter, 1)
        self._panel_stand_in.setMinimumWidth(self.fontMetrics().averageCharWidth() * 52)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        bar.setAccessibleName(self.tr("Barre de menus"))
        menus: dict[Menu, QMenu] = {}
        for menu in Menu:
            menus[menu] = bar.addMenu(menu_title(menu))
            menus[menu].setToolTipsVisible(True)
            menus[menu].setObjectName(f"menu_{menu.value}")
        for action_id, action in self.actions_by_id.items():
            spec = SPECS[action_id]
            if spec.separator_before and not menus[spec.menu].isEmpty():
                menus[spec.menu].addSeparator()
            menus[spec.menu].addAction(action)
        self.menus = menus
        self._build_audit_action()
        self._build_site_settings_action()

    def _build_audit_action(self) -> None:
        """« Journal d’audit… » in the Synchronisation menu, shown to ``admin`` accounts only
        (checked again each time the menu opens: the account may change while the window is
        open)."""
        from PySide6.QtGui import QAction

        action = QAction(self.tr("&Journal d’audit du serveur…"), self)
        action.setObjectName("action_audit_log")
        action.setStatusTip(self.tr("Consulter le journal d’audit du serveur central "
                                    "(comptes administrateurs)"))
        action.triggered.connect(self.open_audit_log)
        menu = self.menus[Menu.SYNC]
        self._audit_separator = menu.addSeparator()
        menu.addAction(action)
        self.audit_action = action

        def update() -> None:
            admin = self.settings.agent_role == "admin"
            action.setVisible(admin)
            self._audit_separator.setVisible(admin)

        menu.aboutToShow.connect(update)
        update()

    def _build_site_settings_action(self) -> None:
        """« Paramètres des sites… » beside the audit log, for ``admin`` accounts only."""
        from PySide6.QtGui import QAction

        action = QAction(self.tr("&Paramètres des sites…"), self)
        action.setObjectName("action_site_settings")
        action.setStatusTip(self.tr("Adresse, téléphone, adresse électronique et horaires "
                                    "imprimés pour chaque site (comptes administrateurs)"))
        action.triggered.connect(self.open_site_settings)
        menu = self.menus[Menu.SYNC]
        menu.addAction(action)
        self.site_settings_action = action

        def update() -> None:
            action.setVisible(self.settings.agent_role == "admin")

        menu.aboutToShow.connect(update)
        update()

    def open_site_settings(self) -> None:
        """The site settings editor, on the central store with this workstation's token."""
        from app.sync.site_settings import fetch_sites, save_site
        from app.ui.site_settings_dialog import SiteSettingsDialog

        server, token = self.sync.server, self.sync.token()
        factory = self._login_http_factory

        def client() -> Any:
            import httpx

            if factory is not None:
                return factory(server)
            return httpx.Client(base_url=server or "http://localhost", timeout=15)

        def fetch() -> list[dict[str, Any]]:
            http = client()
            try:
                return fetch_sites(http, token=token)
            finally:
                if factory is None:
                    http.close()

        def save(code: str, settings: Any) -> dict[str, Any]:
            http = client()
            try:
                return save_site(http, code, settings, token=token)
            finally:
                if factory is None:
                    http.close()

        dialog = SiteSettingsDialog(fetch, save, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.site_settings_dialog = dialog
        dialog.open()
        dialog.reload()

    def dossier_accesses(self, dossier_id: str) -> list[dict[str, Any]] | None:
        """Who accessed the dossier on the central store (for the « Relevé de vos données »);
        None without a session or when the store does not answer within a few seconds."""
        import httpx

        from app.sync.accesses import fetch_accesses

        server, token = self.sync.server, self.sync.token()
        if not token:
            return None
        workstation = f"{self.store.site_code}-{self.store.workstation_code}"
        if self._login_http_factory is not None:
            return fetch_accesses(self._login_http_factory(server), dossier_id, token=token,
                                  workstation=workstation)
        try:
            with httpx.Client(base_url=server,
                              timeout=httpx.Timeout(8.0, connect=3.0)) as http:
                return fetch_accesses(http, dossier_id, token=token, workstation=workstation)
        except (httpx.HTTPError, ValueError):
            return None

    def open_audit_log(self) -> None:
        """The audit viewer, reading the central store with this workstation's token."""
        from app.sync.audit_log import fetch_audit
        from app.ui.audit_dialog import AuditDialog

        server, token = self.sync.server, self.sync.token()
        factory = self._login_http_factory

        def fetch(params: Any) -> list[dict[str, Any]]:
            import httpx

            if factory is not None:
                return fetch_audit(factory(server), params, token=token)
            with httpx.Client(base_url=server or "http://localhost", timeout=15) as http:
                return fetch_audit(http, params, token=token)

        dialog = AuditDialog(fetch, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.audit_dialog = dialog
        dialog.open()
        dialog.search()

    def _build_toolbar(self) -> None:
        toolbar = QToolBar(self.tr("Actions principales"), self)
        toolbar.setObjectName("main_toolbar")
        toolbar.setAccessibleName(self.tr("Actions principales"))
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        a = self.actions_by_id
        for group in ((ActionId.NEW_DOSSIER, ActionId.NEW_PHONE_DOSSIER),
                      (ActionId.OPEN_DOSSIER, ActionId.DOCUMENTS, ActionId.CONSENTS),
                      (ActionId.SYNCHRONIZE,)):
            if toolbar.actions():
                toolbar.addSeparator()
            for action_id in group:
                toolbar.addAction(a[action_id])
                button = toolbar.widgetForAction(a[action_id])
                button.setAccessibleName(a[action_id].text().replace("&", ""))
        self.addToolBar(toolbar)
        self.toolbar = toolbar

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        status.setAccessibleName(self.tr("Barre d’état"))
        self.count_label = QLabel(self.tr("Chargement…"), self)
        self.count_label.setObjectName("count_label")
        self.count_label.setAccessibleName(self.tr("Nombre de dossiers"))
        status.addWidget(self.count_label, 1)
        self.workstation_label = QLabel(self._workstation_text(), self)
        self.workstation_label.setObjectName("workstation_label")
        self.workstation_label.setAccessibleName(self.tr("Poste de travail"))
        status.addPermanentWidget(self.workstation_label)
        separator = QFrame(self)  # « Poste … — agent » | « Synchronisation : … »
        separator.setFrameShape(QFrame.Shape.VLine)
        separator.setFrameShadow(QFrame.Shadow.Sunken)
        status.addPermanentWidget(separator)
        self.sync_label = QLabel(
            self.tr("Synchronisation : %s") % wording.sync_state_label("local"), self)
        self.sync_label.setObjectName("sync_label")
        self.sync_label.setAccessibleName(self.tr("État de la synchronisation"))
        self.sync_label.setToolTip(self.tr("Aucune connexion au serveur central : F5 pour se "
                                           "connecter"))
        self.sync_progress = QProgressBar(self)
        self.sync_progress.setObjectName("sync_progress")
        self.sync_progress.setAccessibleName(self.tr("Synchronisation en cours"))
        self.sync_progress.setRange(0, 0)  # busy: a round has no known length
        self.sync_progress.setTextVisible(False)
        self.sync_progress.setMaximumWidth(self.fontMetrics().averageCharWidth() * 12)
        self.sync_progress.setVisible(False)
        self.partner_button = QPushButton(self)
        self.partner_button.setObjectName("partner_button")
        self.partner_button.setFlat(True)
        self.partner_button.setAccessibleName(self.tr("Mises à jour des partenaires"))
        self.partner_button.setToolTip(self.actions_by_id[ActionId.PARTNER_UPDATES].toolTip())
        self.partner_button.setStyleSheet("QPushButton { color: #1a5fb4; text-decoration: "
                                          "underline; border: none; padding: 0 0.4em; }")
        self.partner_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.partner_button.setVisible(False)
        self.quarantine_button = QPushButton(self)
        self.quarantine_button.setObjectName("quarantine_button")
        self.quarantine_button.setFlat(True)
        self.quarantine_button.setAccessibleName(self.tr("Dossiers en quarantaine"))
        self.quarantine_button.setToolTip(self.tr("Dossiers refusés par le serveur central : "
                                                  "voir le motif et les corriger"))
        self.quarantine_button.setStyleSheet("QPushButton { color: #b3261e; font-weight: bold; "
                                             "text-decoration: underline; border: none; "
                                             "padding: 0 0.4em; }")
        self.quarantine_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.quarantine_button.setVisible(False)
        status.addPermanentWidget(self.partner_button)
        status.addPermanentWidget(self.quarantine_button)
        status.addPermanentWidget(self.sync_progress)
        status.addPermanentWidget(self.sync_label)

    def _workstation_text(self) -> str:
        text = self.tr("Poste %s-%s") % (self.store.site_code, self.store.workstation_code)
        if self.settings.agent_name:
            text += self.tr(" — %s") % self.settings.agent_name
        return text

    def _size_window(self) -> None:
        # From the font and the columns, so the window opens with every column readable at any
        # scale factor; never larger than the screen.
        fm = self.fontMetrics()
        header = self.table.horizontalHeader()
        table_width = sum(header.sectionSize(c) for c in range(header.count()))
        table_width += self.table.verticalScrollBar().sizeHint().width() + 4
        panel_width = self._panel_stand_in.minimumWidth()
        width = table_width + panel_width + fm.averageCharWidth() * 4
        height = fm.height() * 44
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            width, height = min(width, screen.width()), min(height, screen.height())
        self.resize(width, height)
        self.splitter.setSizes([width - panel_width, panel_width])

    # Where the agent left the window (size, position, column widths, the panel's width), kept
    # in the data dir's settings: restored over the computed default; Qt's restoreGeometry
    # brings a window saved on a larger or missing screen back onto this one.
    _LAYOUT_KEYS = ("main_geometry", "main_columns", "main_splitter")

    def _restore_layout(self) -> None:
        geometry, columns, splitter = (load_window_state(self.data_dir, key)
                                       for key in self._LAYOUT_KEYS)
        if columns is not None:
            self.table.horizontalHeader().restoreState(columns)
        if splitter is not None:
            self.splitter.restoreState(splitter)
        if geometry is not None:
            self.restoreGeometry(geometry)
            self._fit_on_screen()

    def _fit_on_screen(self) -> None:
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is None:
            return
        if self.width() > screen.width() or self.height() > screen.height():
            self.resize(min(self.width(), screen.width()), min(self.height(), screen.height()))

    def _save_layout(self) -> None:
        states = (self.saveGeometry(), self.table.horizontalHeader().saveState(),
                  self.splitter.saveState())
        try:
            for key, state in zip(self._LAYOUT_KEYS, states, strict=True):
                save_window_state(self.data_dir, key, state)
        except OSError:  # a convenience: never a reason not to close
            pass

    def _connect(self) -> None:
        a = self.actions_by_id
        a[ActionId.NEW_DOSSIER].triggered.connect(self._on_new_dossier_triggered)
        a[ActionId.NEW_PHONE_DOSSIER].triggered.connect(self._on_new_phone_dossier_triggered)
        a[ActionId.SEARCH].triggered.connect(self._on_search_triggered)
        a[ActionId.OPEN_DOSSIER].triggered.connect(self._on_open_dossier_triggered)
        a[ActionId.DOCUMENTS].triggered.connect(self._on_documents_triggered)
        a[ActionId.CONSENTS].triggered.connect(self._on_consents_triggered)
        a[ActionId.CORRECT_IDENTITY].triggered.connect(self._on_correct_identity_triggered)
        a[ActionId.REVISE_ANSWER].triggered.connect(self._on_revise_answer_triggered)
        a[ActionId.ERASE_DOSSIER].triggered.connect(self._on_erase_dossier_triggered)
        a[ActionId.REFRESH].triggered.connect(self._on_refresh_triggered)
        a[ActionId.URGENT_ONLY].toggled.connect(self.urgent_check.setChecked)
        a[ActionId.SYNCHRONIZE].triggered.connect(self._on_synchronize_triggered)
        a[ActionId.RESOLVE_CONFLICT].triggered.connect(self._on_resolve_conflict_triggered)
        a[ActionId.QUARANTINE].triggered.connect(self._on_quarantine_triggered)
        a[ActionId.PARTNER_UPDATES].triggered.connect(self._on_partner_updates_triggered)
        a[ActionId.LOGOUT].triggered.connect(self._on_logout_triggered)
        a[ActionId.PARTNER_SPACE].triggered.connect(self._on_partner_space_triggered)
        self.quarantine_button.clicked.connect(a[ActionId.QUARANTINE].trigger)
        self.partner_button.clicked.connect(a[ActionId.PARTNER_UPDATES].trigger)
        a[ActionId.SETTINGS].triggered.connect(self._on_settings_triggered)
        a[ActionId.ABOUT].triggered.connect(self._on_about_triggered)
        a[ActionId.HELP].triggered.connect(self._on_help_triggered)
        # Agenda et rendez-vous
        a[ActionId.SCHEDULE_CALLBACK].triggered.connect(self._on_schedule_callback_triggered)
        a[ActionId.AGENDA].triggered.connect(self._on_agenda_triggered)
        a[ActionId.QUIT].triggered.connect(self.close)

        self.search_edit.textChanged.connect(self._on_search_edit_text_changed)
        self.search_edit.returnPressed.connect(self._on_search_edit_return_pressed)
        for box in (self.status_combo, self.organisme_combo, self.site_combo, self.period_combo):
            box.currentIndexChanged.connect(self._on_filter_changed)
        self.urgent_check.toggled.connect(self._on_urgent_check_toggled)
        self.mine_check.toggled.connect(self._on_filter_check_toggled)
        self.silent_check.toggled.connect(self._on_filter_check_toggled)

        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.model.first_page_loaded.connect(self._on_model_first_page_loaded)
        self.model.reloaded.connect(self._on_model_reloaded)
        self.model.total_changed.connect(self._on_model_total_changed)
        self.model.loading_changed.connect(self._on_model_loading_changed)
        self.model.load_failed.connect(self._on_model_load_failed)
        self.model.modelAboutToBeReset.connect(self._on_model_about_to_be_reset)

        self.flow.finished.connect(self._on_flow_finished)
        self.flow.dossier_changed.connect(self._on_flow_dossier_changed)

        self.sync.started.connect(self._on_sync_started)
        self.sync.finished.connect(self._on_sync_finished)
        self.sync.failed.connect(self._on_sync_failed)
        self.sync.state_changed.connect(self._on_sync_state_changed)
        self.sync.logged_out.connect(self._on_sync_logged_out)
        # Liste d'appels (after the flow's own slots: back to the call list from a dossier)
        a[ActionId.CALL_LIST].triggered.connect(self._on_call_list_triggered)
        a[ActionId.IMPORT_SIGNALS].triggered.connect(self._on_import_signals_triggered)
        self.flow.dossier_changed.connect(self._on_flow_dossier_changed_for_call)
        self.flow.finished.connect(self._on_flow_finished_for_call)
        self.sync.finished.connect(self._on_sync_finished_for_call)
        # Tableau de bord (admin accounts)
        a[ActionId.DASHBOARD].triggered.connect(self.open_dashboard)
        self.menus[Menu.VIEW].aboutToShow.connect(self._update_dashboard_action)
        self._update_dashboard_action()

    # ------------------------------------------------------------------ filters

    def current_filters(self) -> ListFilters:
        """The filters as the bar above the list shows them."""
        days = PERIOD_DAYS.get(str(self.period_combo.currentData()))
        since = None
        if days is not None:
            today = self._clock().astimezone()
            since = (today - timedelta(days=days)).replace(hour=0, minute=0, second=0,
                                                           microsecond=0)
        return ListFilters(
            text=self.search_edit.text(),
            status=self.status_combo.currentData(),
            urgent_only=self.urgent_check.isChecked(),
            organisme=self.organisme_combo.currentData(),
            site=self.site_combo.currentData(),
            since=since,
            # « Mes dossiers » with no agent named yet lists nothing rather than everything.
            agent=self.settings.agent_identity() if self.mine_check.isChecked() else None,
            stale_at=self._clock() if self.silent_check.isChecked() else None,
        )

    def apply_filters_now(self) -> None:
        """Query the list for the current filters at once (no debounce)."""
        self.search_timer.stop()
        filters = self.current_filters()
        if filters != self.model.filters:
            self.model.set_filters(filters)

    def clear_filters(self) -> None:
        """Back to every dossier (search text and filters cleared)."""
        for widget in (self.search_edit, self.status_combo, self.organisme_combo,
                       self.site_combo, self.period_combo, self.urgent_check, self.mine_check,
                       self.silent_check):
            widget.blockSignals(True)
        self.search_edit.clear()
        for box in (self.status_combo, self.organisme_combo, self.site_combo, self.period_combo):
            box.setCurrentIndex(0)
        self.urgent_check.setChecked(False)
        self.mine_check.setChecked(False)
        self.silent_check.setChecked(False)
        self.actions_by_id[ActionId.URGENT_ONLY].setChecked(False)
        for widget in (self.search_edit, self.status_combo, self.organisme_combo,
                       self.site_combo, self.period_combo, self.urgent_check, self.mine_check,
                       self.silent_check):
            widget.blockSignals(False)
        self.apply_filters_now()

    def _on_search_edit_text_changed(self, _text: str) -> None:
        self.search_timer.start()

    def _on_search_timer_timeout(self) -> None:
        self.apply_filters_now()

    def _on_search_edit_return_pressed(self) -> None:
        self.apply_filters_now()
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _on_filter_changed(self, _index: int) -> None:
        self.apply_filters_now()

    def _on_filter_check_toggled(self, _checked: bool) -> None:
        self.apply_filters_now()

    def _on_urgent_check_toggled(self, checked: bool) -> None:
        self.actions_by_id[ActionId.URGENT_ONLY].setChecked(checked)
        self.apply_filters_now()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search_edit and isinstance(event, QKeyEvent) \
                and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):
                self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return True
            if key == Qt.Key.Key_Escape and self.search_edit.text():
                self.search_edit.clear()
                return True
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------------ list and panel

    def selected_id(self) -> str:
        """The id of the dossier selected in the list, or ''."""
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row(),
                                                                                QModelIndex()):
            return ""
        return str(self.model.index(index.row(), 0).data(ID_ROLE) or "")

    def select_dossier(self, dossier_id: str) -> bool:
        """Select this dossier's row if it is in the list; returns whether it is."""
        row = self.model.row_of(dossier_id)
        if row < 0:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def _on_model_about_to_be_reset(self) -> None:
        self._selected_id = self.selected_id() or self._selected_id

    def _restore_selection(self, preferred: str) -> None:
        if not (preferred and self.select_dossier(preferred)):
            if self.model.rowCount():
                self.table.selectRow(0)
            else:
                self._show_panel("")
        self._update_dossier_actions()

    def _on_model_first_page_loaded(self) -> None:
        self._restore_selection(self._selected_id)
        if not self._ready_sent:
            self._ready_sent = True
            self.ready.emit()
            # The first round right after the first rows are shown, not two minutes later.
            self.sync.start_first_round()

    def _on_model_reloaded(self) -> None:
        wanted = self._select_after_reload or self._selected_id
        self._select_after_reload = ""
        if self.stack.currentWidget() is self.list_page:
            flow_id, self._flow_id = self._flow_id, ""
            if wanted and wanted == flow_id and self.model.row_of(wanted) < 0:
                # The dossier just worked on is not among the rows shown (filtered out, or
                # further down): show it alone, by its number, so the agent sees it.
                self._show_dossier_alone(wanted)
                return
        self._restore_selection(wanted)

    def _show_dossier_alone(self, dossier_id: str) -> None:
        try:
            number = str(self.service.record(dossier_id).get("number", ""))
        except LookupError:
            self._restore_selection("")
            return
        self._selected_id = dossier_id
        for box in (self.status_combo, self.organisme_combo, self.site_combo, self.period_combo):
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
        self.urgent_check.blockSignals(True)
        self.urgent_check.setChecked(False)
        self.urgent_check.blockSignals(False)
        self.search_edit.blockSignals(True)
        self.search_edit.setText(number)
        self.search_edit.blockSignals(False)
        self.apply_filters_now()

    def _on_model_total_changed(self, total: int) -> None:
        if total == 0:
            text = self.tr("Aucun dossier")
        elif total == 1:
            text = self.tr("1 dossier")
        else:
            text = self.tr("%s dossiers") % self._locale.toString(total)
        self.count_label.setText(text)

    def _on_model_loading_changed(self, loading: bool) -> None:
        if loading and self.model.total is None:
            self.count_label.setText(self.tr("Chargement…"))

    def _on_model_load_failed(self, message: str) -> None:
        self.statusBar().showMessage(self.tr("La liste n’a pas pu être lue : %s") % message,
                                     10_000)

    def _on_table_selection_changed(self, _selected: QItemSelection,
                                    _deselected: QItemSelection) -> None:
        dossier_id = self.selected_id()
        if dossier_id:
            self._selected_id = dossier_id
        self._update_dossier_actions()
        self.panel_timer.start()

    def _on_panel_timer_timeout(self) -> None:
        self._show_panel(self.selected_id())

    def _show_panel(self, dossier_id: str) -> None:
        if not self._complete:
            return  # complete shows it
        if not dossier_id:
            self.panel.show_record(None)
            return
        if not self._store_is_open():
            self._panel_waits = True  # store_opened shows it
            self.panel.show_loading()
            return
        if self.panel.record is not None and self.panel.record.get("id") == dossier_id \
                and not self._panel_stale:
            return
        try:
            record = self.service.record(dossier_id)
        except LookupError:
            record = None
        self._panel_stale = False
        state = self.model.sync_state(dossier_id)
        note = ""
        if state == "quarantined":
            from app.ui.quarantine_dialog import quarantined_dossiers

            entry = next((e for e in quarantined_dossiers(self.store)
                          if e.dossier_id == dossier_id), None)
            note = entry.reason_text() if entry is not None else ""
        history_of = getattr(self.service, "history", None)
        history = []
        if record is not None and history_of is not None:
            try:
                history = history_of(dossier_id)
            except LookupError:
                history = []
        self.panel.set_transmissions(self._transmissions(dossier_id))
        self.panel.show_record(record, sync_state=state, sync_note=note, history=history)

    def _transmissions(self, dossier_id: str) -> dict[str, datetime]:
        """When the central store confirmed each orientation of the dossier."""
        from app.sync.ledger import transmissions

        return transmissions(self.store, dossier_id)

    def _update_dossier_actions(self) -> None:
        on_list = self.stack.currentWidget() is self.list_page
        has = bool(self.selected_id()) and on_list
        for action_id, spec in SPECS.items():
            if spec.needs_dossier:
                self.actions_by_id[action_id].setEnabled(has)
        for action_id in (ActionId.NEW_DOSSIER, ActionId.NEW_PHONE_DOSSIER, ActionId.SEARCH,
                          ActionId.REFRESH, ActionId.URGENT_ONLY, ActionId.QUARANTINE,
                          ActionId.PARTNER_UPDATES):
            self.actions_by_id[action_id].setEnabled(on_list)
        conflict = has and self.model.sync_state(self.selected_id()) == "conflict"
        self._enable(ActionId.RESOLVE_CONFLICT, conflict)
        self._enable(ActionId.LOGOUT, self._connected and not self.sync.logging_out)
        if self._complete:
            for key, button in self.panel.buttons.items():
                button.setEnabled(self.actions_by_id[ActionId(key)].isEnabled())
        self._update_call_actions()  # Liste d'appels

    def _enable(self, action_id: ActionId, enabled: bool) -> None:
        """Enable an action whose tooltip says why it is off."""
        action = self.actions_by_id[action_id]
        action.setEnabled(enabled)
        action.setToolTip(tooltip(SPECS[action_id], enabled=enabled))

    def show_dossier(self, dossier_id: str) -> None:
        """Select this dossier in the list; alone, by its number, when the filters hide it."""
        if self.stack.currentWidget() is not self.list_page:
            return
        if not self.select_dossier(dossier_id):
            self._show_dossier_alone(dossier_id)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # ------------------------------------------------------------------ actions

    def _show_flow(self, dossier_id: str) -> None:
        self._flow_id = dossier_id
        self.search_timer.stop()
        self.stack.setCurrentWidget(self.flow)
        self._update_dossier_actions()

    def _on_new_dossier_triggered(self) -> None:
        self._show_flow("")
        self.flow.start_new("accueil")

    def _on_new_phone_dossier_triggered(self) -> None:
        self._show_flow("")
        self.flow.start_new("telephone")

    def _on_search_triggered(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def _on_open_dossier_triggered(self) -> None:
        dossier_id = self.selected_id()
        if dossier_id:
            self._show_flow(dossier_id)
            self.flow.open_dossier(dossier_id)

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.actions_by_id[ActionId.OPEN_DOSSIER].trigger()

    def _on_documents_triggered(self) -> None:
        dossier_id = self.selected_id()
        if dossier_id:
            self._show_flow(dossier_id)
            self.flow.open_documents(dossier_id)

    def _on_consents_triggered(self) -> None:
        dossier_id = self.selected_id()
        if dossier_id:
            self._show_flow(dossier_id)
            self.flow.open_consents(dossier_id)

    def _on_correct_identity_triggered(self) -> None:
        from app.ui.correction_dialog import CorrectionDialog

        self._open_correction(CorrectionDialog)

    def _on_revise_answer_triggered(self) -> None:
        from app.ui.correction_dialog import AnswerDialog

        self._open_correction(AnswerDialog)

    def _open_correction(self, kind: Callable[..., Any]) -> None:
        """Open a correction dialog (identity or answer) on the selected dossier."""
        from app.dossier_service import DossierService

        dossier_id = self.selected_id()
        if not dossier_id or not isinstance(self.service, DossierService):
            return
        dialog = kind(self.service, dossier_id, parent=self)
        dialog.saved.connect(self._on_correction_dialog_saved)
        self.correction_dialog = dialog
        dialog.open()

    def _on_erase_dossier_triggered(self) -> None:
        """« Effacer les données de la personne… » on the selected dossier."""
        from app.ui.erase_dialog import EraseDialog

        dossier_id = self.selected_id()
        if not dossier_id:
            return
        dialog = EraseDialog(self.store, self.service.record(dossier_id),
                             self.settings.agent_identity(), parent=self)
        dialog.erased.connect(self._on_erase_dialog_erased)
        self.erase_dialog = dialog
        dialog.open()

    def _on_erase_dialog_erased(self, number: str) -> None:
        self.statusBar().showMessage(self.tr(
            "Dossier %1 effacé de ce poste ; le serveur central et les autres postes "
            "l’effaceront à la prochaine synchronisation.").replace("%1", number), 15_000)
        self._selected_id = ""
        self._panel_stale = True
        self.model.reload()
        if self.sync.has_token() and not self.sync.running:
            self.sync.sync_now()  # online: the request goes now, else at the next round

    def _on_correction_dialog_saved(self, dossier_id: str) -> None:
        self.statusBar().showMessage(self.tr("Correction enregistrée dans l’historique du "
                                             "dossier."), 10_000)
        self._select_after_reload = dossier_id
        self._panel_stale = True
        self.model.reload()
        if self.sync.has_token():
            self.sync.sync_soon()

    def _on_refresh_triggered(self) -> None:
        self._panel_stale = True
        self.model.reload()

    def _on_settings_triggered(self) -> None:
        from app.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self.data_dir,
                                store_workstation=(self.store.site_code,
                                                   self.store.workstation_code), parent=self)
        dialog.settings_saved.connect(self._on_settings_dialog_settings_saved)
        self.settings_dialog = dialog
        dialog.open()

    def _on_settings_dialog_settings_saved(self, settings: AppSettings) -> None:
        # In place: the workflow holds the same settings object.
        for spec in fields(settings):
            setattr(self.settings, spec.name, getattr(settings, spec.name))
        agent = getattr(self.service, "agent", None)
        if agent is not None:
            self.service.agent = settings.agent_identity()  # type: ignore[attr-defined]
        self.workstation_label.setText(self._workstation_text())
        self.statusBar().showMessage(self.tr("Paramètres enregistrés."), 5000)
        self.settings_changed.emit(self.settings)

    def _on_help_triggered(self) -> None:
        from app.ui.help_dialog import show_help

        page = None
        if self.stack.currentWidget() is self.flow:
            page = getattr(self.flow, "current_page", lambda: None)()
        self.help_dialog = show_help(self, page)

    def _on_about_triggered(self) -> None:
        from app.ui.about_dialog import AboutDialog

        dialog = AboutDialog(self.data_dir, workstation=(self.store.site_code,
                                                         self.store.workstation_code),
                             parent=self)
        self.about_dialog = dialog
        dialog.open()

    # ------------------------------------------------------------------ Agenda et rendez-vous

    def open_callback_dialog(self) -> QDialog | None:
        """« Programmer un rappel… » on the selected dossier."""
        from app.ui.appointment_dialog import CallbackDialog

        dossier_id = self.selected_id()
        service: Any = self.service
        if not dossier_id or not hasattr(service, "schedule_callback"):
            return None
        record = service.record(dossier_id)
        identity = record.get("identity", {})
        person = f"{str(identity.get('nom', '')).upper()} {identity.get('prenom', '')}".strip()
        dialog = CallbackDialog(person=person, telephone=str(identity.get("telephone") or ""),
                                by=self.settings.agent_name or self.settings.agent_identity(),
                                now=self._clock, parent=self)

        def save(values: dict[str, Any]) -> None:
            try:
                service.schedule_callback(dossier_id, values["at"], values["by"],
                                          values["note"])
            except (ValueError, LookupError) as exc:
                dialog.show_error(self._not_saved(exc))
                return
            dialog.accept()
            self._meeting_changed(dossier_id, self.tr("Rappel programmé le %1.").replace(
                "%1", wording.appointment_when(values["at"])))

        dialog.submitted.connect(save)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.callback_dialog = dialog
        dialog.open()
        return dialog

    def open_agenda(self) -> QDialog:
        """The Agenda of the site: its call-backs and appointments, day by day."""
        from app.forms.workdays import local_day
        from app.ui.agenda import AgendaDialog

        existing = getattr(self, "agenda_dialog", None)
        if existing is not None and existing.isVisible():
            existing.raise_()
            existing.activateWindow()
            return existing  # type: ignore[no-any-return]
        service: Any = self.service
        site = self.store.site_code
        dialog = AgendaDialog(lambda day: service.agenda(day, site),
                              title=self.tr("Agenda du site %s") % site,
                              today=lambda: local_day(self._clock()), parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.view.dossier_requested.connect(self._on_agenda_dossier_requested)
        self.agenda_dialog = dialog
        dialog.show()
        return dialog

    def _meeting_record(self) -> tuple[str, dict[str, Any]] | None:
        self.complete()
        record = self.panel.record
        if record is None or not record.get("id"):
            return None
        return str(record["id"]), record

    def _not_saved(self, exc: BaseException) -> str:
        return self.tr("Rien n’a été enregistré : %1").replace("%1", str(exc))

    def _meeting_changed(self, dossier_id: str, text: str) -> None:
        """A call-back, an appointment or a note changed: the list and the panel read again,
        the change leaves with the next round."""
        self.statusBar().showMessage(text, 10_000)
        self._select_after_reload = dossier_id
        self._panel_stale = True
        self.model.reload()
        if self.sync.has_token():
            self.sync.sync_soon()
        agenda = getattr(self, "agenda_dialog", None)
        if agenda is not None and agenda.isVisible():
            agenda.view.reload()

    def _documents(self) -> Any:
        from app.document_service import DocumentService

        return DocumentService(self.store)

    def open_convocation(self, appointment_id: str) -> QDialog | None:
        """The print preview of an appointment's convocation (its print is recorded)."""
        from app.ui.print_preview import PrintPreviewDialog

        found = self._meeting_record()
        if found is None:
            return None
        dossier_id, _record = found
        try:
            agent = self.settings.agent_identity() or str(getattr(self.service, "agent", ""))
            document = self._documents().render_convocation(dossier_id, appointment_id,
                                                            agent=agent)
        except Exception as exc:  # told, never raised: the list stays usable
            QMessageBox.critical(self, self.tr("Document indisponible"),
                                 self.tr("La convocation n’a pas pu être préparée : %1").replace(
                                     "%1", str(exc)))
            return None
        dialog = PrintPreviewDialog(document, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._on_convocation_finished)
        self.convocation_dialog = dialog
        dialog.open()
        return dialog

    def export_ics(self, appointment_id: str) -> Path | None:
        """Save an appointment as a calendar file (.ics) where the agent chooses."""
        found = self._meeting_record()
        if found is None:
            return None
        dossier_id, record = found
        try:
            data = self._documents().appointment_ics(dossier_id, appointment_id)
        except Exception as exc:
            QMessageBox.critical(self, self.tr("Export impossible"),
                                 self.tr("Le rendez-vous n’a pas pu être exporté : %1").replace(
                                     "%1", str(exc)))
            return None
        item: dict[str, Any] = next((a for a in record.get("rendez_vous") or []
                                     if a.get("id") == appointment_id), {})
        moment = wording.appointment_moment(item.get("at"))
        day = moment.strftime("%Y-%m-%d") if moment is not None else ""
        suggested = f"{record.get('number', 'dossier')}-{day or 'rendez-vous'}.ics"
        chosen = self.ics_path_chooser(self, suggested)
        if not chosen:
            return None
        path = Path(chosen)
        try:
            path.write_bytes(data)
        except OSError as exc:
            QMessageBox.critical(self, self.tr("Export impossible"),
                                 self.tr("Le fichier n’a pas pu être écrit : %1").replace(
                                     "%1", str(exc)))
            return None
        self.statusBar().showMessage(self.tr("Exporté pour un agenda : %1").replace(
            "%1", str(path)), 10_000)
        return path

    @staticmethod
    def ics_path_chooser(parent: QWidget, suggested: str) -> str | None:
        """Where to save a .ics file: Qt's own dialog (it speaks the interface language)."""
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QFileDialog

        from app.ui.screen_fit import fit_to_screen

        dialog = QFileDialog(parent,
                             QCoreApplication.translate("MainWindow", "Exporter le rendez-vous"),
                             suggested,
                             QCoreApplication.translate("MainWindow", "Calendrier (*.ics)"))
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setDefaultSuffix("ics")
        hint = dialog.sizeHint()
        fit_to_screen(dialog, hint.width(), hint.height())
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
            return None
        return dialog.selectedFiles()[0] or None

    def open_counter_note_dialog(self, organisme: str = "") -> QDialog | None:
        """« Note pour l’organisme… »: the counter's note on one orientation."""
        from app.ui.reorient_dialog import CounterNoteDialog

        found = self._meeting_record()
        service: Any = self.service
        if found is None or not hasattr(service, "set_counter_note"):
            return None
        dossier_id, record = found
        identity = record.get("identity", {})
        person = f"{str(identity.get('nom', '')).upper()} {identity.get('prenom', '')}".strip()
        dialog = CounterNoteDialog(record.get("orientations") or [], person=person,
                                   organisme=organisme or None, parent=self)

        def save(values: dict[str, Any]) -> None:
            try:
                service.set_counter_note(dossier_id, values["organisme"], values["text"])
            except (ValueError, LookupError) as exc:
                dialog.show_error(self._not_saved(exc))
                return
            dialog.accept()
            self._meeting_changed(dossier_id, self.tr(
                "Note pour %1 enregistrée : elle partira à la prochaine synchronisation.").replace(
                "%1", wording.organisme_label(values["organisme"])))

        dialog.submitted.connect(save)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.counter_note_dialog = dialog
        dialog.open()
        return dialog

    def _on_schedule_callback_triggered(self) -> None:
        self.open_callback_dialog()

    def _on_agenda_triggered(self) -> None:
        self.open_agenda()

    def _on_agenda_dossier_requested(self, dossier_id: str) -> None:
        self.activateWindow()
        self.show_dossier(dossier_id)

    def _on_panel_convocation_requested(self, appointment_id: str) -> None:
        self.open_convocation(appointment_id)

    def _on_convocation_finished(self, _result: int) -> None:
        self._panel_stale = True  # the print is in the dossier's history
        self._show_panel(self.selected_id())

    def _on_panel_ics_requested(self, appointment_id: str) -> None:
        self.export_ics(appointment_id)

    def _on_panel_appointment_status_requested(self, appointment_id: str, status: str) -> None:
        found = self._meeting_record()
        service: Any = self.service
        if found is None or not hasattr(service, "set_appointment_status"):
            return
        try:
            service.set_appointment_status(found[0], appointment_id, status)
        except (ValueError, LookupError) as exc:
            self.statusBar().showMessage(self._not_saved(exc), 15_000)
            return
        self._meeting_changed(found[0], self.tr("Rappel marqué « %1 ».").replace(
            "%1", wording.appointment_status_label(status).lower()))

    def _on_panel_counter_note_requested(self, organisme: str) -> None:
        self.open_counter_note_dialog(organisme)

    # ------------------------------------------------------------------ sync

    def _start_sync(self) -> None:
        self._sync_shown = self.sync.has_token()
        self._connected = self._sync_shown
        self.sync.start()
        if self._store_is_open():
            self.refresh_quarantine()
        self._update_dossier_actions()

    def _store_is_open(self) -> bool:
        """False while the window stands on a store still opening (app.models.early)."""
        return bool(getattr(self.store, "is_open", True))

    def store_opened(self) -> None:
        """The store the window started on before it was open is open now: what waited for it
        (the quarantine count, the selected dossier's panel) is read, and the list is read again
        (its total, and an urgent dossier that left the urgent block at the opening)."""
        self.refresh_quarantine()
        if self._panel_waits:
            self._panel_waits = False
            self._show_panel(self.selected_id())
        self.model.reload()

    def _on_synchronize_triggered(self) -> None:
        if self.sync.running:
            self.statusBar().showMessage(self.tr("Une synchronisation est déjà en cours."), 5000)
            return
        if not self.sync.has_token():
            self.open_login_dialog()
            return
        self.sync.sync_now()

    def open_login_dialog(self) -> None:
        """Ask for the central store's login; a round starts once signed in."""
        from app.ui.login_dialog import LoginDialog

        dialog = LoginDialog(self.settings.server_url, http_factory=self._login_http_factory,
                             settings=self.settings, data_dir=self.data_dir, store=self.store,
                             parent=self)
        dialog.logged_in.connect(self._on_login_dialog_logged_in)
        self.login_dialog = dialog
        dialog.open()

    def _on_partner_space_triggered(self) -> None:
        from app.ui.partner import open_partner_space

        self.partner_space_dialog = open_partner_space(self, self.settings,
                                                       self._login_http_factory)

    def _on_login_dialog_logged_in(self, server: str) -> None:
        if self.settings.agent_role == "partenaire":
            # A partner account signed in on this workstation: its inbox, not the counter's
            # sync (which the store would refuse).
            from app.ui.partner import saved_partner_window

            window = saved_partner_window(self.settings, self.data_dir,
                                          http_factory=self._login_http_factory)
            if window is not None:
                window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
                self.partner_window = window
                window.show()
                self.close()
                return
        if self.settings.agent_role == "pilotage":
            # Tableau de bord: a pilotage account reads the statistics only, in their window.
            from app.ui.dashboard import saved_dashboard_window

            board = saved_dashboard_window(self.settings, self.data_dir,
                                           http_factory=self._login_http_factory)
            if board is not None:
                board.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
                self.dashboard_window = board
                board.show()
                self.close()
                return
        if getattr(self.service, "agent", None) == "":
            # No agent was named yet: the dossiers and documents now name the signed-in login.
            self.service.agent = self.settings.agent_identity()  # type: ignore[attr-defined]
        if server != self.settings.server_url.rstrip("/"):
            self.settings.server_url = server
            self.settings.save(self.data_dir)
            self.settings_changed.emit(self.settings)
        self._sync_shown = True
        self._connected = True
        self._update_dossier_actions()
        notice = getattr(self.login_dialog, "workstation_notice", "")  # a new workstation code
        self.statusBar().showMessage(notice or self.tr("Connecté au serveur central."),
                                     20000 if notice else 5000)
        self.sync.sync_now()

    def _on_sync_started(self) -> None:
        self._sync_shown = True
        self.sync_progress.setVisible(True)
        self.sync_label.setText(self.tr("Synchronisation…"))

    def _on_sync_state_changed(self, state: str) -> None:
        if not self._sync_shown:
            return  # no server account yet: the list is local only, as the label says
        if not self.sync.running:
            self.sync_label.setText(self.tr("Synchronisation : %s") % state)
        self.sync_label.setToolTip(self.tr("État de la synchronisation avec %s : %s")
                                   % (self.sync.server, state))

    def dossiers_removed(self, notice: str) -> None:
        """Dossiers went from this workstation outside a round (retention at start): the
        status bar says so and the list and panel are read again."""
        self.statusBar().showMessage(notice, 30_000)
        self._panel_stale = True
        self.model.reload()

    def _on_sync_finished(self, summary: Any) -> None:
        self.sync_progress.setVisible(False)
        self.sync_label.setText(self.tr("Synchronisation : %s") % self.sync.state)
        erased = int(getattr(summary, "erased", 0))
        retention = getattr(summary, "retention", None)
        removed = len(retention.done) if retention is not None else 0
        if erased:  # issue 13: the tombstone wins, and the agent is told
            self.statusBar().showMessage(
                self.tr("%n dossier effacé sur le serveur central, retiré de ce poste.", "",
                        erased) if erased < 2 else
                self.tr("%n dossiers effacés sur le serveur central, retirés de ce poste.", "",
                        erased), 15_000)
        elif removed:
            self.statusBar().showMessage(
                self.tr("Durées de conservation : %n dossier retiré de ce poste.", "", removed)
                if removed < 2 else
                self.tr("Durées de conservation : %n dossiers retirés de ce poste.", "",
                        removed), 15_000)
        updates = list(getattr(summary, "partner_updates", []))
        if updates:
            self._announce_partner_updates(updates)
        # Sync states (and pulled changes) are read again with the rows.
        self._panel_stale = True
        if self.stack.currentWidget() is self.list_page:
            self.model.reload()
        self.refresh_quarantine()

    def _announce_partner_updates(self, updates: list[PartnerUpdate]) -> None:
        """Tell the agent which dossiers the partners updated and how: the notice above the
        list, the status bar, the system tray when there is one; the list stays reachable."""
        self.partner_news = [*updates, *self.partner_news]
        dossiers = len({u.dossier_id for u in updates})
        if dossiers == 1:
            text = self.tr("1 dossier mis à jour par les partenaires")
        else:
            text = self.tr("%s dossiers mis à jour par les partenaires") % dossiers
        self.statusBar().showMessage(text, 10_000)
        self.complete()
        self.partner_notice.show_updates(updates)
        unseen = len(self.partner_news)
        if unseen == 1:
            self.partner_button.setText(self.tr("1 suivi de partenaire reçu"))
        else:
            self.partner_button.setText(self.tr("%s suivis de partenaires reçus") % unseen)
        self.partner_button.setVisible(True)
        if QSystemTrayIcon.isSystemTrayAvailable() and not self.windowIcon().isNull():
            if self._tray is None:
                self._tray = QSystemTrayIcon(self.windowIcon(), self)
                self._tray.setToolTip(self.tr("Accueil TI"))
                self._tray.messageClicked.connect(self._on_tray_message_clicked)
            self._tray.show()
            first = updates[0]
            self._tray.showMessage(text, self.tr("%s — %s : %s") % (
                first.number, first.name,
                wording.organisme_label(first.organisme)),
                QSystemTrayIcon.MessageIcon.Information, 10_000)

    def _on_tray_message_clicked(self) -> None:
        self.showNormal()
        self.activateWindow()
        self.actions_by_id[ActionId.PARTNER_UPDATES].trigger()

    def refresh_quarantine(self) -> int:
        """Show how many dossiers the store refused (a clickable status bar button)."""
        from app.ui.quarantine_dialog import quarantined_dossiers

        count = len(quarantined_dossiers(self.store))
        if count == 1:
            self.quarantine_button.setText(self.tr("1 dossier en quarantaine"))
        else:
            self.quarantine_button.setText(self.tr("%s dossiers en quarantaine") % count)
        self.quarantine_button.setVisible(count > 0)
        dialog = getattr(self, "quarantine_dialog", None)
        if dialog is not None and dialog.isVisible():
            dialog.reload()
        return count

    def _on_resolve_conflict_triggered(self) -> None:
        dossier_id = self.selected_id()
        if dossier_id and self.model.sync_state(dossier_id) == "conflict":
            self.open_conflict_dialog(dossier_id)

    def open_conflict_dialog(self, dossier_id: str) -> None:
        """Let the agent choose, field by field, between the two versions of a dossier."""
        from app.ui.conflict_dialog import ConflictDialog

        agent = self.settings.agent_identity() or getattr(self.service, "agent", None)
        dialog = ConflictDialog(self.sync.local_client(), dossier_id, agent=agent, parent=self)
        dialog.resolved.connect(self._on_conflict_dialog_resolved)
        dialog.finished.connect(self._on_conflict_dialog_finished)
        self.conflict_dialog = dialog
        dialog.open()

    def _on_conflict_dialog_resolved(self, dossier_id: str) -> None:
        self.statusBar().showMessage(self.tr("Fusion enregistrée : le dossier sera envoyé au "
                                             "serveur central."), 10_000)
        self._select_after_reload = dossier_id
        if self.sync.has_token():
            self.sync.sync_soon()

    def _on_conflict_dialog_finished(self, _result: int) -> None:
        self._panel_stale = True
        self.model.reload()

    def _on_quarantine_triggered(self) -> None:
        from app.ui.quarantine_dialog import QuarantineDialog

        dialog = QuarantineDialog(self.store, parent=self)
        dialog.open_requested.connect(self._on_quarantine_dialog_open_requested)
        self.quarantine_dialog = dialog
        dialog.open()

    def _on_quarantine_dialog_open_requested(self, dossier_id: str) -> None:
        if self.stack.currentWidget() is self.list_page:
            self._show_flow(dossier_id)
            self.flow.open_dossier(dossier_id)

    def _on_partner_updates_triggered(self) -> None:
        from app.ui.partner_updates import PartnerUpdatesDialog

        dialog = PartnerUpdatesDialog(self.store, new=self.partner_news, parent=self)
        dialog.dossier_requested.connect(self.show_dossier)
        self.partner_updates_dialog = dialog
        self.partner_button.setVisible(False)  # seen
        dialog.open()

    def _on_logout_triggered(self) -> None:
        from app.sync.ledger import unsynced_count
        from app.ui.logout_dialog import LogoutDialog

        dialog = LogoutDialog(unsynced_count(self.store), parent=self)
        dialog.accepted.connect(lambda: self._log_out(dialog.remove_local_data))
        self.logout_dialog = dialog
        dialog.open()

    def _log_out(self, remove_local_data: bool) -> None:
        """Log out (confirmed); on a shared workstation the dossiers go once logged out."""
        self._remove_at_logout = remove_local_data
        if self.sync.logout():
            self.statusBar().showMessage(self.tr("Déconnexion du serveur central…"))
        else:
            text = self.tr("Ce poste n’était pas connecté au serveur central.")
            if remove_local_data:
                self._remove_at_logout = False
                text += " " + self._remove_local_dossiers()
            self.statusBar().showMessage(text, 10_000)
        self._connected = False
        self._update_dossier_actions()

    def _on_sync_logged_out(self, revoked: bool, unsent: int) -> None:
        self._connected = False
        self.settings.agent_login = self.settings.agent_role = self.settings.agent_organisme = ""
        self.settings.save(self.data_dir)
        self._update_dossier_actions()
        self.sync_progress.setVisible(False)
        self.sync_label.setText(self.tr("Synchronisation : %s") % self.sync.state)
        self.sync_label.setToolTip(self.tr("Aucune connexion au serveur central : F5 pour se "
                                           "connecter"))
        text = self.tr("Déconnecté du serveur central : la synchronisation automatique est "
                       "arrêtée.")
        if self.sync.logout_problem:
            text += " " + self.sync.logout_problem
            if revoked:
                text += " " + self.tr("Elle est tout de même révoquée sur le serveur central.")
        if not revoked:
            text += " " + self.tr("Le serveur central n’a pas pu être prévenu (injoignable) ; "
                                  "la connexion expirera d’elle-même.")
        if unsent == 1:
            text += " " + self.tr("1 dossier modifié n’est pas encore envoyé : il reste sur ce "
                                  "poste et partira à la prochaine connexion (F5).")
        elif unsent > 1:
            text += " " + self.tr("%s dossiers modifiés ne sont pas encore envoyés : ils restent "
                                  "sur ce poste et partiront à la prochaine connexion (F5).") \
                % unsent
        if self._remove_at_logout:
            self._remove_at_logout = False
            text += " " + self._remove_local_dossiers()
        self.statusBar().showMessage(text, 60_000)

    def _remove_local_dossiers(self) -> str:
        """Remove this workstation's dossiers (all synced), in French what was done."""
        from app.models.repository import UnsyncedCallsError, UnsyncedDossiersError
        from app.sync.ledger import remove_synced_dossiers

        if self.stack.currentWidget() is self.flow:
            self._on_flow_finished("")
        try:
            removed = remove_synced_dossiers(self.store)
        except UnsyncedCallsError:
            return self.tr("Les dossiers n’ont pas été retirés de ce poste : des appels de la "
                           "liste d’appels ne sont pas encore synchronisés.")
        except UnsyncedDossiersError as exc:
            return (self.tr("Les dossiers n’ont pas été retirés de ce poste : %n n’est pas "
                            "encore synchronisé.", "", exc.count) if exc.count < 2 else
                    self.tr("Les dossiers n’ont pas été retirés de ce poste : %n ne sont pas "
                            "encore synchronisés.", "", exc.count))
        self._select_after_reload = ""
        self._panel_stale = True
        self.model.reload()
        self.refresh_quarantine()
        return (self.tr("%n dossier retiré de ce poste (il reste sur le serveur central).",
                        "", removed) if removed < 2 else
                self.tr("%n dossiers retirés de ce poste (ils restent sur le serveur "
                        "central).", "", removed))

    def _on_sync_failed(self, message: str) -> None:
        self.sync_progress.setVisible(False)
        if self._sync_shown and self.sync.state:
            self.sync_label.setText(self.tr("Synchronisation : %s") % self.sync.state)
        self.statusBar().showMessage(message, 15_000)

    # ------------------------------------------------------------------ the flow

    def _on_flow_finished(self, dossier_id: str) -> None:
        self.changed_timer.stop()
        self.stack.setCurrentWidget(self.list_page)
        self._flow_id = dossier_id
        self._select_after_reload = dossier_id or self._selected_id
        self._panel_stale = True
        self._update_dossier_actions()
        self.model.reload()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.refresh_quarantine()

    def _on_flow_dossier_changed(self, dossier_id: str) -> None:
        if dossier_id == self._selected_id:
            self._panel_stale = True
        self.changed_timer.start()

    def _on_changed_timer_timeout(self) -> None:
        self.model.reload()

    # ------------------------------------------------------------------ Liste d'appels
    # The call list (app/ui/call_list.py) is a page of the window's stack, built the first time
    # it is opened (Ctrl+L); « joint » then Entrée opens the new-dossier flow prefilled, and the
    # dossier created is linked to the entry; leaving the dossier comes back to the list.

    call_page: CallListPage | None = None  # once opened
    _call_entry_for_flow = ""  # the entry whose dossier the flow is opening ('' when none)
    _flow_from_calls = False  # the flow was opened from the call list: Échap comes back to it

    def call_service(self) -> Any:
        """The call list of this workstation (app.call_service.CallService)."""
        from app.ui.call_list import make_call_service

        return make_call_service(self.store, self.settings, self.sync, self._login_http_factory)

    def _can_import_signals(self) -> bool:
        """Administrators, and a workstation that never signed in to a central store."""
        return self.settings.agent_role == "admin" or not (
            self.settings.agent_login or self._connected)

    def _update_call_actions(self) -> None:
        in_flow = self.stack.currentWidget() is self.flow
        self.actions_by_id[ActionId.CALL_LIST].setEnabled(not in_flow)
        self.actions_by_id[ActionId.IMPORT_SIGNALS].setVisible(self._can_import_signals())
        self.actions_by_id[ActionId.IMPORT_SIGNALS].setEnabled(not in_flow)

    def _on_call_list_triggered(self) -> None:
        if self.call_page is not None and self.stack.currentWidget() is self.call_page:
            self._close_call_list()
        elif self.stack.currentWidget() is not self.flow:
            self.open_call_list()

    def open_call_list(self) -> None:
        """Show the call list (built the first time), read afresh."""
        from app.ui.call_list import CallListPage, contact_letter_renderer

        if self.call_page is None:
            page = CallListPage(self.call_service(), self, clock=self._clock,
                                letter_renderer=contact_letter_renderer(self.store),
                                can_import=self._can_import_signals)
            page.open_dossier_requested.connect(self._on_call_page_open_dossier_requested)
            page.existing_dossier_requested.connect(
                self._on_call_page_existing_dossier_requested)
            page.close_requested.connect(self._close_call_list)
            page.import_requested.connect(self._on_import_signals_triggered)
            page.changed.connect(self._on_call_page_changed)
            self.stack.addWidget(page)
            self.call_page = page
        else:
            self.call_page.set_service(self.call_service())  # a sign-in since: the store claims
        self.search_timer.stop()
        self.stack.setCurrentWidget(self.call_page)
        self._update_dossier_actions()
        self.call_page.shown()

    def _close_call_list(self) -> None:
        if self.call_page is not None:
            self.call_page.hidden()
        self.stack.setCurrentWidget(self.list_page)
        self._update_dossier_actions()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_call_page_changed(self) -> None:
        if self.sync.has_token():
            self.sync.sync_soon()  # the other workstations see the call without waiting

    def _on_call_page_open_dossier_requested(self, entry_id: str, prefill: Any) -> None:
        values = {k: v for k, v in dict(prefill).items() if k != "channel"}
        channel = str(dict(prefill).get("channel") or "telephone")
        self._call_entry_for_flow = entry_id
        self._flow_from_calls = True
        self._show_flow("")
        self.flow.start_new(channel, prefill=values)

    def _on_call_page_existing_dossier_requested(self, entry_id: str, dossier_id: str) -> None:
        self._call_entry_for_flow = ""  # already the entry's dossier: nothing to link
        self._flow_from_calls = True
        if self.call_page is not None:
            self.call_page.dossier_opened(entry_id)
        self._show_flow(dossier_id)
        self.flow.open_dossier(dossier_id)

    def _link_call_entry(self, entry_id: str, dossier_id: str) -> None:
        try:
            self.call_service().link_dossier(entry_id, dossier_id)
        except Exception as exc:  # the dossier is saved: say the link is missing, go on
            self.statusBar().showMessage(self.tr(
                "Le dossier n’a pas pu être rattaché à la liste d’appels : %s") % exc, 15_000)
        else:
            self.statusBar().showMessage(self.tr("Dossier rattaché à la liste d’appels."), 5000)
            if self.call_page is not None:
                self.call_page.dossier_opened(entry_id)
            if self.sync.has_token():
                self.sync.sync_soon()

    def _on_flow_dossier_changed_for_call(self, dossier_id: str) -> None:
        entry_id, self._call_entry_for_flow = self._call_entry_for_flow, ""
        if entry_id and dossier_id:  # the dossier the call list asked for is created
            self._link_call_entry(entry_id, dossier_id)

    def _on_flow_finished_for_call(self, dossier_id: str) -> None:
        entry_id, self._call_entry_for_flow = self._call_entry_for_flow, ""
        if entry_id and dossier_id:  # an existing dossier chosen instead (« Dossier existant »)
            self._link_call_entry(entry_id, dossier_id)
        if self._flow_from_calls and self.call_page is not None:
            self._flow_from_calls = False
            self.open_call_list()

    def _on_sync_finished_for_call(self, _summary: Any) -> None:
        if self.call_page is not None and self.stack.currentWidget() is self.call_page:
            self.call_page.reload()

    def _on_import_signals_triggered(self) -> None:
        from app.ui.signals_dialog import SignalsDialog

        dialog = SignalsDialog(self.call_service(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(self._on_signals_dialog_imported)
        self.signals_dialog = dialog
        dialog.open()

    def _on_signals_dialog_imported(self, _report: Any) -> None:
        if self.call_page is not None and self.stack.currentWidget() is self.call_page:
            self.call_page.reload()
        if self.sync.has_token():
            self.sync.sync_soon()

    # ------------------------------------------------------------------ Tableau de bord
    # The statistics of the central store (app/ui/dashboard.py), in a window of its own, for
    # admin accounts; a pilotage account gets that window only (app/ui/app.py).

    dashboard_window: Any = None  # once opened

    def _update_dashboard_action(self) -> None:
        self.actions_by_id[ActionId.DASHBOARD].setVisible(self.settings.agent_role == "admin")

    def open_dashboard(self) -> Any:
        """The « Tableau de bord » window on the central store, with this workstation's token
        (admin accounts only: the store refuses the others)."""
        from app.ui.dashboard import DashboardWindow, stats_client_factory

        if self.settings.agent_role != "admin":
            return None
        if self.dashboard_window is not None and self.dashboard_window.isVisible():
            self.dashboard_window.activateWindow()
            return self.dashboard_window
        window = DashboardWindow(
            stats_client_factory(self.sync.server, self.sync.token, self._login_http_factory),
            exact_allowed=True, account=self.settings.agent_login, parent=self)
        window.setWindowFlag(Qt.WindowType.Window, True)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.destroyed.connect(lambda *_: setattr(self, "dashboard_window", None))
        self.dashboard_window = window
        window.show()
        return window

    # ------------------------------------------------------------------ Qt

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.call_page is not None:  # Liste d'appels
            self.call_page.shutdown()
        self._save_layout()
        self.search_timer.stop()
        self.changed_timer.stop()
        self.sync.shutdown()
        self.model.shutdown()
        super().closeEvent(event)

