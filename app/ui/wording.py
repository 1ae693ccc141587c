"""French wording of the codes the rules and the store use (statuses, channels, consent modes,
identity issues…). Source strings are French and go through ``tr`` so the English translation
applies; the rules themselves only ever return codes.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.forms.codes import COUNTER_STATUSES
from app.forms.identity import IssueCode, spaced_nir, spaced_siret

if TYPE_CHECKING:
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


def aid_short_name(title: str) -> str:
    """An aid's acronym when its title ends with one (« … (ACED) » → « ACED »), else its title."""
    head, open_paren, tail = title.rpartition(" (")
    if open_paren and tail.endswith(")") and tail[:-1].isupper():
        return tail[:-1]
    return title


def and_list(items: list[str]) -> str:
    """« A », « A et B », « A, B et C »."""
    if len(items) < 2:
        return "".join(items)
    return (
        QCoreApplication.translate("wording", "%1 et %2")
        .replace("%1", ", ".join(items[:-1]))
        .replace("%2", items[-1])
    )


def missing_field_label(name: str) -> str:
    """A profile field left empty, as it completes « … ne peuvent pas être examinées : »."""
    known = {
        "debut_activite": QCoreApplication.translate(
            "wording", "date de début d’activité manquante"),
        "activite_principale": QCoreApplication.translate(
            "wording", "activité principale (oui ou non) non renseignée"),
        "date_naissance": QCoreApplication.translate("wording", "date de naissance manquante"),
        "statut": QCoreApplication.translate("wording", "statut non renseigné"),
    }
    if name in known:
        return known[name]
    return QCoreApplication.translate("wording", "« %1 » non renseigné").replace(
        "%1", field_label(name))


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
    if kind == "convocation":  # Agenda et rendez-vous
        if organisme_name:
            return QCoreApplication.translate("wording", "Convocation — %1").replace(
                "%1", organisme_name)
        return QCoreApplication.translate("wording", "Convocation (rappel du guichet)")
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


# --------------------------------------------------------------------------- dates and numbers
# One way of writing a day and a moment in the whole window: « 14/05/1963 », « 20/11/2026 10:30 ».

DATE_FORMAT = "%d/%m/%Y"
TIME_FORMAT = "%H:%M"
DATE_TIME_FORMAT = f"{DATE_FORMAT} {TIME_FORMAT}"
# Identity and profile fields that hold a day (ISO dates in records and in the store's answers).
DATE_FIELDS = frozenset({"date_naissance", "debut_activite"})


def short_date(value: object, *, with_time: bool = False) -> str:
    """An ISO date or date-time as « 14/05/1963 » (« 14/05/1963 10:42 »); other values as is."""
    from datetime import date as _date

    if not isinstance(value, str) or not value:
        return "" if value is None else str(value)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if len(value) == 10:
        return _date(moment.year, moment.month, moment.day).strftime(DATE_FORMAT)
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime(DATE_TIME_FORMAT if with_time else DATE_FORMAT)


def local_datetime(moment: datetime | None, *, seconds: bool = False, at: bool = False) -> str:
    """« 20/11/2026 10:30 » in the workstation's time zone ('' when unknown); with ``seconds``
    « 20/11/2026 10:30:05 », with ``at`` « 20/11/2026 à 10:30 »."""
    if moment is None:
        return ""
    time_format = f"{TIME_FORMAT}:%S" if seconds else TIME_FORMAT
    return moment.astimezone().strftime(f"{DATE_FORMAT} {'à ' if at else ''}{time_format}")


def local_date(moment: datetime) -> str:
    """« 20/11/2026 » in the workstation's time zone."""
    return moment.astimezone().strftime(DATE_FORMAT)


def iso_datetime(value: str, *, seconds: bool = False, at: bool = False) -> str:
    """An ISO date-time as :func:`local_datetime` shows it; text that is not one, as is."""
    try:
        return local_datetime(datetime.fromisoformat(value), seconds=seconds, at=at)
    except ValueError:
        return value


def local_time(moment: datetime) -> str:
    """« 10:30 » in the workstation's time zone."""
    return moment.astimezone().strftime(TIME_FORMAT)


