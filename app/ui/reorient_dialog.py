"""Between organismes: a partner re-orients a dossier to another organisme, the counter writes a
note on an orientation for its partner.

- :class:`ReorientDialog` (partner inbox, « Réorienter… »): the organisme the person should
  rather see, and why. It says plainly what happens: with the person's consent for that
  organisme the dossier is sent to it at once; without it the request goes to the counter, which
  asks the person first — nothing reaches that organisme before.
- :class:`CounterNoteDialog` (counter, « Note pour l’organisme… »): the counter's note on one of
  the dossier's orientations, which that organisme reads in its inbox.

Both check what was typed (naming the field) before ``submitted(dict)``; the owner saves or
sends, then calls :meth:`accept` or :meth:`show_error` (the text typed stays).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.forms.codes import ORGANISMES
from app.ui import wording
from app.ui.appointment_dialog import confirm_buttons, show_as_error

NOTE_MAX = 2000  # the counter's note (app/forms/records.py)
REORIENT_NOTE_MAX = 1900  # a re-orientation's reason (the central store's request)


def _remaining(count: int, most: int = NOTE_MAX) -> str:
    left = most - count
    limit = wording.grouped(most)
    if left < 0:
        text = (
            QCoreApplication.translate("ReorientDialog", "%1 caractère de trop (%2 au plus)")
            if left == -1
            else QCoreApplication.translate("ReorientDialog", "%1 caractères de trop (%2 au plus)")
        )
        return text.replace("%1", wording.grouped(-left)).replace("%2", limit)
    text = (
        QCoreApplication.translate("ReorientDialog", "%1 caractère restant sur %2")
        if left == 1
        else QCoreApplication.translate("ReorientDialog", "%1 caractères restants sur %2")
    )
    return text.replace("%1", wording.grouped(left)).replace("%2", limit)


class _NoteDialog(QDialog):
    """An organisme, a text and the buttons: what both dialogs share."""

    submitted = Signal(dict)
    note_max = NOTE_MAX

    def __init__(self, *, title: str, confirm: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.layout_ = QVBoxLayout(self)
        self.header = QLabel(self)
        self.header.setObjectName("note_header")
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.header.setWordWrap(True)
        self.layout_.addWidget(self.header)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.layout_.addLayout(self.form)
        self.organisme_combo = QComboBox(self)
        self.organisme_combo.setObjectName("note_organisme")
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setObjectName("note_text")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setMinimumHeight(self.fontMetrics().height() * 6)
        self.note_count = QLabel(_remaining(0, self.note_max), self)
        self.note_count.setObjectName("note_count")
        self.note_count.setAccessibleName(
            QCoreApplication.translate("ReorientDialog", "Caractères restants")
        )
        self.error_label = QLabel(self)
        show_as_error(self.error_label, "note_error",
                      QCoreApplication.translate("ReorientDialog", "Erreur"))
        self.buttons, self.ok_button = confirm_buttons(
            self, confirm, "note_ok", QCoreApplication.translate("ReorientDialog", "&Annuler"),
            QCoreApplication.translate("ReorientDialog", "Annuler sans rien envoyer"))
        self.ok_button.clicked.connect(self._on_ok_clicked)
        self.note_edit.textChanged.connect(self._on_note_changed)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)

    def _finish_layout(self) -> None:
        self.layout_.addWidget(self.note_count, 0, Qt.AlignmentFlag.AlignRight)
        self.layout_.addWidget(self.error_label)
        self.layout_.addWidget(self.buttons)

    def organisme(self) -> str:
        return str(self.organisme_combo.currentData() or "")

    def text(self) -> str:
        return self.note_edit.toPlainText().strip()

    def values(self) -> dict[str, Any]:
        raise NotImplementedError

    def problem(self) -> str:
        if len(self.text()) > self.note_max:
            return (
                QCoreApplication.translate(
                    "ReorientDialog", "Note : %1 caractères au plus (%2 saisis)."
                )
                .replace("%1", wording.grouped(self.note_max))
                .replace("%2", wording.grouped(len(self.text())))
            )
        return ""

    def show_error(self, text: str) -> None:
        self.set_busy(False)
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def set_busy(self, busy: bool) -> None:
        self.ok_button.setEnabled(not busy)

    def _on_ok_clicked(self) -> None:
        problem = self.problem()
        if problem:
            self.show_error(problem)
            return
        self.show_error("")
        self.set_busy(True)
        self.submitted.emit(self.values())

    def _on_note_changed(self) -> None:
        self.note_count.setText(
            _remaining(len(self.note_edit.toPlainText().strip()), self.note_max)
        )


class ReorientDialog(_NoteDialog):
    """Re-orient a dossier from ``organisme`` (the partner's own) to another organisme.

    ``consented``: the organismes the person consented to (None when the partner's view does
    not tell); ``oriented``: those the dossier is already oriented to.
    """

    note_max = REORIENT_NOTE_MAX

    def __init__(
        self,
        *,
        organisme: str,
        person: str = "",
        consented: Collection[str] | None = None,
        oriented: Collection[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            title=QCoreApplication.translate(
                "ReorientDialog", "Réorienter vers un autre organisme"
            ),
            confirm=QCoreApplication.translate("ReorientDialog", "&Réorienter"),
            parent=parent,
        )
        self.setObjectName("reorient_dialog")
        self.own = organisme
        self.consented = None if consented is None else frozenset(consented)
        self.oriented = frozenset(oriented)
        self.header.setText(
            QCoreApplication.translate("ReorientDialog", "Dossier de %1, orienté vers : %2")
            .replace("%1", person)
            .replace("%2", wording.organisme_label(organisme))
            if person
            else QCoreApplication.translate("ReorientDialog", "Dossier orienté vers : %1").replace(
                "%1", wording.organisme_label(organisme)
            )
        )
        self.organisme_combo.setAccessibleName(
            QCoreApplication.translate("ReorientDialog", "Organisme vers lequel réorienter")
        )
        for code in ORGANISMES:
            if code == organisme:
                continue
            label = wording.organisme_label(code)
            if code in self.oriented:
                label = QCoreApplication.translate("ReorientDialog", "%1 (déjà orienté)").replace(
                    "%1", label
                )
            self.organisme_combo.addItem(label, code)
        self.form.addRow(
            QCoreApplication.translate("ReorientDialog", "&Organisme :"), self.organisme_combo
        )
        self.consent_label = QLabel(self)
        self.consent_label.setObjectName("reorient_consent")
        self.consent_label.setWordWrap(True)
        self.consent_label.setTextFormat(Qt.TextFormat.PlainText)
        self.consent_label.setAccessibleName(
            QCoreApplication.translate("ReorientDialog", "Ce qui se passera")
        )
        self.consent_label.setFrameShape(QLabel.Shape.StyledPanel)
        self.consent_label.setMargin(self.fontMetrics().averageCharWidth())
        self.form.addRow(self.consent_label)
        self.note_edit.setAccessibleName(
            QCoreApplication.translate("ReorientDialog", "Motif de la réorientation")
        )
        self.note_edit.setPlaceholderText(
            QCoreApplication.translate(
                "ReorientDialog",
                "Pourquoi la personne relève de cet organisme : il est lu par l’organisme, "
                "et par le guichet s’il doit demander l’accord de la personne",
            )
        )
        self.form.addRow(QCoreApplication.translate("ReorientDialog", "&Motif :"), self.note_edit)
        self._finish_layout()
        self.organisme_combo.currentIndexChanged.connect(self._on_organisme_changed)
        first_new = next(
            (
                i
                for i in range(self.organisme_combo.count())
                if self.organisme_combo.itemData(i) not in self.oriented
            ),
            0,
        )
        self.organisme_combo.setCurrentIndex(first_new)
        self._on_organisme_changed(first_new)
        self.organisme_combo.setFocus(Qt.FocusReason.OtherFocusReason)

    def consent_given(self) -> bool | None:
        """Whether the person consented to the organisme chosen (None: not known here)."""
        if self.consented is None:
            return None
        return self.organisme() in self.consented

    def consent_text(self) -> str:
        name = wording.organisme_label(self.organisme())
        given = self.consent_given()
        if given is True:
            return QCoreApplication.translate(
                "ReorientDialog",
                "La personne a donné son consentement pour %1 : le dossier sera transmis "
                "à %1 dès l’envoi.",
            ).replace("%1", name)
        if given is False:
            return QCoreApplication.translate(
                "ReorientDialog",
                "La personne n’a pas donné son consentement pour %1 : la demande ira au "
                "guichet, qui demandera son accord à la personne. Rien n’est transmis à "
                "%1 avant cet accord.",
            ).replace("%1", name)
        return QCoreApplication.translate(
            "ReorientDialog",
            "Si la personne a donné son consentement pour %1, le dossier sera transmis "
            "à %1 dès l’envoi ; sinon la demande ira au guichet, qui demandera son "
            "accord à la personne. Le message affiché après l’envoi dit ce qui a été "
            "fait.",
        ).replace("%1", name)

    def values(self) -> dict[str, Any]:
        return {"organisme": self.organisme(), "note": self.text()}

    def problem(self) -> str:
        if self.organisme() in self.oriented:
            return QCoreApplication.translate(
                "ReorientDialog",
                "Organisme : le dossier est déjà orienté vers %1 ; choisissez un autre organisme.",
            ).replace("%1", wording.organisme_label(self.organisme()))
        if not self.text():
            return QCoreApplication.translate(
                "ReorientDialog",
                "Motif : expliquez en quelques mots pourquoi la personne relève de cet organisme.",
            )
        return super().problem()

    def _on_organisme_changed(self, _index: int) -> None:
        self.consent_label.setText(self.consent_text())
        given = self.consent_given()
        color = "transparent" if given is None else ("#e6f4ea" if given else "#fff4ce")
        self.consent_label.setStyleSheet(f"QLabel {{ background: {color}; }}")


class CounterNoteDialog(_NoteDialog):
    """The counter's note on one orientation of the dossier, for that organisme.

    ``orientations``: the dossier's orientations (export dicts: organisme, counter_note…);
    ``organisme``: the one chosen at first.
    """

    def __init__(
        self,
        orientations: Sequence[Mapping[str, Any]],
        *,
        person: str = "",
        organisme: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            title=QCoreApplication.translate("ReorientDialog", "Note pour l’organisme"),
            confirm=QCoreApplication.translate("ReorientDialog", "&Enregistrer la note"),
            parent=parent,
        )
        self.setObjectName("counter_note_dialog")
        self._notes = {
            str(o.get("organisme")): str(o.get("counter_note") or "") for o in orientations
        }
        self.header.setText(person)
        self.header.setVisible(bool(person))
        self.organisme_combo.setAccessibleName(
            QCoreApplication.translate("ReorientDialog", "Orientation concernée")
        )
        for code in self._notes:
            self.organisme_combo.addItem(wording.organisme_label(code), code)
        self.form.addRow(
            QCoreApplication.translate("ReorientDialog", "&Orientation :"), self.organisme_combo
        )
        explain = QLabel(
            QCoreApplication.translate(
                "ReorientDialog",
                "L’organisme lit cette note dans son espace partenaire, avec le "
                "dossier. Elle remplace la note précédente pour cet organisme.",
            ),
            self,
        )
        explain.setObjectName("counter_note_explain")
        explain.setWordWrap(True)
        self.form.addRow(explain)
        self.note_edit.setAccessibleName(
            QCoreApplication.translate("ReorientDialog", "Note pour l’organisme")
        )
        self.form.addRow(QCoreApplication.translate("ReorientDialog", "&Note :"), self.note_edit)
        self._finish_layout()
        if organisme is not None and organisme in self._notes:
            self.organisme_combo.setCurrentIndex(self.organisme_combo.findData(organisme))
        self.organisme_combo.currentIndexChanged.connect(self._on_organisme_changed)
        self._on_organisme_changed(self.organisme_combo.currentIndex())
        self.note_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def values(self) -> dict[str, Any]:
        return {"organisme": self.organisme(), "text": self.text()}

    def problem(self) -> str:
        if not self.organisme():
            return QCoreApplication.translate(
                "ReorientDialog", "Orientation : ce dossier n’est orienté vers aucun organisme."
            )
        return super().problem()

    def _on_organisme_changed(self, _index: int) -> None:
        self.note_edit.setPlainText(self._notes.get(self.organisme(), ""))
