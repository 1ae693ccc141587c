"""The dependencies of the central store's routes: the store's context (sessions, clock, token
limits, set on ``app.state.context`` by app.server.app.build_app), a database session per
request, the request's agent from its bearer token, and the role check.

No ``from __future__ import annotations``: FastAPI reads these annotations at run time.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session, sessionmaker

from app.server.services import accounts
from app.server.services.common import AgentInfo

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class StoreContext:
    """What the routes of one application share: its sessions, its clock and how long its
    tokens last."""

    sessions: sessionmaker[Session]
    clock: Clock
    token_lifetime: timedelta
    token_idle: timedelta

    def now(self) -> datetime:
        """The store's time (the clock the application was built with)."""
        return self.clock()


def get_context(request: Request) -> StoreContext:
    """The context of the application serving ``request``."""
    context: StoreContext = request.app.state.context
    return context


ContextDep = Annotated[StoreContext, Depends(get_context)]


def get_session(context: ContextDep) -> Iterator[Session]:
    """A session for the request, closed when its answer is sent."""
    with context.sessions() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]

bearer = HTTPBearer(auto_error=False, description="Token from POST /auth/login")
CredentialsDep = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


def pilotage_may(request: Request) -> bool:
    """What a ``pilotage`` account may call (issue 17): read the statistics (GET /stats/*) and
    its own session (/auth/*); nothing that holds personal data."""
    path = request.url.path
    return (request.method == "GET" and path.startswith("/stats/")) or path.startswith("/auth/")


def current_agent(
    request: Request, session: SessionDep, context: ContextDep, credentials: CredentialsDep,
    x_workstation: Annotated[str | None, Header(
        max_length=20, pattern=r"^[A-Z]{3}-[A-Za-z0-9]{1,8}$",
        description="the workstation sending (site-code, e.g. BRE-02): its pulls get a "
                    "stub of the dossiers it stored itself")] = None,
) -> AgentInfo:
    """The agent the request's bearer token signs in; 401 else."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise HTTPException(401, accounts.INVALID_TOKEN, headers={"WWW-Authenticate": "Bearer"})
    try:
        agent = accounts.token_agent(session, credentials.credentials, context.now(),
                                     context.token_idle, x_workstation)
    except accounts.TokenRefused as exc:
        raise HTTPException(401, str(exc), headers={"WWW-Authenticate": "Bearer"}) from None
    if agent.role == "pilotage" and not pilotage_may(request):  # issue 17
        raise HTTPException(403, "pilotage agents may only read the statistics (GET /stats/*)")
    return agent


AgentDep = Annotated[AgentInfo, Depends(current_agent)]


def require(agent: AgentInfo, role: str) -> None:
    """403 unless ``agent`` has ``role``.

    Called in a route's body, not as a dependency: a request refused for its shape is
    answered 422 before its role is looked at."""
    if agent.role != role:
        raise HTTPException(403, f"this route is for {role} agents")
