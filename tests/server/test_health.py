"""``GET /health`` (issue 18): « ok » without a token when the store reaches its database (SQLite
and PostgreSQL), 503 naming the database when it cannot; nothing about the dossiers."""

from __future__ import annotations

from fastapi.testclient import TestClient

from app import __version__
from app.server.app import build_app
from app.server.db import make_server_engine
from tests.server.conftest import Server


def test_the_store_says_it_is_healthy_without_a_token(server: Server) -> None:
    answer = server.client.get("/health")
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok", "database": "ok", "version": __version__}


def test_a_store_that_cannot_reach_its_database_answers_503() -> None:
    # nothing listens on port 1: every connection is refused at once
    engine = make_server_engine("postgresql+psycopg://postgres@127.0.0.1:1/nowhere"
                                "?connect_timeout=2")
    try:
        with TestClient(build_app(engine)) as client:
            answer = client.get("/health")
    finally:
        engine.dispose()
    assert answer.status_code == 503
    assert answer.json() == {"status": "unavailable", "database": "unreachable",
                             "version": __version__}
