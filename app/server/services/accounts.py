"""The central store's accounts: signing in (rate limited, every attempt recorded), changing
one's own password, and bearer tokens — issued, resolved to the request's agent, revoked.

Only a token's SHA-256 is stored (app.server.security). A token lasts the store's token lifetime
from sign-in and expires sooner when unused for longer than its idle limit; its last use is
written at most once a minute, not once per request.
"""

from __future__ import annotations

import dataclasses
import math
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, text, update
from sqlalchemy.orm import Session

from app.server import passwords
from app.server.models import Agent, LoginAttempt, Token
from app.server.security import hash_password, new_token, token_digest, verify_password
from app.server.services.common import AgentInfo, agent_info

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

INVALID_TOKEN = "missing, invalid or expired token"


class WrongCredentials(Exception):
    """The login and password do not name an enabled account."""

    def __init__(self) -> None:
        super().__init__("wrong login or password")


class TooManyAttempts(Exception):
    """Too many failed sign-ins of this login or from this client lately; ``retry_after``
    seconds until the oldest of them leaves the window."""

    def __init__(self, retry_after: int) -> None:
        super().__init__("too many failed login attempts; try again later")
        self.retry_after = retry_after


class PasswordUnchanged(ValueError):
    """The new password is the current one."""

    code = "password_unchanged"

    def __init__(self) -> None:
        super().__init__("new_password: the same as the current one; expected another "
                         "password")


class TokenRefused(Exception):
    """The bearer token does not sign the request in: unknown, revoked, expired (the message
    says when it expired for being unused), or its account is disabled or must change its
    password."""


def check_rate(session: Session, login: str, client: str, at: datetime) -> None:
    """TooManyAttempts when ``login`` or ``client`` failed to sign in too often lately."""
    since = at - RATE_WINDOW
    for column, value, limit in ((LoginAttempt.login, login, MAX_FAILURES_PER_LOGIN),
                                 (LoginAttempt.client, client, MAX_FAILURES_PER_CLIENT)):
        times = session.scalars(
            select(LoginAttempt.at).where(column == value, LoginAttempt.at > since,
                                          LoginAttempt.success.is_(False))
            .order_by(LoginAttempt.at.desc()).limit(limit)).all()
        if len(times) >= limit:
            wait = (times[-1] + RATE_WINDOW - at).total_seconds()
            raise TooManyAttempts(max(1, math.ceil(wait)))


def _one_sign_in_at_a_time(session: Session, login: str) -> None:
    """On PostgreSQL, the sign-ins of one login wait for each other until their transaction ends
    (an advisory lock), so that concurrent failures, in one process or several, cannot all pass
    the rate check before any of them is recorded. SQLite's transactions already take the write
    lock at BEGIN. Per login only: the sign-ins of a site's workstations behind one address are
    not made to wait for each other."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"),
                        {"key": f"accueil-ti sign-in {login}"})


def checked_agent(session: Session, login: str, password: str, client: str,
                  at: datetime) -> Agent:
    """The agent whose password this is (rate limited: TooManyAttempts); the attempt is
    recorded, and committed at once when it fails (WrongCredentials)."""
    _one_sign_in_at_a_time(session, login)
    check_rate(session, login, client, at)
    agent = session.scalar(select(Agent).where(Agent.login == login))
    ok = verify_password(agent.password_hash if agent else None, password)
    ok = ok and agent is not None and not agent.disabled
    session.add(LoginAttempt(at=at, login=login, client=client, success=ok))
    if not ok or agent is None:
        session.commit()
        raise WrongCredentials()
    return agent


def open_session(session: Session, agent: Agent, at: datetime,
                 lifetime: timedelta) -> dict[str, Any]:
    """A new bearer token for ``agent``, valid for ``lifetime``; committed. The answer to a
    sign-in: the token, its expiry and the agent."""
    token = new_token()
    expires = at + lifetime
    session.add(Token(token_hash=token_digest(token), agent_id=agent.id, created_at=at,
                      expires_at=expires, last_used_at=at))
    session.commit()
    return {"token": token, "expires_at": expires,
            "agent": {"login": agent.login, "organisme": agent.organisme,
                      "site": agent.site, "role": agent.role}}


def change_password(session: Session, agent: Agent, password: str, new_password: str,
                    at: datetime, lifetime: timedelta) -> dict[str, Any]:
    """Give ``agent`` (signed in with ``password``) ``new_password``: every other token of the
    account is revoked and a new one is answered (:func:`open_session`).

    A :class:`~app.server.passwords.PasswordPolicyError` or :class:`PasswordUnchanged` when
    the new password is refused; the sign-in attempt is committed all the same."""
    try:
        passwords.check_password(new_password, agent.login, field="new_password")
        if new_password == password:
            raise PasswordUnchanged()
    except ValueError:
        session.commit()
        raise
    agent.password_hash = hash_password(new_password)
    agent.must_change_password = False
    session.execute(update(Token).where(Token.agent_id == agent.id,
                                        Token.revoked_at.is_(None)).values(revoked_at=at))
    return open_session(session, agent, at, lifetime)


def revoke(session: Session, token: str, at: datetime) -> None:
    """Revoke ``token`` (when it is live); committed."""
    row = session.get(Token, token_digest(token))
    if row is not None and row.revoked_at is None:
        row.revoked_at = at
    session.commit()


def token_agent(session: Session, token: str, at: datetime, idle: timedelta,
                workstation: str | None = None) -> AgentInfo:
    """The agent ``token`` signs in at ``at`` (from ``workstation`` when given); TokenRefused
    else. Records the token's use (at most once per LAST_USED_RESOLUTION), then ends the
    session's transaction."""
    row = session.execute(
        select(Token, Agent).join(Agent, Agent.id == Token.agent_id)
        .where(Token.token_hash == token_digest(token))).first()
    if row is None:
        raise TokenRefused(INVALID_TOKEN)
    found_token, agent = row
    if found_token.revoked_at is not None or found_token.expires_at <= at or agent.disabled \
            or agent.must_change_password:
        raise TokenRefused(INVALID_TOKEN)
    if at - (found_token.last_used_at or found_token.created_at) > idle:
        idle_minutes = max(1, round(idle.total_seconds() / 60))
        raise TokenRefused(f"token unused for more than {idle_minutes} minutes: it has "
                           "expired; sign in again")
    found = dataclasses.replace(agent_info(agent), workstation=workstation)
    if found_token.last_used_at is None or at - found_token.last_used_at >= LAST_USED_RESOLUTION:
        found_token.last_used_at = at  # at most once a minute, not a write per request
        session.commit()
    # End the token's read: its connection (and on SQLite the writer lock every transaction
    # takes) goes back while the route parses and checks the request, and is taken again
    # only for the route's own reads and writes.
    session.rollback()
    return found
