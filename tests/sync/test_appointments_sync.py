"""Issue 16 end to end, on SQLite and PostgreSQL: an appointment a partner sets on the central
store reaches the counter after a sync round (its panel's ``appointments``, the Agenda, its
``.ics``), the counter's call-backs and notes go the other way, concurrent edits of
``rendez_vous`` merge, a dossier transmitted 10 working days ago without news is flagged at the
counter and in the partner's inbox, and a partner re-orients a dossier with and without the
worker's consent."""

from __future__ import annotations

import copy
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from app.document_service import DocumentService
from app.dossier_service import DossierService
from app.forms.deployment import ENV_VAR as DEPLOYMENT_ENV
from app.forms.workdays import stale_working_days
from app.models import repository
from app.models.database import Store
from app.models.listing import ListFilters
from app.server.admin import create_agent
from app.sync.client import SyncClient
from app.sync.ledger import list_count, list_page
from app.sync.merge import merge3
from app.sync.partner import PartnerClient, PartnerDossier
from tests.server.conftest import PASSWORD, Server
from tests.sync.conftest import BAKER, Sleeps, bearer, new_dossier

MONDAY_7_DEC = date(2026, 12, 7)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def listed(client: PartnerClient, **filters: Any) -> list[PartnerDossier]:
    """The dossiers of the first page of the list, each read as the agent opens it."""
    return [client.dossier(row.id) for row in client.inbox(**filters).rows]


def counter(store: Store, server: Server, sleeps: Sleeps,
            clock: Callable[[], datetime] | None = None) -> SyncClient:
    options = {} if clock is None else {"clock": clock}
    return SyncClient(store, server.client, token=lambda: bearer(server), sleep=sleeps,
                      **options)  # type: ignore[arg-type]


def partner(server: Server, sleeps: Sleeps, login: str = "p_urssaf") -> PartnerClient:
    return PartnerClient(server.client, lambda: bearer(server, login), sleep=sleeps,
                         jitter=lambda: 0.0)


def test_a_partners_appointment_reaches_the_counter_panel_agenda_and_calendar(
        store: Store, any_central: Server, sleeps: Sleeps) -> None:
    dossier_id = new_dossier(store, answers=tuple(BAKER["answers"]), consents={"urssaf": True})
    service = DossierService(store, agent="A. Le Gall")
    callback = service.schedule_callback(dossier_id, datetime(2026, 12, 7, 8, 30, tzinfo=UTC),
                                         "A. Le Gall", "rappeler pour le RIB")
    sync = counter(store, any_central, sleeps)
    assert sync.run_round().in_sync

    inbox = partner(any_central, sleeps)
    [seen] = listed(inbox)
    assert seen.appointments == ()  # the counter's call-back is not the Urssaf's business
    moment = datetime(2026, 12, 7, 14, 30, tzinfo=UTC)  # 15 h 30 in Brest
    updated = inbox.set_appointment(dossier_id, at=moment, duration=45, mode="agence",
                                    place="Urssaf Bretagne, Brest", bring="Avis d’imposition",
                                    by="Mme Le Bris", status="fixe")
    [appointment] = updated.appointments
    assert appointment["status"] == "fixe" and updated.revision == seen.revision + 1

    summary = sync.run_round()
    assert summary.applied == 1 and summary.in_sync, summary.line()
    items = service.appointments(dossier_id)
    assert [(i["kind"], i["organisme"], i["at"]) for i in items] == [
        ("rappel", None, "2026-12-07T08:30:00+00:00"),
        ("rendez_vous", "urssaf", "2026-12-07T14:30:00+00:00")]
    assert items[0]["id"] == callback["id"] and items[0]["note"] == "rappeler pour le RIB"

    agenda = service.agenda(MONDAY_7_DEC, "BRE")
    assert [(a.kind, a.organisme, a.at, a.by, a.status) for a in agenda] == [
        ("rappel", None, datetime(2026, 12, 7, 8, 30, tzinfo=UTC), "A. Le Gall", "fixe"),
        ("rendez_vous", "urssaf", moment, "Mme Le Bris", "fixe")]
    assert agenda[1].name == "LE GOFF Yann" and agenda[1].telephone == "02 98 00 00 00"
    assert agenda[1].dossier_id == dossier_id and agenda[1].mode == "agence"
    assert service.agenda(MONDAY_7_DEC, "QUI") == []
    assert service.agenda(MONDAY_7_DEC + timedelta(days=1)) == []

    ics = DocumentService(store).appointment_ics(dossier_id, appointment["id"])
    event = Calendar.from_ical(ics).walk("VEVENT")[0]
    start = event["dtstart"].dt
    assert start == moment and str(start.tzinfo) == "Europe/Paris"
    assert (start.hour, start.minute) == (15, 30)
    assert event["dtstart"].params["TZID"] == "Europe/Paris"
    assert event["dtend"].dt - start == timedelta(minutes=45)
    assert str(event["uid"]) == appointment["id"]
    assert "Urssaf" in str(event["summary"]) and str(event["location"]) == \
        "Urssaf Bretagne, Brest"
    record = service.record(dossier_id)
    assert record["identity"]["nir"] not in ics.decode("utf-8").replace("\r\n ", "")
    assert b"VTIMEZONE" in ics

    # the partner's agenda of that day, from the store
    [entry] = inbox.agenda(MONDAY_7_DEC)
    assert (entry.id, entry.at, entry.dossier_number, entry.organisme) == (
        appointment["id"], moment, record["number"], "urssaf")


