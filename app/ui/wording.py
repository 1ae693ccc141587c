"""French wording of the codes the rules and the store use (statuses, channels, consent modes,
identity issues…). Source strings are French and go through ``tr`` so the English translation
applies; the rules themselves only ever return codes.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.forms.identity import IssueCode
from app.forms.questionnaire import Questionnaire

CONTEXT = "wording"


def _tr(text: object) -> str:
    """Translate a source string marked with ``QT_TRANSLATE_NOOP(CONTEXT, …)``.

    Literal strings must be marked where they are written: lupdate only sees literals.
    """
    return QCoreApplication.translate(CONTEXT, str(text))


def labelled(label: str, value: str) -> str:
    """« Label : value » in French, « Label: value » in English."""
    return (
        QCoreApplication.translate("wording", "%1 : %2").replace("%1", label).replace("%2", value)
    )


def channel_label(code: str) -> str:
    return _tr(
        {
            "accueil": QT_TRANSLATE_NOOP("wording", "Accueil"),
            "telephone": QT_TRANSLATE_NOOP("wording", "Téléphone"),
            "traitement_dossier": QT_TRANSLATE_NOOP("wording", "Traitement de dossier"),
        }.get(code, code)
    )


def status_label(code: str) -> str:
    return _tr(
        {
            "brouillon": QT_TRANSLATE_NOOP("wording", "Brouillon"),
            "complet": QT_TRANSLATE_NOOP("wording", "Questionnaire complet"),
            "oriente": QT_TRANSLATE_NOOP("wording", "Orienté"),
            "clos": QT_TRANSLATE_NOOP("wording", "Clos"),
        }.get(code, code)
    )


def consent_mode_label(code: str) -> str:
    return _tr(
        {
            "signe_accueil": QT_TRANSLATE_NOOP("wording", "Signé à l’accueil"),
            "oral_telephone": QT_TRANSLATE_NOOP("wording", "Accord oral par téléphone"),
        }.get(code, code)
    )


def orientation_status_label(code: str) -> str:
    return _tr(
        {
            "a_transmettre": QT_TRANSLATE_NOOP("wording", "À transmettre"),
            "transmise": QT_TRANSLATE_NOOP("wording", "Transmise"),
            "recue": QT_TRANSLATE_NOOP("wording", "Reçue"),
            "en_cours": QT_TRANSLATE_NOOP("wording", "En cours"),
            "contact_pris": QT_TRANSLATE_NOOP("wording", "Contact pris"),
            "cloturee": QT_TRANSLATE_NOOP("wording", "Clôturée"),
        }.get(code, code)
    )


def outcome_label(code: str | None) -> str:
    return _tr(
        {
            "aide_accordee": QT_TRANSLATE_NOOP("wording", "Aide accordée"),
            "aide_refusee": QT_TRANSLATE_NOOP("wording", "Aide refusée"),
            "sans_suite": QT_TRANSLATE_NOOP("wording", "Sans suite"),
        }.get(code or "", "")
    )


def sync_state_label(code: str) -> str:
    return _tr(
        {
            "local": QT_TRANSLATE_NOOP("wording", "Local uniquement"),
            "sending": QT_TRANSLATE_NOOP("wording", "Envoi en cours"),
            "synced": QT_TRANSLATE_NOOP("wording", "Synchronisé"),
            "conflict": QT_TRANSLATE_NOOP("wording", "Conflit à résoudre"),
            "quarantined": QT_TRANSLATE_NOOP("wording", "Refusé par le serveur"),
        }.get(code, code)
    )


FIELD_LABELS_SOURCE: dict[str, object] = {
    "nom": QT_TRANSLATE_NOOP("wording", "Nom"),
    "prenom": QT_TRANSLATE_NOOP("wording", "Prénom"),
    "nom_naissance": QT_TRANSLATE_NOOP("wording", "Nom de naissance"),
    "date_naissance": QT_TRANSLATE_NOOP("wording", "Date de naissance"),
    "nir": QT_TRANSLATE_NOOP("wording", "N° de sécurité sociale (NIR)"),
    "siret": QT_TRANSLATE_NOOP("wording", "SIRET"),
    "telephone": QT_TRANSLATE_NOOP("wording", "Téléphone"),
    "email": QT_TRANSLATE_NOOP("wording", "Courriel"),
    "adresse": QT_TRANSLATE_NOOP("wording", "Adresse"),
    "code_postal": QT_TRANSLATE_NOOP("wording", "Code postal"),
    "commune": QT_TRANSLATE_NOOP("wording", "Commune"),
    "debut_activite": QT_TRANSLATE_NOOP("wording", "Début d’activité indépendante"),
    "statut": QT_TRANSLATE_NOOP("wording", "Statut"),
    "foyer": QT_TRANSLATE_NOOP("wording", "Personnes au foyer"),
    "activite_principale": QT_TRANSLATE_NOOP("wording", "Activité indépendante principale"),
    "departement": QT_TRANSLATE_NOOP("wording", "Département"),
}


def field_label(name: str) -> str:
    return _tr(FIELD_LABELS_SOURCE.get(name, name))


def issue_message(field: str, code: IssueCode) -> str:
    """What to tell the agent next to a field, naming what is allowed."""
    specific: dict[tuple[str, IssueCode], object] = {
        ("nir", IssueCode.INVALID_LENGTH): QT_TRANSLATE_NOOP(
            "wording", "Le NIR compte 15 caractères, clé comprise (13 + 2)."
        ),
        ("nir", IssueCode.INVALID_FORMAT): QT_TRANSLATE_NOOP(
            "wording",
            "Le NIR commence par 1, 2, 7 ou 8 et ne contient que des chiffres "
            "(2A/2B pour la Corse).",
        ),
        ("siret", IssueCode.INVALID_LENGTH): QT_TRANSLATE_NOOP(
            "wording", "Le SIRET compte 14 chiffres."
        ),
        ("siret", IssueCode.INVALID_FORMAT): QT_TRANSLATE_NOOP(
            "wording", "Le SIRET ne contient que des chiffres."
        ),
        ("telephone", IssueCode.INVALID_FORMAT): QT_TRANSLATE_NOOP(
            "wording",
            "Numéro français attendu : 10 chiffres commençant par 0, ou +33 suivi de 9 chiffres.",
        ),
        ("email", IssueCode.INVALID_FORMAT): QT_TRANSLATE_NOOP(
            "wording", "Adresse attendue sous la forme nom@exemple.fr."
        ),
        ("code_postal", IssueCode.INVALID_FORMAT): QT_TRANSLATE_NOOP(
            "wording", "Code postal français à 5 chiffres."
        ),
        ("adresse", IssueCode.TOO_LONG): QT_TRANSLATE_NOOP("wording", "200 caractères au plus."),
    }
    general: dict[IssueCode, object] = {
        IssueCode.REQUIRED: QT_TRANSLATE_NOOP("wording", "À renseigner."),
        IssueCode.TOO_LONG: QT_TRANSLATE_NOOP("wording", "Trop long."),
        IssueCode.INVALID_CHARACTERS: QT_TRANSLATE_NOOP(
            "wording", "Lettres, espaces, traits d’union et apostrophes uniquement."
        ),
        IssueCode.INVALID_LENGTH: QT_TRANSLATE_NOOP("wording", "Longueur incorrecte."),
        IssueCode.INVALID_CHECKSUM: QT_TRANSLATE_NOOP(
            "wording", "La clé de contrôle ne correspond pas : vérifiez les chiffres."
        ),
        IssueCode.BIRTH_MISMATCH: QT_TRANSLATE_NOOP(
            "wording", "Ne correspond pas à la date de naissance (année et mois, positions 2 à 5)."
        ),
        IssueCode.INVALID_DATE: QT_TRANSLATE_NOOP("wording", "Date attendue au format JJ/MM/AAAA."),
        IssueCode.IN_FUTURE: QT_TRANSLATE_NOOP(
            "wording", "La date ne peut pas être dans le futur."
        ),
        IssueCode.TOO_OLD: QT_TRANSLATE_NOOP("wording", "Date trop ancienne (plus de 120 ans)."),
        IssueCode.TOO_YOUNG: QT_TRANSLATE_NOOP(
            "wording", "La personne doit avoir au moins 16 ans."
        ),
        IssueCode.BEFORE_BIRTH: QT_TRANSLATE_NOOP(
            "wording", "Le début d’activité ne peut pas précéder la naissance."
        ),
        IssueCode.INVALID_FORMAT: QT_TRANSLATE_NOOP("wording", "Format incorrect."),
    }
    return _tr(specific.get((field, code), general[code]))


# --------------------------------------------------------------------------- dossier workflow


def duration_label(months: int) -> str:
    """« 22 ans et 2 mois », « 1 an », « 5 mois » from a number of whole months."""
    years, rest = divmod(max(0, months), 12)
    year_text = (
        QCoreApplication.translate("wording", "%n an")
        if years == 1
        else QCoreApplication.translate("wording", "%n ans")
    ).replace("%n", str(years))
    month_text = QCoreApplication.translate("wording", "%n mois").replace("%n", str(rest))
    if years and rest:
        return (
            QCoreApplication.translate("wording", "%1 et %2")
            .replace("%1", year_text)
            .replace("%2", month_text)
        )
    return year_text if years else month_text


def reason_label(questionnaire: Questionnaire, reason: str) -> str:
    """A rule's reason (``Q01=dette``, ``anciennete_mois=266``…) in words for the agent."""
    fact, _, value = reason.partition("=")
    if fact in questionnaire.question_ids:
        question = questionnaire.question(fact)
        try:
            label = questionnaire.answer_label(fact, value)
        except KeyError:
            label = value
        return labelled(question.theme, label)
    if fact == "anciennete_mois" and value.lstrip("-").isdigit():
        return QCoreApplication.translate("wording", "Ancienneté : %1").replace(
            "%1", duration_label(int(value))
        )
    if fact == "age_ans" and value.lstrip("-").isdigit():
        years = int(value)
        return QCoreApplication.translate("wording", "Âge : %1").replace(
            "%1",
            (
                QCoreApplication.translate("wording", "%n an")
                if years == 1
                else QCoreApplication.translate("wording", "%n ans")
            ).replace("%n", str(years)),
        )
    if fact == "activite_principale":
        return (
            QCoreApplication.translate("wording", "Activité indépendante principale")
            if value == "true"
            else QCoreApplication.translate("wording", "Activité indépendante non principale")
        )
    try:
        spec = questionnaire.profile_field(fact)
    except KeyError:
        return reason
    if spec.kind == "code":
        label = next((v.label for v in spec.values if v.code == value), value)
        return labelled(field_label(fact), label)
    return labelled(field_label(fact), value)


