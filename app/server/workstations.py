"""The central store's registry of workstations: who may hand out which dossier numbers.

A workstation registers at login (an ``accueil`` agent; the site is the agent's) with a random
id kept in its data folder, the code it wants (``01``) and an identity nonce. The store refuses
a second *live* workstation with the same (site, code): 409 with the next free code. Its answer
gives, for that (site, code), the highest dossier sequence number per year the store has seen,
so the workstation numbers past them.

At every sync round the workstation proves it is the registered one with a rotating nonce: it
sends (current, next); the store accepts when it holds ``current`` (and switches to ``next``) or
already holds ``next`` (the previous round's answer was lost: a client killed mid-round is not
a copy). Any other nonce means a restored or copied data folder: 409, and the workstation
registers again with a new id and a free code. Only the SHA-256 of the nonce is kept.

Administrators list the workstations and retire one (its code becomes free again).

No ``from __future__ import annotations``: FastAPI reads the routes' annotations, and the
dependencies are local to :func:`add_routes`.
"""

import hashlib
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.forms.records import NUMBER_RE
from app.server import service
from app.server.models import Dossier, Workstation

CODES = tuple(f"{n:02d}" for n in range(1, 100))


def _nonce(description: str) -> Any:
    return Field(min_length=16, max_length=128, pattern=r"^[A-Za-z0-9_-]+$",
                 description=description)


class RegisterRequest(BaseModel):
    """A workstation asking to be registered under ``code`` (the site is the agent's)."""

    id: uuid.UUID
    code: str = Field(pattern=r"^\d{2}$")
    site: str | None = Field(default=None, pattern=r"^[A-Z]{3}$",
                             description="the workstation's own site: refused (403) when it "
                                         "is not the agent's")
    nonce: str = _nonce("the identity nonce the workstation holds from now on")


class RoundRequest(BaseModel):
    """The identity proof of one sync round: the nonce held now and the one to hold next."""

    current: str = _nonce("the nonce the workstation holds")
    next: str = _nonce("the nonce it holds once this round is accepted")


def nonce_digest(nonce: str) -> str:
    """SHA-256 (hex) of a nonce: what the store keeps."""
    return hashlib.sha256(nonce.encode("utf-8")).hexdigest()


def seen_sequences(session: Session, site: str, code: str) -> dict[str, int]:
    """The highest sequence number per year of the dossier numbers ``TI-SITE-CODE-YEAR-SEQ``
    the store holds (one row a year: the store only accepts six-digit sequences, so the
    highest number of a year is its highest sequence)."""
    year = func.substr(Dossier.number, 11, 4)
    highest: dict[str, int] = {}
    for number in session.scalars(select(func.max(Dossier.number)).where(
            Dossier.site == site, Dossier.number.like(f"TI-{site}-{code}-%"))
            .group_by(year)):
        match = NUMBER_RE.match(number or "")
        if match is not None and match.group("ws") == code:
            highest[match.group("year")] = int(match.group("seq"))
    return highest


def free_code(session: Session, site: str) -> str | None:
    """The lowest code of ``site`` no live workstation holds, preferring one no dossier number
    of the store carries yet; None when all 99 are live."""
    live = set(session.scalars(select(Workstation.code).where(
        Workstation.site == site, Workstation.retired.is_(False))))
    used = set(session.scalars(select(func.substr(Dossier.number, 8, 2))
                               .where(Dossier.site == site).distinct()))
    for code in CODES:
        if code not in live and code not in used:
            return code
    return next((code for code in CODES if code not in live), None)


def _described(row: Workstation) -> dict[str, Any]:
    return {"id": str(row.id), "site": row.site, "code": row.code,
            "registered_at": row.registered_at.isoformat(), "registered_by": row.registered_by,
            "last_seen_at": row.last_seen_at.isoformat(), "retired": row.retired}


def _identity_refused(detail: str) -> JSONResponse:
    return JSONResponse(status_code=409, content={"detail": detail, "reason": "identity"})


def register(session: Session, agent: service.AgentInfo, body: RegisterRequest,
             now: datetime) -> JSONResponse | dict[str, Any]:
    """Register ``body.id`` (idempotent for the same id and nonce); the answer to send."""
    for attempt in range(2):
        row = session.get(Workstation, body.id, with_for_update=True, populate_existing=True)
        if row is not None:
            if row.retired or row.site != agent.site \
                    or row.nonce_hash != nonce_digest(body.nonce):
                service.audit(session, agent.login, "workstation_refused", None, now,
                              f"{row.site}-{row.code} {row.id}: registered again with another "
                              "nonce (restored or copied data folder), or retired")
                session.commit()
                return _identity_refused(
                    f"workstation {row.site}-{row.code} is registered with another identity "
                    "(a restored or copied data folder?); register with a new id")
            row.last_seen_at = now  # the same registration again (its answer was lost)
            answer = {**_described(row),
                      "sequences": seen_sequences(session, row.site, row.code)}
            session.commit()
            return answer
        holder = session.scalar(select(Workstation.id).where(
            Workstation.site == agent.site, Workstation.code == body.code,
            Workstation.retired.is_(False)))
        if holder is not None:
            offered = free_code(session, agent.site)
            session.rollback()
            return JSONResponse(status_code=409, content={
                "detail": f"code: workstation {agent.site}-{body.code} is already in use; "
                          + (f"expected a free code such as {offered}" if offered
                             else "every code of the site is in use"),
                "reason": "code_taken", "field": "code", "code": body.code,
                "free_code": offered})
        row = Workstation(id=body.id, site=agent.site, code=body.code, registered_at=now,
                          registered_by=agent.login, last_seen_at=now, retired=False,
                          nonce_hash=nonce_digest(body.nonce))
        try:
            with session.begin_nested():
                session.add(row)
                session.flush()
        except IntegrityError:
            if attempt:
                raise
            continue  # registered at the same moment by another request: decide again
        service.audit(session, agent.login, "workstation_register", None, now,
                      f"{row.site}-{row.code} {row.id}")
        answer = {**_described(row), "sequences": seen_sequences(session, row.site, row.code)}
        session.commit()
        return answer
    raise AssertionError("unreachable")