def grouped(number: int) -> str:
    """2000 -> « 2 000 » (no-break space between thousands)."""
    return f"{number:,}".replace(",", "\u00a0")


# --------------------------------------------------------------------------- sync: conflicts and
# quarantine (the sections of a dossier the agent chooses between, the store's refusals)


def not_filled_label() -> str:
    return QCoreApplication.translate("wording", "non renseigné")


def yes_no_label(value: object) -> str:
    return (
        QCoreApplication.translate("wording", "Oui")
        if value
        else QCoreApplication.translate("wording", "Non")
    )


def questionnaire_or_none(version: object) -> Questionnaire | None:
    from app.forms.questionnaire import CURRENT_VERSION, QuestionnaireError, load_questionnaire

    try:
        return load_questionnaire(str(version or CURRENT_VERSION))
    except (QuestionnaireError, OSError):
        return None


def question_label(questionnaire: Questionnaire | None, question_id: str) -> str:
    """A question's short label: « Cotisations (Q01) »."""
    if questionnaire is not None and question_id in questionnaire.question_ids:
        theme = questionnaire.question(question_id).theme
        return (
            QCoreApplication.translate("wording", "%1 (%2)")
            .replace("%1", theme)
            .replace("%2", question_id)
        )
    return question_id


def profile_field_label(questionnaire: Questionnaire | None, name: str) -> str:
    if name in FIELD_LABELS_SOURCE:
        return field_label(name)
    if questionnaire is not None:
        try:
            return questionnaire.profile_field(name).label
        except KeyError:
            pass
    return name


def difference_label(key: str, questionnaire: Questionnaire | None) -> str:
    """The label of a conflict section (``identity.nom``, ``answers.Q01``, ``consents``…)."""
    section, _, name = key.partition(".")
    if section == "identity":
        return field_label(name)
    if section == "profile":
        return profile_field_label(questionnaire, name)
    if section == "answers":
        return question_label(questionnaire, name)
    return {
        "consents": QCoreApplication.translate("wording", "Consentements"),
        "orientations": QCoreApplication.translate("wording", "Orientations et suivi"),
        "status": QCoreApplication.translate("wording", "Statut du dossier"),
        "urgent": QCoreApplication.translate("wording", "Urgence"),
    }.get(key, key)


def difference_detail(key: str, questionnaire: Questionnaire | None) -> str:
    """More about a conflict section: the question's full text for an answer, else ''."""
    section, _, name = key.partition(".")
    if section == "answers" and questionnaire is not None and name in questionnaire.question_ids:
        return questionnaire.question(name).text
    return ""


def consent_line(consent: dict[str, object]) -> str:
    """« Urssaf : accordé, signé à l’accueil le 23/11/2026 » (révoqué, refusé…)."""
    organisme = organisme_label(str(consent.get("organisme", "")))
    when = short_date(consent.get("at"))
    if consent.get("given"):
        text = (
            QCoreApplication.translate("wording", "accordé (%1) le %2")
            .replace("%1", consent_mode_label(str(consent.get("mode", ""))).lower())
            .replace("%2", when)
        )
        if consent.get("revoked_at"):
            text += QCoreApplication.translate("wording", ", révoqué le %1").replace(
                "%1", short_date(consent.get("revoked_at"))
            )
    else:
        text = QCoreApplication.translate("wording", "refusé le %1").replace("%1", when)
    return labelled(organisme, text)


def orientation_line(orientation: dict[str, object]) -> str:
    """« Urssaf : En cours — Aide accordée — « rappel lundi » »."""
    parts = [orientation_status_label(str(orientation.get("status", "")))]
    outcome = outcome_label(str(orientation.get("outcome") or ""))
    if outcome:
        parts.append(outcome)
    if orientation.get("note"):
        parts.append(
            QCoreApplication.translate("wording", "« %1 »").replace(
                "%1", str(orientation["note"])
            )
        )
    return labelled(organisme_label(str(orientation.get("organisme", ""))), " — ".join(parts))


