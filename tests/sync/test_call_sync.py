"""Two workstations of one site working the same call list through the central store (issue
16), on SQLite and PostgreSQL: one imports, both sync and see one entry per worker; an entry
one holds cannot be taken by the other; one goes offline, its claim expires, the other takes
the entry; the first records its call offline and syncs: the call lands, the claim stays with
the second."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import httpx
import pytest

from app.call_service import CallListOffline, CallService, ClaimRefused
from app.models.database import Store
from app.sync.calls import CallSync
from app.sync.client import SyncClient
from tests.forms.test_identity import NIR
from tests.server.conftest import Server
from tests.sync.conftest import Sleeps, bearer, wrapped

SIRET = "73282932000074"
SIRET_B = "35600000000048"
SIRET_C = "44306184100047"
NIR_C = "255081416802538"
HEADER = "source;reference;type;date;siret;nir;nom;prenom;telephone;montant"
FILE = ("\n".join([
    HEADER,
    f"urssaf;U-1;dette;2026-10-01;{SIRET};{NIR};Le Goff;Yann;02 98 00 00 00;1 200,00",
    f"caf;C-1;baisse_activite;2026-09-01;;{NIR};Le Goff;Yann;;",
    f"urssaf;U-2;procedure_collective;2026-11-01;{SIRET_B};;Morvan;Anne;;",
    f"urssaf;U-3;incident_paiement;2026-11-02;{SIRET_C};;Riou;Paul;;5000",
    f"urssaf;U-4;autre;2026-11-03;{SIRET_C};{NIR_C};Riou;Paul;06 11 22 33 44;",
]) + "\n").encode("utf-8")
WORKERS = 3


class Switch(httpx.BaseTransport):
    """The network of a workstation: forwards, or fails every request while ``offline``."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.offline = False

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self.offline:
            raise httpx.ConnectError("network unreachable", request=request)
        return self.inner.handle_request(request)


class Workstation:
    def __init__(self, store: Store, server: Server, token: str, sleeps: Sleeps) -> None:
        self.http = wrapped(server, Switch)
        self.client = SyncClient(store, self.http, token=token, clock=server.clock,
                                 sleep=sleeps)
        self.calls = CallSync(self.client)
        self.service = CallService(store, f"agent.{store.workstation_code}", self.calls,
                                   clock=server.clock)

    @property
    def network(self) -> Switch:
        transport = self.http._transport
        assert isinstance(transport, Switch)
        return transport

    def sync(self) -> None:
        summary = self.client.run_round()
        assert summary.errors == [], summary.errors


@pytest.fixture
def pair(any_central: Server, store: Store, second_store: Store,
         sleeps: Sleeps) -> Iterator[tuple[Workstation, Workstation]]:
    token = bearer(any_central)
    a, b = (Workstation(s, any_central, token, sleeps) for s in (store, second_store))
    yield a, b
    a.http.close()
    b.http.close()


