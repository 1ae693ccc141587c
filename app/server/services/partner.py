"""The partner organismes' side of the central store: the dossiers oriented to an organisme with
its consent, as it may see them (:func:`app.forms.disclosure.disclosure`, the same shaping as the
orientation letters'), and its follow-up of its orientations."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from app.forms.disclosure import (
    APPOINTMENT_SEEN,
    NOTHING,
    appointments_seen,
    counter_note_seen,
    disclosure,
    field_policy,
)
from app.forms.evaluation import (
    AidResult,
    Situation,
    SituationError,
    parse_answers,
    parse_profile,
    situation_facts,
)
from app.forms.questionnaire import Questionnaire, QuestionnaireError, load_questionnaire
from app.forms.records import MAX_APPOINTMENTS, validate_appointment
from app.forms.workdays import local_day, local_midnight, stale_cutoff
from app.server import audit as audit_chain
from app.server.inbox import organisme_aids, stale_from
from app.server.models import Appointment, Consent, Dossier, DossierRevision, Orientation
from app.server.services.appointments import in_range, store_appointments
from app.server.services.common import (
    MAX_INT,
    AgentInfo,
    audit,
    canonical_json,
    content_hash,
    next_seq,
)
from app.server.services.inbox import (
    InboxPage,
    inbox_page,
    listed_numbers,
    refresh_inbox,
    stored_aids,
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
                 today: date, aids: list[dict[str, Any]] | None = None,
                 now: datetime | None = None) -> dict[str, Any]:
    """What ``organisme`` may see of a dossier (:func:`app.forms.disclosure.disclosure`): its
    identity and profile fields, its aids with their reasons, the answers behind them
    (``{"Q01": "dette"}``), urgency with the reasons among those answers, consent and
    follow-up (with the counter's note to it), its own appointments (never another
    organisme's nor the counter's call-backs) and whether it is « sans nouvelle » at ``now``
    (app.forms.workdays; false without ``now``)."""
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
                        "updated_at": orientation.updated_at.isoformat(),
                        "counter_note": counter_note_seen(payload, organisme)},
        "appointments": own_appointments(payload, organisme),
        "sans_nouvelle": now is not None and orientation_stale(payload, organisme,
                                                                 orientation, now),
    }


APPOINTMENT_VIEW = APPOINTMENT_SEEN


def own_appointments(payload: dict[str, Any], organisme: str) -> list[dict[str, Any]]:
    """``organisme``'s appointments of a dossier, in time order
    (:func:`app.forms.disclosure.appointments_seen`)."""
    return appointments_seen(payload, organisme)


def orientation_stale(payload: dict[str, Any], organisme: str, orientation: Orientation,
                      now: datetime) -> bool:
    """Whether ``organisme``'s orientation is « sans nouvelle » at ``now`` (is_stale, after the
    deployment's number of working days: the file named by ``ACCUEIL_TI_DEPLOYMENT``, see
    app.forms.workdays.stale_working_days). On the store an orientation the partner sees is
    transmitted: one still ``a_transmettre`` was transmitted when the counter oriented it (its
    ``updated_at``) at the latest."""
    since = stale_from(payload, organisme, {
        "status": orientation.status, "note": orientation.note,
        "updated_at": orientation.updated_at, "transmitted_at": orientation.transmitted_at})
    return since is not None and since <= stale_cutoff(local_day(now))


def _aids(payload: dict[str, Any], organisme: str, today: date) -> list[dict[str, Any]]:
    try:
        questionnaire = load_questionnaire(payload["questionnaire"])
    except QuestionnaireError:
        return []
    return organisme_aids(questionnaire, payload, today).get(organisme, [])


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


def partner_page(session: Session, agent: AgentInfo, now: datetime, *, after: str | None,
                 limit: int, q: str, status: str | None) -> InboxPage:
    """A page of the organisme's list (app.server.services.inbox.inbox_page), audited as one
    listing: one row naming the dossiers shown (each opened dossier is audited on its own)."""
    page = inbox_page(session, agent.organisme, local_day(now), after=after, limit=limit, q=q,
                      status=status)
    session.flush()
    audit_chain.append_listing(session, {
        "at": now, "agent_login": agent.login, "action": "partner_list",
        "detail": f"{agent.organisme}: {listed_numbers(page.rows)}"},
        [uuid.UUID(row["id"]) for row in page.rows])
    return page


def partner_get(session: Session, agent: AgentInfo, dossier_id: uuid.UUID,
                now: datetime) -> dict[str, Any] | None:
    """One visible dossier for the partner, or None (absent and invisible look the same)."""
    rows = _partner_rows(session, agent.organisme, dossier_id)
    if not rows:
        return None
    dossier, orientation = rows[0]
    audit(session, agent.login, "partner_read", dossier_id, now)
    return partner_view(json.loads(dossier.payload), agent.organisme, orientation, now.date(),
                        aids=stored_aids(session, agent.organisme, dossier_id), now=now)


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
    set_orientation(orientation, status, outcome, note, now, now)
    _store_revision(session, agent, dossier, payload, now)
    audit(session, agent.login, "partner_update", dossier_id, now,
          f"{agent.organisme}: {status}" + (f" ({outcome})" if outcome else ""))
    session.flush()
    return partner_view(payload, agent.organisme, orientation, now.date(), now=now)


# --------------------------------------------------------------------------- issue 16
# A partner's appointments, its re-orientation of a dossier to another organisme, its agenda.


class PartnerRefusal(Exception):
    """A partner's request the store refuses: the HTTP status, the field and why (the message
    names the field and what is allowed)."""

    def __init__(self, status: int, field: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.field = field


def _store_revision(session: Session, agent: AgentInfo, dossier: Dossier,
                    payload: dict[str, Any], now: datetime) -> None:
    """Store ``payload`` as the dossier's next revision written by a partner: its row, its
    revision (the history), its change sequence number, its appointments' rows."""
    payload["revision"] = dossier.revision + 1
    payload["updated_at"] = now.isoformat()
    text = canonical_json(payload)
    dossier.revision, dossier.payload = payload["revision"], text
    dossier.content_hash = content_hash(text)
    dossier.updated_at, dossier.change_seq = now, next_seq(session)
    dossier.last_writer = None  # the partner's: every workstation of the site pulls it whole
    session.add(DossierRevision(dossier_id=dossier.id, revision=dossier.revision,
                                content_hash=dossier.content_hash, stored_at=now,
                                agent_login=agent.login))
    session.flush()
    store_appointments(session, dossier.id, payload)
    refresh_inbox(session, dossier.id, payload, now.date())  # issue 18


