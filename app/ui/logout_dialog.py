"""Confirm logging out of the central store; on a shared workstation, also remove its dossiers.

The removal (app.models.repository.remove_local_dossiers) takes every dossier off this
workstation once all are on the central store; the window refuses it, naming how many are not
yet synced, while any change is unsent.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget


class LogoutDialog(QDialog):
    """« Se déconnecter ? », with the shared-workstation checkbox; ``remove_local_data`` tells
    what was chosen once accepted."""

    def __init__(self, unsynced: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("logout_dialog")
        title = self.tr("Se déconnecter du serveur central")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("La synchronisation automatique s’arrête et la connexion de ce "
                               "poste est effacée."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.remove_box = QCheckBox(self.tr("Retirer aussi les dossiers de ce poste (poste "
                                            "partagé) : ils restent sur le serveur central"),
                                    self)
        self.remove_box.setObjectName("logout_remove_local_data")
        self.remove_box.setAccessibleName(self.tr("Retirer les dossiers de ce poste"))
        layout.addWidget(self.remove_box)
        self.unsynced_label = QLabel("", self)
        self.unsynced_label.setObjectName("logout_unsynced")
        self.unsynced_label.setWordWrap(True)
        if unsynced:
            # Said at once: the removal would be refused.
            self.remove_box.setEnabled(False)
            if unsynced == 1:
                self.unsynced_label.setText(self.tr(
                    "Les dossiers ne peuvent pas être retirés : 1 dossier n’est pas encore "
                    "synchronisé. Synchronisez (F5), puis déconnectez-vous."))
            else:
                self.unsynced_label.setText(self.tr(
                    "Les dossiers ne peuvent pas être retirés : %s dossiers ne sont pas encore "
                    "synchronisés. Synchronisez (F5), puis déconnectez-vous.") % unsynced)
        self.unsynced_label.setVisible(bool(unsynced))
        layout.addWidget(self.unsynced_label)
        buttons = QDialogButtonBox(self)
        self.ok_button = buttons.addButton(self.tr("Se &déconnecter"),
                                           QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("logout_ok")
        self.ok_button.setAccessibleName(self.tr("Se déconnecter"))
        self.ok_button.setDefault(True)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Annuler"))
        cancel.setAccessibleName(self.tr("Annuler"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @property
    def remove_local_data(self) -> bool:
        return self.remove_box.isEnabled() and self.remove_box.isChecked()
