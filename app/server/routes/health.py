"""``GET /health``: whether this store process answers and reaches its database, for a load
balancer, a reverse proxy or systemd's watchdog (issue 18). No token: it says nothing about the
dossiers, only « ok » or what is wrong, and the version.

No ``from __future__ import annotations``: FastAPI reads the routes' annotations.
"""

import logging
from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app import __version__
from app.server.deps import ContextDep
from app.server.schemas import Health

log = logging.getLogger(__name__)

router = APIRouter()


@router.get("/health", response_model=Health, tags=["health"],
            responses={503: {"model": Health, "description": "the database cannot be reached"}})
def health(context: ContextDep) -> Any:
    """« ok » when this process answers and its database runs a query; 503 otherwise."""
    try:
        with context.sessions() as session:
            session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        log.warning("health: the database cannot be reached", exc_info=True)
        return JSONResponse(status_code=503, content={
            "status": "unavailable", "database": "unreachable", "version": __version__})
    return {"status": "ok", "database": "ok", "version": __version__}
