"""The partner inbox: the window of a ``partenaire`` agent (Urssaf, Assurance Maladie, service
social, Caf, Assurance retraite).

It lists the dossiers the central store shows the agent's organisme (oriented to it, with its
consent, urgent first), shows one dossier exactly as the store sends it, and sends the
organisme's follow-up (status, outcome, note) back to the counter. It needs no local store: every
value comes from the store through :class:`~app.sync.partner.PartnerClient`, on a plain Python
thread that only emits a signal (as ``sync_controller`` does); the window stays usable when the
store cannot be reached.

A follow-up being typed is a draft kept per dossier until it is sent: moving through the list or
an automatic refresh never loses it.
"""

from __future__ import annotations

import logging
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QItemSelection,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QCloseEvent, QFont, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.forms.identity import spaced_nir, spaced_siret
from app.sync.partner import (
    FOLLOW_UP_STATUSES,
    NOTE_MAX,
    OUTCOMES,
    PartnerClient,
    PartnerDossier,
    PartnerError,
)
from app.ui import wording
from app.ui.display import readable_color
from app.ui.dossier_table import UrgentBadgeDelegate

if TYPE_CHECKING:
    from app.forms.questionnaire import Questionnaire
    from app.ui.login_dialog import LoginDialog, SignedIn
    from app.ui.settings import AppSettings

log = logging.getLogger(__name__)

AUTO_REFRESH_MS = 120_000
HttpFactory = Callable[[str], Any]  # server -> an httpx.Client (tests: the store's TestClient)
ID_ROLE = Qt.ItemDataRole.UserRole + 1
# The statuses a partner may see on its orientations, in the order a dossier goes through them.
SHOWN_STATUSES = ("a_transmettre", "transmise", *FOLLOW_UP_STATUSES)
NEW_STATUSES = frozenset({"a_transmettre", "transmise"})
def identity_value(name: str, value: object) -> str:
    """An identity field as agents read it: dates in French, NIR and SIRET grouped."""
    if name in DATE_FIELDS:
        return french_date(value)
    if name == "nir":
        return spaced_nir(str(value)) or ""
    if name == "siret":
        return spaced_siret(str(value)) or ""
    return str(value)


FIELD_ORDER = ("nom", "prenom", "nom_naissance", "date_naissance", "nir", "siret", "telephone",
               "email", "adresse", "code_postal", "commune")
DATE_FIELDS = frozenset({"date_naissance", "debut_activite"})


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


@dataclass(frozen=True)
class Draft:
    """A follow-up typed but not sent yet."""

    status: str
    outcome: str | None
    note: str


# --------------------------------------------------------------------------- words


def _tr(text: object) -> str:
    """Translate a source string marked with ``QT_TRANSLATE_NOOP("PartnerWindow", …)``."""
    return QCoreApplication.translate("PartnerWindow", str(text))


CLOSED_LABELS: dict[str, object] = {
    "aide_accordee": QT_TRANSLATE_NOOP("PartnerWindow", "Clôturée — aide accordée"),
    "aide_refusee": QT_TRANSLATE_NOOP("PartnerWindow", "Clôturée — aide refusée"),
    "sans_suite": QT_TRANSLATE_NOOP("PartnerWindow", "Clôturée — sans suite"),
}


def follow_up_label(status: str, outcome: str | None = None) -> str:
    """« Reçue », « Contact pris », « Clôturée — aide accordée »…"""
    if status == "cloturee" and outcome in CLOSED_LABELS:
        return _tr(CLOSED_LABELS[outcome])
    if status in NEW_STATUSES:
        # Whether or not the counter marked it sent, a dossier in the inbox has reached the
        # organisme: « À transmettre » would read as work left to the partner.
        return wording.orientation_status_label("transmise")
    return wording.orientation_status_label(status)


def local_datetime(moment: datetime | None) -> str:
    """« 20/11/2026 10:30 » in the workstation's time zone ('' when unknown)."""
    return moment.astimezone().strftime("%d/%m/%Y %H:%M") if moment is not None else ""


def french_date(value: Any) -> str:
    """« 14/05/1963 » from an ISO date; other values unchanged."""
    text = str(value)
    try:
        return datetime.fromisoformat(text).strftime("%d/%m/%Y")
    except ValueError:
        return text


