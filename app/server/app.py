"""The central store's HTTP API (FastAPI): the application, its middleware and error answers.

The routes are in app.server.routes, one router per topic, over the services of
app.server.services; their dependencies (session, agent, role) in app.server.deps, their
request and answer shapes in app.server.schemas. Every route but ``/auth/login`` (and
``/auth/change-password``) needs a bearer token; roles: ``accueil`` (push, pull, its site's
dossiers), ``partenaire`` (its organisme's consented orientations), ``admin`` (audit).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi import FastAPI
from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker

from app.server.db import open_engine
from app.server.deps import Clock, StoreContext
from app.server.errors import add_exception_handlers
from app.server.middleware import DEFAULT_MAX_BODY, BodySizeLimit
from app.server.routes import (
    admin,
    auth,
    calls,
    figures,
    health,
    partner,
    stats,
    sync,
    workstations,
)
from app.server.services.accounts import TOKEN_IDLE, TOKEN_LIFETIME

# In the order /openapi.json lists them.
ROUTERS = (auth.router, sync.router, partner.router, figures.router, admin.router,
           workstations.router, calls.router, stats.router, health.router)

__all__ = ["DEFAULT_MAX_BODY", "TOKEN_IDLE", "TOKEN_LIFETIME", "BodySizeLimit", "Clock",
           "build_app", "create_app"]


def _utc_now() -> datetime:
    return datetime.now(UTC)


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
    app = FastAPI(title="Accueil TI — central store", version="1")
    app.state.engine = engine
    app.state.context = StoreContext(
        sessions=sessionmaker(engine, expire_on_commit=False), clock=clock or _utc_now,
        token_lifetime=token_lifetime, token_idle=token_idle)
    app.add_middleware(BodySizeLimit, limit=max_body)
    add_exception_handlers(app)
    for router in ROUTERS:
        app.include_router(router)
    return app
