"""The « Relevé de vos données »: everything the dossier holds about its person (right of access,
article 15 of the GDPR), for the person to keep.

From the dossier's export dict and snapshot: identity, situation (profile), answers (question and
answer in words), consents with their history (given or refused, how, when, by whom, under which
text, withdrawn), orientations and the partners' follow-up, documents printed; then the dossier's
history on this workstation, and who accessed the dossier on the central store and when — or,
when the central store was not reached, a sentence saying so. The processing itself (controller,
DPO, purposes, recipients, retention, rights, CNIL) comes first, from the deployment's facts.

Like the other documents it is rendered from plain data and reproducible: the moment the statement
is issued is part of :class:`AccessStatement`, never read from the clock here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, tzinfo
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table, TableStyle

from app.documents.blocks import SHORT_LIMIT, header, label_value_table
from app.documents.layout import CONTENT_WIDTH, RULE, TINT, Styles
from app.documents.snapshot import DossierSnapshot
from app.documents.text import NBSP, french_date, markup, user
from app.forms.codes import ORIENTATION_OUTCOMES, ORIENTATION_STATUSES
from app.forms.consent import NOT_CONFIGURED, recipient_line
from app.forms.deployment import Deployment, load_deployment

TITLE = "Relevé de vos données"
SERVER_UNAVAILABLE = ("Accès enregistrés sur le serveur central : non disponibles (serveur "
                      "injoignable).")

try:  # Moments are printed in metropolitan French time, as on the other documents.
    from zoneinfo import ZoneInfo

    _LOCAL_TZ: tzinfo | None = ZoneInfo("Europe/Paris")
except Exception:  # noqa: BLE001 - no time zone database: moments stay as recorded
    _LOCAL_TZ = None

IDENTITY_LABELS = (
    ("nom", "Nom"), ("prenom", "Prénom"), ("nom_naissance", "Nom de naissance"),
    ("date_naissance", "Date de naissance"), ("nir", "Numéro de sécurité sociale"),
    ("siret", "SIRET"), ("telephone", "Téléphone"), ("email", "Adresse électronique"),
    ("adresse", "Adresse"), ("code_postal", "Code postal"), ("commune", "Commune"),
)
CHANNELS = {"accueil": "à l’accueil", "telephone": "par téléphone",
            "traitement_dossier": "lors du traitement d’un dossier"}
MODES = {"signe_accueil": "signé à l’accueil", "oral_telephone": "accord oral par téléphone"}
STATUSES = {"brouillon": "brouillon", "complet": "complet", "oriente": "orienté", "clos": "clos"}


def _labelled(codes: Sequence[str], labels: Mapping[str, str]) -> dict[str, str]:
    """``labels`` in the order of ``codes`` (app.forms.codes): every code has one, and only
    they do (a code added there without its words here fails at import)."""
    if set(labels) != set(codes):
        raise ValueError(f"labels for {sorted(labels)}, expected {sorted(codes)}")
    return {code: labels[code] for code in codes}


ORIENTATION_STATUS_LABELS = _labelled(ORIENTATION_STATUSES, {
    "a_transmettre": "À transmettre", "transmise": "Transmise", "recue": "Reçue",
    "en_cours": "En cours", "contact_pris": "Contact pris", "cloturee": "Clôturée"})
OUTCOME_LABELS = _labelled(ORIENTATION_OUTCOMES, {
    "aide_accordee": "aide accordée", "aide_refusee": "aide refusée", "sans_suite": "sans suite"})
KINDS = {"summary": "Synthèse de vos aides", "letter": "Courrier d’orientation",
         "consent": "Formulaire de consentement", "access": TITLE}
# Actions of the central store's audit (app/server), in words.
ACCESS_ACTIONS = {"read": "consultation du dossier",
                  "pull": "copie vers un poste de l’accueil (synchronisation)",
                  "partner_list": "affichage dans la liste de l’organisme partenaire",
                  "partner_read": "consultation par l’organisme partenaire",
                  "partner_update": "mise à jour du suivi par l’organisme partenaire",
                  "read_accesses": "consultation de la liste des accès",
                  "erase": "effacement", "retention": "application des durées de conservation"}
ROLES = {"accueil": "Accueil commun", "admin": "Administration"}


@dataclass(frozen=True)
class HistoryLine:
    """One act recorded in the dossier's history on this workstation."""

    at: datetime
    agent: str
    action: str  # "create", "identity", "answer", "consent", "print"…
    detail: Mapping[str, Any] = field(default_factory=dict)
    workstation: str = ""