def grouped(number: int) -> str:
    """2000 -> « 2 000 » (no-break space between thousands)."""
    return f"{number:,}".replace(",", "\u00a0")


def _folded(text: str) -> str:
    """Lower case without accents, for searching « gwenaelle » in « Gwenaëlle »."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _questionnaire() -> Questionnaire | None:
    from app.forms.questionnaire import QuestionnaireError, load_questionnaire

    try:
        return load_questionnaire()
    except (QuestionnaireError, OSError):
        return None


def reason_text(reason: str) -> str:
    questionnaire = _questionnaire()
    return reason if questionnaire is None else wording.reason_label(questionnaire, reason)


def reason_row(question_id: str, code: str) -> tuple[str, str]:
    """An answer the store sent as (question theme, answer label), or the codes as they came."""
    questionnaire = _questionnaire()
    try:
        if questionnaire is not None:
            return (questionnaire.question(question_id).theme,
                    questionnaire.answer_label(question_id, code))
    except KeyError:
        pass
    return question_id, code


def profile_value(name: str, value: Any) -> str:
    if name in DATE_FIELDS:
        return french_date(value)
    questionnaire = _questionnaire()
    if questionnaire is not None:
        try:
            spec = questionnaire.profile_field(name)
        except KeyError:
            spec = None
        if spec is not None and spec.kind == "code":
            return next((v.label for v in spec.values if v.code == str(value)), str(value))
    if isinstance(value, bool):
        return _tr(QT_TRANSLATE_NOOP("PartnerWindow", "oui") if value
                   else QT_TRANSLATE_NOOP("PartnerWindow", "non"))
    return str(value)


# --------------------------------------------------------------------------- the list


class PartnerInboxModel(QAbstractTableModel):
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

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()  # noqa: B008
                 ) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()  # noqa: B008
                 ) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._headers[self.COLUMNS[section]]
        return None

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
        if role == Qt.ItemDataRole.FontRole and dossier.follow_up.status in NEW_STATUSES:
            font = QFont()
            font.setBold(True)  # not acknowledged yet, like an unread message
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
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
            return follow_up_label(dossier.follow_up.status, dossier.follow_up.outcome)
        if column == "updated_at":
            return local_datetime(dossier.follow_up.updated_at)
        return ""


class PartnerFilter(QSortFilterProxyModel):
    """Search (number, name; accents and case ignored) and the follow-up filter."""

    OPEN = "open"  # every status but « Clôturée »

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
        if self._status == "transmise" and status not in NEW_STATUSES:
            return False
        if self._status not in (None, self.OPEN, "transmise") and status != self._status:
            return False
        if not self._text:
            return True
        haystack = _folded(" ".join((dossier.number, str(dossier.identity.get("nom") or ""),
                                     str(dossier.identity.get("prenom") or ""),
                                     str(dossier.identity.get("nom_naissance") or ""))))
        return all(word in haystack for word in self._text.split())


# --------------------------------------------------------------------------- the window


class PartnerWindow(QMainWindow):
    """The partner inbox of one organisme: list, dossier, follow-up form.

    Signals:
        ready(): the first load of the inbox is over (shown, or its failure told), once.
        inbox_loaded(int): the inbox was read (how many dossiers the store sent).
        follow_up_sent(str): the store took a follow-up (the dossier id).
        failed(str): a request failed (the French message shown).
        signed_out(): the agent signed out.
    """

    ready = Signal()
    inbox_loaded = Signal(int)
    follow_up_sent = Signal(str)
    failed = Signal(str)
    signed_out = Signal()
    _done = Signal(str, object, object, object)  # operation, context, result, PartnerError

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
        self._thread: threading.Thread | None = None
        self._operation = ""
        self._ready_sent = False
        self._populating = False
        self._selected_id = ""
        self._drafts: dict[str, Draft] = {}
        self._banner_action: Callable[[], object] | None = None
        # Whether a new sign-in keeps its token in the keyring: as the session the window was
        # opened with (the counter's « Espace partenaire » never does).
        self._keep_tokens = session.kept if session is not None else settings is not None
        self._loaded_at: datetime | None = None
        self._refresh_pending = False
        self.login_dialog: LoginDialog | None = None

        self.setObjectName("partner_window")
        self.setAccessibleName(self.tr("Espace partenaire"))
        self._build_actions()
        self._build_central()
        self._build_menus()
        self._build_status_bar()
        self._done.connect(self._on_done)
        self.timer = QTimer(self)
        self.timer.setObjectName("partner_refresh_timer")
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._on_timer_timeout)
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

    def _action(self, name: str, text: str, tip: str, keys: tuple[str, ...],
                slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.setObjectName(f"action_{name}")
        if keys:
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            shown = QKeySequence(keys[0]).toString(QKeySequence.SequenceFormat.NativeText)
            tip = self.tr("%s (%s)") % (tip, shown)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.refresh_action = self._action(
            "refresh", self.tr("&Actualiser"),
            self.tr("Relire les dossiers orientés vers votre organisme"), ("F5",),
            self._on_refresh_action_triggered)
        self.search_action = self._action(
            "search", self.tr("&Rechercher"), self.tr("Rechercher un dossier : nom ou n°"),
            ("Ctrl+F",), self._on_search_action_triggered)
        self.send_action = self._action(
            "send", self.tr("&Envoyer au guichet"),
            self.tr("Envoyer le suivi au guichet qui a orienté la personne"),
            ("Ctrl+Return", "Ctrl+Enter"), self._on_send_action_triggered)
        self.sign_out_action = self._action(
            "sign_out", self.tr("Se &déconnecter"),
            self.tr("Fermer la session de votre compte partenaire sur ce poste"), (),
            self._on_sign_out_action_triggered)
        self.sign_in_action = self._action(
            "sign_in", self.tr("Se &connecter…"),
            self.tr("Se connecter avec le compte de votre organisme"), (),
            self._on_sign_in_action_triggered)
        self.close_action = self._action(
            "close", self.tr("&Fermer"), self.tr("Fermer l’espace partenaire"), ("Ctrl+W",),
            self.close)
        self.help_action = self._action(
            "help", self.tr("&Aide de la page et clavier"),
            self.tr("À quoi sert cet espace et ses raccourcis clavier"), ("F1",),
            self._on_help_action_triggered)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        bar.setAccessibleName(self.tr("Barre de menus"))
        file_menu = bar.addMenu(self.tr("&Fichier"))
        file_menu.setToolTipsVisible(True)
        for action in (self.refresh_action, self.search_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.sign_in_action)
        file_menu.addAction(self.sign_out_action)
        file_menu.addSeparator()
        file_menu.addAction(self.close_action)
        follow_menu = bar.addMenu(self.tr("&Dossier"))
        follow_menu.setToolTipsVisible(True)
        follow_menu.addAction(self.send_action)
        help_menu = bar.addMenu(self.tr("Aid&e"))
        help_menu.addAction(self.help_action)

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
        for status in SHOWN_STATUSES[1:]:
            self.status_filter.addItem(wording.orientation_status_label(status), status)
        filter_label = QLabel(self.tr("Sui&vi :"), page)
        filter_label.setBuddy(self.status_filter)
        row.addSpacing(self.fontMetrics().averageCharWidth() * 2)
        row.addWidget(filter_label)
        row.addWidget(self.status_filter)
        layout.addLayout(row)

        self.model = PartnerInboxModel(self)
        self.proxy = PartnerFilter(self)
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
        to_form = QAction(self.tr("Saisir le suivi"), self.table)
        to_form.setObjectName("action_to_form")
        to_form.setShortcuts([QKeySequence("Return"), QKeySequence("Enter")])
        to_form.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        to_form.triggered.connect(self._on_to_form_triggered)
        self.table.addAction(to_form)
        layout.addWidget(self.table, 1)
        self.count_label = QLabel("", page)
        self.count_label.setObjectName("partner_count")
        self.count_label.setAccessibleName(self.tr("Nombre de dossiers"))
        layout.addWidget(self.count_label)

        self.search_edit.textChanged.connect(self._on_search_edit_text_changed)
        self.status_filter.currentIndexChanged.connect(self._on_status_filter_changed)
        return page

    def _size_columns(self) -> None:
        bold = QFont(self.table.font())
        bold.setBold(True)  # rows not yet taken in hand are bold
        fm = QFontMetrics(bold)
        margin = 3 * fm.averageCharWidth()
        samples = {"urgent": self.tr("Urgent") + "MM", "number": "TI-BRE-02-2026-000000",
                   "name": "KERLEROUX Gwenaëlle", "status": follow_up_label("cloturee",
                                                                            "aide_accordee"),
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
        self.detail = QTextBrowser(page)
        self.detail.setObjectName("partner_detail")
        self.detail.setAccessibleName(self.tr("Dossier sélectionné"))
        self.detail.setOpenLinks(False)
        layout.addWidget(self.detail, 1)

        self.form = QGroupBox(self.tr("Votre suivi"), page)
        self.form.setObjectName("partner_form")
        form = QFormLayout(self.form)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.status_combo = QComboBox(self.form)
        self.status_combo.setObjectName("partner_status")
        self.status_combo.setAccessibleName(self.tr("Statut"))
        for status in FOLLOW_UP_STATUSES:
            self.status_combo.addItem(wording.orientation_status_label(status), status)
        self.outcome_combo = QComboBox(self.form)
        self.outcome_combo.setObjectName("partner_outcome")
        self.outcome_combo.setAccessibleName(self.tr("Résultat"))
        self.outcome_combo.addItem(self.tr("— à choisir pour clôturer —"), None)
        for outcome in OUTCOMES:
            self.outcome_combo.addItem(wording.outcome_label(outcome), outcome)
        self.outcome_combo.setToolTip(self.tr("Seulement pour un dossier « Clôturée »"))
        self.note_edit = QPlainTextEdit(self.form)
        self.note_edit.setObjectName("partner_note")
        self.note_edit.setAccessibleName(self.tr("Note pour le guichet"))
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setPlaceholderText(self.tr(
            "Ce que le guichet doit savoir : rendez-vous pris, pièce manquante…"))
        self.note_edit.setMinimumHeight(self.fontMetrics().height() * 3)
        self.note_edit.setMaximumHeight(self.fontMetrics().height() * 5)
        self.note_count = QLabel("", self.form)
        self.note_count.setObjectName("partner_note_count")
        self.note_count.setAccessibleName(self.tr("Caractères restants"))
        self.form_error = QLabel("", self.form)
        self.form_error.setObjectName("partner_form_error")
        self.form_error.setAccessibleName(self.tr("Erreur dans le suivi"))
        self.form_error.setWordWrap(True)
        self.form_error.setStyleSheet("color: #b00020; font-weight: bold;")
        self.form_error.setVisible(False)
        self.send_button = QPushButton(self.tr("&Envoyer au guichet"), self.form)
        self.send_button.setObjectName("partner_send")
        self.send_button.setAccessibleName(self.tr("Envoyer au guichet"))
        self.send_button.setToolTip(self.send_action.toolTip())
        self.send_button.clicked.connect(self.send_action.trigger)
        for title, widget in ((self.tr("S&tatut :"), self.status_combo),
                              (self.tr("Ré&sultat :"), self.outcome_combo),
                              (self.tr("N&ote pour le guichet :"), self.note_edit)):
            label = QLabel(title, self.form)
            label.setBuddy(widget)
            form.addRow(label, widget)
        form.addRow("", self.note_count)
        form.addRow(self.form_error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.send_button)
        form.addRow(buttons)
        layout.addWidget(self.form)

        self.status_combo.currentIndexChanged.connect(self._on_form_changed)
        self.outcome_combo.currentIndexChanged.connect(self._on_form_changed)
        self.note_edit.textChanged.connect(self._on_form_changed)
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

    def refresh(self) -> bool:
        """Read the inbox again, off the GUI thread; False when it cannot start now."""
        if self.session is None:
            return False
        if self._thread is not None:
            self._refresh_pending = True
            return False
        self._refresh_pending = False
        return self._start("inbox", None, lambda client: client.inbox())

    def send(self) -> bool:
        """Send the form's follow-up of the selected dossier; False when it cannot."""
        dossier = self.model.dossier(self._selected_id)
        if dossier is None or self.session is None:
            return False
        if self._thread is not None:
            self.statusBar().showMessage(self.tr("Patientez : un échange avec le serveur "
                                                 "central est en cours."), 5000)
            return False
        draft = self._form_values()
        problem = self.validate(draft, dossier)
        if problem:
            self._show_form_error(problem)
            return False
        self._show_form_error("")
        self.send_button.setText(self.tr("Envoi…"))
        return self._start("send", (dossier.id, dossier.number, draft),
                           lambda client: client.update(dossier.id, draft.status,
                                                        draft.outcome, draft.note))

    def validate(self, draft: Draft, dossier: PartnerDossier) -> str:
        """What is wrong with the follow-up, naming the field ('' when it can be sent)."""
        if draft.status not in FOLLOW_UP_STATUSES:
            return self.tr("Statut : choisissez « Reçue », « En cours », « Contact pris » ou "
                           "« Clôturée ».")
        if draft.status == "cloturee" and draft.outcome not in OUTCOMES:
            return self.tr("Résultat : choisissez « Aide accordée », « Aide refusée » ou "
                           "« Sans suite » pour clôturer le dossier.")
        if len(draft.note) > NOTE_MAX:
            return self.tr("Note pour le guichet : %s caractères au plus (la note en compte "
                           "%s).") % (grouped(NOTE_MAX), grouped(len(draft.note)))
        if "\x00" in draft.note:
            return self.tr("Note pour le guichet : elle contient un caractère invisible non "
                           "autorisé ; retapez-la.")
        current = dossier.follow_up
        if (draft.status, draft.outcome, draft.note) == (current.status, current.outcome,
                                                         current.note):
            return self.tr("Rien à envoyer : le guichet a déjà ce suivi. Changez le statut ou "
                           "la note.")
        return ""

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

    # ------------------------------------------------------------------ worker

    def _client(self) -> PartnerClient:
        assert self.session is not None
        if self._http is None or self._http_server != self.session.server:
            self._close_http()
            factory = self._http_factory or _default_http_factory
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
        self._thread = threading.Thread(target=self._work, args=(operation, context, client, work),
                                        name=f"partner-{operation}", daemon=True)
        self._thread.start()
        return True

    def _work(self, operation: str, context: Any, client: PartnerClient,
              work: Callable[[PartnerClient], Any]) -> None:
        result: Any = None
        error: PartnerError | None = None
        try:
            result = work(client)
        except PartnerError as exc:
            error = exc
        except Exception as exc:  # reported to the agent, never raised in the worker
            log.exception("partner request failed")
            error = PartnerError("server", str(exc) or type(exc).__name__)
        try:
            self._done.emit(operation, context, result, error)
        except RuntimeError:  # the window is gone
            return

    def _on_done(self, operation: str, context: Any, result: Any,
                 error: PartnerError | None) -> None:
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(1.0)  # it only has to return after its emit
        self._operation = ""
        self._set_busy(False)
        if operation == "inbox":
            self._inbox_done(result, error)
        elif operation == "send":
            self._send_done(context, result, error)
        elif operation == "logout":
            self._logout_done(context, error)
        if self._refresh_pending and self.session is not None:
            self.refresh()

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.send_button.setEnabled(not busy and self.model.dossier(self._selected_id)
                                    is not None)
        self.send_action.setEnabled(not busy)
        self.sign_out_action.setEnabled(not busy and self.session is not None)
        if not busy:
            self.send_button.setText(self.tr("&Envoyer au guichet"))
        if busy and self._operation == "inbox" and self._loaded_at is None:
            self.statusBar().showMessage(self.tr("Lecture des dossiers…"))

    # ------------------------------------------------------------------ answers

    def _inbox_done(self, dossiers: list[PartnerDossier] | None,
                    error: PartnerError | None) -> None:
        if error is not None:
            self.statusBar().clearMessage()
            self._failed(error, self.refresh, while_doing="inbox")
            self._send_ready()
            return
        assert dossiers is not None
        before = {d.id for d in self.model.dossiers}
        after = {d.id for d in dossiers}
        gone = before - after if self._loaded_at is not None else set()
        new = after - before if self._loaded_at is not None else set()
        keep = self._selected_id
        self._populating = True
        self.model.set_dossiers(dossiers)
        self._populating = False
        for dossier_id in list(self._drafts):
            if dossier_id not in after:
                del self._drafts[dossier_id]
        self._loaded_at = datetime.now().astimezone()
        self.loaded_label.setText(self.tr("Liste lue à %s") % self._loaded_at.strftime("%H:%M"))
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
        if keep and keep not in after:
            self._show_banner(self.tr("Ce dossier n’est plus visible : le consentement a pu être "
                                      "retiré."), self.tr("&OK"), self._hide_banner)
        if not self._ready_sent and not self.search_edit.text():
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)  # ↑↓ work at once
        self.inbox_loaded.emit(len(dossiers))
        self._send_ready()

    def _send_done(self, context: tuple[str, str, Draft], dossier: PartnerDossier | None,
                   error: PartnerError | None) -> None:
        dossier_id, number, draft = context
        if error is not None:
            if error.kind == "gone":
                self._drafts.pop(dossier_id, None)
                was_selected = dossier_id == self._selected_id
                row = self.table.currentIndex().row()
                self.model.remove(dossier_id)
                self._update_count()
                if was_selected:
                    self._selected_id = ""
                    if self.proxy.rowCount() > 0:
                        self.table.selectRow(min(max(row, 0), self.proxy.rowCount() - 1))
                    self._sync_selection()
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
                    self._show_form_error(message)
                self.failed.emit(message)
                return
            self._failed(error, lambda: self._resend(dossier_id, draft), while_doing="send")
            return
        assert dossier is not None
        self._drafts.pop(dossier_id, None)
        self.model.replace(dossier)
        if dossier_id == self._selected_id:
            self._show_dossier(dossier)
        self._hide_banner()
        self.statusBar().showMessage(
            self.tr("Suivi envoyé au guichet pour le dossier %s : %s.")
            % (dossier.number, follow_up_label(dossier.follow_up.status,
                                               dossier.follow_up.outcome)), 15_000)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.follow_up_sent.emit(dossier_id)

    def _resend(self, dossier_id: str, draft: Draft) -> None:
        if dossier_id != self._selected_id:
            self.select(dossier_id)
        self._drafts[dossier_id] = draft
        self._fill_form(draft)
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
                    % self._loaded_at.strftime("%H:%M")
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
        if self.session is None or self._thread is not None:
            return False
        return self._start("logout", self.session, lambda client: client.logout())

    def _logout_done(self, session: PartnerSession, error: PartnerError | None) -> None:
        if session.kept:
            _forget_token(self._data_dir, session.server, session.token)
        self.session = None
        self.timer.stop()
        self._drafts.clear()
        self._loaded_at = None
        self.model.set_dossiers([])
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
            self.model.set_dossiers([])
            self._select_none()
        self._update_identity()
        self._hide_banner()
        self.sign_out_action.setEnabled(True)
        self.statusBar().showMessage(self.tr("Connecté : %s.") % signed.login, 5000)
        self.timer.start()
        self.refresh()

    # ------------------------------------------------------------------ selection and form

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
            self._show_form_error("")
        # The form shows the dossier's draft when one is being typed, so a refresh that selects
        # the same dossier again leaves it as it is.
        self._show_dossier(self.model.dossier(dossier_id))

    def _select_none(self) -> None:
        self._selected_id = ""
        if self.table.selectionModel().hasSelection():
            self.table.clearSelection()
        self._show_dossier(None)

    def _show_dossier(self, dossier: PartnerDossier | None) -> None:
        self.form.setEnabled(dossier is not None and self.session is not None)
        self.send_button.setEnabled(dossier is not None and self._thread is None)
        if dossier is None:
            self.detail.setHtml(self._empty_html())
            self._fill_form(Draft("recue", None, ""))
            return
        self.detail.setHtml(self.detail_html(dossier))
        self._fill_form(self._drafts.get(dossier.id) or self._current(dossier))

    @staticmethod
    def _current(dossier: PartnerDossier) -> Draft:
        follow = dossier.follow_up
        status = follow.status if follow.status in FOLLOW_UP_STATUSES else "recue"
        return Draft(status, follow.outcome if status == "cloturee" else None, follow.note)

    def _fill_form(self, draft: Draft) -> None:
        self._populating = True
        try:
            self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(draft.status)))
            index = self.outcome_combo.findData(draft.outcome) if draft.outcome else 0
            self.outcome_combo.setCurrentIndex(max(0, index))
            if self.note_edit.toPlainText() != draft.note:
                self.note_edit.setPlainText(draft.note)
        finally:
            self._populating = False
        self._update_form_state()

    def _form_values(self) -> Draft:
        status = str(self.status_combo.currentData())
        outcome = self.outcome_combo.currentData() if status == "cloturee" else None
        return Draft(status, str(outcome) if outcome else None, self.note_edit.toPlainText())

    def _on_form_changed(self, *_args: Any) -> None:
        self._update_form_state()
        if self._populating:
            return
        dossier = self.model.dossier(self._selected_id)
        if dossier is None:
            return
        values = self._form_values()
        if values == self._current(dossier):
            self._drafts.pop(dossier.id, None)
        else:
            self._drafts[dossier.id] = values
        if self.form_error.isVisible():
            self._show_form_error("")

    def _update_form_state(self) -> None:
        closing = self.status_combo.currentData() == "cloturee"
        self.outcome_combo.setEnabled(closing)
        left = NOTE_MAX - len(self.note_edit.toPlainText())
        if left >= 0:
            text = (self.tr("%s caractères restants sur %s") % (grouped(left), grouped(NOTE_MAX))
                    if left != 1 else self.tr("1 caractère restant sur %s") % grouped(NOTE_MAX))
            self.note_count.setStyleSheet("")
        else:
            text = (self.tr("%s caractères de trop : %s au plus") if left < -1
                    else self.tr("%s caractère de trop : %s au plus")) % (grouped(-left),
                                                                          grouped(NOTE_MAX))
            self.note_count.setStyleSheet("color: #b00020; font-weight: bold;")
        self.note_count.setText(text)

    def _show_form_error(self, text: str) -> None:
        self.form_error.setText(text)
        self.form_error.setVisible(bool(text))

    # ------------------------------------------------------------------ detail

    def _empty_html(self) -> str:
        if self.session is None:
            text = self.tr("Connectez-vous pour voir les dossiers orientés vers votre organisme.")
        elif self._loaded_at is not None and not self.model.dossiers:
            text = self.tr("Aucun dossier n’est orienté vers votre organisme pour le moment.")
        elif self._loaded_at is not None and self.proxy.rowCount() == 0:
            text = self.tr("Aucun dossier ne correspond à la recherche.")
        else:
            text = self.tr("Sélectionnez un dossier dans la liste.")
        return f"<p>{escape(text)}</p>"

    def detail_html(self, dossier: PartnerDossier) -> str:
        """The dossier as the store sent it, in words (every value escaped)."""
        organisme = wording.organisme_label(dossier.organisme)

        def heading(text: str) -> str:
            return f"<h3>{escape(text)}</h3>"

        def paragraph(text: str) -> str:
            return f"<p>{escape(text)}</p>"

        def table(rows: list[tuple[str, str]]) -> str:
            muted = readable_color("#444444")  # lightened under « Contraste élevé »
            cells = "".join(
                f'<tr><td style="padding-right:12px; color:{muted};">{escape(label)}</td>'
                f"<td><b>{escape(value)}</b></td></tr>" for label, value in rows)
            return f"<table cellspacing=2>{cells}</table>"

        title = dossier.number
        if dossier.display_name:
            title = self.tr("%s — %s") % (dossier.number, dossier.display_name)
        parts = [f"<h2>{escape(title)}</h2>"]
        if dossier.urgent:
            badge, why_urgent = self.tr("Urgent"), self.tr("À traiter en priorité.")
            # Only the urgency reasons among the answers this organisme sees come from the store.
            reasons = " ; ".join(reason_text(r) for r in dossier.urgent_reasons)
            if reasons:
                why_urgent = self.tr("À traiter en priorité : %s.") % reasons
            parts.append(
                '<p><span style="background:#b3261e; color:white; font-weight:bold;">'
                f"&nbsp;{escape(badge)}&nbsp;</span> {escape(why_urgent)}</p>")

        parts.append(heading(self.tr("Identité")))
        names = [n for n in FIELD_ORDER if n in dossier.identity]
        names += sorted(n for n in dossier.identity if n not in FIELD_ORDER)
        if names:
            parts.append(table([(wording.field_label(n), identity_value(n, dossier.identity[n]))
                                for n in names]))
        else:
            parts.append(paragraph(self.tr("Aucun champ d’identité transmis.")))
        if dossier.profile:
            parts.append(heading(self.tr("Situation")))
            parts.append(table([(wording.field_label(n), profile_value(n, v))
                                for n, v in dossier.profile.items()]))

        parts.append(heading(self.tr("Aides relevant de : %s") % organisme))
        if dossier.aids:
            items = []
            for aid in dossier.aids:
                item = f"<li><b>{escape(aid.title)}</b>"
                why = " ; ".join(reason_text(r) for r in aid.reasons)
                if why:
                    item += "<br>" + escape(self.tr("Pourquoi : %s") % why)
                items.append(item + "</li>")
            parts.append(f"<ul>{''.join(items)}</ul>")
        else:
            parts.append(paragraph(self.tr("Aucune aide de votre organisme n’est calculée pour "
                                           "ce dossier.")))
        if dossier.answers:
            parts.append(heading(self.tr("Réponses au questionnaire qui fondent ces aides")))
            parts.append(table([reason_row(q, code) for q, code in dossier.answers.items()]))

        consent = dossier.consent
        parts.append(heading(self.tr("Consentement")))
        parts.append(table([
            (self.tr("Mode"), wording.consent_mode_label(consent.mode or "") or "—"),
            (self.tr("Date"), local_datetime(consent.at) or "—"),
            (self.tr("Version du texte"), consent.text_version or "—"),
        ]))

        follow = dossier.follow_up
        parts.append(heading(self.tr("Suivi actuel")))
        rows = [(self.tr("Statut"), follow_up_label(follow.status, follow.outcome))]
        if follow.updated_at is not None:
            rows.append((self.tr("Mis à jour le"), local_datetime(follow.updated_at)))
        parts.append(table(rows))
        if follow.note:
            label = self.tr("Note pour le guichet :")
            note = escape(follow.note).replace("\n", "<br>")
            parts.append(f"<p>{escape(label)}<br>{note}</p>")
        return "".join(parts)

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
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        if total == 0:
            text = self.tr("Aucun dossier")
        elif shown == total:
            text = self.tr("1 dossier") if total == 1 else self.tr("%s dossiers") % total
        else:
            text = self.tr("%s sur %s dossiers") % (shown, total)
        urgent = sum(1 for d in self.model.dossiers if d.urgent)
        if urgent == 1:
            text += self.tr(", dont 1 urgent")
        elif urgent:
            text += self.tr(", dont %s urgents") % urgent
        self.count_label.setText(text)

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
        if self._thread is None:
            self.refresh()

    def _on_search_edit_text_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self._after_filter()

    def _on_status_filter_changed(self, _index: int) -> None:
        self.proxy.set_status(self.status_filter.currentData())
        self._after_filter()

    def _after_filter(self) -> None:
        self._update_count()
        if not (self._selected_id and self.select(self._selected_id)) \
                and self.proxy.rowCount() > 0:
            self.table.selectRow(0)
        self._sync_selection()

    # ------------------------------------------------------------------ Qt

    def closeEvent(self, event: QCloseEvent) -> None:
        self.timer.stop()
        thread = self._thread
        if thread is not None:
            thread.join(5.0)
        session = self.session
        if session is not None and not session.kept and self._http is not None:
            # A session opened from the counter lives only as long as its window: its token is
            # revoked, off the GUI thread (a store that does not answer must not hold the close).
            http, owned = self._http, self._owns_http
            self._http = None
            closing = threading.Thread(target=_revoke, args=(http, session.token, owned),
                                       name="partner-logout", daemon=True)
            closing.start()
            closing.join(2.0)
            self.session = None
        self._close_http()
        super().closeEvent(event)


def _revoke(http: Any, token: str, close: bool) -> None:
    try:
        PartnerClient(http, token, max_retries=0).logout()
    except Exception:  # it expires by itself on the store
        log.info("the partner token could not be revoked", exc_info=True)
    finally:
        if close:
            http.close()


def _default_http_factory(server: str) -> Any:
    from app.sync_commands import make_http_client

    return make_http_client(server)


def _forget_token(data_dir: Path | None, server: str, token: str) -> None:
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