def prove(session: Session, agent: service.AgentInfo, workstation_id: uuid.UUID,
          body: RoundRequest, now: datetime) -> JSONResponse | dict[str, Any]:
    """Check and rotate the identity nonce of one sync round; the answer to send."""
    row = session.get(Workstation, workstation_id, with_for_update=True,
                      populate_existing=True)
    if row is None:
        return JSONResponse(status_code=404, content={
            "detail": "no such workstation; register it", "reason": "unknown"})
    if row.site != agent.site:
        raise HTTPException(403, f"site: workstation {row.site}-{row.code} is not of the "
                                 f"agent's site {agent.site}")
    if row.retired:
        return _identity_refused(f"workstation {row.site}-{row.code} is retired; register "
                                 "with a new id")
    if row.nonce_hash == nonce_digest(body.current):
        row.nonce_hash = nonce_digest(body.next)
    elif row.nonce_hash != nonce_digest(body.next):  # else: the last answer was lost
        service.audit(session, agent.login, "workstation_refused", None, now,
                      f"{row.site}-{row.code} {row.id}: outdated identity nonce (restored or "
                      "copied data folder)")
        session.commit()
        return _identity_refused(
            f"workstation {row.site}-{row.code}: outdated identity (this data folder was "
            "restored or copied); register with a new id")
    row.last_seen_at = now
    answer = _described(row)
    session.commit()
    return answer


def add_routes(app: FastAPI, get_session: Callable[[], Iterator[Session]],
               current_agent: Callable[..., service.AgentInfo],
               now: Callable[[], datetime]) -> None:
    """Add the registry's routes to ``app``, with its session and agent dependencies."""
    SessionDep = Annotated[Session, Depends(get_session)]
    AgentDep = Annotated[service.AgentInfo, Depends(current_agent)]

    def require(agent: service.AgentInfo, role: str) -> None:
        if agent.role != role:
            raise HTTPException(403, f"this route is for {role} agents")

    @app.post("/workstations", tags=["workstations"],
              responses={403: {"description": "not an accueil agent, or another site"},
                         409: {"description": "code in use (with a free one), or this id is "
                                              "registered with another identity"}})
    def register_workstation(body: RegisterRequest, session: SessionDep,
                             agent: AgentDep) -> Any:
        """Register this workstation (id, code) on the agent's site; the answer gives the
        highest dossier sequence number per year the store has seen for that code."""
        require(agent, "accueil")
        if body.site is not None and body.site != agent.site:
            raise HTTPException(403, f"site: this workstation is of {body.site}; the agent's "
                                     f"site is {agent.site}")
        return register(session, agent, body, now())

    @app.post("/workstations/{workstation_id}/round", tags=["workstations"],
              responses={404: {"description": "unknown workstation"},
                         409: {"description": "outdated identity: restored or copied"}})
    def workstation_round(workstation_id: uuid.UUID, body: RoundRequest, session: SessionDep,
                          agent: AgentDep) -> Any:
        """Prove, at the start of a sync round, that this is the registered workstation: the
        nonce held now and the next one."""
        require(agent, "accueil")
        return prove(session, agent, workstation_id, body, now())

    @app.get("/workstations", tags=["workstations"])
    def list_workstations(session: SessionDep, agent: AgentDep) -> dict[str, Any]:
        """Every registered workstation, by site and code (admin)."""
        require(agent, "admin")
        rows = session.scalars(select(Workstation).order_by(
            Workstation.site, Workstation.code, Workstation.registered_at))
        return {"workstations": [_described(row) for row in rows]}

    @app.post("/workstations/{workstation_id}/retire", tags=["workstations"],
              responses={404: {"description": "unknown workstation"}})
    def retire_workstation(workstation_id: uuid.UUID, session: SessionDep,
                           agent: AgentDep) -> dict[str, Any]:
        """Retire a workstation (admin): its code becomes free, its id is refused."""
        require(agent, "admin")
        row = session.get(Workstation, workstation_id, with_for_update=True)
        if row is None:
            raise HTTPException(404, "no such workstation")
        if not row.retired:
            row.retired, row.retired_at = True, now()
            service.audit(session, agent.login, "workstation_retire", None, now(),
                          f"{row.site}-{row.code} {row.id}")
        answer = _described(row)
        session.commit()
        return answer
