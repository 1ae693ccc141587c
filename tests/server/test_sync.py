"""Push and pull: idempotent resends, optimistic concurrency, rejection reasons, site scope."""

from __future__ import annotations

import threading

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.server.models import Dossier, DossierRevision
from tests.server.conftest import Server, make_record


def count(server: Server, model: type) -> int:
    with Session(server.app.state.engine) as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_push_accepts_then_a_resend_is_a_harmless_duplicate(server: Server) -> None:
    headers = server.login("bre")
    record = make_record(1)
    assert server.push(headers, record)[0]["status"] == "accepted"
    again = server.push(headers, record)
    assert again[0]["status"] == "duplicate"
    assert count(server, Dossier) == 1 and count(server, DossierRevision) == 1


def test_concurrent_identical_pushes_store_one_copy(server: Server) -> None:
    headers = server.login("bre")
    record = make_record(7)
    statuses: list[str] = []
    barrier = threading.Barrier(4)

    def send() -> None:
        client = TestClient(server.app)
        barrier.wait()
        response = client.post("/sync/push", headers=headers,
                               json={"dossiers": [{"base_revision": None, "dossier": record}]})
        statuses.append(response.json()["results"][0]["status"])

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == ["accepted", "duplicate", "duplicate", "duplicate"]
    assert count(server, Dossier) == 1 and count(server, DossierRevision) == 1


def test_a_stale_push_is_a_conflict_with_the_server_version(server: Server) -> None:
    headers = server.login("bre")
    server.push(headers, make_record(1))
    mine = make_record(1, revision=2, status="complet")
    assert server.push(headers, mine, base=1)[0]["status"] == "accepted"
    theirs = make_record(1, revision=2, status="clos")
    result = server.push(headers, theirs, base=1)[0]
    assert result["status"] == "conflict"
    assert result["server"]["status"] == "complet" and result["revision"] == 2
    result = server.push(headers, make_record(1, revision=3), base=1)[0]
    assert result["status"] == "conflict"
    # the same as a single-dossier PUT: a real 409
    response = server.client.put(f"/dossiers/{mine['id']}", headers=headers,
                                 json={"base_revision": 1, "dossier": theirs})
    assert response.status_code == 409
    assert response.json()["server"]["revision"] == 2
    ok = server.client.put(f"/dossiers/{mine['id']}", headers=headers,
                           json={"base_revision": 2, "dossier": make_record(1, revision=3)})
    assert ok.status_code == 200 and ok.json()["status"] == "accepted"


def test_an_invalid_record_is_rejected_naming_the_field(server: Server) -> None:
    headers = server.login("bre")
    bad = make_record(2)
    bad["answers"]["Q05"] = "maybe"
    good = make_record(3)
    results = server.push(headers, bad, good)
    assert results[0]["status"] == "rejected"
    assert results[0]["field"] == "answers.Q05" and "maybe" in results[0]["reason"]
    assert results[1]["status"] == "accepted"
    response = server.client.put(f"/dossiers/{bad['id']}", headers=headers,
                                 json={"base_revision": None, "dossier": bad})
    assert response.status_code == 422 and "Q05" in response.json()["detail"]
    nul = make_record(4)
    nul["orientations"] = []
    nul["agent"] = "A\x00"
    assert server.push(headers, nul)[0]["status"] == "rejected"
    huge = make_record(5, revision=2**40)
    assert server.push(headers, huge)[0]["field"] == "revision"


def test_another_sites_dossier_is_forbidden(server: Server) -> None:
    bre, qui = server.login("bre"), server.login("qui")
    assert server.push(qui, make_record(1, site="BRE"))[0]["status"] == "forbidden"
    assert count(server, Dossier) == 0
    response = server.client.put(f"/dossiers/{make_record(1)['id']}", headers=qui,
                                 json={"dossier": make_record(1)})
    assert response.status_code == 403
    server.push(bre, make_record(1))
    assert server.client.get(f"/dossiers/{make_record(1)['id']}", headers=qui).status_code == 404
    assert server.client.get(f"/dossiers/{make_record(1)['id']}", headers=bre).json()[
        "number"] == "TI-BRE-01-2026-000001"


def test_pull_returns_changes_after_the_cursor_of_the_agents_site_only(server: Server) -> None:
    bre, qui = server.login("bre"), server.login("qui")
    server.push(bre, make_record(1), make_record(2))
    server.push(qui, make_record(1, site="QUI"))
    first = server.client.get("/sync/pull", headers=bre, params={"since": 0}).json()
    assert [d["number"] for d in first["changes"]] == ["TI-BRE-01-2026-000001",
                                                       "TI-BRE-01-2026-000002"]
    cursor = first["cursor"]
    assert server.client.get("/sync/pull", headers=bre,
                             params={"since": cursor}).json()["changes"] == []
    server.push(bre, make_record(2, revision=2, status="complet"), base=1)
    after = server.client.get("/sync/pull", headers=bre, params={"since": cursor}).json()
    assert [(d["number"], d["revision"]) for d in after["changes"]] == [
        ("TI-BRE-01-2026-000002", 2)]
    paged = server.client.get("/sync/pull", headers=bre, params={"since": 0, "limit": 1}).json()
    assert len(paged["changes"]) == 1 and paged["more"] is True
    qui_view = server.client.get("/sync/pull", headers=qui).json()["changes"]
    assert [d["site"] for d in qui_view] == ["QUI"]


def test_bad_push_bodies_are_422_never_500(server: Server) -> None:
    headers = server.login("bre")
    for body in ({}, {"dossiers": "x"}, {"dossiers": [{"dossier": 3}]},
                 {"dossiers": [{"base_revision": "a", "dossier": {}}]},
                 {"dossiers": [{"dossier": {}}] * 501}):
        response = server.client.post("/sync/push", headers=headers, json=body)
        assert response.status_code == 422, body
        assert isinstance(response.json()["detail"], str)
    weird = server.push(headers, {"id": ["x"]}, {"id": "0b6f1c9e-3c1d-4c3a-9a57-5f0e2d3c4b1a"})
    assert [r["status"] for r in weird] == ["rejected", "rejected"]
