"""Every role × organisme × consent state × endpoint, with bad tokens: nothing leaks."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session

from app.forms.codes import ORGANISMES
from app.forms.disclosure import field_policy
from app.forms.questionnaire import load_questionnaire
from app.server.models import Token
from app.server.security import token_digest
from tests.server.conftest import (
    AGENTS,
    BACKENDS,
    Server,
    consent,
    make_record,
    make_server,
    new_database,
)

STATES = ("given", "refused", "revoked", "none")
REVOKED = "2026-11-20T10:00:00+00:00"


def record_for(index: int, organisme: str, state: str) -> dict[str, Any]:
    consents = {"given": [consent(organisme)], "refused": [consent(organisme, given=False)],
                "revoked": [consent(organisme, revoked_at=REVOKED)], "none": []}[state]
    record = make_record(index, consents=consents)
    if state in ("given", "revoked"):
        record["orientations"] = [{"organisme": organisme, "status": "transmise",
                                   "outcome": None, "note": "",
                                   "updated_at": "2026-11-20T09:30:00+00:00"}]
    return record


@pytest.fixture(scope="module", params=BACKENDS)
def world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
          ) -> Iterator[tuple[Server, dict[str, dict[str, str]], dict[tuple[str, str], str]]]:
    """One store with every agent, one dossier per (organisme, consent state), bad tokens."""
    with new_database(request.param, tmp_path_factory.mktemp("matrix")) as url:
        yield from _world(url)


def _world(url: str
           ) -> Iterator[tuple[Server, dict[str, dict[str, str]], dict[tuple[str, str], str]]]:
    server = make_server(url, AGENTS)
    with server.client:
        headers = {login: server.login(login) for login, *_ in AGENTS}
        dossiers: dict[tuple[str, str], str] = {}
        records = []
        for i, (organisme, state) in enumerate(
                [(o, s) for o in ORGANISMES for s in STATES], 1):
            record = record_for(i, organisme, state)
            records.append(record)
            dossiers[(organisme, state)] = record["id"]
        everything = make_record(99, oriented=tuple(ORGANISMES))
        records.append(everything)
        dossiers[("all", "given")] = everything["id"]
        assert {r["status"] for r in server.push(headers["bre"], *records)} == {"accepted"}
        expired = server.login("p_caf")
        revoked = server.login("p_caf")
        server.client.post("/auth/logout", headers=revoked)
        with Session(server.app.state.engine) as session, session.begin():
            session.execute(update(Token).where(
                Token.token_hash == token_digest(expired["Authorization"].split()[1]))
                .values(expires_at=server.clock.now))
        headers["expired"] = expired
        headers["revoked"] = revoked
        headers["forged"] = {"Authorization": "Bearer " + "A" * 43}
        headers["none"] = {}
        yield server, headers, dossiers
    server.app.state.engine.dispose()


BAD = ("expired", "revoked", "forged", "none")
PARTNERS = [f"p_{o}" for o in ORGANISMES]
ALL = ["bre", "qui", "admin", *PARTNERS, *BAD]


def visible(login: str, key: tuple[str, str]) -> bool:
    return login.startswith("p_") and key[1] == "given" and key[0] in (login[2:], "all")


@pytest.mark.parametrize("who", ALL)
def test_partner_list(world: Any, who: str) -> None:
    server, headers, dossiers = world
    response = server.client.get("/partner/dossiers", headers=headers[who])
    if who in BAD:
        assert response.status_code == 401
        return
    if not who.startswith("p_"):
        assert response.status_code == 403
        return
    rows = response.json()["items"]
    seen = {d["id"] for d in rows}
    assert seen == {i for k, i in dossiers.items() if visible(who, k)}
    assert response.json()["next"] is None
    organisme = who[2:]
    allowed_identity, allowed_profile = field_policy(load_questionnaire(), organisme)
    for row in rows:
        assert set(row) == {"id", "number", "revision", "urgent", "name", "status", "outcome",
                            "note", "updated_at", "sans_nouvelle"}  # no identity, no answers
        view = server.client.get(f"/partner/dossiers/{row['id']}", headers=headers[who]).json()
        assert row["name"] == " ".join(
            p for p in (str(view["identity"].get("nom", "")).upper(),
                        view["identity"].get("prenom", "")) if p)
        assert set(view["identity"]) <= set(allowed_identity)
        assert set(view["profile"]) <= set(allowed_profile)
        assert all(a["code"] for a in view["aids"])
        assert view["orientation"]["status"]
        assert "consents" not in view
        reasons = {r for a in view["aids"] for r in a["reasons"]}
        assert all(f"{q}={c}" in reasons for q, c in view["answers"].items())
        if organisme in ("caf", "urssaf"):
            assert "nir" not in view["identity"]
        if organisme != "urssaf":
            assert "siret" not in view["identity"]


@pytest.mark.parametrize("who", ALL)
@pytest.mark.parametrize("key", [(o, s) for o in ORGANISMES for s in STATES] + [("all", "given")])
def test_partner_read_and_update(world: Any, who: str, key: tuple[str, str]) -> None:
    server, headers, dossiers = world
    dossier_id = dossiers[key]
    read = server.client.get(f"/partner/dossiers/{dossier_id}", headers=headers[who])
    write = server.client.post(f"/partner/dossiers/{dossier_id}/orientation",
                               headers=headers[who], json={"status": "en_cours"})
    expected = (401 if who in BAD else 403 if not who.startswith("p_")
                else 200 if visible(who, key) else 404)
    assert read.status_code == write.status_code == expected
    if expected == 404:
        assert read.json() == write.json() == {"detail": "no such dossier"}
    if expected == 200:
        assert read.json()["id"] == dossier_id and write.json()["orientation"]["status"] \
            == "en_cours"


@pytest.mark.parametrize("who", ALL)
def test_push_pull_and_audit(world: Any, who: str) -> None:
    server, headers, dossiers = world
    record = make_record(500)
    push = server.client.post("/sync/push", headers=headers[who],
                              json={"dossiers": [{"dossier": record}]})
    pull = server.client.get("/sync/pull", headers=headers[who])
    audit = server.client.get("/admin/audit", headers=headers[who])
    if who in BAD:
        assert push.status_code == pull.status_code == audit.status_code == 401
        return
    assert audit.status_code == (200 if who == "admin" else 403)
    if who not in ("bre", "qui"):
        assert push.status_code == pull.status_code == 403
        return
    status = push.json()["results"][0]["status"]
    changes = pull.json()["changes"]
    if who == "bre":
        assert status in ("accepted", "duplicate")
        assert {d["id"] for d in changes} >= set(dossiers.values())
    else:
        assert status == "forbidden" and changes == []


def test_revoking_consent_removes_access_at_once(world: Any) -> None:
    server, headers, dossiers = world
    dossier_id = dossiers[("caf", "given")]
    assert server.client.get(f"/partner/dossiers/{dossier_id}",
                             headers=headers["p_caf"]).status_code == 200
    current = server.client.get(f"/dossiers/{dossier_id}", headers=headers["bre"]).json()
    current["consents"][0]["revoked_at"] = REVOKED
    revision = current["revision"]
    current["revision"] = revision + 1
    assert server.push(headers["bre"], current, base=revision)[0]["status"] == "accepted"
    assert server.client.get(f"/partner/dossiers/{dossier_id}",
                             headers=headers["p_caf"]).status_code == 404
    listed = server.client.get("/partner/dossiers", headers=headers["p_caf"]).json()["items"]
    assert dossier_id not in {d["id"] for d in listed}