def _organismes(payload: dict[str, Any]) -> tuple[str, ...]:
    try:
        return tuple(o.code for o in load_questionnaire(payload.get("questionnaire")).organismes)
    except QuestionnaireError:
        return ()


def partner_set_appointment(session: Session, agent: AgentInfo, dossier_id: uuid.UUID,
                            fields: dict[str, Any], now: datetime) -> dict[str, Any] | None:
    """Propose, set, move, cancel or close one of the organisme's appointments of a visible
    dossier (``fields``: ``id`` (optional: a new appointment without it), ``at``,
    ``duration``, ``mode``, ``place``, ``bring``, ``by``, ``status``); a new revision the
    counter pulls: ``{"appointment", "dossier"}`` (the item and the dossier as the organisme
    sees it). None when the dossier is not visible; PartnerRefusal when the id names an item
    that is not the organisme's or the appointment is not valid."""
    rows = _partner_rows(session, agent.organisme, dossier_id, lock=True)
    if not rows:
        return None
    dossier, orientation = rows[0]
    if dossier.revision >= MAX_INT:
        raise RevisionLimitError(dossier.revision)
    payload = json.loads(dossier.payload)
    items: list[dict[str, Any]] = list(payload.get("rendez_vous") or [])
    wanted = fields.get("id")
    item_id = str(wanted).lower() if wanted else str(uuid.uuid4())
    index = next((i for i, item in enumerate(items) if item.get("id") == item_id), None)
    if index is not None:
        held = items[index]
        if held.get("kind") != "rendez_vous" or held.get("organisme") != agent.organisme:
            raise PartnerRefusal(422, "id", f"id: {item_id} is not an appointment of "
                                            f"{agent.organisme}; expected one of its own "
                                            "appointments, or no id for a new one")
        item = {**held, "updated_at": now.isoformat(), "agent": agent.login}
    else:
        if len(items) >= MAX_APPOINTMENTS:
            raise PartnerRefusal(422, "rendez_vous", f"rendez_vous: the dossier holds "
                                                     f"{len(items)} appointments; expected at "
                                                     f"most {MAX_APPOINTMENTS}")
        item = {"id": item_id, "kind": "rendez_vous", "organisme": agent.organisme,
                "created_at": now.isoformat(), "updated_at": now.isoformat(),
                "agent": agent.login}
    at = fields["at"]
    item.update(at=at.isoformat() if isinstance(at, datetime) else at,
                duration=fields["duration"], mode=fields["mode"],
                place=fields.get("place") or "", bring=fields.get("bring") or "",
                by=fields.get("by") or "", status=fields["status"])
    try:
        checked = validate_appointment(item, _organismes(payload))
    except SituationError as exc:
        raise PartnerRefusal(422, exc.field, str(exc)) from None
    if index is None:
        items.append(checked)
    else:
        items[index] = checked
    items.sort(key=lambda i: (str(datetime.fromisoformat(str(i["at"])).astimezone(UTC)),
                              str(i["id"])))
    payload["rendez_vous"] = items
    _store_revision(session, agent, dossier, payload, now)
    audit(session, agent.login, "partner_appointment", dossier_id, now,
          f"{agent.organisme}: {checked['status']}" + (" (new)" if index is None else ""))
    session.flush()
    view = partner_view(payload, agent.organisme, orientation, now.date(), now=now)
    return {"appointment": {key: checked.get(key) for key in APPOINTMENT_VIEW},
            "dossier": view}


