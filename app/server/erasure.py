"""Erasure at the person's request, and retention, on the central store (issue 13).

Who may erase: an ``accueil`` agent of the dossier's site (the person asks at the counter or on
the phone, where the agent checks who they are) or an ``admin``; partners never. The request
names a reason code (:data:`REASONS`, never free text: the audit row must carry no personal
data) and confirms the dossier's number (``confirm``), so an id typed or sent by mistake erases
nothing. Enforced here (app.server.routes.sync maps it to ``POST /dossiers/{id}/erase``).

What erasing does, in one transaction (:func:`erase_dossier`): the dossier's anonymous facts go
to ``anonymous_facts`` (site, month, channel, questionnaire, status, urgency, answer codes, aid
codes, each organisme's status and outcome — no id, no number, no identity, no note); the
dossier row, its stored revisions, consents and orientations (with the partners' notes) are
deleted; a tombstone (id, site, time, reason code, a new change sequence number) takes its place;
one audit row ``erase`` (or ``retention_anonymise``/``retention_delete``) says who, when, why.
Rows of the audit log written before stay (append-only, chained): they carry ids, actions and
codes, never identity.

Through sync: a pull hands out the tombstone in change order (``{"id", "erased": true,
"reason"}``) and every workstation of the site deletes its copy; partner lists, partner reads,
site reads and exports only read the dossiers table, so the erased dossier is in none of them;
a push of an erased id is answered ``erased`` (app.server.services.sync): the tombstone always
wins.

Retention (:func:`plan_retention`, :func:`apply_retention`): the durations of
app.forms.retention select dossiers by status and last change on the store's clock
(``dossiers.updated_at``, when the store received the last version); ``anonymise`` is erasure's
storage with the facts kept, ``delete`` the same without the facts. The real run applies the
very plan a dry run lists.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, or_, select
from sqlalchemy.orm import Session

from app.forms.evaluation import Situation, SituationError, evaluate, parse_answers, parse_profile
from app.forms.questionnaire import QuestionnaireError, load_questionnaire
from app.forms.retention import Candidate, Due, Rule, select_due, status_limits
from app.server.models import (
    AnonymousFact,
    Consent,
    Dossier,
    DossierRevision,
    Orientation,
    Tombstone,
)
from app.server.services.appointments import clear_appointments
from app.server.services.common import AgentInfo, audit, next_seq
from app.server.services.inbox import clear_inbox
from app.server.services.stats import clear_facts

# Why a dossier is erased on request: codes only, shown in words by the workstation.
REASONS = ("demande_personne", "erreur_saisie", "doublon")
RETENTION_REASONS = {"anonymise": "retention_anonymise", "delete": "retention_delete"}
ERASED_REASON = ("erased: this dossier was erased (at the person's request or by retention) "
                 "and its data is no longer kept; expected no further change to it")


class ErasureRefused(Exception):
    """The erasure is not allowed (``status``: 403) or not well formed (422)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Erased:
    """The outcome of an erasure request."""

    id: str
    status: str  # erased | already_erased

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "status": self.status}


def may_erase(agent: AgentInfo, site: str) -> bool:
    """An admin, or a counter agent of the dossier's site."""
    return agent.role == "admin" or (agent.role == "accueil" and agent.site == site)


def anonymous_facts(payload: Mapping[str, Any], site: str, source: str) -> AnonymousFact:
    """The facts of a dossier's export dict that identify nobody (codes and a month)."""
    answers = payload.get("answers") or {}
    aids: list[str] = []
    try:
        questionnaire = load_questionnaire(str(payload.get("questionnaire")))
        created = str(payload.get("created_at") or "")[:10]
        situation = Situation(
            answers=parse_answers(questionnaire, answers, require_all=False),
            profile=parse_profile(questionnaire, payload.get("profile")),
            reference_date=datetime.fromisoformat(created).date())
        aids = sorted(a.code for a in evaluate(questionnaire, situation).aids)
    except (SituationError, QuestionnaireError, ValueError):
        aids = []
    outcomes = {str(o.get("organisme")): {"status": o.get("status"), "outcome": o.get("outcome")}
                for o in payload.get("orientations") or [] if isinstance(o, Mapping)}
    return AnonymousFact(
        site=site, month=str(payload.get("created_at") or "")[:7],
        channel=str(payload.get("channel") or ""),
        questionnaire=str(payload.get("questionnaire") or ""),
        status=str(payload.get("status") or ""), urgent=bool(payload.get("urgent")),
        answers=json.dumps({str(k): str(v) for k, v in answers.items()}, sort_keys=True),
        aids=json.dumps(aids), outcomes=json.dumps(outcomes, sort_keys=True), source=source)


