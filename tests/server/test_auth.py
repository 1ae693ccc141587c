"""Login, rate limiting, token expiry and revocation; secrets stored only as hashes."""

from __future__ import annotations

import hashlib

from sqlalchemy import select

from app.server.models import Agent, LoginAttempt, Token
from tests.server.conftest import PASSWORD, Server


def test_login_returns_a_token_and_the_agent(server: Server) -> None:
    response = server.client.post("/auth/login", json={"login": "bre", "password": PASSWORD})
    assert response.status_code == 200
    body = response.json()
    assert body["agent"] == {"login": "bre", "organisme": "urssaf", "site": "BRE",
                             "role": "accueil"}
    assert body["expires_at"].startswith("2026-11-20T21:00:00")
    assert len(body["token"]) >= 40


def test_wrong_password_and_unknown_login_get_the_same_generic_401(server: Server) -> None:
    wrong = server.client.post("/auth/login", json={"login": "bre", "password": "nope-nope"})
    unknown = server.client.post("/auth/login", json={"login": "ghost", "password": "nope"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json() == {"detail": "wrong login or password"}


def test_five_failures_lock_the_login_with_retry_after(server: Server) -> None:
    for _ in range(5):
        assert server.client.post("/auth/login", json={"login": "bre",
                                                       "password": "bad"}).status_code == 401
    locked = server.client.post("/auth/login", json={"login": "bre", "password": PASSWORD})
    assert locked.status_code == 429
    assert 1 <= int(locked.headers["Retry-After"]) <= 15 * 60
    # another login from the same client is not locked yet (per-client limit is higher)
    server.login("qui")
    server.clock.advance(minutes=15, seconds=1)
    server.login("bre")


def test_many_failures_from_one_client_lock_the_client(server: Server) -> None:
    for i in range(20):
        server.client.post("/auth/login", json={"login": f"guess{i}", "password": "bad"})
    response = server.client.post("/auth/login", json={"login": "qui", "password": PASSWORD})
    assert response.status_code == 429
    assert "Retry-After" in response.headers


def test_a_token_expires_after_12_hours(server: Server) -> None:
    headers = server.login("bre")
    assert server.client.get("/sync/pull", headers=headers).status_code == 200
    for _ in range(11 * 3 + 2):  # used every 20 minutes: never idle for the 30 minutes allowed
        server.clock.advance(minutes=20)
        assert server.client.get("/sync/pull", headers=headers).status_code == 200
    server.clock.advance(minutes=19)  # 11 h 59 since sign-in
    assert server.client.get("/sync/pull", headers=headers).status_code == 200
    server.clock.advance(minutes=2)
    response = server.client.get("/sync/pull", headers=headers)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_logout_revokes_the_token_only(server: Server) -> None:
    first, second = server.login("bre"), server.login("bre")
    assert server.client.post("/auth/logout", headers=first).status_code == 200
    assert server.client.get("/sync/pull", headers=first).status_code == 401
    assert server.client.post("/auth/logout", headers=first).status_code == 401
    assert server.client.get("/sync/pull", headers=second).status_code == 200


def test_missing_malformed_and_forged_tokens_are_401(server: Server) -> None:
    token = server.login("bre")["Authorization"].split()[1]
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    for headers in ({}, {"Authorization": "Bearer"}, {"Authorization": "Basic Ym9iOng="},
                    {"Authorization": f"Bearer {forged}"}, {"Authorization": token},
                    {"Authorization": "Bearer " + "x" * 5000}):
        assert server.client.get("/sync/pull", headers=headers).status_code == 401, headers


def test_password_and_token_are_stored_only_as_hashes(server: Server) -> None:
    token = server.login("bre")["Authorization"].split()[1]
    from sqlalchemy.orm import Session

    with Session(server.app.state.engine) as session:
        agent = session.scalars(select(Agent).where(Agent.login == "bre")).one()
        assert agent.password_hash.startswith("$argon2id$")
        assert PASSWORD not in agent.password_hash
        stored = session.scalars(select(Token.token_hash)).all()
        assert hashlib.sha256(token.encode()).hexdigest() in stored
        assert token not in stored
        assert session.scalars(select(LoginAttempt)).all()


def test_bad_login_bodies_are_422_with_readable_messages(server: Server) -> None:
    response = server.client.post("/auth/login", json={"login": "bre"})
    assert response.status_code == 422
    assert "password" in response.json()["detail"]
    response = server.client.post("/auth/login", json={"login": "b\x00", "password": "x"})
    assert response.status_code == 422
    response = server.client.post("/auth/login", content=b"{not json",
                                  headers={"Content-Type": "application/json"})
    assert response.status_code == 422
