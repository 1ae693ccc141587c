"""Issue 16 on the central store, SQLite and PostgreSQL: a partner's appointments (its own
only, in the dossier's history and audit), the counter's note, re-orientation with and without
the worker's consent, the partner's agenda and « sans nouvelle » after 10 working days."""

from __future__ import annotations

import copy
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.forms.questionnaire import load_questionnaire
from app.forms.records import validate_record
from app.server.models import Appointment, DossierRevision
from tests.server.conftest import Server, consent, make_record

RDV = {"at": "2026-12-07T10:00:00+01:00", "duration": 45, "mode": "agence",
       "place": "Urssaf Bretagne, Brest", "bring": "Avis d’imposition", "by": "Mme Le Bris",
       "status": "propose"}


def post(server: Server, who: str, dossier_id: str, body: dict[str, Any],
         what: str = "appointments") -> Any:
    return server.client.post(f"/partner/dossiers/{dossier_id}/{what}",
                              headers=server.login(who), json=body)


def stored(server: Server, dossier_id: str) -> dict[str, Any]:
    response = server.client.get(f"/dossiers/{dossier_id}", headers=server.login("bre"))
    assert response.status_code == 200, response.text
    return dict(response.json())


def audit(server: Server, dossier_id: str) -> list[tuple[str, str, str]]:
    rows = server.client.get("/admin/audit", headers=server.login("admin"),
                             params={"dossier_id": dossier_id}).json()["entries"]
    return [(r["agent"], r["action"], r["detail"]) for r in rows]


def test_a_partner_sets_then_moves_its_appointment(server: Server) -> None:
    record = make_record(1, oriented=("urssaf",))
    server.push(server.login("bre"), record)
    response = post(server, "p_urssaf", record["id"], RDV)
    assert response.status_code == 200, response.text
    answer = response.json()
    item = answer["appointment"]
    assert item["at"] == "2026-12-07T09:00:00+00:00" and item["status"] == "propose"
    assert answer["dossier"]["appointments"] == [item]
    payload = stored(server, record["id"])
    assert payload["revision"] == 2
    [kept] = payload["rendez_vous"]
    assert kept["kind"] == "rendez_vous" and kept["organisme"] == "urssaf"
    assert kept["agent"] == "p_urssaf" and kept["id"] == item["id"]
    # the store's version is a valid record: every workstation can apply it
    validate_record(payload, load_questionnaire, today=server.clock.now.date())
    # moved and fixed: the same item, a new revision
    moved = post(server, "p_urssaf", record["id"],
                 {**RDV, "id": item["id"], "at": "2026-12-08T14:00:00+01:00", "status": "fixe"})
    assert moved.status_code == 200, moved.text
    payload = stored(server, record["id"])
    assert payload["revision"] == 3
    [kept] = payload["rendez_vous"]
    assert kept["at"] == "2026-12-08T13:00:00+00:00" and kept["status"] == "fixe"
    assert kept["created_at"] == item["created_at"]
    with Session(server.app.state.engine) as session:
        revisions = session.scalars(select(DossierRevision.agent_login).where(
            DossierRevision.dossier_id == uuid.UUID(record["id"]))
            .order_by(DossierRevision.revision)).all()
        rows = session.execute(select(Appointment.organisme, Appointment.at,
                                      Appointment.status)).all()
    assert revisions == ["bre", "p_urssaf", "p_urssaf"]
    assert [(o, a.replace(tzinfo=UTC), s) for o, a, s in rows] == [
        ("urssaf", datetime(2026, 12, 8, 13, tzinfo=UTC), "fixe")]
    assert [a for _, a, d in audit(server, record["id"]) if a == "partner_appointment"] \
        == ["partner_appointment"] * 2
    assert ("p_urssaf", "partner_appointment", "urssaf: propose (new)") in audit(
        server, record["id"])
    # the counter pulls it
    pulled = server.client.get("/sync/pull", headers=server.login("bre")).json()["changes"]
    assert pulled[0]["rendez_vous"] == payload["rendez_vous"]


