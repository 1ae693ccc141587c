"""The dossier panel's empty texts, shown by the panel (app.ui.dossier_panel) and, while the
window is built in stages, by the main window's stand-in for it: one source for both, with no
import of the panel before the list's first paint.

Their translations stay in the panel's context (« DossierPanel »), as when the panel's own
``tr`` marked them.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "DossierPanel"

NO_SELECTION = str(QT_TRANSLATE_NOOP(
    "DossierPanel",
    "Sélectionnez un dossier dans la liste pour voir son résumé, ou créez-en un nouveau "
    "(Ctrl+N)."))
OPENING_STORE = str(QT_TRANSLATE_NOOP("DossierPanel", "Ouverture de la base locale…"))


def panel_text(source: str) -> str:
    """``source`` (one of this module's texts) in the interface's language."""
    return QCoreApplication.translate(CONTEXT, source)
