"""The call list (« Liste d’appels »): the workers the partners' signals point to, ranked, called
one after the other from the keyboard.

N takes the next entry (the central store grants it to one workstation at a time: while it
answers, N is off), then one key records the outcome of the call: J joint, I injoignable,
R rappel demandé (a date and time, prefilled to the next working hour), F refus, D déjà
accompagné; Échap releases the entry. After « joint », Entrée opens the dossier: the new-dossier
flow of the main window with the identity prefilled from the signals and the channel
« téléphone » (or the worker's existing dossier), and the dossier is linked to the entry. After
the third unanswered call the entry proposes a letter (P prints it).

Everything the page shows comes from :class:`app.call_service.CallService` as plain data; every
call to it runs off the GUI thread (app.ui.tasks). Offline, an entry this workstation already
holds keeps working until its claim ends; taking a new one says the shared list needs the
central store.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from html import escape
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTime,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.call_service import (
    CallEntryView,
    CallListOffline,
    CallService,
    ClaimRefused,
    NotTaken,
)
from app.forms.calls import TYPE_WEIGHT
from app.ui import wording
from app.ui.table_model import RowsTableModel
from app.ui.tasks import cancel_tasks, run_task

ID_ROLE = Qt.ItemDataRole.UserRole + 1
RELOAD_MS = 30_000  # claims expire and call-backs fall due: the list is read again
FIRST_HOUR, LAST_HOUR = 9, 17  # a call-back is proposed on the hour, 9 h to 17 h, working days
NOTE_MAX = 500

AnyIndex = QModelIndex | QPersistentModelIndex
LetterRenderer = Callable[[CallEntryView], Any]  # a RenderedDocument, or PDF bytes
PreviewOpener = Callable[[Any, QWidget], QDialog]


def _utcnow() -> datetime:
    return datetime.now(UTC)


# --------------------------------------------------------------------------- words of a row


def identifier_text(entry: CallEntryView) -> str:
    """The SIRET (grouped), else the NIR."""
    if entry.siret:
        return wording.identity_value("siret", entry.siret)
    if entry.nir:
        return wording.identity_value("nir", entry.nir)
    return ""


def signals_text(entry: CallEntryView) -> str:
    """« Incident de paiement, Dette sociale — Urssaf — 1 234,56 € »: the kinds of alert (the
    most urgent first), who sent them, the amount."""
    kinds = sorted({s.type for s in entry.signals}, key=lambda t: (-TYPE_WEIGHT.get(t, 0), t))
    sources: list[str] = []
    for signal in entry.signals:
        label = wording.signal_source_label(signal.source)
        if label not in sources:
            sources.append(label)
    parts = [", ".join(wording.signal_type_label(k) for k in kinds), ", ".join(sources)]
    if entry.amount_cents:
        parts.append(wording.amount_label(entry.amount_cents))
    return " — ".join(p for p in parts if p)


def last_attempt_text(entry: CallEntryView) -> str:
    if not entry.attempts:
        return QCoreApplication.translate("call_list", "Aucun appel")
    last = entry.attempts[-1]
    return f"{wording.local_datetime(last.at)} — {wording.call_outcome_label(last.outcome)}"


def claimed_by_other(entry: CallEntryView, now: datetime) -> bool:
    return bool(entry.claimed_by and not entry.mine and entry.claim_expires_at is not None
                and entry.claim_expires_at > now)


def state_text(entry: CallEntryView, now: datetime) -> str:
    """The entry's state in French, with « dossier ouvert » and who holds it."""
    if entry.status == "rappel" and entry.callback_at is not None:
        text = QCoreApplication.translate("call_list", "Rappel demandé pour le %1").replace(
            "%1", wording.local_datetime(entry.callback_at))
    elif entry.status == "a_appeler" and entry.next_attempt_at is not None \
            and entry.next_attempt_at > now:
        text = QCoreApplication.translate("call_list", "À appeler à partir du %1").replace(
            "%1", wording.local_datetime(entry.next_attempt_at))
    elif entry.status == "a_appeler" and entry.unanswered:
        text = (QCoreApplication.translate("call_list", "À appeler (1 appel sans réponse)")
                if entry.unanswered == 1 else
                QCoreApplication.translate("call_list", "À appeler (%1 appels sans réponse)")
                .replace("%1", str(entry.unanswered)))
    else:
        text = wording.call_status_label(entry.status)
    parts = [text]
    if entry.dossier_open:
        parts.append(QCoreApplication.translate("call_list", "dossier ouvert"))
    if claimed_by_other(entry, now):
        parts.append(wording.claim_label(entry.claimed_by or "", entry.claim_expires_at, now))
    elif entry.mine and not entry.done:
        parts.append(QCoreApplication.translate("call_list", "pris par ce poste"))
    return " · ".join(parts)


def next_working_hour(now: datetime) -> datetime:
    """The next full hour from 9 h to 17 h of a working day (not a week-end nor a French public
    holiday), in the workstation's time zone: the call-back a « rappel demandé » proposes."""
    import holidays

    local = now.astimezone()
    moment = local.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    closed = holidays.country_holidays("FR", years=range(local.year, local.year + 2))
    for _ in range(400):
        if moment.hour < FIRST_HOUR:
            moment = moment.replace(hour=FIRST_HOUR)
        if moment.hour > LAST_HOUR or moment.weekday() >= 5 or moment.date() in closed:
            moment = (moment + timedelta(days=1)).replace(hour=FIRST_HOUR)
            continue
        return moment
    return moment  # pragma: no cover - a working day always comes within a year


# --------------------------------------------------------------------------- model


