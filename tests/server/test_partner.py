"""Partner follow-up back to the counter, processing-time figures, the audit log, admin API."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.server import admin
from app.server.models import Agent
from app.server.services.figures import percentile
from tests.server.conftest import Server, make_record


def test_partner_follow_up_reaches_the_counter_through_pull(server: Server) -> None:
    bre, caf = server.login("bre"), server.login("p_caf")
    record = make_record(1, oriented=("caf", "urssaf"))
    server.push(bre, record)
    cursor = server.client.get("/sync/pull", headers=bre).json()["cursor"]
    server.clock.advance(days=3)
    bre, caf = server.login("bre"), server.login("p_caf")
    response = server.client.post(f"/partner/dossiers/{record['id']}/orientation", headers=caf,
                                  json={"status": "cloturee", "outcome": "aide_accordee",
                                        "note": "Aide versée"})
    assert response.status_code == 200, response.text
    pulled = server.client.get("/sync/pull", headers=bre, params={"since": cursor}).json()
    [changed] = pulled["changes"]
    assert changed["revision"] == 2
    caf_orientation = next(o for o in changed["orientations"] if o["organisme"] == "caf")
    assert caf_orientation["status"] == "cloturee" and caf_orientation["note"] == "Aide versée"
    assert caf_orientation["outcome"] == "aide_accordee"
    # the counter's next edit is based on the partner's revision
    assert server.push(bre, dict(changed, revision=3), base=2)[0]["status"] == "accepted"
    # one closure: below the minimum sample, no figure (tests/server/test_processing_times.py)
    times = server.client.get("/stats/processing-times", headers=bre).json()
    assert times["organismes"]["caf"] == {"p90_days": None, "median_days": None, "count": 1}
    assert times["organismes"]["urssaf"] == {"p90_days": None, "median_days": None, "count": 0}


def test_closing_needs_an_outcome_and_only_then(server: Server) -> None:
    bre, caf = server.login("bre"), server.login("p_caf")
    record = make_record(1, oriented=("caf",))
    server.push(bre, record)
    url = f"/partner/dossiers/{record['id']}/orientation"
    assert server.client.post(url, headers=caf, json={"status": "cloturee"}).status_code == 422
    assert server.client.post(url, headers=caf, json={"status": "en_cours",
                                                      "outcome": "sans_suite"}).status_code == 422
    assert server.client.post(url, headers=caf, json={"status": "ouverte"}).status_code == 422


def test_percentile_interpolates_between_closest_ranks() -> None:
    assert percentile([5.0], 0.9) == 5.0
    assert percentile([1.0, 2.0], 0.9) == pytest.approx(1.9)


def test_reads_and_writes_are_audited_and_the_log_is_append_only(server: Server) -> None:
    bre, caf, adm = server.login("bre"), server.login("p_caf"), server.login("admin")
    record = make_record(1, oriented=("caf",))
    server.push(bre, record)
    server.client.get("/sync/pull", headers=bre)
    server.client.get(f"/partner/dossiers/{record['id']}", headers=caf)
    server.client.get("/partner/dossiers", headers=caf)
    server.client.post(f"/partner/dossiers/{record['id']}/orientation", headers=caf,
                       json={"status": "recue"})
    entries = server.client.get("/admin/audit", headers=adm,
                                params={"dossier_id": record["id"]}).json()["entries"]
    assert [(e["agent"], e["action"]) for e in entries] == [
        ("bre", "push_accepted"), ("bre", "pull"), ("p_caf", "partner_read"),
        ("p_caf", "partner_list"), ("p_caf", "partner_update")]
    for method in ("put", "patch", "delete", "post"):
        response = server.client.request(method, "/admin/audit", headers=adm)
        assert response.status_code == 405
    with Session(server.app.state.engine) as session:
        for statement in ("UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log"):
            with pytest.raises(DBAPIError):
                session.execute(text(statement))
            session.rollback()


def test_admin_functions(server: Server) -> None:
    engine = server.app.state.engine
    for field, kwargs in (("role", {"role": "boss"}), ("organisme", {"organisme": "cnaf"}),
                          ("site", {"site": "XYZ"}), ("login", {"login": "bre"})):
        args = {"login": "new", "organisme": "caf", "site": "REN", "role": "partenaire",
                "password": "correct horse battery", **kwargs}
        with pytest.raises(ValueError, match=f"^{field}: ") as info:
            admin.create_agent(engine, **args)
        if field == "role":
            assert "accueil, partenaire, admin" in str(info.value)
        if field == "site":
            assert "REN" in str(info.value) and "TEL" in str(info.value)
    admin.create_agent(engine, login="new", organisme="caf", site="REN", role="partenaire",
                       password="correct horse battery")
    with Session(engine) as session:
        assert session.scalars(select(Agent).where(Agent.login == "new")).one().role == "partenaire"
    bre = server.login("bre")
    records = [make_record(2, oriented=("caf",)), make_record(1)]
    server.push(bre, *records)
    assert admin.stats(engine) == {"dossiers": 2, "agents": 6}
    assert list(admin.export_dossiers(engine)) == [records[1], records[0]]
    reopened = admin.open_server_engine(engine.url.render_as_string(hide_password=False))
    try:
        assert admin.stats(reopened)["agents"] == 6
    finally:
        reopened.dispose()
