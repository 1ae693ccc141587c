"""The central store's HTTP API (FastAPI). Routes map requests to app.server.service.

Every route but ``/auth/login`` needs a bearer token; roles: ``accueil`` (push, pull, its
site's dossiers), ``partenaire`` (its organisme's consented orientations), ``admin`` (audit).
"""


import dataclasses
import json
import math
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field, field_validator
from sqlalchemy import Engine, func, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.orm import Session, sessionmaker
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.forms.records import is_valid_text, shown
from app.models.codes import ORGANISMES
from app.server import audit as audit_chain
from app.server import passwords, service
from app.server.db import busy_reason, open_engine
from app.server.models import Agent, Dossier, LoginAttempt, Token
from app.server.security import hash_password, new_token, token_digest, verify_password

TOKEN_LIFETIME = timedelta(hours=12)  # default; ``serve --token-lifetime``
TOKEN_IDLE = timedelta(minutes=30)  # default; ``serve --token-idle``
# A token's last use is written at most this often (not once per request): the idle expiry is
# exact to this much.
LAST_USED_RESOLUTION = timedelta(minutes=1)
RATE_WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_LOGIN = 5
# Per client address: a site's workstations may share one address behind a NAT, so the client
# limit is 5 failures for each of a few agents before it locks the whole address out.
MAX_FAILURES_PER_CLIENT = 20
MAX_BATCH = 500

DEFAULT_MAX_BODY = 8 * 1024 * 1024  # bytes: a batch of 500 dossiers is about 1.5 MiB

Clock = Callable[[], datetime]