def duplicate_reason_label(code: str) -> str:
    return {
        "nir": QCoreApplication.translate("wording", "même NIR"),
        "siret": QCoreApplication.translate("wording", "même SIRET"),
        "nom_date_naissance": QCoreApplication.translate(
            "wording", "même nom, prénom et date de naissance"
        ),
    }.get(code, code)


def document_label(kind: str, organisme_name: str | None = None) -> str:
    if kind == "summary":
        return QCoreApplication.translate(
            "wording", "Synthèse pour la personne (ses aides et ses contacts)"
        )
    if kind == "letter":
        return QCoreApplication.translate("wording", "Courrier d’orientation — %1").replace(
            "%1", organisme_name or ""
        )
    if kind == "consent":
        return QCoreApplication.translate("wording", "Formulaire de consentement")
    return kind


DEPARTEMENT_MESSAGE = "Département attendu : 01 à 95, 2A, 2B ou 971 à 976."


def departement_message() -> str:
    return _tr(DEPARTEMENT_MESSAGE)


# --------------------------------------------------------------------------- main window


def organisme_label(code: str) -> str:
    """Short name of an organisme, as in the dossier list and the side panel."""
    return {
        "urssaf": QCoreApplication.translate("wording", "Urssaf"),
        "assurance_maladie": QCoreApplication.translate("wording", "Assurance Maladie"),
        "service_social": QCoreApplication.translate("wording", "Service social"),
        "caf": QCoreApplication.translate("wording", "Caf"),
        "assurance_retraite": QCoreApplication.translate("wording", "Assurance retraite"),
    }.get(code, code)


def consent_given_label(given: bool) -> str:
    return (
        QCoreApplication.translate("wording", "Accordé")
        if given
        else QCoreApplication.translate("wording", "Refusé")
    )


PERIODS = ("all", "7d", "30d", "12m")


def period_label(code: str) -> str:
    """The list's period filter: how recently the dossiers were created."""
    return {
        "all": QCoreApplication.translate("wording", "Toutes les dates"),
        "7d": QCoreApplication.translate("wording", "Créés depuis 7 jours"),
        "30d": QCoreApplication.translate("wording", "Créés depuis 30 jours"),
        "12m": QCoreApplication.translate("wording", "Créés depuis 12 mois"),
    }.get(code, code)


def language_label(code: str) -> str:
    # Each language is named in itself, so an agent can find theirs whatever the current one.
    return {"fr": "Français", "en": "English"}.get(code, code)
