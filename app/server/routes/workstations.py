"""The registry of workstations (``/workstations``): registration and the identity proof of
each sync round for counter agents, the list and retirement for administrators
(app.server.workstations).

No ``from __future__ import annotations``: FastAPI reads the routes' annotations.
"""

import uuid
from typing import Any

from fastapi import APIRouter, HTTPException
from fastapi.responses import JSONResponse

from app.server import workstations
from app.server.deps import AgentDep, ContextDep, SessionDep, require
from app.server.schemas import (
    RegisterRequest,
    RoundRequest,
    WorkstationList,
    WorkstationOut,
    WorkstationRegistered,
)

router = APIRouter(prefix="/workstations", tags=["workstations"])


@router.post("", response_model=WorkstationRegistered,
             responses={403: {"description": "not an accueil agent, or another site"},
                        409: {"description": "code in use (with a free one), or this id is "
                                             "registered with another identity"}})
def register_workstation(body: RegisterRequest, session: SessionDep, agent: AgentDep,
                         context: ContextDep) -> Any:
    """Register this workstation (id, code) on the agent's site; the answer gives the
    highest dossier sequence number per year the store has seen for that code."""
    require(agent, "accueil")
    if body.site is not None and body.site != agent.site:
        raise HTTPException(403, f"site: this workstation is of {body.site}; the agent's "
                                 f"site is {agent.site}")
    try:
        return workstations.register(session, agent, body.id, body.code, body.nonce,
                                     context.now())
    except workstations.WorkstationRefused as exc:
        return JSONResponse(status_code=exc.status, content=exc.content)


@router.post("/{workstation_id}/round", response_model=WorkstationOut,
             responses={404: {"description": "unknown workstation"},
                        409: {"description": "outdated identity: restored or copied"}})
def workstation_round(workstation_id: uuid.UUID, body: RoundRequest, session: SessionDep,
                      agent: AgentDep, context: ContextDep) -> Any:
    """Prove, at the start of a sync round, that this is the registered workstation: the
    nonce held now and the next one."""
    require(agent, "accueil")
    try:
        return workstations.prove(session, agent, workstation_id, body.current, body.next,
                                  context.now())
    except workstations.WorkstationRefused as exc:
        return JSONResponse(status_code=exc.status, content=exc.content)


@router.get("", response_model=WorkstationList)
def list_workstations(session: SessionDep, agent: AgentDep) -> Any:
    """Every registered workstation, by site and code (admin)."""
    require(agent, "admin")
    return {"workstations": workstations.listed(session)}


@router.post("/{workstation_id}/retire", response_model=WorkstationOut,
             responses={404: {"description": "unknown workstation"}})
def retire_workstation(workstation_id: uuid.UUID, session: SessionDep, agent: AgentDep,
                       context: ContextDep) -> Any:
    """Retire a workstation (admin): its code becomes free, its id is refused."""
    require(agent, "admin")
    found = workstations.retire(session, agent, workstation_id, context.now())
    if found is None:
        raise HTTPException(404, "no such workstation")
    session.commit()
    return found