def test_a_partner_sees_and_changes_only_its_own_appointments(server: Server) -> None:
    record = make_record(2, oriented=("caf", "urssaf"))
    record["rendez_vous"] = [{
        "id": str(uuid.uuid4()), "kind": "rappel", "organisme": None,
        "at": "2026-12-02T09:00:00+00:00", "duration": 15, "mode": "telephone", "place": "",
        "bring": "", "by": "A. Martin", "status": "fixe",
        "created_at": "2026-11-20T09:00:00+00:00", "updated_at": "2026-11-20T09:00:00+00:00",
        "agent": "A. Martin", "note": "rappeler pour le RIB"}]
    server.push(server.login("bre"), record)
    caf = post(server, "p_caf", record["id"], {**RDV, "mode": "telephone", "place": ""})
    assert caf.status_code == 200, caf.text
    caf_id = caf.json()["appointment"]["id"]
    view = server.client.get(f"/partner/dossiers/{record['id']}",
                             headers=server.login("p_urssaf")).json()
    assert view["appointments"] == []  # neither the Caf's nor the counter's call-back
    refused = post(server, "p_urssaf", record["id"], {**RDV, "id": caf_id})
    assert refused.status_code == 422
    assert refused.json()["detail"].startswith(f"id: {caf_id} is not an appointment of urssaf")
    refused = post(server, "p_urssaf", record["id"], {**RDV, "id": record["rendez_vous"][0]["id"]})
    assert refused.status_code == 422
    assert [i["kind"] for i in stored(server, record["id"])["rendez_vous"]] == ["rappel",
                                                                               "rendez_vous"]
    hidden = make_record(3, oriented=("caf",))
    server.push(server.login("bre"), hidden)
    assert post(server, "p_urssaf", hidden["id"], RDV).status_code == 404
    assert post(server, "bre", record["id"], RDV).status_code == 403


def test_a_bad_appointment_is_refused_naming_the_field(server: Server) -> None:
    record = make_record(4, oriented=("urssaf",))
    server.push(server.login("bre"), record)
    for body, field in (({**RDV, "mode": "courrier"}, "mode"),
                        ({**RDV, "status": "reporte"}, "status"),
                        ({**RDV, "duration": 0}, "duration"),
                        ({**RDV, "at": "2026-12-07T10:00:00"}, "at"),
                        ({**RDV, "place": "x" * 201}, "place"),
                        ({**RDV, "by": "a\x00b"}, "by")):
        response = post(server, "p_urssaf", record["id"], body)
        assert response.status_code == 422, (body, response.text)
        assert field in response.text
    assert stored(server, record["id"])["revision"] == 1


def test_a_counter_push_may_not_change_a_partners_appointment(server: Server) -> None:
    bre = server.login("bre")
    record = make_record(5, oriented=("urssaf",))
    server.push(bre, record)
    assert post(server, "p_urssaf", record["id"], RDV).status_code == 200
    current = stored(server, record["id"])
    changed = copy.deepcopy(current)
    changed["revision"] = 3
    changed["rendez_vous"][0]["status"] = "annule"
    [result] = server.push(bre, changed, base=2)
    assert result["status"] == "rejected" and result["field"] == "rendez_vous[1]"
    dropped = {**copy.deepcopy(current), "revision": 3, "rendez_vous": []}
    [result] = server.push(bre, dropped, base=2)
    assert result["status"] == "rejected" and result["field"] == "rendez_vous"
    # carrying it unchanged, with the counter's own call-back added: accepted
    kept = copy.deepcopy(current)
    kept["revision"] = 3
    kept["rendez_vous"].append({
        "id": str(uuid.uuid4()), "kind": "rappel", "organisme": None,
        "at": "2026-12-03T09:00:00+00:00", "duration": 15, "mode": "telephone", "place": "",
        "bring": "", "by": "A. Martin", "status": "fixe",
        "created_at": "2026-11-21T09:00:00+00:00", "updated_at": "2026-11-21T09:00:00+00:00",
        "agent": "A. Martin"})
    kept["orientations"][0]["counter_note"] = "Joignable le matin"
    [result] = server.push(bre, kept, base=2)
    assert result["status"] == "accepted", result
    # a counter never creates a partner's appointment, even in a new dossier
    new = make_record(6, oriented=("urssaf",))
    new["rendez_vous"] = [{**current["rendez_vous"][0], "id": str(uuid.uuid4())}]
    [result] = server.push(bre, new)
    assert result["status"] == "rejected" and result["field"] == "rendez_vous[1].kind"


