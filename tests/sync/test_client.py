"""The sync client against the real central store app: exactly once, conflicts kept and
resolved by a person, quarantine, pull of partner follow-up, retries with backoff."""

from __future__ import annotations

import json

import httpx
import pytest
from sqlalchemy import func, select, update

from app.dossier_service import DossierService
from app.models.database import Store
from app.models.entities import Outbox, SyncConflict
from app.models.repository import iter_export
from app.server.admin import export_dossiers
from app.sync.client import SyncClient
from app.sync.ledger import differences
from tests.server.conftest import Server
from tests.sync.conftest import (
    BAKER,
    CutAfterPush,
    Flaky,
    MakeClient,
    Sleeps,
    bearer,
    new_dossier,
    wrapped,
)

SAME = ("id", "profile", "answers", "consents")


def server_records(server: Server) -> list[dict[str, object]]:
    return list(export_dossiers(server.app.state.engine))


def local_records(store: Store) -> list[dict[str, object]]:
    with store.session() as session:
        return list(iter_export(session))


def unsent(store: Store) -> int:
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(Outbox)
                                  .where(Outbox.sent_at.is_(None))) or 0)


def outbox_rows(store: Store) -> int:
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(Outbox)) or 0)


def test_new_dossier_reaches_the_store_once(store: Store, central: Server,
                                            make_client: MakeClient) -> None:
    dossier_id = new_dossier(store, consents={"urssaf": True, "caf": False})
    client = make_client(store)
    assert client.state_of(dossier_id) == "local"
    summary = client.run_round()
    assert (summary.pushed, summary.duplicates, summary.conflicts, summary.quarantined) \
        == (1, 0, 0, 0), summary.line()
    assert summary.in_sync and summary.errors == []
    assert client.state_of(dossier_id) == "synced" and unsent(store) == 0

    again = client.run_round()
    assert (again.pushed, again.duplicates, again.applied) == (0, 0, 0) and again.in_sync
    stored = server_records(central)
    assert len(stored) == 1
    assert [{k: r[k] for k in SAME} for r in stored] \
        == [{k: r[k] for k in SAME} for r in local_records(store)]


def test_a_later_local_change_is_pushed_on_the_stored_revision(
        store: Store, central: Server, make_client: MakeClient) -> None:
    dossier_id = new_dossier(store)
    client = make_client(store)
    client.run_round()
    DossierService(store, agent="A. Le Gall").answer(dossier_id, "Q03", BAKER["answers"]["Q03"])
    assert client.state_of(dossier_id) == "local"
    summary = client.run_round()
    assert summary.pushed == 1 and summary.conflicts == 0 and summary.in_sync
    assert server_records(central)[0]["answers"] == local_records(store)[0]["answers"]


def test_answer_lost_after_the_store_accepted_is_harmless(store: Store,
                                                           any_central: Server) -> None:
    dossier_id = new_dossier(store)
    token = bearer(any_central)
    cut = wrapped(any_central, CutAfterPush)
    first = SyncClient(store, cut, token=token, max_retries=0, sleep=Sleeps())
    summary = first.run_round()
    assert summary.errors and "ReadError" in summary.errors[0]
    assert unsent(store) > 0 and first.state_of(dossier_id) == "local"  # nothing marked sent
    assert len(server_records(any_central)) == 1  # but the store has it

    second = SyncClient(store, cut, token=token, sleep=Sleeps()).run_round()
    assert (second.pushed, second.duplicates, second.conflicts) == (0, 1, 0)
    assert second.in_sync and unsent(store) == 0
    assert len(server_records(any_central)) == 1


def test_lost_answer_then_a_new_local_change_is_not_a_conflict(
        store: Store, central: Server, make_client: MakeClient) -> None:
    dossier_id = new_dossier(store)
    make_client(store, wrapped(central, CutAfterPush), max_retries=0).run_round()
    DossierService(store, agent="A. Le Gall").answer(dossier_id, "Q04", BAKER["answers"]["Q04"])
    summary = make_client(store).run_round()
    assert summary.conflicts == 0 and summary.pushed == 1 and summary.in_sync, summary.line()
    assert server_records(central)[0]["answers"]["Q04"] == BAKER["answers"]["Q04"]