class CallListModel(RowsTableModel):
    """The entries in the service's order (due call-backs, then urgency, amount, age)."""

    COLUMNS = ("name", "ident", "signals", "last", "state")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CallEntryView] = []
        self._now = _utcnow()
        self._headers = {
            "name": self.tr("Personne"),
            "ident": self.tr("SIRET ou NIR"),
            "signals": self.tr("Signalements"),
            "last": self.tr("Dernier appel"),
            "state": self.tr("État"),
        }

    def set_entries(self, entries: list[CallEntryView], now: datetime) -> None:
        self.beginResetModel()
        self._rows = list(entries)
        self._now = now
        self.endResetModel()

    def entries(self) -> list[CallEntryView]:
        return list(self._rows)

    def entry_at(self, row: int) -> CallEntryView | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, entry_id: str) -> int:
        return next((i for i, e in enumerate(self._rows) if e.id == entry_id), -1)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.entry_at(index.row()) if index.isValid() else None
        if entry is None:
            return None
        column = self.COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole,
                    Qt.ItemDataRole.ToolTipRole):
            return self.text(entry, column)
        if role == Qt.ItemDataRole.FontRole and entry.mine and not entry.done:
            font = QFont()
            font.setBold(True)
            return font
        if role == ID_ROLE:
            return entry.id
        return None

    def text(self, entry: CallEntryView, column: str) -> str:
        if column == "name":
            return entry.name
        if column == "ident":
            return identifier_text(entry)
        if column == "signals":
            return signals_text(entry)
        if column == "last":
            return last_attempt_text(entry)
        return state_text(entry, self._now)


class CallTableView(QTableView):
    """The ranked entries: whole rows, one selected at a time, in the service's order."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("call_table")
        self.setAccessibleName(self.tr("Liste d’appels"))
        self.setAccessibleDescription(self.tr(
            "Les rappels dus en premier, puis les signalements les plus urgents, les montants "
            "les plus élevés et les plus anciens. N prend le suivant."))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.setSortingEnabled(False)  # the order is the ranking
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setAccessibleName(self.tr("En-têtes des colonnes"))
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

    def size_columns(self) -> None:
        """Widths from the font, fitted to the width the list has (no horizontal scrolling):
        each column its usual text when there is room, the signals the rest; on a narrow
        screen or a large text size every column gives up the same share (elided text is in
        full in the tooltip and the detail)."""
        model = self.model()
        if model is None:
            return
        fm = self.fontMetrics()
        samples = {"name": "Kerleroux Gwenaëlle", "ident": "732 829 320 00074",
                   "signals": "Incident de paiement — Urssaf — 1 234,56 €",
                   "last": "00/00/0000 00:00 — Injoignable",
                   "state": "À appeler (2 appels sans réponse)"}
        margin = 3 * fm.averageCharWidth()
        wanted = []
        for column, name in enumerate(CallListModel.COLUMNS):
            title = str(model.headerData(column, Qt.Orientation.Horizontal))
            wanted.append(max(fm.horizontalAdvance(samples[name]),
                              fm.horizontalAdvance(title)) + margin)
        room = self.viewport().width() - 2
        widths = list(wanted)
        if room > 0:
            # Who the worker is stays readable (up to 45 % of the room); the signals, the last
            # call and the state share the rest, the signals taking what is left over.
            first = (0, 1)  # name, SIRET or NIR
            kept = sum(wanted[c] for c in first)
            keep_scale = min(1.0, room * 0.45 / kept)
            for c in first:
                widths[c] = int(wanted[c] * keep_scale)
            others = [c for c in range(len(wanted)) if c not in first]
            rest = room - sum(widths[c] for c in first)
            scale = min(1.0, rest / sum(wanted[c] for c in others))
            for c in others:
                widths[c] = int(wanted[c] * scale)
            signals = CallListModel.COLUMNS.index("signals")
            widths[signals] += max(0, room - sum(widths))
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(fm.averageCharWidth() * 6)
        for column, width in enumerate(widths):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.setColumnWidth(column, width)
        self.verticalHeader().setDefaultSectionSize(fm.height() * 3 // 2 + 4)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.size_columns()


# --------------------------------------------------------------------------- detail


def detail_html(entry: CallEntryView | None, now: datetime) -> str:
    """The entry in full: identity, state, every signal, every call."""
    if entry is None:
        return "<p>{}</p>".format(escape(QCoreApplication.translate(
            "call_list", "Choisissez une entrée de la liste, ou appuyez sur N pour prendre la "
            "suivante.")))
    rows = [(wording.field_label("siret"), wording.identity_value("siret", entry.siret or "")),
            (QCoreApplication.translate("call_list", "NIR"),
             wording.identity_value("nir", entry.nir or "")),
            (wording.field_label("telephone"), entry.telephone or ""),
            (wording.field_label("email"), entry.email or ""),
            (wording.field_label("commune"), entry.commune or ""),
            (QCoreApplication.translate("call_list", "État"), state_text(entry, now))]
    if entry.dossier_number:
        rows.append((QCoreApplication.translate("call_list", "Dossier"), entry.dossier_number))
    if entry.next_attempt_at is not None and entry.next_attempt_at > now and not entry.done:
        rows.append((QCoreApplication.translate("call_list", "Prochain appel"),
                     wording.local_datetime(entry.next_attempt_at)))
    parts = [f"<h3>{escape(entry.name)}</h3><table>"]
    parts += [f"<tr><td><b>{escape(label)}&nbsp;:</b>&nbsp;</td><td>{escape(value)}</td></tr>"
              for label, value in rows if value]
    parts.append("</table>")
    parts.append("<h4>{}</h4><ul>".format(escape(QCoreApplication.translate(
        "call_list", "Signalements (%1)").replace("%1", str(len(entry.signals))))))
    for signal in sorted(entry.signals, key=lambda s: s.date, reverse=True):
        line = [signal.date.strftime(wording.DATE_FORMAT),
                wording.signal_source_label(signal.source),
                wording.signal_type_label(signal.type),
                QCoreApplication.translate("call_list", "réf. %1").replace("%1", signal.reference)]
        if signal.montant_cents:
            line.append(wording.amount_label(signal.montant_cents))
        text = escape(" — ".join(line))
        if signal.commentaire:
            text += f"<br><i>{escape(signal.commentaire)}</i>"
        parts.append(f"<li>{text}</li>")
    parts.append("</ul>")
    parts.append("<h4>{}</h4>".format(escape(QCoreApplication.translate(
        "call_list", "Appels (%1)").replace("%1", str(len(entry.attempts))))))
    if not entry.attempts:
        parts.append("<p>{}</p>".format(escape(QCoreApplication.translate(
            "call_list", "Aucun appel pour l’instant."))))
    else:
        parts.append("<ul>")
        for attempt in reversed(entry.attempts):
            line = [wording.local_datetime(attempt.at),
                    wording.call_outcome_label(attempt.outcome),
                    f"{attempt.agent} ({attempt.workstation})"]
            if attempt.callback_at is not None:
                line.append(QCoreApplication.translate("call_list", "rappel le %1").replace(
                    "%1", wording.local_datetime(attempt.callback_at)))
            text = escape(" — ".join(p for p in line if p))
            if attempt.note:
                text += f"<br><i>{escape(attempt.note)}</i>"
            parts.append(f"<li>{text}</li>")
        parts.append("</ul>")
    return "".join(parts)


# --------------------------------------------------------------------------- call-back dialog


def qt_datetime(moment: datetime) -> QDateTime:
    """A moment as the workstation's wall clock shows it (minutes), for a QDateTimeEdit."""
    local = moment.astimezone()
    return QDateTime(QDate(local.year, local.month, local.day),
                     QTime(local.hour, local.minute))