def difference_lines(key: str, value: object, questionnaire: Questionnaire | None) -> list[str]:
    """A conflict section's value in words, one line per consent or orientation."""
    section, _, name = key.partition(".")
    if value is None:
        if section == "answers":
            return [QCoreApplication.translate("wording", "pas de réponse")]
        return [not_filled_label()]
    if section == "answers":
        if questionnaire is not None and name in questionnaire.question_ids:
            try:
                return [questionnaire.answer_label(name, str(value))]
            except KeyError:
                pass
        return [str(value)]
    if section in ("identity", "profile"):
        spec = None
        if questionnaire is not None and section == "profile":
            try:
                spec = questionnaire.profile_field(name)
            except KeyError:
                spec = None
        if isinstance(value, bool) or (spec is not None and spec.kind == "bool"):
            return [yes_no_label(value)]
        if spec is not None and spec.kind == "code":
            return [next((v.label for v in spec.values if v.code == value), str(value))]
        if name in DATE_FIELDS:
            return [short_date(value)]
        return [str(value)] if str(value).strip() else [not_filled_label()]
    if key == "status":
        return [status_label(str(value))]
    if key == "urgent":
        return [
            QCoreApplication.translate("wording", "Urgent")
            if value
            else QCoreApplication.translate("wording", "Non urgent")
        ]
    if key in ("consents", "orientations") and isinstance(value, list):
        items = [v for v in value if isinstance(v, dict)]
        order = {"urssaf": 0, "assurance_maladie": 1, "service_social": 2, "caf": 3,
                 "assurance_retraite": 4}
        items.sort(key=lambda v: order.get(str(v.get("organisme")), 9))
        if not items:
            return [
                QCoreApplication.translate("wording", "Aucun consentement")
                if key == "consents"
                else QCoreApplication.translate("wording", "Aucune orientation")
            ]
        line = consent_line if key == "consents" else orientation_line
        return [line(v) for v in items]
    return [str(value)]


def field_path_label(path: str, questionnaire: Questionnaire | None) -> str:
    """A field named by the store (``identity.nir``, ``answers.Q01``, ``consents[2].mode``)
    in words."""
    import re

    head, _, rest = path.partition(".")
    if head in ("identity", "profile", "answers") and rest:
        return difference_label(path, questionnaire)
    indexed = re.fullmatch(r"(consents|orientations|printed)\[(\d+)\]", head)
    if indexed:
        kind, number = indexed.groups()
        text = {
            "consents": QCoreApplication.translate("wording", "Consentement n° %1"),
            "orientations": QCoreApplication.translate("wording", "Orientation n° %1"),
            "printed": QCoreApplication.translate("wording", "Document imprimé n° %1"),
        }[kind]
        return text.replace("%1", number)
    if head in FIELD_LABELS_SOURCE and not rest:
        return field_label(head)
    return {
        "number": QCoreApplication.translate("wording", "N° de dossier"),
        "revision": QCoreApplication.translate("wording", "Révision du dossier"),
        "site": QCoreApplication.translate("wording", "Site"),
        "id": QCoreApplication.translate("wording", "Identifiant du dossier"),
        "questionnaire": QCoreApplication.translate("wording", "Version du questionnaire"),
        "status": QCoreApplication.translate("wording", "Statut du dossier"),
        "channel": QCoreApplication.translate("wording", "Canal"),
        "urgent": QCoreApplication.translate("wording", "Urgence"),
        "agent": QCoreApplication.translate("wording", "Agent"),
        "created_at": QCoreApplication.translate("wording", "Date de création"),
        "updated_at": QCoreApplication.translate("wording", "Date de mise à jour"),
        "identity": QCoreApplication.translate("wording", "Identité"),
        "profile": QCoreApplication.translate("wording", "Situation"),
        "answers": QCoreApplication.translate("wording", "Réponses"),
        "consents": QCoreApplication.translate("wording", "Consentements"),
        "orientations": QCoreApplication.translate("wording", "Orientations"),
    }.get(head, path)