@dataclass(frozen=True)
class AccessLine:
    """One access to the dossier recorded by the central store: when, who, what was done."""

    at: datetime | None
    who: str
    action: str
    organisme: str = ""
    role: str = ""

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> AccessLine:
        """From a row of the central store's answer (``at``, ``agent``/``login``, ``action``,
        ``organisme``); missing or odd values print empty rather than stop the statement."""
        moment = _moment(row.get("at"))
        who = next((str(row[k]) for k in ("agent", "login", "who") if row.get(k)), "")
        return cls(moment, who, str(row.get("action") or ""), str(row.get("organisme") or ""),
                   str(row.get("role") or ""))


def _action_cell(action: str) -> str:
    """Known actions in words; an unknown one as the store wrote it, shortened and escaped."""
    words = _access_action(action)
    return user(action, 80) if words == action else markup(words)


def _access_action(action: str) -> str:
    if action.startswith("push_"):  # push_created, push_updated…: a workstation sent changes
        return "enregistrement depuis un poste de l’accueil"
    return ACCESS_ACTIONS.get(action, action)


@dataclass(frozen=True)
class AccessStatement:
    """What the statement prints beyond the snapshot: the export dict (orientations, documents
    printed), the local history (most recent first or not: it is sorted here), the accesses
    read from the central store (``None``: it was not reached) and when it is issued."""

    record: Mapping[str, Any]
    history: tuple[HistoryLine, ...]
    accesses: tuple[AccessLine, ...] | None
    issued_at: datetime


def _moment(value: object) -> datetime | None:
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str) and value:
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return None
    else:
        return None
    if moment.tzinfo is not None and _LOCAL_TZ is not None:
        moment = moment.astimezone(_LOCAL_TZ)
    return moment


def _when(value: object) -> str:
    """« 22/11/2026 à 9 h 05 » in local time; empty when not a moment."""
    moment = _moment(value)
    return "" if moment is None else f"{moment:%d/%m/%Y} à {_hour(moment)}"


def _hour(moment: datetime) -> str:
    return f"{moment.hour}{NBSP}h{NBSP}{moment:%M}"


def _table(head: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float],
           styles: Styles) -> Table:
    """Cells already markup; the header repeats on every page."""
    cell = styles.note
    data = [[Paragraph(h, styles.label) for h in head]]
    data += [[Paragraph(value, cell) for value in row] for row in rows]
    table = Table(data, colWidths=list(widths), repeatRows=1)
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), TINT),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    return table


def _section(title: str, styles: Styles, first: Flowable) -> Flowable:
    """A heading kept with the first thing under it."""
    return KeepTogether([Paragraph(markup(title), styles.h2), first])


def _none(text: str, styles: Styles) -> Paragraph:
    return Paragraph(markup(text), styles.muted)


def _organisme(snapshot: DossierSnapshot, code: object) -> str:
    try:
        return markup(snapshot.questionnaire.organisme(str(code)).short_name)
    except KeyError:
        return user(code, SHORT_LIMIT)


def _contact(lines: Sequence[str]) -> str:
    return "<br/>".join(markup(line) for line in lines) if lines else markup(NOT_CONFIGURED)


def processing_story(snapshot: DossierSnapshot, deployment: Deployment,
                     styles: Styles) -> list[Flowable]:
    """Who processes the data, why, who receives it, how long it is kept, the rights."""
    consented = [c.organisme for c in snapshot.consents if c.active]
    recipients = [f"•{NBSP}" + markup(recipient_line(snapshot.questionnaire,
                                                     snapshot.questionnaire.organisme(code)))
                  for code in consented]
    retention = ("<br/>".join(markup(line) for line in deployment.retention)
                 if deployment.retention else markup(NOT_CONFIGURED))
    cnil = markup(deployment.cnil_name + (f" : {deployment.cnil_website}"
                                          if deployment.cnil_website else ""))
    rows = [
        ("Responsable du traitement", _contact(deployment.controller.lines())),
        ("Délégué à la protection des données", _contact(deployment.dpo.lines())),
        ("Finalités", markup(
            "Étudier votre situation et vous indiquer les aides qui peuvent vous concerner ; "
            "transmettre votre demande aux organismes que vous avez acceptés ; suivre les suites "
            "données ; statistiques d’ensemble qui ne permettent pas de vous reconnaître.")),
        ("Destinataires", "<br/>".join(recipients) if recipients else markup(
            "Aucun : vous n’avez accepté de transmission à aucun organisme.")),
        ("Durée de conservation", retention),
        ("Vos droits", markup(
            "Accès, rectification, effacement, limitation, opposition, retrait de votre accord "
            "(pour l’avenir) : adressez-vous à l’accueil commun des travailleurs indépendants ou "
            "au délégué à la protection des données. "
            + (deployment.rights_how + " " if deployment.rights_how else "")
            + "L’organisme doit vous répondre dans un délai d’un mois.")),
        ("Réclamation", markup("Si vos droits ne sont pas respectés : ") + cnil),
    ]
    return [_section("Le traitement de vos données", styles,
                     label_value_table(rows, styles, label_width=44 * mm))]


