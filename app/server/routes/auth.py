"""Sign-in, password change and sign-out (``/auth``).

No ``from __future__ import annotations``: FastAPI reads the routes' annotations.
"""

from datetime import datetime
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from app.server import passwords
from app.server.deps import AgentDep, ContextDep, CredentialsDep, SessionDep, StoreContext
from app.server.models import Agent
from app.server.schemas import LoginRequest, LoginResponse, LogoutResult, PasswordChange
from app.server.services import accounts

router = APIRouter(prefix="/auth", tags=["auth"])


def _checked_agent(session: Session, request: Request, context: StoreContext, login: str,
                   password: str) -> tuple[Agent, datetime]:
    """The agent whose password this is (rate limited; the attempt recorded), else 401/429."""
    at = context.now()
    client = (request.client.host if request.client else "unknown")[:120]
    try:
        return accounts.checked_agent(session, login, password, client, at), at
    except accounts.TooManyAttempts as exc:
        raise HTTPException(429, str(exc),
                            headers={"Retry-After": str(exc.retry_after)}) from None
    except accounts.WrongCredentials as exc:
        raise HTTPException(401, str(exc)) from None


@router.post("/login", response_model=LoginResponse,
             responses={401: {"description": "wrong credentials"},
                        403: {"description": "the password was set by an administrator and "
                                             "must be changed first (code "
                                             f"{passwords.REQUIRED}: POST "
                                             "/auth/change-password)"},
                        429: {"description": "too many failed attempts"}})
def login(body: LoginRequest, request: Request, session: SessionDep,
          context: ContextDep) -> Any:
    """Exchange a login and password for a bearer token (valid for the store's token
    lifetime, 12 hours by default, and while it is used)."""
    agent, at = _checked_agent(session, request, context, body.login, body.password)
    if agent.must_change_password:
        session.commit()
        return JSONResponse(status_code=403, content={
            "code": passwords.REQUIRED,
            "detail": "password: set by an administrator, it must be changed before "
                      "signing in; expected POST /auth/change-password with the login, "
                      "this password and a new one"})
    return accounts.open_session(session, agent, at, context.token_lifetime)


@router.post("/change-password", response_model=LoginResponse,
             responses={401: {"description": "wrong credentials"},
                        422: {"description": "the new password is refused by the policy "
                                             "(code: password_too_short, "
                                             "password_contains_login, password_too_common)"},
                        429: {"description": "too many failed attempts"}})
def change_password(body: PasswordChange, request: Request, session: SessionDep,
                    context: ContextDep) -> Any:
    """Change one's own password (the current one proves who asks); signs in at once:
    every other token of the account is revoked and a new one is answered."""
    agent, at = _checked_agent(session, request, context, body.login, body.password)
    try:
        return accounts.change_password(session, agent, body.password, body.new_password, at,
                                        context.token_lifetime)
    except passwords.PasswordPolicyError as exc:
        return JSONResponse(status_code=422, content={"code": exc.code, "detail": str(exc),
                                                      "field": "new_password"})
    except accounts.PasswordUnchanged as exc:
        return JSONResponse(status_code=422, content={
            "code": exc.code, "field": "new_password", "detail": str(exc)})


@router.post("/logout", response_model=LogoutResult)
def logout(session: SessionDep, agent: AgentDep, context: ContextDep,
           credentials: CredentialsDep) -> Any:
    """Revoke the token of this request."""
    assert credentials is not None  # current_agent checked it
    accounts.revoke(session, credentials.credentials, context.now())
    return {"status": "revoked"}