def refusal_label(reason: str, questionnaire: Questionnaire | None = None) -> str:
    """The central store's reason for refusing a dossier (``identity.nir: '1630' is not
    allowed (invalid_length); expected …``) as a sentence in French naming the field."""
    import re

    text = reason.strip()
    if text.startswith("the store's version cannot be applied here"):
        return QCoreApplication.translate(
            "wording",
            "La version du serveur central de ce dossier ne peut pas être enregistrée sur ce "
            "poste.",
        )
    if text.startswith("refused by the store"):
        return QCoreApplication.translate("wording", "Le serveur central a refusé ce dossier.")
    path, sep, problem = text.partition(": ")
    if not sep or " " in path:
        return QCoreApplication.translate("wording", "Le serveur central a refusé ce dossier.")
    label = field_path_label(path, questionnaire)
    value_match = re.match(
        r"(?P<value>'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|\S+) (?:is not allowed"
        r"(?: \((?P<code>[a-z_]+)\))?;|is not an answer;|has no consent given|is already used"
        r"|is not a date)",
        problem,
    )
    value = ""
    code = None
    if value_match:
        value = value_match.group("value")
        if value[:1] in ("'", '"'):
            value = value[1:-1]
        code = value_match.group("code")
    if path.startswith("site") and ("another site" in problem or "cannot be pushed" in problem):
        return QCoreApplication.translate(
            "wording",
            "Ce dossier appartient à un autre site : ce poste ne peut pas l’envoyer au "
            "serveur central.",
        )
    if path == "number" and "is already used" in problem:
        return QCoreApplication.translate(
            "wording",
            "Le n° de dossier « %1 » est déjà utilisé par un autre dossier sur le serveur central.",
        ).replace("%1", value)
    if path == "number" and "never changes" in problem:
        return QCoreApplication.translate("wording", "Le n° d’un dossier ne peut pas changer.")
    if "has no consent given" in problem:
        return QCoreApplication.translate(
            "wording",
            "L’orientation vers %1 n’a pas de consentement accordé : recueillez le "
            "consentement de la personne ou retirez cette orientation.",
        ).replace("%1", organisme_label(value))
    if "is before the birth date" in problem:
        return QCoreApplication.translate(
            "wording", "La date de début d’activité précède la date de naissance."
        )
    if "unknown field" in problem or "unknown key" in problem:
        return QCoreApplication.translate(
            "wording", "Le champ « %1 » n’est pas connu du serveur central."
        ).replace("%1", label)
    if "NUL character" in problem:
        return QCoreApplication.translate(
            "wording", "« %1 » contient un caractère invisible interdit."
        ).replace("%1", label)
    if "appears twice" in problem:
        return QCoreApplication.translate(
            "wording", "« %1 » : un seul consentement par organisme est permis."
        ).replace("%1", label)
    length = re.search(r"expected a text of at most (\d+) characters", problem)
    if length:
        return (
            QCoreApplication.translate(
                "wording", "« %1 » : texte attendu, de %2 caractères au plus."
            )
            .replace("%1", label)
            .replace("%2", length.group(1))
        )
    if "is not a date" in problem:
        return QCoreApplication.translate(
            "wording", "« %1 » : date attendue au format JJ/MM/AAAA."
        ).replace("%1", label)
    withheld = re.match(r"the value given is not allowed \((?P<code>[a-z_]+)\)", problem)
    head, _, field_name = path.partition(".")
    if withheld and head == "identity" and withheld.group("code") in {c.value for c in IssueCode}:
        # The store no longer repeats an identity value (personal data): the rule is enough.
        return (QCoreApplication.translate(
            "wording", "Le serveur central n’accepte pas la valeur donnée pour « %1 ».")
            .replace("%1", label) + " " + issue_message(field_name, IssueCode(withheld.group(
                "code"))))
    if value_match:
        sentence = (
            QCoreApplication.translate(
                "wording", "Le serveur central n’accepte pas la valeur « %1 » pour « %2 »."
            )
            .replace("%1", value)
            .replace("%2", label)
        )
        if head == "identity" and code in {c.value for c in IssueCode}:
            sentence += " " + issue_message(field_name, IssueCode(code))
        return sentence
    return QCoreApplication.translate(
        "wording", "Le serveur central a refusé « %1 »."
    ).replace("%1", label)


# --------------------------------------------------------------------------- partner inbox
# The words of a partner organisme's inbox (app/ui/partner): its follow-up statuses and the
# dossier's values as the central store sends them.