def test_two_workstations_disjoint_changes_merge_by_themselves(
        store: Store, second_store: Store, central: Server, make_client: MakeClient) -> None:
    dossier_id = new_dossier(store)
    ws2, ws3 = make_client(store), make_client(second_store)
    assert ws2.run_round().pushed == 1
    assert ws3.run_round().applied == 1

    DossierService(store, agent="A").answer(dossier_id, "Q03", "non")
    DossierService(second_store, agent="B").answer(dossier_id, "Q04", "tendue")
    DossierService(second_store, agent="B").answer(dossier_id, "Q01", "ponctuelles")
    assert ws2.run_round().pushed == 1
    summary = ws3.run_round()
    # nobody is asked anything: each side changed other questions
    assert (summary.conflicts, summary.merged, summary.pushed) == (0, 1, 1), summary.line()
    assert summary.in_sync and ws3.state_of(dossier_id) == "synced"
    stored = server_records(central)[0]["answers"]
    assert isinstance(stored, dict)
    assert (stored["Q03"], stored["Q04"], stored["Q01"]) == ("non", "tendue", "ponctuelles")
    assert ws2.run_round().applied == 1
    assert local_records(store)[0]["answers"] == stored == local_records(second_store)[0][
        "answers"]


def test_two_workstations_conflict_is_kept_then_resolved_field_by_field(
        store: Store, second_store: Store, central: Server, make_client: MakeClient) -> None:
    dossier_id = new_dossier(store)
    ws2, ws3 = make_client(store), make_client(second_store)
    assert ws2.run_round().pushed == 1
    pulled = ws3.run_round()
    assert pulled.applied == 1 and ws3.state_of(dossier_id) == "synced"

    DossierService(store, agent="A").answer(dossier_id, "Q03", "non")
    DossierService(second_store, agent="B").answer(dossier_id, "Q03", "externe")
    DossierService(second_store, agent="B").answer(dossier_id, "Q04", "tendue")
    DossierService(second_store, agent="B").answer(dossier_id, "Q01", "ponctuelles")
    assert ws2.run_round().pushed == 1
    summary = ws3.run_round()
    assert summary.conflicts == 1 and summary.pushed == 0 and not summary.in_sync
    assert ws3.state_of(dossier_id) == "conflict"

    # nothing overwritten: the store has the first edit, the workstation keeps its own
    server_answers = server_records(central)[0]["answers"]
    local_answers = local_records(second_store)[0]["answers"]
    assert isinstance(server_answers, dict) and isinstance(local_answers, dict)
    assert server_answers["Q03"] == "non" and "Q04" not in server_answers
    assert server_answers["Q01"] == "dette"
    assert local_answers["Q04"] == "tendue" and local_answers["Q03"] == "externe"
    with second_store.session() as session:
        conflict = session.scalars(select(SyncConflict)).one()
        assert conflict.server_payload is not None and conflict.base_payload is not None
        assert json.loads(conflict.server_payload)["answers"]["Q03"] == "non"
        assert json.loads(conflict.local_payload)["answers"]["Q03"] == "externe"
        assert "Q03" not in json.loads(conflict.base_payload)["answers"]

    # a later round does not push the conflicted dossier again
    assert ws3.run_round().conflicts == 0 and len(server_records(central)) == 1

    # only the field changed differently on both sides goes to a person, with its base
    [difference] = ws3.conflict_differences(dossier_id)
    assert (difference.key, difference.base, difference.local, difference.server) == (
        "answers.Q03", None, "externe", "non")
    with pytest.raises(ValueError, match="choose local or server"):
        ws3.resolve_conflict(dossier_id, {})
    with pytest.raises(ValueError, match="no conflict to choose for answers.Q04"):
        ws3.resolve_conflict(dossier_id, {"answers.Q03": "local", "answers.Q04": "local"})
    merged = ws3.resolve_conflict(dossier_id, {"answers.Q03": "server"})
    assert merged["answers"]["Q03"] == "non" and merged["answers"]["Q04"] == "tendue"
    assert merged["answers"]["Q01"] == "ponctuelles"
    assert ws3.state_of(dossier_id) == "local"

    resolved = ws3.run_round()
    assert resolved.pushed == 1 and resolved.conflicts == 0 and resolved.in_sync, \
        [q.reason for q in ws3.quarantine()]
    stored = server_records(central)[0]
    assert stored["answers"] == merged["answers"] and stored["revision"] == merged["revision"]
    back = ws2.run_round()
    assert back.applied == 1 and back.in_sync
    assert local_records(store)[0]["answers"] == merged["answers"]