class RecallDialog(QDialog):
    """« Rappel demandé »: when to call the worker back (keyboard: the date and time field has
    the focus, prefilled to the next working hour; Entrée records, Échap cancels)."""

    def __init__(self, now: datetime | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._now = now or _utcnow()
        self.setWindowTitle(self.tr("Rappel demandé"))
        self.setAccessibleName(self.tr("Rappel demandé"))
        intro = QLabel(self.tr("La personne demande à être rappelée : quand ?"), self)
        intro.setWordWrap(True)
        self.when_edit = QDateTimeEdit(self)
        self.when_edit.setObjectName("callback_edit")
        self.when_edit.setAccessibleName(self.tr("Date et heure du rappel"))
        self.when_edit.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.when_edit.setCalendarPopup(True)
        proposed = next_working_hour(self._now)
        self.when_edit.setDateTime(qt_datetime(proposed))
        self.when_edit.setMinimumDateTime(qt_datetime(self._now))
        label = QLabel(self.tr("&Date et heure :"), self)
        label.setBuddy(self.when_edit)
        hint = QLabel(self.tr("Proposé : la prochaine heure ouvrée. Flèches haut et bas : "
                              "changer la partie où est le curseur."), self)
        hint.setWordWrap(True)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #a40000; font-weight: bold;")
        self.error_label.setVisible(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("&Enregistrer le rappel"))
        ok.setAccessibleName(self.tr("Enregistrer le rappel"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Annuler (Échap)"))
        cancel.setAccessibleName(self.tr("Annuler"))
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(label, self.when_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.when_edit.setFocus()

    def callback_at(self) -> datetime:
        """The chosen moment, in UTC (the field shows the workstation's time)."""
        chosen: datetime = self.when_edit.dateTime().toPython()  # type: ignore[assignment]
        return chosen.replace(second=0, microsecond=0).astimezone().astimezone(UTC)

    def _on_buttons_accepted(self) -> None:
        if self.callback_at() <= self._now:
            self.error_label.setText(self.tr("⚠ Le rappel doit être dans le futur."))
            self.error_label.setVisible(True)
            self.when_edit.setFocus()
            return
        self.accept()


# --------------------------------------------------------------------------- page


def open_print_preview(document: Any, parent: QWidget) -> QDialog:
    from app.ui.print_preview import PrintPreviewDialog

    dialog = PrintPreviewDialog(document, parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def as_document(rendered: Any, entry: CallEntryView) -> Any:
    """The contact letter as the print preview shows it: a RenderedDocument as it came, PDF
    bytes wrapped in one."""
    if not isinstance(rendered, bytes | bytearray):
        return rendered
    from app.documents import RenderedDocument
    from app.documents.render import DocumentKind

    data = bytes(rendered)
    return RenderedDocument(kind=DocumentKind.LETTER, organisme=None, pdf=data,
                            sha256=hashlib.sha256(data).hexdigest(),
                            title=QCoreApplication.translate("call_list", "Courrier — %1")
                            .replace("%1", entry.name),
                            filename=f"courrier-contact-{entry.id[:8]}.pdf",
                            pages=max(1, data.count(b"/Type /Page") - data.count(b"/Type /Pages")))


class CallListPage(QWidget):
    """The call list, its detail, the call in progress and its outcome keys.

    Signals:
        open_dossier_requested(str, object): « joint » then Entrée: open a new dossier for the
            entry (its id) with this prefill (a dict of identity fields, ``channel``).
        existing_dossier_requested(str, str): the same when the worker already has a dossier
            (entry id, dossier id).
        close_requested(): back to the dossier list (Échap with no entry held).
        import_requested(): « Importer des signalements… ».
        changed(): an entry changed here (a claim, a call, a link).
    """

    open_dossier_requested = Signal(str, object)
    existing_dossier_requested = Signal(str, str)
    close_requested = Signal()
    import_requested = Signal()
    changed = Signal()

    def __init__(self, service: CallService, parent: QWidget | None = None, *,
                 clock: Callable[[], datetime] = _utcnow,
                 letter_renderer: LetterRenderer | None = None,
                 preview_opener: PreviewOpener = open_print_preview,
                 can_import: Callable[[], bool] = lambda: False,
                 ask_callback: Callable[[datetime, QWidget], RecallDialog] | None = None
                 ) -> None:
        super().__init__(parent)
        self.setObjectName("call_list_page")
        self.setAccessibleName(self.tr("Liste d’appels"))
        self.service = service
        self._clock = clock
        self._letter_renderer = letter_renderer
        self._preview_opener = preview_opener
        self._can_import = can_import
        self._ask_callback = ask_callback or (lambda now, parent: RecallDialog(now, parent))
        self._current: CallEntryView | None = None  # the entry this agent works on
        self._joined = False  # « joint » recorded: Entrée opens the dossier
        self._letter_due = False  # the third unanswered call: P prints the letter
        self._busy = ""  # the background step running ('' when none)
        self._reload_token = 0
        self._select_after_reload = ""
        self.loaded_once = False
        self._sized = False  # the splitter got its first sizes
        self.reads = 0  # lists read and shown (tests wait for the next one)
        self.callback_dialog: RecallDialog | None = None
        self.preview_dialog: QDialog | None = None

        self._build()
        self._connect()
        self.reload_timer = QTimer(self)
        self.reload_timer.setInterval(RELOAD_MS)
        self.reload_timer.timeout.connect(self._on_reload_timer_timeout)
        self._update_buttons()

    # ------------------------------------------------------------------ building

    def _button(self, text: str, name: str, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(text.replace("&", "").split(" (")[0])
        button.setToolTip(tip)
        button.setAutoDefault(False)
        return button

    def _build(self) -> None:
        title = QLabel(self.tr("Liste d’appels"), self)
        title_font = QFont(title.font())
        title_font.setBold(True)
        title_font.setPointSizeF(title_font.pointSizeF() * 1.2)
        title.setFont(title_font)
        title.setAccessibleName(title.text())
        self.done_check = QCheckBox(self.tr("Afficher aussi les appels &terminés"), self)
        self.done_check.setObjectName("done_check")
        self.done_check.setAccessibleName(self.tr("Afficher aussi les appels terminés"))
        self.done_check.setToolTip(self.tr("Les personnes jointes, les refus et les personnes "
                                           "déjà accompagnées, en fin de liste"))
        self.import_button = self._button(
            self.tr("&Importer des signalements…"), "import_button",
            self.tr("Lire un fichier CSV de signalements des partenaires"))
        self.back_button = self._button(self.tr("Retour aux dossiers (Échap)"), "back_button",
                                        self.tr("Revenir à la liste des dossiers"))
        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(self.fontMetrics().averageCharWidth() * 3)
        top.addWidget(self.done_check)
        top.addStretch(1)
        top.addWidget(self.import_button)
        top.addWidget(self.back_button)

        self.model = CallListModel(self)
        self.table = CallTableView(self)
        self.table.setModel(self.model)
        self.table.size_columns()
        self.detail = QTextBrowser(self)
        self.detail.setObjectName("call_detail")
        self.detail.setAccessibleName(self.tr("Détail de l’entrée"))
        self.detail.setOpenLinks(False)
        self.detail.setTabChangesFocus(True)  # Tab leaves the detail, as it leaves a list
        self.detail.setMinimumWidth(self.fontMetrics().averageCharWidth() * 34)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("call_splitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        self.current_label = QLabel(self)
        self.current_label.setObjectName("current_label")
        self.current_label.setAccessibleName(self.tr("Appel en cours"))
        self.current_label.setWordWrap(True)
        self.current_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        current_font = QFont(self.current_label.font())
        current_font.setPointSizeF(current_font.pointSizeF() * 1.15)
        self.current_label.setFont(current_font)
        self.current_frame = QFrame(self)
        self.current_frame.setFrameShape(QFrame.Shape.StyledPanel)
        current_box = QVBoxLayout(self.current_frame)
        current_box.addWidget(self.current_label)

        self.note_edit = QLineEdit(self)
        self.note_edit.setObjectName("note_edit")
        self.note_edit.setAccessibleName(self.tr("Note de l’appel"))
        self.note_edit.setPlaceholderText(self.tr("facultative, enregistrée avec le résultat"))
        self.note_edit.setMaxLength(NOTE_MAX)
        note_label = QLabel(self.tr("N&ote :"), self)
        note_label.setBuddy(self.note_edit)
        note_row = QHBoxLayout()
        note_row.addWidget(note_label)
        note_row.addWidget(self.note_edit, 1)
        current_box.addLayout(note_row)

        self.take_button = self._button(self.tr("Prendre le suivant (N)"), "take_button",
                                        self.tr("Prendre la première entrée de la liste (N)"))
        self.take_selected_button = self._button(
            self.tr("Prendre l’entrée choisie (T)"), "take_selected_button",
            self.tr("Prendre l’entrée sélectionnée dans la liste, par exemple quand la "
                    "personne rappelle (T)"))
        self.release_button = self._button(self.tr("Libérer (Échap)"), "release_button",
                                           self.tr("Rendre l’entrée aux autres postes sans "
                                                   "noter d’appel (Échap)"))
        self.outcome_buttons: dict[str, QPushButton] = {}
        for outcome, text, key in (
                ("joint", self.tr("Joint (J)"), "J"),
                ("injoignable", self.tr("Injoignable (I)"), "I"),
                ("rappel_demande", self.tr("Rappel demandé (R)"), "R"),
                ("refus", self.tr("Refus (F)"), "F"),
                ("deja_accompagne", self.tr("Déjà accompagné (D)"), "D")):
            self.outcome_buttons[outcome] = self._button(
                text, f"outcome_{outcome}",
                self.tr("Noter le résultat de l’appel : %1 (%2)").replace(
                    "%1", wording.call_outcome_label(outcome)).replace("%2", key))
        self.open_button = self._button(self.tr("Ouvrir le dossier (Entrée)"), "open_button",
                                        self.tr("Ouvrir le dossier de la personne jointe, "
                                                "identité déjà remplie (Entrée)"))
        self.letter_button = self._button(self.tr("Imprimer le courrier (P)"), "letter_button",
                                          self.tr("Après trois appels sans réponse : le courrier "
                                                  "qui invite la personne à appeler (P)"))
        keys = QGridLayout()
        keys.addWidget(self.take_button, 0, 0)
        keys.addWidget(self.take_selected_button, 1, 0)
        for column, outcome in enumerate(("joint", "injoignable", "rappel_demande")):
            keys.addWidget(self.outcome_buttons[outcome], 0, column + 1)
        keys.addWidget(self.outcome_buttons["refus"], 1, 1)
        keys.addWidget(self.outcome_buttons["deja_accompagne"], 1, 2)
        keys.addWidget(self.release_button, 1, 3)
        keys.addWidget(self.open_button, 0, 4)
        keys.addWidget(self.letter_button, 1, 4)
        keys.setColumnStretch(5, 1)

        self.message_label = QLabel(self)
        self.message_label.setObjectName("message_label")
        self.message_label.setAccessibleName(self.tr("Message"))
        self.message_label.setWordWrap(True)
        self.help_label = QLabel(self.tr(
            "N : prendre le suivant · J joint, I injoignable, R rappel demandé, F refus, "
            "D déjà accompagné · Entrée : ouvrir le dossier · Échap : libérer"), self)
        self.help_label.setWordWrap(True)
        self.help_label.setAccessibleName(self.help_label.text())
        self.figures_label = QLabel(self)
        self.figures_label.setObjectName("figures_label")
        self.figures_label.setAccessibleName(self.tr("Chiffres de la liste d’appels"))
        figures_font = QFont(self.figures_label.font())
        figures_font.setBold(True)
        self.figures_label.setFont(figures_font)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.current_frame)
        layout.addLayout(keys)
        layout.addWidget(self.message_label)
        layout.addWidget(self.help_label)
        layout.addWidget(self.figures_label)

        order: list[QWidget] = [self.table, self.detail, self.note_edit, self.take_button,
                                self.take_selected_button, *self.outcome_buttons.values(),
                                self.release_button, self.open_button, self.letter_button,
                                self.done_check, self.import_button, self.back_button]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _shortcut(self, keys: str, slot: Callable[[], None]) -> None:
        shortcut = QShortcut(QKeySequence(keys), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)

    def _connect(self) -> None:
        self.take_button.clicked.connect(self.take_next)
        self.take_selected_button.clicked.connect(self.take_selected)
        self.release_button.clicked.connect(self.release)
        for outcome, button in self.outcome_buttons.items():
            button.clicked.connect(lambda _checked=False, o=outcome: self.record(o))
        self.open_button.clicked.connect(self.open_dossier)
        self.letter_button.clicked.connect(self.print_letter)
        self.import_button.clicked.connect(self.import_requested)
        self.back_button.clicked.connect(self.close_requested)
        self.done_check.toggled.connect(self._on_done_check_toggled)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        for keys, button in (("N", self.take_button), ("T", self.take_selected_button),
                             ("J", self.outcome_buttons["joint"]),
                             ("I", self.outcome_buttons["injoignable"]),
                             ("R", self.outcome_buttons["rappel_demande"]),
                             ("F", self.outcome_buttons["refus"]),
                             ("D", self.outcome_buttons["deja_accompagne"]),
                             ("P", self.letter_button), ("Return", self.open_button),
                             ("Enter", self.open_button)):
            self._shortcut(keys, partial(self._press, button))
        self._shortcut("Escape", self._on_escape_activated)

    # ------------------------------------------------------------------ public

    @property
    def current(self) -> CallEntryView | None:
        """The entry this agent works on (taken, or just called)."""
        return self._current

    @property
    def busy(self) -> bool:
        return bool(self._busy)

    def focus_first(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_service(self, service: CallService) -> None:
        self.service = service

    def shown(self) -> None:
        """The page comes on screen: read the list, keep it fresh."""
        if not self._sized and self.splitter.width() > 0:
            # The detail takes 30 % (at least its minimum); the list the rest.
            self._sized = True
            total = self.splitter.width()
            detail = max(self.detail.minimumWidth(), total * 3 // 10)
            self.splitter.setSizes([total - detail, detail])
        self.import_button.setVisible(self._can_import())
        self.reload()
        self.reload_timer.start()
        self.focus_first()

    def hidden(self) -> None:
        self.reload_timer.stop()

    def shutdown(self) -> None:
        self.reload_timer.stop()
        cancel_tasks(self)

    def reload(self) -> None:
        """Read the list (and the figures) again, off the GUI thread."""
        self._reload_token += 1
        token = self._reload_token
        service, now, include_done = self.service, self._clock(), self.done_check.isChecked()

        def read() -> tuple[list[CallEntryView], dict[str, int], datetime]:
            return service.entries(now, include_done=include_done), service.figures(), now

        run_task(read, owner=self, name="call-list-read",
                 on_done=lambda result: self._on_read(token, result),
                 on_error=self._on_read_failed)

    def selected_entry(self) -> CallEntryView | None:
        index = self.table.currentIndex()
        return self.model.entry_at(index.row()) if index.isValid() else None

    def select_entry(self, entry_id: str) -> bool:
        row = self.model.row_of(entry_id)
        if row < 0:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def message(self) -> str:
        return self.message_label.text()

    def dossier_opened(self, entry_id: str) -> None:
        """The worker's dossier is open (and linked): the call is over."""
        if self._current is not None and self._current.id == entry_id:
            name = self._current.name
            self._forget_current()
            self._say(self.tr("Dossier ouvert pour « %1 ». N : entrée suivante.").replace(
                "%1", name))

    # ------------------------------------------------------------------ actions

    def take_next(self) -> None:
        """N: the first entry of the ranking, claimed for this workstation."""
        if self._busy or self._holding():
            return
        service, now = self.service, self._clock()
        self._start("take", lambda: service.take_next(now), self._on_taken)
        self._say(self.tr("Recherche de l’entrée suivante…"))

    def take_selected(self) -> None:
        """T: the entry selected in the list (a worker who calls back, say)."""
        entry = self.selected_entry()
        if self._busy or self._holding() or entry is None:
            return
        if entry.done:
            self._say(self.tr("Cet appel est terminé : il n’y a plus rien à noter."))
            return
        service, entry_id, now = self.service, entry.id, self._clock()
        self._start("take", lambda: service.take(entry_id, now), self._on_taken)

    def release(self) -> None:
        """Échap: give the entry back without recording a call."""
        entry = self._current
        if self._busy or entry is None:
            return
        if not self._holding():  # already recorded: nothing held any more
            self._forget_current()
            return
        service, entry_id, now = self.service, entry.id, self._clock()
        self._start("release", lambda: service.release(entry_id, now), self._on_released)

    def record(self, outcome: str) -> None:
        """J, I, R, F, D: the outcome of the call on the entry held."""
        entry = self._current
        if self._busy or entry is None or not self._holding():
            return
        callback_at: datetime | None = None
        if outcome == "rappel_demande":
            dialog = self._ask_callback(self._clock(), self)
            self.callback_dialog = dialog
            dialog.accepted.connect(lambda: self._record(entry.id, outcome,
                                                         dialog.callback_at()))
            dialog.finished.connect(self._on_callback_dialog_finished)
            dialog.open()
            return
        self._record(entry.id, outcome, callback_at)

    def _record(self, entry_id: str, outcome: str, callback_at: datetime | None) -> None:
        service, now, note = self.service, self._clock(), self.note_edit.text().strip()
        self._start("record",
                    lambda: service.record(entry_id, outcome, now, callback_at=callback_at,
                                           note=note),
                    lambda entry: self._on_recorded(outcome, entry))

    def open_dossier(self) -> None:
        """Entrée after « joint »: the worker's dossier, new and prefilled or the existing one."""
        entry = self._current
        if self._busy or entry is None or not self._joined:
            return
        if entry.dossier_id and entry.dossier_open:
            self.existing_dossier_requested.emit(entry.id, entry.dossier_id)
            return
        service, entry_id = self.service, entry.id
        self._start("prefill", lambda: service.prefill(entry_id),
                    lambda prefill: self.open_dossier_requested.emit(entry_id, dict(prefill)))

    def print_letter(self) -> None:
        """P after the third unanswered call: the contact letter, in the print preview."""
        entry = self._current
        if self._busy or entry is None or not self._letter_due:
            return
        renderer = self._letter_renderer
        if renderer is None:
            self._say(self.tr("Le courrier n’est pas disponible sur ce poste."))
            return
        self._start("letter", lambda: as_document(renderer(entry), entry), self._on_letter)

    # ------------------------------------------------------------------ internals

    def _press(self, button: QPushButton) -> None:
        if button.isEnabled() and button.isVisible():
            button.click()

    def _holding(self) -> bool:
        entry = self._current
        return bool(entry is not None and entry.mine and not entry.done and not self._joined
                    and (entry.claim_expires_at is None or entry.claim_expires_at > self._clock()))

    def _start(self, step: str, fn: Callable[[], Any], on_done: Callable[[Any], None]) -> None:
        self._busy = step
        self._update_buttons()

        def done(result: Any) -> None:
            self._busy = ""
            on_done(result)
            self._update_buttons()

        def failed(exc: BaseException) -> None:
            self._busy = ""
            self._on_failed(step, exc)
            self._update_buttons()

        run_task(fn, owner=self, name=f"call-list-{step}", on_done=done, on_error=failed)

    def _say(self, text: str) -> None:
        self.message_label.setText(text)

    def _forget_current(self) -> None:
        self._current = None
        self._joined = False
        self._letter_due = False
        self.note_edit.clear()
        self._show_current()

    def _set_current(self, entry: CallEntryView) -> None:
        self._current = entry
        self._show_current()
        self._select_after_reload = entry.id
        self.reload()
        self.changed.emit()

    def _show_current(self) -> None:
        entry = self._current
        if entry is None:
            self.current_label.setText(self.tr("Aucun appel en cours : N prend l’entrée "
                                               "suivante de la liste."))
        else:
            parts = [f"<b>{escape(entry.name)}</b>"]
            if entry.telephone:
                parts.append(f"<b>{escape(entry.telephone)}</b>")
            parts.append(escape(signals_text(entry)))
            if self._holding() and entry.claim_expires_at is not None:
                parts.append(escape(self.tr("pris par ce poste jusqu’à %1").replace(
                    "%1", wording.hour_label(entry.claim_expires_at))))
            elif not self._holding():
                parts.append(escape(wording.call_status_label(entry.status)))
            self.current_label.setText(self.tr("Appel en cours : %1").replace(
                "%1", " · ".join(parts)))
        self.current_label.setAccessibleDescription(self.current_label.text())
        self.detail.setHtml(detail_html(entry or self.selected_entry(), self._clock()))
        self._update_buttons()

    def _update_buttons(self) -> None:
        holding, idle = self._holding(), not self._busy
        self.take_button.setEnabled(idle and not holding and self._current_free())
        selected = self.selected_entry()
        self.take_selected_button.setEnabled(
            idle and not holding and self._current_free() and selected is not None
            and not selected.done and not selected.mine)
        for button in self.outcome_buttons.values():
            button.setEnabled(idle and holding)
        self.release_button.setEnabled(idle and holding)
        self.note_edit.setEnabled(holding)
        self.open_button.setEnabled(idle and self._joined)
        self.open_button.setVisible(self._joined)
        self.letter_button.setEnabled(idle and self._letter_due)
        self.letter_button.setVisible(self._letter_due)
        if self._joined:
            self.open_button.setDefault(True)

    def _current_free(self) -> bool:
        """Nothing held: N and T may take an entry (a finished call is no hold)."""
        return not self._holding()

    # ------------------------------------------------------------------ answers

    def _on_read(self, token: int, result: tuple[list[CallEntryView], dict[str, int],
                                                 datetime]) -> None:
        if token != self._reload_token:
            return  # a newer read was asked for
        entries, figures, now = result
        selected = self.selected_entry()
        wanted = self._select_after_reload or (selected.id if selected is not None else "")
        self._select_after_reload = ""
        self.model.set_entries(entries, now)
        current = self._current
        if current is not None:
            fresh = next((e for e in entries if e.id == current.id), None)
            if fresh is not None:
                self._current = fresh
            if not self._joined and not self._letter_due and not self._holding():
                self._say(self.tr("La réservation de « %1 » a pris fin : l’entrée est rendue "
                                  "à la liste.").replace("%1", current.name))
                self._current = None
        if not (wanted and self.select_entry(wanted)) and self.model.rowCount():
            self.table.selectRow(0)
        self._show_figures(figures)
        self._show_current()
        self.loaded_once = True
        self.reads += 1

    def _on_read_failed(self, exc: BaseException) -> None:
        self._say(self.tr("La liste d’appels n’a pas pu être lue : %1").replace(
            "%1", str(exc) or type(exc).__name__))

    def _show_figures(self, figures: dict[str, int]) -> None:
        def count(key: str, one: str, many: str) -> str:
            number = int(figures.get(key, 0))
            return (one if number < 2 else many).replace("%1", wording.grouped(number))

        parts = [count("entries", self.tr("%1 entrée"), self.tr("%1 entrées")),
                 count("reached", self.tr("%1 personne jointe"),
                       self.tr("%1 personnes jointes")),
                 count("dossiers_opened", self.tr("%1 dossier ouvert"),
                       self.tr("%1 dossiers ouverts")),
                 count("refusals", self.tr("%1 refus"), self.tr("%1 refus"))]
        self.figures_label.setText(self.tr("Liste d’appels : %1").replace(
            "%1", " · ".join(parts)))

    def _on_taken(self, entry: CallEntryView | None) -> None:
        if entry is None:
            self._say(self.tr("Personne à appeler pour l’instant : toutes les entrées sont "
                              "prises, terminées ou à rappeler plus tard."))
            self.reload()
            return
        self._joined = self._letter_due = False
        self.note_edit.clear()
        self._say(self.tr("À appeler : %1%2").replace("%1", entry.name).replace(
            "%2", self.tr(" au %1").replace("%1", entry.telephone) if entry.telephone else ""))
        self._set_current(entry)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_released(self, _result: Any) -> None:
        name = self._current.name if self._current is not None else ""
        self._forget_current()
        self._say(self.tr("« %1 » est rendu à la liste, sans appel noté.").replace("%1", name))
        self.reload()
        self.changed.emit()

    def _on_recorded(self, outcome: str, entry: CallEntryView) -> None:
        self.note_edit.clear()
        self._joined = outcome == "joint"
        self._letter_due = entry.status == "courrier"
        label = wording.call_outcome_label(outcome)
        if self._joined:
            text = self.tr("« %1 » noté pour %2. Entrée : ouvrir son dossier.")
        elif self._letter_due:
            text = self.tr("« %1 » noté pour %2 : trois appels sans réponse, un courrier est "
                           "proposé (P pour l’imprimer). N : entrée suivante.")
        elif outcome == "rappel_demande" and entry.callback_at is not None:
            text = self.tr("« %1 » noté pour %2 : rappel le %3. N : entrée suivante.").replace(
                "%3", wording.local_datetime(entry.callback_at))
        else:
            text = self.tr("« %1 » noté pour %2. N : entrée suivante.")
        self._say(text.replace("%1", label).replace("%2", entry.name))
        if self._joined or self._letter_due:
            self._set_current(entry)
            if self._joined:
                self.open_button.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self._current = None
            self._select_after_reload = entry.id
            self._show_current()
            self.reload()
            self.changed.emit()
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_letter(self, document: Any) -> None:
        self.preview_dialog = self._preview_opener(document, self)

    def _on_failed(self, step: str, exc: BaseException) -> None:
        if isinstance(exc, ClaimRefused):
            if exc.claimed_by:
                text = self.tr("Cette personne est déjà appelée : %1.").replace(
                    "%1", wording.claim_label(exc.claimed_by, exc.until, self._clock()))
            else:
                text = self.tr("Le serveur central n’a pas accordé cette entrée : %1").replace(
                    "%1", exc.message)
            self._say(text + " " + self.tr("N : prendre la suivante."))
            self.reload()
            return
        if isinstance(exc, CallListOffline):
            if step == "take":
                text = self.tr(
                    "Le serveur central ne répond pas. La liste d’appels est partagée entre "
                    "les postes du site : sans lui, aucune nouvelle entrée ne peut être prise "
                    "(un autre poste appelle peut-être la même personne). Une entrée déjà "
                    "prise par ce poste reste utilisable jusqu’à la fin de sa réservation.")
            else:
                text = self.tr("Le serveur central ne répond pas et la réservation de cette "
                               "entrée a pris fin : elle ne peut plus être traitée hors ligne.")
            self._say(text)
            return
        if isinstance(exc, NotTaken):
            self._forget_current()
            self._say(self.tr("La réservation de cette entrée a pris fin avant que l’appel soit "
                              "noté : reprenez-la (T) puis notez l’appel."))
            self.reload()
            return
        if isinstance(exc, LookupError):  # UnknownEntry: merged into another entry
            self._forget_current()
            self._say(self.tr("Cette entrée n’existe plus sur ce poste (fusionnée avec une "
                              "autre) : la liste est relue."))
            self.reload()
            return
        self._say(self.tr("L’opération n’a pas abouti : %1").replace(
            "%1", str(exc) or type(exc).__name__))

    # ------------------------------------------------------------------ slots

    def _on_escape_activated(self) -> None:
        if self._current is not None and self._holding():
            self.release()
        elif self._current is not None:
            self._forget_current()
            self._say("")
        else:
            self.close_requested.emit()

    def _on_callback_dialog_finished(self, _result: int) -> None:
        if self.callback_dialog is not None:
            self.callback_dialog.deleteLater()
        self.callback_dialog = None

    def _on_done_check_toggled(self, _checked: bool) -> None:
        self.reload()

    def _on_table_current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        if self._current is None:
            self.detail.setHtml(detail_html(self.selected_entry(), self._clock()))
        self._update_buttons()

    def _on_reload_timer_timeout(self) -> None:
        if not self._busy and self.isVisible():  # not while a dossier is open over it
            self.reload()


# --------------------------------------------------------------------------- wiring


class SessionClaimer:
    """Claims through the central store (:class:`app.sync.calls.CallSync`) with this
    workstation's session: a client for each claim, with few retries (the agent waits)."""

    def __init__(self, store: Any, server: Callable[[], str], token: Callable[[], str | None],
                 http_factory: Callable[[str], Any] | None = None) -> None:
        self._store = store
        self._server = server
        self._token = token
        self._http_factory = http_factory

    def _with_sync(self, work: Callable[[Any], Any]) -> Any:
        from app.sync import http as sync_http
        from app.sync.calls import CallSync
        from app.sync.client import SyncClient
        from app.sync.errors import SyncError

        token, server = self._token(), self._server()
        if not token:
            raise SyncError("no session with the central store: sign in (F5)")
        owned = self._http_factory is None
        http = sync_http.make_http_client(server) if owned else self._http_factory(server)  # type: ignore[misc]
        try:
            client = SyncClient(self._store, http, token=token, server_key=server, max_retries=1,
                                backoff=0.2)
            return work(CallSync(client))
        finally:
            if owned:
                http.close()

    def claim(self, entry_id: str, minutes: int = 20) -> dict[str, Any]:
        entry: dict[str, Any] = self._with_sync(lambda sync: sync.claim(entry_id, minutes))
        return entry

    def release(self, entry_id: str) -> dict[str, Any]:
        entry: dict[str, Any] = self._with_sync(lambda sync: sync.release(entry_id))
        return entry

    def push(self, *, retry: bool = False) -> int:
        """Send the calls just recorded now (the other workstations see them at their next
        round), without waiting for this workstation's round."""
        sent: int = self._with_sync(lambda sync: sync.push(retry=retry))
        return sent


def make_call_service(store: Any, settings: Any, sync: Any,
                      http_factory: Callable[[str], Any] | None = None) -> CallService:
    """The call list of this workstation: claims granted by the central store once the
    workstation has signed in to one (a lone workstation claims locally)."""
    claimer = None
    if settings.agent_login or sync.has_token():
        claimer = SessionClaimer(store, lambda: sync.server, sync.token, http_factory)
    return CallService(store, settings.agent_identity() or settings.agent_login,
                       claimer=claimer)


def contact_letter_renderer(store: Any) -> LetterRenderer:
    """The letter proposed after three unanswered calls (``DocumentService``)."""

    def render(entry: CallEntryView) -> Any:
        from dataclasses import asdict

        from app.document_service import DocumentService

        documents = DocumentService(store)
        render_letter = getattr(documents, "render_contact_letter", None)
        if render_letter is None:
            raise RuntimeError(QCoreApplication.translate(
                "call_list", "ce poste n’a pas encore le modèle de ce courrier"))
        data = asdict(entry)
        data["site"] = store.site_code
        return render_letter(data)

    return render
