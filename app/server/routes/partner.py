"""The partner organismes' inbox and follow-up (``/partner``).

No ``from __future__ import annotations``: FastAPI reads the routes' annotations.
"""

import uuid
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Response

from app.forms.codes import ORIENTATION_OUTCOMES
from app.server.deps import AgentDep, ContextDep, SessionDep, require
from app.server.schemas import (
    AppointmentRequest,
    AppointmentResult,
    OrientationUpdate,
    PartnerAgenda,
    PartnerDossier,
    PartnerList,
    ReorientRequest,
    ReorientResult,
)
from app.server.services import inbox, partner

router = APIRouter(prefix="/partner", tags=["partner"])


@router.get("/dossiers", response_model=PartnerList,
            responses={422: {"description": "a parameter out of what is allowed"}})
def partner_dossiers(
        session: SessionDep, agent: AgentDep, context: ContextDep,
        after: Annotated[str | None, Query(description="the ``next`` cursor of the previous "
                                                       "page; none for the first")] = None,
        limit: Annotated[int, Query(description=f"rows a page, 1 to {inbox.MAX_PAGE_SIZE}")
                         ] = inbox.PAGE_SIZE,
        q: Annotated[str, Query(description="words the dossier number or the names the "
                                            "organisme sees must all hold (case and accents "
                                            "ignored)")] = "",
        status: Annotated[str | None, Query(description="follow-up filter: open (not "
                                                        "closed), sans_nouvelle, or a status "
                                                        "(transmise: not taken in hand yet)")
                          ] = None,
        sans_nouvelle: Annotated[bool, Query(
            description="only those « sans nouvelle » (the same as status=sans_nouvelle)")
                                 ] = False) -> Any:
    """A page of the dossiers oriented to the agent's organisme with its consent, urgent first
    then by number. One audit row for the listing; the answer is built before anything is
    committed."""
    require(agent, "partenaire")
    if sans_nouvelle:
        if status not in (None, inbox.STALE):
            raise HTTPException(422, "status: only sans_nouvelle goes with sans_nouvelle=true")
        status = inbox.STALE
    try:
        page = partner.partner_page(session, agent, context.now(), after=after, limit=limit,
                                    q=q, status=status)
    except inbox.InboxQueryError as exc:
        raise HTTPException(422, str(exc)) from None
    body = PartnerList.model_validate({"items": page.rows, "next": page.next}).model_dump_json()
    session.commit()
    return Response(body, media_type="application/json")


@router.get("/dossiers/{dossier_id}", response_model=PartnerDossier,
            responses={404: {"description": "not visible to this organisme"}})
def partner_dossier(dossier_id: uuid.UUID, session: SessionDep, agent: AgentDep,
                    context: ContextDep) -> Any:
    """One dossier as the agent's organisme may see it."""
    require(agent, "partenaire")
    found = partner.partner_get(session, agent, dossier_id, context.now())
    if found is None:
        raise HTTPException(404, "no such dossier")
    session.commit()
    return found


@router.post("/dossiers/{dossier_id}/orientation", response_model=PartnerDossier,
             responses={404: {"description": "not visible to this organisme"},
                        409: {"description": "the dossier is at the highest revision"}})
def partner_orientation(dossier_id: uuid.UUID, body: OrientationUpdate, session: SessionDep,
                        agent: AgentDep, context: ContextDep) -> Any:
    """Set the organisme's follow-up (status, outcome when closed, note)."""
    require(agent, "partenaire")
    if (body.status == "cloturee") != (body.outcome is not None):
        raise HTTPException(422, "outcome: required when status is cloturee (one of "
                                 f"{', '.join(ORIENTATION_OUTCOMES)}), and only then")
    try:
        found = partner.partner_update(session, agent, dossier_id, body.status, body.outcome,
                                       body.note, context.now())
    except partner.RevisionLimitError as exc:
        raise HTTPException(409, str(exc)) from None
    if found is None:
        raise HTTPException(404, "no such dossier")
    session.commit()
    return found


# --------------------------------------------------------------------------- issue 16


def _refused(exc: partner.PartnerRefusal) -> HTTPException:
    return HTTPException(exc.status, str(exc))


@router.post("/dossiers/{dossier_id}/appointments", response_model=AppointmentResult,
             responses={404: {"description": "not visible to this organisme"},
                        409: {"description": "the dossier is at the highest revision"},
                        422: {"description": "not a valid appointment of this organisme"}})
def partner_appointment(dossier_id: uuid.UUID, body: AppointmentRequest, session: SessionDep,
                        agent: AgentDep, context: ContextDep) -> Any:
    """Propose, set, move, cancel or close one of the organisme's appointments (without
    ``id``: a new one); a new revision of the dossier, which the counter pulls."""
    require(agent, "partenaire")
    try:
        found = partner.partner_set_appointment(session, agent, dossier_id,
                                                body.model_dump(), context.now())
    except partner.RevisionLimitError as exc:
        raise HTTPException(409, str(exc)) from None
    except partner.PartnerRefusal as exc:
        raise _refused(exc) from None
    if found is None:
        raise HTTPException(404, "no such dossier")
    session.commit()
    return found


@router.post("/dossiers/{dossier_id}/reorient", response_model=ReorientResult,
             responses={404: {"description": "not visible to this organisme"},
                        409: {"description": "already oriented to that organisme, or the "
                                             "dossier is at the highest revision"},
                        422: {"description": "the organisme is the agent's own"}})
def partner_reorient(dossier_id: uuid.UUID, body: ReorientRequest, session: SessionDep,
                     agent: AgentDep, context: ContextDep) -> Any:
    """Re-orient the dossier to another organisme: transmitted at once with the worker's
    consent to it, else a request the counter takes to the worker."""
    require(agent, "partenaire")
    try:
        found = partner.partner_reorient(session, agent, dossier_id, body.organisme, body.note,
                                         context.now())
    except partner.RevisionLimitError as exc:
        raise HTTPException(409, str(exc)) from None
    except partner.PartnerRefusal as exc:
        raise _refused(exc) from None
    if found is None:
        raise HTTPException(404, "no such dossier")
    session.commit()
    return found


AGENDA_YEARS = (2000, 2100)


@router.get("/agenda", response_model=PartnerAgenda,
            responses={422: {"description": "a range of at most 366 days, from before to"}})
def partner_agenda(session: SessionDep, agent: AgentDep, context: ContextDep,
                   first: Annotated[date, Query(alias="from", description="first day "
                                                "(YYYY-MM-DD, French local day)")],
                   last: Annotated[date, Query(alias="to", description="last day, "
                                               "included")]) -> Any:
    """The organisme's appointments of the days ``from`` to ``to`` on the dossiers it sees."""
    require(agent, "partenaire")
    for name, day in (("from", first), ("to", last)):
        if not AGENDA_YEARS[0] <= day.year <= AGENDA_YEARS[1]:
            raise HTTPException(422, f"{name}: {day.isoformat()} is not allowed; expected a "
                                     f"day from {AGENDA_YEARS[0]} to {AGENDA_YEARS[1]}")
    if last < first or (last - first).days >= partner.MAX_AGENDA_DAYS:
        raise HTTPException(422, f"to: expected a day on or after 'from', at most "
                                 f"{partner.MAX_AGENDA_DAYS} days in all")
    found = partner.partner_agenda(session, agent, first, last, context.now())
    session.commit()
    return {"appointments": found}
