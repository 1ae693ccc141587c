"""Administration of the central store's database, without HTTP (``accueil-ti admin``)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.models.codes import ORGANISMES
from app.models.sites import load_sites
from app.server import service
from app.server.db import open_engine
from app.server.models import Agent, Dossier
from app.server.security import hash_password

ROLES = ("accueil", "partenaire", "admin")


def open_server_engine(database_url: str) -> Engine:
    """An engine on the server database, its schema created or migrated."""
    return open_engine(database_url)


def _check(field: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ValueError(f"{field}: {value!r} is not allowed; expected one of "
                         + ", ".join(allowed))


def create_agent(engine: Engine, *, login: str, organisme: str, site: str, role: str,
                 password: str) -> None:
    """Create an account; ValueError naming the field and the allowed values on bad input."""
    if not login or len(login) > 120 or "\x00" in login or login.strip() != login:
        raise ValueError("login: expected 1 to 120 characters without surrounding spaces")
    _check("organisme", organisme, tuple(ORGANISMES))
    _check("site", site, tuple(load_sites()))
    _check("role", role, ROLES)
    if len(password) < 8 or "\x00" in password:
        raise ValueError("password: expected at least 8 characters")
    agent = Agent(login=login, organisme=organisme, site=site, role=role,
                  password_hash=hash_password(password), created_at=datetime.now(UTC),
                  disabled=False)
    try:
        with Session(engine) as session, session.begin():
            session.add(agent)
    except IntegrityError as exc:
        raise ValueError(f"login: {login!r} is already taken; expected a new login") from exc


def stats(engine: Engine) -> dict[str, Any]:
    """How many dossiers and agents the store holds."""
    with Session(engine) as session:
        return {"dossiers": session.scalar(select(func.count()).select_from(Dossier)) or 0,
                "agents": session.scalar(select(func.count()).select_from(Agent)) or 0}


def export_dossiers(engine: Engine) -> Iterator[dict[str, Any]]:
    """Every dossier held by the store, in the export shape, ordered by number."""
    with Session(engine) as session:
        yield from service.iter_payloads(session)
