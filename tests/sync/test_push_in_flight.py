"""A push sends the next batch before the store answered the one before (``in_flight``): the
store checks the next batch while it writes this one. Batches in flight never share a dossier;
when one fails, what the others' answers say is still recorded."""

from __future__ import annotations

import json
import threading

import httpx
import pytest

from app.models.database import Store
from app.sync.client import SyncClient
from tests.server.conftest import Server
from tests.sync.conftest import MakeClient, new_dossier, wrapped
from tests.sync.test_client import server_records, unsent

NAMES = ("Le Goff", "Kerjean", "Fournier", "Lambert", "Riou")


def _pushed_ids(request: httpx.Request) -> list[str]:
    return [item["dossier"]["id"] for item in json.loads(request.content)["dossiers"]]


class HoldFirstPush(httpx.BaseTransport):
    """Forwards every request, but holds the first push until a second push arrived (or
    ``patience`` seconds passed): the second can only arrive if it was sent before the first
    was answered. Keeps the dossier ids of every push, in the order they came."""

    def __init__(self, inner: httpx.BaseTransport, patience: float) -> None:
        self.inner = inner
        self.patience = patience
        self.second = threading.Event()
        self.pushes: list[list[str]] = []
        self.lock = threading.Lock()
        self.overlapped = False

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/sync/push":
            with self.lock:
                self.pushes.append(_pushed_ids(request))
                first = len(self.pushes) == 1
            if first:
                self.overlapped = self.second.wait(self.patience)
            else:
                self.second.set()
        return self.inner.handle_request(request)


def _dossiers(store: Store, count: int) -> list[str]:
    return [new_dossier(store, nom=NAMES[n]) for n in range(count)]


def test_the_next_batch_is_sent_before_the_first_is_answered_and_none_is_sent_twice(
        store: Store, central: Server, make_client: MakeClient) -> None:
    ids = _dossiers(store, 5)
    hold = HoldFirstPush(central.client._transport, patience=20)
    client = make_client(store, wrapped(central, lambda inner: hold), batch=2)
    summary = client.run_round()
    assert summary.errors == [] and summary.pushed == 5, summary.line()
    assert hold.overlapped  # the second push reached the store while the first waited
    # three batches, disjoint: none of the first batch's dossiers was sent again with it
    assert [len(batch) for batch in hold.pushes] == [2, 2, 1]
    assert sorted(i for batch in hold.pushes for i in batch) == sorted(ids)
    assert all(client.state_of(i) == "synced" for i in ids) and unsent(store) == 0
    # the second batch was stored first (the first was held), each once
    assert sorted(r["id"] for r in server_records(central)) == sorted(ids)


def test_one_batch_in_flight_waits_for_each_answer(
        store: Store, central: Server, make_client: MakeClient) -> None:
    _dossiers(store, 3)
    hold = HoldFirstPush(central.client._transport, patience=0.5)
    client = make_client(store, wrapped(central, lambda inner: hold), batch=2, in_flight=1)
    summary = client.run_round()
    assert summary.errors == [] and summary.pushed == 3, summary.line()
    assert not hold.overlapped and [len(batch) for batch in hold.pushes] == [2, 1]


class FailBatch(httpx.BaseTransport):
    """Answers 503 to every push of the batch that holds ``dossier_id``; forwards the rest."""

    def __init__(self, inner: httpx.BaseTransport, dossier_id: str) -> None:
        self.inner = inner
        self.dossier_id = dossier_id
        self.failed = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/sync/push" and self.dossier_id in _pushed_ids(request):
            self.failed += 1
            return httpx.Response(503, request=request)
        return self.inner.handle_request(request)


def test_when_a_batch_fails_the_batch_sent_after_it_is_still_recorded(
        store: Store, central: Server, make_client: MakeClient) -> None:
    first, second, third, fourth = _dossiers(store, 4)
    fail = FailBatch(central.client._transport, first)
    client = make_client(store, wrapped(central, lambda inner: fail), batch=2, max_retries=1)
    summary = client.run_round()
    assert summary.errors and "cannot be reached after 2 attempts" in summary.errors[0]
    assert fail.failed == 2
    # the second batch was in flight when the first failed: the store took it, and it is
    # marked sent here, not pushed again
    assert summary.pushed == 2
    assert {client.state_of(i) for i in (third, fourth)} == {"synced"}
    assert {client.state_of(i) for i in (first, second)} == {"local"}
    assert sorted(r["id"] for r in server_records(central)) == sorted([third, fourth])

    again = make_client(store).run_round()
    assert (again.pushed, again.duplicates) == (2, 0) and again.in_sync, again.line()


def test_in_flight_must_be_at_least_one(store: Store, central: Server) -> None:
    with pytest.raises(ValueError, match="in_flight: 0 is not allowed; expected 1 or more"):
        SyncClient(store, central.client, token="t", in_flight=0)
