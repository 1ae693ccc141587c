"""The sites' shared call lists (issue 16): push signals, attempts and links, read the changes,
claim and release an entry, the list's figures. For counter agents (``accueil``) of their own
site; the figures also for administrators (every site).

No ``from __future__ import annotations``: FastAPI reads the routes' annotations.
"""

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import JSONResponse

from app.server.deps import AgentDep, ContextDep, SessionDep, require
from app.server.schemas import (
    MAX_BATCH,
    CallChanges,
    CallEntryOut,
    CallFigures,
    CallPushRequest,
    CallPushResponse,
    ClaimRefusal,
    ClaimRequest,
)
from app.server.services import calls
from app.server.services.common import AgentInfo

router = APIRouter(tags=["calls"])

_NO_ENTRY = "entry: no such entry on the call list of your site"
_CLAIM_ANSWERS: dict[int | str, dict[str, Any]] = {
    404: {"description": "no such entry on the agent's site (aliases followed)"},
    409: {"model": ClaimRefusal, "description": "another workstation holds the entry"},
    422: {"description": "no X-Workstation header, or minutes out of 1..120"}}


def _workstation(agent: AgentInfo) -> str:
    """The requesting workstation (``X-Workstation``), which a claim belongs to; 422 else."""
    if agent.workstation is None:
        raise HTTPException(422, "X-Workstation: required to take or release an entry; "
                                 "expected the workstation's code, such as REN-02")
    return agent.workstation


@router.post("/calls/push", response_model=CallPushResponse, response_model_exclude_unset=True)
def push(body: CallPushRequest, session: SessionDep, agent: AgentDep,
         context: ContextDep) -> Any:
    """Store signals (grouped by SIRET or NIR into the site's entries), call attempts (always
    recorded when their entry exists; one releases the claim only of the workstation holding
    it) and links; one result per item in the order sent. Idempotent: a signal's identity is
    its (source, reference), an attempt's its id."""
    require(agent, "accueil")
    result = calls.push(session, agent, body.signals, body.attempts, body.links, context.now())
    session.commit()
    return result


@router.get("/calls/changes", response_model=CallChanges)
def changes(session: SessionDep, agent: AgentDep, context: ContextDep,
            since: Annotated[int, Query(ge=0, le=2**62)] = 0,
            limit: Annotated[int, Query(ge=1, le=MAX_BATCH)] = 100) -> Any:
    """The entries of the agent's site changed after the cursor ``since``, in change order."""
    require(agent, "accueil")
    result = calls.changes(session, agent, since, limit, context.now())
    session.commit()
    return result


def _refused(session: SessionDep, exc: calls.ClaimRefused) -> JSONResponse:
    session.commit()  # the refusal is audited
    return JSONResponse(status_code=409, content=exc.to_json())


@router.post("/calls/entries/{entry_id}/claim", response_model=CallEntryOut,
             responses=_CLAIM_ANSWERS)
def claim(entry_id: uuid.UUID, session: SessionDep, agent: AgentDep, context: ContextDep,
          body: ClaimRequest | None = None) -> Any:
    """Take an entry for ``minutes`` (20 by default): granted unless another workstation
    holds an unexpired claim (409, saying who and until when)."""
    require(agent, "accueil")
    workstation = _workstation(agent)
    minutes = body.minutes if body is not None else calls.CLAIM_MINUTES
    try:
        entry = calls.claim(session, agent, workstation, entry_id, minutes, context.now())
    except calls.ClaimRefused as exc:
        return _refused(session, exc)
    if entry is None:
        raise HTTPException(404, _NO_ENTRY)
    session.commit()
    return entry


@router.post("/calls/entries/{entry_id}/release", response_model=CallEntryOut,
             responses=_CLAIM_ANSWERS)
def release(entry_id: uuid.UUID, session: SessionDep, agent: AgentDep,
            context: ContextDep) -> Any:
    """Give an entry back: the requesting workstation's claim is cleared (an entry nobody
    holds is answered as it is); 409 when another workstation holds it."""
    require(agent, "accueil")
    workstation = _workstation(agent)
    try:
        entry = calls.release(session, agent, workstation, entry_id, context.now())
    except calls.ClaimRefused as exc:
        return _refused(session, exc)
    if entry is None:
        raise HTTPException(404, _NO_ENTRY)
    session.commit()
    return entry


@router.get("/calls/figures", response_model=CallFigures)
def call_figures(session: SessionDep, agent: AgentDep) -> Any:
    """The call list's figures: the agent's site for counter agents, every site for
    administrators."""
    if agent.role != "admin":
        require(agent, "accueil")
    return calls.figures(session, None if agent.role == "admin" else agent.site)
