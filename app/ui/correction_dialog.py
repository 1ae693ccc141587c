"""Correcting a dossier after the fact: its identity and profile (« Corriger l’identité… »,
Ctrl+E) or one answer of the questionnaire (« Modifier une réponse… », Ctrl+Shift+E).

Both dialogs ask for the reason of the correction (required: it goes to the dossier's history)
and, before anything is saved, show what the change does to the orientation: the aids that
appear (with the reasons the rules give) and those that disappear. Nothing is written until the
agent saves; a correction is one revision of the dossier.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.dossier_service import (
    DossierService,
    IdentityInvalid,
    OrientationChange,
    Progress,
    ReasonRequired,
)
from app.forms.questionnaire import Questionnaire
from app.ui import wording
from app.ui.identity_page import typed_date_to_iso
from app.ui.screen_fit import fit_to_screen

IDENTITY_TEXT_FIELDS = ("nom", "prenom", "nom_naissance", "date_naissance", "nir", "siret",
                        "telephone", "email", "adresse", "code_postal", "commune")
DATE_FIELDS = ("date_naissance", "debut_activite")
PREVIEW_DELAY_MS = 250


def effect_html(change: OrientationChange | None, questionnaire: Questionnaire) -> str:
    """What a correction does to the orientation, in words for the agent."""
    if change is None:
        return QCoreApplication.translate(
            "CorrectionEffect",
            "L’effet sur l’orientation sera affiché quand les valeurs saisies seront valides.")
    if not change.changed:
        return QCoreApplication.translate(
            "CorrectionEffect",
            "Aucune aide n’apparaît ni ne disparaît : l’orientation ne change pas.")
    lines = []
    for aid in change.appeared:
        reasons = ", ".join(wording.reason_label(questionnaire, r) for r in aid.reasons)
        line = QCoreApplication.translate("CorrectionEffect", "<b>Apparaît :</b> %1")
        line = line.replace("%1", escape(aid.title))
        if reasons:
            because = QCoreApplication.translate("CorrectionEffect", "parce que %1")
            line += " — " + because.replace("%1", escape(reasons))
        lines.append(line)
    for aid in change.disappeared:
        line = QCoreApplication.translate("CorrectionEffect", "<b>Disparaît :</b> %1")
        lines.append(line.replace("%1", escape(aid.title)))
    if change.before.urgent != change.after.urgent:
        if change.after.urgent:
            lines.append(QCoreApplication.translate(
                "CorrectionEffect", "<b>Le dossier devient urgent.</b>"))
        else:
            lines.append(QCoreApplication.translate(
                "CorrectionEffect", "<b>Le dossier n’est plus urgent.</b>"))
    return "<br>".join(lines)


def _display_date(value: object) -> str:
    text = str(value or "")
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        return f"{text[8:10]}/{text[5:7]}/{text[0:4]}"
    return text


class _CorrectionDialog(QDialog):
    """The parts both corrections share: the reason, the effect, the buttons. Its strings are
    in the « CorrectionDialog » context whichever dialog shows them (``self.tr`` here would look
    them up under the subclass's name).

    Signals:
        saved(str): the correction is recorded (the dossier's id).
    """

    saved = Signal(str)

    def __init__(self, service: DossierService, dossier_id: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.service = service
        self.dossier_id = dossier_id
        self.record = service.record(dossier_id)
        self.questionnaire = service.questionnaire_of(self.record)
        self.layout_ = QVBoxLayout(self)
        identity = self.record.get("identity", {})
        self.header = QLabel(
            f"{escape(str(self.record.get('number', '')))} — "
            f"<b>{escape(str(identity.get('nom', '')))} {escape(str(identity.get('prenom', '')))}"
            "</b>", self)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.layout_.addWidget(self.header)

        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("correction_reason")
        self.reason_edit.setMaxLength(300)
        self.effect_box = QGroupBox(self)
        self.effect_label = QLabel(self.effect_box)
        self.effect_label.setObjectName("correction_effect")
        self.effect_label.setWordWrap(True)
        self.effect_label.setTextFormat(Qt.TextFormat.RichText)
        QVBoxLayout(self.effect_box).addWidget(self.effect_label)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("correction_message")
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("color: #a40000; font-weight: bold;")
        self.message_label.setVisible(False)
        self.buttons = QDialogButtonBox(self)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("correction_save")
        self.save_button.setDefault(True)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.buttons.rejected.connect(self.reject)

        self.preview_timer = QTimer(self)
        self.preview_timer.setSingleShot(True)
        self.preview_timer.setInterval(PREVIEW_DELAY_MS)
        self.preview_timer.timeout.connect(self.update_effect)

    def _finish_layout(self, reason_title: str, save_text: str) -> None:
        form = QFormLayout()
        label = QLabel(reason_title, self)
        label.setBuddy(self.reason_edit)
        form.addRow(label, self.reason_edit)
        self.reason_edit.setAccessibleName(reason_title.replace("&", "").rstrip(" :"))
        self.reason_edit.setPlaceholderText(
            QCoreApplication.translate("CorrectionDialog", "obligatoire, ex. nouveau numéro"))
        self.layout_.addLayout(form)
        effect = QCoreApplication.translate("CorrectionDialog", "Effet sur l’orientation")
        self.effect_box.setTitle(effect)
        self.effect_box.setAccessibleName(effect)
        self.effect_label.setAccessibleName(
            QCoreApplication.translate("CorrectionDialog",
                                       "Aides qui apparaissent ou disparaissent"))
        self.layout_.addWidget(self.effect_box)
        self.message_label.setAccessibleName(
            QCoreApplication.translate("CorrectionDialog", "Message"))
        self.layout_.addWidget(self.message_label)
        self.layout_.addWidget(self.buttons)
        self.save_button.setText(save_text)
        self.save_button.setAccessibleName(save_text.replace("&", ""))
        self.cancel_button.setAccessibleName(
            QCoreApplication.translate("CorrectionDialog", "Annuler"))
        fm = self.fontMetrics()
        fit_to_screen(self, fm.averageCharWidth() * 90, fm.height() * 40)
        self.update_effect()

    # ------------------------------------------------------------------ to override

    def pending(self) -> dict[str, Any]:
        """The correction as keyword arguments of ``DossierService.preview``."""
        raise NotImplementedError

    def _save(self, reason: str) -> bool:
        raise NotImplementedError

    # ------------------------------------------------------------------ shared

    def schedule_effect(self) -> None:
        self.preview_timer.start()

    def update_effect(self) -> None:
        try:
            change: OrientationChange | None = self.service.preview(self.dossier_id,
                                                                    **self.pending())
        except (ValueError, TypeError):
            change = None
        self.effect_label.setText(effect_html(change, self.questionnaire))

    def show_message(self, text: str) -> None:
        self.message_label.setText(f"⚠ {text}" if text else "")
        self.message_label.setVisible(bool(text))

    def _on_save_button_clicked(self) -> None:
        reason = self.reason_edit.text().strip()
        if not reason:
            self.show_message(QCoreApplication.translate(
                "CorrectionDialog", "Indiquez le motif de la correction : il est gardé dans "
                "l’historique du dossier."))
            self.reason_edit.setFocus()
            return
        try:
            done = self._save(reason)
        except ReasonRequired:
            self.reason_edit.setFocus()
            return
        if done:
            self.saved.emit(self.dossier_id)
            self.accept()


class CorrectionDialog(_CorrectionDialog):
    """« Corriger l’identité » : identity, contact details and profile of an existing dossier,
    prefilled, with the reason and the effect on the orientation before saving.

    Signals:
        saved(str): the correction is recorded (the dossier's id).
    """

    def __init__(self, service: DossierService, dossier_id: str, parent: QWidget | None = None,
                 *, today: Callable[[], date] = date.today) -> None:
        super().__init__(service, dossier_id, parent)
        self._today = today
        self.setObjectName("correction_dialog")
        self.setWindowTitle(self.tr("Corriger l’identité"))
        self.setAccessibleName(self.tr("Corriger l’identité, les coordonnées ou l’activité"))
        identity: Mapping[str, Any] = self.record.get("identity", {})
        profile: Mapping[str, Any] = self.record.get("profile", {})
        self.original: dict[str, Any] = {}
        self.edits: dict[str, QLineEdit] = {}

        inner = QWidget(self)
        form = QFormLayout(inner)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        def line(name: str, value: object) -> None:
            edit = QLineEdit(inner)
            edit.setObjectName(name)
            edit.setAccessibleName(wording.field_label(name))
            edit.setText(_display_date(value) if name in DATE_FIELDS else str(value or ""))
            if name in DATE_FIELDS:
                edit.setPlaceholderText(self.tr("JJ/MM/AAAA"))
            edit.textEdited.connect(self.schedule_effect)
            self.original[name] = "" if value is None else str(value)
            self.edits[name] = edit
            label = QLabel(wording.field_label(name), inner)
            label.setBuddy(edit)
            form.addRow(label, edit)

        for name in IDENTITY_TEXT_FIELDS:
            line(name, identity.get(name))
        self.statut_combo = QComboBox(inner)
        self.statut_combo.setObjectName("statut")
        self.statut_combo.addItem(wording.not_filled_label(), None)
        for value in self.questionnaire.profile_field("statut").values:
            self.statut_combo.addItem(value.label, value.code)
        self.statut_combo.setCurrentIndex(max(0, self.statut_combo.findData(profile.get("statut"))))
        self.statut_combo.setAccessibleName(wording.field_label("statut"))
        self.statut_combo.currentIndexChanged.connect(self.schedule_effect)
        form.addRow(wording.field_label("statut"), self.statut_combo)
        line("debut_activite", profile.get("debut_activite"))
        self.foyer_spin = QSpinBox(inner)
        self.foyer_spin.setObjectName("foyer")
        self.foyer_spin.setRange(0, 20)
        self.foyer_spin.setSpecialValueText(wording.not_filled_label())
        self.foyer_spin.setValue(int(profile.get("foyer") or 0))
        self.foyer_spin.setAccessibleName(wording.field_label("foyer"))
        self.foyer_spin.valueChanged.connect(self.schedule_effect)
        form.addRow(wording.field_label("foyer"), self.foyer_spin)
        self.principale_combo = QComboBox(inner)
        self.principale_combo.setObjectName("activite_principale")
        self.principale_combo.addItem(wording.not_filled_label(), None)
        self.principale_combo.addItem(self.tr("Oui"), True)
        self.principale_combo.addItem(self.tr("Non"), False)
        current = profile.get("activite_principale")
        self.principale_combo.setCurrentIndex(0 if current is None else 1 if current else 2)
        self.principale_combo.setAccessibleName(wording.field_label("activite_principale"))
        self.principale_combo.currentIndexChanged.connect(self.schedule_effect)
        form.addRow(wording.field_label("activite_principale"), self.principale_combo)
        line("departement", profile.get("departement"))
        self._profile_original = {k: profile.get(k) for k in
                                  ("statut", "foyer", "activite_principale")}

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        scroll.setAccessibleName(self.tr("Identité, coordonnées et activité"))
        self.layout_.addWidget(scroll, 1)
        self._finish_layout(self.tr("&Motif de la correction :"),
                            self.tr("&Enregistrer la correction"))
        self.edits["telephone"].setFocus()

    def _text(self, name: str) -> str:
        text = self.edits[name].text().strip()
        return typed_date_to_iso(text) if name in DATE_FIELDS else text

    def changes(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """(identity, profile): only the fields the agent changed ("" or None: cleared)."""
        identity = {name: self._text(name) for name in IDENTITY_TEXT_FIELDS
                    if self._text(name) != self.original[name]}
        profile: dict[str, Any] = {}
        for name in ("debut_activite", "departement"):
            value = self._text(name)
            if name == "departement":
                value = value.upper()
            if value != self.original[name]:
                profile[name] = value or None
        values = {"statut": self.statut_combo.currentData(),
                  "foyer": self.foyer_spin.value() or None,
                  "activite_principale": self.principale_combo.currentData()}
        for name, value in values.items():
            if value != self._profile_original[name]:
                profile[name] = value
        return identity, profile

    def pending(self) -> dict[str, Any]:
        identity, profile = self.changes()
        return {"identity": identity, "profile": profile}

    def _save(self, reason: str) -> bool:
        identity, profile = self.changes()
        if not identity and not profile:
            self.show_message(self.tr("Aucune modification à enregistrer."))
            return False
        try:
            self.service.correct(self.dossier_id, identity=identity, profile=profile,
                                 reason=reason, today=self._today())
        except IdentityInvalid as exc:
            messages = [wording.labelled(wording.field_label(i.field),
                                         wording.issue_message(i.field, i.code))
                        for i in exc.issues]
            self.show_message(" ".join(messages))
            first = next((i.field for i in exc.issues if i.field in self.edits), None)
            if first:
                self.edits[first].setFocus()
            return False
        except ValueError as exc:
            self.show_message(str(exc))
            return False
        return True


class AnswerDialog(_CorrectionDialog):
    """« Modifier une réponse » : one answer of the questionnaire changed, with its reason and
    the effect on the orientation before saving.

    Signals:
        saved(str): the new answer is recorded (the dossier's id).
    """

    def __init__(self, service: DossierService, dossier_id: str, parent: QWidget | None = None,
                 *, question_id: str | None = None, answer: str | None = None) -> None:
        super().__init__(service, dossier_id, parent)
        self.progress: Progress | None = None  # where the questionnaire stands once saved
        self.setObjectName("answer_dialog")
        self.setWindowTitle(self.tr("Modifier une réponse"))
        self.setAccessibleName(self.tr("Modifier une réponse au questionnaire"))
        self.answers: dict[str, str] = dict(self.record.get("answers", {}))
        form = QFormLayout()
        self.question_combo = QComboBox(self)
        self.question_combo.setObjectName("answer_question")
        for question in self.questionnaire.questions:
            self.question_combo.addItem(
                f"{question.id} — {question.theme} : {question.text}", question.id)
        self.question_combo.setAccessibleName(self.tr("Question"))
        # Sized to a part of the text, not to the longest question (too wide for a 1366 px
        # screen at a 150 % text size); the list opened shows the questions in full.
        self.question_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.question_combo.setMinimumContentsLength(40)
        label = QLabel(self.tr("&Question :"), self)
        label.setBuddy(self.question_combo)
        form.addRow(label, self.question_combo)
        self.current_label = QLabel(self)
        self.current_label.setObjectName("answer_current")
        self.current_label.setWordWrap(True)
        self.current_label.setAccessibleName(self.tr("Réponse enregistrée"))
        form.addRow(self.tr("Réponse enregistrée :"), self.current_label)
        self.answer_combo = QComboBox(self)
        self.answer_combo.setObjectName("answer_new")
        self.answer_combo.setAccessibleName(self.tr("Nouvelle réponse"))
        label = QLabel(self.tr("&Nouvelle réponse :"), self)
        label.setBuddy(self.answer_combo)
        form.addRow(label, self.answer_combo)
        self.layout_.addLayout(form)
        self.question_combo.currentIndexChanged.connect(self._on_question_combo_changed)
        self.answer_combo.currentIndexChanged.connect(self.schedule_effect)
        start = question_id or next(
            (q.id for q in self.questionnaire.questions if q.id in self.answers),
            self.questionnaire.questions[0].id)
        self.question_combo.setCurrentIndex(max(0, self.question_combo.findData(start)))
        self._on_question_combo_changed(self.question_combo.currentIndex())
        self._finish_layout(self.tr("&Motif du changement :"),
                            self.tr("&Enregistrer la réponse"))
        chosen = self.answer_combo.findData(answer) if answer is not None else -1
        if chosen >= 0:  # the new answer was already picked (in the questionnaire): the reason
            self.answer_combo.setCurrentIndex(chosen)
            self.update_effect()
            self.reason_edit.setFocus()
        else:
            self.question_combo.setFocus()

    def question_id(self) -> str:
        return str(self.question_combo.currentData())

    def _on_question_combo_changed(self, _index: int) -> None:
        question = self.questionnaire.question(self.question_id())
        saved = self.answers.get(question.id)
        choices = [(c.code, c.label) for c in question.answers]
        if self.questionnaire.nsp.code not in {code for code, _ in choices}:
            choices.append((self.questionnaire.nsp.code, self.questionnaire.nsp.label))
        self.answer_combo.blockSignals(True)
        self.answer_combo.clear()
        for code, text in choices:
            self.answer_combo.addItem(text, code)
        self.answer_combo.setCurrentIndex(max(0, self.answer_combo.findData(saved)))
        self.answer_combo.blockSignals(False)
        label = dict(choices).get(saved or "", "")
        self.current_label.setText(label or self.tr("Pas encore de réponse"))
        self.schedule_effect()

    def pending(self) -> dict[str, Any]:
        code = self.answer_combo.currentData()
        if code is None or code == self.answers.get(self.question_id()):
            return {}
        return {"answers": {self.question_id(): str(code)}}

    def _save(self, reason: str) -> bool:
        code = self.answer_combo.currentData()
        if code is None or code == self.answers.get(self.question_id()):
            self.show_message(self.tr("La réponse n’a pas changé."))
            return False
        self.progress = self.service.revise_answer(self.dossier_id, self.question_id(),
                                                   str(code), reason=reason)
        return True
