"""The central store's audit log as a hash chain (issue 13): a fresh chain verifies; a row
deleted, inserted (back-dated), changed, or the table truncated — through SQL, bypassing the
application and its append-only triggers, as someone with the database's owner rights would —
is named by ``accueil-ti admin audit verify`` (exit 1); concurrent appends keep one chain."""

from __future__ import annotations

import io
import json
import sys
import threading
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Connection, Engine, create_engine, insert, select, text, update
from sqlalchemy.orm import Session

from app.cli import main
from app.server import audit, migrate
from app.server.db import open_engine
from app.server.models import AuditChainHead, AuditEntry
from app.server.services import common as service
from tests.server.conftest import START, Server, make_record


def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        *argv: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def url_of(server: Server) -> str:
    return server.app.state.engine.url.render_as_string(hide_password=False)


def busy_store(server: Server) -> int:
    """Pushes, pulls, partner reads: audit rows of every kind; their count."""
    bre, caf = server.login("bre"), server.login("p_caf")
    records = [make_record(n, oriented=("caf",)) for n in range(1, 6)]
    server.push(bre, *records)
    server.clock.advance(minutes=1)
    assert server.client.get("/sync/pull", headers=bre).status_code == 200
    server.clock.advance(minutes=1)
    assert server.client.get(f"/partner/dossiers/{records[0]['id']}",
                             headers=caf).status_code == 200
    assert server.client.get("/partner/dossiers", headers=caf).status_code == 200
    server.clock.advance(minutes=1)
    with Session(server.app.state.engine) as session:
        return session.scalar(select(AuditEntry.seq).order_by(AuditEntry.seq.desc())
                              .limit(1)) or 0


@pytest.fixture
def attacker(server: Server) -> Iterator[Engine]:
    """A plain engine on the store's database, with the append-only triggers lifted."""
    engine = create_engine(url_of(server))
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("ALTER TABLE audit_log DISABLE TRIGGER USER"))
        else:
            connection.execute(text("DROP TRIGGER audit_log_no_update"))
            connection.execute(text("DROP TRIGGER audit_log_no_delete"))
    yield engine
    engine.dispose()


def verdict(server: Server, expect: audit.Head | None = None) -> audit.Verdict:
    return audit.verify(server.app.state.engine, expect)


def row(connection: Connection, seq: int) -> AuditEntry:
    found = connection.execute(select(AuditEntry.__table__)
                               .where(AuditEntry.seq == seq)).one()
    return found  # type: ignore[return-value]


