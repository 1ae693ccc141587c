"""The shapes of the central store's requests and answers (``/openapi.json`` describes every one).

The answers are built by the services as plain dicts and checked against these models on the
way out: each model lists the keys its dict holds, in the order it holds them, so an answer
reads exactly as before it was typed. Keys a dict holds only sometimes (a push result's
``reason``, an administrator's ``updated_by``) have a default, and the routes that answer them
leave out what the dict did not set (``response_model_exclude_unset``). Timestamps the services
write as ISO 8601 text stay text (``format: date-time``), so they are sent as written.

No ``from __future__ import annotations``: pydantic and FastAPI read these annotations at run
time.
"""

import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, field_validator

from app.forms.calls import CLAIM_MINUTES, CLAIM_MINUTES_MAX
from app.forms.codes import (
    APPOINTMENT_MODES,
    APPOINTMENT_STATUSES,
    ORGANISMES,
    ORIENTATION_OUTCOMES,
    PARTNER_STATUSES,
)
from app.server.services.common import MAX_INT

MAX_BATCH = 500

if TYPE_CHECKING:
    PartnerStatus = str
    Outcome = str
else:
    # The closed lists of app.forms.codes as Literal types: the 422 names the allowed values,
    # and the OpenAPI document lists them.
    PartnerStatus = Literal[PARTNER_STATUSES]
    Outcome = Literal[ORIENTATION_OUTCOMES]


def _timestamp(**kwargs: Any) -> Any:
    """A field holding an ISO 8601 date and time with its UTC offset, as text."""
    return Field(json_schema_extra={"format": "date-time"}, **kwargs)


def _no_nul(value: str) -> str:
    # (pydantic refuses a lone surrogate in a str field itself, with a 422)
    if "\x00" in value:
        raise ValueError("must not contain a NUL character")
    return value


# --------------------------------------------------------------------------- auth


class LoginRequest(BaseModel):
    """Credentials exchanged for a bearer token."""

    login: str = Field(min_length=1, max_length=120)
    password: str = Field(min_length=1, max_length=1024)

    _check = field_validator("login", "password")(_no_nul)


class PasswordChange(BaseModel):
    """Self-service change: the login, the current password and the new one."""

    login: str = Field(min_length=1, max_length=120)
    password: str = Field(min_length=1, max_length=1024)
    new_password: str = Field(min_length=1, max_length=1024)

    _check = field_validator("login", "password", "new_password")(_no_nul)


class AgentOut(BaseModel):
    """The agent a token belongs to."""

    login: str
    organisme: str
    site: str
    role: str


class LoginResponse(BaseModel):
    """A new bearer token and its expiry."""

    token: str
    expires_at: datetime
    agent: AgentOut


class LogoutResult(BaseModel):
    """The token of the request is revoked."""

    status: Literal["revoked"]


# --------------------------------------------------------------------------- dossiers


class DossierRecord(BaseModel):
    """A dossier in the export shape (app.forms.export), as the workstation that stored it last
    sent it (checked by app.forms.records.validate_record), or as a partner's follow-up left it.

    The fields are listed in the order the store keeps them (sorted keys)."""

    model_config = ConfigDict(extra="allow")

    agent: str | None = Field(default=None, description="who recorded it")
    answers: dict[str, str] = Field(default_factory=dict,
                                    description="question id → answer code")
    channel: str | None = Field(default=None, description="accueil, telephone or "
                                                          "traitement_dossier")
    consents: list[dict[str, Any]] = Field(
        default_factory=list, description="per organisme: organisme, given, mode, "
                                          "text_version, text_hash, at, agent, revoked_at, "
                                          "revoked_by")
    created_at: str | None = _timestamp(default=None)
    id: str = Field(description="the dossier's UUID")
    identity: dict[str, Any] = Field(default_factory=dict,
                                     description="nom, prenom and the other identity fields")
    number: str = Field(description="TI-SITE-WS-YEAR-SEQUENCE")
    orientations: list[dict[str, Any]] = Field(
        default_factory=list, description="per organisme: organisme, status, outcome, note, "
                                          "updated_at")
    printed: list[dict[str, Any]] = Field(
        default_factory=list, description="the documents printed: kind, organisme, "
                                          "printed_at, agent, content_hash, figures")
    profile: dict[str, Any] = Field(default_factory=dict, description="the profile facts")
    questionnaire: str = Field(description="the questionnaire version, e.g. help-v1")
    revision: int
    site: str | None = None
    status: str | None = Field(default=None,
                               description="brouillon, complet, oriente or clos")
    updated_at: str | None = _timestamp(default=None)
    urgent: bool | None = None
    workstation: str | None = None


