"""The dossier aggregate: creating and changing dossiers, finding them, export and import.

Every function takes a :class:`~sqlalchemy.orm.Session` and works inside the caller's
transaction; the caller commits (``with store.transaction() as session: ...``) or rolls back.
Each change of a dossier, in that same transaction: bumps ``revision`` by one, sets
``updated_at``, appends one :class:`Outbox` row whose payload is the dossier's export dict after
the change, and one :class:`AuditLog` row per elementary act. A change function called alone is
one change with one act; the calls made inside ``with change(session, dossier):`` (one agent
action: an answer with the urgency and status it implies, the consents of several organismes
with the orientation they allow) are the acts of one change. A call that changes nothing (same
answer again, every orientation already there) writes nothing.

Consents: one row per (dossier, organisme). Giving consent again updates that row (and clears a
revocation); revoking sets ``revoked_at``/``revoked_by`` and keeps the row. Every act, with the
previous values, is in the audit log, which is append-only (enforced by triggers).
"""

from __future__ import annotations

import json
import re
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import date, datetime
from operator import itemgetter
from types import SimpleNamespace
from typing import Any, Protocol, cast

from sqlalchemy import Dialect, Table, delete, func, insert, or_, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.db.batches import chunks as _chunks
from app.forms.codes import (
    APPOINTMENT_KINDS,
    APPOINTMENT_MODES,
    APPOINTMENT_STATUSES,
    CHANNELS,
    CONSENT_MODES,
    DOSSIER_STATUSES,
    NUMBER_RE,
    ORGANISMES,
    ORIENTATION_OUTCOMES,
    ORIENTATION_STATUSES,
    PRINT_KINDS,
    QUESTION_ID_RE,
    SITE_CODE_RE,
    STATUTS,
    WORKSTATION_CODE_RE,
    check_code,
)
from app.forms.export import (
    PROFILE_FIELDS,
    build_export,
    parse_date,
    parse_datetime,
    parse_optional_datetime,
)
from app.forms.identity import RECORD_IDENTITY_FIELDS
from app.models import audit_chain
from app.models.base import utcnow
from app.models.entities import (
    Answer,
    Appointment,
    AuditLog,
    Consent,
    Dossier,
    Erasure,
    NumberSequence,
    Orientation,
    Outbox,
    PrintedDocument,
)
from app.models.errors import ConsentRequiredError, DossierConflictError, NumberConflictError
from app.models.normalize import compact_identifier, name_key, search_rowid, sorts_urgent

IDENTITY_KEYS = RECORD_IDENTITY_FIELDS
PROFILE_KEYS = PROFILE_FIELDS
_UUID_RE = re.compile(
    r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
)
_HASH_RE = re.compile(r"^[0-9a-f]{64}$")
_MAX_BINDS = 30_000  # values bound to one statement (SQLite allows 32 766)

DOSSIERS = cast(Table, Dossier.__table__)
ANSWERS = cast(Table, Answer.__table__)
CONSENTS = cast(Table, Consent.__table__)
ORIENTATIONS = cast(Table, Orientation.__table__)
PRINTED = cast(Table, PrintedDocument.__table__)
AUDIT = cast(Table, AuditLog.__table__)
OUTBOX = cast(Table, Outbox.__table__)
APPOINTMENTS = cast(Table, Appointment.__table__)


class WorkstationRef(Protocol):
    """Anything naming the workstation that creates a dossier (a ``Store`` does)."""

    @property
    def site_code(self) -> str: ...

    @property
    def workstation_code(self) -> str: ...


@dataclass(frozen=True)
class Origin:
    """A site and workstation, for callers without a ``Store`` at hand."""

    site_code: str
    workstation_code: str


@dataclass(frozen=True)
class ImportResult:
    """How many dossiers an import created, updated and skipped."""

    created: int
    updated: int
    skipped: int


# --------------------------------------------------------------------------- helpers


def _now(now: datetime | None) -> datetime:
    if now is None:
        return utcnow()
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError(f"naive datetime {now!r}: the store needs timezone-aware values")
    return now


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _as_date(value: date | str | None, field: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        raise ValueError(f"{field}: expected a date, got a date-time")
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"{field}: {value!r} is not an ISO date (YYYY-MM-DD)") from exc


