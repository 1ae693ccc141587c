"""The partner's follow-up of the selected dossier: status, outcome (to close it), a note for the
counter, and « Envoyer au guichet ».

What is typed is a draft kept per dossier until it is sent: moving through the list or an
automatic refresh never loses it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from app.forms.codes import ORIENTATION_OUTCOMES, PARTNER_STATUSES
from app.sync.partner import NOTE_MAX, PartnerDossier
from app.ui import wording


@dataclass(frozen=True)
class Draft:
    """A follow-up typed but not sent yet."""

    status: str
    outcome: str | None
    note: str


EMPTY = Draft("recue", None, "")


class FollowUpForm(QGroupBox):
    """« Votre suivi »: the form of one dossier at a time, with the drafts of the others.

    The send button is connected by the window (to its « Envoyer au guichet » action).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Votre suivi"))
        self.setObjectName("partner_form")
        self.drafts: dict[str, Draft] = {}
        self._dossier: PartnerDossier | None = None
        self._populating = False

        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.status_combo = QComboBox(self)
        self.status_combo.setObjectName("partner_status")
        self.status_combo.setAccessibleName(self.tr("Statut"))
        for status in PARTNER_STATUSES:
            self.status_combo.addItem(wording.orientation_status_label(status), status)
        self.outcome_combo = QComboBox(self)
        self.outcome_combo.setObjectName("partner_outcome")
        self.outcome_combo.setAccessibleName(self.tr("Résultat"))
        self.outcome_combo.addItem(self.tr("— à choisir pour clôturer —"), None)
        for outcome in ORIENTATION_OUTCOMES:
            self.outcome_combo.addItem(wording.outcome_label(outcome), outcome)
        self.outcome_combo.setToolTip(self.tr("Seulement pour un dossier « Clôturée »"))
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setObjectName("partner_note")
        self.note_edit.setAccessibleName(self.tr("Note pour le guichet"))
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setPlaceholderText(self.tr(
            "Ce que le guichet doit savoir : rendez-vous pris, pièce manquante…"))
        self.note_edit.setMinimumHeight(self.fontMetrics().height() * 3)
        self.note_edit.setMaximumHeight(self.fontMetrics().height() * 5)
        self.note_count = QLabel("", self)
        self.note_count.setObjectName("partner_note_count")
        self.note_count.setAccessibleName(self.tr("Caractères restants"))
        self.form_error = QLabel("", self)
        self.form_error.setObjectName("partner_form_error")
        self.form_error.setAccessibleName(self.tr("Erreur dans le suivi"))
        self.form_error.setWordWrap(True)
        self.form_error.setStyleSheet("color: #b00020; font-weight: bold;")
        self.form_error.setVisible(False)
        self.send_button = QPushButton(self.tr("&Envoyer au guichet"), self)
        self.send_button.setObjectName("partner_send")
        self.send_button.setAccessibleName(self.tr("Envoyer au guichet"))
        for title, widget in ((self.tr("S&tatut :"), self.status_combo),
                              (self.tr("Ré&sultat :"), self.outcome_combo),
                              (self.tr("N&ote pour le guichet :"), self.note_edit)):
            label = QLabel(title, self)
            label.setBuddy(widget)
            form.addRow(label, widget)
        form.addRow("", self.note_count)
        form.addRow(self.form_error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.send_button)
        form.addRow(buttons)

        self.status_combo.currentIndexChanged.connect(self._on_form_changed)
        self.outcome_combo.currentIndexChanged.connect(self._on_form_changed)
        self.note_edit.textChanged.connect(self._on_form_changed)

    # ------------------------------------------------------------------ public

    def show_dossier(self, dossier: PartnerDossier | None, *, editable: bool,
                     can_send: bool) -> None:
        """The form of ``dossier``: its draft when one is being typed, else its follow-up."""
        self._dossier = dossier
        self.setEnabled(dossier is not None and editable)
        self.send_button.setEnabled(dossier is not None and can_send)
        if dossier is None:
            self.fill(EMPTY)
            return
        self.fill(self.drafts.get(dossier.id) or current(dossier))

    def fill(self, draft: Draft) -> None:
        self._populating = True
        try:
            self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(draft.status)))
            index = self.outcome_combo.findData(draft.outcome) if draft.outcome else 0
            self.outcome_combo.setCurrentIndex(max(0, index))
            if self.note_edit.toPlainText() != draft.note:
                self.note_edit.setPlainText(draft.note)
        finally:
            self._populating = False
        self._update_state()

    def values(self) -> Draft:
        status = str(self.status_combo.currentData())
        outcome = self.outcome_combo.currentData() if status == "cloturee" else None
        return Draft(status, str(outcome) if outcome else None, self.note_edit.toPlainText())

    def validate(self, draft: Draft, dossier: PartnerDossier) -> str:
        """What is wrong with the follow-up, naming the field ('' when it can be sent)."""
        if draft.status not in PARTNER_STATUSES:
            return self.tr("Statut : choisissez « Reçue », « En cours », « Contact pris » ou "
                           "« Clôturée ».")
        if draft.status == "cloturee" and draft.outcome not in ORIENTATION_OUTCOMES:
            return self.tr("Résultat : choisissez « Aide accordée », « Aide refusée » ou "
                           "« Sans suite » pour clôturer le dossier.")
        if len(draft.note) > NOTE_MAX:
            return self.tr("Note pour le guichet : %s caractères au plus (la note en compte "
                           "%s).") % (wording.grouped(NOTE_MAX), wording.grouped(len(draft.note)))
        if "\x00" in draft.note:
            return self.tr("Note pour le guichet : elle contient un caractère invisible non "
                           "autorisé ; retapez-la.")
        current = dossier.follow_up
        if (draft.status, draft.outcome, draft.note) == (current.status, current.outcome,
                                                         current.note):
            return self.tr("Rien à envoyer : le guichet a déjà ce suivi. Changez le statut ou "
                           "la note.")
        return ""

    def show_error(self, text: str) -> None:
        self.form_error.setText(text)
        self.form_error.setVisible(bool(text))

    def set_sending(self) -> None:
        self.send_button.setText(self.tr("Envoi…"))

    def set_busy(self, busy: bool, *, has_dossier: bool) -> None:
        """A request to the store is under way (or over): no second send meanwhile."""
        self.send_button.setEnabled(not busy and has_dossier)
        if not busy:
            self.send_button.setText(self.tr("&Envoyer au guichet"))

    # ------------------------------------------------------------------ slots

    def _on_form_changed(self, *_args: Any) -> None:
        self._update_state()
        if self._populating:
            return
        dossier = self._dossier
        if dossier is None:
            return
        values = self.values()
        if values == current(dossier):
            self.drafts.pop(dossier.id, None)
        else:
            self.drafts[dossier.id] = values
        if self.form_error.isVisible():
            self.show_error("")

    def _update_state(self) -> None:
        closing = self.status_combo.currentData() == "cloturee"
        self.outcome_combo.setEnabled(closing)
        left = NOTE_MAX - len(self.note_edit.toPlainText())
        grouped = wording.grouped
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


def current(dossier: PartnerDossier) -> Draft:
    """The follow-up the store holds, as the form shows it (« Reçue » before any)."""
    follow = dossier.follow_up
    status = follow.status if follow.status in PARTNER_STATUSES else "recue"
    return Draft(status, follow.outcome if status == "cloturee" else None, follow.note)