def test_differences_are_the_fields_changed_differently_on_both_sides() -> None:
    base = {"identity": {"nom": "A"}, "profile": {"foyer": 1}, "answers": {"Q01": "x"},
            "consents": [], "orientations": []}
    local = {"identity": {"nom": "B"}, "profile": {"foyer": 2}, "answers": {"Q01": "x"},
             "consents": [], "orientations": []}
    server = {"identity": {"nom": "C"}, "profile": {"foyer": 1}, "answers": {"Q02": "y"},
              "consents": [{"organisme": "caf"}], "orientations": []}
    assert [d.key for d in differences(local, server, base)] == ["identity.nom"]
    # without a base, every field that differs goes to a person
    assert [d.key for d in differences(local, server)] == [
        "answers.Q01", "answers.Q02", "identity.nom", "profile.foyer"]


def test_a_rejected_record_is_quarantined_and_the_batch_goes_on(
        store: Store, central: Server, make_client: MakeClient) -> None:
    good = new_dossier(store, nom="Bon")
    bad = new_dossier(store, nom="Mauvais")
    with store.transaction() as session:
        last = session.scalar(select(func.max(Outbox.id)).where(Outbox.dossier_id == bad))
        row = session.get(Outbox, last)
        assert row is not None
        payload = json.loads(row.payload)
        payload["answers"]["Q01"] = "inconnu"
        row.payload = json.dumps(payload)
    client = make_client(store)
    summary = client.run_round()
    assert (summary.pushed, summary.quarantined) == (1, 1) and not summary.in_sync
    assert summary.pending == 1
    assert client.state_of(good) == "synced" and client.state_of(bad) == "quarantined"
    [entry] = client.quarantine()
    assert entry.dossier_id == bad and "Q01" in entry.reason and "inconnu" in entry.reason
    assert [r["id"] for r in server_records(central)] == [good]

    again = client.run_round()  # not resent until it changes
    assert (again.pushed, again.quarantined) == (0, 0) and again.pending == 1

    DossierService(store, agent="A").answer(bad, "Q03", "non")  # a new, valid revision
    fixed = client.run_round()
    assert fixed.pushed == 1 and fixed.in_sync and client.quarantine() == []
    assert client.state_of(bad) == "synced"