def test_a_fresh_chain_verifies(server: Server, capsys: pytest.CaptureFixture[str],
                                monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    rows = busy_store(server)
    assert rows >= 10
    result = verdict(server)
    assert result.ok and result.rows == rows
    head = audit.current_head(server.app.state.engine)
    assert (head.rows, head.head) == (rows, result.head)
    code, out, err = cli(capsys, monkeypatch, "admin", "audit", "verify",
                         "--database", url_of(server))
    assert code == 0, err
    assert out.strip() == f"audit: {rows} rows, chain intact, head {result.head}"
    code, out, err = cli(capsys, monkeypatch, "admin", "audit", "head",
                         "--database", url_of(server))
    assert code == 0, err
    exported = json.loads(out)
    assert exported["rows"] == rows and exported["head"] == result.head and exported["at"]
    kept = tmp_path / "head.json"
    kept.write_text(out, encoding="utf-8")
    server.client.get("/sync/pull", headers=server.login("bre"))  # the chain goes on
    code, out, err = cli(capsys, monkeypatch, "admin", "audit", "verify",
                         "--database", url_of(server), "--expect", str(kept))
    assert code == 0, err
    assert out.startswith("audit: ") and ", chain intact, head " in out
    assert int(out.split()[1]) > rows


def test_an_empty_store_verifies(server: Server) -> None:
    result = verdict(server)
    assert result.ok and result.rows == 0 and result.head == audit.GENESIS


def test_a_deleted_row_is_named(server: Server, attacker: Engine,
                                capsys: pytest.CaptureFixture[str],
                                monkeypatch: pytest.MonkeyPatch) -> None:
    rows = busy_store(server)
    with attacker.begin() as connection:
        connection.execute(text("DELETE FROM audit_log WHERE seq = 5"))
    code, out, _ = cli(capsys, monkeypatch, "admin", "audit", "verify",
                       "--database", url_of(server))
    assert code == 1
    assert out.strip() == "audit: row 5 deleted (the chain goes from row 4 to row 6)"
    with attacker.begin() as connection:  # the last row too: the head record still says
        connection.execute(text(f"DELETE FROM audit_log WHERE seq >= {rows - 1}"))
        connection.execute(text("DELETE FROM audit_log WHERE seq < 6"))
    assert verdict(server).problem == "rows 1 to 5 deleted (the chain goes from the start to " \
                                      "row 6)"


def test_a_deleted_last_row_is_named(server: Server, attacker: Engine) -> None:
    rows = busy_store(server)
    with attacker.begin() as connection:
        connection.execute(text(f"DELETE FROM audit_log WHERE seq = {rows}"))
    assert verdict(server).problem == (f"rows {rows} to {rows} deleted: table truncated to "
                                       f"{rows - 1} rows, the head record says {rows}")


def forged(seq: int, prev: str, days_back: int) -> dict[str, object]:
    """A row as an attacker who knows the hashing would write it."""
    at = START - timedelta(days=days_back)
    values = {"seq": seq, "at": at, "agent_login": "bre", "action": "read",
              "dossier_id": uuid.UUID(int=7), "detail": "", "prev_hash": prev}
    values["row_hash"] = audit.row_hash(seq, at, "bre", "read", uuid.UUID(int=7), "", prev)
    return values


def test_a_back_dated_inserted_row_is_named(server: Server, attacker: Engine,
                                            capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    rows = busy_store(server)
    before = verdict(server)
    # well forged, hashes right, dated a month back, the head record rewritten to match
    back_dated = forged(rows + 1, before.head, 30)
    with attacker.begin() as connection:
        connection.execute(insert(AuditEntry.__table__), back_dated)
        connection.execute(update(AuditChainHead.__table__).values(
            rows=rows + 1, head_hash=back_dated["row_hash"]))
    code, out, _ = cli(capsys, monkeypatch, "admin", "audit", "verify",
                       "--database", url_of(server))
    assert code == 1
    assert out.startswith(f"audit: row {rows + 1} inserted (dated 2026-10-21T09:00:00+00:00, "
                          f"before row {rows} at 2026-11-20T09:0")


def test_a_row_appended_behind_the_heads_back_is_named(server: Server,
                                                       attacker: Engine) -> None:
    rows = busy_store(server)
    before = verdict(server)
    with attacker.begin() as connection:  # dated plausibly, the head record left as it was
        connection.execute(insert(AuditEntry.__table__), forged(rows + 1, before.head, 0))
    assert verdict(server).problem == (f"row {rows + 1} inserted after the head (the head "
                                       f"record says {rows} rows, the table has {rows + 1})")


def test_a_row_added_after_an_export_yet_dated_before_it_is_named(server: Server,
                                                                   attacker: Engine) -> None:
    rows = busy_store(server)
    kept = audit.current_head(server.app.state.engine)
    assert kept.at is not None
    kept = audit.Head(kept.rows, kept.head, kept.at + timedelta(hours=1))  # exported later
    with attacker.begin() as connection:
        values = forged(rows + 1, kept.head, 0)
        connection.execute(insert(AuditEntry.__table__), values)
        connection.execute(update(AuditChainHead.__table__).values(
            rows=rows + 1, head_hash=values["row_hash"]))
    assert verdict(server).ok
    problem = verdict(server, kept).problem
    assert problem is not None
    assert problem.startswith(f"row {rows + 1} inserted (dated 2026-11-20T09:00:00+00:00, "
                              "before the exported head of ")


def test_a_row_slipped_in_with_a_taken_number_is_named(server: Server,
                                                       attacker: Engine) -> None:
    busy_store(server)
    with attacker.begin() as connection:
        if attacker.dialect.name == "postgresql":
            connection.execute(text("ALTER TABLE audit_log DROP CONSTRAINT uq_audit_log_seq"))
        else:
            pytest.skip("SQLite: dropping the unique constraint means rebuilding the table")
        third = row(connection, 3)
        connection.execute(insert(AuditEntry.__table__), forged(4, third.row_hash, 1))
    assert verdict(server).problem is not None
    assert verdict(server).problem.startswith("row 4 (id ")  # type: ignore[union-attr]
    assert "inserted (a second row numbered 4)" in verdict(server).problem  # type: ignore


def test_a_garbage_row_appended_is_named(server: Server, attacker: Engine) -> None:
    rows = busy_store(server)
    with attacker.begin() as connection:
        values = forged(rows + 1, "f" * 64, 0)
        values["row_hash"] = "e" * 64
        connection.execute(insert(AuditEntry.__table__), values)
        connection.execute(update(AuditChainHead.__table__).values(rows=rows + 1,
                                                                     head_hash="e" * 64))
    assert verdict(server).problem == (f"row {rows + 1} changed (hash mismatch; it does not "
                                       f"link to row {rows})")


def test_a_changed_column_is_named(server: Server, attacker: Engine,
                                   capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    busy_store(server)
    with attacker.begin() as connection:
        connection.execute(text("UPDATE audit_log SET agent_login = 'qui' WHERE seq = 7"))
    code, out, _ = cli(capsys, monkeypatch, "admin", "audit", "verify",
                       "--database", url_of(server))
    assert code == 1 and out.strip() == "audit: row 7 changed (hash mismatch)"
    # its hash recomputed as well: the next row no longer links to it
    with attacker.begin() as connection:
        seventh = row(connection, 7)
        digest = audit.row_hash(7, seventh.at, "qui", seventh.action, seventh.dossier_id,
                                seventh.detail, seventh.prev_hash)
        connection.execute(text("UPDATE audit_log SET row_hash = :h WHERE seq = 7"),
                           {"h": digest})
    assert verdict(server).problem == ("row 7 changed (row 8 no longer links to it: its hash "
                                       "was recomputed)")


def test_a_changed_date_is_named(server: Server, attacker: Engine) -> None:
    busy_store(server)
    with attacker.begin() as connection:
        connection.execute(update(AuditEntry.__table__).where(AuditEntry.seq == 2)
                           .values(at=START - timedelta(days=1)))
    assert verdict(server).problem == "row 2 changed (hash mismatch)"


def test_a_truncated_table_is_named(server: Server, attacker: Engine, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    rows = busy_store(server)
    kept = tmp_path / "head.json"
    code, out, _ = cli(capsys, monkeypatch, "admin", "audit", "head", "--database",
                       url_of(server))
    kept.write_text(out, encoding="utf-8")
    with attacker.begin() as connection:
        if attacker.dialect.name == "postgresql":
            connection.execute(text("TRUNCATE audit_log"))
        else:
            connection.execute(text("DELETE FROM audit_log"))
    code, out, _ = cli(capsys, monkeypatch, "admin", "audit", "verify",
                       "--database", url_of(server))
    assert code == 1
    assert out.strip() == f"audit: table truncated: 0 rows, the head record says {rows}"
    # the head record reset as well: only the exported head still knows
    with attacker.begin() as connection:
        connection.execute(update(AuditChainHead.__table__).values(rows=0,
                                                                     head_hash=audit.GENESIS))
    assert verdict(server).ok
    code, out, _ = cli(capsys, monkeypatch, "admin", "audit", "verify",
                       "--database", url_of(server), "--expect", str(kept))
    assert code == 1
    assert out.strip() == f"audit: table truncated: 0 rows, the exported head says {rows}"
    # the head record itself deleted
    with attacker.begin() as connection:
        connection.execute(text("DELETE FROM audit_chain_head"))
    assert verdict(server).problem == "the head record (audit_chain_head) is missing"


def test_a_chain_rewritten_from_scratch_is_caught_by_the_exported_head(
        server: Server, attacker: Engine) -> None:
    rows = busy_store(server)
    kept = audit.current_head(server.app.state.engine)
    with attacker.begin() as connection:  # row 3 removed, every later row renumbered
        old = [r for r in connection.execute(select(AuditEntry.__table__)
                                             .order_by(AuditEntry.seq)) if r.seq != 3]
        connection.execute(text("DELETE FROM audit_log"))
        prev = audit.GENESIS
        for seq, r in enumerate(old, start=1):
            digest = audit.row_hash(seq, r.at, r.agent_login, r.action, r.dossier_id,
                                    r.detail, prev)
            connection.execute(insert(AuditEntry.__table__).values(
                id=r.id, seq=seq, at=r.at, agent_login=r.agent_login, action=r.action,
                dossier_id=r.dossier_id, detail=r.detail, prev_hash=prev, row_hash=digest))
            prev = digest
        connection.execute(update(AuditChainHead.__table__).values(rows=rows - 1,
                                                                     head_hash=prev))
    assert verdict(server).ok  # consistent in itself…
    assert verdict(server, kept).problem == (  # …but not what was exported
        f"rows {rows} to {rows} deleted: table truncated to {rows - 1} rows, the exported "
        f"head says {rows}")
    server.client.get("/sync/pull", headers=server.login("bre"))  # one more honest row
    assert verdict(server, kept).problem == (
        f"row {rows} changed or the chain rewritten up to it (its hash differs from the "
        "exported head)")


def test_bad_expect_files_are_usage_errors(server: Server, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"rows": -1, "head": "x"}', encoding="utf-8")
    for target in (bad, tmp_path / "missing.json"):
        code, _, err = cli(capsys, monkeypatch, "admin", "audit", "verify",
                           "--database", url_of(server), "--expect", str(target))
        assert code == 2 and "--expect" in err


def test_concurrent_appends_keep_one_chain(server: Server) -> None:
    engine = server.app.state.engine
    threads_count, each = 4, 25
    barrier = threading.Barrier(threads_count)
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            barrier.wait()
            for i in range(each):
                with Session(engine) as session:
                    if i % 5 == 0:
                        audit.append(session, [
                            {"at": START, "agent_login": f"t{n}", "action": "read",
                             "dossier_id": None, "detail": str(k)} for k in range(3)])
                    else:
                        service.audit(session, f"t{n}", "read", None, START, str(i))
                    session.commit()
        except BaseException as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    result = verdict(server)
    assert result.ok, result.problem
    assert result.rows == threads_count * (each + 5 * 2)


def test_rows_already_there_are_chained_by_the_migration(database_url: str) -> None:
    engine = create_engine(database_url)
    with engine.begin() as connection:
        command.upgrade(migrate.alembic_config(connection), "0003")
        for n in range(1, 6):
            connection.execute(text(
                "INSERT INTO audit_log (at, agent_login, action, dossier_id, detail) "
                "VALUES (:at, :agent, 'read', NULL, :detail)"),
                {"at": (START + timedelta(minutes=n)).replace(tzinfo=None),
                 "agent": f"a{n}", "detail": "é" * n})
    engine.dispose()
    migrated = open_engine(database_url)
    try:
        result = audit.verify(migrated)
        assert result.ok and result.rows == 5, result.problem
        with Session(migrated) as session:
            assert [e["agent"] for e in audit.entries(session, newest_first=True)] == [
                "a5", "a4", "a3", "a2", "a1"]
            with pytest.raises(Exception, match="append-only"):
                session.execute(text("DELETE FROM audit_log"))
    finally:
        migrated.dispose()


def test_the_viewer_route_filters(server: Server) -> None:
    busy_store(server)
    admin = server.login("admin")
    everything = server.client.get("/admin/audit", headers=admin).json()["entries"]
    assert [e["seq"] for e in everything] == list(range(1, len(everything) + 1))
    partner = server.client.get("/admin/audit", headers=admin,
                                params={"agent": "p_caf", "action": "partner_*"}).json()
    assert {e["action"] for e in partner["entries"]} == {"partner_read", "partner_list"}
    newest = server.client.get("/admin/audit", headers=admin,
                               params={"order": "desc", "limit": 2}).json()["entries"]
    assert [e["seq"] for e in newest] == [everything[-1]["seq"], everything[-2]["seq"]]
    page = server.client.get("/admin/audit", headers=admin,
                             params={"order": "desc", "before": newest[-1]["seq"],
                                     "limit": 1}).json()["entries"]
    assert page[0]["seq"] == newest[-1]["seq"] - 1
    later = server.client.get("/admin/audit", headers=admin, params={
        "since": (START + timedelta(minutes=2)).isoformat()}).json()["entries"]
    assert later and all(e["at"] >= (START + timedelta(minutes=2)).isoformat() for e in later)
    naive = server.client.get("/admin/audit", headers=admin,
                              params={"until": "2026-11-20T09:00:30"}).json()["entries"]
    assert naive and all(e["action"].startswith("push_") for e in naive)
    assert server.client.get("/admin/audit", headers=server.login("bre")).status_code == 403


def test_the_accesses_of_one_dossier(server: Server) -> None:
    busy_store(server)
    record = make_record(1, oriented=("caf",))
    bre = server.login("bre")
    response = server.client.get(f"/dossiers/{record['id']}/accesses", headers=bre)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["dossier_id"] == record["id"]
    assert [(a["agent"], a["action"]) for a in body["accesses"]] == [
        ("bre", "push_accepted"), ("bre", "pull"), ("p_caf", "partner_read"),
        ("p_caf", "partner_list")]
    assert body["accesses"][2]["organisme"] == "caf"
    assert body["accesses"][2]["role"] == "partenaire"
    again = server.client.get(f"/dossiers/{record['id']}/accesses", headers=bre).json()
    assert again["accesses"][-1]["action"] == "read_accesses"  # the reading itself is kept
    assert server.client.get(f"/dossiers/{record['id']}/accesses",
                             headers=server.login("qui")).status_code == 404
    assert server.client.get(f"/dossiers/{uuid.uuid4()}/accesses",
                             headers=bre).status_code == 404
    assert server.client.get(f"/dossiers/{record['id']}/accesses",
                             headers=server.login("p_caf")).status_code == 403
