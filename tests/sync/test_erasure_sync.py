"""Erasure and retention through sync (issue 13), on SQLite and PostgreSQL: a synced dossier a
partner read, erased at the counter, leaves no identity on either workstation, in no partner
view and no export; the audit shows the erasure; unsent edits elsewhere never bring it back;
retention runs at start and after a round, and the store's dry run lists what its run does."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text, update

from app.cli import main
from app.dossier_service import DossierService
from app.forms.codes import ORGANISMES
from app.models.database import Store
from app.models.entities import Dossier
from app.models.erasure import apply_at_start
from app.models.repository import iter_export
from app.server.admin import create_agent
from app.sync.client import SyncClient, retention_rules
from tests.forms.test_identity import NIR
from tests.server.conftest import PASSWORD, Server
from tests.sync.conftest import BAKER, bearer, new_dossier

PERSONAL = ("Le Goff", "LE GOFF", "Yann", "YANN", NIR, "73282932000074", "732 829 320",
            "02 98 00 00 00", "0298000000")


def found_identity(text_: str) -> list[str]:
    return [p for p in PERSONAL if p in text_]


def every_text(engine_rows: Iterator[tuple[str, list[str]]]) -> str:
    return "\n".join(f"{table}: {row}" for table, rows in engine_rows for row in rows)


def dump_local(store: Store) -> str:
    """Every row of every table of a local store, as text."""
    def rows() -> Iterator[tuple[str, list[str]]]:
        with store.engine.connect() as connection:
            for table in inspect(connection).get_table_names():
                if table.startswith("dossier_search"):
                    continue  # contentless full-text index: its tokens are checked by search
                yield table, [repr(tuple(r)) for r in connection.execute(
                    text(f'SELECT * FROM "{table}"'))]
    return every_text(rows())


def dump_central(url: str) -> str:
    engine = create_engine(url)
    try:
        def rows() -> Iterator[tuple[str, list[str]]]:
            with engine.connect() as connection:
                for table in inspect(connection).get_table_names():
                    yield table, [repr(tuple(r)) for r in connection.execute(
                        text(f'SELECT * FROM "{table}"'))]
        return every_text(rows())
    finally:
        engine.dispose()


def other_person(store: Store) -> str:
    """A dossier of someone else (no field in common with the erased person's identity)."""
    return DossierService(store, agent="A. Le Gall").create(
        identity={"nom": "Kervella", "prenom": "Nolwenn", "telephone": "02 97 11 22 33"},
        profile=BAKER["profile"], channel="accueil")


def database_url(server: Server) -> str:
    return server.app.state.engine.url.render_as_string(hide_password=False)


@pytest.fixture
def clients(any_central: Server, store: Store, second_store: Store) -> tuple[SyncClient,
                                                                               SyncClient]:
    token = bearer(any_central)
    return (SyncClient(store, any_central.client, token=token, sleep=lambda s: None),
            SyncClient(second_store, any_central.client, token=token, sleep=lambda s: None))


def test_an_erased_dossier_leaves_no_identity_on_workstations_partners_or_exports(
        any_central: Server, store: Store, second_store: Store, data_dir: Path,
        tmp_path: Path, clients: tuple[SyncClient, SyncClient],
        capsys: pytest.CaptureFixture[str]) -> None:
    first, second = clients
    dossier_id = new_dossier(store, consents={o: True for o in ORGANISMES})
    kept_id = other_person(store)
    assert first.run_round().in_sync
    assert second.run_round().in_sync
    partner = any_central.login("p_urssaf")
    seen = any_central.client.get(f"/partner/dossiers/{dossier_id}", headers=partner)
    assert seen.status_code == 200 and seen.json()["identity"]["nom"] == "Le Goff"
    number = DossierService(store, agent="x").record(dossier_id)["number"]
    assert found_identity(dump_local(second_store))

    assert main(["erase", number, "--reason", "demande_personne", "--yes", "--agent",
                 "A. Le Gall", "--data-dir", str(data_dir)]) == 0
    assert f"dossier {number} erased" in capsys.readouterr().out
    summary = first.run_round()
    assert summary.erase_requests == 1 and summary.in_sync, summary.line()
    summary = second.run_round()
    assert summary.erased == 1 and summary.in_sync, summary.line()

    # no workstation, no partner view, no export holds its identity
    for local in (store, second_store):
        assert found_identity(dump_local(local)) == []
        with local.session() as session:
            assert [r["id"] for r in iter_export(session)] == [kept_id]
    assert any_central.client.get("/partner/dossiers", headers=partner).json()["items"] == []
    assert any_central.client.get(f"/partner/dossiers/{dossier_id}",
                                  headers=partner).status_code == 404
    url = database_url(any_central)
    assert main(["export", "--data-dir", str(data_dir)]) == 0
    assert main(["admin", "export", "--database", url]) == 0
    exported = capsys.readouterr().out
    assert "Kervella" in exported and found_identity(exported) == []
    assert found_identity(dump_central(url)) == []
    # the audit shows the erasure (on the store and in the workstations' history)
    create_agent(any_central.app.state.engine, login="admin", organisme="urssaf", site="REN",
                 role="admin", password=PASSWORD)
    admin = any_central.login("admin")
    entries = any_central.client.get("/admin/audit", headers=admin,
                                     params={"dossier_id": dossier_id}).json()["entries"]
    assert [(e["action"], e["detail"]) for e in entries if e["action"] == "erase"] == [
        ("erase", "demande_personne")]
    assert {e["action"] for e in entries} >= {"push_accepted", "partner_read", "erase"}
    for local, origin in ((store, "here"), (second_store, "store")):
        history = dump_local(local)
        assert f"'erase', '{json.dumps({'reason': 'demande_personne', 'origin': origin})}'" \
            in history


def test_unsent_edits_elsewhere_do_not_bring_an_erased_dossier_back(
        any_central: Server, store: Store, second_store: Store,
        clients: tuple[SyncClient, SyncClient]) -> None:
    first, second = clients
    dossier_id = new_dossier(store)
    first.run_round()
    second.run_round()
    DossierService(second_store, agent="B").answer(dossier_id, "Q03", "non")  # not sent yet
    with store.transaction() as session:
        from app.models.erasure import erase_dossier
        from app.models.repository import find_dossier

        dossier = find_dossier(session, dossier_id)
        assert dossier is not None
        erase_dossier(session, dossier, confirm=dossier.number.lower(),
                      reason="demande_personne", agent="A", now=datetime.now(UTC))
    assert first.run_round().in_sync

    summary = second.run_round()
    assert summary.erased == 1 and summary.in_sync, summary.line()
    assert any("was erased on the central store" in n for n in summary.notices)
    with second_store.session() as session:
        assert list(iter_export(session)) == []
    assert found_identity(dump_local(second_store)) == []
    assert found_identity(dump_central(database_url(any_central))) == []
    assert second.run_round().in_sync
    assert first.run_round().in_sync


def test_a_push_of_an_erased_dossier_is_dropped_and_said(
        any_central: Server, store: Store, second_store: Store,
        clients: tuple[SyncClient, SyncClient]) -> None:
    """The store erased it while this workstation still had it, edited, and pushes first."""
    first, second = clients
    dossier_id = new_dossier(store)
    first.run_round()
    second.run_round()
    DossierService(second_store, agent="B").answer(dossier_id, "Q03", "non")
    number = DossierService(store, agent="x").record(dossier_id)["number"]
    erased = any_central.client.post(f"/dossiers/{dossier_id}/erase",
                                     headers=any_central.login("bre"),
                                     json={"reason": "demande_personne", "confirm": number})
    assert erased.status_code == 200
    summary = second.run_round()
    assert summary.erased == 1 and summary.in_sync, summary.line()
    assert any(number in n for n in summary.notices)
    with second_store.session() as session:
        assert list(iter_export(session)) == []


def test_retention_at_start_and_after_a_round(any_central: Server, store: Store,
                                              second_store: Store,
                                              clients: tuple[SyncClient, SyncClient]) -> None:
    first, _ = clients
    old_draft = new_dossier(store, answers=())
    young_draft = other_person(store)
    long_ago = datetime.now(UTC) - timedelta(days=120)
    with store.transaction() as session:
        session.execute(update(Dossier).where(Dossier.id == old_draft)
                        .values(updated_at=long_ago))
    report = apply_at_start(store, datetime.now(UTC))
    assert report is not None and [d.id for d in report.done] == [old_draft]
    with store.session() as session:
        assert [r["id"] for r in iter_export(session)] == [young_draft]
    assert "'erase', '{\"reason\": \"retention_delete\", \"origin\": \"retention\"}'" \
        in dump_local(store)

    # after a round: a synced closed dossier untouched for 25 months
    closed = new_dossier(second_store, nom="Tanguy")
    with second_store.transaction() as session:
        session.execute(update(Dossier).where(Dossier.id == closed)
                        .values(status="clos"))
    later = SyncClient(second_store, any_central.client, token=bearer(any_central),
                       retention=retention_rules(second_store),
                       clock=lambda: datetime.now(UTC) + timedelta(days=800))
    summary = later.run_round()
    assert summary.retention is not None
    assert [d.id for d in summary.retention.done] == [closed], summary.line()
    assert "retention: 1 closed dossiers" in summary.line()


def test_store_retention_dry_run_then_run_from_the_command_line(
        any_central: Server, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.server.conftest import make_record

    bre = any_central.login("bre")
    any_central.clock.now = datetime(2024, 1, 10, tzinfo=UTC)
    bre = any_central.login("bre")
    old = [make_record(i, status=s, created_at="2024-01-09T09:00:00+00:00",
                       updated_at="2024-01-09T09:30:00+00:00")
           for i, s in ((1, "clos"), (2, "brouillon"), (3, "oriente"))]
    assert [r["status"] for r in any_central.push(bre, *old)] == ["accepted"] * 3
    url = database_url(any_central)
    assert main(["admin", "retention", "--database", url, "--dry-run"]) == 0
    dry = capsys.readouterr().out.splitlines()
    assert dry[0].startswith("retention (dry run): would anonymise 1 closed dossiers")
    assert "would delete 1 drafts" in dry[0] and "signals do not exist yet" in dry[0]
    assert dry[1:] == [f"anonymise closed_dossier {old[0]['id']} {old[0]['number']}",
                       f"delete draft {old[1]['id']} {old[1]['number']}"]
    assert main(["admin", "retention", "--database", url]) == 0
    done = capsys.readouterr().out.splitlines()
    assert done[0].startswith("retention: anonymised 1 closed dossiers")
    assert done[1:] == dry[1:]
    assert main(["admin", "export", "--database", url]) == 0
    assert [json.loads(line)["id"] for line in capsys.readouterr().out.splitlines()] == [
        old[2]["id"]]
    assert main(["admin", "retention", "--database", url, "--dry-run"]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == []


def test_erase_asks_for_the_number_and_refuses_a_wrong_one(
        store: Store, data_dir: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    import io
    import sys

    dossier_id = new_dossier(store)
    number = DossierService(store, agent="x").record(dossier_id)["number"]

    def typed(line: str) -> None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(line.encode())))

    typed("TI-BRE-02-2026-999999\n")
    assert main(["erase", dossier_id, "--reason", "doublon", "--data-dir", str(data_dir)]) == 2
    err = capsys.readouterr().err
    assert f"type the dossier's number ({number})" in err and "nothing erased: confirm" in err
    assert DossierService(store, agent="x").record(dossier_id)["id"] == dossier_id
    assert main(["erase", "TI-BRE-02-2026-999999", "--reason", "doublon", "--yes",
                 "--data-dir", str(data_dir)]) == 2
    assert "no local dossier" in capsys.readouterr().err
    assert main(["erase", number, "--reason", "parce-que", "--yes",
                 "--data-dir", str(data_dir)]) == 2
    capsys.readouterr()
    typed(f"{number}\n")
    assert main(["erase", dossier_id, "--reason", "doublon", "--data-dir", str(data_dir)]) == 0
    assert "erased from this workstation (doublon)" in capsys.readouterr().out
    with store.session() as session:
        assert list(iter_export(session)) == []


def test_an_old_export_does_not_bring_an_erased_dossier_back(
        store: Store, data_dir: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    """`accueil-ti import` of an export made before the erasure skips the erased dossier."""
    dossier_id = new_dossier(store)
    number = DossierService(store, agent="x").record(dossier_id)["number"]
    old = tmp_path / "before.jsonl"
    assert main(["export", "--out", str(old), "--data-dir", str(data_dir)]) == 0
    assert number in old.read_text(encoding="utf-8")
    assert main(["erase", number, "--reason", "demande_personne", "--yes",
                 "--data-dir", str(data_dir)]) == 0
    capsys.readouterr()
    assert main(["import", str(old), "--data-dir", str(data_dir)]) == 0
    capsys.readouterr()
    with store.session() as session:
        assert list(iter_export(session)) == []