def test_the_counter_may_only_close_its_own_call_backs(store: Store, any_central: Server,
                                                       sleeps: Sleeps) -> None:
    dossier_id = new_dossier(store, answers=tuple(BAKER["answers"]), consents={"urssaf": True})
    service = DossierService(store, agent="A. Le Gall")
    mine = service.schedule_callback(dossier_id, datetime(2026, 12, 7, 8, 30, tzinfo=UTC),
                                     "A. Le Gall")
    sync = counter(store, any_central, sleeps)
    sync.run_round()
    partner(any_central, sleeps).set_appointment(dossier_id, at="2026-12-08T10:00:00+01:00",
                                                 mode="telephone", by="M. Gourvès")
    sync.run_round()
    theirs = next(i for i in service.appointments(dossier_id) if i["kind"] == "rendez_vous")
    with pytest.raises(ValueError, match="changed by its agents on the central store"):
        service.set_appointment_status(dossier_id, theirs["id"], "annule")
    assert service.set_appointment_status(dossier_id, mine["id"], "fait")["status"] == "fait"
    assert sync.run_round().in_sync
    stored = any_central.client.get(f"/dossiers/{dossier_id}",
                                    headers=any_central.login("bre")).json()
    assert {i["kind"]: i["status"] for i in stored["rendez_vous"]} == {
        "rappel": "fait", "rendez_vous": "propose"}


def test_concurrent_edits_of_rendez_vous_merge(store: Store, any_central: Server,
                                               sleeps: Sleeps) -> None:
    """The counter plans a call-back and writes a note while the partner sets an appointment:
    the next round merges both (the union of the items, the store's appointment unchanged)."""
    dossier_id = new_dossier(store, answers=tuple(BAKER["answers"]), consents={"urssaf": True})
    sync = counter(store, any_central, sleeps)
    assert sync.run_round().in_sync
    service = DossierService(store, agent="A. Le Gall")
    service.schedule_callback(dossier_id, datetime(2026, 12, 9, 9, 0, tzinfo=UTC), "A. Le Gall")
    service.set_counter_note(dossier_id, "urssaf", "Joignable le matin uniquement")
    partner(any_central, sleeps).set_appointment(dossier_id, at="2026-12-10T10:00:00+01:00",
                                                 mode="visio", place="https://visio.example",
                                                 status="propose")
    summary = sync.run_round()
    assert summary.merged == 1 and summary.in_sync, summary.line()
    stored = any_central.client.get(f"/dossiers/{dossier_id}",
                                    headers=any_central.login("bre")).json()
    assert [(i["kind"], i["at"]) for i in stored["rendez_vous"]] == [
        ("rappel", "2026-12-09T09:00:00+00:00"), ("rendez_vous", "2026-12-10T09:00:00+00:00")]
    assert stored["orientations"][0]["counter_note"] == "Joignable le matin uniquement"
    assert service.appointments(dossier_id) == stored["rendez_vous"]
    # the partner reads the counter's note
    [seen] = listed(partner(any_central, sleeps))
    assert seen.counter_note == "Joignable le matin uniquement"


