"""F1: a short help for the page on screen, with its keyboard map.

The map is read from the window itself as far as Qt can tell it: the menu actions that have a
shortcut (their text and keys), and the buttons of the page with their Alt+letter. Keys a page
handles itself (number keys of the questionnaire, Entrée on a page) are described here, page by
page; ``tests/ui/test_help.py`` checks that every shortcut a page defines is in its map.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.ui.screen_fit import fit_to_screen


def _tr(text: object) -> str:
    """Translate a text marked with ``QT_TRANSLATE_NOOP("HelpDialog", …)``."""
    return QCoreApplication.translate("HelpDialog", str(text))


@dataclass(frozen=True)
class PageHelp:
    """What F1 says about one page: its title, what it is for, and the keys it handles itself
    (portable key sequences, "Ctrl+Return"; or words such as "1…9" for keys read by a list)."""

    title: str
    purpose: str
    keys: tuple[tuple[str, str], ...] = ()


PAGES: dict[str, PageHelp] = {
    "MainWindow": PageHelp(
        str(QT_TRANSLATE_NOOP("HelpDialog", "Liste des dossiers")),
        str(QT_TRANSLATE_NOOP("HelpDialog", "Les dossiers de ce poste, les urgents en tête. Tapez "
                              "un nom, un numéro de dossier, un NIR ou un SIRET pour chercher.")),
        (("Return", str(QT_TRANSLATE_NOOP("HelpDialog", "Ouvrir le dossier choisi dans la liste"))),
         ("Escape", str(QT_TRANSLATE_NOOP("HelpDialog", "Effacer la recherche"))),
         ("↑ ↓", str(QT_TRANSLATE_NOOP("HelpDialog", "Dossier précédent / suivant"))))),
    "IdentityPage": PageHelp(
        str(QT_TRANSLATE_NOOP("HelpDialog", "Identité de la personne")),
        str(QT_TRANSLATE_NOOP("HelpDialog", "Nom, date de naissance et au moins un moyen de la "
                              "recontacter ; les doublons sont cherchés avant la création.")),
        (("Tab", str(QT_TRANSLATE_NOOP("HelpDialog", "Champ suivant (Maj+Tab : précédent)"))),
         ("Ctrl+Return", str(QT_TRANSLATE_NOOP("HelpDialog", "Créer le dossier"))),
         ("Ctrl+Enter", str(QT_TRANSLATE_NOOP("HelpDialog", "Créer le dossier"))),
         ("Escape", str(QT_TRANSLATE_NOOP("HelpDialog", "Quitter le dossier"))))),
    "QuestionnairePage": PageHelp(
        str(QT_TRANSLATE_NOOP("HelpDialog", "Questionnaire")),
        str(QT_TRANSLATE_NOOP("HelpDialog", "Douze questions fermées ; chaque réponse est "
                              "enregistrée dès qu’elle est donnée.")),
        (("1…9", str(QT_TRANSLATE_NOOP("HelpDialog", "Choisir la réponse de ce numéro et passer "
                                       "à la question suivante"))),
         ("0", str(QT_TRANSLATE_NOOP("HelpDialog", "Ne sait pas / ne souhaite pas répondre"))),
         ("↑ ↓", str(QT_TRANSLATE_NOOP("HelpDialog", "Parcourir les réponses, puis Entrée"))),
         ("Backspace", str(QT_TRANSLATE_NOOP("HelpDialog", "Question précédente"))),
         ("Ctrl+T", str(QT_TRANSLATE_NOOP("HelpDialog", "Mode téléphone : texte à lire et "
                                          "récapitulatif"))),
         ("Escape", str(QT_TRANSLATE_NOOP("HelpDialog", "Quitter le dossier (les réponses sont "
                                          "déjà enregistrées)"))))),
    "ResultPage": PageHelp(
        str(QT_TRANSLATE_NOOP("HelpDialog", "Aides envisageables")),
        str(QT_TRANSLATE_NOOP("HelpDialog", "Les aides que la situation ouvre, avec leurs raisons, "
                              "et les organismes vers lesquels orienter.")),
        (("Return", str(QT_TRANSLATE_NOOP("HelpDialog", "Étape suivante (consentement)"))),
         ("Enter", str(QT_TRANSLATE_NOOP("HelpDialog", "Étape suivante (consentement)"))),
         ("Ctrl+Return", str(QT_TRANSLATE_NOOP("HelpDialog", "Étape suivante (consentement)"))),
         ("Ctrl+Enter", str(QT_TRANSLATE_NOOP("HelpDialog", "Étape suivante (consentement)"))),
         ("Ctrl+P", str(QT_TRANSLATE_NOOP("HelpDialog", "Aperçu de la synthèse à imprimer"))),
         ("Escape", str(QT_TRANSLATE_NOOP("HelpDialog", "Quitter le dossier"))))),
    "ConsentPage": PageHelp(
        str(QT_TRANSLATE_NOOP("HelpDialog", "Consentement")),
        str(QT_TRANSLATE_NOOP("HelpDialog", "Pour chaque organisme, la réponse de la personne ; "
                              "rien n’est transmis sans son accord.")),
        (("1…9", str(QT_TRANSLATE_NOOP("HelpDialog", "Accepte / refuse pour l’organisme de ce "
                                       "numéro"))),
         ("A", str(QT_TRANSLATE_NOOP("HelpDialog", "Accepte pour tous les organismes restants"))),
         ("Return", str(QT_TRANSLATE_NOOP("HelpDialog", "Enregistrer le consentement"))),
         ("Enter", str(QT_TRANSLATE_NOOP("HelpDialog", "Enregistrer le consentement"))),
         ("Ctrl+Return", str(QT_TRANSLATE_NOOP("HelpDialog", "Enregistrer le consentement"))),
         ("Ctrl+Enter", str(QT_TRANSLATE_NOOP("HelpDialog", "Enregistrer le consentement"))),
         ("Escape", str(QT_TRANSLATE_NOOP("HelpDialog", "Quitter le dossier"))))),
    "DocumentsPage": PageHelp(
        str(QT_TRANSLATE_NOOP("HelpDialog", "Documents")),
        str(QT_TRANSLATE_NOOP("HelpDialog", "La synthèse pour la personne, une lettre par "
                              "organisme qui a son accord, le formulaire de consentement.")),
        (("Ctrl+Shift+I", str(QT_TRANSLATE_NOOP("HelpDialog", "Tout imprimer (une seule boîte "
                                                "d’impression)"))),
         ("Ctrl+P", str(QT_TRANSLATE_NOOP("HelpDialog", "Aperçu du document choisi"))),
         ("Return", str(QT_TRANSLATE_NOOP("HelpDialog", "Aperçu du document choisi"))),
         ("Escape", str(QT_TRANSLATE_NOOP("HelpDialog", "Quitter le dossier"))))),
    "PartnerWindow": PageHelp(
        str(QT_TRANSLATE_NOOP("HelpDialog", "Espace partenaire")),
        str(QT_TRANSLATE_NOOP("HelpDialog", "Les dossiers orientés vers votre organisme et le "
                              "suivi à renvoyer à l’accueil.")),
        (("Return", str(QT_TRANSLATE_NOOP("HelpDialog", "Du dossier choisi au formulaire de "
                                          "suivi"))),)),
}


def page_help(page: QWidget | None) -> PageHelp | None:
    """The help of ``page``: its own class, else the first of its classes that has one."""
    if page is None:
        return None
    for cls in type(page).__mro__:
        if cls.__name__ in PAGES:
            return PAGES[cls.__name__]
    return None


# Key names as printed on a French keyboard (Qt says « Retour » for Entrée).
KEY_NAMES = {
    "Return": QT_TRANSLATE_NOOP("HelpDialog", "Entrée"),
    "Enter": QT_TRANSLATE_NOOP("HelpDialog", "Entrée (pavé numérique)"),
    "Backspace": QT_TRANSLATE_NOOP("HelpDialog", "Retour arrière"),
    "Shift": QT_TRANSLATE_NOOP("HelpDialog", "Maj"),
    "Escape": QT_TRANSLATE_NOOP("HelpDialog", "Échap"),
}


def key_text(keys: str) -> str:
    """A portable key sequence (« Ctrl+Return ») as the agent reads it on the keyboard
    (« Ctrl+Entrée »); words and arrows (« 1…9 », « ↑ ↓ ») are kept."""
    if not keys.isascii():
        return keys
    parts = keys.split("+") if keys != "+" else [keys]
    return "+".join(_tr(KEY_NAMES[part]) if part in KEY_NAMES else
                    QKeySequence(part).toString(QKeySequence.SequenceFormat.NativeText) or part
                    for part in parts)


def window_actions(window: QWidget) -> list[tuple[str, str]]:
    """The window's actions that have a shortcut: (keys, text), in menu order."""
    rows = []
    for action in window.findChildren(QAction):
        shortcuts = [s for s in action.shortcuts() if not s.isEmpty()]
        if not shortcuts or not action.text():
            continue
        keys = " / ".join(key_text(s.toString(QKeySequence.SequenceFormat.PortableText))
                          for s in shortcuts)
        rows.append((keys, action.text().replace("&&", "\0").replace("&", "")
                     .replace("\0", "&").rstrip("…")))
    return rows