class PushItem(BaseModel):
    """One dossier to store: its export dict and the revision the change was based on."""

    base_revision: int | None = Field(default=None, ge=1, le=MAX_INT)
    dossier: dict[str, Any]


class PushRequest(BaseModel):
    """A batch of dossiers (at most 500)."""

    dossiers: list[PushItem] = Field(max_length=MAX_BATCH)


class PushItemResult(BaseModel):
    """The outcome of one pushed dossier; ``reason`` and ``field`` when it was not stored,
    ``server`` (the store's version) for a conflict."""

    id: str | None
    status: Literal["accepted", "duplicate", "conflict", "rejected", "forbidden", "erased"]
    revision: int | None
    reason: str | None = None
    field: str | None = None
    server: DossierRecord | None = None


class PushOneResult(PushItemResult):
    """The outcome of ``PUT /dossiers/{id}``: a push result, with ``detail`` (the reason) when
    the answer is not a 200."""

    detail: str | None = None


class PushResponse(BaseModel):
    """One result per pushed dossier, in the order sent."""

    results: list[PushItemResult]


class OwnStub(BaseModel):
    """A dossier whose last version came from the pulling workstation itself."""

    id: str
    revision: int
    own: Literal[True]


class ErasedStub(BaseModel):
    """An erased dossier: every workstation deletes its copy."""

    id: str
    erased: Literal[True]
    reason: str


def _change_kind(value: Any) -> str:
    if isinstance(value, dict):
        return ("erased" if value.get("erased") is True
                else "own" if value.get("own") is True else "dossier")
    return ("erased" if isinstance(value, ErasedStub)
            else "own" if isinstance(value, OwnStub) else "dossier")


PulledChange = Annotated[
    Annotated[DossierRecord, Tag("dossier")] | Annotated[OwnStub, Tag("own")]
    | Annotated[ErasedStub, Tag("erased")],
    Discriminator(_change_kind)]


class PullPage(BaseModel):
    """The changes after a cursor, in change order: a dossier, a stub of one the workstation
    stored itself, or an erased dossier's tombstone."""

    changes: list[PulledChange]
    cursor: int = Field(description="the cursor to pull from next")
    more: bool = Field(description="more changes wait after this page")


class Access(BaseModel):
    """One read or change of a dossier, from the audit log."""

    at: str = _timestamp()
    agent: str
    organisme: str | None
    role: str | None
    action: str
    detail: str


class DossierAccesses(BaseModel):
    """Who read or changed one dossier, oldest first."""

    dossier_id: str
    accesses: list[Access]


class EraseRequest(BaseModel):
    """An erasure request: the reason code, and the dossier's number typed in confirmation."""

    reason: str = Field(max_length=40)
    confirm: str | None = Field(default=None, max_length=40)


class ErasureResult(BaseModel):
    """The outcome of an erasure request."""

    id: str
    status: Literal["erased", "already_erased"]


# --------------------------------------------------------------------------- partner


class OrientationUpdate(BaseModel):
    """A partner's follow-up of its orientation."""

    status: PartnerStatus
    outcome: Outcome | None = None
    note: str = Field(default="", max_length=2000)

    _check = field_validator("note")(_no_nul)