CLOSED_LABELS: dict[str, object] = {
    "aide_accordee": QT_TRANSLATE_NOOP("wording", "Clôturée — aide accordée"),
    "aide_refusee": QT_TRANSLATE_NOOP("wording", "Clôturée — aide refusée"),
    "sans_suite": QT_TRANSLATE_NOOP("wording", "Clôturée — sans suite"),
}


def follow_up_label(status: str, outcome: str | None = None) -> str:
    """« Reçue », « Contact pris », « Clôturée — aide accordée »… as the partner reads them."""
    if status == "cloturee" and outcome in CLOSED_LABELS:
        return _tr(CLOSED_LABELS[outcome])
    if status in COUNTER_STATUSES:
        # Whether or not the counter marked it sent, a dossier in the inbox has reached the
        # organisme: « À transmettre » would read as work left to the partner.
        return orientation_status_label("transmise")
    return orientation_status_label(status)


def identity_value(name: str, value: object) -> str:
    """An identity field as agents read it: dates in French, NIR and SIRET grouped."""
    if name in DATE_FIELDS:
        return short_date(str(value))
    if name == "nir":
        return spaced_nir(str(value)) or ""
    if name == "siret":
        return spaced_siret(str(value)) or ""
    return str(value)


def profile_value(questionnaire: Questionnaire | None, name: str, value: Any) -> str:
    """A profile fact as agents read it: dates in French, a code by its label, « oui »/« non »."""
    if name in DATE_FIELDS:
        return short_date(str(value))
    if questionnaire is not None:
        try:
            spec = questionnaire.profile_field(name)
        except KeyError:
            spec = None
        if spec is not None and spec.kind == "code":
            return next((v.label for v in spec.values if v.code == str(value)), str(value))
    if isinstance(value, bool):
        return _tr(QT_TRANSLATE_NOOP("wording", "oui") if value
                   else QT_TRANSLATE_NOOP("wording", "non"))
    return str(value)


def answer_row(questionnaire: Questionnaire | None, question_id: str,
               code: str) -> tuple[str, str]:
    """An answer the store sent as (question theme, answer label), or the codes as they came."""
    try:
        if questionnaire is not None:
            return (questionnaire.question(question_id).theme,
                    questionnaire.answer_label(question_id, code))
    except KeyError:
        pass
    return question_id, code


# --------------------------------------------------------------------------- Liste d'appels
# The call list built from the partners' signals (app/ui/call_list.py, app/ui/signals_dialog.py):
# where a signal comes from, what it says, the outcome of a call, the state of an entry.


def signal_source_label(code: str) -> str:
    """« Urssaf », « Tribunal de commerce », « Help! en ligne »…"""
    names = {
        "tribunal_commerce": QT_TRANSLATE_NOOP("wording", "Tribunal de commerce"),
        "accueil": QT_TRANSLATE_NOOP("wording", "Accueil"),
        "telephone": QT_TRANSLATE_NOOP("wording", "Téléphone"),
        "help_en_ligne": QT_TRANSLATE_NOOP("wording", "Help! en ligne"),
    }
    if code in names:
        return _tr(names[code])
    return organisme_label(code)


def signal_type_label(code: str) -> str:
    return _tr(
        {
            "incident_paiement": QT_TRANSLATE_NOOP("wording", "Incident de paiement"),
            "dette": QT_TRANSLATE_NOOP("wording", "Dette sociale"),
            "baisse_activite": QT_TRANSLATE_NOOP("wording", "Baisse d’activité"),
            "alerte_partenaire": QT_TRANSLATE_NOOP("wording", "Alerte d’un partenaire"),
            "procedure_collective": QT_TRANSLATE_NOOP("wording", "Procédure collective"),
            "autre": QT_TRANSLATE_NOOP("wording", "Autre signalement"),
        }.get(code, code)
    )


