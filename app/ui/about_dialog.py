"""À propos d’Accueil TI: version, questionnaire, data dir, workstation, licences."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app import __version__


class AboutDialog(QDialog):
    """The About box. Emits no signal."""

    def __init__(self, data_dir: Path, *, workstation: tuple[str, str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from app.forms.questionnaire import CURRENT_VERSION, load_questionnaire

        questionnaire = load_questionnaire(CURRENT_VERSION)
        self.setObjectName("about_dialog")
        self.setWindowTitle(self.tr("À propos d’Accueil TI"))
        self.setAccessibleName(self.tr("À propos d’Accueil TI"))

        title = QLabel(f"<h2>Accueil TI {escape(__version__)}</h2>", self)
        title.setAccessibleName(self.tr("Accueil TI version %s") % __version__)
        subtitle = QLabel(self.tr("Accueil des travailleurs indépendants en difficulté "
                                  "(dispositif Help !)"), self)
        subtitle.setWordWrap(True)
        subtitle.setAccessibleName(self.tr("Objet de l’application"))

        rows = [
            (self.tr("Version"), __version__),
            (self.tr("Questionnaire"), f"{questionnaire.title} ({questionnaire.version})"),
            (self.tr("Dossier de données"), str(data_dir)),
        ]
        if workstation:
            rows.append((self.tr("Poste de travail"), f"{workstation[0]}-{workstation[1]}"))
        rows.append((self.tr("Qt"), f"{qVersion()} (PySide6 {pyside_version})"))
        details = QLabel(
            "<table cellspacing='4'>" + "".join(
                f"<tr><td><b>{escape(k)} :</b></td><td>{escape(v)}</td></tr>" for k, v in rows)
            + "</table>", self)
        details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                        | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        details.setWordWrap(True)
        details.setAccessibleName(self.tr("Version, questionnaire et dossier de données"))
        details.setObjectName("about_details")

        licences = QLabel(self.tr(
            "<b>Licences</b><br>"
            "Qt et PySide6 : GNU LGPL version 3 (The Qt Company).<br>"
            "Polices DejaVu : licence libre DejaVu (dérivée de la licence Bitstream Vera), "
            "fournies avec l’application.<br>"
            "SQLCipher, SQLAlchemy, Alembic, ReportLab : licences BSD, MIT et apparentées."), self)
        licences.setWordWrap(True)
        licences.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        licences.setAccessibleName(self.tr("Licences"))
        licences.setObjectName("about_licences")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("Fermer"))
        close.setAccessibleName(self.tr("Fermer"))
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        for widget in (title, subtitle, details, licences):
            layout.addWidget(widget)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)