def test_the_counter_note_reaches_its_organisme_only(server: Server) -> None:
    record = make_record(7, oriented=("caf", "urssaf"))
    next(o for o in record["orientations"] if o["organisme"] == "urssaf")["counter_note"] = \
        "Personne joignable le matin"
    server.push(server.login("bre"), record)
    urssaf = server.client.get(f"/partner/dossiers/{record['id']}",
                               headers=server.login("p_urssaf")).json()
    caf = server.client.get(f"/partner/dossiers/{record['id']}",
                            headers=server.login("p_caf")).json()
    assert urssaf["orientation"]["counter_note"] == "Personne joignable le matin"
    assert caf["orientation"]["counter_note"] is None
    # the partner's follow-up keeps the counter's note
    response = server.client.post(f"/partner/dossiers/{record['id']}/orientation",
                                  headers=server.login("p_urssaf"),
                                  json={"status": "en_cours", "note": "Appel prévu"})
    assert response.json()["orientation"]["counter_note"] == "Personne joignable le matin"
    orientation = next(o for o in stored(server, record["id"])["orientations"]
                       if o["organisme"] == "urssaf")
    assert orientation["counter_note"] == "Personne joignable le matin"
    assert orientation["note"] == "Appel prévu"


def test_reorientation_with_the_workers_consent_is_transmitted_at_once(server: Server) -> None:
    record = make_record(8, consents=[consent("urssaf"), consent("caf")])
    record["orientations"] = [{"organisme": "urssaf", "status": "transmise", "outcome": None,
                               "note": "", "updated_at": "2026-11-20T09:30:00+00:00"}]
    server.push(server.login("bre"), record)
    assert server.client.get(f"/partner/dossiers/{record['id']}",
                             headers=server.login("p_caf")).status_code == 404
    response = post(server, "p_urssaf", record["id"],
                    {"organisme": "caf", "note": "Relève des prestations familiales"},
                    "reorient")
    assert response.status_code == 200, response.text
    assert response.json() == {"id": record["id"], "revision": 2, "organisme": "caf",
                               "status": "transmise", "consent_given": True}
    view = server.client.get(f"/partner/dossiers/{record['id']}",
                             headers=server.login("p_caf"))
    assert view.status_code == 200
    assert view.json()["orientation"]["status"] == "transmise"
    assert view.json()["orientation"]["note"] == ("Réorientation demandée par Urssaf\u00a0: "
                                                  "Relève des prestations familiales")
    payload = stored(server, record["id"])
    validate_record(payload, load_questionnaire, today=server.clock.now.date())
    assert ("p_urssaf", "partner_reorient", "urssaf -> caf: transmise") in audit(
        server, record["id"])


def test_reorientation_without_consent_goes_to_the_counter(server: Server) -> None:
    bre = server.login("bre")
    record = make_record(9, oriented=("urssaf",))
    server.push(bre, record)
    response = post(server, "p_urssaf", record["id"], {"organisme": "caf", "note": ""},
                    "reorient")
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "a_transmettre"
    assert response.json()["consent_given"] is False
    # the Caf sees nothing until the worker consents
    assert server.client.get(f"/partner/dossiers/{record['id']}",
                             headers=server.login("p_caf")).status_code == 404
    payload = stored(server, record["id"])
    caf = next(o for o in payload["orientations"] if o["organisme"] == "caf")
    assert caf["status"] == "a_transmettre" and caf["note"] == "Réorientation demandée par Urssaf"
    validate_record(payload, load_questionnaire, today=server.clock.now.date())
    assert ("p_urssaf", "partner_reorient", "urssaf -> caf: consentement à recueillir") in \
        audit(server, record["id"])
    # the counter asks the worker, records the consent: the Caf sees the dossier
    payload["consents"].append(consent("caf"))
    payload["revision"] = 3
    [result] = server.push(server.login("bre"), payload, base=2)
    assert result["status"] == "accepted", result
    assert server.client.get(f"/partner/dossiers/{record['id']}",
                             headers=server.login("p_caf")).status_code == 200


def test_reorientation_refusals(server: Server) -> None:
    record = make_record(10, oriented=("caf", "urssaf"))
    server.push(server.login("bre"), record)
    own = post(server, "p_urssaf", record["id"], {"organisme": "urssaf"}, "reorient")
    assert own.status_code == 422 and own.json()["detail"].startswith("organisme:")
    twice = post(server, "p_urssaf", record["id"], {"organisme": "caf"}, "reorient")
    assert twice.status_code == 409 and "already oriented to caf" in twice.json()["detail"]
    unknown = post(server, "p_urssaf", record["id"], {"organisme": "pole_emploi"}, "reorient")
    assert unknown.status_code == 422
    hidden = make_record(11, oriented=("caf",))
    server.push(server.login("bre"), hidden)
    assert post(server, "p_urssaf", hidden["id"], {"organisme": "assurance_retraite"},
                "reorient").status_code == 404
    assert stored(server, record["id"])["revision"] == 1