def test_merge_rules_of_rendez_vous_and_counter_notes() -> None:
    def item(kind: str, updated: str, **changes: object) -> dict[str, object]:
        return {"id": str(uuid.uuid4()), "kind": kind,
                "organisme": None if kind == "rappel" else "urssaf",
                "at": "2026-12-07T09:00:00+00:00", "duration": 15, "mode": "telephone",
                "place": "", "bring": "", "by": "A", "status": "fixe",
                "created_at": "2026-12-01T09:00:00+00:00", "updated_at": updated,
                "agent": "A", **changes}

    from tests.server.conftest import make_record
    base = make_record(1, oriented=("urssaf",))
    shared = item("rappel", "2026-12-01T09:00:00+00:00")
    theirs_rdv = item("rendez_vous", "2026-12-01T09:00:00+00:00")
    base["rendez_vous"] = [shared, theirs_rdv]
    local, server = copy.deepcopy(base), copy.deepcopy(base)
    # the same call-back changed on both sides: the later change wins
    local["rendez_vous"][0].update(status="fait", updated_at="2026-12-02T09:00:00+00:00")
    server["rendez_vous"][0].update(status="annule", updated_at="2026-12-03T09:00:00+00:00")
    # a partner's appointment: always the store's
    local["rendez_vous"][1].update(status="annule", updated_at="2026-12-09T09:00:00+00:00")
    server["rendez_vous"][1].update(status="fixe", updated_at="2026-12-02T09:00:00+00:00")
    # new items on each side: kept
    local["rendez_vous"].append(item("rappel", "2026-12-02T09:00:00+00:00",
                                     at="2026-12-06T09:00:00+00:00"))
    server["rendez_vous"].append(item("rendez_vous", "2026-12-02T09:00:00+00:00",
                                      at="2026-12-08T09:00:00+00:00"))
    local["orientations"][0]["counter_note"] = "note locale"
    result = merge3(base, local, server)
    merged = result.merged["rendez_vous"]
    assert [i["at"] for i in merged] == ["2026-12-06T09:00:00+00:00",
                                         "2026-12-07T09:00:00+00:00",
                                         "2026-12-07T09:00:00+00:00",
                                         "2026-12-08T09:00:00+00:00"]
    by_id = {i["id"]: i for i in merged}
    assert by_id[shared["id"]]["status"] == "annule"  # the store's change is later
    assert by_id[theirs_rdv["id"]]["status"] == "fixe"  # the partner's
    assert "rendez_vous" in result.by_rule and not result.conflicts
    assert result.merged["orientations"][0]["counter_note"] == "note locale"
    # changed on one side only: that side's, whatever the times
    only_local = copy.deepcopy(base)
    only_local["rendez_vous"][0].update(status="fait", updated_at="2026-11-01T09:00:00+00:00")
    merged = merge3(base, only_local, base).merged["rendez_vous"]
    assert next(i for i in merged if i["id"] == shared["id"])["status"] == "fait"
    # the counter's note: the store's when unchanged here, removed when removed there
    server_note = copy.deepcopy(base)
    server_note["orientations"][0]["counter_note"] = "note d’un autre poste"
    assert merge3(base, base, server_note).merged["orientations"][0]["counter_note"] == \
        "note d’un autre poste"
    assert "counter_note" not in merge3(server_note, server_note, base).merged[
        "orientations"][0]
    # without a base, a note is never dropped; no items at all: no key
    assert merge3(None, base, server_note).merged["orientations"][0]["counter_note"] == \
        "note d’un autre poste"
    bare = make_record(1, oriented=("urssaf",))
    assert "rendez_vous" not in merge3(bare, bare, bare).merged


