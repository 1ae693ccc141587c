"""The partner organismes' side of the central store: the dossiers oriented to an organisme with
its consent, as it may see them (:func:`app.forms.disclosure.disclosure`, the same shaping as the
orientation letters'), and its follow-up of its orientations."""

from __future__ import annotations

import copy
import json
import threading
import uuid
from collections import OrderedDict
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from app.forms.disclosure import disclosure
from app.forms.evaluation import (
    AidResult,
    Situation,
    SituationError,
    aid_reasons_shown,
    evaluate,
    parse_answers,
    parse_profile,
    situation_facts,
)
from app.forms.questionnaire import Questionnaire, QuestionnaireError, load_questionnaire
from app.server import audit as audit_chain
from app.server.models import Consent, Dossier, DossierRevision, Orientation
from app.server.services.common import (
    MAX_INT,
    AgentInfo,
    audit,
    canonical_json,
    content_hash,
    next_seq,
)
from app.server.services.sync import set_orientation


class RevisionLimitError(Exception):
    """A dossier at the highest revision a store keeps (2**31 - 1) cannot change any more."""

    def __init__(self, revision: int) -> None:
        super().__init__(f"revision: the dossier is at revision {revision}, the highest the "
                         f"store keeps; expected a dossier below revision {MAX_INT}")


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
                 today: date, aids: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """What ``organisme`` may see of a dossier (:func:`app.forms.disclosure.disclosure`): its
    identity and profile fields, its aids with their reasons, the answers behind them
    (``{"Q01": "dette"}``), urgency with the reasons among those answers, consent and
    follow-up."""
    try:
        questionnaire: Questionnaire | None = load_questionnaire(payload.get("questionnaire"))
    except QuestionnaireError:
        questionnaire = None  # unknown version: no field, no answer leaves the store
    identity = payload.get("identity") or {}
    profile = payload.get("profile") or {}
    consent: dict[str, Any] = next(
        (c for c in payload.get("consents", []) if c.get("organisme") == organisme), {})
    aids = _aids(payload, organisme, today) if aids is None else aids
    urgent = bool(payload.get("urgent"))
    results = [AidResult(a["code"], organisme, a["title"], tuple(a["reasons"])) for a in aids]

    def urgent_reasons() -> tuple[str, ...]:
        if not urgent or questionnaire is None:
            return ()
        return _urgent_reasons(questionnaire, payload, today)

    shown = disclosure(questionnaire, organisme, results, urgent_reasons)
    policy = shown.fields
    return {
        "id": payload["id"],
        "number": payload["number"],
        "revision": payload["revision"],
        "urgent": urgent,
        "urgent_reasons": list(shown.urgent_reasons),
        "organisme": organisme,
        "identity": {k: identity[k] for k in policy.identity if identity.get(k) is not None},
        "profile": {k: profile[k] for k in policy.profile if profile.get(k) is not None},
        "aids": [{**aid, "reasons": list(reasons)}
                 for aid, reasons in zip(aids, shown.aid_reasons, strict=True)],
        "answers": shown.answers,
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
    return [{"code": a.code, "title": a.title,
             "reasons": list(aid_reasons_shown(questionnaire, a.code, a.reasons))}
            for a in evaluate(questionnaire, situation).aids if a.organisme == organisme]


def _urgent_reasons(questionnaire: Questionnaire, payload: dict[str, Any],
                    today: date) -> tuple[str, ...]:
    """Why the urgency rule holds for this dossier (all reasons; the caller filters them)."""
    try:
        situation = Situation(
            answers=parse_answers(questionnaire, payload.get("answers", {}), require_all=False),
            profile=parse_profile(questionnaire, payload.get("profile")), reference_date=today)
    except SituationError:
        return ()
    return questionnaire.urgent_rule.test(situation_facts(questionnaire, situation))[1]


# The aids of a dossier for an organisme, by (content hash, organisme, day): an inbox is read
# again and again (every refresh of every partner agent) while its dossiers seldom change, and
# evaluating the rules was most of the cost of listing it.
_AIDS_CACHE: OrderedDict[tuple[str, str, date], list[dict[str, Any]]] = OrderedDict()
_AIDS_CACHE_SIZE = 50_000
_aids_lock = threading.Lock()


def _cached_aids(digest: str, payload: dict[str, Any], organisme: str,
                 today: date) -> list[dict[str, Any]]:
    key = (digest, organisme, today)
    with _aids_lock:
        found = _AIDS_CACHE.get(key)
        if found is not None:
            _AIDS_CACHE.move_to_end(key)
            return copy.deepcopy(found)
    aids = _aids(payload, organisme, today)
    with _aids_lock:
        _AIDS_CACHE[key] = aids
        while len(_AIDS_CACHE) > _AIDS_CACHE_SIZE:
            _AIDS_CACHE.popitem(last=False)
    return copy.deepcopy(aids)


def partner_list(session: Session, agent: AgentInfo, now: datetime) -> list[dict[str, Any]]:
    """The partner's visible dossiers, urgent first, each audited as read."""
    out = []
    rows = _partner_rows(session, agent.organisme)
    audit_chain.append(session, [
        {"at": now, "agent_login": agent.login, "action": "partner_list",
         "dossier_id": dossier.id, "detail": ""} for dossier, _ in rows])
    today = now.date()
    for dossier, orientation in rows:
        payload = json.loads(dossier.payload)
        out.append(partner_view(payload, agent.organisme, orientation, today,
                                aids=_cached_aids(dossier.content_hash, payload,
                                                  agent.organisme, today)))
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
    if dossier.revision >= MAX_INT:
        raise RevisionLimitError(dossier.revision)
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
    dossier.last_writer = None  # the partner's: every workstation of the site pulls it whole
    session.add(DossierRevision(dossier_id=dossier_id, revision=dossier.revision,
                                content_hash=dossier.content_hash, stored_at=now,
                                agent_login=agent.login))
    set_orientation(orientation, status, outcome, note, now, now)
    audit(session, agent.login, "partner_update", dossier_id, now,
          f"{agent.organisme}: {status}" + (f" ({outcome})" if outcome else ""))
    session.flush()
    return partner_view(payload, agent.organisme, orientation, now.date())

