"""What a document prints, taken once from a dossier's export dict (``app/models/export.py``).

:func:`build_snapshot` reads plain data, never database objects: the record of ``accueil-ti
export``, the dossier's site and, optionally, the processing times published by the central store
(``app.forms.figures``: only figures with enough closures, and only those of the organismes the
dossier is oriented to, are kept).
It loads the questionnaire the dossier was answered with and the consent texts its consents refer
to, and evaluates the answers at the dossier's reference date (the day it was opened) with
drafts allowed. The resulting :class:`DossierSnapshot` is immutable and self-sufficient: rendering
it twice gives the same document.

Records come from the store and are validated there; still, nothing in them may stop a print: a
value of the wrong type or an unknown code is left out rather than refused. Only a record that
cannot be dated or names a questionnaire this application does not ship raises
:class:`DocumentError`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any

from app.forms.conditions import FactValue
from app.forms.consent import ConsentText, ConsentTextError, load_consent_text
from app.forms.deployment import Deployment, DeploymentError, load_deployment
from app.forms.evaluation import (
    BlockedAid,
    Situation,
    SituationError,
    aid_reasons_shown,
    evaluate,
    parse_profile_value,
)
from app.forms.figures import MIN_SAMPLE, ProcessingFigure
from app.forms.questionnaire import Questionnaire, QuestionnaireError, load_questionnaire
from app.models.sites import Site

try:  # Dates are printed as the worker lived them: in metropolitan French time.
    from zoneinfo import ZoneInfo

    _LOCAL_TZ: tzinfo | None = ZoneInfo("Europe/Paris")
except Exception:  # noqa: BLE001 - no time zone database: dates stay as recorded
    _LOCAL_TZ = None

IDENTITY_KEYS = ("nom", "prenom", "nom_naissance", "nir", "siret", "telephone", "email",
                 "adresse", "code_postal", "commune", "date_naissance")


class DocumentError(ValueError):
    """A document that cannot be made for this dossier; the message names the field and what is
    allowed (e.g. a letter for an organisme without a given, non-revoked consent)."""


@dataclass(frozen=True)
class Identity:
    """The worker's identity as typed at the counter; every field but the name may be missing."""

    nom: str = ""
    prenom: str = ""
    nom_naissance: str = ""
    nir: str = ""
    siret: str = ""
    telephone: str = ""
    email: str = ""
    adresse: str = ""
    code_postal: str = ""
    commune: str = ""
    date_naissance: date | None = None

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.prenom, self.nom.upper()) if part)


@dataclass(frozen=True)
class ConsentRecord:
    """The latest recorded consent decision for one organisme."""

    organisme: str
    given: bool
    mode: str
    text_version: str
    text_hash: str
    at: date | None
    agent: str
    revoked_at: date | None

    @property
    def active(self) -> bool:
        return self.given and self.revoked_at is None


@dataclass(frozen=True)
class AidEntry:
    """An applicable aid and the reasons (``Q01=dette``, ``anciennete_mois=266``) it applies."""

    code: str
    organisme: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class DossierSnapshot:
    """Everything a document prints about one dossier, as immutable plain data."""

    questionnaire: Questionnaire
    number: str
    dossier_id: str
    channel: str
    status: str
    agent: str
    created_on: date | None
    reference_date: date
    document_date: date  # the dossier's latest decision: its opening or a consent given/revoked
    site: Site | None
    identity: Identity
    profile: tuple[tuple[str, str | int | bool | date], ...]
    answers: tuple[tuple[str, str], ...]
    facts: tuple[tuple[str, FactValue], ...]
    urgent: bool
    urgent_reasons: tuple[str, ...]
    organismes: tuple[str, ...]
    aids: tuple[AidEntry, ...]
    unanswered: tuple[str, ...]
    consents: tuple[ConsentRecord, ...]
    consent_text: ConsentText
    consent_texts: tuple[ConsentText, ...]
    # The usual processing times of the dossier's organismes (at or above the minimum sample).
    processing: tuple[ProcessingFigure, ...]
    # Aids the answers call for that hang on an empty profile field (start of activity…).
    blocked: tuple[BlockedAid, ...] = ()
    # The deployment's facts printed on the consent notice and the « Relevé de vos données »
    # (controller, DPO, retention…): settings, never wording of the application.
    deployment: Deployment | None = None

    def answer(self, question_id: str) -> str | None:
        return dict(self.answers).get(question_id)

    def profile_value(self, name: str) -> str | int | bool | date | None:
        return dict(self.profile).get(name)

    def consent(self, organisme: str) -> ConsentRecord | None:
        for record in self.consents:
            if record.organisme == organisme:
                return record
        return None

    def consent_text_for(self, version: str) -> ConsentText | None:
        for text in self.consent_texts:
            if text.version == version:
                return text
        return None

    def figure_for(self, organisme: str) -> ProcessingFigure | None:
        return next((f for f in self.processing if f.organisme == organisme), None)

    def aids_for(self, organisme: str) -> tuple[AidEntry, ...]:
        return tuple(a for a in self.aids if a.organisme == organisme)

    @property
    def consent_mode(self) -> str:
        """``oral_telephone`` or ``signe_accueil``: how consent was (or will be) collected."""
        modes = [c.mode for c in self.consents if c.mode]
        if modes:
            return "oral_telephone" if "oral_telephone" in modes else "signe_accueil"
        return "oral_telephone" if self.channel == "telephone" else "signe_accueil"