def call_outcome_label(code: str) -> str:
    return _tr(
        {
            "joint": QT_TRANSLATE_NOOP("wording", "Joint"),
            "injoignable": QT_TRANSLATE_NOOP("wording", "Injoignable"),
            "rappel_demande": QT_TRANSLATE_NOOP("wording", "Rappel demandé"),
            "refus": QT_TRANSLATE_NOOP("wording", "Refus"),
            "deja_accompagne": QT_TRANSLATE_NOOP("wording", "Déjà accompagné"),
        }.get(code, code)
    )


def call_status_label(code: str) -> str:
    return _tr(
        {
            "a_appeler": QT_TRANSLATE_NOOP("wording", "À appeler"),
            "rappel": QT_TRANSLATE_NOOP("wording", "Rappel demandé"),
            "courrier": QT_TRANSLATE_NOOP("wording", "Courrier proposé"),
            "joint": QT_TRANSLATE_NOOP("wording", "Joint"),
            "refus": QT_TRANSLATE_NOOP("wording", "Refus"),
            "deja_accompagne": QT_TRANSLATE_NOOP("wording", "Déjà accompagné"),
        }.get(code, code)
    )


def amount_label(cents: int | None) -> str:
    """1234.56 € as « 1 234,56 € » (no-break spaces); '' for no amount."""
    if cents is None:
        return ""
    euros, rest = divmod(abs(int(cents)), 100)
    sign = "-" if int(cents) < 0 else ""
    return f"{sign}{grouped(euros)},{rest:02d}\u00a0€"


def hour_label(moment: datetime) -> str:
    """« 14 h 20 » in the workstation's time zone (no-break spaces)."""
    local = moment.astimezone()
    return f"{local.hour}\u00a0h\u00a0{local.minute:02d}"


def claim_label(workstation: str, until: datetime | None, now: datetime | None = None) -> str:
    """« pris par REN-02 jusqu’à 14 h 20 » (« jusqu’au 12/03 à 14 h 20 » another day)."""
    if until is None:
        return QCoreApplication.translate("wording", "pris par %1").replace("%1", workstation)
    if now is not None and until.astimezone().date() != now.astimezone().date():
        return QCoreApplication.translate("wording", "pris par %1 jusqu’au %2 à %3").replace(
            "%1", workstation).replace("%2", until.astimezone().strftime("%d/%m")).replace(
            "%3", hour_label(until))
    return QCoreApplication.translate("wording", "pris par %1 jusqu’à %2").replace(
        "%1", workstation).replace("%2", hour_label(until))


# --------------------------------------------------------------------------- Agenda et rendez-vous
# Call-backs of the counter and appointments of the partners (app/ui/agenda.py,
# app/ui/appointment_dialog.py, app/ui/reorient_dialog.py).


def appointment_mode_label(mode: str) -> str:
    return _tr(
        {
            "telephone": QT_TRANSLATE_NOOP("wording", "Téléphone"),
            "agence": QT_TRANSLATE_NOOP("wording", "En agence"),
            "visio": QT_TRANSLATE_NOOP("wording", "Visioconférence"),
        }.get(mode, mode)
    )


def appointment_status_label(status: str) -> str:
    return _tr(
        {
            "propose": QT_TRANSLATE_NOOP("wording", "Proposé"),
            "fixe": QT_TRANSLATE_NOOP("wording", "Fixé"),
            "fait": QT_TRANSLATE_NOOP("wording", "Fait"),
            "annule": QT_TRANSLATE_NOOP("wording", "Annulé"),
        }.get(status, status)
    )


# Call-backs and appointments are kept at the hour of the place they happen: France.
APPOINTMENT_TZ_NAME = "Europe/Paris"


def appointment_moment(value: object) -> datetime | None:
    """An appointment's ``at`` (ISO text or datetime) in Europe/Paris; None when unreadable."""
    from zoneinfo import ZoneInfo

    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return None
    if not isinstance(value, datetime) or value.tzinfo is None:
        return None
    return value.astimezone(ZoneInfo(APPOINTMENT_TZ_NAME))


def appointment_when(value: object) -> str:
    """« 08/12/2026 à 10:30 » (Europe/Paris), or the value as it came."""
    moment = appointment_moment(value)
    if moment is None:
        return "" if value is None else str(value)
    return QCoreApplication.translate("wording", "%1 à %2").replace(
        "%1", moment.strftime(DATE_FORMAT)).replace("%2", moment.strftime(TIME_FORMAT))


