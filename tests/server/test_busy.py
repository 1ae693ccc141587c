"""A busy central store says so: 200 workstations pushing at the same moment to a real
``accueil-ti serve`` process, on SQLite (one writer at a time) and PostgreSQL, each get an
answer — 200, or 503 with ``Retry-After`` when the database is busy — never a 500 nor a dropped
connection; once every client has retried its 503s (app.sync.retry, honouring ``Retry-After``)
each dossier is stored exactly once. Busy errors of each kind are answered 503 (unit tests of
the handlers below).
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import psycopg
import psycopg.errors
import pytest
from fastapi import FastAPI
from sqlalchemy import create_engine, func, select
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session

from app.server.admin import create_agent, open_server_engine
from app.server.app import build_app
from app.server.db import busy_reason
from app.server.models import Dossier, DossierRevision
from app.sync.retry import Backoff
from tests.server.conftest import BACKENDS, PASSWORD, make_record, new_database
from tests.sync.faults import StoreProcess, child_env

CLIENTS = 200


@pytest.fixture(params=BACKENDS)
def central(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[StoreProcess]:
    """``accueil-ti serve`` on a fresh database with ``bre``, an accueil agent of BRE."""
    with new_database(request.param, tmp_path) as url:
        engine = open_server_engine(url)
        create_agent(engine, login="bre", organisme="urssaf", site="BRE", role="accueil",
                     password=PASSWORD)
        engine.dispose()
        process = StoreProcess(url, child_env(tmp_path / "xdg"), tmp_path / "serve.log")
        process.start()
        try:
            yield process
        finally:
            process.stop()


class RecordingTransport(httpx.BaseTransport):
    """Every answer's status and ``Retry-After``, and every transport failure ("dropped")."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.events: list[tuple[int | str, str | None]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        try:
            response = self.inner.handle_request(request)
        except httpx.TransportError as exc:
            self.events.append(("dropped", type(exc).__name__))
            raise
        self.events.append((response.status_code, response.headers.get("Retry-After")))
        return response

    def close(self) -> None:
        self.inner.close()


