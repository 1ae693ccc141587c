"""« Effacer les données de la personne… »: erasure at the person's request (issue 13).

The dialog says what erasing does (the person's data leaves this workstation at once, then the
central store, the other workstations and the partners' views at the next sync; an anonymous
history row and the anonymous facts of the statistics stay), who may erase (a counter agent of
the dossier's site or an administrator: the central store checks it when the request arrives),
asks the reason and, in confirmation, the dossier's number typed in full. The « Effacer » button
stays off until the number typed is the dossier's.

Signals:
    erased(str): the dossier was erased here (its number).
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.models.base import utcnow
from app.models.database import Store
from app.models.erasure import REASONS, erase_request


class EraseDialog(QDialog):
    """Erase one dossier's personal data, after its number is typed in confirmation.

    Signals:
        erased(str): done here (the dossier's number); the request waits for the next sync.
    """

    erased = Signal(str)

    def __init__(self, store: Store, record: dict[str, object], agent: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.agent = agent
        self.dossier_id = str(record.get("id", ""))
        self.number = str(record.get("number", ""))
        identity = record.get("identity")
        names = identity if isinstance(identity, dict) else {}
        self.setWindowTitle(self.tr("Effacer les données de la personne"))
        self.setAccessibleName(self.tr("Effacer les données de la personne"))
        layout = QVBoxLayout(self)

        header = QLabel(f"{escape(self.number)} — <b>{escape(str(names.get('nom', '')))} "
                        f"{escape(str(names.get('prenom', '')))}</b>", self)
        header.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(header)
        what = QLabel(self.tr(
            "L’effacement supprime les données de la personne de ce poste tout de suite, puis, "
            "à la prochaine synchronisation, du serveur central, des autres postes du site et "
            "des espaces des partenaires. Il ne reste qu’une ligne anonyme dans l’historique "
            "(« dossier effacé à la demande de la personne ») et, pour les statistiques, les "
            "faits anonymes (site, mois, réponses, aides, suites données). Il ne peut pas être "
            "annulé."), self)
        what.setWordWrap(True)
        what.setObjectName("erase_what")
        layout.addWidget(what)
        self.who = QLabel(self.tr(
            "Qui peut effacer : un agent d’accueil du site du dossier (%1) ou un administrateur. "
            "Le serveur central le vérifie quand la demande lui parvient.").replace(
                "%1", escape(store.site_code)), self)
        self.who.setWordWrap(True)
        self.who.setObjectName("erase_who")
        layout.addWidget(self.who)

        form = QFormLayout()
        self.reason_combo = QComboBox(self)
        self.reason_combo.setObjectName("erase_reason")
        self.reason_combo.setAccessibleName(self.tr("Motif de l’effacement"))
        labels = {"demande_personne": self.tr("À la demande de la personne"),
                  "erreur_saisie": self.tr("Dossier ouvert par erreur"),
                  "doublon": self.tr("Doublon d’un autre dossier")}
        for code in REASONS:
            self.reason_combo.addItem(labels[code], code)
        form.addRow(self.tr("&Motif :"), self.reason_combo)
        self.confirm_edit = QLineEdit(self)
        self.confirm_edit.setObjectName("erase_confirm")
        self.confirm_edit.setAccessibleName(self.tr("Numéro du dossier, en confirmation"))
        self.confirm_edit.setPlaceholderText(self.number)
        form.addRow(self.tr("Pour confirmer, tapez le &numéro du dossier :"), self.confirm_edit)
        layout.addLayout(form)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("erase_error")
        self.error_label.setWordWrap(True)
        layout.addWidget(self.error_label)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.erase_button = self.buttons.addButton(self.tr("&Effacer"),
                                                   QDialogButtonBox.ButtonRole.DestructiveRole)
        self.erase_button.setObjectName("erase_button")
        self.erase_button.setAccessibleName(self.tr("Effacer les données de la personne"))
        self.erase_button.setEnabled(False)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("&Annuler"))
        cancel.setAccessibleName(self.tr("Annuler sans rien effacer"))
        cancel.setDefault(True)  # Entrée never erases
        layout.addWidget(self.buttons)

        self.confirm_edit.textChanged.connect(self._on_confirm_edit_text_changed)
        self.erase_button.clicked.connect(self._on_erase_button_clicked)
        self.buttons.rejected.connect(self.reject)

    def confirmed(self) -> bool:
        """True when the number typed is the dossier's (spaces around and case aside)."""
        return self.confirm_edit.text().strip().upper() == self.number

    def _on_confirm_edit_text_changed(self, _text: str) -> None:
        self.erase_button.setEnabled(self.confirmed())

    def _on_erase_button_clicked(self) -> None:
        if not self.confirmed():
            return
        try:
            number = erase_request(self.store, self.dossier_id, confirm=self.confirm_edit.text(),
                                   reason=str(self.reason_combo.currentData()),
                                   agent=self.agent, now=utcnow())
        except (LookupError, ValueError) as exc:
            self.error_label.setText(self.tr("Rien n’a été effacé : %1").replace("%1", str(exc)))
            return
        self.erased.emit(number)
        self.accept()
