"""Schedule a call-back at the counter, set or propose an appointment in the partner inbox.

- :class:`CallbackDialog` (« Programmer un rappel »): the day, the hour, who calls the person
  back and a note. The counter's own call-back: ``DossierService.schedule_callback``.
- :class:`AppointmentDialog` (« Rendez-vous »): a partner organisme's appointment with the
  person — new, or one of its own to change — day, hour, duration, mode (téléphone, agence,
  visio), place, what to bring, who receives, status (proposé, fixé, fait, annulé). Sent by the
  partner window to the central store (``PartnerClient.set_appointment``).

Both check what was typed before anything is sent, naming the field and what is allowed; what
the store or the service refuses is shown in the dialog the same way, and what was typed stays.
The hours typed are those of France (Europe/Paris), whatever the workstation's clock says.

Signals:
    submitted(dict): the agent confirmed values that pass the dialog's checks (the owner saves
    them, then calls :meth:`accept` or :meth:`show_error`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.forms.codes import APPOINTMENT_MODES, APPOINTMENT_STATUSES
from app.ui import wording

PARIS = ZoneInfo(wording.APPOINTMENT_TZ_NAME)
# Bounds of what is typed (the records' own checks: app/forms/records.py).
NOTE_MAX = 500
BY_MAX = 100
PLACE_MAX = 200
BRING_MAX = 500
DURATION_MIN, DURATION_MAX, DURATION_DEFAULT = 5, 480, 30
DEFAULT_HOUR = time(10, 0)


def _now() -> datetime:
    return datetime.now(PARIS)


def holiday_name(day: date) -> str:
    """The French public holiday on ``day`` in the interface language ('' when none): the
    calendar of ``app.forms.workdays`` (metropolitan France)."""
    import holidays

    from app.forms import workdays

    if not workdays.is_holiday(day):
        return ""
    language = "en_US" if QLocale().language() == QLocale.Language.English else "fr"
    return str(holidays.country_holidays("FR", years=day.year, language=language).get(day) or "")


def next_working_day(after: date) -> date:
    """The first working day after ``after`` (weekends and French public holidays skipped)."""
    from app.forms import workdays

    return workdays.add_working_days(after, 1)


def day_notice(day: date) -> str:
    """« Attention : le 11/11/2026 est un jour férié (Armistice). » for a day the offices are
    closed, else ''."""
    shown = day.strftime(wording.DATE_FORMAT)
    holiday = holiday_name(day)
    if holiday:
        return (
            QCoreApplication.translate(
                "AppointmentDialog", "Attention : le %1 est un jour férié (%2)."
            )
            .replace("%1", shown)
            .replace("%2", holiday)
        )
    if day.weekday() >= 5:
        name = (
            QCoreApplication.translate("AppointmentDialog", "samedi")
            if day.weekday() == 5
            else QCoreApplication.translate("AppointmentDialog", "dimanche")
        )
        return (
            QCoreApplication.translate("AppointmentDialog", "Attention : le %1 est un %2.")
            .replace("%1", shown)
            .replace("%2", name)
        )
    return ""


def show_as_error(label: QLabel, name: str, accessible: str) -> None:
    """Make ``label`` a dialog's error line: red, bold, wrapped, hidden until a refusal."""
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet("QLabel { color: #b3261e; font-weight: bold; }")
    label.setAccessibleName(accessible)
    label.setVisible(False)