def _identity(snapshot: DossierSnapshot, styles: Styles) -> list[Flowable]:
    identity = snapshot.identity
    rows = []
    for name, label in IDENTITY_LABELS:
        value = getattr(identity, name)
        if isinstance(value, date):
            text = french_date(value)
        else:
            text = user(value, 200)
        if text:
            rows.append((markup(label), text))
    body: Flowable = (label_value_table(rows, styles) if rows
                      else _none("Aucune information d’identité enregistrée.", styles))
    return [_section("Votre identité", styles, body)]


def _profile_value(snapshot: DossierSnapshot, name: str, value: object) -> str:
    spec = snapshot.questionnaire.profile_field(name)
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    if isinstance(value, date):
        return french_date(value)
    if spec.kind == "code":
        return next((c.label for c in spec.values if c.code == value), str(value))
    return str(value)


def _situation(snapshot: DossierSnapshot, styles: Styles) -> list[Flowable]:
    rows = [(markup(snapshot.questionnaire.profile_field(name).label),
             markup(_profile_value(snapshot, name, value)))
            for name, value in snapshot.profile]
    questionnaire = snapshot.questionnaire
    answers = []
    for question_id, code in snapshot.answers:
        question = questionnaire.question(question_id)
        try:
            label = questionnaire.answer_label(question_id, code)
        except KeyError:
            label = code
        answers.append([markup(question_id), markup(question.text), markup(label)])
    flow: list[Flowable] = [_section(
        "Votre situation", styles,
        label_value_table(rows, styles) if rows
        else _none("Aucune information de situation enregistrée.", styles))]
    flow.append(_section(
        "Vos réponses au questionnaire", styles,
        _table(["N°", "Question", "Votre réponse"], answers,
               [12 * mm, CONTENT_WIDTH - 67 * mm, 55 * mm], styles) if answers
        else _none("Aucune réponse enregistrée.", styles)))
    return flow


def _consent_history(snapshot: DossierSnapshot,
                     history: Sequence[HistoryLine]) -> list[list[str]]:
    rows = []
    for line in history:
        if line.action not in ("consent", "consent_revoked"):
            continue
        detail = line.detail
        organisme = _organisme(snapshot, detail.get("organisme", ""))
        if line.action == "consent_revoked":
            what = "Accord retiré"
        elif detail.get("given") is True:
            what = "Accord donné"
        else:
            what = "Refus"
        mode = MODES.get(str(detail.get("mode") or ""), "")
        text = str(detail.get("text_version") or "")
        rows.append([markup(_when(line.at)), organisme,
                     markup(what + (f" ({mode})" if mode else "")), markup(text),
                     user(line.agent, SHORT_LIMIT)])
    return rows