def _remove(session: Session, row: Dossier | None, dossier_id: uuid.UUID, site: str,
            reason: str, now: datetime, *, keep_facts: bool, source: str) -> None:
    """Replace the dossier (when held) by its tombstone; keep its facts when asked."""
    if row is not None:
        if keep_facts:
            session.add(anonymous_facts(json.loads(row.payload), row.site, source))
        session.execute(delete(Consent).where(Consent.dossier_id == dossier_id))
        session.execute(delete(Orientation).where(Orientation.dossier_id == dossier_id))
        session.execute(delete(DossierRevision).where(DossierRevision.dossier_id == dossier_id))
        clear_appointments(session, [dossier_id])
        clear_facts(session, [dossier_id])  # issue 17
        clear_inbox(session, [dossier_id])  # issue 18
        session.delete(row)
        session.flush()
    session.add(Tombstone(dossier_id=dossier_id, site=site, erased_at=now, reason=reason,
                          change_seq=next_seq(session)))
    session.flush()


def erase_dossier(session: Session, agent: AgentInfo, dossier_id: uuid.UUID, reason: str,
                  confirm: str | None, now: datetime) -> Erased:
    """Erase a dossier at the person's request (in the caller's transaction), audited.

    ErasureRefused: 403 when the agent may not erase it, 422 for an unknown reason or a
    ``confirm`` that is not the dossier's number, 404 for an administrator naming a dossier the
    store does not hold. A dossier the store never received gets its
    tombstone all the same (a push of it still in flight is then refused); erasing an erased
    dossier again is ``already_erased``.
    """
    if reason not in REASONS:
        raise ErasureRefused(422, f"reason: {reason!r} is not allowed; expected one of "
                                  f"{', '.join(REASONS)}")
    if agent.role not in ("accueil", "admin"):
        raise ErasureRefused(403, "erasure is for counter agents of the dossier's site and "
                                  "administrators")
    row = session.get(Dossier, dossier_id, with_for_update=True, populate_existing=True)
    # read after the dossier's lock: an erasure committed meanwhile is seen
    stone = session.get(Tombstone, dossier_id)
    if stone is not None:
        if not may_erase(agent, stone.site):
            raise ErasureRefused(403, "site: this dossier belongs to another site")
        return Erased(str(dossier_id), "already_erased")
    if row is None and agent.role == "admin":
        # a counter's queued request may name a dossier the store never received (its
        # tombstone goes to the counter's site); an administrator's names a stored one
        raise ErasureRefused(404, "no such dossier")
    site = row.site if row is not None else agent.site
    if not may_erase(agent, site):
        raise ErasureRefused(403, "site: this dossier belongs to another site; expected an "
                                  "agent of its site or an administrator")
    if row is not None and (confirm or "").strip().upper() != row.number:
        raise ErasureRefused(422, "confirm: not the dossier's number; expected the number of "
                                  "the dossier to erase, typed in full")
    _remove(session, row, dossier_id, site, reason, now, keep_facts=True, source="erasure")
    audit(session, agent.login, "erase", dossier_id, now, reason)
    return Erased(str(dossier_id), "erased")


# --------------------------------------------------------------------------- retention


def plan_retention(session: Session, rules: Mapping[str, Rule], now: datetime) -> list[Due]:
    """What the rules select on the store at ``now`` (nothing is written)."""
    limits = status_limits(rules, now)
    if not limits:
        return []
    candidates = [Candidate(str(i), n, s, u) for i, n, s, u in session.execute(
        select(Dossier.id, Dossier.number, Dossier.status, Dossier.updated_at)
        .where(or_(*(and_(Dossier.status == status, Dossier.updated_at <= limit)
                     for status, limit in limits.items()))))]
    return select_due(rules, candidates, now)


def apply_retention(session: Session, plan: Sequence[Due], now: datetime,
                    agent_login: str = "retention") -> int:
    """Apply ``plan`` (from :func:`plan_retention`), each dossier audited; the number done.

    A dossier of the plan gone meanwhile (erased in between) is skipped."""
    done = 0
    for due in plan:
        dossier_id = uuid.UUID(due.id)
        row = session.get(Dossier, dossier_id, with_for_update=True, populate_existing=True)
        if row is None or session.get(Tombstone, dossier_id) is not None:
            continue
        reason = RETENTION_REASONS[due.action]
        _remove(session, row, dossier_id, row.site, reason, now,
                keep_facts=due.action == "anonymise", source="retention")
        audit(session, agent_login, reason, dossier_id, now, due.kind)
        done += 1
    counts = {kind: sum(1 for d in plan if d.kind == kind) for kind in {d.kind for d in plan}}
    audit(session, agent_login, "retention", None, now,
          json.dumps(counts, sort_keys=True) if counts else "nothing due")
    return done


def run_retention(engine: Any, rules: Mapping[str, Rule], now: datetime, *,
                  dry_run: bool) -> list[Due]:
    """``accueil-ti admin retention``: the plan at ``now``, applied unless ``dry_run`` (in one
    transaction: the real run does exactly what its plan lists)."""
    with Session(engine) as session, session.begin():
        plan = plan_retention(session, rules, now)
        if not dry_run:
            apply_retention(session, plan, now)
    return plan