def test_sans_nouvelle_after_ten_working_days_at_the_counter_and_the_partner(
        store: Store, any_central: Server, sleeps: Sleeps,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Transmitted on Monday 9 November 2026 (Wednesday 11 is the Armistice): 9 working days
    on the 23rd, 10 on the 24th."""
    # the dossiers are opened and oriented that morning
    monkeypatch.setattr(repository, "utcnow", lambda: datetime(2026, 11, 9, 9, 0, tzinfo=UTC))
    quiet = new_dossier(store, answers=tuple(BAKER["answers"]), consents={"urssaf": True})
    busy = new_dossier(store, answers=tuple(BAKER["answers"]), consents={"urssaf": True},
                       nom="Kerjean")
    service = DossierService(store, agent="A. Le Gall")
    numbers = {service.record(d)["number"]: d for d in (quiet, busy)}
    transmitted = datetime(2026, 11, 9, 10, 0, tzinfo=UTC)
    any_central.clock.now = transmitted
    clock = Clock(transmitted)
    sync = counter(store, any_central, sleeps, clock)
    assert sync.run_round().in_sync

    def flagged(now: datetime) -> set[str]:
        page = list_page(store, ListFilters(stale_at=now), limit=50)
        assert list_count(store, ListFilters(stale_at=now)) == len(page.rows)
        return {r.id for r in page.rows}

    def partner_flags() -> dict[str, bool]:
        return {d.id: d.sans_nouvelle for d in listed(partner(any_central, sleeps))}

    nine = datetime(2026, 11, 23, 16, 0, tzinfo=UTC)
    ten = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
    assert flagged(nine) == set()
    assert service.stale_orientations(nine) == []
    any_central.clock.now = nine
    assert partner_flags() == {quiet: False, busy: False}
    # the partner takes up one of them on the 16th
    any_central.clock.now = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)
    partner(any_central, sleeps).update(busy, "recue")
    clock.now = datetime(2026, 11, 16, 9, 5, tzinfo=UTC)
    assert sync.run_round().in_sync

    assert flagged(ten) == {quiet}
    [(number, organisme, since)] = service.stale_orientations(ten)
    assert (numbers[number], organisme, since) == (quiet, "urssaf", transmitted)
    any_central.clock.now = ten
    assert partner_flags() == {quiet: True, busy: False}
    assert [d.id for d in listed(partner(any_central, sleeps), status="sans_nouvelle")] == [quiet]
    # a month later, both wait for news; the other filters still combine
    assert flagged(ten + timedelta(days=30)) == {quiet, busy}
    assert list_count(store, ListFilters(stale_at=ten, text="Kerjean")) == 0


def test_sans_nouvelle_follows_the_deployment_setting(
        store: Store, any_central: Server, sleeps: Sleeps, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A deployment file with ``[follow_up] stale_working_days = 5`` (the workstation and the
    central store, one process here, read the same file): transmitted on Monday 9 November
    2026, 4 working days on the 16th (the 11th is the Armistice), 5 on the 17th."""
    deployment = tmp_path / "deployment.toml"
    deployment.write_text("[follow_up]\nstale_working_days = 5\n", encoding="utf-8")
    monkeypatch.setenv(DEPLOYMENT_ENV, str(deployment))
    stale_working_days.cache_clear()  # (tests/conftest.py clears it after the test)
    assert stale_working_days() == 5

    monkeypatch.setattr(repository, "utcnow", lambda: datetime(2026, 11, 9, 9, 0, tzinfo=UTC))
    quiet = new_dossier(store, answers=tuple(BAKER["answers"]), consents={"urssaf": True})
    service = DossierService(store, agent="A. Le Gall")
    transmitted = datetime(2026, 11, 9, 10, 0, tzinfo=UTC)
    any_central.clock.now = transmitted
    assert counter(store, any_central, sleeps, Clock(transmitted)).run_round().in_sync

    def flagged(now: datetime) -> set[str]:
        return {r.id for r in list_page(store, ListFilters(stale_at=now), limit=50).rows}

    four = datetime(2026, 11, 16, 16, 0, tzinfo=UTC)
    five = datetime(2026, 11, 17, 8, 0, tzinfo=UTC)
    assert flagged(four) == set() and service.stale_orientations(four) == []
    any_central.clock.now = four
    assert [d.sans_nouvelle for d in listed(partner(any_central, sleeps))] == [False]

    assert flagged(five) == {quiet}  # the counter's « Sans nouvelle » filter
    [(number, organisme, since)] = service.stale_orientations(five)
    assert (number, organisme, since) == (service.record(quiet)["number"], "urssaf",
                                          transmitted)
    any_central.clock.now = five
    assert [(d.id, d.sans_nouvelle) for d in listed(partner(any_central, sleeps))] == [
        (quiet, True)]
    assert [d.id for d in listed(partner(any_central, sleeps), status="sans_nouvelle")] == [quiet]


@pytest.fixture
def partners(any_central: Server) -> None:
    for organisme in ("assurance_maladie", "service_social"):
        create_agent(any_central.app.state.engine, login=f"p_{organisme}",
                     organisme=organisme, site="REN", role="partenaire", password=PASSWORD)


@pytest.mark.usefixtures("partners")
def test_reorientation_with_and_without_consent_through_sync(
        store: Store, any_central: Server, sleeps: Sleeps) -> None:
    # consent given to the Assurance Maladie, which the answers do not orient to
    dossier_id = new_dossier(store, answers=tuple(BAKER["answers"]),
                             consents={"urssaf": True, "assurance_maladie": True})
    service = DossierService(store, agent="A. Le Gall")
    assert [o["organisme"] for o in service.record(dossier_id)["orientations"]] == ["urssaf"]
    sync = counter(store, any_central, sleeps)
    assert sync.run_round().in_sync
    urssaf = partner(any_central, sleeps)

    done = urssaf.reorient(dossier_id, "assurance_maladie", "Arrêt maladie en cours")
    assert done.transmitted and done.consent_given
    assert [d.id for d in listed(partner(any_central, sleeps, "p_assurance_maladie"))] == [
        dossier_id]
    asked = urssaf.reorient(dossier_id, "service_social", "Situation d’épuisement")
    assert not asked.transmitted and asked.status == "a_transmettre"
    assert listed(partner(any_central, sleeps, "p_service_social")) == []

    summary = sync.run_round()
    assert summary.in_sync, summary.line()
    states = {o["organisme"]: o for o in service.record(dossier_id)["orientations"]}
    assert states["assurance_maladie"]["status"] == "transmise"
    assert states["service_social"]["status"] == "a_transmettre"
    [request] = service.consent_requests(dossier_id)
    assert request.organisme == "service_social"
    assert request.note == "Réorientation demandée par Urssaf\u00a0: Situation d’épuisement"
    history = [h.action for h in service.history(dossier_id)]
    assert "import_update" in history  # the store's revision, in the dossier's history

    # the counter asks the worker, who agrees: the Service social sees the dossier
    service.record_consents(dossier_id, {"service_social": True}, mode="signe_accueil")
    assert service.consent_requests(dossier_id) == []
    assert sync.run_round().in_sync
    [seen] = listed(partner(any_central, sleeps, "p_service_social"))
    assert seen.id == dossier_id and seen.follow_up.note.startswith("Réorientation demandée")
    rows = any_central.client.get("/admin/audit", headers=any_central.login("bre")).status_code
    assert rows == 403  # the audit is the administrator's


def test_partner_client_errors_name_the_field(central: Server, sleeps: Sleeps,
                                              store: Store) -> None:
    from app.sync.partner import PartnerError

    dossier_id = new_dossier(store, answers=tuple(BAKER["answers"]), consents={"urssaf": True})
    assert counter(store, central, sleeps).run_round().in_sync
    client = partner(central, sleeps)
    with pytest.raises(PartnerError) as naive:
        client.set_appointment(dossier_id, at=datetime(2026, 12, 7, 9), mode="agence")
    assert naive.value.kind == "invalid" and naive.value.field == "at"
    with pytest.raises(PartnerError) as refused:
        client.set_appointment(dossier_id, at="2026-12-07T09:00:00+01:00", mode="courrier")
    assert refused.value.kind == "invalid"
    with pytest.raises(PartnerError) as own:
        client.reorient(dossier_id, "urssaf")
    assert own.value.kind == "invalid" and own.value.field == "organisme"
    with pytest.raises(PartnerError) as gone:
        client.reorient(str(uuid.uuid4()), "caf")
    assert gone.value.kind == "gone"
    assert client.agenda(MONDAY_7_DEC, MONDAY_7_DEC + timedelta(days=6)) == []
    with pytest.raises(PartnerError) as backwards:
        client.agenda(MONDAY_7_DEC, MONDAY_7_DEC - timedelta(days=1))
    assert backwards.value.kind == "invalid"
