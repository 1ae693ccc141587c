"""Issue 16 on the workstation's store: call-backs and appointments, the counter's note, each a
change of the dossier (revision, audit, outbox); their export and import; the Agenda of a day;
the « Sans nouvelle » filter of the list; migration 0011."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.dossier_service import DossierService
from app.models import migrate
from app.models import repository as repo
from app.models.appointments import agenda_rows, stale_orientations
from app.models.database import Store, make_engine
from app.models.entities import Appointment, AuditLog, Dossier, Outbox
from app.models.listing import count_dossiers, list_dossiers
from app.models.orientation_state import mark_transmitted
from tests.models.conftest import T0, identity, new_dossier

HASH = "0" * 64
TRANSMITTED = datetime(2026, 11, 9, 10, 0, tzinfo=UTC)  # Monday; the 11th is the Armistice
TEN = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
NINE = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def oriented(session: Session, store: Store, nom: str, organisme: str = "urssaf") -> Dossier:
    dossier = new_dossier(session, store, identity=identity(nom), agent="agent.test")
    repo.record_consent(session, dossier, organisme, given=True, mode="signe_accueil",
                        text_version="v1", text_hash=HASH, agent="agent.test", now=T0)
    repo.set_orientations(session, dossier, [organisme], agent="agent.test", now=T0)
    mark_transmitted(session, [(dossier.id, repo.to_export(dossier))], TRANSMITTED)
    session.commit()
    session.expire_all()
    return dossier


def rdv(session: Session, dossier: Dossier, at: datetime, **more: object) -> Appointment:
    options: dict[str, object] = {"kind": "rendez_vous", "organisme": "urssaf",
                                  "mode": "agence", "duration": 30, "by": "Mme Le Bris",
                                  "agent": "p_urssaf", **more}
    return repo.add_appointment(session, dossier, at=at, **options)  # type: ignore[arg-type]


def test_each_appointment_change_is_a_revision_with_audit_and_outbox(
        session: Session, store: Store) -> None:
    dossier = oriented(session, store, "Rdv")
    revision = dossier.revision
    callback = repo.add_appointment(session, dossier, kind="rappel", mode="telephone",
                                    at=datetime(2026, 12, 7, 8, 30, tzinfo=UTC), duration=15,
                                    by="A. Le Gall", note="  RIB  ", agent="agent.test")
    session.commit()
    assert dossier.revision == revision + 1
    outbox = session.scalars(select(Outbox).order_by(Outbox.id.desc())).first()
    assert outbox is not None and outbox.revision == dossier.revision
    [item] = json.loads(outbox.payload)["rendez_vous"]
    assert item == {"id": callback.id, "kind": "rappel", "organisme": None,
                    "at": "2026-12-07T08:30:00+00:00", "duration": 15, "mode": "telephone",
                    "place": "", "bring": "", "by": "A. Le Gall", "status": "fixe",
                    "created_at": item["created_at"], "updated_at": item["updated_at"],
                    "agent": "agent.test", "note": "RIB"}
    repo.set_appointment_status(session, dossier, callback.id.upper(), "fait",
                                agent="agent.test")
    repo.set_appointment_status(session, dossier, callback.id, "fait", agent="agent.test")
    repo.set_counter_note(session, dossier, "urssaf", "Joignable le matin", agent="agent.test")
    repo.set_counter_note(session, dossier, "urssaf", "Joignable le matin", agent="agent.test")
    session.commit()
    assert dossier.revision == revision + 3  # the repeated calls changed nothing
    actions = session.scalars(select(AuditLog.action).where(AuditLog.dossier_id == dossier.id)
                              .order_by(AuditLog.id.desc()).limit(3)).all()
    assert actions == ["counter_note", "appointment_status", "appointment"]
    detail = json.loads(session.scalars(select(AuditLog.detail).where(
        AuditLog.action == "counter_note")).one())
    assert detail == {"revision": revision + 3, "organisme": "urssaf", "cleared": False}
    export = repo.to_export(dossier)
    assert export["orientations"][0]["counter_note"] == "Joignable le matin"
    assert export["rendez_vous"][0]["status"] == "fait"
    repo.set_counter_note(session, dossier, "urssaf", "  ", agent="agent.test")
    assert "counter_note" not in repo.to_export(dossier)["orientations"][0]


@pytest.mark.parametrize(("options", "message"), [
    ({"kind": "rappel", "organisme": "urssaf"}, "kind: a rappel"),
    ({"kind": "rappel", "organisme": None, "mode": "agence"}, "kind: a rappel"),
    ({"organisme": "pole_emploi"}, "organisme"),
    ({"mode": "courrier"}, "mode"),
    ({"status": "reporte"}, "status"),
    ({"duration": 0}, "duration"),
    ({"duration": True}, "duration"),
    ({"place": "x" * 201}, "place: expected a text of at most 200"),
    ({"by": 3}, "by: expected a text"),
    ({"appointment_id": "rdv"}, "id: 'rdv' is not a UUID"),
])
def test_bad_appointments_are_refused_naming_the_field(
        session: Session, store: Store, options: dict[str, object], message: str) -> None:
    dossier = oriented(session, store, "Refus")
    revision = dossier.revision
    with pytest.raises(ValueError, match=message):
        rdv(session, dossier, datetime(2026, 12, 7, 9, tzinfo=UTC), **options)
    assert dossier.revision == revision


def test_other_refusals(session: Session, store: Store) -> None:
    dossier = oriented(session, store, "Autres")
    with pytest.raises(ValueError, match="naive"):
        rdv(session, dossier, datetime(2026, 12, 7, 9))
    first = rdv(session, dossier, datetime(2026, 12, 7, 9, tzinfo=UTC))
    with pytest.raises(ValueError, match="already an appointment"):
        rdv(session, dossier, datetime(2026, 12, 7, 9, tzinfo=UTC), appointment_id=first.id)
    with pytest.raises(ValueError, match="appointment: 'nope' is not an appointment"):
        repo.set_appointment_status(session, dossier, "nope", "fait", agent="x")
    with pytest.raises(ValueError, match="caf: the dossier is not oriented"):
        repo.set_counter_note(session, dossier, "caf", "x", agent="x")
    with pytest.raises(ValueError, match="at most 2000"):
        repo.set_counter_note(session, dossier, "urssaf", "x" * 2001, agent="x")
    service = DossierService(store, agent="agent.test")
    with pytest.raises(ValueError, match="^at: "):
        service.schedule_callback(dossier.id, datetime(2026, 12, 7, 9), "A")
    with pytest.raises(ValueError, match="^by: "):
        service.schedule_callback(dossier.id, datetime(2026, 12, 7, 9, tzinfo=UTC), "  ")


def test_export_and_bulk_import_carry_them(session: Session, store: Store) -> None:
    dossier = oriented(session, store, "Export")
    rdv(session, dossier, datetime(2026, 12, 8, 9, tzinfo=UTC), note="dossier complet")
    repo.add_appointment(session, dossier, kind="rappel", mode="telephone", duration=15,
                         at=datetime(2026, 12, 7, 9, tzinfo=UTC), agent="x")
    repo.set_counter_note(session, dossier, "urssaf", "Note", agent="x")
    session.commit()
    one = repo.to_export(dossier)
    [bulk] = [r for r in repo.iter_export(session) if r["id"] == dossier.id]
    assert bulk == one
    assert [i["kind"] for i in one["rendez_vous"]] == ["rappel", "rendez_vous"]
    # a newer revision from elsewhere replaces them
    newer = json.loads(json.dumps(one))
    newer["revision"] += 1
    newer["rendez_vous"] = newer["rendez_vous"][1:]
    newer["rendez_vous"][0]["status"] = "annule"
    newer["orientations"][0].pop("counter_note")
    result = repo.import_records(session, [newer], write_outbox=True)
    session.commit()
    assert result.updated == 1
    again = repo.to_export(repo.find_dossier(session, dossier.id))  # type: ignore[arg-type]
    assert again["rendez_vous"] == newer["rendez_vous"]
    assert "counter_note" not in again["orientations"][0]
    outbox = session.scalars(select(Outbox).order_by(Outbox.id.desc())).first()
    assert outbox is not None and json.loads(outbox.payload) == again
    # a new dossier imported with them
    fresh = json.loads(json.dumps(one))
    fresh["id"] = "0b6f1c9e-3c1d-4c3a-9a57-5f0e2d3c4b1a"
    fresh["number"] = "TI-BRE-09-2026-000001"
    assert repo.import_records(session, [fresh]).created == 1
    session.commit()
    assert repo.to_export(repo.find_dossier(session, fresh["id"]))[  # type: ignore[arg-type]
        "rendez_vous"] == one["rendez_vous"]
    # removing every local dossier takes their appointments (nothing unsent)
    session.execute(text("UPDATE outbox SET sent_at = '2026-12-01 00:00:00'"))
    assert repo.remove_local_dossiers(session) == 2
    assert session.scalars(select(Appointment)).all() == []


def test_the_agenda_of_a_french_local_day(session: Session, store: Store) -> None:
    one = oriented(session, store, "Matin")
    two = oriented(session, store, "Soir")
    # 23:30 UTC on 6 December is 00:30 on the 7th in Brest; 23:30 UTC on the 7th is the 8th
    rdv(session, one, datetime(2026, 12, 6, 23, 30, tzinfo=UTC))
    rdv(session, two, datetime(2026, 12, 7, 13, 0, tzinfo=UTC), status="annule")
    rdv(session, two, datetime(2026, 12, 7, 23, 30, tzinfo=UTC))
    session.commit()
    service = DossierService(store, agent="agent.test")
    day = service.agenda(date(2026, 12, 7))
    assert [(a.name, a.at.hour, a.status) for a in day] == [("MATIN Éloïse", 23, "fixe"),
                                                           ("SOIR Éloïse", 13, "annule")]
    assert day[0].dossier_number == one.number and day[0].organisme == "urssaf"
    assert service.agenda(date(2026, 12, 7), "BRE") == day
    assert service.agenda(date(2026, 12, 7), "QUI") == []
    start = datetime(2026, 12, 8, tzinfo=UTC)
    assert [r.nom for r in agenda_rows(session, start, start + timedelta(days=1))] == []


def test_sans_nouvelle_in_the_list_and_the_service(session: Session, store: Store) -> None:
    quiet = oriented(session, store, "Silence")
    noted = oriented(session, store, "Note")
    booked = oriented(session, store, "Rdv", organisme="caf")
    taken = oriented(session, store, "Recue")
    closed = oriented(session, store, "Clos")
    never = new_dossier(session, store, identity=identity("Jamais"), agent="agent.test")
    repo.record_consent(session, never, "urssaf", given=True, mode="signe_accueil",
                        text_version="v1", text_hash=HASH, agent="x", now=T0)
    repo.set_orientations(session, never, ["urssaf"], agent="x", now=T0)  # not transmitted
    # partner actions pulled from the store on the 16th and 20th
    repo.update_orientation(session, noted, "urssaf", status="a_transmettre",
                            note="Courrier envoyé", agent="p",
                            now=datetime(2026, 11, 16, 9, tzinfo=UTC))
    rdv(session, booked, datetime(2026, 12, 1, 9, tzinfo=UTC), organisme="caf",
        now=datetime(2026, 11, 20, 9, tzinfo=UTC))
    repo.update_orientation(session, taken, "urssaf", status="recue", agent="p",
                            now=datetime(2026, 11, 10, 9, tzinfo=UTC))
    repo.set_status(session, closed, "clos", agent="x")
    session.commit()

    assert count_dossiers(session, stale_at=NINE) == 0
    assert {r.nom for r in list_dossiers(session, stale_at=TEN)} == {"Silence"}
    # counting from the partner's last action
    assert {r.nom for r in list_dossiers(session, stale_at=datetime(
        2026, 11, 30, 9, tzinfo=UTC))} == {"Silence", "Recue", "Note"}
    assert {r.nom for r in list_dossiers(session, stale_at=datetime(
        2026, 12, 4, 9, tzinfo=UTC))} == {"Silence", "Recue", "Note", "Rdv"}
    assert count_dossiers(session, stale_at=TEN, text="Silence") == 1
    # the service's list: the same rule (app.forms.workdays.is_stale), with the time since
    stale = stale_orientations(session, datetime(2026, 12, 4, 9, tzinfo=UTC))
    assert [(s.dossier_number, s.organisme, s.since) for s in stale] == [
        (quiet.number, "urssaf", TRANSMITTED),
        (taken.number, "urssaf", datetime(2026, 11, 10, 9, tzinfo=UTC)),
        (noted.number, "urssaf", datetime(2026, 11, 16, 9, tzinfo=UTC)),
        (booked.number, "caf", datetime(2026, 11, 20, 9, tzinfo=UTC))]
    assert DossierService(store, agent="x").stale_orientations(TEN) == [
        (quiet.number, "urssaf", TRANSMITTED)]
    assert [s.dossier_id for s in stale_orientations(
        session, TEN, dossier_ids=[noted.id, quiet.id])] == [quiet.id]


def test_migration_0011_keeps_the_prints_and_allows_convocations(tmp_path: Path) -> None:
    from alembic import command

    engine = make_engine(tmp_path / "m.db", None)
    with engine.begin() as connection:
        command.upgrade(migrate.alembic_config(connection), "0010")
        connection.exec_driver_sql(
            "INSERT INTO sites (code, name, kind, address, postal_code, commune, departement) "
            "VALUES ('BRE', 'Brest', 'accueil', '[]', '29200', 'Brest', '29')")
        connection.exec_driver_sql(
            "INSERT INTO dossiers (pk, id, number, site_code, workstation_code, channel, "
            "questionnaire, status, urgent, revision, agent, created_at, updated_at, nom, "
            "prenom, name_key, search_rowid, sync_state) VALUES (1, 'd', "
            "'TI-BRE-02-2026-000001', 'BRE', '02', 'accueil', 'help-v1', 'brouillon', 0, 1, "
            "'a', '2026-01-01', '2026-01-01', 'N', 'P', 'n p', 1, 'local')")
        connection.exec_driver_sql(
            "INSERT INTO printed_documents (pk, dossier_pk, kind, organisme, printed_at, agent, "
            "content_hash, figures) VALUES (7, 1, 'letter', 'urssaf', '2026-01-02', 'a', 'h', "
            "'{}')")
    migrate.upgrade(engine)
    with engine.begin() as connection:
        row = connection.exec_driver_sql(
            "SELECT pk, kind, organisme, figures FROM printed_documents").one()
        assert tuple(row) == (7, "letter", "urssaf", "{}")
        connection.exec_driver_sql(
            "INSERT INTO printed_documents (dossier_pk, kind, printed_at, agent, content_hash) "
            "VALUES (1, 'convocation', '2026-01-03', 'a', 'k')")
        with pytest.raises(Exception, match="CHECK constraint"):
            with connection.begin_nested():
                connection.exec_driver_sql(
                    "INSERT INTO printed_documents (dossier_pk, kind, printed_at, agent, "
                    "content_hash) VALUES (1, 'affiche', '2026-01-03', 'a', 'k')")
        indexes = {r[1] for r in connection.exec_driver_sql(
            "PRAGMA index_list('printed_documents')")}
        assert "ix_printed_documents_dossier_pk" in indexes
    with engine.begin() as connection:
        command.downgrade(migrate.alembic_config(connection), "0010")
        kinds = [r[0] for r in connection.exec_driver_sql(
            "SELECT kind FROM printed_documents")]
        assert kinds == ["letter"]
        tables = {r[0] for r in connection.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "appointments" not in tables
    engine.dispose()
