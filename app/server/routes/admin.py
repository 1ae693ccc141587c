"""Administrators' routes (``/admin``): the audit log, the sites' settings.

No ``from __future__ import annotations``: FastAPI reads the routes' annotations.
"""

import uuid
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, HTTPException, Query
from fastapi.responses import JSONResponse
from sqlalchemy import select

from app.server import audit as audit_chain
from app.server import sites
from app.server.deps import AgentDep, ContextDep, SessionDep, require
from app.server.models import Dossier
from app.server.schemas import AuditPage, SiteOut

router = APIRouter(prefix="/admin", tags=["admin"])


def _utc(value: datetime | None) -> datetime | None:
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


@router.get("/audit", response_model=AuditPage)
def admin_audit(session: SessionDep, agent: AgentDep, dossier_id: uuid.UUID | None = None,
                limit: Annotated[int, Query(ge=1, le=10000)] = 1000,
                login: Annotated[str | None, Query(alias="agent", max_length=120)] = None,
                action: Annotated[str | None, Query(max_length=41)] = None,
                since: datetime | None = None, until: datetime | None = None,
                order: Literal["asc", "desc"] = "asc",
                before: Annotated[int | None, Query(ge=1, le=2**62)] = None,
                number: Annotated[str | None, Query(max_length=40)] = None,
                ) -> Any:
    """Audit rows (read-only) matching every filter given: a dossier, an agent's login, an
    action (``partner_*`` for a prefix), a time range (``since`` ≤ at < ``until``); in chain
    order (``order=desc``: newest first, ``before`` a row's ``seq`` to page back).
    ``number`` names the dossier by its number instead of its id."""
    require(agent, "admin")
    if number is not None and dossier_id is None:
        dossier_id = session.scalar(select(Dossier.id).where(Dossier.number == number))
        if dossier_id is None:
            return {"entries": []}
    return {"entries": audit_chain.entries(
        session, dossier_id=dossier_id, agent=login, action=action, since=_utc(since),
        until=_utc(until), newest_first=order == "desc", before_seq=before, limit=limit)}


def _refused(exc: ValueError) -> JSONResponse:
    message = str(exc)
    field = message.split(":", 1)[0] if ":" in message else "body"
    return JSONResponse(status_code=422, content={
        "detail": message, "field": field, "errors": [{"field": field, "message": message}]})


@router.put("/sites/{code}", response_model=SiteOut, response_model_exclude_unset=True,
            responses={403: {"description": "not an admin account"},
                       404: {"description": "unknown site code"},
                       422: {"description": "a field is not valid: ``field`` names it"}})
def put_site(code: str, session: SessionDep, agent: AgentDep, context: ContextDep,
             body: Annotated[dict[str, Any], Body(
                 description="some of address (list of 1 to 4 lines), postal_code, "
                             "commune, phone, email, hours; the others keep their value"
             )]) -> Any:
    """Record a new version of a site's settings (admin), audited."""
    require(agent, "admin")
    if code not in sites.shipped_sites():
        raise HTTPException(404, f"site: {code[:20]!r} is not a known site; expected one "
                                 "of " + ", ".join(sites.shipped_sites()))
    try:
        answer, _written = sites.record(session, code, body, agent.login, context.now())
    except ValueError as exc:
        session.rollback()
        return _refused(exc)
    session.commit()
    return answer