def test_pull_applies_a_partner_update_without_outbox_and_keeps_its_cursor(
        store: Store, central: Server, make_client: MakeClient) -> None:
    dossier_id = new_dossier(store, answers=tuple(BAKER["answers"]),
                             consents={"urssaf": True, "caf": True, "assurance_retraite": True})
    make_client(store).run_round()
    partner = central.login("p_urssaf")
    response = central.client.post(f"/partner/dossiers/{dossier_id}/orientation",
                                   headers=partner,
                                   json={"status": "en_cours", "note": "rappel lundi"})
    assert response.status_code == 200, response.text
    rows_before = outbox_rows(store)

    client = make_client(store)
    summary = client.run_round()
    assert (summary.pulled, summary.applied) == (1, 1) and summary.in_sync, summary.line()
    orientation = {o["organisme"]: o for o in local_records(store)[0]["orientations"]}  # type: ignore[union-attr]
    assert orientation["urssaf"]["status"] == "en_cours"
    assert orientation["urssaf"]["note"] == "rappel lundi"
    assert outbox_rows(store) == rows_before
    assert client.state_of(dossier_id) == "synced"
    assert local_records(store)[0]["revision"] == server_records(central)[0]["revision"]

    cursor = client.cursor()
    assert cursor > 0
    fresh = make_client(store)
    assert fresh.cursor() == cursor
    assert fresh.run_round().pulled == 0


def test_a_partner_follow_up_and_a_local_revocation_merge_by_themselves(
        store: Store, any_central: Server) -> None:
    dossier_id = new_dossier(store, answers=tuple(BAKER["answers"]),
                             consents={"urssaf": True})
    client = SyncClient(store, any_central.client, token=bearer(any_central), sleep=Sleeps())
    client.run_round()
    response = any_central.client.post(f"/partner/dossiers/{dossier_id}/orientation",
                                       headers=any_central.login("p_urssaf"),
                                       json={"status": "recue"})
    assert response.status_code == 200, response.text
    DossierService(store, agent="A").revoke(dossier_id, "urssaf")
    summary = client.run_round()
    assert (summary.conflicts, summary.merged) == (0, 1) and summary.in_sync, summary.line()
    assert client.state_of(dossier_id) == "synced"
    for record in (local_records(store)[0], server_records(any_central)[0]):
        assert record["consents"][0]["revoked_at"] is not None  # type: ignore[index]
        assert record["orientations"][0]["status"] == "recue"  # type: ignore[index]


def test_network_failures_are_retried_with_exponential_backoff(
        store: Store, central: Server, make_client: MakeClient, sleeps: Sleeps) -> None:
    new_dossier(store)
    flaky = Flaky(central.client._transport, [None, None, 503, None])
    client = make_client(store, wrapped(central, lambda inner: flaky), jitter=lambda: 0.0,
                         backoff=0.5)
    summary = client.run_round()
    assert summary.in_sync and summary.pushed == 1, summary.line()
    assert sleeps == [0.5, 1.0, 2.0, 4.0]


def test_backoff_jitter_keeps_growing_and_is_bounded(store: Store, central: Server) -> None:
    client = SyncClient(store, central.client, token="t", backoff=1.0, max_backoff=20.0)
    delays = [client.delay(n) for n in range(6)]
    for n, delay in enumerate(delays[:5]):
        assert 2 ** n <= delay <= 1.25 * 2 ** n
    assert all(a < b for a, b in zip(delays[:5], delays[1:5], strict=False))
    assert delays[5] == 20.0


def test_when_every_attempt_fails_nothing_is_marked_sent(
        store: Store, central: Server, make_client: MakeClient, sleeps: Sleeps) -> None:
    dossier_id = new_dossier(store)
    before = unsent(store)
    down = Flaky(central.client._transport, [None] * 10)
    client = make_client(store, wrapped(central, lambda inner: down), max_retries=3)
    summary = client.run_round()
    assert not summary.in_sync and "cannot be reached after 4 attempts" in summary.errors[0]
    assert len(sleeps) == 3 and down.requests == 4
    assert unsent(store) == before and client.state_of(dossier_id) == "local"
    assert server_records(central) == []


def test_a_round_killed_while_sending_leaves_nothing_marked_sending(
        store: Store, central: Server, make_client: MakeClient) -> None:
    from app.models.entities import Dossier

    dossier_id = new_dossier(store)
    with store.transaction() as session:  # as a round killed during its push leaves it
        session.execute(update(Dossier).where(Dossier.id == dossier_id)
                        .values(sync_state="sending"))
    assert make_client(store).state_of(dossier_id) == "sending"
    cut = CutAfterPush(central.client._transport)  # the first push's answer is lost
    client = make_client(store, wrapped(central, lambda inner: cut), max_retries=0)
    summary = client.run_round()
    assert summary.errors and client.state_of(dossier_id) == "local"
    assert make_client(store).run_round().in_sync
    assert client.state_of(dossier_id) == "synced" and len(server_records(central)) == 1