def confirm_buttons(dialog: QDialog, confirm: str, name: str, cancel_text: str,
                    cancel_accessible: str) -> tuple[QDialogButtonBox, QPushButton]:
    """A dialog's « Annuler » and confirm buttons (the confirm one the default); the
    caller connects the confirm button's click, « Annuler » rejects."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, dialog)
    ok_button = buttons.addButton(confirm, QDialogButtonBox.ButtonRole.AcceptRole)
    ok_button.setObjectName(name)
    ok_button.setAccessibleName(confirm.replace("&", ""))
    ok_button.setDefault(True)
    cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
    cancel.setText(cancel_text)
    cancel.setAccessibleName(cancel_accessible)
    buttons.rejected.connect(dialog.reject)
    return buttons, ok_button


class _WhenDialog(QDialog):
    """The parts both dialogs share: day and hour, the error line, the buttons."""

    submitted = Signal(dict)

    def __init__(
        self,
        *,
        title: str,
        confirm: str,
        now: Callable[[], datetime] | None,
        parent: QWidget | None,
    ) -> None:
        super().__init__(parent)
        self._now = now or _now
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.layout_ = QVBoxLayout(self)
        self.header = QLabel(self)
        self.header.setObjectName("appointment_header")
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.header.setWordWrap(True)
        self.layout_.addWidget(self.header)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.layout_.addLayout(self.form)

        self.date_edit = QDateEdit(self)
        self.date_edit.setObjectName("appointment_date")
        self.date_edit.setAccessibleName(QCoreApplication.translate("AppointmentDialog", "Date"))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.time_edit = QTimeEdit(self)
        self.time_edit.setObjectName("appointment_time")
        self.time_edit.setAccessibleName(QCoreApplication.translate("AppointmentDialog", "Heure"))
        self.time_edit.setDisplayFormat("HH:mm")
        self.day_notice = QLabel(self)
        self.day_notice.setObjectName("appointment_day_notice")
        self.day_notice.setWordWrap(True)
        self.day_notice.setStyleSheet("QLabel { color: #8a4b00; }")
        self.day_notice.setVisible(False)

        self.error_label = QLabel(self)
        show_as_error(self.error_label, "appointment_error",
                      QCoreApplication.translate("AppointmentDialog", "Erreur"))
        self.buttons, self.ok_button = confirm_buttons(
            self, confirm, "appointment_ok",
            QCoreApplication.translate("AppointmentDialog", "&Annuler"),
            QCoreApplication.translate("AppointmentDialog", "Annuler sans rien enregistrer"))
        self.ok_button.clicked.connect(self._on_ok_clicked)
        self.date_edit.dateChanged.connect(self._on_date_changed)

    def _finish_layout(self) -> None:
        self.layout_.addWidget(self.error_label)
        self.layout_.addWidget(self.buttons)
        char = self.fontMetrics().averageCharWidth()
        self.setMinimumWidth(char * 80)

    # ------------------------------------------------------------------ values

    def set_moment(self, moment: datetime) -> None:
        local = moment.astimezone(PARIS)
        self.date_edit.setDate(QDate(local.year, local.month, local.day))
        self.time_edit.setTime(QTime(local.hour, local.minute))

    def moment(self) -> datetime:
        """The day and hour typed, in Europe/Paris."""
        d, t = self.date_edit.date(), self.time_edit.time()
        return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=PARIS)

    def day(self) -> date:
        d = self.date_edit.date()
        return date(d.year(), d.month(), d.day())

    def values(self) -> dict[str, Any]:
        raise NotImplementedError

    def problem(self) -> str:
        """What is wrong with the values, naming the field ('' when they can be saved)."""
        raise NotImplementedError

    # ------------------------------------------------------------------ state

    def show_error(self, text: str) -> None:
        """A refusal (of the dialog, the service or the store) under the fields; the values
        typed stay."""
        self.set_busy(False)
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def set_busy(self, busy: bool) -> None:
        self.ok_button.setEnabled(not busy)
        if busy:
            self.error_label.setVisible(False)

    def _on_ok_clicked(self) -> None:
        problem = self.problem()
        if problem:
            self.show_error(problem)
            return
        self.show_error("")
        self.set_busy(True)
        self.submitted.emit(self.values())

    def _on_date_changed(self, _value: QDate) -> None:
        notice = day_notice(self.day())
        self.day_notice.setText(notice)
        self.day_notice.setVisible(bool(notice))

    def _past_problem(self) -> str:
        now = self._now()
        if self.moment() <= now:
            return QCoreApplication.translate(
                "AppointmentDialog", "Date et heure : choisissez un moment à venir (après le %1)."
            ).replace("%1", wording.appointment_when(now))
        return ""

    @staticmethod
    def _length_problem(label: str, text: str, limit: int) -> str:
        if len(text) <= limit:
            return ""
        return (
            QCoreApplication.translate(
                "AppointmentDialog", "%1 : %2 caractères au plus (%3 saisis)."
            )
            .replace("%1", label)
            .replace("%2", wording.grouped(limit))
            .replace("%3", wording.grouped(len(text)))
        )


def _plain_edit(parent: QWidget, name: str, accessible: str, lines: int) -> QPlainTextEdit:
    edit = QPlainTextEdit(parent)
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().height() * lines + 12)
    return edit


class CallbackDialog(_WhenDialog):
    """« Programmer un rappel »: when the counter calls the person back, who calls, a note."""

    def __init__(
        self,
        *,
        person: str = "",
        telephone: str = "",
        by: str = "",
        now: Callable[[], datetime] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            title=self.tr("Programmer un rappel"),
            confirm=self.tr("&Programmer le rappel"),
            now=now,
            parent=parent,
        )
        self.setObjectName("callback_dialog")
        header = person
        if telephone:
            header = (
                self.tr("%1 — téléphone : %2").replace("%1", person).replace("%2", telephone)
                if person
                else telephone
            )
        self.header.setText(header)
        self.header.setVisible(bool(header))
        self.form.addRow(self.tr("&Date :"), self.date_edit)
        self.form.addRow("", self.day_notice)
        self.form.addRow(self.tr("&Heure :"), self.time_edit)
        self.by_edit = QLineEdit(by, self)
        self.by_edit.setObjectName("callback_by")
        self.by_edit.setAccessibleName(self.tr("Qui rappelle"))
        self.by_edit.setMaxLength(BY_MAX)
        self.form.addRow(self.tr("&Qui rappelle :"), self.by_edit)
        self.note_edit = _plain_edit(self, "callback_note", self.tr("Note"), 3)
        self.note_edit.setPlaceholderText(self.tr("Ce que la personne attend de l’appel"))
        self.form.addRow(self.tr("&Note :"), self.note_edit)
        self._finish_layout()
        start = self._now().astimezone(PARIS)
        self.set_moment(
            datetime.combine(next_working_day(start.date()), DEFAULT_HOUR, tzinfo=PARIS)
        )
        self._on_date_changed(self.date_edit.date())
        self.date_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def values(self) -> dict[str, Any]:
        return {
            "at": self.moment(),
            "by": self.by_edit.text().strip(),
            "note": self.note_edit.toPlainText().strip(),
        }

    def problem(self) -> str:
        values = self.values()
        if not values["by"]:
            return self.tr("Qui rappelle : indiquez l’agent qui rappellera la personne.")
        return self._past_problem() or self._length_problem(
            self.tr("Note"), values["note"], NOTE_MAX
        )


class AppointmentDialog(_WhenDialog):
    """A partner's appointment with the person: a new one, or one of its own ``existing``
    appointments (the agent picks it at the top) to move, confirm, mark done or call off."""

    def __init__(
        self,
        *,
        organisme: str,
        person: str = "",
        existing: Sequence[Mapping[str, Any]] = (),
        by: str = "",
        now: Callable[[], datetime] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            title=self.tr("Rendez-vous avec la personne"),
            confirm=self.tr("&Enregistrer le rendez-vous"),
            now=now,
            parent=parent,
        )
        self.setObjectName("appointment_dialog")
        self.organisme = organisme
        self._existing = [
            dict(a) for a in existing if a.get("kind", "rendez_vous") == "rendez_vous"
        ]
        self._default_by = by
        header = (
            self.tr("Rendez-vous %1 avec %2")
            .replace("%1", wording.organisme_label(organisme))
            .replace("%2", person)
            if person
            else self.tr("Rendez-vous %1").replace("%1", wording.organisme_label(organisme))
        )
        self.header.setText(header)

        self.which_combo = QComboBox(self)
        self.which_combo.setObjectName("appointment_which")
        self.which_combo.setAccessibleName(self.tr("Rendez-vous à saisir"))
        self.which_combo.addItem(self.tr("Nouveau rendez-vous"), "")
        for item in self._existing:
            self.which_combo.addItem(
                self.tr("%1 — %2")
                .replace("%1", wording.appointment_when(item.get("at")))
                .replace("%2", wording.appointment_status_label(str(item.get("status", "")))),
                str(item.get("id", "")),
            )
        self.which_combo.setVisible(bool(self._existing))
        if self._existing:
            self.form.addRow(self.tr("&Rendez-vous :"), self.which_combo)

        self.form.addRow(self.tr("&Date :"), self.date_edit)
        self.form.addRow("", self.day_notice)
        self.form.addRow(self.tr("&Heure :"), self.time_edit)
        self.duration_spin = QSpinBox(self)
        self.duration_spin.setObjectName("appointment_duration")
        self.duration_spin.setAccessibleName(self.tr("Durée en minutes"))
        self.duration_spin.setRange(DURATION_MIN, DURATION_MAX)
        self.duration_spin.setSingleStep(5)
        self.duration_spin.setSuffix(self.tr(" min"))
        self.form.addRow(self.tr("D&urée :"), self.duration_spin)
        self.mode_combo = QComboBox(self)
        self.mode_combo.setObjectName("appointment_mode")
        self.mode_combo.setAccessibleName(self.tr("Mode du rendez-vous"))
        for mode in APPOINTMENT_MODES:
            self.mode_combo.addItem(wording.appointment_mode_label(mode), mode)
        self.form.addRow(self.tr("&Mode :"), self.mode_combo)
        self.place_edit = QLineEdit(self)
        self.place_edit.setObjectName("appointment_place")
        self.place_edit.setAccessibleName(self.tr("Lieu, numéro ou lien"))
        self.place_edit.setMaxLength(PLACE_MAX)
        self.place_label = QLabel(self.tr("&Lieu :"), self)
        self.place_label.setBuddy(self.place_edit)
        self.form.addRow(self.place_label, self.place_edit)
        self.bring_edit = _plain_edit(self, "appointment_bring", self.tr("À apporter"), 3)
        self.bring_edit.setPlaceholderText(self.tr("Pièces à apporter, une par ligne"))
        self.form.addRow(self.tr("À a&pporter :"), self.bring_edit)
        self.by_edit = QLineEdit(self)
        self.by_edit.setObjectName("appointment_by")
        self.by_edit.setAccessibleName(self.tr("Reçu par"))
        self.by_edit.setMaxLength(BY_MAX)
        self.form.addRow(self.tr("Re&çu par :"), self.by_edit)
        self.status_combo = QComboBox(self)
        self.status_combo.setObjectName("appointment_status")
        self.status_combo.setAccessibleName(self.tr("Statut du rendez-vous"))
        for status in APPOINTMENT_STATUSES:
            self.status_combo.addItem(wording.appointment_status_label(status), status)
        self.form.addRow(self.tr("&Statut :"), self.status_combo)
        self.status_hint = QLabel(self)
        self.status_hint.setObjectName("appointment_status_hint")
        self.status_hint.setWordWrap(True)
        self.form.addRow("", self.status_hint)
        self._finish_layout()

        self.which_combo.currentIndexChanged.connect(self._on_which_changed)
        self.mode_combo.currentIndexChanged.connect(self._on_mode_changed)
        self.status_combo.currentIndexChanged.connect(self._on_status_changed)
        self._fill(None)
        (self.which_combo if self._existing else self.date_edit).setFocus(
            Qt.FocusReason.OtherFocusReason
        )

    # ------------------------------------------------------------------ values

    def editing(self) -> dict[str, Any] | None:
        """The appointment being changed (None for a new one)."""
        wanted = str(self.which_combo.currentData() or "")
        return next((a for a in self._existing if str(a.get("id")) == wanted), None)

    def select_appointment(self, appointment_id: str) -> bool:
        index = self.which_combo.findData(appointment_id)
        if index < 0:
            return False
        self.which_combo.setCurrentIndex(index)
        return True

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {
            "at": self.moment().isoformat(),
            "duration": self.duration_spin.value(),
            "mode": str(self.mode_combo.currentData()),
            "place": self.place_edit.text().strip(),
            "bring": self.bring_edit.toPlainText().strip(),
            "by": self.by_edit.text().strip(),
            "status": str(self.status_combo.currentData()),
        }
        editing = self.editing()
        if editing is not None:
            values["id"] = str(editing.get("id"))
        return values

    def problem(self) -> str:
        values = self.values()
        if values["mode"] in ("agence", "visio") and not values["place"]:
            return (
                self.tr("Lieu : indiquez l’adresse de l’agence où la personne est reçue.")
                if values["mode"] == "agence"
                else self.tr("Lien : indiquez le lien de la visioconférence.")
            )
        if not values["by"]:
            return self.tr("Reçu par : indiquez qui recevra ou appellera la personne.")
        if values["status"] in ("propose", "fixe"):
            past = self._past_problem()
            if past:
                return past + " " + self.tr("Un rendez-vous passé est « Fait » ou « Annulé ».")
        return self._length_problem(self.tr("À apporter"), values["bring"], BRING_MAX)

    # ------------------------------------------------------------------ inside

    def _fill(self, item: Mapping[str, Any] | None) -> None:
        if item is None:
            start = self._now().astimezone(PARIS)
            self.set_moment(
                datetime.combine(next_working_day(start.date()), DEFAULT_HOUR, tzinfo=PARIS)
            )
            self.duration_spin.setValue(DURATION_DEFAULT)
            self.mode_combo.setCurrentIndex(0)
            self.place_edit.clear()
            self.bring_edit.clear()
            self.by_edit.setText(self._default_by)
            self.status_combo.setCurrentIndex(self.status_combo.findData("propose"))
        else:
            moment = wording.appointment_moment(item.get("at"))
            if moment is not None:
                self.set_moment(moment)
            self.duration_spin.setValue(int(item.get("duration") or DURATION_DEFAULT))
            mode = self.mode_combo.findData(str(item.get("mode", "")))
            self.mode_combo.setCurrentIndex(max(mode, 0))
            self.place_edit.setText(str(item.get("place") or ""))
            self.bring_edit.setPlainText(str(item.get("bring") or ""))
            self.by_edit.setText(str(item.get("by") or self._default_by))
            status = self.status_combo.findData(str(item.get("status", "")))
            self.status_combo.setCurrentIndex(max(status, 0))
        self._on_mode_changed(self.mode_combo.currentIndex())
        self._on_status_changed(self.status_combo.currentIndex())
        self._on_date_changed(self.date_edit.date())
        self.show_error("")

    def _on_which_changed(self, _index: int) -> None:
        self._fill(self.editing())

    def _on_mode_changed(self, _index: int) -> None:
        mode = str(self.mode_combo.currentData())
        if mode == "agence":
            self.place_label.setText(self.tr("&Lieu :"))
            self.place_edit.setPlaceholderText(self.tr("Adresse de l’agence"))
        elif mode == "visio":
            self.place_label.setText(self.tr("&Lien :"))
            self.place_edit.setPlaceholderText(self.tr("Lien de la visioconférence"))
        else:
            self.place_label.setText(self.tr("&Numéro :"))
            self.place_edit.setPlaceholderText(
                self.tr("Facultatif : le numéro d’où l’organisme appellera")
            )

    def _on_status_changed(self, _index: int) -> None:
        status = str(self.status_combo.currentData())
        self.status_hint.setText(
            {
                "propose": self.tr("Proposé : la personne doit encore le confirmer."),
                "fixe": self.tr(
                    "Fixé : convenu avec la personne ; le guichet peut imprimer la convocation."
                ),
                "fait": self.tr("Fait : le rendez-vous a eu lieu."),
                "annule": self.tr("Annulé : le rendez-vous n’aura pas lieu."),
            }.get(status, "")
        )