class PartnerAid(BaseModel):
    """An aid of the organisme, with the reasons it may read."""

    code: str
    title: str
    reasons: list[str]


class ConsentReference(BaseModel):
    """The consent the orientation rests on."""

    mode: str | None
    text_version: str | None
    text_hash: str | None
    at: str | None = _timestamp()


class FollowUp(BaseModel):
    """The organisme's follow-up of its orientation, and the counter's note to it."""

    status: str
    outcome: str | None
    note: str
    updated_at: str = _timestamp()
    counter_note: str | None = Field(default=None, description="the counter's note for the "
                                                              "organisme (issue 16)")


class PartnerAppointment(BaseModel):
    """One appointment of the organisme on a dossier (issue 16)."""

    id: str
    at: str = _timestamp()
    duration: int = Field(description="minutes")
    mode: str = Field(description="telephone, agence or visio")
    place: str
    bring: str = Field(description="what to bring")
    by: str = Field(description="who receives or calls")
    status: str = Field(description="propose, fixe, fait or annule")
    created_at: str = _timestamp()
    updated_at: str = _timestamp()


class PartnerDossier(BaseModel):
    """A dossier as one organisme may see it (app.forms.disclosure)."""

    id: str
    number: str
    revision: int
    urgent: bool
    urgent_reasons: list[str] = Field(description="the urgency reasons among the answers seen")
    organisme: str
    identity: dict[str, Any] = Field(description="the identity fields the organisme receives")
    profile: dict[str, Any] = Field(description="the profile fields the organisme receives")
    aids: list[PartnerAid]
    answers: dict[str, str] = Field(description="question id → answer code: the reasons of "
                                                "the organisme's own aids")
    consent: ConsentReference
    orientation: FollowUp
    appointments: list[PartnerAppointment] = Field(
        default_factory=list, description="the organisme's own appointments (issue 16)")
    sans_nouvelle: bool = Field(default=False, description=(
        "transmitted, and no action of the organisme for the deployment's number of working "
        "days ([follow_up] stale_working_days, 10 by default)"))


class PartnerRow(BaseModel):
    """A row of the organisme's list: what it shows of a dossier (issue 18). The dossier itself
    is read with ``GET /partner/dossiers/{id}``."""

    id: str
    number: str
    revision: int = Field(description="the dossier's revision: its detail is to be read again "
                                      "when it changes")
    urgent: bool
    name: str = Field(description="« NOM Prénom » as far as the organisme sees it, else ''")
    status: str = Field(description="the orientation's follow-up status")
    outcome: str | None
    note: str = Field(description="the organisme's own note on its follow-up")
    updated_at: str = Field(description="when the follow-up last changed (ISO 8601)")
    sans_nouvelle: bool = Field(description=(
        "transmitted, and no action of the organisme for the deployment's number of working "
        "days ([follow_up] stale_working_days, 10 by default)"))


class PartnerList(BaseModel):
    """A page of the dossiers oriented to the organisme with its consent, urgent first then by
    number (issue 18: read a page at a time)."""

    items: list[PartnerRow]
    next: str | None = Field(description="the cursor of the next page (``after``), null after "
                                         "the last")


# --------------------------------------------------------------------------- figures, admin


class ProcessingFigure(BaseModel):
    """One organisme's processing time in days (null below the minimum sample)."""

    p90_days: float | None
    median_days: float | None
    count: int


class ProcessingTimes(BaseModel):
    """Per organisme, the processing times over the window."""

    window_days: int
    min_sample: int
    computed_at: str = _timestamp()
    organismes: dict[str, ProcessingFigure]


class Health(BaseModel):
    """Whether the store process answers and reaches its database (``GET /health``)."""

    status: str
    database: str
    version: str


class Counts(BaseModel):
    """How many dossiers and agents the store holds."""

    dossiers: int
    agents: int


