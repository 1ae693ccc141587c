"""Administration of the central store's database, without HTTP (``accueil-ti admin``)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.forms.codes import ORGANISMES
from app.forms.sites import load_sites
from app.server.db import open_engine
from app.server.models import Agent, Token
from app.server.passwords import check_password
from app.server.security import hash_password
from app.server.services import figures, sync

ROLES = ("accueil", "partenaire", "admin", "pilotage")


def open_server_engine(database_url: str) -> Engine:
    """An engine on the server database, its schema created or migrated."""
    return open_engine(database_url)


def _check(field: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ValueError(f"{field}: {value!r} is not allowed; expected one of "
                         + ", ".join(allowed))


def create_agent(engine: Engine, *, login: str, organisme: str, site: str, role: str,
                 password: str, must_change_password: bool = False) -> None:
    """Create an account; ValueError naming the field and the allowed values on bad input
    (a :class:`PasswordPolicyError` for a password the policy refuses).

    ``must_change_password``: the agent must choose their own password at the first sign-in
    (what ``accueil-ti admin create-agent`` asks by default)."""
    if not login or len(login) > 120 or "\x00" in login or login.strip() != login:
        raise ValueError("login: expected 1 to 120 characters without surrounding spaces")
    _check("organisme", organisme, tuple(ORGANISMES))
    _check("site", site, tuple(load_sites()))
    _check("role", role, ROLES)
    check_password(password, login)
    agent = Agent(login=login, organisme=organisme, site=site, role=role,
                  password_hash=hash_password(password), created_at=datetime.now(UTC),
                  disabled=False, must_change_password=must_change_password)
    try:
        with Session(engine) as session, session.begin():
            session.add(agent)
    except IntegrityError as exc:
        raise ValueError(f"login: {login!r} is already taken; expected a new login") from exc


def set_password(engine: Engine, *, login: str, password: str,
                 must_change_password: bool = True) -> int:
    """Give the account ``login`` a new password (the policy applies); by default the agent
    must change it at the next sign-in. Every live token of the account is revoked: whoever
    held the old password is signed out. Returns how many tokens were revoked; ValueError
    naming the field for an unknown login or a refused password."""
    check_password(password, login)
    now = datetime.now(UTC)
    with Session(engine) as session, session.begin():
        agent = session.scalar(select(Agent).where(Agent.login == login))
        if agent is None:
            raise ValueError("login: no such account; expected the login of an existing agent")
        agent.password_hash = hash_password(password)
        agent.must_change_password = must_change_password
        revoked = session.execute(
            update(Token).where(Token.agent_id == agent.id, Token.revoked_at.is_(None))
            .values(revoked_at=now))
        return int(getattr(revoked, "rowcount", 0) or 0)


def stats(engine: Engine) -> dict[str, Any]:
    """How many dossiers and agents the store holds."""
    with Session(engine) as session:
        return dict(figures.counts(session))


def breakdown(engine: Engine, by: str | None, period: str | None,
              exact: bool = False) -> dict[str, Any]:
    """Distinct dossiers by the comma-separated dimensions ``by`` over ``period``
    (app.forms.stats), under the statistical secrecy unless ``exact`` (issue 17); ValueError
    naming ``by`` or ``period`` on bad input."""
    from app.forms.stats import parse_dimensions, parse_period
    from app.server.services import stats as statistics

    dims, chosen = parse_dimensions(by), parse_period(period)
    with Session(engine) as session:
        return statistics.breakdown(session, dims, chosen, secrecy=not exact)


def export_dossiers(engine: Engine) -> Iterator[dict[str, Any]]:
    """Every dossier held by the store, in the export shape, ordered by number."""
    with Session(engine) as session:
        yield from sync.iter_payloads(session)
