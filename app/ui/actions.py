"""Every action of the windows, declared once: id, French text, shortcut, tooltip, menu.

The main window builds its menus, toolbar and panel buttons from these declarations (as Picard
does in ``ui/mainwindow/actions.py``), so a shortcut is defined in one place and shows up
everywhere the action does, tooltips included. The partner inbox (``app/ui/partner``) declares
its own, smaller set here the same way (:data:`PARTNER_ACTIONS`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence


def _tr(text: str) -> str:
    return QCoreApplication.translate("actions", text)


class ActionId(StrEnum):
    NEW_DOSSIER = "new_dossier"
    NEW_PHONE_DOSSIER = "new_phone_dossier"
    SEARCH = "search"
    OPEN_DOSSIER = "open_dossier"
    DOCUMENTS = "documents"
    CONSENTS = "consents"
    CORRECT_IDENTITY = "correct_identity"
    REVISE_ANSWER = "revise_answer"
    ERASE_DOSSIER = "erase_dossier"
    RESOLVE_CONFLICT = "resolve_conflict"
    REFRESH = "refresh"
    URGENT_ONLY = "urgent_only"
    SYNCHRONIZE = "synchronize"
    QUARANTINE = "quarantine"
    PARTNER_UPDATES = "partner_updates"
    PARTNER_SPACE = "partner_space"
    LOGOUT = "logout"
    SETTINGS = "settings"
    HELP = "help"
    ABOUT = "about"
    QUIT = "quit"
    # Agenda et rendez-vous (issue 16)
    SCHEDULE_CALLBACK = "schedule_callback"
    AGENDA = "agenda"
    # Liste d'appels (issue 16)
    CALL_LIST = "call_list"
    IMPORT_SIGNALS = "import_signals"
    # Tableau de bord (issue 17)
    DASHBOARD = "dashboard"


class PartnerActionId(StrEnum):
    """The partner inbox's actions (object names ``action_<id>``, as the main window's)."""

    REFRESH = "refresh"
    SEARCH = "search"
    SIGN_IN = "sign_in"
    SIGN_OUT = "sign_out"
    CLOSE = "close"
    SEND = "send"
    TO_FORM = "to_form"
    HELP = "help"
    # Agenda et rendez-vous (issue 16)
    APPOINTMENT = "appointment"
    REORIENT = "reorient"
    AGENDA = "agenda"


IdT = TypeVar("IdT", ActionId, PartnerActionId)


class Menu(StrEnum):
    FILE = "file"
    DOSSIER = "dossier"
    SYNC = "sync"
    VIEW = "view"
    HELP = "help"


MENU_TITLES = {
    Menu.FILE: str(QT_TRANSLATE_NOOP("actions", "&Fichier")),
    Menu.DOSSIER: str(QT_TRANSLATE_NOOP("actions", "&Dossier")),
    Menu.SYNC: str(QT_TRANSLATE_NOOP("actions", "&Synchronisation")),
    Menu.VIEW: str(QT_TRANSLATE_NOOP("actions", "&Affichage")),
    Menu.HELP: str(QT_TRANSLATE_NOOP("actions", "Aid&e")),
}


@dataclass(frozen=True)
class ActionSpec(Generic[IdT]):
    """One action. ``shortcuts`` are portable key sequences ("Ctrl+N"), the first one shown.

    ``widget_shortcut``: the shortcut only works while the widget the action is added to has the
    focus (Entrée opens the dossier from the list, not from the search field).
    ``disabled_tip``: the action starts disabled and its tooltip says why.
    ``in_menu``: False for an action only reached by its shortcut on one widget.
    """

    id: IdT
    text: str
    tip: str
    menu: Menu
    shortcuts: tuple[str, ...] = ()
    icon: str | None = None  # a freedesktop theme icon name; text is always shown too
    checkable: bool = False
    needs_dossier: bool = False
    widget_shortcut: bool = False
    disabled_tip: str | None = None
    separator_before: bool = False
    in_menu: bool = True


ACTIONS: tuple[ActionSpec[ActionId], ...] = (
    ActionSpec(
        ActionId.NEW_DOSSIER,
        str(QT_TRANSLATE_NOOP("actions", "&Nouveau dossier")),
        str(
            QT_TRANSLATE_NOOP(
                "actions", "Ouvrir un nouveau dossier pour la personne reçue à l’accueil"
            )
        ),
        Menu.FILE,
        ("Ctrl+N",),
        icon="document-new",
    ),
    ActionSpec(
        ActionId.NEW_PHONE_DOSSIER,
        str(QT_TRANSLATE_NOOP("actions", "Nouveau dossier par &téléphone")),
        str(
            QT_TRANSLATE_NOOP("actions", "Ouvrir un nouveau dossier pendant un appel téléphonique")
        ),
        Menu.FILE,
        ("Ctrl+Shift+N",),
        icon="call-start",
    ),
    ActionSpec(  # Liste d'appels: admin accounts and lone workstations (main window)
        ActionId.IMPORT_SIGNALS,
        str(QT_TRANSLATE_NOOP("actions", "&Importer des signalements…")),
        str(QT_TRANSLATE_NOOP("actions", "Lire un fichier CSV de signalements des partenaires "
                                         "dans la liste d’appels")),
        Menu.FILE,
        separator_before=True,
    ),
    ActionSpec(
        ActionId.SETTINGS,
        str(QT_TRANSLATE_NOOP("actions", "&Paramètres…")),
        str(
            QT_TRANSLATE_NOOP(
                "actions", "Site, nom de l’agent, serveur central, langue, mode téléphone"
            )
        ),
        Menu.FILE,
        ("Ctrl+,",),
        icon="preferences-system",
        separator_before=True,
    ),
    ActionSpec(
        ActionId.QUIT,
        str(QT_TRANSLATE_NOOP("actions", "&Quitter")),
        str(QT_TRANSLATE_NOOP("actions", "Fermer Accueil TI")),
        Menu.FILE,
        ("Ctrl+Q",),
        icon="application-exit",
        separator_before=True,
    ),
    ActionSpec(
        ActionId.OPEN_DOSSIER,
        str(QT_TRANSLATE_NOOP("actions", "&Reprendre le dossier")),
        str(QT_TRANSLATE_NOOP("actions", "Ouvrir le dossier sélectionné là où il s’est arrêté")),
        Menu.DOSSIER,
        ("Return", "Enter"),
        icon="document-open",
        needs_dossier=True,
        widget_shortcut=True,
    ),
    ActionSpec(
        ActionId.DOCUMENTS,
        str(QT_TRANSLATE_NOOP("actions", "&Documents…")),
        str(
            QT_TRANSLATE_NOOP(
                "actions",
                "Synthèse, courriers et formulaire de consentement : aperçu et impression",
            )
        ),
        Menu.DOSSIER,
        ("Ctrl+P",),
        icon="document-print",
        needs_dossier=True,
    ),
    ActionSpec(
        ActionId.CONSENTS,
        str(QT_TRANSLATE_NOOP("actions", "&Consentements…")),
        str(QT_TRANSLATE_NOOP("actions", "Consentement par organisme, révocation")),
        Menu.DOSSIER,
        ("Ctrl+K",),
        needs_dossier=True,
    ),
    ActionSpec(
        ActionId.CORRECT_IDENTITY,
        str(QT_TRANSLATE_NOOP("actions", "Corriger l’&identité…")),
        str(
            QT_TRANSLATE_NOOP(
                "actions",
                "Corriger l’identité, les coordonnées ou l’activité, avec le motif de la "
                "correction",
            )
        ),
        Menu.DOSSIER,
        ("Ctrl+E",),
        needs_dossier=True,
        separator_before=True,
    ),
    ActionSpec(
        ActionId.REVISE_ANSWER,
        str(QT_TRANSLATE_NOOP("actions", "&Modifier une réponse…")),
        str(
            QT_TRANSLATE_NOOP(
                "actions", "Changer une réponse au questionnaire, avec le motif du changement"
            )
        ),
        Menu.DOSSIER,
        ("Ctrl+Shift+E",),
        needs_dossier=True,
    ),
    ActionSpec(  # Agenda et rendez-vous
        ActionId.SCHEDULE_CALLBACK,
        str(QT_TRANSLATE_NOOP("actions", "Programmer un r&appel…")),
        str(QT_TRANSLATE_NOOP("actions", "Programmer le rappel de la personne : jour, heure, "
                                         "qui rappelle")),
        Menu.DOSSIER,
        ("Ctrl+Shift+R",),
        needs_dossier=True,
    ),
    ActionSpec(
        # No shortcut on purpose: erasing cannot be undone, it is reached through the menu.
        ActionId.ERASE_DOSSIER,
        str(QT_TRANSLATE_NOOP("actions", "E&ffacer les données de la personne…")),
        str(
            QT_TRANSLATE_NOOP(
                "actions",
                "À la demande de la personne : effacer ses données de ce poste, du serveur "
                "central, des autres postes et des partenaires",
            )
        ),
        Menu.DOSSIER,
        icon="edit-delete",
        needs_dossier=True,
    ),
    ActionSpec(
        ActionId.RESOLVE_CONFLICT,
        str(QT_TRANSLATE_NOOP("actions", "Résoudre le con&flit…")),
        str(QT_TRANSLATE_NOOP("actions", "Choisir, information par information, entre la version de ce poste et celle du serveur central")),
        Menu.DOSSIER,
        ("Ctrl+Shift+C",),
        needs_dossier=True,
        disabled_tip=str(QT_TRANSLATE_NOOP("actions", "Le dossier sélectionné n’est pas en conflit de synchronisation")),
        separator_before=True,
    ),
    ActionSpec(
        ActionId.SYNCHRONIZE,
        str(QT_TRANSLATE_NOOP("actions", "&Synchroniser")),
        str(
            QT_TRANSLATE_NOOP(
                "actions", "Envoyer les dossiers au serveur central et recevoir les mises à jour"
            )
        ),
        Menu.SYNC,
        ("F5",),
        icon="view-refresh",
    ),
    ActionSpec(
        ActionId.PARTNER_UPDATES,
        str(QT_TRANSLATE_NOOP("actions", "Suivi des &partenaires…")),
        str(QT_TRANSLATE_NOOP("actions", "Les suites données par les partenaires aux orientations, les plus récentes d’abord")),
        Menu.SYNC,
        ("Ctrl+Shift+P",),
        separator_before=True,
    ),
    ActionSpec(
        ActionId.QUARANTINE,
        str(QT_TRANSLATE_NOOP("actions", "Dossiers en &quarantaine…")),
        str(QT_TRANSLATE_NOOP("actions", "Les dossiers refusés par le serveur central, avec le motif du refus")),
        Menu.SYNC,
    ),
    ActionSpec(
        ActionId.PARTNER_SPACE,
        str(QT_TRANSLATE_NOOP("actions", "&Espace partenaire…")),
        str(QT_TRANSLATE_NOOP("actions", "Ouvrir les dossiers orientés vers un organisme partenaire, avec le compte de cet organisme (la connexion de ce poste n’est pas touchée)")),
        Menu.SYNC,
        separator_before=True,
    ),
    ActionSpec(
        ActionId.LOGOUT,
        str(QT_TRANSLATE_NOOP("actions", "Se &déconnecter du serveur central")),
        str(QT_TRANSLATE_NOOP("actions", "Arrêter la synchronisation et effacer la connexion de ce poste ; les dossiers non envoyés restent sur le poste")),
        Menu.SYNC,
        disabled_tip=str(QT_TRANSLATE_NOOP("actions", "Ce poste n’est pas connecté au serveur central")),
        separator_before=True,
    ),
    ActionSpec(
        ActionId.SEARCH,
        str(QT_TRANSLATE_NOOP("actions", "&Rechercher")),
        str(
            QT_TRANSLATE_NOOP("actions", "Rechercher un dossier : nom, n° de dossier, SIRET ou NIR")
        ),
        Menu.VIEW,
        ("Ctrl+F",),
        icon="edit-find",
    ),
    ActionSpec(
        ActionId.URGENT_ONLY,
        str(QT_TRANSLATE_NOOP("actions", "&Urgents uniquement")),
        str(QT_TRANSLATE_NOOP("actions", "N’afficher que les dossiers urgents")),
        Menu.VIEW,
        ("Ctrl+U",),
        checkable=True,
    ),
    ActionSpec(
        ActionId.REFRESH,
        str(QT_TRANSLATE_NOOP("actions", "&Actualiser la liste")),
        str(QT_TRANSLATE_NOOP("actions", "Relire la liste des dossiers")),
        Menu.VIEW,
        ("Ctrl+R",),
    ),
    ActionSpec(  # Agenda et rendez-vous
        ActionId.AGENDA,
        str(QT_TRANSLATE_NOOP("actions", "A&genda")),
        str(QT_TRANSLATE_NOOP("actions", "Les rappels et rendez-vous du jour sur le site")),
        Menu.VIEW,
        ("Ctrl+Shift+A",),
        icon="x-office-calendar",
        separator_before=True,
    ),
    ActionSpec(  # Liste d'appels
        ActionId.CALL_LIST,
        str(QT_TRANSLATE_NOOP("actions", "&Liste d’appels")),
        str(QT_TRANSLATE_NOOP("actions", "Les travailleurs signalés par les partenaires, à "
                                         "appeler dans l’ordre d’urgence")),
        Menu.VIEW,
        ("Ctrl+L",),
        icon="call-start",
        separator_before=True,
    ),
    ActionSpec(  # Tableau de bord (comptes administrateurs ; pilotage : sa seule fenêtre)
        ActionId.DASHBOARD,
        str(QT_TRANSLATE_NOOP("actions", "&Tableau de bord…")),
        str(QT_TRANSLATE_NOOP("actions", "Les chiffres de l’activité, par site, canal, "
                                         "organisme et fragilité, avec exports (comptes "
                                         "administrateurs)")),
        Menu.VIEW,
        ("Ctrl+Shift+B",),
        icon="x-office-spreadsheet",
        separator_before=True,
    ),
    ActionSpec(
        ActionId.HELP,
        str(QT_TRANSLATE_NOOP("actions", "&Aide de la page et clavier")),
        str(QT_TRANSLATE_NOOP("actions", "À quoi sert la page affichée et ses raccourcis "
                                         "clavier")),
        Menu.HELP,
        ("F1",),
        icon="help-contents",
    ),
    ActionSpec(
        ActionId.ABOUT,
        str(QT_TRANSLATE_NOOP("actions", "À &propos d’Accueil TI")),
        str(QT_TRANSLATE_NOOP("actions", "Version, questionnaire, dossier de données, licences")),
        Menu.HELP,
        (),
        icon="help-about",
    ),
)

SPECS = {spec.id: spec for spec in ACTIONS}

# The partner inbox: File (read, search, sign in and out, close), Dossier (send the follow-up),
# Help; Entrée in the list goes to the follow-up form.
PARTNER_ACTIONS: tuple[ActionSpec[PartnerActionId], ...] = (
    ActionSpec(
        PartnerActionId.REFRESH,
        str(QT_TRANSLATE_NOOP("actions", "&Actualiser")),
        str(QT_TRANSLATE_NOOP("actions", "Relire les dossiers orientés vers votre organisme")),
        Menu.FILE,
        ("F5",),
    ),
    ActionSpec(
        PartnerActionId.SEARCH,
        str(QT_TRANSLATE_NOOP("actions", "&Rechercher")),
        str(QT_TRANSLATE_NOOP("actions", "Rechercher un dossier : nom ou n°")),
        Menu.FILE,
        ("Ctrl+F",),
    ),
    ActionSpec(
        PartnerActionId.SIGN_IN,
        str(QT_TRANSLATE_NOOP("actions", "Se &connecter…")),
        str(QT_TRANSLATE_NOOP("actions", "Se connecter avec le compte de votre organisme")),
        Menu.FILE,
        separator_before=True,
    ),
    ActionSpec(
        PartnerActionId.SIGN_OUT,
        str(QT_TRANSLATE_NOOP("actions", "Se &déconnecter")),
        str(QT_TRANSLATE_NOOP("actions",
                              "Fermer la session de votre compte partenaire sur ce poste")),
        Menu.FILE,
    ),
    ActionSpec(
        PartnerActionId.CLOSE,
        str(QT_TRANSLATE_NOOP("actions", "&Fermer")),
        str(QT_TRANSLATE_NOOP("actions", "Fermer l’espace partenaire")),
        Menu.FILE,
        ("Ctrl+W",),
        separator_before=True,
    ),
    ActionSpec(
        PartnerActionId.SEND,
        str(QT_TRANSLATE_NOOP("actions", "&Envoyer au guichet")),
        str(QT_TRANSLATE_NOOP("actions",
                              "Envoyer le suivi au guichet qui a orienté la personne")),
        Menu.DOSSIER,
        ("Ctrl+Return", "Ctrl+Enter"),
    ),
    ActionSpec(
        PartnerActionId.TO_FORM,
        str(QT_TRANSLATE_NOOP("actions", "Saisir le suivi")),
        str(QT_TRANSLATE_NOOP("actions", "Saisir le suivi")),
        Menu.DOSSIER,
        ("Return", "Enter"),
        widget_shortcut=True,
        in_menu=False,
    ),
    ActionSpec(
        PartnerActionId.HELP,
        str(QT_TRANSLATE_NOOP("actions", "&Aide de la page et clavier")),
        str(QT_TRANSLATE_NOOP("actions", "À quoi sert cet espace et ses raccourcis clavier")),
        Menu.HELP,
        ("F1",),
    ),
    # Agenda et rendez-vous
    ActionSpec(
        PartnerActionId.APPOINTMENT,
        str(QT_TRANSLATE_NOOP("actions", "Re&ndez-vous…")),
        str(QT_TRANSLATE_NOOP("actions", "Proposer ou fixer un rendez-vous avec la personne, "
                                         "ou changer un rendez-vous")),
        Menu.DOSSIER,
        ("Ctrl+Shift+D",),
        separator_before=True,
    ),
    ActionSpec(
        PartnerActionId.REORIENT,
        str(QT_TRANSLATE_NOOP("actions", "Ré&orienter…")),
        str(QT_TRANSLATE_NOOP("actions", "Orienter la personne vers un autre organisme")),
        Menu.DOSSIER,
        ("Ctrl+Shift+O",),
    ),
    ActionSpec(
        PartnerActionId.AGENDA,
        str(QT_TRANSLATE_NOOP("actions", "A&genda")),
        str(QT_TRANSLATE_NOOP("actions", "Les rendez-vous du jour de votre organisme")),
        Menu.FILE,
        ("Ctrl+Shift+A",),
    ),
)

PARTNER_SPECS = {spec.id: spec for spec in PARTNER_ACTIONS}


def shortcut_text(spec: ActionSpec[Any]) -> str:
    """The first shortcut as the user's platform writes it ("Ctrl+N"), or ""."""
    if not spec.shortcuts:
        return ""
    return QKeySequence(spec.shortcuts[0]).toString(QKeySequence.SequenceFormat.NativeText)