def _as_text(value: Any, field: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{field}: expected text, got {type(value).__name__}")
    value = value.strip()
    return value or None


def _figures_text(figures: Mapping[str, Any]) -> str:
    """A print's frozen figures as stored: canonical JSON (sorted keys)."""
    return json.dumps(dict(figures), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _check_hash(value: str, field: str) -> str:
    if not _HASH_RE.match(value):
        raise ValueError(f"{field}: expected a sha256 hex digest (64 lowercase hex digits)")
    return value


def _apply_identity(dossier: Dossier, identity: Mapping[str, Any]) -> None:
    unknown = set(identity) - set(IDENTITY_KEYS)
    if unknown:
        raise ValueError(
            f"identity: unknown field(s) {', '.join(sorted(unknown))}; "
            f"expected {', '.join(IDENTITY_KEYS)}"
        )
    for key, value in identity.items():
        if key == "date_naissance":
            dossier.date_naissance = _as_date(value, "identity.date_naissance")
        elif key in ("nir", "siret"):
            setattr(dossier, key, compact_identifier(_as_text(value, f"identity.{key}")))
        elif key in ("nom", "prenom"):
            text = _as_text(value, f"identity.{key}")
            if not text:
                raise ValueError(f"identity.{key}: required")
            setattr(dossier, key, text)
        else:
            setattr(dossier, key, _as_text(value, f"identity.{key}"))
    dossier.name_key = name_key(dossier.nom, dossier.prenom)


def _apply_profile(dossier: Dossier, profile: Mapping[str, Any]) -> None:
    unknown = set(profile) - set(PROFILE_KEYS)
    if unknown:
        raise ValueError(
            f"profile: unknown field(s) {', '.join(sorted(unknown))}; "
            f"expected {', '.join(PROFILE_KEYS)}"
        )
    for key, value in profile.items():
        if key in ("date_naissance", "debut_activite"):
            setattr(dossier, key, _as_date(value, f"profile.{key}"))
        elif key == "statut":
            dossier.statut = None if value is None else check_code(value, STATUTS, "statut")
        elif key == "foyer":
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                raise ValueError("profile.foyer: expected an integer")
            if value is not None and value < 1:
                raise ValueError("profile.foyer: must be at least 1")
            dossier.foyer = value
        elif key == "activite_principale":
            if value is not None and not isinstance(value, bool):
                raise ValueError("profile.activite_principale: expected true or false")
            dossier.activite_principale = value
        else:
            dossier.departement = _as_text(value, "profile.departement")


def _allocate_pks(session: Session, count: int) -> int:
    """First of ``count`` fresh dossier pks (the caller holds the write lock, see module doc)."""
    last = session.execute(select(func.max(DOSSIERS.c.pk))).scalar_one_or_none()
    return int(last or 0) + 1 if count else 0


@dataclass
class _Change:
    """One change of a dossier being recorded: its acts share one revision and one outbox row."""

    dossier: Dossier
    now: datetime  # the time of acts that name none
    acts: int = 0
    created: bool = False


_OPEN_CHANGES = "app.models.repository.open_changes"  # Session.info key: dossier id -> _Change


def _open_changes(session: Session) -> dict[str, _Change]:
    return cast(dict[str, _Change], session.info.setdefault(_OPEN_CHANGES, {}))


def _act_now(session: Session, dossier: Dossier, now: datetime | None) -> datetime:
    """The time of one act: ``now`` when given, else the open change's, else the clock's."""
    if now is not None:
        return _now(now)
    unit = _open_changes(session).get(dossier.id)
    return utcnow() if unit is None else unit.now


@contextmanager
def change(session: Session, dossier: Dossier, *, now: datetime | None = None) -> Iterator[Dossier]:
    """One agent action on ``dossier``: the change functions called inside are its acts.

    The acts share one revision (bumped at the first act, checked against concurrent edits
    then) and one outbox row, written when the block ends with the dossier as it stands; each
    act keeps its own audit row and details, all carrying that revision. Acts that give no
    ``now`` take the block's (default: the time it was entered). A block where nothing changed
    writes nothing. Nested blocks on the same dossier join the outer one.

    If the block raises after some act, the outbox row is still written (when the session can
    flush), so a caller that commits anyway never leaves a revision without its outbox row;
    roll back to drop the whole action.
    """
    changes = _open_changes(session)
    key = dossier.id  # read now: a failed flush expires the dossier's attributes
    if key in changes:
        yield dossier
        return
    unit = _Change(dossier, _now(now))
    changes[key] = unit
    try:
        yield dossier
    except BaseException:
        if unit.acts and session.is_active:
            # The first error is the one to see; a failed flush leaves the session to roll back.
            with suppress(Exception):
                _finish_change(session, unit)
        raise
    else:
        if unit.acts:
            _finish_change(session, unit)
    finally:
        changes.pop(key, None)


def _flush(session: Session, dossier: Dossier) -> None:
    number = dossier.number
    try:
        session.flush()
    except StaleDataError as exc:
        raise DossierConflictError(
            f"dossier {number} was changed elsewhere since it was loaded; reload it "
            "and apply the change again"
        ) from exc


def record_change(
    session: Session,
    dossier: Dossier,
    *,
    action: str,
    agent: str,
    now: datetime,
    detail: Mapping[str, Any],
    created: bool = False,
) -> None:
    """One act: its audit row, and (at the first act of a change) the revision.

    Inside :func:`change` the outbox row waits for the end of the block; outside, the act is a
    change of its own, finished at once.
    """
    unit = _open_changes(session).get(dossier.id)
    alone = unit is None
    if unit is None:
        unit = _Change(dossier, now)
    if created:
        unit.created = True  # revision 1, set by create_dossier
    elif unit.acts == 0:
        dossier.revision += 1
    first = unit.acts == 0
    unit.acts += 1
    dossier.updated_at = now
    dossier.search_rowid = search_rowid(
        dossier.pk, sorts_urgent(dossier.urgent, dossier.status), now
    )
    if first:
        _flush(session, dossier)
    session.add(
        AuditLog(
            at=now,
            agent=agent,
            dossier_id=dossier.id,
            action=action,
            detail=_json({"revision": dossier.revision, **detail}),
        )
    )
    if alone:
        _finish_change(session, unit)


def _finish_change(session: Session, unit: _Change) -> None:
    """The outbox row of a change: the dossier's export dict once every act is applied."""
    dossier = unit.dossier
    dossier.search_rowid = search_rowid(
        dossier.pk, sorts_urgent(dossier.urgent, dossier.status), dossier.updated_at
    )
    session.add(
        Outbox(
            dossier_id=dossier.id,
            revision=dossier.revision,
            kind="create" if unit.created else "update",
            payload=_json(to_export(dossier)),
            created_at=dossier.updated_at,
        )
    )
    _flush(session, dossier)


# --------------------------------------------------------------------------- numbers


def format_number(site_code: str, workstation_code: str, year: int, seq: int) -> str:
    """``TI-{SITE}-{WS}-{YEAR}-{SEQ:06d}``."""
    return f"TI-{site_code}-{workstation_code}-{year:04d}-{seq:06d}"


def next_number(session: Session, site_code: str, workstation_code: str, year: int) -> str:
    """Take the next dossier number of (site, workstation, year), in the current transaction.

    One ``INSERT … ON CONFLICT DO UPDATE … RETURNING`` statement: it takes SQLite's write lock,
    so two sessions can never get the same number, and a rollback gives the number back.
    """
    if not SITE_CODE_RE.match(site_code):
        raise ValueError(f"site: {site_code!r} must be 3 uppercase letters")
    if not WORKSTATION_CODE_RE.match(workstation_code):
        raise ValueError(f"workstation: {workstation_code!r} must be two digits")
    upsert = sqlite_insert(NumberSequence).values(
        site_code=site_code, workstation_code=workstation_code, year=year, last_value=1
    )
    stmt = upsert.on_conflict_do_update(
        index_elements=["site_code", "workstation_code", "year"],
        set_={"last_value": NumberSequence.last_value + 1},
    ).returning(NumberSequence.last_value)
    seq = int(session.execute(stmt).scalar_one())
    return format_number(site_code, workstation_code, year, seq)


# --------------------------------------------------------------------------- changes


def create_dossier(
    session: Session,
    origin: WorkstationRef,
    *,
    identity: Mapping[str, Any],
    profile: Mapping[str, Any],
    channel: str,
    agent: str,
    questionnaire: str = "help-v1",
    dossier_id: str | None = None,
    urgent: bool = False,
    now: datetime | None = None,
) -> Dossier:
    """Create a draft dossier numbered for ``origin``'s site and workstation (revision 1)."""
    now = _now(now)
    check_code(channel, CHANNELS, "channel")
    dossier_id = dossier_id or str(uuid.uuid4())
    if not _UUID_RE.match(dossier_id):
        raise ValueError(f"id: {dossier_id!r} is not a UUID")
    dossier_id = dossier_id.lower()
    if "date_naissance" in identity and "date_naissance" in profile:
        a = _as_date(identity["date_naissance"], "identity.date_naissance")
        b = _as_date(profile["date_naissance"], "profile.date_naissance")
        if a != b:
            raise ValueError("date_naissance: identity and profile disagree")
    dossier = Dossier(
        id=dossier_id,
        site_code=origin.site_code,
        workstation_code=origin.workstation_code,
        channel=channel,
        questionnaire=questionnaire,
        status="brouillon",
        urgent=urgent,
        revision=1,
        agent=agent,
        created_at=now,
        updated_at=now,
        answers=[],
        consents=[],
        orientations=[],
        printed=[],
    )
    if not identity.get("nom") or not identity.get("prenom"):
        raise ValueError("identity: nom and prenom are required")
    _apply_identity(dossier, identity)
    _apply_profile(dossier, profile)
    # The number first: its statement takes the write lock, making the pk allocation safe.
    dossier.number = next_number(session, origin.site_code, origin.workstation_code, now.year)
    dossier.pk = _allocate_pks(session, 1)
    dossier.search_rowid = search_rowid(dossier.pk, urgent, now)
    session.add(dossier)
    record_change(
        session,
        dossier,
        action="create",
        agent=agent,
        now=now,
        detail={"number": dossier.number, "channel": channel},
        created=True,
    )
    return dossier


def update_identity(
    session: Session,
    dossier: Dossier,
    *,
    identity: Mapping[str, Any] | None = None,
    profile: Mapping[str, Any] | None = None,
    agent: str,
    now: datetime | None = None,
    reason: str | None = None,
) -> None:
    """Change some identity and/or profile fields (keys absent from the dicts stay as they are).

    ``reason``: why the agent corrected them, kept in the audit row (the dossier's history).
    """
    before = to_export(dossier)
    if identity:
        _apply_identity(dossier, identity)
    if profile:
        _apply_profile(dossier, profile)
    after = to_export(dossier)
    if before["identity"] == after["identity"] and before["profile"] == after["profile"]:
        return
    changed = sorted(
        {
            k
            for k in set(before["identity"]) | set(after["identity"])
            if before["identity"].get(k) != after["identity"].get(k)
        }
        | {
            k
            for k in set(before["profile"]) | set(after["profile"])
            if before["profile"].get(k) != after["profile"].get(k)
        }
    )
    record_change(
        session,
        dossier,
        action="identity",
        agent=agent,
        now=_act_now(session, dossier, now),
        detail={"fields": changed, **({"reason": reason} if reason else {})},
    )


def save_answer(
    session: Session,
    dossier: Dossier,
    question_id: str,
    code: str,
    *,
    agent: str,
    now: datetime | None = None,
    reason: str | None = None,
) -> Answer:
    """Insert or change the answer to one question (``reason``: why a given answer was revised,
    kept in the audit row)."""
    if not QUESTION_ID_RE.match(question_id):
        raise ValueError(f"question: {question_id!r} is not a question id like Q05")
    if not code or not isinstance(code, str):
        raise ValueError(f"{question_id}: an answer code is required")
    now = _act_now(session, dossier, now)
    answer = next((a for a in dossier.answers if a.question_id == question_id), None)
    previous = None if answer is None else answer.code
    if answer is None:
        answer = Answer(question_id=question_id, code=code, answered_at=now, agent=agent)
        dossier.answers.append(answer)
    elif answer.code == code:
        return answer
    else:
        answer.code, answer.answered_at, answer.agent = code, now, agent
    record_change(
        session,
        dossier,
        action="answer",
        agent=agent,
        now=now,
        detail={"question_id": question_id, "code": code, "previous": previous,
                **({"reason": reason} if reason else {})},
    )
    return answer


def _consent(dossier: Dossier, organisme: str) -> Consent | None:
    return next((c for c in dossier.consents if c.organisme == organisme), None)


def _consent_detail(consent: Consent | None) -> dict[str, Any] | None:
    if consent is None:
        return None
    return {
        "given": consent.given,
        "mode": consent.mode,
        "text_version": consent.text_version,
        "text_hash": consent.text_hash,
        "agent": consent.agent,
        "at": consent.at.isoformat(),
        "revoked_at": None if consent.revoked_at is None else consent.revoked_at.isoformat(),
        "revoked_by": consent.revoked_by,
    }


def record_consent(
    session: Session,
    dossier: Dossier,
    organisme: str,
    *,
    given: bool,
    mode: str,
    text_version: str,
    text_hash: str,
    agent: str,
    now: datetime | None = None,
) -> Consent:
    """Record the worker's consent (``given=True``) or refusal for one organisme."""
    check_code(organisme, ORGANISMES, "organisme")
    check_code(mode, CONSENT_MODES, "mode")
    _check_hash(text_hash, "text_hash")
    if not text_version:
        raise ValueError("text_version: required")
    now = _act_now(session, dossier, now)
    consent = _consent(dossier, organisme)
    previous = _consent_detail(consent)
    if consent is None:
        consent = Consent(organisme=organisme)
        dossier.consents.append(consent)
    consent.given, consent.mode = given, mode
    consent.text_version, consent.text_hash = text_version, text_hash
    consent.agent, consent.at = agent, now
    consent.revoked_at = consent.revoked_by = None
    record_change(
        session,
        dossier,
        action="consent",
        agent=agent,
        now=now,
        detail={
            "organisme": organisme,
            "given": given,
            "mode": mode,
            "text_version": text_version,
            "text_hash": text_hash,
            "previous": previous,
        },
    )
    return consent


def revoke_consent(
    session: Session,
    dossier: Dossier,
    organisme: str,
    *,
    agent: str,
    now: datetime | None = None,
) -> Consent:
    """Revoke a given consent; the record stays, with ``revoked_at`` and ``revoked_by`` set."""
    check_code(organisme, ORGANISMES, "organisme")
    consent = _consent(dossier, organisme)
    if consent is None or not consent.active:
        raise ValueError(f"{organisme}: there is no given, unrevoked consent to revoke")
    now = _act_now(session, dossier, now)
    consent.revoked_at, consent.revoked_by = now, agent
    record_change(
        session,
        dossier,
        action="consent_revoked",
        agent=agent,
        now=now,
        detail={"organisme": organisme, "consent_at": consent.at.isoformat()},
    )
    return consent


def set_orientations(
    session: Session,
    dossier: Dossier,
    organismes: Sequence[str],
    *,
    agent: str | None = None,
    now: datetime | None = None,
) -> list[Orientation]:
    """Orient the dossier to ``organismes`` (new ones start ``a_transmettre``).

    Raises ConsentRequiredError, changing nothing, when any of them lacks a given, unrevoked
    consent. Existing orientations are kept as they are. Returns every orientation.
    """
    for organisme in organismes:
        check_code(organisme, ORGANISMES, "organisme")
    missing = [o for o in organismes if (c := _consent(dossier, o)) is None or not c.active]
    if missing:
        raise ConsentRequiredError(
            f"no given, unrevoked consent for: {', '.join(missing)}; "
            "record the worker's consent before orienting the dossier"
        )
    now = _act_now(session, dossier, now)
    existing = {o.organisme for o in dossier.orientations}
    new = [o for o in dict.fromkeys(organismes) if o not in existing]
    if not new:
        return list(dossier.orientations)
    for organisme in new:
        dossier.orientations.append(
            Orientation(organisme=organisme, status="a_transmettre", updated_at=now)
        )
    record_change(
        session,
        dossier,
        action="orientation",
        agent=agent or dossier.agent,
        now=now,
        detail={"organismes": new},
    )
    return list(dossier.orientations)


def update_orientation(
    session: Session,
    dossier: Dossier,
    organisme: str,
    *,
    status: str,
    outcome: str | None = None,
    note: str | None = None,
    agent: str,
    now: datetime | None = None,
) -> Orientation:
    """Change how far an organisme got with the dossier (status, outcome, note)."""
    check_code(status, ORIENTATION_STATUSES, "status")
    if outcome is not None:
        check_code(outcome, ORIENTATION_OUTCOMES, "outcome")
    orientation = next((o for o in dossier.orientations if o.organisme == organisme), None)
    if orientation is None:
        raise ValueError(f"{organisme}: the dossier is not oriented to this organisme")
    if (orientation.status, orientation.outcome, orientation.note) == (status, outcome, note):
        return orientation
    now = _act_now(session, dossier, now)
    previous = {"status": orientation.status, "outcome": orientation.outcome}
    orientation.status, orientation.outcome, orientation.note = status, outcome, note
    orientation.updated_at = now
    record_change(
        session,
        dossier,
        action="orientation_status",
        agent=agent,
        now=now,
        detail={"organisme": organisme, "status": status, "outcome": outcome, "previous": previous},
    )
    return orientation


def record_print(
    session: Session,
    dossier: Dossier,
    kind: str,
    *,
    organisme: str | None = None,
    agent: str,
    content_hash: str,
    now: datetime | None = None,
    figures: Mapping[str, Any] | None = None,
) -> PrintedDocument:
    """Record that a document of the dossier was printed (``letter`` needs an organisme).

    ``figures``: the processing-time figures it showed (organisme → figure, as
    app.forms.figures.freeze writes them), kept with the print; None when it shows none."""
    check_code(kind, PRINT_KINDS, "kind")
    if organisme is not None:
        check_code(organisme, ORGANISMES, "organisme")
    elif kind == "letter":
        raise ValueError("organisme: a letter is addressed to an organisme")
    _check_hash(content_hash, "content_hash")
    now = _act_now(session, dossier, now)
    document = PrintedDocument(
        kind=kind,
        organisme=organisme,
        printed_at=now,
        agent=agent,
        content_hash=content_hash,
        figures=None if figures is None else _figures_text(figures),
    )
    dossier.printed.append(document)
    record_change(
        session,
        dossier,
        action="print",
        agent=agent,
        now=now,
        detail={"kind": kind, "organisme": organisme, "content_hash": content_hash},
    )
    return document


def set_status(
    session: Session, dossier: Dossier, status: str, *, agent: str, now: datetime | None = None
) -> None:
    """Move the dossier to ``status`` (brouillon, complet, oriente, clos)."""
    check_code(status, DOSSIER_STATUSES, "status")
    if dossier.status == status:
        return
    previous, dossier.status = dossier.status, status
    record_change(
        session,
        dossier,
        action="status",
        agent=agent,
        now=_act_now(session, dossier, now),
        detail={"status": status, "previous": previous},
    )


def set_urgent(
    session: Session, dossier: Dossier, urgent: bool, *, agent: str, now: datetime | None = None
) -> None:
    """Store the urgency computed by the caller from the answers."""
    if dossier.urgent == urgent:
        return
    dossier.urgent = urgent
    record_change(
        session,
        dossier,
        action="urgent",
        agent=agent,
        now=_act_now(session, dossier, now),
        detail={"urgent": urgent},
    )


# --------------------------------------------------------------------- call-backs, appointments

COUNTER_NOTE_MAX = 2000
_APPOINTMENT_TEXTS = {"place": 200, "bring": 500, "by": 100, "note": 500}


def _appointment(dossier: Dossier, appointment_id: str) -> Appointment | None:
    key = appointment_id.strip().lower()
    return next((a for a in dossier.appointments if a.id == key), None)


def add_appointment(
    session: Session,
    dossier: Dossier,
    *,
    kind: str,
    at: datetime,
    duration: int,
    mode: str,
    by: str = "",
    organisme: str | None = None,
    place: str = "",
    bring: str = "",
    status: str = "fixe",
    note: str | None = None,
    agent: str,
    appointment_id: str | None = None,
    now: datetime | None = None,
) -> Appointment:
    """Add a call-back (``rappel``, no organisme, by telephone) or an appointment
    (``rendez_vous`` of ``organisme``) to the dossier: one act of its history."""
    check_code(kind, APPOINTMENT_KINDS, "kind")
    check_code(mode, APPOINTMENT_MODES, "mode")
    check_code(status, APPOINTMENT_STATUSES, "status")
    if kind == "rappel" and (organisme is not None or mode != "telephone"):
        raise ValueError("kind: a rappel is the counter's call-back, by telephone and without "
                         "organisme")
    if kind == "rendez_vous":
        check_code(str(organisme), ORGANISMES, "organisme")
    if isinstance(duration, bool) or not isinstance(duration, int) or not 1 <= duration <= 480:
        raise ValueError(f"duration: {duration!r} is not allowed; expected 1 to 480 minutes")
    texts = {"place": place, "bring": bring, "by": by, "note": note or ""}
    for name, value in texts.items():
        if not isinstance(value, str) or len(value) > _APPOINTMENT_TEXTS[name]:
            raise ValueError(f"{name}: expected a text of at most {_APPOINTMENT_TEXTS[name]} "
                             "characters")
    appointment_id = (appointment_id or str(uuid.uuid4())).lower()
    if not _UUID_RE.match(appointment_id):
        raise ValueError(f"id: {appointment_id!r} is not a UUID")
    if _appointment(dossier, appointment_id) is not None:
        raise ValueError(f"id: {appointment_id} is already an appointment of this dossier")
    when = _now(at)
    now = _act_now(session, dossier, now)
    appointment = Appointment(
        id=appointment_id, kind=kind, organisme=organisme, at=when, duration=duration,
        mode=mode, place=place.strip(), bring=bring.strip(), by_name=by.strip(),
        status=status, created_at=now, updated_at=now, agent=agent,
        note=(note or "").strip() or None,
    )
    dossier.appointments.append(appointment)
    record_change(
        session,
        dossier,
        action="appointment",
        agent=agent,
        now=now,
        detail={"id": appointment_id, "kind": kind, "organisme": organisme,
                "at": when.isoformat(), "status": status},
    )
    return appointment


def set_appointment_status(
    session: Session,
    dossier: Dossier,
    appointment_id: str,
    status: str,
    *,
    agent: str,
    now: datetime | None = None,
) -> Appointment:
    """Mark a call-back or appointment ``propose``, ``fixe``, ``fait`` or ``annule``."""
    check_code(status, APPOINTMENT_STATUSES, "status")
    appointment = _appointment(dossier, appointment_id)
    if appointment is None:
        raise ValueError(f"appointment: {appointment_id!r} is not an appointment of this "
                         "dossier")
    if appointment.status == status:
        return appointment
    now = _act_now(session, dossier, now)
    previous, appointment.status, appointment.updated_at = appointment.status, status, now
    record_change(
        session,
        dossier,
        action="appointment_status",
        agent=agent,
        now=now,
        detail={"id": appointment.id, "status": status, "previous": previous},
    )
    return appointment


def set_counter_note(
    session: Session,
    dossier: Dossier,
    organisme: str,
    text: str,
    *,
    agent: str,
    now: datetime | None = None,
) -> Orientation:
    """Write (or clear, with an empty text) the counter's note to ``organisme`` on its
    orientation. The orientation's ``updated_at`` is the partner's last action: it stays."""
    check_code(organisme, ORGANISMES, "organisme")
    if not isinstance(text, str) or len(text) > COUNTER_NOTE_MAX:
        raise ValueError(f"counter_note: expected a text of at most {COUNTER_NOTE_MAX} "
                         "characters")
    orientation = next((o for o in dossier.orientations if o.organisme == organisme), None)
    if orientation is None:
        raise ValueError(f"{organisme}: the dossier is not oriented to this organisme")
    value = text.strip() or None
    if orientation.counter_note == value:
        return orientation
    orientation.counter_note = value
    record_change(
        session,
        dossier,
        action="counter_note",
        agent=agent,
        now=_act_now(session, dossier, now),
        detail={"organisme": organisme, "cleared": value is None},
    )
    return orientation


# --------------------------------------------------------------------------- queries


def find_dossier(session: Session, number_or_id: str) -> Dossier | None:
    """The dossier with this UUID or human number (case-insensitive), or None."""
    key = number_or_id.strip()
    if _UUID_RE.match(key):
        return session.scalars(select(Dossier).where(Dossier.id == key.lower())).first()
    return session.scalars(select(Dossier).where(Dossier.number == key.upper())).first()


def find_duplicates(
    session: Session,
    *,
    nir: str | None = None,
    siret: str | None = None,
    nom: str | None = None,
    prenom: str | None = None,
    date_naissance: date | str | None = None,
    exclude_id: str | None = None,
) -> list[Dossier]:
    """Dossiers of the same person: same NIR, or same SIRET, or same name and birth date.

    Names compare without accents, case or punctuation; NIR and SIRET without spaces.
    Most recently updated first.
    """
    conditions = []
    if (nir_key := compact_identifier(nir)) is not None:
        conditions.append(Dossier.nir == nir_key)
    if (siret_key := compact_identifier(siret)) is not None:
        conditions.append(Dossier.siret == siret_key)
    birth = _as_date(date_naissance, "date_naissance")
    if nom and prenom and birth is not None:
        conditions.append(
            (Dossier.name_key == name_key(nom, prenom)) & (Dossier.date_naissance == birth)
        )
    if not conditions:
        return []
    stmt = select(Dossier).where(or_(*conditions)).order_by(Dossier.updated_at.desc())
    if exclude_id is not None:
        stmt = stmt.where(Dossier.id != exclude_id)
    return list(session.scalars(stmt))


def count_dossiers(session: Session) -> int:
    """Number of dossiers in the store."""
    return int(session.execute(select(func.count()).select_from(DOSSIERS)).scalar_one())


# --------------------------------------------------------------------------- export


def to_export(dossier: Dossier) -> dict[str, Any]:
    """The dossier's export dict (the ``accueil-ti export`` line), JSON-ready."""
    return build_export(
        dossier, dossier.answers, dossier.consents, dossier.orientations, dossier.printed,
        dossier.appointments,
    )


def iter_export(session: Session, batch: int = 1000) -> Iterator[dict[str, Any]]:
    """Every dossier's export dict, ordered by number, read ``batch`` dossiers at a time.

    Reads Core rows (no ORM objects), four child queries per batch.
    """
    last_number = ""
    while True:
        rows = session.execute(
            select(DOSSIERS)
            .where(DOSSIERS.c.number > last_number)
            .order_by(DOSSIERS.c.number)
            .limit(batch)
        ).all()
        if not rows:
            return
        pks = [r.pk for r in rows]
        children: list[dict[int, list[Any]]] = []
        # Answers without their timestamps: the export does not carry them.
        answer_columns = [ANSWERS.c.dossier_pk, ANSWERS.c.question_id, ANSWERS.c.code]
        for table, columns in (
            (ANSWERS, answer_columns),
            (CONSENTS, list(CONSENTS.c)),
            (ORIENTATIONS, list(ORIENTATIONS.c)),
            (PRINTED, list(PRINTED.c)),
            (APPOINTMENTS, list(APPOINTMENTS.c)),
        ):
            stmt = select(*columns).where(table.c.dossier_pk.in_(pks))
            by_pk: dict[int, list[Any]] = defaultdict(list)
            for child in session.execute(stmt).all():
                by_pk[child.dossier_pk].append(child)
            children.append(by_pk)
        answers, consents, orientations, printed, appointments = children
        for r in rows:
            yield build_export(r, answers[r.pk], consents[r.pk], orientations[r.pk], printed[r.pk],
                               appointments[r.pk])
        last_number = rows[-1].number


# --------------------------------------------------------------------------- import


@dataclass
class _Parsed:
    record: Mapping[str, Any]
    dossier: dict[str, Any]
    answers: list[dict[str, Any]]
    consents: list[dict[str, Any]]
    orientations: list[dict[str, Any]]
    printed: list[dict[str, Any]]
    appointments: list[dict[str, Any]]


def _parse_record(record: Mapping[str, Any]) -> _Parsed:
    number = str(record["number"]).upper()
    match = NUMBER_RE.match(number)
    identity = dict(record.get("identity") or {})
    profile = dict(record.get("profile") or {})
    site = record.get("site") or (match.group("site") if match else None)
    workstation = record.get("workstation") or (match.group("ws") if match else None)
    if not site or not workstation:
        raise ValueError(f"{number}: site and workstation are required")
    updated_at = parse_datetime(record["updated_at"])
    agent = str(record.get("agent") or "")
    birth = identity.get("date_naissance", profile.get("date_naissance"))
    nir = compact_identifier(identity.get("nir"))
    siret = compact_identifier(identity.get("siret"))
    dossier = {
        "id": str(record["id"]).lower(),
        "number": number,
        "site_code": site,
        "workstation_code": workstation,
        "channel": check_code(record.get("channel", "accueil"), CHANNELS, "channel"),
        "questionnaire": record.get("questionnaire", "help-v1"),
        "status": check_code(record.get("status", "brouillon"), DOSSIER_STATUSES, "status"),
        "urgent": bool(record.get("urgent", False)),
        "revision": int(record["revision"]),
        "agent": agent,
        "created_at": parse_datetime(record.get("created_at") or record["updated_at"]),
        "updated_at": updated_at,
        "nom": identity["nom"],
        "prenom": identity["prenom"],
        "nom_naissance": identity.get("nom_naissance"),
        "date_naissance": parse_date(birth),
        "nir": nir,
        "siret": siret,
        "telephone": identity.get("telephone"),
        "email": identity.get("email"),
        "adresse": identity.get("adresse"),
        "code_postal": identity.get("code_postal"),
        "commune": identity.get("commune"),
        "statut": profile.get("statut"),
        "debut_activite": parse_date(profile.get("debut_activite")),
        "foyer": profile.get("foyer"),
        "activite_principale": profile.get("activite_principale"),
        "departement": profile.get("departement"),
        "name_key": name_key(identity["nom"], identity["prenom"]),
    }
    answers = [
        {"question_id": q, "code": c, "answered_at": updated_at, "agent": agent}
        for q, c in (record.get("answers") or {}).items()
    ]
    consents = [
        {
            "organisme": c["organisme"],
            "given": bool(c["given"]),
            "mode": c["mode"],
            "text_version": c["text_version"],
            "text_hash": c.get("text_hash") or "",
            "agent": c.get("agent") or agent,
            "at": parse_datetime(c["at"]),
            "revoked_at": parse_optional_datetime(c.get("revoked_at")),
            "revoked_by": c.get("revoked_by"),
        }
        for c in record.get("consents") or []
    ]
    orientations = [
        {
            "organisme": o["organisme"],
            "status": o["status"],
            "outcome": o.get("outcome"),
            "note": o.get("note"),
            "updated_at": parse_datetime(o["updated_at"]) if o.get("updated_at") else updated_at,
            "counter_note": o.get("counter_note") or None,
        }
        for o in record.get("orientations") or []
    ]
    printed = [
        {
            "kind": p["kind"],
            "organisme": p.get("organisme"),
            "printed_at": parse_datetime(p["printed_at"]),
            "agent": p.get("agent") or agent,
            "content_hash": p.get("content_hash") or "",
            "figures": None if p.get("figures") is None else _figures_text(p["figures"]),
        }
        for p in record.get("printed") or []
    ]
    appointments = [
        {
            "id": str(a["id"]).lower(),
            "kind": a["kind"],
            "organisme": a.get("organisme"),
            "at": parse_datetime(a["at"]),
            "duration": int(a["duration"]),
            "mode": a["mode"],
            "place": a.get("place") or "",
            "bring": a.get("bring") or "",
            "by_name": a.get("by") or "",
            "status": a["status"],
            "created_at": parse_datetime(a["created_at"]),
            "updated_at": parse_datetime(a["updated_at"]),
            "agent": a.get("agent") or "",
            "note": a.get("note") or None,
        }
        for a in record.get("rendez_vous") or []
    ]
    return _Parsed(record, dossier, answers, consents, orientations, printed, appointments)


def _payload(parsed: _Parsed) -> dict[str, Any]:
    ns = SimpleNamespace
    return build_export(
        ns(**parsed.dossier),
        [ns(**a) for a in parsed.answers],
        [ns(**c) for c in parsed.consents],
        [ns(**o) for o in parsed.orientations],
        [ns(**p) for p in parsed.printed],
        [ns(**a) for a in parsed.appointments],
    )


def import_records(
    session: Session,
    records: Iterable[Mapping[str, Any]],
    *,
    write_outbox: bool = True,
    agent: str | None = None,
    now: datetime | None = None,
) -> ImportResult:
    """Import export dicts (already validated by the caller) in bulk.

    A dossier whose ``id`` is new is created with its incoming number; an existing one is
    replaced (answers, consents, orientations, printed) only when the incoming ``revision`` is
    greater, else skipped. A number held by a different id raises NumberConflictError. Runs in
    the caller's transaction: on any exception, roll back and nothing is imported. Sequences are
    moved past imported numbers so this workstation never hands out one of them again.
    One audit row per created/updated dossier; one outbox row (kind ``import``) each when
    ``write_outbox``.
    """
    now = _now(now)
    best, skipped = _newest_records(records)
    skipped += _drop_erased(session, best)
    incoming = list(best.values())
    by_number = _numbers_of(incoming)
    existing = _existing_dossiers(session, list(best), by_number)
    new = [p for p in incoming if p.dossier["id"] not in existing]
    newer = [
        p
        for p in incoming
        if p.dossier["id"] in existing and p.dossier["revision"] > existing[p.dossier["id"]][1]
    ]
    skipped += len(incoming) - len(new) - len(newer)

    _bump_sequences(session, [p.dossier["number"] for p in incoming])  # takes the write lock
    _place_rows(session, new, newer, existing, now)
    _replace_dossiers(session, new, newer)
    changed = new + newer
    if changed:
        _record_imports(session, changed, {p.dossier["id"] for p in new}, agent, now,
                        write_outbox=write_outbox)
    session.expire_all()  # ORM objects of updated dossiers are stale now
    return ImportResult(created=len(new), updated=len(newer), skipped=skipped)


def _newest_records(records: Iterable[Mapping[str, Any]]) -> tuple[dict[str, _Parsed], int]:
    """The records parsed, the newest revision of each dossier kept; how many were older."""
    best: dict[str, _Parsed] = {}
    skipped = 0
    for index, record in enumerate(records, start=1):
        try:
            parsed = _parse_record(record)
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"record {index}: {exc!r}") from exc
        key = parsed.dossier["id"]
        other = best.get(key)
        if other is None or parsed.dossier["revision"] > other.dossier["revision"]:
            best[key] = parsed
        skipped += other is not None
    return best, skipped


def _drop_erased(session: Session, best: dict[str, _Parsed]) -> int:
    """A dossier erased here (the person's request, a tombstone, retention) never comes back
    from an old export: it is skipped like an older revision. How many were dropped."""
    dropped = 0
    for chunk in _chunks(list(best)):
        for erased in session.scalars(select(Erasure.dossier_id).where(
                Erasure.dossier_id.in_(chunk))):
            del best[erased]
            dropped += 1
    return dropped


def _numbers_of(incoming: list[_Parsed]) -> dict[str, str]:
    """Each incoming number and its dossier id; two dossiers with one number are refused."""
    by_number: dict[str, str] = {}
    for p in incoming:
        holder = by_number.setdefault(p.dossier["number"], p.dossier["id"])
        if holder != p.dossier["id"]:
            raise NumberConflictError(
                f"number {p.dossier['number']} is carried by two dossiers: {holder} and "
                f"{p.dossier['id']}"
            )
    return by_number


def _existing_dossiers(session: Session, ids: list[str],
                       by_number: dict[str, str]) -> dict[str, tuple[int, int]]:
    """``(pk, revision)`` of the incoming dossiers already here; a number held here by another
    dossier is refused."""
    existing: dict[str, tuple[int, int]] = {}
    for chunk in _chunks(ids):
        for row in session.execute(
            select(DOSSIERS.c.id, DOSSIERS.c.pk, DOSSIERS.c.revision).where(
                DOSSIERS.c.id.in_(chunk)
            )
        ):
            existing[row.id] = (row.pk, row.revision)
    for chunk in _chunks(list(by_number)):
        for number, holder_id in session.execute(
            select(DOSSIERS.c.number, DOSSIERS.c.id).where(DOSSIERS.c.number.in_(chunk))
        ):
            if by_number[number] != holder_id:
                raise NumberConflictError(
                    f"number {number} already belongs to dossier {holder_id}; the import "
                    f"gives it to {by_number[number]}"
                )
    return existing


def _place_rows(session: Session, new: list[_Parsed], newer: list[_Parsed],
                existing: dict[str, tuple[int, int]], now: datetime) -> None:
    """Primary keys (allocated for new dossiers, kept for updated ones) and search row ids."""
    first_pk = _allocate_pks(session, len(new))
    for offset, p in enumerate(new):
        p.dossier["pk"] = first_pk + offset
    for p in newer:
        p.dossier["pk"] = existing[p.dossier["id"]][0]
    for p in new + newer:
        d = p.dossier
        urgent_key = sorts_urgent(d["urgent"], d["status"], d["updated_at"], now)
        d["search_rowid"] = search_rowid(d["pk"], urgent_key, d["updated_at"])


def _replace_dossiers(session: Session, new: list[_Parsed], newer: list[_Parsed]) -> None:
    """Insert the new dossiers with their children; bring the newer ones to their incoming
    version, writing only what differs from the stored rows."""
    if new:
        session.execute(insert(DOSSIERS), [p.dossier for p in new])
        _insert_children(session, new)
    if newer:
        binder = _Binder(session.get_bind().dialect)
        _update_dossiers(session, newer, binder)
        _update_children(session, newer, binder)


_CHILD_TABLES = (
    (ANSWERS, "answers"),
    (CONSENTS, "consents"),
    (ORIENTATIONS, "orientations"),
    (PRINTED, "printed"),
    (APPOINTMENTS, "appointments"),
)
# The key of a child row within its dossier (a unique constraint); printed documents have none.
_CHILD_KEYS: dict[str, str | None] = {
    "answers": "question_id",
    "consents": "organisme",
    "orientations": "organisme",
    "printed": None,
    "appointments": "id",
}


def _insert_children(session: Session, parsed: list[_Parsed]) -> None:
    """The children of new dossiers (none of their orientations was transmitted yet)."""
    for table, attr in _CHILD_TABLES:
        rows = [
            {"dossier_pk": p.dossier["pk"], **child} for p in parsed for child in getattr(p, attr)
        ]
        if table is ORIENTATIONS:
            for row in rows:
                row["transmitted_at"] = None
        if rows:
            session.execute(insert(table), rows)


class _Binder:
    """Incoming values as the database stores them (each column type's own conversion, each
    distinct value converted once), to compare with rows read as stored: when they are equal,
    writing them would change nothing."""

    def __init__(self, dialect: Dialect) -> None:
        self.dialect = dialect
        self._converters: dict[tuple[str, tuple[str, ...]],
                               Callable[[Mapping[str, Any]], tuple[Any, ...]]] = {}

    def converter(self, table: Table,
                  columns: tuple[str, ...]) -> Callable[[Mapping[str, Any]], tuple[Any, ...]]:
        """A function from a row (a mapping holding ``columns``) to its stored values."""
        found = self._converters.get((table.name, columns))
        if found is not None:
            return found
        getter = itemgetter(*columns)
        single = len(columns) == 1
        steps = [
            (i, _memoized(process))
            for i, name in enumerate(columns)
            if (process := table.c[name].type.dialect_impl(self.dialect).bind_processor(
                self.dialect)) is not None
        ]

        def convert(row: Mapping[str, Any]) -> tuple[Any, ...]:
            picked = getter(row)
            values = [picked] if single else list(picked)
            for i, step in steps:
                values[i] = step(values[i])
            return tuple(values)

        self._converters[(table.name, columns)] = convert
        return convert


def _memoized(process: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``process`` computed once per distinct value (dates and times repeat within a page)."""
    memo: dict[Any, Any] = {}

    def run(value: Any) -> Any:
        try:
            return memo[(type(value), value)]
        except KeyError:
            memo[(type(value), value)] = out = process(value)
            return out
        except TypeError:  # not hashable
            return process(value)

    return run


def _stored(session: Session, table: Table, by: str, columns: tuple[str, ...],
            keys: list[int]) -> dict[int, list[tuple[Any, ...]]]:
    """The rows of ``table`` whose ``by`` column is one of ``keys``, as stored (no type
    conversion): ``(pk, *columns)`` in ``pk`` order, by their ``by`` value. Fetched from the
    driver's cursor as plain tuples (a page reads thousands of rows: no result row built)."""
    out: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    names = ", ".join(("pk", by, *columns))
    connection = session.connection()
    for chunk in _chunks(keys):
        marks = ", ".join("?" * len(chunk))
        result = connection.exec_driver_sql(
            f"SELECT {names} FROM {table.name} WHERE {by} IN ({marks}) ORDER BY {by}, pk",
            tuple(chunk),
        )
        try:
            for row in result.cursor.fetchall():
                out[row[1]].append((row[0], *row[2:]))
        finally:
            result.close()
    return out


def _update_dossiers(session: Session, newer: list[_Parsed], binder: _Binder) -> None:
    """Update the newer dossiers' rows, setting only the columns whose value changes, in one
    statement per set of changed columns. The search index's row is moved (its trigger) only
    when a searched column or the sort key (``search_rowid``: urgency, ``updated_at``) is set,
    and all the moves of a statement reach the index together."""
    columns = tuple(c for c in newer[0].dossier if c != "pk")
    convert = binder.converter(DOSSIERS, columns)
    stored = _stored(session, DOSSIERS, "pk", columns, [p.dossier["pk"] for p in newer])
    groups: dict[tuple[int, ...], list[tuple[Any, ...]]] = defaultdict(list)
    for p in newer:
        values = convert(p.dossier)
        before = stored[p.dossier["pk"]][0][1:]
        if values == before:
            continue
        changed = tuple(i for i, (v, b) in enumerate(zip(values, before, strict=True)) if v != b)
        groups[changed].append((p.dossier["pk"], *(values[i] for i in changed)))
    connection = session.connection()
    for changed, rows in groups.items():
        names = [columns[i] for i in changed]
        width = len(names) + 1
        row_marks = "(" + ", ".join("?" * width) + ")"
        for chunk in _chunks(rows, _MAX_BINDS // width):
            # the values are already as stored (``convert``): bound as they are, positionally
            connection.exec_driver_sql(
                f"WITH v(b_pk, {', '.join(f'v_{c}' for c in names)}) AS "
                f"(VALUES {', '.join([row_marks] * len(chunk))}) "
                f"UPDATE dossiers SET {', '.join(f'{c} = v.v_{c}' for c in names)} "
                "FROM v WHERE dossiers.pk = v.b_pk",
                tuple(value for row in chunk for value in row),
            )


@dataclass
class _ChildPlan:
    """What to write in one child table: dossiers whose rows are all replaced, rows deleted
    (by pk), rows updated in place (by pk, per set of columns), answers given the record's
    time and agent (by dossier), rows inserted."""

    clear: list[int] = field(default_factory=list)
    delete: list[int] = field(default_factory=list)
    # columns -> rows of (*values as stored, pk): bound to the driver as they are
    updates: dict[tuple[str, ...], list[tuple[Any, ...]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    stamps: list[tuple[Any, ...]] = field(default_factory=list)  # (at, agent, dossier_pk)
    inserts: list[dict[str, Any]] = field(default_factory=list)

    def write(self, session: Session, table: Table) -> None:
        for chunk in _chunks(self.clear):
            session.execute(delete(table).where(table.c.dossier_pk.in_(chunk)))
        for chunk in _chunks(self.delete):
            session.execute(delete(table).where(table.c.pk.in_(chunk)))
        connection = session.connection()
        for columns, rows in self.updates.items():
            connection.exec_driver_sql(
                f"UPDATE {table.name} SET {', '.join(f'{c} = ?' for c in columns)} "
                "WHERE pk = ?",
                rows,
            )
        if self.stamps:  # only the answers whose time or agent differs are written
            connection.exec_driver_sql(
                "UPDATE answers SET answered_at = ?1, agent = ?2 WHERE dossier_pk = ?3 "
                "AND (answered_at IS NOT ?1 OR agent IS NOT ?2)",
                self.stamps,
            )
        if self.inserts:
            session.execute(insert(table), self.inserts)


def _update_children(session: Session, newer: list[_Parsed], binder: _Binder) -> None:
    """Leave the newer dossiers' children as deleting them and inserting the incoming rows
    would (an orientation keeping when the store confirmed it, ``transmitted_at``), writing
    only what differs: a row whose key (question, organisme, appointment id) is gone is
    deleted, a new one inserted, a changed one updated in place; printed documents (no key) are
    replaced when they differ. Answers all take the record's time and agent (what the import
    gives them): one statement per dossier sets them when they differ."""
    by_pk = {p.dossier["pk"]: p for p in newer}
    stamp = binder.converter(ANSWERS, ("answered_at", "agent"))
    for table, attr in _CHILD_TABLES:
        if table is ANSWERS:
            columns: tuple[str, ...] = ("question_id", "code")  # time and agent: see stamps
        else:  # the columns an import writes, in the table's order
            sample: Mapping[str, Any] = next(
                (rows[0] for p in newer if (rows := getattr(p, attr))), {}
            )
            columns = tuple(c.name for c in table.c if c.name in sample) or tuple(
                c.name for c in table.c if c.name not in ("pk", "dossier_pk", "transmitted_at")
            )
        stored = _stored(session, table, "dossier_pk", columns, list(by_pk))
        convert = binder.converter(table, columns)
        key = _CHILD_KEYS[attr]
        plan = _ChildPlan()
        for pk, p in by_pk.items():
            if table is ANSWERS:
                _plan_answers(plan, pk, p.answers, stored[pk], stamp)
            else:
                _plan_children(plan, pk, getattr(p, attr), stored[pk], columns, key, convert)
        if table is ORIENTATIONS:
            _keep_transmitted(session, plan)
        plan.write(session, table)


def _plan_children(plan: _ChildPlan, pk: int, incoming: list[dict[str, Any]],
                   stored: list[tuple[Any, ...]], columns: tuple[str, ...], key: str | None,
                   convert: Callable[[Mapping[str, Any]], tuple[Any, ...]]) -> None:
    """Plan one dossier's rows of a child table (``stored``: ``(pk, *columns)`` as stored)."""
    rows = [convert(child) for child in incoming]
    before = [row[1:] for row in stored]
    if rows == before:
        return
    keys = [child[key] for child in incoming] if key is not None else []
    if key is None or len(set(keys)) != len(keys):
        # no key (or the same key twice, which the table's constraint refuses as before): the
        # dossier's rows are replaced, in the record's order
        if stored:
            plan.clear.append(pk)
        plan.inserts.extend({"dossier_pk": pk, **child} for child in incoming)
        return
    at = columns.index(key)
    by_key = {row[at]: (held[0], row) for row, held in zip(before, stored, strict=True)}
    for child, row in zip(incoming, rows, strict=True):
        held = by_key.pop(row[at], None)
        if held is None:
            plan.inserts.append({"dossier_pk": pk, **child})
        elif held[1] != row:
            changed = tuple(i for i, (new, old) in enumerate(zip(row, held[1], strict=True))
                            if new != old)
            plan.updates[tuple(columns[i] for i in changed)].append(
                (*(row[i] for i in changed), held[0]))
    plan.delete.extend(row_pk for row_pk, _ in by_key.values())


def _keep_transmitted(session: Session, plan: _ChildPlan) -> None:
    """Orientations inserted anew keep when the store confirmed the one they replace (a
    dossier's orientations replaced whole); a new organisme's is not confirmed yet."""
    held: dict[tuple[int, str], datetime | None] = {}
    for chunk in _chunks(plan.clear):
        held.update(((row.dossier_pk, row.organisme), row.transmitted_at) for row in
                    session.execute(select(ORIENTATIONS.c.dossier_pk, ORIENTATIONS.c.organisme,
                                           ORIENTATIONS.c.transmitted_at)
                                    .where(ORIENTATIONS.c.dossier_pk.in_(chunk))))
    for row in plan.inserts:
        row["transmitted_at"] = held.get((row["dossier_pk"], row["organisme"]))


def _plan_answers(plan: _ChildPlan, pk: int, incoming: list[dict[str, Any]],
                  stored: list[tuple[Any, ...]],
                  stamp: Callable[[Mapping[str, Any]], tuple[Any, ...]]) -> None:
    """Plan one dossier's answers (``stored``: ``(pk, question_id, code)``). They all take the
    record's time and agent (what the import gives them), set in one statement that writes
    only the answers where either differs; answers that would not (never made by the import)
    are replaced whole."""
    first = incoming[0] if incoming else {}
    codes: dict[str, Any] = {}
    for answer in incoming:
        if answer.keys() != first.keys() or answer["answered_at"] != first["answered_at"] \
                or answer["agent"] != first["agent"]:
            codes = {}
            break
        codes[answer["question_id"]] = answer["code"]
    if len(codes) != len(incoming):  # not one time and agent, or a question twice
        if stored:
            plan.clear.append(pk)
        plan.inserts.extend({"dossier_pk": pk, **a} for a in incoming)
        return
    for row_pk, question, code in stored:
        if question not in codes:
            plan.delete.append(row_pk)
            continue
        new = codes.pop(question)
        if new != code:
            plan.updates[("code",)].append((new, row_pk))
    plan.inserts.extend({"dossier_pk": pk, **a} for a in incoming if a["question_id"] in codes)
    if incoming:
        plan.stamps.append((*stamp(first), pk))


def _record_imports(session: Session, changed: list[_Parsed], created_ids: set[str],
                    agent: str | None, now: datetime, *, write_outbox: bool) -> None:
    """One audit row per created or updated dossier; one outbox row each when asked."""
    session.execute(
        insert(AUDIT),
        audit_chain.chain_rows(
            session,
            [
                {
                    "at": now,
                    "agent": agent or p.dossier["agent"],
                    "dossier_id": p.dossier["id"],
                    "action": (
                        "import_create" if p.dossier["id"] in created_ids else "import_update"
                    ),
                    "detail": _json(
                        {"revision": p.dossier["revision"], "number": p.dossier["number"]}
                    ),
                }
                for p in changed
            ],
        ),
    )
    if write_outbox:
        session.execute(
            insert(OUTBOX),
            [
                {
                    "dossier_id": p.dossier["id"],
                    "revision": p.dossier["revision"],
                    "kind": "import",
                    "payload": _json(_payload(p)),
                    "created_at": now,
                    "sent_at": None,
                }
                for p in changed
            ],
        )


def _bump_sequences(session: Session, numbers: Iterable[str]) -> None:
    highest: dict[tuple[str, str, int], int] = {}
    for number in numbers:
        match = NUMBER_RE.match(number)
        if match is None:
            continue
        key = (match.group("site"), match.group("ws"), int(match.group("year")))
        highest[key] = max(highest.get(key, 0), int(match.group("seq")))
    if not highest:
        # Still take the write lock, so pk allocation below is safe.
        session.execute(
            update(NumberSequence).where(NumberSequence.year == -1).values(last_value=0)
        )
        return
    stmt = sqlite_insert(NumberSequence)
    stmt = stmt.on_conflict_do_update(
        index_elements=["site_code", "workstation_code", "year"],
        set_={"last_value": func.max(NumberSequence.last_value, stmt.excluded.last_value)},
    )
    session.execute(
        stmt,
        [
            {"site_code": s, "workstation_code": w, "year": y, "last_value": v}
            for (s, w, y), v in highest.items()
        ],
    )


# --------------------------------------------------------------------------- shared workstation


def unsynced_dossiers(session: Session) -> int:
    """How many dossiers hold something the central store does not have yet: a change (or an
    erasure request) not sent, an open conflict, a revision in quarantine."""
    from app.models.entities import SyncConflict, SyncQuarantine

    ids: set[str] = set(session.scalars(select(Outbox.dossier_id)
                                        .where(Outbox.sent_at.is_(None))))
    ids.update(session.scalars(select(SyncConflict.dossier_id)
                               .where(SyncConflict.resolved_at.is_(None))))
    ids.update(session.scalars(select(SyncQuarantine.dossier_id)
                               .where(SyncQuarantine.cleared_at.is_(None))))
    return len(ids)


class UnsyncedDossiersError(Exception):
    """Local dossiers cannot be removed: ``count`` of them are not all on the central store."""

    def __init__(self, count: int) -> None:
        super().__init__(f"{count} dossier{'s' if count != 1 else ''} not yet synced")
        self.count = count


class UnsyncedCallsError(UnsyncedDossiersError):
    """The call list cannot be removed: signals, calls or links are not yet on the store."""

    def __init__(self) -> None:
        super().__init__(0)
        self.args = ("calls of the call list not yet synced",)


def remove_local_dossiers(session: Session) -> int:
    """Remove every dossier from this workstation once all are on the central store (log-out
    of a shared workstation, issue 13): the dossiers with their answers, consents, orientations
    and print records (the search index follows through its triggers), the sent outbox rows
    and the sync bases, conflicts and quarantine rows that hold their contents, and the pull
    cursors, so the next sign-in pulls the site's dossiers again. The store file, its key, the
    workstation's identity and settings, the erasure tombstones and the (append-only, identity
    free) history stay. Returns how many dossiers were removed; UnsyncedDossiersError, with
    nothing removed, when any is not yet synced (:func:`unsynced_dossiers`).

    A bulk removal, unlike an erasure (app.models.erasure): nothing is asked of the store,
    which keeps every dossier.
    """
    from app.models.calls import count_unsent as unsent_calls
    from app.models.calls import remove_local_call_list
    from app.models.entities import SyncBase, SyncConflict, SyncCursor, SyncQuarantine

    pending = unsynced_dossiers(session)
    if pending:
        raise UnsyncedDossiersError(pending)
    # the call list holds names, NIR and SIRET too (issue 16): it goes with the dossiers, once
    # its signals, calls and links are on the store (otherwise nothing is removed)
    if unsent_calls(session):
        raise UnsyncedCallsError()
    remove_local_call_list(session)
    count = int(session.scalar(select(func.count()).select_from(Dossier)) or 0)
    for table in (Answer, Consent, Orientation, PrintedDocument, Appointment, Dossier, Outbox,
                  SyncBase, SyncConflict, SyncQuarantine, SyncCursor):
        session.execute(delete(table))
    session.flush()
    return count