def _consents(snapshot: DossierSnapshot, statement: AccessStatement,
              styles: Styles) -> list[Flowable]:
    rows = []
    for raw in statement.record.get("consents", []) or []:
        if not isinstance(raw, Mapping):
            continue
        if raw.get("given") is True and raw.get("revoked_at"):
            state = f"Accord retiré le {_when(raw.get('revoked_at'))}"
        elif raw.get("given") is True:
            state = "Accord donné"
        else:
            state = "Refus"
        rows.append([_organisme(snapshot, raw.get("organisme")), markup(state),
                     markup(MODES.get(str(raw.get("mode") or ""), "")),
                     markup(_when(raw.get("at"))), user(raw.get("agent"), SHORT_LIMIT),
                     markup(str(raw.get("text_version") or ""))])
    flow: list[Flowable] = [_section(
        "Vos consentements", styles,
        _table(["Organisme", "Décision", "Recueil", "Le", "Agent", "Texte"], rows,
               [29 * mm, 28 * mm, 27 * mm, 26 * mm, 30 * mm, CONTENT_WIDTH - 140 * mm], styles)
        if rows else _none("Aucun consentement recueilli.", styles))]
    history = _consent_history(snapshot, sorted(statement.history, key=lambda h: h.at))
    if history:
        flow.append(Paragraph(markup("Historique de vos consentements"), styles.h3))
        flow.append(_table(["Le", "Organisme", "Décision", "Texte", "Agent"], history,
                           [28 * mm, 30 * mm, 50 * mm, 30 * mm, CONTENT_WIDTH - 138 * mm],
                           styles))
    return flow


def _orientations(snapshot: DossierSnapshot, statement: AccessStatement,
                  styles: Styles) -> list[Flowable]:
    rows = []
    for raw in statement.record.get("orientations", []) or []:
        if not isinstance(raw, Mapping):
            continue
        status = ORIENTATION_STATUS_LABELS.get(str(raw.get("status")), str(raw.get("status") or ""))
        outcome = OUTCOME_LABELS.get(str(raw.get("outcome") or ""), "")
        rows.append([_organisme(snapshot, raw.get("organisme")),
                     markup(status + (f" — {outcome}" if outcome else "")),
                     user(raw.get("note"), 500), markup(_when(raw.get("updated_at")))])
    return [_section(
        "Orientations et suites données", styles,
        _table(["Organisme", "Suivi", "Note de l’organisme", "Mis à jour le"], rows,
               [32 * mm, 38 * mm, CONTENT_WIDTH - 100 * mm, 30 * mm], styles)
        if rows else _none("Aucune orientation vers un organisme.", styles))]


def _printed(snapshot: DossierSnapshot, statement: AccessStatement,
             styles: Styles) -> list[Flowable]:
    rows = []
    entries = [p for p in statement.record.get("printed", []) or [] if isinstance(p, Mapping)]
    for raw in sorted(entries, key=lambda p: str(p.get("printed_at") or "")):
        kind = KINDS.get(str(raw.get("kind")), str(raw.get("kind") or ""))
        organisme = raw.get("organisme")
        label = markup(kind) + (f" — {_organisme(snapshot, organisme)}" if organisme else "")
        rows.append([label, markup(_when(raw.get("printed_at"))),
                     user(raw.get("agent"), SHORT_LIMIT)])
    return [_section(
        "Documents imprimés", styles,
        _table(["Document", "Imprimé le", "Par"], rows,
               [CONTENT_WIDTH - 80 * mm, 34 * mm, 46 * mm], styles)
        if rows else _none("Aucun document imprimé.", styles))]


