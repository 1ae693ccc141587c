"""The identity page: who the worker is, how they reached us, and their TI profile.

Every field is checked live with :mod:`app.forms.identity` (when the agent leaves it or pauses
typing); the message sits right under the field and is also its accessible description, so a
screen reader announces it. Before creating a dossier the same person is looked for (same NIR,
same SIRET, or same name and birth date) and the agent chooses between the existing dossier and
a new one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.dossier_service import DossierService, DuplicateCandidate, IdentityInvalid
from app.forms.evaluation import DEPARTEMENT_RE
from app.forms.identity import IDENTITY_FIELDS, IssueCode, check_field
from app.forms.questionnaire import CURRENT_VERSION, load_questionnaire
from app.ui import wording

CHANNELS = ("accueil", "telephone", "traitement_dossier")
TEXT_FIELDS = ("nom", "prenom", "nom_naissance", "date_naissance", "nir", "siret", "telephone",
               "email", "adresse", "code_postal", "commune")
DATE_FIELDS = ("date_naissance", "debut_activite")
PAUSE_MS = 700  # typing pause after which the field is checked

_DMY_RE = re.compile(r"^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4})$")
_DMY_COMPACT_RE = re.compile(r"^(\d{2})(\d{2})(\d{4})$")


def typed_date_to_iso(text: str) -> str:
    """``12/03/1970``, ``12031970`` or ``1970-03-12`` → ``1970-03-12``; anything else unchanged
    (the check then says the date is not valid); empty stays empty."""
    text = text.strip()
    match = _DMY_RE.match(text) or _DMY_COMPACT_RE.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            return text
    return text


def departement_of_postal_code(code: str) -> str | None:
    """The département of a French postal code, when it can be told from the code alone."""
    code = code.strip()
    if not re.fullmatch(r"\d{5}", code):
        return None
    if code.startswith("20"):
        return "2A" if int(code) < 20200 else "2B"
    if code.startswith("97"):
        candidate = code[:3]
    else:
        candidate = code[:2]
    return candidate if DEPARTEMENT_RE.match(candidate) else None


class DuplicateDialog(QDialog):
    """« This person may already have a dossier »: open one of them (default) or create anyway.

    Signals:
        open_requested(str): the agent chose to open this existing dossier (its id).
        create_requested(): the agent chose to create a new dossier anyway.
    """

    open_requested = Signal(str)
    create_requested = Signal()

    def __init__(self, candidates: list[DuplicateCandidate], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Dossier existant"))
        self.setAccessibleName(self.tr("Dossier existant pour cette personne"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Cette personne a peut-être déjà un dossier. Que voulez-vous "
                               "faire ?"), self)
        intro.setWordWrap(True)
        intro.setAccessibleName(intro.text())
        layout.addWidget(intro)
        self.open_buttons: list[QPushButton] = []
        for candidate in candidates:
            text = self.tr("Ouvrir le dossier existant %1 (%2 %3, %4)").replace(
                "%1", candidate.number).replace("%2", candidate.nom).replace(
                "%3", candidate.prenom).replace("%4", wording.status_label(candidate.status))
            button = QPushButton(text, self)
            button.setAccessibleName(text)
            button.setToolTip(self.tr("Trouvé par : %1").replace(
                "%1", wording.duplicate_reason_label(candidate.reason)))
            reason = QLabel(self.tr("Trouvé par : %1").replace(
                "%1", wording.duplicate_reason_label(candidate.reason)), self)
            reason.setAccessibleName(reason.text())
            button.clicked.connect(
                lambda _checked=False, ref=candidate.id: self._on_open_clicked(ref))
            layout.addWidget(button)
            layout.addWidget(reason)
            self.open_buttons.append(button)
        self.create_button = QPushButton(self.tr("Créer quand même un nouveau dossier"), self)
        self.create_button.setAccessibleName(self.create_button.text())
        self.create_button.clicked.connect(self._on_create_button_clicked)
        self.cancel_button = QPushButton(self.tr("Revenir à la saisie (Échap)"), self)
        self.cancel_button.setAccessibleName(self.tr("Revenir à la saisie"))
        self.cancel_button.clicked.connect(self.reject)
        layout.addWidget(self.create_button)
        layout.addWidget(self.cancel_button)
        if self.open_buttons:
            self.open_buttons[0].setDefault(True)
            self.open_buttons[0].setFocus()

    def _on_open_clicked(self, ref: str) -> None:
        self.accept()
        self.open_requested.emit(ref)

    def _on_create_button_clicked(self) -> None:
        self.accept()
        self.create_requested.emit()


class _Field:
    """One input with its message label below it."""

    def __init__(self, name: str, widget: QWidget, message: QLabel) -> None:
        self.name = name
        self.widget = widget
        self.message = message


class IdentityPage(QWidget):
    """Identity and profile form, with live checks and duplicate detection.

    Signals:
        created(str): a new dossier was created (its id).
        open_requested(str): the agent chose an existing dossier of this person (its id).
    """

    created = Signal(str)
    open_requested = Signal(str)

    def __init__(self, service: DossierService, parent: QWidget | None = None,
                 *, today: Callable[[], date] = date.today) -> None:
        super().__init__(parent)
        self._service = service
        self._today = today
        self._departement_touched = False
        self._fields: dict[str, _Field] = {}
        self.duplicate_dialog: DuplicateDialog | None = None
        self.setAccessibleName(self.tr("Identité de la personne"))
        questionnaire = load_questionnaire(CURRENT_VERSION)

        self.channel_combo = QComboBox(self)
        for code in CHANNELS:
            self.channel_combo.addItem(wording.channel_label(code), code)
        self.channel_combo.setAccessibleName(self.tr("Canal de contact"))

        identity_box = QGroupBox(self.tr("Identité"), self)
        identity_form = self._form(identity_box)
        contact_box = QGroupBox(self.tr("Coordonnées"), self)
        contact_form = self._form(contact_box)
        profile_box = QGroupBox(self.tr("Activité indépendante"), self)
        profile_form = self._form(profile_box)

        identity_form.addRow(self._label(self.tr("&Canal"), self.channel_combo),
                             self.channel_combo)
        hints = {
            "date_naissance": self.tr("JJ/MM/AAAA"),
            "nir": self.tr("15 caractères, clé comprise"),
            "siret": self.tr("14 chiffres"),
            "telephone": self.tr("06 12 34 56 78"),
            "email": self.tr("nom@exemple.fr"),
        }
        mnemonics = {"nom": self.tr("&Nom"), "prenom": self.tr("&Prénom"),
                     "date_naissance": self.tr("&Date de naissance")}
        for name in ("nom", "prenom", "nom_naissance", "date_naissance", "nir"):
            self._add_line(identity_form, name, hints.get(name), mnemonics.get(name))
        for name in ("telephone", "email", "adresse", "code_postal", "commune"):
            self._add_line(contact_form, name, hints.get(name))
        self._add_line(profile_form, "siret", hints.get("siret"))

        self.statut_combo = QComboBox(self)
        self.statut_combo.addItem(self.tr("Non renseigné"), None)
        for value in questionnaire.profile_field("statut").values:
            self.statut_combo.addItem(value.label, value.code)
        self.statut_combo.setAccessibleName(wording.field_label("statut"))
        self._add_widget(profile_form, "statut", self.statut_combo)
        self._add_line(profile_form, "debut_activite", self.tr("JJ/MM/AAAA"))
        self.foyer_spin = QSpinBox(self)
        self.foyer_spin.setRange(1, 20)
        self.foyer_spin.setValue(1)
        self.foyer_spin.setAccessibleName(wording.field_label("foyer"))
        self._add_widget(profile_form, "foyer", self.foyer_spin)
        # A yes/no the agent must answer: an unticked box could not tell « non » from « not
        # asked », and the CPSTI aids depend on it.
        self.principale_combo = QComboBox(self)
        self.principale_combo.addItem(self.tr("— à demander —"), None)
        self.principale_combo.addItem(self.tr("Oui"), True)
        self.principale_combo.addItem(self.tr("Non"), False)
        self.principale_combo.setAccessibleName(wording.field_label("activite_principale"))
        self.principale_combo.setAccessibleDescription(
            self.tr("Obligatoire : oui ou non (touches O et N)"))
        self._add_widget(profile_form, "activite_principale", self.principale_combo,
                         self.tr("Activité &principale ?"))
        self.principale_combo.currentIndexChanged.connect(
            self._on_principale_combo_current_index_changed)
        self._add_line(contact_form, "departement", self.tr("ex. 35, 2A, 974"))
        self.edit("departement").setMaxLength(3)

        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName(self.tr("État de la saisie"))
        self.create_button = QPushButton(self.tr("C&réer le dossier (Ctrl+Entrée)"), self)
        self.create_button.setAccessibleName(self.tr("Créer le dossier"))
        self.create_button.clicked.connect(self._on_create_button_clicked)

        columns = QGridLayout()
        columns.addWidget(identity_box, 0, 0)
        columns.addWidget(profile_box, 1, 0)
        columns.addWidget(contact_box, 0, 1, 2, 1)
        columns.setColumnStretch(0, 1)
        columns.setColumnStretch(1, 1)
        columns.setRowStretch(2, 1)
        inner = QWidget(self)
        inner.setLayout(columns)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        scroll.setAccessibleName(self.tr("Formulaire d’identité"))

        help_line = QLabel(self.tr("Tab : champ suivant · Entrée dans le dernier champ ou "
                                   "Ctrl+Entrée : créer le dossier · Échap : quitter"), self)
        help_line.setWordWrap(True)
        help_line.setAccessibleName(help_line.text())
        bottom = QHBoxLayout()
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(self.create_button)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(bottom)
        layout.addWidget(help_line)

        # Tab order follows the reading order: identity, activity, then contact details.
        order: list[QWidget] = [self.channel_combo] + [
            self.edit(n) for n in ("nom", "prenom", "nom_naissance", "date_naissance", "nir",
                                   "siret")]
        order += [self.statut_combo, self.edit("debut_activite"), self.foyer_spin,
                  self.principale_combo]
        order += [self.edit(n) for n in ("telephone", "email", "adresse", "code_postal",
                                         "commune", "departement")]
        order.append(self.create_button)
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self.edit("departement").returnPressed.connect(self._on_departement_return_pressed)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self._on_create_button_clicked)

    # ------------------------------------------------------------------ building

    def _form(self, box: QGroupBox) -> QFormLayout:
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        box.setAccessibleName(box.title())
        return form

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        label.setAccessibleName(text.replace("&", ""))
        return label

    def _message_label(self, name: str) -> QLabel:
        message = QLabel(self)
        message.setObjectName(f"message_{name}")
        message.setWordWrap(True)
        message.setAccessibleName(self.tr("Message pour %1").replace(
            "%1", wording.field_label(name)))
        message.setStyleSheet("color: #a40000; font-weight: bold;")
        message.setVisible(False)
        return message

    def _add_widget(self, form: QFormLayout, name: str, widget: QWidget,
                    mnemonic: str | None = None) -> None:
        message = self._message_label(name)
        cell = QWidget(self)
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(widget)
        box.addWidget(message)
        form.addRow(self._label(mnemonic or wording.field_label(name),
                                widget), cell)
        self._fields[name] = _Field(name, widget, message)

    def _add_line(self, form: QFormLayout, name: str, hint: str | None,
                  mnemonic: str | None = None) -> None:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setAccessibleName(wording.field_label(name))
        if hint:
            edit.setPlaceholderText(hint)
        timer = QTimer(edit)
        timer.setSingleShot(True)
        timer.setInterval(PAUSE_MS)
        timer.timeout.connect(lambda n=name: self._on_field_paused(n))
        edit.textEdited.connect(lambda _text, t=timer: t.start())
        edit.editingFinished.connect(lambda n=name: self._on_field_editing_finished(n))
        if name == "departement":
            edit.textEdited.connect(self._on_departement_text_edited)
        self._add_widget(form, name, edit, mnemonic)

    # ------------------------------------------------------------------ access

    def edit(self, name: str) -> QLineEdit:
        widget = self._fields[name].widget
        assert isinstance(widget, QLineEdit)
        return widget

    def message(self, name: str) -> QLabel:
        return self._fields[name].message

    def field_names(self) -> tuple[str, ...]:
        return tuple(self._fields)

    def reset(self, channel: str = "accueil") -> None:
        for name, field in self._fields.items():
            if isinstance(field.widget, QLineEdit):
                field.widget.clear()
            self._show_issue(name, None)
        self.statut_combo.setCurrentIndex(0)
        self.foyer_spin.setValue(1)
        self.principale_combo.setCurrentIndex(0)
        self._departement_touched = False
        self.status_label.clear()
        index = self.channel_combo.findData(channel)
        self.channel_combo.setCurrentIndex(max(0, index))
        self.edit("nom").setFocus()

    def prefill(self, values: Mapping[str, object]) -> None:
        """Fill the text fields given (a dossier opened from the call list: the identity its
        signals gave), each checked as if typed; the others stay as they are."""
        for name, value in values.items():
            if name in TEXT_FIELDS and value:
                text = str(value)
                if name in DATE_FIELDS:
                    text = wording.short_date(text)
                self.edit(name).setText(text)
                self.validate_field(name)
        self._prefill_departement()

    def channel(self) -> str:
        return str(self.channel_combo.currentData())

    def has_unsaved_input(self) -> bool:
        return any(isinstance(f.widget, QLineEdit) and f.widget.text().strip()
                   for f in self._fields.values())

    def focus_first(self) -> None:
        self.edit("nom").setFocus()

    # ------------------------------------------------------------------ values

    def _text(self, name: str) -> str:
        text = self.edit(name).text().strip()
        return typed_date_to_iso(text) if name in DATE_FIELDS else text

    def identity(self) -> dict[str, str]:
        return {name: self._text(name) for name in TEXT_FIELDS if self._text(name)}

    def profile(self) -> dict[str, Any]:
        return {
            "statut": self.statut_combo.currentData(),
            "date_naissance": self._text("date_naissance") or None,
            "debut_activite": self._text("debut_activite") or None,
            "foyer": self.foyer_spin.value(),
            "activite_principale": self.principale_combo.currentData(),
            "departement": self._text("departement").upper() or None,
        }

    def check(self, name: str) -> IssueCode | str | None:
        """The issue of one field now: an identity issue code, or a message for the profile."""
        if name == "activite_principale":
            if self.principale_combo.currentData() is None:
                return self.tr("Répondez oui ou non : l’activité indépendante est-elle "
                               "l’activité principale ?")
            return None
        if not isinstance(self._fields[name].widget, QLineEdit):
            return None  # combo and spin box: every value they offer is valid
        value = self._text(name)
        if name in IDENTITY_FIELDS:
            form = {field: self._text(field) for field in IDENTITY_FIELDS if field in self._fields}
            return check_field(name, form, self._today())
        if name == "departement":
            if value and not DEPARTEMENT_RE.match(value.upper()):
                return wording.departement_message()
            return None
        return None

    def _show_issue(self, name: str, issue: IssueCode | str | None) -> None:
        field = self._fields[name]
        if issue is None:
            text = ""
        elif isinstance(issue, IssueCode):
            text = wording.issue_message(name, issue)
        else:
            text = issue
        # The "⚠" keeps the message visible as an error without relying on its colour.
        field.message.setText(f"⚠ {text}" if text else "")
        field.message.setVisible(bool(text))
        field.widget.setAccessibleDescription(text)

    def validate_field(self, name: str) -> bool:
        issue = self.check(name)
        self._show_issue(name, issue)
        return issue is None

    def validate_all(self) -> list[str]:
        """Check every field; the names of the fields with an issue, in tab order."""
        bad = [name for name in self._fields if not self.validate_field(name)]
        return bad

    # ------------------------------------------------------------------ slots

    def _on_field_paused(self, name: str) -> None:
        self._revalidate(name)

    def _on_field_editing_finished(self, name: str) -> None:
        self._revalidate(name)
        if name == "code_postal":
            self._prefill_departement()

    def _revalidate(self, name: str) -> None:
        self.validate_field(name)
        if name == "date_naissance":
            for dependent in ("nir", "debut_activite"):
                if self._text(dependent):
                    self.validate_field(dependent)

    def _on_principale_combo_current_index_changed(self, _index: int) -> None:
        if self.principale_combo.currentData() is not None:
            self.validate_field("activite_principale")

    def _on_departement_text_edited(self, text: str) -> None:
        self._departement_touched = bool(text)

    def _prefill_departement(self) -> None:
        found = departement_of_postal_code(self._text("code_postal"))
        if found and not self._departement_touched:
            self.edit("departement").setText(found)
            self.validate_field("departement")

    def _on_departement_return_pressed(self) -> None:
        self._on_create_button_clicked()

    def _on_create_button_clicked(self) -> None:
        self._prefill_departement()
        bad = self.validate_all()
        if bad:
            count = len(bad)
            self.status_label.setText(
                self.tr("Le dossier n’est pas créé : %n champ à corriger.", "", count)
                if count < 2 else
                self.tr("Le dossier n’est pas créé : %n champs à corriger.", "", count))
            self._fields[bad[0]].widget.setFocus()
            return
        candidates = self._service.duplicates(self.identity())
        if candidates:
            dialog = DuplicateDialog(candidates, self)
            dialog.open_requested.connect(self._on_duplicate_dialog_open_requested)
            dialog.create_requested.connect(self._on_duplicate_dialog_create_requested)
            dialog.finished.connect(self._on_duplicate_dialog_finished)
            self.duplicate_dialog = dialog
            dialog.open()
            return
        self._create()

    def _on_duplicate_dialog_open_requested(self, ref: str) -> None:
        self.open_requested.emit(ref)

    def _on_duplicate_dialog_create_requested(self) -> None:
        self._create()

    def _on_duplicate_dialog_finished(self, _result: int) -> None:
        if self.duplicate_dialog is not None:
            self.duplicate_dialog.deleteLater()
        self.duplicate_dialog = None

    def _create(self) -> None:
        try:
            ref = self._service.create(identity=self.identity(), profile=self.profile(),
                                       channel=self.channel(), today=self._today())
        except IdentityInvalid as exc:
            for issue in exc.issues:
                if issue.field in self._fields:
                    self._show_issue(issue.field, issue.code)
            first = next((i.field for i in exc.issues if i.field in self._fields), None)
            if first:
                self._fields[first].widget.setFocus()
            return
        except Exception as exc:  # the store refused: keep everything typed, say why
            QMessageBox.critical(self, self.tr("Dossier non créé"),
                                 self.tr("Le dossier n’a pas pu être enregistré : %1").replace(
                                     "%1", str(exc)))
            return
        self.status_label.clear()
        self.created.emit(ref)