def mnemonic(text: str) -> str | None:
    """The letter after a single « & » in a button's text, upper case."""
    index = text.replace("&&", "").find("&")
    stripped = text.replace("&&", "")
    if index < 0 or index + 1 >= len(stripped):
        return None
    return stripped[index + 1].upper()


def page_buttons(page: QWidget) -> list[tuple[str, str]]:
    """The visible buttons of ``page`` that have an Alt+letter: (keys, button text)."""
    rows = []
    alt = QKeySequence("Alt+A").toString(QKeySequence.SequenceFormat.NativeText)[:-1]
    for button in page.findChildren(QAbstractButton):
        if not button.isVisibleTo(page) or not button.isEnabled():
            continue
        letter = mnemonic(button.text())
        if letter:
            rows.append((alt + letter, button.text().replace("&", "")))
    return sorted(set(rows))


def _table(rows: Iterable[tuple[str, str]]) -> str:
    cells = "".join(f"<tr><td style='padding-right: 18px;'><b>{escape(keys)}</b></td>"
                    f"<td>{escape(text)}</td></tr>" for keys, text in rows)
    return f"<table cellspacing='0' cellpadding='3'>{cells}</table>"


HEADINGS = {
    "page": QT_TRANSLATE_NOOP("HelpDialog", "Clavier sur cette page"),
    "buttons": QT_TRANSLATE_NOOP("HelpDialog", "Boutons de la page"),
    "menus": QT_TRANSLATE_NOOP("HelpDialog", "Menus de la fenêtre"),
    "close": QT_TRANSLATE_NOOP("HelpDialog", "Échap ferme cette aide."),
}


