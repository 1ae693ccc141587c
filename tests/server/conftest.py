"""Fixtures of the central store suite: one fresh database per test, on SQLite and on the
PostgreSQL server at 127.0.0.1 (marked ``postgres``), a controllable clock, agents, records."""

from __future__ import annotations

import copy
import uuid
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import create_engine, text

with warnings.catch_warnings():
    # Starlette 1.10 deprecates its TestClient on httpx in favour of httpx2, which is not a
    # dependency of the project: the only warning this suite silences, at this one import.
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

from argon2 import PasswordHasher

from app.server import security
from app.server.admin import create_agent
from app.server.app import create_app
from tests.forms.test_identity import NIR

PG_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
PASSWORD = "correct horse battery"
START = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def fast_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cheap argon2id parameters: the suite hashes hundreds of passwords (the verification
    reads the parameters from each hash, so the code path is the production one)."""
    monkeypatch.setattr(security, "_HASHER",
                        PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@contextmanager
def new_database(kind: str, directory: Path) -> Iterator[str]:
    """The URL of an empty database (``sqlite`` in ``directory`` or ``postgres``), dropped
    afterwards."""
    if kind == "sqlite":
        yield f"sqlite:///{directory / 'store.db'}"
        return
    name = f"accueil_ti_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL to an empty database of each engine, dropped after the test."""
    with new_database(request.param, tmp_path) as url:
        yield url


class Clock:
    """A clock the tests move by hand."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass
class Server:
    """An app on a fresh database, its test client and clock."""

    app: FastAPI
    client: TestClient
    clock: Clock

    def login(self, login: str, password: str = PASSWORD) -> dict[str, str]:
        response = self.client.post("/auth/login", json={"login": login, "password": password})
        assert response.status_code == 200, response.text
        return {"Authorization": f"Bearer {response.json()['token']}"}

    def push(self, headers: dict[str, str], *records: dict[str, Any],
             base: int | None = None) -> list[dict[str, Any]]:
        response = self.client.post("/sync/push", headers=headers, json={
            "dossiers": [{"base_revision": base, "dossier": r} for r in records]})
        assert response.status_code == 200, response.text
        return list(response.json()["results"])


AGENTS = [
    ("bre", "urssaf", "BRE", "accueil"),
    ("qui", "urssaf", "QUI", "accueil"),
    ("admin", "urssaf", "REN", "admin"),
    ("p_urssaf", "urssaf", "REN", "partenaire"),
    ("p_assurance_maladie", "assurance_maladie", "REN", "partenaire"),
    ("p_service_social", "service_social", "REN", "partenaire"),
    ("p_caf", "caf", "REN", "partenaire"),
    ("p_assurance_retraite", "assurance_retraite", "REN", "partenaire"),
]


def make_server(database_url: str, agents: list[tuple[str, str, str, str]]) -> Server:
    clock = Clock()
    app = create_app(database_url, clock=clock)
    for login, organisme, site, role in agents:
        create_agent(app.state.engine, login=login, organisme=organisme, site=site, role=role,
                     password=PASSWORD)
    return Server(app, TestClient(app), clock)


@pytest.fixture
def server(database_url: str) -> Iterator[Server]:
    """A store with an accueil agent of BRE (``bre``), of QUI, an admin and two partners."""
    made = make_server(database_url, [a for a in AGENTS
                                      if a[0] in ("bre", "qui", "admin", "p_urssaf", "p_caf")])
    with made.client:
        yield made
    made.app.state.engine.dispose()


BASE_RECORD: dict[str, Any] = {
    "id": "0b6f1c9e-3c1d-4c3a-9a57-5f0e2d3c4b1a",
    "number": "TI-BRE-01-2026-000001",
    "revision": 1,
    "questionnaire": "help-v1",
    "site": "BRE",
    "workstation": "01",
    "channel": "accueil",
    "status": "oriente",
    "urgent": False,
    "agent": "A. Martin",
    "created_at": "2026-11-20T09:00:00+00:00",
    "updated_at": "2026-11-20T09:30:00+00:00",
    "identity": {"nom": "Le Goff", "prenom": "Yann", "nir": NIR, "siret": "73282932000074",
                 "telephone": "02 98 00 00 00", "email": "yann@example.org",
                 "adresse": "1 rue de Siam", "code_postal": "29200", "commune": "Brest",
                 "date_naissance": "1963-05-14"},
    "profile": {"statut": "artisan", "date_naissance": "1963-05-14",
                "debut_activite": "2004-09-01", "foyer": 2, "activite_principale": True,
                "departement": "29"},
    "answers": {"Q01": "dette", "Q02": "forte", "Q11": "oui"},
    "consents": [],
    "orientations": [],
    "printed": [],
}


def consent(organisme: str, given: bool = True, revoked_at: str | None = None) -> dict[str, Any]:
    return {"organisme": organisme, "given": given, "mode": "signe_accueil",
            "text_version": "consentement-v1", "text_hash": "a" * 64,
            "at": "2026-11-20T09:20:00+00:00", "agent": "A. Martin", "revoked_at": revoked_at,
            "revoked_by": None}


def orientation(organisme: str, status: str = "transmise") -> dict[str, Any]:
    return {"organisme": organisme, "status": status, "outcome": None, "note": "",
            "updated_at": "2026-11-20T09:30:00+00:00"}


def make_record(seq: int = 1, site: str = "BRE", *, oriented: tuple[str, ...] = (),
                consents: list[dict[str, Any]] | None = None, revision: int = 1,
                urgent: bool = False, **changes: Any) -> dict[str, Any]:
    """A valid export dict; ``oriented`` organismes get a given consent and an orientation."""
    record = copy.deepcopy(BASE_RECORD)
    record["id"] = str(uuid.UUID(int=int.from_bytes(site.encode(), "big") * 10**9 + seq))
    record["number"] = f"TI-{site}-01-2026-{seq:06d}"
    record["site"] = site
    record["revision"] = revision
    record["urgent"] = urgent
    record["consents"] = (consents if consents is not None
                          else [consent(o) for o in sorted(oriented)])
    record["orientations"] = [orientation(o) for o in sorted(oriented)]
    record.update(changes)
    return record
