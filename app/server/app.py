"""The central store's HTTP API (FastAPI): the application, its middleware and error answers.

The routes are in app.server.routes, one router per topic, over the services of
app.server.services; their dependencies (session, agent, role) in app.server.deps, their
request and answer shapes in app.server.schemas. Every route but ``/auth/login`` (and
``/auth/change-password``) needs a bearer token; roles: ``accueil`` (push, pull, its site's
dossiers), ``partenaire`` (its organisme's consented orientations), ``admin`` (audit).
"""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta

from fastapi import FastAPI
from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker

from app.server.db import make_server_engine, open_engine
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

__all__ = ["DEFAULT_MAX_BODY", "SERVE_SETTINGS_ENV", "TOKEN_IDLE", "TOKEN_LIFETIME",
           "BodySizeLimit", "Clock", "build_app", "create_app", "worker_app", "worker_settings"]

# ``accueil-ti serve --workers N``: the settings every worker process builds its app from (JSON:
# database, token_lifetime_minutes, token_idle_minutes), set by the parent in its environment,
# which uvicorn's worker processes inherit.
SERVE_SETTINGS_ENV = "ACCUEIL_TI_SERVE_SETTINGS"


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


def worker_settings(database_url: str, token_lifetime: timedelta,
                    token_idle: timedelta) -> str:
    """The value of :data:`SERVE_SETTINGS_ENV` that :func:`worker_app` reads."""
    return json.dumps({"database": database_url,
                       "token_lifetime_minutes": token_lifetime.total_seconds() / 60,
                       "token_idle_minutes": token_idle.total_seconds() / 60})


def worker_app() -> FastAPI:
    """The app of one worker process of ``accueil-ti serve --workers N`` (uvicorn's factory):
    built from :data:`SERVE_SETTINGS_ENV` on a database the parent process has migrated already
    (so N workers never migrate at once). The engine's connections are closed when the worker
    stops. A worker that cannot build its app says why in one line and exits with uvicorn's
    startup-failure code: its supervisor then stops instead of restarting it over and over."""
    try:
        settings = json.loads(os.environ[SERVE_SETTINGS_ENV])
        engine = make_server_engine(str(settings["database"]))
        app = build_app(engine,
                        token_lifetime=timedelta(minutes=settings["token_lifetime_minutes"]),
                        token_idle=timedelta(minutes=settings["token_idle_minutes"]))
    except Exception as exc:
        import logging
        import sys

        from uvicorn import config

        logging.getLogger("uvicorn.error").error(
            "the central store's worker process cannot start (%s: %s)", type(exc).__name__,
            " ".join(str(exc).split()))
        sys.exit(getattr(config, "STARTUP_FAILURE", 3))  # 3 in every uvicorn that has it

    @asynccontextmanager
    async def close_connections(_app: object) -> AsyncIterator[None]:
        try:
            yield
        finally:
            engine.dispose()

    app.router.lifespan_context = close_connections
    return app