def partner_reorient(session: Session, agent: AgentInfo, dossier_id: uuid.UUID,
                     organisme: str, note: str, now: datetime) -> dict[str, Any] | None:
    """Re-orient a visible dossier to another ``organisme``. With the worker's consent to it
    (given, not revoked), the dossier gains an orientation to it, ``transmise`` now, which that
    organisme sees at once; without, an orientation ``a_transmettre`` carrying the request,
    which the counter sees and asks the worker's consent for (no organisme sees it before).
    The note (who asks and why) is the new orientation's. None when the dossier is not
    visible; PartnerRefusal for the organisme itself or one already oriented."""
    rows = _partner_rows(session, agent.organisme, dossier_id, lock=True)
    if not rows:
        return None
    dossier, _ = rows[0]
    if dossier.revision >= MAX_INT:
        raise RevisionLimitError(dossier.revision)
    payload = json.loads(dossier.payload)
    known = _organismes(payload)
    if organisme not in known:
        raise PartnerRefusal(422, "organisme", f"organisme: {organisme!r} is not allowed; "
                                               f"expected one of {', '.join(known)}")
    if organisme == agent.organisme:
        raise PartnerRefusal(422, "organisme", f"organisme: {organisme!r} is your own; "
                                               "expected another organisme")
    orientations: list[dict[str, Any]] = list(payload.get("orientations") or [])
    if any(o.get("organisme") == organisme for o in orientations):
        raise PartnerRefusal(409, "organisme", f"organisme: the dossier is already oriented "
                                               f"to {organisme}; expected another organisme")
    consented = any(c.get("organisme") == organisme and c.get("given")
                    and not c.get("revoked_at") for c in payload.get("consents") or [])
    status = "transmise" if consented else "a_transmettre"
    text = _reorientation_note(payload, agent.organisme, note)
    orientations.append({"organisme": organisme, "status": status, "outcome": None,
                         "note": text, "updated_at": now.isoformat()})
    payload["orientations"] = sorted(orientations, key=lambda o: str(o.get("organisme")))
    _store_revision(session, agent, dossier, payload, now)
    row = Orientation(dossier_id=dossier_id, organisme=organisme)
    set_orientation(row, status, None, text, now, now)
    session.add(row)
    session.flush()
    refresh_inbox(session, dossier_id, payload, now.date())  # the new organisme's row
    audit(session, agent.login, "partner_reorient", dossier_id, now,
          f"{agent.organisme} -> {organisme}: "
          + ("transmise" if consented else "consentement à recueillir"))
    session.flush()
    return {"id": str(dossier_id), "revision": dossier.revision, "organisme": organisme,
            "status": status, "consent_given": consented}