def test_own_pushes_come_back_as_stubs_and_are_fetched_only_when_not_held(
        store: Store, central: Server, make_client: MakeClient) -> None:
    from app.models.entities import Dossier, SyncCursor

    kept, lost = new_dossier(store), new_dossier(store, nom="Kerbrat")
    counting = Counting(central.client._transport)
    client = make_client(store, wrapped(central, lambda inner: counting))
    summary = client.run_round()
    assert (summary.pushed, summary.pulled, summary.applied) == (2, 2, 0), summary.line()
    assert counting.paths.count("/sync/pull") == 1 and not any(
        p.startswith("/dossiers/") for p in counting.paths)  # stubs: nothing fetched
    # As if the local store came back from a backup: the store's version of one dossier and
    # the cursor are no longer known here.
    with store.transaction() as session:
        session.execute(update(Dossier).where(Dossier.id == lost).values(server_revision=None))
        session.execute(update(SyncCursor).values(cursor=0))
    counting.paths.clear()
    again = client.run_round()
    assert again.in_sync and again.pulled == 2, again.line()
    assert counting.paths.count(f"/dossiers/{lost}") == 1  # fetched whole, the other not
    assert f"/dossiers/{kept}" not in counting.paths
    assert client.state_of(lost) == "synced" and client.state_of(kept) == "synced"


class Counting(httpx.BaseTransport):
    """Forwards every request and records its path."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.paths: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.paths.append(request.url.path)
        return self.inner.handle_request(request)


def test_an_expired_token_stops_the_round_with_a_clear_error(
        store: Store, central: Server) -> None:
    new_dossier(store)
    summary = SyncClient(store, central.client, token="forged", sleep=Sleeps()).run_round()
    assert "accueil-ti login" in summary.errors[0] and summary.pending == 1


def test_a_malformed_payload_is_quarantined_not_the_batch(store: Store, central: Server,
                                                     make_client: MakeClient) -> None:
    dossier_id = new_dossier(store)
    with store.transaction() as session:
        session.execute(update(Outbox).values(payload=json.dumps({"id": dossier_id})))
    summary = make_client(store).run_round()
    assert summary.quarantined == 1  # the store rejects the item, not the batch


def test_the_counter_sees_transmise_once_the_store_holds_it_then_the_partner_status(
        store: Store, central: Server, make_client: MakeClient) -> None:
    from app.models.orientation_state import dossier_orientation_states

    dossier_id = new_dossier(store, answers=tuple(BAKER["answers"]),
                             consents={"urssaf": True, "caf": True, "assurance_retraite": True})

    def shown() -> dict[str, tuple[str, bool]]:
        with store.session() as session:
            return {s.organisme: (s.shown, s.transmitted_at is not None)
                    for s in dossier_orientation_states(session, dossier_id)}

    before = shown()
    assert before and all(v == ("a_transmettre", False) for v in before.values())
    make_client(store).run_round()
    after = shown()
    assert after and all(v == ("transmise", True) for v in after.values()), after
    # What the partner sees, and what the counter sees, agree.
    partner = central.login("p_urssaf")
    inbox = central.client.get("/partner/dossiers", headers=partner)
    assert inbox.status_code == 200 and dossier_id in inbox.text
    response = central.client.post(f"/partner/dossiers/{dossier_id}/orientation",
                                   headers=partner, json={"status": "recue"})
    assert response.status_code == 200, response.text
    make_client(store).run_round()
    assert shown()["urssaf"] == ("recue", True)  # the partner's own status, time kept