def tooltip(spec: ActionSpec[Any], *, enabled: bool = True) -> str:
    """The tooltip: what the action does, and its shortcut; why it is off when it is off."""
    tip = _tr(spec.tip)
    if not enabled and spec.disabled_tip:
        tip = _tr(spec.disabled_tip)
    keys = shortcut_text(spec)
    return f"{tip} ({keys})" if keys else tip


def create_actions(parent: QObject) -> dict[ActionId, QAction]:
    """One QAction per declaration of the main window, owned by ``parent`` (not yet
    connected)."""
    return _create(parent, ACTIONS)


def create_partner_actions(parent: QObject) -> dict[PartnerActionId, QAction]:
    """One QAction per declaration of the partner inbox, owned by ``parent`` (not yet
    connected). Their status tip names the shortcut too, as their tooltip does."""
    actions = _create(parent, PARTNER_ACTIONS)
    for action in actions.values():
        action.setStatusTip(action.toolTip())
    return actions


def _create(parent: QObject, specs: Iterable[ActionSpec[IdT]]) -> dict[IdT, QAction]:
    actions: dict[IdT, QAction] = {}
    for spec in specs:
        action = QAction(_tr(spec.text), parent)
        action.setObjectName(f"action_{spec.id.value}")
        if spec.icon:
            action.setIcon(QIcon.fromTheme(spec.icon))
        if spec.shortcuts:
            action.setShortcuts([QKeySequence(k) for k in spec.shortcuts])
            context = (
                Qt.ShortcutContext.WidgetWithChildrenShortcut
                if spec.widget_shortcut
                else Qt.ShortcutContext.WindowShortcut
            )
            action.setShortcutContext(context)
        action.setCheckable(spec.checkable)
        enabled = spec.disabled_tip is None
        action.setEnabled(enabled)
        action.setToolTip(tooltip(spec, enabled=enabled))
        action.setStatusTip(_tr(spec.tip if enabled else spec.disabled_tip or spec.tip))
        action.setData(spec.id.value)
        actions[spec.id] = action
    return actions


def menu_title(menu: Menu) -> str:
    return _tr(MENU_TITLES[menu])
