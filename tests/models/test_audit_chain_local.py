"""The workstation's history as a hash chain (issue 13): every act chained as it is written,
imports too; a row changed, deleted, slipped in, or the table emptied through SQL on the
(SQLCipher) local store is named by app.models.audit_chain.verify_local."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import insert, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.models import audit_chain
from app.models import repository as repo
from app.models.database import Store, open_store
from app.models.entities import AuditChainHead, AuditLog, Dossier
from tests.models.conftest import T0, new_dossier


@pytest.fixture
def other(keyring_backend: object, tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "other", site_code="QUI", workstation_code="01") as s:
        yield s


def busy(store: Store, session: Session) -> int:
    first = new_dossier(session, store)
    repo.save_answer(session, first, "Q01", "dette", agent="agent.test", now=T0)
    with repo.change(session, first, now=T0 + timedelta(minutes=1)):
        repo.set_status(session, first, "complet", agent="b", now=T0 + timedelta(minutes=1))
        repo.set_urgent(session, first, True, agent="b", now=T0 + timedelta(minutes=1))
    session.commit()
    second = new_dossier(session, store)
    repo.set_urgent(session, second, True, agent="b", now=T0 + timedelta(minutes=2))
    session.commit()
    return int(session.scalar(select(AuditLog.seq).order_by(AuditLog.seq.desc()).limit(1)) or 0)


def lift_triggers(store: Store) -> None:
    with store.engine.begin() as connection:
        connection.execute(text("DROP TRIGGER audit_log_no_update"))
        connection.execute(text("DROP TRIGGER audit_log_no_delete"))


def test_the_history_is_chained_as_it_is_written(store: Store, session: Session) -> None:
    rows = busy(store, session)
    assert rows >= 5
    verdict = audit_chain.verify_local(store.engine)
    assert verdict.ok and verdict.rows == rows, verdict.problem
    assert audit_chain.local_head(store.engine).head == verdict.head
    seqs = list(session.scalars(select(AuditLog.seq).order_by(AuditLog.id)))
    assert seqs == list(range(1, rows + 1))
    with pytest.raises(IntegrityError, match="append-only"):
        session.execute(text("DELETE FROM audit_log WHERE seq = 1"))


def test_imported_rows_are_chained_too(store: Store, session: Session, other: Store) -> None:
    busy(store, session)
    records = [repo.to_export(d) for d in session.scalars(select(Dossier))]
    with other.session() as target:
        repo.import_records(target, records, now=T0 + timedelta(hours=1))
        repo.set_urgent(target, target.scalars(select(Dossier)).first(),  # type: ignore
                        False, agent="c", now=T0 + timedelta(hours=2))
        target.commit()
    verdict = audit_chain.verify_local(other.engine)
    assert verdict.ok and verdict.rows == len(records) + 1, verdict.problem


def test_tampering_through_sql_is_named(store: Store, session: Session) -> None:
    rows = busy(store, session)
    session.close()
    lift_triggers(store)
    with store.engine.begin() as connection:
        connection.execute(text("UPDATE audit_log SET agent = 'x' WHERE seq = 2"))
    assert audit_chain.verify_local(store.engine).problem == "row 2 changed (hash mismatch)"
    with store.engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_log WHERE seq = 2"))
    assert audit_chain.verify_local(store.engine).problem == (
        "row 2 deleted (the chain goes from row 1 to row 3)")
    with store.engine.begin() as connection:
        third = connection.execute(select(AuditLog.__table__).where(AuditLog.seq == 1)).one()
        at = T0 - timedelta(days=40)
        connection.execute(insert(AuditLog.__table__).values(
            seq=2, at=at, agent="x", dossier_id=third.dossier_id, action="read", detail="{}",
            prev_hash=third.row_hash,
            row_hash=audit_chain.row_hash(2, at, "x", "read", third.dossier_id, "{}",
                                          third.row_hash)))
    problem = audit_chain.verify_local(store.engine).problem
    assert problem is not None
    assert problem.startswith("row 2 (id ")
    assert problem.endswith(") inserted (dated 2026-01-21T09:30:00+00:00, before row 1 at "
                            "2026-03-02T09:30:00+00:00)")
    with store.engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_log"))
    assert audit_chain.verify_local(store.engine).problem == (
        f"table truncated: 0 rows, the head record says {rows}")
    with store.engine.begin() as connection:
        connection.execute(update(AuditChainHead.__table__).values(rows=0,
                                                                   head_hash=audit_chain.GENESIS))
    assert audit_chain.verify_local(store.engine).ok
    kept = audit_chain.Head(rows, "a" * 64, T0)
    assert audit_chain.verify_local(store.engine, kept).problem == (
        f"table truncated: 0 rows, the exported head says {rows}")


def test_the_history_already_there_is_chained_by_the_migration(tmp_path: Path) -> None:
    from alembic import command

    from app.models import migrate
    from app.models.database import make_engine

    engine = make_engine(tmp_path / "old.db", "cd" * 32)
    try:
        with engine.begin() as connection:
            command.upgrade(migrate.alembic_config(connection), "0006")
            for n in range(1, 4):
                connection.execute(text(
                    "INSERT INTO audit_log (at, agent, dossier_id, action, detail) "
                    "VALUES (:at, :agent, NULL, 'create', '{}')"),
                    {"at": (T0 + timedelta(minutes=n)).replace(tzinfo=None).isoformat(" "),
                     "agent": f"agent {n}"})
        migrate.upgrade(engine)
        verdict = audit_chain.verify_local(engine)
        assert verdict.ok and verdict.rows == 3, verdict.problem
        with engine.begin() as connection, pytest.raises(IntegrityError, match="append-only"):
            connection.execute(text("UPDATE audit_log SET agent = 'x'"))
    finally:
        engine.dispose()