def stale_label() -> str:
    """The flag of an orientation no partner action followed for the deployment's number of
    working days (app.forms.workdays.stale_working_days)."""
    return QCoreApplication.translate("wording", "Sans nouvelle")


def duration_minutes_label(minutes: int) -> str:
    """« 45 min », « 1 h », « 1 h 30 »."""
    hours, rest = divmod(int(minutes), 60)
    if not hours:
        return QCoreApplication.translate("wording", "%1 min").replace("%1", str(rest))
    if not rest:
        return QCoreApplication.translate("wording", "%1 h").replace("%1", str(hours))
    return QCoreApplication.translate("wording", "%1 h %2").replace("%1", str(hours)).replace(
        "%2", f"{rest:02d}")


# --------------------------------------------------------------------------- Tableau de bord
# The statistics of the central store (app/ui/dashboard.py, app/ui/dashboard_export.py): the
# dimensions a breakdown is grouped by, their values, the counts kept under statistical secrecy.

SECRET_COUNT = "<5"  # what the store sends for a count from 1 to 4 (« secret statistique »)


def dimension_label(dimension: str) -> str:
    """The column title of a breakdown's dimension: « Site », « Canal »…"""
    return _tr(
        {
            "site": QT_TRANSLATE_NOOP("wording", "Site"),
            "channel": QT_TRANSLATE_NOOP("wording", "Canal"),
            "organisme": QT_TRANSLATE_NOOP("wording", "Organisme"),
            "aid": QT_TRANSLATE_NOOP("wording", "Aide"),
            "question": QT_TRANSLATE_NOOP("wording", "Question"),
            "answer": QT_TRANSLATE_NOOP("wording", "Réponse"),
            "urgent": QT_TRANSLATE_NOOP("wording", "Urgent"),
            "status": QT_TRANSLATE_NOOP("wording", "Statut de l’orientation"),
            "outcome": QT_TRANSLATE_NOOP("wording", "Issue"),
            "month": QT_TRANSLATE_NOOP("wording", "Mois"),
            "dossiers": QT_TRANSLATE_NOOP("wording", "Dossiers"),
        }.get(dimension, dimension)
    )


def count_label(value: object) -> str:
    """A count as shown: « 1 234 », « < 5 » (secret statistique), « — » when unknown."""
    if value == SECRET_COUNT:
        return "<\u00a05"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "—"
    return grouped(int(value))


def days_label(value: object) -> str:
    """A median or 90th percentile in days: « 12,5 j » ; « — » below five dossiers."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "—"
    text = f"{float(value):.1f}".replace(".", ",").removesuffix(",0")
    return QCoreApplication.translate("wording", "%1 j").replace("%1", text)


def month_value_label(value: object) -> str:
    """« 2026-11 » as « 11/2026 »."""
    text = str(value or "")
    if len(text) == 7 and text[4] == "-":
        return f"{text[5:]}/{text[:4]}"
    return text


def dimension_value(dimension: str, value: object, sites: dict[str, str] | None = None) -> str:
    """A breakdown's value in words (a site's name, an organisme, « Oui »…); « Non renseigné »
    for an empty group."""
    if value is None or value == "":
        return QCoreApplication.translate("wording", "Non renseigné")
    text = str(value)
    if dimension == "site":
        return (sites or {}).get(text, text)
    if dimension == "channel":
        if text == "signal":
            return QCoreApplication.translate("wording", "Signalement (liste d’appels)")
        return channel_label(text)
    if dimension == "organisme":
        return organisme_label(text)
    if dimension == "urgent":
        return yes_no_label(value)
    if dimension == "status":
        return orientation_status_label(text)
    if dimension == "outcome":
        return outcome_label(text) or text
    if dimension == "month":
        return month_value_label(text)
    return text


def secrecy_legend() -> str:
    return QCoreApplication.translate(
        "wording", "« <\u00a05 » : secret statistique. Les effectifs de 1 à 4, et ceux qui "
                   "permettraient de les retrouver à partir d’un total, ne sont pas montrés.")
