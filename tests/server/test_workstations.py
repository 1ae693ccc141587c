"""The central store's registry of workstations, on SQLite and PostgreSQL: one live workstation
per (site, code) with the next free code offered, the sequence numbers seen, the rotating
identity nonce (a lost answer is not a copy, an outdated nonce is), retirement."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.server.conftest import Server, make_record

NONCES = [f"nonce-{n:02d}-" + "x" * 20 for n in range(10)]


def register(server: Server, headers: dict[str, str], code: str = "01", *,
             ident: str | None = None, nonce: str = NONCES[0],
             site: str | None = None) -> tuple[int, dict[str, Any]]:
    body: dict[str, Any] = {"id": ident or str(uuid.uuid4()), "code": code, "nonce": nonce}
    if site is not None:
        body["site"] = site
    response = server.client.post("/workstations", headers=headers, json=body)
    return response.status_code, response.json()


def prove(server: Server, headers: dict[str, str], ident: str, current: str,
          following: str) -> tuple[int, dict[str, Any]]:
    response = server.client.post(f"/workstations/{ident}/round", headers=headers,
                                  json={"current": current, "next": following})
    return response.status_code, response.json()


def test_a_second_live_workstation_with_the_same_code_gets_the_next_free_one(
        server: Server) -> None:
    bre = server.login("bre")
    status, first = register(server, bre, site="BRE")
    assert status == 200, first
    assert (first["site"], first["code"], first["sequences"]) == ("BRE", "01", {})
    status, taken = register(server, bre)
    assert status == 409 and taken["reason"] == "code_taken"
    assert (taken["code"], taken["free_code"]) == ("01", "02")
    assert "BRE-01 is already in use" in taken["detail"]
    status, second = register(server, bre, "02")
    assert status == 200 and second["code"] == "02"
    # Another site has its own codes.
    status, other = register(server, server.login("qui"))
    assert status == 200 and (other["site"], other["code"]) == ("QUI", "01")


def test_the_free_code_skips_codes_that_numbered_dossiers_already(server: Server) -> None:
    bre = server.login("bre")
    server.push(bre, make_record(1), make_record(2, number="TI-BRE-02-2026-000007"))
    assert register(server, bre)[0] == 200
    status, taken = register(server, bre)
    assert status == 409 and taken["free_code"] == "03"  # 02 numbered a dossier already


def test_the_answer_gives_the_highest_sequence_seen_per_year(server: Server) -> None:
    bre = server.login("bre")
    server.push(bre, make_record(3), make_record(12), make_record(40, number="TI-BRE-01-2025-"
                                                                            "000040"),
                make_record(5, number="TI-BRE-02-2026-000099"))
    status, answer = register(server, bre)
    assert status == 200 and answer["sequences"] == {"2026": 12, "2025": 40}


def test_registering_again_with_the_same_id_and_nonce_is_the_same_registration(
        server: Server) -> None:
    bre = server.login("bre")
    ident = str(uuid.uuid4())
    assert register(server, bre, ident=ident)[0] == 200
    status, again = register(server, bre, ident=ident)  # its answer was lost
    assert status == 200 and again["code"] == "01"
    status, copy = register(server, bre, ident=ident, nonce=NONCES[1])
    assert status == 409 and copy["reason"] == "identity"


def test_the_nonce_rotates_a_lost_answer_is_accepted_an_outdated_nonce_is_a_copy(
        server: Server) -> None:
    bre = server.login("bre")
    ident = str(uuid.uuid4())
    assert register(server, bre, ident=ident, nonce=NONCES[0])[0] == 200
    assert prove(server, bre, ident, NONCES[0], NONCES[1])[0] == 200
    # The client was killed before it kept NONCES[1]: it sends the same pair again.
    status, answer = prove(server, bre, ident, NONCES[0], NONCES[1])
    assert status == 200 and answer["code"] == "01"
    assert prove(server, bre, ident, NONCES[1], NONCES[2])[0] == 200
    # A copy of the data folder taken two rounds ago still holds NONCES[0] or NONCES[1].
    for current in (NONCES[0], NONCES[1]):
        status, refused = prove(server, bre, ident, current, NONCES[5])
        assert status == 409 and refused["reason"] == "identity"
    assert prove(server, bre, ident, NONCES[2], NONCES[3])[0] == 200  # the original goes on
    status, unknown = prove(server, bre, str(uuid.uuid4()), NONCES[0], NONCES[1])
    assert status == 404 and unknown["reason"] == "unknown"


def test_roles_and_sites(server: Server) -> None:
    partner = server.login("p_urssaf")
    assert register(server, partner)[0] == 403
    bre = server.login("bre")
    status, answer = register(server, bre, site="REN")
    assert status == 403 and "site" in answer["detail"]
    ident = str(uuid.uuid4())
    assert register(server, bre, ident=ident)[0] == 200
    assert prove(server, server.login("qui"), ident, NONCES[0], NONCES[1])[0] == 403
    status, _ = register(server, bre, "1")
    assert status == 422
    response = server.client.post("/workstations", json={"id": ident, "code": "01",
                                                         "nonce": NONCES[0]})
    assert response.status_code == 401


def test_an_administrator_lists_and_retires_a_workstation(server: Server) -> None:
    bre, admin = server.login("bre"), server.login("admin")
    ident = str(uuid.uuid4())
    assert register(server, bre, ident=ident)[0] == 200
    assert server.client.get("/workstations", headers=bre).status_code == 403
    listed = server.client.get("/workstations", headers=admin).json()["workstations"]
    assert [(w["id"], w["site"], w["code"], w["retired"]) for w in listed] == \
        [(ident, "BRE", "01", False)]
    retired = server.client.post(f"/workstations/{ident}/retire", headers=admin)
    assert retired.status_code == 200 and retired.json()["retired"] is True
    assert prove(server, bre, ident, NONCES[0], NONCES[1])[0] == 409
    assert register(server, bre, ident=ident)[0] == 409  # a retired id never comes back
    status, reused = register(server, bre)  # its code is free again
    assert status == 200 and reused["code"] == "01"
    assert server.client.post(f"/workstations/{uuid.uuid4()}/retire",
                              headers=admin).status_code == 404
    audit = server.client.get("/admin/audit", headers=admin).json()["entries"]
    actions = [e["action"] for e in audit]
    assert actions.count("workstation_register") == 2 and "workstation_retire" in actions


@pytest.mark.parametrize("count", [3])
def test_every_code_taken_offers_none(server: Server, count: int,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from app.server import workstations

    monkeypatch.setattr(workstations, "CODES", tuple(f"{n:02d}" for n in range(1, count + 1)))
    bre = server.login("bre")
    for code in ("01", "02", "03"):
        assert register(server, bre, code)[0] == 200
    status, taken = register(server, bre)
    assert status == 409 and taken["free_code"] is None
    assert "every code of the site is in use" in taken["detail"]