def _act(snapshot: DossierSnapshot, line: HistoryLine) -> str:
    """One act of the history in words (trusted wording and user text, already markup)."""
    detail, questionnaire = line.detail, snapshot.questionnaire
    action = line.action
    if action == "create":
        channel = CHANNELS.get(str(detail.get("channel") or ""), "")
        return markup("Ouverture du dossier" + (f" {channel}" if channel else ""))
    if action == "identity":
        fields = detail.get("fields")
        names = dict(IDENTITY_LABELS)
        changed = ([names.get(str(f), str(f)).lower() for f in fields]
                   if isinstance(fields, list) else [])
        text = markup("Identité modifiée" + (f" : {', '.join(changed)}" if changed else ""))
        reason = detail.get("reason")
        return text + (f" — motif{NBSP}: {user(reason, 300)}" if reason else "")
    if action == "answer":
        question_id, code = str(detail.get("question_id") or ""), str(detail.get("code") or "")
        try:
            label = questionnaire.answer_label(question_id, code)
        except KeyError:
            label = code
        verb = "Réponse modifiée" if detail.get("previous") else "Réponse"
        text = markup(f"{verb} à la question {question_id} : {label}")
        reason = detail.get("reason")
        return text + (f" — motif{NBSP}: {user(reason, 300)}" if reason else "")
    if action in ("consent", "consent_revoked"):
        organisme = _organisme(snapshot, detail.get("organisme", ""))
        if action == "consent_revoked":
            return markup("Accord retiré — ") + organisme
        return markup(("Accord donné" if detail.get("given") is True else "Refus") + " — ") \
            + organisme
    if action == "orientation":
        codes = detail.get("organismes")
        oriented = [_organisme(snapshot, c) for c in codes] if isinstance(codes, list) else []
        return markup("Orientation vers : ") + ", ".join(oriented) if oriented else markup(
            "Orientation : aucun organisme")
    if action == "orientation_status":
        status = ORIENTATION_STATUS_LABELS.get(str(detail.get("status")), str(detail.get("status")))
        outcome = OUTCOME_LABELS.get(str(detail.get("outcome") or ""), "")
        return (markup("Suivi — ") + _organisme(snapshot, detail.get("organisme", ""))
                + markup(f" : {status}" + (f", {outcome}" if outcome else "")))
    if action == "print":
        kind = KINDS.get(str(detail.get("kind")), str(detail.get("kind")))
        addressed = detail.get("organisme")
        return (markup(f"Impression : {kind}")
                + (f" — {_organisme(snapshot, addressed)}" if addressed else ""))
    if action == "status":
        status = STATUSES.get(str(detail.get("status")), str(detail.get("status")))
        return markup(f"Dossier passé à l’état « {status} »")
    if action in ("import_create", "import_update"):
        return markup(("Dossier enregistré" if action == "import_create" else "Dossier mis à jour")
                      + " sur ce poste (synchronisation ou import)")
    if action == "urgent":
        return markup("Situation prioritaire : " + ("oui" if detail.get("urgent") else "non"))
    return user(action, 80)


def _history(snapshot: DossierSnapshot, statement: AccessStatement,
             styles: Styles) -> list[Flowable]:
    lines = sorted(statement.history, key=lambda h: h.at)
    rows = [[markup(_when(line.at)), user(line.agent, SHORT_LIMIT),
             user(line.workstation, 20), _act(snapshot, line)] for line in lines]
    return [_section(
        "Historique du dossier sur ce poste", styles,
        _table(["Le", "Agent", "Poste", "Opération"], rows,
               [28 * mm, 34 * mm, 16 * mm, CONTENT_WIDTH - 78 * mm], styles)
        if rows else _none("Aucune opération enregistrée sur ce poste.", styles))]


def _accesses(snapshot: DossierSnapshot, statement: AccessStatement,
              styles: Styles) -> list[Flowable]:
    title = "Qui a consulté votre dossier, et quand"
    if statement.accesses is None:
        return [_section(title, styles, Paragraph(markup(SERVER_UNAVAILABLE), styles.body))]
    rows = [[markup(_when(a.at)), user(a.who, SHORT_LIMIT),
             _organisme(snapshot, a.organisme) if a.organisme
             else markup(ROLES.get(a.role, "")),
             _action_cell(a.action)]
            for a in sorted(statement.accesses,
                            key=lambda a: a.at.timestamp() if a.at else 0.0)]
    return [_section(title, styles,
                     _table(["Le", "Qui", "Pour", "Opération"], rows,
                            [28 * mm, 50 * mm, 36 * mm, CONTENT_WIDTH - 114 * mm], styles)
                     if rows else _none("Aucun accès enregistré.", styles))]


def access_story(snapshot: DossierSnapshot, statement: AccessStatement,
                 styles: Styles) -> list[Flowable]:
    deployment = snapshot.deployment or load_deployment()
    issued = _moment(statement.issued_at) or statement.issued_at
    intro = (f"Ce relevé rassemble les informations que le dispositif Help ! détient sur vous dans "
             f"ce dossier, telles qu’elles sont enregistrées le {french_date(issued.date())} à "
             f"{_hour(issued)}. Il vous est remis au titre de votre droit "
             "d’accès (article 15 du règlement général sur la protection des données).")
    # Dated the day it is issued: it states what is held on that day.
    story = header(replace(snapshot, document_date=issued.date()), styles, TITLE)
    story.append(Paragraph(markup(intro), styles.body))
    story += processing_story(snapshot, deployment, styles)
    story += _identity(snapshot, styles)
    story += _situation(snapshot, styles)
    story += _consents(snapshot, statement, styles)
    story += _orientations(snapshot, statement, styles)
    story += _printed(snapshot, statement, styles)
    story += _history(snapshot, statement, styles)
    story += _accesses(snapshot, statement, styles)
    return story
