"""Paramètres: the workstation's settings (site, workstation, agent, central store, language,
phone mode), saved with :class:`~app.ui.settings.AppSettings` in the data dir."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.models.sites import load_sites
from app.ui import wording
from app.ui.display import apply_display
from app.ui.settings import FONT_SCALES, LANGUAGES, AppSettings


def site_combo(parent: QWidget, code: str) -> QComboBox:
    """The sites of ``resources/sites`` to choose from, ``code`` selected."""
    combo = QComboBox(parent)
    combo.setAccessibleName(QCoreApplication.translate("SettingsDialog", "Site"))
    for site in load_sites().values():
        combo.addItem(f"{site.code} — {site.name}", site.code)
    combo.setCurrentIndex(max(combo.findData(code), 0))
    return combo


def workstation_edit(parent: QWidget, code: str) -> QLineEdit:
    """The workstation number: two digits."""
    edit = QLineEdit(code, parent)
    edit.setAccessibleName(QCoreApplication.translate("SettingsDialog", "Numéro de poste"))
    edit.setValidator(QRegularExpressionValidator(r"\d{2}", edit))
    edit.setToolTip(QCoreApplication.translate("SettingsDialog", "Deux chiffres, par exemple 01"))
    edit.setMaxLength(2)
    return edit


def agent_edit(parent: QWidget, name: str) -> QLineEdit:
    """The agent's name as documents print it."""
    edit = QLineEdit(name, parent)
    edit.setAccessibleName(QCoreApplication.translate("SettingsDialog", "Nom de l’agent"))
    edit.setPlaceholderText(QCoreApplication.translate(
        "SettingsDialog", "Prénom Nom, tel qu’il figure sur les documents"))
    edit.setMaxLength(100)
    return edit


def chosen_workstation(edit: QLineEdit, current: str) -> str:
    """The two digits typed, else ``current`` (a half-typed number is not a choice)."""
    typed = edit.text().strip()
    return typed if len(typed) == 2 else current


class SettingsDialog(QDialog):
    """The settings form; « Enregistrer » writes them to the data dir.

    Signals:
        settings_saved(object): the saved :class:`AppSettings`.
    """

    settings_saved = Signal(object)

    def __init__(self, settings: AppSettings, data_dir: Path, *,
                 store_workstation: tuple[str, str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settings_dialog")
        self.setWindowTitle(self.tr("Paramètres"))
        self.setAccessibleName(self.tr("Paramètres"))
        self._settings = settings
        self._data_dir = Path(data_dir)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)

        self.site_combo = site_combo(self, settings.site_code)
        form.addRow(self.tr("&Site :"), self.site_combo)

        self.workstation_edit = workstation_edit(self, settings.workstation_code)
        form.addRow(self.tr("N° de &poste :"), self.workstation_edit)

        current = (f"{store_workstation[0]}-{store_workstation[1]}" if store_workstation
                   else None)
        note = self.tr(
            "Le site et le n° de poste sont enregistrés dans la base locale lors de sa création "
            "et s’appliquent au prochain démarrage.")
        if current:
            note += " " + self.tr(
                "La base locale de ce poste est rattachée à %s : elle garde ce site ; un autre "
                "site ne s’applique qu’à une nouvelle base locale.") % current
        self.site_note = QLabel(note, self)
        self.site_note.setWordWrap(True)
        self.site_note.setAccessibleName(self.tr("Quand le site s’applique"))
        form.addRow(self.site_note)

        self.agent_edit = agent_edit(self, settings.agent_name)
        form.addRow(self.tr("&Nom de l’agent :"), self.agent_edit)

        self.server_edit = QLineEdit(settings.server_url, self)
        self.server_edit.setAccessibleName(self.tr("Adresse du serveur central"))
        self.server_edit.setPlaceholderText("https://…")
        form.addRow(self.tr("Adresse du serveur &central :"), self.server_edit)

        self.language_combo = QComboBox(self)
        self.language_combo.setAccessibleName(self.tr("Langue de l’interface"))
        for code in LANGUAGES:
            self.language_combo.addItem(wording.language_label(code), code)
        self._select(self.language_combo, settings.language)
        form.addRow(self.tr("&Langue :"), self.language_combo)

        self.phone_check = QCheckBox(self.tr("&Mode téléphone par défaut"), self)
        self.phone_check.setAccessibleName(self.tr("Mode téléphone par défaut"))
        self.phone_check.setToolTip(self.tr(
            "Questions formulées pour être lues à voix haute, avec un récapitulatif en direct"))
        self.phone_check.setChecked(settings.phone_mode)
        form.addRow(self.phone_check)

        self.font_scale_combo = QComboBox(self)
        self.font_scale_combo.setAccessibleName(self.tr("Taille du texte"))
        for scale in FONT_SCALES:
            self.font_scale_combo.addItem(QLocale().toString(scale) + "\u202f%", scale)
        self._select(self.font_scale_combo, settings.font_scale)
        form.addRow(self.tr("&Taille du texte :"), self.font_scale_combo)

        self.contrast_check = QCheckBox(self.tr("C&ontraste élevé"), self)
        self.contrast_check.setAccessibleName(self.tr("Contraste élevé"))
        self.contrast_check.setToolTip(self.tr("Texte blanc sur fond noir, sélection en jaune"))
        self.contrast_check.setChecked(settings.high_contrast)
        form.addRow(self.contrast_check)

        self.restart_note = QLabel(self.tr("La langue change au prochain démarrage."), self)
        self.restart_note.setWordWrap(True)
        self.restart_note.setAccessibleName(self.tr("Changement de langue"))
        form.addRow(self.restart_note)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Enregistrer"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setAccessibleName(
            self.tr("Enregistrer"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuler"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(
            self.tr("Annuler"))
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)

    @staticmethod
    def _select(combo: QComboBox, value: object) -> None:
        index = combo.findData(value)
        combo.setCurrentIndex(max(index, 0))

    def values(self) -> AppSettings:
        """The settings as the form currently shows them."""
        return replace(
            self._settings,
            site_code=str(self.site_combo.currentData()),
            workstation_code=chosen_workstation(self.workstation_edit,
                                                self._settings.workstation_code),
            agent_name=self.agent_edit.text().strip(),
            server_url=self.server_edit.text().strip(),
            language=str(self.language_combo.currentData()),
            phone_mode=self.phone_check.isChecked(),
            font_scale=int(self.font_scale_combo.currentData()),
            high_contrast=self.contrast_check.isChecked(),
        )

    def _on_buttons_accepted(self) -> None:
        values = self.values()
        values.save(self._data_dir)
        app = QApplication.instance()
        if isinstance(app, QApplication):  # text size and contrast apply at once
            apply_display(app, font_scale=values.font_scale, high_contrast=values.high_contrast)
        self.settings_saved.emit(values)
        self.accept()