def letter_organismes(snapshot: DossierSnapshot) -> tuple[str, ...]:
    """Organismes a letter may be printed for: oriented by the answers and with a given,
    non-revoked consent, in questionnaire order."""
    return tuple(code for code in snapshot.organismes
                 if (consent := snapshot.consent(code)) is not None and consent.active)


def _text(value: object) -> str:
    if isinstance(value, str):
        return value
    if value is None or isinstance(value, (dict, list, tuple, set)):
        return ""
    return str(value)


def _moment(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        try:
            return datetime.combine(date.fromisoformat(value[:10]), datetime.min.time())
        except ValueError:
            return None
    if moment.tzinfo is not None and _LOCAL_TZ is not None:
        moment = moment.astimezone(_LOCAL_TZ)
    return moment


def _day(value: object) -> date | None:
    moment = _moment(value)
    return None if moment is None else moment.date()


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _identity(raw: Mapping[str, Any]) -> Identity:
    values = {key: _text(raw.get(key)).strip() for key in IDENTITY_KEYS if key != "date_naissance"}
    birth = raw.get("date_naissance")
    born: date | None = None
    if isinstance(birth, str):
        try:
            born = date.fromisoformat(birth[:10])
        except ValueError:
            born = None
    return Identity(date_naissance=born, **values)


def _consents(questionnaire: Questionnaire, raw: object) -> tuple[ConsentRecord, ...]:
    latest: dict[str, tuple[datetime | None, ConsentRecord]] = {}
    known = {o.code for o in questionnaire.organismes}
    for item in raw if isinstance(raw, list) else []:
        if not isinstance(item, Mapping) or item.get("organisme") not in known:
            continue
        moment = _moment(item.get("at"))
        record = ConsentRecord(
            organisme=str(item["organisme"]), given=item.get("given") is True,
            mode=_text(item.get("mode")), text_version=_text(item.get("text_version")),
            text_hash=_text(item.get("text_hash")), at=None if moment is None else moment.date(),
            agent=_text(item.get("agent")), revoked_at=_day(item.get("revoked_at")),
        )
        previous = latest.get(record.organisme)
        if previous is None or (moment is not None and (previous[0] is None
                                                       or moment.timestamp()
                                                       >= previous[0].timestamp())):
            latest[record.organisme] = (moment, record)
    return tuple(latest[o.code][1] for o in questionnaire.organismes if o.code in latest)


def _consent_texts(
    questionnaire: Questionnaire, consents: tuple[ConsentRecord, ...]
) -> tuple[ConsentText, tuple[ConsentText, ...]]:
    texts: dict[str, ConsentText] = {}
    for version in [c.text_version for c in consents] + [questionnaire.consent_text]:
        if version and version not in texts:
            try:
                texts[version] = load_consent_text(version)
            except (ConsentTextError, OSError):
                continue
    dated = sorted((c for c in consents if c.text_version in texts),
                   key=lambda c: c.at or date.min)
    in_force = dated[-1].text_version if dated else questionnaire.consent_text
    return texts[in_force], tuple(texts[v] for v in sorted(texts))


def processing_figures(organismes: Iterable[str],
                       figures: Mapping[str, ProcessingFigure] | Iterable[ProcessingFigure] | None,
                       ) -> tuple[ProcessingFigure, ...]:
    """The figures of ``organismes`` (in their order) that reach the minimum sample."""
    if not figures:
        return ()
    by_code = ({f.organisme: f for f in figures.values()} if isinstance(figures, Mapping)
               else {f.organisme: f for f in figures})
    return tuple(figure for code in organismes
                 if (figure := by_code.get(code)) is not None
                 and isinstance(figure, ProcessingFigure) and figure.count >= MIN_SAMPLE)


def build_snapshot(record: Mapping[str, Any], *, site: Site | None = None,
                   processing: Mapping[str, ProcessingFigure] | None = None,
                   deployment: Deployment | None = None) -> DossierSnapshot:
    """The snapshot of one dossier from its export dict (see the module docstring).

    ``processing``: the usual processing times per organisme (``app.sync.figures``); the
    snapshot keeps those of the organismes the dossier is oriented to, so what a document says
    of them depends on them alone (a print freezes them, app.document_service).
    ``deployment``: the deployment's facts (``app/forms/deployment.py``); by default those of
    ``ACCUEIL_TI_DEPLOYMENT`` or the embedded file."""
    if deployment is None:
        try:
            deployment = load_deployment()
        except DeploymentError as exc:
            raise DocumentError(f"deployment: {exc}") from exc
    version = _text(record.get("questionnaire")) or "help-v1"
    try:
        questionnaire = load_questionnaire(version)
    except QuestionnaireError as exc:
        raise DocumentError(f"questionnaire: {exc}") from exc

    # The situation is evaluated at the day the dossier was opened, as everywhere in the app, so
    # printing (which updates the dossier) never changes what a reprint says.
    reference = _day(record.get("created_at")) or _day(record.get("updated_at"))
    if reference is None:
        raise DocumentError("created_at: missing or not a date-time; expected ISO 8601 text such "
                            "as 2026-11-22T10:15:00+01:00")

    answers: dict[str, str] = {}
    raw_answers = _mapping(record.get("answers"))
    for question in questionnaire.questions:
        code = raw_answers.get(question.id)
        if isinstance(code, str) and code in question.codes + (questionnaire.nsp.code,):
            answers[question.id] = code

    profile: dict[str, str | int | bool | date] = {}
    raw_profile = _mapping(record.get("profile"))
    for spec in questionnaire.profile:
        if raw_profile.get(spec.field) is None:
            continue
        try:
            profile[spec.field] = parse_profile_value(spec, raw_profile[spec.field])
        except SituationError:
            continue

    orientation = evaluate(questionnaire, Situation(answers=answers, profile=profile,
                                                    reference_date=reference))
    consents = _consents(questionnaire, record.get("consents"))
    consent_text, consent_texts = _consent_texts(questionnaire, consents)
    derived = {d.name for d in questionnaire.derived}
    return DossierSnapshot(
        questionnaire=questionnaire,
        number=_text(record.get("number")),
        dossier_id=_text(record.get("id")),
        channel=_text(record.get("channel")),
        status=_text(record.get("status")),
        agent=_text(record.get("agent")),
        created_on=_day(record.get("created_at")),
        reference_date=reference,
        document_date=max([reference] + [d for c in consents for d in (c.at, c.revoked_at)
                                         if d is not None]),
        site=site,
        identity=_identity(_mapping(record.get("identity"))),
        profile=tuple((p.field, profile[p.field]) for p in questionnaire.profile
                      if p.field in profile),
        answers=tuple((q.id, answers[q.id]) for q in questionnaire.questions if q.id in answers),
        facts=tuple((k, v) for k, v in orientation.facts.items() if k in derived),
        urgent=orientation.urgent,
        urgent_reasons=orientation.urgent_reasons,
        organismes=orientation.organismes,
        # Only the reasons the rules ask for positively are printed (never « Retraite : Non »).
        aids=tuple(AidEntry(a.code, a.organisme,
                            aid_reasons_shown(questionnaire, a.code, a.reasons))
                   for a in orientation.aids),
        blocked=orientation.blocked,
        unanswered=orientation.unanswered,
        consents=consents,
        consent_text=consent_text,
        consent_texts=consent_texts,
        processing=processing_figures(orientation.organismes, processing),
        deployment=deployment,
    )
