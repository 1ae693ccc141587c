"""The partner organismes' inbox and follow-up (``/partner``).

No ``from __future__ import annotations``: FastAPI reads the routes' annotations.
"""

import uuid
from typing import Any

from fastapi import APIRouter, HTTPException

from app.forms.codes import ORIENTATION_OUTCOMES
from app.server.deps import AgentDep, ContextDep, SessionDep, require
from app.server.schemas import OrientationUpdate, PartnerDossier, PartnerList
from app.server.services import partner

router = APIRouter(prefix="/partner", tags=["partner"])


@router.get("/dossiers", response_model=PartnerList)
def partner_dossiers(session: SessionDep, agent: AgentDep, context: ContextDep) -> Any:
    """The dossiers oriented to the agent's organisme with its consent, urgent first."""
    require(agent, "partenaire")
    dossiers = partner.partner_list(session, agent, context.now())
    session.commit()
    return {"dossiers": dossiers}


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
