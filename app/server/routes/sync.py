"""The counters' dossiers: push and pull, one dossier of the site, who accessed it, erasure.

No ``from __future__ import annotations``: FastAPI reads the routes' annotations.
"""

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import JSONResponse
from sqlalchemy import select

from app.forms.records import shown
from app.server import audit as audit_chain
from app.server.deps import AgentDep, ContextDep, SessionDep, require
from app.server.erasure import ErasureRefused, erase_dossier
from app.server.models import Dossier
from app.server.schemas import (
    MAX_BATCH,
    DossierAccesses,
    DossierRecord,
    EraseRequest,
    ErasureResult,
    PullPage,
    PushItem,
    PushOneResult,
    PushRequest,
    PushResponse,
)
from app.server.services import sync
from app.server.services.common import audit

router = APIRouter(tags=["sync"])

_PUT_STATUS = {"accepted": 200, "duplicate": 200, "conflict": 409, "rejected": 422,
               "forbidden": 403, "erased": 410}


@router.post("/sync/push", response_model=PushResponse, response_model_exclude_unset=True)
def push(body: PushRequest, session: SessionDep, agent: AgentDep, context: ContextDep) -> Any:
    """Store a batch of dossiers; one result per item (accepted, duplicate, conflict,
    rejected, forbidden), in the order sent."""
    require(agent, "accueil")
    at = context.now()
    results = sync.push_batch(
        session, agent, [(item.base_revision, item.dossier) for item in body.dossiers], at)
    session.commit()
    return {"results": [r.to_json() for r in results]}


@router.put("/dossiers/{dossier_id}", response_model=PushOneResult,
            response_model_exclude_unset=True,
            responses={403: {"description": "another site's dossier"},
                       409: {"description": "stale base revision; the server's version"},
                       410: {"description": "the dossier was erased: its tombstone wins"},
                       422: {"description": "invalid dossier"}})
def put_dossier(dossier_id: uuid.UUID, body: PushItem, session: SessionDep, agent: AgentDep,
                context: ContextDep) -> Any:
    """Store one dossier; a stale base revision is a 409 with the server's version."""
    require(agent, "accueil")
    if body.dossier.get("id") != str(dossier_id):
        return JSONResponse(status_code=422, content={
            "detail": f"id: {shown(body.dossier.get('id'))} is not allowed; expected "
                      f"{str(dossier_id)!r}, the id in the path", "field": "id"})
    result = sync.push_dossier(session, agent, body.base_revision, body.dossier, context.now())
    session.commit()
    code = _PUT_STATUS[result.status]
    content = result.to_json()
    if code != 200:
        content["detail"] = result.reason
    return JSONResponse(status_code=code, content=content)


@router.get("/dossiers/{dossier_id}", response_model=DossierRecord,
            response_model_exclude_unset=True)
def get_dossier(dossier_id: uuid.UUID, session: SessionDep, agent: AgentDep,
                context: ContextDep) -> Any:
    """One dossier of the agent's site, as exported."""
    require(agent, "accueil")
    found = sync.get_site_dossier(session, agent, dossier_id, context.now())
    if found is None:
        raise HTTPException(404, "no such dossier")
    session.commit()
    return found


@router.get("/sync/pull", response_model=PullPage, response_model_exclude_unset=True)
def pull(session: SessionDep, agent: AgentDep, context: ContextDep,
         since: Annotated[int, Query(ge=0, le=2**62)] = 0,
         limit: Annotated[int, Query(ge=1, le=MAX_BATCH)] = 100) -> Any:
    """Dossiers of the agent's site changed after the cursor ``since``."""
    require(agent, "accueil")
    result = sync.pull(session, agent, since, limit, context.now())
    session.commit()
    return result


@router.get("/dossiers/{dossier_id}/accesses", response_model=DossierAccesses,
            responses={404: {"description": "no such dossier on the agent's site"}})
def dossier_accesses(dossier_id: uuid.UUID, session: SessionDep, agent: AgentDep,
                     context: ContextDep) -> Any:
    """Who read or changed one dossier of the agent's site, when, oldest first (from the
    audit log; this request is audited too, after the list is read)."""
    require(agent, "accueil")
    site = session.scalar(select(Dossier.site).where(Dossier.id == dossier_id))
    if site is None or site != agent.site:
        raise HTTPException(404, "no such dossier")
    accesses = audit_chain.dossier_accesses(session, dossier_id)
    audit(session, agent.login, "read_accesses", dossier_id, context.now())
    session.commit()
    return {"dossier_id": str(dossier_id), "accesses": accesses}


@router.post("/dossiers/{dossier_id}/erase", response_model=ErasureResult,
             responses={403: {"description": "not a counter agent of the dossier's site nor "
                                             "an administrator"},
                        404: {"description": "an administrator naming an unknown dossier"},
                        422: {"description": "unknown reason, or confirm is not the number"}})
def erase(dossier_id: uuid.UUID, body: EraseRequest, session: SessionDep, agent: AgentDep,
          context: ContextDep) -> Any:
    """Erase a dossier's personal data at the person's request: a tombstone replaces it,
    every workstation deletes its copy at its next pull, the anonymous facts stay for the
    statistics. For counter agents of its site and administrators; ``confirm`` is the
    dossier's number."""
    try:
        done = erase_dossier(session, agent, dossier_id, body.reason, body.confirm,
                             context.now())
    except ErasureRefused as exc:
        raise HTTPException(exc.status, str(exc)) from None
    session.commit()
    return done.to_json()
