"""The consent page: the text in force, one decision per organisme, how it was given; and, for a
dossier already oriented, the consents on record with their date and a way to revoke them.

Rows without a decision on record start **unset**: a consent is never pre-ticked (a pre-ticked
box is not a valid consent). The agent reads each line to the worker and records the answer: the
line's number key (first press « Accepte », then it alternates), or « A » when the worker accepts
for every organisme listed. Validation is refused while a line has no answer. What the worker
commits to is the signed form (at the counter) or the agent's attestation of the oral agreement
(on the phone), both required here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.dossier_service import DossierService
from app.forms.questionnaire import Questionnaire
from app.ui import wording

DIGIT_KEYS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, 10)}

Confirm = Callable[[QWidget, str, str], bool]


def ask_confirmation(parent: QWidget, title: str, text: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.setAccessibleName(title)
    return box.exec() == QMessageBox.StandardButton.Yes


def _day(value: object) -> str:
    if isinstance(value, str) and value:
        return wording.iso_datetime(value, at=True)
    return ""


class _Row:
    def __init__(self, organisme: str, accept: QRadioButton, refuse: QRadioButton,
                 group: QButtonGroup, state: QLabel, revoke: QPushButton | None,
                 stored: bool | None) -> None:
        self.organisme = organisme
        self.accept = accept
        self.refuse = refuse
        self.group = group
        self.state = state
        self.revoke = revoke
        self.stored = stored  # the decision on record: True/False, None when none or revoked
        self.required = False  # no decision was ever recorded: the worker must answer

    def decision(self) -> bool | None:
        if self.accept.isChecked():
            return True
        if self.refuse.isChecked():
            return False
        return None


class ConsentPage(QWidget):
    """Consent per organisme, with its mode, and revocation.

    Signals:
        recorded(list): the decisions were recorded; the organismes now oriented to.
        revoked(str): the consent for this organisme was revoked.
    """

    recorded = Signal(list)
    revoked = Signal(str)

    def __init__(self, service: DossierService, parent: QWidget | None = None,
                 *, confirm: Confirm = ask_confirmation) -> None:
        super().__init__(parent)
        self._service = service
        self._confirm = confirm
        self._ref = ""
        self._rows: list[_Row] = []
        self.setAccessibleName(self.tr("Consentement"))

        self.text_browser = QTextBrowser(self)
        self.text_browser.setAccessibleName(self.tr("Texte du consentement"))
        self.version_label = QLabel(self)
        self.version_label.setAccessibleName(self.tr("Version du texte"))

        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setAccessibleName(self.tr("Consigne"))
        self.banner.setStyleSheet("border: 2px solid #8a5a00; padding: 4px;")
        self.rows_box = QGroupBox(self.tr("Décision de la personne, organisme par organisme"),
                                  self)
        self.rows_box.setAccessibleName(self.rows_box.title())
        self.rows_grid = QGridLayout(self.rows_box)

        self.mode_box = QGroupBox(self.tr("Mode de recueil"), self)
        self.mode_box.setAccessibleName(self.mode_box.title())
        self.signed_radio = QRadioButton(wording.consent_mode_label("signe_accueil"),
                                         self.mode_box)
        self.signed_radio.setAccessibleName(self.signed_radio.text())
        self.oral_radio = QRadioButton(wording.consent_mode_label("oral_telephone"),
                                       self.mode_box)
        self.oral_radio.setAccessibleName(self.oral_radio.text())
        self.attest_check = QCheckBox(self.tr("J’atteste avoir lu ce texte à la personne et "
                                              "recueilli son accord"), self.mode_box)
        self.attest_check.setAccessibleName(self.attest_check.text())
        mode_layout = QVBoxLayout(self.mode_box)
        mode_row = QHBoxLayout()
        mode_row.addWidget(self.signed_radio)
        mode_row.addWidget(self.oral_radio)
        mode_row.addStretch(1)
        mode_layout.addLayout(mode_row)
        mode_layout.addWidget(self.attest_check)
        self.oral_radio.toggled.connect(self._on_oral_radio_toggled)

        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setAccessibleName(self.tr("Message"))
        self.error_label.setStyleSheet("color: #a40000; font-weight: bold;")
        self.error_label.setVisible(False)
        self.validate_button = QPushButton(self.tr("&Valider les choix de la personne "
                                                   "(Entrée)"), self)
        self.validate_button.setAccessibleName(self.tr("Valider les choix de la personne"))
        self.validate_button.clicked.connect(self._on_validate_button_clicked)
        help_line = QLabel(self.tr("1…9 : Accepte / Refuse pour la ligne · A : accepte pour tous "
                                   "· Entrée : valider · Échap : quitter"), self)
        help_line.setWordWrap(True)
        help_line.setAccessibleName(help_line.text())

        left = QVBoxLayout()
        left.addWidget(self.version_label)
        left.addWidget(self.text_browser, 1)
        right = QVBoxLayout()
        right.addWidget(self.banner)
        right.addWidget(self.rows_box)
        right.addWidget(self.mode_box)
        right.addWidget(self.error_label)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(help_line, 1)
        bottom.addWidget(self.validate_button)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addLayout(bottom)
        for key in ("Return", "Enter", "Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self._on_validate_button_clicked)

    # ------------------------------------------------------------------ public

    def load(self, ref: str, questionnaire: Questionnaire, record: Mapping[str, Any],
             organismes: tuple[str, ...], channel: str) -> None:
        """Show the text in force and one row per organisme to orient to or with a consent."""
        self._ref = ref
        text = self._service.consent_text(record)
        self.text_browser.setMarkdown(self._service.consent_notice(record))
        self.version_label.setText(self.tr("Texte en vigueur : version %1").replace(
            "%1", text.version))
        consents = {c["organisme"]: c for c in record.get("consents", [])}
        shown = [o.code for o in questionnaire.organismes
                 if o.code in organismes or o.code in consents]
        self._build_rows(questionnaire, shown, consents)
        if channel == "telephone":
            self.oral_radio.setChecked(True)
        else:
            self.signed_radio.setChecked(True)
        self.attest_check.setChecked(False)
        self._on_oral_radio_toggled(self.oral_radio.isChecked())
        self.error_label.setVisible(False)
        self.focus_first()

    def rows(self) -> list[_Row]:
        return list(self._rows)

    def row(self, organisme: str) -> _Row:
        return next(r for r in self._rows if r.organisme == organisme)

    def has_unsaved_input(self) -> bool:
        return False

    def focus_first(self) -> None:
        self.validate_button.setFocus()

    def accept_all_pending(self) -> None:
        """The worker said yes for every organisme still without an answer."""
        for row in self._rows:
            if row.required and row.decision() is None:
                row.accept.setChecked(True)

    def toggle_row(self, index: int) -> None:
        if 0 <= index < len(self._rows):
            row = self._rows[index]
            (row.refuse if row.accept.isChecked() else row.accept).setChecked(True)

    # ------------------------------------------------------------------ building

    def _build_rows(self, questionnaire: Questionnaire, shown: list[str],
                    consents: Mapping[str, Mapping[str, Any]]) -> None:
        while self.rows_grid.count():
            item = self.rows_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # gone from the screen now, not at the next event loop turn
                widget.deleteLater()
        self._rows = []
        pending = 0
        for i, code in enumerate(shown):
            name = questionnaire.organisme(code).name
            consent = consents.get(code)
            number = QLabel(f"{i + 1}.", self.rows_box)
            number.setAccessibleName(self.tr("Ligne %1").replace("%1", str(i + 1)))
            label = QLabel(name, self.rows_box)
            label.setWordWrap(True)
            label.setAccessibleName(name)
            accept = QRadioButton(self.tr("Accepte"), self.rows_box)
            accept.setAccessibleName(self.tr("%1 : accepte").replace("%1", name))
            refuse = QRadioButton(self.tr("Refuse"), self.rows_box)
            refuse.setAccessibleName(self.tr("%1 : refuse").replace("%1", name))
            group = QButtonGroup(self.rows_box)
            group.addButton(accept)
            group.addButton(refuse)
            state = QLabel(self.rows_box)
            state.setWordWrap(True)
            state.setAccessibleName(self.tr("État du consentement %1").replace("%1", name))
            revoke: QPushButton | None = None
            stored: bool | None = None
            if consent is None:
                state.setText(self.tr("À demander"))
                state.setToolTip(self.tr("Lisez la ligne à la personne et notez sa réponse"))
                pending += 1
            elif consent.get("revoked_at"):
                state.setText(self.tr("Révoqué le %1").replace(
                    "%1", _day(consent["revoked_at"])))
            elif consent.get("given"):
                stored = True
                accept.setChecked(True)
                state.setText(self.tr("Accepté le %1 (%2)").replace(
                    "%1", _day(consent.get("at"))).replace(
                    "%2", wording.consent_mode_label(str(consent.get("mode")))))
                revoke = QPushButton(self.tr("Révoquer"), self.rows_box)
                revoke.setAccessibleName(self.tr("Révoquer le consentement %1").replace(
                    "%1", name))
                revoke.clicked.connect(
                    lambda _checked=False, o=code: self._on_revoke_clicked(o))
            else:
                stored = False
                refuse.setChecked(True)
                state.setText(self.tr("Refusé le %1").replace("%1", _day(consent.get("at"))))
            accept.toggled.connect(self._on_decision_toggled)
            self.rows_grid.addWidget(number, i, 0)
            self.rows_grid.addWidget(label, i, 1)
            self.rows_grid.addWidget(accept, i, 2)
            self.rows_grid.addWidget(refuse, i, 3)
            self.rows_grid.addWidget(state, i, 4)
            if revoke is not None:
                self.rows_grid.addWidget(revoke, i, 5)
            self._rows.append(_Row(code, accept, refuse, group, state, revoke, stored))
            self._rows[-1].required = consent is None
        self.rows_grid.setColumnStretch(1, 2)
        self.rows_grid.setColumnStretch(4, 2)
        if not shown:
            empty = QLabel(self.tr("Aucun organisme à solliciter."), self.rows_box)
            empty.setAccessibleName(empty.text())
            self.rows_grid.addWidget(empty, 0, 0)
        if pending:
            self.banner.setText(self.tr(
                "Lisez chaque ligne à la personne et notez sa réponse : touche du numéro de la "
                "ligne (Accepte, puis Refuse), ou « A » si elle accepte pour tous les "
                "organismes. Aucune case n’est cochée d’avance."))
        else:
            self.banner.setText(self.tr("Consentements enregistrés. Vous pouvez révoquer un "
                                        "accord ou enregistrer une nouvelle décision."))
        self._update_summary()

    def _update_summary(self) -> None:
        accepted = sum(1 for r in self._rows if r.decision() is True)
        refused = sum(1 for r in self._rows if r.decision() is False)
        accepted_text = (self.tr("%n accepté", "", accepted) if accepted < 2
                         else self.tr("%n acceptés", "", accepted))
        refused_text = (self.tr("%n refusé", "", refused) if refused < 2
                        else self.tr("%n refusés", "", refused))
        self.rows_box.setAccessibleDescription(f"{accepted_text}, {refused_text}")

    # ------------------------------------------------------------------ events

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        key = Qt.Key(event.key())
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods == Qt.KeyboardModifier.NoModifier and key in DIGIT_KEYS:
            self.toggle_row(DIGIT_KEYS[key] - 1)
            event.accept()
            return
        if mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier) \
                and key == Qt.Key.Key_A:
            self.accept_all_pending()
            event.accept()
            return
        super().keyPressEvent(event)

    def _on_decision_toggled(self, _checked: bool) -> None:
        for row in self._rows:
            if row.required:
                decision = row.decision()
                row.state.setText(self.tr("À demander") if decision is None else
                                  self.tr("Réponse notée : accepte") if decision else
                                  self.tr("Réponse notée : refuse"))
        self._update_summary()

    def _on_oral_radio_toggled(self, oral: bool) -> None:
        self.attest_check.setVisible(oral)
        self.attest_check.setEnabled(oral)

    def _on_validate_button_clicked(self) -> None:
        mode = "oral_telephone" if self.oral_radio.isChecked() else "signe_accueil"
        unanswered = [r for r in self._rows if r.required and r.decision() is None]
        if unanswered:
            names = ", ".join(r.accept.accessibleName().rsplit(" : ", 1)[0] for r in unanswered)
            self._show_error(self.tr("Notez la réponse de la personne pour chaque organisme "
                                     "(Accepte ou Refuse) : %1.").replace("%1", names))
            unanswered[0].accept.setFocus()
            return
        decisions = {r.organisme: d for r in self._rows
                     if (d := r.decision()) is not None and d != r.stored}
        if decisions and mode == "oral_telephone" and not self.attest_check.isChecked():
            self._show_error(self.tr("Cochez l’attestation : vous avez lu le texte à la "
                                     "personne et recueilli son accord."))
            self.attest_check.setFocus()
            return
        try:
            oriented = (self._service.record_consents(self._ref, decisions, mode=mode)
                        if decisions else [])
        except Exception as exc:
            self._show_error(self.tr("Le consentement n’a pas été enregistré : %1").replace(
                "%1", str(exc)))
            return
        self.error_label.setVisible(False)
        self.recorded.emit(list(oriented))

    def _show_error(self, text: str) -> None:
        self.error_label.setText(f"⚠ {text}")
        self.error_label.setVisible(True)

    def _on_revoke_clicked(self, organisme: str) -> None:
        row = self.row(organisme)
        name = row.accept.accessibleName().rsplit(" : ", 1)[0]
        if not self._confirm(self, self.tr("Révoquer le consentement"),
                             self.tr("Révoquer le consentement donné à %1 ? Cet organisme ne "
                                     "recevra plus d’information sur ce dossier.").replace(
                                 "%1", name)):
            return
        try:
            self._service.revoke(self._ref, organisme)
        except Exception as exc:
            self._show_error(self.tr("La révocation n’a pas été enregistrée : %1").replace(
                "%1", str(exc)))
            return
        self.revoked.emit(organisme)