def help_html(window: QWidget, page: QWidget | None) -> str:
    """The help of the page on screen, then the window's shortcuts."""
    heading = {name: escape(_tr(text)) for name, text in HEADINGS.items()}
    found = page_help(page) or page_help(window)
    parts = []
    if found is not None:
        parts.append(f"<h2>{escape(_tr(found.title))}</h2><p>{escape(_tr(found.purpose))}</p>")
        if found.keys:
            parts.append(f"<h3>{heading['page']}</h3>")
            parts.append(_table((key_text(k), _tr(t)) for k, t in found.keys))
    buttons = page_buttons(page) if page is not None else []
    if buttons:
        parts.append(f"<h3>{heading['buttons']}</h3>")
        parts.append(_table(buttons))
    actions = window_actions(window)
    if actions:
        parts.append(f"<h3>{heading['menus']}</h3>")
        parts.append(_table(actions))
    parts.append(f"<p><i>{heading['close']}</i></p>")
    return "".join(parts)


class HelpDialog(QDialog):
    """« Aide — clavier » for the page on screen (F1)."""

    def __init__(self, window: QWidget, page: QWidget | None = None) -> None:
        super().__init__(window)
        self.setObjectName("help_dialog")
        self.setWindowTitle(self.tr("Aide — clavier"))
        self.setAccessibleName(self.tr("Aide et raccourcis clavier de la page"))
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("help_text")
        self.browser.setAccessibleName(self.tr("Aide de la page"))
        self.browser.setOpenLinks(False)
        self.browser.setHtml(help_html(window, page))
        self.browser.setAccessibleDescription(self.browser.toPlainText())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(self.tr("Fermer l’aide"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        fm = self.fontMetrics()
        fit_to_screen(self, fm.averageCharWidth() * 80, fm.height() * 34)
        self.browser.setFocus()


def show_help(window: QWidget, page: QWidget | None = None) -> HelpDialog:
    """Open the help of ``page`` (or of ``window``) beside the window, without blocking it."""
    dialog = HelpDialog(window, page)
    dialog.show()
    dialog.activateWindow()
    return dialog