def test_the_agenda_lists_the_organismes_appointments_of_the_days(server: Server) -> None:
    one = make_record(12, oriented=("urssaf", "caf"))
    two = make_record(13, oriented=("urssaf",))
    server.push(server.login("bre"), one, two)
    for dossier, body in ((one, {**RDV, "at": "2026-12-07T16:00:00+01:00"}),
                          (two, {**RDV, "at": "2026-12-07T09:30:00+01:00", "mode": "visio",
                                 "place": "https://visio.example.org/abc"}),
                          (two, {**RDV, "at": "2026-12-08T00:30:00+01:00"})):
        assert post(server, "p_urssaf", dossier["id"], body).status_code == 200
    assert post(server, "p_caf", one["id"], {**RDV, "at": "2026-12-07T11:00:00+01:00"}
                ).status_code == 200
    response = server.client.get("/partner/agenda", headers=server.login("p_urssaf"),
                                 params={"from": "2026-12-07", "to": "2026-12-07"})
    assert response.status_code == 200, response.text
    items = response.json()["appointments"]
    assert [(i["number"], i["at"]) for i in items] == [
        (two["number"], "2026-12-07T08:30:00+00:00"), (one["number"], "2026-12-07T15:00:00+00:00")]
    assert items[0]["name"] == "LE GOFF Yann" and items[0]["telephone"] == "02 98 00 00 00"
    assert items[0]["organisme"] == "urssaf" and items[0]["mode"] == "visio"
    two_days = server.client.get("/partner/agenda", headers=server.login("p_urssaf"),
                                 params={"from": "2026-12-07", "to": "2026-12-08"}).json()
    assert len(two_days["appointments"]) == 3
    for params in ({"from": "2026-12-08", "to": "2026-12-07"},
                   {"from": "2026-01-01", "to": "2027-06-01"},
                   {"from": "1000-01-01", "to": "1000-01-02"}, {"from": "hier"}):
        assert server.client.get("/partner/agenda", headers=server.login("p_urssaf"),
                                 params=params).status_code == 422
    assert server.client.get("/partner/agenda", headers=server.login("bre"),
                             params={"from": "2026-12-07", "to": "2026-12-07"}
                             ).status_code == 403
    # an erased dossier leaves the agenda with its rows
    erased = server.client.post(f"/dossiers/{two['id']}/erase", headers=server.login("bre"),
                                json={"reason": "demande_personne", "confirm": two["number"]})
    assert erased.status_code == 200, erased.text
    left = server.client.get("/partner/agenda", headers=server.login("p_urssaf"),
                             params={"from": "2026-12-07", "to": "2026-12-08"}).json()
    assert [i["number"] for i in left["appointments"]] == [one["number"]]


def test_sans_nouvelle_after_ten_working_days(server: Server) -> None:
    # pushed on Monday 9 November 2026: Wednesday 11 is the Armistice
    server.clock.now = datetime(2026, 11, 9, 9, 0, tzinfo=UTC)
    quiet = make_record(14, oriented=("urssaf",))
    busy = make_record(15, oriented=("urssaf",))
    server.push(server.login("bre"), quiet, busy)

    def inbox(**params: Any) -> dict[str, bool]:
        response = server.client.get("/partner/dossiers", headers=server.login("p_urssaf"),
                                     params=params)
        assert response.status_code == 200, response.text
        return {d["number"]: d["sans_nouvelle"] for d in response.json()["items"]}

    server.clock.now = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)  # 9 working days
    assert inbox() == {quiet["number"]: False, busy["number"]: False}
    assert inbox(sans_nouvelle="1") == {}
    server.clock.now = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)
    assert post(server, "p_urssaf", busy["id"], RDV).status_code == 200  # an action
    server.clock.now = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)  # 10 working days
    assert inbox() == {quiet["number"]: True, busy["number"]: False}
    assert inbox(sans_nouvelle="1") == {quiet["number"]: True}
    one = server.client.get(f"/partner/dossiers/{quiet['id']}", headers=server.login("p_urssaf"))
    assert one.json()["sans_nouvelle"] is True
    # the partner takes it up: no longer « sans nouvelle »
    server.client.post(f"/partner/dossiers/{quiet['id']}/orientation",
                       headers=server.login("p_urssaf"), json={"status": "recue"})
    assert inbox(sans_nouvelle="true") == {}
    server.clock.now += timedelta(days=15)
    assert inbox(sans_nouvelle="true") == {quiet["number"]: True, busy["number"]: True}