def test_200_concurrent_pushes_all_get_an_answer_and_all_land(central: StoreProcess) -> None:
    started = time.monotonic()
    token = httpx.post(f"{central.url}/auth/login", json={"login": "bre", "password": PASSWORD},
                       timeout=30).json()["token"]
    barrier = threading.Barrier(CLIENTS)
    transports = [RecordingTransport() for _ in range(CLIENTS)]
    sleeps: list[list[float]] = [[] for _ in range(CLIENTS)]
    finals: list[Any] = [None] * CLIENTS

    def workstation(n: int) -> None:
        backoff = Backoff(retries=30, base=0.2, ceiling=5.0, sleep=_sleeper(sleeps[n]))
        with httpx.Client(base_url=central.url, transport=transports[n], timeout=30,
                          headers={"Authorization": f"Bearer {token}"}) as http:
            barrier.wait()
            try:
                response = backoff.send(http, "POST", "/sync/push", json={
                    "dossiers": [{"base_revision": None, "dossier": make_record(n + 1)}]})
                finals[n] = (response.status_code, response.json())
            except Exception as exc:  # noqa: BLE001 - reported by the assertions below
                finals[n] = ("failed", repr(exc))

    threads = [threading.Thread(target=workstation, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    elapsed = time.monotonic() - started

    first = Counter(t.events[0][0] if t.events else "none" for t in transports)
    every = Counter(status for t in transports for status, _ in t.events)
    dropped = Counter(kind for t in transports for status, kind in t.events
                      if status == "dropped")
    print(f"\n{central.database_url.split(':')[0]}: first answers {dict(first)}, all answers "
          f"{dict(every)}, dropped {dict(dropped)}, {elapsed:.1f} s")
    assert not any(thread.is_alive() for thread in threads)
    assert "dropped" not in every and 500 not in every, (every, central.log_tail())
    assert set(every) <= {200, 503}, every
    for t in transports:
        for status, retry_after in t.events:
            if status == 503:
                assert retry_after is not None and retry_after.isdigit(), retry_after
    for n, t in enumerate(transports):  # each 503 was followed by a wait of its Retry-After
        retry_afters = [float(ra or 0) for status, ra in t.events if status == 503]
        assert sleeps[n] == [min(5.0, ra) for ra in retry_afters]
    statuses = Counter(f[0] if f[0] != 200 else f[1]["results"][0]["status"] for f in finals)
    assert statuses == {"accepted": CLIENTS}, (statuses, [f for f in finals if f[0] != 200])

    engine = create_engine(central.database_url)
    try:
        with Session(engine) as session:
            numbers = session.scalars(select(Dossier.number)).all()
            revisions = session.scalar(select(func.count()).select_from(DossierRevision))
    finally:
        engine.dispose()
    assert sorted(numbers) == sorted(make_record(n + 1)["number"] for n in range(CLIENTS))
    assert revisions == CLIENTS
    assert elapsed < 60


HELD_CLIENTS = 20
HOLD_SECONDS = 7.0  # longer than the store waits for a lock (app.server.db: 5 s)


def test_a_store_held_busy_answers_503_with_retry_after_then_the_retries_land(
        central: StoreProcess) -> None:
    """Another writer holds the lock every push needs (SQLite's writer lock; on PostgreSQL the
    change counter's row) longer than the store waits: the pushes are answered 503 with
    Retry-After, and land once the lock is released."""
    token = httpx.post(f"{central.url}/auth/login", json={"login": "bre", "password": PASSWORD},
                       timeout=30).json()["token"]
    url = central.database_url
    holder: Any
    if url.startswith("sqlite"):
        holder = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
    else:
        holder = psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"))
        holder.execute("SELECT value FROM sync_counter FOR UPDATE")
    transports = [RecordingTransport() for _ in range(HELD_CLIENTS)]
    finals: list[Any] = [None] * HELD_CLIENTS

    def workstation(n: int) -> None:
        backoff = Backoff(retries=30, base=0.2, ceiling=5.0)
        with httpx.Client(base_url=central.url, transport=transports[n], timeout=30,
                          headers={"Authorization": f"Bearer {token}"}) as http:
            try:
                response = backoff.send(http, "POST", "/sync/push", json={
                    "dossiers": [{"base_revision": None, "dossier": make_record(1000 + n)}]})
                finals[n] = (response.status_code, response.json())
            except Exception as exc:  # noqa: BLE001 - reported by the assertions below
                finals[n] = ("failed", repr(exc))

    threads = [threading.Thread(target=workstation, args=(n,)) for n in range(HELD_CLIENTS)]
    started = time.monotonic()
    try:
        for thread in threads:
            thread.start()
        time.sleep(HOLD_SECONDS)
    finally:
        holder.rollback()  # both drivers' connections: the lock is released
        holder.close()
    for thread in threads:
        thread.join(timeout=60)
    events = [event for t in transports for event in t.events]
    every = Counter(status for status, _ in events)
    print(f"\n{url.split(':')[0]} held {HOLD_SECONDS} s: all answers {dict(every)}, "
          f"{time.monotonic() - started:.1f} s")
    # most clients were told to wait (a few waited for a connection until the lock went)
    assert every[503] >= HELD_CLIENTS // 2, every
    assert set(every) == {200, 503}, every
    assert all(ra == "1" for status, ra in events if status == 503)
    assert [f[0] for f in finals] == [200] * HELD_CLIENTS, finals
    assert {f[1]["results"][0]["status"] for f in finals} == {"accepted"}


def _sleeper(into: list[float]) -> Any:
    def sleep(seconds: float) -> None:
        into.append(seconds)
        time.sleep(seconds)
    return sleep


# --------------------------------------------------------------------------- the handlers


def _app_raising(exc: BaseException) -> FastAPI:
    engine = create_engine("sqlite://")
    app = build_app(engine)

    @app.get("/boom")
    def boom() -> None:
        raise exc

    return app


def _wrapped(orig: Exception) -> DBAPIError:
    return OperationalError("SELECT 1", None, orig)


BUSY = [
    _wrapped(sqlite3.OperationalError("database is locked")),
    _wrapped(sqlite3.OperationalError("database is busy")),
    _wrapped(sqlite3.OperationalError("database table is locked: dossiers")),
    _wrapped(psycopg.errors.LockNotAvailable("canceling statement due to lock timeout")),
    _wrapped(psycopg.errors.QueryCanceled("canceling statement due to statement timeout")),
    _wrapped(psycopg.errors.DeadlockDetected("deadlock detected")),
    _wrapped(psycopg.errors.SerializationFailure("could not serialize access")),
    _wrapped(psycopg.errors.TooManyConnections("sorry, too many clients already")),
    _wrapped(psycopg.OperationalError("connection failed: Connection refused")),
    PoolTimeout("QueuePool limit of size 5 overflow 10 reached, connection timed out"),
]


@pytest.mark.parametrize("exc", BUSY, ids=lambda e: type(getattr(e, "orig", e)).__name__)
def test_a_busy_database_is_a_503_with_retry_after(exc: Exception) -> None:
    from fastapi.testclient import TestClient

    assert busy_reason(exc) is not None
    with TestClient(_app_raising(exc), raise_server_exceptions=False) as client:
        response = client.get("/boom")
    assert response.status_code == 503
    assert response.headers["Retry-After"].isdigit()
    assert "busy" in response.json()["detail"]


def test_other_database_errors_are_not_called_busy() -> None:
    assert busy_reason(_wrapped(sqlite3.OperationalError("no such table: dossiers"))) is None
    assert busy_reason(_wrapped(psycopg.errors.UndefinedTable("no such table"))) is None
    assert busy_reason(ValueError("x")) is None


def test_a_database_error_that_is_not_busy_stays_a_failure() -> None:
    from fastapi.testclient import TestClient

    exc = _wrapped(sqlite3.OperationalError("no such table: dossiers"))
    with TestClient(_app_raising(exc), raise_server_exceptions=False) as client:
        response = client.get("/boom")
    assert response.status_code == 500 and "Retry-After" not in response.headers