class AuditEntryOut(BaseModel):
    """One row of the audit log."""

    id: int
    seq: int = Field(description="the row's place in the chain")
    at: str = _timestamp()
    agent: str
    action: str
    dossier_id: str | None
    detail: str
    row_hash: str


class AuditPage(BaseModel):
    """Audit rows matching the filters."""

    entries: list[AuditEntryOut]


class SiteOut(BaseModel):
    """One site's current settings (``updated_by`` for administrators only)."""

    code: str
    name: str
    kind: str
    version: int = Field(description="0: no settings recorded yet")
    confirmed: bool
    address: list[str]
    postal_code: str
    commune: str
    phone: str
    email: str
    hours: str
    updated_at: str | None = _timestamp()
    updated_by: str | None = None


class SiteList(BaseModel):
    """Every site, in the shipped order."""

    sites: list[SiteOut]


# --------------------------------------------------------------------------- workstations


def _nonce(description: str) -> Any:
    return Field(min_length=16, max_length=128, pattern=r"^[A-Za-z0-9_-]+$",
                 description=description)


class RegisterRequest(BaseModel):
    """A workstation asking to be registered under ``code`` (the site is the agent's)."""

    id: uuid.UUID
    code: str = Field(pattern=r"^\d{2}$")
    site: str | None = Field(default=None, pattern=r"^[A-Z]{3}$",
                             description="the workstation's own site: refused (403) when it "
                                         "is not the agent's")
    nonce: str = _nonce("the identity nonce the workstation holds from now on")


class RoundRequest(BaseModel):
    """The identity proof of one sync round: the nonce held now and the one to hold next."""

    current: str = _nonce("the nonce the workstation holds")
    next: str = _nonce("the nonce it holds once this round is accepted")


class WorkstationOut(BaseModel):
    """A registered workstation."""

    id: str
    site: str
    code: str
    registered_at: str = _timestamp()
    registered_by: str
    last_seen_at: str = _timestamp()
    retired: bool


class WorkstationRegistered(WorkstationOut):
    """A registered workstation with the highest dossier sequence number per year the store
    has seen for its code."""

    sequences: dict[str, int]


class WorkstationList(BaseModel):
    """Every registered workstation, by site and code."""

    workstations: list[WorkstationOut]


# --------------------------------------------------------------------------- call list (issue 16)


class CallPushRequest(BaseModel):
    """Signals, call attempts and links (a dossier opened from an entry) to store, at most 500
    of each. Each item is checked on its own (app.forms.calls: check_signal, check_attempt,
    check_link): a bad one is ``rejected`` with its field and reason, the others are stored."""

    signals: list[dict[str, Any]] = Field(
        default_factory=list, max_length=MAX_BATCH,
        description="id, source, reference, type, date, siret, nir, nom, prenom, telephone, "
                    "email, code_postal, commune, montant_cents, commentaire, entry_id, "
                    "dossier_id, imported_at, agent")
    attempts: list[dict[str, Any]] = Field(
        default_factory=list, max_length=MAX_BATCH,
        description="id, entry_id, at, agent, workstation, outcome, callback_at, note")
    links: list[dict[str, Any]] = Field(default_factory=list, max_length=MAX_BATCH,
                                        description="entry_id, dossier_id, at, agent")


class CallSignalResult(BaseModel):
    """The outcome of one pushed signal; ``entry_id`` is the store's entry holding it."""

    id: str | None
    status: Literal["accepted", "duplicate", "rejected"]
    entry_id: str | None = None
    reason: str | None = None
    field: str | None = None


class CallAttemptResult(BaseModel):
    """The outcome of one pushed attempt."""

    id: str | None
    status: Literal["accepted", "duplicate", "rejected"]
    reason: str | None = None
    field: str | None = None


class CallLinkResult(BaseModel):
    """The outcome of one pushed link."""

    entry_id: str | None
    status: Literal["accepted", "duplicate", "rejected"]
    reason: str | None = None
    field: str | None = None