def test_two_workstations_never_call_the_same_worker(
        any_central: Server, pair: tuple[Workstation, Workstation]) -> None:
    a, b = pair
    clock = any_central.clock
    # A imports the file; B, before its first sync, imports it too and one more signal
    report = a.service.import_file(FILE)
    assert (report.imported, report.entries) == (5, WORKERS)
    b.service.import_file(FILE)
    b.service.import_file((HEADER + f"\ntelephone;T-1;autre;2026-11-20;;{NIR_C};;;;\n")
                          .encode())
    a.sync()
    b.sync()
    a.sync()
    on_a = {e.id: e for e in a.service.entries()}
    on_b = {e.id: e for e in b.service.entries()}
    assert len(on_a) == len(on_b) == WORKERS  # one entry per worker, the same ids
    assert on_a.keys() == on_b.keys()
    assert not any(e.provisional for e in [*on_a.values(), *on_b.values()])
    riou = next(e for e in on_b.values() if e.siret == SIRET_C)
    assert sorted(s.reference for s in riou.signals) == ["T-1", "U-3", "U-4"]
    assert sorted(s.reference for s in on_a[riou.id].signals) == ["T-1", "U-3", "U-4"]
    with a.client.store.session() as session:
        from app.models import calls as store_calls

        assert store_calls.count_unsent(session) == 0

    # A takes the first entry; B cannot take it, and takes the next
    taken = a.service.take_next()
    assert taken is not None and taken.mine and taken.name == "Morvan Anne"
    with pytest.raises(ClaimRefused) as refused:
        b.service.take(taken.id)
    assert refused.value.claimed_by == "BRE-02"
    other = b.service.take_next()
    assert other is not None and other.id != taken.id and other.mine

    # A goes offline; its claim expires; B takes the entry
    a.network.offline = True
    start = clock.now
    with pytest.raises(CallListOffline):
        a.service.take(other.id)  # A holds no claim on it
    clock.advance(minutes=21)
    b.service.release(other.id)
    again = b.service.take(taken.id)
    assert again.mine and again.claimed_by == "BRE-03"

    # A recorded its call while it still held the entry (its own clock), offline; then syncs
    recorded = a.service.record(taken.id, "injoignable", start + timedelta(minutes=10),
                                note="messagerie")
    assert recorded.unanswered == 1 and not recorded.attempts[0].sent
    a.network.offline = False
    a.sync()
    b.sync()
    on_b_now = b.service.entry(taken.id)
    assert [(x.workstation, x.outcome) for x in on_b_now.attempts] == [("BRE-02", "injoignable")]
    assert on_b_now.unanswered == 1  # the call landed
    assert on_b_now.claimed_by == "BRE-03" and on_b_now.mine  # B's claim stays
    on_a_now = a.service.entry(taken.id)
    assert on_a_now.claimed_by == "BRE-03" and not on_a_now.mine
    assert on_a_now.attempts[0].sent
    with pytest.raises(ClaimRefused):
        a.service.take(taken.id)
    # B finishes: reached; A sees it done after a sync
    b.service.record(taken.id, "joint")
    a.sync()
    assert a.service.entry(taken.id).status == "joint"
    figures = a.calls.figures()
    assert figures["entries"] == WORKERS and figures["reached"] == 1


class NoCallList(httpx.BaseTransport):
    """A store of before issue 16: no /calls routes."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.paths: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.paths.append(request.url.path)
        if request.url.path.startswith("/calls/"):
            return httpx.Response(404, json={"detail": "Not Found"}, request=request)
        return self.inner.handle_request(request)


def test_a_store_without_a_call_list(central: Server, store: Store, sleeps: Sleeps) -> None:
    http = wrapped(central, NoCallList)
    client = SyncClient(store, http, token=bearer(central), clock=central.clock, sleep=sleeps)
    assert client.run_round().errors == []  # nothing to mirror, nothing to send: no error
    CallService(store, "a", CallSync(client)).import_file(FILE)
    summary = client.run_round()
    assert summary.errors == ["call list: POST /calls/push: the store answered 404 Not Found"]


def test_claims_of_entries_the_store_does_not_know(any_central: Server,
                                                    pair: tuple[Workstation, Workstation]
                                                    ) -> None:
    a, _ = pair
    from app.models import calls as store_calls

    with pytest.raises(store_calls.UnknownEntryError):
        a.calls.claim("0b6f1c9e-3c1d-4c3a-9a57-5f0e2d3c4b1a")  # not even here
    ghost = {"id": "0b6f1c9e-3c1d-4c3a-9a57-5f0e2d3c4b1a", "site": "BRE", "siret": SIRET,
             "nir": None, "dossier_id": None, "status": "a_appeler", "score": 1,
             "amount_cents": 0, "oldest": "2026-01-01", "unanswered": 0,
             "next_attempt_at": None, "callback_at": None, "claimed_by": None,
             "claimed_agent": None, "claim_expires_at": None,
             "updated_at": "2026-01-01T00:00:00+00:00", "signals": [], "attempts": []}
    with a.client.store.transaction() as session:
        assert store_calls.apply_pulled_page(session, [ghost, {"id": 3}], site="BRE", seq=1,
                                             now=any_central.clock()) == [
            "id: expected the entry's id"]
    with pytest.raises(store_calls.UnknownEntryError):
        a.service.take(ghost["id"])  # known here (pulled), unknown on the store: 404