class BodySizeLimit:
    """Pure ASGI middleware: a request whose body is above ``limit`` bytes is answered 413
    before it is read — at once when its Content-Length says so, else (a chunked body, or a
    Content-Length that lies) as soon as the chunks received so far pass the limit; the rest is
    never read, and the application sees the client as gone."""

    def __init__(self, app: ASGIApp, limit: int = DEFAULT_MAX_BODY) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = next((value for name, value in scope.get("headers", ())
                         if name == b"content-length"), None)
        if declared is not None:
            size = int(declared) if declared.isdigit() and len(declared) < 20 else None
            if size is None:
                await self._answer(send, 400, "content-length: "
                                   f"{shown(declared.decode('latin-1'))} is not allowed; "
                                   "expected the size of the body in bytes")
                return
            if size > self.limit:
                await self._too_large(send)
                return
        received = 0
        answered = False

        async def limited_receive() -> Message:
            nonlocal received, answered
            if answered:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    answered = True
                    await self._too_large(send)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            if not answered:  # the 413 went out: whatever the application says is dropped
                await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except Exception:
            if not answered:
                raise

    async def _too_large(self, send: Send) -> None:
        await self._answer(send, 413, f"body: more than {self.limit} bytes; expected at most "
                                      f"{self.limit} bytes (send big batches in parts)")

    @staticmethod
    async def _answer(send: Send, status: int, detail: str) -> None:
        body = json.dumps({"detail": detail}).encode()
        await send({"type": "http.response.start", "status": status, "headers": [
            (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
            (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _no_nul(value: str) -> str:
    # (pydantic refuses a lone surrogate in a str field itself, with a 422)
    if "\x00" in value:
        raise ValueError("must not contain a NUL character")
    return value


class LoginRequest(BaseModel):
    """Credentials exchanged for a bearer token."""

    login: str = Field(min_length=1, max_length=120)
    password: str = Field(min_length=1, max_length=1024)

    _check = field_validator("login", "password")(_no_nul)


class PasswordChange(BaseModel):
    """Self-service change: the login, the current password and the new one."""

    login: str = Field(min_length=1, max_length=120)
    password: str = Field(min_length=1, max_length=1024)
    new_password: str = Field(min_length=1, max_length=1024)

    _check = field_validator("login", "password", "new_password")(_no_nul)


class AgentOut(BaseModel):
    """The agent a token belongs to."""

    login: str
    organisme: str
    site: str
    role: str


class LoginResponse(BaseModel):
    """A new bearer token and its expiry."""

    token: str
    expires_at: datetime
    agent: AgentOut


class PushItem(BaseModel):
    """One dossier to store: its export dict and the revision the change was based on."""

    base_revision: int | None = Field(default=None, ge=1, le=service.MAX_INT)
    dossier: dict[str, Any]


class PushRequest(BaseModel):
    """A batch of dossiers (at most 500)."""

    dossiers: list[PushItem] = Field(max_length=MAX_BATCH)


class OrientationUpdate(BaseModel):
    """A partner's follow-up of its orientation."""

    status: Literal["recue", "en_cours", "contact_pris", "cloturee"]
    outcome: Literal["aide_accordee", "aide_refusee", "sans_suite"] | None = None
    note: str = Field(default="", max_length=2000)

    _check = field_validator("note")(_no_nul)


def _plain(text: str) -> str:
    """``text`` as JSON can carry it to any client: a lone surrogate (from a key or value the
    client sent) written as its escape."""
    return text if is_valid_text(text) else text.encode("utf-8", "backslashreplace").decode()


def _readable(exc: RequestValidationError) -> JSONResponse:
    errors = []
    for error in exc.errors():
        where = ".".join(str(part) for part in error.get("loc", ()) if part != "body") or "body"
        errors.append({"field": _plain(where[:200]),
                       "message": _plain(str(error.get("msg", "invalid value")))})
    text = "; ".join(f"{e['field']}: {e['message']}" for e in errors) or "invalid request"
    return JSONResponse(status_code=422, content={"detail": text, "errors": errors})


def create_app(database_url: str, *, clock: Clock | None = None,
               max_body: int = DEFAULT_MAX_BODY, token_lifetime: timedelta = TOKEN_LIFETIME,
               token_idle: timedelta = TOKEN_IDLE) -> FastAPI:
    """The central store's application on ``database_url``, migrated to the latest schema."""
    engine = open_engine(database_url)
    return build_app(engine, clock=clock, max_body=max_body, token_lifetime=token_lifetime,
                     token_idle=token_idle)


def build_app(engine: Engine, *, clock: Clock | None = None,
              max_body: int = DEFAULT_MAX_BODY, token_lifetime: timedelta = TOKEN_LIFETIME,
              token_idle: timedelta = TOKEN_IDLE) -> FastAPI:
    """The application on an already migrated engine.

    A request body above ``max_body`` bytes is answered 413 before it is read; a busy
    database (locks, pool or connections exhausted) is answered 503 with ``Retry-After``.
    A token lasts ``token_lifetime`` from sign-in, and expires sooner when unused for more
    than ``token_idle``."""
    now: Clock = clock or _utc_now
    idle_minutes = max(1, round(token_idle.total_seconds() / 60))
    sessions = sessionmaker(engine, expire_on_commit=False)
    bearer = HTTPBearer(auto_error=False, description="Token from POST /auth/login")
    app = FastAPI(title="Accueil TI — central store", version="1")
    app.state.engine = engine
    app.add_middleware(BodySizeLimit, limit=max_body)

    @app.exception_handler(RequestValidationError)
    async def _on_validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return _readable(exc)

    @app.exception_handler(StarletteHTTPException)
    async def _on_http_error(request: Request, exc: StarletteHTTPException) -> Any:
        if exc.status_code == 400 and exc.detail == "There was an error parsing the body":
            # JSON that Python cannot read: nested deeper than it recurses, or a number of
            # more than 4300 digits (a JSONDecodeError is a RequestValidationError already)
            return JSONResponse(status_code=422, content={
                "detail": "body: cannot be read (a number too long or nesting too deep); "
                          "expected a JSON document of the documented shape"})
        return await http_exception_handler(request, exc)

    async def _on_busy(_request: Request, exc: Exception) -> JSONResponse:
        found = busy_reason(exc)
        if found is None:
            raise exc  # not a busy database: a real failure, logged as such
        reason, retry_after = found
        return JSONResponse(
            status_code=503, headers={"Retry-After": str(retry_after)},
            content={"detail": f"the central store is busy ({reason}); expected a retry after "
                               f"{retry_after} s"})

    app.add_exception_handler(DBAPIError, _on_busy)
    app.add_exception_handler(PoolTimeoutError, _on_busy)

    def get_session() -> Iterator[Session]:
        with sessions() as session:
            yield session

    SessionDep = Annotated[Session, Depends(get_session)]

    def current_agent(
        session: SessionDep,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
        x_workstation: Annotated[str | None, Header(
            max_length=20, pattern=r"^[A-Z]{3}-[A-Za-z0-9]{1,8}$",
            description="the workstation sending (site-code, e.g. BRE-02): its pulls get a "
                        "stub of the dossiers it stored itself")] = None,
    ) -> service.AgentInfo:
        unauthorized = HTTPException(401, "missing, invalid or expired token",
                                     headers={"WWW-Authenticate": "Bearer"})
        if credentials is None or credentials.scheme.lower() != "bearer":
            raise unauthorized
        row = session.execute(
            select(Token, Agent).join(Agent, Agent.id == Token.agent_id)
            .where(Token.token_hash == token_digest(credentials.credentials))).first()
        if row is None:
            raise unauthorized
        token, agent = row
        at = now()
        if token.revoked_at is not None or token.expires_at <= at or agent.disabled \
                or agent.must_change_password:
            raise unauthorized
        if at - (token.last_used_at or token.created_at) > token_idle:
            raise HTTPException(401, f"token unused for more than {idle_minutes} minutes: it has "
                                     "expired; sign in again",
                                headers={"WWW-Authenticate": "Bearer"})
        found = dataclasses.replace(service.agent_info(agent), workstation=x_workstation)
        if token.last_used_at is None or at - token.last_used_at >= LAST_USED_RESOLUTION:
            token.last_used_at = at  # at most once a minute, not a write per request
            session.commit()
        # End the token's read: its connection (and on SQLite the writer lock every transaction
        # takes) goes back while the route parses and checks the request, and is taken again
        # only for the route's own reads and writes.
        session.rollback()
        return found

    AgentDep = Annotated[service.AgentInfo, Depends(current_agent)]

    def require(agent: service.AgentInfo, role: str) -> None:
        if agent.role != role:
            raise HTTPException(403, f"this route is for {role} agents")

    def _checked_agent(session: Session, request: Request, login: str,
                       password: str) -> tuple[Agent, datetime]:
        """The agent whose password this is (rate limited; the attempt recorded), else 401."""
        at = now()
        client = (request.client.host if request.client else "unknown")[:120]
        _check_rate(session, login, client, at)
        agent = session.scalar(select(Agent).where(Agent.login == login))
        ok = verify_password(agent.password_hash if agent else None, password)
        ok = ok and agent is not None and not agent.disabled
        session.add(LoginAttempt(at=at, login=login, client=client, success=ok))
        if not ok or agent is None:
            session.commit()
            raise HTTPException(401, "wrong login or password")
        return agent, at

    def _new_session(session: Session, agent: Agent, at: datetime) -> dict[str, Any]:
        token = new_token()
        expires = at + token_lifetime
        session.add(Token(token_hash=token_digest(token), agent_id=agent.id, created_at=at,
                          expires_at=expires, last_used_at=at))
        session.commit()
        return {"token": token, "expires_at": expires,
                "agent": {"login": agent.login, "organisme": agent.organisme,
                          "site": agent.site, "role": agent.role}}

    @app.post("/auth/login", response_model=LoginResponse, tags=["auth"],
              responses={401: {"description": "wrong credentials"},
                         403: {"description": "the password was set by an administrator and "
                                              "must be changed first (code "
                                              f"{passwords.REQUIRED}: POST "
                                              "/auth/change-password)"},
                         429: {"description": "too many failed attempts"}})
    def login(body: LoginRequest, request: Request, session: SessionDep) -> Any:
        """Exchange a login and password for a bearer token (valid for the store's token
        lifetime, 12 hours by default, and while it is used)."""
        agent, at = _checked_agent(session, request, body.login, body.password)
        if agent.must_change_password:
            session.commit()
            return JSONResponse(status_code=403, content={
                "code": passwords.REQUIRED,
                "detail": "password: set by an administrator, it must be changed before "
                          "signing in; expected POST /auth/change-password with the login, "
                          "this password and a new one"})
        return _new_session(session, agent, at)

    @app.post("/auth/change-password", response_model=LoginResponse, tags=["auth"],
              responses={401: {"description": "wrong credentials"},
                         422: {"description": "the new password is refused by the policy "
                                              "(code: password_too_short, "
                                              "password_contains_login, password_too_common)"},
                         429: {"description": "too many failed attempts"}})
    def change_password(body: PasswordChange, request: Request, session: SessionDep) -> Any:
        """Change one's own password (the current one proves who asks); signs in at once:
        every other token of the account is revoked and a new one is answered."""
        agent, at = _checked_agent(session, request, body.login, body.password)
        try:
            passwords.check_password(body.new_password, agent.login, field="new_password")
        except passwords.PasswordPolicyError as exc:
            session.commit()
            return JSONResponse(status_code=422, content={"code": exc.code, "detail": str(exc),
                                                          "field": "new_password"})
        if body.new_password == body.password:
            session.commit()
            return JSONResponse(status_code=422, content={
                "code": "password_unchanged", "field": "new_password",
                "detail": "new_password: the same as the current one; expected another "
                          "password"})
        agent.password_hash = hash_password(body.new_password)
        agent.must_change_password = False
        session.execute(update(Token).where(Token.agent_id == agent.id,
                                            Token.revoked_at.is_(None)).values(revoked_at=at))
        return _new_session(session, agent, at)

    def _check_rate(session: Session, login: str, client: str, at: datetime) -> None:
        since = at - RATE_WINDOW
        for column, value, limit in ((LoginAttempt.login, login, MAX_FAILURES_PER_LOGIN),
                                     (LoginAttempt.client, client, MAX_FAILURES_PER_CLIENT)):
            times = session.scalars(
                select(LoginAttempt.at).where(column == value, LoginAttempt.at > since,
                                              LoginAttempt.success.is_(False))
                .order_by(LoginAttempt.at.desc()).limit(limit)).all()
            if len(times) >= limit:
                wait = (times[-1] + RATE_WINDOW - at).total_seconds()
                raise HTTPException(429, "too many failed login attempts; try again later",
                                    headers={"Retry-After": str(max(1, math.ceil(wait)))})

    @app.post("/auth/logout", tags=["auth"])
    def logout(
        session: SessionDep, agent: AgentDep,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    ) -> dict[str, str]:
        """Revoke the token of this request."""
        assert credentials is not None  # current_agent checked it
        token = session.get(Token, token_digest(credentials.credentials))
        if token is not None and token.revoked_at is None:
            token.revoked_at = now()
        session.commit()
        return {"status": "revoked"}

    @app.post("/sync/push", tags=["sync"])
    def push(body: PushRequest, session: SessionDep, agent: AgentDep) -> dict[str, Any]:
        """Store a batch of dossiers; one result per item (accepted, duplicate, conflict,
        rejected, forbidden), in the order sent."""
        require(agent, "accueil")
        at = now()
        results = service.push_batch(
            session, agent, [(item.base_revision, item.dossier) for item in body.dossiers], at)
        session.commit()
        return {"results": [r.to_json() for r in results]}

    @app.put("/dossiers/{dossier_id}", tags=["sync"],
             responses={403: {"description": "another site's dossier"},
                        409: {"description": "stale base revision; the server's version"},
                        410: {"description": "the dossier was erased: its tombstone wins"},
                        422: {"description": "invalid dossier"}})
    def put_dossier(dossier_id: uuid.UUID, body: PushItem, session: SessionDep,
                    agent: AgentDep) -> Any:
        """Store one dossier; a stale base revision is a 409 with the server's version."""
        require(agent, "accueil")
        if body.dossier.get("id") != str(dossier_id):
            return JSONResponse(status_code=422, content={
                "detail": f"id: {shown(body.dossier.get('id'))} is not allowed; expected "
                          f"{str(dossier_id)!r}, the id in the path", "field": "id"})
        result = service.push_dossier(session, agent, body.base_revision, body.dossier, now())
        session.commit()
        code = {"accepted": 200, "duplicate": 200, "conflict": 409, "rejected": 422,
                "forbidden": 403, "erased": 410}[result.status]
        content = result.to_json()
        if code != 200:
            content["detail"] = result.reason
        return JSONResponse(status_code=code, content=content)

    @app.get("/dossiers/{dossier_id}", tags=["sync"])
    def get_dossier(dossier_id: uuid.UUID, session: SessionDep,
                    agent: AgentDep) -> dict[str, Any]:
        """One dossier of the agent's site, as exported."""
        require(agent, "accueil")
        found = service.get_site_dossier(session, agent, dossier_id, now())
        if found is None:
            raise HTTPException(404, "no such dossier")
        session.commit()
        return found

    @app.get("/sync/pull", tags=["sync"])
    def pull(session: SessionDep, agent: AgentDep,
             since: Annotated[int, Query(ge=0, le=2**62)] = 0,
             limit: Annotated[int, Query(ge=1, le=MAX_BATCH)] = 100) -> dict[str, Any]:
        """Dossiers of the agent's site changed after the cursor ``since``."""
        require(agent, "accueil")
        result = service.pull(session, agent, since, limit, now())
        session.commit()
        return result

    @app.get("/partner/dossiers", tags=["partner"])
    def partner_dossiers(session: SessionDep, agent: AgentDep) -> dict[str, Any]:
        """The dossiers oriented to the agent's organisme with its consent, urgent first."""
        require(agent, "partenaire")
        dossiers = service.partner_list(session, agent, now())
        session.commit()
        return {"dossiers": dossiers}

    @app.get("/partner/dossiers/{dossier_id}", tags=["partner"],
             responses={404: {"description": "not visible to this organisme"}})
    def partner_dossier(dossier_id: uuid.UUID, session: SessionDep,
                        agent: AgentDep) -> dict[str, Any]:
        """One dossier as the agent's organisme may see it."""
        require(agent, "partenaire")
        found = service.partner_get(session, agent, dossier_id, now())
        if found is None:
            raise HTTPException(404, "no such dossier")
        session.commit()
        return found

    @app.post("/partner/dossiers/{dossier_id}/orientation", tags=["partner"],
              responses={404: {"description": "not visible to this organisme"},
                         409: {"description": "the dossier is at the highest revision"}})
    def partner_orientation(dossier_id: uuid.UUID, body: OrientationUpdate,
                            session: SessionDep, agent: AgentDep) -> dict[str, Any]:
        """Set the organisme's follow-up (status, outcome when closed, note)."""
        require(agent, "partenaire")
        if (body.status == "cloturee") != (body.outcome is not None):
            raise HTTPException(422, "outcome: required when status is cloturee (one of "
                                     "aide_accordee, aide_refusee, sans_suite), and only then")
        try:
            found = service.partner_update(session, agent, dossier_id, body.status,
                                           body.outcome, body.note, now())
        except service.RevisionLimitError as exc:
            raise HTTPException(409, str(exc)) from None
        if found is None:
            raise HTTPException(404, "no such dossier")
        session.commit()
        return found

    @app.get("/stats/processing-times", tags=["figures"])
    def processing_times(session: SessionDep, agent: AgentDep) -> dict[str, Any]:
        """Per organisme: the median and the 90th percentile of days from transmission to
        closure of the orientations the store saw transmitted, then closed, in the last 30
        days; null below the minimum sample (``min_sample`` closures)."""
        return service.processing_times(session, ORGANISMES, now())

    @app.get("/admin/audit", tags=["admin"])
    def admin_audit(session: SessionDep, agent: AgentDep, dossier_id: uuid.UUID | None = None,
                    limit: Annotated[int, Query(ge=1, le=10000)] = 1000,
                    login: Annotated[str | None, Query(alias="agent", max_length=120)] = None,
                    action: Annotated[str | None, Query(max_length=41)] = None,
                    since: datetime | None = None, until: datetime | None = None,
                    order: Literal["asc", "desc"] = "asc",
                    before: Annotated[int | None, Query(ge=1, le=2**62)] = None,
                    number: Annotated[str | None, Query(max_length=40)] = None,
                    ) -> dict[str, Any]:
        """Audit rows (read-only) matching every filter given: a dossier, an agent's login, an
        action (``partner_*`` for a prefix), a time range (``since`` ≤ at < ``until``); in chain
        order (``order=desc``: newest first, ``before`` a row's ``seq`` to page back).
        ``number`` names the dossier by its number instead of its id."""
        require(agent, "admin")
        if number is not None and dossier_id is None:
            dossier_id = session.scalar(select(Dossier.id).where(Dossier.number == number))
            if dossier_id is None:
                return {"entries": []}

        def utc(value: datetime | None) -> datetime | None:
            if value is None or value.tzinfo is not None:
                return value
            return value.replace(tzinfo=UTC)

        return {"entries": audit_chain.entries(
            session, dossier_id=dossier_id, agent=login, action=action, since=utc(since),
            until=utc(until), newest_first=order == "desc", before_seq=before, limit=limit)}

    @app.get("/dossiers/{dossier_id}/accesses", tags=["sync"],
             responses={404: {"description": "no such dossier on the agent's site"}})
    def dossier_accesses(dossier_id: uuid.UUID, session: SessionDep,
                         agent: AgentDep) -> dict[str, Any]:
        """Who read or changed one dossier of the agent's site, when, oldest first (from the
        audit log; this request is audited too, after the list is read)."""
        require(agent, "accueil")
        site = session.scalar(select(Dossier.site).where(Dossier.id == dossier_id))
        if site is None or site != agent.site:
            raise HTTPException(404, "no such dossier")
        accesses = audit_chain.dossier_accesses(session, dossier_id)
        service.audit(session, agent.login, "read_accesses", dossier_id, now())
        session.commit()
        return {"dossier_id": str(dossier_id), "accesses": accesses}

    @app.get("/stats/counts", tags=["figures"])
    def counts(session: SessionDep, agent: AgentDep) -> dict[str, int]:
        """How many dossiers and agents the store holds (admin)."""
        require(agent, "admin")
        return {"dossiers": session.scalar(select(func.count()).select_from(Dossier)) or 0,
                "agents": session.scalar(select(func.count()).select_from(Agent)) or 0}

    from app.server.workstations import add_routes as add_workstation_routes
    add_workstation_routes(app, get_session, current_agent, now)
    from app.server.erasure import add_routes as add_erasure_routes
    add_erasure_routes(app, get_session, current_agent, now)
    from app.server.sites import add_routes as add_site_routes
    add_site_routes(app, get_session, current_agent, now)
    return app