class CallPushResponse(BaseModel):
    """One result per pushed item, in the order sent, and the pushed entry ids the store keeps
    under another id (pushed id → store's id)."""

    signals: list[CallSignalResult]
    attempts: list[CallAttemptResult]
    links: list[CallLinkResult]
    aliases: dict[str, str]


class CallSignalOut(BaseModel):
    """A signal of an entry, as checked when it was pushed."""

    id: str
    source: str
    reference: str
    type: str
    date: str = Field(json_schema_extra={"format": "date"})
    siret: str | None
    nir: str | None
    nom: str | None
    prenom: str | None
    telephone: str | None
    email: str | None
    code_postal: str | None
    commune: str | None
    montant_cents: int | None
    commentaire: str | None
    entry_id: str
    dossier_id: str | None
    imported_at: str = _timestamp()
    agent: str


class CallAttemptOut(BaseModel):
    """A call attempt of an entry."""

    id: str
    entry_id: str
    at: str = _timestamp()
    agent: str
    workstation: str
    outcome: str
    callback_at: str | None = _timestamp()
    note: str


class CallEntryOut(BaseModel):
    """One worker of the site's call list: grouped signals, the state the attempts left, the
    claim (``claimed_by`` the workstation, until ``claim_expires_at``)."""

    id: str
    site: str
    siret: str | None
    nir: str | None
    dossier_id: str | None
    status: str = Field(description="a_appeler, rappel, courrier, joint, refus or "
                                    "deja_accompagne")
    score: int
    amount_cents: int
    oldest: str = Field(json_schema_extra={"format": "date"})
    unanswered: int
    next_attempt_at: str | None = _timestamp()
    callback_at: str | None = _timestamp()
    claimed_by: str | None
    claimed_agent: str | None
    claim_expires_at: str | None = _timestamp()
    updated_at: str = _timestamp()
    signals: list[CallSignalOut]
    attempts: list[CallAttemptOut]


class CallChanges(BaseModel):
    """The site's entries changed after a cursor, in change order, with their aliases (a
    merged entry's id → the entry it was merged into)."""

    entries: list[CallEntryOut]
    aliases: dict[str, str]
    cursor: int = Field(description="the cursor to read from next")
    more: bool = Field(description="more changes wait after this page")


class ClaimRequest(BaseModel):
    """How long the workstation keeps the entry."""

    minutes: int = Field(default=CLAIM_MINUTES, ge=1, le=CLAIM_MINUTES_MAX)


class ClaimRefusal(BaseModel):
    """Another workstation holds the entry."""

    detail: str
    claimed_by: str | None
    claim_expires_at: str | None = _timestamp()


class CallFigures(BaseModel):
    """The call list's figures: entries, reached (status joint), dossiers opened from an entry,
    refusals, letters proposed (status courrier)."""

    entries: int
    reached: int
    dossiers_opened: int
    refusals: int
    letters: int


# ------------------------------------------------------------------ appointments (issue 16)

if TYPE_CHECKING:
    AppointmentMode = str
    AppointmentStatus = str
    OrganismeCode = str
else:
    AppointmentMode = Literal[APPOINTMENT_MODES]
    AppointmentStatus = Literal[APPOINTMENT_STATUSES]
    OrganismeCode = Literal[ORGANISMES]


class AppointmentRequest(BaseModel):
    """A partner proposes, sets, moves, cancels or closes one of its appointments: without
    ``id`` a new one; with the id of one of its own, that one."""

    id: uuid.UUID | None = None
    at: datetime = Field(description="date and time with its UTC offset, e.g. "
                                     "2026-12-07T10:00:00+01:00")
    duration: int = Field(default=30, ge=1, le=480, description="minutes")
    mode: AppointmentMode
    place: str = Field(default="", max_length=200,
                       description="address of the agency, or how to join (visio)")
    bring: str = Field(default="", max_length=500, description="what to bring")
    by: str = Field(default="", max_length=100, description="who receives or calls")
    status: AppointmentStatus = "propose"

    _check = field_validator("place", "bring", "by")(_no_nul)

    @field_validator("at")
    @classmethod
    def _aware(cls, value: datetime) -> datetime:
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("at: expected a date and time with its UTC offset")
        return value


