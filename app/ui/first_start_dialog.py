"""« Qui travaille sur ce poste ? »: asked at start while the workstation knows no agent (no name
in Paramètres, no central-store login), so documents name the agent who works here and never
the operating system's account. Site and workstation can be chosen only before the local store
exists (they are written into it when it is created)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.settings import AppSettings
from app.ui.settings_dialog import agent_edit, chosen_workstation, site_combo, workstation_edit


class FirstStartDialog(QDialog):
    """Agent name (required), site and workstation code; « Commencer » saves them.

    Signals:
        settings_saved(object): the saved :class:`AppSettings`.
    """

    settings_saved = Signal(object)

    def __init__(self, settings: AppSettings, data_dir: Path, *, workstation_editable: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("first_start_dialog")
        self.setWindowTitle(self.tr("Qui travaille sur ce poste ?"))
        self.setAccessibleName(self.tr("Qui travaille sur ce poste ?"))
        self._settings = settings
        self._data_dir = Path(data_dir)

        intro = QLabel(self.tr(
            "Votre nom figure sur les synthèses, les courriers et les formulaires de "
            "consentement. Il se modifie ensuite dans Paramètres."), self)
        intro.setWordWrap(True)
        intro.setAccessibleName(self.tr("Pourquoi ces informations"))

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.agent_edit = agent_edit(self, settings.agent_name)
        self.agent_edit.setObjectName("first_start_agent")
        form.addRow(self.tr("&Nom de l’agent :"), self.agent_edit)

        self.site_combo = site_combo(self, settings.site_code)
        form.addRow(self.tr("&Site :"), self.site_combo)

        self.workstation_edit = workstation_edit(self, settings.workstation_code)
        form.addRow(self.tr("N° de &poste :"), self.workstation_edit)
        if not workstation_editable:
            self.site_combo.setEnabled(False)
            self.workstation_edit.setEnabled(False)
            note = QLabel(self.tr("Le site et le n° de poste sont ceux de la base locale de ce "
                                  "poste."), self)
            note.setWordWrap(True)
            note.setAccessibleName(self.tr("Site et poste"))
            form.addRow(note)

        self.buttons = QDialogButtonBox(self)
        self.start_button = QPushButton(self.tr("&Commencer"), self)
        self.start_button.setAccessibleName(self.tr("Commencer"))
        self.start_button.setDefault(True)
        self.later_button = QPushButton(self.tr("Plus &tard"), self)
        self.later_button.setAccessibleName(self.tr("Plus tard"))
        self.later_button.setToolTip(self.tr("Les documents n’indiqueront pas de nom d’agent"))
        self.buttons.addButton(self.start_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.later_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self.agent_edit.textChanged.connect(self._on_agent_edit_text_changed)
        self._on_agent_edit_text_changed(self.agent_edit.text())

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        self.agent_edit.setFocus()

    def values(self) -> AppSettings:
        """The settings as the form currently shows them."""
        return replace(self._settings, agent_name=self.agent_edit.text().strip(),
                       site_code=str(self.site_combo.currentData()),
                       workstation_code=chosen_workstation(self.workstation_edit,
                                                           self._settings.workstation_code))

    def _on_agent_edit_text_changed(self, text: str) -> None:
        self.start_button.setEnabled(bool(text.strip()))

    def _on_buttons_accepted(self) -> None:
        if not self.agent_edit.text().strip():
            return
        values = self.values()
        values.save(self._data_dir)
        self.settings_saved.emit(values)
        self.accept()


def ask_who_is_working(settings: AppSettings, data_dir: Path, *,
                       workstation_editable: bool) -> AppSettings:
    """At start, when no agent is known: the dialog, modal; the settings to use (saved when
    the agent answered, unchanged after « Plus tard »)."""
    dialog = FirstStartDialog(settings, data_dir, workstation_editable=workstation_editable)
    saved: list[AppSettings] = []
    dialog.settings_saved.connect(saved.append)
    dialog.exec()
    return saved[0] if saved else settings
