"""What the central store does, on a SQLAlchemy session: push, pull, partner views and
follow-up, processing times, audit. The HTTP layer (app.server.app) only maps it to routes.

Idempotency rests on the unique (dossier_id, revision) constraint of ``dossier_revisions`` and
the dossiers' primary key: a concurrent identical push fails on the constraint, its savepoint is
rolled back and the item is classified again against what the winner stored.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.forms.evaluation import Situation, SituationError, evaluate, parse_answers, parse_profile
from app.forms.questionnaire import QuestionnaireError, load_questionnaire
from app.forms.records import validate_record
from app.models.export import parse_optional_datetime
from app.server.models import (
    Agent,
    AuditEntry,
    Consent,
    Dossier,
    DossierRevision,
    Orientation,
    SyncCounter,
)

MAX_INT = 2**31 - 1
PARTNER_STATUSES = ("recue", "en_cours", "contact_pris", "cloturee")
OUTCOMES = ("aide_accordee", "aide_refusee", "sans_suite")
_NUMBER_SITE = re.compile(r"^TI-(?P<site>[A-Z]{3})-")

# The identity and profile fields each organisme needs to handle its orientation; nothing else
# of the dossier's identity leaves the store for a partner.
_HEALTH_IDENTITY = ("nom", "prenom", "nom_naissance", "nir", "date_naissance", "telephone",
                    "adresse", "code_postal", "commune")
FIELD_POLICY: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "urssaf": (("nom", "prenom", "siret", "telephone", "email"), ("statut", "debut_activite")),
    "assurance_maladie": (_HEALTH_IDENTITY, ()),
    "service_social": (_HEALTH_IDENTITY, ()),
    "assurance_retraite": (_HEALTH_IDENTITY, ()),
    "caf": (("nom", "prenom", "date_naissance", "adresse", "code_postal", "commune",
             "telephone"), ("foyer",)),
}


@dataclass(frozen=True)
class AgentInfo:
    """The authenticated agent of a request."""

    id: int
    login: str
    organisme: str
    site: str
    role: str


@dataclass
class PushResult:
    """The outcome of one pushed dossier."""

    id: str | None
    status: str  # accepted | duplicate | conflict | rejected | forbidden
    revision: int | None = None
    reason: str | None = None
    field: str | None = None
    server: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        """The per-item result of ``POST /sync/push``."""
        out: dict[str, Any] = {"id": self.id, "status": self.status, "revision": self.revision}
        if self.reason is not None:
            out["reason"] = self.reason
            out["field"] = self.field
        if self.server is not None:
            out["server"] = self.server
        return out


def canonical_json(value: Any) -> str:
    """The JSON text a payload is stored as (sorted keys, so equal content hashes equal)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def content_hash(text: str) -> str:
    """SHA-256 (hex) of a canonical payload text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def audit(session: Session, agent_login: str, action: str, dossier_id: uuid.UUID | None,
          now: datetime, detail: str = "") -> None:
    """Append one audit row (in the caller's transaction)."""
    session.add(AuditEntry(at=now, agent_login=agent_login, action=action,
                           dossier_id=dossier_id, detail=detail))


def next_seq(session: Session) -> int:
    """The next change sequence number; locks the counter row until the transaction ends."""
    stmt = (update(SyncCounter).where(SyncCounter.id == 1)
            .values(value=SyncCounter.value + 1).returning(SyncCounter.value))
    return int(session.execute(stmt).scalar_one())


def _nul_path(value: Any, path: str) -> str | None:
    """The path of the first text holding a NUL character (PostgreSQL cannot store it)."""
    if isinstance(value, str):
        return path if "\x00" in value else None
    if isinstance(value, dict):
        for key, item in value.items():
            found = _nul_path(key, path) or _nul_path(item, f"{path}.{key}" if path else key)
            if found:
                return found
    if isinstance(value, list):
        for i, item in enumerate(value, 1):
            found = _nul_path(item, f"{path}[{i}]")
            if found:
                return found
    return None


def check_record(raw: Any, today: date) -> tuple[dict[str, Any], str]:
    """Validate a pushed export dict; return (payload to store, its site). SituationError else."""
    nul = _nul_path(raw, "")
    if nul is not None:
        raise SituationError(nul or "record", "contains a NUL character; expected plain text")
    record = validate_record(raw, load_questionnaire, today=today)
    if record["revision"] > MAX_INT:
        raise SituationError("revision", f"{record['revision']} is not allowed; expected a whole "
                                         f"number of at most {MAX_INT}")
    match = _NUMBER_SITE.match(record["number"])
    assert match is not None  # validate_record checked the number's form
    site = match.group("site")
    if raw.get("site") not in (None, site):
        raise SituationError("site", f"{raw.get('site')!r} is not allowed; expected {site!r}, "
                                     "the site of the dossier number")
    if not isinstance(raw.get("urgent", False), bool):
        raise SituationError("urgent", f"{raw.get('urgent')!r} is not allowed; expected true or "
                                       "false")
    payload = dict(raw)
    payload["id"] = record["id"]
    return payload, site


def _store_denormalised(session: Session, dossier_id: uuid.UUID, payload: dict[str, Any],
                        now: datetime) -> None:
    """Rewrite the consents and orientations rows of a dossier from its payload."""
    session.execute(delete(Consent).where(Consent.dossier_id == dossier_id))
    for c in payload.get("consents", []):
        session.add(Consent(dossier_id=dossier_id, organisme=c["organisme"],
                            given=bool(c["given"]), given_at=parse_optional_datetime(c.get("at")),
                            revoked_at=parse_optional_datetime(c.get("revoked_at"))))
    existing = {o.organisme: o for o in session.scalars(
        select(Orientation).where(Orientation.dossier_id == dossier_id))}
    wanted = {o["organisme"]: o for o in payload.get("orientations", [])}
    for organisme, row in existing.items():
        if organisme not in wanted:
            session.delete(row)
    for organisme, o in wanted.items():
        row = existing.get(organisme) or Orientation(dossier_id=dossier_id, organisme=organisme)
        _set_orientation(row, o["status"], o.get("outcome"), o.get("note") or "",
                         parse_optional_datetime(o.get("updated_at")) or now, now)
        session.add(row)


def _set_orientation(row: Orientation, status: str, outcome: str | None, note: str,
                     updated_at: datetime, now: datetime) -> None:
    """Set an orientation's state; transmission and closure times are the store's clock."""
    row.status, row.outcome, row.note, row.updated_at = status, outcome, note, updated_at
    if status != "a_transmettre" and row.transmitted_at is None:
        row.transmitted_at = now
    if status == "cloturee":
        if row.closed_at is None:
            row.closed_at = now
    else:
        row.closed_at = None


def push_dossier(session: Session, agent: AgentInfo, base_revision: int | None, raw: Any,
                 now: datetime) -> PushResult:
    """Store one pushed dossier (in a savepoint of the caller's transaction) and audit it."""
    raw_id = raw.get("id") if isinstance(raw, dict) else None
    shown_id = raw_id if isinstance(raw_id, str) and len(raw_id) <= 64 else None
    try:
        payload, site = check_record(raw, now.date())
    except SituationError as exc:
        return PushResult(shown_id, "rejected", reason=str(exc), field=exc.field)
    dossier_id = uuid.UUID(payload["id"])
    if site != agent.site:
        return PushResult(payload["id"], "forbidden",
                          reason=f"site: dossiers of {site} cannot be pushed by an agent of "
                                 f"{agent.site}", field="site")
    text = canonical_json(payload)
    digest = content_hash(text)
    for attempt in range(2):
        try:
            with session.begin_nested():
                result = _store(session, agent, base_revision, dossier_id, payload, site, text,
                                digest, now)
                audit(session, agent.login, f"push_{result.status}", dossier_id, now,
                      f"revision {payload['revision']}")
                return result
        except IntegrityError:
            if attempt:
                raise
    raise AssertionError("unreachable")


def _store(session: Session, agent: AgentInfo, base_revision: int | None,
           dossier_id: uuid.UUID, payload: dict[str, Any], site: str, text: str, digest: str,
           now: datetime) -> PushResult:
    revision = payload["revision"]
    existing = session.get(Dossier, dossier_id, with_for_update=True, populate_existing=True)
    if existing is not None and existing.site != agent.site:
        return PushResult(str(dossier_id), "forbidden", reason="site: this dossier belongs to "
                          "another site", field="site")
    stored_hash = session.scalar(select(DossierRevision.content_hash).where(
        DossierRevision.dossier_id == dossier_id, DossierRevision.revision == revision))
    if stored_hash is not None:
        if stored_hash == digest:
            return PushResult(str(dossier_id), "duplicate", revision=revision)
        return _conflict(existing, dossier_id, "this revision is already stored with another "
                                               "content")
    if existing is None:
        clash = session.scalar(select(Dossier.id).where(Dossier.number == payload["number"]))
        if clash is not None:
            return PushResult(str(dossier_id), "rejected", field="number",
                              reason=f"number: {payload['number']!r} is already used by another "
                                     "dossier; expected a number of its own")
        session.add(Dossier(id=dossier_id, number=payload["number"], site=site,
                            revision=revision, urgent=bool(payload.get("urgent")),
                            status=payload.get("status", "brouillon"), payload=text,
                            content_hash=digest, updated_at=now, change_seq=next_seq(session)))
        session.flush()
    else:
        if base_revision != existing.revision or revision <= existing.revision:
            return _conflict(existing, dossier_id, f"the store holds revision "
                                                   f"{existing.revision}; this push was based on "
                                                   f"{base_revision}")
        if payload["number"] != existing.number:
            return PushResult(str(dossier_id), "rejected", field="number",
                              reason=f"number: {payload['number']!r} is not allowed; expected "
                                     f"{existing.number!r}, the number never changes")
        existing.revision = revision
        existing.urgent = bool(payload.get("urgent"))
        existing.status = payload.get("status", "brouillon")
        existing.payload, existing.content_hash = text, digest
        existing.updated_at, existing.change_seq = now, next_seq(session)
    session.add(DossierRevision(dossier_id=dossier_id, revision=revision, content_hash=digest,
                                stored_at=now, agent_login=agent.login))
    session.flush()
    _store_denormalised(session, dossier_id, payload, now)
    session.flush()
    return PushResult(str(dossier_id), "accepted", revision=revision)


def _conflict(existing: Dossier | None, dossier_id: uuid.UUID, reason: str) -> PushResult:
    server = json.loads(existing.payload) if existing is not None else None
    return PushResult(str(dossier_id), "conflict", revision=existing.revision if existing else None,
                      reason=f"revision: {reason}", field="revision", server=server)


def pull(session: Session, agent: AgentInfo, since: int, limit: int,
         now: datetime) -> dict[str, Any]:
    """Dossiers of the agent's site changed after ``since``, in change order, audited."""
    rows = session.execute(
        select(Dossier.id, Dossier.payload, Dossier.change_seq)
        .where(Dossier.site == agent.site, Dossier.change_seq > since)
        .order_by(Dossier.change_seq).limit(limit + 1)).all()
    more = len(rows) > limit
    rows = rows[:limit]
    for row in rows:
        audit(session, agent.login, "pull", row.id, now)
    cursor = rows[-1].change_seq if rows else since
    return {"changes": [json.loads(r.payload) for r in rows], "cursor": cursor, "more": more}


def get_site_dossier(session: Session, agent: AgentInfo, dossier_id: uuid.UUID,
                     now: datetime) -> dict[str, Any] | None:
    """A dossier of the agent's site (None when absent or of another site), audited."""
    row = session.get(Dossier, dossier_id)
    if row is None or row.site != agent.site:
        return None
    audit(session, agent.login, "read", dossier_id, now)
    return dict(json.loads(row.payload))


def _visible(organisme: str) -> Any:
    """The condition: an orientation to ``organisme`` whose consent is given and not revoked."""
    return and_(Orientation.organisme == organisme, Consent.dossier_id == Orientation.dossier_id,
                Consent.organisme == organisme, Consent.given.is_(True),
                Consent.revoked_at.is_(None))


def _partner_rows(session: Session, organisme: str, dossier_id: uuid.UUID | None = None,
                  lock: bool = False) -> list[tuple[Dossier, Orientation]]:
    stmt = (select(Dossier, Orientation).join(Orientation, Orientation.dossier_id == Dossier.id)
            .join(Consent, _visible(organisme)))
    if dossier_id is not None:
        stmt = stmt.where(Dossier.id == dossier_id)
    if lock:
        stmt = stmt.with_for_update(of=Dossier)
    stmt = stmt.order_by(Dossier.urgent.desc(), Dossier.number)
    return [(d, o) for d, o in session.execute(stmt)]


def partner_view(payload: dict[str, Any], organisme: str, orientation: Orientation,
                 today: date) -> dict[str, Any]:
    """What ``organisme`` may see of a dossier: its identity fields, aids, consent, follow-up."""
    identity_fields, profile_fields = FIELD_POLICY[organisme]
    identity = payload.get("identity") or {}
    profile = payload.get("profile") or {}
    consent: dict[str, Any] = next(
        (c for c in payload.get("consents", []) if c.get("organisme") == organisme), {})
    return {
        "id": payload["id"],
        "number": payload["number"],
        "revision": payload["revision"],
        "urgent": bool(payload.get("urgent")),
        "organisme": organisme,
        "identity": {k: identity[k] for k in identity_fields if identity.get(k) is not None},
        "profile": {k: profile[k] for k in profile_fields if profile.get(k) is not None},
        "aids": _aids(payload, organisme, today),
        "consent": {k: consent.get(k) for k in ("mode", "text_version", "text_hash", "at")},
        "orientation": {"status": orientation.status, "outcome": orientation.outcome,
                        "note": orientation.note,
                        "updated_at": orientation.updated_at.isoformat()},
    }


def _aids(payload: dict[str, Any], organisme: str, today: date) -> list[dict[str, Any]]:
    try:
        questionnaire = load_questionnaire(payload["questionnaire"])
        situation = Situation(
            answers=parse_answers(questionnaire, payload.get("answers", {}), require_all=False),
            profile=parse_profile(questionnaire, payload.get("profile")), reference_date=today)
    except (SituationError, QuestionnaireError):
        return []
    return [{"code": a.code, "title": a.title, "reasons": list(a.reasons)}
            for a in evaluate(questionnaire, situation).aids if a.organisme == organisme]


def partner_list(session: Session, agent: AgentInfo, now: datetime) -> list[dict[str, Any]]:
    """The partner's visible dossiers, urgent first, each audited as read."""
    out = []
    for dossier, orientation in _partner_rows(session, agent.organisme):
        audit(session, agent.login, "partner_list", dossier.id, now)
        out.append(partner_view(json.loads(dossier.payload), agent.organisme, orientation,
                                now.date()))
    return out


def partner_get(session: Session, agent: AgentInfo, dossier_id: uuid.UUID,
                now: datetime) -> dict[str, Any] | None:
    """One visible dossier for the partner, or None (absent and invisible look the same)."""
    rows = _partner_rows(session, agent.organisme, dossier_id)
    if not rows:
        return None
    dossier, orientation = rows[0]
    audit(session, agent.login, "partner_read", dossier_id, now)
    return partner_view(json.loads(dossier.payload), agent.organisme, orientation, now.date())


def partner_update(session: Session, agent: AgentInfo, dossier_id: uuid.UUID, status: str,
                   outcome: str | None, note: str, now: datetime) -> dict[str, Any] | None:
    """Set the partner's orientation status; a new revision the counter pulls. None if unseen."""
    rows = _partner_rows(session, agent.organisme, dossier_id, lock=True)
    if not rows:
        return None
    dossier, orientation = rows[0]
    payload = json.loads(dossier.payload)
    for entry in payload.get("orientations", []):
        if entry.get("organisme") == agent.organisme:
            entry.update(status=status, outcome=outcome, note=note, updated_at=now.isoformat())
    payload["revision"] = dossier.revision + 1
    payload["updated_at"] = now.isoformat()
    text = canonical_json(payload)
    dossier.revision, dossier.payload = payload["revision"], text
    dossier.content_hash = content_hash(text)
    dossier.updated_at, dossier.change_seq = now, next_seq(session)
    session.add(DossierRevision(dossier_id=dossier_id, revision=dossier.revision,
                                content_hash=dossier.content_hash, stored_at=now,
                                agent_login=agent.login))
    _set_orientation(orientation, status, outcome, note, now, now)
    audit(session, agent.login, "partner_update", dossier_id, now,
          f"{agent.organisme}: {status}" + (f" ({outcome})" if outcome else ""))
    session.flush()
    return partner_view(payload, agent.organisme, orientation, now.date())


def percentile(values: list[float], q: float) -> float:
    """The ``q`` quantile (0..1) with linear interpolation between closest ranks."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def processing_times(session: Session, organismes: tuple[str, ...], now: datetime,
                     window_days: int = 30) -> dict[str, Any]:
    """Per organisme, the 90th percentile of days from transmission to closure, and the count,
    over orientations closed in the last ``window_days`` days (null when none)."""
    since = now - timedelta(days=window_days)
    rows = session.execute(
        select(Orientation.organisme, Orientation.transmitted_at, Orientation.closed_at)
        .where(Orientation.closed_at.is_not(None), Orientation.closed_at >= since,
               Orientation.transmitted_at.is_not(None))).all()
    days: dict[str, list[float]] = {o: [] for o in organismes}
    for organisme, transmitted, closed in rows:
        if organisme in days and transmitted is not None and closed is not None:
            days[organisme].append(max(0.0, (closed - transmitted).total_seconds() / 86400))
    return {"window_days": window_days, "organismes": {
        o: {"p90_days": round(percentile(v, 0.9), 2) if v else None, "count": len(v)}
        for o, v in days.items()}}


def audit_entries(session: Session, dossier_id: uuid.UUID | None,
                  limit: int) -> list[dict[str, Any]]:
    """Audit rows, oldest first, optionally of one dossier."""
    stmt = select(AuditEntry).order_by(AuditEntry.id).limit(limit)
    if dossier_id is not None:
        stmt = stmt.where(AuditEntry.dossier_id == dossier_id)
    return [{"id": e.id, "at": e.at.isoformat(), "agent": e.agent_login, "action": e.action,
             "dossier_id": str(e.dossier_id) if e.dossier_id else None, "detail": e.detail}
            for e in session.scalars(stmt)]


def iter_payloads(session: Session) -> Iterator[dict[str, Any]]:
    """Every stored dossier's export dict, by number."""
    for text in session.scalars(select(Dossier.payload).order_by(Dossier.number)
                                .execution_options(yield_per=500)):
        yield dict(json.loads(text))


def agent_info(agent: Agent) -> AgentInfo:
    """The request-scoped view of an agent row."""
    return AgentInfo(agent.id, agent.login, agent.organisme, agent.site, agent.role)
