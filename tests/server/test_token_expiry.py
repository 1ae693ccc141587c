"""Token lifetime and idle expiry as settings of the store (issue 13), on a controllable
clock; the last use is written at most once a minute."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from app.cli.common import UsageError
from app.cli.server import TOKEN_IDLE_ENV, TOKEN_LIFETIME_ENV, _token_settings
from app.server.admin import create_agent
from app.server.app import create_app
from app.server.models import Token
from tests.server.conftest import PASSWORD, Clock, Server, TestClient


@pytest.fixture
def short_server(database_url: str) -> Iterator[Server]:
    """A store whose tokens last 2 hours, 10 minutes unused."""
    clock = Clock()
    app = create_app(database_url, clock=clock, token_lifetime=timedelta(hours=2),
                     token_idle=timedelta(minutes=10))
    create_agent(app.state.engine, login="bre", organisme="urssaf", site="BRE",
                 role="accueil", password=PASSWORD)
    made = Server(app, TestClient(app), clock)
    with made.client:
        yield made
    app.state.engine.dispose()


def test_a_token_unused_for_longer_than_the_idle_expiry_is_refused(server: Server) -> None:
    headers = server.login("bre")
    server.clock.advance(minutes=29, seconds=59)  # default idle expiry: 30 minutes
    assert server.client.get("/sync/pull", headers=headers).status_code == 200
    server.clock.advance(minutes=30, seconds=1)
    refused = server.client.get("/sync/pull", headers=headers)
    assert refused.status_code == 401
    assert refused.headers["WWW-Authenticate"] == "Bearer"
    assert refused.json()["detail"] == ("token unused for more than 30 minutes: it has "
                                        "expired; sign in again")
    # signing in again gives a working token
    assert server.client.get("/sync/pull", headers=server.login("bre")).status_code == 200


def test_the_settings_change_lifetime_and_idle_expiry(short_server: Server) -> None:
    server = short_server
    login = server.client.post("/auth/login", json={"login": "bre", "password": PASSWORD})
    assert login.json()["expires_at"].startswith("2026-11-20T11:00:00")  # 2 hours
    headers = {"Authorization": f"Bearer {login.json()['token']}"}
    for _ in range(11):  # used every 9 minutes: alive until its lifetime ends
        server.clock.advance(minutes=9)
        assert server.client.get("/sync/pull", headers=headers).status_code == 200
    server.clock.advance(minutes=9)  # 1 h 48
    assert server.client.get("/sync/pull", headers=headers).status_code == 200
    server.clock.advance(minutes=9)  # 1 h 57
    assert server.client.get("/sync/pull", headers=headers).status_code == 200
    server.clock.advance(minutes=4)  # 2 h 01: past its lifetime
    assert server.client.get("/sync/pull", headers=headers).status_code == 401
    headers = server.login("bre")
    server.clock.advance(minutes=10, seconds=1)
    answer = server.client.get("/sync/pull", headers=headers)
    assert answer.status_code == 401 and "more than 10 minutes" in answer.json()["detail"]


def test_the_last_use_is_written_at_most_once_a_minute(server: Server) -> None:
    headers = server.login("bre")
    engine = server.app.state.engine
    updates: list[str] = []

    def on_execute(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if statement.lstrip().upper().startswith("UPDATE TOKENS"):
            updates.append(statement)

    event.listen(engine, "before_cursor_execute", on_execute)
    try:
        for _ in range(5):
            server.clock.advance(seconds=10)
            assert server.client.get("/sync/pull", headers=headers).status_code == 200
        assert updates == []  # 50 s after sign-in: no write
        server.clock.advance(seconds=10)
        assert server.client.get("/sync/pull", headers=headers).status_code == 200
        assert len(updates) == 1
        server.clock.advance(seconds=30)
        assert server.client.get("/sync/pull", headers=headers).status_code == 200
        assert len(updates) == 1
    finally:
        event.remove(engine, "before_cursor_execute", on_execute)
    with Session(engine) as session:
        token = session.scalars(select(Token)).one()
        assert token.last_used_at is not None
        assert token.last_used_at - token.created_at == timedelta(seconds=60)


def _settings(monkeypatch: pytest.MonkeyPatch, env: dict[str, str],
              **options: str | None) -> tuple[timedelta, timedelta]:
    for name in (TOKEN_LIFETIME_ENV, TOKEN_IDLE_ENV):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    args = argparse.Namespace(token_lifetime=options.get("lifetime"),
                              token_idle=options.get("idle"))
    return _token_settings(args)


def test_serve_reads_the_settings_from_options_then_environment(
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert _settings(monkeypatch, {}) == (timedelta(hours=12), timedelta(minutes=30))
    assert _settings(monkeypatch, {TOKEN_LIFETIME_ENV: "480", TOKEN_IDLE_ENV: "15"}) == (
        timedelta(hours=8), timedelta(minutes=15))
    assert _settings(monkeypatch, {TOKEN_IDLE_ENV: "15"}, idle="5") == (
        timedelta(hours=12), timedelta(minutes=5))
    for env, options, field in (({TOKEN_IDLE_ENV: "soon"}, {}, TOKEN_IDLE_ENV),
                                ({}, {"lifetime": "0"}, "--token-lifetime"),
                                ({}, {"idle": "-3"}, "--token-idle"),
                                ({}, {"lifetime": "60", "idle": "90"}, "--token-idle")):
        with pytest.raises(UsageError, match=f"^{field}: "):
            _settings(monkeypatch, env, **options)