def _reorientation_note(payload: dict[str, Any], by: str, note: str) -> str:
    """« Réorientation demandée par l’Urssaf : … » (the organisme's name as the
    questionnaire gives it), at most 2000 characters."""
    try:
        name = load_questionnaire(payload.get("questionnaire")).organisme(by).short_name
    except (QuestionnaireError, KeyError):
        name = by
    head = f"Réorientation demandée par {name}"
    text = f"{head}\u00a0: {note.strip()}" if note.strip() else head
    return text[:2000]


MAX_AGENDA_DAYS = 366


def partner_agenda(session: Session, agent: AgentInfo, first: date, last: date,
                   now: datetime) -> list[dict[str, Any]]:
    """The organisme's appointments from the French local day ``first`` to ``last`` (both
    included) on the dossiers it sees, in time order, each dossier audited as read."""
    start, end = local_midnight(first), local_midnight(last + timedelta(days=1))
    stmt = (select(Appointment, Dossier)
            .join(Dossier, Dossier.id == Appointment.dossier_id)
            .join(Orientation, and_(Orientation.dossier_id == Dossier.id,
                                    Orientation.organisme == agent.organisme))
            .join(Consent, _visible(agent.organisme))
            .where(in_range(start, end, agent.organisme),
                   Appointment.kind == "rendez_vous")
            .order_by(Appointment.at, Dossier.number, Appointment.id))
    found = [(row, dossier) for row, dossier in session.execute(stmt)]
    audit_chain.append(session, [
        {"at": now, "agent_login": agent.login, "action": "partner_agenda",
         "dossier_id": dossier_id, "detail": ""}
        for dossier_id in dict.fromkeys(dossier.id for _, dossier in found)])
    payloads: dict[uuid.UUID, dict[str, Any]] = {}
    out: list[dict[str, Any]] = []
    for row, dossier in found:
        payload = payloads.setdefault(dossier.id, json.loads(dossier.payload))
        item = next((i for i in own_appointments(payload, agent.organisme)
                     if i["id"] == str(row.id)), None)
        if item is None:
            continue
        try:
            policy = field_policy(load_questionnaire(payload.get("questionnaire")),
                                  agent.organisme)
        except QuestionnaireError:
            policy = NOTHING
        identity = payload.get("identity") or {}
        seen = {k: str(identity[k]) for k in ("nom", "prenom", "telephone")
                if k in policy.identity and identity.get(k)}
        name = " ".join(p for p in (seen.get("nom", "").upper(), seen.get("prenom", "")) if p)
        out.append({**item, "dossier_id": str(dossier.id), "number": dossier.number,
                    "name": name, "telephone": seen.get("telephone", ""),
                    "urgent": bool(dossier.urgent), "organisme": agent.organisme,
                    "kind": "rendez_vous"})
    return out
