"""Fixtures of the sync client suite: a real central store app (TestClient), local stores of
site BRE, realistic dossiers made through DossierService, HTTP transports that fail on purpose."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from keyring.backend import KeyringBackend

from app.dossier_service import DossierService
from app.models.database import Store, open_store
from app.sync.client import SyncClient
from tests.forms.test_identity import NIR
from tests.forms.test_scenarios import SCENARIOS
from tests.server.conftest import (  # noqa: F401 (fast_password_hashing: autouse fixture)
    AGENTS,
    BACKENDS,
    Clock,
    Server,
    fast_password_hashing,
    make_server,
    new_database,
)

BAKER = SCENARIOS[0]["situation"]
IDENTITY = {"nom": "Le Goff", "prenom": "Yann", "date_naissance": "1963-05-14", "nir": NIR,
            "siret": "732 829 320 00074", "telephone": "02 98 00 00 00"}
SYNC_AGENTS = [a for a in AGENTS if a[0] in ("bre", "p_urssaf")]


def start_server(url: str) -> Server:
    """A store on ``url`` with ``bre`` (accueil, BRE) and ``p_urssaf``; its clock is now."""
    server = make_server(url, SYNC_AGENTS)
    server.clock.now = datetime.now(UTC)
    return server


@pytest.fixture
def central(tmp_path: Path) -> Iterator[Server]:
    """The central store on SQLite."""
    with new_database("sqlite", tmp_path) as url:
        server = start_server(url)
        with server.client:
            yield server
        server.app.state.engine.dispose()


@pytest.fixture(params=BACKENDS)
def any_central(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Server]:
    """The central store on SQLite and on PostgreSQL."""
    with new_database(request.param, tmp_path) as url:
        server = start_server(url)
        with server.client:
            yield server
        server.app.state.engine.dispose()


def bearer(server: Server, login: str = "bre") -> str:
    """A fresh token of ``login``."""
    return server.login(login)["Authorization"].removeprefix("Bearer ")


class Sleeps(list[float]):
    """An injectable ``sleep`` that records instead of waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


MakeClient = Callable[..., SyncClient]


@pytest.fixture
def make_client(central: Server, sleeps: Sleeps) -> MakeClient:
    """``make_client(store, http=None, **options)``: a SyncClient of agent ``bre``."""
    token = bearer(central)

    def make(store: Store, http: httpx.Client | None = None, **options: Any) -> SyncClient:
        options.setdefault("sleep", sleeps)
        return SyncClient(store, http or central.client, token=token, **options)

    return make


@pytest.fixture
def second_store(keyring_backend: KeyringBackend, tmp_path: Path) -> Iterator[Store]:
    """Another workstation of the same site (BRE-03)."""
    with open_store(tmp_path / "ws3", site_code="BRE", workstation_code="03") as opened:
        yield opened


def new_dossier(store: Store, *, answers: tuple[str, ...] = ("Q01", "Q02", "Q11"),
                consents: dict[str, bool] | None = None, nom: str = "Le Goff") -> str:
    """A dossier made as at the counter: identity, some answers, optionally consents."""
    service = DossierService(store, agent="A. Le Gall")
    dossier_id = service.create(identity={**IDENTITY, "nom": nom}, profile=BAKER["profile"],
                                channel="accueil")
    for question in answers:
        service.answer(dossier_id, question, BAKER["answers"][question])
    if consents:
        service.record_consents(dossier_id, consents, mode="signe_accueil")
    return dossier_id


class Flaky(httpx.BaseTransport):
    """Forwards to ``inner`` after failing the first ``failures`` requests: each failure is a
    connection error, or the given status (e.g. 503) when it is an int."""

    def __init__(self, inner: httpx.BaseTransport, failures: list[int | None]) -> None:
        self.inner = inner
        self.failures = list(failures)
        self.requests = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        if self.failures:
            failure = self.failures.pop(0)
            if failure is None:
                raise httpx.ConnectError("connection refused", request=request)
            return httpx.Response(failure, request=request)
        return self.inner.handle_request(request)


class CutAfterPush(httpx.BaseTransport):
    """Forwards every request; the first push's answer is lost (the store did the work)."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.armed = True

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        if self.armed and request.url.path == "/sync/push":
            self.armed = False
            response.read()
            raise httpx.ReadError("connection reset while reading the answer", request=request)
        return response


def wrapped(server: Server, transport: Callable[[httpx.BaseTransport], httpx.BaseTransport]
            ) -> httpx.Client:
    """An httpx client on the test app through ``transport(app transport)``."""
    inner: httpx.BaseTransport = server.client._transport
    return httpx.Client(transport=transport(inner), base_url="http://testserver")


__all__ = ["BAKER", "Clock", "CutAfterPush", "Flaky", "MakeClient", "Sleeps", "bearer",
           "new_dossier", "start_server", "wrapped"]