class AppointmentResult(BaseModel):
    """The appointment as stored, and the dossier as the organisme now sees it."""

    appointment: PartnerAppointment
    dossier: PartnerDossier


class ReorientRequest(BaseModel):
    """A partner re-orients a dossier to another organisme."""

    organisme: OrganismeCode
    note: str = Field(default="", max_length=1900, description="why, for the organisme and "
                                                               "the counter")

    _check = field_validator("note")(_no_nul)


class ReorientResult(BaseModel):
    """``transmise`` when the worker's consent to the organisme was given (it sees the
    dossier now); ``a_transmettre`` when the counter has to ask for it first."""

    id: str
    revision: int
    organisme: str
    status: Literal["transmise", "a_transmettre"]
    consent_given: bool


class AgendaAppointment(PartnerAppointment):
    """One appointment of the organisme's agenda, with its dossier."""

    dossier_id: str
    number: str
    name: str = Field(description="the person's name, as far as the organisme sees it")
    telephone: str = Field(description="the person's phone, when the organisme receives it")
    urgent: bool
    organisme: str
    kind: Literal["rendez_vous"]


class PartnerAgenda(BaseModel):
    """The organisme's appointments of a range of days, in time order."""

    appointments: list[AgendaAppointment]


# --------------------------------------------------------------------------- statistics (issue 17)

StatCount = int | Literal["<5"]


class StatPeriod(BaseModel):
    """The period of a figure: its label as asked, its first and last days (Paris)."""

    label: str
    first: str
    last: str


class StatKeys(BaseModel):
    """The dimensions of a row (only those asked for are present)."""

    site: str | None = None
    channel: str | None = None
    organisme: str | None = None
    aid: str | None = None
    question: str | None = None
    answer: str | None = None
    urgent: bool | None = None
    status: str | None = None
    outcome: str | None = None
    month: str | None = None


class BreakdownCount(BaseModel):
    """Distinct dossiers (``<5`` under the statistical secrecy)."""

    dossiers: StatCount


class BreakdownRow(StatKeys, BreakdownCount):
    """One group of a breakdown."""


class StatAnswer(BaseModel):
    """What every statistics answer says besides its rows."""

    period: StatPeriod
    by: list[str]
    secrecy: bool = Field(description="counts from 1 to 4, and those that would reveal them, "
                                      "are « <5 »")
    method: str = Field(description="what is counted, in one French sentence")


class Breakdown(StatAnswer):
    """``GET /stats/breakdown``."""

    rows: list[BreakdownRow]
    total: BreakdownCount


class Delay(BaseModel):
    """Delays in days of a group's orientations; median and 90th percentile null below 5."""

    count: StatCount
    median_days: float | None
    p90_days: float | None


class DelayCounts(BaseModel):
    """Transmission to first contact, and to closure."""

    first_contact: Delay
    closure: Delay


class DelayRow(StatKeys, DelayCounts):
    """One group of ``GET /stats/times``."""


class Delays(StatAnswer):
    """``GET /stats/times``."""

    rows: list[DelayRow]
    total: DelayCounts


class CallCounts(BaseModel):
    """Entries of the call list, reached, dossiers opened, refusals, letters proposed."""

    entries: StatCount
    reached: StatCount
    dossiers_opened: StatCount
    refusals: StatCount
    letters: StatCount


class CallRow(StatKeys, CallCounts):
    """One group of ``GET /stats/calls``."""


class CallStats(StatAnswer):
    """``GET /stats/calls``."""

    rows: list[CallRow]
    total: CallCounts
