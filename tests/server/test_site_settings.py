"""Site settings on the central store, on SQLite and PostgreSQL: every signed-in agent reads them
(``GET /sites``), only an administrator records them (``PUT /admin/sites/{code}``: 403, 404,
422 naming the field), each change a new version kept whole, with an audit row."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.server.models import AuditEntry, SiteSettingsVersion
from app.server.sites import UnknownSiteError, list_sites, set_site, show_site
from tests.server.conftest import Server

REN = {"address": ["Urssaf Bretagne", "Accueil commun TI", "1 place de l’Exemple"],
       "postal_code": "35000", "commune": "Rennes", "phone": "0299000000",
       "email": "accueil.ti@example.fr", "hours": "du lundi au vendredi, de 9 h à 12 h"}


def sites_of(server: Server, login: str) -> dict[str, dict[str, object]]:
    response = server.client.get("/sites", headers=server.login(login))
    assert response.status_code == 200, response.text
    return {s["code"]: s for s in response.json()["sites"]}


def test_every_agent_reads_the_sites_none_confirmed_at_first(server: Server) -> None:
    for login in ("bre", "p_caf", "admin"):
        sites = sites_of(server, login)
        assert list(sites) == ["REN", "PLE", "BRE", "QUI", "VAN", "TEL"]
        assert sites["BRE"]["version"] == 0 and sites["BRE"]["confirmed"] is False
        assert sites["BRE"]["address"] == [] and sites["BRE"]["updated_at"] is None
        assert (sites["BRE"]["postal_code"], sites["BRE"]["commune"]) == ("29200", "Brest")
        assert ("updated_by" in sites["BRE"]) == (login == "admin")
    assert server.client.get("/sites").status_code == 401


def test_an_admin_records_versions_each_kept_and_audited(server: Server) -> None:
    admin = server.login("admin")
    response = server.client.put("/admin/sites/REN", headers=admin, json=REN)
    assert response.status_code == 200, response.text
    first = response.json()
    assert first["version"] == 1 and first["confirmed"] is True
    assert first["phone"] == "02 99 00 00 00"  # written in pairs
    assert first["updated_by"] == "admin"
    assert first["updated_at"].startswith("2026-11-20T09:00:00")
    server.clock.advance(minutes=10)
    # Fields left out keep their value.
    response = server.client.put("/admin/sites/REN", headers=admin, json={"phone": "3698"})
    assert response.status_code == 200, response.text
    second = response.json()
    assert second["version"] == 2 and second["phone"] == "3698"
    assert second["address"] == REN["address"] and second["hours"] == REN["hours"]
    # The same values again: no new version.
    again = server.client.put("/admin/sites/REN", headers=admin, json={"phone": "3698"})
    assert again.status_code == 200 and again.json()["version"] == 2

    seen = sites_of(server, "bre")["REN"]
    assert seen["version"] == 2 and seen["phone"] == "3698" and seen["confirmed"] is True
    assert sites_of(server, "bre")["BRE"]["version"] == 0

    with Session(server.app.state.engine) as session:
        versions = session.scalars(select(SiteSettingsVersion).order_by(
            SiteSettingsVersion.version)).all()
        assert [(v.code, v.version, v.phone) for v in versions] == [
            ("REN", 1, "02 99 00 00 00"), ("REN", 2, "3698")]
        audits = session.scalars(select(AuditEntry).where(
            AuditEntry.action == "site_settings_set").order_by(AuditEntry.seq)).all()
        assert [(a.agent_login, a.detail) for a in audits] == [
            ("admin", "REN version 1: address, postal_code, commune, phone, email, hours"),
            ("admin", "REN version 2: phone")]
    current, history = show_site(server.app.state.engine, "REN")
    assert current["version"] == 2 and [h["version"] for h in history] == [1, 2]
    assert history[0]["phone"] == "02 99 00 00 00"
    listed = {s["code"]: s for s in list_sites(server.app.state.engine)}
    assert listed["REN"]["version"] == 2 and listed["QUI"]["version"] == 0


def test_the_history_is_append_only(server: Server) -> None:
    set_site(server.app.state.engine, "QUI", {**REN, "postal_code": "29000",
                                              "commune": "Quimper"}, "admin")
    for statement in ("UPDATE site_settings_history SET phone = ''",
                      "DELETE FROM site_settings_history"):
        with pytest.raises(DBAPIError, match="append-only"), \
                server.app.state.engine.begin() as connection:
            connection.execute(text(statement))


def test_only_admins_record_settings(server: Server) -> None:
    for login in ("bre", "p_urssaf"):
        response = server.client.put("/admin/sites/BRE", headers=server.login(login), json=REN)
        assert response.status_code == 403
    assert server.client.put("/admin/sites/BRE", json=REN).status_code == 401
    assert sites_of(server, "bre")["BRE"]["version"] == 0


def test_an_unknown_site_is_404(server: Server) -> None:
    response = server.client.put("/admin/sites/XYZ", headers=server.login("admin"), json=REN)
    assert response.status_code == 404
    assert "XYZ" in response.json()["detail"] and "REN" in response.json()["detail"]


@pytest.mark.parametrize(("change", "field", "words"), [
    ({"address": []}, "address", "1 to 4 non-empty lines"),
    ({"address": ["a", "b", "c", "d", "e"]}, "address", "5 lines"),
    ({"address": ["x" * 81]}, "address", "at most 80 characters"),
    ({"address": "Urssaf"}, "address", None),  # one line as text is accepted
    ({"postal_code": "3500"}, "postal_code", "5 digits"),
    ({"commune": ""}, "commune", "required"),
    ({"phone": "02 99"}, "phone", "10 digits"),
    ({"phone": "+44 20 7946 0000"}, "phone", "+33"),
    ({"email": "accueil@"}, "email", "accueil.ti@example.fr"),
    ({"email": "a" * 250 + "@x.fr"}, "email", "254"),
    ({"hours": "lundi\nmardi"}, "hours", "one line"),
    ({"hours": "h" * 201}, "hours", "200"),
    ({"fax": "0299000000"}, "fax", "unknown field"),
])
def test_a_bad_field_is_422_naming_it(server: Server, change: dict[str, object], field: str,
                                      words: str | None) -> None:
    admin = server.login("admin")
    response = server.client.put("/admin/sites/BRE", headers=admin, json={**REN, **change})
    if words is None:
        assert response.status_code == 200, response.text
        return
    assert response.status_code == 422, response.text
    answer = response.json()
    assert answer["field"] == field and answer["detail"].startswith(f"{field}:")
    assert words in answer["detail"]
    assert sites_of(server, "bre")["BRE"]["version"] == 0
    with Session(server.app.state.engine) as session:
        assert session.scalar(select(AuditEntry).where(
            AuditEntry.action == "site_settings_set")) is None


def test_a_body_that_is_not_an_object_is_422(server: Server) -> None:
    response = server.client.put("/admin/sites/BRE", headers=server.login("admin"),
                                 json=["Urssaf"])
    assert response.status_code == 422


def test_the_service_refuses_an_unknown_site_and_a_bad_author(server: Server) -> None:
    engine = server.app.state.engine
    with pytest.raises(UnknownSiteError, match="expected one of REN, PLE"):
        set_site(engine, "XYZ", REN, "admin")
    with pytest.raises(UnknownSiteError):
        show_site(engine, "XYZ")
    with pytest.raises(ValueError, match="^by:"):
        set_site(engine, "REN", REN, " ")
    with pytest.raises(ValueError, match="^settings:"):
        set_site(engine, "REN", ["x"], "admin")  # type: ignore[arg-type]
